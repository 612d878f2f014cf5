/* statics-b.c - the second unit of statics-a.c's program. */
#include "statics.h"

int from_b(int x)
{
	return mix(x) + 1;
}
