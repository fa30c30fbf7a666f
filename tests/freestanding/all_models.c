/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * all_models.c - every model in one freestanding translation unit, as a
 * kernel would build it: no C library, hooks onto the kernel's own
 * functions, every public function compiled out of line.  check.py builds
 * it over a matrix of compilers, word sizes, C dialects and optimisation
 * levels, and then reads the object's undefined symbols: they must be the
 * hooks declared below and nothing else (no memset, memcpy, abort, libgcc
 * helpers), and the preprocessed text must come from no system header.
 *
 * Parameters follow the word size: 32-bit gets x86_32 PAE's 36 physical
 * address bits, since 46-bit PFNs do not fit a 32-bit long.
 */
#ifndef FS_IMPLICIT
/* The kernel row leaves this to pmm, which sees __KERNEL__. */
#define PMM_FREESTANDING 1
#endif

#include "../lib/host_hooks.h"
extern void host_bug(const char *cond, const char *file, int line);

#include "wrappers.h"

#if __SIZEOF_LONG__ == 8
#define FS_PHYSMEM_BITS		46
#define FS_VMEMMAP_BASE		0xffffea0000000000UL	/* x86_64's */
#else
#define FS_PHYSMEM_BITS		36
#define FS_VMEMMAP_BASE		0xd0000000UL		/* 2^24 pages * 32 B below 4 GiB */
#endif

/* FLATMEM with a mem_map that starts above PFN 0 */
#include "hooks.h"
#define PMM_NAME flat
#define PMM_MODEL PMM_MODEL_FLATMEM
#define PMM_MAX_PHYSMEM_BITS FS_PHYSMEM_BITS
#define PMM_ARCH_PFN_OFFSET 0x100
#include "pmm.h"
FS_COMMON(fs_flat_, pmm_flat_, struct pmm_flat_page)

/* FLATMEM checking its arguments, with the default trap as BUG_ON */
#include "hooks.h"
#define PMM_NAME flat_debug
#define PMM_MODEL PMM_MODEL_FLATMEM
#define PMM_MAX_PHYSMEM_BITS FS_PHYSMEM_BITS
#define PMM_DEBUG 1
#include "pmm.h"
FS_COMMON(fs_flat_debug_, pmm_flat_debug_, struct pmm_flat_debug_page)

/* DISCONTIGMEM, node by span search (alpha, mips) */
#include "hooks.h"
#define PMM_NAME dsearch
#define PMM_MODEL PMM_MODEL_DISCONTIGMEM
#define PMM_MAX_PHYSMEM_BITS FS_PHYSMEM_BITS
#define PMM_DISCONTIG_NID PMM_NID_BY_SEARCH
#include "pmm.h"
FS_COMMON(fs_dsearch_, pmm_dsearch_, struct pmm_dsearch_page)
FS_NODES(fs_dsearch_, pmm_dsearch_)

/* DISCONTIGMEM, node by chunk table (x86_32's physnode_map) */
#include "hooks.h"
#define PMM_NAME dtable
#define PMM_MODEL PMM_MODEL_DISCONTIGMEM
#define PMM_MAX_PHYSMEM_BITS FS_PHYSMEM_BITS
#define PMM_DISCONTIG_NID PMM_NID_BY_TABLE
#define PMM_DISCONTIG_CHUNK_SHIFT 26
#include "pmm.h"
FS_COMMON(fs_dtable_, pmm_dtable_, struct pmm_dtable_page)
FS_NODES(fs_dtable_, pmm_dtable_)

/* classic SPARSEMEM, static section table */
#include "hooks.h"
#define PMM_NAME sparse
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_MAX_PHYSMEM_BITS FS_PHYSMEM_BITS
#define PMM_SPARSEMEM_EXTREME 0
#include "pmm.h"
FS_COMMON(fs_sparse_, pmm_sparse_, struct pmm_sparse_page)
FS_SECTIONS(fs_sparse_, pmm_sparse_, struct pmm_sparse_mem_section)
FS_PAGE_TO_SECTION(fs_sparse_, pmm_sparse_, struct pmm_sparse_page)

/* classic SPARSEMEM_EXTREME, debug checks through the kernel's BUG() */
#include "hooks.h"
#define PMM_NAME extreme
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_MAX_PHYSMEM_BITS FS_PHYSMEM_BITS
#define PMM_SPARSEMEM_EXTREME 1
#define PMM_DEBUG 1
#define PMM_BUG_ON(cond) \
	do { if (cond) host_bug(#cond, __FILE__, __LINE__); } while (0)
#include "pmm.h"
FS_COMMON(fs_extreme_, pmm_extreme_, struct pmm_extreme_page)
FS_SECTIONS(fs_extreme_, pmm_extreme_, struct pmm_extreme_mem_section)
FS_PAGE_TO_SECTION(fs_extreme_, pmm_extreme_, struct pmm_extreme_page)

/* SPARSEMEM_VMEMMAP at a compile-time base: pfn_to_page is a shift and add */
#include "hooks.h"
#define PMM_NAME vmemmap_base
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_MAX_PHYSMEM_BITS FS_PHYSMEM_BITS
#define PMM_VMEMMAP_BASE FS_VMEMMAP_BASE
#include "pmm.h"
FS_COMMON(fs_vmemmap_base_, pmm_vmemmap_base_, struct pmm_vmemmap_base_page)
FS_SECTIONS(fs_vmemmap_base_, pmm_vmemmap_base_, struct pmm_vmemmap_base_mem_section)

/* SPARSEMEM_VMEMMAP in address space the host reserves at run time */
#include "hooks.h"
#define PMM_NAME vmemmap_resv
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_MAX_PHYSMEM_BITS FS_PHYSMEM_BITS
#define PMM_VMEMMAP_RESERVE(bytes)		host_reserve((bytes))
#define PMM_VMEMMAP_UNRESERVE(addr, bytes)	host_unreserve((addr), (bytes))
#define PMM_DEBUG 1
#include "pmm.h"
FS_COMMON(fs_vmemmap_resv_, pmm_vmemmap_resv_, struct pmm_vmemmap_resv_page)
FS_SECTIONS(fs_vmemmap_resv_, pmm_vmemmap_resv_, struct pmm_vmemmap_resv_mem_section)

/* 64 KiB pages (arm64, ppc64), 16-byte descriptors, 512 MiB sections */
#include "hooks.h"
#define PMM_NAME vmemmap_64k
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_MAX_PHYSMEM_BITS FS_PHYSMEM_BITS
#define PMM_PAGE_SHIFT 16
#define PMM_SECTION_SIZE_BITS 29
#define PMM_STRUCT_PAGE_SIZE 16
#define PMM_VMEMMAP_BASE FS_VMEMMAP_BASE
#include "pmm.h"
FS_COMMON(fs_vmemmap_64k_, pmm_vmemmap_64k_, struct pmm_vmemmap_64k_page)
FS_SECTIONS(fs_vmemmap_64k_, pmm_vmemmap_64k_, struct pmm_vmemmap_64k_mem_section)

/* the kernel's own struct page, flags not its first word */
struct page {
	unsigned long private_word;
	unsigned long flags;
	void *mapping;
	unsigned long index;
};
#include "hooks.h"
#define PMM_NAME host_page
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_MAX_PHYSMEM_BITS FS_PHYSMEM_BITS
#define PMM_PAGE_TYPE struct page
#define PMM_PAGE_FLAGS(page) ((page)->flags)
#define PMM_STRUCT_PAGE_SIZE (4 * __SIZEOF_LONG__)
#include "pmm.h"
FS_COMMON(fs_host_page_, pmm_host_page_, struct page)
FS_SECTIONS(fs_host_page_, pmm_host_page_, struct pmm_host_page_mem_section)
FS_PAGE_TO_SECTION(fs_host_page_, pmm_host_page_, struct page)

/* Xen's frame table, mask compression, in address space the host reserves */
#include "hooks.h"
#define PMM_NAME xen_mask
#define PMM_MODEL PMM_MODEL_XEN_PDX_MASK
#define PMM_MAX_PHYSMEM_BITS FS_PHYSMEM_BITS
#define PMM_VMEMMAP_RESERVE(bytes)		host_reserve((bytes))
#define PMM_VMEMMAP_UNRESERVE(addr, bytes)	host_unreserve((addr), (bytes))
#include "pmm.h"
FS_COMMON(fs_xen_mask_, pmm_xen_mask_, struct pmm_xen_mask_page)

/* Xen's frame table, offset compression */
#include "hooks.h"
#define PMM_NAME xen_offset
#define PMM_MODEL PMM_MODEL_XEN_PDX_OFFSET
#define PMM_MAX_PHYSMEM_BITS FS_PHYSMEM_BITS
#define PMM_VMEMMAP_RESERVE(bytes)		host_reserve((bytes))
#define PMM_VMEMMAP_UNRESERVE(addr, bytes)	host_unreserve((addr), (bytes))
#include "pmm.h"
FS_COMMON(fs_xen_offset_, pmm_xen_offset_, struct pmm_xen_offset_page)

/* FreeBSD's dense vm_page_array (amd64) */
#include "hooks.h"
#define PMM_NAME bsd_dense
#define PMM_MODEL PMM_MODEL_FREEBSD_DENSE
#define PMM_MAX_PHYSMEM_BITS FS_PHYSMEM_BITS
#include "pmm.h"
FS_COMMON(fs_bsd_dense_, pmm_bsd_dense_, struct pmm_bsd_dense_page)

/* FreeBSD's segments (arm64) */
#include "hooks.h"
#define PMM_NAME bsd_sparse
#define PMM_MODEL PMM_MODEL_FREEBSD_SPARSE
#define PMM_MAX_PHYSMEM_BITS FS_PHYSMEM_BITS
#include "pmm.h"
FS_COMMON(fs_bsd_sparse_, pmm_bsd_sparse_, struct pmm_bsd_sparse_page)

/* the unnamed instance under Linux's names */
#include "hooks.h"
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_MAX_PHYSMEM_BITS FS_PHYSMEM_BITS
#define PMM_VMEMMAP_BASE FS_VMEMMAP_BASE
#define PMM_KERNEL_NAMES 1
#include "pmm.h"
FS_COMMON(fs_plain_, pmm_, struct pmm_page)
FS_SECTIONS(fs_plain_, pmm_, struct pmm_mem_section)

struct pmm_page *fs_kernel_pfn_to_page(unsigned long pfn);
struct pmm_page *fs_kernel_pfn_to_page(unsigned long pfn)
{
	return pfn_valid(pfn) ? pfn_to_page(pfn) : (struct pmm_page *)0;
}

unsigned long fs_kernel_page_to_pfn(const struct pmm_page *page);
unsigned long fs_kernel_page_to_pfn(const struct pmm_page *page)
{
	return page_to_pfn(page) + (unsigned long)page_to_nid(page) +
	       (unsigned long)pfn_to_nid(0) + pfn_to_section_nr(0);
}

#if !PMM_FREESTANDING
#error "all_models.c must build freestanding"
#endif
