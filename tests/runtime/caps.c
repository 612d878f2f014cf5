/* caps.c - run by test_runtime: the calling-context tree's caps.
 *
 * 600 functions f0..f599, each calling act(n), which is not
 * instrumented, so that fn's callees are the functions act calls.
 * "chain": f0 calls f1 ... calls f299, 300 deep (the depth cap is 256).
 * "wide": main calls f0..f259, each of which calls f260..f519: 67,861
 * paths (the cap of a thread's tree is 65,535).
 */
#include <string.h>

static int wide;

__attribute__((no_instrument_function)) static void act(int n);

#define F(n)	   void f##n(void) { act(n); }
#define F10(p)	   F(p##0) F(p##1) F(p##2) F(p##3) F(p##4) F(p##5) F(p##6) F(p##7) F(p##8) F(p##9)
#define F100(p)	   F10(p##0) F10(p##1) F10(p##2) F10(p##3) F10(p##4) \
		   F10(p##5) F10(p##6) F10(p##7) F10(p##8) F10(p##9)
#define ALL	   F10() F10(1) F10(2) F10(3) F10(4) F10(5) F10(6) F10(7) F10(8) F10(9) \
		   F100(1) F100(2) F100(3) F100(4) F100(5)
ALL
#undef F
#define F(n) f##n,
static void (*const fns[600])(void) = {ALL};

static void act(int n)
{
	int j;

	if (!wide && n + 1 < 300)
		fns[n + 1]();
	else if (wide && n < 260)
		for (j = 260; j < 520; j++)
			fns[j]();
}

int main(int argc, char **argv)
{
	int i;

	wide = argc > 1 && !strcmp(argv[1], "wide");
	if (!wide)
		fns[0]();
	else
		for (i = 0; i < 260; i++)
			fns[i]();
	return 0;
}
