/* expect: PMM_DEFERRED_STRUCT_PAGE_INIT applies to SPARSEMEM models only */
/* FreeBSD initialises lazily (VM_FREEPOOL_LAZYINIT), but pmm models no such thing for it. */
#define PMM_MODEL PMM_MODEL_FREEBSD_SPARSE
#ifndef FIX
#define PMM_DEFERRED_STRUCT_PAGE_INIT 1
#endif
#include "pmm.h"
