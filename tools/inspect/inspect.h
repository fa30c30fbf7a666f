/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * inspect.h - one memory map through the models of one preset
 *
 * inspect_run() takes a parsed map, holds its RAM as memblock would, and
 * for each model asked for: accounts what the model builds
 * (account_model), builds it for real with the preset's pmm instance when
 * the allocation fits under a limit, checks that pmm_stats and the
 * memory blocks (a peer: its compression and node map, or its segments,
 * and which PFNs are valid) agree with the account, and answers PFN
 * queries from the
 * built instance (or from the account when it was not built).
 */
#ifndef PMM_TOOLS_INSPECT_H
#define PMM_TOOLS_INSPECT_H

#include "pmm_types.h"
#include "account.h"
#include "presets.h"
#include "live.h"

struct layout;

#define INSPECT_MAX_PFNS	64
#define INSPECT_NOTE_MAX	256

/**
 * struct inspect_pfn - the answer to one --pfn query under one model
 * @pfn: the query
 * @valid: pfn_valid()
 * @nid: the descriptor's node (pfn_to_nid) when built and valid, else the
 *	RAM range's node, else -1
 * @section: the section number (SPARSEMEM models), else -1
 * @block: the memory block id (SPARSEMEM models), else -1
 * @from_instance: 1 when @valid and @nid come from the built instance
 */
struct inspect_pfn {
	unsigned long pfn;
	int valid;
	int nid;
	long section;
	long block;
	int from_instance;
};

/**
 * struct inspect_result - one model's figures for the map
 * @model: the preset's model
 * @acct: the account (@acct.error: the model refuses the map)
 * @built: 1 when the instance was built for the map
 * @checked: 1 when pmm_init ran on the map and answered as pmm can for
 *	any map (not -ENOMEM, which says only what this host lends), so
 *	that @agrees means something
 * @agrees: 1 when pmm_init did as the account says: refused the map with
 *	the account's errno, or built it with every figure of pmm_stats and
 *	every memory block equal to the account's (a peer: pmm_pdx_info or
 *	pmm_vm_phys_segs too, and pmm_pfn_valid at each end of the
 *	account's runs of valid PFNs); meaningful when @checked
 * @note: why it was not built, or what disagreed
 * @live_nodes_checked: blocks whose node links were compared with the
 *	running kernel's (--live), @live_nodes_differ of them differing, the
 *	first told in @live_nodes_first
 * @live_zones_checked: blocks' valid_zones and nodes' zone spans compared
 *	with the kernel's once its blocks' states are replayed,
 *	@live_zones_differ of them differing, the first in @live_zones_first
 * @stats: pmm_stats after pmm_init, when @built
 * @pfns: the answers to the queries, @nr_pfns of them
 */
struct inspect_result {
	const struct inspect_model *model;
	struct account acct;
	int built;
	int checked;
	int agrees;
	char note[INSPECT_NOTE_MAX];
	unsigned long live_nodes_checked, live_nodes_differ;
	char live_nodes_first[160];
	unsigned long live_zones_checked, live_zones_differ;
	char live_zones_first[160];
	struct pmm_stats stats;
	struct inspect_pfn pfns[INSPECT_MAX_PFNS];
	unsigned int nr_pfns;
};

/**
 * struct inspect_request - what to inspect
 * @preset: the parameters
 * @models: which of the preset's models, by index; @nr_models of them
 * @has_block_size: 1 when @block_size_bits is given; 0 for the
 *	instance's own memory block size
 * @block_size_bits: log2 memory block bytes, when @has_block_size; memory
 *	blocks are compared with the instance only at its own size
 * @build_limit: build for real when the account's total is at most this
 *	many bytes (0: never)
 * @pfns: PFNs to answer for, @nr_pfns of them
 * @live: the running kernel's memory blocks, with their node links, to
 *	compare with the built instance's (pmm_memory_block_nodes); @nr_live
 * @live_zones: its zones, from zoneinfo; @nr_live_zones
 */
struct inspect_request {
	const struct inspect_preset *preset;
	unsigned int models[INSPECT_MAX_MODELS];
	unsigned int nr_models;
	int has_block_size;
	int block_size_bits;
	unsigned long long build_limit;
	unsigned long pfns[INSPECT_MAX_PFNS];
	unsigned int nr_pfns;
	const struct live_block *live;
	unsigned long nr_live;
	const struct live_zone *live_zones;
	unsigned int nr_live_zones;
};

/**
 * inspect_run - inspect the RAM of a map
 * @req: what to do
 * @ram: RAM as layout_memblock() gives it, for @req->preset's page size
 * @nr: how many ranges
 * @out: @req->nr_models results; inspect_results_free() them
 *
 * Return: 0 or -ENOMEM.  A model that refuses the map is no error.
 */
int inspect_run(const struct inspect_request *req, const struct pmm_range *ram,
		unsigned int nr, struct inspect_result *out);

void inspect_results_free(struct inspect_result *res, unsigned int nr);

/*
 * inspect_disagrees - did pmm_init and the account differ: on whether to
 * refuse the map (or with which errno), on a figure, on a memory block?
 * Any difference is a fault of one of them, built or not: exit status 1.
 */
static inline int inspect_disagrees(const struct inspect_result *r)
{
	return r->checked && !r->agrees;
}

/*
 * The parameters of @p that memory blocks and sections are shown and
 * checked by: its SPARSEMEM models' (one section size for all of them),
 * else its first model's.
 */
const struct account_params *inspect_preset_params(const struct inspect_preset *p);

/* The preset for a layout's arch ("x86_64" for x86_64, ...), or NULL. */
const char *inspect_preset_for_arch(const char *arch);

#endif /* PMM_TOOLS_INSPECT_H */
