// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * params.c - a preset with parameters given on the command line
 *
 * Read top to bottom: the names --param knows and where each lands in a
 * model's account_params; the rules of pmm.h, for a 64-bit host as the
 * inspector's instances are; the sizes of pmm's structures under the new
 * values; then params_apply(), which parses, applies, works out what
 * follows from the new values and judges each model.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "number.h"
#include "params.h"

/* The knobs --param takes: gen/presets.toml's keys that the accounting reads. */
enum param_key {
	PARAM_PAGE_SHIFT,
	PARAM_SECTION_SIZE_BITS,
	PARAM_MAX_PHYSMEM_BITS,
	PARAM_MAX_PAGE_ORDER,
	PARAM_NODES_SHIFT,
	PARAM_STRUCT_PAGE,
	PARAM_PHYS_OFFSET,
	PARAM_PAGE_EXT,
	PARAM_NR_KEYS,
};

static const char *const param_names[PARAM_NR_KEYS] = {
	[PARAM_PAGE_SHIFT]		= "page_shift",
	[PARAM_SECTION_SIZE_BITS]	= "section_size_bits",
	[PARAM_MAX_PHYSMEM_BITS]	= "max_physmem_bits",
	[PARAM_MAX_PAGE_ORDER]		= "max_page_order",
	[PARAM_NODES_SHIFT]		= "nodes_shift",
	[PARAM_STRUCT_PAGE]		= "struct_page",
	[PARAM_PHYS_OFFSET]		= "phys_offset",
	[PARAM_PAGE_EXT]		= "page_ext",
};

/* The preset-level values, from which each model's parameters follow. */
struct param_values {
	unsigned long long v[PARAM_NR_KEYS];
};

/*
 * pmm.h's defaults the rules read, on the 64-bit host the instances run
 * on: BITS_PER_LONG, PMM_NR_PAGEFLAGS, PMM_ZONES_SHIFT.  A static table
 * (mem_section[] or section_to_node_table) stays within 2^30 bytes.
 * Xen's memnodemap holds a uint8_t node id, 0xff meaning none.
 */
#define RULE_BITS_PER_LONG	64
#define RULE_NR_PAGEFLAGS	23
#define RULE_ZONES_SHIFT	3
#define RULE_STATIC_MAX_SHIFT	30
#define RULE_XEN_NODES_SHIFT	7
/* the inspector builds no static mem_section[] of more than 2^20 sections */
#define LIMIT_STATIC_SECTIONS	20

/* page->flags bits classic SPARSEMEM spends on the section number */
static int sections_width(const struct account_params *p)
{
	return p->model == PMM_MODEL_SPARSEMEM ? p->max_physmem_bits - p->section_size_bits : 0;
}

static int flags_budget(void)
{
	return RULE_BITS_PER_LONG - RULE_NR_PAGEFLAGS;
}

/* page-flags-layout.h (Linux 6.1): does the node fit beside the section? */
static int node_in_page_flags(const struct account_params *p)
{
	return !(p->model == PMM_MODEL_SPARSEMEM && p->nodes_shift > 0 &&
		 sections_width(p) + RULE_ZONES_SHIFT + p->nodes_shift > flags_budget());
}

/* The descriptor's size: each kernel's rule, or NULL. */
static const char *struct_page_rule(const struct account_params *p)
{
	int size = p->struct_page_size, word = RULE_BITS_PER_LONG / 8;

	if (account_is_xen(p))
		return size < 2 * word || size > 256 || size % word ?
		       "PMM_STRUCT_PAGE_SIZE must be a multiple of sizeof(long) from 2 longs to 256 for Xen's models" :
		       NULL;
	if (account_is_freebsd(p))
		return size < 24 || size > 256 || size % 8 ?
		       "PMM_STRUCT_PAGE_SIZE must be a multiple of 8 from 24 to 256 for FreeBSD's models: the descriptor holds an 8-byte phys_addr, flags and segind" :
		       NULL;
	return size < word || size > 256 || (size & (size - 1)) ?
	       "PMM_STRUCT_PAGE_SIZE must be a power of two from sizeof(long) to 256" : NULL;
}

/* The rules of Xen's models on their own parameters, or NULL. */
static const char *xen_rule(const struct account_params *p)
{
	if (!account_is_xen(p))
		return NULL;
	if (p->pdx_max_order >= p->max_physmem_bits - p->page_shift)
		return "PMM_PDX_MAX_ORDER must be between 1 and PMM_MAX_PHYSMEM_BITS - PMM_PAGE_SHIFT - 1: the PFN bits Xen's buddy allocator keeps uncompressed";
	if (p->nodes_shift > RULE_XEN_NODES_SHIFT)
		return "PMM_NODES_SHIFT must be at most 7 for Xen's models: memnodemap holds a uint8_t nodeid_t, 0xff meaning no node";
	return NULL;
}

const char *params_rule(const struct account_params *p)
{
	int ps = p->page_shift, mpb = p->max_physmem_bits, ssb = p->section_size_bits;
	const char *rule;

	if (ps < 12 || ps > 18)
		return "PMM_PAGE_SHIFT must be between 12 (4 KiB) and 18 (256 KiB), as Linux's page sizes";
	if (mpb > 64)
		return "PMM_MAX_PHYSMEM_BITS must be at most 64";
	if (mpb <= ps)
		return "PMM_MAX_PHYSMEM_BITS must exceed PMM_PAGE_SHIFT";
	if (mpb - ps >= RULE_BITS_PER_LONG)
		return "PMM_MAX_PHYSMEM_BITS - PMM_PAGE_SHIFT must be below BITS_PER_LONG: every PFN must fit in an unsigned long";
	if (p->nodes_shift < 0 || p->nodes_shift > 10)
		return "PMM_NODES_SHIFT must be between 0 and 10, as Linux's CONFIG_NODES_SHIFT";
	if (p->max_page_order < 0 || p->max_page_order + ps > mpb)
		return "PMM_MAX_PAGE_ORDER must be between 0 and PMM_MAX_PHYSMEM_BITS - PMM_PAGE_SHIFT";
	rule = struct_page_rule(p);
	if (rule)
		return rule;
	if (p->pfn_offset >> (mpb - ps))
		return "PMM_ARCH_PFN_OFFSET must be a PFN below 2^(PMM_MAX_PHYSMEM_BITS - PMM_PAGE_SHIFT)";
	if (account_is_sparse(p) && ssb > mpb)
		return "PMM_SECTION_SIZE_BITS must not exceed PMM_MAX_PHYSMEM_BITS";
	if (account_is_sparse(p) && p->max_page_order + ps > ssb)
		return "PMM_SECTION_SIZE_BITS must be at least PMM_MAX_PAGE_ORDER + PMM_PAGE_SHIFT: a buddy block may not span sections";
	if (p->model == PMM_MODEL_SPARSEMEM_VMEMMAP &&
	    (p->subsection_shift < ps || p->subsection_shift > ssb))
		return "PMM_SUBSECTION_SHIFT must be between PMM_PAGE_SHIFT and PMM_SECTION_SIZE_BITS";
	if (account_is_sparse(p) &&
	    ssb - ps < (p->model == PMM_MODEL_SPARSEMEM_VMEMMAP ? 5 : 4))
		return "PMM_SECTION_SIZE_BITS - PMM_PAGE_SHIFT must be at least SECTION_MAP_LAST_BIT (4, or 5 with VMEMMAP): the section flags live below the coded memmap";
	if (sections_width(p) + RULE_ZONES_SHIFT > flags_budget())
		return "Not enough bits in page flags: PMM_MAX_PHYSMEM_BITS - PMM_SECTION_SIZE_BITS (SECTIONS_WIDTH) + PMM_ZONES_SHIFT must fit in BITS_PER_LONG - PMM_NR_PAGEFLAGS - PMM_RESERVED_FLAGS_BITS";
	if (p->model == PMM_MODEL_SPARSEMEM_VMEMMAP &&
	    p->nodes_shift + RULE_ZONES_SHIFT > flags_budget())
		return "Vmemmap: No space for nodes field in page flags: PMM_NODES_SHIFT + PMM_ZONES_SHIFT must fit in BITS_PER_LONG - PMM_NR_PAGEFLAGS - PMM_RESERVED_FLAGS_BITS";
	if (account_is_sparse(p) && !p->extreme &&
	    mpb - ssb + 4 + !!p->page_extension > RULE_STATIC_MAX_SHIFT)
		return "PMM_MAX_PHYSMEM_BITS - PMM_SECTION_SIZE_BITS too large for a static section table: with PMM_SPARSEMEM_EXTREME 0 its mem_sections must stay within 1 GiB of .bss; use PMM_SPARSEMEM_EXTREME 1 or larger sections";
	if (!node_in_page_flags(p) &&
	    mpb - ssb + (p->nodes_shift > 8) > RULE_STATIC_MAX_SHIFT)
		return "PMM_MAX_PHYSMEM_BITS - PMM_SECTION_SIZE_BITS too large for section_to_node_table: the node does not fit in page->flags, and a node id per section must stay within 1 GiB of .bss; use larger sections, a smaller PMM_NODES_SHIFT or fewer PMM_RESERVED_FLAGS_BITS";
	return xen_rule(p);
}

/*
 * The sizes of pmm's structures under a model's new parameters, which no
 * instance has: a reference instance's (struct pmm_sizes), changed only
 * in the parts the parameters size, as the headers size them.  A bitmap
 * of N bits is BITS_TO_LONGS(N) longs; mem_section_usage holds the
 * sub-section map (VMEMMAP) and the usemap (NR_PAGEBLOCK_BITS per
 * pageblock), pmm's own record of a section its maps of sub-sections on
 * an altmap and of RAM (VMEMMAP); CONFIG_PAGE_EXTENSION adds page_ext and
 * a pad to a mem_section; section_to_node_table, there only where
 * page->flags has no room for the node, holds a node id in a byte up to
 * NODES_SHIFT 8, physnode_map (signed) up to 6, else in two.  The rest of
 * each structure (a run record, node data, a root pointer, the usage
 * block's rcu head and pmm's marks) stays the instance's, so that a
 * change to it in the headers reaches these accounts too.
 * tests/inspect/test_cli.py holds the result to real instances: a preset
 * given another preset's parameters accounts as that preset.
 */
#define SIZES_PAGEBLOCK_BITS	4

/* the sub-section map's bytes: VMEMMAP only */
static unsigned long subsection_map_bytes(const struct account_params *p)
{
	if (p->model != PMM_MODEL_SPARSEMEM_VMEMMAP)
		return 0;
	return (unsigned long)account_bitmap_bytes(1ULL << (p->section_size_bits -
							    p->subsection_shift));
}

static unsigned long usemap_bytes(const struct account_params *p)
{
	int pageblocks_shift = p->section_size_bits - p->page_shift - p->pageblock_order;

	return (unsigned long)account_bitmap_bytes((1ULL << pageblocks_shift) *
						   SIZES_PAGEBLOCK_BITS);
}

/* An instance of the model with @p's table of sections, for its sizes. */
static const struct account_params *reference(const struct account_params *p)
{
	unsigned int i, k;

	for (i = 0; i < inspect_nr_presets; i++)
		for (k = 0; k < inspect_presets[i].nr_models; k++) {
			const struct account_params *q = &inspect_presets[i].models[k].params;

			if (q->sizes && q->model == p->model && q->extreme == p->extreme)
				return q;
		}
	return NULL;
}

/*
 * @z for @p, from @ref's instance (@ref: the base preset's model, unless
 * it has no instance), whose calls a peer's account makes too: none of
 * them depends on what --param changes.  0, or -ENOENT when no instance
 * has the model.
 */
static int derive_sizes(struct pmm_sizes *z, struct account_params *p,
			const struct account_params *ref)
{
	const unsigned long ext = sizeof(void *) + sizeof(unsigned long);

	if (!ref->sizes)
		ref = reference(p);
	if (!ref)
		return -ENOENT;
	*z = *ref->sizes;
	p->peer = ref->peer;
	if (account_is_sparse(p)) {
		z->mem_section = z->mem_section - (ref->page_extension ? ext : 0) +
				 (p->page_extension ? ext : 0);
		z->section_usage = z->section_usage - subsection_map_bytes(ref) - usemap_bytes(ref) +
				   subsection_map_bytes(p) + usemap_bytes(p);
		z->section_own = z->section_own - 2 * subsection_map_bytes(ref) +
				 2 * subsection_map_bytes(p);
		z->section_nid = node_in_page_flags(p) ? 0 : p->nodes_shift <= 8 ? 1 : 2;
	}
	if (z->physnode)
		z->physnode = p->nodes_shift < 7 ? 1 : 2;
	return 0;
}

/* The values a preset's models were generated from. */
static void values_of(const struct inspect_preset *p, struct param_values *pv)
{
	const struct account_params *any = &p->models[0].params;
	unsigned int i;

	memset(pv, 0, sizeof(*pv));
	pv->v[PARAM_PAGE_SHIFT] = any->page_shift;
	pv->v[PARAM_MAX_PHYSMEM_BITS] = any->max_physmem_bits;
	pv->v[PARAM_MAX_PAGE_ORDER] = any->max_page_order;
	pv->v[PARAM_NODES_SHIFT] = any->nodes_shift;
	pv->v[PARAM_STRUCT_PAGE] = any->struct_page_size;
	for (i = 0; i < p->nr_models; i++) {
		const struct account_params *m = &p->models[i].params;

		if (account_is_sparse(m)) {
			pv->v[PARAM_SECTION_SIZE_BITS] = m->section_size_bits;
			pv->v[PARAM_PAGE_EXT] = m->page_extension;
		}
		if (m->model == PMM_MODEL_FLATMEM)
			pv->v[PARAM_PHYS_OFFSET] = (unsigned long long)m->pfn_offset << m->page_shift;
	}
}

/* A model's parameters from the preset's values (gen/pmmgen/inspector.py's entry()). */
static void model_params(struct account_params *m, const struct param_values *pv)
{
	int sparse = account_is_sparse(m);

	m->page_shift = (int)pv->v[PARAM_PAGE_SHIFT];
	m->max_physmem_bits = (int)pv->v[PARAM_MAX_PHYSMEM_BITS];
	m->max_page_order = (int)pv->v[PARAM_MAX_PAGE_ORDER];
	m->nodes_shift = (int)pv->v[PARAM_NODES_SHIFT];
	m->struct_page_size = (int)pv->v[PARAM_STRUCT_PAGE];
	/* pmm.h's default: PAGE_SHIFT - 3 (huge pages), capped by MAX_PAGE_ORDER */
	m->pageblock_order = m->page_shift - 3 < m->max_page_order ?
			     m->page_shift - 3 : m->max_page_order;
	m->pfn_offset = m->model == PMM_MODEL_FLATMEM ?
			(unsigned long)(pv->v[PARAM_PHYS_OFFSET] >> m->page_shift) : 0;
	m->section_size_bits = sparse ? (int)pv->v[PARAM_SECTION_SIZE_BITS] : 0;
	m->memory_block_size_bits = m->section_size_bits;
	m->page_extension = sparse ? (int)pv->v[PARAM_PAGE_EXT] : 0;
	m->node_in_page_flags = sparse ? node_in_page_flags(m) : 1;
}

/* Parse "NAME=VALUE" into @pv; -EINVAL with @why. */
static int parse_one(const char *arg, struct param_values *pv, char *why, size_t why_size)
{
	const char *eq = strchr(arg, '='), *end;
	unsigned long long n, max;
	unsigned int k;
	size_t len;

	len = eq ? (size_t)(eq - arg) : strlen(arg);
	for (k = 0; k < PARAM_NR_KEYS; k++)
		if (strlen(param_names[k]) == len && !strncmp(arg, param_names[k], len))
			break;
	if (k == PARAM_NR_KEYS) {
		snprintf(why, why_size, "--param %s: unknown name: one of page_shift, section_size_bits, max_physmem_bits, max_page_order, nodes_shift, struct_page, phys_offset, page_ext",
			 arg);
		return -EINVAL;
	}
	if (!eq) {
		snprintf(why, why_size, "--param %s: give NAME=VALUE", arg);
		return -EINVAL;
	}
	/* a bit count or a size fits an int; only phys_offset is an address */
	max = k == PARAM_PHYS_OFFSET ? ULLONG_MAX : k == PARAM_PAGE_EXT ? 1 : 4096;
	if (number_parse_c(eq + 1, &end, &n) || *end) {
		snprintf(why, why_size, "--param %s: %s", arg,
			 k == PARAM_PAGE_EXT ? "0 or 1" :
			 "a number (decimal or 0x hex digits, nothing else)");
		return -EINVAL;
	}
	if (n > max) {
		snprintf(why, why_size, "--param %s: at most %llu", arg, max);
		return -EINVAL;
	}
	pv->v[k] = n;
	return 0;
}

int params_apply(struct params_preset *out, const struct inspect_preset *base,
		 const char *const *args, unsigned int nr, char *why, size_t why_size)
{
	struct param_values pv;
	unsigned int i;
	size_t used;

	if (base->nr_models > PARAMS_MAX_MODELS) {
		snprintf(why, why_size, "preset %s has too many models", base->name);
		return -EINVAL;
	}
	memset(out, 0, sizeof(*out));
	values_of(base, &pv);
	for (i = 0; i < nr; i++)
		if (parse_one(args[i], &pv, why, why_size))
			return -EINVAL;

	snprintf(out->name, sizeof(out->name), "%s+param", base->name);
	used = (size_t)snprintf(out->desc, sizeof(out->desc), "%s; --param", base->desc);
	for (i = 0; i < nr && used < sizeof(out->desc); i++)
		used += (size_t)snprintf(out->desc + used, sizeof(out->desc) - used, " %s", args[i]);

	for (i = 0; i < base->nr_models; i++) {
		const struct inspect_model *was = &base->models[i];
		struct inspect_model *m = &out->models[i];
		const char *rule;

		*m = *was;
		model_params(&m->params, &pv);
		if (!memcmp(&m->params, &was->params, sizeof(m->params)))
			continue;	/* unchanged: the preset's own instance */
		m->ops = NULL;
		m->refused = 0;
		rule = params_rule(&m->params);
		if (rule) {
			snprintf(out->refusals[i], PARAMS_TEXT_MAX,
				 "pmm.h refuses this parameter set: %s", rule);
			m->refused = 1;
		} else if (m->params.model == PMM_MODEL_SPARSEMEM && !m->params.extreme &&
			   m->params.max_physmem_bits - m->params.section_size_bits >
			   LIMIT_STATIC_SECTIONS) {
			int bits = m->params.max_physmem_bits - m->params.section_size_bits;

			snprintf(out->refusals[i], PARAMS_TEXT_MAX,
				 "accounted only: a static mem_section[] of 2^%d sections (%llu MiB) is not built here; Linux selects SPARSEMEM_STATIC on 32-bit only",
				 bits, ((m->params.page_extension ? 32ULL : 16ULL) << bits) >> 20);
		} else {
			snprintf(out->refusals[i], PARAMS_TEXT_MAX,
				 "accounted only: the inspector builds instances of the presets' own parameters, and --param changed them");
		}
		m->refusal = out->refusals[i];
		/* a refused model is not accounted, and needs no sizes */
		m->params.sizes = NULL;
		if (!m->refused && !derive_sizes(&out->sizes[i], &m->params, &was->params))
			m->params.sizes = &out->sizes[i];
	}
	out->preset = *base;
	out->preset.name = out->name;
	out->preset.desc = out->desc;
	out->preset.models = out->models;
	return 0;
}
