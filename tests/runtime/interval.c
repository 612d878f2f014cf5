/* interval.c - run by test_runtime with VITPROF_INTERVAL: calls f() 5
 * times, then waits (2 s at most) for the runtime's periodic dump to write
 * argv[1] twice after it removed it (the second dump began after the
 * first one's rename, so after the calls), copies it to argv[2], calls
 * f() 5 more times; prints 1 when the dumps came, 0 when not. */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static volatile int sink;

void f(int i)
{
	sink += i;
}

static int appears(const char *path)
{
	struct timespec ts = {0, 10 * 1000 * 1000};
	int i;

	unlink(path);
	for (i = 0; i < 200; i++) {
		if (access(path, F_OK) == 0)
			return 1;
		nanosleep(&ts, NULL);
	}
	return 0;
}

static int copy(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char buf[4096];
	size_t n;
	int ok = in && out;

	while (ok && (n = fread(buf, 1, sizeof(buf), in)) > 0)
		ok = fwrite(buf, 1, n, out) == n;
	if (in)
		fclose(in);
	if (out && fclose(out) != 0)
		ok = 0;
	return ok;
}

int main(int argc, char **argv)
{
	int i, dumped;

	if (argc < 3)
		return 2;
	for (i = 0; i < 5; i++)
		f(i);
	dumped = appears(argv[1]) && appears(argv[1]) && copy(argv[1], argv[2]);
	for (i = 0; i < 5; i++)
		f(i);
	printf("%d\n", dumped);
	return 0;
}
