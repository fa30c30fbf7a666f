/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * hotplug.h - what tests/hotplug's programs share besides tests/lib: an
 * operations table per instance, the random part's stream, the checks
 * of what a refused request and pmm_exit leave behind, and the
 * independent model of hotplug the instances are checked against.  The
 * vmemmap hooks that track every backed page are test_vmemmap.h's.
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
#include "test_args.h"
#include "test_rand.h"
#include "test_vmemmap.h"
#include "map_nid.h"
#include "model_ops.h"

#define HP_HELPER	static inline __attribute__((unused))
#define HP_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * The random part's stream: each instance's run starts it afresh
 * (test_rand_init with the instance's number as the stream), so that
 * -i NAME replays one instance's run as it went in the full run.
 */
static struct test_rand hp_rand;

HP_HELPER unsigned long rnd(unsigned long n)
{
	return (unsigned long)test_rand_below(&hp_rand, n);
}

/*
 * Part 2 of each program: @run(i) for every instance i < @n that -i
 * allows (@name(i) is its name), each a case "random" under that name,
 * the stream started from the seed and i + 1.  Returns 1 when -i named
 * no instance (the program exits with 2), as test_args_no_instance().
 */
static const char *(*hp_random_name)(unsigned int i);
static void (*hp_random_run)(unsigned int i);
static unsigned int hp_random_index;

HP_HELPER int hp_random_case(void)
{
	prefix_push(hp_random_name(hp_random_index));
	hp_random_run(hp_random_index);
	prefix_pop();
	return 0;
}

HP_HELPER int hp_run_random(const struct test_args *a, unsigned int n,
			    const char *(*name)(unsigned int i), void (*run)(unsigned int i))
{
	int ran = 0;

	hp_random_name = name;
	hp_random_run = run;
	for (hp_random_index = 0; hp_random_index < n; hp_random_index++) {
		if (!test_args_instance(a, name(hp_random_index)))
			continue;
		test_rand_init(&hp_rand, a->seed, hp_random_index + 1);
		run_case("random", hp_random_case);
		ran = 1;
	}
	return test_args_no_instance(a, ran);
}

/*
 * HP_FOR_EACH(x, set, start, end): the loop of a case that runs one
 * scenario on several instances.  @x takes each element of the array
 * @set in turn; @start (an expression of @x: boot it, name it in the
 * failures) returns 0 for the body to run, else the instance is passed
 * over; @end (pmm_exit and what it must leave) runs after the body, also
 * when the body continues.  The body must not break out of the loop.
 */
#define HP_FOR_EACH(x, set, start, end)						\
	for (unsigned int i_ = 0; i_ < HP_ARRAY_SIZE(set); i_++)		\
		for (int once_ = ((x) = (set)[i_], !(start)); once_;		\
		     once_ = 0, (end))

/* Has the running case printed all the failures it may (test.h)? */
HP_HELPER int hp_quota_spent(void)
{
	return test_case_reports >= TEST_REPORT_QUOTA;
}

/* ---------------------------------------------------------------------
 * One table of function pointers per instance.
 * --------------------------------------------------------------------- */

/* struct model_ops' members (model_ops.h), then the hotplug tests' own */
struct hp_ops {
	MODEL_OPS_MEMBERS;
	int vmemmap;
	unsigned long subsection_pages;	/* VMEMMAP; 0 for classic */
	struct test_vmemmap *vm;	/* VMEMMAP: its hooks' tracker; NULL for classic */
	const struct hotplug_ops *hot;	/* add and remove (model_ops.h), and the rest */
	int (*present_section_nr)(unsigned long nr);
	int (*early_section_nr)(unsigned long nr);
};

/* model_ops.h's wrappers: hotplug without an altmap, pages behind void * */
#define HP_OPS(N, VMEMMAP, SUBSECTION_PAGES, VM)				\
HOTPLUG_OPS(N);									\
MODEL_OPS_WRAPPERS(N)								\
static const struct hp_ops N##_hp = {						\
	MODEL_OPS_INIT(N), VMEMMAP, SUBSECTION_PAGES, VM, &N##_hotplug_ops,	\
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

/* Results as bits, so that a request may allow more than one. */
#define HP_OK		(1u << 0)
#define HP_EINVAL	(1u << 1)
#define HP_ERANGE	(1u << 2)
#define HP_EEXIST	(1u << 3)
#define HP_ENOMEM	(1u << 4)
#define HP_EBUSY	(1u << 5)	/* memory blocks and devices */
#define HP_ENXIO	(1u << 6)	/* memremap over System RAM */

HP_HELPER unsigned int hp_err_bit(int rc)
{
	switch (rc) {
	case 0:		return HP_OK;
	case -EINVAL:	return HP_EINVAL;
	case -ERANGE:	return HP_ERANGE;
	case -EEXIST:	return HP_EEXIST;
	case -ENOMEM:	return HP_ENOMEM;
	case -EBUSY:	return HP_EBUSY;
	case -ENXIO:	return HP_ENXIO;
	default:	return 1u << 31;
	}
}

/* The results a set allows, as words: "0 or -EINVAL". */
HP_HELPER const char *hp_err_set(unsigned int set, char *buf, size_t len)
{
	static const char *const names[] = { "0", "-EINVAL", "-ERANGE", "-EEXIST",
					     "-ENOMEM", "-EBUSY", "-ENXIO" };
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

/*
 * A fingerprint of the populated vmemmap: where every piece lies, not
 * only how many bytes they hold, so that a failed request that gave back
 * one page and backed another in its place is caught.
 */
HP_HELPER unsigned long long hp_vmemmap_print(const struct test_vmemmap *t)
{
	unsigned long long h = 0xcbf29ce484222325ULL;
	unsigned int i;

	for (i = 0; i < t->nr_pieces; i++)
		h = (h ^ t->piece[i].addr ^ (unsigned long long)t->piece[i].bytes << 40) *
		    0x100000001b3ULL;
	return h;
}

/* Everything a failed request must leave as it was. */
struct hp_snap {
	struct pmm_stats st;
	long blocks;
	long long bytes;
	unsigned long long hosted;
	long long populated;
	unsigned long long vmemmap_print;
};

HP_HELPER void snap_take(const struct hp_ops *o, struct hp_snap *s)
{
	memset(s, 0, sizeof(*s));
	o->stats(&s->st);
	s->blocks = test_alloc_live_blocks;
	s->bytes = test_alloc_live_bytes;
	s->hosted = pmm_hosted_live;
	if (o->vm) {
		s->populated = o->vm->populated;
		s->vmemmap_print = hp_vmemmap_print(o->vm);
	}
}

/* One member of struct pmm_stats the same in @want and @got, or a failure naming it */
#define STATS_EXPECT_MEMBER(want, got, what, member, fmt)			\
	ASSERT_MSG((want)->member == (got)->member,				\
		   "%s: " #member " " fmt ", expected " fmt, (what),		\
		   (got)->member, (want)->member)

HP_HELPER void stats_expect_equal(const struct pmm_stats *want, const struct pmm_stats *got,
				  const char *what)
{
	STATS_EXPECT_MEMBER(want, got, what, ram_pages, "%lu");
	STATS_EXPECT_MEMBER(want, got, what, memmap_pages, "%lu");
	STATS_EXPECT_MEMBER(want, got, what, memmap_bytes, "%llu");
	STATS_EXPECT_MEMBER(want, got, what, metadata_bytes, "%llu");
	STATS_EXPECT_MEMBER(want, got, what, static_bytes, "%llu");
	STATS_EXPECT_MEMBER(want, got, what, nr_present_sections, "%lu");
	STATS_EXPECT_MEMBER(want, got, what, nr_nodes, "%u");
}

HP_HELPER void snap_expect_same(const struct hp_ops *o, const struct hp_snap *before,
				const char *what)
{
	struct hp_snap now;

	snap_take(o, &now);
	stats_expect_equal(&before->st, &now.st, what);
	ASSERT_MSG(before->blocks == now.blocks && before->bytes == now.bytes,
		   "%s: test_alloc live %ld blocks %lld bytes, was %ld and %lld", what,
		   now.blocks, now.bytes, before->blocks, before->bytes);
	ASSERT_MSG(before->hosted == now.hosted, "%s: pmm_hosted_live %llu, was %llu",
		   what, now.hosted, before->hosted);
	ASSERT_MSG(before->populated == now.populated &&
		   before->vmemmap_print == now.vmemmap_print,
		   "%s: vmemmap backing %lld bytes%s, was %lld", what, now.populated,
		   before->vmemmap_print == now.vmemmap_print ? "" : " in other places",
		   before->populated);
}

/*
 * The vmemmap hooks' rules so far: no bad call (test_vmemmap.h's), and
 * one reservation at most, as an instance reserves its vmemmap once, at
 * init (a second would be address space the test knows nothing of).
 */
HP_HELPER void hp_vmemmap_rules_kept(const struct hp_ops *o)
{
	if (!o->vm)
		return;
	ASSERT_MSG(!o->vm->bad.count, "%s: %ld bad vmemmap hook calls, the first: %s",
		   o->name, o->vm->bad.count, o->vm->bad.first);
	ASSERT_MSG(o->vm->live_reservations <= 1, "%s: %ld vmemmap reservations at once",
		   o->name, o->vm->live_reservations);
}

/* After pmm_exit: nothing held, nothing valid, requests refused. */
HP_HELPER void check_exited(const struct hp_ops *o, unsigned long long hosted_before)
{
	struct pmm_stats st;
	unsigned long pfn;

	ASSERT_MSG(test_alloc_live_blocks == 0 && test_alloc_live_bytes == 0,
		   "%s: %ld blocks (%lld bytes) still allocated after exit", o->name,
		   test_alloc_live_blocks, test_alloc_live_bytes);
	ASSERT_MSG(pmm_hosted_live == hosted_before,
		   "%s: pmm_hosted_live %llu after exit, %llu before init", o->name,
		   pmm_hosted_live, hosted_before);
	if (o->vm) {
		hp_vmemmap_rules_kept(o);
		test_vmemmap_check_nothing_held(o->vm);
	}
	o->stats(&st);
	ASSERT_MSG(st.ram_pages == 0 && st.nr_present_sections == 0 && st.memmap_bytes == 0 &&
		   st.metadata_bytes == 0, "%s: stats not empty after exit", o->name);
	for (pfn = 0; pfn < hp_max_pfn(o); pfn += hp_unit(o))
		if (o->pfn_valid(pfn))
			break;
	ASSERT_MSG(pfn >= hp_max_pfn(o), "%s: pfn_valid(%#lx) after exit", o->name, pfn);
	ASSERT_MSG(o->hot->add_pages(0, 0, hp_pps(o)) == -EINVAL, "%s: add after exit: not -EINVAL",
		   o->name);
	ASSERT_MSG(o->hot->remove_pages(0, hp_pps(o)) == -EINVAL,
		   "%s: remove after exit: not -EINVAL", o->name);
}

/* ---------------------------------------------------------------------
 * A case's instance: booted, the figures it must come back to, and the
 * end that proves pmm_exit gave back everything.
 * --------------------------------------------------------------------- */

static unsigned long long hp_case_hosted;	/* pmm_hosted_live before init */
static struct pmm_stats hp_case_boot_stats;	/* the stats right after init */

/*
 * Boot @o from @map for a case, naming it in every failure until
 * hp_case_end(): 0, or init's error (reported; the name is taken back).
 */
HP_HELPER int hp_case_boot(const struct hp_ops *o, const struct pmm_range *map,
			   unsigned int nr)
{
	int err;

	prefix_push(o->name);
	hp_case_hosted = pmm_hosted_live;
	err = o->init(map, nr);
	ASSERT_EQ(0, err);
	if (err) {
		prefix_pop();
		return err;
	}
	o->stats(&hp_case_boot_stats);
	return 0;
}

/* pmm_exit, which must give back all the case left behind. */
HP_HELPER void hp_case_end(const struct hp_ops *o)
{
	o->exit();
	check_exited(o, hp_case_hosted);
	prefix_pop();
}

/* The stats boot left, after a case undid what it did. */
HP_HELPER void expect_stats_boot(const struct hp_ops *o)
{
	struct pmm_stats st;

	o->stats(&st);
	stats_expect_equal(&hp_case_boot_stats, &st, "stats back to boot");
}

/*
 * The first PFN of [lo, hi) for which @at answers other than @want, or
 * @hi: a check over a range names that PFN alone, not every one after it.
 */
HP_HELPER unsigned long hp_first_other(unsigned long lo, unsigned long hi,
				       int (*at)(unsigned long pfn), int want)
{
	while (lo < hi && at(lo) == want)
		lo++;
	return lo;
}

/* [lo, hi) valid (1) or not (0); stops at the first PFN that differs */
HP_HELPER void expect_valid(const struct hp_ops *o, unsigned long lo, unsigned long hi,
			    int valid)
{
	unsigned long pfn = hp_first_other(lo, hi, o->pfn_valid, valid);

	ASSERT_MSG(pfn == hi, "%s: pfn_valid(%#lx) = %d, expected %d for [%#lx, %#lx)",
		   o->name, pfn, !valid, valid, lo, hi);
}

/* ram_pages, and nr_present_sections unless @present is -1 */
HP_HELPER void expect_stats(const struct hp_ops *o, unsigned long ram, long present)
{
	struct pmm_stats st;

	o->stats(&st);
	ASSERT_MSG(st.ram_pages == ram, "%s: ram_pages %lu, expected %lu", o->name,
		   st.ram_pages, ram);
	ASSERT_MSG(present < 0 || st.nr_present_sections == (unsigned long)present,
		   "%s: nr_present_sections %lu, expected %ld", o->name,
		   st.nr_present_sections, present);
}

/* A request that must fail with @err and change nothing. */
#define EXPECT_REFUSED(o, err, call)						\
	do {									\
		struct hp_snap s_;						\
		int rc_;							\
										\
		snap_take((o), &s_);						\
		rc_ = (call);							\
		ASSERT_MSG(rc_ == (err), "%s: %s = %d, expected %d", (o)->name,	\
			   #call, rc_, (err));					\
		snap_expect_same((o), &s_, #call);				\
	} while (0)

#define EXPECT_OK(o, call)							\
	do {									\
		int rc_ = (call);						\
										\
		ASSERT_MSG(rc_ == 0, "%s: %s = %d, expected 0", (o)->name, #call,	\
			   rc_);							\
	} while (0)

#endif /* PMM_HOTPLUG_H */
