/* discs.c - run by test_runtime: the counts of the blocks that share a
 * line, told apart by their discriminators (clang -fdebug-info-for-profiling).
 * Of the 1000 rounds, 500 are even and 100 of those multiples of 5 too.
 * Keep the test's line as it is: the test finds it by its text. */
static volatile int sink;

int main(void)
{
	int i;

	for (i = 0; i < 1000; i++)
		if (i % 2 == 0 && i % 5 == 0) sink++; /* two branches */
	return 0;
}
