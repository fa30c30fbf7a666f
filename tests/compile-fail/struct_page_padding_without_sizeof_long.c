/* expect: PMM_STRUCT_PAGE_SIZE_must_equal_sizeof_struct_pmm_page */
/*
 * A compiler that does not say how wide long is (no __SIZEOF_LONG__), and a
 * PMM_BITS_PER_LONG that is wrong for it: the padding of struct pmm_page is
 * computed for 32-bit longs, and the build-time size check catches it.
 */
#undef __SIZEOF_LONG__
#define PMM_MODEL PMM_MODEL_FLATMEM
#define PMM_MAX_PHYSMEM_BITS 36
#ifndef FIX
#define PMM_BITS_PER_LONG 32
#else
#define PMM_BITS_PER_LONG 64
#endif
#include "pmm.h"
