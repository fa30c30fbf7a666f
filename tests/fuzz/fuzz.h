/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * fuzz.h - what every fuzz target of tools/layout checks
 *
 * A parse either fails with -EINVAL or -ENOMEM, a reason and a line that
 * is in the input (0 when no line is to blame), leaving the map zeroed;
 * or it succeeds with a sane map: start <= end, known types, a node only
 * where one is given, and no two RAM entries sharing a byte.  Anything
 * else aborts, and libFuzzer keeps the input.
 */
#ifndef PMM_TESTS_FUZZ_H
#define PMM_TESTS_FUZZ_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pmm_types.h"
#include "tools/layout/layout.h"

#define FUZZ_NAME		"fuzz.in"
#define FUZZ_LINE_UNSET		0xdeadbeefU

/* Say what broke and abort: libFuzzer records the input. */
#define FUZZ_ASSERT(c)								\
	do {									\
		if (!(c)) {							\
			fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #c);	\
			abort();						\
		}								\
	} while (0)

static inline unsigned int fuzz_lines(const uint8_t *data, size_t size)
{
	unsigned int lines = 1;
	size_t i;

	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	return lines;
}

static inline void fuzz_error(int ret, const struct layout *lo,
			      const struct layout_error *err,
			      const uint8_t *data, size_t size)
{
	FUZZ_ASSERT(ret == -EINVAL || ret == -ENOMEM);
	FUZZ_ASSERT(err->reason[0] != '\0');
	FUZZ_ASSERT(memchr(err->reason, '\0', sizeof(err->reason)) != NULL);
	FUZZ_ASSERT(err->line != FUZZ_LINE_UNSET);
	FUZZ_ASSERT(err->line <= fuzz_lines(data, size));
	FUZZ_ASSERT(err->file && !strcmp(err->file, FUZZ_NAME));
	FUZZ_ASSERT(!lo->entries && !lo->source && !lo->desc && !lo->nr_entries);
}

static int fuzz_cmp_start(const void *a, const void *b)
{
	const struct layout_entry *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static inline void fuzz_sane(const struct layout *lo, enum layout_format fmt)
{
	struct layout_entry *ram;
	unsigned int i, nr = 0;

	FUZZ_ASSERT(lo->format == fmt);
	FUZZ_ASSERT(lo->nr_entries == 0 || lo->entries != NULL);
	FUZZ_ASSERT(layout_arch_name(lo->arch) != NULL);
	ram = malloc((lo->nr_entries + 1) * sizeof(*ram));
	FUZZ_ASSERT(ram != NULL);
	for (i = 0; i < lo->nr_entries; i++) {
		const struct layout_entry *e = &lo->entries[i];

		FUZZ_ASSERT(e->start <= e->end);
		FUZZ_ASSERT(layout_type_name(e->type) != NULL);
		FUZZ_ASSERT(e->node >= 0);
		FUZZ_ASSERT(e->node_given == 0 || e->node_given == 1);
		FUZZ_ASSERT(e->node_given || e->node == 0);
		if (e->type == LAYOUT_RAM)
			ram[nr++] = *e;
	}
	qsort(ram, nr, sizeof(*ram), fuzz_cmp_start);
	for (i = 1; i < nr; i++)
		FUZZ_ASSERT(ram[i - 1].end < ram[i].start);
	free(ram);
}

/*
 * Run one parser over the input: check the outcome, and hand a map that
 * was read to @more (may be NULL) before freeing it.
 */
static inline void fuzz_one(int (*parser)(struct layout *, const char *, size_t,
					  const char *, struct layout_error *),
			    enum layout_format fmt, const uint8_t *data, size_t size,
			    void (*more)(const struct layout *))
{
	struct layout_error err;
	struct layout lo;
	int ret;

	memset(&lo, 0, sizeof(lo));
	memset(&err, 0, sizeof(err));
	err.line = FUZZ_LINE_UNSET;
	ret = parser(&lo, (const char *)data, size, FUZZ_NAME, &err);
	if (ret) {
		fuzz_error(ret, &lo, &err, data, size);
		return;
	}
	fuzz_sane(&lo, fmt);
	if (more)
		more(&lo);
	layout_free(&lo);
}

#endif /* PMM_TESTS_FUZZ_H */
