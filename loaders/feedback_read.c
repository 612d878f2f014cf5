/* feedback_read.c - validate a feedback file against its specification. */
#include "loaders/feedback_read.h"

#include <string.h>

#include "loaders/json_doc.h"

struct fb {
	struct json_doc *d;
	const cJSON *functions; /* the "functions" object, for names cited */
	struct feedback_summary *sum;
};

bool feedback_sniff(const char *buf, size_t len)
{
	const char *key = strstr(buf, "\"format\"");

	return key && (size_t)(key - buf) < len && strstr(key, "\"vitte-feedback\"") &&
	       strstr(key, "\"vitte-feedback\"") - key < 32;
}

/* A member's value when present; NULL (and no error) when absent. */
static const cJSON *fb_opt(const cJSON *obj, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* A number in [lo, hi]. */
static enum status fb_number(struct fb *f, const cJSON *n, const char *what, double lo, double hi)
{
	if (!cJSON_IsNumber(n))
		return json_doc_fail(f->d, n, "%s must be a number, found %s", what,
				     json_doc_type(n));
	if (!(n->valuedouble >= lo && n->valuedouble <= hi))
		return json_doc_fail(f->d, n, "%s must be from %g to %g, found %g", what, lo, hi,
				     n->valuedouble);
	return STATUS_OK;
}

/* A string among words (NULL-terminated); its index in *at. */
static enum status fb_word(struct fb *f, const cJSON *n, const char *what, const char *const *words,
			   unsigned *at)
{
	const char *s;
	enum status st = json_doc_string(f->d, n, what, false, &s);
	char buf[64];

	for (*at = 0; st == STATUS_OK && words[*at]; (*at)++)
		if (!strcmp(s, words[*at]))
			return STATUS_OK;
	return st != STATUS_OK ? st
			       : json_doc_fail(f->d, n, "%s %s is not one of the known ones", what,
					       json_doc_quote(buf, sizeof(buf), s));
}

/* A string naming one of the file's functions. */
static enum status fb_function_name(struct fb *f, const cJSON *n, const char *what)
{
	const char *s;
	enum status st = json_doc_string(f->d, n, what, false, &s);
	char buf[64];

	if (st == STATUS_OK && !cJSON_GetObjectItemCaseSensitive(f->functions, s))
		st = json_doc_fail(f->d, n, "%s %s is not in \"functions\"", what,
				   json_doc_quote(buf, sizeof(buf), s));
	return st;
}

/* Every element of the array at key of obj (when present) through check. */
static enum status fb_each(struct fb *f, const cJSON *obj, const char *key,
			   enum status (*check)(struct fb *f, const cJSON *e), uint32_t *count)
{
	const cJSON *a = fb_opt(obj, key), *e;
	enum status st;

	if (!a)
		return STATUS_OK;
	if ((st = json_doc_array(f->d, a, key)) != STATUS_OK)
		return st;
	cJSON_ArrayForEach(e, a)
	{
		if ((st = json_doc_object(f->d, e, key)) != STATUS_OK ||
		    (st = check(f, e)) != STATUS_OK)
			return st;
		(*count)++;
	}
	return STATUS_OK;
}

static enum status fb_inline(struct fb *f, const cJSON *e)
{
	enum status st;
	const cJSON *n;
	uint64_t count;

	if (!(n = json_doc_member(f->d, e, "callee", "an inline call", &st)) ||
	    (st = fb_function_name(f, n, "callee")) != STATUS_OK)
		return st;
	if (!(n = json_doc_member(f->d, e, "count", "an inline call", &st)))
		return st;
	return json_doc_u64(f->d, n, "count", &count);
}

/* line (required, at least 1); column, when present. */
static enum status fb_site_line(struct fb *f, const cJSON *e, const char *what)
{
	enum status st;
	const cJSON *n = json_doc_member(f->d, e, "line", what, &st);
	uint32_t v;

	if (!n || (st = json_doc_u32(f->d, n, "line", &v)) != STATUS_OK)
		return st;
	if (!v)
		return json_doc_fail(f->d, n, "line must be at least 1");
	n = fb_opt(e, "column");
	return n ? json_doc_u32(f->d, n, "column", &v) : STATUS_OK;
}

static enum status fb_branch(struct fb *f, const cJSON *e)
{
	static const char *const hints[] = {"likely", "unlikely", "unpredictable", NULL};
	enum status st = fb_site_line(f, e, "a branch site");
	const cJSON *n;
	unsigned at;

	if (st == STATUS_OK && (n = fb_opt(e, "id")))
		st = json_doc_string(f->d, n, "id", false, &(const char *){NULL});
	if (st != STATUS_OK || !(n = json_doc_member(f->d, e, "hint", "a branch site", &st)) ||
	    (st = fb_word(f, n, "hint", hints, &at)) != STATUS_OK ||
	    !(n = json_doc_member(f->d, e, "p_taken", "a branch site", &st)))
		return st;
	return fb_number(f, n, "p_taken", 0, 1);
}

static enum status fb_loop(struct fb *f, const cJSON *e)
{
	static const char *const hints[] = {"unroll", "vectorize", NULL};
	enum status st = fb_site_line(f, e, "a loop site");
	const cJSON *n;
	unsigned at;

	if (st == STATUS_OK && (n = fb_opt(e, "name")))
		st = json_doc_string(f->d, n, "name", false, &(const char *){NULL});
	if (st != STATUS_OK || !(n = json_doc_member(f->d, e, "hint", "a loop site", &st)) ||
	    (st = fb_word(f, n, "hint", hints, &at)) != STATUS_OK ||
	    !(n = json_doc_member(f->d, e, "avg_trip", "a loop site", &st)))
		return st;
	return fb_number(f, n, "avg_trip", 0, 1.8e19);
}

static enum status fb_function(struct fb *f, const cJSON *fn)
{
	static const char *const classes[] = {"hot", "warm", "cold", NULL};
	struct feedback_summary *s = f->sum;
	enum status st;
	const cJSON *n;
	unsigned cls;
	uint64_t calls;

	if ((st = json_doc_object(f->d, fn, "a function")) != STATUS_OK ||
	    !(n = json_doc_member(f->d, fn, "class", "a function", &st)) ||
	    (st = fb_word(f, n, "class", classes, &cls)) != STATUS_OK ||
	    !(n = json_doc_member(f->d, fn, "calls", "a function", &st)) ||
	    (st = json_doc_u64(f->d, n, "calls", &calls)) != STATUS_OK ||
	    !(n = json_doc_member(f->d, fn, "self_share", "a function", &st)) ||
	    (st = fb_number(f, n, "self_share", 0, 1)) != STATUS_OK ||
	    (st = fb_each(f, fn, "inline", fb_inline, &s->inline_calls)) != STATUS_OK ||
	    (st = fb_each(f, fn, "branches", fb_branch, &s->branches)) != STATUS_OK ||
	    (st = fb_each(f, fn, "loops", fb_loop, &s->loops)) != STATUS_OK)
		return st;
	s->functions++;
	*(cls == 0 ? &s->hot : cls == 1 ? &s->warm : &s->cold) += 1;
	return STATUS_OK;
}

/* "format" and "version": this format, a version this code reads. */
static enum status fb_header(struct fb *f, const cJSON *root)
{
	static const char *const formats[] = {"vitte-feedback", NULL};
	enum status st;
	const cJSON *n;
	unsigned at;

	if (!(n = json_doc_member(f->d, root, "format", "a feedback file", &st)) ||
	    (st = fb_word(f, n, "format", formats, &at)) != STATUS_OK ||
	    !(n = json_doc_member(f->d, root, "version", "a feedback file", &st)) ||
	    (st = json_doc_u64(f->d, n, "version", &f->sum->version)) != STATUS_OK)
		return st;
	if (f->sum->version == 0 || f->sum->version > FEEDBACK_VERSION)
		return json_doc_fail_code(f->d, STATUS_VERSION, n,
					  "feedback version %llu: this vitte-pgo reads version %d",
					  (unsigned long long)f->sum->version, FEEDBACK_VERSION);
	n = fb_opt(root, "program");
	return n ? json_doc_string(f->d, n, "program", true, &(const char *){NULL}) : STATUS_OK;
}

/* "order": names of functions, each once. */
static enum status fb_order(struct fb *f, const cJSON *root)
{
	enum status st;
	const cJSON *a = json_doc_member(f->d, root, "order", "a feedback file", &st), *e, *b;
	char buf[64];

	if (!a || (st = json_doc_array(f->d, a, "order")) != STATUS_OK)
		return st;
	cJSON_ArrayForEach(e, a)
	{
		if ((st = fb_function_name(f, e, "a name of \"order\"")) != STATUS_OK)
			return st;
		for (b = a->child; b != e; b = b->next)
			if (!strcmp(b->valuestring, e->valuestring))
				return json_doc_fail(
				    f->d, e, "%s is twice in \"order\"",
				    json_doc_quote(buf, sizeof(buf), e->valuestring));
	}
	return STATUS_OK;
}

static enum status fb_root(struct fb *f, const cJSON *root)
{
	enum status st;
	const cJSON *fn;

	if ((st = json_doc_object(f->d, root, "a feedback file")) != STATUS_OK ||
	    (st = fb_header(f, root)) != STATUS_OK ||
	    !(f->functions = json_doc_member(f->d, root, "functions", "a feedback file", &st)) ||
	    (st = json_doc_object(f->d, f->functions, "\"functions\"")) != STATUS_OK)
		return st;
	cJSON_ArrayForEach(fn, f->functions)
	{
		if ((st = fb_function(f, fn)) != STATUS_OK)
			return st;
	}
	return fb_order(f, root);
}

enum status feedback_check(const char *path, const char *buf, size_t len,
			   struct feedback_summary *out, struct error *err)
{
	struct json_doc d = {.path = path, .text = buf, .len = len, .err = err};
	struct fb f = {&d, NULL, out};
	enum status st;

	memset(out, 0, sizeof(*out));
	st = json_doc_parse(&d);
	if (st == STATUS_OK)
		st = fb_root(&f, d.root);
	json_doc_free(&d);
	return st;
}
