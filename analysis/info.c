/* info.c - a profile's meta and contents as lines. */
#include "analysis/info.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#include "src/base/strbuf.h"
#include "src/base/text.h"

const char *info_clock_how(enum pf_clock clock)
{
	static const char *const how[] = {
	    [PF_CLOCK_CPU] = "CPU time of each thread, sampled",
	    [PF_CLOCK_WALL] = "wall time of each thread, sampled",
	    [PF_CLOCK_PRECISE] = "wall time, measured at every call",
	    [PF_CLOCK_MIXED] = "CPU and wall time, merged",
	};

	return clock > PF_CLOCK_UNSET && clock <= PF_CLOCK_MIXED ? how[clock] : NULL;
}

PRINTF_LIKE(4, 5)
static void info_add(struct info_line *l, unsigned *n, const char *label, const char *fmt, ...)
{
	va_list ap;

	l[*n].label = label;
	va_start(ap, fmt);
	vsnprintf(l[*n].value, sizeof(l[*n].value), fmt, ap);
	va_end(ap);
	(*n)++;
}

/* A string of p, or "-" when it has none. */
static const char *info_str(const struct profile *p, uint32_t id)
{
	return id != PF_NONE ? profile_str(p, id) : "-";
}

/* "3 threads, 731 ms wall, 315 ms CPU", or nothing when meta knows none. */
static void info_run(const struct pf_meta *m, struct info_line *l, unsigned *n)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[16];

	if (m->threads)
		sb_addf(&sb, "%" PRIu64 " thread%s", m->threads, m->threads == 1 ? "" : "s");
	if (m->wall_ns)
		sb_addf(&sb, "%s%s wall", sb.len ? ", " : "", text_duration(buf, m->wall_ns));
	if (m->cpu_ns)
		sb_addf(&sb, "%s%s CPU", sb.len ? ", " : "", text_duration(buf, m->cpu_ns));
	if (sb.len)
		info_add(l, n, "run", "%s", sb_str(&sb));
	sb_free(&sb);
}

/* "7 functions, 6 call edges", then the sites, contexts and line counts
 * it has. */
static void info_contents(const struct profile *p, uint32_t counted, struct info_line *l,
			  unsigned *n)
{
	const struct {
		uint32_t n;
		const char *one, *many;
	} parts[] = {{p->funcs.n, "function", "functions"},
		     {p->edges.n, "call edge", "call edges"},
		     {p->branches.n, "branch site", "branch sites"},
		     {p->loops.n, "loop site", "loop sites"},
		     {p->contexts.n, "calling context", "calling contexts"},
		     {counted, "function with line counts", "functions with line counts"}};
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (parts[i].n || i < 2) /* functions and edges even when 0 */
			sb_addf(&sb, "%s%" PRIu32 " %s", i ? ", " : "", parts[i].n,
				parts[i].n == 1 ? parts[i].one : parts[i].many);
	info_add(l, n, "contents", "%s", sb_str(&sb));
	sb_free(&sb);
}

unsigned info_profile(const struct profile *p, struct info_line *l)
{
	const struct pf_meta *m = &p->meta;
	unsigned n = 0;
	uint32_t i, counted = 0;
	char buf[16];

	info_add(l, &n, "program", "%s", info_str(p, p->program));
	if (m->binary != PF_NONE)
		info_add(l, &n, "binary", "%s", profile_str(p, m->binary));
	if (m->build_id != PF_NONE)
		info_add(l, &n, "build id", "%s", profile_str(p, m->build_id));
	if (m->tool != PF_NONE)
		info_add(l, &n, "tool", "%s", profile_str(p, m->tool));
	info_add(l, &n, "mode", "%s, %" PRIu64 " run%s",
		 m->mode != PF_MODE_UNSET ? profile_mode_name(m->mode) : "unknown", m->runs,
		 m->runs == 1 ? "" : "s");
	if (info_clock_how(m->clock))
		info_add(l, &n, "clock", "%s (%s)", profile_clock_name(m->clock),
			 info_clock_how(m->clock));
	info_run(m, l, &n);
	if (m->sample_period_ns)
		info_add(l, &n, "sampling", "every %s", text_duration(buf, m->sample_period_ns));
	if (m->created != PF_NONE)
		info_add(l, &n, "created", "%s", profile_str(p, m->created));
	for (i = 0; i < p->funcs.n; i++)
		counted += p->funcs.v[i].lines_n > 0;
	info_contents(p, counted, l, &n);
	info_add(l, &n, "total", "%s self time%s%s%s", text_duration(buf, profile_total_self(p)),
		 profile_clock_what(m->clock) ? " (" : "",
		 profile_clock_what(m->clock) ? profile_clock_what(m->clock) : "",
		 profile_clock_what(m->clock) ? ")" : "");
	return n;
}
