// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * layout_write.c - write a map in the .txt format of data/layouts/
 *
 * What it writes layout_parse() reads back to the same entries: the
 * header lines only when the map has them, a control character in them
 * (a dts model with "\n" in it) as '?' so a header stays one line, and
 * the entries as data/layouts/ spells them, the node only where the
 * source gave one.
 */
#include <errno.h>
#include <stdio.h>

#include "layout.h"

/* "# key: value", or nothing when @value is NULL. */
static void layout_write_header(FILE *f, const char *key, const char *value)
{
	const unsigned char *p;

	if (!value)
		return;
	fprintf(f, "# %s: ", key);
	for (p = (const unsigned char *)value; *p; p++)
		fputc(*p < 0x20 || *p == 0x7f ? '?' : *p, f);
	fputc('\n', f);
}

int layout_write(FILE *f, const struct layout *lo)
{
	unsigned int i;

	layout_write_header(f, "source", lo->source);
	if (lo->arch != LAYOUT_ARCH_NONE)
		layout_write_header(f, "arch", layout_arch_name(lo->arch));
	layout_write_header(f, "desc", lo->desc);
	for (i = 0; i < lo->nr_entries; i++) {
		const struct layout_entry *e = &lo->entries[i];
		const char *type = layout_type_name(e->type);

		if (!type || (e->node_given && e->node < 0))
			return -EIO;
		fprintf(f, "0x%016llx 0x%016llx %s", e->start, e->end, type);
		if (e->node_given)
			fprintf(f, " %d", e->node);
		fputc('\n', f);
	}
	if (fflush(f) || ferror(f))
		return -EIO;
	return 0;
}
