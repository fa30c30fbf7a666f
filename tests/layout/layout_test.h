/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * layout_test.h - what the parsers' tests share: test_tools (every text
 * format) and test_fdt (device-tree blobs)
 *
 * A parse from an exact-length heap copy (so that ASan sees a read one
 * byte past the input), the file reader, the expected-entry type, and the
 * walk that fails each allocation of a parse in turn through fail_alloc.c
 * (tests/layout/fail_alloc.h, forced into the parsers' objects).
 */
#ifndef PMM_TESTS_LAYOUT_TEST_H
#define PMM_TESTS_LAYOUT_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "test_dir.h"
#include "tools/layout/layout.h"

/* fail_alloc.c: the parsers' allocator (fail_alloc.h) */
extern long fail_alloc_at, fail_alloc_live, fail_alloc_calls;
void fail_alloc_free(void *p);

#define NAME		"test.in"
#define LAYOUTS		"data/layouts"
#define FIXTURES	"tests/layout/data"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

/* Parse @len bytes of @data as @fmt from an exact-length heap copy; lo zeroed first. */
static inline __attribute__((unused))
int parse(enum layout_format fmt, const void *data, size_t len,
	  struct layout *lo, struct layout_error *err)
{
	char *copy = malloc(len ? len : 1);
	int ret;

	if (!copy)
		abort();
	memcpy(copy, data, len);
	memset(lo, 0, sizeof(*lo));
	memset(err, 0, sizeof(*err));
	ret = layout_parse_as(lo, fmt, copy, len, NAME, err);
	free(copy);
	return ret;
}

/* The whole of the file at @path, malloc'd with a NUL after it; NULL if unreadable. */
static inline __attribute__((unused)) char *read_all(const char *path, size_t *len)
{
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap + 1);
	FILE *f = fopen(path, "rb");

	if (!buf || !f) {
		free(buf);
		if (f)
			fclose(f);
		return NULL;
	}
	for (;;) {
		n += fread(buf + n, 1, cap - n, f);
		if (n < cap)
			break;
		cap *= 2;
		buf = realloc(buf, cap + 1);
		if (!buf)
			abort();
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* What a failed parse must leave: nothing. */
static inline __attribute__((unused)) int is_zeroed(const struct layout *lo)
{
	return !lo->entries && !lo->source && !lo->desc && !lo->nr_entries;
}

/* An entry as a case expects it; node_given -1: either. */
struct want {
	unsigned long long start, end;
	enum layout_type type;
	int node;
	int node_given;
};

#define W(s, e, t)		{ (s), (e), LAYOUT_##t, 0, 0 }
#define WN(s, e, t, n)		{ (s), (e), LAYOUT_##t, (n), 1 }

/*
 * Every allocation of a parse of @data as @fmt, failed in turn: -ENOMEM
 * saying "out of memory", nothing kept, nothing leaked.  A blob has no
 * lines: its error is at line 0.
 */
static inline __attribute__((unused))
void fail_every_alloc(enum layout_format fmt, const void *data, size_t len)
{
	struct layout_error err;
	struct layout lo;
	long n, total;

	fail_alloc_calls = 0;
	ASSERT_EQ(0, parse(fmt, data, len, &lo, &err));
	layout_free(&lo);
	total = fail_alloc_calls;
	ASSERT_TRUE(total > 0);
	for (n = 1; n <= total; n++) {
		int ret;

		fail_alloc_at = n;
		ret = parse(fmt, data, len, &lo, &err);
		fail_alloc_at = 0;
		ASSERT_EQ(-ENOMEM, ret);
		ASSERT_CONTAINS(err.reason, "out of memory");
		if (fmt == LAYOUT_FORMAT_DTB)
			ASSERT_EQ(0, err.line);
		ASSERT_TRUE(is_zeroed(&lo));
		ASSERT_EQ(0, fail_alloc_live);
		if (ret != -ENOMEM) {
			fprintf(stderr, "  allocation %ld of %ld: %d %s\n", n, total, ret, err.reason);
			if (!ret)
				layout_free(&lo);
			break;
		}
	}
}

#endif /* PMM_TESTS_LAYOUT_TEST_H */
