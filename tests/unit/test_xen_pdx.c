// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_xen_pdx.c - Xen's frame table indexed by PDX, both compressions
 *
 * First the maps of Xen's own tools/tests/pdx (data/layouts/xen-test-pdx,
 * one file per case with Xen's expected answer on its
 * "# xen-pdx-compressible:" line): each compression must answer as Xen's
 * test expects, and where it compresses, the first and last PFN of every
 * range must be compressible and survive PFN -> PDX -> PFN.  Then the
 * frame table pmm_init builds, case by case.
 *
 * Parameters: 4 KiB pages, 52-bit physical addresses (the maps reach
 * 2^51 bytes), Xen's defaults otherwise: MAX_ORDER 18, 2 MiB groups of
 * 32-byte descriptors (65536 frames, 256 MiB of RAM, a group), lookup
 * tables of 64 entries.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "test_args.h"
#include "pmm_hosted.h"
#include "tools/layout/layout.h"

#define PMM_NAME xmask
#define PMM_MODEL PMM_MODEL_XEN_PDX_MASK
#define PMM_MAX_PHYSMEM_BITS 52
#include "pmm.h"

#define PMM_NAME xoff
#define PMM_MODEL PMM_MODEL_XEN_PDX_OFFSET
#define PMM_MAX_PHYSMEM_BITS 52
#include "pmm.h"

/* a Xen with room for two ranges only (Arm's NR_MEM_BANKS, shrunk) */
#define PMM_NAME xtwo
#define PMM_MODEL PMM_MODEL_XEN_PDX_MASK
#define PMM_MAX_PHYSMEM_BITS 52
#define PMM_PDX_MAX_RANGES 2
#include "pmm.h"

#ifndef UNIT_CC_SUFFIX
#define UNIT_CC_SUFFIX ""
#endif

#define GROUP		0x10000UL	/* PDX_GROUP_COUNT: frames a group */
#define GIB		0x40000UL	/* pages of 1 GiB */
#define NR(a)		(sizeof(a) / sizeof((a)[0]))
#define TEST_PDX_DIR	"data/layouts/xen-test-pdx"

static const char *maps_dir = TEST_PDX_DIR;

/* The "# xen-pdx-compressible: mask yes|no, offset yes|no" line of @path. */
static int expected_answers(const char *path, int *mask, int *offset)
{
	char line[256], m[8], o[8];
	FILE *f = fopen(path, "r");
	int found = 0;

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f))
		found = sscanf(line, "# xen-pdx-compressible: mask %7[a-z], offset %7[a-z]",
			       m, o) == 2;
	fclose(f);
	if (!found)
		return 0;
	*mask = !strcmp(m, "yes");
	*offset = !strcmp(o, "yes");
	return (!strcmp(m, "yes") || !strcmp(m, "no")) && (!strcmp(o, "yes") || !strcmp(o, "no"));
}

/* The file's RAM lines in the file's order (Xen's test feeds them unsorted). */
static unsigned int file_ranges(const struct layout *lo, struct pmm_range *out,
				unsigned int max)
{
	unsigned int i, n = 0;

	for (i = 0; i < lo->nr_entries && n < max; i++) {
		if (lo->entries[i].type != LAYOUT_RAM)
			continue;
		out[n].start_pfn = (unsigned long)(lo->entries[i].start >> 12);
		out[n].end_pfn = (unsigned long)((lo->entries[i].end + 1) >> 12);
		out[n].nid = lo->entries[i].node;
		n++;
	}
	return n;
}

/* Xen's per-range checks at both ends of every range, for one compression. */
#define CHECK_ROUND_TRIPS(model, r, n)							\
	do {										\
		unsigned int rng_;							\
		for (rng_ = 0; rng_ < (n); rng_++) {						\
			unsigned long ends_[2] = { (r)[rng_].start_pfn, (r)[rng_].end_pfn - 1 }; \
			unsigned int end_;						\
			for (end_ = 0; end_ < 2; end_++) {					\
				ASSERT_TRUE(pmm_##model##_pdx_region_compressible(ends_[end_], 1)); \
				ASSERT_EQ(ends_[end_], pmm_##model##_pdx_to_pfn(		\
					pmm_##model##_pfn_to_pdx(ends_[end_])));		\
			}								\
		}									\
	} while (0)

/*
 * Every map of Xen's tools/tests/pdx, through both compressions:
 *
 *	file:  ranges in Xen's order   expected: mask yes|no, offset yes|no
 *	         |                                 |
 *	         v                                 v
 *	pmm_<model>_pdx_compression_setup ---- answer == expected?
 *	         | compressed
 *	         v
 *	first and last PFN of each range: compressible, PFN -> PDX -> PFN
 *
 * Expect Xen's answer for every map (all 15 read), and every round trip
 * exact where a compression holds.
 */
static int xen_test_pdx_maps(void)
{
	char **paths;
	size_t nr_paths, p;
	unsigned int read = 0;

	PREFIX_PUSH();
	ASSERT_EQ(0, layout_list_maps(maps_dir, &paths, &nr_paths));
	for (p = 0; p < nr_paths; p++) {
		struct pmm_range r[32];
		struct layout_error err;
		struct layout lo;
		struct pmm_pdx info;
		int mask, offset;
		unsigned int n;

		prefix_push(strrchr(paths[p], '/') + 1);
		ASSERT_TRUE(expected_answers(paths[p], &mask, &offset));
		ASSERT_EQ(0, layout_read_file(&lo, paths[p], &err));
		n = file_ranges(&lo, r, NR(r));
		ASSERT_TRUE(n > 0);
		ASSERT_EQ(mask, pmm_xmask_pdx_compression_setup(r, n, &info));
		ASSERT_EQ(mask, info.compressed);
		if (mask)
			CHECK_ROUND_TRIPS(xmask, r, n);
		ASSERT_EQ(offset, pmm_xoff_pdx_compression_setup(r, n, &info));
		ASSERT_EQ(offset, info.compressed);
		if (offset)
			CHECK_ROUND_TRIPS(xoff, r, n);
		layout_free(&lo);
		prefix_pop();
		read++;
	}
	layout_free_maps(paths, nr_paths);
	ASSERT_EQ(15, read);
	PREFIX_POP();
	return 0;
}

/*
 * What each compression finds on three of Xen's maps, as Xen's own
 * test-pdx binaries print it:
 *
 *	t05 (1 GiB at 0 and 2 GiB, 2 GiB at 20 GiB)  mask: bit 21 removed
 *	t01 (Granite Rapids, 4 sockets)              offset: shift 29, regions
 *	                                             of 2^28 pages, 4 of them
 *	t08 (Versal Gen 2)                           offset: the index needs 8
 *	                                             bits, truncated to 6: shift
 *	                                             25, regions of 2^24 pages
 *
 * and a tie, two unused runs of two bits (18-19 and 21-22, RAM at 0,
 * 4 GiB and 32 GiB), where Xen takes the lowest.
 *
 * Expect those shifts and sizes exactly.
 */
static int xen_compression_parameters(void)
{
	static const struct pmm_range t05[] = {
		{ 0x0, 0x40000, 0 }, { 0x80000, 0xc0000, 0 }, { 0x500000, 0x580000, 0 },
	};
	static const struct pmm_range t01[] = {
		{ 0x0, 0x80000, 0 }, { 0x100000, 0x8080000, 0 },
		{ 0x63e80000, 0x6be80000, 1 }, { 0xc7e80000, 0xcfe80000, 2 },
		{ 0x12be80000, 0x133e80000, 3 },
	};
	static const struct pmm_range t08[] = {
		{ 0x0, 0x80000, 0 }, { 0x800000, 0x880000, 0 }, { 0x50000000, 0x50080000, 0 },
		{ 0x60000000, 0x60080000, 0 }, { 0x70000000, 0x70080000, 0 },
	};
	static const struct pmm_range tie[] = {
		{ 0x0, GIB, 0 }, { 0x100000, 0x100000 + GIB, 0 }, { 0x800000, 0x800000 + GIB, 0 },
	};
	struct pmm_pdx info;

	PREFIX_PUSH();
	ASSERT_EQ(1, pmm_xmask_pdx_compression_setup(tie, NR(tie), &info));
	ASSERT_EQ(2, info.hole_shift);
	ASSERT_EQ(18, info.bottom_shift);
	ASSERT_EQ(0x200000, pmm_xmask_pfn_to_pdx(0x800000));
	ASSERT_EQ(1, pmm_xmask_pdx_compression_setup(t05, NR(t05), &info));
	ASSERT_EQ(1, info.hole_shift);
	ASSERT_EQ(21, info.bottom_shift);
	ASSERT_EQ(0x300000, pmm_xmask_pfn_to_pdx(0x500000));
	ASSERT_EQ(1, pmm_xoff_pdx_compression_setup(t01, NR(t01), &info));
	ASSERT_EQ(29, info.pfn_index_shift);
	ASSERT_EQ(28, info.pdx_index_shift);
	ASSERT_EQ(0x10000000, info.region_size);
	ASSERT_EQ(4, info.nr_regions);
	ASSERT_EQ(0x30000000, pmm_xoff_pfn_to_pdx(0x12be80000));
	ASSERT_EQ(1, pmm_xoff_pdx_compression_setup(t08, NR(t08), &info));
	ASSERT_EQ(25, info.pfn_index_shift);
	ASSERT_EQ(0x1000000, info.region_size);
	ASSERT_EQ(0x3000000, pmm_xoff_pfn_to_pdx(0x70000000));
	PREFIX_POP();
	return 0;
}

/*
 * Mask compression's frame table, with a hole inside a group:
 *
 *	PFN   0     0x8000 0x9000      0x40000 ... 0x100000   0x140000
 *	      [RAM  ][hole][RAM         )          [RAM, node 1)
 *	PDX   0                        0x40000   = 0x40000 (bits 18-19 out)
 *	group 0 (hole backed)    .. 3              4 .. 7
 *
 * Expect the hole inside group 0 valid (reserved, node 0), the PFNs above
 * 1 GiB and below 4 GiB not valid, 8 groups of 2 MiB backed, node 1 from
 * memnodemap, every PFN's descriptor back to its PFN, and nothing held
 * after exit.
 */
static int mask_frame_table(void)
{
	static const struct pmm_range map[] = {
		{ 0x0, 0x8000, 0 }, { 0x9000, GIB, 0 }, { 0x100000, 0x100000 + GIB, 1 },
	};
	unsigned long long live = pmm_hosted_live;
	struct pmm_stats st;
	struct pmm_pdx info;

	PREFIX_PUSH();
	ASSERT_EQ(0, pmm_xmask_init(map, NR(map)));
	pmm_xmask_pdx_info(&info);
	ASSERT_EQ(1, info.compressed);
	ASSERT_EQ(2, info.hole_shift);
	ASSERT_EQ(2 * GIB, info.max_pdx);
	ASSERT_TRUE(pmm_xmask_pfn_valid(0x8000));
	ASSERT_TRUE(pmm_xmask_page_zonenum(pmm_xmask_pfn_to_page(0x8000)) >= 0);
	ASSERT_EQ(0, pmm_xmask_pfn_to_nid(0x8000));
	ASSERT_FALSE(pmm_xmask_pfn_valid(GIB));
	ASSERT_FALSE(pmm_xmask_pfn_valid(0xfffff));
	ASSERT_TRUE(pmm_xmask_pfn_valid(0x100000));
	ASSERT_FALSE(pmm_xmask_pfn_valid(0x100000 + GIB));
	ASSERT_EQ(1, pmm_xmask_pfn_to_nid(0x100000 + GIB - 1));
	ASSERT_EQ(0x100000 + 5, pmm_xmask_page_to_pfn(pmm_xmask_pfn_to_page(0x100000 + 5)));
	ASSERT_EQ(GIB + 5, (unsigned long)(pmm_xmask_pfn_to_page(0x100000 + 5) -
					  pmm_xmask_pfn_to_page(0)));
	pmm_xmask_stats(&st);
	ASSERT_EQ(8, st.memmap_bytes >> 21);
	ASSERT_EQ(8 * GROUP, st.memmap_pages);
	ASSERT_EQ(2, st.nr_nodes);
	pmm_xmask_exit();
	ASSERT_EQ(live, pmm_hosted_live);
	PREFIX_POP();
	return 0;
}

/*
 * RAM only at 4 GiB: Xen's bitmap starts with group 0 set.
 *
 *	PFN   0 (group 0: no RAM, valid)     0x100000 [RAM 1 GiB)
 *	PDX   0                              0x40000
 *
 * Expect PFN 0 valid (a reserved descriptor of node 0: one node makes
 * memnodemap a single slot over everything), 5 groups backed, not 4.
 */
static int mask_group_zero_always_valid(void)
{
	static const struct pmm_range map[] = { { 0x100000, 0x100000 + GIB, 0 } };
	struct pmm_stats st;

	PREFIX_PUSH();
	ASSERT_EQ(0, pmm_xmask_init(map, NR(map)));
	ASSERT_TRUE(pmm_xmask_pfn_valid(0));
	ASSERT_TRUE(pmm_xmask_pfn_valid(GROUP - 1));
	ASSERT_FALSE(pmm_xmask_pfn_valid(GROUP));
	ASSERT_EQ(0, pmm_xmask_pfn_to_nid(0));
	ASSERT_TRUE(pmm_xmask_page_to_pfn(pmm_xmask_pfn_to_page(0)) == 0);
	pmm_xmask_stats(&st);
	ASSERT_EQ(5, st.memmap_bytes >> 21);
	pmm_xmask_exit();
	PREFIX_POP();
	return 0;
}

/*
 * Nothing to squeeze: two adjacent ranges, then one range too many.
 *
 *	PFN  0 [RAM 6 GiB)[RAM 187 GiB)        (Xen's t14: contiguous)
 *	PDX  = PFN
 *
 * Expect the identity (PDX == PFN), every group up to the end backed; and
 * with PMM_PDX_MAX_RANGES 2, three compressible ranges left uncompressed.
 */
static int mask_identity(void)
{
	static const struct pmm_range clx[] = {
		{ 0x0, 0x180000, 0 }, { 0x180000, 0x3040000, 1 },
	};
	static const struct pmm_range three[] = {
		{ 0x0, GIB, 0 }, { 0x100000, 0x100000 + GIB, 0 }, { 0x200000, 0x200000 + GIB, 0 },
	};
	struct pmm_stats st;
	struct pmm_pdx info;

	PREFIX_PUSH();
	ASSERT_EQ(0, pmm_xmask_init(clx, NR(clx)));
	ASSERT_EQ(0x2ffffff, pmm_xmask_pfn_to_pdx(0x2ffffff));
	ASSERT_EQ(1, pmm_xmask_pfn_to_nid(0x3000000));
	pmm_xmask_stats(&st);
	ASSERT_EQ(0x3040000 / GROUP, st.memmap_bytes >> 21);
	pmm_xmask_exit();
	ASSERT_EQ(1, pmm_xmask_pdx_compression_setup(three, NR(three), &info));
	ASSERT_EQ(0, pmm_xtwo_pdx_compression_setup(three, NR(three), &info));
	ASSERT_EQ(0, info.compressed);
	ASSERT_EQ(0x200000, pmm_xtwo_pfn_to_pdx(0x200000));
	PREFIX_POP();
	return 0;
}

/*
 * Offset compression's frame table, two nodes (Xen's t11 with nodes):
 *
 *	PFN   0 [node 0: 2 GiB)  0x80000 ... 0x100000 [node 1: 2 GiB) 0x180000
 *	PDX   0 [               )0x80000 [             )0x100000
 *	slot  0                           1
 *
 * Expect the hole between not valid (outside its slot's region), node 1
 * found by memnodemap at shift 19, descriptors adjacent across the hole.
 */
static int offset_frame_table(void)
{
	static const struct pmm_range map[] = {
		{ 0x0, 0x80000, 0 }, { 0x100000, 0x180000, 1 },
	};
	unsigned long long live = pmm_hosted_live;
	struct pmm_pdx info;

	PREFIX_PUSH();
	ASSERT_EQ(0, pmm_xoff_init(map, NR(map)));
	pmm_xoff_pdx_info(&info);
	ASSERT_EQ(1, info.compressed);
	ASSERT_EQ(2, info.nr_regions);
	ASSERT_EQ(19, info.memnode_shift);
	ASSERT_EQ(2, info.memnodemap_size);
	ASSERT_FALSE(pmm_xoff_pfn_valid(0x80000));
	ASSERT_FALSE(pmm_xoff_pfn_valid(0xfffff));
	ASSERT_FALSE(pmm_xoff_pfn_valid(0x180000));
	ASSERT_TRUE(pmm_xoff_pfn_valid(0x100000));
	ASSERT_EQ(1, pmm_xoff_pfn_to_nid(0x100000));
	ASSERT_EQ(0, pmm_xoff_pfn_to_nid(0x7ffff));
	ASSERT_EQ(1, (unsigned long)(pmm_xoff_pfn_to_page(0x100000) -
				     pmm_xoff_pfn_to_page(0x7ffff)));
	ASSERT_EQ(0x17ffff, pmm_xoff_page_to_pfn(pmm_xoff_pfn_to_page(0x17ffff)));
	pmm_xoff_exit();
	ASSERT_EQ(live, pmm_hosted_live);
	PREFIX_POP();
	return 0;
}

/*
 * Bad input and a busy instance:
 *
 *	[RAM 0 .. 2 GiB)
 *	      [RAM 1 GiB .. )      overlapping
 *
 * Expect -EINVAL for overlapping ranges with nothing held, and the
 * compression left alone (-EBUSY) while an instance is up.
 */
static int bad_input(void)
{
	static const struct pmm_range overlap[] = { { 0x0, 2 * GIB, 0 }, { GIB, 3 * GIB, 0 } };
	static const struct pmm_range one[] = { { 0x0, GIB, 0 } };
	unsigned long long live = pmm_hosted_live;
	struct pmm_pdx info;

	PREFIX_PUSH();
	ASSERT_EQ(-PMM_EINVAL, pmm_xmask_init(overlap, NR(overlap)));
	ASSERT_EQ(-PMM_EINVAL, pmm_xoff_init(overlap, NR(overlap)));
	ASSERT_EQ(live, pmm_hosted_live);
	ASSERT_EQ(0, pmm_xoff_init(one, NR(one)));
	ASSERT_EQ(-PMM_EBUSY, pmm_xoff_pdx_compression_setup(one, NR(one), &info));
	ASSERT_TRUE(pmm_xoff_pfn_valid(GIB - 1));
	pmm_xoff_exit();
	ASSERT_EQ(live, pmm_hosted_live);
	PREFIX_POP();
	return 0;
}

static const struct test_option extra[] = {
	{ 'd', "DIR", "the maps of Xen's test-pdx (default " TEST_PDX_DIR ")", .str = &maps_dir },
	{ 0 }
};

static struct test_args args = {
	.about = "Xen's PDX frame table: test-pdx's maps, mask and offset compression",
	.extra = extra,
};

int main(int argc, char **argv)
{
	test_parse_args(&args, argc, argv);
	RUN(xen_test_pdx_maps);
	RUN(xen_compression_parameters);
	RUN(mask_frame_table);
	RUN(mask_group_zero_always_valid);
	RUN(mask_identity);
	RUN(offset_frame_table);
	RUN(bad_input);
	return test_summary("test_xen_pdx" UNIT_CC_SUFFIX);
}
