/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * presets.h - the generator's presets, with a pmm instance per model
 *
 * gen/inspector.py renders build/gen/inspect/presets.c (the table below)
 * and one preset_<name>.c per preset that holds the preset's models and
 * instantiates pmm.h once per model the headers accept.  Each model's
 * account takes the sizes of pmm's structures from that instance's
 * pmm_params.  Where this host can hold the instance its functions are
 * there too (INSPECT_OPS) and the inspector builds small maps for real;
 * models too large to build here (a static mem_section[] of gigabytes)
 * are accounted only.  Models the headers refuse carry the rule's message
 * and have neither instance nor figures.  The other kernels' models
 * (Xen's, FreeBSD's) lend their account the instance's own calls too
 * (INSPECT_PEER_*: Xen's compression, the static tables' bytes).
 */
#ifndef PMM_TOOLS_PRESETS_H
#define PMM_TOOLS_PRESETS_H

#include <stddef.h>

#include "pmm_types.h"
#include "account.h"

/* the models of a preset: Linux's five, Xen's two and FreeBSD's two */
#define INSPECT_MAX_MODELS	9

/**
 * struct inspect_ops - the functions of one pmm instance
 * @params: its compile-time parameters
 * @init, @exit, @stats, @pfn_valid, @pfn_to_nid: pmm_<name>_*
 * @find_memory_block: pmm_<name>_find_memory_block; NULL but for SPARSEMEM,
 *	as the rest of the memory block and zone calls
 * @pdx_info: pmm_<name>_pdx_info; NULL but for Xen's models
 * @vm_phys_segs: pmm_<name>_vm_phys_segs; NULL but for FreeBSD's models
 */
struct inspect_ops {
	const struct pmm_params *params;
	int (*init)(const struct pmm_range *ranges, unsigned int nr);
	void (*exit)(void);
	void (*stats)(struct pmm_stats *st);
	int (*pfn_valid)(unsigned long pfn);
	int (*pfn_to_nid)(unsigned long pfn);
	int (*find_memory_block)(unsigned long id, struct pmm_memory_block *mb);
	int (*memory_block_nodes)(unsigned long id, unsigned long *nodes);
	int (*online_pages)(unsigned long start_pfn, unsigned long nr_pages, int online_type);
	int (*offline_pages)(unsigned long start_pfn, unsigned long nr_pages);
	int (*valid_zones)(const struct pmm_memory_block *mb, char *buf, unsigned long size);
	int (*zone_span)(int nid, int zone, unsigned long *start_pfn, unsigned long *spanned);
	const char *(*zone_name)(int zone);
	int (*nr_zones)(void);
	void (*pdx_info)(struct pmm_pdx *info);
	unsigned int (*vm_phys_segs)(struct pmm_phys_seg *out, unsigned int max);
};

/**
 * struct inspect_model - one model of a preset
 * @name: "flat", "discontig", "sparse-static", "sparse", "vmemmap",
 *	"xen-mask", "xen-offset", "freebsd-dense" or "freebsd-sparse"
 * @params: what account_model() takes, the sizes of pmm's structures with it
 * @ops: the instance, or NULL when it is not built
 * @refusal: why not, or NULL
 * @refused: 1 when the reason is a rule of pmm.h: the model does not
 *	exist with these parameters, so it has no figures either
 */
struct inspect_model {
	const char *name;
	struct account_params params;
	const struct inspect_ops *ops;
	const char *refusal;
	int refused;
};

/**
 * struct inspect_preset - one [preset.NAME] of gen/presets.toml
 * @name: its name
 * @desc: its one-line description
 * @default_model: the model its architecture uses ("flat", "sparse", ...)
 * @models: every model, in the order of gen/pmmgen/inspector.py
 * @nr_models: how many
 */
struct inspect_preset {
	const char *name;
	const char *desc;
	const char *default_model;
	const struct inspect_model *models;
	unsigned int nr_models;
};

extern const struct inspect_preset inspect_presets[];
extern const unsigned int inspect_nr_presets;

/* The preset called @name, or NULL. */
const struct inspect_preset *inspect_find_preset(const char *name);

/* The model called @name of @p, or NULL. */
const struct inspect_model *inspect_find_model(const struct inspect_preset *p,
					       const char *name);

#define INSPECT_OPS_FIELDS(N)							\
	.params = &pmm_##N##_params, .init = pmm_##N##_init,			\
	.exit = pmm_##N##_exit, .stats = pmm_##N##_stats,			\
	.pfn_valid = pmm_##N##_pfn_valid, .pfn_to_nid = pmm_##N##_pfn_to_nid

#define INSPECT_OPS(N)								\
	const struct inspect_ops N##_ops = { INSPECT_OPS_FIELDS(N) }

#define INSPECT_OPS_SPARSE(N)							\
	const struct inspect_ops N##_ops = {					\
		INSPECT_OPS_FIELDS(N),						\
		.find_memory_block = pmm_##N##_find_memory_block,		\
		.memory_block_nodes = pmm_##N##_memory_block_nodes,		\
		.online_pages = pmm_##N##_online_pages,				\
		.offline_pages = pmm_##N##_offline_pages,			\
		.valid_zones = pmm_##N##_memory_block_valid_zones,		\
		.zone_span = pmm_##N##_zone_span,				\
		.zone_name = pmm_##N##_zone_name,				\
		.nr_zones = pmm_##N##_nr_zones,					\
	}

#define INSPECT_OPS_XEN(N)							\
	const struct inspect_ops N##_ops = {					\
		INSPECT_OPS_FIELDS(N), .pdx_info = pmm_##N##_pdx_info,		\
	}

#define INSPECT_OPS_FREEBSD(N)							\
	const struct inspect_ops N##_ops = {					\
		INSPECT_OPS_FIELDS(N), .vm_phys_segs = pmm_##N##_vm_phys_segs,	\
	}

/* What a Xen model's account asks of instance N (struct account_peer). */
#define INSPECT_PEER_XEN(N)							\
	const struct account_peer N##_peer = {					\
		.params = &pmm_##N##_params, .stats = pmm_##N##_stats,		\
		.pdx_compression_setup = pmm_##N##_pdx_compression_setup,	\
		.pfn_to_pdx = pmm_##N##_pfn_to_pdx,				\
		.pdx_to_pfn = pmm_##N##_pdx_to_pfn,				\
	}

/* What a FreeBSD model's account asks of instance N. */
#define INSPECT_PEER_FREEBSD(N)							\
	const struct account_peer N##_peer = {					\
		.params = &pmm_##N##_params, .stats = pmm_##N##_stats,		\
	}

#endif /* PMM_TOOLS_PRESETS_H */
