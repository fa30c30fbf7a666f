/* expect: PMM_KERNEL_NAMES must be 0 or 1 */
#ifndef FIX
#define PMM_KERNEL_NAMES 2
#else
#define PMM_KERNEL_NAMES 1
#endif
#include "pmm.h"
