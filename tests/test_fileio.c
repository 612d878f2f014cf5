/* test_fileio.c - atomic writes: all or nothing, never a surprise replace. */
#include "tests/testutil.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <sys/resource.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "src/base/fileio.h"

static int count_entries(void)
{
	DIR *d = opendir(tu_scratch_dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static void test_write_new_and_refuse_replace(void **state)
{
	char *path = tu_scratch_path("a.vitprof");
	struct error err;
	char *text;

	(void)state;
	unlink(path);
	assert_int_equal(file_write_atomic(path, "first\n", 6, false, &err), STATUS_OK);
	assert_int_equal(file_write_atomic(path, "second\n", 7, false, &err), STATUS_EXISTS);
	assert_non_null(strstr(err.text, "a.vitprof: error: file exists"));
	text = tu_read_file(path);
	assert_string_equal(text, "first\n");
	free(text);
	assert_int_equal(file_write_atomic(path, "third\n", 6, true, &err), STATUS_OK);
	text = tu_read_file(path);
	assert_string_equal(text, "third\n");
	free(text);
	assert_int_equal(count_entries(), 1); /* no temporary file left */
	unlink(path);
}

/* A write that fails half-way (file size limit) leaves the old file as it
 * was and no temporary file behind. Runs in a child: the limit is
 * process-wide. */
static void test_failed_write_keeps_old_file(void **state)
{
	char *path = tu_scratch_path("b.vitprof");
	static char big[1 << 16];
	struct error err;
	pid_t pid;
	int status;
	char *text;

	(void)state;
	assert_int_equal(file_write_atomic(path, "old\n", 4, true, &err), STATUS_OK);
	memset(big, 'x', sizeof(big));
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct rlimit rl = {1024, 1024};

		signal(SIGXFSZ, SIG_IGN);
		setrlimit(RLIMIT_FSIZE, &rl);
		_exit(file_write_atomic(path, big, sizeof(big), true, &err) == STATUS_IO ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	text = tu_read_file(path);
	assert_string_equal(text, "old\n");
	free(text);
	assert_int_equal(count_entries(), 1);
	unlink(path);
}

static void test_replace_keeps_mode(void **state)
{
	char *path = tu_scratch_path("c.vitprof");
	struct error err;
	struct stat st;

	(void)state;
	assert_int_equal(file_write_atomic(path, "x", 1, true, &err), STATUS_OK);
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(file_write_atomic(path, "y", 1, true, &err), STATUS_OK);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	unlink(path);
}

static void test_missing_directory(void **state)
{
	struct error err;

	(void)state;
	assert_int_equal(file_write_atomic(tu_scratch_path("no/such/dir/x"), "x", 1, true, &err),
			 STATUS_IO);
	assert_non_null(strstr(err.text, "cannot create a temporary file"));
}

static void test_same_file(void **state)
{
	char *path = tu_scratch_path("d.vitprof");
	char other[160];
	struct error err;

	(void)state;
	assert_int_equal(file_write_atomic(path, "x", 1, true, &err), STATUS_OK);
	snprintf(other, sizeof(other), "%s/./d.vitprof", tu_scratch_dir);
	assert_true(file_same(path, other));
	assert_false(file_same(path, tu_scratch_path("absent")));
	unlink(tu_scratch_path("d.vitprof"));
}

/* A character device (a node made here with /dev/null's numbers, 1:3) is
 * written through, never replaced by a regular file, with or without
 * replace; one with /dev/full's numbers (1:7) reports the failed write. */
static void test_device_written_through(void **state)
{
	char *path = tu_scratch_path("null");
	struct error err;
	struct stat st;

	(void)state;
	assert_int_equal(mknod(path, S_IFCHR | 0600, makedev(1, 3)), 0);
	assert_int_equal(file_write_atomic(path, "x", 1, true, &err), STATUS_OK);
	assert_int_equal(file_write_atomic(path, "x", 1, false, &err), STATUS_OK);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	assert_int_equal(st.st_rdev, makedev(1, 3));
	assert_int_equal(count_entries(), 1);
	unlink(path);
	path = tu_scratch_path("full");
	assert_int_equal(mknod(path, S_IFCHR | 0600, makedev(1, 7)), 0);
	assert_int_equal(file_write_atomic(path, "x", 1, true, &err), STATUS_IO);
	assert_non_null(strstr(err.text, "full: error: cannot write: No space left on device"));
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	assert_int_equal(count_entries(), 1);
	unlink(path);
}

/* A FIFO is written through to its reader; without a reader the write
 * fails at once instead of waiting; the FIFO stays a FIFO. */
static void test_fifo_written_through(void **state)
{
	char *path = tu_scratch_path("fifo");
	char got[16] = "";
	struct error err;
	struct stat st;
	int fds[2], status;
	pid_t pid;

	(void)state;
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(file_write_atomic(path, "x", 1, true, &err), STATUS_IO);
	assert_non_null(strstr(err.text, "no process reads"));
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) { /* the reader: what it reads goes back through the pipe */
		int fd = open(path, O_RDONLY);
		ssize_t n = read(fd, got, sizeof(got));

		_exit(n > 0 && write(fds[1], got, (size_t)n) == n ? 0 : 1);
	}
	close(fds[1]);
	/* wait for the reader to open its end */
	for (status = 0; status < 500; status++) {
		if (file_write_atomic(path, "profile", 7, false, &err) == STATUS_OK)
			break;
		usleep(10000);
	}
	assert_int_equal(read(fds[0], got, sizeof(got) - 1), 7);
	assert_string_equal(got, "profile");
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	unlink(path);
}

/* A symbolic link stays a link: its target is replaced atomically (and only
 * with replace); a link to a device writes through; a dangling link and a
 * directory are refused. */
static void test_symlink_target_written(void **state)
{
	char *link_path = strdup(tu_scratch_path("link"));
	struct error err;
	struct stat st;
	char *text;

	(void)state;
	assert_int_equal(file_write_atomic(tu_scratch_path("target"), "old\n", 4, true, &err),
			 STATUS_OK);
	assert_int_equal(chmod(tu_scratch_path("target"), 0640), 0);
	assert_int_equal(symlink("target", link_path), 0);
	assert_int_equal(file_write_atomic(link_path, "new\n", 4, false, &err), STATUS_EXISTS);
	assert_int_equal(file_write_atomic(link_path, "new\n", 4, true, &err), STATUS_OK);
	assert_int_equal(lstat(link_path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	text = tu_read_file(tu_scratch_path("target"));
	assert_string_equal(text, "new\n");
	free(text);
	assert_int_equal(stat(tu_scratch_path("target"), &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	assert_int_equal(count_entries(), 2);
	unlink(link_path);
	unlink(tu_scratch_path("target"));
	/* dangling */
	assert_int_equal(symlink("absent", link_path), 0);
	assert_int_equal(file_write_atomic(link_path, "x", 1, true, &err), STATUS_IO);
	assert_non_null(strstr(err.text, "cannot follow the symbolic link"));
	assert_int_equal(lstat(link_path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	unlink(link_path);
	/* to a device node */
	assert_int_equal(mknod(tu_scratch_path("null"), S_IFCHR | 0600, makedev(1, 3)), 0);
	assert_int_equal(symlink("null", link_path), 0);
	assert_int_equal(file_write_atomic(link_path, "x", 1, true, &err), STATUS_OK);
	assert_int_equal(lstat(tu_scratch_path("null"), &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	unlink(link_path);
	unlink(tu_scratch_path("null"));
	/* a directory, with or without its slash */
	assert_int_equal(file_write_atomic(tu_scratch_dir, "x", 1, true, &err), STATUS_IO);
	assert_non_null(strstr(err.text, "error: is a directory"));
	assert_int_equal(count_entries(), 0);
	free(link_path);
}

/* An endless input (a node with /dev/zero's numbers, 1:5) is read up to
 * the limit and refused; a regular file over it is refused before reading;
 * one at the limit is read (item 6). */
static void test_read_all_limit(void **state)
{
	char *path = tu_scratch_path("zero"), *buf = NULL;
	struct error err;
	size_t len;

	(void)state;
	assert_int_equal(file_read_limit(), FILE_READ_MAX);
	assert_int_equal(FILE_READ_MAX, 1073741824);
	setenv("VITTE_PGO_MAX_INPUT", "100000", 1);
	assert_int_equal(file_read_limit(), 100000);
	assert_int_equal(mknod(path, S_IFCHR | 0600, makedev(1, 5)), 0);
	assert_int_equal(file_read_all(path, &buf, &len, &err), STATUS_LIMIT);
	assert_null(buf);
	assert_non_null(strstr(err.text, "zero: error: larger than 100000 bytes"));
	unlink(path);
	path = tu_scratch_path("big");
	assert_int_equal(file_write_atomic(path, "", 0, true, &err), STATUS_OK);
	assert_int_equal(truncate(path, 100001), 0);
	assert_int_equal(file_read_all(path, &buf, &len, &err), STATUS_LIMIT);
	assert_int_equal(truncate(path, 100000), 0);
	assert_int_equal(file_read_all(path, &buf, &len, &err), STATUS_OK);
	assert_int_equal(len, 100000);
	free(buf);
	unlink(path);
	setenv("VITTE_PGO_MAX_INPUT", "12x", 1); /* not a number: the default */
	assert_int_equal(file_read_limit(), FILE_READ_MAX);
	unsetenv("VITTE_PGO_MAX_INPUT");
}

/* file_read_text: a regular text file under the limit, or why not. */
static void test_read_text(void **state)
{
	char *text = NULL;
	size_t len = 99;
	struct error err;

	(void)state;
	assert_int_equal(file_write_atomic(tu_scratch_path("t.c"), "ab\ncd\n", 6, true, &err),
			 STATUS_OK);
	assert_int_equal(file_read_text(tu_scratch_path("t.c"), 6, &text, &len), 0);
	assert_int_equal(len, 6);
	assert_string_equal(text, "ab\ncd\n");
	free(text);
	/* one byte over the limit */
	assert_int_equal(file_read_text(tu_scratch_path("t.c"), 5, &text, &len), EFBIG);
	assert_int_equal(file_write_atomic(tu_scratch_path("e.c"), "", 0, true, &err), STATUS_OK);
	assert_int_equal(file_read_text(tu_scratch_path("e.c"), 5, &text, &len), 0);
	assert_int_equal(len, 0);
	assert_string_equal(text, "");
	free(text);
	assert_int_equal(file_write_atomic(tu_scratch_path("b.c"), "a\0b", 3, true, &err),
			 STATUS_OK);
	assert_int_equal(file_read_text(tu_scratch_path("b.c"), 100, &text, &len), FILE_BINARY);
	assert_int_equal(file_read_text(tu_scratch_path("absent.c"), 100, &text, &len), ENOENT);
	assert_int_equal(file_read_text(tu_scratch_dir, 100, &text, &len), EISDIR);
	assert_int_equal(mkfifo(tu_scratch_path("fifo"), 0600), 0);
	/* refused, not waited on: opening a FIFO without a writer blocks */
	assert_int_equal(file_read_text(tu_scratch_path("fifo"), 100, &text, &len), EINVAL);
	unlink(tu_scratch_path("t.c"));
	unlink(tu_scratch_path("e.c"));
	unlink(tu_scratch_path("b.c"));
	unlink(tu_scratch_path("fifo"));
}

/* file_map: a regular file mapped and NUL-terminated at its length, also
 * when it fills its last page; a directory refused as file_read_all
 * refuses it. */
static void test_map(void **state)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	char *full = malloc(page);
	struct file_data d;
	struct error err;

	(void)state;
	assert_non_null(full);
	assert_int_equal(file_write_atomic(tu_scratch_path("m"), "abcdefghij", 10, true, &err),
			 STATUS_OK);
	assert_int_equal(file_map(tu_scratch_path("m"), &d, &err), STATUS_OK);
	assert_true(d.map_len >= 11);
	assert_int_equal(d.len, 10);
	assert_memory_equal(d.buf, "abcdefghij", 11); /* with its NUL */
	file_unmap(&d);
	assert_null(d.buf);
	memset(full, 'x', page);
	assert_int_equal(file_write_atomic(tu_scratch_path("m"), full, page, true, &err),
			 STATUS_OK);
	assert_int_equal(file_map(tu_scratch_path("m"), &d, &err), STATUS_OK);
	assert_int_equal(d.len, page);
	assert_memory_equal(d.buf, full, page);
	assert_int_equal(d.buf[page], '\0');
	file_unmap(&d);
	assert_int_equal(file_map(tu_scratch_dir, &d, &err), STATUS_IO);
	assert_non_null(strstr(err.text, "is a directory"));
	unlink(tu_scratch_path("m"));
	free(full);
}

/* Page faults of this process so far. */
static long faults_now(void)
{
	struct rusage ru;

	assert_int_equal(getrusage(RUSAGE_SELF, &ru), 0);
	return ru.ru_minflt + ru.ru_majflt;
}

/* Faults while one byte of each page of d is read. */
static long faults_reading(const struct file_data *d, size_t page)
{
	volatile char sink = 0;
	long before = faults_now();
	size_t i;

	for (i = 0; i < d->len; i += page)
		sink = (char)(sink + d->buf[i]);
	(void)sink;
	return faults_now() - before;
}

/* file_prefault: the pages of a mapping are there before they are read:
 * reading 1024 pages takes no page fault then, and tens without (one per
 * fault-around block of 16 pages). Not a mapping: nothing done. */
static void test_prefault(void **state)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), len = 1024 * page;
	char *data = malloc(len);
	struct file_data d;
	struct error err;
	long cold;

	(void)state;
	assert_non_null(data);
	memset(data, 'p', len);
	assert_int_equal(file_write_atomic(tu_scratch_path("pf"), data, len, true, &err),
			 STATUS_OK);
	assert_int_equal(file_map(tu_scratch_path("pf"), &d, &err), STATUS_OK);
	cold = faults_reading(&d, page);
	file_unmap(&d);
	assert_true(cold >= 32);
	assert_int_equal(file_map(tu_scratch_path("pf"), &d, &err), STATUS_OK);
	if (file_prefault(d.buf, d.len))
		assert_true(faults_reading(&d, page) < 4);
	else
		print_message("file_prefault: MADV_POPULATE_READ not supported here\n");
	file_unmap(&d);
	assert_false(file_prefault(data, len)); /* not a mapping */
	unlink(tu_scratch_path("pf"));
	free(data);
}

/* file_read_pooled: a file read NUL-terminated into a buffer that
 * file_unmap() keeps for the next input, which reuses it when it is big
 * enough (nothing of the longer text before shows past the NUL) and gets
 * another when it is not; what is not a regular file is file_map()'s. */
static void test_read_pooled(void **state)
{
	size_t big = ((size_t)2 << 20) + 1; /* above one buffer of 2 MiB */
	char *bytes = malloc(big), *first;
	struct file_data d;
	struct error err;

	(void)state;
	assert_non_null(bytes);
	assert_int_equal(file_write_atomic(tu_scratch_path("p"), "abcdefghij", 10, true, &err),
			 STATUS_OK);
	assert_int_equal(file_read_pooled(tu_scratch_path("p"), &d, &err), STATUS_OK);
	assert_int_equal(d.map_len, 0);
	assert_int_equal(d.pool_cap, (size_t)2 << 20);
	assert_int_equal(d.len, 10);
	assert_memory_equal(d.buf, "abcdefghij", 11);
	first = d.buf;
	file_unmap(&d);
	assert_null(d.buf);
	assert_int_equal(file_write_atomic(tu_scratch_path("p"), "xy", 2, true, &err), STATUS_OK);
	assert_int_equal(file_read_pooled(tu_scratch_path("p"), &d, &err), STATUS_OK);
	assert_ptr_equal(d.buf, first);
	assert_int_equal(d.len, 2);
	assert_memory_equal(d.buf, "xy", 3);
	file_unmap(&d);
	memset(bytes, 'z', big);
	assert_int_equal(file_write_atomic(tu_scratch_path("p"), bytes, big, true, &err),
			 STATUS_OK);
	assert_int_equal(file_read_pooled(tu_scratch_path("p"), &d, &err), STATUS_OK);
	assert_int_equal(d.pool_cap, (size_t)4 << 20);
	assert_int_equal(d.len, big);
	assert_memory_equal(d.buf, bytes, big);
	assert_int_equal(d.buf[big], '\0');
	file_unmap(&d);
	assert_int_equal(file_read_pooled(tu_scratch_dir, &d, &err), STATUS_IO);
	assert_non_null(strstr(err.text, "is a directory"));
	assert_int_equal(file_read_pooled(tu_scratch_path("absent"), &d, &err), STATUS_IO);
	assert_non_null(strstr(err.text, "cannot open"));
	unlink(tu_scratch_path("p"));
	free(bytes);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_write_new_and_refuse_replace),
	    cmocka_unit_test(test_failed_write_keeps_old_file),
	    cmocka_unit_test(test_replace_keeps_mode),
	    cmocka_unit_test(test_missing_directory),
	    cmocka_unit_test(test_same_file),
	    cmocka_unit_test(test_read_text),
	    cmocka_unit_test(test_device_written_through),
	    cmocka_unit_test(test_fifo_written_through),
	    cmocka_unit_test(test_symlink_target_written),
	    cmocka_unit_test(test_read_all_limit),
	    cmocka_unit_test(test_map),
	    cmocka_unit_test(test_prefault),
	    cmocka_unit_test(test_read_pooled),
	};

	return cmocka_run_group_tests_name("fileio", tests, tu_scratch_make, tu_scratch_remove);
}
