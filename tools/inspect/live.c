// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * live.c - this machine's memory blocks (live.h)
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "live.h"
#include "number.h"

void live_free(struct live_blocks *lb)
{
	free(lb->runs);
	memset(lb, 0, sizeof(*lb));
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
		if (!lb->runs)
			err = -ENOMEM;
	}
	for (i = 0; !err && i < n; i++) {
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
