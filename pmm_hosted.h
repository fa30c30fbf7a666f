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
 * Readers of what hotplug may free (pmm_pfn_valid and friends) bracket
 * themselves with pmm_hosted_rcu_read_lock/unlock, and hotplug waits
 * for them with pmm_hosted_synchronize_rcu before it frees (section
 * 4 of pmm.h's manual).  PMM_DEFERRED_RUN runs on pthreads.
 *
 * Before any mapping, the allocator refuses (NULL, so pmm returns
 * -ENOMEM) what would take the program past PMM_HOSTED_LIMIT bytes of
 * live allocations; the default is half of this machine's RAM, so that a
 * memory map far larger than the machine fails cleanly instead of waking
 * the OOM killer.
 */
#ifndef PMM_HOSTED_H
#define PMM_HOSTED_H

#include "pmm_types.h"	/* PMM__TSAN */

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/syscall.h>
#endif

#ifndef MAP_NORESERVE
#define MAP_NORESERVE 0
#endif

/* Blocks this large or larger come from mmap. */
#define PMM_HOSTED_MMAP_MIN	(256UL * 1024)

/*
 * Live bytes, one count for the whole program: instances are independent
 * and may allocate from different threads at once (pmm.h section 9), so
 * every access to it, and the limit's first reading, is atomic.
 */
static unsigned long long pmm_hosted_live __attribute__((unused));

static inline __attribute__((unused)) unsigned long long pmm_hosted_limit(void)
{
#ifdef PMM_HOSTED_LIMIT
	return PMM_HOSTED_LIMIT;
#else
	static unsigned long long limit;
	unsigned long long l = __atomic_load_n(&limit, __ATOMIC_RELAXED);

	if (!l) {
		long pages = sysconf(_SC_PHYS_PAGES);
		long psize = sysconf(_SC_PAGESIZE);

		/* every thread computes the same value: storing it twice is fine */
		l = pages > 0 && psize > 0 ?
			(unsigned long long)pages * (unsigned long long)psize / 2 :
			~0ULL;
		__atomic_store_n(&limit, l, __ATOMIC_RELAXED);
	}
	return l;
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
	unsigned long long limit = pmm_hosted_limit();
	unsigned long long live = __atomic_load_n(&pmm_hosted_live, __ATOMIC_RELAXED);

	do {
		if (bytes > limit || live > limit - bytes)
			return 0;
	} while (!__atomic_compare_exchange_n(&pmm_hosted_live, &live, live + bytes, 1,
					      __ATOMIC_RELAXED, __ATOMIC_RELAXED));
	return 1;
}

/* Give back what pmm_hosted_charge counted. */
static inline __attribute__((unused)) void pmm_hosted_uncharge(unsigned long bytes)
{
	__atomic_sub_fetch(&pmm_hosted_live, bytes, __ATOMIC_RELAXED);
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
			pmm_hosted_uncharge(bytes);
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
			pmm_hosted_uncharge(bytes);
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
	pmm_hosted_uncharge(bytes);
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
		pmm_hosted_uncharge(bytes);
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
	pmm_hosted_uncharge(bytes);
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

/* --- RCU: per-thread reader slots and membarrier(2) ------------------- */

/*
 * A reader makes its slot's sequence odd on entry and even on exit; a
 * grace period waits for every slot that is odd to move on.  The entry
 * store must be ordered before the reader's loads, which is a full
 * barrier; as in liburcu's "memb" flavour, the writer pays for it
 * instead with membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED), which runs
 * a barrier on every thread of the process, and the reader only needs a
 * compiler barrier.  Where membarrier is missing (old kernels, some
 * emulators) the reader uses a real fence.  Slots are per thread, made
 * on a thread's first read and kept for the process's life (a list that
 * stays reachable, 64 bytes a thread).
 */
struct pmm_hosted_rcu_slot {
	unsigned long seq;
	struct pmm_hosted_rcu_slot *next;
} __attribute__((aligned(64)));

static struct pmm_hosted_rcu_slot *pmm_hosted_rcu_slots __attribute__((unused));
static __thread struct pmm_hosted_rcu_slot *pmm_hosted_rcu_mine __attribute__((unused));
static __thread unsigned int pmm_hosted_rcu_nest __attribute__((unused));
/* 0 undecided, 1 membarrier works, 2 readers fence */
static int pmm_hosted_rcu_mode __attribute__((unused));

#define PMM_HOSTED_MEMBARRIER_PRIVATE_EXPEDITED			(1 << 3)
#define PMM_HOSTED_MEMBARRIER_REGISTER_PRIVATE_EXPEDITED	(1 << 4)

static inline __attribute__((unused)) int pmm_hosted_membarrier(int cmd)
{
#if defined(__linux__) && defined(SYS_membarrier) && !PMM__TSAN
	return (int)syscall(SYS_membarrier, cmd, 0, 0);
#else
	/* ThreadSanitizer cannot see membarrier's barriers: fence instead */
	(void)cmd;
	return -1;
#endif
}

/*
 * smp_mb().  ThreadSanitizer does not support fences (gcc refuses them
 * under -fsanitize=thread), so there a sequentially consistent
 * read-modify-write stands in; TSan checks happens-before, not the
 * hardware's store-load reordering, either way.
 */
static inline __attribute__((unused)) void pmm_hosted_full_barrier(void)
{
#if PMM__TSAN
	static unsigned long dummy;

	__atomic_fetch_add(&dummy, 0, __ATOMIC_SEQ_CST);
#else
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
}

/* Decide once, before any reader relies on it, how readers order. */
static inline __attribute__((unused)) int pmm_hosted_rcu_decide(void)
{
	int mode = __atomic_load_n(&pmm_hosted_rcu_mode, __ATOMIC_ACQUIRE);

	if (!mode) {
		int want = pmm_hosted_membarrier(
			PMM_HOSTED_MEMBARRIER_REGISTER_PRIVATE_EXPEDITED) ? 2 : 1;

		if (!__atomic_compare_exchange_n(&pmm_hosted_rcu_mode, &mode, want, 0,
						 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
			return mode;
		mode = want;
	}
	return mode;
}

static __attribute__((noinline, unused)) struct pmm_hosted_rcu_slot *
pmm_hosted_rcu_register(void)
{
	struct pmm_hosted_rcu_slot *slot;

	pmm_hosted_rcu_decide();
	/* outside the allocator's limit: a reader must never fail */
	if (posix_memalign((void **)&slot, 64, sizeof(*slot)))
		abort();
	memset(slot, 0, sizeof(*slot));
	slot->next = __atomic_load_n(&pmm_hosted_rcu_slots, __ATOMIC_RELAXED);
	while (!__atomic_compare_exchange_n(&pmm_hosted_rcu_slots, &slot->next, slot, 1,
					    __ATOMIC_RELEASE, __ATOMIC_RELAXED))
		;
	pmm_hosted_rcu_mine = slot;
	return slot;
}

static inline __attribute__((unused)) void pmm_hosted_rcu_read_lock(void)
{
	struct pmm_hosted_rcu_slot *slot = pmm_hosted_rcu_mine;

	if (pmm_hosted_rcu_nest++)
		return;
	if (__builtin_expect(!slot, 0))
		slot = pmm_hosted_rcu_register();
	__atomic_store_n(&slot->seq, slot->seq + 1, __ATOMIC_RELAXED);
	if (__atomic_load_n(&pmm_hosted_rcu_mode, __ATOMIC_RELAXED) == 1)
		__asm__ __volatile__("" ::: "memory");
	else
		pmm_hosted_full_barrier();
}

static inline __attribute__((unused)) void pmm_hosted_rcu_read_unlock(void)
{
	struct pmm_hosted_rcu_slot *slot = pmm_hosted_rcu_mine;

	if (--pmm_hosted_rcu_nest)
		return;
	/* release: the reader's loads happen before the writer sees it leave */
	__atomic_store_n(&slot->seq, slot->seq + 1, __ATOMIC_RELEASE);
}

/**
 * pmm_hosted_synchronize_rcu - wait for the readers that were inside
 *
 * Called after hotplug has unpublished what it will free.
 */
static inline __attribute__((unused)) void pmm_hosted_synchronize_rcu(void)
{
	struct pmm_hosted_rcu_slot *slot;

	if (pmm_hosted_rcu_decide() == 1)
		pmm_hosted_membarrier(PMM_HOSTED_MEMBARRIER_PRIVATE_EXPEDITED);
	else
		pmm_hosted_full_barrier();
	for (slot = __atomic_load_n(&pmm_hosted_rcu_slots, __ATOMIC_ACQUIRE); slot;
	     slot = slot->next) {
		unsigned long seq = __atomic_load_n(&slot->seq, __ATOMIC_ACQUIRE);

		if (slot == pmm_hosted_rcu_mine && pmm_hosted_rcu_nest)
			continue;	/* the writer's own read section */
		while ((seq & 1) && __atomic_load_n(&slot->seq, __ATOMIC_ACQUIRE) == seq)
			sched_yield();
	}
}

/* --- PMM_DEFERRED_RUN on pthreads --------------------------------------- */

struct pmm_hosted_job {
	void (*fn)(void *);
	void *arg;
};

static inline __attribute__((unused)) void *pmm_hosted_job_main(void *job)
{
	((struct pmm_hosted_job *)job)->fn(((struct pmm_hosted_job *)job)->arg);
	return NULL;
}

/**
 * pmm_hosted_run - call @fn(@arg) on @nr_threads threads and wait
 * @fn: the worker; every call takes work until none is left
 * @arg: its argument
 * @nr_threads: threads including this one; 0 for one per online CPU
 *
 * A thread that cannot be created is simply not there: the others do
 * its share.
 */
static inline __attribute__((unused)) void pmm_hosted_run(void (*fn)(void *), void *arg,
							 unsigned int nr_threads)
{
	struct pmm_hosted_job job;
	pthread_t tid[256];
	unsigned int i, started = 0;

	if (!nr_threads) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);

		nr_threads = cpus > 0 ? (unsigned int)cpus : 1;
	}
	if (nr_threads > 256)
		nr_threads = 256;
	job.fn = fn;
	job.arg = arg;
	for (i = 1; i < nr_threads; i++)
		if (!pthread_create(&tid[started], NULL, pmm_hosted_job_main, &job))
			started++;
	fn(arg);
	for (i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
}

#endif /* PMM_HOSTED_H */
