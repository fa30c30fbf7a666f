// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_layouts.c - every model over every memory map, against an oracle
 *
 *	test_layouts [-v] [-s SEED] [FILE | DIR]...	(default: data/layouts)
 *
 * A directory stands for the *.txt maps in it.  Each map's '# arch:' line
 * picks the architecture's preset (models.c), and every instance of it
 * boots the map's RAM, handed over in a shuffled order.  Then, on a
 * sample of PFNs (around every range start and end, every present
 * section boundary and MAX_PHYSMEM_BITS, and seeded-random RAM and hole
 * PFNs), the answers must be the oracle's (oracle.c):
 *
 *	pmm_init	0 or the documented errno; on failure nothing held
 *	pfn_valid	exactly the model's granularity
 *	round trip	page_to_pfn(pfn_to_page(pfn)) == pfn, descriptors
 *			aligned and distinct
 *	nid		page_to_nid and pfn_to_nid, RAM and holes
 *	page->flags	PG_reserved exactly on holes
 *	pmm_stats	RAM pages, nodes, present sections, memmap bytes and
 *			pages; and they account for every byte the hooks gave
 *	pmm_exit	gives back every byte and reservation, leaves no PFN
 *			valid; so does every init whose allocation fails
 *	bad maps	the map broken in one way (a page at MAX_PHYSMEM_BITS,
 *			a range twice, ...) is refused with pmm.h's errno
 *
 * and the models of one map must agree where their granularities allow.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* for struct pmm_range, pmm_stats, pmm_params and the model constants */
#include "pmm_types.h"
#include "test.h"
#include "test_args.h"
#include "test_rand.h"
#include "models.h"
#include "model_stats.h"
#include "oracle.h"
#include "tools/layout/layout.h"

#define PROP_DEFAULT_PATH	"data/layouts"
#define PROP_DEFAULT_SEED	0x706d6d5f6c61796fULL	/* "pmm_layo" */

/* Samples: seeded-random RAM and hole PFNs, and where sections are many. */
#define PROP_RANDOM_RAM		3000
#define PROP_RANDOM_HOLES	1000
#define PROP_RANDOM_ANYWHERE	500
#define PROP_SECTIONS_ALL	4096	/* up to this many: every boundary */
#define PROP_SECTIONS_SAMPLED	2048	/* beyond: this many, at random */

/*
 * Each allocation an init makes is failed in turn, up to this many; of
 * more, the first and last few and a spread between, this many in all.
 */
#define PROP_FAULTS_ALL		16

/* What one instance answered for one sample PFN. */
struct prop_answer {
	signed char valid;		/* -1: the instance did not boot */
	int nid;			/* -1 unless valid */
};

/* A descriptor address and its PFN, to find two PFNs sharing one. */
struct prop_page {
	uintptr_t addr;
	unsigned long pfn;
};

/* The map under test and what its instances answered. */
static struct {
	const char *name;
	struct layout lo;
	const struct arch_preset *arch;
	struct pmm_range *ram;
	struct pmm_range *shuffled;
	unsigned int nr_ram;
	struct oracle o;
	unsigned long *samples;
	unsigned long nr_samples, cap_samples;
	struct prop_answer *answers;	/* [instance][sample] */
	struct prop_page *pages;
	const struct prop_instance *in;
	unsigned int in_index;
	int error;			/* from reading the map */
	struct layout_error read_err;
} ctx;

static struct test_args args = {
	.takes = "s", .seed = PROP_DEFAULT_SEED, .operands = "[FILE | DIR]...",
	.about = "every model on each map's RAM against an oracle; a DIR is its *.txt maps "
		 "(default " PROP_DEFAULT_PATH ")",
};

/* Each map gets its own stream, so a map's samples don't depend on others. */
static struct test_rand prop_rng;

static unsigned long long prop_random_below(unsigned long long n)
{
	return test_rand_below(&prop_rng, n);
}

/* --- reporting ------------------------------------------------------- */

/* ASSERT_EQ for one PFN, saying which; test.h caps what a case prints. */
#define EXPECT_PFN(pfn, what, expected, seen)					\
	do {									\
		long long e_ = (long long)(expected);				\
		long long s_ = (long long)(seen);				\
										\
		ASSERT_MSG(e_ == s_, "pfn %#lx: %s: expected %lld (%#llx), seen %lld (%#llx)", \
			   (unsigned long)(pfn), (what), e_, (unsigned long long)e_, s_, \
			   (unsigned long long)s_);				\
	} while (0)

/* --- samples ---------------------------------------------------------- */

static void add_sample(unsigned long pfn)
{
	if (ctx.nr_samples == ctx.cap_samples) {
		unsigned long cap = ctx.cap_samples ? ctx.cap_samples * 2 : 4096;
		unsigned long *grown = realloc(ctx.samples, cap * sizeof(*grown));

		if (!grown) {
			fprintf(stderr, "test_layouts: out of memory for samples\n");
			exit(2);
		}
		ctx.samples = grown;
		ctx.cap_samples = cap;
	}
	ctx.samples[ctx.nr_samples++] = pfn;
}

/* @pfn and two on either side, where they exist */
static void add_around(unsigned long pfn)
{
	int d;

	for (d = -2; d <= 2; d++) {
		if (d < 0 && pfn < (unsigned long)-d)
			continue;
		if (d > 0 && pfn > ~0UL - (unsigned long)d)
			continue;
		add_sample(pfn + (unsigned long)(long)d);
	}
}

static int cmp_ulong(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

/* The @n-th present section, counting through the runs. */
static unsigned long nth_present_section(unsigned long n)
{
	unsigned int i;

	for (i = 0; i < ctx.o.nr_present_runs; i++) {
		unsigned long len = ctx.o.present[i].end - ctx.o.present[i].first;

		if (n < len)
			return ctx.o.present[i].first + n;
		n -= len;
	}
	return ctx.o.present[ctx.o.nr_present_runs - 1].end - 1;
}

static void build_samples(void)
{
	const struct oracle *o = &ctx.o;
	int shift = o->pfn_section_shift;
	unsigned long long max_pfn = o->max_pfn;
	unsigned long i, n;

	ctx.nr_samples = 0;
	add_around(0);

	/* every range start and end: RAM/hole edges, node spans, max_pfn */
	for (i = 0; i < o->nr_ranges; i++) {
		add_around(o->ranges[i].start_pfn);
		add_around(o->ranges[i].end_pfn);
	}
	for (i = 0; i < ctx.arch->nr_instances; i++)
		add_around(ctx.arch->instances[i].pfn_offset);

	/*
	 * section boundaries: the edges of every run of present sections,
	 * and every boundary inside where there are few, else a sample
	 */
	for (i = 0; i < o->nr_present_runs; i++) {
		add_around(o->present[i].first << shift);
		add_around(o->present[i].end << shift);
	}
	if (o->nr_present <= PROP_SECTIONS_ALL) {
		for (i = 0; i < o->nr_present; i++)
			add_around(nth_present_section(i) << shift);
	} else {
		for (i = 0; i < PROP_SECTIONS_SAMPLED; i++)
			add_around(nth_present_section(prop_random_below(o->nr_present)) << shift);
	}

	/* the reach of MAX_PHYSMEM_BITS, and far beyond it */
	if (max_pfn <= ~0UL) {
		add_around((unsigned long)max_pfn);
		if (max_pfn <= ~0UL / 2)
			add_around((unsigned long)max_pfn * 2);
	}
	add_around(~0UL);
	add_around(~0UL >> o->page_shift);	/* where PFN_PHYS overflows */
	add_around(1UL << (8 * sizeof(long) - 1));

	/* seeded-random RAM */
	for (n = 0; o->ram_pages && n < PROP_RANDOM_RAM; n++)
		add_sample(oracle_nth_ram_pfn(o, prop_random_below(o->ram_pages)));

	/*
	 * seeded-random holes: a gap at random (so small gaps get their share),
	 * then a PFN in it; the gaps are below the first range, between
	 * ranges, and from the last range to MAX_PHYSMEM_BITS
	 */
	for (n = 0; o->nr_ranges && n < PROP_RANDOM_HOLES; n++) {
		unsigned long g = (unsigned long)prop_random_below(o->nr_ranges + 1);
		unsigned long lo = g ? o->ranges[g - 1].end_pfn : 0;
		unsigned long hi = g < o->nr_ranges ? o->ranges[g].start_pfn :
				   (unsigned long)(max_pfn <= ~0UL ? max_pfn : ~0UL);

		if (hi > lo)
			add_sample(lo + (unsigned long)prop_random_below(hi - lo));
	}
	for (n = 0; n < PROP_RANDOM_ANYWHERE; n++)
		add_sample((unsigned long)prop_random_below(max_pfn));

	qsort(ctx.samples, ctx.nr_samples, sizeof(*ctx.samples), cmp_ulong);
	for (i = n = 0; i < ctx.nr_samples; i++)
		if (!n || ctx.samples[n - 1] != ctx.samples[i])
			ctx.samples[n++] = ctx.samples[i];
	ctx.nr_samples = n;
}

/* --- one instance ------------------------------------------------------ */

static const char *model_name(int model)
{
	switch (model) {
	case PMM_MODEL_FLATMEM:
		return "FLATMEM";
	case PMM_MODEL_DISCONTIGMEM:
		return "DISCONTIGMEM";
	case PMM_MODEL_SPARSEMEM:
		return "SPARSEMEM";
	case PMM_MODEL_XEN_PDX_MASK:
		return "Xen PDX, mask";
	case PMM_MODEL_XEN_PDX_OFFSET:
		return "Xen PDX, offset";
	case PMM_MODEL_FREEBSD_DENSE:
		return "FreeBSD, dense";
	case PMM_MODEL_FREEBSD_SPARSE:
		return "FreeBSD, segments";
	default:
		return "SPARSEMEM_VMEMMAP";
	}
}

static unsigned int outcome_of(int err)
{
	switch (err) {
	case 0:
		return ORACLE_OK;
	case -EINVAL:
		return ORACLE_EINVAL;
	case -ERANGE:
		return ORACLE_ERANGE;
	case -ENOMEM:
		return ORACLE_ENOMEM;
	default:
		return 0;
	}
}

/* The first outcome of a mask, as pmm_init would return it. */
static int errno_of(unsigned int outcomes)
{
	if (outcomes & ORACLE_OK)
		return 0;
	if (outcomes & ORACLE_EINVAL)
		return -EINVAL;
	if (outcomes & ORACLE_ERANGE)
		return -ERANGE;
	return -ENOMEM;
}

static void outcomes_text(unsigned int mask, char *buf, size_t size)
{
	static const char *const names[] = { "0", "-EINVAL", "-ERANGE", "-ENOMEM" };
	size_t len = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < 4; i++)
		if (mask & (1u << i))
			len += (size_t)snprintf(buf + len, size - len, "%s%s",
						len ? " or " : "", names[i]);
}

/* The instance is the one the test asked for. */
static void check_params(const struct prop_instance *in)
{
	const struct pmm_params *p = in->ops->params;

	ASSERT_EQ(in->model, p->model);
	ASSERT_EQ(ctx.arch->page_shift, p->page_shift);
	ASSERT_EQ(ctx.arch->max_physmem_bits, p->max_physmem_bits);
	if (in->model == PMM_MODEL_SPARSEMEM ||
	    in->model == PMM_MODEL_SPARSEMEM_VMEMMAP) {
		ASSERT_EQ(ctx.arch->section_size_bits, p->section_size_bits);
		ASSERT_EQ(in->extreme, p->extreme);
	}
	ASSERT_EQ(in->pfn_offset, p->pfn_offset);
	ASSERT_EQ(in->nodes_shift, p->nodes_shift);
	ASSERT_EQ(in->struct_page_size, p->struct_page_size);
	ASSERT_EQ(0, p->vmemmap_base_const);
	ASSERT_EQ(oracle_node_in_page_flags(in, ctx.arch), p->node_in_page_flags);
	ASSERT_EQ(in->discontig_nid, p->discontig_nid);
	if (in->discontig_nid == PMM_NID_BY_TABLE)
		ASSERT_EQ(in->chunk_shift, p->discontig_chunk_shift);
}

static void shuffle_ranges(void)
{
	unsigned int i;

	if (ctx.nr_ram)
		memcpy(ctx.shuffled, ctx.ram, ctx.nr_ram * sizeof(*ctx.ram));
	for (i = ctx.nr_ram; i > 1; i--) {
		unsigned int j = (unsigned int)prop_random_below(i);
		struct pmm_range t = ctx.shuffled[i - 1];

		ctx.shuffled[i - 1] = ctx.shuffled[j];
		ctx.shuffled[j] = t;
	}
}

/* Nothing held beyond @before: blocks, bytes, backing, address space. */
static void check_nothing_held(const struct prop_usage *before, const char *after)
{
	struct prop_usage now;

	prop_usage(&now);
	if (now.alloc_blocks != before->alloc_blocks ||
	    now.alloc_bytes != before->alloc_bytes ||
	    now.populated_bytes != before->populated_bytes ||
	    now.reserved_bytes != before->reserved_bytes ||
	    now.hosted_bytes != before->hosted_bytes)
		fprintf(stderr, "  (after %s)\n", after);
	ASSERT_EQ(before->alloc_blocks, now.alloc_blocks);
	ASSERT_EQ(before->alloc_bytes, now.alloc_bytes);
	ASSERT_EQ(before->populated_bytes, now.populated_bytes);
	ASSERT_EQ(before->reserved_bytes, now.reserved_bytes);
	ASSERT_EQ(before->hosted_bytes, now.hosted_bytes);
	/* and no vmemmap hook call broke a rule on the way (test_vmemmap.h) */
	ASSERT_MSG(now.vmemmap_bad == before->vmemmap_bad, "%ld bad vmemmap hook calls, "
		   "the first so far: %s", now.vmemmap_bad - before->vmemmap_bad,
		   now.vmemmap_first_bad);
}

/* After a successful init: the oracle's numbers, and every byte accounted. */
static void check_stats(const struct prop_instance *in,
			const struct prop_usage *before)
{
	int xen = in->model == PMM_MODEL_XEN_PDX_MASK || in->model == PMM_MODEL_XEN_PDX_OFFSET;
	/* a virtual table backed through the populate hooks: the vmemmap, Xen's frame table */
	int vmemmap = in->model == PMM_MODEL_SPARSEMEM_VMEMMAP || xen;
	int sparse = in->model == PMM_MODEL_SPARSEMEM_VMEMMAP || in->model == PMM_MODEL_SPARSEMEM;
	struct prop_usage now;
	struct pmm_stats st;

	in->ops->stats(&st);
	prop_usage(&now);
	ASSERT_EQ(ctx.o.ram_pages, st.ram_pages);
	ASSERT_EQ(ctx.o.nr_nodes, st.nr_nodes);
	ASSERT_EQ(sparse ? ctx.o.nr_present : 0, st.nr_present_sections);
	if (!xen) {
		ASSERT_EQ(oracle_memmap_bytes(&ctx.o, in), st.memmap_bytes);
		ASSERT_EQ(oracle_memmap_pages(&ctx.o, in), st.memmap_pages);
	} else {
		/* at least every RAM page described, at most every PFN below the end */
		ASSERT_TRUE(st.memmap_pages >= ctx.o.ram_pages);
		ASSERT_EQ(st.memmap_pages * (unsigned long long)in->struct_page_size,
			  st.memmap_bytes);
	}

	/* memmaps come from PMM_ALLOC, or from populate for VMEMMAP */
	ASSERT_EQ(st.metadata_bytes + (vmemmap ? 0 : st.memmap_bytes),
		  now.alloc_bytes - before->alloc_bytes);
	ASSERT_EQ(vmemmap ? st.memmap_bytes : 0,
		  now.populated_bytes - before->populated_bytes);
	/* only a vmemmap holds address space */
	ASSERT_EQ(vmemmap, now.reserved_bytes != before->reserved_bytes);
}

static int cmp_page(const void *a, const void *b)
{
	const struct prop_page *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* Ask the booted instance about every sample PFN. */
static void check_samples(const struct prop_instance *in,
			  struct prop_answer *answers)
{
	const struct model_ops *ops = in->ops;
	unsigned long i, nr_pages = 0;

	for (i = 0; i < ctx.nr_samples; i++) {
		unsigned long pfn = ctx.samples[i];
		int valid = !!ops->pfn_valid(pfn);
		int expect = oracle_pfn_valid(&ctx.o, in, ctx.arch, pfn);
		int hole = oracle_range_of(&ctx.o, pfn) < 0;
		unsigned long flags;
		int nid, page_nid;
		void *page;

		answers[i].valid = (signed char)valid;
		answers[i].nid = -1;
		if (expect == ORACLE_UNKNOWN)
			expect = valid;		/* a Xen hole: either, but then whole */
		EXPECT_PFN(pfn, "pmm_pfn_valid()", expect, valid);
		if (!valid) {
			EXPECT_PFN(pfn, "pmm_pfn_to_nid() of an invalid PFN", -1,
				   ops->pfn_to_nid(pfn));
			continue;
		}
		if (!expect)
			continue;	/* told already; its page may not exist */

		page = ops->pfn_to_page(pfn);
		/*
		 * A descriptor starts a whole number of descriptors into its
		 * array: from address 0 for a power-of-two size, else (the
		 * peers' 104-byte vm_page) from the first RAM PFN's.
		 */
		EXPECT_PFN(pfn, "descriptor address modulo its size", 0,
			   ((uintptr_t)page - (in->struct_page_size & (in->struct_page_size - 1) ?
					       (uintptr_t)ops->pfn_to_page(ctx.o.ranges[0].start_pfn) :
					       0)) % (uintptr_t)in->struct_page_size);
		EXPECT_PFN(pfn, "pmm_page_to_pfn(pmm_pfn_to_page())", pfn,
			   ops->page_to_pfn(page));
		nid = oracle_page_nid(&ctx.o, in, ctx.arch, pfn);
		page_nid = ops->page_to_nid(page);
		if (nid == ORACLE_UNKNOWN)
			nid = page_nid;		/* memnodemap's slot: the oracle does not redo it */
		EXPECT_PFN(pfn, hole ? "pmm_page_to_nid() of a hole" :
			   "pmm_page_to_nid()", nid, page_nid);
		EXPECT_PFN(pfn, hole ? "pmm_pfn_to_nid() of a hole" :
			   "pmm_pfn_to_nid()", nid, ops->pfn_to_nid(pfn));
		/* flags is the descriptor's first word (struct pmm_page), after FreeBSD's phys_addr */
		flags = *(const unsigned long *)((const char *)page +
						 (in->model == PMM_MODEL_FREEBSD_DENSE ||
						  in->model == PMM_MODEL_FREEBSD_SPARSE ? 8 : 0));
		EXPECT_PFN(pfn, "PG_reserved (set on holes only)", hole,
			   (flags >> PMM_PG_RESERVED) & 1);
		answers[i].nid = page_nid;
		ctx.pages[nr_pages].addr = (uintptr_t)page;
		ctx.pages[nr_pages].pfn = pfn;
		nr_pages++;
	}

	/* distinct PFNs, distinct descriptors */
	qsort(ctx.pages, nr_pages, sizeof(*ctx.pages), cmp_page);
	for (i = 1; i < nr_pages; i++)
		ASSERT_MSG(ctx.pages[i].addr != ctx.pages[i - 1].addr,
			   "pfn %#lx shares its descriptor with pfn %#lx", ctx.pages[i].pfn,
			   ctx.pages[i - 1].pfn);
}

/*
 * Which of @calls allocations to make fail: each of a few, else the
 * first and last few and some between.  Returns how many, into @k.
 */
static unsigned int fault_points(long calls, long *k)
{
	unsigned int n = 0;
	long i;

	if (calls <= PROP_FAULTS_ALL) {
		for (i = 1; i <= calls; i++)
			k[n++] = i;
		return n;
	}
	for (i = 1; i <= 4; i++)
		k[n++] = i;
	for (i = 1; i <= PROP_FAULTS_ALL - 8; i++)
		k[n++] = 4 + i * (calls - 8) / (PROP_FAULTS_ALL - 7);
	for (i = calls - 3; i <= calls; i++)
		k[n++] = i;
	return n;
}

/* Every allocation failure unwinds to nothing, with -ENOMEM. */
static void check_faults(const struct prop_instance *in, long alloc_calls,
			 long populate_calls)
{
	const struct model_ops *ops = in->ops;
	long k[PROP_FAULTS_ALL];
	unsigned int i, n;
	int populate;

	for (populate = 0; populate < 2; populate++) {
		n = fault_points(populate ? populate_calls : alloc_calls, k);
		for (i = 0; i < n; i++) {
			struct prop_usage before;
			int err;

			prop_usage(&before);
			if (populate)
				prop_fail_populate_at(k[i]);
			else
				prop_fail_alloc_at(k[i]);
			err = ops->init(ctx.shuffled, ctx.nr_ram);
			prop_fail_alloc_at(0);
			prop_fail_populate_at(0);
			ASSERT_EQ(-ENOMEM, err);
			if (!err)
				ops->exit();
			check_nothing_held(&before, populate ? "a failed populate" :
					   "a failed allocation");
		}
	}
}

/* pmm_init of @nr shuffled ranges is refused with @err, holding nothing. */
static void refuse(const struct prop_instance *in, unsigned int nr, int err,
		   const char *why)
{
	struct prop_usage before;
	char what[96];
	int seen;

	prop_usage(&before);
	seen = in->ops->init(nr ? ctx.shuffled : NULL, nr);
	if (seen != err) {
		snprintf(what, sizeof(what), "pmm_init() of the map with %s", why);
		test_fail(__FILE__, __LINE__, what, err, seen);
	}
	if (!seen)
		in->ops->exit();
	check_nothing_held(&before, why);
}

/*
 * The map that booted, broken in one way at a time: pmm_init must give
 * the errno of pmm.h section 7, whatever the model.
 */
static void check_refusals(const struct prop_instance *in)
{
	const struct pmm_range *top = &ctx.o.ranges[ctx.o.nr_ranges - 1];
	struct pmm_range *extra = &ctx.shuffled[ctx.nr_ram];
	unsigned int nr = ctx.nr_ram;
	int nid;

	refuse(in, 0, -EINVAL, "no ranges");
	extra->start_pfn = (unsigned long)ctx.o.max_pfn;
	extra->end_pfn = extra->start_pfn + 1;
	extra->nid = top->nid;
	refuse(in, nr + 1, -ERANGE, "a page at MAX_PHYSMEM_BITS");
	*extra = ctx.o.ranges[0];
	refuse(in, nr + 1, -EINVAL, "a range twice");
	extra->end_pfn = extra->start_pfn;
	refuse(in, nr + 1, -EINVAL, "an empty range");
	if (in->pfn_offset) {
		extra->start_pfn = in->pfn_offset - 1;
		extra->end_pfn = in->pfn_offset;
		refuse(in, nr + 1, -ERANGE, "a page below ARCH_PFN_OFFSET");
	}
	nid = ctx.shuffled[0].nid;
	ctx.shuffled[0].nid = 1 << in->nodes_shift;
	refuse(in, nr, -EINVAL, "a node beyond MAX_NUMNODES");
	ctx.shuffled[0].nid = nid;
}

static int check_instance(void)
{
	const struct prop_instance *in = ctx.in;
	const struct model_ops *ops = in->ops;
	struct prop_answer *answers = ctx.answers + ctx.in_index * ctx.nr_samples;
	struct prop_usage before, booted;
	unsigned int expected;
	char allowed[64];
	unsigned long i;
	int err;

	check_params(in);
	shuffle_ranges();
	expected = oracle_init_outcomes(&ctx.o, in, ctx.arch, prop_memory_limit());
	outcomes_text(expected, allowed, sizeof(allowed));
	for (i = 0; i < ctx.nr_samples; i++)
		answers[i].valid = -1;

	prop_usage(&before);
	err = ops->init(ctx.shuffled, ctx.nr_ram);
	if (test_verbose)
		printf("  %s: %s, pmm_init %d (may be %s)\n", ops->name,
		       model_name(in->model), err, allowed);
	if (!(expected & outcome_of(err))) {
		char what[128];

		snprintf(what, sizeof(what), "pmm_init() should be %s", allowed);
		test_fail(__FILE__, __LINE__, what, errno_of(expected), err);
	}
	if (err) {
		check_nothing_held(&before, "a refused init");
		check_stats_empty(ops, MODEL_STATIC_BYTES_ANY);
		return 0;
	}

	prop_usage(&booted);
	ASSERT_EQ(-EBUSY, ops->init(ctx.shuffled, ctx.nr_ram));
	check_nothing_held(&booted, "init while booted");
	check_stats(in, &before);
	check_samples(in, answers);

	ops->exit();
	check_nothing_held(&before, "pmm_exit");
	check_stats_empty(ops, MODEL_STATIC_BYTES_ANY);
	for (i = 0; i < ctx.nr_samples; i++)
		EXPECT_PFN(ctx.samples[i], "pmm_pfn_valid() after pmm_exit()", 0,
			   ops->pfn_valid(ctx.samples[i]));

	check_refusals(in);
	check_faults(in, booted.alloc_calls - before.alloc_calls,
		     booted.populate_calls - before.populate_calls);
	return 0;
}

/* --- the models of one map, together ------------------------------------ */

static const struct prop_answer *answer(unsigned int in, unsigned long i)
{
	return &ctx.answers[in * ctx.nr_samples + i];
}

static void disagree(unsigned long pfn, const char *what, unsigned int a,
		     unsigned int b, long long seen_a, long long seen_b)
{
	test_failf(__FILE__, __LINE__, "pfn %#lx: %s: %s says %lld, %s %lld", pfn, what,
		   ctx.arch->instances[a].ops->name, seen_a, ctx.arch->instances[b].ops->name,
		   seen_b);
}

/* What pfn_valid covers: mem_map, node spans or present sections. */
/* the peers each answer by their own rule: a grain of their own */
enum grain { GRAIN_MEM_MAP, GRAIN_NODE_SPANS, GRAIN_SECTIONS, GRAIN_OWN };

static enum grain grain_of(const struct prop_instance *in)
{
	if (in->model == PMM_MODEL_FLATMEM)
		return GRAIN_MEM_MAP;
	if (in->model == PMM_MODEL_DISCONTIGMEM)
		return GRAIN_NODE_SPANS;
	if (in->model == PMM_MODEL_SPARSEMEM || in->model == PMM_MODEL_SPARSEMEM_VMEMMAP)
		return GRAIN_SECTIONS;
	return (enum grain)(GRAIN_OWN + in->model);
}

/*
 * Two booted instances @a and @b on sample @i: of one granularity they
 * answer pfn_valid alike (FLATMEM above both offsets); a node span lies
 * inside mem_map; RAM has one node wherever page->flags holds it.
 */
static void compare(unsigned long i, unsigned int a, unsigned int b, int ram)
{
	const struct prop_instance *x = &ctx.arch->instances[a];
	const struct prop_instance *y = &ctx.arch->instances[b];
	const struct prop_answer *p = answer(a, i), *q = answer(b, i);
	unsigned long pfn = ctx.samples[i];
	unsigned long above = x->pfn_offset > y->pfn_offset ? x->pfn_offset :
			      y->pfn_offset;

	if (a < b && grain_of(x) == grain_of(y) && pfn >= above &&
	    p->valid != q->valid)
		disagree(pfn, "pmm_pfn_valid()", a, b, p->valid, q->valid);
	if (grain_of(x) == GRAIN_NODE_SPANS && grain_of(y) == GRAIN_MEM_MAP &&
	    p->valid && pfn >= y->pfn_offset && !q->valid)
		disagree(pfn, "pmm_pfn_valid() in a node span", a, b, p->valid, q->valid);
	if (a < b && ram && p->valid && q->valid &&
	    oracle_node_in_page_flags(x, ctx.arch) &&
	    oracle_node_in_page_flags(y, ctx.arch) && p->nid != q->nid)
		disagree(pfn, "pmm_page_to_nid() of RAM", a, b, p->nid, q->nid);
}

/* The instances of one map, together: RAM is valid in every model. */
static int check_agreement(void)
{
	unsigned int nr = ctx.arch->nr_instances, a, b;
	unsigned long i;

	for (i = 0; i < ctx.nr_samples; i++) {
		int ram = oracle_range_of(&ctx.o, ctx.samples[i]) >= 0;

		for (a = 0; a < nr; a++) {
			if (answer(a, i)->valid < 0)
				continue;
			ASSERT_MSG(!ram || answer(a, i)->valid,
				   "pfn %#lx: pmm_pfn_valid() of RAM in %s: expected 1, seen 0",
				   ctx.samples[i], ctx.arch->instances[a].ops->name);
			for (b = 0; b < nr; b++)
				if (b != a && answer(b, i)->valid >= 0)
					compare(i, a, b, ram);
		}
	}
	return 0;
}

/* --- one map -------------------------------------------------------------- */

static int report_read_error(void)
{
	layout_print_error(stderr, &ctx.read_err);
	ASSERT_EQ(0, ctx.error);
	return 0;
}

static const struct arch_preset *find_preset(int arch)
{
	unsigned int i;

	for (i = 0; i < nr_arch_presets; i++)
		if (arch_presets[i]->arch == arch)
			return arch_presets[i];
	return NULL;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Read @path and its RAM; 0, or a failed "read" case told. */
static int load_map(const char *path)
{
	ctx.error = layout_read_file(&ctx.lo, path, &ctx.read_err);
	if (!ctx.error && ctx.lo.arch == LAYOUT_ARCH_NONE) {
		ctx.error = -EINVAL;
		ctx.read_err.line = 0;
		snprintf(ctx.read_err.reason, sizeof(ctx.read_err.reason),
			 "no '# arch:' line: the architecture picks the parameters");
	}
	if (ctx.error)
		return ctx.error;
	ctx.arch = find_preset(ctx.lo.arch);
	if (!ctx.arch)
		return 0;
	ctx.error = layout_ram_ranges(&ctx.lo, (unsigned int)ctx.arch->page_shift,
				      &ctx.ram, &ctx.nr_ram);
	if (!ctx.error)
		ctx.error = oracle_build(&ctx.o, ctx.arch, ctx.ram, ctx.nr_ram);
	if (ctx.error) {
		ctx.read_err.line = 0;
		snprintf(ctx.read_err.reason, sizeof(ctx.read_err.reason),
			 "cannot take its RAM: %s", strerror(-ctx.error));
	}
	return ctx.error;
}

static void run_map(const char *path)
{
	struct timespec t0, t1;
	unsigned int i;

	memset(&ctx, 0, sizeof(ctx));
	ctx.name = base_name(path);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	prefix_push(ctx.name);
	if (load_map(path)) {
		run_case("read", report_read_error);
		goto out;
	}
	if (!ctx.arch) {
		test_skip("%s: no preset for arch %s", path,
			  layout_arch_name(ctx.lo.arch));
		goto out;
	}

	test_rand_init_name(&prop_rng, args.seed, ctx.name);
	build_samples();
	ctx.shuffled = malloc((ctx.nr_ram + 1) * sizeof(*ctx.shuffled));
	ctx.answers = malloc(ctx.arch->nr_instances * ctx.nr_samples * sizeof(*ctx.answers));
	ctx.pages = malloc(ctx.nr_samples * sizeof(*ctx.pages));
	if (!ctx.shuffled || !ctx.answers || !ctx.pages) {
		fprintf(stderr, "test_layouts: out of memory\n");
		exit(2);
	}
	if (test_verbose)
		printf("%s: %s, %u RAM ranges, %llu pages, %u nodes, %lu present sections, %lu samples\n",
		       ctx.name, ctx.arch->name, ctx.nr_ram, ctx.o.ram_pages,
		       ctx.o.nr_nodes, ctx.o.nr_present, ctx.nr_samples);
	for (i = 0; i < ctx.arch->nr_instances; i++) {
		ctx.in = &ctx.arch->instances[i];
		ctx.in_index = i;
		run_case(ctx.in->ops->name, check_instance);
	}
	run_case("models agree", check_agreement);
out:
	prefix_pop();
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (test_verbose)
		printf("%s: %.2f s\n", ctx.name, (double)(t1.tv_sec - t0.tv_sec) +
		       (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	free(ctx.shuffled);
	free(ctx.answers);
	free(ctx.pages);
	free(ctx.samples);
	free(ctx.ram);
	oracle_free(&ctx.o);
	layout_free(&ctx.lo);
}

/* --- command line ------------------------------------------------------- */

static char **maps;
static unsigned int nr_maps, cap_maps;

static void add_map(const char *path)
{
	if (nr_maps == cap_maps) {
		cap_maps = cap_maps ? cap_maps * 2 : 32;
		maps = realloc(maps, cap_maps * sizeof(*maps));
	}
	if (!maps || !(maps[nr_maps] = strdup(path))) {
		fprintf(stderr, "test_layouts: out of memory\n");
		exit(2);
	}
	nr_maps++;
}

/* A directory stands for its *.txt files, in name order. */
static int add_path(const char *path)
{
	struct stat st;
	char **files;
	size_t n, i;
	int err;

	if (stat(path, &st) || !S_ISDIR(st.st_mode)) {
		add_map(path);	/* reading it will tell what is wrong */
		return 0;
	}
	err = layout_list_maps(path, &files, &n);
	if (err == -ENOMEM) {
		fprintf(stderr, "test_layouts: out of memory\n");
		exit(2);
	}
	if (err) {
		fprintf(stderr, "test_layouts: %s: %s\n", path, strerror(-err));
		return -1;
	}
	for (i = 0; i < n; i++)
		add_map(files[i]);
	layout_free_maps(files, n);
	if (!n)
		fprintf(stderr, "test_layouts: %s: no *.txt maps\n", path);
	return n ? 0 : -1;
}

int main(int argc, char **argv)
{
	int i, bad = 0;

	test_parse_args(&args, argc, argv);
	for (i = 0; i < args.nr_operands; i++)
		bad |= add_path(args.operand[i]);
	if (!nr_maps && !bad)
		bad |= add_path(PROP_DEFAULT_PATH);
	if (bad)
		return 2;

	for (i = 0; i < (int)nr_maps; i++)
		run_map(maps[i]);
	if (test_failed)
		fprintf(stderr, "test_layouts: seed 0x%llx (-s to repeat)\n", args.seed);
	for (i = 0; i < (int)nr_maps; i++)
		free(maps[i]);
	free(maps);
	return test_summary("test_layouts");
}
