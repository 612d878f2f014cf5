/* sites.c - run by test_runtime: branch and loop counters, exact. */
#include <stdio.h>

#include "vitprof.h"

static int classify(int i)
{
	if (VITPROF_BRANCH(i % 3 == 0))
		return 1;
	return 0;
}

int main(void)
{
	int i, j, k = 0, s = 0;

	VITPROF_LOOP(for (i = 0; i < 100; i++)) s += classify(i);
	VITPROF_LOOP_NAMED("outer", for (i = 0; i < 10; i++))
	{
		VITPROF_LOOP_NAMED("inner", for (j = 0; j < i; j++))
		{
			if (j == 5)
				break;
			s++;
		}
	}
	VITPROF_LOOP(while (k < 7)) k++;
	VITPROF_LOOP(do)
	{
		k--;
	}
	while (k > 0)
		;
	for (i = 0; i < 4; i++)
		if (VITPROF_BRANCH_ID("never", i > 100))
			s = -1;
	printf("%d %d\n", s, k);
	return 0;
}
