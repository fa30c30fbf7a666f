/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * interleave_hooks.h - test_interleave's RCU hooks and read point, for
 * the instance about to be included: no include guard, as pmm.h forgets
 * its hooks at the end of each instance.
 */
#define PMM_RCU_READ_LOCK()	pthread_rwlock_rdlock(&il_rcu)
#define PMM_RCU_READ_UNLOCK()	pthread_rwlock_unlock(&il_rcu)
#define PMM_SYNCHRONIZE_RCU()	il_synchronize()
#define PMM_TEST_READ_POINT()	il_read_point()
