#include "wordfreq.h"

static const char *const syllables[] = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo"};

static uint64_t next(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

void text_next_word(uint64_t *state, char *word, size_t size)
{
	uint64_t r = next(state);
	size_t n = 1 + r % 3, i, len = 0;

	for (i = 0; i < n && len + 3 < size; i++) {
		const char *s = syllables[(r >> (8 * i + 4)) & 7];

		word[len++] = s[0];
		word[len++] = s[1];
	}
	word[len] = '\0';
}
