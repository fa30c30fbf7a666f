/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * terse_hooks.c - hooks that ignore some of their arguments, as a kernel's
 * often do: kfree() takes no size, kzalloc() no alignment, a populate
 * routine may not care for the node.  pmm must build with them under
 * -Wextra -Werror: a parameter pmm only hands to a hook must still count
 * as used.
 */
#define PMM_FREESTANDING 1

extern void *host_kzalloc(unsigned long bytes);
extern void host_kfree(void *p);
extern int host_vmemmap_populate(void *addr, unsigned long bytes);
extern void host_vmemmap_free(void *addr);
extern void *host_vmalloc_area(unsigned long bytes);
extern void host_vfree(void *addr);

#include "wrappers.h"

#if __SIZEOF_LONG__ == 8
#define FS_PHYSMEM_BITS		46
#else
#define FS_PHYSMEM_BITS		36
#endif

#define PMM_ALLOC(bytes, align, nid)		host_kzalloc((bytes))
#define PMM_FREE(p, bytes)			host_kfree((p))
#define PMM_NAME flat
#define PMM_MODEL PMM_MODEL_FLATMEM
#define PMM_MAX_PHYSMEM_BITS FS_PHYSMEM_BITS
#include "pmm.h"
FS_COMMON(fs_flat_, pmm_flat_, struct pmm_flat_page)

#define PMM_ALLOC(bytes, align, nid)		host_kzalloc((bytes))
#define PMM_FREE(p, bytes)			host_kfree((p))
#define PMM_NAME discontig
#define PMM_MODEL PMM_MODEL_DISCONTIGMEM
#define PMM_MAX_PHYSMEM_BITS FS_PHYSMEM_BITS
#include "pmm.h"
FS_COMMON(fs_discontig_, pmm_discontig_, struct pmm_discontig_page)
FS_NODES(fs_discontig_, pmm_discontig_)

#define PMM_ALLOC(bytes, align, nid)		host_kzalloc((bytes))
#define PMM_FREE(p, bytes)			host_kfree((p))
#define PMM_NAME sparse
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_MAX_PHYSMEM_BITS FS_PHYSMEM_BITS
#include "pmm.h"
FS_COMMON(fs_sparse_, pmm_sparse_, struct pmm_sparse_page)
FS_SECTIONS(fs_sparse_, pmm_sparse_, struct pmm_sparse_mem_section)

#define PMM_ALLOC(bytes, align, nid)		host_kzalloc((bytes))
#define PMM_FREE(p, bytes)			host_kfree((p))
#define PMM_VMEMMAP_POPULATE(addr, bytes, nid)	host_vmemmap_populate((addr), (bytes))
#define PMM_VMEMMAP_DEPOPULATE(addr, bytes)	host_vmemmap_free((addr))
#define PMM_VMEMMAP_RESERVE(bytes)		host_vmalloc_area((bytes))
#define PMM_VMEMMAP_UNRESERVE(addr, bytes)	host_vfree((addr))
#define PMM_NAME vmemmap
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_MAX_PHYSMEM_BITS FS_PHYSMEM_BITS
#include "pmm.h"
FS_COMMON(fs_vmemmap_, pmm_vmemmap_, struct pmm_vmemmap_page)
FS_SECTIONS(fs_vmemmap_, pmm_vmemmap_, struct pmm_vmemmap_mem_section)
