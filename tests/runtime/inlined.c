/* inlined.c - run by test_runtime: gcc keeps the hooks of a function it
 * inlines, with the call site of the function it is inlined into; leaf
 * is inlined into a and b, both called from one indirect call site. */
#include <stdio.h>

static volatile int sink;

static inline __attribute__((always_inline)) void leaf(void)
{
	sink++;
}

void a(void)
{
	leaf();
	leaf();
}

void b(void)
{
	leaf();
}

void (*volatile table[2])(void) = {a, b};

int main(void)
{
	int i;

	for (i = 0; i < 1000; i++)
		table[i & 1]();
	printf("%d\n", sink);
	return 0;
}
