/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * leak_config.h - one instance's configuration for leak.c, chosen by
 * LEAK_CONFIG: each sets every option its model takes (and the hooks), so
 * that each of them must be forgotten again by the end of pmm.h.
 * Included again for every instance, so no include guard.
 */
#if LEAK_FREESTANDING
#define PMM_ALLOC(bytes, align, nid)		host_alloc((bytes), (align), (nid))
#define PMM_FREE(p, bytes)			host_free((p), (bytes))
#define PMM_VMEMMAP_POPULATE(addr, bytes, nid)	host_populate((addr), (bytes), (nid))
#define PMM_VMEMMAP_DEPOPULATE(addr, bytes)	host_depopulate((addr), (bytes))
#endif

/* options every model takes */
#define PMM_PAGE_SHIFT 12
#define PMM_MAX_PHYSMEM_BITS 46
#define PMM_NODES_SHIFT 6
#define PMM_MAX_PAGE_ORDER 10
#define PMM_PAGEBLOCK_ORDER 9
#define PMM_NR_PAGEFLAGS 23
#define PMM_ZONES_SHIFT 3
#define PMM_RESERVED_FLAGS_BITS 0
#define PMM_DEBUG 1
#define PMM_BUG_ON(cond) do { if (cond) __builtin_trap(); } while (0)

#if LEAK_CONFIG == 1		/* FLATMEM */
#define PMM_MODEL PMM_MODEL_FLATMEM
#define PMM_ARCH_PFN_OFFSET 0x100
#define PMM_STRUCT_PAGE_SIZE 64
#elif LEAK_CONFIG == 2		/* DISCONTIGMEM, chunk table */
#define PMM_MODEL PMM_MODEL_DISCONTIGMEM
#define PMM_DISCONTIG_NID PMM_NID_BY_TABLE
#define PMM_DISCONTIG_CHUNK_SHIFT 26
#define PMM_STRUCT_PAGE_SIZE 32
#elif LEAK_CONFIG == 3		/* DISCONTIGMEM, span search */
#define PMM_MODEL PMM_MODEL_DISCONTIGMEM
#define PMM_DISCONTIG_NID PMM_NID_BY_SEARCH
#define PMM_DISCONTIG_CHUNK_SHIFT 26
#elif LEAK_CONFIG == 4		/* SPARSEMEM, static table, node outside page->flags */
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_SECTION_SIZE_BITS 27
#define PMM_SPARSEMEM_EXTREME 0
#undef PMM_NR_PAGEFLAGS
#define PMM_NR_PAGEFLAGS 37
#elif LEAK_CONFIG == 5		/* SPARSEMEM_EXTREME, a host page type */
struct leak_page { unsigned long pad, flags; };
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_SECTION_SIZE_BITS 27
#define PMM_SPARSEMEM_EXTREME 1
#define PMM_PAGE_TYPE struct leak_page
#define PMM_PAGE_FLAGS(page) ((page)->flags)
#define PMM_STRUCT_PAGE_SIZE 16
#elif LEAK_CONFIG == 6		/* SPARSEMEM_VMEMMAP at a fixed base */
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_SECTION_SIZE_BITS 27
#define PMM_SPARSEMEM_EXTREME 1
#define PMM_SUBSECTION_SHIFT 21
#define PMM_VMEMMAP_BASE 0x7e0000000000UL
#elif LEAK_CONFIG == 7		/* SPARSEMEM_VMEMMAP, reserved at run time */
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_SECTION_SIZE_BITS 27
#define PMM_SUBSECTION_SHIFT 21
#if LEAK_FREESTANDING
#define PMM_VMEMMAP_RESERVE(bytes)		host_reserve((bytes))
#define PMM_VMEMMAP_UNRESERVE(addr, bytes)	host_unreserve((addr), (bytes))
#endif
#elif LEAK_CONFIG == 8		/* the unnamed instance with Linux's names */
#undef PMM_NAME
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_KERNEL_NAMES 1
#elif LEAK_CONFIG == 9		/* Xen's PDX, mask compression */
#define PMM_MODEL PMM_MODEL_XEN_PDX_MASK
#define PMM_PDX_MAX_ORDER 18
#define PMM_PDX_GROUP_SHIFT 21
#define PMM_PDX_MAX_RANGES 256
#if LEAK_FREESTANDING
#define PMM_VMEMMAP_RESERVE(bytes)		host_reserve((bytes))
#define PMM_VMEMMAP_UNRESERVE(addr, bytes)	host_unreserve((addr), (bytes))
#endif
#elif LEAK_CONFIG == 10		/* Xen's PDX, offset compression */
#define PMM_MODEL PMM_MODEL_XEN_PDX_OFFSET
#define PMM_PDX_OFFSET_TBL_ORDER 6
#define PMM_STRUCT_PAGE_SIZE 56
#if LEAK_FREESTANDING
#define PMM_VMEMMAP_RESERVE(bytes)		host_reserve((bytes))
#define PMM_VMEMMAP_UNRESERVE(addr, bytes)	host_unreserve((addr), (bytes))
#endif
#elif LEAK_CONFIG == 11		/* FreeBSD, dense */
#define PMM_MODEL PMM_MODEL_FREEBSD_DENSE
#define PMM_VM_PHYSSEG_MAX 63
#define PMM_VM_LOWMEM_BOUNDARY 0x1000000ULL
#define PMM_VM_DMA32_BOUNDARY 0x100000000ULL
#define PMM_VM_DMA32_NPAGES_THRESHOLD 16777216ULL
#elif LEAK_CONFIG == 12		/* FreeBSD, segments */
#define PMM_MODEL PMM_MODEL_FREEBSD_SPARSE
#define PMM_STRUCT_PAGE_SIZE 88
#else
#error "leak_config.h: LEAK_CONFIG must be 1..12"
#endif
