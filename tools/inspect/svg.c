// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * svg.c - the picture of pmm-inspect (what it shows: svg.h)
 *
 * Three steps: collect every range the picture draws and build the
 * compressed address axis from their boundaries (axis_*), place the labels
 * that could collide (ticks and hole sizes: place_*), then write the rows
 * from top to bottom.  Heights are fixed per row, so the document's height
 * is known before its first line.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "pmm_types.h"
#include "../layout/layout.h"
#include "account.h"
#include "svg.h"
#include "utf8.h"

typedef unsigned long long u64;

/* Geometry, in pixels */
#define PLOT_X0		128.0		/* row labels sit left of it */
#define PLOT_X1		(SVG_WIDTH - 16.0)
#define BREAK_PX_MAX	44.0		/* a break's width when there is room */
#define BREAK_SHARE	0.3		/* breaks take at most this of the plot */
#define BREAK_CUT_PX	60.0		/* a gap drawn wider than this is cut */
#define GRID_PX		4.0		/* least spacing of section grid lines */
#define ROW_H		18.0
#define BLOCK_H		7.0
#define LINE_H		12.0		/* one level of axis labels */
#define TICK_LEVELS	3
#define BREAK_LEVELS	2
#define MAX_LANES	4		/* node rows: overlapping spans */

/* Fonts: a generic family; widths are estimated at this many em a character */
#define FONT		11.0
#define FONT_SMALL	10.0
#define FONT_TITLE	16.0
#define CHAR_EM		0.62

#define COLOUR_TEXT	"#212121"
#define COLOUR_GREY	"#616161"
#define COLOUR_AXIS	"#424242"
#define COLOUR_MEMMAP	"#3f51b5"
#define COLOUR_BLOCK	"#90a4ae"
#define COLOUR_ERROR	"#c62828"

static const char *const type_colours[LAYOUT_NR_TYPES] = {
	[LAYOUT_RAM]		= "#43a047",
	[LAYOUT_RESERVED]	= "#9e9e9e",
	[LAYOUT_ACPI]		= "#fdd835",
	[LAYOUT_NVS]		= "#fb8c00",
	[LAYOUT_PMEM]		= "#8e24aa",
	[LAYOUT_SOFT_RESERVED]	= "#26c6da",
	[LAYOUT_UNUSABLE]	= "#e53935",
	[LAYOUT_DEVICE]		= "#1e88e5",
};

/* ColorBrewer Set3: light enough for dark labels */
static const char *const node_colours[] = {
	"#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462",
	"#b3de69", "#fccde5", "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f",
};

const char *svg_type_colour(int type)
{
	if (type < 0 || type >= LAYOUT_NR_TYPES)
		return type_colours[LAYOUT_RESERVED];
	return type_colours[type];
}

/* ---- growable arrays ---------------------------------------------------- */

/* [first, last] bytes, inclusive: a range may end at the last byte of 2^64 */
struct span {
	u64 first, last;
	int nid;
	int lane;		/* node spans: the lane of a row they sit in */
};

struct spans {
	struct span *v;
	unsigned int nr, cap;
};

static int spans_add(struct spans *s, u64 first, u64 last, int nid)
{
	if (first > last)
		return 0;
	if (s->nr == s->cap) {
		unsigned int cap = s->cap ? 2 * s->cap : 64;
		struct span *v = realloc(s->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		s->v = v;
		s->cap = cap;
	}
	s->v[s->nr++] = (struct span){ first, last, nid, 0 };
	return 0;
}

static int span_cmp(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	if (x->last != y->last)
		return x->last < y->last ? -1 : 1;
	return 0;
}

/* Sort and merge ranges that overlap or touch. */
static void spans_merge(struct spans *s)
{
	unsigned int i, n = 0;

	if (!s->nr)
		return;
	qsort(s->v, s->nr, sizeof(*s->v), span_cmp);
	for (i = 1; i < s->nr; i++) {
		struct span *m = &s->v[n];

		if (m->last == ULLONG_MAX || s->v[i].first <= m->last + 1) {
			if (s->v[i].last > m->last)
				m->last = s->v[i].last;
		} else {
			s->v[++n] = s->v[i];
		}
	}
	s->nr = n + 1;
}

/* ---- conversions from the accounts' units to bytes ---------------------- */

/* [first, last] numbers of 2^shift-byte units as bytes; 0 when they do not fit */
static int units_to_span(u64 first, u64 last, int shift, u64 *a, u64 *b)
{
	if (shift < 0 || shift > 63 || first > last || last > (ULLONG_MAX >> shift))
		return 0;
	*a = first << shift;
	*b = (last << shift) | ((1ULL << shift) - 1);
	return 1;
}

/* [start_pfn, end_pfn) as bytes */
static int pfns_to_span(unsigned long start, unsigned long end, int shift,
			u64 *a, u64 *b)
{
	if (end <= start)
		return 0;
	return units_to_span(start, (u64)end - 1, shift, a, b);
}

static int is_sparse(const struct account *a)
{
	return a->params.model == PMM_MODEL_SPARSEMEM ||
	       a->params.model == PMM_MODEL_SPARSEMEM_VMEMMAP;
}

/* ---- numbers and text --------------------------------------------------- */

/* @v with @decimals (0..3) decimals, whatever the locale: "12.3", "-0.5" */
static char *fmt_fixed(char *buf, double v, int decimals)
{
	static const unsigned long long scale[] = { 1, 10, 100, 1000 };
	unsigned long long d = scale[decimals], m;
	long long t;

	if (!(v > -1e15 && v < 1e15))	/* NaN, infinite or absurd */
		return strcpy(buf, "?");
	t = (long long)(v * (double)d + (v < 0 ? -0.5 : 0.5));
	m = t < 0 ? -(unsigned long long)t : (unsigned long long)t;
	if (decimals)
		sprintf(buf, "%s%llu.%0*llu", t < 0 ? "-" : "", m / d, decimals, m % d);
	else
		sprintf(buf, "%s%llu", t < 0 ? "-" : "", m);
	return buf;
}

/* A count with thousands separated: "17,179,869,184" */
static char *grouped(char *buf, unsigned long long v)
{
	char digits[32];
	int n = sprintf(digits, "%llu", v), i, j = 0;

	for (i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			buf[j++] = ',';
		buf[j++] = digits[i];
	}
	buf[j] = 0;
	return buf;
}

/* Coordinates: one decimal */
static char *fmt1(char *buf, double v)
{
	return fmt_fixed(buf, v, 1);
}

static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };

/*
 * Binary units: "4 GiB" when exact, "2.13 GiB", "55.8 TiB", "894 GiB"
 * (three digits) otherwise; @top with 0 is 2^64: "16 EiB".
 */
static char *human(char *buf, u64 bytes, int top)
{
	unsigned int u = 0;
	char num[32];
	double v;

	if (top && bytes == 0) {
		strcpy(buf, "16 EiB");
		return buf;
	}
	while (u + 1 < sizeof(units) / sizeof(units[0]) && bytes >> (10 * (u + 1)))
		u++;
	if (!(bytes & ((1ULL << (10 * u)) - 1))) {
		sprintf(buf, "%llu %s", bytes >> (10 * u), units[u]);
		return buf;
	}
	v = (double)bytes / (double)(1ULL << (10 * u));
	fmt_fixed(num, v, v < 9.995 ? 2 : v < 99.95 ? 1 : 0);
	sprintf(buf, "%s %s", num, units[u]);
	return buf;
}

/* Bytes held in a double, for sizes of 2^64 */
static char *human_d(char *buf, double bytes)
{
	if (bytes >= 18446744073709551615.0)
		return human(buf, 0, 1);
	return human(buf, (u64)bytes, 0);
}

/* An address with its size in binary units: "0x100000000 (4 GiB)" */
static void addr_label(char *full, char *brief, u64 addr, int top)
{
	char h[32];

	human(h, addr, top);
	if (top && !addr) {
		strcpy(full, "0x10000000000000000 (16 EiB)");
	} else if (!addr) {
		strcpy(full, "0x0");
		strcpy(h, "0");
	} else {
		sprintf(full, "0x%llx (%s)", addr, h);
	}
	strcpy(brief, h);
}

static double text_px(const char *s, double font)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return (double)n * font * CHAR_EM;
}

/*
 * Length of the UTF-8 character at @s that XML takes, or 0: XML takes
 * every well-formed one but U+FFFE and U+FFFF.
 */
static int xml_char_len(const unsigned char *s)
{
	int n = utf8_len(s);

	if (n == 3 && s[0] == 0xef && s[1] == 0xbf && s[2] >= 0xbe)
		return 0;
	return n;
}

/*
 * Write @str as XML character data: markup characters escaped, control
 * characters and bytes that are not UTF-8 as '?', and at most @max_chars
 * characters, the last of them an ellipsis when it is cut (0: no limit).
 */
static void put_escaped(FILE *f, const char *str, size_t max_chars)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t chars = 0;

	if (!s)
		return;
	while (*s) {
		int n = xml_char_len(s);

		if (max_chars && ++chars >= max_chars && s[n ? n : 1]) {
			fputs("\xe2\x80\xa6", f);
			return;
		}
		if (!n || (*s < 0x20 && *s != '\t')) {
			fputc('?', f);
			s++;
			continue;
		}
		switch (*s) {
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '&':
			fputs("&amp;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&apos;", f);
			break;
		default:
			fwrite(s, 1, n, f);
		}
		s += n;
	}
}

/* ---- the document ------------------------------------------------------- */

enum { PIECE_USED, PIECE_EMPTY, PIECE_BREAK };

/* An elementary range of the axis, drawn from x to x + w */
struct piece {
	u64 first, last;
	double x, w;
	int kind;
};

struct label {
	double x;
	int anchor;		/* 0: start, 1: middle, 2: end */
	int level;		/* -1: no room */
	char text[48];
};

/* Lines of labels: how many may be used, how many are, where each ends */
struct band {
	int levels, used;
	double right[TICK_LEVELS > BREAK_LEVELS ? TICK_LEVELS : BREAK_LEVELS];
};

struct svg {
	FILE *f;
	const struct layout *lo;
	const struct account *models;
	unsigned int nr_models;

	struct spans ram;	/* the map's RAM, merged */
	struct spans nodes;	/* node spans, ascending start */

	struct piece *p;	/* the axis */
	unsigned int nr_pieces;
	double min_px;

	struct label *ticks, *holes;
	unsigned int nr_ticks, nr_holes;
	struct band tick_band, hole_band;
};

static __attribute__((format(printf, 2, 3)))
void out(struct svg *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(s->f, fmt, ap);
	va_end(ap);
}

static double piece_bytes(const struct piece *p)
{
	return (double)(p->last - p->first) + 1.0;
}

/* The piece that holds @addr (the axis covers 0 to its last byte) */
static const struct piece *axis_find(const struct svg *s, u64 addr)
{
	unsigned int lo = 0, hi = s->nr_pieces - 1;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (s->p[mid].last < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return &s->p[lo];
}

/* x of the left edge of byte @addr */
static double axis_x(const struct svg *s, u64 addr)
{
	const struct piece *p = axis_find(s, addr);

	return p->x + (double)(addr - p->first) / piece_bytes(p) * p->w;
}

/* x of the right edge of byte @last */
static double axis_x_end(const struct svg *s, u64 last)
{
	const struct piece *p = axis_find(s, last);

	return p->x + ((double)(last - p->first) + 1.0) / piece_bytes(p) * p->w;
}

/* ---- step 1: what is drawn, and the axis -------------------------------- */

struct collect {
	struct spans used;	/* ranges that hold something */
	u64 *cut;		/* addresses where a range starts or ends */
	unsigned int nr_cut, cap_cut;
	u64 top;		/* the axis's last byte */
};

static int add_cut(struct collect *c, u64 addr)
{
	if (c->nr_cut == c->cap_cut) {
		unsigned int cap = c->cap_cut ? 2 * c->cap_cut : 128;
		u64 *v = realloc(c->cut, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		c->cut = v;
		c->cap_cut = cap;
	}
	c->cut[c->nr_cut++] = addr;
	return 0;
}

/* A range the picture draws: its ends cut the axis; @used: it holds something */
static int collect(struct collect *c, u64 first, u64 last, int used)
{
	if (first > last)
		return 0;
	if (add_cut(c, first) || (last != ULLONG_MAX && add_cut(c, last + 1)))
		return -ENOMEM;
	if (last > c->top)
		c->top = last;
	return used ? spans_add(&c->used, first, last, 0) : 0;
}

static int collect_runs(struct collect *c, const struct account_run *r,
			unsigned int nr, int shift, int used)
{
	unsigned int i;
	u64 a, b;

	for (i = 0; i < nr; i++)
		if (units_to_span(r[i].first, r[i].last, shift, &a, &b) &&
		    collect(c, a, b, used))
			return -ENOMEM;
	return 0;
}

static int collect_model(struct collect *c, const struct account *a)
{
	const struct account_params *p = &a->params;
	unsigned int i;
	u64 x, y;

	if (a->error)
		return 0;
	if (p->model == PMM_MODEL_FLATMEM &&
	    pfns_to_span(a->map_start_pfn, a->map_end_pfn, p->page_shift, &x, &y))
		return collect(c, x, y, 0);
	if (p->model == PMM_MODEL_DISCONTIGMEM) {
		for (i = 0; i < a->nr_nodes; i++)
			if (pfns_to_span(a->nodes[i].start_pfn, a->nodes[i].end_pfn,
					 p->page_shift, &x, &y) &&
			    collect(c, x, y, 0))
				return -ENOMEM;
	}
	if (is_sparse(a) &&
	    (collect_runs(c, a->sections, a->nr_section_runs, p->section_size_bits, 1) ||
	     collect_runs(c, a->blocks, a->nr_block_runs, p->memory_block_size_bits, 1)))
		return -ENOMEM;
	/* the peers' valid PFNs: as a memmap span, boundaries only */
	return collect_runs(c, a->frames, a->nr_frame_runs, p->page_shift, 0);
}

/*
 * The node spans: from the first account that has them, else each node's
 * ram entries from its first to its last byte.
 */
static int find_nodes(struct svg *s)
{
	const struct layout *lo = s->lo;
	unsigned int i, j;
	u64 a, b;

	for (i = 0; i < s->nr_models; i++) {
		const struct account *m = &s->models[i];

		if (m->error || !m->nr_nodes)
			continue;
		for (j = 0; j < m->nr_nodes; j++)
			if (pfns_to_span(m->nodes[j].start_pfn, m->nodes[j].end_pfn,
					 m->params.page_shift, &a, &b) &&
			    spans_add(&s->nodes, a, b, m->nodes[j].nid))
				return -ENOMEM;
		goto sort;
	}
	for (i = 0; i < lo->nr_entries; i++) {
		const struct layout_entry *e = &lo->entries[i];

		if (e->type != LAYOUT_RAM || e->start > e->end)
			continue;
		for (j = 0; j < s->nodes.nr && s->nodes.v[j].nid != e->node; j++)
			;
		if (j == s->nodes.nr) {
			if (spans_add(&s->nodes, e->start, e->end, e->node))
				return -ENOMEM;
			continue;
		}
		if (e->start < s->nodes.v[j].first)
			s->nodes.v[j].first = e->start;
		if (e->end > s->nodes.v[j].last)
			s->nodes.v[j].last = e->end;
	}
sort:
	if (s->nodes.nr > 1)
		qsort(s->nodes.v, s->nodes.nr, sizeof(*s->nodes.v), span_cmp);
	return 0;
}

/*
 * Lanes for node spans that overlap (interleaved nodes): each span goes
 * to the first lane whose spans ended before it starts.  Returns how many.
 */
static int node_lanes(struct svg *s)
{
	u64 lane_last[MAX_LANES];
	int lanes = 0, l;
	unsigned int i;

	for (i = 0; i < s->nodes.nr; i++) {
		struct span *n = &s->nodes.v[i];

		for (l = 0; l < lanes && lane_last[l] >= n->first; l++)
			;
		if (l == MAX_LANES)
			l = MAX_LANES - 1;	/* too many: share the last */
		if (l == lanes)
			lanes++;
		lane_last[l] = n->last;
		n->lane = l;
	}
	return lanes ? lanes : 1;
}

static int u64_cmp(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/*
 * Cut the axis at every boundary; a piece holds something or not, and
 * consecutive empty pieces are one gap.
 */
static int axis_pieces(struct svg *s, struct collect *c)
{
	unsigned int i, j = 0, n = 0;

	qsort(c->cut, c->nr_cut, sizeof(*c->cut), u64_cmp);
	spans_merge(&c->used);
	s->p = calloc(c->nr_cut, sizeof(*s->p));
	if (!s->p)
		return -ENOMEM;
	for (i = 0; i < c->nr_cut; i++) {
		u64 first = c->cut[i], last;
		int kind;

		if (first > c->top)
			break;
		if (i + 1 < c->nr_cut && c->cut[i + 1] == first)
			continue;
		last = i + 1 < c->nr_cut && c->cut[i + 1] <= c->top ?
		       c->cut[i + 1] - 1 : c->top;
		while (j < c->used.nr && c->used.v[j].last < first)
			j++;
		kind = j < c->used.nr && c->used.v[j].first <= first ?
		       PIECE_USED : PIECE_EMPTY;
		if (n && kind == PIECE_EMPTY && s->p[n - 1].kind == PIECE_EMPTY) {
			s->p[n - 1].last = last;
			continue;
		}
		s->p[n++] = (struct piece){ .first = first, .last = last, .kind = kind };
	}
	s->nr_pieces = n;
	return 0;
}

static int double_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* A break's width when there are @nb: narrower when there are many */
static double break_px(unsigned int nb)
{
	double share = nb ? BREAK_SHARE * (PLOT_X1 - PLOT_X0) / nb : 0;

	return share < BREAK_PX_MAX ? share : BREAK_PX_MAX;
}

/*
 * Cut every gap that would be drawn wider than BREAK_CUT_PX in proportion
 * to the bytes not cut.  Each cut leaves the others more room, so repeat
 * until none is that wide.  Nothing is cut when nothing is drawn.
 */
static unsigned int axis_cut(struct svg *s)
{
	double bytes = 0, k;
	unsigned int i, nb = 0, cut = 1;
	int used = 0;

	for (i = 0; i < s->nr_pieces; i++) {
		bytes += piece_bytes(&s->p[i]);
		used |= s->p[i].kind == PIECE_USED;
	}
	while (used && cut) {
		k = (PLOT_X1 - PLOT_X0 - nb * break_px(nb)) / bytes;
		for (i = 0, cut = 0; i < s->nr_pieces; i++) {
			struct piece *p = &s->p[i];

			if (p->kind != PIECE_EMPTY || piece_bytes(p) * k <= BREAK_CUT_PX)
				continue;
			p->kind = PIECE_BREAK;
			bytes -= piece_bytes(p);
			cut++;
		}
		nb += cut;
	}
	return nb;
}

/*
 * Widths: a break gets a fixed width, a piece that holds something its
 * share of the rest in proportion to its bytes but at least min_px, an
 * empty gap too small to cut its share.  The pieces held at min_px are
 * the smallest ones: raise their number until the scale leaves every
 * other piece at least min_px.
 */
static int axis_widths(struct svg *s)
{
	double plot = PLOT_X1 - PLOT_X0, used = 0, empty = 0, room, k, x;
	unsigned int i, nb = axis_cut(s), nu = 0, m = 0;
	double *sizes;

	for (i = 0; i < s->nr_pieces; i++) {
		const struct piece *p = &s->p[i];

		nu += p->kind == PIECE_USED;
		if (p->kind == PIECE_USED)
			used += piece_bytes(p);
		if (p->kind == PIECE_EMPTY)
			empty += piece_bytes(p);
	}
	room = plot - nb * break_px(nb);
	s->min_px = SVG_MIN_PX;
	if (nu && s->min_px * nu > room / 2)
		s->min_px = room / 2 / nu;

	sizes = malloc((nu + 1) * sizeof(*sizes));
	if (!sizes)
		return -ENOMEM;
	for (i = 0, nu = 0; i < s->nr_pieces; i++)
		if (s->p[i].kind == PIECE_USED)
			sizes[nu++] = piece_bytes(&s->p[i]);
	qsort(sizes, nu, sizeof(*sizes), double_cmp);
	k = room / (used + empty);
	while (m < nu && sizes[m] * k < s->min_px) {
		used -= sizes[m++];
		k = (room - m * s->min_px) / (used + empty);
	}
	free(sizes);

	x = PLOT_X0;
	for (i = 0; i < s->nr_pieces; i++) {
		struct piece *p = &s->p[i];

		if (p->kind == PIECE_BREAK)
			p->w = break_px(nb);
		else
			p->w = piece_bytes(p) * k;
		if (p->kind == PIECE_USED && p->w < s->min_px)
			p->w = s->min_px;
		p->x = x;
		x += p->w;
	}
	return 0;
}

static int axis_build(struct svg *s)
{
	struct collect c = { 0 };
	unsigned int i;
	int ret = -ENOMEM;

	if (add_cut(&c, 0))
		goto out;
	for (i = 0; i < s->lo->nr_entries; i++)
		if (collect(&c, s->lo->entries[i].start, s->lo->entries[i].end, 1))
			goto out;
	for (i = 0; i < s->nodes.nr; i++)
		if (collect(&c, s->nodes.v[i].first, s->nodes.v[i].last, 0))
			goto out;
	for (i = 0; i < s->nr_models; i++)
		if (collect_model(&c, &s->models[i]))
			goto out;
	if (!c.top)
		c.top = 0xfffff;	/* nothing to draw: show the first MiB */
	ret = axis_pieces(s, &c);
	if (!ret)
		ret = axis_widths(s);
out:
	free(c.cut);
	free(c.used.v);
	return ret;
}

/* ---- step 2: labels that could collide ---------------------------------- */

static void label_extent(const struct label *l, double font, double *a, double *b)
{
	double w = text_px(l->text, font);

	*a = l->x - w * l->anchor / 2;
	*b = *a + w;
}

/*
 * Place @l at the lowest level of @band where it clears the labels placed
 * before it (labels come left to right: the right end of each level's last
 * one is all that matters), trying each of @texts, the longest first;
 * level -1 when none fits.
 */
static void place(struct band *band, struct label *l, const char *const *texts,
		  unsigned int nr_texts, double font)
{
	unsigned int t;
	int level;

	for (t = 0; t < nr_texts; t++) {
		double a, b;

		snprintf(l->text, sizeof(l->text), "%s", texts[t]);
		label_extent(l, font, &a, &b);
		if (a < 2 || b > SVG_WIDTH - 2)
			continue;
		for (level = 0; level < band->levels; level++) {
			if (level < band->used && a < band->right[level] + 6)
				continue;
			band->right[level] = b;
			if (level >= band->used)
				band->used = level + 1;
			l->level = level;
			return;
		}
	}
	l->level = -1;
}

static void place_tick(struct svg *s, u64 addr, int top, int anchor)
{
	struct label *l = &s->ticks[s->nr_ticks++];
	char full[48], brief[32];
	const char *texts[2] = { full, brief };

	if (top)
		l->x = PLOT_X1;
	else if (anchor == 2)
		l->x = axis_x_end(s, addr - 1);
	else
		l->x = axis_x(s, addr);
	l->anchor = anchor;
	addr_label(full, brief, addr, top);
	place(&s->tick_band, l, texts, 2, FONT_SMALL);
}

static void place_hole(struct svg *s, const struct piece *p)
{
	struct label *l = &s->holes[s->nr_holes++];
	char size[32], hole[48];
	const char *texts[2] = { hole, size };

	human_d(size, piece_bytes(p));
	snprintf(hole, sizeof(hole), "%s hole", size);
	l->x = p->x + p->w / 2;
	l->anchor = 1;
	place(&s->hole_band, l, texts, 2, FONT_SMALL);
}

/*
 * Ticks where the axis starts and ends and on both sides of every break:
 * a segment's start is labelled rightwards, its end leftwards.
 */
static int place_labels(struct svg *s)
{
	unsigned int i;

	s->ticks = calloc(2 * s->nr_pieces + 2, sizeof(*s->ticks));
	s->holes = calloc(s->nr_pieces, sizeof(*s->holes));
	if (!s->ticks || !s->holes)
		return -ENOMEM;
	place_tick(s, 0, 0, 0);
	for (i = 0; i < s->nr_pieces; i++) {
		const struct piece *p = &s->p[i];

		if (p->kind != PIECE_BREAK)
			continue;
		if (i)
			place_tick(s, p->first, 0, 2);
		if (i + 1 < s->nr_pieces)
			place_tick(s, p->last + 1, 0, 0);
		place_hole(s, p);
	}
	i = s->nr_pieces - 1;
	if (s->p[i].last == ULLONG_MAX)
		place_tick(s, 0, 1, 2);
	else
		place_tick(s, s->p[i].last + 1, 0, 2);
	return 0;
}

/* ---- step 3: writing ---------------------------------------------------- */

static const char *const anchors[] = { "start", "middle", "end" };

/*
 * A line of text; @attrs are further attributes (constants of this file),
 * @max_px cuts a text from the input to what fits (0: no limit).
 */
static void text(struct svg *s, double x, double y, double font, int anchor,
		 const char *attrs, const char *str, double max_px)
{
	char bx[32], by[32], bf[32];
	size_t max_chars = 0;

	if (max_px > 0) {
		max_chars = (size_t)(max_px / (font * CHAR_EM));
		if (!max_chars)
			return;
	}
	out(s, "<text x=\"%s\" y=\"%s\" font-size=\"%s\"", fmt1(bx, x),
	    fmt1(by, y), fmt1(bf, font));
	if (anchor)
		out(s, " text-anchor=\"%s\"", anchors[anchor]);
	out(s, "%s>", attrs ? attrs : "");
	put_escaped(s->f, str, max_chars);
	out(s, "</text>\n");
}

/* To the tenth of a pixel, as written: coordinates are not negative */
static double round1(double v)
{
	return (double)(long long)(v * 10.0 + 0.5) / 10.0;
}

/*
 * A rectangle with a class, a fill and a tooltip.  Its edges are rounded,
 * not its size, so that rectangles that touch still touch as written.
 */
static void rect(struct svg *s, const char *cls, double x, double y, double w,
		 double h, const char *fill, const char *tip)
{
	char bx[32], by[32], bw[32], bh[32];

	w = round1(x + w) - round1(x);
	h = round1(y + h) - round1(y);
	x = round1(x);
	y = round1(y);
	out(s, "<rect class=\"%s\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\"",
	    cls, fmt1(bx, x), fmt1(by, y), fmt1(bw, w), fmt1(bh, h), fill);
	if (!tip) {
		out(s, "/>\n");
		return;
	}
	out(s, "><title>");
	put_escaped(s->f, tip, 0);
	out(s, "</title></rect>\n");
}

/* A range of bytes on the axis, its tooltip naming it */
static void range_rect(struct svg *s, const char *cls, u64 first, u64 last,
		       double y, double h, const char *fill, const char *what)
{
	char tip[192], size[32];
	double x = axis_x(s, first);

	human_d(size, (double)(last - first) + 1.0);
	snprintf(tip, sizeof(tip), "%s 0x%llx-0x%llx (%s)", what, first, last, size);
	rect(s, cls, x, y, axis_x_end(s, last) - x, h, fill, tip);
}

static void point(struct svg *s, double x, double y)
{
	char bx[32], by[32];

	out(s, "%s,%s ", fmt1(bx, x), fmt1(by, y));
}

static void row_label(struct svg *s, double y, double h, double font,
		      const char *name)
{
	text(s, PLOT_X0 - 8, y + h / 2 + font / 2 - 1.5, font, 2, NULL, name, 0);
}

/* The legend beyond the entry types */
enum { LEGEND_MEMMAP, LEGEND_HOLE, LEGEND_BLOCK, LEGEND_BREAK, LEGEND_NR };

static const char *const legend_names[LEGEND_NR] = {
	"memmap / present sections", "memmap of holes", "memory blocks",
	"hole cut short",
};

static const char *const legend_fills[LEGEND_NR] = {
	COLOUR_MEMMAP, "url(#hatch)", COLOUR_BLOCK, "#eeeeee",
};

static double legend_item_px(const char *name)
{
	return 14 + text_px(name, FONT_SMALL) + 16;
}

/* The legend's items in a flow that wraps at the right edge; its height */
static double legend(struct svg *s, double y, int draw)
{
	double x = 16, h = 12;
	unsigned int i;

	for (i = 0; i < LAYOUT_NR_TYPES + LEGEND_NR; i++) {
		int extra = i >= LAYOUT_NR_TYPES;
		const char *name = extra ? legend_names[i - LAYOUT_NR_TYPES] :
				   layout_type_name(i);
		const char *fill = extra ? legend_fills[i - LAYOUT_NR_TYPES] :
				   type_colours[i];

		if (x + legend_item_px(name) > SVG_WIDTH - 16) {
			x = 16;
			y += 16;
			h += 16;
		}
		if (draw) {
			rect(s, "legend", x, y, 10, 10, fill, NULL);
			if (i == LAYOUT_NR_TYPES + LEGEND_BREAK) {
				out(s, "<polyline fill=\"none\" stroke=\"%s\" points=\"", COLOUR_AXIS);
				point(s, x + 5, y);
				point(s, x + 3, y + 3.3);
				point(s, x + 7, y + 6.7);
				point(s, x + 5, y + 10);
				out(s, "\"/>\n");
			}
			text(s, x + 14, y + 9, FONT_SMALL, 0, NULL, name, 0);
		}
		x += legend_item_px(name);
	}
	return h;
}

/* The axis: its line, the break bands, ticks and hole sizes */
static void draw_axis(struct svg *s, double axis_y, double rows_top,
		      double rows_bottom)
{
	unsigned int i;
	double x;

	out(s, "<g id=\"axis\">\n");
	for (i = 0; i < s->nr_pieces; i++) {
		const struct piece *p = &s->p[i];

		if (p->kind == PIECE_BREAK) {
			rect(s, "break", p->x, rows_top - 4, p->w,
			     rows_bottom - rows_top + 4, "#eeeeee", NULL);
			continue;
		}
		if (i && s->p[i - 1].kind != PIECE_BREAK)
			continue;
		x = p->x;
		while (i + 1 < s->nr_pieces && s->p[i + 1].kind != PIECE_BREAK)
			i++;
		out(s, "<polyline fill=\"none\" stroke=\"%s\" points=\"", COLOUR_AXIS);
		point(s, x, axis_y);
		point(s, s->p[i].x + s->p[i].w, axis_y);
		out(s, "\"/>\n");
	}
	for (i = 0; i < s->nr_ticks; i++) {
		const struct label *l = &s->ticks[i];

		out(s, "<polyline fill=\"none\" stroke=\"%s\" points=\"", COLOUR_AXIS);
		point(s, l->x, axis_y - 4);
		point(s, l->x, axis_y + 3);
		out(s, "\"/>\n");
		if (l->level >= 0)
			text(s, l->x, axis_y - 6 - l->level * LINE_H, FONT_SMALL,
			     l->anchor, NULL, l->text, 0);
	}
	for (i = 0; i < s->nr_holes; i++) {
		const struct label *l = &s->holes[i];

		if (l->level >= 0)
			text(s, l->x, axis_y + 2 + (l->level + 1) * LINE_H,
			     FONT_SMALL, 1, " font-style=\"italic\" fill=\"" COLOUR_GREY "\"",
			     l->text, 0);
	}
	out(s, "</g>\n");
}

/* A zigzag along x, from y0 to y1 */
static void zigzag(struct svg *s, double x, double y0, double y1,
		   const char *colour, const char *width)
{
	double y;
	int odd = 0;

	out(s, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%s\" points=\"",
	    colour, width);
	for (y = y0; y < y1; y += 4, odd = !odd)
		point(s, x + (odd ? 2 : -2), y);
	point(s, x, y1);
	out(s, "\"/>\n");
}

/* The breaks' zigzag edges over a row's bars, which cross the gaps they cut */
static void row_breaks(struct svg *s, double y, double h)
{
	unsigned int i;
	int pass;

	for (i = 0; i < s->nr_pieces; i++) {
		const struct piece *p = &s->p[i];

		if (p->kind != PIECE_BREAK)
			continue;
		for (pass = 0; pass < 2; pass++) {
			const char *c = pass ? COLOUR_GREY : "#ffffff";
			const char *w = pass ? "0.8" : "3";

			if (p->w < 10) {
				zigzag(s, p->x + p->w / 2, y - 2, y + h + 2, c, w);
				continue;
			}
			zigzag(s, p->x + 3, y - 2, y + h + 2, c, w);
			zigzag(s, p->x + p->w - 3, y - 2, y + h + 2, c, w);
		}
	}
}

/* Every entry in file order, coloured by type; class "fw-<type>" */
static double draw_firmware(struct svg *s, double y)
{
	const struct layout *lo = s->lo;
	char cls[32], what[48];
	unsigned int i;

	out(s, "<g id=\"firmware\">\n");
	row_label(s, y, ROW_H, FONT, "firmware map");
	for (i = 0; i < lo->nr_entries; i++) {
		const struct layout_entry *e = &lo->entries[i];
		const char *name = layout_type_name(e->type);

		if (e->start > e->end)
			continue;
		if (!name)
			name = "reserved";
		snprintf(cls, sizeof(cls), "fw-%s", name);
		snprintf(what, sizeof(what), "%s, node %d:", name, e->node);
		range_rect(s, cls, e->start, e->end, y, ROW_H,
			   svg_type_colour(e->type), what);
	}
	row_breaks(s, y, ROW_H);
	out(s, "</g>\n");
	return ROW_H + 8;
}

/*
 * The widest part of [first, last] between breaks, where a label inside
 * a bar is seen: its left edge in *x, the width returned.
 */
static double widest_stretch(const struct svg *s, u64 first, u64 last, double *x)
{
	const struct piece *p = axis_find(s, first);
	const struct piece *end = s->p + s->nr_pieces;
	double best = 0, x0 = -1, x1;

	*x = axis_x(s, first);
	for (; p < end && p->first <= last; p++) {
		if (p->kind == PIECE_BREAK) {
			x0 = -1;
			continue;
		}
		if (x0 < 0)
			x0 = p->first < first ? axis_x(s, first) : p->x;
		x1 = p->last > last ? axis_x_end(s, last) : p->x + p->w;
		if (x1 - x0 > best) {
			best = x1 - x0;
			*x = x0;
		}
	}
	return best;
}

/* Each node's span, in lanes where spans overlap; class "node" */
static double draw_nodes(struct svg *s, double y)
{
	int lanes = node_lanes(s);
	double lane_h = (ROW_H - (lanes - 1)) / lanes;
	double font = lane_h >= FONT_SMALL ? FONT_SMALL : 7.5;
	unsigned int i;

	out(s, "<g id=\"nodes\">\n");
	row_label(s, y, ROW_H, FONT, "nodes");
	for (i = 0; i < s->nodes.nr; i++) {
		const struct span *n = &s->nodes.v[i];
		double ly = y + n->lane * (lane_h + 1);
		double lx, room = widest_stretch(s, n->first, n->last, &lx);
		char name[32], num[16];

		snprintf(name, sizeof(name), "node %d", n->nid);
		snprintf(num, sizeof(num), "%d", n->nid);
		range_rect(s, "node", n->first, n->last, ly, lane_h,
			   node_colours[(unsigned int)n->nid % 12], name);
		if (lane_h < font)
			continue;
		if (text_px(name, font) + 6 > room)
			strcpy(name, num);
		if (text_px(name, font) + 4 <= room)
			text(s, lx + 2, ly + lane_h / 2 + font * 0.35, font, 0,
			     NULL, name, 0);
	}
	row_breaks(s, y, ROW_H);
	out(s, "</g>\n");
	return ROW_H + 12;
}

/* Hatch the parts of [first, last] without RAM: descriptors of holes */
static void draw_holes(struct svg *s, u64 first, u64 last, double y)
{
	u64 cur = first;
	unsigned int i;

	for (i = 0; i < s->ram.nr; i++) {
		const struct span *r = &s->ram.v[i];

		if (r->last < cur)
			continue;
		if (r->first > last)
			break;
		if (r->first > cur)
			range_rect(s, "hole", cur, r->first - 1, y, ROW_H,
				   "url(#hatch)", "memmap without RAM");
		if (r->last >= last)
			return;
		cur = r->last + 1;
	}
	range_rect(s, "hole", cur, last, y, ROW_H, "url(#hatch)",
		   "memmap without RAM");
}

/* Faint lines at section boundaries inside a run, where they are GRID_PX apart */
static void draw_grid(struct svg *s, const struct account_run *r, int bits,
		      double y, double h)
{
	const struct piece *p = axis_find(s, (u64)r->first << bits);
	const struct piece *end = s->p + s->nr_pieces;
	int open = 0;

	for (; p < end && p->first <= (((u64)r->last << bits) | ((1ULL << bits) - 1)); p++) {
		u64 sec, lo, hi;

		if (p->kind != PIECE_USED ||
		    p->w / piece_bytes(p) * (double)(1ULL << bits) < GRID_PX)
			continue;
		lo = (p->first >> bits) + !!(p->first & ((1ULL << bits) - 1));
		hi = p->last >> bits;
		if (lo <= r->first)
			lo = r->first + 1;
		if (hi > r->last)
			hi = r->last;
		for (sec = lo; sec <= hi && sec; sec++) {
			char bx[32], by[32], bh[32];

			if (!open)
				out(s, "<path class=\"grid\" stroke=\"#ffffff\" stroke-opacity=\"0.6\" stroke-width=\"0.6\" d=\"");
			open = 1;
			out(s, "M%s %sv%s", fmt1(bx, axis_x(s, sec << bits)),
			    fmt1(by, y), fmt1(bh, h));
		}
	}
	if (open)
		out(s, "\"/>\n");
}

static void draw_runs(struct svg *s, const char *cls, const struct account_run *r,
		      unsigned int nr, int bits, double y, double h,
		      const char *fill, int grid)
{
	char what[80];
	unsigned int i;
	u64 a, b;

	for (i = 0; i < nr; i++) {
		if (!units_to_span(r[i].first, r[i].last, bits, &a, &b))
			continue;
		snprintf(what, sizeof(what), "%s %lu-%lu:", cls, r[i].first, r[i].last);
		range_rect(s, cls, a, b, y, h, fill, what);
		if (grid)
			draw_grid(s, &r[i], bits, y, h);
	}
}

static const char *errno_name(int error)
{
	switch (-error) {
	case ENOMEM:	return "-ENOMEM";
	case EINVAL:	return "-EINVAL";
	case ERANGE:	return "-ERANGE";
	case E2BIG:	return "-E2BIG";
	case EFBIG:	return "-EFBIG";
	case EOVERFLOW:	return "-EOVERFLOW";
	case ENOSPC:	return "-ENOSPC";
	case EEXIST:	return "-EEXIST";
	case EBUSY:	return "-EBUSY";
	}
	return NULL;
}

static const char *shift_size(char *buf, int shift)
{
	if (shift < 0 || shift > 63)
		return strcpy(buf, "?");
	return human(buf, 1ULL << shift, 0);
}

/* "vmemmap: 128 MiB sections (SECTION_SIZE_BITS 27), EXTREME, ..." */
static void model_title(const struct account *a, char *buf, size_t size)
{
	const struct account_params *p = &a->params;
	const char *name = account_model_name(p);
	char page[32], sec[32], blk[32], sub[32];
	int n;

	n = snprintf(buf, size, "%s: ", name ? name : "model ?");
	shift_size(page, p->page_shift);
	if (p->model == PMM_MODEL_FLATMEM)
		n += snprintf(buf + n, size - n, "%s pages, struct page %d B, PFN offset 0x%lx (ARCH_PFN_OFFSET), mem_map over PFNs 0x%lx-0x%lx",
			      page, p->struct_page_size, p->pfn_offset,
			      a->map_start_pfn, a->map_end_pfn);
	else if (p->model == PMM_MODEL_DISCONTIGMEM && p->discontig_nid == PMM_NID_BY_TABLE)
		n += snprintf(buf + n, size - n, "%s pages, struct page %d B, a memmap per node, pfn_to_nid by a table of %s chunks",
			      page, p->struct_page_size, shift_size(sec, p->chunk_shift));
	else if (p->model == PMM_MODEL_DISCONTIGMEM)
		n += snprintf(buf + n, size - n, "%s pages, struct page %d B, a memmap per node, pfn_to_nid by a search of node spans",
			      page, p->struct_page_size);
	else if (account_is_xen(p))
		n += snprintf(buf + n, size - n, "%s pages, page_info %d B, a frame table by PDX backed in groups of %lu, compression %s",
			      page, p->struct_page_size, a->xen.group_pages,
			      a->xen.pdx.compressed ? (p->model == PMM_MODEL_XEN_PDX_MASK ?
						       "by mask" : "by offset") : "none");
	else if (account_is_freebsd(p))
		n += snprintf(buf + n, size - n, "%s pages, vm_page %d B, %u segments (VM_PHYSSEG_MAX %u), vm_page_array %s",
			      page, p->struct_page_size, a->freebsd.nr_segs, a->freebsd.physseg_max,
			      p->model == PMM_MODEL_FREEBSD_DENSE ?
			      "from the first RAM page to the last" : "of the segments' pages");
	else
		n += snprintf(buf + n, size - n, "%s sections (SECTION_SIZE_BITS %d), %s, MAX_PHYSMEM_BITS %d, %s pages, struct page %d B, %s memory blocks",
			      shift_size(sec, p->section_size_bits), p->section_size_bits,
			      p->extreme ? "EXTREME" : "static mem_section[]",
			      p->max_physmem_bits, page, p->struct_page_size,
			      shift_size(blk, p->memory_block_size_bits));
	if (p->model == PMM_MODEL_SPARSEMEM_VMEMMAP && n > 0 && (size_t)n < size)
		snprintf(buf + n, size - n, ", %s sub-sections",
			 shift_size(sub, p->subsection_shift));
}

/* Percent: two decimals below 10, one above */
static char *percent(char *buf, double v)
{
	return fmt_fixed(buf, v, v < 9.995 ? 2 : 1);
}

/* "overhead: memmap 2.0 GiB, ...; 1024 present sections, 64 memory blocks" */
static void model_overhead(const struct account *a, char *buf, size_t size)
{
	const struct account_overhead *o = &a->overhead;
	char mm[32], st[32], um[32], ot[32], tot[32], pc[32], ram[32], n1[32], n2[32];
	int n;

	human(mm, o->memmap_bytes, 0);
	human(st, o->section_table_bytes, 0);
	human(um, o->usemap_bytes, 0);
	human(ot, o->other_bytes, 0);
	human(tot, o->total_bytes, 0);
	human_d(ram, (double)a->ram_pages *
		(double)(1ULL << (a->params.page_shift & 63)));
	n = snprintf(buf, size, "overhead: memmap %s, section table %s, usemap %s, other %s; total %s = %s%% of %s RAM",
		     mm, st, um, ot, tot, percent(pc, o->percent_of_ram), ram);
	if (n < 0 || (size_t)n >= size)
		return;
	if (is_sparse(a))
		snprintf(buf + n, size - n, "; %s present sections, %s memory blocks",
			 grouped(n1, a->nr_sections), grouped(n2, a->nr_blocks));
	else
		snprintf(buf + n, size - n, "; %s descriptors for %s RAM pages",
			 grouped(n1, a->memmap_pages), grouped(n2, a->ram_pages));
}

static double model_height(const struct account *a)
{
	if (a->error)
		return 18 + 16 + 12;
	return 18 + ROW_H + 3 + (is_sparse(a) ? BLOCK_H + 3 : 0) + 14 + 12;
}

/* A model's rows: its title, its memmap or sections (and blocks), its cost */
static void draw_model(struct svg *s, unsigned int i, double y)
{
	const struct account *a = &s->models[i];
	const struct account_params *p = &a->params;
	char line[512];
	unsigned int j;
	u64 first, last;

	out(s, "<g id=\"model-%u\">\n", i);
	model_title(a, line, sizeof(line));
	text(s, 16, y + 12, 12, 0, " font-weight=\"bold\"", line, SVG_WIDTH - 32);
	y += 18;
	if (a->error) {
		const char *e = errno_name(a->error);
		char num[16];

		snprintf(num, sizeof(num), "%d", a->error);
		snprintf(line, sizeof(line), "refuses the map: %s: %s", e ? e : num,
			 a->reason);
		text(s, PLOT_X0, y + 11, FONT, 0, " fill=\"" COLOUR_ERROR "\"", line,
		     PLOT_X1 - PLOT_X0);
		out(s, "</g>\n");
		return;
	}
	row_label(s, y, ROW_H, FONT, is_sparse(a) ? "sections" : "memmap");
	if (p->model == PMM_MODEL_FLATMEM &&
	    pfns_to_span(a->map_start_pfn, a->map_end_pfn, p->page_shift, &first, &last)) {
		range_rect(s, "memmap", first, last, y, ROW_H, COLOUR_MEMMAP, "mem_map");
		draw_holes(s, first, last, y);
	}
	for (j = 0; p->model == PMM_MODEL_DISCONTIGMEM && j < a->nr_nodes; j++) {
		char what[48];

		if (!pfns_to_span(a->nodes[j].start_pfn, a->nodes[j].end_pfn,
				  p->page_shift, &first, &last))
			continue;
		snprintf(what, sizeof(what), "memmap of node %d", a->nodes[j].nid);
		range_rect(s, "memmap", first, last, y, ROW_H, COLOUR_MEMMAP, what);
		draw_holes(s, first, last, y);
	}
	for (j = 0; j < a->nr_frame_runs; j++) {
		if (!units_to_span(a->frames[j].first, a->frames[j].last, p->page_shift,
				   &first, &last))
			continue;
		range_rect(s, "memmap", first, last, y, ROW_H, COLOUR_MEMMAP, "valid PFNs");
		draw_holes(s, first, last, y);
	}
	if (is_sparse(a)) {
		draw_runs(s, "section", a->sections, a->nr_section_runs,
			  p->section_size_bits, y, ROW_H, COLOUR_MEMMAP, 1);
		row_label(s, y + ROW_H + 3, BLOCK_H, FONT_SMALL, "blocks");
		draw_runs(s, "block", a->blocks, a->nr_block_runs,
			  p->memory_block_size_bits, y + ROW_H + 3, BLOCK_H,
			  COLOUR_BLOCK, 0);
		row_breaks(s, y, ROW_H + 3 + BLOCK_H);
		y += ROW_H + 3 + BLOCK_H;
	} else {
		row_breaks(s, y, ROW_H);
		y += ROW_H;
	}
	model_overhead(a, line, sizeof(line));
	text(s, PLOT_X0, y + 14, FONT_SMALL, 0, " fill=\"" COLOUR_GREY "\"", line,
	     PLOT_X1 - PLOT_X0);
	out(s, "</g>\n");
}

static void draw_head(struct svg *s, const char *title, double height)
{
	out(s, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
	out(s, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" fill=\"%s\">\n",
	    SVG_WIDTH, (int)height, SVG_WIDTH, (int)height, COLOUR_TEXT);
	out(s, "<title>");
	put_escaped(s->f, title, 0);
	out(s, "</title>\n");
	out(s, "<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
	       "<rect width=\"6\" height=\"6\" fill=\"#c5cae9\"/>"
	       "<rect width=\"2\" height=\"6\" fill=\"%s\"/></pattern></defs>\n",
	    type_colours[LAYOUT_UNUSABLE]);
	out(s, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", SVG_WIDTH,
	    (int)height);
}

static int prepare(struct svg *s)
{
	unsigned int i;

	for (i = 0; i < s->lo->nr_entries; i++) {
		const struct layout_entry *e = &s->lo->entries[i];

		if (e->type == LAYOUT_RAM && spans_add(&s->ram, e->start, e->end, 0))
			return -ENOMEM;
	}
	spans_merge(&s->ram);
	if (find_nodes(s) || axis_build(s) || place_labels(s))
		return -ENOMEM;
	return 0;
}

int svg_write(FILE *f, const struct layout *lo, const char *title,
	      const struct account *models, unsigned int nr_models)
{
	struct svg s = {
		.f = f, .lo = lo, .models = models,
		.nr_models = models ? nr_models : 0,
		.tick_band = { .levels = TICK_LEVELS },
		.hole_band = { .levels = BREAK_LEVELS },
	};
	double y, axis_y, rows_top, height;
	unsigned int i;
	int ret;

	ret = prepare(&s);
	if (ret)
		goto out;

	/* heights first: title, description, legend, axis, rows */
	y = 26 + (lo->desc ? 18 : 0) + 12;
	axis_y = y + legend(&s, y, 0) + 10 + (s.tick_band.used ? s.tick_band.used : 1) * LINE_H;
	rows_top = axis_y + 6 + s.hole_band.used * LINE_H + 6;
	height = rows_top + ROW_H + 8 + ROW_H + 12;
	for (i = 0; i < s.nr_models; i++)
		height += model_height(&models[i]);
	height += 8;

	draw_head(&s, title, height);
	text(&s, 16, 26, FONT_TITLE, 0, " font-weight=\"bold\"", title, SVG_WIDTH - 32);
	if (lo->desc)
		text(&s, 16, 44, FONT, 0, " fill=\"" COLOUR_GREY "\"", lo->desc,
		     SVG_WIDTH - 32);
	legend(&s, y, 1);
	draw_axis(&s, axis_y, rows_top, height - 8);
	y = rows_top;
	y += draw_firmware(&s, y);
	y += draw_nodes(&s, y);
	for (i = 0; i < s.nr_models; i++) {
		draw_model(&s, i, y);
		y += model_height(&models[i]);
	}
	out(&s, "</svg>\n");
	if (fflush(f) || ferror(f))
		ret = -EIO;
out:
	free(s.ram.v);
	free(s.nodes.v);
	free(s.p);
	free(s.ticks);
	free(s.holes);
	return ret;
}
