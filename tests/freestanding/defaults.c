/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * defaults.c - each model with nothing but its name and the hooks, as a
 * kernel would first try it: the defaults must build freestanding on
 * 32-bit as on 64-bit, since the manual promises defaults that follow the
 * word size "as Linux".  (A compile-time vmemmap base has no default; the
 * reserve hooks stand in for it.)
 */
#define PMM_FREESTANDING 1

#include "../lib/host_hooks.h"

#include "wrappers.h"

#include "hooks.h"
#define PMM_NAME flat
#define PMM_MODEL PMM_MODEL_FLATMEM
#include "pmm.h"
FS_COMMON(fs_flat_, pmm_flat_, struct pmm_flat_page)

#include "hooks.h"
#define PMM_NAME discontig
#define PMM_MODEL PMM_MODEL_DISCONTIGMEM
#include "pmm.h"
FS_COMMON(fs_discontig_, pmm_discontig_, struct pmm_discontig_page)
FS_NODES(fs_discontig_, pmm_discontig_)

#include "hooks.h"
#define PMM_NAME sparse
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#include "pmm.h"
FS_COMMON(fs_sparse_, pmm_sparse_, struct pmm_sparse_page)
FS_SECTIONS(fs_sparse_, pmm_sparse_, struct pmm_sparse_mem_section)
FS_PAGE_TO_SECTION(fs_sparse_, pmm_sparse_, struct pmm_sparse_page)

/* no PMM_MODEL at all: the default, SPARSEMEM_VMEMMAP */
#include "hooks.h"
#define PMM_NAME vmemmap
#define PMM_VMEMMAP_RESERVE(bytes)		host_reserve((bytes))
#define PMM_VMEMMAP_UNRESERVE(addr, bytes)	host_unreserve((addr), (bytes))
#include "pmm.h"
FS_COMMON(fs_vmemmap_, pmm_vmemmap_, struct pmm_vmemmap_page)
FS_SECTIONS(fs_vmemmap_, pmm_vmemmap_, struct pmm_vmemmap_mem_section)
