/* threads.c - run by test_runtime: two threads call f 1000 times each. */
#include <pthread.h>
#include <stdio.h>

static volatile int sink;

void f(int i)
{
	sink += i;
}

static void *worker(void *arg)
{
	int i;

	for (i = 0; i < 1000; i++)
		f(i);
	return arg;
}

int main(void)
{
	pthread_t a, b;

	pthread_create(&a, NULL, worker, NULL);
	pthread_create(&b, NULL, worker, NULL);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("%d\n", sink);
	return 0;
}
