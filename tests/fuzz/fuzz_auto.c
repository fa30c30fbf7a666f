// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * fuzz_auto.c - libFuzzer target: layout_parse_as(AUTO), then what the
 * inspector does with a map: layout_memblock() and layout_write()
 *
 * Besides fuzz.h's checks: the format is the one layout_detect() names;
 * memblock's ranges are sorted, disjoint, not empty, and touch only
 * across nodes; and what layout_write() writes (to /dev/null, and to
 * memory) layout_parse() reads back to the same entries.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static enum layout_format fuzz_detected;

static int fuzz_parse_auto(struct layout *lo, const char *text, size_t len,
			   const char *file, struct layout_error *err)
{
	fuzz_detected = layout_detect(text, len);
	return layout_parse_as(lo, LAYOUT_FORMAT_AUTO, text, len, file, err);
}

static void fuzz_memblock(const struct layout *lo)
{
	struct layout_error err;
	struct pmm_range *r;
	unsigned int nr, i;
	int ret;

	memset(&err, 0, sizeof(err));
	ret = layout_memblock(lo, 12, &r, &nr, &err);
	if (ret) {
		FUZZ_ASSERT(ret == -EINVAL || ret == -ENOMEM || ret == -ERANGE);
		FUZZ_ASSERT(err.reason[0] != '\0' && r == NULL && nr == 0);
		return;
	}
	FUZZ_ASSERT((nr == 0) == (r == NULL));
	for (i = 0; i < nr; i++) {
		FUZZ_ASSERT(r[i].start_pfn < r[i].end_pfn);
		if (!i)
			continue;
		FUZZ_ASSERT(r[i - 1].end_pfn <= r[i].start_pfn);
		if (r[i - 1].end_pfn == r[i].start_pfn)
			FUZZ_ASSERT(r[i - 1].nid != r[i].nid);
	}
	free(r);
}

static void fuzz_write(const struct layout *lo)
{
	static FILE *null;
	struct layout_error err;
	struct layout back;
	size_t len = 0;
	char *buf = NULL;
	unsigned int i;
	FILE *f;

	if (!null)
		null = fopen("/dev/null", "w");
	FUZZ_ASSERT(null != NULL);
	FUZZ_ASSERT(layout_write(null, lo) == 0);

	f = open_memstream(&buf, &len);
	FUZZ_ASSERT(f != NULL);
	FUZZ_ASSERT(layout_write(f, lo) == 0);
	fclose(f);
	memset(&back, 0, sizeof(back));
	FUZZ_ASSERT(layout_parse(&back, buf, len, FUZZ_NAME, &err) == 0);
	FUZZ_ASSERT(back.nr_entries == lo->nr_entries);
	FUZZ_ASSERT(back.arch == lo->arch);
	for (i = 0; i < lo->nr_entries; i++) {
		const struct layout_entry *a = &lo->entries[i], *b = &back.entries[i];

		FUZZ_ASSERT(a->start == b->start && a->end == b->end && a->type == b->type &&
			    a->node == b->node && a->node_given == b->node_given);
	}
	layout_free(&back);
	free(buf);
}

static void fuzz_more(const struct layout *lo)
{
	FUZZ_ASSERT(lo->format == fuzz_detected);
	fuzz_memblock(lo);
	fuzz_write(lo);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* the format fuzz_sane() expects is the detected one */
	fuzz_detected = layout_detect((const char *)data, size);
	fuzz_one(fuzz_parse_auto, fuzz_detected, data, size, fuzz_more);
	return 0;
}
