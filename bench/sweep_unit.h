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
 *	SWEEP_HOTPLUG		1 for a hotplug block's unit (optional)
 *
 * and includes this header, which builds pmm_<unit>_* and Linux's own
 * text over the same data (bench/linux/side.h; the build folder's
 * lifted-host.h is the host's lifted text), gives every conversion of
 * both an out-of-line wrapper, sweep_<unit>_<side>_<op>, whose
 * instructions bench/insncount.py --sweep counts, and the loops that time
 * them inlined, beside the limit's, and exports sweep_unit_<unit>.
 *
 * A peer's unit (Xen's PDX, FreeBSD's page array and segments) has no
 * Linux side: Linux has no text for another kernel's model, so its
 * figures are pmm's implementation alone, beside the limit.
 * Compile at -O2 without sanitizers: this is what is measured.
 */
#ifndef SWEEP_UNIT
#error "sweep_unit.h: define SWEEP_UNIT, SWEEP_LABEL and SWEEP_VARIANT first (gen/templates/unit.c.j2)"
#endif

#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "bench_compiler.h"
#include "sweep.h"

#define SWEEP__CAT3_(a, b, c)	a##b##c
#define SWEEP__CAT3(a, b, c)	SWEEP__CAT3_(a, b, c)
#define SWEEP__PMM(x)		SWEEP__CAT3(pmm_, SWEEP_UNIT, _##x)
#define SWEEP__PMMI(x)		SWEEP__CAT3(pmm__, SWEEP_UNIT, _##x)
#define SWEEP__OWN(x)		SWEEP__CAT3(sweep_, SWEEP_UNIT, _##x)
#define SWEEP__STR_(x)		#x
#define SWEEP__STR(x)		SWEEP__STR_(x)

#define SWEEP__HAS_LINUX	(SWEEP_VARIANT <= SWEEP_VMEMMAP_VAR)
#define SWEEP__SPARSE	(SWEEP_VARIANT >= SWEEP_SPARSE_STATIC && SWEEP__HAS_LINUX)
#define SWEEP__CLASSIC	(SWEEP_VARIANT == SWEEP_SPARSE_STATIC || \
			 SWEEP_VARIANT == SWEEP_SPARSE_EXTREME)
#define SWEEP__VMEMMAP	(SWEEP_VARIANT == SWEEP_VMEMMAP_CONST || \
			 SWEEP_VARIANT == SWEEP_VMEMMAP_VAR)

#ifndef SWEEP_HOTPLUG
#define SWEEP_HOTPLUG 0
#endif

#if SWEEP__SPARSE
/* pfn_valid under rcu_read_lock_sched(), as a kernel without preemption */
#include "kernel_rcu.h"
#endif
#if SWEEP_HOTPLUG
/*
 * Hotplug timed with a grace period that costs what a real one does: the
 * hosted one (a membarrier system call), counted.  Nothing reads while
 * the benchmark writes, so the readers keep the kernel's barrier above.
 */
#include "pmm_hosted.h"

static void SWEEP__OWN(synchronize_rcu)(void)
{
	unsigned long long t0 = sweep_backing_now();

	pmm_hosted_synchronize_rcu();
	sweep_backing_counts.grace_periods++;
	sweep_backing_counts.hook_ns += sweep_backing_now() - t0;
}
#undef PMM_SYNCHRONIZE_RCU
#define PMM_SYNCHRONIZE_RCU()			SWEEP__OWN(synchronize_rcu)()
#endif
/* the memmaps on the configuration's backing, 2 MiB or 4 KiB pages */
#define PMM_ALLOC(bytes, align, nid)		sweep_backing_alloc((bytes), (align), (nid))
#define PMM_FREE(ptr, bytes)			sweep_backing_free((ptr), (bytes))
#define PMM_VMEMMAP_RESERVE(bytes)		sweep_backing_reserve(bytes)
#define PMM_VMEMMAP_UNRESERVE(addr, bytes)	sweep_backing_unreserve((addr), (bytes))
#define PMM_VMEMMAP_POPULATE(addr, bytes, nid)	sweep_backing_populate((addr), (bytes), (nid))
#define PMM_VMEMMAP_DEPOPULATE(addr, bytes)	sweep_backing_depopulate((addr), (bytes))
#if SWEEP__VMEMMAP
/* no device in userspace: an altmap's pages are anonymous memory too */
#define PMM_VMEMMAP_POPULATE_FROM(addr, bytes, pfn) \
	((void)(pfn), sweep_backing_populate((addr), (bytes), -1))
#endif
/* the node field's width, for the limit's page_to_nid (pmm.h takes the macro) */
enum { SWEEP__OWN(nodes_shift) = PMM_NODES_SHIFT };
#define PMM_NAME SWEEP_UNIT
#include "pmm.h"

/*
 * Linux's side: Linux 6.1's own text for the host's architecture (or 5.10's
 * DISCONTIGMEM, transcribed), over the tables this instance built
 * (bench/linux/side.h).  The generator wrote the parameters both sides
 * share; the model, and the page->flags fields below the node's, follow
 * from the variant and pmm's defaults on a 64-bit host.
 */
#if !SWEEP__HAS_LINUX
/* a peer: no Linux text */
#elif SWEEP_VARIANT == SWEEP_FLAT
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
#if SWEEP__HAS_LINUX
#define LINUX_NR_PAGEFLAGS		23
#define LINUX_MAX_NR_ZONES		5
#define LINUX_SIDE_PMM			SWEEP_UNIT
#define LINUX_SIDE_LIFTED		"lifted-host.h"
#define LINUX_SIDE_RENAME
#include "side.h"
#endif

typedef SWEEP__CAT3(struct pmm_, SWEEP_UNIT, _page) sweep__page;

/* --- the wrappers: what is counted, and what checks the inputs ------- */

/* one wrapper: sweep_<unit>_<side>_<op>, declared then defined */
#define SWEEP__WRAPPER(side_op, ret, arg, body)				\
	BENCH_OUT_OF_LINE ret SWEEP__OWN(side_op)(arg);			\
	BENCH_OUT_OF_LINE ret SWEEP__OWN(side_op)(arg) { return body; }

SWEEP__WRAPPER(pmm_pfn_to_page, void *, unsigned long pfn, SWEEP__PMM(pfn_to_page)(pfn))
SWEEP__WRAPPER(pmm_page_to_pfn, unsigned long, const void *page,
	       SWEEP__PMM(page_to_pfn)(page))
SWEEP__WRAPPER(pmm_pfn_valid, int, unsigned long pfn, SWEEP__PMM(pfn_valid)(pfn))
SWEEP__WRAPPER(pmm_page_to_nid, int, const void *page, SWEEP__PMM(page_to_nid)(page))
#if SWEEP__HAS_LINUX
SWEEP__WRAPPER(linux_pfn_to_page, void *, unsigned long pfn, pfn_to_page(pfn))
SWEEP__WRAPPER(linux_page_to_pfn, unsigned long, const void *page,
	       page_to_pfn((const struct page *)page))
SWEEP__WRAPPER(linux_pfn_valid, int, unsigned long pfn, pfn_valid(pfn))
SWEEP__WRAPPER(linux_page_to_nid, int, const void *page,
	       page_to_nid((const struct page *)page))
#endif

#if SWEEP__SPARSE
SWEEP__WRAPPER(pmm_pfn_to_section, void *, unsigned long pfn,
	       SWEEP__PMM(pfn_to_section)(pfn))
SWEEP__WRAPPER(linux_pfn_to_section, void *, unsigned long pfn, __pfn_to_section(pfn))
#endif

/* --- the timed loops: each conversion inlined, as a kernel runs it ------ */

/* Each side's conversions, as the loops spell them. */
#define SWEEP__PMM_PFN_TO_PAGE(pfn)		SWEEP__PMM(pfn_to_page)(pfn)
#define SWEEP__PMM_PAGE_TO_PFN(page)		SWEEP__PMM(page_to_pfn)(page)
#define SWEEP__PMM_PFN_VALID(pfn)		SWEEP__PMM(pfn_valid)(pfn)
#define SWEEP__PMM_PAGE_TO_NID(page)		SWEEP__PMM(page_to_nid)(page)
#define SWEEP__PMM_PFN_TO_SECTION(pfn)		SWEEP__PMM(pfn_to_section)(pfn)
#define SWEEP__LINUX_PFN_TO_PAGE(pfn)		pfn_to_page(pfn)
#define SWEEP__LINUX_PAGE_TO_PFN(desc)		page_to_pfn((const struct page *)(desc))
#define SWEEP__LINUX_PFN_VALID(pfn)		pfn_valid(pfn)
#define SWEEP__LINUX_PAGE_TO_NID(desc)		page_to_nid((const struct page *)(desc))
#define SWEEP__LINUX_PFN_TO_SECTION(pfn)	__pfn_to_section(pfn)

/*
 * The limit: the least work each operation can be done with, on the same
 * inputs.  pfn_to_page and page_to_pfn: a multiply-add on a constant
 * base, as a VMEMMAP with a constant vmemmap; pfn_valid: one bit of a
 * flat bitmap; page_to_nid: the flags word shifted to a field at its top;
 * pfn_to_section: an index into one flat table; the walk: the same
 * descriptors' flags read from one flat array.
 */
#define SWEEP__LIMIT_BASE	0x300000000000UL
#define SWEEP__LONG_BITS	(8 * sizeof(unsigned long))
#define SWEEP__LIMIT_PFN_TO_PAGE(pfn)						\
	((void *)(SWEEP__LIMIT_BASE + (pfn) * sizeof(sweep__page)))
#define SWEEP__LIMIT_PAGE_TO_PFN(page)						\
	(((unsigned long)(page) - SWEEP__LIMIT_BASE) / sizeof(sweep__page))
#define SWEEP__LIMIT_PFN_VALID(pfn)	SWEEP__OWN(limit_valid)(valid_bitmap, (pfn))
#define SWEEP__LIMIT_PAGE_TO_NID(page)						\
	((int)(((const sweep__page *)(page))->flags >>				\
	       ((SWEEP__LONG_BITS - SWEEP__OWN(nodes_shift)) % SWEEP__LONG_BITS) & \
	       ((1UL << SWEEP__OWN(nodes_shift)) - 1)))
#define SWEEP__LIMIT_PFN_TO_SECTION(pfn)					\
	((void *)(SWEEP__LIMIT_BASE + ((pfn) >> PFN_SECTION_SHIFT) * 2 * sizeof(long)))
#define SWEEP__LIMIT_WALK(pfn)							\
	((const sweep__page *)(flat_base + (pfn) * sizeof(sweep__page)))

/*
 * The limit's tables, in locals: SWEEP_KEEP's memory clobber would have
 * every access through @in reload them, a load the models do not pay
 * for their constants.
 */
#define SWEEP__LIMIT_LOCALS							\
	const unsigned long *const valid_bitmap = in->valid_bitmap;		\
	const unsigned long flat_base = in->flat_base;				\
	(void)valid_bitmap;							\
	(void)flat_base

/*
 * pfn_valid's limit: one bit of a flat bitmap, tested by a branch.  A
 * kernel branches on pfn_valid; a result made by a predicted branch is
 * not waited for, where a result computed from the loaded bit is: the
 * empty asm keeps the branch (no compiler turns it into a setcc).
 */
static inline int SWEEP__OWN(limit_valid)(const unsigned long *bitmap, unsigned long pfn)
{
	if (bitmap[pfn / SWEEP__LONG_BITS] & (1UL << (pfn % SWEEP__LONG_BITS))) {
		__asm__ __volatile__("");
		return 1;
	}
	return 0;
}

/*
 * Both forms of one side's conversion over one kind of input (pfns or
 * pages), resuming where the last batch ended:
 *	_tput	throughput: every result kept, none waited for
 *	_lat	latency: the next input's index is (i + (result & zero)),
 *		zero being 0 at run time, so it waits for the result
 */
#define SWEEP__LOOPS(name, type, inputs, conv)					\
static unsigned long SWEEP__OWN(name##_tput)(struct sweep_inputs *in,		\
					     unsigned long n)			\
{										\
	type const *src = (type const *)in->inputs;				\
	unsigned long i = in->next, mask = in->mask, k;				\
	SWEEP__LIMIT_LOCALS;							\
										\
	for (k = 0; k < n; k++) {						\
		SWEEP_KEEP(conv(src[i]));					\
		i = (i + 1) & mask;						\
	}									\
	in->next = i;								\
	return n;								\
}										\
static unsigned long SWEEP__OWN(name##_lat)(struct sweep_inputs *in,		\
					    unsigned long n)			\
{										\
	type const *src = (type const *)in->inputs;				\
	unsigned long i = in->next, mask = in->mask, zero = in->zero, dep = 0, k; \
	SWEEP__LIMIT_LOCALS;							\
										\
	for (k = 0; k < n; k++) {						\
		dep = (unsigned long)conv(src[(i + dep) & mask]) & zero;	\
		i = (i + 1) & mask;						\
	}									\
	SWEEP_KEEP(dep);							\
	in->next = i;								\
	return n;								\
}

/*
 * memmap_init's walk [6.12 mm/mm_init.c]: every PFN of every RAM range,
 * in order, its descriptor found and its flags word read (memmap_init
 * writes it; a read leaves the memmap as it was for the next run).  The
 * volatile read is the load: SWEEP_KEEP alone may take the memory operand
 * without reading it.
 */
#define SWEEP__WALK(name, pfn_to_page)						\
static unsigned long SWEEP__OWN(name)(struct sweep_inputs *in, unsigned long n) \
{										\
	unsigned long items = 0, k, pfn;					\
	unsigned int r;								\
	SWEEP__LIMIT_LOCALS;							\
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

/*
 * every side's loops: _<op>_tput, _<op>_lat and _walk (@side only ever
 * pasted: "linux" is a macro of GNU C)
 */
#define SWEEP__SIDE(side, SIDE)							\
	SWEEP__LOOPS(side##_pfn_to_page, unsigned long, pfns, SIDE##_PFN_TO_PAGE) \
	SWEEP__LOOPS(side##_page_to_pfn, void *, pages, SIDE##_PAGE_TO_PFN)	\
	SWEEP__LOOPS(side##_pfn_valid, unsigned long, pfns, SIDE##_PFN_VALID)	\
	SWEEP__LOOPS(side##_page_to_nid, void *, pages, SIDE##_PAGE_TO_NID)	\
	SWEEP__WALK(side##_walk, SWEEP__WALK_##SIDE)
#define SWEEP__WALK_SWEEP__PMM		SWEEP__PMM_PFN_TO_PAGE
#define SWEEP__WALK_SWEEP__LINUX	SWEEP__LINUX_PFN_TO_PAGE
#define SWEEP__WALK_SWEEP__LIMIT	SWEEP__LIMIT_WALK

SWEEP__SIDE(pmm, SWEEP__PMM)
#if SWEEP__HAS_LINUX
SWEEP__SIDE(linux, SWEEP__LINUX)
#endif
SWEEP__SIDE(limit, SWEEP__LIMIT)
#if SWEEP__SPARSE
SWEEP__LOOPS(pmm_pfn_to_section, unsigned long, pfns, SWEEP__PMM_PFN_TO_SECTION)
SWEEP__LOOPS(linux_pfn_to_section, unsigned long, pfns, SWEEP__LINUX_PFN_TO_SECTION)
SWEEP__LOOPS(limit_pfn_to_section, unsigned long, pfns, SWEEP__LIMIT_PFN_TO_SECTION)
#define SWEEP__SECTION_LOOPS(name)	SWEEP__FORMS(name)
#else
#define SWEEP__SECTION_LOOPS(name)	{ NULL, NULL }
#endif

/* one op's loops in the export: { throughput, latency } */
#define SWEEP__FORMS(name)	{ SWEEP__OWN(name##_tput), SWEEP__OWN(name##_lat) }
#define SWEEP__SIDE_LOOPS(side) {						\
		SWEEP__FORMS(side##_pfn_to_page),				\
		SWEEP__FORMS(side##_page_to_pfn),				\
		SWEEP__FORMS(side##_pfn_valid),					\
		SWEEP__FORMS(side##_page_to_nid),				\
		SWEEP__SECTION_LOOPS(side##_pfn_to_section),			\
		{ SWEEP__OWN(side##_walk), NULL },				\
	}

/* --- building it, and pointing Linux at it ---------------------------- */

#if SWEEP__HAS_LINUX
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
#define SWEEP__LINUX_WIDER	linux_side_wider
#define SWEEP__LINUX_CONV { SWEEP__OWN(linux_pfn_to_page), SWEEP__OWN(linux_page_to_pfn), \
			    SWEEP__OWN(linux_pfn_valid) }
#define SWEEP__LINUX_LOOPS	SWEEP__SIDE_LOOPS(linux)
#define SWEEP__INIT		SWEEP__OWN(init)
#else
#define SWEEP__INIT		SWEEP__PMM(init)
#define SWEEP__LINUX_WIDER	NULL
#define SWEEP__LINUX_CONV	{ NULL, NULL, NULL }
#define SWEEP__LINUX_LOOPS	{ { NULL } }
#endif

/* --- hotplug and ZONE_DEVICE, for a hotplug block --------------------- */

#if SWEEP_HOTPLUG
#if !SWEEP__SPARSE
#error "sweep_unit.h: SWEEP_HOTPLUG needs a SPARSEMEM model (gen/pmmgen/rules.py)"
#endif
static int SWEEP__OWN(add_pages)(int nid, unsigned long pfn, unsigned long nr)
{
	return SWEEP__PMM(add_pages)(nid, pfn, nr, NULL);
}

static int SWEEP__OWN(remove_pages)(unsigned long pfn, unsigned long nr)
{
	return SWEEP__PMM(remove_pages)(pfn, nr, NULL);
}

static void *SWEEP__OWN(pfn_to_online_page)(unsigned long pfn)
{
	return SWEEP__PMM(pfn_to_online_page)(pfn);
}

#if SWEEP__CLASSIC
#define SWEEP__MEMREMAP	NULL
#define SWEEP__MEMUNMAP	NULL
#else
/* the pagemaps stay put while mapped, as memremap_pages requires */
static struct SWEEP__PMM(dev_pagemap) SWEEP__OWN(pgmaps)[SWEEP_PGMAP_SLOTS];

static int SWEEP__OWN(memremap)(unsigned int slot, unsigned long pfn, unsigned long nr,
				 int altmap)
{
	struct SWEEP__PMM(dev_pagemap) *pgmap;

	if (slot >= SWEEP_PGMAP_SLOTS)
		return -EINVAL;
	pgmap = &SWEEP__OWN(pgmaps)[slot];
	memset(pgmap, 0, sizeof(*pgmap));
	/* pmem: FS_DAX, the type that keeps its memmap on the device */
	pgmap->type = PMM_MEMORY_DEVICE_FS_DAX;
	pgmap->nr_range = 1;
	pgmap->range.start_pfn = pfn;
	pgmap->range.end_pfn = pfn + nr;
	if (altmap) {
		pgmap->flags = PMM_PGMAP_ALTMAP_VALID;
		pgmap->altmap.base_pfn = pfn;
		pgmap->altmap.end_pfn = pfn + nr - 1;
		/* just the range's own memmap */
		pgmap->altmap.free = (nr * (unsigned long)SWEEP__PMM(params).struct_page_size) >>
				     SWEEP__PMM(params).page_shift;
	}
	return SWEEP__PMM(memremap_pages)(pgmap, 0);
}

static int SWEEP__OWN(memunmap)(unsigned int slot)
{
	if (slot >= SWEEP_PGMAP_SLOTS)
		return -EINVAL;
	return SWEEP__PMM(memunmap_pages)(&SWEEP__OWN(pgmaps)[slot]);
}
#define SWEEP__MEMREMAP	SWEEP__OWN(memremap)
#define SWEEP__MEMUNMAP	SWEEP__OWN(memunmap)
#endif

static const struct sweep_hotplug SWEEP__OWN(hotplug) = {
	.add_pages = SWEEP__OWN(add_pages),
	.remove_pages = SWEEP__OWN(remove_pages),
	.add_memory = SWEEP__PMM(add_memory),
	.remove_memory = SWEEP__PMM(remove_memory),
	.online_pages = SWEEP__PMM(online_pages),
	.offline_pages = SWEEP__PMM(offline_pages),
	.pfn_to_online_page = SWEEP__OWN(pfn_to_online_page),
	.memremap = SWEEP__MEMREMAP,
	.memunmap = SWEEP__MEMUNMAP,
};
#define SWEEP__HOTPLUG	(&SWEEP__OWN(hotplug))
#else
#define SWEEP__HOTPLUG	NULL
#endif

#define SWEEP__EXPORT	SWEEP__CAT3(sweep_unit_, SWEEP_UNIT, )
extern const struct sweep_unit SWEEP__EXPORT;
const struct sweep_unit SWEEP__EXPORT = {
	.id = SWEEP__STR(SWEEP_UNIT),
	.label = SWEEP_LABEL,
	.params = &SWEEP__PMM(params),
	.init = SWEEP__INIT,
	.exit = SWEEP__PMM(exit),
	.stats = SWEEP__PMM(stats),
	.linux_wider = SWEEP__LINUX_WIDER,
	.conv = {
		[SWEEP_PMM] = { SWEEP__OWN(pmm_pfn_to_page), SWEEP__OWN(pmm_page_to_pfn),
				SWEEP__OWN(pmm_pfn_valid) },
		[SWEEP_LINUX] = SWEEP__LINUX_CONV,
	},
	.loop = {
		[SWEEP_PMM] = SWEEP__SIDE_LOOPS(pmm),
		[SWEEP_LINUX] = SWEEP__LINUX_LOOPS,
		[SWEEP_LIMIT] = SWEEP__SIDE_LOOPS(limit),
	},
	.hotplug = SWEEP__HOTPLUG,
#if SWEEP__SPARSE
	.deferred_init = SWEEP__PMM(deferred_init),
#endif
};
