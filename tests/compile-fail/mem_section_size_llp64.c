/* expect: pmm needs pointers as wide as unsigned long */
/*
 * On an LLP64 target (64-bit Windows) a long has 32 bits and a pointer 64:
 * struct mem_section (a long and a pointer) is no longer two longs, the
 * power-of-two size mmzone.h insists on.  The fix is the ordinary LP64
 * target, with the same source.
 */
/* compilers: clang */
/* cflags: --target=x86_64-pc-windows-msvc -ffreestanding */
/* fix-cflags: -ffreestanding */
#include "freestanding_hooks.h"
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_MAX_PHYSMEM_BITS 36
#include "pmm.h"
