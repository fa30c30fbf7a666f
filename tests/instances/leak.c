/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * leak.c - pmm.h included twice, for check_names.sh to dump the macros
 * left defined afterwards (cc -dM -E).  LEAK_FIRST and LEAK_SECOND pick
 * the two configurations from leak_config.h; LEAK_FREESTANDING builds
 * without a C library, with hooks.
 */
#if LEAK_FREESTANDING
#define PMM_FREESTANDING 1
#include "../lib/host_hooks.h"
#endif

#define PMM_NAME first
#define LEAK_CONFIG LEAK_FIRST
#include "leak_config.h"
#include "pmm.h"
#undef LEAK_CONFIG

#define PMM_NAME second
#define LEAK_CONFIG LEAK_SECOND
#include "leak_config.h"
#include "pmm.h"
#undef LEAK_CONFIG
