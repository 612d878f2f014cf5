/* symbolize.c - addresses to names, files, lines and sizes with libdwfl. */
#define _GNU_SOURCE /* dl_iterate_phdr, RTLD_DEFAULT */
#include "src/collect/symbolize.h"

#include "src/base/alloc.h"
#include "src/base/numeric.h"
#include "src/base/strbuf.h"
#include "src/base/vector.h"

#include <dlfcn.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <dwarf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct sym_module {
	char *path;
	Dwfl_Module *mod; /* owned by the Dwfl */
	char build_id[2 * 64 + 1];
};

/* The code ranges of a unit's subprograms, sorted by address: a lookup
 * is a binary search, not a walk of the unit. (Walking it for every
 * address was quadratic: the runtime took a minute at exit to map the
 * line counts of sqlite's amalgamation, one unit of 250,000 lines.) */
struct sym_range {
	Dwarf_Addr lo, hi; /* [lo, hi), unit-relative as dwarf_ranges() gives them */
	Dwarf_Die die;
};
struct sym_unit {
	Dwfl_Module *mod;
	Dwarf_Off off; /* the unit DIE's offset */
	VEC(struct sym_range) ranges;
};

struct symbolizer {
	Dwfl *dwfl;
	bool reporting; /* between dwfl_report_begin* and dwfl_report_end */
	VEC(struct sym_module) mods;
	VEC(char *) owned;	    /* strings made here (demangled names) */
	VEC(struct sym_unit) units; /* indexed so far */
	size_t last_unit;	    /* where the last lookup found its unit */
};

/* Where separate debug files are looked for (build-id paths first, then
 * .gnu_debuglink names): elfutils' syntax, NULL for its default
 * ":.debug:/usr/lib/debug"; set from VITTE_PGO_DEBUGINFO_PATH. */
static char *debuginfo_path;
static const Dwfl_Callbacks callbacks = {
    .find_elf = dwfl_linux_proc_find_elf,
    .find_debuginfo = dwfl_standard_find_debuginfo,
    .debuginfo_path = &debuginfo_path,
};

struct symbolizer *symbolize_new(void)
{
	struct symbolizer *s = xcalloc(1, sizeof(*s));
	char *path = getenv("VITTE_PGO_DEBUGINFO_PATH");

	debuginfo_path = path && *path ? path : NULL;
	s->dwfl = dwfl_begin(&callbacks);
	if (!s->dwfl)
		die_nomem();
	dwfl_report_begin(s->dwfl);
	s->reporting = true;
	return s;
}

void symbolize_free(struct symbolizer *s)
{
	size_t i;

	if (!s)
		return;
	dwfl_end(s->dwfl);
	for (i = 0; i < s->mods.n; i++)
		free(s->mods.v[i].path);
	for (i = 0; i < s->owned.n; i++)
		free(s->owned.v[i]);
	for (i = 0; i < s->units.n; i++)
		free(s->units.v[i].ranges.v);
	free(s->mods.v);
	free(s->owned.v);
	free(s->units.v);
	free(s);
}

static const char *own(struct symbolizer *s, char *str)
{
	VEC_APPEND(s->owned, str);
	return str;
}

static void hex_build_id(Dwfl_Module *mod, char *hex, size_t size)
{
	const unsigned char *bits;
	GElf_Addr vaddr;
	int n = dwfl_module_build_id(mod, &bits, &vaddr);
	size_t i;

	hex[0] = '\0';
	for (i = 0; n > 0 && i < (size_t)n && 2 * i + 2 < size; i++)
		snprintf(hex + 2 * i, 3, "%02x", bits[i]);
}

static void remember(struct symbolizer *s, const char *path, Dwfl_Module *mod)
{
	struct sym_module *m;

	m = VEC_NEW(s->mods);
	m->path = xstrdup(path);
	m->mod = mod;
	hex_build_id(mod, m->build_id, sizeof(m->build_id));
}

static void begin_reporting(struct symbolizer *s)
{
	if (!s->reporting) {
		dwfl_report_begin_add(s->dwfl);
		s->reporting = true;
	}
}

static void end_reporting(struct symbolizer *s)
{
	if (s->reporting) {
		dwfl_report_end(s->dwfl, NULL, NULL);
		s->reporting = false;
	}
}

enum status symbolize_add_module(struct symbolizer *s, const char *path, uint64_t bias,
				 const char *build_id, struct error *err)
{
	Dwfl_Module *mod;
	char hex[2 * 64 + 1];

	begin_reporting(s);
	/* add_p_vaddr: bias is added to the addresses of the file (a PIE or a
	 * shared object; ignored for ET_EXEC, which is not relocated) */
	mod = dwfl_report_elf(s->dwfl, path, path, -1, bias, true);
	if (!mod)
		return error_set(err, STATUS_IO, path, 0, 0, "cannot read ELF: %s",
				 dwfl_errmsg(-1));
	hex_build_id(mod, hex, sizeof(hex));
	if (build_id && *build_id && strcmp(hex, build_id) != 0) {
		/* dwfl cannot unreport one module: report none in its place */
		end_reporting(s);
		return error_set(err, STATUS_INVALID, path, 0, 0,
				 "build-id %s, expected %s: not the file that was run",
				 *hex ? hex : "(none)", build_id);
	}
	remember(s, path, mod);
	return STATUS_OK;
}

struct self_ctx {
	struct symbolizer *s;
	struct error *err;
	enum status st;
	bool first;
};

/* The path of the file mapped at addr in this process, from
 * /proc/self/maps (absolute, symlinks resolved), in buf; false if none. */
static bool mapped_path(uint64_t addr, char *buf, size_t size)
{
	FILE *f = fopen("/proc/self/maps", "re");
	char line[4096 + 128];
	uint64_t lo, hi;
	int at;
	bool found = false;

	while (f && !found && fgets(line, sizeof(line), f)) {
		at = 0;
		if (sscanf(line, "%" SCNx64 "-%" SCNx64 " %*s %*s %*s %*s %n", &lo, &hi, &at) < 2 ||
		    !at || addr < lo || addr >= hi || line[at] != '/')
			continue;
		line[strcspn(line, "\n")] = '\0';
		snprintf(buf, size, "%s", line + at);
		found = true;
	}
	if (f)
		fclose(f);
	return found;
}

/* The address of a module's first loadable segment. */
static uint64_t first_load(const struct dl_phdr_info *info)
{
	int i;

	for (i = 0; i < info->dlpi_phnum; i++)
		if (info->dlpi_phdr[i].p_type == PT_LOAD)
			return info->dlpi_addr + info->dlpi_phdr[i].p_vaddr;
	return info->dlpi_addr;
}

static int report_phdr(struct dl_phdr_info *info, size_t size, void *arg)
{
	struct self_ctx *ctx = arg;
	const char *path = info->dlpi_name;
	char exe[4096];
	ssize_t n;

	(void)size;
	if (ctx->first) {
		ctx->first = false;
		n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
		if (n <= 0)
			return 0;
		exe[n] = '\0';
		path = exe;
	} else if (path && *path && path[0] != '/' &&
		   mapped_path(first_load(info), exe, sizeof(exe))) {
		/* opened by a relative path, maybe from another directory */
		path = exe;
	}
	/* the vDSO and anything not backed by a file have no DWARF to read */
	if (!path || path[0] != '/' || access(path, R_OK) != 0)
		return 0;
	if (symbolize_add_module(ctx->s, path, info->dlpi_addr, NULL, ctx->err) != STATUS_OK)
		ctx->st = STATUS_IO; /* keep going: other modules may resolve */
	return 0;
}

enum status symbolize_add_self(struct symbolizer *s, struct error *err)
{
	struct self_ctx ctx = {s, err, STATUS_OK, true};

	dl_iterate_phdr(report_phdr, &ctx);
	return ctx.st;
}

static int remember_module(Dwfl_Module *mod, void **userdata, const char *name, Dwarf_Addr start,
			   void *arg)
{
	(void)userdata;
	(void)start;
	if (name && name[0] == '/')
		remember(arg, name, mod);
	return DWARF_CB_OK;
}

enum status symbolize_add_pid(struct symbolizer *s, int pid, struct error *err)
{
	int r;

	begin_reporting(s);
	r = dwfl_linux_proc_report(s->dwfl, pid);
	end_reporting(s);
	if (r != 0)
		return error_set(err, STATUS_IO, NULL, 0, 0,
				 "cannot read the maps of process %d: %s", pid,
				 r > 0 ? strerror(r) : dwfl_errmsg(-1));
	s->mods.n = 0; /* dwfl_getmodules lists them all again */
	dwfl_getmodules(s->dwfl, remember_module, s, 0);
	return STATUS_OK;
}

bool symbolize_module_at(struct symbolizer *s, unsigned i, const char **path, const char **build_id)
{
	if (i >= s->mods.n)
		return false;
	*path = s->mods.v[i].path;
	*build_id = s->mods.v[i].build_id;
	return true;
}

typedef char *(*demangler)(const char *name, char *buf, size_t *len, int *status);

char *symbolize_demangle(const char *name)
{
	static demangler fn;
	static bool looked;
	int status = -1;
	char *out;

	if (!name || strncmp(name, "_Z", 2) != 0)
		return NULL;
	if (!looked) {
		fn = (demangler)dlsym(RTLD_DEFAULT, "__cxa_demangle");
		looked = true;
	}
	if (!fn)
		return NULL;
	out = fn(name, NULL, NULL, &status);
	if (status != 0) {
		free(out);
		return NULL;
	}
	return out;
}

/* The unit holding addr and the module's DWARF bias. .debug_aranges may
 * cover only some units (gcc writes it, clang does not) and then names a
 * wrong one: check, else look through every unit. */
static bool unit_at(Dwfl_Module *mod, Dwarf_Addr addr, Dwarf_Die *unit, Dwarf_Addr *bias)
{
	Dwarf_Die *cu = dwfl_module_addrdie(mod, addr, bias);

	if (!cu || dwarf_haspc(cu, addr - *bias) <= 0) {
		cu = NULL;
		while ((cu = dwfl_module_nextcu(mod, cu, bias)) != NULL)
			if (dwarf_haspc(cu, addr - *bias) > 0)
				break;
	}
	if (cu)
		*unit = *cu;
	return cu != NULL;
}

static bool nests_code(int tag)
{
	return tag == DW_TAG_namespace || tag == DW_TAG_class_type ||
	       tag == DW_TAG_structure_type || tag == DW_TAG_lexical_block;
}

/* Add the ranges of the subprograms among the children of parent and,
 * through namespaces, classes and lexical blocks, theirs. */
static void index_subprograms(Dwarf_Die *parent, struct sym_unit *u)
{
	Dwarf_Addr base, lo, hi;
	Dwarf_Die child;
	ptrdiff_t off;
	int t;

	if (dwarf_child(parent, &child) != 0)
		return;
	do {
		t = dwarf_tag(&child);
		if (t == DW_TAG_subprogram) {
			for (off = 0; (off = dwarf_ranges(&child, off, &base, &lo, &hi)) > 0;)
				if (hi > lo)
					VEC_APPEND(
					    u->ranges,
					    ((struct sym_range){.lo = lo, .hi = hi, .die = child}));
		} else if (nests_code(t))
			index_subprograms(&child, u);
	} while (dwarf_siblingof(&child, &child) == 0);
}

static int cmp_range(const void *a, const void *b)
{
	const struct sym_range *x = a, *y = b;

	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* The subprogram whose code holds pc (unit-relative) in unit of mod. */
static bool subprogram_at(struct symbolizer *s, Dwfl_Module *mod, Dwarf_Die *unit, Dwarf_Addr pc,
			  Dwarf_Die *out)
{
	Dwarf_Off off = dwarf_dieoffset(unit);
	struct sym_unit *u = NULL;
	size_t i, lo, hi;

	if (s->last_unit < s->units.n && s->units.v[s->last_unit].mod == mod &&
	    s->units.v[s->last_unit].off == off)
		u = &s->units.v[s->last_unit];
	for (i = 0; !u && i < s->units.n; i++)
		if (s->units.v[i].mod == mod && s->units.v[i].off == off)
			u = &s->units.v[s->last_unit = i];
	if (!u) {
		s->last_unit = s->units.n;
		u = VEC_NEW(s->units);
		u->mod = mod;
		u->off = off;
		index_subprograms(unit, u);
		if (u->ranges.n)
			qsort(u->ranges.v, u->ranges.n, sizeof(*u->ranges.v), cmp_range);
	}
	/* the last range starting at or before pc */
	for (lo = 0, hi = u->ranges.n; lo < hi;) {
		i = lo + (hi - lo) / 2;
		if (u->ranges.v[i].lo <= pc)
			lo = i + 1;
		else
			hi = i;
	}
	if (!lo || pc >= u->ranges.v[lo - 1].hi)
		return false;
	*out = u->ranges.v[lo - 1].die;
	return true;
}

/* The subprogram DIE at addr, and its unit, from the module's DWARF. */
static bool find_subprogram(struct symbolizer *s, Dwfl_Module *mod, Dwarf_Addr addr, Dwarf_Die *out,
			    Dwarf_Die *unit)
{
	Dwarf_Addr bias;

	return unit_at(mod, addr, unit, &bias) && subprogram_at(s, mod, unit, addr - bias, out);
}

static const char *die_string(Dwarf_Die *die, unsigned name)
{
	Dwarf_Attribute attr;

	return dwarf_attr_integrate(die, name, &attr) ? dwarf_formstring(&attr) : NULL;
}

/* dwarf_decl_file(), also for DWARF 5 where file 0 is the unit's own
 * (libdw 0.188 takes 0 for "no file"). */
static const char *decl_file(Dwarf_Die *die, Dwarf_Die *unit)
{
	const char *file = dwarf_decl_file(die);
	Dwarf_Attribute attr;
	Dwarf_Files *files;
	Dwarf_Word idx;
	size_t n;

	if (file || !dwarf_attr_integrate(die, DW_AT_decl_file, &attr) ||
	    dwarf_formudata(&attr, &idx) != 0 || dwarf_getsrcfiles(unit, &files, &n) != 0 ||
	    idx >= n)
		return file;
	return dwarf_filesrc(files, idx, NULL, NULL);
}

/* file as its unit's DWARF names it, made absolute with the unit's
 * compile directory (DW_AT_comp_dir) when it is relative and the
 * directory is known (gcc names a file compiled as ../lib/f.c so), so
 * that the source is found from anywhere; as it is otherwise. */
static const char *in_dir(struct symbolizer *s, const char *dir, const char *file)
{
	struct strbuf sb = STRBUF_INIT;

	if (!file || file[0] == '/' || !dir || dir[0] != '/')
		return file;
	sb_adds(&sb, dir);
	if (sb.len && dir[sb.len - 1] != '/')
		sb_addc(&sb, '/');
	sb_adds(&sb, file);
	return own(s, sb_detach(&sb, NULL));
}

static const char *unit_file(struct symbolizer *s, Dwarf_Die *unit, const char *file)
{
	return in_dir(s, file && file[0] != '/' ? die_string(unit, DW_AT_comp_dir) : NULL, file);
}

static void from_dwarf(struct symbolizer *s, Dwfl_Module *mod, uint64_t addr, struct sym_info *out)
{
	Dwarf_Die die, unit;
	Dwarf_Addr lo, hi;
	Dwfl_Line *line;
	int lineno;

	if (find_subprogram(s, mod, addr, &die, &unit)) {
		if (!out->name) {
			out->name = die_string(&die, DW_AT_linkage_name);
			if (!out->name)
				out->name = die_string(&die, DW_AT_name);
		}
		out->file = unit_file(s, &unit, decl_file(&die, &unit));
		out->unit = dwarf_diename(&unit);
		if (dwarf_decl_line(&die, &lineno) == 0 && lineno > 0)
			out->line = (uint32_t)lineno;
		if (!out->size && dwarf_lowpc(&die, &lo) == 0 && dwarf_highpc(&die, &hi) == 0 &&
		    hi > lo && hi - lo <= UINT32_MAX)
			out->size = (uint32_t)(hi - lo);
	}
	if (!out->file && (line = dwfl_module_getsrc(mod, addr)) != NULL) {
		out->file = in_dir(s, dwfl_line_comp_dir(line),
				   dwfl_lineinfo(line, NULL, &lineno, NULL, NULL, NULL));
		if (!out->line && lineno > 0)
			out->line = (uint32_t)lineno;
	}
}

bool symbolize_addr(struct symbolizer *s, uint64_t addr, struct sym_info *out)
{
	Dwfl_Module *mod;
	Dwarf_Addr start;
	GElf_Off off;
	GElf_Sym sym;
	char *demangled;

	memset(out, 0, sizeof(*out));
	end_reporting(s);
	mod = dwfl_addrmodule(s->dwfl, addr);
	if (!mod)
		return false;
	out->module = dwfl_module_info(mod, NULL, &start, NULL, NULL, NULL, NULL, NULL);
	out->offset = addr - start;
	out->name = dwfl_module_addrinfo(mod, addr, &off, &sym, NULL, NULL, NULL);
	if (out->name) {
		out->start = addr - off;
		out->local = GELF_ST_BIND(sym.st_info) == STB_LOCAL;
		if (sym.st_size <= UINT32_MAX)
			out->size = (uint32_t)sym.st_size;
	}
	from_dwarf(s, mod, addr, out);
	if ((demangled = symbolize_demangle(out->name)) != NULL)
		out->name = own(s, demangled);
	return true;
}

/* The link-time address of file offset off in elf: from the loadable
 * segment holding it, one that starts on that page winning over one that
 * ends there. */
static bool segment_address(Elf *elf, uint64_t off, uint64_t *out)
{
	uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);
	bool found = false;
	size_t i, n;
	GElf_Phdr ph;

	if (elf_getphdrnum(elf, &n) != 0)
		return false;
	for (i = 0; i < n; i++) {
		if (!gelf_getphdr(elf, (int)i, &ph) || ph.p_type != PT_LOAD ||
		    off < (ph.p_offset & ~(page - 1)) || off >= ph.p_offset + ph.p_filesz)
			continue;
		*out = ph.p_vaddr + off - ph.p_offset;
		found = true;
		if ((ph.p_offset & ~(page - 1)) == off)
			break;
	}
	return found;
}

enum status symbolize_file_address(const char *path, uint64_t off, uint64_t *out, struct error *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	bool found = false;
	Elf *elf;

	if (fd < 0)
		return error_set(err, STATUS_IO, path, 0, 0, "cannot open: %s", strerror(errno));
	elf_version(EV_CURRENT);
	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (elf && elf_kind(elf) == ELF_K_ELF)
		found = segment_address(elf, off, out);
	elf_end(elf);
	close(fd);
	if (!found)
		return error_set(err, STATUS_INVALID, path, 0, 0,
				 "no loadable ELF segment at file offset 0x%" PRIx64, off);
	return STATUS_OK;
}

/* The outermost DIE tagged tag whose code holds pc, among the children of
 * parent and, through namespaces, classes and lexical blocks, theirs. */
static bool child_at(Dwarf_Die *parent, Dwarf_Addr pc, int tag, Dwarf_Die *out)
{
	Dwarf_Die child;
	int t;

	if (dwarf_child(parent, &child) != 0)
		return false;
	do {
		t = dwarf_tag(&child);
		if (t == tag && dwarf_haspc(&child, pc) > 0) {
			*out = child;
			return true;
		}
		if (nests_code(t) && child_at(&child, pc, tag, out))
			return true;
	} while (dwarf_siblingof(&child, &child) == 0);
	return false;
}

/* The base discriminator of a DWARF discriminator as clang writes it
 * (LLVM's DILocation::getBaseDiscriminatorFromDiscriminator, without flow-
 * sensitive discriminators): the first component of a prefix encoding,
 * which -fdebug-info-for-profiling follows with a duplication factor and a
 * copy id; an odd value has no base (0). */
#define DW_AT_GNU_DISCRIMINATOR 0x2136 /* of an inlined call; not in elfutils' dwarf.h */

static uint32_t base_discriminator(unsigned d)
{
	if (d & 1)
		return 0;
	d >>= 1;
	return d & 0x20 ? ((d >> 1) & 0xfe0) | (d & 0x1f) : d & 0x1f;
}

/* Whether a compilation unit was compiled by clang (DW_AT_producer): its
 * discriminators are LLVM's, those of an LLVM sample profile (gcc numbers
 * its own, for its own tools). */
static bool unit_by_clang(Dwarf_Die *unit)
{
	Dwarf_Attribute attr;
	const char *producer = dwarf_formstring(dwarf_attr(unit, DW_AT_producer, &attr));

	return producer && strstr(producer, "clang");
}

/* The base discriminator of a line table row of a unit clang compiled, 0
 * when it has none or another compiler wrote it. */
static uint32_t row_discriminator(bool clang, Dwarf_Line *l)
{
	unsigned d = 0;

	return clang && dwarf_linediscriminator(l, &d) == 0 ? base_discriminator(d) : 0;
}

uint32_t symbolize_addr_line(struct symbolizer *s, uint64_t addr, uint32_t *disc)
{
	Dwarf_Die unit, fn, call;
	Dwarf_Attribute attr;
	Dwarf_Word call_line, d;
	Dwarf_Addr bias;
	Dwarf_Line *dline;
	Dwfl_Module *mod;
	Dwfl_Line *line;
	int lineno = 0;

	if (disc)
		*disc = 0;
	end_reporting(s);
	mod = dwfl_addrmodule(s->dwfl, addr);
	if (!mod)
		return 0;
	if (!unit_at(mod, addr, &unit, &bias)) {
		/* no DWARF unit: the line table may still know (libdwfl) */
		line = dwfl_module_getsrc(mod, addr);
		if (line && dwfl_lineinfo(line, NULL, &lineno, NULL, NULL, NULL) && lineno > 0)
			return (uint32_t)lineno;
		return 0;
	}
	if (subprogram_at(s, mod, &unit, addr - bias, &fn) &&
	    child_at(&fn, addr - bias, DW_TAG_inlined_subroutine, &call) &&
	    dwarf_attr(&call, DW_AT_call_line, &attr) && dwarf_formudata(&attr, &call_line) == 0 &&
	    call_line > 0 && call_line <= UINT32_MAX) {
		if (disc && unit_by_clang(&unit) &&
		    dwarf_attr(&call, DW_AT_GNU_DISCRIMINATOR, &attr) &&
		    dwarf_formudata(&attr, &d) == 0 && d <= UINT32_MAX)
			*disc = base_discriminator((unsigned)d);
		return (uint32_t)call_line;
	}
	/* the unit's own line table: dwfl_module_getsrc() finds the unit
	 * through .debug_aranges, which clang does not write */
	dline = dwarf_getsrc_die(&unit, addr - bias);
	if (!dline || dwarf_lineno(dline, &lineno) != 0 || lineno <= 0)
		return 0;
	if (disc)
		*disc = row_discriminator(unit_by_clang(&unit), dline);
	return (uint32_t)lineno;
}

bool symbolize_addr_source(struct symbolizer *s, uint64_t addr, struct sym_source *out)
{
	Dwarf_Die unit, scope, call, origin;
	Dwarf_Attribute attr;
	Dwarf_Addr bias;
	Dwarf_Line *dline;
	Dwfl_Module *mod;
	int lineno = 0, decl = 0;
	bool inlined = false;

	end_reporting(s);
	mod = dwfl_addrmodule(s->dwfl, addr);
	if (!mod || !unit_at(mod, addr, &unit, &bias) ||
	    !subprogram_at(s, mod, &unit, addr - bias, &scope))
		return false;
	/* the innermost inlined call holding addr */
	while (child_at(&scope, addr - bias, DW_TAG_inlined_subroutine, &call)) {
		scope = call;
		inlined = true;
	}
	if (!inlined || !dwarf_attr(&scope, DW_AT_abstract_origin, &attr) ||
	    !dwarf_formref_die(&attr, &origin))
		return false;
	dline = dwarf_getsrc_die(&unit, addr - bias);
	if (!dline || dwarf_lineno(dline, &lineno) != 0 || lineno <= 0 ||
	    dwarf_decl_line(&origin, &decl) != 0 || decl <= 0 || !dwarf_diename(&origin))
		return false;
	out->name = dwarf_diename(&origin);
	out->file = unit_file(s, &unit, dwarf_decl_file(&origin));
	out->decl_line = (uint32_t)decl;
	out->line = (uint32_t)lineno;
	out->disc = row_discriminator(unit_by_clang(&unit), dline);
	out->instance = bias + dwarf_dieoffset(&scope);
	return true;
}

/* The index of the last row of lines (n of them, sorted by address)
 * that starts at or before addr; n when none does. */
static size_t row_at(Dwarf_Lines *lines, size_t n, Dwarf_Addr addr)
{
	size_t lo = 0, hi = n;
	Dwarf_Addr a;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (dwarf_lineaddr(dwarf_onesrcline(lines, mid), &a) == 0 && a <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? lo - 1 : n;
}

size_t symbolize_rows(struct symbolizer *s, uint64_t lo, uint64_t hi, struct sym_row **out)
{
	VEC(struct sym_row) v = {0};
	Dwarf_Lines *lines;
	Dwarf_Die unit;
	Dwarf_Addr bias, a, next;
	Dwfl_Module *mod;
	size_t n, i;
	bool clang;

	*out = NULL;
	end_reporting(s);
	mod = dwfl_addrmodule(s->dwfl, lo);
	if (!mod || hi <= lo || !unit_at(mod, lo, &unit, &bias) ||
	    dwarf_getsrclines(&unit, &lines, &n) != 0 || n == 0)
		return 0;
	clang = unit_by_clang(&unit);
	i = row_at(lines, n, lo - bias);
	for (i = i < n ? i : 0; i < n; i++) {
		Dwarf_Line *l = dwarf_onesrcline(lines, i);
		bool end;
		int line;

		if (dwarf_lineaddr(l, &a) != 0 || a + bias >= hi)
			break;
		/* an end of sequence holds no code; nor does a row that the
		 * next one starts with */
		if (dwarf_lineendsequence(l, &end) != 0 || end || dwarf_lineno(l, &line) != 0 ||
		    line <= 0 ||
		    (i + 1 < n && dwarf_lineaddr(dwarf_onesrcline(lines, i + 1), &next) == 0 &&
		     next == a))
			continue;
		VEC_APPEND(v, ((struct sym_row){a + bias < lo ? lo : a + bias, (uint32_t)line,
						row_discriminator(clang, l)}));
	}
	*out = v.v;
	return v.n;
}

const char *symbolize_qualifier(const struct sym_info *si)
{
	const char *where = si->unit ? si->unit : si->file ? si->file : si->module;
	const char *slash = where ? strrchr(where, '/') : NULL;

	return slash ? slash + 1 : where ? where : "";
}

/* ---- code checksums ---- */

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME  0x100000001b3ULL

/* An allocated section of the module: link-time addresses. */
struct sym_section {
	uint64_t lo, hi;
	bool exec;
};

/* The code of a function and what is around it. */
struct sym_code {
	const uint8_t *bytes;
	uint64_t addr, size; /* the function */
	VEC(struct sym_section) sections;
	bool absolute; /* a non-PIE executable: addresses are constants too */
};

enum { TARGET_NONE, TARGET_DATA, TARGET_CODE };

/* What target is: outside the function, in code or data of the module. */
static int target_kind(const struct sym_code *c, uint64_t target)
{
	uint32_t i;

	if (target >= c->addr && target < c->addr + c->size)
		return TARGET_NONE;
	for (i = 0; i < c->sections.n; i++)
		if (target >= c->sections.v[i].lo && target < c->sections.v[i].hi)
			return c->sections.v[i].exec ? TARGET_CODE : TARGET_DATA;
	return TARGET_NONE;
}

/* Whether the 4 bytes at i are an address that depends on the layout: the
 * displacement of a direct call or jump (e8, e9, 0f 8x) to other code, of
 * a RIP-relative operand (ModRM mod 00 r/m 101) to data, or, in a non-PIE
 * executable, an address of the module outside the function. */
static bool layout_bytes(const struct sym_code *c, uint64_t i)
{
	const uint8_t *b = c->bytes;
	uint32_t v = (uint32_t)b[i] | (uint32_t)b[i + 1] << 8 | (uint32_t)b[i + 2] << 16 |
		     (uint32_t)b[i + 3] << 24;
	/* relative to the end of the 4 bytes; a RIP-relative operand may have
	 * an immediate after it, which moves the target by a few bytes only */
	uint64_t target = c->addr + i + 4 + (uint64_t)(int64_t)(int32_t)v;
	uint8_t op = i >= 1 ? b[i - 1] : 0;

	if ((op == 0xe8 || op == 0xe9 || (i >= 2 && b[i - 2] == 0x0f && (op & 0xf0) == 0x80)) &&
	    target_kind(c, target) == TARGET_CODE)
		return true;
	if (i >= 1 && (op & 0xc7) == 0x05 && target_kind(c, target) == TARGET_DATA)
		return true;
	return c->absolute && target_kind(c, v) != TARGET_NONE;
}

static uint64_t code_hash(const struct sym_code *c)
{
	uint64_t h = FNV_OFFSET, i;

	for (i = 0; i < c->size; i++) {
		if (i + 4 <= c->size && layout_bytes(c, i)) {
			h = h * FNV_PRIME * FNV_PRIME * FNV_PRIME * FNV_PRIME; /* four zero bytes */
			i += 3;
			continue;
		}
		h = (h ^ c->bytes[i]) * FNV_PRIME;
	}
	return h;
}

/* The function's bytes and the module's allocated sections. */
static bool code_read(Elf *elf, struct sym_code *c)
{
	Elf_Scn *scn = NULL;
	GElf_Ehdr eh;
	GElf_Shdr sh;
	Elf_Data *data;

	if (!gelf_getehdr(elf, &eh) || eh.e_machine != EM_X86_64)
		return false;
	c->absolute = eh.e_type == ET_EXEC;
	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		if (!gelf_getshdr(scn, &sh) || !(sh.sh_flags & SHF_ALLOC) || !sh.sh_size)
			continue;
		VEC_APPEND(c->sections, ((struct sym_section){sh.sh_addr, sh.sh_addr + sh.sh_size,
							      (sh.sh_flags & SHF_EXECINSTR) != 0}));
		if (c->bytes || sh.sh_type != SHT_PROGBITS || !(sh.sh_flags & SHF_EXECINSTR) ||
		    c->addr < sh.sh_addr || c->addr - sh.sh_addr + c->size > sh.sh_size)
			continue;
		data = elf_getdata(scn, NULL);
		if (data && data->d_buf && c->addr - sh.sh_addr + c->size <= data->d_size)
			c->bytes = (const uint8_t *)data->d_buf + (c->addr - sh.sh_addr);
	}
	return c->bytes != NULL;
}

bool symbolize_checksum(struct symbolizer *s, uint64_t addr, uint32_t size, char out[17])
{
	struct sym_code c = {0};
	Dwfl_Module *mod;
	Dwarf_Addr bias;
	Elf *elf;

	out[0] = '\0';
	end_reporting(s);
	mod = dwfl_addrmodule(s->dwfl, addr);
	if (!size || !mod || !(elf = dwfl_module_getelf(mod, &bias)))
		return false;
	c.addr = addr - bias;
	c.size = size;
	if (code_read(elf, &c))
		snprintf(out, 17, "%016" PRIx64, code_hash(&c));
	free(c.sections.v);
	return out[0] != '\0';
}

static int cmp_addr(const void *a, const void *b)
{
	return cmp_u64(*(const uint64_t *)a, *(const uint64_t *)b);
}

size_t symbolize_module_functions(struct symbolizer *s, unsigned i, uint64_t **out)
{
	VEC(uint64_t) v = {0};
	Dwfl_Module *mod;
	GElf_Addr addr;
	GElf_Sym sym;
	int k, n;
	size_t j, m = 0;

	*out = NULL;
	end_reporting(s);
	if (i >= s->mods.n)
		return 0;
	mod = s->mods.v[i].mod;
	n = dwfl_module_getsymtab(mod);
	for (k = 1; k < n; k++)
		if (dwfl_module_getsym_info(mod, k, &sym, &addr, NULL, NULL, NULL) &&
		    GELF_ST_TYPE(sym.st_info) == STT_FUNC && sym.st_size > 0 &&
		    sym.st_shndx != SHN_UNDEF)
			VEC_APPEND(v, addr);
	if (v.n)
		qsort(v.v, v.n, sizeof(*v.v), cmp_addr);
	for (j = 0; j < v.n; j++)
		if (!m || v.v[j] != v.v[m - 1])
			v.v[m++] = v.v[j];
	*out = v.v;
	return m;
}
