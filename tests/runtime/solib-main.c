/* solib-main.c - run by test_runtime: calls lib_work of libsolib.so
 * (solib.c) seven times. */
#include <stdio.h>

int lib_work(int n);

int main(void)
{
	int i, r = 0;

	for (i = 0; i < 7; i++)
		r = lib_work(i);
	printf("%d\n", r);
	return 0;
}
