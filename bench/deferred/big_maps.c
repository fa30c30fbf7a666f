// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * big_maps.c - pmm_init on machines far larger than this one, with and
 * without deferred struct page initialisation
 *
 *	big_maps [-d] [LAYOUT...]
 *	(default: data/layouts/synthetic-x86_64-16node-12t.txt and
 *	 data/layouts/arm64-server-ampere-altra-mtjade-2s-512g.txt)
 *
 * For each map, every instance of its architecture (SPARSEMEM_VMEMMAP and
 * classic SPARSEMEM EXTREME, each with and without
 * PMM_DEFERRED_STRUCT_PAGE_INIT) boots it once, and a markdown table
 * gives the wall time of pmm_init, the growth of the process's resident
 * memory (VmRSS) and minor page faults across it, and pmm_stats.  With
 * -d, also the time and memory of pmm_deferred_init with one thread per
 * CPU, where the whole memmap fits this machine (deferred_boot.c times
 * that part more closely).
 *
 * Two allocation limits, because PMM_HOSTED_LIMIT is one per program:
 *   - the deferring instances use the hosted hooks with PMM_HOSTED_LIMIT
 *     at 64 TiB: their memmap is mmap'd MAP_NORESERVE and only what
 *     pmm_init writes (each node's first section, and holes) becomes
 *     resident.  pmm_deferred_init, which would write all of it, runs only
 *     where the memmap is at most half of this machine's RAM.
 *   - the others allocate through hooks that keep the hosted default,
 *     half of RAM, so that a map too big for the machine is refused with
 *     -ENOMEM at once instead of waking the OOM killer.
 */
#define PMM_HOSTED_LIMIT	(1ULL << 46)

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "pmm_hosted.h"
#include "tools/layout/layout.h"

static unsigned long long half_of_ram(void)
{
	long pages = sysconf(_SC_PHYS_PAGES), psize = sysconf(_SC_PAGESIZE);

	return (unsigned long long)pages * (unsigned long long)psize / 2;
}

/* The hosted default limit, for the instances that do not defer. */
static void *capped_alloc(unsigned long bytes, unsigned long align, int nid)
{
	if (pmm_hosted_live + bytes > half_of_ram())
		return NULL;
	return pmm_hosted_alloc(bytes, align, nid);
}

static int capped_populate(void *addr, unsigned long bytes, int nid)
{
	if (pmm_hosted_live + bytes > half_of_ram())
		return -ENOMEM;
	return pmm_hosted_populate(addr, bytes, nid);
}

/* x86_64 [6.12]: 4 KiB pages, 128 MiB sections, 46-bit physical addresses */
#define PMM_NAME x86_vd
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_DEFERRED_STRUCT_PAGE_INIT 1
#define PMM_SECTION_SIZE_BITS 27
#define PMM_MAX_PHYSMEM_BITS 46
#include "pmm.h"

#define PMM_NAME x86_v
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_SECTION_SIZE_BITS 27
#define PMM_MAX_PHYSMEM_BITS 46
#define PMM_ALLOC(b, a, n)			capped_alloc((b), (a), (n))
#define PMM_FREE(p, b)				pmm_hosted_free((p), (b))
#define PMM_VMEMMAP_POPULATE(addr, b, n)	capped_populate((addr), (b), (n))
#define PMM_VMEMMAP_DEPOPULATE(addr, b)		pmm_hosted_depopulate((addr), (b))
#include "pmm.h"

#define PMM_NAME x86_sd
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_SPARSEMEM_EXTREME 1
#define PMM_DEFERRED_STRUCT_PAGE_INIT 1
#define PMM_SECTION_SIZE_BITS 27
#define PMM_MAX_PHYSMEM_BITS 46
#include "pmm.h"

#define PMM_NAME x86_s
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_SPARSEMEM_EXTREME 1
#define PMM_SECTION_SIZE_BITS 27
#define PMM_MAX_PHYSMEM_BITS 46
#define PMM_ALLOC(b, a, n)	capped_alloc((b), (a), (n))
#define PMM_FREE(p, b)		pmm_hosted_free((p), (b))
#include "pmm.h"

/* arm64 [6.12], 4 KiB pages: 128 MiB sections, 48-bit physical addresses */
#define PMM_NAME arm_vd
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_DEFERRED_STRUCT_PAGE_INIT 1
#define PMM_SECTION_SIZE_BITS 27
#define PMM_MAX_PHYSMEM_BITS 48
#include "pmm.h"

#define PMM_NAME arm_v
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_SECTION_SIZE_BITS 27
#define PMM_MAX_PHYSMEM_BITS 48
#define PMM_ALLOC(b, a, n)			capped_alloc((b), (a), (n))
#define PMM_FREE(p, b)				pmm_hosted_free((p), (b))
#define PMM_VMEMMAP_POPULATE(addr, b, n)	capped_populate((addr), (b), (n))
#define PMM_VMEMMAP_DEPOPULATE(addr, b)		pmm_hosted_depopulate((addr), (b))
#include "pmm.h"

#define PMM_NAME arm_sd
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_SPARSEMEM_EXTREME 1
#define PMM_DEFERRED_STRUCT_PAGE_INIT 1
#define PMM_SECTION_SIZE_BITS 27
#define PMM_MAX_PHYSMEM_BITS 48
#include "pmm.h"

#define PMM_NAME arm_s
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_SPARSEMEM_EXTREME 1
#define PMM_SECTION_SIZE_BITS 27
#define PMM_MAX_PHYSMEM_BITS 48
#define PMM_ALLOC(b, a, n)	capped_alloc((b), (a), (n))
#define PMM_FREE(p, b)		pmm_hosted_free((p), (b))
#include "pmm.h"

struct instance {
	const char *name;
	enum layout_arch arch;
	const char *model;
	int deferred;
	int (*init)(const struct pmm_range *r, unsigned int nr);
	void (*exit)(void);
	void (*stats)(struct pmm_stats *st);
	int (*deferred_init)(unsigned int nr_threads);
};

#define INSTANCE(N, arch, model, deferred)					\
	{ #N, arch, model, deferred, pmm_##N##_init, pmm_##N##_exit,		\
	  pmm_##N##_stats, pmm_##N##_deferred_init }

static const struct instance instances[] = {
	INSTANCE(x86_vd, LAYOUT_ARCH_X86_64, "VMEMMAP", 1),
	INSTANCE(x86_v, LAYOUT_ARCH_X86_64, "VMEMMAP", 0),
	INSTANCE(x86_sd, LAYOUT_ARCH_X86_64, "SPARSEMEM", 1),
	INSTANCE(x86_s, LAYOUT_ARCH_X86_64, "SPARSEMEM", 0),
	INSTANCE(arm_vd, LAYOUT_ARCH_ARM64, "VMEMMAP", 1),
	INSTANCE(arm_v, LAYOUT_ARCH_ARM64, "VMEMMAP", 0),
	INSTANCE(arm_sd, LAYOUT_ARCH_ARM64, "SPARSEMEM", 1),
	INSTANCE(arm_s, LAYOUT_ARCH_ARM64, "SPARSEMEM", 0),
};

static int opt_deferred;	/* -d: run pmm_deferred_init where it fits */

static const char *const default_maps[] = {
	"data/layouts/synthetic-x86_64-16node-12t.txt",
	"data/layouts/arm64-server-ampere-altra-mtjade-2s-512g.txt",
};

/* --- measuring ------------------------------------------------------- */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* VmRSS from /proc/self/status, in bytes; 0 if it cannot be read. */
static unsigned long long rss_bytes(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	unsigned long long kib = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmRSS: %llu kB", &kib) == 1)
			break;
	fclose(f);
	return kib << 10;
}

static long minor_faults(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

/* Bytes as the tables show them. */
static const char *human(unsigned long long b, char *buf, size_t len)
{
	static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	double v = (double)b;
	int u = 0;

	while (v >= 1024 && u < 4) {
		v /= 1024;
		u++;
	}
	snprintf(buf, len, u ? "%.1f %s" : "%.0f %s", v, unit[u]);
	return buf;
}

/* --- one boot ---------------------------------------------------------- */

struct result {
	int err, deferred_err, ran_deferred;
	double t_init, t_deferred, t_exit;
	unsigned long long rss_init, rss_deferred;
	long flt_init, flt_deferred;
	struct pmm_stats st;
};

static void boot(const struct instance *in, const struct pmm_range *r, unsigned int nr,
		 struct result *res)
{
	unsigned long long rss0;
	long flt0;
	double t0;

	memset(res, 0, sizeof(*res));
	rss0 = rss_bytes();
	flt0 = minor_faults();
	t0 = now();
	res->err = in->init(r, nr);
	res->t_init = now() - t0;
	res->rss_init = rss_bytes() - rss0;
	res->flt_init = minor_faults() - flt0;
	if (res->err)
		return;
	in->stats(&res->st);
	/* the rest of the memmap, only where all of it fits this machine */
	if (opt_deferred && res->st.deferred_pages &&
	    res->st.memmap_bytes <= half_of_ram()) {
		flt0 = minor_faults();
		t0 = now();
		res->deferred_err = in->deferred_init(0);
		res->t_deferred = now() - t0;
		res->rss_deferred = rss_bytes() - rss0;
		res->flt_deferred = minor_faults() - flt0;
		res->ran_deferred = 1;
	}
	t0 = now();
	in->exit();
	res->t_exit = now() - t0;
}

static void print_result(const struct instance *in, const struct result *res)
{
	char a[32], b[32], c[32], d[32];

	printf("| %s | %s | ", in->model, in->deferred ? "yes" : "no");
	if (res->err) {
		printf("%s in %.3f s | %s | %ld | | | | |%s\n",
		       res->err == -ENOMEM ? "-ENOMEM" : strerror(-res->err),
		       res->t_init, human(res->rss_init, a, sizeof(a)), res->flt_init,
		       opt_deferred ? " |" : "");
		return;
	}
	printf("%.3f s | %s | %ld | %s | %s | %lu | %lu |", res->t_init,
	       human(res->rss_init, a, sizeof(a)), res->flt_init,
	       human(res->st.memmap_bytes, b, sizeof(b)),
	       human(res->st.metadata_bytes, c, sizeof(c)), res->st.nr_present_sections,
	       res->st.deferred_pages);
	if (!opt_deferred)
		printf("\n");
	else if (res->ran_deferred)
		printf(" %.3f s%s, RSS +%s, %ld faults |\n", res->t_deferred,
		       res->deferred_err ? " (error)" : "",
		       human(res->rss_deferred, d, sizeof(d)), res->flt_deferred);
	else if (res->st.deferred_pages)
		printf(" not run: would write %s |\n",
		       human(res->st.memmap_bytes, d, sizeof(d)));
	else
		printf(" |\n");
}

static int run_map(const char *path)
{
	struct layout lo;
	struct layout_error lerr;
	struct pmm_range *ram;
	unsigned int nr, i;
	unsigned long long pages = 0;
	char a[32], b[32];
	int found = 0;

	if (layout_read_file(&lo, path, &lerr)) {
		layout_print_error(stderr, &lerr);
		return 1;
	}
	if (layout_ram_ranges(&lo, 12, &ram, &nr) || !ram) {
		fprintf(stderr, "%s: no RAM in 4 KiB pages\n", path);
		layout_free(&lo);
		return 1;
	}
	for (i = 0; i < nr; i++)
		pages += ram[i].end_pfn - ram[i].start_pfn;
	printf("\n### %s\n\n%s, %u RAM ranges, %s of RAM (%s of 64-byte descriptors)\n\n",
	       strrchr(path, '/') ? strrchr(path, '/') + 1 : path,
	       layout_arch_name(lo.arch), nr, human(pages << 12, a, sizeof(a)),
	       human(pages * 64, b, sizeof(b)));
	printf("| model | deferred | pmm_init | RSS growth | page faults | memmap_bytes "
	       "| metadata_bytes | present sections | deferred_pages |%s\n",
	       opt_deferred ? " pmm_deferred_init(0) |" : "");
	printf("|---|---|---:|---:|---:|---:|---:|---:|---:|%s\n", opt_deferred ? "---|" : "");
	for (i = 0; i < sizeof(instances) / sizeof(instances[0]); i++) {
		struct result res;

		if (instances[i].arch != lo.arch)
			continue;
		found = 1;
		boot(&instances[i], ram, nr, &res);
		print_result(&instances[i], &res);
		fflush(stdout);
	}
	if (!found)
		printf("| (no instance for %s) |||||||||\n", layout_arch_name(lo.arch));
	free(ram);
	layout_free(&lo);
	return 0;
}

static void print_machine(void)
{
	struct utsname u;
	char line[256], model[128] = "unknown", a[32];
	FILE *f = fopen("/proc/cpuinfo", "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "model name : %127[^\n]", model) == 1)
			break;
	if (f)
		fclose(f);
	uname(&u);
	printf("Machine: %s, %ld CPUs, %s of RAM, %s %s; compiler %s.  "
	       "Limit for instances that do not defer: %s (half of RAM, the hosted "
	       "default); for those that do: PMM_HOSTED_LIMIT = 64 TiB (address "
	       "space only: MAP_NORESERVE, resident only where written).\n",
	       model, sysconf(_SC_NPROCESSORS_ONLN),
	       human((unsigned long long)sysconf(_SC_PHYS_PAGES) *
		     (unsigned long long)sysconf(_SC_PAGESIZE), line, sizeof(line)),
	       u.sysname, u.release, __VERSION__, human(half_of_ram(), a, sizeof(a)));
}

int main(int argc, char **argv)
{
	int i, first = 1, status = 0;

	if (argc > 1 && !strcmp(argv[1], "-d")) {
		opt_deferred = 1;
		first = 2;
	}
	print_machine();
	if (argc <= first) {
		for (i = 0; i < (int)(sizeof(default_maps) / sizeof(default_maps[0])); i++)
			status |= run_map(default_maps[i]);
	} else {
		for (i = first; i < argc; i++)
			status |= run_map(argv[i]);
	}
	return status;
}
