/* fileio.h - whole-file reads and atomic writes. */
#ifndef VITTE_FILEIO_H
#define VITTE_FILEIO_H

#include <stdbool.h>
#include <stddef.h>

#include "src/base/error.h"

/* The most file_read_all() reads from one input: 1 GiB, or the byte count
 * in the environment variable VITTE_PGO_MAX_INPUT. */
#define FILE_READ_MAX ((size_t)1 << 30)
size_t file_read_limit(void);

/* Read all of path ("-" is standard input) into a new NUL-terminated
 * buffer (caller frees *buf). An input longer than file_read_limit() (a
 * device or a pipe that does not end) is refused with STATUS_LIMIT once
 * that much is read; a regular file that long, before reading. Errors name
 * the file. */
enum status file_read_all(const char *path, char **buf, size_t *len, struct error *err);

/* A whole input in memory, NUL-terminated at len: a private read-only
 * mapping of a regular file (map_len bytes mapped), else a malloc()ed
 * copy (map_len 0). */
struct file_data {
	char *buf;
	size_t len, map_len;
	size_t pool_cap; /* a buffer of file_read_pooled(), of that many bytes */
};

/* file_read_all() without the copy for a regular file: its pages are
 * mapped (and read as they are first touched). Free with file_unmap(). */
enum status file_map(const char *path, struct file_data *d, struct error *err);
void file_unmap(struct file_data *d);
/* file_map() for one of a series of inputs: a regular file is read into a
 * buffer that file_unmap() gives back for the next one (a few are kept),
 * which costs less CPU than mapping each file anew; its memory is that of
 * the whole file until then. Anything else is file_map()'s. */
enum status file_read_pooled(const char *path, struct file_data *d, struct error *err);
/* Give back the memory of the whole pages between from and to of buf when
 * it is a mapping of file_map() (nothing happens otherwise): they are read
 * again from the file if touched again. Returns where the next call
 * starts. */
size_t file_release(const char *buf, size_t from, size_t to);
/* Map the first len bytes of buf, when it is a mapping of file_map(), in
 * one call rather than one page fault at a time: for a reader that reads
 * all of it anyway. Whether they were (false: not a mapping, or a kernel
 * before Linux 5.14). */
bool file_prefault(const char *buf, size_t len);

/* What file_read_text() returns for a file with a NUL byte. */
#define FILE_BINARY (-1)

/* Read the regular file path, of at most max bytes and without NUL bytes,
 * into a new NUL-terminated buffer (caller frees *text). Returns 0, an
 * errno value (EISDIR, EINVAL for what is not a regular file, EFBIG past
 * max), or FILE_BINARY. For callers that word their own messages. */
int file_read_text(const char *path, size_t max, char **text, size_t *len);

/* Open path as file_read_text() does, without reading: 0 with *fd open
 * (the caller closes it) on a regular file of *size bytes, at most max,
 * or an errno value as file_read_text() returns. */
int file_open_text(const char *path, size_t max, int *fd, size_t *size);

/* Write data to path atomically: a temporary file in the same directory,
 * flushed, then renamed over path, so readers see the old file or the new
 * one and never a part. An existing path is replaced only when replace is
 * true (STATUS_EXISTS otherwise); a failed write leaves it untouched. A
 * new file gets mode 0666 less the umask, a replaced one keeps its mode.
 * What is not a plain path is never replaced: a device or a FIFO (also
 * through a link, as /dev/stdout) is written through, without temporary
 * file or rename, whatever replace says; a symbolic link to a regular file
 * has its target replaced atomically and stays a link; a directory or a
 * dangling link is an error. */
enum status file_write_atomic(const char *path, const void *data, size_t len, bool replace,
			      struct error *err);

/* Whether a and b name the same existing file (same device and inode). */
bool file_same(const char *a, const char *b);

#endif
