/* three.c - run by test_runtime and tests/e2e/update.sh: three functions
 * calling one another, built twice, with and without -DCHANGE_ALPHA,
 * which changes alpha's body (and makes it longer, so that the functions
 * after it move): only alpha's checksum may change. */
#include <stdio.h>

static volatile int sink;

__attribute__((noinline)) int alpha(int n)
{
	int s = 0, i;

	for (i = 0; i < n; i++) {
#ifdef CHANGE_ALPHA
		s += i * 5 + (i >> 2);
		if (s & 64)
			sink = s ^ n;
		s -= n * i;
#else
		s += i * 3;
#endif
	}
	sink = s;
	return s;
}

__attribute__((noinline)) int beta(int n)
{
	return alpha(n) + 7;
}

__attribute__((noinline)) int gamma_(int n)
{
	static const char *const msg[] = {"odd", "even"};

	sink = msg[n & 1][0];
	return beta(n) * 2;
}

int main(void)
{
	int i, r = 0;

	for (i = 0; i < 100; i++)
		r += gamma_(i);
	printf("%d\n", r % 1000);
	return 0;
}
