/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * model_ops.h - one table of function pointers per pmm instance, so that
 * main.c's checks run over SPARSEMEM and FLATMEM with one body.  Each pmm
 * instance has functions of its own names and page type (pmm_boot_flat_*,
 * struct pmm_boot_flat_page); the table hides both behind void pointers.
 *
 *	#define PMM_NAME boot_flat
 *	...
 *	#include "pmm.h"
 *	MODEL_OPS(boot_flat);		defines boot_flat_ops
 */
#ifndef BOOT_MODEL_OPS_H
#define BOOT_MODEL_OPS_H

struct pmm_range;
struct pmm_stats;
struct pmm_params;

struct model_ops {
	const struct pmm_params *params;
	int (*init)(const struct pmm_range *ranges, unsigned int nr);
	void (*exit)(void);
	void *(*pfn_to_page)(unsigned long pfn);
	unsigned long (*page_to_pfn)(const void *page);
	int (*pfn_valid)(unsigned long pfn);
	int (*page_to_nid)(const void *page);
	int (*pfn_to_nid)(unsigned long pfn);
	void (*stats)(struct pmm_stats *st);
};

/* The page type differs per instance: wrap what takes or gives a page. */
#define MODEL_OPS(N)								\
static void *N##_ops_pfn_to_page(unsigned long pfn)				\
{										\
	return pmm_##N##_pfn_to_page(pfn);					\
}										\
static unsigned long N##_ops_page_to_pfn(const void *page)			\
{										\
	return pmm_##N##_page_to_pfn((const struct pmm_##N##_page *)page);	\
}										\
static int N##_ops_page_to_nid(const void *page)				\
{										\
	return pmm_##N##_page_to_nid((const struct pmm_##N##_page *)page);	\
}										\
static const struct model_ops N##_ops = {					\
	&pmm_##N##_params, pmm_##N##_init, pmm_##N##_exit,			\
	N##_ops_pfn_to_page, N##_ops_page_to_pfn, pmm_##N##_pfn_valid,		\
	N##_ops_page_to_nid, pmm_##N##_pfn_to_nid, pmm_##N##_stats,		\
}

#endif /* BOOT_MODEL_OPS_H */
