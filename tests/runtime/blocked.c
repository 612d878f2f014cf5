/* blocked.c - run by test_runtime: busy() spins on one thread while three
 * threads wait in waiter() on a condition variable until it is done;
 * prints busy()'s CPU time and the run's wall time, in nanoseconds. */
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done_cond = PTHREAD_COND_INITIALIZER;
static int done;
static volatile unsigned long sink;
static unsigned long long busy_cpu;

static unsigned long long now(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000u + (unsigned long long)ts.tv_nsec;
}

void step(unsigned long i)
{
	sink += i;
}

/* 300 ms of CPU time */
void busy(void)
{
	unsigned long long t0 = now(CLOCK_THREAD_CPUTIME_ID);
	unsigned long i = 0;

	while (now(CLOCK_THREAD_CPUTIME_ID) - t0 < 300000000u)
		for (int k = 0; k < 1000; k++)
			step(i++);
	busy_cpu = now(CLOCK_THREAD_CPUTIME_ID) - t0;
}

void waiter(void)
{
	pthread_mutex_lock(&lock);
	while (!done)
		pthread_cond_wait(&done_cond, &lock);
	pthread_mutex_unlock(&lock);
}

static void *run_busy(void *arg)
{
	busy();
	pthread_mutex_lock(&lock);
	done = 1;
	pthread_cond_broadcast(&done_cond);
	pthread_mutex_unlock(&lock);
	return arg;
}

static void *run_waiter(void *arg)
{
	waiter();
	return arg;
}

int main(void)
{
	pthread_t b, w[3];
	unsigned long long t0 = now(CLOCK_MONOTONIC);
	int i;

	for (i = 0; i < 3; i++)
		pthread_create(&w[i], NULL, run_waiter, NULL);
	pthread_create(&b, NULL, run_busy, NULL);
	pthread_join(b, NULL);
	for (i = 0; i < 3; i++)
		pthread_join(w[i], NULL);
	printf("%llu %llu\n", busy_cpu, now(CLOCK_MONOTONIC) - t0);
	return 0;
}
