/* main.c - vitte-pgo: the batch command line of the Vitte PGO toolkit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/alloc.h"
#include "src/base/version.h"
#include "src/cli/cli.h"

static const struct cli_command *const commands[] = {
    &cmd_check,	 &cmd_show,   &cmd_report, &cmd_merge, &cmd_diff,
    &cmd_export, &cmd_import, &cmd_record, &cmd_cc,    &cmd_update,
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *out)
{
	size_t i;

	fputs("Usage: vitte-pgo [--version] [--help] COMMAND [ARGS...]\n"
	      "\n"
	      "Profile-guided optimization toolkit of the Vitte compiler.\n"
	      "\n"
	      "Commands:\n",
	      out);
	for (i = 0; i < N_COMMANDS; i++)
		fprintf(out, "  %-8s %s\n", commands[i]->name, commands[i]->summary);
	fputs("\n"
	      "Run 'vitte-pgo COMMAND --help' for a command's options.\n"
	      "Exit status: 0 success, 1 failure or invalid input, 2 usage error.\n",
	      out);
}

static int run(int argc, char **argv)
{
	const char *name;
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	name = argv[1];
	if (!strcmp(name, "--help") || !strcmp(name, "-h")) {
		usage(stdout);
		return EXIT_OK;
	}
	if (!strcmp(name, "--version") || !strcmp(name, "-V")) {
		printf("vitte-pgo %s\n", VITTE_PGO_VERSION);
		return EXIT_OK;
	}
	if (!strcmp(name, "help") && argc > 2) {
		static char help_opt[] = "--help";
		char *help_argv[] = {argv[2], help_opt, NULL};

		for (i = 0; i < N_COMMANDS; i++)
			if (!strcmp(commands[i]->name, argv[2]))
				return commands[i]->run(2, help_argv);
	}
	for (i = 0; i < N_COMMANDS; i++)
		if (!strcmp(commands[i]->name, name))
			return commands[i]->run(argc - 1, argv + 1);
	return cli_usage_error(NULL, "'%s' is not a command", name);
}

int main(int argc, char **argv)
{
	alloc_keep_freed();
	return cli_finish_stdout(run(argc, argv));
}
