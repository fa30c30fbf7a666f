// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * parse_memmap.c - /sys/firmware/memmap
 *
 * drivers/firmware/memmap.c keeps the firmware's map as it was before the
 * kernel changed it: one numbered directory an entry, each with files
 * start and end (0x hex, the end inclusive) and type (the name
 * /proc/iomem would give it).  Its text form is what
 * `grep -r . /sys/firmware/memmap` prints, one "<dir>/<N>/<file>:<value>"
 * line a file, in no particular order.  The directory reader builds that
 * text and parses it, so one parser serves both, and the fuzzer reaches
 * it.  Every reason names the entry ("entry 3: ..."): for a directory it
 * says where the fault is better than a line of text the reader made.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "layout_internal.h"

/* The entry numbers drivers/firmware/memmap.c gives are small. */
#define MEMMAP_INDEX_MAX	(LAYOUT_ENTRIES_MAX - 1)

/* A file of an entry longer than this is not a memmap file. */
#define MEMMAP_VALUE_MAX	256

enum memmap_file { MEMMAP_START, MEMMAP_END, MEMMAP_TYPE, MEMMAP_NR_FILES };

static const char *const memmap_file_names[MEMMAP_NR_FILES] = {
	"start", "end", "type",
};

static const struct {
	const char *name;
	enum layout_type type;
} memmap_types[] = {
	{ "System RAM",			LAYOUT_RAM },
	{ "Reserved",			LAYOUT_RESERVED },
	{ "ACPI Tables",		LAYOUT_ACPI },
	{ "ACPI Non-volatile Storage",	LAYOUT_NVS },
	{ "Unusable memory",		LAYOUT_UNUSABLE },
	{ "Persistent Memory (legacy)",	LAYOUT_PMEM },
	{ "Persistent Memory",		LAYOUT_PMEM },
	{ "Soft Reserved",		LAYOUT_SOFT_RESERVED },
};

/* One line: the file @file of entry @index says @value (or @type). */
struct memmap_record {
	unsigned long index;
	enum memmap_file file;
	unsigned int line;
	unsigned long long value;
	enum layout_type type;
};

struct memmap_parser {
	struct layout_builder b;
	struct memmap_record *records;
	unsigned int nr, capacity;
};

static enum layout_type memmap_type(struct layout_text name)
{
	unsigned int i;

	for (i = 0; i < sizeof(memmap_types) / sizeof(memmap_types[0]); i++)
		if (layout_equals(name, memmap_types[i].name))
			return memmap_types[i].type;
	return LAYOUT_RESERVED;
}

static int memmap_add(struct memmap_parser *ps, const struct memmap_record *r)
{
	if (ps->nr == ps->capacity) {
		unsigned int cap = ps->capacity ? ps->capacity * 2 : 64;
		struct memmap_record *grown;

		if (ps->capacity >= MEMMAP_NR_FILES * LAYOUT_ENTRIES_MAX)
			return layout_fail(&ps->b, EINVAL, "more than %u entries: not a memory map",
					   LAYOUT_ENTRIES_MAX);
		grown = realloc(ps->records, cap * sizeof(*grown));
		if (!grown)
			return layout_fail(&ps->b, ENOMEM, "out of memory");
		ps->records = grown;
		ps->capacity = cap;
	}
	ps->records[ps->nr++] = *r;
	return 0;
}

/* A start or end: 0x hex, as the kernel prints it ("0x%llx"). */
static int memmap_address(struct memmap_parser *ps, struct memmap_record *r,
			  struct layout_text v)
{
	char q[LAYOUT_QUOTE_BUF];
	int err = -EINVAL;

	if (layout_starts_with(v, "0x") || layout_starts_with(v, "0X"))
		err = layout_hex(v, &r->value);
	if (err == -ERANGE)
		return layout_fail(&ps->b, EINVAL, "entry %lu: %s '%s' does not fit in 64 bits",
				   r->index, memmap_file_names[r->file],
				   layout_quote(v, q, sizeof(q)));
	if (err)
		return layout_fail(&ps->b, EINVAL, "entry %lu: %s '%s' is not a 0x hex address",
				   r->index, memmap_file_names[r->file],
				   layout_quote(v, q, sizeof(q)));
	return 0;
}

/* "<dir>/<N>/<file>:<value>" (the <dir>/ may be absent). */
static int memmap_line(struct memmap_parser *ps, struct layout_text t)
{
	static const char expected[] = "expected '<dir>/<N>/<start|end|type>:<value>'";
	struct layout_builder *b = &ps->b;
	struct layout_text path, value, file, num;
	char q[LAYOUT_QUOTE_BUF];
	struct memmap_record r;
	unsigned long long index;
	const char *colon;
	size_t slash, i;
	int f, err;

	if (t.n > LAYOUT_LINE_MAX)
		return layout_fail(b, EINVAL, "line longer than %u bytes: not a memmap listing",
				   LAYOUT_LINE_MAX);
	if (memchr(t.p, '\0', t.n))
		return layout_fail(b, EINVAL, "NUL byte in the line");
	if (t.n && t.p[t.n - 1] == '\r')
		t.n--;
	if (!layout_trim(t).n)
		return 0;
	colon = memchr(t.p, ':', t.n);
	if (!colon)
		return layout_fail(b, EINVAL, "%s, found no ':'", expected);
	/* the directory may hold a ':': the colon is the one after a file name */
	for (i = (size_t)(colon - t.p); i < t.n; i++) {
		struct layout_text before = { t.p, i };

		if (t.p[i] != ':')
			continue;
		for (f = 0; f < MEMMAP_NR_FILES; f++) {
			char tail[8];

			snprintf(tail, sizeof(tail), "/%s", memmap_file_names[f]);
			if (before.n >= strlen(tail) &&
			    !memcmp(before.p + before.n - strlen(tail), tail, strlen(tail)))
				break;
		}
		if (f < MEMMAP_NR_FILES) {
			colon = t.p + i;
			break;
		}
	}
	path.p = t.p;
	path.n = (size_t)(colon - t.p);
	value = layout_trim(layout_skip(t, path.n + 1));

	/* the file name, then the entry number before it */
	for (slash = path.n; slash > 0 && path.p[slash - 1] != '/'; slash--)
		;
	file = layout_skip(path, slash);
	for (f = 0; f < MEMMAP_NR_FILES; f++)
		if (layout_equals(file, memmap_file_names[f]))
			break;
	if (f == MEMMAP_NR_FILES || !slash)
		return layout_fail(b, EINVAL, "%s, found '%s'", expected,
				   layout_quote(path, q, sizeof(q)));
	for (i = slash - 1; i > 0 && path.p[i - 1] != '/'; i--)
		;
	num.p = path.p + i;
	num.n = slash - 1 - i;
	err = layout_decimal(num, MEMMAP_INDEX_MAX, &index);
	if (err)
		return layout_fail(b, EINVAL, "entry '%s' is not %s", layout_quote(num, q, sizeof(q)),
				   err == -ERANGE ? "a small enough number" : "a decimal number");

	memset(&r, 0, sizeof(r));
	r.index = (unsigned long)index;
	r.file = (enum memmap_file)f;
	r.line = b->line;
	if (!value.n)
		return layout_fail(b, EINVAL, "entry %lu: empty '%s'", r.index,
				   memmap_file_names[f]);
	if (f == MEMMAP_TYPE)
		r.type = memmap_type(value);
	else if ((err = memmap_address(ps, &r, value)) != 0)
		return err;
	return memmap_add(ps, &r);
}

/* By entry, then file, then line: an entry's records come together. */
static int memmap_cmp(const void *a, const void *b)
{
	const struct memmap_record *x = a, *y = b;

	if (x->index != y->index)
		return x->index < y->index ? -1 : 1;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* The records of one entry, sorted: exactly one of each file. */
static int memmap_entry(struct memmap_parser *ps, const struct memmap_record *r,
			unsigned int nr)
{
	const struct memmap_record *of[MEMMAP_NR_FILES] = { NULL };
	struct layout_builder *b = &ps->b;
	struct layout_entry e;
	unsigned int i, line = 0;
	int f;

	for (i = 0; i < nr; i++) {
		if (of[r[i].file])
			return layout_fail_at(b, r[i].line, EINVAL,
					      "entry %lu: second '%s' (the first is line %u)",
					      r[i].index, memmap_file_names[r[i].file],
					      of[r[i].file]->line);
		of[r[i].file] = &r[i];
		if (r[i].line > line)
			line = r[i].line;
	}
	for (f = 0; f < MEMMAP_NR_FILES; f++)
		if (!of[f])
			return layout_fail_at(b, line, EINVAL, "entry %lu has no '%s'",
					      r->index, memmap_file_names[f]);
	memset(&e, 0, sizeof(e));
	e.start = of[MEMMAP_START]->value;
	e.end = of[MEMMAP_END]->value;
	e.type = of[MEMMAP_TYPE]->type;
	e.line = of[MEMMAP_START]->line;
	if (e.start > e.end)
		return layout_fail_at(b, line, EINVAL,
				      "entry %lu: start 0x%llx is above end 0x%llx (the end is inclusive)",
				      r->index, e.start, e.end);
	return layout_add(b, &e);
}

/* The entries in order of N, each whole and sane. */
static int memmap_build(struct memmap_parser *ps)
{
	unsigned int i, j;
	int err;

	if (!ps->nr)
		return layout_fail_at(&ps->b, 0, EINVAL,
				      "no entries: not a /sys/firmware/memmap listing");
	qsort(ps->records, ps->nr, sizeof(ps->records[0]), memmap_cmp);
	for (i = 0; i < ps->nr; i = j) {
		for (j = i + 1; j < ps->nr && ps->records[j].index == ps->records[i].index; j++)
			;
		err = memmap_entry(ps, &ps->records[i], j - i);
		if (err)
			return err;
	}
	return 0;
}

int layout_parse_memmap(struct layout *lo, const char *text, size_t len,
			const char *file, struct layout_error *err)
{
	struct layout_lines it = { text, len, 0 };
	struct memmap_parser ps;
	struct layout_text t = { NULL, 0 };
	int ret;

	memset(&ps, 0, sizeof(ps));
	layout_builder_init(&ps.b, LAYOUT_FORMAT_MEMMAP, file, err);
	while ((ret = layout_next_line(&ps.b, &it, &t)) > 0) {
		ret = memmap_line(&ps, t);
		if (ret)
			break;
	}
	if (!ret)
		ret = memmap_build(&ps);
	free(ps.records);
	return layout_finish(&ps.b, ret, lo);
}

/* ---- the directory ---- */

struct memmap_text {
	char *p;
	size_t n, cap;
};

static int memmap_append(struct memmap_text *t, const char *s, size_t n)
{
	if (t->n + n + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 4096;
		char *grown;

		while (cap < t->n + n + 1)
			cap *= 2;
		if (cap > LAYOUT_FILE_MAX)
			return -EFBIG;
		grown = realloc(t->p, cap);
		if (!grown)
			return -ENOMEM;
		t->p = grown;
		t->cap = cap;
	}
	memcpy(t->p + t->n, s, n);
	t->n += n;
	t->p[t->n] = '\0';
	return 0;
}

/*
 * One file as a line "<dir>/<N>/<file>:<value>".  A file that is missing
 * makes no line (the parser names what is missing); one that cannot be
 * read or is too long makes a line the parser refuses.
 */
static int memmap_append_file(struct memmap_text *t, const char *dir,
			      const char *entry, const char *name)
{
	char path[4096], value[MEMMAP_VALUE_MAX + 2];
	size_t n = 0;
	FILE *f;
	int ret;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s/%s", dir, entry, name) >= sizeof(path))
		return -ENAMETOOLONG;
	f = fopen(path, "rb");
	if (!f)
		return 0;
	n = fread(value, 1, sizeof(value) - 1, f);
	if (ferror(f))
		n = 0;
	fclose(f);
	value[n] = '\0';
	if (n && value[n - 1] == '\n')
		value[--n] = '\0';
	/* a value the parser will refuse: newlines inside, too long, unread */
	if (memchr(value, '\n', n) || n > MEMMAP_VALUE_MAX)
		n = 0;
	ret = memmap_append(t, path, strlen(path));
	if (!ret)
		ret = memmap_append(t, ":", 1);
	if (!ret)
		ret = memmap_append(t, value, n);
	if (!ret)
		ret = memmap_append(t, "\n", 1);
	return ret;
}

static int memmap_is_number(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

int layout_read_memmap_dir(struct layout *lo, const char *dir,
			   struct layout_error *err)
{
	struct memmap_text t = { NULL, 0, 0 };
	struct dirent *de;
	int ret = 0;
	DIR *d;

	err->file = dir;
	err->line = 0;
	d = opendir(dir);
	if (!d) {
		ret = errno ? errno : EIO;
		snprintf(err->reason, sizeof(err->reason), "cannot open the directory: %s",
			 strerror(ret));
		return -ret;
	}
	while (!ret && (de = readdir(d)) != NULL) {
		int f;

		if (!memmap_is_number(de->d_name))
			continue;
		for (f = 0; f < MEMMAP_NR_FILES && !ret; f++)
			ret = memmap_append_file(&t, dir, de->d_name, memmap_file_names[f]);
	}
	closedir(d);
	if (ret) {
		free(t.p);
		snprintf(err->reason, sizeof(err->reason), "%s",
			 ret == -ENOMEM ? "out of memory" : ret == -EFBIG ?
			 "the entries' text is larger than 64 MiB" : "a path too long");
		return ret == -ENOMEM ? -ENOMEM : -EINVAL;
	}
	ret = layout_parse_memmap(lo, t.p ? t.p : "", t.n, dir, err);
	free(t.p);
	/* the text is the reader's own: the entry in the reason says where */
	if (ret)
		err->line = 0;
	return ret;
}
