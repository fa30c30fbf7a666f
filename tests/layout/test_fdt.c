// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_fdt.c - the device-tree reader of tools/layout: blobs read with
 * libfdt (parse_fdt.c), sources compiled by dtc (dtc.c)
 *
 * Every .dts fixture's blob (compiled by the build into -d DIR) reads to
 * the .txt beside the source, as the source does through dtc, and fails
 * each of its allocations cleanly; then one case per rule and per way a
 * blob or a source is refused, each with the reason it must give; then
 * seeded mutations of the blobs (-s SEED -n OPS), which must be read
 * sanely or refused, never crash.  Blobs are parsed from heap copies of
 * their exact length, so a read past the end is caught (ASan, UBSan).
 *
 *	build/layout/test_fdt [-v] [-d DTBDIR] [-s SEED] [-n OPS] [-t TMPDIR]
 */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pmm_types.h"
#include "layout_test.h"

extern char **environ;

static const char *opt_dtb = "build/layout/dtb";
static const char *opt_tmp = "build/layout/tmp";
static unsigned long long opt_seed = 0x66647462ULL;
static unsigned long opt_ops = 20000;

/* ---- helpers ---- */

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) < 0 || fclose(f))
		abort();
}

/* @text compiled by dtc, the test's own run of it: the blob, malloc'd. */
static unsigned char *compile(const char *text, size_t *len)
{
	char src[512], out[512];
	const char *argv[] = { "dtc", "-q", "-I", "dts", "-O", "dtb", "-o", out, src, NULL };
	int status;
	pid_t pid;

	snprintf(src, sizeof(src), "%s/fdt-case.dts", opt_tmp);
	snprintf(out, sizeof(out), "%s/fdt-case.dtb", opt_tmp);
	write_text(src, text);
	remove(out);
	if (posix_spawnp(&pid, "dtc", NULL, NULL, (char *const *)argv, environ) ||
	    waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "  dtc did not compile the case's source:\n%s", text);
		return NULL;
	}
	return (unsigned char *)read_all(out, len);
}

static unsigned int get32(const unsigned char *p)
{
	return (unsigned int)p[0] << 24 | (unsigned int)p[1] << 16 | (unsigned int)p[2] << 8 | p[3];
}

static void put32(unsigned char *p, unsigned int v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* @lo holds exactly @w, read as @fmt, every line 0. */
static void expect_entries(const struct layout *lo, enum layout_format fmt,
			   const struct want *w, unsigned int nr)
{
	unsigned int i;

	ASSERT_EQ(fmt, lo->format);
	ASSERT_EQ(LAYOUT_ARCH_NONE, lo->arch);
	ASSERT_EQ(nr, lo->nr_entries);
	for (i = 0; i < nr && i < lo->nr_entries; i++) {
		const struct layout_entry *e = &lo->entries[i];

		ASSERT_EQ(w[i].start, e->start);
		ASSERT_EQ(w[i].end, e->end);
		ASSERT_EQ(w[i].type, e->type);
		ASSERT_EQ(w[i].node, e->node);
		ASSERT_EQ(w[i].node_given, e->node_given);
		ASSERT_EQ(0, e->line);
		if (w[i].start != e->start || w[i].end != e->end || w[i].type != e->type ||
		    w[i].node != e->node)
			fprintf(stderr, "  entry %u: 0x%llx-0x%llx %s %d\n", i, e->start, e->end,
				layout_type_name(e->type), e->node);
	}
}

/* Both are the same entries (start, end, type, node). */
static void expect_same(const struct layout *got, const struct layout *want)
{
	unsigned int i;

	ASSERT_EQ(want->nr_entries, got->nr_entries);
	for (i = 0; i < want->nr_entries && i < got->nr_entries; i++) {
		const struct layout_entry *a = &want->entries[i], *b = &got->entries[i];

		ASSERT_EQ(a->start, b->start);
		ASSERT_EQ(a->end, b->end);
		ASSERT_EQ(a->type, b->type);
		ASSERT_EQ(a->node, b->node);
	}
}

/*
 * @text must read, through dtc as dts and compiled beforehand as a blob,
 * to exactly @w; @desc (NULL: none) is the root's model.
 */
static void expect_read(const char *text, const struct want *w, unsigned int nr, const char *desc)
{
	struct layout_error err;
	struct layout lo;
	unsigned char *blob;
	size_t len = 0;
	int ret, k;

	for (k = 0; k < 2; k++) {
		if (!k) {
			ret = parse(LAYOUT_FORMAT_DTS, text, strlen(text), &lo, &err);
		} else {
			blob = compile(text, &len);
			ASSERT_TRUE(blob != NULL);
			if (!blob)
				return;
			ret = parse(LAYOUT_FORMAT_AUTO, blob, len, &lo, &err);
			free(blob);
		}
		ASSERT_EQ(0, ret);
		if (ret) {
			fprintf(stderr, "  as %s: ", k ? "dtb" : "dts");
			layout_print_error(stderr, &err);
			continue;
		}
		expect_entries(&lo, k ? LAYOUT_FORMAT_DTB : LAYOUT_FORMAT_DTS, w, nr);
		ASSERT_TRUE(lo.file && !strcmp(lo.file, NAME));
		ASSERT_TRUE(desc ? lo.desc && !strcmp(lo.desc, desc) : !lo.desc);
		layout_free(&lo);
	}
	ASSERT_EQ(0, fail_alloc_live);
}

/*
 * @ret and @err are a refusal: -EINVAL at @line for a reason holding
 * @reason, under the test's name, with nothing handed back or kept.
 */
static void expect_refusal(int ret, const struct layout *lo, const struct layout_error *err,
			   unsigned int line, const char *reason)
{
	int ok = ret == -EINVAL && err->line == line && strstr(err->reason, reason);

	ASSERT_EQ(-EINVAL, ret);
	ASSERT_EQ(line, err->line);
	ASSERT_TRUE(err->file && !strcmp(err->file, NAME));
	ASSERT_TRUE(is_zeroed(lo));
	ASSERT_TRUE(ok);
	if (!ok)
		fprintf(stderr, "  ret %d line %u reason \"%s\", expected line %u \"%s\"\n",
			ret, err->line, err->reason, line, reason);
	ASSERT_EQ(0, fail_alloc_live);
}

/* @len bytes of blob @blob are refused as dtb, and detected, for @reason. */
static void expect_blob_refused(const void *blob, size_t len, const char *reason)
{
	struct layout_error err;
	struct layout lo;

	expect_refusal(parse(LAYOUT_FORMAT_DTB, blob, len, &lo, &err), &lo, &err, 0, reason);
	if (len >= 4 && get32(blob) == 0xd00dfeed)
		expect_refusal(parse(LAYOUT_FORMAT_AUTO, blob, len, &lo, &err), &lo, &err, 0,
			       reason);
}

/* @text is refused for @reason: through dtc, and as dtc's blob. */
static void expect_refused(const char *text, const char *reason)
{
	struct layout_error err;
	struct layout lo;
	unsigned char *blob;
	size_t len = 0;

	expect_refusal(parse(LAYOUT_FORMAT_DTS, text, strlen(text), &lo, &err), &lo, &err, 0,
		       reason);
	blob = compile(text, &len);
	ASSERT_TRUE(blob != NULL);
	if (blob)
		expect_blob_refused(blob, len, reason);
	free(blob);
}

/* A read map is sane: ordered ranges, known types, RAM disjoint, no lines. */
static void expect_sane(const struct layout *lo)
{
	unsigned int i, j;

	ASSERT_EQ(LAYOUT_FORMAT_DTB, lo->format);
	for (i = 0; i < lo->nr_entries; i++) {
		const struct layout_entry *a = &lo->entries[i];

		ASSERT_TRUE(a->start <= a->end);
		ASSERT_TRUE(a->type == LAYOUT_RAM || a->type == LAYOUT_RESERVED);
		ASSERT_TRUE(a->node >= 0);
		ASSERT_TRUE(a->node_given || a->node == 0);
		ASSERT_EQ(0, a->line);
		for (j = i + 1; a->type == LAYOUT_RAM && j < lo->nr_entries && j < 2000; j++) {
			const struct layout_entry *b = &lo->entries[j];

			if (b->type == LAYOUT_RAM)
				ASSERT_TRUE(b->end < a->start || b->start > a->end);
		}
	}
}

/* ---- the fixtures' blobs ---- */

static const char *cur_blob;

/*
 * A fixture's blob, as dtc compiled it from tests/layout/data/<slug>.dts:
 *
 *	<slug>.dts --dtc--> <slug>.dtb --libfdt--> entries == <slug>.txt
 *	<slug>.dts --layout_read_path (dtc.c)----> the same, and the same model
 *
 * Expect the blob detected as dtb and read to the entries of the .txt (as
 * test_tools reads the source), the source to the same entries and model,
 * and every allocation of the blob's parse to fail cleanly.
 */
static int case_fixture(void)
{
	char txt[512], dts[512];
	const char *base = strrchr(cur_blob, '/') ? strrchr(cur_blob, '/') + 1 : cur_blob;
	int slug = (int)(strlen(base) - strlen(".dtb"));
	struct layout got, want, src;
	struct layout_error err;
	unsigned char *blob;
	size_t len = 0;

	snprintf(txt, sizeof(txt), "%s/%.*s.txt", FIXTURES, slug, base);
	snprintf(dts, sizeof(dts), "%s/%.*s.dts", FIXTURES, slug, base);
	blob = (unsigned char *)read_all(cur_blob, &len);
	ASSERT_TRUE(blob != NULL);
	if (!blob)
		return 0;
	ASSERT_EQ(LAYOUT_FORMAT_DTB, layout_detect((const char *)blob, len));
	ASSERT_EQ(0, layout_read_file(&want, txt, &err));
	memset(&got, 0, sizeof(got));
	ASSERT_EQ(0, layout_read_path(&got, LAYOUT_FORMAT_AUTO, cur_blob, &err));
	ASSERT_EQ(LAYOUT_FORMAT_DTB, got.format);
	expect_same(&got, &want);
	expect_sane(&got);
	layout_free(&got);
	ASSERT_EQ(0, parse(LAYOUT_FORMAT_AUTO, blob, len, &got, &err));
	expect_same(&got, &want);
	memset(&src, 0, sizeof(src));
	ASSERT_EQ(0, layout_read_path(&src, LAYOUT_FORMAT_AUTO, dts, &err));
	ASSERT_EQ(LAYOUT_FORMAT_DTS, src.format);
	expect_same(&src, &got);
	ASSERT_TRUE((!src.desc && !got.desc) ||
		    (src.desc && got.desc && !strcmp(src.desc, got.desc)));
	layout_free(&src);
	layout_free(&got);
	layout_free(&want);
	fail_every_alloc(LAYOUT_FORMAT_DTB, blob, len);
	free(blob);
	return 0;
}

/* ---- rules ---- */

/*
 * The Pi 4's blob read as it is, no dtc on the way: as the firmware hands
 * it to Linux, memory@0's reg in 2+1 cells:
 *
 *	reg   |0 .. 0x3b400000|  |0x40000000 .. 0xfc000000|  |4 GiB .. 6 GiB|6 .. 8 GiB|
 *	RAM    ram                ram                          ram            ram
 *
 * Expect layout_parse_fdt() itself, given the bytes at an odd address
 * (libfdt wants 8-byte alignment: the reader copies), to read those four
 * ranges and the model; and memblock to hold what the Pi's boot log
 * holds (data/layouts/arm64-rpi4-8g.src): three ranges.
 */
static int fdt_read_directly(void)
{
	static const struct want w[] = {
		W(0x0, 0x3b3fffff, RAM),
		W(0x40000000, 0xfbffffff, RAM),
		W(0x100000000, 0x17fffffff, RAM),
		W(0x180000000, 0x1ffffffff, RAM),
	};
	char path[512];
	struct layout_error err;
	struct layout lo, log;
	struct pmm_range *ra, *rb;
	unsigned int na, nb, i;
	unsigned char *blob, *odd;
	size_t len = 0;

	snprintf(path, sizeof(path), "%s/arm64-rpi4-8g.dtb", opt_dtb);
	blob = (unsigned char *)read_all(path, &len);
	ASSERT_TRUE(blob != NULL);
	if (!blob)
		return 0;
	odd = malloc(len + 1);
	if (!odd)
		abort();
	memcpy(odd + 1, blob, len);
	memset(&lo, 0, sizeof(lo));
	ASSERT_EQ(0, layout_parse_fdt(&lo, odd + 1, len, "pi4.dtb", &err));
	expect_entries(&lo, LAYOUT_FORMAT_DTB, w, ARRAY_SIZE(w));
	ASSERT_TRUE(lo.file && !strcmp(lo.file, "pi4.dtb"));
	ASSERT_TRUE(lo.desc && !strcmp(lo.desc, "Raspberry Pi 4 Model B Rev 1.4"));
	memset(&log, 0, sizeof(log));
	ASSERT_EQ(0, layout_read_path(&log, LAYOUT_FORMAT_AUTO, LAYOUTS "/arm64-rpi4-8g.src", &err));
	ASSERT_EQ(0, layout_memblock(&lo, 12, &ra, &na, &err));
	ASSERT_EQ(0, layout_memblock(&log, 12, &rb, &nb, &err));
	ASSERT_EQ(3, na);
	ASSERT_EQ(nb, na);
	for (i = 0; i < na && i < nb; i++) {
		ASSERT_EQ(rb[i].start_pfn, ra[i].start_pfn);
		ASSERT_EQ(rb[i].end_pfn, ra[i].end_pfn);
	}
	fail_alloc_free(ra);
	fail_alloc_free(rb);
	layout_free(&lo);
	layout_free(&log);
	free(odd);
	free(blob);
	ASSERT_EQ(0, fail_alloc_live);
	return 0;
}

/*
 * The Pi 4's blob cut short at every length:
 *
 *	|header 40|memreserve|structure .............|strings|   totalsize
 *	|<- cut at 0, 1, ..., totalsize - 1 ->|
 *
 * Expect every cut refused at line 0 with nothing kept (never a crash, nor
 * a read past the cut: ASan): under 8 bytes "too short for a device-tree
 * blob's header", from 8 on "truncated: the header's totalsize is N
 * bytes, the file holds M".
 */
static int fdt_truncated(void)
{
	char path[512], reason[128];
	unsigned char *blob;
	size_t len = 0, cut;

	snprintf(path, sizeof(path), "%s/arm64-rpi4-8g.dtb", opt_dtb);
	blob = (unsigned char *)read_all(path, &len);
	ASSERT_TRUE(blob != NULL && len > 40);
	if (!blob)
		return 0;
	ASSERT_EQ(len, get32(blob + 4));
	for (cut = 0; cut < len; cut++) {
		if (cut < 8)
			snprintf(reason, sizeof(reason),
				 "%zu bytes: too short for a device-tree blob's header", cut);
		else
			snprintf(reason, sizeof(reason),
				 "truncated: the header's totalsize is %zu bytes, the file holds %zu",
				 len, cut);
		expect_blob_refused(blob, cut, reason);
	}
	free(blob);
	return 0;
}

/*
 * A header that claims more than the file, and one that claims less than
 * its own blocks:
 *
 *	totalsize + 8  |blob ..................|????????|   past the file
 *	totalsize - 8  |blob ..........|xxxxxxxx|           strings cut off
 *
 * Expect the first refused before libfdt reads a byte ("truncated: the
 * header's totalsize is N + 8 bytes, the file holds N"), the second by
 * fdt_check_full ("FDT_ERR_TRUNCATED"); the bytes past a totalsize that
 * fits are not read: the blob with 8 bytes of junk after it still reads.
 */
static int fdt_totalsize_past_file(void)
{
	char path[512], reason[128];
	struct layout_error err;
	struct layout lo;
	unsigned char *blob, *more;
	size_t len = 0;

	snprintf(path, sizeof(path), "%s/arm64-rpi4-8g.dtb", opt_dtb);
	blob = (unsigned char *)read_all(path, &len);
	ASSERT_TRUE(blob != NULL);
	if (!blob)
		return 0;
	put32(blob + 4, (unsigned int)len + 8);
	snprintf(reason, sizeof(reason),
		 "truncated: the header's totalsize is %zu bytes, the file holds %zu", len + 8, len);
	expect_blob_refused(blob, len, reason);
	put32(blob + 4, (unsigned int)len - 8);
	expect_blob_refused(blob, len,
			    "not a valid device-tree blob: fdt_check_full: FDT_ERR_TRUNCATED");
	put32(blob + 4, (unsigned int)len);
	more = malloc(len + 8);
	if (!more)
		abort();
	memcpy(more, blob, len);
	memset(more + len, 0xa5, 8);
	ASSERT_EQ(0, parse(LAYOUT_FORMAT_DTB, more, len + 8, &lo, &err));
	ASSERT_EQ(4, lo.nr_entries);
	layout_free(&lo);
	free(more);
	free(blob);
	return 0;
}

/*
 * The Pi 4's blob relabelled as an old version, its root still named ""
 * as version 16 and later name it:
 *
 *	version 17, last_comp_version 16   read
 *	version 3,  last_comp_version 2    full-path names: refused
 *	version 15, last_comp_version 2    refused
 *
 * Expect the old versions refused for their version before libfdt 1.6.1's
 * fdt_check_full() is asked (it dereferences the NULL fdt_get_name()
 * gives for such a root: a crash, not an error).
 */
static int fdt_old_version(void)
{
	static const unsigned int versions[] = { 3, 15 };
	char path[512], reason[128];
	unsigned char *blob;
	size_t len = 0;
	unsigned int i;

	snprintf(path, sizeof(path), "%s/arm64-rpi4-8g.dtb", opt_dtb);
	blob = (unsigned char *)read_all(path, &len);
	ASSERT_TRUE(blob != NULL);
	if (!blob)
		return 0;
	ASSERT_EQ(17, get32(blob + 20));
	for (i = 0; i < ARRAY_SIZE(versions); i++) {
		put32(blob + 20, versions[i]);
		put32(blob + 24, 2);
		snprintf(reason, sizeof(reason),
			 "device-tree blob version %u: this reader takes 16 and later", versions[i]);
		expect_blob_refused(blob, len, reason);
	}
	free(blob);
	return 0;
}

/*
 * The cells that say how reg is read, bad in every way, at the root and
 * at /reserved-memory:
 *
 *	/ #address-cells = <3>        a 96-bit address
 *	/ #address-cells = <0>        no address
 *	/ #size-cells = <3>           a 96-bit size
 *	/ #address-cells = <1 1>      two cells
 *	/ #address-cells = [00 00 01] three bytes
 *	/reserved-memory #size-cells = <0>
 *
 * Expect each refused naming the node and what is wrong with the cells.
 */
static int fdt_bad_address_cells(void)
{
	static const struct {
		const char *cells;
		const char *rmem_cells;
		const char *reason;
	} c[] = {
		{ "#address-cells = <3>;", "", "/: #address-cells = <3>: memory addresses take 1 or 2 cells" },
		{ "#address-cells = <0>;", "", "/: #address-cells = <0>: memory addresses take 1 or 2 cells" },
		{ "#size-cells = <3>;", "", "/: #size-cells = <3>: memory sizes take 1 or 2 cells" },
		{ "#address-cells = <1 1>;", "", "/: #address-cells has 2 cells, not 1" },
		{ "#address-cells = [00 00 01];", "", "/: #address-cells is 3 bytes, not one cell" },
		{ "", "#size-cells = <0>;", "/reserved-memory: #size-cells = <0>: memory sizes take 1 or 2 cells" },
	};
	char text[1024];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		snprintf(text, sizeof(text),
			 "/dts-v1/;\n/ {\n\t%s\n"
			 "\tmemory@0 { device_type = \"memory\"; reg = <0 0 0x1000>; };\n"
			 "\treserved-memory { %s ranges; };\n};\n", c[i].cells, c[i].rmem_cells);
		expect_refused(text, c[i].reason);
	}
	return 0;
}

/*
 * reg (and linux,usable-memory) that is not whole (address, size) pairs:
 *
 *	2+1 cells   reg = <0 0x1000 0 0x1>           4 cells: 1 pair and 1 cell
 *	2+1 cells   reg = [00 00 00 00 00 10]        6 bytes: not whole cells
 *	2+1 cells   linux,usable-memory = <0 0 1 2>  4 cells
 *
 * Expect each refused naming the node, the property and the count.
 */
static int fdt_reg_not_whole_pairs(void)
{
	expect_refused("/dts-v1/;\n/ {\n\t#address-cells = <2>; #size-cells = <1>;\n"
		       "\tmemory@0 { device_type = \"memory\"; reg = <0x0 0x1000 0x0 0x1>; };\n};\n",
		       "/memory@0: reg has 4 cells, not pairs of 2 address and 1 size cells");
	expect_refused("/dts-v1/;\n/ {\n\t#address-cells = <2>; #size-cells = <1>;\n"
		       "\tmemory@0 { device_type = \"memory\"; reg = [00 00 00 00 00 10]; };\n};\n",
		       "/memory@0: reg is 6 bytes, not whole cells");
	expect_refused("/dts-v1/;\n/ {\n\t#address-cells = <2>; #size-cells = <1>;\n"
		       "\tmemory@0 { device_type = \"memory\"; reg = <0 0 0x1000>;\n"
		       "\t\tlinux,usable-memory = <0 0 1 2>; };\n};\n",
		       "/memory@0: linux,usable-memory has 4 cells, not pairs of 2 address and 1 size cells");
	return 0;
}

/*
 * Memory nodes by status (of_fdt_device_is_available()):
 *
 *	memory@0         (none)       |0 .. 1 MiB|            RAM
 *	memory@100000    "okay"       |1 .. 2 MiB|            RAM
 *	memory@200000    "ok"         |2 .. 3 MiB|            RAM
 *	memory@300000    "disabled"   |3 .. 4 MiB|            not RAM
 *	memory@400000    "fail"       |4 .. 5 MiB|            not RAM
 *	memory@500000    "okay" "x"   |5 .. 6 MiB|            RAM (the first string)
 *	memory@600000    <0>          |6 .. 7 MiB|            not RAM (no string)
 *	reserved-memory/a  no-map, "disabled"  |0 .. 64 KiB|  no hole
 *
 * Expect RAM from the first three and the sixth only, and no reserved
 * entry.
 */
static int fdt_disabled_node(void)
{
	static const char text[] =
		"/dts-v1/;\n/ {\n\t#address-cells = <1>; #size-cells = <1>;\n"
		"\tmemory@0 { device_type = \"memory\"; reg = <0x0 0x100000>; };\n"
		"\tmemory@100000 { device_type = \"memory\"; reg = <0x100000 0x100000>; status = \"okay\"; };\n"
		"\tmemory@200000 { device_type = \"memory\"; reg = <0x200000 0x100000>; status = \"ok\"; };\n"
		"\tmemory@300000 { device_type = \"memory\"; reg = <0x300000 0x100000>; status = \"disabled\"; };\n"
		"\tmemory@400000 { device_type = \"memory\"; reg = <0x400000 0x100000>; status = \"fail\"; };\n"
		"\tmemory@500000 { device_type = \"memory\"; reg = <0x500000 0x100000>; status = \"okay\", \"x\"; };\n"
		"\tmemory@600000 { device_type = \"memory\"; reg = <0x600000 0x100000>; status = <0>; };\n"
		"\treserved-memory { #address-cells = <1>; #size-cells = <1>; ranges;\n"
		"\t\ta@0 { reg = <0x0 0x10000>; no-map; status = \"disabled\"; };\n\t};\n};\n";
	static const struct want w[] = {
		W(0x0, 0xfffff, RAM),
		W(0x100000, 0x1fffff, RAM),
		W(0x200000, 0x2fffff, RAM),
		W(0x500000, 0x5fffff, RAM),
	};

	expect_read(text, w, ARRAY_SIZE(w), NULL);
	return 0;
}

/*
 * linux,usable-memory over reg (a kdump kernel's tree), on two nodes:
 *
 *	node 0  reg                  |0 ............................ 1 GiB|
 *	        linux,usable-memory  |0 .. 256 MiB|     |512 .. 768 MiB|
 *	node 1  reg                  |1 GiB ........ 2 GiB|
 *	        linux,usable-memory  (empty)
 *
 * Expect RAM 0-256 MiB and 512-768 MiB on node 0 and none of node 1: an
 * empty linux,usable-memory still overrides reg.
 */
static int fdt_usable_memory(void)
{
	static const char text[] =
		"/dts-v1/;\n/ {\n\t#address-cells = <1>; #size-cells = <1>;\n"
		"\tmemory@0 { device_type = \"memory\"; reg = <0x0 0x40000000>;\n"
		"\t\tlinux,usable-memory = <0x0 0x10000000 0x20000000 0x10000000>;\n"
		"\t\tnuma-node-id = <0>; };\n"
		"\tmemory@40000000 { device_type = \"memory\"; reg = <0x40000000 0x40000000>;\n"
		"\t\tlinux,usable-memory; numa-node-id = <1>; };\n};\n";
	static const struct want w[] = {
		WN(0x0, 0xfffffff, RAM, 0),
		WN(0x20000000, 0x2fffffff, RAM, 0),
	};

	expect_read(text, w, ARRAY_SIZE(w), NULL);
	return 0;
}

/*
 * /memreserve/ entries of the header, over RAM and past the 64-bit space:
 *
 *	RAM          |0 ......................... 16 MiB|
 *	/memreserve/ |0 .. 4 KiB|    |1 MiB .. 2 MiB|
 *
 * Expect the RAM whole and no entry for them (Linux memblock_reserve()s
 * them: they stay RAM); an entry from 2^64 - 64 KiB of 128 KiB refused
 * ("/memreserve/ entry 1: ... runs past the 64-bit space"); and a blob
 * whose /memreserve/ block starts 8 bytes before its end, with no room
 * for the zero entry that ends it, refused by libfdt.
 */
static int fdt_memreserve(void)
{
	static const char text[] =
		"/dts-v1/;\n/memreserve/ 0x0 0x1000;\n/memreserve/ 0x100000 0x100000;\n"
		"/ {\n\t#address-cells = <1>; #size-cells = <1>;\n"
		"\tmemory@0 { device_type = \"memory\"; reg = <0x0 0x1000000>; };\n};\n";
	static const struct want w[] = { W(0x0, 0xffffff, RAM) };
	unsigned char *blob;
	size_t len = 0;

	expect_read(text, w, ARRAY_SIZE(w), NULL);
	expect_refused("/dts-v1/;\n/memreserve/ 0x0 0x1000;\n/memreserve/ 0xffffffffffff0000 0x20000;\n"
		       "/ {\n\tmemory@0 { device_type = \"memory\"; reg = <0x0 0x0 0x1000>; };\n};\n",
		       "/memreserve/ entry 1: 0xffffffffffff0000 size 0x20000 runs past the 64-bit space");
	/* off_mem_rsvmap at the last 8 bytes: no room for the zero entry */
	blob = compile(text, &len);
	ASSERT_TRUE(blob != NULL);
	if (!blob)
		return 0;
	put32(blob + 16, (unsigned int)((len - 8) & ~(size_t)7));
	expect_blob_refused(blob, len, "not a valid device-tree blob: fdt_check_full: FDT_ERR_TRUNCATED");
	free(blob);
	return 0;
}

/*
 * Sources dtc refuses, each with the line it names:
 *
 *	line 5  reg = <0x0 0x0 0x0 zz>         syntax error
 *	line 2  / { ... x = <&nolabel>; ... }  a reference to no label (dtc
 *	                                       names the node's span)
 *	line 1  no /dts-v1/; header            syntax error, and the hint
 *	line 1  #include <...> (cpp not run)   syntax error, and the hint
 *
 * Expect -EINVAL at dtc's line with "dtc: " and dtc's first line of
 * complaint, its "<stdin>:L.C" place turned into the error's line.
 */
static int fdt_dtc_rejects(void)
{
	static const struct {
		const char *text;
		unsigned int line;
		const char *reason;
	} c[] = {
		{ "/dts-v1/;\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;\n"
		  "\tmemory@0 { device_type = \"memory\"; reg = <0x0 0x0 0x0 zz>; };\n};\n",
		  5, "dtc: syntax error" },
		{ "/dts-v1/;\n/ {\n\tmodel = \"m\";\n"
		  "\tx = <&nolabel>;\n\tmemory@0 { device_type = \"memory\"; reg = <0 0 0x1000>; };\n};\n",
		  2, "dtc: ERROR (phandle_references): /: Reference to non-existent node or label \"nolabel\"" },
		{ "/ { memory@0 { device_type = \"memory\"; reg = <0 0 1>; }; };\n",
		  1, "dtc: syntax error (dtc wants '/dts-v1/;' first)" },
		{ "#include <dt-bindings/gpio/gpio.h>\n/dts-v1/;\n/ { };\n",
		  1, "dtc: syntax error (a cpp directive: dtc takes cpp -P output)" },
	};
	struct layout_error err;
	struct layout lo;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		int ret = parse(LAYOUT_FORMAT_AUTO, c[i].text, strlen(c[i].text), &lo, &err);

		expect_refusal(ret, &lo, &err, c[i].line, c[i].reason);
		ASSERT_EQ(0, strcmp(err.reason, c[i].reason));	/* the whole of it */
	}
	return 0;
}

/*
 * No dtc on PATH (device-tree-compiler not installed):
 *
 *	PATH=/nonexistent   source ----X dtc
 *
 * Expect the source refused with a reason that says to install
 * device-tree-compiler, and a blob read all the same.
 */
static int fdt_no_dtc(void)
{
	static const char text[] =
		"/dts-v1/;\n/ { memory@0 { device_type = \"memory\"; reg = <0 0 0x1000>; }; };\n";
	char *saved = getenv("PATH") ? strdup(getenv("PATH")) : NULL;
	struct layout_error err;
	struct layout lo;
	unsigned char *blob;
	size_t len = 0;

	blob = compile(text, &len);
	ASSERT_TRUE(blob != NULL);
	setenv("PATH", "/nonexistent", 1);
	expect_refusal(parse(LAYOUT_FORMAT_AUTO, text, strlen(text), &lo, &err), &lo, &err, 0,
		       "no dtc on PATH: install device-tree-compiler");
	if (blob) {
		ASSERT_EQ(0, parse(LAYOUT_FORMAT_AUTO, blob, len, &lo, &err));
		ASSERT_EQ(1, lo.nr_entries);
		layout_free(&lo);
	}
	if (saved)
		setenv("PATH", saved, 1);
	else
		unsetenv("PATH");
	free(saved);
	free(blob);
	return 0;
}

/*
 * Every rule at once, in a source only dtc reads (labels, a reference,
 * an expression, /bits/, bytes, /delete-property/, a later &label block):
 *
 *	memory           1+1 cells: (0, 4K), (8K, 0) skipped, (12K, 4K)
 *	ram@80000000     device_type "memory", numa 2, grown by &mem1 to 512 MiB
 *	memory@a0000000  no device_type (the name), status "ok"
 *	memory@b0000000  status "fail"
 *	soc/memory@1     not a child of the root
 *	reserved-memory  2+2 cells; fw no-map (its "disabled" deleted),
 *	                 cma without no-map, off disabled, dyn without reg
 *
 * Expect RAM 0-4K, 12K-16K, 0x80000000-0x9fffffff on node 2 and
 * 0xa0000000-0xa00000ff, then fw reserved, and the model unescaped.
 */
static int fdt_exact(void)
{
	static const char text[] =
		"// cpp -P output\n"
		"/dts-v1/;\n"
		"/memreserve/ 0x0 0x1000;\n"
		"/ {\n"
		"\t#address-cells = <1>; #size-cells = <1>;\n"
		"\tmodel = \"a \\\"quoted\\\" board\";\n"
		"\tmemory { device_type = \"memory\"; reg = <0x0 0x1000 0x2000 0x0 0x3000 0x1000>; };\n"
		"\tmem1: ram@80000000 {\n"
		"\t\tdevice_type = \"memory\";\n"
		"\t\treg = <0x80000000 0x10000000>;\n"
		"\t\tnuma-node-id = <2>;\n"
		"\t};\n"
		"\tmemory@a0000000 { reg = <0xa0000000 0x100>; status = \"ok\"; };\n"
		"\tmemory@b0000000 { reg = <0xb0000000 0x100>; status = \"fail\"; };\n"
		"\tsoc { #address-cells = <1>; #size-cells = <1>;\n"
		"\t\tmemory@1 { device_type = \"memory\"; reg = <0x1 0x1>; }; };\n"
		"\treserved-memory {\n"
		"\t\t#address-cells = <2>; #size-cells = <2>; ranges;\n"
		"\t\tfw: fw@80000000 { reg = <0x0 0x80000000 0x0 0x100000>; no-map; status = \"disabled\"; };\n"
		"\t\tcma { reg = <0x0 0x88000000 0x0 0x100000>; reusable; };\n"
		"\t\toff@8f000000 { reg = <0x0 0x8f000000 0x0 0x1000>; no-map; status = \"disabled\"; };\n"
		"\t\tdyn { size = <0x0 0x1000>; no-map; };\n"
		"\t};\n"
		"\tgic: intc { interrupt-controller; #interrupt-cells = <2>;\n"
		"\t\tinterrupts = <0 (32 + 5)>, <&gic 1>; big = /bits/ 64 <0x100000000>; b = [00 01 ff]; };\n"
		"};\n"
		"&mem1 { reg = <0x80000000 0x20000000>; };\n"
		"&fw { /delete-property/ status; };\n";
	static const struct want w[] = {
		W(0x0, 0xfff, RAM),
		W(0x3000, 0x3fff, RAM),
		WN(0x80000000, 0x9fffffff, RAM, 2),
		W(0xa0000000, 0xa00000ff, RAM),
		W(0x80000000, 0x800fffff, RESERVED),
	};

	expect_read(text, w, ARRAY_SIZE(w), "a \"quoted\" board");
	return 0;
}

/*
 * One node's reg, grown by a later &label block, now overlaps another
 * node's:
 *
 *	memory@80000000  |0x80000000 ......... 0x9fffffff|   (after &mem1)
 *	memory@90000000              |0x90000000 .. +0xff|
 *
 * Expect the refusal to blame the node later in the blob and name the
 * other, both by path.
 */
static int fdt_overlap(void)
{
	static const char text[] =
		"/dts-v1/;\n"
		"/ {\n"
		"\t#address-cells = <1>; #size-cells = <1>;\n"
		"\tmem1: memory@80000000 { device_type = \"memory\"; reg = <0x80000000 0x10000000>; };\n"
		"\tmemory@90000000 { device_type = \"memory\"; reg = <0x90000000 0x100>; };\n"
		"};\n"
		"&mem1 {\n"
		"\treg = <0x80000000 0x20000000>;\n"
		"};\n";

	expect_refused(text, "/memory@90000000: ram 0x90000000-0x900000ff overlaps ram "
			     "0x80000000-0x9fffffff of /memory@80000000");
	return 0;
}

/*
 * Values a map cannot hold, and trees that are no map:
 *
 *	reg = <0xffffffff 0xffffffff 0x2>   2+1 cells: past 2^64
 *	numa-node-id = <0x80000000>         past INT_MAX
 *	numa-node-id = <1 2>                two cells
 *	/ { cpus { }; }                     no memory node
 *	"/dts-v1/;" as a blob               not the magic
 *
 * Expect each refused for its reason.
 */
static int fdt_bad_values(void)
{
	static const char text[] = "/dts-v1/;\n/ { };\n";

	expect_refused("/dts-v1/;\n/ { memory@0 { device_type = \"memory\"; reg = <0xffffffff 0xffffffff 0x2>; }; };\n",
		       "/memory@0: reg 0xffffffffffffffff size 0x2 runs past the 64-bit space");
	expect_refused("/dts-v1/;\n/ { memory@0 { device_type = \"memory\"; reg = <0 0 1>; numa-node-id = <0x80000000>; }; };\n",
		       "/memory@0: numa-node-id = <2147483648> is too large");
	expect_refused("/dts-v1/;\n/ { memory@0 { device_type = \"memory\"; reg = <0 0 1>; numa-node-id = <1 2>; }; };\n",
		       "/memory@0: numa-node-id has 2 cells, not 1");
	expect_refused("/dts-v1/;\n/ { cpus { }; };\n",
		       "no memory node (a root node named memory@... or with device_type = \"memory\")");
	expect_blob_refused(text, sizeof(text) - 1,
			    "not a device-tree blob: magic 0x2f647473, not 0xd00dfeed");
	expect_blob_refused("", 0, "0 bytes: too short for a device-tree blob's header");
	return 0;
}

/*
 * A source that includes a file beside it, read from another directory:
 *
 *	TMP/board.dts   /include/ "board-mem.dtsi"
 *	TMP/board-mem.dtsi   memory@0 (4 KiB)
 *
 * Expect layout_read_path() to have dtc find the .dtsi beside the source
 * (-i the source's directory), and the 4 KiB of RAM read.
 */
static int fdt_include_beside(void)
{
	static const struct want w[] = { W(0x0, 0xfff, RAM) };
	char dts[512], dtsi[512];
	struct layout_error err;
	struct layout lo;

	snprintf(dts, sizeof(dts), "%s/board.dts", opt_tmp);
	snprintf(dtsi, sizeof(dtsi), "%s/board-mem.dtsi", opt_tmp);
	write_text(dtsi, "/ { memory@0 { device_type = \"memory\"; reg = <0 0 0x1000>; }; };\n");
	write_text(dts, "/dts-v1/;\n/include/ \"board-mem.dtsi\"\n/ { model = \"inc\"; };\n");
	memset(&lo, 0, sizeof(lo));
	ASSERT_EQ(0, layout_read_path(&lo, LAYOUT_FORMAT_AUTO, dts, &err));
	expect_entries(&lo, LAYOUT_FORMAT_DTS, w, ARRAY_SIZE(w));
	layout_free(&lo);
	ASSERT_EQ(0, fail_alloc_live);
	return 0;
}

/*
 * The names and the magic:
 *
 *	d0 0d fe ed ...   dtb        "/dts-v1/;"   dts
 *	d0 0d fe          (3 bytes: not yet the magic)
 *
 * Expect detection by the magic alone, and "dtb" and "dts" to name the
 * formats both ways.
 */
static int fdt_detect(void)
{
	static const char magic[] = "\xd0\x0d\xfe\xed";
	enum layout_format f;

	ASSERT_EQ(LAYOUT_FORMAT_DTB, layout_detect(magic, 4));
	ASSERT_EQ(LAYOUT_FORMAT_AUTO, layout_detect(magic, 3));
	ASSERT_EQ(LAYOUT_FORMAT_DTS, layout_detect("/dts-v1/;\n/ { };\n", 17));
	ASSERT_EQ(0, strcmp(layout_format_name(LAYOUT_FORMAT_DTB), "dtb"));
	ASSERT_EQ(0, layout_format_parse("dtb", &f));
	ASSERT_EQ(LAYOUT_FORMAT_DTB, f);
	ASSERT_EQ(0, layout_format_parse("dts", &f));
	ASSERT_EQ(LAYOUT_FORMAT_DTS, f);
	return 0;
}

/* ---- hostile blobs ---- */

static unsigned long long mut_rng;

static unsigned long long mut_next(void)
{
	mut_rng = mut_rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return mut_rng >> 17;
}

/*
 * Mutate a blob in place where a parser looks: header fields, cell
 * values, lengths, tags, a byte anywhere; sometimes cut it.
 */
static size_t mutate(unsigned char *b, size_t len)
{
	static const unsigned int words[] = {
		0, 1, 2, 3, 4, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffff0,
		0xd00dfeed, 0x10, 0x11, 0x28, 0x38,
	};
	unsigned int k, edits = 1 + (unsigned int)(mut_next() % 3);

	for (k = 0; k < edits && len >= 8; k++) {
		size_t at = (size_t)(mut_next() % (len - 3)) & ~(size_t)3;

		switch (mut_next() % 5) {
		case 0:		/* a header field */
			at = (size_t)(mut_next() % 10) * 4;
			if (at + 4 <= len)
				put32(b + at, words[mut_next() % ARRAY_SIZE(words)]);
			break;
		case 1:		/* a word of the blob: a length, a cell, a tag */
			put32(b + at, words[mut_next() % ARRAY_SIZE(words)]);
			break;
		case 2:		/* a word, off by a little */
			put32(b + at, get32(b + at) + (unsigned int)(mut_next() % 9) - 4);
			break;
		case 3:		/* a byte anywhere */
			b[mut_next() % len] = (unsigned char)mut_next();
			break;
		default:	/* cut, and say so in the header or not */
			len -= (size_t)(mut_next() % (len / 4 + 1));
			if (mut_next() % 2 && len >= 8)
				put32(b + 4, (unsigned int)len);
			break;
		}
	}
	return len;
}

/*
 * Seeded mutations of every fixture's blob (-s SEED -n OPS):
 *
 *	blob --mutate--> layout_parse_fdt(): read sanely, or refused at line 0
 *
 * Expect both outcomes many times, never a crash, a read outside the blob
 * or a leak (ASan, UBSan, fail_alloc_live).
 */
static int fdt_mutations(void)
{
	unsigned char *blobs[32], *buf;
	size_t lens[32], cap = 0;
	unsigned int nb = 0, refused = 0, read = 0, i;
	unsigned long op;
	/* in name order: a seed mutates the same blobs on every file system */
	char **names = test_list_dir(opt_dtb, ".dtb"), **p;

	ASSERT_TRUE(names != NULL);
	if (!names)
		return 0;
	for (p = names; *p && nb < ARRAY_SIZE(blobs); p++) {
		blobs[nb] = (unsigned char *)read_all(*p, &lens[nb]);
		if (blobs[nb]) {
			cap = lens[nb] > cap ? lens[nb] : cap;
			nb++;
		}
	}
	test_free_list(names);
	ASSERT_TRUE(nb >= 5);
	buf = malloc(cap + 1);
	if (!buf)
		abort();
	mut_rng = opt_seed;
	for (op = 0; op < opt_ops && nb; op++) {
		unsigned int t = (unsigned int)(mut_next() % nb);
		int ret, failed_before = test_case_failed;
		struct layout_error err;
		struct layout lo;
		size_t len;

		memcpy(buf, blobs[t], lens[t]);
		len = mutate(buf, lens[t]);
		ret = parse(LAYOUT_FORMAT_DTB, buf, len, &lo, &err);
		if (ret) {
			refused++;
			ASSERT_EQ(-EINVAL, ret);
			ASSERT_TRUE(err.reason[0] != '\0');
			ASSERT_EQ(0, err.line);
			ASSERT_TRUE(is_zeroed(&lo));
		} else {
			read++;
			expect_sane(&lo);
			layout_free(&lo);
		}
		ASSERT_EQ(0, fail_alloc_live);
		if (test_case_failed && !failed_before)
			fprintf(stderr, "  rerun: test_fdt -s %#llx -n %lu (failed at op %lu)\n",
				opt_seed, op + 1, op);
	}
	ASSERT_TRUE(refused > opt_ops / 20);
	ASSERT_TRUE(read > opt_ops / 20);
	if (test_verbose)
		printf("  mutations: %u read, %u refused\n", read, refused);
	for (i = 0; i < nb; i++)
		free(blobs[i]);
	free(buf);
	return 0;
}

/* Each fixture's blob in -d DIR, in name order: at least the five sources. */
static void run_fixtures(void)
{
	char **names = test_list_dir(opt_dtb, ".dtb"), **p;
	unsigned int n = 0;

	prefix_push("fixture");
	for (p = names; p && *p; p++, n++) {
		cur_blob = *p;
		run_case(strrchr(*p, '/') + 1, case_fixture);
	}
	prefix_pop();
	test_free_list(names);
	if (n < 5) {
		fprintf(stderr, "FAIL: %u blobs in %s, expected at least 5 (make test-fdt builds them)\n",
			n, opt_dtb);
		test_failed++;
	}
}

int main(int argc, char **argv)
{
	int i;

	test_init(argc, argv);
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-d") && i + 1 < argc) {
			opt_dtb = argv[++i];
		} else if (!strcmp(argv[i], "-t") && i + 1 < argc) {
			opt_tmp = argv[++i];
		} else if (!strcmp(argv[i], "-s") && i + 1 < argc) {
			opt_seed = strtoull(argv[++i], NULL, 0);
		} else if (!strcmp(argv[i], "-n") && i + 1 < argc) {
			opt_ops = strtoul(argv[++i], NULL, 0);
		} else if (strcmp(argv[i], "-v")) {
			fprintf(stderr, "usage: %s [-v] [-d DTBDIR] [-s SEED] [-n OPS] [-t TMPDIR]\n",
				argv[0]);
			return 2;
		}
	}
	mkdir(opt_tmp, 0777);
	printf("test-fdt: seed %#llx, %lu mutations\n", opt_seed, opt_ops);
	run_fixtures();
	RUN(fdt_read_directly);
	RUN(fdt_truncated);
	RUN(fdt_totalsize_past_file);
	RUN(fdt_old_version);
	RUN(fdt_bad_address_cells);
	RUN(fdt_reg_not_whole_pairs);
	RUN(fdt_disabled_node);
	RUN(fdt_usable_memory);
	RUN(fdt_memreserve);
	RUN(fdt_dtc_rejects);
	RUN(fdt_no_dtc);
	RUN(fdt_exact);
	RUN(fdt_overlap);
	RUN(fdt_bad_values);
	RUN(fdt_include_beside);
	RUN(fdt_detect);
	RUN(fdt_mutations);
	return test_summary("test-fdt");
}
