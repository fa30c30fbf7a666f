// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_interleave.c - a reader that races with hot-remove, made to lose
 * the race every time
 *
 * A reader loads a section (its EXTREME root, its section_mem_map) and
 * then uses what it loaded; hot-remove may unpublish both in between.
 * pmm calls PMM_TEST_READ_POINT() at that place, inside the reader's
 * critical section, and this test's hook runs the writer there: on
 * another thread, until the writer has unpublished everything and waits
 * in PMM_SYNCHRONIZE_RCU for this very reader.  So the interleaving does
 * not depend on scheduling, and a reader that loads anything again after
 * the read point (a NULL root, a usage pointer already unpublished, a
 * debug check that asks pfn_valid again) fails the same way every run,
 * at every optimisation level:
 *
 *	reader                          writer
 *	rcu_read_lock
 *	ms = root[r] + i, map = ms->map
 *	PMM_TEST_READ_POINT ----------> offline, remove: root[r] = NULL
 *	                                synchronize_rcu: waits ...
 *	use ms, map (never root[r])
 *	rcu_read_unlock  -------------> ... frees the root and the usage
 *
 * The RCU hooks are a reader-writer lock: a grace period is taking the
 * lock for writing once.  Instances (4 KiB pages, 32-page sections of
 * four 8-page sub-sections, 256 sections to an EXTREME root):
 *	cl	classic SPARSEMEM EXTREME
 *	vm	SPARSEMEM_VMEMMAP (EXTREME)
 *	cld	cl with PMM_DEBUG
 *	vmd	vm with PMM_DEBUG
 * and h1, h2 (VMEMMAP, classic) with every hosted default hook, which two
 * threads hot-plug at once: instances are independent, and so must their
 * hooks be (ThreadSanitizer builds count its reports).
 *
 * Usage: test_interleave [-v] [CASE]...  make test-interleave builds this
 * file under ASan+UBSan and under ThreadSanitizer, each at -O0, -Og and
 * -O2.
 */
#include <pthread.h>
#include <stdio.h>

#include "test.h"
#include "test_args.h"

/* --- the test's RCU and its read point ------------------------------- */

static pthread_rwlock_t il_rcu = PTHREAD_RWLOCK_INITIALIZER;
static pthread_mutex_t il_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t il_cond = PTHREAD_COND_INITIALIZER;
/* the writer a read point runs, at which one of the call, and its state */
static void (*il_armed)(void);
static int il_countdown;
static int il_parked;
static pthread_t il_writer_thread;
static int il_writer_started;

static void il_read_point(void);
static void il_synchronize(void);

/*
 * Every instance: 4 KiB pages (pmm's default), 32-page sections of four
 * 8-page sub-sections (VMEMMAP), 2^16 PFNs, and pmm's hosted allocator,
 * which the writer's thread shares with the reader's.
 */
#define TI_HOSTED_ALLOC
#define TI_SECTION_SIZE_BITS	17
#define TI_SUBSECTION_SHIFT	15
#define TI_MAX_PAGE_ORDER	3
#define TI_MAX_PHYSMEM_BITS	28

#define TI_NAME			cl
#define PMM_MODEL		PMM_MODEL_SPARSEMEM
#define PMM_SPARSEMEM_EXTREME	1
#include "interleave_hooks.h"
#include "test_instance.h"

#define TI_NAME			vm
#define PMM_MODEL		PMM_MODEL_SPARSEMEM_VMEMMAP
#include "interleave_hooks.h"
#include "test_instance.h"

#define TI_NAME			cld
#define PMM_MODEL		PMM_MODEL_SPARSEMEM
#define PMM_SPARSEMEM_EXTREME	1
#define PMM_DEBUG		1
#include "interleave_hooks.h"
#include "test_instance.h"

#define TI_NAME			vmd
#define PMM_MODEL		PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_DEBUG		1
#include "interleave_hooks.h"
#include "test_instance.h"

/* every hook the hosted default */
#define TI_NAME			h1
#define PMM_MODEL		PMM_MODEL_SPARSEMEM_VMEMMAP
#include "test_instance.h"

#define TI_NAME			h2
#define PMM_MODEL		PMM_MODEL_SPARSEMEM
#include "test_instance.h"

#define SECTION		32UL			/* pages in a section */
#define ROOT		(256 * SECTION)		/* pages under one root */
#define HOT		ROOT			/* the only section of root 1 */

static int il_tsan_reports;

/* ThreadSanitizer calls this for every report it prints. */
void __tsan_on_report(const void *report);
void __tsan_on_report(const void *report)
{
	(void)report;
	__atomic_fetch_add(&il_tsan_reports, 1, __ATOMIC_RELAXED);
}

static void *il_writer(void *arg)
{
	void (*writer)(void) = (void (*)(void))arg;

	writer();
	/* a writer that frees nothing never waits: it parks by ending */
	pthread_mutex_lock(&il_lock);
	il_parked = 1;
	pthread_cond_broadcast(&il_cond);
	pthread_mutex_unlock(&il_lock);
	return NULL;
}

/*
 * Inside the reader's critical section: start the armed writer and come
 * back once it has done everything but wait for this reader.
 */
static void il_read_point(void)
{
	void (*writer)(void) = il_armed;

	if (!writer || --il_countdown)
		return;
	il_armed = NULL;
	il_parked = 0;
	if (pthread_create(&il_writer_thread, NULL, il_writer, (void *)writer))
		abort();
	il_writer_started = 1;
	pthread_mutex_lock(&il_lock);
	while (!il_parked)
		pthread_cond_wait(&il_cond, &il_lock);
	pthread_mutex_unlock(&il_lock);
}

static void il_synchronize(void)
{
	pthread_mutex_lock(&il_lock);
	il_parked = 1;
	pthread_cond_broadcast(&il_cond);
	pthread_mutex_unlock(&il_lock);
	/* every reader inside a critical section holds the lock for reading */
	pthread_rwlock_wrlock(&il_rcu);
	pthread_rwlock_unlock(&il_rcu);
}

/* Run @writer at the @nth read point the next reader passes. */
static void il_arm(void (*writer)(void), int nth)
{
	il_writer_started = 0;
	il_countdown = nth;
	il_armed = writer;
}

/*
 * After the reader's call: the writer finishes its grace period.
 * Return: whether it ran (the reader passed the read point armed).
 */
static int il_join_writer(void)
{
	int ran = il_writer_started;

	if (ran)
		pthread_join(il_writer_thread, NULL);
	il_writer_started = 0;
	il_armed = NULL;
	return ran;
}

/* --- one set of cases per instance ------------------------------------- */

/*
 * IL_CASES(N): the writers and the setup for instance N.  Boot RAM is
 * root 0's first two sections; section HOT, alone under root 1, is added
 * as a memory block and onlined:
 *
 *	PFN   0        64          8192 (root 1)    8224
 *	      [RAM  RAM]  ...      [HOT, online]    ... nothing
 */
#define IL_CASES(N)								\
static void N##_writer_offline_remove(void)					\
{										\
	ASSERT_EQ(0, pmm_##N##_offline_pages(HOT, SECTION));			\
	ASSERT_EQ(0, pmm_##N##_remove_memory(HOT, SECTION));			\
}										\
										\
static void N##_writer_remove_pages(void)					\
{										\
	ASSERT_EQ(0, pmm_##N##_remove_pages(HOT, SECTION, NULL));		\
}										\
										\
static void N##_setup(void)							\
{										\
	struct pmm_range ram = { 0, 2 * SECTION, 0 };				\
										\
	ASSERT_EQ(0, pmm_##N##_init(&ram, 1));					\
	ASSERT_EQ(0, pmm_##N##_add_memory(0, HOT, SECTION));			\
	ASSERT_EQ(0, pmm_##N##_online_pages(HOT, SECTION, PMM_MMOP_ONLINE));	\
}										\
										\
/*										\
 * pfn_to_online_page(HOT + 1) finds the section online; at its @nth	\
 * read point the writer offlines and removes it, which retires root 1.	\
 * Expect what the reader read to decide: the descriptor it found online,	\
 * worked out from the section it read (or NULL, where the reader looks	\
 * at the sub-section bit after the writer cleared it); after the writer	\
 * is done, NULL and no root 1.						\
 */										\
static void N##_online_page_while_removed(int nth)				\
{										\
	struct pmm_##N##_page *expect, *seen;					\
										\
	N##_setup();								\
	expect = pmm_##N##_pfn_to_page(HOT + 1);				\
	il_arm(N##_writer_offline_remove, nth);					\
	seen = pmm_##N##_pfn_to_online_page(HOT + 1);				\
	ASSERT_TRUE(il_join_writer());						\
	ASSERT_TRUE(seen == expect || !seen);					\
	ASSERT_TRUE(!pmm_##N##_pfn_to_online_page(HOT + 1));			\
	ASSERT_TRUE(!pmm_##N##_nr_to_section(HOT / SECTION));			\
	pmm_##N##_exit();							\
}										\
										\
/*										\
 * pfn_valid(HOT + 1) reads the section; at its @nth read point the	\
 * writer removes it (root and usage unpublished, freed after this	\
 * reader).  Expect an answer about what was read (0 or 1), without	\
 * touching freed memory, and 0 once the writer is done.			\
 */										\
static void N##_valid_while_removed(int nth)					\
{										\
	int seen;								\
										\
	N##_setup();								\
	ASSERT_EQ(0, pmm_##N##_offline_pages(HOT, SECTION));			\
	il_arm(N##_writer_remove_pages, nth);					\
	seen = pmm_##N##_pfn_valid(HOT + 1);					\
	ASSERT_TRUE(il_join_writer());						\
	ASSERT_TRUE(seen == 0 || seen == 1);					\
	ASSERT_EQ(0, pmm_##N##_pfn_valid(HOT + 1));				\
	ASSERT_EQ(-1, pmm_##N##_pfn_to_nid(HOT + 1));				\
	pmm_##N##_exit();							\
}

IL_CASES(cl)
IL_CASES(vm)
IL_CASES(cld)
IL_CASES(vmd)

/*
 * The read points of each reader, in the order it passes them:
 *	pfn_to_online_page	classic: 1 before the descriptor address;
 *				VMEMMAP: 1 with the usage loaded, 2 before
 *				the descriptor address
 *	pfn_valid		1 with the section read; VMEMMAP: 2 with
 *				the usage loaded
 */
#define IL_CASE(name, N, reader, nth)						\
static int name(void)								\
{										\
	PREFIX_PUSH();								\
	N##_##reader##_while_removed(nth);					\
	PREFIX_POP();								\
	return 0;								\
}

IL_CASE(cl_online_page_at_address, cl, online_page, 1)
IL_CASE(cld_online_page_at_address, cld, online_page, 1)
IL_CASE(vm_online_page_at_usage, vm, online_page, 1)
IL_CASE(vm_online_page_at_address, vm, online_page, 2)
IL_CASE(vmd_online_page_at_address, vmd, online_page, 2)
IL_CASE(cl_valid_at_section, cl, valid, 1)
IL_CASE(cld_valid_at_section, cld, valid, 1)
IL_CASE(vm_valid_at_section, vm, valid, 1)
IL_CASE(vm_valid_at_usage, vm, valid, 2)
IL_CASE(vmd_valid_at_usage, vmd, valid, 2)

/* --- two instances, two threads, the hosted hooks ----------------------- */

#define IL_HOSTED_ROUNDS	200

#define IL_HOSTED(N)								\
static void *N##_hotplug_thread(void *arg)					\
{										\
	struct pmm_range ram = { 0, 2 * SECTION, 0 };				\
	long fails = 0, i;							\
										\
	(void)arg;								\
	if (pmm_##N##_init(&ram, 1))						\
		return (void *)1L;						\
	for (i = 0; i < IL_HOSTED_ROUNDS; i++) {				\
		fails += pmm_##N##_add_pages(0, HOT, SECTION, NULL) != 0;	\
		fails += pmm_##N##_remove_pages(HOT, SECTION, NULL) != 0;	\
	}									\
	pmm_##N##_exit();							\
	return (void *)fails;							\
}

IL_HOSTED(h1)
IL_HOSTED(h2)

/*
 * Two threads each hot-add and remove a section of their own instance,
 * 200 times, at once: every allocation goes through the one hosted
 * allocator.  Expect every request to succeed and (ThreadSanitizer) no
 * report: the allocator's byte count is shared and must be atomic.
 */
static int two_instances_two_threads(void)
{
	pthread_t a, b;
	void *fa, *fb;
	int reports = __atomic_load_n(&il_tsan_reports, __ATOMIC_RELAXED);

	PREFIX_PUSH();
	ASSERT_EQ(0, pthread_create(&a, NULL, h1_hotplug_thread, NULL));
	ASSERT_EQ(0, pthread_create(&b, NULL, h2_hotplug_thread, NULL));
	pthread_join(a, &fa);
	pthread_join(b, &fb);
	ASSERT_EQ(0, (long)fa);
	ASSERT_EQ(0, (long)fb);
	ASSERT_EQ(reports, __atomic_load_n(&il_tsan_reports, __ATOMIC_RELAXED));
	PREFIX_POP();
	return 0;
}

#ifndef IL_VARIANT
#define IL_VARIANT ""
#endif

/* test_interleave [-v] [CASE]...: every case, or those named */
static struct test_args args = {
	.about = "a reader racing hot-remove, one interleaving forced",
	.operands = "[CASE]...",
};

int main(int argc, char **argv)
{
	test_parse_args(&args, argc, argv);
	test_args_cases(&args);
	RUN(cl_online_page_at_address);
	RUN(cld_online_page_at_address);
	RUN(vm_online_page_at_usage);
	RUN(vm_online_page_at_address);
	RUN(vmd_online_page_at_address);
	RUN(cl_valid_at_section);
	RUN(cld_valid_at_section);
	RUN(vm_valid_at_section);
	RUN(vm_valid_at_usage);
	RUN(vmd_valid_at_usage);
	RUN(two_instances_two_threads);
	return test_summary("test_interleave" IL_VARIANT);
}
