/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * models.c - SPARSEMEM (classic, static section table) and FLATMEM with
 * the x86_32 PAE preset's parameters, built freestanding (no PMM_*
 * default of pmm_hosted.h: -ffreestanding makes pmm include nothing),
 * their memory from the boot bump allocator.
 */
#include "models.h"

#define PMM_NAME		boot_sparse
#define PMM_MODEL		PMM_MODEL_SPARSEMEM
#define PMM_SECTION_SIZE_BITS	BOOT_SECTION_SIZE_BITS
#define PMM_SPARSEMEM_EXTREME	0
#include "instance.h"
MODEL_OPS(boot_sparse);

#define PMM_NAME		boot_flat
#define PMM_MODEL		PMM_MODEL_FLATMEM
#include "instance.h"
MODEL_OPS(boot_flat);

/* MODEL_OPS tables are static: hand them out in instance order */
const struct model_ops *const boot_models[BOOT_NR_MODELS] = {
	&boot_sparse_ops, &boot_flat_ops,
};
