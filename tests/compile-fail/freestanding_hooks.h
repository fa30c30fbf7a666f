/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * freestanding_hooks.h - the hooks a kernel would hand pmm, for the cases
 * that must build without a C library (-m32 here has no 32-bit libc, and
 * foreign targets have no headers at all).  Declarations only: the cases
 * are compiled, never linked.
 */
#include "../lib/host_hooks.h"

#define PMM_ALLOC(bytes, align, nid)		host_alloc((bytes), (align), (nid))
#define PMM_FREE(p, bytes)			host_free((p), (bytes))
#define PMM_VMEMMAP_POPULATE(addr, bytes, nid)	host_populate((addr), (bytes), (nid))
#define PMM_VMEMMAP_DEPOPULATE(addr, bytes)	host_depopulate((addr), (bytes))
#define PMM_VMEMMAP_RESERVE(bytes)		host_reserve((bytes))
#define PMM_VMEMMAP_UNRESERVE(addr, bytes)	host_unreserve((addr), (bytes))
