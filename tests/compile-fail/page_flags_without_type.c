/* expect: PMM_PAGE_FLAGS applies with PMM_PAGE_TYPE only */
/* An accessor for a host type that was never named is a half-done setup. */
#define PMM_MODEL PMM_MODEL_FLATMEM
#ifndef FIX
#define PMM_PAGE_FLAGS(page) ((page)->flags)
#endif
#include "pmm.h"
