/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * host_page.c - PMM_PAGE_TYPE and PMM_PAGE_FLAGS: a host's own struct page,
 * whose flags word is not the first member, under every model.
 *
 * pmm must keep the node (and, classic SPARSEMEM, the section) in that
 * flags word and nowhere else: after init the other members still hold
 * zero, and once the host fills them with its own data, every conversion
 * still comes out right.
 */
#include "test.h"
#include "test_args.h"

/* The host's descriptor: 64 bytes on 64-bit, flags second, as a kernel might lay it out. */
struct page {
	unsigned long private_word;
	unsigned long flags;
	void *mapping;
	unsigned long index;
	unsigned long lru[2];
	unsigned long counters[2];
};

#define PMM_PAGE_TYPE		struct page
#define PMM_PAGE_FLAGS(page)	((page)->flags)
#define PMM_STRUCT_PAGE_SIZE	(8 * __SIZEOF_LONG__)
#define PMM_NAME flat
#define PMM_MODEL PMM_MODEL_FLATMEM
#include "pmm.h"

#define PMM_PAGE_TYPE		struct page
#define PMM_PAGE_FLAGS(page)	((page)->flags)
#define PMM_STRUCT_PAGE_SIZE	(8 * __SIZEOF_LONG__)
#define PMM_NAME discontig
#define PMM_MODEL PMM_MODEL_DISCONTIGMEM
#include "pmm.h"

#define PMM_PAGE_TYPE		struct page
#define PMM_PAGE_FLAGS(page)	((page)->flags)
#define PMM_STRUCT_PAGE_SIZE	(8 * __SIZEOF_LONG__)
#define PMM_NAME sparse
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#include "pmm.h"

#define PMM_PAGE_TYPE		struct page
#define PMM_PAGE_FLAGS(page)	((page)->flags)
#define PMM_STRUCT_PAGE_SIZE	(8 * __SIZEOF_LONG__)
#define PMM_NAME vmemmap
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#include "pmm.h"

#define NR(a)	(sizeof(a) / sizeof((a)[0]))

/* Two nodes, a hole, ranges out of order; 128 MiB sections are 0x8000 pages. */
static const struct pmm_range ram[] = {
	{ 0x10000, 0x14000, 1 },
	{ 0x00010, 0x00400, 0 },
	{ 0x00800, 0x01000, 0 },
};

/* PFNs every model has a descriptor for, with their node */
static const struct { unsigned long pfn; int nid; } sample[] = {
	{ 0x00010, 0 }, { 0x003ff, 0 }, { 0x00500, 0 } /* hole */, { 0x00fff, 0 },
	{ 0x10000, 1 }, { 0x12345, 1 }, { 0x13fff, 1 },
};

#define HOST_PAGE_CASE(N)						\
static int N##_host_page(void)						\
{									\
	unsigned int i;							\
	struct page *page;						\
									\
	PREFIX_PUSH();							\
	ASSERT_EQ(sizeof(struct page), pmm_##N##_params.struct_page_size); \
	ASSERT_EQ(0, pmm_##N##_init(ram, NR(ram)));			\
	for (i = 0; i < NR(sample); i++) {				\
		ASSERT_TRUE(pmm_##N##_pfn_valid(sample[i].pfn));	\
		/* the host's type, no cast */				\
		page = pmm_##N##_pfn_to_page(sample[i].pfn);		\
		/* pmm wrote the flags word and only that */		\
		ASSERT_EQ(0, page->private_word);			\
		ASSERT_TRUE(page->mapping == NULL);			\
		ASSERT_EQ(0, page->index + page->lru[0] + page->lru[1] + \
			     page->counters[0] + page->counters[1]);	\
		ASSERT_EQ(sample[i].nid, pmm_##N##_page_to_nid(page));	\
		/* the host takes its members: pmm must not read them */ \
		page->private_word = ~0UL;				\
		page->mapping = (void *)page;				\
		page->index = ~sample[i].pfn;				\
		page->lru[0] = page->lru[1] = ~0UL;			\
		page->counters[0] = page->counters[1] = ~0UL;		\
	}								\
	for (i = 0; i < NR(sample); i++) {				\
		page = pmm_##N##_pfn_to_page(sample[i].pfn);		\
		ASSERT_EQ(sample[i].pfn, pmm_##N##_page_to_pfn(page));	\
		ASSERT_EQ(sample[i].nid, pmm_##N##_page_to_nid(page));	\
		ASSERT_EQ(sample[i].nid, pmm_##N##_pfn_to_nid(sample[i].pfn)); \
		ASSERT_TRUE(page->mapping == (void *)page);		\
	}								\
	/* a hole's descriptor is PageReserved, in the host's flags word */ \
	page = pmm_##N##_pfn_to_page(0x500);				\
	ASSERT_TRUE(page->flags & (1UL << PMM_PG_RESERVED));		\
	page = pmm_##N##_pfn_to_page(0x800);				\
	ASSERT_FALSE(page->flags & (1UL << PMM_PG_RESERVED));		\
	pmm_##N##_exit();						\
	PREFIX_POP();							\
	return 0;							\
}

HOST_PAGE_CASE(flat)
HOST_PAGE_CASE(discontig)
HOST_PAGE_CASE(sparse)
HOST_PAGE_CASE(vmemmap)

/* Classic SPARSEMEM finds the section through the host's flags word. */
static int sparse_section_in_host_flags(void)
{
	struct page *page;

	PREFIX_PUSH();
	ASSERT_EQ(0, pmm_sparse_init(ram, NR(ram)));
	page = pmm_sparse_pfn_to_page(0x12345);
	ASSERT_EQ(2, pmm_sparse_page_to_section(page));
	page->private_word = 0;		/* a host store that looks like section 0 */
	ASSERT_EQ(2, pmm_sparse_page_to_section(page));
	ASSERT_EQ(0x12345, pmm_sparse_page_to_pfn(page));
	pmm_sparse_exit();
	PREFIX_POP();
	return 0;
}

static struct test_args args = {
	.about = "a host's own struct page (PMM_PAGE_TYPE, PMM_PAGE_FLAGS)",
};

int main(int argc, char **argv)
{
	test_parse_args(&args, argc, argv);
	RUN(flat_host_page);
	RUN(discontig_host_page);
	RUN(sparse_host_page);
	RUN(vmemmap_host_page);
	RUN(sparse_section_in_host_flags);
	return test_summary("instances-host-page");
}
