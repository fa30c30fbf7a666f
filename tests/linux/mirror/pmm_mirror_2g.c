// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * pmm_mirror_2g.c - pmm_mirror.c for guests with 2 GiB memory blocks
 *
 * x86 gives a guest whose boot memory ends at 64 GiB or more the largest
 * block up to 2 GiB that aligns with that end (probe_memory_block_size):
 * the same mirror, with 2 GiB blocks and a physical address space of
 * 128 GiB.
 */
#define MIRROR_PHYSMEM_BITS	37
#define MIRROR_BLOCK_BITS	31
#include "pmm_mirror.c"
