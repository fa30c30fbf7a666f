/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * test_dir.h - the files of a directory, in name order, for the programs
 * that run a case per file (tests/layout's fixtures and blobs,
 * tests/inspect's maps)
 *
 *	char **names = test_list_dir("data/layouts", ".txt"), **p;
 *
 *	for (p = names; p && *p; p++)
 *		run_one(*p);			"data/layouts/<name>.txt"
 *	test_free_list(names);
 *
 * Name order, so that a run is the same on every file system and a
 * failure's case number means the same file everywhere.
 */
#ifndef PMM_TEST_DIR_H
#define PMM_TEST_DIR_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static inline __attribute__((unused)) int test_cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/**
 * test_list_dir() - the files of @dir whose names end in @ext
 * @dir: the directory
 * @ext: the ending, "" for any; the name must be longer than it
 *
 * Hidden files, README.md and anything but a regular file are passed
 * over: a fixture directory's README says what the fixtures are, and is
 * not one; a subdirectory (data/layouts/xen-test-pdx) is a set of its own.
 *
 * Return: "@dir/name" of each, sorted, in a NULL-terminated array
 * (test_free_list() it), or NULL when @dir cannot be read.  Aborts when
 * memory runs out.
 */
static inline __attribute__((unused)) char **test_list_dir(const char *dir, const char *ext)
{
	size_t n = 0, cap = 64, el = strlen(ext);
	char **names;
	struct dirent *de;
	struct stat st;
	DIR *d = opendir(dir);

	if (!d)
		return NULL;
	names = calloc(cap, sizeof(*names));
	if (!names)
		abort();
	while ((de = readdir(d)) != NULL) {
		size_t l = strlen(de->d_name);

		if (de->d_name[0] == '.' || l <= el || strcmp(de->d_name + l - el, ext) ||
		    !strcmp(de->d_name, "README.md"))
			continue;
		if (n + 1 >= cap) {
			cap *= 2;
			names = realloc(names, cap * sizeof(*names));
			if (!names)
				abort();
		}
		names[n] = malloc(strlen(dir) + l + 2);
		if (!names[n])
			abort();
		sprintf(names[n], "%s/%s", dir, de->d_name);
		if (stat(names[n], &st) || !S_ISREG(st.st_mode)) {
			free(names[n]);
			continue;
		}
		n++;
	}
	closedir(d);
	names[n] = NULL;
	qsort(names, n, sizeof(*names), test_cmp_names);
	return names;
}

/* Free what test_list_dir() returned; NULL is nothing to free. */
static inline __attribute__((unused)) void test_free_list(char **names)
{
	char **p;

	for (p = names; p && *p; p++)
		free(*p);
	free(names);
}

#endif /* PMM_TEST_DIR_H */
