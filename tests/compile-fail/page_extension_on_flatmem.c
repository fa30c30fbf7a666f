/* expect: PMM_PAGE_EXTENSION applies to SPARSEMEM models only */
/* page_ext lives in struct mem_section, which FLATMEM does not have. */
#define PMM_MODEL PMM_MODEL_FLATMEM
#ifndef FIX
#define PMM_PAGE_EXTENSION 1
#endif
#include "pmm.h"
