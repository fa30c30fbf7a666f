/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * pmm_hosted.h - the default hooks for a hosted (userspace) program
 *
 * Included by pmm.h unless PMM_FREESTANDING.  Allocation comes from
 * malloc for small blocks and from mmap for large ones, so that a memmap
 * of gigabytes costs only the pages that are written.  The vmemmap is a
 * PROT_NONE reservation of address space whose pieces are made readable
 * and writable as sections become present, as vmemmap_populate backs
 * only present sections in Linux.
 *
 * Before any mapping, the allocator refuses (NULL, so pmm returns
 * -ENOMEM) what would take the program past PMM_HOSTED_LIMIT bytes of
 * live allocations; the default is half of this machine's RAM, so that a
 * memory map far larger than the machine fails cleanly instead of waking
 * the OOM killer.
 */
#ifndef PMM_HOSTED_H
#define PMM_HOSTED_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MAP_NORESERVE
#define MAP_NORESERVE 0
#endif

/* Blocks this large or larger come from mmap. */
#define PMM_HOSTED_MMAP_MIN	(256UL * 1024)

static unsigned long long pmm_hosted_live __attribute__((unused));

static inline __attribute__((unused)) unsigned long long pmm_hosted_limit(void)
{
#ifdef PMM_HOSTED_LIMIT
	return PMM_HOSTED_LIMIT;
#else
	static unsigned long long limit;

	if (!limit) {
		long pages = sysconf(_SC_PHYS_PAGES);
		long psize = sysconf(_SC_PAGESIZE);

		limit = pages > 0 && psize > 0 ?
			(unsigned long long)pages * (unsigned long long)psize / 2 :
			~0ULL;
	}
	return limit;
#endif
}

static inline __attribute__((unused)) unsigned long pmm_hosted_host_page(void)
{
	long p = sysconf(_SC_PAGESIZE);

	return p > 0 ? (unsigned long)p : 4096UL;
}

/* Count @bytes against the limit; 0 if that would pass it. */
static inline __attribute__((unused)) int pmm_hosted_charge(unsigned long bytes)
{
	if (pmm_hosted_live + bytes > pmm_hosted_limit())
		return 0;
	pmm_hosted_live += bytes;
	return 1;
}

/**
 * pmm_hosted_alloc - zeroed, @align-aligned memory, or NULL
 * @bytes: size
 * @align: a power of two
 * @nid: node the memory should be local to (ignored in userspace)
 */
static inline __attribute__((unused)) void *pmm_hosted_alloc(unsigned long bytes,
							    unsigned long align,
							    int nid)
{
	unsigned long page = pmm_hosted_host_page();
	void *p;

	(void)nid;
	if (!bytes || !pmm_hosted_charge(bytes))
		return NULL;
	if (bytes < PMM_HOSTED_MMAP_MIN) {
		if (align < sizeof(void *))
			align = sizeof(void *);
		if (posix_memalign(&p, align, bytes)) {
			pmm_hosted_live -= bytes;
			return NULL;
		}
		memset(p, 0, bytes);
		return p;
	} else {
		/* map extra to align, then trim both ends to exactly @bytes */
		unsigned long len = (bytes + page - 1) & ~(page - 1);
		unsigned long extra = align > page ? align : 0;
		unsigned long head, base;
		char *m = (char *)mmap(NULL, len + extra, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
				       -1, 0);

		if (m == MAP_FAILED) {
			pmm_hosted_live -= bytes;
			return NULL;
		}
		base = ((unsigned long)m + extra) & ~(extra ? extra - 1 : 0);
		if (!extra)
			base = (unsigned long)m;
		head = base - (unsigned long)m;
		if (head)
			munmap(m, head);
		if (extra - head)
			munmap((char *)base + len, extra - head);
		return (void *)base;
	}
}

/**
 * pmm_hosted_free - give back what pmm_hosted_alloc gave
 * @p: the block, or NULL
 * @bytes: the size it was allocated with
 */
static inline __attribute__((unused)) void pmm_hosted_free(void *p, unsigned long bytes)
{
	unsigned long page = pmm_hosted_host_page();

	if (!p)
		return;
	pmm_hosted_live -= bytes;
	/* the same size test as pmm_hosted_alloc picks the same path back */
	if (bytes < PMM_HOSTED_MMAP_MIN)
		free(p);
	else
		munmap(p, (bytes + page - 1) & ~(page - 1));
}

/**
 * pmm_hosted_reserve - address space for a vmemmap, inaccessible until
 * populated
 * @bytes: size of the reservation
 *
 * Return: the base, or NULL when the address space is not there.
 */
static inline __attribute__((unused)) void *pmm_hosted_reserve(unsigned long bytes)
{
	void *m = mmap(NULL, bytes, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	return m == MAP_FAILED ? NULL : m;
}

static inline __attribute__((unused)) void pmm_hosted_unreserve(void *addr,
							       unsigned long bytes)
{
	munmap(addr, bytes);
}

/**
 * pmm_hosted_populate - back part of a vmemmap with zeroed memory
 * @addr: start, page aligned
 * @bytes: length, page aligned
 * @nid: node (ignored)
 *
 * Return: 0 or -ENOMEM.
 */
static inline __attribute__((unused)) int pmm_hosted_populate(void *addr,
							     unsigned long bytes,
							     int nid)
{
	(void)nid;
	if (!pmm_hosted_charge(bytes))
		return -ENOMEM;
	if (mprotect(addr, bytes, PROT_READ | PROT_WRITE)) {
		pmm_hosted_live -= bytes;
		return -ENOMEM;
	}
	return 0;
}

static inline __attribute__((unused)) void pmm_hosted_depopulate(void *addr,
								unsigned long bytes)
{
	/* drop the contents so a later populate sees zeroes again */
	madvise(addr, bytes, MADV_DONTNEED);
	mprotect(addr, bytes, PROT_NONE);
	pmm_hosted_live -= bytes;
}

/**
 * pmm_hosted_reserve_at - map a fixed vmemmap base, for PMM_VMEMMAP_BASE
 * @addr: the compile-time base
 * @bytes: the size of the whole virtual memmap
 *
 * Return: 0, or -EBUSY when something else already lives there.
 */
static inline __attribute__((unused)) int pmm_hosted_reserve_at(void *addr,
							       unsigned long bytes)
{
#ifdef MAP_FIXED_NOREPLACE
	void *m = mmap(addr, bytes, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
		       MAP_FIXED_NOREPLACE, -1, 0);
#else
	void *m = mmap(addr, bytes, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
#endif
	if (m == MAP_FAILED)
		return -EBUSY;
	if (m != addr) {
		/* an old kernel ignored the hint: give it back */
		munmap(m, bytes);
		return -EBUSY;
	}
	return 0;
}

static inline __attribute__((unused)) void pmm_hosted_bug(const char *cond,
							 const char *file,
							 int line)
{
	fprintf(stderr, "pmm: BUG at %s:%d: %s\n", file, line, cond);
	abort();
}

#endif /* PMM_HOSTED_H */
