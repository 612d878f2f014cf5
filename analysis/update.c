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

/* Split "unit.c:name" into its unit (its length in *unit_len) and name;
 * a plain name (also "ns::f") has unit_len 0. */
static const char *split_name(const char *full, size_t *unit_len)
{
	size_t k = strcspn(full, ":(< ");

	*unit_len = 0;
	if (full[k] != ':' || full[k + 1] == ':' || k == 0)
		return full;
	*unit_len = k;
	return full + k + 1;
}

/* "file.c:f@+0x1f0", "module+0x1f0", "0x401000": named by an address */
static bool address_name(const char *name)
{
	return strstr(name, "+0x") || strncmp(name, "0x", 2) == 0;
}

/* The state of a function named name with checksum sum (NULL: none). */
static enum update_state match(const struct update_code *code, size_t n, const char *name,
			       const char *sum)
{
	size_t unit_len, lo = 0, hi = n, found = 0, i;
	const char *plain = split_name(name, &unit_len);
	const struct update_code *hit = NULL;

	if (address_name(name))
		return UPDATE_UNVERIFIED;
	while (lo < hi) { /* the first of the functions named plain */
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(code[mid].name, plain) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < n && strcmp(code[i].name, plain) == 0; i++) {
		if (unit_len && (!code[i].unit || strlen(code[i].unit) != unit_len ||
				 strncmp(code[i].unit, name, unit_len) != 0))
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
