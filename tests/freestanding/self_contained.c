/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * self_contained.c - every model with hooks the unit implements itself, as
 * a boot loader or firmware without an allocator would: a bump allocator
 * over a static arena, and a vmemmap at a fixed base whose backing the
 * platform has already mapped.  It declares no "extern", so check.py
 * requires `nm -u` on its objects to be empty: pmm on its own references
 * no symbol at all, not even memset.
 */
#define PMM_FREESTANDING 1

#include "wrappers.h"

#if __SIZEOF_LONG__ == 8
#define SC_PHYSMEM_BITS		46
#define SC_VMEMMAP_BASE		0xffffea0000000000UL
#else
#define SC_PHYSMEM_BITS		36
#define SC_VMEMMAP_BASE		0xd0000000UL
#endif

static unsigned char sc_arena[1 << 20] __attribute__((aligned(4096)));
static unsigned long sc_used;

/* Zeroed, aligned memory from the arena; freeing is a no-op. */
static void *sc_alloc(unsigned long bytes, unsigned long align)
{
	unsigned long start = (sc_used + align - 1) & ~(align - 1);
	unsigned long i;

	if (start > sizeof(sc_arena) || bytes > sizeof(sc_arena) - start)
		return (void *)0;
	for (i = 0; i < bytes; i++)
		sc_arena[start + i] = 0;
	sc_used = start + bytes;
	return &sc_arena[start];
}

#define PMM_ALLOC(bytes, align, nid)		sc_alloc((bytes), (align))
#define PMM_FREE(p, bytes)			((void)(p), (void)(bytes))
#define PMM_NAME flat
#define PMM_MODEL PMM_MODEL_FLATMEM
#define PMM_MAX_PHYSMEM_BITS SC_PHYSMEM_BITS
#include "pmm.h"
FS_COMMON(sc_flat_, pmm_flat_, struct pmm_flat_page)

#define PMM_ALLOC(bytes, align, nid)		sc_alloc((bytes), (align))
#define PMM_FREE(p, bytes)			((void)(p), (void)(bytes))
#define PMM_NAME discontig
#define PMM_MODEL PMM_MODEL_DISCONTIGMEM
#define PMM_DISCONTIG_NID PMM_NID_BY_TABLE
#define PMM_MAX_PHYSMEM_BITS SC_PHYSMEM_BITS
#include "pmm.h"
FS_COMMON(sc_discontig_, pmm_discontig_, struct pmm_discontig_page)

#define PMM_ALLOC(bytes, align, nid)		sc_alloc((bytes), (align))
#define PMM_FREE(p, bytes)			((void)(p), (void)(bytes))
#define PMM_NAME sparse
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_MAX_PHYSMEM_BITS SC_PHYSMEM_BITS
#include "pmm.h"
FS_COMMON(sc_sparse_, pmm_sparse_, struct pmm_sparse_page)

/* the platform mapped the vmemmap already: populating is bookkeeping only */
#define PMM_ALLOC(bytes, align, nid)		sc_alloc((bytes), (align))
#define PMM_FREE(p, bytes)			((void)(p), (void)(bytes))
#define PMM_VMEMMAP_POPULATE(addr, bytes, nid)	((void)(addr), (void)(bytes), (void)(nid), 0)
#define PMM_VMEMMAP_DEPOPULATE(addr, bytes)	((void)(addr), (void)(bytes))
#define PMM_NAME vmemmap
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_MAX_PHYSMEM_BITS SC_PHYSMEM_BITS
#define PMM_VMEMMAP_BASE SC_VMEMMAP_BASE
#include "pmm.h"
FS_COMMON(sc_vmemmap_, pmm_vmemmap_, struct pmm_vmemmap_page)
