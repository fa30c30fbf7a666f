/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * model_ops.h - one table of function pointers per pmm instance, so that
 * one test body can run over every model and parameter set, and one of
 * its hotplug calls for the SPARSEMEM ones.
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

/*
 * The members of struct model_ops, in its order.  A table that holds more
 * of an instance's calls (tests/hotplug's struct hp_ops) begins with
 * them, so that a test body reads o->pfn_valid from either, and fills
 * them with MODEL_OPS_INIT.
 */
#define MODEL_OPS_MEMBERS							\
	const char *name;							\
	const struct pmm_params *params;					\
	int (*init)(const struct pmm_range *ranges, unsigned int nr);		\
	void (*exit)(void);							\
	void *(*pfn_to_page)(unsigned long pfn);				\
	unsigned long (*page_to_pfn)(const void *page);				\
	int (*pfn_valid)(unsigned long pfn);					\
	int (*page_to_nid)(const void *page);					\
	int (*pfn_to_nid)(unsigned long pfn);					\
	void (*stats)(struct pmm_stats *st)

struct model_ops {
	MODEL_OPS_MEMBERS;
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

/* MODEL_OPS_MEMBERS of instance N, in their order (after its wrappers) */
#define MODEL_OPS_INIT(N)							\
	#N, &pmm_##N##_params, pmm_##N##_init, pmm_##N##_exit,			\
	N##_ops_pfn_to_page, N##_ops_page_to_pfn, pmm_##N##_pfn_valid,		\
	N##_ops_page_to_nid, pmm_##N##_pfn_to_nid, pmm_##N##_stats

#define MODEL_OPS(N)								\
MODEL_OPS_WRAPPERS(N)								\
static const struct model_ops N##_ops __attribute__((unused)) = {		\
	MODEL_OPS_INIT(N),							\
}

/**
 * struct hotplug_ops - the memory hotplug calls of a SPARSEMEM instance
 * @add_pages: pmm_add_pages without an altmap (__add_pages)
 * @remove_pages: pmm_remove_pages without an altmap
 * @add_memory: pmm_add_memory, whole memory blocks, left offline
 * @remove_memory: pmm_remove_memory
 * @online_pages: pmm_online_pages
 * @offline_pages: pmm_offline_pages
 * @pfn_to_online_page: pmm_pfn_to_online_page
 *
 * Beside an instance's struct model_ops, for the tests that add and
 * remove memory: HOTPLUG_OPS(x) defines x_hotplug_ops
 * (test_instance.h's TI_HOTPLUG_OPS).
 */
struct hotplug_ops {
	int (*add_pages)(int nid, unsigned long pfn, unsigned long nr);
	int (*remove_pages)(unsigned long pfn, unsigned long nr);
	int (*add_memory)(int nid, unsigned long pfn, unsigned long nr);
	int (*remove_memory)(unsigned long pfn, unsigned long nr);
	int (*online_pages)(unsigned long pfn, unsigned long nr, int online_type);
	int (*offline_pages)(unsigned long pfn, unsigned long nr);
	void *(*pfn_to_online_page)(unsigned long pfn);
};

#define HOTPLUG_OPS(N)								\
static int N##_ops_add_pages(int nid, unsigned long pfn, unsigned long nr)	\
{										\
	return pmm_##N##_add_pages(nid, pfn, nr, NULL);				\
}										\
static int N##_ops_remove_pages(unsigned long pfn, unsigned long nr)		\
{										\
	return pmm_##N##_remove_pages(pfn, nr, NULL);				\
}										\
static void *N##_ops_online_page(unsigned long pfn)				\
{										\
	return pmm_##N##_pfn_to_online_page(pfn);				\
}										\
static const struct hotplug_ops N##_hotplug_ops __attribute__((unused)) = {	\
	N##_ops_add_pages, N##_ops_remove_pages, pmm_##N##_add_memory,		\
	pmm_##N##_remove_memory, pmm_##N##_online_pages,			\
	pmm_##N##_offline_pages, N##_ops_online_page,				\
}

#endif /* PMM_MODEL_OPS_H */
