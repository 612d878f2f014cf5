/* fileio.c - whole-file reads and atomic writes. */
#define _GNU_SOURCE /* renameat2 */
#include "src/base/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
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

/* The mappings of file_map() in use, for file_release(): any thread may
 * load, so they are looked up under a lock. One past the table is simply
 * never released early. */
static struct {
	const char *buf;
	size_t len;
} maps[32];
static pthread_mutex_t maps_lock = PTHREAD_MUTEX_INITIALIZER;

static void maps_set(const char *old, const char *buf, size_t len)
{
	size_t i;

	pthread_mutex_lock(&maps_lock);
	for (i = 0; i < sizeof(maps) / sizeof(maps[0]); i++)
		if (maps[i].buf == old) {
			maps[i].buf = buf;
			maps[i].len = len;
			break;
		}
	pthread_mutex_unlock(&maps_lock);
}

static bool maps_has(const char *buf)
{
	bool has = false;
	size_t i;

	pthread_mutex_lock(&maps_lock);
	for (i = 0; i < sizeof(maps) / sizeof(maps[0]) && !has; i++)
		has = buf && maps[i].buf == buf;
	pthread_mutex_unlock(&maps_lock);
	return has;
}

/* Map the regular file fd of size bytes, NUL-terminated: the file over
 * anonymous zeroed pages one byte longer, so a size that fills its last
 * page still ends with a NUL. NULL when it cannot be. */
static char *map_fd(int fd, size_t size, size_t *map_len)
{
	long page = sysconf(_SC_PAGESIZE);
	size_t len = (size + 1 + (size_t)page - 1) & ~((size_t)page - 1);
	char *m = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (m == MAP_FAILED)
		return NULL;
	if (size && mmap(m, size, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0) == MAP_FAILED) {
		munmap(m, len);
		return NULL;
	}
	madvise(m, size, MADV_SEQUENTIAL);
	maps_set(NULL, m, len);
	*map_len = len;
	return m;
}

/* Open path and check it against the limit: 0 or an errno value, EFBIG
 * for a regular file over max. */
static int open_input(const char *path, int *fd, struct stat *st, size_t max)
{
	*fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (*fd < 0)
		return errno;
	if (fstat(*fd, st) < 0)
		memset(st, 0, sizeof(*st));
	if (S_ISDIR(st->st_mode))
		return EISDIR;
	if (S_ISREG(st->st_mode) && (uint64_t)st->st_size > max)
		return EFBIG;
	return 0;
}

static enum status input_error(const char *path, int e, bool opening, size_t max, struct error *err)
{
	if (opening)
		return error_set(err, STATUS_IO, path, 0, 0, "cannot open: %s", strerror(e));
	if (e == EISDIR)
		return error_set(err, STATUS_IO, path, 0, 0, "is a directory");
	if (e == EFBIG)
		return error_set(err, STATUS_LIMIT, path, 0, 0,
				 "larger than %zu bytes, the most read from one input (an endless "
				 "device or pipe?); VITTE_PGO_MAX_INPUT sets another limit",
				 max);
	return error_set(err, STATUS_IO, path, 0, 0, "cannot read: %s", strerror(e));
}

/* file_read_all() or, for a regular file, a mapping (map_len set). */
static enum status read_input(const char *path, struct file_data *d, bool map, struct error *err)
{
	size_t max = file_read_limit();
	struct stat st;
	int fd, e;

	memset(d, 0, sizeof(*d));
	e = open_input(path, &fd, &st, max);
	if (fd < 0)
		return input_error(path, e, true, max, err);
	if (!e && map && S_ISREG(st.st_mode) &&
	    (d->buf = map_fd(fd, (size_t)st.st_size, &d->map_len)) != NULL)
		d->len = (size_t)st.st_size;
	else if (!e)
		e = read_fd(fd, S_ISREG(st.st_mode) ? (size_t)st.st_size : 65536, max, &d->buf,
			    &d->len);
	if (strcmp(path, "-") != 0)
		close(fd);
	return e ? input_error(path, e, false, max, err) : STATUS_OK;
}

enum status file_read_all(const char *path, char **buf, size_t *len, struct error *err)
{
	struct file_data d;
	enum status st = read_input(path, &d, false, err);

	*buf = d.buf;
	*len = d.len;
	return st;
}

enum status file_map(const char *path, struct file_data *d, struct error *err)
{
	return read_input(path, d, true, err);
}

/* Buffers of file_read_pooled() given back by file_unmap(), for the next
 * inputs (one per thread that loads); under maps_lock. */
#define SPARES	  4
#define HUGE_PAGE ((size_t)2 << 20)
static struct file_data spares[SPARES];

/* A buffer of at least size bytes: a spare one, or a new one on huge pages
 * where the system gives them (madvise mode), which spare the walk of a
 * page table per 4 KiB when the text is read. */
static struct file_data pool_take(size_t size)
{
	struct file_data b = {0};
	size_t i;

	pthread_mutex_lock(&maps_lock);
	for (i = 0; i < SPARES && !b.buf; i++)
		if (spares[i].buf && spares[i].pool_cap >= size) {
			b = spares[i];
			spares[i].buf = NULL;
		}
	pthread_mutex_unlock(&maps_lock);
	if (!b.buf) {
		b.pool_cap = (size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
		b.buf = aligned_alloc(HUGE_PAGE, b.pool_cap);
		if (!b.buf)
			die_nomem();
		madvise(b.buf, b.pool_cap, MADV_HUGEPAGE);
	}
	return b;
}

static void pool_give(struct file_data *d)
{
	size_t i;

	pthread_mutex_lock(&maps_lock);
	for (i = 0; i < SPARES && d->buf; i++)
		if (!spares[i].buf) {
			spares[i] = *d;
			d->buf = NULL;
		} else if (spares[i].pool_cap < d->pool_cap) { /* keep the larger */
			struct file_data t = spares[i];

			spares[i] = *d;
			*d = t;
		}
	pthread_mutex_unlock(&maps_lock);
	free(d->buf);
}

enum status file_read_pooled(const char *path, struct file_data *d, struct error *err)
{
	size_t max = file_read_limit(), n = 0;
	struct stat st;
	int fd, e;

	e = open_input(path, &fd, &st, max);
	if (e || !S_ISREG(st.st_mode)) {
		if (fd >= 0 && strcmp(path, "-") != 0)
			close(fd);
		return read_input(path, d, true, err);
	}
	*d = pool_take((size_t)st.st_size + 1);
	while (n < (size_t)st.st_size) {
		ssize_t r = read(fd, d->buf + n, (size_t)st.st_size - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			e = errno;
			break;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (e) {
		file_unmap(d);
		return input_error(path, e, false, max, err);
	}
	d->buf[n] = '\0';
	d->len = n;
	return STATUS_OK;
}

size_t file_release(const char *buf, size_t from, size_t to)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	to &= ~(page - 1);
	from &= ~(page - 1);
	if (to > from && maps_has(buf))
		madvise((char *)(uintptr_t)(buf + from), to - from, MADV_DONTNEED);
	return to > from ? to : from;
}

bool file_prefault(const char *buf, size_t len)
{
#ifdef MADV_POPULATE_READ
	return len && maps_has(buf) &&
	       madvise((char *)(uintptr_t)buf, len, MADV_POPULATE_READ) == 0;
#else
	(void)buf, (void)len;
	return false;
#endif
}

void file_unmap(struct file_data *d)
{
	if (d->map_len) {
		maps_set(d->buf, NULL, 0);
		munmap(d->buf, d->map_len);
	} else if (d->pool_cap) {
		pool_give(d);
	} else {
		free(d->buf);
	}
	memset(d, 0, sizeof(*d));
}

int file_open_text(const char *path, size_t max, int *fd, size_t *size)
{
	struct stat st;
	int e = 0;

	/* non-blocking: a FIFO without a writer would block the open */
	*fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (*fd < 0)
		return errno;
	if (fstat(*fd, &st) < 0)
		e = errno;
	else if (S_ISDIR(st.st_mode))
		e = EISDIR;
	else if (!S_ISREG(st.st_mode))
		e = EINVAL;
	else if ((uint64_t)st.st_size > max)
		e = EFBIG;
	if (e)
		close(*fd);
	*size = e ? 0 : (size_t)st.st_size;
	return e;
}

int file_read_text(const char *path, size_t max, char **text, size_t *len)
{
	size_t size;
	int fd, e = file_open_text(path, max, &fd, &size);

	if (e)
		return e;
	if ((e = read_fd(fd, size, max, text, len)) == 0 && memchr(*text, '\0', *len)) {
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
