/* clash.c - run by test_runtime: a program that defines functions with
 * the names of libvitprof's internals links and runs with its own. */
#include <stdio.h>

int xmalloc(int x);
int profile_new(void);
int sb_add(int a, int b);
int file_write_atomic(void);

int xmalloc(int x)
{
	return x * 2;
}

int profile_new(void)
{
	return 20;
}

int sb_add(int a, int b)
{
	return a + b;
}

int file_write_atomic(void)
{
	return 1;
}

int main(void)
{
	printf("mine %d\n", sb_add(xmalloc(profile_new()), 2 * file_write_atomic()));
	return 0;
}
