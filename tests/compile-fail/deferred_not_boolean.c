/* expect: PMM_DEFERRED_STRUCT_PAGE_INIT must be 0 or 1 */
#ifdef FIX
#define PMM_DEFERRED_STRUCT_PAGE_INIT 1
#else
#define PMM_DEFERRED_STRUCT_PAGE_INIT 2
#endif
#include "pmm.h"
