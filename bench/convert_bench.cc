// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * convert_bench.cc - ns per conversion, pmm and Linux's macros side by side
 *
 * Builds every model of convert_wrappers.c over one real 16 GiB memory map,
 * checks that pmm and the Linux baseline answer alike, then times
 * pfn_to_page, page_to_pfn and pfn_valid of both, one call per benchmark
 * iteration, over pre-generated inputs: valid PFNs drawn at random from the
 * RAM, or walked in order.  Names read <model>/<conversion>/<pattern>/<side>
 * with side "pmm" or "linux", the two sides registered next to each other
 * so that they run under the same conditions.
 *
 * Usage: convert_bench [google-benchmark flags]
 */
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "convert_wrappers.h"

namespace {

/*
 * Framework Laptop 13 (11th gen Intel), 16 GiB, UEFI: the RAM of its e820
 * map (shared/layouts/x86-laptop-framework-13-tgl-16g.txt), in PFNs.
 * About 1.1 GiB below 4 GiB between firmware holes, the rest above.
 */
const char layout_name[] = "x86-laptop-framework-13-tgl-16g";
const bench_range layout_ram[] = {
	{ 0x00000, 0x0009f, 0 },
	{ 0x00100, 0x39f99, 0 },
	{ 0x3a899, 0x434af, 0 },
	{ 0x45bff, 0x45c00, 0 },
	{ 0x100000, 0x4afc00, 0 },
};
const unsigned int layout_nr = sizeof(layout_ram) / sizeof(layout_ram[0]);

/* inputs per pattern: a power of two, so the index wraps with a mask */
const size_t nr_inputs = size_t(1) << 20;
const size_t input_mask = nr_inputs - 1;

enum pattern { RANDOM, SEQUENTIAL, NR_PATTERNS };
const char *const pattern_names[NR_PATTERNS] = { "random", "sequential" };

/* every RAM PFN, in order, indexed from 0 */
unsigned long nth_ram_pfn(unsigned long n)
{
	for (const bench_range &r : layout_ram) {
		if (n < r.end_pfn - r.start_pfn)
			return r.start_pfn + n;
		n -= r.end_pfn - r.start_pfn;
	}
	return ~0UL;
}

unsigned long ram_pages()
{
	unsigned long n = 0;

	for (const bench_range &r : layout_ram)
		n += r.end_pfn - r.start_pfn;
	return n;
}

struct inputs {
	std::vector<unsigned long> pfns[NR_PATTERNS];
	/* [model][pattern]: pmm's descriptors of those PFNs */
	std::vector<std::vector<const void *>> pages[NR_PATTERNS];
};

void make_inputs(inputs &in)
{
	/* a fixed seed: every run and every side sees the same PFNs */
	std::mt19937_64 rng(20240101);
	std::uniform_int_distribution<unsigned long> pick(0, ram_pages() - 1);

	for (size_t i = 0; i < nr_inputs; i++) {
		in.pfns[RANDOM].push_back(nth_ram_pfn(pick(rng)));
		/* from the first RAM PFN up, stepping over the holes */
		in.pfns[SEQUENTIAL].push_back(nth_ram_pfn(i));
	}
	for (int p = 0; p < NR_PATTERNS; p++) {
		in.pages[p].resize(bench_nr_models);
		for (unsigned int m = 0; m < bench_nr_models; m++)
			for (unsigned long pfn : in.pfns[p])
				in.pages[p][m].push_back(bench_models[m].pmm.pfn_to_page(pfn));
	}
}

/*
 * PFNs to ask pfn_valid about beyond the RAM: both sides of every range
 * end, of every section (128 MiB) and chunk (64 MiB) boundary up to past
 * the map, and the far end of the PFN space.
 */
std::vector<unsigned long> validity_probes()
{
	std::vector<unsigned long> probes;
	const unsigned long far[] = {
		(1UL << 34) - 1, 1UL << 34, (1UL << 52) - 1, 1UL << 52,
		1UL << 63, ~0UL,
	};

	for (const bench_range &r : layout_ram)
		for (long d = -1; d <= 1; d++) {
			probes.push_back(r.start_pfn + d);
			probes.push_back(r.end_pfn + d);
		}
	for (unsigned long pfn = 0; pfn < 0x600000; pfn += 1UL << 14)
		for (long d = -1; d <= 1; d++)
			probes.push_back(pfn + d);
	probes.insert(probes.end(), far, far + sizeof(far) / sizeof(far[0]));
	return probes;
}

/* pmm and the baseline must agree, or the timings compare nothing */
bool sides_agree(const inputs &in)
{
	std::vector<unsigned long> probes = validity_probes();
	unsigned long bad = 0;

	for (unsigned int m = 0; m < bench_nr_models; m++) {
		const bench_model &mod = bench_models[m];

		for (int p = 0; p < NR_PATTERNS; p++)
			for (size_t i = 0; i < nr_inputs; i++) {
				unsigned long pfn = in.pfns[p][i];
				const void *page = in.pages[p][m][i];

				if (mod.linux_eq.pfn_to_page(pfn) != page ||
				    mod.pmm.page_to_pfn(page) != pfn ||
				    mod.linux_eq.page_to_pfn(page) != pfn ||
				    !mod.pmm.pfn_valid(pfn) || !mod.linux_eq.pfn_valid(pfn)) {
					if (!bad++)
						fprintf(stderr, "convert_bench: %s: pmm and Linux disagree at PFN %#lx\n",
							mod.name, pfn);
				}
			}
		for (unsigned long pfn : probes)
			if (mod.pmm.pfn_valid(pfn) != mod.linux_eq.pfn_valid(pfn) && !bad++)
				fprintf(stderr, "convert_bench: %s: pfn_valid(%#lx) differs\n",
					mod.name, pfn);
	}
	return bad == 0;
}

/*
 * One loop per wrapper, each calling its wrapper directly.  Through a
 * function pointer, the call site would be shared, and a CPU whose
 * predictor has seen that indirect call go to two targets may predict it
 * more slowly for good (Zen 3 here: 1.4 ns a call became 2.2 ns for the
 * second benchmark on the site, whichever side it was).
 */
template <void *(*fn)(unsigned long)>
void bm_pfn_to_page(benchmark::State &state, const unsigned long *pfns)
{
	size_t i = 0;

	for (auto _ : state) {
		void *page = fn(pfns[i]);

		benchmark::DoNotOptimize(page);
		i = (i + 1) & input_mask;
	}
	state.SetItemsProcessed(state.iterations());
}

template <unsigned long (*fn)(const void *)>
void bm_page_to_pfn(benchmark::State &state, const void *const *pages)
{
	size_t i = 0;

	for (auto _ : state) {
		unsigned long pfn = fn(pages[i]);

		benchmark::DoNotOptimize(pfn);
		i = (i + 1) & input_mask;
	}
	state.SetItemsProcessed(state.iterations());
}

template <int (*fn)(unsigned long)>
void bm_pfn_valid(benchmark::State &state, const unsigned long *pfns)
{
	size_t i = 0;

	for (auto _ : state) {
		int valid = fn(pfns[i]);

		benchmark::DoNotOptimize(valid);
		i = (i + 1) & input_mask;
	}
	state.SetItemsProcessed(state.iterations());
}

typedef void pfn_loop(benchmark::State &, const unsigned long *);
typedef void page_loop(benchmark::State &, const void *const *);

/* a model's loops, [0] pmm's and [1] Linux's, in bench_models[]'s order */
struct model_loops {
	pfn_loop *pfn_to_page[2];
	page_loop *page_to_pfn[2];
	pfn_loop *pfn_valid[2];
};

#define MODEL_LOOPS(model, linux_ref)						\
	{									\
		{ bm_pfn_to_page<bench_pmm_##model##_pfn_to_page>,		\
		  bm_pfn_to_page<bench_linux_##model##_pfn_to_page> },		\
		{ bm_page_to_pfn<bench_pmm_##model##_page_to_pfn>,		\
		  bm_page_to_pfn<bench_linux_##model##_page_to_pfn> },		\
		{ bm_pfn_valid<bench_pmm_##model##_pfn_valid>,			\
		  bm_pfn_valid<bench_linux_##model##_pfn_valid> },		\
	},

const model_loops loops[] = { BENCH_MODELS(MODEL_LOOPS) };

void register_all(const inputs &in)
{
	const char *const conversions[] = { "pfn_to_page", "page_to_pfn", "pfn_valid" };
	const char *const side_names[2] = { "pmm", "linux" };

	for (unsigned int m = 0; m < bench_nr_models; m++) {
		for (int c = 0; c < 3; c++)
			for (int p = 0; p < NR_PATTERNS; p++)
				for (int s = 0; s < 2; s++) {
					std::string name = std::string(bench_models[m].name) +
							   "/" + conversions[c] + "/" +
							   pattern_names[p] + "/" + side_names[s];
					const unsigned long *pfns = in.pfns[p].data();
					const void *const *pages = in.pages[p][m].data();
					benchmark::internal::Benchmark *b;

					if (c == 0)
						b = benchmark::RegisterBenchmark(name.c_str(),
							loops[m].pfn_to_page[s], pfns);
					else if (c == 1)
						b = benchmark::RegisterBenchmark(name.c_str(),
							loops[m].page_to_pfn[s], pages);
					else
						b = benchmark::RegisterBenchmark(name.c_str(),
							loops[m].pfn_valid[s], pfns);
					b->Unit(benchmark::kNanosecond);
				}
	}
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

}  // namespace

int main(int argc, char **argv)
{
	const char *failed;
	inputs in;
	int err;

	benchmark::Initialize(&argc, argv);
	if (benchmark::ReportUnrecognizedArguments(argc, argv))
		return 2;

	err = bench_models_init(layout_ram, layout_nr, &failed);
	if (err) {
		fprintf(stderr, "convert_bench: %s: init failed: %s\n", failed,
			strerror(-err));
		return 1;
	}
	make_inputs(in);
	if (!sides_agree(in)) {
		bench_models_exit();
		return 1;
	}
	fprintf(stderr, "convert_bench: %u models, pmm and Linux agree on %zu PFNs each\n",
		bench_nr_models, 2 * nr_inputs);

	benchmark::AddCustomContext("cpu_model", cpu_model());
	benchmark::AddCustomContext("layout", layout_name);
	benchmark::AddCustomContext("inputs_per_pattern", std::to_string(nr_inputs));
	benchmark::AddCustomContext("wrappers_compiler", bench_wrappers_compiler);
	register_all(in);
	benchmark::RunSpecifiedBenchmarks();
	benchmark::Shutdown();
	bench_models_exit();
	return 0;
}
