/* fuzz_analysis.c - libFuzzer target: merge, diff and curation of any two
 * profiles the loader accepts must never crash, and what they make must
 * write and read back; a merge replayed through a plan (merge_plan_apply)
 * must write the same bytes as the full merge. The input is two .vitprof texts separated by a
 * 0x1e byte (the second empty when there is none); its last byte also
 * picks the weights and which functions curation keeps. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/curate.h"
#include "analysis/diff.h"
#include "analysis/merge.h"
#include "loaders/loader.h"
#include "src/base/alloc.h"
#include "src/base/error.h"
#include "src/base/strbuf.h"
#include "src/model/profile.h"
#include "src/writers/exporter.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void ignore(void *arg, const char *text)
{
	(void)arg;
	(void)text;
}

/* p written, then read back: what we write, we must read. */
static void round_trip(const struct profile *p)
{
	struct strbuf sb = STRBUF_INIT;
	struct profile *q;
	struct error err;

	exporter_vitprof.write(p, &sb, &err);
	if (loader_load_buffer("fuzz-out", sb.buf, sb.len, "vitprof", NULL, &q, &err) != STATUS_OK)
		abort();
	profile_free(q);
	sb_free(&sb);
}

/* The canonical text of p (caller frees). */
static char *text_of(const struct profile *p)
{
	struct strbuf sb = STRBUF_INIT;
	struct error err;

	exporter_vitprof.write(p, &sb, &err);
	return sb_detach(&sb, NULL);
}

/* A plan over the merge of in[0] and in[1] with weight 1 replays the merge
 * of in[first .. 2) with their weights as merge_profiles() makes it. */
static void check_plan(const struct merge_input *in, size_t first, const struct merge_options *opt)
{
	const struct profile *ps[2] = {in[0].profile, in[1].profile};
	struct merge_input ones[2] = {{ps[0], 1}, {ps[1], 1}};
	struct merge_result u, full, r;
	struct merge_plan *pl;
	struct error err;
	char *t1, *t2;

	if (merge_profiles(ones, 2, NULL, &u, &err) != STATUS_OK)
		return;
	pl = merge_plan_new(u.profile, ps, 2);
	u.profile = NULL;
	merge_result_free(&u);
	if (merge_plan_covers(pl, in + first, 2 - first) &&
	    merge_profiles(in + first, 2 - first, opt, &full, &err) == STATUS_OK) {
		if (merge_plan_apply(pl, in + first, 2 - first, opt, &r, &err) != STATUS_OK)
			abort();
		t1 = text_of(full.profile);
		t2 = text_of(r.profile);
		if (strcmp(t1, t2) || r.n_stale != full.n_stale)
			abort();
		free(t1);
		free(t2);
		merge_result_free(&r);
		merge_result_free(&full);
	}
	merge_plan_free(pl);
}

static struct profile *load(const char *buf, size_t len)
{
	struct profile *p = NULL;
	struct error err;
	char *copy = xmalloc(len + 1);

	memcpy(copy, buf, len);
	copy[len] = '\0';
	if (loader_load_buffer("fuzz", copy, len, "vitprof", NULL, &p, &err) != STATUS_OK)
		p = NULL;
	free(copy);
	return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data, *sep = memchr(buf, 0x1e, size);
	size_t n1 = sep ? (size_t)(sep - buf) : size;
	unsigned pick = size ? data[size - 1] : 0;
	struct profile *a = load(buf, n1), *b, *c;
	struct merge_options opt = {.normalize = pick & 1, .warn = ignore};
	struct merge_input in[2];
	struct merge_result r;
	struct diff d;
	struct error err;
	uint8_t *keep;
	uint32_t i;

	if (!a)
		return 0;
	b = sep ? load(sep + 1, size - n1 - 1) : NULL;
	if (!b)
		b = load(buf, n1);
	in[0] = (struct merge_input){a, 1.0 + (pick >> 4)};
	in[1] = (struct merge_input){b, (pick & 2) ? 0.5 : 3.0};
	if (merge_profiles(in, 2, &opt, &r, &err) == STATUS_OK) {
		round_trip(r.profile);
		merge_result_free(&r);
	}
	check_plan(in, (pick >> 2) & 1, &opt);
	diff_profiles(a, b, &d);
	diff_sort_functions(&d, DIFF_SORT_RATIO);
	diff_sort_functions(&d, DIFF_SORT_NAME);
	diff_warnings(&d, ignore, NULL);
	diff_free(&d);
	keep = xcalloc(a->funcs.n + 1, 1);
	for (i = 0; i < a->funcs.n; i++)
		keep[i] = (uint8_t)((i ^ pick) & 1);
	c = curate_profile(a, keep);
	round_trip(c);
	profile_free(c);
	free(keep);
	profile_free(b);
	profile_free(a);
	return 0;
}
