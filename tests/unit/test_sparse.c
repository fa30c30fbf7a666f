// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_sparse.c - unit tests of classic SPARSEMEM (pmm_sparse.h), with the
 * static section table and with SPARSEMEM_EXTREME
 *
 * Linux 6.1 rules checked (include/linux/mmzone.h; mm/sparse.c
 * memory_present(), sparse_index_init(), sparse_encode_mem_map() and
 * page_to_nid(); include/asm-generic/memory_model.h's classic SPARSEMEM
 * __pfn_to_page() and __page_to_pfn()):
 * a section with any RAM is present and valid whole; the section number
 * lives in page->flags; section_mem_map holds memmap - section start PFN
 * and the PRESENT/HAS_MEM_MAP/ONLINE/EARLY bits; EXTREME allocates a root
 * page per SECTIONS_PER_ROOT sections on demand; without room for the
 * node in page->flags, page_to_nid reads section_to_node_table, which
 * memory_present fills range by range so the last range's node wins.
 */
#include "unit.h"
#include "test_args.h"
#include "sparse_want.h"

/*
 * Instances.  Each sets every parameter the checks depend on, the group's
 * below (TI_*) or its own, and states what it set in a struct
 * sparse_want (sparse_want.h) made from those same macros; sdef alone
 * takes pmm.h's defaults, written out by hand.
 *
 * Small sections: 16 pages (SECTION_SIZE_BITS 16 with 4 KiB pages), which
 * needs MAX_PAGE_ORDER <= 4; 3 makes pageblock_order = min(12 - 3, 3) = 3.
 */
#define SM_SECTION_BITS		16
#define SM_MAX_ORDER		3
#define SM_PAGEBLOCK_ORDER	3

/*
 * A 32-bit long leaves 32 - 20 (x86_32's page flags) = 12 bits of
 * page->flags for the section, node and zone fields, too few for the
 * 12- and 16-bit section numbers here (pmm.h refuses them): with 8 page
 * flags the instances keep the 64-bit layout, section, node and zone all
 * in page->flags.  The two NODE_NOT_IN_PAGE_FLAGS instances set their
 * own.  Descriptors are 8 longs, as Linux's struct page, unless an
 * instance sets another size.
 */
#if PMM_BITS_PER_LONG == 64
#define SM_NR_PAGEFLAGS		SW_X86_NR_PAGEFLAGS
#define SM_LONG_DESC		64
#else
#define SM_NR_PAGEFLAGS		8
#define SM_LONG_DESC		32
#endif

/* static table: 2^(28 - 16) = 4096 sections */
#define SS_PHYSMEM_BITS		28

/*
 * The group: what every instance but sdef is built with unless it says
 * otherwise, and its struct model_ops.
 */
#define TI_MODEL		PMM_MODEL_SPARSEMEM
#define TI_PAGE_SHIFT		12
#define TI_SECTION_SIZE_BITS	SM_SECTION_BITS
#define TI_MAX_PHYSMEM_BITS	SS_PHYSMEM_BITS
#define TI_SPARSEMEM_EXTREME	0
#define TI_PAGE_EXTENSION	0
#define TI_STRUCT_PAGE_SIZE	SM_LONG_DESC
#define TI_NODES_SHIFT		6
#define TI_MAX_PAGE_ORDER	SM_MAX_ORDER
#define TI_PAGEBLOCK_ORDER	SM_PAGEBLOCK_ORDER
#define TI_NR_PAGEFLAGS		SM_NR_PAGEFLAGS
#define TI_ZONES_SHIFT		SW_X86_ZONES_SHIFT
#define TI_RESERVED_FLAGS_BITS	0
#define TI_OPS

#define TI_NAME ss64
#define PMM_STRUCT_PAGE_SIZE 64
#define TI_WANT SPARSE_WANT(ss64, 1)
#include "test_instance.h"

#define TI_NAME ss32
#define PMM_STRUCT_PAGE_SIZE 32
#define TI_WANT SPARSE_WANT(ss32, 1)
#include "test_instance.h"

#define TI_NAME ss16
#define PMM_STRUCT_PAGE_SIZE 16
#define TI_WANT SPARSE_WANT(ss16, 1)
#include "test_instance.h"

#define TI_NAME ss8
#define PMM_STRUCT_PAGE_SIZE 8
#define TI_WANT SPARSE_WANT(ss8, 1)
#include "test_instance.h"

/* EXTREME: 2^16 sections, 256 (32-bit: 512) per root, so 256 (128) roots */
#define SX_PHYSMEM_BITS		32
#define TI_NAME sx
#define PMM_MAX_PHYSMEM_BITS SX_PHYSMEM_BITS
#define PMM_SPARSEMEM_EXTREME 1
#define TI_WANT SPARSE_WANT(sx, 1)
#include "test_instance.h"

/*
 * x86_64's values: 128 MiB sections, 46 bits, EXTREME.  With a 32-bit
 * long x86_32 PAE's: 36 bits, a static table, 32-byte descriptors, and
 * 9 section bits + 2 zone bits leave no room in page->flags for the node
 * (20 page flags).
 */
#define X86_SECTION_BITS	27
#define X86_MAX_ORDER		10
#define X86_PAGEBLOCK_ORDER	9
#if PMM_BITS_PER_LONG == 64
#define X86_PHYSMEM_BITS	46
#define X86_EXTREME		1
#define X86_NODE_IN_FLAGS	1
#else
#define X86_PHYSMEM_BITS	36
#define X86_EXTREME		0
#define X86_NODE_IN_FLAGS	0
#endif
#define TI_NAME sx86
#define PMM_SECTION_SIZE_BITS X86_SECTION_BITS
#define PMM_MAX_PHYSMEM_BITS X86_PHYSMEM_BITS
#define PMM_SPARSEMEM_EXTREME X86_EXTREME
#define PMM_MAX_PAGE_ORDER X86_MAX_ORDER
#define PMM_PAGEBLOCK_ORDER X86_PAGEBLOCK_ORDER
#define PMM_NR_PAGEFLAGS SW_X86_NR_PAGEFLAGS
#define TI_WANT SPARSE_WANT(sx86, X86_NODE_IN_FLAGS)
#include "test_instance.h"

/*
 * x86_64 as distributions build it: CONFIG_PAGE_EXTENSION gives struct
 * mem_section a page_ext pointer and a pad, 32 bytes (16 on 32-bit), so
 * that an EXTREME root holds 128 of them.
 */
#define TI_NAME sx86e
#define PMM_SECTION_SIZE_BITS X86_SECTION_BITS
#define PMM_MAX_PHYSMEM_BITS X86_PHYSMEM_BITS
#define PMM_SPARSEMEM_EXTREME X86_EXTREME
#define PMM_PAGE_EXTENSION 1
#define PMM_MAX_PAGE_ORDER X86_MAX_ORDER
#define PMM_PAGEBLOCK_ORDER X86_PAGEBLOCK_ORDER
#define PMM_NR_PAGEFLAGS SW_X86_NR_PAGEFLAGS
#define TI_WANT SPARSE_WANT(sx86e, X86_NODE_IN_FLAGS)
#include "test_instance.h"

/*
 * arm64 with 64 KiB pages: 512 MiB sections, 48 bits, EXTREME.  48 bits
 * make 32-bit PFNs, which a 32-bit long cannot hold: 40 bits there (arm's
 * LPAE), a static table (2^11 sections would fill a quarter of a 64 KiB
 * root, and nr_to_section, like Linux's, is NULL only past the last root,
 * which sparse_section_numbers does not allow for), and page flags as
 * above.
 */
#define A64K_PAGE_SHIFT		16
#define A64K_SECTION_BITS	29
#define A64K_MAX_ORDER		10
#define A64K_PAGEBLOCK_ORDER	10	/* min(16 - 3, MAX_PAGE_ORDER 10) */
#define TI_NAME s64k
#define PMM_PAGE_SHIFT A64K_PAGE_SHIFT
#define PMM_SECTION_SIZE_BITS A64K_SECTION_BITS
#if PMM_BITS_PER_LONG == 64
#define PMM_MAX_PHYSMEM_BITS 48
#define PMM_SPARSEMEM_EXTREME 1
#else
#define PMM_MAX_PHYSMEM_BITS 40
#define PMM_SPARSEMEM_EXTREME 0
#endif
#define PMM_MAX_PAGE_ORDER A64K_MAX_ORDER
#define PMM_PAGEBLOCK_ORDER A64K_PAGEBLOCK_ORDER
#define TI_WANT SPARSE_WANT(s64k, 1)
#include "test_instance.h"

/*
 * NODE_NOT_IN_PAGE_FLAGS, static table: SECTIONS_WIDTH 12 + ZONES 3 fit
 * in 64 - 23 - 25 = 16 bits, NODES_SHIFT 6 more do not; with a 32-bit
 * long, 12 + ZONES 2 fit in 32 - 8 - 6 = 18 bits, 6 more do not.
 */
#define TI_NAME snn
#if PMM_BITS_PER_LONG == 64
#define PMM_RESERVED_FLAGS_BITS 25
#else
#define PMM_RESERVED_FLAGS_BITS 6
#endif
#define TI_WANT SPARSE_WANT(snn, 0)
#include "test_instance.h"

/*
 * NODE_NOT_IN_PAGE_FLAGS, EXTREME: SECTIONS_WIDTH 16 + ZONES 3 fit in
 * 64 - 44 = 20 bits, NODES_SHIFT 6 more do not; with a 32-bit long,
 * 16 + ZONES 2 fit in 32 - 12 = 20 bits, 6 more do not.
 */
#define TI_NAME snx
#define PMM_MAX_PHYSMEM_BITS SX_PHYSMEM_BITS
#define PMM_SPARSEMEM_EXTREME 1
#if PMM_BITS_PER_LONG == 64
#define PMM_NR_PAGEFLAGS 44
#else
#define PMM_NR_PAGEFLAGS 12
#endif
#define TI_WANT SPARSE_WANT(snx, 0)
#include "test_instance.h"

/*
 * pmm.h's defaults, nothing set: they are x86_64's (x86_32 PAE's with a
 * 32-bit long), as pmm.h's manual lists them, and sdef_want says so by
 * hand (sparse_want.h's SW_PMM_DEFAULTS), so that a default that drifts
 * fails every check below.
 */
#define TI_NAME sdef
#define TI_PMM_DEFAULTS
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#include "test_instance.h"
static const struct sparse_want sdef_want = {
	.model = PMM_MODEL_SPARSEMEM,
	SW_PMM_DEFAULTS,
	.subsection_shift = 0,
	/* a 32-bit long: 9 section + 2 zone bits of 12 leave 1 */
	.node_in_page_flags = PMM_BITS_PER_LONG == 64,
};

#include "sparse_checks.h"

SPARSE_OPS(ss64);
SPARSE_OPS(ss32);
SPARSE_OPS(ss16);
SPARSE_OPS(ss8);
SPARSE_OPS(sx);
SPARSE_OPS(sx86);
SPARSE_OPS(sx86e);
SPARSE_OPS(s64k);
SPARSE_OPS(snn);
SPARSE_OPS(snx);
SPARSE_OPS(sdef);

static const struct sparse_case cases[] = {
	{ &ss64_ops, &ss64_sops, &ss64_want },
	{ &ss32_ops, &ss32_sops, &ss32_want },
	{ &ss16_ops, &ss16_sops, &ss16_want },
	{ &ss8_ops, &ss8_sops, &ss8_want },
	{ &sx_ops, &sx_sops, &sx_want },
	{ &sx86_ops, &sx86_sops, &sx86_want },
	{ &sx86e_ops, &sx86e_sops, &sx86e_want },
	{ &s64k_ops, &s64k_sops, &s64k_want },
	{ &snn_ops, &snn_sops, &snn_want },
	{ &snx_ops, &snx_sops, &snx_want },
	{ &sdef_ops, &sdef_sops, &sdef_want },
};

static const struct sparse_case *const case_ss64 = &cases[0];
static const struct sparse_case *const case_sx = &cases[4];
static const struct sparse_case *const case_snn = &cases[8];
static const struct sparse_case *const case_snx = &cases[9];

/*
 * The parameters each instance reports (pmm_params) against those the
 * test set (its sparse_want), and sdef's against the defaults pmm.h
 * documents: 4 KiB pages, 128 MiB sections, 46 bits, EXTREME, 64-byte
 * descriptors, the node in page->flags (x86_32 PAE's with a 32-bit long:
 * 36 bits, a static table, 32 bytes, no room for the node).
 *
 * Expect every parameter reported to be the one the test wrote down.
 */
static int sparse_params(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		prefix_push(cases[i].ops->name);
		sc_check_params(&cases[i]);
		prefix_pop();
	}
	return 0;
}

/*
 * The standard sparse map (sparse_checks.h) on every instance:
 *
 *	section  0          1          2          3        4          0x130
 *	         |.[ n0 ]...|[ n0      |   ]......| absent |[ n1 ]....|[ n2 ]
 *
 * Expect present sections 0, 1, 2, 4 and 0x130 valid whole (holes too,
 * reserved, with the node of the next range above them), section 3 and
 * the sections after 4 invalid, section flags to match, and nothing
 * beyond MAX_PHYSMEM_BITS.
 */
static void check_layout_and_beyond(const struct sparse_case *c,
				    const struct pmm_range *r, unsigned int nr)
{
	sc_check_layout(c, r, nr);
	sc_check_beyond(c);
}

static int sparse_present_sections_valid_whole(void)
{
	sc_on_standard_map(cases, ARRAY_SIZE(cases), check_layout_and_beyond, NULL);
	return 0;
}

/*
 * Section numbers on the standard map.
 *
 *	PFN   s*pps - 1 | s*pps        s*pps + pps - 1 | (s+1)*pps
 *	      section s-1 | section s ................. | s+1
 *
 * Expect pfn_to_section_nr and section_nr_to_pfn to invert each other at
 * boundaries, nr_to_section NULL past NR_MEM_SECTIONS, and with EXTREME
 * NULL in roots with no present section (the root of section 0x130's
 * neighbours exists, the top root does not).
 */
static int sparse_section_numbers(void)
{
	sc_on_standard_map(cases, ARRAY_SIZE(cases), sc_check_section_numbers, NULL);
	return 0;
}

/*
 * section_mem_map on the standard map (see sc_check_encoding()):
 *
 *	section_mem_map = (memmap - section_nr_to_pfn(s)) | EARLY | ONLINE |
 *			  HAS_MEM_MAP | PRESENT
 *
 * Expect coded + pfn to be the page of every PFN of every present
 * section, exactly the four boot flags in the low bits, a page-aligned
 * memmap, and page_to_section to name the section.
 */
static int sparse_section_mem_map_encoding(void)
{
	sc_on_standard_map(cases, ARRAY_SIZE(cases), sc_check_encoding, NULL);
	return 0;
}

/*
 * pmm_stats on the standard map: 5 present sections, 3 runs, with
 * EXTREME 2 roots with 4 KiB pages (section 0x130 is in root 1) and 1
 * with 64 KiB pages (4096 sections per root).
 *
 * Expect the figures of sc_check_stats(): memmap = 5 x PAGE_ALIGN(pps x
 * descriptor size), metadata = root array + roots + 5 usage blocks + run
 * records, static = mem_section[] (+ section_to_node_table), and zeroes
 * (static aside) after exit.
 */
static void check_sparse_stats(const struct sparse_case *c, const struct pmm_range *r,
			       unsigned int nr)
{
	struct sc_counts n = sc_map_counts(c, r, nr);

	ASSERT_EQ(5, n.present);
	ASSERT_EQ(3, n.runs);
#if PMM_BITS_PER_LONG == 64
	ASSERT_EQ(c->want->extreme ? (c->want->page_shift == 12 ? 2 : 1) : 0, n.roots);
#else
	/* 8-byte mem_sections: 512 per 4 KiB root, section 0x130 in root 0 */
	ASSERT_EQ(c->want->extreme ? 1 : 0, n.roots);
#endif
	sc_check_stats(c, r, nr);
}

static int sparse_stats(void)
{
	sc_on_standard_map(cases, ARRAY_SIZE(cases), check_sparse_stats, NULL);
	return 0;
}

/*
 * Descriptor sizes with the static table; a 16-page section's memmap is
 * smaller than a page for every size, and section_map_size() rounds it up.
 *
 * Expect sizeof(struct pmm_ssN_page) = N, neighbours N bytes apart, and
 * memmap_bytes = 5 x 4096 whatever the size.
 */
static int sparse_descriptor_sizes(void)
{
	struct pmm_range map[SC_MAP_NR];
	struct pmm_stats st;
	unsigned int i;

	ASSERT_EQ(64, sizeof(struct pmm_ss64_page));
	ASSERT_EQ(32, sizeof(struct pmm_ss32_page));
	ASSERT_EQ(16, sizeof(struct pmm_ss16_page));
	ASSERT_EQ(8, sizeof(struct pmm_ss8_page));
	for (i = 0; i < 4; i++) {
		const struct sparse_case *c = &cases[i];

		prefix_push(c->ops->name);
		sc_build_map(c, map);
		ASSERT_EQ(0, c->ops->init(map, SC_MAP_NR));
		ASSERT_EQ(sc_desc_size(c), (unsigned long)c->ops->pfn_to_page(0x11) -
					   (unsigned long)c->ops->pfn_to_page(0x10));
		c->ops->stats(&st);
		ASSERT_EQ(5 * 4096, st.memmap_bytes);
		c->ops->exit();
		prefix_pop();
	}
	check_nothing_allocated();
	return 0;
}

/*
 * Nodes sharing sections, node in page->flags (ss64, 16-page sections):
 *
 *	section  1                         2
 *	PFN      0x10     0x18     0x20    0x20  0x24  0x28     0x30
 *	         [ n0 RAM )[ n1 RAM )      [ n0  ) hole [ n1 RAM )
 *
 * Expect each RAM page to report its own range's node, and the hole
 * 0x24..0x27 node 1, the node of the range above it (pmm.h section 8,
 * Linux 6.12's memmap_init), not the section's first node.
 */
static int sparse_shared_section_nodes_in_flags(void)
{
	static const struct pmm_range map[] = {
		{ 0x18, 0x20, 1 },
		{ 0x10, 0x18, 0 },
		{ 0x28, 0x30, 1 },
		{ 0x20, 0x24, 0 },
	};
	const struct sparse_case *c = case_ss64;

	ASSERT_EQ(0, c->ops->init(map, ARRAY_SIZE(map)));
	check_described_span(c->ops, map, ARRAY_SIZE(map), 0x10, 0x30, 0x10,
			     sc_desc_size(c));
	ASSERT_EQ(0, c->ops->pfn_to_nid(0x17));
	ASSERT_EQ(1, c->ops->pfn_to_nid(0x18));
	ASSERT_EQ(1, c->ops->pfn_to_nid(0x24));
	ASSERT_EQ(1, c->ops->pfn_to_nid(0x27));
	ASSERT_EQ(1, c->ops->pfn_to_nid(0x28));
	c->ops->exit();
	check_nothing_allocated();
	return 0;
}

/*
 * One-page holes, inside a section and on both sides of a section
 * boundary (ss64, 16-page sections, node in page->flags):
 *
 *	section  3                                 4
 *	PFN      0x30       0x37 0x38       0x3f | 0x40 0x41          0x50
 *	         [ n0 RAM   ) hole [ n1 RAM  ) hole | hole [ n2 RAM     )
 *
 * Expect the three one-page holes valid and reserved, 0x37 with node 1
 * and 0x3f and 0x40 with node 2 (the next range above), and the RAM
 * pages next to them not reserved.
 */
static int sparse_one_page_holes(void)
{
	static const struct pmm_range map[] = {
		{ 0x41, 0x50, 2 },
		{ 0x30, 0x37, 0 },
		{ 0x38, 0x3f, 1 },
	};
	const struct sparse_case *c = case_ss64;

	ASSERT_EQ(0, c->ops->init(map, ARRAY_SIZE(map)));
	check_described_span(c->ops, map, ARRAY_SIZE(map), 0x30, 0x50, 0x10,
			     sc_desc_size(c));
	ASSERT_TRUE(page_reserved(c->ops->pfn_to_page(0x37)));
	ASSERT_TRUE(page_reserved(c->ops->pfn_to_page(0x3f)));
	ASSERT_TRUE(page_reserved(c->ops->pfn_to_page(0x40)));
	ASSERT_FALSE(page_reserved(c->ops->pfn_to_page(0x36)));
	ASSERT_FALSE(page_reserved(c->ops->pfn_to_page(0x38)));
	ASSERT_FALSE(page_reserved(c->ops->pfn_to_page(0x41)));
	ASSERT_EQ(1, c->ops->pfn_to_nid(0x37));
	ASSERT_EQ(2, c->ops->pfn_to_nid(0x3f));
	ASSERT_EQ(2, c->ops->pfn_to_nid(0x40));
	c->ops->exit();
	check_nothing_allocated();
	return 0;
}

/*
 * EXTREME roots hold 256 sections here (4 KiB of 16-byte mem_sections);
 * RAM on both sides of a root boundary and at the first section of a
 * root, with a missing root between:
 *
 *	root     0           | 1                          | 2 (none) | 3
 *	section  ...   0xff  | 0x100 ....... 0x1ff        |          | 0x300
 *	RAM            [ n0 ........ )                                 [ n1 ]
 *
 * With a 32-bit long a mem_section is 8 bytes and a root 512 of them:
 * the same map in units of SR_PER_ROOT (sections 0x1ff, 0x200, 0x600).
 *
 * Expect sections 0xff and 0x100 present and valid whole, 0x300 too,
 * nothing in root 2, three roots allocated, stats and encoding right,
 * and nothing left after exit.
 */
#if PMM_BITS_PER_LONG == 64
#define SR_PER_ROOT	0x100UL
#else
#define SR_PER_ROOT	0x200UL
#endif

static int sparse_root_boundaries(void)
{
	/* 16-page sections */
	static const struct pmm_range map[] = {
		{ 3 * SR_PER_ROOT * 16, 3 * SR_PER_ROOT * 16 + 4, 1 },
		{ SR_PER_ROOT * 16 - 8, SR_PER_ROOT * 16 + 8, 0 },
	};
	const struct sparse_case *c = case_sx;
	struct sc_counts n;

	ASSERT_EQ(SR_PER_ROOT, sc_per_root(c));
	n = sc_map_counts(c, map, ARRAY_SIZE(map));
	ASSERT_EQ(3, n.present);
	ASSERT_EQ(3, n.roots);
	ASSERT_EQ(0, c->ops->init(map, ARRAY_SIZE(map)));
	sc_check_layout(c, map, ARRAY_SIZE(map));
	sc_check_encoding(c, map, ARRAY_SIZE(map));
	sc_check_stats(c, map, ARRAY_SIZE(map));
	ASSERT_TRUE(c->sops->present(SR_PER_ROOT - 1));
	ASSERT_TRUE(c->sops->present(SR_PER_ROOT));
	ASSERT_TRUE(c->sops->present(3 * SR_PER_ROOT));
	ASSERT_FALSE(c->sops->section_exists(2 * SR_PER_ROOT));
	ASSERT_FALSE(c->sops->section_exists(3 * SR_PER_ROOT - 1));
	ASSERT_TRUE(c->sops->section_exists(4 * SR_PER_ROOT - 1));
	ASSERT_EQ(0, c->ops->pfn_to_nid(SR_PER_ROOT * 16 + 7));
	ASSERT_EQ(1, c->ops->pfn_to_nid(3 * SR_PER_ROOT * 16));
	c->ops->exit();
	sc_check_empty(c, map, ARRAY_SIZE(map));
	return 0;
}

/*
 * A section whose last RAM belongs to a second node, followed by a hole
 * to the end of the section and of RAM (node in page->flags, ss64):
 *
 *	section  0                  1
 *	PFN      0x00 ........ 0x10 ....... 0x14 0x16             0x20
 *	         [ n0 RAM               )[n1 ) hole ............. )
 *
 * Expect the hole 0x16..0x1f to report node 1, the last range's node, as
 * Linux 6.12's memmap_init gives the hole after the end of RAM (pmm.h
 * section 8), not node 0, which registered section 1 first.
 */
static int sparse_hole_after_second_node(void)
{
	static const struct pmm_range map[] = {
		{ 0x00, 0x14, 0 },
		{ 0x14, 0x16, 1 },
	};
	const struct sparse_case *c = case_ss64;
	unsigned long pfn;

	ASSERT_EQ(0, c->ops->init(map, ARRAY_SIZE(map)));
	for (pfn = 0x16; pfn < 0x20; pfn++) {
		ASSERT_TRUE(c->ops->pfn_valid(pfn));
		ASSERT_TRUE(page_reserved(c->ops->pfn_to_page(pfn)));
	}
	ASSERT_EQ(1, c->ops->page_to_nid(c->ops->pfn_to_page(0x16)));
	ASSERT_EQ(1, c->ops->pfn_to_nid(0x1f));
	ASSERT_EQ(1, c->ops->pfn_to_nid(0x15));
	ASSERT_EQ(0, c->ops->pfn_to_nid(0x13));
	c->ops->exit();
	check_nothing_allocated();
	return 0;
}

/*
 * NODE_NOT_IN_PAGE_FLAGS: page_to_nid reads section_to_node_table, which
 * memory_present writes for each range in address order, so a section
 * shared by two nodes reports the node registered last, for every page of
 * it, RAM and holes alike.  Ranges handed over unsorted:
 *
 *	section  0            1                      2
 *	PFN      0x00   0x10  0x10     0x18    0x20  0x20 0x24 0x28 0x2c 0x30
 *	         [ n0  )      [ n0 RAM )[ n1 RAM )   [ n2 ) hole [n0 ) hole
 *	table:   0            1 (n1 last)            0 (n0 last)
 *
 * Expect section 0 to report 0, all of section 1 node 1, all of section 2
 * node 0, round trips to work, and stats to count section_to_node_table
 * (one byte per section, MAX_NUMNODES <= 256) as static.
 */
static int sparse_node_not_in_page_flags(void)
{
	static const struct pmm_range map[] = {
		{ 0x28, 0x2c, 0 },
		{ 0x18, 0x20, 1 },
		{ 0x20, 0x24, 2 },
		{ 0x10, 0x18, 0 },
		{ 0x00, 0x10, 0 },
	};
	static const int table[] = { 0, 1, 0 };
	const struct sparse_case *both[] = { case_snn, case_snx };
	unsigned long pfn;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(both); i++) {
		const struct sparse_case *c = both[i];
		const struct model_ops *ops = c->ops;

		prefix_push(ops->name);
		ASSERT_EQ(0, ops->params->node_in_page_flags);
		ASSERT_EQ(0, ops->init(map, ARRAY_SIZE(map)));
		for (pfn = 0; pfn < 0x30; pfn++)
			if (ops->page_to_nid(ops->pfn_to_page(pfn)) != table[pfn / 0x10] ||
			    ops->pfn_to_nid(pfn) != table[pfn / 0x10])
				break;
		ASSERT_EQ(0x30, pfn);	/* the first PFN with a wrong node */
		ASSERT_EQ(1, ops->pfn_to_nid(0x10));	/* n0's RAM, n1's section */
		ASSERT_EQ(0, ops->pfn_to_nid(0x20));	/* n2's RAM, n0's section */
		for (pfn = 0; pfn < 0x30; pfn++)
			if (ops->page_to_pfn(ops->pfn_to_page(pfn)) != pfn)
				break;
		ASSERT_EQ(0x30, pfn);
		sc_check_encoding(c, map, ARRAY_SIZE(map));
		sc_check_stats(c, map, ARRAY_SIZE(map));
		ops->exit();
		sc_check_empty(c, map, ARRAY_SIZE(map));
		prefix_pop();
	}
	return 0;
}

/*
 * section_to_node_table is rewritten by the next init.
 *
 *	first:   section 1: n0 then n1      -> 1
 *	second:  section 1: n3 alone        -> 3
 *
 * Expect node 3 for section 1 after exit and init with the second map.
 */
static int sparse_node_table_reinit(void)
{
	static const struct pmm_range first[] = {
		{ 0x10, 0x18, 0 },
		{ 0x18, 0x20, 1 },
	};
	static const struct pmm_range second[] = { { 0x10, 0x20, 3 } };
	const struct model_ops *ops = case_snn->ops;

	ASSERT_EQ(0, ops->init(first, ARRAY_SIZE(first)));
	ASSERT_EQ(1, ops->pfn_to_nid(0x10));
	ops->exit();
	ASSERT_EQ(0, ops->init(second, 1));
	ASSERT_EQ(3, ops->pfn_to_nid(0x10));
	ASSERT_EQ(3, ops->page_to_nid(ops->pfn_to_page(0x1f)));
	ops->exit();
	check_nothing_allocated();
	return 0;
}

/* The classic flavour never has section 0 present in the one-section map. */
static void sparse_reinit_second(const struct sparse_case *c,
				 const struct pmm_range *r, unsigned int nr)
{
	(void)r;
	(void)nr;
	ASSERT_FALSE(c->sops->present(0));
}

/* init, exit, init again (sc_check_reinit), EXTREME and the static table. */
static int sparse_reinit(void)
{
	const struct sparse_case *two[] = { case_ss64, case_sx };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(two); i++) {
		prefix_push(two[i]->ops->name);
		sc_check_reinit(two[i], 5, NULL, sparse_reinit_second);
		prefix_pop();
	}
	return 0;
}

/*
 * RAM up to the very last PFN MAX_PHYSMEM_BITS addresses:
 *
 *	section  0 ............................. NR_MEM_SECTIONS - 1
 *	         [n0 ]                           [ n4 ...... limit)
 *
 * Expect the last section present and valid, its last PFN valid with
 * node 4, the limit itself invalid; with EXTREME the last root allocated.
 */
static int sparse_top_of_physmem(void)
{
	const struct sparse_case *three[] = { case_ss64, case_sx, &cases[5] };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(three); i++) {
		const struct sparse_case *c = three[i];
		unsigned long limit = sc_max_pfn(c);
		struct pmm_range map[2];

		prefix_push(c->ops->name);
		map[0].start_pfn = 0;
		map[0].end_pfn = 4;
		map[0].nid = 0;
		map[1].start_pfn = limit - sc_pps(c) / 2;
		map[1].end_pfn = limit;
		map[1].nid = 4;
		ASSERT_EQ(0, c->ops->init(map, 2));
		ASSERT_TRUE(c->sops->present(sc_nr_sections(c) - 1));
		ASSERT_TRUE(c->ops->pfn_valid(limit - 1));
		ASSERT_TRUE(c->ops->pfn_valid(limit - sc_pps(c)));	/* the hole */
		ASSERT_EQ(4, c->ops->pfn_to_nid(limit - 1));
		ASSERT_EQ(limit - 1, c->ops->page_to_pfn(c->ops->pfn_to_page(limit - 1)));
		ASSERT_FALSE(c->ops->pfn_valid(limit));
		ASSERT_FALSE(c->sops->present(sc_nr_sections(c)));
		ASSERT_FALSE(c->sops->present(sc_nr_sections(c) - 2));
		ASSERT_TRUE(c->sops->section_exists(sc_nr_sections(c) - 1));
		sc_check_encoding(c, map, 2);
		sc_check_stats(c, map, 2);
		c->ops->exit();
		sc_check_empty(c, map, 2);
		prefix_pop();
	}
	return 0;
}

static struct test_args args = {
	.about = "classic SPARSEMEM, static and EXTREME: sections, encoding, nodes",
};

int main(int argc, char **argv)
{
	test_parse_args(&args, argc, argv);
	RUN(sparse_params);
	RUN(sparse_present_sections_valid_whole);
	RUN(sparse_section_numbers);
	RUN(sparse_section_mem_map_encoding);
	RUN(sparse_stats);
	RUN(sparse_descriptor_sizes);
	RUN(sparse_shared_section_nodes_in_flags);
	RUN(sparse_one_page_holes);
	RUN(sparse_root_boundaries);
	RUN(sparse_hole_after_second_node);
	RUN(sparse_node_not_in_page_flags);
	RUN(sparse_node_table_reinit);
	RUN(sparse_reinit);
	RUN(sparse_top_of_physmem);
	return test_summary("test_sparse" UNIT_CC_SUFFIX);
}
