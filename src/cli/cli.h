/* cli.h - what the vitte-pgo subcommands share. */
#ifndef VITTE_CLI_H
#define VITTE_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "src/base/error.h"
#include "src/base/vector.h"

struct profile;

/* Exit codes of every command. */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2, EXIT_GATE = 3 };

struct cli_command {
	const char *name;
	const char *summary;
	int (*run)(int argc, char **argv); /* argv[0] is the command's name */
};

extern const struct cli_command cmd_check, cmd_show, cmd_export, cmd_report, cmd_merge, cmd_diff,
    cmd_cc, cmd_record, cmd_import, cmd_update;

extern bool cli_quiet;		/* --quiet: no warnings */
extern const char *cli_program; /* in messages: "vitte-pgo" */

/* Load a profile, printing warnings and the located error on stderr.
 * Returns NULL on error. format may be NULL (sniffed). */
struct profile *cli_load(const char *path, const char *format);

/* Several inputs loaded two at a time on two threads, a few ahead of the
 * one in use, and handed out in input order, each with its warnings and
 * error printed as cli_load() does when it is handed out; a lone big
 * .vitprof takes the second thread for its "calls" instead. paths (n of
 * them, format as for cli_load) stay borrowed until cli_loads_end(). With
 * recycle, the caller gives each profile back (cli_loads_recycle) before
 * it takes the next: one input loads ahead of it, not two, which keeps
 * both threads as busy with one profile less in memory (a merge of 32
 * inputs: 2,000 fewer page faults, 8 MB less). */
struct cli_loads;
struct cli_loads *cli_loads_start(const char *const *paths, size_t n, const char *format,
				  bool recycle);
/* The next input's profile (the caller's), NULL when it did not load. */
struct profile *cli_loads_next(struct cli_loads *l);
/* Give back p, an input done with, for a later input to be loaded into:
 * its memory is in place already (no page to fault in, no array to grow).
 * Freed when no input is left to load. */
void cli_loads_recycle(struct cli_loads *l, struct profile *p);
/* Stop, and free what was loaded and not handed out. */
void cli_loads_end(struct cli_loads *l);

/* "PROGRAM [CMD]: MESSAGE" on stderr, then "Try ... --help"; returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* "vitte-pgo: warning: TEXT" on stderr unless --quiet; a warning callback
 * of the analyses (merge, diff), arg unused. */
void cli_warn_line(void *arg, const char *text);

/* Print an error's text on stderr. */
void cli_print_error(const struct error *err);

/* A progress line on stderr (a terminal), escaped and printf-like:
 * replaces the last one; NULL erases it. The messages above erase it
 * before they print, so none is glued to it. */
void cli_progress(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* End of a command: flush and close stdout. When a write to it failed,
 * print "PROGRAM: cannot write to standard output: WHY" and return
 * EXIT_FAIL (or rc when it already says failure); rc otherwise. */
int cli_finish_stdout(int rc);

struct option;
struct cli_inputs;

/* What cli_next_option() returns besides an option character. */
enum { CLI_OPT_DONE = -1, CLI_OPT_EXIT = -2 };

/* One command's option parsing: getopt_long over its argv, with what every
 * command shares handled in one place. */
struct cli_opts {
	const char *cmd;	       /* in messages ("report"); NULL for vitte-pgo-tui */
	const char *help;	       /* printed by -h; NULL: -h goes to the command */
	const char *shortopts;	       /* getopt's, beginning with ':' (or "+:") */
	const struct option *longopts; /* getopt_long's */
	struct cli_inputs *inputs;     /* -w W,FILE adds here; NULL: no -w */
	unsigned long *top;	       /* -n N (--top) goes here; NULL: no -n */
	int rc;			       /* the exit code, after CLI_OPT_EXIT */
	bool top_given, started;
};

/* The next option for the command to handle, CLI_OPT_DONE after the last
 * one (optind then indexes the first operand), or CLI_OPT_EXIT with o->rc
 * set: EXIT_OK after -h printed the help, EXIT_USAGE after a usage error
 * was printed (an unknown option, a missing value, a bad -w or -n). -q
 * sets cli_quiet. The first call starts over at argv[1]. */
int cli_next_option(struct cli_opts *o, int argc, char **argv);

/* Parse a non-negative integer option value; false when it is not one. */
bool cli_parse_uint(const char *s, unsigned long *out);
/* Parse a real number option value in [min, max], written in decimal
 * (2.5, 1e3; not 0x10, inf or nan); false when it is not one. */
bool cli_parse_real(const char *s, double min, double max, double *out);

/* Input profiles with their merge weights. */
struct cli_input {
	const char *path; /* borrowed from argv, or owned by the list when read with -f */
	double weight;
};
struct cli_inputs {
	struct cli_input *v; /* a VEC (src/base/vector.h) */
	uint32_t n, cap;
	VEC(char *) owned; /* paths read from list files */
};

void cli_inputs_add(struct cli_inputs *in, const char *path, double weight);
/* Add "W,FILE" (the -w form of llvm-profdata); false when W is not a
 * positive number or FILE is missing. */
bool cli_inputs_add_weighted(struct cli_inputs *in, const char *arg);
/* Add every "[W,]FILE" line of the file list ('#' starts a comment);
 * prints a located error and returns false on a bad line. */
bool cli_inputs_add_list(struct cli_inputs *in, const char *list);
void cli_inputs_free(struct cli_inputs *in);

/* Load every input and merge them with their weights (one input of weight
 * 1 without normalize is used as it is, unless always_merge). Prints
 * warnings and errors; returns NULL on error. */
struct profile *cli_load_merged(const struct cli_inputs *in, bool normalize, const char *format,
				bool always_merge);

struct exporter;
/* Write p with ex to path ('-' is standard output), atomically, replacing
 * an existing file only when force is set. Prints the error; returns an
 * exit code. */
int cli_write_output(const struct exporter *ex, const struct profile *p, const char *path,
		     bool force);

/* Print s on out with control characters escaped. */
void cli_print_escaped(FILE *out, const char *s);

#endif
