/* statics.h - a static inline function of a header, so that each unit
 * including it has a copy of its own (at -O0, nothing is inlined). */
static inline int mix(int x)
{
	return x * 31 + 7;
}

int from_a(int x);
int from_b(int x);
