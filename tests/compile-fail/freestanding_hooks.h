/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * freestanding_hooks.h - the hooks a kernel would hand pmm, for the cases
 * that must build without a C library (-m32 here has no 32-bit libc, and
 * foreign targets have no headers at all).  Declarations only: the cases
 * are compiled, never linked.
 */
extern void *host_alloc(unsigned long bytes, unsigned long align, int nid);
extern void host_free(void *p, unsigned long bytes);
extern int host_populate(void *addr, unsigned long bytes, int nid);
extern void host_depopulate(void *addr, unsigned long bytes);
extern void *host_reserve(unsigned long bytes);
extern void host_unreserve(void *addr, unsigned long bytes);

#define PMM_ALLOC(bytes, align, nid)		host_alloc((bytes), (align), (nid))
#define PMM_FREE(p, bytes)			host_free((p), (bytes))
#define PMM_VMEMMAP_POPULATE(addr, bytes, nid)	host_populate((addr), (bytes), (nid))
#define PMM_VMEMMAP_DEPOPULATE(addr, bytes)	host_depopulate((addr), (bytes))
#define PMM_VMEMMAP_RESERVE(bytes)		host_reserve((bytes))
#define PMM_VMEMMAP_UNRESERVE(addr, bytes)	host_unreserve((addr), (bytes))
