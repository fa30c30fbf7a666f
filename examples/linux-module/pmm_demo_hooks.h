/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * pmm_demo_hooks.h - pmm's hooks onto the kernel, for the instances of
 * pmm_demo.c (which sees Linux's headers).  Include it before each
 * instance: pmm.h forgets its hooks at the end of every instance.
 *
 * No include guard on purpose.
 */
#define PMM_ALLOC(bytes, align, nid)	kmod_pmm_alloc((bytes), (align), (nid))
#define PMM_FREE(p, bytes)		((void)(bytes), kvfree(p))
#define PMM_BUG_ON(cond)		BUG_ON(cond)
/* Linux's pfn_valid reads mem_section under rcu_read_lock_sched() too */
#define PMM_RCU_READ_LOCK()		rcu_read_lock_sched()
#define PMM_RCU_READ_UNLOCK()		rcu_read_unlock_sched()
#define PMM_SYNCHRONIZE_RCU()		synchronize_rcu()
