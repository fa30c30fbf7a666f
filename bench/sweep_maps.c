// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * sweep_maps.c - the memory maps the sweep runs on
 *
 * Synthetic maps, in bytes, 4 GiB of RAM each so that every configuration
 * initialises in milliseconds and a walk of the whole map takes a few:
 *
 *	dense	one range from 0, one node
 *	holes	a PC's: the 640 KiB and PCI holes below 4 GiB, 1 GiB above,
 *		then 2.9 GiB of nothing and 128 MiB at 8 GiB (a section
 *		alone, the rest absent)
 *	numa4	4 nodes of 1 GiB, 16 GiB apart (the first without its
 *		first MiB)
 *	numa16	16 nodes of 256 MiB, 4 GiB apart
 *
 * and two for the blocks that are not conversions:
 *
 *	pc1g	  1088 MiB from 0 with a PC's hole below 1 MiB, so that the
 *		  section at 1 GiB has RAM in its first half and a hole in
 *		  the rest: where hotplug's cases put a device range
 *	numa16-128g 16 nodes of 8 GiB back to back: a whole boot of a
 *		  2 GiB memmap, with deferred init spread over the nodes
 *
 * "NAME@0xOFFSET" moves a map up by OFFSET bytes (FLATMEM's RAM above
 * ARCH_PFN_OFFSET).  Anything else is a path to a data/layouts/ file,
 * read with tools/layout/layout.h: its RAM, its nodes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pmm_types.h"
#include "sweep.h"
#include "layout.h"

#define KIB	(1ULL << 10)
#define MIB	(1ULL << 20)
#define GIB	(1ULL << 30)

struct sweep_range {
	unsigned long long start, end;
	int nid;
};

static const struct sweep_range holes_ram[] = {
	{ 4 * KIB, 636 * KIB, 0 },
	{ 1 * MIB, 3 * GIB - 64 * MIB, 0 },
	{ 4 * GIB, 5 * GIB, 0 },
	{ 8 * GIB, 8 * GIB + 128 * MIB, 0 },
};

static const struct sweep_range pc1g_ram[] = {
	{ 0, 636 * KIB, 0 },
	{ 1 * MIB, 1088 * MIB, 0 },
};

static const struct sweep_range dense_ram[] = {
	{ 0, 4 * GIB, 0 },
};

struct sweep_synthetic {
	const char *name;
	const char *desc;
	const struct sweep_range *ram;	/* NULL: @nodes nodes, @stride apart */
	unsigned int nr;
	unsigned int nodes;
	unsigned long long node_size, stride;
};

static const struct sweep_synthetic synthetic[] = {
	{ "dense", "4 GiB from 0, one node", dense_ram, 1, 1, 0, 0 },
	{ "holes", "4 GiB with a PC's holes and an isolated section at 8 GiB",
	  holes_ram, sizeof(holes_ram) / sizeof(holes_ram[0]), 1, 0, 0 },
	{ "numa4", "4 nodes of 1 GiB, 16 GiB apart", NULL, 0, 4, 1 * GIB, 16 * GIB },
	{ "numa16", "16 nodes of 256 MiB, 4 GiB apart", NULL, 0, 16, 256 * MIB, 4 * GIB },
	{ "pc1g", "1088 MiB with a PC's hole below 1 MiB: the section at 1 GiB half RAM",
	  pc1g_ram, sizeof(pc1g_ram) / sizeof(pc1g_ram[0]), 1, 0, 0 },
	{ "numa16-128g", "16 nodes of 8 GiB back to back", NULL, 0, 16, 8 * GIB, 8 * GIB },
};

static int map_alloc(struct sweep_map *map, const char *name, const char *desc,
		     unsigned int nr)
{
	memset(map, 0, sizeof(*map));
	map->name = strdup(name);
	map->desc = strdup(desc ? desc : "");
	map->start = calloc(nr ? nr : 1, sizeof(*map->start));
	map->end = calloc(nr ? nr : 1, sizeof(*map->end));
	map->nid = calloc(nr ? nr : 1, sizeof(*map->nid));
	map->nr = nr;
	if (!map->name || !map->desc || !map->start || !map->end || !map->nid) {
		sweep_map_free(map);
		return -ENOMEM;
	}
	return 0;
}

static int load_synthetic(const struct sweep_synthetic *s, unsigned long long offset,
			  const char *name, struct sweep_map *map)
{
	unsigned int nr = s->ram ? s->nr : s->nodes, i;

	if (map_alloc(map, name, s->desc, nr))
		return -ENOMEM;
	for (i = 0; i < nr; i++) {
		if (s->ram) {
			map->start[i] = s->ram[i].start;
			map->end[i] = s->ram[i].end;
			map->nid[i] = s->ram[i].nid;
		} else {
			/* node 0 keeps the first MiB out, as firmware does */
			map->start[i] = i * s->stride + (i ? 0 : MIB);
			map->end[i] = i * s->stride + s->node_size;
			map->nid[i] = (int)i;
		}
		map->start[i] += offset;
		map->end[i] += offset;
	}
	return 0;
}

static int load_layout(const char *path, struct sweep_map *map, char *err,
		       unsigned long errlen)
{
	struct layout_error lerr;
	struct layout lo;
	const char *base = strrchr(path, '/');
	char name[256];
	unsigned int i, nr = 0;
	int ret;

	ret = layout_read_file(&lo, path, &lerr);
	if (ret) {
		if (lerr.line)
			snprintf(err, errlen, "%s:%u: %s", path, lerr.line, lerr.reason);
		else
			snprintf(err, errlen, "%s: %s", path, lerr.reason);
		return ret;
	}
	snprintf(name, sizeof(name), "%s", base ? base + 1 : path);
	if (strlen(name) > 4 && !strcmp(name + strlen(name) - 4, ".txt"))
		name[strlen(name) - 4] = '\0';
	for (i = 0; i < lo.nr_entries; i++)
		nr += lo.entries[i].type == LAYOUT_RAM;
	ret = map_alloc(map, name, lo.desc, nr);
	for (i = 0, nr = 0; !ret && i < lo.nr_entries; i++) {
		const struct layout_entry *e = &lo.entries[i];

		if (e->type != LAYOUT_RAM)
			continue;
		map->start[nr] = e->start;
		/* inclusive end; RAM never reaches the top byte of the space */
		map->end[nr] = e->end + 1;
		map->nid[nr++] = e->node;
	}
	layout_free(&lo);
	if (ret)
		snprintf(err, errlen, "%s: out of memory", path);
	return ret;
}

int sweep_map_load(const char *name, struct sweep_map *map, char *err,
		   unsigned long errlen)
{
	const char *at = strchr(name, '@');
	size_t len = at ? (size_t)(at - name) : strlen(name);
	unsigned long long offset = 0;
	unsigned int i;

	for (i = 0; i < sizeof(synthetic) / sizeof(synthetic[0]); i++) {
		if (strlen(synthetic[i].name) != len || strncmp(name, synthetic[i].name, len))
			continue;
		if (at) {
			char *end;

			errno = 0;
			offset = strtoull(at + 1, &end, 0);
			if (errno || *end || end == at + 1) {
				snprintf(err, errlen, "%s: not a map name: bad offset", name);
				return -EINVAL;
			}
		}
		if (load_synthetic(&synthetic[i], offset, name, map)) {
			snprintf(err, errlen, "%s: out of memory", name);
			return -ENOMEM;
		}
		return 0;
	}
	return load_layout(name, map, err, errlen);
}

void sweep_map_free(struct sweep_map *map)
{
	free(map->name);
	free(map->desc);
	free(map->start);
	free(map->end);
	free(map->nid);
	memset(map, 0, sizeof(*map));
}

static int by_start(const void *a, const void *b)
{
	const struct pmm_range *x = a, *y = b;

	return x->start_pfn < y->start_pfn ? -1 : x->start_pfn > y->start_pfn;
}

int sweep_map_pfns(const struct sweep_map *map, int page_shift,
		   struct pmm_range **ram, unsigned int *nr)
{
	unsigned long long page = 1ULL << page_shift;
	unsigned int i, n = 0;

	*ram = calloc(map->nr ? map->nr : 1, sizeof(**ram));
	if (!*ram)
		return -ENOMEM;
	for (i = 0; i < map->nr; i++) {
		unsigned long long start = (map->start[i] + page - 1) >> page_shift;
		unsigned long long end = map->end[i] >> page_shift;

		if (start >= end)
			continue;
		(*ram)[n].start_pfn = (unsigned long)start;
		(*ram)[n].end_pfn = (unsigned long)end;
		(*ram)[n++].nid = map->nid[i];
	}
	/* in address order: the walk and the sequential inputs go upwards */
	qsort(*ram, n, sizeof(**ram), by_start);
	*nr = n;
	return 0;
}
