/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * pmm_kernel_names.h - Linux's spellings for one pmm instance
 *
 * Included by pmm.h when PMM_KERNEL_NAMES is 1, for code written against
 * Linux's names.  Only one instance may take them, the unnamed one: the
 * aliases are plain macros and must not meet Linux's own definitions, so
 * they are refused where <linux/mm.h> has already defined them.
 */
#ifdef PMM_NAME
#error "PMM_KERNEL_NAMES applies to the unnamed instance only: drop PMM_NAME or PMM_KERNEL_NAMES"
#endif
#if defined(pfn_to_page) || defined(page_to_pfn) || defined(pfn_valid) || \
	defined(page_to_nid) || defined(pfn_to_nid) || \
	defined(pfn_to_section_nr) || defined(section_nr_to_pfn) || \
	defined(__nr_to_section) || defined(__pfn_to_section) || \
	defined(present_section_nr) || defined(valid_section_nr) || \
	defined(online_section_nr) || defined(pfn_in_present_section)
#error "PMM_KERNEL_NAMES: one of Linux's names (pfn_to_page, page_to_pfn, pfn_valid, page_to_nid, pfn_to_nid, the section helpers) is already defined, by Linux itself? They would clash"
#endif

#define pfn_to_page(pfn)	pmm_pfn_to_page(pfn)
#define page_to_pfn(page)	pmm_page_to_pfn(page)
#define pfn_valid(pfn)		pmm_pfn_valid(pfn)
#define page_to_nid(page)	pmm_page_to_nid(page)
#define pfn_to_nid(pfn)		pmm_pfn_to_nid(pfn)
#if PMM__SPARSE
#define pfn_to_section_nr(pfn)		pmm_pfn_to_section_nr(pfn)
#define section_nr_to_pfn(sec)		pmm_section_nr_to_pfn(sec)
#define __nr_to_section(nr)		pmm_nr_to_section(nr)
#define __pfn_to_section(pfn)		pmm_pfn_to_section(pfn)
#define present_section_nr(nr)		pmm_present_section_nr(nr)
#define valid_section_nr(nr)		pmm_valid_section_nr(nr)
#define online_section_nr(nr)		pmm_online_section_nr(nr)
#define pfn_in_present_section(pfn)	pmm_pfn_in_present_section(pfn)
#endif
