/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * live.h - this machine's memory blocks, as the running kernel lists them
 *
 * /sys/devices/system/memory holds block_size_bytes (hex, no 0x) and a
 * memory<N> directory per memory block, N its id: the block's first
 * section divided by sections per block (drivers/base/memory.c [6.12]).
 * pmm-inspect --live compares them with the blocks the model builds from
 * the firmware map (/sys/firmware/memmap, else /proc/iomem).
 */
#ifndef PMM_TOOLS_LIVE_H
#define PMM_TOOLS_LIVE_H

#include <stdio.h>

#include "account.h"

#define LIVE_PATH_MAX	4096

/**
 * struct live_blocks - the kernel's memory blocks
 * @block_size: block_size_bytes, as the file says: the caller holds it to
 *	the preset (a power of two, whole sections, within the address space)
 * @block_size_file: that file's path, for the caller's messages
 * @runs: runs of block ids, ascending; @nr_runs of them
 * @count: blocks
 */
struct live_blocks {
	unsigned long long block_size;
	char block_size_file[LIVE_PATH_MAX];
	struct account_run *runs;
	unsigned int nr_runs;
	unsigned long count;
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

/* The runs as text: "0-23, 32-199" (at most @size bytes, cut with "..."). */
const char *live_runs_text(char *buf, size_t size, const struct account_run *runs,
			   unsigned int nr);

#endif /* PMM_TOOLS_LIVE_H */
