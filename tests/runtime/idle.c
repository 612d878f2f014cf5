/* idle.c - run by test_runtime: nap() sleeps a second; then main prints
 * the CPU time the process used meanwhile (user + system, microseconds)
 * and its number of threads. */
#include <dirent.h>
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>

void nap(void)
{
	struct timespec ts = {1, 0};

	while (nanosleep(&ts, &ts) != 0)
		;
}

static int threads(void)
{
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)))
		n += e->d_name[0] != '.';
	if (d)
		closedir(d);
	return n;
}

static long cpu_us(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000 + ru.ru_utime.tv_usec +
	       ru.ru_stime.tv_usec;
}

int main(void)
{
	long before = cpu_us();

	nap();
	printf("%ld %d\n", cpu_us() - before, threads());
	return 0;
}
