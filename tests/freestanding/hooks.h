/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * hooks.h - the hooks of one freestanding pmm instance, as a kernel would
 * define them: onto functions of its own.  Include it before each
 * instance (pmm.h forgets the hooks at the end of every instance).  The
 * functions are declared in the translation unit itself, on lines that
 * begin with "extern", which is where check.py reads the list of symbols
 * an object may leave undefined.
 */
#define PMM_ALLOC(bytes, align, nid)		host_alloc((bytes), (align), (nid))
#define PMM_FREE(p, bytes)			host_free((p), (bytes))
#define PMM_VMEMMAP_POPULATE(addr, bytes, nid)	host_populate((addr), (bytes), (nid))
#define PMM_VMEMMAP_DEPOPULATE(addr, bytes)	host_depopulate((addr), (bytes))
