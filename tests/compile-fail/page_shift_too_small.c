/* expect: PMM_PAGE_SHIFT must be between 12 (4 KiB) and 18 */
/* Linux has no 2 KiB pages. */
#ifndef FIX
#define PMM_PAGE_SHIFT 11
#endif
#include "pmm.h"
