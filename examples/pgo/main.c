/* wordfreq N: count the N words of a generated text, print the 5 most common. */
#include <stdio.h>
#include <stdlib.h>

#include "wordfreq.h"

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100000, i;
	uint64_t state = 88172645463325252u;
	struct table t;
	char word[16];

	table_init(&t, 1024);
	for (i = 0; i < n; i++) {
		text_next_word(&state, word, sizeof(word));
		table_add(&t, word);
	}
	table_sort(&t);
	for (i = 0; i < 5 && i < (long)t.n; i++)
		printf("%s %llu\n", t.v[i].word, (unsigned long long)t.v[i].count);
	table_free(&t);
	return 0;
}
