// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_deferred.c - deferred struct page initialisation
 * (PMM_DEFERRED_STRUCT_PAGE_INIT, pmm_deferred_init)
 *
 * Each instance built with PMM_DEFERRED_STRUCT_PAGE_INIT 1 boots the same
 * map as a twin built without it, and the two memmaps are compared
 * descriptor by descriptor.  What pmm_init must have initialised is
 * worked out here, independently of pmm_sparse_deferred.h, by running
 * Linux 6.12's defer_init (mm/mm_init.c) PFN by PFN over each node's RAM:
 *
 *	nr_initialised++;
 *	if (nr_initialised > PAGES_PER_SECTION &&
 *	    (pfn & (PAGES_PER_SECTION - 1)) == 0)
 *		first_deferred_pfn = pfn;	(and the rest of the node waits)
 *
 * Holes are always initialised at boot (init_unavailable_range).  Before
 * pmm_deferred_init, early descriptors equal the twin's and deferred ones
 * are zero; afterwards every descriptor equals the twin's.
 *
 * Part 1: memblock-style cases, one rule each.  Part 2: random maps with
 * a fixed seed (DT_DEFAULT_SEED; -s SEED for another, -n MAPS for how
 * many per pair), each booted, checked, finished with 0 to 3 threads
 * (sometimes after a failed chunk-table allocation) and checked again.
 *
 * Instances: 4 KiB pages, 32-page sections (128 KiB), 4096 PFNs, 8 nodes.
 *	dv / nv	SPARSEMEM_VMEMMAP, run-time base, with / without deferral
 *	ds / ns	SPARSEMEM EXTREME, with / without
 *	dt	SPARSEMEM with a static section table, with (twin: ns)
 *	dh	SPARSEMEM_VMEMMAP at a compile-time base, with deferral and
 *		its own PMM_DEFERRED_RUN, as a kernel would give it (twin: nv)
 *
 * A VMEMMAP descriptor of node 0 has flags 0 whether initialised or not
 * (no zone, no section number), so only classic SPARSEMEM (section
 * number in page->flags) can tell node 0's early pages from its deferred
 * ones; the cases put the nodes they look at elsewhere.
 */
#include <errno.h>
#include <pthread.h>

#include "test.h"
#include "test_args.h"
#include "test_rand.h"

#define DT_DEFAULT_SEED		0xdefe22edULL
#define DT_DEFAULT_MAPS		400UL	/* per pair: 1,600 in all */

#define DT_PPS			32UL	/* pages per section */
#define DT_MAX_PFN		4096UL
#define DT_NODES		8
#define DT_NONE			(~0UL)	/* no deferral on this node */
#define DT_HOOK_CPUS		3	/* what dh's hook runs for nr_threads 0 */
#define DT_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static void dh_run(void (*fn)(void *), void *arg, unsigned int nr_threads);

/*
 * Every instance: 4 KiB pages, 32-page sections (8-page sub-sections with
 * VMEMMAP), 4096 PFNs, 8 nodes, the counting allocator, and each its
 * struct model_ops and struct hotplug_ops.
 */
#define TI_PAGE_SHIFT		12
#define TI_SECTION_SIZE_BITS	17
#define TI_SUBSECTION_SHIFT	15
#define TI_MAX_PAGE_ORDER	3
#define TI_MAX_PHYSMEM_BITS	24
#define TI_NODES_SHIFT		3
#define TI_OPS
#define TI_HOTPLUG_OPS

#define TI_NAME dv
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_DEFERRED_STRUCT_PAGE_INIT 1
#include "test_instance.h"

#define TI_NAME nv
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#include "test_instance.h"

#define TI_NAME ds
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_SPARSEMEM_EXTREME 1
#define PMM_DEFERRED_STRUCT_PAGE_INIT 1
#include "test_instance.h"

#define TI_NAME ns
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_SPARSEMEM_EXTREME 1
#include "test_instance.h"

#define TI_NAME dt
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_SPARSEMEM_EXTREME 0
#define PMM_DEFERRED_STRUCT_PAGE_INIT 1
#include "test_instance.h"

#define TI_NAME dh
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_DEFERRED_STRUCT_PAGE_INIT 1
#define PMM_VMEMMAP_BASE 0x300000000000UL
#define PMM_DEFERRED_RUN(fn, arg, n)	dh_run((fn), (arg), (n))
#include "test_instance.h"

/* ---------------------------------------------------------------------
 * One table per instance: model_ops plus the calls deferral gates
 * --------------------------------------------------------------------- */

struct dt_ops {
	const struct model_ops *m;
	const struct hotplug_ops *hp;
	int (*deferred_init)(unsigned int nr_threads);
};

#define DT_OPS(N)								\
static const struct dt_ops N##_dt = {						\
	&N##_ops, &N##_hotplug_ops, pmm_##N##_deferred_init,			\
}

DT_OPS(dv);
DT_OPS(nv);
DT_OPS(ds);
DT_OPS(ns);
DT_OPS(dt);
DT_OPS(dh);

/*
 * A deferred instance and its twin.  same_shape: the twin has the same
 * section table, so the bytes pmm_stats reports must match too.
 */
struct dt_pair {
	const char *name;
	const struct dt_ops *d, *n;
	int same_shape, hooked;
};

static const struct dt_pair pairs[] = {
	{ "vmemmap", &dv_dt, &nv_dt, 1, 0 },
	{ "sparse", &ds_dt, &ns_dt, 1, 0 },
	{ "static", &dt_dt, &ns_dt, 0, 0 },
	{ "hooked", &dh_dt, &nv_dt, 1, 1 },
};

/* ---------------------------------------------------------------------
 * The expectation: defer_init run PFN by PFN
 * --------------------------------------------------------------------- */

/* The map under test, as the checks and dh's hook see it. */
static struct dt_map {
	const struct pmm_range *r;
	unsigned int nr;
	signed char ram_nid[DT_MAX_PFN];	/* -1: hole */
	unsigned long first[DT_NODES];		/* first deferred PFN, or DT_NONE */
	unsigned long deferred;			/* pages left for later */
	unsigned long pieces;			/* (range, section) pieces of them */
} cur;

static int dt_deferred_pfn(unsigned long pfn)
{
	int nid = cur.ram_nid[pfn];

	return nid >= 0 && cur.first[nid] != DT_NONE && pfn >= cur.first[nid];
}

/* Is @pfn where a range of the map starts or ends? */
static int dt_range_edge(unsigned long pfn, int start)
{
	unsigned int i;

	for (i = 0; i < cur.nr; i++)
		if ((start ? cur.r[i].start_pfn : cur.r[i].end_pfn) == pfn)
			return 1;
	return 0;
}

static void dt_expect(const struct pmm_range *r, unsigned int nr)
{
	unsigned long pfn, seen[DT_NODES];
	unsigned int i;
	int nid;

	cur.r = r;
	cur.nr = nr;
	memset(cur.ram_nid, -1, sizeof(cur.ram_nid));
	for (i = 0; i < nr; i++)
		for (pfn = r[i].start_pfn; pfn < r[i].end_pfn; pfn++)
			cur.ram_nid[pfn] = (signed char)r[i].nid;
	for (nid = 0; nid < DT_NODES; nid++) {
		seen[nid] = 0;
		cur.first[nid] = DT_NONE;
	}
	/* defer_init: count the node's RAM, this PFN included */
	for (pfn = 0; pfn < DT_MAX_PFN; pfn++) {
		nid = cur.ram_nid[pfn];
		if (nid < 0 || cur.first[nid] != DT_NONE)
			continue;
		if (++seen[nid] > DT_PPS && pfn % DT_PPS == 0)
			cur.first[nid] = pfn;
	}
	cur.deferred = 0;
	cur.pieces = 0;
	for (pfn = 0; pfn < DT_MAX_PFN; pfn++) {
		if (!dt_deferred_pfn(pfn))
			continue;
		cur.deferred++;
		/* a new piece: a section or a range starts, or a deferred run */
		if (pfn % DT_PPS == 0 || !dt_deferred_pfn(pfn - 1) ||
		    dt_range_edge(pfn, 1))
			cur.pieces++;
	}
}

/* ---------------------------------------------------------------------
 * Checks
 * --------------------------------------------------------------------- */

static unsigned long dt_flags(const struct dt_ops *o, unsigned long pfn)
{
	return *(const unsigned long *)o->m->pfn_to_page(pfn);
}

static void dt_stats(const struct dt_ops *o, struct pmm_stats *st)
{
	o->m->stats(st);
}

/*
 * Before pmm_deferred_init: pfn_valid as the twin; early RAM and every
 * hole as the twin's descriptor; deferred RAM zero.  Returns how many
 * deferred descriptors the twin has non-zero, which is how many the
 * check could tell apart.
 */
static unsigned long check_before(const struct dt_pair *p)
{
	unsigned long pfn, told = 0;

	for (pfn = 0; pfn < DT_MAX_PFN; pfn++) {
		int vd = p->d->m->pfn_valid(pfn), vn = p->n->m->pfn_valid(pfn);
		unsigned long fd, fn;

		ASSERT_MSG(vd == vn, "%s: pfn_valid(%#lx) = %d, twin %d", p->d->m->name, pfn,
			   vd, vn);
		if (!vd || !vn)
			continue;
		fd = dt_flags(p->d, pfn);
		fn = dt_flags(p->n, pfn);
		if (dt_deferred_pfn(pfn)) {
			ASSERT_MSG(fd == 0, "%s: deferred PFN %#lx (node %d, first deferred %#lx) "
				   "has flags %#lx before pmm_deferred_init", p->d->m->name, pfn,
				   cur.ram_nid[pfn], cur.first[cur.ram_nid[pfn]], fd);
			told += fn != 0;
		} else {
			ASSERT_MSG(fd == fn, "%s: %s PFN %#lx has flags %#lx, twin %#lx",
				   p->d->m->name, cur.ram_nid[pfn] < 0 ? "hole" : "early RAM",
				   pfn, fd, fn);
			/* and not only as the twin: holes are PG_reserved, RAM not */
			ASSERT_MSG(!(fd & 1UL << PMM_PG_RESERVED) == (cur.ram_nid[pfn] >= 0),
				   "%s: PFN %#lx (node %d) has flags %#lx", p->d->m->name, pfn,
				   cur.ram_nid[pfn], fd);
		}
	}
	return told;
}

/* After pmm_deferred_init: every descriptor as the twin's. */
static void check_after(const struct dt_pair *p)
{
	unsigned long pfn;

	for (pfn = 0; pfn < DT_MAX_PFN; pfn++) {
		int vd = p->d->m->pfn_valid(pfn), vn = p->n->m->pfn_valid(pfn);

		ASSERT_MSG(vd == vn, "%s: pfn_valid(%#lx) = %d, twin %d", p->d->m->name, pfn,
			   vd, vn);
		if (vd && vn)
			ASSERT_MSG(dt_flags(p->d, pfn) == dt_flags(p->n, pfn),
				   "%s: PFN %#lx has flags %#lx after pmm_deferred_init, twin %#lx",
				   p->d->m->name, pfn, dt_flags(p->d, pfn), dt_flags(p->n, pfn));
	}
}

/*
 * pmm_stats against the twin's: the same RAM, sections and memmap;
 * deferred_pages as defer_init counts; while the map is kept for
 * pmm_deferred_init, its copy is in metadata_bytes.
 */
static void check_stats(const struct dt_pair *p, int done)
{
	struct pmm_stats sd, sn;
	unsigned long long kept = 0;

	dt_stats(p->d, &sd);
	dt_stats(p->n, &sn);
	if (!done && cur.deferred)
		kept = cur.nr * sizeof(struct pmm_range);
	ASSERT_MSG(sd.deferred_pages == (done ? 0 : cur.deferred),
		   "%s: deferred_pages %lu, expected %lu", p->d->m->name, sd.deferred_pages,
		   done ? 0 : cur.deferred);
	ASSERT_MSG(sn.deferred_pages == 0, "%s: twin reports %lu deferred pages",
		   p->n->m->name, sn.deferred_pages);
	ASSERT_MSG(sd.ram_pages == sn.ram_pages, "%s: ram_pages %lu, twin %lu",
		   p->d->m->name, sd.ram_pages, sn.ram_pages);
	ASSERT_MSG(sd.nr_present_sections == sn.nr_present_sections &&
		   sd.memmap_pages == sn.memmap_pages && sd.nr_nodes == sn.nr_nodes,
		   "%s: sections/memmap pages/nodes %lu/%lu/%u, twin %lu/%lu/%u",
		   p->d->m->name, sd.nr_present_sections, sd.memmap_pages, sd.nr_nodes,
		   sn.nr_present_sections, sn.memmap_pages, sn.nr_nodes);
	if (!p->same_shape)
		return;
	ASSERT_MSG(sd.memmap_bytes == sn.memmap_bytes, "%s: memmap_bytes %llu, twin %llu",
		   p->d->m->name, sd.memmap_bytes, sn.memmap_bytes);
	ASSERT_MSG(sd.metadata_bytes == sn.metadata_bytes + kept,
		   "%s: metadata_bytes %llu, expected the twin's %llu + %llu",
		   p->d->m->name, sd.metadata_bytes, sn.metadata_bytes, kept);
}

/* Nothing held: the counting allocator and the hosted hooks are at zero. */
static void check_nothing_held(const char *what)
{
	ASSERT_MSG(test_alloc_live_blocks == 0 && test_alloc_live_bytes == 0,
		   "%s: %ld blocks, %lld bytes still allocated", what,
		   test_alloc_live_blocks, test_alloc_live_bytes);
	ASSERT_MSG(pmm_hosted_live == 0, "%s: %llu bytes still held (memmap backing)",
		   what, pmm_hosted_live);
}

/* Boot both instances of a pair on @r; 0 when both did. */
static int boot_pair(const struct dt_pair *p, const struct pmm_range *r, unsigned int nr)
{
	int ed, en;

	dt_expect(r, nr);
	ed = p->d->m->init(r, nr);
	en = p->n->m->init(r, nr);
	ASSERT_MSG(ed == 0 && en == 0, "%s: pmm_init %d, twin %d", p->d->m->name, ed, en);
	if (ed || en) {
		if (!ed)
			p->d->m->exit();
		if (!en)
			p->n->m->exit();
		return -1;
	}
	return 0;
}

static void exit_pair(const struct dt_pair *p)
{
	p->d->m->exit();
	p->n->m->exit();
	check_nothing_held("after pmm_exit");
}

/* ---------------------------------------------------------------------
 * dh's PMM_DEFERRED_RUN: a host's own, which records what it was given
 * --------------------------------------------------------------------- */

static struct {
	int calls;
	unsigned int requested;		/* nr_threads as pmm passed it */
	int ran;			/* workers that called fn */
	unsigned long nr_chunks;
	int all_taken;			/* job->next past the last chunk after */
	struct test_tally bad;		/* chunks that break a rule */
} hook;

struct dh_worker {
	void (*fn)(void *);
	void *arg;
	pthread_barrier_t *go;
};

static void *dh_worker_main(void *v)
{
	struct dh_worker *w = (struct dh_worker *)v;

	/* all start together, so that they race for chunks */
	pthread_barrier_wait(w->go);
	__atomic_fetch_add(&hook.ran, 1, __ATOMIC_RELAXED);
	w->fn(w->arg);
	return NULL;
}

/*
 * The chunk table pmm made, against the expectation: every deferred PFN
 * in exactly one chunk and nothing else in any, each chunk one node's,
 * cut only at section boundaries, range edges and the first deferred
 * PFN.  The job is pmm's private struct, read here on purpose: a change
 * of its shape breaks this build rather than passing unseen.
 */
static void dh_check_chunks(const struct pmm__dh_deferred_job *job)
{
	static unsigned char cover[DT_MAX_PFN];
	unsigned long k, pfn;

	memset(cover, 0, sizeof(cover));
	for (k = 0; k < job->nr_chunks; k++) {
		const struct pmm_range *c = &job->chunks[k];

		if (c->start_pfn >= c->end_pfn || c->end_pfn > DT_MAX_PFN ||
		    c->nid < 0 || c->nid >= DT_NODES) {
			test_tally(&hook.bad, "chunk %lu [%#lx, %#lx) node %d malformed", k,
				   c->start_pfn, c->end_pfn, c->nid);
			continue;
		}
		if (c->start_pfn % DT_PPS && !dt_range_edge(c->start_pfn, 1) &&
		    c->start_pfn != cur.first[c->nid])
			test_tally(&hook.bad, "chunk %lu starts at %#lx, inside a section", k,
				   c->start_pfn);
		if (c->end_pfn % DT_PPS && !dt_range_edge(c->end_pfn, 0))
			test_tally(&hook.bad, "chunk %lu ends at %#lx, inside a section", k,
				   c->end_pfn);
		for (pfn = c->start_pfn; pfn < c->end_pfn; pfn++) {
			if (cur.ram_nid[pfn] != c->nid)
				test_tally(&hook.bad,
					   "chunk %lu of node %d covers PFN %#lx of node %d",
					   k, c->nid, pfn, cur.ram_nid[pfn]);
			cover[pfn]++;
		}
	}
	for (pfn = 0; pfn < DT_MAX_PFN; pfn++)
		if (cover[pfn] != dt_deferred_pfn(pfn))
			test_tally(&hook.bad, "PFN %#lx (deferred %d) in %d chunks", pfn,
				   dt_deferred_pfn(pfn), cover[pfn]);
}

static void dh_run(void (*fn)(void *), void *arg, unsigned int nr_threads)
{
	const struct pmm__dh_deferred_job *job = (const struct pmm__dh_deferred_job *)arg;
	unsigned int i, n = nr_threads ? nr_threads : DT_HOOK_CPUS;
	struct dh_worker w[8];
	pthread_t tid[8];
	pthread_barrier_t go;

	hook.calls++;
	hook.requested = nr_threads;
	hook.nr_chunks = job->nr_chunks;
	dh_check_chunks(job);
	if (n > 8)
		n = 8;
	pthread_barrier_init(&go, NULL, n);
	for (i = 0; i < n; i++) {
		w[i].fn = fn;
		w[i].arg = arg;
		w[i].go = &go;
		if (pthread_create(&tid[i], NULL, dh_worker_main, &w[i]))
			abort();
	}
	for (i = 0; i < n; i++)
		pthread_join(tid[i], NULL);
	pthread_barrier_destroy(&go);
	hook.all_taken = __atomic_load_n(&job->next, __ATOMIC_RELAXED) >= job->nr_chunks;
}

static void hook_reset(void)
{
	memset(&hook, 0, sizeof(hook));
}

/* ---------------------------------------------------------------------
 * Part 1: cases
 * --------------------------------------------------------------------- */

/*
 * One map for most cases, each node a rule (32-page sections):
 *
 *	node 1  [020,034)                  20 pages: less than a section,
 *	                                   nothing deferred
 *	node 2  [050,0c0)                  starts mid-section: 32 pages are
 *	                                   counted by 070, deferral starts
 *	                                   at the next boundary, 080
 *	node 3  [100,108) [110,118)        its first section split over three
 *	        [11c,160) [168,180)        ranges (16 pages before 11c), so
 *	                                   140; the hole [160,168) is past
 *	                                   it and still initialised at boot
 *	node 4  [200,240)                  section aligned: exactly 32 pages
 *	                                   before 220, which defers
 *	node 5  [280,2a8)                  40 pages: the last 8 wait
 *	node 6  [300,320) [358,380)        one whole section, then more after
 *	                                   node 7: 40 counted by 360
 *	node 7  [340,358)                  shares a section with node 6
 *	node 0  [f00,f40)                  node 0 (seen only by classic
 *	                                   SPARSEMEM): f20
 *
 * Handed to pmm_init backwards, as memblock order is not promised.
 */
static const struct pmm_range map_a[] = {
	{ 0xf00, 0xf40, 0 },
	{ 0x358, 0x380, 6 }, { 0x340, 0x358, 7 }, { 0x300, 0x320, 6 },
	{ 0x280, 0x2a8, 5 },
	{ 0x200, 0x240, 4 },
	{ 0x168, 0x180, 3 }, { 0x11c, 0x160, 3 }, { 0x110, 0x118, 3 }, { 0x100, 0x108, 3 },
	{ 0x050, 0x0c0, 2 },
	{ 0x020, 0x034, 1 },
};

/* Worked out by hand from defer_init, not by dt_expect. */
static const unsigned long map_a_first[DT_NODES] = {
	0xf20, DT_NONE, 0x080, 0x140, 0x220, 0x2a0, 0x360, DT_NONE,
};
#define MAP_A_DEFERRED	(32 + 64 + 56 + 32 + 8 + 32)

#define MAP_A_FREE	0x400	/* a free section, for hotplug */
#define MAP_A_BOOT	0x200	/* a whole boot section of node 4 */

static const struct dt_pair *pair;	/* the pair a case runs on */

static int boot_a(void)
{
	return boot_pair(pair, map_a, DT_ARRAY_SIZE(map_a));
}

/* The hand-worked first deferred PFNs are defer_init's, and pmm's. */
static int case_first_deferred(void)
{
	unsigned long told;
	int nid;

	if (boot_a())
		return 0;
	for (nid = 0; nid < DT_NODES; nid++)
		ASSERT_MSG(cur.first[nid] == map_a_first[nid],
			   "node %d: defer_init gives %#lx, worked by hand %#lx", nid,
			   cur.first[nid], map_a_first[nid]);
	ASSERT_EQ(MAP_A_DEFERRED, cur.deferred);
	told = check_before(pair);
	check_stats(pair, 0);
	/* flags 0 told apart from the twin's: all but node 0's on VMEMMAP */
	ASSERT_EQ(MAP_A_DEFERRED - (pair->d->m->params->model ==
				    PMM_MODEL_SPARSEMEM_VMEMMAP ? 32 : 0), told);
	exit_pair(pair);
	return 0;
}

/* Every call deferral gates answers -EBUSY, and changes nothing. */
static int case_busy_until_done(void)
{
	const struct dt_ops *d = pair->d;
	struct pmm_stats before, after;

	if (boot_a())
		return 0;
	dt_stats(d, &before);
	ASSERT_EQ(-EBUSY, d->hp->add_pages(1, MAP_A_FREE, DT_PPS));
	ASSERT_EQ(-EBUSY, d->hp->add_memory(1, MAP_A_FREE, DT_PPS));
	ASSERT_EQ(-EBUSY, d->hp->remove_pages(MAP_A_BOOT, DT_PPS));
	ASSERT_EQ(-EBUSY, d->hp->remove_memory(MAP_A_BOOT, DT_PPS));
	ASSERT_EQ(-EBUSY, d->hp->online_pages(MAP_A_BOOT, DT_PPS, PMM_MMOP_ONLINE));
	ASSERT_EQ(-EBUSY, d->hp->offline_pages(MAP_A_BOOT, DT_PPS));
	if (d == &dv_dt) {
		struct pmm_dv_dev_pagemap pgmap;

		memset(&pgmap, 0, sizeof(pgmap));
		pgmap.type = PMM_MEMORY_DEVICE_GENERIC;
		pgmap.nr_range = 1;
		pgmap.range.start_pfn = MAP_A_FREE;
		pgmap.range.end_pfn = MAP_A_FREE + 8;
		ASSERT_EQ(-EBUSY, pmm_dv_memremap_pages(&pgmap, 1));
	}
	ASSERT_FALSE(d->m->pfn_valid(MAP_A_FREE));
	dt_stats(d, &after);
	ASSERT_TRUE(!memcmp(&before, &after, sizeof(before)));
	check_before(pair);

	/* done: the memmap is whole and hotplug works */
	ASSERT_EQ(0, d->deferred_init(1));
	ASSERT_EQ(0, d->hp->online_pages(MAP_A_BOOT, DT_PPS, PMM_MMOP_ONLINE));
	ASSERT_EQ(0, d->hp->offline_pages(MAP_A_BOOT, DT_PPS));
	ASSERT_EQ(0, d->hp->add_pages(1, MAP_A_FREE, DT_PPS));
	ASSERT_TRUE(d->m->pfn_valid(MAP_A_FREE));
	ASSERT_EQ(0, d->hp->remove_pages(MAP_A_FREE, DT_PPS));
	check_after(pair);
	exit_pair(pair);
	return 0;
}

/* pmm_deferred_init(T) leaves every descriptor as the twin's. */
static void finish_with(unsigned int threads)
{
	if (boot_a())
		return;
	check_before(pair);
	hook_reset();
	ASSERT_EQ(0, pair->d->deferred_init(threads));
	check_after(pair);
	check_stats(pair, 1);
	if (pair->hooked) {
		ASSERT_EQ(1, hook.calls);
		ASSERT_EQ(threads, hook.requested);
		ASSERT_EQ(threads ? threads : DT_HOOK_CPUS, hook.ran);
		ASSERT_TRUE(hook.all_taken);
		ASSERT_MSG(!hook.bad.count, "%ld bad chunks, the first: %s", hook.bad.count,
			   hook.bad.first);
		/* enough chunks that every worker can have one, if there are */
		ASSERT_TRUE(hook.nr_chunks >= cur.pieces ||
			    hook.nr_chunks >= (threads ? threads : DT_HOOK_CPUS));
	}
	exit_pair(pair);
}

/* case_finish_@name: finish_with(@threads), 0 for every CPU */
#define DT_FINISH_CASE(name, threads)						\
static int case_finish_##name(void)						\
{										\
	finish_with(threads);							\
	return 0;								\
}

DT_FINISH_CASE(one_thread, 1)
DT_FINISH_CASE(two_threads, 2)
DT_FINISH_CASE(all_cpus, 0)
DT_FINISH_CASE(many_threads, 5)

/* A second call has nothing to do: 0, no allocation, no change. */
static int case_second_call_noop(void)
{
	long calls;

	if (boot_a())
		return 0;
	ASSERT_EQ(0, pair->d->deferred_init(2));
	calls = test_alloc_calls;
	hook_reset();
	ASSERT_EQ(0, pair->d->deferred_init(2));
	ASSERT_EQ(calls, test_alloc_calls);
	ASSERT_EQ(0, hook.calls);
	check_after(pair);
	check_stats(pair, 1);
	exit_pair(pair);
	return 0;
}

/* -EINVAL before pmm_init and after pmm_exit, with or without deferral. */
static int case_einval_before_init(void)
{
	ASSERT_EQ(-EINVAL, pair->d->deferred_init(1));
	ASSERT_EQ(-EINVAL, pair->n->deferred_init(1));
	ASSERT_EQ(-EINVAL, pair->d->deferred_init(0));
	if (boot_a())
		return 0;
	ASSERT_EQ(0, pair->n->deferred_init(1));	/* nothing deferred: 0 */
	exit_pair(pair);
	ASSERT_EQ(-EINVAL, pair->d->deferred_init(1));
	check_nothing_held("after -EINVAL");
	return 0;
}

/* The chunk table cannot be had: -ENOMEM, nothing changed, a retry works. */
static int case_enomem_then_retry(void)
{
	struct pmm_stats before, after;
	long blocks;
	long long bytes;

	if (boot_a())
		return 0;
	dt_stats(pair->d, &before);
	blocks = test_alloc_live_blocks;
	bytes = test_alloc_live_bytes;
	hook_reset();
	test_alloc_fail_at = 1;
	ASSERT_EQ(-ENOMEM, pair->d->deferred_init(2));
	ASSERT_EQ(0, test_alloc_fail_at);	/* the failed call was its first */
	test_alloc_fail_at = 0;
	ASSERT_EQ(0, hook.calls);
	ASSERT_EQ(blocks, test_alloc_live_blocks);
	ASSERT_EQ(bytes, test_alloc_live_bytes);
	dt_stats(pair->d, &after);
	ASSERT_TRUE(!memcmp(&before, &after, sizeof(before)));
	ASSERT_EQ(-EBUSY, pair->d->hp->add_pages(1, MAP_A_FREE, DT_PPS));
	check_before(pair);
	check_stats(pair, 0);

	ASSERT_EQ(0, pair->d->deferred_init(2));
	ASSERT_EQ(blocks - 1, test_alloc_live_blocks);	/* the kept map went */
	check_after(pair);
	check_stats(pair, 1);
	exit_pair(pair);
	return 0;
}

/* pmm_exit with the deferred part still to do gives everything back. */
static int case_exit_before_done(void)
{
	static const struct pmm_range map_b[] = {
		{ 0x000, 0x080, 2 }, { 0x0a0, 0x100, 1 },
	};

	if (boot_a())
		return 0;
	exit_pair(pair);
	ASSERT_EQ(-EINVAL, pair->d->deferred_init(1));
	/* and the next boot computes its own deferral */
	if (boot_pair(pair, map_b, DT_ARRAY_SIZE(map_b)))
		return 0;
	ASSERT_EQ(0x020UL, cur.first[2]);
	ASSERT_EQ(0x0c0UL, cur.first[1]);
	ASSERT_EQ(0x60 + 0x40, cur.deferred);
	check_before(pair);
	check_stats(pair, 0);
	ASSERT_EQ(0, pair->d->deferred_init(2));
	check_after(pair);
	exit_pair(pair);
	return 0;
}

/* Every allocation of a deferring pmm_init fails cleanly, the map's copy too. */
static int case_init_fault_injection(void)
{
	long n, calls;
	int err;

	dt_expect(map_a, DT_ARRAY_SIZE(map_a));
	calls = test_alloc_calls;
	ASSERT_EQ(0, pair->d->m->init(map_a, DT_ARRAY_SIZE(map_a)));
	calls = test_alloc_calls - calls;
	pair->d->m->exit();
	ASSERT_TRUE(calls >= 2);
	for (n = 1; n <= calls; n++) {
		test_alloc_fail_at = n;
		err = pair->d->m->init(map_a, DT_ARRAY_SIZE(map_a));
		test_alloc_fail_at = 0;
		ASSERT_MSG(err == -ENOMEM, "%s: allocation %ld of %ld failed: pmm_init %d",
			   pair->d->m->name, n, calls, err);
		if (!err)
			pair->d->m->exit();
		check_nothing_held("after a failed pmm_init");
		ASSERT_MSG(!pair->d->m->pfn_valid(0x200), "PFN 0x200 valid after a failed init");
	}
	return 0;
}

/*
 * Nodes of a section or less defer nothing: no copy of the map kept, no
 * allocation or worker in pmm_deferred_init, hotplug not held back.
 */
static int case_nothing_deferred(void)
{
	static const struct pmm_range map_c[] = {
		{ 0x020, 0x040, 1 }, { 0x050, 0x060, 2 }, { 0x064, 0x070, 2 },
		{ 0x100, 0x11f, 3 },
	};

	if (boot_pair(pair, map_c, DT_ARRAY_SIZE(map_c)))
		return 0;
	ASSERT_EQ(0, cur.deferred);
	check_before(pair);
	check_stats(pair, 0);
	ASSERT_EQ(0, pair->d->hp->add_pages(1, MAP_A_FREE, DT_PPS));
	ASSERT_EQ(0, pair->d->hp->remove_pages(MAP_A_FREE, DT_PPS));
	hook_reset();
	test_alloc_fail_at = 1;
	ASSERT_EQ(0, pair->d->deferred_init(2));
	ASSERT_EQ(1, test_alloc_fail_at);	/* no allocation was tried */
	test_alloc_fail_at = 0;
	ASSERT_EQ(0, hook.calls);
	check_after(pair);
	exit_pair(pair);
	return 0;
}

/* ---------------------------------------------------------------------
 * Part 2: random maps
 * --------------------------------------------------------------------- */

static struct test_args args = {
	.takes = "sn", .seed = DT_DEFAULT_SEED, .n = DT_DEFAULT_MAPS, .n_name = "MAPS",
	.n_about = "random maps per pair",
	.about = "deferred struct page init against twins without it",
};
static struct test_rand rng;

static unsigned long rnd_below(unsigned long n)
{
	return (unsigned long)test_rand_below(&rng, n);
}

/*
 * Up to 10 ranges, up to 5 sections long, with gaps of up to 3 sections
 * (often none, so that ranges of two nodes touch), a node that often
 * carries on from the previous range; shuffled.
 */
static unsigned int random_map(struct pmm_range *r)
{
	unsigned long pfn = rnd_below(4 * DT_PPS), len;
	unsigned int nr = 0, want = 1 + (unsigned int)rnd_below(10), i;
	int nid = (int)rnd_below(DT_NODES);

	while (nr < want) {
		len = 1 + rnd_below(5 * DT_PPS);
		if (pfn + len > DT_MAX_PFN)
			break;
		r[nr].start_pfn = pfn;
		r[nr].end_pfn = pfn + len;
		r[nr].nid = nid;
		nr++;
		pfn += len + (rnd_below(3) ? rnd_below(3 * DT_PPS) : 0);
		if (rnd_below(2))
			nid = (int)rnd_below(DT_NODES);
	}
	if (!nr) {
		r[0].start_pfn = 0;
		r[0].end_pfn = 1;
		r[0].nid = 0;
		nr = 1;
	}
	for (i = nr - 1; i > 0; i--) {
		unsigned int j = (unsigned int)rnd_below(i + 1);
		struct pmm_range t = r[i];

		r[i] = r[j];
		r[j] = t;
	}
	return nr;
}

static void print_map(const struct pmm_range *r, unsigned int nr)
{
	unsigned int i;

	fprintf(stderr, "  map:");
	for (i = 0; i < nr; i++)
		fprintf(stderr, " [%#lx,%#lx)n%d", r[i].start_pfn, r[i].end_pfn, r[i].nid);
	fprintf(stderr, "\n");
}

static int case_random_maps(void)
{
	static const unsigned int threads[] = { 0, 1, 2, 3 };
	struct pmm_range r[10];
	unsigned long i, with = 0, pages = 0;

	test_rand_init(&rng, args.seed, (unsigned long long)(pair - pairs));
	for (i = 0; i < args.n; i++) {
		unsigned int nr = random_map(r), t = threads[rnd_below(4)];
		long failed_before = test_case_reports;
		int err;

		if (boot_pair(pair, r, nr))
			break;
		with += cur.deferred != 0;
		pages += cur.deferred;
		check_before(pair);
		check_stats(pair, 0);
		hook_reset();
		if (cur.deferred && !rnd_below(8)) {
			test_alloc_fail_at = 1;
			err = pair->d->deferred_init(t);
			test_alloc_fail_at = 0;
			ASSERT_MSG(err == -ENOMEM, "chunk table failing: %d", err);
			check_before(pair);
			check_stats(pair, 0);
		}
		err = pair->d->deferred_init(t);
		ASSERT_MSG(err == 0, "pmm_deferred_init(%u): %d", t, err);
		check_after(pair);
		check_stats(pair, 1);
		if (pair->hooked) {
			ASSERT_MSG(hook.calls == (cur.deferred != 0) && hook.bad.count == 0 &&
				   (!hook.calls || hook.all_taken),
				   "hook: %d calls, %ld bad chunks (%s), all taken %d",
				   hook.calls, hook.bad.count, hook.bad.first, hook.all_taken);
		}
		exit_pair(pair);
		if (test_case_reports != failed_before) {
			fprintf(stderr, "  map %lu of seed %#llx, pmm_deferred_init(%u)\n",
				i, args.seed, t);
			print_map(r, nr);
			fprintf(stderr, "  rerun: build/deferred/test_deferred -s %#llx -n %lu\n",
				args.seed, i + 1);
			break;
		}
	}
	if (test_verbose)
		printf("  %s: %lu of %lu maps deferred something, %lu pages in all\n",
		       pair->name, with, i, pages);
	return 0;
}

/* Run each case on every pair, named "pair: case". */
static void run_on_pairs(const char *name, int (*fn)(void))
{
	unsigned int k;

	for (k = 0; k < DT_ARRAY_SIZE(pairs); k++) {
		pair = &pairs[k];
		prefix_push(pair->name);
		run_case(name, fn);
		prefix_pop();
	}
}

#define DT_RUN(fn)	run_on_pairs(#fn, fn)

int main(int argc, char **argv)
{
	test_parse_args(&args, argc, argv);

	DT_RUN(case_first_deferred);
	DT_RUN(case_busy_until_done);
	DT_RUN(case_finish_one_thread);
	DT_RUN(case_finish_two_threads);
	DT_RUN(case_finish_all_cpus);
	DT_RUN(case_finish_many_threads);
	DT_RUN(case_second_call_noop);
	DT_RUN(case_einval_before_init);
	DT_RUN(case_enomem_then_retry);
	DT_RUN(case_exit_before_done);
	DT_RUN(case_init_fault_injection);
	DT_RUN(case_nothing_deferred);
	DT_RUN(case_random_maps);
	return test_summary("test_deferred");
}
