/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * parity.h - one variant of bench/linux/parity.c, as parity_check.c and
 * the counts see it: pmm's conversions and Linux's, out of line
 */
#ifndef BENCH_LINUX_PARITY_H
#define BENCH_LINUX_PARITY_H

struct pmm_params;
struct pmm_range;

/* pfn_to_page, page_to_pfn, pfn_valid, page_to_nid of one side */
struct parity_side {
	void *(*pfn_to_page)(unsigned long pfn);
	unsigned long (*page_to_pfn)(const void *page);
	int (*pfn_valid)(unsigned long pfn);
	int (*page_to_nid)(const void *page);
};

/**
 * struct parity_ops - a variant
 * @name: "sparse_extreme", ...
 * @params: the pmm instance's parameters (Linux's are the same)
 * @attach: point Linux's tables at what the instance built; after init
 *	(NULL for a peer, Xen's or FreeBSD's model, which has no Linux side)
 * @init, @exit, @add, @remove: the pmm instance (add and remove without
 *	an altmap; NULL for FLATMEM, which has no hotplug)
 * @params_match: do Linux's parameters equal the instance's?
 * @linux_wider: where a stated difference lets Linux's pfn_valid answer
 *	true and pmm's false, whether @pfn is such a PFN; else NULL
 * @pmm_side, @linux_side: the two sides' conversions (a peer's Linux side
 *	all NULL, as its @add, @remove, @params_match)
 */
struct parity_ops {
	const char *name;
	const struct pmm_params *params;
	void (*attach)(void);
	int (*init)(const struct pmm_range *ranges, unsigned int nr);
	void (*exit)(void);
	int (*add)(int nid, unsigned long start_pfn, unsigned long nr_pages);
	int (*remove)(unsigned long start_pfn, unsigned long nr_pages);
	int (*params_match)(void);
	int (*linux_wider)(unsigned long pfn);
	struct parity_side pmm_side, linux_side;
};

extern const struct parity_ops parity_ops;

#endif /* BENCH_LINUX_PARITY_H */
