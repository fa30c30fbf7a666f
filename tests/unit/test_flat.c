// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_flat.c - unit tests of FLATMEM (pmm_flat.h)
 *
 * Linux rules checked (include/asm-generic/memory_model.h __pfn_to_page()
 * and, since 6.3, its generic pfn_valid(); mm/page_alloc.c
 * alloc_node_mem_map(), 6.1):
 * one mem_map indexed by pfn - ARCH_PFN_OFFSET; pfn_valid is the generic
 * rule of v6.3+, OFFSET <= pfn < OFFSET + max_mapnr, holes included;
 * alloc_node_mem_map aligns the map to MAX_ORDER_NR_PAGES at both ends.
 */
#include "unit.h"
#include "test_args.h"

/*
 * Instances: FLATMEM each, with its struct model_ops.  Each names the
 * parameters it sets again as FL_* constants, since pmm.h forgets its
 * own macros after every include.
 */
#define TI_MODEL		PMM_MODEL_FLATMEM
#define TI_OPS

/*
 * the documented defaults: 4 KiB pages, MAX_PAGE_ORDER 10, 64-byte page
 * (8 longs: with a 32-bit long the default is 32 bytes, so the 64 the
 * cases expect is set)
 */
#define FL_DEFAULT_MAX_ORDER	10
#define TI_NAME flat64
#if PMM_BITS_PER_LONG != 64
#define PMM_STRUCT_PAGE_SIZE 64
#endif
#include "test_instance.h"

#define TI_NAME flat32
#define PMM_STRUCT_PAGE_SIZE 32
#include "test_instance.h"

#define TI_NAME flat16
#define PMM_STRUCT_PAGE_SIZE 16
#include "test_instance.h"

#define TI_NAME flat8
#define PMM_STRUCT_PAGE_SIZE 8
#include "test_instance.h"

/*
 * arm-like: RAM from physical 0x80100000, so ARCH_PFN_OFFSET 0x80100,
 * which is not MAX_ORDER aligned; 32-bit physical addresses.
 */
#define FL_OFF_PFN_OFFSET	0x80100UL
#define FL_OFF_PHYSMEM_BITS	32
#define TI_NAME flatoff
#define PMM_ARCH_PFN_OFFSET FL_OFF_PFN_OFFSET
#define PMM_MAX_PHYSMEM_BITS FL_OFF_PHYSMEM_BITS
#if PMM_BITS_PER_LONG != 64
#define PMM_STRUCT_PAGE_SIZE 64	/* flat_pfn_offset expects 64 */
#endif
#include "test_instance.h"

/*
 * 64 KiB pages and a small MAX_PAGE_ORDER: a map aligned to 8 pages.  48
 * physical-address bits (arm64) make 32-bit PFNs, which a 32-bit long
 * cannot hold (pmm.h refuses it): 40 there (arm's LPAE).
 */
#define FL_64K_MAX_ORDER	3
#define TI_NAME flat64k
#define PMM_PAGE_SHIFT 16
#if PMM_BITS_PER_LONG == 64
#define PMM_MAX_PHYSMEM_BITS 48
#else
#define PMM_MAX_PHYSMEM_BITS 40
#define PMM_STRUCT_PAGE_SIZE 64	/* flat_page_shift_16 expects 64 */
#endif
#define PMM_MAX_PAGE_ORDER FL_64K_MAX_ORDER
#include "test_instance.h"

/* Descriptor sizes from x86_64's struct page down to pmm.h's least, a long. */
static const struct model_ops *const sized_models[] = {
	&flat64_ops, &flat32_ops, &flat16_ops, &flat8_ops,
};
/* their sizes as the test set them (flat64's by default, 8 longs) */
static const unsigned long sized_bytes[] = { 64, 32, 16, 8 };

/*
 * PC-like map: low RAM below the legacy hole, main RAM, a hole, and RAM
 * of node 1 above it.
 *
 *	PFN  0      0x9f  0x100          0x800   0xa00        0xc40
 *	     [ RAM n0 )   [ RAM n0          )     [ RAM n1      )
 *	     |<------------- mem_map, max_mapnr = 0xc40 ------->|
 *	            hole                     hole
 */
static const struct pmm_range pc_map[] = {
	{ 0x000, 0x09f, 0 },
	{ 0x100, 0x800, 0 },
	{ 0xa00, 0xc40, 1 },
};

/* The same map as firmware may hand it over: unsorted. */
static const struct pmm_range pc_map_unsorted[] = {
	{ 0xa00, 0xc40, 1 },
	{ 0x000, 0x09f, 0 },
	{ 0x100, 0x800, 0 },
};

/*
 * FLATMEM gives every PFN in [ARCH_PFN_OFFSET, max_pfn) a descriptor.
 * Expect each PFN of pc_map's span, holes included, valid, round trip,
 * consecutive descriptors, RAM with its node and holes reserved with the
 * node of the next range above them, and max_pfn itself invalid; for
 * every descriptor size.
 */
static int flat_span_holes_and_nodes(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sized_models); i++) {
		const struct model_ops *ops = sized_models[i];

		prefix_push(ops->name);
		ASSERT_EQ(0, ops->init(pc_map, ARRAY_SIZE(pc_map)));
		check_described_span(ops, pc_map, ARRAY_SIZE(pc_map), 0, 0xc40, 0xc40,
				     sized_bytes[i]);
		ASSERT_FALSE(ops->pfn_valid(0xc40));
		ASSERT_FALSE(ops->pfn_valid(0xc41));
		ASSERT_EQ(-1, ops->pfn_to_nid(0xc40));
		/* hole between nodes: the node above it (pmm.h section 8) */
		ASSERT_EQ(1, ops->page_to_nid(ops->pfn_to_page(0x800)));
		ASSERT_EQ(1, ops->page_to_nid(ops->pfn_to_page(0x9ff)));
		ASSERT_TRUE(page_reserved(ops->pfn_to_page(0x9ff)));
		ASSERT_EQ(1, ops->pfn_to_nid(0xa00));
		ASSERT_FALSE(page_reserved(ops->pfn_to_page(0xa00)));
		ops->exit();
		check_nothing_allocated();
		prefix_pop();
	}
	return 0;
}

/*
 * The descriptor is exactly PMM_STRUCT_PAGE_SIZE bytes, and mem_map is an
 * array of them.
 *
 *	PFN  0x100        0x101        0x1ff
 *	     [desc][desc]...[desc]	one range [0x100, 0x200), node 0
 *
 * Expect sizeof(struct pmm_X_page) and the distance between neighbours to
 * be 64, 32, 16 and 8, and the params to report the same.
 */
static int flat_descriptor_sizes(void)
{
	static const struct pmm_range map[] = { { 0x100, 0x200, 0 } };
	const unsigned long *sizes = sized_bytes;
	unsigned int i;

	ASSERT_EQ(64, sizeof(struct pmm_flat64_page));
	ASSERT_EQ(32, sizeof(struct pmm_flat32_page));
	ASSERT_EQ(16, sizeof(struct pmm_flat16_page));
	ASSERT_EQ(8, sizeof(struct pmm_flat8_page));
	for (i = 0; i < ARRAY_SIZE(sized_models); i++) {
		const struct model_ops *ops = sized_models[i];

		prefix_push(ops->name);
		ASSERT_EQ(sizes[i], ops->params->struct_page_size);
		ASSERT_EQ(PMM_MODEL_FLATMEM, ops->params->model);
		ASSERT_EQ(0, ops->init(map, 1));
		ASSERT_EQ(sizes[i], (unsigned long)ops->pfn_to_page(0x101) -
				    (unsigned long)ops->pfn_to_page(0x100));
		ASSERT_EQ(0xff * sizes[i], (unsigned long)ops->pfn_to_page(0x1ff) -
					   (unsigned long)ops->pfn_to_page(0x100));
		ops->exit();
		prefix_pop();
	}
	check_nothing_allocated();
	return 0;
}

/*
 * pmm_stats after pmm_init(pc_map) and after pmm_exit.
 *
 *	PFN  0 ................................ 0xc40 .. 0x1000
 *	     |<------- max_mapnr = 0xc40 ------->|
 *	     |<-- map: MAX_ORDER (1024 pages) aligned at both ends -->|
 *
 * Expect memmap_bytes = (ALIGN_UP(0xc40, 1024) - ALIGN_DOWN(0, 1024)) x
 * descriptor size (alloc_node_mem_map), memmap_pages = max_mapnr, the RAM
 * and node counts of the map, no metadata or sections; the counting
 * allocator holding exactly memmap_bytes; all zero after exit.
 */
static int flat_stats(void)
{
	unsigned long order_pages = 1UL << FL_DEFAULT_MAX_ORDER;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sized_models); i++) {
		const struct model_ops *ops = sized_models[i];
		unsigned long size = sized_bytes[i];
		struct pmm_stats st;

		prefix_push(ops->name);
		check_stats_empty(ops, 0);
		ASSERT_EQ(0, ops->init(pc_map, ARRAY_SIZE(pc_map)));
		ops->stats(&st);
		ASSERT_EQ(map_ram_pages(pc_map, ARRAY_SIZE(pc_map)), st.ram_pages);
		ASSERT_EQ(0x9f + 0x700 + 0x240, st.ram_pages);
		ASSERT_EQ(0xc40, st.memmap_pages);
		ASSERT_EQ((UNIT_ALIGN_UP(0xc40UL, order_pages) -
			   UNIT_ALIGN_DOWN(0UL, order_pages)) * size, st.memmap_bytes);
		ASSERT_EQ(0, st.metadata_bytes);
		ASSERT_EQ(0, st.static_bytes);
		ASSERT_EQ(0, st.nr_present_sections);
		ASSERT_EQ(2, st.nr_nodes);
		ASSERT_EQ(1, test_alloc_live_blocks);
		ASSERT_EQ(st.memmap_bytes + st.metadata_bytes, test_alloc_live_bytes);
		ops->exit();
		check_stats_empty(ops, 0);
		check_nothing_allocated();
		prefix_pop();
	}
	return 0;
}

/*
 * memblock keeps its regions sorted whatever order firmware reported
 * them in; pmm_init takes them in any order.
 *
 * Expect pc_map_unsorted to build the same memmap as pc_map: same
 * validity, nodes, reserved holes and stats.
 */
static int flat_unsorted_map(void)
{
	const struct model_ops *ops = &flat64_ops;
	struct pmm_stats sorted, unsorted;

	ASSERT_EQ(0, ops->init(pc_map, ARRAY_SIZE(pc_map)));
	ops->stats(&sorted);
	ops->exit();
	ASSERT_EQ(0, ops->init(pc_map_unsorted, ARRAY_SIZE(pc_map_unsorted)));
	ops->stats(&unsorted);
	check_described_span(ops, pc_map, ARRAY_SIZE(pc_map), 0, 0xc40, 0xc40, 64);
	ASSERT_FALSE(ops->pfn_valid(0xc40));
	ASSERT_EQ(sorted.memmap_bytes, unsorted.memmap_bytes);
	ASSERT_EQ(sorted.memmap_pages, unsorted.memmap_pages);
	ASSERT_EQ(sorted.ram_pages, unsorted.ram_pages);
	ASSERT_EQ(sorted.nr_nodes, unsorted.nr_nodes);
	ops->exit();
	check_nothing_allocated();
	return 0;
}

/*
 * ARCH_PFN_OFFSET != 0: mem_map[0] is the descriptor of PFN 0x80100.
 *
 *	PFN  0x80000   0x80100   0x80180      0x80400   0x80800   0x80c00
 *	     |  map    |  hole   [ RAM n0       )  hole  [ RAM n2   )
 *	     ^ map start: ALIGN_DOWN(OFFSET, 1024)      map end: ALIGN_UP ^
 *	               ^ mem_map[0]
 *
 * Expect [0x80100, 0x80c00) valid with the leading hole given the first
 * range's node, everything below the offset (0x800ff, 0) and from max_pfn
 * on invalid, page_to_pfn(mem_map[0]) = 0x80100, and memmap_bytes counted
 * from the aligned-down offset.
 */
static int flat_pfn_offset(void)
{
	static const struct pmm_range map[] = {
		{ 0x80180, 0x80400, 0 },
		{ 0x80800, 0x80c00, 2 },
	};
	const struct model_ops *ops = &flatoff_ops;
	unsigned long order_pages = 1UL << FL_DEFAULT_MAX_ORDER;
	struct pmm_stats st;

	ASSERT_EQ(FL_OFF_PFN_OFFSET, ops->params->pfn_offset);
	ASSERT_EQ(0, ops->init(map, ARRAY_SIZE(map)));
	check_described_span(ops, map, ARRAY_SIZE(map), FL_OFF_PFN_OFFSET, 0x80c00,
			     0x80c00 - FL_OFF_PFN_OFFSET, 64);
	ASSERT_FALSE(ops->pfn_valid(FL_OFF_PFN_OFFSET - 1));
	ASSERT_FALSE(ops->pfn_valid(0x80000));
	ASSERT_FALSE(ops->pfn_valid(0));
	ASSERT_FALSE(ops->pfn_valid(0x80c00));
	ASSERT_EQ(-1, ops->pfn_to_nid(FL_OFF_PFN_OFFSET - 1));
	ASSERT_EQ(0, ops->pfn_to_nid(FL_OFF_PFN_OFFSET));
	ASSERT_TRUE(page_reserved(ops->pfn_to_page(FL_OFF_PFN_OFFSET)));
	ASSERT_EQ(2, ops->pfn_to_nid(0x80bff));
	ASSERT_EQ(FL_OFF_PFN_OFFSET, ops->page_to_pfn(ops->pfn_to_page(FL_OFF_PFN_OFFSET)));
	ops->stats(&st);
	ASSERT_EQ(0x80c00 - FL_OFF_PFN_OFFSET, st.memmap_pages);
	ASSERT_EQ((UNIT_ALIGN_UP(0x80c00UL, order_pages) -
		   UNIT_ALIGN_DOWN(FL_OFF_PFN_OFFSET, order_pages)) * 64, st.memmap_bytes);
	ASSERT_EQ(st.memmap_bytes, test_alloc_live_bytes);
	ops->exit();
	check_nothing_allocated();
	return 0;
}

/*
 * pfn_valid never answers yes beyond what the parameters can address.
 *
 *	PFN  OFFSET ...... max_pfn ..... 2^(MAX_PHYSMEM_BITS - PAGE_SHIFT) .. ~0
 *	     [ valid      )  no           no                                  no
 *
 * Expect false at the physical-address limit, above it, at ~0UL and at
 * PFNs that would alias a valid one if the offset subtraction wrapped.
 */
static int flat_beyond_physmem(void)
{
	static const struct pmm_range map[] = { { FL_OFF_PFN_OFFSET, 0x80200, 1 } };
	const struct model_ops *ops = &flatoff_ops;
	unsigned long limit = unit_max_pfn(FL_OFF_PHYSMEM_BITS, 12);

	ASSERT_EQ(FL_OFF_PHYSMEM_BITS, ops->params->max_physmem_bits);
	ASSERT_EQ(0, ops->init(map, 1));
	ASSERT_TRUE(ops->pfn_valid(0x801ff));
	ASSERT_FALSE(ops->pfn_valid(limit));
	ASSERT_FALSE(ops->pfn_valid(limit + FL_OFF_PFN_OFFSET));
	ASSERT_FALSE(ops->pfn_valid(~0UL));
	ASSERT_FALSE(ops->pfn_valid(~0UL - 0x10));
	/* pfn - OFFSET wraps to a small number for these */
	ASSERT_FALSE(ops->pfn_valid(FL_OFF_PFN_OFFSET - 1));
	ASSERT_FALSE(ops->pfn_valid(0));
	ASSERT_EQ(-1, ops->pfn_to_nid(~0UL));
	ops->exit();
	ASSERT_FALSE(ops->pfn_valid(FL_OFF_PFN_OFFSET));
	check_nothing_allocated();
	return 0;
}

/*
 * 64 KiB pages with MAX_PAGE_ORDER 3: the map is aligned to 8 pages.
 *
 *	PFN  0  3    5     9          0x14   0x18
 *	     |  [n0  )     [ n2        )      |
 *	     |<------ mem_map 0x14 ---->|     |
 *	     |<-------- map: 0x18 pages ----->|
 *
 * Expect [0, 0x14) valid (the leading hole too, node 0; the hole 5..8
 * node 2, the node above) and memmap_bytes = 0x18 x 64.
 */
static int flat_page_shift_16(void)
{
	static const struct pmm_range map[] = { { 3, 5, 0 }, { 9, 0x14, 2 } };
	const struct model_ops *ops = &flat64k_ops;
	unsigned long order_pages = 1UL << FL_64K_MAX_ORDER;
	struct pmm_stats st;

	ASSERT_EQ(16, ops->params->page_shift);
	ASSERT_EQ(0, ops->init(map, ARRAY_SIZE(map)));
	check_described_span(ops, map, ARRAY_SIZE(map), 0, 0x14, 0x14, 64);
	ASSERT_FALSE(ops->pfn_valid(0x14));
	ops->stats(&st);
	ASSERT_EQ(UNIT_ALIGN_UP(0x14UL, order_pages) * 64, st.memmap_bytes);
	ASSERT_EQ(0x18 * 64, st.memmap_bytes);
	ASSERT_EQ(0x14, st.memmap_pages);
	ASSERT_EQ(2 + 0xb, st.ram_pages);
	ops->exit();
	check_nothing_allocated();
	return 0;
}

/*
 * One-page holes, the first right at ARCH_PFN_OFFSET (0 here):
 *
 *	PFN  0    1        0x10 0x11      0x20 0x21     0x30
 *	     hole [ n1 RAM  ) hole [ n0 RAM ) hole [ n2 RAM )
 *
 * Expect PFNs 0, 0x10 and 0x20 valid, reserved, with nodes 1, 0 and 2
 * (the next range above each), and their RAM neighbours not reserved.
 */
static int flat_one_page_holes(void)
{
	static const struct pmm_range map[] = {
		{ 0x21, 0x30, 2 },
		{ 0x01, 0x10, 1 },
		{ 0x11, 0x20, 0 },
	};
	const struct model_ops *ops = &flat8_ops;

	ASSERT_EQ(0, ops->init(map, ARRAY_SIZE(map)));
	check_described_span(ops, map, ARRAY_SIZE(map), 0, 0x30, 0x30, 8);
	ASSERT_TRUE(page_reserved(ops->pfn_to_page(0)));
	ASSERT_TRUE(page_reserved(ops->pfn_to_page(0x10)));
	ASSERT_TRUE(page_reserved(ops->pfn_to_page(0x20)));
	ASSERT_FALSE(page_reserved(ops->pfn_to_page(0x0f)));
	ASSERT_FALSE(page_reserved(ops->pfn_to_page(0x11)));
	ASSERT_EQ(1, ops->pfn_to_nid(0));
	ASSERT_EQ(0, ops->pfn_to_nid(0x10));
	ASSERT_EQ(2, ops->pfn_to_nid(0x20));
	ops->exit();
	check_nothing_allocated();
	return 0;
}

/*
 * init, exit, init again with another map.
 *
 *	first:   [0x100 ......................... 0x900)  n0
 *	second:  [0x100 .... 0x300)                       n3
 *
 * Expect the second init to succeed, PFNs valid only under the second
 * map (0x300 and 0x8ff now invalid), the new node, and nothing left
 * after the last exit; exit on an empty instance is harmless.
 */
static int flat_reinit(void)
{
	static const struct pmm_range first[] = { { 0x100, 0x900, 0 } };
	static const struct pmm_range second[] = { { 0x100, 0x300, 3 } };
	const struct model_ops *ops = &flat64_ops;

	ASSERT_EQ(0, ops->init(first, 1));
	ASSERT_TRUE(ops->pfn_valid(0x8ff));
	ops->exit();
	ASSERT_FALSE(ops->pfn_valid(0x100));
	ASSERT_FALSE(ops->pfn_valid(0));
	check_stats_empty(ops, 0);
	check_nothing_allocated();
	ops->exit();
	ASSERT_EQ(0, ops->init(second, 1));
	check_described_span(ops, second, 1, 0, 0x300, 0x300, 64);
	ASSERT_FALSE(ops->pfn_valid(0x300));
	ASSERT_FALSE(ops->pfn_valid(0x8ff));
	ASSERT_EQ(3, ops->pfn_to_nid(0x2ff));
	ops->exit();
	check_nothing_allocated();
	return 0;
}

/*
 * Several instances live side by side (PMM_NAME): one's init does not
 * touch another.
 *
 * Expect flat64 and flat8 initialised with different maps to answer each
 * for its own map, and exiting one to leave the other working.
 */
static int flat_instances_independent(void)
{
	static const struct pmm_range a[] = { { 0, 0x100, 0 } };
	static const struct pmm_range b[] = { { 0, 0x400, 1 } };

	ASSERT_EQ(0, flat64_ops.init(a, 1));
	ASSERT_EQ(0, flat8_ops.init(b, 1));
	ASSERT_FALSE(flat64_ops.pfn_valid(0x100));
	ASSERT_TRUE(flat8_ops.pfn_valid(0x3ff));
	ASSERT_EQ(0, flat64_ops.pfn_to_nid(0xff));
	ASSERT_EQ(1, flat8_ops.pfn_to_nid(0xff));
	flat64_ops.exit();
	ASSERT_TRUE(flat8_ops.pfn_valid(0x3ff));
	ASSERT_EQ(0x3ff, flat8_ops.page_to_pfn(flat8_ops.pfn_to_page(0x3ff)));
	flat8_ops.exit();
	check_nothing_allocated();
	return 0;
}

static struct test_args args = {
	.about = "FLATMEM: spans, holes, nodes, descriptor sizes, bad maps",
};

int main(int argc, char **argv)
{
	test_parse_args(&args, argc, argv);
	RUN(flat_span_holes_and_nodes);
	RUN(flat_descriptor_sizes);
	RUN(flat_stats);
	RUN(flat_unsorted_map);
	RUN(flat_pfn_offset);
	RUN(flat_beyond_physmem);
	RUN(flat_page_shift_16);
	RUN(flat_one_page_holes);
	RUN(flat_reinit);
	RUN(flat_instances_independent);
	return test_summary("test_flat" UNIT_CC_SUFFIX);
}
