// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_zones.c - zones: the zone in page->flags, each node's zone spans,
 * onlining into a zone, and a memory block's valid_zones
 *
 * Linux 6.1 rules checked: boot memory falls into ZONE_DMA below
 * MAX_DMA_PFN, ZONE_DMA32 below MAX_DMA32_PFN, ZONE_NORMAL above
 * (x86 zone_sizes_init); a node's zone spans its span cut at those limits
 * (free_area_init); a hole takes the node of the range above it and the
 * zone where that range starts (memmap_init_zone_range,
 * init_unavailable_range); a boot block in one node and one populated
 * zone reports that zone, else "none", and cannot go offline
 * (early_node_zone_for_memory_block, memory_block_offline); onlining
 * chooses the zone as zone_for_pfn_range does with online_policy
 * "contig-zones" and no movable_node, and grows it (resize_zone_range);
 * offlining at a zone's end shrinks it to the online memory left
 * (shrink_zone_span); memremap grows ZONE_DEVICE, which never shrinks.
 *
 * The instance is x86_64's (4 KiB pages, 128 MiB sections and blocks)
 * with a physical address space of 2^36; zx2 leaves ZONE_DMA out.
 */
#include "test.h"
#include "test_args.h"

/* every instance: x86_64's defaults but a 2^36 physical address space */
#define TI_MAX_PHYSMEM_BITS	36

#define TI_NAME			zx
#define PMM_MODEL		PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_NODES_SHIFT		2
#include "test_instance.h"

#define TI_NAME			zx2
#define PMM_MODEL		PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_MAX_DMA_PFN		0
#include "test_instance.h"

#define TI_NAME			zc
#define PMM_MODEL		PMM_MODEL_SPARSEMEM
#include "test_instance.h"

#define MIB		(1UL << (20 - 12))	/* PFNs */
#define GIB		(1UL << (30 - 12))
#define BLOCK		(128 * MIB)

/*
 * The map, in MiB of physical address:
 *
 *	0     1          16             700  768        4096   4608
 *	|hole |  DMA     |  DMA32       |hole|   ...    | Normal |
 *	      [----------- node 0 ------)               [node 1)
 *	sections 0..5 present (the hole [700, 768) in section 5),
 *	sections 32..35 present
 */
static const struct pmm_range zone_map[] = {
	{ 1 * MIB, 700 * MIB, 0 },
	{ 4 * GIB, 4 * GIB + 512 * MIB, 1 },
};

static int zx_up(void)
{
	int err = pmm_zx_init(zone_map, 2);

	ASSERT_EQ(0, err);
	return err;
}

/* the zone of @pfn's descriptor */
static int zx_zone(unsigned long pfn)
{
	return pmm_zx_page_zonenum(pmm_zx_pfn_to_page(pfn));
}

/* ASSERT that @zone of @nid spans [start, end) */
#define ASSERT_SPAN(nid, zone, start, end)					\
	do {									\
		unsigned long zs_, zn_;						\
		ASSERT_EQ(0, pmm_zx_zone_span((nid), (zone), &zs_, &zn_));	\
		ASSERT_EQ((start), zs_);					\
		ASSERT_EQ((end) - (start), zn_);				\
	} while (0)

/* ASSERT that block @blk's valid_zones reads @text */
#define ASSERT_VALID_ZONES(blk, text)						\
	do {									\
		struct pmm_memory_block mb_;					\
		char buf_[32];							\
		ASSERT_EQ(0, pmm_zx_find_memory_block((blk), &mb_));		\
		ASSERT_EQ((blk), mb_.id);					\
		pmm_zx_memory_block_valid_zones(&mb_, buf_, sizeof(buf_));	\
		if (strcmp(buf_, (text)))					\
			fprintf(stderr, "block %lu: valid_zones \"%s\", "	\
				"expected \"%s\"\n", (unsigned long)(blk),	\
				buf_, (text));					\
		ASSERT_TRUE(!strcmp(buf_, (text)));				\
	} while (0)

enum { DMA, DMA32, NORMAL, MOVABLE, DEVICE };

/*
 * Boot zones: DMA [1, 16), DMA32 [16, 700) on node 0; Normal [4096,
 * 4608) on node 1; the hole [0, 1) takes node 0 and DMA (the range above
 * starts there), the hole [700, 768) node 1 and Normal (the range above
 * starts at 4 GiB).
 *
 * Expect those zones in page->flags, node 0's DMA span [1, 16) MiB and
 * DMA32 [16, 700), node 1's Normal [4096, 4608), every other span empty,
 * and five zones named as Linux names them.
 */
static int zones_boot(void)
{
	static const char *const names[] = { "DMA", "DMA32", "Normal", "Movable", "Device" };
	int z;

	if (zx_up())
		return 0;
	ASSERT_EQ(5, pmm_zx_nr_zones());
	for (z = 0; z < 5; z++)
		ASSERT_TRUE(!strcmp(names[z], pmm_zx_zone_name(z)));
	ASSERT_TRUE(!strcmp("?", pmm_zx_zone_name(5)));
	ASSERT_EQ(DMA, zx_zone(0));
	ASSERT_EQ(DMA, zx_zone(1 * MIB));
	ASSERT_EQ(DMA, zx_zone(16 * MIB - 1));
	ASSERT_EQ(DMA32, zx_zone(16 * MIB));
	ASSERT_EQ(DMA32, zx_zone(700 * MIB - 1));
	ASSERT_EQ(NORMAL, zx_zone(700 * MIB));
	ASSERT_EQ(1, pmm_zx_page_to_nid(pmm_zx_pfn_to_page(700 * MIB)));
	ASSERT_EQ(NORMAL, zx_zone(768 * MIB - 1));
	ASSERT_EQ(NORMAL, zx_zone(4 * GIB));
	ASSERT_SPAN(0, DMA, 1 * MIB, 16 * MIB);
	ASSERT_SPAN(0, DMA32, 16 * MIB, 700 * MIB);
	ASSERT_SPAN(0, NORMAL, 0, 0);
	ASSERT_SPAN(1, DMA32, 0, 0);
	ASSERT_SPAN(1, NORMAL, 4 * GIB, 4 * GIB + 512 * MIB);
	for (z = MOVABLE; z <= DEVICE; z++) {
		ASSERT_SPAN(0, z, 0, 0);
		ASSERT_SPAN(1, z, 0, 0);
	}
	{
		unsigned long s, n;

		ASSERT_EQ(-EINVAL, pmm_zx_zone_span(0, 5, &s, &n));
		ASSERT_EQ(-EINVAL, pmm_zx_zone_span(4, 0, &s, &n));
		ASSERT_EQ(-EINVAL, pmm_zx_zone_span(-1, 0, &s, &n));
	}
	pmm_zx_exit();
	return 0;
}

/*
 * The tail of RAM: node 1's range ends at 4,596 MiB, inside section 35:
 *
 *	4096                4596     4608
 *	|---- node 1 RAM ----|  tail  |   (section 35 ends at 4608)
 *
 * init_unavailable_range gives the tail, which has descriptors but no
 * RAM, the last range's node and the zone of its last page.
 *
 * Expect the tail's descriptors reserved, on node 1, in Normal, and the
 * last RAM page not reserved.
 */
static int zones_tail_of_ram(void)
{
	static const struct pmm_range tail_map[] = {
		{ 1 * MIB, 700 * MIB, 0 },
		{ 4 * GIB, 4 * GIB + 500 * MIB, 1 },
	};
	unsigned long pfn;

	ASSERT_EQ(0, pmm_zx_init(tail_map, 2));
	for (pfn = 4 * GIB + 500 * MIB; pfn < 4 * GIB + 512 * MIB; pfn += 3 * MIB) {
		struct pmm_zx_page *page = pmm_zx_pfn_to_page(pfn);

		ASSERT_EQ(1, pmm_zx_page_to_nid(page));
		ASSERT_EQ(NORMAL, pmm_zx_page_zonenum(page));
		ASSERT_TRUE(page->flags & (1UL << PMM_PG_RESERVED));
	}
	ASSERT_FALSE(pmm_zx_pfn_to_page(4 * GIB + 500 * MIB - 1)->flags & (1UL << PMM_PG_RESERVED));
	pmm_zx_exit();
	return 0;
}

/*
 * Boot blocks' zones:
 *
 *	block 0 [0, 128)     DMA and DMA32      "none": cannot go offline
 *	block 1 [128, 256)   DMA32              "DMA32"
 *	block 5 [640, 768)   DMA32, hole of node 1 (whose span does not
 *	                     meet the block)    "DMA32"
 *	block 32 [4096, ..)  Normal             "Normal"
 *
 * Expect those valid_zones; offline of block 0 -EINVAL with nothing
 * changed; block 1 offline reads "DMA32 Movable" (the kernel zone spans
 * it), its DMA32 span unchanged (not at an end); online_movable puts it in
 * Movable [128, 256), and it reads "Movable".
 */
static int zones_boot_blocks(void)
{
	struct pmm_memory_block mb;

	if (zx_up())
		return 0;
	ASSERT_VALID_ZONES(0, "none");
	ASSERT_VALID_ZONES(1, "DMA32");
	ASSERT_VALID_ZONES(5, "DMA32");
	ASSERT_VALID_ZONES(32, "Normal");
	ASSERT_EQ(-EINVAL, pmm_zx_offline_pages(0, BLOCK));
	ASSERT_EQ(1, pmm_zx_online_section_nr(0));
	ASSERT_EQ(-EINVAL, pmm_zx_offline_pages(0, 2 * BLOCK));
	ASSERT_EQ(1, pmm_zx_online_section_nr(1));
	ASSERT_EQ(0, pmm_zx_offline_pages(BLOCK, BLOCK));
	ASSERT_EQ(0, pmm_zx_find_memory_block(1, &mb));
	ASSERT_EQ(0, mb.online);
	ASSERT_EQ(-1, mb.zone);
	ASSERT_EQ(DMA32, mb.default_zone);
	ASSERT_EQ((1U << DMA32) | (1U << MOVABLE), mb.valid_zones);
	ASSERT_VALID_ZONES(1, "DMA32 Movable");
	ASSERT_SPAN(0, DMA32, 16 * MIB, 700 * MIB);
	ASSERT_EQ(-EINVAL, pmm_zx_online_pages(BLOCK, BLOCK, 0));
	ASSERT_EQ(-EINVAL, pmm_zx_online_pages(BLOCK, BLOCK, 4));
	ASSERT_EQ(0, pmm_zx_online_section_nr(1));
	ASSERT_EQ(0, pmm_zx_online_pages(BLOCK, BLOCK, PMM_MMOP_ONLINE_MOVABLE));
	ASSERT_VALID_ZONES(1, "Movable");
	ASSERT_SPAN(0, MOVABLE, BLOCK, 2 * BLOCK);
	ASSERT_EQ(MOVABLE, zx_zone(BLOCK + 5));
	ASSERT_EQ(0, pmm_zx_page_to_nid(pmm_zx_pfn_to_page(BLOCK + 5)));
	pmm_zx_exit();
	return 0;
}

/*
 * Hot-added memory onlined three ways, as the guest of make test-linux
 * does; blocks in node 1 from 5 GiB, in MiB above it:
 *
 *	A [0, 128)     online           Normal (no zone spans it: the kernel's)
 *	B [128, 256)   online_kernel    Normal
 *	C [384, 512)   online_movable   Movable
 *	E [640, 768)   online_movable   Movable: Movable spans [384, 768)
 *	D [512, 640)   offline, inside Movable's span
 *
 * Expect every block "Normal Movable" before; after, A and B "Normal", C
 * and E "Movable", D "Movable Normal" (online would inherit Movable) and
 * then onlined as "online" into Movable; Normal of node 1 spans [4096,
 * 5376) MiB; each page in its block's zone, online.
 */
static int zones_online_three_ways(void)
{
	const unsigned long base = 5 * GIB;
	unsigned long pfn;

	if (zx_up())
		return 0;
	ASSERT_EQ(0, pmm_zx_add_memory(1, base, 6 * BLOCK));
	for (pfn = base; pfn < base + 6 * BLOCK; pfn += BLOCK)
		ASSERT_VALID_ZONES(pfn / BLOCK, "Normal Movable");
	ASSERT_EQ(0, pmm_zx_online_pages(base, BLOCK, PMM_MMOP_ONLINE));
	ASSERT_EQ(0, pmm_zx_online_pages(base + BLOCK, BLOCK, PMM_MMOP_ONLINE_KERNEL));
	ASSERT_EQ(0, pmm_zx_online_pages(base + 3 * BLOCK, BLOCK, PMM_MMOP_ONLINE_MOVABLE));
	ASSERT_EQ(0, pmm_zx_online_pages(base + 5 * BLOCK, BLOCK, PMM_MMOP_ONLINE_MOVABLE));
	ASSERT_VALID_ZONES(base / BLOCK, "Normal");
	ASSERT_VALID_ZONES(base / BLOCK + 1, "Normal");
	ASSERT_VALID_ZONES(base / BLOCK + 2, "Normal Movable");
	ASSERT_VALID_ZONES(base / BLOCK + 3, "Movable");
	ASSERT_VALID_ZONES(base / BLOCK + 4, "Movable Normal");
	ASSERT_VALID_ZONES(base / BLOCK + 5, "Movable");
	ASSERT_SPAN(1, NORMAL, 4 * GIB, base + 2 * BLOCK);
	ASSERT_SPAN(1, MOVABLE, base + 3 * BLOCK, base + 6 * BLOCK);
	ASSERT_EQ(0, pmm_zx_online_pages(base + 4 * BLOCK, BLOCK, PMM_MMOP_ONLINE));
	ASSERT_VALID_ZONES(base / BLOCK + 4, "Movable");
	for (pfn = base; pfn < base + 6 * BLOCK; pfn += BLOCK / 2) {
		int want = pfn < base + 2 * BLOCK ? NORMAL : MOVABLE;

		if (pfn >= base + 2 * BLOCK && pfn < base + 3 * BLOCK) {
			ASSERT_TRUE(pmm_zx_pfn_to_online_page(pfn) == NULL);
			continue;
		}
		ASSERT_TRUE(pmm_zx_pfn_to_online_page(pfn) != NULL);
		ASSERT_EQ(want, zx_zone(pfn));
		ASSERT_EQ(1, pmm_zx_page_to_nid(pmm_zx_pfn_to_page(pfn)));
	}
	pmm_zx_exit();
	return 0;
}

/*
 * Offlining shrinks a zone from the end it was at, to the online memory
 * of that node and zone left (after zones_online_three_ways's onlining):
 *
 *	offline E (Movable's end)    Movable [384, 640)
 *	offline C (Movable's start)  Movable [512, 640)
 *	offline D                    Movable empty
 *	offline A (not an end)       Normal [4096, 5376) unchanged
 *	offline B (Normal's end)     Normal back to boot's [4096, 4608)
 *
 * Expect those spans; Movable, empty, spans what it next onlines.
 */
static int zones_offline_shrinks(void)
{
	const unsigned long base = 5 * GIB;

	if (zx_up())
		return 0;
	ASSERT_EQ(0, pmm_zx_add_memory(1, base, 6 * BLOCK));
	ASSERT_EQ(0, pmm_zx_online_pages(base, 2 * BLOCK, PMM_MMOP_ONLINE));
	ASSERT_EQ(0, pmm_zx_online_pages(base + 3 * BLOCK, 3 * BLOCK, PMM_MMOP_ONLINE_MOVABLE));
	ASSERT_SPAN(1, MOVABLE, base + 3 * BLOCK, base + 6 * BLOCK);
	ASSERT_EQ(0, pmm_zx_offline_pages(base + 5 * BLOCK, BLOCK));
	ASSERT_SPAN(1, MOVABLE, base + 3 * BLOCK, base + 5 * BLOCK);
	ASSERT_EQ(0, pmm_zx_offline_pages(base + 3 * BLOCK, BLOCK));
	ASSERT_SPAN(1, MOVABLE, base + 4 * BLOCK, base + 5 * BLOCK);
	ASSERT_EQ(0, pmm_zx_offline_pages(base + 4 * BLOCK, BLOCK));
	ASSERT_SPAN(1, MOVABLE, 0, 0);
	ASSERT_EQ(0, pmm_zx_offline_pages(base, BLOCK));
	ASSERT_SPAN(1, NORMAL, 4 * GIB, base + 2 * BLOCK);
	ASSERT_EQ(0, pmm_zx_offline_pages(base + BLOCK, BLOCK));
	ASSERT_SPAN(1, NORMAL, 4 * GIB, 4 * GIB + 512 * MIB);
	ASSERT_EQ(0, pmm_zx_online_pages(base + 4 * BLOCK, BLOCK, PMM_MMOP_ONLINE_MOVABLE));
	ASSERT_SPAN(1, MOVABLE, base + 4 * BLOCK, base + 5 * BLOCK);
	pmm_zx_exit();
	return 0;
}

/*
 * A zone that starts at PFN 0 shrinks from its end like any other:
 *
 *	boot RAM [4096, 4608) MiB on node 0; blocks [0, 128) and [128, 256)
 *	MiB added on node 0 and onlined movable: Movable [0, 256)
 *	offline [128, 256)
 *
 * Expect Movable [0, 128) MiB: its start stays at PFN 0.
 */
static int zones_shrink_from_pfn_0(void)
{
	static const struct pmm_range map[] = { { 4 * GIB, 4 * GIB + 512 * MIB, 0 } };

	ASSERT_EQ(0, pmm_zx_init(map, 1));
	ASSERT_EQ(0, pmm_zx_add_memory(0, 0, 2 * BLOCK));
	ASSERT_EQ(0, pmm_zx_online_pages(0, 2 * BLOCK, PMM_MMOP_ONLINE_MOVABLE));
	ASSERT_SPAN(0, MOVABLE, 0, 2 * BLOCK);
	ASSERT_EQ(0, pmm_zx_offline_pages(BLOCK, BLOCK));
	ASSERT_SPAN(0, MOVABLE, 0, BLOCK);
	pmm_zx_exit();
	return 0;
}

/*
 * ZONE_DEVICE: a 2 MiB pagemap at 6 GiB on node 1, then unmapped.
 *
 * Expect its pages in the Device zone (4), is_zone_device_page 1, node
 * 1's Device span [6144, 6146) MiB, unchanged after memunmap.
 */
static int zones_device(void)
{
	struct pmm_zx_dev_pagemap pgmap;

	if (zx_up())
		return 0;
	memset(&pgmap, 0, sizeof(pgmap));
	pgmap.type = PMM_MEMORY_DEVICE_GENERIC;
	pgmap.range.start_pfn = 6 * GIB;
	pgmap.range.end_pfn = 6 * GIB + 2 * MIB;
	pgmap.nr_range = 1;
	ASSERT_EQ(0, pmm_zx_memremap_pages(&pgmap, 1));
	ASSERT_EQ(DEVICE, zx_zone(6 * GIB + 7));
	ASSERT_EQ(1, pmm_zx_is_zone_device_page(pmm_zx_pfn_to_page(6 * GIB + 7)));
	ASSERT_SPAN(1, DEVICE, 6 * GIB, 6 * GIB + 2 * MIB);
	ASSERT_EQ(0, pmm_zx_memunmap_pages(&pgmap));
	ASSERT_SPAN(1, DEVICE, 6 * GIB, 6 * GIB + 2 * MIB);
	pmm_zx_exit();
	return 0;
}

/*
 * A zone that a node spans without RAM in it at boot is not populated,
 * and a boot block it meets does not count it:
 *
 *	0  1      15 16                4096     4608 (MiB)
 *	   [node 0)   DMA32 spanned, no RAM [node 0)
 *
 * Expect block 0 "DMA" (DMA32 spans part of it, unpopulated), node 0's
 * DMA32 span [16, 4096) MiB all the same.
 */
static int zones_unpopulated(void)
{
	static const struct pmm_range map[] = {
		{ 1 * MIB, 15 * MIB, 0 },
		{ 4 * GIB, 4 * GIB + 512 * MIB, 0 },
	};

	ASSERT_EQ(0, pmm_zx_init(map, 2));
	ASSERT_VALID_ZONES(0, "DMA");
	ASSERT_SPAN(0, DMA32, 16 * MIB, 4 * GIB);
	pmm_zx_exit();
	return 0;
}

/*
 * Without ZONE_DMA (PMM_MAX_DMA_PFN 0) the zones number from DMA32, as a
 * kernel built without CONFIG_ZONE_DMA numbers them; classic SPARSEMEM
 * has no Device zone.
 *
 * Expect zx2's four zones DMA32, Normal, Movable, Device, PFN 1 MiB in
 * DMA32 (0), node 0's DMA32 span [1, 700) MiB; zc's four zones DMA,
 * DMA32, Normal, Movable, with zone 4 unnamed; valid_zones refusing a
 * buffer too small with -ERANGE and writing nothing.
 */
static int zones_configurations(void)
{
	struct pmm_memory_block mb;
	unsigned long s, n;
	char buf[8] = "x";

	ASSERT_EQ(4, pmm_zx2_nr_zones());
	ASSERT_TRUE(!strcmp("DMA32", pmm_zx2_zone_name(0)));
	ASSERT_TRUE(!strcmp("Device", pmm_zx2_zone_name(3)));
	ASSERT_EQ(0, pmm_zx2_init(zone_map, 2));
	ASSERT_EQ(0, pmm_zx2_page_zonenum(pmm_zx2_pfn_to_page(1 * MIB)));
	ASSERT_EQ(0, pmm_zx2_zone_span(0, 0, &s, &n));
	ASSERT_EQ(1 * MIB, s);
	ASSERT_EQ(699 * MIB, n);
	pmm_zx2_exit();

	ASSERT_EQ(4, pmm_zc_nr_zones());
	ASSERT_TRUE(!strcmp("Movable", pmm_zc_zone_name(3)));
	ASSERT_TRUE(!strcmp("?", pmm_zc_zone_name(4)));
	ASSERT_EQ(0, pmm_zc_init(zone_map, 2));
	ASSERT_EQ(1, pmm_zc_page_zonenum(pmm_zc_pfn_to_page(16 * MIB)));
	ASSERT_EQ(0, pmm_zc_find_memory_block(0, &mb));
	ASSERT_EQ(-ERANGE, pmm_zc_memory_block_valid_zones(&mb, buf, 4));
	ASSERT_EQ('x', buf[0]);
	ASSERT_EQ(4, pmm_zc_memory_block_valid_zones(&mb, buf, 5));
	ASSERT_TRUE(!strcmp("none", buf));
	pmm_zc_exit();
	return 0;
}

static struct test_args args = {
	.about = "zones: boot zones and spans, onlining into a zone, valid_zones, shrinking",
};

int main(int argc, char **argv)
{
	test_parse_args(&args, argc, argv);
	RUN(zones_boot);
	RUN(zones_tail_of_ram);
	RUN(zones_boot_blocks);
	RUN(zones_online_three_ways);
	RUN(zones_offline_shrinks);
	RUN(zones_shrink_from_pfn_0);
	RUN(zones_device);
	RUN(zones_unpopulated);
	RUN(zones_configurations);
	return test_summary("test_zones");
}
