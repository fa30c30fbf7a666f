/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * layout.h - read memory maps in the layout format of data/layouts/
 *
 * One machine per file:
 *
 *	# source: where the lines were published
 *	# arch: x86_64 | x86_32 | arm64 | riscv64 | ppc64 | s390x | other
 *	# desc: one line about the machine
 *	<start-hex> <end-hex-inclusive> <type> [node]
 *
 * Addresses are physical bytes, the end inclusive (so a range may reach
 * the last byte of a 64-bit space).  Hex takes an optional 0x.  The type
 * is one of ram, reserved, acpi, nvs, pmem, soft-reserved, unusable,
 * device; only ram is RAM.  A missing node is node 0.  Blank lines and
 * other '#' lines are ignored.
 *
 * The parser is strict and never trusts its input: a malformed line, two
 * RAM entries that overlap or an unknown arch stops it with the file, the
 * line and the reason, and nothing is returned.  Other types may overlap:
 * firmware tables do.
 *
 *	struct layout lo;
 *	struct layout_error err;
 *	struct pmm_range *ram;
 *	unsigned int nr;
 *
 *	if (layout_read_file(&lo, "data/layouts/x.txt", &err)) {
 *		layout_print_error(stderr, &err);	// "x.txt:7: reason"
 *		return;
 *	}
 *	if (layout_ram_ranges(&lo, 12, &ram, &nr) == 0) {
 *		...pmm_init(ram, nr)...
 *		free(ram);
 *	}
 *	layout_free(&lo);
 *
 * Hosted C; the parsers of /proc/iomem, dmesg and device trees are meant
 * to sit beside this one and fill the same struct layout.
 */
#ifndef PMM_TOOLS_LAYOUT_H
#define PMM_TOOLS_LAYOUT_H

#include <stddef.h>
#include <stdio.h>

struct pmm_range;

enum layout_type {
	LAYOUT_RAM,
	LAYOUT_RESERVED,
	LAYOUT_ACPI,
	LAYOUT_NVS,
	LAYOUT_PMEM,
	LAYOUT_SOFT_RESERVED,
	LAYOUT_UNUSABLE,
	LAYOUT_DEVICE,
	LAYOUT_NR_TYPES
};

enum layout_arch {
	LAYOUT_ARCH_NONE,		/* the file has no '# arch:' line */
	LAYOUT_ARCH_X86_64,
	LAYOUT_ARCH_X86_32,
	LAYOUT_ARCH_ARM64,
	LAYOUT_ARCH_RISCV64,
	LAYOUT_ARCH_PPC64,
	LAYOUT_ARCH_S390X,
	LAYOUT_ARCH_OTHER,
	LAYOUT_NR_ARCHES
};

/**
 * struct layout_entry - one line of a memory map
 * @start: first byte
 * @end: last byte (inclusive)
 * @type: what the firmware or kernel called it
 * @node: NUMA node, 0 when the line gives none
 * @line: the line it came from, for messages
 */
struct layout_entry {
	unsigned long long start;
	unsigned long long end;
	enum layout_type type;
	int node;
	unsigned int line;
};

/**
 * struct layout - a parsed memory map
 * @source: text of the '# source:' line, or NULL
 * @desc: text of the '# desc:' line, or NULL
 * @arch: from the '# arch:' line
 * @entries: the entries, in file order
 * @nr_entries: how many
 */
struct layout {
	char *source;
	char *desc;
	enum layout_arch arch;
	struct layout_entry *entries;
	unsigned int nr_entries;
};

#define LAYOUT_REASON_MAX	160

/**
 * struct layout_error - why a map was refused
 * @file: the name given to the parser (not copied)
 * @line: 1-based line number, or 0 when no line is to blame (I/O)
 * @reason: what is wrong, in words
 */
struct layout_error {
	const char *file;
	unsigned int line;
	char reason[LAYOUT_REASON_MAX];
};

/**
 * layout_parse - parse a map held in memory
 * @lo: filled in on success; untouched otherwise
 * @text: the bytes, not necessarily NUL-terminated
 * @len: their number
 * @file: name to report in errors
 * @err: filled in on failure
 *
 * Return: 0, -EINVAL for malformed input or -ENOMEM.
 */
int layout_parse(struct layout *lo, const char *text, size_t len,
		 const char *file, struct layout_error *err);

/**
 * layout_read_file - read and parse a map file
 * @lo: filled in on success
 * @path: the file, also the name reported in errors
 * @err: filled in on failure
 *
 * Return: 0, -EINVAL for malformed input, -EIO (or the errno of the
 * failing call) when the file cannot be read, -EFBIG, -ENOMEM.
 */
int layout_read_file(struct layout *lo, const char *path,
		     struct layout_error *err);

/** layout_free - release what layout_parse allocated; @lo may be zeroed */
void layout_free(struct layout *lo);

/**
 * layout_ram_ranges - the RAM of a map as PFN ranges, as memblock holds it
 * @lo: a parsed map
 * @page_shift: log2 of the page size, 1..63
 * @ranges: set to a malloc'd array (free() it), NULL when no RAM is left
 * @nr: set to its length
 *
 * Each ram entry is trimmed inward to whole pages, as memblock does with
 * a range that is not page aligned; entries that become empty are
 * dropped.  The order is the file's and entries are not merged.
 *
 * Return: 0, -EINVAL for a bad @page_shift, -ERANGE when a PFN does not
 * fit in an unsigned long, -ENOMEM.
 */
int layout_ram_ranges(const struct layout *lo, unsigned int page_shift,
		      struct pmm_range **ranges, unsigned int *nr);

/** layout_type_name - "ram", "reserved", ...; NULL when out of range */
const char *layout_type_name(enum layout_type type);

/** layout_arch_name - "x86_64", ...; "none" for LAYOUT_ARCH_NONE */
const char *layout_arch_name(enum layout_arch arch);

/** layout_print_error - print "file:line: reason" (no line when 0) */
void layout_print_error(FILE *f, const struct layout_error *err);

#endif /* PMM_TOOLS_LAYOUT_H */
