/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * pmm_sparse_deferred.h - memmap_init and deferred struct page
 * initialisation
 *
 * A stage of SPARSEMEM, after boot (pmm.h includes it after
 * pmm_sparse_boot.h), as Linux 6.1 keeps both in mm/mm_init.c:
 * memmap_init (at the end of this file) initialises every descriptor the
 * boot stage gave a memmap, but for what deferral leaves to
 * pmm_deferred_init.  Linux [6.12] with DEFERRED_STRUCT_PAGE_INIT:
 * mm/mm_init.c (defer_init, deferred_init_memmap, page_alloc_init_late)
 * and kernel/padata.c (padata_do_multithreaded).
 *
 * Touching every descriptor of a multi-TiB machine at boot takes minutes
 * on one CPU.  So pmm_init, like memmap_init, initialises only the first
 * section's worth of each node's memory (more exactly: the first
 * section-aligned PFN after more than PAGES_PER_SECTION pages of the node
 * is where deferral starts, as defer_init counts), plus every hole, and
 * pmm_deferred_init finishes the rest in parallel:
 *
 *	node 0  [early|.......... deferred ...........]
 *	node 1  [early|.......... deferred ...........]
 *	          pmm_init  pmm_deferred_init(n): section-aligned chunks,
 *	                    taken by n workers until none is left
 *
 * Linux runs a kthread per node, each splitting its node among that
 * node's CPUs with padata (chunks of whole sections, four per thread);
 * pmm splits all nodes' deferred memory into section-aligned chunks, four
 * per thread (sized for 64 threads when the count is left to the hook),
 * and lets PMM_DEFERRED_RUN's workers take them in PFN order.  Linux defers only each node's highest zone; pmm, without zones,
 * defers each node.  Until pmm_deferred_init returns, deferred
 * descriptors are zero (pmm_pfn_valid is already true, as in Linux), and
 * hotplug waits (-EBUSY).
 */
#ifndef PMM__BODY
#error "pmm_sparse_deferred.h is part of pmm_sparse.h: include pmm.h or pmm_sparse.h"
#endif

#if PMM_DEFERRED_STRUCT_PAGE_INIT
/* pgdat->first_deferred_pfn per node; ~0UL: nothing deferred */
static unsigned long PMM__IN(first_deferred_pfn)[PMM__MAX_NUMNODES] PMM__UNUSED;
/* the boot map, kept until the deferred part is done */
static struct pmm_range *PMM__IN(deferred_ranges) PMM__UNUSED;
static unsigned int PMM__IN(nr_deferred_ranges) PMM__UNUSED;

/*
 * defer_init's rule for every node of the sorted map: count the node's
 * pages in PFN order; deferral starts at the first section-aligned PFN
 * that comes after more than a section's worth.
 */
static inline PMM__UNUSED void PMM__IN(defer_compute)(const struct pmm_range *r,
						     unsigned int nr)
{
	unsigned int i, k;

	for (i = 0; i < PMM__MAX_NUMNODES; i++)
		PMM__IN(first_deferred_pfn)[i] = ~0UL;
	PMM__IN(deferred_pages) = 0;
	for (i = 0; i < nr; i++) {
		unsigned long *first = &PMM__IN(first_deferred_pfn)[r[i].nid];
		unsigned long seen = 0, need, pfn;

		if (*first != ~0UL)
			continue;
		for (k = 0; k < i; k++)
			if (r[k].nid == r[i].nid)
				seen += r[k].end_pfn - r[k].start_pfn;
		/* nr_initialised > PAGES_PER_SECTION, counting this PFN */
		need = seen >= PMM__PAGES_PER_SECTION ? 0 : PMM__PAGES_PER_SECTION - seen;
		pfn = PMM__ALIGN_UP(r[i].start_pfn + need, PMM__PAGES_PER_SECTION);
		if (pfn < r[i].end_pfn)
			*first = pfn;
	}
	for (i = 0; i < nr; i++) {
		unsigned long first = PMM__IN(first_deferred_pfn)[r[i].nid];
		unsigned long from = r[i].start_pfn > first ? r[i].start_pfn : first;

		if (from < r[i].end_pfn)
			PMM__IN(deferred_pages) += r[i].end_pfn - from;
	}
}

/* Keep the map for pmm_deferred_init, if anything was deferred. */
static inline PMM__UNUSED int PMM__IN(defer_keep)(const struct pmm_range *r,
						 unsigned int nr)
{
	unsigned int i;

	if (!PMM__IN(deferred_pages))
		return 0;
	PMM__IN(deferred_ranges) = (struct pmm_range *)PMM_ALLOC(nr * sizeof(*r),
								 sizeof(long), 0);
	if (!PMM__IN(deferred_ranges))
		return -PMM_ENOMEM;
	for (i = 0; i < nr; i++)
		PMM__IN(deferred_ranges)[i] = r[i];
	PMM__IN(nr_deferred_ranges) = nr;
	return 0;
}

/* deferred_init_mem: where each node's deferral starts, and the map kept */
static inline PMM__UNUSED int PMM__IN(defer_init)(const struct pmm_range *r, unsigned int nr)
{
	PMM__IN(defer_compute)(r, nr);
	return PMM__IN(defer_keep)(r, nr);
}

static inline PMM__UNUSED void PMM__IN(defer_forget)(void)
{
	unsigned int i;

	if (PMM__IN(deferred_ranges))
		PMM_FREE(PMM__IN(deferred_ranges),
			 PMM__IN(nr_deferred_ranges) * sizeof(struct pmm_range));
	PMM__IN(deferred_ranges) = (struct pmm_range *)0;
	PMM__IN(nr_deferred_ranges) = 0;
	PMM__IN(deferred_pages) = 0;
	for (i = 0; i < PMM__MAX_NUMNODES; i++)
		PMM__IN(first_deferred_pfn)[i] = ~0UL;
}

/* Where boot-time init of node @nid's RAM in [pfn, stop) stops. */
static inline PMM__UNUSED unsigned long PMM__IN(early_end)(int nid, unsigned long pfn,
							  unsigned long stop)
{
	unsigned long first = PMM__IN(first_deferred_pfn)[nid];

	if (stop <= first)
		return stop;
	return pfn > first ? pfn : first;
}

static inline PMM__UNUSED unsigned long long PMM__IN(defer_bytes)(void)
{
	return (unsigned long long)PMM__IN(nr_deferred_ranges) * sizeof(struct pmm_range);
}

/* One padata job: section-aligned chunks that workers take in turn. */
struct PMM__IN(deferred_job) {
	unsigned long next;
	unsigned long nr_chunks;
	struct pmm_range *chunks;
};

static PMM__UNUSED void PMM__IN(deferred_worker)(void *arg)
{
	struct PMM__IN(deferred_job) *job = (struct PMM__IN(deferred_job) *)arg;

	for (;;) {
		unsigned long k = __atomic_fetch_add(&job->next, 1, __ATOMIC_RELAXED);
		const struct pmm_range *c;

		if (k >= job->nr_chunks)
			return;
		c = &job->chunks[k];
		PMM__IN(init_pages)(c->start_pfn, c->end_pfn, c->nid, PMM__ZONE_BY_PFN, 0);
	}
}

/* Cut the deferred part into chunks of @per pages (whole sections); count if !out. */
static inline PMM__UNUSED unsigned long PMM__IN(deferred_chunks)(unsigned long per,
								struct pmm_range *out)
{
	unsigned long n = 0;
	unsigned int i;

	for (i = 0; i < PMM__IN(nr_deferred_ranges); i++) {
		const struct pmm_range *r = &PMM__IN(deferred_ranges)[i];
		unsigned long first = PMM__IN(first_deferred_pfn)[r->nid];
		unsigned long s = r->start_pfn > first ? r->start_pfn : first;

		while (s < r->end_pfn) {
			unsigned long e = PMM__ALIGN_DOWN(s, PMM__PAGES_PER_SECTION) + per;

			if (e > r->end_pfn)
				e = r->end_pfn;
			if (out) {
				out[n].start_pfn = s;
				out[n].end_pfn = e;
				out[n].nid = r->nid;
			}
			n++;
			s = e;
		}
	}
	return n;
}
/**
 * pmm_deferred_init - initialise what pmm_init deferred, in parallel
 * @nr_threads: workers; 0 for the hook's default (hosted: one per online
 *	CPU).  PMM_DEFERRED_RUN starts them (hosted: pthreads; freestanding:
 *	the host's hook, or this CPU alone)
 *
 * page_alloc_init_late's deferred_init_memmap for every node.  Without
 * PMM_DEFERRED_STRUCT_PAGE_INIT, or once done, there is nothing to do.
 * Return: 0; -EINVAL before pmm_init; -ENOMEM if the chunk table cannot
 * be allocated (nothing changed: call again).
 */
PMM__API int PMM__FN(deferred_init)(unsigned int nr_threads)
{
	struct PMM__IN(deferred_job) job;
	unsigned long per, ways = nr_threads ? nr_threads : 64;

	if (!PMM__IN(initialised))
		return -PMM_EINVAL;
	if (!PMM__IN(deferred_pages))
		return 0;
	/* padata: four chunks a thread, whole sections */
	per = PMM__ALIGN_UP(PMM__IN(deferred_pages) / (ways * 4) + 1, PMM__PAGES_PER_SECTION);
	job.next = 0;
	job.nr_chunks = PMM__IN(deferred_chunks)(per, (struct pmm_range *)0);
	job.chunks = (struct pmm_range *)PMM_ALLOC(job.nr_chunks * sizeof(*job.chunks),
						   sizeof(long), 0);
	if (!job.chunks)
		return -PMM_ENOMEM;
	PMM__IN(deferred_chunks)(per, job.chunks);
	PMM_DEFERRED_RUN(PMM__IN(deferred_worker), &job, nr_threads);
	PMM_FREE(job.chunks, job.nr_chunks * sizeof(*job.chunks));
	PMM__IN(defer_forget)();
	return 0;
}

#else
/*
 * Without deferral every descriptor is initialised at boot: nothing to
 * work out, keep, count or forget, and pmm_deferred_init has nothing to do.
 */
static inline PMM__UNUSED int PMM__IN(defer_init)(const struct pmm_range *r, unsigned int nr)
{
	(void)r;
	(void)nr;
	return 0;
}

static inline PMM__UNUSED void PMM__IN(defer_forget)(void)
{
}

static inline PMM__UNUSED unsigned long long PMM__IN(defer_bytes)(void)
{
	return 0;
}

/* Boot-time init of [pfn, stop) stops at @stop. */
static inline PMM__UNUSED unsigned long PMM__IN(early_end)(int nid, unsigned long pfn,
							  unsigned long stop)
{
	(void)nid;
	(void)pfn;
	return stop;
}

PMM__API int PMM__FN(deferred_init)(unsigned int nr_threads)
{
	(void)nr_threads;
	return PMM__IN(initialised) ? 0 : -PMM_EINVAL;
}
#endif /* PMM_DEFERRED_STRUCT_PAGE_INIT */

/*
 * init_unavailable_range (mm/mm_init.c, Linux 6.1): the descriptors of a
 * hole [start, end) are reserved, with node @nid and zone @zone, where a
 * memmap exists: in present sections (Linux skips the pageblocks that are
 * not valid; a hole of terabytes costs only its present sections here).
 */
static inline PMM__UNUSED void PMM__IN(init_unavailable_range)(unsigned long start,
							       unsigned long end,
							       int nid, int zone)
{
	unsigned long pfn = start;

	while (pfn < end) {
		unsigned long sec = PMM__FN(pfn_to_section_nr)(pfn);
		unsigned long stop = PMM__FN(section_nr_to_pfn)(sec + 1);

		if (!PMM__FN(present_section_nr)(sec)) {
			sec = PMM__IN(next_present_section_nr)(sec);
			if (sec == ~0UL)
				return;
			pfn = PMM__FN(section_nr_to_pfn)(sec);
			continue;
		}
		if (stop > end)
			stop = end;
		PMM__IN(init_pages)(pfn, stop, nid, zone, 1);
		pfn = stop;
	}
}

/*
 * memmap_init (mm/mm_init.c, Linux 6.1 to 6.12), range by range with a
 * hole cursor: each RAM range gets its node and its address's zone
 * (memmap_init_zone_range); the hole before it, in its sections, gets
 * that range's node and the zone where the range starts; after the end of
 * RAM, to the end of its section, the last range's node and the zone of
 * its last page (init_unavailable_range).  With
 * PMM_DEFERRED_STRUCT_PAGE_INIT, RAM past each node's first deferred PFN
 * waits for pmm_deferred_init; holes never wait.  @r is sorted.
 */
static inline PMM__UNUSED void PMM__IN(memmap_init)(const struct pmm_range *r,
						   unsigned int nr)
{
	unsigned long hole_pfn = 0;
	unsigned int i;

	for (i = 0; i < nr; i++) {
		PMM__IN(init_unavailable_range)(hole_pfn, r[i].start_pfn, r[i].nid,
						PMM__IN(boot_zone)(r[i].start_pfn));
		PMM__IN(init_pages)(r[i].start_pfn,
				    PMM__IN(early_end)(r[i].nid, r[i].start_pfn, r[i].end_pfn),
				    r[i].nid, PMM__ZONE_BY_PFN, 0);
		hole_pfn = r[i].end_pfn;
	}
	if (nr)
		PMM__IN(init_unavailable_range)(hole_pfn,
						PMM__ALIGN_UP(hole_pfn, PMM__PAGES_PER_SECTION),
						r[nr - 1].nid, PMM__IN(boot_zone)(hole_pfn - 1));
}
