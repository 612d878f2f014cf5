/* dump.c - run by test_runtime: vitprof_dump_to() in the middle of a run
 * writes what was counted so far; the profile at exit has everything. */
#include <stdio.h>

#include "vitprof.h"

static volatile int sink;

void f(int i)
{
	sink += i;
}

int main(int argc, char **argv)
{
	int i;

	for (i = 0; i < 5; i++)
		f(i);
	if (argc > 1 && vitprof_dump_to(argv[1]) != 0)
		return 1;
	for (i = 0; i < 5; i++)
		f(i);
	return 0;
}
