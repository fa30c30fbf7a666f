// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_vmemmap.c - unit tests of SPARSEMEM_VMEMMAP (pmm_sparse.h), with a
 * run-time vmemmap base and with a compile-time PMM_VMEMMAP_BASE
 *
 * Linux 6.1 rules checked (include/asm-generic/memory_model.h's VMEMMAP
 * __pfn_to_page() and __page_to_pfn(), mm/sparse-vmemmap.c
 * __populate_section_memmap(), mm/sparse.c sparse_init_nid() and
 * subsection_map_init()): pfn_to_page = vmemmap + pfn, page_to_pfn =
 * page - vmemmap; the virtual memmap is backed only for present sections
 * (vmemmap_populate); section_mem_map's coded address is vmemmap for
 * every section; boot sections are valid whole, while
 * subsection_map_init marks only the sub-sections that hold RAM.
 *
 * The compile-time bases lie at 0x300000000000 and up: ASan's allocator
 * owns 0x600000000000, and x86_64's shadow ends below 0x100080000000.
 * With a 32-bit long (no ASan there) they lie at 2 and 3 GiB.
 */
#include "unit.h"
#include "test_args.h"
#include "sparse_want.h"

/*
 * Instances.  Each sets every parameter the checks depend on, the group's
 * below (TI_*) or its own, and states what it set in a struct
 * sparse_want (sparse_want.h) made from those same macros; vdef alone
 * takes pmm.h's defaults, written out by hand.  All go through unit.h's
 * vmemmap tracker, vm.
 *
 * 32-page sections (the smallest VMEMMAP allows: SECTION_MAP_LAST_BIT 5
 * <= PFN_SECTION_SHIFT) of 4 sub-sections; pageblock_order min(9, 3) = 3
 */
#define VT_SECTION_BITS		17
#define VT_SUBSECTION_SHIFT	15
#define VT_MAX_ORDER		3
#define VT_PAGEBLOCK_ORDER	3
#define VT_PHYSMEM_BITS		32

/*
 * EXTREME as each word size has it by default (a static table with a
 * 32-bit long), 64-byte descriptors unless an instance sets another size.
 */
#if PMM_BITS_PER_LONG == 64
#define VT_EXTREME		1
#else
#define VT_EXTREME		0
#endif

/*
 * The group: what every instance but vdef is built with unless it says
 * otherwise, and its struct model_ops.
 */
#define TI_MODEL		PMM_MODEL_SPARSEMEM_VMEMMAP
#define TI_PAGE_SHIFT		12
#define TI_SECTION_SIZE_BITS	VT_SECTION_BITS
#define TI_SUBSECTION_SHIFT	VT_SUBSECTION_SHIFT
#define TI_MAX_PHYSMEM_BITS	VT_PHYSMEM_BITS
#define TI_SPARSEMEM_EXTREME	VT_EXTREME
#define TI_PAGE_EXTENSION	0
#define TI_STRUCT_PAGE_SIZE	64
#define TI_NODES_SHIFT		6
#define TI_MAX_PAGE_ORDER	VT_MAX_ORDER
#define TI_PAGEBLOCK_ORDER	VT_PAGEBLOCK_ORDER
#define TI_NR_PAGEFLAGS		SW_X86_NR_PAGEFLAGS
#define TI_ZONES_SHIFT		SW_X86_ZONES_SHIFT
#define TI_RESERVED_FLAGS_BITS	0
#define TI_OPS

#define TI_NAME vr
#define TI_VMEMMAP vm
#define TI_WANT VMEMMAP_WANT(vr, 1)
#include "test_instance.h"

#define TI_NAME vr32
#define PMM_STRUCT_PAGE_SIZE 32
#define TI_VMEMMAP vm
#define TI_WANT VMEMMAP_WANT(vr32, 1)
#include "test_instance.h"

#define TI_NAME vr16
#define PMM_STRUCT_PAGE_SIZE 16
#define TI_VMEMMAP vm
#define TI_WANT VMEMMAP_WANT(vr16, 1)
#include "test_instance.h"

#define TI_NAME vr8
#define PMM_STRUCT_PAGE_SIZE 8
#define TI_VMEMMAP vm
#define TI_WANT VMEMMAP_WANT(vr8, 1)
#include "test_instance.h"

/*
 * x86_64 (4-level) with a fixed vmemmap: 1 TiB of address space.  With a
 * 32-bit long, x86_32 PAE's values (36 bits, no EXTREME) with 64-byte
 * descriptors: 1 GiB of it.
 */
#if PMM_BITS_PER_LONG == 64
#define VC_BASE			0x300000000000UL
#define VC_PHYSMEM_BITS		46
#else
#define VC_BASE			0x80000000UL
#define VC_PHYSMEM_BITS		36
#endif
#define VC_SECTION_BITS		27
#define VC_MAX_ORDER		10
#define VC_PAGEBLOCK_ORDER	9
#define VC_SUBSECTION_SHIFT	21	/* the documented default */
#define TI_NAME vc
#define PMM_VMEMMAP_BASE VC_BASE
#define PMM_SECTION_SIZE_BITS VC_SECTION_BITS
#define PMM_SUBSECTION_SHIFT VC_SUBSECTION_SHIFT
#define PMM_MAX_PHYSMEM_BITS VC_PHYSMEM_BITS
#define PMM_MAX_PAGE_ORDER VC_MAX_ORDER
#define PMM_PAGEBLOCK_ORDER VC_PAGEBLOCK_ORDER
#define TI_VMEMMAP vm
#define TI_WANT VMEMMAP_WANT(vc, 1)
#include "test_instance.h"

/* small sections with a fixed vmemmap: 2^20 x 64 bytes = 64 MiB of it */
#if PMM_BITS_PER_LONG == 64
#define VCT_BASE		0x320000000000UL
#else
#define VCT_BASE		0xc0000000UL
#endif
#define TI_NAME vct
#define PMM_VMEMMAP_BASE VCT_BASE
#define TI_VMEMMAP vm
#define TI_WANT VMEMMAP_WANT(vct, 1)
#include "test_instance.h"

/*
 * arm64 with 64 KiB pages, run-time base; 48 bits make 32-bit PFNs,
 * which a 32-bit long cannot hold: 40 bits there (arm's LPAE), with a
 * 32-bit long's static table and 8-long (32-byte) descriptors
 */
#define V64K_PAGE_SHIFT		16
#define V64K_SECTION_BITS	29
#define V64K_MAX_ORDER		10
#define V64K_PAGEBLOCK_ORDER	10	/* min(16 - 3, MAX_PAGE_ORDER 10) */
#define TI_NAME v64k
#define PMM_PAGE_SHIFT V64K_PAGE_SHIFT
#define PMM_SECTION_SIZE_BITS V64K_SECTION_BITS
#define PMM_SUBSECTION_SHIFT VC_SUBSECTION_SHIFT
#if PMM_BITS_PER_LONG == 64
#define PMM_MAX_PHYSMEM_BITS 48
#define PMM_STRUCT_PAGE_SIZE 64
#else
#define PMM_MAX_PHYSMEM_BITS 40
#define PMM_STRUCT_PAGE_SIZE 32
#endif
#define PMM_MAX_PAGE_ORDER V64K_MAX_ORDER
#define PMM_PAGEBLOCK_ORDER V64K_PAGEBLOCK_ORDER
#define TI_VMEMMAP vm
#define TI_WANT VMEMMAP_WANT(v64k, 1)
#include "test_instance.h"

/*
 * pmm.h's defaults, nothing set but the run-time base's hooks (and not
 * even the model: SPARSEMEM_VMEMMAP is the default): x86_64's values
 * (x86_32 PAE's with a 32-bit long), as pmm.h's manual lists them, and
 * vdef_want says so by hand (sparse_want.h's SW_PMM_DEFAULTS), so that
 * a default that drifts fails every check below.
 */
#define TI_NAME vdef
#define TI_PMM_DEFAULTS
#define TI_VMEMMAP vm
#include "test_instance.h"
static const struct sparse_want vdef_want = {
	.model = PMM_MODEL_SPARSEMEM_VMEMMAP,
	SW_PMM_DEFAULTS,
	.subsection_shift = 21,
	.node_in_page_flags = 1,	/* no section number in page->flags */
};

#include "sparse_checks.h"

VMEMMAP_OPS(vr);
VMEMMAP_OPS(vr32);
VMEMMAP_OPS(vr16);
VMEMMAP_OPS(vr8);
VMEMMAP_OPS(vc);
VMEMMAP_OPS(vct);
VMEMMAP_OPS(v64k);
VMEMMAP_OPS(vdef);

static const struct sparse_case cases[] = {
	{ &vr_ops, &vr_sops, &vr_want },
	{ &vr32_ops, &vr32_sops, &vr32_want },
	{ &vr16_ops, &vr16_sops, &vr16_want },
	{ &vr8_ops, &vr8_sops, &vr8_want },
	{ &vc_ops, &vc_sops, &vc_want },
	{ &vct_ops, &vct_sops, &vct_want },
	{ &v64k_ops, &v64k_sops, &v64k_want },
	{ &vdef_ops, &vdef_sops, &vdef_want },
};

static const struct sparse_case *const case_vr = &cases[0];
static const struct sparse_case *const case_vc = &cases[4];
static const struct sparse_case *const case_vct = &cases[5];

/* Is [addr, addr + 4096) free address space?  Probe with a fixed map. */
static int address_free(unsigned long addr)
{
	void *m = mmap((void *)addr, 4096, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE,
		       -1, 0);

	if (m == MAP_FAILED)
		return 0;
	munmap(m, 4096);
	return m == (void *)addr;
}

/*
 * Every byte of every descriptor of the present sections is backed:
 * read and write back its last byte (an unbacked one faults).
 */
static void touch_present_descriptors(const struct sparse_case *c,
				      const struct pmm_range *r, unsigned int nr)
{
	unsigned long pps = sc_pps(c), size = sc_desc_size(c), s, pfn;
	unsigned long top = sc_map_top_section(c, r, nr);

	for (s = 0; s <= top; s++) {
		if (!sc_map_present(c, r, nr, s))
			continue;
		for (pfn = s * pps; pfn < (s + 1) * pps; pfn++) {
			volatile unsigned char *last =
				(unsigned char *)c->ops->pfn_to_page(pfn) + size - 1;

			*last = *last;
		}
	}
}

/*
 * After an init that failed (@err), or one to take down (@err 0): no
 * backing, reservation or allocation left, and empty stats.
 */
static void check_init_undone(const struct sparse_case *c, int err)
{
	if (!err)
		c->ops->exit();
	vm_check_nothing_held();
	check_nothing_allocated();
	check_stats_empty(c->ops, sc_static_bytes(c));
}

/*
 * The parameters each instance reports (pmm_params) against those the
 * test set (its sparse_want), and vdef's against the defaults pmm.h
 * documents: 4 KiB pages, 128 MiB sections, 2 MiB sub-sections, 46 bits,
 * EXTREME, 64-byte descriptors (x86_32 PAE's with a 32-bit long: 36 bits,
 * a static table, 32 bytes); then whether the base is a constant.
 *
 * Expect every parameter reported to be the one the test wrote down, and
 * a compile-time base for vc and vct alone.
 */
static int vmemmap_params(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		prefix_push(cases[i].ops->name);
		sc_check_params(&cases[i]);
		ASSERT_EQ(cases[i].ops == &vc_ops || cases[i].ops == &vct_ops,
			  cases[i].ops->params->vmemmap_base_const);
		prefix_pop();
	}
	return 0;
}

/*
 * The standard sparse map (sparse_checks.h) on every instance:
 *
 *	section  0          1          2          3        4          0x130
 *	         |.[ n0 ]...|[ n0      |   ]......| absent |[ n1 ]....|[ n2 ]
 *	vmemmap  [backed    backed     backed]   (maybe)   [backed]   [backed]
 *
 * Expect present sections valid whole with every descriptor backed and
 * writable, absent ones invalid, nothing beyond MAX_PHYSMEM_BITS, and
 * the hooks never asked to back a page twice.
 */
static void check_layout_backed(const struct sparse_case *c,
				const struct pmm_range *r, unsigned int nr)
{
	sc_check_layout(c, r, nr);
	sc_check_beyond(c);
	touch_present_descriptors(c, r, nr);
	ASSERT_EQ(0, vm.bad.count);
}

static int vmemmap_present_sections_valid_whole(void)
{
	sc_on_standard_map(cases, ARRAY_SIZE(cases), check_layout_backed,
			   vm_check_nothing_held);
	return 0;
}

/*
 * Section numbers and section_mem_map on the standard map.
 *
 *	section_mem_map = (vmemmap + section_nr_to_pfn(s) - section_nr_to_pfn(s))
 *			  | EARLY | ONLINE | HAS_MEM_MAP | PRESENT
 *
 * Expect the section number API as for classic sparse, and the coded
 * address equal to vmemmap (pfn_to_page(pfn) - pfn) for every section.
 */
static void check_numbers_and_encoding(const struct sparse_case *c,
				       const struct pmm_range *r, unsigned int nr)
{
	sc_check_section_numbers(c, r, nr);
	sc_check_encoding(c, r, nr);
}

static int vmemmap_sections_and_encoding(void)
{
	sc_on_standard_map(cases, ARRAY_SIZE(cases), check_numbers_and_encoding,
			   vm_check_nothing_held);
	return 0;
}

/*
 * One virtually contiguous array across sections and holes.
 *
 *	PFN  a (section 0)  ....  absent sections  ....  b (section 0x130)
 *	vmemmap + a                                       vmemmap + b
 *
 * Expect pfn_to_page(b) - pfn_to_page(a) = (b - a) descriptors for valid
 * PFNs in different sections, and page_to_pfn to give b back from
 * pfn_to_page(a) + (b - a).
 */
static void check_contiguous(const struct sparse_case *c, const struct pmm_range *r,
			     unsigned int nr)
{
	unsigned long size = sc_desc_size(c), pps = sc_pps(c);
	unsigned long a = 3, b = SC_FAR_SECTION * pps + pps - 1, m = 4 * pps;

	(void)r;
	(void)nr;
	ASSERT_EQ((b - a) * size, (unsigned long)c->ops->pfn_to_page(b) -
				  (unsigned long)c->ops->pfn_to_page(a));
	ASSERT_EQ((m - a) * size, (unsigned long)c->ops->pfn_to_page(m) -
				  (unsigned long)c->ops->pfn_to_page(a));
	ASSERT_EQ(b, c->ops->page_to_pfn((const char *)c->ops->pfn_to_page(a) +
					 (b - a) * size));
}

static int vmemmap_virtually_contiguous(void)
{
	sc_on_standard_map(cases, ARRAY_SIZE(cases), check_contiguous, vm_check_nothing_held);
	return 0;
}

/*
 * A compile-time base makes the conversions plain arithmetic:
 *
 *	pfn_to_page(pfn) = (struct page *)(PMM_VMEMMAP_BASE + pfn * 64)
 *
 * Expect exactly that address for valid PFNs of vc and vct, page_to_pfn
 * to invert it, the reservation to cover the base while initialised and
 * to be gone after exit.
 */
static int vmemmap_compile_time_base(void)
{
	const struct sparse_case *both[] = { case_vc, case_vct };
	const unsigned long bases[] = { VC_BASE, VCT_BASE };
	struct pmm_range map[SC_MAP_NR];
	unsigned int i, k;

	for (i = 0; i < ARRAY_SIZE(both); i++) {
		const struct sparse_case *c = both[i];
		unsigned long pps = sc_pps(c);
		unsigned long pfns[] = { 2, pps - 3, pps, 4 * pps + 1,
					 SC_FAR_SECTION * pps + pps - 1 };
		unsigned long vmemmap_bytes = sc_max_pfn(c) * 64;

		prefix_push(c->ops->name);
		ASSERT_TRUE(address_free(bases[i]));
		sc_build_map(c, map);
		ASSERT_EQ(0, c->ops->init(map, SC_MAP_NR));
		for (k = 0; k < ARRAY_SIZE(pfns); k++) {
			ASSERT_EQ(bases[i] + pfns[k] * 64,
				  (unsigned long)c->ops->pfn_to_page(pfns[k]));
			ASSERT_EQ(pfns[k], c->ops->page_to_pfn((const void *)(bases[i] +
									  pfns[k] * 64)));
		}
		ASSERT_EQ(bases[i], c->sops->section_mem_map(0) & section_map_mask(1));
		ASSERT_FALSE(address_free(bases[i]));
		ASSERT_FALSE(address_free(bases[i] + vmemmap_bytes - 4096));
		c->ops->exit();
		ASSERT_TRUE(address_free(bases[i]));
		ASSERT_TRUE(address_free(bases[i] + vmemmap_bytes - 4096));
		vm_check_nothing_held();
		check_nothing_allocated();
		prefix_pop();
	}
	return 0;
}

/*
 * pmm_stats on the standard map: memmap_bytes is the backed part of the
 * vmemmap, each present section's memmap widened to whole pages, pages
 * shared by neighbouring sections counted once (32-page sections have a
 * memmap of 2 KiB or less, so sections 0 and 1 share one page, and with
 * 64-byte descriptors four pages back the whole map).
 *
 * Expect the figures of sc_check_stats(), the populate hook to hold
 * exactly memmap_bytes, and everything back to zero after exit.
 */
static void check_vmemmap_stats(const struct sparse_case *c, const struct pmm_range *r,
				unsigned int nr)
{
	struct pmm_stats st;

	sc_check_stats(c, r, nr);
	c->ops->stats(&st);
	ASSERT_EQ(vm.populated, st.memmap_bytes);
	/* 2 KiB memmaps: pages for sections 0-1, 2, 4 and 0x130 */
	if (sc_pps(c) == 32 && sc_desc_size(c) == 64)
		ASSERT_EQ(4 * 4096, st.memmap_bytes);
}

static int vmemmap_stats(void)
{
	sc_on_standard_map(cases, ARRAY_SIZE(cases), check_vmemmap_stats, vm_check_nothing_held);
	return 0;
}

/*
 * subsection_map_init (Linux 6.1) marks the sub-sections (8 pages here) that
 * hold boot RAM; pfn_valid still answers for the whole early section.
 *
 *	section 0:  sub 0 [00..07] sub 1 [08..0f] sub 2 [10..17] sub 3 [18..1f]
 *	RAM:           [02          0a)
 *	section 1:  sub 0 [20..27] sub 1 [28..2f] sub 2 [30..37] sub 3 [38..3f]
 *	RAM:                                                     [38      40)
 *
 * Expect subsection_map 0b0011 for section 0 and 0b1000 for section 1,
 * and every PFN of both sections valid.
 */
static int vmemmap_subsection_map(void)
{
	static const struct pmm_range map[] = {
		{ 0x02, 0x0a, 0 },
		{ 0x38, 0x40, 0 },
	};
	const struct sparse_case *c = case_vr;
	unsigned long pfn;

	ASSERT_EQ(0, c->ops->init(map, ARRAY_SIZE(map)));
	ASSERT_EQ(0x3, pmm_vr_nr_to_section(0)->usage->subsection_map[0]);
	ASSERT_EQ(0x8, pmm_vr_nr_to_section(1)->usage->subsection_map[0]);
	for (pfn = 0; pfn < 0x40; pfn++)
		if (!c->ops->pfn_valid(pfn))
			break;
	ASSERT_EQ(0x40, pfn);
	ASSERT_FALSE(c->ops->pfn_valid(0x40));
	c->ops->exit();
	vm_check_nothing_held();
	check_nothing_allocated();
	return 0;
}

/*
 * A run-time base reserves address space from PFN 0, so that memory can
 * be added below the boot RAM, and settles for less than the whole
 * physical range when the host refuses a large reservation; without room
 * even for [0, last present section] it starts at the first present
 * section instead, as arm64 biases its vmemmap by the start of RAM.
 *
 *	reservation:  [0 ................................ MAX_PFN)  refused
 *	              [0 ........................ last present]       enough
 *	              [first present ... last present]                fallback
 *
 * Expect, with reservations above 1 MiB refused, init to succeed with a
 * reservation of at most 1 MiB and the standard map fully usable; with
 * RAM only in section 0x130 and no limit, the whole range from PFN 0;
 * with room for two sections only, a window from section 0x130's
 * neighbourhood; with every reservation refused, -ENOMEM and nothing held.
 */
static int vmemmap_runtime_reservation(void)
{
	const struct sparse_case *c = case_vr;
	unsigned long pps = sc_pps(c);
	struct pmm_range map[SC_MAP_NR], high[1];
	int err;

	sc_build_map(c, map);
	vm.reserve_limit = 1UL << 20;
	vm.reserve_calls = 0;
	ASSERT_EQ(0, c->ops->init(map, SC_MAP_NR));
	ASSERT_TRUE(vm.reserve_calls >= 2);
	ASSERT_TRUE(vm.last_reserve_bytes <= vm.reserve_limit);
	ASSERT_EQ(1, vm.live_reservations);
	sc_check_layout(c, map, SC_MAP_NR);
	touch_present_descriptors(c, map, SC_MAP_NR);
	c->ops->exit();
	vm_check_nothing_held();

	vm.reserve_limit = 0;
	high[0].start_pfn = SC_FAR_SECTION * pps;
	high[0].end_pfn = (SC_FAR_SECTION + 1) * pps;
	high[0].nid = 0;
	ASSERT_EQ(0, c->ops->init(high, 1));
	ASSERT_EQ(sc_max_pfn(c) * sc_desc_size(c) + sc_page_size(c),
		  vm.last_reserve_bytes);
	sc_check_layout(c, high, 1);
	c->ops->exit();
	vm_check_nothing_held();

	/* 64 PFNs (a page of descriptors, two sections) and the alignment page */
	vm.reserve_limit = 2 * pps * sc_desc_size(c) + sc_page_size(c);
	ASSERT_EQ(0, c->ops->init(high, 1));
	ASSERT_TRUE(vm.last_reserve_bytes <= vm.reserve_limit);
	sc_check_layout(c, high, 1);
	touch_present_descriptors(c, high, 1);
	c->ops->exit();
	vm_check_nothing_held();
	vm.reserve_limit = 0;

	vm.reserve_limit = 1;
	err = c->ops->init(map, SC_MAP_NR);
	vm.reserve_limit = 0;
	ASSERT_EQ(-ENOMEM, err);
	check_init_undone(c, err);
	return 0;
}

/*
 * A populate failure part-way through unwinds what was populated: make
 * the 1st, 2nd, ... Pth populate of the standard map fail, P being the
 * populates a good init makes (one per piece of vmemmap, so 5 for vc's
 * 2 MiB section memmaps, fewer where small sections share pages).
 *
 *	sections   0      1      2      4      0x130
 *	populate   ok     ok     fails  -      -
 *	undo       both, and the reservation
 *
 * Expect -ENOMEM each time, no backing, reservation or allocation left,
 * empty stats, nothing valid, and the next init to succeed.
 */
static int vmemmap_populate_failure_unwinds(void)
{
	struct pmm_range map[SC_MAP_NR];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct sparse_case *c = &cases[i];
		long calls, nr_populates, k;
		int err = 0;

		prefix_push(c->ops->name);
		sc_build_map(c, map);
		calls = vm.populate_calls;
		ASSERT_EQ(0, c->ops->init(map, SC_MAP_NR));
		nr_populates = vm.populate_calls - calls;
		c->ops->exit();
		ASSERT_EQ(sc_vmemmap_pieces(c, map, SC_MAP_NR), nr_populates);
		for (k = 1; k <= nr_populates; k++) {
			vm.populate_fail_at = k;
			err = c->ops->init(map, SC_MAP_NR);
			vm.populate_fail_at = 0;
			if (err != -ENOMEM)
				break;
			if (vm.populated || vm.nr_pieces || vm.live_reservations ||
			    vm.bad.count || test_alloc_live_blocks || c->ops->pfn_valid(2))
				break;
		}
		ASSERT_EQ(nr_populates + 1, k);	/* the populate whose failure went wrong */
		if (k <= nr_populates)
			ASSERT_EQ(-ENOMEM, err);
		check_init_undone(c, err);
		ASSERT_EQ(0, c->ops->init(map, SC_MAP_NR));
		sc_check_layout(c, map, SC_MAP_NR);
		c->ops->exit();
		vm_check_nothing_held();
		check_nothing_allocated();
		prefix_pop();
	}
	return 0;
}

/*
 * init, exit, init again (sc_check_reinit), run-time and compile-time base:
 * every present descriptor of the one-section map must be backed, and no
 * reservation may be left after any exit.
 */
static int vmemmap_reinit(void)
{
	const struct sparse_case *two[] = { case_vr, case_vct };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(two); i++) {
		prefix_push(two[i]->ops->name);
		sc_check_reinit(two[i], 7, vm_check_nothing_held,
				touch_present_descriptors);
		prefix_pop();
	}
	return 0;
}

static struct test_args args = {
	.about = "SPARSEMEM_VMEMMAP: sections, sub-sections, the vmemmap hooks",
};

int main(int argc, char **argv)
{
	test_parse_args(&args, argc, argv);
	RUN(vmemmap_params);
	RUN(vmemmap_present_sections_valid_whole);
	RUN(vmemmap_sections_and_encoding);
	RUN(vmemmap_virtually_contiguous);
	RUN(vmemmap_compile_time_base);
	RUN(vmemmap_stats);
	RUN(vmemmap_subsection_map);
	RUN(vmemmap_runtime_reservation);
	RUN(vmemmap_populate_failure_unwinds);
	RUN(vmemmap_reinit);
	return test_summary("test_vmemmap" UNIT_CC_SUFFIX);
}
