/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kmod_hooks.h - what the two objects of pmm_example.ko share
 *
 * pmm_names.c may include no Linux header (its instance takes Linux's
 * names, which must not meet Linux's definitions), so it reaches the
 * kernel through these functions, defined in pmm_demo.c.  This file
 * includes nothing either.
 */
#ifndef KMOD_HOOKS_H
#define KMOD_HOOKS_H

/*
 * pmm's hooks onto the kernel: kvzalloc/vzalloc, kvfree, BUG, RCU-sched.
 * __acquires and __releases come from compiler_types.h, which kbuild
 * includes in every unit: sparse checks that pmm balances them.
 */
void *kmod_pmm_alloc(unsigned long bytes, unsigned long align, int nid);
void kmod_pmm_free(void *p, unsigned long bytes);
void kmod_pmm_bug(const char *cond, const char *file, int line);
void kmod_pmm_rcu_read_lock(void) __acquires(RCU_SCHED);
void kmod_pmm_rcu_read_unlock(void) __releases(RCU_SCHED);
void kmod_pmm_synchronize_rcu(void);

/**
 * struct kmod_names_result - what pmm_names.c's self-test saw
 * @pages: PFNs whose round trip it checked
 * @mismatches: checks that failed
 * @sections: present sections, through Linux's present_section_nr()
 */
struct kmod_names_result {
	unsigned long pages;
	unsigned long mismatches;
	unsigned long sections;
};

/* pmm_names.c: build a map with Linux's spellings, check it, tear it down */
int kmod_names_selftest(struct kmod_names_result *res);

#endif /* KMOD_HOOKS_H */
