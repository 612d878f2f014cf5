/* folded.c - import folded stacks ("a;b;c COUNT", as stackcollapse-perf.pl
 * and many profilers write them): one line per distinct stack, outermost
 * frame first, and how many samples had it. The mapping is documented in
 * docs/import-formats.md. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "loaders/import_build.h"
#include "loaders/loader.h"
#include "src/base/alloc.h"

/* The count at the end of a line: digits after its last space; the
 * offset of the space in *space, or an error. */
static enum status folded_count(const char *path, const char *buf, size_t len, const char *s,
				size_t n, size_t *space, uint64_t *count, struct error *err)
{
	size_t i = n, d;
	unsigned long long v;
	char digits[24];

	while (i > 0 && s[i - 1] != ' ' && s[i - 1] != '\t')
		i--;
	d = n - i;
	if (i == 0 || d == 0)
		return import_fail_at(err, path, buf, len, (size_t)(s - buf) + n,
				      "expected a sample count after the stack (\"a;b;c COUNT\")");
	if (d > 20 || strspn(s + i, "0123456789") != d)
		return import_fail_at(err, path, buf, len, (size_t)(s - buf) + i,
				      "the sample count must be a non-negative integer");
	memcpy(digits, s + i, d);
	digits[d] = '\0';
	errno = 0;
	v = strtoull(digits, NULL, 10);
	if (errno == ERANGE)
		return import_fail_at(err, path, buf, len, (size_t)(s - buf) + i,
				      "the sample count is above 2^64-1");
	*count = v;
	while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
		i--;
	*space = i;
	return STATUS_OK;
}

static enum status folded_line(struct profile *p, struct import_stacks *stacks, const char *path,
			       const char *buf, size_t len, const char *s, size_t n,
			       struct error *err)
{
	uint32_t *fids = NULL;
	uint32_t nf = 0, cap = 0;
	size_t end = 0, a, b;
	uint64_t count = 0;
	enum status st = folded_count(path, buf, len, s, n, &end, &count, err);

	for (a = 0; st == STATUS_OK && a <= end; a = b + 1) {
		for (b = a; b < end && s[b] != ';'; b++)
			;
		if (b == a) {
			st = import_fail_at(err, path, buf, len, (size_t)(s - buf) + a,
					    "empty frame name in the stack");
			break;
		}
		if (nf == cap) {
			cap = cap ? cap * 2 : 16;
			fids = xreallocarray(fids, cap, sizeof(*fids));
		}
		fids[nf++] = import_build_function(p, s + a, b - a);
	}
	if (st == STATUS_OK)
		import_stacks_add(stacks, fids, nf, count, count);
	free(fids);
	return st;
}

static enum status folded_load(struct profile *p, const char *path, const char *buf, size_t len,
			       const struct load_ctx *ctx, struct error *err)
{
	struct import_lines r = {buf, len, 0, 0, 0};
	struct import_stacks stacks = {0};
	enum status st;
	const char *s;
	size_t n;

	(void)ctx;
	st = import_check_text(err, path, buf, len);
	while (st == STATUS_OK && import_lines_next(&r, &s, &n)) {
		if (strspn(s, " \t") >= n || s[0] == '#')
			continue;
		st = folded_line(p, &stacks, path, buf, len, s, n, err);
	}
	if (st == STATUS_OK && !stacks.stacks.n)
		st = error_set(err, STATUS_INVALID, path, 0, 0, "no stacks: an empty folded file");
	if (st != STATUS_OK) {
		free(stacks.frames.v);
		free(stacks.stacks.v);
		return st;
	}
	import_stacks_finish(&stacks, p, true);
	import_build_meta(p, PF_MODE_SAMPLED, "folded stacks");
	import_build_finish(p);
	return STATUS_OK;
}

/* The first line that is not blank or a comment: a stack and a count. */
static bool folded_sniff(const char *buf, size_t len)
{
	struct import_lines r = {buf, len, 0, 0, 0};
	const char *s;
	size_t n, i;

	while (import_lines_next(&r, &s, &n)) {
		if (strspn(s, " \t") >= n || s[0] == '#')
			continue;
		i = n;
		while (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
			i--;
		return i > 1 && i < n && s[i - 1] == ' ' && s[0] != ' ' && s[0] != '\t' &&
		       s[0] != '{' && memchr(s, '\0', n) == NULL;
	}
	return false;
}

const struct loader loader_folded = {
    .name = "folded",
    .description = "folded stacks, \"a;b;c COUNT\" (stackcollapse, FlameGraph)",
    .sniff = folded_sniff,
    .load = folded_load,
};
