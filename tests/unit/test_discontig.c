// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_discontig.c - unit tests of DISCONTIGMEM (pmm_discontig.h)
 *
 * Linux 5.10 rules checked (include/asm-generic/memory_model.h's
 * DISCONTIGMEM __pfn_to_page() and __page_to_pfn(), arch/x86/include/asm/
 * mmzone_32.h pfn_to_nid() and pfn_valid(), mm/page_alloc.c
 * alloc_node_mem_map(); bench/linux/discontig-5.10.h transcribes the
 * conversions): a node_mem_map per node, pfn_to_page through
 * arch_pfn_to_nid and the node's start, page_to_pfn through the node in
 * page->flags; pfn_valid is "inside the node's span", holes included
 * (alpha, mips); arch_pfn_to_nid by x86_32's physnode_map chunk table or
 * by a scan of node spans; alloc_node_mem_map aligns each node's map to
 * MAX_ORDER_NR_PAGES at both ends.
 */
#include "unit.h"
#include "test_args.h"

/* Instances: DISCONTIGMEM each, with its struct model_ops. */
#define TI_MODEL		PMM_MODEL_DISCONTIGMEM
#define TI_OPS

/* the documented defaults: 46 bits, MAX_PAGE_ORDER 10, NODES_SHIFT 6 */
#define DC_DEFAULT_MAX_ORDER	10
#define DC_DEFAULT_NODES	64

#define TI_NAME ds64
#define PMM_DISCONTIG_NID PMM_NID_BY_SEARCH
#include "test_instance.h"

#define TI_NAME ds32
#define PMM_STRUCT_PAGE_SIZE 32
#include "test_instance.h"

#define TI_NAME ds16
#define PMM_STRUCT_PAGE_SIZE 16
#include "test_instance.h"

#define TI_NAME ds8
#define PMM_STRUCT_PAGE_SIZE 8
#include "test_instance.h"

/* x86_32 PAE's physnode_map: 36-bit addresses, 64 MiB chunks, 8 nodes */
#define DT_PHYSMEM_BITS		36
#define DT_CHUNK_SHIFT		26
#define DT_CHUNK_PAGES		(1UL << (DT_CHUNK_SHIFT - 12))
#define DT_NR_CHUNKS		(1UL << (DT_PHYSMEM_BITS - DT_CHUNK_SHIFT))
#define TI_NAME dt
#define PMM_DISCONTIG_NID PMM_NID_BY_TABLE
#define PMM_MAX_PHYSMEM_BITS DT_PHYSMEM_BITS
#define PMM_DISCONTIG_CHUNK_SHIFT DT_CHUNK_SHIFT
#define PMM_NODES_SHIFT 3
#include "test_instance.h"

/* a table of 16-page chunks and 8-page MAX_ORDER blocks, for small maps */
#define DTS_PHYSMEM_BITS	32
#define DTS_CHUNK_SHIFT		16
#define DTS_MAX_ORDER		3
#define TI_NAME dts
#define PMM_DISCONTIG_NID PMM_NID_BY_TABLE
#define PMM_MAX_PHYSMEM_BITS DTS_PHYSMEM_BITS
#define PMM_DISCONTIG_CHUNK_SHIFT DTS_CHUNK_SHIFT
#define PMM_MAX_PAGE_ORDER DTS_MAX_ORDER
#include "test_instance.h"

/* every descriptor size with the search, and the x86_32 table */
static const struct model_ops *const two_node_models[] = {
	&ds64_ops, &ds32_ops, &ds16_ops, &ds8_ops, &dt_ops,
};

/*
 * What the test set for each of them, or the default pmm.h documents
 * where it set nothing: descriptor size, physical-address bits, and
 * whether the node comes from the chunk table (else the span search).
 */
static const struct {
	unsigned long size;
	int physmem_bits;
	int nid_by_table;
} two_node_wants[] = {
	{ UNIT_DEFAULT_DESC_SIZE, UNIT_DEFAULT_PHYSMEM_BITS, 0 },
	{ 32, UNIT_DEFAULT_PHYSMEM_BITS, 0 },
	{ 16, UNIT_DEFAULT_PHYSMEM_BITS, 0 },
	{ 8, UNIT_DEFAULT_PHYSMEM_BITS, 0 },
	{ UNIT_DEFAULT_DESC_SIZE, DT_PHYSMEM_BITS, 1 },
};

/*
 * Two nodes, numbered against address order, each with a hole, handed
 * over unsorted.  For dt, node 1 lies in chunk 0 and node 0 in chunk 1.
 *
 *	PFN  0x1000   0x1400  0x1800   0x2000  ..  0x6100   0x6800  0x7000   0x7300
 *	     [ n1 RAM   ) hole [ n1 RAM  )    gap   [ n0 RAM   ) hole [ n0 RAM   )
 *	     |<------- node 1 span ------>|         |<------ node 0 span ------->|
 *	map: [0x1000                0x2000)   [0x6000 (aligned down)   0x7400)
 */
static const struct pmm_range two_nodes[] = {
	{ 0x7000, 0x7300, 0 },
	{ 0x1000, 0x1400, 1 },
	{ 0x6100, 0x6800, 0 },
	{ 0x1800, 0x2000, 1 },
};

/*
 * pfn_valid and the conversions on two_nodes.
 *
 * Expect every PFN of each node's span valid (holes too, reserved, with
 * the node), consecutive descriptors inside a node, round trips, and no
 * PFN valid below, between or above the nodes, nor at the limits.
 */
static int discontig_spans_and_holes(void)
{
	static const unsigned long outside[] = {
		0, 0xfff, 0x2000, 0x4000, 0x60ff, 0x7300, 0x7fff, 0x8000,
	};
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(two_node_models); i++) {
		const struct model_ops *ops = two_node_models[i];
		unsigned long limit = unit_max_pfn(two_node_wants[i].physmem_bits, 12);
		unsigned long size = two_node_wants[i].size;

		prefix_push(ops->name);
		ASSERT_EQ(PMM_MODEL_DISCONTIGMEM, ops->params->model);
		ASSERT_EQ(0, ops->init(two_nodes, ARRAY_SIZE(two_nodes)));
		check_described_span(ops, two_nodes, ARRAY_SIZE(two_nodes),
				     0x1000, 0x2000, 0x1000, size);
		check_described_span(ops, two_nodes, ARRAY_SIZE(two_nodes),
				     0x6100, 0x7300, 0x1200, size);
		for (j = 0; j < ARRAY_SIZE(outside); j++) {
			ASSERT_FALSE(ops->pfn_valid(outside[j]));
			ASSERT_EQ(-1, ops->pfn_to_nid(outside[j]));
		}
		ASSERT_FALSE(ops->pfn_valid(limit - 1));
		ASSERT_FALSE(ops->pfn_valid(limit));
		ASSERT_FALSE(ops->pfn_valid(~0UL));
		ASSERT_EQ(1, ops->pfn_to_nid(0x1400));	/* hole of node 1 */
		ASSERT_TRUE(page_reserved(ops->pfn_to_page(0x1400)));
		ASSERT_EQ(0, ops->pfn_to_nid(0x6800));	/* hole of node 0 */
		ops->exit();
		check_nothing_allocated();
		prefix_pop();
	}
	return 0;
}

/*
 * node_start_pfn and node_spanned_pages on two_nodes.
 *
 * Expect node 1 to start at 0x1000 and span 0x1000 pages, node 0 to start
 * at 0x6100 and span 0x1200, other nodes to span nothing, and both to be
 * forgotten after exit.
 */
static int discontig_node_span_api(void)
{
	ASSERT_EQ(0, pmm_ds64_init(two_nodes, ARRAY_SIZE(two_nodes)));
	ASSERT_EQ(0x1000, pmm_ds64_node_start_pfn(1));
	ASSERT_EQ(0x1000, pmm_ds64_node_spanned_pages(1));
	ASSERT_EQ(0x6100, pmm_ds64_node_start_pfn(0));
	ASSERT_EQ(0x1200, pmm_ds64_node_spanned_pages(0));
	ASSERT_EQ(0, pmm_ds64_node_spanned_pages(2));
	ASSERT_EQ(0, pmm_ds64_node_spanned_pages(DC_DEFAULT_NODES - 1));
	pmm_ds64_exit();
	ASSERT_EQ(0, pmm_ds64_node_spanned_pages(0));
	ASSERT_EQ(0, pmm_ds64_node_spanned_pages(1));

	ASSERT_EQ(0, pmm_dt_init(two_nodes, ARRAY_SIZE(two_nodes)));
	ASSERT_EQ(0x6100, pmm_dt_node_start_pfn(0));
	ASSERT_EQ(0x1200, pmm_dt_node_spanned_pages(0));
	pmm_dt_exit();
	check_nothing_allocated();
	return 0;
}

/*
 * pmm_stats on two_nodes, for each descriptor size.
 *
 *	node 1 map: [ALIGN_DOWN(0x1000, 1024), ALIGN_UP(0x2000, 1024)) = 0x1000
 *	node 0 map: [ALIGN_DOWN(0x6100, 1024), ALIGN_UP(0x7300, 1024)) = 0x1400
 *
 * Expect memmap_bytes = (0x1000 + 0x1400) x size, memmap_pages = the
 * spanned pages, 2 nodes, no sections, the allocator holding exactly the
 * two maps; static_bytes the same before, during and after, at least the
 * chunk table for dt; everything else zero after exit.
 */
static int discontig_stats(void)
{
	unsigned long order_pages = 1UL << DC_DEFAULT_MAX_ORDER;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(two_node_models); i++) {
		const struct model_ops *ops = two_node_models[i];
		unsigned long size = two_node_wants[i].size;
		unsigned long long static_bytes = stats_static_bytes(ops);
		unsigned long pages;
		struct pmm_stats st;

		prefix_push(ops->name);
		check_stats_empty(ops, static_bytes);
		ASSERT_EQ(0, ops->init(two_nodes, ARRAY_SIZE(two_nodes)));
		ops->stats(&st);
		pages = (UNIT_ALIGN_UP(0x2000UL, order_pages) -
			 UNIT_ALIGN_DOWN(0x1000UL, order_pages)) +
			(UNIT_ALIGN_UP(0x7300UL, order_pages) -
			 UNIT_ALIGN_DOWN(0x6100UL, order_pages));
		ASSERT_EQ(0x2400, pages);
		ASSERT_EQ(pages * size, st.memmap_bytes);
		ASSERT_EQ(0x1000 + 0x1200, st.memmap_pages);
		ASSERT_EQ(map_ram_pages(two_nodes, ARRAY_SIZE(two_nodes)), st.ram_pages);
		ASSERT_EQ(2, st.nr_nodes);
		ASSERT_EQ(0, st.nr_present_sections);
		ASSERT_EQ(static_bytes, st.static_bytes);
		ASSERT_EQ(2, test_alloc_live_blocks);
		ASSERT_EQ(st.memmap_bytes + st.metadata_bytes, test_alloc_live_bytes);
		if (two_node_wants[i].nid_by_table)
			ASSERT_TRUE(static_bytes >= DT_NR_CHUNKS);
		ops->exit();
		check_stats_empty(ops, static_bytes);
		check_nothing_allocated();
		prefix_pop();
	}
	return 0;
}

/*
 * The chunk table answers by chunk; pfn_valid still checks the span.
 * 16-page chunks:
 *
 *	chunk   0       1       2       3       4       5 ...  last
 *	PFN     0x00    0x10    0x20    0x30    0x40    0x50
 *	                [ n0 RAM      )       [n3 ]    [n3  )  ... [n5]
 *	                0x10       0x2c  0x30  0x38  0x40  0x4a    limit-4..limit
 *
 * Expect 0x2c..0x2f (chunk 2 is node 0's, the span is not) and
 * 0x4a..0x4f invalid with pfn_to_nid -1, the hole 0x38..0x3f valid and
 * node 3's, chunk 0 invalid, and the node in the last chunk valid up to
 * the physical-address limit, which itself is invalid.
 */
static int discontig_table_chunks(void)
{
	const struct model_ops *ops = &dts_ops;
	unsigned long limit = unit_max_pfn(DTS_PHYSMEM_BITS, 12);
	const struct pmm_range map[] = {
		{ 0x40, 0x4a, 3 },
		{ 0x10, 0x2c, 0 },
		{ limit - 4, limit, 5 },
		{ 0x30, 0x38, 3 },
	};
	unsigned long pfn;

	ASSERT_EQ(PMM_NID_BY_TABLE, ops->params->discontig_nid);
	ASSERT_EQ(DTS_CHUNK_SHIFT, ops->params->discontig_chunk_shift);
	ASSERT_EQ(0, ops->init(map, ARRAY_SIZE(map)));
	check_described_span(ops, map, ARRAY_SIZE(map), 0x10, 0x2c, 0x1c,
			     UNIT_DEFAULT_DESC_SIZE);
	check_described_span(ops, map, ARRAY_SIZE(map), 0x30, 0x4a, 0x1a,
			     UNIT_DEFAULT_DESC_SIZE);
	check_described_span(ops, map, ARRAY_SIZE(map), limit - 4, limit, 4,
			     UNIT_DEFAULT_DESC_SIZE);
	for (pfn = 0; pfn < 0x10; pfn++)
		if (ops->pfn_valid(pfn))
			break;
	ASSERT_EQ(0x10, pfn);
	for (pfn = 0x2c; pfn < 0x30; pfn++) {
		ASSERT_FALSE(ops->pfn_valid(pfn));
		ASSERT_EQ(-1, ops->pfn_to_nid(pfn));
	}
	for (pfn = 0x4a; pfn < 0x50; pfn++)
		ASSERT_FALSE(ops->pfn_valid(pfn));
	ASSERT_EQ(3, ops->pfn_to_nid(0x38));
	ASSERT_TRUE(page_reserved(ops->pfn_to_page(0x3f)));
	ASSERT_FALSE(ops->pfn_valid(limit - 5));
	ASSERT_FALSE(ops->pfn_valid(limit));
	ASSERT_FALSE(ops->pfn_valid(limit + 0x10));
	ASSERT_FALSE(ops->pfn_valid(~0UL));
	ASSERT_EQ(-1, ops->pfn_to_nid(limit));
	ops->exit();
	check_nothing_allocated();
	return 0;
}

/*
 * exit clears the chunk table: a node may take chunks another node held.
 *
 *	first:   chunk 1-2: n0 [0x10, 0x2c)     chunk 3: n3 [0x30, 0x38)
 *	second:  chunk 1-2: n3 [0x10, 0x30)     chunk 3: nothing
 *
 * Expect the second map's PFNs to report node 3, chunk 3 to be invalid,
 * and, after the last exit, nothing valid.
 */
static int discontig_table_reinit(void)
{
	static const struct pmm_range first[] = {
		{ 0x10, 0x2c, 0 },
		{ 0x30, 0x38, 3 },
	};
	static const struct pmm_range second[] = { { 0x10, 0x30, 3 } };
	const struct model_ops *ops = &dts_ops;

	ASSERT_EQ(0, ops->init(first, ARRAY_SIZE(first)));
	ops->exit();
	check_stats_empty(ops, stats_static_bytes(ops));
	ASSERT_FALSE(ops->pfn_valid(0x10));
	ASSERT_EQ(0, ops->init(second, 1));
	check_described_span(ops, second, 1, 0x10, 0x30, 0x20, UNIT_DEFAULT_DESC_SIZE);
	ASSERT_FALSE(ops->pfn_valid(0x30));
	ASSERT_EQ(-1, ops->pfn_to_nid(0x37));
	ops->exit();
	ASSERT_FALSE(ops->pfn_valid(0x10));
	ASSERT_EQ(-1, ops->pfn_to_nid(0x10));
	check_nothing_allocated();
	return 0;
}

/*
 * The span search with many nodes, numbered against address order, with
 * node ids up to MAX_NUMNODES - 1, handed over unsorted.
 *
 *	PFN   0x000  0x100  0x200  0x300 ... 0x700   0x800
 *	      [n63 ) [n62 ) [n61 ) [n60 )    [n56 )
 *	       each [k*0x100, k*0x100 + 0x80), holes between spans
 *
 * Expect each node's 0x80 pages valid with its id, the PFNs between the
 * spans invalid, and 8 nodes counted.
 */
static int discontig_search_many_nodes(void)
{
	const struct model_ops *ops = &ds64_ops;
	struct pmm_range map[8];
	struct pmm_stats st;
	unsigned int k;

	for (k = 0; k < 8; k++) {
		/* fill from the top so the input is unsorted */
		unsigned int slot = 7 - k;

		map[slot].start_pfn = k * 0x100UL;
		map[slot].end_pfn = k * 0x100UL + 0x80;
		map[slot].nid = DC_DEFAULT_NODES - 1 - (int)k;
	}
	ASSERT_EQ(0, ops->init(map, 8));
	for (k = 0; k < 8; k++) {
		prefix_push("node");
		check_described_span(ops, map, 8, k * 0x100UL, k * 0x100UL + 0x80, 0x80,
				     UNIT_DEFAULT_DESC_SIZE);
		ASSERT_EQ(DC_DEFAULT_NODES - 1 - (int)k, ops->pfn_to_nid(k * 0x100UL + 0x7f));
		ASSERT_FALSE(ops->pfn_valid(k * 0x100UL + 0x80));
		ASSERT_FALSE(ops->pfn_valid(k * 0x100UL + 0xff));
		prefix_pop();
	}
	ops->stats(&st);
	ASSERT_EQ(8, st.nr_nodes);
	ASSERT_EQ(8 * 0x80, st.memmap_pages);
	ops->exit();
	check_nothing_allocated();
	return 0;
}

/*
 * Nodes next to each other with no gap, the second not MAX_ORDER aligned:
 * both maps cover the shared 1024-page block at 0x400.
 *
 *	PFN  0x000        0x500        0x900
 *	     [ n0 RAM      )[ n1 RAM     )
 *	map n0: [0x000, 0x800)   map n1: [0x400, 0xc00)
 *
 * Expect 0x4ff to be node 0 and 0x500 node 1, each with its own
 * descriptor (the maps overlap in PFN space, not in memory), and
 * memmap_bytes = (0x800 + 0x800) x 64.
 */
static int discontig_adjacent_nodes(void)
{
	static const struct pmm_range map[] = {
		{ 0x500, 0x900, 1 },
		{ 0x000, 0x500, 0 },
	};
	const struct model_ops *ops = &ds64_ops;
	unsigned long order_pages = 1UL << DC_DEFAULT_MAX_ORDER;
	struct pmm_stats st;

	ASSERT_EQ(0, ops->init(map, ARRAY_SIZE(map)));
	check_described_span(ops, map, ARRAY_SIZE(map), 0, 0x500, 0x500,
			     UNIT_DEFAULT_DESC_SIZE);
	check_described_span(ops, map, ARRAY_SIZE(map), 0x500, 0x900, 0x400,
			     UNIT_DEFAULT_DESC_SIZE);
	ASSERT_EQ(0, ops->pfn_to_nid(0x4ff));
	ASSERT_EQ(1, ops->pfn_to_nid(0x500));
	ASSERT_NE((unsigned long)ops->pfn_to_page(0x4ff) + UNIT_DEFAULT_DESC_SIZE,
		  (unsigned long)ops->pfn_to_page(0x500));
	ops->stats(&st);
	ASSERT_EQ(((UNIT_ALIGN_UP(0x500UL, order_pages) - 0) +
		   (UNIT_ALIGN_UP(0x900UL, order_pages) -
		    UNIT_ALIGN_DOWN(0x500UL, order_pages))) * UNIT_DEFAULT_DESC_SIZE,
		  st.memmap_bytes);
	ASSERT_EQ(st.memmap_bytes, test_alloc_live_bytes);
	ops->exit();
	check_nothing_allocated();
	return 0;
}

/*
 * init, exit, init again with another map, for both methods.
 *
 *	first:   n1 [0x1000, 0x2000)   n0 [0x6100, 0x7300)   (two_nodes)
 *	second:  n2 [0x6000, 0x6400)
 *
 * Expect after the second init only [0x6000, 0x6400) valid, of node 2,
 * and old spans invalid.
 */
static int discontig_reinit(void)
{
	static const struct pmm_range second[] = { { 0x6000, 0x6400, 2 } };
	static const struct model_ops *const models[] = { &ds64_ops, &dt_ops };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(models); i++) {
		const struct model_ops *ops = models[i];

		prefix_push(ops->name);
		ASSERT_EQ(0, ops->init(two_nodes, ARRAY_SIZE(two_nodes)));
		ops->exit();
		check_nothing_allocated();
		ASSERT_EQ(0, ops->init(second, 1));
		check_described_span(ops, second, 1, 0x6000, 0x6400, 0x400,
				     UNIT_DEFAULT_DESC_SIZE);
		ASSERT_FALSE(ops->pfn_valid(0x1000));
		ASSERT_FALSE(ops->pfn_valid(0x6400));
		ASSERT_FALSE(ops->pfn_valid(0x7000));
		ASSERT_EQ(-1, ops->pfn_to_nid(0x1800));
		ops->exit();
		check_nothing_allocated();
		prefix_pop();
	}
	return 0;
}

static struct test_args args = {
	.about = "DISCONTIGMEM: node spans, the node search and table, holes",
};

int main(int argc, char **argv)
{
	test_parse_args(&args, argc, argv);
	RUN(discontig_spans_and_holes);
	RUN(discontig_node_span_api);
	RUN(discontig_stats);
	RUN(discontig_table_chunks);
	RUN(discontig_table_reinit);
	RUN(discontig_search_many_nodes);
	RUN(discontig_adjacent_nodes);
	RUN(discontig_reinit);
	return test_summary("test_discontig" UNIT_CC_SUFFIX);
}
