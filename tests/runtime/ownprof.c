/* ownprof.c - run by test_runtime: a program that profiles itself the
 * way gprof does, with its own SIGPROF handler and ITIMER_PROF, while
 * f() spins for 200 ms of CPU time; prints how often its handler ran. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

static volatile sig_atomic_t ticks;
static volatile unsigned long sink;

static void on_prof(int sig)
{
	(void)sig;
	ticks++;
}

void f(unsigned long i)
{
	sink += i;
}

int main(void)
{
	struct itimerval it = {{0, 1000}, {0, 1000}};
	struct sigaction sa;
	struct timespec ts;
	unsigned long i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_prof;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGPROF, &sa, NULL);
	setitimer(ITIMER_PROF, &it, NULL);
	for (i = 0;; i++) {
		f(i);
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
		if (ts.tv_sec * 1000000000L + ts.tv_nsec > 200000000L)
			break;
	}
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_PROF, &it, NULL);
	printf("%ld %lu\n", (long)ticks, i + 1);
	return 0;
}
