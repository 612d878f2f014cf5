/* testutil.h - helpers shared by the cmocka tests (header only). */
#ifndef VITTE_TESTUTIL_H
#define VITTE_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "loaders/loader.h"
#include "src/base/alloc.h"
#include "src/base/error.h"
#include "src/base/fileio.h"
#include "src/base/strbuf.h"
#include "src/model/profile.h"
#include "src/writers/exporter.h"

/* Warnings seen by the last tu_load / tu_load_error, one per line. */
static struct strbuf tu_warnings;

static void tu_warn(void *arg, const char *text)
{
	(void)arg;
	sb_adds(&tu_warnings, text);
	sb_addc(&tu_warnings, '\n');
}

/* Load a profile from JSON text named "test.vitprof"; fails the test when
 * it does not load. */
static inline struct profile *tu_load(const char *json)
{
	struct load_ctx ctx = {tu_warn, NULL, 100, false, NULL};
	struct profile *p = NULL;
	struct error err = {0};

	sb_reset(&tu_warnings);
	if (loader_load_buffer("test.vitprof", json, strlen(json), NULL, &ctx, &p, &err) !=
	    STATUS_OK)
		fail_msg("unexpected load error: %s", err.text);
	return p;
}

/* tu_load of JSON written with ' for " (for test strings without an
 * apostrophe: far easier to read than escaped quotes). */
static inline struct profile *tu_load_q(const char *text)
{
	char *json = xstrdup(text);
	struct profile *p;
	char *c;

	for (c = json; *c; c++)
		if (*c == '\'')
			*c = '"';
	p = tu_load(json);
	free(json);
	return p;
}

/* The whole text of a file (tests run from the top of the source tree);
 * fails the test when it cannot be read. Caller frees. */
static inline char *tu_read_file(const char *path)
{
	struct error err;
	char *buf;
	size_t len;

	if (file_read_all(path, &buf, &len, &err) != STATUS_OK)
		fail_msg("%s", err.text);
	return buf;
}

/* Load a profile file, as tu_load does text. */
static inline struct profile *tu_load_file(const char *path)
{
	char *text = tu_read_file(path);
	struct profile *p = tu_load(text);

	free(text);
	return p;
}

/* A scratch directory for a group of tests: tu_scratch_make is the
 * group's setup, tu_scratch_remove its teardown (the directory and all it
 * holds); tu_scratch_path names a file in it (a static buffer). */
static char tu_scratch_dir[64];

static inline int tu_scratch_make(void **state)
{
	(void)state;
	snprintf(tu_scratch_dir, sizeof(tu_scratch_dir), "/tmp/vitte-test-XXXXXX");
	return mkdtemp(tu_scratch_dir) ? 0 : -1;
}

static inline int tu_scratch_remove(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tu_scratch_dir);
	return system(cmd) == 0 ? 0 : -1;
}

static inline char *tu_scratch_path(const char *name)
{
	static char path[128];

	snprintf(path, sizeof(path), "%s/%s", tu_scratch_dir, name);
	return path;
}

/* Load JSON text that must fail; returns the error. */
static inline struct error tu_load_error(const char *json)
{
	struct load_ctx ctx = {tu_warn, NULL, 100, false, NULL};
	struct profile *p = NULL;
	struct error err = {0};

	sb_reset(&tu_warnings);
	if (loader_load_buffer("test.vitprof", json, strlen(json), NULL, &ctx, &p, &err) ==
	    STATUS_OK) {
		profile_free(p);
		fail_msg("expected an error, the profile loaded");
	}
	assert_null(p);
	return err;
}

/* The canonical .vitprof text of p (caller frees). */
static inline char *tu_write(const struct profile *p)
{
	struct strbuf sb = STRBUF_INIT;
	struct error err;

	assert_int_equal(exporter_vitprof.write(p, &sb, &err), STATUS_OK);
	return sb_detach(&sb, NULL);
}

/* The function called name; fails the test when absent. */
static inline const struct pf_function *tu_func(const struct profile *p, const char *name)
{
	uint32_t id = profile_find_function(p, name);

	if (id == PF_NONE)
		fail_msg("no function %s", name);
	return &p->funcs.v[id];
}

/* The edge caller -> callee; fails the test when absent. */
static inline const struct pf_edge *tu_edge(const struct profile *p, const char *caller,
					    const char *callee)
{
	uint32_t a = profile_find_function(p, caller), b = profile_find_function(p, callee), i;

	for (i = 0; i < p->edges.n; i++)
		if (p->edges.v[i].caller == a && p->edges.v[i].callee == b)
			return &p->edges.v[i];
	fail_msg("no edge %s -> %s", caller, callee);
	return NULL;
}

/* Run a shell command; its exit status, -1 when it did not exit. */
static inline int tu_sh(const char *fmt, ...) PRINTF_LIKE(1, 2);
static inline int tu_sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	st = system(cmd);
	return st != -1 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

#endif
