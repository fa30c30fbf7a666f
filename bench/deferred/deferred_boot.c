// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * deferred_boot.c - one whole boot of a large map, for hyperfine
 *
 *	deferred_boot [-g GIB] [-m vmemmap|sparse|thp] [-v] THREADS|off
 *
 * Boots GIB of RAM (default 128) in 16 nodes with x86_64's parameters:
 * THREADS runs pmm_init with PMM_DEFERRED_STRUCT_PAGE_INIT and then
 * pmm_deferred_init(THREADS) (0: one thread per CPU); "off" runs pmm_init
 * of the same model without deferral, which initialises every descriptor
 * on this thread.  Both end with the whole memmap initialised (checked),
 * and pmm_exit.  -v prints the phases' times.
 *
 * -m thp is SPARSEMEM_VMEMMAP with the hosted hooks but for one hint:
 * the vmemmap reservation is madvise(MADV_HUGEPAGE), so that the memmap
 * is backed by 2 MiB pages, one fault per section instead of two per
 * 4 KiB page: what is left is closer to pmm's own work.
 *
 * The map has the shape of data/layouts/synthetic-x86_64-16node-12t.txt,
 * scaled down: node 0 with the x86 low holes and the displaced RAM above
 * 4 GiB, nodes 1-15 one section-aligned range each, GIB/16 per node.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pmm_hosted.h"

/* The hosted reservation, hinted to be backed by transparent huge pages. */
static void *thp_reserve(unsigned long bytes)
{
	void *p = pmm_hosted_reserve(bytes);

	if (p)
		madvise(p, bytes, MADV_HUGEPAGE);
	return p;
}

#define PMM_NAME hd
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_DEFERRED_STRUCT_PAGE_INIT 1
#define PMM_SECTION_SIZE_BITS 27
#define PMM_MAX_PHYSMEM_BITS 46
#define PMM_VMEMMAP_RESERVE(b)		thp_reserve(b)
#define PMM_VMEMMAP_UNRESERVE(a, b)	pmm_hosted_unreserve((a), (b))
#include "pmm.h"

#define PMM_NAME h
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_SECTION_SIZE_BITS 27
#define PMM_MAX_PHYSMEM_BITS 46
#define PMM_VMEMMAP_RESERVE(b)		thp_reserve(b)
#define PMM_VMEMMAP_UNRESERVE(a, b)	pmm_hosted_unreserve((a), (b))
#include "pmm.h"

#define PMM_NAME vd
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_DEFERRED_STRUCT_PAGE_INIT 1
#define PMM_SECTION_SIZE_BITS 27
#define PMM_MAX_PHYSMEM_BITS 46
#include "pmm.h"

#define PMM_NAME v
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_SECTION_SIZE_BITS 27
#define PMM_MAX_PHYSMEM_BITS 46
#include "pmm.h"

#define PMM_NAME sd
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_SPARSEMEM_EXTREME 1
#define PMM_DEFERRED_STRUCT_PAGE_INIT 1
#define PMM_SECTION_SIZE_BITS 27
#define PMM_MAX_PHYSMEM_BITS 46
#include "pmm.h"

#define PMM_NAME s
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_SPARSEMEM_EXTREME 1
#define PMM_SECTION_SIZE_BITS 27
#define PMM_MAX_PHYSMEM_BITS 46
#include "pmm.h"

#define NODES		16
#define GIB_PFNS	(1UL << 18)	/* 4 KiB pages in a GiB */

struct model {
	const char *name;
	int (*init)(const struct pmm_range *r, unsigned int nr);
	void (*exit)(void);
	void (*stats)(struct pmm_stats *st);
	int (*deferred_init)(unsigned int nr_threads);
};

static const struct model models[][2] = {
	/* [0]: without deferral, [1]: with */
	{ { "vmemmap", pmm_v_init, pmm_v_exit, pmm_v_stats, pmm_v_deferred_init },
	  { "vmemmap", pmm_vd_init, pmm_vd_exit, pmm_vd_stats, pmm_vd_deferred_init } },
	{ { "sparse", pmm_s_init, pmm_s_exit, pmm_s_stats, pmm_s_deferred_init },
	  { "sparse", pmm_sd_init, pmm_sd_exit, pmm_sd_stats, pmm_sd_deferred_init } },
	{ { "vmemmap+thp", pmm_h_init, pmm_h_exit, pmm_h_stats, pmm_h_deferred_init },
	  { "vmemmap+thp", pmm_hd_init, pmm_hd_exit, pmm_hd_stats, pmm_hd_deferred_init } },
};

/*
 * Node 0: [0, 636 KiB), [1 MiB, 1968 MiB), [4 GiB, per + 2 GiB): the
 * 640 KiB-1 MiB hole, firmware below 2 GiB and the PCI hole 2-4 GiB,
 * with the displaced RAM remapped above 4 GiB.  Node k: one range of
 * @per GiB from (k * per + 2) GiB.
 */
static unsigned int make_map(struct pmm_range *r, unsigned long per)
{
	unsigned int nr = 0;
	int k;

	r[nr++] = (struct pmm_range){ 0x0, 0x9f, 0 };
	r[nr++] = (struct pmm_range){ 0x100, 0x7b000, 0 };
	r[nr++] = (struct pmm_range){ 4 * GIB_PFNS, (per + 2) * GIB_PFNS, 0 };
	for (k = 1; k < NODES; k++)
		r[nr++] = (struct pmm_range){ (k * per + 2) * GIB_PFNS,
					      ((k + 1) * per + 2) * GIB_PFNS, k };
	return nr;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* -m's argument: its row of models[], or -1 */
static int pick_model(const char *name)
{
	static const char *const names[] = { "vmemmap", "sparse", "thp" };
	int k;

	for (k = 0; k < 3; k++)
		if (!strcmp(name, names[k]))
			return k;
	return -1;
}

static int usage(const char *prog)
{
	fprintf(stderr, "usage: %s [-g GIB] [-m vmemmap|sparse|thp] [-v] THREADS|off\n",
		prog);
	return 2;
}

int main(int argc, char **argv)
{
	struct pmm_range map[NODES + 2];
	const struct model *m;
	unsigned long gib = 128;
	int i, which = 0, verbose = 0, deferred = -1, err;
	unsigned int nr, threads = 0;
	struct pmm_stats st;
	double t0, t1, t2, t3;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-g") && i + 1 < argc)
			gib = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "-m") && i + 1 < argc)
			which = pick_model(argv[++i]);
		else if (!strcmp(argv[i], "-v"))
			verbose = 1;
		else if (!strcmp(argv[i], "off"))
			deferred = 0;
		else if (argv[i][0] >= '0' && argv[i][0] <= '9') {
			threads = (unsigned int)strtoul(argv[i], NULL, 0);
			deferred = 1;
		} else
			return usage(argv[0]);
	}
	/* node 0 needs more than the 2 GiB below 4 GiB */
	if (deferred < 0 || which < 0 || gib < 3 * NODES || gib % NODES)
		return usage(argv[0]);
	m = &models[which][deferred];
	nr = make_map(map, gib / NODES);

	t0 = now();
	err = m->init(map, nr);
	t1 = now();
	if (err) {
		fprintf(stderr, "pmm_init: %d\n", err);
		return 1;
	}
	m->stats(&st);
	t2 = t1;
	if (deferred) {
		err = m->deferred_init(threads);
		t2 = now();
		if (err) {
			fprintf(stderr, "pmm_deferred_init(%u): %d\n", threads, err);
			return 1;
		}
	}
	{
		struct pmm_stats done;

		m->stats(&done);
		if (done.deferred_pages) {
			fprintf(stderr, "%lu pages left uninitialised\n", done.deferred_pages);
			return 1;
		}
	}
	m->exit();
	t3 = now();
	if (verbose)
		printf("%s, %lu GiB in %d nodes, %s: pmm_init %.3f s (%lu pages deferred), "
		       "pmm_deferred_init %.3f s, pmm_exit %.3f s\n", m->name, gib, NODES,
		       deferred ? argv[argc - 1] : "no deferral", t1 - t0, st.deferred_pages,
		       t2 - t1, t3 - t2);
	return 0;
}
