/* lines.c - run by test_runtime: line counts from coverage callbacks.
 * The loop body runs 100000 times, its branch is taken 25000 times, square()
 * is called 25050 times; with an argument, as many threads each run the
 * loop. Keep one statement per line: the test finds lines by their text. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define N 100000

static volatile long sink;

static long square(long x) { return x * x; }

static void *loop(void *arg)
{
	long i, s = 0;

	for (i = 0; i < N; i++) {
		s += i; /* loop body */
		if (i % 4 == 0)
			s += square(i); /* then */
	}
	sink += s;
	return arg;
}

int main(int argc, char **argv)
{
	pthread_t th[16];
	int i, n = argc > 1 ? atoi(argv[1]) : 0;

	if (n < 1 || n > 16) {
		loop(NULL);
		for (i = 0; i < 50; i++)
			sink += square(i); /* 50 more */
		printf("%ld\n", sink);
		return 0;
	}
	for (i = 0; i < n; i++)
		pthread_create(&th[i], NULL, loop, NULL);
	for (i = 0; i < n; i++)
		pthread_join(th[i], NULL);
	printf("%ld\n", sink);
	return 0;
}
