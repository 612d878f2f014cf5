/* record.h - the sampling collector behind `vitte-pgo record`.
 *
 * Two parts. record.c runs a command under perf_event_open and reads the
 * kernel's records: samples, code mappings, forks and execs, lost counts.
 * record_samples.c keeps what they say by address space and, at the end,
 * symbolizes it with libdw into a struct profile; it takes plain values,
 * so tests can drive it without a kernel.
 */
#ifndef VITTE_RECORD_H
#define VITTE_RECORD_H

#include <stdbool.h>
#include <stdint.h>

#include "src/base/error.h"

struct profile;

/* ---- samples -> profile (record_samples.c) ---- */

struct record_samples;

/* An empty collection; never NULL. */
struct record_samples *record_samples_new(void);
void record_samples_free(struct record_samples *rs);

/* Process pid replaced its image (exec): its address space starts empty. */
void record_samples_exec(struct record_samples *rs, uint32_t pid);

/* Process pid was forked from ppid: its address space starts as a copy of
 * ppid's (an unknown ppid gives an empty one). */
void record_samples_fork(struct record_samples *rs, uint32_t pid, uint32_t ppid);

/* Process pid mapped [start, start + len) of path from file offset pgoff.
 * A path that does not start with '/' ("[vdso]", "//anon") names code
 * that has no file to read symbols from. */
void record_samples_mmap(struct record_samples *rs, uint32_t pid, uint64_t start, uint64_t len,
			 uint64_t pgoff, const char *path);

/* One sample of process pid that stands for period (in the event's unit):
 * ips[0] is the interrupted address, then the return addresses outwards,
 * in the kernel's call-chain form (PERF_CONTEXT_* markers and the frames
 * of kernel context are skipped). n may be 1 (no call chain). */
void record_samples_add(struct record_samples *rs, uint32_t pid, const uint64_t *ips, uint32_t n,
			uint64_t period);

/* What the profile says about how it was made. Strings are copied. */
struct record_meta {
	const char *program;	   /* or NULL */
	const char *binary;	   /* path of the executable, or NULL */
	const char *tool;	   /* "vitte-pgo record VERSION" */
	uint64_t sample_period_ns; /* nominal time one sample stands for */
	double ns_per_unit;	   /* nanoseconds per unit of period (1 for clocks) */
	bool contexts;		   /* the samples have call chains: build contexts */
	uint64_t wall_ns, cpu_ns;  /* the command's run (meta.wall_ns, cpu_ns); 0: unknown */
};

/* Counts of what record_samples_profile() did. */
struct record_build_stats {
	uint64_t samples;   /* samples added */
	uint64_t truncated; /* chains cut at an address outside any code, or of one frame */
	/* The module (base name, "" when none) whose code the most truncated
	 * chains end in, the last frame the walk could trust, and how many. */
	char cut_module[64];
	uint64_t cut_samples;
	unsigned spaces;     /* address spaces that had samples */
	unsigned unreadable; /* mapped files that could not be read (no symbols) */
};

/* Symbolize every sample and build the profile, finalized: per function
 * self time (sum of the periods of the samples taken in it), inclusive
 * time (of the samples whose chain holds it, once per sample), the sample
 * count of each source line, calls = 0; caller -> callee edges with the
 * number of samples holding the pair and the inclusive time of the
 * callee's outermost activation. With meta->contexts, the calling-context
 * tree too: each chain entered from its outermost frame by the rule of
 * src/model/context.h, its period the self time of the context it ends
 * in; calls unknown. meta.mode is "sampled". Never NULL; stats may be
 * NULL. */
struct profile *record_samples_profile(struct record_samples *rs, const struct record_meta *meta,
				       struct record_build_stats *stats);

/* ---- running a command (record.c) ---- */

struct record_options {
	char *const *argv;  /* the command; argv[0] is looked up in PATH */
	const char *event;  /* one of record_event_name(i); NULL for cpu-clock */
	unsigned freq;	    /* samples per second of CPU time, per thread */
	bool callchain;	    /* -g: record call chains (frame pointers) */
	const char *tool;   /* for meta.tool */
	const char *output; /* for the summary line only */
	/* Notes for the user (an event that falls back, lost samples);
	 * may be NULL. */
	void (*note)(void *arg, const char *text);
	void *arg;
};

struct record_result {
	struct profile *profile; /* the recording, NULL when there is none */
	int exit_code;		 /* the command's status (128 + N for signal N),
				    127 not found, 126 not runnable, -1 never started */
	const char *event;	 /* the event that was sampled (after a fallback) */
	uint64_t samples, lost, throttled;
	unsigned ncpus;			 /* ring buffers read */
	struct record_build_stats build; /* of the profile */
};

/* The name of the i-th event that -e takes, NULL past the end. */
const char *record_event_name(unsigned i);

/* Run the command and sample it. On success res->profile is set (the
 * caller frees it) and res->exit_code is the command's. Errors say what
 * to do: perf_event_paranoid and container limits by name, a command not
 * found (exit_code 127). STATUS_USAGE for options the kernel refuses. */
enum status record_run(const struct record_options *opt, struct record_result *res,
		       struct error *err);

#endif
