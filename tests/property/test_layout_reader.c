// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_layout_reader.c - the reader of data/layouts/ maps (tools/layout)
 *
 * Well-formed maps and their PFN ranges, every kind of malformed line
 * with the line and reason reported, file errors, and a few thousand
 * seeded mutations of a real map that must be refused or read, never
 * crash (the build runs ASan and UBSan).  Texts are copied to buffers of
 * their exact length, so reading past the end is caught too.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* for struct pmm_range */
#include "pmm_types.h"
#include "test.h"
#include "test_args.h"
#include "test_rand.h"
#include "tools/layout/layout.h"

#define NAME	"test.txt"

/* Parse @text from an exact-length heap copy; lo is left zeroed on failure. */
static int parse(const char *text, size_t len, struct layout *lo,
		 struct layout_error *err)
{
	char *copy = malloc(len ? len : 1);
	int ret;

	if (!copy)
		abort();
	memcpy(copy, text, len);
	memset(lo, 0, sizeof(*lo));
	memset(err, 0, sizeof(*err));
	ret = layout_parse(lo, copy, len, NAME, err);
	free(copy);
	return ret;
}

static int parse_str(const char *text, struct layout *lo, struct layout_error *err)
{
	return parse(text, strlen(text), lo, err);
}

/*
 * Headers, comments, blank lines, CRLF, tabs, hex with and without 0x in
 * either case, with and without a node: everything lands where it should.
 */
static int parse_well_formed(void)
{
	static const char text[] =
		"# source: a machine\r\n"
		"#   arch:   arm64  \n"
		"# desc: one line: with a colon\n"
		"\n"
		"# a comment: that is not a header\n"
		"#\n"
		"0x0000000080000000 0x00000000BFFFFFFF ram\n"
		"  c0000000\t0xc00fffff   reserved 3 \r\n"
		"0x100000000 0x1ffffffff ram 1\n"
		"0x200000000 0x2000fffff soft-reserved\n"
		"0x300000000 0x3ffffffff pmem 2";	/* no final newline */
	struct layout_error err;
	struct layout lo;

	ASSERT_EQ(0, parse(text, sizeof(text) - 1, &lo, &err));
	ASSERT_EQ(LAYOUT_ARCH_ARM64, lo.arch);
	ASSERT_TRUE(lo.source && !strcmp(lo.source, "a machine"));
	ASSERT_TRUE(lo.desc && !strcmp(lo.desc, "one line: with a colon"));
	ASSERT_EQ(5, lo.nr_entries);
	if (lo.nr_entries == 5) {
		ASSERT_EQ(0x80000000ULL, lo.entries[0].start);
		ASSERT_EQ(0xbfffffffULL, lo.entries[0].end);
		ASSERT_EQ(LAYOUT_RAM, lo.entries[0].type);
		ASSERT_EQ(0, lo.entries[0].node);
		ASSERT_EQ(7, lo.entries[0].line);
		ASSERT_EQ(0xc0000000ULL, lo.entries[1].start);
		ASSERT_EQ(0xc00fffffULL, lo.entries[1].end);
		ASSERT_EQ(LAYOUT_RESERVED, lo.entries[1].type);
		ASSERT_EQ(3, lo.entries[1].node);
		ASSERT_EQ(1, lo.entries[2].node);
		ASSERT_EQ(LAYOUT_SOFT_RESERVED, lo.entries[3].type);
		ASSERT_EQ(LAYOUT_PMEM, lo.entries[4].type);
		ASSERT_EQ(0x3ffffffffULL, lo.entries[4].end);
		ASSERT_EQ(11, lo.entries[4].line);
	}
	layout_free(&lo);
	return 0;
}

/* Only ram is RAM; other types may overlap RAM and each other. */
static int parse_overlapping_non_ram(void)
{
	static const char text[] =
		"0x0 0x1fff ram\n"
		"0x1000 0x1fff reserved\n"
		"0x1000 0x2fff acpi\n";
	struct layout_error err;
	struct layout lo;

	ASSERT_EQ(0, parse_str(text, &lo, &err));
	ASSERT_EQ(3, lo.nr_entries);
	ASSERT_EQ(LAYOUT_ARCH_NONE, lo.arch);
	ASSERT_TRUE(lo.source == NULL);
	layout_free(&lo);
	return 0;
}

static int parse_empty(void)
{
	struct layout_error err;
	struct pmm_range *r;
	struct layout lo;
	unsigned int nr;

	ASSERT_EQ(0, parse("", 0, &lo, &err));
	ASSERT_EQ(0, lo.nr_entries);
	ASSERT_EQ(0, layout_ram_ranges(&lo, 12, &r, &nr));
	ASSERT_TRUE(r == NULL);
	ASSERT_EQ(0, nr);
	layout_free(&lo);
	return 0;
}

/*
 * Trimming inward to whole pages, as memblock: a start rounds up, an end
 * (inclusive) rounds down to the last whole page; a range with no whole
 * page goes; non-RAM is left out; the file's order and nodes stay.
 */
static int ram_ranges_trim(void)
{
	static const char text[] =
		"0x100000 0x1fffff ram 1\n"		/* aligned */
		"0x100 0x9ffff ram 0\n"			/* start mid-page */
		"0x200000 0x2fffff reserved\n"
		"0x300000 0x3017ff ram\n"		/* end mid-page */
		"0x400800 0x400fff ram\n"		/* no whole page */
		"0x500800 0x501fff ram 2\n"		/* one whole page */
		"0xfffffffffffff000 0xffffffffffffffff ram 3\n";
	struct layout_error err;
	struct pmm_range *r;
	struct layout lo;
	unsigned int nr;

	ASSERT_EQ(0, parse_str(text, &lo, &err));
	/* the top page's PFN does not fit a 32-bit unsigned long */
	ASSERT_EQ(sizeof(long) == 8 ? 0 : -ERANGE, layout_ram_ranges(&lo, 12, &r, &nr));
	ASSERT_EQ(sizeof(long) == 8 ? 5 : 0, nr);
	if (nr == 5) {
		ASSERT_EQ(0x100, r[0].start_pfn);
		ASSERT_EQ(0x200, r[0].end_pfn);
		ASSERT_EQ(1, r[0].nid);
		ASSERT_EQ(0x1, r[1].start_pfn);
		ASSERT_EQ(0xa0, r[1].end_pfn);
		ASSERT_EQ(0, r[1].nid);
		ASSERT_EQ(0x300, r[2].start_pfn);
		ASSERT_EQ(0x301, r[2].end_pfn);
		ASSERT_EQ(0x501, r[3].start_pfn);
		ASSERT_EQ(0x502, r[3].end_pfn);
		ASSERT_EQ(2, r[3].nid);
		/* the top of a 64-bit space: the inclusive end does not wrap */
		ASSERT_EQ(0xfffffffffffffUL, r[4].start_pfn);
		ASSERT_EQ(0x10000000000000UL, r[4].end_pfn);
		ASSERT_EQ(3, r[4].nid);
	}
	free(r);

	/*
	 * 64 KiB pages: more is trimmed; the small pieces go, and so does the
	 * top page, whose start would round up past 2^64
	 */
	ASSERT_EQ(0, layout_ram_ranges(&lo, 16, &r, &nr));
	ASSERT_EQ(2, nr);
	if (nr == 2) {
		ASSERT_EQ(0x10, r[0].start_pfn);
		ASSERT_EQ(0x20, r[0].end_pfn);
		ASSERT_EQ(0x1, r[1].start_pfn);
		ASSERT_EQ(0xa, r[1].end_pfn);
	}
	free(r);

	ASSERT_EQ(-EINVAL, layout_ram_ranges(&lo, 0, &r, &nr));
	ASSERT_EQ(-EINVAL, layout_ram_ranges(&lo, 64, &r, &nr));
	ASSERT_TRUE(r == NULL);
	ASSERT_EQ(0, nr);
	layout_free(&lo);
	return 0;
}

/* A map whose RAM all trims away has no ranges, and that is not an error. */
static int ram_ranges_none_left(void)
{
	struct layout_error err;
	struct pmm_range *r;
	struct layout lo;
	unsigned int nr;

	ASSERT_EQ(0, parse_str("0x800 0xfff ram\n0x0 0xfff reserved\n", &lo, &err));
	ASSERT_EQ(0, layout_ram_ranges(&lo, 12, &r, &nr));
	ASSERT_TRUE(r == NULL);
	ASSERT_EQ(0, nr);
	layout_free(&lo);
	return 0;
}

struct bad_map {
	const char *text;
	size_t len;		/* 0: strlen(text) */
	unsigned int line;
	const char *reason;	/* a piece of the reason */
};

static const struct bad_map bad_maps[] = {
	{ "0x1000 0x1fff\n", 0, 1, "found 2 fields" },
	{ "\n\nram\n", 0, 3, "found 1 field" },
	{ "0x1000 0x1fff ram 0 extra\n", 0, 1, "more than 4 fields" },
	{ "0x10g0 0x1fff ram\n", 0, 1, "start '0x10g0' is not a hex address" },
	{ "0x 0x1fff ram\n", 0, 1, "start '0x' is not a hex address" },
	{ "-0x1000 0x1fff ram\n", 0, 1, "not a hex address" },
	{ "0x1000 1fffz ram\n", 0, 1, "end '1fffz' is not a hex address" },
	{ "0x10000000000000000 0x1 ram\n", 0, 1, "does not fit in 64 bits" },
	{ "0x1000 0x1fffffffffffffffff ram\n", 0, 1, "end '0x1fffffffffffffffff' does not fit" },
	{ "# arch: x86_64\n0x2000 0x1fff ram\n", 0, 2, "start 0x2000 is above end 0x1fff" },
	{ "0x1000 0x1fff rom\n", 0, 1, "unknown type 'rom'" },
	{ "0x1000 0x1fff RAM\n", 0, 1, "unknown type 'RAM'" },
	{ "0x1000 0x1fff ram -1\n", 0, 1, "node '-1' is not a decimal number" },
	{ "0x1000 0x1fff ram 1x\n", 0, 1, "node '1x' is not a decimal number" },
	{ "0x1000 0x1fff ram 2147483648\n", 0, 1, "node '2147483648' is too large" },
	{ "# arch: vax\n", 0, 1, "unknown arch 'vax'" },
	{ "# arch:\n", 0, 1, "unknown arch ''" },
	{ "# arch: x86_64\n# desc: a\n# arch: arm64\n", 0, 3,
	  "second '# arch:' line (the first is line 1)" },
	{ "# source: a\n# source: b\n", 0, 2, "second '# source:' line" },
	{ "0x0 0xfff ram\n0x1000 0x1fff ram\0 0\n", 35, 2, "NUL byte" },
	{ "0x0 0x1fff ram\n0x1000 0x2fff ram 1\n", 0, 2,
	  "ram 0x1000-0x2fff overlaps ram 0x0-0x1fff on line 1" },
	/* the later line is blamed even where it holds the lower range */
	{ "0x1000 0x2fff ram\n# c\n0x0 0x1000 ram\n", 0, 3,
	  "ram 0x0-0x1000 overlaps ram 0x1000-0x2fff on line 1" },
	{ "0x0 0xffffffffffffffff ram\n0x5 0x5 ram\n", 0, 2, "overlaps" },
	/* unprintable bytes are not echoed, long fields are cut */
	{ "0x1000 0x1fff r\x1b[2Jm\n", 0, 1, "unknown type 'r?[2Jm'" },
	{ "0x1000 0x1fff abcdefghijklmnopqrstuvwxyz0123\n", 0, 1,
	  "'abcdefghijklmnopqrstuvwx...'" },
};

/* Every malformed line is refused with its file, line and reason. */
static int parse_malformed(void)
{
	unsigned int i;

	for (i = 0; i < sizeof(bad_maps) / sizeof(bad_maps[0]); i++) {
		const struct bad_map *b = &bad_maps[i];
		size_t len = b->len ? b->len : strlen(b->text);
		struct layout_error err;
		struct layout lo;
		int ret = parse(b->text, len, &lo, &err);

		ASSERT_EQ(-EINVAL, ret);
		ASSERT_EQ(b->line, err.line);
		ASSERT_TRUE(err.file && !strcmp(err.file, NAME));
		ASSERT_CONTAINS(err.reason, b->reason);
		/* nothing is handed back */
		ASSERT_TRUE(lo.entries == NULL && lo.source == NULL);
		if (test_case_failed && !strstr(err.reason, b->reason))
			fprintf(stderr, "  map %u: reason \"%s\", expected \"%s\"\n",
				i, err.reason, b->reason);
	}
	return 0;
}

static int print_error(void)
{
	struct layout_error err = { "maps/x.txt", 7, "bad" };
	char buf[64] = "";
	FILE *f;

	f = fmemopen(buf, sizeof(buf), "w");
	ASSERT_TRUE(f != NULL);
	if (f) {
		layout_print_error(f, &err);
		err.line = 0;
		layout_print_error(f, &err);
		fclose(f);
	}
	ASSERT_EQ(0, strcmp(buf, "maps/x.txt:7: bad\nmaps/x.txt: bad\n"));
	return 0;
}

static int names(void)
{
	int i;

	for (i = 0; i < LAYOUT_NR_TYPES; i++)
		ASSERT_TRUE(layout_type_name((enum layout_type)i) != NULL);
	ASSERT_EQ(0, strcmp(layout_type_name(LAYOUT_SOFT_RESERVED), "soft-reserved"));
	ASSERT_TRUE(layout_type_name(LAYOUT_NR_TYPES) == NULL);
	ASSERT_EQ(0, strcmp(layout_arch_name(LAYOUT_ARCH_S390X), "s390x"));
	ASSERT_EQ(0, strcmp(layout_arch_name(LAYOUT_ARCH_NONE), "none"));
	ASSERT_TRUE(layout_arch_name(LAYOUT_NR_ARCHES) == NULL);
	return 0;
}

/* A temporary file with @len bytes of @text, or of zeroes when NULL. */
static int temp_file(char *path, const char *text, size_t len)
{
	int fd;

	strcpy(path, "/tmp/pmm-layout-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0)
		return -1;
	if (text ? write(fd, text, len) != (ssize_t)len : ftruncate(fd, (off_t)len)) {
		close(fd);
		unlink(path);
		return -1;
	}
	close(fd);
	return 0;
}

static int read_file(void)
{
	static const char text[] = "# arch: s390x\n0x0 0xee3fffff ram\n0x1 0x2 nvs\n";
	static const char bad[] = "# arch: arm64\n\n0x0 0x1 ram 0 0\n";
	struct layout_error err;
	struct layout lo;
	char path[64];

	ASSERT_EQ(0, temp_file(path, text, sizeof(text) - 1));
	ASSERT_EQ(0, layout_read_file(&lo, path, &err));
	ASSERT_EQ(LAYOUT_ARCH_S390X, lo.arch);
	ASSERT_EQ(2, lo.nr_entries);
	layout_free(&lo);
	unlink(path);

	/* errors name the file, on no line */
	memset(&lo, 0, sizeof(lo));
	ASSERT_EQ(-ENOENT, layout_read_file(&lo, "/nonexistent/map.txt", &err));
	ASSERT_EQ(0, err.line);
	ASSERT_EQ(0, strcmp(err.file, "/nonexistent/map.txt"));
	ASSERT_CONTAINS(err.reason, "cannot open");
	ASSERT_TRUE(lo.entries == NULL);

	ASSERT_EQ(-EISDIR, layout_read_file(&lo, "/tmp", &err));
	ASSERT_CONTAINS(err.reason, "cannot read");

	/* a malformed file reports its line */
	ASSERT_EQ(0, temp_file(path, bad, strlen(bad)));
	ASSERT_EQ(-EINVAL, layout_read_file(&lo, path, &err));
	ASSERT_EQ(3, err.line);
	ASSERT_EQ(0, strcmp(err.file, path));
	unlink(path);

	/* anything past 64 MiB is not a memory map (a sparse file: no disk) */
	ASSERT_EQ(0, temp_file(path, NULL, (64UL << 20) + 1));
	ASSERT_EQ(-EFBIG, layout_read_file(&lo, path, &err));
	unlink(path);
	return 0;
}

/*
 * A few thousand seeded mutations of a real map: every one is read or
 * refused with a line inside the text and a reason; what is read holds
 * only sane entries.
 */
static int parse_mutations(void)
{
	static const char seed_map[] =
		"# source: linuxhw\n"
		"# arch: x86_64\n"
		"# desc: a laptop\n"
		"0x0000000000000000 0x000000000009efff ram\n"
		"0x000000000009f000 0x00000000000fffff reserved\n"
		"0x0000000000100000 0x0000000039f98fff ram 0\n"
		"0x0000000045c00000 0x0000000049ffffff soft-reserved\n"
		"0x0000000100000000 0x00000004afbfffff ram 1\n";
	static const char alphabet[] = "0x123abcfgXram #:\n\r\t\0-";
	char buf[sizeof(seed_map) + 64];
	unsigned int round, refused = 0;
	struct test_rand rng;

	test_rand_init(&rng, 0x6c61796f7574ULL, 0);	/* "layout" */

	for (round = 0; round < 4000; round++) {
		size_t len = sizeof(seed_map) - 1;
		unsigned int k, edits = 1 + round % 4, lines = 1;
		struct layout_error err;
		struct layout lo;
		int ret;

		memcpy(buf, seed_map, len);
		for (k = 0; k < edits && len; k++) {
			size_t at;

			char c;

			at = (size_t)test_rand_below(&rng, len);
			c = alphabet[test_rand_below(&rng, sizeof(alphabet) - 1)];
			switch (test_rand_below(&rng, 3)) {
			case 0:		/* overwrite */
				buf[at] = c;
				break;
			case 1:		/* insert */
				if (len < sizeof(buf)) {
					memmove(buf + at + 1, buf + at, len - at);
					buf[at] = c;
					len++;
				}
				break;
			default:	/* cut */
				len = at;
				break;
			}
		}
		for (k = 0; k < len; k++)
			lines += buf[k] == '\n';
		ret = parse(buf, len, &lo, &err);
		if (ret) {
			refused++;
			ASSERT_EQ(-EINVAL, ret);
			ASSERT_TRUE(err.line >= 1 && err.line <= lines);
			ASSERT_TRUE(err.reason[0] != '\0');
			continue;
		}
		for (k = 0; k < lo.nr_entries; k++) {
			ASSERT_TRUE(lo.entries[k].start <= lo.entries[k].end);
			ASSERT_TRUE(layout_type_name(lo.entries[k].type) != NULL);
			ASSERT_TRUE(lo.entries[k].node >= 0);
		}
		{
			struct pmm_range *r;
			unsigned int nr, i;

			ret = layout_ram_ranges(&lo, 12, &r, &nr);
			/* a 32-bit unsigned long cannot hold PFNs from 2^32 up */
			if (sizeof(long) < 8 && ret == -ERANGE)
				ret = 0;
			ASSERT_EQ(0, ret);
			for (i = 0; i < nr; i++)
				ASSERT_TRUE(r[i].start_pfn < r[i].end_pfn);
			free(r);
		}
		layout_free(&lo);
	}
	/* the mutations must reach both outcomes, or they test little */
	ASSERT_TRUE(refused > 400);
	ASSERT_TRUE(refused < 3600);
	return 0;
}

static struct test_args args = {
	.about = "the reader of data/layouts/ maps (tools/layout)",
};

int main(int argc, char **argv)
{
	test_parse_args(&args, argc, argv);
	RUN(parse_well_formed);
	RUN(parse_overlapping_non_ram);
	RUN(parse_empty);
	RUN(ram_ranges_trim);
	RUN(ram_ranges_none_left);
	RUN(parse_malformed);
	RUN(print_error);
	RUN(names);
	RUN(read_file);
	RUN(parse_mutations);
	return test_summary("test_layout_reader");
}
