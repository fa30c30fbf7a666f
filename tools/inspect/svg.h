/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * svg.h - the picture of pmm-inspect: a memory map and what models build
 *
 * One self-contained SVG 1.1 document (no scripts, no external fonts or
 * CSS), SVG_WIDTH pixels wide, as tall as its rows need:
 *
 *	title, the map's '# desc:' line, a legend
 *	break labels ("56 TiB hole") and address ticks ("0x100000000 (4 GiB)")
 *	firmware map	every entry coloured by its type
 *	nodes		each node's span, "node N"
 *	per model	its name and parameters; flat: the mem_map span with
 *			its holes hatched; discontig: a memmap per node;
 *			sparse models: the present sections (with a section
 *			grid where there is room) and a thin row of memory
 *			blocks; Xen's and FreeBSD's models: their runs of
 *			valid PFNs (the frame table's backed groups, the
 *			vm_page_array, the segments) with their holes
 *			hatched; a line with the overhead; or, for a model
 *			that refuses the map, the reason
 *
 * The address axis is compressed: the ranges that hold something (map
 * entries, present sections, memory blocks) are drawn in proportion to
 * their size but at least SVG_MIN_PX wide each, and an empty gap larger
 * than a fraction of the bytes drawn is cut to a narrow break with a
 * zigzag edge, labelled with its size.  Node spans and memmap spans only
 * add boundaries and are drawn across the breaks.  x only grows with the
 * address.
 *
 * Every rectangle of a row carries a class (fw-<type>, node, memmap,
 * hole, section, block) and a <title> (a tooltip in browsers); the rows
 * are groups with ids "firmware", "nodes" and "model-<i>".  Numbers are
 * written with one decimal, without the C locale's help, so the output
 * depends only on the input.
 */
#ifndef PMM_TOOLS_SVG_H
#define PMM_TOOLS_SVG_H

#include <stdio.h>

struct layout;
struct account;

/* The document's width, and the least width of a range that holds something */
#define SVG_WIDTH	1200
#define SVG_MIN_PX	3

/**
 * svg_write - draw the physical address space of a map and what models build
 * @f: where to write the SVG document
 * @lo: the parsed map (all entry types)
 * @title: one line (e.g. "x86-server-dell-r7525-2s-epyc-128g, preset x86_64")
 * @models: accounts of one or more models for that map (an account with
 *	->error set is drawn as a row that says why the model refuses the map)
 * @nr_models: how many
 *
 * The nodes row shows the first account without error that has nodes;
 * when none has, the span of each node's ram entries in @lo.
 *
 * Return: 0, -EIO when writing fails, -ENOMEM (nothing written).
 */
int svg_write(FILE *f, const struct layout *lo, const char *title,
	      const struct account *models, unsigned int nr_models);

/**
 * svg_type_colour - the fill of a map entry type ("#rrggbb")
 * @type: an enum layout_type
 *
 * Return: the colour; that of "reserved" for a type out of range.
 */
const char *svg_type_colour(int type);

#endif /* PMM_TOOLS_SVG_H */
