// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * live.c - this machine's memory blocks (live.h)
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "layout.h"
#include "live.h"
#include "number.h"

void live_free(struct live_blocks *lb)
{
	free(lb->runs);
	free(lb->blocks);
	free(lb->spans);
	free(lb->zones);
	memset(lb, 0, sizeof(*lb));
}

/* The first line of <@dir>/@file into @buf, without its newline; 1, or 0 */
static int live_read_word(const char *dir, const char *file, char *buf, size_t size)
{
	char path[LIVE_PATH_MAX + 64];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (!fgets(buf, (int)size, f))
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return 1;
}

/* The nodes <@dir>/memory<@id> is linked to (its node<M> entries), its state and zones. */
static void live_block_nodes(const char *dir, struct live_block *b)
{
	char path[LIVE_PATH_MAX + 32], state[16];
	struct dirent *d;
	DIR *dp;

	b->nodes = 0;
	b->far_node = 0;
	snprintf(path, sizeof(path), "%s/memory%lu", dir, b->id);
	dp = opendir(path);
	if (!dp)
		return;
	while ((d = readdir(dp))) {
		const char *end;
		unsigned long long nid;

		if (strncmp(d->d_name, "node", 4) ||
		    number_parse(d->d_name + 4, 10, &end, &nid) || *end)
			continue;
		if (nid < 8 * sizeof(b->nodes))
			b->nodes |= 1UL << nid;
		else
			b->far_node = 1;
	}
	closedir(dp);
	b->online = live_read_word(path, "state", state, sizeof(state)) &&
		    !strcmp(state, "online");
	if (!live_read_word(path, "valid_zones", b->zones, sizeof(b->zones)))
		b->zones[0] = '\0';
}

static int live_cmp_id(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

/*
 * block_size_bytes: hex digits without 0x, then a newline (the kernel's
 * "%lx\n"), and nothing else.  Whether the size fits the model is the
 * caller's to say: it knows the preset.
 */
static int live_block_size(const char *dir, struct live_blocks *lb, char *why, size_t why_size)
{
	char *path = lb->block_size_file, text[64];
	const char *end;
	size_t len;
	int more;
	FILE *f;

	if (snprintf(path, sizeof(lb->block_size_file), "%s/block_size_bytes", dir) >=
	    (int)sizeof(lb->block_size_file)) {
		snprintf(why, why_size, "path too long");
		return -ENAMETOOLONG;
	}
	f = fopen(path, "r");
	if (!f) {
		snprintf(why, why_size, "%s: cannot open: %s", path, strerror(errno));
		return -ENOENT;
	}
	if (!fgets(text, sizeof(text), f)) {
		if (ferror(f)) {
			snprintf(why, why_size, "%s: cannot read: %s", path, strerror(errno));
			fclose(f);
			return -EIO;
		}
		text[0] = '\0';
	}
	/* more than the one line: a longer number, or something else */
	more = fgetc(f) != EOF;
	fclose(f);
	len = strcspn(text, "\n");
	if (number_parse(text, 16, &end, &lb->block_size) || end != text + len || more) {
		text[len] = '\0';
		snprintf(why, why_size, "%s: '%.20s%s' is not one size in hex (the kernel's %%lx)",
			 path, text, more ? "..." : "");
		return -EINVAL;
	}
	return 0;
}

int live_read_blocks(const char *sysfs, struct live_blocks *lb, char *why, size_t why_size)
{
	unsigned long *ids = NULL, n = 0, cap = 0, i;
	char dir[4096];
	struct dirent *d;
	int err;
	DIR *dp;

	memset(lb, 0, sizeof(*lb));
	if (snprintf(dir, sizeof(dir), "%s/devices/system/memory", sysfs) >= (int)sizeof(dir)) {
		snprintf(why, why_size, "path too long");
		return -ENAMETOOLONG;
	}
	err = live_block_size(dir, lb, why, why_size);
	if (err)
		return err;
	dp = opendir(dir);
	if (!dp) {
		snprintf(why, why_size, "%s: cannot open: %s", dir, strerror(errno));
		return -ENOENT;
	}
	err = 0;
	while ((d = readdir(dp))) {
		const char *end;
		unsigned long long id;

		if (strncmp(d->d_name, "memory", 6) ||
		    number_parse(d->d_name + 6, 10, &end, &id) || *end || id > ULONG_MAX)
			continue;
		if (n == cap) {
			unsigned long *grown;

			cap = cap ? cap * 2 : 256;
			grown = realloc(ids, cap * sizeof(*ids));
			if (!grown) {
				err = -ENOMEM;
				break;
			}
			ids = grown;
		}
		ids[n++] = id;
	}
	closedir(dp);
	if (!err && n) {
		qsort(ids, n, sizeof(*ids), live_cmp_id);
		lb->runs = malloc(n * sizeof(*lb->runs));
		lb->blocks = malloc(n * sizeof(*lb->blocks));
		if (!lb->runs || !lb->blocks)
			err = -ENOMEM;
	}
	for (i = 0; !err && i < n; i++) {
		lb->blocks[i].id = ids[i];
		live_block_nodes(dir, &lb->blocks[i]);
		if (lb->nr_runs && ids[i] == lb->runs[lb->nr_runs - 1].last + 1) {
			lb->runs[lb->nr_runs - 1].last = ids[i];
		} else {
			lb->runs[lb->nr_runs].first = ids[i];
			lb->runs[lb->nr_runs].last = ids[i];
			lb->nr_runs++;
		}
		lb->count++;
	}
	free(ids);
	if (err) {
		snprintf(why, why_size, "out of memory");
		live_free(lb);
	}
	return err;
}

/* Does a line of <@proc>/@file hold @word, delimited as @before and @after say? */
static int live_file_has(const char *proc, const char *file, const char *before,
			 const char *word, const char *after)
{
	char path[LIVE_PATH_MAX], line[4096];
	size_t n = strlen(word);
	int found = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", proc, file);
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f)) {
		const char *p;

		for (p = line; !found && (p = strstr(p, word)); p += n)
			found = p > line && strchr(before, p[-1]) && strchr(after, p[n]);
	}
	fclose(f);
	return found;
}

const char *live_x86_64_preset(const char *proc, char *why, size_t why_size)
{
	static const char *const names[] = {
		"x86_64", "x86_64_la57", "x86_64_distro", "x86_64_la57_distro",
	};
	/* cpuinfo's flags are words; kallsyms' lines end in the name (then a tab or not) */
	int la57 = live_file_has(proc, "cpuinfo", " \t", "la57", " \n");
	int page_ext = live_file_has(proc, "kallsyms", " \t", "page_ext_init", "\t\n");

	snprintf(why, why_size, "the running kernel's: %s, %s", la57 ?
		 "5-level paging (la57 in cpuinfo)" : "4-level paging (no la57 in cpuinfo)",
		 page_ext ? "CONFIG_PAGE_EXTENSION (page_ext_init in kallsyms)" :
		 "no CONFIG_PAGE_EXTENSION (no page_ext_init in kallsyms)");
	return names[la57 + 2 * page_ext];
}

int live_read_zoneinfo(const char *proc, struct live_blocks *lb)
{
	char path[LIVE_PATH_MAX], line[512], name[16];
	unsigned long spanned = 0, start;
	struct live_node_span *span = NULL;
	struct live_zone *zone = NULL;
	int nid;
	FILE *f;

	snprintf(path, sizeof(path), "%s/zoneinfo", proc);
	f = fopen(path, "r");
	if (!f)
		return -ENOENT;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "Node %d, zone %15s", &nid, name) == 2) {
			struct live_zone *more = realloc(lb->zones,
							 (lb->nr_zones + 1) * sizeof(*more));
			unsigned int i;

			if (!more) {
				fclose(f);
				return -ENOMEM;
			}
			lb->zones = more;
			zone = &lb->zones[lb->nr_zones++];
			memset(zone, 0, sizeof(*zone));
			zone->nid = nid;
			strcpy(zone->name, name);
			for (i = 0; i < lb->nr_spans && lb->spans[i].nid != nid; i++)
				;
			if (i == lb->nr_spans) {
				struct live_node_span *grown = realloc(lb->spans,
								      (i + 1) * sizeof(*grown));

				if (!grown) {
					fclose(f);
					return -ENOMEM;
				}
				lb->spans = grown;
				lb->spans[i] = (struct live_node_span){ nid, 0, 0 };
				lb->nr_spans++;
			}
			span = &lb->spans[i];
			spanned = 0;
		} else if (sscanf(line, " spanned %lu", &spanned) == 1) {
			if (zone)
				zone->spanned = spanned;
		} else if (span && sscanf(line, " start_pfn: %lu", &start) == 1) {
			zone->start_pfn = start;
			zone->populated = 1;
			if (!spanned)
				continue;
			if (span->start_pfn == span->end_pfn || start < span->start_pfn)
				span->start_pfn = start;
			if (start + spanned > span->end_pfn)
				span->end_pfn = start + spanned;
		}
	}
	fclose(f);
	return lb->nr_spans ? 0 : -EINVAL;
}

int live_assign_nodes(const struct live_blocks *lb, unsigned long block_pages,
		      const struct pmm_range *ram, unsigned int nr,
		      struct pmm_range **out, unsigned int *nr_out)
{
	unsigned int i, k, n = 0, cap = nr * (lb->nr_spans + 1) * 2 + 1;
	struct pmm_range *r = malloc(cap * sizeof(*r));

	if (!r)
		return -ENOMEM;
	for (i = 0; i < nr; i++) {
		unsigned long pfn = ram[i].start_pfn;

		while (pfn < ram[i].end_pfn) {
			unsigned long end = ram[i].end_pfn;
			int nid = -1;

			/* the span that holds pfn, else where the next one starts */
			for (k = 0; k < lb->nr_spans; k++) {
				const struct live_node_span *s = &lb->spans[k];

				if (pfn >= s->start_pfn && pfn < s->end_pfn) {
					nid = s->nid;
					end = end < s->end_pfn ? end : s->end_pfn;
					break;
				}
				if (s->start_pfn > pfn && s->start_pfn < end)
					end = s->start_pfn;
			}
			if (nid < 0) {
				unsigned long id = pfn / block_pages, b;

				/* the block's links, up to its end */
				end = end < (id + 1) * block_pages ? end : (id + 1) * block_pages;
				nid = 0;
				for (b = 0; b < lb->count && lb->blocks[b].id != id; b++)
					;
				if (b < lb->count && lb->blocks[b].nodes)
					nid = __builtin_ctzl(lb->blocks[b].nodes);
			}
			if (n && r[n - 1].nid == nid && r[n - 1].end_pfn == pfn) {
				r[n - 1].end_pfn = end;
			} else {
				if (n == cap) {
					struct pmm_range *grown = realloc(r, 2 * cap * sizeof(*r));

					if (!grown) {
						free(r);
						return -ENOMEM;
					}
					r = grown;
					cap *= 2;
				}
				r[n++] = (struct pmm_range){ pfn, end, nid };
			}
			pfn = end;
		}
	}
	*out = r;
	*nr_out = n;
	return 0;
}

const char *live_runs_text(char *buf, size_t size, const struct account_run *runs,
			   unsigned int nr)
{
	size_t len = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < nr; i++) {
		int n;

		if (runs[i].first == runs[i].last)
			n = snprintf(buf + len, size - len, "%s%lu", i ? ", " : "", runs[i].first);
		else
			n = snprintf(buf + len, size - len, "%s%lu-%lu", i ? ", " : "",
				     runs[i].first, runs[i].last);
		if (n < 0 || (size_t)n >= size - len) {
			if (size > 4)
				strcpy(buf + size - 4, "...");
			break;
		}
		len += (size_t)n;
	}
	if (!nr)
		snprintf(buf, size, "none");
	return buf;
}

/* Is @id in @runs? */
static int live_has(const struct account_run *runs, unsigned int nr, unsigned long id)
{
	unsigned int lo = 0, hi = nr;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (id < runs[mid].first)
			hi = mid;
		else if (id > runs[mid].last)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

/* Print the ids of @a that @b lacks, as runs; return how many. */
static unsigned long live_missing(FILE *f, const char *what, const struct account_run *a,
				  unsigned int nr_a, const struct account_run *b,
				  unsigned int nr_b)
{
	unsigned long count = 0, start = 0, prev = 0;
	int open = 0;
	unsigned int i;

	for (i = 0; i < nr_a; i++) {
		unsigned long id;

		for (id = a[i].first;; id++) {
			if (!live_has(b, nr_b, id)) {
				if (!count)
					fprintf(f, "  %s:", what);
				if (!open || id != prev + 1) {
					if (open)
						fprintf(f, start == prev ? " %lu" : " %lu-%lu", start, prev);
					start = id;
					open = 1;
				}
				prev = id;
				count++;
			}
			if (id == a[i].last)
				break;
		}
	}
	if (open)
		fprintf(f, start == prev ? " %lu\n" : " %lu-%lu\n", start, prev);
	return count;
}

int live_compare(FILE *f, const struct account_run *ours, unsigned int nr_ours,
		 const struct account_run *theirs, unsigned int nr_theirs)
{
	unsigned long only_ours, only_theirs;

	only_ours = live_missing(f, "memory blocks pmm builds that the kernel does not list",
				 ours, nr_ours, theirs, nr_theirs);
	only_theirs = live_missing(f, "memory blocks the kernel lists that pmm does not build",
				   theirs, nr_theirs, ours, nr_ours);
	return only_ours || only_theirs;
}

/* Does directory @dir hold an entry named by digits (a memmap entry)? */
static int live_has_numbered(const char *dir)
{
	struct dirent *d;
	int found = 0;
	DIR *dp = opendir(dir);

	if (!dp)
		return 0;
	while (!found && (d = readdir(dp)))
		found = d->d_name[0] && strspn(d->d_name, "0123456789") == strlen(d->d_name);
	closedir(dp);
	return found;
}

int live_fdt_map(const char *sysfs, char *path, size_t size, char *why, size_t why_size)
{
	char memmap[LIVE_PATH_MAX];
	struct layout_error err;
	struct layout lo;
	struct stat st;

	why[0] = '\0';
	snprintf(path, size, "%s/firmware/fdt", sysfs);
	snprintf(memmap, sizeof(memmap), "%s/firmware/memmap", sysfs);
	if (stat(path, &st) || live_has_numbered(memmap))
		return 0;
	memset(&lo, 0, sizeof(lo));
	if (layout_read_path(&lo, LAYOUT_FORMAT_DTB, path, &err)) {
		snprintf(why, why_size, "%s: %s%s", path, err.reason,
			 strstr(err.reason, "no memory node") ?
			 " (a UEFI boot: the EFI memory map holds the RAM)" : "");
		return 0;
	}
	layout_free(&lo);
	return 1;
}
