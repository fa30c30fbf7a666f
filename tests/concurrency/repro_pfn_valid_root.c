// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * repro_pfn_valid_root.c - pmm_pfn_valid reads the EXTREME root before its
 * read-side critical section, so a root retired and freed by a concurrent
 * hot-remove is read after the grace period that was meant to cover it.
 *
 * The RCU hooks are a reader-writer lock, and the read-lock hook, once,
 * runs the hot-remove on another thread before it takes the lock: that is
 * the interleaving "reader computed ms = &root[i], writer retired the root,
 * waited for readers (none inside yet) and freed it, reader enters and
 * reads ms->section_mem_map".  Build with ASan; a fixed header passes.
 *
 *	cc -std=gnu11 -O1 -g -fsanitize=address -I. \
 *		tests/concurrency/repro_pfn_valid_root.c -o /tmp/repro -lpthread && /tmp/repro
 */
#include <pthread.h>
#include <stdio.h>

static pthread_rwlock_t repro_lock = PTHREAD_RWLOCK_INITIALIZER;
static int repro_armed;
static void repro_read_lock(void);

#define PMM_NAME		r
#define PMM_MODEL		PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_MAX_PHYSMEM_BITS	40
#define PMM_RCU_READ_LOCK()	repro_read_lock()
#define PMM_RCU_READ_UNLOCK()	pthread_rwlock_unlock(&repro_lock)
#define PMM_SYNCHRONIZE_RCU()	\
	do { pthread_rwlock_wrlock(&repro_lock); pthread_rwlock_unlock(&repro_lock); } while (0)
#include "pmm.h"

#define SECTION		(1UL << 15)		/* pages in 128 MiB */
#define ROOT		(256 * SECTION)		/* pages under one EXTREME root */

static void *repro_remove(void *arg)
{
	(void)arg;
	/* the only section under root 1: the root is retired and freed */
	if (pmm_r_remove_pages(ROOT, SECTION, NULL))
		fprintf(stderr, "remove failed\n");
	return NULL;
}

static void repro_read_lock(void)
{
	if (repro_armed) {
		pthread_t t;

		repro_armed = 0;
		pthread_create(&t, NULL, repro_remove, NULL);
		pthread_join(t, NULL);
	}
	pthread_rwlock_rdlock(&repro_lock);
}

int main(void)
{
	struct pmm_range ram = { 0, 2 * SECTION, 0 };
	int valid;

	if (pmm_r_init(&ram, 1) || pmm_r_add_pages(0, ROOT, SECTION, NULL))
		return 2;
	repro_armed = 1;
	valid = pmm_r_pfn_valid(ROOT + 1);	/* ASan: heap-use-after-free */
	printf("pfn_valid after the remove: %d (expected 0, without a report)\n", valid);
	pmm_r_exit();
	return 0;
}
