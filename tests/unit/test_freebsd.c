// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_freebsd.c - FreeBSD's vm_page_array, dense (amd64) and by
 * segments (arm64), case by case
 *
 * Parameters: 4 KiB pages, 104-byte descriptors (FreeBSD 14's struct
 * vm_page on amd64 and arm64); amd64's free lists (LOWMEM below 16 MiB,
 * DMA32 below 4 GiB when more than 16M pages lie above it) for the dense
 * instance, arm64's (DMA32 below 4 GiB, no threshold) for the sparse one,
 * and a sparse instance with room for 4 segments.
 */
#include "test.h"
#include "test_args.h"
#include "pmm_hosted.h"

#define PMM_NAME fdense
#define PMM_MODEL PMM_MODEL_FREEBSD_DENSE
#include "pmm.h"

#define PMM_NAME fsparse
#define PMM_MODEL PMM_MODEL_FREEBSD_SPARSE
#include "pmm.h"

#define PMM_NAME ffour
#define PMM_MODEL PMM_MODEL_FREEBSD_SPARSE
#define PMM_VM_PHYSSEG_MAX 4
#include "pmm.h"

#ifndef UNIT_CC_SUFFIX
#define UNIT_CC_SUFFIX ""
#endif

#define GIB	0x40000UL	/* pages of 1 GiB */
#define MIB16	0x1000UL	/* pages of 16 MiB */
#define NR(a)	(sizeof(a) / sizeof((a)[0]))

/* vm_phys_segs as a test expects it, every field */
#define EXPECT_SEGMENTS(model, ...)							\
	do {										\
		static const struct pmm_phys_seg want_[] = { __VA_ARGS__ };		\
		struct pmm_phys_seg got_[8];						\
											\
		ASSERT_EQ(NR(want_), pmm_##model##_vm_phys_segs(got_, NR(got_)));	\
		expect_segments(want_, got_, NR(want_));				\
	} while (0)

static void expect_segments(const struct pmm_phys_seg *want, const struct pmm_phys_seg *got,
			    unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		ASSERT_MSG(want[i].start_pfn == got[i].start_pfn &&
			   want[i].end_pfn == got[i].end_pfn && want[i].domain == got[i].domain &&
			   want[i].free_list == got[i].free_list,
			   "segment %u: [%#lx, %#lx) domain %d list %d, expected [%#lx, %#lx) domain %d list %d",
			   i, got[i].start_pfn, got[i].end_pfn, got[i].domain, got[i].free_list,
			   want[i].start_pfn, want[i].end_pfn, want[i].domain, want[i].free_list);
}

#define LOWMEM	PMM_VM_FREELIST_LOWMEM
#define DMA32	PMM_VM_FREELIST_DMA32
#define DEFAULT	PMM_VM_FREELIST_DEFAULT

/*
 * A two-domain machine, RAM below and above 4 GiB:
 *
 *	PFN  0x100 [dom 0 .......... 3 GiB) ... 4 GiB [dom 0: 1 GiB)[dom 1: 1 GiB)
 *	     cut at 16 MiB (LOWMEM)          cut at 4 GiB (DMA32, none here)
 */
static const struct pmm_range two_domains[] = {
	{ 0x100, 3 * GIB, 0 },
	{ 4 * GIB, 5 * GIB, 0 },
	{ 5 * GIB, 6 * GIB, 1 },
};

/*
 * Dense: one array from the lowest to the highest frame.
 *
 *	segments  [0x100, 16M) LOWMEM  [16M, 3G) DEFAULT  [4G, 5G) dom 0  [5G, 6G) dom 1
 *	array     |<-------------- 0x100 .. 6 GiB, the 1 GiB hole included -------->|
 *
 * Expect 4 segments (the hole and the domain split keep them apart; no
 * DMA32 list with 2 GiB above 4 GiB, so [16M, 3G) is DEFAULT), the hole
 * valid with its own descriptor in no segment (node -1), PFNs below 0x100
 * and from 6 GiB not valid, descriptors for every frame of the span, and
 * nothing held after exit.
 */
static int dense_array_spans_the_holes(void)
{
	unsigned long long live = pmm_hosted_live;
	struct pmm_stats st;

	PREFIX_PUSH();
	ASSERT_EQ(0, pmm_fdense_init(two_domains, NR(two_domains)));
	EXPECT_SEGMENTS(fdense, { 0x100, MIB16, 0, LOWMEM }, { MIB16, 3 * GIB, 0, DEFAULT },
			{ 4 * GIB, 5 * GIB, 0, DEFAULT }, { 5 * GIB, 6 * GIB, 1, DEFAULT });
	ASSERT_TRUE(pmm_fdense_pfn_valid(3 * GIB));
	ASSERT_EQ(-1, pmm_fdense_pfn_to_nid(3 * GIB));
	ASSERT_EQ(3 * GIB, pmm_fdense_page_to_pfn(pmm_fdense_pfn_to_page(3 * GIB)));
	ASSERT_FALSE(pmm_fdense_pfn_valid(0xff));
	ASSERT_FALSE(pmm_fdense_pfn_valid(6 * GIB));
	ASSERT_EQ(1, pmm_fdense_pfn_to_nid(6 * GIB - 1));
	ASSERT_EQ(0, pmm_fdense_pfn_to_nid(0x100));
	ASSERT_EQ(6 * GIB - 0x100, (unsigned long)(pmm_fdense_pfn_to_page(6 * GIB - 1) -
						  pmm_fdense_pfn_to_page(0x100)) + 1);
	pmm_fdense_stats(&st);
	ASSERT_EQ(6 * GIB - 0x100, st.memmap_pages);
	ASSERT_EQ((6 * GIB - 0x100) * 104ULL, st.memmap_bytes);
	pmm_fdense_exit();
	ASSERT_EQ(live, pmm_hosted_live);
	PREFIX_POP();
	return 0;
}

/*
 * Sparse: the segments' descriptors packed, a binary search to find them.
 *
 *	segments  [0x100, 3G) DMA32  [4G, 5G) dom 0  [5G, 6G) dom 1
 *	array     |seg 0            |seg 1          |seg 2          |
 *
 * Expect 3 segments (arm64 cuts nothing at 16 MiB; [0x100, 3G) alone ends
 * below 4 GiB, so it is DMA32), the hole and the edges not valid, the
 * descriptor of 4 GiB right after that of 3 GiB - 1, and only RAM
 * described.
 */
static int sparse_segments_pack_the_array(void)
{
	unsigned long long live = pmm_hosted_live;
	struct pmm_stats st;

	PREFIX_PUSH();
	ASSERT_EQ(0, pmm_fsparse_init(two_domains, NR(two_domains)));
	EXPECT_SEGMENTS(fsparse, { 0x100, 3 * GIB, 0, DMA32 }, { 4 * GIB, 5 * GIB, 0, DEFAULT },
			{ 5 * GIB, 6 * GIB, 1, DEFAULT });
	ASSERT_FALSE(pmm_fsparse_pfn_valid(3 * GIB));
	ASSERT_FALSE(pmm_fsparse_pfn_valid(4 * GIB - 1));
	ASSERT_FALSE(pmm_fsparse_pfn_valid(0xff));
	ASSERT_FALSE(pmm_fsparse_pfn_valid(6 * GIB));
	ASSERT_TRUE(pmm_fsparse_pfn_valid(4 * GIB));
	ASSERT_EQ(1, (unsigned long)(pmm_fsparse_pfn_to_page(4 * GIB) -
				     pmm_fsparse_pfn_to_page(3 * GIB - 1)));
	ASSERT_EQ(5 * GIB, pmm_fsparse_page_to_pfn(pmm_fsparse_pfn_to_page(5 * GIB)));
	ASSERT_EQ(1, pmm_fsparse_pfn_to_nid(5 * GIB));
	ASSERT_EQ(0, pmm_fsparse_pfn_to_nid(5 * GIB - 1));
	pmm_fsparse_stats(&st);
	ASSERT_EQ(5 * GIB - 0x100, st.memmap_pages);
	pmm_fsparse_exit();
	ASSERT_EQ(live, pmm_hosted_live);
	PREFIX_POP();
	return 0;
}

/*
 * Neighbours in one domain and one free list become one segment:
 *
 *	ranges    [0, 1G) [1G, 2G)   (two firmware entries, one domain)
 *	segments  [0, 2G)
 *
 * Expect one segment, and with DMA32 above the threshold of nothing
 * (arm64), on the DMA32 list.
 */
static int sparse_neighbours_coalesce(void)
{
	static const struct pmm_range map[] = { { 0, GIB, 0 }, { GIB, 2 * GIB, 0 } };

	PREFIX_PUSH();
	ASSERT_EQ(0, pmm_fsparse_init(map, NR(map)));
	EXPECT_SEGMENTS(fsparse, { 0, 2 * GIB, 0, DMA32 });
	pmm_fsparse_exit();
	PREFIX_POP();
	return 0;
}

/*
 * More segments than VM_PHYSSEG_MAX (4):
 *
 *	[RAM][ ][RAM][ ][RAM][ ][RAM][ ][RAM]     five apart
 *
 * Expect -EINVAL (FreeBSD panics: "increase VM_PHYSSEG_MAX"), nothing
 * held, and four apart accepted.
 */
static int sparse_too_many_segments(void)
{
	static const struct pmm_range five[] = {
		{ 1 * GIB, 1 * GIB + 16, 0 }, { 2 * GIB, 2 * GIB + 16, 0 },
		{ 3 * GIB, 3 * GIB + 16, 0 }, { 5 * GIB, 5 * GIB + 16, 0 },
		{ 6 * GIB, 6 * GIB + 16, 0 },
	};
	unsigned long long live = pmm_hosted_live;

	PREFIX_PUSH();
	ASSERT_EQ(-PMM_EINVAL, pmm_ffour_init(five, NR(five)));
	ASSERT_EQ(live, pmm_hosted_live);
	ASSERT_EQ(0, pmm_ffour_vm_phys_segs((struct pmm_phys_seg *)0, 0));
	ASSERT_EQ(0, pmm_ffour_init(five, 4));
	ASSERT_EQ(4, pmm_ffour_vm_phys_segs((struct pmm_phys_seg *)0, 0));
	pmm_ffour_exit();
	ASSERT_EQ(live, pmm_hosted_live);
	PREFIX_POP();
	return 0;
}

/*
 * The DMA32 list on amd64 exists only with more than 16M pages (64 GiB)
 * above 4 GiB:
 *
 *	[0x100, 2G) ... 4G [65 GiB)        DMA32 list: [16M, 2G)
 *
 * Expect [16 MiB, 2 GiB) on the DMA32 list once 65 GiB lie above 4 GiB.
 */
static int dense_dma32_needs_memory_above(void)
{
	static const struct pmm_range map[] = {
		{ 0x100, 2 * GIB, 0 }, { 4 * GIB, 69 * GIB, 0 },
	};

	PREFIX_PUSH();
	ASSERT_EQ(0, pmm_fdense_init(map, NR(map)));
	EXPECT_SEGMENTS(fdense, { 0x100, MIB16, 0, LOWMEM }, { MIB16, 2 * GIB, 0, DMA32 },
			{ 4 * GIB, 69 * GIB, 0, DEFAULT });
	pmm_fdense_exit();
	PREFIX_POP();
	return 0;
}

static struct test_args args = {
	.about = "FreeBSD's vm_page_array: dense and by segments",
};

int main(int argc, char **argv)
{
	test_parse_args(&args, argc, argv);
	RUN(dense_array_spans_the_holes);
	RUN(sparse_segments_pack_the_array);
	RUN(sparse_neighbours_coalesce);
	RUN(sparse_too_many_segments);
	RUN(dense_dma32_needs_memory_above);
	return test_summary("test_freebsd" UNIT_CC_SUFFIX);
}
