/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * model_ops.h - one table of function pointers per pmm instance, so that
 * one test body can run over every model and parameter set.
 *
 *	#define PMM_NAME x86_sparse
 *	...
 *	#include "pmm.h"
 *	MODEL_OPS(x86_sparse)		defines x86_sparse_ops
 */
#ifndef PMM_MODEL_OPS_H
#define PMM_MODEL_OPS_H

struct pmm_range;
struct pmm_stats;
struct pmm_params;

struct model_ops {
	const char *name;
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

/*
 * The type-erasing wrappers alone (N##_ops_pfn_to_page, _page_to_pfn,
 * _page_to_nid), for tables of other shapes (tests/hotplug's HP_OPS).
 */
#define MODEL_OPS_WRAPPERS(N)							\
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
}

#define MODEL_OPS(N)								\
MODEL_OPS_WRAPPERS(N)								\
static const struct model_ops N##_ops __attribute__((unused)) = {		\
	#N, &pmm_##N##_params, pmm_##N##_init, pmm_##N##_exit,			\
	N##_ops_pfn_to_page, N##_ops_page_to_pfn, pmm_##N##_pfn_valid,		\
	N##_ops_page_to_nid, pmm_##N##_pfn_to_nid, pmm_##N##_stats,		\
}

#endif /* PMM_MODEL_OPS_H */
