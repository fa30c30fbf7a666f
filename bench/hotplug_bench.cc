// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * hotplug_bench.cc - how long hotplug and ZONE_DEVICE calls take
 *
 * Over the two instances of hotplug_wrappers.c (SPARSEMEM_VMEMMAP and
 * classic SPARSEMEM, x86_64 parameters, a 1088 MiB boot map), times
 *
 *	pmm_add_pages / pmm_remove_pages	a 2 MiB sub-section (in an empty
 *						section, or beside one already
 *						there), a 128 MiB section, a
 *						1 GiB run of 8 sections
 *	pmm_add_memory + pmm_online_pages /	one 128 MiB memory block, and
 *	pmm_offline_pages + pmm_remove_memory	8 blocks (1 GiB) in one call
 *	pmm_memremap_pages / _memunmap_pages	FS_DAX, 2 MiB and 1 GiB, with
 *						and without a vmem_altmap, and
 *						2 MiB in a boot section's hole
 *	pmm_pfn_to_online_page			RAM PFNs of an untainted boot
 *						section, and RAM and device
 *						PFNs of a tainted one
 *
 * Each change is timed three ways, with its undo in every iteration so
 * that the next starts from the same state: the change alone, the undo
 * alone, and the two together.  The clock is read around the call only
 * (google-benchmark's manual time), so the half that is not measured
 * costs nothing but wall time.  Names read <instance>/<operation>/<case>.
 * Before timing, each case runs once and is checked: the span valid (or
 * online, or not) after the change, pmm_stats back to the boot figures
 * after the undo.
 *
 * Counters, per call of the phase timed: the memmap backing populated
 * (memmap_KiB), the hooks' calls (populate, depopulate, grace_periods),
 * PMM_ALLOC and PMM_FREE bytes, the time inside the hooks (hooks_us, the
 * host's system calls) and minor page faults (faults); s_per_MiB is the
 * time per MiB changed.
 *
 * Usage: hotplug_bench [google-benchmark flags]
 */
#include <benchmark/benchmark.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <sys/resource.h>

#include "hotplug_wrappers.h"

namespace {

typedef std::chrono::steady_clock bench_clock;

const unsigned long pages_per_mib = (1UL << 20) / BENCH_HP_PAGE_SIZE;
const unsigned long sub = BENCH_HP_PAGES_PER_SUBSECTION;
const unsigned long sec = BENCH_HP_PAGES_PER_SECTION;
const unsigned long gib = (1UL << 30) / BENCH_HP_PAGE_SIZE;

/*
 * Where things go: every address below 32 GiB, in the EXTREME root the
 * boot map already has, so that no case pays for a root of its own.
 */
const unsigned long hot_pfn = 0x100000;		/* 4 GiB: hot-added memory */
const unsigned long dev_pfn = 0x200000;		/* 8 GiB: device ranges */
const unsigned long extra_pfn = 0x400000;	/* 16 GiB: more pagemaps, one a section */
/* boot section 8, [1 GiB, 1 GiB + 128 MiB): RAM below 0x44000, hole above */
const unsigned long tainted_ram_pfn = 0x40000;
const unsigned long hole_pfn = 0x46000;
/* boot section 7: RAM throughout, never tainted */
const unsigned long untainted_pfn = 0x38000;

enum family { PAGES, MEMORY, DEVICE };

/**
 * struct hp_case - one change and its undo
 * @name: the case, e.g. "2M-fresh"
 * @fam: pmm_add_pages, pmm_add_memory (+ online) or pmm_memremap_pages
 * @pfn: first PFN
 * @nr: pages
 * @altmap: memremap with a vmem_altmap
 * @keep_nr: pages added at @keep_pfn for the whole benchmark, 0 for none
 * @keep_pfn: (a neighbour in the same section)
 * @hole: the range is in an early section's hole (stays valid after undo)
 */
struct hp_case {
	const char *name;
	family fam;
	unsigned long pfn, nr;
	int altmap;
	unsigned long keep_pfn, keep_nr;
	int hole;
};

const hp_case vmemmap_cases[] = {
	{ "2M-fresh", PAGES, hot_pfn, sub, 0, 0, 0, 0 },
	{ "2M-shared", PAGES, hot_pfn + sub, sub, 0, hot_pfn, sub, 0 },
	{ "128M", PAGES, hot_pfn, sec, 0, 0, 0, 0 },
	{ "1G", PAGES, hot_pfn, gib, 0, 0, 0, 0 },
	{ "128M", MEMORY, hot_pfn, BENCH_HP_PAGES_PER_BLOCK, 0, 0, 0, 0 },
	{ "1G", MEMORY, hot_pfn, gib, 0, 0, 0, 0 },
	{ "2M", DEVICE, dev_pfn, sub, 0, 0, 0, 0 },
	{ "2M-altmap", DEVICE, dev_pfn, sub, 1, 0, 0, 0 },
	{ "1G", DEVICE, dev_pfn, gib, 0, 0, 0, 0 },
	{ "1G-altmap", DEVICE, dev_pfn, gib, 1, 0, 0, 0 },
	{ "2M-boot-hole", DEVICE, hole_pfn, sub, 0, 0, 0, 1 },
};

/* classic SPARSEMEM: whole sections, no ZONE_DEVICE */
const hp_case sparse_cases[] = {
	{ "128M", PAGES, hot_pfn, sec, 0, 0, 0, 0 },
	{ "1G", PAGES, hot_pfn, gib, 0, 0, 0, 0 },
	{ "128M", MEMORY, hot_pfn, BENCH_HP_PAGES_PER_BLOCK, 0, 0, 0, 0 },
	{ "1G", MEMORY, hot_pfn, gib, 0, 0, 0, 0 },
};

/* [family][phase]: the operation's name */
enum phase { DO, UNDO, BOTH, NR_PHASES };
const char *const op_names[3][NR_PHASES] = {
	{ "add_pages", "remove_pages", "add+remove_pages" },
	{ "add_memory+online", "offline+remove_memory", "add+online+offline+remove" },
	{ "memremap", "memunmap", "memremap+memunmap" },
};

int do_change(const bench_hp_instance *in, const hp_case *c)
{
	int err;

	switch (c->fam) {
	case PAGES:
		return in->add_pages(0, c->pfn, c->nr);
	case MEMORY:
		err = in->add_memory(0, c->pfn, c->nr);
		if (!err) {
			err = in->online_pages(c->pfn, c->nr);
			if (err)
				in->remove_memory(c->pfn, c->nr);
		}
		return err;
	case DEVICE:
		return in->memremap(0, c->pfn, c->nr, c->altmap);
	}
	return -EINVAL;
}

int undo_change(const bench_hp_instance *in, const hp_case *c)
{
	int err;

	switch (c->fam) {
	case PAGES:
		return in->remove_pages(c->pfn, c->nr);
	case MEMORY:
		err = in->offline_pages(c->pfn, c->nr);
		return err ? err : in->remove_memory(c->pfn, c->nr);
	case DEVICE:
		return in->memunmap(0);
	}
	return -EINVAL;
}

bool same_stats(const bench_hp_stats &a, const bench_hp_stats &b)
{
	return a.memmap_bytes == b.memmap_bytes && a.metadata_bytes == b.metadata_bytes &&
	       a.ram_pages == b.ram_pages && a.nr_present_sections == b.nr_present_sections &&
	       a.device_pages == b.device_pages && a.altmap_pages == b.altmap_pages;
}

/* memmap backing in use: populated bytes plus pages taken from altmaps */
unsigned long long memmap_in_use(const bench_hp_stats &st)
{
	return st.memmap_bytes + (unsigned long long)st.altmap_pages * BENCH_HP_PAGE_SIZE;
}

/* what the hooks did and the page faults taken, at one moment */
struct sample {
	bench_hp_counts hooks;
	long minflt;
};

sample take_sample()
{
	struct rusage ru;
	sample now;

	getrusage(RUSAGE_SELF, &ru);
	now.hooks = bench_hp_hook_counts;
	now.minflt = ru.ru_minflt;
	return now;
}

/* @sum += @b - @a */
void sample_add_delta(sample &sum, const sample &a, const sample &b)
{
	sum.hooks.populate += b.hooks.populate - a.hooks.populate;
	sum.hooks.depopulate += b.hooks.depopulate - a.hooks.depopulate;
	sum.hooks.grace_periods += b.hooks.grace_periods - a.hooks.grace_periods;
	sum.hooks.alloc_bytes += b.hooks.alloc_bytes - a.hooks.alloc_bytes;
	sum.hooks.free_bytes += b.hooks.free_bytes - a.hooks.free_bytes;
	sum.hooks.hook_ns += b.hooks.hook_ns - a.hooks.hook_ns;
	sum.minflt += b.minflt - a.minflt;
}

/* --- the self-check -------------------------------------------------- */

struct checker {
	unsigned int passed = 0, failed = 0;
	const char *where = "";

	void check(bool ok, const char *what, const hp_case *c)
	{
		if (ok) {
			passed++;
			return;
		}
		failed++;
		fprintf(stderr, "hotplug_bench: self-check: %s %s: %s\n", where,
			c ? c->name : "", what);
	}
};

/*
 * One case, once: what the change makes of its span, and pmm_stats back
 * where they were after the undo.  A benchmark of a call that fails, or
 * that leaks, would time the wrong thing.
 */
void check_case(checker &ck, const bench_hp_instance *in, const hp_case *c)
{
	unsigned long last = c->pfn + c->nr - 1;
	bench_hp_stats before, during, after;
	bool held = false;

	if (c->keep_nr) {
		held = in->add_pages(0, c->keep_pfn, c->keep_nr) == 0;
		ck.check(held, "cannot add the neighbour", c);
	}
	in->stats(&before);
	ck.check(do_change(in, c) == 0, "the change fails", c);
	in->stats(&during);
	ck.check(in->pfn_valid(c->pfn) && in->pfn_valid(last), "span not valid after the change", c);
	switch (c->fam) {
	case PAGES:
		/* added, never onlined: no memory block */
		ck.check(!in->pfn_to_online_page(c->pfn), "added pages are online", c);
		ck.check(during.ram_pages == before.ram_pages + c->nr, "ram_pages", c);
		break;
	case MEMORY:
		ck.check(in->pfn_to_online_page(c->pfn) && in->pfn_to_online_page(last),
			 "onlined block not online", c);
		break;
	case DEVICE:
		ck.check(!in->pfn_to_online_page(c->pfn) && !in->pfn_to_online_page(last),
			 "device page online", c);
		ck.check(during.device_pages == before.device_pages + c->nr, "device_pages", c);
		ck.check(during.altmap_pages == before.altmap_pages +
			 (c->altmap ? c->nr * BENCH_HP_DESC_SIZE / BENCH_HP_PAGE_SIZE : 0),
			 "altmap_pages", c);
		if (c->hole)
			ck.check(in->pfn_to_online_page(tainted_ram_pfn) != nullptr,
				 "RAM of a tainted section not online", c);
		break;
	}
	/* a boot section's hole has its memmap already */
	ck.check(c->hole ? memmap_in_use(during) == memmap_in_use(before) :
		 memmap_in_use(during) == memmap_in_use(before) +
		 c->nr * BENCH_HP_DESC_SIZE, "memmap bytes populated", c);
	ck.check(undo_change(in, c) == 0, "the undo fails", c);
	in->stats(&after);
	ck.check(same_stats(before, after), "pmm_stats differ after the undo", c);
	/* an early section stays valid whole */
	ck.check(c->hole ? in->pfn_valid(c->pfn) : !in->pfn_valid(c->pfn) && !in->pfn_valid(last),
		 "span still valid after the undo", c);
	if (held)
		ck.check(in->remove_pages(c->keep_pfn, c->keep_nr) == 0,
			 "cannot remove the neighbour", c);
}

/* --- timing a change and its undo ------------------------------------ */

double seconds(bench_clock::time_point a, bench_clock::time_point b)
{
	return std::chrono::duration<double>(b - a).count();
}

/* per operation: averages over the iterations, of the phase timed */
void set_counters(benchmark::State &state, const hp_case *c, const sample &sum,
		  double memmap_bytes)
{
	using benchmark::Counter;
	double mib = double(c->nr) / pages_per_mib;

	state.counters["MiB"] = Counter(mib);
	state.counters["s_per_MiB"] = Counter(mib * double(state.iterations()),
					      Counter::kIsRate | Counter::kInvert);
	state.counters["memmap_KiB"] = Counter(memmap_bytes / 1024);
	state.counters["populate"] = Counter(double(sum.hooks.populate), Counter::kAvgIterations);
	state.counters["depopulate"] = Counter(double(sum.hooks.depopulate),
					       Counter::kAvgIterations);
	state.counters["grace_periods"] = Counter(double(sum.hooks.grace_periods),
						  Counter::kAvgIterations);
	state.counters["alloc_KiB"] = Counter(double(sum.hooks.alloc_bytes) / 1024,
					      Counter::kAvgIterations);
	state.counters["free_KiB"] = Counter(double(sum.hooks.free_bytes) / 1024,
					     Counter::kAvgIterations);
	state.counters["hooks_us"] = Counter(double(sum.hooks.hook_ns) / 1000,
					     Counter::kAvgIterations);
	state.counters["faults"] = Counter(double(sum.minflt), Counter::kAvgIterations);
}

void bm_change(benchmark::State &state, const bench_hp_instance *in, const hp_case *c,
	       phase ph)
{
	bench_hp_stats before, during, after;
	double memmap_bytes = 0;
	bool first = true;
	sample sum = {};

	if (c->keep_nr && in->add_pages(0, c->keep_pfn, c->keep_nr)) {
		state.SkipWithError("cannot add the neighbour");
		return;
	}
	in->stats(&before);
	for (auto _ : state) {
		bench_clock::time_point t0, t1, t2, t3;
		sample s0, s1, s2;
		int err, err2;

		/* the clock brackets the calls alone */
		s0 = take_sample();
		t0 = bench_clock::now();
		err = do_change(in, c);
		t1 = bench_clock::now();
		s1 = take_sample();
		if (first)
			in->stats(&during);
		t2 = bench_clock::now();
		err2 = err ? 0 : undo_change(in, c);
		t3 = bench_clock::now();
		s2 = take_sample();
		if (err || err2) {
			state.SkipWithError(err ? "the change failed" : "the undo failed");
			break;
		}
		if (ph == DO)
			state.SetIterationTime(seconds(t0, t1));
		else if (ph == UNDO)
			state.SetIterationTime(seconds(t2, t3));
		else
			state.SetIterationTime(seconds(t0, t1) + seconds(t2, t3));
		if (ph != UNDO)
			sample_add_delta(sum, s0, s1);
		if (ph != DO)
			sample_add_delta(sum, s1, s2);
		if (first)
			memmap_bytes = double(memmap_in_use(during) - memmap_in_use(before));
		first = false;
	}
	in->stats(&after);
	if (c->keep_nr)
		in->remove_pages(c->keep_pfn, c->keep_nr);
	if (!first && !same_stats(before, after))
		state.SkipWithError("pmm_stats differ after the undo: a leak");
	set_counters(state, c, sum, memmap_bytes);
}

/* --- the read side ---------------------------------------------------- */

const size_t nr_inputs = 4096;		/* a power of two */

enum read_kind { UNTAINTED, TAINTED_RAM, TAINTED_DEVICE };

/**
 * struct read_case - pfn_to_online_page over one kind of PFN
 * @name: the case
 * @kind: RAM of an untainted section, RAM or device of a tainted one
 * @pgmaps: pagemaps mapped: the one in the hole of the tainted section
 *	(mapped first, so the list's last) and the rest elsewhere
 */
struct read_case {
	const char *name;
	read_kind kind;
	unsigned int pgmaps;
};

const read_case vmemmap_reads[] = {
	{ "untainted-ram", UNTAINTED, 0 },
	{ "tainted-ram-1pgmap", TAINTED_RAM, 1 },
	{ "tainted-ram-16pgmaps", TAINTED_RAM, 16 },
	{ "tainted-device-1pgmap", TAINTED_DEVICE, 1 },
	{ "tainted-device-16pgmaps", TAINTED_DEVICE, 16 },
};

const read_case sparse_reads[] = {
	{ "untainted-ram", UNTAINTED, 0 },
};

/* PFNs drawn at random (a fixed seed) from the case's 64 MiB or 2 MiB */
std::vector<unsigned long> read_inputs(read_kind kind)
{
	std::mt19937_64 rng(20240607);
	unsigned long base = kind == UNTAINTED ? untainted_pfn :
			     kind == TAINTED_RAM ? tainted_ram_pfn : hole_pfn;
	unsigned long span = kind == TAINTED_DEVICE ? sub : BENCH_HP_BOOT_END_PFN - tainted_ram_pfn;
	std::uniform_int_distribution<unsigned long> pick(0, span - 1);
	std::vector<unsigned long> pfns;

	for (size_t i = 0; i < nr_inputs; i++)
		pfns.push_back(base + pick(rng));
	return pfns;
}

int map_pgmaps(const bench_hp_instance *in, unsigned int n)
{
	unsigned int k;
	int err = 0;

	for (k = 0; k < n && !err; k++)
		err = k ? in->memremap(k, extra_pfn + (k - 1) * sec, sub, 0) :
			  in->memremap(0, hole_pfn, sub, 0);
	while (err && k-- > 1)
		in->memunmap(k - 1);
	return err;
}

void unmap_pgmaps(const bench_hp_instance *in, unsigned int n)
{
	while (n--)
		in->memunmap(n);
}

template <void *(*fn)(unsigned long)>
void bm_online_page(benchmark::State &state, const bench_hp_instance *in, const read_case *rc)
{
	std::vector<unsigned long> pfns = read_inputs(rc->kind);
	bool want_page = rc->kind != TAINTED_DEVICE;
	size_t i = 0;

	if (map_pgmaps(in, rc->pgmaps)) {
		state.SkipWithError("memremap failed");
		return;
	}
	for (unsigned long pfn : pfns)
		if ((fn(pfn) != nullptr) != want_page) {
			unmap_pgmaps(in, rc->pgmaps);
			state.SkipWithError("pfn_to_online_page gives the wrong answer");
			return;
		}
	for (auto _ : state) {
		void *page = fn(pfns[i]);

		benchmark::DoNotOptimize(page);
		i = (i + 1) & (nr_inputs - 1);
	}
	unmap_pgmaps(in, rc->pgmaps);
	state.counters["pgmaps"] = benchmark::Counter(rc->pgmaps);
	state.SetItemsProcessed(state.iterations());
}

/* --- registration ------------------------------------------------------ */

void register_changes(const bench_hp_instance *in, const hp_case *cases, size_t n)
{
	for (size_t k = 0; k < n; k++)
		for (int ph = 0; ph < NR_PHASES; ph++) {
			std::string name = std::string(in->name) + "/" +
					   op_names[cases[k].fam][ph] + "/" + cases[k].name;

			benchmark::RegisterBenchmark(name.c_str(), bm_change, in, &cases[k],
						     phase(ph))
				->UseManualTime()
				->Unit(benchmark::kMicrosecond);
		}
}

template <void *(*fn)(unsigned long)>
void register_reads(const bench_hp_instance *in, const read_case *cases, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		std::string name = std::string(in->name) + "/pfn_to_online_page/" + cases[k].name;

		benchmark::RegisterBenchmark(name.c_str(), bm_online_page<fn>, in, &cases[k])
			->Unit(benchmark::kNanosecond);
	}
}

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

bool self_check()
{
	checker ck;

	ck.where = "vmemmap";
	for (const hp_case &c : vmemmap_cases)
		check_case(ck, &bench_hp_vmemmap, &c);
	ck.where = "sparse";
	for (const hp_case &c : sparse_cases)
		check_case(ck, &bench_hp_sparse, &c);
	/* the slow path's inputs answer as the read side expects */
	ck.where = "vmemmap";
	ck.check(map_pgmaps(&bench_hp_vmemmap, 16) == 0, "16 pagemaps", nullptr);
	ck.check(bench_hp_vmemmap.pfn_to_online_page(tainted_ram_pfn) &&
		 bench_hp_vmemmap.pfn_to_online_page(untainted_pfn) &&
		 !bench_hp_vmemmap.pfn_to_online_page(hole_pfn) &&
		 !bench_hp_vmemmap.pfn_to_online_page(extra_pfn),
		 "pfn_to_online_page with 16 pagemaps", nullptr);
	unmap_pgmaps(&bench_hp_vmemmap, 16);
	fprintf(stderr, "hotplug_bench: self-check: %u passed, %u failed\n", ck.passed, ck.failed);
	return ck.failed == 0;
}

/* the CPU's name, which google-benchmark's context leaves out */
std::string cpu_model()
{
	std::ifstream cpuinfo("/proc/cpuinfo");
	std::string line;

	while (std::getline(cpuinfo, line))
		if (line.compare(0, 10, "model name") == 0) {
			size_t colon = line.find(':');

			if (colon != std::string::npos)
				return line.substr(line.find_first_not_of(" \t", colon + 1));
		}
	return "unknown";
}

std::string kernel_release()
{
	std::ifstream f("/proc/sys/kernel/osrelease");
	std::string s;

	std::getline(f, s);
	return s.empty() ? "unknown" : s;
}

}  // namespace

int main(int argc, char **argv)
{
	const bench_hp_instance *const instances[] = { &bench_hp_vmemmap, &bench_hp_sparse };
	int err, status = 0;
	size_t k;

	benchmark::Initialize(&argc, argv);
	if (benchmark::ReportUnrecognizedArguments(argc, argv))
		return 2;
	for (k = 0; k < ARRAY_SIZE(instances); k++) {
		err = instances[k]->init();
		if (err) {
			fprintf(stderr, "hotplug_bench: %s: pmm_init failed: %s\n",
				instances[k]->name, strerror(-err));
			while (k--)
				instances[k]->exit();
			return 1;
		}
	}
	if (!self_check()) {
		status = 1;
		goto out;
	}

	benchmark::AddCustomContext("cpu_model", cpu_model());
	benchmark::AddCustomContext("kernel", kernel_release());
	benchmark::AddCustomContext("wrappers_compiler", bench_hp_compiler);
	benchmark::AddCustomContext("grace_period", bench_hp_rcu_mode());
	benchmark::AddCustomContext("boot_map", "[0, 0x9f) [0x100, 0x44000): 1088 MiB, node 0");
	benchmark::AddCustomContext("desc_vmemmap", bench_hp_vmemmap.desc);
	benchmark::AddCustomContext("desc_sparse", bench_hp_sparse.desc);
	register_changes(&bench_hp_vmemmap, vmemmap_cases, ARRAY_SIZE(vmemmap_cases));
	register_changes(&bench_hp_sparse, sparse_cases, ARRAY_SIZE(sparse_cases));
	register_reads<bench_hp_vmemmap_pfn_to_online_page>(&bench_hp_vmemmap, vmemmap_reads,
							    ARRAY_SIZE(vmemmap_reads));
	register_reads<bench_hp_sparse_pfn_to_online_page>(&bench_hp_sparse, sparse_reads,
							   ARRAY_SIZE(sparse_reads));
	benchmark::RunSpecifiedBenchmarks();
	benchmark::Shutdown();
out:
	for (k = 0; k < ARRAY_SIZE(instances); k++)
		instances[k]->exit();
	return status;
}
