/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kernel_rcu.h - pmm's RCU hooks as a kernel without preemption has them
 *
 * Linux's pfn_valid brackets its reads with rcu_read_lock_sched(), which
 * is preempt_disable(): a compiler barrier on a PREEMPT_NONE or
 * PREEMPT_VOLUNTARY kernel.  The instruction-count comparison is against
 * that kernel, so the instance under measurement gets the same, instead
 * of the hosted default (per-thread reader slots, pmm_hosted.h).  No
 * include guard: the hooks are per instance, so include it before each.
 */
#define PMM_RCU_READ_LOCK()	__asm__ __volatile__("" ::: "memory")
#define PMM_RCU_READ_UNLOCK()	__asm__ __volatile__("" ::: "memory")
#define PMM_SYNCHRONIZE_RCU()	__asm__ __volatile__("" ::: "memory")
