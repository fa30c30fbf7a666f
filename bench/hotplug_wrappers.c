// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * hotplug_wrappers.c - pmm's hotplug and ZONE_DEVICE calls, out of line
 *
 * Two instances with x86_64's parameters, spelled out rather than left to
 * pmm's defaults so that the report says what was measured:
 *
 *	vmemmap	SPARSEMEM_VMEMMAP (run-time vmemmap base, as x86_64's
 *		vmemmap_base under KASLR), ZONE_DEVICE
 *	sparse	classic SPARSEMEM
 *
 * Both are EXTREME, 4 KiB pages, 128 MiB sections, 46 physical address
 * bits, 64-byte descriptors and 128 MiB memory blocks; VMEMMAP has 2 MiB
 * sub-sections.  The hooks are pmm_hosted.h's (malloc/mmap, a PROT_NONE
 * vmemmap made writable with mprotect, membarrier grace periods) behind
 * wrappers that count the calls, which the benchmark reports per
 * operation.  Build at -O2 without sanitizers: this file is measured.
 */
#include <stddef.h>
#include <time.h>

#include "pmm_hosted.h"
#include "bench_compiler.h"
#include "hotplug_wrappers.h"

struct bench_hp_counts bench_hp_hook_counts;

/*
 * Each hook reads the clock on entry and exit (the vDSO, some 20 ns a
 * read), so that the benchmark can tell the host's share of a call from
 * pmm's own: about 1% of a call that is mostly hooks.
 */
static inline unsigned long long bench_hp_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ULL + (unsigned long long)ts.tv_nsec;
}

#define BENCH_HP_TIMED(stmt)							\
	do {									\
		unsigned long long bench_t0 = bench_hp_now();			\
		stmt;								\
		bench_hp_hook_counts.hook_ns += bench_hp_now() - bench_t0;	\
	} while (0)

static void *bench_hp_alloc(unsigned long bytes, unsigned long align, int nid)
{
	void *p;

	BENCH_HP_TIMED(p = pmm_hosted_alloc(bytes, align, nid));
	if (p)
		bench_hp_hook_counts.alloc_bytes += bytes;
	return p;
}

static void bench_hp_free(void *p, unsigned long bytes)
{
	if (p)
		bench_hp_hook_counts.free_bytes += bytes;
	BENCH_HP_TIMED(pmm_hosted_free(p, bytes));
}

static int bench_hp_populate(void *addr, unsigned long bytes, int nid)
{
	int err;

	bench_hp_hook_counts.populate++;
	BENCH_HP_TIMED(err = pmm_hosted_populate(addr, bytes, nid));
	return err;
}

static void bench_hp_depopulate(void *addr, unsigned long bytes)
{
	bench_hp_hook_counts.depopulate++;
	BENCH_HP_TIMED(pmm_hosted_depopulate(addr, bytes));
}

static void bench_hp_synchronize_rcu(void)
{
	bench_hp_hook_counts.grace_periods++;
	BENCH_HP_TIMED(pmm_hosted_synchronize_rcu());
}

/* --- vmemmap: SPARSEMEM_VMEMMAP, x86_64 ---------------------------------- */

#define PMM_NAME bhv
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_PAGE_SHIFT 12
#define PMM_SECTION_SIZE_BITS 27
#define PMM_SUBSECTION_SHIFT 21
#define PMM_MEMORY_BLOCK_SIZE_BITS 27
#define PMM_MAX_PHYSMEM_BITS 46
#define PMM_SPARSEMEM_EXTREME 1
#define PMM_STRUCT_PAGE_SIZE 64
#define PMM_ALLOC(bytes, align, nid)		bench_hp_alloc((bytes), (align), (nid))
#define PMM_FREE(ptr, bytes)			bench_hp_free((ptr), (bytes))
#define PMM_VMEMMAP_POPULATE(addr, bytes, nid)	bench_hp_populate((addr), (bytes), (nid))
#define PMM_VMEMMAP_DEPOPULATE(addr, bytes)	bench_hp_depopulate((addr), (bytes))
/* no device memory in userspace: anonymous memory stands in, as the default */
#define PMM_VMEMMAP_POPULATE_FROM(addr, bytes, pfn) \
	((void)(pfn), bench_hp_populate((addr), (bytes), -1))
#define PMM_RCU_READ_LOCK()			pmm_hosted_rcu_read_lock()
#define PMM_RCU_READ_UNLOCK()			pmm_hosted_rcu_read_unlock()
#define PMM_SYNCHRONIZE_RCU()			bench_hp_synchronize_rcu()
#include "pmm.h"

/* --- sparse: classic SPARSEMEM, x86_64 ----------------------------------- */

#define PMM_NAME bhs
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_PAGE_SHIFT 12
#define PMM_SECTION_SIZE_BITS 27
#define PMM_MEMORY_BLOCK_SIZE_BITS 27
#define PMM_MAX_PHYSMEM_BITS 46
#define PMM_SPARSEMEM_EXTREME 1
#define PMM_STRUCT_PAGE_SIZE 64
#define PMM_ALLOC(bytes, align, nid)		bench_hp_alloc((bytes), (align), (nid))
#define PMM_FREE(ptr, bytes)			bench_hp_free((ptr), (bytes))
#define PMM_RCU_READ_LOCK()			pmm_hosted_rcu_read_lock()
#define PMM_RCU_READ_UNLOCK()			pmm_hosted_rcu_read_unlock()
#define PMM_SYNCHRONIZE_RCU()			bench_hp_synchronize_rcu()
#include "pmm.h"

/* what the header says must agree with what the benchmark assumes */
_Static_assert(sizeof(struct pmm_bhv_page) == BENCH_HP_DESC_SIZE, "descriptor size");
_Static_assert(sizeof(struct pmm_bhs_page) == BENCH_HP_DESC_SIZE, "descriptor size");

/* 1088 MiB from PFN 0, with the legacy hole below 1 MiB as on a PC */
static const struct pmm_range bench_hp_boot[] = {
	{ 0x00000, 0x0009f, 0 },
	{ 0x00100, BENCH_HP_BOOT_END_PFN, 0 },
};
#define BENCH_HP_NR_BOOT (sizeof(bench_hp_boot) / sizeof(bench_hp_boot[0]))

/*
 * The wrappers of one instance: pmm's calls with the benchmark's
 * argument types (void * pages, no altmap where the call takes one).
 */
#define BENCH_HP_WRAPPERS(in)							\
static int bench_##in##_init(void)						\
{										\
	return pmm_##in##_init(bench_hp_boot, BENCH_HP_NR_BOOT);		\
}										\
static void bench_##in##_exit(void)						\
{										\
	pmm_##in##_exit();							\
}										\
static int bench_##in##_add_pages(int nid, unsigned long pfn, unsigned long nr) \
{										\
	return pmm_##in##_add_pages(nid, pfn, nr, NULL);			\
}										\
static int bench_##in##_remove_pages(unsigned long pfn, unsigned long nr)	\
{										\
	return pmm_##in##_remove_pages(pfn, nr, NULL);				\
}										\
static int bench_##in##_add_memory(int nid, unsigned long pfn, unsigned long nr) \
{										\
	return pmm_##in##_add_memory(nid, pfn, nr);				\
}										\
static int bench_##in##_remove_memory(unsigned long pfn, unsigned long nr)	\
{										\
	return pmm_##in##_remove_memory(pfn, nr);				\
}										\
static int bench_##in##_online_pages(unsigned long pfn, unsigned long nr)	\
{										\
	return pmm_##in##_online_pages(pfn, nr);				\
}										\
static int bench_##in##_offline_pages(unsigned long pfn, unsigned long nr)	\
{										\
	return pmm_##in##_offline_pages(pfn, nr);				\
}										\
static int bench_##in##_pfn_valid(unsigned long pfn)				\
{										\
	return pmm_##in##_pfn_valid(pfn);					\
}										\
static void bench_##in##_stats(struct bench_hp_stats *out)			\
{										\
	struct pmm_stats st;							\
										\
	pmm_##in##_stats(&st);							\
	out->memmap_bytes = st.memmap_bytes;					\
	out->metadata_bytes = st.metadata_bytes;				\
	out->ram_pages = st.ram_pages;						\
	out->nr_present_sections = st.nr_present_sections;			\
	out->device_pages = st.device_pages;					\
	out->altmap_pages = st.altmap_pages;					\
}

BENCH_HP_WRAPPERS(bhv)
BENCH_HP_WRAPPERS(bhs)

BENCH_OUT_OF_LINE void *bench_hp_vmemmap_pfn_to_online_page(unsigned long pfn)
{
	return pmm_bhv_pfn_to_online_page(pfn);
}

BENCH_OUT_OF_LINE void *bench_hp_sparse_pfn_to_online_page(unsigned long pfn)
{
	return pmm_bhs_pfn_to_online_page(pfn);
}

/* --- ZONE_DEVICE (vmemmap only) ------------------------------------------ */

/* the pagemaps stay put while mapped, as memremap_pages requires */
static struct pmm_bhv_dev_pagemap bench_bhv_pgmaps[BENCH_HP_SLOTS];

static int bench_bhv_memremap(unsigned int slot, unsigned long pfn, unsigned long nr,
			      int altmap)
{
	struct pmm_bhv_dev_pagemap *pgmap;

	if (slot >= BENCH_HP_SLOTS)
		return -EINVAL;
	pgmap = &bench_bhv_pgmaps[slot];
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
		/* just the range's memmap: 4096 pages for 1 GiB */
		pgmap->altmap.free = nr * BENCH_HP_DESC_SIZE / BENCH_HP_PAGE_SIZE;
	}
	return pmm_bhv_memremap_pages(pgmap, 0);
}

static int bench_bhv_memunmap(unsigned int slot)
{
	if (slot >= BENCH_HP_SLOTS)
		return -EINVAL;
	return pmm_bhv_memunmap_pages(&bench_bhv_pgmaps[slot]);
}

const struct bench_hp_instance bench_hp_vmemmap = {
	.name = "vmemmap",
	.desc = "SPARSEMEM_VMEMMAP, EXTREME, run-time vmemmap base; 4 KiB pages, "
		"128 MiB sections, 2 MiB sub-sections, 128 MiB memory blocks, "
		"46 physical address bits, 64-byte struct page",
	.unit_pages = BENCH_HP_PAGES_PER_SUBSECTION,
	.has_device = 1,
	.init = bench_bhv_init,
	.exit = bench_bhv_exit,
	.add_pages = bench_bhv_add_pages,
	.remove_pages = bench_bhv_remove_pages,
	.add_memory = bench_bhv_add_memory,
	.remove_memory = bench_bhv_remove_memory,
	.online_pages = bench_bhv_online_pages,
	.offline_pages = bench_bhv_offline_pages,
	.pfn_valid = bench_bhv_pfn_valid,
	.pfn_to_online_page = bench_hp_vmemmap_pfn_to_online_page,
	.stats = bench_bhv_stats,
	.memremap = bench_bhv_memremap,
	.memunmap = bench_bhv_memunmap,
};

const struct bench_hp_instance bench_hp_sparse = {
	.name = "sparse",
	.desc = "SPARSEMEM (classic), EXTREME; 4 KiB pages, 128 MiB sections, "
		"128 MiB memory blocks, 46 physical address bits, 64-byte struct page",
	.unit_pages = BENCH_HP_PAGES_PER_SECTION,
	.has_device = 0,
	.init = bench_bhs_init,
	.exit = bench_bhs_exit,
	.add_pages = bench_bhs_add_pages,
	.remove_pages = bench_bhs_remove_pages,
	.add_memory = bench_bhs_add_memory,
	.remove_memory = bench_bhs_remove_memory,
	.online_pages = bench_bhs_online_pages,
	.offline_pages = bench_bhs_offline_pages,
	.pfn_valid = bench_bhs_pfn_valid,
	.pfn_to_online_page = bench_hp_sparse_pfn_to_online_page,
	.stats = bench_bhs_stats,
	.memremap = NULL,
	.memunmap = NULL,
};

const char *bench_hp_rcu_mode(void)
{
	/* decided on the first grace period or reader: decide it now */
	return pmm_hosted_rcu_decide() == 1 ? "membarrier" : "fence";
}

const char bench_hp_compiler[] = BENCH_COMPILER;
