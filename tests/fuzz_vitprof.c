/* fuzz_vitprof.c - libFuzzer target: the .vitprof loader and writer must
 * never crash, and whatever loads must rewrite to a stable canonical text;
 * the importers must never crash, and what they load must read back. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "loaders/loader.h"
#include "src/base/alloc.h"
#include "src/base/error.h"
#include "src/base/strbuf.h"
#include "src/model/profile.h"
#include "src/writers/exporter.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every importer on buf: no crash, and its profile written reads back. */
static void fuzz_importers(const char *buf, size_t size)
{
	const struct loader *l;
	struct profile *p, *q;
	struct strbuf sb = STRBUF_INIT;
	struct error err;
	size_t i;

	for (i = 0; (l = loader_at(i)); i++) {
		if (!strcmp(l->name, "vitprof"))
			continue;
		l->sniff(buf, size);
		if (loader_load_buffer("fuzz", buf, size, l->name, NULL, &p, &err) != STATUS_OK)
			continue;
		sb_reset(&sb);
		exporter_vitprof.write(p, &sb, &err);
		if (loader_load_buffer("fuzz2", sb.buf, sb.len, "vitprof", NULL, &q, &err) !=
		    STATUS_OK)
			abort(); /* what we write, we must read */
		profile_free(q);
		profile_free(p);
	}
	sb_free(&sb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = xmalloc(size + 1);
	struct profile *p, *q;
	struct strbuf once = STRBUF_INIT, twice = STRBUF_INIT;
	struct error err;

	memcpy(buf, data, size);
	buf[size] = '\0';
	if (loader_load_buffer("fuzz", buf, size, "vitprof", NULL, &p, &err) == STATUS_OK) {
		exporter_vitprof.write(p, &once, &err);
		if (loader_load_buffer("fuzz2", once.buf, once.len, "vitprof", NULL, &q, &err) !=
		    STATUS_OK)
			abort(); /* what we write, we must read */
		exporter_vitprof.write(q, &twice, &err);
		if (once.len != twice.len || memcmp(once.buf, twice.buf, once.len) != 0)
			abort(); /* canonical form must be stable */
		profile_free(q);
		profile_free(p);
	}
	fuzz_importers(buf, size);
	sb_free(&once);
	sb_free(&twice);
	free(buf);
	return 0;
}
