/* expect: PMM_PAGE_SHIFT must be between 12 (4 KiB) and 18 */
/* 256 KiB (hexagon) is Linux's largest base page. */
#define PMM_MODEL PMM_MODEL_FLATMEM
#ifndef FIX
#define PMM_PAGE_SHIFT 19
#endif
#include "pmm.h"
