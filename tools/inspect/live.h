/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * live.h - this machine's memory blocks, as the running kernel lists them
 *
 * /sys/devices/system/memory holds block_size_bytes (hex, no 0x) and a
 * memory<N> directory per memory block, N its id: the block's first
 * section divided by sections per block (drivers/base/memory.c [6.12]).
 * pmm-inspect --live compares them with the blocks the model builds from
 * the kernel's map: /proc/iomem, else the firmware's /sys/firmware/memmap;
 * on a device-tree machine (no memmap) the blob the kernel was booted
 * with, /sys/firmware/fdt (live_fdt_map()).
 */
#ifndef PMM_TOOLS_LIVE_H
#define PMM_TOOLS_LIVE_H

#include <stdio.h>

#include "account.h"

#define LIVE_PATH_MAX	4096

/**
 * struct live_block - one memory block as sysfs shows it
 * @id: the N of memory<N>
 * @nodes: the nodes it is linked to (its node<M> entries), a bit per node
 *	below 64
 * @far_node: it is linked to a node of 64 or more, which @nodes cannot say
 * @online: its state reads "online"
 * @zones: its valid_zones, without the newline ("" when unreadable)
 */
struct live_block {
	unsigned long id;
	unsigned long nodes;
	int far_node;
	int online;
	char zones[32];
};

/**
 * struct live_zone - a zone of a node, as /proc/zoneinfo gives it
 * @nid: the node
 * @name: the zone's name ("DMA32")
 * @spanned: its spanned pages
 * @start_pfn: its first PFN, when @populated
 * @populated: zoneinfo printed its start_pfn (a populated zone)
 */
struct live_zone {
	int nid;
	char name[16];
	unsigned long spanned, start_pfn;
	int populated;
};

/**
 * struct live_node_span - a node's span, as /proc/zoneinfo gives it
 * @nid: the node
 * @start_pfn: the lowest start_pfn of its populated zones
 * @end_pfn: the highest end (start_pfn + spanned) of them
 */
struct live_node_span {
	int nid;
	unsigned long start_pfn, end_pfn;
};

/**
 * struct live_blocks - the kernel's memory blocks
 * @block_size: block_size_bytes, as the file says: the caller holds it to
 *	the preset (a power of two, whole sections, within the address space)
 * @block_size_file: that file's path, for the caller's messages
 * @runs: runs of block ids, ascending; @nr_runs of them
 * @count: blocks
 * @blocks: the @count blocks, ascending
 * @spans: each node's span (live_read_zoneinfo), @nr_spans of them; none
 *	when zoneinfo is not read
 * @zones: every zone of every node zoneinfo lists, @nr_zones of them
 */
struct live_blocks {
	unsigned long long block_size;
	char block_size_file[LIVE_PATH_MAX];
	struct account_run *runs;
	unsigned int nr_runs;
	unsigned long count;
	struct live_block *blocks;
	struct live_node_span *spans;
	unsigned int nr_spans;
	struct live_zone *zones;
	unsigned int nr_zones;
};

/**
 * live_read_blocks - read <@sysfs>/devices/system/memory
 * @sysfs: where sysfs is mounted ("/sys"; tests give a tree of their own)
 * @lb: filled in; live_free() it
 * @why: the reason on failure, @why_size bytes
 * Return: 0, or a negative errno (no such directory, block_size_bytes
 * unreadable or not a hex number).
 */
int live_read_blocks(const char *sysfs, struct live_blocks *lb, char *why, size_t why_size);

void live_free(struct live_blocks *lb);

/**
 * live_read_zoneinfo - each node's span from <@proc>/zoneinfo
 * @proc: where procfs is
 * @lb: its @spans filled in
 *
 * A zone's "start_pfn:" is printed only when it is populated; "spanned"
 * always.  Return: 0, -ENOENT when the file cannot be read, -EINVAL when
 * it names no node, -ENOMEM.
 */
int live_read_zoneinfo(const char *proc, struct live_blocks *lb);

/**
 * live_assign_nodes - RAM cut at the kernel's node spans
 * @lb: the spans, and the blocks' node links
 * @block_pages: pages per memory block
 * @ram: RAM as memblock holds it (the map has no nodes), @nr ranges
 * @out: filled in: the ranges, each in one node; free() it
 * @nr_out: how many
 *
 * As the kernel's node spans cut it (the mirror module does the same with
 * NODE_DATA); RAM in no span (memory hot-added and offline: a node's span
 * grows when its memory goes online) takes the lowest node sysfs links
 * its block to, else 0.  Return: 0 or -ENOMEM.
 */
int live_assign_nodes(const struct live_blocks *lb, unsigned long block_pages,
		      const struct pmm_range *ram, unsigned int nr,
		      struct pmm_range **out, unsigned int *nr_out);

/**
 * live_compare - print how two lists of block runs differ
 * @f: where to print
 * @ours: the model's runs, @nr_ours of them
 * @theirs: the kernel's, @nr_theirs of them
 * Return: 0 when they are equal, 1 otherwise.
 */
int live_compare(FILE *f, const struct account_run *ours, unsigned int nr_ours,
		 const struct account_run *theirs, unsigned int nr_theirs);

/**
 * live_x86_64_preset - the x86_64 preset of the running kernel
 * @proc: where procfs is ("/proc")
 * @why: filled in with how it was told, @why_size bytes
 *
 * 5-level paging where the CPU has la57 (/proc/cpuinfo: a kernel built
 * with X86_5LEVEL, as Debian's, then uses it), and the distribution's
 * layout of struct mem_section where the kernel has CONFIG_PAGE_EXTENSION
 * (page_ext_init in /proc/kallsyms, which lists names to anyone).
 * Return: "x86_64", "x86_64_la57", "x86_64_distro" or
 * "x86_64_la57_distro".
 */
const char *live_x86_64_preset(const char *proc, char *why, size_t why_size);

/**
 * live_fdt_map - the device tree to read as --live's map, when it is one
 * @sysfs: where sysfs is ("/sys"; tests give a tree of their own)
 * @path: set to "<@sysfs>/firmware/fdt", @size bytes
 * @why: set to why a blob that is there is not taken ("" otherwise),
 *	@why_size bytes
 *
 * A machine without a firmware memmap (no <@sysfs>/firmware/memmap, or
 * one with no entry: arm64, riscv64 and the other device-tree machines)
 * hands its kernel a device tree, and Linux keeps it as
 * <@sysfs>/firmware/fdt (drivers/of/fdt.c of_fdt_raw_init [6.1], root
 * only).  Its memory nodes are what early_init_dt_scan_memory() added to
 * memblock.memory [6.1], no-map regions included, which /proc/iomem
 * leaves out of System RAM: so the blob is taken when it reads as a map.
 * It is not when it has no memory node (a UEFI boot: the EFI stub deletes
 * them, and the EFI memory map describes the RAM), cannot be read (not
 * root) or is malformed: @why says which.
 *
 * Return: 1 when the blob is the map, else 0.
 */
int live_fdt_map(const char *sysfs, char *path, size_t size, char *why, size_t why_size);

/* The runs as text: "0-23, 32-199" (at most @size bytes, cut with "..."). */
const char *live_runs_text(char *buf, size_t size, const struct account_run *runs,
			   unsigned int nr);

#endif /* PMM_TOOLS_LIVE_H */
