/* symbolize.h - code addresses to function names, files, lines and sizes.
 *
 * With libdw (elfutils): DWARF first, the ELF symbol table when there is
 * no debug information, separate debug files found by build-id. Modules
 * are reported first — explicitly (path and load bias, for a process that
 * is not this one), all of the calling process's (dl_iterate_phdr), or
 * another process's (/proc/PID/maps) — then addresses are resolved. Used by
 * the runtime at exit and meant for a sampling collector too.
 *
 * Not thread-safe: one symbolizer per thread.
 */
#ifndef VITTE_SYMBOLIZE_H
#define VITTE_SYMBOLIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "src/base/error.h"

struct symbolizer;

/* What is known of the function holding an address. Strings are owned by
 * the symbolizer and live until symbolize_free(). */
struct sym_info {
	const char *name;   /* demangled when possible; NULL when unknown */
	const char *file;   /* source file of its definition, NULL when unknown */
	const char *unit;   /* its compilation unit (DW_AT_name of the unit), or NULL */
	const char *module; /* path of the module holding the address */
	uint64_t start;	    /* run-time address of the function, 0 when unknown */
	uint64_t offset;    /* address - load address of the module (for "module+0x...") */
	uint32_t line;	    /* line of its definition, 0 when unknown */
	uint32_t size;	    /* code size in bytes, 0 when unknown */
	bool local;	    /* a file-local (static) function */
};

/* A new symbolizer with no module; never NULL. Separate debug files are
 * looked for in the directories of VITTE_PGO_DEBUGINFO_PATH when it is set
 * and not empty (colon-separated, as elfutils' --debuginfo-path; a file's
 * build-id path DIR/.build-id/xx/rest.debug first), else in elfutils'
 * default ":.debug:/usr/lib/debug". */
struct symbolizer *symbolize_new(void);
void symbolize_free(struct symbolizer *s);

/* Report the ELF file at path, loaded with bias (run-time address minus
 * the address in the file; 0 for a non-PIE executable). When build_id
 * (hex) is given, a file whose build-id differs is refused with
 * STATUS_INVALID: its symbols would be wrong. */
enum status symbolize_add_module(struct symbolizer *s, const char *path, uint64_t bias,
				 const char *build_id, struct error *err);

/* Report every module of the calling process (the executable first). */
enum status symbolize_add_self(struct symbolizer *s, struct error *err);

/* Report every module mapped by process pid (read from /proc). */
enum status symbolize_add_pid(struct symbolizer *s, int pid, struct error *err);

/* Resolve addr into *out; false when no reported module holds it. */
bool symbolize_addr(struct symbolizer *s, uint64_t addr, struct sym_info *out);

/* Path and GNU build-id (hex, "" when the file has none) of the i-th
 * module reported; false past the end. Strings owned by s. */
bool symbolize_module_at(struct symbolizer *s, unsigned i, const char **path,
			 const char **build_id);

/* What qualifies the name of a copy of a static function: the base name
 * of its compilation unit, else of its file, else of its module ("" when
 * none is known). Borrowed from si. */
const char *symbolize_qualifier(const struct sym_info *si);

/* The code checksum of the function at addr, of size bytes, as 16 hex
 * digits in out: FNV-1a 64 of its bytes read from the module's ELF file,
 * with the 4-byte displacement of each direct call or jump (e8, e9,
 * 0f 80-8f) and of each RIP-relative operand (ModRM mod 00, r/m 101) zeroed
 * when it points into the module but outside the function, and, in a
 * non-PIE executable, each 4 bytes whose value is such an address: so
 * that it changes with the function's code, not with where the functions
 * and data it refers to were placed. x86-64 only; false (and out "") when
 * the module is not x86-64 or its bytes cannot be read. See
 * docs/vitprof-format.md. */
bool symbolize_checksum(struct symbolizer *s, uint64_t addr, uint32_t size, char out[17]);

/* The start addresses of the functions of the i-th module reported (its
 * ELF symbols of type FUNC with a size, defined there), sorted and
 * unique, in *out (the caller frees). Returns how many; 0 past the end. */
size_t symbolize_module_functions(struct symbolizer *s, unsigned i, uint64_t **out);

/* The demangled form of a C++ (Itanium ABI) name as a new string, or NULL
 * when name is not mangled or no demangler is in the process (the one of
 * the C++ runtime is used when present; libvitte links none). */
char *symbolize_demangle(const char *name);

/* The address the ELF file at path gives its byte at file offset off, in
 * its own (link-time) addresses: from the loadable segment holding off.
 * With it, an address addr of a mapping of the file (start, pgoff), as in
 * /proc/PID/maps or a perf mmap record, is *out + (addr - start) in a
 * module reported with bias 0, whatever the process's load address. */
enum status symbolize_file_address(const char *path, uint64_t off, uint64_t *out,
				   struct error *err);

/* The source line of addr in the function that holds it — for code
 * inlined there, the line of the outermost inlined call, so that the line
 * is in the function's own source — or 0 when unknown; and, when disc is
 * not NULL, in *disc the base discriminator of that line's code there
 * (what clang's sample profile loader matches "LINE.DISC" counts with; 0
 * without -fdebug-info-for-profiling, in code clang did not compile, or
 * when unknown). */
uint32_t symbolize_addr_line(struct symbolizer *s, uint64_t addr, uint32_t *disc);

/* The source function of code inlined at addr: the innermost inlined
 * call's function (its name, file and declaration line, strings owned by
 * s's debug data) and addr's own line in it. False when addr is not
 * inlined code or its debug info does not say. */
struct sym_source {
	const char *name, *file;
	uint32_t decl_line, line;
	uint32_t disc;	   /* base discriminator of addr's code (see symbolize_addr_line) */
	uint64_t instance; /* tells copies inlined in different places apart */
};
bool symbolize_addr_source(struct symbolizer *s, uint64_t addr, struct sym_source *out);

/* A row of a line table: where its code starts, its line and its base
 * discriminator (see symbolize_addr_line). */
struct sym_row {
	uint64_t addr;
	uint32_t line, disc;
};

/* The rows of the line table that hold code of [lo, hi) (run-time
 * addresses within one compilation unit, as a basic block's), in address
 * order, in *out (the caller frees): each row's start (lo for the row
 * that holds lo) and line. Rows of no line (0) and rows of no code (the
 * next row starts at the same address) are left out. Returns how many;
 * 0 when the unit has no line table. */
size_t symbolize_rows(struct symbolizer *s, uint64_t lo, uint64_t hi, struct sym_row **out);

#endif
