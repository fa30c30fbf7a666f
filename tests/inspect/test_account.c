// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_account.c - the inspector's accounting against pmm itself
 *
 * pmm-inspect accounts what each model would allocate instead of building
 * it, so that 30 TiB maps are inspected in seconds.  These cases hold the
 * accounting to two references: figures worked out by hand here (from
 * pmm.h's manual and Linux's rules, Xen's and FreeBSD's for their models,
 * not from account.c), and pmm_stats of the real instances over every map
 * in data/layouts/ with every preset, wherever the build fits under a
 * limit (for the other kernels' models also their compression and node
 * map, or their segments, and pfn_valid at the ends of each run of valid
 * PFNs).
 *
 *	test_account [-v] [LAYOUT_DIR]
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "test_args.h"
#include "test_dir.h"
#include "layout.h"
#include "inspect.h"

/* Build for real up to this much: every map of 4 GiB or less, with 64-byte pages. */
#define BUILD_LIMIT	(96ULL << 20)

static const char *layout_dir = "data/layouts";

struct map {
	struct layout lo;
	struct pmm_range *ram;
	unsigned int nr;
};

static int map_load(struct map *m, const char *name, int page_shift)
{
	struct layout_error err;
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", layout_dir, name);
	memset(m, 0, sizeof(*m));
	if (layout_read_file(&m->lo, path, &err)) {
		layout_print_error(stderr, &err);
		return -1;
	}
	if (layout_memblock(&m->lo, page_shift, &m->ram, &m->nr, &err)) {
		layout_print_error(stderr, &err);
		layout_free(&m->lo);
		return -1;
	}
	return 0;
}

static void map_free(struct map *m)
{
	free(m->ram);
	layout_free(&m->lo);
}

static const struct inspect_model *model_of(const char *preset, const char *model)
{
	const struct inspect_preset *p = inspect_find_preset(preset);

	return p ? inspect_find_model(p, model) : NULL;
}

/*
 * The map @name of data/layouts accounted by x86_64's VMEMMAP, with memory
 * blocks of 2^@block_bits bytes (0: the preset's).  Returns 0 with @a and
 * @m to free, or -1 with the case failed and nothing held.
 */
static int account_x86_vmemmap(struct account *a, struct map *m, const char *name,
			       int block_bits)
{
	const struct inspect_model *im = model_of("x86_64", "vmemmap");
	struct account_params p;
	int ret;

	if (!im || map_load(m, name, 12)) {
		ASSERT_TRUE(0);
		return -1;
	}
	p = im->params;
	if (block_bits)
		p.memory_block_size_bits = block_bits;
	ret = account_model(a, &p, m->ram, m->nr);
	ASSERT_EQ(0, ret);
	if (ret) {
		account_free(a);
		map_free(m);
		return -1;
	}
	return 0;
}

/* The presets table says what the instances are compiled with. */
static int params_match_instances(void)
{
	unsigned int i, k, checked = 0;

	for (i = 0; i < inspect_nr_presets; i++) {
		const struct inspect_preset *p = &inspect_presets[i];

		for (k = 0; k < p->nr_models; k++) {
			const struct inspect_model *m = &p->models[k];
			const struct account_params *a = &m->params;
			const struct pmm_params *q;
			int sparse = a->model == PMM_MODEL_SPARSEMEM ||
				     a->model == PMM_MODEL_SPARSEMEM_VMEMMAP;

			if (!m->ops)
				continue;
			q = m->ops->params;
			prefix_push(p->name);
			prefix_push(m->name);
			ASSERT_EQ(q->model, a->model);
			ASSERT_EQ(q->page_shift, a->page_shift);
			ASSERT_EQ(q->max_physmem_bits, a->max_physmem_bits);
			ASSERT_EQ(q->pfn_offset, a->pfn_offset);
			ASSERT_EQ(q->struct_page_size, a->struct_page_size);
			ASSERT_EQ(q->max_page_order, a->max_page_order);
			ASSERT_EQ(q->pageblock_page_order, a->pageblock_order);
			ASSERT_EQ(q->subsection_shift, a->subsection_shift);
			ASSERT_EQ(q->memory_block_size_bits, a->memory_block_size_bits);
			ASSERT_EQ(q->nodes_shift, a->nodes_shift);
			ASSERT_EQ(q->node_in_page_flags, a->node_in_page_flags);
			if (sparse) {
				ASSERT_EQ(q->section_size_bits, a->section_size_bits);
				ASSERT_EQ(q->extreme, a->extreme);
			}
			if (a->model == PMM_MODEL_DISCONTIGMEM)
				ASSERT_EQ(q->discontig_nid, a->discontig_nid);
			/* a peer's account calls its own instance */
			ASSERT_EQ(q->pdx_max_order, a->pdx_max_order);
			if (account_is_xen(a) || account_is_freebsd(a))
				ASSERT_TRUE(a->peer && a->peer->params == q);
			else
				ASSERT_TRUE(!a->peer);
			prefix_pop();
			prefix_pop();
			checked++;
		}
	}
	/* every preset has at least flat, discontig, sparse, vmemmap and FreeBSD's two */
	ASSERT_TRUE(checked >= 6 * inspect_nr_presets);
	return 0;
}

/*
 * Firecracker's 1 GiB guest on x86_64, by hand.  RAM: PFNs [0, 0x9f) and
 * [0x100, 0x40000): 262047 pages, all in sections 0-7 of 128 MiB.
 * Sections: 2^(46-27) of them, 256 (a 4 KiB page of 16-byte mem_sections)
 * per EXTREME root, so a root array of 2048 pointers and one root.
 * A usage block, Linux's mem_section_usage: rcu head (2 longs), usemap of
 * 64 pageblocks of order 9 at 4 bits (4 longs); VMEMMAP adds the
 * sub-section map (1).  pmm's own record after it, counted as other: its
 * three marks (1 long); VMEMMAP adds its maps of altmap and RAM
 * sub-sections (2).  One run of one node.  DISCONTIGMEM: a pglist_data of
 * 8 longs (5, aligned to 8) and a node-order int per node.  As Debian
 * builds x86_64 (x86_64_distro: CONFIG_PAGE_EXTENSION), a mem_section is
 * 32 bytes, 128 to a root: a root array of 4096 pointers.  Debian's 6.1
 * kernel, booted with memblock=debug, allocates that root array (32768
 * bytes), a 4096-byte root and 56 bytes of usemap per section.
 */
static int hand_figures_firecracker(void)
{
	static const struct {
		const char *model;
		unsigned long long memmap, table, usemap, other;
	} want[] = {
		{ "flat", 262144ULL * 64, 0, 0, 0 },
		{ "discontig", 262144ULL * 64, 0, 0, 64 * (8 * 8 + 4) },
		{ "sparse", 8ULL * 32768 * 64, 2048 * 8 + 4096, 8 * 6 * 8, 64 + 8 * 8 },
		{ "sparse-static", 8ULL * 32768 * 64, (1ULL << 19) * 16, 8 * 6 * 8, 64 + 8 * 8 },
		{ "vmemmap", 8ULL * 32768 * 64, 2048 * 8 + 4096, 8 * 7 * 8, 64 + 8 * 3 * 8 },
		{ "distro:vmemmap", 8ULL * 32768 * 64, 4096 * 8 + 4096, 8 * 7 * 8, 64 + 8 * 3 * 8 },
	};
	struct map m;
	unsigned int i;

	if (map_load(&m, "x86-vm-firecracker-1g.txt", 12)) {
		ASSERT_TRUE(0);
		return 0;
	}
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		/* "distro:" names x86_64_distro's model */
		int distro = !strncmp(want[i].model, "distro:", 7);
		const struct inspect_model *im = model_of(distro ? "x86_64_distro" : "x86_64",
							  want[i].model + (distro ? 7 : 0));
		struct account a;
		int ret;

		prefix_push(want[i].model);
		ASSERT_TRUE(im);
		if (!im) {
			prefix_pop();
			continue;
		}
		/* an account that fails is a failure, not a case passed over */
		ret = account_model(&a, &im->params, m.ram, m.nr);
		ASSERT_EQ(0, ret);
		if (!ret) {
			ASSERT_EQ(0, a.error);
			ASSERT_EQ(262047, a.ram_pages);
			ASSERT_EQ(want[i].memmap, a.overhead.memmap_bytes);
			ASSERT_EQ(want[i].table, a.overhead.section_table_bytes);
			ASSERT_EQ(want[i].usemap, a.overhead.usemap_bytes);
			ASSERT_EQ(want[i].other, a.overhead.other_bytes);
			ASSERT_EQ(want[i].memmap + want[i].table + want[i].usemap + want[i].other,
				  a.overhead.total_bytes);
			if (account_is_sparse(&im->params)) {
				ASSERT_EQ(8, a.nr_sections);
				ASSERT_EQ(1, a.nr_section_runs);
				ASSERT_EQ(0, a.sections[0].first);
				ASSERT_EQ(7, a.sections[0].last);
				ASSERT_EQ(8, a.nr_blocks);
			}
		}
		account_free(&a);
		prefix_pop();
	}
	map_free(&m);
	return 0;
}

/* The preset's model called @name, accounted for @m; 0, or -1 with the case failed. */
static int account_named(struct account *a, const char *preset, const char *name,
			 const struct map *m)
{
	const struct inspect_model *im = model_of(preset, name);
	int ret;

	ASSERT_TRUE(im);
	if (!im)
		return -1;
	ret = account_model(a, &im->params, m->ram, m->nr);
	ASSERT_EQ(0, ret);
	if (ret)
		account_free(a);
	return ret ? -1 : 0;
}

/*
 * The other kernels' models on Firecracker's 1 GiB guest, by hand, with
 * x86_64's 64-byte descriptors as Linux's models have them, so that the
 * memmaps differ by the model alone:
 *
 *	RAM  |0 .. 0x9f|  hole  |0x100 ........................ 0x40000|
 *	      16 MiB (PFN 0x1000) lies inside the second range; 4 GiB above all
 *
 * Xen: no PFN bit from MAX_ORDER (18) up is set, so neither compression
 * finds anything; a PDX group is 2 MiB of descriptors, 32768 PFNs, so
 * PDXs [0, 0x40000) are 8 groups, all backed: 16 MiB; pdx_group_valid
 * is one long, memnodemap of one node one byte (a shift of
 * MAX_PHYSMEM_BITS, 46); offset adds three lookup tables of 64 longs.
 * FreeBSD dense: vm_page_array over [0, 0x40000), 16 MiB; three
 * segments: [0, 0x9f) and [0x100, 0x1000) on LOWMEM, cut at 16 MiB, and
 * the rest on DEFAULT (no DMA32 list: no page above 4 GiB).  Sparse: the
 * 262047 RAM pages; two segments on DMA32 (its list has no threshold),
 * cut nowhere.  vm_phys_segs[] holds 64 segments of 4 words.  The
 * descriptors of holes are those of PFNs 0x9f-0xff, but for sparse's.
 *
 * Expect each figure as worked out, and no RAM page without a descriptor.
 */
static int hand_figures_peers_firecracker(void)
{
	static const struct {
		const char *model;
		unsigned long long memmap, other, holes;
		unsigned int segs;
	} want[] = {
		{ "xen-mask", 8ULL * 32768 * 64, 8 + 1, 97, 0 },
		{ "xen-offset", 8ULL * 32768 * 64, 8 + 1 + 3 * 64 * 8, 97, 0 },
		{ "freebsd-dense", 0x40000ULL * 64, 64 * 4 * 8, 97, 3 },
		{ "freebsd-sparse", 262047ULL * 64, 64 * 4 * 8, 0, 2 },
	};
	unsigned int i;
	struct map m;

	if (map_load(&m, "x86-vm-firecracker-1g.txt", 12)) {
		ASSERT_TRUE(0);
		return 0;
	}
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct account a;

		prefix_push(want[i].model);
		if (account_named(&a, "x86_64", want[i].model, &m)) {
			prefix_pop();
			continue;
		}
		ASSERT_EQ(0, a.error);
		ASSERT_EQ(want[i].memmap, a.overhead.memmap_bytes);
		ASSERT_EQ(want[i].other, a.overhead.other_bytes);
		ASSERT_EQ(want[i].memmap + want[i].other, a.overhead.total_bytes);
		ASSERT_EQ(want[i].holes, a.hole_descriptors);
		ASSERT_EQ(0, a.undescribed_ram);
		ASSERT_EQ(want[i].segs, a.freebsd.nr_segs);
		if (account_is_xen(&a.params)) {
			ASSERT_EQ(0, a.xen.pdx.compressed);
			ASSERT_EQ(8, a.xen.nr_groups);
			ASSERT_EQ(8, a.xen.backed_groups);
			ASSERT_EQ(0x40000, a.xen.pdx.max_pdx);
			ASSERT_EQ(46, a.xen.pdx.memnode_shift);
			ASSERT_EQ(1, a.xen.pdx.memnodemap_size);
		}
		account_free(&a);
		prefix_pop();
	}
	map_free(&m);
	return 0;
}

/*
 * FreeBSD's segments on Firecracker's map: where they are cut and which
 * free list each lands on (the case above counts them).
 *
 *	dense:  [0, 0x9f) LOWMEM  [0x100, 0x1000) LOWMEM  [0x1000, 0x40000) DEFAULT
 *	sparse: [0, 0x9f) DMA32   [0x100, 0x40000) DMA32
 *
 * Expect those segments, in that order.
 */
static int freebsd_segments_firecracker(void)
{
	static const struct pmm_phys_seg dense[] = {
		{ 0, 0x9f, 0, PMM_VM_FREELIST_LOWMEM },
		{ 0x100, 0x1000, 0, PMM_VM_FREELIST_LOWMEM },
		{ 0x1000, 0x40000, 0, PMM_VM_FREELIST_DEFAULT },
	}, sparse[] = {
		{ 0, 0x9f, 0, PMM_VM_FREELIST_DMA32 },
		{ 0x100, 0x40000, 0, PMM_VM_FREELIST_DMA32 },
	};
	const struct {
		const char *model;
		const struct pmm_phys_seg *segs;
		unsigned int nr;
	} want[] = { { "freebsd-dense", dense, 3 }, { "freebsd-sparse", sparse, 2 } };
	unsigned int i, k;
	struct map m;

	if (map_load(&m, "x86-vm-firecracker-1g.txt", 12)) {
		ASSERT_TRUE(0);
		return 0;
	}
	for (i = 0; i < 2; i++) {
		struct account a;

		prefix_push(want[i].model);
		if (account_named(&a, "x86_64", want[i].model, &m)) {
			prefix_pop();
			continue;
		}
		ASSERT_EQ(want[i].nr, a.freebsd.nr_segs);
		for (k = 0; k < want[i].nr && k < a.freebsd.nr_segs; k++) {
			ASSERT_EQ(want[i].segs[k].start_pfn, a.freebsd.segs[k].start_pfn);
			ASSERT_EQ(want[i].segs[k].end_pfn, a.freebsd.segs[k].end_pfn);
			ASSERT_EQ(want[i].segs[k].free_list, a.freebsd.segs[k].free_list);
		}
		account_free(&a);
		prefix_pop();
	}
	map_free(&m);
	return 0;
}

/*
 * The Dell R7525: RAM in nodes 1, 2, 5 and 6, up to 0x207fefffff, with no
 * RAM from 0x6f000000 to 4 GiB.  Sections 0-13 and 32-1039 are present;
 * with 2 GiB memory blocks (16 sections) that is blocks 0 and 2-64.
 */
static int blocks_at_two_gib(void)
{
	struct account a;
	struct map m;

	if (account_x86_vmemmap(&a, &m, "x86-server-dell-r7525-2s-epyc-128g.txt", 31))
		return 0;
	ASSERT_EQ(0, a.error);
	ASSERT_EQ(4, a.nr_nodes);
	ASSERT_EQ(1, a.nodes[0].nid);
	ASSERT_EQ(6, a.nodes[3].nid);
	ASSERT_EQ(0x207ff00, a.nodes[3].end_pfn);
	ASSERT_EQ(2, a.nr_section_runs);
	ASSERT_EQ(13, a.sections[0].last);
	ASSERT_EQ(32, a.sections[1].first);
	ASSERT_EQ(0x207fefffffULL >> 27, a.sections[1].last);
	ASSERT_EQ(2, a.nr_block_runs);
	ASSERT_EQ(0, a.blocks[0].last);
	ASSERT_EQ(2, a.blocks[1].first);
	ASSERT_EQ(0x207fefffffULL >> 31, a.blocks[1].last);
	/*
	 * four runs of one node each: the node changes three times; pmm's own
	 * record of each section (3 longs with VMEMMAP)
	 */
	ASSERT_EQ(4 * 64 + a.nr_sections * 3 * 8, a.overhead.other_bytes);
	account_free(&a);
	map_free(&m);
	return 0;
}

/*
 * 30 TiB in 16 nodes: accounted, never built.  Sections 16-31 (the PCI
 * hole at 2-4 GiB) hold no RAM; every other section does, so the x86_64
 * VMEMMAP backs exactly 2 MiB per present section in two runs, and the
 * total is close to 1/64 of RAM.
 */
static int scale_30_tib(void)
{
	struct account a;
	struct map m;

	if (account_x86_vmemmap(&a, &m, "synthetic-x86_64-16node-30t.txt", 0))
		return 0;
	ASSERT_EQ(0, a.error);
	ASSERT_EQ(16, a.nr_nodes);
	/* 30 TiB less the PCI hole and PFNs 0x9f-0xff, in 4 KiB pages */
	ASSERT_EQ((30ULL << 28) - (2ULL << 18) - 97, a.ram_pages);
	ASSERT_EQ((30ULL << 40) / (128ULL << 20) - 16, a.nr_sections);
	ASSERT_EQ(a.nr_sections * (2ULL << 20), a.overhead.memmap_bytes);
	ASSERT_EQ(2, a.nr_section_runs);
	ASSERT_EQ(16 * 64 + a.nr_sections * 3 * 8, a.overhead.other_bytes);
	ASSERT_TRUE(a.overhead.percent_of_ram > 1.5 && a.overhead.percent_of_ram < 1.6);
	account_free(&a);
	map_free(&m);
	return 0;
}

/* The results of @names (a preset's models) for @m, in that order. */
static int run_models(struct inspect_result *res, const char *preset,
		      const char *const *names, unsigned int nr, const struct map *m)
{
	const struct inspect_preset *p = inspect_find_preset(preset);
	struct inspect_request req;
	unsigned int i;

	memset(&req, 0, sizeof(req));
	req.preset = p;
	req.build_limit = BUILD_LIMIT;
	for (i = 0; p && i < nr; i++) {
		const struct inspect_model *im = inspect_find_model(p, names[i]);

		ASSERT_TRUE(im);
		if (!im)
			return -1;
		req.models[req.nr_models++] = (unsigned int)(im - p->models);
	}
	ASSERT_TRUE(p);
	if (!p || inspect_run(&req, m->ram, m->nr, res)) {
		ASSERT_TRUE(0);
		return -1;
	}
	return 0;
}

static const char *const peer_models[] = {
	"xen-mask", "xen-offset", "freebsd-dense", "freebsd-sparse",
};

/*
 * 12 TiB in 16 nodes (synthetic-x86_64-16node-12t), the other kernels'
 * models accounted without a build (a 192 GiB memmap):
 *
 *	node 0: [0, 0x9f) [0x100, 0x7b000) [4 GiB, 770 GiB)
 *	nodes 1-15: 768 GiB each, back to back, up to PFN 0xc0080000
 *
 * Xen: RAM moves through every PFN bit up to bit 31 and its regions lie
 * back to back, so neither compression gains anything: none.  PDXs up to
 * max_pdx 0xc0080000 make 98320 groups of 32768; backed: the 16 below
 * 2 GiB and the 98288 from 4 GiB, 192 GiB of frame table; the nodes
 * change at 0xc080000 + k * 0xc000000, bit 19 the lowest: memnodemap of
 * (0xc0080000 - 1 >> 19) + 1 entries, pdx_group_valid of 98320 bits.  The
 * 16 groups below 2 GiB hold 0x5061 PFNs without RAM.  FreeBSD: 19
 * segments dense (the low RAM cut at 16 MiB, 4 GiB and each node one),
 * 18 sparse (no LOWMEM list); dense's array from PFN 0 to 0xc0080000,
 * 0x61 + 0x85000 of its PFNs holes.
 *
 * Expect those figures, every RAM page described, and nothing built.
 */
static int peers_12_tib_accounted(void)
{
	static const struct {
		unsigned long long memmap, other, holes;
		unsigned int segs;
	} want[] = {
		{ 98304ULL << 21, 12296 + 6145, 0x5061, 0 },
		{ 98304ULL << 21, 12296 + 6145 + 3 * 64 * 8, 0x5061, 0 },
		{ 0xc0080000ULL * 64, 64 * 4 * 8, 0x61 + 0x85000, 19 },
		{ (0xc0080000ULL - 0x61 - 0x85000) * 64, 64 * 4 * 8, 0, 18 },
	};
	struct inspect_result res[4];
	unsigned int i;
	struct map m;

	if (map_load(&m, "synthetic-x86_64-16node-12t.txt", 12)) {
		ASSERT_TRUE(0);
		return 0;
	}
	if (run_models(res, "x86_64", peer_models, 4, &m)) {
		map_free(&m);
		return 0;
	}
	for (i = 0; i < 4; i++) {
		const struct account *a = &res[i].acct;

		prefix_push(peer_models[i]);
		ASSERT_EQ(0, a->error);
		ASSERT_EQ(0xc0080000ULL - 0x61 - 0x85000, a->ram_pages);
		ASSERT_EQ(16, a->nr_nodes);
		ASSERT_EQ(want[i].memmap, a->overhead.memmap_bytes);
		ASSERT_EQ(want[i].other, a->overhead.other_bytes);
		ASSERT_EQ(want[i].holes, a->hole_descriptors);
		ASSERT_EQ(0, a->undescribed_ram);
		ASSERT_EQ(want[i].segs, a->freebsd.nr_segs);
		ASSERT_EQ(0, res[i].built);
		ASSERT_CONTAINS(res[i].note, "over the build limit");
		if (account_is_xen(&a->params)) {
			ASSERT_EQ(0, a->xen.pdx.compressed);
			ASSERT_EQ(98320, a->xen.nr_groups);
			ASSERT_EQ(0xc0080000, a->xen.pdx.max_pdx);
			ASSERT_EQ(19, a->xen.pdx.memnode_shift);
			ASSERT_EQ(6145, a->xen.pdx.memnodemap_size);
		}
		prefix_pop();
	}
	inspect_results_free(res, 4);
	map_free(&m);
	return 0;
}

/*
 * FreeBSD keeps at most VM_PHYSSEG_MAX (64 here) segments, counted as
 * vm_phys_add_seg cuts them, before vm_phys_init merges any:
 *
 *	             4 GiB
 *	 [4G - 1M ... | ... 4G + 1M)  [+2M, +3M)  [+4M, +5M) ...  1 MiB every 2 MiB
 *	  one range, two segments
 *
 * 63 ranges: 64 segments, taken; dense then merges the two halves (no
 * DMA32 list: too few pages above 4 GiB) into 63 segments, sparse keeps
 * 64 (DMA32 below, DEFAULT above).  64 ranges: 65 segments, refused with
 * -EINVAL, though 64 ranges would fit.
 *
 * Expect the account to take 63 ranges and refuse 64 saying how many
 * segments against which limit, and pmm_init, built, to do the same.
 */
static int freebsd_segments_limit(void)
{
	static const unsigned int want_segs[2] = { 63, 64 };
	struct pmm_range ram[64];
	struct inspect_result res[2];
	unsigned int i, n;
	struct map m;

	for (i = 0; i < 64; i++) {
		ram[i].start_pfn = 0x100000 - 0x100 + (i ? 0x100 + i * 0x200 : 0);
		ram[i].end_pfn = ram[i].start_pfn + (i ? 0x100 : 0x200);
		ram[i].nid = 0;
	}
	memset(&m, 0, sizeof(m));
	m.ram = ram;
	for (n = 63; n <= 64; n++) {
		m.nr = n;
		if (run_models(res, "x86_64", peer_models + 2, 2, &m))
			return 0;
		for (i = 0; i < 2; i++) {
			const struct inspect_result *r = &res[i];

			prefix_push(peer_models[2 + i]);
			ASSERT_TRUE(r->checked && r->agrees);
			if (n == 63) {
				ASSERT_EQ(0, r->acct.error);
				ASSERT_EQ(64, r->acct.freebsd.nr_cut);
				ASSERT_EQ(want_segs[i], r->acct.freebsd.nr_segs);
				ASSERT_TRUE(r->built);
			} else {
				ASSERT_EQ(-EINVAL, r->acct.error);
				ASSERT_EQ(65, r->acct.freebsd.nr_cut);
				ASSERT_CONTAINS(r->acct.reason, "65 segments");
				ASSERT_CONTAINS(r->acct.reason, "more than VM_PHYSSEG_MAX (64)");
			}
			prefix_pop();
		}
		inspect_results_free(res, 2);
	}
	return 0;
}

/*
 * pmm_init and the account differing on whether to refuse a map is a
 * disagreement as much as a differing figure, built or not.  Memory
 * blocks of 2^47 bytes on x86_64 (46-bit addresses): the SPARSEMEM
 * accounts refuse them, while the instances, built with their own 128 MiB
 * blocks, take Firecracker's map.  The command line refuses such a block
 * size before this; this is how any other such difference is seen.
 */
static int refusal_disagrees(void)
{
	const struct inspect_preset *p = inspect_find_preset("x86_64");
	struct inspect_result res[INSPECT_MAX_MODELS];
	struct inspect_request req;
	unsigned int k, refused = 0;
	struct map m;

	if (!p || map_load(&m, "x86-vm-firecracker-1g.txt", 12)) {
		ASSERT_TRUE(0);
		return 0;
	}
	memset(&req, 0, sizeof(req));
	req.preset = p;
	req.build_limit = BUILD_LIMIT;
	req.has_block_size = 1;
	req.block_size_bits = 47;
	for (k = 0; k < p->nr_models; k++)
		req.models[req.nr_models++] = k;
	ASSERT_EQ(0, inspect_run(&req, m.ram, m.nr, res));
	for (k = 0; k < req.nr_models; k++) {
		const struct inspect_result *r = &res[k];

		prefix_push(r->model->name);
		if (r->acct.error) {
			refused++;
			ASSERT_EQ(-EINVAL, r->acct.error);
			ASSERT_EQ(0, r->built);
			ASSERT_TRUE(inspect_disagrees(r));
			ASSERT_CONTAINS(r->note, "pmm_init returned 0");
		} else {
			ASSERT_TRUE(r->built && !inspect_disagrees(r));
		}
		prefix_pop();
	}
	/* sparse-static, sparse, vmemmap */
	ASSERT_EQ(3, refused);
	inspect_results_free(res, req.nr_models);
	map_free(&m);
	return 0;
}

/*
 * Every map, every preset, every model: account, build where it fits,
 * and the instance must agree with the account on every figure (and
 * refuse with the same errno where the account says it refuses).
 */
static unsigned int built, accounted, refused;

static void inspect_map(const char *name)
{
	unsigned int i, k;

	prefix_push(name);
	for (i = 0; i < inspect_nr_presets; i++) {
		const struct inspect_preset *p = &inspect_presets[i];
		struct inspect_result res[INSPECT_MAX_MODELS];
		struct inspect_request req;
		struct map m;

		if (map_load(&m, name, p->models[0].params.page_shift)) {
			ASSERT_TRUE(0);
			continue;
		}
		memset(&req, 0, sizeof(req));
		req.preset = p;
		req.build_limit = BUILD_LIMIT;
		for (k = 0; k < p->nr_models; k++)
			req.models[req.nr_models++] = k;
		/* a hole, the first RAM PFN, the last */
		req.pfns[req.nr_pfns++] = 0xa0;
		if (m.nr) {
			req.pfns[req.nr_pfns++] = m.ram[0].start_pfn;
			req.pfns[req.nr_pfns++] = m.ram[m.nr - 1].end_pfn - 1;
		}
		prefix_push(p->name);
		ASSERT_EQ(0, inspect_run(&req, m.ram, m.nr, res));
		for (k = 0; k < req.nr_models; k++) {
			const struct inspect_result *r = &res[k];

			prefix_push(r->model->name);
			ASSERT_TRUE(!inspect_disagrees(r));
			if (r->built) {
				built++;
				if (!r->agrees)
					fprintf(stderr, "  %s\n", r->note);
				ASSERT_TRUE(r->agrees);
				/* RAM is valid under every model */
				if (m.nr)
					ASSERT_TRUE(r->pfns[1].valid && r->pfns[2].valid);
				ASSERT_EQ(r->pfns[1].from_instance, 1);
			} else if (r->acct.error) {
				refused++;
				ASSERT_NOT_CONTAINS(r->note, "pmm_init returned");
			} else {
				accounted++;
			}
			prefix_pop();
		}
		prefix_pop();
		inspect_results_free(res, req.nr_models);
		map_free(&m);
	}
	prefix_pop();
}

static int every_map_every_preset(void)
{
	char **names = test_list_dir(layout_dir, ".txt"), **p;
	unsigned int n = 0;

	ASSERT_TRUE(names);
	for (p = names; p && *p; p++)
		n++;
	ASSERT_TRUE(n >= 20);
	for (p = names; p && *p; p++)
		inspect_map(strrchr(*p, '/') + 1);
	test_free_list(names);
	if (test_verbose)
		printf("built %u, accounted only %u, refused %u\n", built, accounted, refused);
	/* the check has teeth: most small maps are built with every model */
	ASSERT_TRUE(built >= 500);
	ASSERT_TRUE(accounted >= 50);
	ASSERT_TRUE(refused >= 50);
	return 0;
}

static struct test_args args = {
	.about = "the inspector's accounting against pmm_stats of the real instances",
	.operands = "[LAYOUT_DIR]",
};

int main(int argc, char **argv)
{
	test_parse_args(&args, argc, argv);
	if (args.nr_operands)
		layout_dir = args.operand[args.nr_operands - 1];
	RUN(params_match_instances);
	RUN(hand_figures_firecracker);
	RUN(hand_figures_peers_firecracker);
	RUN(freebsd_segments_firecracker);
	RUN(peers_12_tib_accounted);
	RUN(freebsd_segments_limit);
	RUN(blocks_at_two_gib);
	RUN(scale_30_tib);
	RUN(refusal_disagrees);
	RUN(every_map_every_preset);
	return test_summary("test-inspect");
}
