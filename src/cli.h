/* cli.h - what the vitte-pgo subcommands share. */
#ifndef VITTE_CLI_H
#define VITTE_CLI_H

#include <stdbool.h>

#include "error.h"

struct profile;

/* Exit codes of every command. */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2, EXIT_GATE = 3 };

struct cli_command {
	const char *name;
	const char *summary;
	int (*run)(int argc, char **argv); /* argv[0] is the command's name */
};

extern const struct cli_command cmd_check, cmd_show, cmd_export;

extern bool cli_quiet; /* --quiet: no warnings */

/* Load a profile, printing warnings and the located error on stderr.
 * Returns NULL on error. format may be NULL (sniffed). */
struct profile *cli_load(const char *path, const char *format);

/* "vitte-pgo CMD: MESSAGE" on stderr, then "Try ... --help"; returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* Print an error's text on stderr. */
void cli_print_error(const struct error *err);

/* Parse a non-negative integer option value; false when it is not one. */
bool cli_parse_uint(const char *s, unsigned long *out);

#endif
