/* statics-a.c - run by test_runtime with statics-b.c: each has its copy of
 * statics.h's mix, called 3 times here and 5 times there. */
#include <stdio.h>

#include "statics.h"

int from_a(int x)
{
	return mix(x);
}

int main(void)
{
	int i, r = 0;

	for (i = 0; i < 3; i++)
		r += from_a(i);
	for (i = 0; i < 5; i++)
		r += from_b(i);
	printf("%d\n", r);
	return 0;
}
