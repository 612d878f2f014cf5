/* longjmp.c - run by test_runtime: longjmp skips the exits of the frames
 * it unwinds; the calls are still counted exactly. */
#include <setjmp.h>
#include <stdio.h>

static jmp_buf env;
static volatile int sink;

void deep(int n)
{
	if (n == 0)
		longjmp(env, 1);
	deep(n - 1);
	sink++;
}

void after(void)
{
	sink++;
}

int main(void)
{
	int i;

	for (i = 0; i < 10; i++) {
		if (!setjmp(env))
			deep(5);
		after();
	}
	printf("%d\n", sink);
	return 0;
}
