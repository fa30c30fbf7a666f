/* expect: PMM_VMEMMAP_POPULATE and PMM_VMEMMAP_DEPOPULATE are required for a freestanding SPARSEMEM_VMEMMAP */
#define PMM_FREESTANDING 1
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_VMEMMAP_BASE 0xffffea0000000000UL
#include "../lib/host_hooks.h"
#define PMM_ALLOC(bytes, align, nid)	host_alloc((bytes), (align), (nid))
#define PMM_FREE(p, bytes)		host_free((p), (bytes))
#ifdef FIX
#define PMM_VMEMMAP_POPULATE(addr, bytes, nid)	host_populate((addr), (bytes), (nid))
#define PMM_VMEMMAP_DEPOPULATE(addr, bytes)	host_depopulate((addr), (bytes))
#endif
#include "pmm.h"
