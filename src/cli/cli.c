/* cli.c - loading, messages and option values shared by the subcommands. */
#include "src/cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/hotspots.h"
#include "analysis/merge.h"
#include "loaders/loader.h"
#include "src/base/alloc.h"
#include "src/base/fileio.h"
#include "src/base/strbuf.h"
#include "src/base/text.h"
#include "src/model/profile.h"
#include "src/writers/exporter.h"

bool cli_quiet;
const char *cli_program = "vitte-pgo";

static bool progress_shown;

void cli_progress(const char *fmt, ...)
{
	char raw[1024] = "", safe[1024];
	va_list ap;

	if (fmt) {
		va_start(ap, fmt);
		vsnprintf(raw, sizeof(raw), fmt, ap);
		va_end(ap);
	}
	text_escape(safe, sizeof(safe), raw, strlen(raw));
	if (fmt || progress_shown)
		fprintf(stderr, "\r%s\033[K", safe);
	progress_shown = fmt != NULL;
}

void cli_print_error(const struct error *err)
{
	cli_progress(NULL);
	fprintf(stderr, "%s\n", err->text);
}

int cli_finish_stdout(int rc)
{
	int e = errno; /* after an earlier failed write, its reason */

	if (fflush(stdout) != 0 || (!ferror(stdout) && fclose(stdout) != 0))
		e = errno;
	else if (!ferror(stdout))
		return rc;
	if (!e)
		e = EIO;
	fprintf(stderr, "%s: cannot write to standard output: %s\n", cli_program, strerror(e));
	return rc == EXIT_OK ? EXIT_FAIL : rc;
}

static void cli_warn_into(void *arg, const char *text)
{
	if (!cli_quiet)
		sb_addf(arg, "%s\n", text);
}

/* Load path, its warnings and error, one per line, into msgs; with split,
 * a big file on two threads: for the browser's only input, where the wait
 * is what counts (a command counts CPU time, and scripts run several at
 * once). */
static struct profile *cli_load_quietly(const char *path, const char *format, bool split,
					struct strbuf *msgs, struct profile *reuse)
{
	struct load_ctx ctx = {cli_warn_into, msgs, 0, split, NULL};
	struct profile *p;
	struct error err;

	if (loader_load_into(reuse, path, format, &ctx, &p, &err) != STATUS_OK) {
		sb_addf(msgs, "%s\n", err.text);
		profile_free(reuse);
		return NULL;
	}
	if (!cli_quiet && (p->saturated || hotspots_saturated(p))) {
		char name[200];

		text_escape(name, sizeof(name), path, strlen(path));
		if (p->saturated)
			sb_addf(msgs, "%s: warning: %llu %s clamped at 2^64-1\n", name,
				(unsigned long long)p->saturated,
				text_plural(p->saturated, "sum was", "sums were"));
		if (hotspots_saturated(p))
			sb_addf(msgs, "%s: warning: %s\n", name, hotspots_saturated(p));
	}
	return p;
}

struct profile *cli_load(const char *path, const char *format)
{
	struct strbuf msgs = STRBUF_INIT;
	struct profile *p = cli_load_quietly(path, format, false, &msgs, NULL);

	if (msgs.len)
		cli_progress(NULL);
	fputs(sb_str(&msgs), stderr);
	sb_free(&msgs);
	return p;
}

/* ---- several inputs on two threads ---- */

#define LOADS_AHEAD 2 /* inputs loaded before the one being used */

struct cli_load_slot {
	struct profile *p;
	struct strbuf msgs;
	bool done;
};

struct cli_loads {
	const char *const *paths; /* borrowed */
	const char *format;
	size_t n, next, used; /* inputs; the next one to load; those handed out */
	size_t ahead;	      /* LOADS_AHEAD, or 1 when profiles are given back */
	bool stop;
	struct cli_load_slot *slot;
	struct profile *spare[LOADS_AHEAD + 1]; /* given back, cleared, to load into */
	size_t n_spare;
	pthread_t worker;
	bool threaded;
	pthread_mutex_t lock;
	pthread_cond_t changed;
};

/* Load input i, with the lock held, which it lets go meanwhile: into a
 * profile given back when there is one. */
static void cli_loads_one(struct cli_loads *l, size_t i)
{
	struct profile *reuse = l->n_spare ? l->spare[--l->n_spare] : NULL;

	pthread_mutex_unlock(&l->lock);
	l->slot[i].p = cli_load_quietly(l->paths[i], l->format, l->n == 1, &l->slot[i].msgs, reuse);
	pthread_mutex_lock(&l->lock);
	l->slot[i].done = true;
	pthread_cond_broadcast(&l->changed);
}

/* Load inputs in turn, never more than l->ahead beyond those used;
 * both threads run this, so two inputs load at once. */
static void *cli_loads_run(void *arg)
{
	struct cli_loads *l = arg;

	pthread_mutex_lock(&l->lock);
	for (;;) {
		while (!l->stop && l->next < l->n && l->next >= l->used + l->ahead)
			pthread_cond_wait(&l->changed, &l->lock);
		if (l->stop || l->next >= l->n)
			break;
		cli_loads_one(l, l->next++);
	}
	pthread_mutex_unlock(&l->lock);
	return NULL;
}

struct cli_loads *cli_loads_start(const char *const *paths, size_t n, const char *format,
				  bool recycle)
{
	struct cli_loads *l = xcalloc(1, sizeof(*l));

	l->paths = paths;
	l->n = n;
	l->format = format;
	l->ahead = recycle ? 1 : LOADS_AHEAD;
	l->slot = xcalloc(n ? n : 1, sizeof(*l->slot));
	pthread_mutex_init(&l->lock, NULL);
	pthread_cond_init(&l->changed, NULL);
	l->threaded = n > 1 && pthread_create(&l->worker, NULL, cli_loads_run, l) == 0;
	return l;
}

struct profile *cli_loads_next(struct cli_loads *l)
{
	struct cli_load_slot *s;
	struct profile *p;

	if (l->used >= l->n)
		return NULL;
	s = &l->slot[l->used];
	pthread_mutex_lock(&l->lock);
	while (!s->done) {
		if (l->next <= l->used) { /* this thread loads it */
			cli_loads_one(l, l->next++);
		} else {
			pthread_cond_wait(&l->changed, &l->lock);
		}
	}
	l->used++;
	pthread_cond_broadcast(&l->changed);
	pthread_mutex_unlock(&l->lock);
	if (s->msgs.len)
		cli_progress(NULL);
	fputs(sb_str(&s->msgs), stderr);
	sb_free(&s->msgs);
	p = s->p;
	s->p = NULL;
	return p;
}

void cli_loads_recycle(struct cli_loads *l, struct profile *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&l->lock);
	if (l->n_spare < sizeof(l->spare) / sizeof(l->spare[0]) && l->next < l->n) {
		pthread_mutex_unlock(&l->lock);
		profile_clear(p);
		pthread_mutex_lock(&l->lock);
		l->spare[l->n_spare++] = p;
		p = NULL;
	}
	pthread_mutex_unlock(&l->lock);
	profile_free(p);
}

void cli_loads_end(struct cli_loads *l)
{
	size_t i;

	pthread_mutex_lock(&l->lock);
	l->stop = true;
	pthread_cond_broadcast(&l->changed);
	pthread_mutex_unlock(&l->lock);
	if (l->threaded)
		pthread_join(l->worker, NULL);
	for (i = 0; i < l->n; i++) {
		profile_free(l->slot[i].p);
		sb_free(&l->slot[i].msgs);
	}
	while (l->n_spare)
		profile_free(l->spare[--l->n_spare]);
	pthread_mutex_destroy(&l->lock);
	pthread_cond_destroy(&l->changed);
	free(l->slot);
	free(l);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	struct strbuf raw = STRBUF_INIT, safe = STRBUF_INIT;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n > 0) {
		char *buf = xmalloc((size_t)n + 1);

		va_start(ap, fmt);
		vsnprintf(buf, (size_t)n + 1, fmt, ap);
		va_end(ap);
		sb_add(&raw, buf, (size_t)n);
		free(buf);
	}
	text_escape_sb(&safe, sb_str(&raw), raw.len);
	fprintf(stderr, "%s%s%s: %s\nTry '%s %s%s--help' for more information.\n", cli_program,
		cmd ? " " : "", cmd ? cmd : "", sb_str(&safe), cli_program, cmd ? cmd : "",
		cmd ? " " : "");
	sb_free(&raw);
	sb_free(&safe);
	return EXIT_USAGE;
}

int cli_next_option(struct cli_opts *o, int argc, char **argv)
{
	int c;

	if (!o->started) {
		opterr = 0;
		optind = 1;
		o->started = true;
	}
	o->rc = EXIT_USAGE; /* unless -h */
	while ((c = getopt_long(argc, argv, o->shortopts, o->longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			if (!o->help)
				return c; /* the command prints its own */
			fputs(o->help, stdout);
			o->rc = EXIT_OK;
			return CLI_OPT_EXIT;
		case 'q':
			cli_quiet = true;
			break;
		case 'w':
			if (!o->inputs)
				return c;
			if (cli_inputs_add_weighted(o->inputs, optarg))
				break;
			cli_usage_error(o->cmd,
					"-w needs WEIGHT,FILE with a positive weight, not '%s'",
					optarg);
			return CLI_OPT_EXIT;
		case 'n':
			if (!o->top)
				return c;
			o->top_given = true;
			if (cli_parse_uint(optarg, o->top))
				break;
			cli_usage_error(o->cmd, "--top needs a number, not '%s'", optarg);
			return CLI_OPT_EXIT;
		case ':':
			cli_usage_error(o->cmd, "option '%s' needs a value", argv[optind - 1]);
			return CLI_OPT_EXIT;
		case '?':
			cli_usage_error(o->cmd, "unknown option '%s'", argv[optind - 1]);
			return CLI_OPT_EXIT;
		default:
			return c;
		}
	}
	return CLI_OPT_DONE;
}

bool cli_parse_uint(const char *s, unsigned long *out)
{
	char *end;

	if (!s || *s < '0' || *s > '9')
		return false;
	errno = 0;
	*out = strtoul(s, &end, 10);
	return !errno && !*end;
}

bool cli_parse_real(const char *s, double min, double max, double *out)
{
	char *end;

	/* decimal only: strtod would also read 0x10, inf, nan and spaces */
	if (!s || !*s || s[strspn(s, "0123456789.eE+-")])
		return false;
	errno = 0;
	*out = strtod(s, &end);
	return !errno && !*end && *out >= min && *out <= max;
}

void cli_print_escaped(FILE *out, const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	text_escape_sb(&sb, s, strlen(s));
	fputs(sb_str(&sb), out);
	sb_free(&sb);
}

void cli_inputs_add(struct cli_inputs *in, const char *path, double weight)
{
	VEC_APPEND(*in, ((struct cli_input){path, weight}));
}

/* Split "W,FILE" in place; NULL when W is not a positive finite number. */
static const char *split_weight(char *arg, double *weight)
{
	char *comma = strchr(arg, ',');

	if (!comma || !comma[1])
		return NULL;
	*comma = '\0';
	if (!cli_parse_real(arg, 0, 1e300, weight) || !(*weight > 0)) {
		*comma = ',';
		return NULL;
	}
	*comma = ',';
	return comma + 1;
}

bool cli_inputs_add_weighted(struct cli_inputs *in, const char *arg)
{
	char *copy = xstrdup(arg);
	double w;
	const char *path = split_weight(copy, &w);
	size_t at = path ? (size_t)(path - copy) : 0;

	free(copy);
	if (!path)
		return false;
	cli_inputs_add(in, arg + at, w);
	return true;
}

bool cli_inputs_add_list(struct cli_inputs *in, const char *list)
{
	char *buf, *line, *next;
	size_t len;
	unsigned lineno = 0;
	struct error err;

	if (file_read_all(list, &buf, &len, &err) != STATUS_OK) {
		cli_print_error(&err);
		return false;
	}
	for (line = buf; line && *line; line = next) {
		char *end, *path;
		double w = 1;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		end = line + strlen(line);
		while (end > line && strchr(" \t\r", end[-1]))
			*--end = '\0';
		line += strspn(line, " \t");
		if (!*line || *line == '#')
			continue;
		path = line;
		if (strchr(line, ',') && (line[0] == '.' || (line[0] >= '0' && line[0] <= '9'))) {
			const char *p = split_weight(line, &w);

			if (!p) {
				error_set(&err, STATUS_USAGE, list, lineno, 1,
					  "expected [WEIGHT,]FILE with a positive weight");
				cli_print_error(&err);
				free(buf);
				return false;
			}
			path = line + (p - line);
		}
		VEC_APPEND(in->owned, xstrdup(path));
		cli_inputs_add(in, in->owned.v[in->owned.n - 1], w);
	}
	free(buf);
	return true;
}

void cli_inputs_free(struct cli_inputs *in)
{
	size_t i;

	for (i = 0; i < in->owned.n; i++)
		free(in->owned.v[i]);
	free(in->owned.v);
	free(in->v);
	memset(in, 0, sizeof(*in));
}

void cli_warn_line(void *arg, const char *text)
{
	(void)arg;
	cli_progress(NULL);
	if (!cli_quiet)
		fprintf(stderr, "%s: warning: %s\n", cli_program, text);
}

struct profile *cli_load_merged(const struct cli_inputs *in, bool normalize, const char *format,
				bool always_merge)
{
	struct merge_options opt = {normalize, cli_warn_line, NULL};
	struct cli_loads *loads;
	const char **paths;
	struct merge *m;
	struct merge_result r;
	struct profile *p;
	struct error err;
	size_t i;

	if (!always_merge && merge_passes_through(in->n, in->n ? in->v[0].weight : 1, normalize))
		return cli_load(in->v[0].path, format);
	paths = xcalloc(in->n, sizeof(*paths));
	for (i = 0; i < in->n; i++)
		paths[i] = in->v[i].path;
	loads = cli_loads_start(paths, in->n, format, true);
	m = merge_new(&opt);
	for (i = 0; i < in->n; i++) {
		p = cli_loads_next(loads);
		if (!p || merge_add_input(m, p, in->v[i].weight, &err) != STATUS_OK) {
			if (p)
				cli_print_error(&err);
			profile_free(p);
			merge_free(m);
			cli_loads_end(loads);
			free(paths);
			return NULL;
		}
		cli_loads_recycle(loads, p);
	}
	cli_loads_end(loads);
	free(paths);
	merge_finish(m, &r);
	p = r.profile;
	r.profile = NULL;
	merge_result_free(&r);
	if (p->saturated && !cli_quiet)
		fprintf(stderr, "vitte-pgo: warning: %llu merged counters were clamped at 2^64-1\n",
			(unsigned long long)p->saturated);
	return p;
}

/* Warn of what ex dropped of p on its way to path. */
static void cli_warn_dropped(const struct exporter *ex, const struct profile *p, const char *path)
{
	struct strbuf notes = STRBUF_INIT;
	char name[200];
	const char *line, *end;

	if (!ex->notes || cli_quiet)
		return;
	ex->notes(p, &notes);
	text_escape(name, sizeof(name), path, strlen(path));
	for (line = sb_str(&notes); *line; line = *end ? end + 1 : end) {
		end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line);
		fprintf(stderr, "%s: warning: %s: %.*s\n", name, ex->name, (int)(end - line), line);
	}
	sb_free(&notes);
}

int cli_write_output(const struct exporter *ex, const struct profile *p, const char *path,
		     bool force)
{
	struct strbuf sb = STRBUF_INIT;
	struct error err;
	int rc = EXIT_OK;

	if (strcmp(path, "-") != 0) {
		if (exporter_write_file(ex, p, path, force, &err) != STATUS_OK) {
			cli_print_error(&err);
			rc = EXIT_FAIL;
		} else {
			cli_warn_dropped(ex, p, path);
		}
		return rc;
	}
	if (ex->write(p, &sb, &err) != STATUS_OK) {
		cli_print_error(&err);
		rc = EXIT_FAIL;
	} else {
		/* a failed write is reported by cli_finish_stdout() */
		fwrite(sb_str(&sb), 1, sb.len, stdout);
		cli_warn_dropped(ex, p, "-");
	}
	sb_free(&sb);
	return rc;
}
