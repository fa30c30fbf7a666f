/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * hotplug.h - what test_hotplug.c needs besides pmm.h: vmemmap hooks that
 * track every backed page, an operations table per instance, and the
 * independent model of hotplug the instances are checked against.
 *
 * The model is written from the rules alone (Linux 6.1's: mm/memory_hotplug.c
 * __add_pages(), __remove_pages() and check_pfn_span(), mm/sparse.c
 * sparse_add_section(), section_deactivate() and the sub-section maps,
 * include/linux/mmzone.h pfn_valid(); and pmm's documented promises:
 * checks before changes, all or nothing),
 * never from pmm_sparse.h or pmm_sparse_hotplug.h:
 *
 *	unit        a sub-section (VMEMMAP) or a section (classic): the
 *	            granularity of check_pfn_span, and of validity
 *	valid[u]    the unit's bit: boot RAM touched it
 *	            (subsection_map_init) or an add set it
 *	early[s]    section s came from boot and has not been emptied since
 *	present(s)  some unit of s is valid
 *	pfn_valid   present(s) && (early[s] || valid[unit of pfn])
 *	nid[pfn]    the node a valid PFN must report, or -1 when the rules
 *	            do not say (a unit removed from a still-early section)
 *	ram[pfn]    the PFN counts in ram_pages: boot RAM, or hot-added
 *
 * ram_pages grows by nr_pages on an add and drops, on a remove, by the
 * RAM the range held: its hot-added pages and its boot RAM, not the boot
 * holes inside its sub-sections (which were never counted).  Dropping it
 * by nr_pages instead would wrap below zero once boot sub-sections that
 * are partly hole are removed: 44 boot pages in 56 pages of sub-sections
 * in the cases' map.
 */
#ifndef PMM_HOTPLUG_H
#define PMM_HOTPLUG_H

#include "pmm_types.h"
#include "test_alloc.h"
#include "test.h"
#include "map_nid.h"
#include "model_ops.h"

#include <stdarg.h>

#define HP_HELPER	static inline __attribute__((unused))
#define HP_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define HP_HOST_PAGE	4096UL

/* ---------------------------------------------------------------------
 * Failure reports: like test.h's ASSERT_*, with a printf message, and a
 * cap so a broken instance does not print a million lines.
 * --------------------------------------------------------------------- */

static long hp_fail_count;
static const char *hp_context;	/* the operation under check, or NULL */

HP_HELPER void hp_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	test_case_failed = 1;
	if (++hp_fail_count > 40) {
		if (hp_fail_count == 41)
			fprintf(stderr, "FAIL ... (further failures not shown)\n");
		return;
	}
	fprintf(stderr, "FAIL ");
	test_where(stderr);
	fprintf(stderr, " (%s:%d): ", file, line);
	if (hp_context)
		fprintf(stderr, "after %s: ", hp_context);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
}

#define HP_CHECK(cond, ...)						\
	do {								\
		if (!(cond))						\
			hp_fail(__FILE__, __LINE__, __VA_ARGS__);			\
	} while (0)

/* ---------------------------------------------------------------------
 * vmemmap hooks that know which host pages of the vmemmap are backed.
 *
 * They wrap pmm_hosted_reserve/populate (so pmm_hosted_live counts the
 * backing, as with the default hooks) and flag, in bad_calls, a populate
 * of a page already backed, a depopulate of a page not backed, a piece
 * not aligned to pmm's page size, a piece outside the reservation (which
 * is refused rather than handed to mprotect), and an unreserve that
 * leaves pages backed.  populate_fail_at = N makes the Nth populate from
 * now fail with -ENOMEM.  A compile-time PMM_VMEMMAP_BASE bypasses the
 * reserve hooks: trk_fixed() declares its range instead.
 * --------------------------------------------------------------------- */

struct trk {
	unsigned long page;		/* pmm's page size */
	unsigned long base, bytes;	/* the reservation */
	int live_resv, fixed;
	unsigned char *backed;		/* one byte per host page */
	long long populated;		/* bytes */
	long populate_calls, populate_fail_at, bad_calls;
	char first_bad[200];
};

HP_HELPER void trk_bad(struct trk *t, const char *fmt, ...)
{
	va_list ap;

	if (!t->bad_calls++) {
		va_start(ap, fmt);
		vsnprintf(t->first_bad, sizeof(t->first_bad), fmt, ap);
		va_end(ap);
	}
}

HP_HELPER void trk_fixed(struct trk *t, unsigned long page, unsigned long base,
			 unsigned long bytes)
{
	t->page = page;
	t->base = base;
	t->bytes = bytes;
	t->fixed = 1;
	if (!t->backed)
		t->backed = (unsigned char *)calloc(bytes / HP_HOST_PAGE + 1, 1);
}

HP_HELPER void *trk_reserve(struct trk *t, unsigned long bytes)
{
	void *p = pmm_hosted_reserve(bytes);

	if (!p)
		return NULL;
	if (t->live_resv) {
		/* keep tracking the first; this one is unknown territory */
		trk_bad(t, "second reservation of %lu bytes", bytes);
		return p;
	}
	t->live_resv = 1;
	t->base = (unsigned long)p;
	t->bytes = bytes;
	t->backed = (unsigned char *)calloc(bytes / HP_HOST_PAGE + 1, 1);
	return p;
}

HP_HELPER void trk_unreserve(struct trk *t, void *addr, unsigned long bytes)
{
	unsigned long i;

	if (!t->live_resv || (unsigned long)addr != t->base || bytes != t->bytes) {
		trk_bad(t, "unreserve %p+%lu not the reservation", addr, bytes);
	} else {
		for (i = 0; i < bytes / HP_HOST_PAGE; i++)
			if (t->backed[i]) {
				trk_bad(t, "unreserve with page %#lx still backed",
					t->base + i * HP_HOST_PAGE);
				break;
			}
		free(t->backed);
		t->backed = NULL;
		t->live_resv = 0;
	}
	pmm_hosted_unreserve(addr, bytes);
}

HP_HELPER int trk_inside(const struct trk *t, unsigned long a, unsigned long bytes)
{
	return (t->live_resv || t->fixed) && t->backed && a >= t->base &&
	       bytes <= t->bytes && a - t->base <= t->bytes - bytes;
}

HP_HELPER int trk_populate(struct trk *t, void *addr, unsigned long bytes, int nid)
{
	unsigned long a = (unsigned long)addr, i;
	int err;

	(void)nid;
	t->populate_calls++;
	if (t->populate_fail_at && --t->populate_fail_at == 0)
		return -ENOMEM;
	if (!bytes || (a | bytes) & (t->page - 1))
		trk_bad(t, "populate %#lx+%#lx not aligned to %#lx", a, bytes, t->page);
	if (!trk_inside(t, a, bytes)) {
		trk_bad(t, "populate %#lx+%#lx outside the reservation %#lx+%#lx",
			a, bytes, t->base, t->bytes);
		return -ENOMEM;		/* never mprotect what is not ours */
	}
	for (i = 0; i < bytes / HP_HOST_PAGE; i++)
		if (t->backed[(a - t->base) / HP_HOST_PAGE + i]) {
			trk_bad(t, "populate %#lx+%#lx: page %#lx already backed",
				a, bytes, a + i * HP_HOST_PAGE);
			break;
		}
	err = pmm_hosted_populate(addr, bytes, nid);
	if (err)
		return err;
	for (i = 0; i < bytes / HP_HOST_PAGE; i++)
		t->backed[(a - t->base) / HP_HOST_PAGE + i] = 1;
	t->populated += (long long)bytes;
	return 0;
}

HP_HELPER void trk_depopulate(struct trk *t, void *addr, unsigned long bytes)
{
	unsigned long a = (unsigned long)addr, i;

	if (!bytes || (a | bytes) & (t->page - 1))
		trk_bad(t, "depopulate %#lx+%#lx not aligned to %#lx", a, bytes, t->page);
	if (!trk_inside(t, a, bytes)) {
		trk_bad(t, "depopulate %#lx+%#lx outside the reservation", a, bytes);
		return;
	}
	for (i = 0; i < bytes / HP_HOST_PAGE; i++) {
		unsigned char *b = &t->backed[(a - t->base) / HP_HOST_PAGE + i];

		if (!*b)
			trk_bad(t, "depopulate %#lx+%#lx: page %#lx not backed",
				a, bytes, a + i * HP_HOST_PAGE);
		*b = 0;
	}
	t->populated -= (long long)bytes;
	pmm_hosted_depopulate(addr, bytes);
}

/* Is every host page of [a, a + bytes) backed? */
HP_HELPER int trk_backed(const struct trk *t, unsigned long a, unsigned long bytes)
{
	unsigned long p;

	if (!trk_inside(t, a, bytes))
		return 0;
	for (p = (a - t->base) / HP_HOST_PAGE;
	     p <= (a - t->base + bytes - 1) / HP_HOST_PAGE; p++)
		if (!t->backed[p])
			return 0;
	return 1;
}

HP_HELPER long trk_backed_pages(const struct trk *t)
{
	unsigned long i;
	long n = 0;

	if (!t->backed)
		return 0;
	for (i = 0; i < t->bytes / HP_HOST_PAGE; i++)
		n += t->backed[i];
	return n;
}

/* ---------------------------------------------------------------------
 * One table of function pointers per instance.
 * --------------------------------------------------------------------- */

struct hp_ops {
	const char *name;
	const struct pmm_params *params;
	int vmemmap;
	unsigned long subsection_pages;	/* VMEMMAP; 0 for classic */
	struct trk *trk;		/* VMEMMAP; NULL for classic */
	int (*init)(const struct pmm_range *ranges, unsigned int nr);
	void (*exit)(void);
	int (*add)(int nid, unsigned long start_pfn, unsigned long nr_pages);
	int (*remove)(unsigned long start_pfn, unsigned long nr_pages);
	void *(*pfn_to_page)(unsigned long pfn);
	unsigned long (*page_to_pfn)(const void *page);
	int (*pfn_valid)(unsigned long pfn);
	int (*page_to_nid)(const void *page);
	int (*pfn_to_nid)(unsigned long pfn);
	void (*stats)(struct pmm_stats *st);
	int (*present_section_nr)(unsigned long nr);
	int (*early_section_nr)(unsigned long nr);
};

/* the altmap is always NULL here: pmm models no ZONE_DEVICE */
#define HP_OPS(N, VMEMMAP, SUBSECTION_PAGES, TRK)				\
static int N##_hp_add(int nid, unsigned long s, unsigned long n)		\
{										\
	return pmm_##N##_add_pages(nid, s, n, NULL);				\
}										\
static int N##_hp_remove(unsigned long s, unsigned long n)			\
{										\
	return pmm_##N##_remove_pages(s, n, NULL);				\
}										\
MODEL_OPS_WRAPPERS(N)								\
static const struct hp_ops N##_hp = {						\
	#N, &pmm_##N##_params, VMEMMAP, SUBSECTION_PAGES, TRK,			\
	pmm_##N##_init, pmm_##N##_exit, N##_hp_add, N##_hp_remove,		\
	N##_ops_pfn_to_page, N##_ops_page_to_pfn, pmm_##N##_pfn_valid,		\
	N##_ops_page_to_nid, pmm_##N##_pfn_to_nid, pmm_##N##_stats,		\
	pmm_##N##_present_section_nr, pmm_##N##_early_section_nr,		\
}

HP_HELPER unsigned long hp_max_pfn(const struct hp_ops *o)
{
	return 1UL << (o->params->max_physmem_bits - o->params->page_shift);
}

/* PAGES_PER_SECTION */
HP_HELPER unsigned long hp_pps(const struct hp_ops *o)
{
	return 1UL << (o->params->section_size_bits - o->params->page_shift);
}

/* check_pfn_span's unit: a sub-section with VMEMMAP, else a section */
HP_HELPER unsigned long hp_unit(const struct hp_ops *o)
{
	return o->vmemmap ? o->subsection_pages : hp_pps(o);
}

HP_HELPER int hp_max_nodes(const struct hp_ops *o)
{
	return 1 << o->params->nodes_shift;
}

HP_HELPER unsigned long hp_desc(const struct hp_ops *o)
{
	return (unsigned long)o->params->struct_page_size;
}

/* ---------------------------------------------------------------------
 * The model.
 * --------------------------------------------------------------------- */

#define HP_MAX_BOOT	8

struct hp_model {
	unsigned long max_pfn, pps, unit, nr_sections, nr_units;
	int node_in_flags;
	unsigned char *valid;		/* per unit */
	unsigned char *boot;		/* per unit: valid since boot, untouched */
	unsigned char *early;		/* per section */
	unsigned long *count;		/* per section: valid units */
	int *nid;			/* per PFN, -1 unknown */
	unsigned char *ram_pfn;		/* per PFN: counted in ram_pages */
	unsigned long ram, present;
	struct pmm_range map[HP_MAX_BOOT];
	unsigned int nr_map;
};

HP_HELPER void model_setup(struct hp_model *m, const struct hp_ops *o)
{
	memset(m, 0, sizeof(*m));
	m->max_pfn = hp_max_pfn(o);
	m->pps = hp_pps(o);
	m->unit = hp_unit(o);
	m->nr_sections = m->max_pfn / m->pps;
	m->nr_units = m->max_pfn / m->unit;
	m->node_in_flags = o->params->node_in_page_flags;
	m->valid = (unsigned char *)calloc(m->nr_units, 1);
	m->boot = (unsigned char *)calloc(m->nr_units, 1);
	m->early = (unsigned char *)calloc(m->nr_sections, 1);
	m->count = (unsigned long *)calloc(m->nr_sections, sizeof(long));
	m->nid = (int *)malloc(m->max_pfn * sizeof(int));
	m->ram_pfn = (unsigned char *)calloc(m->max_pfn, 1);
}

HP_HELPER void model_free(struct hp_model *m)
{
	free(m->valid);
	free(m->boot);
	free(m->early);
	free(m->count);
	free(m->nid);
	free(m->ram_pfn);
}

/* Nothing initialised. */
HP_HELPER void model_clear(struct hp_model *m)
{
	unsigned long i;

	memset(m->valid, 0, m->nr_units);
	memset(m->boot, 0, m->nr_units);
	memset(m->early, 0, m->nr_sections);
	memset(m->count, 0, m->nr_sections * sizeof(long));
	memset(m->ram_pfn, 0, m->max_pfn);
	for (i = 0; i < m->max_pfn; i++)
		m->nid[i] = -1;
	m->ram = 0;
	m->present = 0;
	m->nr_map = 0;
}


/* NODE_NOT_IN_PAGE_FLAGS: the node of the highest range in the section */
HP_HELPER int model_section_last_nid(const struct hp_model *m,
				     const struct pmm_range *r, unsigned int nr,
				     unsigned long s)
{
	unsigned long lo = s * m->pps, hi = lo + m->pps, last_start = 0;
	unsigned int i;
	int nid = -1;

	for (i = 0; i < nr; i++)
		if (r[i].start_pfn < hi && r[i].end_pfn > lo &&
		    (nid < 0 || r[i].start_pfn > last_start)) {
			last_start = r[i].start_pfn;
			nid = r[i].nid;
		}
	return nid;
}

HP_HELPER void model_set_unit(struct hp_model *m, unsigned long u, int boot)
{
	unsigned long s = u * m->unit / m->pps;

	if (m->valid[u])
		return;
	m->valid[u] = 1;
	m->boot[u] = (unsigned char)boot;
	if (!m->count[s]++)
		m->present++;
}

/* The state right after pmm_init(r, nr) succeeded. */
HP_HELPER void model_boot(struct hp_model *m, const struct pmm_range *r,
			  unsigned int nr)
{
	unsigned long pfn, s;
	unsigned int i;

	model_clear(m);
	for (i = 0; i < nr; i++) {
		m->map[i] = r[i];
		m->ram += r[i].end_pfn - r[i].start_pfn;
		memset(m->ram_pfn + r[i].start_pfn, 1, r[i].end_pfn - r[i].start_pfn);
		for (pfn = r[i].start_pfn / m->unit * m->unit; pfn < r[i].end_pfn;
		     pfn += m->unit)
			model_set_unit(m, pfn / m->unit, 1);
	}
	m->nr_map = nr;
	for (s = 0; s < m->nr_sections; s++) {
		if (!m->count[s])
			continue;
		m->early[s] = 1;
		for (pfn = s * m->pps; pfn < (s + 1) * m->pps; pfn++)
			m->nid[pfn] = m->node_in_flags ?
				      map_expected_nid(r, nr, pfn) :
				      model_section_last_nid(m, r, nr, s);
	}
}

HP_HELPER int model_pfn_valid(const struct hp_model *m, unsigned long pfn)
{
	unsigned long s;

	if (pfn >= m->max_pfn)
		return 0;
	s = pfn / m->pps;
	return m->count[s] && (m->early[s] || m->valid[pfn / m->unit]);
}

/* A successful add. */
HP_HELPER void model_add(struct hp_model *m, int nid, unsigned long start,
			 unsigned long nr)
{
	unsigned long pfn;

	for (pfn = start; pfn < start + nr; pfn += m->unit)
		model_set_unit(m, pfn / m->unit, 0);
	for (pfn = start; pfn < start + nr; pfn++) {
		m->nid[pfn] = nid;
		m->ram_pfn[pfn] = 1;
	}
	/* classic adds whole sections, so the node table follows the add */
	m->ram += nr;
}

/* A successful remove. */
HP_HELPER void model_remove(struct hp_model *m, unsigned long start,
			    unsigned long nr)
{
	unsigned long pfn, u, s;

	for (u = start / m->unit; u < (start + nr) / m->unit; u++) {
		s = u * m->unit / m->pps;
		m->valid[u] = 0;
		m->boot[u] = 0;
		for (pfn = u * m->unit; pfn < (u + 1) * m->unit; pfn++) {
			m->nid[pfn] = -1;
			m->ram -= m->ram_pfn[pfn];
			m->ram_pfn[pfn] = 0;
		}
		if (!--m->count[s]) {
			m->present--;
			m->early[s] = 0;
			for (pfn = s * m->pps; pfn < (s + 1) * m->pps; pfn++)
				m->nid[pfn] = -1;
		}
	}
}

/* Errors as bits, so that a request may allow more than one. */
#define HP_OK		(1u << 0)
#define HP_EINVAL	(1u << 1)
#define HP_ERANGE	(1u << 2)
#define HP_EEXIST	(1u << 3)
#define HP_ENOMEM	(1u << 4)

HP_HELPER unsigned int hp_err_bit(int rc)
{
	switch (rc) {
	case 0:		return HP_OK;
	case -EINVAL:	return HP_EINVAL;
	case -ERANGE:	return HP_ERANGE;
	case -EEXIST:	return HP_EEXIST;
	case -ENOMEM:	return HP_ENOMEM;
	default:	return 1u << 31;
	}
}

HP_HELPER const char *hp_err_set(unsigned int set, char *buf, size_t len)
{
	static const char *const names[] = { "0", "-EINVAL", "-ERANGE", "-EEXIST",
					     "-ENOMEM" };
	unsigned int i;

	buf[0] = 0;
	for (i = 0; i < HP_ARRAY_SIZE(names); i++)
		if (set & (1u << i))
			snprintf(buf + strlen(buf), len - strlen(buf), "%s%s",
				 buf[0] ? " or " : "", names[i]);
	return buf;
}

/*
 * The errors the arguments alone call for, whatever the state: nid out of
 * range, nr_pages 0 or start or nr_pages misaligned (-EINVAL), end beyond
 * MAX_PHYSMEM_BITS or wrapping (-ERANGE).  The order between them is not
 * specified, so a request with several faults may return any of them.
 */
HP_HELPER unsigned int model_static_errors(const struct hp_model *m, int is_add,
					   int nid, int max_nodes,
					   unsigned long start, unsigned long nr)
{
	unsigned int e = 0;

	if (is_add && (nid < 0 || nid >= max_nodes))
		e |= HP_EINVAL;
	if (!nr || start % m->unit || nr % m->unit)
		e |= HP_EINVAL;
	if (nr && (start + nr < start || start + nr > m->max_pfn))
		e |= HP_ERANGE;
	return e;
}

/* What an initialised instance must answer: a set of HP_* bits. */
HP_HELPER unsigned int model_expect(const struct hp_model *m, int is_add, int nid,
				    int max_nodes, unsigned long start,
				    unsigned long nr)
{
	unsigned int e = model_static_errors(m, is_add, nid, max_nodes, start, nr);
	unsigned long u;

	if (e)
		return e;
	for (u = start / m->unit; u < (start + nr) / m->unit; u++) {
		if (is_add && m->valid[u])
			return HP_EEXIST;
		if (!is_add && !m->valid[u])
			return HP_EINVAL;
	}
	return HP_OK;
}

/* ---------------------------------------------------------------------
 * Shared checks: what a refused request must leave alone, and what
 * pmm_exit must leave behind (used by test_hotplug.c and test_blocks.c).
 * --------------------------------------------------------------------- */

/* Everything a failed request must leave as it was. */
struct hp_snap {
	struct pmm_stats st;
	long blocks;
	long long bytes;
	unsigned long long hosted;
	long long populated;
	long backed_pages;
};

HP_HELPER void snap_take(const struct hp_ops *o, struct hp_snap *s)
{
	memset(s, 0, sizeof(*s));
	o->stats(&s->st);
	s->blocks = test_alloc_live_blocks;
	s->bytes = test_alloc_live_bytes;
	s->hosted = pmm_hosted_live;
	if (o->trk) {
		s->populated = o->trk->populated;
		s->backed_pages = trk_backed_pages(o->trk);
	}
}

HP_HELPER void stats_expect_equal(const struct pmm_stats *want, const struct pmm_stats *got,
				  const char *what)
{
	HP_CHECK(want->ram_pages == got->ram_pages, "%s: ram_pages %lu, expected %lu",
		 what, got->ram_pages, want->ram_pages);
	HP_CHECK(want->memmap_pages == got->memmap_pages,
		 "%s: memmap_pages %lu, expected %lu", what, got->memmap_pages,
		 want->memmap_pages);
	HP_CHECK(want->memmap_bytes == got->memmap_bytes,
		 "%s: memmap_bytes %llu, expected %llu", what, got->memmap_bytes,
		 want->memmap_bytes);
	HP_CHECK(want->metadata_bytes == got->metadata_bytes,
		 "%s: metadata_bytes %llu, expected %llu", what, got->metadata_bytes,
		 want->metadata_bytes);
	HP_CHECK(want->static_bytes == got->static_bytes,
		 "%s: static_bytes %llu, expected %llu", what, got->static_bytes,
		 want->static_bytes);
	HP_CHECK(want->nr_present_sections == got->nr_present_sections,
		 "%s: nr_present_sections %lu, expected %lu", what,
		 got->nr_present_sections, want->nr_present_sections);
	HP_CHECK(want->nr_nodes == got->nr_nodes, "%s: nr_nodes %u, expected %u",
		 what, got->nr_nodes, want->nr_nodes);
}

HP_HELPER void snap_expect_same(const struct hp_ops *o, const struct hp_snap *before,
				const char *what)
{
	struct hp_snap now;

	snap_take(o, &now);
	stats_expect_equal(&before->st, &now.st, what);
	HP_CHECK(before->blocks == now.blocks && before->bytes == now.bytes,
		 "%s: test_alloc live %ld blocks %lld bytes, was %ld and %lld", what,
		 now.blocks, now.bytes, before->blocks, before->bytes);
	HP_CHECK(before->hosted == now.hosted, "%s: pmm_hosted_live %llu, was %llu",
		 what, now.hosted, before->hosted);
	HP_CHECK(before->populated == now.populated &&
		 before->backed_pages == now.backed_pages,
		 "%s: vmemmap backing %lld bytes (%ld pages), was %lld (%ld)", what,
		 now.populated, now.backed_pages, before->populated,
		 before->backed_pages);
}

/* After pmm_exit: nothing held, nothing valid, requests refused. */
HP_HELPER void check_exited(const struct hp_ops *o, unsigned long long hosted_before)
{
	struct pmm_stats st;
	unsigned long pfn;

	HP_CHECK(test_alloc_live_blocks == 0 && test_alloc_live_bytes == 0,
		 "%s: %ld blocks (%lld bytes) still allocated after exit", o->name,
		 test_alloc_live_blocks, test_alloc_live_bytes);
	HP_CHECK(pmm_hosted_live == hosted_before,
		 "%s: pmm_hosted_live %llu after exit, %llu before init", o->name,
		 pmm_hosted_live, hosted_before);
	if (o->trk) {
		HP_CHECK(o->trk->populated == 0 && trk_backed_pages(o->trk) == 0,
			 "%s: %lld bytes of vmemmap still backed after exit", o->name,
			 o->trk->populated);
		HP_CHECK(o->trk->live_resv == 0, "%s: vmemmap reservation kept after exit",
			 o->name);
		HP_CHECK(o->trk->bad_calls == 0, "%s: %ld bad vmemmap hook calls, first: %s",
			 o->name, o->trk->bad_calls, o->trk->first_bad);
	}
	o->stats(&st);
	HP_CHECK(st.ram_pages == 0 && st.nr_present_sections == 0 && st.memmap_bytes == 0 &&
		 st.metadata_bytes == 0, "%s: stats not empty after exit", o->name);
	for (pfn = 0; pfn < hp_max_pfn(o); pfn += hp_unit(o))
		if (o->pfn_valid(pfn))
			break;
	HP_CHECK(pfn >= hp_max_pfn(o), "%s: pfn_valid(%#lx) after exit", o->name, pfn);
	HP_CHECK(o->add(0, 0, hp_pps(o)) == -EINVAL, "%s: add after exit: not -EINVAL",
		 o->name);
	HP_CHECK(o->remove(0, hp_pps(o)) == -EINVAL, "%s: remove after exit: not -EINVAL",
		 o->name);
}

/* A request that must fail with @err and change nothing. */
#define EXPECT_REFUSED(o, err, call)						\
	do {									\
		struct hp_snap s_;						\
		int rc_;							\
										\
		snap_take((o), &s_);						\
		rc_ = (call);							\
		HP_CHECK(rc_ == (err), "%s: %s = %d, expected %d", (o)->name,	\
			 #call, rc_, (err));					\
		snap_expect_same((o), &s_, #call);				\
	} while (0)

#define EXPECT_OK(o, call)							\
	do {									\
		int rc_ = (call);						\
										\
		HP_CHECK(rc_ == 0, "%s: %s = %d, expected 0", (o)->name, #call,	\
			 rc_);							\
	} while (0)

/* Run a case with its own quota of printed failures. */
#define HP_RUN(fn)							\
	do {								\
		hp_fail_count = 0;					\
		run_case(#fn, fn);					\
	} while (0)

#endif /* PMM_HOTPLUG_H */
