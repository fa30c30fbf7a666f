/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * sparse_checks.h - checks shared by test_sparse.c and test_vmemmap.c
 *
 * Every figure is computed here from the parameters the test set (each
 * case's struct sparse_want, never the instance's own pmm_params) and the
 * memory map, by Linux 6.1's formulas (include/linux/mmzone.h's section
 * constants, mm/sparse.c mem_section_usage_size(), usemap_size() and
 * section_map_size()), then compared with what the instance reports.
 */
#ifndef PMM_UNIT_SPARSE_CHECKS_H
#define PMM_UNIT_SPARSE_CHECKS_H

#include "unit.h"
#include "sparse_want.h"

/**
 * struct sparse_case - one SPARSEMEM instance and what the test knows of it
 * @ops: the generic API
 * @sops: the section API
 * @want: the parameters the test built it with (sparse_want.h), from
 *	which every figure here is worked out; @ops->params is only ever
 *	compared with it (sc_check_params())
 */
struct sparse_case {
	const struct model_ops *ops;
	const struct sparse_ops *sops;
	const struct sparse_want *want;
};

UNIT_HELPER int sc_vmemmap(const struct sparse_case *c)
{
	return c->want->model == PMM_MODEL_SPARSEMEM_VMEMMAP;
}

UNIT_HELPER unsigned long sc_page_size(const struct sparse_case *c)
{
	return 1UL << c->want->page_shift;
}

UNIT_HELPER unsigned long sc_desc_size(const struct sparse_case *c)
{
	return (unsigned long)c->want->struct_page_size;
}

/* PAGES_PER_SECTION */
UNIT_HELPER unsigned long sc_pps(const struct sparse_case *c)
{
	return 1UL << (c->want->section_size_bits - c->want->page_shift);
}

/* NR_MEM_SECTIONS = 2^(MAX_PHYSMEM_BITS - SECTION_SIZE_BITS) */
UNIT_HELPER unsigned long sc_nr_sections(const struct sparse_case *c)
{
	return 1UL << (c->want->max_physmem_bits - c->want->section_size_bits);
}

/* The PFN one past the highest that MAX_PHYSMEM_BITS addresses */
UNIT_HELPER unsigned long sc_max_pfn(const struct sparse_case *c)
{
	return 1UL << (c->want->max_physmem_bits - c->want->page_shift);
}

/* struct mem_section is two words: section_mem_map and usage */
/* sizeof(struct mem_section): 2 longs, 4 with CONFIG_PAGE_EXTENSION's page_ext */
#define SC_MEM_SECTION_BYTES	((2 + 2 * (unsigned long)c->want->page_extension) * \
				 sizeof(long))

/*
 * pmm's own record per run of present sections of one node, which
 * pmm_stats counts as metadata beside Linux's structures: first and last
 * section, their count, the node (a long's room), the memmap buffer and
 * its bytes, the usage block and its bytes: 8 longs.
 */
#define SC_RUN_BYTES		(8 * sizeof(long))

/* SECTIONS_PER_ROOT: a page of mem_sections with EXTREME, else 1 */
UNIT_HELPER unsigned long sc_per_root(const struct sparse_case *c)
{
	return c->want->extreme ? sc_page_size(c) / SC_MEM_SECTION_BYTES : 1;
}

/*
 * The instance reports (pmm_params) the parameters the test set: the
 * model, the geometry, the orders, the mem_section layout and whether
 * the node is in page->flags.
 */
UNIT_HELPER void sc_check_params(const struct sparse_case *c)
{
	const struct pmm_params *p = c->ops->params;
	const struct sparse_want *w = c->want;

	ASSERT_EQ(w->model, p->model);
	ASSERT_EQ(w->page_shift, p->page_shift);
	ASSERT_EQ(w->section_size_bits, p->section_size_bits);
	ASSERT_EQ(w->max_physmem_bits, p->max_physmem_bits);
	ASSERT_EQ(w->extreme, p->extreme);
	ASSERT_EQ(w->page_extension, p->page_extension);
	ASSERT_EQ(w->struct_page_size, p->struct_page_size);
	ASSERT_EQ(w->nodes_shift, p->nodes_shift);
	ASSERT_EQ(w->max_page_order, p->max_page_order);
	ASSERT_EQ(w->pageblock_order, p->pageblock_page_order);
	ASSERT_EQ(w->subsection_shift, p->subsection_shift);
	ASSERT_EQ(w->node_in_page_flags, p->node_in_page_flags);
}

/* NR_SECTION_ROOTS */
UNIT_HELPER unsigned long sc_nr_roots(const struct sparse_case *c)
{
	return (sc_nr_sections(c) + sc_per_root(c) - 1) / sc_per_root(c);
}

/*
 * mem_section_usage_size(): rcu_head (two pointers), the sub-section
 * bitmap (VMEMMAP), then usemap_size(): NR_PAGEBLOCK_BITS (4) per
 * pageblock of the section, in longs.  Linux's size, which pmm keeps.
 */
UNIT_HELPER unsigned long sc_usage_bytes(const struct sparse_case *c)
{
	unsigned long bytes = 2 * sizeof(void *);
	unsigned long pageblocks = sc_pps(c) >> c->want->pageblock_order;

	if (sc_vmemmap(c))
		bytes += UNIT_BITS_TO_LONGS(1UL << (c->want->section_size_bits -
						    c->want->subsection_shift)) * sizeof(long);
	return bytes + UNIT_BITS_TO_LONGS(pageblocks * 4) * sizeof(long);
}

/*
 * pmm's own record of a section, allocated after its usage: (VMEMMAP) the
 * maps of sub-sections on an altmap and of RAM, then three byte-sized
 * marks (in a block, the block's zone, a taint to undo), padded to a long.
 */
UNIT_HELPER unsigned long sc_own_bytes(const struct sparse_case *c)
{
	unsigned long bytes = 0;

	if (sc_vmemmap(c))
		bytes += 2 * UNIT_BITS_TO_LONGS(1UL << (c->want->section_size_bits -
							c->want->subsection_shift)) * sizeof(long);
	return bytes + sizeof(long);
}

/* section_map_size() of classic sparse: PAGE_ALIGN(memmap of a section) */
UNIT_HELPER unsigned long sc_section_map_bytes(const struct sparse_case *c)
{
	return UNIT_ALIGN_UP(sc_pps(c) * sc_desc_size(c), sc_page_size(c));
}

/* Does any range of the map touch section @s? (memory_present) */
UNIT_HELPER int sc_map_present(const struct sparse_case *c,
			       const struct pmm_range *r, unsigned int nr,
			       unsigned long s)
{
	unsigned long lo = s * sc_pps(c), hi = lo + sc_pps(c);
	unsigned int i;

	for (i = 0; i < nr; i++)
		if (r[i].start_pfn < hi && r[i].end_pfn > lo)
			return 1;
	return 0;
}

/*
 * The early node of section @s: memory_present, walking memblock in
 * address order, records the node of the first range that touches it.
 */
UNIT_HELPER int sc_map_early_nid(const struct sparse_case *c,
				 const struct pmm_range *r, unsigned int nr,
				 unsigned long s)
{
	unsigned long lo = s * sc_pps(c), hi = lo + sc_pps(c), first = ~0UL;
	unsigned int i;
	int nid = -1;

	for (i = 0; i < nr; i++) {
		if (r[i].start_pfn < hi && r[i].end_pfn > lo && r[i].start_pfn < first) {
			first = r[i].start_pfn;
			nid = r[i].nid;
		}
	}
	return nid;
}

/* The highest section the map touches. */
UNIT_HELPER unsigned long sc_map_top_section(const struct sparse_case *c,
					     const struct pmm_range *r,
					     unsigned int nr)
{
	return (map_end_pfn(r, nr) - 1) / sc_pps(c);
}

struct sc_counts {
	unsigned long present;	/* present sections */
	unsigned long runs;	/* runs of present sections of one early node */
	unsigned long roots;	/* EXTREME roots holding a present section */
};

/*
 * sparse_init groups present sections, in order, into runs of one node
 * (absent sections do not break a run) and allocates per run.
 */
UNIT_HELPER struct sc_counts sc_map_counts(const struct sparse_case *c,
					   const struct pmm_range *r,
					   unsigned int nr)
{
	unsigned long s, top = sc_map_top_section(c, r, nr), last_root = ~0UL;
	struct sc_counts n = { 0, 0, 0 };
	int last_nid = -1;

	for (s = 0; s <= top; s++) {
		if (!sc_map_present(c, r, nr, s))
			continue;
		n.present++;
		if (sc_map_early_nid(c, r, nr, s) != last_nid)
			n.runs++;
		last_nid = sc_map_early_nid(c, r, nr, s);
		if (s / sc_per_root(c) != last_root)
			n.roots++;
		last_root = s / sc_per_root(c);
	}
	if (!c->want->extreme)
		n.roots = 0;
	return n;
}

/*
 * The standard sparse map, in units of the instance's section size:
 *
 *	section  0           1           2           3        4           0x130
 *	         |.[ r0 n0 ].|[ r1 n0    |     ]....| absent |[ r2 ].....|[ r3 n2 ]
 *	PFN      2      pps-2 pps      2pps+pps/2           4pps  4pps+pps/2  whole
 *
 * Present: 0, 1, 2, 4 and 0x130, which with EXTREME and 4 KiB pages lies
 * in the second root.  Runs of one node: {0, 1, 2} n0, {4} n1, {0x130} n2.
 * Holes take the node of the next range above: the tail of section 2
 * node 1 and the tail of section 4 node 2, though node 0 and node 1
 * registered those sections.
 */
#define SC_MAP_NR	4
#define SC_FAR_SECTION	0x130UL

UNIT_HELPER void sc_build_map(const struct sparse_case *c, struct pmm_range *r)
{
	unsigned long pps = sc_pps(c);

	r[0].start_pfn = 2;
	r[0].end_pfn = pps - 2;
	r[0].nid = 0;
	r[1].start_pfn = pps;
	r[1].end_pfn = 2 * pps + pps / 2;
	r[1].nid = 0;
	r[2].start_pfn = 4 * pps;
	r[2].end_pfn = 4 * pps + pps / 2;
	r[2].nid = 1;
	r[3].start_pfn = SC_FAR_SECTION * pps;
	r[3].end_pfn = (SC_FAR_SECTION + 1) * pps;
	r[3].nid = 2;
}

/*
 * pfn_valid, pfn_in_present_section and the section flags agree with the
 * map section by section up to two sections past the map's top; every
 * present section is valid whole, holes included, and its PFNs keep every
 * promise of check_described_span_nid().
 */
UNIT_HELPER void sc_check_layout(const struct sparse_case *c,
				 const struct pmm_range *r, unsigned int nr)
{
	const struct model_ops *ops = c->ops;
	const struct sparse_ops *sops = c->sops;
	unsigned long pps = sc_pps(c), s, top = sc_map_top_section(c, r, nr) + 2;

	if (top >= sc_nr_sections(c))
		top = sc_nr_sections(c) - 1;
	for (s = 0; s <= top; s++) {
		int present = sc_map_present(c, r, nr, s);

		if (sops->present(s) != present || sops->valid(s) != present ||
		    sops->online(s) != present || sops->early(s) != present ||
		    ops->pfn_valid(s * pps) != present ||
		    ops->pfn_valid(s * pps + pps / 2) != present ||
		    ops->pfn_valid(s * pps + pps - 1) != present ||
		    sops->pfn_in_present_section(s * pps) != present ||
		    sops->pfn_in_present_section(s * pps + pps - 1) != present)
			break;
	}
	ASSERT_EQ(top + 1, s);	/* the first section whose state is wrong */
	if (s <= top) {
		int present = sc_map_present(c, r, nr, s);

		ASSERT_EQ(present, sops->present(s));
		ASSERT_EQ(present, sops->valid(s));
		ASSERT_EQ(present, sops->online(s));
		ASSERT_EQ(present, sops->early(s));
		ASSERT_EQ(present, ops->pfn_valid(s * pps));
		ASSERT_EQ(present, ops->pfn_valid(s * pps + pps - 1));
		ASSERT_EQ(present, sops->pfn_in_present_section(s * pps));
	}
	for (s = 0; s <= top; s++) {
		if (!sc_map_present(c, r, nr, s))
			continue;
		/* NODE_NOT_IN_PAGE_FLAGS: the section's node, for every page */
		check_described_span_nid(ops, r, nr, s * pps, (s + 1) * pps, pps,
					 c->want->node_in_page_flags ? 0 : pps,
					 sc_desc_size(c));
	}
}

/*
 * The section_mem_map encoding (mm/internal.h sparse_init_one_section):
 * the low bits hold PRESENT, HAS_MEM_MAP, ONLINE and EARLY after boot and
 * nothing else (the early node id is gone); the rest is the memmap minus
 * the section's first PFN, so coded + pfn is the page of every PFN of the
 * section.  Classic: the decoded memmap is page aligned (the mmzone.h
 * alignment rule) and page_to_section gives the section back.  VMEMMAP:
 * coded is vmemmap itself, the same for every section.
 */
UNIT_HELPER void sc_check_encoding(const struct sparse_case *c,
				   const struct pmm_range *r, unsigned int nr)
{
	const struct model_ops *ops = c->ops;
	unsigned long pps = sc_pps(c), size = sc_desc_size(c);
	unsigned long mask = section_map_mask(sc_vmemmap(c));
	unsigned long s, pfn, top = sc_map_top_section(c, r, nr);
	unsigned long first_coded = 0;
	int seen_one = 0;

	for (s = 0; s <= top; s++) {
		unsigned long v, coded;

		if (!sc_map_present(c, r, nr, s))
			continue;
		v = c->sops->section_mem_map(s);
		coded = v & mask;
		ASSERT_EQ(UNIT_SECTION_BOOT_FLAGS, v & ~mask);
		for (pfn = s * pps; pfn < (s + 1) * pps; pfn++)
			if (coded + pfn * size != (unsigned long)ops->pfn_to_page(pfn))
				break;
		ASSERT_EQ((s + 1) * pps, pfn);	/* coded + pfn is not the page */
		if (sc_vmemmap(c)) {
			if (seen_one)
				ASSERT_EQ(first_coded, coded);
			ASSERT_EQ((unsigned long)ops->pfn_to_page(s * pps) - s * pps * size,
				  coded);
		} else {
			ASSERT_EQ(0, (coded + s * pps * size) % sc_page_size(c));
			for (pfn = s * pps; pfn < (s + 1) * pps; pfn++)
				if (c->sops->page_to_section(ops->pfn_to_page(pfn)) != s)
					break;
			ASSERT_EQ((s + 1) * pps, pfn);	/* page_to_section wrong */
		}
		first_coded = coded;
		seen_one = 1;
	}
	ASSERT_TRUE(seen_one);
}

/*
 * Section numbers: pfn_to_section_nr and section_nr_to_pfn at section
 * boundaries, pfn_to_section agreeing with nr_to_section, and
 * nr_to_section's NULL for numbers out of range and, with EXTREME, for
 * roots that hold no present section.
 */
UNIT_HELPER void sc_check_section_numbers(const struct sparse_case *c,
					  const struct pmm_range *r,
					  unsigned int nr)
{
	const struct sparse_ops *sops = c->sops;
	unsigned long pps = sc_pps(c), nr_sections = sc_nr_sections(c);
	unsigned long samples[] = { 1, 2, 3, 4, 5, SC_FAR_SECTION, nr_sections - 1 };
	unsigned int i;

	ASSERT_EQ(0, sops->pfn_to_section_nr(0));
	for (i = 0; i < ARRAY_SIZE(samples); i++) {
		unsigned long s = samples[i];

		ASSERT_EQ(s * pps, sops->section_nr_to_pfn(s));
		ASSERT_EQ(s, sops->pfn_to_section_nr(s * pps));
		ASSERT_EQ(s - 1, sops->pfn_to_section_nr(s * pps - 1));
		ASSERT_EQ(s, sops->pfn_to_section_nr(s * pps + pps - 1));
		ASSERT_EQ(s, sops->pfn_to_section_nr(sops->section_nr_to_pfn(s)));
		/* __pfn_to_section is __nr_to_section of the PFN's section */
		ASSERT_EQ(sops->section_addr(s), sops->pfn_section_addr(s * pps));
		ASSERT_EQ(sops->section_addr(s), sops->pfn_section_addr(s * pps + pps - 1));
	}
	/* mem_sections are consecutive within a root (and the static table) */
	ASSERT_EQ(sops->section_addr(0) + SC_MEM_SECTION_BYTES, sops->section_addr(1));
	ASSERT_EQ(0, sops->section_addr(nr_sections));
	ASSERT_EQ(0, sops->pfn_section_addr(sc_max_pfn(c)));
	/* out of range: no mem_section at all */
	ASSERT_FALSE(sops->section_exists(nr_sections));
	ASSERT_FALSE(sops->section_exists(~0UL));
	ASSERT_FALSE(sops->present(nr_sections));
	ASSERT_FALSE(sops->valid(~0UL));
	for (i = 0; i < ARRAY_SIZE(samples); i++) {
		unsigned long s = samples[i];
		int root_used = 0;
		unsigned long t;

		for (t = s / sc_per_root(c) * sc_per_root(c);
		     t < (s / sc_per_root(c) + 1) * sc_per_root(c) && t < nr_sections; t++)
			if (sc_map_present(c, r, nr, t))
				root_used = 1;
		/* static: every section exists; EXTREME: only in allocated roots */
		ASSERT_EQ(c->want->extreme ? root_used : 1, sops->section_exists(s));
	}
}

/* PFNs past what MAX_PHYSMEM_BITS addresses have no descriptor. */
UNIT_HELPER void sc_check_beyond(const struct sparse_case *c)
{
	const struct model_ops *ops = c->ops;
	unsigned long limit = sc_max_pfn(c);
	unsigned long shift = (unsigned long)c->want->page_shift;

	ASSERT_FALSE(ops->pfn_valid(limit));
	ASSERT_FALSE(ops->pfn_valid(limit + 2));	/* aliases PFN 2 mod limit */
	ASSERT_FALSE(ops->pfn_valid(~0UL));
#if PMM_BITS_PER_LONG == 64
	ASSERT_FALSE(ops->pfn_valid(1UL << 63));
	/* PFN_PHYS would lose these top bits: not PFN 2 */
	ASSERT_FALSE(ops->pfn_valid(2 | (1UL << (64 - shift))));
#else
	/* a 32-bit PFN shifted into a 64-bit phys_addr_t loses no bits */
	(void)shift;
	ASSERT_FALSE(ops->pfn_valid(1UL << 31));
	ASSERT_FALSE(ops->pfn_valid(2 | (1UL << 31)));
#endif
	ASSERT_FALSE(c->sops->pfn_in_present_section(limit));
	ASSERT_FALSE(c->sops->pfn_in_present_section(~0UL));
	ASSERT_EQ(-1, ops->pfn_to_nid(limit));
	ASSERT_EQ(-1, ops->pfn_to_nid(~0UL));
}

/*
 * The vmemmap pages backing present sections: each section's memmap
 * widened to whole pages, pages shared by neighbours counted once.
 */
UNIT_HELPER unsigned long long sc_vmemmap_bytes(const struct sparse_case *c,
						const struct pmm_range *r,
						unsigned int nr)
{
	unsigned long pps = sc_pps(c), size = sc_desc_size(c), page = sc_page_size(c);
	unsigned long s, top = sc_map_top_section(c, r, nr), end_page = 0;
	unsigned long long bytes = 0;

	for (s = 0; s <= top; s++) {
		unsigned long lo, hi;

		if (!sc_map_present(c, r, nr, s))
			continue;
		lo = s * pps * size / page;
		hi = UNIT_ALIGN_UP((s + 1) * pps * size, page) / page;
		if (lo < end_page)
			lo = end_page;
		if (hi > lo)
			bytes += (unsigned long long)(hi - lo) * page;
		if (hi > end_page)
			end_page = hi;
	}
	return bytes;
}

/*
 * The populate calls that back the map: one per present section whose
 * widened memmap reaches past the pages already backed below it.
 */
UNIT_HELPER unsigned long sc_vmemmap_pieces(const struct sparse_case *c,
					    const struct pmm_range *r,
					    unsigned int nr)
{
	unsigned long pps = sc_pps(c), size = sc_desc_size(c), page = sc_page_size(c);
	unsigned long s, top = sc_map_top_section(c, r, nr), end_page = 0, pieces = 0;

	for (s = 0; s <= top; s++) {
		unsigned long hi;

		if (!sc_map_present(c, r, nr, s))
			continue;
		hi = UNIT_ALIGN_UP((s + 1) * pps * size, page) / page;
		if (hi > end_page) {
			pieces++;
			end_page = hi;
		}
	}
	return pieces;
}

/*
 * pmm_stats against the formulas: memmap per present section (classic:
 * section_map_size(); VMEMMAP: the backed vmemmap pages), metadata = the
 * EXTREME root array and roots + a usage block and pmm's own record per
 * present section + pmm's run records, usemaps the usage blocks alone, static = the static mem_section array and
 * section_to_node_table; classic's test_alloc holds memmap + metadata,
 * VMEMMAP's only metadata (the memmap comes from the populate hook).
 */
UNIT_HELPER void sc_check_stats(const struct sparse_case *c,
				const struct pmm_range *r, unsigned int nr)
{
	const struct sparse_want *p = c->want;
	struct sc_counts n = sc_map_counts(c, r, nr);
	unsigned long long memmap, metadata, static_bytes = 0;
	struct pmm_stats st;

	memmap = sc_vmemmap(c) ? sc_vmemmap_bytes(c, r, nr) :
		 (unsigned long long)n.present * sc_section_map_bytes(c);
	metadata = (unsigned long long)n.present * (sc_usage_bytes(c) + sc_own_bytes(c)) +
		   (unsigned long long)n.runs * SC_RUN_BYTES;
	if (p->extreme)
		metadata += sc_nr_roots(c) * sizeof(void *) + n.roots * sc_page_size(c);
	else
		static_bytes += sc_nr_sections(c) * SC_MEM_SECTION_BYTES;
	if (!p->node_in_page_flags)
		static_bytes += sc_nr_sections(c) * (p->nodes_shift <= 8 ? 1 : 2);

	c->ops->stats(&st);
	ASSERT_EQ(map_ram_pages(r, nr), st.ram_pages);
	ASSERT_EQ(n.present, st.nr_present_sections);
	ASSERT_EQ(n.present * sc_pps(c), st.memmap_pages);
	ASSERT_EQ(memmap, st.memmap_bytes);
	ASSERT_EQ(metadata, st.metadata_bytes);
	ASSERT_EQ((unsigned long long)n.present * sc_usage_bytes(c), st.usemap_bytes);
	ASSERT_EQ(static_bytes, st.static_bytes);
	ASSERT_EQ(map_nr_nodes(r, nr), st.nr_nodes);
	ASSERT_EQ(sc_vmemmap(c) ? metadata : memmap + metadata,
		  (unsigned long long)test_alloc_live_bytes);
	/* the root array, each root, the run table, then usage (+ map) per run */
	ASSERT_EQ((p->extreme ? 1 + n.roots : 0) + 1 + n.runs * (sc_vmemmap(c) ? 1 : 2),
		  test_alloc_live_blocks);
}

/*
 * What an instance holds with no map: the static mem_section[] (without
 * EXTREME, as with a 32-bit long by default) and section_to_node_table.
 */
UNIT_HELPER unsigned long long sc_static_bytes(const struct sparse_case *c)
{
	unsigned long long static_bytes = 0;

	if (!c->want->extreme)
		static_bytes += sc_nr_sections(c) * SC_MEM_SECTION_BYTES;
	if (!c->want->node_in_page_flags)
		static_bytes += sc_nr_sections(c) * (c->want->nodes_shift <= 8 ? 1 : 2);
	return static_bytes;
}

/* After pmm_exit: no section anywhere, stats back to the static part. */
UNIT_HELPER void sc_check_empty(const struct sparse_case *c,
				const struct pmm_range *r, unsigned int nr)
{
	unsigned long s, top = sc_map_top_section(c, r, nr);

	for (s = 0; s <= top; s++)
		if (c->sops->present(s) || c->sops->section_mem_map(s) ||
		    c->ops->pfn_valid(s * sc_pps(c)))
			break;
	ASSERT_EQ(top + 1, s);	/* the first section still there */
	if (c->want->extreme)
		ASSERT_FALSE(c->sops->section_exists(0));
	check_stats_empty(c->ops, sc_static_bytes(c));
	check_nothing_allocated();
}

/*
 * Bring up the standard map on each of @n cases, run @check on it, take it
 * down again and check that nothing is left (sc_check_empty): the shape of
 * most cases of test_sparse and test_vmemmap.  @held (may be NULL) checks
 * that nothing besides allocations is held after exit (vmemmap
 * reservations).
 */
UNIT_HELPER void sc_on_standard_map(const struct sparse_case *cases, unsigned int n,
				    void (*check)(const struct sparse_case *c,
						  const struct pmm_range *r,
						  unsigned int nr),
				    void (*held)(void))
{
	struct pmm_range map[SC_MAP_NR];
	unsigned int i;

	for (i = 0; i < n; i++) {
		const struct sparse_case *c = &cases[i];

		prefix_push(c->ops->name);
		sc_build_map(c, map);
		ASSERT_EQ(0, c->ops->init(map, SC_MAP_NR));
		check(c, map, SC_MAP_NR);
		c->ops->exit();
		if (held)
			held();
		sc_check_empty(c, map, SC_MAP_NR);
		prefix_pop();
	}
}

/*
 * init, exit, init again: the standard map, then section SC_FAR_SECTION
 * alone on node @nid, then the standard map once more.  Shared by the
 * classic and the VMEMMAP tests; @held (may be NULL) checks after every
 * exit that nothing else is held (vmemmap reservations), @second (may be
 * NULL) adds a model's own checks while the one-section map is up.
 *
 * Expect after each exit no section present, stats empty and nothing
 * allocated; after the second init only section SC_FAR_SECTION valid, of
 * node @nid; the third init to rebuild the first layout exactly.
 */
UNIT_HELPER void sc_check_reinit(const struct sparse_case *c, int nid,
				 void (*held)(void),
				 void (*second_check)(const struct sparse_case *c,
						      const struct pmm_range *r,
						      unsigned int nr))
{
	struct pmm_range map[SC_MAP_NR], second[1];
	unsigned long pps = sc_pps(c);

	sc_build_map(c, map);
	second[0].start_pfn = SC_FAR_SECTION * pps;
	second[0].end_pfn = (SC_FAR_SECTION + 1) * pps;
	second[0].nid = nid;
	ASSERT_EQ(0, c->ops->init(map, SC_MAP_NR));
	c->ops->exit();
	sc_check_empty(c, map, SC_MAP_NR);
	if (held)
		held();
	ASSERT_EQ(0, c->ops->init(second, 1));
	sc_check_layout(c, second, 1);
	ASSERT_FALSE(c->ops->pfn_valid(0));
	ASSERT_EQ(nid, c->ops->pfn_to_nid(SC_FAR_SECTION * pps));
	sc_check_stats(c, second, 1);
	if (second_check)
		second_check(c, second, 1);
	c->ops->exit();
	sc_check_empty(c, second, 1);
	if (held)
		held();
	ASSERT_EQ(0, c->ops->init(map, SC_MAP_NR));
	sc_check_layout(c, map, SC_MAP_NR);
	sc_check_stats(c, map, SC_MAP_NR);
	c->ops->exit();
	sc_check_empty(c, map, SC_MAP_NR);
	if (held)
		held();
}

#endif /* PMM_UNIT_SPARSE_CHECKS_H */
