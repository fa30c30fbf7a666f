/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * pmm.h 0.16.0 - Linux's physical memory models as drop-in static-inline headers
 * (the release: PMM_VERSION and PMM_VERSION_CODE, defined in pmm_types.h)
 *
 * TABLE OF CONTENTS
 *	1. Quick start
 *	2. Models
 *	3. Compile-time options
 *	4. Hooks (allocation, assertion, vmemmap backing)
 *	5. Several configurations in one program (PMM_NAME)
 *	6. Public API
 *	7. Errors
 *	8. Differences from Linux
 *	9. Concurrency
 *
 * 1. QUICK START
 *
 *	#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
 *	#include "pmm.h"
 *
 *	struct pmm_range ram[] = {
 *		{ 0x00000, 0x0009f, 0 },	// PFNs [start, end), node id
 *		{ 0x00100, 0x80000, 0 },
 *	};
 *	if (pmm_init(ram, 2) == 0) {
 *		struct pmm_page *page = pmm_pfn_to_page(0x1234);
 *		unsigned long pfn = pmm_page_to_pfn(page);
 *		pmm_exit();
 *	}
 *
 *   A hosted program needs nothing more: memory comes from malloc/mmap and
 *   assertions abort.  A kernel, hypervisor or firmware defines the hooks
 *   of section 4 and builds with PMM_FREESTANDING (the default when
 *   __KERNEL__ is defined or the compiler is -ffreestanding): pmm then
 *   includes no header at all and references no external symbol.
 *
 * 2. MODELS (Documentation/mm/memory-model.rst)
 *
 *	PMM_MODEL_FLATMEM		one mem_map from PMM_ARCH_PFN_OFFSET
 *	PMM_MODEL_DISCONTIGMEM		a node_mem_map per node (Linux 5.10)
 *	PMM_MODEL_SPARSEMEM		sections; the section number lives in
 *					page->flags; static table or EXTREME roots
 *	PMM_MODEL_SPARSEMEM_VMEMMAP	sections plus a virtually contiguous
 *					memmap backed only where memory is
 *
 *   Other kernels' answers to the same question, behind the same API
 *   (pmm_xen_pdx.h, pmm_freebsd.h); they have no hotplug, sub-sections,
 *   ZONE_DEVICE or deferred init, and pmm.h refuses those options:
 *
 *	PMM_MODEL_XEN_PDX_MASK		Xen's frame table indexed by PDX, the
 *					widest run of bits no RAM uses
 *					squeezed out; validity per group of
 *					descriptors; node from memnodemap
 *	PMM_MODEL_XEN_PDX_OFFSET	the same, each RAM region moved down by
 *					a lookup table (Xen 2025)
 *	PMM_MODEL_FREEBSD_DENSE		FreeBSD's vm_page_array from the lowest
 *					to the highest frame (amd64)
 *	PMM_MODEL_FREEBSD_SPARSE	FreeBSD's segments, a packed array and
 *					a binary search (arm64, riscv)
 *
 *   Including pmm_flat.h, pmm_discontig.h or pmm_sparse.h instead of pmm.h
 *   picks that model when PMM_MODEL is not set.  pmm_types.h alone gives
 *   the shared types (struct pmm_range, ...) without instantiating a model.
 *
 * 3. COMPILE-TIME OPTIONS
 *
 *   Define before including pmm.h; each applies to the instance being
 *   included (section 5).  Options that are 0 or 1 are tested with #if.
 *
 *	PMM_MODEL			see above; default SPARSEMEM_VMEMMAP
 *	PMM_PAGE_SHIFT			log2 page size; 12..18; default 12
 *	PMM_MAX_PHYSMEM_BITS		physical address bits; default 46 on
 *					64-bit (x86_64), 36 on 32-bit (PAE)
 *	PMM_SECTION_SIZE_BITS		log2 section bytes (SPARSEMEM); 27
 *	PMM_SUBSECTION_SHIFT		log2 sub-section bytes (VMEMMAP); 21
 *	PMM_MEMORY_BLOCK_SIZE_BITS	log2 memory block bytes (SPARSEMEM);
 *					default PMM_SECTION_SIZE_BITS
 *	PMM_DEFERRED_STRUCT_PAGE_INIT	1: pmm_init initialises only the
 *					first section of each node's memmap,
 *					pmm_deferred_init the rest (SPARSEMEM;
 *					Linux's DEFERRED_STRUCT_PAGE_INIT);
 *					default 0
 *	PMM_SPARSEMEM_EXTREME		0 static section table, 1 roots
 *					allocated on demand; default 1 on
 *					64-bit, 0 on 32-bit
 *	PMM_PAGE_EXTENSION		1: struct mem_section has page_ext
 *					and a pad (4 longs, not 2), as with
 *					CONFIG_PAGE_EXTENSION, which
 *					distributions' kernels select
 *					(SPARSEMEM); default 0
 *	PMM_ARCH_PFN_OFFSET		first PFN of FLATMEM's mem_map; 0
 *					(other models accept and ignore it,
 *					as arm64 defines it under SPARSEMEM)
 *	PMM_NODES_SHIFT			log2 of MAX_NUMNODES; 0..10; default 6
 *	PMM_MAX_PAGE_ORDER		buddy allocator's largest order
 *					(Linux 6.8+ MAX_PAGE_ORDER); 10
 *	PMM_PAGEBLOCK_ORDER		order of a pageblock; default
 *					min(PAGE_SHIFT - 3, MAX_PAGE_ORDER)
 *	PMM_STRUCT_PAGE_SIZE		bytes per struct pmm_page: a power of
 *					two, at least sizeof(long); default 64
 *					on 64-bit, 32 on 32-bit (as Linux).
 *					Xen: a multiple of a long, default 32
 *					(page_info); FreeBSD: a multiple of 8,
 *					default 104 (FreeBSD 14's vm_page)
 *	PMM_PDX_MAX_ORDER		Xen: PFN bits never compressed
 *					(MAX_ORDER); 18
 *	PMM_PDX_GROUP_SHIFT		Xen: log2 bytes of frame table a PDX
 *					group's backing takes; 21
 *	PMM_PDX_OFFSET_TBL_ORDER	Xen offset: log2 lookup-table entries;
 *					0..9; 6
 *	PMM_PDX_MAX_RANGES		Xen: most RAM ranges compressed; 1024
 *	PMM_VM_PHYSSEG_MAX		FreeBSD: most segments; 64 on 64-bit,
 *					17 on 32-bit (i386)
 *	PMM_VM_LOWMEM_BOUNDARY,		FreeBSD: the free lists' boundaries,
 *	PMM_VM_DMA32_BOUNDARY		bytes, 0 for none; dense (amd64) 16 MiB
 *					and 4 GiB, segments (arm64) 4 GiB
 *	PMM_VM_DMA32_NPAGES_THRESHOLD	FreeBSD: DMA32 only with more pages
 *					above it; 16M (amd64), 0 (none)
 *	PMM_NR_PAGEFLAGS		low page->flags bits owned by page
 *					flags proper; default 23 on 64-bit,
 *					20 on 32-bit (x86 6.12)
 *	PMM_ZONES_SHIFT			page->flags bits for the zone; 3 on
 *					64-bit, 2 on 32-bit
 *	PMM_MAX_DMA_PFN			end of ZONE_DMA, a PFN; default 16 MiB's
 *					(x86); 0 leaves the zone out
 *	PMM_MAX_DMA32_PFN		end of ZONE_DMA32; default 4 GiB's on
 *					64-bit, 0 (no such zone) on 32-bit
 *	PMM_RESERVED_FLAGS_BITS		further page->flags bits taken by
 *					fields pmm does not model (LAST_CPUPID,
 *					KASAN tag, LRU gen); default 0
 *	PMM_DISCONTIG_NID		how DISCONTIGMEM finds a PFN's node:
 *					PMM_NID_BY_TABLE (a chunk table, as
 *					x86_32's physnode_map) or
 *					PMM_NID_BY_SEARCH (a scan of node
 *					spans); default PMM_NID_BY_SEARCH
 *	PMM_DISCONTIG_CHUNK_SHIFT	log2 bytes per chunk-table entry; 26
 *	PMM_VMEMMAP_BASE		integer address of the virtual memmap
 *					(VMEMMAP); makes pfn_to_page a shift
 *					and an add.  Unset: a run-time base.
 *	PMM_PAGE_PGMAP(page)		with PMM_PAGE_TYPE, optionally the
 *					lvalue (void *) where a ZONE_DEVICE
 *					page points back to its pagemap;
 *					without it pmm looks the pagemap up
 *	PMM_PAGE_TYPE, PMM_PAGE_FLAGS	a host's own descriptor type and the
 *					lvalue of its flags word, e.g.
 *					"struct page" and "(page)->flags";
 *					its size must be PMM_STRUCT_PAGE_SIZE
 *	PMM_KERNEL_NAMES		1: also define Linux's spellings
 *					(pfn_to_page, page_to_pfn, ...) as
 *					macros onto this instance; default 0
 *	PMM_DEBUG			1: conversions assert their argument
 *					is valid; default 0
 *	PMM_FREESTANDING		1: no #include, hooks required
 *	PMM_BITS_PER_LONG		bits of an unsigned long: 32 or 64;
 *					default from the compiler
 *					(__SIZEOF_LONG__).  Set it only for a
 *					compiler that does not say; the
 *					32-bit defaults above follow it
 *	PMM_HOSTED_LIMIT		hosted only: the most bytes pmm's
 *					default allocator holds at once;
 *					default half of this machine's RAM.
 *					A request past it gets NULL and so
 *					pmm_init or hotplug returns -ENOMEM:
 *					a map of terabytes fails cleanly in a
 *					small program instead of waking the
 *					OOM killer.  Set it (bytes) to allow
 *					more, or to test the -ENOMEM paths
 *
 *   An impossible combination stops the build with an #error that names
 *   the parameter and the rule, next to the definition it guards.
 *
 * 4. HOOKS
 *
 *	PMM_ALLOC(bytes, align, nid)	zeroed memory or NULL (memblock_alloc
 *					semantics); align is a power of two
 *	PMM_FREE(ptr, bytes)		give it back
 *	PMM_BUG_ON(cond)		a broken invariant; default aborts
 *					(hosted) or traps (freestanding)
 *	PMM_VMEMMAP_RESERVE(bytes)	address space for a run-time vmemmap
 *					base, or NULL
 *	PMM_VMEMMAP_UNRESERVE(addr, bytes)
 *	PMM_VMEMMAP_POPULATE(addr, bytes, nid)
 *					back [addr, addr + bytes) with zeroed
 *					memory; 0 or -errno
 *	PMM_VMEMMAP_DEPOPULATE(addr, bytes)
 *	PMM_VMEMMAP_POPULATE_FROM(addr, bytes, pfn)
 *					back [addr, addr + bytes) with the
 *					memory at PFN pfn (a vmem_altmap's
 *					pages); 0 or -errno.  Optional: without
 *					it a freestanding build refuses
 *					altmaps with -EINVAL; a hosted one
 *					calls PMM_VMEMMAP_POPULATE(addr,
 *					bytes, -1), the host's or the
 *					default, which DEPOPULATE undoes
 *	PMM_RCU_READ_LOCK()		open and close a read-side critical
 *	PMM_RCU_READ_UNLOCK()		section (rcu_read_lock_sched)
 *	PMM_SYNCHRONIZE_RCU()		wait until every reader that may see
 *					what hotplug unpublished is done
 *					(synchronize_rcu); freed usage data,
 *					section roots and pagemaps wait for it
 *	PMM_DEFERRED_RUN(fn, arg, nr_threads)
 *					call void fn(void *arg) on nr_threads
 *					CPUs at once and wait for all; each
 *					call takes work until none is left
 *	PMM_TEST_READ_POINT()		for tests only: called inside a
 *					reader's critical section between
 *					loading a section and using it
 *
 *   Define PMM_ALLOC and PMM_FREE together or not at all; likewise the
 *   four vmemmap hooks and the three RCU hooks.  Hosted defaults live in
 *   pmm_hosted.h: malloc and mmap, per-thread reader slots with
 *   membarrier(2) for the grace period, pthreads for PMM_DEFERRED_RUN.
 *   Freestanding defaults: RCU readers are compiler barriers and the
 *   grace period is empty (one CPU, or a host that serialises readers
 *   with hotplug itself); PMM_DEFERRED_RUN calls fn once on this CPU.
 *   The hotplug, memremap and deferred-init calls take no lock: callers
 *   serialise them, as Linux's mem_hotplug_begin does.  The hooks may be
 *   set per instance.
 *
 * 5. SEVERAL CONFIGURATIONS IN ONE PROGRAM
 *
 *   #define PMM_NAME x86 before the include renames every public function
 *   pmm_x86_*, every type struct pmm_x86_*, every internal pmm__x86_*.
 *   All storage is static, and every option macro is #undef'd at the end
 *   of the header, so it can be included again with other parameters:
 *
 *	#define PMM_NAME a
 *	#define PMM_MODEL PMM_MODEL_FLATMEM
 *	#include "pmm.h"
 *	#define PMM_NAME b
 *	#define PMM_MODEL PMM_MODEL_SPARSEMEM
 *	#include "pmm.h"
 *
 * 6. PUBLIC API (every model; shown without a PMM_NAME)
 *
 *	int pmm_init(const struct pmm_range *ranges, unsigned int nr);
 *	void pmm_exit(void);
 *	struct pmm_page *pmm_pfn_to_page(unsigned long pfn);
 *	unsigned long pmm_page_to_pfn(const struct pmm_page *page);
 *	int pmm_pfn_valid(unsigned long pfn);
 *	int pmm_page_to_nid(const struct pmm_page *page);
 *	int pmm_pfn_to_nid(unsigned long pfn);
 *	void pmm_stats(struct pmm_stats *st);
 *	const struct pmm_params pmm_params;	(the instance's parameters)
 *	int pmm_page_zonenum(const struct pmm_page *page);
 *	const char *pmm_zone_name(int zone);	("DMA", "DMA32", "Normal", ...)
 *	int pmm_nr_zones(void);
 *
 *   Zones are numbered as Linux numbers those it is built with: DMA,
 *   DMA32, Normal, Movable and (VMEMMAP) Device, less any zone left out.
 *   Boot memory is in the zone its address falls into.
 *
 *   SPARSEMEM adds pmm_pfn_to_section_nr, pmm_section_nr_to_pfn,
 *   pmm_nr_to_section, pmm_pfn_to_section, pmm_present_section_nr,
 *   pmm_valid_section_nr, pmm_online_section_nr, pmm_early_section_nr,
 *   pmm_pfn_in_present_section and pmm_page_to_section (classic), and
 *   memory hotplug at Linux's __add_pages granularity (sub-sections with
 *   VMEMMAP, sections otherwise; pmm_sparse_hotplug.h):
 *
 *	int pmm_add_pages(int nid, unsigned long start_pfn,
 *			  unsigned long nr_pages, struct pmm_vmem_altmap *altmap);
 *	int pmm_remove_pages(unsigned long start_pfn, unsigned long nr_pages,
 *			     struct pmm_vmem_altmap *altmap);
 *
 *   Both refuse a misaligned, overlapping (-EEXIST) or absent span and
 *   change nothing on any error.  With VMEMMAP, an altmap (struct
 *   pmm_vmem_altmap, Linux's fields) puts the new memmap in the new
 *   memory itself, as memmap_on_memory does; pmm_altmap_alloc_block_buf,
 *   pmm_vmem_altmap_offset and pmm_vmem_altmap_free are its arithmetic.
 *   Memory blocks and onlining (pmm_sparse_blocks.h):
 *
 *	int pmm_add_memory(int nid, unsigned long start_pfn,
 *			   unsigned long nr_pages);	(whole blocks, offline)
 *	int pmm_remove_memory(unsigned long start_pfn, unsigned long nr_pages);
 *	int pmm_online_pages(unsigned long start_pfn, unsigned long nr_pages,
 *			     int online_type);	(PMM_MMOP_ONLINE, _KERNEL,
 *						 _MOVABLE: a block's state)
 *	int pmm_offline_pages(unsigned long start_pfn, unsigned long nr_pages);
 *	int pmm_find_memory_block(unsigned long id, struct pmm_memory_block *mb);
 *	int pmm_memory_block_nodes(unsigned long id, unsigned long *nodes);
 *					(PMM_NODESET_LONGS: what sysfs links)
 *	int pmm_memory_block_valid_zones(const struct pmm_memory_block *mb,
 *					 char *buf, unsigned long size);
 *	int pmm_zone_span(int nid, int zone, unsigned long *start_pfn,
 *			  unsigned long *spanned_pages);
 *	struct pmm_page *pmm_pfn_to_online_page(unsigned long pfn);
 *
 *   Onlining chooses the zone as Linux 6.1 does (zone_for_pfn_range) and
 *   grows it; offlining a block at a zone's end shrinks the zone; a boot
 *   block in two nodes or zones has none and cannot go offline.
 *
 *   ZONE_DEVICE (VMEMMAP; pmm_sparse_device.h): device memory that gets
 *   descriptors but is never RAM and never online:
 *
 *	int pmm_memremap_pages(struct pmm_dev_pagemap *pgmap, int nid);
 *	int pmm_memunmap_pages(struct pmm_dev_pagemap *pgmap);
 *	struct pmm_dev_pagemap *pmm_get_dev_pagemap(unsigned long pfn);
 *	struct pmm_dev_pagemap *pmm_page_pgmap(const struct pmm_page *page);
 *	int pmm_is_zone_device_page(const struct pmm_page *page);
 *
 *   Deferred initialisation (PMM_DEFERRED_STRUCT_PAGE_INIT;
 *   pmm_sparse_deferred.h): pmm_init initialises each node's first
 *   section's worth, then
 *
 *	int pmm_deferred_init(unsigned int nr_threads);	(0: all CPUs)
 *
 *   initialises the rest on PMM_DEFERRED_RUN's workers.  Until it returns,
 *   the deferred descriptors are zero and hotplug returns -EBUSY.
 *
 *   DISCONTIGMEM adds pmm_node_start_pfn and pmm_node_spanned_pages.
 *
 *   Xen's models add the PDX conversions and Xen's setup, which may be
 *   asked of a map before pmm_init (it builds nothing):
 *
 *	unsigned long pmm_pfn_to_pdx(unsigned long pfn);
 *	unsigned long pmm_pdx_to_pfn(unsigned long pdx);
 *	int pmm_pdx_region_compressible(unsigned long pfn, unsigned long nr);
 *	int pmm_pdx_compression_setup(const struct pmm_range *ranges,
 *				      unsigned int nr, struct pmm_pdx *info);
 *	void pmm_pdx_info(struct pmm_pdx *info);
 *
 *   FreeBSD's models add
 *
 *	unsigned int pmm_vm_phys_segs(struct pmm_phys_seg *out, unsigned int max);
 *
 *   As in Linux, pmm_pfn_to_page and pmm_page_to_pfn take valid PFNs and
 *   pages only; check pmm_pfn_valid first.  With PMM_DEBUG they assert it.
 *
 * 7. ERRORS
 *
 *   pmm_init takes the memory map as memblock would hold it: RAM ranges
 *   with a node id, end exclusive, in any order.  It refuses, with
 *   nothing allocated and nothing changed:
 *	-EINVAL	no ranges, an empty or inverted range, overlapping ranges,
 *		a node id outside [0, MAX_NUMNODES), a map the model cannot
 *		represent (DISCONTIGMEM node spans that interleave under
 *		PMM_NID_BY_SEARCH, or two nodes in one chunk under
 *		PMM_NID_BY_TABLE)
 *	-ERANGE	a range beyond MAX_PHYSMEM_BITS, or (FLATMEM) below
 *		PMM_ARCH_PFN_OFFSET
 *	-EBUSY	already initialised, or (hosted) the address space at
 *		PMM_VMEMMAP_BASE is already in use
 *	-ENOMEM	a hook could not allocate (hosted: or PMM_HOSTED_LIMIT
 *		would be passed); everything taken is given back
 *
 * 8. DIFFERENCES FROM LINUX
 *
 *   Linux panics, or drops sections, when boot allocations fail; pmm
 *   unwinds and returns -ENOMEM.  Zones follow Linux 6.1 with the defaults
 *   Debian boots (memory_hotplug.online_policy "contig-zones", no
 *   movable_node, no kernelcore= or movablecore=): so no boot memory is
 *   in ZONE_MOVABLE, and there is no ZONE_HIGHMEM.  Pages in holes that
 *   have a descriptor are PMM_PG_RESERVED and get the node of the next
 *   range above them and the zone where it starts, or after the end of
 *   RAM the last range's node and the zone of its last page, as
 *   memmap_init and init_unavailable_range do in Linux 6.1 to 6.12.
 *   Hot-added memory's descriptors are initialised when added, in the
 *   zone of their address, and take their zone when onlined (Linux
 *   initialises them only then).  pmm is given RAM, not
 *   memblock's reserved ranges, so it cannot follow Linux 6.1 where a
 *   reserved range (the ACPI tables) lies beyond node 0's deferred-init
 *   start: 6.1 re-initialises those pages with the first online node
 *   (reserve_bootmem_region, init_reserved_page); since 6.5 their node
 *   comes from memblock's range, as pmm's holes (so does their zone).  A memory block whose
 *   sections span two nodes is linked to both in sysfs:
 *   pmm_memory_block_nodes gives that set, pmm_memory_block's nid is its
 *   first valid PFN's.  A failed hotplug request is
 *   undone whole (Linux leaves the chunks done).  EXTREME roots are freed
 *   once empty.  pmm_get_dev_pagemap takes no reference (no percpu_ref);
 *   memremap over another pagemap is -EEXIST (Linux: -ENOMEM, with a
 *   WARN, checked at the range's ends only).  Descriptors that outlive
 *   their pagemap (in a boot section's holes) become reserved holes again
 *   where Linux poisons them.  pmm never calls dev_pagemap_ops and keeps
 *   no page reference counts.  Deferral is per node, not per zone.
 *   pmm_offline_pages refuses only a block without a zone; Linux also
 *   refuses blocks with holes and memory it cannot migrate.  struct
 *   mem_section_usage has Linux's layout and size; what pmm keeps besides
 *   (which sub-sections are RAM or on an altmap, a section's block and
 *   zone) is a record of its own right after it, in the same allocation,
 *   counted in metadata_bytes but not in usemap_bytes.
 *
 *   Where Linux trusts its callers, pmm checks, and its errors are its
 *   own: __remove_pages returns nothing (and WARNs on a section already
 *   deactivated) where pmm_remove_pages returns -EINVAL for a span not
 *   valid or not added with the altmap given (known by its base_pfn, the
 *   first PFN of the add), and -EBUSY for ZONE_DEVICE memory or the PFNs
 *   an altmap span's memmap lives in.  A readers' lookup enters its
 *   read-side section before it reads the root (Linux after: its roots
 *   are never freed).  The memory map may be given in any order and is
 *   sorted in n log n (memblock_add inserts, n^2 for a map given
 *   backwards).  The taint a failed memremap set is taken back (Linux
 *   taints only once the memory is added).  As in Linux: memremap over
 *   System RAM (boot memory, pmm_add_memory's) is -ENXIO, over memory
 *   pmm_add_pages added -EEXIST (sparse_add_section); add_pages over
 *   anything valid is -EEXIST.
 *
 * 9. CONCURRENCY
 *
 *   Who may run while whom, for one instance (instances share nothing but
 *   the hosted allocator's byte count, which is atomic: different
 *   instances may be used from different threads at once):
 *
 *	pmm_init, pmm_exit		alone: no other call of the instance
 *					runs before init returns or after
 *					exit starts (Linux boots on one CPU)
 *	writers: pmm_add_pages,		one at a time: the caller serialises
 *	pmm_remove_pages,		them, as Linux's mem_hotplug_begin
 *	pmm_add_memory,			does; pmm takes no lock.  Until
 *	pmm_remove_memory,		pmm_deferred_init returns, the
 *	pmm_online_pages,		others return -EBUSY
 *	pmm_offline_pages,
 *	pmm_memremap_pages,
 *	pmm_memunmap_pages,
 *	pmm_deferred_init
 *	readers: pmm_pfn_valid,		any number, in any thread, while a
 *	pmm_pfn_to_online_page,		writer changes memory, even the
 *	pmm_get_dev_pagemap,		memory they ask about: each enters
 *	pmm_pfn_to_nid			its own read-side section
 *					(PMM_RCU_READ_LOCK), loads a pointer
 *					hotplug publishes once (no compiler
 *					may load it again), judges what it
 *					loaded; what it may still hold is
 *					freed only after PMM_SYNCHRONIZE_RCU
 *	section lookups:		as readers, but inside the caller's
 *	pmm_nr_to_section,		own read-side section (the hooks'
 *	pmm_present_section_nr, ...	rcu_read_lock_sched) when hot-remove
 *					may run, as Linux's callers do
 *	conversions: pmm_pfn_to_page,	no lock and no hook: the page must be
 *	pmm_page_to_pfn,		one the caller keeps from hot-remove
 *	pmm_page_to_nid,		(Linux's get_online_mems), e.g. what
 *	pmm_page_zonenum, ...		pmm_pfn_to_online_page returned while
 *					the block stays online
 *	state: pmm_stats,		the writers' side: they read what
 *	pmm_find_memory_block,		writers change without a read-side
 *	pmm_memory_block_nodes,		section, so call them where the
 *	pmm_memory_block_valid_zones,	caller's serialisation keeps writers
 *	pmm_zone_span			out
 *
 *   A descriptor's node and zone bits change only while its memory is
 *   offline (added, onlined into a zone): a reader that holds an online
 *   page never sees them change.  pmm_deferred_init's workers write
 *   disjoint sections; it returns after all of them.  tests/concurrency
 *   runs readers against hotplug under ThreadSanitizer, and an
 *   interleaving test stops a reader between its load and its use.
 */

/* Types and constants shared by every instance (guarded there). */
#include "pmm_types.h"

/* ---------------------------------------------------------------------
 * Instance part: read again for every #include.
 * ---------------------------------------------------------------------
 */

#if !PMM_FREESTANDING
#include "pmm_hosted.h"
#endif

/* --- naming ---------------------------------------------------------- */
/*
 * x is pasted where it is named, so that it is never macro-expanded: a
 * host's macros of the same names (Linux's pfn_to_page, page_to_pfn,
 * vmemmap, nr_node_ids) must not turn pmm_pfn_to_page into
 * pmm___pfn_to_page.  Only PMM_NAME is expanded.
 */
#ifdef PMM_NAME
#define PMM__FN(x)	PMM__PASTE4(pmm, _, PMM_NAME, _##x)
#define PMM__IN(x)	PMM__PASTE4(pmm_, _, PMM_NAME, _##x)
#define PMM__NAME_STR	PMM__STR(PMM_NAME)
#else
#define PMM__FN(x)	pmm_##x
#define PMM__IN(x)	pmm__##x
#define PMM__NAME_STR	""
#endif
#define PMM__STR2(x)	#x
#define PMM__STR(x)	PMM__STR2(x)

/* --- parameters and their rules -------------------------------------- */
#ifndef PMM_MODEL
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#endif
#if PMM_MODEL != PMM_MODEL_FLATMEM && PMM_MODEL != PMM_MODEL_DISCONTIGMEM && \
	PMM_MODEL != PMM_MODEL_SPARSEMEM && PMM_MODEL != PMM_MODEL_SPARSEMEM_VMEMMAP && \
	PMM_MODEL != PMM_MODEL_XEN_PDX_MASK && PMM_MODEL != PMM_MODEL_XEN_PDX_OFFSET && \
	PMM_MODEL != PMM_MODEL_FREEBSD_DENSE && PMM_MODEL != PMM_MODEL_FREEBSD_SPARSE
#error "PMM_MODEL must be PMM_MODEL_FLATMEM, PMM_MODEL_DISCONTIGMEM, PMM_MODEL_SPARSEMEM or PMM_MODEL_SPARSEMEM_VMEMMAP (Linux), PMM_MODEL_XEN_PDX_MASK or PMM_MODEL_XEN_PDX_OFFSET (Xen), PMM_MODEL_FREEBSD_DENSE or PMM_MODEL_FREEBSD_SPARSE (FreeBSD)"
#endif
#define PMM__SPARSE	(PMM_MODEL == PMM_MODEL_SPARSEMEM || \
			 PMM_MODEL == PMM_MODEL_SPARSEMEM_VMEMMAP)
#define PMM__VMEMMAP	(PMM_MODEL == PMM_MODEL_SPARSEMEM_VMEMMAP)
#define PMM__XEN	(PMM_MODEL == PMM_MODEL_XEN_PDX_MASK || \
			 PMM_MODEL == PMM_MODEL_XEN_PDX_OFFSET)
#define PMM__FREEBSD	(PMM_MODEL == PMM_MODEL_FREEBSD_DENSE || \
			 PMM_MODEL == PMM_MODEL_FREEBSD_SPARSE)

#ifndef PMM_PAGE_SHIFT
#define PMM_PAGE_SHIFT 12
#endif
#if PMM_PAGE_SHIFT < 12 || PMM_PAGE_SHIFT > 18
#error "PMM_PAGE_SHIFT must be between 12 (4 KiB) and 18 (256 KiB), as Linux's page sizes"
#endif

#ifndef PMM_MAX_PHYSMEM_BITS
#define PMM_MAX_PHYSMEM_BITS (PMM_BITS_PER_LONG == 64 ? 46 : 36)
#endif
#if PMM_MAX_PHYSMEM_BITS > 64
#error "PMM_MAX_PHYSMEM_BITS must be at most 64"
#endif
#if PMM_MAX_PHYSMEM_BITS <= PMM_PAGE_SHIFT
#error "PMM_MAX_PHYSMEM_BITS must exceed PMM_PAGE_SHIFT"
#endif
#if PMM_MAX_PHYSMEM_BITS - PMM_PAGE_SHIFT >= PMM_BITS_PER_LONG
#error "PMM_MAX_PHYSMEM_BITS - PMM_PAGE_SHIFT must be below BITS_PER_LONG: every PFN must fit in an unsigned long"
#endif

#ifndef PMM_NODES_SHIFT
#define PMM_NODES_SHIFT 6
#endif
#if PMM_NODES_SHIFT < 0 || PMM_NODES_SHIFT > 10
#error "PMM_NODES_SHIFT must be between 0 and 10, as Linux's CONFIG_NODES_SHIFT"
#endif

#ifndef PMM_MAX_PAGE_ORDER
#define PMM_MAX_PAGE_ORDER 10
#endif
#if PMM_MAX_PAGE_ORDER < 0 || PMM_MAX_PAGE_ORDER + PMM_PAGE_SHIFT > PMM_MAX_PHYSMEM_BITS
#error "PMM_MAX_PAGE_ORDER must be between 0 and PMM_MAX_PHYSMEM_BITS - PMM_PAGE_SHIFT"
#endif

#ifndef PMM_PAGEBLOCK_ORDER
#if PMM_PAGE_SHIFT - 3 < PMM_MAX_PAGE_ORDER
#define PMM_PAGEBLOCK_ORDER (PMM_PAGE_SHIFT - 3)
#else
#define PMM_PAGEBLOCK_ORDER PMM_MAX_PAGE_ORDER
#endif
#endif
#if PMM_PAGEBLOCK_ORDER < 0 || PMM_PAGEBLOCK_ORDER > PMM_MAX_PAGE_ORDER
#error "PMM_PAGEBLOCK_ORDER must be between 0 and PMM_MAX_PAGE_ORDER"
#endif

/*
 * The peers' descriptors are their own sizes: Xen's struct page_info is
 * 32 bytes (x86_64, arm32; 56 on arm64), FreeBSD 14's struct vm_page 104
 * on amd64 and arm64 (88 once main retired listq in 2025); neither is a
 * power of two on every architecture, and neither model needs one.
 */
#ifndef PMM_STRUCT_PAGE_SIZE
#if PMM__XEN
#define PMM_STRUCT_PAGE_SIZE 32
#elif PMM__FREEBSD
#define PMM_STRUCT_PAGE_SIZE 104
#else
#define PMM_STRUCT_PAGE_SIZE (8 * PMM_BYTES_PER_LONG)
#endif
#endif
#if PMM__XEN
#if PMM_STRUCT_PAGE_SIZE < 2 * PMM_BYTES_PER_LONG || PMM_STRUCT_PAGE_SIZE > 256 || \
	PMM_STRUCT_PAGE_SIZE % PMM_BYTES_PER_LONG
#error "PMM_STRUCT_PAGE_SIZE must be a multiple of sizeof(long) from 2 longs to 256 for Xen's models"
#endif
#elif PMM__FREEBSD
/* phys_addr (8 bytes), flags and segind, in a size 8-byte aligned on every host */
#if PMM_STRUCT_PAGE_SIZE < 24 || PMM_STRUCT_PAGE_SIZE > 256 || PMM_STRUCT_PAGE_SIZE % 8
#error "PMM_STRUCT_PAGE_SIZE must be a multiple of 8 from 24 to 256 for FreeBSD's models: the descriptor holds an 8-byte phys_addr, flags and segind"
#endif
#elif PMM_STRUCT_PAGE_SIZE < PMM_BYTES_PER_LONG || PMM_STRUCT_PAGE_SIZE > 256 || \
	(PMM_STRUCT_PAGE_SIZE & (PMM_STRUCT_PAGE_SIZE - 1))
#error "PMM_STRUCT_PAGE_SIZE must be a power of two from sizeof(long) to 256"
#endif

/*
 * Defaults after x86 [6.12]: x86_64 has about 23 page flags and five zones
 * (DMA, DMA32, NORMAL, MOVABLE, DEVICE); x86_32 has 20 flags (no
 * PG_hwpoison without MEMORY_FAILURE, no PG_young/PG_idle) and four zones
 * (DMA, NORMAL, HIGHMEM, MOVABLE).
 */
#ifndef PMM_NR_PAGEFLAGS
#define PMM_NR_PAGEFLAGS (PMM_BITS_PER_LONG == 64 ? 23 : 20)
#endif
#ifndef PMM_ZONES_SHIFT
#define PMM_ZONES_SHIFT (PMM_BITS_PER_LONG == 64 ? 3 : 2)
#endif
#if PMM_ZONES_SHIFT < 0 || PMM_ZONES_SHIFT > 3
#error "PMM_ZONES_SHIFT must be 0..3: at most 8 zones (page-flags-layout.h)"
#endif
/*
 * The zones boot memory falls into, by address, as x86's zone_sizes_init
 * [6.1] sets them: ZONE_DMA below MAX_DMA_PFN, ZONE_DMA32 below
 * MAX_DMA32_PFN, ZONE_NORMAL above.  0 leaves the zone out, as a kernel
 * built without CONFIG_ZONE_DMA or CONFIG_ZONE_DMA32 (x86_32 has no DMA32).
 */
#ifndef PMM_MAX_DMA_PFN
#define PMM_MAX_DMA_PFN (1UL << (24 - PMM_PAGE_SHIFT))
#endif
#ifndef PMM_MAX_DMA32_PFN
#define PMM_MAX_DMA32_PFN (PMM_BITS_PER_LONG == 64 ? 1UL << (32 - PMM_PAGE_SHIFT) : 0)
#endif
#if PMM_MAX_DMA_PFN < 0 || PMM_MAX_DMA32_PFN < 0 || \
	(PMM_MAX_DMA_PFN && PMM_MAX_DMA32_PFN && PMM_MAX_DMA32_PFN <= PMM_MAX_DMA_PFN)
#error "PMM_MAX_DMA32_PFN must lie above PMM_MAX_DMA_PFN (0 leaves a zone out)"
#endif
#ifndef PMM_RESERVED_FLAGS_BITS
#define PMM_RESERVED_FLAGS_BITS 0
#endif
#if PMM_NR_PAGEFLAGS < 1 || PMM_RESERVED_FLAGS_BITS < 0 || \
	PMM_NR_PAGEFLAGS + PMM_RESERVED_FLAGS_BITS > PMM_BITS_PER_LONG
#error "PMM_NR_PAGEFLAGS + PMM_RESERVED_FLAGS_BITS must fit in a long, with PMM_NR_PAGEFLAGS >= 1"
#endif

#ifndef PMM_KERNEL_NAMES
#define PMM_KERNEL_NAMES 0
#endif
#if PMM_KERNEL_NAMES != 0 && PMM_KERNEL_NAMES != 1
#error "PMM_KERNEL_NAMES must be 0 or 1"
#endif
#ifndef PMM_DEBUG
#define PMM_DEBUG 0
#endif
#if PMM_DEBUG != 0 && PMM_DEBUG != 1
#error "PMM_DEBUG must be 0 or 1"
#endif

#ifndef PMM_ARCH_PFN_OFFSET
#define PMM_ARCH_PFN_OFFSET 0
#endif
#if PMM_ARCH_PFN_OFFSET < 0 || \
	PMM_ARCH_PFN_OFFSET >= (1ULL << (PMM_MAX_PHYSMEM_BITS - PMM_PAGE_SHIFT))
#error "PMM_ARCH_PFN_OFFSET must be a PFN below 2^(PMM_MAX_PHYSMEM_BITS - PMM_PAGE_SHIFT)"
#endif

#if PMM__SPARSE
#ifndef PMM_SECTION_SIZE_BITS
#define PMM_SECTION_SIZE_BITS 27
#endif
#if PMM_SECTION_SIZE_BITS > PMM_MAX_PHYSMEM_BITS
#error "PMM_SECTION_SIZE_BITS must not exceed PMM_MAX_PHYSMEM_BITS"
#endif
/* include/linux/mmzone.h [6.12]: "Allocator MAX_PAGE_ORDER exceeds SECTION_SIZE" */
#if PMM_MAX_PAGE_ORDER + PMM_PAGE_SHIFT > PMM_SECTION_SIZE_BITS
#error "PMM_SECTION_SIZE_BITS must be at least PMM_MAX_PAGE_ORDER + PMM_PAGE_SHIFT: a buddy block may not span sections"
#endif
#ifndef PMM_SPARSEMEM_EXTREME
#define PMM_SPARSEMEM_EXTREME (PMM_BITS_PER_LONG == 64)
#endif
#if PMM_SPARSEMEM_EXTREME != 0 && PMM_SPARSEMEM_EXTREME != 1
#error "PMM_SPARSEMEM_EXTREME must be 0 or 1"
#endif
#ifndef PMM_PAGE_EXTENSION
#define PMM_PAGE_EXTENSION 0
#endif
#if PMM_PAGE_EXTENSION != 0 && PMM_PAGE_EXTENSION != 1
#error "PMM_PAGE_EXTENSION must be 0 or 1"
#endif
#else
#ifdef PMM_SECTION_SIZE_BITS
#error "PMM_SECTION_SIZE_BITS applies to SPARSEMEM models only"
#endif
#ifdef PMM_SPARSEMEM_EXTREME
#error "PMM_SPARSEMEM_EXTREME applies to SPARSEMEM models only"
#endif
#ifdef PMM_PAGE_EXTENSION
#error "PMM_PAGE_EXTENSION applies to SPARSEMEM models only"
#endif
#define PMM_SECTION_SIZE_BITS 0
#define PMM_SPARSEMEM_EXTREME 0
#define PMM_PAGE_EXTENSION 0
#endif

#if PMM__SPARSE
#ifndef PMM_MEMORY_BLOCK_SIZE_BITS
#define PMM_MEMORY_BLOCK_SIZE_BITS PMM_SECTION_SIZE_BITS
#endif
/* drivers/base/memory.c memory_dev_init: a power of two, at least a section */
#if PMM_MEMORY_BLOCK_SIZE_BITS < PMM_SECTION_SIZE_BITS || \
	PMM_MEMORY_BLOCK_SIZE_BITS > PMM_MAX_PHYSMEM_BITS
#error "PMM_MEMORY_BLOCK_SIZE_BITS must be between PMM_SECTION_SIZE_BITS and PMM_MAX_PHYSMEM_BITS"
#endif
#define PMM__PARAM_MEMORY_BLOCK_SIZE_BITS PMM_MEMORY_BLOCK_SIZE_BITS
#elif defined(PMM_MEMORY_BLOCK_SIZE_BITS)
#error "PMM_MEMORY_BLOCK_SIZE_BITS applies to SPARSEMEM models only"
#else
#define PMM__PARAM_MEMORY_BLOCK_SIZE_BITS 0
#endif

#if PMM__VMEMMAP
#ifndef PMM_SUBSECTION_SHIFT
#define PMM_SUBSECTION_SHIFT 21
#endif
#if PMM_SUBSECTION_SHIFT < PMM_PAGE_SHIFT || PMM_SUBSECTION_SHIFT > PMM_SECTION_SIZE_BITS
#error "PMM_SUBSECTION_SHIFT must be between PMM_PAGE_SHIFT and PMM_SECTION_SIZE_BITS"
#endif
#define PMM__PARAM_SUBSECTION_SHIFT PMM_SUBSECTION_SHIFT
#elif defined(PMM_SUBSECTION_SHIFT)
#error "PMM_SUBSECTION_SHIFT applies to PMM_MODEL_SPARSEMEM_VMEMMAP only"
#else
#define PMM__PARAM_SUBSECTION_SHIFT 0
#endif

/* mm/Kconfig: DEFERRED_STRUCT_PAGE_INIT depends on SPARSEMEM */
#ifndef PMM_DEFERRED_STRUCT_PAGE_INIT
#define PMM_DEFERRED_STRUCT_PAGE_INIT 0
#endif
#if PMM_DEFERRED_STRUCT_PAGE_INIT != 0 && PMM_DEFERRED_STRUCT_PAGE_INIT != 1
#error "PMM_DEFERRED_STRUCT_PAGE_INIT must be 0 or 1"
#endif
#if PMM_DEFERRED_STRUCT_PAGE_INIT && !PMM__SPARSE
#error "PMM_DEFERRED_STRUCT_PAGE_INIT applies to SPARSEMEM models only (mm/Kconfig: depends on SPARSEMEM)"
#endif

#if PMM_MODEL == PMM_MODEL_DISCONTIGMEM
#ifndef PMM_DISCONTIG_NID
#define PMM_DISCONTIG_NID PMM_NID_BY_SEARCH
#endif
#if PMM_DISCONTIG_NID != PMM_NID_BY_SEARCH && PMM_DISCONTIG_NID != PMM_NID_BY_TABLE
#error "PMM_DISCONTIG_NID must be PMM_NID_BY_SEARCH or PMM_NID_BY_TABLE"
#endif
#ifndef PMM_DISCONTIG_CHUNK_SHIFT
#define PMM_DISCONTIG_CHUNK_SHIFT 26
#endif
/* the span search has no chunks: the chunk rules bind the table only */
#if PMM_DISCONTIG_NID == PMM_NID_BY_TABLE
#if PMM_DISCONTIG_CHUNK_SHIFT < PMM_PAGE_SHIFT || \
	PMM_DISCONTIG_CHUNK_SHIFT > PMM_MAX_PHYSMEM_BITS
#error "PMM_DISCONTIG_CHUNK_SHIFT must be between PMM_PAGE_SHIFT and PMM_MAX_PHYSMEM_BITS"
#endif
#if PMM_MAX_PHYSMEM_BITS - PMM_DISCONTIG_CHUNK_SHIFT > 24
#error "PMM_DISCONTIG_CHUNK_SHIFT too small for PMM_MAX_PHYSMEM_BITS: the chunk table would exceed 2^24 entries"
#endif
#endif
#else
#if defined(PMM_DISCONTIG_NID) || defined(PMM_DISCONTIG_CHUNK_SHIFT)
#error "PMM_DISCONTIG_NID and PMM_DISCONTIG_CHUNK_SHIFT apply to PMM_MODEL_DISCONTIGMEM only"
#endif
#define PMM_DISCONTIG_NID 0
#define PMM_DISCONTIG_CHUNK_SHIFT 0
#endif

/* Xen's PDX models (pmm_xen_pdx.h): xen/common/Kconfig, Xen 2026 */
#if PMM__XEN
#ifndef PMM_PDX_MAX_ORDER
#define PMM_PDX_MAX_ORDER 18	/* x86 and Arm: CONFIG_PAGEALLOC_MAX_ORDER */
#endif
#if PMM_PDX_MAX_ORDER < 1 || PMM_PDX_MAX_ORDER >= PMM_MAX_PHYSMEM_BITS - PMM_PAGE_SHIFT
#error "PMM_PDX_MAX_ORDER must be between 1 and PMM_MAX_PHYSMEM_BITS - PMM_PAGE_SHIFT - 1: the PFN bits Xen's buddy allocator keeps uncompressed"
#endif
#ifndef PMM_PDX_GROUP_SHIFT
#define PMM_PDX_GROUP_SHIFT 21	/* a 2 MiB page of frame table (L2_PAGETABLE_SHIFT) */
#endif
#if PMM_PDX_GROUP_SHIFT < PMM_PAGE_SHIFT || PMM_PDX_GROUP_SHIFT > PMM_MAX_PHYSMEM_BITS
#error "PMM_PDX_GROUP_SHIFT must be between PMM_PAGE_SHIFT and PMM_MAX_PHYSMEM_BITS: a PDX group is whole pages of frame table"
#endif
#ifndef PMM_PDX_OFFSET_TBL_ORDER
#define PMM_PDX_OFFSET_TBL_ORDER 6
#endif
#if PMM_PDX_OFFSET_TBL_ORDER < 0 || PMM_PDX_OFFSET_TBL_ORDER > 9
#error "PMM_PDX_OFFSET_TBL_ORDER must be between 0 and 9, as Xen's CONFIG_PDX_OFFSET_TBL_ORDER"
#endif
#if PMM_MODEL != PMM_MODEL_XEN_PDX_OFFSET && PMM_PDX_OFFSET_TBL_ORDER != 6
#error "PMM_PDX_OFFSET_TBL_ORDER applies to PMM_MODEL_XEN_PDX_OFFSET only"
#endif
#ifndef PMM_PDX_MAX_RANGES
#define PMM_PDX_MAX_RANGES 1024	/* x86: E820MAX; Arm: NR_MEM_BANKS, 256 */
#endif
#if PMM_PDX_MAX_RANGES < 1
#error "PMM_PDX_MAX_RANGES must be at least 1"
#endif
/* memnodemap holds nodeid_t, a uint8_t, with 0xff for no node */
#if PMM_NODES_SHIFT > 7
#error "PMM_NODES_SHIFT must be at most 7 for Xen's models: memnodemap holds a uint8_t nodeid_t, 0xff meaning no node"
#endif
#else
#if defined(PMM_PDX_MAX_ORDER) || defined(PMM_PDX_GROUP_SHIFT) || \
	defined(PMM_PDX_OFFSET_TBL_ORDER) || defined(PMM_PDX_MAX_RANGES)
#error "PMM_PDX_MAX_ORDER, PMM_PDX_GROUP_SHIFT, PMM_PDX_OFFSET_TBL_ORDER and PMM_PDX_MAX_RANGES apply to Xen's models only"
#endif
#define PMM_PDX_MAX_ORDER 0
#define PMM_PDX_GROUP_SHIFT 0
#define PMM_PDX_OFFSET_TBL_ORDER 0
#define PMM_PDX_MAX_RANGES 0
#endif

/* FreeBSD's models (pmm_freebsd.h): sys/<arch>/include/vmparam.h */
#if PMM__FREEBSD
#ifndef PMM_VM_PHYSSEG_MAX
/* arm64 and riscv 64, amd64 63; i386 17 */
#define PMM_VM_PHYSSEG_MAX (PMM_BITS_PER_LONG == 64 ? 64 : 17)
#endif
/* vmd_segs is a bit per segment in a long; segind an int8_t */
#if PMM_VM_PHYSSEG_MAX < 1 || PMM_VM_PHYSSEG_MAX > PMM_BITS_PER_LONG
#error "PMM_VM_PHYSSEG_MAX must be between 1 and BITS_PER_LONG: FreeBSD keeps a domain's segments as bits of a long"
#endif
/* free-list boundaries in bytes, 0 for none: amd64 16 MiB and 4 GiB, arm64 4 GiB, riscv none */
#ifndef PMM_VM_LOWMEM_BOUNDARY
#define PMM_VM_LOWMEM_BOUNDARY (PMM_MODEL == PMM_MODEL_FREEBSD_DENSE ? 0x1000000ULL : 0ULL)
#endif
#ifndef PMM_VM_DMA32_BOUNDARY
#define PMM_VM_DMA32_BOUNDARY 0x100000000ULL
#endif
#ifndef PMM_VM_DMA32_NPAGES_THRESHOLD
#define PMM_VM_DMA32_NPAGES_THRESHOLD (PMM_MODEL == PMM_MODEL_FREEBSD_DENSE ? 16777216ULL : 0ULL)
#endif
#if PMM_VM_LOWMEM_BOUNDARY && PMM_VM_DMA32_BOUNDARY && \
	PMM_VM_LOWMEM_BOUNDARY >= PMM_VM_DMA32_BOUNDARY
#error "PMM_VM_LOWMEM_BOUNDARY must lie below PMM_VM_DMA32_BOUNDARY (0 leaves a list out)"
#endif
#if (PMM_VM_LOWMEM_BOUNDARY | PMM_VM_DMA32_BOUNDARY) % (1 << PMM_PAGE_SHIFT)
#error "PMM_VM_LOWMEM_BOUNDARY and PMM_VM_DMA32_BOUNDARY must be page aligned"
#endif
#ifdef PMM_PAGE_TYPE
#error "PMM_PAGE_TYPE does not apply to FreeBSD's models: their descriptor keeps phys_addr and segind"
#endif
#else
#if defined(PMM_VM_PHYSSEG_MAX) || defined(PMM_VM_LOWMEM_BOUNDARY) || \
	defined(PMM_VM_DMA32_BOUNDARY) || defined(PMM_VM_DMA32_NPAGES_THRESHOLD)
#error "PMM_VM_PHYSSEG_MAX, PMM_VM_LOWMEM_BOUNDARY, PMM_VM_DMA32_BOUNDARY and PMM_VM_DMA32_NPAGES_THRESHOLD apply to FreeBSD's models only"
#endif
#define PMM_VM_PHYSSEG_MAX 0
#define PMM_VM_LOWMEM_BOUNDARY 0ULL
#define PMM_VM_DMA32_BOUNDARY 0ULL
#define PMM_VM_DMA32_NPAGES_THRESHOLD 0ULL
#endif

#ifdef PMM_VMEMMAP_BASE
#if !PMM__VMEMMAP
#error "PMM_VMEMMAP_BASE applies to PMM_MODEL_SPARSEMEM_VMEMMAP only"
#endif
/*
 * #if reads a name it does not know as 0, so a variable (x86 spells its
 * base vmemmap_base) is checked here as address 0; and 0 itself would make
 * pfn_to_page(0) NULL.  A variable inside an expression is caught below.
 */
#if (PMM_VMEMMAP_BASE) == 0
#error "PMM_VMEMMAP_BASE must be a nonzero integer constant: 0 makes pfn_to_page(0) NULL, and a variable (such as x86's vmemmap_base) reads as 0 in #if; leave it undefined for a base chosen at run time"
#endif
#if (PMM_VMEMMAP_BASE) % (1 << PMM_PAGE_SHIFT)
#error "PMM_VMEMMAP_BASE must be an integer constant aligned to the page size"
#endif
#define PMM__VMEMMAP_BASE_CONST 1
#else
#define PMM__VMEMMAP_BASE_CONST 0
#endif

/*
 * Every parameter is an integer constant.  #if reads a name it does not
 * know as 0, so a variable (arm64 spells ARCH_PFN_OFFSET as one, x86 its
 * vmemmap base) passes the rules above as 0 and then builds into code
 * that reads it; the compiler knows better than the preprocessor.
 */
#define PMM__CONSTANT(param) \
	PMM__STATIC_ASSERT(PMM__IN(param##_must_be_an_integer_constant), \
			   __builtin_constant_p(param))
PMM__CONSTANT(PMM_PAGE_SHIFT);
PMM__CONSTANT(PMM_MAX_PHYSMEM_BITS);
PMM__CONSTANT(PMM_NODES_SHIFT);
PMM__CONSTANT(PMM_MAX_PAGE_ORDER);
PMM__CONSTANT(PMM_PAGEBLOCK_ORDER);
PMM__CONSTANT(PMM_STRUCT_PAGE_SIZE);
PMM__CONSTANT(PMM_NR_PAGEFLAGS);
PMM__CONSTANT(PMM_ZONES_SHIFT);
PMM__CONSTANT(PMM_MAX_DMA_PFN);
PMM__CONSTANT(PMM_MAX_DMA32_PFN);
PMM__CONSTANT(PMM_RESERVED_FLAGS_BITS);
PMM__CONSTANT(PMM_KERNEL_NAMES);
PMM__CONSTANT(PMM_DEBUG);
PMM__CONSTANT(PMM_ARCH_PFN_OFFSET);
PMM__CONSTANT(PMM_SECTION_SIZE_BITS);
PMM__CONSTANT(PMM_SPARSEMEM_EXTREME);
PMM__CONSTANT(PMM_PAGE_EXTENSION);
#if PMM__SPARSE
PMM__CONSTANT(PMM_MEMORY_BLOCK_SIZE_BITS);
#endif
#if PMM__VMEMMAP
PMM__CONSTANT(PMM_SUBSECTION_SHIFT);
#endif
PMM__CONSTANT(PMM_DEFERRED_STRUCT_PAGE_INIT);
PMM__CONSTANT(PMM_DISCONTIG_NID);
PMM__CONSTANT(PMM_DISCONTIG_CHUNK_SHIFT);
PMM__CONSTANT(PMM_PDX_MAX_ORDER);
PMM__CONSTANT(PMM_PDX_GROUP_SHIFT);
PMM__CONSTANT(PMM_PDX_OFFSET_TBL_ORDER);
PMM__CONSTANT(PMM_PDX_MAX_RANGES);
PMM__CONSTANT(PMM_VM_PHYSSEG_MAX);
#if PMM__VMEMMAP_BASE_CONST
PMM__CONSTANT(PMM_VMEMMAP_BASE);
#endif
#undef PMM__CONSTANT

/* --- hooks ----------------------------------------------------------- */
#if defined(PMM_ALLOC) != defined(PMM_FREE)
#error "PMM_ALLOC and PMM_FREE: define both or neither"
#endif
#if !defined(PMM_VMEMMAP_POPULATE) != !defined(PMM_VMEMMAP_DEPOPULATE)
#error "PMM_VMEMMAP_POPULATE and PMM_VMEMMAP_DEPOPULATE: define both or neither"
#endif
#if !defined(PMM_VMEMMAP_RESERVE) != !defined(PMM_VMEMMAP_UNRESERVE)
#error "PMM_VMEMMAP_RESERVE and PMM_VMEMMAP_UNRESERVE: define both or neither"
#endif
#if !defined(PMM_RCU_READ_LOCK) != !defined(PMM_RCU_READ_UNLOCK) || \
	!defined(PMM_RCU_READ_LOCK) != !defined(PMM_SYNCHRONIZE_RCU)
#error "PMM_RCU_READ_LOCK, PMM_RCU_READ_UNLOCK and PMM_SYNCHRONIZE_RCU: define all three or none"
#endif
#if defined(PMM_VMEMMAP_POPULATE_FROM) && !PMM__VMEMMAP
#error "PMM_VMEMMAP_POPULATE_FROM applies to PMM_MODEL_SPARSEMEM_VMEMMAP only"
#endif
/* what it backs, PMM_VMEMMAP_DEPOPULATE frees: the host's, not the defaults */
#if defined(PMM_VMEMMAP_POPULATE_FROM) && !defined(PMM_VMEMMAP_DEPOPULATE)
#error "PMM_VMEMMAP_POPULATE_FROM needs PMM_VMEMMAP_POPULATE and PMM_VMEMMAP_DEPOPULATE of the host's own: DEPOPULATE frees what it backs"
#endif
#if PMM_FREESTANDING
#ifndef PMM_ALLOC
#error "PMM_ALLOC and PMM_FREE are required with PMM_FREESTANDING"
#endif
#if PMM__VMEMMAP && !defined(PMM_VMEMMAP_POPULATE)
#error "PMM_VMEMMAP_POPULATE and PMM_VMEMMAP_DEPOPULATE are required for a freestanding SPARSEMEM_VMEMMAP"
#endif
#if PMM__VMEMMAP && !PMM__VMEMMAP_BASE_CONST && !defined(PMM_VMEMMAP_RESERVE)
#error "a freestanding SPARSEMEM_VMEMMAP needs PMM_VMEMMAP_BASE or PMM_VMEMMAP_RESERVE/UNRESERVE"
#endif
/* Xen's frame table is virtual, backed group by group, as the vmemmap is */
#if PMM__XEN && (!defined(PMM_VMEMMAP_RESERVE) || !defined(PMM_VMEMMAP_POPULATE))
#error "a freestanding Xen PDX model needs PMM_VMEMMAP_RESERVE/UNRESERVE and PMM_VMEMMAP_POPULATE/DEPOPULATE for its frame table"
#endif
#ifndef PMM_BUG_ON
#define PMM_BUG_ON(cond) do { if (cond) __builtin_trap(); } while (0)
#endif
#ifndef PMM_RCU_READ_LOCK
#define PMM_RCU_READ_LOCK()	__asm__ __volatile__("" ::: "memory")
#define PMM_RCU_READ_UNLOCK()	__asm__ __volatile__("" ::: "memory")
#define PMM_SYNCHRONIZE_RCU()	__asm__ __volatile__("" ::: "memory")
#endif
#ifndef PMM_DEFERRED_RUN
#define PMM_DEFERRED_RUN(fn, arg, nr_threads)	((void)(nr_threads), (fn)(arg))
#endif
#else
#ifndef PMM_ALLOC
#define PMM_ALLOC(bytes, align, nid)	pmm_hosted_alloc((bytes), (align), (nid))
#define PMM_FREE(ptr, bytes)		pmm_hosted_free((ptr), (bytes))
#endif
#ifndef PMM_VMEMMAP_RESERVE
#define PMM_VMEMMAP_RESERVE(bytes)		pmm_hosted_reserve((bytes))
#define PMM_VMEMMAP_UNRESERVE(addr, bytes)	pmm_hosted_unreserve((addr), (bytes))
#endif
#ifndef PMM_VMEMMAP_POPULATE
#define PMM_VMEMMAP_POPULATE(addr, bytes, nid)	pmm_hosted_populate((addr), (bytes), (nid))
#define PMM_VMEMMAP_DEPOPULATE(addr, bytes)	pmm_hosted_depopulate((addr), (bytes))
#endif
#ifndef PMM_BUG_ON
#define PMM_BUG_ON(cond) \
	do { if (cond) pmm_hosted_bug(#cond, __FILE__, __LINE__); } while (0)
#endif
#ifndef PMM_VMEMMAP_POPULATE_FROM
/*
 * No physical memory to map in userspace: the populate hook's memory
 * stands in, the host's own if it brought one, so that what
 * PMM_VMEMMAP_DEPOPULATE is later asked to free is what it backed.
 */
#define PMM_VMEMMAP_POPULATE_FROM(addr, bytes, pfn) \
	((void)(pfn), PMM_VMEMMAP_POPULATE((addr), (bytes), -1))
#endif
#ifndef PMM_RCU_READ_LOCK
#define PMM_RCU_READ_LOCK()	pmm_hosted_rcu_read_lock()
#define PMM_RCU_READ_UNLOCK()	pmm_hosted_rcu_read_unlock()
#define PMM_SYNCHRONIZE_RCU()	pmm_hosted_synchronize_rcu()
#endif
#ifndef PMM_DEFERRED_RUN
#define PMM_DEFERRED_RUN(fn, arg, nr_threads)	pmm_hosted_run((fn), (arg), (nr_threads))
#endif
#endif
/*
 * A test's way into the read side: called where a reader has loaded what
 * hotplug may change (an EXTREME root, a section_mem_map) and has not yet
 * used it, inside its read-side critical section, so that a test can run
 * the writer there and make an interleaving happen every time.
 */
#ifndef PMM_TEST_READ_POINT
#define PMM_TEST_READ_POINT()	do { } while (0)
#endif

/* --- derived constants ----------------------------------------------- */
#define PMM__PAGE_SIZE		(1UL << PMM_PAGE_SHIFT)
#define PMM__MAX_PFN		(1ULL << (PMM_MAX_PHYSMEM_BITS - PMM_PAGE_SHIFT))
#define PMM__MAX_NUMNODES	(1 << PMM_NODES_SHIFT)
#define PMM__MAX_ORDER_NR_PAGES	(1UL << PMM_MAX_PAGE_ORDER)
#define PMM__NR_PAGEBLOCK_BITS	4
#define PMM__ALIGN_DOWN(x, a)	((x) & ~((a) - 1))
/*
 * VM_BUG_ON: PMM_BUG_ON with PMM_DEBUG; otherwise the condition is only
 * type-checked, never evaluated (BUILD_BUG_ON_INVALID).
 */
#if PMM_DEBUG
#define PMM__DEBUG_ON(cond)	PMM_BUG_ON(cond)
#else
#define PMM__DEBUG_ON(cond)	((void)sizeof(!(cond)))
#endif
/*
 * Marked accesses to what hotplug changes under readers, as Linux marks
 * them: WRITE_ONCE is a volatile word store (one plain store the compiler
 * may neither tear nor repeat), rcu_assign_pointer a release store.
 * PMM__LOAD_ONCE, what a reader loads once and then
 * judges (rcu_dereference, PMM__DEREF), is one plain word load whose
 * value an empty asm then claims to change (Linux's OPTIMIZER_HIDE_VAR):
 * no compiler may load it again, and unlike a volatile load, which gcc
 * keeps out of addressing modes and compare-with-memory forms, it costs
 * no instruction beyond Linux's unmarked one.  Under ThreadSanitizer
 * the same accesses are spelled as relaxed (consume) atomics, which is
 * how Linux's own race detector, KCSAN, treats marked accesses; the
 * instructions are the same.  (Plain __atomic loads would cost GCC its
 * addressing modes on the hot paths.)  PMM__RACY is a word Linux reads
 * unmarked although hotplug may write it (mem_section[root],
 * section_mem_map, the sub-section bits): an unmarked load here too, so
 * that the conversions compile to Linux's instructions, and a relaxed
 * atomic under ThreadSanitizer (PMM__RACY_PTR, for a published
 * pointer, a consume load there, so the tool sees the publication).
 */
#if PMM__TSAN
#define PMM__RACY(x)		__atomic_load_n(&(x), __ATOMIC_RELAXED)
#define PMM__RACY_PTR(p)	__atomic_load_n(&(p), __ATOMIC_CONSUME)
#define PMM__WRITE_ONCE(x, v)	__atomic_store_n(&(x), (v), __ATOMIC_RELAXED)
#define PMM__DEREF(p)		__atomic_load_n(&(p), __ATOMIC_CONSUME)
#define PMM__LOAD_ONCE(x)	__atomic_load_n(&(x), __ATOMIC_RELAXED)
#else
#define PMM__RACY(x)		(x)
#define PMM__RACY_PTR(p)	(p)
#define PMM__WRITE_ONCE(x, v)	(*(volatile __typeof__(x) *)&(x) = (v))
#define PMM__LOAD_ONCE(x)						\
	__extension__ ({ __typeof__((x) + 0) pmm__once = (x);		\
		__asm__("" : "+r"(pmm__once)); pmm__once; })
#define PMM__DEREF(p)		PMM__LOAD_ONCE(p)
#endif
#define PMM__PUBLISH(p, v)	__atomic_store_n(&(p), (v), __ATOMIC_RELEASE)
#define PMM__ALIGN_UP(x, a)	(((x) + (a) - 1) & ~((a) - 1))
#define PMM__SMP_CACHE_BYTES	64

/*
 * page->flags layout, as include/linux/page-flags-layout.h [6.12] computes
 * it, from the high bits down:
 *
 *	classic sparse:        | SECTION | NODE | ZONE | reserved ... | FLAGS |
 *	classic, no node room: | SECTION | ZONE | reserved ...        | FLAGS |
 *	other models:          | NODE | ZONE | reserved ...           | FLAGS |
 *
 * "reserved" stands for LAST_CPUPID, KASAN tag and LRU fields pmm does not
 * model (PMM_RESERVED_FLAGS_BITS).
 */
#if PMM_MODEL == PMM_MODEL_SPARSEMEM
#define PMM__SECTIONS_WIDTH	(PMM_MAX_PHYSMEM_BITS - PMM_SECTION_SIZE_BITS)
#else
#define PMM__SECTIONS_WIDTH	0
#endif
#define PMM__FLAGS_BUDGET	(PMM_BITS_PER_LONG - PMM_NR_PAGEFLAGS - PMM_RESERVED_FLAGS_BITS)

#if PMM__SECTIONS_WIDTH + PMM_ZONES_SHIFT > PMM__FLAGS_BUDGET
#error "Not enough bits in page flags: PMM_MAX_PHYSMEM_BITS - PMM_SECTION_SIZE_BITS (SECTIONS_WIDTH) + PMM_ZONES_SHIFT must fit in BITS_PER_LONG - PMM_NR_PAGEFLAGS - PMM_RESERVED_FLAGS_BITS"
#endif
#if PMM__SECTIONS_WIDTH + PMM_ZONES_SHIFT + PMM_NODES_SHIFT <= PMM__FLAGS_BUDGET
#define PMM__NODES_WIDTH	PMM_NODES_SHIFT
#define PMM__NODE_NOT_IN_PAGE_FLAGS 0
#elif PMM_MODEL == PMM_MODEL_SPARSEMEM
#define PMM__NODES_WIDTH	0
#define PMM__NODE_NOT_IN_PAGE_FLAGS (PMM_NODES_SHIFT != 0)
#elif PMM__XEN || PMM__FREEBSD
/* the peers find the node elsewhere (memnodemap, the segment) */
#define PMM__NODES_WIDTH	0
#define PMM__NODE_NOT_IN_PAGE_FLAGS 0
#elif PMM__VMEMMAP
#error "Vmemmap: No space for nodes field in page flags: PMM_NODES_SHIFT + PMM_ZONES_SHIFT must fit in BITS_PER_LONG - PMM_NR_PAGEFLAGS - PMM_RESERVED_FLAGS_BITS"
#else
#error "No space for nodes field in page flags: FLATMEM and DISCONTIGMEM keep the node in page->flags, so PMM_NODES_SHIFT + PMM_ZONES_SHIFT must fit in BITS_PER_LONG - PMM_NR_PAGEFLAGS - PMM_RESERVED_FLAGS_BITS"
#endif

#define PMM__SECTIONS_PGOFF	(PMM_BITS_PER_LONG - PMM__SECTIONS_WIDTH)
#define PMM__NODES_PGOFF	(PMM__SECTIONS_PGOFF - PMM__NODES_WIDTH)
#define PMM__ZONES_PGOFF	(PMM__NODES_PGOFF - PMM_ZONES_SHIFT)
#define PMM__SECTIONS_PGSHIFT	(PMM__SECTIONS_PGOFF * (PMM__SECTIONS_WIDTH != 0))
#define PMM__NODES_PGSHIFT	(PMM__NODES_PGOFF * (PMM__NODES_WIDTH != 0))
#define PMM__ZONES_PGSHIFT	(PMM__ZONES_PGOFF * (PMM_ZONES_SHIFT != 0))
#define PMM__SECTIONS_MASK	((1UL << PMM__SECTIONS_WIDTH) - 1)
#define PMM__NODES_MASK		((1UL << PMM__NODES_WIDTH) - 1)
#define PMM__ZONES_MASK		((1UL << PMM_ZONES_SHIFT) - 1)

/*
 * Zone numbers, as enum zone_type [6.1] numbers the zones a kernel is
 * built with: DMA, DMA32, NORMAL, MOVABLE, then DEVICE (VMEMMAP only:
 * CONFIG_ZONE_DEVICE needs SPARSEMEM_VMEMMAP).  A zone left out takes no
 * number.  There is no HIGHMEM: pmm maps all memory, as 64-bit kernels do.
 */
#define PMM__ZONE_DMA		0
#define PMM__ZONE_DMA32		(PMM_MAX_DMA_PFN != 0)
#define PMM__ZONE_NORMAL	(PMM__ZONE_DMA32 + (PMM_MAX_DMA32_PFN != 0))
#define PMM__ZONE_MOVABLE	(PMM__ZONE_NORMAL + 1)
#define PMM__ZONE_DEVICE	(PMM__ZONE_MOVABLE + 1)
#define PMM__MAX_NR_ZONES	(PMM__ZONE_DEVICE + PMM__VMEMMAP)
#if PMM_ZONES_SHIFT && PMM__MAX_NR_ZONES > (1 << PMM_ZONES_SHIFT)
#error "PMM_ZONES_SHIFT too small: the zones (DMA unless PMM_MAX_DMA_PFN is 0, DMA32 unless PMM_MAX_DMA32_PFN is 0, Normal, Movable, and Device with VMEMMAP) must number at most 1 << PMM_ZONES_SHIFT"
#endif

/* --- the page descriptor --------------------------------------------- */
#ifdef PMM_PAGE_TYPE
#ifndef PMM_PAGE_FLAGS
#error "PMM_PAGE_TYPE needs PMM_PAGE_FLAGS(page), the lvalue of its flags word"
#endif
#define PMM__PAGE		PMM_PAGE_TYPE
#define PMM__FLAGS(page)	PMM_PAGE_FLAGS(page)
#ifdef PMM_PAGE_PGMAP
#define PMM__PGMAP(page)	PMM_PAGE_PGMAP(page)
#endif
/* the size rules and the vmemmap arithmetic are stated in PMM_STRUCT_PAGE_SIZE */
PMM__STATIC_ASSERT(PMM__IN(PMM_STRUCT_PAGE_SIZE_must_equal_sizeof_PMM_PAGE_TYPE),
		   sizeof(PMM_PAGE_TYPE) == PMM_STRUCT_PAGE_SIZE);
/* the section, node and zone fields sit in the top bits of a long */
PMM__STATIC_ASSERT(PMM__IN(PMM_PAGE_FLAGS_must_be_an_unsigned_long),
		   sizeof(PMM_PAGE_FLAGS((PMM_PAGE_TYPE *)0)) == sizeof(unsigned long) &&
		   (__typeof__(PMM_PAGE_FLAGS((PMM_PAGE_TYPE *)0)))-1 > 0);
#ifdef PMM_PAGE_PGMAP
/* pmm stores a pagemap pointer there */
PMM__STATIC_ASSERT(PMM__IN(PMM_PAGE_PGMAP_must_be_a_pointer_wide_lvalue),
		   sizeof(PMM_PAGE_PGMAP((PMM_PAGE_TYPE *)0)) == sizeof(void *));
#endif
#else
#ifdef PMM_PAGE_FLAGS
#error "PMM_PAGE_FLAGS applies with PMM_PAGE_TYPE only"
#endif
#ifdef PMM_PAGE_PGMAP
#error "PMM_PAGE_PGMAP applies with PMM_PAGE_TYPE only"
#endif
#define PMM__PAGE		struct PMM__FN(page)
#define PMM__FLAGS(page)	((page)->flags)
/**
 * struct pmm_page - the page descriptor (Linux's struct page)
 * @flags: page flags, with the node, zone and (classic SPARSEMEM) section
 *	numbers in the high bits
 * @pgmap: a ZONE_DEVICE page's pagemap (VMEMMAP, when the descriptor has
 *	room: the word after flags, where Linux's union puts it)
 * @phys_addr: FreeBSD's models: the page's physical address, which
 *	page_to_pfn reads (VM_PAGE_TO_PHYS)
 * @segind: FreeBSD's models: the index of the page's segment, which
 *	page_to_nid reads; -1 for a dense hole
 * @pmm__pad: the rest, up to PMM_STRUCT_PAGE_SIZE, for the host's own use
 *	(absent when the words before fill the descriptor)
 */
PMM__PAGE {
#if PMM__FREEBSD
	/* the 8-byte field first: then no host pads between flags and it */
	unsigned long long phys_addr;
	unsigned long flags;
	signed char segind;
	unsigned char pmm__pad[PMM_STRUCT_PAGE_SIZE - 8 - PMM_BYTES_PER_LONG - 1];
#else
	unsigned long flags;
#if PMM__VMEMMAP && PMM_STRUCT_PAGE_SIZE >= 2 * PMM_BYTES_PER_LONG
	void *pgmap;
#define PMM__PGMAP(page)	((page)->pgmap)
#if PMM_STRUCT_PAGE_SIZE > 2 * PMM_BYTES_PER_LONG
	unsigned long pmm__pad[PMM_STRUCT_PAGE_SIZE / PMM_BYTES_PER_LONG - 2];
#endif
#elif PMM_STRUCT_PAGE_SIZE > PMM_BYTES_PER_LONG
	unsigned long pmm__pad[PMM_STRUCT_PAGE_SIZE / PMM_BYTES_PER_LONG - 1];
#endif
#endif
};
PMM__STATIC_ASSERT(PMM__IN(PMM_STRUCT_PAGE_SIZE_must_equal_sizeof_struct_pmm_page),
		   sizeof(PMM__PAGE) == PMM_STRUCT_PAGE_SIZE);
#endif

/* --- state shared by every model ------------------------------------- */
static int PMM__IN(initialised) PMM__UNUSED;
static unsigned long PMM__IN(ram_pages) PMM__UNUSED;

static inline PMM__UNUSED void PMM__IN(memzero)(void *p, unsigned long bytes)
{
	unsigned char *c = (unsigned char *)p;

	while (bytes--)
		*c++ = 0;
}

/* the zone boot memory at @pfn falls into (zone_sizes_init) */
static inline PMM__UNUSED int PMM__IN(boot_zone)(unsigned long pfn)
{
	/* variables, so that a zone left out (0) is no "always false" test */
	unsigned long dma = PMM_MAX_DMA_PFN, dma32 = PMM_MAX_DMA32_PFN;

	if (pfn < dma)
		return PMM__ZONE_DMA;
	if (pfn < dma32)
		return PMM__ZONE_DMA32;
	return PMM__ZONE_NORMAL;
}

/* set_page_links: @zone for boot memory is the zone of each PFN */
#define PMM__ZONE_BY_PFN	(-1)

/*
 * set_page_links() (include/linux/mm.h): the zone, node and, for classic
 * sparse, section numbers go into page->flags.
 */
static inline PMM__UNUSED void PMM__IN(set_page_links)(PMM__PAGE *page,
						      int nid, int zone,
						      unsigned long pfn, int reserved)
{
	unsigned long flags = PMM__FLAGS(page);

	if (zone == PMM__ZONE_BY_PFN)
		zone = PMM__IN(boot_zone)(pfn);
	flags &= ~(PMM__SECTIONS_MASK << PMM__SECTIONS_PGSHIFT);
	flags &= ~(PMM__NODES_MASK << PMM__NODES_PGSHIFT);
	flags &= ~(PMM__ZONES_MASK << PMM__ZONES_PGSHIFT);
#if PMM__SECTIONS_WIDTH
	flags |= ((pfn >> (PMM_SECTION_SIZE_BITS - PMM_PAGE_SHIFT)) &
		  PMM__SECTIONS_MASK) << PMM__SECTIONS_PGSHIFT;
#endif
	flags |= ((unsigned long)nid & PMM__NODES_MASK) << PMM__NODES_PGSHIFT;
	flags |= ((unsigned long)zone & PMM__ZONES_MASK) << PMM__ZONES_PGSHIFT;
	if (reserved)
		flags |= 1UL << PMM_PG_RESERVED;
	else
		flags &= ~(1UL << PMM_PG_RESERVED);
	PMM__FLAGS(page) = flags;
	(void)pfn;
}

/**
 * pmm_page_zonenum - the zone of a page (page_zonenum)
 * @page: a descriptor that pmm has initialised
 *
 * Zones are numbered as Linux numbers those it is built with: from 0,
 * DMA, DMA32, Normal, Movable, Device, leaving out DMA when
 * PMM_MAX_DMA_PFN is 0 and DMA32 when PMM_MAX_DMA32_PFN is 0 (Device is
 * VMEMMAP's).  Boot memory is in the zone its address falls into; memory
 * pmm_online_pages onlines is in the zone it chose.
 *
 * Return: the zone number, or -1 when PMM_ZONES_SHIFT is 0 (page->flags
 * keeps no zone).
 */
PMM__API int PMM__FN(page_zonenum)(const PMM__PAGE *page)
{
#if PMM_ZONES_SHIFT
	return (int)((PMM__FLAGS(page) >> PMM__ZONES_PGSHIFT) & PMM__ZONES_MASK);
#else
	(void)page;
	return -1;
#endif
}

/**
 * pmm_zone_name - a zone's name, as Linux prints it (zone_names)
 * @zone: a zone number, 0 to pmm_nr_zones() - 1
 *
 * Return: "DMA", "DMA32", "Normal", "Movable" or "Device"; "?" for a
 * number out of range.
 */
PMM__API const char *PMM__FN(zone_name)(int zone)
{
#if PMM_MAX_DMA_PFN
	if (zone == PMM__ZONE_DMA)
		return "DMA";
#endif
#if PMM_MAX_DMA32_PFN
	if (zone == PMM__ZONE_DMA32)
		return "DMA32";
#endif
	if (zone == PMM__ZONE_NORMAL)
		return "Normal";
	if (zone == PMM__ZONE_MOVABLE)
		return "Movable";
#if PMM__VMEMMAP
	if (zone == PMM__ZONE_DEVICE)
		return "Device";
#endif
	return "?";
}

/**
 * pmm_nr_zones - how many zones the instance has (MAX_NR_ZONES)
 *
 * Return: 3 to 5.
 */
PMM__API int PMM__FN(nr_zones)(void)
{
	return PMM__MAX_NR_ZONES;
}

/* Sift @r[i] down the max-heap @r[0..n), ordered by start_pfn. */
static inline PMM__UNUSED void PMM__IN(sift_down)(struct pmm_range *r, unsigned long i,
						 unsigned long n)
{
	struct pmm_range cur = r[i];
	unsigned long child;

	while ((child = 2 * i + 1) < n) {
		if (child + 1 < n && r[child + 1].start_pfn > r[child].start_pfn)
			child++;
		if (r[child].start_pfn <= cur.start_pfn)
			break;
		r[i] = r[child];
		i = child;
	}
	r[i] = cur;
}

/*
 * Sort ranges by start_pfn: a heapsort, as Linux's lib/sort.c, so that
 * n log n bounds any order and no memory is needed beyond the copy.
 * (memblock_add inserts one by one, n^2 for a map given backwards.)
 */
static inline PMM__UNUSED void PMM__IN(sort_ranges)(struct pmm_range *r, unsigned long n)
{
	struct pmm_range top;
	unsigned long i;

	for (i = n / 2; i-- > 0;)
		PMM__IN(sift_down)(r, i, n);
	for (i = n; i-- > 1;) {
		top = r[0];
		r[0] = r[i];
		r[i] = top;
		PMM__IN(sift_down)(r, 0, i);
	}
}

/*
 * Boot-time intake shared by the models: validate the memory map and hand
 * the model a sorted copy (memblock keeps its regions sorted).  The copy is
 * freed by pmm__release_ranges().
 */
static inline PMM__UNUSED int PMM__IN(take_ranges)(const struct pmm_range *in,
						  unsigned int nr,
						  struct pmm_range **out)
{
	struct pmm_range *r;
	unsigned int i, sorted = 1;

	if (!in || nr == 0)
		return -PMM_EINVAL;
#if PMM_BITS_PER_LONG == 32
	/* the sorted copy must be addressable */
	if (nr > ~0UL / sizeof(*r))
		return -PMM_EINVAL;
#endif
	for (i = 0; i < nr; i++) {
		if (in[i].start_pfn >= in[i].end_pfn)
			return -PMM_EINVAL;
		if (in[i].nid < 0 || in[i].nid >= PMM__MAX_NUMNODES)
			return -PMM_EINVAL;
		if ((unsigned long long)in[i].end_pfn > PMM__MAX_PFN)
			return -PMM_ERANGE;
#if PMM_MODEL == PMM_MODEL_FLATMEM && PMM_ARCH_PFN_OFFSET
		if (in[i].start_pfn < (unsigned long)PMM_ARCH_PFN_OFFSET)
			return -PMM_ERANGE;
#endif
	}
	r = (struct pmm_range *)PMM_ALLOC(nr * sizeof(*r), sizeof(long), 0);
	if (!r)
		return -PMM_ENOMEM;
	for (i = 0; i < nr; i++) {
		r[i] = in[i];
		if (i && r[i].start_pfn < r[i - 1].start_pfn)
			sorted = 0;
	}
	/* maps are most often sorted already */
	if (!sorted)
		PMM__IN(sort_ranges)(r, nr);
	for (i = 1; i < nr; i++) {
		if (r[i].start_pfn < r[i - 1].end_pfn) {
			PMM_FREE(r, nr * sizeof(*r));
			return -PMM_EINVAL;
		}
	}
	*out = r;
	return 0;
}

static inline PMM__UNUSED void PMM__IN(release_ranges)(struct pmm_range *r,
						      unsigned int nr)
{
	(void)nr;	/* a hook may ignore the size */
	PMM_FREE(r, nr * sizeof(*r));
}

/* The number of distinct nodes among sorted, validated ranges. */
static inline PMM__UNUSED unsigned int PMM__IN(count_nodes)(const struct pmm_range *r,
							  unsigned int nr)
{
	unsigned long seen[(PMM__MAX_NUMNODES + PMM_BITS_PER_LONG - 1) / PMM_BITS_PER_LONG];
	unsigned int i, n = 0;

	PMM__IN(memzero)(seen, sizeof(seen));
	for (i = 0; i < nr; i++) {
		unsigned long bit = 1UL << (r[i].nid % PMM_BITS_PER_LONG);
		unsigned long *word = &seen[r[i].nid / PMM_BITS_PER_LONG];

		if (!(*word & bit))
			n++;
		*word |= bit;
	}
	return n;
}

/*
 * The one call that goes forward: every model's boot code initialises its
 * descriptors through init_pages below, which converts with the model's
 * pfn_to_page, defined in the model's header.
 */
PMM__API PMM__PAGE *PMM__FN(pfn_to_page)(unsigned long pfn);

/*
 * Initialise the descriptors of [start, end), RAM or hole, one node and
 * one zone (or PMM__ZONE_BY_PFN).
 */
static inline PMM__UNUSED void PMM__IN(init_pages)(unsigned long start, unsigned long end,
						  int nid, int zone, int reserved)
{
	unsigned long pfn;

	for (pfn = start; pfn < end; pfn++)
		PMM__IN(set_page_links)(PMM__FN(pfn_to_page)(pfn), nid, zone, pfn, reserved);
}

/* --- the model ------------------------------------------------------- */
#define PMM__BODY 1
#if PMM_MODEL == PMM_MODEL_FLATMEM
#include "pmm_flat.h"
#elif PMM_MODEL == PMM_MODEL_DISCONTIGMEM
#include "pmm_discontig.h"
#elif PMM__XEN
#include "pmm_xen_pdx.h"
#elif PMM__FREEBSD
#include "pmm_freebsd.h"
#else
/* SPARSEMEM: the read side, then each stage in the order data flows */
#include "pmm_sparse.h"
#include "pmm_sparse_boot.h"
#include "pmm_sparse_deferred.h"
#include "pmm_sparse_hotplug.h"
#if PMM__VMEMMAP
#include "pmm_sparse_device.h"
#endif
#include "pmm_sparse_blocks.h"
#include "pmm_sparse_model.h"
#endif
#undef PMM__BODY

/* --- the API every model shares -------------------------------------- */

/**
 * pmm_init - build the memmap for a boot memory map
 * @ranges: RAM ranges with their node ids, in any order
 * @nr: number of ranges
 *
 * Follows each model's Linux boot flow (alloc_node_mem_map for FLATMEM and
 * DISCONTIGMEM, memory_present/sparse_init/sparse_init_nid for SPARSEMEM),
 * then initialises every descriptor as memmap_init does.
 *
 * Return: 0, or a negative errno with nothing allocated (section 7).
 */
PMM__API int PMM__FN(init)(const struct pmm_range *ranges, unsigned int nr)
{
	struct pmm_range *sorted;
	unsigned long ram = 0;
	unsigned int i;
	int err;

	if (PMM__IN(initialised))
		return -PMM_EBUSY;
	err = PMM__IN(take_ranges)(ranges, nr, &sorted);
	if (err)
		return err;
	err = PMM__IN(model_init)(sorted, nr);
	for (i = 0; i < nr; i++)
		ram += sorted[i].end_pfn - sorted[i].start_pfn;
	PMM__IN(release_ranges)(sorted, nr);
	if (err)
		return err;
	PMM__IN(ram_pages) = ram;
	PMM__IN(initialised) = 1;
	return 0;
}

/**
 * pmm_exit - free everything pmm_init took; pmm_init may be called again
 */
PMM__API void PMM__FN(exit)(void)
{
	if (!PMM__IN(initialised))
		return;
	PMM__IN(model_exit)();
	PMM__IN(ram_pages) = 0;
	PMM__IN(initialised) = 0;
}

/**
 * pmm_stats - report what the instance holds
 * @st: filled in; all zero before pmm_init except static_bytes
 */
PMM__API void PMM__FN(stats)(struct pmm_stats *st)
{
	PMM__IN(memzero)(st, sizeof(*st));
	st->ram_pages = PMM__IN(ram_pages);
	PMM__IN(model_stats)(st);
}

#ifndef PMM__HAVE_PFN_TO_NID
/**
 * pmm_pfn_to_nid - the node of a PFN, through its descriptor
 * @pfn: page frame number
 *
 * Return: the node id, or -1 if @pfn is not valid.
 */
PMM__API int PMM__FN(pfn_to_nid)(unsigned long pfn)
{
	if (!PMM__FN(pfn_valid)(pfn))
		return -1;
	return PMM__FN(page_to_nid)(PMM__FN(pfn_to_page)(pfn));
}
#endif
#undef PMM__HAVE_PFN_TO_NID

/*
 * pmm_params - the instance's compile-time parameters
 */
static const struct pmm_params PMM__FN(params) PMM__UNUSED = {
	.name = PMM__NAME_STR,
	.model = PMM_MODEL,
	.page_shift = PMM_PAGE_SHIFT,
	.section_size_bits = PMM_SECTION_SIZE_BITS,
	.max_physmem_bits = PMM_MAX_PHYSMEM_BITS,
	.extreme = PMM_SPARSEMEM_EXTREME,
	.pfn_offset = PMM_ARCH_PFN_OFFSET,
	.nodes_shift = PMM_NODES_SHIFT,
	.struct_page_size = PMM_STRUCT_PAGE_SIZE,
	.vmemmap_base_const = PMM__VMEMMAP_BASE_CONST,
	.node_in_page_flags = !PMM__NODE_NOT_IN_PAGE_FLAGS,
	.discontig_nid = PMM_DISCONTIG_NID,
	.discontig_chunk_shift = PMM_DISCONTIG_CHUNK_SHIFT,
	.max_page_order = PMM_MAX_PAGE_ORDER,
	.pageblock_page_order = PMM_PAGEBLOCK_ORDER,
	.subsection_shift = PMM__PARAM_SUBSECTION_SHIFT,
	.memory_block_size_bits = PMM__PARAM_MEMORY_BLOCK_SIZE_BITS,
	.page_extension = PMM_PAGE_EXTENSION,
	.pdx_max_order = PMM_PDX_MAX_ORDER,
	.pdx_group_shift = PMM_PDX_GROUP_SHIFT,
	.pdx_offset_tbl_order = PMM_PDX_OFFSET_TBL_ORDER,
	.pdx_max_ranges = PMM_PDX_MAX_RANGES,
	.vm_physseg_max = PMM_VM_PHYSSEG_MAX,
	.vm_lowmem_boundary = PMM_VM_LOWMEM_BOUNDARY,
	.vm_dma32_boundary = PMM_VM_DMA32_BOUNDARY,
	.vm_dma32_npages_threshold = PMM_VM_DMA32_NPAGES_THRESHOLD,
	/*
	 * sizeof the model's own types, so that a tool accounting the model
	 * without building it follows any change to them (struct pmm_sizes)
	 */
#if PMM__SPARSE
	.sizes = {
		.mem_section = sizeof(struct PMM__FN(mem_section)),
#if PMM_SPARSEMEM_EXTREME
		.section_root = sizeof(PMM__IN(mem_section)[0]),
#endif
		.section_usage = sizeof(struct PMM__FN(mem_section_usage)),
		.section_own = sizeof(struct PMM__IN(usage_block)) -
			       sizeof(struct PMM__FN(mem_section_usage)),
		.run = sizeof(struct PMM__IN(run)),
#if PMM__NODE_NOT_IN_PAGE_FLAGS
		.section_nid = sizeof(PMM__IN(section_to_node_table)[0]),
#endif
	},
#elif PMM_MODEL == PMM_MODEL_DISCONTIGMEM
	.sizes = {
		.node = sizeof(PMM__IN(node_data)[0]) + sizeof(PMM__IN(node_order)[0]),
#if PMM_DISCONTIG_NID == PMM_NID_BY_TABLE
		.physnode = sizeof(PMM__IN(physnode_map)[0]),
#endif
	},
#endif
};

#if PMM_KERNEL_NAMES
#include "pmm_kernel_names.h"
#endif

/* --- end of instance: forget its parameters -------------------------- */
#undef PMM_NAME
#undef PMM_MODEL
#undef PMM_PAGE_SHIFT
#undef PMM_MAX_PHYSMEM_BITS
#undef PMM_SECTION_SIZE_BITS
#undef PMM_SUBSECTION_SHIFT
#undef PMM_MEMORY_BLOCK_SIZE_BITS
#undef PMM_SPARSEMEM_EXTREME
#undef PMM_PAGE_EXTENSION
#undef PMM_ARCH_PFN_OFFSET
#undef PMM_NODES_SHIFT
#undef PMM_MAX_PAGE_ORDER
#undef PMM_PAGEBLOCK_ORDER
#undef PMM_STRUCT_PAGE_SIZE
#undef PMM_NR_PAGEFLAGS
#undef PMM_ZONES_SHIFT
#undef PMM_MAX_DMA_PFN
#undef PMM_MAX_DMA32_PFN
#undef PMM_RESERVED_FLAGS_BITS
#undef PMM_DISCONTIG_NID
#undef PMM_DISCONTIG_CHUNK_SHIFT
#undef PMM_PDX_MAX_ORDER
#undef PMM_PDX_GROUP_SHIFT
#undef PMM_PDX_OFFSET_TBL_ORDER
#undef PMM_PDX_MAX_RANGES
#undef PMM_VM_PHYSSEG_MAX
#undef PMM_VM_LOWMEM_BOUNDARY
#undef PMM_VM_DMA32_BOUNDARY
#undef PMM_VM_DMA32_NPAGES_THRESHOLD
#undef PMM_VMEMMAP_BASE
#undef PMM_PAGE_TYPE
#undef PMM_PAGE_FLAGS
#undef PMM_PAGE_PGMAP
#undef PMM_DEFERRED_STRUCT_PAGE_INIT
#undef PMM_KERNEL_NAMES
#undef PMM_DEBUG
#undef PMM_ALLOC
#undef PMM_FREE
#undef PMM_BUG_ON
#undef PMM_VMEMMAP_RESERVE
#undef PMM_VMEMMAP_UNRESERVE
#undef PMM_VMEMMAP_POPULATE
#undef PMM_VMEMMAP_DEPOPULATE
#undef PMM_VMEMMAP_POPULATE_FROM
#undef PMM_RCU_READ_LOCK
#undef PMM_RCU_READ_UNLOCK
#undef PMM_SYNCHRONIZE_RCU
#undef PMM_DEFERRED_RUN
#undef PMM_TEST_READ_POINT
#undef PMM__PGMAP
#undef PMM__FN
#undef PMM__IN
#undef PMM__NAME_STR
#undef PMM__STR2
#undef PMM__STR
#undef PMM__SPARSE
#undef PMM__VMEMMAP
#undef PMM__XEN
#undef PMM__FREEBSD
#undef PMM__VMEMMAP_BASE_CONST
#undef PMM__PAGE_SIZE
#undef PMM__MAX_PFN
#undef PMM__MAX_NUMNODES
#undef PMM__MAX_ORDER_NR_PAGES
#undef PMM__NR_PAGEBLOCK_BITS
#undef PMM__PARAM_SUBSECTION_SHIFT
#undef PMM__PARAM_MEMORY_BLOCK_SIZE_BITS
#undef PMM__ALIGN_DOWN
#undef PMM__DEBUG_ON
#undef PMM__PUBLISH
#undef PMM__DEREF
#undef PMM__LOAD_ONCE
#undef PMM__WRITE_ONCE
#undef PMM__RACY
#undef PMM__RACY_PTR
#undef PMM__ALIGN_UP
#undef PMM__SMP_CACHE_BYTES
#undef PMM__SECTIONS_WIDTH
#undef PMM__FLAGS_BUDGET
#undef PMM__NODES_WIDTH
#undef PMM__NODE_NOT_IN_PAGE_FLAGS
#undef PMM__SECTIONS_PGOFF
#undef PMM__NODES_PGOFF
#undef PMM__ZONES_PGOFF
#undef PMM__SECTIONS_PGSHIFT
#undef PMM__NODES_PGSHIFT
#undef PMM__ZONES_PGSHIFT
#undef PMM__SECTIONS_MASK
#undef PMM__NODES_MASK
#undef PMM__ZONES_MASK
#undef PMM__ZONE_DMA
#undef PMM__ZONE_DMA32
#undef PMM__ZONE_NORMAL
#undef PMM__ZONE_MOVABLE
#undef PMM__ZONE_DEVICE
#undef PMM__MAX_NR_ZONES
#undef PMM__ZONE_BY_PFN
#undef PMM__PAGE
#undef PMM__FLAGS
