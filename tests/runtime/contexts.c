/* contexts.c - run by test_runtime: the calling-context tree.
 *
 * "split": main calls a and b, each calls c 5 times, c doing 10 times as
 * much work under a. "rec": rec recursing 1000 deep (calling leaf at each
 * level), and ping and pong calling each other 1000 deep. "threads": two
 * threads run worker, which calls x 3 times on one and y 4 times on the
 * other, and z once on both.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static volatile unsigned long sink;
static unsigned long unit = 2000000; /* loop turns per unit of work */

void c(int units)
{
	unsigned long i, n = (unsigned long)units * unit;

	for (i = 0; i < n; i++)
		sink += i;
}

void a(void)
{
	int i;

	for (i = 0; i < 5; i++)
		c(10);
}

void b(void)
{
	int i;

	for (i = 0; i < 5; i++)
		c(1);
}

void leaf(void)
{
	sink++;
}

void rec(int n)
{
	leaf();
	if (n > 0)
		rec(n - 1);
}

void pong(int n);

void ping(int n)
{
	if (n > 0)
		pong(n - 1);
}

void pong(int n)
{
	if (n > 0)
		ping(n - 1);
}

void x(void)
{
	sink++;
}

void y(void)
{
	sink++;
}

void z(void)
{
	sink++;
}

void *worker(void *arg)
{
	int i, which = *(int *)arg;

	for (i = 0; i < (which ? 4 : 3); i++) {
		if (which)
			y();
		else
			x();
	}
	z();
	return NULL;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "split";

	if (argc > 2)
		unit = strtoul(argv[2], NULL, 10);
	if (!strcmp(mode, "split")) {
		a();
		b();
	} else if (!strcmp(mode, "rec")) {
		rec(1000);
		ping(1000);
	} else if (!strcmp(mode, "threads")) {
		pthread_t th[2];
		int which[2] = {0, 1}, i;

		for (i = 0; i < 2; i++)
			if (pthread_create(&th[i], NULL, worker, &which[i]) != 0)
				return 1;
		for (i = 0; i < 2; i++)
			pthread_join(th[i], NULL);
	} else
		return 2;
	return 0;
}
