/* blocks.c - run by test_runtime at -O0: line counts of whole blocks
 * (clang's PC table). The loop body is one block of three lines, run 1000
 * times (only its first line starts the block); the branch on argc never
 * runs, so its two lines count 0; unused() never runs at all, so it has no
 * record. The last two lines of main are one block, run once. Keep one
 * statement per line: the test finds lines by their text. */
#include <stdio.h>

static volatile long sink;

static void unused(void)
{
	sink = -1; /* unused body */
}

int main(int argc, char **argv)
{
	long i, s = 0;

	(void)argv;
	for (i = 0; i < 1000; i++) {
		s += i;	     /* body 1 */
		s ^= s >> 3; /* body 2 */
		s *= 5;	     /* body 3 */
	}
	if (argc > 100) {
		s = 0;	  /* never 1 */
		unused(); /* never 2 */
	}
	sink = s;	    /* tail 1 */
	printf("%ld\n", s); /* tail 2 */
	return 0;
}
