/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * bench_compiler.h - what every measured C file asks of its compiler
 *
 *	BENCH_OUT_OF_LINE	a wrapper stays a function of its own, so that
 *				its instructions can be counted and it can be
 *				called from a timing loop
 *	BENCH_COMPILER		the compiler that built the measured code,
 *				e.g. "gcc 12.2.0", for the results' context
 */
#ifndef BENCH_COMPILER_H
#define BENCH_COMPILER_H

#if defined(__GNUC__) && !defined(__clang__)
/* gcc would merge identical wrappers (ipa-icf) or specialise them */
#define BENCH_OUT_OF_LINE	__attribute__((noinline, noclone, no_icf))
#else
#define BENCH_OUT_OF_LINE	__attribute__((noinline))
#endif

#ifdef __clang__
#define BENCH_COMPILER		"clang " __clang_version__
#else
#define BENCH_COMPILER		"gcc " __VERSION__
#endif

#endif /* BENCH_COMPILER_H */
