/* expect: No space for nodes field in page flags: FLATMEM and DISCONTIGMEM */
/* page_to_pfn of DISCONTIGMEM finds the node map through page->flags. */
/* cflags: -m32 -ffreestanding */
#include "freestanding_hooks.h"
#define PMM_MODEL PMM_MODEL_DISCONTIGMEM
#define PMM_MAX_PHYSMEM_BITS 36
#define PMM_RESERVED_FLAGS_BITS 5
#ifndef FIX
#define PMM_NODES_SHIFT 6
#else
#define PMM_NODES_SHIFT 5
#endif
#include "pmm.h"
