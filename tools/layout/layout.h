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
 * Hosted C.  Beside this reader sit parsers of the raw forms the maps come
 * from, each filling the same struct layout (LAYOUT_FORMAT_*):
 *
 *	iomem	/proc/iomem: top-level ranges by name ("System RAM" ram,
 *		"Reserved" and "...ROM..." reserved, "ACPI Tables" acpi,
 *		"ACPI Non-volatile Storage" nvs, "Persistent Memory..." pmem,
 *		"Soft Reserved", "Unusable memory", "RAM buffer" skipped,
 *		anything else device); "System RAM" at any depth is ram (dax
 *		kmem), other children are skipped.  All-zero addresses (a
 *		non-root reader) are refused.
 *	memmap	/sys/firmware/memmap: a directory, or the text
 *		`grep -r . /sys/firmware/memmap` prints
 *		(<dir>/<N>/<start|end|type>:<value>); entries in order of N.
 *	dmesg	a kernel log, any line prefix: BIOS-e820 tables (the [mem]
 *		form and the old "<start> - <end> (type)" form with an
 *		exclusive end), ACPI SRAT memory affinity lines and the
 *		"Early memory node ranges" list.  With e820 lines the map is
 *		the e820 table (sanitised as e820__update_table when entries
 *		overlap), split at SRAT range boundaries, each piece inside an
 *		SRAT range on that node; without them it is the early node
 *		ranges plus the non-hotplug SRAT ranges, RAM of one node merged
 *		when SRAT lines exist.  parse_dmesg.c says it in full.
 *	dtb	a flattened device tree (dtc -O dtb, /sys/firmware/fdt),
 *		read with libfdt: ram from the reg (or linux,usable-memory)
 *		of root's memory nodes, numa-node-id as the node, reserved
 *		from /reserved-memory children with no-map.
 *	dts	device-tree source, compiled to a blob by dtc (the
 *		device-tree-compiler package), then read as dtb.
 *
 * Every parser is as strict as this one: a line that claims to be a map
 * line and is malformed stops it with the file, the line and the reason;
 * lines the format does not concern are skipped; two RAM entries may not
 * share a byte (after a format's own merging).  A blob has no lines: its
 * errors are at line 0 and name the node instead.  layout_detect() tells the
 * formats apart, layout_read_path() reads a file, stdin or a memmap
 * directory, layout_write() writes the .txt format back, and
 * layout_memblock() gives RAM as memblock holds it (sorted, one node's
 * touching ranges merged).
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

/* What a map was written in; layout_format_name() gives the names. */
enum layout_format {
	LAYOUT_FORMAT_AUTO,		/* detect (layout_detect()) */
	LAYOUT_FORMAT_LAYOUT,		/* the .txt maps of data/layouts */
	LAYOUT_FORMAT_IOMEM,		/* /proc/iomem */
	LAYOUT_FORMAT_MEMMAP,		/* /sys/firmware/memmap */
	LAYOUT_FORMAT_DMESG,		/* kernel log */
	LAYOUT_FORMAT_DTS,		/* device-tree source, through dtc */
	LAYOUT_FORMAT_DTB,		/* flattened device tree (a blob) */
	LAYOUT_NR_FORMATS
};

/**
 * struct layout_entry - one line of a memory map
 * @start: first byte
 * @end: last byte (inclusive)
 * @type: what the firmware or kernel called it
 * @node: NUMA node, 0 when the line gives none
 * @node_given: the source named the node (else @node is 0)
 * @line: the line it came from, for messages
 */
struct layout_entry {
	unsigned long long start;
	unsigned long long end;
	enum layout_type type;
	int node;
	int node_given;
	unsigned int line;
};

/**
 * struct layout - a parsed memory map
 * @source: text of the '# source:' line ("dmesg" for a kernel log), or NULL
 * @desc: text of the '# desc:' line (a device tree root's model), or NULL
 * @arch: from the '# arch:' line (or a kernel log's 'Linux version' line)
 * @entries: the entries, in file order
 * @nr_entries: how many
 * @format: what it was parsed from
 * @file: the name given to the parser (not copied), for the messages of
 *	later steps such as layout_memblock()
 */
struct layout {
	char *source;
	char *desc;
	enum layout_arch arch;
	struct layout_entry *entries;
	unsigned int nr_entries;
	enum layout_format format;
	const char *file;
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
 * layout_list_maps - the maps of a directory, as data/layouts/ keeps them
 * @dir: the directory
 * @paths: set to @n "@dir/NAME" strings, one per visible *.txt file, in
 *	name order (alphasort); NULL when there are none
 * @n: set to their number
 *
 * Return: 0; -ENOTDIR when @dir is a file (a map itself, perhaps), or
 * another -errno of scandir; -ENOMEM.  Release with layout_free_maps().
 */
int layout_list_maps(const char *dir, char ***paths, size_t *n);

/** layout_free_maps - release what layout_list_maps() gave */
void layout_free_maps(char **paths, size_t n);

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

/*
 * The other formats.  Each parser takes the bytes (not necessarily
 * NUL-terminated), fills @lo on success and leaves it untouched otherwise,
 * and fills @err on failure: -EINVAL for malformed input (with the 1-based
 * line, or line 0 when no line is to blame), -ENOMEM.  @lo->format says
 * which parser read it; @lo->file is @file.
 */

/** layout_format_name - "auto", "layout", "iomem", "memmap", "dmesg", "dts", "dtb"; NULL out of range */
const char *layout_format_name(enum layout_format f);

/**
 * layout_format_parse - the format of a name layout_format_name() gives
 * @name: "auto", "layout", ...
 * @f: set on success
 *
 * Return: 0, or -EINVAL for an unknown name.
 */
int layout_format_parse(const char *name, enum layout_format *f);

/**
 * layout_detect - tell the format of a text
 * @text: the bytes
 * @len: their number
 *
 * A text that starts with the flattened device tree's magic, 0xd00dfeed
 * (big-endian), is dtb.  Otherwise the first line that is neither blank
 * nor a '#' comment decides between
 * layout ("<hex> <hex> <type> [node]"), iomem ("<hex>-<hex> : <name>") and
 * memmap text ("<dir>/<N>/<start|end|type>:"); "/dts-v1/" or a root node
 * "/ {" there makes dts; otherwise a BIOS-e820, SRAT memory or "Early
 * memory node ranges" line anywhere makes dmesg.  A text of '#' lines
 * with a '# arch:' or '# source:' header is layout.
 *
 * Return: the format, or LAYOUT_FORMAT_AUTO when it cannot tell.
 */
enum layout_format layout_detect(const char *text, size_t len);

/**
 * layout_parse_as - parse a map held in memory in a given format
 * @lo: filled in on success
 * @fmt: the format; LAYOUT_FORMAT_AUTO detects it, and when detection
 *	fails the error is -EINVAL at line 0, "cannot tell the format
 *	(layout, iomem, memmap, dmesg, dts): give --format"
 * @text: the bytes
 * @len: their number
 * @file: name to report in errors
 * @err: filled in on failure
 *
 * Return: 0, -EINVAL or -ENOMEM.
 */
int layout_parse_as(struct layout *lo, enum layout_format fmt, const char *text,
		    size_t len, const char *file, struct layout_error *err);

/**
 * layout_read_path - read and parse a file, stdin or a memmap directory
 * @lo: filled in on success
 * @fmt: the format, or LAYOUT_FORMAT_AUTO
 * @path: a file; "-" is stdin (named "<stdin>" in errors); a directory is
 *	read as /sys/firmware/memmap (@fmt AUTO or MEMMAP)
 * @err: filled in on failure
 *
 * A file read as dts is compiled by dtc with the file's directory as an
 * include path (-i), so that its /include/ lines are found.
 *
 * Return: 0, -EINVAL, -ENOMEM, -EFBIG (larger than 64 MiB), or the errno
 * of a failing open or read (-EIO when it gives none).
 */
int layout_read_path(struct layout *lo, enum layout_format fmt, const char *path,
		     struct layout_error *err);

/**
 * layout_parse_iomem - parse /proc/iomem text
 * @lo: filled in on success
 * @text: the bytes
 * @len: their number
 * @file: name to report in errors
 * @err: filled in on failure
 *
 * "start-end : name" lines (hex without 0x, the end inclusive), children
 * indented two spaces a level.  Types as the top of this file says.
 *
 * Return: 0, -EINVAL or -ENOMEM.
 */
int layout_parse_iomem(struct layout *lo, const char *text, size_t len,
		       const char *file, struct layout_error *err);

/**
 * layout_parse_memmap - parse /sys/firmware/memmap as grep prints it
 * @lo: filled in on success
 * @text: lines "<dir>/<N>/<start|end|type>:<value>" (start and end 0x hex,
 *	the end inclusive)
 * @len: their number
 * @file: name to report in errors
 * @err: filled in on failure; the reason names the entry ("entry 3: ...")
 *
 * Types: "System RAM" ram, "Reserved" reserved, "ACPI Tables" acpi, "ACPI
 * Non-volatile Storage" nvs, "Unusable memory" unusable, "Persistent
 * Memory" and "Persistent Memory (legacy)" pmem, "Soft Reserved"
 * soft-reserved, anything else reserved.  Entries come out in order of N;
 * an entry without its start, end or type is an error naming it.
 *
 * Return: 0, -EINVAL or -ENOMEM.
 */
int layout_parse_memmap(struct layout *lo, const char *text, size_t len,
			const char *file, struct layout_error *err);

/**
 * layout_read_memmap_dir - read a /sys/firmware/memmap directory
 * @lo: filled in on success
 * @dir: the directory (its numbered subdirectories hold start, end, type)
 * @err: filled in on failure; @err->file is @dir, the line 0 and the
 *	reason names the entry
 *
 * Builds the text layout_parse_memmap() reads and parses it.
 *
 * Return: 0, -EINVAL, -ENOMEM, or the errno of a failing opendir.
 */
int layout_read_memmap_dir(struct layout *lo, const char *dir,
			   struct layout_error *err);

/**
 * layout_parse_dmesg - parse the memory map out of a kernel log
 * @lo: filled in on success; @lo->source is "dmesg" and @lo->arch comes
 *	from a 'Linux version' line that names the architecture
 * @text: the log; lines may carry any prefix (timestamps, syslog)
 * @len: its length
 * @file: name to report in errors
 * @err: filled in on failure; a log with no map is an error at line 0
 *
 * The composition rules are at the top of parse_dmesg.c.
 *
 * Return: 0, -EINVAL or -ENOMEM.
 */
int layout_parse_dmesg(struct layout *lo, const char *text, size_t len,
		       const char *file, struct layout_error *err);

/**
 * layout_parse_fdt - parse the memory of a flattened device tree
 * @lo: filled in on success; @lo->desc is the root's model when given,
 *	@lo->format LAYOUT_FORMAT_DTB
 * @blob: the blob, as dtc -O dtb writes it and /sys/firmware/fdt holds
 *	it; at any alignment
 * @len: its length: the header's totalsize may not exceed it (bytes past
 *	totalsize are ignored)
 * @file: name to report in errors
 * @err: filled in on failure; the line is 0 (a blob has none) and the
 *	reason names the node ("/memory@0: reg has 4 cells, ...")
 *
 * The blob is checked whole by libfdt (fdt_check_full) before any node is
 * read.  Root nodes named memory or memory@... or with device_type =
 * "memory", unless their status says otherwise, give ram from
 * linux,usable-memory or else reg, in (address, size) pairs of the root's
 * #address-cells and #size-cells (default 2 and 1; each must be 1 or 2);
 * numa-node-id gives the node.  Children of /reserved-memory with reg and
 * no-map give reserved entries.  /memreserve/ entries are checked, not
 * kept: Linux reserves them in memblock, and they stay RAM.  parse_fdt.c
 * says it in full.
 *
 * Return: 0, -EINVAL or -ENOMEM.
 */
int layout_parse_fdt(struct layout *lo, const void *blob, size_t len,
		     const char *file, struct layout_error *err);

/**
 * layout_parse_dts - parse the memory of a device-tree source
 * @lo: filled in on success, as layout_parse_fdt() fills it but for
 *	@lo->format, LAYOUT_FORMAT_DTS
 * @text: the source, as dtc reads it (cpp's #include and #define are
 *	not run: give cpp -P output)
 * @len: its length
 * @file: name to report in errors
 * @err: filled in on failure: dtc's first line of complaint, at the line
 *	of @text it names; or layout_parse_fdt()'s reason
 *
 * Runs dtc -q -I dts -O dtb -o - - (found on PATH; no shell) with @text
 * on its standard input, then reads the blob with layout_parse_fdt().
 * Without dtc the error says to install device-tree-compiler.
 *
 * Return: 0, -EINVAL or -ENOMEM.
 */
int layout_parse_dts(struct layout *lo, const char *text, size_t len,
		     const char *file, struct layout_error *err);

/**
 * layout_write - write a map in the .txt format
 * @f: where
 * @lo: the map
 *
 * '# source:', '# arch:' and '# desc:' lines when known (control
 * characters in them written as '?'), then one
 * "0x%016llx 0x%016llx <type>[ <node>]" line an entry, the node only when
 * the source gave it.  What it writes layout_parse() reads back to the
 * same entries.
 *
 * Return: 0, or -EIO when writing fails.
 */
int layout_write(FILE *f, const struct layout *lo);

/**
 * layout_memblock - RAM as memblock holds it
 * @lo: a parsed map
 * @page_shift: log2 of the page size, 1..63
 * @ranges: set to a malloc'd array (free() it), NULL when no RAM is left
 * @nr: set to its length
 * @err: filled in on failure (@err->file is @lo->file)
 *
 * Each ram entry is trimmed inward to whole pages (as layout_ram_ranges),
 * the ranges are sorted by address, and ranges of one node that overlap
 * or touch are merged (memblock_add merges them).  Ranges of two nodes
 * may touch but not overlap: "ram 0x..-0x.. on node 1 overlaps ram
 * 0x..-0x.. of node 0 on line 7", at the later line.  No RAM is not an
 * error (*nr = 0, *ranges = NULL).
 *
 * Return: 0, -EINVAL (a bad @page_shift, nodes that overlap), -ERANGE
 * when a PFN does not fit in an unsigned long, -ENOMEM.
 */
int layout_memblock(const struct layout *lo, unsigned int page_shift,
		    struct pmm_range **ranges, unsigned int *nr,
		    struct layout_error *err);

#endif /* PMM_TOOLS_LAYOUT_H */
