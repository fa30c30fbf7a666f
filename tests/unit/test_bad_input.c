// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_bad_input.c - pmm_init refuses what it cannot represent, on every
 * model, and unwinds every failed allocation
 *
 * pmm.h section 7 is the contract: -EINVAL for no ranges, empty, inverted
 * or overlapping ranges, a node id outside [0, MAX_NUMNODES) and maps the
 * model cannot represent; -ERANGE beyond MAX_PHYSMEM_BITS or (FLATMEM)
 * below ARCH_PFN_OFFSET; -EBUSY when initialised; -ENOMEM when a hook
 * fails.  Each refusal leaves nothing allocated and nothing changed, and
 * the next good init works.
 *
 * Every instance uses a small physical address space (24 to 28 bits) so
 * that RAM at its very top is cheap to map.
 */
#include <limits.h>

#include "unit.h"
#include "test_args.h"

/*
 * Every instance: 2^24 bytes of physical space unless it says otherwise,
 * 8-page sub-sections with VMEMMAP, and its struct model_ops.
 */
#define TI_MAX_PHYSMEM_BITS	24
#define TI_SUBSECTION_SHIFT	15
#define TI_OPS

#define TI_NAME bf
#define PMM_MODEL PMM_MODEL_FLATMEM
#include "test_instance.h"

#define BFO_PFN_OFFSET	0x100UL
#define TI_NAME bfo
#define PMM_MODEL PMM_MODEL_FLATMEM
#define PMM_ARCH_PFN_OFFSET BFO_PFN_OFFSET
#include "test_instance.h"

/* one node only: node 1 is out of range */
#define TI_NAME bn0
#define PMM_MODEL PMM_MODEL_FLATMEM
#define PMM_NODES_SHIFT 0
#include "test_instance.h"

/* a small physical space: the span search has no chunk rule to meet */
#define TI_NAME bds
#define PMM_MODEL PMM_MODEL_DISCONTIGMEM
#define PMM_DISCONTIG_NID PMM_NID_BY_SEARCH
#define PMM_NODES_SHIFT 2
#include "test_instance.h"

/* 256-page chunks */
#define TI_NAME bdt
#define PMM_MODEL PMM_MODEL_DISCONTIGMEM
#define PMM_DISCONTIG_NID PMM_NID_BY_TABLE
#define PMM_DISCONTIG_CHUNK_SHIFT 20
#define PMM_NODES_SHIFT 2
#include "test_instance.h"

#define TI_NAME bss
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_SPARSEMEM_EXTREME 0
#define PMM_SECTION_SIZE_BITS 16
#define PMM_MAX_PAGE_ORDER 3
#include "test_instance.h"

/*
 * 2^12 sections: SECTIONS_WIDTH 12 + ZONES_SHIFT 2 overflow the 12 bits a
 * 32-bit long leaves beside x86_32's 20 page flags, so fewer flags there
 */
#define TI_NAME bsx
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_SPARSEMEM_EXTREME 1
#define PMM_SECTION_SIZE_BITS 16
#define PMM_MAX_PAGE_ORDER 3
#define PMM_MAX_PHYSMEM_BITS 28
#if PMM_BITS_PER_LONG != 64
#define PMM_NR_PAGEFLAGS 8
#endif
#include "test_instance.h"

#define TI_NAME bvr
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_SPARSEMEM_EXTREME 1	/* 64-bit's default: no static table */
#define PMM_SECTION_SIZE_BITS 17
#define PMM_MAX_PAGE_ORDER 3
#define PMM_MAX_PHYSMEM_BITS 28
#define TI_VMEMMAP vm
#include "test_instance.h"

/*
 * below ASan's allocator at 0x600000000000; with a 32-bit long (no ASan
 * there), in the upper half of the 4 GiB
 */
#if PMM_BITS_PER_LONG == 64
#define BVC_BASE	0x300000000000UL
#else
#define BVC_BASE	0xa0000000UL
#endif
#define TI_NAME bvc
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_SPARSEMEM_EXTREME 1	/* 64-bit's default: no static table */
#define PMM_VMEMMAP_BASE BVC_BASE
#define PMM_SECTION_SIZE_BITS 17
#define PMM_MAX_PAGE_ORDER 3
#define PMM_MAX_PHYSMEM_BITS 28
#define TI_VMEMMAP vm
#include "test_instance.h"

static const struct model_ops *const models[] = {
	&bf_ops, &bfo_ops, &bn0_ops, &bds_ops, &bdt_ops,
	&bss_ops, &bsx_ops, &bvr_ops, &bvc_ops,
};

/*
 * What the test set for each instance, or the default pmm.h documents
 * where it set nothing, in models[] order: FLATMEM's first PFN
 * (ARCH_PFN_OFFSET; 0 for the others), NODES_SHIFT and the
 * physical-address bits, with 4 KiB pages everywhere.
 */
static const struct {
	unsigned long first_pfn;
	int nodes_shift;
	int physmem_bits;
} wants[] = {
	{ 0, UNIT_DEFAULT_NODES_SHIFT, 24 },			/* bf */
	{ BFO_PFN_OFFSET, UNIT_DEFAULT_NODES_SHIFT, 24 },	/* bfo */
	{ 0, 0, 24 },						/* bn0 */
	{ 0, 2, 24 },						/* bds */
	{ 0, 2, 24 },						/* bdt */
	{ 0, UNIT_DEFAULT_NODES_SHIFT, 24 },			/* bss */
	{ 0, UNIT_DEFAULT_NODES_SHIFT, 28 },			/* bsx */
	{ 0, UNIT_DEFAULT_NODES_SHIFT, 28 },			/* bvr */
	{ 0, UNIT_DEFAULT_NODES_SHIFT, 28 },			/* bvc */
};
_Static_assert(ARRAY_SIZE(wants) == ARRAY_SIZE(models), "a want per model");

static unsigned int want_of(const struct model_ops *ops)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(models) && models[i] != ops; i++)
		;
	if (i == ARRAY_SIZE(models)) {
		fprintf(stderr, "test_bad_input: %s is not in models[]\n", ops->name);
		exit(2);
	}
	return i;
}

static unsigned long first_pfn(const struct model_ops *ops)
{
	return wants[want_of(ops)].first_pfn;
}

static int max_numnodes(const struct model_ops *ops)
{
	return 1 << wants[want_of(ops)].nodes_shift;
}

/* the PFN one past what the instance's physical-address bits reach */
static unsigned long max_pfn(const struct model_ops *ops)
{
	return unit_max_pfn(wants[want_of(ops)].physmem_bits, 12);
}

/* node @nid, or node 0 where the instance has fewer nodes */
static int node(const struct model_ops *ops, int nid)
{
	return nid < max_numnodes(ops) ? nid : 0;
}

/*
 * The good map of each instance, relative to its first PFN, unsorted:
 *
 *	PFN  +0x10  +0x30   +0x300   +0x400       limit/2   +0x40
 *	     [ n0   )       [ n1      )           [ n2        )
 *
 * Node 1 and node 2 spans lie in other DISCONTIGMEM chunks (256 pages)
 * and, with EXTREME, node 2 in another root.
 */
#define GOOD_NR	3

static void good_map(const struct model_ops *ops, struct pmm_range *r)
{
	unsigned long base = first_pfn(ops), half = max_pfn(ops) / 2;

	r[0].start_pfn = base + 0x300;
	r[0].end_pfn = base + 0x400;
	r[0].nid = node(ops, 1);
	r[1].start_pfn = base + 0x10;
	r[1].end_pfn = base + 0x30;
	r[1].nid = node(ops, 0);
	r[2].start_pfn = half;
	r[2].end_pfn = half + 0x40;
	r[2].nid = node(ops, 2);
}

/*
 * After a refusal: nothing allocated, backed or reserved, nothing
 * reported, nothing valid; then the good map initialises and converts.
 */
static void check_refused_then_good(const struct model_ops *ops,
				    unsigned long long static_bytes)
{
	struct pmm_range good[GOOD_NR];
	unsigned long base = first_pfn(ops);

	check_nothing_allocated();
	vm_check_nothing_held();
	check_stats_empty(ops, static_bytes);
	ASSERT_FALSE(ops->pfn_valid(base + 0x10));
	ASSERT_FALSE(ops->pfn_valid(base + 0x300));
	good_map(ops, good);
	ASSERT_EQ(0, ops->init(good, GOOD_NR));
	ASSERT_TRUE(ops->pfn_valid(base + 0x10));
	ASSERT_EQ(base + 0x3ff, ops->page_to_pfn(ops->pfn_to_page(base + 0x3ff)));
	ASSERT_EQ(node(ops, 1), ops->pfn_to_nid(base + 0x300));
	ops->exit();
	check_nothing_allocated();
	vm_check_nothing_held();
}

/*
 * pmm_init must refuse the map with @err.  Should it wrongly accept it,
 * undo that, so the rest of the case still tests something.
 */
static void expect_refused(const struct model_ops *ops, const struct pmm_range *r,
			   unsigned int nr, int err)
{
	int seen = ops->init(r, nr);

	ASSERT_EQ(err, seen);
	if (!seen)
		ops->exit();
}

/* One refused map and the errno it must get. */
struct bad_map {
	const char *what;
	struct pmm_range r[4];
	unsigned int nr;
	int err;
};

/*
 * Malformed maps every model refuses, relative to the first PFN (off)
 * and the physical-address limit (lim):
 *
 *	empty          [off+5, off+5)                          -EINVAL
 *	inverted       [off+9, off+5)                          -EINVAL
 *	one bad of 3   good, good, [off+0x500, off+0x500)      -EINVAL
 *	overlap        [off+0x10 ... 0x30) [off+0x20 ... 0x40) -EINVAL
 *	by one page    [off+0x10 ... 0x31) [off+0x30 ... 0x40) -EINVAL
 *	after sorting  [0x50, 0x60) [0x300, 0x310) [0x10, 0x58)  -EINVAL
 *	               (neighbours in input order do not overlap)
 *	duplicate      [0x10, 0x30) twice                      -EINVAL
 *	contained      [0x10 ............. 0x100) [0x20, 0x30) -EINVAL
 *	nid -1, nid MAX_NUMNODES, nid INT_MAX                  -EINVAL
 *	end lim+1, [lim, lim+0x10), end ~0, bad last of 3      -ERANGE
 */
static unsigned int bad_maps(const struct model_ops *ops, struct bad_map *b)
{
	unsigned long off = first_pfn(ops), lim = max_pfn(ops);
	const struct bad_map list[] = {
		{ "empty", { { off + 5, off + 5, 0 } }, 1, -EINVAL },
		{ "inverted", { { off + 9, off + 5, 0 } }, 1, -EINVAL },
		{ "one empty among good ones",
		  { { off + 0x10, off + 0x30, 0 }, { off + 0x300, off + 0x400, 0 },
		    { off + 0x500, off + 0x500, 0 } }, 3, -EINVAL },
		{ "overlap", { { off + 0x10, off + 0x30, 0 }, { off + 0x20, off + 0x40, 0 } },
		  2, -EINVAL },
		{ "overlap by one page",
		  { { off + 0x10, off + 0x31, 0 }, { off + 0x30, off + 0x40, 0 } }, 2, -EINVAL },
		{ "overlap only once sorted",
		  { { off + 0x50, off + 0x60, 0 }, { off + 0x300, off + 0x310, 0 },
		    { off + 0x10, off + 0x58, 0 } }, 3, -EINVAL },
		{ "duplicate", { { off + 0x10, off + 0x30, 0 }, { off + 0x10, off + 0x30, 0 } },
		  2, -EINVAL },
		{ "contained", { { off + 0x10, off + 0x100, 0 }, { off + 0x20, off + 0x30, 0 } },
		  2, -EINVAL },
		{ "nid -1", { { off + 0x10, off + 0x30, -1 } }, 1, -EINVAL },
		{ "nid MAX_NUMNODES",
		  { { off + 0x10, off + 0x30, 0 }, { off + 0x40, off + 0x50, max_numnodes(ops) } },
		  2, -EINVAL },
		{ "nid INT_MAX", { { off + 0x10, off + 0x30, INT_MAX } }, 1, -EINVAL },
		{ "end one past the limit", { { off + 0x10, lim + 1, 0 } }, 1, -ERANGE },
		{ "wholly past the limit", { { lim, lim + 0x10, 0 } }, 1, -ERANGE },
		{ "end ~0", { { off + 0x10, ~0UL, 0 } }, 1, -ERANGE },
		{ "one past the limit among good ones",
		  { { off + 0x10, off + 0x30, 0 }, { off + 0x300, off + 0x400, 0 },
		    { lim - 0x10, lim + 0x10, 0 } }, 3, -ERANGE },
	};

	memcpy(b, list, sizeof(list));
	return ARRAY_SIZE(list);
}

#define MAX_BAD_MAPS	32

/*
 * Every malformed map of bad_maps() on every model.
 *
 * Expect each to get its errno, leave nothing allocated, backed or
 * reserved and the stats empty, and the good map to initialise after it.
 */
static int bad_malformed_maps(void)
{
	struct bad_map b[MAX_BAD_MAPS];
	unsigned int i, k, n;

	for (i = 0; i < ARRAY_SIZE(models); i++) {
		const struct model_ops *ops = models[i];
		unsigned long long static_bytes = stats_static_bytes(ops);

		prefix_push(ops->name);
		n = bad_maps(ops, b);
		for (k = 0; k < n; k++) {
			prefix_push(b[k].what);
			expect_refused(ops, b[k].r, b[k].nr, b[k].err);
			check_refused_then_good(ops, static_bytes);
			prefix_pop();
		}
		prefix_pop();
	}
	return 0;
}

/*
 * No map at all.
 *
 *	pmm_init(NULL, 1), pmm_init(good, 0), pmm_init(NULL, 0)
 *
 * Expect -EINVAL for each on every model, nothing allocated.
 */
static int bad_no_ranges(void)
{
	struct pmm_range good[GOOD_NR];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(models); i++) {
		const struct model_ops *ops = models[i];
		unsigned long long static_bytes = stats_static_bytes(ops);

		prefix_push(ops->name);
		good_map(ops, good);
		expect_refused(ops, NULL, 1, -EINVAL);
		check_refused_then_good(ops, static_bytes);
		expect_refused(ops, good, 0, -EINVAL);
		check_refused_then_good(ops, static_bytes);
		expect_refused(ops, NULL, 0, -EINVAL);
		check_refused_then_good(ops, static_bytes);
		prefix_pop();
	}
	return 0;
}

/*
 * The edges that must be accepted, next to the refused ones:
 *
 *	adjacent          [off+0x10, off+0x20) [off+0x20, off+0x30)
 *	last node id      nid MAX_NUMNODES - 1
 *	top of physmem    [lim - 1, lim)
 *
 * Expect 0 for each, the PFN next to the edge valid, and a clean exit.
 */
static int bad_edges_accepted(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(models); i++) {
		const struct model_ops *ops = models[i];
		unsigned long off = first_pfn(ops), lim = max_pfn(ops);
		struct pmm_range adjacent[] = {
			{ off + 0x20, off + 0x30, 0 },
			{ off + 0x10, off + 0x20, 0 },
		};
		struct pmm_range last_nid[] = { { off + 0x10, off + 0x30, max_numnodes(ops) - 1 } };
		struct pmm_range top[] = { { lim - 1, lim, 0 } };

		prefix_push(ops->name);
		ASSERT_EQ(0, ops->init(adjacent, 2));
		ASSERT_TRUE(ops->pfn_valid(off + 0x1f));
		ASSERT_TRUE(ops->pfn_valid(off + 0x20));
		ops->exit();
		ASSERT_EQ(0, ops->init(last_nid, 1));
		ASSERT_EQ(max_numnodes(ops) - 1, ops->pfn_to_nid(off + 0x10));
		ops->exit();
		ASSERT_EQ(0, ops->init(top, 1));
		ASSERT_TRUE(ops->pfn_valid(lim - 1));
		ASSERT_FALSE(ops->pfn_valid(lim));
		ASSERT_EQ(lim - 1, ops->page_to_pfn(ops->pfn_to_page(lim - 1)));
		ops->exit();
		check_nothing_allocated();
		vm_check_nothing_held();
		prefix_pop();
	}
	return 0;
}

/*
 * FLATMEM cannot describe memory below ARCH_PFN_OFFSET (0x100 here):
 *
 *	PFN  0      0xff | 0x100 = OFFSET
 *	     [ RAM ........... )           -ERANGE
 *	           [0xff, 0x110)           -ERANGE
 *	                 [0x100, 0x110)    accepted
 *
 * Expect -ERANGE for the first two, nothing allocated, and the third
 * accepted.
 */
static int bad_flat_below_pfn_offset(void)
{
	static const struct pmm_range from_zero[] = { { 0, 0x110, 0 } };
	static const struct pmm_range one_below[] = {
		{ 0x200, 0x300, 0 },
		{ BFO_PFN_OFFSET - 1, 0x110, 0 },
	};
	static const struct pmm_range at_offset[] = { { BFO_PFN_OFFSET, 0x110, 0 } };
	const struct model_ops *ops = &bfo_ops;

	ASSERT_EQ(BFO_PFN_OFFSET, ops->params->pfn_offset);
	expect_refused(ops, from_zero, 1, -ERANGE);
	check_refused_then_good(ops, 0);
	expect_refused(ops, one_below, 2, -ERANGE);
	check_refused_then_good(ops, 0);
	ASSERT_EQ(0, ops->init(at_offset, 1));
	ASSERT_TRUE(ops->pfn_valid(BFO_PFN_OFFSET));
	ASSERT_FALSE(ops->pfn_valid(BFO_PFN_OFFSET - 1));
	ops->exit();
	check_nothing_allocated();
	return 0;
}

/*
 * A second pmm_init while initialised, even with a good or a bad map.
 *
 * Expect -EBUSY, the stats, allocations, backing and descriptors of the
 * first init untouched, and exit to free it all.
 */
static int bad_double_init(void)
{
	struct pmm_range good[GOOD_NR], other[] = { { 0x800, 0x900, 0 } };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(models); i++) {
		const struct model_ops *ops = models[i];
		unsigned long base = first_pfn(ops);
		struct pmm_stats before, after;
		long long live_bytes, vm_bytes;
		long live_blocks;
		void *page;

		prefix_push(ops->name);
		good_map(ops, good);
		ASSERT_EQ(0, ops->init(good, GOOD_NR));
		ops->stats(&before);
		live_bytes = test_alloc_live_bytes;
		live_blocks = test_alloc_live_blocks;
		vm_bytes = vm.populated;
		page = ops->pfn_to_page(base + 0x20);
		ASSERT_EQ(-EBUSY, ops->init(good, GOOD_NR));
		ASSERT_EQ(-EBUSY, ops->init(other, 1));
		ASSERT_EQ(-EBUSY, ops->init(NULL, 0));
		ops->stats(&after);
		ASSERT_EQ(0, memcmp(&before, &after, sizeof(before)));
		ASSERT_EQ(live_bytes, test_alloc_live_bytes);
		ASSERT_EQ(live_blocks, test_alloc_live_blocks);
		ASSERT_EQ(vm_bytes, vm.populated);
		ASSERT_TRUE(page == ops->pfn_to_page(base + 0x20));
		ASSERT_EQ(base + 0x20, ops->page_to_pfn(page));
		ops->exit();
		check_nothing_allocated();
		vm_check_nothing_held();
		prefix_pop();
	}
	return 0;
}

/*
 * DISCONTIGMEM node spans may not interleave, with either method:
 *
 *	PFN   0x10  0x20        0x100  0x110        0x500  0x510
 *	      [ n0  )           [ n1    )           [ n0    )
 *	      |<------------- node 0 span ----------------->|
 *
 * and a node wholly inside another's hole, handed over unsorted.
 * Expect -EINVAL, nothing allocated, and the good map after.
 */
static int bad_discontig_interleaved(void)
{
	static const struct pmm_range interleaved[] = {
		{ 0x10, 0x20, 0 },
		{ 0x100, 0x110, 1 },
		{ 0x500, 0x510, 0 },
	};
	static const struct pmm_range inside_hole[] = {
		{ 0x900, 0xa00, 3 },
		{ 0x400, 0x410, 2 },
		{ 0x100, 0x200, 3 },
	};
	static const struct model_ops *const both[] = { &bds_ops, &bdt_ops };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(both); i++) {
		const struct model_ops *ops = both[i];
		unsigned long long static_bytes = stats_static_bytes(ops);

		prefix_push(ops->name);
		expect_refused(ops, interleaved, ARRAY_SIZE(interleaved), -EINVAL);
		check_refused_then_good(ops, static_bytes);
		expect_refused(ops, inside_hole, ARRAY_SIZE(inside_hole), -EINVAL);
		check_refused_then_good(ops, static_bytes);
		prefix_pop();
	}
	return 0;
}

/*
 * PMM_NID_BY_TABLE keeps one node per chunk (256 pages here):
 *
 *	chunk 0                    chunk 1          chunk 2
 *	PFN 0x00 0x10  0x20 0x30  0x40  0x100  ...  0x200  0x2c0  0x300
 *	         [ n0  )    [ n1   )                [ n2    )[ n3   )
 *	         two nodes in chunk 0               two in chunk 2
 *
 * Expect -EINVAL for the table (the search accepts the same maps), the
 * chunk table left clean: a good init afterwards, and a map giving chunk
 * 0 to node 1 alone, answer with the new owners.
 */
static int bad_discontig_two_nodes_in_chunk(void)
{
	static const struct pmm_range chunk0[] = {
		{ 0x30, 0x40, 1 },
		{ 0x10, 0x20, 0 },
	};
	static const struct pmm_range chunk2[] = {
		{ 0x10, 0x20, 0 },
		{ 0x200, 0x2c0, 2 },
		{ 0x2c0, 0x300, 3 },
	};
	static const struct pmm_range chunk0_to_n1[] = { { 0x10, 0x40, 1 } };
	const struct model_ops *ops = &bdt_ops;
	unsigned long long static_bytes = stats_static_bytes(ops);

	ASSERT_EQ(PMM_NID_BY_TABLE, ops->params->discontig_nid);
	expect_refused(ops, chunk0, ARRAY_SIZE(chunk0), -EINVAL);
	check_refused_then_good(ops, static_bytes);
	expect_refused(ops, chunk2, ARRAY_SIZE(chunk2), -EINVAL);
	check_refused_then_good(ops, static_bytes);
	ASSERT_EQ(0, ops->init(chunk0_to_n1, 1));
	ASSERT_EQ(1, ops->pfn_to_nid(0x10));
	ASSERT_FALSE(ops->pfn_valid(0x200));
	ASSERT_EQ(-1, ops->pfn_to_nid(0x2c0));
	ops->exit();

	/* the search has no chunks */
	ASSERT_EQ(0, bds_ops.init(chunk0, ARRAY_SIZE(chunk0)));
	ASSERT_EQ(1, bds_ops.pfn_to_nid(0x30));
	bds_ops.exit();
	ASSERT_EQ(0, bds_ops.init(chunk2, ARRAY_SIZE(chunk2)));
	ASSERT_EQ(3, bds_ops.pfn_to_nid(0x2c0));
	bds_ops.exit();
	check_nothing_allocated();
	return 0;
}

/*
 * Fault injection: make the 1st, 2nd, ... Nth allocation of a good init
 * fail, N being the number of allocations a good init makes (the range
 * copy, maps, roots, run records, usage blocks).
 *
 * Expect -ENOMEM every time, nothing allocated, backed or reserved after,
 * empty stats, and the good init to work at the end.
 */
static int bad_alloc_failures_unwind(void)
{
	struct pmm_range good[GOOD_NR];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(models); i++) {
		const struct model_ops *ops = models[i];
		unsigned long long static_bytes = stats_static_bytes(ops);
		long calls, nr_allocs, k;
		int err = 0;

		prefix_push(ops->name);
		good_map(ops, good);
		calls = test_alloc_calls;
		ASSERT_EQ(0, ops->init(good, GOOD_NR));
		nr_allocs = test_alloc_calls - calls;
		ops->exit();
		/* at least the sorted copy of the ranges and one memmap or usage */
		ASSERT_TRUE(nr_allocs >= 2);
		for (k = 1; k <= nr_allocs; k++) {
			test_alloc_fail_at = k;
			err = ops->init(good, GOOD_NR);
			test_alloc_fail_at = 0;
			if (err != -ENOMEM)
				break;
			if (test_alloc_live_blocks || test_alloc_live_bytes ||
			    vm.populated || vm.live_reservations)
				break;
		}
		ASSERT_EQ(nr_allocs + 1, k);	/* the allocation whose failure went wrong */
		if (k <= nr_allocs)
			ASSERT_EQ(-ENOMEM, err);
		if (!err)
			ops->exit();
		check_refused_then_good(ops, static_bytes);
		prefix_pop();
	}
	return 0;
}

/*
 * Fault injection in the vmemmap: make the 1st ... Pth populate of a good
 * init fail (P = populates a good init makes), and refuse the run-time
 * reservation.
 *
 * Expect -ENOMEM each time with no backing, reservation or allocation
 * left, and the good init to work after.
 */
static int bad_vmemmap_failures_unwind(void)
{
	static const struct model_ops *const both[] = { &bvr_ops, &bvc_ops };
	struct pmm_range good[GOOD_NR];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(both); i++) {
		const struct model_ops *ops = both[i];
		long calls, nr_populates, k;
		int err = 0;

		prefix_push(ops->name);
		good_map(ops, good);
		calls = vm.populate_calls;
		ASSERT_EQ(0, ops->init(good, GOOD_NR));
		nr_populates = vm.populate_calls - calls;
		ops->exit();
		ASSERT_TRUE(nr_populates >= 3);	/* three nodes far apart */
		for (k = 1; k <= nr_populates; k++) {
			vm.populate_fail_at = k;
			err = ops->init(good, GOOD_NR);
			vm.populate_fail_at = 0;
			if (err != -ENOMEM)
				break;
			if (test_alloc_live_blocks || vm.populated ||
			    vm.live_reservations || vm.bad.count)
				break;
		}
		ASSERT_EQ(nr_populates + 1, k);	/* the populate whose failure went wrong */
		if (k <= nr_populates)
			ASSERT_EQ(-ENOMEM, err);
		if (!err)
			ops->exit();
		check_refused_then_good(ops, 0);
		prefix_pop();
	}

	vm.reserve_limit = 1;
	expect_refused(&bvr_ops, good, GOOD_NR, -ENOMEM);
	vm.reserve_limit = 0;
	check_refused_then_good(&bvr_ops, 0);
	return 0;
}

/*
 * A compile-time vmemmap base whose address space is already taken (by
 * another mapping) cannot be used.
 *
 *	0x300000000000  [ someone else's page ][ ... vmemmap would go here ]
 *
 * Expect pmm_init to fail with a negative errno and hold nothing, and to
 * succeed once the address space is free again.
 */
static int bad_vmemmap_base_taken(void)
{
	const struct model_ops *ops = &bvc_ops;
	struct pmm_range good[GOOD_NR];
	void *squatter;
	int err;

	good_map(ops, good);
	squatter = mmap((void *)BVC_BASE, 4096, PROT_NONE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	ASSERT_TRUE(squatter == (void *)BVC_BASE);
	err = ops->init(good, GOOD_NR);
	ASSERT_TRUE(err < 0);
	if (!err)
		ops->exit();
	check_nothing_allocated();
	vm_check_nothing_held();
	check_stats_empty(ops, 0);
	if (squatter != MAP_FAILED)
		munmap(squatter, 4096);
	check_refused_then_good(ops, 0);
	return 0;
}

static struct test_args args = {
	.about = "pmm_init refuses what it cannot represent, on every model",
};

int main(int argc, char **argv)
{
	test_parse_args(&args, argc, argv);
	RUN(bad_malformed_maps);
	RUN(bad_no_ranges);
	RUN(bad_edges_accepted);
	RUN(bad_flat_below_pfn_offset);
	RUN(bad_double_init);
	RUN(bad_discontig_interleaved);
	RUN(bad_discontig_two_nodes_in_chunk);
	RUN(bad_alloc_failures_unwind);
	RUN(bad_vmemmap_failures_unwind);
	RUN(bad_vmemmap_base_taken);
	return test_summary("test_bad_input" UNIT_CC_SUFFIX);
}
