/* spread.c - run by test_runtime: main -> work -> 400 functions that
 * sleep 300 us each, so that the sampler meets hundreds of functions
 * (its tables grow while it samples). */
#include <unistd.h>

#define ONE(n)	   static void f##n(void) { usleep(300); }
#define TEN(n)	   ONE(n##0) ONE(n##1) ONE(n##2) ONE(n##3) ONE(n##4) \
		   ONE(n##5) ONE(n##6) ONE(n##7) ONE(n##8) ONE(n##9)
#define HUNDRED(n) TEN(n##0) TEN(n##1) TEN(n##2) TEN(n##3) TEN(n##4) \
		   TEN(n##5) TEN(n##6) TEN(n##7) TEN(n##8) TEN(n##9)
#define R1(n)	   f##n,
#define R10(n)	   R1(n##0) R1(n##1) R1(n##2) R1(n##3) R1(n##4) \
		   R1(n##5) R1(n##6) R1(n##7) R1(n##8) R1(n##9)
#define R100(n)	   R10(n##0) R10(n##1) R10(n##2) R10(n##3) R10(n##4) \
		   R10(n##5) R10(n##6) R10(n##7) R10(n##8) R10(n##9)

HUNDRED(1) HUNDRED(2) HUNDRED(3) HUNDRED(4)

static void (*const table[])(void) = {R100(1) R100(2) R100(3) R100(4)};

void work(void)
{
	unsigned i;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		table[i]();
}

int main(void)
{
	work();
	return 0;
}
