/* llvm_profdata_write.c - LLVM's binary sample profile (.profdata), as
 * clang reads it with -fprofile-sample-use (docs/export-formats.md).
 *
 * The llvm-sample text run through LLVM's own converter, `llvm-profdata
 * merge --sample --binary`: the text goes to a file in a private temporary
 * directory, the tool runs there without a shell, the binary comes back
 * into the buffer and the directory is removed. The tool is looked up on
 * PATH as llvm-profdata, then llvm-profdata-N (Debian's versioned names),
 * newest first.
 */
#include "src/writers/exporter.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "src/base/fileio.h"
#include "src/base/strbuf.h"
#include "src/base/text.h"

extern char **environ;

#define PROFDATA_NEWEST 30 /* llvm-profdata-30 down to ... */
#define PROFDATA_OLDEST 7  /* ... llvm-profdata-7 */

/* Whether dir/name is an executable regular file; its path in buf. */
static bool profdata_try(const char *dir, size_t dir_len, const char *name, char *buf, size_t size)
{
	struct stat st;
	int n = snprintf(buf, size, "%.*s/%s", (int)dir_len, dir_len ? dir : ".", name);

	return n > 0 && (size_t)n < size && stat(buf, &st) == 0 && S_ISREG(st.st_mode) &&
	       access(buf, X_OK) == 0;
}

/* The first directory of PATH holding an executable name; path in buf. */
static bool profdata_search_path(const char *name, char *buf, size_t size)
{
	const char *path = getenv("PATH"), *dir, *end;

	if (!path)
		return false;
	for (dir = path;; dir = end + 1) {
		end = strchr(dir, ':');
		if (!end)
			end = dir + strlen(dir);
		if (profdata_try(dir, (size_t)(end - dir), name, buf, size))
			return true;
		if (!*end)
			return false;
	}
}

/* The llvm-profdata to run, its path in buf; false when there is none. */
static bool profdata_find_tool(char *buf, size_t size)
{
	char name[32];
	int v;

	if (profdata_search_path("llvm-profdata", buf, size))
		return true;
	for (v = PROFDATA_NEWEST; v >= PROFDATA_OLDEST; v--) {
		snprintf(name, sizeof(name), "llvm-profdata-%d", v);
		if (profdata_search_path(name, buf, size))
			return true;
	}
	return false;
}

/* The files of the private temporary directory. */
struct profdata_tmp {
	char dir[PATH_MAX], text[PATH_MAX + 32], out[PATH_MAX + 32], log[PATH_MAX + 32];
};

static enum status profdata_tmp_make(struct profdata_tmp *t, struct error *err)
{
	const char *base = getenv("TMPDIR");

	if (!base || !*base)
		base = "/tmp";
	if (snprintf(t->dir, sizeof(t->dir), "%s/vitte-pgo-XXXXXX", base) >= (int)sizeof(t->dir))
		return error_set(err, STATUS_IO, base, 0, 0, "temporary directory name too long");
	if (!mkdtemp(t->dir))
		return error_set(err, STATUS_IO, base, 0, 0,
				 "cannot make a temporary directory: %s", strerror(errno));
	snprintf(t->text, sizeof(t->text), "%s/profile.txt", t->dir);
	snprintf(t->out, sizeof(t->out), "%s/profile.profdata", t->dir);
	snprintf(t->log, sizeof(t->log), "%s/stderr.txt", t->dir);
	return STATUS_OK;
}

static void profdata_tmp_remove(const struct profdata_tmp *t)
{
	unlink(t->text);
	unlink(t->out);
	unlink(t->log);
	rmdir(t->dir);
}

/* Run tool on t->text into t->out, its standard error into t->log;
 * returns its wait status, or -1 (errno set) when it did not start. */
static int profdata_run(char *tool, struct profdata_tmp *t)
{
	char merge[] = "merge", sample[] = "--sample", binary[] = "--binary", o[] = "-o";
	char *const argv[] = {tool, merge, sample, binary, o, t->out, t->text, NULL};
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int rc, status;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, t->log, O_WRONLY | O_CREAT | O_TRUNC,
					 0600);
	rc = posix_spawn(&pid, tool, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		errno = rc;
		return -1;
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}

/* The tool failed: say how, with the first line it wrote. */
static enum status profdata_failed(const char *tool, const struct profdata_tmp *t, int status,
				   struct error *err)
{
	char *log = NULL, line[300] = "";
	size_t len = 0;

	if (file_read_text(t->log, 1 << 16, &log, &len) == 0) {
		len = strcspn(log, "\n");
		text_escape(line, sizeof(line), log, len);
	}
	free(log);
	if (WIFSIGNALED(status))
		return error_set(err, STATUS_IO, tool, 0, 0, "killed by signal %d%s%s",
				 WTERMSIG(status), *line ? ": " : "", line);
	return error_set(err, STATUS_IO, tool, 0, 0, "failed (exit %d)%s%s", WEXITSTATUS(status),
			 *line ? ": " : "", line);
}

/* Convert text with tool in t; the binary appended to out. */
static enum status profdata_convert(char *tool, const struct strbuf *text, struct profdata_tmp *t,
				    struct strbuf *out, struct error *err)
{
	enum status st = file_write_atomic(t->text, sb_str(text), text->len, false, err);
	char *bin;
	size_t len;
	int status;

	if (st != STATUS_OK)
		return st;
	status = profdata_run(tool, t);
	if (status < 0)
		return error_set(err, STATUS_IO, tool, 0, 0, "cannot run: %s", strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return profdata_failed(tool, t, status, err);
	st = file_read_all(t->out, &bin, &len, err);
	if (st != STATUS_OK)
		return st;
	sb_add(out, bin, len);
	free(bin);
	return STATUS_OK;
}

static enum status llvm_profdata_write(const struct profile *p, struct strbuf *out,
				       struct error *err)
{
	struct strbuf text = STRBUF_INIT;
	struct profdata_tmp t;
	char tool[PATH_MAX];
	enum status st;

	if (!profdata_find_tool(tool, sizeof(tool)))
		return error_set(err, STATUS_IO, NULL, 0, 0,
				 "llvm-profdata not found: install llvm (Debian: llvm) or use "
				 "--format llvm-sample");
	st = exporter_llvm_sample.write(p, &text, err);
	if (st == STATUS_OK)
		st = profdata_tmp_make(&t, err);
	if (st == STATUS_OK) {
		st = profdata_convert(tool, &text, &t, out, err);
		profdata_tmp_remove(&t);
	}
	sb_free(&text);
	return st;
}

static void llvm_profdata_notes(const struct profile *p, struct strbuf *notes)
{
	exporter_llvm_sample.notes(p, notes);
}

const struct exporter exporter_llvm_profdata = {
    .name = "llvm-profdata",
    .extension = ".profdata",
    .description = "LLVM binary sample profile, made by llvm-profdata",
    .write = llvm_profdata_write,
    .notes = llvm_profdata_notes,
};
