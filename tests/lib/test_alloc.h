/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * test_alloc.h - a counting allocator with fault injection, for the hooks
 *
 * Define PMM_ALLOC/PMM_FREE as TEST_ALLOC_HOOKS before each instance:
 *
 *	#define PMM_ALLOC(b, a, n)	test_alloc((b), (a), (n))
 *	#define PMM_FREE(p, b)		test_free((p), (b))
 *
 * test_alloc_fail_at = N makes the Nth allocation from now fail (1-based),
 * so a test can walk N over every allocation an init makes and check that
 * each failure leaves test_alloc_live_blocks and _bytes where they were.
 *
 * test_instance.h gives every instance these hooks unless it asks for
 * others.  A program whose instances write gigabytes of descriptors (the
 * property test) defines TEST_ALLOC_HUGE_MIN before including this: the
 * blocks of at least that many bytes are advised to use huge pages, a few
 * thousand page faults instead of millions.  Only a hint: the memory and
 * its accounting are the same.
 */
#ifndef PMM_TEST_ALLOC_H
#define PMM_TEST_ALLOC_H

#include "../../pmm_hosted.h"

#ifndef TEST_ALLOC_HUGE_MIN
#define TEST_ALLOC_HUGE_MIN	0UL	/* no hint */
#endif

static long test_alloc_live_blocks;
static long long test_alloc_live_bytes;
static long test_alloc_calls;
static long test_alloc_fail_at;

static inline __attribute__((unused)) void *test_alloc(unsigned long bytes,
						      unsigned long align, int nid)
{
	void *p;

	test_alloc_calls++;
	if (test_alloc_fail_at && --test_alloc_fail_at == 0)
		return NULL;
	/* every allocation must be a power-of-two alignment */
	if (!align || (align & (align - 1)))
		abort();
	p = pmm_hosted_alloc(bytes, align, nid);
	if (p) {
		if ((unsigned long)p & (align - 1))
			abort();
		test_alloc_live_blocks++;
		test_alloc_live_bytes += (long long)bytes;
#if TEST_ALLOC_HUGE_MIN
		if (bytes >= TEST_ALLOC_HUGE_MIN)
			madvise(p, bytes, MADV_HUGEPAGE);
#endif
	}
	return p;
}

static inline __attribute__((unused)) void test_free(void *p, unsigned long bytes)
{
	if (!p)
		return;
	test_alloc_live_blocks--;
	test_alloc_live_bytes -= (long long)bytes;
	pmm_hosted_free(p, bytes);
}

#endif /* PMM_TEST_ALLOC_H */
