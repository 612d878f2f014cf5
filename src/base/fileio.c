/* fileio.c - whole-file reads and atomic writes. */
#define _GNU_SOURCE /* renameat2 */
#include "src/base/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/base/alloc.h"
#include "src/base/strbuf.h"

/* Read fd to its end into a new NUL-terminated buffer, starting with room
 * for hint bytes; 0, an errno value, or EFBIG past max bytes. */
static int read_fd(int fd, size_t hint, size_t max, char **buf, size_t *len)
{
	size_t cap = hint + 2, n = 0;
	char *b = xmalloc(cap);

	for (;;) {
		ssize_t r;

		if (cap - n < 2) {
			cap *= 2;
			b = xrealloc(b, cap);
		}
		r = read(fd, b + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 || (r > 0 && (n += (size_t)r) > max)) {
			int e = r < 0 ? errno : EFBIG;

			free(b);
			return e;
		}
		if (r == 0)
			break;
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
}

size_t file_read_limit(void)
{
	const char *env = getenv("VITTE_PGO_MAX_INPUT");
	char *end;
	unsigned long long v;

	if (!env || !*env)
		return FILE_READ_MAX;
	errno = 0;
	v = strtoull(env, &end, 10);
	return *end || errno || v == 0 || v > SIZE_MAX - 2 ? FILE_READ_MAX : (size_t)v;
}

enum status file_read_all(const char *path, char **buf, size_t *len, struct error *err)
{
	bool is_stdin = strcmp(path, "-") == 0;
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	size_t max = file_read_limit();
	struct stat st;
	int saved = 0;

	*buf = NULL;
	*len = 0;
	if (fd < 0)
		return error_set(err, STATUS_IO, path, 0, 0, "cannot open: %s", strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
		saved = EISDIR;
	else if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > max)
		saved = EFBIG;
	else
		saved =
		    read_fd(fd, S_ISREG(st.st_mode) ? (size_t)st.st_size : 65536, max, buf, len);
	if (!is_stdin)
		close(fd);
	if (saved == EISDIR)
		return error_set(err, STATUS_IO, path, 0, 0, "is a directory");
	if (saved == EFBIG)
		return error_set(err, STATUS_LIMIT, path, 0, 0,
				 "larger than %zu bytes, the most read from one input (an endless "
				 "device or pipe?); VITTE_PGO_MAX_INPUT sets another limit",
				 max);
	if (saved)
		return error_set(err, STATUS_IO, path, 0, 0, "cannot read: %s", strerror(saved));
	return STATUS_OK;
}

size_t file_peek(const char *path, void *buf, size_t n)
{
	int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK) : -1;
	struct stat st;
	ssize_t r = 0;

	if (fd < 0)
		return 0;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		r = pread(fd, buf, n, 0);
	close(fd);
	return r > 0 ? (size_t)r : 0;
}

enum status file_map(const char *path, struct file_map *m, struct error *err)
{
	int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK) : -1;
	struct stat st;
	void *data;
	char *buf;
	enum status s;

	memset(m, 0, sizeof(*m));
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (uint64_t)st.st_size <= file_read_limit()) {
		data = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
		if (data != MAP_FAILED) {
			close(fd);
			m->data = data;
			m->len = (size_t)st.st_size;
			m->mapped = true;
			return STATUS_OK;
		}
	}
	if (fd >= 0)
		close(fd);
	s = file_read_all(path, &buf, &m->len, err);
	m->data = buf;
	return s;
}

void file_unmap(struct file_map *m)
{
	if (m->mapped)
		munmap((void *)(uintptr_t)m->data, m->len);
	else
		free((void *)(uintptr_t)m->data);
	memset(m, 0, sizeof(*m));
}

int file_read_text(const char *path, size_t max, char **text, size_t *len)
{
	/* non-blocking: a FIFO without a writer would block the open */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK), e = 0;
	struct stat st;

	if (fd < 0)
		return errno;
	if (fstat(fd, &st) < 0)
		e = errno;
	else if (S_ISDIR(st.st_mode))
		e = EISDIR;
	else if (!S_ISREG(st.st_mode))
		e = EINVAL;
	else if ((uint64_t)st.st_size > max)
		e = EFBIG;
	else if ((e = read_fd(fd, (size_t)st.st_size, max, text, len)) == 0 &&
		 memchr(*text, '\0', *len)) {
		free(*text);
		e = FILE_BINARY;
	}
	close(fd);
	return e;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, data, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

/* "dir/.name.XXXXXX" beside path. */
static char *temp_name(const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;

	if (slash)
		sb_add(&sb, path, (size_t)(slash - path) + 1);
	sb_addf(&sb, ".%s.XXXXXX", base);
	return sb_detach(&sb, NULL);
}

static mode_t new_file_mode(const char *path)
{
	struct stat st;
	mode_t mask;

	if (stat(path, &st) == 0)
		return st.st_mode & 07777;
	mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

/* Write data through the existing non-regular file path (a device, a
 * FIFO): no temporary file, no rename, no truncation, no fsync. Opened
 * non-blocking so that a FIFO without a reader fails instead of waiting,
 * then written blocking. */
static enum status write_through(const char *path, const void *data, size_t len, struct error *err)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK), saved;

	if (fd < 0) {
		if (errno == ENXIO)
			return error_set(err, STATUS_IO, path, 0, 0,
					 "cannot write: no process reads this FIFO or socket");
		return error_set(err, STATUS_IO, path, 0, 0, "cannot open: %s", strerror(errno));
	}
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) < 0 ||
	    write_all(fd, data, len) < 0) {
		saved = errno;
		close(fd);
		return error_set(err, STATUS_IO, path, 0, 0, "cannot write: %s", strerror(saved));
	}
	if (close(fd) < 0)
		return error_set(err, STATUS_IO, path, 0, 0, "cannot write: %s", strerror(errno));
	return STATUS_OK;
}

/* The atomic write proper: a temporary file beside path, renamed over it. */
static enum status write_renamed(const char *path, const void *data, size_t len, bool replace,
				 struct error *err)
{
	char *tmp = temp_name(path);
	int fd = mkostemp(tmp, O_CLOEXEC);
	int saved, r;

	if (fd < 0) {
		saved = errno;
		free(tmp);
		return error_set(err, STATUS_IO, path, 0, 0, "cannot create a temporary file: %s",
				 strerror(saved));
	}
	if (fchmod(fd, new_file_mode(path)) < 0 || write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		saved = errno;
		close(fd);
		goto fail;
	}
	if (close(fd) < 0) {
		saved = errno;
		goto fail;
	}
	r = replace ? rename(tmp, path)
		    : renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE);
	if (r < 0 && !replace && errno == EINVAL) {
		/* a file system without RENAME_NOREPLACE: link() also refuses to replace */
		r = link(tmp, path);
		if (r == 0)
			unlink(tmp);
	}
	if (r < 0) {
		saved = errno;
		if (saved == EEXIST) {
			unlink(tmp);
			free(tmp);
			return error_set(err, STATUS_EXISTS, path, 0, 0,
					 "file exists (use --force to replace it)");
		}
		goto fail;
	}
	free(tmp);
	return STATUS_OK;
fail:
	unlink(tmp);
	free(tmp);
	return error_set(err, STATUS_IO, path, 0, 0, "cannot write: %s", strerror(saved));
}

enum status file_write_atomic(const char *path, const void *data, size_t len, bool replace,
			      struct error *err)
{
	struct stat st;
	enum status s;
	char *real;

	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return S_ISDIR(st.st_mode) ? error_set(err, STATUS_IO, path, 0, 0, "is a directory")
					   : write_through(path, data, len, err);
	if (lstat(path, &st) < 0 || !S_ISLNK(st.st_mode))
		return write_renamed(path, data, len, replace, err);
	/* a link to a regular file: its target is replaced, the link stays */
	if (!(real = realpath(path, NULL)))
		return error_set(err, STATUS_IO, path, 0, 0, "cannot follow the symbolic link: %s",
				 strerror(errno));
	s = write_renamed(real, data, len, replace, err);
	free(real);
	return s;
}

bool file_same(const char *a, const char *b)
{
	struct stat sa, sb;

	if (strcmp(a, "-") == 0 || strcmp(b, "-") == 0)
		return false;
	if (stat(a, &sa) < 0 || stat(b, &sb) < 0)
		return false;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}
