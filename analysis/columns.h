/* columns.h - tables without a terminal: columns (title, width, alignment,
 * which hide first), their layout in a width, and cells (text and a role),
 * so that the browser and `vitte-pgo report` print the same cells. The
 * hotspot columns live here for both.
 */
#ifndef VITTE_ANALYSIS_COLUMNS_H
#define VITTE_ANALYSIS_COLUMNS_H

#include <stdbool.h>
#include <stdint.h>

#include "src/base/compiler.h"
#include "src/base/text.h"

struct profile;
struct hotspot;
struct branch_stat;
struct loop_stat;

/* What a piece of text is; ui/draw.c gives each role its colours. */
enum role {
	ROLE_NORMAL, /* in a table cell: the row's own role */
	ROLE_TITLE,
	ROLE_STATUS,
	ROLE_HEADER,
	ROLE_SELECTED,
	ROLE_HOT,
	ROLE_WARM,
	ROLE_COLD,
	ROLE_GREW,
	ROLE_SHRANK,
	ROLE_DIM,
	ROLE_MARKED,
	ROLE_ERROR,
	ROLE_BAR,
	ROLE_COUNT
};

/* A table column: title, width, alignment; flexible columns (width 0)
 * share what the fixed ones leave; priority 0 never hides, higher numbers
 * hide first on narrow terminals. */
struct column {
	const char *title;
	int width;
	bool right;
	int priority;
};

/* Column lists are X-macros, _(ID, title, width, right, priority), that
 * give both the enum of a table's columns and its struct column array. */
#define COLUMN_ENUM(id, title, width, right, priority) id,
#define COLUMN_ROW(id, title, width, right, priority)  [id] = {title, width, right, priority},

/* Lay out n columns in cols screen columns: x and w of each (w 0 = hidden). */
void columns_layout(const struct column *c, int n, int cols, int *x, int *w);
/* The same, knowing the widths the columns' contents want (want[i], 0
 * when unknown): a flexible column keeps up to 20 of them before others
 * hide, and the room left goes to the flexible columns up to their want,
 * then to fixed columns that want more than their width (a path), then
 * all the rest to the flexible ones (the name). */
void columns_layout_fit(const struct column *c, int n, int cols, const int *want, int *x, int *w);

/* One cell: text (borrowed, or buf) or a bar, and its role. */
struct cell {
	const char *text;
	enum role role;	   /* ROLE_NORMAL: the row's */
	double bar;	   /* >= 0: a bar filled to this share (0..1) instead of text */
	int bar_width;	   /* the bar's width at most; 0: the column's */
	enum text_cut cut; /* where text too wide is cut: names in the middle, paths on the left */
	char buf[256];
};

/* An empty cell: "", ROLE_NORMAL, no bar, cut on the right. */
void columns_cell_clear(struct cell *c);
/* Set c's text to a formatted string in its own buffer (cut to fit). */
void columns_cell_printf(struct cell *c, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* ---- the hotspot columns (browser and report) ---- */

/* clang-format off */
#define HOT_COLUMNS(_) \
	_(HC_MARK, "", 1, false, 0) _(HC_SELF_PCT, "Self%", 7, true, 0) \
	_(HC_SELF, "Self", 9, true, 2) _(HC_TOTAL_PCT, "Total%", 7, true, 4) \
	_(HC_TOTAL, "Total", 9, true, 3) _(HC_CALLS, "Calls", 11, true, 5) \
	_(HC_AVG, "Avg/call", 9, true, 6) _(HC_CLASS, "Class", 5, false, 1) \
	_(HC_NAME, "Function", 0, false, 0) _(HC_LOCATION, "Location", 20, false, 7)
/* clang-format on */
enum hot_col { HOT_COLUMNS(COLUMN_ENUM) HC_COUNT };

/* The browser's widths; the report keeps their titles and alignments. */
extern const struct column hot_columns[HC_COUNT];

/* Cell col of hotspot h of p; HC_MARK is left empty (the browser's marks
 * are not the profile's). The class's role says hot, warm or cold. Calls
 * and avg/call are "-" where calls are unknown (profile_counts_calls). */
void columns_hotspot_cell(const struct profile *p, const struct hotspot *h, enum hot_col col,
			  struct cell *out);

/* ---- branch sites and loop sites (the Branches and Loops views; the
 * Function view shows some of them) ---- */

/* At 100 columns only the id hides; at 60 the function, line, taken%,
 * hint and executions stay; at 40 the function, line and taken%. */
/* clang-format off */
#define BRANCH_COLUMNS(_) \
	_(BC_EXEC, "Executions", 11, true, 4) _(BC_TAKEN_PCT, "Taken%", 7, true, 0) \
	_(BC_TAKEN, "Taken", 11, true, 7) _(BC_NOT_TAKEN, "Not taken", 11, true, 8) \
	_(BC_BIAS, "Bias", 6, true, 5) _(BC_BAR, "", 10, false, 6) \
	_(BC_HINT, "Hint", 13, false, 1) _(BC_FUNC, "Function", 0, false, 0) \
	_(BC_LINE, "Line", 8, false, 0) _(BC_ID, "Id", 10, false, 9)
/* clang-format on */
enum branch_col { BRANCH_COLUMNS(COLUMN_ENUM) BC_COUNT };
extern const struct column branch_columns[BC_COUNT];

/* Cell col of branch site st of p: "-" for the share and bias of a site
 * never executed, the bias as a bar (empty at 0.5, full at 1), the hint's
 * role (unpredictable hot, biased warm). */
void columns_branch_cell(const struct profile *p, const struct branch_stat *st, enum branch_col col,
			 struct cell *out);

/* Everything fits in 100 columns; at 60 the time share, average trip,
 * hint, function, loop name and line stay; at 40 the loop name goes. */
/* clang-format off */
#define LOOP_COLUMNS(_) \
	_(LPC_TIME_PCT, "Time%", 7, true, 0) _(LPC_TIME, "Time", 9, true, 4) \
	_(LPC_ENTRIES, "Entries", 11, true, 6) _(LPC_ITERS, "Iterations", 11, true, 5) \
	_(LPC_AVG, "Avg trip", 9, true, 2) _(LPC_HINT, "Hint", 9, false, 1) \
	_(LPC_FUNC, "Function", 0, false, 0) _(LPC_NAME, "Loop", 10, false, 3) \
	_(LPC_LINE, "Line", 6, false, 0)
/* clang-format on */
enum loop_col { LOOP_COLUMNS(COLUMN_ENUM) LPC_COUNT };
extern const struct column loop_columns[LPC_COUNT];

/* Cell col of loop site st of p: "-" for the time of a site without one,
 * the hint's role (vectorize hot, unroll warm). */
void columns_loop_cell(const struct profile *p, const struct loop_stat *st, enum loop_col col,
		       struct cell *out);

#endif
