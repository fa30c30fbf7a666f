/* expect: PMM_KERNEL_NAMES: one of Linux's names */
/* As if <linux/mm.h> came first: pmm must not redefine Linux's own macros. */
#ifndef FIX
#define pfn_to_page(pfn) ((void *)0)
#endif
#define PMM_KERNEL_NAMES 1
#include "pmm.h"
