/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * test_args.h - the command line of a test program, in the manner of
 * tools/testing/memblock's parse_args(): one struct of options, one
 * parse function, one usage text
 *
 * The randomised programs take the same options, so that a failure's
 * "rerun:" line works on any of them:
 *
 *	-s SEED	the seed of the random part (decimal, 0x hex or 0 octal)
 *	-n N	how much of it: operations, maps (TEST_ARGS's @n_name)
 *	-i NAME	only the instance NAME
 *	-v	say what each case did (test.h's test_verbose)
 *	-h	the usage text
 *
 * A program sets its defaults in its struct test_args, lists the common
 * options it takes in @takes, and adds options of its own as a table of
 * struct test_option:
 *
 *	static unsigned long readers = 2;
 *	static const struct test_option extra[] = {
 *		{ 't', "READERS", "reader threads", .num = &readers,
 *		  .min = 1, .max = 8 },
 *		{ 0 }
 *	};
 *	static struct test_args args = {
 *		.takes = "sni", .seed = 0x5eed, .n = 1000, .n_name = "OPS",
 *		.n_about = "writer ops per instance",
 *		.about = "readers against hotplug", .extra = extra,
 *	};
 *	test_parse_args(&args, argc, argv);
 *
 * Numbers are read whole or not at all: "-n 10k" is a usage error, not
 * ten.  A usage error prints the usage text and exits with status 2, as
 * the programs' callers (make, tests/mutation) read it.
 */
#ifndef PMM_TEST_ARGS_H
#define PMM_TEST_ARGS_H

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

/**
 * struct test_option - an option of one program's own
 * @letter: the option's letter; 0 ends a table
 * @arg: its argument's name in the usage text ("DIR"), NULL for a flag
 * @help: what it does, one line of the usage text
 * @num: where a number argument goes, or NULL
 * @min: the smallest number allowed
 * @max: the largest number allowed; 0 for no bound
 * @str: where a string argument goes, or NULL
 * @flag: set to 1 by a flag, or NULL
 */
struct test_option {
	int letter;
	const char *arg;
	const char *help;
	unsigned long *num;
	unsigned long min, max;
	const char **str;
	int *flag;
};

/**
 * struct test_args - a test program's command line
 * @takes: the common options it takes, of "sni" (-v and -h always)
 * @about: what the program does, the usage text's second line
 * @n_name: what -n counts, for the usage text ("OPS", "MAPS")
 * @n_about: what -n counts, in words ("requests per instance"): a
 *	randomised program's first line then says its seed and -n, so that
 *	any failure after it can be rerun; NULL for no such line
 * @operands: the usage text's words for operands ("[FILE | DIR]..."),
 *	NULL when the program takes none
 * @extra: the program's own options, ending with a zero letter, or NULL
 * @seed: -s; holds the program's default before parsing
 * @n: -n; likewise
 * @instance: -i; NULL for every instance
 * @verbose: -v
 * @operand: the operands, in their order on the command line
 * @nr_operands: how many
 */
struct test_args {
	const char *takes;
	const char *about;
	const char *n_name;
	const char *n_about;
	const char *operands;
	const struct test_option *extra;
	unsigned long long seed;
	unsigned long n;
	const char *instance;
	int verbose;
	char **operand;
	int nr_operands;
};

static inline __attribute__((unused)) const char *test_args_prog(const char *argv0)
{
	const char *slash = strrchr(argv0, '/');

	return slash ? slash + 1 : argv0;
}

static inline __attribute__((unused)) int test_args_takes(const struct test_args *a, int c)
{
	return a->takes && strchr(a->takes, c);
}

/* The usage text, on @f; the defaults are those in @a before parsing. */
static inline __attribute__((unused)) void test_usage(FILE *f, const struct test_args *a,
						     const char *prog)
{
	const char *n_name = a->n_name ? a->n_name : "N";
	const struct test_option *o;

	fprintf(f, "usage: %s [-v]", prog);
	if (test_args_takes(a, 's'))
		fprintf(f, " [-s SEED]");
	if (test_args_takes(a, 'n'))
		fprintf(f, " [-n %s]", n_name);
	if (test_args_takes(a, 'i'))
		fprintf(f, " [-i NAME]");
	for (o = a->extra; o && o->letter; o++)
		fprintf(f, " [-%c%s%s]", o->letter, o->arg ? " " : "", o->arg ? o->arg : "");
	fprintf(f, "%s%s\n", a->operands ? " " : "", a->operands ? a->operands : "");
	if (a->about)
		fprintf(f, "  %s\n", a->about);
	fprintf(f, "  -v          say what each case did\n");
	if (test_args_takes(a, 's'))
		fprintf(f, "  -s SEED     seed of the random part (default %#llx)\n", a->seed);
	if (test_args_takes(a, 'n'))
		fprintf(f, "  -n %-8s how many random %s (default %lu)\n", n_name, n_name, a->n);
	if (test_args_takes(a, 'i'))
		fprintf(f, "  -i NAME     only the instance NAME\n");
	for (o = a->extra; o && o->letter; o++)
		fprintf(f, "  -%c %-8s %s\n", o->letter, o->arg ? o->arg : "", o->help);
}

/* A whole number, in strtoul's bases, within [@min, @max] (@max 0: any). */
static inline __attribute__((unused)) int test_args_number(const char *s,
							  unsigned long long *v,
							  unsigned long long min,
							  unsigned long long max)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return !errno && end != s && !*end && *s != '-' && *v >= min && (!max || *v <= max);
}

/**
 * test_parse_args() - read the command line into @a
 * @a: the program's options, holding their defaults
 * @argc: main()'s
 * @argv: main()'s; getopt reorders it (operands last)
 *
 * Sets test.h's test_verbose with -v.  On a usage error prints the usage
 * text to stderr and exits with 2; on -h prints it to stdout and exits
 * with 0.  With @a->n_about, prints "PROG: seed S, N <n_about>".
 */
static inline __attribute__((unused)) void test_parse_args(struct test_args *a, int argc,
							  char **argv)
{
	const char *prog = test_args_prog(argv[0]);
	const struct test_option *o;
	unsigned long long v;
	char optstring[64] = "hv";
	size_t len = strlen(optstring);
	int c;

	/* glibc's getopt: options and operands in any order, as before */
	for (c = 0; a->takes && a->takes[c] && len + 3 < sizeof(optstring); c++) {
		optstring[len++] = a->takes[c];
		optstring[len++] = ':';
	}
	for (o = a->extra; o && o->letter && len + 3 < sizeof(optstring); o++) {
		optstring[len++] = (char)o->letter;
		if (o->arg)
			optstring[len++] = ':';
	}
	optstring[len] = 0;
	opterr = 0;	/* the usage text says it */
	while ((c = getopt(argc, argv, optstring)) != -1) {
		switch (c) {
		case 'h':
			test_usage(stdout, a, prog);
			exit(0);
		case 'v':
			a->verbose = test_verbose = 1;
			continue;
		case 's':
			if (!test_args_number(optarg, &a->seed, 0, 0))
				break;
			continue;
		case 'n':
			if (!test_args_number(optarg, &v, 0, ~0UL))
				break;
			a->n = (unsigned long)v;
			continue;
		case 'i':
			a->instance = optarg;
			continue;
		default:
			for (o = a->extra; o && o->letter; o++)
				if (o->letter == c)
					break;
			if (!o || !o->letter)
				break;
			if (o->flag)
				*o->flag = 1;
			if (o->str)
				*o->str = optarg;
			if (o->num) {
				if (!test_args_number(optarg, &v, o->min, o->max ? o->max : ~0UL))
					break;
				*o->num = (unsigned long)v;
			}
			continue;
		}
		fprintf(stderr, "%s: bad option or argument near '%s'\n", prog,
			argv[optind - 1 < argc ? optind - 1 : argc - 1]);
		test_usage(stderr, a, prog);
		exit(2);
	}
	a->operand = argv + optind;
	a->nr_operands = argc - optind;
	if (a->nr_operands && !a->operands) {
		fprintf(stderr, "%s: unexpected '%s'\n", prog, argv[optind]);
		test_usage(stderr, a, prog);
		exit(2);
	}
	if (a->n_about)
		printf("%s: seed %#llx, %lu %s\n", prog, a->seed, a->n, a->n_about);
}

/* Is the instance @name one the command line asked for (-i)? */
static inline __attribute__((unused)) int test_args_instance(const struct test_args *a,
							    const char *name)
{
	return !a->instance || !strcmp(a->instance, name);
}

/*
 * After the loop over the instances: -i named none of them?  Says so and
 * returns 1 (the program exits with 2), so that a misspelt name does not
 * pass as a run of nothing.
 */
static inline __attribute__((unused)) int test_args_no_instance(const struct test_args *a,
							       int ran)
{
	if (ran || !a->instance)
		return 0;
	fprintf(stderr, "no instance named %s\n", a->instance);
	return 1;
}

/*
 * Operands that name cases: run only those (test.h's test_selected).
 * For programs whose usage says "[CASE]...".
 */
static inline __attribute__((unused)) void test_args_cases(const struct test_args *a)
{
	if (a->nr_operands) {
		test_only_cases = a->operand;
		test_nr_only_cases = a->nr_operands;
	}
}

#endif /* PMM_TEST_ARGS_H */
