/* expect: PMM_STRUCT_PAGE_SIZE must be a power of two from sizeof(long) to 256 */
/* vmemmap arithmetic and sections' memmaps assume a power-of-two descriptor. */
#ifndef FIX
#define PMM_STRUCT_PAGE_SIZE 48
#else
#define PMM_STRUCT_PAGE_SIZE 32
#endif
#include "pmm.h"
