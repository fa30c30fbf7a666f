/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * utf8.h - where a string's bytes are UTF-8, for the writers that escape
 *
 * File names are bytes: the JSON and text reports and the picture each
 * decide what to write for a byte that does not begin a character, with
 * the same test of what a character is.
 */
#ifndef PMM_TOOLS_UTF8_H
#define PMM_TOOLS_UTF8_H

/*
 * utf8_len - the length of the well-formed UTF-8 sequence at @s, or 0
 *
 * Well-formed as RFC 3629 says: no overlong forms, no surrogates, nothing
 * beyond U+10FFFF.  A NUL at @s is a one-byte character; one inside a
 * sequence ends it early (0), so the caller never reads past the string.
 */
static inline int utf8_len(const unsigned char *s)
{
	int n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] >= 0xa0) ||
	    (s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] >= 0x90))
		return 0;
	return n;
}

/*
 * utf8_is_control - is the character at @s, of @len bytes (utf8_len),
 * a control character: C0, DEL, or C1 (U+0080-U+009F, which terminals
 * also obey)?
 */
static inline int utf8_is_control(const unsigned char *s, int len)
{
	if (len == 1)
		return s[0] < 0x20 || s[0] == 0x7f;
	return len == 2 && s[0] == 0xc2 && s[1] < 0xa0;
}

#endif /* PMM_TOOLS_UTF8_H */
