// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * sweep_backing.c - the memory behind the sweep's memmaps: 2 MiB pages, as
 * a kernel maps them, or 4 KiB pages, to see the TLB's share
 *
 * x86_64 maps its vmemmap with 2 MiB pages, and FLATMEM's mem_map and
 * every other memmap live in the direct map, mapped the same way.  The
 * hosted hooks of pmm_hosted.h ask for neither; every unit of the sweep
 * routes its allocation hooks here instead (bench/sweep_unit.h), and
 * sweep_bench.cc says per configuration which backing to take:
 *
 *	huge	reservations and blocks of 2 MiB or more aligned to 2 MiB
 *		and advised MADV_HUGEPAGE, so that transparent huge pages
 *		(enabled "always" or "madvise") back them as they are touched
 *	small	advised MADV_NOHUGEPAGE: 4 KiB pages even where the host
 *		would give huge ones unasked
 *
 * What the host actually gave is read back from /proc/self/smaps_rollup
 * (sweep_backing_huge_bytes) into every result.  The accounting is
 * pmm_hosted.h's, whose functions do the mapping.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "pmm_types.h"
#include "pmm_hosted.h"
#include "sweep.h"

#define SWEEP_HUGE	(2UL << 20)

static int sweep_huge;

void sweep_backing_set(int huge)
{
	sweep_huge = huge;
}

/* the advice of the backing in force, for whole 2 MiB-aligned runs or not */
static void sweep_advise(void *addr, unsigned long bytes)
{
	if (!addr || !bytes)
		return;
#ifdef MADV_HUGEPAGE
	madvise(addr, bytes, sweep_huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
#endif
}

void *sweep_backing_alloc(unsigned long bytes, unsigned long align, int nid)
{
	void *p;

	/* a block of a huge page or more starts on one, as memblock's would */
	if (sweep_huge && bytes >= SWEEP_HUGE && align < SWEEP_HUGE)
		align = SWEEP_HUGE;
	p = pmm_hosted_alloc(bytes, align, nid);
	/* below PMM_HOSTED_MMAP_MIN the block is malloc's: no advice */
	if (p && bytes >= PMM_HOSTED_MMAP_MIN)
		sweep_advise(p, (bytes + pmm_hosted_host_page() - 1) &
				~(pmm_hosted_host_page() - 1));
	return p;
}

void sweep_backing_free(void *p, unsigned long bytes)
{
	pmm_hosted_free(p, bytes);
}

/*
 * @bytes of a mapping @m of @bytes + SWEEP_HUGE, from its first 2 MiB
 * boundary: the unaligned ends are given back, so that unmapping @bytes
 * from the result unmaps all that is left.
 */
static void *sweep_align(char *m, unsigned long bytes)
{
	unsigned long base = ((unsigned long)m + SWEEP_HUGE - 1) & ~(SWEEP_HUGE - 1);
	unsigned long head = base - (unsigned long)m;

	if (head)
		munmap(m, head);
	if (SWEEP_HUGE - head)
		munmap((char *)base + bytes, SWEEP_HUGE - head);
	return (void *)base;
}

/* a vmemmap reservation: 2 MiB-aligned when huge, so that each 2 MiB can be one page */
void *sweep_backing_reserve(unsigned long bytes)
{
	char *m;

	if (!sweep_huge)
		return pmm_hosted_reserve(bytes);
	m = pmm_hosted_reserve(bytes + SWEEP_HUGE);
	return m ? sweep_align(m, bytes) : NULL;
}

void sweep_backing_unreserve(void *addr, unsigned long bytes)
{
	pmm_hosted_unreserve(addr, bytes);
}

int sweep_backing_populate(void *addr, unsigned long bytes, int nid)
{
	int err = pmm_hosted_populate(addr, bytes, nid);

	if (!err)
		sweep_advise(addr, bytes);
	return err;
}

void sweep_backing_depopulate(void *addr, unsigned long bytes)
{
	pmm_hosted_depopulate(addr, bytes);
}

/*
 * Address space for the limit's flat tables (sweep_bench.cc): zero and
 * unbacked until written, aligned and advised as a memmap of the same
 * backing, and not charged to pmm's hosted limit (it is the yardstick's).
 */
void *sweep_backing_map(unsigned long bytes)
{
	char *m = mmap(NULL, bytes + SWEEP_HUGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	void *base;

	if (m == MAP_FAILED)
		return NULL;
	base = sweep_align(m, bytes);
	sweep_advise(base, bytes);
	return base;
}

void sweep_backing_unmap(void *addr, unsigned long bytes)
{
	if (addr)
		munmap(addr, bytes);
}

/* bytes of the process in transparent huge pages now: AnonHugePages */
unsigned long sweep_backing_huge_bytes(void)
{
	FILE *f = fopen("/proc/self/smaps_rollup", "r");
	unsigned long kb = 0;
	char line[256];

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "AnonHugePages: %lu kB", &kb) == 1)
			break;
	fclose(f);
	return kb << 10;
}
