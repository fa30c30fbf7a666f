// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * number.c - unsigned numbers, digits only (number.h)
 */
#include <errno.h>
#include <limits.h>

#include "number.h"

/* The value of hex digit @c, or 16 for anything else */
static unsigned int number_digit(char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned int)(c - '0');
	if (c >= 'a' && c <= 'f')
		return (unsigned int)(c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (unsigned int)(c - 'A' + 10);
	return 16;
}

int number_parse(const char *s, unsigned int base, const char **end,
		 unsigned long long *v)
{
	unsigned long long n = 0;
	const char *p;
	unsigned int d;

	for (p = s; (d = number_digit(*p)) < base; p++) {
		if (n > (ULLONG_MAX - d) / base)
			return -ERANGE;
		n = n * base + d;
	}
	if (p == s)
		return -EINVAL;
	*end = p;
	*v = n;
	return 0;
}

int number_parse_c(const char *s, const char **end, unsigned long long *v)
{
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		return number_parse(s + 2, 16, end, v);
	return number_parse(s, 10, end, v);
}
