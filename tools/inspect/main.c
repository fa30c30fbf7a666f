// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * main.c - pmm-inspect: what each memory model builds for a real machine's map
 *
 *	pmm-inspect --layout FILE|DIR|- [--format F] [--preset NAME]
 *		    [--model M|all] [--pfn N]... [--block-size BYTES]
 *		    [--build-limit BYTES] [--json] [--svg FILE|DIR]
 *		    [--write-layout FILE]
 *	pmm-inspect --live [--sysfs DIR] [--preset NAME] [--model M] [--json]
 *	pmm-inspect --list-presets
 *
 * Exit status: 0; 1 when a built model disagrees with its account or
 * --live finds the kernel's memory blocks differ; 2 for bad input or
 * usage (a malformed map is reported as file:line: reason).
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>

#include "layout.h"
#include "inspect.h"
#include "live.h"
#include "report.h"
#include "svg.h"

#define EXIT_DIFFER	1
#define EXIT_USAGE	2
#define MAX_FILES	1024

/* --layout names a directory of maps: one JSON array for all of them */
static int several_maps;

struct options {
	const char *layout;
	enum layout_format format;
	const char *preset;
	const char *model;
	const char *svg;
	const char *write_layout;
	const char *sysfs;
	const char *preset_why;		/* how o->preset was chosen */
	unsigned long long block_size;
	unsigned long long build_limit;
	unsigned long pfns[INSPECT_MAX_PFNS];
	unsigned int nr_pfns;
	int json;
	int live;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: pmm-inspect --layout FILE|DIR|- [options]   inspect a memory map\n"
		"       pmm-inspect --live [options]                compare with this machine's kernel\n"
		"       pmm-inspect --list-presets\n"
		"options:\n"
		"  --format auto|layout|iomem|memmap|dmesg|dts   the map's format (default auto)\n"
		"  --preset NAME        parameters (gen/presets.toml; default: the map's arch)\n"
		"  --model M            flat|discontig|sparse|sparse-static|vmemmap|all (default all;\n"
		"                       --live: the preset's own)\n"
		"  --pfn N              answer pfn_valid, node, section, block for N (repeatable)\n"
		"  --block-size BYTES   memory block size (default: one section; K/M/G suffixes)\n"
		"  --build-limit BYTES  build for real up to this allocation (default 512M; 0: never)\n"
		"  --json               JSON instead of text (one object per model)\n"
		"  --svg FILE           draw the address space (a directory when --layout is one)\n"
		"  --write-layout FILE  write the parsed map in data/layouts/ format ('-': stdout)\n"
		"  --sysfs DIR          where sysfs is, for --live (default /sys)\n");
}

static int parse_bytes(const char *s, unsigned long long *v)
{
	char *end;
	unsigned long long n;
	int shift = 0;

	errno = 0;
	n = strtoull(s, &end, 0);
	if (errno || end == s || *s == '-')
		return -EINVAL;
	switch (*end) {
	case 'K': case 'k': shift = 10; end++; break;
	case 'M': case 'm': shift = 20; end++; break;
	case 'G': case 'g': shift = 30; end++; break;
	case 'T': case 't': shift = 40; end++; break;
	}
	if (*end || (shift && n > (~0ULL >> shift)))
		return -EINVAL;
	*v = n << shift;
	return 0;
}

static int parse_args(int argc, char **argv, struct options *o)
{
	static const struct option longs[] = {
		{ "layout", required_argument, NULL, 'l' },
		{ "format", required_argument, NULL, 'f' },
		{ "preset", required_argument, NULL, 'p' },
		{ "model", required_argument, NULL, 'm' },
		{ "pfn", required_argument, NULL, 'n' },
		{ "block-size", required_argument, NULL, 'b' },
		{ "build-limit", required_argument, NULL, 'B' },
		{ "json", no_argument, NULL, 'j' },
		{ "svg", required_argument, NULL, 's' },
		{ "write-layout", required_argument, NULL, 'w' },
		{ "live", no_argument, NULL, 'L' },
		{ "sysfs", required_argument, NULL, 'S' },
		{ "list-presets", no_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long long v;
	char *end;
	int c;

	memset(o, 0, sizeof(*o));
	o->build_limit = 512ULL << 20;
	o->sysfs = "/sys";
	while ((c = getopt_long(argc, argv, "", longs, NULL)) != -1) {
		switch (c) {
		case 'l': o->layout = optarg; break;
		case 'f':
			if (layout_format_parse(optarg, &o->format)) {
				fprintf(stderr, "pmm-inspect: --format %s: not one of auto, layout, iomem, memmap, dmesg, dts\n",
					optarg);
				return -EINVAL;
			}
			break;
		case 'p': o->preset = optarg; break;
		case 'm': o->model = optarg; break;
		case 'n':
			errno = 0;
			if (o->nr_pfns == INSPECT_MAX_PFNS) {
				fprintf(stderr, "pmm-inspect: at most %d --pfn\n", INSPECT_MAX_PFNS);
				return -EINVAL;
			}
			o->pfns[o->nr_pfns] = strtoul(optarg, &end, 0);
			if (errno || end == optarg || *end || *optarg == '-') {
				fprintf(stderr, "pmm-inspect: --pfn %s: not a PFN (decimal or 0x hex)\n",
					optarg);
				return -EINVAL;
			}
			o->nr_pfns++;
			break;
		case 'b':
			if (parse_bytes(optarg, &v) || !v || v & (v - 1)) {
				fprintf(stderr, "pmm-inspect: --block-size %s: not a power of two\n",
					optarg);
				return -EINVAL;
			}
			o->block_size = v;
			break;
		case 'B':
			if (parse_bytes(optarg, &o->build_limit)) {
				fprintf(stderr, "pmm-inspect: --build-limit %s: not a size\n", optarg);
				return -EINVAL;
			}
			break;
		case 'j': o->json = 1; break;
		case 's': o->svg = optarg; break;
		case 'w': o->write_layout = optarg; break;
		case 'L': o->live = 1; break;
		case 'S': o->sysfs = optarg; break;
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
	for (i = 0; i < p->nr_models && req->nr_models < 8; i++)
		if (!strcmp(want, "all") || !strcmp(want, p->models[i].name))
			req->models[req->nr_models++] = i;
	if (!req->nr_models) {
		fprintf(stderr, "pmm-inspect: --model %s: one of flat, discontig, sparse, sparse-static, vmemmap, all\n",
			want);
		return -EINVAL;
	}
	return 0;
}

static int block_bits(const struct options *o, const struct inspect_preset *p)
{
	int bits, section = 0;
	unsigned int i;

	if (!o->block_size)
		return 0;
	bits = __builtin_ctzll(o->block_size);
	for (i = 0; i < p->nr_models; i++)
		if (p->models[i].params.section_size_bits)
			section = p->models[i].params.section_size_bits;
	if (bits < section) {
		fprintf(stderr, "pmm-inspect: --block-size: a memory block holds whole sections: at least %llu bytes for preset %s\n",
			1ULL << section, p->name);
		return -EINVAL;
	}
	return bits;
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
	struct account accts[8];
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
 * Inspect one map: parse, memblock, account and build each model, print.
 * Return: 0, EXIT_DIFFER or EXIT_USAGE.
 */
static int inspect_one(const struct options *o, const char *file, const char *svg,
		       int *first_json, struct live_blocks *live)
{
	struct inspect_result res[8];
	struct inspect_request req;
	struct layout_error lerr;
	struct report rp;
	struct layout lo;
	unsigned int i;
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
	if (!rp.preset || choose_models(o, rp.preset, &req)) {
		layout_free(&lo);
		return EXIT_USAGE;
	}
	req.preset = rp.preset;
	req.build_limit = o->build_limit;
	req.block_size_bits = live ? live->block_size_bits : block_bits(o, rp.preset);
	if (req.block_size_bits < 0) {
		layout_free(&lo);
		return EXIT_USAGE;
	}
	memcpy(req.pfns, o->pfns, sizeof(req.pfns));
	req.nr_pfns = o->nr_pfns;
	err = layout_memblock(&lo, rp.preset->models[0].params.page_shift,
			      (struct pmm_range **)&rp.ram, &rp.nr_ram, &lerr);
	if (err) {
		layout_print_error(stderr, &lerr);
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
	for (i = 0; i < req.nr_models; i++)
		if (res[i].built && !res[i].agrees) {
			fprintf(stderr, "pmm-inspect: %s: %s: the built model disagrees with its account: %s\n",
				file, res[i].model->name, res[i].note);
			ret = EXIT_DIFFER;
		}
	if (o->json) {
		/* one object per model; an array when there are several */
		int wrap = rp.nr_res > 1 && *first_json && !several_maps;

		if (wrap)
			fputs("[\n", stdout);
		if (report_json(stdout, &rp, first_json))
			ret = EXIT_USAGE;
		if (wrap)
			fputs("\n]", stdout);
		if (!several_maps)
			fputs("\n", stdout);
	} else if (report_text(stdout, &rp)) {
		ret = EXIT_USAGE;
	}
	if (svg && write_svg(svg, file, &lo, rp.preset, res, req.nr_models))
		ret = EXIT_USAGE;
	if (live) {
		/* the first model with memory blocks: SPARSEMEM's */
		const struct inspect_result *r = &res[0];
		char ours[256], theirs[256];

		for (i = 0; i < req.nr_models; i++)
			if (!res[i].acct.error && res[i].acct.nr_section_runs) {
				r = &res[i];
				break;
			}

		if (r->acct.error || !r->acct.nr_section_runs) {
			fprintf(stderr, "pmm-inspect: --live: model %s has no memory blocks (%s)\n",
				r->model->name, r->acct.error ? r->acct.reason : "not SPARSEMEM");
			ret = EXIT_USAGE;
		} else {
			FILE *f = o->json ? stderr : stdout;

			fprintf(f, "live: %s %lu memory blocks of %llu MiB: %s\n", r->model->name,
				r->acct.nr_blocks, (1ULL << live->block_size_bits) >> 20,
				live_runs_text(ours, sizeof(ours), r->acct.blocks, r->acct.nr_block_runs));
			fprintf(f, "live: kernel  %lu memory blocks: %s\n", live->count,
				live_runs_text(theirs, sizeof(theirs), live->runs, live->nr_runs));
			if (live_compare(f, r->acct.blocks, r->acct.nr_block_runs,
					 live->runs, live->nr_runs)) {
				fprintf(f, "live: the memory blocks DIFFER\n");
				ret = EXIT_DIFFER;
			} else {
				fprintf(f, "live: the memory blocks agree%s\n",
					r->built ? " (and the built instance agrees with its account)" : "");
			}
		}
	}
	inspect_results_free(res, req.nr_models);
	free((void *)rp.ram);
	layout_free(&lo);
	return ret;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A directory of maps (not a /sys/firmware/memmap one): every map file. */
static int inspect_dir(const struct options *o, int *first_json)
{
	static const char *const ext[] = { ".txt", ".src", ".dts", ".iomem", ".memmap", ".log" };
	char *files[MAX_FILES];
	unsigned int n = 0, i, k;
	struct dirent *d;
	int ret = 0;
	DIR *dp;

	dp = opendir(o->layout);
	if (!dp) {
		fprintf(stderr, "pmm-inspect: %s: %s\n", o->layout, strerror(errno));
		return EXIT_USAGE;
	}
	while ((d = readdir(dp)) && n < MAX_FILES) {
		const char *dot = strrchr(d->d_name, '.');

		for (k = 0; dot && k < sizeof(ext) / sizeof(ext[0]); k++)
			if (!strcmp(dot, ext[k]))
				break;
		if (!dot || k == sizeof(ext) / sizeof(ext[0]))
			continue;
		files[n] = malloc(strlen(o->layout) + strlen(d->d_name) + 2);
		if (!files[n])
			break;
		sprintf(files[n++], "%s/%s", o->layout, d->d_name);
	}
	closedir(dp);
	qsort(files, n, sizeof(files[0]), cmp_str);
	if (o->svg)
		mkdir(o->svg, 0777);
	for (i = 0; i < n; i++) {
		char svg[4096];
		int r;

		if (o->svg)
			svg_path(svg, sizeof(svg), o->svg, files[i]);
		if (!o->json && i)
			putchar('\n');
		r = inspect_one(o, files[i], o->svg ? svg : NULL, first_json, NULL);
		if (r > ret)
			ret = r;
		free(files[i]);
	}
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

static int live(struct options *o, int *first_json)
{
	struct live_blocks lb;
	char why[512], fw[4096];
	struct stat st;
	int ret;

	if (live_read_blocks(o->sysfs, &lb, why, sizeof(why))) {
		fprintf(stderr, "pmm-inspect: --live: %s\n", why);
		return EXIT_USAGE;
	}
	if (!o->preset) {
		o->preset = inspect_preset_for_arch(host_arch());
		o->preset_why = "the running kernel's arch";
	}
	snprintf(fw, sizeof(fw), "%s/firmware/memmap", o->sysfs);
	if (stat(fw, &st) == 0) {
		o->format = LAYOUT_FORMAT_MEMMAP;
	} else {
		snprintf(fw, sizeof(fw), "/proc/iomem");
		o->format = LAYOUT_FORMAT_IOMEM;
	}
	ret = inspect_one(o, fw, o->svg, first_json, &lb);
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
