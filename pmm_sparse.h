/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * pmm_sparse.h - SPARSEMEM: sections, static or EXTREME tables, VMEMMAP
 *
 * Linux [6.12]: include/linux/mmzone.h (constants, mem_section, the
 * section_mem_map flags, pfn_valid), include/asm-generic/memory_model.h
 * (conversions), mm/sparse.c and mm/internal.h (memory_present,
 * sparse_index_init, sparse_init, sparse_init_nid, sparse_init_one_section)
 * and mm/sparse-vmemmap.c (population).
 *
 * Physical memory is cut into sections of 2^PMM_SECTION_SIZE_BITS bytes.
 * A section with any RAM is present and gets a whole section of memmap:
 *
 *	section:   0        1        2        3        4
 *	RAM:       [####][hole][####]                  [###]
 *	present:   yes      yes               no       yes
 *	memmap:    [........][........]                [........]
 *
 * section_mem_map holds the memmap pointer minus the section's first PFN
 * (so that coded + pfn is the descriptor) and flag bits in its low bits:
 *
 *	| coded memmap address ........ | TAINT | EARLY | ONLINE | MAP | PRESENT |
 *
 * Classic SPARSEMEM keeps the section number in page->flags so that
 * page_to_pfn can find the section again; SPARSEMEM_VMEMMAP maps one
 * virtually contiguous array, vmemmap[pfn], backed only where sections
 * are present, and keeps mem_section for pfn_valid.
 */
#ifndef PMM__BODY
#ifndef PMM_MODEL
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#endif
#include "pmm.h"
#else

#define PMM__PFN_SECTION_SHIFT	(PMM_SECTION_SIZE_BITS - PMM_PAGE_SHIFT)
#define PMM__SECTIONS_SHIFT	(PMM_MAX_PHYSMEM_BITS - PMM_SECTION_SIZE_BITS)
#define PMM__NR_MEM_SECTIONS	(1UL << PMM__SECTIONS_SHIFT)
#define PMM__PAGES_PER_SECTION	(1UL << PMM__PFN_SECTION_SHIFT)
/* section_mem_map and usage; page_ext and a pad with PMM_PAGE_EXTENSION */
#define PMM__MEM_SECTION_BYTES	((2 + 2 * PMM_PAGE_EXTENSION) * PMM_BYTES_PER_LONG)
#if PMM_SPARSEMEM_EXTREME
#define PMM__SECTIONS_PER_ROOT	(PMM__PAGE_SIZE / PMM__MEM_SECTION_BYTES)
#else
#define PMM__SECTIONS_PER_ROOT	1UL
#endif
#define PMM__NR_SECTION_ROOTS	((PMM__NR_MEM_SECTIONS + PMM__SECTIONS_PER_ROOT - 1) / \
				 PMM__SECTIONS_PER_ROOT)
#define PMM__SECTION_ROOT_MASK	(PMM__SECTIONS_PER_ROOT - 1)

/* section_mem_map flag bits, the [6.12] enum */
#define PMM__SECTION_MARKED_PRESENT	(1UL << 0)
#define PMM__SECTION_HAS_MEM_MAP	(1UL << 1)
#define PMM__SECTION_IS_ONLINE		(1UL << 2)
#define PMM__SECTION_IS_EARLY		(1UL << 3)
#if PMM__VMEMMAP
#define PMM__SECTION_TAINT_ZONE_DEVICE	(1UL << 4)
#define PMM__SECTION_MAP_LAST_BIT	5
#else
#define PMM__SECTION_MAP_LAST_BIT	4
#endif
#define PMM__SECTION_MAP_MASK		(~((1UL << PMM__SECTION_MAP_LAST_BIT) - 1))
#define PMM__SECTION_NID_SHIFT		PMM__SECTION_MAP_LAST_BIT

/* mm/sparse.c BUILD_BUG_ON: the flags must fit below the coded pointer */
#if PMM__SECTION_MAP_LAST_BIT > PMM__PFN_SECTION_SHIFT
#error "PMM_SECTION_SIZE_BITS - PMM_PAGE_SHIFT must be at least SECTION_MAP_LAST_BIT (4, or 5 with VMEMMAP): the section flags live below the coded memmap"
#endif

#if PMM_STRUCT_PAGE_SIZE == 8
#define PMM__STRUCT_PAGE_SHIFT 3
#elif PMM_STRUCT_PAGE_SIZE == 16
#define PMM__STRUCT_PAGE_SHIFT 4
#elif PMM_STRUCT_PAGE_SIZE == 32
#define PMM__STRUCT_PAGE_SHIFT 5
#elif PMM_STRUCT_PAGE_SIZE == 64
#define PMM__STRUCT_PAGE_SHIFT 6
#elif PMM_STRUCT_PAGE_SIZE == 128
#define PMM__STRUCT_PAGE_SHIFT 7
#else
#define PMM__STRUCT_PAGE_SHIFT 8
#endif

#if PMM__VMEMMAP
#if PMM_MAX_PHYSMEM_BITS - PMM_PAGE_SHIFT + PMM__STRUCT_PAGE_SHIFT >= PMM_BITS_PER_LONG
#error "PMM_MAX_PHYSMEM_BITS too large for SPARSEMEM_VMEMMAP: the virtual memmap (2^(PMM_MAX_PHYSMEM_BITS - PMM_PAGE_SHIFT) descriptors) must fit in the address space"
#endif
/*
 * A constant base is cast to unsigned long: where the memmap from it would
 * pass the top of the address space (or the base itself does not fit, on
 * 32-bit), the cast would wrap it silently.  The preprocessor computes in
 * 64 bits, wide enough for either word size.
 */
#if PMM__VMEMMAP_BASE_CONST
#if PMM_BITS_PER_LONG == 64
#define PMM__VMEMMAP_TOP	0xffffffffffffffffULL
#else
#define PMM__VMEMMAP_TOP	0xffffffffULL
#endif
#if (PMM_VMEMMAP_BASE) > PMM__VMEMMAP_TOP - \
	(1ULL << (PMM_MAX_PHYSMEM_BITS - PMM_PAGE_SHIFT + PMM__STRUCT_PAGE_SHIFT)) + 1
#error "PMM_VMEMMAP_BASE too high: the virtual memmap from it (2^(PMM_MAX_PHYSMEM_BITS - PMM_PAGE_SHIFT) descriptors) must end within the address space"
#endif
#undef PMM__VMEMMAP_TOP
#endif
#define PMM__PFN_SUBSECTION_SHIFT	(PMM_SUBSECTION_SHIFT - PMM_PAGE_SHIFT)
#define PMM__PAGES_PER_SUBSECTION	(1UL << PMM__PFN_SUBSECTION_SHIFT)
#define PMM__SUBSECTIONS_PER_SECTION	(1UL << (PMM_SECTION_SIZE_BITS - PMM_SUBSECTION_SHIFT))
#define PMM__SUBSECTION_LONGS		((PMM__SUBSECTIONS_PER_SECTION + PMM_BITS_PER_LONG - 1) / \
					 PMM_BITS_PER_LONG)
#endif

/* SECTION_BLOCKFLAGS_BITS: 4 bits per pageblock, as usemap_size() */
#define PMM__USEMAP_LONGS \
	((((1UL << (PMM__PFN_SECTION_SHIFT - PMM_PAGEBLOCK_ORDER)) * \
	   PMM__NR_PAGEBLOCK_BITS) + PMM_BITS_PER_LONG - 1) / PMM_BITS_PER_LONG)

/**
 * struct pmm_mem_section_usage - per-section usage data (mem_section_usage)
 * @rcu: where it waits for the grace period that frees it after hot-remove
 * @subsection_map: which 2 MiB sub-sections are valid (VMEMMAP)
 * @pageblock_flags: the usemap, NR_PAGEBLOCK_BITS per pageblock
 *
 * Linux's layout and size (mem_section_usage_size(): 56 bytes for x86_64's
 * 128 MiB sections), so that pmm's usemaps cost what Linux's do.
 */
struct PMM__FN(mem_section_usage) {
	void *rcu[2];
#if PMM__VMEMMAP
	unsigned long subsection_map[PMM__SUBSECTION_LONGS];
#endif
	unsigned long pageblock_flags[PMM__USEMAP_LONGS];
};

/*
 * pmm's own record of a section, allocated after its usage data (and
 * counted apart from it: pmm_stats' usemap_bytes are Linux's):
 * @altmap_map: the sub-sections whose memmap is on a vmem_altmap
 *	(VMEMMAP), so that a remove can check it is given the same altmap
 * @ram_map: the sub-sections that hold System RAM, boot memory or
 *	pmm_add_memory's (VMEMMAP), as Linux's resource tree knows: memremap
 *	over RAM is -ENXIO, over other memory -EEXIST
 * @in_memory_block: the section belongs to a memory block (boot memory or
 *	pmm_add_memory); memory added by pmm_add_pages alone, as ZONE_DEVICE
 *	is, has no block, as in Linux
 * @block_zone: its memory block's zone (struct memory_block's): where it
 *	was onlined, or boot's; -1 offline or for a boot block in several
 *	zones or nodes
 * @taint_undo: the memremap in progress tainted the section (VMEMMAP): a
 *	failed memremap takes back only its own taints
 */
struct PMM__IN(section_own) {
#if PMM__VMEMMAP
	unsigned long altmap_map[PMM__SUBSECTION_LONGS];
	unsigned long ram_map[PMM__SUBSECTION_LONGS];
#endif
	unsigned char in_memory_block;
	signed char block_zone;
	unsigned char taint_undo;
};

/* what a section's usage pointer points into: Linux's part, then pmm's */
struct PMM__IN(usage_block) {
	struct PMM__FN(mem_section_usage) usage;
	struct PMM__IN(section_own) own;
};
#define PMM__OWN(usage_ptr)	(&((struct PMM__IN(usage_block) *)(void *)(usage_ptr))->own)

/**
 * struct pmm_mem_section - one section (struct mem_section)
 * @section_mem_map: coded memmap address and flags, or the early node id
 * @usage: the section's usage data
 * @page_ext: CONFIG_PAGE_EXTENSION's page_ext (PMM_PAGE_EXTENSION), never
 *	used by pmm: it is there for Linux's size
 * @pad: pads the section to a power of two, as Linux's does
 */
struct PMM__FN(mem_section) {
	unsigned long section_mem_map;
	struct PMM__FN(mem_section_usage) *usage;
#if PMM_PAGE_EXTENSION
	/* CONFIG_PAGE_EXTENSION's page_ext, and the pad to a power of two */
	void *page_ext;
	unsigned long pad;
#endif
};
/* "WARNING: mem_section must be a power-of-2 in size" (mmzone.h) */
PMM__STATIC_ASSERT(PMM__IN(mem_section_is_a_power_of_two),
		   sizeof(struct PMM__FN(mem_section)) == PMM__MEM_SECTION_BYTES);

#define PMM__SECTION	struct PMM__FN(mem_section)
#define PMM__USAGE	struct PMM__FN(mem_section_usage)

/*
 * Static tables live in .bss, which the 64-bit targets' default code
 * models address within 2 GiB (x86-64 and arm64 -mcmodel=small, riscv
 * medany): a larger table fails at link time ("relocation truncated to
 * fit"), naming no parameter.  Each of pmm's stays within 1 GiB.  The
 * log2 of a mem_section's size is 4 on 64-bit, 3 on 32-bit, one more with
 * PMM_PAGE_EXTENSION.
 */
#define PMM__STATIC_TABLE_MAX_SHIFT	30
#if !PMM_SPARSEMEM_EXTREME && PMM__SECTIONS_SHIFT + (PMM_BITS_PER_LONG == 64 ? 4 : 3) + \
	PMM_PAGE_EXTENSION > PMM__STATIC_TABLE_MAX_SHIFT
#error "PMM_MAX_PHYSMEM_BITS - PMM_SECTION_SIZE_BITS too large for a static section table: with PMM_SPARSEMEM_EXTREME 0 its mem_sections must stay within 1 GiB of .bss; use PMM_SPARSEMEM_EXTREME 1 or larger sections"
#endif

#if PMM_SPARSEMEM_EXTREME
static PMM__SECTION **PMM__IN(mem_section) PMM__UNUSED;
#else
static PMM__SECTION PMM__IN(mem_section)[PMM__NR_SECTION_ROOTS][PMM__SECTIONS_PER_ROOT] PMM__UNUSED;
#endif
static unsigned long PMM__IN(highest_present_section_nr) PMM__UNUSED;
static unsigned long PMM__IN(nr_present_sections) PMM__UNUSED;
static unsigned long PMM__IN(nr_roots) PMM__UNUSED;
static unsigned int PMM__IN(nr_nodes) PMM__UNUSED;
/*
 * Each node's span at boot, [start, end) in PFNs (pgdat's node_start_pfn
 * and spanned pages), and the lowest node with RAM: which memory blocks
 * sysfs links to which node (pmm_memory_block_nodes).
 */
static unsigned long PMM__IN(node_span)[PMM__MAX_NUMNODES][2] PMM__UNUSED;
static int PMM__IN(first_node) PMM__UNUSED;

/*
 * Each node's zones: their spans, [start, end) in PFNs (zone_start_pfn and
 * spanned_pages), as boot sets them and onlining, offlining and memremap
 * change them; and which zones held RAM at boot (populated_zone, for the
 * zone an early memory block reports).
 */
static unsigned long PMM__IN(zone_span)[PMM__MAX_NUMNODES][PMM__MAX_NR_ZONES][2] PMM__UNUSED;
static unsigned char PMM__IN(boot_populated)[PMM__MAX_NUMNODES] PMM__UNUSED;

/* zone_intersects: @zone of @nid spans part of [pfn, pfn + nr) */
static inline PMM__UNUSED int PMM__IN(zone_intersects)(int nid, int zone, unsigned long pfn,
						      unsigned long nr)
{
	const unsigned long *span = PMM__IN(zone_span)[nid][zone];

	return span[0] != span[1] && pfn < span[1] && pfn + nr > span[0];
}

/* resize_zone_range: @zone of @nid grows to span [pfn, pfn + nr) too */
static inline PMM__UNUSED void PMM__IN(resize_zone_range)(int nid, int zone, unsigned long pfn,
							 unsigned long nr)
{
	unsigned long *span = PMM__IN(zone_span)[nid][zone];

	if (span[0] == span[1] || pfn < span[0])
		span[0] = pfn;
	if (pfn + nr > span[1])
		span[1] = pfn + nr;
}

/* the PFNs boot memory of @zone may take: [*lo, *hi) (arch_zone_*_possible_pfn) */
static inline PMM__UNUSED void PMM__IN(boot_zone_limits)(int zone, unsigned long *lo,
							unsigned long *hi)
{
	unsigned long dma = PMM_MAX_DMA_PFN, dma32 = PMM_MAX_DMA32_PFN;

	*lo = 0;
	*hi = ~0UL;
	if (zone > PMM__ZONE_NORMAL)
		*hi = 0;	/* Movable and Device: no boot memory */
	else if (dma && zone == PMM__ZONE_DMA)
		*hi = dma;
	else if (dma32 && zone == PMM__ZONE_DMA32)
		*lo = dma, *hi = dma32;
	else
		*lo = dma32 > dma ? dma32 : dma;
}

/* @zone of @nid as boot set it: the node's span cut at the zone's limits */
static inline PMM__UNUSED void PMM__IN(boot_zone_span)(int nid, int zone, unsigned long *span)
{
	const unsigned long *node = PMM__IN(node_span)[nid];
	unsigned long lo, hi;

	PMM__IN(boot_zone_limits)(zone, &lo, &hi);
	lo = lo > node[0] ? lo : node[0];
	hi = hi < node[1] ? hi : node[1];
	span[0] = span[1] = 0;
	if (lo < hi)
		span[0] = lo, span[1] = hi;
}

/**
 * pmm_zone_span - where a node's zone lies (zone_start_pfn, spanned_pages)
 * @nid: node
 * @zone: zone number, below pmm_nr_zones()
 * @start_pfn: its first PFN, filled in (0 for an empty zone)
 * @spanned_pages: PFNs from there to its end, holes included (0: empty)
 *
 * At boot each node's DMA, DMA32 and Normal zones are the node's span cut
 * at PMM_MAX_DMA_PFN and PMM_MAX_DMA32_PFN (free_area_init); Movable and
 * Device are empty.  Onlining grows a zone (resize_zone_range), and so
 * does memremap for Device; offlining memory at a zone's end shrinks it to
 * the online memory of that node and zone left (shrink_zone_span).
 *
 * Return: 0; -EINVAL for a node or zone out of range.
 */
PMM__API int PMM__FN(zone_span)(int nid, int zone, unsigned long *start_pfn,
				unsigned long *spanned_pages)
{
	const unsigned long *span;

	if (nid < 0 || nid >= PMM__MAX_NUMNODES || zone < 0 || zone >= PMM__MAX_NR_ZONES)
		return -PMM_EINVAL;
	span = PMM__IN(zone_span)[nid][zone];
	*start_pfn = span[0];
	*spanned_pages = span[1] - span[0];
	return 0;
}

#if PMM__NODE_NOT_IN_PAGE_FLAGS
#if PMM__SECTIONS_SHIFT + (PMM_NODES_SHIFT > 8) > PMM__STATIC_TABLE_MAX_SHIFT
#error "PMM_MAX_PHYSMEM_BITS - PMM_SECTION_SIZE_BITS too large for section_to_node_table: the node does not fit in page->flags, and a node id per section must stay within 1 GiB of .bss; use larger sections, a smaller PMM_NODES_SHIFT or fewer PMM_RESERVED_FLAGS_BITS"
#endif
#if PMM_NODES_SHIFT <= 8
typedef unsigned char PMM__IN(nid_t);
#else
typedef unsigned short PMM__IN(nid_t);
#endif
/* mm/sparse.c: the node of each section, when page->flags has no room */
static PMM__IN(nid_t) PMM__IN(section_to_node_table)[PMM__NR_MEM_SECTIONS] PMM__UNUSED;

/* set_section_nid (mm/sparse.c): the node of section @sec */
static inline PMM__UNUSED void PMM__IN(set_section_nid)(unsigned long sec, int nid)
{
	PMM__IN(section_to_node_table)[sec] = (PMM__IN(nid_t))nid;
}

static inline PMM__UNUSED unsigned long PMM__IN(node_table_bytes)(void)
{
	return sizeof(PMM__IN(section_to_node_table));
}
#else
/* the node is in page->flags: no table to keep */
static inline PMM__UNUSED void PMM__IN(set_section_nid)(unsigned long sec, int nid)
{
	(void)sec;
	(void)nid;
}

static inline PMM__UNUSED unsigned long PMM__IN(node_table_bytes)(void)
{
	return 0;
}
#endif

/*
 * A run of present sections of one node: sparse_init_nid's unit of
 * allocation (one usemap block and, classic, one memmap buffer).
 */
struct PMM__IN(run) {
	unsigned long pnum_begin, pnum_end, map_count;
	int nid;
	void *map;
	unsigned long map_bytes;
	struct PMM__IN(usage_block) *usage;
	unsigned long usage_bytes;
};
static struct PMM__IN(run) *PMM__IN(runs) PMM__UNUSED;
static unsigned long PMM__IN(nr_runs) PMM__UNUSED;
/* what hotplug holds beyond the boot blocks (pmm_sparse_hotplug.h) */
static unsigned long PMM__IN(hot_usages) PMM__UNUSED;	/* usage blocks */
static unsigned long long PMM__IN(hot_map_bytes) PMM__UNUSED;
static int PMM__IN(hotplugged) PMM__UNUSED;
/* descriptors pmm_init left for pmm_deferred_init (pmm_sparse_deferred.h) */
static unsigned long PMM__IN(deferred_pages) PMM__UNUSED;

#if PMM__VMEMMAP
#if PMM__VMEMMAP_BASE_CONST
#define PMM__VMEMMAP_ADDR	((unsigned long)(PMM_VMEMMAP_BASE))
#else
static unsigned long PMM__IN(vmemmap) PMM__UNUSED;
#define PMM__VMEMMAP_ADDR	PMM__IN(vmemmap)
#endif
/* the address space taken for the vmemmap, and the PFNs it covers */
static void *PMM__IN(vmemmap_resv) PMM__UNUSED;
static unsigned long PMM__IN(vmemmap_resv_bytes) PMM__UNUSED;
static unsigned long PMM__IN(vmemmap_lo_pfn) PMM__UNUSED;
static unsigned long PMM__IN(vmemmap_hi_pfn) PMM__UNUSED;
static int PMM__IN(vmemmap_populated) PMM__UNUSED;
static unsigned long long PMM__IN(vmemmap_bytes) PMM__UNUSED;
/* backing pages carved from altmaps, and pages of ZONE_DEVICE pagemaps */
static unsigned long PMM__IN(altmap_pages) PMM__UNUSED;
static unsigned long PMM__IN(device_pages) PMM__UNUSED;
#endif

/* --- section numbers --------------------------------------------------- */

/**
 * pmm_pfn_to_section_nr - the section a PFN lies in
 * @pfn: page frame number
 */
PMM__API unsigned long PMM__FN(pfn_to_section_nr)(unsigned long pfn)
{
	return pfn >> PMM__PFN_SECTION_SHIFT;
}

/**
 * pmm_section_nr_to_pfn - the first PFN of a section
 * @sec: section number
 */
PMM__API unsigned long PMM__FN(section_nr_to_pfn)(unsigned long sec)
{
	return sec << PMM__PFN_SECTION_SHIFT;
}

/**
 * pmm_nr_to_section - the mem_section of a section number (__nr_to_section)
 * @nr: section number
 *
 * Return: the section, or NULL when its root is beyond the table or (EXTREME)
 * not allocated.
 */
PMM__API PMM__SECTION *PMM__FN(nr_to_section)(unsigned long nr)
{
	unsigned long root = nr / PMM__SECTIONS_PER_ROOT;
#if PMM_SPARSEMEM_EXTREME
	PMM__SECTION *block;
#endif

	if (PMM__UNLIKELY(root >= PMM__NR_SECTION_ROOTS))
		return (PMM__SECTION *)0;
#if PMM_SPARSEMEM_EXTREME
	if (!PMM__IN(mem_section))
		return (PMM__SECTION *)0;
	/*
	 * Hotplug publishes roots and retires them (NULL, then freed after
	 * a grace period): one load, which no compiler may repeat.
	 */
	block = PMM__DEREF(PMM__IN(mem_section)[root]);
	if (!block)
		return (PMM__SECTION *)0;
	return &block[nr & PMM__SECTION_ROOT_MASK];
#else
	return &PMM__IN(mem_section)[root][nr & PMM__SECTION_ROOT_MASK];
#endif
}

/*
 * The section of a PFN the caller knows is valid: no range or root
 * checks, as pfn_to_page needs none (Linux's compiles them away as the
 * NULL they guard would be dereferenced anyway).
 */
static inline PMM__UNUSED PMM__SECTION *PMM__IN(valid_pfn_to_section)(unsigned long pfn)
{
	unsigned long nr = pfn >> PMM__PFN_SECTION_SHIFT;

#if PMM_SPARSEMEM_EXTREME
	return &PMM__RACY_PTR(PMM__IN(mem_section)[nr / PMM__SECTIONS_PER_ROOT])
		[nr & PMM__SECTION_ROOT_MASK];
#else
	return &PMM__IN(mem_section)[nr][0];
#endif
}

/**
 * pmm_pfn_to_section - the mem_section a PFN lies in (__pfn_to_section)
 * @pfn: page frame number
 */
PMM__API PMM__SECTION *PMM__FN(pfn_to_section)(unsigned long pfn)
{
	return PMM__FN(nr_to_section)(PMM__FN(pfn_to_section_nr)(pfn));
}

static inline PMM__UNUSED int PMM__IN(present_section)(const PMM__SECTION *ms)
{
	return ms && (PMM__RACY(ms->section_mem_map) & PMM__SECTION_MARKED_PRESENT);
}

static inline PMM__UNUSED int PMM__IN(valid_section)(const PMM__SECTION *ms)
{
	return ms && (PMM__RACY(ms->section_mem_map) & PMM__SECTION_HAS_MEM_MAP);
}

static inline PMM__UNUSED int PMM__IN(online_section)(const PMM__SECTION *ms)
{
	return ms && (PMM__RACY(ms->section_mem_map) & PMM__SECTION_IS_ONLINE);
}

static inline PMM__UNUSED int PMM__IN(early_section)(const PMM__SECTION *ms)
{
	return ms && (PMM__RACY(ms->section_mem_map) & PMM__SECTION_IS_EARLY);
}

/**
 * pmm_present_section_nr - is there memory in section @nr?
 * @nr: section number
 */
PMM__API int PMM__FN(present_section_nr)(unsigned long nr)
{
	return PMM__IN(present_section)(PMM__FN(nr_to_section)(nr));
}

/**
 * pmm_valid_section_nr - does section @nr have a memmap?
 * @nr: section number
 */
PMM__API int PMM__FN(valid_section_nr)(unsigned long nr)
{
	return PMM__IN(valid_section)(PMM__FN(nr_to_section)(nr));
}

/**
 * pmm_online_section_nr - are section @nr's pages online?
 * @nr: section number
 */
PMM__API int PMM__FN(online_section_nr)(unsigned long nr)
{
	return PMM__IN(online_section)(PMM__FN(nr_to_section)(nr));
}

/**
 * pmm_early_section_nr - was section @nr populated at boot?
 * @nr: section number
 */
PMM__API int PMM__FN(early_section_nr)(unsigned long nr)
{
	return PMM__IN(early_section)(PMM__FN(nr_to_section)(nr));
}

/**
 * pmm_pfn_in_present_section - is @pfn in a present section?
 * @pfn: page frame number
 */
PMM__API int PMM__FN(pfn_in_present_section)(unsigned long pfn)
{
	if (PMM__FN(pfn_to_section_nr)(pfn) >= PMM__NR_MEM_SECTIONS)
		return 0;
	return PMM__IN(present_section)(PMM__FN(pfn_to_section)(pfn));
}

/* --- conversions --------------------------------------------------------- */

#if PMM__VMEMMAP
/* subsection_map_index: the PFN's bit in its section's sub-section maps */
static inline PMM__UNUSED unsigned long PMM__IN(subsection_map_index)(unsigned long pfn)
{
	return (pfn & (PMM__PAGES_PER_SECTION - 1)) >> PMM__PFN_SUBSECTION_SHIFT;
}

static inline PMM__UNUSED int PMM__IN(pfn_section_valid)(const PMM__SECTION *ms,
							unsigned long pfn)
{
	/* loaded once: hot-remove may clear it under a reader */
	const PMM__USAGE *usage = PMM__DEREF(ms->usage);
	unsigned long idx = PMM__IN(subsection_map_index)(pfn);

	PMM_TEST_READ_POINT();
	return usage && pmm__test_bit(idx, usage->subsection_map);
}
#else
static inline PMM__UNUSED int PMM__IN(pfn_section_valid)(const PMM__SECTION *ms,
							unsigned long pfn)
{
	(void)ms;
	(void)pfn;
	return 1;
}
#endif

/*
 * The read side's one look at a section, for readers that work out a
 * descriptor from it (pmm_pfn_to_online_page, pmm_pfn_to_nid): @pfn's
 * section, through its root, and its section_mem_map, each loaded once
 * (PMM__LOAD_ONCE), so that every later test and the descriptor address
 * judge the values loaded here, whatever hot-remove publishes meanwhile.
 * The caller holds PMM_RCU_READ_LOCK, which keeps what was loaded from
 * being freed.  Return: the section_mem_map, 0 when there is no section.
 */
static inline PMM__UNUSED unsigned long PMM__IN(read_section)(unsigned long pfn,
							     const PMM__SECTION **msp)
{
	const PMM__SECTION *ms = PMM__FN(pfn_to_section)(pfn);
	unsigned long map = ms ? PMM__LOAD_ONCE(ms->section_mem_map) : 0;

	*msp = ms;
	return map;
}

/*
 * pfn_valid's verdict on a section already read: it has a memmap, and a
 * boot section is valid whole, a hot-added one per sub-section.
 */
static inline PMM__UNUSED int PMM__IN(section_pfn_valid)(const PMM__SECTION *ms,
							unsigned long map,
							unsigned long pfn)
{
	if (!(map & PMM__SECTION_HAS_MEM_MAP))
		return 0;
	return (map & PMM__SECTION_IS_EARLY) || PMM__IN(pfn_section_valid)(ms, pfn);
}

/**
 * pmm_pfn_valid - does @pfn have an initialised descriptor?
 * @pfn: page frame number
 *
 * Linux [6.12]: the PFN must survive PFN_PHYS/PHYS_PFN, lie below
 * NR_MEM_SECTIONS, and be in a section with a memmap; a boot section is
 * valid whole, a hot-added one per sub-section.  A valid PFN may still be
 * a hole in RAM.  Safe against concurrent hotplug: the section and its
 * usage data are read under PMM_RCU_READ_LOCK (rcu_read_lock_sched).
 */
PMM__API int PMM__FN(pfn_valid)(unsigned long pfn)
{
	const PMM__SECTION *ms;
	unsigned long map;
	int ret;

	/* only a 64-bit long can lose bits in PFN_PHYS (a 64-bit phys_addr_t) */
#if PMM_BITS_PER_LONG + PMM_PAGE_SHIFT > 64
	if ((unsigned long)(((unsigned long long)pfn << PMM_PAGE_SHIFT) >>
			    PMM_PAGE_SHIFT) != pfn)
		return 0;
#endif
	if (PMM__FN(pfn_to_section_nr)(pfn) >= PMM__NR_MEM_SECTIONS)
		return 0;
	/* before the lookup: pmm frees empty roots (Linux never does) */
	PMM_RCU_READ_LOCK();
	/*
	 * The root is loaded once (nr_to_section); the flags word may be
	 * read twice, as Linux reads it: pfn_valid only tests its bits, and
	 * either reading is an answer a racing hot-remove allows.
	 */
	ms = PMM__FN(pfn_to_section)(pfn);
	map = ms ? PMM__RACY(ms->section_mem_map) : 0;
	PMM_TEST_READ_POINT();
	ret = PMM__IN(section_pfn_valid)(ms, map, pfn);
	PMM_RCU_READ_UNLOCK();
	return ret;
}

#if PMM__VMEMMAP
/* The descriptor of a PFN: vmemmap + pfn, whatever its section holds. */
static inline PMM__UNUSED PMM__PAGE *PMM__IN(section_pfn_to_page)(unsigned long map,
								 unsigned long pfn)
{
	(void)map;
	/*
	 * Pointer arithmetic, as Linux's vmemmap + pfn: on an integer, gcc
	 * folds a constant base with an 8-byte descriptor into
	 * (base / 8 + pfn) << 3, one instruction more than a scaled lea.
	 */
	return (PMM__PAGE *)PMM__VMEMMAP_ADDR + pfn;
}

/**
 * pmm_pfn_to_page - the descriptor of a valid PFN: vmemmap + pfn
 * @pfn: a PFN for which pmm_pfn_valid() is true
 */
PMM__API PMM__PAGE *PMM__FN(pfn_to_page)(unsigned long pfn)
{
	PMM__DEBUG_ON(!PMM__FN(pfn_valid)(pfn));
	return PMM__IN(section_pfn_to_page)(0, pfn);
}

/**
 * pmm_page_to_pfn - the PFN of a descriptor: page - vmemmap
 * @page: a descriptor returned by pmm_pfn_to_page()
 */
PMM__API unsigned long PMM__FN(page_to_pfn)(const PMM__PAGE *page)
{
	return ((unsigned long)page - PMM__VMEMMAP_ADDR) / sizeof(PMM__PAGE);
}
#else
/* __section_mem_map_addr: the coded memmap in a section_mem_map value */
static inline PMM__UNUSED unsigned long PMM__IN(section_mem_map_addr)(unsigned long map)
{
	return map & PMM__SECTION_MAP_MASK;
}

/*
 * The descriptor of a PFN from its section's section_mem_map:
 * __section_mem_map_addr(sec) + pfn.  In integers: the coded address
 * alone may lie below 0, which C pointers may not.
 */
static inline PMM__UNUSED PMM__PAGE *PMM__IN(section_pfn_to_page)(unsigned long map,
								 unsigned long pfn)
{
	return (PMM__PAGE *)(PMM__IN(section_mem_map_addr)(map) + pfn * sizeof(PMM__PAGE));
}

/**
 * pmm_page_to_section - the section number kept in page->flags
 * @page: a descriptor
 */
PMM__API unsigned long PMM__FN(page_to_section)(const PMM__PAGE *page)
{
	return (PMM__FLAGS(page) >> PMM__SECTIONS_PGSHIFT) & PMM__SECTIONS_MASK;
}

#if PMM_DEBUG
/*
 * The section_mem_map of a valid PFN's section, looked up with its checks
 * and asserted valid: the value the conversion then uses is the one judged.
 */
static inline PMM__UNUSED unsigned long PMM__IN(valid_section_mem_map)(unsigned long pfn)
{
	const PMM__SECTION *ms;
	unsigned long map = PMM__IN(read_section)(pfn, &ms);

	PMM_BUG_ON(!PMM__IN(section_pfn_valid)(ms, map, pfn));
	return map;
}
#else
/* The section_mem_map of a valid PFN's section (__pfn_to_section(pfn)). */
static inline PMM__UNUSED unsigned long PMM__IN(valid_section_mem_map)(unsigned long pfn)
{
	return PMM__RACY(PMM__IN(valid_pfn_to_section)(pfn)->section_mem_map);
}
#endif

/**
 * pmm_pfn_to_page - the descriptor of a valid PFN: coded map + pfn
 * @pfn: a PFN for which pmm_pfn_valid() is true
 *
 * __section_mem_map_addr(__pfn_to_section(pfn)) + pfn, as Linux's
 * __pfn_to_page.  With PMM_DEBUG the section is looked up with its
 * checks, and the assertion judges the map the conversion uses.
 */
PMM__API PMM__PAGE *PMM__FN(pfn_to_page)(unsigned long pfn)
{
	return PMM__IN(section_pfn_to_page)(PMM__IN(valid_section_mem_map)(pfn), pfn);
}

/**
 * pmm_page_to_pfn - the PFN of a descriptor, through its section number
 * @page: a descriptor returned by pmm_pfn_to_page()
 */
PMM__API unsigned long PMM__FN(page_to_pfn)(const PMM__PAGE *page)
{
	const PMM__SECTION *ms = PMM__IN(valid_pfn_to_section)(
		PMM__FN(section_nr_to_pfn)(PMM__FN(page_to_section)(page)));

	return ((unsigned long)page -
		PMM__IN(section_mem_map_addr)(PMM__RACY(ms->section_mem_map))) /
	       sizeof(PMM__PAGE);
}
#endif

/**
 * pmm_page_to_nid - the node of a descriptor
 * @page: a descriptor
 *
 * From page->flags, or from section_to_node_table when the node does not
 * fit there (NODE_NOT_IN_PAGE_FLAGS): then every page of a section shared
 * by two nodes reports the node registered last, as in Linux.
 */
PMM__API int PMM__FN(page_to_nid)(const PMM__PAGE *page)
{
#if PMM__NODE_NOT_IN_PAGE_FLAGS
	return PMM__IN(section_to_node_table)[PMM__FN(page_to_section)(page)];
#else
	return (int)((PMM__FLAGS(page) >> PMM__NODES_PGSHIFT) & PMM__NODES_MASK);
#endif
}

/**
 * pmm_pfn_to_nid - the node of a PFN, through its descriptor
 * @pfn: page frame number
 *
 * A reader, as pmm_pfn_valid: the section is read once under
 * PMM_RCU_READ_LOCK, and its descriptor only if the PFN is valid.  As in
 * Linux, the descriptor of memory being removed meanwhile is the
 * caller's to keep (get_online_mems).  Return: the node id, or -1 if
 * @pfn is not valid.
 */
PMM__API int PMM__FN(pfn_to_nid)(unsigned long pfn)
{
	const PMM__SECTION *ms;
	unsigned long map;
	int nid = -1;

	if (PMM__FN(pfn_to_section_nr)(pfn) >= PMM__NR_MEM_SECTIONS)
		return nid;
	PMM_RCU_READ_LOCK();
	map = PMM__IN(read_section)(pfn, &ms);
	if (PMM__IN(section_pfn_valid)(ms, map, pfn))
		nid = PMM__FN(page_to_nid)(PMM__IN(section_pfn_to_page)(map, pfn));
	PMM_RCU_READ_UNLOCK();
	return nid;
}
#define PMM__HAVE_PFN_TO_NID 1

/*
 * The stages follow, each in its own header, in the order data flows
 * (pmm.h includes them after this one): boot (pmm_sparse_boot.h),
 * memmap_init and deferred init (pmm_sparse_deferred.h), hotplug
 * (pmm_sparse_hotplug.h), ZONE_DEVICE (pmm_sparse_device.h), memory
 * blocks and onlining (pmm_sparse_blocks.h), then the model's init, exit
 * and stats (pmm_sparse_model.h), which undefines what they all share.
 */
#endif /* PMM__BODY */
