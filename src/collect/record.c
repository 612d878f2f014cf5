/* record.c - run a command under perf_event_open and read its records.
 *
 * The command is forked and waits on a pipe while one sampling event per
 * CPU is opened on it (inherit=1 follows its threads and child processes;
 * the kernel refuses to mmap an inherited per-task event, so per-CPU ring
 * buffers it is), disabled until the exec (enable_on_exec). Then it runs,
 * and the rings are read until it exits: samples, mmap records (the code
 * it maps, also through dlopen), forks and execs. The rings are merged in
 * time order, holding back the newest records a little, so that a sample
 * always finds the address space its process had when it was taken.
 */
#define _GNU_SOURCE
#include "src/collect/record.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/perf_event.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "src/base/alloc.h"
#include "src/base/strbuf.h"
#include "src/base/text.h"
#include "src/base/vector.h"
#include "src/model/profile.h"

#define REC_DATA_PAGES	 64	  /* per CPU ring: 256 KiB of 4 KiB pages, halved if refused */
#define REC_MIN_PAGES	 4	  /* no smaller than this */
#define REC_WAKEUP_BYTES 8192	  /* wake the reader when this much is waiting */
#define REC_HOLD_NS	 20000000 /* records younger than 20 ms wait for the other rings */
#define REC_POLL_MS	 100
#define REC_MAX_RECORD	 65536 /* header.size is 16 bits */

struct rec_event {
	const char *name;
	uint32_t type;
	uint64_t config;
	bool hardware; /* counts events, not time: scaled to CPU time */
};

static const struct rec_event rec_events[] = {
    {"cpu-clock", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_CLOCK, false},
    {"task-clock", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK, false},
    {"cycles", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES, true},
    {"instructions", PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS, true},
    {"branches", PERF_TYPE_HARDWARE, PERF_COUNT_HW_BRANCH_INSTRUCTIONS, true},
    {"branch-misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_BRANCH_MISSES, true},
    {"cache-misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CACHE_MISSES, true},
};

#define N_EVENTS (sizeof(rec_events) / sizeof(rec_events[0]))

struct rec_cpu {
	int fd;
	struct perf_event_mmap_page *ctl; /* the first page of the mapping */
	const unsigned char *data;	  /* the ring */
	size_t map_len;
	uint64_t size;	     /* of the ring, a power of two */
	uint64_t head, tail; /* what is readable now */
	uint64_t next_time;  /* time of the record at tail */
	bool hup;	     /* the kernel said it is done */
};

struct rec_session {
	const struct record_options *opt;
	const struct rec_event *ev;
	struct rec_cpu *cpus;
	unsigned ncpus;
	pid_t child;
	int go_fd;  /* write end: one byte releases the child */
	int err_fd; /* read end: the errno of a failed exec, EOF after exec */
	struct record_samples *rs;
	char *binary;	  /* the first file the command mapped: its executable */
	uint64_t *record; /* one record, copied out of its ring */
	uint64_t samples, lost, throttled, period_total;
	uint64_t start_ns, end_ns; /* the command's fork and exit (now_ns()) */
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

const char *record_event_name(unsigned i)
{
	return i < N_EVENTS ? rec_events[i].name : NULL;
}

static const struct rec_event *event_find(const char *name)
{
	size_t i;

	for (i = 0; i < N_EVENTS; i++)
		if (!strcmp(rec_events[i].name, name))
			return &rec_events[i];
	if (!strcmp(name, "cpu-cycles"))
		return event_find("cycles");
	return NULL;
}

static void rec_note(const struct record_options *opt, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void rec_note(const struct record_options *opt, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	if (!opt->note)
		return;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	opt->note(opt->arg, text);
}

/* An integer sysctl from /proc/sys, or def when it cannot be read. */
static long read_sysctl(const char *path, long def)
{
	FILE *f = fopen(path, "re");
	long v;

	if (!f)
		return def;
	if (fscanf(f, "%ld", &v) != 1)
		v = def;
	fclose(f);
	return v;
}

/* ---- the child ---- */

/* Wait for the go, then exec; a failed exec sends its errno back and
 * exits like a shell: 127 not found, 126 not runnable. */
__attribute__((noreturn)) static void child_exec(char *const *argv, int go, int err)
{
	ssize_t n;
	char c;
	int e;

	do
		n = read(go, &c, 1);
	while (n < 0 && errno == EINTR);
	if (n != 1)
		_exit(126); /* the parent gave up */
	execvp(argv[0], argv);
	e = errno;
	if (write(err, &e, sizeof(e)) < 0)
		_exit(126);
	_exit(e == ENOENT ? 127 : 126);
}

static enum status child_start(struct rec_session *s, struct error *err)
{
	int go[2], ex[2];

	if (pipe2(go, O_CLOEXEC) != 0)
		return error_set(err, STATUS_IO, NULL, 0, 0, "pipe: %s", strerror(errno));
	if (pipe2(ex, O_CLOEXEC) != 0) {
		close(go[0]);
		close(go[1]);
		return error_set(err, STATUS_IO, NULL, 0, 0, "pipe: %s", strerror(errno));
	}
	fflush(NULL);
	s->start_ns = now_ns(); /* the child's CPU time counts from here */
	s->child = fork();
	if (s->child == 0) {
		close(go[1]);
		close(ex[0]);
		child_exec(s->opt->argv, go[0], ex[1]);
	}
	close(go[0]);
	close(ex[1]);
	if (s->child < 0) {
		int e = errno;

		close(go[1]);
		close(ex[0]);
		return error_set(err, STATUS_IO, NULL, 0, 0, "fork: %s", strerror(e));
	}
	s->go_fd = go[1];
	s->err_fd = ex[0];
	return STATUS_OK;
}

/* The child has not exec'd: end it (it exits when the pipe closes). */
static void child_abandon(struct rec_session *s)
{
	int st;

	if (s->go_fd >= 0)
		close(s->go_fd);
	s->go_fd = -1;
	if (s->child > 0)
		while (waitpid(s->child, &st, 0) < 0 && errno == EINTR)
			;
	s->child = -1;
}

/* Let the child exec; false (and the exit code in *code) when it could not. */
static bool child_release(struct rec_session *s, int *code, struct error *err)
{
	const char *cmd = s->opt->argv[0];
	char name[256];
	ssize_t n;
	int e = 0;

	if (write(s->go_fd, "g", 1) != 1) {
		error_set(err, STATUS_IO, NULL, 0, 0, "cannot start the command: %s",
			  strerror(errno));
		*code = -1;
		child_abandon(s);
		return false;
	}
	close(s->go_fd);
	s->go_fd = -1;
	do
		n = read(s->err_fd, &e, sizeof(e));
	while (n < 0 && errno == EINTR);
	if (n <= 0)
		return true; /* closed by the exec */
	text_escape(name, sizeof(name), cmd, strlen(cmd));
	while (waitpid(s->child, NULL, 0) < 0 && errno == EINTR)
		;
	s->child = -1;
	*code = e == ENOENT ? 127 : 126;
	if (e == ENOENT)
		error_set(err, STATUS_IO, NULL, 0, 0, "%s: command not found%s", name,
			  strchr(cmd, '/') ? " (no such file)" : " (not in PATH)");
	else
		error_set(err, STATUS_IO, NULL, 0, 0, "%s: cannot run: %s", name, strerror(e));
	return false;
}

/* ---- the counters ---- */

/* The online CPUs ("0-3,8-11" in sysfs), else all configured ones. */
static unsigned cpu_list(int **out)
{
	FILE *f = fopen("/sys/devices/system/cpu/online", "re");
	VEC(int) cpus = {0};
	int a, b;
	char sep;

	while (f && fscanf(f, "%d", &a) == 1) {
		b = a;
		sep = '\n';
		if (fscanf(f, "%c", &sep) == 1 && sep == '-' && fscanf(f, "%d%c", &b, &sep) < 1)
			break;
		for (; a <= b && a >= 0; a++)
			VEC_APPEND(cpus, a);
		if (sep != ',')
			break;
	}
	if (f)
		fclose(f);
	if (!cpus.n) {
		long conf = sysconf(_SC_NPROCESSORS_CONF);

		for (a = 0; a < (conf > 0 ? conf : 1); a++)
			VEC_APPEND(cpus, a);
	}
	*out = cpus.v;
	return cpus.n;
}

static void attr_init(struct perf_event_attr *a, const struct rec_event *ev,
		      const struct record_options *opt)
{
	memset(a, 0, sizeof(*a));
	a->size = sizeof(*a);
	a->type = ev->type;
	a->config = ev->config;
	a->freq = 1;
	a->sample_freq = opt->freq;
	a->sample_type = PERF_SAMPLE_IP | PERF_SAMPLE_TID | PERF_SAMPLE_TIME | PERF_SAMPLE_PERIOD;
	if (opt->callchain)
		a->sample_type |= PERF_SAMPLE_CALLCHAIN;
	a->disabled = 1;
	a->enable_on_exec = 1;
	a->inherit = 1;
	/* user space only: what perf_event_paranoid=2 allows */
	a->exclude_kernel = 1;
	a->exclude_hv = 1;
	a->exclude_callchain_kernel = 1;
	a->mmap = 1;
	a->mmap2 = 1;
	a->comm = 1;
	a->comm_exec = 1;
	a->task = 1;
	a->sample_id_all = 1;
	a->use_clockid = 1;
	a->clockid = CLOCK_MONOTONIC;
	a->watermark = 1;
	a->wakeup_watermark = REC_WAKEUP_BYTES;
}

static void rings_unmap(struct rec_session *s)
{
	unsigned i;

	for (i = 0; i < s->ncpus; i++)
		if (s->cpus[i].ctl) {
			munmap(s->cpus[i].ctl, s->cpus[i].map_len);
			s->cpus[i].ctl = NULL;
		}
}

static void counters_close(struct rec_session *s)
{
	unsigned i;

	rings_unmap(s);
	for (i = 0; i < s->ncpus; i++)
		if (s->cpus[i].fd >= 0)
			close(s->cpus[i].fd);
	free(s->cpus);
	s->cpus = NULL;
	s->ncpus = 0;
}

/* One event per CPU on the child; 0 or the errno of the first failure. */
static int counters_open(struct rec_session *s, const struct rec_event *ev)
{
	struct perf_event_attr attr;
	int *cpus, e = 0;
	unsigned i, n = cpu_list(&cpus);

	attr_init(&attr, ev, s->opt);
	s->cpus = xcalloc(n, sizeof(*s->cpus));
	for (i = 0; i < n; i++)
		s->cpus[i].fd = -1;
	s->ncpus = n;
	for (i = 0; i < n && !e; i++) {
		s->cpus[i].fd = (int)syscall(SYS_perf_event_open, &attr, s->child, cpus[i], -1,
					     PERF_FLAG_FD_CLOEXEC);
		if (s->cpus[i].fd < 0)
			e = errno;
	}
	free(cpus);
	if (e)
		counters_close(s);
	return e;
}

/* The error of a perf_event_open that failed with errno e, saying what to
 * change. */
static enum status open_error(struct error *err, const struct rec_event *ev, int e)
{
	const char *sysctl = "/proc/sys/kernel/perf_event_paranoid";
	long paranoid = read_sysctl(sysctl, LONG_MIN);

	switch (e) {
	case EACCES:
	case EPERM:
		if (paranoid == LONG_MIN)
			return error_set(err, STATUS_IO, NULL, 0, 0,
					 "perf_event_open: %s, and %s cannot be read: this kernel "
					 "or container does not allow profiling",
					 strerror(e), sysctl);
		if (paranoid > 2)
			return error_set(
			    err, STATUS_IO, NULL, 0, 0,
			    "perf_event_open: %s: kernel.perf_event_paranoid is %ld; "
			    "sampling your own programs needs 2 or less "
			    "('sudo sysctl kernel.perf_event_paranoid=2') or CAP_PERFMON",
			    strerror(e), paranoid);
		return error_set(
		    err, STATUS_IO, NULL, 0, 0,
		    "perf_event_open: %s although kernel.perf_event_paranoid is %ld: a "
		    "container's seccomp profile or a security module forbids it "
		    "(with Docker: --cap-add PERFMON or --security-opt "
		    "seccomp=unconfined)",
		    strerror(e), paranoid);
	case ENOSYS:
		return error_set(err, STATUS_IO, NULL, 0, 0,
				 "perf_event_open is not available: the kernel has no perf events "
				 "(CONFIG_PERF_EVENTS) or a seccomp filter hides the call");
	case EMFILE:
	case ENFILE:
		return error_set(err, STATUS_IO, NULL, 0, 0,
				 "perf_event_open: %s: one descriptor per CPU is needed "
				 "(raise 'ulimit -n')",
				 strerror(e));
	case EINVAL:
		return error_set(err, STATUS_IO, NULL, 0, 0,
				 "perf_event_open: the kernel refused the %s sampling attributes "
				 "(%s); Linux 4.3 or later is needed",
				 ev->name, strerror(e));
	default:
		return error_set(err, STATUS_IO, NULL, 0, 0, "perf_event_open (%s): %s", ev->name,
				 strerror(e));
	}
}

/* Open the event, falling back to cpu-clock from a hardware event that
 * this machine cannot sample. */
static enum status counters_start(struct rec_session *s, struct error *err)
{
	int e = counters_open(s, s->ev);

	if (e && s->ev->hardware && (e == ENOENT || e == ENODEV || e == EOPNOTSUPP)) {
		if (e == EOPNOTSUPP)
			rec_note(s->opt,
				 "%s cannot be sampled on this machine (its counters do not "
				 "interrupt); using cpu-clock",
				 s->ev->name);
		else
			rec_note(s->opt,
				 "%s is not supported on this machine (no hardware counters); "
				 "using cpu-clock",
				 s->ev->name);
		s->ev = &rec_events[0];
		e = counters_open(s, s->ev);
	}
	return e ? open_error(err, s->ev, e) : STATUS_OK;
}

/* Map a ring of pages per CPU: 0, or the errno of the refusal (and none
 * stays mapped). */
static int rings_try(struct rec_session *s, size_t pages)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	unsigned i;

	for (i = 0; i < s->ncpus; i++) {
		struct rec_cpu *c = &s->cpus[i];
		void *m =
		    mmap(NULL, (1 + pages) * page, PROT_READ | PROT_WRITE, MAP_SHARED, c->fd, 0);

		if (m == MAP_FAILED) {
			int e = errno;

			rings_unmap(s);
			return e;
		}
		c->ctl = m;
		c->map_len = (1 + pages) * page;
		c->data = (const unsigned char *)m + page;
		c->size = pages * page;
	}
	return 0;
}

/* Map the rings, smaller ones when the locked-memory limit
 * (kernel.perf_event_mlock_kb) refuses. */
static enum status rings_map(struct rec_session *s, struct error *err)
{
	size_t pages = REC_DATA_PAGES;
	int e;

	while ((e = rings_try(s, pages)) == EPERM || e == ENOMEM)
		if ((pages /= 2) < REC_MIN_PAGES)
			break;
	if (e)
		return error_set(err, STATUS_IO, NULL, 0, 0,
				 "cannot map the sampling buffers: %s (the limit is "
				 "kernel.perf_event_mlock_kb)",
				 strerror(e));
	return STATUS_OK;
}

/* ---- reading the rings ---- */

static void ring_read(const struct rec_cpu *c, uint64_t pos, void *dst, size_t len)
{
	uint64_t off = pos & (c->size - 1);
	size_t first = len;

	if (off + len > c->size)
		first = (size_t)(c->size - off);
	memcpy(dst, c->data + off, first);
	memcpy((unsigned char *)dst + first, c->data, len - first);
}

static uint64_t get64(const void *rec, size_t at)
{
	uint64_t v;

	memcpy(&v, (const unsigned char *)rec + at, sizeof(v));
	return v;
}

static uint32_t get32(const void *rec, size_t at)
{
	uint32_t v;

	memcpy(&v, (const unsigned char *)rec + at, sizeof(v));
	return v;
}

/* The header at tail, false when none is whole (a bad one drops the rest). */
static bool ring_peek(struct rec_cpu *c, struct perf_event_header *h)
{
	if (c->tail + sizeof(*h) > c->head)
		return false;
	ring_read(c, c->tail, h, sizeof(*h));
	if (h->size < sizeof(*h) || c->tail + h->size > c->head) {
		c->tail = c->head;
		return false;
	}
	return true;
}

/* The time of the record at tail: samples carry it after ip and pid/tid,
 * other records at their end (sample_id_all with TID|TIME). */
static void ring_next_time(struct rec_cpu *c)
{
	struct perf_event_header h;
	size_t at;

	c->next_time = UINT64_MAX;
	if (!ring_peek(c, &h))
		return;
	at = h.type == PERF_RECORD_SAMPLE ? 24 : (size_t)h.size - 8;
	c->next_time = 0;
	if (h.size >= at + 8 && at >= 8)
		ring_read(c, c->tail + at, &c->next_time, sizeof(c->next_time));
}

/* A mapping of code: the executable is the first file the command maps. */
static void on_mmap(struct rec_session *s, const void *rec, size_t size, size_t name_at)
{
	const char *name = (const char *)rec + name_at;
	uint32_t pid = get32(rec, 8);

	if (name_at >= size || !memchr(name, '\0', size - name_at))
		return;
	record_samples_mmap(s->rs, pid, get64(rec, 16), get64(rec, 24), get64(rec, 32), name);
	if (!s->binary && pid == (uint32_t)s->child && name[0] == '/')
		s->binary = xstrdup(name);
}

static void on_sample(struct rec_session *s, const uint64_t *rec, size_t size)
{
	uint64_t period, nr;

	if (size < 40)
		return;
	period = get64(rec, 32);
	s->samples++;
	s->period_total += period;
	if (!s->opt->callchain) {
		record_samples_add(s->rs, get32(rec, 16), &rec[1], 1, period);
		return;
	}
	if (size < 48)
		return;
	nr = get64(rec, 40);
	if (nr > (size - 48) / 8)
		return;
	record_samples_add(s->rs, get32(rec, 16), &rec[6], (uint32_t)nr, period);
}

static void on_record(struct rec_session *s, const struct perf_event_header *h)
{
	const uint64_t *rec = s->record;

	switch (h->type) {
	case PERF_RECORD_SAMPLE:
		on_sample(s, rec, h->size);
		break;
	case PERF_RECORD_MMAP:
		on_mmap(s, rec, h->size, 40);
		break;
	case PERF_RECORD_MMAP2:
		on_mmap(s, rec, h->size, 72);
		break;
	case PERF_RECORD_COMM:
		if (h->size >= 16 && (h->misc & PERF_RECORD_MISC_COMM_EXEC))
			record_samples_exec(s->rs, get32(rec, 8));
		break;
	case PERF_RECORD_FORK:
		/* a new process, not a new thread of one */
		if (h->size >= 16 && get32(rec, 8) != get32(rec, 12))
			record_samples_fork(s->rs, get32(rec, 8), get32(rec, 12));
		break;
	case PERF_RECORD_LOST:
		if (h->size >= 24)
			s->lost += get64(rec, 16);
		break;
	case PERF_RECORD_LOST_SAMPLES:
		if (h->size >= 16)
			s->lost += get64(rec, 8);
		break;
	case PERF_RECORD_THROTTLE:
		s->throttled++;
		break;
	default:
		break;
	}
}

/* Handle every record up to time horizon, oldest first across the rings. */
static void rings_drain(struct rec_session *s, uint64_t horizon)
{
	struct perf_event_header h;
	unsigned i;

	for (i = 0; i < s->ncpus; i++) {
		s->cpus[i].head = __atomic_load_n(&s->cpus[i].ctl->data_head, __ATOMIC_ACQUIRE);
		ring_next_time(&s->cpus[i]);
	}
	for (;;) {
		struct rec_cpu *c = NULL;

		for (i = 0; i < s->ncpus; i++)
			if (s->cpus[i].next_time != UINT64_MAX &&
			    (!c || s->cpus[i].next_time < c->next_time))
				c = &s->cpus[i];
		if (!c || c->next_time > horizon)
			break;
		if (ring_peek(c, &h)) {
			ring_read(c, c->tail, s->record, h.size);
			c->tail += h.size;
			on_record(s, &h);
		}
		ring_next_time(c);
	}
	for (i = 0; i < s->ncpus; i++)
		__atomic_store_n(&s->cpus[i].ctl->data_tail, s->cpus[i].tail, __ATOMIC_RELEASE);
}

/* ---- the run ---- */

static volatile sig_atomic_t rec_child_pid;

static void forward_signal(int sig)
{
	if (rec_child_pid > 0)
		kill((pid_t)rec_child_pid, sig);
}

struct rec_signals {
	struct sigaction intr, quit, term, hup, pipe;
};

/* As system(): ^C and ^\ reach the command through the terminal and do not
 * end the recording; TERM and HUP sent to us are passed on to it. A child
 * that dies before its go byte is read makes that write fail, not kill. */
static void signals_catch(struct rec_session *s, struct rec_signals *old)
{
	struct sigaction ign, fwd;

	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	fwd = ign;
	fwd.sa_handler = forward_signal;
	fwd.sa_flags = SA_RESTART;
	rec_child_pid = s->child;
	sigaction(SIGINT, &ign, &old->intr);
	sigaction(SIGQUIT, &ign, &old->quit);
	sigaction(SIGPIPE, &ign, &old->pipe);
	sigaction(SIGTERM, &fwd, &old->term);
	sigaction(SIGHUP, &fwd, &old->hup);
}

static void signals_restore(const struct rec_signals *old)
{
	sigaction(SIGINT, &old->intr, NULL);
	sigaction(SIGQUIT, &old->quit, NULL);
	sigaction(SIGPIPE, &old->pipe, NULL);
	sigaction(SIGTERM, &old->term, NULL);
	sigaction(SIGHUP, &old->hup, NULL);
	rec_child_pid = 0;
}

/* Read the rings until the command exits; its wait status and usage. */
static void sample_loop(struct rec_session *s, int *wstatus, struct rusage *ru)
{
	struct pollfd *pfd = xcalloc(s->ncpus + 1, sizeof(*pfd));
	int pidfd = -1;
	unsigned i;

#ifdef SYS_pidfd_open
	pidfd = (int)syscall(SYS_pidfd_open, s->child, 0);
#endif
	for (;;) {
		pid_t r = wait4(s->child, wstatus, WNOHANG, ru);

		if (r == s->child || (r < 0 && errno == ECHILD)) {
			s->end_ns = now_ns();
			rings_drain(s, UINT64_MAX);
			break;
		}
		rings_drain(s, now_ns() - REC_HOLD_NS);
		for (i = 0; i < s->ncpus; i++) {
			pfd[i].fd = s->cpus[i].hup ? -1 : s->cpus[i].fd;
			pfd[i].events = POLLIN;
		}
		pfd[i].fd = pidfd;
		pfd[i].events = POLLIN;
		if (poll(pfd, s->ncpus + 1, REC_POLL_MS) > 0)
			for (i = 0; i < s->ncpus; i++)
				if (pfd[i].revents & (POLLHUP | POLLERR))
					s->cpus[i].hup = true;
	}
	if (pidfd >= 0)
		close(pidfd);
	free(pfd);
}

static int exit_code(int wstatus)
{
	if (WIFEXITED(wstatus))
		return WEXITSTATUS(wstatus);
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	return 1;
}

static uint64_t timeval_ns(const struct timeval *tv)
{
	return (uint64_t)tv->tv_sec * 1000000000u + (uint64_t)tv->tv_usec * 1000u;
}

static struct profile *build_profile(struct rec_session *s, const struct rusage *ru,
				     struct record_build_stats *build)
{
	const char *cmd = s->opt->argv[0], *slash = strrchr(cmd, '/');
	struct record_meta meta = {0};

	meta.program = slash ? slash + 1 : cmd;
	meta.binary = s->binary;
	meta.tool = s->opt->tool;
	meta.ns_per_unit = 1;
	meta.contexts = s->opt->callchain;
	meta.sample_period_ns = 1000000000u / s->opt->freq;
	meta.wall_ns = s->end_ns > s->start_ns ? s->end_ns - s->start_ns : 0;
	meta.cpu_ns = timeval_ns(&ru->ru_utime) + timeval_ns(&ru->ru_stime);
	if (s->ev->hardware) {
		/* counts, not time: share the command's user CPU time out by them */
		uint64_t cpu_ns = timeval_ns(&ru->ru_utime);

		meta.ns_per_unit = s->period_total ? (double)cpu_ns / (double)s->period_total : 1;
		meta.sample_period_ns = s->samples ? cpu_ns / s->samples : 0;
	}
	return record_samples_profile(s->rs, &meta, build);
}

static enum status check_options(const struct record_options *opt, const struct rec_event **ev,
				 struct error *err)
{
	long max = read_sysctl("/proc/sys/kernel/perf_event_max_sample_rate", LONG_MAX);

	*ev = event_find(opt->event ? opt->event : "cpu-clock");
	if (!*ev)
		return error_set(err, STATUS_USAGE, NULL, 0, 0, "unknown event '%s'", opt->event);
	if (!opt->argv || !opt->argv[0])
		return error_set(err, STATUS_USAGE, NULL, 0, 0, "no command given");
	if (opt->freq == 0 || opt->freq > 1000000000u)
		return error_set(err, STATUS_USAGE, NULL, 0, 0,
				 "-F needs a frequency from 1 to 1000000000 Hz");
	if ((long)opt->freq > max)
		return error_set(err, STATUS_USAGE, NULL, 0, 0,
				 "-F %u is above the kernel's limit of %ld samples per second "
				 "(sysctl kernel.perf_event_max_sample_rate)",
				 opt->freq, max);
	return STATUS_OK;
}

/* The command forked and waiting, its counters open and mapped, signals
 * caught; on failure nothing is left running. */
static enum status session_start(struct rec_session *s, struct rec_signals *old, struct error *err)
{
	enum status st = check_options(s->opt, &s->ev, err);

	if (st != STATUS_OK)
		return st;
	st = child_start(s, err);
	if (st != STATUS_OK)
		return st;
	signals_catch(s, old);
	st = counters_start(s, err);
	if (st == STATUS_OK)
		st = rings_map(s, err);
	if (st != STATUS_OK) {
		child_abandon(s);
		signals_restore(old);
	}
	return st;
}

enum status record_run(const struct record_options *opt, struct record_result *res,
		       struct error *err)
{
	struct rec_session s = {0};
	struct rec_signals old;
	struct rusage ru = {0};
	enum status st;
	int wstatus = 0;

	memset(res, 0, sizeof(*res));
	res->exit_code = -1;
	s.opt = opt;
	s.go_fd = s.err_fd = -1;
	st = session_start(&s, &old, err);
	if (st != STATUS_OK)
		goto out;
	res->event = s.ev->name;
	res->ncpus = s.ncpus;
	s.rs = record_samples_new();
	s.record = xmalloc(REC_MAX_RECORD + 8);
	if (child_release(&s, &res->exit_code, err)) {
		sample_loop(&s, &wstatus, &ru);
		res->exit_code = exit_code(wstatus);
		res->samples = s.samples;
		res->lost = s.lost;
		res->throttled = s.throttled;
	} else {
		st = STATUS_IO;
	}
	signals_restore(&old);
	if (st == STATUS_OK)
		res->profile = build_profile(&s, &ru, &res->build);
out:
	counters_close(&s);
	if (s.err_fd >= 0)
		close(s.err_fd);
	record_samples_free(s.rs);
	free(s.record);
	free(s.binary);
	return st;
}
