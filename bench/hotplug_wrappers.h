/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * hotplug_wrappers.h - the C side of the hotplug benchmark, as C++ sees it
 *
 * hotplug_wrappers.c builds two pmm instances with x86_64's parameters
 * (4 KiB pages, 128 MiB sections, 2 MiB sub-sections, SPARSEMEM_EXTREME,
 * 46 physical address bits, 64-byte descriptors, 128 MiB memory blocks):
 *
 *	vmemmap		SPARSEMEM_VMEMMAP, with ZONE_DEVICE
 *	sparse		classic SPARSEMEM (whole sections, no ZONE_DEVICE)
 *
 * both over the same small boot map, with the hosted hooks of
 * pmm_hosted.h behind thin wrappers that count the calls (vmemmap
 * populate and depopulate are mprotect/madvise system calls, a grace
 * period is a membarrier system call) and the time spent in them.
 */
#ifndef BENCH_HOTPLUG_WRAPPERS_H
#define BENCH_HOTPLUG_WRAPPERS_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The boot map, in PFNs (end exclusive): 1088 MiB of RAM from 0, so that
 * section 8 ([1 GiB, 1 GiB + 128 MiB)) is an early section with RAM in its
 * first 64 MiB and a hole in the rest.
 */
#define BENCH_HP_BOOT_END_PFN		0x44000UL
#define BENCH_HP_PAGES_PER_SUBSECTION	0x200UL		/* 2 MiB */
#define BENCH_HP_PAGES_PER_SECTION	0x8000UL	/* 128 MiB */
#define BENCH_HP_PAGES_PER_BLOCK	0x8000UL	/* 128 MiB memory blocks */
#define BENCH_HP_PAGE_SIZE		4096UL
#define BENCH_HP_DESC_SIZE		64UL		/* bytes per descriptor */

/* what the hooks were asked to do, summed over both instances */
struct bench_hp_counts {
	unsigned long populate;		/* PMM_VMEMMAP_POPULATE(_FROM) calls */
	unsigned long depopulate;	/* PMM_VMEMMAP_DEPOPULATE calls */
	unsigned long grace_periods;	/* PMM_SYNCHRONIZE_RCU calls */
	unsigned long long alloc_bytes;	/* PMM_ALLOC bytes */
	unsigned long long free_bytes;	/* PMM_FREE bytes */
	unsigned long long hook_ns;	/* time inside all of these hooks */
};

extern struct bench_hp_counts bench_hp_hook_counts;

/* pmm_stats, the fields the benchmark reads */
struct bench_hp_stats {
	unsigned long long memmap_bytes;
	unsigned long long metadata_bytes;
	unsigned long ram_pages;
	unsigned long nr_present_sections;
	unsigned long device_pages;
	unsigned long altmap_pages;
};

/**
 * struct bench_hp_instance - one pmm instance's hotplug entry points
 * @name: "vmemmap" or "sparse"
 * @desc: the model and its parameters, for the report
 * @unit_pages: __add_pages granularity: a sub-section or a section
 * @has_device: ZONE_DEVICE is there (@memremap and @memunmap not NULL)
 * @init: pmm_init over the boot map; 0 or -errno
 * @exit: pmm_exit (also unmaps every pagemap left)
 * @memremap: map slot @slot's pagemap (type FS_DAX) over
 *	[@pfn, @pfn + @nr); with @altmap its memmap is carved from the range
 *	(base_pfn @pfn, free the range's memmap pages)
 * @memunmap: unmap slot @slot's pagemap
 *
 * The rest are pmm's functions of the same names.
 */
struct bench_hp_instance {
	const char *name;
	const char *desc;
	unsigned long unit_pages;
	int has_device;
	int (*init)(void);
	void (*exit)(void);
	int (*add_pages)(int nid, unsigned long pfn, unsigned long nr);
	int (*remove_pages)(unsigned long pfn, unsigned long nr);
	int (*add_memory)(int nid, unsigned long pfn, unsigned long nr);
	int (*remove_memory)(unsigned long pfn, unsigned long nr);
	int (*online_pages)(unsigned long pfn, unsigned long nr);
	int (*offline_pages)(unsigned long pfn, unsigned long nr);
	int (*pfn_valid)(unsigned long pfn);
	void *(*pfn_to_online_page)(unsigned long pfn);
	void (*stats)(struct bench_hp_stats *st);
	int (*memremap)(unsigned int slot, unsigned long pfn, unsigned long nr,
			int altmap);
	int (*memunmap)(unsigned int slot);
};

/* pagemap slots per instance */
#define BENCH_HP_SLOTS	64

extern const struct bench_hp_instance bench_hp_vmemmap;
extern const struct bench_hp_instance bench_hp_sparse;

/*
 * pfn_to_online_page of each instance, out of line, for the read-side
 * loops to call directly (not through a pointer shared by both).
 */
void *bench_hp_vmemmap_pfn_to_online_page(unsigned long pfn);
void *bench_hp_sparse_pfn_to_online_page(unsigned long pfn);

/* "membarrier" or "fence": how the hosted grace period orders readers */
const char *bench_hp_rcu_mode(void);

/* the compiler that built the measured code, e.g. "gcc 12.2.0" */
extern const char bench_hp_compiler[];

#ifdef __cplusplus
}
#endif

#endif /* BENCH_HOTPLUG_WRAPPERS_H */
