/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * sweep_unit.h - one configuration of the sweep, built and exported
 *
 * A translation unit that gen/generate.py writes defines pmm's
 * configuration (PMM_MODEL, PMM_PAGE_SHIFT, ...), the same values for
 * Linux's side (LINUX_PAGE_SHIFT, ...) and
 *
 *	SWEEP_UNIT		the instance name, a C identifier
 *	SWEEP_LABEL		its parameters as "key=value" words
 *	SWEEP_VARIANT		SWEEP_FLAT ... SWEEP_VMEMMAP_VAR (sweep.h)
 *
 * and includes this header, which builds pmm_<unit>_* and Linux's own
 * text over the same data (bench/linux/side.h; the build folder's
 * lifted-host.h is the host's lifted text), gives every conversion of both an
 * out-of-line wrapper, sweep_<unit>_<side>_<op>, whose instructions
 * bench/sweep_insns.py counts, and the loops that time them, and exports
 * sweep_unit_<unit>.
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

/*
 * Linux's side: Linux 6.1's own text for the host's architecture (or 5.10's
 * DISCONTIGMEM, transcribed), over the tables this instance built
 * (bench/linux/side.h).  The generator wrote the parameters both sides
 * share; the model, and the page->flags fields below the node's, follow
 * from the variant and pmm's defaults on a 64-bit host.
 */
#if SWEEP_VARIANT == SWEEP_FLAT
#define LINUX_MODEL_FLATMEM
#elif SWEEP_VARIANT == SWEEP_DISCONTIG_TABLE
#define LINUX_MODEL_DISCONTIGMEM
#define LINUX_DISCONTIG_TABLE
#define LINUX_PHYSNODE_CHUNK_SHIFT	26
#elif SWEEP_VARIANT == SWEEP_DISCONTIG_SEARCH
#define LINUX_MODEL_DISCONTIGMEM
#define LINUX_DISCONTIG_SEARCH
#elif SWEEP__CLASSIC
#define LINUX_MODEL_SPARSEMEM
#define LINUX_EXTREME			(SWEEP_VARIANT == SWEEP_SPARSE_EXTREME)
#else
#define LINUX_MODEL_VMEMMAP
#endif
#define LINUX_NR_PAGEFLAGS		23
#define LINUX_MAX_NR_ZONES		5
#define LINUX_SIDE_PMM			SWEEP_UNIT
#define LINUX_SIDE_LIFTED		"lifted-host.h"
#define LINUX_SIDE_RENAME
#include "side.h"

typedef SWEEP__CAT3(struct pmm_, SWEEP_UNIT, _page) sweep__page;

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
SWEEP__WRAPPER(linux_pfn_to_page, void *, unsigned long pfn, pfn_to_page(pfn))
SWEEP__WRAPPER(linux_page_to_pfn, unsigned long, const void *page,
	       page_to_pfn((const struct page *)page))
SWEEP__WRAPPER(linux_pfn_valid, int, unsigned long pfn, pfn_valid(pfn))
SWEEP__WRAPPER(linux_page_to_nid, int, const void *page,
	       page_to_nid((const struct page *)page))

#if SWEEP__SPARSE
SWEEP__WRAPPER(pmm_pfn_to_section, void *, unsigned long pfn,
	       SWEEP__PMM(pfn_to_section)(pfn))
SWEEP__WRAPPER(linux_pfn_to_section, void *, unsigned long pfn, __pfn_to_section(pfn))
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
SWEEP__WALK(linux, pfn_to_page)
SWEEP__PAGE_LOOP(linux_page_to_nid)
#if SWEEP__SPARSE
SWEEP__PFN_LOOP(pmm_pfn_to_section)
SWEEP__PFN_LOOP(linux_pfn_to_section)
#define SWEEP__PMM_SECTION_LOOP		SWEEP__OWN(loop_pmm_pfn_to_section)
#define SWEEP__LINUX_SECTION_LOOP	SWEEP__OWN(loop_linux_pfn_to_section)
#else
#define SWEEP__PMM_SECTION_LOOP		NULL
#define SWEEP__LINUX_SECTION_LOOP	NULL
#endif

/* --- building it, and pointing Linux at it ---------------------------- */

static int SWEEP__OWN(init)(const struct pmm_range *ram, unsigned int nr)
{
	int err;

	/* the generator wrote both sides' parameters: they must be the same */
	if (!linux_side_params_match(&SWEEP__PMM(params)))
		return -EINVAL;
	err = SWEEP__PMM(init)(ram, nr);
	if (!err)
		linux_side_attach();
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
	.linux_wider = linux_side_wider,
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
			SWEEP__OWN(loop_linux_page_to_nid),
			SWEEP__LINUX_SECTION_LOOP,
			SWEEP__OWN(loop_linux_walk),
		},
	},
};
