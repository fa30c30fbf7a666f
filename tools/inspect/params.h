/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * params.h - a preset with parameters given on the command line
 *
 * pmm-inspect --param NAME=VALUE (repeatable) changes a preset's
 * parameters for an architecture or a kernel configuration that no preset
 * describes: a board's page size, a kernel's section size.  The names are
 * gen/presets.toml's keys.  Each model's new parameter set is held to the
 * rules pmm.h applies at build time, with pmm.h's own messages (the
 * generator's gen/pmmgen/rules.py says them once more, and
 * tests/inspect/test_cli.py checks that both refuse the same sets): a set
 * pmm.h refuses has no figures.  The others are accounted; none is built,
 * since the inspector holds instances of the presets' own parameters only.
 */
#ifndef PMM_TOOLS_PARAMS_H
#define PMM_TOOLS_PARAMS_H

#include "presets.h"

#define PARAMS_MAX_MODELS	INSPECT_MAX_MODELS
#define PARAMS_TEXT_MAX		320

/**
 * struct params_preset - a preset and its models under new parameters
 * @preset: what the inspector runs; its models point into @models
 * @models: the base preset's models with the new parameters
 * @name: "<base>+param" and @desc: the base's description and the changes
 * @refusals: the text each model's refusal points to
 * @sizes: the sizes of pmm's structures that a changed model's
 *	account_params point to: no instance has its parameters
 */
struct params_preset {
	struct inspect_preset preset;
	struct inspect_model models[PARAMS_MAX_MODELS];
	char name[64];
	char desc[PARAMS_TEXT_MAX];
	char refusals[PARAMS_MAX_MODELS][PARAMS_TEXT_MAX];
	struct pmm_sizes sizes[PARAMS_MAX_MODELS];
};

/**
 * params_apply - give a preset new parameters
 * @out: filled in
 * @base: the preset they change
 * @args: "NAME=VALUE" strings, @nr of them; a later one wins
 * @why: on error, what is wrong, in @why_size bytes
 *
 * A model whose new parameters pmm.h refuses keeps its place with the
 * rule's message and @refused set; one whose parameters did not change
 * keeps its built instance.  Any other is accounted with the sizes of an
 * instance of the model, changed where the new parameters size them (a
 * peer with that instance's calls: none of them depends on a parameter
 * --param changes).
 * @out must stay in place while the models are used: their parameters
 * point into it.
 *
 * Return: 0, or -EINVAL for an unknown name or a value that is not a
 * number (decimal or 0x hex; 0 or 1 for page_ext).
 */
int params_apply(struct params_preset *out, const struct inspect_preset *base,
		 const char *const *args, unsigned int nr, char *why, size_t why_size);

/**
 * params_rule - the first rule of pmm.h that a model's parameters break
 * @p: the model and its parameters
 *
 * Return: pmm.h's #error message, or NULL when it builds.
 */
const char *params_rule(const struct account_params *p);

#endif /* PMM_TOOLS_PARAMS_H */
