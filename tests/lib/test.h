/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * test.h - the test harness, in the manner of tools/testing/memblock
 *
 * One function per case, returning 0; ASSERT_* record a failure with the
 * case's name and carry on to the end of the case.  RUN() counts it, and
 * test_summary() prints "N passed, N failed, N skipped" and gives the exit
 * status.  Quiet on success unless -v is given (test_init()).
 *
 * A case that cannot run here (no /sys, not root) says so with SKIP():
 * it is counted as skipped, never as passed, and its reason is printed.
 *
 * Text is searched with ASSERT_CONTAINS and its kin, never with
 * ASSERT_TRUE(strstr(...) < end): NULL < end holds, so text that is
 * missing would pass.  Here a NULL haystack, a missing needle or one
 * found past the bound each fail and print the needle.
 *
 * ASSERT_MSG(cond, fmt, ...) is the same with a message of the test's
 * own, for checks whose numbers alone would not say what broke (a PFN,
 * an instance, the operation just done: test_context).  Every failure,
 * whichever macro finds it, counts against one quota per case
 * (TEST_REPORT_QUOTA lines): a check inside a loop over a million PFNs
 * that breaks everywhere prints forty lines and a last one saying the
 * rest are not shown, and the next case has a quota of its own.
 */
#ifndef PMM_TEST_H
#define PMM_TEST_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int test_passed, test_failed, test_skipped, test_verbose;
static int test_case_failed, test_case_skipped, test_in_case;
static const char *test_prefix[8];
static int test_depth;

/* Failures printed per case; run_case() starts each case afresh. */
#define TEST_REPORT_QUOTA	40

/*
 * test_case_reports: the failures of the running case so far, printed
 * or not, so that a loop can tell whether its last step failed.
 * test_context: what was just done, or NULL; each failure names it
 * ("after <context>: "), for checks that run after many operations.
 */
static long test_case_reports;
static const char *test_context;

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

/**
 * test_report() - count a failure and start its line, within the quota
 * @file: where the check is
 * @line: its line
 *
 * Marks the running case failed whatever the quota says: only printing
 * stops.  Return: 1 when the caller is to finish the line it began
 * ("FAIL <case> (<file>:<line>): [after <context>: ]"), 0 when the case
 * has used its quota (the first time, a line says so).
 */
static inline __attribute__((unused)) int test_report(const char *file, int line)
{
	test_case_failed = 1;
	if (++test_case_reports > TEST_REPORT_QUOTA) {
		if (test_case_reports == TEST_REPORT_QUOTA + 1) {
			fprintf(stderr, "FAIL ");
			test_where(stderr);
			fprintf(stderr, ": ... (further failures of this case not shown)\n");
		}
		return 0;
	}
	fprintf(stderr, "FAIL ");
	test_where(stderr);
	fprintf(stderr, " (%s:%d): ", file, line);
	if (test_context)
		fprintf(stderr, "after %s: ", test_context);
	return 1;
}

static inline __attribute__((unused)) void test_fail(const char *file, int line,
						    const char *what,
						    long long exp, long long seen)
{
	if (test_report(file, line))
		fprintf(stderr, "%s: expected %lld (0x%llx), seen %lld (0x%llx)\n",
			what, exp, (unsigned long long)exp, seen,
			(unsigned long long)seen);
}

/**
 * struct test_tally - rule breaks seen where a case cannot fail at once
 * @count: how many
 * @first: the first one's words
 *
 * A hook pmm calls, or a worker thread, tallies what it saw with
 * test_tally(); the case then asserts that @count is 0 and prints @first.
 */
struct test_tally {
	long count;
	char first[200];
};

static inline __attribute__((unused, format(printf, 2, 3)))
void test_tally(struct test_tally *t, const char *fmt, ...)
{
	va_list ap;

	if (!t->count++) {
		va_start(ap, fmt);
		vsnprintf(t->first, sizeof(t->first), fmt, ap);
		va_end(ap);
	}
}

/* A failure with a message of the caller's: ASSERT_MSG. */
static inline __attribute__((unused, format(printf, 3, 4)))
void test_failf(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	if (!test_report(file, line))
		return;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
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

/*
 * @cond holds, or the case fails with the printf-style message that
 * follows it: for checks whose operands alone would not say what broke.
 */
#define ASSERT_MSG(cond, ...)							\
	do {									\
		if (!(cond))							\
			test_failf(__FILE__, __LINE__, __VA_ARGS__);		\
	} while (0)

/*
 * Is @needle in [@hay, @end) (@end NULL: up to @hay's NUL), wholly?  A
 * NULL @hay, a missing @needle, or (with @bounded) a NULL @end or a match
 * reaching past it is a failure naming the needle.  @want 0 inverts: the
 * needle must not be there (a NULL @hay still fails: nothing was
 * searched).  Returns the match, or NULL.
 */
static inline __attribute__((unused)) const char *
test_contains(const char *file, int line, const char *what, const char *hay,
	      const char *needle, int bounded, const char *end, int want)
{
	const char *at = hay ? strstr(hay, needle) : NULL;
	const char *why = NULL;

	if (at && bounded && end && at + strlen(needle) > end)
		at = NULL;
	if (!hay)
		why = "the text searched is NULL";
	else if (bounded && !end)
		why = "the bound is NULL";
	else if (bounded && end < hay)
		why = "the bound lies before the text";
	else if (want && !at)
		why = bounded && strstr(hay, needle) ? "found only past the bound" :
						      "not found";
	else if (!want && at)
		why = "found";
	if (why) {
		if (test_report(file, line))
			fprintf(stderr, "%s \"%s\": %s\n", what, needle, why);
		return NULL;
	}
	return at;
}

/* @needle occurs in the string @hay */
#define ASSERT_CONTAINS(hay, needle)						\
	test_contains(__FILE__, __LINE__, "ASSERT_CONTAINS(" #hay ")",		\
		      (hay), (needle), 0, NULL, 1)
/* @needle does not occur in the string @hay (which must not be NULL) */
#define ASSERT_NOT_CONTAINS(hay, needle)					\
	test_contains(__FILE__, __LINE__, "ASSERT_NOT_CONTAINS(" #hay ")",	\
		      (hay), (needle), 0, NULL, 0)
/*
 * @needle occurs at or after @hay and ends at or before @end: an ordered
 * search within a bound, e.g. inside one <g> ... </g> of a document.
 */
#define ASSERT_CONTAINS_BEFORE(hay, needle, end)				\
	test_contains(__FILE__, __LINE__,					\
		      "ASSERT_CONTAINS_BEFORE(" #hay ", " #end ")",			\
		      (hay), (needle), 1, (end), 1)
/* @needle does not occur in [@hay, @end) */
#define ASSERT_NOT_CONTAINS_BEFORE(hay, needle, end)				\
	test_contains(__FILE__, __LINE__,					\
		      "ASSERT_NOT_CONTAINS_BEFORE(" #hay ", " #end ")",		\
		      (hay), (needle), 1, (end), 0)

/*
 * The running case cannot run here: counted as skipped (unless it already
 * failed), never as passed; the reason is printed whatever -v says.
 * Outside a case (a map with no preset, say) it counts one skip itself.
 */
static inline __attribute__((unused, format(printf, 1, 2)))
void test_skip(const char *fmt, ...)
{
	va_list ap;

	printf("SKIP ");
	test_where(stdout);
	printf(": ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (test_in_case)
		test_case_skipped = 1;
	else
		test_skipped++;
}

/* Skip the rest of the case (a function returning int), saying why. */
#define SKIP(...)								\
	do {									\
		test_skip(__VA_ARGS__);						\
		return 0;							\
	} while (0)

/*
 * The cases a program was asked for on its command line (test_args.h's
 * TEST_ARGS_CASES): NULL, every case.
 */
static char **test_only_cases;
static int test_nr_only_cases;

/*
 * PMM_TEST_ONLY="case case ..." in the environment runs only the cases so
 * named (tests/mutation runs one program's quick cases); the others are
 * not run and not counted.  Unset: every case.  Cases named on the
 * command line narrow it further.
 */
static inline __attribute__((unused)) int test_selected(const char *name)
{
	const char *only = getenv("PMM_TEST_ONLY"), *s;
	size_t n = strlen(name);
	int i;

	if (test_only_cases) {
		for (i = 0; i < test_nr_only_cases; i++)
			if (!strcmp(test_only_cases[i], name))
				break;
		if (i == test_nr_only_cases)
			return 0;
	}
	if (!only)
		return 1;
	for (s = only; (s = strstr(s, name)); s += n)
		if ((s == only || s[-1] == ' ') && (s[n] == ' ' || !s[n]))
			return 1;
	return 0;
}

static inline __attribute__((unused)) void run_case(const char *name, int (*fn)(void))
{
	if (!test_selected(name))
		return;
	test_case_failed = 0;
	test_case_skipped = 0;
	test_case_reports = 0;	/* each case its own quota of printed failures */
	test_in_case = 1;
	prefix_push(name);
	fn();
	prefix_pop();
	test_in_case = 0;
	if (test_case_failed) {
		test_failed++;
	} else if (test_case_skipped) {
		test_skipped++;
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
	printf("%s: %d passed, %d failed, %d skipped\n", program, test_passed,
	       test_failed, test_skipped);
	return test_failed ? 1 : 0;
}

#endif /* PMM_TEST_H */
