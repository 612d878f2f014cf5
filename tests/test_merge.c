/* test_merge.c - weighted merge: counters, rounding, saturation, normalize,
 * stale checksums, legacy aggregates, associativity. Every expected number
 * is worked out by hand in the comment next to it. */
#include "tests/testutil.h"

#include <math.h>

#include "analysis/merge.h"

static struct strbuf warnings;

static void collect_warning(void *arg, const char *text)
{
	(void)arg;
	sb_adds(&warnings, text);
	sb_addc(&warnings, '\n');
}

/* Merge profiles with weights; fails the test on error. */
static struct merge_result merge_n(const struct merge_options *opt, size_t n,
				   const struct profile *const *ps, const double *weights)
{
	struct merge_input in[8];
	struct merge_result r;
	struct error err = {0};
	size_t i;

	assert_true(n <= 8);
	for (i = 0; i < n; i++)
		in[i] = (struct merge_input){ps[i], weights[i]};
	if (merge_profiles(in, n, opt, &r, &err) != STATUS_OK)
		fail_msg("merge failed: %s", err.text);
	return r;
}

static struct merge_result merge2(const struct profile *a, double wa, const struct profile *b,
				  double wb)
{
	const struct profile *ps[] = {a, b};
	const double ws[] = {wa, wb};

	return merge_n(NULL, 2, ps, ws);
}

static uint64_t line_count(const struct profile *p, const char *func, uint32_t line)
{
	const struct pf_function *f = tu_func(p, func);
	uint32_t i;

	for (i = f->lines_at; i < f->lines_at + f->lines_n; i++)
		if (p->lines.v[i].line == line)
			return p->lines.v[i].count;
	fail_msg("no line %u in %s", line, func);
	return 0;
}

static const char weighted_a[] = "{'meta': {'runs': 2}, 'program': 'demo',"
				 " 'functions': {"
				 "  'main': {'calls': 1, 'time_ns': 1000, 'self_ns': 100,"
				 "           'file': 'm.c', 'line': 1, 'lines': {'3': 5, '4': 7}},"
				 "  'work': {'calls': 10, 'time_ns': 900}},"
				 " 'calls': [{'caller': 'main', 'callee': 'work', 'count': 10,"
				 "            'time_ns': 900}],"
				 " 'branches': {'sites': [{'function': 'work', 'line': 5,"
				 "   'column': 3, 'id': 'b0', 'taken': 7, 'not_taken': 3}]},"
				 " 'loops': {'sites': [{'function': 'work', 'name': 'l', 'line': 6,"
				 "   'entries': 10, 'iterations': 100, 'time_ns': 800}]}}";

static const char weighted_b[] = "{'meta': {'runs': 3}, 'program': 'other',"
				 " 'functions': {"
				 "  'main': {'calls': 2, 'time_ns': 3000, 'file': 'x.c',"
				 "           'lines': {'3': 1, '9': 2}},"
				 "  'work': {'calls': 20, 'time_ns': 2500, 'self_ns': 2000},"
				 "  'helper': {'calls': 4, 'time_ns': 400}},"
				 " 'calls': [{'caller': 'main', 'callee': 'work', 'count': 20,"
				 "            'time_ns': 2500},"
				 "           {'caller': 'work', 'callee': 'helper', 'count': 4,"
				 "            'time_ns': 400}],"
				 " 'branches': {'sites': ["
				 "   {'function': 'work', 'line': 5, 'column': 3, 'id': 'b0',"
				 "    'taken': 1, 'not_taken': 5},"
				 "   {'function': 'work', 'line': 8, 'taken': 2, 'not_taken': 0}]},"
				 " 'loops': {'sites': [{'function': 'work', 'name': 'l', 'line': 6,"
				 "   'entries': 20, 'iterations': 50}]}}";

/* Discriminator counts add up as line counts, weighted: 3 * a + b,
 * 0.5 rounding half away from zero; a's 4.2 and b's 5.1 each from one
 * input. */
static void test_discriminators(void **state)
{
	struct profile *a =
	    tu_load_q("{'functions': {'f': {'calls': 1, 'time_ns': 1, 'lines': "
		      "{'4': 9}, 'discriminators': {'4.0': 9, '4.1': 3, '4.2': 1}}}}");
	struct profile *b = tu_load_q("{'functions': {'f': {'calls': 1, 'time_ns': 1, 'lines': "
				      "{'4': 6, '5': 2}, 'discriminators': {'4.1': 6, '4.0': 5, "
				      "'5.0': 1, '5.1': 2}}, 'g': {'calls': 1, 'time_ns': 1}}}");
	struct merge_result r = merge2(a, 3, b, 1);
	const struct pf_disc *d;
	uint32_t n;

	(void)state;
	d = profile_func_discs(r.profile, profile_find_function(r.profile, "f"), &n);
	assert_int_equal(n, 5);
	assert_int_equal(d[0].line, 4), assert_int_equal(d[0].disc, 0);
	assert_int_equal(d[0].count, 32);				  /* 3*9 + 5 */
	assert_int_equal(d[1].disc, 1), assert_int_equal(d[1].count, 15); /* 3*3 + 6 */
	assert_int_equal(d[2].disc, 2), assert_int_equal(d[2].count, 3);  /* 3*1 */
	assert_int_equal(d[3].line, 5), assert_int_equal(d[3].disc, 0);
	assert_int_equal(d[3].count, 1);
	assert_int_equal(d[4].disc, 1), assert_int_equal(d[4].count, 2);
	assert_null(profile_func_discs(r.profile, profile_find_function(r.profile, "g"), &n));
	merge_result_free(&r);
	r = merge2(a, 0.5, b, 1);
	d = profile_func_discs(r.profile, profile_find_function(r.profile, "f"), &n);
	assert_int_equal(n, 5);
	assert_int_equal(d[0].count, 10); /* 4.5 + 5, rounded once at the end: 9.5 -> 10 */
	assert_int_equal(d[2].count, 1);  /* 0.5 -> 1 */
	merge_result_free(&r);
	/* replayed by a plan, b first: the same counts, in order */
	{
		const struct profile *ba[] = {b, a};
		const double ones[] = {1, 1};
		struct merge_result u = merge_n(NULL, 2, ba, ones);
		struct merge_plan *pl = merge_plan_new(u.profile, ba, 2);
		struct merge_input in[] = {{b, 1}, {a, 3}};
		struct error err;

		assert_int_equal(merge_plan_apply(pl, in, 2, NULL, &r, &err), STATUS_OK);
		d = profile_func_discs(r.profile, profile_find_function(r.profile, "f"), &n);
		assert_int_equal(n, 5);
		assert_int_equal(d[0].line, 4), assert_int_equal(d[0].disc, 0);
		assert_int_equal(d[0].count, 32);
		assert_int_equal(d[1].disc, 1), assert_int_equal(d[1].count, 15);
		assert_int_equal(d[2].disc, 2), assert_int_equal(d[2].count, 3);
		assert_int_equal(d[3].line, 5), assert_int_equal(d[4].count, 2);
		merge_result_free(&r);
		merge_plan_free(pl);
	}
	profile_free(a);
	profile_free(b);
}

static void test_weights_3_and_1(void **state)
{
	struct profile *a = tu_load_q(weighted_a), *b = tu_load_q(weighted_b);
	struct merge_result r = merge2(a, 3, b, 1);
	const struct profile *m = r.profile;
	const struct pf_function *f;
	const struct pf_edge *e;
	const struct pf_branch *br;
	const struct pf_loop *l;

	(void)state;
	f = tu_func(m, "main");
	assert_int_equal(f->calls, 5);	    /* 3*1 + 2 */
	assert_int_equal(f->time_ns, 6000); /* 3*1000 + 3000 */
	/* b's main derives 3000 - 2500 (edge to work) = 500: 3*100 + 500 */
	assert_int_equal(f->self_ns, 800);
	assert_true(f->flags & PF_HAS_SELF);
	assert_string_equal(profile_str(m, f->file), "m.c"); /* a's, not b's x.c */
	assert_int_equal(f->line, 1);
	f = tu_func(m, "work");
	assert_int_equal(f->calls, 50);	     /* 3*10 + 20 */
	assert_int_equal(f->time_ns, 5200);  /* 3*900 + 2500 */
	assert_int_equal(f->self_ns, 4700);  /* a derives 900 (no timed callee): 3*900 + 2000 */
	assert_true(f->flags & PF_HAS_SELF); /* although no input gave it */
	f = tu_func(m, "helper");
	assert_int_equal(f->calls, 4);	   /* 1*4 */
	assert_int_equal(f->self_ns, 400); /* derived 400 */

	e = tu_edge(m, "main", "work");
	assert_int_equal(e->count, 50);	    /* 3*10 + 20 */
	assert_int_equal(e->time_ns, 5200); /* 3*900 + 2500 */
	assert_true(e->flags & PF_HAS_TIME);
	e = tu_edge(m, "work", "helper");
	assert_int_equal(e->count, 4);
	assert_int_equal(e->time_ns, 400);
	assert_int_equal(m->edges.n, 2);

	/* canonical order: by function, then line */
	assert_int_equal(m->branches.n, 2);
	br = &m->branches.v[0];
	assert_int_equal(br->line, 5);
	assert_int_equal(br->column, 3);
	assert_string_equal(profile_str(m, br->id), "b0");
	assert_int_equal(br->taken, 22);     /* 3*7 + 1 */
	assert_int_equal(br->not_taken, 14); /* 3*3 + 5 */
	br = &m->branches.v[1];
	assert_int_equal(br->line, 8);
	assert_false(br->flags & PF_HAS_COLUMN);
	assert_int_equal(br->taken, 2); /* 1*2 */
	assert_int_equal(br->not_taken, 0);

	assert_int_equal(m->loops.n, 1);
	l = &m->loops.v[0];
	assert_string_equal(profile_str(m, l->name), "l");
	assert_int_equal(l->entries, 50);     /* 3*10 + 20 */
	assert_int_equal(l->iterations, 350); /* 3*100 + 50 */
	assert_int_equal(l->time_ns, 2400);   /* 3*800 + b's none */
	assert_true(l->flags & PF_HAS_TIME);

	assert_int_equal(line_count(m, "main", 3), 16); /* 3*5 + 1 */
	assert_int_equal(line_count(m, "main", 4), 21); /* 3*7 */
	assert_int_equal(line_count(m, "main", 9), 2);	/* 1*2 */

	assert_int_equal(m->meta.runs, 5); /* 2 + 3: runs are not weighted */
	assert_int_equal(m->meta.mode, PF_MODE_MERGED);
	assert_true(m->meta.present);
	assert_string_equal(profile_str(m, m->program), "demo"); /* the first input's */
	assert_int_equal(m->saturated, 0);
	assert_int_equal(r.n_stale, 0);
	merge_result_free(&r);
	profile_free(a);
	profile_free(b);
}

/* Inputs of different builds: one warning, with the number of functions
 * whose checksums differ among those compared; of different kinds
 * (instrumented, sampled): another. A merged input is of no one kind. */
static void test_builds_and_modes(void **state)
{
	struct profile *a =
	    tu_load_q("{'meta': {'mode': 'instrumented', 'build_id': 'aa11'}, 'functions': {"
		      " 'f': {'calls': 1, 'time_ns': 0, 'checksum': '01'},"
		      " 'g': {'calls': 1, 'time_ns': 0, 'checksum': '02'},"
		      " 'h': {'calls': 1, 'time_ns': 0, 'checksum': '03'}}}");
	struct profile *b =
	    tu_load_q("{'meta': {'mode': 'sampled', 'build_id': 'bb22'}, 'functions': {"
		      " 'f': {'calls': 1, 'time_ns': 0, 'checksum': '01'},"
		      " 'g': {'calls': 1, 'time_ns': 0, 'checksum': '09'},"
		      " 'k': {'calls': 1, 'time_ns': 0, 'checksum': '04'}}}");
	struct profile *c = tu_load_q("{'meta': {'mode': 'merged', 'build_id': 'aa11'}, "
				      "'functions': {'f': {'calls': 1, 'time_ns': 0}}}");
	struct profile *d = tu_load_q(
	    "{'functions': {'f': {'calls': 1, 'time_ns': 0}}, 'meta': {'build_id': 'cc'}}");
	const struct profile *ps[] = {a, c, a, b};
	const double ws[] = {1, 1, 1, 1};
	struct merge_options opt = {.warn = collect_warning};
	struct merge_result r;

	(void)state;
	sb_reset(&warnings);
	r = merge_n(&opt, 4, ps, ws);
	/* f, g and h are in two inputs with checksums (a twice), k in one:
	 * of those three, g differs */
	assert_string_equal(sb_str(&warnings),
			    "function \"g\": checksum differs between inputs (02 in input 1, 09 in "
			    "input 4): profile is stale\n"
			    "inputs 1 and 4 are profiles of different builds (build-id aa11 and "
			    "bb22): 1 of the 3 functions compared by checksum changed\n"
			    "inputs 1 and 4 are different kinds of profile (instrumented and "
			    "sampled): their numbers are not measured alike\n");
	merge_result_free(&r);
	/* one build, one kind (c is merged): no warning */
	sb_reset(&warnings);
	ps[1] = c, ps[3] = c;
	r = merge_n(&opt, 4, ps, ws);
	assert_string_equal(sb_str(&warnings), "");
	merge_result_free(&r);
	/* no checksum to compare */
	ps[1] = d;
	r = merge_n(&opt, 2, ps, ws);
	assert_string_equal(sb_str(&warnings),
			    "inputs 1 and 2 are profiles of different builds (build-id aa11 and "
			    "cc): no function checksum to compare\n");
	merge_result_free(&r);
	sb_free(&warnings);
	profile_free(a);
	profile_free(b);
	profile_free(c);
	profile_free(d);
}

static void test_rounding_half_away_from_zero(void **state)
{
	struct profile *a =
	    tu_load_q("{'functions': {'f': {'calls': 3, 'time_ns': 5, 'self_ns': 1},"
		      " 'g': {'calls': 1, 'time_ns': 0}}}");
	struct profile *b = tu_load_q("{'functions': {'g': {'calls': 1, 'time_ns': 0},"
				      " 'h': {'calls': 3, 'time_ns': 2}}}");
	struct merge_result r = merge2(a, 0.5, b, 0.5);
	const struct profile *m = r.profile;

	(void)state;
	assert_int_equal(tu_func(m, "f")->calls, 2);   /* 0.5*3 = 1.5 -> 2 */
	assert_int_equal(tu_func(m, "f")->time_ns, 3); /* 0.5*5 = 2.5 -> 3, not 2 (to even) */
	assert_int_equal(tu_func(m, "f")->self_ns, 1); /* 0.5*1 = 0.5 -> 1 */
	/* the sum is rounded, not each term: 0.5*1 + 0.5*1 = 1, not 1 + 1 */
	assert_int_equal(tu_func(m, "g")->calls, 1);
	merge_result_free(&r);

	/* an integer and a fractional weight together */
	r = merge2(a, 2, b, 0.25);
	m = r.profile;
	assert_int_equal(tu_func(m, "f")->calls, 6);   /* 2*3 */
	assert_int_equal(tu_func(m, "h")->calls, 1);   /* 0.25*3 = 0.75 -> 1 */
	assert_int_equal(tu_func(m, "h")->time_ns, 1); /* 0.25*2 = 0.5 -> 1 */
	assert_int_equal(tu_func(m, "g")->calls, 2);   /* 2*1 + 0.25*1 = 2.25 -> 2 */
	merge_result_free(&r);
	r = merge2(a, 2, a, 0.5);
	assert_int_equal(tu_func(r.profile, "f")->calls, 8); /* 2*3 + 0.5*3 = 7.5 -> 8 */
	merge_result_free(&r);
	profile_free(a);
	profile_free(b);
}

static void test_saturation(void **state)
{
	/* calls 2^64-1, time 2^63, self 2^64-2; g's calls 2^62+1 */
	struct profile *a =
	    tu_load_q("{'functions': {'f': {'calls': 18446744073709551615,"
		      " 'time_ns': 9223372036854775808, 'self_ns': 18446744073709551614},"
		      " 'g': {'calls': 4611686018427387905, 'time_ns': 0}}}");
	struct profile *b =
	    tu_load_q("{'functions': {'f': {'calls': 1, 'time_ns': 0, 'self_ns': 1}}}");
	struct merge_result r = merge2(a, 1, b, 1);
	const struct profile *m = r.profile;

	(void)state;
	assert_true(tu_func(m, "f")->calls == UINT64_MAX); /* 2^64-1 + 1 = 2^64: clamped */
	assert_true(tu_func(m, "f")->time_ns == 9223372036854775808ULL); /* 2^63 + 0 */
	assert_true(tu_func(m, "f")->self_ns == UINT64_MAX); /* 2^64-2 + 1 = 2^64-1: exact */
	assert_int_equal(m->saturated, 1);		     /* calls only */
	merge_result_free(&r);

	r = merge2(a, 3, b, 1);
	m = r.profile;
	/* 3 * (2^62+1) = 3*2^62 + 3 = 13835058055282163712 + 3, beyond a double's 53 bits */
	assert_true(tu_func(m, "g")->calls == 13835058055282163715ULL);
	assert_true(tu_func(m, "f")->time_ns == UINT64_MAX); /* 3 * 2^63 > 2^64-1 */
	assert_int_equal(m->saturated, 3);		     /* f's calls, time and self */
	merge_result_free(&r);

	r = merge2(a, 1.5, b, 1);
	m = r.profile;
	/* 1.5 * 2^63 = 3 * 2^62 = 13835058055282163712, exact in long double */
	assert_true(tu_func(m, "f")->time_ns == 13835058055282163712ULL);
	assert_true(tu_func(m, "f")->calls == UINT64_MAX); /* 1.5 * (2^64-1) + 1 */
	/* 1.5 * (2^62+1) = 6917529027641081856 + 1.5 = ...857.5 -> ...858 */
	assert_true(tu_func(m, "g")->calls == 6917529027641081858ULL);
	assert_int_equal(m->saturated, 2); /* f's calls and self */
	merge_result_free(&r);
	profile_free(a);

	/* runs are summed unweighted and clamped once: 2^64-1 + 1 + 1 */
	a = tu_load_q("{'meta': {'runs': 18446744073709551615}, 'functions': {}}");
	r = merge_n(NULL, 3, (const struct profile *[]){a, b, b}, (const double[]){1, 1, 1});
	assert_true(r.profile->meta.runs == UINT64_MAX);
	assert_int_equal(r.profile->saturated, 1);
	assert_int_equal(tu_func(r.profile, "f")->calls, 2); /* 1 + 1 */
	merge_result_free(&r);
	profile_free(a);
	profile_free(b);
}

static void test_normalize(void **state)
{
	/* totals of self time: a 600 + 400 = 1000, b 250, c 0, d 3000 */
	struct profile *a = tu_load_q("{'functions': {'f': {'calls': 2, 'time_ns': 600},"
				      " 'g': {'calls': 1, 'time_ns': 400}}}");
	struct profile *b = tu_load_q("{'functions': {'f': {'calls': 3, 'time_ns': 250}}}");
	struct profile *c = tu_load_q("{'functions': {'h': {'calls': 5, 'time_ns': 0}}}");
	struct profile *d = tu_load_q("{'functions': {'f': {'calls': 3, 'time_ns': 3000}}}");
	const struct profile *ps[] = {a, b, c, d};
	const double ws[] = {1, 2, 1, 1};
	struct merge_options opt = {.normalize = true};
	struct merge_result r = merge_n(&opt, 4, ps, ws);
	const struct profile *m = r.profile;

	(void)state;
	/* effective weights: a 1, b 2 * 1000/250 = 8, c 1 (total 0: not
	 * scaled), d 1 * 1000/3000 = 1/3 */
	assert_int_equal(tu_func(m, "f")->self_ns, 3600); /* 600 + 8*250 + 3000/3 = 600+2000+1000 */
	assert_int_equal(tu_func(m, "f")->calls, 27);	  /* 2 + 8*3 + 3/3 = 2+24+1 */
	assert_int_equal(tu_func(m, "g")->self_ns, 400);  /* a's weight is 1 */
	assert_int_equal(tu_func(m, "h")->calls, 5);	  /* c is not scaled */
	merge_result_free(&r);

	/* without normalize: plain weights, f's self = 600 + 2*250 + 3000 */
	r = merge_n(NULL, 4, ps, ws);
	assert_int_equal(tu_func(r.profile, "f")->self_ns, 4100);
	merge_result_free(&r);
	profile_free(a);
	profile_free(b);
	profile_free(c);
	profile_free(d);
}

/* Normalizing to a total above 2^64-1 scales by the exact total (item 9):
 * a's total is 2 * (2^64-1), so b's weight is 2^62 / (2 * (2^64-1)) and f
 * becomes (2^64-1) * 2^62 / (2 * (2^64-1)) = 2^61 (with the clamped
 * total, 2^64-1, it was 2^62). */
static void test_normalize_saturated_total(void **state)
{
	struct profile *b =
	    tu_load_q("{'functions': {'h': {'calls': 1, 'time_ns': 4611686018427387904}}}");
	struct profile *a =
	    tu_load_q("{'functions': {'f': {'calls': 1, 'time_ns': 18446744073709551615},"
		      " 'g': {'calls': 1, 'time_ns': 18446744073709551615}}}");
	const struct profile *ps[] = {b, a};
	const double ws[] = {1, 1};
	struct merge_options opt = {.normalize = true};
	struct merge_result r = merge_n(&opt, 2, ps, ws);

	(void)state;
	assert_true(tu_func(r.profile, "f")->self_ns == (uint64_t)1 << 61);
	assert_true(tu_func(r.profile, "g")->self_ns == (uint64_t)1 << 61);
	assert_true(tu_func(r.profile, "h")->self_ns == (uint64_t)1 << 62);
	merge_result_free(&r);
	profile_free(a);
	profile_free(b);
}

static void test_stale_checksums(void **state)
{
	struct profile *a =
	    tu_load_q("{'functions': {'f': {'calls': 1, 'time_ns': 0, 'checksum': 'aaa'},"
		      " 'g': {'calls': 1, 'time_ns': 0, 'checksum': 'ccc'},"
		      " 'bad\\u0001name': {'calls': 1, 'time_ns': 0, 'checksum': 'x1'}}}");
	struct profile *b =
	    tu_load_q("{'functions': {'f': {'calls': 1, 'time_ns': 0, 'file': 'b.c',"
		      " 'line': 7}, 'bad\\u0001name': {'calls': 1, 'time_ns': 0,"
		      " 'checksum': 'x2'}}}");
	struct profile *c =
	    tu_load_q("{'functions': {'f': {'calls': 1, 'time_ns': 0, 'file': 'c.c',"
		      " 'checksum': 'bbb'}, 'g': {'calls': 1, 'time_ns': 0,"
		      " 'checksum': 'ccc'}}}");
	const struct profile *ps[] = {a, b, c};
	const double ws[] = {1, 1, 1};
	struct merge_options opt = {.warn = collect_warning};
	struct merge_result r;
	const struct profile *m;

	(void)state;
	sb_reset(&warnings);
	r = merge_n(&opt, 3, ps, ws);
	m = r.profile;
	/* in input order: b (input 2) disagrees on bad\1name, then c on f */
	assert_string_equal(sb_str(&warnings),
			    "function \"bad\\x01name\": checksum differs between inputs (x1 in "
			    "input 1, x2 in input 2): profile is stale\n"
			    "function \"f\": checksum differs between inputs (aaa in input 1, bbb "
			    "in input 3): profile is stale\n");
	/* by name: "bad\1name" < "f"; g agrees everywhere */
	assert_int_equal(r.n_stale, 2);
	assert_string_equal(profile_str(m, m->funcs.v[r.stale[0].func].name), "bad\001name");
	assert_int_equal(r.stale[0].kept_input, 0);
	assert_int_equal(r.stale[0].other_input, 1);
	assert_string_equal(profile_str(m, m->funcs.v[r.stale[1].func].name), "f");
	assert_int_equal(r.stale[1].kept_input, 0);
	assert_int_equal(r.stale[1].other_input, 2);
	/* never mixed: the first checksum stays; the file is the first given (b's) */
	assert_string_equal(profile_str(m, tu_func(m, "f")->checksum), "aaa");
	assert_string_equal(profile_str(m, tu_func(m, "f")->file), "b.c");
	assert_int_equal(tu_func(m, "f")->line, 7);
	merge_result_free(&r);

	/* b first: b has no checksum for f, so a's is kept and c's differs */
	sb_reset(&warnings);
	ps[0] = b, ps[1] = a;
	r = merge_n(&opt, 3, ps, ws);
	assert_int_equal(r.n_stale, 2);
	assert_int_equal(r.stale[1].kept_input, 1);
	assert_int_equal(r.stale[1].other_input, 2);
	assert_non_null(strstr(sb_str(&warnings), "(aaa in input 2, bbb in input 3)"));
	merge_result_free(&r);
	sb_free(&warnings);
	profile_free(a);
	profile_free(b);
	profile_free(c);
}

static void test_legacy_percentages(void **state)
{
	struct profile *a =
	    tu_load_q("{'functions': {}, 'branches': {'taken': 90, 'not_taken': 10}}");
	struct profile *b =
	    tu_load_q("{'functions': {}, 'branches': {'taken': 50, 'not_taken': 50}}");
	/* has sites: its percentages are not used */
	struct profile *c =
	    tu_load_q("{'functions': {'f': {'calls': 1, 'time_ns': 0}},"
		      " 'branches': {'taken': 10, 'not_taken': 90, 'sites': ["
		      "  {'function': 'f', 'line': 1, 'taken': 1, 'not_taken': 1}]}}");
	struct profile *d = tu_load_q("{'functions': {}}"); /* none at all */
	const struct profile *ps[] = {a, b, c, d};
	const double ws[] = {3, 1, 5, 2};
	struct merge_result r = merge_n(NULL, 4, ps, ws);

	(void)state;
	assert_true(r.profile->has_legacy_branches);
	/* (3*90 + 1*50) / (3+1) = 320/4 = 80; (3*10 + 1*50) / 4 = 80/4 = 20 */
	assert_true(r.profile->legacy_taken == 80.0);
	assert_true(r.profile->legacy_not_taken == 20.0);
	merge_result_free(&r);

	r = merge_n(NULL, 2, ps + 2, ws + 2); /* c and d: no input counts */
	assert_false(r.profile->has_legacy_branches);
	merge_result_free(&r);
	profile_free(a);
	profile_free(b);
	profile_free(c);
	profile_free(d);
}

static void test_hot_list_union(void **state)
{
	struct profile *a = tu_load_q("{'functions': {}, 'loops': {'hot': ['x', 'y']}}");
	struct profile *b = tu_load_q("{'functions': {}, 'loops': {'hot': ['y', 'z', 'x']}}");
	/* has sites: its list is not used */
	struct profile *c = tu_load_q("{'functions': {'f': {'calls': 1, 'time_ns': 0}}, 'loops':"
				      " {'hot': ['w'], 'sites': [{'function': 'f', 'line': 1,"
				      " 'entries': 1, 'iterations': 1}]}}");
	struct profile *d = tu_load_q("{'functions': {}, 'loops': {'hot': ['z', 'v']}}");
	const struct profile *ps[] = {a, b, c, d};
	const struct profile *no_sites[] = {a, b, d};
	const double ws[] = {1, 1, 1, 1};
	struct merge_result r = merge_n(NULL, 4, ps, ws);
	const struct profile *m = r.profile;
	char *text;

	(void)state;
	/* first seen: a's x, y; b's z; d's v */
	assert_int_equal(m->legacy_hot.n, 4);
	assert_string_equal(profile_str(m, m->legacy_hot.v[0]), "x");
	assert_string_equal(profile_str(m, m->legacy_hot.v[1]), "y");
	assert_string_equal(profile_str(m, m->legacy_hot.v[2]), "z");
	assert_string_equal(profile_str(m, m->legacy_hot.v[3]), "v");
	merge_result_free(&r);

	r = merge_n(NULL, 3, no_sites, ws);
	text = tu_write(r.profile);
	assert_non_null(strstr(text, "\"loops\": {\"hot\": [\"x\", \"y\", \"z\", \"v\"]}"));
	free(text);
	merge_result_free(&r);
	profile_free(a);
	profile_free(b);
	profile_free(c);
	profile_free(d);
}

static void test_derived_self_and_flags(void **state)
{
	/* main: 1000 inclusive - 700 in leaf = 300 self; leaf 700. ext is
	 * implicit in a (only named by an edge), defined in b; only_edge is
	 * implicit in both. */
	struct profile *a =
	    tu_load_q("{'functions': {'main': {'calls': 1, 'time_ns': 1000},"
		      " 'leaf': {'calls': 2, 'time_ns': 700}},"
		      " 'calls': [{'caller': 'main', 'callee': 'leaf', 'count': 2,"
		      "  'time_ns': 700}, {'caller': 'main', 'callee': 'ext', 'count': 1},"
		      "  {'caller': 'main', 'callee': 'only_edge', 'count': 1}]}");
	struct profile *b =
	    tu_load_q("{'functions': {'ext': {'calls': 1, 'time_ns': 5}},"
		      " 'calls': [{'caller': 'ext', 'callee': 'only_edge', 'count': 1}]}");
	struct merge_result r = merge2(a, 2, b, 1);
	const struct profile *m = r.profile;
	char *text;

	(void)state;
	assert_false(tu_func(a, "main")->flags & PF_HAS_SELF); /* derived in the input */
	assert_int_equal(tu_func(m, "main")->self_ns, 600);    /* 2 * 300 */
	assert_int_equal(tu_func(m, "leaf")->self_ns, 1400);   /* 2 * 700 */
	assert_true(tu_func(m, "main")->flags & PF_HAS_SELF);
	assert_false(tu_func(m, "ext")->flags & PF_IMPLICIT);
	assert_true(tu_func(m, "only_edge")->flags & PF_IMPLICIT);
	text = tu_write(m);
	assert_non_null(
	    strstr(text, "\"main\": {\"calls\": 2, \"time_ns\": 2000, \"self_ns\": 600}"));
	free(text);
	merge_result_free(&r);
	profile_free(a);
	profile_free(b);
}

static void test_bad_weight(void **state)
{
	struct profile *a = tu_load_q("{'functions': {}}");
	struct merge_input in[] = {{a, 1}, {a, 0}};
	struct merge_result r;
	struct error err = {0};

	(void)state;
	assert_int_equal(merge_profiles(in, 2, NULL, &r, &err), STATUS_USAGE);
	assert_null(r.profile);
	assert_non_null(strstr(err.text, "input 2"));
	in[1].weight = -1;
	assert_int_equal(merge_profiles(in, 2, NULL, &r, &err), STATUS_USAGE);
	in[1].weight = NAN;
	assert_int_equal(merge_profiles(in, 2, NULL, &r, &err), STATUS_USAGE);
	profile_free(a);
}

/* Descriptive fields never conflict between these three, hot lists and
 * legacy percentages are absent: everything else must be associative and
 * commutative with integer weights. */
static const char assoc_a[] =
    "{'program': 'demo', 'meta': {'runs': 2, 'binary': './demo'},"
    " 'functions': {"
    "  'main': {'calls': 1, 'time_ns': 1000, 'file': 'main.c', 'line': 1, 'size': 40,"
    "           'checksum': 'm1', 'lines': {'2': 1, '3': 4}},"
    "  'work': {'calls': 4, 'time_ns': 800, 'lines': {'10': 4}}},"
    " 'calls': [{'caller': 'main', 'callee': 'work', 'count': 4, 'time_ns': 800},"
    "           {'caller': 'work', 'callee': 'ext', 'count': 2}],"
    " 'branches': {'sites': [{'function': 'work', 'line': 11, 'column': 2, 'taken': 3,"
    "   'not_taken': 1}]},"
    " 'loops': {'sites': [{'function': 'work', 'name': 'w', 'line': 12, 'entries': 4,"
    "   'iterations': 40, 'time_ns': 500}]}}";

static const char assoc_b[] =
    "{'program': 'demo',"
    " 'functions': {"
    "  'main': {'calls': 2, 'time_ns': 3000, 'self_ns': 100, 'lines': {'3': 2, '5': 1}},"
    "  'work': {'calls': 7, 'time_ns': 2500, 'file': 'work.c', 'line': 9},"
    "  'ext': {'calls': 5, 'time_ns': 50, 'lines': {}}},"
    " 'calls': [{'caller': 'main', 'callee': 'work', 'count': 7},"
    "           {'caller': 'work', 'callee': 'ext', 'count': 5, 'time_ns': 50}],"
    " 'branches': {'sites': [{'function': 'work', 'line': 11, 'column': 2, 'taken': 1,"
    "   'not_taken': 6}, {'function': 'work', 'line': 11, 'id': 'k', 'taken': 2,"
    "   'not_taken': 2}]},"
    " 'loops': {'sites': [{'function': 'work', 'name': 'w', 'line': 12, 'entries': 7,"
    "   'iterations': 21}]}}";

static const char assoc_c[] =
    "{'meta': {'runs': 4},"
    " 'functions': {"
    "  'main': {'calls': 1, 'time_ns': 500},"
    "  'other': {'calls': 9, 'time_ns': 90, 'size': 12, 'lines': {'1': 9}}},"
    " 'calls': [{'caller': 'main', 'callee': 'other', 'count': 9, 'time_ns': 90}],"
    " 'loops': {'sites': [{'function': 'other', 'line': 2, 'entries': 9,"
    "   'iterations': 9}]}}";

static void test_associative_commutative(void **state)
{
	struct profile *a = tu_load_q(assoc_a), *b = tu_load_q(assoc_b), *c = tu_load_q(assoc_c);
	struct merge_result ab = merge2(a, 2, b, 3), bc = merge2(b, 3, c, 1);
	struct merge_result ab_c = merge2(ab.profile, 1, c, 1);
	struct merge_result a_bc = merge2(a, 2, bc.profile, 1);
	const struct profile *cba_in[] = {c, b, a};
	const double cba_w[] = {1, 3, 2};
	struct merge_result cba = merge_n(NULL, 3, cba_in, cba_w);
	char *t1 = tu_write(ab_c.profile), *t2 = tu_write(a_bc.profile);
	char *t3 = tu_write(cba.profile), *t4;
	struct profile *again;

	(void)state;
	assert_string_equal(t1, t2);
	assert_string_equal(t1, t3);
	/* the property holds on real numbers: main's calls 2*1 + 3*2 + 1*1 = 9;
	 * self a: 1000 - 800 = 200, b: 100 given, c: 500 - 90 = 410, so
	 * 2*200 + 3*100 + 410 = 1110; runs 2 + 1 + 4 = 7 */
	assert_int_equal(tu_func(cba.profile, "main")->calls, 9);
	assert_int_equal(tu_func(cba.profile, "main")->self_ns, 1110);
	assert_int_equal(cba.profile->meta.runs, 7);
	assert_int_equal(line_count(cba.profile, "main", 3), 14);	     /* 2*4 + 3*2 */
	assert_int_equal(tu_edge(cba.profile, "work", "ext")->time_ns, 150); /* 3*50 */
	assert_non_null(strstr(t1, "\"lines\": {}")); /* b's empty lines object survives */
	/* and the result is a valid profile that writes back the same */
	again = tu_load(t1);
	t4 = tu_write(again);
	assert_string_equal(t1, t4);
	free(t1);
	free(t2);
	free(t3);
	free(t4);
	profile_free(again);
	merge_result_free(&ab);
	merge_result_free(&bc);
	merge_result_free(&ab_c);
	merge_result_free(&a_bc);
	merge_result_free(&cba);
	profile_free(a);
	profile_free(b);
	profile_free(c);
}

/* Clocks: one clock stays, two make "mixed", an input that does not say
 * makes it unknown; threads, wall and CPU time add up (unweighted, as
 * runs). */
static void test_clock_meta(void **state)
{
	static const char *const inputs[] = {
	    "{'meta': {'clock': 'cpu', 'threads': 1, 'wall_ns': 10, 'cpu_ns': 4}, 'functions': {}}",
	    "{'meta': {'clock': 'cpu', 'threads': 2, 'wall_ns': 20, 'cpu_ns': 6}, 'functions': {}}",
	    "{'meta': {'clock': 'wall'}, 'functions': {}}",
	    "{'functions': {}}",
	};
	static const struct {
		int a, b, c;
		enum pf_clock clock;
	} cases[] = {
	    {0, 1, -1, PF_CLOCK_CPU},
	    {0, 1, 2, PF_CLOCK_MIXED},
	    {2, 0, 1, PF_CLOCK_MIXED},
	    {0, 3, -1, PF_CLOCK_UNSET},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int which[3] = {cases[i].a, cases[i].b, cases[i].c}, k;
		struct merge *m = merge_new(NULL);
		struct merge_result r;

		for (k = 0; k < 3 && which[k] >= 0; k++) {
			struct profile *p = tu_load_q(inputs[which[k]]);

			assert_int_equal(merge_add_input(m, p, 3, NULL), STATUS_OK);
			profile_free(p);
		}
		merge_finish(m, &r);
		assert_int_equal(r.profile->meta.clock, cases[i].clock);
		if (i == 0) {
			assert_int_equal(r.profile->meta.threads, 3);
			assert_int_equal(r.profile->meta.wall_ns, 30);
			assert_int_equal(r.profile->meta.cpu_ns, 10);
		}
		merge_result_free(&r);
	}
}

static void test_incremental_and_empty(void **state)
{
	struct merge *m = merge_new(NULL);
	struct profile *a = tu_load_q("{'meta': {'runs': 3, 'build_id': 'abc', 'tool': 't',"
				      " 'created': 'now'}, 'functions': {'f': {'calls': 1,"
				      " 'time_ns': 2}}}");
	struct merge_result r;

	(void)state;
	assert_int_equal(merge_add_input(m, a, 4, NULL), STATUS_OK);
	profile_free(a); /* the merge copied what it needs */
	merge_finish(m, &r);
	assert_int_equal(tu_func(r.profile, "f")->time_ns, 8); /* 4*2 */
	assert_int_equal(r.profile->meta.runs, 3);
	assert_string_equal(profile_str(r.profile, r.profile->meta.build_id), "abc");
	assert_int_equal(r.profile->meta.tool, PF_NONE); /* left to the caller */
	assert_int_equal(r.profile->meta.created, PF_NONE);
	merge_result_free(&r);

	merge_finish(merge_new(NULL), &r);
	assert_int_equal(r.profile->funcs.n, 0);
	assert_int_equal(r.profile->meta.runs, 1);
	merge_result_free(&r);
	merge_free(merge_new(NULL));
}

/* Samples added up are samples: a merge of sampled profiles only is
 * sampled (calls unknown), one with any input that counts calls is merged;
 * with no input at all, merged. */
static void test_sampled_inputs_stay_sampled(void **state)
{
	struct profile *s1 = tu_load_q("{'meta': {'mode': 'sampled'}, 'functions': {'f': {'calls':"
				       " 0, 'time_ns': 5}}}");
	struct profile *s2 = tu_load_q("{'meta': {'mode': 'sampled', 'runs': 2}, 'functions':"
				       " {'f': {'calls': 0, 'time_ns': 7}}}");
	struct profile *ins = tu_load_q("{'meta': {'mode': 'instrumented'}, 'functions': {'f':"
					" {'calls': 3, 'time_ns': 9}}}");
	struct merge_result r;

	(void)state;
	r = merge2(s1, 2, s2, 1);
	assert_int_equal(r.profile->meta.mode, PF_MODE_SAMPLED);
	assert_false(profile_counts_calls(r.profile));
	assert_int_equal(tu_func(r.profile, "f")->time_ns, 17); /* 2*5 + 7 */
	assert_int_equal(r.profile->meta.runs, 3);
	merge_result_free(&r);
	r = merge2(s1, 1, ins, 1);
	assert_int_equal(r.profile->meta.mode, PF_MODE_MERGED);
	assert_true(profile_counts_calls(r.profile));
	merge_result_free(&r);
	merge_finish(merge_new(NULL), &r);
	assert_int_equal(r.profile->meta.mode, PF_MODE_MERGED);
	merge_result_free(&r);
	profile_free(s1);
	profile_free(s2);
	profile_free(ins);
}

/* Contexts merge by path; weights scale calls and self time; calls known
 * only where every input knew them; the path order of the result is the
 * canonical one whatever the inputs' function ids. */
static void test_contexts(void **state)
{
	/* A: main (1 call, 10 ns) > a (2, 20), main > b (1, 5) */
	struct profile *a = tu_load_q(
	    "{'functions': {'main': {'calls': 1, 'time_ns': 35}, 'a': {'calls': 2, 'time_ns': 20},"
	    " 'b': {'calls': 1, 'time_ns': 5}},"
	    " 'contexts': [{'function': 'main', 'calls': 1, 'self_ns': 10},"
	    " {'parent': 0, 'function': 'a', 'calls': 2, 'self_ns': 20},"
	    " {'parent': 0, 'function': 'b', 'calls': 1, 'self_ns': 5}]}");
	/* B, weight 3: main (1, 1) > a (calls unknown, 2) > c (unknown, 7);
	 * c sorts before main: its function ids differ from A's */
	struct profile *b = tu_load_q(
	    "{'functions': {'main': {'calls': 1, 'time_ns': 10}, 'a': {'calls': 1, 'time_ns': 9},"
	    " 'c': {'calls': 1, 'time_ns': 7}},"
	    " 'contexts': [{'function': 'main', 'calls': 1, 'self_ns': 1},"
	    " {'parent': 0, 'function': 'a', 'self_ns': 2},"
	    " {'parent': 1, 'function': 'c', 'self_ns': 7}]}");
	struct profile *none = tu_load_q("{'functions': {'main': {'calls': 1, 'time_ns': 10}}}");
	struct merge_result r = merge2(a, 1, b, 3);
	const struct profile *p = r.profile;
	uint32_t fa = profile_find_function(p, "a"), fb = profile_find_function(p, "b");
	uint32_t fc = profile_find_function(p, "c"), fm = profile_find_function(p, "main");

	(void)state;
	/* main, main>a, main>a>c, main>b */
	assert_int_equal(p->contexts.n, 4);
	assert_int_equal(p->contexts.v[0].func, fm);
	assert_int_equal(p->contexts.v[0].calls, 1 + 3 * 1);
	assert_int_equal(p->contexts.v[0].self_ns, 10 + 3 * 1);
	assert_true(p->contexts.v[0].flags & PF_HAS_CALLS);
	assert_int_equal(p->contexts.v[1].func, fa);
	assert_int_equal(p->contexts.v[1].parent, 0);
	assert_int_equal(p->contexts.v[1].self_ns, 20 + 3 * 2);
	assert_false(p->contexts.v[1].flags & PF_HAS_CALLS); /* unknown in B */
	assert_int_equal(p->contexts.v[2].func, fc);
	assert_int_equal(p->contexts.v[2].parent, 1);
	assert_int_equal(p->contexts.v[2].self_ns, 3 * 7);
	assert_false(p->contexts.v[2].flags & PF_HAS_CALLS);
	assert_int_equal(p->contexts.v[3].func, fb);
	assert_int_equal(p->contexts.v[3].calls, 1);
	assert_int_equal(p->contexts.v[3].self_ns, 5);
	assert_true(p->contexts.v[3].flags & PF_HAS_CALLS);
	/* inclusive: main 13 + (26 + 21) + 5 */
	assert_int_equal(p->contexts.v[0].time_ns, 65);
	assert_int_equal(p->contexts.v[1].time_ns, 47);
	merge_result_free(&r);
	/* weight 0.5: 10 + 0.5 and 20 + 1 (a rounds half away from zero) */
	r = merge2(a, 1, b, 0.5);
	assert_int_equal(r.profile->contexts.v[0].self_ns, 11);
	assert_int_equal(r.profile->contexts.v[0].calls, 2);
	assert_int_equal(r.profile->contexts.v[1].self_ns, 21);
	assert_int_equal(r.profile->contexts.v[2].self_ns, 4); /* 3.5 */
	merge_result_free(&r);
	/* an input without contexts: the result has none, in either order */
	r = merge2(a, 1, none, 1);
	assert_int_equal(r.profile->contexts.n, 0);
	merge_result_free(&r);
	r = merge2(none, 1, a, 1);
	assert_int_equal(r.profile->contexts.n, 0);
	merge_result_free(&r);
	profile_free(none);
	profile_free(b);
	profile_free(a);
}

/* ---- plans: a merge replayed through the alignment of an earlier one ---- */

/* A third input for the plans: a function of its own (with a line count,
 * an edge, a branch and a loop of its own), ext implicit here and defined
 * in plan_d, work's checksum other than plan_d's (stale when both are in),
 * no branch or loop site but legacy aggregates. */
static const char plan_c[] =
    "{'meta': {'runs': 4, 'build_id': 'cc'}, 'program': 'third',"
    " 'functions': {"
    "  'main': {'calls': 3, 'time_ns': 7, 'lines': {'3': 3}},"
    "  'work': {'calls': 5, 'time_ns': 5, 'checksum': 'c1'},"
    "  'onlyc': {'calls': 7, 'time_ns': 9, 'file': 'c.c', 'line': 2, 'size': 30,"
    "            'lines': {'2': 7}}},"
    " 'calls': [{'caller': 'main', 'callee': 'onlyc', 'count': 7, 'time_ns': 9},"
    "           {'caller': 'onlyc', 'callee': 'ext', 'count': 1}],"
    " 'branches': {'taken': 60, 'not_taken': 40},"
    " 'loops': {'hot': ['inner', 'outer']}}";

static const char plan_d[] =
    "{'meta': {'mode': 'sampled', 'build_id': 'dd'}, 'functions': {"
    "  'work': {'calls': 0, 'time_ns': 3, 'checksum': 'd1'},"
    "  'ext': {'calls': 0, 'time_ns': 1, 'file': 'e.c'}},"
    " 'calls': [{'caller': 'work', 'callee': 'ext', 'count': 2, 'time_ns': 1}],"
    " 'branches': {'sites': [{'function': 'work', 'line': 8, 'id': 'z', 'taken': 3,"
    "   'not_taken': 1}], 'taken': 10, 'not_taken': 90},"
    " 'loops': {'sites': [{'function': 'ext', 'name': 'l', 'line': 1, 'entries': 1,"
    "   'iterations': 3}]}}";

static void assert_str_same(const struct profile *a, uint32_t x, const struct profile *b,
			    uint32_t y)
{
	assert_int_equal(x == PF_NONE, y == PF_NONE);
	assert_string_equal(profile_str(a, x), profile_str(b, y));
}

/* Every field of two profiles equal, strings compared as text (a plan's
 * result has the plan's string table, so other string ids). */
static void assert_same_profile(const struct profile *a, const struct profile *b)
{
	uint32_t i;

	assert_int_equal(a->funcs.n, b->funcs.n);
	for (i = 0; i < a->funcs.n; i++) {
		const struct pf_function *f = &a->funcs.v[i], *g = &b->funcs.v[i];

		assert_str_same(a, f->name, b, g->name);
		assert_str_same(a, f->file, b, g->file);
		assert_str_same(a, f->checksum, b, g->checksum);
		assert_int_equal(f->line, g->line);
		assert_int_equal(f->size, g->size);
		assert_int_equal(f->flags, g->flags);
		assert_int_equal(f->lines_at, g->lines_at);
		assert_int_equal(f->lines_n, g->lines_n);
		assert_int_equal(f->calls, g->calls);
		assert_int_equal(f->time_ns, g->time_ns);
		assert_int_equal(f->self_ns, g->self_ns);
	}
	assert_int_equal(a->edges.n, b->edges.n);
	for (i = 0; i < a->edges.n; i++) {
		const struct pf_edge *x = &a->edges.v[i], *y = &b->edges.v[i];

		assert_int_equal(x->caller, y->caller);
		assert_int_equal(x->callee, y->callee);
		assert_int_equal(x->flags, y->flags);
		assert_int_equal(x->count, y->count);
		assert_int_equal(x->time_ns, y->time_ns);
	}
	assert_int_equal(a->branches.n, b->branches.n);
	for (i = 0; i < a->branches.n; i++) {
		const struct pf_branch *x = &a->branches.v[i], *y = &b->branches.v[i];

		assert_str_same(a, x->id, b, y->id);
		assert_int_equal(x->func, y->func);
		assert_int_equal(x->line, y->line);
		assert_int_equal(x->column, y->column);
		assert_int_equal(x->flags, y->flags);
		assert_int_equal(x->taken, y->taken);
		assert_int_equal(x->not_taken, y->not_taken);
	}
	assert_int_equal(a->loops.n, b->loops.n);
	for (i = 0; i < a->loops.n; i++) {
		const struct pf_loop *x = &a->loops.v[i], *y = &b->loops.v[i];

		assert_str_same(a, x->name, b, y->name);
		assert_int_equal(x->func, y->func);
		assert_int_equal(x->line, y->line);
		assert_int_equal(x->flags, y->flags);
		assert_int_equal(x->entries, y->entries);
		assert_int_equal(x->iterations, y->iterations);
		assert_int_equal(x->time_ns, y->time_ns);
	}
	assert_int_equal(a->lines.n, b->lines.n);
	for (i = 0; i < a->lines.n; i++) {
		assert_int_equal(a->lines.v[i].func, b->lines.v[i].func);
		assert_int_equal(a->lines.v[i].line, b->lines.v[i].line);
		assert_int_equal(a->lines.v[i].count, b->lines.v[i].count);
	}
	assert_int_equal(a->legacy_hot.n, b->legacy_hot.n);
	for (i = 0; i < a->legacy_hot.n; i++)
		assert_str_same(a, a->legacy_hot.v[i], b, b->legacy_hot.v[i]);
	assert_int_equal(a->has_legacy_branches, b->has_legacy_branches);
	assert_true(a->legacy_taken == b->legacy_taken);
	assert_true(a->legacy_not_taken == b->legacy_not_taken);
	assert_str_same(a, a->program, b, b->program);
	assert_str_same(a, a->meta.binary, b, b->meta.binary);
	assert_str_same(a, a->meta.build_id, b, b->meta.build_id);
	assert_int_equal(a->meta.mode, b->meta.mode);
	assert_int_equal(a->meta.runs, b->meta.runs);
	assert_int_equal(a->saturated, b->saturated);
	assert_int_equal(a->contexts.n, 0);
	assert_int_equal(b->contexts.n, 0);
}

/* The plan's merge of inputs with weights is merge_profiles()'s, field for
 * field, byte for byte once written, with the same stale list and the
 * same warnings. */
static struct merge_result plan_check(struct merge_plan *pl, size_t n,
				      const struct profile *const *ps, const double *ws)
{
	struct merge_options opt = {.warn = collect_warning};
	struct merge_input in[8];
	struct merge_result full, r;
	struct error err = {0};
	char *full_warnings, *t1, *t2;
	size_t i;

	sb_reset(&warnings);
	full = merge_n(&opt, n, ps, ws);
	full_warnings = xstrdup(sb_str(&warnings));
	for (i = 0; i < n; i++)
		in[i] = (struct merge_input){ps[i], ws[i]};
	assert_true(merge_plan_covers(pl, in, n));
	sb_reset(&warnings);
	assert_int_equal(merge_plan_apply(pl, in, n, &opt, &r, &err), STATUS_OK);
	assert_string_equal(sb_str(&warnings), full_warnings);
	assert_same_profile(full.profile, r.profile);
	t1 = tu_write(full.profile);
	t2 = tu_write(r.profile);
	assert_string_equal(t1, t2);
	assert_int_equal(r.n_stale, full.n_stale);
	for (i = 0; i < r.n_stale; i++) {
		assert_int_equal(r.stale[i].func, full.stale[i].func);
		assert_int_equal(r.stale[i].kept_input, full.stale[i].kept_input);
		assert_int_equal(r.stale[i].other_input, full.stale[i].other_input);
	}
	free(t1);
	free(t2);
	free(full_warnings);
	merge_result_free(&full);
	return r;
}

static void test_plan_replays_the_full_merge(void **state)
{
	struct profile *a = tu_load_q(weighted_a), *b = tu_load_q(weighted_b);
	struct profile *c = tu_load_q(plan_c), *d = tu_load_q(plan_d);
	const struct profile *all[] = {a, b, c, d};
	const double ones[] = {1, 1, 1, 1};
	struct merge_result u = merge_n(NULL, 4, all, ones), r;
	struct merge_plan *pl = merge_plan_new(u.profile, all, 4);
	/* subsets in session order, with integer, dyadic and other fractions */
	static const struct {
		uint8_t n, which[4];
		double w[4];
	} cases[] = {
	    {4, {0, 1, 2, 3}, {1, 1, 1, 1}},
	    {4, {0, 1, 2, 3}, {3, 0.5, 0.25, 7}},
	    {2, {0, 1}, {0.25, 1.5}},
	    {2, {0, 1}, {3, 1}},
	    {1, {0}, {2}},
	    {1, {1}, {0.3}},
	    {2, {1, 3}, {0.1, 0.7}},
	    {3, {0, 2, 3}, {1.0 / 1024, 2.5, 1}},
	    {2, {3, 2}, {1, 1}},
	    {3, {2, 0, 1}, {0.75, 0.5, 0.125}},
	};
	const struct profile *ps[4];
	size_t k, i;

	(void)state;
	u.profile = NULL; /* the plan has it */
	merge_result_free(&u);
	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		for (i = 0; i < cases[k].n; i++)
			ps[i] = all[cases[k].which[i]];
		r = plan_check(pl, cases[k].n, ps, cases[k].w);
		if (k % 2) /* the next result in this one's room */
			merge_plan_recycle(pl, r.profile), r.profile = NULL;
		merge_result_free(&r);
	}

	/* by hand: a 0.25, b 1.5; main's calls 0.25*1 + 1.5*2 = 3.25 -> 3,
	 * work's 0.25*10 + 1.5*20 = 32.5 -> 33 (half away from zero), its
	 * branch b0's taken 0.25*7 + 1.5*1 = 3.25 -> 3; only a and b's
	 * functions: onlyc (c's) and ext (c's and d's) are left out */
	ps[0] = a, ps[1] = b;
	r = plan_check(pl, 2, ps, cases[2].w);
	assert_int_equal(tu_func(r.profile, "main")->calls, 3);
	assert_int_equal(tu_func(r.profile, "work")->calls, 33);
	assert_int_equal(r.profile->branches.v[0].taken, 3);
	assert_int_equal(r.profile->funcs.n, 3); /* helper, main, work */
	assert_int_equal(profile_find_function(r.profile, "onlyc"), PF_NONE);
	assert_int_equal(profile_find_function(r.profile, "ext"), PF_NONE);
	merge_result_free(&r);
	/* c and d: ext is in both, implicit in c only, so not implicit;
	 * work's checksums differ: stale (the warning checked above) */
	ps[0] = c, ps[1] = d;
	r = plan_check(pl, 2, ps, ones);
	assert_false(tu_func(r.profile, "ext")->flags & PF_IMPLICIT);
	assert_int_equal(r.n_stale, 1);
	merge_result_free(&r);
	merge_plan_free(pl);
	sb_free(&warnings);
	profile_free(a);
	profile_free(b);
	profile_free(c);
	profile_free(d);
}

/* A plan covers only its inputs, and none with calling contexts. */
static void test_plan_covers(void **state)
{
	struct profile *a = tu_load_q(weighted_a), *b = tu_load_q(weighted_b);
	struct profile *x = tu_load_q(
	    "{'functions': {'main': {'calls': 1, 'time_ns': 2}}, 'contexts': [{'function': 'main',"
	    " 'calls': 1, 'self_ns': 2}]}");
	const struct profile *ab[] = {a, x};
	const double ones[] = {1, 1};
	struct merge_result u = merge_n(NULL, 2, ab, ones);
	struct merge_plan *pl = merge_plan_new(u.profile, ab, 2);
	struct merge_input in[] = {{a, 2}, {b, 1}};

	(void)state;
	assert_true(merge_plan_covers(pl, in, 1));
	assert_false(merge_plan_covers(pl, in, 2)); /* b is not one of the plan's */
	in[0].profile = x;
	assert_false(merge_plan_covers(pl, in, 1));	  /* contexts */
	assert_false(merge_plan_covers(NULL, in + 1, 1)); /* no plan */
	merge_plan_free(pl);
	profile_free(a);
	profile_free(b);
	profile_free(x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_contexts),
	    cmocka_unit_test(test_weights_3_and_1),
	    cmocka_unit_test(test_discriminators),
	    cmocka_unit_test(test_clock_meta),
	    cmocka_unit_test(test_rounding_half_away_from_zero),
	    cmocka_unit_test(test_saturation),
	    cmocka_unit_test(test_normalize),
	    cmocka_unit_test(test_normalize_saturated_total),
	    cmocka_unit_test(test_stale_checksums),
	    cmocka_unit_test(test_legacy_percentages),
	    cmocka_unit_test(test_hot_list_union),
	    cmocka_unit_test(test_derived_self_and_flags),
	    cmocka_unit_test(test_bad_weight),
	    cmocka_unit_test(test_builds_and_modes),
	    cmocka_unit_test(test_associative_commutative),
	    cmocka_unit_test(test_incremental_and_empty),
	    cmocka_unit_test(test_sampled_inputs_stay_sampled),
	    cmocka_unit_test(test_plan_replays_the_full_merge),
	    cmocka_unit_test(test_plan_covers),
	};

	return cmocka_run_group_tests_name("merge", tests, NULL, NULL);
}
