/* expect: PMM_NODES_SHIFT must be at most 7 for Xen's models */
/* memnodemap holds a uint8_t nodeid_t, and 0xff is NUMA_NO_NODE. */
#define PMM_MODEL PMM_MODEL_XEN_PDX_OFFSET
#ifndef FIX
#define PMM_NODES_SHIFT 8
#else
#define PMM_NODES_SHIFT 7
#endif
#include "pmm.h"
