/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * test_bootmap.c - the boot example's firmware parsers, hosted, under
 * ASan and UBSan: the multiboot memory map (mb_parse_mmap, fw_to_ram),
 * the ACPI walk to the SRAT (acpi_numa_init) and the split of RAM at
 * node boundaries (numa_assign).  Named cases with exact values, then
 * random maps against a page-by-page oracle, reproducible with
 * -s SEED -n OPS (-v lists the cases).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bootmap.h"
#include "test.h"

/* --- building firmware data ------------------------------------------ */

static void wr32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static void wr64(uint8_t *p, uint64_t v)
{
	wr32(p, (uint32_t)v);
	wr32(p + 4, (uint32_t)(v >> 32));
}

/* Append one multiboot mmap entry of @size bytes after the size field. */
static uint32_t mb_entry(uint8_t *buf, uint32_t off, uint32_t size, uint64_t base,
			 uint64_t len, uint32_t type)
{
	memset(buf + off, 0, 4 + size);
	wr32(buf + off, size);
	if (size >= 8)
		wr64(buf + off + 4, base);
	if (size >= 16)
		wr64(buf + off + 12, len);
	if (size >= 20)
		wr32(buf + off + 20, type);
	return off + 4 + size;
}

/* The byte that makes [p, p + n) sum to zero, written at p[at]. */
static void fix_sum(uint8_t *p, uint32_t n, uint32_t at)
{
	uint8_t s = 0;
	uint32_t i;

	p[at] = 0;
	for (i = 0; i < n; i++)
		s = (uint8_t)(s + p[i]);
	p[at] = (uint8_t)-s;
}

/* Fake physical memory: [0, PHYS_SIZE), the last 128 KiB for tables. */
#define PHYS_SIZE	0x120000u
#define RSDP_ADDR	0xf5a00u
#define EBDA_ADDR	0x9fc00u
#define RSDT_ADDR	0x100000u
#define XSDT_ADDR	0x100400u
#define APIC_ADDR	0x100800u
#define SRAT_ADDR	0x101000u

static uint8_t *phys;

static const uint8_t *fake_map(void *ctx, uint64_t addr, uint32_t len)
{
	(void)ctx;
	if (addr > PHYS_SIZE || len > PHYS_SIZE - addr)
		return NULL;
	return phys + addr;
}

static const struct phys_ops fake_phys = { fake_map, NULL };

static void header(uint32_t at, const char *sig, uint32_t len, uint8_t rev)
{
	memset(phys + at, 0, 36);
	memcpy(phys + at, sig, 4);
	wr32(phys + at + 4, len);
	phys[at + 8] = rev;
	memcpy(phys + at + 10, "PMMTST", 6);
	fix_sum(phys + at, len, 9);
}

static void rsdp(uint32_t at, uint8_t rev, uint32_t rsdt, uint64_t xsdt)
{
	memset(phys + at, 0, 36);
	memcpy(phys + at, "RSD PTR ", 8);
	memcpy(phys + at + 9, "PMMTST", 6);
	phys[at + 15] = rev;
	wr32(phys + at + 16, rsdt);
	if (rev >= 2) {
		wr32(phys + at + 20, 36);
		wr64(phys + at + 24, xsdt);
	}
	fix_sum(phys + at, 20, 8);
	if (rev >= 2)
		fix_sum(phys + at, 36, 32);
}

/* An RSDT listing an unrelated table first, then @srat (0: none). */
static void rsdt(uint32_t srat)
{
	header(APIC_ADDR, "APIC", 44, 1);
	wr32(phys + RSDT_ADDR + 36, APIC_ADDR);
	wr32(phys + RSDT_ADDR + 40, srat);
	header(RSDT_ADDR, "RSDT", srat ? 44 : 40, 1);
}

/* The SRAT being built: entries appended, then srat_close() signs it. */
static uint32_t srat_len;

static void srat_open(void)
{
	memset(phys + SRAT_ADDR, 0, 0x1000);
	srat_len = 48;
	wr32(phys + SRAT_ADDR + 36, 1);	/* "reserved, 1" for compatibility */
}

static void srat_cpu(uint32_t pxm, int enabled)
{
	uint8_t *e = phys + SRAT_ADDR + srat_len;

	e[0] = 0;
	e[1] = 16;
	e[2] = (uint8_t)pxm;
	wr32(e + 4, enabled ? 1 : 0);
	e[9] = (uint8_t)(pxm >> 8);
	e[10] = (uint8_t)(pxm >> 16);
	e[11] = (uint8_t)(pxm >> 24);
	srat_len += 16;
}

static void srat_x2apic(uint32_t pxm)
{
	uint8_t *e = phys + SRAT_ADDR + srat_len;

	e[0] = 2;
	e[1] = 24;
	wr32(e + 4, pxm);
	wr32(e + 12, 1);
	srat_len += 24;
}

static void srat_mem(uint32_t pxm, uint64_t base, uint64_t len, uint32_t flags)
{
	uint8_t *e = phys + SRAT_ADDR + srat_len;

	e[0] = 1;
	e[1] = 40;
	wr32(e + 2, pxm);
	wr64(e + 8, base);
	wr64(e + 16, len);
	wr32(e + 28, flags);
	srat_len += 40;
}

static void srat_close(uint8_t rev)
{
	header(SRAT_ADDR, "SRAT", srat_len, rev);
}

/* A PC as QEMU builds one with two nodes: RSDP in the BIOS area, RSDT, SRAT. */
static void two_node_pc(void)
{
	memset(phys, 0, PHYS_SIZE);
	rsdp(RSDP_ADDR, 0, RSDT_ADDR, 0);
	rsdt(SRAT_ADDR);
	srat_open();
	srat_cpu(0, 1);
	srat_cpu(1, 1);
	srat_mem(0, 0, 0xa0000, 1);
	srat_mem(0, 0x100000, 0x2ff00000, 1);
	srat_mem(1, 0x30000000, 0x50000000, 1);
	srat_mem(0, 0, 0, 0);			/* QEMU's disabled padding */
	srat_close(1);
}

/* --- the multiboot memory map ---------------------------------------- */

static int mb_qemu_map(void)
{
	uint8_t buf[256];
	struct fw_entry fw[8];
	struct pmm_range ram[8];
	const char *why = NULL;
	unsigned int nr = 0, nr_ram = 0;
	uint32_t off = 0;

	off = mb_entry(buf, off, 20, 0, 0x9fc00, FW_RAM);
	off = mb_entry(buf, off, 20, 0x9fc00, 0x400, FW_RESERVED);
	off = mb_entry(buf, off, 20, 0xf0000, 0x10000, FW_RESERVED);
	off = mb_entry(buf, off, 20, 0x100000, 0x3ee0000, FW_RAM);
	off = mb_entry(buf, off, 20, 0x3fe0000, 0x20000, FW_RESERVED);
	off = mb_entry(buf, off, 20, 0x100000000ull, 0x40000000, FW_RAM);
	ASSERT_EQ(0, mb_parse_mmap(buf, off, fw, 8, &nr, &why));
	ASSERT_EQ(6, nr);
	ASSERT_EQ(0x9fc00, fw[1].start);
	ASSERT_EQ(0xa0000, fw[1].end);
	ASSERT_EQ(FW_RESERVED, fw[1].type);
	ASSERT_EQ(0x140000000ull, fw[5].end);
	ASSERT_EQ(0, fw_to_ram(fw, nr, ram, 8, &nr_ram, &why));
	ASSERT_EQ(3, nr_ram);
	ASSERT_EQ(0, ram[0].start_pfn);
	ASSERT_EQ(0x9f, ram[0].end_pfn);
	ASSERT_EQ(0x100, ram[1].start_pfn);
	ASSERT_EQ(0x3fe0, ram[1].end_pfn);
	ASSERT_EQ(0x100000, ram[2].start_pfn);
	ASSERT_EQ(0x140000, ram[2].end_pfn);
	ASSERT_EQ(0, ram[2].nid);
	return 0;
}

/* The spec's walk: the next entry is size + 4 further, whatever size is. */
static int mb_long_and_empty_entries(void)
{
	uint8_t buf[256];
	struct fw_entry fw[8];
	const char *why = NULL;
	unsigned int nr = 0;
	uint32_t off = 0;

	off = mb_entry(buf, off, 24, 0x1000, 0x1000, FW_RAM);
	off = mb_entry(buf, off, 20, 0x5000, 0, FW_RAM);	/* empty: dropped */
	off = mb_entry(buf, off, 32, 0x8000, 0x2000, FW_NVS);
	ASSERT_EQ(0, mb_parse_mmap(buf, off, fw, 8, &nr, &why));
	ASSERT_EQ(2, nr);
	ASSERT_EQ(0x8000, fw[1].start);
	ASSERT_EQ(0xa000, fw[1].end);
	ASSERT_EQ(FW_NVS, fw[1].type);
	return 0;
}

static int mb_malformed(void)
{
	uint8_t buf[256];
	struct fw_entry fw[8];
	const char *why = NULL;
	unsigned int nr = 0;
	uint32_t off;

	off = mb_entry(buf, 0, 20, 0, 0x1000, FW_RAM);
	/* a size field cut off by mmap_length */
	ASSERT_EQ(MAP_MALFORMED, mb_parse_mmap(buf, off + 2, fw, 8, &nr, &why));
	/* an entry past mmap_length */
	ASSERT_EQ(MAP_MALFORMED, mb_parse_mmap(buf, off - 1, fw, 8, &nr, &why));
	/* shorter than base, length and type */
	off = mb_entry(buf, 0, 16, 0, 0x1000, FW_RAM);
	ASSERT_EQ(MAP_MALFORMED, mb_parse_mmap(buf, off, fw, 8, &nr, &why));
	/* wrapping past 2^64 */
	off = mb_entry(buf, 0, 20, ~0ull - 0xfff, 0x2000, FW_RAM);
	ASSERT_EQ(MAP_MALFORMED, mb_parse_mmap(buf, off, fw, 8, &nr, &why));
	ASSERT_CONTAINS(why, "wraps");
	/* up to the last byte is fine */
	off = mb_entry(buf, 0, 20, ~0ull - 0xfff, 0x1000, FW_RESERVED);
	ASSERT_EQ(0, mb_parse_mmap(buf, off, fw, 8, &nr, &why));
	ASSERT_EQ(~0ull, fw[0].end);
	/* no entry at all is a valid, empty map */
	ASSERT_EQ(0, mb_parse_mmap(buf, 0, fw, 8, &nr, &why));
	ASSERT_EQ(0, nr);
	return 0;
}

static int mb_too_many(void)
{
	uint8_t buf[24 * 5];
	struct fw_entry fw[4];
	const char *why = NULL;
	unsigned int nr = 0, i;
	uint32_t off = 0;

	for (i = 0; i < 5; i++)
		off = mb_entry(buf, off, 20, i * 0x10000ull, 0x1000, FW_RAM);
	ASSERT_EQ(MAP_TOO_MANY, mb_parse_mmap(buf, off, fw, 4, &nr, &why));
	ASSERT_EQ(0, mb_parse_mmap(buf, off - 24, fw, 4, &nr, &why));
	ASSERT_EQ(4, nr);
	return 0;
}

/* Pages: PFN_UP of starts, PFN_DOWN of ends; under a page is nothing. */
static int ram_trimmed_to_pages(void)
{
	struct fw_entry fw[] = {
		{ 0x1800, 0x9fc00, FW_RAM },
		{ 0x200000, 0x200fff, FW_RAM },		/* under a page */
		{ 0x300001, 0x302001, FW_RAM },
	};
	struct pmm_range ram[4];
	const char *why = NULL;
	unsigned int nr = 0;

	ASSERT_EQ(0, fw_to_ram(fw, 3, ram, 4, &nr, &why));
	ASSERT_EQ(2, nr);
	ASSERT_EQ(2, ram[0].start_pfn);
	ASSERT_EQ(0x9f, ram[0].end_pfn);
	ASSERT_EQ(0x301, ram[1].start_pfn);
	ASSERT_EQ(0x302, ram[1].end_pfn);
	return 0;
}

/* memblock_add merges; e820's sanitiser lets non-RAM win an overlap. */
static int ram_merged_and_cut(void)
{
	struct fw_entry fw[] = {
		{ 0x100000, 0x200000, FW_RAM },
		{ 0x180000, 0x300000, FW_RAM },		/* overlaps */
		{ 0x300000, 0x400000, FW_RAM },		/* touches */
		{ 0x250000, 0x251000, FW_RESERVED },	/* splits */
		{ 0x0ff000, 0x101000, FW_ACPI },	/* cuts the start */
		{ 0x3ff800, 0x500000, FW_NVS },		/* cuts the end, mid-page */
		{ 0x800000, 0x900000, FW_RAM },
		{ 0x7f0000, 0x910000, FW_UNUSABLE },	/* swallows */
	};
	struct pmm_range ram[4];
	const char *why = NULL;
	unsigned int nr = 0;

	ASSERT_EQ(0, fw_to_ram(fw, 8, ram, 4, &nr, &why));
	ASSERT_EQ(2, nr);
	ASSERT_EQ(0x101, ram[0].start_pfn);
	ASSERT_EQ(0x250, ram[0].end_pfn);
	ASSERT_EQ(0x251, ram[1].start_pfn);
	ASSERT_EQ(0x3ff, ram[1].end_pfn);
	/* room for one range only */
	ASSERT_EQ(MAP_TOO_MANY, fw_to_ram(fw, 8, ram, 1, &nr, &why));
	return 0;
}

static int ram_none(void)
{
	struct fw_entry fw[] = {
		{ 0x0, 0xa0000, FW_RESERVED },
		{ 0x100000, 0x100800, FW_RAM },
		{ 0x200000, 0x300000, FW_RAM },
		{ 0x1f0000, 0x310000, FW_RESERVED },
	};
	struct pmm_range ram[4];
	const char *why = NULL;
	unsigned int nr = 0;

	ASSERT_EQ(MAP_NO_RAM, fw_to_ram(fw, 4, ram, 4, &nr, &why));
	ASSERT_EQ(0, nr);
	ASSERT_CONTAINS(why, "no usable RAM");
	ASSERT_EQ(MAP_NO_RAM, fw_to_ram(fw, 0, ram, 4, &nr, &why));
	return 0;
}

/* --- the ACPI walk --------------------------------------------------- */

static int acpi_two_nodes(void)
{
	struct numa_info ni;

	two_node_pc();
	acpi_numa_init(&fake_phys, EBDA_ADDR, &ni);
	ASSERT_EQ(1, ni.srat);
	ASSERT_EQ(RSDP_ADDR, ni.rsdp);
	ASSERT_EQ(RSDT_ADDR, ni.root);
	ASSERT_EQ(0, ni.xsdt);
	ASSERT_EQ(SRAT_ADDR, ni.srat_addr);
	ASSERT_EQ(1, ni.srat_rev);
	ASSERT_EQ(2, ni.nr_nodes);
	ASSERT_EQ(3, ni.nr_blk);	/* the disabled entry is skipped */
	ASSERT_EQ(0x100000, ni.blk[1].start);
	ASSERT_EQ(0x30000000, ni.blk[1].end);
	ASSERT_EQ(0, ni.blk[1].nid);
	ASSERT_EQ(1, ni.blk[2].nid);
	ASSERT_EQ(0x80000000ull, ni.blk[2].end);
	return 0;
}

/* Node ids in acpi_map_pxm_to_node's order: CPUs first, then memory. */
static int acpi_pxm_order(void)
{
	struct numa_info ni;

	two_node_pc();
	srat_open();
	srat_mem(7, 0, 0x100000, 1);
	srat_cpu(5, 1);
	srat_cpu(9, 0);				/* disabled: no node */
	srat_x2apic(3);
	srat_mem(3, 0x100000, 0x100000, 3);	/* enabled, hot-pluggable */
	srat_mem(5, 0x200000, 0x100000, 1);
	srat_close(1);
	acpi_numa_init(&fake_phys, EBDA_ADDR, &ni);
	ASSERT_EQ(1, ni.srat);
	ASSERT_EQ(3, ni.nr_nodes);
	ASSERT_EQ(2, ni.blk[0].nid);	/* pxm 7, first seen in pass 2 */
	ASSERT_EQ(7, ni.blk[0].pxm);
	ASSERT_EQ(1, ni.blk[1].nid);	/* pxm 3, the x2APIC entry */
	ASSERT_EQ(1, ni.blk[1].hotplug);
	ASSERT_EQ(0, ni.blk[2].nid);	/* pxm 5, the first CPU */
	ASSERT_EQ(0, ni.blk[2].hotplug);
	return 0;
}

/* Revision 1 reads 8 bits of a memory entry's domain, revision 2 all 32. */
static int acpi_pxm_width(void)
{
	struct numa_info ni;

	two_node_pc();
	srat_open();
	srat_mem(0x102, 0, 0x100000, 1);
	srat_close(1);
	acpi_numa_init(&fake_phys, EBDA_ADDR, &ni);
	ASSERT_EQ(1, ni.srat);
	ASSERT_EQ(2, ni.blk[0].pxm);
	srat_open();
	srat_cpu(0x20001, 1);
	srat_mem(0x20001, 0, 0x100000, 1);
	srat_mem(0x102, 0x100000, 0x100000, 1);
	srat_close(3);
	acpi_numa_init(&fake_phys, EBDA_ADDR, &ni);
	ASSERT_EQ(1, ni.srat);
	ASSERT_EQ(0x20001, ni.blk[0].pxm);
	ASSERT_EQ(0, ni.blk[0].nid);
	ASSERT_EQ(0x102, ni.blk[1].pxm);
	ASSERT_EQ(1, ni.blk[1].nid);
	return 0;
}

/* The EBDA's first KiB is searched first; the BIOS area is the fallback. */
static int acpi_rsdp_in_ebda(void)
{
	struct numa_info ni;

	two_node_pc();
	rsdp(EBDA_ADDR + 0x40, 0, RSDT_ADDR, 0);
	memset(phys + RSDP_ADDR, 0, 20);
	acpi_numa_init(&fake_phys, EBDA_ADDR, &ni);
	ASSERT_EQ(EBDA_ADDR + 0x40, ni.rsdp);
	ASSERT_EQ(1, ni.srat);
	/* not 16-byte aligned: not found */
	memset(phys + EBDA_ADDR, 0, 0x400);
	rsdp(EBDA_ADDR + 0x48, 0, RSDT_ADDR, 0);
	acpi_numa_init(&fake_phys, EBDA_ADDR, &ni);
	ASSERT_EQ(0, ni.srat);
	ASSERT_CONTAINS(ni.why, "no RSDP");
	/* an EBDA pointer at or below 0x400 is not followed (Linux) */
	rsdp(0x100, 0, RSDT_ADDR, 0);
	acpi_numa_init(&fake_phys, 0x100, &ni);
	ASSERT_EQ(0, ni.srat);
	return 0;
}

static int acpi_rsdp_bad_checksum(void)
{
	struct numa_info ni;

	two_node_pc();
	phys[RSDP_ADDR + 8] ^= 1;
	acpi_numa_init(&fake_phys, EBDA_ADDR, &ni);
	ASSERT_EQ(0, ni.srat);
	ASSERT_EQ(0, ni.nr_blk);
	ASSERT_CONTAINS(ni.why, "bad checksum");
	/* a later valid copy is found */
	rsdp(RSDP_ADDR + 0x100, 0, RSDT_ADDR, 0);
	acpi_numa_init(&fake_phys, EBDA_ADDR, &ni);
	ASSERT_EQ(1, ni.srat);
	ASSERT_EQ(RSDP_ADDR + 0x100, ni.rsdp);
	/* revision 2: the extended checksum counts too */
	two_node_pc();
	rsdp(RSDP_ADDR, 2, RSDT_ADDR, 0);
	phys[RSDP_ADDR + 33] = 1;
	acpi_numa_init(&fake_phys, EBDA_ADDR, &ni);
	ASSERT_EQ(0, ni.srat);
	return 0;
}

static int acpi_xsdt(void)
{
	struct numa_info ni;

	two_node_pc();
	rsdp(RSDP_ADDR, 2, RSDT_ADDR, XSDT_ADDR);
	wr64(phys + XSDT_ADDR + 36, SRAT_ADDR);
	header(XSDT_ADDR, "XSDT", 44, 1);
	/* an RSDT that lists no SRAT: the XSDT must be the one read */
	rsdt(0);
	acpi_numa_init(&fake_phys, EBDA_ADDR, &ni);
	ASSERT_EQ(1, ni.xsdt);
	ASSERT_EQ(XSDT_ADDR, ni.root);
	ASSERT_EQ(1, ni.srat);
	/* a broken XSDT: the RSDT instead */
	rsdt(SRAT_ADDR);
	phys[XSDT_ADDR + 20] ^= 0x55;
	acpi_numa_init(&fake_phys, EBDA_ADDR, &ni);
	ASSERT_EQ(0, ni.xsdt);
	ASSERT_EQ(RSDT_ADDR, ni.root);
	ASSERT_EQ(1, ni.srat);
	/* an XSDT entry out of reach is skipped, and said */
	header(XSDT_ADDR, "XSDT", 44, 1);
	wr64(phys + XSDT_ADDR + 36, 0x100000000ull);
	header(XSDT_ADDR, "XSDT", 44, 1);
	acpi_numa_init(&fake_phys, EBDA_ADDR, &ni);
	ASSERT_EQ(0, ni.srat);
	ASSERT_CONTAINS(ni.why, "above");
	return 0;
}

static int acpi_broken_tables(void)
{
	struct numa_info ni;

	/* the RSDT's checksum */
	two_node_pc();
	phys[RSDT_ADDR + 40] ^= 0x10;
	acpi_numa_init(&fake_phys, EBDA_ADDR, &ni);
	ASSERT_EQ(0, ni.srat);
	ASSERT_CONTAINS(ni.why, "RSDT/XSDT has a bad checksum");
	/* the RSDP points at something else */
	two_node_pc();
	memcpy(phys + RSDT_ADDR, "FACP", 4);
	acpi_numa_init(&fake_phys, EBDA_ADDR, &ni);
	ASSERT_EQ(0, ni.srat);
	ASSERT_CONTAINS(ni.why, "no RSDT/XSDT signature");
	/* the SRAT's checksum */
	two_node_pc();
	phys[SRAT_ADDR + 60] ^= 1;
	acpi_numa_init(&fake_phys, EBDA_ADDR, &ni);
	ASSERT_EQ(0, ni.srat);
	ASSERT_EQ(0, ni.nr_blk);
	ASSERT_EQ(SRAT_ADDR, ni.srat_addr);
	ASSERT_CONTAINS(ni.why, "SRAT: bad checksum");
	/* no SRAT listed */
	two_node_pc();
	rsdt(0);
	acpi_numa_init(&fake_phys, EBDA_ADDR, &ni);
	ASSERT_EQ(0, ni.srat);
	ASSERT_CONTAINS(ni.why, "no SRAT");
	return 0;
}

static int acpi_bad_srat_entries(void)
{
	struct numa_info ni;
	unsigned int i;

	/* an entry of length 0 */
	two_node_pc();
	srat_open();
	srat_mem(0, 0, 0x100000, 1);
	srat_len += 8;			/* 8 zero bytes: type 0, length 0 */
	srat_close(1);
	acpi_numa_init(&fake_phys, EBDA_ADDR, &ni);
	ASSERT_EQ(0, ni.srat);
	ASSERT_CONTAINS(ni.why, "overruns");
	/* two nodes claim the same memory */
	srat_open();
	srat_mem(0, 0, 0x200000, 1);
	srat_mem(1, 0x1ff000, 0x100000, 1);
	srat_close(1);
	acpi_numa_init(&fake_phys, EBDA_ADDR, &ni);
	ASSERT_EQ(0, ni.srat);
	ASSERT_CONTAINS(ni.why, "overlap");
	/* one node twice is fine */
	srat_open();
	srat_mem(0, 0, 0x200000, 1);
	srat_mem(0, 0x100000, 0x200000, 1);
	srat_close(1);
	acpi_numa_init(&fake_phys, EBDA_ADDR, &ni);
	ASSERT_EQ(1, ni.srat);
	/* more domains than MAX_NUMNODES */
	srat_open();
	for (i = 0; i <= BOOT_MAX_NODES; i++)
		srat_mem(i, i * 0x100000ull, 0x100000, 1);
	srat_close(1);
	acpi_numa_init(&fake_phys, EBDA_ADDR, &ni);
	ASSERT_EQ(0, ni.srat);
	ASSERT_CONTAINS(ni.why, "MAX_NUMNODES");
	/* no enabled memory entry */
	srat_open();
	srat_cpu(0, 1);
	srat_mem(0, 0, 0x100000, 0);
	srat_close(1);
	acpi_numa_init(&fake_phys, EBDA_ADDR, &ni);
	ASSERT_EQ(0, ni.srat);
	ASSERT_CONTAINS(ni.why, "no enabled memory");
	return 0;
}

/* --- numa_assign ----------------------------------------------------- */

static int numa_split(void)
{
	struct numa_info ni;
	struct pmm_range ram[8] = {
		{ 0x0, 0x9f, 0 }, { 0x100, 0x7ffe0, 0 },
	};
	unsigned int nr = 2;
	unsigned long unc = 1;
	const char *why = NULL;

	two_node_pc();
	acpi_numa_init(&fake_phys, EBDA_ADDR, &ni);
	ASSERT_EQ(0, numa_assign(&ni, ram, &nr, 8, &unc, &why));
	ASSERT_EQ(0, unc);
	ASSERT_EQ(3, nr);
	ASSERT_EQ(0x9f, ram[0].end_pfn);
	ASSERT_EQ(0x100, ram[1].start_pfn);
	ASSERT_EQ(0x30000, ram[1].end_pfn);
	ASSERT_EQ(0, ram[1].nid);
	ASSERT_EQ(0x30000, ram[2].start_pfn);
	ASSERT_EQ(0x7ffe0, ram[2].end_pfn);
	ASSERT_EQ(1, ram[2].nid);
	/* no room for the third piece */
	nr = 2;
	ram[1].start_pfn = 0x100;
	ram[1].end_pfn = 0x7ffe0;
	ram[1].nid = 0;
	ASSERT_EQ(MAP_TOO_MANY, numa_assign(&ni, ram, &nr, 2, &unc, &why));
	return 0;
}

/* A boundary inside a page: the page goes where its first byte lies. */
static int numa_unaligned_boundary(void)
{
	struct numa_info ni;
	struct pmm_range ram[4] = { { 0x0, 0x400, 0 } };
	unsigned int nr = 1;
	unsigned long unc;
	const char *why = NULL;

	two_node_pc();
	srat_open();
	srat_mem(0, 0, 0x200800, 1);
	srat_mem(1, 0x200800, 0x1ff800, 1);
	srat_close(1);
	acpi_numa_init(&fake_phys, EBDA_ADDR, &ni);
	ASSERT_EQ(1, ni.srat);
	ASSERT_EQ(0, numa_assign(&ni, ram, &nr, 4, &unc, &why));
	ASSERT_EQ(2, nr);
	ASSERT_EQ(0x201, ram[0].end_pfn);
	ASSERT_EQ(0x201, ram[1].start_pfn);
	ASSERT_EQ(1, ram[1].nid);
	return 0;
}

/* numa_meminfo_cover_memory: under 1 MiB uncovered stays, more drops NUMA. */
static int numa_coverage(void)
{
	struct numa_info ni;
	struct pmm_range ram[4] = { { 0x0, 0x400, 0 } };
	unsigned int nr = 1;
	unsigned long unc;
	const char *why = NULL;

	two_node_pc();
	srat_open();
	srat_cpu(0, 1);
	srat_mem(1, 0x1000, 0x3ff000, 1);	/* page 0 uncovered */
	srat_close(1);
	acpi_numa_init(&fake_phys, EBDA_ADDR, &ni);
	ASSERT_EQ(0, numa_assign(&ni, ram, &nr, 4, &unc, &why));
	ASSERT_EQ(1, ni.srat);
	ASSERT_EQ(1, unc);
	ASSERT_EQ(2, nr);
	ASSERT_EQ(0, ram[0].nid);
	ASSERT_EQ(1, ram[0].end_pfn);
	ASSERT_EQ(1, ram[1].nid);
	ASSERT_EQ(0x400, ram[1].end_pfn);
	srat_open();
	srat_mem(1, 0x100000, 0x300000, 1);	/* 1 MiB uncovered */
	srat_close(1);
	acpi_numa_init(&fake_phys, EBDA_ADDR, &ni);
	ram[0].start_pfn = 0;
	ram[0].end_pfn = 0x400;
	nr = 1;
	ASSERT_EQ(0, numa_assign(&ni, ram, &nr, 4, &unc, &why));
	ASSERT_EQ(0, ni.srat);
	ASSERT_EQ(256, unc);
	ASSERT_EQ(1, nr);
	ASSERT_EQ(0x400, ram[0].end_pfn);
	ASSERT_CONTAINS(ni.why, "uncovered");
	return 0;
}

/* --- random maps against a page oracle ------------------------------- */

/*
 * Maps over 64 pages in 256-byte units: a page is RAM when each of its
 * units is claimed by RAM and by nothing else (fw_to_ram's promise), and
 * the ranges are the maximal runs of such pages.
 */
#define R_UNITS		1024
#define R_PER_PAGE	16

static unsigned long long rng_state;

static unsigned int rnd(unsigned int n)
{
	rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
	return (unsigned int)((rng_state >> 33) % n);
}

static void random_fw_case(void)
{
	unsigned char unit[R_UNITS];
	struct fw_entry fw[12];
	struct pmm_range ram[BOOT_MAX_RANGES], want[BOOT_MAX_RANGES];
	unsigned int nfw = 1 + rnd(12), i, u, p, nr = 0, nwant = 0;
	const char *why = NULL;
	int err;

	memset(unit, 0, sizeof(unit));
	for (i = 0; i < nfw; i++) {
		unsigned int s = rnd(R_UNITS), len = 1 + rnd(R_UNITS / 3);

		if (s + len > R_UNITS)
			len = R_UNITS - s;
		fw[i].start = (uint64_t)s * 256;
		fw[i].end = (uint64_t)(s + len) * 256;
		fw[i].type = rnd(3) ? FW_RAM : 2 + rnd(4);
		for (u = s; u < s + len; u++)
			unit[u] |= fw[i].type == FW_RAM ? 1 : 2;
	}
	for (p = 0; p < R_UNITS / R_PER_PAGE; p++) {
		int is_ram = 1;

		for (u = p * R_PER_PAGE; u < (p + 1) * R_PER_PAGE; u++)
			is_ram &= unit[u] == 1;
		if (!is_ram)
			continue;
		if (nwant && want[nwant - 1].end_pfn == p) {
			want[nwant - 1].end_pfn++;
		} else {
			want[nwant].start_pfn = p;
			want[nwant].end_pfn = p + 1;
			want[nwant].nid = 0;
			nwant++;
		}
	}
	err = fw_to_ram(fw, nfw, ram, BOOT_MAX_RANGES, &nr, &why);
	ASSERT_EQ(nwant ? 0 : MAP_NO_RAM, err);
	ASSERT_EQ(nwant, nr);
	for (i = 0; i < nr && i < nwant; i++) {
		ASSERT_EQ(want[i].start_pfn, ram[i].start_pfn);
		ASSERT_EQ(want[i].end_pfn, ram[i].end_pfn);
	}
}

/*
 * Random node blocks over random RAM: disjoint blocks of random nodes,
 * some repeated in part on the same node (what srat_parse lets through),
 * in random order.  Each page gets the node of the block holding its
 * first byte, or 0; NUMA is dropped when 256 or more RAM pages lie
 * outside every block.
 */
static void random_numa_case(void)
{
	struct numa_info ni;
	struct pmm_range ram[BOOT_MAX_RANGES], orig[BOOT_MAX_RANGES];
	int want[1024];
	unsigned int nr = 0, i, n0, p, nblk = 1 + rnd(6);
	unsigned long unc = 0, want_unc = 0;
	uint64_t cursor = 0;
	const char *why = NULL;

	memset(&ni, 0, sizeof(ni));
	ni.srat = 1;
	for (i = 0; i < nblk; i++) {
		struct numa_blk *b = &ni.blk[ni.nr_blk++];

		b->start = cursor + rnd(30 * 16) * 256ull;
		b->end = b->start + (1 + rnd(400 * 16)) * 256ull;
		b->nid = (int)rnd(4);
		cursor = b->end;
		if (!rnd(4)) {
			/* a part of it again, on the same node */
			ni.blk[ni.nr_blk] = *b;
			ni.blk[ni.nr_blk].start += rnd(16) * 256ull;
			ni.nr_blk++;
		}
	}
	for (i = ni.nr_blk; i > 1; i--) {
		unsigned int j = rnd(i);
		struct numa_blk t = ni.blk[i - 1];

		ni.blk[i - 1] = ni.blk[j];
		ni.blk[j] = t;
	}
	for (p = 0; p < 1024;) {
		unsigned int len = 1 + rnd(300), gap = rnd(50);

		if (p + len > 1024)
			len = 1024 - p;
		if (nr < 6) {
			ram[nr].start_pfn = p;
			ram[nr].end_pfn = p + len;
			ram[nr].nid = 0;
			nr++;
		}
		p += len + gap;
	}
	memcpy(orig, ram, sizeof(ram));
	n0 = nr;
	for (p = 0; p < 1024; p++) {
		uint64_t byte = (uint64_t)p << BOOT_PAGE_SHIFT;

		want[p] = -1;
		for (i = 0; i < ni.nr_blk; i++)
			if (ni.blk[i].start <= byte && byte < ni.blk[i].end)
				want[p] = ni.blk[i].nid;
	}
	for (i = 0; i < n0; i++)
		for (p = orig[i].start_pfn; p < orig[i].end_pfn; p++)
			want_unc += want[p] < 0;
	ASSERT_EQ(0, numa_assign(&ni, ram, &nr, BOOT_MAX_RANGES, &unc, &why));
	ASSERT_EQ(want_unc, unc);
	if (want_unc >= 256) {
		ASSERT_EQ(0, ni.srat);
		ASSERT_EQ(n0, nr);
		return;
	}
	/* the pieces tile the original ranges with the oracle's nodes */
	for (i = 0; i < nr; i++) {
		ASSERT_TRUE(ram[i].start_pfn < ram[i].end_pfn);
		if (i)
			ASSERT_TRUE(ram[i - 1].end_pfn <= ram[i].start_pfn);
		for (p = ram[i].start_pfn; p < ram[i].end_pfn && p < 1024; p++)
			ASSERT_EQ(want[p] < 0 ? 0 : want[p], ram[i].nid);
	}
	{
		unsigned long a = 0, b = 0;

		for (i = 0; i < n0; i++)
			a += orig[i].end_pfn - orig[i].start_pfn;
		for (i = 0; i < nr; i++)
			b += ram[i].end_pfn - ram[i].start_pfn;
		ASSERT_EQ(a, b);
	}
}

static unsigned long random_ops = 20000;

static int random_fw_maps(void)
{
	unsigned long i;

	for (i = 0; i < random_ops && !test_case_failed; i++)
		random_fw_case();
	return 0;
}

static int random_numa_maps(void)
{
	unsigned long i;

	for (i = 0; i < random_ops && !test_case_failed; i++)
		random_numa_case();
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long long seed = 1;
	int i;

	test_init(argc, argv);
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-s") && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "-n") && i + 1 < argc)
			random_ops = strtoul(argv[++i], NULL, 0);
	}
	phys = calloc(1, PHYS_SIZE);
	if (!phys)
		return 1;
	RUN(mb_qemu_map);
	RUN(mb_long_and_empty_entries);
	RUN(mb_malformed);
	RUN(mb_too_many);
	RUN(ram_trimmed_to_pages);
	RUN(ram_merged_and_cut);
	RUN(ram_none);
	RUN(acpi_two_nodes);
	RUN(acpi_pxm_order);
	RUN(acpi_pxm_width);
	RUN(acpi_rsdp_in_ebda);
	RUN(acpi_rsdp_bad_checksum);
	RUN(acpi_xsdt);
	RUN(acpi_broken_tables);
	RUN(acpi_bad_srat_entries);
	RUN(numa_split);
	RUN(numa_unaligned_boundary);
	RUN(numa_coverage);
	rng_state = seed;
	RUN(random_fw_maps);
	RUN(random_numa_maps);
	if (test_failed)
		fprintf(stderr, "boot-bootmap: seed %llu, %lu ops (-s %llu -n %lu)\n",
			seed, random_ops, seed, random_ops);
	free(phys);
	return test_summary("boot-bootmap");
}
