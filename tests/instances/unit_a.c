/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * unit_a.c - one of the two translation units linked into two_units: an
 * unnamed FLATMEM instance, and a named one, "shared", on DISCONTIGMEM.
 * unit_b.c defines the same two instances with other parameters; since
 * everything pmm defines is static, the link must not see them clash.
 */
#define PMM_MODEL PMM_MODEL_FLATMEM
#define PMM_ARCH_PFN_OFFSET 0x80
#include "pmm.h"

#define PMM_NAME shared
#define PMM_MODEL PMM_MODEL_DISCONTIGMEM
#include "pmm.h"

#include "unit_api.h"
UNIT_API_DEFINE(unit_a);
