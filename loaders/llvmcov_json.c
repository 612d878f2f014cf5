/* llvmcov_json.c - import `llvm-cov export -format=text` output.
 *
 * data[].functions -> functions (calls = count), their code regions ->
 * line counts (a line counts the most of the regions starting on it),
 * their branch regions -> branch sites. The mapping is documented in
 * docs/import-formats.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loaders/import_build.h"
#include "loaders/json_doc.h"
#include "loaders/loader.h"
#include "src/base/alloc.h"
#include "src/base/strbuf.h"
#include "src/base/text.h"

#define LC_CODE_REGION	 0
#define LC_BRANCH_REGION 4

struct lc {
	struct json_doc d;
	struct profile *p;
	VEC(uint32_t) uses; /* by string id: functions whose short name it is */
};

static enum status lc_version(struct lc *c, const cJSON *root)
{
	const cJSON *type = cJSON_GetObjectItemCaseSensitive(root, "type");
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "version");
	char buf[64];

	if (!cJSON_IsString(type) || strcmp(type->valuestring, "llvm.coverage.json.export") != 0)
		return json_doc_fail(&c->d, type ? type : root,
				     "not llvm-cov export output: \"type\" must be "
				     "\"llvm.coverage.json.export\"");
	if (!v)
		return json_doc_fail(&c->d, root, "llvm-cov export output has no \"version\"");
	if (!cJSON_IsString(v) || !v->valuestring)
		return json_doc_fail(&c->d, v, "\"version\" must be a string, found %s",
				     json_doc_type(v));
	if (strncmp(v->valuestring, "2.", 2) && strncmp(v->valuestring, "3.", 2))
		return json_doc_fail_code(&c->d, STATUS_VERSION, v,
					  "llvm-cov export version %s is not supported (this "
					  "vitte-pgo reads versions 2.x and 3.x)",
					  json_doc_quote(buf, sizeof(buf), v->valuestring));
	return STATUS_OK;
}

/* A region: an array of at least want integers, read into r. */
static enum status lc_region(struct lc *c, const cJSON *n, const char *what, size_t want,
			     uint64_t *r)
{
	const cJSON *e;
	size_t i = 0;
	enum status st;

	if (!cJSON_IsArray(n))
		return json_doc_fail(&c->d, n, "%s must be an array, found %s", what,
				     json_doc_type(n));
	for (e = n->child; e && i < want; e = e->next, i++)
		if ((st = json_doc_u64(&c->d, e, what, &r[i])))
			return st;
	if (i < want)
		return json_doc_fail(&c->d, n, "%s must have %zu numbers, found %zu", what, want,
				     i);
	if (r[0] == 0 || r[0] > UINT32_MAX || r[1] > UINT32_MAX)
		return json_doc_fail(&c->d, n->child, "%s starts at a line out of range", what);
	return STATUS_OK;
}

/* Line counts: a line gets the largest count of the code regions of the
 * function's own file (file id 0) that start on it. */
static enum status lc_regions(struct lc *c, const cJSON *arr, uint32_t fid, uint32_t *first)
{
	const cJSON *n;
	uint64_t r[8];
	uint32_t from = c->p->lines.n; /* this function's lines are added from here */
	enum status st = json_doc_array(&c->d, arr, "\"regions\"");

	for (n = arr->child; st == STATUS_OK && n; n = n->next) {
		struct pf_line *l;
		uint32_t i;

		if ((st = lc_region(c, n, "a region", 8, r)))
			break;
		if (r[5] != 0 || r[7] != LC_CODE_REGION)
			continue; /* in an expansion, a gap, skipped code */
		if (*first == 0 || r[0] < *first)
			*first = (uint32_t)r[0];
		for (i = from; i < c->p->lines.n && c->p->lines.v[i].line != r[0]; i++)
			;
		if (i < c->p->lines.n) {
			if (r[4] > c->p->lines.v[i].count)
				c->p->lines.v[i].count = r[4];
			continue;
		}
		l = profile_add_line(c->p);
		l->func = fid;
		l->line = (uint32_t)r[0];
		l->count = r[4];
	}
	return st;
}

/* Branch regions: taken = true count, not taken = false count. */
static enum status lc_branches(struct lc *c, const cJSON *arr, uint32_t fid)
{
	const cJSON *n;
	uint64_t r[9];
	enum status st = json_doc_array(&c->d, arr, "\"branches\"");

	for (n = arr->child; st == STATUS_OK && n; n = n->next) {
		struct pf_branch *b;

		if ((st = lc_region(c, n, "a branch", 9, r)))
			break;
		if (r[6] != 0 || r[8] != LC_BRANCH_REGION)
			continue;
		b = profile_add_branch(c->p);
		b->func = fid;
		b->line = (uint32_t)r[0];
		b->column = (uint32_t)r[1];
		b->flags |= PF_HAS_COLUMN;
		b->taken = r[4];
		b->not_taken = r[5];
	}
	return st;
}

/* The name of a function without the "FILE:" llvm puts before a static
 * one's, when no other function has that short name. */
static const char *lc_short(const char *name)
{
	const char *colon = strrchr(name, ':');

	/* a C++ name has "::"; a Windows path "C:\" */
	if (!colon || colon == name || colon[-1] == ':' || !colon[1] || colon[1] == ':')
		return name;
	return colon + 1;
}

/* How many functions each short name would name, in c->uses. */
static void lc_count_names(struct lc *c, const cJSON *data)
{
	const cJSON *obj, *fn, *nm;
	uint32_t id;

	cJSON_ArrayForEach(obj, data)
	{
		cJSON_ArrayForEach(fn, cJSON_GetObjectItemCaseSensitive(obj, "functions"))
		{
			const char *s;

			nm = cJSON_GetObjectItemCaseSensitive(fn, "name");
			if (!cJSON_IsString(nm) || !nm->valuestring || !nm->valuestring[0])
				continue;
			s = lc_short(nm->valuestring);
			id = profile_intern(c->p, s, strlen(s));
			while (c->uses.n <= id)
				VEC_APPEND(c->uses, 0);
			c->uses.v[id]++;
		}
	}
}

static enum status lc_function(struct lc *c, const cJSON *fn)
{
	const cJSON *n;
	const char *name, *s;
	uint32_t fid, id, first = 0;
	uint64_t count;
	struct pf_function *f;
	enum status st = STATUS_OK;

	if (!(n = json_doc_member(&c->d, fn, "name", "a function", &st)) ||
	    (st = json_doc_string(&c->d, n, "a function's \"name\"", false, &name)))
		return st;
	if (!(n = json_doc_member(&c->d, fn, "count", "a function", &st)) ||
	    (st = json_doc_u64(&c->d, n, "a function's \"count\"", &count)))
		return st;
	s = lc_short(name);
	id = profile_str_find(c->p, s, strlen(s));
	if (s != name && id != PF_NONE && id < c->uses.n && c->uses.v[id] > 1)
		s = name;
	fid = import_build_function(c->p, s, strlen(s));
	c->p->funcs.v[fid].calls = profile_sat_add(c->p, c->p->funcs.v[fid].calls, count);
	if (!(n = json_doc_member(&c->d, fn, "regions", "a function", &st)) ||
	    (st = lc_regions(c, n, fid, &first)))
		return st;
	n = cJSON_GetObjectItemCaseSensitive(fn, "branches");
	if (n && (st = lc_branches(c, n, fid)))
		return st;
	f = &c->p->funcs.v[fid];
	n = cJSON_GetObjectItemCaseSensitive(fn, "filenames");
	if (cJSON_IsArray(n) && cJSON_IsString(n->child) && n->child->valuestring[0])
		f->file =
		    profile_intern(c->p, n->child->valuestring, strlen(n->child->valuestring));
	if (first && !(f->flags & PF_HAS_LINE)) {
		f->line = first;
		f->flags |= PF_HAS_LINE;
	}
	return STATUS_OK;
}

static enum status lc_root(struct lc *c)
{
	const cJSON *root = c->d.root, *data, *obj, *fns, *fn, *v;
	struct strbuf tool = STRBUF_INIT;
	enum status st = STATUS_OK;

	if (!cJSON_IsObject(root))
		return json_doc_fail(&c->d, root, "llvm-cov export output is an object, found %s",
				     json_doc_type(root));
	if ((st = lc_version(c, root)))
		return st;
	if (!(data = json_doc_member(&c->d, root, "data", "the export", &st)) ||
	    (st = json_doc_array(&c->d, data, "\"data\"")))
		return st;
	lc_count_names(c, data);
	for (obj = data->child; st == STATUS_OK && obj; obj = obj->next) {
		if (!(fns = json_doc_member(&c->d, obj, "functions", "an export object", &st)) ||
		    (st = json_doc_array(&c->d, fns, "\"functions\"")))
			break;
		for (fn = fns->child; st == STATUS_OK && fn; fn = fn->next)
			st = lc_function(c, fn);
	}
	if (st != STATUS_OK)
		return st;
	v = cJSON_GetObjectItemCaseSensitive(root, "version"); /* a string: lc_version */
	sb_addf(&tool, "llvm-cov export %.32s", v->valuestring);
	import_build_meta(c->p, PF_MODE_IMPORTED, sb_str(&tool));
	sb_free(&tool);
	return STATUS_OK;
}

static enum status llvmcov_load(struct profile *p, const char *path, const char *buf, size_t len,
				const struct load_ctx *ctx, struct error *err)
{
	struct lc c = {.d = {.path = path, .text = buf, .len = len, .ctx = ctx, .err = err},
		       .p = p};
	enum status st;

	st = json_doc_parse(&c.d);
	if (st == STATUS_OK)
		st = lc_root(&c);
	if (st == STATUS_OK)
		import_build_finish(p);
	json_doc_free(&c.d);
	free(c.uses.v);
	return st;
}

/* A JSON object of type "llvm.coverage.json.export". */
static bool llvmcov_sniff(const char *buf, size_t len)
{
	size_t i = strspn(buf, " \t\r\n");

	/* llvm-cov writes it after "data", at the end */
	return i < len && buf[i] == '{' &&
	       text_near_ends(buf, len, "\"llvm.coverage.json.export\"", SNIFF_SPAN);
}

const struct loader loader_llvm_cov = {
    .name = "llvm-cov",
    .description = "llvm-cov export -format=text output (JSON)",
    .sniff = llvmcov_sniff,
    .load = llvmcov_load,
};
