/* expect: mem_section_is_a_power_of_two */
/*
 * LLP64 (64-bit Windows) on a compiler that does not announce its pointer
 * width: the pointer-width #error cannot see it, so the build-time size
 * check of struct mem_section (two longs, a power of two as mmzone.h
 * demands) is what stops the build.
 */
/* compilers: clang */
/* cflags: --target=x86_64-pc-windows-msvc -ffreestanding */
/* fix-cflags: -ffreestanding */
#undef __SIZEOF_POINTER__
#include "freestanding_hooks.h"
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_MAX_PHYSMEM_BITS 36
#include "pmm.h"
