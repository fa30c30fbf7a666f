/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * unit_b.c - the other translation unit of two_units: the unnamed instance
 * is SPARSEMEM_VMEMMAP here (pmm's default model), and "shared" is
 * classic SPARSEMEM with 64 KiB pages.
 */
#include "pmm.h"

#define PMM_NAME shared
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_PAGE_SHIFT 16
#define PMM_SECTION_SIZE_BITS 29
#include "pmm.h"

#include "unit_api.h"
UNIT_API_DEFINE(unit_b);
