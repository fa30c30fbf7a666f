/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kernel_names.c - PMM_KERNEL_NAMES 1: code written against Linux's
 * spellings (pfn_to_page, page_to_pfn, pfn_valid, ...) runs on pmm's
 * unnamed instance, while a named instance beside it keeps its own names.
 */
#include "test.h"
#include "test_args.h"

#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_KERNEL_NAMES 1
#include "pmm.h"

/* another instance after it: Linux's names still mean the unnamed one */
#define PMM_NAME other
#define PMM_MODEL PMM_MODEL_FLATMEM
#include "pmm.h"

#if !defined(pfn_to_page) || !defined(page_to_pfn) || !defined(pfn_valid)
#error "PMM_KERNEL_NAMES 1 did not define Linux's names"
#endif

#define STR2(x)	#x
#define STR(x)	STR2(x)
#define NR(a)	(sizeof(a) / sizeof((a)[0]))

static const struct pmm_range ram[] = {
	{ 0x00000, 0x00800, 0 },
	{ 0x10000, 0x18000, 1 },
};
static const struct pmm_range other_ram[] = { { 0x0, 0x10, 7 } };

static int names_expand_to_pmm(void)
{
	PREFIX_PUSH();
	/* the spelling after expansion: pmm's function, not a look-alike */
	ASSERT_EQ(0, strcmp(STR(pfn_to_page(1)), "pmm_pfn_to_page(1)"));
	ASSERT_EQ(0, strcmp(STR(page_to_pfn(p)), "pmm_page_to_pfn(p)"));
	ASSERT_EQ(0, strcmp(STR(pfn_valid(1)), "pmm_pfn_valid(1)"));
	ASSERT_EQ(0, strcmp(STR(page_to_nid(p)), "pmm_page_to_nid(p)"));
	ASSERT_EQ(0, strcmp(STR(__nr_to_section(1)), "pmm_nr_to_section(1)"));
	PREFIX_POP();
	return 0;
}

/* What a kernel function written for Linux would do. */
static unsigned long linux_style_walk(unsigned long start, unsigned long end,
				      int *nid_sum)
{
	unsigned long pfn, n = 0;

	for (pfn = start; pfn < end; pfn++) {
		struct pmm_page *page;

		if (!pfn_valid(pfn))
			continue;
		page = pfn_to_page(pfn);
		if (page_to_pfn(page) != pfn)
			return ~0UL;
		*nid_sum += page_to_nid(page);
		n++;
	}
	return n;
}

static int linux_names_reach_the_instance(void)
{
	unsigned long sec;
	int nid_sum = 0;

	PREFIX_PUSH();
	ASSERT_EQ(0, pmm_init(ram, NR(ram)));
	ASSERT_EQ(0, pmm_other_init(other_ram, NR(other_ram)));

	/*
	 * 128 MiB sections: section 0 and section 2 are present, whole.  Node 1
	 * owns section 2's RAM and, as Linux 6.12's memmap_init gives a hole
	 * the node of the range after it, section 0's hole 0x800..0x7fff too.
	 */
	ASSERT_EQ(0x8000 + 0x8000, linux_style_walk(0, 0x20000, &nid_sum));
	ASSERT_EQ(0x8000 + (0x8000 - 0x800), nid_sum);
	ASSERT_TRUE(pfn_valid(0x7fff));
	ASSERT_FALSE(pfn_valid(0x8000));
	ASSERT_EQ(pmm_pfn_valid(0x12345), pfn_valid(0x12345));
	ASSERT_TRUE(pfn_to_page(0x12345) == pmm_pfn_to_page(0x12345));
	ASSERT_EQ(0x12345, page_to_pfn(pmm_pfn_to_page(0x12345)));
	ASSERT_EQ(1, pfn_to_nid(0x12345));
	ASSERT_EQ(0, pfn_to_nid(0x10));

	/* the section API under Linux's names */
	sec = pfn_to_section_nr(0x12345);
	ASSERT_EQ(2, sec);
	ASSERT_EQ(0x10000, section_nr_to_pfn(sec));
	ASSERT_TRUE(__nr_to_section(sec) == __pfn_to_section(0x12345));
	ASSERT_TRUE(__nr_to_section(sec) == pmm_nr_to_section(2));
	ASSERT_TRUE(present_section_nr(2));
	ASSERT_FALSE(present_section_nr(1));
	ASSERT_TRUE(valid_section_nr(0));
	ASSERT_TRUE(online_section_nr(2));
	ASSERT_TRUE(pfn_in_present_section(0x17fff));
	ASSERT_FALSE(pfn_in_present_section(0x18000 + 0x8000));

	/* the named instance answers for itself, under its own names only */
	ASSERT_TRUE(pmm_other_pfn_valid(0x5));
	ASSERT_EQ(7, pmm_other_pfn_to_nid(0x5));
	ASSERT_TRUE(pfn_valid(0x5));
	ASSERT_EQ(0, pfn_to_nid(0x5));

	pmm_other_exit();
	pmm_exit();
	ASSERT_FALSE(pfn_valid(0x10));
	PREFIX_POP();
	return 0;
}

static struct test_args args = {
	.about = "PMM_KERNEL_NAMES: Linux's names reach the instance",
};

int main(int argc, char **argv)
{
	test_parse_args(&args, argc, argv);
	RUN(names_expand_to_pmm);
	RUN(linux_names_reach_the_instance);
	return test_summary("instances-kernel-names");
}
