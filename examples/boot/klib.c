/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * klib.c - the four functions gcc may call on its own for struct copies
 * and zeroing loops even in freestanding code, as every kernel provides.
 */
#include "kernel.h"

void *memset(void *s, int c, unsigned int n)
{
	unsigned char *p = s;

	while (n--)
		*p++ = (unsigned char)c;
	return s;
}

void *memcpy(void *d, const void *s, unsigned int n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;

	while (n--)
		*dp++ = *sp++;
	return d;
}

void *memmove(void *d, const void *s, unsigned int n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;

	if (dp < sp)
		return memcpy(d, s, n);
	while (n--)
		dp[n] = sp[n];
	return d;
}

int memcmp(const void *a, const void *b, unsigned int n)
{
	const unsigned char *pa = a, *pb = b;

	for (; n; n--, pa++, pb++)
		if (*pa != *pb)
			return *pa < *pb ? -1 : 1;
	return 0;
}
