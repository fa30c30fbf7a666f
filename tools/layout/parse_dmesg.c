// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * parse_dmesg.c - the memory map in a kernel log
 *
 * Lines may carry any prefix (a "[    0.000000] " timestamp, syslog's
 * "Sep 05 21:07:32 host kernel[1777]: ", a tab, a mail quote): the parser
 * looks for its markers anywhere in a line and skips the lines that have
 * none, at any length.  A line with a marker claims to be a map line, and
 * is an error when what follows the marker is malformed.  It reads:
 *
 *   e820, as arch/x86/kernel/e820.c prints the firmware's table:
 *	BIOS-e820: [mem 0x<start>-0x<end>] <type>	(end inclusive)
 *	BIOS-e820: <start> - <end> (<type>)		(before 3.x: 16 hex
 *							 digits, end exclusive)
 *	BIOS-e820: [gap ...]				(7.x: skipped)
 *   with the types e820_print_type() prints: usable (7.x: System RAM) ram,
 *   reserved (7.x: device reserved), soft reserved, ACPI data, ACPI NVS,
 *   unusable, persistent (type N) (7.x: persistent RAM (type N)) pmem, and
 *   type N for the rest (20, EFI runtime, and any other: reserved).
 *
 *   and the kernel's own edits of that table (arch/x86/kernel/e820.c,
 *   printed at KERN_DEBUG, which dmesg shows):
 *	e820: update [mem 0x<start>-0x<end>] <type> ==> <type>
 *	e820: remove [mem 0x<start>-0x<end>] [<type>]
 *	user: [mem 0x<start>-0x<end>] <type>		(the whole table again,
 *							 after mem= or memmap=)
 *
 *   ACPI SRAT memory affinity (drivers/acpi/numa/srat.c):
 *	SRAT: Node <N> PXM <P> [mem 0x<start>-0x<end>][ hotplug][ non-volatile]
 *	SRAT: Node <N> PXM <P> <start>-<end>		(2.6: end exclusive)
 *
 *   the early node ranges (mm/mm_init.c free_area_init()), after a line
 *   "Early memory node ranges":
 *	node   <N>: [mem 0x<start>-0x<end>]
 *   ("Initmem setup node" and "On node" lines are not these.)
 *
 *   and the architecture from the "Linux version" line, when its release
 *   or compiler names one (x86_64/amd64, i386/i686/686, aarch64/arm64,
 *   riscv64, s390x, ppc64).  A second "Linux version" line after map lines
 *   is a second boot in one log: refused, as its map would mix with the
 *   first's.
 *
 * The map is composed so:
 *
 * 1. With e820 lines, the entries are the e820 table in printed order;
 *    where "user:" lines follow, they are the table instead (the kernel
 *    prints it so when mem= or memmap= changed it).
 *    If entries overlap, the table is sanitised as e820__update_table()
 *    does: where they overlap the larger e820 type number wins (usable 1
 *    loses to reserved 2, ACPI data 3, ACPI NVS 4, unusable 5, pmem 7 and
 *    12, soft reserved 0xefffffff, type 20...), neighbours of one type are
 *    joined (but pmem 12 and soft reserved, which the kernel keeps apart)
 *    and the pieces come out in address order.  If SRAT lines exist, SRAT
 *    ranges of one node that overlap or touch are merged (ranges of two
 *    nodes that overlap are an error), and every e820 entry is split at
 *    the SRAT range boundaries: a piece inside an SRAT range is on that
 *    node, a piece outside every range on none.  The early node ranges
 *    are then ignored: e820 is the firmware's word.  The kernel's edits
 *    printed after that table are then made to it, in log order, as the
 *    kernel made them: a range updated from a type to another (x86 gives
 *    the first page to the BIOS so: usable ==> reserved), or removed.
 *
 * 2. Without e820, RAM is the early node ranges, each on its node (given
 *    when any node is not 0 or SRAT lines exist).  If SRAT lines exist,
 *    their non-hotplug ranges are added too (a boot log may stop before
 *    the node list ends), non-volatile ones as pmem, and RAM entries of one
 *    node that overlap or touch are then merged, the map sorted by
 *    address.  An early range and an SRAT range on two nodes for the same
 *    address are an error naming both lines.
 *
 * 3. With none of these, the log has no map: an error at line 0.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "layout_internal.h"

/* The kernel's e820 table holds 128 + 3 * MAX_NUMNODES (3,200) entries. */
#define DMESG_E820_MAX		8192
/* ... and its SRAT memory blocks 2 * MAX_NUMNODES (2,048). */
#define DMESG_SRAT_MAX		8192

/* e820 type numbers (arch/x86/include/asm/e820/types.h) */
#define E820_RAM		1U
#define E820_RESERVED		2U
#define E820_ACPI		3U
#define E820_NVS		4U
#define E820_UNUSABLE		5U
#define E820_PMEM		7U
#define E820_PRAM		12U
#define E820_SOFT_RESERVED	0xefffffffU

/* One map line: its range, type or node, and where it was. */
struct dmesg_range {
	unsigned long long start, end;		/* end inclusive */
	unsigned int e820;			/* e820 type number */
	enum layout_type type;
	int node;
	int hotplug, nonvolatile;		/* SRAT flags */
	unsigned int line;
};

struct dmesg_list {
	struct dmesg_range *r;
	unsigned int nr, capacity, max;
	const char *what;
};

struct dmesg_parser {
	struct layout_builder b;
	struct dmesg_list e820, srat, early;
	struct dmesg_list user;		/* "user:" lines: the table after mem= */
	struct dmesg_list edits;	/* "e820: update/remove": e820 the new
					 * type (0: removed), node the old (0:
					 * any) */
	int in_early;			/* after "Early memory node ranges" */
	unsigned int map_line;		/* the first map line */
	unsigned int version_line;	/* the first "Linux version" line */
};

static int dmesg_push(struct dmesg_parser *ps, struct dmesg_list *l,
		      const struct dmesg_range *r)
{
	if (l->nr == l->capacity) {
		unsigned int cap = l->capacity ? l->capacity * 2 : 32;
		struct dmesg_range *grown;

		if (l->nr >= l->max)
			return layout_fail(&ps->b, EINVAL, "more than %u %s lines: not one boot's log",
					   l->max, l->what);
		grown = realloc(l->r, cap * sizeof(*grown));
		if (!grown)
			return layout_fail(&ps->b, ENOMEM, "out of memory");
		l->r = grown;
		l->capacity = cap;
	}
	l->r[l->nr++] = *r;
	if (!ps->map_line)
		ps->map_line = r->line;
	return 0;
}

/* ---- reading the lines ---- */

/* "0x<hex>": the hex, or an error naming @what. */
static int dmesg_hex(struct dmesg_parser *ps, struct layout_text t, int prefixed,
		     const char *what, unsigned long long *v)
{
	char q[LAYOUT_QUOTE_BUF];
	int err = -EINVAL;

	if (!prefixed)
		err = layout_hex_digits(t, v);
	else if (layout_starts_with(t, "0x"))
		err = layout_hex_digits(layout_skip(t, 2), v);
	if (err == -ERANGE)
		return layout_fail(&ps->b, EINVAL, "%s '%s' does not fit in 64 bits",
				   what, layout_quote(t, q, sizeof(q)));
	if (err)
		return layout_fail(&ps->b, EINVAL, "%s '%s' is not a%s hex address",
				   what, layout_quote(t, q, sizeof(q)), prefixed ? " 0x" : "");
	return 0;
}

/*
 * "<start>-<end>" with the end inclusive (or exclusive when @exclusive):
 * the range, or an error that names @what.
 */
static int dmesg_range(struct dmesg_parser *ps, struct layout_text t, int prefixed,
		       int exclusive, const char *what, struct dmesg_range *r)
{
	char q[LAYOUT_QUOTE_BUF];
	struct layout_text a, z;
	long dash = layout_find(t, 0, "-");
	int err;

	if (dash < 0)
		return layout_fail(&ps->b, EINVAL, "%s: expected '<start>-<end>', found '%s'",
				   what, layout_quote(t, q, sizeof(q)));
	a.p = t.p;
	a.n = (size_t)dash;
	z = layout_skip(t, (size_t)dash + 1);
	err = dmesg_hex(ps, layout_trim(a), prefixed, "start", &r->start);
	if (!err)
		err = dmesg_hex(ps, layout_trim(z), prefixed, "end", &r->end);
	if (err)
		return err;
	if (exclusive) {
		if (r->end <= r->start)
			return layout_fail(&ps->b, EINVAL,
					   "%s: end 0x%llx is not above start 0x%llx (this form's end is exclusive)",
					   what, r->end, r->start);
		r->end--;
	} else if (r->start > r->end) {
		return layout_fail(&ps->b, EINVAL,
				   "%s: start 0x%llx is above end 0x%llx (the end is inclusive)",
				   what, r->start, r->end);
	}
	return 0;
}

/*
 * "[mem 0x<start>-0x<end>]" at the start of @t: the range, and in @rest
 * what follows the ']'.
 */
static int dmesg_mem(struct dmesg_parser *ps, struct layout_text t, const char *what,
		     struct dmesg_range *r, struct layout_text *rest)
{
	char q[LAYOUT_QUOTE_BUF];
	struct layout_text inside;
	const char *close;

	if (!layout_starts_with(t, "[mem "))
		return layout_fail(&ps->b, EINVAL, "%s: expected '[mem 0x<start>-0x<end>]', found '%s'",
				   what, layout_quote(t, q, sizeof(q)));
	close = memchr(t.p, ']', t.n);
	if (!close)
		return layout_fail(&ps->b, EINVAL, "%s: no ']' closes '[mem'", what);
	inside.p = t.p + 5;
	inside.n = (size_t)(close - inside.p);
	*rest = layout_skip(t, (size_t)(close - t.p) + 1);
	return dmesg_range(ps, inside, 1, 0, what, r);
}

/* A decimal number of at most @max, or an error naming @what. */
static int dmesg_decimal(struct dmesg_parser *ps, struct layout_text t,
			 unsigned long long max, const char *what, unsigned long long *v)
{
	char q[LAYOUT_QUOTE_BUF];
	int err = layout_decimal(t, max, v);

	if (err)
		return layout_fail(&ps->b, EINVAL, "%s '%s' is not a decimal number%s",
				   what, layout_quote(t, q, sizeof(q)),
				   err == -ERANGE ? " small enough" : "");
	return 0;
}

/* What a type number is in the layout format. */
static enum layout_type dmesg_e820_layout_type(unsigned int e820)
{
	switch (e820) {
	case E820_RAM:		return LAYOUT_RAM;
	case E820_ACPI:		return LAYOUT_ACPI;
	case E820_NVS:		return LAYOUT_NVS;
	case E820_UNUSABLE:	return LAYOUT_UNUSABLE;
	case E820_PMEM:
	case E820_PRAM:		return LAYOUT_PMEM;
	case E820_SOFT_RESERVED: return LAYOUT_SOFT_RESERVED;
	default:		return LAYOUT_RESERVED;
	}
}

/* "type N" or "persistent (type N)": N, after @prefix, before ')'. */
static int dmesg_e820_number(struct layout_text t, const char *prefix,
			     int closing, unsigned int *e820)
{
	unsigned long long n;

	if (!layout_starts_with(t, prefix))
		return -EINVAL;
	t = layout_skip(t, strlen(prefix));
	if (closing) {
		if (!t.n || t.p[t.n - 1] != ')')
			return -EINVAL;
		t.n--;
	}
	if (layout_decimal(t, UINT_MAX, &n))
		return -EINVAL;
	*e820 = (unsigned int)n;
	return 0;
}

/* The type words e820_print_type() prints, old and new. */
static int dmesg_e820_type(struct dmesg_parser *ps, struct layout_text t, int old,
			   struct dmesg_range *r)
{
	static const struct {
		const char *name;
		unsigned int e820;
	} names[] = {
		{ "usable", E820_RAM },
		{ "System RAM", E820_RAM },
		{ "reserved", E820_RESERVED },
		{ "device reserved", E820_RESERVED },
		{ "soft reserved", E820_SOFT_RESERVED },
		{ "ACPI data", E820_ACPI },
		{ "ACPI NVS", E820_NVS },
		{ "unusable", E820_UNUSABLE },
	};
	char q[LAYOUT_QUOTE_BUF];
	unsigned int i;

	t = layout_trim(t);
	/* the old form puts the type in parentheses */
	if (old && t.n >= 2 && t.p[0] == '(' && t.p[t.n - 1] == ')')
		t = layout_trim(layout_skip((struct layout_text){ t.p, t.n - 1 }, 1));
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (layout_equals(t, names[i].name)) {
			r->e820 = names[i].e820;
			r->type = dmesg_e820_layout_type(r->e820);
			return 0;
		}
	}
	if (!dmesg_e820_number(t, "persistent (type ", 1, &r->e820) ||
	    !dmesg_e820_number(t, "persistent RAM (type ", 1, &r->e820)) {
		r->type = LAYOUT_PMEM;
		return 0;
	}
	if (!dmesg_e820_number(t, "type ", 0, &r->e820)) {
		r->type = dmesg_e820_layout_type(r->e820);
		return 0;
	}
	return layout_fail(&ps->b, EINVAL,
			   "unknown e820 type '%s' (usable, reserved, soft reserved, ACPI data, ACPI NVS, unusable, persistent (type N), type N)",
			   layout_quote(t, q, sizeof(q)));
}

/*
 * "[mem 0x<start>-0x<end>] <type>" at the start of @t, a table entry of
 * the line being read, pushed to @list (@what names it in errors).
 */
static int dmesg_mem_entry(struct dmesg_parser *ps, struct layout_text t, const char *what,
			   struct dmesg_list *list)
{
	struct dmesg_range r;
	struct layout_text rest;
	int err;

	memset(&r, 0, sizeof(r));
	r.line = ps->b.line;
	err = dmesg_mem(ps, t, what, &r, &rest);
	if (!err)
		err = dmesg_e820_type(ps, rest, 0, &r);
	return err ? err : dmesg_push(ps, list, &r);
}

/* After "BIOS-e820:": the [mem] form, a [gap], or the old form. */
static int dmesg_e820(struct dmesg_parser *ps, struct layout_text t)
{
	char q[LAYOUT_QUOTE_BUF];
	struct layout_text rest, f[3];
	struct dmesg_range r;
	int err;

	t = layout_trim(t);
	if (layout_starts_with(t, "[gap "))
		return 0;
	if (layout_starts_with(t, "[mem "))
		return dmesg_mem_entry(ps, t, "BIOS-e820", &ps->e820);
	if (!t.n || !((t.p[0] >= '0' && t.p[0] <= '9') || (t.p[0] >= 'a' && t.p[0] <= 'f') ||
		      (t.p[0] >= 'A' && t.p[0] <= 'F')))
		return layout_fail(&ps->b, EINVAL,
				   "BIOS-e820: expected '[mem 0x<start>-0x<end>] <type>' or '<start> - <end> (<type>)', found '%s'",
				   layout_quote(t, q, sizeof(q)));
	/* "<start> - <end> (<type>)": the type after the third field */
	if (layout_split(t, f, 3) < 3 || !layout_equals(f[1], "-"))
		return layout_fail(&ps->b, EINVAL,
				   "BIOS-e820: expected '<start> - <end> (<type>)', found '%s'",
				   layout_quote(t, q, sizeof(q)));
	memset(&r, 0, sizeof(r));
	r.line = ps->b.line;
	rest = layout_skip(t, (size_t)(f[2].p + f[2].n - t.p));
	f[1].p = f[0].p;
	f[1].n = (size_t)(f[2].p + f[2].n - f[0].p);
	err = dmesg_range(ps, f[1], 0, 1, "BIOS-e820", &r);
	if (!err)
		err = dmesg_e820_type(ps, rest, 1, &r);
	return err ? err : dmesg_push(ps, &ps->e820, &r);
}

/*
 * After "e820: ": "update [mem ...] <type> ==> <type>" or "remove [mem
 * ...] [<type>]"; other "e820:" lines (reserve setup_data, ...) are not
 * edits of the table.
 */
static int dmesg_edit(struct dmesg_parser *ps, struct layout_text t)
{
	struct dmesg_range r, from;
	struct layout_text rest;
	long arrow;
	int update, err;

	t = layout_trim(t);
	update = layout_starts_with(t, "update [mem ");
	if (!update && !layout_starts_with(t, "remove [mem "))
		return 0;
	memset(&r, 0, sizeof(r));
	memset(&from, 0, sizeof(from));
	r.line = ps->b.line;
	err = dmesg_mem(ps, layout_skip(t, 7), update ? "e820: update" : "e820: remove", &r, &rest);
	if (err)
		return err;
	rest = layout_trim(rest);
	arrow = layout_find(rest, 0, "==>");
	if (update && arrow < 0)
		return layout_fail(&ps->b, EINVAL, "e820: update: expected '<type> ==> <type>'");
	if (update) {
		err = dmesg_e820_type(ps, (struct layout_text){ rest.p, (size_t)arrow }, 0, &from);
		if (!err)
			err = dmesg_e820_type(ps, layout_skip(rest, (size_t)arrow + 3), 0, &r);
	} else {
		if (rest.n)
			err = dmesg_e820_type(ps, rest, 0, &from);
		r.e820 = 0;
	}
	if (err)
		return err;
	r.node = (int)from.e820;
	return dmesg_push(ps, &ps->edits, &r);
}

/* After "SRAT: Node ": "<N> PXM <P> [mem ...][ hotplug][ non-volatile]". */
static int dmesg_srat(struct dmesg_parser *ps, struct layout_text t)
{
	char q[LAYOUT_QUOTE_BUF];
	struct layout_text f[4], rest;
	unsigned long long node, pxm;
	struct dmesg_range r;
	int err;

	memset(&r, 0, sizeof(r));
	r.line = ps->b.line;
	if (layout_split(t, f, 4) < 4 || !layout_equals(f[1], "PXM"))
		return layout_fail(&ps->b, EINVAL,
				   "SRAT: expected 'Node <N> PXM <P> [mem 0x<start>-0x<end>]', found '%s'",
				   layout_quote(layout_trim(t), q, sizeof(q)));
	err = dmesg_decimal(ps, f[0], INT_MAX, "SRAT node", &node);
	if (!err)
		err = dmesg_decimal(ps, f[2], UINT_MAX, "SRAT PXM", &pxm);
	if (err)
		return err;
	r.node = (int)node;
	t = layout_skip(t, (size_t)(f[3].p - t.p));
	if (layout_starts_with(t, "[")) {
		err = dmesg_mem(ps, t, "SRAT", &r, &rest);
	} else {
		/* 2.6: "<start>-<end>", hex without 0x, the end exclusive */
		struct layout_text rng = f[3];

		rest = layout_skip(t, rng.n);
		err = dmesg_range(ps, rng, 0, 1, "SRAT", &r);
	}
	if (err)
		return err;
	rest = layout_trim(rest);
	if (layout_starts_with(rest, "hotplug")) {
		r.hotplug = 1;
		rest = layout_trim(layout_skip(rest, 7));
	}
	if (layout_starts_with(rest, "non-volatile")) {
		r.nonvolatile = 1;
		rest = layout_trim(layout_skip(rest, 12));
	}
	if (rest.n)
		return layout_fail(&ps->b, EINVAL,
				   "SRAT: unknown flags '%s' after the range (hotplug, non-volatile)",
				   layout_quote(rest, q, sizeof(q)));
	r.type = r.nonvolatile ? LAYOUT_PMEM : LAYOUT_RAM;
	return dmesg_push(ps, &ps->srat, &r);
}

/*
 * "node <N>: [mem ...]" somewhere in an early-ranges line: 1 and the
 * range when the line has one, 0 when it has none, or an error when a
 * "node <N>: [mem" is followed by a malformed range.
 */
static int dmesg_early(struct dmesg_parser *ps, struct layout_text line)
{
	long at = -1;

	while ((at = layout_find(line, (size_t)(at + 1), "node ")) >= 0) {
		struct layout_text t = layout_skip(line, (size_t)at + 5), num, rest;
		unsigned long long node;
		struct dmesg_range r;
		size_t i = 0;
		int err;

		while (i < t.n && t.p[i] == ' ')
			i++;
		num.p = t.p + i;
		while (i < t.n && t.p[i] >= '0' && t.p[i] <= '9')
			i++;
		num.n = (size_t)(t.p + i - num.p);
		t = layout_skip(t, i);
		if (!num.n || !layout_starts_with(t, ": [mem"))
			continue;
		memset(&r, 0, sizeof(r));
		r.line = ps->b.line;
		r.type = LAYOUT_RAM;
		err = dmesg_decimal(ps, num, INT_MAX, "node", &node);
		if (!err)
			err = dmesg_mem(ps, layout_skip(t, 2), "early node range", &r, &rest);
		if (err)
			return err;
		r.node = (int)node;
		return dmesg_push(ps, &ps->early, &r);
	}
	return 0;
}

/* A word in @t at @at, not inside a longer word. */
static int dmesg_word_at(struct layout_text t, long at, size_t n)
{
	char before = at > 0 ? t.p[at - 1] : ' ';
	char after = (size_t)at + n < t.n ? t.p[at + (long)n] : ' ';
	int alnum_before = (before >= '0' && before <= '9') || (before >= 'a' && before <= 'z') ||
			   (before >= 'A' && before <= 'Z');
	int alnum_after = (after >= '0' && after <= '9') || (after >= 'a' && after <= 'z') ||
			  (after >= 'A' && after <= 'Z');

	return !alnum_before && !alnum_after;
}

/* The first architecture the "Linux version" line names, if any. */
static enum layout_arch dmesg_arch(struct layout_text t)
{
	static const struct {
		const char *word;
		enum layout_arch arch;
	} words[] = {
		{ "x86_64", LAYOUT_ARCH_X86_64 }, { "amd64", LAYOUT_ARCH_X86_64 },
		{ "i386", LAYOUT_ARCH_X86_32 }, { "i686", LAYOUT_ARCH_X86_32 },
		{ "686", LAYOUT_ARCH_X86_32 },
		{ "aarch64", LAYOUT_ARCH_ARM64 }, { "arm64", LAYOUT_ARCH_ARM64 },
		{ "riscv64", LAYOUT_ARCH_RISCV64 }, { "s390x", LAYOUT_ARCH_S390X },
		{ "ppc64", LAYOUT_ARCH_PPC64 }, { "ppc64le", LAYOUT_ARCH_PPC64 },
	};
	enum layout_arch arch = LAYOUT_ARCH_NONE;
	long first = -1;
	unsigned int i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		size_t n = strlen(words[i].word);
		long at = -1;

		while ((at = layout_find(t, (size_t)(at + 1), words[i].word)) >= 0) {
			if (!dmesg_word_at(t, at, n))
				continue;
			if (first < 0 || at < first) {
				first = at;
				arch = words[i].arch;
			}
			break;
		}
	}
	return arch;
}

static int dmesg_line(struct dmesg_parser *ps, struct layout_text t)
{
	long at;

	at = layout_find(t, 0, "Linux version ");
	if (at >= 0) {
		if (ps->map_line)
			return layout_fail(&ps->b, EINVAL,
					   "a second boot starts here (map lines from line %u before it): give one boot's log",
					   ps->map_line);
		if (!ps->version_line) {
			ps->version_line = ps->b.line;
			ps->b.lo.arch = dmesg_arch(layout_skip(t, (size_t)at));
		}
		return 0;
	}
	at = layout_find(t, 0, "BIOS-e820:");
	if (at >= 0)
		return dmesg_e820(ps, layout_skip(t, (size_t)at + 10));
	/* "user: [mem ...] <type>": the table again, after mem= or memmap= */
	at = layout_find(t, 0, "user: [mem ");
	if (at >= 0)
		return dmesg_mem_entry(ps, layout_skip(t, (size_t)at + 6), "user", &ps->user);
	at = layout_find(t, 0, "e820: ");
	if (at >= 0)
		return dmesg_edit(ps, layout_skip(t, (size_t)at + 6));
	at = layout_find(t, 0, "SRAT: Node ");
	if (at >= 0)
		return dmesg_srat(ps, layout_skip(t, (size_t)at + 11));
	if (layout_find(t, 0, "Early memory node ranges") >= 0) {
		ps->in_early = 1;
		return 0;
	}
	if (ps->in_early)
		return dmesg_early(ps, t);
	return 0;
}

/* ---- composing the map ---- */

static int dmesg_cmp(const void *a, const void *b)
{
	const struct dmesg_range *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

static int dmesg_add(struct dmesg_parser *ps, const struct dmesg_range *r,
		     unsigned long long start, unsigned long long end,
		     int node, int node_given)
{
	struct layout_entry e;

	memset(&e, 0, sizeof(e));
	e.start = start;
	e.end = end;
	e.type = r->type;
	e.node = node;
	e.node_given = node_given;
	e.line = r->line;
	return layout_add(&ps->b, &e);
}

/* A sorted copy of a list, or NULL with the error set. */
static struct dmesg_range *dmesg_sorted(struct dmesg_parser *ps, const struct dmesg_list *l)
{
	struct dmesg_range *s = malloc((l->nr + 1) * sizeof(*s));

	if (!s) {
		layout_fail_at(&ps->b, 0, ENOMEM, "out of memory");
		return NULL;
	}
	if (l->nr)
		memcpy(s, l->r, l->nr * sizeof(*s));
	qsort(s, l->nr, sizeof(*s), dmesg_cmp);
	return s;
}

/*
 * The SRAT ranges sorted, one node's overlapping or touching ranges
 * merged; two nodes' overlapping ranges are an error.
 */
static int dmesg_srat_merge(struct dmesg_parser *ps, struct dmesg_range **out,
			    unsigned int *nr)
{
	struct dmesg_range *s = dmesg_sorted(ps, &ps->srat);
	unsigned int i, n = 0;

	if (!s)
		return -ENOMEM;
	for (i = 0; i < ps->srat.nr; i++) {
		struct dmesg_range *last = n ? &s[n - 1] : NULL;

		if (last && s[i].start <= last->end) {
			if (s[i].node != last->node) {
				const struct dmesg_range *x = last, *y = &s[i];

				if (x->line > y->line) {
					x = &s[i];
					y = last;
				}
				int err = layout_fail_at(&ps->b, y->line, EINVAL,
							 "SRAT range 0x%llx-0x%llx of node %d overlaps 0x%llx-0x%llx of node %d on line %u",
							 y->start, y->end, y->node, x->start, x->end,
							 x->node, x->line);

				free(s);
				return err;
			}
		}
		if (last && s[i].node == last->node &&
		    (s[i].start <= last->end || s[i].start - 1 == last->end)) {
			if (s[i].end > last->end)
				last->end = s[i].end;
			if (s[i].line < last->line)
				last->line = s[i].line;
			continue;
		}
		s[n++] = s[i];
	}
	*out = s;
	*nr = n;
	return 0;
}

/* The first of the sorted, disjoint @s that ends at or after @addr. */
static unsigned int dmesg_srat_find(const struct dmesg_range *s, unsigned int nr,
				    unsigned long long addr)
{
	unsigned int lo = 0, hi = nr;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (s[mid].end < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* One e820 entry, split at the boundaries of the sorted SRAT ranges. */
static int dmesg_split(struct dmesg_parser *ps, const struct dmesg_range *e,
		       const struct dmesg_range *s, unsigned int nr)
{
	unsigned long long at = e->start;
	unsigned int i;
	int err;

	for (i = dmesg_srat_find(s, nr, at); i < nr && s[i].start <= e->end; i++) {
		unsigned long long end = s[i].end < e->end ? s[i].end : e->end;

		if (s[i].start > at) {
			err = dmesg_add(ps, e, at, s[i].start - 1, 0, 0);
			if (err)
				return err;
			at = s[i].start;
		}
		err = dmesg_add(ps, e, at, end, s[i].node, 1);
		if (err)
			return err;
		if (end == e->end)
			return 0;
		at = end + 1;
	}
	return dmesg_add(ps, e, at, e->end, 0, 0);
}

/*
 * A boundary between addresses: @addr itself, or (@past) the one after
 * @addr, so that the end of the 64-bit space has one.
 */
struct dmesg_point {
	unsigned long long addr;
	int past;
	unsigned int index;		/* of its entry */
};

static int dmesg_point_cmp(const void *a, const void *b)
{
	const struct dmesg_point *x = a, *y = b;

	if (x->addr == y->addr)
		return x->past - y->past;
	if (x->addr < y->addr)
		return x->past && !y->past && x->addr + 1 == y->addr ? 0 : -1;
	return y->past && !x->past && y->addr + 1 == x->addr ? 0 : 1;
}

/* Types the kernel never joins with a neighbour of the same type. */
static int dmesg_e820_mergeable(unsigned int e820)
{
	return e820 != E820_PRAM && e820 != E820_SOFT_RESERVED;
}

/*
 * e820__update_table(): over every boundary in address order, the entries
 * that cover the next addresses; the largest type number among them is
 * the type there.  A new piece starts where that type changes.
 */
static int dmesg_sanitise(struct dmesg_parser *ps, struct dmesg_list *out)
{
	const struct dmesg_list *in = &ps->e820;
	unsigned int nr = in->nr * 2, i, j, k, nactive = 0;
	struct dmesg_point *pt = malloc((nr + 1) * sizeof(*pt));
	unsigned int *active = malloc((in->nr + 1) * sizeof(*active));
	struct dmesg_range cur;
	int open = 0, err = 0;

	memset(&cur, 0, sizeof(cur));
	if (!pt || !active) {
		free(pt);
		free(active);
		return layout_fail_at(&ps->b, 0, ENOMEM, "out of memory");
	}
	for (i = 0; i < in->nr; i++) {
		pt[2 * i] = (struct dmesg_point){ in->r[i].start, 0, i };
		pt[2 * i + 1] = (struct dmesg_point){ in->r[i].end, 1, i };
	}
	qsort(pt, nr, sizeof(*pt), dmesg_point_cmp);
	for (i = 0; i < nr && !err; i = j) {
		const struct dmesg_range *top = NULL;

		/* every change at this boundary: starts add, ends remove */
		for (j = i; j < nr && !dmesg_point_cmp(&pt[i], &pt[j]); j++) {
			if (!pt[j].past) {
				active[nactive++] = pt[j].index;
				continue;
			}
			for (k = 0; k < nactive; k++) {
				if (active[k] == pt[j].index) {
					active[k] = active[--nactive];
					break;
				}
			}
		}
		for (k = 0; k < nactive; k++)
			if (!top || in->r[active[k]].e820 > top->e820 ||
			    (in->r[active[k]].e820 == top->e820 &&
			     in->r[active[k]].line < top->line))
				top = &in->r[active[k]];
		if (open && top && top->e820 == cur.e820 && dmesg_e820_mergeable(cur.e820))
			continue;
		/* close the open piece before this boundary */
		if (open) {
			cur.end = pt[i].past ? pt[i].addr : pt[i].addr - 1;
			err = dmesg_push(ps, out, &cur);
			open = 0;
		}
		if (top && !err) {
			cur = *top;
			cur.start = pt[i].past ? pt[i].addr + 1 : pt[i].addr;
			open = 1;
		}
	}
	free(pt);
	free(active);
	return err;
}

/*
 * One edit of the kernel's (e820__range_update, e820__range_remove) made
 * to @table: the parts of the edit's range of its old type (any, if none
 * given) become the new type, or go.
 */
static int dmesg_apply_edit(struct dmesg_parser *ps, struct dmesg_list *table,
			    const struct dmesg_range *edit)
{
	struct dmesg_list out = { NULL, 0, 0, UINT_MAX, "e820" };
	unsigned int i;
	int err = 0;

	for (i = 0; i < table->nr && !err; i++) {
		struct dmesg_range e = table->r[i], piece = e;

		if (e.end < edit->start || e.start > edit->end ||
		    (edit->node && e.e820 != (unsigned int)edit->node)) {
			err = dmesg_push(ps, &out, &e);
			continue;
		}
		if (e.start < edit->start) {
			piece.end = edit->start - 1;
			err = dmesg_push(ps, &out, &piece);
		}
		if (!err && edit->e820) {
			piece = e;
			piece.start = e.start > edit->start ? e.start : edit->start;
			piece.end = e.end < edit->end ? e.end : edit->end;
			piece.e820 = edit->e820;
			piece.type = dmesg_e820_layout_type(edit->e820);
			err = dmesg_push(ps, &out, &piece);
		}
		if (!err && e.end > edit->end) {
			piece = e;
			piece.start = edit->end + 1;
			err = dmesg_push(ps, &out, &piece);
		}
	}
	free(table->r);
	*table = out;
	return err;
}

/*
 * The table the kernel ended with: the firmware's (@sane, sanitised), or
 * the "user:" one printed after mem= or memmap=, with every edit printed
 * after it made to it, in @edited (which the caller frees).
 */
static int dmesg_final_table(struct dmesg_parser *ps, const struct dmesg_list *sane,
			     struct dmesg_list *edited)
{
	const struct dmesg_list *from = ps->user.nr ? &ps->user : sane;
	unsigned int after = ps->user.nr ? ps->user.r[ps->user.nr - 1].line : 0, i;
	int err = 0;

	*edited = (struct dmesg_list){ NULL, 0, 0, UINT_MAX, "e820" };
	for (i = 0; i < from->nr && !err; i++)
		err = dmesg_push(ps, edited, &from->r[i]);
	for (i = 0; i < ps->edits.nr && !err; i++)
		if (ps->edits.r[i].line > after)
			err = dmesg_apply_edit(ps, edited, &ps->edits.r[i]);
	return err;
}

/* Case 1: the e820 table, sanitised if need be, edited as the kernel did, split at SRAT ranges. */
static int dmesg_compose_e820(struct dmesg_parser *ps)
{
	struct dmesg_list sane = { NULL, 0, 0, UINT_MAX, "e820" };
	struct dmesg_list edited = { NULL, 0, 0, UINT_MAX, "e820" };
	const struct dmesg_list *table = &ps->e820;
	struct dmesg_range *sorted, *srat = NULL;
	unsigned int i, nsrat = 0;
	int err = 0, overlap = 0;

	sorted = dmesg_sorted(ps, &ps->e820);
	if (!sorted)
		return -ENOMEM;
	for (i = 1; i < ps->e820.nr; i++)
		overlap |= sorted[i].start <= sorted[i - 1].end;
	free(sorted);
	if (overlap) {
		err = dmesg_sanitise(ps, &sane);
		table = &sane;
	}
	if (!err && (ps->user.nr || ps->edits.nr)) {
		err = dmesg_final_table(ps, table, &edited);
		table = &edited;
	}
	if (!err && ps->srat.nr)
		err = dmesg_srat_merge(ps, &srat, &nsrat);
	for (i = 0; i < table->nr && !err; i++) {
		if (nsrat)
			err = dmesg_split(ps, &table->r[i], srat, nsrat);
		else
			err = dmesg_add(ps, &table->r[i], table->r[i].start, table->r[i].end, 0, 0);
	}
	free(srat);
	free(sane.r);
	free(edited.r);
	return err;
}

/* An early range and an SRAT range on two nodes for one address. */
static int dmesg_check_nodes(struct dmesg_parser *ps, const struct dmesg_range *s,
			     unsigned int nr)
{
	unsigned int i, k;

	for (i = 0; i < ps->early.nr; i++) {
		const struct dmesg_range *e = &ps->early.r[i];

		for (k = dmesg_srat_find(s, nr, e->start); k < nr && s[k].start <= e->end; k++) {
			if (s[k].node == e->node)
				continue;
			if (e->line > s[k].line)
				return layout_fail_at(&ps->b, e->line, EINVAL,
						      "node %d range 0x%llx-0x%llx is SRAT's node %d (0x%llx-0x%llx on line %u)",
						      e->node, e->start, e->end, s[k].node,
						      s[k].start, s[k].end, s[k].line);
			return layout_fail_at(&ps->b, s[k].line, EINVAL,
					      "SRAT node %d range 0x%llx-0x%llx is early node %d's (0x%llx-0x%llx on line %u)",
					      s[k].node, s[k].start, s[k].end, e->node,
					      e->start, e->end, e->line);
		}
	}
	return 0;
}

/* By type (ram first), node, then address: one node's RAM together. */
static int dmesg_cmp_node(const void *a, const void *b)
{
	const struct dmesg_range *x = a, *y = b;

	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	if (x->node != y->node)
		return x->node < y->node ? -1 : 1;
	return dmesg_cmp(a, b);
}

/* Case 2: the early node ranges, and with SRAT its ranges, merged. */
static int dmesg_compose_early(struct dmesg_parser *ps)
{
	struct dmesg_range *all, *srat = NULL;
	unsigned int i, n = 0, nsrat = 0;
	int given = ps->srat.nr > 0, err;

	for (i = 0; i < ps->early.nr; i++)
		given |= ps->early.r[i].node != 0;
	if (!ps->srat.nr) {
		for (i = 0; i < ps->early.nr; i++) {
			const struct dmesg_range *r = &ps->early.r[i];

			err = dmesg_add(ps, r, r->start, r->end, r->node, given);
			if (err)
				return err;
		}
		return 0;
	}

	/* every SRAT range, hotplug ones too, says which node owns it */
	err = dmesg_srat_merge(ps, &srat, &nsrat);
	if (!err)
		err = dmesg_check_nodes(ps, srat, nsrat);
	free(srat);
	if (err)
		return err;

	all = malloc((ps->early.nr + ps->srat.nr + 1) * sizeof(*all));
	if (!all)
		return layout_fail_at(&ps->b, 0, ENOMEM, "out of memory");
	n = ps->early.nr;
	if (n)
		memcpy(all, ps->early.r, n * sizeof(*all));
	for (i = 0; i < ps->srat.nr; i++)
		if (!ps->srat.r[i].hotplug)
			all[n++] = ps->srat.r[i];
	qsort(all, n, sizeof(*all), dmesg_cmp_node);
	/* merge one node's RAM that overlaps or touches */
	for (i = 0, nsrat = 0; i < n; i++) {
		struct dmesg_range *last = nsrat ? &all[nsrat - 1] : NULL;

		if (last && all[i].type == LAYOUT_RAM && last->type == LAYOUT_RAM &&
		    all[i].node == last->node &&
		    (all[i].start <= last->end || all[i].start - 1 == last->end)) {
			if (all[i].end > last->end)
				last->end = all[i].end;
			if (all[i].line < last->line)
				last->line = all[i].line;
			continue;
		}
		all[nsrat++] = all[i];
	}
	qsort(all, nsrat, sizeof(*all), dmesg_cmp);
	for (i = 0, err = 0; i < nsrat && !err; i++)
		err = dmesg_add(ps, &all[i], all[i].start, all[i].end, all[i].node, 1);
	free(all);
	return err;
}

int layout_parse_dmesg(struct layout *lo, const char *text, size_t len,
		       const char *file, struct layout_error *err)
{
	struct layout_lines it = { text, len, 0 };
	struct dmesg_parser ps;
	struct layout_text t = { NULL, 0 };
	int ret;

	memset(&ps, 0, sizeof(ps));
	layout_builder_init(&ps.b, LAYOUT_FORMAT_DMESG, file, err);
	ps.e820 = (struct dmesg_list){ NULL, 0, 0, DMESG_E820_MAX, "BIOS-e820" };
	ps.srat = (struct dmesg_list){ NULL, 0, 0, DMESG_SRAT_MAX, "SRAT" };
	ps.early = (struct dmesg_list){ NULL, 0, 0, LAYOUT_ENTRIES_MAX, "early node range" };
	ps.user = (struct dmesg_list){ NULL, 0, 0, DMESG_E820_MAX, "user" };
	ps.edits = (struct dmesg_list){ NULL, 0, 0, DMESG_E820_MAX, "e820 edit" };
	while ((ret = layout_next_line(&ps.b, &it, &t)) > 0) {
		ret = dmesg_line(&ps, t);
		if (ret)
			break;
	}
	if (!ret) {
		if (ps.e820.nr)
			ret = dmesg_compose_e820(&ps);
		else if (ps.early.nr || ps.srat.nr)
			ret = dmesg_compose_early(&ps);
		else
			ret = layout_fail_at(&ps.b, 0, EINVAL,
					     "no memory map found: no BIOS-e820, ACPI SRAT or 'Early memory node ranges' lines");
	}
	if (!ret)
		ret = layout_set_string(&ps.b, &ps.b.lo.source, layout_text_of("dmesg"));
	free(ps.e820.r);
	free(ps.srat.r);
	free(ps.early.r);
	free(ps.user.r);
	free(ps.edits.r);
	return layout_finish(&ps.b, ret, lo);
}
