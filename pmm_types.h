/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * pmm_types.h - what every pmm instance shares: the model and errno
 * constants, the word size, struct pmm_range, struct pmm_stats and struct
 * pmm_params.  pmm.h includes it; a tool that only passes memory maps
 * around (a layout parser, an inspector) may include it alone, without
 * instantiating a model.
 */
#ifndef PMM_TYPES_H
#define PMM_TYPES_H

/*
 * The release of these headers, so that a vendored copy can be told
 * apart: line 3 of pmm.h says the same (make test-version checks both).
 * PMM_VERSION_CODE compares as LINUX_VERSION_CODE does:
 * #if PMM_VERSION_CODE >= PMM_VERSION_OF(0, 16, 0).
 */
#define PMM_VERSION_MAJOR	0
#define PMM_VERSION_MINOR	16
#define PMM_VERSION_PATCH	0
#define PMM_VERSION		"0.16.0"
#define PMM_VERSION_OF(major, minor, patch) \
	(((major) << 16) + ((minor) << 8) + (patch))
#define PMM_VERSION_CODE \
	PMM_VERSION_OF(PMM_VERSION_MAJOR, PMM_VERSION_MINOR, PMM_VERSION_PATCH)

#define PMM_MODEL_FLATMEM		1
#define PMM_MODEL_DISCONTIGMEM		2
#define PMM_MODEL_SPARSEMEM		3
#define PMM_MODEL_SPARSEMEM_VMEMMAP	4
/* other kernels' answers to the same question (pmm_xen_pdx.h, pmm_freebsd.h) */
#define PMM_MODEL_XEN_PDX_MASK		5	/* Xen, CONFIG_PDX_MASK_COMPRESSION */
#define PMM_MODEL_XEN_PDX_OFFSET	6	/* Xen, CONFIG_PDX_OFFSET_COMPRESSION */
#define PMM_MODEL_FREEBSD_DENSE		7	/* FreeBSD, VM_PHYSSEG_DENSE (amd64) */
#define PMM_MODEL_FREEBSD_SPARSE	8	/* FreeBSD, VM_PHYSSEG_SPARSE (arm64, riscv) */

#define PMM_NID_BY_SEARCH		1
#define PMM_NID_BY_TABLE		2

#ifndef PMM_FREESTANDING
#if defined(__KERNEL__) || (defined(__STDC_HOSTED__) && !__STDC_HOSTED__)
#define PMM_FREESTANDING 1
#else
#define PMM_FREESTANDING 0
#endif
#endif

#if PMM_FREESTANDING != 0 && PMM_FREESTANDING != 1
#error "PMM_FREESTANDING must be 0 or 1"
#endif

#if !PMM_FREESTANDING
#include <errno.h>
#endif

/* Linux's values where the host has no <errno.h> (asm-generic/errno-base.h) */
#ifdef EINVAL
#define PMM_EINVAL	EINVAL
#define PMM_ERANGE	ERANGE
#define PMM_ENOMEM	ENOMEM
#define PMM_EBUSY	EBUSY
#define PMM_EEXIST	EEXIST
#define PMM_ENXIO	ENXIO
#define PMM_ENOENT	ENOENT
#else
#define PMM_EINVAL	22
#define PMM_ERANGE	34
#define PMM_ENOMEM	12
#define PMM_EBUSY	16
#define PMM_EEXIST	17
#define PMM_ENXIO	6
#define PMM_ENOENT	2
#endif

#ifndef PMM_BITS_PER_LONG
#if defined(__SIZEOF_LONG__)
#define PMM_BITS_PER_LONG	(__SIZEOF_LONG__ * 8)
#else
#error "PMM_BITS_PER_LONG: define it to 32 or 64; the compiler gives no __SIZEOF_LONG__"
#endif
#endif
#if PMM_BITS_PER_LONG != 32 && PMM_BITS_PER_LONG != 64
#error "PMM_BITS_PER_LONG must be 32 or 64"
#endif
#define PMM_BYTES_PER_LONG	(PMM_BITS_PER_LONG / 8)
#if defined(__SIZEOF_LONG__) && PMM_BITS_PER_LONG != __SIZEOF_LONG__ * 8
#error "PMM_BITS_PER_LONG must match the compiler's unsigned long"
#endif
#if defined(__SIZEOF_POINTER__) && __SIZEOF_POINTER__ != PMM_BYTES_PER_LONG
#error "pmm needs pointers as wide as unsigned long (LP64 or ILP32), as Linux does"
#endif

#define PMM__PASTE4_(a, b, c, d)	a##b##c##d
#define PMM__PASTE4(a, b, c, d)		PMM__PASTE4_(a, b, c, d)

#define PMM__UNUSED		__attribute__((unused))
#define PMM__API		static inline PMM__UNUSED
#define PMM__LIKELY(x)		__builtin_expect(!!(x), 1)
#define PMM__UNLIKELY(x)	__builtin_expect(!!(x), 0)

/* Built with ThreadSanitizer (gcc defines the first, clang the second)? */
#if defined(__SANITIZE_THREAD__)
#define PMM__TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define PMM__TSAN 1
#endif
#endif
#ifndef PMM__TSAN
#define PMM__TSAN 0
#endif

/* Built with AddressSanitizer?  (It does not see inside inline asm.) */
#if defined(__SANITIZE_ADDRESS__)
#define PMM__ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PMM__ASAN 1
#endif
#endif
#ifndef PMM__ASAN
#define PMM__ASAN 0
#endif

/* A build-time check that works in gnu89 as well as gnu11. */
#define PMM__STATIC_ASSERT(name, cond) \
	typedef char name[(cond) ? 1 : -1] PMM__UNUSED

/*
 * test_bit on a bitmap that a writer may change under the reader: one
 * access of the word.  x86-64 tests the bit in memory with bt, as x86's
 * variable_test_bit does, where C spends a load, a shift and a mask;
 * the full index on the bitmap's base, as bt addresses a bit string.
 * Under ThreadSanitizer the load is a relaxed atomic, so the tool sees
 * it, and under AddressSanitizer plain C, which it checks (not asm).
 */
static inline PMM__UNUSED int pmm__test_bit(unsigned long nr, const unsigned long *map)
{
#if defined(__x86_64__) && defined(__GCC_ASM_FLAG_OUTPUTS__) && !PMM__TSAN && !PMM__ASAN
#ifdef __cplusplus
	bool bit;
#else
	_Bool bit;
#endif

	__asm__ __volatile__("btq %2, %1" : "=@ccc"(bit) : "m"(*map), "r"(nr) : "memory");
	return bit;
#elif PMM__TSAN
	return (int)((__atomic_load_n(&map[nr / PMM_BITS_PER_LONG], __ATOMIC_RELAXED) >>
		      (nr % PMM_BITS_PER_LONG)) & 1);
#else
	return (int)((map[nr / PMM_BITS_PER_LONG] >> (nr % PMM_BITS_PER_LONG)) & 1);
#endif
}

/**
 * struct pmm_range - one range of RAM, as memblock holds it
 * @start_pfn: first page frame
 * @end_pfn: one past the last page frame
 * @nid: NUMA node id
 */
struct pmm_range {
	unsigned long start_pfn, end_pfn;
	int nid;
};

/**
 * struct pmm_stats - what an instance holds, in bytes and pages
 * @ram_pages: pages in the ranges given to pmm_init, plus pages hotplug
 *	added, less RAM it removed (boot holes removed with them never
 *	counted)
 * @memmap_pages: page descriptors that exist (PFNs with a struct page)
 * @memmap_bytes: bytes backing memmaps (vmemmap: populated bytes)
 * @metadata_bytes: allocated bytes besides memmaps: the EXTREME root
 *	array and roots, the usemaps (mem_section_usage), pmm's own record of
 *	each section and its table of per-node runs
 * @static_bytes: bytes of static tables the instance reserves at build
 *	time: the static mem_section array, section_to_node_table, and
 *	DISCONTIGMEM's node data and chunk table
 * @section_table_bytes: of @metadata_bytes and @static_bytes, the section
 *	table: EXTREME's root array and roots, or the static mem_section
 *	array (SPARSEMEM), else 0
 * @usemap_bytes: of @metadata_bytes, the per-section usage data
 *	(mem_section_usage: rcu head, sub-section map, usemap; Linux's size),
 *	boot and hotplug
 * @nr_present_sections: present sections (SPARSEMEM), else 0
 * @nr_nodes: nodes with memory
 * @device_pages: pages of ZONE_DEVICE ranges mapped by pmm_memremap_pages
 *	(never RAM, never online)
 * @altmap_pages: pages of device memory or hot-added memory that hold
 *	their own memmap (vmem_altmap), not counted in @memmap_bytes
 * @deferred_pages: descriptors pmm_init left for pmm_deferred_init
 */
struct pmm_stats {
	unsigned long ram_pages;
	unsigned long memmap_pages;
	unsigned long long memmap_bytes;
	unsigned long long metadata_bytes;
	unsigned long long static_bytes;
	unsigned long long section_table_bytes;
	unsigned long long usemap_bytes;
	unsigned long nr_present_sections;
	unsigned int nr_nodes;
	unsigned long device_pages;
	unsigned long altmap_pages;
	unsigned long deferred_pages;
};

/**
 * struct pmm_sizes - the bytes of an instance's own structures, for tools
 * @mem_section: a struct mem_section (SPARSEMEM models): an entry of the
 *	static section table or of an EXTREME root
 * @section_root: an entry of EXTREME's root array (PMM_SPARSEMEM_EXTREME)
 * @section_usage: a present section's struct mem_section_usage, Linux's
 *	part of its usage block (pmm_stats' @usemap_bytes)
 * @section_own: the rest of a section's usage block: pmm's own record of
 *	the section, with the padding it brings to the block
 * @run: pmm's record of a run of present sections of one node, one per
 *	change of node among them (sparse_init_nid's unit)
 * @section_nid: an entry of section_to_node_table, which classic
 *	SPARSEMEM keeps when page->flags has no room for the node
 * @node: DISCONTIGMEM's static bytes per possible node: its node data and
 *	its place in the boot order
 * @physnode: an entry of DISCONTIGMEM's chunk table (PMM_NID_BY_TABLE)
 *
 * Each is sizeof the instance's own type, or 0 where the instance has no
 * such structure.  A tool that accounts what a model would allocate for a
 * map without building it (pmm-inspect) multiplies these by Linux's
 * counts, so that a change to a structure reaches its figures: sizes
 * written down a second time would go stale without a word.
 */
struct pmm_sizes {
	unsigned long mem_section;
	unsigned long section_root;
	unsigned long section_usage;
	unsigned long section_own;
	unsigned long run;
	unsigned long section_nid;
	unsigned long node;
	unsigned long physnode;
};

/**
 * struct pmm_params - an instance's compile-time parameters, for tools
 * @name: the instance's PMM_NAME as a string, "" without one
 * @model: PMM_MODEL, one of the PMM_MODEL_* constants
 * @page_shift: PMM_PAGE_SHIFT, log2 of the page size
 * @section_size_bits: PMM_SECTION_SIZE_BITS, log2 of a section's bytes
 * @max_physmem_bits: PMM_MAX_PHYSMEM_BITS, bits of a physical address
 * @extreme: PMM_SPARSEMEM_EXTREME: 1 when the section table is roots
 *	allocated on demand, 0 for a static table
 * @pfn_offset: PMM_ARCH_PFN_OFFSET, the PFN of FLATMEM's first descriptor
 *	(the other models take it and ignore it)
 * @nodes_shift: PMM_NODES_SHIFT, log2 of MAX_NUMNODES
 * @struct_page_size: PMM_STRUCT_PAGE_SIZE, bytes of a page descriptor
 * @vmemmap_base_const: 1 when PMM_VMEMMAP_BASE fixes the virtual memmap's
 *	address at build time, 0 when it is chosen at run time
 * @node_in_page_flags: 1 when page->flags holds the node id, 0 when
 *	classic SPARSEMEM has no room for it there and keeps a node per
 *	section instead (section_to_node_table)
 * @discontig_nid: PMM_DISCONTIG_NID, how DISCONTIGMEM finds a PFN's node:
 *	PMM_NID_BY_SEARCH or PMM_NID_BY_TABLE
 * @discontig_chunk_shift: PMM_DISCONTIG_CHUNK_SHIFT, log2 of the bytes
 *	each entry of DISCONTIGMEM's chunk table covers
 * @max_page_order: PMM_MAX_PAGE_ORDER, the buddy allocator's largest order
 * @pageblock_page_order: PMM_PAGEBLOCK_ORDER, the order of a pageblock
 * @subsection_shift: PMM_SUBSECTION_SHIFT, log2 of a sub-section's bytes
 * @memory_block_size_bits: PMM_MEMORY_BLOCK_SIZE_BITS, log2 of a memory
 *	block's bytes
 * @page_extension: PMM_PAGE_EXTENSION: 1 when struct mem_section carries
 *	page_ext and a pad, as with CONFIG_PAGE_EXTENSION
 * @pdx_max_order: PMM_PDX_MAX_ORDER, the low PFN bits Xen never
 *	compresses (its buddy allocator's MAX_ORDER)
 * @pdx_group_shift: PMM_PDX_GROUP_SHIFT, log2 of the bytes of frame table
 *	one PDX group's backing takes at most (a large page)
 * @pdx_offset_tbl_order: PMM_PDX_OFFSET_TBL_ORDER, log2 of the entries of
 *	offset compression's lookup tables
 * @pdx_max_ranges: PMM_PDX_MAX_RANGES, the most RAM ranges Xen compresses
 * @vm_physseg_max: PMM_VM_PHYSSEG_MAX, the most segments FreeBSD keeps
 * @vm_lowmem_boundary: PMM_VM_LOWMEM_BOUNDARY, bytes: where FreeBSD's
 *	LOWMEM free list ends (0: none)
 * @vm_dma32_boundary: PMM_VM_DMA32_BOUNDARY, bytes: where its DMA32 list
 *	ends (0: none)
 * @vm_dma32_npages_threshold: PMM_VM_DMA32_NPAGES_THRESHOLD, the pages
 *	above @vm_dma32_boundary a machine needs before DMA32 is its own list
 * @sizes: the bytes of the instance's own structures (struct pmm_sizes)
 *
 * A parameter that does not apply to the model is 0: @section_size_bits,
 * @extreme, @memory_block_size_bits and @page_extension but for the
 * SPARSEMEM models, @subsection_shift and @vmemmap_base_const but for
 * VMEMMAP, @discontig_nid and @discontig_chunk_shift but for DISCONTIGMEM,
 * the @pdx_ ones but for Xen's models, the @vm_ ones but for FreeBSD's.
 *
 * @pageblock_page_order is Linux's pageblock_order, named apart because
 * Linux defines that one as a macro (linux/pageblock-flags.h) that a
 * kernel unit may have included before pmm.
 */
struct pmm_params {
	const char *name;
	int model;
	int page_shift;
	int section_size_bits;
	int max_physmem_bits;
	int extreme;
	unsigned long pfn_offset;
	int nodes_shift;
	int struct_page_size;
	int vmemmap_base_const;
	int node_in_page_flags;
	int discontig_nid;
	int discontig_chunk_shift;
	int max_page_order;
	int pageblock_page_order;
	int subsection_shift;
	int memory_block_size_bits;
	int page_extension;
	int pdx_max_order;
	int pdx_group_shift;
	int pdx_offset_tbl_order;
	int pdx_max_ranges;
	int vm_physseg_max;
	unsigned long long vm_lowmem_boundary;
	unsigned long long vm_dma32_boundary;
	unsigned long long vm_dma32_npages_threshold;
	struct pmm_sizes sizes;
};

/**
 * struct pmm_pdx - what Xen's PDX compression found for a map
 * @compressed: 1 when pfn_pdx_compression_setup compressed (and every
 *	RAM range converts one to one), 0 for the identity
 * @hole_shift: mask compression: pfn_pdx_hole_shift, the bits removed
 * @bottom_shift: mask compression: the lowest bit removed
 * @pfn_index_shift: offset compression: the PFN bits that pick a slot
 *	start here
 * @pdx_index_shift: offset compression: log2 of @region_size
 * @region_size: offset compression: pdx_region_size, the PDXs of a region
 * @nr_regions: offset compression: the regions after merging
 * @max_pdx: one past the last PDX of RAM (after pmm_init)
 * @memnode_shift: memnodemap's shift, PDXs per entry as a power of two
 *	(after pmm_init)
 * @memnodemap_size: memnodemap's entries (after pmm_init)
 */
struct pmm_pdx {
	int compressed;
	unsigned int hole_shift;
	unsigned int bottom_shift;
	unsigned int pfn_index_shift;
	unsigned int pdx_index_shift;
	unsigned long region_size;
	unsigned int nr_regions;
	unsigned long max_pdx;
	unsigned int memnode_shift;
	unsigned long memnodemap_size;
};

/* FreeBSD's free lists, the order of amd64's VM_FREELIST_* */
#define PMM_VM_FREELIST_DEFAULT	0
#define PMM_VM_FREELIST_DMA32	1
#define PMM_VM_FREELIST_LOWMEM	2

/**
 * struct pmm_phys_seg - one of FreeBSD's physical segments (vm_phys_seg)
 * @start_pfn: first PFN
 * @end_pfn: one past the last PFN
 * @domain: its NUMA domain
 * @free_list: PMM_VM_FREELIST_DEFAULT, _DMA32 or _LOWMEM
 */
struct pmm_phys_seg {
	unsigned long start_pfn, end_pfn;
	int domain;
	int free_list;
};

/**
 * struct pmm_memory_block - one /sys/devices/system/memory/memoryN
 * @id: the N: phys_index, the block's first section / sections per block
 * @start_pfn: first PFN of the block
 * @nr_pages: pages in the block
 * @nid: node of the block's first valid PFN
 * @online: 1 when every present section of the block is online ("online"),
 *	else 0 ("offline")
 * @zone: an online block's zone, -1 when it has none (a boot block in
 *	several zones or nodes, which cannot go offline) or is offline
 * @default_zone: the zone sysfs's valid_zones names first: an online
 *	block's own (or -1), an offline block's default for "online"
 * @valid_zones: a bit per zone number: every zone valid_zones lists
 */
struct pmm_memory_block {
	unsigned long id;
	unsigned long start_pfn;
	unsigned long nr_pages;
	int nid;
	int online;
	int zone;
	int default_zone;
	unsigned int valid_zones;
};

/* how to online memory (enum mmop, the words of a block's sysfs state) */
#define PMM_MMOP_ONLINE		1	/* "online": the zone the block's place suggests */
#define PMM_MMOP_ONLINE_KERNEL	2	/* "online_kernel": a kernel zone */
#define PMM_MMOP_ONLINE_MOVABLE	3	/* "online_movable": ZONE_MOVABLE */

/* longs of a node set, a bit per node: PMM_NODES_SHIFT is at most 10 */
#define PMM_NODESET_LONGS	((1024 + 8 * sizeof(unsigned long) - 1) / (8 * sizeof(unsigned long)))

/**
 * struct pmm_dev_range - one PFN range of a ZONE_DEVICE pagemap
 * @start_pfn: first page frame, sub-section aligned
 * @end_pfn: one past the last, sub-section aligned
 *
 * Linux's struct range holds inclusive physical byte addresses; pmm's
 * ranges are PFNs with an exclusive end, as struct pmm_range.
 */
struct pmm_dev_range {
	unsigned long start_pfn, end_pfn;
};

/* enum memory_type [6.12] (include/linux/memremap.h); 0 catches "unset" */
#define PMM_MEMORY_DEVICE_PRIVATE	1
#define PMM_MEMORY_DEVICE_COHERENT	2
#define PMM_MEMORY_DEVICE_FS_DAX	3
#define PMM_MEMORY_DEVICE_GENERIC	4
#define PMM_MEMORY_DEVICE_PCI_P2PDMA	5

/* dev_pagemap flags: the embedded altmap is in use */
#define PMM_PGMAP_ALTMAP_VALID		(1U << 0)

/* Low page->flags bits pmm itself uses. */
#define PMM_PG_RESERVED		0

#endif /* PMM_TYPES_H */
