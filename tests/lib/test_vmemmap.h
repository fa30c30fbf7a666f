/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * test_vmemmap.h - vmemmap hooks that count, check and fail on demand
 *
 * A struct test_vmemmap stands between a SPARSEMEM_VMEMMAP instance and
 * the hosted hooks (pmm_hosted_reserve, pmm_hosted_populate and their
 * undo, which do the work, so pmm_hosted_live counts the backing as with
 * the default hooks).  It keeps every reservation and every populated
 * piece, so that a test can
 *
 *	- make the Nth populate from now fail (populate_fail_at = N), or
 *	  refuse reservations above reserve_limit bytes;
 *	- prove that a failed or undone init gave back every piece and
 *	  reservation (test_vmemmap_check_nothing_held());
 *	- catch what no host would forgive, each counted in bad (a
 *	  test.h tally, with the first one's words): a piece not aligned to pmm's
 *	  page, populated twice, outside every reservation (refused, never
 *	  handed to mprotect), or undone without being populated; an
 *	  unreserve of what was not reserved, or with pieces still backed.
 *
 * A depopulate must give back exactly a piece that one populate backed:
 * until memory is added or removed, pmm_exit hands back the boot pieces
 * as they were (pmm_sparse_hotplug.h says so).  After hotplug, pmm may
 * give back part of a boot piece; a test of hotplug sets partial_ok,
 * and then any populated stretch may be given back.
 *
 * Instances get these hooks from test_instance.h (TI_VMEMMAP names the
 * tracker), which passes pmm's page size with each call and, for a
 * compile-time PMM_VMEMMAP_BASE, the fixed area the instance maps into,
 * so that no test has to tell a tracker what its instance is.  Several
 * instances may share one tracker; an instance may have its own.
 */
#ifndef PMM_TEST_VMEMMAP_H
#define PMM_TEST_VMEMMAP_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "../../pmm_hosted.h"
#include "test.h"

/* reservations (and fixed areas) alive at once in one tracker */
#define TEST_VMEMMAP_MAX_AREAS	8

struct test_vmemmap_area {
	unsigned long base, bytes;
	int fixed;		/* a compile-time PMM_VMEMMAP_BASE, never reserved */
	void *map;		/* the host mapping it lies in, TVM_SKEW larger */
};

/*
 * A reservation comes only host-page aligned, as qemu-user hands address
 * space out: one host page past a 2 MiB boundary, so that a model that
 * counts on a larger alignment (its pages of 64 KiB, a large page of
 * table) is caught by a native run too, where the kernel would often
 * align a large mapping by chance.
 */
#define TVM_SKEW	(2UL << 20)

struct test_vmemmap_piece {
	unsigned long addr, bytes;
};

/**
 * struct test_vmemmap - a tracker of vmemmap hook calls
 * @populate_fail_at: the Nth populate from now fails with -ENOMEM (0: none)
 * @reserve_limit: reservations above this many bytes fail (0: none)
 * @partial_ok: a depopulate may give back part of a piece (after hotplug)
 * @huge_hint: madvise(MADV_HUGEPAGE) each reservation, so that a memmap
 *	of gigabytes costs a few thousand page faults, not millions
 * @populated: bytes backed now
 * @reserved: bytes of address space reserved now
 * @populate_calls: populates so far
 * @reserve_calls: reserves so far, refused ones too
 * @live_reservations: reservations not yet given back
 * @last_reserve_bytes: the size of the last reservation made
 * @bad: calls that broke a rule above, and what the first of them did
 * @area: the live reservations and the fixed areas
 * @nr_areas: how many
 * @piece: the populated pieces, sorted by address, none overlapping
 * @nr_pieces: how many
 * @max_pieces: room in @piece
 */
struct test_vmemmap {
	long populate_fail_at;
	unsigned long reserve_limit;
	int partial_ok;
	int huge_hint;
	long long populated, reserved;
	long populate_calls, reserve_calls, live_reservations;
	unsigned long last_reserve_bytes;
	struct test_tally bad;
	struct test_vmemmap_area area[TEST_VMEMMAP_MAX_AREAS];
	unsigned int nr_areas;
	struct test_vmemmap_piece *piece;
	unsigned int nr_pieces, max_pieces;
};

#define TVM_HELPER	static inline __attribute__((unused))

/* The area holding all of [a, a + bytes), or NULL. */
TVM_HELPER struct test_vmemmap_area *test_vmemmap_area_of(struct test_vmemmap *t,
							  unsigned long a,
							  unsigned long bytes)
{
	unsigned int i;

	for (i = 0; i < t->nr_areas; i++)
		if (a >= t->area[i].base && bytes <= t->area[i].bytes &&
		    a - t->area[i].base <= t->area[i].bytes - bytes)
			return &t->area[i];
	return NULL;
}

/* The first piece that ends after @a (nr_pieces if none). */
TVM_HELPER unsigned int test_vmemmap_find(const struct test_vmemmap *t, unsigned long a)
{
	unsigned int lo = 0, hi = t->nr_pieces;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (t->piece[mid].addr + t->piece[mid].bytes <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Replace pieces [@i, @j) by the @nr in @with; 0, or -ENOMEM. */
TVM_HELPER int test_vmemmap_splice(struct test_vmemmap *t, unsigned int i, unsigned int j,
				   const struct test_vmemmap_piece *with, unsigned int nr)
{
	unsigned int want = t->nr_pieces - (j - i) + nr;

	if (want > t->max_pieces) {
		unsigned int max = t->max_pieces ? 2 * t->max_pieces : 64;
		struct test_vmemmap_piece *p;

		if (max < want)
			max = want;
		p = (struct test_vmemmap_piece *)realloc(t->piece, max * sizeof(*p));
		if (!p)
			return -ENOMEM;
		t->piece = p;
		t->max_pieces = max;
	}
	memmove(&t->piece[i + nr], &t->piece[j], (t->nr_pieces - j) * sizeof(*t->piece));
	memcpy(&t->piece[i], with, nr * sizeof(*with));
	t->nr_pieces = want;
	if (!want) {
		free(t->piece);
		t->piece = NULL;
		t->max_pieces = 0;
	}
	return 0;
}

/* Is every byte of [a, a + bytes) populated? */
TVM_HELPER int test_vmemmap_backed(const struct test_vmemmap *t, unsigned long a,
				   unsigned long bytes)
{
	unsigned int i = test_vmemmap_find(t, a);
	unsigned long at = a, end = a + bytes;

	for (; i < t->nr_pieces && at < end; i++) {
		if (t->piece[i].addr > at)
			return 0;
		at = t->piece[i].addr + t->piece[i].bytes;
	}
	return at >= end;
}

/* PMM_VMEMMAP_RESERVE */
TVM_HELPER void *test_vmemmap_reserve(struct test_vmemmap *t, unsigned long bytes)
{
	void *map, *p;

	t->reserve_calls++;
	if (t->reserve_limit && bytes > t->reserve_limit)
		return NULL;
	if (t->nr_areas == TEST_VMEMMAP_MAX_AREAS) {
		test_tally(&t->bad, "reserve of %lu bytes: %u areas already", bytes,
			   t->nr_areas);
		return NULL;
	}
	if (bytes > ~0UL - TVM_SKEW)
		return NULL;
	map = pmm_hosted_reserve(bytes + TVM_SKEW);
	if (!map)
		return NULL;
	p = (void *)(((unsigned long)map + TVM_SKEW - 1) / TVM_SKEW * TVM_SKEW +
		     pmm_hosted_host_page());
	if ((unsigned long)p + bytes > (unsigned long)map + bytes + TVM_SKEW)
		p = map;	/* a host page of 2 MiB or more: no room to skew */
	if (t->huge_hint)
		madvise(p, bytes, MADV_HUGEPAGE);
	t->area[t->nr_areas].base = (unsigned long)p;
	t->area[t->nr_areas].bytes = bytes;
	t->area[t->nr_areas].fixed = 0;
	t->area[t->nr_areas].map = map;
	t->nr_areas++;
	t->live_reservations++;
	t->reserved += (long long)bytes;
	t->last_reserve_bytes = bytes;
	return p;
}

/* PMM_VMEMMAP_UNRESERVE */
TVM_HELPER void test_vmemmap_unreserve(struct test_vmemmap *t, void *addr, unsigned long bytes)
{
	unsigned long a = (unsigned long)addr;
	struct test_vmemmap_area *ar = test_vmemmap_area_of(t, a, bytes);
	unsigned int i;
	void *map;

	if (!ar || ar->fixed || ar->base != a || ar->bytes != bytes) {
		test_tally(&t->bad, "unreserve %#lx+%#lx: not a reservation", a, bytes);
		return;		/* not ours to unmap */
	}
	i = test_vmemmap_find(t, a);
	if (i < t->nr_pieces && t->piece[i].addr < a + bytes)
		test_tally(&t->bad, "unreserve %#lx+%#lx with %#lx+%#lx still backed",
			   a, bytes, t->piece[i].addr, t->piece[i].bytes);
	map = ar->map;
	*ar = t->area[--t->nr_areas];
	t->live_reservations--;
	t->reserved -= (long long)bytes;
	pmm_hosted_unreserve(map, bytes + TVM_SKEW);
}

/* PMM_VMEMMAP_POPULATE of an instance whose pages are @page bytes */
TVM_HELPER int test_vmemmap_populate(struct test_vmemmap *t, unsigned long page, void *addr,
				     unsigned long bytes, int nid)
{
	unsigned long a = (unsigned long)addr;
	struct test_vmemmap_piece p = { a, bytes };
	unsigned int i;
	int err;

	t->populate_calls++;
	if (t->populate_fail_at && --t->populate_fail_at == 0)
		return -ENOMEM;
	/* mprotect works on whole host pages; pmm's are at least that */
	if (!bytes || (a | bytes) & (page - 1))
		test_tally(&t->bad, "populate %#lx+%#lx not aligned to %#lx", a, bytes, page);
	if (!test_vmemmap_area_of(t, a, bytes)) {
		test_tally(&t->bad, "populate %#lx+%#lx outside every reservation", a, bytes);
		return -ENOMEM;		/* never mprotect what is not ours */
	}
	i = test_vmemmap_find(t, a);
	if (i < t->nr_pieces && t->piece[i].addr < a + bytes) {
		test_tally(&t->bad, "populate %#lx+%#lx: %#lx+%#lx already backed", a, bytes,
				 t->piece[i].addr, t->piece[i].bytes);
		return pmm_hosted_populate(addr, bytes, nid);	/* not counted twice */
	}
	err = pmm_hosted_populate(addr, bytes, nid);
	if (err)
		return err;
	if (test_vmemmap_splice(t, i, i, &p, 1)) {
		test_tally(&t->bad, "no memory to record %#lx+%#lx", a, bytes);
		pmm_hosted_depopulate(addr, bytes);
		return -ENOMEM;
	}
	t->populated += (long long)bytes;
	return 0;
}

/* PMM_VMEMMAP_DEPOPULATE of an instance whose pages are @page bytes */
TVM_HELPER void test_vmemmap_depopulate(struct test_vmemmap *t, unsigned long page,
					void *addr, unsigned long bytes)
{
	unsigned long a = (unsigned long)addr, end = a + bytes;
	struct test_vmemmap_piece rest[2];
	unsigned int i, j, nr = 0;

	if (!bytes || (a | bytes) & (page - 1))
		test_tally(&t->bad, "depopulate %#lx+%#lx not aligned to %#lx", a, bytes, page);
	if (!bytes)
		return;
	i = test_vmemmap_find(t, a);
	if (i < t->nr_pieces && t->piece[i].addr == a && t->piece[i].bytes == bytes) {
		j = i + 1;
	} else if (!t->partial_ok) {
		test_tally(&t->bad, "depopulate %#lx+%#lx: not a piece populated as such",
				 a, bytes);
		return;
	} else {
		/* a stretch of pieces with no gap, cut at both ends */
		unsigned long at = a;

		for (j = i; j < t->nr_pieces && at < end && t->piece[j].addr <= at; j++)
			at = t->piece[j].addr + t->piece[j].bytes;
		if (at < end) {
			test_tally(&t->bad, "depopulate %#lx+%#lx: %#lx not backed", a, bytes, at);
			return;
		}
		if (t->piece[i].addr < a)
			rest[nr++] = (struct test_vmemmap_piece){ t->piece[i].addr,
								  a - t->piece[i].addr };
		if (at > end)
			rest[nr++] = (struct test_vmemmap_piece){ end, at - end };
	}
	if (test_vmemmap_splice(t, i, j, rest, nr)) {
		test_tally(&t->bad, "no memory to record depopulate %#lx+%#lx", a, bytes);
		return;
	}
	t->populated -= (long long)bytes;
	pmm_hosted_depopulate(addr, bytes);
}

/*
 * PMM_VMEMMAP_POPULATE and _DEPOPULATE with a compile-time vmemmap at
 * @base, @span bytes long: there is no reserve call, so the area is
 * known from the first call on.
 */
TVM_HELPER void test_vmemmap_fixed(struct test_vmemmap *t, unsigned long base,
				   unsigned long span)
{
	unsigned int i;

	for (i = 0; i < t->nr_areas; i++)
		if (t->area[i].fixed && t->area[i].base == base) {
			if (t->area[i].bytes < span)
				t->area[i].bytes = span;
			return;
		}
	if (t->nr_areas == TEST_VMEMMAP_MAX_AREAS) {
		test_tally(&t->bad, "fixed area %#lx+%#lx: %u areas already", base, span,
				 t->nr_areas);
		return;
	}
	t->area[t->nr_areas].base = base;
	t->area[t->nr_areas].bytes = span;
	t->area[t->nr_areas].fixed = 1;
	t->area[t->nr_areas].map = NULL;
	t->nr_areas++;
}

TVM_HELPER int test_vmemmap_populate_fixed(struct test_vmemmap *t, unsigned long page,
					   unsigned long base, unsigned long span,
					   void *addr, unsigned long bytes, int nid)
{
	test_vmemmap_fixed(t, base, span);
	return test_vmemmap_populate(t, page, addr, bytes, nid);
}

TVM_HELPER void test_vmemmap_depopulate_fixed(struct test_vmemmap *t, unsigned long page,
					      unsigned long base, unsigned long span,
					      void *addr, unsigned long bytes)
{
	test_vmemmap_fixed(t, base, span);
	test_vmemmap_depopulate(t, page, addr, bytes);
}

/*
 * A failed or undone init, or an exit, holds no vmemmap backing nor
 * address space, and no call broke a rule on the way.
 */
TVM_HELPER void test_vmemmap_check_nothing_held(const struct test_vmemmap *t)
{
	ASSERT_EQ(0, t->populated);
	ASSERT_EQ(0, t->nr_pieces);
	ASSERT_EQ(0, t->live_reservations);
	ASSERT_MSG(!t->bad.count, "%ld bad vmemmap hook calls, the first: %s",
		   t->bad.count, t->bad.first);
}

/* Forget everything, the knobs too (between programs' parts). */
TVM_HELPER void test_vmemmap_reset(struct test_vmemmap *t)
{
	free(t->piece);
	memset(t, 0, sizeof(*t));
}

#endif /* PMM_TEST_VMEMMAP_H */
