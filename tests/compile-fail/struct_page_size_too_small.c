/* expect: PMM_STRUCT_PAGE_SIZE must be a power of two from sizeof(long) to 256 */
/* The flags word alone is a long. */
#define PMM_MODEL PMM_MODEL_FLATMEM
#ifndef FIX
#define PMM_STRUCT_PAGE_SIZE 4
#else
#define PMM_STRUCT_PAGE_SIZE 8
#endif
#include "pmm.h"
