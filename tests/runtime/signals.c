/* signals.c - run by test_runtime: a signal handler that calls an
 * instrumented function, interrupting the hooks at any point (a timer
 * every 20 us), while main calls f at least a million times and until the
 * handler ran 2000 times. Prints the calls of f and the runs of the
 * handler. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static volatile long sink;
static volatile sig_atomic_t handled;

void tick(void)
{
	sink++;
}

static void on_signal(int sig)
{
	(void)sig;
	tick();
	handled++;
}

void f(long i)
{
	sink += i;
}

int main(void)
{
	struct itimerspec it = {{0, 20000}, {0, 20000}};
	struct sigevent ev;
	struct sigaction sa;
	timer_t timer;
	long i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGUSR1;
	if (timer_create(CLOCK_MONOTONIC, &ev, &timer) != 0 || timer_settime(timer, 0, &it, NULL) != 0)
		return 1;
	for (i = 0; i < 1000000 || handled < 2000; i++)
		f(i);
	timer_delete(timer);
	printf("%ld %ld\n", i, (long)handled);
	return 0;
}
