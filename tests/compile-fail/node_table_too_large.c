/* expect: too large for section_to_node_table */
/* Classic sparse, 60 bits: the section number fills page->flags, so the
 * node goes to a table of 2^33 two-byte entries (16 GiB). */
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_MAX_PHYSMEM_BITS 60
#ifndef FIX
#define PMM_NODES_SHIFT 10
#else
#define PMM_SECTION_SIZE_BITS 34
#endif
#include "pmm.h"
