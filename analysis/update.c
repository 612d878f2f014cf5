/* update.c - carry a profile over to a new build (see update.h). */
#include "analysis/update.h"

#include <stdlib.h>
#include <string.h>

#include "analysis/curate.h"
#include "src/base/alloc.h"
#include "src/base/numeric.h"
#include "src/model/profile.h"

/* The new build's functions sorted by name, for a binary search. */
static int cmp_code(const void *a, const void *b)
{
	return strcmp(((const struct update_code *)a)->name, ((const struct update_code *)b)->name);
}

/* Whether code's name is the n bytes at name: -1, 0 or 1 (strcmp's). */
static int cmp_name(const char *code, const char *name, size_t n)
{
	int r = strncmp(code, name, n);

	return r ? r : code[n] != '\0';
}

/* The state of a function named full with checksum sum (NULL: none). */
static enum update_state match(const struct update_code *code, size_t n, const char *full,
			       const char *sum)
{
	size_t len, unit_len, lo = 0, hi = n, found = 0, i;
	const char *name = profile_symbol_name(full, &len, &unit_len);
	const struct update_code *hit = NULL;

	if (!unit_len && (strstr(full, "+0x") || strncmp(full, "0x", 2) == 0))
		return UPDATE_UNVERIFIED; /* "module+0x1f0", "0x401000": no symbol */
	while (lo < hi) {		  /* the first of the functions of that name */
		size_t mid = lo + (hi - lo) / 2;

		if (cmp_name(code[mid].name, name, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < n && cmp_name(code[i].name, name, len) == 0; i++) {
		if (unit_len && (!code[i].unit || cmp_name(code[i].unit, full, unit_len) != 0))
			continue;
		hit = &code[i];
		found++;
	}
	if (!found)
		return UPDATE_GONE;
	if (found > 1 || !sum || !hit->checksum || !*hit->checksum)
		return UPDATE_UNVERIFIED;
	return strcmp(sum, hit->checksum) == 0 ? UPDATE_VALID : UPDATE_CHANGED;
}

void update_profile(const struct profile *old, const struct update_code *code, size_t n,
		    bool keep_changed, struct update_result *out)
{
	struct update_code *sorted = xcalloc(n ? n : 1, sizeof(*sorted));
	uint8_t *keep = xcalloc(old->funcs.n ? old->funcs.n : 1, 1);
	uint32_t i;

	memset(out, 0, sizeof(*out));
	if (n)
		memcpy(sorted, code, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), cmp_code);
	out->state = xcalloc(old->funcs.n ? old->funcs.n : 1, 1);
	for (i = 0; i < old->funcs.n; i++) {
		const struct pf_function *f = &old->funcs.v[i];
		enum update_state s =
		    match(sorted, n, profile_str(old, f->name),
			  f->checksum != PF_NONE ? profile_str(old, f->checksum) : NULL);

		out->state[i] = (uint8_t)s;
		out->n[s]++;
		out->self_ns[s] = add_sat_u64(out->self_ns[s], f->self_ns);
		keep[i] = s == UPDATE_VALID || (keep_changed && s != UPDATE_GONE);
	}
	out->profile = curate_profile(old, keep);
	free(keep);
	free(sorted);
}

void update_result_free(struct update_result *r)
{
	profile_free(r->profile);
	free(r->state);
	memset(r, 0, sizeof(*r));
}

const char *update_state_name(enum update_state s)
{
	static const char *const names[UPDATE_STATES] = {"valid", "changed", "gone", "unverified"};

	return s < UPDATE_STATES ? names[s] : "?";
}
