// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * inspect.c - one memory map through the models of one preset (inspect.h)
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inspect.h"

const struct inspect_preset *inspect_find_preset(const char *name)
{
	unsigned int i;

	for (i = 0; i < inspect_nr_presets; i++)
		if (!strcmp(inspect_presets[i].name, name))
			return &inspect_presets[i];
	return NULL;
}

const struct inspect_model *inspect_find_model(const struct inspect_preset *p,
					       const char *name)
{
	unsigned int i;

	for (i = 0; i < p->nr_models; i++)
		if (!strcmp(p->models[i].name, name))
			return &p->models[i];
	return NULL;
}

const struct account_params *inspect_preset_params(const struct inspect_preset *p)
{
	unsigned int i;

	for (i = 0; i < p->nr_models; i++)
		if (p->models[i].params.section_size_bits)
			return &p->models[i].params;
	return &p->models[0].params;
}

/* A layout's '# arch:' (or the kernel's uname -m) to its preset. */
const char *inspect_preset_for_arch(const char *arch)
{
	static const char *const map[][2] = {
		{ "x86_64", "x86_64" },
		{ "x86_32", "x86_32_pae" },
		{ "i686", "x86_32_pae" },
		{ "i386", "x86_32_pae" },
		{ "arm64", "arm64" },
		{ "aarch64", "arm64" },
		{ "riscv64", "riscv64" },
		{ "ppc64", "ppc64" },
		{ "ppc64le", "ppc64" },
		{ "s390x", "s390" },
		{ "loongarch64", "loongarch64" },
		/* uname -m of 32-bit boards */
		{ "mips", "mips32" },
		{ "ppc", "ppc32" },
		{ "riscv32", "riscv32" },
		{ "armv7l", "arm" },
		{ "mips64", "mips64" },
	};
	unsigned int i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(map[i][0], arch))
			return map[i][1];
	return NULL;
}

static __attribute__((format(printf, 2, 3)))
void inspect_note(struct inspect_result *r, const char *fmt, ...)
{
	size_t len = strlen(r->note);
	va_list ap;

	if (len >= sizeof(r->note) - 1)
		return;
	if (len)
		r->note[len++] = ';', r->note[len++] = ' ', r->note[len] = '\0';
	va_start(ap, fmt);
	vsnprintf(r->note + len, sizeof(r->note) - len, fmt, ap);
	va_end(ap);
}

/* A figure of the account against the instance's, as @from reports it */
#define INSPECT_SAME_AS(r, from, what, mine, theirs)				\
	do {									\
		if ((unsigned long long)(mine) != (unsigned long long)(theirs)) { \
			inspect_note((r), "%s: accounted %llu, %s %llu",	\
				     (what), (unsigned long long)(mine), (from),	\
				     (unsigned long long)(theirs));		\
			(r)->agrees = 0;					\
		}								\
	} while (0)

#define INSPECT_SAME(r, what, mine, theirs)					\
	INSPECT_SAME_AS(r, "pmm_stats", what, mine, theirs)

/* Every figure of pmm_stats against the account. */
static void inspect_compare_stats(struct inspect_result *r)
{
	const struct account *a = &r->acct;
	const struct account_overhead *o = &a->overhead;
	const struct pmm_stats *st = &r->stats;
	int sparse = account_is_sparse(&a->params);

	INSPECT_SAME(r, "ram_pages", a->ram_pages, st->ram_pages);
	INSPECT_SAME(r, "nodes", a->nr_nodes, st->nr_nodes);
	INSPECT_SAME(r, "memmap_pages", a->memmap_pages, st->memmap_pages);
	INSPECT_SAME(r, "present sections", sparse ? a->nr_sections : 0,
		     st->nr_present_sections);
	INSPECT_SAME(r, "memmap_bytes", o->memmap_bytes, st->memmap_bytes);
	INSPECT_SAME(r, "section_table_bytes", o->section_table_bytes,
		     st->section_table_bytes);
	INSPECT_SAME(r, "usemap_bytes", o->usemap_bytes, st->usemap_bytes);
	INSPECT_SAME(r, "total_bytes", o->total_bytes,
		     st->memmap_bytes + st->metadata_bytes + st->static_bytes);
}

/* Xen's: what pmm_init set up (pmm_pdx_info) against the account's. */
static void inspect_compare_pdx(struct inspect_result *r)
{
	const struct pmm_pdx *want = &r->acct.xen.pdx;
	struct pmm_pdx got;

	r->model->ops->pdx_info(&got);
#define INSPECT_SAME_PDX(field)	\
	INSPECT_SAME_AS(r, "pmm_pdx_info", #field, want->field, got.field)
	INSPECT_SAME_PDX(compressed);
	INSPECT_SAME_PDX(hole_shift);
	INSPECT_SAME_PDX(bottom_shift);
	INSPECT_SAME_PDX(pfn_index_shift);
	INSPECT_SAME_PDX(pdx_index_shift);
	INSPECT_SAME_PDX(region_size);
	INSPECT_SAME_PDX(nr_regions);
	INSPECT_SAME_PDX(max_pdx);
	INSPECT_SAME_PDX(memnode_shift);
	INSPECT_SAME_PDX(memnodemap_size);
#undef INSPECT_SAME_PDX
}

/* FreeBSD's: the segments pmm_init made (vm_phys_segs) against the account's. */
static void inspect_compare_segs(struct inspect_result *r)
{
	const struct account_freebsd *want = &r->acct.freebsd;
	/* pmm.h holds VM_PHYSSEG_MAX to BITS_PER_LONG */
	struct pmm_phys_seg got[PMM_BITS_PER_LONG];
	unsigned int i, n;

	n = r->model->ops->vm_phys_segs(got, PMM_BITS_PER_LONG);
	INSPECT_SAME_AS(r, "pmm_vm_phys_segs", "segments", want->nr_segs, n);
	for (i = 0; i < n && i < want->nr_segs && i < PMM_BITS_PER_LONG; i++) {
		const struct pmm_phys_seg *s = &want->segs[i];

		if (s->start_pfn == got[i].start_pfn && s->end_pfn == got[i].end_pfn &&
		    s->domain == got[i].domain && s->free_list == got[i].free_list)
			continue;
		inspect_note(r, "segment %u: accounted [0x%lx, 0x%lx) domain %d list %d, pmm [0x%lx, 0x%lx) domain %d list %d",
			     i, s->start_pfn, s->end_pfn, s->domain, s->free_list,
			     got[i].start_pfn, got[i].end_pfn, got[i].domain, got[i].free_list);
		r->agrees = 0;
		return;
	}
}

/*
 * A peer's runs of valid PFNs against pmm_pfn_valid at each end of each
 * run and just outside it: the account's holes and left-out RAM follow
 * from them.
 */
static void inspect_compare_frames(struct inspect_result *r)
{
	const struct inspect_ops *ops = r->model->ops;
	const struct account *a = &r->acct;
	unsigned int i;

	for (i = 0; i < a->nr_frame_runs; i++) {
		const struct account_run *run = &a->frames[i];
		int inside = ops->pfn_valid(run->first) && ops->pfn_valid(run->last);
		int outside = (run->first && ops->pfn_valid(run->first - 1)) ||
			      (run->last != ~0UL && ops->pfn_valid(run->last + 1));

		if (inside && !outside)
			continue;
		inspect_note(r, "valid PFNs 0x%lx-0x%lx: pmm_pfn_valid %s", run->first, run->last,
			     inside ? "goes on past them" : "refuses an end");
		r->agrees = 0;
		return;
	}
}

/* The instance's memory blocks, walked as sysfs lists them, against the runs. */
static void inspect_compare_blocks(struct inspect_result *r)
{
	const struct inspect_ops *ops = r->model->ops;
	const struct account *a = &r->acct;
	struct pmm_memory_block mb;
	unsigned long id = 0, seen = 0;
	unsigned int run = 0;

	for (; !ops->find_memory_block(id, &mb); id = mb.id + 1) {
		while (run < a->nr_block_runs && a->blocks[run].last < mb.id)
			run++;
		if (run == a->nr_block_runs || mb.id < a->blocks[run].first) {
			inspect_note(r, "memory block %lu: in pmm, not accounted", mb.id);
			r->agrees = 0;
			return;
		}
		seen++;
	}
	INSPECT_SAME(r, "memory blocks", a->nr_blocks, seen);
}

/*
 * Each of the kernel's blocks: the nodes the built instance links it to.
 * Where the kernel's blocks are larger than the instance's (2 GiB against
 * a section), the nodes of the instance's blocks inside it, together.
 */
static void inspect_compare_live_nodes(struct inspect_result *r,
				       const struct inspect_request *req)
{
	const struct inspect_ops *ops = r->model->ops;
	int bits = req->has_block_size ? req->block_size_bits : ops->params->memory_block_size_bits;
	unsigned long i, per = 1UL << (bits - ops->params->memory_block_size_bits);

	for (i = 0; i < req->nr_live; i++) {
		const struct live_block *b = &req->live[i];
		unsigned long nodes[PMM_NODESET_LONGS] = { 0 }, id;
		unsigned int k;
		int far = 0, listed = 0;

		for (id = b->id * per; id < (b->id + 1) * per; id++) {
			unsigned long some[PMM_NODESET_LONGS];

			if (ops->memory_block_nodes(id, some))
				continue;
			listed = 1;
			for (k = 0; k < PMM_NODESET_LONGS; k++)
				nodes[k] |= some[k];
		}
		if (b->far_node || !listed)
			continue;
		for (k = 1; k < PMM_NODESET_LONGS; k++)
			far |= nodes[k] != 0;
		r->live_nodes_checked++;
		if (!far && nodes[0] == b->nodes)
			continue;
		if (!r->live_nodes_differ++)
			snprintf(r->live_nodes_first, sizeof(r->live_nodes_first),
				 "block %lu: kernel nodes %#lx, pmm %#lx%s", b->id, b->nodes,
				 nodes[0], far ? " and nodes of 64 or more" : "");
	}
}

/* note a zone mismatch: the first is told */
static __attribute__((format(printf, 2, 3)))
void inspect_zones_differ(struct inspect_result *r, const char *fmt, ...)
{
	va_list ap;

	if (r->live_zones_differ++)
		return;
	va_start(ap, fmt);
	vsnprintf(r->live_zones_first, sizeof(r->live_zones_first), fmt, ap);
	va_end(ap);
}

/*
 * The kernel's history, which its map cannot tell: each block sysfs shows
 * offline goes offline, and each online in Movable (hot-added, onlined
 * online_movable) goes there, in the built instance; then every block's
 * valid_zones (at the instance's own block size) and every zone of every
 * node but Device (memremap is not in the map) is compared with sysfs and
 * zoneinfo.
 */
static void inspect_compare_live_zones(struct inspect_result *r,
				       const struct inspect_request *req)
{
	const struct inspect_ops *ops = r->model->ops;
	int bits = req->has_block_size ? req->block_size_bits : ops->params->memory_block_size_bits;
	unsigned long block_pages = 1UL << (bits - ops->params->page_shift), i, start, spanned;
	struct pmm_memory_block mb;
	char zones[32];
	int z;

	for (i = 0; i < req->nr_live; i++) {
		const struct live_block *b = &req->live[i];

		if (b->online && !strcmp(b->zones, "Movable") &&
		    (ops->offline_pages(b->id * block_pages, block_pages) ||
		     ops->online_pages(b->id * block_pages, block_pages, PMM_MMOP_ONLINE_MOVABLE)))
			inspect_zones_differ(r, "block %lu: online in Movable, pmm cannot move it there",
					     b->id);
	}
	for (i = 0; i < req->nr_live; i++) {
		const struct live_block *b = &req->live[i];

		if (!b->online && ops->offline_pages(b->id * block_pages, block_pages))
			inspect_zones_differ(r, "block %lu: offline, pmm cannot offline it", b->id);
	}
	for (i = 0; bits == ops->params->memory_block_size_bits && i < req->nr_live; i++) {
		const struct live_block *b = &req->live[i];

		if (ops->find_memory_block(b->id, &mb) || mb.id != b->id)
			continue;
		r->live_zones_checked++;
		if (ops->valid_zones(&mb, zones, sizeof(zones)) < 0 || strcmp(zones, b->zones))
			inspect_zones_differ(r, "block %lu: valid_zones \"%s\", pmm \"%s\"",
					     b->id, b->zones, zones);
	}
	for (i = 0; i < req->nr_live_zones; i++) {
		const struct live_zone *k = &req->live_zones[i];

		for (z = 0; z < ops->nr_zones() && strcmp(ops->zone_name(z), k->name); z++)
			;
		if (z == ops->nr_zones() || !strcmp(k->name, "Device") ||
		    ops->zone_span(k->nid, z, &start, &spanned))
			continue;
		r->live_zones_checked++;
		if (spanned != k->spanned || (k->populated && spanned && start != k->start_pfn))
			inspect_zones_differ(r, "node %d %s: kernel %lu pages from %lu, pmm %lu from %lu",
					     k->nid, k->name, k->spanned, k->start_pfn, spanned, start);
	}
}

static int inspect_section_shift(const struct account_params *p)
{
	return p->section_size_bits - p->page_shift;
}

/* The node of @pfn's RAM range, or -1 for a hole. */
static int inspect_ram_nid(const struct pmm_range *ram, unsigned int nr,
			   unsigned long pfn)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		if (pfn >= ram[i].start_pfn && pfn < ram[i].end_pfn)
			return ram[i].nid;
	return -1;
}

static void inspect_queries(struct inspect_result *r, const struct inspect_request *req,
			    const struct pmm_range *ram, unsigned int nr)
{
	const struct account_params *p = &r->acct.params;
	const struct inspect_ops *ops = r->built ? r->model->ops : NULL;
	int sparse = account_is_sparse(p);
	unsigned int i;

	for (i = 0; i < req->nr_pfns; i++) {
		struct inspect_pfn *q = &r->pfns[i];
		unsigned long pfn = req->pfns[i];

		q->pfn = pfn;
		q->section = q->block = -1;
		if (sparse && (unsigned long long)pfn >> (p->max_physmem_bits - p->page_shift) == 0) {
			q->section = (long)(pfn >> inspect_section_shift(p));
			q->block = (long)(pfn >> (p->memory_block_size_bits - p->page_shift));
		}
		if (ops) {
			q->from_instance = 1;
			q->valid = ops->pfn_valid(pfn);
			q->nid = q->valid ? ops->pfn_to_nid(pfn) : -1;
		} else {
			q->valid = account_pfn_valid(&r->acct, pfn);
			q->nid = inspect_ram_nid(ram, nr, pfn);
		}
	}
	r->nr_pfns = req->nr_pfns;
}

/* Build @r's model for the map, compare, answer the queries, tear down. */
static void inspect_build(struct inspect_result *r, const struct inspect_request *req,
			  const struct pmm_range *ram, unsigned int nr)
{
	const struct inspect_ops *ops = r->model->ops;
	const struct account *a = &r->acct;
	int err;

	if (!ops) {
		inspect_note(r, "%s", r->model->refusal);
		return;
	}
	if (!a->error && a->overhead.total_bytes > req->build_limit) {
		inspect_note(r, "accounted only: %llu MiB is over the build limit of %llu MiB (--build-limit)",
			     a->overhead.total_bytes >> 20, req->build_limit >> 20);
		return;
	}
	err = ops->init(ram, nr);
	if (err == -ENOMEM && !a->error) {
		/* this host's limit, not pmm's answer for the map */
		inspect_note(r, "not built: pmm_init returned %d (more memory than this host lends)",
			     err);
		return;
	}
	r->checked = 1;
	if (a->error) {
		/* the account says pmm_init refuses: it must, with the same errno */
		if (!err)
			ops->exit();
		r->agrees = err == a->error;
		if (!r->agrees)
			inspect_note(r, "pmm_init returned %d where the account expects %d",
				     err, a->error);
		return;
	}
	if (err) {
		inspect_note(r, "pmm_init returned %d where the account expects it to build the map",
			     err);
		return;
	}
	r->built = 1;
	r->agrees = 1;
	ops->stats(&r->stats);
	inspect_compare_stats(r);
	if (ops->pdx_info)
		inspect_compare_pdx(r);
	if (ops->vm_phys_segs)
		inspect_compare_segs(r);
	if (a->frames)
		inspect_compare_frames(r);
	if (ops->find_memory_block &&
	    a->params.memory_block_size_bits == ops->params->memory_block_size_bits)
		inspect_compare_blocks(r);
	if (req->live && ops->memory_block_nodes &&
	    a->params.memory_block_size_bits >= ops->params->memory_block_size_bits)
		inspect_compare_live_nodes(r, req);
	/* last: it changes the instance */
	if (req->live && ops->online_pages &&
	    a->params.memory_block_size_bits >= ops->params->memory_block_size_bits)
		inspect_compare_live_zones(r, req);
	inspect_queries(r, req, ram, nr);
	ops->exit();
}

int inspect_run(const struct inspect_request *req, const struct pmm_range *ram,
		unsigned int nr, struct inspect_result *out)
{
	unsigned int i;

	memset(out, 0, req->nr_models * sizeof(*out));
	for (i = 0; i < req->nr_models; i++) {
		struct inspect_result *r = &out[i];
		struct account_params p;
		int err;

		r->model = &req->preset->models[req->models[i]];
		p = r->model->params;
		if (req->has_block_size && p.memory_block_size_bits)
			p.memory_block_size_bits = req->block_size_bits;
		if (r->model->refused) {
			/*
			 * no such model: no figures, only the rule.  Not even
			 * accounted: the arithmetic assumes pmm.h's rules hold
			 * (a section holds a pageblock, ...)
			 */
			memset(&r->acct, 0, sizeof(r->acct));
			r->acct.params = p;
			r->acct.error = -EINVAL;
			snprintf(r->acct.reason, sizeof(r->acct.reason), "%s",
				 r->model->refusal);
			continue;
		}
		err = account_model(&r->acct, &p, ram, nr);
		if (err) {
			inspect_results_free(out, i + 1);
			return err;
		}
		inspect_build(r, req, ram, nr);
		if (!r->built)
			inspect_queries(r, req, ram, nr);
	}
	return 0;
}

void inspect_results_free(struct inspect_result *res, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		account_free(&res[i].acct);
}
