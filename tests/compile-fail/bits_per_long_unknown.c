/* expect: PMM_BITS_PER_LONG: define it to 32 or 64 */
/*
 * A compiler without __SIZEOF_LONG__ cannot tell pmm the word size; the
 * message says to define PMM_BITS_PER_LONG, and doing so (FIX) works.
 */
#undef __SIZEOF_LONG__
#ifdef FIX
#define PMM_BITS_PER_LONG 64
#endif
#include "pmm.h"
