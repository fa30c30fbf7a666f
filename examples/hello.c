// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * hello.c - the smallest complete program on pmm: one SPARSEMEM_VMEMMAP
 * instance with x86_64's section size and address width over a small
 * two-node map, three conversions, and their answers checked.
 *
 *	cc -I. examples/hello.c -o hello && ./hello
 *
 * A hosted program needs no hooks: pmm_hosted.h gives malloc, mmap and
 * a vmemmap reserved as address space.  The README shows the part
 * between "struct pmm_range" and pmm_exit(); `make test-hello` builds
 * this file as the README says and again with -Werror under ASan and
 * UBSan, so that the README's example cannot stop working unnoticed.
 *
 * Exit status: 0 when every answer is the one its comment gives, 1
 * otherwise (each wrong answer is printed), 2 when pmm_init refuses.
 */
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP	/* or FLATMEM, DISCONTIGMEM, SPARSEMEM */
#define PMM_SECTION_SIZE_BITS 27
#define PMM_MAX_PHYSMEM_BITS 46
#include "pmm.h"

#include <stdio.h>

/* Print one answer; count it as wrong when it is not the expected one. */
static int check(const char *what, unsigned long seen, unsigned long want)
{
	printf("%-28s %#lx%s\n", what, seen, seen == want ? "" : "  WRONG");
	if (seen != want)
		fprintf(stderr, "hello: %s is %#lx, expected %#lx\n", what, seen, want);
	return seen != want;
}

int main(void)
{
	struct pmm_range ram[] = {		/* PFNs [start, end) and node, any order */
		{ 0x00001, 0x0009f, 0 },
		{ 0x00100, 0x80000, 0 },
		{ 0x100000, 0x880000, 1 },
	};
	struct pmm_page *page;
	unsigned long pfn;
	int nid, err, wrong = 0;

	err = pmm_init(ram, 3);
	if (err) {
		fprintf(stderr, "hello: pmm_init: %d\n", err);
		return 2;
	}
	page = pmm_pfn_to_page(0x1234);
	pfn = pmm_page_to_pfn(page);			/* 0x1234 */
	nid = pmm_page_to_nid(page);			/* 0 */

	/*
	 * pfn_to_page is defined on valid PFNs only (pmm.h, section 6), so
	 * that comes first; then VMEMMAP's memmap is one array, the next
	 * PFN's descriptor the next element; and node 1 starts at 4 GiB.
	 */
	wrong += check("pfn_valid(0x1234)", pmm_pfn_valid(0x1234), 1);
	wrong += check("pfn_to_page(0x1235) - page",
		       (unsigned long)(pmm_pfn_to_page(0x1235) - page), 1);
	wrong += check("page_to_pfn(page)", pfn, 0x1234);
	wrong += check("page_to_nid(page)", (unsigned long)nid, 0);
	wrong += check("page_to_nid(pfn 0x100000)",
		       (unsigned long)pmm_page_to_nid(pmm_pfn_to_page(0x100000)), 1);
	pmm_exit();

	printf("hello: %s\n", wrong ? "WRONG" : "ok");
	return wrong ? 1 : 0;
}
