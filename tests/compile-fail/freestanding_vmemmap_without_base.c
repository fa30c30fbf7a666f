/* expect: a freestanding SPARSEMEM_VMEMMAP needs PMM_VMEMMAP_BASE or PMM_VMEMMAP_RESERVE/UNRESERVE */
/* The virtual memmap must live somewhere: a fixed base or a reservation. */
#define PMM_FREESTANDING 1
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#include "../lib/host_hooks.h"
#define PMM_ALLOC(bytes, align, nid)		host_alloc((bytes), (align), (nid))
#define PMM_FREE(p, bytes)			host_free((p), (bytes))
#define PMM_VMEMMAP_POPULATE(addr, bytes, nid)	host_populate((addr), (bytes), (nid))
#define PMM_VMEMMAP_DEPOPULATE(addr, bytes)	host_depopulate((addr), (bytes))
#ifdef FIX
#define PMM_VMEMMAP_BASE 0xffffea0000000000UL
#endif
#include "pmm.h"
