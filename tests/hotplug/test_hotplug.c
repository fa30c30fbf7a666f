// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_hotplug.c - memory hotplug at __add_pages granularity
 * (pmm_add_pages, pmm_remove_pages) on SPARSEMEM and SPARSEMEM_VMEMMAP
 *
 * Linux 6.1 rules checked (mm/memory_hotplug.c check_pfn_span(),
 * __add_pages() and __remove_pages(); mm/sparse.c fill_subsection_map()
 * and clear_subsection_map(); include/linux/mmzone.h pfn_valid()):
 * check_pfn_span (sub-section granularity with VMEMMAP, section without);
 * fill_subsection_map's -EEXIST and clear_subsection_map's "section
 * already deactivated" -EINVAL; early sections stay valid whole while any
 * sub-section is (early_section() || pfn_section_valid()), hot-added ones
 * are valid per sub-section, and a section with no sub-section left stops
 * being present; failures change nothing.
 *
 * Part 1: memblock-style cases, one rule each, with a diagram.
 * Part 2: a randomised run of 100,000 requests per instance against the
 * independent model of hotplug.h, checked after every step.  The seed is
 * fixed (args' default) so that every run does the same; -s SEED picks
 * another, -n OPS the number of requests per instance, -i NAME a single
 * instance's run alone.  A failure prints the last requests and the line
 * to rerun.
 *
 * Instances, all small so that the run takes seconds under ASan:
 *	hv	VMEMMAP, run-time base, 4 KiB pages, 32-page sections of four
 *		8-page sub-sections, 4096 PFNs; two sections per vmemmap page
 *	hc	the same with a compile-time PMM_VMEMMAP_BASE
 *	hk	VMEMMAP, 64 KiB pages, 8-byte descriptors, 32-page sections,
 *		8-page sub-sections, 32768 PFNs: 256 sections (1024
 *		sub-sections) share each 64 KiB page of the vmemmap
 *	hs	classic SPARSEMEM EXTREME, 4 KiB pages, 32-page sections,
 *		16384 PFNs in two roots, four nodes
 *	ht	classic SPARSEMEM with a static table and the node outside
 *		page->flags (section_to_node_table), 4096 PFNs
 */
#include "hotplug.h"

/* the vmemmap hooks' tracker of each VMEMMAP instance (test_vmemmap.h) */
static struct test_vmemmap vm_hv = { .partial_ok = 1 };
static struct test_vmemmap vm_hc = { .partial_ok = 1 };
static struct test_vmemmap vm_hk = { .partial_ok = 1 };

#define HV_BASE		0x360000000000UL	/* hc's compile-time vmemmap */

#include "small_instances.h"

#define TI_NAME			hv
#define PMM_MODEL		PMM_MODEL_SPARSEMEM_VMEMMAP
#define TI_VMEMMAP		vm_hv
#include "test_instance.h"

#define TI_NAME			hc
#define PMM_MODEL		PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_VMEMMAP_BASE	HV_BASE
#define TI_VMEMMAP		vm_hc
#include "test_instance.h"

#define TI_NAME			hk
#define PMM_MODEL		PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_PAGE_SHIFT		16
#define PMM_STRUCT_PAGE_SIZE	8
#define PMM_SECTION_SIZE_BITS	21
#define PMM_SUBSECTION_SHIFT	19
#define PMM_MAX_PHYSMEM_BITS	31
#define TI_VMEMMAP		vm_hk
#include "test_instance.h"

#define TI_NAME			hs
#define PMM_MODEL		PMM_MODEL_SPARSEMEM
#define PMM_SPARSEMEM_EXTREME	1
#define PMM_MAX_PHYSMEM_BITS	26
#define PMM_NODES_SHIFT		2
#include "test_instance.h"

/*
 * 64 - 23 page flags - 28 reserved = 13 bits: SECTIONS_WIDTH 7 and the
 * zone (3) fit, the node (6) does not: NODE_NOT_IN_PAGE_FLAGS.
 */
#define TI_NAME			ht
#define PMM_MODEL		PMM_MODEL_SPARSEMEM
#define PMM_SPARSEMEM_EXTREME	0
#define PMM_RESERVED_FLAGS_BITS	28
#include "test_instance.h"

HP_OPS(hv, 1, 8, &vm_hv);
HP_OPS(hc, 1, 8, &vm_hc);
HP_OPS(hk, 1, 8, &vm_hk);
HP_OPS(hs, 0, 0, NULL);
HP_OPS(ht, 0, 0, NULL);

static const struct hp_ops *const instances[] = { &hv_hp, &hc_hp, &hk_hp, &hs_hp, &ht_hp };
static const struct hp_ops *const vmemmap_instances[] = { &hv_hp, &hc_hp, &hk_hp };

/* ---------------------------------------------------------------------
 * Helpers for both parts
 * --------------------------------------------------------------------- */

/*
 * Write to a descriptor, so that an unbacked or freed memmap is caught:
 * the pad word when there is one (pmm leaves it to the host), else the
 * flags word written back unchanged.
 */
static void touch_page(const struct hp_ops *o, void *page, unsigned long pfn)
{
	unsigned long *w = (unsigned long *)page;

	if (hp_desc(o) > sizeof(long)) {
		w[1] = pfn;
		w[hp_desc(o) / sizeof(long) - 1] = ~pfn;
	} else {
		volatile unsigned long *f = w;

		*f = *f;
	}
}

/*
 * Check one PFN against the model: pfn_valid, and for a valid PFN a
 * backed descriptor, the round trip, the node (when the model knows it)
 * and pfn_to_nid agreeing; pfn_to_nid is -1 for an invalid PFN.
 */
static void check_pfn(const struct hp_ops *o, const struct hp_model *m,
		      unsigned long pfn, int deep)
{
	int want = model_pfn_valid(m, pfn), got = o->pfn_valid(pfn);
	void *page;
	int nid;

	if (want != got) {
		unsigned long s = pfn / m->pps;

		test_failf(__FILE__, __LINE__, "%s: pfn_valid(%#lx) = %d, expected %d "
			   "(section %#lx: %lu valid units, early %d; unit %#lx valid %d)",
			   o->name, pfn, got, want, s, s < m->nr_sections ? m->count[s] : 0,
			   s < m->nr_sections ? m->early[s] : 0, pfn / m->unit,
			   pfn < m->max_pfn ? m->valid[pfn / m->unit] : 0);
		return;
	}
	if (!got) {
		if (deep)
			ASSERT_MSG(o->pfn_to_nid(pfn) == -1, "%s: pfn_to_nid(%#lx) = %d "
				   "for an invalid PFN", o->name, pfn, o->pfn_to_nid(pfn));
		return;
	}
	if (!deep)
		return;
	page = o->pfn_to_page(pfn);
	if (o->vm && !test_vmemmap_backed(o->vm, (unsigned long)page, hp_desc(o))) {
		test_failf(__FILE__, __LINE__, "%s: descriptor %p of valid PFN %#lx is not backed",
			   o->name, page, pfn);
		return;
	}
	touch_page(o, page, pfn);
	ASSERT_MSG(o->page_to_pfn(page) == pfn, "%s: page_to_pfn(pfn_to_page(%#lx)) = %#lx",
		   o->name, pfn, o->page_to_pfn(page));
	nid = o->page_to_nid(page);
	if (m->nid[pfn] >= 0)
		ASSERT_MSG(nid == m->nid[pfn], "%s: page_to_nid(pfn_to_page(%#lx)) = %d, "
			   "expected %d", o->name, pfn, nid, m->nid[pfn]);
	ASSERT_MSG(o->pfn_to_nid(pfn) == nid, "%s: pfn_to_nid(%#lx) = %d, page_to_nid %d",
		   o->name, pfn, o->pfn_to_nid(pfn), nid);
}

/* Every PFN, every section, and the stats. */
static void check_all(const struct hp_ops *o, const struct hp_model *m)
{
	struct pmm_stats st;
	unsigned long pfn, s;

	for (pfn = 0; pfn < m->max_pfn; pfn++)
		check_pfn(o, m, pfn, 1);
	for (s = 0; s < m->nr_sections; s++) {
		ASSERT_MSG(o->present_section_nr(s) == !!m->count[s],
			   "%s: present_section_nr(%#lx) = %d, expected %d", o->name, s,
			   o->present_section_nr(s), !!m->count[s]);
		ASSERT_MSG(o->early_section_nr(s) == m->early[s],
			   "%s: early_section_nr(%#lx) = %d, expected %d", o->name, s,
			   o->early_section_nr(s), m->early[s]);
	}
	o->stats(&st);
	ASSERT_MSG(st.ram_pages == m->ram, "%s: ram_pages %lu, expected %lu", o->name,
		   st.ram_pages, m->ram);
	ASSERT_MSG(st.nr_present_sections == m->present,
		   "%s: nr_present_sections %lu, expected %lu", o->name,
		   st.nr_present_sections, m->present);
	if (o->vm)
		ASSERT_MSG((long long)st.memmap_bytes == o->vm->populated,
			   "%s: memmap_bytes %llu, but %lld bytes of vmemmap are backed",
			   o->name, st.memmap_bytes, o->vm->populated);
	hp_vmemmap_rules_kept(o);
}

/* ---------------------------------------------------------------------
 * Part 1: one rule per case
 *
 * The standard hotplug map, in PFNs (hex), for every instance (32-page
 * sections; VMEMMAP sub-sections of 8 pages):
 *
 *	section   0 [00-1f]      1 [20-3f]  2 [40-5f]    3 [60-7f]  4 [80-9f]
 *	sub       0  1  2  3                0  1  2  3              0  1  2  3
 *	RAM          [0a  12)               [40 ...... 60)             [88 8c)
 *	node          0                      1                          1
 *	valid subs .  x  x  .    absent     x  x  x  x   absent     .  x  .  .
 *
 * Holes take the node of the next range above: [00,0a) node 0, [12,20)
 * node 1, [80,88) and [8c,a0) node 1.  Boot RAM is 8 + 32 + 4 = 44 pages
 * in three present, early sections.
 * --------------------------------------------------------------------- */

static const struct pmm_range std_map[] = {
	{ 0x0a, 0x12, 0 },
	{ 0x40, 0x60, 1 },
	{ 0x88, 0x8c, 1 },
};
#define STD_RAM		44UL

static struct hp_model cm;	/* the cases' model, for check_all */

/*
 * A case's start on one instance: boot it from @map (hp_case_boot) with
 * the model beside it.  0, or -1 when init failed (reported).
 */
static int case_start(const struct hp_ops *o, const struct pmm_range *map,
		      unsigned int nr)
{
	model_setup(&cm, o);
	if (hp_case_boot(o, map, nr)) {
		model_free(&cm);
		return -1;
	}
	model_boot(&cm, map, nr);
	return 0;
}

/* ... and its end: pmm_exit must free all the case left behind. */
static void case_end(const struct hp_ops *o)
{
	hp_case_end(o);
	model_free(&cm);
}

/* A case's loop over @set: each instance booted from @map (case_start) */
#define FOR_EACH_BOOTED(o, set, map)						\
	HP_FOR_EACH(o, set, case_start((o), (map), HP_ARRAY_SIZE(map)), case_end(o))

/* [lo, hi) valid, round-tripping, writable, on node @nid */
static void expect_described(const struct hp_ops *o, unsigned long lo, unsigned long hi,
			     int nid)
{
	unsigned long pfn;

	expect_valid(o, lo, hi, 1);
	for (pfn = lo; pfn < hi; pfn++) {
		void *page;

		if (!o->pfn_valid(pfn))
			return;
		page = o->pfn_to_page(pfn);
		if (o->vm && !test_vmemmap_backed(o->vm, (unsigned long)page, hp_desc(o))) {
			test_failf(__FILE__, __LINE__, "%s: descriptor of PFN %#lx not backed",
				   o->name, pfn);
			return;
		}
		touch_page(o, page, pfn);
		ASSERT_MSG(o->page_to_pfn(page) == pfn, "%s: round trip of %#lx gave %#lx",
			   o->name, pfn, o->page_to_pfn(page));
		ASSERT_MSG(o->page_to_nid(page) == nid && o->pfn_to_nid(pfn) == nid,
			   "%s: PFN %#lx on node %d/%d, expected %d", o->name, pfn,
			   o->page_to_nid(page), o->pfn_to_nid(pfn), nid);
	}
}

/*
 * A host that brings PMM_VMEMMAP_POPULATE and DEPOPULATE but not
 * PMM_VMEMMAP_POPULATE_FROM (hv): an altmap's pages are backed through
 * the host's own populate, so that what its depopulate is asked to free
 * is what it backed.
 *
 *	section   0    1      2      3   4     ...   0x100        0x140
 *	          boot        boot       boot        [added, altmap)
 *	altmap    {base 0x100, end 0x13f, reserve 0, free 1}
 *
 * 64 descriptors of 64 bytes take one 4 KiB page, from the altmap.
 * Expect the add to back that page through the host's populate (one
 * call, alloc 1), the remove to give it back through its depopulate, and
 * no hook call the host did not expect (a depopulate of a page it never
 * backed).
 */
static int hp_altmap_host_hooks(void)
{
	const struct hp_ops *o = &hv_hp;
	struct pmm_hv_vmem_altmap altmap = { 0x100, 0x13f, 0, 1, 0, 0 };
	long calls;

	if (case_start(o, std_map, HP_ARRAY_SIZE(std_map)))
		return 0;
	calls = o->vm->populate_calls;
	EXPECT_OK(o, pmm_hv_add_pages(0, 0x100, 0x40, &altmap));
	ASSERT_EQ(1, altmap.alloc);
	ASSERT_EQ(calls + 1, o->vm->populate_calls);
	expect_valid(o, 0x100, 0x140, 1);
	ASSERT_TRUE(test_vmemmap_backed(o->vm, (unsigned long)o->pfn_to_page(0x100), 4096));
	EXPECT_OK(o, pmm_hv_remove_pages(0x100, 0x40, &altmap));
	ASSERT_EQ(0, altmap.alloc);
	hp_vmemmap_rules_kept(o);
	expect_stats_boot(o);
	case_end(o);
	return 0;
}

/*
 * Before pmm_init and after pmm_exit there is nothing to hot-plug into.
 *
 *	state:   not initialised | init(std_map) ... exit | not initialised
 *	request: add, remove     |                        | add, remove
 *
 * Expect -EINVAL from both, on every instance, with nothing allocated.
 */
static int hp_requires_init(void)
{
	const struct hp_ops *o;

	HP_FOR_EACH(o, instances, (prefix_push(o->name), 0), prefix_pop()) {
		EXPECT_REFUSED(o, -EINVAL, o->hot->add_pages(0, 0x20, 0x20));
		EXPECT_REFUSED(o, -EINVAL, o->hot->remove_pages(0x40, 0x20));
		ASSERT_EQ(0, test_alloc_live_blocks);
	}
	/* case_end: after pmm_exit add and remove are -EINVAL again */
	FOR_EACH_BOOTED(o, instances, std_map)
		;
	ASSERT_EQ(0, test_alloc_live_blocks);
	return 0;
}

/*
 * Requests the arguments alone condemn, on the standard map:
 *
 *	misaligned:   start 0x21, nr 4 (VMEMMAP) / start 0x28, nr 8 (classic:
 *	              sub-section aligned is not enough), nr 0
 *	bad node:     -1, MAX_NUMNODES
 *	out of range: [MAX_PFN - 8, MAX_PFN + 8), [MAX_PFN, ...), start + nr
 *	              wrapping past ~0UL
 *
 * Expect -EINVAL for the first two kinds, -ERANGE for the third, and no
 * change at all: stats, allocations, vmemmap backing.
 */
static int hp_bad_requests(void)
{
	const struct hp_ops *o;

	FOR_EACH_BOOTED(o, instances, std_map) {
		unsigned long u = hp_unit(o), max = hp_max_pfn(o);
		unsigned long top = ~0UL & ~(u - 1);

		EXPECT_REFUSED(o, -EINVAL, o->hot->add_pages(0, 0x21, u));
		EXPECT_REFUSED(o, -EINVAL, o->hot->add_pages(0, 0x20, u / 2));
		EXPECT_REFUSED(o, -EINVAL, o->hot->add_pages(0, 0x20, u + 1));
		EXPECT_REFUSED(o, -EINVAL, o->hot->add_pages(0, 0x20, 0));
		EXPECT_REFUSED(o, -EINVAL, o->hot->add_pages(-1, 0x20, u));
		EXPECT_REFUSED(o, -EINVAL, o->hot->add_pages(hp_max_nodes(o), 0x20, u));
		EXPECT_REFUSED(o, -EINVAL, o->hot->remove_pages(0x41, u));
		EXPECT_REFUSED(o, -EINVAL, o->hot->remove_pages(0x40, u - 1));
		EXPECT_REFUSED(o, -EINVAL, o->hot->remove_pages(0x40, 0));
		if (!o->vmemmap) {
			/* a sub-section's worth is not a section's */
			EXPECT_REFUSED(o, -EINVAL, o->hot->add_pages(0, 0x28, 8));
			EXPECT_REFUSED(o, -EINVAL, o->hot->add_pages(0, 0x20, 8));
			EXPECT_REFUSED(o, -EINVAL, o->hot->remove_pages(0x40, 8));
			EXPECT_REFUSED(o, -EINVAL, o->hot->remove_pages(0x48, 0x20));
		}
		EXPECT_REFUSED(o, -ERANGE, o->hot->add_pages(0, max - u, 2 * u));
		EXPECT_REFUSED(o, -ERANGE, o->hot->add_pages(0, max, u));
		EXPECT_REFUSED(o, -ERANGE, o->hot->add_pages(0, top, 2 * u));
		EXPECT_REFUSED(o, -ERANGE, o->hot->add_pages(0, 0x20, top));
		EXPECT_REFUSED(o, -ERANGE, o->hot->remove_pages(max - u, 2 * u));
		EXPECT_REFUSED(o, -ERANGE, o->hot->remove_pages(top - u, 4 * u));
		check_all(o, &cm);
	}
	return 0;
}

/*
 * Add a whole absent section, then remove it.
 *
 *	section   0        1          2        3   4
 *	before    early    absent     early    .   early
 *	add       .        [20 n2 40)
 *	after     early    added      early    .   early
 *
 * Expect [20,40) valid on node 2, round-tripping and writable; ram_pages
 * +32; one more present section, not early; the neighbours unchanged.
 * After the remove, [20,40) invalid and the stats those of boot.
 */
static int hp_add_absent_section(void)
{
	const struct hp_ops *o;

	FOR_EACH_BOOTED(o, instances, std_map) {
		EXPECT_OK(o, o->hot->add_pages(2, 0x20, 0x20));
		expect_described(o, 0x20, 0x40, 2);
		expect_valid(o, 0x00, 0x20, 1);
		expect_valid(o, 0x40, 0x60, 1);
		expect_valid(o, 0x60, 0x80, 0);
		expect_stats(o, STD_RAM + 0x20, 4);
		ASSERT_TRUE(o->present_section_nr(1));
		ASSERT_FALSE(o->early_section_nr(1));
		EXPECT_OK(o, o->hot->remove_pages(0x20, 0x20));
		expect_valid(o, 0x20, 0x40, 0);
		ASSERT_FALSE(o->present_section_nr(1));
		expect_stats_boot(o);
		check_all(o, &cm);
	}
	return 0;
}

/*
 * A hot-added section is valid per sub-section (VMEMMAP).
 *
 *	section 3   sub 0 [60,68)  sub 1 [68,70)  sub 2 [70,78)  sub 3 [78,80)
 *	add               .         [68  n3  70)        .        [78  n3  80)
 *	remove [68,80)    .            valid        NOT valid       valid
 *
 * Expect only [68,70) and [78,80) valid, on node 3; one more present
 * section; -EINVAL and no change for the remove of [68,80), which
 * covers an invalid sub-section; the section gone after both sub-sections
 * are removed, and the stats those of boot.
 */
static int hp_added_section_valid_per_subsection(void)
{
	const struct hp_ops *o;

	FOR_EACH_BOOTED(o, vmemmap_instances, std_map) {
		EXPECT_OK(o, o->hot->add_pages(3, 0x68, 8));
		expect_valid(o, 0x60, 0x68, 0);
		expect_described(o, 0x68, 0x70, 3);
		expect_valid(o, 0x70, 0x80, 0);
		expect_stats(o, STD_RAM + 8, 4);
		EXPECT_OK(o, o->hot->add_pages(3, 0x78, 8));
		expect_described(o, 0x78, 0x80, 3);
		expect_valid(o, 0x70, 0x78, 0);
		EXPECT_REFUSED(o, -EINVAL, o->hot->remove_pages(0x68, 0x18));
		EXPECT_OK(o, o->hot->remove_pages(0x68, 8));
		expect_valid(o, 0x60, 0x78, 0);
		expect_described(o, 0x78, 0x80, 3);
		ASSERT_TRUE(o->present_section_nr(3));
		EXPECT_OK(o, o->hot->remove_pages(0x78, 8));
		ASSERT_FALSE(o->present_section_nr(3));
		expect_stats_boot(o);
		check_all(o, &cm);
	}
	return 0;
}

/*
 * The hole sub-sections of a boot section may be added (Linux extends
 * early sections); its RAM sub-sections may not.
 *
 *	section 0   sub 0 [00,08)  sub 1 [08,10)  sub 2 [10,18)  sub 3 [18,20)
 *	boot           hole           RAM            RAM           hole
 *	add          [00 n2 08)    -EEXIST                       [18 n2 20)
 *	section 4   sub 0 [80,88)  sub 1 [88,90)  sub 2 [90,98)  sub 3 [98,a0)
 *	boot           hole           RAM            hole          hole
 *	add         [80 ............ a0) -EEXIST  [90 ...... n2 ...... a0)
 *
 * Expect the holes added to report node 2 and the boot pages to keep
 * theirs (0 for RAM [0a,12), 1 for the hole [12,18)); -EEXIST and no
 * change for any request that covers a RAM sub-section; ram_pages +32
 * for four sub-sections; no new present section; the section still early.
 */
static int hp_extend_early_section(void)
{
	const struct hp_ops *o;

	FOR_EACH_BOOTED(o, vmemmap_instances, std_map) {
		EXPECT_OK(o, o->hot->add_pages(2, 0x00, 8));
		EXPECT_OK(o, o->hot->add_pages(2, 0x18, 8));
		EXPECT_REFUSED(o, -EEXIST, o->hot->add_pages(2, 0x08, 8));
		EXPECT_REFUSED(o, -EEXIST, o->hot->add_pages(2, 0x00, 0x20));
		EXPECT_REFUSED(o, -EEXIST, o->hot->add_pages(2, 0x80, 0x20));
		EXPECT_OK(o, o->hot->add_pages(2, 0x90, 0x10));
		expect_described(o, 0x00, 0x08, 2);
		expect_described(o, 0x08, 0x0a, 0);	/* boot hole below RAM */
		expect_described(o, 0x0a, 0x12, 0);
		expect_described(o, 0x12, 0x18, 1);	/* hole: next range's node */
		expect_described(o, 0x18, 0x20, 2);
		expect_described(o, 0x90, 0xa0, 2);
		expect_stats(o, STD_RAM + 0x20, 3);
		ASSERT_TRUE(o->early_section_nr(0));
		ASSERT_TRUE(o->early_section_nr(4));
		model_add(&cm, 2, 0x00, 8);
		model_add(&cm, 2, 0x18, 8);
		model_add(&cm, 2, 0x90, 0x10);
		check_all(o, &cm);
		EXPECT_OK(o, o->hot->remove_pages(0x00, 8));
		EXPECT_OK(o, o->hot->remove_pages(0x18, 8));
		EXPECT_OK(o, o->hot->remove_pages(0x90, 0x10));
		model_remove(&cm, 0x00, 8);
		model_remove(&cm, 0x18, 8);
		model_remove(&cm, 0x90, 0x10);
		expect_valid(o, 0x00, 0x20, 1);		/* early: valid whole */
		expect_stats_boot(o);
		check_all(o, &cm);
	}
	return 0;
}

/*
 * A failed add changes nothing, even where its first sections were free.
 *
 *	section   3 [60-7f]   4 [80-9f]                  5 [a0-bf]
 *	state     absent      early, sub 1 RAM           sub 1 added
 *	add       [60 ................ 90)  -EEXIST      [a0 ...... b0) -EEXIST
 *	          (classic: [60 ..... a0) -EEXIST,  [a0 ........ e0) -EEXIST)
 *
 * Expect -EEXIST and no change: section 3 still absent, section 4's free
 * sub-section 0 still free (a later add of it succeeds, VMEMMAP), section
 * 5's sub-section 0 still invalid; then the stats back to boot once the
 * successful adds are removed.
 */
static int hp_failed_add_changes_nothing(void)
{
	const struct hp_ops *o;

	FOR_EACH_BOOTED(o, instances, std_map) {
		if (o->vmemmap) {
			EXPECT_OK(o, o->hot->add_pages(1, 0xa8, 8));
			EXPECT_REFUSED(o, -EEXIST, o->hot->add_pages(1, 0x60, 0x30));
			EXPECT_REFUSED(o, -EEXIST, o->hot->add_pages(1, 0xa0, 0x10));
			expect_valid(o, 0x60, 0x80, 0);
			expect_valid(o, 0xa0, 0xa8, 0);
			ASSERT_FALSE(o->present_section_nr(3));
			EXPECT_OK(o, o->hot->add_pages(1, 0x80, 8));
			expect_described(o, 0x80, 0x88, 1);
			EXPECT_OK(o, o->hot->remove_pages(0x80, 8));
			EXPECT_OK(o, o->hot->remove_pages(0xa8, 8));
		} else {
			EXPECT_OK(o, o->hot->add_pages(1, 0xc0, 0x20));
			EXPECT_REFUSED(o, -EEXIST, o->hot->add_pages(1, 0x60, 0x40));
			EXPECT_REFUSED(o, -EEXIST, o->hot->add_pages(1, 0xa0, 0x40));
			expect_valid(o, 0x60, 0x80, 0);
			expect_valid(o, 0xa0, 0xc0, 0);
			ASSERT_FALSE(o->present_section_nr(3));
			ASSERT_FALSE(o->present_section_nr(5));
			EXPECT_OK(o, o->hot->remove_pages(0xc0, 0x20));
		}
		expect_stats_boot(o);
		check_all(o, &cm);
	}
	return 0;
}

/*
 * Removal: every unit must be valid, and an early section stays valid
 * whole until its last sub-section goes.
 *
 *	section 0   sub 0   sub 1 [08,10)  sub 2 [10,18)  sub 3
 *	boot        hole    RAM            RAM            hole
 *	remove      -EINVAL (never valid)
 *	remove              [08 ...... 10)                        -> still valid whole
 *	remove              [08 ...... 10) again: -EINVAL (already deactivated)
 *	remove                             [10 ...... 18)         -> section gone
 *	remove [40, 68): covers absent section 3: -EINVAL
 *
 * Expect exactly that (classic: whole sections, so [00,20) goes at once);
 * ram_pages down by the boot RAM removed (6 pages for [08,10), 2 for
 * [10,18): the holes were never RAM); a removed boot section neither
 * present nor early, and invalid across all 32 PFNs.
 */
static int hp_remove_rules(void)
{
	const struct hp_ops *o;

	FOR_EACH_BOOTED(o, instances, std_map) {
		EXPECT_REFUSED(o, -EINVAL, o->hot->remove_pages(0x20, 0x20));
		EXPECT_REFUSED(o, -EINVAL, o->hot->remove_pages(0x40, 0x40));
		EXPECT_REFUSED(o, -EINVAL, o->hot->remove_pages(0x00, 0x60));
		if (o->vmemmap) {
			EXPECT_REFUSED(o, -EINVAL, o->hot->remove_pages(0x00, 8));
			EXPECT_REFUSED(o, -EINVAL, o->hot->remove_pages(0x40, 0x28));
			EXPECT_OK(o, o->hot->remove_pages(0x08, 8));
			expect_valid(o, 0x00, 0x20, 1);
			ASSERT_TRUE(o->early_section_nr(0));
			expect_stats(o, STD_RAM - 6, 3);	/* RAM [0a,10) */
			EXPECT_REFUSED(o, -EINVAL, o->hot->remove_pages(0x08, 8));
			EXPECT_OK(o, o->hot->remove_pages(0x10, 8));
			expect_stats(o, STD_RAM - 8, 2);	/* and [10,12) */
		} else {
			EXPECT_OK(o, o->hot->remove_pages(0x00, 0x20));
			EXPECT_REFUSED(o, -EINVAL, o->hot->remove_pages(0x00, 0x20));
			expect_stats(o, STD_RAM - 8, 2);
		}
		expect_valid(o, 0x00, 0x20, 0);
		ASSERT_FALSE(o->present_section_nr(0));
		ASSERT_FALSE(o->early_section_nr(0));
		/* the whole of boot section 2 */
		EXPECT_OK(o, o->hot->remove_pages(0x40, 0x20));
		expect_valid(o, 0x40, 0x60, 0);
		ASSERT_FALSE(o->present_section_nr(2));
		if (o->vmemmap)
			model_remove(&cm, 0x08, 0x10);
		else
			model_remove(&cm, 0x00, 0x20);
		model_remove(&cm, 0x40, 0x20);
		check_all(o, &cm);
	}
	return 0;
}

/*
 * An early section extended with a hole sub-section stays valid whole
 * after its boot RAM is removed, and goes only with its last sub-section;
 * added again, it is a hot-added section, valid per sub-section.
 *
 *	section 0   sub 0 [00,08)  sub 1   sub 2   sub 3
 *	1. add      [00 n2 08)                             early, valid whole
 *	2. remove                  [08 ......... 18)       still valid whole
 *	3. remove   [00 ... 08)                            gone: nothing valid
 *	4. add                     [08 n3 10)              only [08,10) valid
 *
 * Expect just that, with early_section_nr true through step 2 and false
 * from step 3 on.
 */
static int hp_early_section_lifecycle(void)
{
	const struct hp_ops *o;

	FOR_EACH_BOOTED(o, vmemmap_instances, std_map) {
		EXPECT_OK(o, o->hot->add_pages(2, 0x00, 8));
		EXPECT_OK(o, o->hot->remove_pages(0x08, 0x10));
		expect_valid(o, 0x00, 0x20, 1);
		expect_described(o, 0x00, 0x08, 2);
		ASSERT_TRUE(o->early_section_nr(0));
		ASSERT_TRUE(o->present_section_nr(0));
		EXPECT_OK(o, o->hot->remove_pages(0x00, 8));
		expect_valid(o, 0x00, 0x20, 0);
		ASSERT_FALSE(o->present_section_nr(0));
		ASSERT_FALSE(o->early_section_nr(0));
		EXPECT_OK(o, o->hot->add_pages(3, 0x08, 8));
		expect_valid(o, 0x00, 0x08, 0);
		expect_described(o, 0x08, 0x10, 3);
		expect_valid(o, 0x10, 0x20, 0);
		ASSERT_TRUE(o->present_section_nr(0));
		ASSERT_FALSE(o->early_section_nr(0));
		/* +8 added, -8 boot RAM in [08,18), -8 added, +8 added */
		expect_stats(o, STD_RAM + 8 - 8 - 8 + 8, 3);
		model_add(&cm, 2, 0x00, 8);
		model_remove(&cm, 0x08, 0x10);
		model_remove(&cm, 0x00, 8);
		model_add(&cm, 3, 0x08, 8);
		check_all(o, &cm);
	}
	return 0;
}

/*
 * Hot-add below the first boot section and in the last section of the
 * physical address space; with a run-time vmemmap base (hv, hk) the
 * reservation made at boot starts at the first present section.
 *
 *	PFN   0 [add n1 ...) ... [boot RAM, high] ... [add n2) MAX_PFN
 *
 * Expect both adds to succeed with valid, writable descriptors on their
 * nodes, and the stats back to boot after removing them.
 */
static int hp_add_outside_boot_span(void)
{
	unsigned int i;

	for (i = 0; i < HP_ARRAY_SIZE(instances); i++) {
		const struct hp_ops *o = instances[i];
		unsigned long pps = hp_pps(o), max = hp_max_pfn(o);
		/* the boot RAM sits in the middle section of the space */
		unsigned long mid = max / pps / 2 * pps;
		struct pmm_range map[1] = { { 0, 0, 0 } };

		map[0].start_pfn = mid + 3;
		map[0].end_pfn = mid + pps - 3;
		if (case_start(o, map, 1))
			continue;
		EXPECT_OK(o, o->hot->add_pages(1, 0, pps));
		expect_described(o, 0, pps, 1);
		EXPECT_OK(o, o->hot->add_pages(hp_max_nodes(o) - 1, max - pps, pps));
		expect_described(o, max - pps, max, hp_max_nodes(o) - 1);
		expect_stats(o, pps - 6 + 2 * pps, 3);
		model_add(&cm, 1, 0, pps);
		model_add(&cm, hp_max_nodes(o) - 1, max - pps, pps);
		check_all(o, &cm);
		EXPECT_OK(o, o->hot->remove_pages(0, pps));
		EXPECT_OK(o, o->hot->remove_pages(max - pps, pps));
		expect_stats_boot(o);
		case_end(o);
	}
	return 0;
}

/*
 * Several sub-sections of several sections share each page of hk's
 * vmemmap (64 KiB pages of 8-byte descriptors: 256 sections a page).
 *
 *	vmemmap page 0: sections 0x000-0x0ff   page 1: sections 0x100-0x1ff
 *	boot            [00 .. 10) (section 0, subs 0-1)
 *	add                          [28 .. 30) (section 1, sub 1)   [2000 .. 2008)
 *	remove          [00 .. 10)  -> section 1 must stay backed
 *
 * Expect every descriptor of a valid PFN writable after each step, the
 * hooks never asked to back a page twice or to drop one not backed,
 * memmap_bytes equal to the backing, and nothing held after exit.
 */
static int hp_shared_vmemmap_page(void)
{
	static const struct pmm_range map[] = { { 0x00, 0x10, 0 } };
	const struct hp_ops *o = &hk_hp;

	if (case_start(o, map, 1))
		return 0;
	EXPECT_OK(o, o->hot->add_pages(1, 0x28, 8));
	EXPECT_OK(o, o->hot->add_pages(2, 0x2000, 8));
	model_add(&cm, 1, 0x28, 8);
	model_add(&cm, 2, 0x2000, 8);
	check_all(o, &cm);
	EXPECT_OK(o, o->hot->remove_pages(0x00, 0x10));
	model_remove(&cm, 0x00, 0x10);
	expect_described(o, 0x28, 0x30, 1);
	expect_described(o, 0x2000, 0x2008, 2);
	check_all(o, &cm);
	EXPECT_OK(o, o->hot->remove_pages(0x28, 8));
	model_remove(&cm, 0x28, 8);
	check_all(o, &cm);
	EXPECT_OK(o, o->hot->add_pages(3, 0x00, 0x20));
	model_add(&cm, 3, 0x00, 0x20);
	check_all(o, &cm);
	hp_vmemmap_rules_kept(o);
	case_end(o);
	return 0;
}

/*
 * Allocation failures unwind: walk the Nth allocation (test_alloc) and,
 * for VMEMMAP, the Nth vmemmap populate, failing each in turn.
 *
 *	hv/hc/hk: add [a0, e8): sections 5 and 6 whole, sub-section 0 of 7
 *	hs:       add [1fe0, 2020): sections 0xff and 0x100, across the
 *	          EXTREME root boundary (root 1 does not exist yet)
 *	ht:       add [a0, e0): sections 5 and 6
 *
 * Expect -ENOMEM and no change (stats, allocations, backing, validity)
 * until N passes the number of allocations, then success; the stats back
 * to boot after the remove, and nothing held after exit.
 */
static void enomem_walk(const struct hp_ops *o, int populate, unsigned long start,
			unsigned long nr)
{
	long n;
	int rc = -ENOMEM;

	for (n = 1; n < 64 && rc; n++) {
		struct hp_snap s;

		snap_take(o, &s);
		if (populate)
			o->vm->populate_fail_at = n;
		else
			test_alloc_fail_at = n;
		rc = o->hot->add_pages(1, start, nr);
		ASSERT_MSG(rc || (populate ? o->vm->populate_fail_at : test_alloc_fail_at),
			   "%s: %s %ld failed, yet the add returned 0", o->name,
			   populate ? "populate" : "allocation", n);
		test_alloc_fail_at = 0;
		if (o->vm)
			o->vm->populate_fail_at = 0;
		if (rc) {
			ASSERT_MSG(rc == -ENOMEM, "%s: add with %s %ld failing returned %d",
				   o->name, populate ? "populate" : "allocation", n, rc);
			snap_expect_same(o, &s, "failed add");
			check_all(o, &cm);
		}
	}
	ASSERT_MSG(rc == 0, "%s: add never succeeded", o->name);
	ASSERT_MSG(populate || n > 2, "%s: the add allocated nothing", o->name);
	if (rc)
		return;
	model_add(&cm, 1, start, nr);
	check_all(o, &cm);
	/* a remove may not need memory; if it fails it must change nothing */
	for (n = 1; n < 64; n++) {
		struct hp_snap s;

		snap_take(o, &s);
		test_alloc_fail_at = n;
		rc = o->hot->remove_pages(start, nr);
		test_alloc_fail_at = 0;
		if (!rc)
			break;
		ASSERT_MSG(rc == -ENOMEM, "%s: remove with allocation %ld failing returned %d",
			   o->name, n, rc);
		snap_expect_same(o, &s, "failed remove");
	}
	model_remove(&cm, start, nr);
	check_all(o, &cm);
	expect_stats_boot(o);
}

static int hp_enomem_unwinds(void)
{
	const struct hp_ops *o;

	/* hs's range crosses into EXTREME root 1; VMEMMAP's takes a sub-section more */
	FOR_EACH_BOOTED(o, instances, std_map)
		enomem_walk(o, 0, o == &hs_hp ? 0x1fe0 : 0xa0, o->vmemmap ? 0x48 : 0x40);
	FOR_EACH_BOOTED(o, vmemmap_instances, std_map)
		enomem_walk(o, 1, 0xa0, 0x48);
	return 0;
}

/*
 * Classic SPARSEMEM with EXTREME roots: a section in a root that boot did
 * not allocate.
 *
 *	root 0: sections 0x000-0x0ff (boot)   root 1: 0x100-0x1ff (none)
 *	add                                   [2000 n3 2020) = section 0x100
 *
 * Expect the section valid on node 3, then after the remove the stats
 * equal to boot's.
 */
static int hp_extreme_new_root(void)
{
	const struct hp_ops *o = &hs_hp;

	if (case_start(o, std_map, HP_ARRAY_SIZE(std_map)))
		return 0;
	EXPECT_OK(o, o->hot->add_pages(3, 0x2000, 0x20));
	expect_described(o, 0x2000, 0x2020, 3);
	ASSERT_TRUE(o->present_section_nr(0x100));
	EXPECT_OK(o, o->hot->remove_pages(0x2000, 0x20));
	expect_valid(o, 0x2000, 0x2020, 0);
	expect_stats_boot(o);
	case_end(o);
	return 0;
}

/*
 * With the node outside page->flags (ht), the node of a hot-added section
 * comes from section_to_node_table, which the add must set.
 *
 *	section   1 [20-3f]            2 [40-5f] (boot, node 1)
 *	add       n5; remove; add n7   remove; add n3
 *
 * Expect every PFN of the section on the node of its latest add.
 */
static int hp_node_outside_page_flags(void)
{
	const struct hp_ops *o = &ht_hp;

	if (case_start(o, std_map, HP_ARRAY_SIZE(std_map)))
		return 0;
	ASSERT_EQ(0, o->params->node_in_page_flags);
	EXPECT_OK(o, o->hot->add_pages(5, 0x20, 0x20));
	expect_described(o, 0x20, 0x40, 5);
	EXPECT_OK(o, o->hot->remove_pages(0x20, 0x20));
	EXPECT_OK(o, o->hot->add_pages(7, 0x20, 0x20));
	expect_described(o, 0x20, 0x40, 7);
	EXPECT_OK(o, o->hot->remove_pages(0x40, 0x20));
	EXPECT_OK(o, o->hot->add_pages(3, 0x40, 0x20));
	expect_described(o, 0x40, 0x60, 3);
	case_end(o);
	return 0;
}

/*
 * pmm_exit after a mixed history frees everything, and init works again.
 *
 *	adds across absent sections, into early holes (VMEMMAP), into a new
 *	root (hs); removes of boot memory; then exit; then init(std_map)
 *
 * Expect no test_alloc block, pmm_hosted_live as before the first init,
 * no vmemmap backing or reservation, stats empty, every request -EINVAL;
 * and after the second init, the boot state.
 */
static int hp_exit_frees_everything(void)
{
	const struct hp_ops *o;

	FOR_EACH_BOOTED(o, instances, std_map) {
		unsigned long max = hp_max_pfn(o);

		EXPECT_OK(o, o->hot->add_pages(1, 0xa0, 0x60));
		EXPECT_OK(o, o->hot->add_pages(2, max - 0x40, 0x40));
		EXPECT_OK(o, o->hot->add_pages(3, max / 2, 0x20));
		EXPECT_OK(o, o->hot->remove_pages(0x40, 0x20));
		if (o->vmemmap) {
			EXPECT_OK(o, o->hot->add_pages(0, 0x18, 8));
			EXPECT_OK(o, o->hot->remove_pages(0x08, 8));
			EXPECT_OK(o, o->hot->remove_pages(0xc8, 0x10));
		}
		o->exit();
		check_exited(o, hp_case_hosted);
		ASSERT_EQ(0, o->init(std_map, HP_ARRAY_SIZE(std_map)));
		model_boot(&cm, std_map, HP_ARRAY_SIZE(std_map));
		check_all(o, &cm);
		expect_stats_boot(o);
	}
	return 0;
}

/* ---------------------------------------------------------------------
 * Part 2: the randomised run
 * --------------------------------------------------------------------- */

enum { OP_ADD, OP_REMOVE };
enum { INJ_NONE, INJ_ALLOC, INJ_POPULATE };

struct hp_op {
	int kind, nid, inj;
	unsigned long start, nr;
	long inj_at;
};

#define HIST	24
static char hist[HIST][160];
static unsigned long hist_n;

static const char *op_str(const struct hp_op *op, char *buf, size_t len)
{
	char inj[48] = "";

	if (op->inj)
		snprintf(inj, sizeof(inj), " [%s %ld fails]",
			 op->inj == INJ_ALLOC ? "allocation" : "populate", op->inj_at);
	if (op->kind == OP_ADD)
		snprintf(buf, len, "add(nid %d, %#lx, %#lx)%s", op->nid, op->start,
			 op->nr, inj);
	else
		snprintf(buf, len, "remove(%#lx, %#lx)%s", op->start, op->nr, inj);
	return buf;
}

struct hp_run {
	const struct hp_ops *o;
	struct hp_model m;
	unsigned long pps, unit, max, nsec;
	unsigned long rlo, rhi;		/* the epoch's region, in sections */
	int preserve_boot;		/* this epoch never removes boot units */
	struct pmm_stats boot_stats;
	unsigned long ops, ok, refused, enomem;
	/* what the successful requests did, to show the run reaches it */
	unsigned long early_extended, early_emptied, emptied, multi_section;
};

/* Count what a successful request is about to do to the model. */
static void count_events(struct hp_run *r, const struct hp_op *op)
{
	unsigned long s, first = op->start / r->pps, last = (op->start + op->nr - 1) / r->pps;
	unsigned long u, left;

	if (first != last)
		r->multi_section++;
	for (s = first; s <= last; s++) {
		if (op->kind == OP_ADD) {
			if (r->m.early[s] && r->m.count[s])
				r->early_extended++;
			continue;
		}
		left = r->m.count[s];
		for (u = op->start / r->unit; u < (op->start + op->nr) / r->unit; u++)
			if (u * r->unit / r->pps == s)
				left--;
		if (!left) {
			r->emptied++;
			r->early_emptied += r->m.early[s];
		}
	}
}

/* A unit-aligned range in the region, of one sub-section to 3 sections. */
static void gen_range(struct hp_run *r, unsigned long *start, unsigned long *nr)
{
	unsigned long ups = r->pps / r->unit, k, u;

	if (!rnd(10)) {
		/* anywhere in the space */
		u = rnd(r->max / r->unit);
	} else {
		u = r->rlo * ups + rnd((r->rhi - r->rlo) * ups);
	}
	switch (rnd(10)) {
	case 0: case 1: case 2: case 3: case 4:
		k = 1 + rnd(ups);
		break;
	case 5: case 6: case 7:
		k = 1 + rnd(3 * ups);
		break;
	default:
		u = u / ups * ups;
		k = ups * (1 + rnd(2));
		break;
	}
	if ((u + k) * r->unit > r->max)
		k = r->max / r->unit - u;
	if (!k)
		k = 1;
	*start = u * r->unit;
	*nr = k * r->unit;
}

/* Most removes start at a valid unit and mostly stay on valid ones. */
static void gen_remove_range(struct hp_run *r, unsigned long *start, unsigned long *nr)
{
	unsigned long ups = r->pps / r->unit, n = (r->rhi - r->rlo) * ups;
	unsigned long u0 = r->rlo * ups, i, u, len;

	if (rnd(10) < 6) {
		unsigned long at = rnd(n);

		for (i = 0; i < n; i++) {
			u = u0 + (at + i) % n;
			if (r->m.valid[u])
				break;
		}
		if (i < n) {
			for (len = 0; u + len < r->m.nr_units && r->m.valid[u + len] &&
			     len < 4 * ups; len++)
				;
			len = rnd(5) ? 1 + rnd(len) : 1 + rnd(len + 2);
			if (u + len > r->m.nr_units)
				len = r->m.nr_units - u;
			*start = u * r->unit;
			*nr = len * r->unit;
			return;
		}
	}
	gen_range(r, start, nr);
}

static int bad_nid(const struct hp_ops *o)
{
	static const int nids[] = { -1, -2, -1000, 0x7fffffff, -0x7fffffff - 1 };
	unsigned long k = rnd(HP_ARRAY_SIZE(nids) + 2);

	if (k < HP_ARRAY_SIZE(nids))
		return nids[k];
	return hp_max_nodes(o) + (int)(k - HP_ARRAY_SIZE(nids)) * 7;
}

static int good_nid(const struct hp_ops *o)
{
	int max = hp_max_nodes(o);

	if (!rnd(8))
		return (int)rnd((unsigned long)max);
	return (int)rnd(max < 4 ? (unsigned long)max : 4UL);
}

static void gen_op(struct hp_run *r, struct hp_op *op)
{
	unsigned long u = r->unit, top = ~0UL & ~(u - 1), k = rnd(100);

	memset(op, 0, sizeof(*op));
	op->kind = rnd(2) ? OP_ADD : OP_REMOVE;
	op->nid = good_nid(r->o);
	if (op->kind == OP_ADD)
		gen_range(r, &op->start, &op->nr);
	else
		gen_remove_range(r, &op->start, &op->nr);
	if (k < 6) {
		/* misaligned start or size, or nothing at all */
		switch (rnd(4)) {
		case 0:
			op->start += 1 + rnd(u - 1);
			break;
		case 1:
			op->nr += 1 + rnd(u - 1);
			break;
		case 2:
			op->nr = rnd(2) ? 0 : 1 + rnd(u - 1);
			break;
		default:
			/* classic: sub-section-sized steps */
			op->start += u / 4 * (1 + rnd(3));
			break;
		}
	} else if (k < 10) {
		op->kind = OP_ADD;
		op->nid = bad_nid(r->o);
	} else if (k < 14) {
		/* out of range, or wrapping */
		switch (rnd(4)) {
		case 0:
			op->start = r->max - u * rnd(4);
			op->nr = u * (1 + rnd(4)) + (r->max - op->start);
			break;
		case 1:
			op->start = r->max + u * rnd(64);
			op->nr = u * (1 + rnd(8));
			break;
		case 2:
			op->start = top - u * rnd(4);
			op->nr = u * (1 + rnd(8)) + (top - op->start);
			break;
		default:
			op->nr = top - u * rnd(4);
			break;
		}
	}
	if (rnd(100) < 12) {
		if (r->o->vm && rnd(2)) {
			op->inj = INJ_POPULATE;
			op->inj_at = 1 + (long)rnd(3);
		} else {
			op->inj = INJ_ALLOC;
			op->inj_at = 1 + (long)rnd(4);
		}
	}
}

/* Does a remove of [start, start + nr) that would succeed touch boot units? */
static int touches_boot(const struct hp_run *r, unsigned long start, unsigned long nr)
{
	unsigned long u;

	for (u = start / r->unit; u < (start + nr) / r->unit; u++)
		if (r->m.boot[u])
			return 1;
	return 0;
}

static void check_window(struct hp_run *r, unsigned long lo, unsigned long hi,
			 unsigned long salt)
{
	unsigned long pfn;

	if (lo >= r->max)
		return;
	if (hi > r->max)
		hi = r->max;
	for (pfn = lo; pfn < hi; pfn++) {
		unsigned long off = pfn % r->unit;

		check_pfn(r->o, &r->m, pfn,
			  off == 0 || off == r->unit - 1 || off == salt % r->unit);
	}
}

static void check_step(struct hp_run *r, const struct hp_op *op, unsigned long step)
{
	unsigned long pps = r->pps, lo, hi, end, s, i;
	struct pmm_stats st;

	/* around the start, and around the end when that is far */
	end = op->start + op->nr < op->start ? ~0UL : op->start + op->nr;
	lo = op->start / pps * pps;
	lo = lo >= pps ? lo - pps : 0;
	hi = end - lo > 5 * pps ? lo + 4 * pps : end + pps;
	if (hi < lo)
		hi = ~0UL;
	check_window(r, lo, hi, step);
	if (end - lo > 5 * pps && end < r->max) {
		lo = end / pps * pps;
		lo = lo >= 2 * pps ? lo - 2 * pps : 0;
		check_window(r, lo, end + pps, step);
	}
	for (s = op->start / pps; s <= (end - 1) / pps && s < r->nsec &&
	     s < op->start / pps + 8; s++) {
		ASSERT_MSG(r->o->present_section_nr(s) == !!r->m.count[s],
			   "%s: present_section_nr(%#lx) = %d, expected %d", r->o->name, s,
			   r->o->present_section_nr(s), !!r->m.count[s]);
		ASSERT_MSG(r->o->early_section_nr(s) == r->m.early[s],
			   "%s: early_section_nr(%#lx) = %d, expected %d", r->o->name, s,
			   r->o->early_section_nr(s), r->m.early[s]);
	}
	for (i = 0; i < 4; i++)
		check_pfn(r->o, &r->m, rnd(r->max), 1);
	check_pfn(r->o, &r->m, r->max + rnd(r->max), 1);
	check_pfn(r->o, &r->m, ~0UL - rnd(1UL << 20), 1);
	r->o->stats(&st);
	ASSERT_MSG(st.ram_pages == r->m.ram, "%s: ram_pages %lu, expected %lu", r->o->name,
		   st.ram_pages, r->m.ram);
	ASSERT_MSG(st.nr_present_sections == r->m.present,
		   "%s: nr_present_sections %lu, expected %lu", r->o->name,
		   st.nr_present_sections, r->m.present);
	if (r->o->vm) {
		hp_vmemmap_rules_kept(r->o);
		ASSERT_MSG((long long)st.memmap_bytes == r->o->vm->populated,
			   "%s: memmap_bytes %llu, but %lld bytes of vmemmap are backed",
			   r->o->name, st.memmap_bytes, r->o->vm->populated);
	}
}

/* Run one request against the instance and the model, and check it. */
static void do_op(struct hp_run *r, const struct hp_op *op, unsigned long step)
{
	const struct hp_ops *o = r->o;
	unsigned int want, got;
	struct hp_snap before;
	char buf[128], e1[64];
	int rc, failed;

	op_str(op, buf, sizeof(buf));
	snprintf(hist[hist_n++ % HIST], sizeof(hist[0]), "#%lu %s", step, buf);
	test_context = hist[(hist_n - 1) % HIST];

	want = model_expect(&r->m, op->kind == OP_ADD, op->nid, hp_max_nodes(o),
			    op->start, op->nr);
	if (op->inj && !model_static_errors(&r->m, op->kind == OP_ADD, op->nid,
					    hp_max_nodes(o), op->start, op->nr))
		want |= HP_ENOMEM;
	snap_take(o, &before);
	if (op->inj == INJ_ALLOC)
		test_alloc_fail_at = op->inj_at;
	else if (op->inj == INJ_POPULATE)
		o->vm->populate_fail_at = op->inj_at;
	if (op->kind == OP_ADD)
		rc = o->hot->add_pages(op->nid, op->start, op->nr);
	else
		rc = o->hot->remove_pages(op->start, op->nr);
	/* the armed failure happened: the count ran down to 0 */
	failed = (op->inj == INJ_ALLOC && !test_alloc_fail_at) ||
		 (op->inj == INJ_POPULATE && !o->vm->populate_fail_at);
	test_alloc_fail_at = 0;
	if (o->vm)
		o->vm->populate_fail_at = 0;
	got = hp_err_bit(rc);
	r->ops++;
	ASSERT_MSG(want & got, "returned %d, expected %s", rc,
		   hp_err_set(want, e1, sizeof(e1)));
	ASSERT_MSG(!failed || rc == -ENOMEM, "an allocation failed, yet it returned %d", rc);
	if (rc == 0) {
		r->ok++;
		if (want & HP_OK) {
			count_events(r, op);
			if (op->kind == OP_ADD)
				model_add(&r->m, op->nid, op->start, op->nr);
			else
				model_remove(&r->m, op->start, op->nr);
		}
	} else {
		if (rc == -ENOMEM)
			r->enomem++;
		else
			r->refused++;
		snap_expect_same(o, &before, buf);
	}
	check_step(r, op, step);
	test_context = NULL;
}

static void dump_history(void)
{
	unsigned long i, from = hist_n > HIST ? hist_n - HIST : 0;

	fprintf(stderr, "last requests:\n");
	for (i = from; i < hist_n; i++)
		fprintf(stderr, "  %s\n", hist[i % HIST]);
}

/* A boot map of 1 to 3 ranges inside the region, unaligned ends. */
static unsigned int gen_boot_map(struct hp_run *r, struct pmm_range *map)
{
	unsigned long lo = r->rlo * r->pps, hi = r->rhi * r->pps, pts[6], t;
	unsigned int n = 1 + (unsigned int)rnd(3), i, j;
	int aligned = !rnd(3);

again:
	for (i = 0; i < 2 * n; i++) {
		pts[i] = lo + rnd(hi - lo);
		if (aligned)
			pts[i] = pts[i] / r->unit * r->unit;
	}
	for (i = 1; i < 2 * n; i++)
		for (j = i; j > 0 && pts[j - 1] > pts[j]; j--) {
			t = pts[j];
			pts[j] = pts[j - 1];
			pts[j - 1] = t;
		}
	for (i = 1; i < 2 * n; i++)
		if (pts[i] == pts[i - 1])
			goto again;
	for (i = 0; i < n; i++) {
		map[i].start_pfn = pts[2 * i];
		map[i].end_pfn = pts[2 * i + 1];
		map[i].nid = good_nid(r->o);
	}
	return n;
}

/* Section where something changes: a new vmemmap page or EXTREME root. */
static unsigned long boundary_section(const struct hp_ops *o, unsigned long nsec)
{
	unsigned long page = 1UL << o->params->page_shift, b;

	if (o->vmemmap)
		b = page / (hp_pps(o) * hp_desc(o));
	else
		b = o->params->extreme ? page / (2 * sizeof(long)) : 0;
	if (b < 8 || b + 6 > nsec)
		b = nsec / 2;
	return b;
}

/*
 * End of a preserve-boot epoch: remove whatever was hot-added, in
 * random-sized pieces, then the stats must equal boot's.
 */
static void remove_hot_added(struct hp_run *r, unsigned long *step)
{
	unsigned long u = 0, len;
	struct pmm_stats st;
	struct hp_op op;

	while (u < r->m.nr_units && !test_case_failed) {
		if (!r->m.valid[u] || r->m.boot[u]) {
			u++;
			continue;
		}
		for (len = 0; u + len < r->m.nr_units && r->m.valid[u + len] &&
		     !r->m.boot[u + len]; len++)
			;
		len = 1 + rnd(len);
		memset(&op, 0, sizeof(op));
		op.kind = OP_REMOVE;
		op.start = u * r->unit;
		op.nr = len * r->unit;
		do_op(r, &op, (*step)++);
		u += len;
	}
	if (test_case_failed)
		return;
	test_context = "removing everything hot-added";
	r->o->stats(&st);
	stats_expect_equal(&r->boot_stats, &st, "stats after removing all hot-added memory");
	test_context = NULL;
}

static struct test_args args = {
	.takes = "sni", .seed = 0x5eed2026, .n = 100000, .n_name = "OPS",
	.n_about = "requests per instance",
	.about = "hotplug cases, then random requests per instance against a model",
};

/* Part 2 on instances[@index]: args.n requests, hp_rand started for it. */
static void run_instance(unsigned int index)
{
	const struct hp_ops *o = instances[index];
	unsigned long nr_ops = args.n;
	struct hp_run r;
	struct pmm_range map[HP_MAX_BOOT];
	unsigned long step = 0, epoch = 0, b;
	unsigned long long hosted = pmm_hosted_live;
	unsigned long regions[3];

	memset(&r, 0, sizeof(r));
	r.o = o;
	r.pps = hp_pps(o);
	r.unit = hp_unit(o);
	r.max = hp_max_pfn(o);
	r.nsec = r.max / r.pps;
	model_setup(&r.m, o);
	b = boundary_section(o, r.nsec);
	regions[0] = 0;
	regions[1] = b - 6;
	regions[2] = r.nsec - 12;
	hist_n = 0;

	while (r.ops < nr_ops && !test_case_failed) {
		unsigned long len = 300 + rnd(900), i, full_every = 500;
		unsigned int n;
		struct hp_op op;
		int err;

		r.rlo = regions[rnd(3)];
		r.rhi = r.rlo + 12;
		r.preserve_boot = (int)(epoch++ & 1);
		n = gen_boot_map(&r, map);
		model_clear(&r.m);
		/* not initialised: everything is -EINVAL */
		for (i = 0; i < 2; i++) {
			gen_op(&r, &op);
			op.inj = INJ_NONE;
			ASSERT_MSG((op.kind == OP_ADD ? o->hot->add_pages(op.nid, op.start, op.nr) :
				  o->hot->remove_pages(op.start, op.nr)) == -EINVAL,
				   "%s: request before init not -EINVAL", o->name);
		}
		err = o->init(map, n);
		ASSERT_MSG(err == 0, "%s: init of a %u-range map failed: %d", o->name, n, err);
		if (err)
			break;
		model_boot(&r.m, map, n);
		o->stats(&r.boot_stats);
		snprintf(hist[hist_n++ % HIST], sizeof(hist[0]),
			 "#%lu init: %u ranges, first [%#lx, %#lx) nid %d%s", step, n,
			 map[0].start_pfn, map[0].end_pfn, map[0].nid,
			 r.preserve_boot ? ", boot kept" : "");
		check_all(o, &r.m);
		for (i = 0; i < len && r.ops < nr_ops && !test_case_failed; i++) {
			int tries;

			for (tries = 0; tries < 8; tries++) {
				gen_op(&r, &op);
				if (!r.preserve_boot || op.kind != OP_REMOVE ||
				    !(model_expect(&r.m, 0, 0, 1, op.start, op.nr) & HP_OK) ||
				    !touches_boot(&r, op.start, op.nr))
					break;
			}
			if (tries == 8)
				continue;
			do_op(&r, &op, step++);
			if (step % full_every == 0 && !test_case_failed)
				check_all(o, &r.m);
		}
		if (!test_case_failed && r.preserve_boot)
			remove_hot_added(&r, &step);
		if (!test_case_failed)
			check_all(o, &r.m);
		o->exit();
		snprintf(hist[hist_n++ % HIST], sizeof(hist[0]), "#%lu exit", step);
		if (!test_case_failed)
			check_exited(o, hosted);
	}
	if (test_case_failed) {
		o->exit();
		dump_history();
		fprintf(stderr, "rerun: test_hotplug -s %#llx -n %lu -i %s\n", args.seed,
			nr_ops, o->name);
	}
	if (test_verbose)
		printf("%s: %lu requests: %lu done, %lu refused, %lu -ENOMEM; %lu across "
		       "sections, %lu into early sections, %lu sections emptied (%lu early)\n",
		       o->name, r.ops, r.ok, r.refused, r.enomem, r.multi_section,
		       r.early_extended, r.emptied, r.early_emptied);
	model_free(&r.m);
}

static const char *instance_name(unsigned int index)
{
	return instances[index]->name;
}

int main(int argc, char **argv)
{
	test_parse_args(&args, argc, argv);
	if (!args.instance) {
		RUN(hp_requires_init);
		RUN(hp_bad_requests);
		RUN(hp_add_absent_section);
		RUN(hp_added_section_valid_per_subsection);
		RUN(hp_extend_early_section);
		RUN(hp_failed_add_changes_nothing);
		RUN(hp_remove_rules);
		RUN(hp_early_section_lifecycle);
		RUN(hp_add_outside_boot_span);
		RUN(hp_shared_vmemmap_page);
		RUN(hp_enomem_unwinds);
		RUN(hp_extreme_new_root);
		RUN(hp_node_outside_page_flags);
		RUN(hp_exit_frees_everything);
		RUN(hp_altmap_host_hooks);
	}
	if (hp_run_random(&args, HP_ARRAY_SIZE(instances), instance_name, run_instance))
		return 2;
	return test_summary("test_hotplug");
}
