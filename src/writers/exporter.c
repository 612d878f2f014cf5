/* exporter.c - an exporter's output written to a file. */
#include "src/writers/exporter.h"

#include <stdbool.h>

#include "src/base/fileio.h"
#include "src/base/strbuf.h"

enum status exporter_write_file(const struct exporter *ex, const struct profile *p,
				const char *path, bool replace, struct error *err)
{
	struct strbuf sb = STRBUF_INIT;
	enum status st = ex->write(p, &sb, err);

	if (st == STATUS_OK)
		st = file_write_atomic(path, sb_str(&sb), sb.len, replace, err);
	sb_free(&sb);
	return st;
}
