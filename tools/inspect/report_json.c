// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * report_json.c - pmm-inspect --json (report.h)
 *
 * Field names are an interface: tools read them.  Runs are [first, last]
 * inclusive.  PFNs, ids and byte counts are JSON integers; for every
 * preset they stay below 2^53 (a 56-bit FLATMEM mem_map is 2^50 bytes),
 * so a reader that holds numbers as doubles loses nothing.
 */
#include <errno.h>
#include <string.h>

#include "layout.h"
#include "report.h"
#include "utf8.h"

/*
 * @str as a JSON string of well-formed UTF-8 whatever its bytes (a file
 * name is bytes): '"' and '\\' escaped, control characters (C0, DEL, C1)
 * as \u00XX, and each byte that does not begin a well-formed UTF-8
 * character as \ufffd, U+FFFD, the replacement character; so a lone byte
 * 0xff reads as Python's bytes.decode(errors="replace") has it.
 */
static void json_string(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	fputc('"', f);
	while (s && *s) {
		int n = utf8_len(s);

		if (!n) {
			fputs("\\ufffd", f);
			n = 1;
		} else if (utf8_is_control(s, n)) {
			/* one byte, or C1's two: 0xc2 then the code point */
			fprintf(f, "\\u%04x", n == 1 ? s[0] : s[1]);
		} else if (*s == '"' || *s == '\\') {
			fprintf(f, "\\%c", *s);
		} else {
			fwrite(s, 1, (size_t)n, f);
		}
		s += n;
	}
	fputc('"', f);
}

static void json_runs(FILE *f, const struct account_run *runs, unsigned int nr)
{
	unsigned int i;

	fputc('[', f);
	for (i = 0; i < nr; i++)
		fprintf(f, "%s[%lu, %lu]", i ? ", " : "", runs[i].first, runs[i].last);
	fputc(']', f);
}

static const char *json_errno(int err)
{
	switch (err) {
	case -EINVAL:
		return "EINVAL";
	case -ERANGE:
		return "ERANGE";
	case -ENOMEM:
		return "ENOMEM";
	}
	return "EIO";
}

/* A number, or null where it does not apply. */
static void json_number_or_null(FILE *f, const char *key, int applies, unsigned long long v)
{
	if (applies)
		fprintf(f, "\"%s\": %llu", key, v);
	else
		fprintf(f, "\"%s\": null", key);
}

/* Xen's models: the compression, the frame table's groups, memnodemap. */
static void json_xen(FILE *f, const struct account *a)
{
	const struct account_xen *x = &a->xen;
	const struct pmm_pdx *c = &x->pdx;
	int hole = c->hole_shift != 0;

	fprintf(f, "{\"compressed\": %s, \"hole_shift\": %u, \"bottom_shift\": %u, ",
		c->compressed ? "true" : "false", c->hole_shift, c->bottom_shift);
	json_number_or_null(f, "pfn_pdx_bottom_mask", hole, report_pdx_bottom_mask(c));
	fprintf(f, ", ");
	json_number_or_null(f, "pfn_hole_mask", hole, report_pdx_hole_mask(c));
	fprintf(f, ", \"pfn_index_shift\": %u, \"pdx_index_shift\": %u, \"region_size\": %lu, "
		"\"nr_regions\": %u, \"table_order\": %d,\n    \"max_pdx\": %lu, \"group_pages\": %lu, "
		"\"pdx_groups\": %lu, \"backed_groups\": %lu, \"memnode_shift\": %u, "
		"\"memnodemap_size\": %lu,\n    \"pdx_group_valid_bytes\": %llu, "
		"\"memnodemap_bytes\": %llu, \"static_bytes\": %llu, \"valid_pfns\": ",
		c->pfn_index_shift, c->pdx_index_shift, c->region_size, c->nr_regions,
		a->params.peer->params->pdx_offset_tbl_order, c->max_pdx, x->group_pages,
		x->nr_groups, x->backed_groups, c->memnode_shift, c->memnodemap_size,
		x->group_valid_bytes, x->memnodemap_bytes, x->static_bytes);
	json_runs(f, a->frames, a->nr_frame_runs);
	fputc('}', f);
}

/* FreeBSD's models: the segments (also of a map refused for their number). */
static void json_freebsd(FILE *f, const struct account *a)
{
	const struct account_freebsd *fb = &a->freebsd;
	unsigned int i, n = a->error ? 0 : fb->nr_segs;

	fprintf(f, "{\"vm_physseg_max\": %u, \"cut_segments\": %u, \"segments\": [",
		fb->physseg_max, fb->nr_cut);
	for (i = 0; i < n; i++)
		fprintf(f, "%s\n    {\"start_pfn\": %lu, \"end_pfn\": %lu, \"domain\": %d, \"free_list\": \"%s\"}",
			i ? "," : "", fb->segs[i].start_pfn, fb->segs[i].end_pfn,
			fb->segs[i].domain, report_free_list(fb->segs[i].free_list));
	fprintf(f, "%s], ", n ? "\n    " : "");
	json_number_or_null(f, "first_page", a->params.model == PMM_MODEL_FREEBSD_DENSE && !a->error,
			    fb->first_page);
	fprintf(f, ", \"static_bytes\": %llu, \"valid_pfns\": ", fb->static_bytes);
	json_runs(f, a->frames, a->nr_frame_runs);
	fputc('}', f);
}

/* "xen" and "freebsd": each model's own, null for the others'. */
static void json_peers(FILE *f, const struct account *a)
{
	fprintf(f, ",\n  \"xen\": ");
	if (account_is_xen(&a->params) && !a->error)
		json_xen(f, a);
	else
		fprintf(f, "null");
	fprintf(f, ",\n  \"freebsd\": ");
	if (account_is_freebsd(&a->params) && (!a->error || a->freebsd.nr_cut))
		json_freebsd(f, a);
	else
		fprintf(f, "null");
}

static void json_model(FILE *f, const struct report *rp, const struct inspect_result *r)
{
	const struct account *a = &r->acct;
	const struct account_params *p = &a->params;
	const struct account_overhead *o = &a->overhead;
	unsigned int i;

	fprintf(f, "{\n  \"file\": ");
	json_string(f, rp->file);
	fprintf(f, ",\n  \"format\": ");
	json_string(f, layout_format_name(rp->lo->format));
	fprintf(f, ",\n  \"arch\": ");
	json_string(f, layout_arch_name(rp->lo->arch));
	fprintf(f, ",\n  \"preset\": ");
	json_string(f, rp->preset->name);
	fprintf(f, ",\n  \"model\": ");
	json_string(f, r->model->name);
	fprintf(f, ",\n  \"params\": {\"page_shift\": %d, \"section_size_bits\": %d, "
		"\"max_physmem_bits\": %d, \"extreme\": %s, \"pfn_offset\": %lu, "
		"\"struct_page_size\": %d, \"max_page_order\": %d, \"nodes_shift\": %d, "
		"\"memory_block_size_bits\": %d}",
		p->page_shift, p->section_size_bits, p->max_physmem_bits,
		p->extreme ? "true" : "false", p->pfn_offset, p->struct_page_size,
		p->max_page_order, p->nodes_shift, p->memory_block_size_bits);
	fprintf(f, ",\n  \"error\": ");
	if (a->error) {
		fprintf(f, "{\"errno\": \"%s\", \"reason\": ", json_errno(a->error));
		json_string(f, a->reason);
		fputc('}', f);
	} else {
		fprintf(f, "null");
	}
	fprintf(f, ",\n  \"ram_pages\": %llu", a->ram_pages);
	fprintf(f, ",\n  \"nodes\": [");
	for (i = 0; i < a->nr_nodes; i++)
		fprintf(f, "%s\n    {\"nid\": %d, \"start_pfn\": %lu, \"end_pfn\": %lu, \"present_pages\": %lu}",
			i ? "," : "", a->nodes[i].nid, a->nodes[i].start_pfn,
			a->nodes[i].end_pfn, a->nodes[i].present_pages);
	fprintf(f, "%s]", a->nr_nodes ? "\n  " : "");
	fprintf(f, ",\n  \"memmap_pages\": %llu", a->memmap_pages);
	fprintf(f, ",\n  \"sections\": {\"count\": %lu, \"present\": ", a->nr_sections);
	json_runs(f, a->sections, a->nr_section_runs);
	fprintf(f, "}");
	fprintf(f, ",\n  \"memory_blocks\": ");
	json_runs(f, a->blocks, a->nr_block_runs);
	fprintf(f, ",\n  \"memory_block_count\": %lu", a->nr_blocks);
	fprintf(f, ",\n  \"hole_descriptors\": %llu, \"undescribed_ram_pages\": %llu",
		a->hole_descriptors, a->undescribed_ram);
	json_peers(f, a);
	fprintf(f, ",\n  \"overhead\": {\"memmap_bytes\": %llu, \"section_table_bytes\": %llu, "
		"\"usemap_bytes\": %llu, \"other_bytes\": %llu, \"total_bytes\": %llu, "
		"\"percent_of_ram\": %.4f}",
		o->memmap_bytes, o->section_table_bytes, o->usemap_bytes,
		o->other_bytes, o->total_bytes, o->percent_of_ram);
	fprintf(f, ",\n  \"built\": %s, \"agrees\": ", r->built ? "true" : "false");
	/* whether pmm_init did as the account says, refusing or building */
	fprintf(f, "%s", r->checked ? (r->agrees ? "true" : "false") : "null");
	fprintf(f, ", \"note\": ");
	if (r->note[0])
		json_string(f, r->note);
	else
		fprintf(f, "null");
	fprintf(f, ",\n  \"pfns\": [");
	for (i = 0; i < r->nr_pfns; i++) {
		const struct inspect_pfn *q = &r->pfns[i];

		fprintf(f, "%s\n    {\"pfn\": %lu, \"valid\": %s, \"nid\": %d, \"section\": %ld, "
			"\"memory_block\": %ld, \"from\": \"%s\"}",
			i ? "," : "", q->pfn, q->valid ? "true" : "false", q->nid,
			q->section, q->block, q->from_instance ? "instance" : "account");
	}
	fprintf(f, "%s]\n}", r->nr_pfns ? "\n  " : "");
}

int report_json(FILE *f, const struct report *rp, int *first)
{
	unsigned int i;

	for (i = 0; i < rp->nr_res; i++) {
		if (!*first)
			fputs(",\n", f);
		*first = 0;
		json_model(f, rp, &rp->res[i]);
	}
	return fflush(f) || ferror(f) ? -EIO : 0;
}
