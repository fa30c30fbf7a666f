// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * layout_read.c - format names, detection, dispatch, and reading a path
 *
 * Detection looks at what each format must start with, so that one
 * format's text is never taken for another's: a device-tree blob starts
 * with its magic (no text does: 0xd0 is no character of ASCII); in a text
 * the first line that is neither blank nor a '#' comment is an entry of
 * the .txt format, an iomem range or a memmap file line, or a dts header;
 * a kernel log may start with anything, so it is told by a map line
 * anywhere in it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "layout.h"
#include "layout_internal.h"

static const char *const layout_format_names[LAYOUT_NR_FORMATS] = {
	[LAYOUT_FORMAT_AUTO]	= "auto",
	[LAYOUT_FORMAT_LAYOUT]	= "layout",
	[LAYOUT_FORMAT_IOMEM]	= "iomem",
	[LAYOUT_FORMAT_MEMMAP]	= "memmap",
	[LAYOUT_FORMAT_DMESG]	= "dmesg",
	[LAYOUT_FORMAT_DTS]	= "dts",
	[LAYOUT_FORMAT_DTB]	= "dtb",
};

const char *layout_format_name(enum layout_format f)
{
	if ((unsigned int)f >= LAYOUT_NR_FORMATS)
		return NULL;
	return layout_format_names[f];
}

int layout_format_parse(const char *name, enum layout_format *f)
{
	int i;

	for (i = 0; i < LAYOUT_NR_FORMATS; i++) {
		if (!strcmp(name, layout_format_names[i])) {
			*f = (enum layout_format)i;
			return 0;
		}
	}
	return -EINVAL;
}

/* ---- detection ---- */

static int detect_is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* "<hex> <hex> <type> [node]", as layout_parse() reads an entry. */
static int detect_layout_entry(struct layout_text t)
{
	struct layout_text f[5];
	unsigned long long v;
	unsigned int nr = layout_split(t, f, 5), i;

	if (nr < 3 || nr > 4 || layout_hex(f[0], &v) || layout_hex(f[1], &v))
		return 0;
	for (i = 0; i < LAYOUT_NR_TYPES; i++)
		if (layout_equals(f[2], layout_type_name((enum layout_type)i)))
			return 1;
	return 0;
}

/* "<hex>-<hex> : ", the indent already gone. */
static int detect_iomem(struct layout_text t)
{
	size_t i = 0, digits;

	for (digits = 0; i < t.n && detect_is_hex(t.p[i]); i++)
		digits++;
	if (!digits || i == t.n || t.p[i++] != '-')
		return 0;
	for (digits = 0; i < t.n && detect_is_hex(t.p[i]); i++)
		digits++;
	return digits && layout_starts_with(layout_skip(t, i), " : ");
}

/* "[<dir>/]<N>/<start|end|type>:" */
static int detect_memmap(struct layout_text t)
{
	static const char *const files[] = { "/start:", "/end:", "/type:" };
	const char *colon = memchr(t.p, ':', t.n);
	unsigned int i;
	size_t end, k;

	if (!colon)
		return 0;
	end = (size_t)(colon - t.p) + 1;
	for (i = 0; i < 3; i++) {
		size_t n = strlen(files[i]);

		if (end < n + 1 || memcmp(t.p + end - n, files[i], n))
			continue;
		/* the entry number before it */
		k = end - n;
		if (!k || t.p[k - 1] < '0' || t.p[k - 1] > '9')
			return 0;
		while (k && t.p[k - 1] >= '0' && t.p[k - 1] <= '9')
			k--;
		return !k || t.p[k - 1] == '/';
	}
	return 0;
}

/* "/dts-v1/", a root node, or the other things a dts starts with. */
static int detect_dts_start(struct layout_text t)
{
	return layout_starts_with(t, "/dts-v1/") || layout_starts_with(t, "/ {") ||
	       layout_starts_with(t, "/{") || layout_starts_with(t, "/memreserve/") ||
	       layout_starts_with(t, "/plugin/") || layout_starts_with(t, "/include/");
}

static int detect_dmesg_marker(struct layout_text t)
{
	return layout_find(t, 0, "BIOS-e820:") >= 0 ||
	       layout_find(t, 0, "SRAT: Node ") >= 0 ||
	       layout_find(t, 0, "Early memory node ranges") >= 0;
}

/* The first line that is neither blank nor a comment, or an empty text. */
static struct layout_text detect_first_line(const char *text, size_t len, int *layout_header)
{
	struct layout_builder b;
	struct layout_lines it = { text, len, 0 };
	struct layout_error err;
	struct layout_text t = { NULL, 0 }, none = { text, 0 };

	layout_builder_init(&b, LAYOUT_FORMAT_AUTO, "", &err);
	*layout_header = 0;
	while (layout_next_line(&b, &it, &t) > 0) {
		struct layout_text s = layout_trim(t);

		if (!s.n)
			continue;
		if (s.p[0] == '#') {
			/* a '#include' line starts a dts that cpp has not seen */
			if (layout_starts_with(s, "#include"))
				return layout_text_of("/include/");
			s = layout_trim(layout_skip(s, 1));
			if (layout_starts_with(s, "arch:") || layout_starts_with(s, "source:") ||
			    layout_starts_with(s, "desc:"))
				*layout_header = 1;
			continue;
		}
		if (layout_starts_with(s, "//") || layout_starts_with(s, "/*"))
			return detect_dts_start(s) ? s : layout_text_of("/*");
		return t;
	}
	return none;
}

enum layout_format layout_detect(const char *text, size_t len)
{
	struct layout_lines it = { text, len, 0 };
	struct layout_builder b;
	struct layout_error err;
	struct layout_text t = { NULL, 0 }, first;
	int header;

	/* fdt_header.magic, big-endian: FDT_MAGIC of libfdt's fdt.h */
	if (len >= 4 && (unsigned char)text[0] == 0xd0 && (unsigned char)text[1] == 0x0d &&
	    (unsigned char)text[2] == 0xfe && (unsigned char)text[3] == 0xed)
		return LAYOUT_FORMAT_DTB;
	first = detect_first_line(text, len, &header);
	if (first.n) {
		struct layout_text s = layout_trim(first);

		if (detect_layout_entry(s))
			return LAYOUT_FORMAT_LAYOUT;
		if (detect_iomem(s))
			return LAYOUT_FORMAT_IOMEM;
		if (detect_memmap(s))
			return LAYOUT_FORMAT_MEMMAP;
		if (detect_dts_start(s))
			return LAYOUT_FORMAT_DTS;
	} else if (header) {
		return LAYOUT_FORMAT_LAYOUT;
	}

	/* a dts that opens with comments, or a log: look at every line */
	layout_builder_init(&b, LAYOUT_FORMAT_AUTO, "", &err);
	while (layout_next_line(&b, &it, &t) > 0) {
		struct layout_text s = layout_trim(t);

		if (detect_dts_start(s))
			return LAYOUT_FORMAT_DTS;
		if (detect_dmesg_marker(t))
			return LAYOUT_FORMAT_DMESG;
	}
	return LAYOUT_FORMAT_AUTO;
}

/* ---- dispatch ---- */

int layout_parse_as(struct layout *lo, enum layout_format fmt, const char *text,
		    size_t len, const char *file, struct layout_error *err)
{
	if (fmt == LAYOUT_FORMAT_AUTO)
		fmt = layout_detect(text, len);
	switch (fmt) {
	case LAYOUT_FORMAT_LAYOUT:
		return layout_parse(lo, text, len, file, err);
	case LAYOUT_FORMAT_IOMEM:
		return layout_parse_iomem(lo, text, len, file, err);
	case LAYOUT_FORMAT_MEMMAP:
		return layout_parse_memmap(lo, text, len, file, err);
	case LAYOUT_FORMAT_DMESG:
		return layout_parse_dmesg(lo, text, len, file, err);
	case LAYOUT_FORMAT_DTS:
		return layout_parse_dts(lo, text, len, file, err);
	case LAYOUT_FORMAT_DTB:
		return layout_parse_fdt(lo, text, len, file, err);
	case LAYOUT_FORMAT_AUTO:
		err->file = file;
		err->line = 0;
		snprintf(err->reason, sizeof(err->reason),
			 "cannot tell the format (layout, iomem, memmap, dmesg, dts): give --format");
		return -EINVAL;
	default:
		err->file = file;
		err->line = 0;
		snprintf(err->reason, sizeof(err->reason), "unknown format %d", (int)fmt);
		return -EINVAL;
	}
}

int layout_read_path(struct layout *lo, enum layout_format fmt, const char *path,
		     struct layout_error *err)
{
	const char *name = path;
	size_t len = 0;
	char *buf = NULL;
	struct stat st;
	FILE *f;
	int ret;

	err->file = path;
	err->line = 0;
	if (!strcmp(path, "-")) {
		name = "<stdin>";
		f = stdin;
	} else {
		if (!stat(path, &st) && S_ISDIR(st.st_mode)) {
			if (fmt != LAYOUT_FORMAT_AUTO && fmt != LAYOUT_FORMAT_MEMMAP) {
				snprintf(err->reason, sizeof(err->reason),
					 "a directory, read only as /sys/firmware/memmap (not as %s)",
					 layout_format_name(fmt) ? layout_format_name(fmt) : "?");
				return -EINVAL;
			}
			return layout_read_memmap_dir(lo, path, err);
		}
		f = fopen(path, "rb");
		if (!f) {
			ret = errno ? errno : EIO;
			snprintf(err->reason, sizeof(err->reason), "cannot open: %s",
				 strerror(ret));
			return -ret;
		}
	}
	ret = layout_slurp(f, name, &buf, &len, err);
	if (f != stdin)
		fclose(f);
	if (!ret && name == path &&
	    (fmt == LAYOUT_FORMAT_DTS ||
	     (fmt == LAYOUT_FORMAT_AUTO && layout_detect(buf ? buf : "", len) == LAYOUT_FORMAT_DTS)))
		/* dtc finds the source's /include/ files beside it */
		ret = layout_parse_dts_file(lo, buf ? buf : "", len, name, path, err);
	else if (!ret)
		ret = layout_parse_as(lo, fmt, buf ? buf : "", len, name, err);
	free(buf);
	return ret;
}
