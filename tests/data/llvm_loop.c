/* llvm_loop.c - the program of test_export_llvm.c's real-tool tests: its
 * profile names these line numbers, keep them where they are. */
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static long work(long n)
{
	long s = 0;
	for (long i = 0; i < n; i++)
		s += i * i % 7;
	return s;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000;
	printf("%ld\n", work(n));
	return 0;
}
