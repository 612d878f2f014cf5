/* tui.h - the terminal browser, as seen from its main() (no curses here). */
#ifndef VITTE_TUI_H
#define VITTE_TUI_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct profile;

/* One loaded profile, handed over to the browser (which then owns p). */
struct tui_input {
	const char *path; /* borrowed: outlives the browser */
	double weight;
	struct profile *p;
};

struct tui_options {
	struct tui_input *inputs; /* at least one; owned by the caller, profiles by the browser */
	size_t n_inputs;
	bool diff;     /* open in the diff view: inputs[0] base, inputs[1] new */
	bool no_color; /* monochrome, also when NO_COLOR is set */
	bool follow;   /* reload the inputs when they are replaced on disk */
	/* where source files are looked for (borrowed): --source-dir DIRs and
	 * --subst FROM=TO rewrites, in the order given */
	const char **source_dirs;
	size_t n_source_dirs;
	const char **substs;
	size_t n_substs;
	/* headless runs, for tests and screenshots */
	const char *keys;	 /* key script: run it instead of reading the terminal */
	const char *dump_screen; /* write the last screen as text to this file */
	int cols, lines;	 /* screen size of a headless run */
	/* --timings: print each key's CPU and wall milliseconds, its redraw
	 * included, on standard error; the first line ("open") times the load
	 * and the first screen from started_ms (CLOCK_MONOTONIC at main) */
	bool timings;
	double started_ms;
};

/* The time of clock id (CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID...) in
 * milliseconds, for --timings. */
double tui_clock_ms(clockid_t id);

/* Run the browser until the user quits (or the key script ends). Frees the
 * input profiles. Returns an exit status. */
int tui_run(const struct tui_options *opt);

#endif
