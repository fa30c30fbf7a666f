/* expect: a freestanding Xen PDX model needs PMM_VMEMMAP_RESERVE/UNRESERVE and PMM_VMEMMAP_POPULATE/DEPOPULATE for its frame table */
/* Xen's frame table is virtual and backed group by group. */
#define PMM_FREESTANDING 1
#define PMM_MODEL PMM_MODEL_XEN_PDX_MASK
#include "../lib/host_hooks.h"
#define PMM_ALLOC(bytes, align, nid)		host_alloc((bytes), (align), (nid))
#define PMM_FREE(p, bytes)			host_free((p), (bytes))
#define PMM_VMEMMAP_POPULATE(addr, bytes, nid)	host_populate((addr), (bytes), (nid))
#define PMM_VMEMMAP_DEPOPULATE(addr, bytes)	host_depopulate((addr), (bytes))
#ifdef FIX
#define PMM_VMEMMAP_RESERVE(bytes)		host_reserve((bytes))
#define PMM_VMEMMAP_UNRESERVE(addr, bytes)	host_unreserve((addr), (bytes))
#endif
#include "pmm.h"
