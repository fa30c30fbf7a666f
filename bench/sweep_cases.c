// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * sweep_cases.c - the sweep's benchmarks that are not conversions: hotplug
 * and ZONE_DEVICE calls, and boots
 *
 * A hotplug configuration (gen/sweeps.toml: bench = "hotplug") is built on
 * its map once; each of its cases changes it and changes it back in every
 * iteration, so that the next starts from the same state:
 *
 *	add_pages / remove_pages		a sub-section (in an empty section,
 *						or beside one already there), a
 *						section, 1 GiB
 *	add_memory + online_pages /		a memory block, and 1 GiB in one
 *	offline_pages + remove_memory		call
 *	memremap_pages / memunmap_pages		FS_DAX, a sub-section and 1 GiB,
 *	(SPARSEMEM_VMEMMAP)			with and without a vmem_altmap,
 *						and a sub-section in the hole of
 *						a boot section
 *	pfn_to_online_page			RAM PFNs of an untainted boot
 *						section, RAM and device PFNs of
 *						a tainted one (1 and 16 pagemaps)
 *
 * Each change is timed three ways: the change alone ("change"), the undo
 * alone ("undo") and both ("both"); the clock brackets the calls only.
 * Hot-added memory goes 4 GiB-aligned above the map's end, device ranges
 * 4 GiB above that and further pagemaps 8 GiB above that, one a section.
 * The section holding the map's end is the tainted one when the end is
 * not section-aligned (map "pc1g": RAM in the first half of the section
 * at 1 GiB).  Before timing, each case runs once and is checked: its span
 * valid (online, or not) after the change, pmm_stats back to where they
 * were after the undo, the memmap populated as much as the span needs.
 *
 * A boot configuration (bench = "boot") is not built beforehand: each
 * iteration is one pmm_init of the whole map (timed), then, for the
 * init+deferred cases of a PMM_DEFERRED_STRUCT_PAGE_INIT unit,
 * pmm_deferred_init on one thread or on all CPUs (timed too), then
 * pmm_exit (not timed).  A unit that does not defer may map half of this
 * machine's RAM, as pmm_hosted.h allows; one that defers may map the whole
 * address space, since pmm_init writes only each node's first section of
 * memmap: its pmm_deferred_init, which writes the rest, runs where the
 * memmap fits half of RAM.
 *
 * Counters per iteration, of what is timed: the backing hooks' calls,
 * bytes and own time (sweep_backing_counts), minor page faults, growth of
 * the resident set, memmap populated (sweep.h's enum sweep_counter).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "pmm_types.h"
#include "sweep.h"

const char *const sweep_counter_names[SWEEP_NR_COUNTERS] = {
	"populate", "depopulate", "grace_periods", "alloc_KiB", "free_KiB",
	"hooks_us", "faults", "rss_KiB", "memmap_KiB",
};

enum { CHANGE_PAGES, CHANGE_MEMORY, CHANGE_DEVICE, READ_ONLINE, BOOT };
enum { PHASE_CHANGE, PHASE_UNDO, PHASE_BOTH, NR_PHASES };
enum { UNTAINTED, TAINTED_RAM, TAINTED_DEVICE };

/* [kind][phase]: what is timed */
static const char *const change_ops[3][NR_PHASES] = {
	{ "add_pages", "remove_pages", "add+remove_pages" },
	{ "add_memory+online", "offline+remove_memory", "add+online+offline+remove" },
	{ "memremap", "memunmap", "memremap+memunmap" },
};
static const char *const phase_names[NR_PHASES] = { "change", "undo", "both" };

/* --- where things go, from the unit's parameters and the map ---------- */

/**
 * struct place - a hotplug configuration's geometry, in its pages
 * @sub: pmm_add_pages' granularity: a sub-section, or a section (classic)
 * @sec: a section
 * @block: a memory block
 * @gib: 1 GiB
 * @hot: where hot-added memory goes
 * @dev: where device ranges go
 * @extra: where the further pagemaps of the read cases go, a section apart
 * @tainted: first PFN of the boot section that is part RAM, part hole;
 *	0 when the map ends on a section boundary
 * @hole: first sub-section of its hole; 0 where none fits
 * @untainted: first PFN of the section before it, RAM throughout
 * @ram_span: RAM pages from @tainted on (the read cases' span)
 */
struct place {
	unsigned long sub, sec, block, gib;
	unsigned long hot, dev, extra;
	unsigned long tainted, hole, untainted, ram_span;
};

static unsigned long align_up(unsigned long x, unsigned long a)
{
	return (x + a - 1) / a * a;
}

/* is [@pfn, @pfn + @nr) inside one RAM range of @env? */
static int all_ram(const struct sweep_env *env, unsigned long pfn, unsigned long nr)
{
	for (unsigned int i = 0; i < env->nr; i++)
		if (env->ram[i].start_pfn <= pfn && pfn + nr <= env->ram[i].end_pfn)
			return 1;
	return 0;
}

static int place_of(const struct sweep_env *env, struct place *pl, char *err,
		    unsigned long len)
{
	const struct pmm_params *p = env->unit->params;
	unsigned long end = env->ram[env->nr - 1].end_pfn;
	int vmemmap = env->unit->hotplug->memremap != NULL;

	if (p->page_shift > 21 || p->section_size_bits > 30) {
		snprintf(err, len, "hotplug cases need pages of at most 2 MiB and sections of at most 1 GiB");
		return -1;
	}
	pl->sec = 1UL << (p->section_size_bits - p->page_shift);
	pl->sub = vmemmap ? 1UL << (p->subsection_shift - p->page_shift) : pl->sec;
	pl->block = 1UL << (p->memory_block_size_bits - p->page_shift);
	pl->gib = 1UL << (30 - p->page_shift);
	pl->hot = align_up(end, 4 * pl->gib);
	pl->dev = pl->hot + 4 * pl->gib;
	pl->extra = pl->dev + 8 * pl->gib;
	if (p->max_physmem_bits < 64 &&
	    pl->extra + 16 * pl->sec > 1UL << (p->max_physmem_bits - p->page_shift)) {
		snprintf(err, len, "no room above the map below MAX_PHYSMEM_BITS for the hotplug cases");
		return -1;
	}
	pl->tainted = pl->hole = pl->untainted = pl->ram_span = 0;
	if (end % pl->sec && end / pl->sec) {
		unsigned long t = end / pl->sec * pl->sec;

		if (all_ram(env, t, end - t) && all_ram(env, t - pl->sec, pl->sec)) {
			pl->tainted = t;
			pl->untainted = t - pl->sec;
			pl->ram_span = end - t;
			/* a device range fits the hole only by sub-sections (VMEMMAP) */
			if (align_up(end, pl->sub) + pl->sub <= t + pl->sec)
				pl->hole = align_up(end, pl->sub);
		}
	}
	return 0;
}

/* --- changes and their undo -------------------------------------------- */

static int do_change(const struct sweep_hotplug *hp, const struct sweep_case *c)
{
	int err;

	switch (c->kind) {
	case CHANGE_PAGES:
		return hp->add_pages(0, c->pfn, c->nr);
	case CHANGE_MEMORY:
		err = hp->add_memory(0, c->pfn, c->nr);
		if (!err) {
			err = hp->online_pages(c->pfn, c->nr, PMM_MMOP_ONLINE);
			if (err)
				hp->remove_memory(c->pfn, c->nr);
		}
		return err;
	case CHANGE_DEVICE:
		return hp->memremap(0, c->pfn, c->nr, c->altmap);
	}
	return -EINVAL;
}

static int undo_change(const struct sweep_hotplug *hp, const struct sweep_case *c)
{
	int err;

	switch (c->kind) {
	case CHANGE_PAGES:
		return hp->remove_pages(c->pfn, c->nr);
	case CHANGE_MEMORY:
		err = hp->offline_pages(c->pfn, c->nr);
		return err ? err : hp->remove_memory(c->pfn, c->nr);
	case CHANGE_DEVICE:
		return hp->memunmap(0);
	}
	return -EINVAL;
}

static int same_stats(const struct pmm_stats *a, const struct pmm_stats *b)
{
	return a->memmap_bytes == b->memmap_bytes && a->metadata_bytes == b->metadata_bytes &&
	       a->ram_pages == b->ram_pages && a->nr_present_sections == b->nr_present_sections &&
	       a->device_pages == b->device_pages && a->altmap_pages == b->altmap_pages;
}

/* memmap backing in use: populated bytes plus the pages taken from altmaps */
static unsigned long long memmap_in_use(const struct pmm_stats *st, int page_shift)
{
	return st->memmap_bytes + ((unsigned long long)st->altmap_pages << page_shift);
}

/* what the hooks did, the page faults and the resident set, at one moment */
struct moment {
	struct sweep_backing_counts hooks;
	long faults;
	long rss_pages;
};

static void take(struct moment *m)
{
	struct rusage ru;
	long size = 0, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (f) {
		if (fscanf(f, "%ld %ld", &size, &resident) != 2)
			resident = 0;
		fclose(f);
	}
	getrusage(RUSAGE_SELF, &ru);
	m->hooks = sweep_backing_counts;
	m->faults = ru.ru_minflt;
	m->rss_pages = resident;
}

/* @s's counters += what happened from @a to @b */
static void add_delta(struct sweep_sample *s, const struct moment *a, const struct moment *b)
{
	double *c = s->counter;

	c[SWEEP_C_POPULATE] += (double)(b->hooks.populate - a->hooks.populate);
	c[SWEEP_C_DEPOPULATE] += (double)(b->hooks.depopulate - a->hooks.depopulate);
	c[SWEEP_C_GRACE_PERIODS] += (double)(b->hooks.grace_periods - a->hooks.grace_periods);
	c[SWEEP_C_ALLOC_KIB] += (double)(b->hooks.alloc_bytes - a->hooks.alloc_bytes) / 1024;
	c[SWEEP_C_FREE_KIB] += (double)(b->hooks.free_bytes - a->hooks.free_bytes) / 1024;
	c[SWEEP_C_HOOKS_US] += (double)(b->hooks.hook_ns - a->hooks.hook_ns) / 1000;
	c[SWEEP_C_FAULTS] += (double)(b->faults - a->faults);
	c[SWEEP_C_RSS_KIB] += (double)(b->rss_pages - a->rss_pages) *
			      (double)sysconf(_SC_PAGESIZE) / 1024;
}

/* why, into @err: -1, for "return fail(...)" */
static int __attribute__((format(printf, 3, 4))) fail(char *err, unsigned long len,
						      const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * One change and its undo, checked: what the change makes of its span,
 * and pmm_stats back where they were after the undo.  A benchmark of a
 * call that fails, or that leaks, would time the wrong thing.
 */
static int check_change(const struct sweep_case *c, const struct sweep_env *env,
			const struct place *pl, char *err, unsigned long len)
{
	const struct sweep_hotplug *hp = env->unit->hotplug;
	const struct sweep_conversions *pmm = &env->unit->conv[SWEEP_PMM];
	int shift = env->unit->params->page_shift;
	unsigned long last = c->pfn + c->nr - 1;
	unsigned long long need = (unsigned long long)c->nr * env->unit->params->struct_page_size;
	struct pmm_stats before, during, after;
	int ret;

	env->unit->stats(&before);
	ret = do_change(hp, c);
	if (ret)
		return fail(err, len, "the change fails: %s", strerror(-ret));
	env->unit->stats(&during);
	if (!pmm->pfn_valid(c->pfn) || !pmm->pfn_valid(last))
		return fail(err, len, "the span is not valid after the change");
	switch (c->kind) {
	case CHANGE_PAGES:
		/* added, never onlined: no memory block */
		if (hp->pfn_to_online_page(c->pfn))
			return fail(err, len, "added pages are online");
		if (during.ram_pages != before.ram_pages + c->nr)
			return fail(err, len, "ram_pages did not grow by the span");
		break;
	case CHANGE_MEMORY:
		if (!hp->pfn_to_online_page(c->pfn) || !hp->pfn_to_online_page(last))
			return fail(err, len, "the onlined block is not online");
		break;
	case CHANGE_DEVICE:
		if (hp->pfn_to_online_page(c->pfn) || hp->pfn_to_online_page(last))
			return fail(err, len, "a device page is online");
		if (during.device_pages != before.device_pages + c->nr)
			return fail(err, len, "device_pages did not grow by the span");
		if (during.altmap_pages != before.altmap_pages + (c->altmap ? need >> shift : 0))
			return fail(err, len, "altmap_pages is not the span's memmap");
		if (c->hole && !hp->pfn_to_online_page(pl->tainted))
			return fail(err, len, "the RAM of a tainted section is not online");
		break;
	}
	/* a boot section's hole has its memmap already */
	if (memmap_in_use(&during, shift) != memmap_in_use(&before, shift) + (c->hole ? 0 : need))
		return fail(err, len, "memmap populated: %llu bytes, the span needs %llu",
		     memmap_in_use(&during, shift) - memmap_in_use(&before, shift), c->hole ? 0 : need);
	ret = undo_change(hp, c);
	if (ret)
		return fail(err, len, "the undo fails: %s", strerror(-ret));
	env->unit->stats(&after);
	if (!same_stats(&before, &after))
		return fail(err, len, "pmm_stats differ after the undo: a leak");
	/* an early section stays valid whole */
	if (c->hole ? !pmm->pfn_valid(c->pfn) : pmm->pfn_valid(c->pfn) || pmm->pfn_valid(last))
		return fail(err, len, "the span's validity after the undo is wrong");
	return 0;
}

static int change_setup(const struct sweep_case *c, const struct sweep_env *env,
			char *err, unsigned long len)
{
	const struct sweep_hotplug *hp = env->unit->hotplug;
	struct place pl;
	int ret;

	if (place_of(env, &pl, err, len))
		return -1;
	if (c->keep_nr && (ret = hp->add_pages(0, c->keep_pfn, c->keep_nr)))
		return fail(err, len, "cannot add the neighbour: %s", strerror(-ret));
	if (check_change(c, env, &pl, err, len)) {
		if (c->keep_nr)
			hp->remove_pages(c->keep_pfn, c->keep_nr);
		return -1;
	}
	return 0;
}

/* the change, or its undo, with the clock around the call alone */
static int timed(const struct sweep_hotplug *hp, const struct sweep_case *c, int undo,
		 unsigned long long *ns, struct moment *after)
{
	unsigned long long t0 = sweep_backing_now();
	int ret = undo ? undo_change(hp, c) : do_change(hp, c);

	*ns = sweep_backing_now() - t0;
	take(after);
	return ret;
}

static int change_run(const struct sweep_case *c, const struct sweep_env *env,
		      struct sweep_sample *s, char *err, unsigned long len)
{
	const struct sweep_hotplug *hp = env->unit->hotplug;
	unsigned long long change_ns, undo_ns;
	struct moment m0, m1, m2;
	int ret;

	take(&m0);
	ret = timed(hp, c, 0, &change_ns, &m1);
	if (ret)
		return fail(err, len, "the change failed: %s", strerror(-ret));
	ret = timed(hp, c, 1, &undo_ns, &m2);
	if (ret)
		return fail(err, len, "the undo failed: %s", strerror(-ret));
	s->items = 1;
	s->ns = (double)(c->phase == PHASE_CHANGE ? change_ns :
			 c->phase == PHASE_UNDO ? undo_ns : change_ns + undo_ns);
	if (c->phase != PHASE_UNDO)
		add_delta(s, &m0, &m1);
	if (c->phase != PHASE_CHANGE)
		add_delta(s, &m1, &m2);
	/* what the change populated, the undo gave back */
	s->counter[SWEEP_C_MEMMAP_KIB] = c->hole ? 0 :
		(double)c->nr * env->unit->params->struct_page_size / 1024;
	return 0;
}

static int change_teardown(const struct sweep_case *c, const struct sweep_env *env,
			   char *err, unsigned long len)
{
	int ret = c->keep_nr ? env->unit->hotplug->remove_pages(c->keep_pfn, c->keep_nr) : 0;

	if (ret)
		return fail(err, len, "cannot remove the neighbour: %s", strerror(-ret));
	return 0;
}

/* --- the read side: pfn_to_online_page --------------------------------- */

#define READS		4096UL	/* inputs per case, a power of two */
#define READ_BATCH	256UL	/* lookups per iteration */

/* one case at a time: its inputs and how far through them */
static unsigned long read_pfns[READS];
static unsigned long read_next;

/* @n pagemaps: the first in the tainted section's hole, the rest a section apart above */
static int map_pgmaps(const struct sweep_hotplug *hp, const struct place *pl, int n)
{
	int k, ret = 0;

	for (k = 0; k < n && !ret; k++)
		ret = k ? hp->memremap((unsigned int)k, pl->extra + (unsigned long)(k - 1) * pl->sec,
				       pl->sub, 0) :
			  hp->memremap(0, pl->hole, pl->sub, 0);
	if (ret)
		for (k--; k-- > 0; )
			hp->memunmap((unsigned int)k);
	return ret;
}

static void unmap_pgmaps(const struct sweep_hotplug *hp, int n)
{
	while (n-- > 0)
		hp->memunmap((unsigned int)n);
}

static int read_setup(const struct sweep_case *c, const struct sweep_env *env,
		      char *err, unsigned long len)
{
	const struct sweep_hotplug *hp = env->unit->hotplug;
	unsigned long base, span, x = 20240607;
	struct place pl;
	int want_page = c->reads != TAINTED_DEVICE;

	if (place_of(env, &pl, err, len))
		return -1;
	base = c->reads == UNTAINTED ? pl.untainted : c->reads == TAINTED_RAM ? pl.tainted : pl.hole;
	span = c->reads == TAINTED_DEVICE ? pl.sub : pl.ram_span;
	/* a fixed sequence: xorshift, the same inputs in every run */
	for (unsigned long i = 0; i < READS; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		read_pfns[i] = base + x % span;
	}
	read_next = 0;
	if (map_pgmaps(hp, &pl, c->pgmaps))
		return fail(err, len, "memremap_pages failed");
	for (unsigned long i = 0; i < READS; i++)
		if ((hp->pfn_to_online_page(read_pfns[i]) != NULL) != want_page) {
			unmap_pgmaps(hp, c->pgmaps);
			return fail(err, len, "pfn_to_online_page(%#lx) gives the wrong answer",
				    read_pfns[i]);
		}
	return 0;
}

static int read_run(const struct sweep_case *c, const struct sweep_env *env,
		    struct sweep_sample *s, char *err, unsigned long len)
{
	void *(*fn)(unsigned long) = env->unit->hotplug->pfn_to_online_page;
	unsigned long long t0 = sweep_backing_now();

	(void)c, (void)err, (void)len;
	for (unsigned long i = 0; i < READ_BATCH; i++) {
		void *page = fn(read_pfns[read_next]);

		SWEEP_KEEP(page);
		read_next = (read_next + 1) & (READS - 1);
	}
	s->ns = (double)(sweep_backing_now() - t0);
	s->items = READ_BATCH;
	return 0;
}

static int read_teardown(const struct sweep_case *c, const struct sweep_env *env,
			 char *err, unsigned long len)
{
	(void)err, (void)len;
	unmap_pgmaps(env->unit->hotplug, c->pgmaps);
	return 0;
}

/* --- boots --------------------------------------------------------------- */

/*
 * One pmm_init, then pmm_deferred_init where the case asks, then pmm_exit.
 * 0; 1 with why where this machine refuses the map (a result: -ENOMEM
 * in so long, or a memmap too large to write here); -1 with why where pmm
 * is wrong.
 */
static int boot_run(const struct sweep_case *c, const struct sweep_env *env,
		    struct sweep_sample *s, char *err, unsigned long len)
{
	const struct sweep_unit *u = env->unit;
	unsigned long long t0, t1;
	struct moment m0, m1;
	struct pmm_stats st;
	int ret;

	take(&m0);
	t0 = sweep_backing_now();
	ret = u->init(env->ram, env->nr);
	t1 = sweep_backing_now();
	if (ret == -ENOMEM) {
		snprintf(err, len, "pmm_init: -ENOMEM in %.3f s (the memmap exceeds half of "
			 "this machine's RAM)", (double)(t1 - t0) / 1e9);
		return 1;
	}
	if (ret)
		return fail(err, len, "pmm_init: %s", strerror(-ret));
	u->stats(&st);
	if (c->threads >= 0) {
		if (st.memmap_bytes > sweep_backing_half_of_ram()) {
			u->exit();
			snprintf(err, len, "not run: pmm_deferred_init would write %llu GiB of "
				 "memmap, over half of this machine's RAM", st.memmap_bytes >> 30);
			return 1;
		}
		ret = u->deferred_init((unsigned int)c->threads);
		t1 = sweep_backing_now();
		u->stats(&st);
		if (ret || st.deferred_pages) {
			u->exit();
			return fail(err, len, "pmm_deferred_init: %s, %lu pages still deferred",
			     ret ? strerror(-ret) : "0", st.deferred_pages);
		}
	}
	take(&m1);
	u->exit();
	s->ns = (double)(t1 - t0);
	s->items = 1;
	add_delta(s, &m0, &m1);
	s->counter[SWEEP_C_MEMMAP_KIB] = (double)st.memmap_bytes / 1024;
	return 0;
}

/* --- the list -------------------------------------------------------------- */

/* "2M", "128M", "1G": @pages of 2^@shift bytes */
static void size_name(char *buf, unsigned long len, unsigned long pages, int shift)
{
	unsigned long long bytes = (unsigned long long)pages << shift;

	if (bytes >= 1ULL << 30 && !(bytes & ((1ULL << 30) - 1)))
		snprintf(buf, len, "%lluG", bytes >> 30);
	else
		snprintf(buf, len, "%lluM", bytes >> 20);
}

/*
 * Iterations per pass: about the same wall time for every size, the
 * sub-section's the most (tens of microseconds a change and undo).
 */
static unsigned long change_iterations(const struct place *pl, unsigned long nr)
{
	unsigned long n = 16 * pl->gib / nr;

	return n < 4 ? 4 : n > 512 ? 512 : n;
}

typedef int case_step(const struct sweep_case *c, const struct sweep_env *env,
		      char *err, unsigned long len);
typedef int case_run(const struct sweep_case *c, const struct sweep_env *env,
		     struct sweep_sample *s, char *err, unsigned long len);

/* a new case of @kind at the end of *@v: its functions set, the rest 0 */
static struct sweep_case *add_case(struct sweep_case **v, unsigned int *n, int kind,
				   unsigned long iterations, case_step *setup, case_run *run,
				   case_step *teardown)
{
	struct sweep_case *grown = realloc(*v, (*n + 1) * sizeof(**v)), *c;

	if (!grown)
		return NULL;
	*v = grown;
	c = &grown[(*n)++];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->iterations = iterations;
	c->setup = setup;
	c->run = run;
	c->teardown = teardown;
	return c;
}

/* the three phases of one change; what follows "add_pages/" is @what */
static int add_change(struct sweep_case **v, unsigned int *n, const struct place *pl,
		      int shift, int kind, const char *suffix, unsigned long pfn,
		      unsigned long nr, int altmap, unsigned long keep_pfn, int hole)
{
	char what[32];

	size_name(what, sizeof(what), nr, shift);
	for (int ph = 0; ph < NR_PHASES; ph++) {
		struct sweep_case *c = add_case(v, n, kind, change_iterations(pl, nr),
						change_setup, change_run, change_teardown);

		if (!c)
			return -1;
		snprintf(c->name, sizeof(c->name), "%s/%s%s", change_ops[kind][ph], what, suffix);
		snprintf(c->label, sizeof(c->label), "op=%s case=%s%s phase=%s mib=%g",
			 change_ops[kind][ph], what, suffix, phase_names[ph],
			 (double)((unsigned long long)nr << shift) / (1 << 20));
		c->phase = ph;
		c->pfn = pfn;
		c->nr = nr;
		c->altmap = altmap;
		c->hole = hole;
		c->keep_pfn = keep_pfn;
		c->keep_nr = keep_pfn ? pl->sub : 0;
	}
	return 0;
}

static int add_read(struct sweep_case **v, unsigned int *n, const char *name, int kind,
		    int pgmaps)
{
	struct sweep_case *c = add_case(v, n, READ_ONLINE, 1024, read_setup, read_run,
					read_teardown);

	if (!c)
		return -1;
	snprintf(c->name, sizeof(c->name), "pfn_to_online_page/%s", name);
	snprintf(c->label, sizeof(c->label), "op=pfn_to_online_page case=%s pgmaps=%d",
		 name, pgmaps);
	c->reads = kind;
	c->pgmaps = pgmaps;
	return 0;
}

static int hotplug_cases(const struct sweep_env *env, struct sweep_case **v, unsigned int *n,
			 char *err, unsigned long len)
{
	int shift = env->unit->params->page_shift, vmemmap = env->unit->hotplug->memremap != NULL;
	struct place pl;
	int bad = 0;

	if (place_of(env, &pl, err, len))
		return -1;
	if (vmemmap) {
		bad |= add_change(v, n, &pl, shift, CHANGE_PAGES, "-fresh", pl.hot, pl.sub, 0, 0, 0);
		bad |= add_change(v, n, &pl, shift, CHANGE_PAGES, "-shared", pl.hot + pl.sub,
				  pl.sub, 0, pl.hot, 0);
	}
	if (pl.sec != pl.sub)
		bad |= add_change(v, n, &pl, shift, CHANGE_PAGES, "", pl.hot, pl.sec, 0, 0, 0);
	bad |= add_change(v, n, &pl, shift, CHANGE_PAGES, "", pl.hot, pl.gib, 0, 0, 0);
	bad |= add_change(v, n, &pl, shift, CHANGE_MEMORY, "", pl.hot, pl.block, 0, 0, 0);
	if (pl.block != pl.gib)
		bad |= add_change(v, n, &pl, shift, CHANGE_MEMORY, "", pl.hot, pl.gib, 0, 0, 0);
	if (vmemmap) {
		bad |= add_change(v, n, &pl, shift, CHANGE_DEVICE, "", pl.dev, pl.sub, 0, 0, 0);
		bad |= add_change(v, n, &pl, shift, CHANGE_DEVICE, "-altmap", pl.dev, pl.sub, 1, 0, 0);
		bad |= add_change(v, n, &pl, shift, CHANGE_DEVICE, "", pl.dev, pl.gib, 0, 0, 0);
		bad |= add_change(v, n, &pl, shift, CHANGE_DEVICE, "-altmap", pl.dev, pl.gib, 1, 0, 0);
		if (pl.hole)
			bad |= add_change(v, n, &pl, shift, CHANGE_DEVICE, "-boot-hole", pl.hole,
					  pl.sub, 0, 0, 1);
	}
	if (pl.tainted) {
		bad |= add_read(v, n, "untainted-ram", UNTAINTED, 0);
		if (vmemmap && pl.hole) {
			bad |= add_read(v, n, "tainted-ram-1pgmap", TAINTED_RAM, 1);
			bad |= add_read(v, n, "tainted-ram-16pgmaps", TAINTED_RAM, 16);
			bad |= add_read(v, n, "tainted-device-1pgmap", TAINTED_DEVICE, 1);
			bad |= add_read(v, n, "tainted-device-16pgmaps", TAINTED_DEVICE, 16);
		}
	}
	if (bad)
		return fail(err, len, "out of memory");
	return 0;
}

static int add_boot(struct sweep_case **v, unsigned int *n, const char *name, int threads)
{
	struct sweep_case *c = add_case(v, n, BOOT, 1, NULL, boot_run, NULL);

	if (!c)
		return -1;
	snprintf(c->name, sizeof(c->name), "boot/%s", name);
	snprintf(c->label, sizeof(c->label), "op=boot case=%s threads=%d", name, threads);
	c->once = 1;
	c->threads = threads;
	return 0;
}

unsigned int sweep_cases(const struct sweep_config *cfg, const struct sweep_env *env,
			 struct sweep_case **cases, char *err, unsigned long len)
{
	unsigned int n = 0;
	int ret = 0;

	*cases = NULL;
	err[0] = '\0';
	if (cfg->bench == SWEEP_BENCH_HOTPLUG) {
		if (!env->unit->hotplug || !env->nr) {
			snprintf(err, len, "no hotplug in this unit, or no RAM");
			return 0;
		}
		ret = hotplug_cases(env, cases, &n, err, len);
	} else if (cfg->bench == SWEEP_BENCH_BOOT) {
		/* -1: pmm_init alone; 1 and 0 (all CPUs): pmm_deferred_init's threads */
		ret = add_boot(cases, &n, "init", -1);
		if (!ret && cfg->deferred && env->unit->deferred_init)
			ret = add_boot(cases, &n, "init+deferred/1", 1) ||
			      add_boot(cases, &n, "init+deferred/all", 0);
		if (ret)
			snprintf(err, len, "out of memory");
	}
	if (ret) {
		free(*cases);
		*cases = NULL;
		return 0;
	}
	return n;
}
