/* perf_script.c - import the default text output of `perf script`, with
 * or without call chains (perf record -g): a header line per sample
 * ("COMM PID TIME: [PERIOD] EVENT: [ADDR SYM+OFF (DSO)]"), then with -g
 * one indented frame per line, innermost first, and a blank line. The
 * mapping is documented in docs/import-formats.md. */
#define _GNU_SOURCE /* memrchr */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loaders/import_build.h"
#include "loaders/loader.h"
#include "src/base/alloc.h"
#include "src/base/strbuf.h"

/* What a header line says. */
struct ps_header {
	size_t event, event_len; /* the event's name, from the line's start */
	size_t rest;		 /* where a frame on the line starts (n when none) */
	uint64_t period;
	bool has_period;
};

static bool ps_is_time(const char *t, size_t n)
{
	size_t d = strspn(t, "0123456789");

	return d > 0 && d + 1 < n && t[d] == '.' && t[n - 1] == ':' &&
	       strspn(t + d + 1, "0123456789") == n - d - 2;
}

/* The next token of s[*i, n) in [*t, *t + *tn); false at the end. */
static bool ps_token(const char *s, size_t n, size_t *i, size_t *t, size_t *tn)
{
	while (*i < n && (s[*i] == ' ' || s[*i] == '\t'))
		(*i)++;
	if (*i >= n)
		return false;
	*t = *i;
	while (*i < n && s[*i] != ' ' && s[*i] != '\t')
		(*i)++;
	*tn = *i - *t;
	return true;
}

/* Parse a header line; false when s is none. The time is the first token
 * "DIGITS.DIGITS:" (the command name before it may hold spaces, and
 * without -g perf pads it on the left). */
static bool ps_parse_header(const char *s, size_t n, struct ps_header *h)
{
	size_t i = 0, t = 0, tn = 0, k;

	while (ps_token(s, n, &i, &t, &tn) && !ps_is_time(s + t, tn))
		;
	if (i >= n || !ps_is_time(s + t, tn) || !ps_token(s, n, &i, &t, &tn))
		return false;
	h->has_period = strspn(s + t, "0123456789") == tn;
	h->period = 0;
	if (h->has_period) {
		if (tn > 19)
			return false;
		for (k = 0; k < tn; k++)
			h->period = h->period * 10 + (uint64_t)(s[t + k] - '0');
		if (!ps_token(s, n, &i, &t, &tn))
			return false;
	}
	if (s[t + tn - 1] != ':')
		return false;
	h->event = t;
	h->event_len = strcspn(s + t, ":");
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	h->rest = i;
	return true;
}

struct ps {
	struct profile *p;
	const char *path, *buf;
	size_t len;
	struct error *err;
	struct import_stacks stacks;
	VEC(uint32_t) chain; /* the sample being read, innermost first */
	struct strbuf name;
	char event[64];
	bool in_sample, clock, mixed, periods;
	uint64_t samples, total_period;
};

/* One frame "ADDR SYM+0xOFF (DSO)" at s (n bytes): its function. */
static enum status ps_frame(struct ps *ps, const char *s, size_t n)
{
	size_t a = strspn(s, " \t"), b, e = n, o;
	const char *dso = NULL;
	size_t dso_n = 0;

	b = a + strspn(s + a, "0123456789abcdefABCDEF");
	if (b == a || b >= n || (s[b] != ' ' && s[b] != '\t'))
		return import_fail_at(ps->err, ps->path, ps->buf, ps->len,
				      (size_t)(s - ps->buf) + a,
				      "expected a frame: ADDRESS SYMBOL (DSO)");
	b += strspn(s + b, " \t");
	if (e > b && s[e - 1] == ')') {
		for (o = e - 1; o > b && !(s[o] == '(' && s[o - 1] == ' '); o--)
			;
		if (o > b) {
			dso = s + o + 1;
			dso_n = e - 1 - (o + 1);
			e = o - 1;
		}
	}
	/* symbol+0xOFFSET: the offset goes */
	for (o = e; o > b && s[o - 1] != '+'; o--)
		;
	if (o > b + 1 && o + 2 < e && s[o] == '0' && s[o + 1] == 'x' &&
	    strspn(s + o + 2, "0123456789abcdef") == e - o - 2)
		e = o - 1;
	sb_reset(&ps->name);
	if (e == b || (e - b == 9 && !memcmp(s + b, "[unknown]", 9))) {
		const char *slash = dso ? memrchr(dso, '/', dso_n) : NULL;
		size_t bn = slash ? dso_n - (size_t)(slash + 1 - dso) : dso_n;

		if (dso && bn && !(dso_n == 9 && !memcmp(dso, "[unknown]", 9)))
			sb_addf(&ps->name, "%s%.*s%s", dso[0] == '[' ? "" : "[", (int)bn,
				slash ? slash + 1 : dso, dso[0] == '[' ? "" : "]");
		else
			sb_adds(&ps->name, "[unknown]");
	} else {
		sb_add(&ps->name, s + b, e - b);
	}
	VEC_APPEND(ps->chain, import_build_function(ps->p, sb_str(&ps->name), ps->name.len));
	return STATUS_OK;
}

/* The sample read so far, outermost frame first, into the stacks. */
static void ps_end_sample(struct ps *ps, uint64_t period)
{
	uint32_t i, n = ps->chain.n;

	for (i = 0; i < n / 2; i++) {
		uint32_t t = ps->chain.v[i];

		ps->chain.v[i] = ps->chain.v[n - 1 - i];
		ps->chain.v[n - 1 - i] = t;
	}
	if (n)
		import_stacks_add(&ps->stacks, ps->chain.v, n, 1, period);
	ps->chain.n = 0;
}

static enum status ps_header_line(struct ps *ps, const char *s, size_t n, uint64_t *period)
{
	struct ps_header h;
	char ev[64];
	bool clock;

	if (!ps_parse_header(s, n, &h))
		return import_fail_at(ps->err, ps->path, ps->buf, ps->len, (size_t)(s - ps->buf),
				      "expected a sample: COMM PID TIME: [PERIOD] EVENT: (perf "
				      "script's default output)");
	snprintf(ev, sizeof(ev), "%.*s", (int)(h.event_len < 63 ? h.event_len : 63), s + h.event);
	if (!ps->samples)
		snprintf(ps->event, sizeof(ps->event), "%s", ev);
	else if (strcmp(ev, ps->event))
		ps->mixed = true;
	clock = !strcmp(ev, "cpu-clock") || !strcmp(ev, "task-clock");
	ps->clock = (ps->samples ? ps->clock : true) && clock && h.has_period;
	ps->samples++;
	*period = h.period;
	ps->total_period = profile_sat_add(ps->p, ps->total_period, h.period);
	return h.rest < n ? ps_frame(ps, s + h.rest, n - h.rest) : STATUS_OK;
}

static enum status ps_read(struct ps *ps)
{
	struct import_lines r = {ps->buf, ps->len, 0, 0, 0};
	enum status st = STATUS_OK;
	struct ps_header h;
	uint64_t period = 0;
	const char *s;
	size_t n;

	while (st == STATUS_OK && import_lines_next(&r, &s, &n)) {
		if (strspn(s, " \t") >= n) {
			ps_end_sample(ps, period);
			ps->in_sample = false;
		} else if (ps_parse_header(s, n, &h) || !ps->in_sample) {
			ps_end_sample(ps, period);
			ps->in_sample = true;
			st = ps_header_line(ps, s, n, &period);
		} else {
			st = ps_frame(ps, s, n);
		}
	}
	if (st == STATUS_OK)
		ps_end_sample(ps, period);
	return st;
}

static enum status perf_script_load(struct profile *p, const char *path, const char *buf,
				    size_t len, const struct load_ctx *ctx, struct error *err)
{
	struct ps ps = {.p = p, .path = path, .buf = buf, .len = len, .err = err};
	struct strbuf tool = STRBUF_INIT;
	enum status st;

	(void)ctx;
	st = import_check_text(err, path, buf, len);
	if (st == STATUS_OK)
		st = ps_read(&ps);
	if (st == STATUS_OK && !ps.samples)
		st = error_set(err, STATUS_INVALID, path, 0, 0,
			       "no samples in the perf script output");
	if (st == STATUS_OK) {
		bool by_time = ps.clock && !ps.mixed && ps.total_period / ps.samples > 0;

		import_stacks_finish(&ps.stacks, p, !by_time);
		sb_addf(&tool, "perf script (%s)", ps.mixed ? "several events" : ps.event);
		import_build_meta(p, PF_MODE_SAMPLED, sb_str(&tool));
		if (by_time)
			p->meta.sample_period_ns = ps.total_period / ps.samples;
		import_build_finish(p);
	}
	free(ps.stacks.frames.v);
	free(ps.stacks.stacks.v);
	free(ps.chain.v);
	sb_free(&ps.name);
	sb_free(&tool);
	return st;
}

/* The first line that is not blank is a sample header. */
static bool perf_script_sniff(const char *buf, size_t len)
{
	struct import_lines r = {buf, len, 0, 0, 0};
	struct ps_header h;
	const char *s;
	size_t n;

	while (import_lines_next(&r, &s, &n))
		if (strspn(s, " \t") < n)
			return ps_parse_header(s, n, &h);
	return false;
}

const struct loader loader_perf_script = {
    .name = "perf-script",
    .description = "perf script text output, with or without call chains (-g)",
    .sniff = perf_script_sniff,
    .load = perf_script_load,
};
