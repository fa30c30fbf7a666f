// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_svg.c - the picture of pmm-inspect (tools/inspect/svg.c)
 *
 * Maps and accounts are built by hand (or read from data/layouts/ with
 * tools/layout), so that the picture is checked apart from the
 * accounting: svg_write into a memory stream, then
 *	- well-formed XML (a small checker here: balanced tags, quoted
 *	  attributes, '<' and '&' escaped, one root);
 *	- one rect of the ram colour per ram entry, and as many rects in
 *	  each row as the entries, nodes, section runs, block runs and holes
 *	  given;
 *	- the compressed axis: x grows with the address, nothing leaves the
 *	  document, a range that holds something is at least SVG_MIN_PX wide,
 *	  an empty gap is cut to a break labelled with its size;
 *	- strings from the input escaped, a refused model's reason shown;
 *	- -EIO on a full stream; the same bytes for the same input.
 * Then every map of data/layouts/ and a randomised run of maps and
 * accounts (fixed seed, printed; -s SEED, -n MAPS, -v).  -o DIR keeps the
 * documents drawn for data/layouts/ there, for other XML parsers.
 *
 * The accounts are made here by hand; account.c is linked only for
 * account_model_name(), the titles' words.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <glob.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "test_args.h"
#include "test_rand.h"
#include "pmm_types.h"
#include "tools/layout/layout.h"
#include "tools/inspect/account.h"
#include "tools/inspect/svg.h"

#define DEFAULT_SEED	0x5769e2026ULL
#define DEFAULT_MAPS	300UL

#define GiB	(1ULL << 30)
#define TiB	(1ULL << 40)

static const char *opt_out;	/* -o DIR: keep the documents of data/layouts */
static const struct test_option svg_options[] = {
	{ 'o', "DIR", "keep the documents drawn for data/layouts there", .str = &opt_out },
	{ 0 }
};
static struct test_args args = {
	.takes = "sn", .seed = DEFAULT_SEED, .n = DEFAULT_MAPS, .n_name = "MAPS",
	.n_about = "random maps",
	.about = "pmm-inspect's picture, from maps and accounts made by hand", .extra = svg_options,
};

/* ---- rendering and reading the document back ---------------------------- */

struct doc {
	char *s;
	size_t len;
	int ret;
};

static void render(struct doc *d, const struct layout *lo, const char *title,
		   const struct account *m, unsigned int nr)
{
	FILE *f = open_memstream(&d->s, &d->len);

	if (!f) {
		perror("open_memstream");
		exit(2);
	}
	d->ret = svg_write(f, lo, title, m, nr);
	fclose(f);
}

static void doc_free(struct doc *d)
{
	free(d->s);
	d->s = NULL;
}

static int is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':' || c == '.';
}

/* An entity reference at @s ("&amp;", "&#38;"): its length, 0 when bad */
static size_t entity(const char *s)
{
	static const char *const names[] = { "&lt;", "&gt;", "&amp;", "&quot;", "&apos;" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strncmp(s, names[i], strlen(names[i])))
			return strlen(names[i]);
	if (s[1] == '#') {
		for (i = 2; s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i > 2 && s[i] == ';')
			return i + 1;
	}
	return 0;
}

/* Character data up to @stop: escaped, no control characters; its end or NULL */
static const char *chars(const char *s, char stop)
{
	for (; *s && *s != stop; s++) {
		if (*s == '&') {
			size_t n = entity(s);

			if (!n)
				return NULL;
			s += n - 1;
		} else if (*s == '<' || *s == '>' ||
			   ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t')) {
			return NULL;
		}
	}
	return s;
}

/* A start or end tag at @s; its end (past '>') or NULL.  *depth follows it. */
static const char *tag(const char *s, const char **stack, int *depth, int *roots)
{
	const char *name;
	size_t n;

	if (s[1] == '/') {
		name = s + 2;
		for (n = 0; is_name_char(name[n]); n++)
			;
		if (!*depth || name[n] != '>' ||
		    strncmp(stack[*depth - 1], name, n) ||
		    is_name_char(stack[*depth - 1][n]))
			return NULL;
		--*depth;
		return name + n + 1;
	}
	name = s + 1;
	for (n = 0; is_name_char(name[n]); n++)
		;
	if (!n)
		return NULL;
	s = name + n;
	for (;;) {
		if (*s == '>' || (s[0] == '/' && s[1] == '>'))
			break;
		if (*s != ' ' && *s != '\n')
			return NULL;
		while (*s == ' ' || *s == '\n')
			s++;
		if (*s == '>' || (s[0] == '/' && s[1] == '>'))
			break;
		while (is_name_char(*s))
			s++;
		if (s[0] != '=' || s[1] != '"')
			return NULL;
		s = chars(s + 2, '"');
		if (!s || *s != '"')
			return NULL;
		s++;
	}
	if (!*depth)
		++*roots;
	if (*s == '/')
		return s + 2;
	if (*depth == 64)
		return NULL;
	stack[(*depth)++] = name;
	return s + 1;
}

/*
 * Well-formed as this picture writes XML: an optional declaration, one
 * root element, balanced tags, attributes in double quotes, '<', '>' and
 * '&' escaped in text and attributes.  0, or the offset of the fault + 1.
 */
static long xml_check(const char *doc)
{
	const char *stack[64], *s = doc;
	int depth = 0, roots = 0;

	if (!strncmp(s, "<?xml ", 6)) {
		s = strstr(s, "?>");
		if (!s)
			return 1;
		s += 2;
	}
	while (*s) {
		const char *t = chars(s, '<');

		if (!t)
			return s - doc + 1;
		if (!depth && roots) {
			for (; s < t; s++)
				if (*s != '\n' && *s != ' ')
					return s - doc + 1;
		}
		s = t;
		if (!*s)
			break;
		t = tag(s, stack, &depth, &roots);
		if (!t)
			return s - doc + 1;
		s = t;
	}
	return depth || roots != 1 ? (long)(s - doc) + 1 : 0;
}

/* The group <g id="@id"> ... </g>; *end at its "</g>" */
static const char *group(const char *doc, const char *id, const char **end)
{
	char open[64];
	const char *g;

	snprintf(open, sizeof(open), "<g id=\"%s\">", id);
	g = strstr(doc, open);
	*end = g ? strstr(g, "</g>") : NULL;
	return *end ? g : NULL;
}

/* The next "<rect" at or after @s and before @end, or NULL */
static const char *next_rect(const char *s, const char *end)
{
	s = strstr(s, "<rect ");
	return s && s < end ? s : NULL;
}

/* An attribute of the tag at @t, as text (empty when missing) */
static const char *attr(const char *t, const char *name, char *buf, size_t size)
{
	const char *close = strchr(t, '>');
	char key[32];
	const char *a;
	size_t n = 0;

	snprintf(key, sizeof(key), " %s=\"", name);
	a = strstr(t, key);
	buf[0] = 0;
	if (!a || (close && a > close))
		return buf;
	a += strlen(key);
	while (a[n] && a[n] != '"' && n + 1 < size)
		n++;
	memcpy(buf, a, n);
	buf[n] = 0;
	return buf;
}

static double attr_num(const char *t, const char *name)
{
	char buf[64];

	return strtod(attr(t, name, buf, sizeof(buf)), NULL);
}

/* Rects in [s, end) with class @cls (and fill @fill unless NULL) */
static int count_rects(const char *s, const char *end, const char *cls,
		       const char *fill)
{
	char buf[64];
	int n = 0;

	for (; (s = next_rect(s, end)); s++)
		if (!strcmp(attr(s, "class", buf, sizeof(buf)), cls) &&
		    (!fill || !strcmp(attr(s, "fill", buf, sizeof(buf)), fill)))
			n++;
	return n;
}

static int count_in_group(const struct doc *d, const char *id, const char *cls)
{
	const char *end, *g = group(d->s, id, &end);

	return g ? count_rects(g, end, cls, NULL) : -1;
}

/* Occurrences of @what in [s, end) */
static int count_str(const char *s, const char *end, const char *what)
{
	int n = 0;

	for (; (s = strstr(s, what)) && s < end; s++)
		n++;
	return n;
}

/* Every rect inside the document's width, none of negative size */
static int rects_inside(const struct doc *d)
{
	const char *s, *end = d->s + d->len;

	for (s = d->s; (s = next_rect(s, end)); s++) {
		double x = attr_num(s, "x"), w = attr_num(s, "width");

		if (x < 0 || w < 0 || x + w > SVG_WIDTH + 0.1)
			return 0;
	}
	return 1;
}

/* ---- maps and accounts by hand ----------------------------------------- */

#define MAX_ENTRIES	64

struct map {
	struct layout lo;
	struct layout_entry e[MAX_ENTRIES];
};

static void map_init(struct map *m, const char *desc)
{
	memset(m, 0, sizeof(*m));
	m->lo.entries = m->e;
	m->lo.desc = (char *)desc;
	m->lo.arch = LAYOUT_ARCH_X86_64;
}

static void map_add(struct map *m, unsigned long long start,
		    unsigned long long end, enum layout_type type, int node)
{
	struct layout_entry *e = &m->e[m->lo.nr_entries];

	e->start = start;
	e->end = end;
	e->type = type;
	e->node = node;
	e->line = ++m->lo.nr_entries;
}

static void acct_init(struct account *a, int model)
{
	memset(a, 0, sizeof(*a));
	a->params.model = model;
	a->params.page_shift = 12;
	a->params.section_size_bits = 27;
	a->params.max_physmem_bits = 46;
	a->params.extreme = 1;
	a->params.struct_page_size = 64;
	a->params.max_page_order = 10;
	a->params.pageblock_order = 9;
	a->params.subsection_shift = 21;
	a->params.memory_block_size_bits = 27;
	a->params.nodes_shift = 6;
	a->params.discontig_nid = PMM_NID_BY_SEARCH;
}

/* ---- cases --------------------------------------------------------------- */

/* Two nodes, RAM around a hole; sections and blocks as runs */
static struct map two_nodes;
static struct account_node two_nodes_nodes[2] = {
	{ .nid = 0, .start_pfn = 0, .end_pfn = (3 * GiB) >> 12 },
	{ .nid = 1, .start_pfn = (4 * GiB) >> 12, .end_pfn = (8 * GiB) >> 12 },
};
static struct account_run two_nodes_sections[3] = {
	{ 0, 7 }, { 16, 23 }, { 32, 63 },
};
static struct account_run two_nodes_blocks[2] = { { 0, 23 }, { 32, 63 } };

static void two_nodes_map(void)
{
	map_init(&two_nodes, "two nodes");
	map_add(&two_nodes, 0, 1 * GiB - 1, LAYOUT_RAM, 0);
	map_add(&two_nodes, 1 * GiB, 2 * GiB - 1, LAYOUT_RESERVED, 0);
	map_add(&two_nodes, 2 * GiB, 3 * GiB - 1, LAYOUT_RAM, 0);
	map_add(&two_nodes, 3 * GiB, 4 * GiB - 1, LAYOUT_ACPI, 0);
	map_add(&two_nodes, 4 * GiB, 8 * GiB - 1, LAYOUT_RAM, 1);
}

static void two_nodes_accounts(struct account a[3])
{
	acct_init(&a[0], PMM_MODEL_SPARSEMEM_VMEMMAP);
	a[0].nodes = two_nodes_nodes;
	a[0].nr_nodes = 2;
	a[0].sections = two_nodes_sections;
	a[0].nr_section_runs = 3;
	a[0].nr_sections = 48;
	a[0].blocks = two_nodes_blocks;
	a[0].nr_block_runs = 2;
	a[0].nr_blocks = 56;
	a[0].ram_pages = (6 * GiB) >> 12;
	a[0].overhead.memmap_bytes = 96ULL << 20;
	a[0].overhead.total_bytes = 96ULL << 20;
	a[0].overhead.percent_of_ram = 1.5625;
	acct_init(&a[1], PMM_MODEL_FLATMEM);
	a[1].map_start_pfn = 0;
	a[1].map_end_pfn = (8 * GiB) >> 12;
	a[1].nodes = two_nodes_nodes;
	a[1].nr_nodes = 2;
	acct_init(&a[2], PMM_MODEL_DISCONTIGMEM);
	a[2].nodes = two_nodes_nodes;
	a[2].nr_nodes = 2;
}

/*
 * The other kernels' models on the two nodes' map, drawn from their runs
 * of valid PFNs:
 *
 *	RAM      |0-1 GiB|  reserved  |2-3 GiB|  acpi  |4 ........ 8 GiB|
 *	xen-mask |0 ................... 3 GiB|          |4 ........ 8 GiB|   (PDX groups)
 *	freebsd  |0-1 GiB|            |2-3 GiB|         |4 ........ 8 GiB|   (segments)
 *
 * Expect Xen's two runs as memmap with the hole from 1 to 2 GiB hatched,
 * FreeBSD's three runs with no hole, each titled in its kernel's terms.
 */
static struct account_run peer_xen_frames[2] = {
	{ 0, ((3 * GiB) >> 12) - 1 }, { (4 * GiB) >> 12, ((8 * GiB) >> 12) - 1 },
};
static struct account_run peer_freebsd_frames[3] = {
	{ 0, ((1 * GiB) >> 12) - 1 }, { (2 * GiB) >> 12, ((3 * GiB) >> 12) - 1 },
	{ (4 * GiB) >> 12, ((8 * GiB) >> 12) - 1 },
};

static int svg_peer_rows(void)
{
	const char *g, *end;
	struct account a[2];
	struct doc d;

	two_nodes_map();
	acct_init(&a[0], PMM_MODEL_XEN_PDX_MASK);
	a[0].frames = peer_xen_frames;
	a[0].nr_frame_runs = 2;
	a[0].xen.group_pages = 32768;
	acct_init(&a[1], PMM_MODEL_FREEBSD_SPARSE);
	a[1].frames = peer_freebsd_frames;
	a[1].nr_frame_runs = 3;
	a[1].freebsd.nr_segs = 3;
	a[1].freebsd.physseg_max = 64;
	render(&d, &two_nodes.lo, "peers", a, 2);
	ASSERT_EQ(0, d.ret);
	ASSERT_EQ(0, xml_check(d.s));
	ASSERT_EQ(2, count_in_group(&d, "model-0", "memmap"));
	ASSERT_EQ(1, count_in_group(&d, "model-0", "hole"));
	ASSERT_EQ(3, count_in_group(&d, "model-1", "memmap"));
	ASSERT_EQ(0, count_in_group(&d, "model-1", "hole"));
	g = group(d.s, "model-0", &end);
	ASSERT_CONTAINS_BEFORE(g, ">xen-mask: 4 KiB pages, page_info 64 B, a frame table by PDX backed in groups of 32768, compression none", end);
	g = group(d.s, "model-1", &end);
	ASSERT_CONTAINS_BEFORE(g, ">freebsd-sparse: 4 KiB pages, vm_page 64 B, 3 segments (VM_PHYSSEG_MAX 64), vm_page_array of the segments&apos; pages", end);
	doc_free(&d);
	return 0;
}

static int svg_well_formed(void)
{
	struct account a[3];
	struct doc d;

	two_nodes_map();
	two_nodes_accounts(a);
	render(&d, &two_nodes.lo, "two nodes, preset x86_64", a, 3);
	ASSERT_EQ(0, d.ret);
	ASSERT_EQ(0, xml_check(d.s));
	ASSERT_TRUE(!strncmp(d.s, "<?xml version=\"1.0\"", 19));
	ASSERT_CONTAINS(d.s, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"1200\"");
	ASSERT_NOT_CONTAINS(d.s, "<script");
	ASSERT_NOT_CONTAINS(d.s, "href");
	ASSERT_NOT_CONTAINS(d.s, "<style");
	ASSERT_TRUE(rects_inside(&d));
	doc_free(&d);
	return 0;
}

/* The checker itself: each fault it must see */
static int svg_checker_catches(void)
{
	ASSERT_EQ(0, xml_check("<?xml version=\"1.0\"?>\n<a b=\"1\"><c/>x &amp; y</a>\n"));
	ASSERT_NE(0, xml_check("<a><b></a></b>"));
	ASSERT_NE(0, xml_check("<a b=1></a>"));
	ASSERT_NE(0, xml_check("<a>x < y</a>"));
	ASSERT_NE(0, xml_check("<a>x & y</a>"));
	ASSERT_NE(0, xml_check("<a b=\"<\"></a>"));
	ASSERT_NE(0, xml_check("<a></a><b></b>"));
	ASSERT_NE(0, xml_check("<a>"));
	ASSERT_NE(0, xml_check("<a>\x01</a>"));
	return 0;
}

/* One rect of the ram colour per ram entry; one rect per entry in the row */
static int svg_ram_rects(void)
{
	const char *ram = svg_type_colour(LAYOUT_RAM);
	const char *end, *g;
	struct account a[3];
	struct map m;
	struct doc d;
	int t;

	map_init(&m, NULL);
	for (t = 0; t < LAYOUT_NR_TYPES; t++) {
		map_add(&m, (2ULL * t) * GiB, (2ULL * t + 1) * GiB - 1, LAYOUT_RAM, 0);
		map_add(&m, (2ULL * t + 1) * GiB, (2ULL * t + 2) * GiB - 1, t, 0);
	}
	two_nodes_map();
	two_nodes_accounts(a);
	render(&d, &m.lo, "types", a, 1);
	ASSERT_EQ(0, d.ret);
	g = group(d.s, "firmware", &end);
	ASSERT_TRUE(g != NULL);
	if (!g)
		return 0;
	/* 8 plain ram entries and the one of type ram in the second column */
	ASSERT_EQ(LAYOUT_NR_TYPES + 1, count_rects(g, end, "fw-ram", ram));
	ASSERT_EQ(LAYOUT_NR_TYPES + 1, count_str(g, end, ram));
	ASSERT_EQ(2 * LAYOUT_NR_TYPES, count_str(g, end, "<rect class=\"fw-"));
	for (t = 1; t < LAYOUT_NR_TYPES; t++) {
		char cls[32];

		snprintf(cls, sizeof(cls), "fw-%s", layout_type_name(t));
		ASSERT_EQ(1, count_rects(g, end, cls, svg_type_colour(t)));
	}
	/* the colours differ: a legend that means something */
	for (t = 1; t < LAYOUT_NR_TYPES; t++)
		ASSERT_NE(0, strcmp(svg_type_colour(t), svg_type_colour(t - 1)));
	doc_free(&d);
	return 0;
}

/* Rows hold as many rects as nodes, runs and holes given */
static int svg_row_counts(void)
{
	struct account a[3];
	struct doc d;
	const char *g, *end;

	two_nodes_map();
	two_nodes_accounts(a);
	render(&d, &two_nodes.lo, "rows", a, 3);
	ASSERT_EQ(0, d.ret);
	ASSERT_EQ(5, count_in_group(&d, "firmware", "fw-ram") +
		     count_in_group(&d, "firmware", "fw-reserved") +
		     count_in_group(&d, "firmware", "fw-acpi"));
	ASSERT_EQ(2, count_in_group(&d, "nodes", "node"));
	ASSERT_EQ(3, count_in_group(&d, "model-0", "section"));
	ASSERT_EQ(2, count_in_group(&d, "model-0", "block"));
	ASSERT_EQ(0, count_in_group(&d, "model-0", "memmap"));
	/* flat: one mem_map over [0, 8 GiB); holes at 1-2 and 3-4 GiB */
	ASSERT_EQ(1, count_in_group(&d, "model-1", "memmap"));
	ASSERT_EQ(2, count_in_group(&d, "model-1", "hole"));
	ASSERT_EQ(0, count_in_group(&d, "model-1", "section"));
	/* discontig: a memmap per node; node 0's hole at 1-2 GiB */
	ASSERT_EQ(2, count_in_group(&d, "model-2", "memmap"));
	ASSERT_EQ(1, count_in_group(&d, "model-2", "hole"));
	ASSERT_EQ(-1, count_in_group(&d, "model-3", "memmap"));	/* no such model */
	/* titles by account_model_name, and the overhead line */
	g = group(d.s, "model-0", &end);
	ASSERT_CONTAINS_BEFORE(g, ">vmemmap: 128 MiB sections (SECTION_SIZE_BITS 27), EXTREME,", end);
	ASSERT_CONTAINS_BEFORE(g, "total 96 MiB = 1.56% of 6 GiB RAM; 48 present sections, 56 memory blocks</text>", end);
	g = group(d.s, "model-1", &end);
	ASSERT_CONTAINS_BEFORE(g, ">flat: 4 KiB pages", end);
	g = group(d.s, "model-2", &end);
	ASSERT_CONTAINS_BEFORE(g, ">discontig: ", end);
	doc_free(&d);

	/* a hole of one page is a hole */
	two_nodes.e[1].end = 1 * GiB + 0xfff;
	two_nodes.e[2].start = 1 * GiB + 0x1000;
	render(&d, &two_nodes.lo, "page hole", a, 3);
	/* RAM to 1 GiB, a page without, then RAM from 1 GiB + 4 KiB; 3-4 GiB */
	ASSERT_EQ(2, count_in_group(&d, "model-1", "hole"));
	ASSERT_CONTAINS(d.s, "memmap without RAM 0x40000000-0x40000fff (4 KiB)");
	doc_free(&d);
	return 0;
}

/* The hole hatch covers exactly the gaps between RAM inside mem_map */
static int svg_flat_holes_placed(void)
{
	struct account a[3];
	const char *g, *end, *r;
	double hx[2], hw[2], mx = 0, mw = 0;
	int n = 0;
	struct doc d;

	two_nodes_map();
	two_nodes_accounts(a);
	render(&d, &two_nodes.lo, "holes", &a[1], 1);
	g = group(d.s, "model-0", &end);
	ASSERT_TRUE(g != NULL);
	for (r = g; g && (r = next_rect(r, end)); r++) {
		char cls[16];

		attr(r, "class", cls, sizeof(cls));
		if (!strcmp(cls, "memmap")) {
			mx = attr_num(r, "x");
			mw = attr_num(r, "width");
		} else if (!strcmp(cls, "hole") && n < 2) {
			hx[n] = attr_num(r, "x");
			hw[n++] = attr_num(r, "width");
		}
	}
	ASSERT_EQ(2, n);
	if (n == 2) {
		/* inside the mem_map bar, disjoint, in order */
		ASSERT_TRUE(hx[0] > mx && hx[0] + hw[0] <= hx[1] + 0.1);
		ASSERT_TRUE(hx[1] + hw[1] <= mx + mw + 0.1);
		ASSERT_TRUE(hw[0] >= SVG_MIN_PX - 0.05 && hw[1] >= SVG_MIN_PX - 0.05);
	}
	/* a hole's tooltip names its bytes */
	ASSERT_CONTAINS(d.s, "memmap without RAM 0x40000000-0x7fffffff (1 GiB)");
	ASSERT_CONTAINS(d.s, "memmap without RAM 0xc0000000-0xffffffff (1 GiB)");
	doc_free(&d);
	return 0;
}

/* Left edges of the firmware row's rects, in document order */
static int fw_edges(const struct doc *d, double *x, double *w, int max)
{
	const char *end, *g = group(d->s, "firmware", &end), *r;
	int n = 0;

	for (r = g; g && (r = next_rect(r, end)) && n < max; r++) {
		x[n] = attr_num(r, "x");
		w[n++] = attr_num(r, "width");
	}
	return n;
}

/*
 * RAM at 0, 8 TiB and 64 TiB, firmware entries in between: x grows with
 * the address, the 4 KiB at 0 is at least SVG_MIN_PX wide beside 512 GiB,
 * and the holes become breaks labelled with their sizes.
 */
static int svg_axis_compressed(void)
{
	double x[16], w[16];
	struct map m;
	struct doc d;
	int i, n;

	map_init(&m, NULL);
	map_add(&m, 0, 0xfff, LAYOUT_RAM, 0);
	map_add(&m, 0x1000, 0x9ffff, LAYOUT_RESERVED, 0);
	map_add(&m, 0x100000, 1 * GiB - 1, LAYOUT_RAM, 0);
	map_add(&m, 8 * TiB, 8 * TiB + 256 * GiB - 1, LAYOUT_RAM, 0);
	map_add(&m, 8 * TiB + 256 * GiB, 8 * TiB + 256 * GiB + 0xfff, LAYOUT_NVS, 0);
	map_add(&m, 64 * TiB, 64 * TiB + 512 * GiB - 1, LAYOUT_RAM, 1);
	render(&d, &m.lo, "high RAM", NULL, 0);
	ASSERT_EQ(0, d.ret);
	ASSERT_EQ(0, xml_check(d.s));
	n = fw_edges(&d, x, w, 16);
	ASSERT_EQ(6, n);
	for (i = 0; i < n; i++) {
		ASSERT_TRUE(x[i] >= 0 && x[i] + w[i] <= SVG_WIDTH);
		ASSERT_TRUE(w[i] >= SVG_MIN_PX - 0.05);
		if (i) {
			ASSERT_TRUE(x[i] >= x[i - 1]);
			ASSERT_TRUE(x[i] >= x[i - 1] + w[i - 1] - 0.01);
		}
	}
	/* 512 GiB is drawn wider than 256 GiB, and both wider than 1 GiB */
	ASSERT_TRUE(w[5] > w[3] && w[3] > w[2]);
	/* the gaps to three digits: 8 TiB - 1 GiB, 56 TiB - 256 GiB - 4 KiB */
	ASSERT_CONTAINS(d.s, ">8.00 TiB hole</text>");
	ASSERT_CONTAINS(d.s, ">55.7 TiB hole</text>");
	ASSERT_EQ(2, count_rects(d.s, d.s + d.len, "break", NULL));
	/* the empty 384 KiB at 640 KiB is not cut */
	ASSERT_NOT_CONTAINS(d.s, "KiB hole");
	/* ticks on both sides of each break, in hex and binary units */
	ASSERT_CONTAINS(d.s, ">0x0</text>");
	ASSERT_CONTAINS(d.s, ">0x80000000000 (8 TiB)</text>");
	ASSERT_CONTAINS(d.s, ">0x400000000000 (64 TiB)</text>");
	ASSERT_CONTAINS(d.s, ">0x408000000000 (64.5 TiB)</text>");
	doc_free(&d);
	return 0;
}

/* A gap of exactly 56 TiB reads "56 TiB hole"; 1023 MiB "1023 MiB hole" */
static int svg_break_labels_exact(void)
{
	struct map m;
	struct doc d;

	map_init(&m, NULL);
	map_add(&m, 0, 8 * TiB - 1, LAYOUT_RAM, 0);
	map_add(&m, 64 * TiB, 64 * TiB + GiB - 1, LAYOUT_RAM, 1);
	render(&d, &m.lo, "56", NULL, 0);
	ASSERT_CONTAINS(d.s, ">56 TiB hole</text>");
	doc_free(&d);

	map_init(&m, NULL);
	map_add(&m, 0, (1 << 20) - 1, LAYOUT_RAM, 0);
	map_add(&m, GiB, GiB + (1 << 20) - 1, LAYOUT_RAM, 0);
	render(&d, &m.lo, "1023", NULL, 0);
	ASSERT_CONTAINS(d.s, ">1023 MiB hole</text>");
	doc_free(&d);
	return 0;
}

/*
 * A span that ends inside a gap (a mem_map aligned past RAM) does not
 * split it: one break, the whole gap's size.
 */
static int svg_gap_one_break(void)
{
	struct account a;
	struct map m;
	struct doc d;

	map_init(&m, NULL);
	map_add(&m, 0, 56 * TiB - 1, LAYOUT_RAM, 0);
	map_add(&m, 64 * TiB, 64 * TiB + TiB - 1, LAYOUT_RAM, 0);
	acct_init(&a, PMM_MODEL_FLATMEM);
	a.map_end_pfn = (60 * TiB) >> 12;
	render(&d, &m.lo, "split", &a, 1);
	ASSERT_EQ(1, count_rects(d.s, d.s + d.len, "break", NULL));
	ASSERT_CONTAINS(d.s, ">8 TiB hole</text>");
	/* the mem_map ends inside the break */
	ASSERT_EQ(1, count_in_group(&d, "model-0", "memmap"));
	doc_free(&d);
	return 0;
}

/* A small gap next to much RAM is drawn in proportion, not cut */
static int svg_small_gap_kept(void)
{
	double x[4], w[4];
	struct map m;
	struct doc d;

	map_init(&m, NULL);
	map_add(&m, 0, 32 * GiB - 1, LAYOUT_RAM, 0);
	map_add(&m, 33 * GiB, 64 * GiB - 1, LAYOUT_RAM, 0);
	render(&d, &m.lo, "small gap", NULL, 0);
	ASSERT_EQ(0, count_rects(d.s, d.s + d.len, "break", NULL));
	ASSERT_NOT_CONTAINS(d.s, " hole</text>");
	ASSERT_EQ(2, fw_edges(&d, x, w, 4));
	/* 1 GiB of 64 drawn: about a 64th of the plot */
	ASSERT_TRUE(x[1] - (x[0] + w[0]) > 10 && x[1] - (x[0] + w[0]) < 25);
	doc_free(&d);
	return 0;
}

/* Section grid: a line at every inner section boundary when there is room */
static int svg_section_grid(void)
{
	static struct account_run run = { 0, 15 };
	struct account a;
	struct map m;
	struct doc d;
	const char *g, *end;

	map_init(&m, NULL);
	map_add(&m, 0, 2 * GiB - 1, LAYOUT_RAM, 0);
	acct_init(&a, PMM_MODEL_SPARSEMEM);
	a.sections = &run;
	a.nr_section_runs = 1;
	render(&d, &m.lo, "grid", &a, 1);
	g = group(d.s, "model-0", &end);
	ASSERT_TRUE(g != NULL);
	if (g) {
		const char *p = ASSERT_CONTAINS_BEFORE(g, "<path class=\"grid\"", end);

		/* 16 sections: 15 lines, one "M" each */
		ASSERT_EQ(15, p ? count_str(p, strchr(p, '>'), "M") : 0);
		ASSERT_CONTAINS_BEFORE(g, ">sparse: 128 MiB sections", end);
	}
	doc_free(&d);

	/* 1 TiB of 128 MiB sections: no room, no grid */
	map_init(&m, NULL);
	map_add(&m, 0, TiB - 1, LAYOUT_RAM, 0);
	run.last = 8191;
	render(&d, &m.lo, "no grid", &a, 1);
	ASSERT_NOT_CONTAINS(d.s, "class=\"grid\"");
	run.last = 15;
	doc_free(&d);
	return 0;
}

/* Strings from the input are escaped; a refused model shows its reason */
static int svg_escapes_and_reasons(void)
{
	struct account a[3];
	struct map m;
	struct doc d;
	const char *g, *end;

	two_nodes_map();
	m = two_nodes;
	m.lo.entries = m.e;
	m.lo.desc = "desc \"q\" 'a' <b> \x01 \xff end";
	two_nodes_accounts(a);
	acct_init(&a[1], PMM_MODEL_SPARSEMEM);
	a[1].params.extreme = 0;
	a[1].error = -ENOMEM;
	snprintf(a[1].reason, sizeof(a[1].reason), "mem_map of 1 TiB <beyond> & more");
	render(&d, &m.lo, "title <&> \xc3\xa9", a, 2);
	ASSERT_EQ(0, d.ret);
	ASSERT_EQ(0, xml_check(d.s));
	ASSERT_CONTAINS(d.s, "<title>title &lt;&amp;&gt; \xc3\xa9</title>");
	ASSERT_CONTAINS(d.s, ">title &lt;&amp;&gt; \xc3\xa9</text>");
	ASSERT_NOT_CONTAINS(d.s, "<&>");
	ASSERT_CONTAINS(d.s, ">desc &quot;q&quot; &apos;a&apos; &lt;b&gt; ? ? end</text>");
	g = group(d.s, "model-1", &end);
	ASSERT_TRUE(g != NULL);
	if (g) {
		ASSERT_CONTAINS_BEFORE(g, "refuses the map: -ENOMEM: mem_map of 1 TiB &lt;beyond&gt; &amp; more</text>", end);
		ASSERT_EQ(0, count_rects(g, end, "section", NULL));
		ASSERT_EQ(0, count_rects(g, end, "block", NULL));
	}
	/* the refused model's title still names it */
	ASSERT_CONTAINS_BEFORE(g, ">sparse", end);
	doc_free(&d);

	/* an errno without a name: its number */
	a[1].error = -1234;
	render(&d, &m.lo, "t", a, 2);
	ASSERT_CONTAINS(d.s, "refuses the map: -1234: ");
	doc_free(&d);
	return 0;
}

/* A long reason or title is cut to the width, on a character boundary */
static int svg_long_text_cut(void)
{
	char title[600];
	struct account a;
	struct map m;
	struct doc d;
	size_t i;

	for (i = 0; i + 2 < sizeof(title); i += 2)
		memcpy(title + i, "\xc3\xa9", 2);
	title[i] = 0;
	map_init(&m, NULL);
	map_add(&m, 0, GiB - 1, LAYOUT_RAM, 0);
	acct_init(&a, PMM_MODEL_FLATMEM);
	a.error = -EINVAL;
	memset(a.reason, '&', sizeof(a.reason) - 1);
	a.reason[sizeof(a.reason) - 1] = 0;
	render(&d, &m.lo, title, &a, 1);
	ASSERT_EQ(0, xml_check(d.s));
	/* 1168 px at 16 px * 0.62 per character: 117 characters, the last "..." */
	ASSERT_CONTAINS(d.s, "\xc3\xa9\xe2\x80\xa6</text>");
	ASSERT_CONTAINS(d.s, "&amp;\xe2\x80\xa6</text>");
	doc_free(&d);
	return 0;
}

/* Nodes from the first account with nodes, else from the map's ram entries */
static int svg_nodes_row(void)
{
	struct account a[3];
	struct doc d;

	two_nodes_map();
	render(&d, &two_nodes.lo, "no accounts", NULL, 0);
	ASSERT_EQ(2, count_in_group(&d, "nodes", "node"));
	ASSERT_CONTAINS(d.s, "node 0 0x0-0xbfffffff (3 GiB)");
	ASSERT_CONTAINS(d.s, "node 1 0x100000000-0x1ffffffff (4 GiB)");
	ASSERT_CONTAINS(d.s, ">node 1</text>");
	doc_free(&d);

	/* a refused first account is passed over */
	two_nodes_accounts(a);
	a[1] = a[0];
	acct_init(&a[0], PMM_MODEL_DISCONTIGMEM);
	a[0].error = -EINVAL;
	a[1].nr_nodes = 1;
	render(&d, &two_nodes.lo, "second", a, 2);
	ASSERT_EQ(1, count_in_group(&d, "nodes", "node"));
	doc_free(&d);
	return 0;
}

/* Interleaved node spans sit in two lanes, not on each other */
static int svg_node_lanes(void)
{
	static struct account_node nodes[2] = {
		{ .nid = 0, .start_pfn = 0, .end_pfn = (4 * GiB) >> 12 },
		{ .nid = 1, .start_pfn = (2 * GiB) >> 12, .end_pfn = (6 * GiB) >> 12 },
	};
	struct account a;
	const char *g, *end, *r;
	double y[2], h[2];
	int n = 0;
	struct map m;
	struct doc d;

	map_init(&m, NULL);
	map_add(&m, 0, 6 * GiB - 1, LAYOUT_RAM, 0);
	acct_init(&a, PMM_MODEL_SPARSEMEM_VMEMMAP);
	a.nodes = nodes;
	a.nr_nodes = 2;
	render(&d, &m.lo, "lanes", &a, 1);
	g = group(d.s, "nodes", &end);
	for (r = g; g && (r = next_rect(r, end)) && n < 2; r++) {
		y[n] = attr_num(r, "y");
		h[n++] = attr_num(r, "height");
	}
	ASSERT_EQ(2, n);
	if (n == 2)
		ASSERT_TRUE(y[0] + h[0] <= y[1] || y[1] + h[1] <= y[0]);
	doc_free(&d);
	return 0;
}

/* An entry ending at the last byte of the 64-bit space */
static int svg_top_of_space(void)
{
	double x[4], w[4];
	struct map m;
	struct doc d;

	map_init(&m, NULL);
	map_add(&m, 0, GiB - 1, LAYOUT_RAM, 0);
	map_add(&m, ~0ULL - GiB + 1, ~0ULL, LAYOUT_DEVICE, 0);
	render(&d, &m.lo, "top", NULL, 0);
	ASSERT_EQ(0, d.ret);
	ASSERT_EQ(0, xml_check(d.s));
	ASSERT_TRUE(rects_inside(&d));
	ASSERT_EQ(2, fw_edges(&d, x, w, 4));
	ASSERT_TRUE(x[1] + w[1] <= SVG_WIDTH && x[1] + w[1] > SVG_WIDTH - 20);
	ASSERT_TRUE(strstr(d.s, ">0x10000000000000000 (16 EiB)</text>") != NULL ||
		    strstr(d.s, ">16 EiB</text>") != NULL);
	doc_free(&d);
	return 0;
}

/* Nothing at all still makes a picture */
static int svg_empty(void)
{
	struct map m;
	struct doc d;

	map_init(&m, NULL);
	render(&d, &m.lo, "", NULL, 0);
	ASSERT_EQ(0, d.ret);
	ASSERT_EQ(0, xml_check(d.s));
	doc_free(&d);
	return 0;
}

static int svg_dev_full(void)
{
	struct account a[3];
	FILE *f = fopen("/dev/full", "w");

	ASSERT_TRUE(f != NULL);
	if (!f)
		return 0;
	two_nodes_map();
	two_nodes_accounts(a);
	ASSERT_EQ(-EIO, svg_write(f, &two_nodes.lo, "full", a, 3));
	fclose(f);
	return 0;
}

static int svg_deterministic(void)
{
	struct account a[3];
	struct doc d1, d2;

	two_nodes_map();
	two_nodes_accounts(a);
	render(&d1, &two_nodes.lo, "same", a, 3);
	render(&d2, &two_nodes.lo, "same", a, 3);
	ASSERT_EQ(d1.len, d2.len);
	ASSERT_TRUE(d1.len == d2.len && !memcmp(d1.s, d2.s, d1.len));
	/* numbers with one decimal at most, whatever the locale */
	ASSERT_NOT_CONTAINS(d1.s, ",5\"");
	doc_free(&d1);
	doc_free(&d2);
	return 0;
}

/* ---- every map in data/layouts, and random maps -------------------------- */

/* Sections and blocks of a map's RAM, as runs: enough to draw, not to check */
static unsigned int runs_of(const struct layout *lo, int bits,
			    struct account_run *r, unsigned int max)
{
	unsigned int i, n = 0;

	for (i = 0; i < lo->nr_entries; i++) {
		const struct layout_entry *e = &lo->entries[i];
		unsigned long first = e->start >> bits, last = e->end >> bits;

		if (e->type != LAYOUT_RAM)
			continue;
		if (n && r[n - 1].last + 1 >= first && r[n - 1].first <= first) {
			if (last > r[n - 1].last)
				r[n - 1].last = last;
			continue;
		}
		if (n < max)
			r[n++] = (struct account_run){ first, last };
	}
	return n;
}

/* Checks that hold for any map whose entries are sorted and disjoint */
static void check_any(const struct doc *d, const struct layout *lo,
		      const struct account *a, unsigned int nr_a, int sorted)
{
	double *x = calloc(lo->nr_entries + 1, sizeof(*x));
	double *w = calloc(lo->nr_entries + 1, sizeof(*w));
	unsigned int i, ram = 0, n;

	ASSERT_EQ(0, d->ret);
	ASSERT_EQ(0, xml_check(d->s));
	ASSERT_TRUE(rects_inside(d));
	n = fw_edges(d, x, w, lo->nr_entries + 1);
	ASSERT_EQ(lo->nr_entries, n);
	for (i = 0; i < lo->nr_entries; i++)
		ram += lo->entries[i].type == LAYOUT_RAM;
	ASSERT_EQ(ram, count_in_group(d, "firmware", "fw-ram"));
	for (i = 0; i < n; i++) {
		ASSERT_TRUE(w[i] > 0);
		if (sorted && i) {
			ASSERT_TRUE(x[i] >= x[i - 1]);
			ASSERT_TRUE(x[i] >= x[i - 1] + w[i - 1] - 0.01);
		}
		/* entries that touch are drawn touching */
		if (sorted && i && lo->entries[i].start == lo->entries[i - 1].end + 1)
			ASSERT_TRUE(fabs(x[i] - (x[i - 1] + w[i - 1])) < 0.01);
	}
	for (i = 0; i < nr_a; i++) {
		char id[24];

		snprintf(id, sizeof(id), "model-%u", i);
		if (a[i].error)
			continue;
		if (a[i].params.model == PMM_MODEL_SPARSEMEM ||
		    a[i].params.model == PMM_MODEL_SPARSEMEM_VMEMMAP) {
			ASSERT_EQ(a[i].nr_section_runs, count_in_group(d, id, "section"));
			ASSERT_EQ(a[i].nr_block_runs, count_in_group(d, id, "block"));
		}
		if (a[i].params.model == PMM_MODEL_DISCONTIGMEM)
			ASSERT_EQ(a[i].nr_nodes, count_in_group(d, id, "memmap"));
		if (a[i].params.model == PMM_MODEL_FLATMEM)
			ASSERT_EQ(1, count_in_group(d, id, "memmap"));
	}
	free(x);
	free(w);
}

/* Is the map's file order by address, without overlaps? */
static int sorted_disjoint(const struct layout *lo)
{
	unsigned int i;

	for (i = 1; i < lo->nr_entries; i++)
		if (lo->entries[i].start <= lo->entries[i - 1].end)
			return 0;
	return 1;
}

static const char *cur_file;

/* Write a document to opt_out/<base name of @file>.svg */
static void keep(const struct doc *d, const char *file)
{
	const char *base = strrchr(file, '/');
	char path[4096];
	FILE *f;

	base = base ? base + 1 : file;
	snprintf(path, sizeof(path), "%s/%.*s.svg", opt_out,
		 (int)strcspn(base, "."), base);
	f = fopen(path, "w");
	ASSERT_TRUE(f && fwrite(d->s, 1, d->len, f) == d->len);
	ASSERT_TRUE(f && !fclose(f));
}

static int svg_layout_file(void)
{
	static struct account_run secs[4096], blks[4096];
	struct layout_error err;
	struct account a[2];
	struct layout lo;
	struct doc d;
	unsigned long max_pfn = 0;
	unsigned int i;

	if (layout_read_file(&lo, cur_file, &err)) {
		layout_print_error(stderr, &err);
		ASSERT_TRUE(0);
		return 0;
	}
	for (i = 0; i < lo.nr_entries; i++)
		if (lo.entries[i].type == LAYOUT_RAM && (lo.entries[i].end >> 12) + 1 > max_pfn)
			max_pfn = (lo.entries[i].end >> 12) + 1;
	acct_init(&a[0], PMM_MODEL_SPARSEMEM_VMEMMAP);
	a[0].sections = secs;
	a[0].nr_section_runs = runs_of(&lo, 27, secs, 4096);
	a[0].blocks = blks;
	a[0].nr_block_runs = runs_of(&lo, 31, blks, 4096);
	a[0].params.memory_block_size_bits = 31;
	acct_init(&a[1], PMM_MODEL_FLATMEM);
	a[1].map_end_pfn = max_pfn;
	render(&d, &lo, cur_file, a, 2);
	check_any(&d, &lo, a, 2, sorted_disjoint(&lo));
	if (opt_out)
		keep(&d, cur_file);
	doc_free(&d);
	layout_free(&lo);
	return 0;
}

static void svg_all_layouts(void)
{
	glob_t g;
	size_t i;

	if (glob("data/layouts/*.txt", 0, NULL, &g)) {
		fprintf(stderr, "test_svg: no data/layouts/*.txt (run from the top)\n");
		test_failed++;
		return;
	}
	for (i = 0; i < g.gl_pathc; i++) {
		cur_file = g.gl_pathv[i];
		prefix_push(cur_file);
		run_case("layout", svg_layout_file);
		prefix_pop();
	}
	globfree(&g);
}

static struct test_rand rng;

static uint64_t rnd(void)
{
	return test_rand_next(&rng);
}

/* A size of 2^lo..2^hi bytes, page-aligned, log-uniform */
static unsigned long long rnd_size(int lo, int hi)
{
	int bits = lo + (int)(rnd() % (unsigned int)(hi - lo + 1));

	return ((1ULL << bits) + (rnd() & ((1ULL << bits) - 1))) & ~0xfffULL;
}

/*
 * A random map: up to 40 sorted, disjoint entries with gaps of 0 to 2^52
 * bytes, sometimes reaching the last byte of the 64-bit space; accounts
 * with nodes, sections, blocks, a mem_map and sometimes a refusal.
 */
static int svg_random_one(void)
{
	static struct account_run secs[64], blks[64];
	static struct account_node nodes[64];
	struct account a[4];
	unsigned long long at = rnd() % 4 ? 0 : rnd_size(12, 40);
	unsigned int n = 1 + rnd() % 40, i, nr_nodes = 0;
	struct map m;
	struct doc d;

	map_init(&m, NULL);
	for (i = 0; i < n; i++) {
		unsigned long long size = rnd_size(12, 36), gap;

		if (at > ~0ULL - size + 1 || (at && at + size - 1 < at))
			break;
		map_add(&m, at, at + size - 1, rnd() % 3 ? LAYOUT_RAM :
			(enum layout_type)(rnd() % LAYOUT_NR_TYPES), (int)(i / 4));
		if (at + size - 1 == ~0ULL)
			break;
		gap = rnd() % 3 ? 0 : rnd_size(12, 52);
		if (at + size + gap < at + size)
			break;
		at += size + gap;
		if (rnd() % 16 == 0 && i + 1 < n && ~0ULL - (1ULL << 31) >= at) {
			/* the last one up to the top */
			map_add(&m, ~0ULL - rnd_size(12, 30) + 1, ~0ULL, LAYOUT_RAM, 9);
			break;
		}
	}
	for (i = 0; i < m.lo.nr_entries; i++) {
		const struct layout_entry *e = &m.e[i];

		if (nr_nodes && nodes[nr_nodes - 1].nid == e->node) {
			nodes[nr_nodes - 1].end_pfn = (e->end >> 12) + 1;
			continue;
		}
		nodes[nr_nodes++] = (struct account_node){
			.nid = e->node, .start_pfn = e->start >> 12,
			.end_pfn = (e->end >> 12) + 1,
		};
	}
	acct_init(&a[0], PMM_MODEL_SPARSEMEM_VMEMMAP);
	a[0].params.section_size_bits = 20 + rnd() % 12;
	a[0].params.memory_block_size_bits = a[0].params.section_size_bits + rnd() % 4;
	a[0].sections = secs;
	a[0].nr_section_runs = runs_of(&m.lo, a[0].params.section_size_bits, secs, 64);
	a[0].blocks = blks;
	a[0].nr_block_runs = runs_of(&m.lo, a[0].params.memory_block_size_bits, blks, 64);
	a[0].nodes = nodes;
	a[0].nr_nodes = nr_nodes;
	/* no RAM would make the percentage NaN or infinite: written as "?" */
	a[0].overhead.percent_of_ram = rnd() % 8 ? 1.5 : rnd() % 2 ? NAN : INFINITY;
	acct_init(&a[1], PMM_MODEL_FLATMEM);
	a[1].map_start_pfn = rnd() % 2 ? 0 : m.e[0].start >> 12;
	a[1].map_end_pfn = nr_nodes ? nodes[nr_nodes - 1].end_pfn : 0;
	acct_init(&a[2], PMM_MODEL_DISCONTIGMEM);
	a[2].nodes = nodes;
	a[2].nr_nodes = nr_nodes;
	acct_init(&a[3], PMM_MODEL_SPARSEMEM);
	if (rnd() % 2) {
		a[3].error = -E2BIG;
		strcpy(a[3].reason, "too big & <wide>");
	} else {
		a[3] = a[0];
		a[3].params.model = PMM_MODEL_SPARSEMEM;
	}
	render(&d, &m.lo, "random", a, 4);
	check_any(&d, &m.lo, a, 4, 1);
	ASSERT_EQ(nr_nodes, count_in_group(&d, "nodes", "node"));
	doc_free(&d);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long i;

	test_parse_args(&args, argc, argv);

	RUN(svg_checker_catches);
	RUN(svg_well_formed);
	RUN(svg_ram_rects);
	RUN(svg_row_counts);
	RUN(svg_peer_rows);
	RUN(svg_flat_holes_placed);
	RUN(svg_axis_compressed);
	RUN(svg_break_labels_exact);
	RUN(svg_gap_one_break);
	RUN(svg_small_gap_kept);
	RUN(svg_section_grid);
	RUN(svg_escapes_and_reasons);
	RUN(svg_long_text_cut);
	RUN(svg_nodes_row);
	RUN(svg_node_lanes);
	RUN(svg_top_of_space);
	RUN(svg_empty);
	RUN(svg_dev_full);
	RUN(svg_deterministic);
	svg_all_layouts();
	test_rand_init(&rng, args.seed, 0);
	for (i = 0; i < args.n; i++)
		run_case("random", svg_random_one);
	return test_summary("test-svg");
}
