/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * device_model.h - what test_device.c adds to hotplug.h: a tracker of the
 * vmemmap pages backed from vmem_altmaps, and a model of ZONE_DEVICE and
 * altmap state beside hotplug.h's model of validity, nodes and RAM.
 *
 * The model, like hotplug.h's, is written from the rules (Linux 6.12's
 * mm/memremap.c memremap_pages() and pagemap_range(), mm/sparse-vmemmap.c
 * altmap_alloc_block_buf(), drivers/base/memory.c's memory blocks, and
 * pmm's documented promises), never from pmm_sparse_device.h:
 *
 *	m            hotplug.h's hp_model over a window of whole sections
 *	             (PFN base + i is the model's i), so that a big PFN space
 *	             costs only the window; device units are valid units
 *	             that hold no RAM
 *	online[s]    section s is online (boot sections, pmm_online_pages)
 *	inblk[s]     section s belongs to a memory block (boot, add_memory)
 *	sysram[u]    unit u is System RAM: boot RAM or pmm_add_memory's (in
 *	             Linux's resource tree), not pmm_add_pages'
 *	resv[pfn]    PG_reserved of the descriptor: holes and device pages 1,
 *	             RAM 0, -1 where the rules do not say (memory removed
 *	             from a section that stays early)
 *	dev[u]       the pagemap slot that maps unit u, or -1
 *	am[u]        the altmap that unit u's memmap came from, or -1; never
 *	             set in early sections, which keep their boot memmap
 *	amx[u]       the altmap unit u was added with, early section or not
 *	bsrc[p]      page p of descriptors (PFNs p * bp ... p * bp + bp - 1)
 *	             is backed: 0 no, DM_NORMAL by the allocator, DM_ALTMAP
 *	             from altmap bown[p]
 *
 * A page of descriptors is backed while any descriptor on it is needed:
 * all of an early section's, a later section's valid units' (pmm.h's
 * rule, and what sparse-vmemmap does per sub-section).  A page that
 * becomes needed during an add with an altmap comes from the altmap; a
 * page that is no longer needed goes back where it came from: to its
 * altmap (alloc - 1, altmap_pages - 1) or to the allocator (memmap_bytes
 * less a page), whichever call frees it.
 */
#ifndef PMM_DEVICE_MODEL_H
#define PMM_DEVICE_MODEL_H

#include "hotplug.h"

/* ---------------------------------------------------------------------
 * The PMM_VMEMMAP_POPULATE_FROM tracker.
 *
 * ftrk_populate_from backs the page through the vmemmap tracker (so
 * its populated counts every backed page, from an altmap or not) and
 * records which PFN backs it.  It flags a call outside a request that
 * armed it, a piece that is not one page, a PFN outside what the request
 * allows ([base + reserve, base + reserve + free) of its altmap), and a
 * PFN handed out while it still backs another page.  ftrk_depopulate
 * gives the PFNs of the pages it drops back.  What breaks a rule is
 * tallied in bad (test.h's struct test_tally), for the test to assert on.
 * --------------------------------------------------------------------- */

struct ftrk {
	struct test_vmemmap *t;
	unsigned long page;		/* pmm's page size */
	unsigned long vbase;		/* address of PFN 0's descriptor */
	unsigned long nr_idx;		/* pages of descriptors in the PFN space */
	unsigned long max_pfn;
	long *from;			/* per page of descriptors: its PFN, or -1 */
	unsigned char *live;		/* per PFN: backs a page now */
	long nlive;
	int armed;
	unsigned long lo, hi;		/* PFNs the armed request may hand out */
	long calls;
	struct test_tally bad;
	long bad_seen, vm_bad_seen;	/* how many the test has reported */
	/* the last handouts, for the cases' exact checks */
	unsigned long log_pfn[64], log_idx[64];
	int nlog;
};

/*
 * One instance's trackers: test_vmemmap.h's of every vmemmap hook, and
 * the altmap tracker in front of it (dev_instance.h wires them).
 * partial_ok: hotplug gives back parts of what boot populated whole.
 */
struct dev_trackers {
	struct test_vmemmap vm;
	struct ftrk ft;
};

#define DEV_TRACKERS_INIT	{ .vm = { .partial_ok = 1 } }

HP_HELPER void ftrk_setup(struct ftrk *f, struct test_vmemmap *t, unsigned long page,
			  unsigned long desc, unsigned long max_pfn)
{
	unsigned long i;

	memset(f, 0, sizeof(*f));
	f->t = t;
	f->page = page;
	f->max_pfn = max_pfn;
	f->nr_idx = max_pfn / (page / desc) + 1;
	f->from = (long *)malloc(f->nr_idx * sizeof(long));
	for (i = 0; i < f->nr_idx; i++)
		f->from[i] = -1;
	f->live = (unsigned char *)calloc(max_pfn / 8 + 1, 1);
}

HP_HELPER void ftrk_free(struct ftrk *f)
{
	free(f->from);
	free(f->live);
	f->from = NULL;
	f->live = NULL;
}

HP_HELPER int ftrk_is_live(const struct ftrk *f, unsigned long pfn)
{
	return (f->live[pfn / 8] >> (pfn % 8)) & 1;
}

HP_HELPER void ftrk_set_live(struct ftrk *f, unsigned long pfn, int on)
{
	if (on)
		f->live[pfn / 8] |= (unsigned char)(1u << (pfn % 8));
	else
		f->live[pfn / 8] &= (unsigned char)~(1u << (pfn % 8));
}

/* Allow the next handouts from [lo, hi) only; clears the log. */
HP_HELPER void ftrk_arm(struct ftrk *f, unsigned long lo, unsigned long hi)
{
	f->armed = 1;
	f->lo = lo;
	f->hi = hi;
	f->nlog = 0;
}

HP_HELPER void ftrk_disarm(struct ftrk *f)
{
	f->armed = 0;
}

HP_HELPER int ftrk_populate_from(struct ftrk *f, void *addr, unsigned long bytes,
				 unsigned long pfn)
{
	unsigned long a = (unsigned long)addr, idx = (a - f->vbase) / f->page;
	int err;

	f->calls++;
	if (!f->armed)
		test_tally(&f->bad, "populate_from(%#lx, pfn %#lx) outside an altmap request",
			   a, pfn);
	if (bytes != f->page)
		test_tally(&f->bad, "populate_from(%#lx, %#lx bytes): not one page", a, bytes);
	if (pfn < f->lo || pfn >= f->hi)
		test_tally(&f->bad, "populate_from(%#lx): pfn %#lx outside the altmap's free "
			   "pages [%#lx, %#lx)", a, pfn, f->lo, f->hi);
	if (pfn >= f->max_pfn || a < f->vbase || idx >= f->nr_idx) {
		test_tally(&f->bad, "populate_from(%#lx): pfn %#lx or address out of range",
			   a, pfn);
		return -ENOMEM;
	}
	if (ftrk_is_live(f, pfn))
		test_tally(&f->bad, "populate_from(%#lx): pfn %#lx handed out twice", a, pfn);
	err = test_vmemmap_populate(f->t, f->page, addr, bytes, -1);
	if (err)
		return err;
	if (f->from[idx] >= 0)
		test_tally(&f->bad, "populate_from(%#lx): page already from pfn %#lx", a,
			   (unsigned long)f->from[idx]);
	f->from[idx] = (long)pfn;
	ftrk_set_live(f, pfn, 1);
	f->nlive++;
	if (f->nlog < (int)HP_ARRAY_SIZE(f->log_pfn)) {
		f->log_pfn[f->nlog] = pfn;
		f->log_idx[f->nlog] = idx;
		f->nlog++;
	}
	return 0;
}

HP_HELPER void ftrk_depopulate(struct ftrk *f, void *addr, unsigned long bytes)
{
	unsigned long a = (unsigned long)addr, p;

	for (p = a; p < a + bytes && f->from; p += f->page) {
		unsigned long idx = (p - f->vbase) / f->page;

		if (p < f->vbase || idx >= f->nr_idx || f->from[idx] < 0)
			continue;
		ftrk_set_live(f, (unsigned long)f->from[idx], 0);
		f->from[idx] = -1;
		f->nlive--;
	}
	test_vmemmap_depopulate(f->t, f->page, addr, bytes);
}

/* ---------------------------------------------------------------------
 * Requests, in a form every instance's wrappers understand.
 * --------------------------------------------------------------------- */

#define DM_NR_AM	12		/* altmaps for pmm_add_pages */
#define DM_NR_PG	8		/* pagemaps */
#define DM_NR_IDS	(DM_NR_AM + DM_NR_PG)	/* altmap ids: pool, then pagemaps' */
#define DM_MAX_RANGES	3

/* struct pmm_vmem_altmap's fields */
struct dam {
	unsigned long base_pfn, end_pfn, reserve, free, align, alloc;
};

/* which callbacks a pagemap's ops have */
#define DM_CB_FREE	(1 << 0)
#define DM_CB_MIGRATE	(1 << 1)
#define DM_CB_NOOPS	(1 << 2)	/* ops pointer NULL */

/* a pagemap, before the instance's wrapper copies it into its slot */
struct dreq {
	unsigned int type, flags, nr_range;
	int cbs;			/* DM_CB_* */
	int owner;			/* owner pointer set */
	int embedded;			/* nr_range 1 in .range, .ranges NULL */
	int ranges_null;		/* .ranges NULL whatever nr_range */
	struct pmm_dev_range r[DM_MAX_RANGES];
	struct dam am;			/* with PMM_PGMAP_ALTMAP_VALID */
};

/* ---------------------------------------------------------------------
 * The model.
 * --------------------------------------------------------------------- */

#define DM_NORMAL	1
#define DM_ALTMAP	2

struct dmodel {
	struct hp_model m;		/* window-relative PFNs */
	unsigned long base;		/* the window's first PFN */
	unsigned long abs_max;		/* the instance's MAX_PFN */
	unsigned long bp;		/* PFNs per page of descriptors */
	unsigned long page;		/* bytes per page */
	unsigned long pages_per_block;
	int max_nodes;
	unsigned char *online, *inblk;	/* per section */
	unsigned char *bootvalid;	/* per unit: valid at boot */
	unsigned char *sysram;		/* per unit: System RAM */
	signed char *resv;		/* per PFN */
	signed char *dev, *am, *amx;	/* per unit */
	unsigned char *bsrc;		/* per page of descriptors */
	signed char *bown;
	unsigned long nr_bpages;
	unsigned long normal_pages, altmap_pages, device_pages;
	unsigned long am_alloc[DM_NR_IDS];	/* what each altmap's alloc must read */
	unsigned long am_units[DM_NR_IDS];	/* units added with it */
	int pg_nid[DM_NR_PG];			/* -1: slot not mapped */
	struct dreq pg[DM_NR_PG];		/* what each mapped slot holds */
};

/*
 * @o: the instance; @base and @window_pfns: the window (whole sections,
 * a power of two); @bp: PFNs per page of descriptors; @ppb: pages per
 * memory block.
 */
HP_HELPER void dm_setup(struct dmodel *d, const struct hp_ops *o, unsigned long base,
			unsigned long window_pfns, unsigned long ppb)
{
	struct hp_ops tmp = *o;
	struct pmm_params pp = *o->params;
	int bits = 0;

	memset(d, 0, sizeof(*d));
	while ((1UL << bits) < window_pfns)
		bits++;
	pp.max_physmem_bits = bits + o->params->page_shift;
	tmp.params = &pp;
	model_setup(&d->m, &tmp);
	d->base = base;
	d->abs_max = hp_max_pfn(o);
	d->page = 1UL << o->params->page_shift;
	d->bp = d->page / hp_desc(o);
	d->pages_per_block = ppb;
	d->max_nodes = hp_max_nodes(o);
	d->online = (unsigned char *)calloc(d->m.nr_sections, 1);
	d->inblk = (unsigned char *)calloc(d->m.nr_sections, 1);
	d->bootvalid = (unsigned char *)calloc(d->m.nr_units, 1);
	d->sysram = (unsigned char *)calloc(d->m.nr_units, 1);
	d->resv = (signed char *)malloc(d->m.max_pfn);
	d->dev = (signed char *)malloc(d->m.nr_units);
	d->am = (signed char *)malloc(d->m.nr_units);
	d->amx = (signed char *)malloc(d->m.nr_units);
	d->nr_bpages = (d->m.max_pfn + d->bp - 1) / d->bp;
	d->bsrc = (unsigned char *)calloc(d->nr_bpages, 1);
	d->bown = (signed char *)malloc(d->nr_bpages);
}

HP_HELPER void dm_free(struct dmodel *d)
{
	model_free(&d->m);
	free(d->online);
	free(d->inblk);
	free(d->bootvalid);
	free(d->sysram);
	free(d->resv);
	free(d->dev);
	free(d->am);
	free(d->amx);
	free(d->bsrc);
	free(d->bown);
}

HP_HELPER int dm_in_window(const struct dmodel *d, unsigned long pfn)
{
	return pfn >= d->base && pfn - d->base < d->m.max_pfn;
}

HP_HELPER int dm_present(const struct dmodel *d, unsigned long s)
{
	return d->m.count[s] != 0;
}

HP_HELPER int dm_early(const struct dmodel *d, unsigned long s)
{
	return d->m.count[s] && d->m.early[s];
}

/* Is a descriptor on page of descriptors @p needed (relative PFNs)? */
HP_HELPER int dm_needed(const struct dmodel *d, unsigned long p)
{
	unsigned long lo = p * d->bp, hi = lo + d->bp, s, u;

	if (hi > d->m.max_pfn)
		hi = d->m.max_pfn;
	for (s = lo / d->m.pps; s * d->m.pps < hi; s++)
		if (dm_early(d, s))
			return 1;
	for (u = lo / d->m.unit; u * d->m.unit < hi; u++)
		if (d->m.valid[u])
			return 1;
	return 0;
}

/*
 * Bring the backing of pages [lo, hi) (relative PFNs, widened to whole
 * pages) in line with the rule: new pages come from @src (altmap @own),
 * pages no longer needed go back where they came from.
 */
HP_HELPER void dm_rebacking(struct dmodel *d, unsigned long lo, unsigned long hi,
			    int src, int own)
{
	unsigned long p;

	for (p = lo / d->bp; p * d->bp < hi && p < d->nr_bpages; p++) {
		int need = dm_needed(d, p);

		if (need && !d->bsrc[p]) {
			d->bsrc[p] = (unsigned char)src;
			d->bown[p] = (signed char)own;
			if (src == DM_ALTMAP) {
				d->altmap_pages++;
				d->am_alloc[own]++;
			} else {
				d->normal_pages++;
			}
		} else if (!need && d->bsrc[p]) {
			if (d->bsrc[p] == DM_ALTMAP) {
				d->altmap_pages--;
				d->am_alloc[(int)d->bown[p]]--;
			} else {
				d->normal_pages--;
			}
			d->bsrc[p] = 0;
		}
	}
}

/* The state right after pmm_init(@r, @nr) (absolute PFNs, all in the window). */
HP_HELPER void dm_boot(struct dmodel *d, const struct pmm_range *r, unsigned int nr)
{
	struct pmm_range rel[HP_MAX_BOOT];
	unsigned long s, pfn, u;
	unsigned int i;

	for (i = 0; i < nr && i < HP_MAX_BOOT; i++) {
		rel[i] = r[i];
		rel[i].start_pfn -= d->base;
		rel[i].end_pfn -= d->base;
	}
	model_boot(&d->m, rel, nr);
	memset(d->resv, -1, d->m.max_pfn);
	memset(d->dev, -1, d->m.nr_units);
	memset(d->am, -1, d->m.nr_units);
	memset(d->amx, -1, d->m.nr_units);
	memset(d->bsrc, 0, d->nr_bpages);
	d->normal_pages = d->altmap_pages = d->device_pages = 0;
	memset(d->am_alloc, 0, sizeof(d->am_alloc));
	memset(d->am_units, 0, sizeof(d->am_units));
	for (i = 0; i < DM_NR_PG; i++)
		d->pg_nid[i] = -1;
	for (s = 0; s < d->m.nr_sections; s++) {
		d->online[s] = d->inblk[s] = dm_present(d, s);
		if (!dm_present(d, s))
			continue;
		for (pfn = s * d->m.pps; pfn < (s + 1) * d->m.pps; pfn++)
			d->resv[pfn] = (signed char)!d->m.ram_pfn[pfn];
	}
	for (u = 0; u < d->m.nr_units; u++)
		d->bootvalid[u] = d->sysram[u] = d->m.valid[u];
	dm_rebacking(d, 0, d->m.max_pfn, DM_NORMAL, -1);
}

/* Every unit valid at boot still valid, untouched, in an early section. */
HP_HELPER int dm_boot_intact(const struct dmodel *d)
{
	unsigned long u;

	for (u = 0; u < d->m.nr_units; u++)
		if (d->bootvalid[u] && !d->m.boot[u])
			return 0;
	return 1;
}

/* Sections of [lo, hi) with nothing valid yet, before an add. */
HP_HELPER void dm_note_fresh(const struct dmodel *d, unsigned long lo, unsigned long hi,
			     unsigned char *fresh)
{
	unsigned long s;

	for (s = lo / d->m.pps; s * d->m.pps < hi; s++)
		fresh[s] = !dm_present(d, s);
}

HP_HELPER void dm_init_fresh(struct dmodel *d, unsigned long lo, unsigned long hi,
			     const unsigned char *fresh, int inblk)
{
	unsigned long s;

	for (s = lo / d->m.pps; s * d->m.pps < hi; s++)
		if (fresh[s]) {
			d->online[s] = 0;
			d->inblk[s] = (unsigned char)inblk;
		}
}

/*
 * A successful pmm_add_pages (@am_id an altmap id or -1) or, with
 * @inblk, pmm_add_memory; absolute PFNs.
 */
HP_HELPER void dm_add_ram(struct dmodel *d, int nid, unsigned long start, unsigned long nr,
			  int am_id, int inblk)
{
	unsigned long lo = start - d->base, hi = lo + nr, u;
	unsigned char *fresh = (unsigned char *)calloc(d->m.nr_sections, 1);

	dm_note_fresh(d, lo, hi, fresh);
	model_add(&d->m, nid, lo, nr);
	memset(d->resv + lo, 0, nr);
	for (u = lo / d->m.unit; u < hi / d->m.unit; u++) {
		int early = dm_early(d, u * d->m.unit / d->m.pps);

		d->am[u] = (signed char)(am_id >= 0 && !early ? am_id : -1);
		d->amx[u] = (signed char)am_id;
		d->sysram[u] = (unsigned char)inblk;
		if (am_id >= 0)
			d->am_units[am_id]++;
	}
	dm_init_fresh(d, lo, hi, fresh, inblk);
	if (am_id >= 0)
		d->am_alloc[am_id] = 0;		/* __add_pages resets it */
	dm_rebacking(d, lo, hi, am_id >= 0 ? DM_ALTMAP : DM_NORMAL, am_id);
	free(fresh);
}

/*
 * Take the valid units of [lo, hi) (relative) out.  Descriptors of an
 * early section that stays are left as they were: unknown to the rules
 * for memory, reserved holes on @dev_nid for device memory (@dev_nid
 * >= 0).
 */
HP_HELPER void dm_remove_units(struct dmodel *d, unsigned long lo, unsigned long hi,
			       int dev_nid)
{
	unsigned long u, pfn, s, slo = lo / d->m.pps * d->m.pps;
	unsigned long shi = (hi + d->m.pps - 1) / d->m.pps * d->m.pps;

	for (u = lo / d->m.unit; u < hi / d->m.unit; u++) {
		if (!d->m.valid[u])
			continue;
		model_remove(&d->m, u * d->m.unit, d->m.unit);
		d->sysram[u] = 0;
		if (d->amx[u] >= 0)
			d->am_units[(int)d->amx[u]]--;
		d->dev[u] = d->am[u] = d->amx[u] = -1;
		s = u * d->m.unit / d->m.pps;
		for (pfn = u * d->m.unit; pfn < (u + 1) * d->m.unit; pfn++) {
			if (dm_early(d, s) && dev_nid >= 0) {
				d->resv[pfn] = 1;
				d->m.nid[pfn] = dev_nid;
			} else {
				d->resv[pfn] = -1;
			}
		}
	}
	for (s = slo / d->m.pps; s * d->m.pps < shi; s++)
		if (!dm_present(d, s)) {
			d->online[s] = d->inblk[s] = 0;
			memset(d->resv + s * d->m.pps, -1, d->m.pps);
		}
	dm_rebacking(d, slo, shi, DM_NORMAL, -1);
}

/* Pages of descriptors [start, start + nr) (relative) would take from an altmap. */
HP_HELPER unsigned long dm_altmap_need(const struct dmodel *d, unsigned long lo,
				       unsigned long nr)
{
	unsigned long p, n = 0;

	for (p = lo / d->bp; p * d->bp < lo + nr; p++)
		if (!dm_needed(d, p))
			n++;
	return n;
}

/* __add_pages' altmap rule and pmm's whole pages of descriptors. */
HP_HELPER int dm_altmap_bad(const struct dmodel *d, unsigned long start, unsigned long nr,
			    const struct dam *a)
{
	return a->base_pfn != start || a->reserve + a->free > nr ||
	       a->end_pfn < start + nr - 1 || (start | nr) % d->bp;
}

/* Would the altmap run dry?  Every page it gives is one PFN, unpadded. */
HP_HELPER int dm_altmap_short(const struct dmodel *d, unsigned long start,
			      unsigned long nr, const struct dam *a)
{
	unsigned long cap = a->free > a->align ? a->free - a->align : 0;

	return dm_altmap_need(d, start - d->base, nr) > cap;
}

/* check_pfn_span: @unit-aligned, non-empty, within MAX_PHYSMEM_BITS. */
HP_HELPER unsigned int dm_span_errors(const struct dmodel *d, unsigned long start,
				      unsigned long nr, unsigned long unit)
{
	unsigned int e = 0;

	if (!nr || start % unit || nr % unit)
		e |= HP_EINVAL;
	if (nr && (start + nr < start || start + nr > d->abs_max))
		e |= HP_ERANGE;
	return e;
}

/* A span that passed dm_span_errors must lie in the window to be modelled. */
HP_HELPER int dm_span_modelled(const struct dmodel *d, unsigned long start, unsigned long nr)
{
	return dm_in_window(d, start) && nr <= d->m.max_pfn - (start - d->base);
}

/*
 * Would memory added without an altmap share a page of descriptors with
 * altmap memory (64 KiB pages: a page covers 32 sub-sections)?  The
 * header may refuse that (-EINVAL), as it refuses an altmap request that
 * does not own whole pages; if it takes it, the page must still go back
 * to its altmap in the end.
 */
HP_HELPER int dm_shares_altmap_page(const struct dmodel *d, unsigned long lo, unsigned long nr)
{
	unsigned long p;

	for (p = lo / d->bp; p * d->bp < lo + nr; p++)
		if (d->bsrc[p] == DM_ALTMAP)
			return 1;
	return 0;
}

/* pmm_add_pages(@nid, @start, @nr, @a): the allowed results. */
HP_HELPER unsigned int dm_expect_add(const struct dmodel *d, int nid, unsigned long start,
				     unsigned long nr, const struct dam *a)
{
	unsigned int e = dm_span_errors(d, start, nr, d->m.unit);
	unsigned long u;

	if (e)
		return e;
	if (nid < 0 || nid >= d->max_nodes || (a && dm_altmap_bad(d, start, nr, a)))
		return HP_EINVAL;
	if (!dm_span_modelled(d, start, nr))
		return 1u << 30;		/* the generator's mistake */
	for (u = (start - d->base) / d->m.unit; u < (start - d->base + nr) / d->m.unit; u++)
		if (d->m.valid[u])
			return HP_EEXIST;
	if (a && dm_altmap_short(d, start, nr, a))
		return HP_ENOMEM;
	if (!a && dm_shares_altmap_page(d, start - d->base, nr))
		return HP_OK | HP_EINVAL;
	return HP_OK;
}

/* Would page of descriptors @p still be needed with units [lo, hi) gone? */
HP_HELPER int dm_needed_after(const struct dmodel *d, unsigned long p, unsigned long lo,
			      unsigned long hi)
{
	unsigned long plo = p * d->bp, phi = plo + d->bp, s, u, gone;

	for (s = plo / d->m.pps; s * d->m.pps < phi && s < d->m.nr_sections; s++) {
		if (!dm_early(d, s))
			continue;
		for (gone = 0, u = s * d->m.pps / d->m.unit;
		     u < (s + 1) * d->m.pps / d->m.unit; u++)
			gone += d->m.valid[u] && u * d->m.unit >= lo && u * d->m.unit < hi;
		if (d->m.count[s] > gone)
			return 1;
	}
	for (u = plo / d->m.unit; u * d->m.unit < phi && u < d->m.nr_units; u++)
		if (d->m.valid[u] && (u * d->m.unit < lo || u * d->m.unit >= hi))
			return 1;
	return 0;
}

/*
 * Would removing units [lo, hi) take PFNs that hold memmap staying in
 * use?  @from: per page of descriptors, the PFN the populate_from hook
 * saw back it, or -1.
 */
HP_HELPER int dm_takes_live_memmap(const struct dmodel *d, unsigned long lo, unsigned long hi,
				   const long *from)
{
	unsigned long p;

	for (p = 0; p < d->nr_bpages; p++) {
		long f = from[p];

		if (d->bsrc[p] != DM_ALTMAP || f < 0 || (unsigned long)f < d->base + lo ||
		    (unsigned long)f >= d->base + hi)
			continue;
		if (dm_needed_after(d, p, lo, hi))
			return 1;
	}
	return 0;
}

/*
 * pmm_remove_pages(@start, @nr, altmap @id or -1): every unit valid, the
 * altmap the one each non-early unit was added with, covering the span;
 * no device memory.  Early sections keep their boot memmap, so the
 * header need not tell how their memory was added: either answer for
 * early memory removed with another altmap than it was added with.  And
 * the memory removed must not hold memmap that stays: with an altmap, the
 * memmap of the rest of its memory may lie in [base, base + reserve +
 * free).  Removing PFNs that back live
 * descriptors is refused (-EINVAL or -EBUSY); removing part of that area
 * while altmap memory stays in the altmap's range may be (the header need
 * not know which PFN backs which page, nor which altmap a sub-section's
 * memmap came from).
 */
HP_HELPER unsigned int dm_expect_remove(const struct dmodel *d, unsigned long start,
					unsigned long nr, const struct dam *a, int id,
					const long *from)
{
	unsigned int e = dm_span_errors(d, start, nr, d->m.unit), want = 0;
	unsigned long u, lo;
	int maybe = 0;

	if (e)
		return e;
	if (!dm_span_modelled(d, start, nr))
		return 1u << 30;
	if (a && (start < a->base_pfn || start + nr - 1 > a->end_pfn))
		want |= HP_EINVAL;
	for (u = (start - d->base) / d->m.unit; u < (start - d->base + nr) / d->m.unit; u++) {
		unsigned long s = u * d->m.unit / d->m.pps;

		if (!d->m.valid[u])
			want |= HP_EINVAL;
		else if (!dm_early(d, s) && d->am[u] != (a ? id : -1))
			want |= HP_EINVAL;
		else if (dm_early(d, s) && d->amx[u] != (a ? id : -1))
			maybe = 1;
		if (d->dev[u] >= 0)
			want |= HP_EBUSY;
	}
	/* pmm checks validity first; either answer is faithful when both apply */
	if (want)
		return want | (maybe ? HP_EINVAL : 0);
	lo = start - d->base;
	if (dm_takes_live_memmap(d, lo, lo + nr, from))
		return HP_EINVAL | HP_EBUSY;
	if (maybe)
		return HP_OK | HP_EINVAL;
	if (a && start < a->base_pfn + a->reserve + a->free && a->base_pfn < start + nr)
		for (u = 0; u < d->m.nr_units; u++) {
			unsigned long pfn = d->base + u * d->m.unit;

			/* sub-section bits cannot tell one altmap from another */
			if (d->amx[u] >= 0 && pfn >= a->base_pfn && pfn <= a->end_pfn &&
			    (u * d->m.unit < lo || u * d->m.unit >= lo + nr))
				return HP_OK | HP_EINVAL | HP_EBUSY;
		}
	return HP_OK;
}

/* pmm_online_pages / pmm_offline_pages */
HP_HELPER unsigned int dm_expect_online(const struct dmodel *d, unsigned long start,
					unsigned long nr)
{
	unsigned int e = dm_span_errors(d, start, nr, d->m.pps);
	unsigned long s;

	if (e)
		return e;
	if (!dm_span_modelled(d, start, nr))
		return 1u << 30;
	for (s = (start - d->base) / d->m.pps; s < (start - d->base + nr) / d->m.pps; s++)
		if (!dm_present(d, s) || !d->inblk[s])
			return HP_EINVAL;
	return HP_OK;
}

/* pmm_add_memory */
HP_HELPER unsigned int dm_expect_add_memory(const struct dmodel *d, int nid,
					    unsigned long start, unsigned long nr)
{
	if ((start | nr) % d->pages_per_block)
		return HP_EINVAL;
	return dm_expect_add(d, nid, start, nr, NULL);
}

/*
 * pmm_remove_memory: whole blocks in memory blocks (-EINVAL), offline and
 * without device memory (-EBUSY).  A block where memory was added with an
 * altmap cannot go without that altmap, which remove_memory does not
 * take: -EINVAL or -EBUSY, the header's choice (either way in an early
 * section, whose memmap is the boot one); nor one whose PFNs hold the
 * memmap of altmap memory elsewhere.
 */
HP_HELPER unsigned int dm_expect_remove_memory(const struct dmodel *d, unsigned long start,
					       unsigned long nr, const long *from)
{
	unsigned int e = dm_span_errors(d, start, nr, d->pages_per_block);
	unsigned long s, u, lo = start - d->base;
	int busy = 0, altmap = 0;

	if (e)
		return e;
	if (!dm_span_modelled(d, start, nr))
		return 1u << 30;
	for (s = lo / d->m.pps; s < (lo + nr) / d->m.pps; s++) {
		if (!dm_present(d, s) || !d->inblk[s])
			return HP_EINVAL;
		if (d->online[s])
			busy = 1;
	}
	for (u = lo / d->m.unit; u < (lo + nr) / d->m.unit; u++) {
		if (d->dev[u] >= 0)
			busy = 1;
		if (d->am[u] >= 0)
			altmap = 2;
		else if (d->amx[u] >= 0 && !altmap)
			altmap = 1;	/* early: its memmap is the boot one */
	}
	if (altmap == 2 || dm_takes_live_memmap(d, lo, lo + nr, from))
		return HP_EINVAL | HP_EBUSY;
	if (altmap)
		return (busy ? 0 : HP_OK) | HP_EINVAL | HP_EBUSY;
	return busy ? HP_EBUSY : HP_OK;
}

/* Does range @r of a pagemap overlap a mapped pagemap's? */
HP_HELPER int dm_overlaps_pgmap(const struct dmodel *d, const struct pmm_dev_range *r)
{
	unsigned long u;

	for (u = (r->start_pfn - d->base) / d->m.unit;
	     u < (r->end_pfn - d->base) / d->m.unit; u++)
		if (d->dev[u] >= 0)
			return 1;
	return 0;
}

/*
 * One range's errors, the ranges before it having passed (memremap_pages
 * maps range by range, pagemap_range checking each): bad span, overlap
 * with an earlier range, altmap rule (range 0), then what lives there,
 * in pagemap_range's order: another pagemap (-EEXIST; Linux -ENOMEM),
 * System RAM (-ENXIO: region_intersects), other memory (-EEXIST:
 * memory added by pmm_add_pages alone is in no System RAM resource, and
 * sparse_add_section refuses it).
 */
HP_HELPER unsigned int dm_range_errors(const struct dmodel *d, const struct dreq *q,
				       unsigned int i)
{
	const struct pmm_dev_range *r = &q->r[i];
	unsigned long u;
	unsigned int e, j, want = 0;

	if (r->end_pfn <= r->start_pfn)
		return HP_EINVAL;
	e = dm_span_errors(d, r->start_pfn, r->end_pfn - r->start_pfn, d->m.unit);
	if (e)
		return e;
	for (j = 0; j < i; j++)
		if (r->start_pfn < q->r[j].end_pfn && q->r[j].start_pfn < r->end_pfn)
			return HP_EINVAL;
	if (i == 0 && (q->flags & PMM_PGMAP_ALTMAP_VALID) &&
	    dm_altmap_bad(d, r->start_pfn, r->end_pfn - r->start_pfn, &q->am))
		return HP_EINVAL;
	if (!dm_span_modelled(d, r->start_pfn, r->end_pfn - r->start_pfn))
		return 1u << 30;
	if (dm_overlaps_pgmap(d, r))
		return HP_EEXIST;
	for (u = (r->start_pfn - d->base) / d->m.unit;
	     u < (r->end_pfn - d->base) / d->m.unit; u++) {
		if (!d->m.valid[u])
			continue;
		if (d->sysram[u])
			return HP_ENXIO;
		want = HP_EEXIST;
	}
	return want;
}

/* pmm_memremap_pages(slot @slot holding @q, @nid): the allowed results. */
HP_HELPER unsigned int dm_expect_memremap(const struct dmodel *d, int slot,
					  const struct dreq *q, int nid)
{
	unsigned int i, e;
	int cbs = q->cbs & DM_CB_NOOPS ? 0 : q->cbs;

	if (!q->nr_range || q->nr_range > DM_MAX_RANGES ||
	    ((q->embedded || q->ranges_null) && q->nr_range != 1))
		return HP_EINVAL;
	if (nid < 0 || nid >= d->max_nodes)
		return HP_EINVAL;
	switch (q->type) {
	case PMM_MEMORY_DEVICE_PRIVATE:
		if (!(cbs & DM_CB_MIGRATE) || !(cbs & DM_CB_FREE) || !q->owner)
			return HP_EINVAL;
		break;
	case PMM_MEMORY_DEVICE_COHERENT:
		if (!(cbs & DM_CB_FREE) || !q->owner)
			return HP_EINVAL;
		break;
	case PMM_MEMORY_DEVICE_FS_DAX:
	case PMM_MEMORY_DEVICE_GENERIC:
	case PMM_MEMORY_DEVICE_PCI_P2PDMA:
		break;
	default:
		return HP_EINVAL;
	}
	if ((q->flags & ~PMM_PGMAP_ALTMAP_VALID) ||
	    ((q->flags & PMM_PGMAP_ALTMAP_VALID) && q->nr_range > 1))
		return HP_EINVAL;
	if (d->pg_nid[slot] >= 0)
		return HP_EBUSY;
	for (i = 0; i < q->nr_range; i++) {
		e = dm_range_errors(d, q, i);
		if (e)
			return e;
	}
	if ((q->flags & PMM_PGMAP_ALTMAP_VALID) &&
	    dm_altmap_short(d, q->r[0].start_pfn, q->r[0].end_pfn - q->r[0].start_pfn, &q->am))
		return HP_ENOMEM;
	for (i = 0; i < q->nr_range; i++)
		if (!(i == 0 && (q->flags & PMM_PGMAP_ALTMAP_VALID)) &&
		    dm_shares_altmap_page(d, q->r[i].start_pfn - d->base,
					  q->r[i].end_pfn - q->r[i].start_pfn))
			return HP_OK | HP_EINVAL;
	return HP_OK;
}

/* A successful pmm_memremap_pages of @q in slot @slot. */
HP_HELPER void dm_memremap(struct dmodel *d, int slot, const struct dreq *q, int nid)
{
	int id = DM_NR_AM + slot, alt = !!(q->flags & PMM_PGMAP_ALTMAP_VALID);
	unsigned char *fresh = (unsigned char *)calloc(d->m.nr_sections, 1);
	unsigned int i;

	d->pg[slot] = *q;
	d->pg_nid[slot] = nid;
	if (alt)
		d->am_alloc[id] = 0;
	for (i = 0; i < q->nr_range; i++) {
		unsigned long lo = q->r[i].start_pfn - d->base, hi = q->r[i].end_pfn - d->base;
		unsigned long u, pfn;

		dm_note_fresh(d, lo, hi, fresh);
		for (u = lo / d->m.unit; u < hi / d->m.unit; u++) {
			int early = dm_early(d, u * d->m.unit / d->m.pps);

			model_set_unit(&d->m, u, 0);
			d->dev[u] = (signed char)slot;
			d->am[u] = (signed char)(i == 0 && alt && !early ? id : -1);
			d->amx[u] = (signed char)(i == 0 && alt ? id : -1);
			if (d->amx[u] >= 0)
				d->am_units[id]++;
		}
		for (pfn = lo; pfn < hi; pfn++) {
			d->m.nid[pfn] = nid;
			d->resv[pfn] = 1;
		}
		dm_init_fresh(d, lo, hi, fresh, 0);
		dm_rebacking(d, lo, hi, i == 0 && alt ? DM_ALTMAP : DM_NORMAL, id);
		d->device_pages += hi - lo;
	}
	free(fresh);
}

/* A successful pmm_memunmap_pages of slot @slot. */
HP_HELPER void dm_memunmap(struct dmodel *d, int slot)
{
	const struct dreq *q = &d->pg[slot];
	unsigned int i;

	for (i = 0; i < q->nr_range; i++) {
		unsigned long lo = q->r[i].start_pfn - d->base, hi = q->r[i].end_pfn - d->base;

		dm_remove_units(d, lo, hi, d->pg_nid[slot]);
		d->device_pages -= hi - lo;
	}
	d->pg_nid[slot] = -1;
}

#endif /* PMM_DEVICE_MODEL_H */
