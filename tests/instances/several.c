/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * several.c - several pmm instances in one translation unit.
 *
 * Six named instances (every model, two of them with the same parameters)
 * and the unnamed one live side by side.  Each gets its own memory map and
 * must answer from it alone while the calls interleave; taking one down
 * must leave the others whole (ASan sees a use after free otherwise).
 */
#include <errno.h>	/* pmm_hosted.h, through test_alloc.h, needs it first */
#include "test.h"
#include "test_args.h"
#include "test_alloc.h"

#define PMM_ALLOC(b, a, n)	test_alloc((b), (a), (n))
#define PMM_FREE(p, b)		test_free((p), (b))
#define PMM_NAME flat
#define PMM_MODEL PMM_MODEL_FLATMEM
#define PMM_ARCH_PFN_OFFSET 0x100
#include "pmm.h"

#define PMM_ALLOC(b, a, n)	test_alloc((b), (a), (n))
#define PMM_FREE(p, b)		test_free((p), (b))
#define PMM_NAME discontig
#define PMM_MODEL PMM_MODEL_DISCONTIGMEM
#define PMM_DISCONTIG_NID PMM_NID_BY_TABLE
#include "pmm.h"

#define PMM_ALLOC(b, a, n)	test_alloc((b), (a), (n))
#define PMM_FREE(p, b)		test_free((p), (b))
#define PMM_NAME sparse
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_SPARSEMEM_EXTREME 0
#include "pmm.h"

/* 64 KiB pages and 512 MiB sections, as arm64 with 64K pages */
#define PMM_ALLOC(b, a, n)	test_alloc((b), (a), (n))
#define PMM_FREE(p, b)		test_free((p), (b))
#define PMM_NAME sparse64k
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_PAGE_SHIFT 16
#define PMM_SECTION_SIZE_BITS 29
#define PMM_MAX_PHYSMEM_BITS 48
#include "pmm.h"

/* twins: the same parameters, two instances */
#define PMM_ALLOC(b, a, n)	test_alloc((b), (a), (n))
#define PMM_FREE(p, b)		test_free((p), (b))
#define PMM_NAME twin1
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#include "pmm.h"

#define PMM_ALLOC(b, a, n)	test_alloc((b), (a), (n))
#define PMM_FREE(p, b)		test_free((p), (b))
#define PMM_NAME twin2
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#include "pmm.h"

/* and the unnamed instance, with the hosted hooks */
#define PMM_MODEL PMM_MODEL_FLATMEM
#include "pmm.h"

#define NR(a)	(sizeof(a) / sizeof((a)[0]))

/* Each instance's own map: no two agree on which PFNs are valid. */
static const struct pmm_range flat_map[] = {
	{ 0x100, 0x1000, 0 }, { 0x2000, 0x3000, 1 },
};
/* 64 MiB chunks are 0x4000 pages: one node per chunk */
static const struct pmm_range discontig_map[] = {
	{ 0x0000, 0x4000, 0 }, { 0x8000, 0xa000, 1 },
};
/* 128 MiB sections are 0x8000 pages */
static const struct pmm_range sparse_map[] = {
	{ 0x00000, 0x00100, 0 }, { 0x40000, 0x48000, 1 },
};
/* 512 MiB sections of 64 KiB pages are 0x2000 pages */
static const struct pmm_range sparse64k_map[] = {
	{ 0x4000, 0x4800, 2 },
};
static const struct pmm_range twin1_map[] = {
	{ 0x00000, 0x08000, 0 },
};
static const struct pmm_range twin2_map[] = {
	{ 0x10000, 0x18000, 2 },
};
static const struct pmm_range plain_map[] = {
	{ 0x0, 0x80, 3 },
};

/* One probe: the answer each instance must give for a PFN. */
struct probe {
	unsigned long pfn;
	int flat, discontig, sparse, sparse64k, twin1, twin2, plain;	/* nid, or -1: invalid */
};

/*
 * A hole with a descriptor has the node of the next range above it, or of
 * the last range at the end of RAM (Linux 6.12's memmap_init): so sparse's
 * section 0 hole, from 0x100 on, belongs to node 1.
 */
static const struct probe probes[] = {
	/* pfn       flat dis  sp  64k  t1  t2  plain */
	{ 0x0,       -1,  0,   0,  -1,  0,  -1,  3 },
	{ 0x7f,      -1,  0,   0,  -1,  0,  -1,  3 },
	{ 0x80,      -1,  0,   0,  -1,  0,  -1, -1 },
	{ 0xff,      -1,  0,   0,  -1,  0,  -1, -1 },
	{ 0x100,      0,  0,   1,  -1,  0,  -1, -1 },
	{ 0x1500,     1,  0,   1,  -1,  0,  -1, -1 },	/* a hole FLATMEM still maps */
	{ 0x2fff,     1,  0,   1,  -1,  0,  -1, -1 },
	{ 0x3000,    -1,  0,   1,  -1,  0,  -1, -1 },
	{ 0x4000,    -1, -1,   1,   2,  0,  -1, -1 },
	{ 0x47ff,    -1, -1,   1,   2,  0,  -1, -1 },
	{ 0x5fff,    -1, -1,   1,   2,  0,  -1, -1 },	/* the 64K section's hole */
	{ 0x6000,    -1, -1,   1,  -1,  0,  -1, -1 },
	{ 0x7fff,    -1, -1,   1,  -1,  0,  -1, -1 },	/* end of sparse's section 0 */
	{ 0x8000,    -1,  1,  -1,  -1, -1,  -1, -1 },
	{ 0x9fff,    -1,  1,  -1,  -1, -1,  -1, -1 },
	{ 0xa000,    -1, -1,  -1,  -1, -1,  -1, -1 },
	{ 0x10000,   -1, -1,  -1,  -1, -1,   2, -1 },
	{ 0x17fff,   -1, -1,  -1,  -1, -1,   2, -1 },
	{ 0x18000,   -1, -1,  -1,  -1, -1,  -1, -1 },
	{ 0x40000,   -1, -1,   1,  -1, -1,  -1, -1 },
	{ 0x47fff,   -1, -1,   1,  -1, -1,  -1, -1 },
	{ 0x48000,   -1, -1,  -1,  -1, -1,  -1, -1 },
};

/*
 * Check one instance's answer for one PFN: validity, the node through the
 * descriptor, and the round trip.  A macro, because each instance has its
 * own page type.
 */
#define CHECK_PFN(N, pfn, want)						\
	do {								\
		ASSERT_EQ((want) >= 0, pmm_##N##_pfn_valid(pfn));	\
		if ((want) >= 0 && pmm_##N##_pfn_valid(pfn)) {		\
			struct pmm_##N##_page *pg_ = pmm_##N##_pfn_to_page(pfn); \
			ASSERT_EQ((pfn), pmm_##N##_page_to_pfn(pg_));	\
			ASSERT_EQ((want), pmm_##N##_page_to_nid(pg_));	\
			ASSERT_EQ((want), pmm_##N##_pfn_to_nid(pfn));	\
		}							\
	} while (0)

static void check_all_probes(int with_flat)
{
	unsigned int i;

	/* instance after instance on the same PFN: the calls interleave */
	for (i = 0; i < NR(probes); i++) {
		const struct probe *p = &probes[i];

		if (with_flat)
			CHECK_PFN(flat, p->pfn, p->flat);
		CHECK_PFN(discontig, p->pfn, p->discontig);
		CHECK_PFN(sparse, p->pfn, p->sparse);
		CHECK_PFN(sparse64k, p->pfn, p->sparse64k);
		CHECK_PFN(twin1, p->pfn, p->twin1);
		CHECK_PFN(twin2, p->pfn, p->twin2);
		/* the unnamed instance's functions have no infix */
		ASSERT_EQ(p->plain >= 0, pmm_pfn_valid(p->pfn));
		if (p->plain >= 0) {
			ASSERT_EQ(p->pfn, pmm_page_to_pfn(pmm_pfn_to_page(p->pfn)));
			ASSERT_EQ(p->plain, pmm_page_to_nid(pmm_pfn_to_page(p->pfn)));
		}
	}
}

static long long flat_bytes;	/* what the flat instance holds from test_alloc */

static int init_all(void)
{
	long long before;
	int err = 0;

	/* in an order unlike the order of the includes */
	err |= pmm_twin2_init(twin2_map, NR(twin2_map));
	err |= pmm_sparse_init(sparse_map, NR(sparse_map));
	before = test_alloc_live_bytes;
	err |= pmm_flat_init(flat_map, NR(flat_map));
	flat_bytes = test_alloc_live_bytes - before;
	err |= pmm_init(plain_map, NR(plain_map));
	err |= pmm_discontig_init(discontig_map, NR(discontig_map));
	err |= pmm_twin1_init(twin1_map, NR(twin1_map));
	err |= pmm_sparse64k_init(sparse64k_map, NR(sparse64k_map));
	return err;
}

static void exit_all(void)
{
	pmm_sparse64k_exit();
	pmm_flat_exit();
	pmm_twin1_exit();
	pmm_exit();
	pmm_discontig_exit();
	pmm_sparse_exit();
	pmm_twin2_exit();
}

static int params_are_per_instance(void)
{
	PREFIX_PUSH();
	ASSERT_EQ(0, strcmp(pmm_flat_params.name, "flat"));
	ASSERT_EQ(0, strcmp(pmm_twin2_params.name, "twin2"));
	ASSERT_EQ(0, strcmp(pmm_params.name, ""));
	ASSERT_EQ(PMM_MODEL_FLATMEM, pmm_flat_params.model);
	ASSERT_EQ(PMM_MODEL_DISCONTIGMEM, pmm_discontig_params.model);
	ASSERT_EQ(PMM_NID_BY_TABLE, pmm_discontig_params.discontig_nid);
	ASSERT_EQ(PMM_MODEL_SPARSEMEM, pmm_sparse_params.model);
	ASSERT_EQ(0, pmm_sparse_params.extreme);
	ASSERT_EQ(16, pmm_sparse64k_params.page_shift);
	ASSERT_EQ(29, pmm_sparse64k_params.section_size_bits);
	ASSERT_EQ(48, pmm_sparse64k_params.max_physmem_bits);
	ASSERT_EQ(12, pmm_sparse_params.page_shift);
	ASSERT_EQ(0x100, pmm_flat_params.pfn_offset);
	ASSERT_EQ(0, pmm_params.pfn_offset);
	ASSERT_EQ(PMM_MODEL_SPARSEMEM_VMEMMAP, pmm_twin1_params.model);
	ASSERT_EQ(PMM_MODEL_FLATMEM, pmm_params.model);
	/* the section API of one instance answers with its own geometry */
	ASSERT_EQ(1, pmm_sparse_pfn_to_section_nr(0x8000));
	ASSERT_EQ(0, pmm_sparse64k_pfn_to_section_nr(0x8000 - 1) >> 2);
	ASSERT_EQ(4, pmm_sparse64k_pfn_to_section_nr(0x8000));
	ASSERT_EQ(0x8000, pmm_sparse_section_nr_to_pfn(1));
	ASSERT_EQ(0x2000, pmm_sparse64k_section_nr_to_pfn(1));
	PREFIX_POP();
	return 0;
}

static int each_answers_from_its_own_map(void)
{
	PREFIX_PUSH();
	ASSERT_EQ(0, init_all());
	check_all_probes(1);
	exit_all();
	ASSERT_EQ(0, test_alloc_live_blocks);
	PREFIX_POP();
	return 0;
}

static int stats_are_per_instance(void)
{
	struct pmm_stats a, b, t1, t2;

	PREFIX_PUSH();
	ASSERT_EQ(0, init_all());
	pmm_flat_stats(&a);
	pmm_discontig_stats(&b);
	pmm_twin1_stats(&t1);
	pmm_twin2_stats(&t2);
	ASSERT_EQ(0xf00 + 0x1000, a.ram_pages);
	ASSERT_EQ(0x3000 - 0x100, a.memmap_pages);
	ASSERT_EQ(2, a.nr_nodes);
	ASSERT_EQ(0x4000 + 0x2000, b.ram_pages);
	ASSERT_EQ(2, b.nr_nodes);
	ASSERT_EQ(0x8000, t1.ram_pages);
	ASSERT_EQ(0x8000, t2.ram_pages);
	ASSERT_EQ(1, t1.nr_present_sections);
	ASSERT_EQ(1, t2.nr_present_sections);
	exit_all();
	PREFIX_POP();
	return 0;
}

static int twins_keep_separate_state(void)
{
	PREFIX_PUSH();
	/* only one twin up: the other knows nothing */
	ASSERT_EQ(0, pmm_twin1_init(twin1_map, NR(twin1_map)));
	ASSERT_TRUE(pmm_twin1_pfn_valid(0x100));
	ASSERT_FALSE(pmm_twin2_pfn_valid(0x100));
	ASSERT_FALSE(pmm_twin2_present_section_nr(0));
	ASSERT_TRUE(pmm_twin1_present_section_nr(0));
	/* the second may be brought up while the first is up */
	ASSERT_EQ(0, pmm_twin2_init(twin2_map, NR(twin2_map)));
	ASSERT_EQ(-PMM_EBUSY, pmm_twin1_init(twin2_map, NR(twin2_map)));
	ASSERT_FALSE(pmm_twin1_pfn_valid(0x10000));
	ASSERT_TRUE(pmm_twin2_pfn_valid(0x10000));
	/* each twin's memmap is its own: different nodes in the descriptors */
	ASSERT_EQ(0, pmm_twin1_page_to_nid(pmm_twin1_pfn_to_page(0x7fff)));
	ASSERT_EQ(2, pmm_twin2_page_to_nid(pmm_twin2_pfn_to_page(0x10000)));
	pmm_twin1_exit();
	ASSERT_FALSE(pmm_twin1_pfn_valid(0x100));
	ASSERT_TRUE(pmm_twin2_pfn_valid(0x10000));
	ASSERT_EQ(2, pmm_twin2_page_to_nid(pmm_twin2_pfn_to_page(0x17fff)));
	pmm_twin2_exit();
	PREFIX_POP();
	return 0;
}

static int exit_one_leaves_the_others(void)
{
	static const struct pmm_range flat_again[] = { { 0x400, 0x500, 5 } };
	long long live;

	PREFIX_PUSH();
	ASSERT_EQ(0, init_all());
	live = test_alloc_live_bytes;
	pmm_flat_exit();
	/* exactly what flat took went back */
	ASSERT_EQ(live - flat_bytes, test_alloc_live_bytes);
	ASSERT_FALSE(pmm_flat_pfn_valid(0x100));
	check_all_probes(0);
	/* and flat comes back with another map while the rest stay up */
	ASSERT_EQ(0, pmm_flat_init(flat_again, NR(flat_again)));
	/* mem_map starts at ARCH_PFN_OFFSET: the hole below RAM is mapped */
	ASSERT_FALSE(pmm_flat_pfn_valid(0xff));
	ASSERT_TRUE(pmm_flat_pfn_valid(0x100));
	ASSERT_EQ(5, pmm_flat_pfn_to_nid(0x100));
	ASSERT_EQ(5, pmm_flat_pfn_to_nid(0x4ff));
	ASSERT_FALSE(pmm_flat_pfn_valid(0x500));
	check_all_probes(0);
	exit_all();
	ASSERT_EQ(0, test_alloc_live_blocks);
	ASSERT_EQ(0, test_alloc_live_bytes);
	PREFIX_POP();
	return 0;
}

static struct test_args args = {
	.about = "several instances in one translation unit",
};

int main(int argc, char **argv)
{
	test_parse_args(&args, argc, argv);
	RUN(params_are_per_instance);
	RUN(each_answers_from_its_own_map);
	RUN(stats_are_per_instance);
	RUN(twins_keep_separate_state);
	RUN(exit_one_leaves_the_others);
	return test_summary("instances-several");
}
