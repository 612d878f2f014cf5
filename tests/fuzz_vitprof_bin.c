/* fuzz_vitprof_bin.c - libFuzzer target: the vitprof-bin loader must never
 * crash, and whatever it loads must write back to files that load: in the
 * binary encoding to the same bytes again (the writer is canonical), in
 * JSON to a text the JSON loader reads back, the same text as that of the
 * profile the binary writes back. */
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

/* p written by ex, loaded back with format: never fails. */
static struct profile *round_trip(const struct exporter *ex, const char *format,
				  const struct profile *p, struct strbuf *out)
{
	struct profile *q;
	struct error err;

	sb_reset(out);
	ex->write(p, out, &err);
	if (loader_load_buffer("fuzz2", sb_str(out), out->len, format, NULL, &q, &err) != STATUS_OK)
		abort(); /* what we write, we must read */
	return q;
}

static void same(const struct strbuf *a, const struct strbuf *b)
{
	if (a->len != b->len || memcmp(sb_str(a), sb_str(b), a->len) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = xmalloc(size + 1);
	struct strbuf bin1 = STRBUF_INIT, bin2 = STRBUF_INIT, json1 = STRBUF_INIT,
		      json2 = STRBUF_INIT;
	struct profile *p, *q;
	struct error err;

	memcpy(buf, data, size);
	buf[size] = '\0';
	if (loader_load_buffer("fuzz", buf, size, "vitprof-bin", NULL, &p, &err) == STATUS_OK) {
		q = round_trip(&exporter_vitprof_bin, "vitprof-bin", p, &bin1);
		profile_free(round_trip(&exporter_vitprof_bin, "vitprof-bin", q, &bin2));
		same(&bin1, &bin2); /* canonical: one profile, one encoding */
		/* its JSON reads back (an unknown key's value, kept as the binary
		 * gives it, may then be minified otherwise: "2.0" becomes "2") */
		profile_free(round_trip(&exporter_vitprof, "vitprof", p, &json1));
		profile_free(round_trip(&exporter_vitprof, "vitprof", q, &json2));
		same(&json1, &json2); /* the binary lost nothing the JSON carries */
		profile_free(q);
		profile_free(p);
	}
	sb_free(&bin1);
	sb_free(&bin2);
	sb_free(&json1);
	sb_free(&json2);
	free(buf);
	return 0;
}
