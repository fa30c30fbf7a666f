/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * account.h - what a model would build for a memory map, without building it
 *
 * The inspector accounts each model's boot allocations from the map and
 * the parameters alone, by the rules the headers follow (pmm.h's manual,
 * Linux 6.12; DISCONTIGMEM 5.10; Xen's and FreeBSD's boots for their
 * models): the memmap, the section table, the usage data (usemaps) and
 * pmm's own bookkeeping.  A 30 TiB map costs a few section runs of
 * arithmetic, not 480 GiB of memmap.  Where a map is small enough to
 * build for real, tests/inspect checks that every figure equals what
 * pmm_stats reports after pmm_init.
 *
 * The rules (which sections, runs and roots a map needs; which PDX
 * groups Xen backs; how FreeBSD cuts RAM into segments) are written
 * here; the bytes of pmm's structures are not.  They come with the
 * parameters, from the sizeof of an instance's own types (struct
 * pmm_sizes in its pmm_params): the generator instantiates every model
 * pmm.h accepts, built or not, so that a change to a structure in the
 * headers reaches a 30 TiB account that no build checks.  They are this
 * host's, as the instances are.  The peers' static tables come from
 * their instance's pmm_stats, and Xen's compression from its own setup
 * (struct account_peer): the account does not say Xen's algorithm again.
 */
#ifndef PMM_TOOLS_ACCOUNT_H
#define PMM_TOOLS_ACCOUNT_H

#include "pmm_types.h"

/**
 * struct account_peer - what a peer's account asks of its pmm instance
 * @params: the instance's pmm_params, for the peers' own parameters
 *	(PMM_PDX_GROUP_SHIFT, PMM_VM_PHYSSEG_MAX, ...)
 * @stats: pmm_<name>_stats; before pmm_init it reports the instance's
 *	static tables alone (Xen's offset lookup tables, FreeBSD's
 *	vm_phys_segs[])
 * @pdx_compression_setup, @pfn_to_pdx, @pdx_to_pfn: Xen's: the
 *	compression of a map, which builds nothing, and the conversions
 *	under the compression set up last
 *
 * The account calls the instance only while it is not initialised: the
 * compression is set up and reset again before pmm_init runs.
 */
struct account_peer {
	const struct pmm_params *params;
	void (*stats)(struct pmm_stats *st);
	int (*pdx_compression_setup)(const struct pmm_range *ranges, unsigned int nr,
				     struct pmm_pdx *info);
	unsigned long (*pfn_to_pdx)(unsigned long pfn);
	unsigned long (*pdx_to_pfn)(unsigned long pdx);
};

/**
 * struct account_params - a model and its parameters, as a preset gives them
 * @model: PMM_MODEL_*
 * @page_shift: PAGE_SHIFT
 * @section_size_bits: SECTION_SIZE_BITS (SPARSEMEM models)
 * @max_physmem_bits: MAX_PHYSMEM_BITS
 * @extreme: SPARSEMEM_EXTREME (SPARSEMEM models)
 * @pfn_offset: ARCH_PFN_OFFSET (FLATMEM)
 * @struct_page_size: bytes per descriptor
 * @max_page_order: MAX_PAGE_ORDER: FLATMEM and DISCONTIGMEM memmaps are
 *	aligned to it
 * @pageblock_order: pageblock_order, for the usemap's size
 * @subsection_shift: log2 sub-section bytes (VMEMMAP)
 * @memory_block_size_bits: log2 memory block bytes (SPARSEMEM models)
 * @nodes_shift: NODES_SHIFT
 * @node_in_page_flags: 0 when classic SPARSEMEM keeps the node in
 *	section_to_node_table instead (NODE_NOT_IN_PAGE_FLAGS)
 * @discontig_nid: PMM_NID_BY_SEARCH or PMM_NID_BY_TABLE (DISCONTIGMEM)
 * @chunk_shift: log2 bytes per physnode_map entry (PMM_NID_BY_TABLE)
 * @page_extension: CONFIG_PAGE_EXTENSION: mem_section carries page_ext
 *	(SPARSEMEM models)
 * @pdx_max_order: PMM_PDX_MAX_ORDER (Xen's models), for pmm.h's rule on it
 * @sizes: the bytes of pmm's structures under these parameters: the
 *	&pmm_params.sizes of the preset's instance of the model, or what
 *	params_apply() works out for parameters that no instance has;
 *	account_model() refuses to account without them
 * @peer: Xen's and FreeBSD's models: their instance's calls and
 *	parameters; NULL for Linux's
 */
struct account_params {
	int model;
	int page_shift;
	int section_size_bits;
	int max_physmem_bits;
	int extreme;
	unsigned long pfn_offset;
	int struct_page_size;
	int max_page_order;
	int pageblock_order;
	int subsection_shift;
	int memory_block_size_bits;
	int nodes_shift;
	int node_in_page_flags;
	int discontig_nid;
	int chunk_shift;
	int page_extension;
	int pdx_max_order;
	const struct pmm_sizes *sizes;
	const struct account_peer *peer;
};

/* [first, last] numbers, inclusive, as the JSON writes them */
struct account_run {
	unsigned long first, last;
};

/**
 * struct account_node - a node with memory
 * @nid: its id
 * @start_pfn: its first RAM PFN
 * @end_pfn: one past its last RAM PFN
 * @present_pages: RAM pages in between
 */
struct account_node {
	int nid;
	unsigned long start_pfn, end_pfn;
	unsigned long present_pages;
};

/**
 * struct account_overhead - bytes the model allocates or reserves for a map
 * @memmap_bytes: memmaps (VMEMMAP: the backed part of the virtual memmap)
 * @section_table_bytes: EXTREME's root array and roots, or the static
 *	mem_section array
 * @usemap_bytes: mem_section_usage of every present section
 * @other_bytes: pmm's bookkeeping: the runs table, its own record of each
 *	section (after the usage data), section_to_node_table,
 *	DISCONTIGMEM's node data and chunk table
 * @total_bytes: the sum
 * @percent_of_ram: @total_bytes against the RAM's bytes
 */
struct account_overhead {
	unsigned long long memmap_bytes;
	unsigned long long section_table_bytes;
	unsigned long long usemap_bytes;
	unsigned long long other_bytes;
	unsigned long long total_bytes;
	double percent_of_ram;
};

/**
 * struct account_xen - what Xen's boot sets up for a map (PDX models)
 * @pdx: the compression pfn_pdx_compression_setup chose, with max_pdx,
 *	memnode_shift and memnodemap_size as pmm_init sets them
 * @group_pages: descriptors in a PDX group (PDX_GROUP_COUNT)
 * @nr_groups: PDX groups the frame table spans, each reserved
 * @backed_groups: of them, the groups with RAM and group 0: backed
 * @group_valid_bytes: pdx_group_valid, a bit per group
 * @memnodemap_bytes: memnodemap, a node id per 2^memnode_shift PDXs
 * @static_bytes: the offset compression's lookup tables
 */
struct account_xen {
	struct pmm_pdx pdx;
	unsigned long group_pages;
	unsigned long nr_groups;
	unsigned long backed_groups;
	unsigned long long group_valid_bytes;
	unsigned long long memnodemap_bytes;
	unsigned long long static_bytes;
};

/**
 * struct account_freebsd - FreeBSD's segments for a map
 * @nr_cut: segments vm_phys_add_seg makes of the RAM, cut at the
 *	boundaries; more than @physseg_max and the map is refused
 * @physseg_max: VM_PHYSSEG_MAX
 * @segs: the segments once vm_phys_init has merged neighbours of one
 *	domain and free list, @nr_segs of them
 * @first_page: the dense array's first PFN
 * @static_bytes: vm_phys_segs[]
 */
struct account_freebsd {
	unsigned int nr_cut;
	unsigned int physseg_max;
	struct pmm_phys_seg *segs;
	unsigned int nr_segs;
	unsigned long first_page;
	unsigned long long static_bytes;
};

#define ACCOUNT_REASON_MAX	160

/**
 * struct account - a model's figures for a map
 * @params: what it was accounted with
 * @error: 0, or the negative errno pmm_init would return for the map
 * @reason: why, when @error is set
 * @ram_pages: RAM pages
 * @nodes: nodes with memory, by ascending start PFN
 * @nr_nodes: how many
 * @memmap_pages: PFNs with a descriptor
 * @map_start_pfn, @map_end_pfn: FLATMEM: the PFNs mem_map covers
 * @sections: runs of present section numbers (SPARSEMEM models)
 * @nr_section_runs: how many runs
 * @nr_sections: present sections
 * @blocks: runs of memory block ids with a present section
 * @nr_block_runs: how many runs
 * @nr_blocks: memory blocks
 * @frames: the peers: runs of PFNs with a valid descriptor (what
 *	pfn_valid accepts), @nr_frame_runs of them
 * @hole_descriptors: descriptors that describe no RAM (@memmap_pages
 *	less the RAM pages with a descriptor): holes the model covers
 * @undescribed_ram: RAM pages without a valid descriptor
 * @xen: Xen's models: the compression, groups and node map
 * @freebsd: FreeBSD's models: the segments
 * @overhead: the bytes
 */
struct account {
	struct account_params params;
	int error;
	char reason[ACCOUNT_REASON_MAX];
	unsigned long long ram_pages;
	struct account_node *nodes;
	unsigned int nr_nodes;
	unsigned long long memmap_pages;
	unsigned long map_start_pfn, map_end_pfn;
	struct account_run *sections;
	unsigned int nr_section_runs;
	unsigned long nr_sections;
	struct account_run *blocks;
	unsigned int nr_block_runs;
	unsigned long nr_blocks;
	struct account_run *frames;
	unsigned int nr_frame_runs;
	unsigned long long hole_descriptors;
	unsigned long long undescribed_ram;
	struct account_xen xen;
	struct account_freebsd freebsd;
	struct account_overhead overhead;
};

/**
 * account_model - account a model's boot allocations for a memory map
 * @a: filled in; account_free() it whatever the result
 * @p: the model and its parameters
 * @ram: RAM ranges as memblock holds them: sorted, disjoint
 *	(layout_memblock's output)
 * @nr: how many
 *
 * A map the model refuses is not an error of this function: @a->error and
 * @a->reason say what pmm_init would answer, and the figures stay zero.
 *
 * Return: 0, or -ENOMEM.
 */
int account_model(struct account *a, const struct account_params *p,
		  const struct pmm_range *ram, unsigned int nr);

/**
 * account_ram_pages - the pages of RAM ranges, whether a model takes them or not
 * @r: the ranges, disjoint (layout_memblock's output)
 * @nr: how many
 *
 * Pages, not bytes: 2^64 bytes of RAM are 2^52 pages of 4 KiB.
 */
unsigned long long account_ram_pages(const struct pmm_range *r, unsigned int nr);

/** account_free - release what account_model allocated */
void account_free(struct account *a);

/**
 * account_pfn_valid - would pfn_valid() be true, by the model's granularity
 * @a: an account (one with an error holds no PFN)
 * @pfn: the PFN
 */
int account_pfn_valid(const struct account *a, unsigned long pfn);

/**
 * account_model_name - "flat", "discontig", "sparse-static", "sparse",
 * "vmemmap", "xen-mask", "xen-offset", "freebsd-dense" or "freebsd-sparse"
 */
const char *account_model_name(const struct account_params *p);

/** account_is_sparse - a SPARSEMEM model: sections and memory blocks */
static inline int account_is_sparse(const struct account_params *p)
{
	return p->model == PMM_MODEL_SPARSEMEM || p->model == PMM_MODEL_SPARSEMEM_VMEMMAP;
}

/** account_is_xen - one of Xen's PDX models */
static inline int account_is_xen(const struct account_params *p)
{
	return p->model == PMM_MODEL_XEN_PDX_MASK || p->model == PMM_MODEL_XEN_PDX_OFFSET;
}

/** account_is_freebsd - one of FreeBSD's models */
static inline int account_is_freebsd(const struct account_params *p)
{
	return p->model == PMM_MODEL_FREEBSD_DENSE || p->model == PMM_MODEL_FREEBSD_SPARSE;
}

/**
 * account_bitmap_bytes - the bytes of a bitmap of @bits bits, in longs
 * as the kernels' bitmaps are (BITS_TO_LONGS)
 */
unsigned long long account_bitmap_bytes(unsigned long long bits);

#endif /* PMM_TOOLS_ACCOUNT_H */
