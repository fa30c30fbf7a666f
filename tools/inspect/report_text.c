// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * report_text.c - pmm-inspect's report for people (report.h)
 *
 * The map in one line, the preset, the nodes, then a table with a row per
 * model: what it allocates for this map, the holes its descriptors cover,
 * and whether the real build agreed.  A line per other kernel's model
 * follows: Xen's compression, frame table and node map; FreeBSD's
 * segments.  With one model, its present sections and memory blocks.
 */
#include <errno.h>
#include <string.h>

#include "layout.h"
#include "report.h"
#include "utf8.h"

const char *report_size(char *buf, size_t size, unsigned long long count, int shift)
{
	static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB",
					    "ZiB", "YiB" };
	/* 2^64 bytes of RAM do not fit in 64 bits: 2^52 pages of 4 KiB do */
	unsigned __int128 bytes = (unsigned __int128)count << shift;
	double v = (double)bytes;
	unsigned int u = 0;

	while (v >= 1024 && u < sizeof(unit) / sizeof(unit[0]) - 1) {
		v /= 1024;
		u++;
	}
	if (!u)
		snprintf(buf, size, "%llu B", (unsigned long long)bytes);
	else if (!(bytes & (((unsigned __int128)1 << (10 * u)) - 1)) && v < 1000)
		snprintf(buf, size, "%.0f %s", v, unit[u]);
	else
		snprintf(buf, size, "%.*f %s", v < 10 ? 2 : v < 100 ? 1 : 0, v, unit[u]);
	return buf;
}

const char *report_free_list(int free_list)
{
	switch (free_list) {
	case PMM_VM_FREELIST_DMA32:
		return "DMA32";
	case PMM_VM_FREELIST_LOWMEM:
		return "LOWMEM";
	}
	return "DEFAULT";
}

/* no hole (the identity, or offset compression): every bit kept */
unsigned long report_pdx_bottom_mask(const struct pmm_pdx *c)
{
	return c->hole_shift ? (1UL << c->bottom_shift) - 1 : ~0UL;
}

unsigned long report_pdx_hole_mask(const struct pmm_pdx *c)
{
	return c->hole_shift ? ((1UL << c->hole_shift) - 1) << c->bottom_shift : 0;
}

/* @pages of the preset's pages, in binary units */
static const char *text_pages(char *buf, size_t size, const struct report *rp,
			      unsigned long long pages)
{
	return report_size(buf, size, pages, rp->preset->models[0].params.page_shift);
}

/*
 * A file name for a terminal: each byte of a control character or of no
 * UTF-8 character as \xNN, and a backslash doubled, so that the name
 * shown is the file's, unambiguously, and moves no cursor.
 */
static void text_name(FILE *f, const char *name)
{
	const unsigned char *s = (const unsigned char *)name;
	int i;

	while (*s) {
		int n = utf8_len(s);

		if (!n || utf8_is_control(s, n)) {
			n = n ? n : 1;
			for (i = 0; i < n; i++)
				fprintf(f, "\\x%02x", s[i]);
		} else if (*s == '\\') {
			fputs("\\\\", f);
		} else {
			fwrite(s, 1, (size_t)n, f);
		}
		s += n;
	}
}

static void text_runs(FILE *f, const char *what, const struct account_run *runs,
		      unsigned int nr, unsigned long count)
{
	unsigned int i;

	fprintf(f, "  %s (%lu in %u run%s):", what, count, nr, nr == 1 ? "" : "s");
	for (i = 0; i < nr && i < 32; i++) {
		if (runs[i].first == runs[i].last)
			fprintf(f, " %lu", runs[i].first);
		else
			fprintf(f, " %lu-%lu", runs[i].first, runs[i].last);
	}
	fprintf(f, "%s\n", nr > 32 ? " ..." : "");
}

/*
 * The nodes to show: those of the first model that takes the map (a model
 * that refuses it has none), or NULL.
 */
static const struct account *text_nodes(const struct report *rp)
{
	unsigned int i;

	for (i = 0; i < rp->nr_res; i++)
		if (rp->res[i].acct.nr_nodes)
			return &rp->res[i].acct;
	return NULL;
}

static void text_header(FILE *f, const struct report *rp)
{
	const struct account *a = text_nodes(rp);
	const struct account_params *p = inspect_preset_params(rp->preset);
	unsigned int i;
	char b1[32], b2[32], b3[32];

	/* the map's RAM, which no model's refusal takes away */
	text_name(f, rp->file);
	fprintf(f, ": %s map, arch %s, %u entries; RAM %s in %u range%s (as memblock holds it)\n",
		layout_format_name(rp->lo->format), layout_arch_name(rp->lo->arch),
		rp->lo->nr_entries,
		text_pages(b1, sizeof(b1), rp, account_ram_pages(rp->ram, rp->nr_ram)),
		rp->nr_ram, rp->nr_ram == 1 ? "" : "s");
	fprintf(f, "preset %s (%s): %s pages, %s sections, %d-bit physical addresses, %d nodes max\n",
		rp->preset->name, rp->preset_why, report_size(b1, sizeof(b1), 1, p->page_shift),
		report_size(b2, sizeof(b2), 1, p->section_size_bits), p->max_physmem_bits,
		1 << p->nodes_shift);
	fprintf(f, "  %s\n", rp->preset->desc);
	for (i = 0; a && i < a->nr_nodes; i++) {
		const struct account_node *n = &a->nodes[i];

		fprintf(f, "node %d: [mem 0x%016llx-0x%016llx] spans %s, %s present\n", n->nid,
			(unsigned long long)n->start_pfn << p->page_shift,
			((unsigned long long)n->end_pfn << p->page_shift) - 1,
			text_pages(b2, sizeof(b2), rp, n->end_pfn - n->start_pfn),
			text_pages(b3, sizeof(b3), rp, n->present_pages));
	}
}

static const char *text_built(const struct inspect_result *r)
{
	if (inspect_disagrees(r))
		return r->built ? "built, DISAGREES" : "not built, DISAGREES";
	if (r->built)
		return "built, agrees";
	if (r->acct.error)
		return "refused";
	return "accounted only";
}

static void text_model(FILE *f, const struct inspect_result *r)
{
	const struct account *a = &r->acct;
	const struct account_overhead *o = &a->overhead;
	char b[6][32];

	if (r->model->refused) {
		fprintf(f, "%-14s %s\n", r->model->name, r->model->refusal);
		return;
	}
	if (a->error) {
		fprintf(f, "%-14s refuses this map: %s%s\n", r->model->name, a->reason,
			inspect_disagrees(r) ? " (pmm_init DISAGREES)" : "");
		return;
	}
	fprintf(f, "%-14s %10s %10s %10s %10s %10s %7.3f%% %10s %9lu %8lu  %s\n",
		r->model->name,
		report_size(b[0], sizeof(b[0]), o->memmap_bytes, 0),
		report_size(b[1], sizeof(b[1]), o->section_table_bytes, 0),
		report_size(b[2], sizeof(b[2]), o->usemap_bytes, 0),
		report_size(b[3], sizeof(b[3]), o->other_bytes, 0),
		report_size(b[4], sizeof(b[4]), o->total_bytes, 0),
		o->percent_of_ram,
		report_size(b[5], sizeof(b[5]), a->hole_descriptors, a->params.page_shift),
		a->nr_sections, a->nr_blocks, text_built(r));
}

/* Xen's compression, in Xen's names: the bits removed, or the regions. */
static void text_pdx(FILE *f, const struct account *a)
{
	const struct pmm_pdx *c = &a->xen.pdx;
	char b[32];

	if (!c->compressed) {
		fprintf(f, "none: no compression");
	} else if (a->params.model == PMM_MODEL_XEN_PDX_MASK) {
		fprintf(f, "mask: PFN bit%s %u", c->hole_shift > 1 ? "s" : "", c->bottom_shift);
		if (c->hole_shift > 1)
			fprintf(f, "-%u", c->bottom_shift + c->hole_shift - 1);
		fprintf(f, " removed (pfn_pdx_hole_shift %u, pfn_pdx_bottom_mask 0x%lx, pfn_hole_mask 0x%lx)",
			c->hole_shift, report_pdx_bottom_mask(c), report_pdx_hole_mask(c));
	} else {
		fprintf(f, "offset: %u regions of %s (pdx_region_size 0x%lx, pdx_index_shift %u), slot by PFN bits from %u (pfn_index_shift), lookup tables of 2^%d",
			c->nr_regions, report_size(b, sizeof(b), c->region_size, a->params.page_shift),
			c->region_size, c->pdx_index_shift, c->pfn_index_shift,
			a->params.peer->params->pdx_offset_tbl_order);
	}
}

static void text_xen(FILE *f, const struct account *a)
{
	const struct account_xen *x = &a->xen;
	char b[3][32];

	fprintf(f, "compression ");
	text_pdx(f, a);
	fprintf(f, "\n    frame table: %lu of %lu PDX groups backed (%lu descriptors, %s each; max_pdx 0x%lx); pdx_group_valid %s; memnodemap %lu entr%s of 2^%u PDXs (%s)",
		x->backed_groups, x->nr_groups, x->group_pages,
		report_size(b[0], sizeof(b[0]), x->group_pages * a->params.struct_page_size, 0),
		x->pdx.max_pdx, report_size(b[1], sizeof(b[1]), x->group_valid_bytes, 0),
		x->pdx.memnodemap_size, x->pdx.memnodemap_size == 1 ? "y" : "ies",
		x->pdx.memnode_shift, report_size(b[2], sizeof(b[2]), x->memnodemap_bytes, 0));
	if (x->static_bytes)
		fprintf(f, "; lookup tables %s", report_size(b[0], sizeof(b[0]), x->static_bytes, 0));
	fputc('\n', f);
}

static void text_freebsd(FILE *f, const struct account *a)
{
	const struct account_freebsd *fb = &a->freebsd;
	unsigned int i;
	char b[32];

	fprintf(f, "%u segment%s of VM_PHYSSEG_MAX %u (%u as cut at the free lists' boundaries)",
		fb->nr_segs, fb->nr_segs == 1 ? "" : "s", fb->physseg_max, fb->nr_cut);
	if (a->params.model == PMM_MODEL_FREEBSD_DENSE)
		fprintf(f, "; vm_page_array from first_page 0x%lx, holes included",
			fb->first_page);
	fprintf(f, "; vm_phys_segs[] %s\n    segments", report_size(b, sizeof(b), fb->static_bytes, 0));
	for (i = 0; i < fb->nr_segs && i < 8; i++)
		fprintf(f, "%s[0x%lx-0x%lx) node %d %s", i ? ", " : ": ", fb->segs[i].start_pfn,
			fb->segs[i].end_pfn, fb->segs[i].domain,
			report_free_list(fb->segs[i].free_list));
	fprintf(f, "%s\n", fb->nr_segs > 8 ? ", ..." : "");
}

/*
 * Lines for each other kernel's model that takes the map: what it set
 * up, the holes its descriptors cover and the RAM it leaves without one.
 */
static void text_peer(FILE *f, const struct inspect_result *r)
{
	const struct account *a = &r->acct;
	char b[2][32];

	if (a->error || (!account_is_xen(&a->params) && !account_is_freebsd(&a->params)))
		return;
	fprintf(f, "  %s: ", r->model->name);
	if (account_is_xen(&a->params))
		text_xen(f, a);
	else
		text_freebsd(f, a);
	fprintf(f, "    descriptors of holes: %llu pages (%s); RAM without a valid descriptor: ",
		a->hole_descriptors,
		report_size(b[0], sizeof(b[0]), a->hole_descriptors, a->params.page_shift));
	if (a->undescribed_ram)
		fprintf(f, "%llu pages (%s)\n", a->undescribed_ram,
			report_size(b[1], sizeof(b[1]), a->undescribed_ram, a->params.page_shift));
	else
		fprintf(f, "none\n");
}

static void text_pfns(FILE *f, const struct inspect_result *r)
{
	unsigned int i;

	for (i = 0; i < r->nr_pfns; i++) {
		const struct inspect_pfn *q = &r->pfns[i];

		fprintf(f, "  %-12s pfn 0x%lx: pfn_valid %d", r->model->name, q->pfn, q->valid);
		if (q->nid >= 0)
			fprintf(f, ", node %d", q->nid);
		if (q->section >= 0)
			fprintf(f, ", section %ld, memory block %ld", q->section, q->block);
		fprintf(f, " (%s)\n", q->from_instance ? "built instance" : "account");
	}
}

int report_text(FILE *f, const struct report *rp)
{
	unsigned int i;

	text_header(f, rp);
	fprintf(f, "\n%-14s %10s %10s %10s %10s %10s %8s %10s %9s %8s  %s\n", "model", "memmap",
		"sect.table", "usemaps", "other", "total", "of RAM", "holes", "sections",
		"blocks", "check");
	for (i = 0; i < rp->nr_res; i++)
		text_model(f, &rp->res[i]);
	for (i = 0; i < rp->nr_res; i++)
		text_peer(f, &rp->res[i]);
	for (i = 0; i < rp->nr_res; i++)
		if (rp->res[i].note[0])
			fprintf(f, "  %s: %s\n", rp->res[i].model->name, rp->res[i].note);
	if (rp->nr_res == 1 && !rp->res[0].acct.error && rp->res[0].acct.nr_sections) {
		const struct account *a = &rp->res[0].acct;

		text_runs(f, "present sections", a->sections, a->nr_section_runs, a->nr_sections);
		text_runs(f, "memory blocks", a->blocks, a->nr_block_runs, a->nr_blocks);
	}
	for (i = 0; i < rp->nr_res; i++)
		text_pfns(f, &rp->res[i]);
	return fflush(f) || ferror(f) ? -EIO : 0;
}
