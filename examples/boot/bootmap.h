/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * bootmap.h - from what firmware hands over to pmm's struct pmm_range:
 * the multiboot memory map (bootmap.c) and the nodes of ACPI's SRAT
 * (srat.c).  Plain C over byte buffers, no hardware access: the kernel
 * and the hosted test (test_bootmap.c) build the same files.
 */
#ifndef BOOT_BOOTMAP_H
#define BOOT_BOOTMAP_H

#include <stdint.h>
#include "pmm_types.h"

#define BOOT_MAX_FW		128	/* firmware map entries kept */
#define BOOT_MAX_RANGES		64	/* RAM ranges handed to pmm */
#define BOOT_MAX_NUMA_BLKS	64	/* SRAT memory affinity entries kept */
#define BOOT_MAX_NODES		8	/* 1 << NODES_SHIFT of the x86_32 presets */
#define BOOT_PAGE_SHIFT		12

/* multiboot v1 (the spec, section 3.3) */
#define MB_BOOTLOADER_MAGIC	0x2BADB002u
#define MB_INFO_MEMORY		(1u << 0)
#define MB_INFO_CMDLINE		(1u << 2)
#define MB_INFO_MEM_MAP		(1u << 6)
#define MB_INFO_LOADER_NAME	(1u << 9)
#define MB_INFO_CMDLINE_OFF	16	/* byte offsets in the info structure */
#define MB_INFO_MMAP_LENGTH	44
#define MB_INFO_MMAP_ADDR	48
#define MB_INFO_LOADER_NAME_OFF	64
#define MB_MMAP_ENTRY_MIN	20	/* base (8) + length (8) + type (4) */

/* e820 / multiboot memory types */
#define FW_RAM		1
#define FW_RESERVED	2
#define FW_ACPI		3
#define FW_NVS		4
#define FW_UNUSABLE	5

/**
 * struct fw_entry - one entry of the firmware map, in bytes
 * @start: first byte
 * @end: one past the last byte (2^64 - 1 if the entry runs to the top)
 * @type: FW_RAM, FW_RESERVED, ...
 */
struct fw_entry {
	uint64_t start, end;
	uint32_t type;
};

/* Return codes of the parsers: 0 or one of these (with a reason string). */
#define MAP_MALFORMED	1
#define MAP_TOO_MANY	2
#define MAP_NO_RAM	3

int mb_parse_mmap(const uint8_t *buf, uint32_t len, struct fw_entry *fw,
		  unsigned int max, unsigned int *nr, const char **why);
int fw_to_ram(const struct fw_entry *fw, unsigned int nr_fw,
	      struct pmm_range *ram, unsigned int max, unsigned int *nr,
	      const char **why);
const char *fw_type_name(uint32_t type);

/*
 * Physical memory as the ACPI walk sees it: a window of @len bytes at
 * @addr, or NULL where the caller cannot reach (above 4 GiB without
 * paging, outside the test's buffer).
 */
struct phys_ops {
	const uint8_t *(*map)(void *ctx, uint64_t addr, uint32_t len);
	void *ctx;
};

/**
 * struct numa_blk - one enabled SRAT memory affinity entry
 * @start, @end: bytes, end exclusive
 * @pxm: its proximity domain
 * @nid: the node Linux would give the domain (acpi_map_pxm_to_node)
 * @hotplug: the hot-pluggable flag
 */
struct numa_blk {
	uint64_t start, end;
	uint32_t pxm;
	int nid;
	int hotplug;
};

/**
 * struct numa_info - what the ACPI walk found
 * @srat: 1 when nodes come from a valid SRAT, 0 when all is node 0
 * @why: without SRAT, the reason (no RSDP, no SRAT in the RSDT, a bad
 *	checksum, ...)
 * @rsdp, @root, @srat_addr: where the tables were found
 * @xsdt: the root table is an XSDT (else an RSDT)
 * @nr_nodes: distinct proximity domains (CPU or memory entries)
 * @nr_blk, @blk: the enabled memory affinity entries
 */
struct numa_info {
	int srat;
	const char *why;
	uint64_t rsdp, root, srat_addr;
	int xsdt;
	unsigned int srat_rev;
	unsigned int nr_nodes;
	unsigned int nr_blk;
	struct numa_blk blk[BOOT_MAX_NUMA_BLKS];
};

void acpi_numa_init(const struct phys_ops *phys, uint64_t ebda,
		    struct numa_info *ni);
int numa_assign(struct numa_info *ni, struct pmm_range *ram,
		unsigned int *nr, unsigned int max, unsigned long *uncovered,
		const char **why);

#endif /* BOOT_BOOTMAP_H */
