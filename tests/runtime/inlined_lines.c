/* inlined_lines.c (at -O1: inlined, not unrolled): sum_to inlined into a()
 * and b(); its loop body runs 1000 times in a's copy, 500 in b's. */
#include <stdio.h>

static inline __attribute__((always_inline)) unsigned sum_to(unsigned n)
{
	unsigned s = 0, i;

	for (i = 0; i < n; i++)
		s += i * 3 + (s >> 7); /* sum_to body */
	return s;
}

__attribute__((noinline)) unsigned a(unsigned n)
{
	return sum_to(n);
}

__attribute__((noinline)) unsigned b(unsigned n)
{
	return sum_to(n) + 1;
}

int main(void)
{
	volatile unsigned n1 = 1000, n2 = 500;

	printf("%u\n", a(n1) + b(n2));
	return 0;
}
