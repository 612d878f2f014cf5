/* hot.c - run by test_runtime: hot() runs a loop of N iterations (the
 * argument), with no call in it; main calls it once. */
#include <stdlib.h>

static volatile unsigned long sink;

unsigned long hot(unsigned long n)
{
	unsigned long x = 0, i;

	for (i = 0; i < n; i++)		     /* loop test */
		x = x * 31 + (i ^ (x >> 7)); /* loop body */
	return x;
}

int main(int argc, char **argv)
{
	sink = hot(argc > 1 ? strtoul(argv[1], NULL, 10) : 1000);
	return 0;
}
