/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * unit.h - helpers shared by the per-model unit tests in tests/unit/
 *
 * The expectations here are computed from the memory map a test hands in
 * and from the parameters the test itself chose, never read back from the
 * instance under test, so that a wrong header makes a test fail: each
 * program writes down the parameters of its instances beside their
 * #defines (SPARSEMEM: a struct sparse_want each, sparse_want.h), and
 * pmm_params is only ever compared with them.
 *
 * Sweeps stop at the first PFN that breaks a rule and then assert that the
 * sweep reached its end: "expected <end>, seen <pfn>" names the culprit
 * with one line instead of thousands.
 *
 * The programs include it first: their instances come from tests/lib's
 * test_instance.h, which gives each the counting allocator of
 * test_alloc.h, and the VMEMMAP ones the vmemmap tracker vm below.
 */
#ifndef PMM_UNIT_H
#define PMM_UNIT_H

#include "pmm_types.h"
#include "test.h"
#include "test_alloc.h"
#include "test_vmemmap.h"
#include "map_nid.h"
#include "model_ops.h"
#include "model_stats.h"

/* the helpers of tests/unit/, like pmm's own PMM__API */
#define UNIT_HELPER	static inline __attribute__((unused))

/*
 * The vmemmap hooks of every VMEMMAP instance (TI_VMEMMAP vm): the cases
 * boot one instance at a time, so one tracker serves them all, and a
 * case makes its populates fail or its reservations too big through it.
 */
static struct test_vmemmap vm __attribute__((unused));

/* A failed or undone init holds no vmemmap backing nor address space. */
UNIT_HELPER void vm_check_nothing_held(void)
{
	test_vmemmap_check_nothing_held(&vm);
}

/* make passes the compiler's name, so the two builds' summaries differ */
#ifndef UNIT_CC_SUFFIX
#define UNIT_CC_SUFFIX ""
#endif

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define UNIT_ALIGN_DOWN(x, a)	((x) / (a) * (a))
#define UNIT_ALIGN_UP(x, a)	(((x) + (a) - 1) / (a) * (a))
#define UNIT_BITS_TO_LONGS(n)	(((n) + 8 * sizeof(long) - 1) / (8 * sizeof(long)))

/* The whole descriptor is reachable: flags is its first word (pmm.h). */
UNIT_HELPER unsigned long page_flags(const void *page)
{
	return *(const unsigned long *)page;
}

UNIT_HELPER int page_reserved(const void *page)
{
	return (int)((page_flags(page) >> PMM_PG_RESERVED) & 1);
}

/*
 * pmm.h's documented defaults, for the instances that leave them so: 46
 * physical-address bits on 64-bit (x86_64), 36 on 32-bit (PAE); a
 * descriptor of 8 longs (64 bytes, 32 on 32-bit); 64 nodes.
 */
#if PMM_BITS_PER_LONG == 64
#define UNIT_DEFAULT_PHYSMEM_BITS	46
#else
#define UNIT_DEFAULT_PHYSMEM_BITS	36
#endif
#define UNIT_DEFAULT_DESC_SIZE		(8 * sizeof(long))
#define UNIT_DEFAULT_NODES_SHIFT	6

/* The PFN one past the highest PFN that fits in @physmem_bits. */
UNIT_HELPER unsigned long unit_max_pfn(int physmem_bits, int page_shift)
{
	return 1UL << (physmem_bits - page_shift);
}

/* Sum of the pages of a memory map. */
UNIT_HELPER unsigned long map_ram_pages(const struct pmm_range *r,
					unsigned int nr)
{
	unsigned long pages = 0;
	unsigned int i;

	for (i = 0; i < nr; i++)
		pages += r[i].end_pfn - r[i].start_pfn;
	return pages;
}

UNIT_HELPER unsigned long map_lowest_pfn(const struct pmm_range *r,
					 unsigned int nr)
{
	unsigned long lo = ~0UL;
	unsigned int i;

	for (i = 0; i < nr; i++)
		if (r[i].start_pfn < lo)
			lo = r[i].start_pfn;
	return lo;
}

UNIT_HELPER unsigned long map_end_pfn(const struct pmm_range *r,
				      unsigned int nr)
{
	unsigned long hi = 0;
	unsigned int i;

	for (i = 0; i < nr; i++)
		if (r[i].end_pfn > hi)
			hi = r[i].end_pfn;
	return hi;
}

/* Distinct node ids in a memory map. */
UNIT_HELPER unsigned int map_nr_nodes(const struct pmm_range *r,
				      unsigned int nr)
{
	unsigned int i, j, n = 0;

	for (i = 0; i < nr; i++) {
		for (j = 0; j < i; j++)
			if (r[j].nid == r[i].nid)
				break;
		if (j == i)
			n++;
	}
	return n;
}

/* Is @pfn RAM in the map?  The ranges may come in any order. */
UNIT_HELPER int map_is_ram(const struct pmm_range *r, unsigned int nr,
			   unsigned long pfn)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		if (pfn >= r[i].start_pfn && pfn < r[i].end_pfn)
			return 1;
	return 0;
}


/*
 * NODE_NOT_IN_PAGE_FLAGS: every page of a section reports the node
 * section_to_node_table holds, which memory_present wrote for each range
 * in address order: the node of the highest range touching the section.
 */
UNIT_HELPER int map_section_last_nid(const struct pmm_range *r, unsigned int nr,
				     unsigned long section_pages, unsigned long pfn)
{
	unsigned long lo = pfn / section_pages * section_pages;
	unsigned long hi = lo + section_pages, last_start = 0;
	unsigned int i;
	int nid = -1;

	for (i = 0; i < nr; i++) {
		if (r[i].start_pfn < hi && r[i].end_pfn > lo &&
		    (nid < 0 || r[i].start_pfn > last_start)) {
			last_start = r[i].start_pfn;
			nid = r[i].nid;
		}
	}
	return nid;
}

/*
 * Check every PFN of [lo, hi) against the promises every model makes for
 * a PFN with a descriptor: valid, round trip, the node (map_expected_nid(),
 * or map_section_last_nid() when @nid_section_pages is not 0) and the
 * reserved bit, pfn_to_nid agreeing with page_to_nid, and consecutive
 * descriptors, @size bytes apart, for consecutive PFNs within each run of
 * @contig_pages counted from @lo (the whole span for FLATMEM, a node for
 * DISCONTIGMEM, a section for SPARSEMEM; 0 skips that check).
 */
UNIT_HELPER void check_described_span_nid(const struct model_ops *ops,
					  const struct pmm_range *r, unsigned int nr,
					  unsigned long lo, unsigned long hi,
					  unsigned long contig_pages,
					  unsigned long nid_section_pages,
					  unsigned long size)
{
	unsigned long pfn;

	for (pfn = lo; pfn < hi; pfn++)
		if (!ops->pfn_valid(pfn))
			break;
	ASSERT_EQ(hi, pfn);	/* the first PFN that should be valid but is not */

	for (pfn = lo; pfn < hi; pfn++)
		if (ops->page_to_pfn(ops->pfn_to_page(pfn)) != pfn)
			break;
	ASSERT_EQ(hi, pfn);	/* the first PFN that does not round trip */

	for (pfn = lo; pfn < hi; pfn++) {
		int expected = nid_section_pages ?
			       map_section_last_nid(r, nr, nid_section_pages, pfn) :
			       map_expected_nid(r, nr, pfn);

		if (ops->page_to_nid(ops->pfn_to_page(pfn)) != expected) {
			ASSERT_EQ(expected, ops->page_to_nid(ops->pfn_to_page(pfn)));
			break;
		}
	}
	ASSERT_EQ(hi, pfn);	/* the first PFN whose page reports a wrong node */

	for (pfn = lo; pfn < hi; pfn++)
		if (ops->pfn_to_nid(pfn) != ops->page_to_nid(ops->pfn_to_page(pfn)))
			break;
	ASSERT_EQ(hi, pfn);	/* pfn_to_nid disagrees with page_to_nid */

	for (pfn = lo; pfn < hi; pfn++)
		if (page_reserved(ops->pfn_to_page(pfn)) == map_is_ram(r, nr, pfn))
			break;
	ASSERT_EQ(hi, pfn);	/* RAM marked reserved, or a hole not reserved */

	if (!contig_pages)
		return;
	for (pfn = lo; pfn + 1 < hi; pfn++) {
		if ((pfn + 1 - lo) % contig_pages == 0)
			continue;
		if ((unsigned long)ops->pfn_to_page(pfn + 1) -
		    (unsigned long)ops->pfn_to_page(pfn) != size)
			break;
	}
	ASSERT_EQ(hi - (hi > lo), pfn);	/* descriptors not one apart */
}

/* The same, with the node in page->flags (every model but one case). */
UNIT_HELPER void check_described_span(const struct model_ops *ops,
				      const struct pmm_range *r, unsigned int nr,
				      unsigned long lo, unsigned long hi,
				      unsigned long contig_pages, unsigned long size)
{
	check_described_span_nid(ops, r, nr, lo, hi, contig_pages, 0, size);
}

/* Nothing may stay allocated after a refused, failed or undone init. */
UNIT_HELPER void check_nothing_allocated(void)
{
	ASSERT_EQ(0, test_alloc_live_blocks);
	ASSERT_EQ(0, test_alloc_live_bytes);
}

UNIT_HELPER unsigned long long stats_static_bytes(const struct model_ops *ops)
{
	struct pmm_stats st;

	ops->stats(&st);
	return st.static_bytes;
}

/*
 * The section API of a SPARSEMEM instance as function pointers, so one
 * test body runs over several parameter sets.  page_to_section is NULL
 * for VMEMMAP, which keeps no section number in page->flags.
 */
struct sparse_ops {
	unsigned long (*pfn_to_section_nr)(unsigned long pfn);
	unsigned long (*section_nr_to_pfn)(unsigned long nr);
	int (*section_exists)(unsigned long nr);		/* nr_to_section != NULL */
	unsigned long (*section_addr)(unsigned long nr);	/* nr_to_section */
	unsigned long (*pfn_section_addr)(unsigned long pfn);	/* pfn_to_section */
	unsigned long (*section_mem_map)(unsigned long nr);	/* 0 if none */
	int (*present)(unsigned long nr);
	int (*valid)(unsigned long nr);
	int (*online)(unsigned long nr);
	int (*early)(unsigned long nr);
	int (*pfn_in_present_section)(unsigned long pfn);
	unsigned long (*page_to_section)(const void *page);
};

#define SPARSE_OPS_BODY_(N, PAGE_TO_SECTION)					\
static int N##_sops_exists(unsigned long nr)					\
{										\
	return pmm_##N##_nr_to_section(nr) != NULL;				\
}										\
static unsigned long N##_sops_addr(unsigned long nr)				\
{										\
	return (unsigned long)pmm_##N##_nr_to_section(nr);			\
}										\
static unsigned long N##_sops_pfn_addr(unsigned long pfn)			\
{										\
	return (unsigned long)pmm_##N##_pfn_to_section(pfn);			\
}										\
static unsigned long N##_sops_mem_map(unsigned long nr)			\
{										\
	const struct pmm_##N##_mem_section *ms = pmm_##N##_nr_to_section(nr);	\
										\
	return ms ? ms->section_mem_map : 0;					\
}										\
static const struct sparse_ops N##_sops __attribute__((unused)) = {		\
	pmm_##N##_pfn_to_section_nr, pmm_##N##_section_nr_to_pfn,		\
	N##_sops_exists, N##_sops_addr, N##_sops_pfn_addr, N##_sops_mem_map,	\
	pmm_##N##_present_section_nr, pmm_##N##_valid_section_nr,		\
	pmm_##N##_online_section_nr, pmm_##N##_early_section_nr,		\
	pmm_##N##_pfn_in_present_section, PAGE_TO_SECTION,			\
}

/* classic SPARSEMEM: page_to_section from page->flags */
#define SPARSE_OPS(N)								\
static unsigned long N##_sops_page_to_section(const void *page)		\
{										\
	return pmm_##N##_page_to_section((const struct pmm_##N##_page *)page);	\
}										\
SPARSE_OPS_BODY_(N, N##_sops_page_to_section)

#define VMEMMAP_OPS(N)	SPARSE_OPS_BODY_(N, NULL)

/* section_mem_map flag bits, mm/internal.h and mmzone.h [6.12] */
#define UNIT_SECTION_MARKED_PRESENT	(1UL << 0)
#define UNIT_SECTION_HAS_MEM_MAP	(1UL << 1)
#define UNIT_SECTION_IS_ONLINE		(1UL << 2)
#define UNIT_SECTION_IS_EARLY		(1UL << 3)
#define UNIT_SECTION_BOOT_FLAGS		(UNIT_SECTION_MARKED_PRESENT | \
					 UNIT_SECTION_HAS_MEM_MAP | \
					 UNIT_SECTION_IS_ONLINE | \
					 UNIT_SECTION_IS_EARLY)

/*
 * SECTION_MAP_LAST_BIT: 4, or 5 where SECTION_TAINT_ZONE_DEVICE exists
 * (ZONE_DEVICE, which needs VMEMMAP).
 */
UNIT_HELPER unsigned long section_map_mask(int vmemmap)
{
	return ~((1UL << (vmemmap ? 5 : 4)) - 1);
}

#endif /* PMM_UNIT_H */
