// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_device.c - ZONE_DEVICE and vmem_altmap on SPARSEMEM_VMEMMAP:
 * pmm_altmap_alloc_block_buf, pmm_add_pages/pmm_remove_pages with an
 * altmap, pmm_memremap_pages, pmm_memunmap_pages, pmm_get_dev_pagemap,
 * pmm_page_pgmap, pmm_is_zone_device_page, and how device memory meets
 * memory blocks and pmm_pfn_to_online_page
 *
 * Linux 6.1 rules checked (mm/sparse-vmemmap.c altmap_alloc_block_buf(),
 * mm/memory_hotplug.c __add_pages(), mm/memremap.c memremap_pages() and
 * pagemap_range(), include/linux/mmzone.h SECTION_TAINT_ZONE_DEVICE,
 * drivers/base/memory.c):
 * altmap_alloc_block_buf's arithmetic (next = base + reserve + alloc +
 * align, padded to the lowest set bit of the request); __add_pages' altmap
 * rule and its alloc = 0; the memmap of altmap memory carved page by page
 * from [base + reserve, base + reserve + free), never for an early
 * section; memremap_pages' checks (type and callbacks, one range with an
 * altmap, memremap_compat_align, RAM -> -ENXIO, conflicts) before
 * anything changes; device pages reserved, in ZONE_DEVICE, pointing back
 * to their pagemap, never RAM, never online even inside an online boot
 * section (SECTION_TAINT_ZONE_DEVICE); memory blocks with device memory
 * cannot go.
 *
 * Part 1: memblock-style cases, one rule each, with exact figures.
 * Part 2: a randomised run per instance (100,000 requests each by
 * default) of add_pages/remove_pages with and without altmaps,
 * add_memory, remove_memory, online_pages, offline_pages, memremap_pages
 * (five types, one to three ranges, with and without altmap, over holes,
 * RAM and other pagemaps on purpose) and memunmap_pages, against
 * device_model.h, checked after every step; every 5,000 steps everything
 * is undone and the instance must hold exactly what it held after boot.
 * Fixed seed; -s SEED, -n OPS per instance, -i NAME (that instance's
 * random run alone), -t (print every request), -v.
 *
 * Instances:
 *	dx	x86_64-like: 4 KiB pages, 128 MiB sections, 2 MiB sub-sections,
 *		EXTREME, 36-bit PFN space (two roots of 256 sections); a page
 *		of descriptors covers 64 PFNs
 *	dk	arm64 64 KiB-like: 512 MiB sections, 2 MiB sub-sections (32
 *		pages), static table, 34 bits; a page of descriptors covers
 *		1024 PFNs, 32 sub-sections
 *	dn	dx with 8-byte descriptors: no room for page->pgmap, so
 *		pmm_page_pgmap looks the pagemap up
 *	dz	dx with PMM_ZONES_SHIFT 0: pmm_is_zone_device_page looks up
 */
#include "device_model.h"

static struct dev_trackers trk_dx = DEV_TRACKERS_INIT, trk_dk = DEV_TRACKERS_INIT;
static struct dev_trackers trk_dn = DEV_TRACKERS_INIT, trk_dz = DEV_TRACKERS_INIT;

/* every instance but dk: x86_64's sections, a 36-bit PFN space */
#define TI_MODEL		PMM_MODEL_SPARSEMEM_VMEMMAP
#define TI_PAGE_SHIFT		12
#define TI_SECTION_SIZE_BITS	27
#define TI_SUBSECTION_SHIFT	21
#define TI_MAX_PHYSMEM_BITS	36
#define TI_SPARSEMEM_EXTREME	1

#define TI_NAME			dx
#define DEV_TRACKERS		trk_dx
#include "dev_instance.h"

#define TI_NAME			dk
#define PMM_PAGE_SHIFT		16
#define PMM_SECTION_SIZE_BITS	29
#define PMM_MAX_PHYSMEM_BITS	34
#define PMM_SPARSEMEM_EXTREME	0
#define PMM_NODES_SHIFT		2
#define DEV_TRACKERS		trk_dk
#include "dev_instance.h"

#define TI_NAME			dn
#define PMM_STRUCT_PAGE_SIZE	8
#define DEV_TRACKERS		trk_dn
#include "dev_instance.h"

#define TI_NAME			dz
#define PMM_ZONES_SHIFT		0
#define DEV_TRACKERS		trk_dz
#include "dev_instance.h"

HP_OPS(dx, 1, 512, &trk_dx.vm);
HP_OPS(dk, 1, 32, &trk_dk.vm);
HP_OPS(dn, 1, 512, &trk_dn.vm);
HP_OPS(dz, 1, 512, &trk_dz.vm);

/* ---------------------------------------------------------------------
 * One table per instance: the device calls, with pagemaps and altmaps
 * kept in per-instance slots so that one test body serves all; the block
 * calls are hp->hot's (model_ops.h's struct hotplug_ops).
 * --------------------------------------------------------------------- */

struct dev_ops {
	const struct hp_ops *hp;
	struct ftrk *ft;
	unsigned long ppb;		/* pages per memory block */
	int (*add_pages)(int nid, unsigned long start, unsigned long nr, int am);
	int (*remove_pages)(unsigned long start, unsigned long nr, int am);
	void (*pg_put)(int slot, const struct dreq *q);
	int (*memremap)(int slot, int nid);
	int (*memunmap)(int slot);
	void (*am_put)(int id, const struct dam *a);
	void (*am_get)(int id, struct dam *a);
	int (*pgmap_at)(unsigned long pfn);	/* get_dev_pagemap as a slot */
	int (*page_pgmap_at)(unsigned long pfn);
	int (*zone_device_at)(unsigned long pfn);
	unsigned long (*flags_at)(unsigned long pfn);
	unsigned long (*section_at)(unsigned long pfn);	/* section_mem_map */
	int (*online_section_nr)(unsigned long nr);
	unsigned long (*vbase)(void);
};

static int dev_migrate(void *vmf)
{
	(void)vmf;
	return 0;
}

/*
 * An altmap id is a slot of N##_am (pmm_add_pages' altmaps) below
 * DM_NR_AM, else pagemap slot id - DM_NR_AM's embedded altmap.  A slot
 * number of -2 means "a pagemap that is none of ours".
 */
#define DEV_OPS(N, PPB)								\
static struct pmm_##N##_dev_pagemap N##_pg[DM_NR_PG];				\
static struct pmm_dev_range N##_rg[DM_NR_PG][DM_MAX_RANGES];			\
static struct pmm_##N##_vmem_altmap N##_am[DM_NR_AM];				\
static void N##_page_free(struct pmm_##N##_page *page)				\
{										\
	(void)page;								\
}										\
static const struct pmm_##N##_dev_pagemap_ops N##_cb[4] = {			\
	{ NULL, NULL }, { N##_page_free, NULL },				\
	{ NULL, dev_migrate }, { N##_page_free, dev_migrate },			\
};										\
static struct pmm_##N##_vmem_altmap *N##_amp(int id)				\
{										\
	if (id < 0)								\
		return NULL;							\
	return id < DM_NR_AM ? &N##_am[id] : &N##_pg[id - DM_NR_AM].altmap;	\
}										\
static void N##_am_put(int id, const struct dam *a)				\
{										\
	struct pmm_##N##_vmem_altmap *p = N##_amp(id);				\
										\
	p->base_pfn = a->base_pfn;						\
	p->end_pfn = a->end_pfn;						\
	p->reserve = a->reserve;						\
	p->free = a->free;							\
	p->align = a->align;							\
	p->alloc = a->alloc;							\
}										\
static void N##_am_get(int id, struct dam *a)					\
{										\
	const struct pmm_##N##_vmem_altmap *p = N##_amp(id);			\
										\
	a->base_pfn = p->base_pfn;						\
	a->end_pfn = p->end_pfn;						\
	a->reserve = p->reserve;						\
	a->free = p->free;							\
	a->align = p->align;							\
	a->alloc = p->alloc;							\
}										\
/* let the populate_from hook take only the altmap's free pages */		\
static void N##_arm(const struct pmm_##N##_vmem_altmap *p)			\
{										\
	if (p)									\
		ftrk_arm(&trk_##N.ft, p->base_pfn + p->reserve,			\
			 p->base_pfn + p->reserve + p->free);			\
}										\
static int N##_add_pages_am(int nid, unsigned long s, unsigned long n, int id)	\
{										\
	int rc;									\
										\
	N##_arm(N##_amp(id));							\
	rc = pmm_##N##_add_pages(nid, s, n, N##_amp(id));			\
	ftrk_disarm(&trk_##N.ft);							\
	return rc;								\
}										\
static int N##_remove_pages_am(unsigned long s, unsigned long n, int id)	\
{										\
	return pmm_##N##_remove_pages(s, n, N##_amp(id));			\
}										\
static void N##_pg_put(int slot, const struct dreq *q)				\
{										\
	struct pmm_##N##_dev_pagemap *pg = &N##_pg[slot];			\
	unsigned int i;								\
										\
	memset(pg, 0, sizeof(*pg));						\
	pg->type = q->type;							\
	pg->flags = q->flags;							\
	pg->ops = q->cbs & DM_CB_NOOPS ? NULL : &N##_cb[q->cbs & 3];		\
	pg->owner = q->owner ? (void *)&N##_pg[slot] : NULL;			\
	pg->nr_range = q->nr_range;						\
	for (i = 0; i < DM_MAX_RANGES; i++)					\
		N##_rg[slot][i] = q->r[i];					\
	pg->range = q->r[0];							\
	pg->ranges = q->embedded || q->ranges_null ? NULL : N##_rg[slot];	\
	N##_am_put(DM_NR_AM + slot, &q->am);					\
}										\
static int N##_memremap(int slot, int nid)					\
{										\
	struct pmm_##N##_dev_pagemap *pg = &N##_pg[slot];			\
	int rc;									\
										\
	N##_arm(pg->flags & PMM_PGMAP_ALTMAP_VALID ? &pg->altmap : NULL);	\
	rc = pmm_##N##_memremap_pages(pg, nid);					\
	ftrk_disarm(&trk_##N.ft);							\
	return rc;								\
}										\
static int N##_memunmap(int slot)						\
{										\
	return pmm_##N##_memunmap_pages(slot < 0 ? NULL : &N##_pg[slot]);	\
}										\
static int N##_slot(const struct pmm_##N##_dev_pagemap *p)			\
{										\
	if (!p)									\
		return -1;							\
	if (p < N##_pg || p >= N##_pg + DM_NR_PG)				\
		return -2;							\
	return (int)(p - N##_pg);						\
}										\
static int N##_pgmap_at(unsigned long pfn)					\
{										\
	return N##_slot(pmm_##N##_get_dev_pagemap(pfn));			\
}										\
static int N##_page_pgmap_at(unsigned long pfn)				\
{										\
	return N##_slot(pmm_##N##_page_pgmap(pmm_##N##_pfn_to_page(pfn)));	\
}										\
static int N##_zone_device_at(unsigned long pfn)				\
{										\
	return pmm_##N##_is_zone_device_page(pmm_##N##_pfn_to_page(pfn));	\
}										\
static unsigned long N##_flags_at(unsigned long pfn)				\
{										\
	return pmm_##N##_pfn_to_page(pfn)->flags;				\
}										\
static unsigned long N##_section_at(unsigned long pfn)				\
{										\
	const struct pmm_##N##_mem_section *ms = pmm_##N##_pfn_to_section(pfn);	\
										\
	return ms ? ms->section_mem_map : 0;					\
}										\
static unsigned long N##_vbase(void)						\
{										\
	return (unsigned long)pmm_##N##_pfn_to_page(0);				\
}										\
static const struct dev_ops N##_dev = {						\
	&N##_hp, &trk_##N.ft, PPB, N##_add_pages_am, N##_remove_pages_am,		\
	N##_pg_put, N##_memremap, N##_memunmap, N##_am_put, N##_am_get,		\
	N##_pgmap_at, N##_page_pgmap_at, N##_zone_device_at, N##_flags_at,	\
	N##_section_at, pmm_##N##_online_section_nr, N##_vbase,			\
}

DEV_OPS(dx, 0x8000UL);
DEV_OPS(dk, 0x2000UL);
DEV_OPS(dn, 0x8000UL);
DEV_OPS(dz, 0x8000UL);

static const struct dev_ops *const instances[] = { &dx_dev, &dk_dev, &dn_dev, &dz_dev };

static void trackers_free(void)
{
	unsigned int i;

	for (i = 0; i < HP_ARRAY_SIZE(instances); i++)
		ftrk_free(instances[i]->ft);
}

/* The altmap tracker's tables, sized for the instance, before its first init. */
static void ftrk_ready(const struct dev_ops *d)
{
	const struct hp_ops *o = d->hp;

	if (!d->ft->from)
		ftrk_setup(d->ft, o->vm, 1UL << o->params->page_shift, hp_desc(o),
			   hp_max_pfn(o));
}

/* pmm_init; after it the altmap tracker must know where PFN 0's descriptor is. */
static int dev_init(const struct dev_ops *d, const struct pmm_range *map, unsigned int nr)
{
	int err;

	ftrk_ready(d);
	err = d->hp->init(map, nr);
	if (!err)
		d->ft->vbase = d->vbase();
	return err;
}

/* What the hooks saw must be right whatever the model says. */
static void check_hooks(const struct dev_ops *d)
{
	struct pmm_stats st;
	const struct test_vmemmap *t = d->hp->vm;
	unsigned long page = 1UL << d->hp->params->page_shift;

	d->hp->stats(&st);
	ASSERT_MSG(st.altmap_pages == (unsigned long)d->ft->nlive,
		   "%s: altmap_pages %lu, but %ld pages of descriptors are backed from altmaps",
		   d->hp->name, st.altmap_pages, d->ft->nlive);
	ASSERT_MSG((long long)(st.memmap_bytes + st.altmap_pages * page) == t->populated,
		   "%s: memmap_bytes %llu + %lu altmap pages, but %lld bytes of vmemmap backed",
		   d->hp->name, st.memmap_bytes, st.altmap_pages, t->populated);
	ASSERT_MSG(t->live_reservations <= 1, "%s: %ld vmemmap reservations at once",
		   d->hp->name, t->live_reservations);
	/* each bad call once: the trackers keep the first one's words */
	ASSERT_MSG(d->ft->bad.count == d->ft->bad_seen,
		   "%s: %ld bad populate_from calls, first: %s", d->hp->name,
		   d->ft->bad.count, d->ft->bad.first);
	ASSERT_MSG(t->bad.count == d->ft->vm_bad_seen,
		   "%s: %ld bad vmemmap hook calls, first: %s", d->hp->name, t->bad.count,
		   t->bad.first);
	d->ft->bad_seen = d->ft->bad.count;
	d->ft->vm_bad_seen = t->bad.count;
}

/* ---------------------------------------------------------------------
 * Checks against the model (part 2, and the cases that keep one)
 * --------------------------------------------------------------------- */

/*
 * One PFN: validity, pagemap, and for a valid PFN a backed descriptor
 * that round-trips, its node and PG_reserved where the rules say, the
 * zone (ZONE_DEVICE or not), page->pgmap, and pfn_to_online_page, which
 * wants an online section, a valid unit and no pagemap.
 */
static void check_pfn(const struct dev_ops *d, const struct dmodel *x, unsigned long pfn)
{
	const struct hp_ops *o = d->hp;
	unsigned long r = pfn - x->base, u = r / x->m.unit, s = r / x->m.pps;
	int want = model_pfn_valid(&x->m, r), got = o->pfn_valid(pfn);
	int dev = x->dev[u], got_dev = d->pgmap_at(pfn);
	void *page, *online, *want_online = NULL;
	unsigned long flags;

	ASSERT_MSG(got_dev == dev, "%s: get_dev_pagemap(%#lx) is slot %d, expected %d",
		   o->name, pfn, got_dev, dev);
	if (got != want) {
		test_failf(__FILE__, __LINE__, "%s: pfn_valid(%#lx) = %d, expected %d (section "
			   "%lu: %lu valid units, early %d; unit valid %d)", o->name, pfn, got,
			   want, s, x->m.count[s], x->m.early[s], x->m.valid[u]);
		return;
	}
	online = d->hp->hot->pfn_to_online_page(pfn);
	if (!got) {
		ASSERT_MSG(!online, "%s: pfn_to_online_page(%#lx) = %p for an invalid PFN",
			   o->name, pfn, online);
		return;
	}
	page = o->pfn_to_page(pfn);
	if (!test_vmemmap_backed(o->vm, (unsigned long)page, hp_desc(o))) {
		test_failf(__FILE__, __LINE__, "%s: descriptor %p of valid PFN %#lx not backed",
			   o->name, page, pfn);
		return;
	}
	ASSERT_MSG(o->page_to_pfn(page) == pfn, "%s: page_to_pfn(pfn_to_page(%#lx)) = %#lx",
		   o->name, pfn, o->page_to_pfn(page));
	if (x->m.nid[r] >= 0)
		ASSERT_MSG(o->page_to_nid(page) == x->m.nid[r],
			   "%s: page_to_nid(%#lx) = %d, expected %d", o->name, pfn,
			   o->page_to_nid(page), x->m.nid[r]);
	flags = d->flags_at(pfn);
	if (x->resv[r] >= 0)
		ASSERT_MSG((int)(flags >> PMM_PG_RESERVED & 1) == x->resv[r],
			   "%s: PG_reserved of %#lx is %lu, expected %d (flags %#lx)", o->name,
			   pfn, flags >> PMM_PG_RESERVED & 1, x->resv[r], flags);
	ASSERT_MSG(d->zone_device_at(pfn) == (dev >= 0),
		   "%s: is_zone_device_page(%#lx) = %d, expected %d", o->name, pfn,
		   d->zone_device_at(pfn), dev >= 0);
	ASSERT_MSG(d->page_pgmap_at(pfn) == dev, "%s: page_pgmap(%#lx) is slot %d, expected %d",
		   o->name, pfn, d->page_pgmap_at(pfn), dev);
	if (x->online[s] && x->m.valid[u] && dev < 0)
		want_online = page;
	ASSERT_MSG(online == want_online, "%s: pfn_to_online_page(%#lx) = %p, expected %p "
		   "(section online %d, unit valid %d, pagemap %d)", o->name, pfn, online,
		   want_online, x->online[s], x->m.valid[u], dev);
}

/* Section flags of window section @s (relative number). */
static void check_section(const struct dev_ops *d, const struct dmodel *x, unsigned long s)
{
	const struct hp_ops *o = d->hp;
	unsigned long nr = (x->base / x->m.pps) + s;

	ASSERT_MSG(o->present_section_nr(nr) == dm_present(x, s),
		   "%s: present_section_nr(%lu) = %d, expected %d", o->name, nr,
		   o->present_section_nr(nr), dm_present(x, s));
	ASSERT_MSG(o->early_section_nr(nr) == dm_early(x, s),
		   "%s: early_section_nr(%lu) = %d, expected %d", o->name, nr,
		   o->early_section_nr(nr), dm_early(x, s));
	ASSERT_MSG(d->online_section_nr(nr) == (dm_present(x, s) && x->online[s]),
		   "%s: online_section_nr(%lu) = %d, expected %d", o->name, nr,
		   d->online_section_nr(nr), dm_present(x, s) && x->online[s]);
}

static void check_stats(const struct dev_ops *d, const struct dmodel *x)
{
	const struct hp_ops *o = d->hp;
	struct pmm_stats st;

	o->stats(&st);
	ASSERT_MSG(st.ram_pages == x->m.ram, "%s: ram_pages %lu, expected %lu", o->name,
		   st.ram_pages, x->m.ram);
	ASSERT_MSG(st.device_pages == x->device_pages, "%s: device_pages %lu, expected %lu",
		   o->name, st.device_pages, x->device_pages);
	ASSERT_MSG(st.altmap_pages == x->altmap_pages, "%s: altmap_pages %lu, expected %lu",
		   o->name, st.altmap_pages, x->altmap_pages);
	ASSERT_MSG(st.memmap_bytes == (unsigned long long)x->normal_pages * x->page,
		   "%s: memmap_bytes %llu, expected %lu pages (%llu)", o->name, st.memmap_bytes,
		   x->normal_pages, (unsigned long long)x->normal_pages * x->page);
	ASSERT_MSG(st.nr_present_sections == x->m.present,
		   "%s: nr_present_sections %lu, expected %lu", o->name,
		   st.nr_present_sections, x->m.present);
	ASSERT_MSG(st.memmap_pages == x->m.present * x->m.pps,
		   "%s: memmap_pages %lu, expected %lu", o->name, st.memmap_pages,
		   x->m.present * x->m.pps);
	check_hooks(d);
}

/* Every altmap's alloc, as the model counts the pages it gave. */
static void check_allocs(const struct dev_ops *d, const struct dmodel *x)
{
	struct dam a;
	int id;

	for (id = 0; id < DM_NR_IDS; id++) {
		if (id >= DM_NR_AM && (x->pg_nid[id - DM_NR_AM] < 0 ||
				       !(x->pg[id - DM_NR_AM].flags & PMM_PGMAP_ALTMAP_VALID)))
			continue;
		d->am_get(id, &a);
		ASSERT_MSG(a.alloc == x->am_alloc[id], "%s: altmap %d: alloc %lu, expected %lu",
			   d->hp->name, id, a.alloc, x->am_alloc[id]);
	}
}

/* Everything in the window, PFN by PFN. */
static void check_deep(const struct dev_ops *d, const struct dmodel *x)
{
	unsigned long pfn, s;

	for (pfn = x->base; pfn < x->base + x->m.max_pfn && !hp_quota_spent(); pfn++)
		check_pfn(d, x, pfn);
	for (s = 0; s < x->m.nr_sections; s++)
		check_section(d, x, s);
	check_stats(d, x);
	check_allocs(d, x);
}

/* ---------------------------------------------------------------------
 * Part 1: one rule per case
 * --------------------------------------------------------------------- */

/* dx, dn, dz: the PFN arithmetic the cases spell out */
#define X_PPS		0x8000UL	/* PFNs per 128 MiB section */
#define X_SUB		0x200UL		/* PFNs per 2 MiB sub-section */
#define X_PAGE		4096UL

/*
 * The cases' map for the 4 KiB instances (PFNs, hex):
 *
 *	section   0 [0-7fff]            1 [8000-ffff]  2 [10000-17fff]  3..
 *	RAM       [0   1000)                           [10000 ...  18000)
 *	node       0    holes: 1                         1
 *	subs      0-7 valid, 8-63 hole   absent          all valid        absent
 *
 * Holes of section 0 take the node of the next range above (1).  Boot
 * RAM 0x9000 pages; two early, online sections whose memmaps (2 MiB
 * each) are backed whole: memmap_bytes 4 MiB.
 */
static const struct pmm_range x_map[] = {
	{ 0x0, 0x1000, 0 },
	{ 0x10000, 0x18000, 1 },
};
#define X_RAM		0x9000UL
#define X_MEMMAP	(4UL << 20)

/* A case's start on @d: booted by hp_case_boot, the altmap tracker told. */
static int case_init(const struct dev_ops *d, const struct pmm_range *map, unsigned int nr)
{
	ftrk_ready(d);
	if (hp_case_boot(d->hp, map, nr))
		return -1;
	d->ft->vbase = d->vbase();
	return 0;
}

/* After pmm_exit, beside hotplug.h's checks: no pagemap or altmap page left. */
static void check_exited_device(const struct dev_ops *d)
{
	struct pmm_stats st;

	d->hp->stats(&st);
	ASSERT_MSG(st.device_pages == 0 && st.altmap_pages == 0 && d->ft->nlive == 0,
		   "%s: after exit device_pages %lu altmap_pages %lu, %ld altmap pages live",
		   d->hp->name, st.device_pages, st.altmap_pages, d->ft->nlive);
	check_hooks(d);
}

static void case_exit(const struct dev_ops *d)
{
	hp_case_end(d->hp);
	check_exited_device(d);
}

/* The stats that stats_expect_equal leaves out, and the altmap hook. */
struct dev_snap {
	struct hp_snap hp;
	unsigned long device_pages, altmap_pages;
	long nlive;
};

static void dsnap_take(const struct dev_ops *d, struct dev_snap *s)
{
	snap_take(d->hp, &s->hp);
	s->device_pages = s->hp.st.device_pages;
	s->altmap_pages = s->hp.st.altmap_pages;
	s->nlive = d->ft->nlive;
}

/*
 * The same without counting backed pages one by one (a scan of the whole
 * vmemmap reservation): the random run's per-step snapshot.  The
 * tracker's byte count of backing is exact all the same.
 */
static void dsnap_take_light(const struct dev_ops *d, struct dev_snap *s)
{
	memset(s, 0, sizeof(*s));
	d->hp->stats(&s->hp.st);
	s->hp.blocks = test_alloc_live_blocks;
	s->hp.bytes = test_alloc_live_bytes;
	s->hp.hosted = pmm_hosted_live;
	s->hp.populated = d->hp->vm->populated;
	s->device_pages = s->hp.st.device_pages;
	s->altmap_pages = s->hp.st.altmap_pages;
	s->nlive = d->ft->nlive;
}

static void dsnap_expect_same_light(const struct dev_ops *d, const struct dev_snap *s,
				    const char *what)
{
	struct dev_snap now;

	dsnap_take_light(d, &now);
	stats_expect_equal(&s->hp.st, &now.hp.st, what);
	ASSERT_MSG(now.hp.blocks == s->hp.blocks && now.hp.bytes == s->hp.bytes &&
		   now.hp.hosted == s->hp.hosted && now.hp.populated == s->hp.populated,
		   "%s: %ld blocks %lld bytes allocated, hosted %llu, vmemmap %lld; were "
		   "%ld, %lld, %llu and %lld", what, now.hp.blocks, now.hp.bytes,
		   now.hp.hosted, now.hp.populated, s->hp.blocks, s->hp.bytes, s->hp.hosted,
		   s->hp.populated);
	ASSERT_MSG(now.device_pages == s->device_pages && now.altmap_pages == s->altmap_pages &&
		   now.nlive == s->nlive, "%s: device_pages %lu altmap_pages %lu, %ld altmap "
		   "pages live; were %lu, %lu, %ld", what, now.device_pages, now.altmap_pages,
		   now.nlive, s->device_pages, s->altmap_pages, s->nlive);
}


static void dsnap_expect_same(const struct dev_ops *d, const struct dev_snap *s,
			      const char *what)
{
	struct pmm_stats st;

	snap_expect_same(d->hp, &s->hp, what);
	d->hp->stats(&st);
	ASSERT_MSG(st.device_pages == s->device_pages && st.altmap_pages == s->altmap_pages,
		   "%s: device_pages %lu altmap_pages %lu, were %lu and %lu", what,
		   st.device_pages, st.altmap_pages, s->device_pages, s->altmap_pages);
	ASSERT_MSG(d->ft->nlive == s->nlive, "%s: %ld altmap pages live, were %ld", what,
		   d->ft->nlive, s->nlive);
}

/*
 * What a span looks like from outside: per sampled PFN its validity,
 * pagemap, online page and (valid) node and flags.
 */
#define VIEW_MAX	4096
struct span_view {
	unsigned long pfn[VIEW_MAX], flags[VIEW_MAX], section[VIEW_MAX];
	void *online[VIEW_MAX];
	int valid[VIEW_MAX], pgmap[VIEW_MAX], nid[VIEW_MAX];
	int n;
};

static struct span_view view_before;

static void view_take(const struct dev_ops *d, struct span_view *v, unsigned long lo,
		      unsigned long hi)
{
	unsigned long step = (hi - lo + VIEW_MAX - 1) / VIEW_MAX, pfn;

	v->n = 0;
	if (hi <= lo || hi > hp_max_pfn(d->hp))
		return;
	for (pfn = lo; pfn < hi && v->n < VIEW_MAX; pfn += step ? step : 1) {
		int i = v->n++;

		v->pfn[i] = pfn;
		v->valid[i] = d->hp->pfn_valid(pfn);
		v->pgmap[i] = d->pgmap_at(pfn);
		v->online[i] = d->hp->hot->pfn_to_online_page(pfn);
		v->nid[i] = v->valid[i] ? d->hp->pfn_to_nid(pfn) : -1;
		v->flags[i] = v->valid[i] ? d->flags_at(pfn) : 0;
		v->section[i] = d->section_at(pfn);
	}
}

static void view_expect_same(const struct dev_ops *d, const struct span_view *v,
			     const char *what)
{
	static struct span_view now;
	int i;

	now.n = 0;
	if (v->n)
		view_take(d, &now, v->pfn[0], v->pfn[v->n - 1] + 1);
	for (i = 0; i < v->n && i < now.n; i++) {
		if (v->valid[i] == now.valid[i] && v->pgmap[i] == now.pgmap[i] &&
		    v->online[i] == now.online[i] && v->nid[i] == now.nid[i] &&
		    v->flags[i] == now.flags[i] && v->section[i] == now.section[i])
			continue;
		test_failf(__FILE__, __LINE__, "%s: PFN %#lx changed: valid %d->%d, pagemap "
			   "%d->%d, online %p->%p, node %d->%d, flags %#lx->%#lx, section_mem_map "
			   "%#lx->%#lx", what, v->pfn[i], v->valid[i], now.valid[i], v->pgmap[i],
			   now.pgmap[i], v->online[i], now.online[i], v->nid[i], now.nid[i],
			   v->flags[i], now.flags[i], v->section[i], now.section[i]);
		break;
	}
}

/*
 * A request that must fail with @err (a set of allowed -errnos when
 * @err2 differs) and change nothing: stats, allocations, vmemmap backing,
 * altmap pages, and [lo, hi) as seen from outside.
 */
#define DEV_REFUSED2(d, err, err2, lo, hi, call)				\
	do {									\
		struct dev_snap s_;						\
		int rc_;							\
										\
		view_take((d), &view_before, (lo), (hi));			\
		dsnap_take((d), &s_);						\
		rc_ = (call);							\
		ASSERT_MSG(rc_ == (err) || rc_ == (err2), "%s: %s = %d, expected %d", \
			   (d)->hp->name, #call, rc_, (err));			\
		dsnap_expect_same((d), &s_, #call);				\
		view_expect_same((d), &view_before, #call);			\
	} while (0)
#define DEV_REFUSED(d, err, lo, hi, call)	DEV_REFUSED2(d, err, err, lo, hi, call)

/*
 * A request under fault injection: 0 (the fault was not reached), or
 * -ENOMEM with nothing changed.  The result goes to @rc.
 */
#define DEV_MAYFAIL(d, lo, hi, call, rc)					\
	do {									\
		struct dev_snap s_;						\
										\
		view_take((d), &view_before, (lo), (hi));			\
		dsnap_take((d), &s_);						\
		(rc) = (call);							\
		if (rc) {							\
			ASSERT_MSG((rc) == -ENOMEM, "%s: %s = %d, expected -ENOMEM " \
				 "or 0", (d)->hp->name, #call, (rc));		\
			dsnap_expect_same((d), &s_, #call);			\
			view_expect_same((d), &view_before, #call);		\
		}								\
	} while (0)

#define DEV_OK(d, call)								\
	do {									\
		int rc_ = (call);						\
										\
		ASSERT_MSG(rc_ == 0, "%s: %s = %d, expected 0", (d)->hp->name,	\
			   #call, rc_);						\
	} while (0)

/* get_dev_pagemap of every PFN of [lo, hi) is slot @slot (-1: none) */
static void expect_pgmap(const struct dev_ops *d, unsigned long lo, unsigned long hi,
			 int slot)
{
	unsigned long pfn = hp_first_other(lo, hi, d->pgmap_at, slot);

	ASSERT_MSG(pfn == hi, "%s: get_dev_pagemap(%#lx) is slot %d, expected %d for "
		   "[%#lx, %#lx)", d->hp->name, pfn, pfn < hi ? d->pgmap_at(pfn) : 0, slot,
		   lo, hi);
}

/* [lo, hi) online (a page) or not (NULL) */
static void expect_online(const struct dev_ops *d, unsigned long lo, unsigned long hi,
			  int online)
{
	unsigned long pfn;

	for (pfn = lo; pfn < hi; pfn++)
		if ((d->hp->hot->pfn_to_online_page(pfn) != NULL) != online ||
		    (online && d->hp->hot->pfn_to_online_page(pfn) != d->hp->pfn_to_page(pfn)))
			break;
	ASSERT_MSG(pfn == hi, "%s: pfn_to_online_page(%#lx) %s, expected %s for [%#lx, %#lx)",
		   d->hp->name, pfn, online ? "wrong" : "not NULL", online ? "the page" : "NULL",
		   lo, hi);
}

/*
 * Device pages of [lo, hi): valid, reserved, ZONE_DEVICE, pointing to
 * slot @slot, on node @nid, never online.
 */
static void expect_device(const struct dev_ops *d, unsigned long lo, unsigned long hi,
			  int slot, int nid)
{
	unsigned long pfn;

	expect_valid(d->hp, lo, hi, 1);
	expect_pgmap(d, lo, hi, slot);
	expect_online(d, lo, hi, 0);
	for (pfn = lo; pfn < hi; pfn++) {
		if (!d->hp->pfn_valid(pfn))
			return;
		if (!(d->flags_at(pfn) & 1UL << PMM_PG_RESERVED) || !d->zone_device_at(pfn) ||
		    d->page_pgmap_at(pfn) != slot ||
		    d->hp->page_to_nid(d->hp->pfn_to_page(pfn)) != nid)
			break;
	}
	ASSERT_MSG(pfn == hi, "%s: device PFN %#lx: flags %#lx, zone device %d, page_pgmap "
		   "%d, node %d; expected reserved, 1, %d, %d", d->hp->name, pfn,
		   d->flags_at(pfn), d->zone_device_at(pfn), d->page_pgmap_at(pfn),
		   d->hp->page_to_nid(d->hp->pfn_to_page(pfn)), slot, nid);
}

/* Reserved holes of an early section on node @nid: valid, zone 0, no pagemap. */
static void expect_hole(const struct dev_ops *d, unsigned long lo, unsigned long hi, int nid)
{
	unsigned long pfn;

	expect_valid(d->hp, lo, hi, 1);
	expect_pgmap(d, lo, hi, -1);
	expect_online(d, lo, hi, 0);
	for (pfn = lo; pfn < hi; pfn++) {
		if (!d->hp->pfn_valid(pfn))
			return;
		if (!(d->flags_at(pfn) & 1UL << PMM_PG_RESERVED) || d->zone_device_at(pfn) ||
		    d->page_pgmap_at(pfn) != -1 ||
		    d->hp->page_to_nid(d->hp->pfn_to_page(pfn)) != nid)
			break;
	}
	ASSERT_MSG(pfn == hi, "%s: hole PFN %#lx: flags %#lx, zone device %d, page_pgmap %d, "
		   "node %d; expected reserved, 0, -1, %d", d->hp->name, pfn, d->flags_at(pfn),
		   d->zone_device_at(pfn), d->page_pgmap_at(pfn),
		   d->hp->page_to_nid(d->hp->pfn_to_page(pfn)), nid);
}

static void expect_figures(const struct dev_ops *d, unsigned long ram, unsigned long dev,
			   unsigned long altmap, unsigned long long memmap,
			   unsigned long present)
{
	struct pmm_stats st;

	d->hp->stats(&st);
	ASSERT_MSG(st.ram_pages == ram && st.device_pages == dev && st.altmap_pages == altmap &&
		   st.memmap_bytes == memmap && st.nr_present_sections == present,
		   "%s: ram %#lx device %#lx altmap %lu memmap_bytes %#llx present %lu; "
		   "expected %#lx %#lx %lu %#llx %lu", d->hp->name, st.ram_pages,
		   st.device_pages, st.altmap_pages, st.memmap_bytes, st.nr_present_sections,
		   ram, dev, altmap, memmap, present);
	check_hooks(d);
}

static void expect_boot_figures(const struct dev_ops *d)
{
	struct pmm_stats st;

	expect_stats_boot(d->hp);
	d->hp->stats(&st);
	ASSERT_MSG(st.device_pages == 0 && st.altmap_pages == 0,
		   "%s: device_pages %lu altmap_pages %lu back at boot", d->hp->name,
		   st.device_pages, st.altmap_pages);
	check_hooks(d);
}

/* A pagemap of @type over one range, in the embedded range field. */
static void pg_one(struct dreq *q, unsigned int type, unsigned long start, unsigned long end)
{
	memset(q, 0, sizeof(*q));
	q->type = type;
	q->nr_range = 1;
	q->embedded = 1;
	q->cbs = DM_CB_FREE | DM_CB_MIGRATE;
	q->owner = 1;
	q->r[0].start_pfn = start;
	q->r[0].end_pfn = end;
}

/* A pagemap of @type with no range yet, no callbacks and no owner. */
static void pg_bare(struct dreq *q, unsigned int type)
{
	memset(q, 0, sizeof(*q));
	q->type = type;
}

/* One more range, in the ranges array: no longer the embedded field. */
static void pg_add_range(struct dreq *q, unsigned long start, unsigned long end)
{
	q->r[q->nr_range].start_pfn = start;
	q->r[q->nr_range].end_pfn = end;
	q->nr_range++;
	q->embedded = 0;
}

static void pg_altmap(struct dreq *q, unsigned long reserve, unsigned long free,
		      unsigned long align)
{
	q->flags |= PMM_PGMAP_ALTMAP_VALID;
	q->am.base_pfn = q->r[0].start_pfn;
	q->am.end_pfn = q->r[0].end_pfn - 1;
	q->am.reserve = reserve;
	q->am.free = free;
	q->am.align = align;
	q->am.alloc = 0;
}

/* Pagemap @slot: one pg_one() range, every callback, an owner. */
static void put_pagemap(const struct dev_ops *d, int slot, unsigned int type,
			unsigned long start, unsigned long end)
{
	struct dreq q;

	pg_one(&q, type, start, end);
	d->pg_put(slot, &q);
}

static void am_set(struct dam *a, unsigned long base, unsigned long end,
		   unsigned long reserve, unsigned long free, unsigned long align)
{
	a->base_pfn = base;
	a->end_pfn = end;
	a->reserve = reserve;
	a->free = free;
	a->align = align;
	a->alloc = 0;
}

/* Altmap @id of the pool pmm_add_pages takes from, nothing handed out yet. */
static void put_altmap(const struct dev_ops *d, int id, unsigned long base,
		       unsigned long end, unsigned long reserve, unsigned long free,
		       unsigned long align)
{
	struct dam a;

	am_set(&a, base, end, reserve, free, align);
	d->am_put(id, &a);
}

static unsigned long am_alloc(const struct dev_ops *d, int id)
{
	struct dam a;

	d->am_get(id, &a);
	return a.alloc;
}

/* Pagemap slot 0 as @q says: memremap refused with @err, [lo, hi) untouched. */
#define EXPECT_MEMREMAP_REFUSED(d, q, err, lo, hi)				\
	do {									\
		(d)->pg_put(0, &(q));						\
		DEV_REFUSED((d), (err), (lo), (hi), (d)->memremap(0, 0));	\
	} while (0)

/* Most cases start from x_map on @d: 0, or the failed init reported. */
static int boot_x(const struct dev_ops *d)
{
	return case_init(d, x_map, HP_ARRAY_SIZE(x_map));
}

/* The case undid all it did: boot's figures, then an exit that frees all. */
static void expect_boot_then_exit(const struct dev_ops *d)
{
	expect_boot_figures(d);
	case_exit(d);
}

/*
 * Fail the Nth allocation (@populate: the Nth vmemmap populate) of
 * memremap of @slot, N = 1, 2, ... below @max, until the map succeeds;
 * each failure must be -ENOMEM with [lo, hi) untouched, and the success
 * is unmapped again.  Returns how many failed.
 */
static int memremap_fail_each_step(const struct dev_ops *d, int slot, int populate,
				   unsigned long lo, unsigned long hi, int max)
{
	int i, rc;

	for (i = 1; i < max; i++) {
		if (populate)
			d->hp->vm->populate_fail_at = i;
		else
			test_alloc_fail_at = i;
		DEV_MAYFAIL(d, lo, hi, d->memremap(slot, 0), rc);
		test_alloc_fail_at = 0;
		d->hp->vm->populate_fail_at = 0;
		if (!rc) {
			DEV_OK(d, d->memunmap(slot));
			break;
		}
	}
	return i - 1;
}

/* section_mem_map's SECTION_TAINT_ZONE_DEVICE (include/linux/mmzone.h, 6.1) */
#define X_TAINT		(1UL << 4)

/*
 * altmap_alloc_block_buf (Linux 6.12, mm/sparse-vmemmap.c), worked by
 * hand in the seven cases below: a request of n pages starts at
 * next = base + reserve + alloc + align, padded up to the lowest set bit
 * of n; the padding is added to align and the n pages to alloc, and a
 * request fails, changing nothing, when free cannot hold them.
 *
 * An altmap filled request by request until nothing fits (dx, 4 KiB
 * pages):
 *
 *	altmap {base 0x1000, reserve 2, free 16}
 *	request   next                    pad  returns  alloc align
 *	1 page    0x1000+2+0+0 = 0x1002   0    0x1002   1     0
 *	4 pages   0x1003 -> align 4       1    0x1004   5     1
 *	8 pages   0x1008 (aligned)        0    0x1008   13    1
 *	3 pages   0x1010, 3 > 16 - 14             fails: unchanged
 *	2 pages   0x1010                  0    0x1010   15    1
 *	1 page    16 - 16 = 0 left                fails
 *	4095, 4097, 0 bytes: not whole pages      fail
 *	vmem_altmap_offset = reserve + free = 18; vmem_altmap_free(5): alloc 10
 *
 * Expect the returns, alloc and align of the table, and ~0UL with alloc
 * and align unchanged for each request that fails.
 */
static int dev_altmap_arith_fill(void)
{
	struct pmm_dx_vmem_altmap a = { 0x1000, 0x1fff, 2, 16, 0, 0 };

	ASSERT_EQ(0x1002, pmm_dx_altmap_alloc_block_buf(X_PAGE, &a));
	ASSERT_EQ(1, a.alloc);
	ASSERT_EQ(0, a.align);
	ASSERT_EQ(0x1004, pmm_dx_altmap_alloc_block_buf(4 * X_PAGE, &a));
	ASSERT_EQ(5, a.alloc);
	ASSERT_EQ(1, a.align);
	ASSERT_EQ(0x1008, pmm_dx_altmap_alloc_block_buf(8 * X_PAGE, &a));
	ASSERT_EQ(13, a.alloc);
	ASSERT_EQ(1, a.align);
	ASSERT_EQ(~0UL, pmm_dx_altmap_alloc_block_buf(3 * X_PAGE, &a));
	ASSERT_EQ(13, a.alloc);
	ASSERT_EQ(1, a.align);
	ASSERT_EQ(0x1010, pmm_dx_altmap_alloc_block_buf(2 * X_PAGE, &a));
	ASSERT_EQ(15, a.alloc);
	ASSERT_EQ(~0UL, pmm_dx_altmap_alloc_block_buf(X_PAGE, &a));
	ASSERT_EQ(~0UL, pmm_dx_altmap_alloc_block_buf(X_PAGE - 1, &a));
	ASSERT_EQ(~0UL, pmm_dx_altmap_alloc_block_buf(X_PAGE + 1, &a));
	ASSERT_EQ(~0UL, pmm_dx_altmap_alloc_block_buf(0, &a));
	ASSERT_EQ(15, a.alloc);
	ASSERT_EQ(1, a.align);
	/* vmem_altmap_offset = reserve + free; vmem_altmap_free: alloc -= n */
	ASSERT_EQ(18, pmm_dx_vmem_altmap_offset(&a));
	pmm_dx_vmem_altmap_free(&a, 5);
	ASSERT_EQ(10, a.alloc);
	ASSERT_EQ(1, a.align);
	return 0;
}

/*
 * An altmap whose base is not aligned: the padding of the first request
 * counts against free like the pages it skips.
 *
 *	altmap {base 0x2001, free 8}
 *	request   next     pad  returns  alloc align
 *	4 pages   0x2001   3    0x2004   4     3
 *	2 pages   0x2008   0    8 - 7 = 1 left: fails
 *	1 page    0x2008   0    0x2008   5     3
 *	1 page             nothing left: fails
 *
 * Expect the returns, alloc and align of the table.
 */
static int dev_altmap_arith_unaligned_base(void)
{
	struct pmm_dx_vmem_altmap b = { 0x2001, 0x2fff, 0, 8, 0, 0 };

	ASSERT_EQ(0x2004, pmm_dx_altmap_alloc_block_buf(4 * X_PAGE, &b));
	ASSERT_EQ(4, b.alloc);
	ASSERT_EQ(3, b.align);
	ASSERT_EQ(~0UL, pmm_dx_altmap_alloc_block_buf(2 * X_PAGE, &b));
	ASSERT_EQ(0x2008, pmm_dx_altmap_alloc_block_buf(X_PAGE, &b));
	ASSERT_EQ(5, b.alloc);
	ASSERT_EQ(~0UL, pmm_dx_altmap_alloc_block_buf(X_PAGE, &b));
	ASSERT_EQ(5, b.alloc);
	ASSERT_EQ(3, b.align);
	return 0;
}

/*
 * Pages that would fit but for their padding.
 *
 *	altmap {base 0x3001, free 6}
 *	4 pages from 0x3001: pad 3, 4 + 3 = 7 > 6       fails
 *
 * Expect ~0UL with alloc and align still 0.
 */
static int dev_altmap_arith_pad_overflows(void)
{
	struct pmm_dx_vmem_altmap c = { 0x3001, 0x3fff, 0, 6, 0, 0 };

	ASSERT_EQ(~0UL, pmm_dx_altmap_alloc_block_buf(4 * X_PAGE, &c));
	ASSERT_EQ(0, c.alloc);
	ASSERT_EQ(0, c.align);
	return 0;
}

/*
 * A PMD's worth of memmap (2 MiB, 512 pages), as vmemmap_populate asks
 * for it on x86_64.
 *
 *	altmap {base 0x10000, reserve 2, free 1024}
 *	request    next      pad  returns  alloc align
 *	512 pages  0x10002   510  0x10200  512   510
 *	512 pages  0x10400   0    1024 - 1022 = 2 left: fails
 *	2 pages    0x10400   0    0x10400  514   510
 *
 * Expect the returns, alloc and align of the table.
 */
static int dev_altmap_arith_pmd(void)
{
	struct pmm_dx_vmem_altmap p = { 0x10000, 0x1ffff, 2, 1024, 0, 0 };

	ASSERT_EQ(0x10200, pmm_dx_altmap_alloc_block_buf(512 * X_PAGE, &p));
	ASSERT_EQ(512, p.alloc);
	ASSERT_EQ(510, p.align);
	ASSERT_EQ(~0UL, pmm_dx_altmap_alloc_block_buf(512 * X_PAGE, &p));
	ASSERT_EQ(0x10400, pmm_dx_altmap_alloc_block_buf(2 * X_PAGE, &p));
	ASSERT_EQ(514, p.alloc);
	return 0;
}

/*
 * Requests that are not powers of two are padded to their lowest set
 * bit, and the padding can be what runs out.
 *
 *	altmap {base 0x4000, reserve 1, free 20}
 *	request    next     pad  returns  alloc align
 *	6 pages    0x4001   1    0x4002   6     1
 *	6 pages    0x4008   0    0x4008   12    1
 *	12 pages   0x400e   2    12 + 2 = 14 > 20 - 13 = 7: fails
 *
 * Expect the returns, alloc and align of the table.
 */
static int dev_altmap_arith_pad_runs_out(void)
{
	struct pmm_dx_vmem_altmap e = { 0x4000, 0x4fff, 1, 20, 0, 0 };

	ASSERT_EQ(0x4002, pmm_dx_altmap_alloc_block_buf(6 * X_PAGE, &e));
	ASSERT_EQ(6, e.alloc);
	ASSERT_EQ(1, e.align);
	ASSERT_EQ(0x4008, pmm_dx_altmap_alloc_block_buf(6 * X_PAGE, &e));
	ASSERT_EQ(12, e.alloc);
	ASSERT_EQ(~0UL, pmm_dx_altmap_alloc_block_buf(12 * X_PAGE, &e));
	ASSERT_EQ(12, e.alloc);
	ASSERT_EQ(1, e.align);
	return 0;
}

/*
 * The padding goes to the lowest set bit of the request, not to its
 * size.
 *
 *	altmap {base 0x5000, reserve 3, free 32}
 *	request    next     pad           returns  alloc align
 *	6 pages    0x5003   1 (to 2)      0x5004   6     1
 *	12 pages   0x500a   2 (to 4)      0x500c   18    3
 *
 * Expect the returns, alloc and align of the table.
 */
static int dev_altmap_arith_pad_to_lowest_bit(void)
{
	struct pmm_dx_vmem_altmap f = { 0x5000, 0x5fff, 3, 32, 0, 0 };

	ASSERT_EQ(0x5004, pmm_dx_altmap_alloc_block_buf(6 * X_PAGE, &f));
	ASSERT_EQ(6, f.alloc);
	ASSERT_EQ(1, f.align);
	ASSERT_EQ(0x500c, pmm_dx_altmap_alloc_block_buf(12 * X_PAGE, &f));
	ASSERT_EQ(18, f.alloc);
	ASSERT_EQ(3, f.align);
	return 0;
}

/*
 * 64 KiB pages (dk): the page is the unit, so 4 KiB is not a whole page.
 *
 *	altmap {base 0x100, free 4}
 *	request          returns
 *	2 pages (128 KiB) 0x100
 *	4 KiB             fails
 *	1 page            0x102    alloc 3
 *	vmem_altmap_offset = 0 + 4
 *
 * Expect the returns of the table, alloc 3 and an offset of 4.
 */
static int dev_altmap_arith_64k(void)
{
	struct pmm_dk_vmem_altmap k = { 0x100, 0x1ff, 0, 4, 0, 0 };

	ASSERT_EQ(0x100, pmm_dk_altmap_alloc_block_buf(2 * 65536UL, &k));
	ASSERT_EQ(~0UL, pmm_dk_altmap_alloc_block_buf(X_PAGE, &k));
	ASSERT_EQ(0x102, pmm_dk_altmap_alloc_block_buf(65536UL, &k));
	ASSERT_EQ(3, k.alloc);
	ASSERT_EQ(4, pmm_dk_vmem_altmap_offset(&k));
	return 0;
}

/*
 * Before pmm_init: no pagemap can be mapped or found, no altmap taken.
 *
 *	state:    not initialised
 *	pagemap 0 GENERIC [0x20000, 0x20400); altmap 0 {base 0x20000, free 16}
 *	requests  memremap, memunmap (of it and of NULL), add_pages and
 *	          remove_pages with the altmap
 *
 * Expect -EINVAL from memremap, memunmap and add_pages with an altmap,
 * NULL from get_dev_pagemap and pfn_to_online_page, nothing allocated.
 */
static int dev_requires_init(void)
{
	const struct dev_ops *d = &dx_dev;

	put_pagemap(d, 0, PMM_MEMORY_DEVICE_GENERIC, 0x20000, 0x20400);
	put_altmap(d, 0, 0x20000, 0x203ff, 0, 16, 0);
	ASSERT_EQ(-EINVAL, d->memremap(0, 0));
	ASSERT_EQ(-EINVAL, d->memunmap(0));
	ASSERT_EQ(-EINVAL, d->memunmap(-1));
	ASSERT_EQ(-EINVAL, d->add_pages(0, 0x20000, 0x400, 0));
	ASSERT_EQ(-EINVAL, d->remove_pages(0x20000, 0x400, 0));
	ASSERT_EQ(-1, d->pgmap_at(0x20000));
	ASSERT_TRUE(d->hp->hot->pfn_to_online_page(0) == NULL);
	ASSERT_EQ(0, am_alloc(d, 0));
	ASSERT_EQ(0, test_alloc_live_blocks);
	ASSERT_EQ(0, d->ft->calls);
	return 0;
}

/*
 * pmm_add_pages and pmm_remove_pages with an altmap, on dx (x_map):
 *
 *	section 4 [0x20000, 0x28000): absent
 *	add    [0x20000 ............ 0x20800)   four sub-sections: 0x800
 *	                                        descriptors of 64 bytes =
 *	                                        32 pages of memmap
 *	altmap {base 0x20000, end 0x207ff, reserve 3, free 40}: page k of
 *	       the memmap (descriptors of PFNs 0x20000 + 64k ...) from PFN
 *	       0x20003 + k
 *	remove                [0x20400 .. 0x20800)   with it
 *	remove [0x20000 .. 0x20400)                  with it
 *
 * Expect after the add alloc 32, altmap_pages 32, memmap_bytes still
 * 4 MiB, ram_pages + 0x800, the PFNs valid on node 0, not reserved and
 * never online (no memory block); after the first remove alloc 16 with
 * the first 16 PFNs still backing pages; after the second boot's figures.
 */
static int dev_altmap_add_remove(void)
{
	const struct dev_ops *d = &dx_dev;
	unsigned long k;
	int i;

	if (boot_x(d))
		return 0;
	put_altmap(d, 0, 0x20000, 0x207ff, 3, 40, 0);
	DEV_OK(d, d->add_pages(0, 0x20000, 0x800, 0));
	ASSERT_EQ(32, am_alloc(d, 0));
	ASSERT_EQ(32, d->ft->nlog);
	for (i = 0; i < d->ft->nlog; i++) {
		ASSERT_EQ(0x20003 + i, d->ft->log_pfn[i]);
		ASSERT_EQ(0x20000 / 64 + i, d->ft->log_idx[i]);
	}
	expect_figures(d, X_RAM + 0x800, 0, 32, X_MEMMAP, 3);
	expect_valid(d->hp, 0x20000, 0x20800, 1);
	expect_valid(d->hp, 0x1fff0, 0x20000, 0);
	expect_valid(d->hp, 0x20800, 0x20810, 0);
	expect_online(d, 0x20000, 0x20800, 0);	/* no memory block: never online */
	for (k = 0x20000; k < 0x20800; k += 0x81)
		ASSERT_EQ(0, d->hp->page_to_nid(d->hp->pfn_to_page(k)) |
			  (int)(d->flags_at(k) & 1UL << PMM_PG_RESERVED));

	DEV_OK(d, d->remove_pages(0x20400, 0x400, 0));
	ASSERT_EQ(16, am_alloc(d, 0));
	ASSERT_EQ(16, d->ft->nlive);
	for (k = 0x20003; k < 0x20003 + 16; k++)
		ASSERT_TRUE(ftrk_is_live(d->ft, k));
	expect_figures(d, X_RAM + 0x400, 0, 16, X_MEMMAP, 3);
	expect_valid(d->hp, 0x20400, 0x20800, 0);
	DEV_OK(d, d->remove_pages(0x20000, 0x400, 0));
	ASSERT_EQ(0, am_alloc(d, 0));
	expect_boot_then_exit(d);
	return 0;
}

/*
 * Altmap memory goes only with its own altmap (dx, x_map):
 *
 *	add    [0x20000 .. 0x20800) with altmap 0 {base 0x20000, reserve 3,
 *	       free 40}
 *	remove [0x20000 .. 0x20800) without an altmap             -EINVAL
 *	remove it with altmap 1 {base 0x20200}: not the one        -EINVAL
 *	remove [0x20000 .. 0x20a00) with altmap 0: past its end    -EINVAL
 *	remove [0x20000 .. 0x20800) with altmap 0                  0
 *
 * Expect each refusal to change nothing, and the last remove to give
 * back every page (alloc 0, boot's figures).
 */
static int dev_altmap_remove_needs_its_altmap(void)
{
	const struct dev_ops *d = &dx_dev;

	if (boot_x(d))
		return 0;
	put_altmap(d, 0, 0x20000, 0x207ff, 3, 40, 0);
	DEV_OK(d, d->add_pages(0, 0x20000, 0x800, 0));
	DEV_REFUSED(d, -EINVAL, 0x20000, 0x20800, d->remove_pages(0x20000, 0x800, -1));
	put_altmap(d, 1, 0x20200, 0x207ff, 0, 8, 0);
	DEV_REFUSED(d, -EINVAL, 0x20000, 0x20800, d->remove_pages(0x20000, 0x800, 1));
	DEV_REFUSED(d, -EINVAL, 0x20000, 0x20800, d->remove_pages(0x20000, 0xa00, 0));
	DEV_OK(d, d->remove_pages(0x20000, 0x800, 0));
	ASSERT_EQ(0, am_alloc(d, 0));
	expect_boot_then_exit(d);
	return 0;
}

/*
 * An altmap one page short of the memmap, then one exactly big enough
 * (dx, x_map):
 *
 *	add    [0x20000 .. 0x20800): 32 pages of memmap
 *	altmap {base 0x20000, reserve 3, free 31}      -ENOMEM
 *	altmap {base 0x20000, reserve 3, free 32}      0: the last page from
 *	                                               PFN 0x20003 + 31
 *
 * Expect -ENOMEM with alloc 0 and nothing changed, then the add to use
 * the altmap to its last page.
 */
static int dev_altmap_one_page_short(void)
{
	const struct dev_ops *d = &dx_dev;
	struct dam a;

	if (boot_x(d))
		return 0;
	am_set(&a, 0x20000, 0x207ff, 3, 31, 0);
	d->am_put(0, &a);
	DEV_REFUSED(d, -ENOMEM, 0x20000, 0x20800, d->add_pages(0, 0x20000, 0x800, 0));
	ASSERT_EQ(0, am_alloc(d, 0));
	a.free = 32;
	d->am_put(0, &a);
	DEV_OK(d, d->add_pages(0, 0x20000, 0x800, 0));
	ASSERT_EQ(0x20003 + 31, d->ft->log_pfn[31]);
	DEV_OK(d, d->remove_pages(0x20000, 0x800, 0));
	expect_boot_then_exit(d);
	return 0;
}

/*
 * An align already spent moves the first PFN and shrinks what is left
 * (dx, x_map):
 *
 *	add    [0x20000 .. 0x20800): 32 pages of memmap
 *	altmap {base 0x20000, reserve 1, free 34, align 2}: the first page
 *	       from 0x20000 + 1 + 2 = 0x20003; 34 - 2 = 32 left: fits
 *	altmap {base 0x20000, reserve 1, free 33, align 2}: 31 left  -ENOMEM
 *
 * Expect the memmap at PFNs 0x20003 .. 0x20022 (alloc 32), then -ENOMEM
 * with nothing changed.
 */
static int dev_altmap_align_spent(void)
{
	const struct dev_ops *d = &dx_dev;

	if (boot_x(d))
		return 0;
	put_altmap(d, 0, 0x20000, 0x207ff, 1, 34, 2);
	DEV_OK(d, d->add_pages(1, 0x20000, 0x800, 0));
	ASSERT_EQ(0x20003, d->ft->log_pfn[0]);
	ASSERT_EQ(0x20003 + 31, d->ft->log_pfn[31]);
	ASSERT_EQ(32, am_alloc(d, 0));
	DEV_OK(d, d->remove_pages(0x20000, 0x800, 0));
	put_altmap(d, 0, 0x20000, 0x207ff, 1, 33, 2);
	DEV_REFUSED(d, -ENOMEM, 0x20000, 0x20800, d->add_pages(1, 0x20000, 0x800, 0));
	expect_boot_then_exit(d);
	return 0;
}

/*
 * __add_pages' altmap rule (Linux 6.1, mm/memory_hotplug.c): the altmap
 * starts at the range and its reserve and free lie inside it (dx, x_map).
 *
 *	add [0x20000 .. 0x20800) with
 *	  {base 0x20200, free 40}                base is not the start  -EINVAL
 *	  {base 0x20000, reserve 0x700, free 0x101}  0x801 > 0x800      -EINVAL
 *	  {base 0x20000, end 0x207fe, free 40}   end short of the range -EINVAL
 *
 * Expect each refused with nothing changed.
 */
static int dev_altmap_off_add_pages_rule(void)
{
	const struct dev_ops *d = &dx_dev;

	if (boot_x(d))
		return 0;
	put_altmap(d, 0, 0x20200, 0x207ff, 0, 40, 0);
	DEV_REFUSED(d, -EINVAL, 0x20000, 0x20800, d->add_pages(0, 0x20000, 0x800, 0));
	put_altmap(d, 0, 0x20000, 0x207ff, 0x700, 0x101, 0);
	DEV_REFUSED(d, -EINVAL, 0x20000, 0x20800, d->add_pages(0, 0x20000, 0x800, 0));
	put_altmap(d, 0, 0x20000, 0x207fe, 0, 40, 0);
	DEV_REFUSED(d, -EINVAL, 0x20000, 0x20800, d->add_pages(0, 0x20000, 0x800, 0));
	expect_boot_then_exit(d);
	return 0;
}

/*
 * An early section keeps its boot memmap: nothing comes from the altmap
 * (dx, x_map).
 *
 *	section 0   [RAM 0-0xfff][hole 0x1000-0x13ff added, altmap 2][hole ...]
 *	altmap 2    {base 0x1000, end 0x13ff, reserve 0, free 0}
 *
 * Expect the add to succeed with alloc 0, no populate_from call,
 * altmap_pages 0 and ram_pages + 0x400, the added PFNs online (valid
 * sub-sections of an online section), and the remove to bring back
 * boot's figures.
 */
static int dev_altmap_early_section_keeps_memmap(void)
{
	const struct dev_ops *d = &dx_dev;
	long calls;

	if (boot_x(d))
		return 0;
	calls = d->ft->calls;
	put_altmap(d, 2, 0x1000, 0x13ff, 0, 0, 0);
	DEV_OK(d, d->add_pages(1, 0x1000, 0x400, 2));
	ASSERT_EQ(0, am_alloc(d, 2));
	ASSERT_EQ(calls, d->ft->calls);
	expect_figures(d, X_RAM + 0x400, 0, 0, X_MEMMAP, 2);
	expect_online(d, 0x1000, 0x1400, 1);	/* an online section's valid sub-sections */
	DEV_OK(d, d->remove_pages(0x1000, 0x400, 2));
	expect_figures(d, X_RAM, 0, 0, X_MEMMAP, 2);
	expect_boot_then_exit(d);
	return 0;
}

/*
 * Failures half-way through an add with an altmap give every page back
 * (dx, x_map):
 *
 *	add    [0x20000 .. 0x20800) with altmap {reserve 3, free 40}
 *	fault  the 5th vmemmap populate; then the 1st, 2nd, ... allocation
 *	       until the add succeeds
 *
 * Expect -ENOMEM each time with nothing changed and alloc 0, at least one
 * allocation to fail, and boot's figures at the end.
 */
static int dev_altmap_failure_gives_pages_back(void)
{
	const struct dev_ops *d = &dx_dev;
	int i;

	if (boot_x(d))
		return 0;
	put_altmap(d, 0, 0x20000, 0x207ff, 3, 40, 0);
	d->hp->vm->populate_fail_at = 5;
	DEV_REFUSED(d, -ENOMEM, 0x20000, 0x20800, d->add_pages(0, 0x20000, 0x800, 0));
	d->hp->vm->populate_fail_at = 0;
	ASSERT_EQ(0, am_alloc(d, 0));
	for (i = 1; i <= 4; i++) {
		int rc;

		test_alloc_fail_at = i;
		DEV_MAYFAIL(d, 0x20000, 0x20800, d->add_pages(0, 0x20000, 0x800, 0), rc);
		test_alloc_fail_at = 0;
		if (rc) {
			ASSERT_EQ(0, am_alloc(d, 0));
			continue;
		}
		/* no i-th allocation: it succeeded; undo */
		DEV_OK(d, d->remove_pages(0x20000, 0x800, 0));
		break;
	}
	ASSERT_MSG(i > 1, "dx: no allocation to fail in add_pages");
	expect_boot_then_exit(d);
	return 0;
}

/* dk's boot map: one section of RAM, 0x2000 PFNs of 64 KiB */
static const struct pmm_range k_map[] = { { 0x0, 0x2000, 0 } };

/*
 * 64 KiB pages (dk): a page of descriptors covers 1024 PFNs, 32
 * sub-sections, and an altmap request must own whole pages of them.
 *
 *	section 0   [RAM 0 .. 0x2000)
 *	add         [0x4000 .. 0x4020), one sub-section, altmap {free 1}
 *
 * Expect -EINVAL with nothing changed.
 */
static int dev_altmap_64k_subsection(void)
{
	const struct dev_ops *d = &dk_dev;

	if (case_init(d, k_map, HP_ARRAY_SIZE(k_map)))
		return 0;
	put_altmap(d, 0, 0x4000, 0x401f, 0, 1, 0);
	DEV_REFUSED(d, -EINVAL, 0x4000, 0x4400, d->add_pages(0, 0x4000, 0x20, 0));
	expect_boot_then_exit(d);
	return 0;
}

/*
 * Whole pages of descriptors from altmaps with 64 KiB pages (dk):
 *
 *	boot memmap  0x2000 descriptors of 64 bytes = 8 pages of 64 KiB
 *	add [0x4000 .. 0x4400) altmap 0 {free 4}: memmap page 0x10 at PFN
 *	    0x4000
 *	add [0x4400 .. 0x4c00) altmap 1 {reserve 2, free 2}: PFNs 0x4402,
 *	    0x4403
 *
 * Expect those PFNs, alloc 1 and 2, altmap_pages 3, memmap_bytes as at
 * boot, ram_pages + 0xc00; both removed, boot's figures.
 */
static int dev_altmap_64k_whole_pages(void)
{
	const struct dev_ops *d = &dk_dev;
	unsigned long long memmap;

	if (case_init(d, k_map, HP_ARRAY_SIZE(k_map)))
		return 0;
	memmap = hp_case_boot_stats.memmap_bytes;
	ASSERT_EQ(0x2000 * 64, memmap);		/* 8 pages of 64 KiB */
	put_altmap(d, 0, 0x4000, 0x43ff, 0, 4, 0);
	DEV_OK(d, d->add_pages(0, 0x4000, 0x400, 0));
	ASSERT_EQ(1, d->ft->nlog);
	ASSERT_EQ(0x4000, d->ft->log_pfn[0]);
	ASSERT_EQ(0x10, d->ft->log_idx[0]);
	ASSERT_EQ(1, am_alloc(d, 0));
	put_altmap(d, 1, 0x4400, 0x4bff, 2, 2, 0);
	DEV_OK(d, d->add_pages(1, 0x4400, 0x800, 1));
	ASSERT_EQ(2, d->ft->nlog);
	ASSERT_EQ(0x4402, d->ft->log_pfn[0]);
	ASSERT_EQ(0x4403, d->ft->log_pfn[1]);
	expect_figures(d, 0x2000 + 0xc00, 0, 3, memmap, 2);
	DEV_OK(d, d->remove_pages(0x4400, 0x800, 1));
	DEV_OK(d, d->remove_pages(0x4000, 0x400, 0));
	ASSERT_EQ(0, am_alloc(d, 0) + am_alloc(d, 1));
	expect_boot_then_exit(d);
	return 0;
}

/*
 * A page of descriptors from an altmap, shared (64 KiB pages, dk: a page
 * covers 1024 PFNs, 32 sub-sections) with memory added without one:
 *
 *	add [0x4000, 0x4800) with A {reserve 0x400, free 2}: memmap pages
 *	  0x10 (PFNs 0x4000..) and 0x11 at PFNs 0x4400 and 0x4401
 *	remove [0x4000, 0x4020) with A                  0 (or refused: below)
 *	add [0x4000, 0x4020) without an altmap: its descriptors are on page
 *	  0x10, from A                                  0, or refused (-EINVAL)
 *	remove [0x4020, 0x4400) with A                  0 (or refused)
 *	remove [0x4400, 0x4800) with A: PFN 0x4400 holds page 0x10, which
 *	  [0x4000, 0x4020) still uses                   -EINVAL or -EBUSY
 *	remove [0x4000, 0x4020) without an altmap: page 0x10 goes back to A
 *	remove [0x4400, 0x4800) with A
 *
 * A header may refuse altmap memory partly removed, or memory without an
 * altmap on an altmap's page: then the rest is undone whole.  Expect,
 * whatever it answers, page 0x10 back with A at the end: A's alloc 0,
 * altmap_pages 0, memmap_bytes as at boot (not a page less).
 */
static int dev_altmap_shared_page(void)
{
	const struct dev_ops *d = &dk_dev;
	int rc1, rc2 = -1, rc3 = -1;

	if (case_init(d, k_map, HP_ARRAY_SIZE(k_map)))
		return 0;
	put_altmap(d, 0, 0x4000, 0x47ff, 0x400, 2, 0);
	DEV_OK(d, d->add_pages(0, 0x4000, 0x800, 0));
	ASSERT_EQ(0x4400, d->ft->log_pfn[0]);
	ASSERT_EQ(0x4401, d->ft->log_pfn[1]);
	rc1 = d->remove_pages(0x4000, 0x20, 0);
	ASSERT_MSG(!rc1 || rc1 == -EINVAL || rc1 == -EBUSY, "dk: remove sub-section 0: %d", rc1);
	if (!rc1) {
		rc2 = d->add_pages(0, 0x4000, 0x20, -1);
		ASSERT_MSG(!rc2 || rc2 == -EINVAL, "dk: add without altmap on A's page: %d", rc2);
	}
	if (!rc2) {
		rc3 = d->remove_pages(0x4020, 0x3e0, 0);
		ASSERT_MSG(!rc3 || rc3 == -EINVAL || rc3 == -EBUSY, "dk: remove [0x4020, 0x4400): "
			   "%d", rc3);
	}
	if (!rc3)
		DEV_REFUSED2(d, -EINVAL, -EBUSY, 0x4000, 0x4800,
			     d->remove_pages(0x4400, 0x400, 0));
	if (!rc2)
		DEV_OK(d, d->remove_pages(0x4000, 0x20, -1));
	if (!rc3)
		DEV_OK(d, d->remove_pages(0x4400, 0x400, 0));
	else if (!rc1)
		DEV_OK(d, d->remove_pages(0x4020, 0x7e0, 0));
	else
		DEV_OK(d, d->remove_pages(0x4000, 0x800, 0));
	ASSERT_EQ(0, am_alloc(d, 0));
	expect_boot_then_exit(d);
	return 0;
}

/*
 * The memmap of altmap memory lives in its first PFNs: that memory cannot
 * go while the rest stays (dx, x_map):
 *
 *	add [0x20000, 0x20800) altmap A {free 32}: memmap at 0x20000..0x2001f
 *	remove [0x20000, 0x20200) with A: those PFNs back the descriptors of
 *	  [0x20200, 0x20800)                         -EINVAL or -EBUSY
 *	remove [0x20600, 0x20800) with A: fine (its memmap, PFNs
 *	  0x20018..0x2001f, stays valid memory), alloc 24; or refused, if
 *	  the header takes altmap memory whole only, as Linux does
 *	remove the rest with A
 *
 * Were the first removal taken, [0x20000, 0x20200) could be added again
 * with an altmap {reserve 8} that hands out 0x20008.. a second time.
 * Expect the first removal refused with nothing changed (alloc 32), the
 * tail's to give back 8 pages or be refused whole, and the rest to go
 * with alloc 0 and boot's figures.
 */
static int dev_altmap_partial_remove(void)
{
	const struct dev_ops *d = &dx_dev;
	int rc;

	if (boot_x(d))
		return 0;
	put_altmap(d, 0, 0x20000, 0x207ff, 0, 32, 0);
	DEV_OK(d, d->add_pages(0, 0x20000, 0x800, 0));
	DEV_REFUSED2(d, -EINVAL, -EBUSY, 0x20000, 0x20800, d->remove_pages(0x20000, X_SUB, 0));
	ASSERT_EQ(32, am_alloc(d, 0));
	rc = d->remove_pages(0x20600, X_SUB, 0);
	ASSERT_MSG(rc == 0 || rc == -EINVAL || rc == -EBUSY, "dx: remove the tail: %d", rc);
	ASSERT_EQ(rc ? 32 : 24, am_alloc(d, 0));
	DEV_OK(d, d->remove_pages(0x20000, rc ? 0x800 : 0x600, 0));
	ASSERT_EQ(0, am_alloc(d, 0));
	expect_boot_then_exit(d);
	return 0;
}

/*
 * An add whose altmap is one page short fails and leaves the altmap as
 * the caller had it, leftovers included (dx, x_map):
 *
 *	add    [0x20000 .. 0x20800): 32 pages of memmap
 *	altmap {base 0x20000, free 31, alloc 9}: 22 pages left     -ENOMEM
 *
 * Expect -ENOMEM with nothing changed and alloc still 9.
 */
static int dev_altmap_short_keeps_alloc(void)
{
	const struct dev_ops *d = &dx_dev;
	struct dam a;

	if (boot_x(d))
		return 0;
	am_set(&a, 0x20000, 0x207ff, 0, 31, 0);
	a.alloc = 9;
	d->am_put(0, &a);
	DEV_REFUSED(d, -ENOMEM, 0x20000, 0x20800, d->add_pages(0, 0x20000, 0x800, 0));
	ASSERT_EQ(9, am_alloc(d, 0));
	expect_boot_then_exit(d);
	return 0;
}

/*
 * pmm_remove_pages holds a request to the altmap its memory was added
 * with, known by its base_pfn (dx, x_map):
 *
 *	section 4   [A: 0x20000 ........ 0x20800)[B: 0x20800 .. 0x20c00)
 *	altmap 0    {base 0x20000, end 0x207ff, free 32}: A's
 *	altmap 1    {base 0x20800, end 0x20bff, free 16}: B's
 *
 *	request                     altmap given
 *	A's tail [0x20600, 0x20800) base 0x20200, inside A          -EINVAL
 *	A's tail                    base 0x1f800, covering A and B  -EINVAL
 *	A's tail                    B's base, end far above         -EINVAL
 *	B                           A's base, end moved over B      -EINVAL
 *	A and B at once             A's base, end over both         -EINVAL
 *	A's head [0x20000, 0x20200) altmap 0: the rest's memmap     -EBUSY
 *	A's tail, A's rest, B       their own                       0
 *
 * Expect each refusal to leave both altmaps' alloc (32, 16) and
 * everything else as it was, and the removes with their own altmaps to
 * give back 8, 24 and 16 pages.
 */
static int dev_altmap_identity(void)
{
	const struct dev_ops *d = &dx_dev;

	if (boot_x(d))
		return 0;
	put_altmap(d, 0, 0x20000, 0x207ff, 0, 32, 0);
	put_altmap(d, 1, 0x20800, 0x20bff, 0, 16, 0);
	DEV_OK(d, d->add_pages(0, 0x20000, 0x800, 0));
	DEV_OK(d, d->add_pages(0, 0x20800, 0x400, 1));
	ASSERT_EQ(32, am_alloc(d, 0));
	ASSERT_EQ(16, am_alloc(d, 1));
	put_altmap(d, 2, 0x20200, 0x207ff, 0, 32, 0);
	DEV_REFUSED(d, -EINVAL, 0x20000, 0x20c00, d->remove_pages(0x20600, X_SUB, 2));
	put_altmap(d, 3, 0x1f800, 0x20bff, 0, 64, 0);
	DEV_REFUSED(d, -EINVAL, 0x20000, 0x20c00, d->remove_pages(0x20600, X_SUB, 3));
	put_altmap(d, 2, 0x20800, 0x1ffffff, 0, 16, 16);
	DEV_REFUSED(d, -EINVAL, 0x20000, 0x20c00, d->remove_pages(0x20600, X_SUB, 2));
	put_altmap(d, 2, 0x20000, 0x20bff, 0, 32, 32);
	DEV_REFUSED(d, -EINVAL, 0x20000, 0x20c00, d->remove_pages(0x20800, 0x400, 2));
	DEV_REFUSED(d, -EINVAL, 0x20000, 0x20c00, d->remove_pages(0x20000, 0xc00, 2));
	ASSERT_EQ(32, am_alloc(d, 0));
	ASSERT_EQ(16, am_alloc(d, 1));
	DEV_REFUSED(d, -EBUSY, 0x20000, 0x20c00, d->remove_pages(0x20000, X_SUB, 0));
	DEV_OK(d, d->remove_pages(0x20600, X_SUB, 0));
	ASSERT_EQ(24, am_alloc(d, 0));
	DEV_OK(d, d->remove_pages(0x20000, 0x600, 0));
	DEV_OK(d, d->remove_pages(0x20800, 0x400, 1));
	ASSERT_EQ(0, am_alloc(d, 0));
	ASSERT_EQ(0, am_alloc(d, 1));
	expect_boot_then_exit(d);
	return 0;
}

/*
 * A memremap that fails takes back the taints it set, and only those
 * (dx, x_map): Linux taints only once the memory is added.  Here the
 * altmap is one page short:
 *
 *	section 4   [added 0x20000-0x201ff][pagemap 0x20200-0x205ff][free ...]
 *	pagemap     FS_DAX, altmap {free 15, alloc 7}: 0x400 descriptors
 *	            take 16 pages; node field 3, as the caller left it
 *
 * Expect -ENOMEM with nothing changed, section 4 untainted and the
 * pagemap's altmap alloc (7) and node (3) as the caller left them; then,
 * with free 16, the map to succeed and taint section 4.
 */
static int dev_failed_memremap_short_altmap(void)
{
	const struct dev_ops *d = &dx_dev;
	struct dreq q;

	if (boot_x(d))
		return 0;
	DEV_OK(d, d->add_pages(0, 0x20000, X_SUB, -1));
	pg_one(&q, PMM_MEMORY_DEVICE_FS_DAX, 0x20200, 0x20600);
	pg_altmap(&q, 0, 15, 0);
	q.am.alloc = 7;		/* the caller's leftovers: a failure keeps them */
	d->pg_put(0, &q);
	dx_pg[0].pmm_nid = 3;
	DEV_REFUSED(d, -ENOMEM, 0x20000, 0x20800, d->memremap(0, 0));
	ASSERT_EQ(0, d->section_at(0x20000) & X_TAINT);
	ASSERT_EQ(7, dx_pg[0].altmap.alloc);
	ASSERT_EQ(3, dx_pg[0].pmm_nid);
	pg_altmap(&q, 0, 16, 0);
	d->pg_put(0, &q);
	DEV_OK(d, d->memremap(0, 0));
	ASSERT_EQ(X_TAINT, d->section_at(0x20000) & X_TAINT);
	DEV_OK(d, d->memunmap(0));
	DEV_OK(d, d->remove_pages(0x20000, X_SUB, -1));
	expect_boot_then_exit(d);
	return 0;
}

/*
 * Slot 0: GENERIC over a hole of early section 0 and in absent section
 * 6, the pagemap of the two cases below.
 */
static void put_hole_and_absent_pagemap(const struct dev_ops *d)
{
	struct dreq q;

	pg_bare(&q, PMM_MEMORY_DEVICE_GENERIC);
	pg_add_range(&q, 0x2000, 0x2400);
	pg_add_range(&q, 0x30000, 0x30200);
	d->pg_put(0, &q);
}

/*
 * A failed memremap leaves an early section it would have tainted
 * untainted (dx, x_map):
 *
 *	section 0   [RAM 0-0xfff][hole][range 0: 0x2000-0x23ff][hole ...]
 *	section 6   absent: [range 1: 0x30000-0x301ff]
 *	fault       the first allocation (range 1's)
 *
 * Expect -ENOMEM with nothing changed and section 0 untainted; without
 * the fault, the map to succeed and taint section 0.
 */
static int dev_failed_memremap_hole(void)
{
	const struct dev_ops *d = &dx_dev;

	if (boot_x(d))
		return 0;
	put_hole_and_absent_pagemap(d);
	test_alloc_fail_at = 1;
	DEV_REFUSED(d, -ENOMEM, 0x2000, 0x2400, d->memremap(0, 0));
	test_alloc_fail_at = 0;
	ASSERT_EQ(0, d->section_at(0x2000) & X_TAINT);
	DEV_OK(d, d->memremap(0, 0));
	ASSERT_EQ(X_TAINT, d->section_at(0x2000) & X_TAINT);
	DEV_OK(d, d->memunmap(0));
	expect_boot_then_exit(d);
	return 0;
}

/*
 * A taint set for good is not a failed memremap's to take back (dx,
 * x_map):
 *
 *	section 0   [RAM 0-0xfff][hole][range 0: 0x2000-0x23ff][hole ...]
 *	            tainted by the pagemap mapped and unmapped, as in Linux
 *	section 6   absent: [range 1: 0x30000-0x301ff]
 *	the same pagemap again, its first allocation failing
 *
 * Expect section 0 tainted after the unmap, and -ENOMEM with nothing
 * changed: section 0 still tainted.
 */
static int dev_failed_memremap_old_taint(void)
{
	const struct dev_ops *d = &dx_dev;

	if (boot_x(d))
		return 0;
	put_hole_and_absent_pagemap(d);
	DEV_OK(d, d->memremap(0, 0));
	DEV_OK(d, d->memunmap(0));
	ASSERT_EQ(X_TAINT, d->section_at(0x2000) & X_TAINT);
	test_alloc_fail_at = 1;
	DEV_REFUSED(d, -ENOMEM, 0x2000, 0x2400, d->memremap(0, 0));
	test_alloc_fail_at = 0;
	ASSERT_EQ(X_TAINT, d->section_at(0x2000) & X_TAINT);
	case_exit(d);
	return 0;
}

/*
 * dx with memory of both other kinds beside boot's, the map of the two
 * cases below:
 *
 *	section 0   [RAM 0-0xfff][hole][add_pages 0x2000-0x21ff][hole ...]
 *	section 2   [RAM 0x10000-0x17fff]
 *	section 5   [add_pages 0x28000-0x281ff][free ...]
 *	section 6   [add_memory 0x30000-0x37fff, offline]
 */
static void add_pages_and_memory(const struct dev_ops *d)
{
	DEV_OK(d, d->add_pages(0, 0x2000, X_SUB, -1));
	DEV_OK(d, d->add_pages(0, 0x28000, X_SUB, -1));
	DEV_OK(d, d->hp->hot->add_memory(0, 0x30000, X_PPS));
}

static void remove_pages_and_memory(const struct dev_ops *d)
{
	DEV_OK(d, d->hp->hot->remove_memory(0x30000, X_PPS));
	DEV_OK(d, d->remove_pages(0x28000, X_SUB, -1));
	DEV_OK(d, d->remove_pages(0x2000, X_SUB, -1));
}

/*
 * memremap over memory pmm_add_pages added alone is -EEXIST, as Linux's
 * sparse_add_section gives it (that memory is in no System RAM
 * resource), in an early section's hole as in an absent section (dx,
 * add_pages_and_memory's map):
 *
 *	pagemap [0x2000, 0x2400)     over the pages added in section 0
 *	pagemap [0x27e00, 0x28200)   from section 4 into those of section 5
 *
 * Expect -EEXIST for each, with nothing changed.
 */
static int dev_memremap_added_pages_anywhere(void)
{
	const struct dev_ops *d = &dx_dev;
	struct dreq q;

	if (boot_x(d))
		return 0;
	add_pages_and_memory(d);
	pg_one(&q, PMM_MEMORY_DEVICE_GENERIC, 0x2000, 0x2400);
	EXPECT_MEMREMAP_REFUSED(d, q, -EEXIST, 0x2000, 0x2400);
	pg_one(&q, PMM_MEMORY_DEVICE_GENERIC, 0x27e00, 0x28200);
	EXPECT_MEMREMAP_REFUSED(d, q, -EEXIST, 0x27e00, 0x28200);
	remove_pages_and_memory(d);
	expect_boot_then_exit(d);
	return 0;
}

/*
 * memremap over System RAM is -ENXIO (region_intersects), boot's or
 * pmm_add_memory's, whatever pmm_add_pages memory lies beside it (dx,
 * add_pages_and_memory's map):
 *
 *	pagemap [0xe00, 0x1200)      boot RAM and section 0's hole
 *	pagemap [0x2200, 0x30200)    from section 0's hole over section 2's
 *	                             RAM and section 5's added pages into
 *	                             section 6's memory block
 *
 * Expect -ENXIO for each, with nothing changed.
 */
static int dev_memremap_ram_beside_added_pages(void)
{
	const struct dev_ops *d = &dx_dev;
	struct dreq q;

	if (boot_x(d))
		return 0;
	add_pages_and_memory(d);
	pg_one(&q, PMM_MEMORY_DEVICE_GENERIC, 0xe00, 0x1200);
	EXPECT_MEMREMAP_REFUSED(d, q, -ENXIO, 0xe00, 0x1200);
	pg_one(&q, PMM_MEMORY_DEVICE_GENERIC, 0x2200, 0x30200);
	EXPECT_MEMREMAP_REFUSED(d, q, -ENXIO, 0x2200, 0x30200);
	remove_pages_and_memory(d);
	expect_boot_then_exit(d);
	return 0;
}

/*
 * memremap_pages' refusals (Linux 6.1, mm/memremap.c), each leaving
 * stats, allocations, backing and the span's PFNs as they were.  The
 * cases below map over [X_LO, X_HI) in absent section 4 of x_map on dx
 * unless they say otherwise.
 */
#define X_LO		0x20000UL
#define X_HI		0x20400UL

/*
 * A pagemap that is no pagemap:
 *
 *	NULL                                        -EINVAL
 *	GENERIC, nr_range 0                         -EINVAL
 *	GENERIC, nr_range 2 but the ranges NULL     -EINVAL
 *	type 0, type 6 (no such type)               -EINVAL
 *
 * Expect each refused with nothing changed.
 */
static int dev_memremap_bad_pagemap(void)
{
	const struct dev_ops *d = &dx_dev;
	struct dreq q;

	if (boot_x(d))
		return 0;
	DEV_REFUSED(d, -EINVAL, X_LO, X_HI, pmm_dx_memremap_pages(NULL, 0));
	pg_one(&q, PMM_MEMORY_DEVICE_GENERIC, X_LO, X_HI);
	q.nr_range = 0;
	EXPECT_MEMREMAP_REFUSED(d, q, -EINVAL, X_LO, X_HI);
	q.nr_range = 2;
	EXPECT_MEMREMAP_REFUSED(d, q, -EINVAL, X_LO, X_HI);
	q.nr_range = 1;
	q.type = 0;
	EXPECT_MEMREMAP_REFUSED(d, q, -EINVAL, X_LO, X_HI);
	q.type = 6;
	EXPECT_MEMREMAP_REFUSED(d, q, -EINVAL, X_LO, X_HI);
	expect_boot_then_exit(d);
	return 0;
}

/*
 * DEVICE_PRIVATE needs both callbacks and an owner:
 *
 *	ops NULL                                  -EINVAL
 *	page_free only (no migrate_to_ram)        -EINVAL
 *	migrate_to_ram only (no page_free)        -EINVAL
 *	both, owner NULL                          -EINVAL
 *	both and an owner                         mapped on node 0
 *
 * Expect each of the first four refused with nothing changed, and the
 * last to map device pages of slot 0 on node 0.
 */
static int dev_memremap_private_needs_ops(void)
{
	const struct dev_ops *d = &dx_dev;
	struct dreq q;

	if (boot_x(d))
		return 0;
	pg_one(&q, PMM_MEMORY_DEVICE_PRIVATE, X_LO, X_HI);
	q.cbs = DM_CB_NOOPS;
	EXPECT_MEMREMAP_REFUSED(d, q, -EINVAL, X_LO, X_HI);
	q.cbs = DM_CB_FREE;
	EXPECT_MEMREMAP_REFUSED(d, q, -EINVAL, X_LO, X_HI);
	q.cbs = DM_CB_MIGRATE;
	EXPECT_MEMREMAP_REFUSED(d, q, -EINVAL, X_LO, X_HI);
	q.cbs = DM_CB_FREE | DM_CB_MIGRATE;
	q.owner = 0;
	EXPECT_MEMREMAP_REFUSED(d, q, -EINVAL, X_LO, X_HI);
	q.owner = 1;
	d->pg_put(0, &q);
	DEV_OK(d, d->memremap(0, 0));
	expect_device(d, X_LO, X_HI, 0, 0);
	DEV_OK(d, d->memunmap(0));
	expect_boot_then_exit(d);
	return 0;
}

/*
 * DEVICE_COHERENT needs page_free and an owner:
 *
 *	migrate_to_ram only (no page_free)        -EINVAL
 *	page_free, owner NULL                     -EINVAL
 *	page_free and an owner                    mapped on node 1
 *
 * Expect the first two refused with nothing changed, and the last to map
 * device pages of slot 0 on node 1.
 */
static int dev_memremap_coherent_needs_ops(void)
{
	const struct dev_ops *d = &dx_dev;
	struct dreq q;

	if (boot_x(d))
		return 0;
	pg_one(&q, PMM_MEMORY_DEVICE_COHERENT, X_LO, X_HI);
	q.cbs = DM_CB_MIGRATE;
	EXPECT_MEMREMAP_REFUSED(d, q, -EINVAL, X_LO, X_HI);
	q.cbs = DM_CB_FREE;
	q.owner = 0;
	EXPECT_MEMREMAP_REFUSED(d, q, -EINVAL, X_LO, X_HI);
	q.owner = 1;
	d->pg_put(0, &q);
	DEV_OK(d, d->memremap(0, 1));
	expect_device(d, X_LO, X_HI, 0, 1);
	DEV_OK(d, d->memunmap(0));
	expect_boot_then_exit(d);
	return 0;
}

/*
 * A flag memremap does not know, or a node that is none:
 *
 *	FS_DAX, flags 2                           -EINVAL
 *	FS_DAX on node -1, on node 64             -EINVAL
 *
 * Expect each refused with nothing changed.
 */
static int dev_memremap_bad_flags_or_node(void)
{
	const struct dev_ops *d = &dx_dev;
	struct dreq q;

	if (boot_x(d))
		return 0;
	pg_one(&q, PMM_MEMORY_DEVICE_FS_DAX, X_LO, X_HI);
	q.flags = 2;
	EXPECT_MEMREMAP_REFUSED(d, q, -EINVAL, X_LO, X_HI);
	q.flags = 0;
	d->pg_put(0, &q);
	DEV_REFUSED(d, -EINVAL, X_LO, X_HI, d->memremap(0, -1));
	DEV_REFUSED(d, -EINVAL, X_LO, X_HI, d->memremap(0, 64));
	expect_boot_then_exit(d);
	return 0;
}

/*
 * Ranges memremap cannot take (memremap_compat_align: a sub-section):
 *
 *	[0x20100, 0x20400)                        start off a sub-section
 *	[0x20000, 0x20300)                        end off a sub-section
 *	[0x20000, 0x20000)                        empty
 *	[0x20400, 0x20000)                        inverted
 *	[0x20000, 0x20400) + [0x20200, 0x20600)   overlapping
 *	[0x20000, 0x20400) twice                  overlapping
 *
 * Expect -EINVAL for each, with nothing changed.
 */
static int dev_memremap_bad_ranges(void)
{
	const struct dev_ops *d = &dx_dev;
	struct dreq q;

	if (boot_x(d))
		return 0;
	pg_one(&q, PMM_MEMORY_DEVICE_GENERIC, X_LO + 0x100, X_HI);
	EXPECT_MEMREMAP_REFUSED(d, q, -EINVAL, X_LO, X_HI);
	pg_one(&q, PMM_MEMORY_DEVICE_GENERIC, X_LO, X_HI - 0x100);
	EXPECT_MEMREMAP_REFUSED(d, q, -EINVAL, X_LO, X_HI);
	pg_one(&q, PMM_MEMORY_DEVICE_GENERIC, X_LO, X_LO);
	EXPECT_MEMREMAP_REFUSED(d, q, -EINVAL, X_LO, X_HI);
	pg_one(&q, PMM_MEMORY_DEVICE_GENERIC, X_HI, X_LO);
	EXPECT_MEMREMAP_REFUSED(d, q, -EINVAL, X_LO, X_HI);
	pg_one(&q, PMM_MEMORY_DEVICE_GENERIC, X_LO, X_HI);
	pg_add_range(&q, X_LO + 0x200, X_HI + 0x200);
	EXPECT_MEMREMAP_REFUSED(d, q, -EINVAL, X_LO, X_HI + 0x200);
	q.r[1] = q.r[0];
	EXPECT_MEMREMAP_REFUSED(d, q, -EINVAL, X_LO, X_HI);
	expect_boot_then_exit(d);
	return 0;
}

/*
 * A pagemap's altmap under memremap's rules and __add_pages':
 *
 *	ALTMAP_VALID with two ranges, [0x20000, 0x20400) and
 *	[0x30000, 0x30200)                                  -EINVAL
 *	[0x20000, 0x20400), altmap base 0x20200             -EINVAL
 *	[0x20000, 0x20400), altmap reserve 0x300 + free 0x101 > 0x400
 *	                                                    -EINVAL
 *
 * Expect each refused with nothing changed.
 */
static int dev_memremap_bad_altmap(void)
{
	const struct dev_ops *d = &dx_dev;
	struct dreq q;

	if (boot_x(d))
		return 0;
	pg_one(&q, PMM_MEMORY_DEVICE_GENERIC, X_LO, X_HI);
	pg_add_range(&q, 0x30000, 0x30200);
	pg_altmap(&q, 0, 64, 0);
	EXPECT_MEMREMAP_REFUSED(d, q, -EINVAL, X_LO, 0x30200);
	pg_one(&q, PMM_MEMORY_DEVICE_GENERIC, X_LO, X_HI);
	pg_altmap(&q, 0, 64, 0);
	q.am.base_pfn = X_LO + 0x200;
	EXPECT_MEMREMAP_REFUSED(d, q, -EINVAL, X_LO, X_HI);
	pg_altmap(&q, 0x300, 0x101, 0);
	EXPECT_MEMREMAP_REFUSED(d, q, -EINVAL, X_LO, X_HI);
	expect_boot_then_exit(d);
	return 0;
}

/*
 * Ranges past MAX_PHYSMEM_BITS (dx: MAX_PFN = 1 << 24):
 *
 *	[MAX_PFN - 0x200, MAX_PFN + 0x200)        -ERANGE
 *	[MAX_PFN, MAX_PFN + 0x200)                -ERANGE
 *	[~0x1ff, 0x200): wrapping past ~0UL       -EINVAL (inverted)
 *
 * Expect each refused with nothing changed.
 */
static int dev_memremap_beyond_max_pfn(void)
{
	const struct dev_ops *d = &dx_dev;
	const unsigned long top = hp_max_pfn(d->hp);
	struct dreq q;

	if (boot_x(d))
		return 0;
	pg_one(&q, PMM_MEMORY_DEVICE_GENERIC, top - X_SUB, top + X_SUB);
	EXPECT_MEMREMAP_REFUSED(d, q, -ERANGE, X_LO, X_HI);
	pg_one(&q, PMM_MEMORY_DEVICE_GENERIC, top, top + X_SUB);
	EXPECT_MEMREMAP_REFUSED(d, q, -ERANGE, X_LO, X_HI);
	pg_one(&q, PMM_MEMORY_DEVICE_GENERIC, ~0UL & ~(X_SUB - 1), X_SUB);
	EXPECT_MEMREMAP_REFUSED(d, q, -EINVAL, X_LO, X_HI);	/* inverted, wrapped */
	expect_boot_then_exit(d);
	return 0;
}

/*
 * System RAM under the pagemap (region_intersects):
 *
 *	[0, 0x200)            boot RAM
 *	[0xe00, 0x1200)       boot RAM and section 0's hole
 *	[0x10000, 0x18000)    all of boot section 2
 *	[0x30400, 0x30600)    in a memory block pmm_add_memory added
 *
 * Expect -ENXIO for each, with nothing changed.
 */
static int dev_memremap_refuses_ram(void)
{
	const struct dev_ops *d = &dx_dev;
	struct dreq q;

	if (boot_x(d))
		return 0;
	pg_one(&q, PMM_MEMORY_DEVICE_GENERIC, 0, X_SUB);
	EXPECT_MEMREMAP_REFUSED(d, q, -ENXIO, 0, X_SUB);
	pg_one(&q, PMM_MEMORY_DEVICE_GENERIC, 0xe00, 0x1200);
	EXPECT_MEMREMAP_REFUSED(d, q, -ENXIO, 0xe00, 0x1200);
	pg_one(&q, PMM_MEMORY_DEVICE_GENERIC, 0x10000, 0x18000);
	EXPECT_MEMREMAP_REFUSED(d, q, -ENXIO, 0x10000, 0x18000);
	DEV_OK(d, d->hp->hot->add_memory(0, 0x30000, X_PPS));
	pg_one(&q, PMM_MEMORY_DEVICE_GENERIC, 0x30400, 0x30600);
	EXPECT_MEMREMAP_REFUSED(d, q, -ENXIO, 0x30000, 0x38000);
	DEV_OK(d, d->hp->hot->remove_memory(0x30000, X_PPS));
	expect_boot_then_exit(d);
	return 0;
}

/*
 * Memory pmm_add_pages added, partly under the pagemap:
 *
 *	section 5   [added 0x28000-0x281ff][free 0x28200 ...]
 *	pagemap     [0x28000, 0x28400)
 *
 * Expect -EEXIST with nothing changed.
 */
static int dev_memremap_refuses_added_pages(void)
{
	const struct dev_ops *d = &dx_dev;
	struct dreq q;

	if (boot_x(d))
		return 0;
	DEV_OK(d, d->add_pages(0, 0x28000, X_SUB, -1));
	pg_one(&q, PMM_MEMORY_DEVICE_GENERIC, 0x28000, 0x28000 + 2 * X_SUB);
	EXPECT_MEMREMAP_REFUSED(d, q, -EEXIST, 0x28000, 0x28400);
	DEV_OK(d, d->remove_pages(0x28000, X_SUB, -1));
	expect_boot_then_exit(d);
	return 0;
}

/*
 * Another pagemap in the way, or the same one again:
 *
 *	pagemap 1   [0x20000, 0x20400), mapped
 *	pagemap 1 again                                     -EBUSY
 *	pagemap 0   [0x20200, 0x20600), in range 0          -EEXIST
 *	pagemap 0   [0x30000, 0x30200) + [0x20000, 0x20200),
 *	            in range 1                              -EEXIST
 *
 * Expect each refused with nothing changed, and pagemap 1 to unmap.
 */
static int dev_memremap_over_pagemap(void)
{
	const struct dev_ops *d = &dx_dev;
	struct dreq q;

	if (boot_x(d))
		return 0;
	put_pagemap(d, 1, PMM_MEMORY_DEVICE_GENERIC, X_LO, X_HI);
	DEV_OK(d, d->memremap(1, 0));
	DEV_REFUSED(d, -EBUSY, X_LO, X_HI, d->memremap(1, 0));
	pg_one(&q, PMM_MEMORY_DEVICE_GENERIC, X_HI - X_SUB, X_HI + X_SUB);
	EXPECT_MEMREMAP_REFUSED(d, q, -EEXIST, X_LO, X_HI + X_SUB);
	pg_one(&q, PMM_MEMORY_DEVICE_GENERIC, 0x30000, 0x30200);
	pg_add_range(&q, X_LO, X_LO + X_SUB);
	EXPECT_MEMREMAP_REFUSED(d, q, -EEXIST, X_LO, 0x30200);
	DEV_OK(d, d->memunmap(1));
	expect_boot_then_exit(d);
	return 0;
}

/*
 * memunmap of what is not mapped:
 *
 *	pagemap 1   [0x20000, 0x20400), mapped and unmapped
 *	memunmap    pagemap 1 again; pagemap 2, never mapped; NULL
 *
 * Expect -EINVAL for each, with nothing changed.
 */
static int dev_memunmap_refusals(void)
{
	const struct dev_ops *d = &dx_dev;

	if (boot_x(d))
		return 0;
	put_pagemap(d, 1, PMM_MEMORY_DEVICE_GENERIC, X_LO, X_HI);
	DEV_OK(d, d->memremap(1, 0));
	DEV_OK(d, d->memunmap(1));
	DEV_REFUSED(d, -EINVAL, X_LO, X_HI, d->memunmap(1));
	DEV_REFUSED(d, -EINVAL, X_LO, X_HI, d->memunmap(2));
	DEV_REFUSED(d, -EINVAL, X_LO, X_HI, d->memunmap(-1));
	expect_boot_then_exit(d);
	return 0;
}

/*
 * Not enough memory for the memmap:
 *
 *	FS_DAX with an altmap {reserve 1, free 15}: 0x400 descriptors take
 *	16 pages                                            -ENOMEM
 *	FS_DAX without one, the first allocation failing    -ENOMEM
 *
 * Expect each refused with nothing changed, and boot's figures.
 */
static int dev_memremap_enomem(void)
{
	const struct dev_ops *d = &dx_dev;
	struct dreq q;

	if (boot_x(d))
		return 0;
	pg_one(&q, PMM_MEMORY_DEVICE_FS_DAX, X_LO, X_HI);
	pg_altmap(&q, 1, 15, 0);
	EXPECT_MEMREMAP_REFUSED(d, q, -ENOMEM, X_LO, X_HI);
	test_alloc_fail_at = 1;
	pg_one(&q, PMM_MEMORY_DEVICE_FS_DAX, X_LO, X_HI);
	EXPECT_MEMREMAP_REFUSED(d, q, -ENOMEM, X_LO, X_HI);
	test_alloc_fail_at = 0;
	expect_boot_then_exit(d);
	return 0;
}

/*
 * A device range in the hole of an online boot section (dx, x_map):
 *
 *	section 0   [RAM 0-0xfff][hole ..... ][dev 0x2000-0x23ff][hole ...]
 *	flags       PRESENT | ONLINE | EARLY | TAINT_ZONE_DEVICE
 *
 * The section stays online: its RAM PFNs are online pages, the device's
 * are not (the taint's slow path asks the pagemaps).  Expect the device
 * pages reserved, ZONE_DEVICE, pointing to the pagemap and on its node
 * (0, where the hole's node was 1); no RAM counted, no memmap added (the
 * boot memmap covers the section); after memunmap reserved holes of zone
 * 0 on node 0, still valid, and boot's figures.
 */
static int dev_boot_hole_device(void)
{
	const struct dev_ops *d = &dx_dev;

	if (boot_x(d))
		return 0;
	expect_hole(d, 0x2000, 0x2400, 1);
	put_pagemap(d, 0, PMM_MEMORY_DEVICE_GENERIC, 0x2000, 0x2400);
	DEV_OK(d, d->memremap(0, 0));
	expect_device(d, 0x2000, 0x2400, 0, 0);
	ASSERT_TRUE(dx_pg[0].range.start_pfn == 0x2000);
	ASSERT_TRUE(pmm_dx_pfn_to_page(0x2000)->pgmap == (void *)&dx_pg[0]);
	expect_online(d, 0, 0x1000, 1);
	expect_hole(d, 0x1000, 0x2000, 1);
	expect_hole(d, 0x2400, 0x8000, 1);
	ASSERT_TRUE(pmm_dx_online_section_nr(0));
	ASSERT_TRUE(pmm_dx_early_section_nr(0));
	expect_figures(d, X_RAM, 0x400, 0, X_MEMMAP, 2);
	DEV_OK(d, d->memunmap(0));
	expect_hole(d, 0x2000, 0x2400, 0);
	expect_online(d, 0, 0x1000, 1);
	expect_boot_then_exit(d);
	return 0;
}

/*
 * Device pages pin their boot section's block (dx, x_map):
 *
 *	section 0   [RAM 0-0xfff][hole][dev 0x2000-0x23ff][hole ...], block 0
 *	remove_pages [0x2000, 0x2400), [0x2200, 0x2400)      -EBUSY
 *	remove_pages [0x1e00, 0x2200): from a hole sub-section  -EINVAL
 *	remove_memory of block 0, online, then offline       -EBUSY
 *	offline_pages, online_pages of block 0               0
 *
 * Expect each refusal to change nothing, offlining to take the RAM's
 * pages offline and onlining to bring them back, and the device pages
 * as they were throughout.
 */
static int dev_boot_hole_device_pins_block(void)
{
	const struct dev_ops *d = &dx_dev;

	if (boot_x(d))
		return 0;
	put_pagemap(d, 0, PMM_MEMORY_DEVICE_GENERIC, 0x2000, 0x2400);
	DEV_OK(d, d->memremap(0, 0));
	DEV_REFUSED(d, -EBUSY, 0, X_PPS, d->remove_pages(0x2000, 0x400, -1));
	DEV_REFUSED(d, -EBUSY, 0, X_PPS, d->remove_pages(0x2200, 0x200, -1));
	DEV_REFUSED(d, -EINVAL, 0, X_PPS, d->remove_pages(0x1e00, 0x400, -1));
	DEV_REFUSED(d, -EBUSY, 0, X_PPS, d->hp->hot->remove_memory(0, X_PPS));
	DEV_OK(d, d->hp->hot->offline_pages(0, X_PPS));
	expect_online(d, 0, 0x1000, 0);
	DEV_REFUSED(d, -EBUSY, 0, X_PPS, d->hp->hot->remove_memory(0, X_PPS));
	DEV_OK(d, d->hp->hot->online_pages(0, X_PPS, PMM_MMOP_ONLINE));
	expect_online(d, 0, 0x1000, 1);
	expect_device(d, 0x2000, 0x2400, 0, 0);
	DEV_OK(d, d->memunmap(0));
	expect_boot_then_exit(d);
	return 0;
}

/*
 * A device range across the end of a boot section into an absent one
 * (dx, x_map):
 *
 *	section 0   [RAM 0-0xfff][hole ...][dev 0x7e00-0x7fff]
 *	section 1                                  [dev 0x8000-0x81ff][absent ...]
 *	pagemap     PCI_P2PDMA on node 1
 *
 * Expect device pages across both, section 0's RAM still online, section
 * 1 valid only where mapped and never online, its memmap (0x200
 * descriptors, 8 pages) the only one added; after memunmap section 0's
 * part a reserved hole on node 1 again, section 1 invalid, boot's figures.
 */
static int dev_device_across_section_end(void)
{
	const struct dev_ops *d = &dx_dev;

	if (boot_x(d))
		return 0;
	put_pagemap(d, 0, PMM_MEMORY_DEVICE_PCI_P2PDMA, 0x7e00, 0x8200);
	DEV_OK(d, d->memremap(0, 1));
	expect_device(d, 0x7e00, 0x8200, 0, 1);
	expect_online(d, 0, 0x1000, 1);
	expect_valid(d->hp, 0x8200, 0x8400, 0);
	ASSERT_FALSE(pmm_dx_online_section_nr(1));
	/* section 1's memmap: 0x200 descriptors = 8 pages */
	expect_figures(d, X_RAM, 0x400, 0, X_MEMMAP + 8 * X_PAGE, 3);
	DEV_OK(d, d->memunmap(0));
	expect_hole(d, 0x7e00, 0x8000, 1);
	expect_valid(d->hp, 0x8000, 0x8200, 0);
	expect_boot_then_exit(d);
	return 0;
}

/*
 * Pagemaps of several ranges (dx, x_map):
 *
 *	M (PCI_P2PDMA, node 1): [0x1000, 0x1200) in section 0's hole,
 *	  [0x20000, 0x20600) in absent section 4, [0x2fe00, 0x30400) across
 *	  sections 5 and 6
 *	N (GENERIC, node 0): [0x20600, 0x20800), next to M's second range
 *
 * Expect device_pages 0xe00 then 0x1000; present sections 2 + 3; memmap
 * 24 pages for each of M's fresh ranges (0x600 descriptors), 8 for N;
 * unmapping M to leave N whole and section 0's hole a hole again, and
 * unmapping N to bring back boot's figures.
 */
static int dev_multi_range(void)
{
	const struct dev_ops *d = &dx_dev;
	struct dreq q;

	if (boot_x(d))
		return 0;
	pg_bare(&q, PMM_MEMORY_DEVICE_PCI_P2PDMA);
	pg_add_range(&q, 0x1000, 0x1200);
	pg_add_range(&q, 0x20000, 0x20600);
	pg_add_range(&q, 0x2fe00, 0x30400);
	d->pg_put(3, &q);
	DEV_OK(d, d->memremap(3, 1));
	expect_device(d, 0x1000, 0x1200, 3, 1);
	expect_device(d, 0x20000, 0x20600, 3, 1);
	expect_device(d, 0x2fe00, 0x30400, 3, 1);
	expect_hole(d, 0x1200, 0x1400, 1);
	expect_valid(d->hp, 0x20600, 0x20800, 0);
	expect_valid(d->hp, 0x2fc00, 0x2fe00, 0);
	expect_valid(d->hp, 0x30400, 0x30600, 0);
	expect_figures(d, X_RAM, 0xe00, 0, X_MEMMAP + 48 * X_PAGE, 5);

	put_pagemap(d, 4, PMM_MEMORY_DEVICE_GENERIC, 0x20600, 0x20800);
	DEV_OK(d, d->memremap(4, 0));
	expect_device(d, 0x20600, 0x20800, 4, 0);
	expect_device(d, 0x20000, 0x20600, 3, 1);
	expect_figures(d, X_RAM, 0x1000, 0, X_MEMMAP + 56 * X_PAGE, 5);
	DEV_OK(d, d->memunmap(3));
	expect_device(d, 0x20600, 0x20800, 4, 0);
	expect_valid(d->hp, 0x20000, 0x20600, 0);
	expect_valid(d->hp, 0x2fe00, 0x30400, 0);
	expect_hole(d, 0x1000, 0x1200, 1);
	expect_figures(d, X_RAM, 0x200, 0, X_MEMMAP + 8 * X_PAGE, 3);
	DEV_OK(d, d->memunmap(4));
	expect_boot_then_exit(d);
	return 0;
}

/*
 * A pagemap whose last range is over RAM maps nothing (dx, x_map):
 *
 *	slot 3 (GENERIC): [0x20000, 0x20200) in absent section 4,
 *	  [0x28000, 0x28200) in absent section 5, [0x10000, 0x10200) boot RAM
 *
 * Expect -ENXIO with nothing changed: nothing of the first two ranges
 * stays.
 */
static int dev_multi_range_last_over_ram(void)
{
	const struct dev_ops *d = &dx_dev;
	struct dreq q;

	if (boot_x(d))
		return 0;
	pg_one(&q, PMM_MEMORY_DEVICE_GENERIC, 0x20000, 0x20200);
	pg_add_range(&q, 0x28000, 0x28200);
	pg_add_range(&q, 0x10000, 0x10200);
	d->pg_put(3, &q);
	DEV_REFUSED(d, -ENXIO, 0x20000, 0x28200, d->memremap(3, 0));
	expect_boot_then_exit(d);
	return 0;
}

/*
 * A failure in a later range unwinds the earlier ones (dx, x_map):
 *
 *	slot 3 (GENERIC): [0x20000, 0x20200) in section 4, [0x2fe00,
 *	  0x30200) across sections 5 and 6, [0x38000, 0x38200) in section 7
 *	fault   the Nth allocation, N = 1, 2, ... until the map succeeds;
 *	        then the Nth vmemmap populate
 *
 * Expect -ENOMEM each time with nothing changed, more than two
 * allocations and more than two populates to fail before the map
 * succeeds, and boot's figures at the end.
 */
static int dev_multi_range_failure_unwinds(void)
{
	const struct dev_ops *d = &dx_dev;
	struct dreq q;
	int n;

	if (boot_x(d))
		return 0;
	pg_one(&q, PMM_MEMORY_DEVICE_GENERIC, 0x20000, 0x20200);
	pg_add_range(&q, 0x2fe00, 0x30200);
	pg_add_range(&q, 0x38000, 0x38200);
	d->pg_put(3, &q);
	n = memremap_fail_each_step(d, 3, 0, 0x20000, 0x38200, 20);
	ASSERT_MSG(n > 2, "dx: only %d allocations in a 3-range memremap", n);
	n = memremap_fail_each_step(d, 3, 1, 0x20000, 0x38200, 100);
	ASSERT_MSG(n > 2, "dx: only %d populates in a 3-range memremap", n);
	expect_boot_then_exit(d);
	return 0;
}

/*
 * Failures over a range in an early section's hole (dx, x_map):
 *
 *	section 0   [RAM 0-0xfff][hole, node 1][range 0: 0x2000-0x21ff][hole ...]
 *	section 4   absent: [range 1: 0x20000-0x201ff]
 *	pagemap     GENERIC on node 0
 *	fault       the Nth allocation, then the Nth vmemmap populate,
 *	            N = 1, 2, ... until the map succeeds
 *
 * A failed request changes nothing, so the hole's PFNs must keep their
 * node (1, the range above), not take the pagemap's (0).  Expect -ENOMEM
 * each time with nothing changed in [0x2000, 0x2200).
 */
static int dev_failed_memremap_hole_nodes(void)
{
	const struct dev_ops *d = &dx_dev;
	struct dreq q;

	if (boot_x(d))
		return 0;
	pg_bare(&q, PMM_MEMORY_DEVICE_GENERIC);
	pg_add_range(&q, 0x2000, 0x2200);
	pg_add_range(&q, 0x20000, 0x20200);
	d->pg_put(0, &q);
	memremap_fail_each_step(d, 0, 0, 0x2000, 0x2200, 20);
	memremap_fail_each_step(d, 0, 1, 0x2000, 0x2200, 100);
	expect_boot_then_exit(d);
	return 0;
}

/*
 * The three cases below on their instance: an FS_DAX pagemap in section
 * 0's hole (slot 0, node 0) and a GENERIC one with an altmap in absent
 * section 4 (slot 1, node 1), checked PFN by PFN; then both unmapped.
 *
 *	section 0   [RAM 0-0xfff][hole][slot 0: 0x4000-0x41ff][hole, node 1 ...]
 *	section 4   [free][slot 1: 0x20200-0x205ff, altmap {free 64}][free ...]
 */
static void map_hole_and_altmap_pagemaps(const struct dev_ops *d)
{
	struct dreq q;

	put_pagemap(d, 0, PMM_MEMORY_DEVICE_FS_DAX, 0x4000, 0x4200);
	DEV_OK(d, d->memremap(0, 0));
	pg_one(&q, PMM_MEMORY_DEVICE_GENERIC, 0x20200, 0x20600);
	pg_altmap(&q, 0, 64, 0);
	d->pg_put(1, &q);
	DEV_OK(d, d->memremap(1, 1));
	expect_device(d, 0x4000, 0x4200, 0, 0);
	expect_device(d, 0x20200, 0x20600, 1, 1);
	expect_hole(d, 0x4200, 0x4400, 1);
	ASSERT_EQ(0, d->zone_device_at(0x10));
	ASSERT_EQ(-1, d->page_pgmap_at(0x10));
}

static void unmap_hole_and_altmap_pagemaps(const struct dev_ops *d)
{
	DEV_OK(d, d->memunmap(0));
	DEV_OK(d, d->memunmap(1));
	expect_hole(d, 0x4000, 0x4200, 0);
	ASSERT_EQ(0, am_alloc(d, DM_NR_AM + 1));
}

/*
 * page->pgmap (dx, 64-byte descriptors): map_hole_and_altmap_pagemaps.
 *
 * Expect page->pgmap to point to the pagemap while mapped and to be NULL
 * again after memunmap of the range in the early hole, the altmap to
 * give 16 pages (0x400 descriptors of 64 bytes), and boot's figures.
 */
static int dev_pgmap_in_page(void)
{
	const struct dev_ops *d = &dx_dev;

	if (boot_x(d))
		return 0;
	map_hole_and_altmap_pagemaps(d);
	ASSERT_TRUE(pmm_dx_pfn_to_page(0x20200)->pgmap == (void *)&dx_pg[1]);
	ASSERT_EQ(16, am_alloc(d, DM_NR_AM + 1));
	unmap_hole_and_altmap_pagemaps(d);
	ASSERT_TRUE(pmm_dx_pfn_to_page(0x4000)->pgmap == NULL);
	expect_boot_then_exit(d);
	return 0;
}

/*
 * A case of the two below: map_hole_and_altmap_pagemaps on @d, whose
 * altmap must give @memmap_pages pages of descriptors, then both unmapped.
 */
static int pagemaps_found_by_lookup(const struct dev_ops *d, unsigned long memmap_pages)
{
	if (boot_x(d))
		return 0;
	map_hole_and_altmap_pagemaps(d);
	ASSERT_EQ(memmap_pages, am_alloc(d, DM_NR_AM + 1));
	unmap_hole_and_altmap_pagemaps(d);
	expect_boot_then_exit(d);
	return 0;
}

/*
 * No room for page->pgmap (dn, 8-byte descriptors): pmm_page_pgmap finds
 * the pagemap by PFN.  map_hole_and_altmap_pagemaps.
 *
 * Expect the same answers as dx's, the altmap to give 2 pages (0x400
 * descriptors of 8 bytes), and boot's figures.
 */
static int dev_pgmap_found_by_pfn(void)
{
	ASSERT_EQ(8, sizeof(struct pmm_dn_page));
	return pagemaps_found_by_lookup(&dn_dev, 2);
}

/*
 * No zone in page->flags (dz, PMM_ZONES_SHIFT 0): pmm_is_zone_device_page
 * asks the pagemaps.  map_hole_and_altmap_pagemaps.
 *
 * Expect the same answers as dx's, the altmap to give 16 pages (0x400
 * descriptors of 64 bytes), and boot's figures.
 */
static int dev_zone_device_found_by_pfn(void)
{
	ASSERT_EQ(64, sizeof(struct pmm_dz_page));
	return pagemaps_found_by_lookup(&dz_dev, 16);
}

/*
 * pmm_exit with pagemaps still mapped and altmap memory still added (dx,
 * x_map):
 *
 *	slot 0   FS_DAX [0x20000, 0x20800), altmap {reserve 2, free 40}
 *	slot 1   GENERIC [0x3000, 0x3200) in section 0's hole
 *	slot 2   PCI_P2PDMA [0x5000, 0x5200) + [0x28000, 0x28400) +
 *	         [0x4fe00, 0x50200)
 *	altmap 0 {base 0x40000, free 16}: add_pages [0x40000, 0x40400)
 *	exit; init again; slot 2 mapped again
 *
 * Expect 48 altmap pages live before the exit; after it no allocation,
 * no vmemmap backing and no altmap page left, slot 0 no longer mapped
 * (memunmap -EINVAL, no pagemap found); and slot 2 to map again after
 * the new init.
 */
static int dev_exit_with_pagemaps(void)
{
	const struct dev_ops *d = &dx_dev;
	struct dreq q;

	if (boot_x(d))
		return 0;
	pg_one(&q, PMM_MEMORY_DEVICE_FS_DAX, 0x20000, 0x20800);
	pg_altmap(&q, 2, 40, 0);
	d->pg_put(0, &q);
	DEV_OK(d, d->memremap(0, 0));
	put_pagemap(d, 1, PMM_MEMORY_DEVICE_GENERIC, 0x3000, 0x3200);
	DEV_OK(d, d->memremap(1, 1));
	pg_bare(&q, PMM_MEMORY_DEVICE_PCI_P2PDMA);
	pg_add_range(&q, 0x5000, 0x5200);
	pg_add_range(&q, 0x28000, 0x28400);
	pg_add_range(&q, 0x4fe00, 0x50200);
	d->pg_put(2, &q);
	DEV_OK(d, d->memremap(2, 0));
	put_altmap(d, 0, 0x40000, 0x403ff, 0, 16, 0);
	DEV_OK(d, d->add_pages(0, 0x40000, 0x400, 0));
	ASSERT_EQ(48, d->ft->nlive);
	case_exit(d);
	ASSERT_EQ(-EINVAL, d->memunmap(0));
	ASSERT_EQ(-1, d->pgmap_at(0x20000));
	if (boot_x(d))
		return 0;
	DEV_OK(d, d->memremap(2, 1));
	expect_device(d, 0x28000, 0x28400, 2, 1);
	case_exit(d);
	return 0;
}

/*
 * Memory removed from a boot section that stays (its other sub-sections
 * or its holes keep it early and valid) is counted out of ram_pages
 * once: removing the whole block afterwards takes out only what is left.
 *
 *	section 0: RAM [0, 0x1000) (8 sub-sections)
 *	remove_pages [0, 0x200)          ram 0x9000 - 0x200
 *	offline, remove_memory section 0 ram 0x8000 (section 2 alone)
 *
 * Expect ram_pages 0x9000 - 0x200 after the first remove, and 0x8000
 * with one present section after the block's.
 */
static int dev_ram_after_partial_remove(void)
{
	const struct dev_ops *d = &dx_dev;
	struct pmm_stats st;

	if (boot_x(d))
		return 0;
	DEV_OK(d, d->remove_pages(0, X_SUB, -1));
	d->hp->stats(&st);
	ASSERT_EQ(X_RAM - X_SUB, st.ram_pages);
	DEV_OK(d, d->hp->hot->offline_pages(0, X_PPS));
	DEV_OK(d, d->hp->hot->remove_memory(0, X_PPS));
	d->hp->stats(&st);
	ASSERT_EQ(0x8000, st.ram_pages);
	ASSERT_EQ(1, st.nr_present_sections);
	case_exit(d);
	return 0;
}

/*
 * A memory block with memory added by pmm_add_pages with an altmap
 * cannot be removed by pmm_remove_memory, which has no altmap to give
 * its pages back to (dx, x_map):
 *
 *	add_memory section 4; remove_pages [0x20000, 0x20200);
 *	add_pages [0x20000, 0x20200) with altmap {free 8}: alloc 8
 *	remove_memory section 4                     -EINVAL or -EBUSY
 *	remove_pages [0x20000, 0x20200) with the altmap, then
 *	remove_memory section 4                     0
 *
 * Expect the first remove_memory refused with nothing changed (alloc 8),
 * and the block to go once its altmap memory went first (alloc 0),
 * leaving boot's figures.
 */
static int dev_remove_memory_altmap(void)
{
	const struct dev_ops *d = &dx_dev;

	if (boot_x(d))
		return 0;
	DEV_OK(d, d->hp->hot->add_memory(0, 0x20000, X_PPS));
	DEV_OK(d, d->remove_pages(0x20000, X_SUB, -1));
	put_altmap(d, 0, 0x20000, 0x201ff, 0, 8, 0);
	DEV_OK(d, d->add_pages(0, 0x20000, X_SUB, 0));
	ASSERT_EQ(8, am_alloc(d, 0));
	DEV_REFUSED2(d, -EINVAL, -EBUSY, 0x20000, 0x28000,
		     d->hp->hot->remove_memory(0x20000, X_PPS));
	ASSERT_EQ(8, am_alloc(d, 0));
	DEV_OK(d, d->remove_pages(0x20000, X_SUB, 0));
	ASSERT_EQ(0, am_alloc(d, 0));
	DEV_OK(d, d->hp->hot->remove_memory(0x20000, X_PPS));
	expect_boot_then_exit(d);
	return 0;
}

/* ---------------------------------------------------------------------
 * Part 2: a randomised sequence against device_model.h
 *
 * The maps, in PFNs relative to the window's base (hex):
 *
 *	dx, dn, dz: window = sections 252..259 of 512 (base 0x7e0000), across
 *	the boundary of EXTREME roots 0 and 1 (section 256):
 *	  252 [0, 2345) n0    253 [9000, 10000) n0    254 absent
 *	  255 [1c000, 1c800) [1e100, 1f000) n1       256 whole n1
 *	  257 absent          258 [37e00, 38000) n0   259 absent
 *	dk: window = sections 0..15 of 32 (8192 PFNs, 256 sub-sections each):
 *	  1 [2010, 2300) n0   2 whole n0   4 [9000, 9050) n1
 *	  5 [bfc0, c000) n1   9 [12000, 13000) n1
 *
 * Sub-sections half RAM and half hole, holes in online boot sections for
 * device memory to sit in, absent sections to add to, two nodes.
 * --------------------------------------------------------------------- */

#define RX_BASE		0x7e0000UL

static const struct pmm_range rx_map[] = {
	{ RX_BASE + 0x0, RX_BASE + 0x2345, 0 },
	{ RX_BASE + 0x9000, RX_BASE + 0x10000, 0 },
	{ RX_BASE + 0x1c000, RX_BASE + 0x1c800, 1 },
	{ RX_BASE + 0x1e100, RX_BASE + 0x1f000, 1 },
	{ RX_BASE + 0x20000, RX_BASE + 0x28000, 1 },
	{ RX_BASE + 0x37e00, RX_BASE + 0x38000, 0 },
};

static const struct pmm_range rk_map[] = {
	{ 0x2010, 0x2300, 0 },
	{ 0x4000, 0x6000, 0 },
	{ 0x9000, 0x9050, 1 },
	{ 0xbfc0, 0xc000, 1 },
	{ 0x12000, 0x13000, 1 },
};

struct rinst {
	const struct dev_ops *d;
	const struct pmm_range *map;
	unsigned int nr_map;
	unsigned long base, window;	/* PFNs */
	unsigned long maxu;		/* units in an ordinary request, at most */
};

static const struct rinst rinsts[] = {
	{ &dx_dev, rx_map, HP_ARRAY_SIZE(rx_map), RX_BASE, 8 * 0x8000UL, 8 },
	{ &dk_dev, rk_map, HP_ARRAY_SIZE(rk_map), 0, 16 * 0x2000UL, 64 },
	{ &dn_dev, rx_map, HP_ARRAY_SIZE(rx_map), RX_BASE, 8 * 0x8000UL, 8 },
	{ &dz_dev, rx_map, HP_ARRAY_SIZE(rx_map), RX_BASE, 8 * 0x8000UL, 8 },
};

enum { OP_ADD_PAGES, OP_REMOVE_PAGES, OP_ADD_MEMORY, OP_REMOVE_MEMORY, OP_ONLINE,
       OP_OFFLINE, OP_MEMREMAP, OP_MEMUNMAP, OP_KINDS };
static const char *const op_names[] = { "add_pages", "remove_pages", "add_memory",
					"remove_memory", "online_pages", "offline_pages",
					"memremap_pages", "memunmap_pages" };
static const unsigned int op_weight[OP_KINDS] = { 16, 16, 5, 5, 5, 5, 27, 18 };

struct rstate {
	const struct rinst *ri;
	const struct dev_ops *d;
	struct dmodel x;
	int protect;			/* leave boot memory alone this epoch */
	struct pmm_stats boot_st;
	long boot_blocks;
	long long boot_bytes, boot_populated;
	unsigned long long boot_hosted, hosted0;
	unsigned long done[OP_KINDS], refused[OP_KINDS], err[OP_KINDS][8];
	unsigned long undo_exact, undo_reinit;
};

struct dop {
	int kind, nid, am, slot, fill;
	unsigned long start, nr;	/* absolute PFNs */
	struct dam a;			/* add_pages' altmap, when am >= 0 */
	struct dreq q;			/* memremap's pagemap, when fill */
	long inj;
	int inj_populate;
};

/* --- picking places ---------------------------------------------------- */

typedef int (*unit_ok)(const struct rstate *t, unsigned long u);

static int u_free(const struct rstate *t, unsigned long u)
{
	return !t->x.m.valid[u];
}

/* a hole of an early section: where device memory meets online memory */
static int u_hole(const struct rstate *t, unsigned long u)
{
	return !t->x.m.valid[u] && dm_early(&t->x, u * t->x.m.unit / t->x.m.pps);
}

static int u_removable(const struct rstate *t, unsigned long u)
{
	return t->x.m.valid[u] && t->x.dev[u] < 0 && !(t->protect && t->x.m.boot[u]);
}

static int u_device(const struct rstate *t, unsigned long u)
{
	return t->x.dev[u] >= 0;
}

/*
 * A run of @len units, each @ok, starting at a multiple of @align units,
 * searched from a random place: the first unit, or -1.
 */
static long find_run(const struct rstate *t, unsigned long align, unsigned long len,
		     unit_ok ok)
{
	unsigned long n = t->x.m.nr_units / align, at = rnd(n), i, k;

	for (i = 0; i < n; i++) {
		unsigned long u0 = ((at + i) % n) * align;

		if (u0 + len > t->x.m.nr_units)
			continue;
		for (k = 0; k < len && ok(t, u0 + k); k++)
			;
		if (k == len)
			return (long)u0;
	}
	return -1;
}

/* Units from @u0 on that are @ok and hold their memmap where @u0's does. */
static unsigned long run_len(const struct rstate *t, unsigned long u0, unsigned long max,
			     unit_ok ok)
{
	unsigned long n = 0;

	while (n < max && u0 + n < t->x.m.nr_units && ok(t, u0 + n) &&
	       t->x.amx[u0 + n] == t->x.amx[u0] && t->x.dev[u0 + n] == t->x.dev[u0])
		n++;
	return n;
}

static int rnid(const struct rstate *t)
{
	if (!rnd(50))
		return rnd(2) ? -1 : t->x.max_nodes;
	return (int)rnd(2);
}

/* Units per request that must own whole pages of descriptors (altmaps). */
static unsigned long page_units(const struct rstate *t)
{
	return t->x.bp > t->x.m.unit ? t->x.bp / t->x.m.unit : 1;
}

/* An altmap for [start, start + nr): mostly right, sometimes short or off the rule. */
static void gen_altmap(const struct rstate *t, struct dam *a, unsigned long start,
		       unsigned long nr)
{
	unsigned long need = dm_span_modelled(&t->x, start, nr) ?
			     dm_altmap_need(&t->x, start - t->x.base, nr) : 0;
	unsigned long k = rnd(60);

	a->base_pfn = start;
	a->end_pfn = start + nr - 1;
	a->reserve = rnd(3);
	a->align = rnd(4) ? 0 : rnd(3);
	a->free = need + a->align + rnd(4);
	if (!rnd(8) && need + a->align)
		a->free = need + a->align - 1;		/* one page short */
	a->alloc = 0;
	if (k == 0)
		a->base_pfn += t->x.m.unit;
	else if (k == 1)
		a->end_pfn--;
	else if (k == 2)
		a->reserve = nr;
}

/* A free pool altmap (owns nothing, gave nothing), or -1. */
static int free_pool_altmap(const struct rstate *t)
{
	int id, at = (int)rnd(DM_NR_AM), i;

	for (i = 0; i < DM_NR_AM; i++) {
		id = (at + i) % DM_NR_AM;
		if (!t->x.am_units[id] && !t->x.am_alloc[id])
			return id;
	}
	return -1;
}

/* Arguments the rules condemn whatever the state, now and then. */
static void spoil_span(const struct rstate *t, unsigned long *start, unsigned long *nr,
		       unsigned long unit)
{
	unsigned long k = rnd(100);

	if (k < 2)
		*start += 1 + rnd(unit - 1 ? unit - 1 : 1);
	else if (k < 3)
		*nr = rnd(2) ? 0 : *nr + 1 + rnd(unit - 1 ? unit - 1 : 1);
	else if (k < 4) {
		*start = t->x.abs_max - unit * rnd(2);
		*nr = 2 * unit;
	}
}

static void gen_add_pages(struct rstate *t, struct dop *op)
{
	const struct dmodel *x = &t->x;
	unsigned long unit = x->m.unit;
	long u0;

	op->am = -1;
	if (rnd(100) < 35 && (op->am = free_pool_altmap(t)) >= 0) {
		unsigned long pu = page_units(t), len = (1 + rnd(pu > 1 ? 2 : 4)) * pu;

		u0 = rnd(5) ? find_run(t, pu, len, u_free) : -1;
		if (u0 < 0)
			u0 = (long)(rnd(x->m.nr_units / pu - len / pu + 1) * pu);
		op->start = x->base + (unsigned long)u0 * unit;
		op->nr = len * unit;
		gen_altmap(t, &op->a, op->start, op->nr);
	} else {
		unsigned long len = 1 + rnd(t->ri->maxu);

		op->am = -1;
		u0 = rnd(5) ? find_run(t, 1, len, rnd(3) ? u_free : u_hole) : -1;
		if (u0 < 0)
			u0 = (long)rnd(x->m.nr_units - len + 1);
		op->start = x->base + (unsigned long)u0 * unit;
		op->nr = len * unit;
	}
	spoil_span(t, &op->start, &op->nr, unit);
	op->nid = rnid(t);
}

static void gen_remove_pages(struct rstate *t, struct dop *op)
{
	const struct dmodel *x = &t->x;
	unsigned long unit = x->m.unit, len;
	long u0 = -1;
	int i;

	if (rnd(10))
		u0 = find_run(t, 1, 1, u_removable);
	else if (rnd(2))
		u0 = find_run(t, 1, 1, u_device);
	if (u0 >= 0) {
		len = run_len(t, (unsigned long)u0, 2 * t->ri->maxu,
			      x->dev[u0] >= 0 ? u_device : u_removable);
		len = 1 + rnd(len);
		/* sometimes from the middle of the run */
		op->start = x->base + ((unsigned long)u0 + rnd(len)) * unit;
		op->nr = (len - (op->start - x->base) / unit + (unsigned long)u0) * unit;
		op->am = x->amx[(op->start - x->base) / unit];
	} else {
		unsigned long k;

		len = 1 + rnd(t->ri->maxu);
		u0 = (long)rnd(x->m.nr_units - len + 1);
		op->start = x->base + (unsigned long)u0 * unit;
		op->nr = len * unit;
		op->am = x->amx[u0];
		/*
		 * Memory of several altmaps: without one (-EINVAL).  With one
		 * of them, sub-section bits cannot tell the header it is the
		 * wrong one for the rest.
		 */
		for (k = 0; k < len; k++)
			if (x->amx[u0 + k] >= 0 && x->amx[u0 + k] != op->am)
				op->am = -1;
	}
	if (!rnd(14)) {
		/* the wrong altmap: none for altmap memory, or another one */
		if (op->am >= 0) {
			op->am = -1;
		} else {
			for (i = 0; i < DM_NR_AM && !x->am_units[i]; i++)
				;
			if (i < DM_NR_AM)
				op->am = i;
		}
	}
	spoil_span(t, &op->start, &op->nr, unit);
}

/* A section, mostly one where @what holds (0 absent, 1 removable block, 2 in a block). */
static unsigned long pick_section(const struct rstate *t, int what)
{
	const struct dmodel *x = &t->x;
	unsigned long n = x->m.nr_sections, at = rnd(n), i, s;

	if (rnd(5))
		for (i = 0; i < n; i++) {
			s = (at + i) % n;
			if (what == 0 && !dm_present(x, s))
				return s;
			if (what == 1 && dm_present(x, s) && x->inblk[s] && !x->online[s] &&
			    !(t->protect && dm_early(x, s)))
				return s;
			if (what == 2 && dm_present(x, s) && x->inblk[s])
				return s;
		}
	return at;
}

static void gen_block_op(struct rstate *t, struct dop *op)
{
	const struct dmodel *x = &t->x;
	int what = op->kind == OP_ADD_MEMORY ? 0 : op->kind == OP_REMOVE_MEMORY ? 1 : 2;
	unsigned long s = pick_section(t, what);

	op->start = x->base + s * x->m.pps;
	op->nr = (rnd(10) || s + 1 >= x->m.nr_sections ? 1 : 2) * x->m.pps;
	op->am = -1;
	op->nid = rnid(t);
	if (!rnd(30))
		op->start += x->m.unit * (1 + rnd(3));
	else
		spoil_span(t, &op->start, &op->nr, x->m.pps);
}

/* Are units [u0, u0 + len) all free? */
static int run_free(const struct rstate *t, long u0, unsigned long len)
{
	unsigned long k;

	if (u0 < 0 || (unsigned long)u0 + len > t->x.m.nr_units)
		return 0;
	for (k = 0; k < len; k++)
		if (t->x.m.valid[u0 + k])
			return 0;
	return 1;
}

/*
 * One range for a pagemap: mostly a free run (anywhere, in an early
 * section's hole, right after another pagemap's range, across a section
 * boundary), sometimes anywhere at all, over RAM or pagemaps.
 */
static void gen_range(const struct rstate *t, struct pmm_dev_range *r, int whole_pages)
{
	const struct dmodel *x = &t->x;
	unsigned long unit = x->m.unit, pu = whole_pages ? page_units(t) : 1;
	unsigned long len = whole_pages ? (1 + rnd(pu > 1 ? 2 : 4)) * pu : 1 + rnd(t->ri->maxu);
	unsigned long k = rnd(20), u, i;
	long u0 = -1;

	if (k < 2) {
		u0 = (long)(rnd(x->m.nr_units / pu - (len + pu - 1) / pu + 1) * pu);
	} else if (k < 8) {
		u0 = find_run(t, pu, len, u_hole);
	} else if (k < 11) {
		/* right after a mapped pagemap's range */
		for (i = 0, u = rnd(x->m.nr_units); i < x->m.nr_units; i++, u++) {
			u %= x->m.nr_units;
			if (u + 1 < x->m.nr_units && x->dev[u] >= 0 && x->dev[u + 1] < 0 &&
			    run_free(t, (long)((u + pu) / pu * pu), len)) {
				u0 = (long)((u + pu) / pu * pu);
				break;
			}
		}
	} else if (k < 14) {
		/* across a section boundary */
		for (i = 0; i < 8 && len > pu; i++) {
			unsigned long s = 1 + rnd(x->m.nr_sections - 1);
			unsigned long back = pu * (1 + rnd(len / pu - 1));

			u0 = (long)(s * x->m.pps / unit - back);
			if (run_free(t, u0, len))
				break;
			u0 = -1;
		}
	}
	if (k >= 2 && !run_free(t, u0, len))
		u0 = find_run(t, pu, len, u_free);
	if (u0 < 0 || (unsigned long)u0 + len > x->m.nr_units)
		u0 = (long)(rnd(x->m.nr_units / pu - (len + pu - 1) / pu + 1) * pu);
	r->start_pfn = x->base + (unsigned long)u0 * unit;
	r->end_pfn = r->start_pfn + len * unit;
}

static void gen_memremap(struct rstate *t, struct dop *op)
{
	const struct dmodel *x = &t->x;
	struct dreq *q = &op->q;
	unsigned long unit = x->m.unit, k;
	unsigned int i, j, tries;
	int slot, alt;

	op->slot = (int)rnd(DM_NR_PG);
	if (rnd(12))
		for (slot = 0; slot < DM_NR_PG; slot++)
			if (x->pg_nid[(op->slot + slot) % DM_NR_PG] < 0) {
				op->slot = (op->slot + slot) % DM_NR_PG;
				break;
			}
	op->nid = rnid(t);
	op->fill = x->pg_nid[op->slot] < 0;
	if (!op->fill)
		return;			/* mapped: ask again as it is, -EBUSY */
	memset(q, 0, sizeof(*q));
	q->nr_range = rnd(100) < 60 ? 1 : rnd(100) < 62 ? 2 : 3;
	alt = (q->nr_range == 1 && !rnd(3)) || !rnd(60);
	for (i = 0; i < q->nr_range; i++) {
		for (tries = 0; tries < 4; tries++) {
			gen_range(t, &q->r[i], alt && i == 0);
			for (j = 0; j < i; j++)
				if (q->r[i].start_pfn < q->r[j].end_pfn &&
				    q->r[j].start_pfn < q->r[i].end_pfn)
					break;
			if (j == i)
				break;
		}
	}
	q->type = 1 + (unsigned int)rnd(5);
	q->owner = 1;
	if (q->type == PMM_MEMORY_DEVICE_PRIVATE)
		q->cbs = DM_CB_FREE | DM_CB_MIGRATE;
	else if (q->type == PMM_MEMORY_DEVICE_COHERENT)
		q->cbs = DM_CB_FREE | (int)rnd(2) * DM_CB_MIGRATE;
	else
		q->cbs = (int)rnd(8);
	k = rnd(100);
	if (k < 1)
		q->type = rnd(2) ? 0 : 6;
	else if (k < 3)
		q->cbs = (int)rnd(8);
	else if (k < 4)
		q->owner = 0;
	q->embedded = q->nr_range == 1 && !rnd(3);
	if (!rnd(100))
		q->ranges_null = 1;		/* with 2 or 3 ranges: -EINVAL */
	q->flags = alt ? PMM_PGMAP_ALTMAP_VALID : 0;
	if (!rnd(100))
		q->flags |= 4;
	if (alt)
		gen_altmap(t, &q->am, q->r[0].start_pfn, q->r[0].end_pfn - q->r[0].start_pfn);
	k = rnd(100);
	i = (unsigned int)rnd(q->nr_range);
	if (k < 1)
		q->r[i].start_pfn += 1 + rnd(unit - 1);
	else if (k < 2)
		q->r[i].end_pfn -= 1 + rnd(unit - 1);
	else if (k < 3)
		q->r[i].end_pfn = q->r[i].start_pfn - (rnd(2) ? 0 : unit);
	else if (k < 4) {
		q->r[i].start_pfn = x->abs_max - unit * rnd(2);
		q->r[i].end_pfn = q->r[i].start_pfn + 2 * unit;
	} else if (k < 6 && q->nr_range > 1) {
		q->r[q->nr_range - 1] = q->r[0];
	}
}

/* A mapped pagemap mostly; with none mapped, mostly a memremap instead. */
static void gen_memunmap(struct rstate *t, struct dop *op)
{
	int i;

	op->slot = (int)rnd(DM_NR_PG);
	for (i = 0; i < DM_NR_PG && rnd(12); i++)
		if (t->x.pg_nid[(op->slot + i) % DM_NR_PG] >= 0) {
			op->slot = (op->slot + i) % DM_NR_PG;
			return;
		}
	if (i == DM_NR_PG && rnd(5)) {
		op->kind = OP_MEMREMAP;
		gen_memremap(t, op);
	}
}

/* Would @op, if it succeeds, take out memory boot left untouched? */
static int op_takes_boot(const struct rstate *t, const struct dop *op)
{
	const struct dmodel *x = &t->x;
	unsigned long u, lo, hi;

	if (op->kind != OP_REMOVE_PAGES && op->kind != OP_REMOVE_MEMORY)
		return 0;
	if (!op->nr || op->start < x->base || !dm_span_modelled(x, op->start, op->nr))
		return 0;
	lo = (op->start - x->base) / x->m.unit;
	hi = (op->start - x->base + op->nr + x->m.unit - 1) / x->m.unit;
	for (u = lo; u < hi; u++)
		if (x->m.boot[u])
			return 1;
	return 0;
}

static void gen_one(struct rstate *t, struct dop *op);

/* In a protected epoch, boot memory stays: requests that would take it are drawn again. */
static void gen_op(struct rstate *t, struct dop *op)
{
	int tries = 0;

	do
		gen_one(t, op);
	while (t->protect && op_takes_boot(t, op) && ++tries < 20);
}

static void gen_one(struct rstate *t, struct dop *op)
{
	unsigned long w = 0, k;
	int i;

	memset(op, 0, sizeof(*op));
	for (i = 0; i < OP_KINDS; i++)
		w += op_weight[i];
	k = rnd(w);
	for (i = 0; k >= op_weight[i]; i++)
		k -= op_weight[i];
	op->kind = i;
	op->am = -1;
	switch (op->kind) {
	case OP_ADD_PAGES:
		gen_add_pages(t, op);
		break;
	case OP_REMOVE_PAGES:
		gen_remove_pages(t, op);
		break;
	case OP_MEMREMAP:
		gen_memremap(t, op);
		break;
	case OP_MEMUNMAP:
		gen_memunmap(t, op);
		break;
	default:
		gen_block_op(t, op);
		break;
	}
	if ((op->kind == OP_ADD_PAGES || op->kind == OP_ADD_MEMORY ||
	     op->kind == OP_MEMREMAP) && !rnd(12)) {
		op->inj = rnd(4) ? 1 + (long)rnd(3) : 1 + (long)rnd(40);
		op->inj_populate = (int)rnd(2);
	}
}

static const char *op_str(const struct dop *op, const struct dreq *q, char *buf, size_t len)
{
	size_t n;
	unsigned int i;

	switch (op->kind) {
	case OP_MEMREMAP:
		n = (size_t)snprintf(buf, len, "memremap_pages(slot %d%s, nid %d): type %u "
				     "flags %#x cbs %#x owner %d %s", op->slot,
				     op->fill ? "" : " (mapped)", op->nid, q->type, q->flags,
				     q->cbs, q->owner, q->embedded ? "range" : q->ranges_null ?
				     "ranges NULL" : "ranges");
		for (i = 0; i < q->nr_range && n < len; i++)
			n += (size_t)snprintf(buf + n, len - n, " [%#lx, %#lx)",
					      q->r[i].start_pfn, q->r[i].end_pfn);
		if (q->flags & PMM_PGMAP_ALTMAP_VALID && n < len)
			n += (size_t)snprintf(buf + n, len - n, " altmap {%#lx %#lx r%lu f%lu "
					      "a%lu}", q->am.base_pfn, q->am.end_pfn,
					      q->am.reserve, q->am.free, q->am.align);
		break;
	case OP_MEMUNMAP:
		n = (size_t)snprintf(buf, len, "memunmap_pages(slot %d)", op->slot);
		break;
	default:
		n = (size_t)snprintf(buf, len, "%s(nid %d, %#lx, %#lx, altmap %d)",
				     op_names[op->kind], op->nid, op->start, op->nr, op->am);
		if (op->kind == OP_ADD_PAGES && op->am >= 0 && n < len)
			n += (size_t)snprintf(buf + n, len - n, " {%#lx %#lx r%lu f%lu a%lu}",
					      op->a.base_pfn, op->a.end_pfn, op->a.reserve,
					      op->a.free, op->a.align);
		break;
	}
	if (op->inj && n < len)
		snprintf(buf + n, len - n, " [%s fault %ld]",
			 op->inj_populate ? "populate" : "alloc", op->inj);
	return buf;
}

/* --- expected results and their effect --------------------------------- */

static unsigned int expect_op(struct rstate *t, const struct dop *op, const struct dreq *q)
{
	const struct dmodel *x = &t->x;
	struct dam cur;

	switch (op->kind) {
	case OP_ADD_PAGES:
		return dm_expect_add(x, op->nid, op->start, op->nr, op->am >= 0 ? &op->a : NULL);
	case OP_REMOVE_PAGES:
		if (op->am >= 0)
			t->d->am_get(op->am, &cur);
		return dm_expect_remove(x, op->start, op->nr, op->am >= 0 ? &cur : NULL, op->am,
					t->d->ft->from + x->base / x->bp);
	case OP_ADD_MEMORY:
		return dm_expect_add_memory(x, op->nid, op->start, op->nr);
	case OP_REMOVE_MEMORY:
		return dm_expect_remove_memory(x, op->start, op->nr,
					       t->d->ft->from + x->base / x->bp);
	case OP_ONLINE:
	case OP_OFFLINE:
		return dm_expect_online(x, op->start, op->nr);
	case OP_MEMREMAP:
		return dm_expect_memremap(x, op->slot, q, op->nid);
	default:
		return x->pg_nid[op->slot] >= 0 ? HP_OK : HP_EINVAL;
	}
}

static int run_op(struct rstate *t, const struct dop *op)
{
	const struct dev_ops *d = t->d;

	switch (op->kind) {
	case OP_ADD_PAGES:
		if (op->am >= 0)
			d->am_put(op->am, &op->a);
		return d->add_pages(op->nid, op->start, op->nr, op->am);
	case OP_REMOVE_PAGES:
		return d->remove_pages(op->start, op->nr, op->am);
	case OP_ADD_MEMORY:
		return d->hp->hot->add_memory(op->nid, op->start, op->nr);
	case OP_REMOVE_MEMORY:
		return d->hp->hot->remove_memory(op->start, op->nr);
	case OP_ONLINE:
		return d->hp->hot->online_pages(op->start, op->nr, PMM_MMOP_ONLINE);
	case OP_OFFLINE:
		return d->hp->hot->offline_pages(op->start, op->nr);
	case OP_MEMREMAP:
		if (op->fill)
			d->pg_put(op->slot, &op->q);
		return d->memremap(op->slot, op->nid);
	default:
		return d->memunmap(op->slot);
	}
}

static void apply_op(struct rstate *t, const struct dop *op, const struct dreq *q)
{
	struct dmodel *x = &t->x;
	unsigned long lo = op->start - x->base, s;

	switch (op->kind) {
	case OP_ADD_PAGES:
		dm_add_ram(x, op->nid, op->start, op->nr, op->am, 0);
		break;
	case OP_ADD_MEMORY:
		dm_add_ram(x, op->nid, op->start, op->nr, -1, 1);
		break;
	case OP_REMOVE_PAGES:
	case OP_REMOVE_MEMORY:
		dm_remove_units(x, lo, lo + op->nr, -1);
		break;
	case OP_ONLINE:
	case OP_OFFLINE:
		for (s = lo / x->m.pps; s < (lo + op->nr) / x->m.pps; s++)
			x->online[s] = op->kind == OP_ONLINE;
		break;
	case OP_MEMREMAP:
		dm_memremap(x, op->slot, q, op->nid);
		break;
	default:
		dm_memunmap(x, op->slot);
		break;
	}
}

/* --- checks after a step ----------------------------------------------- */

/* The spans a request touched, clipped to the window. */
static int op_spans(const struct rstate *t, const struct dop *op, const struct dreq *q,
		    struct pmm_dev_range *sp)
{
	const struct dmodel *x = &t->x;
	struct pmm_dev_range raw[DM_MAX_RANGES];
	unsigned int i, n = 0, k = 0;

	if (op->kind == OP_MEMREMAP || op->kind == OP_MEMUNMAP) {
		const struct dreq *r = op->kind == OP_MEMREMAP ? q : &x->pg[op->slot];

		for (i = 0; i < r->nr_range && i < DM_MAX_RANGES; i++)
			raw[n++] = r->r[i];
	} else {
		raw[0].start_pfn = op->start;
		raw[0].end_pfn = op->start + op->nr;
		n = op->nr && op->start + op->nr > op->start;
	}
	for (i = 0; i < n; i++) {
		unsigned long lo = raw[i].start_pfn, hi = raw[i].end_pfn;

		if (hi <= lo || hi <= x->base || lo >= x->base + x->m.max_pfn)
			continue;
		sp[k].start_pfn = lo > x->base ? lo : x->base;
		sp[k].end_pfn = hi < x->base + x->m.max_pfn ? hi : x->base + x->m.max_pfn;
		k++;
	}
	return (int)k;
}

/*
 * First, last and one more PFN of every unit of each span and of the
 * units on either side; the sections they are in; a random sample; the
 * stats and every altmap's alloc.
 */
static void check_step(const struct rstate *t, const struct pmm_dev_range *sp, int nsp)
{
	const struct dmodel *x = &t->x;
	unsigned long unit = x->m.unit, u, lo, hi, s;
	int i;

	for (i = 0; i < nsp; i++) {
		lo = (sp[i].start_pfn - x->base) / unit;
		hi = (sp[i].end_pfn - x->base + unit - 1) / unit;
		lo = lo ? lo - 1 : lo;
		hi = hi < x->m.nr_units ? hi + 1 : hi;
		for (u = lo; u < hi; u++) {
			check_pfn(t->d, x, x->base + u * unit);
			check_pfn(t->d, x, x->base + u * unit + unit - 1);
			check_pfn(t->d, x, x->base + u * unit + rnd(unit));
		}
		for (s = lo * unit / x->m.pps;
		     s < x->m.nr_sections && s * x->m.pps < hi * unit; s++)
			check_section(t->d, x, s);
	}
	for (i = 0; i < 8; i++)
		check_pfn(t->d, x, x->base + rnd(x->m.max_pfn));
	check_stats(t->d, x);
	check_allocs(t->d, x);
}

/* --- boot, undo, exit ---------------------------------------------------- */

static int r_boot(struct rstate *t)
{
	const struct dev_ops *d = t->d;
	struct dreq q;
	struct dam a;
	int err, i;

	/* the slots start empty, whatever the cases left in them */
	memset(&q, 0, sizeof(q));
	memset(&a, 0, sizeof(a));
	for (i = 0; i < DM_NR_PG; i++)
		d->pg_put(i, &q);
	for (i = 0; i < DM_NR_AM; i++)
		d->am_put(i, &a);

	t->hosted0 = pmm_hosted_live;
	err = dev_init(d, t->ri->map, t->ri->nr_map);
	ASSERT_MSG(!err, "%s: init = %d", d->hp->name, err);
	if (err)
		return err;
	dm_boot(&t->x, t->ri->map, t->ri->nr_map);
	d->hp->stats(&t->boot_st);
	t->boot_blocks = test_alloc_live_blocks;
	t->boot_bytes = test_alloc_live_bytes;
	t->boot_hosted = pmm_hosted_live;
	t->boot_populated = d->hp->vm->populated;
	check_deep(d, &t->x);
	return 0;
}

static void r_exit(struct rstate *t)
{
	const struct dev_ops *d = t->d;

	d->hp->exit();
	check_exited(d->hp, t->hosted0);
	check_exited_device(d);
}

/*
 * Undo everything: unmap every pagemap, remove every unit boot did not
 * leave (with the altmap it was added with), online the boot sections.
 * When boot memory is all still there, the instance must hold exactly
 * what it held after boot: stats, allocations, vmemmap backing, no
 * altmap page.  Otherwise pmm_exit must free everything and a new boot
 * must give the same figures.
 */
static void r_undo(struct rstate *t)
{
	const struct dev_ops *d = t->d;
	struct dmodel *x = &t->x;
	unsigned long u, n, s, left, removed;
	struct pmm_stats st;
	int slot, rc;

	test_context = "undo";
	for (slot = 0; slot < DM_NR_PG; slot++) {
		if (x->pg_nid[slot] < 0)
			continue;
		rc = d->memunmap(slot);
		ASSERT_MSG(rc == 0, "%s: undo: memunmap(slot %d) = %d", d->hp->name, slot, rc);
		dm_memunmap(x, slot);
	}
	/* in passes: altmap memory may have to wait for what its memmap serves */
	do {
		left = removed = 0;
		for (u = 0; u < x->m.nr_units; u += n ? n : 1) {
			unsigned long start = x->base + u * x->m.unit;
			unsigned int want;
			struct dam a;

			n = 0;
			if (!x->m.valid[u] || x->m.boot[u])
				continue;
			while (u + n < x->m.nr_units && x->m.valid[u + n] && !x->m.boot[u + n] &&
			       x->amx[u + n] == x->amx[u])
				n++;
			if (x->amx[u] >= 0)
				d->am_get(x->amx[u], &a);
			want = dm_expect_remove(x, start, n * x->m.unit, x->amx[u] >= 0 ? &a : NULL,
						x->amx[u], d->ft->from + x->base / x->bp);
			rc = d->remove_pages(start, n * x->m.unit, x->amx[u]);
			ASSERT_MSG(hp_err_bit(rc) & want, "%s: undo: remove_pages(%#lx, %#lx, "
				   "altmap %d) = %d", d->hp->name, start, n * x->m.unit, x->amx[u],
				   rc);
			if (rc) {
				left++;
				continue;
			}
			removed++;
			dm_remove_units(x, u * x->m.unit, (u + n) * x->m.unit, -1);
		}
	} while (left && removed);
	ASSERT_MSG(!left, "%s: undo: %lu runs of memory could not be removed", d->hp->name,
		   left);
	for (s = 0; s < x->m.nr_sections; s++) {
		if (!dm_present(x, s) || !x->inblk[s] || x->online[s])
			continue;
		rc = d->hp->hot->online_pages(x->base + s * x->m.pps, x->m.pps, PMM_MMOP_ONLINE);
		ASSERT_MSG(rc == 0, "%s: undo: online_pages(section %lu) = %d", d->hp->name, s, rc);
		x->online[s] = 1;
	}
	check_deep(d, x);
	if (dm_boot_intact(x)) {
		t->undo_exact++;
		d->hp->stats(&st);
		stats_expect_equal(&t->boot_st, &st, "undone");
		ASSERT_MSG(st.device_pages == 0 && st.altmap_pages == 0 && d->ft->nlive == 0,
			   "%s: undone: device_pages %lu altmap_pages %lu, %ld altmap pages live",
			   d->hp->name, st.device_pages, st.altmap_pages, d->ft->nlive);
		ASSERT_MSG(test_alloc_live_blocks == t->boot_blocks &&
			   test_alloc_live_bytes == t->boot_bytes,
			   "%s: undone: %ld blocks %lld bytes allocated, %ld and %lld after boot",
			   d->hp->name, test_alloc_live_blocks, test_alloc_live_bytes,
			   t->boot_blocks, t->boot_bytes);
		ASSERT_MSG(pmm_hosted_live == t->boot_hosted &&
			   d->hp->vm->populated == t->boot_populated,
			   "%s: undone: hosted %llu, vmemmap %lld; after boot %llu and %lld",
			   d->hp->name, pmm_hosted_live, d->hp->vm->populated, t->boot_hosted,
			   t->boot_populated);
	} else {
		struct pmm_stats boot = t->boot_st;

		t->undo_reinit++;
		r_exit(t);
		if (!r_boot(t))
			stats_expect_equal(&boot, &t->boot_st, "booted again");
	}
	test_context = NULL;
}

/* --- the run ------------------------------------------------------------- */

#define DEV_EPOCH		5000UL		/* steps between undo-to-boot checks */

static int opt_trace;
static const struct test_option options[] = {
	{ 't', NULL, "print every request of the random part", .flag = &opt_trace },
	{ 0 }
};

static struct test_args args = {
	.takes = "sni", .seed = 0xde71ce26, .n = 100000, .n_name = "OPS",
	.n_about = "requests per instance",
	.about = "ZONE_DEVICE and altmaps: cases, then random requests per instance "
		 "against a model, undone to boot every 5,000",
	.extra = options,
};

static void run_instance(struct rstate *t, unsigned long ops)
{
	const struct dev_ops *d = t->d;
	struct pmm_dev_range sp[DM_MAX_RANGES];
	unsigned long step;
	char buf[400], wbuf[80];

	dm_setup(&t->x, d->hp, t->ri->base, t->ri->window, d->ppb);
	if (r_boot(t)) {
		dm_free(&t->x);
		return;
	}
	t->protect = 1;
	for (step = 0; step < ops && !hp_quota_spent(); step++) {
		struct dop op;
		const struct dreq *q;
		struct dev_snap sn;
		unsigned int want;
		int rc, nsp;

		gen_op(t, &op);
		q = op.kind == OP_MEMREMAP && !op.fill ? &t->x.pg[op.slot] : &op.q;
		want = expect_op(t, &op, q);
		if (want & (1u << 30)) {
			test_failf(__FILE__, __LINE__, "step %lu: generator left the window: %s",
				   step, op_str(&op, q, buf, sizeof(buf)));
			break;
		}
		if (op.inj && (want & HP_OK)) {
			want |= HP_ENOMEM;
			if (op.inj_populate)
				d->hp->vm->populate_fail_at = op.inj;
			else
				test_alloc_fail_at = op.inj;
		}
		test_context = op_str(&op, q, buf, sizeof(buf));
		nsp = op_spans(t, &op, q, sp);
		dsnap_take_light(d, &sn);
		rc = run_op(t, &op);
		test_alloc_fail_at = 0;
		d->hp->vm->populate_fail_at = 0;
		if (opt_trace)
			printf("%s %lu: %s = %d\n", d->hp->name, step, buf, rc);
		if (!(hp_err_bit(rc) & want)) {
			test_failf(__FILE__, __LINE__, "step %lu: returned %d, expected %s; rerun: "
				   "test_device -s %#llx -n %lu -i %s -t", step, rc,
				   hp_err_set(want, wbuf, sizeof(wbuf)), args.seed, ops,
				   d->hp->name);
			break;
		}
		if (rc) {
			t->refused[op.kind]++;
			t->err[op.kind][__builtin_ctz(hp_err_bit(rc)) % 8]++;
			dsnap_expect_same_light(d, &sn, "a refused request");
		} else {
			t->done[op.kind]++;
			apply_op(t, &op, q);
		}
		check_step(t, sp, nsp);
		if (step % DEV_EPOCH == DEV_EPOCH - 1) {
			r_undo(t);
			t->protect = !t->protect;
		}
	}
	test_context = NULL;
	if (!hp_quota_spent())
		r_undo(t);
	r_exit(t);
	dm_free(&t->x);
}


/* Part 2 on rinsts[@index]: args.n requests, hp_rand started for it. */
static void random_one(unsigned int index)
{
	const struct rinst *ri = &rinsts[index];
	static struct rstate t;
	int k;

	memset(&t, 0, sizeof(t));
	t.ri = ri;
	t.d = ri->d;
	run_instance(&t, args.n);
	if (test_verbose) {
		printf("  %s: undone to boot %lu times, booted again %lu times\n",
		       ri->d->hp->name, t.undo_exact, t.undo_reinit);
		for (k = 0; k < OP_KINDS; k++)
			printf("    %-15s done %6lu refused %6lu (EINVAL %lu ERANGE %lu EEXIST "
			       "%lu ENOMEM %lu EBUSY %lu ENXIO %lu)\n", op_names[k], t.done[k],
			       t.refused[k], t.err[k][1], t.err[k][2], t.err[k][3],
			       t.err[k][4], t.err[k][5], t.err[k][6]);
	}
}

static const char *instance_name(unsigned int index)
{
	return rinsts[index].d->hp->name;
}

int main(int argc, char **argv)
{
	test_parse_args(&args, argc, argv);
	if (!args.instance) {
		RUN(dev_altmap_arith_fill);
		RUN(dev_altmap_arith_unaligned_base);
		RUN(dev_altmap_arith_pad_overflows);
		RUN(dev_altmap_arith_pmd);
		RUN(dev_altmap_arith_pad_runs_out);
		RUN(dev_altmap_arith_pad_to_lowest_bit);
		RUN(dev_altmap_arith_64k);
		RUN(dev_requires_init);
		RUN(dev_altmap_add_remove);
		RUN(dev_altmap_remove_needs_its_altmap);
		RUN(dev_altmap_one_page_short);
		RUN(dev_altmap_align_spent);
		RUN(dev_altmap_off_add_pages_rule);
		RUN(dev_altmap_early_section_keeps_memmap);
		RUN(dev_altmap_failure_gives_pages_back);
		RUN(dev_altmap_64k_subsection);
		RUN(dev_altmap_64k_whole_pages);
		RUN(dev_altmap_shared_page);
		RUN(dev_altmap_partial_remove);
		RUN(dev_memremap_bad_pagemap);
		RUN(dev_memremap_private_needs_ops);
		RUN(dev_memremap_coherent_needs_ops);
		RUN(dev_memremap_bad_flags_or_node);
		RUN(dev_memremap_bad_ranges);
		RUN(dev_memremap_bad_altmap);
		RUN(dev_memremap_beyond_max_pfn);
		RUN(dev_memremap_refuses_ram);
		RUN(dev_memremap_refuses_added_pages);
		RUN(dev_memremap_over_pagemap);
		RUN(dev_memunmap_refusals);
		RUN(dev_memremap_enomem);
		RUN(dev_altmap_short_keeps_alloc);
		RUN(dev_altmap_identity);
		RUN(dev_failed_memremap_short_altmap);
		RUN(dev_failed_memremap_hole);
		RUN(dev_failed_memremap_old_taint);
		RUN(dev_memremap_added_pages_anywhere);
		RUN(dev_memremap_ram_beside_added_pages);
		RUN(dev_boot_hole_device);
		RUN(dev_boot_hole_device_pins_block);
		RUN(dev_device_across_section_end);
		RUN(dev_multi_range);
		RUN(dev_multi_range_last_over_ram);
		RUN(dev_multi_range_failure_unwinds);
		RUN(dev_failed_memremap_hole_nodes);
		RUN(dev_pgmap_in_page);
		RUN(dev_pgmap_found_by_pfn);
		RUN(dev_zone_device_found_by_pfn);
		RUN(dev_exit_with_pagemaps);
		RUN(dev_ram_after_partial_remove);
		RUN(dev_remove_memory_altmap);
	}
	if (hp_run_random(&args, HP_ARRAY_SIZE(rinsts), instance_name, random_one)) {
		trackers_free();
		return 2;
	}
	trackers_free();
	return test_summary("test_device");
}
