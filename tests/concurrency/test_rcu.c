// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_rcu.c - readers against hotplug, under ThreadSanitizer
 *
 * pmm's readers (pmm_pfn_valid, pmm_pfn_to_online_page,
 * pmm_get_dev_pagemap) run under PMM_RCU_READ_LOCK while one writer adds
 * and removes memory, onlines and offlines blocks and maps and unmaps
 * ZONE_DEVICE pagemaps; hotplug frees usage data and EXTREME roots, and
 * the test frees each pagemap as soon as pmm_memunmap_pages returns, only
 * after PMM_SYNCHRONIZE_RCU.  ThreadSanitizer sees every such free: a
 * reader that could still hold the block is a data race on freed memory,
 * counted here through __tsan_on_report.
 *
 * Readers also check answers that cannot depend on timing:
 *	stable RAM (never touched)	valid, online, its node, no pagemap
 *	stable holes of a boot section	valid, offline (VMEMMAP), node 1
 *	never added			not valid, offline, node -1
 *	device PFNs (never RAM)		never online; a pagemap found holds
 *					the PFN (dereferenced under an outer
 *					read lock, which memunmap waits for)
 *	hot-added RAM			never a pagemap; (VMEMMAP) an online
 *					page is that PFN's descriptor
 * and, for the dynamic ones, a seqcount per sub-section: when no writer
 * touched it during the probe, the answer is the one its state gives.
 * Descriptors of memory the writer may remove are never dereferenced (as
 * in Linux, pfn_to_page of memory being removed is the caller's problem).
 *
 * The writer's fixed-seed sequence: add/remove by sub-section (classic:
 * section) and by whole sections, memory blocks through add_memory,
 * online, offline and remove_memory, pagemaps of one or two ranges in a
 * device-only root and in a boot section's holes, and drains that empty
 * a root so that it is retired and freed; plus requests that must be
 * refused with nothing changed.  Two small cases first check that each
 * grace period (hosted, epoch) outlasts a reader inside it.
 *
 * Instances (4 KiB pages, 32-page sections of four 8-page sub-sections,
 * 2^16 PFNs in eight EXTREME roots of 8192 PFNs):
 *	vm	SPARSEMEM_VMEMMAP, the hosted RCU hooks
 *	cl	classic SPARSEMEM EXTREME, the hosted RCU hooks
 *	ep	SPARSEMEM_VMEMMAP, RCU hooks of the test's own (an epoch
 *		scheme, as a freestanding host would supply them)
 *
 *	PFN      0     64   72  80   96          8192 (root 1)   16384 (root 2)
 *	         [RAM n0][RAM n1|hole|dev-in-hole] ...  [hot-added] ... [device]
 *
 * With -DBROKEN_GRACE_PERIOD every instance gets the freestanding
 * defaults instead (read side a compiler barrier, no grace period): the
 * negative control, which ThreadSanitizer must report.
 *
 * Usage: test_rcu [-s SEED] [-n OPS] [-t READERS] [-i NAME] [-v]
 */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "test.h"
#include "test_args.h"
#include "test_rand.h"

#ifndef TC_CC_SUFFIX
#define TC_CC_SUFFIX		""	/* the compiler's name, from rules.mk */
#endif
#define TC_DEFAULT_SEED		0x5eed2026ULL
#define TC_DEFAULT_OPS		6000UL		/* writer operations per instance */
#define TC_MAX_READERS		8

/* ---------------------------------------------------------------------
 * ThreadSanitizer reports, counted so that each instance can fail by name
 * --------------------------------------------------------------------- */

static long tc_tsan_reports;

void __tsan_on_report(const void *report);
void __tsan_on_report(const void *report)
{
	(void)report;
	__atomic_fetch_add(&tc_tsan_reports, 1, __ATOMIC_RELAXED);
}

/* ---------------------------------------------------------------------
 * RCU hooks of the test's own, for instance ep: an epoch scheme.  A
 * reader publishes the epoch it entered in; a grace period advances the
 * epoch and waits for every reader still in an older one.  Sequentially
 * consistent accesses and fences, so that it is right on any CPU, and
 * release/acquire pairs that ThreadSanitizer follows.
 * --------------------------------------------------------------------- */

#define EP_MAX_THREADS	(TC_MAX_READERS + 4)

struct ep_slot {
	unsigned long epoch;	/* 0 outside, else the epoch entered in */
} __attribute__((aligned(64)));

static struct ep_slot ep_slots[EP_MAX_THREADS];
static unsigned long ep_epoch = 1;
static int ep_nr_slots;
static __thread int ep_me = -1;
static __thread unsigned int ep_nest;

static void ep_read_lock(void)
{
	if (ep_nest++)
		return;
	if (ep_me < 0) {
		ep_me = __atomic_fetch_add(&ep_nr_slots, 1, __ATOMIC_RELAXED);
		if (ep_me >= EP_MAX_THREADS)
			abort();
	}
	__atomic_store_n(&ep_slots[ep_me].epoch,
			 __atomic_load_n(&ep_epoch, __ATOMIC_RELAXED), __ATOMIC_SEQ_CST);
	/* the slot store before the reader's loads (StoreLoad) */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

static void ep_read_unlock(void)
{
	if (--ep_nest)
		return;
	/* release: the reader's loads happen before the writer sees it leave */
	__atomic_store_n(&ep_slots[ep_me].epoch, 0UL, __ATOMIC_RELEASE);
}

static void ep_synchronize(void)
{
	unsigned long now;
	int i, n;

	/* what the writer unpublished before the readers' slots */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	now = __atomic_add_fetch(&ep_epoch, 1, __ATOMIC_SEQ_CST);
	n = __atomic_load_n(&ep_nr_slots, __ATOMIC_ACQUIRE);
	for (i = 0; i < n && i < EP_MAX_THREADS; i++) {
		unsigned long e;

		if (i == ep_me && ep_nest)
			continue;	/* the writer's own read section */
		while ((e = __atomic_load_n(&ep_slots[i].epoch, __ATOMIC_ACQUIRE)) &&
		       e < now)
			sched_yield();
	}
}

/* The negative control: what a freestanding build gets by default. */
#define TC_BARRIER()	__asm__ __volatile__("" ::: "memory")
static __attribute__((unused)) void tc_barrier(void)
{
	TC_BARRIER();
}

/* ---------------------------------------------------------------------
 * The instances
 * --------------------------------------------------------------------- */

/*
 * Every instance: 4 KiB pages (pmm's default), 32-page sections of four
 * 8-page sub-sections (VMEMMAP), 2^16 PFNs in EXTREME roots, and pmm's
 * hosted allocator, which the reader threads may share with the writer.
 */
#define TI_HOSTED_ALLOC
#define TI_SPARSEMEM_EXTREME	1
#define TI_SECTION_SIZE_BITS	17
#define TI_SUBSECTION_SHIFT	15
#define TI_MAX_PAGE_ORDER	3
#define TI_MAX_PHYSMEM_BITS	28
#define TI_OPS
#define TI_HOTPLUG_OPS
#ifdef BROKEN_GRACE_PERIOD
#define TI_RCU_READ_LOCK()	TC_BARRIER()
#define TI_RCU_READ_UNLOCK()	TC_BARRIER()
#define TI_SYNCHRONIZE_RCU()	TC_BARRIER()
#endif

#define TI_NAME vm
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#include "test_instance.h"

#define TI_NAME cl
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#include "test_instance.h"

#define TI_NAME ep
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#ifndef BROKEN_GRACE_PERIOD
#define PMM_RCU_READ_LOCK()	ep_read_lock()
#define PMM_RCU_READ_UNLOCK()	ep_read_unlock()
#define PMM_SYNCHRONIZE_RCU()	ep_synchronize()
#endif
#include "test_instance.h"

/* ---------------------------------------------------------------------
 * One table per instance
 * --------------------------------------------------------------------- */

struct tc_ops {
	const struct model_ops *m;
	const struct hotplug_ops *hp;
	int vmemmap;		/* sub-sections and ZONE_DEVICE */
	/* VMEMMAP only; NULL for classic */
	int (*is_device_page)(const void *page);
	void *(*dev_pagemap)(unsigned long pfn);
	void *(*memremap)(const struct pmm_dev_range *r, unsigned int nr, int nid, int *err);
	int (*memunmap)(void *pgmap);
	int (*pgmap_holds)(const void *pgmap, unsigned long pfn);
	/* an outer read-side critical section, as a caller holds one */
	void (*rcu_lock)(void);
	void (*rcu_unlock)(void);
};

/*
 * A pagemap lives in a malloc'd block with room for two ranges, and is
 * freed as soon as pmm_memunmap_pages returns: a reader that still held
 * it would touch freed memory.
 */
#define TC_DEVICE(N)								\
struct N##_dev {								\
	struct pmm_##N##_dev_pagemap pg;					\
	struct pmm_dev_range r[2];						\
};										\
static void *N##_memremap(const struct pmm_dev_range *r, unsigned int nr,	\
			  int nid, int *err)					\
{										\
	struct N##_dev *d = (struct N##_dev *)calloc(1, sizeof(*d));		\
										\
	if (!d)									\
		abort();							\
	d->pg.type = PMM_MEMORY_DEVICE_GENERIC;					\
	d->pg.nr_range = nr;							\
	if (nr == 1) {								\
		d->pg.range = r[0];						\
	} else {								\
		memcpy(d->r, r, nr * sizeof(*r));				\
		d->pg.ranges = d->r;						\
	}									\
	*err = pmm_##N##_memremap_pages(&d->pg, nid);				\
	if (*err) {								\
		free(d);							\
		return NULL;							\
	}									\
	return d;								\
}										\
static int N##_memunmap(void *pgmap)						\
{										\
	int err = pmm_##N##_memunmap_pages(&((struct N##_dev *)pgmap)->pg);	\
										\
	if (!err)								\
		free(pgmap);							\
	return err;								\
}										\
static void *N##_dev_pagemap(unsigned long pfn)					\
{										\
	return pmm_##N##_get_dev_pagemap(pfn);					\
}										\
static int N##_is_device_page(const void *page)					\
{										\
	return pmm_##N##_is_zone_device_page((const struct pmm_##N##_page *)page); \
}										\
static int N##_pgmap_holds(const void *pgmap, unsigned long pfn)		\
{										\
	const struct pmm_##N##_dev_pagemap *pg =				\
		(const struct pmm_##N##_dev_pagemap *)pgmap;			\
	unsigned int i;								\
										\
	for (i = 0; i < pg->nr_range; i++) {					\
		const struct pmm_dev_range *r = pg->ranges ? &pg->ranges[i] :	\
							     &pg->range;	\
		if (pfn >= r->start_pfn && pfn < r->end_pfn)			\
			return 1;						\
	}									\
	return 0;								\
}

TC_DEVICE(vm)
TC_DEVICE(ep)

#ifdef BROKEN_GRACE_PERIOD
#define TC_HOSTED_LOCK		tc_barrier
#define TC_HOSTED_UNLOCK	tc_barrier
#define TC_EP_LOCK		tc_barrier
#define TC_EP_UNLOCK		tc_barrier
#else
#define TC_HOSTED_LOCK		pmm_hosted_rcu_read_lock
#define TC_HOSTED_UNLOCK	pmm_hosted_rcu_read_unlock
#define TC_EP_LOCK		ep_read_lock
#define TC_EP_UNLOCK		ep_read_unlock
#endif

#define TC_OPS_BASE(N)	&N##_ops, &N##_hotplug_ops, 0
#define TC_OPS_DEVICE(N)							\
	N##_is_device_page, N##_dev_pagemap, N##_memremap, N##_memunmap,	\
	N##_pgmap_holds

static struct tc_ops tc_instances[] = {
	{ TC_OPS_BASE(vm), TC_OPS_DEVICE(vm), TC_HOSTED_LOCK, TC_HOSTED_UNLOCK },
	{ TC_OPS_BASE(cl), NULL, NULL, NULL, NULL, NULL, TC_HOSTED_LOCK, TC_HOSTED_UNLOCK },
	{ TC_OPS_BASE(ep), TC_OPS_DEVICE(ep), TC_EP_LOCK, TC_EP_UNLOCK },
};
#define TC_NR_INSTANCES	(sizeof(tc_instances) / sizeof(tc_instances[0]))

/* ---------------------------------------------------------------------
 * The layout, in PFNs
 * --------------------------------------------------------------------- */

#define S		32UL		/* pages per section */
#define SS		8UL		/* pages per sub-section: the unit */
#define ROOT		(256 * S)	/* pages per EXTREME root */
#define MAX_PFN		(1UL << 16)

#define RAM0_END	(2 * S)			/* [0, 64) node 0 */
#define RAM1_END	(2 * S + SS)		/* [64, 72) node 1 */
#define HOLE_START	RAM1_END		/* [72, 80) a hole nobody maps */
#define DEVHOLE_START	(2 * S + 2 * SS)	/* [80, 96) device in holes */
#define DEVHOLE_END	(3 * S)
#define DYN_START	ROOT			/* root 1: hot-added RAM */
#define DYN_SECTIONS	8UL
#define DEV_START	(2 * ROOT)		/* root 2: device memory */
#define DEV_SECTIONS	8UL

/* the units whose state the writer publishes */
#define NR_DYN_UNITS	(DYN_SECTIONS * S / SS)
#define NR_DEV_UNITS	(DEV_SECTIONS * S / SS)
#define NR_DEVHOLE_UNITS ((DEVHOLE_END - DEVHOLE_START) / SS)
#define DYN_UNIT0	0
#define DEV_UNIT0	NR_DYN_UNITS
#define DEVHOLE_UNIT0	(NR_DYN_UNITS + NR_DEV_UNITS)
#define NR_UNITS	(DEVHOLE_UNIT0 + NR_DEVHOLE_UNITS)

/* sections of the hot-added area and what the writer does there */
#define DYN_SUB_SECTIONS	4UL	/* sections 0-3: sub-section add/remove */
#define DYN_WHOLE0		4UL	/* sections 4-5: whole-section add/remove */
#define DYN_BLOCK0		6UL	/* sections 6-7: memory blocks */

enum tc_state {
	ST_ABSENT,	/* no descriptors */
	ST_ADDED,	/* pmm_add_pages: valid, not a block, never online */
	ST_BLOCK,	/* pmm_add_memory: valid, offline */
	ST_ONLINE,	/* and onlined */
	ST_DEVICE,	/* pmm_memremap_pages: tc_unit.pgmap */
};

/*
 * Per unit: a seqcount (odd while the writer changes the unit), the state
 * and the pagemap.  The writer is the only one to write them.
 */
struct tc_unit {
	unsigned long seq;
	int state;
	void *pgmap;
};

static struct tc_unit tc_units[NR_UNITS];
static int tc_stop;

static unsigned long unit_pfn(unsigned int u)
{
	if (u < DEV_UNIT0)
		return DYN_START + (u - DYN_UNIT0) * SS;
	if (u < DEVHOLE_UNIT0)
		return DEV_START + (u - DEV_UNIT0) * SS;
	return DEVHOLE_START + (u - DEVHOLE_UNIT0) * SS;
}

/* ---------------------------------------------------------------------
 * Readers
 * --------------------------------------------------------------------- */

enum tc_region {
	RG_STABLE_RAM, RG_STABLE_HOLE, RG_NEVER, RG_DYN, RG_DEV, RG_DEVHOLE,
	RG_NR
};

static const char *const tc_region_names[RG_NR] = {
	"stable RAM", "stable hole", "never added", "hot-added", "device",
	"device in holes",
};

#define TC_MSGS		4

struct tc_reader {
	pthread_t thread;
	const struct tc_ops *ops;
	struct test_rand rng;	/* a stream per thread */
	long probes[RG_NR];
	long stable[RG_NR];	/* probes whose unit did not change */
	long fails;
	char msg[TC_MSGS][200];
};

#define RCHECK(rd, cond, ...)						\
	do {								\
		if (!(cond)) {						\
			if ((rd)->fails < TC_MSGS)			\
				snprintf((rd)->msg[(rd)->fails],	\
					 sizeof((rd)->msg[0]), __VA_ARGS__); \
			(rd)->fails++;					\
		}							\
	} while (0)

/* Stable memory: fixed answers, and its descriptor may be read. */
static void probe_fixed(struct tc_reader *rd, unsigned long pfn, enum tc_region rg)
{
	const struct tc_ops *o = rd->ops;
	int valid = o->m->pfn_valid(pfn);
	void *page = o->hp->pfn_to_online_page(pfn);
	int nid = o->m->pfn_to_nid(pfn);
	void *dev = o->dev_pagemap ? o->dev_pagemap(pfn) : NULL;

	RCHECK(rd, !dev, "%s: %s pfn %#lx: get_dev_pagemap %p", o->m->name,
	       tc_region_names[rg], pfn, dev);
	switch (rg) {
	case RG_STABLE_RAM:
		RCHECK(rd, valid, "%s: RAM pfn %#lx not valid", o->m->name, pfn);
		RCHECK(rd, page && page == o->m->pfn_to_page(pfn),
		       "%s: RAM pfn %#lx: online page %p", o->m->name, pfn, page);
		RCHECK(rd, !page || !o->is_device_page || !o->is_device_page(page),
		       "%s: RAM pfn %#lx: online page is a device page", o->m->name, pfn);
		RCHECK(rd, nid == (pfn < RAM0_END ? 0 : 1), "%s: RAM pfn %#lx: nid %d",
		       o->m->name, pfn, nid);
		break;
	case RG_STABLE_HOLE:
		/* a boot section is valid whole; classic has no sub-sections */
		RCHECK(rd, valid, "%s: hole pfn %#lx not valid", o->m->name, pfn);
		RCHECK(rd, o->vmemmap ? !page : page == o->m->pfn_to_page(pfn),
		       "%s: hole pfn %#lx: online page %p", o->m->name, pfn, page);
		RCHECK(rd, nid == 1, "%s: hole pfn %#lx: nid %d", o->m->name, pfn, nid);
		break;
	default:
		RCHECK(rd, !valid && !page && nid == -1,
		       "%s: never-added pfn %#lx: valid %d, online page %p, nid %d",
		       o->m->name, pfn, valid, page, nid);
		break;
	}
}

/*
 * Under an outer read lock (as a caller that uses what it looks up holds
 * one): a pagemap found holds the PFN, and an online page is that PFN's
 * descriptor.  Returns them for the stable-state checks.
 */
static void probe_locked(struct tc_reader *rd, unsigned long pfn, void **dev,
			 void **page, void **expect)
{
	const struct tc_ops *o = rd->ops;

	o->rcu_lock();
	*dev = o->dev_pagemap ? o->dev_pagemap(pfn) : NULL;
	if (*dev)
		RCHECK(rd, o->pgmap_holds(*dev, pfn),
		       "%s: pfn %#lx: get_dev_pagemap %p does not hold it",
		       o->m->name, pfn, *dev);
	*page = o->hp->pfn_to_online_page(pfn);
	/*
	 * VMEMMAP's pfn_to_page is arithmetic; classic's follows the root,
	 * which a concurrent remove may have cleared, so it is not asked
	 * (pfn_to_page takes a PFN that stays valid, as in Linux).
	 */
	*expect = o->vmemmap ? o->m->pfn_to_page(pfn) : NULL;
	o->rcu_unlock();
}

/* Memory the writer changes: timing-free rules, then its stable state. */
static void probe_unit(struct tc_reader *rd, unsigned int u, unsigned long pfn,
		       enum tc_region rg)
{
	const struct tc_ops *o = rd->ops;
	struct tc_unit *t = &tc_units[u];
	unsigned long seq = __atomic_load_n(&t->seq, __ATOMIC_ACQUIRE);
	int state = __atomic_load_n(&t->state, __ATOMIC_RELAXED);
	void *pgmap = __atomic_load_n(&t->pgmap, __ATOMIC_RELAXED);
	int valid = o->m->pfn_valid(pfn);
	void *page = o->hp->pfn_to_online_page(pfn);
	void *dev = o->dev_pagemap ? o->dev_pagemap(pfn) : NULL;
	void *ldev, *lpage, *expect;

	probe_locked(rd, pfn, &ldev, &lpage, &expect);
	if (rg == RG_DYN) {
		RCHECK(rd, !dev && !ldev, "%s: hot-added pfn %#lx: pagemap %p",
		       o->m->name, pfn, dev ? dev : ldev);
		/* VMEMMAP: an online page is the PFN's descriptor, any time */
		RCHECK(rd, !o->vmemmap || !lpage || lpage == expect,
		       "%s: hot-added pfn %#lx: online page %p, pfn_to_page %p",
		       o->m->name, pfn, lpage, expect);
		RCHECK(rd, !o->vmemmap || !page || o->m->page_to_pfn(page) == pfn,
		       "%s: hot-added pfn %#lx: online page of pfn %#lx",
		       o->m->name, pfn, o->m->page_to_pfn(page));
	} else {
		/* device memory is never online: it was never RAM */
		RCHECK(rd, !page && !lpage,
		       "%s: %s pfn %#lx: pfn_to_online_page %p (state %d)",
		       o->m->name, tc_region_names[rg], pfn, page ? page : lpage, state);
		if (rg == RG_DEVHOLE)
			RCHECK(rd, valid, "%s: device-in-hole pfn %#lx not valid",
			       o->m->name, pfn);
	}

	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	if ((seq & 1) || __atomic_load_n(&t->seq, __ATOMIC_RELAXED) != seq)
		return;
	rd->stable[rg]++;
	switch (state) {
	case ST_ABSENT:
		RCHECK(rd, valid == (rg == RG_DEVHOLE) && !page && !dev && !ldev,
		       "%s: absent pfn %#lx: valid %d, online %p, pagemap %p",
		       o->m->name, pfn, valid, page, dev);
		break;
	case ST_ADDED:
	case ST_BLOCK:
		RCHECK(rd, valid && !page && !lpage,
		       "%s: offline pfn %#lx (state %d): valid %d, online %p",
		       o->m->name, pfn, state, valid, page);
		break;
	case ST_ONLINE:
		RCHECK(rd, valid && page && lpage && (!o->vmemmap || lpage == expect),
		       "%s: online pfn %#lx: valid %d, online %p/%p, pfn_to_page %p",
		       o->m->name, pfn, valid, page, lpage, expect);
		break;
	case ST_DEVICE:
		RCHECK(rd, valid && !page && dev == pgmap && ldev == pgmap,
		       "%s: device pfn %#lx: valid %d, online %p, pagemap %p/%p, mapped %p",
		       o->m->name, pfn, valid, page, dev, ldev, pgmap);
		break;
	}
}

/* A PFN no one ever adds, spread over every root and beyond the last. */
static unsigned long never_pfn(const struct tc_ops *o, struct test_rand *s)
{
	switch (test_rand_below(s, 6)) {
	case 0:
		return 3 * S + test_rand_below(s, ROOT - 3 * S);
	case 1:
		return DYN_START + DYN_SECTIONS * S + test_rand_below(s, ROOT - DYN_SECTIONS * S);
	case 2:
		if (o->vmemmap)
			return DEV_START + DEV_SECTIONS * S +
			       test_rand_below(s, ROOT - DEV_SECTIONS * S);
		return DEV_START + test_rand_below(s, ROOT);
	case 3:
		return 3 * ROOT + test_rand_below(s, MAX_PFN - 3 * ROOT);
	case 4:
		return MAX_PFN + test_rand_below(s, 1UL << 20);
	default:
		return ~0UL - test_rand_below(s, 64);
	}
}

static void probe_one(struct tc_reader *rd)
{
	const struct tc_ops *o = rd->ops;
	struct test_rand *s = &rd->rng;
	unsigned long pfn;
	unsigned int u;
	enum tc_region rg = (enum tc_region)test_rand_below(s, RG_NR);

	if (!o->vmemmap && rg == RG_DEV)
		rg = RG_NEVER;
	if (!o->vmemmap && rg == RG_DEVHOLE)
		rg = RG_STABLE_HOLE;	/* classic: never mapped, a hole */
	rd->probes[rg]++;
	switch (rg) {
	case RG_STABLE_RAM:
		probe_fixed(rd, test_rand_below(s, RAM1_END), rg);
		break;
	case RG_STABLE_HOLE:
		pfn = o->vmemmap ? HOLE_START + test_rand_below(s, SS) :
				   HOLE_START + test_rand_below(s, 3 * S - HOLE_START);
		probe_fixed(rd, pfn, rg);
		break;
	case RG_NEVER:
		probe_fixed(rd, never_pfn(o, s), rg);
		break;
	case RG_DYN:
		u = DYN_UNIT0 + test_rand_below(s, NR_DYN_UNITS);
		probe_unit(rd, u, unit_pfn(u) + test_rand_below(s, SS), rg);
		break;
	case RG_DEV:
		u = DEV_UNIT0 + test_rand_below(s, NR_DEV_UNITS);
		probe_unit(rd, u, unit_pfn(u) + test_rand_below(s, SS), rg);
		break;
	default:
		u = DEVHOLE_UNIT0 + test_rand_below(s, NR_DEVHOLE_UNITS);
		probe_unit(rd, u, unit_pfn(u) + test_rand_below(s, SS), rg);
		break;
	}
}

static void *reader_main(void *arg)
{
	struct tc_reader *rd = (struct tc_reader *)arg;

	while (!__atomic_load_n(&tc_stop, __ATOMIC_ACQUIRE))
		probe_one(rd);
	return NULL;
}

/* ---------------------------------------------------------------------
 * The writer: one thread, a fixed-seed sequence of operations
 * --------------------------------------------------------------------- */

#define TC_MAX_PGMAPS	16

struct tc_writer {
	const struct tc_ops *ops;
	struct test_rand rng;
	long ops_done[10];
	long drains;	/* a whole root emptied: retired and freed */
	void *pgmaps[TC_MAX_PGMAPS];
	unsigned int nr_pgmaps;
};

enum { W_SUB, W_WHOLE, W_BLOCK, W_DRAIN, W_MAP, W_UNMAP, W_HOLEMAP, W_DEVDRAIN,
       W_BAD, W_NR };

/*
 * The writer's mix: a step draws r below 100 and takes the first
 * operation whose bound is above it (W_SUB 24%, W_WHOLE 12%, ... W_BAD 4%).
 */
static const unsigned char w_upto[W_NR] = { 24, 36, 54, 58, 72, 86, 93, 96, 100 };

static unsigned int pfn_unit(unsigned long pfn)
{
	if (pfn >= DEV_START)
		return DEV_UNIT0 + (pfn - DEV_START) / SS;
	if (pfn >= DYN_START)
		return DYN_UNIT0 + (pfn - DYN_START) / SS;
	return DEVHOLE_UNIT0 + (pfn - DEVHOLE_START) / SS;
}

/* Open [pfn, pfn + nr) for change: readers stop trusting its state. */
static void units_begin(unsigned long pfn, unsigned long nr)
{
	unsigned int u;

	for (u = pfn_unit(pfn); u < pfn_unit(pfn + nr - 1) + 1; u++)
		__atomic_store_n(&tc_units[u].seq, tc_units[u].seq + 1, __ATOMIC_RELAXED);
	/* the odd counts before any store of the operation */
	__atomic_thread_fence(__ATOMIC_RELEASE);
}

static void units_end(unsigned long pfn, unsigned long nr, int state, void *pgmap)
{
	unsigned int u;

	for (u = pfn_unit(pfn); u < pfn_unit(pfn + nr - 1) + 1; u++) {
		__atomic_store_n(&tc_units[u].state, state, __ATOMIC_RELAXED);
		__atomic_store_n(&tc_units[u].pgmap, pgmap, __ATOMIC_RELAXED);
		__atomic_store_n(&tc_units[u].seq, tc_units[u].seq + 1, __ATOMIC_RELEASE);
	}
}

/* Every unit of [pfn, pfn + nr) in @state? */
static int units_all(unsigned long pfn, unsigned long nr, int state)
{
	unsigned int u;

	for (u = pfn_unit(pfn); u < pfn_unit(pfn + nr - 1) + 1; u++)
		if (tc_units[u].state != state)
			return 0;
	return 1;
}

static int units_any(unsigned long pfn, unsigned long nr, int state)
{
	unsigned int u;

	for (u = pfn_unit(pfn); u < pfn_unit(pfn + nr - 1) + 1; u++)
		if (tc_units[u].state == state)
			return 1;
	return 0;
}

/* Add or remove a run of ST_ADDED memory, by @unit pages. */
static void w_add_remove(struct tc_writer *w, unsigned long pfn, unsigned long nr)
{
	const struct tc_ops *o = w->ops;
	int err;

	if (units_all(pfn, nr, ST_ABSENT)) {
		units_begin(pfn, nr);
		err = o->hp->add_pages(3, pfn, nr);
		ASSERT_MSG(!err, "add_pages(%#lx, %lu) = %d", pfn, nr, err);
		units_end(pfn, nr, err ? ST_ABSENT : ST_ADDED, NULL);
	} else if (units_all(pfn, nr, ST_ADDED)) {
		units_begin(pfn, nr);
		err = o->hp->remove_pages(pfn, nr);
		ASSERT_MSG(!err, "remove_pages(%#lx, %lu) = %d", pfn, nr, err);
		units_end(pfn, nr, err ? ST_ADDED : ST_ABSENT, NULL);
	} else if (units_any(pfn, nr, ST_ABSENT)) {
		/* refused whole, with nothing changed: readers keep trusting it */
		err = o->hp->add_pages(3, pfn, nr);
		ASSERT_MSG(err == -PMM_EEXIST, "add_pages(%#lx, %lu) over memory = %d",
			   pfn, nr, err);
		err = o->hp->remove_pages(pfn, nr);
		ASSERT_MSG(err == -PMM_EINVAL, "remove_pages(%#lx, %lu) over a gap = %d",
			   pfn, nr, err);
	}
}

/* Sub-sections (VMEMMAP) or sections (classic) in sections 0-3. */
static void w_sub(struct tc_writer *w)
{
	unsigned long unit = w->ops->vmemmap ? SS : S;
	unsigned long units = DYN_SUB_SECTIONS * S / unit;
	unsigned long first = test_rand_below(&w->rng, units);
	unsigned long n = 1 + test_rand_below(&w->rng, units - first);

	w_add_remove(w, DYN_START + first * unit, n * unit);
}

/* Whole sections 4-5, one or both. */
static void w_whole(struct tc_writer *w)
{
	unsigned long first = test_rand_below(&w->rng, 2);
	unsigned long n = 1 + test_rand_below(&w->rng, 2 - first);

	w_add_remove(w, DYN_START + (DYN_WHOLE0 + first) * S, n * S);
}

/* One step of a memory block's life: add, online, offline, remove. */
static void w_block(struct tc_writer *w)
{
	const struct tc_ops *o = w->ops;
	unsigned long pfn = DYN_START + (DYN_BLOCK0 + test_rand_below(&w->rng, 2)) * S;
	int state = tc_units[pfn_unit(pfn)].state, err;

	units_begin(pfn, S);
	switch (state) {
	case ST_ABSENT:
		err = o->hp->add_memory(3, pfn, S);
		ASSERT_MSG(!err, "add_memory(%#lx) = %d", pfn, err);
		state = err ? state : ST_BLOCK;
		break;
	case ST_ONLINE:
		/* an online block cannot go */
		err = o->hp->remove_memory(pfn, S);
		ASSERT_MSG(err == -PMM_EBUSY, "remove_memory(online %#lx) = %d", pfn, err);
		err = o->hp->offline_pages(pfn, S);
		ASSERT_MSG(!err, "offline_pages(%#lx) = %d", pfn, err);
		state = err ? state : ST_BLOCK;
		break;
	default:
		if (test_rand_below(&w->rng, 2)) {
			err = o->hp->online_pages(pfn, S, PMM_MMOP_ONLINE);
			ASSERT_MSG(!err, "online_pages(%#lx) = %d", pfn, err);
			state = err ? state : ST_ONLINE;
		} else {
			err = o->hp->remove_memory(pfn, S);
			ASSERT_MSG(!err, "remove_memory(%#lx) = %d", pfn, err);
			state = err ? state : ST_ABSENT;
		}
		break;
	}
	units_end(pfn, S, state, NULL);
}

/* Take all hot-added memory out: root 1 is retired and freed. */
static void w_drain(struct tc_writer *w)
{
	const struct tc_ops *o = w->ops;
	unsigned long pfn;
	int err;

	for (pfn = DYN_START; pfn < DYN_START + DYN_SECTIONS * S; pfn += SS) {
		int state = tc_units[pfn_unit(pfn)].state;

		if (state == ST_ABSENT)
			continue;
		if (state == ST_ADDED) {
			/* VMEMMAP by sub-section; classic by section */
			unsigned long nr = o->vmemmap ? SS : S;

			units_begin(pfn, nr);
			err = o->hp->remove_pages(pfn, nr);
			ASSERT_MSG(!err, "drain: remove_pages(%#lx, %lu) = %d", pfn, nr, err);
			units_end(pfn, nr, ST_ABSENT, NULL);
			continue;
		}
		units_begin(pfn, S);
		if (state == ST_ONLINE) {
			err = o->hp->offline_pages(pfn, S);
			ASSERT_MSG(!err, "drain: offline_pages(%#lx) = %d", pfn, err);
		}
		err = o->hp->remove_memory(pfn, S);
		ASSERT_MSG(!err, "drain: remove_memory(%#lx) = %d", pfn, err);
		units_end(pfn, S, ST_ABSENT, NULL);
	}
	w->drains++;
}

static void w_track(struct tc_writer *w, void *pgmap)
{
	if (w->nr_pgmaps < TC_MAX_PGMAPS)
		w->pgmaps[w->nr_pgmaps++] = pgmap;
}

/* Map one or two free ranges of [base, base + span) (whole units). */
static void w_map(struct tc_writer *w, unsigned long base, unsigned long span,
		  unsigned long max_units)
{
	const struct tc_ops *o = w->ops;
	struct pmm_dev_range r[2];
	unsigned long units = span / SS;
	unsigned int nr = 1, i;
	void *pgmap;
	int err, free_all = 1;

	if (w->nr_pgmaps >= TC_MAX_PGMAPS)
		return;
	if (units > 1 && !test_rand_below(&w->rng, 4))
		nr = 2;
	for (i = 0; i < nr; i++) {
		unsigned long first = test_rand_below(&w->rng, units);
		unsigned long n = 1 + test_rand_below(&w->rng, units - first < max_units ?
						      units - first : max_units);

		r[i].start_pfn = base + first * SS;
		r[i].end_pfn = r[i].start_pfn + n * SS;
	}
	if (nr == 2 && r[0].start_pfn < r[1].end_pfn && r[1].start_pfn < r[0].end_pfn)
		nr = 1;		/* ranges of one pagemap may not overlap */
	for (i = 0; i < nr; i++)
		free_all &= units_all(r[i].start_pfn, r[i].end_pfn - r[i].start_pfn,
				      ST_ABSENT);
	if (!free_all) {
		/* over another pagemap: refused before anything is published */
		pgmap = o->memremap(r, nr, 2, &err);
		ASSERT_MSG(!pgmap && err == -PMM_EEXIST,
			   "memremap over a mapped range: %d", err);
		return;
	}
	for (i = 0; i < nr; i++)
		units_begin(r[i].start_pfn, r[i].end_pfn - r[i].start_pfn);
	pgmap = o->memremap(r, nr, 2, &err);
	ASSERT_MSG(pgmap, "memremap [%#lx, %#lx) x%u = %d", r[0].start_pfn,
		   r[0].end_pfn, nr, err);
	for (i = 0; i < nr; i++)
		units_end(r[i].start_pfn, r[i].end_pfn - r[i].start_pfn,
			  pgmap ? ST_DEVICE : ST_ABSENT, pgmap);
	if (pgmap)
		w_track(w, pgmap);
}

/* Unmap pagemap @i and free it at once. */
static void w_unmap_one(struct tc_writer *w, unsigned int i)
{
	const struct tc_ops *o = w->ops;
	void *pgmap = w->pgmaps[i];
	unsigned int u;
	int err;

	for (u = 0; u < NR_UNITS; u++)
		if (tc_units[u].pgmap == pgmap)
			units_begin(unit_pfn(u), SS);
	err = o->memunmap(pgmap);	/* frees it on success */
	ASSERT_MSG(!err, "memunmap = %d", err);
	for (u = 0; u < NR_UNITS; u++)
		if (tc_units[u].pgmap == pgmap)
			units_end(unit_pfn(u), SS, err ? ST_DEVICE : ST_ABSENT,
				  err ? pgmap : NULL);
	w->pgmaps[i] = w->pgmaps[--w->nr_pgmaps];
}

static void w_unmap(struct tc_writer *w)
{
	if (w->nr_pgmaps)
		w_unmap_one(w, (unsigned int)test_rand_below(&w->rng, w->nr_pgmaps));
}

/* Unmap every pagemap: with the device area empty, root 2 goes. */
static void w_devdrain(struct tc_writer *w)
{
	while (w->nr_pgmaps)
		w_unmap_one(w, w->nr_pgmaps - 1);
	w->drains++;
}

/* Requests that must be refused whole, with nothing visible changing. */
static void w_bad(struct tc_writer *w)
{
	const struct tc_ops *o = w->ops;
	unsigned long pfn = DYN_START + test_rand_below(&w->rng, DYN_SECTIONS) * S;
	int err;

	/* stable memory is never added twice nor onlined as a new block */
	err = o->hp->add_pages(0, 0, S);
	ASSERT_MSG(err == -PMM_EEXIST, "add_pages over boot RAM = %d", err);
	/* misaligned: half a unit */
	err = o->hp->add_pages(3, pfn + SS / 2, SS);
	ASSERT_MSG(err == -PMM_EINVAL, "add_pages(misaligned %#lx) = %d", pfn + SS / 2, err);
	err = o->hp->remove_memory(0, S);
	ASSERT_MSG(err == -PMM_EBUSY, "remove_memory(online boot RAM) = %d", err);
}

static void writer_step(struct tc_writer *w)
{
	const struct tc_ops *o = w->ops;
	unsigned long r = test_rand_below(&w->rng, 100);
	int op = 0;

	while (r >= w_upto[op])
		op++;
	if (!o->vmemmap && op >= W_MAP && op <= W_DEVDRAIN)
		op = op == W_MAP ? W_SUB : op == W_UNMAP ? W_BLOCK : W_DRAIN;
	w->ops_done[op]++;
	switch (op) {
	case W_SUB:
		w_sub(w);
		break;
	case W_WHOLE:
		w_whole(w);
		break;
	case W_BLOCK:
		w_block(w);
		break;
	case W_DRAIN:
		w_drain(w);
		break;
	case W_MAP:
		w_map(w, DEV_START, DEV_SECTIONS * S, 12);
		break;
	case W_UNMAP:
		w_unmap(w);
		break;
	case W_HOLEMAP:
		w_map(w, DEVHOLE_START, DEVHOLE_END - DEVHOLE_START, 2);
		break;
	case W_DEVDRAIN:
		w_devdrain(w);
		break;
	default:
		w_bad(w);
		break;
	}
}

/* ---------------------------------------------------------------------
 * One instance: boot, readers, writer, join, report
 * --------------------------------------------------------------------- */

static unsigned long opt_readers = 2;
static const struct test_option tc_options[] = {
	{ 't', "READERS", "reader threads (default 2)", .num = &opt_readers, .min = 1,
	  .max = TC_MAX_READERS },
	{ 0 }
};
static struct test_args args = {
	.takes = "sni", .seed = TC_DEFAULT_SEED, .n = TC_DEFAULT_OPS, .n_name = "OPS",
	.about = "readers against hotplug, under ThreadSanitizer", .extra = tc_options,
};
static const struct tc_ops *tc_cur;

static const struct pmm_range tc_boot[] = {
	{ 0, RAM0_END, 0 },
	{ RAM0_END, RAM1_END, 1 },
};

/*
 * Taint boot section 2 before readers run: a pagemap mapped once and
 * unmapped leaves SECTION_TAINT_ZONE_DEVICE for good, as in Linux.
 */
static int tc_pretaint(const struct tc_ops *o)
{
	struct pmm_dev_range r = { DEVHOLE_START, DEVHOLE_END };
	void *pgmap;
	int err;

	if (!o->vmemmap)
		return 0;
	pgmap = o->memremap(&r, 1, 2, &err);
	return pgmap ? o->memunmap(pgmap) : err;
}

static int tc_boot_instance(const struct tc_ops *o)
{
	int err = o->m->init(tc_boot, 2);

	if (!err)
		err = tc_pretaint(o);
	memset(tc_units, 0, sizeof(tc_units));
	return err;
}

/*
 * The layout the readers rely on, checked on one thread first so that
 * every fixed expectation is known to hold without a writer.
 */
static int case_layout(void)
{
	const struct tc_ops *o = tc_cur;
	struct tc_reader rd;
	unsigned long pfn;
	unsigned int u;

	memset(&rd, 0, sizeof(rd));
	rd.ops = o;
	test_rand_init(&rd.rng, args.seed, 0);
	ASSERT_EQ(0, tc_boot_instance(o));
	for (pfn = 0; pfn < RAM1_END; pfn++)
		probe_fixed(&rd, pfn, RG_STABLE_RAM);
	for (pfn = HOLE_START; pfn < (o->vmemmap ? DEVHOLE_START : 3 * S); pfn++)
		probe_fixed(&rd, pfn, RG_STABLE_HOLE);
	for (u = 0; u < 20000; u++)
		probe_fixed(&rd, never_pfn(o, &rd.rng), RG_NEVER);
	for (u = 0; u < NR_UNITS; u++)
		if (o->vmemmap || u < DEV_UNIT0)
			probe_unit(&rd, u, unit_pfn(u), u < DEV_UNIT0 ? RG_DYN :
					   u < DEVHOLE_UNIT0 ? RG_DEV : RG_DEVHOLE);
	for (u = 0; u < TC_MSGS && u < rd.fails; u++)
		fprintf(stderr, "FAIL %s\n", rd.msg[u]);
	ASSERT_EQ(0, rd.fails);
	o->m->exit();
	return 0;
}

/*
 * The writer runs a fixed sequence of args.n operations; readers probe
 * until it is done.  Then the readers' and the writer's checks, and
 * ThreadSanitizer's reports, decide.
 */
static int case_stress(void)
{
	const struct tc_ops *o = tc_cur;
	struct tc_reader rd[TC_MAX_READERS];
	struct tc_writer w;
	long reports = __atomic_load_n(&tc_tsan_reports, __ATOMIC_RELAXED);
	long total[RG_NR] = { 0 }, stable[RG_NR] = { 0 }, fails = 0;
	unsigned long i;
	unsigned int t, m;
	int rg;

	ASSERT_EQ(0, tc_boot_instance(o));
	memset(&w, 0, sizeof(w));
	w.ops = o;
	test_rand_init(&w.rng, args.seed, 1);
	tc_stop = 0;
	for (t = 0; t < opt_readers; t++) {
		memset(&rd[t], 0, sizeof(rd[t]));
		rd[t].ops = o;
		test_rand_init(&rd[t].rng, args.seed, t + 2);
		if (pthread_create(&rd[t].thread, NULL, reader_main, &rd[t]))
			abort();
	}
	for (i = 0; i < args.n; i++)
		writer_step(&w);
	__atomic_store_n(&tc_stop, 1, __ATOMIC_RELEASE);
	for (t = 0; t < opt_readers; t++) {
		pthread_join(rd[t].thread, NULL);
		for (m = 0; m < TC_MSGS && m < rd[t].fails; m++)
			fprintf(stderr, "FAIL reader %u: %s\n", t, rd[t].msg[m]);
		fails += rd[t].fails;
		for (rg = 0; rg < RG_NR; rg++) {
			total[rg] += rd[t].probes[rg];
			stable[rg] += rd[t].stable[rg];
		}
	}
	w_devdrain(&w);
	o->m->exit();

	if (test_verbose) {
		printf("%s: %lu writer ops (sub %ld, whole %ld, block %ld, drain %ld, map %ld, "
		       "unmap %ld, holemap %ld, devdrain %ld, bad %ld)\n", o->m->name, args.n,
		       w.ops_done[W_SUB], w.ops_done[W_WHOLE], w.ops_done[W_BLOCK],
		       w.ops_done[W_DRAIN], w.ops_done[W_MAP], w.ops_done[W_UNMAP],
		       w.ops_done[W_HOLEMAP], w.ops_done[W_DEVDRAIN], w.ops_done[W_BAD]);
		for (rg = 0; rg < RG_NR; rg++)
			printf("%s:   %-16s %9ld probes, %9ld with a stable state\n", o->m->name,
			       tc_region_names[rg], total[rg], stable[rg]);
	}
	ASSERT_EQ(0, fails);
	/* every kind of memory was probed, and the writer reached every state */
	for (rg = 0; rg < RG_NR; rg++)
		if (o->vmemmap || (rg != RG_DEV && rg != RG_DEVHOLE))
			ASSERT_NE(0, total[rg]);
	ASSERT_NE(0, stable[RG_DYN]);
	ASSERT_NE(0, w.drains);
	ASSERT_EQ(0, __atomic_load_n(&tc_tsan_reports, __ATOMIC_RELAXED) - reports);
	return 0;
}

/* ---------------------------------------------------------------------
 * The grace periods themselves: synchronize waits for a reader inside
 * --------------------------------------------------------------------- */

struct tc_gp {
	void (*lock)(void);
	void (*unlock)(void);
	int inside, go, left;
};

static void *gp_reader(void *arg)
{
	struct tc_gp *g = (struct tc_gp *)arg;
	struct timespec ts = { 0, 20 * 1000 * 1000 };

	g->lock();
	g->lock();	/* nested, as a caller around pmm's own readers */
	g->unlock();
	__atomic_store_n(&g->inside, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&g->go, __ATOMIC_ACQUIRE))
		sched_yield();
	nanosleep(&ts, NULL);
	__atomic_store_n(&g->left, 1, __ATOMIC_RELAXED);
	g->unlock();
	return NULL;
}

static void gp_check(void (*lock)(void), void (*unlock)(void), void (*sync)(void))
{
	struct tc_gp g = { lock, unlock, 0, 0, 0 };
	pthread_t t;

	sync();		/* no reader yet: returns */
	if (pthread_create(&t, NULL, gp_reader, &g))
		abort();
	while (!__atomic_load_n(&g.inside, __ATOMIC_ACQUIRE))
		sched_yield();
	__atomic_store_n(&g.go, 1, __ATOMIC_RELEASE);
	sync();		/* must outlast the reader's 20 ms inside */
	ASSERT_EQ(1, __atomic_load_n(&g.left, __ATOMIC_RELAXED));
	pthread_join(t, NULL);
}

static int case_hosted_grace_period(void)
{
	gp_check(pmm_hosted_rcu_read_lock, pmm_hosted_rcu_read_unlock,
		 pmm_hosted_synchronize_rcu);
	return 0;
}

static int case_epoch_grace_period(void)
{
	gp_check(ep_read_lock, ep_read_unlock, ep_synchronize);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned int i;
	int ran = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);	/* in order with the reports */
	test_parse_args(&args, argc, argv);
	printf("test_rcu%s: seed %#llx, %lu writer ops per instance, %lu readers%s\n",
	       TC_CC_SUFFIX, args.seed, args.n, opt_readers,
#ifdef BROKEN_GRACE_PERIOD
	       " (BROKEN_GRACE_PERIOD: expect ThreadSanitizer reports)"
#else
	       ""
#endif
	       );
	/* the hook implementations themselves; BROKEN_GRACE_PERIOD spares them */
	RUN(case_hosted_grace_period);
	RUN(case_epoch_grace_period);
	for (i = 0; i < TC_NR_INSTANCES; i++) {
		if (!test_args_instance(&args, tc_instances[i].m->name))
			continue;
		tc_instances[i].vmemmap = tc_instances[i].dev_pagemap != NULL;
		tc_cur = &tc_instances[i];
		prefix_push(tc_cur->m->name);
		RUN(case_layout);
		RUN(case_stress);
		prefix_pop();
		ran++;
	}
	if (test_args_no_instance(&args, ran))
		return 2;
	return test_summary("test_rcu" TC_CC_SUFFIX);
}
