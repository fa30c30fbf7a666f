/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * test.h - test_bootmap.c's harness, in the manner of Linux's
 * tools/testing/memblock: one function per case; ASSERT_* record a
 * failure with the case's name and line and carry on to the end of the
 * case; RUN() counts the case, test_summary() prints
 * "NAME: N passed, N failed, N skipped" (the line `make test` adds up)
 * and gives the exit status.  Quiet on success unless -v is given.
 */
#ifndef BOOT_TEST_H
#define BOOT_TEST_H

#include <stdio.h>
#include <string.h>

static int test_passed, test_failed, test_verbose;
static int test_case_failed;
static const char *test_case_name = "";

static inline __attribute__((unused)) void test_init(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-v"))
			test_verbose = 1;
}

static inline __attribute__((unused)) void test_fail(const char *file, int line,
						    const char *what,
						    long long exp, long long seen)
{
	test_case_failed = 1;
	fprintf(stderr, "FAIL %s (%s:%d): %s: expected %lld (0x%llx), seen %lld (0x%llx)\n",
		test_case_name, file, line, what, exp, (unsigned long long)exp, seen,
		(unsigned long long)seen);
}

#define ASSERT_EQ(expected, seen)						\
	do {									\
		long long e_ = (long long)(expected), s_ = (long long)(seen);	\
		if (e_ != s_)							\
			test_fail(__FILE__, __LINE__, #seen " == " #expected,	\
				  e_, s_);					\
	} while (0)
#define ASSERT_TRUE(c)	ASSERT_EQ(1, !!(c))

/*
 * @needle occurs in the string @hay.  Not ASSERT_TRUE(strstr(...)): a
 * NULL @hay (no reason given at all) must fail, and the failure should
 * name the text that was wanted.
 */
#define ASSERT_CONTAINS(hay, needle)						\
	do {									\
		const char *h_ = (hay), *n_ = (needle);				\
		if (!h_ || !strstr(h_, n_)) {					\
			test_case_failed = 1;					\
			fprintf(stderr, "FAIL %s (%s:%d): " #hay " \"%s\": %s\n", \
				test_case_name, __FILE__, __LINE__, n_,		\
				h_ ? "not found" : "the text is NULL");		\
		}								\
	} while (0)

static inline __attribute__((unused)) void run_case(const char *name, int (*fn)(void))
{
	test_case_failed = 0;
	test_case_name = name;
	fn();
	if (test_case_failed) {
		test_failed++;
	} else {
		test_passed++;
		if (test_verbose)
			printf("ok %s\n", name);
	}
}

#define RUN(fn)	run_case(#fn, fn)

/* The closing line `make test` reads; the exit status follows it. */
static inline __attribute__((unused)) int test_summary(const char *program)
{
	printf("%s: %d passed, %d failed, 0 skipped\n", program, test_passed,
	       test_failed);
	return test_failed ? 1 : 0;
}

#endif /* BOOT_TEST_H */
