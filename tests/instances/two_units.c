/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * two_units.c - the same instance names in two translation units.
 *
 * unit_a.c and unit_b.c each define pmm's unnamed instance and one named
 * "shared", with different models.  They link (all of pmm is static), and
 * each keeps its own state: brought up with different maps, with calls
 * alternating between the units, each answers from its own map.
 */
#include "test.h"
#include "test_args.h"
#include "pmm.h"
#include "unit_api.h"

#define NR(a)	(sizeof(a) / sizeof((a)[0]))

/* unit_a's FLATMEM from PFN 0x80; unit_b's VMEMMAP in 128 MiB sections */
static const struct pmm_range map_a[] = { { 0x100, 0x200, 1 } };
static const struct pmm_range map_b[] = { { 0x8000, 0x9000, 4 } };
/* "shared": DISCONTIGMEM in unit_a, 64K-page SPARSEMEM (0x2000 pages a section) in unit_b */
static const struct pmm_range shared_a[] = { { 0x10, 0x20, 0 }, { 0x40, 0x50, 1 } };
static const struct pmm_range shared_b[] = { { 0x2000, 0x2001, 2 } };

static int each_unit_has_its_own_parameters(void)
{
	PREFIX_PUSH();
	ASSERT_EQ(PMM_MODEL_FLATMEM, unit_a.params->model);
	ASSERT_EQ(0x80, unit_a.params->pfn_offset);
	ASSERT_EQ(PMM_MODEL_SPARSEMEM_VMEMMAP, unit_b.params->model);
	ASSERT_EQ(PMM_MODEL_DISCONTIGMEM, unit_a.shared_params->model);
	ASSERT_EQ(PMM_MODEL_SPARSEMEM, unit_b.shared_params->model);
	ASSERT_EQ(16, unit_b.shared_params->page_shift);
	ASSERT_EQ(0, strcmp("shared", unit_a.shared_params->name));
	ASSERT_EQ(0, strcmp("shared", unit_b.shared_params->name));
	/* distinct objects, not one merged by the linker */
	ASSERT_TRUE(unit_a.params != unit_b.params);
	ASSERT_TRUE(unit_a.init != unit_b.init);
	ASSERT_TRUE(unit_a.shared_init != unit_b.shared_init);
	PREFIX_POP();
	return 0;
}

static int each_unit_answers_from_its_own_map(void)
{
	unsigned long pfn;

	PREFIX_PUSH();
	ASSERT_EQ(0, unit_a.init(map_a, NR(map_a)));
	ASSERT_EQ(0, unit_b.init(map_b, NR(map_b)));
	ASSERT_EQ(0, unit_b.shared_init(shared_b, NR(shared_b)));
	ASSERT_EQ(0, unit_a.shared_init(shared_a, NR(shared_a)));
	/* a second init of one unit's instance is refused, the other's is up */
	ASSERT_EQ(-PMM_EBUSY, unit_a.init(map_b, NR(map_b)));

	for (pfn = 0; pfn < 0xa000; pfn += 0x10) {
		int in_a = pfn >= 0x80 && pfn < 0x200;
		int in_b = pfn >= 0x8000 && pfn < 0x10000;	/* whole section */
		int in_sa = (pfn >= 0x10 && pfn < 0x20) ||	/* node spans */
			    (pfn >= 0x40 && pfn < 0x50);
		int in_sb = pfn >= 0x2000 && pfn < 0x4000;	/* one 64K section */

		ASSERT_EQ(in_a, unit_a.pfn_valid(pfn));
		ASSERT_EQ(in_b, unit_b.pfn_valid(pfn));
		ASSERT_EQ(in_sa, unit_a.shared_pfn_valid(pfn));
		ASSERT_EQ(in_sb, unit_b.shared_pfn_valid(pfn));
		if (in_a) {
			ASSERT_EQ(pfn, unit_a.round_trip(pfn));
			ASSERT_EQ(1, unit_a.pfn_to_nid(pfn));
		}
		if (in_b) {
			ASSERT_EQ(pfn, unit_b.round_trip(pfn));
			ASSERT_EQ(4, unit_b.pfn_to_nid(pfn));
		}
	}

	/* one unit down, the other still up */
	unit_a.exit();
	ASSERT_FALSE(unit_a.pfn_valid(0x100));
	ASSERT_TRUE(unit_b.pfn_valid(0x8000));
	ASSERT_EQ(0x8fff, unit_b.round_trip(0x8fff));
	ASSERT_TRUE(unit_a.shared_pfn_valid(0x40));
	unit_b.exit();
	unit_a.shared_exit();
	ASSERT_TRUE(unit_b.shared_pfn_valid(0x2000));
	unit_b.shared_exit();
	ASSERT_FALSE(unit_b.shared_pfn_valid(0x2000));
	PREFIX_POP();
	return 0;
}

static struct test_args args = {
	.about = "the same instance names in two translation units",
};

int main(int argc, char **argv)
{
	test_parse_args(&args, argc, argv);
	RUN(each_unit_has_its_own_parameters);
	RUN(each_unit_answers_from_its_own_map);
	return test_summary("instances-two-units");
}
