/* expect: Not enough bits in page flags */
/*
 * The same budget, spent by fields pmm does not model (LAST_CPUPID, KASAN
 * tag): 23 flags + 20 reserved leave 21 bits, 19 + 3 are needed.
 */
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#ifndef FIX
#define PMM_RESERVED_FLAGS_BITS 20
#else
#define PMM_RESERVED_FLAGS_BITS 19
#endif
#include "pmm.h"
