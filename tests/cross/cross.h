/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * cross.h - put the architecture in a cross-built program's summary line
 *
 * tests/cross/rules.mk passes it with -include, and CROSS_SUFFIX, say
 * " (s390x)", with -D, to the programs that name themselves with a plain
 * string (test_layouts, test_layout_reader), so that their line reads
 * "test_layouts (s390x): N passed, M failed, K skipped" and make test
 * can tell the five architectures' runs apart.  The unit tests have UNIT_CC_SUFFIX
 * for that and do not need this.
 *
 * test.h comes first, so the macro does not touch the function's own
 * definition; it is not re-expanded inside itself.
 */
#ifndef PMM_CROSS_H
#define PMM_CROSS_H

#include "test.h"

#ifndef CROSS_SUFFIX
#error "CROSS_SUFFIX: tests/cross/rules.mk passes the architecture, e.g. \" (s390x)\""
#endif

#define test_summary(program)	test_summary(program CROSS_SUFFIX)

#endif /* PMM_CROSS_H */
