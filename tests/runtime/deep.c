/* deep.c - run by test_runtime: on a thread with a 256 MiB stack, down()
 * recurses 500,000 deep and spin() at the bottom runs for 200 ms of CPU
 * time; prints spin()'s CPU time in nanoseconds. */
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static volatile unsigned long sink;
static unsigned long long spun;

static unsigned long long cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000u + (unsigned long long)ts.tv_nsec;
}

void spin(void)
{
	unsigned long long t0 = cpu_ns();

	while (cpu_ns() - t0 < 200000000u)
		sink++;
	spun = cpu_ns() - t0;
}

void down(unsigned n)
{
	if (n)
		down(n - 1);
	else
		spin();
	sink++; /* not a tail call */
}

static void *run(void *arg)
{
	down(500000);
	return arg;
}

int main(void)
{
	pthread_attr_t attr;
	pthread_t t;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, (size_t)256 << 20);
	if (pthread_create(&t, &attr, run, NULL) != 0)
		return 1;
	pthread_join(t, NULL);
	printf("%llu\n", spun);
	return 0;
}
