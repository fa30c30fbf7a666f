// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * pmm_mirror.c - a pmm instance mirroring the running kernel, compared
 * with it PFN by PFN
 *
 * Loaded into Debian's own 6.1 kernel (tests/linux/run.py boots it under
 * QEMU), the module builds a pmm instance with x86_64's parameters from
 * what the kernel says of its memory:
 *
 *	RAM	the "System RAM" resources of /proc/iomem
 *		(walk_iomem_res_desc): the kernel's own map, after mem=,
 *		memmap= and the first page's trim, not the firmware's
 *	nodes	each node's span (NODE_DATA), which cuts boot RAM into
 *		ranges; hot-added RAM takes the node sysfs links its memory
 *		block to (blocks=, which the guest's script reads)
 *	boot	RAM in the kernel's early sections goes to pmm_init; RAM in
 *		the others was hot-added, and goes to pmm_add_memory, then
 *		pmm_online_pages where the kernel's section is online
 *	devices	every ZONE_DEVICE pagemap the kernel has over its "Persistent
 *		Memory" (get_dev_pagemap), with its ranges and its altmap,
 *		goes to pmm_memremap_pages
 *
 * and then, for every PFN from 0 to the end of the last node, RAM range
 * or pagemap (rounded up to a section), compares
 *
 *	pfn_valid			both sides
 *	pfn_to_online_page		NULL or not, both sides
 *	the round trip			pmm's page_to_pfn(pfn_to_page(pfn))
 *	is_zone_device_page		where the kernel initialised the
 *					descriptor: online memory, and device
 *					pages past their altmap's own
 *	page_to_nid			of online RAM (offline memory's
 *					descriptors are not initialised)
 *	page_zonenum			of online RAM and initialised
 *					device pages
 *
 * and, for every section, present, valid (has a memmap), online, early
 * and tainted by ZONE_DEVICE; for every memory block, the nodes sysfs links it to
 * (pmm_memory_block_nodes) and its valid_zones; for every zone of every
 * node, its start and span (pmm_zone_span).  Hot-added blocks are onlined
 * in pmm as the guest asked the kernel (blocks=), in address order, and
 * pmm chooses their zone.  Each mismatch is printed with the PFN (or section) and both
 * answers, the first MIRROR_SHOW of each kind; the summary line is
 *
 *	pmm-mirror: N PFNs, S sections compared, M mismatches
 *
 * Everything is given back before init returns, which returns 0 so that
 * the run can also check rmmod.
 *
 * The instance is SPARSEMEM_VMEMMAP, as the kernel's, with its own
 * virtual memmap: a module cannot map pages into address space it
 * reserves (get_vm_area is not exported), so the reservation is backed
 * whole by vzalloc, and the physical address space is cut to
 * MIRROR_PHYSMEM_BITS to keep it small.  Memory blocks are
 * MIRROR_BLOCK_BITS, as x86 sizes them (probe_memory_block_size): this
 * file builds pmm_mirror.ko, 128 MiB blocks up to 8 GiB (a 128 MiB memmap
 * window), and pmm_mirror_2g.c builds pmm_mirror_2g.ko, 2 GiB blocks up
 * to 128 GiB (a 2 GiB window), for guests with 64 GiB or more.  A guest
 * with memory above the window, or other blocks, is refused at load.
 */
#define pr_fmt(fmt) "pmm-mirror: " fmt

#include <linux/ioport.h>
#include <linux/kernel.h>
#include <linux/memory.h>
#include <linux/memory_hotplug.h>
#include <linux/mm.h>
#include <linux/memremap.h>
#include <linux/mmzone.h>
#include <linux/module.h>
#include <linux/nodemask.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/vmalloc.h>

/* --- the instance ------------------------------------------------------ */

static void *mirror_alloc(unsigned long bytes, unsigned long align, int nid)
{
	if (WARN_ON_ONCE(align > PAGE_SIZE))
		return NULL;
	if (bytes <= PAGE_SIZE)
		return kzalloc(roundup_pow_of_two(max(bytes, align)), GFP_KERNEL);
	return vzalloc(bytes);
}

#ifndef MIRROR_PHYSMEM_BITS
#define MIRROR_PHYSMEM_BITS	33
#define MIRROR_BLOCK_BITS	27
#endif

/* the whole window, 64-byte descriptors and a page of alignment, or nothing */
static void *mirror_vmemmap_reserve(unsigned long bytes)
{
	return bytes <= PHYS_PFN(1UL << MIRROR_PHYSMEM_BITS) * 64 + PAGE_SIZE ?
		vzalloc(bytes) : NULL;
}

#define PMM_ALLOC(bytes, align, nid)	mirror_alloc((bytes), (align), (nid))
#define PMM_FREE(p, bytes)		((void)(bytes), kvfree(p))
#define PMM_BUG_ON(cond)		BUG_ON(cond)
#define PMM_RCU_READ_LOCK()		rcu_read_lock_sched()
#define PMM_RCU_READ_UNLOCK()		rcu_read_unlock_sched()
#define PMM_SYNCHRONIZE_RCU()		synchronize_rcu()
/* the window is backed whole: populating it is zeroing what is there */
#define PMM_VMEMMAP_RESERVE(bytes)	mirror_vmemmap_reserve(bytes)
#define PMM_VMEMMAP_UNRESERVE(addr, bytes)	((void)(bytes), vfree(addr))
#define PMM_VMEMMAP_POPULATE(addr, bytes, nid)	((void)(nid), memset((addr), 0, (bytes)), 0)
#define PMM_VMEMMAP_POPULATE_FROM(addr, bytes, pfn) \
	((void)(pfn), memset((addr), 0, (bytes)), 0)
#define PMM_VMEMMAP_DEPOPULATE(addr, bytes)	((void)(addr), (void)(bytes))
#define PMM_NAME			mir
#define PMM_MODEL			PMM_MODEL_SPARSEMEM_VMEMMAP
/* x86_64 (arch/x86/include/asm/sparsemem.h), the address space cut short */
#define PMM_SECTION_SIZE_BITS		27
#define PMM_MAX_PHYSMEM_BITS		MIRROR_PHYSMEM_BITS
#define PMM_NODES_SHIFT			10
/* memory_block_size_bytes() of a machine below 64 GiB */
#define PMM_MEMORY_BLOCK_SIZE_BITS	MIRROR_BLOCK_BITS
/* as Debian builds the kernel (CONFIG_DEFERRED_STRUCT_PAGE_INIT=y) */
#define PMM_DEFERRED_STRUCT_PAGE_INIT	1
#include "pmm.h"

#define MIRROR_SHOW	8		/* mismatches printed per kind */
#define MIRROR_RANGES	1024		/* RAM ranges at most, node cuts included */
#define MIRROR_PGMAPS	16		/* ZONE_DEVICE pagemaps at most */

static_assert(PFN_SECTION_SHIFT == 27 - PAGE_SHIFT);

/* --- the kernel's memory ------------------------------------------------ */

struct mirror_map {
	struct pmm_range ram[MIRROR_RANGES];
	unsigned int nr;
	unsigned long end_pfn;		/* of RAM and of every node's span */
	unsigned long orphan_pfns;	/* RAM in no node's span */
	int overflow;
	/* the kernel's pagemaps, and pmm's copies of them */
	struct dev_pagemap *kernel_pgmap[MIRROR_PGMAPS];
	struct pmm_mir_dev_pagemap pgmap[MIRROR_PGMAPS];
	struct pmm_dev_range pgmap_ranges[MIRROR_PGMAPS][4];
	unsigned int nr_pgmaps;
};

static bool kernel_early(unsigned long pfn)
{
	struct mem_section *ms = __pfn_to_section(pfn);

	return ms && early_section(ms);
}

/*
 * blocks=ID:NODES:ZONES:HOW,...: each memory block as sysfs shows it, the
 * guest's script reading /sys/devices/system/memory/memoryID: NODES its
 * node links (N+N+), ZONES its valid_zones with '+' for spaces, HOW the
 * word the script wrote to its state to online it ("online",
 * "online_kernel", "online_movable"), or '-'.  A hot-added block enters
 * its node's span only once online, and the module cannot ask the kernel
 * for a block (find_memory_block is not exported).
 */
static char *blocks = "";
module_param(blocks, charp, 0444);
MODULE_PARM_DESC(blocks, "ID:NODES:ZONES:HOW,... of every memory block, from sysfs");

struct mirror_block {
	unsigned long nodes[PMM_NODESET_LONGS];
	int first_node;			/* the lowest, -1 none */
	char zones[32];			/* valid_zones, spaces as in sysfs */
	int online_type;		/* PMM_MMOP_*, 0 for '-' */
};

/* block @id's entry in blocks= into @b; -1 if it is not listed */
static int mirror_block(unsigned long id, struct mirror_block *b)
{
	static const char *const how[] = { "-", "online", "online_kernel", "online_movable" };
	const char *p = blocks;

	while (*p) {
		unsigned long bid, nid;
		unsigned int i;
		int n = 0;

		memset(b, 0, sizeof(*b));
		b->first_node = -1;
		if (sscanf(p, "%lu:%n", &bid, &n) != 1 || !n)
			return -1;
		p += n;
		while (sscanf(p, "%lu%n", &nid, &n) == 1 && nid < 1024) {
			__set_bit(nid, b->nodes);
			if (b->first_node < 0)
				b->first_node = (int)nid;
			p += n;
			p += *p == '+';
		}
		p += *p == ':';
		for (i = 0; *p && *p != ':' && *p != ','; p++)
			if (i < sizeof(b->zones) - 1)
				b->zones[i++] = *p == '+' ? ' ' : *p;
		p += *p == ':';
		for (i = 0; i < ARRAY_SIZE(how); i++)
			if (!strncmp(p, how[i], strlen(how[i])) &&
			    (p[strlen(how[i])] == ',' || !p[strlen(how[i])]))
				b->online_type = i;
		p += strcspn(p, ",");
		p += *p == ',';
		if (bid == id)
			return 0;
	}
	return -1;
}

/* the lowest node sysfs gives memory block @id, or -1 */
static int mirror_block_node(unsigned long id)
{
	struct mirror_block b;

	return mirror_block(id, &b) ? -1 : b.first_node;
}

/*
 * [@start, @end) of RAM.  Boot RAM takes a range per node span it meets.
 * Hot-added RAM takes its memory block's node (blocks=); without it, the
 * firmware's node for its address (memory_add_physaddr_to_nid), which is
 * not the kernel's where the device says another (a pc-dimm's _PXM).
 * Boot RAM outside every span would be a kernel bug: counted, not
 * mirrored.
 */
static void mirror_add_ram(struct mirror_map *m, unsigned long start, unsigned long end)
{
	unsigned long covered = 0;
	int nid;

	if (m->nr + nr_online_nodes > MIRROR_RANGES) {
		m->overflow = 1;
		return;
	}
	if (!kernel_early(start)) {
		nid = mirror_block_node(start / (memory_block_size_bytes() >> PAGE_SHIFT));
		if (nid < 0)
			nid = memory_add_physaddr_to_nid(PFN_PHYS(start));
		m->ram[m->nr++] = (struct pmm_range){ start, end, nid };
		return;
	}
	for_each_online_node(nid) {
		struct pglist_data *pgdat = NODE_DATA(nid);
		unsigned long s = max(start, pgdat->node_start_pfn);
		unsigned long e = min(end, pgdat_end_pfn(pgdat));

		if (s >= e)
			continue;
		m->ram[m->nr++] = (struct pmm_range){ s, e, nid };
		covered += e - s;
	}
	m->orphan_pfns += end - start - covered;
}

static int mirror_resource(struct resource *res, void *arg)
{
	struct mirror_map *m = arg;
	unsigned long start = PFN_UP(res->start), end = PFN_DOWN(res->end + 1);

	if (start < end) {
		mirror_add_ram(m, start, end);
		m->end_pfn = max(m->end_pfn, end);
	}
	return 0;
}

/* each pagemap over @res, once (get_dev_pagemap takes a reference: kept) */
static int mirror_device(struct resource *res, void *arg)
{
	struct mirror_map *m = arg;
	unsigned long pfn;

	for (pfn = PFN_UP(res->start); pfn < PFN_DOWN(res->end + 1); pfn += PAGES_PER_SUBSECTION) {
		struct dev_pagemap *pg = get_dev_pagemap(pfn, NULL);
		unsigned int i;

		if (!pg)
			continue;
		for (i = 0; i < m->nr_pgmaps && m->kernel_pgmap[i] != pg; i++)
			;
		if (i < m->nr_pgmaps || m->nr_pgmaps == MIRROR_PGMAPS) {
			put_dev_pagemap(pg);
			m->overflow |= i == MIRROR_PGMAPS;
			continue;
		}
		m->kernel_pgmap[m->nr_pgmaps++] = pg;
	}
	return 0;
}

/* the kernel's pagemap @k as pmm's @p, its ranges in @ranges; -EINVAL if pmm has no such */
static int mirror_pgmap(const struct dev_pagemap *k, struct pmm_mir_dev_pagemap *p,
			struct pmm_dev_range *ranges)
{
	int i;

	switch (k->type) {
	case MEMORY_DEVICE_FS_DAX:
		p->type = PMM_MEMORY_DEVICE_FS_DAX;
		break;
	case MEMORY_DEVICE_GENERIC:
		p->type = PMM_MEMORY_DEVICE_GENERIC;
		break;
	default:
		return -EINVAL;
	}
	if (k->nr_range > 4)
		return -E2BIG;
	for (i = 0; i < k->nr_range; i++)
		ranges[i] = (struct pmm_dev_range){ PHYS_PFN(k->ranges[i].start),
						    PHYS_PFN(k->ranges[i].end + 1) };
	p->nr_range = k->nr_range;
	p->ranges = ranges;
	if (k->flags & PGMAP_ALTMAP_VALID) {
		p->flags = PMM_PGMAP_ALTMAP_VALID;
		p->altmap.base_pfn = k->altmap.base_pfn;
		p->altmap.end_pfn = k->altmap.end_pfn;
		p->altmap.reserve = k->altmap.reserve;
		p->altmap.free = k->altmap.free;
	}
	return 0;
}

/* the first PFN of pagemap @i whose descriptor the kernel initialised */
static unsigned long mirror_pgmap_first(const struct mirror_map *m, unsigned int i)
{
	struct dev_pagemap *pg = m->kernel_pgmap[i];

	/* vmem_altmap_offset (not exported): the reserve and the memmap */
	return PHYS_PFN(pg->ranges[0].start) +
	       (pg->flags & PGMAP_ALTMAP_VALID ? pg->altmap.reserve + pg->altmap.free : 0);
}

/*
 * The node the kernel gave pagemap @i (its device's): read off its first
 * initialised descriptor, a property of the device, not of the model.
 */
static int mirror_pgmap_node(const struct mirror_map *m, unsigned int i)
{
	return page_to_nid(pfn_to_page(mirror_pgmap_first(m, i)));
}

/* is @pfn a device page whose descriptor the kernel initialised? */
static bool mirror_is_device(const struct mirror_map *m, unsigned long pfn)
{
	unsigned int i;
	int r;

	for (i = 0; i < m->nr_pgmaps; i++) {
		const struct dev_pagemap *pg = m->kernel_pgmap[i];

		for (r = 0; r < pg->nr_range; r++)
			if (pfn >= (r ? PHYS_PFN(pg->ranges[r].start) : mirror_pgmap_first(m, i)) &&
			    pfn <= PHYS_PFN(pg->ranges[r].end))
				return true;
	}
	return false;
}

static int mirror_by_start(const void *a, const void *b)
{
	const struct pmm_range *x = a, *y = b;

	return x->start_pfn < y->start_pfn ? -1 : x->start_pfn > y->start_pfn;
}

/* RAM in address order, node spans and the end of both, from the kernel */
static int mirror_read(struct mirror_map *m)
{
	int nid;

	walk_iomem_res_desc(IORES_DESC_NONE, IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY,
			    0, -1, m, mirror_resource);
	if (m->overflow || !m->nr)
		return -E2BIG;
	sort(m->ram, m->nr, sizeof(m->ram[0]), mirror_by_start, NULL);
	walk_iomem_res_desc(IORES_DESC_PERSISTENT_MEMORY, IORESOURCE_MEM, 0, -1, m,
			    mirror_device);
	if (m->overflow)
		return -E2BIG;
	for_each_online_node(nid)
		m->end_pfn = max(m->end_pfn, pgdat_end_pfn(NODE_DATA(nid)));
	for (nid = 0; nid < m->nr_pgmaps; nid++) {
		const struct dev_pagemap *pg = m->kernel_pgmap[nid];

		m->end_pfn = max(m->end_pfn, PHYS_PFN(pg->ranges[pg->nr_range - 1].end + 1));
	}
	m->end_pfn = ALIGN(m->end_pfn, PAGES_PER_SECTION);
	return 0;
}

/*
 * How the guest onlined the block of @pfn (blocks=), so that pmm chooses
 * the zone itself; unrecorded, the kernel's zone says which of kernel and
 * movable, and the comparison of zones proves less.
 */
static int mirror_online_type(unsigned long pfn)
{
	struct mirror_block b;

	if (!mirror_block(pfn / (memory_block_size_bytes() >> PAGE_SHIFT), &b) &&
	    b.online_type)
		return b.online_type;
	pr_info("block of pfn %#lx: no online type given, the kernel's zone taken\n", pfn);
	return page_zonenum(pfn_to_page(pfn)) == ZONE_MOVABLE ? PMM_MMOP_ONLINE_MOVABLE :
								PMM_MMOP_ONLINE_KERNEL;
}

/*
 * pmm_init on the ranges in early sections; pmm_add_memory, and
 * pmm_online_pages where the kernel's section is online, for the others
 * (whole memory blocks, as the kernel added them).
 */
static int mirror_build(struct mirror_map *m)
{
	struct pmm_range *boot;
	unsigned int i, nr = 0;
	int err;

	boot = kcalloc(m->nr, sizeof(*boot), GFP_KERNEL);
	if (!boot)
		return -ENOMEM;
	for (i = 0; i < m->nr; i++)
		if (kernel_early(m->ram[i].start_pfn))
			boot[nr++] = m->ram[i];
	err = pmm_mir_init(boot, nr);
	kfree(boot);
	if (!err)
		err = pmm_mir_deferred_init(1);
	if (err)
		return err;
	for (i = 0; i < m->nr && !err; i++) {
		const struct pmm_range *r = &m->ram[i];
		unsigned long start = ALIGN_DOWN(r->start_pfn, PAGES_PER_SECTION);
		unsigned long end = ALIGN(r->end_pfn, PAGES_PER_SECTION);
		unsigned long pfn;

		if (kernel_early(r->start_pfn))
			continue;
		err = pmm_mir_add_memory(r->nid, start, end - start);
		for (pfn = start; pfn < end && !err; pfn += PAGES_PER_SECTION)
			if (online_section(__pfn_to_section(pfn)))
				err = pmm_mir_online_pages(pfn, PAGES_PER_SECTION,
							   mirror_online_type(pfn));
	}
	for (i = 0; i < m->nr_pgmaps && !err; i++) {
		err = mirror_pgmap(m->kernel_pgmap[i], &m->pgmap[i], m->pgmap_ranges[i]);
		if (!err)
			err = pmm_mir_memremap_pages(&m->pgmap[i], mirror_pgmap_node(m, i));
		if (err)
			pr_err("pagemap %u: pmm_memremap_pages: %d\n", i, err);
	}
	if (err)
		pmm_mir_exit();
	return err;
}

/* --- the comparison ----------------------------------------------------- */

enum mirror_kind {
	M_VALID, M_ONLINE, M_NID, M_ZONE, M_ROUND_TRIP, M_DEVICE, M_PRESENT, M_HAS_MAP,
	M_SEC_ONLINE, M_EARLY, M_TAINT, M_BLOCK_NODES, M_VALID_ZONES, M_ZONE_START,
	M_ZONE_SPANNED,
	M_NR_KINDS
};

static const char *const mirror_kind_names[M_NR_KINDS] = {
	"pfn_valid", "pfn_to_online_page", "page_to_nid", "page_zonenum", "round trip",
	"is_zone_device_page", "section present", "section valid", "section online",
	"section early", "section taint (ZONE_DEVICE)", "memory block's nodes",
	"memory block's valid_zones",
	"zone_start_pfn", "zone spanned_pages",
};

struct mirror_tally {
	unsigned long pfns, sections, ram_pfns, device_pfns, blocks, zones;
	unsigned long bad[M_NR_KINDS];
};

static void mirror_differs(struct mirror_tally *t, enum mirror_kind k, const char *what,
			   unsigned long where, long kernel, long pmm)
{
	if (t->bad[k]++ < MIRROR_SHOW)
		pr_info("mismatch: %s at %s %#lx: kernel %ld, pmm %ld\n",
			mirror_kind_names[k], what, where, kernel, pmm);
}

static bool mirror_is_ram(const struct mirror_map *m, unsigned long pfn)
{
	unsigned int i;

	for (i = 0; i < m->nr; i++)
		if (pfn >= m->ram[i].start_pfn && pfn < m->ram[i].end_pfn)
			return true;
	return false;
}

static void mirror_section(struct mirror_tally *t, unsigned long nr)
{
	struct mem_section *ms = __nr_to_section(nr);
	struct {
		enum mirror_kind kind;
		bool kernel;
		int pmm;
	} flags[] = {
		{ M_PRESENT, ms && present_section(ms), pmm_mir_present_section_nr(nr) },
		{ M_HAS_MAP, ms && valid_section(ms), pmm_mir_valid_section_nr(nr) },
		{ M_SEC_ONLINE, ms && online_section(ms), pmm_mir_online_section_nr(nr) },
		{ M_EARLY, ms && early_section(ms), pmm_mir_early_section_nr(nr) },
		/* pmm's flag bits are Linux's: the same mask reads both */
		{ M_TAINT, ms && (ms->section_mem_map & SECTION_TAINT_ZONE_DEVICE),
		  pmm_mir_present_section_nr(nr) &&
		  !!(pmm_mir_nr_to_section(nr)->section_mem_map & SECTION_TAINT_ZONE_DEVICE) },
	};
	unsigned int i;

	t->sections++;
	for (i = 0; i < ARRAY_SIZE(flags); i++)
		if (flags[i].kernel != !!flags[i].pmm)
			mirror_differs(t, flags[i].kind, "section", nr, flags[i].kernel,
				       flags[i].pmm);
}

/*
 * every memory block sysfs lists: its nodes, as pmm_memory_block_nodes
 * gives them, and its valid_zones, as pmm_memory_block_valid_zones prints
 * them
 */
static void mirror_blocks(struct mirror_tally *t)
{
	unsigned long pmm[PMM_NODESET_LONGS], id;
	struct pmm_memory_block mb;
	struct mirror_block k;
	char zones[32];

	for (id = 0; !pmm_mir_find_memory_block(id, &mb); id = mb.id + 1) {
		t->blocks++;
		if (mirror_block(mb.id, &k))
			memset(&k, 0, sizeof(k));
		if (pmm_mir_memory_block_nodes(mb.id, pmm))
			memset(pmm, 0, sizeof(pmm));
		/* the first long: up to 64 nodes, as printed */
		if (memcmp(k.nodes, pmm, sizeof(pmm)))
			mirror_differs(t, M_BLOCK_NODES, "block", mb.id, k.nodes[0], pmm[0]);
		if (pmm_mir_memory_block_valid_zones(&mb, zones, sizeof(zones)) < 0)
			strcpy(zones, "?");
		if (strcmp(k.zones, zones) && t->bad[M_VALID_ZONES]++ < MIRROR_SHOW)
			pr_info("mismatch: valid_zones of block %lu: kernel \"%s\", pmm \"%s\"\n",
				mb.id, k.zones, zones);
	}
}

/* every zone of every node: where it starts and how far it spans */
static void mirror_zones(struct mirror_tally *t)
{
	unsigned long start, spanned;
	int nid, z;

	for_each_online_node(nid) {
		for (z = 0; z < MAX_NR_ZONES; z++) {
			const struct zone *zone = &NODE_DATA(nid)->node_zones[z];
			unsigned long where = (unsigned long)nid << 8 | z;

			t->zones++;
			if (pmm_mir_zone_span(nid, z, &start, &spanned))
				start = spanned = ~0UL;
			/* an empty zone's start means nothing */
			if (zone->spanned_pages != spanned)
				mirror_differs(t, M_ZONE_SPANNED, "node<<8|zone", where,
					       zone->spanned_pages, spanned);
			else if (spanned && zone->zone_start_pfn != start)
				mirror_differs(t, M_ZONE_START, "node<<8|zone", where,
					       zone->zone_start_pfn, start);
		}
	}
}

static void mirror_pfn(struct mirror_tally *t, const struct mirror_map *m, unsigned long pfn)
{
	bool k_valid = pfn_valid(pfn), p_valid = pmm_mir_pfn_valid(pfn);
	struct page *k_online = pfn_to_online_page(pfn);
	void *p_online = pmm_mir_pfn_to_online_page(pfn);
	bool device = mirror_is_device(m, pfn);

	t->pfns++;
	if (k_valid != p_valid)
		mirror_differs(t, M_VALID, "pfn", pfn, k_valid, p_valid);
	if (!k_online != !p_online)
		mirror_differs(t, M_ONLINE, "pfn", pfn, !!k_online, !!p_online);
	if (p_valid && pmm_mir_page_to_pfn(pmm_mir_pfn_to_page(pfn)) != pfn)
		mirror_differs(t, M_ROUND_TRIP, "pfn", pfn, pfn,
			       pmm_mir_page_to_pfn(pmm_mir_pfn_to_page(pfn)));
	/* offline memory's descriptors are not initialised yet, nor an altmap's own */
	if (!k_valid || !p_valid || !(k_online || device))
		return;
	if (is_zone_device_page(pfn_to_page(pfn)) !=
	    !!pmm_mir_is_zone_device_page(pmm_mir_pfn_to_page(pfn)))
		mirror_differs(t, M_DEVICE, "pfn", pfn, is_zone_device_page(pfn_to_page(pfn)),
			       pmm_mir_is_zone_device_page(pmm_mir_pfn_to_page(pfn)));
	t->device_pfns += device;
	if (device || (k_online && mirror_is_ram(m, pfn))) {
		int k_zone = page_zonenum(pfn_to_page(pfn));
		int p_zone = pmm_mir_page_zonenum(pmm_mir_pfn_to_page(pfn));

		if (k_zone != p_zone)
			mirror_differs(t, M_ZONE, "pfn", pfn, k_zone, p_zone);
	}
	if (k_online && mirror_is_ram(m, pfn)) {
		int k_nid = page_to_nid(pfn_to_page(pfn));
		int p_nid = pmm_mir_page_to_nid(pmm_mir_pfn_to_page(pfn));

		t->ram_pfns++;
		if (k_nid != p_nid)
			mirror_differs(t, M_NID, "pfn", pfn, k_nid, p_nid);
	}
}

static int __init pmm_mirror_init(void)
{
	struct mirror_tally *t;
	struct mirror_map *m;
	unsigned long pfn, bad = 0;
	unsigned int i;
	ktime_t t0;
	int err;

	if (pmm_mir_nr_zones() != MAX_NR_ZONES) {
		pr_err("%d zones: pmm's x86_64 parameters give %d\n", MAX_NR_ZONES,
		       pmm_mir_nr_zones());
		return -EINVAL;
	}
	if (memory_block_size_bytes() != 1UL << MIRROR_BLOCK_BITS) {
		pr_err("memory blocks of %lu bytes: this mirror is built for %lu\n",
		       memory_block_size_bytes(), 1UL << MIRROR_BLOCK_BITS);
		return -EINVAL;
	}
	m = vzalloc(sizeof(*m));
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	err = m && t ? mirror_read(m) : -ENOMEM;
	if (!err && m->end_pfn > PHYS_PFN(1ULL << MIRROR_PHYSMEM_BITS)) {
		pr_err("memory up to %#lx: this mirror's address space ends at 2^%d bytes\n",
		       m->end_pfn, MIRROR_PHYSMEM_BITS);
		err = -ERANGE;
	}
	if (!err)
		err = mirror_build(m);
	if (err) {
		pr_err("cannot build the mirror: %d\n", err);
		goto out;
	}
	t0 = ktime_get();
	for (pfn = 0; pfn < m->end_pfn; pfn++) {
		if (!(pfn & (PAGES_PER_SECTION - 1))) {
			mirror_section(t, pfn_to_section_nr(pfn));
			cond_resched();
		}
		mirror_pfn(t, m, pfn);
	}
	mirror_blocks(t);
	mirror_zones(t);
	for (i = 0; i < M_NR_KINDS; i++) {
		bad += t->bad[i];
		if (t->bad[i])
			pr_info("%s: %lu mismatches\n", mirror_kind_names[i], t->bad[i]);
	}
	pr_info("%u RAM ranges, %lu RAM PFNs with a node compared, end %#lx, in %lld ms\n",
		m->nr, t->ram_pfns, m->end_pfn, ktime_ms_delta(ktime_get(), t0));
	pr_info("%u pagemaps, %lu ZONE_DEVICE PFNs, %lu memory blocks, %lu zones compared\n",
		m->nr_pgmaps, t->device_pfns, t->blocks, t->zones);
	if (m->orphan_pfns)
		pr_info("not mirrored: %lu RAM PFNs in no node\n", m->orphan_pfns);
	bad += m->orphan_pfns;
	pr_info("%lu PFNs, %lu sections compared, %lu mismatches\n",
		t->pfns, t->sections, bad);
	pmm_mir_exit();
out:
	for (i = 0; m && i < m->nr_pgmaps; i++)
		put_dev_pagemap(m->kernel_pgmap[i]);
	vfree(m);
	kfree(t);
	return err;
}

static void __exit pmm_mirror_exit(void)
{
}

module_init(pmm_mirror_init);
module_exit(pmm_mirror_exit);
MODULE_LICENSE("Dual MIT/GPL");
MODULE_DESCRIPTION("pmm mirroring the running kernel's memory model, compared PFN by PFN");
