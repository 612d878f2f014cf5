/* vitprof_read.c - the .vitprof v1 loader (docs/vitprof-format.md).
 *
 * cJSON builds the tree; json_scan gives positions and exact number
 * literals. Every value is checked for type and range, and the first
 * problem ends the load with a located error: no partial profile.
 */
#include "loaders/loader.h"

#include <cJSON.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "loaders/json_doc.h"
#include "loaders/json_scan.h"
#include "src/base/alloc.h"
#include "src/base/strbuf.h"
#include "src/base/text.h"
#include "src/model/profile.h"

#define VITPROF_VERSION 1

struct vp {
	/* the text, its tree, where errors and warnings go, the literal index:
	 * loaders/json_doc.h's messages and exact numbers (the tree itself is
	 * parsed and freed here, in the arena) */
	struct json_doc d;
	const cJSON *functions; /* the "functions" object */
	struct profile *p;
	/* the JSON object of each edge, site and line, in the order added */
	VEC(const cJSON *) edge_nodes, branch_nodes, loop_nodes, line_nodes, context_nodes;
};

/* ---- positions ---- */

/* Line and column of a node's value, or of its key when at_key is set. */
static void vp_locate(struct vp *vp, const cJSON *node, bool at_key, unsigned *line, unsigned *col)
{
	size_t off = vp->d.len, key;

	if (node)
		off = json_scan_value_offset(vp->d.text, vp->d.len,
					     json_doc_node_index(vp->d.root, node), &key);
	json_scan_position(vp->d.text, vp->d.len, at_key && node ? key : off, line, col);
}

static void vp_position(struct vp *vp, const cJSON *node, unsigned *line, unsigned *col)
{
	vp_locate(vp, node, false, line, col);
}

static enum status vp_failv(struct vp *vp, enum status code, const cJSON *node, bool at_key,
			    const char *fmt, va_list ap) PRINTF_LIKE(5, 0);
static enum status vp_failv(struct vp *vp, enum status code, const cJSON *node, bool at_key,
			    const char *fmt, va_list ap)
{
	unsigned line, col;

	vp_locate(vp, node, at_key, &line, &col);
	return error_setv(vp->d.err, code, vp->d.path, line, col, fmt, ap);
}

static enum status vp_fail(struct vp *vp, enum status code, const cJSON *node, const char *fmt, ...)
    PRINTF_LIKE(4, 5);
static enum status vp_fail(struct vp *vp, enum status code, const cJSON *node, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vp_failv(vp, code, node, false, fmt, ap);
	va_end(ap);
	return code;
}

/* An error about a key rather than its value. */
static enum status vp_fail_key(struct vp *vp, const cJSON *node, const char *fmt, ...)
    PRINTF_LIKE(3, 4);
static enum status vp_fail_key(struct vp *vp, const cJSON *node, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vp_failv(vp, STATUS_INVALID, node, true, fmt, ap);
	va_end(ap);
	return STATUS_INVALID;
}

#define FAIL(node, ...)	    vp_fail(vp, STATUS_INVALID, node, __VA_ARGS__)
#define FAIL_KEY(node, ...) vp_fail_key(vp, node, __VA_ARGS__)

/* ---- values ---- */

/* An unsigned integer exact to 2^64-1, from the literal when cJSON's
 * double might not hold it. */
static enum status vp_u64(struct vp *vp, const cJSON *n, const char *what, uint64_t *out)
{
	return json_doc_u64(&vp->d, n, what, out);
}

static enum status vp_u32(struct vp *vp, const cJSON *n, const char *what, uint32_t *out)
{
	uint64_t v;
	enum status st = vp_u64(vp, n, what, &v);

	if (st != STATUS_OK)
		return st;
	if (v > UINT32_MAX)
		return FAIL(n, "%s is above 4294967295: %llu", what, (unsigned long long)v);
	*out = (uint32_t)v;
	return STATUS_OK;
}

static enum status vp_percent(struct vp *vp, const cJSON *n, const char *what, double *out)
{
	if (!cJSON_IsNumber(n))
		return FAIL(n, "%s must be a number, found %s", what, json_doc_type(n));
	if (!isfinite(n->valuedouble) || n->valuedouble < 0 || n->valuedouble > 100)
		return FAIL(n, "%s must be a percentage between 0 and 100", what);
	*out = n->valuedouble;
	return STATUS_OK;
}

/* A string interned in the profile; empty strings refused when !empty_ok. */
static enum status vp_string(struct vp *vp, const cJSON *n, const char *what, bool empty_ok,
			     uint32_t *out)
{
	if (!cJSON_IsString(n) || !n->valuestring)
		return FAIL(n, "%s must be a string, found %s", what, json_doc_type(n));
	if (!empty_ok && !n->valuestring[0])
		return FAIL(n, "%s must not be empty", what);
	*out = profile_intern(vp->p, n->valuestring, strlen(n->valuestring));
	return STATUS_OK;
}

static enum status vp_object(struct vp *vp, const cJSON *n, const char *what)
{
	if (!cJSON_IsObject(n))
		return FAIL(n, "%s must be an object, found %s", what, json_doc_type(n));
	return STATUS_OK;
}

static enum status vp_array(struct vp *vp, const cJSON *n, const char *what)
{
	if (!cJSON_IsArray(n))
		return FAIL(n, "%s must be an array, found %s", what, json_doc_type(n));
	return STATUS_OK;
}

/* ---- objects ---- */

struct keyed {
	const cJSON *node;
	size_t pos;
};

static int cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int r = strcmp(x->node->string, y->node->string);

	return r ? r : (x->pos > y->pos) - (x->pos < y->pos);
}

/* Refuse an object with a key given twice, pointing at the first second
 * occurrence in the file. Objects of the format have a handful of keys:
 * compared pairwise, without allocating; big ones are sorted. */
static enum status vp_unique_keys(struct vp *vp, const cJSON *obj)
{
	const cJSON *c, *d, *first = NULL, *second = NULL;
	struct keyed *v;
	size_t n = 0, i, at = SIZE_MAX;
	char k[128];
	unsigned line, col;

	for (c = obj->child; c; c = c->next)
		n++;
	if (n <= 16) {
		for (c = obj->child; c && !second; c = c->next)
			for (d = obj->child; d != c; d = d->next)
				if (strcmp(c->string, d->string) == 0) {
					first = d;
					second = c;
					break;
				}
	} else {
		v = xcalloc(n, sizeof(*v));
		for (c = obj->child, i = 0; c; c = c->next, i++)
			v[i] = (struct keyed){c, i};
		qsort(v, n, sizeof(*v), cmp_keyed);
		for (i = 1; i < n; i++)
			if (v[i].pos < at &&
			    strcmp(v[i - 1].node->string, v[i].node->string) == 0) {
				at = v[i].pos;
				first = v[i - 1].node;
				second = v[i].node;
			}
		free(v);
	}
	if (!second)
		return STATUS_OK;
	vp_locate(vp, first, true, &line, &col);
	return FAIL_KEY(second, "duplicate key %s (first at line %u)",
			json_doc_quote(k, sizeof(k), second->string), line);
}

/* Keep an unknown key verbatim, for a later rewrite. */
static void vp_keep_extra(struct vp *vp, enum pf_owner kind, uint32_t owner, const cJSON *n)
{
	char *json = cJSON_PrintUnformatted(n);

	if (!json)
		die_nomem();
	profile_add_extra(vp->p, kind, owner, profile_intern(vp->p, n->string, strlen(n->string)),
			  profile_intern(vp->p, json, strlen(json)));
	cJSON_free(json);
}

static const cJSON *vp_required(struct vp *vp, const cJSON *obj, const char *key, const char *owner,
				enum status *st)
{
	const cJSON *n = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (!n)
		*st = FAIL(obj, "%s has no \"%s\"", owner, key);
	return n;
}

/* The function a site or an edge names, created with zero counters when
 * the "functions" object lacks it. */
static enum status vp_function_ref(struct vp *vp, const cJSON *n, const char *what, uint32_t *fid)
{
	uint32_t name;
	bool created;
	char k[128];
	enum status st = vp_string(vp, n, what, false, &name);

	if (st != STATUS_OK)
		return st;
	*fid = profile_add_function(vp->p, name, &created);
	if (created) {
		vp->p->funcs.v[*fid].flags |= PF_IMPLICIT;
		json_doc_warn(&vp->d, n,
			      "function %s is not in \"functions\"; added with zero counters",
			      json_doc_quote(k, sizeof(k), n->valuestring));
	}
	return STATUS_OK;
}

static enum status vp_lines(struct vp *vp, const cJSON *obj, uint32_t fid)
{
	const cJSON *c;
	enum status st = vp_object(vp, obj, "\"lines\"");

	for (c = obj->child; st == STATUS_OK && c; c = c->next) {
		const char *k = c->string;
		char *end;
		unsigned long v;
		struct pf_line *l;

		errno = 0;
		v = strtoul(k, &end, 10);
		if (k[0] < '1' || k[0] > '9' || *end || errno || v > UINT32_MAX)
			return FAIL_KEY(
			    c, "line key \"%.40s\" must be a line number (1 to 4294967295)", k);
		l = profile_add_line(vp->p);
		l->func = fid;
		l->line = (uint32_t)v;
		st = vp_u64(vp, c, "a line count", &l->count);
		VEC_APPEND(vp->line_nodes, c);
	}
	return st;
}

static enum status vp_function(struct vp *vp, const cJSON *obj)
{
	struct pf_function *f;
	const cJSON *c;
	uint32_t name, fid;
	bool created;
	char who[160], k[128];
	enum status st;

	json_doc_quote(k, sizeof(k), obj->string);
	snprintf(who, sizeof(who), "function %s", k);
	if (!obj->string[0])
		return FAIL_KEY(obj, "a function name must not be empty");
	if ((st = vp_object(vp, obj, who)) || (st = vp_unique_keys(vp, obj)))
		return st;
	name = profile_intern(vp->p, obj->string, strlen(obj->string));
	fid = profile_add_function(vp->p, name, &created);
	if (!created) {
		const cJSON *first = vp->functions->child;
		unsigned line, col;

		while (first && strcmp(first->string, obj->string) != 0)
			first = first->next;
		vp_locate(vp, first, true, &line, &col);
		return FAIL_KEY(obj, "duplicate function %s (first at line %u)", k, line);
	}
	vp_required(vp, obj, "calls", who, &st);
	if (st == STATUS_OK)
		vp_required(vp, obj, "time_ns", who, &st);

	for (c = obj->child; st == STATUS_OK && c; c = c->next) {
		const char *key = c->string;

		f = &vp->p->funcs.v[fid];
		if (!strcmp(key, "calls")) {
			st = vp_u64(vp, c, "\"calls\"", &f->calls);
		} else if (!strcmp(key, "time_ns")) {
			st = vp_u64(vp, c, "\"time_ns\"", &f->time_ns);
		} else if (!strcmp(key, "self_ns")) {
			st = vp_u64(vp, c, "\"self_ns\"", &f->self_ns);
			f->flags |= PF_HAS_SELF;
		} else if (!strcmp(key, "file")) {
			st = vp_string(vp, c, "\"file\"", false, &f->file);
		} else if (!strcmp(key, "line")) {
			st = vp_u32(vp, c, "\"line\"", &f->line);
			f->flags |= PF_HAS_LINE;
		} else if (!strcmp(key, "size")) {
			st = vp_u32(vp, c, "\"size\"", &f->size);
			f->flags |= PF_HAS_SIZE;
		} else if (!strcmp(key, "checksum")) {
			st = vp_string(vp, c, "\"checksum\"", false, &f->checksum);
		} else if (!strcmp(key, "lines")) {
			f->flags |= PF_HAS_LINES_OBJ;
			st = vp_lines(vp, c, fid);
		} else {
			vp_keep_extra(vp, PF_OWN_FUNCTION, fid, c);
		}
	}
	f = &vp->p->funcs.v[fid];
	if (st == STATUS_OK && (f->flags & PF_HAS_SELF) && f->self_ns > f->time_ns)
		json_doc_warn(&vp->d, obj, "%s: self_ns is larger than time_ns", who);
	return st;
}

static enum status vp_edge(struct vp *vp, const cJSON *obj)
{
	struct pf_edge e = {0};
	const cJSON *c;
	enum status st;
	uint32_t index = vp->p->edges.n;

	if ((st = vp_object(vp, obj, "a call edge")) || (st = vp_unique_keys(vp, obj)))
		return st;
	vp_required(vp, obj, "caller", "a call edge", &st);
	if (st == STATUS_OK)
		vp_required(vp, obj, "callee", "a call edge", &st);
	if (st == STATUS_OK)
		vp_required(vp, obj, "count", "a call edge", &st);
	for (c = obj->child; st == STATUS_OK && c; c = c->next) {
		if (!strcmp(c->string, "caller")) {
			st = vp_function_ref(vp, c, "\"caller\"", &e.caller);
		} else if (!strcmp(c->string, "callee")) {
			st = vp_function_ref(vp, c, "\"callee\"", &e.callee);
		} else if (!strcmp(c->string, "count")) {
			st = vp_u64(vp, c, "\"count\"", &e.count);
		} else if (!strcmp(c->string, "time_ns")) {
			st = vp_u64(vp, c, "\"time_ns\"", &e.time_ns);
			e.flags |= PF_HAS_TIME;
		} else {
			vp_keep_extra(vp, PF_OWN_EDGE, index, c);
		}
	}
	if (st == STATUS_OK) {
		*profile_add_edge(vp->p) = e;
		VEC_APPEND(vp->edge_nodes, obj);
	}
	return st;
}

static enum status vp_branch_site(struct vp *vp, const cJSON *obj)
{
	struct pf_branch b = {.id = PF_NONE};
	const cJSON *c;
	enum status st;
	uint32_t index = vp->p->branches.n;
	static const char *const required[] = {"function", "line", "taken", "not_taken"};
	size_t i;

	if ((st = vp_object(vp, obj, "a branch site")) || (st = vp_unique_keys(vp, obj)))
		return st;
	for (i = 0; st == STATUS_OK && i < sizeof(required) / sizeof(*required); i++)
		vp_required(vp, obj, required[i], "a branch site", &st);
	for (c = obj->child; st == STATUS_OK && c; c = c->next) {
		if (!strcmp(c->string, "function")) {
			st = vp_function_ref(vp, c, "\"function\"", &b.func);
		} else if (!strcmp(c->string, "line")) {
			st = vp_u32(vp, c, "\"line\"", &b.line);
		} else if (!strcmp(c->string, "column")) {
			st = vp_u32(vp, c, "\"column\"", &b.column);
			b.flags |= PF_HAS_COLUMN;
		} else if (!strcmp(c->string, "id")) {
			st = vp_string(vp, c, "\"id\"", true, &b.id);
		} else if (!strcmp(c->string, "taken")) {
			st = vp_u64(vp, c, "\"taken\"", &b.taken);
		} else if (!strcmp(c->string, "not_taken")) {
			st = vp_u64(vp, c, "\"not_taken\"", &b.not_taken);
		} else {
			vp_keep_extra(vp, PF_OWN_BRANCH, index, c);
		}
	}
	if (st == STATUS_OK) {
		*profile_add_branch(vp->p) = b;
		VEC_APPEND(vp->branch_nodes, obj);
	}
	return st;
}

static enum status vp_loop_site(struct vp *vp, const cJSON *obj)
{
	struct pf_loop l = {.name = PF_NONE};
	const cJSON *c;
	enum status st;
	uint32_t index = vp->p->loops.n;
	static const char *const required[] = {"function", "line", "entries", "iterations"};
	size_t i;

	if ((st = vp_object(vp, obj, "a loop site")) || (st = vp_unique_keys(vp, obj)))
		return st;
	for (i = 0; st == STATUS_OK && i < sizeof(required) / sizeof(*required); i++)
		vp_required(vp, obj, required[i], "a loop site", &st);
	for (c = obj->child; st == STATUS_OK && c; c = c->next) {
		if (!strcmp(c->string, "function")) {
			st = vp_function_ref(vp, c, "\"function\"", &l.func);
		} else if (!strcmp(c->string, "name")) {
			st = vp_string(vp, c, "\"name\"", false, &l.name);
		} else if (!strcmp(c->string, "line")) {
			st = vp_u32(vp, c, "\"line\"", &l.line);
		} else if (!strcmp(c->string, "entries")) {
			st = vp_u64(vp, c, "\"entries\"", &l.entries);
		} else if (!strcmp(c->string, "iterations")) {
			st = vp_u64(vp, c, "\"iterations\"", &l.iterations);
		} else if (!strcmp(c->string, "time_ns")) {
			st = vp_u64(vp, c, "\"time_ns\"", &l.time_ns);
			l.flags |= PF_HAS_TIME;
		} else {
			vp_keep_extra(vp, PF_OWN_LOOP, index, c);
		}
	}
	if (st == STATUS_OK) {
		*profile_add_loop(vp->p) = l;
		VEC_APPEND(vp->loop_nodes, obj);
	}
	return st;
}

/* A context: its parent an earlier context (so the contexts form a
 * forest, never a cycle), its function one of "functions". */
static enum status vp_context(struct vp *vp, const cJSON *obj)
{
	struct pf_context x = {.parent = PF_NONE, .func = PF_NONE};
	const cJSON *c;
	enum status st;
	uint32_t index = vp->p->contexts.n, name;
	char k[128];

	if ((st = vp_object(vp, obj, "a context")) || (st = vp_unique_keys(vp, obj)))
		return st;
	vp_required(vp, obj, "function", "a context", &st);
	if (st == STATUS_OK)
		vp_required(vp, obj, "self_ns", "a context", &st);
	for (c = obj->child; st == STATUS_OK && c; c = c->next) {
		if (!strcmp(c->string, "parent")) {
			st = vp_u32(vp, c, "\"parent\"", &x.parent);
			if (st == STATUS_OK && x.parent >= index)
				return FAIL(c,
					    "\"parent\" of context %" PRIu32
					    " must be an earlier context (below %" PRIu32
					    "), found %" PRIu32,
					    index, index, x.parent);
		} else if (!strcmp(c->string, "function")) {
			st = vp_string(vp, c, "\"function\"", false, &name);
			x.func = st == STATUS_OK ? vp->p->func_of_str[name] : PF_NONE;
			if (st == STATUS_OK &&
			    (x.func == PF_NONE || (vp->p->funcs.v[x.func].flags & PF_IMPLICIT)))
				return FAIL(c,
					    "context of function %s, which is not in \"functions\"",
					    json_doc_quote(k, sizeof(k), c->valuestring));
		} else if (!strcmp(c->string, "calls")) {
			st = vp_u64(vp, c, "\"calls\"", &x.calls);
			x.flags |= PF_HAS_CALLS;
		} else if (!strcmp(c->string, "self_ns")) {
			st = vp_u64(vp, c, "\"self_ns\"", &x.self_ns);
		} else {
			vp_keep_extra(vp, PF_OWN_CONTEXT, index, c);
		}
	}
	if (st == STATUS_OK) {
		*profile_add_context(vp->p, x.parent, x.func) = x;
		VEC_APPEND(vp->context_nodes, obj);
	}
	return st;
}

/* Each element of an array, given to one reader. */
static enum status vp_each(struct vp *vp, const cJSON *arr, const char *what,
			   enum status (*read)(struct vp *, const cJSON *))
{
	const cJSON *c;
	enum status st = vp_array(vp, arr, what);

	for (c = arr ? arr->child : NULL; st == STATUS_OK && c; c = c->next)
		st = read(vp, c);
	return st;
}

static enum status vp_branches(struct vp *vp, const cJSON *obj)
{
	const cJSON *c, *taken, *not_taken;
	struct profile *p = vp->p;
	enum status st;

	if ((st = vp_object(vp, obj, "\"branches\"")) || (st = vp_unique_keys(vp, obj)))
		return st;
	taken = cJSON_GetObjectItemCaseSensitive(obj, "taken");
	not_taken = cJSON_GetObjectItemCaseSensitive(obj, "not_taken");
	if (!taken != !not_taken)
		return FAIL(obj, "\"branches\" has \"%s\" but no \"%s\"",
			    taken ? "taken" : "not_taken", taken ? "not_taken" : "taken");
	for (c = obj->child; st == STATUS_OK && c; c = c->next) {
		if (!strcmp(c->string, "taken")) {
			st = vp_percent(vp, c, "\"taken\"", &p->legacy_taken);
			p->has_legacy_branches = true;
		} else if (!strcmp(c->string, "not_taken")) {
			st = vp_percent(vp, c, "\"not_taken\"", &p->legacy_not_taken);
		} else if (!strcmp(c->string, "sites")) {
			st = vp_each(vp, c, "\"branches.sites\"", vp_branch_site);
		} else {
			vp_keep_extra(vp, PF_OWN_BRANCHES, 0, c);
		}
	}
	return st;
}

static enum status vp_loops(struct vp *vp, const cJSON *obj)
{
	const cJSON *c, *h;
	enum status st;

	if ((st = vp_object(vp, obj, "\"loops\"")) || (st = vp_unique_keys(vp, obj)))
		return st;
	for (c = obj->child; st == STATUS_OK && c; c = c->next) {
		if (!strcmp(c->string, "hot")) {
			st = vp_array(vp, c, "\"loops.hot\"");
			for (h = c->child; st == STATUS_OK && h; h = h->next) {
				uint32_t id;

				st = vp_string(vp, h, "a hot loop name", false, &id);
				if (st == STATUS_OK)
					profile_add_hot_loop(vp->p, id);
			}
		} else if (!strcmp(c->string, "sites")) {
			st = vp_each(vp, c, "\"loops.sites\"", vp_loop_site);
		} else {
			vp_keep_extra(vp, PF_OWN_LOOPS, 0, c);
		}
	}
	return st;
}

static enum status vp_meta(struct vp *vp, const cJSON *obj)
{
	struct pf_meta *m = &vp->p->meta;
	const cJSON *c;
	enum status st;

	if ((st = vp_object(vp, obj, "\"meta\"")) || (st = vp_unique_keys(vp, obj)))
		return st;
	m->present = true;
	for (c = obj->child; st == STATUS_OK && c; c = c->next) {
		const char *k = c->string;

		if (!strcmp(k, "mode")) {
			if (!cJSON_IsString(c))
				return FAIL(c, "\"mode\" must be a string, found %s",
					    json_doc_type(c));
			if (!profile_mode_parse(c->valuestring, &m->mode))
				return FAIL(c,
					    "unknown mode \"%.40s\" (expected instrumented, "
					    "sampled, merged or imported)",
					    c->valuestring);
		} else if (!strcmp(k, "runs")) {
			st = vp_u64(vp, c, "\"runs\"", &m->runs);
			if (st == STATUS_OK && m->runs == 0)
				return FAIL(c, "\"runs\" must be at least 1");
		} else if (!strcmp(k, "created")) {
			st = vp_string(vp, c, "\"created\"", false, &m->created);
		} else if (!strcmp(k, "tool")) {
			st = vp_string(vp, c, "\"tool\"", false, &m->tool);
		} else if (!strcmp(k, "binary")) {
			st = vp_string(vp, c, "\"binary\"", false, &m->binary);
		} else if (!strcmp(k, "build_id")) {
			st = vp_string(vp, c, "\"build_id\"", false, &m->build_id);
		} else if (!strcmp(k, "sample_period_ns")) {
			st = vp_u64(vp, c, "\"sample_period_ns\"", &m->sample_period_ns);
		} else if (!strcmp(k, "clock")) {
			if (!cJSON_IsString(c))
				return FAIL(c, "\"clock\" must be a string, found %s",
					    json_doc_type(c));
			if (!profile_clock_parse(c->valuestring, &m->clock))
				return FAIL(c,
					    "unknown clock \"%.40s\" (expected cpu, wall, "
					    "precise or mixed)",
					    c->valuestring);
		} else if (!strcmp(k, "threads")) {
			st = vp_u64(vp, c, "\"threads\"", &m->threads);
		} else if (!strcmp(k, "wall_ns")) {
			st = vp_u64(vp, c, "\"wall_ns\"", &m->wall_ns);
		} else if (!strcmp(k, "cpu_ns")) {
			st = vp_u64(vp, c, "\"cpu_ns\"", &m->cpu_ns);
		} else {
			vp_keep_extra(vp, PF_OWN_META, 0, c);
		}
	}
	return st;
}

/* "format" and "version" first: a newer file is refused for its version,
 * not for whatever else changed in it. */
static enum status vp_check_version(struct vp *vp)
{
	const cJSON *format = cJSON_GetObjectItemCaseSensitive(vp->d.root, "format");
	const cJSON *version = cJSON_GetObjectItemCaseSensitive(vp->d.root, "version");
	uint64_t v;
	enum status st;

	if (format && (!cJSON_IsString(format) || strcmp(format->valuestring, "vitprof") != 0))
		return FAIL(format, "not a vitprof profile: \"format\" must be \"vitprof\"");
	if (!version)
		return STATUS_OK;
	st = vp_u64(vp, version, "\"version\"", &v);
	if (st != STATUS_OK)
		return st;
	if (v > VITPROF_VERSION)
		return vp_fail(vp, STATUS_VERSION, version,
			       "vitprof version %llu is not supported (this vitte-pgo reads "
			       "version %d); upgrade vitte-pgo",
			       (unsigned long long)v, VITPROF_VERSION);
	if (v < 1)
		return FAIL(version, "vitprof versions start at 1, found %llu",
			    (unsigned long long)v);
	return STATUS_OK;
}

static enum status vp_root(struct vp *vp)
{
	const cJSON *root = vp->d.root, *c;
	const cJSON *functions;
	enum status st = STATUS_OK;

	if (!cJSON_IsObject(root))
		return FAIL(root, "a vitprof profile is a JSON object, found %s",
			    json_doc_type(root));
	if ((st = vp_unique_keys(vp, root)) || (st = vp_check_version(vp)))
		return st;
	functions = vp_required(vp, root, "functions", "the profile", &st);
	if (st != STATUS_OK)
		return st;
	if ((st = vp_object(vp, functions, "\"functions\"")))
		return st;
	vp->functions = functions;
	/* functions before what refers to them, whatever the order in the text */
	for (c = functions->child; st == STATUS_OK && c; c = c->next)
		st = vp_function(vp, c);
	for (c = root->child; st == STATUS_OK && c; c = c->next) {
		const char *k = c->string;

		if (!strcmp(k, "format") || !strcmp(k, "version") || !strcmp(k, "functions"))
			continue;
		if (!strcmp(k, "program"))
			st = vp_string(vp, c, "\"program\"", true, &vp->p->program);
		else if (!strcmp(k, "meta"))
			st = vp_meta(vp, c);
		else if (!strcmp(k, "calls"))
			st = vp_each(vp, c, "\"calls\"", vp_edge);
		else if (!strcmp(k, "branches"))
			st = vp_branches(vp, c);
		else if (!strcmp(k, "loops"))
			st = vp_loops(vp, c);
		else if (!strcmp(k, "contexts"))
			st = vp_each(vp, c, "\"contexts\"", vp_context);
		else
			vp_keep_extra(vp, PF_OWN_ROOT, 0, c);
	}
	return st;
}

static enum status vp_duplicate(struct vp *vp, const struct pf_duplicate *d)
{
	const cJSON *later, *first;
	unsigned line, col;
	const char *what;

	switch (d->kind) {
	case PF_OWN_EDGE:
		later = vp->edge_nodes.v[d->index], first = vp->edge_nodes.v[d->first];
		what = "call edge (same caller and callee)";
		break;
	case PF_OWN_BRANCH:
		later = vp->branch_nodes.v[d->index], first = vp->branch_nodes.v[d->first];
		what = "branch site (same function, line, column and id)";
		break;
	case PF_OWN_LOOP:
		later = vp->loop_nodes.v[d->index], first = vp->loop_nodes.v[d->first];
		what = "loop site (same function, name and line)";
		break;
	case PF_OWN_CONTEXT:
		later = vp->context_nodes.v[d->index], first = vp->context_nodes.v[d->first];
		what = "context (same parent and function)";
		break;
	default:
		later = vp->line_nodes.v[d->index], first = vp->line_nodes.v[d->first];
		what = "line count";
		break;
	}
	vp_position(vp, first, &line, &col);
	return FAIL(later, "duplicate %s; the first is at line %u", what, line);
}

/* ---- cJSON's memory ----
 *
 * cJSON's tree takes about 8 bytes per byte of input, in millions of
 * small blocks: on a big profile most of the load went to malloc and to
 * page faults. For the length of one load the tree lives in an arena
 * instead: chunks mmap()ed on 2 MiB boundaries with transparent huge pages
 * asked for (madvise: one fault per 2 MiB instead of per 4 KiB), bumped,
 * never freed one by one, unmapped together. Loads run on one thread;
 * the hooks are cJSON's global ones, set for the parse and reset after.
 * Under AddressSanitizer the blocks stay malloc's, so that it sees them.
 */

#if defined(__SANITIZE_ADDRESS__)
#define ARENA_OFF 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_OFF 1
#endif
#endif
#ifndef ARENA_OFF
#define ARENA_OFF 0
#endif

#define ARENA_ALIGN ((size_t)2 << 20)
#define ARENA_HUGE  ((size_t)16 << 20) /* smaller chunks keep 4 KiB pages */

struct arena_chunk {
	struct arena_chunk *next;
	size_t size, used; /* size: the whole mapping */
};

static struct arena_chunk *arena;
static size_t arena_next = ARENA_ALIGN; /* size of the next chunk */

static void *arena_alloc(size_t n)
{
	struct arena_chunk *c = arena;
	size_t size;
	char *m;

	n = (n + 15) & ~(size_t)15;
	if (!c || c->size - c->used < n) {
		size = n + sizeof(*c) + ARENA_ALIGN > arena_next ? n + sizeof(*c) + ARENA_ALIGN
								 : arena_next;
		size = (size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
		m = mmap(NULL, size + ARENA_ALIGN, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m == MAP_FAILED)
			die_nomem();
		/* keep the 2 MiB-aligned part, give back the rest */
		c = (struct arena_chunk *)(((uintptr_t)m + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1));
		if ((char *)c > m)
			munmap(m, (size_t)((char *)c - m));
		if ((char *)c + size < m + size + ARENA_ALIGN)
			munmap((char *)c + size,
			       (size_t)(m + size + ARENA_ALIGN - ((char *)c + size)));
		if (size >= ARENA_HUGE)
			madvise(c, size, MADV_HUGEPAGE);
		c->next = arena;
		c->size = size;
		c->used = (sizeof(*c) + 15) & ~(size_t)15;
		arena = c;
		arena_next = size * 2;
	}
	c->used += n;
	return (char *)c + c->used - n;
}

static void arena_free(void *ptr)
{
	(void)ptr;
}

/* Parse with the arena; the first chunk sized for a text of len bytes. */
static cJSON *arena_parse(const char *buf, size_t len, const char **end)
{
	cJSON_Hooks hooks = {arena_alloc, arena_free};
	cJSON *root;

	if (ARENA_OFF)
		return cJSON_ParseWithLengthOpts(buf, len + 1, end, 1);
	arena_next = (len * 8 + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	cJSON_InitHooks(&hooks);
	root = cJSON_ParseWithLengthOpts(buf, len + 1, end, 1);
	cJSON_InitHooks(NULL);
	return root;
}

/* Free everything arena_parse made. */
static void arena_release(cJSON *root)
{
	if (ARENA_OFF)
		cJSON_Delete(root);
	while (arena) {
		struct arena_chunk *c = arena;

		arena = c->next;
		munmap(c, c->size);
	}
}

/* cJSON said no: find exactly where and why. */
static enum status vp_syntax(struct vp *vp, size_t stop)
{
	unsigned line, col;
	size_t off = stop;
	char why[128];

	if (strspn(vp->d.text, " \t\r\n") == vp->d.len) {
		off = vp->d.len;
		snprintf(why, sizeof(why), "empty file, expected a JSON object");
	} else if (json_scan_syntax(vp->d.text, vp->d.len, &off, why, sizeof(why))) {
		off = stop; /* cJSON refused what the grammar accepts */
		snprintf(why, sizeof(why), "JSON syntax error");
	}
	json_scan_position(vp->d.text, vp->d.len, off, &line, &col);
	return error_set(vp->d.err, STATUS_SYNTAX, vp->d.path, line, col, "%s", why);
}

static enum status vitprof_load(struct profile *p, const char *path, const char *buf, size_t len,
				const struct load_ctx *ctx, struct error *err)
{
	struct vp vp = {.d = {.path = path, .text = buf, .len = len, .ctx = ctx, .err = err},
			.p = p};
	struct json_scan_result scan;
	struct pf_duplicate dup;
	const char *end = NULL;
	enum status st;

	vp.d.root = arena_parse(buf, len, &end);
	if (!vp.d.root) {
		arena_release(NULL);
		return vp_syntax(&vp, end ? (size_t)(end - buf) : 0);
	}
	json_scan(buf, len, len, &scan);
	if (!scan.ok) {
		unsigned line, col;

		json_scan_position(buf, len, scan.bad_off, &line, &col);
		st = error_set(err, STATUS_SYNTAX, path, line, col, "%s", scan.why);
	} else {
		vp.d.n_lits = json_literals_index(vp.d.root, &scan, &vp.d.lits);
		st = vp_root(&vp);
	}
	free(scan.literals);
	if (st == STATUS_OK && !profile_finalize(p, &dup))
		st = vp_duplicate(&vp, &dup);
	arena_release(vp.d.root);
	free(vp.d.lits);
	free(vp.edge_nodes.v);
	free(vp.branch_nodes.v);
	free(vp.loop_nodes.v);
	free(vp.line_nodes.v);
	free(vp.context_nodes.v);
	return st;
}

/* A JSON object whose first key is one a vitprof file starts with. */
static bool vitprof_sniff(const char *buf, size_t len)
{
	size_t i = strspn(buf, " \t\r\n\xef\xbb\xbf");

	return i < len && buf[i] == '{' &&
	       (strstr(buf, "\"functions\"") != NULL || strstr(buf, "\"vitprof\"") != NULL);
}

const struct loader loader_vitprof = {
    .name = "vitprof",
    .description = "vitte-pgo profile, JSON (docs/vitprof-format.md)",
    .sniff = vitprof_sniff,
    .load = vitprof_load,
};
