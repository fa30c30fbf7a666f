// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_high_ram.c - RAM at 8 TiB and at 64 TiB, in a 47-bit user address
 * space, with pmm's own hosted hooks (no test hooks): the run-time vmemmap
 * base must reserve address space only from the first present section on,
 * and back only the present sections, as vmemmap_populate does in Linux.
 *
 * Parameters: x86_64 with 5-level paging (MAX_PHYSMEM_BITS 52, reference
 * section 10), 128 MiB sections, 64-byte descriptors.  The whole 2^40-page
 * virtual memmap would be 64 TiB of address space; the two ranges need
 * well under 1 TiB of it and 32 MiB of backing.
 */
#include "test.h"
#include "test_args.h"
#include "pmm_hosted.h"

#define HR_PHYSMEM_BITS		52
#define HR_GIB_PAGES		(1UL << 18)		/* 1 GiB of 4 KiB pages */
#define HR_TIB_PFN(t)		((unsigned long)(t) << 28)

#define PMM_NAME hr_vmemmap
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_MAX_PHYSMEM_BITS HR_PHYSMEM_BITS
#include "pmm.h"

#define PMM_NAME hr_sparse
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_MAX_PHYSMEM_BITS HR_PHYSMEM_BITS
#include "pmm.h"

#ifndef UNIT_CC_SUFFIX
#define UNIT_CC_SUFFIX ""
#endif

/*
 *	PFN:   0 ... 8 TiB [node 0: 1 GiB) ......... 64 TiB [node 1: 1 GiB) ... 4 PiB
 *	                  ^ vmemmap reservation starts here
 */
static const struct pmm_range hr_map[] = {
	{ HR_TIB_PFN(64), HR_TIB_PFN(64) + HR_GIB_PAGES, 1 },
	{ HR_TIB_PFN(8), HR_TIB_PFN(8) + HR_GIB_PAGES, 0 },
};

/*
 * Expect every PFN at the edges of both ranges to round-trip and carry its
 * node, nothing in between or beyond to be valid, 16 present sections of
 * 2 MiB memmap each, and nothing held after exit.
 */
static int vmemmap_ram_at_8_and_64_tib(void)
{
	static const long edges[] = { 0, 1, 2, 0x7fff, 0x8000, HR_GIB_PAGES - 1 };
	struct pmm_stats st;
	unsigned long live = pmm_hosted_live;
	unsigned int r, e;

	PREFIX_PUSH();
	ASSERT_EQ(0, pmm_hr_vmemmap_init(hr_map, 2));
	for (r = 0; r < 2; r++) {
		for (e = 0; e < (sizeof(edges) / sizeof(edges[0])); e++) {
			unsigned long pfn = hr_map[r].start_pfn + edges[e];
			struct pmm_hr_vmemmap_page *page;

			ASSERT_TRUE(pmm_hr_vmemmap_pfn_valid(pfn));
			page = pmm_hr_vmemmap_pfn_to_page(pfn);
			page->pmm__pad[0] = pfn;	/* backed: writable */
			ASSERT_EQ(pfn, pmm_hr_vmemmap_page_to_pfn(page));
			ASSERT_EQ(hr_map[r].nid, pmm_hr_vmemmap_page_to_nid(page));
		}
		ASSERT_FALSE(pmm_hr_vmemmap_pfn_valid(hr_map[r].end_pfn));
		ASSERT_FALSE(pmm_hr_vmemmap_pfn_valid(hr_map[r].start_pfn - 1));
	}
	ASSERT_FALSE(pmm_hr_vmemmap_pfn_valid(HR_TIB_PFN(32)));
	ASSERT_FALSE(pmm_hr_vmemmap_pfn_valid(0));
	pmm_hr_vmemmap_stats(&st);
	ASSERT_EQ(16, st.nr_present_sections);
	ASSERT_EQ(16ULL << 21, st.memmap_bytes);
	ASSERT_EQ(2 * HR_GIB_PAGES, st.ram_pages);
	ASSERT_EQ(2, st.nr_nodes);
	pmm_hr_vmemmap_exit();
	ASSERT_EQ(live, pmm_hosted_live);
	ASSERT_FALSE(pmm_hr_vmemmap_pfn_valid(HR_TIB_PFN(8)));
	PREFIX_POP();
	return 0;
}

/*
 * The same map under classic SPARSEMEM with EXTREME roots: a 1 MiB root
 * array (2^25 sections / 256 per root, 8 bytes each) and two roots.
 */
static int sparse_ram_at_8_and_64_tib(void)
{
	struct pmm_stats st;
	unsigned long pfn = HR_TIB_PFN(64) + 0x12345;

	PREFIX_PUSH();
	ASSERT_EQ(0, pmm_hr_sparse_init(hr_map, 2));
	ASSERT_EQ(pfn, pmm_hr_sparse_page_to_pfn(pmm_hr_sparse_pfn_to_page(pfn)));
	ASSERT_EQ(1, pmm_hr_sparse_pfn_to_nid(pfn));
	ASSERT_EQ(0, pmm_hr_sparse_pfn_to_nid(HR_TIB_PFN(8) + 7));
	pmm_hr_sparse_stats(&st);
	ASSERT_EQ(16ULL << 21, st.memmap_bytes);
	ASSERT_TRUE(st.metadata_bytes >= (1ULL << 20) + 2 * 4096);
	pmm_hr_sparse_exit();
	PREFIX_POP();
	return 0;
}

static struct test_args args = {
	.about = "RAM at 8 and 64 TiB with the hosted hooks",
};

int main(int argc, char **argv)
{
	test_parse_args(&args, argc, argv);
	RUN(vmemmap_ram_at_8_and_64_tib);
	RUN(sparse_ram_at_8_and_64_tib);
	return test_summary("test_high_ram" UNIT_CC_SUFFIX);
}
