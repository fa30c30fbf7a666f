// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * memblock.c - RAM as memblock holds it
 *
 * memblock_add() keeps memblock.memory sorted and merges a region into a
 * neighbour of the same node that it overlaps or touches; regions of two
 * nodes stay apart, and can only touch: memblock_set_node() gives each
 * address one node.  layout_memblock() builds that from a map's ram
 * entries, trimmed to whole pages as layout_ram_ranges() trims them.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "pmm_types.h"
#include "layout.h"
#include "layout_internal.h"

/* A trimmed range and the entry it came from, for messages. */
struct memblock_region {
	unsigned long long start_pfn, end_pfn;	/* end exclusive */
	const struct layout_entry *e;
};

static int memblock_cmp(const void *a, const void *b)
{
	const struct memblock_region *x = a, *y = b;

	if (x->start_pfn != y->start_pfn)
		return x->start_pfn < y->start_pfn ? -1 : 1;
	if (x->end_pfn != y->end_pfn)
		return x->end_pfn < y->end_pfn ? -1 : 1;
	return x->e->line < y->e->line ? -1 : x->e->line > y->e->line;
}

static int memblock_fail(const struct layout *lo, struct layout_error *err,
			 unsigned int line, int errnum, const char *reason)
{
	err->file = lo->file;
	err->line = line;
	snprintf(err->reason, sizeof(err->reason), "%s", reason);
	return -errnum;
}

/* Two nodes' regions overlap: blame the later line, name the earlier. */
static int memblock_overlap(const struct layout *lo, struct layout_error *err,
			    const struct layout_entry *x, const struct layout_entry *y)
{
	if (x->line > y->line) {
		const struct layout_entry *t = x;

		x = y;
		y = t;
	}
	err->file = lo->file;
	err->line = y->line;
	snprintf(err->reason, sizeof(err->reason),
		 "ram 0x%llx-0x%llx on node %d overlaps ram 0x%llx-0x%llx of node %d on line %u",
		 y->start, y->end, y->node, x->start, x->end, x->node, x->line);
	return -EINVAL;
}

/* The ram entries trimmed inward to whole pages; empty ones dropped. */
static int memblock_trim(const struct layout *lo, unsigned int page_shift,
			 struct memblock_region *r, unsigned int *nr,
			 struct layout_error *err)
{
	unsigned int i, n = 0;

	for (i = 0; i < lo->nr_entries; i++) {
		const struct layout_entry *e = &lo->entries[i];
		unsigned long long first, end;

		if (e->type != LAYOUT_RAM || !layout_entry_pages(e, page_shift, &first, &end))
			continue;
		if (end > ULONG_MAX)
			return memblock_fail(lo, err, e->line, ERANGE,
					     "a page frame number beyond an unsigned long");
		r[n].start_pfn = first;
		r[n].end_pfn = end;
		r[n].e = e;
		n++;
	}
	*nr = n;
	return 0;
}

int layout_memblock(const struct layout *lo, unsigned int page_shift,
		    struct pmm_range **ranges, unsigned int *nr,
		    struct layout_error *err)
{
	struct memblock_region *r;
	struct pmm_range *out;
	unsigned int i, n, k = 0;
	int ret;

	*ranges = NULL;
	*nr = 0;
	if (page_shift < 1 || page_shift > 63)
		return memblock_fail(lo, err, 0, EINVAL, "page shift not in 1..63");
	r = malloc((lo->nr_entries + 1) * sizeof(*r));
	if (!r)
		return memblock_fail(lo, err, 0, ENOMEM, "out of memory");
	ret = memblock_trim(lo, page_shift, r, &n, err);
	if (ret || !n) {
		free(r);
		return ret;
	}
	qsort(r, n, sizeof(*r), memblock_cmp);

	/* merge in place: r[k - 1] is the region being grown */
	for (i = 0; i < n; i++) {
		struct memblock_region *last = k ? &r[k - 1] : NULL;

		if (last && r[i].start_pfn <= last->end_pfn) {
			if (r[i].e->node != last->e->node) {
				if (r[i].start_pfn < last->end_pfn) {
					ret = memblock_overlap(lo, err, last->e, r[i].e);
					free(r);
					return ret;
				}
			} else {
				/* the entry reaching furthest names the region */
				if (r[i].end_pfn > last->end_pfn) {
					last->end_pfn = r[i].end_pfn;
					last->e = r[i].e;
				}
				continue;
			}
		}
		r[k++] = r[i];
	}

	out = malloc(k * sizeof(*out));
	if (!out) {
		free(r);
		return memblock_fail(lo, err, 0, ENOMEM, "out of memory");
	}
	for (i = 0; i < k; i++) {
		out[i].start_pfn = (unsigned long)r[i].start_pfn;
		out[i].end_pfn = (unsigned long)r[i].end_pfn;
		out[i].nid = r[i].e->node;
	}
	free(r);
	*ranges = out;
	*nr = k;
	return 0;
}
