/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * convert_wrappers.h - the C side of the first benchmark, as C++ sees it
 *
 * convert_wrappers.c builds one pmm instance per model and, beside each,
 * the hand-written Linux equivalent (baseline_linux.h) over the same data.
 * Every conversion of both is an out-of-line function: the benchmark calls
 * them through bench_models[], and bench/insncount.py counts their
 * instructions in the object file.
 */
#ifndef BENCH_CONVERT_WRAPPERS_H
#define BENCH_CONVERT_WRAPPERS_H

#ifdef __cplusplus
extern "C" {
#endif

/* a RAM range in PFNs, end exclusive: struct pmm_range's layout */
struct bench_range {
	unsigned long start_pfn, end_pfn;
	int nid;
};

/*
 * The models, each with the Linux version and configuration its baseline
 * follows: BENCH_MODELS(X) calls X(name, linux_ref) for each.
 */
#define BENCH_MODELS(X)								\
	X(flat, "6.12 FLATMEM")							\
	X(discontig_table, "5.10 DISCONTIGMEM, x86_32 physnode_map")		\
	X(discontig_search, "5.10 DISCONTIGMEM, online-node span scan")	\
	X(sparse_static, "6.12 SPARSEMEM, static mem_section")			\
	X(sparse_extreme, "6.12 SPARSEMEM_EXTREME")				\
	X(vmemmap_const, "6.12 SPARSEMEM_VMEMMAP, constant vmemmap")		\
	X(vmemmap_var, "6.12 SPARSEMEM_VMEMMAP, vmemmap_base variable")

/*
 * The wrappers: bench_pmm_<model>_<conversion> and
 * bench_linux_<model>_<conversion>, conversion one of pfn_to_page,
 * page_to_pfn and pfn_valid.
 */
#define BENCH_DECLARE_WRAPPERS(model, linux_ref)				\
	void *bench_pmm_##model##_pfn_to_page(unsigned long pfn);		\
	unsigned long bench_pmm_##model##_page_to_pfn(const void *page);	\
	int bench_pmm_##model##_pfn_valid(unsigned long pfn);			\
	void *bench_linux_##model##_pfn_to_page(unsigned long pfn);		\
	unsigned long bench_linux_##model##_page_to_pfn(const void *page);	\
	int bench_linux_##model##_pfn_valid(unsigned long pfn);

BENCH_MODELS(BENCH_DECLARE_WRAPPERS)

struct bench_conversions {
	void *(*pfn_to_page)(unsigned long pfn);
	unsigned long (*page_to_pfn)(const void *page);
	int (*pfn_valid)(unsigned long pfn);
};

/**
 * struct bench_model - one memory model, measured two ways
 * @name: the pmm instance name, e.g. "sparse_extreme"
 * @linux_ref: the Linux version and configuration the baseline follows
 * @pmm: pmm's conversions
 * @linux_eq: the hand-written Linux equivalent, over pmm's data
 */
struct bench_model {
	const char *name;
	const char *linux_ref;
	struct bench_conversions pmm;
	struct bench_conversions linux_eq;
};

extern const struct bench_model bench_models[];
extern const unsigned int bench_nr_models;

/* the compiler that built the measured code, e.g. "gcc 12.2.0" */
extern const char bench_wrappers_compiler[];

/**
 * bench_models_init - build every model for one memory map
 * @ram: RAM ranges, in any order
 * @nr: number of ranges
 * @failed: set to the name of the model that failed, on error
 *
 * Return: 0, or a negative errno from pmm_*_init (or -EINVAL when pmm's
 * parameters and the baseline's disagree); nothing stays built on error.
 */
int bench_models_init(const struct bench_range *ram, unsigned int nr,
		      const char **failed);

/* bench_models_exit - free what bench_models_init built */
void bench_models_exit(void);

#ifdef __cplusplus
}
#endif

#endif /* BENCH_CONVERT_WRAPPERS_H */
