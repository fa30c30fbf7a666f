/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * sweep_unit.h - one configuration of the sweep, built and exported
 *
 * A translation unit that gen/generate.py writes defines pmm's
 * configuration (PMM_MODEL, PMM_PAGE_SHIFT, ...), the same values for the
 * Linux baseline (LINUX_PAGE_SHIFT, ...) and
 *
 *	SWEEP_UNIT		the instance name, a C identifier
 *	SWEEP_LABEL		its parameters as "key=value" words
 *	SWEEP_VARIANT		SWEEP_FLAT ... SWEEP_VMEMMAP_VAR (sweep.h)
 *	SWEEP_VARIANT_NAME	the baseline's variant: flat ... vmemmap_var
 *
 * and includes this header, which builds pmm_<unit>_* and the baseline
 * over the same data, gives every conversion of both an out-of-line
 * wrapper, sweep_<unit>_<side>_<op>, whose instructions bench/sweep_insns.py
 * counts, and the loops that time them, and exports sweep_unit_<unit>.
 * Compile at -O2 without sanitizers: this is what is measured.
 */
#ifndef SWEEP_UNIT
#error "sweep_unit.h: define SWEEP_UNIT, SWEEP_LABEL and SWEEP_VARIANT first (gen/templates/unit.c.j2)"
#endif

#include <errno.h>
#include <stddef.h>

#include "bench_compiler.h"
#include "sweep.h"

#define SWEEP__CAT3_(a, b, c)	a##b##c
#define SWEEP__CAT3(a, b, c)	SWEEP__CAT3_(a, b, c)
#define SWEEP__PMM(x)		SWEEP__CAT3(pmm_, SWEEP_UNIT, _##x)
#define SWEEP__PMMI(x)		SWEEP__CAT3(pmm__, SWEEP_UNIT, _##x)
#define SWEEP__LINUX(x)		SWEEP__CAT3(linux_, SWEEP_VARIANT_NAME, _##x)
#define SWEEP__OWN(x)		SWEEP__CAT3(sweep_, SWEEP_UNIT, _##x)
#define SWEEP__STR_(x)		#x
#define SWEEP__STR(x)		SWEEP__STR_(x)

#define SWEEP__SPARSE	(SWEEP_VARIANT >= SWEEP_SPARSE_STATIC)
#define SWEEP__CLASSIC	(SWEEP_VARIANT == SWEEP_SPARSE_STATIC || \
			 SWEEP_VARIANT == SWEEP_SPARSE_EXTREME)

/* pfn_valid under rcu_read_lock_sched(), as a kernel without preemption */
#if SWEEP__SPARSE
#include "kernel_rcu.h"
#endif
#define PMM_NAME SWEEP_UNIT
#include "pmm.h"

/* Linux's arrays at link-time addresses are pmm's (baseline_linux.h) */
#if SWEEP_VARIANT == SWEEP_DISCONTIG_TABLE
#define LINUX_DISCONTIG_TABLE_NODE_DATA		SWEEP__PMMI(node_data)
#define LINUX_DISCONTIG_TABLE_PHYSNODE_MAP	SWEEP__PMMI(physnode_map)
#elif SWEEP_VARIANT == SWEEP_DISCONTIG_SEARCH
#define LINUX_DISCONTIG_SEARCH_NODE_DATA	SWEEP__PMMI(node_data)
#elif SWEEP_VARIANT == SWEEP_SPARSE_STATIC
#define LINUX_SPARSE_STATIC_MEM_SECTION		SWEEP__PMMI(mem_section)
#endif
#include "baseline_linux.h"

typedef SWEEP__CAT3(struct pmm_, SWEEP_UNIT, _page) sweep__page;

/* The baseline reads pmm's structures through Linux's types. */
_Static_assert(sizeof(struct linux_page) == sizeof(sweep__page),
	       "sweep: struct page sizes differ");
_Static_assert(offsetof(struct linux_page, flags) == offsetof(sweep__page, flags),
	       "sweep: page->flags is not where pmm keeps it");
#if SWEEP_VARIANT == SWEEP_DISCONTIG_TABLE || SWEEP_VARIANT == SWEEP_DISCONTIG_SEARCH
_Static_assert(sizeof(struct linux_pglist_data) ==
	       sizeof(SWEEP__CAT3(struct pmm__, SWEEP_UNIT, _pglist_data)),
	       "sweep: node_data[] strides differ");
_Static_assert(offsetof(struct linux_pglist_data, node_spanned_pages) ==
	       offsetof(SWEEP__CAT3(struct pmm__, SWEEP_UNIT, _pglist_data),
			node_spanned_pages),
	       "sweep: pglist_data layouts differ");
#endif
#if SWEEP_VARIANT == SWEEP_DISCONTIG_TABLE
_Static_assert(sizeof(SWEEP__PMMI(physnode_map)) == sizeof(linux_physnode_map),
	       "sweep: physnode_map sizes differ");
#endif
#if SWEEP__SPARSE
_Static_assert(sizeof(struct linux_mem_section) ==
	       sizeof(SWEEP__CAT3(struct pmm_, SWEEP_UNIT, _mem_section)),
	       "sweep: mem_section sizes differ");
#endif
#if SWEEP_VARIANT >= SWEEP_VMEMMAP_CONST
_Static_assert(offsetof(struct linux_mem_section, usage) ==
	       offsetof(SWEEP__CAT3(struct pmm_, SWEEP_UNIT, _mem_section), usage),
	       "sweep: mem_section.usage is not where pmm keeps it");
_Static_assert(offsetof(struct linux_mem_section_usage, subsection_map) ==
	       offsetof(SWEEP__CAT3(struct pmm_, SWEEP_UNIT, _mem_section_usage),
			subsection_map),
	       "sweep: the sub-section map is not where pmm keeps it");
#endif
#if SWEEP_VARIANT == SWEEP_SPARSE_STATIC
_Static_assert(sizeof(SWEEP__PMMI(mem_section)) == sizeof(linux_sparse_static_mem_section),
	       "sweep: mem_section[] sizes differ");
#endif

/* --- the wrappers: what is counted, and what the loops call ---------- */

/* one wrapper: sweep_<unit>_<side>_<op>, declared then defined */
#define SWEEP__WRAPPER(side_op, ret, arg, body)				\
	BENCH_OUT_OF_LINE ret SWEEP__OWN(side_op)(arg);			\
	BENCH_OUT_OF_LINE ret SWEEP__OWN(side_op)(arg) { return body; }

SWEEP__WRAPPER(pmm_pfn_to_page, void *, unsigned long pfn, SWEEP__PMM(pfn_to_page)(pfn))
SWEEP__WRAPPER(pmm_page_to_pfn, unsigned long, const void *page,
	       SWEEP__PMM(page_to_pfn)(page))
SWEEP__WRAPPER(pmm_pfn_valid, int, unsigned long pfn, SWEEP__PMM(pfn_valid)(pfn))
SWEEP__WRAPPER(pmm_page_to_nid, int, const void *page, SWEEP__PMM(page_to_nid)(page))
SWEEP__WRAPPER(linux_pfn_to_page, void *, unsigned long pfn, SWEEP__LINUX(pfn_to_page)(pfn))
SWEEP__WRAPPER(linux_page_to_pfn, unsigned long, const void *page,
	       SWEEP__LINUX(page_to_pfn)(page))
SWEEP__WRAPPER(linux_pfn_valid, int, unsigned long pfn, SWEEP__LINUX(pfn_valid)(pfn))
#if !SWEEP__CLASSIC
/* page_to_nid [6.12 mm.h]: the node field, where no section sits above it */
SWEEP__WRAPPER(linux_page_to_nid, int, const void *page, linux_page_to_nid(page))
#endif

#if SWEEP__SPARSE
SWEEP__WRAPPER(pmm_pfn_to_section, void *, unsigned long pfn,
	       SWEEP__PMM(pfn_to_section)(pfn))
#if SWEEP_VARIANT == SWEEP_SPARSE_STATIC
#define SWEEP__LINUX_PFN_TO_SECTION(pfn) \
	linux_static_nr_to_section(linux_pfn_to_section_nr(pfn))
#else
#define SWEEP__LINUX_PFN_TO_SECTION(pfn) \
	linux_extreme_nr_to_section(SWEEP__LINUX(mem_section), linux_pfn_to_section_nr(pfn))
#endif
/* __pfn_to_section [6.12]: __nr_to_section(pfn_to_section_nr(pfn)) */
SWEEP__WRAPPER(linux_pfn_to_section, void *, unsigned long pfn,
	       SWEEP__LINUX_PFN_TO_SECTION(pfn))
#endif

/* --- the timed loops ------------------------------------------------- */

/* @n calls of @fn over the PFN inputs, resuming where the last batch ended */
#define SWEEP__PFN_LOOP(side_op)						\
static unsigned long SWEEP__OWN(loop_##side_op)(struct sweep_inputs *in,	\
						unsigned long n)		\
{										\
	const unsigned long *pfns = in->pfns;					\
	unsigned long i = in->next, mask = in->mask, k;				\
										\
	for (k = 0; k < n; k++) {						\
		SWEEP_KEEP(SWEEP__OWN(side_op)(pfns[i]));			\
		i = (i + 1) & mask;						\
	}									\
	in->next = i;								\
	return n;								\
}

#define SWEEP__PAGE_LOOP(side_op)						\
static unsigned long SWEEP__OWN(loop_##side_op)(struct sweep_inputs *in,	\
						unsigned long n)		\
{										\
	const void *const *pages = in->pages;					\
	unsigned long i = in->next, mask = in->mask, k;				\
										\
	for (k = 0; k < n; k++) {						\
		SWEEP_KEEP(SWEEP__OWN(side_op)(pages[i]));			\
		i = (i + 1) & mask;						\
	}									\
	in->next = i;								\
	return n;								\
}

/*
 * memmap_init's walk [6.12 mm/mm_init.c]: every PFN of every RAM range,
 * in order, its descriptor found and its flags word read (memmap_init
 * writes it; a read leaves the memmap as it was for the next run).  The
 * volatile read is the load: SWEEP_KEEP alone may take the memory operand
 * without reading it.
 * Inlined, as in the kernel: this is the model's cost in a loop.
 */
#define SWEEP__WALK(side, pfn_to_page)						\
static unsigned long SWEEP__OWN(loop_##side##_walk)(struct sweep_inputs *in,	\
						    unsigned long n)		\
{										\
	unsigned long items = 0, k, pfn;					\
	unsigned int r;								\
										\
	for (k = 0; k < n; k++)							\
		for (r = 0; r < in->nr_ram; r++) {				\
			unsigned long end = in->ram[r].end_pfn;			\
										\
			for (pfn = in->ram[r].start_pfn; pfn < end; pfn++)	\
				SWEEP_KEEP(*(const volatile unsigned long *)	\
					   &pfn_to_page(pfn)->flags);		\
			items += end - in->ram[r].start_pfn;			\
		}								\
	return items;								\
}

SWEEP__PFN_LOOP(pmm_pfn_to_page)
SWEEP__PAGE_LOOP(pmm_page_to_pfn)
SWEEP__PFN_LOOP(pmm_pfn_valid)
SWEEP__PAGE_LOOP(pmm_page_to_nid)
SWEEP__WALK(pmm, SWEEP__PMM(pfn_to_page))
SWEEP__PFN_LOOP(linux_pfn_to_page)
SWEEP__PAGE_LOOP(linux_page_to_pfn)
SWEEP__PFN_LOOP(linux_pfn_valid)
SWEEP__WALK(linux, SWEEP__LINUX(pfn_to_page))
#if !SWEEP__CLASSIC
SWEEP__PAGE_LOOP(linux_page_to_nid)
#define SWEEP__LINUX_NID_LOOP	SWEEP__OWN(loop_linux_page_to_nid)
#else
#define SWEEP__LINUX_NID_LOOP	NULL
#endif
#if SWEEP__SPARSE
SWEEP__PFN_LOOP(pmm_pfn_to_section)
SWEEP__PFN_LOOP(linux_pfn_to_section)
#define SWEEP__PMM_SECTION_LOOP		SWEEP__OWN(loop_pmm_pfn_to_section)
#define SWEEP__LINUX_SECTION_LOOP	SWEEP__OWN(loop_linux_pfn_to_section)
#else
#define SWEEP__PMM_SECTION_LOOP		NULL
#define SWEEP__LINUX_SECTION_LOOP	NULL
#endif

/* --- building it, and pointing the baseline at it -------------------- */

static void SWEEP__OWN(attach_linux)(void)
{
#if SWEEP_VARIANT == SWEEP_FLAT
	linux_flat_mem_map = (struct linux_page *)SWEEP__PMMI(mem_map);
	linux_flat_max_mapnr = SWEEP__PMMI(max_mapnr);
#elif SWEEP_VARIANT == SWEEP_DISCONTIG_SEARCH
	int k;

	linux_discontig_search_online_map = 0;
	for (k = 0; k < SWEEP__PMMI(nr_online); k++)
		linux_discontig_search_online_map |= 1UL << SWEEP__PMMI(node_order)[k];
#elif SWEEP__SPARSE && SWEEP_VARIANT != SWEEP_SPARSE_STATIC
	SWEEP__LINUX(mem_section) = (struct linux_mem_section **)SWEEP__PMMI(mem_section);
#endif
#if SWEEP_VARIANT == SWEEP_VMEMMAP_VAR
	linux_vmemmap_base = SWEEP__PMMI(vmemmap);
#endif
}

static int SWEEP__OWN(init)(const struct pmm_range *ram, unsigned int nr)
{
	int err;

	/* the generator wrote both sides' parameters: they must be the same */
	if (!linux_params_match(&SWEEP__PMM(params)))
		return -EINVAL;
	err = SWEEP__PMM(init)(ram, nr);
	if (!err)
		SWEEP__OWN(attach_linux)();
	return err;
}

#define SWEEP__EXPORT	SWEEP__CAT3(sweep_unit_, SWEEP_UNIT, )
extern const struct sweep_unit SWEEP__EXPORT;
const struct sweep_unit SWEEP__EXPORT = {
	.id = SWEEP__STR(SWEEP_UNIT),
	.label = SWEEP_LABEL,
	.params = &SWEEP__PMM(params),
	.init = SWEEP__OWN(init),
	.exit = SWEEP__PMM(exit),
	.stats = SWEEP__PMM(stats),
	.conv = {
		[SWEEP_PMM] = { SWEEP__OWN(pmm_pfn_to_page), SWEEP__OWN(pmm_page_to_pfn),
				SWEEP__OWN(pmm_pfn_valid) },
		[SWEEP_LINUX] = { SWEEP__OWN(linux_pfn_to_page), SWEEP__OWN(linux_page_to_pfn),
				  SWEEP__OWN(linux_pfn_valid) },
	},
	.loop = {
		[SWEEP_PMM] = {
			SWEEP__OWN(loop_pmm_pfn_to_page),
			SWEEP__OWN(loop_pmm_page_to_pfn),
			SWEEP__OWN(loop_pmm_pfn_valid),
			SWEEP__OWN(loop_pmm_page_to_nid),
			SWEEP__PMM_SECTION_LOOP,
			SWEEP__OWN(loop_pmm_walk),
		},
		[SWEEP_LINUX] = {
			SWEEP__OWN(loop_linux_pfn_to_page),
			SWEEP__OWN(loop_linux_page_to_pfn),
			SWEEP__OWN(loop_linux_pfn_valid),
			SWEEP__LINUX_NID_LOOP,
			SWEEP__LINUX_SECTION_LOOP,
			SWEEP__OWN(loop_linux_walk),
		},
	},
};
