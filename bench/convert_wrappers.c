// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * convert_wrappers.c - pmm's conversions and Linux's, out of line, per model
 *
 * One pmm instance per model with x86_64's parameters (pmm's defaults),
 * then baseline_linux.h over the same data.  Every conversion of both gets
 * an externally visible, never-inlined wrapper named
 *
 *	bench_pmm_<model>_<conversion>		pmm
 *	bench_linux_<model>_<conversion>	the Linux equivalent
 *
 * with <conversion> one of pfn_to_page, page_to_pfn, pfn_valid.  A wrapper
 * is the conversion plus the call's "ret": bench/insncount.py counts the
 * two sides' instructions from the object file, and convert_bench.cc
 * times them.  The SPARSEMEM instances take kernel_rcu.h's RCU hooks, as
 * Linux's pfn_valid compiles without preemption.  Build at -O2 without sanitizers: this file is measured.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>

#define PMM_NAME flat
#define PMM_MODEL PMM_MODEL_FLATMEM
#include "pmm.h"

#define PMM_NAME discontig_table
#define PMM_MODEL PMM_MODEL_DISCONTIGMEM
#define PMM_DISCONTIG_NID PMM_NID_BY_TABLE
#include "pmm.h"

#define PMM_NAME discontig_search
#define PMM_MODEL PMM_MODEL_DISCONTIGMEM
#define PMM_DISCONTIG_NID PMM_NID_BY_SEARCH
#include "pmm.h"

#include "kernel_rcu.h"
#define PMM_NAME sparse_static
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_SPARSEMEM_EXTREME 0
#include "pmm.h"

#include "kernel_rcu.h"
#define PMM_NAME sparse_extreme
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_SPARSEMEM_EXTREME 1
#include "pmm.h"

/* the same constant as LINUX_VMEMMAP_START, checked below */
#include "kernel_rcu.h"
#define PMM_NAME vmemmap_const
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_VMEMMAP_BASE 0x300000000000UL
#include "pmm.h"

#include "kernel_rcu.h"
#define PMM_NAME vmemmap_var
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#include "pmm.h"

/* Linux's arrays are pmm's (baseline_linux.h, THE DATA) */
#define LINUX_DISCONTIG_TABLE_NODE_DATA		pmm__discontig_table_node_data
#define LINUX_DISCONTIG_TABLE_PHYSNODE_MAP	pmm__discontig_table_physnode_map
#define LINUX_DISCONTIG_SEARCH_NODE_DATA	pmm__discontig_search_node_data
#define LINUX_SPARSE_STATIC_MEM_SECTION		pmm__sparse_static_mem_section
#include "bench_compiler.h"
#include "convert_wrappers.h"
#include "baseline_linux.h"

/*
 * The baseline reads pmm's structures through Linux's types: they must
 * agree wherever it looks.
 */
#define BENCH_SAME_LAYOUT(linux_type, pmm_type, field)				\
	_Static_assert(offsetof(linux_type, field) == offsetof(pmm_type, field), \
		       #linux_type "." #field " is not where pmm keeps it")

_Static_assert(sizeof(struct linux_page) == sizeof(struct pmm_flat_page),
	       "struct page sizes differ");
BENCH_SAME_LAYOUT(struct linux_page, struct pmm_discontig_table_page, flags);
BENCH_SAME_LAYOUT(struct linux_page, struct pmm_sparse_static_page, flags);
_Static_assert(sizeof(struct linux_pglist_data) ==
	       sizeof(struct pmm__discontig_table_pglist_data),
	       "node_data[] strides differ");
BENCH_SAME_LAYOUT(struct linux_pglist_data, struct pmm__discontig_table_pglist_data,
		  node_mem_map);
BENCH_SAME_LAYOUT(struct linux_pglist_data, struct pmm__discontig_table_pglist_data,
		  node_start_pfn);
BENCH_SAME_LAYOUT(struct linux_pglist_data, struct pmm__discontig_table_pglist_data,
		  node_spanned_pages);
_Static_assert(sizeof(pmm__discontig_table_physnode_map) ==
	       sizeof(linux_physnode_map), "physnode_map sizes differ");
_Static_assert(sizeof(pmm__sparse_static_mem_section) ==
	       sizeof(linux_sparse_static_mem_section), "mem_section[] sizes differ");
_Static_assert(sizeof(struct linux_mem_section) ==
	       sizeof(struct pmm_sparse_extreme_mem_section), "mem_section sizes differ");
BENCH_SAME_LAYOUT(struct linux_mem_section, struct pmm_sparse_extreme_mem_section,
		  section_mem_map);
BENCH_SAME_LAYOUT(struct linux_mem_section, struct pmm_vmemmap_var_mem_section, usage);
BENCH_SAME_LAYOUT(struct linux_mem_section_usage,
		  struct pmm_vmemmap_var_mem_section_usage, subsection_map);
_Static_assert(LINUX_VMEMMAP_START == 0x300000000000UL,
	       "pmm's and Linux's vmemmap bases differ");

/* --- the wrappers ----------------------------------------------------- */

#define BENCH_WRAPPERS(model, linux_ref)					\
BENCH_OUT_OF_LINE void *bench_pmm_##model##_pfn_to_page(unsigned long pfn)	\
{										\
	return pmm_##model##_pfn_to_page(pfn);					\
}										\
BENCH_OUT_OF_LINE unsigned long bench_pmm_##model##_page_to_pfn(const void *page) \
{										\
	return pmm_##model##_page_to_pfn(page);					\
}										\
BENCH_OUT_OF_LINE int bench_pmm_##model##_pfn_valid(unsigned long pfn)	\
{										\
	return pmm_##model##_pfn_valid(pfn);					\
}										\
BENCH_OUT_OF_LINE void *bench_linux_##model##_pfn_to_page(unsigned long pfn)	\
{										\
	return linux_##model##_pfn_to_page(pfn);				\
}										\
BENCH_OUT_OF_LINE unsigned long bench_linux_##model##_page_to_pfn(const void *page) \
{										\
	return linux_##model##_page_to_pfn(page);				\
}										\
BENCH_OUT_OF_LINE int bench_linux_##model##_pfn_valid(unsigned long pfn)	\
{										\
	return linux_##model##_pfn_valid(pfn);					\
}

BENCH_MODELS(BENCH_WRAPPERS)

#define BENCH_MODEL(model, linux_ref)						\
	{									\
		#model, linux_ref,						\
		{ bench_pmm_##model##_pfn_to_page,				\
		  bench_pmm_##model##_page_to_pfn,				\
		  bench_pmm_##model##_pfn_valid },				\
		{ bench_linux_##model##_pfn_to_page,				\
		  bench_linux_##model##_page_to_pfn,				\
		  bench_linux_##model##_pfn_valid },				\
	},

const struct bench_model bench_models[] = { BENCH_MODELS(BENCH_MODEL) };
const unsigned int bench_nr_models = sizeof(bench_models) / sizeof(bench_models[0]);

const char bench_wrappers_compiler[] = BENCH_COMPILER;

/* --- building the models ---------------------------------------------- */

struct bench_instance {
	const char *name;
	const struct pmm_params *params;
	int (*init)(const struct pmm_range *ranges, unsigned int nr);
	void (*exit)(void);
};

#define BENCH_INSTANCE(model, linux_ref) \
	{ #model, &pmm_##model##_params, pmm_##model##_init, pmm_##model##_exit },

/* in bench_models[]'s order */
static const struct bench_instance bench_instances[] = { BENCH_MODELS(BENCH_INSTANCE) };
#define BENCH_NR_INSTANCES (sizeof(bench_instances) / sizeof(bench_instances[0]))

/* Point the baseline's own variables at what pmm built. */
static void bench_attach_linux(void)
{
	int k;

	linux_flat_mem_map = (struct linux_page *)pmm__flat_mem_map;
	linux_flat_max_mapnr = pmm__flat_max_mapnr;

	linux_discontig_search_online_map = 0;
	for (k = 0; k < pmm__discontig_search_nr_online; k++)
		linux_discontig_search_online_map |=
			1UL << pmm__discontig_search_node_order[k];

	linux_sparse_extreme_mem_section =
		(struct linux_mem_section **)pmm__sparse_extreme_mem_section;
	linux_vmemmap_const_mem_section =
		(struct linux_mem_section **)pmm__vmemmap_const_mem_section;
	linux_vmemmap_var_mem_section =
		(struct linux_mem_section **)pmm__vmemmap_var_mem_section;
	linux_vmemmap_base = pmm__vmemmap_var_vmemmap;
}

static void bench_detach_linux(void)
{
	linux_flat_mem_map = NULL;
	linux_flat_max_mapnr = 0;
	linux_discontig_search_online_map = 0;
	linux_sparse_extreme_mem_section = NULL;
	linux_vmemmap_const_mem_section = NULL;
	linux_vmemmap_var_mem_section = NULL;
	linux_vmemmap_base = 0;
}

int bench_models_init(const struct bench_range *ram, unsigned int nr,
		      const char **failed)
{
	struct pmm_range *ranges;
	unsigned int i, k;
	int err = 0;

	*failed = NULL;
	ranges = calloc(nr ? nr : 1, sizeof(*ranges));
	if (!ranges)
		return -ENOMEM;
	for (i = 0; i < nr; i++) {
		ranges[i].start_pfn = ram[i].start_pfn;
		ranges[i].end_pfn = ram[i].end_pfn;
		ranges[i].nid = ram[i].nid;
	}
	for (k = 0; k < BENCH_NR_INSTANCES; k++) {
		const struct bench_instance *in = &bench_instances[k];

		err = linux_params_match(in->params) ? in->init(ranges, nr) : -EINVAL;
		if (err) {
			*failed = in->name;
			while (k--)
				bench_instances[k].exit();
			break;
		}
	}
	free(ranges);
	if (!err)
		bench_attach_linux();
	return err;
}

void bench_models_exit(void)
{
	unsigned int k;

	bench_detach_linux();
	for (k = 0; k < BENCH_NR_INSTANCES; k++)
		bench_instances[k].exit();
}
