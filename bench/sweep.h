/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * sweep.h - what a generated configuration gives the benchmark shim
 *
 * gen/generate.py renders one translation unit per set of compile-time
 * parameters into build/gen/; each includes bench/sweep_unit.h, which
 * builds one pmm instance and Linux's own text beside it and exports a
 * struct sweep_unit.  build/gen/sweep_table.c lists the units and the
 * configurations (a unit on a memory map) of the sweep; bench/sweep_bench.cc,
 * the one C++ file, registers them with google-benchmark.
 *
 * The timed code is C: a unit's loops run @n operations at a time over an
 * opaque struct sweep_inputs, and the shim calls them once per batch of
 * google-benchmark's KeepRunningBatch, so that the C/C++ boundary is
 * crossed once per batch, not once per operation.  What is not a
 * conversion (hotplug calls, a boot) is a struct sweep_case of
 * bench/sweep_cases.c, whose iterations time themselves.
 */
#ifndef BENCH_SWEEP_H
#define BENCH_SWEEP_H

#ifdef __cplusplus
extern "C" {
#endif

struct pmm_range;
struct pmm_stats;
struct pmm_params;

/* What is measured.  The order is the order of the report's columns. */
enum sweep_op {
	SWEEP_PFN_TO_PAGE,
	SWEEP_PAGE_TO_PFN,
	SWEEP_PFN_VALID,
	SWEEP_PAGE_TO_NID,
	SWEEP_PFN_TO_SECTION,	/* __pfn_to_section: SPARSEMEM only */
	SWEEP_WALK,		/* every valid PFN of the map, as memmap_init */
	SWEEP_NR_OPS
};

/* The order in which the inputs of an operation visit the memory map. */
enum sweep_pattern {
	SWEEP_SEQUENTIAL,	/* RAM PFNs in order, stepping over holes */
	SWEEP_RANDOM,		/* RAM PFNs drawn uniformly, fixed seed */
	SWEEP_STRIDE,		/* one RAM PFN per section (128 MiB unless SPARSEMEM) */
	SWEEP_NR_PATTERNS
};

/*
 * Who does the work: pmm, Linux's own text, or the least work the
 * operation can be done with, the yardstick beside both (sweep_unit.h:
 * a multiply-add on a constant base, one bit of a flat bitmap, ...).
 */
enum sweep_side { SWEEP_PMM, SWEEP_LINUX, SWEEP_LIMIT, SWEEP_NR_SIDES };

/*
 * How a conversion is timed, inlined into the loop as a kernel runs it:
 * throughput, each input independent of the last result (kept through
 * SWEEP_KEEP); latency, each input's index depending on the previous
 * result, so that no two conversions overlap.  A walk has one form.
 */
enum sweep_form { SWEEP_THROUGHPUT, SWEEP_LATENCY, SWEEP_NR_FORMS };

/*
 * The C side's benchmark::DoNotOptimize: @x is computed and taken as
 * used, and memory as clobbered, so that nothing is hoisted out of a loop
 * or dropped from it.  It emits no instruction.
 */
#define SWEEP_KEEP(x)	__asm__ __volatile__("" : : "r,m"(x) : "memory")

/*
 * What a configuration times (gen/sweeps.toml's "bench" axis): the
 * conversions above, each side, pattern and form; or its cases
 * (bench/sweep_cases.c): hotplug and ZONE_DEVICE calls, each undone in
 * the same iteration; or boots, pmm_init (and pmm_deferred_init) of the
 * whole map.
 */
enum sweep_bench { SWEEP_BENCH_CONVERSIONS, SWEEP_BENCH_HOTPLUG, SWEEP_BENCH_BOOT };

/*
 * The variants of Linux's side (bench/linux/side.h); a unit uses the one
 * its model and options call for.
 */
#define SWEEP_FLAT		1
#define SWEEP_DISCONTIG_TABLE	2
#define SWEEP_DISCONTIG_SEARCH	3
#define SWEEP_SPARSE_STATIC	4
#define SWEEP_SPARSE_EXTREME	5
#define SWEEP_VMEMMAP_CONST	6
#define SWEEP_VMEMMAP_VAR	7
/* the peers: other kernels' models, pmm's implementation alone, no Linux side */
#define SWEEP_XEN_PDX_MASK	8
#define SWEEP_XEN_PDX_OFFSET	9
#define SWEEP_FREEBSD_DENSE	10
#define SWEEP_FREEBSD_SPARSE	11

/**
 * struct sweep_inputs - the state a loop runs over (opaque to C++)
 * @pfns: RAM PFNs, @mask + 1 of them
 * @pages: pmm's descriptors of @pfns
 * @mask: a power of two minus one: the index wraps with it
 * @next: where the next batch starts, carried between batches
 * @ram: the map's RAM, for SWEEP_WALK
 * @nr_ram: entries in @ram
 * @zero: 0, which the compiler cannot see: the latency form's chain
 *	(index + (result & zero)) makes each input wait for the last result
 * @valid_bitmap: SWEEP_LIMIT's pfn_valid: a bit per PFN, set for RAM
 * @flat_base: SWEEP_LIMIT's walk: a flat array of descriptors less the
 *	first PFN's offset, so that descriptor = flat_base + pfn * size
 */
struct sweep_inputs {
	const unsigned long *pfns;
	const void *const *pages;
	unsigned long mask;
	unsigned long next;
	const struct pmm_range *ram;
	unsigned int nr_ram;
	unsigned long zero;
	const unsigned long *valid_bitmap;
	unsigned long flat_base;
};

/*
 * A timed loop: @n operations (SWEEP_WALK: @n walks of the whole map).
 * Returns the number of items processed: @n, or PFNs for a walk.
 */
typedef unsigned long sweep_loop(struct sweep_inputs *in, unsigned long n);

/* one side's conversions, called directly to build inputs and compare sides */
struct sweep_conversions {
	void *(*pfn_to_page)(unsigned long pfn);
	unsigned long (*page_to_pfn)(const void *page);
	int (*pfn_valid)(unsigned long pfn);
};

/*
 * ZONE_DEVICE pagemaps a unit keeps, each mapped by slot number: enough
 * for the cases' tainted sections with 16 pagemaps.
 */
#define SWEEP_PGMAP_SLOTS	64

/**
 * struct sweep_hotplug - a SPARSEMEM unit's hotplug entry points
 * @add_pages: pmm_add_pages without an altmap
 * @remove_pages: pmm_remove_pages without an altmap
 * @memremap: map slot @slot's pagemap, FS_DAX, over [@pfn, @pfn + @nr);
 *	with @altmap its memmap is carved from the range's own pages.  NULL
 *	without ZONE_DEVICE (classic SPARSEMEM)
 * @memunmap: unmap slot @slot's pagemap
 *
 * The rest are pmm's functions of the same names.
 */
struct sweep_hotplug {
	int (*add_pages)(int nid, unsigned long pfn, unsigned long nr);
	int (*remove_pages)(unsigned long pfn, unsigned long nr);
	int (*add_memory)(int nid, unsigned long pfn, unsigned long nr);
	int (*remove_memory)(unsigned long pfn, unsigned long nr);
	int (*online_pages)(unsigned long pfn, unsigned long nr, int online_type);
	int (*offline_pages)(unsigned long pfn, unsigned long nr);
	void *(*pfn_to_online_page)(unsigned long pfn);
	int (*memremap)(unsigned int slot, unsigned long pfn, unsigned long nr, int altmap);
	int (*memunmap)(unsigned int slot);
};

/**
 * struct sweep_unit - one generated translation unit: one pmm instance
 * @id: its name, the PMM_NAME of the instance, e.g. "u1f3a9c20d4"
 * @label: its parameters as "key=value" words, for results and reports
 * @params: the instance's pmm_params
 * @init: pmm_<id>_init, then Linux's side pointed at what it built;
 *	-EINVAL if pmm's parameters and Linux's disagree
 * @exit: pmm_<id>_exit
 * @stats: pmm_<id>_stats
 * @linux_wider: is @pfn one where a stated difference makes Linux's
 *	pfn_valid true and pmm's false (x86_32's DISCONTIGMEM)?  NULL for
 *	a peer, which has no Linux side
 * @conv: [side] the out-of-line wrappers of pmm and Linux: counted, and
 *	called to build and check the inputs, never timed; a peer's Linux
 *	side is NULL
 * @loop: [side][op][form] the timed loops, the conversion inlined; NULL
 *	where that side has no such op (a walk: throughput only)
 * @hotplug: the hotplug entry points of a unit built for a hotplug block
 *	(its RCU hooks the hosted ones, whose grace periods are counted),
 *	else NULL
 * @deferred_init: pmm_<id>_deferred_init (0 at once without
 *	PMM_DEFERRED_STRUCT_PAGE_INIT); NULL without SPARSEMEM
 */
struct sweep_unit {
	const char *id;
	const char *label;
	const struct pmm_params *params;
	int (*init)(const struct pmm_range *ram, unsigned int nr);
	void (*exit)(void);
	void (*stats)(struct pmm_stats *st);
	int (*linux_wider)(unsigned long pfn);
	struct sweep_conversions conv[SWEEP_LIMIT];
	sweep_loop *loop[SWEEP_NR_SIDES][SWEEP_NR_OPS][SWEEP_NR_FORMS];
	const struct sweep_hotplug *hotplug;
	int (*deferred_init)(unsigned int nr_threads);
};

/**
 * struct sweep_config - a configuration of the sweep: a unit on a map
 * @name: what benchmark names start with, e.g.
 *	"x86_64/sparse_extreme/p12.s27.m46.d64.n6/holes"
 * @unit: the code
 * @map: a synthetic map name (bench/sweep_maps.c) or a layout file path
 * @label: @unit's label with the map's words added
 * @huge: back the memmaps with 2 MiB pages where the host allows
 *	(bench/sweep_backing.c), else with 4 KiB pages
 * @bench: what it times, an enum sweep_bench
 * @deferred: its unit defers struct page init (a boot's cases run
 *	pmm_deferred_init too, and it may map the whole address space)
 */
struct sweep_config {
	const char *name;
	const struct sweep_unit *unit;
	const char *map;
	const char *label;
	int huge;
	int bench;
	int deferred;
};

/*
 * bench/sweep_backing.c: the memory behind the memmaps.  @cap is the
 * most the instance may have mapped at once: half of this machine's RAM,
 * or all of the address space for a deferred boot, which writes only a
 * little of what it maps (0 for the former).
 */
void sweep_backing_set(int huge, unsigned long long cap);
void *sweep_backing_alloc(unsigned long bytes, unsigned long align, int nid);
void sweep_backing_free(void *p, unsigned long bytes);
void *sweep_backing_reserve(unsigned long bytes);
void sweep_backing_unreserve(void *addr, unsigned long bytes);
int sweep_backing_populate(void *addr, unsigned long bytes, int nid);
void sweep_backing_depopulate(void *addr, unsigned long bytes);
void *sweep_backing_map(unsigned long bytes);
void sweep_backing_unmap(void *addr, unsigned long bytes);
unsigned long sweep_backing_huge_bytes(void);
unsigned long long sweep_backing_now(void);	/* CLOCK_MONOTONIC, ns */
unsigned long long sweep_backing_half_of_ram(void);	/* the cap by default */

/**
 * struct sweep_backing_counts - what the hooks were asked to do, so far
 * @populate: vmemmap populate calls
 * @depopulate: vmemmap depopulate calls
 * @grace_periods: PMM_SYNCHRONIZE_RCU calls of a hotplug unit (counted
 *	and timed by the unit, whose hosted RCU state is its own)
 * @alloc_bytes: PMM_ALLOC bytes
 * @free_bytes: PMM_FREE bytes
 * @hook_ns: time inside all of these hooks (two clock reads per call,
 *	some 40 ns), so that the host's share of a call can be told from
 *	pmm's own
 */
struct sweep_backing_counts {
	unsigned long long populate;
	unsigned long long depopulate;
	unsigned long long grace_periods;
	unsigned long long alloc_bytes;
	unsigned long long free_bytes;
	unsigned long long hook_ns;
};

extern struct sweep_backing_counts sweep_backing_counts;

/*
 * bench/sweep_cases.c: what a case reports beside its time, per
 * iteration: the hooks' counts, minor page faults, growth of the
 * resident set, memmap populated.
 */
enum sweep_counter {
	SWEEP_C_POPULATE,
	SWEEP_C_DEPOPULATE,
	SWEEP_C_GRACE_PERIODS,
	SWEEP_C_ALLOC_KIB,
	SWEEP_C_FREE_KIB,
	SWEEP_C_HOOKS_US,
	SWEEP_C_FAULTS,
	SWEEP_C_RSS_KIB,
	SWEEP_C_MEMMAP_KIB,
	SWEEP_NR_COUNTERS
};

extern const char *const sweep_counter_names[SWEEP_NR_COUNTERS];

/**
 * struct sweep_sample - one iteration of a case
 * @ns: the time of what the case times (not of its undo, unless timed)
 * @items: operations in @ns (1 for a call)
 * @counter: [enum sweep_counter] over what was timed
 */
struct sweep_sample {
	double ns;
	unsigned long items;
	double counter[SWEEP_NR_COUNTERS];
};

/**
 * struct sweep_env - what a case runs on: the configuration's unit and map
 * @unit: the unit
 * @ram: the map's RAM in the unit's pages
 * @nr: entries in @ram
 *
 * A hotplug configuration is built on @ram before its cases run; a boot's
 * cases init and exit in every iteration.
 */
struct sweep_env {
	const struct sweep_unit *unit;
	const struct pmm_range *ram;
	unsigned int nr;
};

/**
 * struct sweep_case - a benchmark that is not a conversion loop
 * @name: what follows the configuration's name, e.g.
 *	"add_pages/2M-fresh/change"
 * @label: "key=value" words added to the configuration's, e.g.
 *	"op=add_pages case=2M-fresh phase=change mib=2"
 * @iterations: how many each pass runs (--sweep_passes), or in all if
 *	@once
 * @once: not repeated per pass: a boot takes seconds, and hyperfine
 *	repeats whole ones
 * @setup: before the first iteration: the state the case needs, and a
 *	check that the call does what it should (one change and undo, with
 *	pmm_stats compared); 0, or -1 with why in @err
 * @run: one iteration, timing itself into @s; 0, -1 with why where pmm
 *	is wrong, or 1 with why where this machine refuses the case (a boot
 *	of a map too large for it: a result, not an error)
 * @teardown: after the last; 0, or -1 with why (a leak)
 *
 * The rest is the case's own, for the three functions.
 */
struct sweep_case {
	char name[96];
	char label[160];
	unsigned long iterations;
	int once;
	int (*setup)(const struct sweep_case *c, const struct sweep_env *env,
		     char *err, unsigned long len);
	int (*run)(const struct sweep_case *c, const struct sweep_env *env,
		   struct sweep_sample *s, char *err, unsigned long len);
	int (*teardown)(const struct sweep_case *c, const struct sweep_env *env,
			char *err, unsigned long len);
	int kind, phase, altmap, hole, reads, pgmaps, threads;
	unsigned long pfn, nr, keep_pfn, keep_nr;
};

/**
 * sweep_cases - the cases of a configuration that does not time conversions
 * @cfg: the configuration
 * @env: its unit and RAM (not yet built)
 * @cases: set to a malloc'ed array; free() it
 *
 * Return: how many, 0 for none (a conversions configuration, or a map
 * with no room for the hotplug cases: the reason in @err).
 */
unsigned int sweep_cases(const struct sweep_config *cfg, const struct sweep_env *env,
			 struct sweep_case **cases, char *err, unsigned long len);

/* build/gen/sweep_table.c */
extern const struct sweep_config sweep_configs[];
extern const unsigned int sweep_nr_configs;
extern const char sweep_table_sweep[];	/* the sweep's name, e.g. "default" */
extern const char sweep_table_compiler[]; /* what compiled the units */
extern const char sweep_table_cflags[];	/* and with which flags */

/**
 * struct sweep_map - a memory map in bytes, before a page size is chosen
 * @name: as named in a configuration
 * @desc: one line about it
 * @nr: entries in @start, @end and @nid
 * @start: first byte of each RAM range
 * @end: one past its last byte
 * @nid: its node
 */
struct sweep_map {
	char *name;
	char *desc;
	unsigned int nr;
	unsigned long long *start;
	unsigned long long *end;
	int *nid;
};

/**
 * sweep_map_load - a synthetic map by name, or a layout file by path
 * @name: "dense", "holes", "numa4", "numa16" (bench/sweep_maps.c), each
 *	optionally "@<hex bytes>" to move it up by that much; or a path to a
 *	data/layouts/ file
 * @map: filled in on success; free it with sweep_map_free()
 * @err: a message on failure, "file:line: reason" for a layout file
 *
 * Return: 0 or a negative errno.
 */
int sweep_map_load(const char *name, struct sweep_map *map, char *err,
		   unsigned long errlen);

void sweep_map_free(struct sweep_map *map);

/**
 * sweep_map_pfns - a map's RAM in PFNs of 2^@page_shift bytes
 * @map: the map
 * @page_shift: the configuration's page size
 * @ram: set to a malloc'ed array, whole pages only (start rounded up,
 *	end down), empty ranges dropped
 * @nr: set to its length
 *
 * Return: 0 or -ENOMEM.
 */
int sweep_map_pfns(const struct sweep_map *map, int page_shift,
		   struct pmm_range **ram, unsigned int *nr);

#ifdef __cplusplus
}
#endif

#endif /* BENCH_SWEEP_H */
