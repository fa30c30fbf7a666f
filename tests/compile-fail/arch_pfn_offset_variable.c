/* expect: PMM_ARCH_PFN_OFFSET_must_be_an_integer_constant */
/* arm64 spells its PFN offset as a variable; #if would read it as 0. */
extern unsigned long memstart_pfn;
#define PMM_MODEL PMM_MODEL_FLATMEM
#ifndef FIX
#define PMM_ARCH_PFN_OFFSET memstart_pfn
#else
#define PMM_ARCH_PFN_OFFSET 0x80000
#endif
#include "pmm.h"
