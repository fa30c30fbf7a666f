/* expect: PMM_BITS_PER_LONG must match the compiler's unsigned long */
/*
 * PMM_BITS_PER_LONG 32 on a compiler whose long has 64 bits: the word
 * size pmm computes with would not be the one it runs with, and the
 * build says so.  (MAX_PHYSMEM_BITS 36 keeps the PFN rule quiet.)
 */
#define PMM_MODEL PMM_MODEL_FLATMEM
#define PMM_MAX_PHYSMEM_BITS 36
#ifndef FIX
#define PMM_BITS_PER_LONG 32
#endif
#include "pmm.h"
