// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * parity_check.c - Linux 6.1's own text and pmm give the same answers over
 * the same tables
 *
 *	parity_check [-v] [-s SEED] [FILE | DIR]...	(default: data/layouts)
 *
 * Linked with one variant of parity.c.  For every map a pmm instance of
 * the variant's parameters can hold, up to 16 GiB of RAM (others are
 * counted as skipped), the
 * instance boots the map's RAM, Linux's tables are pointed at it, and on
 * every sampled PFN both sides must agree:
 *
 *	pfn_valid			equal (but where the variant states
 *					that only Linux's is true: x86_32's
 *					DISCONTIGMEM, counted apart)
 *	pfn_to_page			the same descriptor, where valid
 *	page_to_pfn, page_to_nid	equal, on that descriptor
 *
 * The sample: around every range start and end, every present section's
 * (x86_32 chunk's, without sections) and (VMEMMAP) sub-section's first
 * PFN, the top of the PFN space and
 * beyond it, and seeded-random PFNs anywhere and in RAM.  Then a seeded
 * series of hot-adds and removes (sections and sub-sections, some refused
 * on purpose), each followed by the same comparison around its span.
 * One case per map; "parity (VARIANT): N passed, N failed, N skipped",
 * skipped the maps beyond the instance's parameters or 16 GiB of RAM.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pmm_types.h"
#include "tools/layout/layout.h"
#include "parity.h"

#define CHECK_RANDOM		2000	/* PFNs anywhere, and as many in RAM */
#define CHECK_SECTIONS_MAX	4096	/* sections with RAM sampled, at most */
#define CHECK_HOTPLUG_STEPS	100
#define CHECK_REPORT_MAX	5	/* mismatches told per map */
/*
 * pmm_init writes every descriptor of RAM: beyond this many pages (16 GiB
 * of 4 KiB pages, 256 MiB of descriptors) a map costs seconds of page
 * faults under the sanitizers for no new section shapes, and is counted
 * as skipped.
 */
#define CHECK_RAM_PAGES_MAX	(1UL << 22)

static unsigned long long check_seed = 0x6c696e7578363132ULL;	/* "linux612" */
static int check_verbose;
static long check_wider;	/* PFNs of a stated difference, every map */

static unsigned long check_rand(void)
{
	/* xorshift64*: the same sequence on every machine */
	check_seed ^= check_seed >> 12;
	check_seed ^= check_seed << 25;
	check_seed ^= check_seed >> 27;
	return (unsigned long)((check_seed * 0x2545f4914f6cdd1dULL) >> 1);
}

struct check_state {
	const char *map;
	unsigned long max_pfn, pages_per_section, unit;
	long compared, mismatches, wider;
};

static void check_mismatch(struct check_state *st, unsigned long pfn, const char *what,
			   unsigned long pmm, unsigned long lnx)
{
	if (st->mismatches++ < CHECK_REPORT_MAX)
		fprintf(stderr, "FAIL %s (%s): PFN %#lx: %s: pmm %#lx, Linux %#lx\n",
			st->map, parity_ops.name, pfn, what, pmm, lnx);
}

/* Both sides on one PFN. */
static void check_pfn(struct check_state *st, unsigned long pfn)
{
	const struct parity_side *p = &parity_ops.pmm_side, *l = &parity_ops.linux_side;
	int pv = p->pfn_valid(pfn), lv = l->pfn_valid(pfn);
	void *pp, *lp;

	st->compared++;
	if (pv != lv && !pv && parity_ops.linux_wider && parity_ops.linux_wider(pfn)) {
		st->wider++;
		return;
	}
	if (pv != lv) {
		check_mismatch(st, pfn, "pfn_valid", (unsigned long)pv, (unsigned long)lv);
		return;
	}
	if (!pv)
		return;
	pp = p->pfn_to_page(pfn);
	lp = l->pfn_to_page(pfn);
	if (pp != lp) {
		check_mismatch(st, pfn, "pfn_to_page", (unsigned long)pp, (unsigned long)lp);
		return;
	}
	if (p->page_to_pfn(pp) != pfn || l->page_to_pfn(lp) != pfn)
		check_mismatch(st, pfn, "page_to_pfn", p->page_to_pfn(pp), l->page_to_pfn(lp));
	if (p->page_to_nid(pp) != l->page_to_nid(lp))
		check_mismatch(st, pfn, "page_to_nid", (unsigned long)p->page_to_nid(pp),
			       (unsigned long)l->page_to_nid(lp));
}

/* @pfn and its neighbours, inside the PFN space and a little beyond. */
static void check_around(struct check_state *st, unsigned long pfn)
{
	if (pfn)
		check_pfn(st, pfn - 1);
	check_pfn(st, pfn);
	check_pfn(st, pfn + 1);
}

/* Every first PFN of a unit (section or sub-section) in [lo, hi). */
static void check_units(struct check_state *st, unsigned long lo, unsigned long hi)
{
	unsigned long pfn;

	for (pfn = lo & ~(st->unit - 1); pfn < hi && pfn < st->max_pfn; pfn += st->unit)
		check_around(st, pfn);
}

static void check_boot(struct check_state *st, const struct pmm_range *r, unsigned int nr)
{
	unsigned long sec, sampled = 0, i;

	for (i = 0; i < nr; i++) {
		check_around(st, r[i].start_pfn);
		check_around(st, r[i].end_pfn);
	}
	/* the sections with RAM, each with its sub-sections, up to a bound */
	for (i = 0; i < nr && sampled < CHECK_SECTIONS_MAX; i++) {
		for (sec = r[i].start_pfn / st->pages_per_section;
		     sec <= (r[i].end_pfn - 1) / st->pages_per_section &&
		     sampled < CHECK_SECTIONS_MAX; sec++, sampled++)
			check_units(st, sec * st->pages_per_section,
				    (sec + 1) * st->pages_per_section);
	}
	check_around(st, st->max_pfn - 1);
	check_pfn(st, ~0UL);
	check_pfn(st, ~0UL >> 1);
	for (i = 0; i < CHECK_RANDOM; i++) {
		const struct pmm_range *q = &r[check_rand() % nr];

		check_pfn(st, check_rand() % st->max_pfn);
		check_pfn(st, q->start_pfn + check_rand() % (q->end_pfn - q->start_pfn));
	}
}

/*
 * Hot-adds and removes of one or two units at random places, with the
 * comparison around each: Linux's text must follow every change pmm makes
 * to the section table (new roots, sub-section bits, sections gone).
 */
static void check_hotplug(struct check_state *st)
{
	int i;

	if (!parity_ops.add)
		return;
	for (i = 0; i < CHECK_HOTPLUG_STEPS; i++) {
		unsigned long nr = st->unit * (1 + check_rand() % 2);
		unsigned long start = (check_rand() % (st->max_pfn / st->unit)) * st->unit;

		if (start + nr > st->max_pfn)
			continue;
		if (check_rand() % 2)
			parity_ops.add((int)(check_rand() % 2), start, nr);
		else
			parity_ops.remove(start, nr);
		check_units(st, start, start + nr + st->unit);
	}
}

/* One map: 1 passed, 0 skipped (the instance cannot hold it), -1 failed. */
static int check_map(const char *path)
{
	const struct pmm_params *pp = parity_ops.params;
	struct check_state st = { path, 0, 0, 0, 0, 0, 0 };
	struct layout_error err;
	struct pmm_range *r = NULL;
	struct layout lo;
	unsigned long ram;
	unsigned int nr = 0, i;
	int ret;

	memset(&lo, 0, sizeof(lo));
	if (layout_read_file(&lo, path, &err) ||
	    layout_ram_ranges(&lo, pp->page_shift, &r, &nr) || !nr) {
		layout_free(&lo);
		free(r);
		fprintf(stderr, "FAIL %s: cannot read its RAM\n", path);
		return -1;
	}
	for (i = 0, ram = 0; i < nr; i++)
		ram += r[i].end_pfn - r[i].start_pfn;
	if (ram > CHECK_RAM_PAGES_MAX || parity_ops.init(r, nr)) {
		layout_free(&lo);
		free(r);
		return 0;
	}
	parity_ops.attach();
	st.max_pfn = 1UL << (pp->max_physmem_bits - pp->page_shift);
	/* sections, x86_32's chunks, or 128 MiB steps where neither */
	st.pages_per_section = 1UL << ((pp->section_size_bits ? pp->section_size_bits :
					pp->discontig_chunk_shift ? pp->discontig_chunk_shift :
					27) - pp->page_shift);
	st.unit = pp->subsection_shift ? 1UL << (pp->subsection_shift - pp->page_shift) :
					 st.pages_per_section;
	check_boot(&st, r, nr);
	check_hotplug(&st);
	parity_ops.exit();
	ret = st.mismatches ? -1 : 1;
	check_wider += st.wider;
	if (check_verbose || st.mismatches)
		printf("%s %s (%s): %ld PFNs compared, %ld mismatches, %ld where only "
		       "Linux's pfn_valid is true, as stated\n",
		       st.mismatches ? "FAIL" : "ok", path, parity_ops.name, st.compared,
		       st.mismatches, st.wider);
	layout_free(&lo);
	free(r);
	return ret;
}

/* The maps of @path: a file, or the *.txt of a directory in name order. */
static void check_path(const char *path, int *passed, int *failed, int *skipped)
{
	char **maps;
	size_t n, i;
	int r, err;

	err = layout_list_maps(path, &maps, &n);
	if (err == -ENOMEM) {
		fprintf(stderr, "parity: out of memory\n");
		exit(2);
	}
	if (err) {
		/* not a directory: a map (reading it tells what is wrong) */
		r = check_map(path);
		*passed += r > 0;
		*failed += r < 0;
		*skipped += !r;
		return;
	}
	for (i = 0; i < n; i++)
		check_path(maps[i], passed, failed, skipped);
	layout_free_maps(maps, n);
}

int main(int argc, char **argv)
{
	int i, paths = 0, passed = 0, failed = 0, skipped = 0;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-v"))
			check_verbose = 1;
		else if (!strcmp(argv[i], "-s") && i + 1 < argc)
			check_seed = strtoull(argv[++i], NULL, 0);
		else
			paths++;
	}
	if (!parity_ops.params_match()) {
		fprintf(stderr, "FAIL parity (%s): Linux's parameters are not the instance's\n",
			parity_ops.name);
		return 1;
	}
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-v"))
			continue;
		if (!strcmp(argv[i], "-s")) {
			i++;
			continue;
		}
		check_path(argv[i], &passed, &failed, &skipped);
	}
	if (!paths)
		check_path("data/layouts", &passed, &failed, &skipped);
	/* skipped: maps beyond the instance's parameters or 16 GiB of RAM */
	printf("parity (%s): %d passed, %d failed, %d skipped", parity_ops.name,
	       passed, failed, skipped);
	if (parity_ops.linux_wider)
		printf("; %ld PFNs where only Linux's pfn_valid is true, as stated",
		       check_wider);
	printf("\n");
	return failed || !passed;
}
