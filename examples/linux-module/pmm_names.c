// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * pmm_names.c - a pmm instance that answers to Linux's own names
 *
 * With PMM_KERNEL_NAMES 1, pfn_to_page, page_to_pfn, pfn_valid,
 * page_to_nid, pfn_to_nid and the section helpers (pmm_kernel_names.h)
 * are macros onto the unnamed instance: code written against Linux's
 * spellings runs on pmm.  Linux's definitions must then stay out, so
 * this unit includes no Linux header at all, only what kbuild forces in
 * (kconfig.h, compiler_types.h), and reaches the kernel through the
 * hooks that pmm_demo.c defines (kmod_hooks.h).
 *
 * The build itself proves the names resolve to pmm (the static asserts
 * below); make test-kmod also reads the object and the preprocessed text.
 */
#include "kmod_hooks.h"

#ifndef __KERNEL__
#error "pmm_names.c is kernel code: build it with kbuild"
#endif
/* <linux/mm.h> and the headers it pulls in define the same names */
#if defined(_LINUX_MM_H) || defined(_LINUX_MMZONE_H) || \
	defined(__ASM_MEMORY_MODEL_H) || defined(_ASM_X86_PAGE_H)
#error "pmm_names.c must not see Linux's memory model headers"
#endif

#define PMM_MODEL		PMM_MODEL_SPARSEMEM
#define PMM_SPARSEMEM_EXTREME	1
#define PMM_NODES_SHIFT		2
#define PMM_KERNEL_NAMES	1
#define PMM_ALLOC(bytes, align, nid)	kmod_pmm_alloc((bytes), (align), (nid))
#define PMM_FREE(p, bytes)		kmod_pmm_free((p), (bytes))
#define PMM_BUG_ON(cond) \
	do { if (cond) kmod_pmm_bug(#cond, __FILE__, __LINE__); } while (0)
#define PMM_RCU_READ_LOCK()		kmod_pmm_rcu_read_lock()
#define PMM_RCU_READ_UNLOCK()		kmod_pmm_rcu_read_unlock()
#define PMM_SYNCHRONIZE_RCU()		kmod_pmm_synchronize_rcu()
#include "pmm.h"

#if !PMM_FREESTANDING
#error "pmm must build freestanding where __KERNEL__ is defined"
#endif

/* Linux's spellings are pmm's functions: their types say so */
#define NAMES_IS(expr, type) __builtin_types_compatible_p(__typeof__(expr), type)
_Static_assert(NAMES_IS(pfn_to_page(0), struct pmm_page *),
	       "pfn_to_page is not pmm_pfn_to_page");
_Static_assert(NAMES_IS(__nr_to_section(0), struct pmm_mem_section *),
	       "__nr_to_section is not pmm_nr_to_section");
_Static_assert(NAMES_IS(__pfn_to_section(0), struct pmm_mem_section *),
	       "__pfn_to_section is not pmm_pfn_to_section");
_Static_assert(NAMES_IS(&pmm_page_to_pfn,
			unsigned long (*)(const struct pmm_page *)),
	       "page_to_pfn's target takes pmm's page");

/* The same map as pmm_demo.c: present sections 0 and 4 (128 MiB each) */
static const struct pmm_range names_ram[] = {
	{ 0x00000, 0x0009f, 0 },
	{ 0x00100, 0x08000, 0 },
	{ 0x20000, 0x28000, 1 },
};
#define NAMES_NR_RANGES		(sizeof(names_ram) / sizeof(names_ram[0]))
#define NAMES_PRESENT_SECTIONS	2
#define NAMES_RAM_END		0x28000UL

/* Every RAM PFN through Linux's names: valid, round trip, node, section */
static void names_round_trips(struct kmod_names_result *res)
{
	unsigned long pfn;
	unsigned int i;

	for (i = 0; i < NAMES_NR_RANGES; i++) {
		const struct pmm_range *r = &names_ram[i];

		for (pfn = r->start_pfn; pfn < r->end_pfn; pfn++) {
			struct pmm_page *page;

			if (!pfn_valid(pfn)) {
				res->mismatches++;
				continue;
			}
			page = pfn_to_page(pfn);
			res->mismatches += page_to_pfn(page) != pfn;
			res->mismatches += page_to_nid(page) != r->nid;
			res->mismatches += pfn_to_nid(pfn) != r->nid;
			res->mismatches += !pfn_in_present_section(pfn);
			res->mismatches += __pfn_to_section(pfn) !=
					   __nr_to_section(pfn_to_section_nr(pfn));
			res->pages++;
		}
	}
}

/* The sections below the end of RAM: boot sections are valid and online */
static void names_sections(struct kmod_names_result *res)
{
	unsigned long nr;

	for (nr = 0; nr <= pfn_to_section_nr(NAMES_RAM_END - 1); nr++) {
		if (!present_section_nr(nr))
			continue;
		res->sections++;
		res->mismatches += !valid_section_nr(nr) || !online_section_nr(nr);
		res->mismatches += pfn_to_section_nr(section_nr_to_pfn(nr)) != nr;
	}
	res->mismatches += res->sections != NAMES_PRESENT_SECTIONS;
	res->mismatches += pfn_valid(NAMES_RAM_END);
}

/**
 * kmod_names_selftest - build names_ram under Linux's names, check it
 * @res: filled with what was checked and how much of it failed
 *
 * Return: 0, or pmm_init's negative errno.  Nothing stays allocated.
 */
int kmod_names_selftest(struct kmod_names_result *res)
{
	int err;

	err = pmm_init(names_ram, NAMES_NR_RANGES);
	if (err)
		return err;
	names_round_trips(res);
	names_sections(res);
	pmm_exit();
	return 0;
}
