/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * host_hooks.h - the functions a kernel would hand pmm as its hooks, for
 * the freestanding builds (compile-fail cases, the freestanding matrix,
 * the macro-leak check).  Declarations only: those units are compiled,
 * never linked.  tests/freestanding/check.py reads the "extern" lines of
 * this file as symbols an object may leave undefined.
 */
extern void *host_alloc(unsigned long bytes, unsigned long align, int nid);
extern void host_free(void *p, unsigned long bytes);
extern int host_populate(void *addr, unsigned long bytes, int nid);
extern void host_depopulate(void *addr, unsigned long bytes);
extern void *host_reserve(unsigned long bytes);
extern void host_unreserve(void *addr, unsigned long bytes);
