// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * parse_iomem.c - /proc/iomem
 *
 * The kernel prints its resource tree one resource a line,
 * "<start>-<end> : <name>", hex without 0x, the end inclusive, two spaces
 * of indent a level.  The firmware's map is the top level: each name is a
 * type (iomem_types[]), "RAM buffer" is the kernel's own padding and is
 * skipped, and a name the table does not know is a device (PCI Bus,
 * IOAPIC, HPET, pnp...).  Below the top only RAM counts: dax kmem puts the
 * RAM it hot-adds under its device as "System RAM (kmem)".  Other children
 * (Kernel code, the BARs of a bus) are skipped, but each line is checked:
 * the indent steps one level at a time and a child lies inside its parent.
 *
 * A reader without CAP_SYS_ADMIN sees every address as zero; such a file
 * is refused, not read as a map of zero-length ranges.
 */
#include <errno.h>
#include <string.h>

#include "layout.h"
#include "layout_internal.h"

/* Deeper than any resource tree: bounds the stack of open parents. */
#define IOMEM_DEPTH_MAX		32

/* How a name maps to a type: exactly, or anywhere in it. */
struct iomem_type {
	const char *name;
	int substring;
	int type;		/* enum layout_type, or -1 to skip */
};

static const struct iomem_type iomem_types[] = {
	{ "System RAM",				0, LAYOUT_RAM },
	{ "Reserved",				0, LAYOUT_RESERVED },
	{ "ACPI Tables",			0, LAYOUT_ACPI },
	{ "ACPI Non-volatile Storage",		0, LAYOUT_NVS },
	{ "Persistent Memory",			0, LAYOUT_PMEM },
	{ "Persistent Memory (legacy)",		0, LAYOUT_PMEM },
	{ "Soft Reserved",			0, LAYOUT_SOFT_RESERVED },
	{ "Unusable memory",			0, LAYOUT_UNUSABLE },
	{ "RAM buffer",				0, -1 },
	{ "ROM",				1, LAYOUT_RESERVED },
};

/* A "System RAM" resource below the top level (dax kmem's is "(kmem)"). */
static int iomem_is_ram(struct layout_text name)
{
	return layout_equals(name, "System RAM") ||
	       layout_equals(name, "System RAM (kmem)");
}

/* The type of a top-level name, or -1 to skip the line. */
static int iomem_top_type(struct layout_text name)
{
	unsigned int i;

	if (iomem_is_ram(name))
		return LAYOUT_RAM;
	for (i = 0; i < sizeof(iomem_types) / sizeof(iomem_types[0]); i++) {
		const struct iomem_type *t = &iomem_types[i];

		if (t->substring ? layout_find(name, 0, t->name) >= 0
				 : layout_equals(name, t->name))
			return t->type;
	}
	return LAYOUT_DEVICE;
}

struct iomem_parser {
	struct layout_builder b;
	/* the open parents, by depth: their range and line */
	unsigned long long start[IOMEM_DEPTH_MAX], end[IOMEM_DEPTH_MAX];
	unsigned int line[IOMEM_DEPTH_MAX];
	unsigned int depth;		/* of the last line; 0 before any */
	unsigned int lines;		/* range lines read */
	int nonzero;			/* some address is not 0 */
};

static int iomem_address(struct iomem_parser *ps, struct layout_text t,
			 const char *what, unsigned long long *v)
{
	char q[LAYOUT_QUOTE_BUF];
	int err = layout_hex_digits(t, v);

	if (err == -ERANGE)
		return layout_fail(&ps->b, EINVAL, "%s '%s' does not fit in 64 bits",
				   what, layout_quote(t, q, sizeof(q)));
	if (err)
		return layout_fail(&ps->b, EINVAL,
				   "%s '%s' is not a hex address (expected '<start>-<end> : <name>')",
				   what, layout_quote(t, q, sizeof(q)));
	return 0;
}

/* The indent: two spaces a level, and one level deeper at most. */
static int iomem_depth(struct iomem_parser *ps, struct layout_text t,
		       unsigned int *depth)
{
	size_t spaces = 0;

	while (spaces < t.n && t.p[spaces] == ' ')
		spaces++;
	if (spaces < t.n && t.p[spaces] == '\t')
		return layout_fail(&ps->b, EINVAL, "a tab in the indent (iomem indents with two spaces a level)");
	if (spaces % 2)
		return layout_fail(&ps->b, EINVAL, "indent of %zu spaces (iomem indents with two spaces a level)",
				   spaces);
	if (spaces / 2 >= IOMEM_DEPTH_MAX)
		return layout_fail(&ps->b, EINVAL, "nested more than %u levels deep",
				   IOMEM_DEPTH_MAX - 1);
	*depth = (unsigned int)(spaces / 2);
	if (*depth > (ps->lines ? ps->depth + 1 : 0))
		return layout_fail(&ps->b, EINVAL,
				   "indented %u level%s under a line of level %u",
				   *depth, *depth == 1 ? "" : "s", ps->lines ? ps->depth : 0);
	return 0;
}

static int iomem_line(struct iomem_parser *ps, struct layout_text t)
{
	struct layout_builder *b = &ps->b;
	struct layout_text range, name, first, last;
	unsigned long long start, end;
	unsigned int depth = 0;
	long sep, dash;
	int type, err;

	if (t.n > LAYOUT_LINE_MAX)
		return layout_fail(b, EINVAL, "line longer than %u bytes: not /proc/iomem",
				   LAYOUT_LINE_MAX);
	if (memchr(t.p, '\0', t.n))
		return layout_fail(b, EINVAL, "NUL byte in the line");
	while (t.n && layout_is_space(t.p[t.n - 1]))
		t.n--;
	if (!t.n)
		return 0;
	err = iomem_depth(ps, t, &depth);
	if (err)
		return err;
	t = layout_skip(t, depth * 2);

	sep = layout_find(t, 0, " : ");
	if (sep < 0)
		return layout_fail(b, EINVAL, "expected '<start>-<end> : <name>'");
	range.p = t.p;
	range.n = (size_t)sep;
	name = layout_skip(t, (size_t)sep + 3);
	dash = layout_find(range, 0, "-");
	if (dash < 0)
		return layout_fail(b, EINVAL, "expected '<start>-<end> : <name>'");
	first.p = range.p;
	first.n = (size_t)dash;
	last = layout_skip(range, (size_t)dash + 1);
	err = iomem_address(ps, first, "start", &start);
	if (!err)
		err = iomem_address(ps, last, "end", &end);
	if (err)
		return err;
	if (start > end)
		return layout_fail(b, EINVAL, "start %llx is above end %llx (the end is inclusive)",
				   start, end);
	if (depth && (start < ps->start[depth - 1] || end > ps->end[depth - 1]))
		return layout_fail(b, EINVAL, "%llx-%llx is not inside its parent %llx-%llx on line %u",
				   start, end, ps->start[depth - 1], ps->end[depth - 1],
				   ps->line[depth - 1]);
	ps->start[depth] = start;
	ps->end[depth] = end;
	ps->line[depth] = b->line;
	ps->depth = depth;
	ps->lines++;
	ps->nonzero |= start || end;

	if (depth)
		type = iomem_is_ram(name) ? LAYOUT_RAM : -1;
	else
		type = iomem_top_type(name);
	if (type < 0)
		return 0;
	{
		struct layout_entry e = {
			.start = start, .end = end,
			.type = (enum layout_type)type, .line = b->line,
		};

		return layout_add(b, &e);
	}
}

int layout_parse_iomem(struct layout *lo, const char *text, size_t len,
		       const char *file, struct layout_error *err)
{
	struct layout_lines it = { text, len, 0 };
	struct iomem_parser ps;
	struct layout_text t = { NULL, 0 };
	int ret;

	memset(&ps, 0, sizeof(ps));
	layout_builder_init(&ps.b, LAYOUT_FORMAT_IOMEM, file, err);
	while ((ret = layout_next_line(&ps.b, &it, &t)) > 0) {
		ret = iomem_line(&ps, t);
		if (ret)
			break;
	}
	if (!ret && !ps.lines)
		ret = layout_fail_at(&ps.b, 0, EINVAL, "no '<start>-<end> : <name>' line: empty");
	if (!ret && !ps.nonzero)
		ret = layout_fail_at(&ps.b, 0, EINVAL,
				     "all addresses are zero: /proc/iomem shows them to root only");
	return layout_finish(&ps.b, ret, lo);
}
