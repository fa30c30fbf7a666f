// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * fail_alloc.c - the counters of fail_alloc.h (built without it)
 */
#include <stdlib.h>

long fail_alloc_at;
long fail_alloc_live;
long fail_alloc_calls;

static int fail_alloc_now(void)
{
	fail_alloc_calls++;
	return fail_alloc_at && --fail_alloc_at == 0;
}

void *fail_alloc_malloc(size_t n)
{
	void *p;

	if (fail_alloc_now())
		return NULL;
	p = malloc(n);
	fail_alloc_live += p != NULL;
	return p;
}

void *fail_alloc_realloc(void *p, size_t n)
{
	void *q;

	if (fail_alloc_now())
		return NULL;
	q = realloc(p, n);
	fail_alloc_live += q && !p;
	return q;
}

void fail_alloc_free(void *p)
{
	fail_alloc_live -= p != NULL;
	free(p);
}
