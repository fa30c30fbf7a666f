/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * models.h - the two pmm instances the kernel builds (models.c) and the
 * bump allocator behind their hooks (main.c).
 */
#ifndef BOOT_MODELS_H
#define BOOT_MODELS_H

#include "model_ops.h"

/*
 * The x86_32 PAE preset of gen/presets.toml (arch/x86/include/asm/
 * sparsemem.h [6.12]); the Makefile overrides them for the refusal cases.
 */
#ifndef BOOT_SECTION_SIZE_BITS
#define BOOT_SECTION_SIZE_BITS	29
#endif
#ifndef BOOT_MAX_PHYSMEM_BITS
#define BOOT_MAX_PHYSMEM_BITS	36
#endif
#define BOOT_NODES_SHIFT	3
#define BOOT_STRUCT_PAGE_SIZE	32
#define BOOT_MAX_PAGE_ORDER	10

/* SPARSEMEM first, then FLATMEM */
#define BOOT_NR_MODELS		2
extern const struct model_ops *const boot_models[BOOT_NR_MODELS];

void *bump_alloc(unsigned long bytes, unsigned long align, int nid);
void bump_free(void *p, unsigned long bytes);
void boot_bug(const char *cond, const char *file, int line) __attribute__((noreturn));

#endif /* BOOT_MODELS_H */
