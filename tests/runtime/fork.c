/* fork.c - run by test_runtime: a forked child writes a profile of its
 * own. The parent calls f 10 times, the child 5, the parent 3 more; the
 * child also spins for 50 ms of CPU time in spin(). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile int sink;

void f(int i)
{
	sink += i;
}

void spin(void)
{
	struct timespec ts;

	do
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	while (ts.tv_sec == 0 && ts.tv_nsec < 50000000);
}

int main(void)
{
	pid_t pid;
	int i, status;

	for (i = 0; i < 10; i++)
		f(i);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		for (i = 0; i < 5; i++)
			f(i);
		spin();
		exit(0);
	}
	waitpid(pid, &status, 0);
	for (i = 0; i < 3; i++)
		f(i);
	printf("%ld\n", (long)pid);
	return 0;
}
