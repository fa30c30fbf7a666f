/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * model_stats.h - what an instance that holds nothing reports through its
 * struct model_ops (model_ops.h): the unit tests check it after every
 * exit and refused init, tests/property after each map.
 */
#ifndef PMM_MODEL_STATS_H
#define PMM_MODEL_STATS_H

#include <string.h>

#include "pmm_types.h"
#include "test.h"
#include "model_ops.h"

/* check_stats_empty()'s @static_bytes where the caller cannot know them */
#define MODEL_STATIC_BYTES_ANY	(~0ULL)

/**
 * check_stats_empty() - an instance that holds nothing reports zeroes
 * @ops: the instance
 * @static_bytes: the bytes of its static tables, which stay, or
 *	MODEL_STATIC_BYTES_ANY
 *
 * pmm_stats is filled with a pattern first, so that a member the call
 * leaves unwritten fails too.
 */
static inline __attribute__((unused)) void check_stats_empty(const struct model_ops *ops,
							    unsigned long long static_bytes)
{
	struct pmm_stats st;

	memset(&st, 0xa5, sizeof(st));
	ops->stats(&st);
	ASSERT_EQ(0, st.ram_pages);
	ASSERT_EQ(0, st.memmap_pages);
	ASSERT_EQ(0, st.memmap_bytes);
	ASSERT_EQ(0, st.metadata_bytes);
	if (static_bytes != MODEL_STATIC_BYTES_ANY)
		ASSERT_EQ(static_bytes, st.static_bytes);
	ASSERT_EQ(0, st.nr_present_sections);
	ASSERT_EQ(0, st.nr_nodes);
}

#endif /* PMM_MODEL_STATS_H */
