/* sleep.c - run by test_runtime: sleeper() takes 50 ms, work() calls it
 * and does next to nothing itself; exits with status 3 on purpose. */
#include <stdio.h>
#include <time.h>

void sleeper(void)
{
	struct timespec ts = {0, 50 * 1000 * 1000};

	while (nanosleep(&ts, &ts) != 0)
		;
}

void work(void)
{
	sleeper();
}

int main(void)
{
	work();
	return 3;
}
