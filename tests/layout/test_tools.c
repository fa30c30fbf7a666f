// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_tools.c - the memory-map parsers of tools/layout
 *
 * The check data/layouts/README.md offers (every .src of data/layouts,
 * detected as a kernel log, parses to exactly the entries of the .txt
 * beside it), then
 * named cases with exact entries for each format and each composition
 * rule of the dmesg parser, malformed input of every kind with the line
 * and reason it must give, every allocation failure of every fixture,
 * layout_memblock(), layout_write() round trips, detection, this
 * machine's /proc/iomem against /sys/firmware/memmap, and seeded
 * mutations of every fixture (-s SEED -n OPS) that must be read sanely or
 * refused, never crash.  Texts are parsed from heap copies of their exact
 * length, so a read past the end is caught (ASan, UBSan).
 *
 *	build/layout/test_tools [-v] [-s SEED] [-n OPS] [-t TMPDIR]
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pmm_types.h"
#include "layout_test.h"

static unsigned long long opt_seed = 0x746f6f6c73ULL;
static unsigned long opt_ops = 200000;
static const char *opt_tmp = "build/layout/tmp";

/* ---- helpers ---- */

static int parse_str(enum layout_format fmt, const char *text, struct layout *lo,
		     struct layout_error *err)
{
	return parse(fmt, text, strlen(text), lo, err);
}

/* @lo was read as @fmt, on @arch, to exactly the entries @w. */
static void expect_layout(const struct layout *lo, enum layout_format fmt,
			  enum layout_arch arch, const struct want *w, unsigned int nr)
{
	unsigned int i;

	ASSERT_EQ(fmt, lo->format);
	ASSERT_EQ(arch, lo->arch);
	ASSERT_EQ(nr, lo->nr_entries);
	for (i = 0; i < nr && i < lo->nr_entries; i++) {
		const struct layout_entry *e = &lo->entries[i];
		int bad = 0;

		ASSERT_EQ(w[i].start, e->start);
		ASSERT_EQ(w[i].end, e->end);
		ASSERT_EQ(w[i].type, e->type);
		ASSERT_EQ(w[i].node, e->node);
		if (w[i].node_given >= 0)
			ASSERT_EQ(w[i].node_given, e->node_given);
		bad = w[i].start != e->start || w[i].end != e->end || w[i].type != e->type ||
		      w[i].node != e->node;
		if (bad)
			fprintf(stderr, "  entry %u: 0x%llx-0x%llx %s %d\n", i, e->start, e->end,
				layout_type_name(e->type), e->node);
	}
}

/*
 * @len bytes of @text (0: strlen) must read as @fmt (not AUTO), whether
 * named or detected, to exactly @w on @arch, under the name it was given.
 * With @keep, the detected parse is left there for the caller's own checks
 * and 0 returned (the caller frees it); -1: it was refused or read another
 * number of entries, and nothing is kept.
 */
static int expect_parse(enum layout_format fmt, const char *text, size_t len,
			enum layout_arch arch, const struct want *w, unsigned int nr,
			struct layout *keep)
{
	const enum layout_format as[] = { fmt, LAYOUT_FORMAT_AUTO };
	struct layout_error err;
	struct layout lo;
	unsigned int k;
	int ret = 0;

	if (!len)
		len = strlen(text);
	for (k = 0; k < ARRAY_SIZE(as); k++) {
		if (k)
			layout_free(&lo);
		ret = parse(as[k], text, len, &lo, &err);
		ASSERT_EQ(0, ret);
		if (ret) {
			fprintf(stderr, "  as %s: ", layout_format_name(as[k]));
			layout_print_error(stderr, &err);
		}
		ASSERT_TRUE(lo.file && !strcmp(lo.file, NAME));
		expect_layout(&lo, fmt, arch, w, nr);
	}
	ret = ret || lo.nr_entries != nr ? -1 : 0;
	if (keep && !ret)
		*keep = lo;
	else
		layout_free(&lo);
	return ret;
}

/* The same entries (start, end, type, node), as the acceptance test wants. */
static void expect_same(const struct layout *got, const struct layout *want)
{
	unsigned int i;

	ASSERT_EQ(want->nr_entries, got->nr_entries);
	for (i = 0; i < want->nr_entries && i < got->nr_entries; i++) {
		const struct layout_entry *a = &want->entries[i], *b = &got->entries[i];

		if (a->start == b->start && a->end == b->end && a->type == b->type &&
		    a->node == b->node)
			continue;
		ASSERT_EQ(a->start, b->start);
		ASSERT_EQ(a->end, b->end);
		ASSERT_EQ(a->type, b->type);
		ASSERT_EQ(a->node, b->node);
		fprintf(stderr, "  entry %u: want 0x%llx-0x%llx %s %d, got 0x%llx-0x%llx %s %d\n",
			i, a->start, a->end, layout_type_name(a->type), a->node,
			b->start, b->end, layout_type_name(b->type), b->node);
		break;
	}
}

/* Sane: ordered ranges, known types, RAM disjoint; memblock sorted, disjoint. */
static void expect_sane(const struct layout *lo)
{
	struct layout_error err;
	struct pmm_range *r;
	unsigned int i, j, nr;

	for (i = 0; i < lo->nr_entries; i++) {
		const struct layout_entry *a = &lo->entries[i];

		ASSERT_TRUE(a->start <= a->end);
		ASSERT_TRUE(layout_type_name(a->type) != NULL);
		ASSERT_TRUE(a->node >= 0);
		ASSERT_TRUE(a->node_given || a->node == 0);
		if (a->type != LAYOUT_RAM || lo->nr_entries > 2000)
			continue;
		for (j = i + 1; j < lo->nr_entries; j++) {
			const struct layout_entry *b = &lo->entries[j];

			if (b->type == LAYOUT_RAM)
				ASSERT_TRUE(b->end < a->start || b->start > a->end);
		}
	}
	if (layout_memblock(lo, 12, &r, &nr, &err) == 0) {
		for (i = 0; i < nr; i++) {
			ASSERT_TRUE(r[i].start_pfn < r[i].end_pfn);
			if (i)
				ASSERT_TRUE(r[i - 1].end_pfn <= r[i].start_pfn);
			if (i && r[i - 1].end_pfn == r[i].start_pfn)
				ASSERT_TRUE(r[i - 1].nid != r[i].nid);
		}
		fail_alloc_free(r);
	} else {
		ASSERT_TRUE(err.reason[0] != '\0');
	}
}

/*
 * @len bytes of @text (0: strlen) must be refused as @fmt: -EINVAL, on
 * @line, for a reason holding @reason, under the name it was given, with
 * nothing handed back or left allocated.  @err (may be NULL) is left for
 * the caller's own checks.  Returns -1 where it was not so.
 */
static int expect_refused(enum layout_format fmt, const char *text, size_t len,
			  unsigned int line, const char *reason, struct layout_error *err)
{
	struct layout_error local;
	struct layout lo;
	int ret, ok;

	if (!err)
		err = &local;
	ret = parse(fmt, text, len ? len : strlen(text), &lo, err);
	ASSERT_EQ(-EINVAL, ret);
	ASSERT_EQ(line, err->line);
	ASSERT_TRUE(err->file && !strcmp(err->file, NAME));
	ASSERT_TRUE(is_zeroed(&lo));
	ok = ret == -EINVAL && err->line == line && strstr(err->reason, reason);
	ASSERT_TRUE(ok);
	if (!ok)
		fprintf(stderr, "  as %s: ret %d line %u reason \"%s\", expected line %u \"%s\"\n",
			layout_format_name(fmt), ret, err->line, err->reason, line, reason);
	if (!ret)
		layout_free(&lo);
	ASSERT_EQ(0, fail_alloc_live);
	return ok ? 0 : -1;
}

/* A malformed text: the error, its line and a piece of its reason. */
struct bad {
	const char *text;
	size_t len;		/* 0: strlen(text) */
	unsigned int line;
	const char *reason;
};

static void expect_bad(enum layout_format fmt, const struct bad *b, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		if (expect_refused(fmt, b[i].text, b[i].len, b[i].line, b[i].reason, NULL))
			fprintf(stderr, "  (%s text %u)\n", layout_format_name(fmt), i);
}

/* The files of @dir ending in @ext (test_dir.h); one that cannot be read ends the run. */
static char **list_dir(const char *dir, const char *ext)
{
	char **names = test_list_dir(dir, ext);

	if (!names)
		abort();
	return names;
}

/* "x/y.src" with ".txt" for its extension. */
static char *with_ext(const char *path, const char *ext)
{
	const char *dot = strrchr(path, '.');
	size_t n = dot ? (size_t)(dot - path) : strlen(path);
	char *s = malloc(n + strlen(ext) + 1);

	if (!s)
		abort();
	memcpy(s, path, n);
	strcpy(s + n, ext);
	return s;
}

/* ---- the acceptance test: every .src to its .txt ---- */

static const char *cur_path;

static void check_fixture(enum layout_format fmt)
{
	struct layout got, want;
	struct layout_error err;
	char *txt = with_ext(cur_path, ".txt");
	size_t len;
	char *text = read_all(cur_path, &len);
	int ret;

	ASSERT_TRUE(text != NULL);
	if (!text) {
		free(txt);
		return;
	}
	ASSERT_EQ(fmt, layout_detect(text, len));
	ret = parse(LAYOUT_FORMAT_AUTO, text, len, &got, &err);
	ASSERT_EQ(0, ret);
	if (ret)
		fprintf(stderr, "  %s: ", cur_path), layout_print_error(stderr, &err);
	ASSERT_EQ(0, layout_read_file(&want, txt, &err));
	if (!ret) {
		ASSERT_EQ(fmt, got.format);
		expect_same(&got, &want);
		expect_sane(&got);
		layout_free(&got);
	}
	layout_free(&want);
	ASSERT_EQ(0, fail_alloc_live);
	free(text);
	free(txt);
}

static int case_src(void)
{
	check_fixture(LAYOUT_FORMAT_DMESG);
	return 0;
}

static int case_fixture(void)
{
	static const struct {
		const char *ext;
		enum layout_format fmt;
	} exts[] = {
		{ ".dts", LAYOUT_FORMAT_DTS }, { ".iomem", LAYOUT_FORMAT_IOMEM },
		{ ".memmap", LAYOUT_FORMAT_MEMMAP }, { ".dmesg", LAYOUT_FORMAT_DMESG },
	};
	const char *dot = strrchr(cur_path, '.');
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(exts); i++)
		if (dot && !strcmp(dot, exts[i].ext))
			check_fixture(exts[i].fmt);
	return 0;
}

static void run_files(const char *dir, const char *ext, int (*fn)(void), unsigned int min)
{
	char **names = list_dir(dir, ext), **p;
	unsigned int n = 0;

	for (p = names; *p; p++, n++) {
		cur_path = *p;
		run_case(strrchr(*p, '/') + 1, fn);
	}
	if (n < min) {
		fprintf(stderr, "FAIL: %u %s files in %s, expected at least %u\n", n, ext, dir, min);
		test_failed++;
	}
	test_free_list(names);
}

/* ---- dmesg ---- */

/* The old form: 16 hex digits, exclusive end, the type in parentheses. */
static int dmesg_e820_old_form(void)
{
	static const char text[] =
		"Linux version 2.6.18-8.el5 (brewbuilder@hs20-bc1-7.build.redhat.com) (gcc version 4.1.1 20070105 (Red Hat 4.1.1-52)) #1 SMP Fri Jan 26 14:15:14 EST 2007\n"
		"BIOS-provided physical RAM map:\n"
		" BIOS-e820: 0000000000000000 - 000000000009fc00 (usable)\n"
		" BIOS-e820: 000000000009fc00 - 00000000000a0000 (reserved)\n"
		" BIOS-e820: 00000000000e8000 - 0000000000100000 (reserved)\n"
		" BIOS-e820: 0000000000100000 - 000000003fff0000 (usable)\n"
		" BIOS-e820: 000000003fff0000 - 000000003fff3000 (ACPI NVS)\n"
		" BIOS-e820: 000000003fff3000 - 0000000040000000 (ACPI data)\n"
		" BIOS-e820: 00000000fec00000 - 00000000fec01000 (type 20)\n"
		" BIOS-e820: 00000000fee00000 - 00000000fee01000 type 20\n"
		" BIOS-e820: 00000000ffff0000 - 0000000100000000 (unusable)\n";
	static const struct want w[] = {
		W(0x0, 0x9fbff, RAM),
		W(0x9fc00, 0x9ffff, RESERVED),
		W(0xe8000, 0xfffff, RESERVED),
		W(0x100000, 0x3ffeffff, RAM),
		W(0x3fff0000, 0x3fff2fff, NVS),
		W(0x3fff3000, 0x3fffffff, ACPI),
		W(0xfec00000, 0xfec00fff, RESERVED),
		W(0xfee00000, 0xfee00fff, RESERVED),
		W(0xffff0000, 0xffffffff, UNUSABLE),
	};
	struct layout lo;

	if (expect_parse(LAYOUT_FORMAT_DMESG, text, 0, LAYOUT_ARCH_NONE, w, ARRAY_SIZE(w), &lo))
		return 0;
	ASSERT_TRUE(lo.source && !strcmp(lo.source, "dmesg"));
	ASSERT_EQ(3, lo.entries[0].line);
	layout_free(&lo);
	return 0;
}

/* Every type word, the 7.x names, [gap] lines and line prefixes. */
static int dmesg_e820_types(void)
{
	static const char text[] =
		"<6>[    0.000000] Linux version 7.1.0 (gcc (Debian 14.2.0-19) 14.2.0) #3 SMP x86_64\n"
		"[    0.000000] BIOS-e820: [mem 0x0000000000000000-0x000000000009efff]  System RAM\n"
		"[    0.000000] BIOS-e820: [mem 0x000000000009f000-0x00000000000fffff]  device reserved\n"
		"[    0.000000] BIOS-e820: [gap 0x0000000000100000-0x00000000001fffff]\n"
		"Sep 05 21:07:32 host kernel: BIOS-e820: [mem 0x0000000000200000-0x00000000002fffff] usable\n"
		"\tBIOS-e820: [mem 0x0000000000300000-0x00000000003fffff] reserved\n"
		"> BIOS-e820: [mem 0x0000000000400000-0x00000000004fffff] soft reserved\n"
		"BIOS-e820: [mem 0x0000000000500000-0x00000000005fffff] ACPI data\r\n"
		"BIOS-e820: [mem 0x0000000000600000-0x00000000006fffff] ACPI NVS\n"
		"BIOS-e820: [mem 0x0000000000700000-0x00000000007fffff] unusable\n"
		"BIOS-e820: [mem 0x0000000000800000-0x00000000008fffff] persistent (type 7)\n"
		"BIOS-e820: [mem 0x0000000000900000-0x00000000009fffff]  persistent RAM (type 12)\n"
		"BIOS-e820: [mem 0x0000000000a00000-0x0000000000afffff] type 20\n"
		"BIOS-e820: [mem 0x0000000000b00000-0x0000000000bfffff] type 4294967295\n";
	static const struct want w[] = {
		W(0x0, 0x9efff, RAM),
		W(0x9f000, 0xfffff, RESERVED),
		W(0x200000, 0x2fffff, RAM),
		W(0x300000, 0x3fffff, RESERVED),
		W(0x400000, 0x4fffff, SOFT_RESERVED),
		W(0x500000, 0x5fffff, ACPI),
		W(0x600000, 0x6fffff, NVS),
		W(0x700000, 0x7fffff, UNUSABLE),
		W(0x800000, 0x8fffff, PMEM),
		W(0x900000, 0x9fffff, PMEM),
		W(0xa00000, 0xafffff, RESERVED),
		W(0xb00000, 0xbfffff, RESERVED),
	};
	expect_parse(LAYOUT_FORMAT_DMESG, text, 0, LAYOUT_ARCH_X86_64, w, ARRAY_SIZE(w), NULL);
	return 0;
}

/*
 * Overlapping entries are sanitised as e820__update_table(): the larger
 * type number wins where they overlap, neighbours of one type join (not
 * soft reserved), pieces come out in address order.
 */
static int dmesg_e820_sanitised(void)
{
	static const char text[] =
		"BIOS-e820: [mem 0x0000000000100000-0x000000000fffffff] usable\n"
		"BIOS-e820: [mem 0x0000000000000000-0x000000000009ffff] usable\n"
		"BIOS-e820: [mem 0x0000000000080000-0x00000000000fffff] reserved\n"
		"BIOS-e820: [mem 0x0000000001000000-0x0000000001ffffff] ACPI NVS\n"
		"BIOS-e820: [mem 0x0000000001800000-0x00000000027fffff] ACPI data\n"
		"BIOS-e820: [mem 0x0000000008000000-0x0000000008ffffff] type 20\n"
		"BIOS-e820: [mem 0x0000000010000000-0x000000001fffffff] usable\n"
		"BIOS-e820: [mem 0x0000000030000000-0x000000003fffffff] soft reserved\n"
		"BIOS-e820: [mem 0x0000000040000000-0x000000004fffffff] soft reserved\n"
		"BIOS-e820: [mem 0xfffffffff0000000-0xffffffffffffffff] usable\n"
		"BIOS-e820: [mem 0xfffffffffff00000-0xffffffffffffffff] reserved\n";
	static const struct want w[] = {
		W(0x0, 0x7ffff, RAM),
		W(0x80000, 0xfffff, RESERVED),
		W(0x100000, 0xffffff, RAM),
		W(0x1000000, 0x1ffffff, NVS),
		W(0x2000000, 0x27fffff, ACPI),
		W(0x2800000, 0x7ffffff, RAM),
		W(0x8000000, 0x8ffffff, RESERVED),
		W(0x9000000, 0x1fffffff, RAM),		/* two usable entries joined */
		W(0x30000000, 0x3fffffff, SOFT_RESERVED),
		W(0x40000000, 0x4fffffff, SOFT_RESERVED),	/* kept apart */
		W(0xfffffffff0000000ULL, 0xffffffffffefffffULL, RAM),
		W(0xfffffffffff00000ULL, 0xffffffffffffffffULL, RESERVED),
	};
	expect_parse(LAYOUT_FORMAT_DMESG, text, 0, LAYOUT_ARCH_NONE, w, ARRAY_SIZE(w), NULL);
	return 0;
}

/*
 * The kernel's edits of the firmware's table, in log order: x86 gives the
 * first page to the BIOS, setup_data is reserved, a removal drops RAM:
 *
 *	firmware  |usable 0-640K|  |usable 1M ............. 256M|
 *	update    |res 0-4K|
 *	update                        |res 16M-16M+4K|
 *	remove                                      |240M .. 256M|
 *
 * Expect the table the kernel ended with: RAM from 4 KiB, a reserved page
 * at 16 MiB, RAM up to 240 MiB; an update of another type left alone.
 */
static int dmesg_kernel_edits(void)
{
	static const char text[] =
		"BIOS-e820: [mem 0x0000000000000000-0x000000000009ffff] usable\n"
		"BIOS-e820: [mem 0x0000000000100000-0x000000000fffffff] usable\n"
		"e820: update [mem 0x00000000-0x00000fff] usable ==> reserved\n"
		"e820: update [mem 0x01000000-0x01000fff] usable ==> reserved\n"
		"e820: update [mem 0x02000000-0x02000fff] ACPI NVS ==> reserved\n"
		"e820: remove [mem 0x0f000000-0xffffffffffffffff] usable\n"
		"e820: reserve RAM buffer [mem 0x0009fc00-0x0009ffff]\n";
	static const struct want w[] = {
		W(0x0, 0xfff, RESERVED),
		W(0x1000, 0x9ffff, RAM),
		W(0x100000, 0xffffff, RAM),
		W(0x1000000, 0x1000fff, RESERVED),
		W(0x1001000, 0xeffffff, RAM),
	};
	expect_parse(LAYOUT_FORMAT_DMESG, text, 0, LAYOUT_ARCH_NONE, w, ARRAY_SIZE(w), NULL);
	return 0;
}

/*
 * Booted with mem=128M: the kernel prints its table again as "user:",
 * and edits after it are made to that one:
 *
 *	firmware  |usable 0-640K|  |usable 1M ................... 4G|
 *	user      |usable 0-640K|  |usable 1M - 128M|
 *	update    |res 0-4K|
 *
 * Expect the user table, less the first page: not the firmware's 4 GiB.
 */
static int dmesg_user_table(void)
{
	static const char text[] =
		"BIOS-e820: [mem 0x0000000000000000-0x000000000009ffff] usable\n"
		"BIOS-e820: [mem 0x0000000000100000-0x00000000ffffffff] usable\n"
		"e820: remove [mem 0x08000000-0xfffffffffffffffe] usable\n"
		"user-defined physical RAM map:\n"
		"user: [mem 0x0000000000000000-0x000000000009ffff] usable\n"
		"user: [mem 0x0000000000100000-0x0000000007ffffff] usable\n"
		"e820: update [mem 0x00000000-0x00000fff] usable ==> reserved\n";
	static const struct want w[] = {
		W(0x0, 0xfff, RESERVED),
		W(0x1000, 0x9ffff, RAM),
		W(0x100000, 0x7ffffff, RAM),
	};
	expect_parse(LAYOUT_FORMAT_DMESG, text, 0, LAYOUT_ARCH_NONE, w, ARRAY_SIZE(w), NULL);
	return 0;
}

/*
 * SRAT splits e820 entries at its boundaries: pieces inside a range are on
 * its node, pieces outside on none; one node's touching ranges merged
 * first, so they split nothing; a hotplug range names a node too.
 */
static int dmesg_srat_split(void)
{
	static const char text[] =
		"BIOS-e820: [mem 0x0000000000000000-0x000000000009ffff] usable\n"
		"BIOS-e820: [mem 0x0000000000100000-0x00000000bfffffff] usable\n"
		"BIOS-e820: [mem 0x00000000c0000000-0x00000000ffffffff] reserved\n"
		"BIOS-e820: [mem 0x0000000100000000-0x000000047fffffff] usable\n"
		"ACPI: SRAT: Node 0 PXM 0 [mem 0x00000000-0x7fffffff]\n"
		"ACPI: SRAT: Node 0 PXM 0 [mem 0x80000000-0xdfffffff]\n"
		"ACPI: SRAT: Node 1 PXM 1 [mem 0x100000000-0x27fffffff]\n"
		"ACPI: SRAT: Node 2 PXM 2 [mem 0x280000000-0x3ffffffff] hotplug\n"
		"Early memory node ranges\n"
		"  node   7: [mem 0x0000000000001000-0x000000000009ffff]\n";
	static const struct want w[] = {
		WN(0x0, 0x9ffff, RAM, 0),
		WN(0x100000, 0xbfffffff, RAM, 0),
		WN(0xc0000000, 0xdfffffff, RESERVED, 0),
		W(0xe0000000, 0xffffffff, RESERVED),
		WN(0x100000000, 0x27fffffff, RAM, 1),
		WN(0x280000000, 0x3ffffffff, RAM, 2),
		W(0x400000000, 0x47fffffff, RAM),
	};
	expect_parse(LAYOUT_FORMAT_DMESG, text, 0, LAYOUT_ARCH_NONE, w, ARRAY_SIZE(w), NULL);
	return 0;
}

/*
 * Without e820: the early ranges, plus SRAT's non-hotplug ranges (a log
 * cut short), one node's RAM merged, non-volatile as pmem; the hotplug
 * range is no RAM.  2.6's SRAT form has an exclusive end.
 */
static int dmesg_srat_early(void)
{
	static const char text[] =
		"[    0.000000] Linux version 6.1.0-18-arm64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0) #1 SMP Debian\n"
		"[    0.000000] ACPI: SRAT: Node 0 PXM 0 [mem 0x80000000-0xffffffff]\n"
		"[    0.000000] ACPI: SRAT: Node 1 PXM 1 [mem 0x8000000000-0x80ffffffff]\n"
		"[    0.000000] ACPI: SRAT: Node 1 PXM 1 [mem 0x9000000000-0x90ffffffff] hotplug\n"
		"[    0.000000] ACPI: SRAT: Node 2 PXM 2 [mem 0xa000000000-0xa0ffffffff] non-volatile\n"
		"[    0.000000] SRAT: Node 3 PXM 3 b000000000-b100000000\n"
		"[    0.000000] Early memory node ranges\n"
		"[    0.000000]   node   0: [mem 0x0000000080000000-0x00000000bfffffff]\n"
		"[    0.000000]   node   0: [mem 0x00000000c0000000-0x00000000efffffff]\n"
		"[    0.000000] Initmem setup node 0 [mem 0x0000000080000000-0x00000000efffffff]\n"
		"[    0.000000] On node 0, zone DMA: 1 pages in unavailable ranges\n";
	static const struct want w[] = {
		WN(0x80000000, 0xffffffff, RAM, 0),
		WN(0x8000000000, 0x80ffffffff, RAM, 1),
		WN(0xa000000000, 0xa0ffffffff, PMEM, 2),
		WN(0xb000000000, 0xb0ffffffff, RAM, 3),
	};
	expect_parse(LAYOUT_FORMAT_DMESG, text, 0, LAYOUT_ARCH_ARM64, w, ARRAY_SIZE(w), NULL);
	return 0;
}

/* Early ranges alone: printed order, touching ranges kept, node 0 not given. */
static int dmesg_early_only(void)
{
	static const char one[] =
		"Early memory node ranges\n"
		"  node   0: [mem 0x0000000080000000-0x0000000087ffffff]\n"
		"  node   0: [mem 0x0000000088000000-0x00000000b9ccffff]\n"
		"  node   0: [mem 0x0000000040000000-0x000000004fffffff]\n";
	static const char two[] =
		"Linux version 5.15.0-79-generic (buildd@bos02-s390x-016) #86-Ubuntu SMP\n"
		"node1 kernel: Early memory node ranges\n"
		"node1 kernel:   node   1: [mem 0x0000000000000000-0x000000000fffffff]\n"
		"node1 kernel:   node   0: [mem 0x0000000010000000-0x000000001fffffff]\n";
	static const struct want w1[] = {
		W(0x80000000, 0x87ffffff, RAM),
		W(0x88000000, 0xb9ccffff, RAM),
		W(0x40000000, 0x4fffffff, RAM),
	};
	static const struct want w2[] = {
		WN(0x0, 0xfffffff, RAM, 1),
		WN(0x10000000, 0x1fffffff, RAM, 0),
	};

	expect_parse(LAYOUT_FORMAT_DMESG, one, 0, LAYOUT_ARCH_NONE, w1, ARRAY_SIZE(w1), NULL);
	expect_parse(LAYOUT_FORMAT_DMESG, two, 0, LAYOUT_ARCH_S390X, w2, ARRAY_SIZE(w2), NULL);
	return 0;
}

/* The architecture of the 'Linux version' line. */
static int dmesg_arch(void)
{
	static const struct {
		const char *line;
		enum layout_arch arch;
	} cases[] = {
		{ "Linux version 6.1.0-18-amd64 (debian-kernel@lists.debian.org)", LAYOUT_ARCH_X86_64 },
		{ "Linux version 5.10.0-13-686-pae (XXX@XXX) (gcc-10)", LAYOUT_ARCH_X86_32 },
		{ "Linux version 4.4.0 (x@y) (i686-linux-gnu-gcc)", LAYOUT_ARCH_X86_32 },
		{ "Linux version 6.6.0 (x@y) (aarch64-linux-gnu-gcc 13)", LAYOUT_ARCH_ARM64 },
		{ "Linux version 6.8.0-1004-riscv64 (buildd@riscv64)", LAYOUT_ARCH_RISCV64 },
		{ "Linux version 5.14.0 (mockbuild@s390x-02.build)", LAYOUT_ARCH_S390X },
		{ "Linux version 6.5.0-ppc64le (a@b)", LAYOUT_ARCH_PPC64 },
		{ "Linux version 5.9.0-rc4+ (tong@tong-desktop) (gcc 9.3.0)", LAYOUT_ARCH_NONE },
		/* 686 inside a longer word is not an arch */
		{ "Linux version 5.8.0-rc7-g6e85ab8532a52 (kbuild@c2e36c11686e)", LAYOUT_ARCH_NONE },
	};
	static const struct want w[] = { W(0x0, 0xfffffff, RAM) };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		char text[256];

		snprintf(text, sizeof(text), "%s\nEarly memory node ranges\n"
			 "  node   0: [mem 0x0000000000000000-0x000000000fffffff]\n", cases[i].line);
		/* a failure names the line */
		prefix_push(cases[i].line);
		expect_parse(LAYOUT_FORMAT_DMESG, text, 0, cases[i].arch, w, ARRAY_SIZE(w), NULL);
		prefix_pop();
	}
	return 0;
}

static const struct bad dmesg_bad[] = {
	{ "", 0, 0, "no memory map found: no BIOS-e820, ACPI SRAT or 'Early memory node ranges' lines" },
	{ "hello\nworld\n", 0, 0, "no memory map found" },
	/* 'Initmem setup node' and 'On node' lines are no map */
	{ "Initmem setup node 0 [mem 0x0-0xfff]\nOn node 0 totalpages: 1\n", 0, 0, "no memory map" },
	{ "x\nBIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usabel\n", 0, 2,
	  "unknown e820 type 'usabel'" },
	{ "BIOS-e820: [mem 0x00000000000a0000-0x000000000009ffff] usable\n", 0, 1,
	  "start 0xa0000 is above end 0x9ffff" },
	{ "BIOS-e820: [mem 0x10000000000000000-0x1] usable\n", 0, 1, "does not fit in 64 bits" },
	{ "BIOS-e820: [mem 0x0-0xfffff usable\n", 0, 1, "no ']' closes '[mem'" },
	{ "BIOS-e820: [mem 00000000-0xfffff] usable\n", 0, 1, "start '00000000' is not a 0x hex address" },
	{ "BIOS-e820: [mem 0x0-0xzz] usable\n", 0, 1, "end '0xzz' is not a 0x hex address" },
	{ "BIOS-e820: [mem 0x0] usable\n", 0, 1, "expected '<start>-<end>'" },
	{ "BIOS-e820: whatever\n", 0, 1, "expected '[mem 0x<start>-0x<end>] <type>'" },
	{ "BIOS-e820: [mem 0x0-0xfff] type 4294967296\n", 0, 1, "unknown e820 type 'type 4294967296'" },
	{ "BIOS-e820: [mem 0x0-0xfff] persistent (type 7\n", 0, 1, "unknown e820 type" },
	{ "BIOS-e820: [mem 0x0-0xffff] usable\ne820: update [mem 0x0-0xfff] usable reserved\n", 0, 2,
	  "e820: update: expected '<type> ==> <type>'" },
	{ "BIOS-e820: [mem 0x0-0xffff] usable\ne820: update [mem 0x0-0xfff] usable ==> sometimes\n", 0, 2,
	  "unknown e820 type 'sometimes'" },
	{ "BIOS-e820: [mem 0x0-0xffff] usable\ne820: remove [mem 0x0-0xfff usable\n", 0, 2,
	  "no ']' closes '[mem'" },
	{ "BIOS-e820: [mem 0x0-0xffff] usable\nuser: [mem 0x1000-0xfff] usable\n", 0, 2,
	  "user: start 0x1000 is above end 0xfff" },
	{ " BIOS-e820: 0000000000001000 - 0000000000001000 (usable)\n", 0, 1,
	  "end 0x1000 is not above start 0x1000 (this form's end is exclusive)" },
	{ " BIOS-e820: 0000000000000000 -- 000000000009fc00 (usable)\n", 0, 1,
	  "expected '<start> - <end> (<type>)'" },
	{ " BIOS-e820: 0000000000000000 - 000000000009fc00 (usable\n", 0, 1, "unknown e820 type '(usable'" },
	{ "SRAT: Node x PXM 0 [mem 0x0-0xfff]\n", 0, 1, "SRAT node 'x' is not a decimal number" },
	{ "SRAT: Node 0 PXM 0 [mem 0x0-0xfff] hotplug hotplug\n", 0, 1, "unknown flags 'hotplug'" },
	{ "SRAT: Node 0 PXM 0\n", 0, 1, "SRAT: expected 'Node <N> PXM <P> [mem" },
	{ "SRAT: Node 2147483648 PXM 0 [mem 0x0-0xfff]\n", 0, 1, "small enough" },
	{ "Early memory node ranges\n  node   0: [mem 0x1000-0x0fff]\n", 0, 2,
	  "early node range: start 0x1000 is above end 0xfff" },
	{ "Early memory node ranges\n  node   0: [mem 0x0-0xfff\n", 0, 2, "no ']'" },
	/* two nodes' SRAT ranges overlap: the later line, naming the earlier */
	{ "SRAT: Node 0 PXM 0 [mem 0x0-0x7fffffff]\nSRAT: Node 1 PXM 1 [mem 0x70000000-0xffffffff]\n", 0, 2,
	  "SRAT range 0x70000000-0xffffffff of node 1 overlaps 0x0-0x7fffffff of node 0 on line 1" },
	{ "BIOS-e820: [mem 0x0-0xffffffff] usable\nSRAT: Node 1 PXM 1 [mem 0x70000000-0xffffffff]\n"
	  "SRAT: Node 0 PXM 0 [mem 0x0-0x7fffffff]\n", 0, 3, "overlaps 0x70000000-0xffffffff of node 1 on line 2" },
	/* an early range and SRAT disagree on the node */
	{ "SRAT: Node 1 PXM 1 [mem 0x0-0xffffffff]\nEarly memory node ranges\n"
	  "  node   0: [mem 0x0000000000001000-0x000000000009ffff]\n", 0, 3,
	  "node 0 range 0x1000-0x9ffff is SRAT's node 1 (0x0-0xffffffff on line 1)" },
	{ "Early memory node ranges\n  node   0: [mem 0x0000000000001000-0x000000000009ffff]\n"
	  "SRAT: Node 1 PXM 1 [mem 0x0-0xffffffff] hotplug\n", 0, 3,
	  "SRAT node 1 range 0x0-0xffffffff is early node 0's (0x1000-0x9ffff on line 2)" },
	/* RAM that overlaps after composition */
	{ "Linux version 1\nBIOS-e820: [mem 0x0-0xffff] usable\nLinux version 2\n", 0, 3,
	  "a second boot starts here (map lines from line 2 before it)" },
	{ "Early memory node ranges\n  node   0: [mem 0x0-0xffff]\n  node   0: [mem 0x8000-0x1ffff]\n", 0, 3,
	  "ram 0x8000-0x1ffff overlaps ram 0x0-0xffff on line 2" },
};

static int dmesg_malformed(void)
{
	expect_bad(LAYOUT_FORMAT_DMESG, dmesg_bad, ARRAY_SIZE(dmesg_bad));
	return 0;
}

/* ---- iomem ---- */

static int iomem_cases(void)
{
	static const char text[] =
		"00000000-00000fff : Reserved\n"
		"00001000-0009fbff : System RAM\n"
		"000c0000-000c7fff : Video ROM\n"
		"000f0000-000fffff : System ROM\n"
		"00100000-3fffffff : System RAM\n"
		"  01000000-01ffffff : Kernel code\n"
		"    01000000-01000fff : deeper still\n"
		"  02000000-020fffff : Kernel data\n"
		"40000000-4000ffff : RAM buffer\n"
		"50000000-5fffffff : PCI Bus 0000:00\n"
		"  50000000-5000ffff : System RAM\n"
		"fed00000-fed003ff : HPET 0\r\n"
		"\n"
		"100000000-1ffffffff : Soft Reserved\n"
		"  100000000-1ffffffff : dax0.0\n"
		"    100000000-1ffffffff : System RAM (kmem)\n"
		"200000000-2ffffffff : Persistent Memory (legacy)\n"
		"300000000-3ffffffff : Persistent Memory\n"
		"400000000-4000fffff : ACPI Tables\n"
		"400100000-4001fffff : ACPI Non-volatile Storage\n"
		"400200000-4002fffff : Unusable memory\n"
		"400300000-4003fffff : \n";
	static const struct want w[] = {
		W(0x0, 0xfff, RESERVED),
		W(0x1000, 0x9fbff, RAM),
		W(0xc0000, 0xc7fff, RESERVED),
		W(0xf0000, 0xfffff, RESERVED),
		W(0x100000, 0x3fffffff, RAM),
		W(0x50000000, 0x5fffffff, DEVICE),
		W(0x50000000, 0x5000ffff, RAM),
		W(0xfed00000, 0xfed003ff, DEVICE),
		W(0x100000000, 0x1ffffffff, SOFT_RESERVED),
		W(0x100000000, 0x1ffffffff, RAM),
		W(0x200000000, 0x2ffffffff, PMEM),
		W(0x300000000, 0x3ffffffff, PMEM),
		W(0x400000000, 0x4000fffff, ACPI),
		W(0x400100000, 0x4001fffff, NVS),
		W(0x400200000, 0x4002fffff, UNUSABLE),
	};
	size_t n = strlen(text) - strlen("400300000-4003fffff : \n");
	struct layout lo;

	/* the last line has no name: refused; without it, the map */
	expect_refused(LAYOUT_FORMAT_IOMEM, text, 0, 22, "expected '<start>-<end> : <name>'", NULL);
	if (expect_parse(LAYOUT_FORMAT_IOMEM, text, n, LAYOUT_ARCH_NONE, w, ARRAY_SIZE(w), &lo))
		return 0;
	ASSERT_EQ(2, lo.entries[1].line);
	layout_free(&lo);
	return 0;
}

static const struct bad iomem_bad[] = {
	{ "", 0, 0, "no '<start>-<end> : <name>' line" },
	{ "00000000-00000000 : System RAM\n  00000000-00000000 : Kernel code\n00000000-00000000 : Reserved\n",
	  0, 0, "all addresses are zero: /proc/iomem shows them to root only" },
	{ "00000000-00000fff : Reserved\n   00000000-000000ff : odd\n", 0, 2, "indent of 3 spaces" },
	{ "00000000-00000fff : Reserved\n\t00000000-000000ff : tab\n", 0, 2, "a tab in the indent" },
	{ "  00000000-00000fff : Reserved\n", 0, 1, "indented 1 level under a line of level 0" },
	{ "00000000-00000fff : Reserved\n    00000000-000000ff : jump\n", 0, 2,
	  "indented 2 levels under a line of level 0" },
	{ "00001000-00001fff : Reserved\n  00000000-00001fff : wide\n", 0, 2,
	  "0-1fff is not inside its parent 1000-1fff on line 1" },
	{ "00001000-00000fff : Reserved\n", 0, 1, "start 1000 is above end fff" },
	{ "0x1000-0x1fff : Reserved\n", 0, 1, "start '0x1000' is not a hex address" },
	{ "00001000-0000g000 : Reserved\n", 0, 1, "end '0000g000' is not a hex address" },
	{ "00001000 - 00001fff : Reserved\n", 0, 1, "is not a hex address" },
	{ "10000000000000000-10000000000000000 : x\n", 0, 1, "does not fit in 64 bits" },
	{ "00001000-00001fff: Reserved\n", 0, 1, "expected '<start>-<end> : <name>'" },
	{ "00001000 : Reserved\n", 0, 1, "expected '<start>-<end> : <name>'" },
	{ "00001000-00001fff : System RAM\n00001800-00002fff : System RAM\n", 0, 2,
	  "ram 0x1800-0x2fff overlaps ram 0x1000-0x1fff on line 1" },
	{ "00001000-00001fff : Reserved\n00002000-00002fff : Res\0rved\n", 58, 2, "NUL byte" },
};

static int iomem_malformed(void)
{
	expect_bad(LAYOUT_FORMAT_IOMEM, iomem_bad, ARRAY_SIZE(iomem_bad));
	return 0;
}

/* ---- memmap ---- */

static int memmap_cases(void)
{
	static const char text[] =
		"/sys/firmware/memmap/10/end:0x4fffffff\n"
		"/sys/firmware/memmap/10/type:Soft Reserved\n"
		"/sys/firmware/memmap/10/start:0x40000000\n"
		"/sys/firmware/memmap/2/end:0xbfffffff\n"
		"/sys/firmware/memmap/2/type:System RAM\n"
		"/sys/firmware/memmap/2/start:0x100000\n"
		"/sys/firmware/memmap/0/start:0x0\r\n"
		"/sys/firmware/memmap/0/type:System RAM\n"
		"/sys/firmware/memmap/0/end:0x9fbff\n"
		"\n"
		"1/start:0x9fc00\n"
		"1/end:0xfffff\n"
		"1/type:Reserved\n"
		"/x/3/start:0xc0000000\n/x/3/end:0xc0ffffff\n/x/3/type:ACPI Tables\n"
		"/x/4/start:0xc1000000\n/x/4/end:0xc1ffffff\n/x/4/type:ACPI Non-volatile Storage\n"
		"/x/5/start:0xc2000000\n/x/5/end:0xc2ffffff\n/x/5/type:Unusable memory\n"
		"/x/6/start:0xc3000000\n/x/6/end:0xc3ffffff\n/x/6/type:Persistent Memory (legacy)\n"
		"/x/7/start:0xc4000000\n/x/7/end:0xc4ffffff\n/x/7/type:Persistent Memory\n"
		"/x/8/start:0xc5000000\n/x/8/end:0xc5ffffff\n/x/8/type:something new\n"
		"/a:b/11/start:0xd0000000\n/a:b/11/end:0xd0ffffff\n/a:b/11/type:Reserved\n";
	static const struct want w[] = {
		W(0x0, 0x9fbff, RAM),
		W(0x9fc00, 0xfffff, RESERVED),
		W(0x100000, 0xbfffffff, RAM),
		W(0xc0000000, 0xc0ffffff, ACPI),
		W(0xc1000000, 0xc1ffffff, NVS),
		W(0xc2000000, 0xc2ffffff, UNUSABLE),
		W(0xc3000000, 0xc3ffffff, PMEM),
		W(0xc4000000, 0xc4ffffff, PMEM),
		W(0xc5000000, 0xc5ffffff, RESERVED),
		W(0x40000000, 0x4fffffff, SOFT_RESERVED),
		W(0xd0000000, 0xd0ffffff, RESERVED),	/* a ':' in the directory */
	};
	struct layout lo;

	if (expect_parse(LAYOUT_FORMAT_MEMMAP, text, 0, LAYOUT_ARCH_NONE, w, ARRAY_SIZE(w), &lo))
		return 0;
	ASSERT_EQ(7, lo.entries[0].line);
	layout_free(&lo);
	return 0;
}

static const struct bad memmap_bad[] = {
	{ "", 0, 0, "no entries: not a /sys/firmware/memmap listing" },
	{ "\n\n", 0, 0, "no entries" },
	{ "m/0/start:0x0\nm/0/type:System RAM\n", 0, 2, "entry 0 has no 'end'" },
	{ "m/0/start:0x0\nm/0/end:0xfff\nm/0/type:System RAM\nm/3/end:0xfff\n", 0, 4,
	  "entry 3 has no 'start'" },
	{ "m/0/start:0x0\nm/0/end:0xfff\nm/0/type:System RAM\nm/0/end:0x1fff\n", 0, 4,
	  "entry 0: second 'end' (the first is line 2)" },
	{ "m/0/start:0\nm/0/end:0xfff\nm/0/type:System RAM\n", 0, 1,
	  "entry 0: start '0' is not a 0x hex address" },
	{ "m/0/start:0x0\nm/0/end:0xfffg\nm/0/type:System RAM\n", 0, 2, "entry 0: end '0xfffg'" },
	{ "m/0/start:0x10000000000000000\n", 0, 1, "does not fit in 64 bits" },
	{ "m/0/start:0x2000\nm/0/end:0x1fff\nm/0/type:System RAM\n", 0, 3,
	  "entry 0: start 0x2000 is above end 0x1fff" },
	{ "m/0/type:\n", 0, 1, "entry 0: empty 'type'" },
	{ "m/0/size:0x1000\n", 0, 1, "expected '<dir>/<N>/<start|end|type>:<value>', found 'm/0/size'" },
	{ "m/0/start 0x0\n", 0, 1, "found no ':'" },
	{ "m/x/start:0x0\n", 0, 1, "entry 'x' is not a decimal number" },
	{ "m//start:0x0\n", 0, 1, "entry '' is not a decimal number" },
	{ "start:0x0\n", 0, 1, "expected '<dir>/<N>/" },
	{ "m/99999999999/start:0x0\n", 0, 1, "not a small enough number" },
	{ "m/0/start:0x0\nm/0/end:0xfff\nm/0/type:System RAM\n"
	  "m/1/start:0x800\nm/1/end:0x1fff\nm/1/type:System RAM\n", 0, 4,
	  "ram 0x800-0x1fff overlaps ram 0x0-0xfff on line 1" },
};

static int memmap_malformed(void)
{
	expect_bad(LAYOUT_FORMAT_MEMMAP, memmap_bad, ARRAY_SIZE(memmap_bad));
	return 0;
}

static int mkdirs(const char *path)
{
	char buf[512];
	size_t i;

	snprintf(buf, sizeof(buf), "%s", path);
	for (i = 1; buf[i]; i++) {
		if (buf[i] != '/')
			continue;
		buf[i] = '\0';
		if (mkdir(buf, 0755) && errno != EEXIST)
			return -1;
		buf[i] = '/';
	}
	return mkdir(buf, 0755) && errno != EEXIST ? -1 : 0;
}

static void write_file(const char *dir, const char *entry, const char *name, const char *value)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, entry);
	if (mkdirs(path))
		abort();
	snprintf(path, sizeof(path), "%s/%s/%s", dir, entry, name);
	f = fopen(path, "w");
	if (!f)
		abort();
	fputs(value, f);
	fclose(f);
}

/* Remove what an earlier run left in a memmap directory of ours. */
static void clear_memmap(const char *dir)
{
	static const char *const entries[] = { "0", "1", "2", "10", "notes" };
	static const char *const files[] = { "start", "end", "type", "README" };
	char path[512];
	unsigned int e, f;

	for (e = 0; e < ARRAY_SIZE(entries); e++) {
		for (f = 0; f < ARRAY_SIZE(files); f++) {
			snprintf(path, sizeof(path), "%s/%s/%s", dir, entries[e], files[f]);
			unlink(path);
		}
		snprintf(path, sizeof(path), "%s/%s", dir, entries[e]);
		rmdir(path);
	}
}

/* A memmap directory made under the build tree: read as its text is. */
static int memmap_directory(void)
{
	static const struct want w[] = {
		W(0x0, 0x9fbff, RAM),
		W(0x9fc00, 0xfffff, RESERVED),
		W(0x100000, 0xbfffffff, RAM),
		W(0x100000000, 0x13fffffff, RAM),
	};
	char dir[400], bad[400];
	struct layout_error err;
	struct layout lo;

	snprintf(dir, sizeof(dir), "%s/memmap", opt_tmp);
	snprintf(bad, sizeof(bad), "%s/memmap-bad", opt_tmp);
	clear_memmap(dir);
	clear_memmap(bad);
	write_file(dir, "0", "start", "0x0\n");
	write_file(dir, "0", "end", "0x9fbff\n");
	write_file(dir, "0", "type", "System RAM\n");
	write_file(dir, "1", "start", "0x9fc00\n");
	write_file(dir, "1", "end", "0xfffff\n");
	write_file(dir, "1", "type", "Reserved\n");
	write_file(dir, "10", "start", "0x100000000\n");
	write_file(dir, "10", "end", "0x13fffffff\n");
	write_file(dir, "10", "type", "System RAM\n");
	write_file(dir, "2", "start", "0x100000\n");
	write_file(dir, "2", "end", "0xbfffffff\n");
	write_file(dir, "2", "type", "System RAM\n");
	write_file(dir, "notes", "README", "not an entry\n");

	memset(&lo, 0, sizeof(lo));
	ASSERT_EQ(0, layout_read_path(&lo, LAYOUT_FORMAT_AUTO, dir, &err));
	expect_layout(&lo, LAYOUT_FORMAT_MEMMAP, LAYOUT_ARCH_NONE, w, ARRAY_SIZE(w));
	layout_free(&lo);
	/* a directory is memmap or nothing */
	ASSERT_EQ(-EINVAL, layout_read_path(&lo, LAYOUT_FORMAT_IOMEM, dir, &err));
	ASSERT_TRUE(strstr(err.reason, "a directory") != NULL);

	/* an entry without its end: named, at line 0 */
	write_file(bad, "0", "start", "0x0\n");
	write_file(bad, "0", "type", "System RAM\n");
	memset(&lo, 0, sizeof(lo));
	ASSERT_EQ(-EINVAL, layout_read_memmap_dir(&lo, bad, &err));
	ASSERT_EQ(0, err.line);
	ASSERT_TRUE(!strcmp(err.file, bad));
	ASSERT_TRUE(strstr(err.reason, "entry 0 has no 'end'") != NULL);
	ASSERT_TRUE(is_zeroed(&lo));
	/* a file of two lines reads as empty, and is refused */
	write_file(bad, "0", "end", "0xfff\n");
	write_file(bad, "1", "start", "0x1000\n");
	write_file(bad, "1", "end", "0x1fff\nmore\n");
	write_file(bad, "1", "type", "System RAM\n");
	ASSERT_EQ(-EINVAL, layout_read_memmap_dir(&lo, bad, &err));
	ASSERT_TRUE(strstr(err.reason, "entry 1: empty 'end'") != NULL);
	if (!strstr(err.reason, "entry 1"))
		fprintf(stderr, "  reason: %s\n", err.reason);
	ASSERT_EQ(-ENOENT, layout_read_memmap_dir(&lo, "/nonexistent/memmap", &err));
	ASSERT_EQ(0, fail_alloc_live);
	return 0;
}

/* ---- dts ---- */

/*
 * A device-tree source is compiled by dtc and its blob read by
 * parse_fdt.c: their cases are test_fdt.c's (make test-fdt).  Here the
 * .dts fixtures go through dtc as every other fixture goes through its
 * parser.
 */

/* ---- every parser: what no map is ---- */

/* Empty input, binary garbage, NUL bytes, long lines: refused or read, sanely. */
static int garbage_every_parser(void)
{
	static const enum layout_format fmts[] = {
		LAYOUT_FORMAT_AUTO, LAYOUT_FORMAT_LAYOUT, LAYOUT_FORMAT_IOMEM,
		LAYOUT_FORMAT_MEMMAP, LAYOUT_FORMAT_DMESG, LAYOUT_FORMAT_DTS, LAYOUT_FORMAT_DTB,
	};
	static char buf[3][10001];
	unsigned long long rng = 0x6761726261676521ULL;
	unsigned int f, k, i;

	/* binary garbage; 10,000 'A's; 10,000 NULs */
	for (i = 0; i < sizeof(buf[0]); i++) {
		rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
		buf[0][i] = (char)(rng >> 56);
	}
	memset(buf[1], 'A', sizeof(buf[1]));
	memset(buf[2], 0, sizeof(buf[2]));
	for (f = 0; f < ARRAY_SIZE(fmts); f++) {
		for (k = 0; k < 4; k++) {
			struct layout_error err;
			struct layout lo;
			size_t len = k < 3 ? sizeof(buf[k]) : 0;
			int ret = parse(fmts[f], k < 3 ? buf[k] : "", len, &lo, &err);

			if (!ret) {
				/* only the .txt format reads an empty text */
				ASSERT_TRUE(fmts[f] == LAYOUT_FORMAT_LAYOUT && k == 3);
				layout_free(&lo);
				continue;
			}
			ASSERT_EQ(-EINVAL, ret);
			ASSERT_TRUE(err.reason[0] != '\0');
			ASSERT_TRUE(err.line <= 10001);
			ASSERT_TRUE(is_zeroed(&lo));
		}
	}
	ASSERT_EQ(0, fail_alloc_live);
	return 0;
}

/* A 10,000-character line: refused with its line, or skipped by dmesg. */
static int long_lines(void)
{
	static const struct want w[] = { W(0x0, 0xfff, RAM) };
	static char text[10200];
	size_t n;

	memset(text, 'x', 10000);
	strcpy(text + 10000, "\nBIOS-e820: [mem 0x0-0xfff] usable\n");
	expect_parse(LAYOUT_FORMAT_DMESG, text, 0, LAYOUT_ARCH_NONE, w, ARRAY_SIZE(w), NULL);
	expect_refused(LAYOUT_FORMAT_IOMEM, text, 0, 1, "line longer than 4096 bytes", NULL);
	expect_refused(LAYOUT_FORMAT_MEMMAP, text, 0, 1, "line longer than 4096 bytes", NULL);

	/* a map line of 10,000 characters: its type is quoted, cut short */
	n = (size_t)sprintf(text, "BIOS-e820: [mem 0x0-0xfff] ");
	memset(text + n, 'y', 10000);
	text[n + 10000] = '\0';
	expect_refused(LAYOUT_FORMAT_DMESG, text, 0, 1,
		       "unknown e820 type 'yyyyyyyyyyyyyyyyyyyyyyyy...'", NULL);
	return 0;
}

/* ---- allocation failures ---- */

static int alloc_failures(void)
{
	static const char *const dirs[] = { LAYOUTS, FIXTURES };
	unsigned int d;

	for (d = 0; d < 2; d++) {
		char **names = list_dir(dirs[d], ""), **p;

		for (p = names; *p; p++) {
			size_t len;
			char *text;

			if (strstr(*p, "README"))
				continue;
			text = read_all(*p, &len);
			if (!text)
				continue;
			fail_every_alloc(LAYOUT_FORMAT_AUTO, text, len);
			free(text);
		}
		test_free_list(names);
	}
	return 0;
}

/* ---- layout_memblock ---- */

static void expect_ranges(const struct pmm_range *r, unsigned int nr,
			  const struct pmm_range *w, unsigned int nw)
{
	unsigned int i;

	ASSERT_EQ(nw, nr);
	for (i = 0; i < nr && i < nw; i++) {
		ASSERT_EQ(w[i].start_pfn, r[i].start_pfn);
		ASSERT_EQ(w[i].end_pfn, r[i].end_pfn);
		ASSERT_EQ(w[i].nid, r[i].nid);
	}
}

static int memblock_merge(void)
{
	static const char text[] =
		"0x0000000100000000 0x00000001ffffffff ram 1\n"	/* 1 */
		"0x0000000000100000 0x000000003fffffff ram\n"		/* 2 */
		"0x0000000000000800 0x000000000009ffff ram\n"		/* 3: trimmed */
		"0x0000000040000000 0x000000007fffffff ram 0\n"	/* 4: touches 2 */
		"0x0000000080000000 0x00000000800007ff ram 0\n"	/* 5: no whole page */
		"0x0000000200000000 0x00000002ffffffff ram 2\n"	/* 6: touches 1, other node */
		"0x0000000000200000 0x0000000000300000 reserved\n"
		"0x0000000300000000 0x00000003000017ff ram 2\n";	/* 7: touches 6 */
	static const struct pmm_range w[] = {
		{ 0x1, 0xa0, 0 },
		{ 0x100, 0x80000, 0 },
		{ 0x100000, 0x200000, 1 },
		{ 0x200000, 0x300001, 2 },
	};
	struct layout_error err;
	struct pmm_range *r;
	struct layout lo;
	unsigned int nr;

	ASSERT_EQ(0, parse_str(LAYOUT_FORMAT_LAYOUT, text, &lo, &err));
	lo.file = "m.txt";
	ASSERT_EQ(0, layout_memblock(&lo, 12, &r, &nr, &err));
	expect_ranges(r, nr, w, ARRAY_SIZE(w));
	fail_alloc_free(r);
	/* bad page shifts */
	ASSERT_EQ(-EINVAL, layout_memblock(&lo, 0, &r, &nr, &err));
	ASSERT_TRUE(r == NULL && nr == 0);
	ASSERT_EQ(-EINVAL, layout_memblock(&lo, 64, &r, &nr, &err));
	layout_free(&lo);
	ASSERT_EQ(0, fail_alloc_live);
	return 0;
}

/* Overlapping RAM: one node merges, two nodes are refused, naming both. */
static int memblock_overlap(void)
{
	static const struct layout_entry same[] = {
		{ 0x10000, 0x1ffff, LAYOUT_RAM, 3, 1, 4 },
		{ 0x0, 0x17fff, LAYOUT_RAM, 3, 1, 9 },
		{ 0x12000, 0x12fff, LAYOUT_RAM, 3, 1, 2 },
	};
	static const struct layout_entry two[] = {
		{ 0x0, 0x17fff, LAYOUT_RAM, 0, 1, 7 },
		{ 0x20000, 0x2ffff, LAYOUT_RAM, 1, 1, 3 },
		{ 0x10000, 0x1ffff, LAYOUT_RAM, 1, 1, 12 },
	};
	static const struct pmm_range w[] = { { 0x0, 0x20, 3 } };
	struct layout lo = { 0 };
	struct layout_error err;
	struct pmm_range *r;
	unsigned int nr;

	lo.entries = (struct layout_entry *)same;
	lo.nr_entries = 3;
	lo.file = "hand-made";
	ASSERT_EQ(0, layout_memblock(&lo, 12, &r, &nr, &err));
	expect_ranges(r, nr, w, 1);
	fail_alloc_free(r);

	lo.entries = (struct layout_entry *)two;
	ASSERT_EQ(-EINVAL, layout_memblock(&lo, 12, &r, &nr, &err));
	ASSERT_TRUE(r == NULL && nr == 0);
	ASSERT_EQ(12, err.line);
	ASSERT_TRUE(!strcmp(err.file, "hand-made"));
	ASSERT_TRUE(!strcmp(err.reason,
			    "ram 0x10000-0x1ffff on node 1 overlaps ram 0x0-0x17fff of node 0 on line 7"));
	/* with no RAM at all: nothing, and no error */
	lo.nr_entries = 0;
	ASSERT_EQ(0, layout_memblock(&lo, 12, &r, &nr, &err));
	ASSERT_TRUE(r == NULL && nr == 0);
	ASSERT_EQ(0, fail_alloc_live);
	return 0;
}

/* The Pi 4's device tree and its boot log's map hold the same memblock. */
static int memblock_dts_vs_dmesg(void)
{
	struct layout_error err;
	struct layout a, b;
	struct pmm_range *ra, *rb;
	unsigned int na, nb;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	ASSERT_EQ(0, layout_read_path(&a, LAYOUT_FORMAT_AUTO, FIXTURES "/arm64-rpi4-8g.dts", &err));
	ASSERT_EQ(0, layout_read_path(&b, LAYOUT_FORMAT_AUTO, LAYOUTS "/arm64-rpi4-8g.src", &err));
	ASSERT_EQ(0, layout_memblock(&a, 12, &ra, &na, &err));
	ASSERT_EQ(0, layout_memblock(&b, 12, &rb, &nb, &err));
	ASSERT_EQ(4, a.nr_entries);
	expect_ranges(ra, na, rb, nb);
	ASSERT_EQ(3, na);
	fail_alloc_free(ra);
	fail_alloc_free(rb);
	layout_free(&a);
	layout_free(&b);
	return 0;
}

/* ---- layout_write ---- */

static char *write_to_string(const struct layout *lo, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	if (!f)
		abort();
	ASSERT_EQ(0, layout_write(f, lo));
	fclose(f);
	return buf;
}

/* The entry lines of a text (not '#', not blank), joined. */
static char *entry_lines(const char *text, size_t len)
{
	char *out = malloc(len + 1), *o = out;
	size_t i = 0;

	if (!out)
		abort();
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (text + i)) : len - i;

		if (n && text[i] != '#') {
			memcpy(o, text + i, n);
			o += n;
			*o++ = '\n';
		}
		i += n + 1;
	}
	*o = '\0';
	return out;
}

/* Write, parse back: the same map; for data/layouts the same entry lines. */
static int case_roundtrip(void)
{
	struct layout lo, back;
	struct layout_error err;
	size_t len, olen;
	char *text = read_all(cur_path, &len), *out, *a, *b;
	int is_txt = strstr(cur_path, ".txt") != NULL;

	ASSERT_TRUE(text != NULL);
	if (!text)
		return 0;
	ASSERT_EQ(0, parse(LAYOUT_FORMAT_AUTO, text, len, &lo, &err));
	out = write_to_string(&lo, &olen);
	ASSERT_EQ(0, parse(LAYOUT_FORMAT_LAYOUT, out, olen, &back, &err));
	expect_same(&back, &lo);
	for (unsigned int i = 0; i < lo.nr_entries && i < back.nr_entries; i++)
		ASSERT_EQ(lo.entries[i].node_given, back.entries[i].node_given);
	ASSERT_EQ(lo.arch, back.arch);
	ASSERT_TRUE((!lo.source && !back.source) ||
		    (lo.source && back.source && !strcmp(lo.source, back.source)));
	ASSERT_TRUE((!lo.desc && !back.desc) ||
		    (lo.desc && back.desc && !strcmp(lo.desc, back.desc)));
	if (is_txt) {
		/* the bonus: byte-identical entry lines, and the whole file */
		a = entry_lines(text, len);
		b = entry_lines(out, olen);
		ASSERT_EQ(0, strcmp(a, b));
		ASSERT_EQ(len, olen);
		ASSERT_EQ(0, memcmp(text, out, len < olen ? len : olen));
		free(a);
		free(b);
	}
	layout_free(&lo);
	layout_free(&back);
	free(out);
	free(text);
	ASSERT_EQ(0, fail_alloc_live);
	return 0;
}

/* Control characters in a header are written as '?', one line each. */
static int write_headers(void)
{
	static struct layout_entry e[] = {
		{ 0x0, 0xfff, LAYOUT_PMEM, 5, 1, 1 },
		{ 0x1000, 0x1fff, LAYOUT_DEVICE, 0, 0, 2 },
	};
	struct layout lo = { 0 };
	size_t len;
	char *out;

	lo.desc = (char *)"two\nlines\tand a tab";
	lo.arch = LAYOUT_ARCH_OTHER;
	lo.entries = e;
	lo.nr_entries = 2;
	out = write_to_string(&lo, &len);
	ASSERT_EQ(0, strcmp(out, "# arch: other\n# desc: two?lines?and a tab\n"
			    "0x0000000000000000 0x0000000000000fff pmem 5\n"
			    "0x0000000000001000 0x0000000000001fff device\n"));
	free(out);
	e[0].type = LAYOUT_NR_TYPES;
	{
		FILE *f = fopen("/dev/null", "w");

		ASSERT_TRUE(f != NULL);
		if (f) {
			ASSERT_EQ(-EIO, layout_write(f, &lo));
			fclose(f);
		}
	}
	e[0].type = LAYOUT_PMEM;
	{
		FILE *f = fopen("/dev/full", "w");

		if (f) {
			ASSERT_EQ(-EIO, layout_write(f, &lo));
			fclose(f);
		}
	}
	return 0;
}

/* ---- detection and names ---- */

static int detect_and_names(void)
{
	static const char *const random_texts[] = {
		"", "\n\n\n", "hello world\n", "# a comment\n", "0x1000\n",
		"The quick brown fox\njumps over 0x1000-0x2000 lazy dogs\n",
		"00001000-00001fff Reserved\n", "m/0/size:0x10\n",
	};
	unsigned int i;
	enum layout_format f;
	char junk[512];
	unsigned long long rng = 0x64657465637421ULL;

	for (i = 0; i < ARRAY_SIZE(random_texts); i++) {
		ASSERT_EQ(LAYOUT_FORMAT_AUTO, layout_detect(random_texts[i], strlen(random_texts[i])));
		if (layout_detect(random_texts[i], strlen(random_texts[i])) != LAYOUT_FORMAT_AUTO)
			fprintf(stderr, "  text %u detected\n", i);
	}
	for (i = 0; i < 200; i++) {
		unsigned int k;

		for (k = 0; k < sizeof(junk); k++) {
			rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
			junk[k] = (char)(rng >> 56);
		}
		ASSERT_EQ(LAYOUT_FORMAT_AUTO, layout_detect(junk, sizeof(junk)));
	}
	ASSERT_EQ(LAYOUT_FORMAT_LAYOUT, layout_detect("# arch: x86_64\n", 15));
	ASSERT_EQ(LAYOUT_FORMAT_DTS, layout_detect("/* c */\n// d\n/ {\n};\n", 20));
	ASSERT_EQ(LAYOUT_FORMAT_DTS, layout_detect("#include \"x.dtsi\"\n", 18));
	ASSERT_EQ(LAYOUT_FORMAT_MEMMAP, layout_detect("3/end:0x1\n", 10));

	{
		static const char reason[] =
			"cannot tell the format (layout, iomem, memmap, dmesg, dts): give --format";
		struct layout_error err;
		struct layout lo;

		expect_refused(LAYOUT_FORMAT_AUTO, "hello\n", 0, 0, reason, &err);
		ASSERT_EQ(0, strcmp(err.reason, reason));	/* the whole of it */
		ASSERT_EQ(-EINVAL, parse_str((enum layout_format)99, "x", &lo, &err));
	}

	for (i = 0; i < LAYOUT_NR_FORMATS; i++) {
		const char *name = layout_format_name((enum layout_format)i);

		ASSERT_TRUE(name != NULL);
		ASSERT_EQ(0, layout_format_parse(name, &f));
		ASSERT_EQ(i, f);
	}
	ASSERT_EQ(0, strcmp(layout_format_name(LAYOUT_FORMAT_MEMMAP), "memmap"));
	ASSERT_TRUE(layout_format_name(LAYOUT_NR_FORMATS) == NULL);
	ASSERT_EQ(-EINVAL, layout_format_parse("proc", &f));
	return 0;
}

/* The .txt reader now says which entries named their node. */
static int layout_node_given(void)
{
	static const struct want w[] = {
		W(0x0, 0xfff, RAM),		/* node_given 0 */
		WN(0x1000, 0x1fff, RAM, 0),	/* node_given 1 */
	};

	expect_parse(LAYOUT_FORMAT_LAYOUT, "0x0 0xfff ram\n0x1000 0x1fff ram 0\n", 0,
		     LAYOUT_ARCH_NONE, w, ARRAY_SIZE(w), NULL);
	return 0;
}

/* read_path: stdin is "<stdin>", a missing file its errno. */
static int read_path_errors(void)
{
	struct layout_error err;
	struct layout lo;

	memset(&lo, 0, sizeof(lo));
	ASSERT_EQ(-ENOENT, layout_read_path(&lo, LAYOUT_FORMAT_AUTO, "/nonexistent/x", &err));
	ASSERT_EQ(0, err.line);
	ASSERT_TRUE(strstr(err.reason, "cannot open") != NULL);
	ASSERT_TRUE(is_zeroed(&lo));
	{
		FILE *saved = stdin;

		stdin = fmemopen((void *)"nothing\n", 8, "r");
		ASSERT_TRUE(stdin != NULL);
		if (stdin) {
			ASSERT_EQ(-EINVAL, layout_read_path(&lo, LAYOUT_FORMAT_AUTO, "-", &err));
			ASSERT_TRUE(!strcmp(err.file, "<stdin>"));
			fclose(stdin);
		}
		stdin = saved;
	}
	ASSERT_EQ(0, fail_alloc_live);
	return 0;
}

/* ---- this machine ---- */

/*
 * /proc/iomem shows the kernel's table and /sys/firmware/memmap the
 * firmware's: above 1 MiB their RAM must be the same pages; below, the
 * kernel reserves pages of its own (page 0, the BIOS area), so iomem's
 * RAM there is inside memmap's.
 */
static int live_iomem_vs_memmap(void)
{
	struct layout_error err;
	struct layout io, mm;
	struct pmm_range *ri, *rm;
	unsigned int ni, nm, i, k;
	int ret;

	memset(&io, 0, sizeof(io));
	memset(&mm, 0, sizeof(mm));
	if (access("/proc/iomem", R_OK) || access("/sys/firmware/memmap", R_OK))
		SKIP("no /proc/iomem or /sys/firmware/memmap");
	ret = layout_read_path(&io, LAYOUT_FORMAT_AUTO, "/proc/iomem", &err);
	if (ret && strstr(err.reason, "root only"))
		SKIP("/proc/iomem shows zeros (not root)");
	ASSERT_EQ(0, ret);
	ASSERT_EQ(LAYOUT_FORMAT_IOMEM, io.format);
	ASSERT_EQ(0, layout_read_path(&mm, LAYOUT_FORMAT_AUTO, "/sys/firmware/memmap", &err));
	ASSERT_EQ(LAYOUT_FORMAT_MEMMAP, mm.format);
	if (ret || mm.format != LAYOUT_FORMAT_MEMMAP)
		goto out;
	ASSERT_EQ(0, layout_memblock(&io, 12, &ri, &ni, &err));
	ASSERT_EQ(0, layout_memblock(&mm, 12, &rm, &nm, &err));
	ASSERT_TRUE(ni > 0 && nm > 0);
	/* below 1 MiB: each iomem range inside a memmap range */
	for (i = 0; i < ni && ri[i].start_pfn < 256; i++) {
		int inside = 0;

		for (k = 0; k < nm; k++)
			inside |= rm[k].start_pfn <= ri[i].start_pfn &&
				  (ri[i].end_pfn <= rm[k].end_pfn || ri[i].end_pfn > 256);
		ASSERT_TRUE(inside);
	}
	/* above: the same ranges, cut at 1 MiB */
	for (i = 0; i < ni && ri[i].end_pfn <= 256; i++)
		;
	for (k = 0; k < nm && rm[k].end_pfn <= 256; k++)
		;
	ASSERT_EQ(nm - k, ni - i);
	for (; i < ni && k < nm; i++, k++) {
		ASSERT_EQ(rm[k].start_pfn < 256 ? 256 : rm[k].start_pfn,
			  ri[i].start_pfn < 256 ? 256 : ri[i].start_pfn);
		ASSERT_EQ(rm[k].end_pfn, ri[i].end_pfn);
	}
	if (test_verbose)
		printf("  this machine: %u RAM ranges in /proc/iomem, %u in /sys/firmware/memmap\n",
		       ni, nm);
	fail_alloc_free(ri);
	fail_alloc_free(rm);
out:
	layout_free(&io);
	layout_free(&mm);
	return 0;
}

/* ---- seeded mutations of every fixture ---- */

static unsigned long long mut_rng;

static unsigned long long mut_next(void)
{
	mut_rng = mut_rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return mut_rng >> 17;
}

/* Mutate @buf (at most @cap bytes) in place; return the new length. */
static size_t mutate(char *buf, size_t len, size_t cap)
{
	static const char alphabet[] = "0x19afFX-:[]{}<>;=/\"#@&() \t\n\r\0mem node SRAT usable";
	unsigned int k, edits = 1 + (unsigned int)(mut_next() % 4);

	for (k = 0; k < edits && len; k++) {
		size_t at = (size_t)(mut_next() % len);
		char c = alphabet[mut_next() % (sizeof(alphabet) - 1)];

		switch (mut_next() % 5) {
		case 0:		/* overwrite */
			buf[at] = c;
			break;
		case 1:		/* insert */
			if (len < cap) {
				memmove(buf + at + 1, buf + at, len - at);
				buf[at] = c;
				len++;
			}
			break;
		case 2:		/* delete */
			memmove(buf + at, buf + at + 1, len - at - 1);
			len--;
			break;
		case 3:		/* cut the tail */
			len = at;
			break;
		default: {	/* copy a piece elsewhere */
			size_t from = (size_t)(mut_next() % len), n = (size_t)(mut_next() % 64);

			if (from + n > len)
				n = len - from;
			if (len + n <= cap) {
				memmove(buf + at + n, buf + at, len - at);
				memmove(buf + at, buf + (from >= at ? from + n : from), n);
				len += n;
			}
			break;
		}
		}
	}
	return len;
}

static int mutations(void)
{
	static const char *const dirs[] = { LAYOUTS, FIXTURES };
	char *texts[64];
	size_t lens[64];
	unsigned int nt = 0, d, refused = 0, read = 0;
	unsigned long op;

	for (d = 0; d < 2; d++) {
		char **names = list_dir(dirs[d], ""), **p;

		for (p = names; *p && nt < 64; p++) {
			/* a source is dtc's to read (one process a parse): test_fdt mutates blobs */
			if (strstr(*p, "README") || strstr(*p, ".dts"))
				continue;
			texts[nt] = read_all(*p, &lens[nt]);
			if (texts[nt])
				nt++;
		}
		test_free_list(names);
	}
	ASSERT_TRUE(nt >= 30);
	mut_rng = opt_seed;
	for (op = 0; op < opt_ops && nt; op++) {
		unsigned int t = (unsigned int)(mut_next() % nt);
		size_t cap = lens[t] + 256, len;
		char *buf = malloc(cap);
		enum layout_format fmt = (enum layout_format)(mut_next() % LAYOUT_NR_FORMATS);
		struct layout_error err;
		struct layout lo;
		int ret, failed_before = test_case_failed;

		if (!buf)
			abort();
		memcpy(buf, texts[t], lens[t]);
		len = mutate(buf, lens[t], cap);
		if (fmt == LAYOUT_FORMAT_DTS)
			fmt = LAYOUT_FORMAT_DTB;	/* as above: no dtc here */
		ret = parse(fmt, buf, len, &lo, &err);
		if (ret) {
			refused++;
			ASSERT_EQ(-EINVAL, ret);
			ASSERT_TRUE(err.reason[0] != '\0');
			ASSERT_TRUE(is_zeroed(&lo));
		} else {
			read++;
			expect_sane(&lo);
			layout_free(&lo);
		}
		ASSERT_EQ(0, fail_alloc_live);
		if (test_case_failed && !failed_before)
			fprintf(stderr, "  rerun: test_tools -s %#llx -n %lu (failed at op %lu)\n",
				opt_seed, op + 1, op);
		free(buf);
	}
	/* both outcomes, or the mutations test little */
	ASSERT_TRUE(refused > opt_ops / 20);
	ASSERT_TRUE(read > opt_ops / 20);
	if (test_verbose)
		printf("  mutations: %u read, %u refused\n", read, refused);
	for (d = 0; d < nt; d++)
		free(texts[d]);
	return 0;
}

int main(int argc, char **argv)
{
	int i;

	test_init(argc, argv);
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-s") && i + 1 < argc) {
			opt_seed = strtoull(argv[++i], NULL, 0);
		} else if (!strcmp(argv[i], "-n") && i + 1 < argc) {
			opt_ops = strtoul(argv[++i], NULL, 0);
		} else if (!strcmp(argv[i], "-t") && i + 1 < argc) {
			opt_tmp = argv[++i];
		} else if (strcmp(argv[i], "-v")) {
			fprintf(stderr, "usage: %s [-v] [-s SEED] [-n OPS] [-t TMPDIR]\n", argv[0]);
			return 2;
		}
	}
	printf("test-tools: seed %#llx, %lu mutations\n", opt_seed, opt_ops);

	/* data/layouts/README.md's check: every .src, all 12 */
	prefix_push("src");
	run_files(LAYOUTS, ".src", case_src, 12);
	prefix_pop();
	prefix_push("fixture");
	run_files(FIXTURES, ".dts", case_fixture, 5);
	run_files(FIXTURES, ".iomem", case_fixture, 2);
	run_files(FIXTURES, ".memmap", case_fixture, 2);
	prefix_pop();

	RUN(dmesg_e820_old_form);
	RUN(dmesg_e820_types);
	RUN(dmesg_e820_sanitised);
	RUN(dmesg_kernel_edits);
	RUN(dmesg_user_table);
	RUN(dmesg_srat_split);
	RUN(dmesg_srat_early);
	RUN(dmesg_early_only);
	RUN(dmesg_arch);
	RUN(dmesg_malformed);
	RUN(iomem_cases);
	RUN(iomem_malformed);
	RUN(memmap_cases);
	RUN(memmap_malformed);
	RUN(memmap_directory);
	RUN(garbage_every_parser);
	RUN(long_lines);
	RUN(alloc_failures);
	RUN(memblock_merge);
	RUN(memblock_overlap);
	RUN(memblock_dts_vs_dmesg);
	prefix_push("roundtrip");
	run_files(LAYOUTS, ".txt", case_roundtrip, 20);
	run_files(LAYOUTS, ".src", case_roundtrip, 12);
	run_files(FIXTURES, ".dts", case_roundtrip, 5);
	run_files(FIXTURES, ".iomem", case_roundtrip, 2);
	run_files(FIXTURES, ".memmap", case_roundtrip, 2);
	prefix_pop();
	RUN(write_headers);
	RUN(detect_and_names);
	RUN(layout_node_given);
	RUN(read_path_errors);
	RUN(live_iomem_vs_memmap);
	RUN(mutations);
	return test_summary("test-tools");
}
