// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * sweep_bench.cc - the benchmark sweep on google-benchmark: the one C++ file
 *
 * Registers, for every configuration of build/gen/sweep_table.c (a unit on
 * a map), every operation of each side (pmm, Linux's own text, and the
 * limit: the least work the operation can be done with) that the unit
 * has, under every access pattern, in both forms:
 *
 *	<config>/<op>/<pattern>/<form>/<side>
 *
 * form "throughput" or "latency" (sweep.h; a walk is throughput only),
 * with a label of "key=value" words (the unit's parameters, the map, its
 * node count, op, pattern, form, side, backing) and the counters
 * memmap_bytes, metadata_bytes, ram_bytes (pmm_stats), huge_bytes (what
 * the process holds in transparent huge pages once the configuration is
 * built: its memmaps and the limit's tables) and tsc_per_op (x86).  A
 * configuration is built when its first benchmark runs and freed when the
 * next configuration's does, so that one memmap exists at a time; before
 * it is timed, pmm and Linux must agree on every input, or its benchmarks
 * are skipped with the PFN that differs and the run exits 1 (a peer,
 * without a Linux side, must answer its own round trip).
 *
 * Timing: the C loops of the unit run a batch of operations per call
 * (KeepRunningBatch), so the C/C++ boundary is crossed once per batch;
 * inside, each conversion is inlined into the loop, as a kernel runs it.
 * The out-of-line wrappers are only counted (bench/insncount.py --sweep) and
 * used to build and check the inputs.
 *
 * A configuration of a hotplug or boot block registers its cases instead
 * (bench/sweep_cases.c), "<config>/<case>", e.g.
 * ".../pc1g+hotplug/add_pages/2M-fresh/change" or
 * ".../numa16-128g+boot-deferred/boot/init+deferred/all": each iteration
 * times itself (manual time), its counters are the case's
 * (sweep_counter_names), its label the configuration's and the case's
 * words.  A case whose check fails makes the run exit 1.
 *
 * Usage: sweep_bench [--sweep_inputs=LOG2] [--sweep_passes=N]
 *		      [--sweep_context=KEY=VALUE]...
 *		      [google-benchmark flags]
 *	  sweep_bench --sweep_list		the configurations' names
 *	  sweep_bench --sweep_boot=GLOB [--sweep_threads=T]
 *						build and free the first configuration
 *						whose name matches GLOB, nothing
 *						else: one boot, for hyperfine; with
 *						T, pmm_deferred_init(T) between
 *						(0: one thread per CPU)
 */
#include <benchmark/benchmark.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fnmatch.h>
#include <fstream>
#include <utility>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "pmm_types.h"
#include "sweep.h"

namespace {

const char *const op_names[SWEEP_NR_OPS] = {
	"pfn_to_page", "page_to_pfn", "pfn_valid", "page_to_nid", "pfn_to_section", "walk",
};
const char *const pattern_names[SWEEP_NR_PATTERNS] = { "sequential", "random", "stride" };
const char *const side_names[SWEEP_NR_SIDES] = { "pmm", "linux", "limit" };
const char *const form_names[SWEEP_NR_FORMS] = { "throughput", "latency" };

/* operations per call into C: enough that the call is noise, few enough for short runs */
const benchmark::IterationCount batch = 256;

/* log2 of the inputs per pattern: 2^18 PFNs (2 MiB), outside L2, inside L3 */
unsigned int inputs_log2 = 18;

/*
 * Passes over the inputs per benchmark (a walk: walks of the map): a
 * fixed count, not google-benchmark's growing trial runs to a minimum
 * time, which cost more than the measurement at tens of thousands of
 * benchmarks.  One pass is 2^18 operations, a millisecond or so.
 */
unsigned long passes = 3;

/*
 * How long a benchmark warms up, untimed, after at least one pass: the
 * first of a configuration, the first side of a walk, and the first side
 * of any other (op, pattern, form) (--sweep_warm_ms); the sides after it
 * run warm from its timing.  Measured here: with one pass only, the
 * first side of each group ran up to 1.5 times slower than the same code
 * timed second (random page_to_pfn 5.7 ns against 4.0, a walk 26%
 * slower); 5 ms evened the conversions, a walk needed 30.
 */
const int warm_up_ms = 50;
const int warm_walk_ms = 30;
int warm_each_ms = 5;

/*
 * What the limit side reads (sweep_unit.h): a bit per PFN up to the last
 * RAM PFN, set for RAM, and a flat array of descriptors from the first
 * RAM PFN to the last, written where there is RAM.  Mapped on the
 * configuration's backing, as its memmaps are, and unbacked until
 * written: holes cost address space only.
 */
struct limit_tables {
	void *bitmap = nullptr, *flat = nullptr;
	size_t bitmap_bytes = 0, flat_bytes = 0;
	unsigned long flat_base = 0;

	limit_tables() = default;
	limit_tables(const limit_tables &) = delete;
	limit_tables &operator=(const limit_tables &) = delete;
	limit_tables &operator=(limit_tables &&o) noexcept
	{
		std::swap(bitmap, o.bitmap);
		std::swap(flat, o.flat);
		std::swap(bitmap_bytes, o.bitmap_bytes);
		std::swap(flat_bytes, o.flat_bytes);
		std::swap(flat_base, o.flat_base);
		return *this;
	}
	~limit_tables()
	{
		sweep_backing_unmap(bitmap, bitmap_bytes);
		sweep_backing_unmap(flat, flat_bytes);
	}
};

/* the limit's tables for @ram, descriptors of @page_size bytes: "" or why not */
std::string make_limit(limit_tables &t, const std::vector<pmm_range> &ram, size_t page_size)
{
	const unsigned long bits = 8 * sizeof(unsigned long);
	unsigned long first = ram.front().start_pfn, last = ram.back().end_pfn;

	t.bitmap_bytes = (last + bits - 1) / bits * sizeof(unsigned long);
	t.flat_bytes = (last - first) * page_size;
	t.bitmap = sweep_backing_map(t.bitmap_bytes);
	t.flat = sweep_backing_map(t.flat_bytes);
	if (!t.bitmap || !t.flat)
		return "no address space for the limit's tables";
	for (const pmm_range &r : ram) {
		unsigned long *map = static_cast<unsigned long *>(t.bitmap);

		for (unsigned long pfn = r.start_pfn; pfn < r.end_pfn; pfn++)
			map[pfn / bits] |= 1UL << (pfn % bits);
		memset(static_cast<char *>(t.flat) + (r.start_pfn - first) * page_size, 0x5a,
		       (r.end_pfn - r.start_pfn) * page_size);
	}
	t.flat_base = reinterpret_cast<unsigned long>(t.flat) - first * page_size;
	return "";
}

/* the configuration that is built, with its inputs */
struct active_config {
	int index = -1;
	std::string error;		/* why it cannot run; empty when it can */
	std::vector<pmm_range> ram;
	unsigned long ram_pages = 0;
	unsigned long huge_bytes = 0;	/* AnonHugePages once built */
	unsigned int nodes = 0;
	pmm_stats stats = {};
	std::vector<unsigned long> pfns[SWEEP_NR_PATTERNS];
	std::vector<const void *> pages[SWEEP_NR_PATTERNS];
	limit_tables limit;
	bool built = false;
	bool warm = false;		/* a benchmark has warmed it up */
	int group = -1;			/* the (op, pattern, form) last timed */
};

active_config active;
std::map<std::string, sweep_map> maps;	/* loaded once each */
int exit_status;

/* the n-th RAM PFN, counting from 0 over the ranges in address order */
unsigned long nth_ram_pfn(const std::vector<pmm_range> &ram, unsigned long n)
{
	for (const pmm_range &r : ram) {
		if (n < r.end_pfn - r.start_pfn)
			return r.start_pfn + n;
		n -= r.end_pfn - r.start_pfn;
	}
	return ~0UL;
}

/*
 * The three patterns' PFNs.  Stride steps a section of RAM (the unit's, or
 * 128 MiB without sections) plus one page, so that consecutive inputs
 * fall in different sections and, over a pass, each section is hit at
 * different offsets.
 */
void make_pfns(active_config &a, const pmm_params *p)
{
	const size_t nr = size_t(1) << inputs_log2;
	int section_bits = p->section_size_bits ? p->section_size_bits : 27;
	unsigned long stride = (1UL << (section_bits - p->page_shift)) + 1;
	std::mt19937_64 rng(20240101);
	std::uniform_int_distribution<unsigned long> pick(0, a.ram_pages - 1);

	for (auto &v : a.pfns)
		v.resize(nr);
	for (size_t i = 0; i < nr; i++) {
		a.pfns[SWEEP_SEQUENTIAL][i] = nth_ram_pfn(a.ram, i % a.ram_pages);
		a.pfns[SWEEP_RANDOM][i] = nth_ram_pfn(a.ram, pick(rng));
		a.pfns[SWEEP_STRIDE][i] = nth_ram_pfn(a.ram, (i * stride) % a.ram_pages);
	}
}

/*
 * pmm and Linux must agree on every input, and pfn_valid at both
 * ends of every range (but where a stated difference lets only Linux's
 * be true), or the timings compare nothing.  A peer, which has no Linux
 * side, must answer its own round trip and call every input valid.
 */
std::string sides_disagree(const active_config &a, const sweep_unit *u)
{
	const sweep_conversions &pmm = u->conv[SWEEP_PMM], &lx = u->conv[SWEEP_LINUX];
	char buf[160];

	for (int p = 0; p < SWEEP_NR_PATTERNS; p++)
		for (size_t i = 0; i < a.pfns[p].size(); i++) {
			unsigned long pfn = a.pfns[p][i];
			const void *page = a.pages[p][i];

			if (!page || pmm.page_to_pfn(page) != pfn || !pmm.pfn_valid(pfn)) {
				snprintf(buf, sizeof(buf),
					 "pmm's round trip or pfn_valid fails at PFN %#lx", pfn);
				return buf;
			}
			if (lx.pfn_to_page && (lx.pfn_to_page(pfn) != page ||
					       lx.page_to_pfn(page) != pfn || !lx.pfn_valid(pfn))) {
				snprintf(buf, sizeof(buf),
					 "pmm and Linux disagree at PFN %#lx", pfn);
				return buf;
			}
		}
	if (!lx.pfn_valid)
		return "";
	for (const pmm_range &r : a.ram)
		for (unsigned long pfn : { r.start_pfn - 1, r.end_pfn, ~0UL })
			if (pmm.pfn_valid(pfn) != lx.pfn_valid(pfn) &&
			    !(lx.pfn_valid(pfn) && u->linux_wider(pfn))) {
				snprintf(buf, sizeof(buf), "pfn_valid(%#lx) differs", pfn);
				return buf;
			}
	return "";
}

void deactivate()
{
	if (active.index >= 0 && active.built)
		sweep_configs[active.index].unit->exit();
	active = active_config();
}

/*
 * Load @c's map (once per map) and take its RAM in @c's page size into
 * @ram: "" on success, else why not.
 */
std::string load_ram(const sweep_config &c, std::vector<pmm_range> &ram)
{
	char err[512] = "";
	pmm_range *pfns;
	unsigned int nr;

	if (!maps.count(c.map)) {
		sweep_map m;

		if (sweep_map_load(c.map, &m, err, sizeof(err)))
			return err;
		maps[c.map] = m;
	}
	if (sweep_map_pfns(&maps[c.map], c.unit->params->page_shift, &pfns, &nr))
		return "out of memory";
	ram.assign(pfns, pfns + nr);
	free(pfns);
	if (ram.empty())
		return "no whole page of RAM in the map";
	/* a deferring unit writes little of what it maps: all the address space */
	sweep_backing_set(c.huge, c.deferred ? 1ULL << 46 : 0);
	return "";
}

/* pmm_init @c's unit on @c's map: "" on success, else why not */
std::string build(const sweep_config &c, std::vector<pmm_range> &ram)
{
	std::string err = load_ram(c, ram);
	int ret;

	if (!err.empty())
		return err;
	ret = c.unit->init(ram.data(), (unsigned int)ram.size());
	if (ret)
		return std::string("pmm_init: ") + strerror(-ret) +
		       (ret == -ERANGE ? " (the map does not fit MAX_PHYSMEM_BITS)" :
			ret == -ENOMEM ? " (over the hosted memory limit or address space)" :
			ret == -EBUSY ? " (the constant vmemmap base is taken on this host)" : "");
	return "";
}

/* build configuration @index, unless it is built; false (and why) if it cannot run */
bool activate(int index)
{
	const sweep_config &c = sweep_configs[index];
	const sweep_unit *u = c.unit;

	if (active.index == index)
		return active.error.empty();
	deactivate();
	active.index = index;
	/* a boot's cases build and free the configuration themselves */
	if (c.bench == SWEEP_BENCH_BOOT) {
		active.error = load_ram(c, active.ram);
		return active.error.empty();
	}
	active.error = build(c, active.ram);
	if (!active.error.empty())
		return false;
	for (const pmm_range &r : active.ram)
		active.ram_pages += r.end_pfn - r.start_pfn;
	active.built = true;
	u->stats(&active.stats);
	active.nodes = active.stats.nr_nodes;
	if (c.bench != SWEEP_BENCH_CONVERSIONS)
		return true;
	make_pfns(active, u->params);
	for (int p = 0; p < SWEEP_NR_PATTERNS; p++) {
		active.pages[p].resize(active.pfns[p].size());
		for (size_t i = 0; i < active.pfns[p].size(); i++)
			active.pages[p][i] = u->conv[SWEEP_PMM].pfn_to_page(active.pfns[p][i]);
	}
	active.error = sides_disagree(active, u);
	if (active.error.empty())
		active.error = make_limit(active.limit, active.ram,
					  (size_t)u->params->struct_page_size);
	/* what the host gave, memmaps and limit tables written */
	active.huge_bytes = sweep_backing_huge_bytes();
	if (!active.error.empty()) {
		fprintf(stderr, "sweep_bench: %s: %s\n", c.name, active.error.c_str());
		exit_status = 1;
		return false;
	}
	return true;
}

struct bench_arg {
	int config, side, op, pattern, form;
};

/* the time stamp counter: TSC ticks per operation beside ns, on x86 */
#if defined(__x86_64__) || defined(__i386__)
inline unsigned long long stamp() { return __builtin_ia32_rdtsc(); }
const bool have_stamp = true;
#else
inline unsigned long long stamp() { return 0; }
const bool have_stamp = false;
#endif

void run(benchmark::State &state, bench_arg arg)
{
	const sweep_config &c = sweep_configs[arg.config];
	sweep_loop *loop = c.unit->loop[arg.side][arg.op][arg.form];
	sweep_inputs in = {};
	unsigned long items = 0;
	unsigned long long ticks = 0, t0;

	if (!activate(arg.config)) {
		state.SkipWithError(active.error.c_str());
		return;
	}
	in.ram = active.ram.data();
	in.nr_ram = (unsigned int)active.ram.size();
	in.zero = 0;
	in.valid_bitmap = static_cast<const unsigned long *>(active.limit.bitmap);
	in.flat_base = active.limit.flat_base;
	if (arg.op != SWEEP_WALK) {
		in.pfns = active.pfns[arg.pattern].data();
		in.pages = active.pages[arg.pattern].data();
		in.mask = active.pfns[arg.pattern].size() - 1;
	}
	/*
	 * Untimed passes first, for a while (warm_up_ms and its kin say how
	 * long and why): caches, TLB and branch predictors warm, whichever
	 * side comes first.
	 */
	{
		auto start = std::chrono::steady_clock::now();
		int group = (arg.op * SWEEP_NR_PATTERNS + arg.pattern) * SWEEP_NR_FORMS + arg.form;

		do
			loop(&in, arg.op == SWEEP_WALK ? 1 : in.mask + 1);
		while (std::chrono::steady_clock::now() - start <
		       std::chrono::milliseconds(!active.warm ? warm_up_ms :
						 group == active.group ? 0 :
						 arg.op == SWEEP_WALK ? warm_walk_ms :
						 warm_each_ms));
		active.warm = true;
		active.group = group;
	}
	in.next = 0;
	/* the loops' own time only: the stamps bracket each call into C */
	if (arg.op == SWEEP_WALK)
		while (state.KeepRunningBatch(1)) {
			t0 = stamp();
			items += loop(&in, 1);
			ticks += stamp() - t0;
		}
	else
		while (state.KeepRunningBatch(batch)) {
			t0 = stamp();
			items += loop(&in, (unsigned long)batch);
			ticks += stamp() - t0;
		}
	state.SetItemsProcessed((int64_t)items);
	if (have_stamp && items)
		state.counters["tsc_per_op"] = double(ticks) / double(items);
	state.SetLabel(std::string(c.label) + " nodes=" + std::to_string(active.nodes) +
		       " op=" + op_names[arg.op] + " pattern=" +
		       (arg.op == SWEEP_WALK ? "all" : pattern_names[arg.pattern]) +
		       " form=" + form_names[arg.form] + " side=" + side_names[arg.side]);
	state.counters["memmap_bytes"] = double(active.stats.memmap_bytes);
	state.counters["metadata_bytes"] = double(active.stats.metadata_bytes);
	state.counters["ram_bytes"] =
		double(active.ram_pages) * double(1UL << c.unit->params->page_shift);
	state.counters["huge_bytes"] = double(active.huge_bytes);
}

/* every configuration's cases (sweep_cases.c), alive while registered */
std::vector<std::vector<sweep_case>> cases_of(sweep_nr_configs);

struct case_arg {
	int config;
	const sweep_case *k;
};

/*
 * A case: set up (and checked), iterations that time themselves, torn
 * down.  A setup, run or teardown that fails is an error of pmm's (exit
 * 1); a run this machine refuses (a map too large for it) is a result.
 */
void run_case(benchmark::State &state, case_arg arg)
{
	const sweep_config &c = sweep_configs[arg.config];
	const sweep_case *k = arg.k;
	sweep_env env = {};
	sweep_sample sum = {};
	char err[256] = "";
	int failed = 0;

	if (!activate(arg.config)) {
		state.SkipWithError(active.error.c_str());
		return;
	}
	env.unit = c.unit;
	env.ram = active.ram.data();
	env.nr = (unsigned int)active.ram.size();
	if (k->setup && k->setup(k, &env, err, sizeof(err))) {
		fprintf(stderr, "sweep_bench: %s/%s: %s\n", c.name, k->name, err);
		state.SkipWithError(err);
		exit_status = 1;
		return;
	}
	for (auto _ : state) {
		sweep_sample s = {};

		failed = k->run(k, &env, &s, err, sizeof(err));
		if (failed) {
			state.SkipWithError(err);
			break;
		}
		state.SetIterationTime(s.ns / 1e9);
		sum.items += s.items;
		for (int i = 0; i < SWEEP_NR_COUNTERS; i++)
			sum.counter[i] += s.counter[i];
	}
	if (failed < 0) {
		fprintf(stderr, "sweep_bench: %s/%s: %s\n", c.name, k->name, err);
		exit_status = 1;
	}
	if (k->teardown && k->teardown(k, &env, err, sizeof(err)) && !failed) {
		fprintf(stderr, "sweep_bench: %s/%s: %s\n", c.name, k->name, err);
		state.SkipWithError(err);
		exit_status = 1;
	}
	state.SetItemsProcessed((int64_t)sum.items);
	for (int i = 0; i < SWEEP_NR_COUNTERS; i++)
		state.counters[sweep_counter_names[i]] =
			benchmark::Counter(sum.counter[i], benchmark::Counter::kAvgIterations);
	state.SetLabel(std::string(c.label) + " nodes=" +
		       std::to_string(active.built ? active.nodes : 0) + " " + k->label +
		       " side=pmm");
}

/* a hotplug or boot configuration's cases, registered (none: exit 1) */
void register_cases(unsigned int i)
{
	const sweep_config &c = sweep_configs[i];
	std::vector<pmm_range> ram;
	std::string why = load_ram(c, ram);
	sweep_env env = { c.unit, ram.data(), (unsigned int)ram.size() };
	sweep_case *list = nullptr;
	unsigned int n = 0;
	char err[256] = "";

	if (why.empty()) {
		n = sweep_cases(&c, &env, &list, err, sizeof(err));
		why = err;
	}
	if (!n) {
		fprintf(stderr, "sweep_bench: %s: no cases: %s\n", c.name, why.c_str());
		exit_status = 1;
		return;
	}
	cases_of[i].assign(list, list + n);
	free(list);
	for (const sweep_case &k : cases_of[i])
		benchmark::RegisterBenchmark((std::string(c.name) + "/" + k.name).c_str(),
					     run_case, case_arg{ int(i), &k })
			->UseManualTime()
			->Unit(c.bench == SWEEP_BENCH_BOOT ? benchmark::kMillisecond :
			       benchmark::kMicrosecond)
			->Iterations(benchmark::IterationCount(k.iterations * (k.once ? 1 : passes)));
}

void register_all()
{
	for (unsigned int i = 0; i < sweep_nr_configs; i++) {
		const sweep_config &c = sweep_configs[i];

		if (c.bench != SWEEP_BENCH_CONVERSIONS) {
			register_cases(i);
			continue;
		}
		for (int op = 0; op < SWEEP_NR_OPS; op++)
			for (int p = 0; p < SWEEP_NR_PATTERNS; p++)
				for (int f = 0; f < SWEEP_NR_FORMS; f++)
					for (int s = 0; s < SWEEP_NR_SIDES; s++) {
						std::string name;

						if (!c.unit->loop[s][op][f] || (op == SWEEP_WALK && p))
							continue;
						name = std::string(c.name) + "/" + op_names[op] + "/" +
						       (op == SWEEP_WALK ? "all" : pattern_names[p]) +
						       "/" + form_names[f] + "/" + side_names[s];
						benchmark::RegisterBenchmark(name.c_str(), run,
									     bench_arg{ int(i), s, op, p, f })
							->Unit(benchmark::kNanosecond)
							->Iterations(benchmark::IterationCount(
								op == SWEEP_WALK ? passes :
								passes << inputs_log2));
					}
	}
}

/* the host's transparent huge pages setting, e.g. "always [madvise] never" */
std::string thp_setting()
{
	std::ifstream f("/sys/kernel/mm/transparent_hugepage/enabled");
	std::string line;

	return std::getline(f, line) ? line : "unknown";
}

/* the CPU's name, which google-benchmark's context leaves out */
std::string cpu_model()
{
	std::ifstream cpuinfo("/proc/cpuinfo");
	std::string line;

	while (std::getline(cpuinfo, line))
		if (line.compare(0, 10, "model name") == 0 ||
		    line.compare(0, 9, "Processor") == 0 ||
		    line.compare(0, 3, "cpu") == 0) {
			size_t colon = line.find(':');

			if (colon != std::string::npos && line.compare(0, 7, "cpu MHz") &&
			    line.compare(0, 9, "cpu cores") && line.compare(0, 9, "cpu famil"))
				return line.substr(line.find_first_not_of(" \t", colon + 1));
		}
	return "unknown";
}

bool list_only;
const char *boot_glob;
long boot_threads = -1;

/*
 * One boot of the first configuration matching @glob: map, pmm_init, with
 * --sweep_threads=T pmm_deferred_init(T) (0: all CPUs), pmm_exit.
 */
int boot(const char *glob)
{
	for (unsigned int i = 0; i < sweep_nr_configs; i++) {
		const sweep_config &c = sweep_configs[i];
		std::vector<pmm_range> ram;
		std::string err;

		if (fnmatch(glob, c.name, 0))
			continue;
		err = build(c, ram);
		if (!err.empty()) {
			fprintf(stderr, "sweep_bench: %s: %s\n", c.name, err.c_str());
			return 1;
		}
		if (boot_threads >= 0) {
			int ret = c.unit->deferred_init ?
				  c.unit->deferred_init((unsigned int)boot_threads) : -EINVAL;

			if (ret) {
				fprintf(stderr, "sweep_bench: %s: pmm_deferred_init: %s\n",
					c.name, strerror(-ret));
				c.unit->exit();
				return 1;
			}
		}
		c.unit->exit();
		return 0;
	}
	fprintf(stderr, "sweep_bench: no configuration matches %s\n", glob);
	return 2;
}

/*
 * Is @arg the flag @name (with its '='), and if so its value in
 * [@lo, @hi] in *@v, or -1 after saying what is wrong?
 */
bool number_flag(const char *arg, const char *name, long lo, long hi, long *v)
{
	size_t n = strlen(name);
	char *end;

	if (strncmp(arg, name, n))
		return false;
	*v = strtol(arg + n, &end, 10);
	if (end == arg + n || *end || *v < lo || *v > hi) {
		fprintf(stderr, "sweep_bench: %.*s must be %ld..%ld\n", int(n - 1), name, lo, hi);
		*v = -1;
	}
	return true;
}

/* our flags, taken out of argv before google-benchmark sees it */
bool own_flags(int *argc, char **argv)
{
	int out = 1;

	for (int i = 1; i < *argc; i++) {
		if (strcmp(argv[i], "--sweep_list") == 0) {
			list_only = true;
			continue;
		}
		if (strncmp(argv[i], "--sweep_boot=", 13) == 0) {
			boot_glob = argv[i] + 13;
			continue;
		}
		/* google-benchmark's --benchmark_context takes no '=' or ',' in values */
		if (strncmp(argv[i], "--sweep_context=", 16) == 0) {
			const char *kv = argv[i] + 16, *eq = strchr(kv, '=');

			if (!eq || eq == kv) {
				fprintf(stderr, "sweep_bench: --sweep_context=KEY=VALUE\n");
				return false;
			}
			benchmark::AddCustomContext(std::string(kv, eq), eq + 1);
			continue;
		}
		long v;

		if (number_flag(argv[i], "--sweep_warm_ms=", 0, 1000, &v)) {
			if (v < 0)
				return false;
			warm_each_ms = (int)v;
		} else if (number_flag(argv[i], "--sweep_passes=", 1, 1000, &v)) {
			if (v < 0)
				return false;
			passes = (unsigned long)v;
		} else if (number_flag(argv[i], "--sweep_threads=", 0, 1024, &v)) {
			if (v < 0)
				return false;
			boot_threads = v;
		} else if (number_flag(argv[i], "--sweep_inputs=", 4, 24, &v)) {
			if (v < 0)
				return false;
			inputs_log2 = (unsigned int)v;
		} else {
			argv[out++] = argv[i];
		}
	}
	*argc = out;
	return true;
}

}  // namespace

int main(int argc, char **argv)
{
	if (!own_flags(&argc, argv))
		return 2;
	if (list_only) {
		for (unsigned int i = 0; i < sweep_nr_configs; i++)
			printf("%s\n", sweep_configs[i].name);
		return 0;
	}
	if (boot_glob)
		return boot(boot_glob);
	benchmark::Initialize(&argc, argv);
	if (benchmark::ReportUnrecognizedArguments(argc, argv))
		return 2;
	benchmark::AddCustomContext("cpu_model", cpu_model());
	benchmark::AddCustomContext("compiler", sweep_table_compiler);
	benchmark::AddCustomContext("cflags", sweep_table_cflags);
	benchmark::AddCustomContext("sweep", sweep_table_sweep);
	benchmark::AddCustomContext("nr_configs", std::to_string(sweep_nr_configs));
	benchmark::AddCustomContext("inputs_per_pattern", std::to_string(1UL << inputs_log2));
	benchmark::AddCustomContext("passes", std::to_string(passes));
	benchmark::AddCustomContext("transparent_hugepage", thp_setting());
	if (have_stamp)
		benchmark::AddCustomContext("tsc", "tsc_per_op counts the x86 time stamp counter");
	register_all();
	benchmark::RunSpecifiedBenchmarks();
	benchmark::Shutdown();
	deactivate();
	for (auto &m : maps)
		sweep_map_free(&m.second);
	return exit_status;
}
