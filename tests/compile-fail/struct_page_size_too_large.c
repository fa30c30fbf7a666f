/* expect: PMM_STRUCT_PAGE_SIZE must be a power of two from sizeof(long) to 256 */
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#ifndef FIX
#define PMM_STRUCT_PAGE_SIZE 512
#else
#define PMM_STRUCT_PAGE_SIZE 256
#endif
#include "pmm.h"
