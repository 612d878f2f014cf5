/* vitprof_bin.h - the layout of vitprof-bin, the binary encoding of the
 * model (docs/vitprof-format.md, "The binary encoding"), shared by its
 * writer (src/writers/vitprof_bin_write.c) and its reader
 * (loaders/vitprof_bin_read.c).
 *
 * Little-endian throughout: a header of VPB_HEADER_SIZE bytes, then the
 * sections in the order of enum vpb_section, each starting on an 8-byte
 * boundary (zero padding): the string table (NUL-terminated UTF-8
 * strings, their index their order), then fixed-size records that name
 * strings by index and functions and contexts by position. Flags, modes,
 * clocks and owner kinds are the model's values (checked below), so a
 * record is the model's struct laid out flat.
 */
#ifndef VITTE_MODEL_VITPROF_BIN_H
#define VITTE_MODEL_VITPROF_BIN_H

#include <stdint.h>
#include <string.h>

#include "src/model/profile.h"

#define VPB_VERSION    1
#define VPB_MAGIC_SIZE 16
/* \x89 (not text, not ASCII), the name, then \r\n \x1a \n, which a
 * transfer that rewrites line ends or stops at ^Z would change (PNG's
 * trick). */
#define VPB_MAGIC "\x89vitprof-bin\r\n\x1a\n"

#define VPB_NONE UINT32_MAX /* no string, no parent: PF_NONE */

/* Header flags. */
enum {
	VPB_META_PRESENT = 1 << 0,   /* meta.present */
	VPB_LEGACY_BRANCHES = 1 << 1 /* has_legacy_branches */
};

/* Byte offsets of the header's fields. */
enum vpb_header {
	VPB_H_VERSION = 16,    /* u32 */
	VPB_H_FLAGS = 20,      /* u32 */
	VPB_H_COUNTS = 24,     /* u32 per section, in enum vpb_section order */
	VPB_H_PROGRAM = 60,    /* u32 string */
	VPB_H_MODE = 64,       /* u32 enum pf_mode */
	VPB_H_CLOCK = 68,      /* u32 enum pf_clock */
	VPB_H_CREATED = 72,    /* u32 string */
	VPB_H_TOOL = 76,       /* u32 string */
	VPB_H_BINARY = 80,     /* u32 string */
	VPB_H_BUILD_ID = 84,   /* u32 string */
	VPB_H_STR_BYTES = 88,  /* u64: bytes of the strings, before padding */
	VPB_H_RUNS = 96,       /* u64 */
	VPB_H_PERIOD = 104,    /* u64 sample_period_ns */
	VPB_H_THREADS = 112,   /* u64 */
	VPB_H_WALL = 120,      /* u64 wall_ns */
	VPB_H_CPU = 128,       /* u64 cpu_ns */
	VPB_H_TAKEN = 136,     /* IEEE 754 binary64: legacy taken % */
	VPB_H_NOT_TAKEN = 144, /* binary64: legacy not taken % */
	VPB_HEADER_SIZE = 152
};

/* The sections, in file order; a count of each is in the header. */
enum vpb_section {
	VPB_STRINGS,
	VPB_FUNCTIONS,
	VPB_LINES,
	VPB_EDGES,
	VPB_BRANCHES,
	VPB_LOOPS,
	VPB_CONTEXTS,
	VPB_EXTRAS,
	VPB_HOT,
	VPB_SECTIONS
};

/* Bytes per record of each section (strings: variable, 0 here). */
static const unsigned vpb_record_size[VPB_SECTIONS] = {0, 48, 16, 32, 40, 40, 32, 16, 4};

/* Field offsets in the records. */
enum {
	/* function: 48 bytes */
	VPB_F_NAME = 0,
	VPB_F_FILE = 4,
	VPB_F_CHECKSUM = 8,
	VPB_F_LINE = 12,
	VPB_F_SIZE = 16,
	VPB_F_FLAGS = 20,
	VPB_F_CALLS = 24,
	VPB_F_TIME = 32,
	VPB_F_SELF = 40,
	/* line count: 16 */
	VPB_L_FUNCTION = 0,
	VPB_L_LINE = 4,
	VPB_L_COUNT = 8,
	/* edge: 32 (12: zero) */
	VPB_E_CALLER = 0,
	VPB_E_CALLEE = 4,
	VPB_E_FLAGS = 8,
	VPB_E_COUNT = 16,
	VPB_E_TIME = 24,
	/* branch site: 40 (20: zero) */
	VPB_B_FUNCTION = 0,
	VPB_B_LINE = 4,
	VPB_B_COLUMN = 8,
	VPB_B_ID = 12,
	VPB_B_FLAGS = 16,
	VPB_B_TAKEN = 24,
	VPB_B_NOT_TAKEN = 32,
	/* loop site: 40 */
	VPB_P_FUNCTION = 0,
	VPB_P_NAME = 4,
	VPB_P_LINE = 8,
	VPB_P_FLAGS = 12,
	VPB_P_ENTRIES = 16,
	VPB_P_ITERATIONS = 24,
	VPB_P_TIME = 32,
	/* context: 32 (12: zero) */
	VPB_C_PARENT = 0,
	VPB_C_FUNCTION = 4,
	VPB_C_FLAGS = 8,
	VPB_C_CALLS = 16,
	VPB_C_SELF = 24,
	/* extra key: 16 */
	VPB_X_KIND = 0,
	VPB_X_OWNER = 4,
	VPB_X_KEY = 8,
	VPB_X_JSON = 12
};

/* The file format fixes these values; the model must keep them. */
_Static_assert(PF_HAS_SELF == 1 && PF_HAS_LINE == 2 && PF_HAS_SIZE == 4 && PF_IMPLICIT == 8 &&
		   PF_HAS_TIME == 16 && PF_HAS_COLUMN == 32 && PF_HAS_LINES_OBJ == 64 &&
		   PF_HAS_CALLS == 128,
	       "vitprof-bin flag values");
_Static_assert(PF_MODE_IMPORTED == 4 && PF_CLOCK_MIXED == 4 && PF_OWN_CONTEXT == 8,
	       "vitprof-bin enumerations");

static inline uint32_t vpb_get32(const unsigned char *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static inline uint64_t vpb_get64(const unsigned char *b)
{
	return (uint64_t)vpb_get32(b) | (uint64_t)vpb_get32(b + 4) << 32;
}

static inline void vpb_put32(unsigned char *b, uint32_t v)
{
	b[0] = (unsigned char)v;
	b[1] = (unsigned char)(v >> 8);
	b[2] = (unsigned char)(v >> 16);
	b[3] = (unsigned char)(v >> 24);
}

static inline void vpb_put64(unsigned char *b, uint64_t v)
{
	vpb_put32(b, (uint32_t)v);
	vpb_put32(b + 4, (uint32_t)(v >> 32));
}

static inline uint64_t vpb_align8(uint64_t n)
{
	return (n + 7) & ~(uint64_t)7;
}

#endif
