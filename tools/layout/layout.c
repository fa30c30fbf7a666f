// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * layout.c - the reader of data/layouts/ memory maps (format in layout.h),
 * and the helpers every parser of tools/layout shares (layout_internal.h)
 *
 * Self-contained: a program that reads only .txt maps links this file
 * alone.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* for struct pmm_range, without instantiating a model */
#include "pmm_types.h"
#include "layout.h"
#include "layout_internal.h"

static const char *const layout_type_names[LAYOUT_NR_TYPES] = {
	[LAYOUT_RAM]		= "ram",
	[LAYOUT_RESERVED]	= "reserved",
	[LAYOUT_ACPI]		= "acpi",
	[LAYOUT_NVS]		= "nvs",
	[LAYOUT_PMEM]		= "pmem",
	[LAYOUT_SOFT_RESERVED]	= "soft-reserved",
	[LAYOUT_UNUSABLE]	= "unusable",
	[LAYOUT_DEVICE]		= "device",
};

static const char *const layout_arch_names[LAYOUT_NR_ARCHES] = {
	[LAYOUT_ARCH_NONE]	= "none",
	[LAYOUT_ARCH_X86_64]	= "x86_64",
	[LAYOUT_ARCH_X86_32]	= "x86_32",
	[LAYOUT_ARCH_ARM64]	= "arm64",
	[LAYOUT_ARCH_RISCV64]	= "riscv64",
	[LAYOUT_ARCH_PPC64]	= "ppc64",
	[LAYOUT_ARCH_S390X]	= "s390x",
	[LAYOUT_ARCH_OTHER]	= "other",
};

const char *layout_type_name(enum layout_type type)
{
	if ((unsigned int)type >= LAYOUT_NR_TYPES)
		return NULL;
	return layout_type_names[type];
}

const char *layout_arch_name(enum layout_arch arch)
{
	if ((unsigned int)arch >= LAYOUT_NR_ARCHES)
		return NULL;
	return layout_arch_names[arch];
}

void layout_print_error(FILE *f, const struct layout_error *err)
{
	if (err->line)
		fprintf(f, "%s:%u: %s\n", err->file, err->line, err->reason);
	else
		fprintf(f, "%s: %s\n", err->file, err->reason);
}

/* ---- helpers shared by the parsers (layout_internal.h) ---- */

void layout_builder_init(struct layout_builder *b, enum layout_format fmt,
			 const char *file, struct layout_error *err)
{
	memset(b, 0, sizeof(*b));
	b->lo.format = fmt;
	b->lo.file = file;
	b->file = file;
	b->err = err;
}

static int layout_vfail(struct layout_builder *b, unsigned int line, int errnum,
			const char *fmt, va_list ap)
{
	b->err->file = b->file;
	b->err->line = line;
	vsnprintf(b->err->reason, sizeof(b->err->reason), fmt, ap);
	return -errnum;
}

int layout_fail(struct layout_builder *b, int errnum, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = layout_vfail(b, b->line, errnum, fmt, ap);
	va_end(ap);
	return ret;
}

int layout_fail_at(struct layout_builder *b, unsigned int line, int errnum,
		   const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = layout_vfail(b, line, errnum, fmt, ap);
	va_end(ap);
	return ret;
}

/*
 * Copy a field for a message: bytes that would garble a terminal become
 * '?', and a long field is cut short.
 */
const char *layout_quote(struct layout_text t, char *buf, size_t size)
{
	size_t i, n = t.n;
	int cut = 0;

	if (n > LAYOUT_QUOTE_MAX) {
		n = LAYOUT_QUOTE_MAX;
		cut = 1;
	}
	if (n + 4 > size)
		n = size - 4;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t.p[i];

		buf[i] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	strcpy(buf + i, cut ? "..." : "");
	return buf;
}

int layout_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

struct layout_text layout_text_of(const char *s)
{
	struct layout_text t = { s, strlen(s) };

	return t;
}

struct layout_text layout_trim(struct layout_text t)
{
	while (t.n && layout_is_space(t.p[0])) {
		t.p++;
		t.n--;
	}
	while (t.n && layout_is_space(t.p[t.n - 1]))
		t.n--;
	return t;
}

struct layout_text layout_skip(struct layout_text t, size_t n)
{
	if (n > t.n)
		n = t.n;
	t.p += n;
	t.n -= n;
	return t;
}

int layout_equals(struct layout_text t, const char *s)
{
	return strlen(s) == t.n && !memcmp(t.p, s, t.n);
}

int layout_starts_with(struct layout_text t, const char *s)
{
	size_t n = strlen(s);

	return n <= t.n && !memcmp(t.p, s, n);
}

long layout_find(struct layout_text t, size_t from, const char *s)
{
	size_t n = strlen(s), i;

	if (!n || n > t.n)
		return -1;
	for (i = from; i + n <= t.n; i++) {
		const char *hit = memchr(t.p + i, s[0], t.n - n + 1 - i);

		if (!hit)
			return -1;
		i = (size_t)(hit - t.p);
		if (!memcmp(hit, s, n))
			return (long)i;
	}
	return -1;
}

/* Split @t at white space into at most @max fields; return how many. */
unsigned int layout_split(struct layout_text t, struct layout_text *field,
			  unsigned int max)
{
	unsigned int nr = 0;
	size_t i = 0;

	while (i < t.n && nr < max) {
		size_t start;

		while (i < t.n && layout_is_space(t.p[i]))
			i++;
		if (i == t.n)
			break;
		start = i;
		while (i < t.n && !layout_is_space(t.p[i]))
			i++;
		field[nr].p = t.p + start;
		field[nr].n = i - start;
		nr++;
	}
	return nr;
}

int layout_hex_digits(struct layout_text t, unsigned long long *value)
{
	unsigned long long v = 0;
	size_t i;

	if (!t.n)
		return -EINVAL;
	for (i = 0; i < t.n; i++) {
		char c = t.p[i];
		unsigned int digit;

		if (c >= '0' && c <= '9')
			digit = (unsigned int)(c - '0');
		else if (c >= 'a' && c <= 'f')
			digit = (unsigned int)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			digit = (unsigned int)(c - 'A' + 10);
		else
			return -EINVAL;
		if (v >> 60)
			return -ERANGE;
		v = v << 4 | digit;
	}
	*value = v;
	return 0;
}

/* 0 and the value, or -EINVAL (not hex) or -ERANGE (beyond 64 bits). */
int layout_hex(struct layout_text t, unsigned long long *value)
{
	if (t.n >= 2 && t.p[0] == '0' && (t.p[1] == 'x' || t.p[1] == 'X'))
		t = layout_skip(t, 2);
	return layout_hex_digits(t, value);
}

int layout_decimal(struct layout_text t, unsigned long long max,
		   unsigned long long *value)
{
	unsigned long long v = 0;
	size_t i;

	if (!t.n)
		return -EINVAL;
	for (i = 0; i < t.n; i++)
		if (t.p[i] < '0' || t.p[i] > '9')
			return -EINVAL;
	for (i = 0; i < t.n; i++) {
		unsigned int digit = (unsigned int)(t.p[i] - '0');

		if (digit > max || v > (max - digit) / 10)
			return -ERANGE;
		v = v * 10 + digit;
	}
	*value = v;
	return 0;
}

int layout_next_line(struct layout_builder *b, struct layout_lines *it,
		     struct layout_text *t)
{
	const char *nl;

	if (it->pos >= it->len)
		return 0;
	if (b->line == UINT_MAX)
		return layout_fail(b, EINVAL, "too many lines");
	b->line++;
	t->p = it->text + it->pos;
	nl = memchr(t->p, '\n', it->len - it->pos);
	t->n = nl ? (size_t)(nl - t->p) : it->len - it->pos;
	it->pos += t->n + (nl != NULL);
	return 1;
}

int layout_add(struct layout_builder *b, const struct layout_entry *e)
{
	if (b->lo.nr_entries == b->capacity) {
		unsigned int cap = b->capacity ? b->capacity * 2 : 64;
		struct layout_entry *grown;

		if (b->capacity >= LAYOUT_ENTRIES_MAX)
			return layout_fail_at(b, e->line, EINVAL,
					      "more than %u entries: not a memory map",
					      LAYOUT_ENTRIES_MAX);
		grown = realloc(b->lo.entries, cap * sizeof(*grown));
		if (!grown)
			return layout_fail_at(b, e->line, ENOMEM, "out of memory");
		b->lo.entries = grown;
		b->capacity = cap;
	}
	b->lo.entries[b->lo.nr_entries++] = *e;
	return 0;
}

int layout_set_string(struct layout_builder *b, char **dst, struct layout_text t)
{
	char *copy = malloc(t.n + 1);

	if (!copy)
		return layout_fail(b, ENOMEM, "out of memory");
	memcpy(copy, t.p, t.n);
	copy[t.n] = '\0';
	free(*dst);
	*dst = copy;
	return 0;
}

int layout_entry_cmp(const void *a, const void *b)
{
	const struct layout_entry *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return 0;
}

static int layout_cmp_start(const void *a, const void *b)
{
	const struct layout_entry *x = *(const struct layout_entry *const *)a;
	const struct layout_entry *y = *(const struct layout_entry *const *)b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return 0;
}

/* Two RAM entries may not share a byte: memblock would hold one range. */
int layout_check_ram_overlap(struct layout_builder *b)
{
	const struct layout_entry **ram;
	unsigned int i, nr = 0;
	int err = 0;

	ram = malloc((b->lo.nr_entries + 1) * sizeof(*ram));
	if (!ram)
		return layout_fail_at(b, 0, ENOMEM, "out of memory");
	for (i = 0; i < b->lo.nr_entries; i++)
		if (b->lo.entries[i].type == LAYOUT_RAM)
			ram[nr++] = &b->lo.entries[i];
	qsort(ram, nr, sizeof(*ram), layout_cmp_start);
	for (i = 1; i < nr && !err; i++) {
		const struct layout_entry *x = ram[i - 1], *y = ram[i];

		if (y->start <= x->end) {
			/* blame the later line, name the earlier one */
			if (x->line > y->line) {
				const struct layout_entry *t = x;

				x = y;
				y = t;
			}
			err = layout_fail_at(b, y->line, EINVAL,
					     "ram 0x%llx-0x%llx overlaps ram 0x%llx-0x%llx on line %u",
					     y->start, y->end, x->start, x->end, x->line);
		}
	}
	free(ram);
	return err;
}

void layout_free(struct layout *lo)
{
	free(lo->source);
	free(lo->desc);
	free(lo->entries);
	memset(lo, 0, sizeof(*lo));
}

int layout_finish(struct layout_builder *b, int ret, struct layout *lo)
{
	if (!ret)
		ret = layout_check_ram_overlap(b);
	if (ret) {
		layout_free(&b->lo);
		return ret;
	}
	*lo = b->lo;
	return 0;
}

int layout_slurp(FILE *f, const char *name, char **bufp, size_t *lenp,
		 struct layout_error *err)
{
	size_t len = 0, cap = 0;
	char *buf = NULL;
	int ret = 0;

	err->file = name;
	err->line = 0;
	for (;;) {
		size_t got;

		if (len == cap) {
			char *grown;

			if (cap >= LAYOUT_FILE_MAX) {
				snprintf(err->reason, sizeof(err->reason),
					 "larger than %lu MiB: not a memory map",
					 LAYOUT_FILE_MAX >> 20);
				ret = EFBIG;
				break;
			}
			cap = cap ? cap * 2 : 16384;
			grown = realloc(buf, cap);
			if (!grown) {
				snprintf(err->reason, sizeof(err->reason), "out of memory");
				ret = ENOMEM;
				break;
			}
			buf = grown;
		}
		errno = 0;
		got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (got)
			continue;
		if (ferror(f)) {
			ret = errno ? errno : EIO;
			snprintf(err->reason, sizeof(err->reason), "cannot read: %s",
				 strerror(ret));
		}
		break;
	}
	if (ret) {
		free(buf);
		return -ret;
	}
	*bufp = buf;
	*lenp = len;
	return 0;
}

/* ---- the .txt format ---- */

/* The header keys the format knows. */
enum layout_key { LAYOUT_KEY_SOURCE, LAYOUT_KEY_ARCH, LAYOUT_KEY_DESC, LAYOUT_NR_KEYS };

static const char *const layout_key_names[LAYOUT_NR_KEYS] = {
	"source", "arch", "desc",
};

struct layout_parser {
	struct layout_builder b;
	unsigned int key_line[LAYOUT_NR_KEYS];
};

static int layout_address(struct layout_builder *b, struct layout_text t,
			  const char *what, unsigned long long *value)
{
	char q[LAYOUT_QUOTE_BUF];
	int err = layout_hex(t, value);

	if (err == -ERANGE)
		return layout_fail(b, EINVAL, "%s '%s' does not fit in 64 bits",
				   what, layout_quote(t, q, sizeof(q)));
	if (err)
		return layout_fail(b, EINVAL, "%s '%s' is not a hex address",
				   what, layout_quote(t, q, sizeof(q)));
	return 0;
}

static int layout_header(struct layout_parser *ps, struct layout_text t)
{
	struct layout_builder *b = &ps->b;
	char q[LAYOUT_QUOTE_BUF];
	struct layout_text key, value;
	const char *colon;
	int k;

	/* after '#' and spaces: "key: value", or a comment */
	t = layout_trim(layout_skip(t, 1));
	colon = memchr(t.p, ':', t.n);
	if (!colon)
		return 0;
	key.p = t.p;
	key.n = (size_t)(colon - t.p);
	value = layout_trim(layout_skip(t, key.n + 1));
	for (k = 0; k < LAYOUT_NR_KEYS; k++)
		if (layout_equals(key, layout_key_names[k]))
			break;
	if (k == LAYOUT_NR_KEYS)
		return 0;
	if (ps->key_line[k])
		return layout_fail(b, EINVAL, "second '# %s:' line (the first is line %u)",
				   layout_key_names[k], ps->key_line[k]);
	ps->key_line[k] = b->line;

	if (k == LAYOUT_KEY_ARCH) {
		int a;

		for (a = LAYOUT_ARCH_NONE + 1; a < LAYOUT_NR_ARCHES; a++) {
			if (layout_equals(value, layout_arch_names[a])) {
				b->lo.arch = (enum layout_arch)a;
				return 0;
			}
		}
		return layout_fail(b, EINVAL,
				   "unknown arch '%s' (x86_64, x86_32, arm64, riscv64, ppc64, s390x, other)",
				   layout_quote(value, q, sizeof(q)));
	}
	return layout_set_string(b, k == LAYOUT_KEY_SOURCE ? &b->lo.source : &b->lo.desc,
				 value);
}

static int layout_entry(struct layout_builder *b, struct layout_text t)
{
	char q[LAYOUT_QUOTE_BUF];
	struct layout_text field[5];
	struct layout_entry e;
	unsigned int nr;
	int type, err;

	nr = layout_split(t, field, 5);
	if (nr < 3 || nr > 4)
		return layout_fail(b, EINVAL,
				   "expected '<start-hex> <end-hex> <type> [node]', found %s%u field%s",
				   nr > 4 ? "more than " : "", nr > 4 ? 4 : nr,
				   nr == 1 ? "" : "s");
	memset(&e, 0, sizeof(e));
	e.line = b->line;
	err = layout_address(b, field[0], "start", &e.start);
	if (err)
		return err;
	err = layout_address(b, field[1], "end", &e.end);
	if (err)
		return err;
	if (e.start > e.end)
		return layout_fail(b, EINVAL, "start 0x%llx is above end 0x%llx (the end is inclusive)",
				   e.start, e.end);
	for (type = 0; type < LAYOUT_NR_TYPES; type++)
		if (layout_equals(field[2], layout_type_names[type]))
			break;
	if (type == LAYOUT_NR_TYPES)
		return layout_fail(b, EINVAL,
				   "unknown type '%s' (ram, reserved, acpi, nvs, pmem, soft-reserved, unusable, device)",
				   layout_quote(field[2], q, sizeof(q)));
	e.type = (enum layout_type)type;
	if (nr == 4) {
		unsigned long long node;

		err = layout_decimal(field[3], INT_MAX, &node);
		if (err == -ERANGE)
			return layout_fail(b, EINVAL, "node '%s' is too large",
					   layout_quote(field[3], q, sizeof(q)));
		if (err)
			return layout_fail(b, EINVAL, "node '%s' is not a decimal number",
					   layout_quote(field[3], q, sizeof(q)));
		e.node = (int)node;
		e.node_given = 1;
	}
	return layout_add(b, &e);
}

static int layout_line(struct layout_parser *ps, struct layout_text t)
{
	if (memchr(t.p, '\0', t.n))
		return layout_fail(&ps->b, EINVAL, "NUL byte in the line");
	t = layout_trim(t);
	if (!t.n)
		return 0;
	if (t.p[0] == '#')
		return layout_header(ps, t);
	return layout_entry(&ps->b, t);
}

int layout_parse(struct layout *lo, const char *text, size_t len,
		 const char *file, struct layout_error *err)
{
	struct layout_lines it = { text, len, 0 };
	struct layout_parser ps;
	struct layout_text t = { NULL, 0 };
	int ret;

	memset(&ps, 0, sizeof(ps));
	layout_builder_init(&ps.b, LAYOUT_FORMAT_LAYOUT, file, err);
	while ((ret = layout_next_line(&ps.b, &it, &t)) > 0) {
		ret = layout_line(&ps, t);
		if (ret)
			break;
	}
	return layout_finish(&ps.b, ret, lo);
}

int layout_read_file(struct layout *lo, const char *path,
		     struct layout_error *err)
{
	size_t len = 0;
	char *buf = NULL;
	int ret;
	FILE *f;

	err->file = path;
	err->line = 0;
	f = fopen(path, "rb");
	if (!f) {
		ret = errno ? errno : EIO;
		snprintf(err->reason, sizeof(err->reason), "cannot open: %s", strerror(ret));
		return -ret;
	}
	ret = layout_slurp(f, path, &buf, &len, err);
	fclose(f);
	if (!ret)
		ret = layout_parse(lo, buf, len, path, err);
	free(buf);
	return ret;
}

/* data/layouts/'s own form: a visible file named *.txt */
static int layout_is_txt(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return d->d_name[0] != '.' && n > 4 && !strcmp(d->d_name + n - 4, ".txt");
}

int layout_list_maps(const char *dir, char ***paths, size_t *n)
{
	struct dirent **list;
	char **out = NULL;
	int nr, i, ret = 0;

	*paths = NULL;
	*n = 0;
	nr = scandir(dir, &list, layout_is_txt, alphasort);
	if (nr < 0)
		return errno ? -errno : -EIO;
	if (nr) {
		out = calloc((size_t)nr, sizeof(*out));
		if (!out)
			ret = -ENOMEM;
	}
	for (i = 0; i < nr; i++) {
		if (!ret) {
			out[i] = malloc(strlen(dir) + strlen(list[i]->d_name) + 2);
			if (out[i])
				sprintf(out[i], "%s/%s", dir, list[i]->d_name);
			else
				ret = -ENOMEM;
		}
		free(list[i]);
	}
	free(list);
	if (ret) {
		layout_free_maps(out, out ? (size_t)nr : 0);
		return ret;
	}
	*paths = out;
	*n = (size_t)nr;
	return 0;
}

void layout_free_maps(char **paths, size_t n)
{
	while (n)
		free(paths[--n]);
	free(paths);
}

int layout_entry_pages(const struct layout_entry *e, unsigned int page_shift,
		       unsigned long long *first, unsigned long long *end)
{
	unsigned long long mask = (1ULL << page_shift) - 1;

	/* the first whole page, and one past the last whole page */
	if (e->start > e->end || e->start > ~0ULL - mask)
		return 0;
	*first = (e->start + mask) >> page_shift;
	*end = (e->end >> page_shift) + ((e->end & mask) == mask);
	return *first < *end;
}

int layout_ram_ranges(const struct layout *lo, unsigned int page_shift,
		      struct pmm_range **ranges, unsigned int *nr)
{
	struct pmm_range *r;
	unsigned int i, n = 0;

	*ranges = NULL;
	*nr = 0;
	if (page_shift < 1 || page_shift > 63)
		return -EINVAL;
	for (i = 0; i < lo->nr_entries; i++)
		n += lo->entries[i].type == LAYOUT_RAM;
	if (!n)
		return 0;
	r = malloc(n * sizeof(*r));
	if (!r)
		return -ENOMEM;
	n = 0;
	for (i = 0; i < lo->nr_entries; i++) {
		const struct layout_entry *e = &lo->entries[i];
		unsigned long long first, end;

		if (e->type != LAYOUT_RAM || !layout_entry_pages(e, page_shift, &first, &end))
			continue;
		if (end > ULONG_MAX) {
			free(r);
			return -ERANGE;
		}
		r[n].start_pfn = (unsigned long)first;
		r[n].end_pfn = (unsigned long)end;
		r[n].nid = e->node;
		n++;
	}
	if (!n) {
		free(r);
		return 0;
	}
	*ranges = r;
	*nr = n;
	return 0;
}
