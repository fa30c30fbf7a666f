/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * unit_hooks.h - what the unit tests include before their pmm.h instances
 *
 * Every instance of every unit-test program allocates through test_alloc,
 * so that "nothing allocated" and "nothing leaked" can be proved.  pmm.h
 * forgets its hooks after each instance, so each instance says
 *
 *	#define PMM_ALLOC UNIT_ALLOC
 *	#define PMM_FREE UNIT_FREE
 */
#ifndef PMM_UNIT_HOOKS_H
#define PMM_UNIT_HOOKS_H

/* before the first instance, whose hooks call test_alloc */
#include "test_alloc.h"
#include "model_ops.h"

/* the helpers of tests/unit/, like pmm's own PMM__API */
#define UNIT_HELPER	static inline __attribute__((unused))

#define UNIT_ALLOC(bytes, align, nid)	test_alloc((bytes), (align), (nid))
#define UNIT_FREE(ptr, bytes)		test_free((ptr), (bytes))

#endif /* PMM_UNIT_HOOKS_H */
