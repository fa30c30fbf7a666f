/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * layout_internal.h - what the parsers of tools/layout share
 *
 * Not an API.  layout.c defines these for its reader of the .txt format,
 * and the parsers of the other formats (parse_*.c) use them, so that every
 * format reports errors, quotes input, reads numbers, grows its entry
 * array and checks RAM overlap the same way.  layout.c needs nothing from
 * the other files: a program that reads only .txt maps links layout.c
 * alone.
 */
#ifndef PMM_TOOLS_LAYOUT_INTERNAL_H
#define PMM_TOOLS_LAYOUT_INTERNAL_H

#include <stddef.h>
#include <stdio.h>

#include "layout.h"

/* A file larger than this is not a memory map. */
#define LAYOUT_FILE_MAX		(64UL << 20)

/* No map has more entries; a larger one is refused, not grown. */
#define LAYOUT_ENTRIES_MAX	(1U << 20)

/* The longest line the iomem and memmap parsers take. */
#define LAYOUT_LINE_MAX		4096

/* How much of an offending field a message quotes. */
#define LAYOUT_QUOTE_MAX	24

/* A buffer for layout_quote(). */
#define LAYOUT_QUOTE_BUF	(LAYOUT_QUOTE_MAX + 4)

/* A piece of the input: not NUL-terminated. */
struct layout_text {
	const char *p;
	size_t n;
};

/*
 * A map being built: the entries so far, where the parser is (for
 * messages) and where errors go.  layout_finish() hands the map over or
 * frees it.
 */
struct layout_builder {
	struct layout lo;
	unsigned int capacity;
	const char *file;
	unsigned int line;
	struct layout_error *err;
};

/* The lines of a text, one at a time (layout_next_line()). */
struct layout_lines {
	const char *text;
	size_t len;
	size_t pos;
};

void layout_builder_init(struct layout_builder *b, enum layout_format fmt,
			 const char *file, struct layout_error *err);

/* Fill the error at the current line (or @line) and return -@errnum. */
int layout_fail(struct layout_builder *b, int errnum, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int layout_fail_at(struct layout_builder *b, unsigned int line, int errnum,
		   const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * The whole pages of @e, trimmed inward as memblock trims a range that is
 * not page aligned: PFNs [*@first, *@end).  Return: 0 when none is left.
 */
int layout_entry_pages(const struct layout_entry *e, unsigned int page_shift,
		       unsigned long long *first, unsigned long long *end);

/* Copy a field for a message, unprintable bytes as '?', cut at 24. */
const char *layout_quote(struct layout_text t, char *buf, size_t size);

int layout_is_space(char c);
struct layout_text layout_text_of(const char *s);
struct layout_text layout_trim(struct layout_text t);
struct layout_text layout_skip(struct layout_text t, size_t n);
int layout_equals(struct layout_text t, const char *s);
int layout_starts_with(struct layout_text t, const char *s);
/* Where @s first occurs in @t at or after @from, or -1. */
long layout_find(struct layout_text t, size_t from, const char *s);
unsigned int layout_split(struct layout_text t, struct layout_text *field,
			  unsigned int max);

/* 0 and the value, -EINVAL (not a number) or -ERANGE (too large). */
int layout_hex(struct layout_text t, unsigned long long *value);	/* 0x optional */
int layout_hex_digits(struct layout_text t, unsigned long long *value);	/* no 0x */
int layout_decimal(struct layout_text t, unsigned long long max,
		   unsigned long long *value);

/*
 * The next line of @it in @t, without its '\n': 1, 0 at the end, or
 * -EINVAL when the text has more lines than an unsigned int counts.
 * Counts b->line.
 */
int layout_next_line(struct layout_builder *b, struct layout_lines *it,
		     struct layout_text *t);

/* Append an entry: 0, or -EINVAL past LAYOUT_ENTRIES_MAX, -ENOMEM. */
int layout_add(struct layout_builder *b, const struct layout_entry *e);

/* A malloc'd NUL-terminated copy of @t in *@dst (freeing what was there). */
int layout_set_string(struct layout_builder *b, char **dst, struct layout_text t);

/* Two RAM entries may not share a byte; blames the later line. */
int layout_check_ram_overlap(struct layout_builder *b);

/*
 * End a parse: when @ret is 0, check RAM overlap and hand the map to @lo;
 * otherwise (or when the check fails) free it.  Returns the result.
 */
int layout_finish(struct layout_builder *b, int ret, struct layout *lo);

/*
 * Read all of @f (at most LAYOUT_FILE_MAX bytes) into a malloc'd buffer.
 * On failure fill @err (@name, line 0) and return -errno.
 */
int layout_slurp(FILE *f, const char *name, char **buf, size_t *len,
		 struct layout_error *err);

int layout_entry_cmp(const void *a, const void *b);	/* by start, then end */

/*
 * layout_parse_dts() of the file @path: dtc searches @path's directory
 * for the source's /include/ files.  @path NULL: no directory.
 */
int layout_parse_dts_file(struct layout *lo, const char *text, size_t len,
			  const char *file, const char *path,
			  struct layout_error *err);

#endif /* PMM_TOOLS_LAYOUT_INTERNAL_H */
