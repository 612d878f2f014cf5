/* gcov_json.c - import `gcov --json-format` output (GCC 9 and later).
 *
 * files -> functions (calls = execution_count) and their line counts;
 * the arcs of each line -> branch sites. The mapping is documented in
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

/* One function of one file, as read. */
struct gc_func {
	const cJSON *node;
	const char *name; /* borrowed from the tree */
	uint32_t start, end, fid;
	uint64_t calls;
};

struct gc {
	struct json_doc *d; /* the document being read */
	struct profile *p;
	VEC(struct gc_func) funcs; /* of the file being read */
	VEC(uint8_t) multi;	   /* by string id: a name two files define */
	VEC(uint32_t) first;	   /* by string id: the file that defines it first */
	VEC(char *) copies;	   /* owned texts of the documents, when several */
};

static enum status gc_version(struct gc *g, const cJSON *root)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "format_version");
	char buf[64];

	if (!v)
		return json_doc_fail(g->d, root,
				     "no \"format_version\": not gcov JSON (gcov --json-format)");
	if (!cJSON_IsString(v) || !v->valuestring)
		return json_doc_fail(g->d, v, "\"format_version\" must be a string, found %s",
				     json_doc_type(v));
	if (strcmp(v->valuestring, "1") && strcmp(v->valuestring, "2"))
		return json_doc_fail_code(g->d, STATUS_VERSION, v,
					  "gcov JSON format_version %s is not supported (this "
					  "vitte-pgo reads versions 1 and 2, GCC 9 to 14)",
					  json_doc_quote(buf, sizeof(buf), v->valuestring));
	return STATUS_OK;
}

static enum status gc_function(struct gc *g, const cJSON *fn)
{
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(fn, "demangled_name"), *n;
	struct gc_func *f;
	enum status st = STATUS_OK;

	if (!cJSON_IsObject(fn))
		return json_doc_fail(g->d, fn, "a function must be an object, found %s",
				     json_doc_type(fn));
	f = VEC_NEW(g->funcs);
	f->node = fn;
	if (!name && !(name = json_doc_member(g->d, fn, "name", "a function", &st)))
		return st;
	if ((st = json_doc_string(g->d, name, "a function's name", false, &f->name)))
		return st;
	if (!(n = json_doc_member(g->d, fn, "start_line", "a function", &st)) ||
	    (st = json_doc_u32(g->d, n, "\"start_line\"", &f->start)))
		return st;
	if (!(n = json_doc_member(g->d, fn, "end_line", "a function", &st)) ||
	    (st = json_doc_u32(g->d, n, "\"end_line\"", &f->end)))
		return st;
	if (!(n = json_doc_member(g->d, fn, "execution_count", "a function", &st)) ||
	    (st = json_doc_u64(g->d, n, "\"execution_count\"", &f->calls)))
		return st;
	return STATUS_OK;
}

/* The innermost function of the file whose lines hold line, or NULL. */
static struct gc_func *gc_owner(struct gc *g, uint32_t line)
{
	struct gc_func *best = NULL;
	uint32_t i;

	for (i = 0; i < g->funcs.n; i++) {
		struct gc_func *f = &g->funcs.v[i];

		if (f->start <= line && line <= f->end &&
		    (!best || f->end - f->start < best->end - best->start))
			best = f;
	}
	return best;
}

struct gc_arc {
	uint64_t count;
	bool fallthrough;
};

static void gc_site(struct gc *g, uint32_t fid, uint32_t line, const char *id, uint64_t taken,
		    uint64_t not_taken)
{
	struct pf_branch *b = profile_add_branch(g->p);

	b->func = fid;
	b->line = line;
	b->id = id ? profile_intern(g->p, id, strlen(id)) : PF_NONE;
	b->taken = taken;
	b->not_taken = not_taken;
}

/* Two arcs, one falling through: one site, taken = the jump. Pairs of
 * such arcs (a && b on one line): one site per pair, b0, b1... Anything
 * else (a switch): one site per arc, taken = it, not taken = the others. */
static void gc_sites(struct gc *g, uint32_t fid, uint32_t line, const struct gc_arc *a, size_t n)
{
	uint64_t total = 0;
	bool pairs = n % 2 == 0;
	char id[32];
	size_t i;

	for (i = 0; pairs && i < n; i += 2)
		pairs = a[i].fallthrough != a[i + 1].fallthrough;
	if (n == 2 && pairs) {
		gc_site(g, fid, line, NULL, a[0].fallthrough ? a[1].count : a[0].count,
			a[0].fallthrough ? a[0].count : a[1].count);
		return;
	}
	if (pairs) {
		for (i = 0; i < n; i += 2) {
			snprintf(id, sizeof(id), "b%zu", i / 2);
			gc_site(g, fid, line, id, a[i].fallthrough ? a[i + 1].count : a[i].count,
				a[i].fallthrough ? a[i].count : a[i + 1].count);
		}
		return;
	}
	for (i = 0; i < n; i++)
		total += a[i].count; /* arc counts of one line cannot overflow */
	for (i = 0; i < n; i++) {
		snprintf(id, sizeof(id), "arc%zu", i);
		gc_site(g, fid, line, id, a[i].count, total - a[i].count);
	}
}

static enum status gc_branches(struct gc *g, const cJSON *arr, uint32_t fid, uint32_t line)
{
	VEC(struct gc_arc) arcs = {0};
	const cJSON *c, *n;
	enum status st = json_doc_array(g->d, arr, "\"branches\"");

	for (c = arr->child; st == STATUS_OK && c; c = c->next) {
		struct gc_arc arc = {0, false};

		if (!(n = json_doc_member(g->d, c, "count", "a branch", &st)) ||
		    (st = json_doc_u64(g->d, n, "a branch's \"count\"", &arc.count)))
			break;
		n = cJSON_GetObjectItemCaseSensitive(c, "throw");
		if (cJSON_IsTrue(n))
			continue; /* exception arcs are no branch */
		n = cJSON_GetObjectItemCaseSensitive(c, "fallthrough");
		arc.fallthrough = cJSON_IsTrue(n);
		VEC_APPEND(arcs, arc);
	}
	if (st == STATUS_OK && arcs.n)
		gc_sites(g, fid, line, arcs.v, arcs.n);
	free(arcs.v);
	return st;
}

static enum status gc_line(struct gc *g, const cJSON *ln, unsigned *orphans)
{
	const cJSON *n;
	struct gc_func *f;
	struct pf_line *l;
	uint32_t line;
	uint64_t count;
	enum status st = STATUS_OK;

	if (!(n = json_doc_member(g->d, ln, "line_number", "a line", &st)) ||
	    (st = json_doc_u32(g->d, n, "\"line_number\"", &line)))
		return st;
	if (!(n = json_doc_member(g->d, ln, "count", "a line", &st)) ||
	    (st = json_doc_u64(g->d, n, "a line's \"count\"", &count)))
		return st;
	if (line == 0)
		return json_doc_fail(g->d, ln, "\"line_number\" must be 1 or more");
	f = gc_owner(g, line);
	if (!f) {
		(*orphans)++; /* code outside any function: static initializers */
		return STATUS_OK;
	}
	l = profile_add_line(g->p);
	l->func = f->fid;
	l->line = line;
	l->count = count;
	n = cJSON_GetObjectItemCaseSensitive(ln, "branches");
	return n ? gc_branches(g, n, f->fid, line) : STATUS_OK;
}

static const char *gc_name_of(const cJSON *fn)
{
	const cJSON *nm = cJSON_GetObjectItemCaseSensitive(fn, "demangled_name");

	if (!nm)
		nm = cJSON_GetObjectItemCaseSensitive(fn, "name");
	return cJSON_IsString(nm) && nm->valuestring ? nm->valuestring : NULL;
}

/* Which function names more than one file defines (two static functions):
 * g->multi[string id] is set for them. */
static void gc_find_shared_names(struct gc *g, const cJSON *files)
{
	const cJSON *fo, *fn;

	cJSON_ArrayForEach(fo, files)
	{
		const cJSON *file = cJSON_GetObjectItemCaseSensitive(fo, "file");
		uint32_t fid, id;
		const char *name;

		if (!cJSON_IsObject(fo) || !cJSON_IsString(file) || !file->valuestring)
			continue;
		fid = profile_intern(g->p, file->valuestring, strlen(file->valuestring));
		cJSON_ArrayForEach(fn, cJSON_GetObjectItemCaseSensitive(fo, "functions"))
		{
			if (!cJSON_IsObject(fn) || !(name = gc_name_of(fn)))
				continue;
			id = profile_intern(g->p, name, strlen(name));
			while (g->first.n <= id) {
				VEC_APPEND(g->first, PF_NONE);
				VEC_APPEND(g->multi, 0);
			}
			if (g->first.v[id] == PF_NONE)
				g->first.v[id] = fid;
			else if (g->first.v[id] != fid)
				g->multi.v[id] = 1;
		}
	}
}

/* The profile's name of each function of the file: its name, or
 * FILE:NAME when another file has a function of that name too. */
static void gc_name_functions(struct gc *g, const char *file)
{
	struct strbuf sb = STRBUF_INIT;
	uint32_t i, id;

	for (i = 0; i < g->funcs.n; i++) {
		struct gc_func *f = &g->funcs.v[i];

		id = profile_str_find(g->p, f->name, strlen(f->name));
		sb_reset(&sb);
		if (id != PF_NONE && id < g->multi.n && g->multi.v[id])
			sb_addf(&sb, "%s:", file);
		sb_adds(&sb, f->name);
		f->fid = import_build_function(g->p, sb_str(&sb), strlen(sb_str(&sb)));
	}
	sb_free(&sb);
}

static enum status gc_file(struct gc *g, const cJSON *fo)
{
	const cJSON *n, *c;
	const char *file;
	unsigned orphans = 0;
	uint32_t i, fileid;
	enum status st = STATUS_OK;

	g->funcs.n = 0;
	if (!(n = json_doc_member(g->d, fo, "file", "a file", &st)) ||
	    (st = json_doc_string(g->d, n, "\"file\"", false, &file)))
		return st;
	if (!(n = json_doc_member(g->d, fo, "functions", "a file", &st)) ||
	    (st = json_doc_array(g->d, n, "\"functions\"")))
		return st;
	for (c = n->child; st == STATUS_OK && c; c = c->next)
		st = gc_function(g, c);
	if (st != STATUS_OK)
		return st;
	gc_name_functions(g, file);
	fileid = profile_intern(g->p, file, strlen(file));
	for (i = 0; i < g->funcs.n; i++) {
		struct pf_function *pf = &g->p->funcs.v[g->funcs.v[i].fid];

		pf->calls = profile_sat_add(g->p, pf->calls, g->funcs.v[i].calls);
		pf->file = fileid;
		pf->line = g->funcs.v[i].start;
		pf->flags |= PF_HAS_LINE;
	}
	n = cJSON_GetObjectItemCaseSensitive(fo, "lines");
	if (!n)
		return STATUS_OK;
	if ((st = json_doc_array(g->d, n, "\"lines\"")))
		return st;
	for (c = n->child; st == STATUS_OK && c; c = c->next)
		st = cJSON_IsObject(c)
			 ? gc_line(g, c, &orphans)
			 : json_doc_fail(g->d, c, "a line must be an object, found %s",
					 json_doc_type(c));
	if (st == STATUS_OK && orphans) {
		char q[128];

		json_doc_warn(g->d, fo, "%u %s of %s %s outside every function; dropped", orphans,
			      text_plural(orphans, "line count", "line counts"),
			      json_doc_quote(q, sizeof(q), file),
			      text_plural(orphans, "is", "are"));
	}
	return st;
}

/* A document's version and "files", and the names its files define. */
static enum status gc_check(struct gc *g)
{
	const cJSON *root = g->d->root, *files;
	enum status st = STATUS_OK;

	if (!cJSON_IsObject(root))
		return json_doc_fail(g->d, root, "gcov JSON is an object, found %s",
				     json_doc_type(root));
	if ((st = gc_version(g, root)))
		return st;
	if (!(files = json_doc_member(g->d, root, "files", "the gcov output", &st)) ||
	    (st = json_doc_array(g->d, files, "\"files\"")))
		return st;
	gc_find_shared_names(g, files);
	return STATUS_OK;
}

static enum status gc_read(struct gc *g)
{
	const cJSON *c;
	enum status st = STATUS_OK;

	c = cJSON_GetObjectItemCaseSensitive(g->d->root, "files")->child;
	for (; st == STATUS_OK && c; c = c->next)
		st = cJSON_IsObject(c)
			 ? gc_file(g, c)
			 : json_doc_fail(g->d, c, "a file must be an object, found %s",
					 json_doc_type(c));
	return st;
}

static void gc_meta(struct gc *g)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(g->d->root, "gcc_version");
	struct strbuf tool = STRBUF_INIT;

	sb_adds(&tool, "gcov JSON");
	if (cJSON_IsString(v) && v->valuestring[0] && strlen(v->valuestring) < 64)
		sb_addf(&tool, " (gcc %s)", v->valuestring);
	import_build_meta(g->p, PF_MODE_IMPORTED, sb_str(&tool));
	sb_free(&tool);
}

/* A NUL-terminated copy of s[0, n). */
static char *gc_copy(const char *s, size_t n)
{
	char *c = xmalloc(n + 1);

	memcpy(c, s, n);
	c[n] = '\0';
	return c;
}

/* gcov --stdout with several sources prints one document per line: each
 * line of buf that holds one, or the whole of buf as one. */
static size_t gc_split(struct gc *g, const char *path, const char *buf, size_t len,
		       const struct load_ctx *ctx, struct error *err, struct json_doc **docs)
{
	struct import_lines r = {buf, len, 0, 0, 0};
	const char *s;
	size_t n, k = 0, lines = 0, objects = 0;

	while (import_lines_next(&r, &s, &n)) {
		size_t a = strspn(s, " \t");

		if (a >= n)
			continue;
		lines++;
		objects += s[a] == '{' && s[n - 1] == '}';
	}
	if (lines < 2 || objects != lines) {
		*docs = xcalloc(1, sizeof(**docs));
		**docs = (struct json_doc){
		    .path = path, .text = buf, .len = len, .ctx = ctx, .err = err};
		return 1;
	}
	*docs = xcalloc(lines, sizeof(**docs));
	r = (struct import_lines){buf, len, 0, 0, 0};
	while (import_lines_next(&r, &s, &n)) {
		if (strspn(s, " \t") >= n)
			continue;
		VEC_APPEND(g->copies, gc_copy(s, n));
		(*docs)[k++] = (struct json_doc){.path = path,
						 .text = g->copies.v[g->copies.n - 1],
						 .len = n,
						 .ctx = ctx,
						 .err = err,
						 .line_base = r.lineno - 1};
	}
	return k;
}

static enum status gcov_load(struct profile *p, const char *path, const char *buf, size_t len,
			     const struct load_ctx *ctx, struct error *err)
{
	struct gc g = {.p = p};
	struct json_doc *docs;
	enum status st = STATUS_OK;
	size_t n, i;

	if (len >= 2 && (unsigned char)buf[0] == 0x1f && (unsigned char)buf[1] == 0x8b)
		return error_set(err, STATUS_FORMAT, path, 1, 1,
				 "gzip-compressed input (gcov's .gcov.json.gz): decompress it with "
				 "gunzip, or run gcov --json-format --stdout");
	n = gc_split(&g, path, buf, len, ctx, err, &docs);
	for (i = 0; st == STATUS_OK && i < n; i++) {
		g.d = &docs[i];
		if ((st = json_doc_parse(g.d)) == STATUS_OK)
			st = gc_check(&g);
	}
	for (i = 0; st == STATUS_OK && i < n; i++) {
		g.d = &docs[i];
		st = gc_read(&g);
	}
	if (st == STATUS_OK) {
		g.d = &docs[0];
		gc_meta(&g);
		import_build_finish(p);
	}
	for (i = 0; i < n; i++)
		json_doc_free(&docs[i]);
	for (i = 0; i < g.copies.n; i++)
		free(g.copies.v[i]);
	free(g.copies.v);
	free(docs);
	free(g.funcs.v);
	free(g.multi.v);
	free(g.first.v);
	return st;
}

/* A JSON object with gcov's "gcc_version" and "format_version", or gzip. */
static bool gcov_sniff(const char *buf, size_t len)
{
	size_t i = strspn(buf, " \t\r\n");

	if (len >= 2 && (unsigned char)buf[0] == 0x1f && (unsigned char)buf[1] == 0x8b)
		return true;
	/* gcov writes them first; a whole big profile is not searched */
	return i < len && buf[i] == '{' &&
	       text_near_ends(buf, len, "\"gcc_version\"", SNIFF_SPAN) &&
	       text_near_ends(buf, len, "\"format_version\"", SNIFF_SPAN);
}

const struct loader loader_gcov = {
    .name = "gcov",
    .description = "gcov --json-format output, GCC 9+ (plain JSON: gcov --stdout)",
    .sniff = gcov_sniff,
    .load = gcov_load,
};
