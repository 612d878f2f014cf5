/* race.c - run by test_runtime: four threads call as fast as they can for
 * about a second, along two chains of one depth (a1 -> a2 -> a3 and
 * b1 -> b2 -> b3) and through a recursion of changing depth, so that a
 * stack read while it changes could pair a frame with a caller it never
 * had (a1 -> b2, b2 -> a3, a1 -> rec...). */
#include <pthread.h>
#include <time.h>

static volatile unsigned long sink;

void a3(void)
{
	sink++;
}

void a2(void)
{
	a3();
}

void a1(void)
{
	a2();
}

void b3(void)
{
	sink += 2;
}

void b2(void)
{
	b3();
}

void b1(void)
{
	b2();
}

void rec(unsigned n)
{
	if (n)
		rec(n - 1);
}

static double seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void worker(void)
{
	double end = seconds() + 1.0;
	unsigned i = 0;

	while (seconds() < end)
		for (unsigned k = 0; k < 1000; k++, i++) {
			a1();
			b1();
			rec(i % 7);
		}
}

static void *run(void *arg)
{
	worker();
	return arg;
}

int main(void)
{
	pthread_t t[4];
	int i;

	for (i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, run, NULL);
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	return 0;
}
