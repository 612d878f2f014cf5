/* wordfreq.h - count the words of a generated text, print the most common. */
#ifndef WORDFREQ_H
#define WORDFREQ_H

#include <stddef.h>
#include <stdint.h>

struct entry {
	char word[16];
	uint64_t count;
};

struct table {
	struct entry *v;
	size_t cap, n;
};

/* text.c: n words of a deterministic pseudo-random text, one per call. */
void text_next_word(uint64_t *state, char *word, size_t size);

/* table.c: an open-addressing table of word counts. */
void table_init(struct table *t, size_t cap);
void table_add(struct table *t, const char *word);
void table_sort(struct table *t);
void table_free(struct table *t);

#endif
