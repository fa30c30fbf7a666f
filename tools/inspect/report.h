/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * report.h - pmm-inspect's outputs: text for people, JSON for tools
 */
#ifndef PMM_TOOLS_REPORT_H
#define PMM_TOOLS_REPORT_H

#include <stdio.h>

#include "inspect.h"

struct layout;

/**
 * struct report - everything one inspection printed
 * @file: the map's name as given
 * @lo: the parsed map
 * @preset: the preset used
 * @preset_why: how it was chosen ("--preset", "the map's arch", ...)
 * @ram: the RAM as memblock holds it, @nr_ram ranges
 * @res: one result per model, @nr_res of them
 */
struct report {
	const char *file;
	const struct layout *lo;
	const struct inspect_preset *preset;
	const char *preset_why;
	const struct pmm_range *ram;
	unsigned int nr_ram;
	const struct inspect_result *res;
	unsigned int nr_res;
};

/*
 * One JSON object per model, with the fields tools/inspect/README.md
 * lists (preset, model, params, ram_pages, nodes, sections,
 * memory_blocks, overhead, ...), each preceded by ",\n" unless *@first;
 * the caller opens and closes the array when there are several.
 * Return: 0 or -EIO.
 */
int report_json(FILE *f, const struct report *rp, int *first);

/* The same for people.  Return: 0 or -EIO. */
int report_text(FILE *f, const struct report *rp);

/*
 * @count << @shift bytes (@shift < 64; pages when it is PAGE_SHIFT) in
 * binary units with three significant digits: "1.50 GiB", "16 EiB".  The
 * product is not held in 64 bits, so 2^64 bytes of RAM do not wrap to 0.
 */
const char *report_size(char *buf, size_t size, unsigned long long count, int shift);

/* FreeBSD's name of a free list: "DEFAULT", "DMA32" or "LOWMEM" */
const char *report_free_list(int free_list);

/* Xen's pfn_pdx_bottom_mask and pfn_hole_mask for a mask compression's hole */
unsigned long report_pdx_bottom_mask(const struct pmm_pdx *c);
unsigned long report_pdx_hole_mask(const struct pmm_pdx *c);

#endif /* PMM_TOOLS_REPORT_H */
