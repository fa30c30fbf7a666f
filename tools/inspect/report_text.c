// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * report_text.c - pmm-inspect's report for people (report.h)
 *
 * The map in one line, the preset, the nodes, then a table with a row per
 * model: what it allocates for this map and whether the real build agreed.
 * With one model, its present sections and memory blocks follow.
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
	char b[5][32];

	if (r->model->refused) {
		fprintf(f, "%-14s %s\n", r->model->name, r->model->refusal);
		return;
	}
	if (a->error) {
		fprintf(f, "%-14s refuses this map: %s%s\n", r->model->name, a->reason,
			inspect_disagrees(r) ? " (pmm_init DISAGREES)" : "");
		return;
	}
	fprintf(f, "%-14s %10s %10s %10s %10s %10s %7.3f%% %9lu %8lu  %s\n",
		r->model->name,
		report_size(b[0], sizeof(b[0]), o->memmap_bytes, 0),
		report_size(b[1], sizeof(b[1]), o->section_table_bytes, 0),
		report_size(b[2], sizeof(b[2]), o->usemap_bytes, 0),
		report_size(b[3], sizeof(b[3]), o->other_bytes, 0),
		report_size(b[4], sizeof(b[4]), o->total_bytes, 0),
		o->percent_of_ram, a->nr_sections, a->nr_blocks, text_built(r));
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
	fprintf(f, "\n%-14s %10s %10s %10s %10s %10s %8s %9s %8s  %s\n", "model", "memmap",
		"sect.table", "usemaps", "other", "total", "of RAM", "sections", "blocks",
		"check");
	for (i = 0; i < rp->nr_res; i++)
		text_model(f, &rp->res[i]);
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
