// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * main.c - pmm-inspect: what each memory model builds for a real machine's map
 *
 *	pmm-inspect --layout FILE|DIR|- [--format F] [--preset NAME]
 *		    [--param NAME=VALUE]... [--model M|all] [--pfn N]... [--block-size BYTES]
 *		    [--build-limit BYTES] [--json] [--svg FILE|DIR]
 *		    [--write-layout FILE]
 *	pmm-inspect --live [--sysfs DIR] [--proc DIR] [--preset NAME] [--model M]
 *		    [--json]
 *	pmm-inspect --list-presets
 *
 * Exit status: 0; 1 when pmm_init disagrees with a model's account (on a
 * figure, a memory block, or whether to refuse the map) or --live finds
 * the kernel's memory blocks differ; 2 for bad input or usage (a
 * malformed map is reported as file:line: reason).
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>

#include "layout.h"
#include "inspect.h"
#include "live.h"
#include "number.h"
#include "params.h"
#include "report.h"
#include "svg.h"

#define EXIT_DIFFER	1
#define EXIT_USAGE	2

/* --layout names a directory of maps: one JSON array for all of them */
static int several_maps;

#define INSPECT_MAX_PARAMS	16

struct options {
	const char *layout;
	enum layout_format format;
	const char *preset;
	const char *model;
	const char *svg;
	const char *write_layout;
	const char *sysfs;
	const char *proc;
	const char *preset_why;		/* how o->preset was chosen */
	int has_block_size;		/* --block-size given: block_size */
	const char *block_size_arg;	/* as given, for messages */
	unsigned long long block_size;
	unsigned long long build_limit;
	unsigned long pfns[INSPECT_MAX_PFNS];
	unsigned int nr_pfns;
	const char *params[INSPECT_MAX_PARAMS];	/* --param NAME=VALUE */
	unsigned int nr_params;
	int json;
	int live;
	int x86_bios_trim;		/* --live on x86 read the firmware's map */
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: pmm-inspect --layout FILE|DIR|- [options]   inspect a memory map\n"
		"       pmm-inspect --live [options]                compare with this machine's kernel\n"
		"       pmm-inspect --list-presets\n"
		"options:\n"
		"  --format auto|layout|iomem|memmap|dmesg|dts|dtb   the map's format (default auto;\n"
		"                       dts: device-tree source, compiled by dtc; dtb: a blob)\n"
		"  --preset NAME        parameters (gen/presets.toml; default: the map's arch)\n"
		"  --param NAME=VALUE   change one of the preset's (repeatable): page_shift,\n"
		"                       section_size_bits, max_physmem_bits, max_page_order,\n"
		"                       nodes_shift, struct_page, phys_offset, page_ext\n"
		"  --model M            flat|discontig|sparse|sparse-static|vmemmap (Linux's),\n"
		"                       xen-mask|xen-offset (Xen's frame table by PDX),\n"
		"                       freebsd-dense|freebsd-sparse (FreeBSD's vm_page_array),\n"
		"                       or all (the default; --live: the preset's own)\n"
		"  --pfn N              answer pfn_valid, node, section, block for N (repeatable)\n"
		"  --block-size BYTES   memory block size (default: one section; K/M/G/T suffixes)\n"
		"  --build-limit BYTES  build for real up to this allocation (default 512M; 0: never)\n"
		"  --json               JSON instead of text (one object per model)\n"
		"  --svg FILE           draw the address space (a directory when --layout is one)\n"
		"  --write-layout FILE  write the parsed map in data/layouts/ format ('-': stdout)\n"
		"  --sysfs DIR          where sysfs is, for --live (default /sys)\n"
		"  --proc DIR           where procfs is, for --live's iomem (default /proc)\n"
		"numbers: decimal, or hex after 0x; nothing else (no blanks, no sign)\n");
}

/* log2 of the multiplier of a size suffix, or 0 for none */
static int unit_shift(char suffix)
{
	switch (suffix) {
	case 'K': case 'k': return 10;
	case 'M': case 'm': return 20;
	case 'G': case 'g': return 30;
	case 'T': case 't': return 40;
	}
	return 0;
}

/*
 * The number option @opt takes, @arg: decimal digits, or hex digits after
 * "0x", then with @units a K, M, G or T suffix; nothing else (no blanks,
 * no sign, nothing after), and at most @max.  Every numeric option is
 * read here.  Return: 0, or -EINVAL with a message.
 */
static int option_number(const char *opt, const char *arg, int units,
			 unsigned long long max, unsigned long long *v)
{
	const char *end;
	unsigned long long n;
	int shift = 0, err;

	err = number_parse_c(arg, &end, &n);
	if (!err && units) {
		shift = unit_shift(*end);
		if (shift)
			end++;
	}
	if (!err && *end)
		err = -EINVAL;
	if (!err && n > max >> shift)
		err = -ERANGE;
	if (err == -ERANGE) {
		fprintf(stderr, "pmm-inspect: %s '%s': too large: at most %llu\n", opt, arg, max);
		return -EINVAL;
	}
	if (err) {
		fprintf(stderr, "pmm-inspect: %s '%s': not a number: decimal or 0x hex digits%s, nothing else\n",
			opt, arg, units ? " with an optional K, M, G or T" : "");
		return -EINVAL;
	}
	*v = n << shift;
	return 0;
}

/*
 * Is @name "all" or a model of some preset?  Asked before any map is
 * read, so that a bad --model prints nothing and writes no file.
 */
static int model_known(const char *name)
{
	unsigned int i;

	if (!strcmp(name, "all"))
		return 1;
	for (i = 0; i < inspect_nr_presets; i++)
		if (inspect_find_model(&inspect_presets[i], name))
			return 1;
	return 0;
}

/* The models --model takes, for its message: the first preset's, all alike. */
static void print_model_names(FILE *f)
{
	const struct inspect_preset *p = &inspect_presets[0];
	unsigned int i;

	for (i = 0; i < p->nr_models; i++)
		fprintf(f, "%s, ", p->models[i].name);
	fprintf(f, "all\n");
}

/* Say which names --model takes.  Return: -EINVAL. */
static int unknown_model(const char *name)
{
	fprintf(stderr, "pmm-inspect: --model %s: one of ", name);
	print_model_names(stderr);
	return -EINVAL;
}

static int parse_args(int argc, char **argv, struct options *o)
{
	static const struct option longs[] = {
		{ "layout", required_argument, NULL, 'l' },
		{ "format", required_argument, NULL, 'f' },
		{ "preset", required_argument, NULL, 'p' },
		{ "param", required_argument, NULL, 'X' },
		{ "model", required_argument, NULL, 'm' },
		{ "pfn", required_argument, NULL, 'n' },
		{ "block-size", required_argument, NULL, 'b' },
		{ "build-limit", required_argument, NULL, 'B' },
		{ "json", no_argument, NULL, 'j' },
		{ "svg", required_argument, NULL, 's' },
		{ "write-layout", required_argument, NULL, 'w' },
		{ "live", no_argument, NULL, 'L' },
		{ "sysfs", required_argument, NULL, 'S' },
		{ "proc", required_argument, NULL, 'R' },
		{ "list-presets", no_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long long v;
	int c;

	memset(o, 0, sizeof(*o));
	o->build_limit = 512ULL << 20;
	o->sysfs = "/sys";
	o->proc = "/proc";
	while ((c = getopt_long(argc, argv, "", longs, NULL)) != -1) {
		switch (c) {
		case 'l': o->layout = optarg; break;
		case 'f':
			if (layout_format_parse(optarg, &o->format)) {
				fprintf(stderr, "pmm-inspect: --format %s: not one of auto, layout, iomem, memmap, dmesg, dts, dtb\n",
					optarg);
				return -EINVAL;
			}
			break;
		case 'p': o->preset = optarg; break;
		case 'X':
			if (o->nr_params == INSPECT_MAX_PARAMS) {
				fprintf(stderr, "pmm-inspect: at most %d --param\n", INSPECT_MAX_PARAMS);
				return -EINVAL;
			}
			o->params[o->nr_params++] = optarg;
			break;
		case 'm':
			if (!model_known(optarg))
				return unknown_model(optarg);
			o->model = optarg;
			break;
		case 'n':
			if (o->nr_pfns == INSPECT_MAX_PFNS) {
				fprintf(stderr, "pmm-inspect: at most %d --pfn\n", INSPECT_MAX_PFNS);
				return -EINVAL;
			}
			if (option_number("--pfn", optarg, 0, ULONG_MAX, &v))
				return -EINVAL;
			o->pfns[o->nr_pfns++] = (unsigned long)v;
			break;
		case 'b':
			/* held to the preset with the map: block_size_bits() */
			if (option_number("--block-size", optarg, 1, ULLONG_MAX, &o->block_size))
				return -EINVAL;
			o->has_block_size = 1;
			o->block_size_arg = optarg;
			break;
		case 'B':
			if (option_number("--build-limit", optarg, 1, ULLONG_MAX, &o->build_limit))
				return -EINVAL;
			break;
		case 'j': o->json = 1; break;
		case 's': o->svg = optarg; break;
		case 'w': o->write_layout = optarg; break;
		case 'L': o->live = 1; break;
		case 'S': o->sysfs = optarg; break;
		case 'R': o->proc = optarg; break;
		case 'P': return 1;
		case 'h': usage(stdout); exit(0);
		default: usage(stderr); return -EINVAL;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "pmm-inspect: unexpected argument '%s'\n", argv[optind]);
		return -EINVAL;
	}
	if (!o->layout == !o->live) {
		usage(stderr);
		return -EINVAL;
	}
	return 0;
}

static void list_presets(void)
{
	unsigned int i, k;

	for (i = 0; i < inspect_nr_presets; i++) {
		const struct inspect_preset *p = &inspect_presets[i];

		printf("%-14s %s (default model %s)\n", p->name, p->desc, p->default_model);
		for (k = 0; k < p->nr_models; k++)
			if (p->models[k].refusal)
				printf("  %-13s %s\n", p->models[k].name, p->models[k].refusal);
	}
}

/* The host's preset name, from uname -m. */
static const char *host_arch(void)
{
	static struct utsname u;

	if (uname(&u))
		return "x86_64";
	return u.machine;
}

/*
 * @p with --param's changes, or NULL with a message: for a name or value
 * it does not know, or when pmm.h refuses the new parameters for every
 * model --model asks for (the rule's message, as the compiler would say).
 */
static const struct inspect_preset *with_params(const struct options *o,
						const struct inspect_preset *p)
{
	static struct params_preset pp;
	const char *want = o->model ? o->model : "all";
	unsigned int i, asked = 0, refused = 0;
	char why[512];

	if (params_apply(&pp, p, o->params, o->nr_params, why, sizeof(why))) {
		fprintf(stderr, "pmm-inspect: %s\n", why);
		return NULL;
	}
	for (i = 0; i < pp.preset.nr_models; i++) {
		if (strcmp(want, "all") && strcmp(want, pp.models[i].name))
			continue;
		asked++;
		refused += pp.models[i].refused;
	}
	if (!asked || refused < asked)
		return &pp.preset;
	for (i = 0; i < pp.preset.nr_models; i++)
		if (pp.models[i].refused && (!strcmp(want, "all") || !strcmp(want, pp.models[i].name)))
			fprintf(stderr, "pmm-inspect: --param: %s: %s\n", pp.models[i].name,
				pp.models[i].refusal);
	return NULL;
}

/* Which preset, and a word on why; NULL with a message when unknown. */
static const struct inspect_preset *choose_preset(const struct options *o,
						  const struct layout *lo, const char **why)
{
	const char *name = o->preset;
	const struct inspect_preset *p;

	*why = o->preset_why ? o->preset_why : "--preset";
	if (!name && lo && lo->arch != LAYOUT_ARCH_NONE) {
		name = inspect_preset_for_arch(layout_arch_name(lo->arch));
		*why = "the map's arch";
	}
	if (!name) {
		name = inspect_preset_for_arch(host_arch());
		*why = lo ? "no arch in the map: this host's" : "this host's arch";
	}
	p = name ? inspect_find_preset(name) : NULL;
	if (!p)
		fprintf(stderr, "pmm-inspect: no preset %s%s (pmm-inspect --list-presets)\n",
			name ? name : "for this arch", o->preset ? "" : ": give --preset");
	if (p && o->nr_params)
		p = with_params(o, p);
	return p;
}


/* Fill req->models from --model; -EINVAL with a message when unknown. */
static int choose_models(const struct options *o, const struct inspect_preset *p,
			 struct inspect_request *req)
{
	const char *want = o->model ? o->model : o->live ? p->default_model : "all";
	unsigned int i;

	/* the presets name SPARSEMEM "sparse": with EXTREME, as 64-bit Linux */
	req->nr_models = 0;
	for (i = 0; i < p->nr_models && req->nr_models < INSPECT_MAX_MODELS; i++)
		if (!strcmp(want, "all") || !strcmp(want, p->models[i].name))
			req->models[req->nr_models++] = i;
	if (!req->nr_models)
		return unknown_model(want);
	return 0;
}

/*
 * log2 of @bytes as a memory block size of preset @p, or -EINVAL with a
 * message that starts with @what (the option, or the sysfs file and its
 * value).  A power of two, of whole sections (whole pages in a preset
 * without SPARSEMEM), within the physical address space: beyond it the
 * SPARSEMEM accounts refuse every map, while the instances, built with
 * their own block size, take it; one rule for --block-size and --live.
 */
static int block_size_bits(const struct inspect_preset *p, unsigned long long bytes,
			   const char *what)
{
	const struct account_params *params = inspect_preset_params(p);
	int least = params->section_size_bits ? params->section_size_bits : params->page_shift;
	char size[32];
	int bits;

	if (!bytes || bytes & (bytes - 1)) {
		fprintf(stderr, "pmm-inspect: %s: not a power of two\n", what);
		return -EINVAL;
	}
	bits = __builtin_ctzll(bytes);
	if (bits < least) {
		fprintf(stderr, "pmm-inspect: %s: a memory block holds whole %s: at least %s for preset %s\n",
			what, params->section_size_bits ? "sections" : "pages",
			report_size(size, sizeof(size), 1, least), p->name);
		return -EINVAL;
	}
	if (bits > params->max_physmem_bits) {
		fprintf(stderr, "pmm-inspect: %s: beyond the %d-bit physical address space: at most %s for preset %s\n",
			what, params->max_physmem_bits,
			report_size(size, sizeof(size), 1, params->max_physmem_bits), p->name);
		return -EINVAL;
	}
	return bits;
}

/*
 * The memory block size of the request: the running kernel's with --live,
 * else --block-size, else none given (each instance's own).
 * Return: 0, or -EINVAL with a message.
 */
static int request_block_size(const struct options *o, const struct live_blocks *live,
			      struct inspect_request *req)
{
	char what[LIVE_PATH_MAX + 64];
	unsigned long long bytes;
	int bits;

	if (live) {
		bytes = live->block_size;
		snprintf(what, sizeof(what), "--live: %s holds 0x%llx", live->block_size_file,
			 bytes);
	} else if (o->has_block_size) {
		bytes = o->block_size;
		snprintf(what, sizeof(what), "--block-size '%s'", o->block_size_arg);
	} else {
		req->has_block_size = 0;
		return 0;
	}
	bits = block_size_bits(req->preset, bytes, what);
	if (bits < 0)
		return bits;
	req->has_block_size = 1;
	req->block_size_bits = bits;
	return 0;
}

static int write_layout(const char *path, const struct layout *lo)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "w") : stdout;
	int err;

	if (!f) {
		fprintf(stderr, "pmm-inspect: %s: %s\n", path, strerror(errno));
		return -EIO;
	}
	err = layout_write(f, lo);
	if (f != stdout && fclose(f))
		err = -EIO;
	if (err)
		fprintf(stderr, "pmm-inspect: %s: cannot write\n", path);
	return err;
}

static int write_svg(const char *path, const char *file, const struct layout *lo,
		     const struct inspect_preset *p, const struct inspect_result *res,
		     unsigned int nr)
{
	struct account accts[INSPECT_MAX_MODELS];
	char title[512];
	unsigned int i;
	int err;
	FILE *f;

	f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "pmm-inspect: %s: %s\n", path, strerror(errno));
		return -EIO;
	}
	for (i = 0; i < nr; i++)
		accts[i] = res[i].acct;
	snprintf(title, sizeof(title), "%s, preset %s", file, p->name);
	err = svg_write(f, lo, title, accts, nr);
	if (fclose(f))
		err = -EIO;
	if (err)
		fprintf(stderr, "pmm-inspect: %s: cannot write\n", path);
	return err;
}

/* The SVG's name for @file under directory @dir: its base name, .svg. */
static void svg_path(char *buf, size_t size, const char *dir, const char *file)
{
	const char *base = strrchr(file, '/');
	const char *dot;
	int len;

	base = base ? base + 1 : file;
	dot = strrchr(base, '.');
	len = dot ? (int)(dot - base) : (int)strlen(base);
	snprintf(buf, size, "%s/%.*s.svg", dir, len, base);
}

/*
 * Name each model whose pmm_init and account differ, built or not (a
 * refusal with another errno, or a build where the account refuses, is
 * as much a fault as a figure).  Return: 0 or EXIT_DIFFER.
 */
static int report_disagreements(const char *file, const struct inspect_result *res,
				unsigned int nr)
{
	unsigned int i;
	int ret = 0;

	for (i = 0; i < nr; i++)
		if (inspect_disagrees(&res[i])) {
			fprintf(stderr, "pmm-inspect: %s: %s: pmm_init disagrees with the account: %s\n",
				file, res[i].model->name, res[i].note);
			ret = EXIT_DIFFER;
		}
	return ret;
}

/* Print the report of one map.  Return: 0 or EXIT_USAGE. */
static int print_report(const struct options *o, const struct report *rp, int *first_json)
{
	int wrap, err;

	if (!o->json)
		return report_text(stdout, rp) ? EXIT_USAGE : 0;
	/* one object per model; an array when there are several */
	wrap = rp->nr_res > 1 && *first_json && !several_maps;
	if (wrap)
		fputs("[\n", stdout);
	err = report_json(stdout, rp, first_json);
	if (wrap)
		fputs("\n]", stdout);
	if (!several_maps)
		fputs("\n", stdout);
	return err ? EXIT_USAGE : 0;
}

/*
 * --live: the memory blocks of the first model that has them (SPARSEMEM's)
 * against the running kernel's.  Return: 0, EXIT_DIFFER or EXIT_USAGE.
 */
static int compare_live(const struct options *o, const struct live_blocks *live,
			const struct inspect_result *res, unsigned int nr)
{
	const struct inspect_result *r = &res[0];
	FILE *f = o->json ? stderr : stdout;
	char ours[256], theirs[256], size[32];
	unsigned int i;

	for (i = 0; i < nr; i++)
		if (!res[i].acct.error && res[i].acct.nr_section_runs) {
			r = &res[i];
			break;
		}
	if (r->acct.error || !r->acct.nr_section_runs) {
		fprintf(stderr, "pmm-inspect: --live: model %s has no memory blocks (%s)\n",
			r->model->name, r->acct.error ? r->acct.reason : "not SPARSEMEM");
		return EXIT_USAGE;
	}
	fprintf(f, "live: %s %lu memory blocks of %s: %s\n", r->model->name,
		r->acct.nr_blocks, report_size(size, sizeof(size), live->block_size, 0),
		live_runs_text(ours, sizeof(ours), r->acct.blocks, r->acct.nr_block_runs));
	fprintf(f, "live: kernel  %lu memory blocks: %s\n", live->count,
		live_runs_text(theirs, sizeof(theirs), live->runs, live->nr_runs));
	if (live_compare(f, r->acct.blocks, r->acct.nr_block_runs, live->runs, live->nr_runs)) {
		fprintf(f, "live: the memory blocks DIFFER\n");
		return EXIT_DIFFER;
	}
	fprintf(f, "live: the memory blocks agree%s\n",
		r->built && r->agrees ? " (and the built instance agrees with its account)" : "");
	if (!live->nr_spans) {
		fprintf(f, "live: no %s/zoneinfo: the blocks' nodes are not compared\n", o->proc);
		return 0;
	}
	if (!r->live_nodes_checked) {
		fprintf(f, "live: the blocks' nodes DIFFER: none compared (%s)\n",
			r->built ? "no block of the kernel's is the instance's" : r->note);
		return EXIT_DIFFER;
	}
	if (r->live_nodes_differ) {
		fprintf(f, "live: the blocks' nodes DIFFER in %lu of %lu blocks; %s\n",
			r->live_nodes_differ, r->live_nodes_checked, r->live_nodes_first);
		return EXIT_DIFFER;
	}
	fprintf(f, "live: the blocks' nodes agree (%lu blocks, %u nodes from %s/zoneinfo)\n",
		r->live_nodes_checked, live->nr_spans, o->proc);
	if (r->live_zones_differ) {
		fprintf(f, "live: the zones DIFFER in %lu of %lu (blocks' valid_zones, nodes' "
			"zones); %s\n", r->live_zones_differ, r->live_zones_checked,
			r->live_zones_first);
		return EXIT_DIFFER;
	}
	fprintf(f, "live: the zones agree (%lu blocks' valid_zones and nodes' zone spans, "
		"the kernel's offline and Movable blocks replayed)\n", r->live_zones_checked);
	return 0;
}

/* The worse of two exit statuses: usage over a difference over success */
static int worse(int a, int b)
{
	return a > b ? a : b;
}

/*
 * --live: the map's RAM in the kernel's nodes (zoneinfo's spans), and the
 * kernel's blocks for the built instance to compare their nodes with.
 * Return: 0, or -ENOMEM said.
 */
static int live_nodes(const struct live_blocks *live, struct report *rp,
		      struct inspect_request *req)
{
	unsigned long block_pages = live->block_size >>
				    rp->preset->models[0].params.page_shift;
	struct pmm_range *ram;
	unsigned int nr;

	if (live_assign_nodes(live, block_pages, rp->ram, rp->nr_ram, &ram, &nr)) {
		fprintf(stderr, "pmm-inspect: --live: out of memory\n");
		return -ENOMEM;
	}
	free((void *)rp->ram);
	rp->ram = ram;
	rp->nr_ram = nr;
	req->live = live->blocks;
	req->nr_live = live->count;
	req->live_zones = live->zones;
	req->nr_live_zones = live->nr_zones;
	return 0;
}

/*
 * Take PFNs [@start, @end) out of RAM @ram (sorted, @nr ranges), splitting
 * a range they fall inside.  Return: 0 or -ENOMEM (@ram unchanged).
 */
static int ram_remove(struct pmm_range **ram, unsigned int *nr,
		      unsigned long start, unsigned long end)
{
	struct pmm_range *r = *ram;
	unsigned int i;

	for (i = 0; i < *nr; i++) {
		if (r[i].end_pfn <= start || r[i].start_pfn >= end)
			continue;
		if (r[i].start_pfn < start && r[i].end_pfn > end) {
			r = realloc(r, (*nr + 1) * sizeof(*r));
			if (!r)
				return -ENOMEM;
			memmove(&r[i + 1], &r[i], (*nr - i) * sizeof(*r));
			r[i].end_pfn = start;
			r[i + 1].start_pfn = end;
			(*nr)++;
			*ram = r;
			return 0;
		}
		if (r[i].start_pfn < start)
			r[i].end_pfn = start;
		else if (r[i].end_pfn > end)
			r[i].start_pfn = end;
		else {
			memmove(&r[i], &r[i + 1], (*nr - i - 1) * sizeof(*r));
			(*nr)--;
			i--;
		}
	}
	return 0;
}

/*
 * What x86 Linux takes from the firmware's RAM before anything else
 * (arch/x86/kernel/setup.c trim_bios_range(), Linux 6.1): the first page,
 * the BIOS's, and 640 KiB to 1 MiB, which some BIOSes call RAM.
 * /proc/iomem shows the result; /sys/firmware/memmap does not.
 */
static int x86_bios_trim(struct pmm_range **ram, unsigned int *nr, int page_shift)
{
	unsigned long page = 1UL << page_shift;

	if (ram_remove(ram, nr, 0, (0x1000 + page - 1) >> page_shift))
		return -ENOMEM;
	return ram_remove(ram, nr, 0xa0000 >> page_shift, (0x100000 + page - 1) >> page_shift);
}

/*
 * Inspect one map: parse, memblock, account and build each model, print.
 * Return: 0, EXIT_DIFFER or EXIT_USAGE.
 */
static int inspect_one(const struct options *o, const char *file, const char *svg,
		       int *first_json, struct live_blocks *live)
{
	struct inspect_result res[INSPECT_MAX_MODELS];
	struct inspect_request req;
	struct layout_error lerr;
	struct report rp;
	struct layout lo;
	int ret = 0, err;

	memset(&rp, 0, sizeof(rp));
	memset(&req, 0, sizeof(req));
	err = layout_read_path(&lo, o->format, file, &lerr);
	if (err) {
		layout_print_error(stderr, &lerr);
		return EXIT_USAGE;
	}
	rp.file = file;
	rp.lo = &lo;
	rp.preset = choose_preset(o, &lo, &rp.preset_why);
	req.preset = rp.preset;
	if (!rp.preset || choose_models(o, rp.preset, &req) ||
	    request_block_size(o, live, &req)) {
		layout_free(&lo);
		return EXIT_USAGE;
	}
	req.build_limit = o->build_limit;
	memcpy(req.pfns, o->pfns, sizeof(req.pfns));
	req.nr_pfns = o->nr_pfns;
	err = layout_memblock(&lo, rp.preset->models[0].params.page_shift,
			      (struct pmm_range **)&rp.ram, &rp.nr_ram, &lerr);
	if (err) {
		layout_print_error(stderr, &lerr);
		layout_free(&lo);
		return EXIT_USAGE;
	}
	if (o->x86_bios_trim &&
	    x86_bios_trim((struct pmm_range **)&rp.ram, &rp.nr_ram,
			  rp.preset->models[0].params.page_shift)) {
		fprintf(stderr, "pmm-inspect: %s: out of memory\n", file);
		free((void *)rp.ram);
		layout_free(&lo);
		return EXIT_USAGE;
	}
	if (live && live->nr_spans && live_nodes(live, &rp, &req)) {
		free((void *)rp.ram);
		layout_free(&lo);
		return EXIT_USAGE;
	}
	if (o->write_layout && write_layout(o->write_layout, &lo))
		ret = EXIT_USAGE;
	err = inspect_run(&req, rp.ram, rp.nr_ram, res);
	if (err) {
		fprintf(stderr, "pmm-inspect: %s: out of memory\n", file);
		free((void *)rp.ram);
		layout_free(&lo);
		return EXIT_USAGE;
	}
	rp.res = res;
	rp.nr_res = req.nr_models;
	ret = worse(ret, report_disagreements(file, res, req.nr_models));
	ret = worse(ret, print_report(o, &rp, first_json));
	if (svg && write_svg(svg, file, &lo, rp.preset, res, req.nr_models))
		ret = EXIT_USAGE;
	if (live)
		ret = worse(ret, compare_live(o, live, res, req.nr_models));
	inspect_results_free(res, req.nr_models);
	free((void *)rp.ram);
	layout_free(&lo);
	return ret;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Is @name a map file, by its extension? */
static int is_map_name(const char *name)
{
	static const char *const ext[] = {
		".txt", ".src", ".dts", ".dtb", ".iomem", ".memmap", ".log",
	};
	const char *dot = strrchr(name, '.');
	unsigned int k;

	for (k = 0; dot && k < sizeof(ext) / sizeof(ext[0]); k++)
		if (!strcmp(dot, ext[k]))
			return 1;
	return 0;
}

static void free_names(char **names, size_t n)
{
	while (n)
		free(names[--n]);
	free(names);
}

/* Append @dir/@name to *@names, grown as needed.  Return: 0 or -ENOMEM. */
static int add_name(char ***names, size_t *n, size_t *cap, const char *dir, const char *name)
{
	char *path;

	if (*n == *cap) {
		size_t grown_cap = *cap ? *cap * 2 : 64;
		char **grown = realloc(*names, grown_cap * sizeof(*grown));

		if (!grown)
			return -ENOMEM;
		*names = grown;
		*cap = grown_cap;
	}
	path = malloc(strlen(dir) + strlen(name) + 2);
	if (!path)
		return -ENOMEM;
	sprintf(path, "%s/%s", dir, name);
	(*names)[(*n)++] = path;
	return 0;
}

/*
 * Every map file of directory @dir, however many, in strcmp order (byte
 * order: the same on every file system, whatever readdir's order).
 * Return: 0, or EXIT_USAGE with a message.
 */
static int list_maps(const char *dir, char ***names, size_t *n)
{
	size_t cap = 0;
	struct dirent *d;
	int err = 0;
	DIR *dp;

	*names = NULL;
	*n = 0;
	dp = opendir(dir);
	if (!dp) {
		fprintf(stderr, "pmm-inspect: %s: %s\n", dir, strerror(errno));
		return EXIT_USAGE;
	}
	while (!err && (d = readdir(dp)))
		if (is_map_name(d->d_name))
			err = add_name(names, n, &cap, dir, d->d_name);
	closedir(dp);
	if (err) {
		fprintf(stderr, "pmm-inspect: %s: out of memory after %zu maps\n", dir, *n);
		free_names(*names, *n);
		return EXIT_USAGE;
	}
	qsort(*names, *n, sizeof(**names), cmp_str);
	return 0;
}

/* A directory of maps (not a /sys/firmware/memmap one): every map file. */
static int inspect_dir(const struct options *o, int *first_json)
{
	char **files;
	size_t n, i;
	int ret;

	ret = list_maps(o->layout, &files, &n);
	if (ret)
		return ret;
	if (o->svg)
		mkdir(o->svg, 0777);
	for (i = 0; i < n; i++) {
		char svg[4096];

		if (o->svg)
			svg_path(svg, sizeof(svg), o->svg, files[i]);
		if (!o->json && i)
			putchar('\n');
		ret = worse(ret, inspect_one(o, files[i], o->svg ? svg : NULL, first_json, NULL));
	}
	free_names(files, n);
	return ret;
}

/* Is @path a directory of maps (not a /sys/firmware/memmap tree)? */
static int is_map_dir(const char *path)
{
	char probe[4096];
	struct stat st;

	if (strcmp(path, "-") == 0 || stat(path, &st) || !S_ISDIR(st.st_mode))
		return 0;
	snprintf(probe, sizeof(probe), "%s/0/start", path);
	return stat(probe, &st) != 0;
}

/*
 * Does @path (an iomem) show addresses?  Linux shows a reader without
 * CAP_SYS_ADMIN every range as 00000000-00000000.
 */
static int iomem_shows_addresses(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[512];
	int shown = 0;

	if (!f)
		return 0;
	while (!shown && fgets(line, sizeof(line), f))
		shown = strchr(line, ':') && strspn(line, " 0-") < strcspn(line, ":");
	fclose(f);
	return shown;
}

/*
 * The kernel's memory blocks against what pmm builds from the kernel's
 * own map: /proc/iomem, after mem=, memmap= and the kernel's trims (x86
 * reserves the first page), not /sys/firmware/memmap, which keeps the
 * firmware's map as it was.  The firmware's only where iomem hides its
 * addresses (not root), said on stderr.  A device-tree machine, with no
 * firmware memmap, has its blob read instead (live_fdt_map() says when),
 * or the above when the blob will not do, said on stderr.
 */
static int live(struct options *o, int *first_json)
{
	struct live_blocks lb;
	char why[512], map[4096];
	int ret, fdt;

	if (live_read_blocks(o->sysfs, &lb, why, sizeof(why))) {
		fprintf(stderr, "pmm-inspect: --live: %s\n", why);
		return EXIT_USAGE;
	}
	if (live_read_zoneinfo(o->proc, &lb) == -ENOMEM) {
		fprintf(stderr, "pmm-inspect: --live: out of memory\n");
		live_free(&lb);
		return EXIT_USAGE;
	}
	if (!o->preset && !strcmp(host_arch(), "x86_64")) {
		static char how[256];

		o->preset = live_x86_64_preset(o->proc, how, sizeof(how));
		o->preset_why = how;
	} else if (!o->preset) {
		o->preset = inspect_preset_for_arch(host_arch());
		o->preset_why = "the running kernel's arch";
	}
	fdt = live_fdt_map(o->sysfs, map, sizeof(map), why, sizeof(why));
	if (!fdt && why[0])
		fprintf(stderr, "pmm-inspect: --live: %s: reading the kernel's map instead\n", why);
	if (!fdt)
		snprintf(map, sizeof(map), "%s/iomem", o->proc);
	if (fdt) {
		o->format = LAYOUT_FORMAT_DTB;
	} else if (iomem_shows_addresses(map)) {
		o->format = LAYOUT_FORMAT_IOMEM;
	} else {
		fprintf(stderr, "pmm-inspect: --live: %s shows no addresses (not root?): "
			"reading the firmware's map, which mem= and memmap= do not change\n", map);
		snprintf(map, sizeof(map), "%s/firmware/memmap", o->sysfs);
		o->format = LAYOUT_FORMAT_MEMMAP;
		/* the kernel's own trims, at least, are known */
		o->x86_bios_trim = o->preset && !strncmp(o->preset, "x86", 3);
	}
	ret = inspect_one(o, map, o->svg, first_json, &lb);
	live_free(&lb);
	return ret;
}

int main(int argc, char **argv)
{
	struct options o;
	int first_json = 1, ret, several;

	ret = parse_args(argc, argv, &o);
	if (ret == 1) {
		list_presets();
		return 0;
	}
	if (ret)
		return EXIT_USAGE;
	several_maps = o.layout && is_map_dir(o.layout);
	several = o.json && several_maps;
	if (several)
		fputs("[\n", stdout);
	if (o.live)
		ret = live(&o, &first_json);
	else if (is_map_dir(o.layout))
		ret = inspect_dir(&o, &first_json);
	else
		ret = inspect_one(&o, o.layout, o.svg, &first_json, NULL);
	if (several)
		fputs("\n]\n", stdout);
	return ret;
}
