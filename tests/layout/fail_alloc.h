/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * fail_alloc.h - allocation failures for the parsers of tools/layout
 *
 * tests/layout builds the parsers with -include of this file, so their
 * malloc, realloc and free go through counters: fail_alloc_at = N makes
 * the Nth allocation from now fail (1-based), and fail_alloc_live counts
 * blocks not yet freed, so a test can walk N over every allocation a
 * parse makes and see each failure return -ENOMEM with nothing left.
 */
#ifndef PMM_TESTS_TOOLS_FAIL_ALLOC_H
#define PMM_TESTS_TOOLS_FAIL_ALLOC_H

#include <stddef.h>
#include <stdlib.h>

extern long fail_alloc_at;	/* 0: never */
extern long fail_alloc_live;	/* blocks allocated and not freed */
extern long fail_alloc_calls;

void *fail_alloc_malloc(size_t n);
void *fail_alloc_realloc(void *p, size_t n);
void fail_alloc_free(void *p);

#define malloc(n)	fail_alloc_malloc(n)
#define realloc(p, n)	fail_alloc_realloc((p), (n))
#define free(p)		fail_alloc_free(p)

#endif /* PMM_TESTS_TOOLS_FAIL_ALLOC_H */
