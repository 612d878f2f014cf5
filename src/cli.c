/* cli.c - loading, messages and option values shared by the subcommands. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"
#include "profile.h"
#include "strbuf.h"
#include "text.h"

bool cli_quiet;

static void cli_warn(void *arg, const char *text)
{
	(void)arg;
	if (!cli_quiet)
		fprintf(stderr, "%s\n", text);
}

void cli_print_error(const struct error *err)
{
	fprintf(stderr, "%s\n", err->text);
}

struct profile *cli_load(const char *path, const char *format)
{
	struct load_ctx ctx = {cli_warn, NULL, 0};
	struct profile *p;
	struct error err;

	if (load_profile(path, format, &ctx, &p, &err) != STATUS_OK) {
		cli_print_error(&err);
		return NULL;
	}
	if (p->saturated && !cli_quiet) {
		char name[200];

		text_escape(name, sizeof(name), path, strlen(path));
		fprintf(stderr, "%s: warning: %llu sums were clamped at 2^64-1\n", name,
			(unsigned long long)p->saturated);
	}
	return p;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	struct strbuf raw = STRBUF_INIT, safe = STRBUF_INIT;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n > 0) {
		char *buf = xmalloc((size_t)n + 1);

		va_start(ap, fmt);
		vsnprintf(buf, (size_t)n + 1, fmt, ap);
		va_end(ap);
		sb_add(&raw, buf, (size_t)n);
		free(buf);
	}
	text_escape_sb(&safe, sb_str(&raw), raw.len);
	fprintf(stderr, "vitte-pgo%s%s: %s\nTry 'vitte-pgo %s%s--help' for more information.\n",
		cmd ? " " : "", cmd ? cmd : "", sb_str(&safe), cmd ? cmd : "", cmd ? " " : "");
	sb_free(&raw);
	sb_free(&safe);
	return EXIT_USAGE;
}

bool cli_parse_uint(const char *s, unsigned long *out)
{
	char *end;

	if (!s || *s < '0' || *s > '9')
		return false;
	errno = 0;
	*out = strtoul(s, &end, 10);
	return !errno && !*end;
}
