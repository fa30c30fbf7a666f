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
 * pmm_hosted.h's, whose functions do the mapping, with its limit at the
 * whole address space: the configuration's cap (sweep_backing_set) is the
 * limit in force.  Every hook counts its calls and bytes and times itself
 * into sweep_backing_counts, for the cases of bench/sweep_cases.c.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define PMM_HOSTED_LIMIT	(1ULL << 46)

#include "pmm_types.h"
#include "pmm_hosted.h"
#include "sweep.h"

#define SWEEP_HUGE	(2UL << 20)

struct sweep_backing_counts sweep_backing_counts;

static int sweep_huge;
static unsigned long long sweep_cap;

unsigned long long sweep_backing_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ULL + (unsigned long long)ts.tv_nsec;
}

/* pmm_hosted.h's default limit: half of this machine's RAM */
unsigned long long sweep_backing_half_of_ram(void)
{
	long pages = sysconf(_SC_PHYS_PAGES), psize = sysconf(_SC_PAGESIZE);

	return pages > 0 && psize > 0 ?
		(unsigned long long)pages * (unsigned long long)psize / 2 : ~0ULL;
}

void sweep_backing_set(int huge, unsigned long long cap)
{
	sweep_huge = huge;
	sweep_cap = cap ? cap : sweep_backing_half_of_ram();
}

/* would @bytes more take the instance past its cap? */
static int sweep_over_cap(unsigned long bytes)
{
	unsigned long long live = __atomic_load_n(&pmm_hosted_live, __ATOMIC_RELAXED);

	if (!sweep_cap)
		sweep_cap = sweep_backing_half_of_ram();
	return bytes > sweep_cap || live > sweep_cap - bytes;
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
	unsigned long long t0 = sweep_backing_now();
	void *p = NULL;

	/* a block of a huge page or more starts on one, as memblock's would */
	if (sweep_huge && bytes >= SWEEP_HUGE && align < SWEEP_HUGE)
		align = SWEEP_HUGE;
	if (!sweep_over_cap(bytes))
		p = pmm_hosted_alloc(bytes, align, nid);
	/* below PMM_HOSTED_MMAP_MIN the block is malloc's: no advice */
	if (p && bytes >= PMM_HOSTED_MMAP_MIN)
		sweep_advise(p, (bytes + pmm_hosted_host_page() - 1) &
				~(pmm_hosted_host_page() - 1));
	if (p)
		sweep_backing_counts.alloc_bytes += bytes;
	sweep_backing_counts.hook_ns += sweep_backing_now() - t0;
	return p;
}

void sweep_backing_free(void *p, unsigned long bytes)
{
	unsigned long long t0 = sweep_backing_now();

	if (p)
		sweep_backing_counts.free_bytes += bytes;
	pmm_hosted_free(p, bytes);
	sweep_backing_counts.hook_ns += sweep_backing_now() - t0;
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
	unsigned long long t0 = sweep_backing_now();
	int err = sweep_over_cap(bytes) ? -ENOMEM : pmm_hosted_populate(addr, bytes, nid);

	if (!err)
		sweep_advise(addr, bytes);
	sweep_backing_counts.populate++;
	sweep_backing_counts.hook_ns += sweep_backing_now() - t0;
	return err;
}

void sweep_backing_depopulate(void *addr, unsigned long bytes)
{
	unsigned long long t0 = sweep_backing_now();

	pmm_hosted_depopulate(addr, bytes);
	sweep_backing_counts.depopulate++;
	sweep_backing_counts.hook_ns += sweep_backing_now() - t0;
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
