// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * pmm_demo.c - pmm in a Linux module, beside Linux's own memory model
 *
 * Three pmm instances, with parameters of their own rather than the
 * running kernel's, share this unit with <linux/mm.h>.  Linux's
 * pfn_to_page, page_to_pfn and pfn_valid stay Linux's: pmm's functions
 * are pmm_<NAME>_*, so the two never meet.
 *
 *	demo	classic SPARSEMEM_EXTREME, 2^DEMO_SECTION_SIZE_BITS-byte
 *		sections, deferred struct page init, memory hotplug
 *	flat	FLATMEM whose descriptor is Linux's own struct page
 *	vmm	SPARSEMEM_VMEMMAP with a run-time base, 1 GiB of physical
 *		address space
 *
 * The hooks go to the kernel (pmm_demo_hooks.h): kvzalloc or vzalloc
 * with the node as a hint, kvfree, BUG_ON, rcu_read_lock_sched and
 * synchronize_rcu.  PMM_FREESTANDING follows from __KERNEL__.
 *
 * The module's init builds each instance over a small two-node memory
 * map, checks every RAM PFN's round trip (pfn_valid, pfn_to_page,
 * page_to_pfn, page_to_nid, pfn_to_nid) and a few PFNs outside RAM,
 * prints the result and tears the instance down.  It also runs the
 * self-test of pmm_names.c, whose instance answers to Linux's spellings.
 * Everything is given back before init returns; nothing stays loaded
 * but the code.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bug.h>
#include <linux/build_bug.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/nodemask.h>
#include <linux/numa.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "kmod_hooks.h"

/* 128 MiB, as x86_64; make test-kmod builds with 20 to see pmm refuse it */
#ifndef DEMO_SECTION_SIZE_BITS
#define DEMO_SECTION_SIZE_BITS	27
#endif

/* --- hooks ------------------------------------------------------------- */

/*
 * PMM_ALLOC: zeroed memory aligned to @align, a power of two.  kmalloc
 * aligns a power-of-two size to that size, so small requests are rounded
 * up to one; larger ones come from vmalloc, which is page aligned.  The
 * node is a hint: one this machine does not have means any node.
 */
void *kmod_pmm_alloc(unsigned long bytes, unsigned long align, int nid)
{
	if (WARN_ON_ONCE(align > PAGE_SIZE))
		return NULL;
	if (nid < 0 || nid >= MAX_NUMNODES || !node_online(nid))
		nid = NUMA_NO_NODE;
	if (bytes <= PAGE_SIZE)
		return kvzalloc_node(roundup_pow_of_two(max(bytes, align)),
				     GFP_KERNEL, nid);
	return vzalloc_node(bytes, nid);
}

void kmod_pmm_free(void *p, unsigned long bytes)
{
	kvfree(p);
}

/* PMM_BUG_ON for pmm_names.c, which cannot see BUG_ON itself */
void kmod_pmm_bug(const char *cond, const char *file, int line)
{
	pr_emerg("pmm invariant broken at %s:%d: %s\n", file, line, cond);
	BUG();
}

void kmod_pmm_rcu_read_lock(void) __acquires(RCU_SCHED)
{
	rcu_read_lock_sched();
}

void kmod_pmm_rcu_read_unlock(void) __releases(RCU_SCHED)
{
	rcu_read_unlock_sched();
}

void kmod_pmm_synchronize_rcu(void)
{
	synchronize_rcu();
}

/*
 * The virtual memmap of the vmm instance.  A module cannot map pages
 * into address space it reserved (get_vm_area is not exported), so the
 * reservation is itself backed: vzalloc of the whole window, which pmm
 * keeps small by asking for 1 GiB of physical memory at most (16 MiB of
 * descriptors).  Population then only has to hand back zeroed memory.
 */
#define DEMO_VMEMMAP_MAX_BYTES	(32UL << 20)

static void *demo_vmemmap_reserve(unsigned long bytes)
{
	return bytes <= DEMO_VMEMMAP_MAX_BYTES ? vzalloc(bytes) : NULL;
}

static int demo_vmemmap_populate(void *addr, unsigned long bytes)
{
	memset(addr, 0, bytes);
	return 0;
}

/* --- the instances ------------------------------------------------------ */

#include "pmm_demo_hooks.h"
#define PMM_NAME			demo
#define PMM_MODEL			PMM_MODEL_SPARSEMEM
#define PMM_SPARSEMEM_EXTREME		1
#define PMM_SECTION_SIZE_BITS		DEMO_SECTION_SIZE_BITS
#define PMM_NODES_SHIFT			2
#define PMM_DEFERRED_STRUCT_PAGE_INIT	1
#define PMM_DEBUG			1
#include "pmm.h"

/* Linux's struct page as the descriptor: pmm keeps its node in ->flags */
#include "pmm_demo_hooks.h"
#define PMM_NAME			flat
#define PMM_MODEL			PMM_MODEL_FLATMEM
#define PMM_NODES_SHIFT			2
#define PMM_PAGE_TYPE			struct page
#define PMM_PAGE_FLAGS(page)		((page)->flags)
#define PMM_STRUCT_PAGE_SIZE		64
#include "pmm.h"

#include "pmm_demo_hooks.h"
#define PMM_NAME			vmm
#define PMM_MODEL			PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_MAX_PHYSMEM_BITS		30
#define PMM_NODES_SHIFT			2
#define PMM_VMEMMAP_RESERVE(bytes)	demo_vmemmap_reserve(bytes)
#define PMM_VMEMMAP_UNRESERVE(addr, bytes)	((void)(bytes), vfree(addr))
#define PMM_VMEMMAP_POPULATE(addr, bytes, nid) \
	((void)(nid), demo_vmemmap_populate((addr), (bytes)))
#define PMM_VMEMMAP_DEPOPULATE(addr, bytes)	((void)(addr), (void)(bytes))
#include "pmm.h"

/* --- the checks ---------------------------------------------------------- */

/* A memory map as memblock would hold it: two nodes, a hole below 1 MiB */
static const struct pmm_range demo_ram[] = {
	{ 0x00000, 0x0009f, 0 },	/* 636 KiB */
	{ 0x00100, 0x08000, 0 },	/* 1 MiB .. 128 MiB */
	{ 0x20000, 0x28000, 1 },	/* 512 MiB .. 640 MiB */
};
#define DEMO_RAM_END	0x28000UL

/* PFNs outside RAM, and what each model's pfn_valid says of them */
static const unsigned long demo_probes[] = {
	0x0009f,	/* a hole in a section with RAM */
	0x10000,	/* 256 MiB: no RAM in its 128 MiB section */
	DEMO_RAM_END,	/* the end of RAM */
	0x3ffff,	/* the last PFN of 1 GiB */
};

/* FLATMEM: mem_map spans from PFN 0 to the end of RAM, holes included */
static bool demo_flat_valid(unsigned long pfn)
{
	return pfn < DEMO_RAM_END;
}

/* SPARSEMEM at boot: a section with any RAM is valid whole */
static bool demo_sparse_valid(unsigned long pfn, unsigned int section_shift)
{
	unsigned long sec = pfn >> section_shift;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(demo_ram); i++) {
		if (demo_ram[i].start_pfn >> section_shift <= sec &&
		    (demo_ram[i].end_pfn - 1) >> section_shift >= sec)
			return true;
	}
	return false;
}

/*
 * Hot-add one memory block past the end of RAM on node 1, online it,
 * check it, then offline and remove it: the path that frees under
 * synchronize_rcu().  Boot memory must come out of it unchanged.
 */
static int demo_hotplug(unsigned long *bad)
{
	unsigned long start, nr;
	int err;

	start = pmm_demo_section_nr_to_pfn(pmm_demo_pfn_to_section_nr(DEMO_RAM_END - 1) + 2);
	nr = pmm_demo_section_nr_to_pfn(1);
	err = pmm_demo_add_memory(1, start, nr);
	if (err)
		return err;
	err = pmm_demo_online_pages(start, nr, PMM_MMOP_ONLINE);
	if (!err) {
		*bad += !pmm_demo_pfn_valid(start + nr - 1);
		*bad += !pmm_demo_pfn_to_online_page(start);
		*bad += pmm_demo_pfn_to_nid(start) != 1;
		err = pmm_demo_offline_pages(start, nr);
	}
	if (!err)
		err = pmm_demo_remove_memory(start, nr);
	*bad += pmm_demo_pfn_valid(start);
	return err;
}

/* demo's steps between boot and the checks: deferred init, hotplug */
static int demo_sparse_steps(unsigned long *bad)
{
	int err;

	err = pmm_demo_deferred_init(1);
	return err ?: demo_hotplug(bad);
}

static int demo_report(const char *inst, const char *model, int err,
		       unsigned long pages, unsigned long bad,
		       const struct pmm_stats *st)
{
	if (err) {
		pr_err("%s (%s): error %d\n", inst, model, err);
		return err;
	}
	pr_info("%s (%s): %lu PFNs round-trip, %lu mismatches; memmap %llu KiB, metadata %llu bytes\n",
		inst, model, pages, bad, st->memmap_bytes >> 10,
		st->metadata_bytes);
	return bad ? -EINVAL : 0;
}

/*
 * DEMO_INSTANCE(inst, page_t, oracle) defines demo_run_<inst>(model,
 * steps): boot the instance over demo_ram, run @steps (may be NULL),
 * then check that every RAM PFN is valid, comes back from its descriptor
 * and carries its range's node, and that each probe is as valid as
 * @oracle says; report, and tear the instance down.
 */
#define DEMO_INSTANCE(inst, page_t, oracle)				\
static unsigned long demo_checks_##inst(unsigned long *pages)		\
{									\
	unsigned long bad = 0, pfn;					\
	unsigned int i;							\
									\
	for (i = 0; i < ARRAY_SIZE(demo_ram); i++) {			\
		const struct pmm_range *r = &demo_ram[i];		\
									\
		for (pfn = r->start_pfn; pfn < r->end_pfn; pfn++) {	\
			page_t *page;					\
									\
			if (!pmm_##inst##_pfn_valid(pfn)) {		\
				bad++;					\
				continue;				\
			}						\
			page = pmm_##inst##_pfn_to_page(pfn);		\
			bad += pmm_##inst##_page_to_pfn(page) != pfn;	\
			bad += pmm_##inst##_page_to_nid(page) != r->nid; \
			bad += pmm_##inst##_pfn_to_nid(pfn) != r->nid;	\
			(*pages)++;					\
		}							\
	}								\
	for (i = 0; i < ARRAY_SIZE(demo_probes); i++)			\
		bad += !pmm_##inst##_pfn_valid(demo_probes[i]) !=	\
		       !oracle(demo_probes[i]);				\
	return bad;							\
}									\
									\
static int demo_run_##inst(const char *model,				\
			   int (*steps)(unsigned long *bad))		\
{									\
	unsigned long pages = 0, bad = 0;				\
	struct pmm_stats st = { 0 };					\
	int err;							\
									\
	err = pmm_##inst##_init(demo_ram, ARRAY_SIZE(demo_ram));	\
	if (!err) {							\
		err = steps ? steps(&bad) : 0;				\
		if (!err)						\
			bad += demo_checks_##inst(&pages);		\
		pmm_##inst##_stats(&st);				\
		pmm_##inst##_exit();					\
	}								\
	return demo_report(#inst, model, err, pages, bad, &st);	\
}

#define DEMO_SPARSE_VALID(pfn)	\
	demo_sparse_valid((pfn), DEMO_SECTION_SIZE_BITS - PAGE_SHIFT)
#define DEMO_VMM_VALID(pfn)	demo_sparse_valid((pfn), 27 - PAGE_SHIFT)

DEMO_INSTANCE(demo, struct pmm_demo_page, DEMO_SPARSE_VALID)
DEMO_INSTANCE(flat, struct page, demo_flat_valid)
DEMO_INSTANCE(vmm, struct pmm_vmm_page, DEMO_VMM_VALID)

/* Linux's own conversions, in the same unit, on a page of its own */
static int demo_linux(void)
{
	struct page *page;
	unsigned long pfn;
	bool bad;

	/* the same spellings mean Linux's types here, pmm's in pmm_names.c */
	BUILD_BUG_ON(!__same_type(pfn_to_page(0), struct page *));
	BUILD_BUG_ON(!__same_type(pmm_demo_pfn_to_page(0), struct pmm_demo_page *));
	BUILD_BUG_ON(!__same_type(pmm_flat_pfn_to_page(0), struct page *));

	page = alloc_page(GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	pfn = page_to_pfn(page);
	bad = !pfn_valid(pfn) || pfn_to_page(pfn) != page;
	/* Linux's pageblock_order macro, beside pmm's pageblock_page_order */
	pr_info("linux: pfn %#lx on node %d, pageblock_order %u: %s\n", pfn,
		page_to_nid(page), (unsigned int)pageblock_order,
		bad ? "MISMATCH" : "round trip ok");
	__free_page(page);
	return bad ? -EINVAL : 0;
}

static int demo_names(void)
{
	struct kmod_names_result res = { 0 };
	int err;

	err = kmod_names_selftest(&res);
	if (err) {
		pr_err("names: error %d\n", err);
		return err;
	}
	pr_info("names: pfn_to_page & co. are pmm's: %lu PFNs round-trip, %lu sections, %lu mismatches\n",
		res.pages, res.sections, res.mismatches);
	return res.mismatches ? -EINVAL : 0;
}

static int __init pmm_example_init(void)
{
	int err = 0, ret;

	ret = demo_linux();
	err = err ?: ret;
	ret = demo_run_demo("SPARSEMEM_EXTREME", demo_sparse_steps);
	err = err ?: ret;
	ret = demo_run_flat("FLATMEM of struct page", NULL);
	err = err ?: ret;
	ret = demo_run_vmm("SPARSEMEM_VMEMMAP", NULL);
	err = err ?: ret;
	ret = demo_names();
	err = err ?: ret;
	pr_info("%s\n", err ? "FAILED" : "all instances agree");
	return err;
}

static void __exit pmm_example_exit(void)
{
}

module_init(pmm_example_init);
module_exit(pmm_example_exit);
MODULE_DESCRIPTION("pmm's physical memory models beside Linux's own");
MODULE_LICENSE("Dual MIT/GPL");
