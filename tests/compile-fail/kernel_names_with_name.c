/* expect: PMM_KERNEL_NAMES applies to the unnamed instance only */
/* pfn_to_page can mean one instance only: the unnamed one. */
#define PMM_KERNEL_NAMES 1
#ifndef FIX
#define PMM_NAME x86
#endif
#include "pmm.h"
