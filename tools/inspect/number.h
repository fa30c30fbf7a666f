/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * number.h - unsigned numbers as pmm-inspect reads them: digits only
 *
 * strtoull skips leading blanks and takes a sign, so that " -1" reads as
 * 2^64 - 1; every number pmm-inspect reads (its options, sysfs files)
 * goes through number_parse() instead, which takes digits and nothing
 * else and says when they overflow.
 */
#ifndef PMM_TOOLS_NUMBER_H
#define PMM_TOOLS_NUMBER_H

/**
 * number_parse - the digits at the start of a string
 * @s: the text
 * @base: 10 or 16 (no "0x": the caller decides the base)
 * @end: set to the first character after the digits
 * @v: set to their value
 *
 * Return: 0; -EINVAL when @s does not start with a digit of @base;
 * -ERANGE when the value is above 2^64 - 1.  @end and @v are set only
 * on success.
 */
int number_parse(const char *s, unsigned int base, const char **end,
		 unsigned long long *v);

/**
 * number_parse_c - a number as C writes it: decimal, or hex after "0x"
 * @s, @end, @v: as number_parse()
 *
 * Every option that takes a number reads it here, so "0x" means one thing.
 */
int number_parse_c(const char *s, const char **end, unsigned long long *v);

#endif /* PMM_TOOLS_NUMBER_H */
