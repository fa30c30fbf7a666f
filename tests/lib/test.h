/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * test.h - the test harness, in the manner of tools/testing/memblock
 *
 * One function per case, returning 0; ASSERT_* record a failure with the
 * case's name and carry on to the end of the case.  RUN() counts it, and
 * test_summary() prints "N passed, N failed" and gives the exit status.
 * Quiet on success unless -v is given (test_init()).
 */
#ifndef PMM_TEST_H
#define PMM_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int test_passed, test_failed, test_case_failed, test_verbose;
static const char *test_prefix[8];
static int test_depth;

static inline __attribute__((unused)) void test_init(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-v"))
			test_verbose = 1;
}

static inline __attribute__((unused)) void prefix_push(const char *p)
{
	if (test_depth < 8)
		test_prefix[test_depth] = p;
	test_depth++;
}

static inline __attribute__((unused)) void prefix_pop(void)
{
	if (test_depth)
		test_depth--;
}

#define PREFIX_PUSH()	prefix_push(__func__)
#define PREFIX_POP()	prefix_pop()

static inline __attribute__((unused)) void test_where(FILE *f)
{
	int i;

	for (i = 0; i < test_depth && i < 8; i++)
		fprintf(f, "%s%s", i ? ": " : "", test_prefix[i]);
}

static inline __attribute__((unused)) void test_fail(const char *file, int line,
						    const char *what,
						    long long exp, long long seen)
{
	test_case_failed = 1;
	fprintf(stderr, "FAIL ");
	test_where(stderr);
	fprintf(stderr, " (%s:%d): %s: expected %lld (0x%llx), seen %lld (0x%llx)\n",
		file, line, what, exp, (unsigned long long)exp, seen,
		(unsigned long long)seen);
}

#define ASSERT_EQ(expected, seen)						\
	do {									\
		long long e_ = (long long)(expected), s_ = (long long)(seen);	\
		if (e_ != s_)							\
			test_fail(__FILE__, __LINE__, #seen " == " #expected,	\
				  e_, s_);					\
	} while (0)
#define ASSERT_NE(unexpected, seen)						\
	do {									\
		long long e_ = (long long)(unexpected), s_ = (long long)(seen);	\
		if (e_ == s_)							\
			test_fail(__FILE__, __LINE__, #seen " != " #unexpected,	\
				  e_, s_);					\
	} while (0)
#define ASSERT_TRUE(c)	ASSERT_EQ(1, !!(c))
#define ASSERT_FALSE(c)	ASSERT_EQ(0, !!(c))

static inline __attribute__((unused)) void run_case(const char *name, int (*fn)(void))
{
	test_case_failed = 0;
	prefix_push(name);
	fn();
	prefix_pop();
	if (test_case_failed) {
		test_failed++;
	} else {
		test_passed++;
		if (test_verbose) {
			printf("ok ");
			test_where(stdout);
			printf("%s%s\n", test_depth ? ": " : "", name);
		}
	}
}

#define RUN(fn)	run_case(#fn, fn)

/* The closing line CI reads; the exit status follows it. */
static inline __attribute__((unused)) int test_summary(const char *program)
{
	printf("%s: %d passed, %d failed\n", program, test_passed, test_failed);
	return test_failed ? 1 : 0;
}

#endif /* PMM_TEST_H */
