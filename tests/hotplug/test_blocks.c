// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * test_blocks.c - memory blocks and onlining on SPARSEMEM and
 * SPARSEMEM_VMEMMAP: pmm_add_memory, pmm_remove_memory, pmm_online_pages,
 * pmm_offline_pages, pmm_pfn_to_online_page, pmm_find_memory_block,
 * pmm_memory_block_nodes
 *
 * Linux 6.1 rules checked (drivers/base/memory.c memory_block_id() and
 * add_boot_memory_block(); mm/memory_hotplug.c add_memory_resource(),
 * online_pages(), offline_pages(), try_remove_memory() and
 * pfn_to_online_page()):
 * block id = section_nr / sections_per_block; boot creates a block for
 * every block with a present section, online; add_memory takes whole
 * blocks (check_hotplug_memory_range) and leaves them offline;
 * online_pages/offline_pages end by setting/clearing SECTION_IS_ONLINE;
 * a block with an online section cannot be removed; memory added by
 * __add_pages alone (ZONE_DEVICE-like) has no block and is never online;
 * pfn_to_online_page wants an online section and a valid sub-section.
 *
 * Part 1: memblock-style cases, one rule each, with a diagram.
 * Part 2: a randomised run against a model of block states (hotplug.h's
 * hp_model for validity and RAM, plus per section "in a block" and
 * "online"), checked after every step.  Fixed seed, printed; -s SEED,
 * -n OPS per instance, -v.
 *
 * Instances (4 KiB pages, 32-page sections of four 8-page sub-sections
 * with VMEMMAP):
 *	bv	VMEMMAP, 4096 PFNs, a block = 1 section (the default)
 *	bw	VMEMMAP, 4096 PFNs, a block = 4 sections (128 pages)
 *	bs	classic EXTREME, 16384 PFNs in two roots, 1-section blocks
 *	bt	classic static table, 4096 PFNs, 4-section blocks
 */
#include "hotplug.h"

/* the vmemmap hooks' tracker of each VMEMMAP instance (test_vmemmap.h) */
static struct test_vmemmap vm_bv = { .partial_ok = 1 };
static struct test_vmemmap vm_bw = { .partial_ok = 1 };

#include "small_instances.h"

#define TI_NAME			bv
#define PMM_MODEL		PMM_MODEL_SPARSEMEM_VMEMMAP
#define TI_VMEMMAP		vm_bv
#include "test_instance.h"

#define TI_NAME			bw
#define PMM_MODEL		PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_MEMORY_BLOCK_SIZE_BITS 19
#define TI_VMEMMAP		vm_bw
#include "test_instance.h"

#define TI_NAME			bs
#define PMM_MODEL		PMM_MODEL_SPARSEMEM
#define PMM_SPARSEMEM_EXTREME	1
#define PMM_MAX_PHYSMEM_BITS	26
#define PMM_NODES_SHIFT		2
#include "test_instance.h"

#define TI_NAME			bt
#define PMM_MODEL		PMM_MODEL_SPARSEMEM
#define PMM_SPARSEMEM_EXTREME	0
#define PMM_MEMORY_BLOCK_SIZE_BITS 19
#include "test_instance.h"

HP_OPS(bv, 1, 8, &vm_bv);
HP_OPS(bw, 1, 8, &vm_bw);
HP_OPS(bs, 0, 0, NULL);
HP_OPS(bt, 0, 0, NULL);

/* The block calls of one instance beside its hp_ops' (hot: model_ops.h's). */
struct mb_ops {
	const struct hp_ops *hp;
	const struct hotplug_ops *hot;
	unsigned long spb;		/* sections per block */
	int (*find)(unsigned long id, struct pmm_memory_block *mb);
	int (*online_section_nr)(unsigned long nr);
	int (*valid_section_nr)(unsigned long nr);
};

#define MB_OPS(N, SPB)								\
static const struct mb_ops N##_mb = {						\
	&N##_hp, &N##_hotplug_ops, SPB, pmm_##N##_find_memory_block,		\
	pmm_##N##_online_section_nr, pmm_##N##_valid_section_nr,		\
}

MB_OPS(bv, 1);
MB_OPS(bw, 4);
MB_OPS(bs, 1);
MB_OPS(bt, 4);

static const struct mb_ops *const instances[] = { &bv_mb, &bw_mb, &bs_mb, &bt_mb };

static unsigned long bpages(const struct mb_ops *b)
{
	return b->spb * hp_pps(b->hp);
}

/* ---------------------------------------------------------------------
 * The block model: hp_model (validity, RAM, nodes) plus, per section,
 * whether it is in a memory block and whether it is online.
 * --------------------------------------------------------------------- */

struct mb_model {
	struct hp_model m;
	unsigned char *inblk, *online;	/* per section */
	unsigned long spb, bpages;
};

static void mbm_setup(struct mb_model *x, const struct mb_ops *b)
{
	model_setup(&x->m, b->hp);
	x->inblk = (unsigned char *)calloc(x->m.nr_sections, 1);
	x->online = (unsigned char *)calloc(x->m.nr_sections, 1);
	x->spb = b->spb;
	x->bpages = bpages(b);
}

static void mbm_free(struct mb_model *x)
{
	model_free(&x->m);
	free(x->inblk);
	free(x->online);
}

/* After pmm_init: every present section in a block, online. */
static void mbm_boot(struct mb_model *x, const struct pmm_range *r, unsigned int nr)
{
	unsigned long s;

	model_boot(&x->m, r, nr);
	for (s = 0; s < x->m.nr_sections; s++)
		x->inblk[s] = x->online[s] = !!x->m.count[s];
}

/* Remove every valid unit of [start, start + nr). */
static void mbm_remove_valid(struct mb_model *x, unsigned long start, unsigned long nr)
{
	unsigned long u;

	for (u = start / x->m.unit; u < (start + nr) / x->m.unit; u++)
		if (x->m.valid[u])
			model_remove(&x->m, u * x->m.unit, x->m.unit);
}

/* The expected block @id, from the model; 0 when there is none. */
static int mbm_block(const struct mb_model *x, unsigned long id,
		     struct pmm_memory_block *mb)
{
	unsigned long s, first = id * x->spb, pfn;
	int any = 0;

	mb->id = id;
	mb->start_pfn = id * x->bpages;
	mb->nr_pages = x->bpages;
	mb->online = 1;
	mb->nid = -2;			/* unknown */
	for (s = first; s < first + x->spb && s < x->m.nr_sections; s++) {
		if (!x->inblk[s])
			continue;
		any = 1;
		if (!x->online[s])
			mb->online = 0;
		for (pfn = s * x->m.pps; mb->nid == -2 && pfn < (s + 1) * x->m.pps; pfn++)
			if (model_pfn_valid(&x->m, pfn))
				mb->nid = x->m.nid[pfn] >= 0 ? x->m.nid[pfn] : -3;
	}
	return any;
}

/* The listing: every block the model has, in id order, and nothing else. */
static void check_listing(const struct mb_ops *b, const struct mb_model *x)
{
	unsigned long id = 0, want_id, nblocks = x->m.nr_sections / x->spb;
	struct pmm_memory_block mb, want;
	int rc;

	for (want_id = 0;; want_id++) {
		while (want_id < nblocks && !mbm_block(x, want_id, &want))
			want_id++;
		memset(&mb, 0xa5, sizeof(mb));
		rc = b->find(id, &mb);
		if (want_id >= nblocks) {
			ASSERT_MSG(rc == -ENOENT, "%s: find_memory_block(%lu) = %d (id %lu), "
				   "expected -ENOENT past the last block", b->hp->name, id, rc,
				   mb.id);
			break;
		}
		if (rc) {
			test_failf(__FILE__, __LINE__, "%s: find_memory_block(%lu) = %d, expected "
				   "block %lu", b->hp->name, id, rc, want_id);
			break;
		}
		if (mb.id != want_id || mb.start_pfn != want.start_pfn ||
		    mb.nr_pages != want.nr_pages || mb.online != want.online ||
		    (want.nid >= 0 && mb.nid != want.nid)) {
			test_failf(__FILE__, __LINE__, "%s: find_memory_block(%lu) = {id %lu, "
				   "start %#lx, nr %#lx, nid %d, online %d}, expected {%lu, %#lx, "
				   "%#lx, %d, %d}", b->hp->name, id, mb.id, mb.start_pfn,
				   mb.nr_pages, mb.nid, mb.online, want.id, want.start_pfn,
				   want.nr_pages, want.nid, want.online);
			break;
		}
		id = mb.id + 1;
	}
}

/* pfn_to_online_page: NULL unless online and the sub-section valid. */
static void check_online_pfn(const struct mb_ops *b, const struct mb_model *x,
			     unsigned long pfn)
{
	const struct hp_model *m = &x->m;
	unsigned long s = pfn / m->pps;
	void *want = NULL, *got = b->hot->pfn_to_online_page(pfn);

	if (s < m->nr_sections && x->online[s] && m->valid[pfn / m->unit])
		want = b->hp->pfn_to_page(pfn);
	ASSERT_MSG(got == want, "%s: pfn_to_online_page(%#lx) = %p, expected %p (section "
		   "%#lx online %d, unit valid %d)", b->hp->name, pfn, got, want, s,
		   s < m->nr_sections ? x->online[s] : 0,
		   s < m->nr_sections ? m->valid[pfn / m->unit] : 0);
}

/*
 * Per section: online_section_nr; pfn_to_online_page at the first and
 * last PFN of every unit (or of every PFN when @every); then the listing
 * and the stats the model knows.
 */
static void check_blocks_state(const struct mb_ops *b, const struct mb_model *x, int every)
{
	const struct hp_model *m = &x->m;
	unsigned long s, pfn;
	struct pmm_stats st;

	for (s = 0; s < m->nr_sections; s++)
		ASSERT_MSG(b->online_section_nr(s) == x->online[s],
			   "%s: online_section_nr(%#lx) = %d, expected %d", b->hp->name, s,
			   b->online_section_nr(s), x->online[s]);
	for (pfn = 0; pfn < m->max_pfn; pfn += every ? 1 : m->unit) {
		check_online_pfn(b, x, pfn);
		if (!every)
			check_online_pfn(b, x, pfn + m->unit - 1);
	}
	check_listing(b, x);
	b->hp->stats(&st);
	ASSERT_MSG(st.ram_pages == m->ram, "%s: ram_pages %lu, expected %lu", b->hp->name,
		   st.ram_pages, m->ram);
	ASSERT_MSG(st.nr_present_sections == m->present,
		   "%s: nr_present_sections %lu, expected %lu", b->hp->name,
		   st.nr_present_sections, m->present);
}

/* Every PFN's validity, node and descriptor too (hotplug.h's rules). */
static void check_deep(const struct mb_ops *b, const struct mb_model *x)
{
	const struct hp_ops *o = b->hp;
	unsigned long pfn;

	for (pfn = 0; pfn < x->m.max_pfn; pfn++) {
		int want = model_pfn_valid(&x->m, pfn);

		if (o->pfn_valid(pfn) != want) {
			test_failf(__FILE__, __LINE__, "%s: pfn_valid(%#lx) = %d, expected %d",
				   o->name, pfn, !want, want);
			break;
		}
		if (want && x->m.nid[pfn] >= 0 &&
		    o->page_to_nid(o->pfn_to_page(pfn)) != x->m.nid[pfn]) {
			test_failf(__FILE__, __LINE__, "%s: node of %#lx %d, expected %d",
				   o->name, pfn, o->page_to_nid(o->pfn_to_page(pfn)),
				   x->m.nid[pfn]);
			break;
		}
		if (want && o->vm &&
		    !test_vmemmap_backed(o->vm, (unsigned long)o->pfn_to_page(pfn), hp_desc(o))) {
			test_failf(__FILE__, __LINE__, "%s: descriptor of %#lx not backed",
				   o->name, pfn);
			break;
		}
	}
	check_blocks_state(b, x, 1);
	hp_vmemmap_rules_kept(o);
}

/* ---------------------------------------------------------------------
 * Part 1: one rule per case
 *
 * The blocks map, in PFNs (hex); 32-page sections, 8-page sub-sections:
 *
 *	section  0 [00-1f]  1   2 [40-5f]  3   4 [80-9f]  5..15  16..19 [200-280)
 *	RAM        [0a 12)      [40  60)         [88 8c)          [200 ..... 280)
 *	node        0            1                1                 2
 *	subs     .  x  x  .     x  x  x  x      .  x  .  .        all
 *
 *	1-section blocks: 0, 2, 4, 16, 17, 18, 19
 *	4-section blocks: 0 (sections 0-3), 1 (4-7), 4 (16-19)
 *
 * Block nodes: the first valid PFN of block 0 is PFN 0, a hole that takes
 * the node of the range above (0); of 4-section block 1, PFN 0x80 (1).
 * Boot RAM 8 + 32 + 4 + 128 = 172 pages.
 * --------------------------------------------------------------------- */

static const struct pmm_range blk_map[] = {
	{ 0x0a, 0x12, 0 },
	{ 0x40, 0x60, 1 },
	{ 0x88, 0x8c, 1 },
	{ 0x200, 0x280, 2 },
};
#define BLK_RAM		172UL

static struct mb_model cx;		/* the cases' model */

/*
 * A case's start on one instance: boot it from blk_map (hp_case_boot)
 * with the model beside it.  0, or -1 when init failed (reported).
 */
static int case_start(const struct mb_ops *b)
{
	mbm_setup(&cx, b);
	if (hp_case_boot(b->hp, blk_map, HP_ARRAY_SIZE(blk_map))) {
		mbm_free(&cx);
		return -1;
	}
	mbm_boot(&cx, blk_map, HP_ARRAY_SIZE(blk_map));
	return 0;
}

/* ... and its end: pmm_exit must free all the case left, blocks too. */
static void case_end(const struct mb_ops *b)
{
	struct pmm_memory_block mb;

	hp_case_end(b->hp);
	ASSERT_MSG(b->find(0, &mb) == -ENOENT, "%s: a block listed after exit", b->hp->name);
	ASSERT_MSG(b->hot->online_pages(0, hp_pps(b->hp), PMM_MMOP_ONLINE) == -EINVAL,
		   "%s: online after exit", b->hp->name);
	ASSERT_MSG(b->hot->add_memory(0, 0, bpages(b)) == -EINVAL, "%s: add_memory after exit",
		   b->hp->name);
	mbm_free(&cx);
}

/* A case's loop over every instance, each booted from blk_map */
#define FOR_EACH_BOOTED(b)	HP_FOR_EACH(b, instances, case_start(b), case_end(b))

/* A block-call refusal: @err, and nothing changed, listing included. */
#define MB_REFUSED(b, err, call)						\
	do {									\
		EXPECT_REFUSED((b)->hp, (err), (call));				\
		check_blocks_state((b), &cx, 0);				\
	} while (0)

/*
 * Before pmm_init there are no blocks and nothing to online.
 *
 *	state:   not initialised
 *	calls:   find_memory_block(0), add_memory, remove_memory, online,
 *	         offline, pfn_to_online_page
 *
 * Expect -ENOENT from find_memory_block, -EINVAL from the others, NULL
 * from pfn_to_online_page, and nothing allocated.
 */
static int mb_requires_init(void)
{
	const struct mb_ops *b;
	struct pmm_memory_block mb;

	HP_FOR_EACH(b, instances, (prefix_push(b->hp->name), 0), prefix_pop()) {
		const struct hp_ops *o = b->hp;
		unsigned long bp = bpages(b);

		ASSERT_EQ(-ENOENT, b->find(0, &mb));
		EXPECT_REFUSED(o, -EINVAL, b->hot->add_memory(0, bp, bp));
		EXPECT_REFUSED(o, -EINVAL, b->hot->remove_memory(0, bp));
		EXPECT_REFUSED(o, -EINVAL, b->hot->online_pages(0, hp_pps(o), PMM_MMOP_ONLINE));
		EXPECT_REFUSED(o, -EINVAL, b->hot->offline_pages(0, hp_pps(o)));
		ASSERT_TRUE(b->hot->pfn_to_online_page(0x40) == NULL);
		ASSERT_EQ(0, test_alloc_live_blocks);
	}
	return 0;
}

/*
 * The boot blocks.
 *
 *	1-section:  ids 0 2 4 16 17 18 19, each one section
 *	4-section:  ids 0 [00,80) 1 [80,100) 4 [200,280)
 *
 * Expect exactly those, in id order, online, on nodes 0 1 1 2 2 2 2 (or
 * 0 1 2), nr_pages = the block size; -ENOENT past the last; and a walk
 * started in the middle of a gap finds the next block.
 */
static int mb_boot_blocks(void)
{
	const struct mb_ops *b;
	struct pmm_memory_block mb;

	FOR_EACH_BOOTED(b) {
		const struct hp_ops *o = b->hp;
		static const unsigned long ids1[] = { 0, 2, 4, 16, 17, 18, 19 };
		static const int nids1[] = { 0, 1, 1, 2, 2, 2, 2 };
		static const unsigned long ids4[] = { 0, 1, 4 };
		static const int nids4[] = { 0, 1, 2 };
		const unsigned long *ids = b->spb == 1 ? ids1 : ids4;
		const int *nids = b->spb == 1 ? nids1 : nids4;
		unsigned int n = b->spb == 1 ? 7 : 3, k = 0;
		unsigned long id;

		for (id = 0; !b->find(id, &mb); id = mb.id + 1, k++) {
			if (k >= n) {
				test_failf(__FILE__, __LINE__, "%s: extra block %lu", o->name,
					   mb.id);
				break;
			}
			ASSERT_EQ(ids[k], mb.id);
			ASSERT_EQ(ids[k] * bpages(b), mb.start_pfn);
			ASSERT_EQ(bpages(b), mb.nr_pages);
			ASSERT_EQ(nids[k], mb.nid);
			ASSERT_EQ(1, mb.online);
		}
		ASSERT_EQ(n, k);
		ASSERT_EQ(-ENOENT, b->find(ids[n - 1] + 1, &mb));
		ASSERT_EQ(-ENOENT, b->find(~0UL, &mb));
		/* from inside the gap before the last run: the next block */
		ASSERT_EQ(0, b->find(ids[n - 1] - (b->spb == 1 ? 10 : 2), &mb));
		ASSERT_EQ(b->spb == 1 ? 16 : 4, mb.id);
		check_deep(b, &cx);
	}
	return 0;
}

/*
 * Which nodes sysfs links a block to (register_mem_block_under_node_early,
 * Linux 6.1): each node whose span meets the block and that a page of it
 * belongs to, a hole the node its descriptor has (the next range's); a
 * hot-added block is its node's alone (register_mem_block_under_node_hotplug).
 * Blocks of 128 pages (bw, bt), sections of 32:
 *
 *	block 0          block 1               block 2              block 4
 *	|node 0 .........|0 ............|1 ....|1 ..........|hole|  |0 .....|
 *	0                128            240    256          368  384 512  640
 *	                                                block 8: hot-added, node 2
 *
 * The boundary at 240 runs through block 1's last section; the hole at
 * 368 is node 0's (the next range's), and node 0's span [0, 640) meets
 * block 2.  Expect block 0 {0}, block 1 {0, 1}, block 2 {0, 1}, block 4
 * {0}, block 8 {2}, and -ENOENT for a block that is not there.
 */
static int mb_block_nodes(void)
{
	static const struct pmm_range map[] = { { 0, 240, 0 }, { 240, 368, 1 }, { 512, 640, 0 } };
	static const struct {
		const struct mb_ops *b;
		int (*nodes)(unsigned long id, unsigned long *nodes);
	} cases[] = {
		{ &bw_mb, pmm_bw_memory_block_nodes },
		{ &bt_mb, pmm_bt_memory_block_nodes },
	};
	static const unsigned long want[] = { 1UL << 0, 1UL << 0 | 1UL << 1, 1UL << 0 | 1UL << 1,
					      0, 1UL << 0 };
	unsigned long nodes[PMM_NODESET_LONGS];
	unsigned int i, id, k;

	for (i = 0; i < HP_ARRAY_SIZE(cases); i++) {
		const struct mb_ops *b = cases[i].b;
		unsigned long bp = bpages(b);

		prefix_push(b->hp->name);
		ASSERT_EQ(128, bp);
		ASSERT_EQ(0, b->hp->init(map, HP_ARRAY_SIZE(map)));
		for (id = 0; id < HP_ARRAY_SIZE(want); id++) {
			ASSERT_EQ(want[id] ? 0 : -ENOENT, cases[i].nodes(id, nodes));
			ASSERT_EQ(want[id], nodes[0]);
			for (k = 1; k < PMM_NODESET_LONGS; k++)
				ASSERT_EQ(0, nodes[k]);
		}
		ASSERT_EQ(0, b->hot->add_memory(2, 8 * bp, bp));
		ASSERT_EQ(0, cases[i].nodes(8, nodes));
		ASSERT_EQ(1UL << 2, nodes[0]);
		ASSERT_EQ(-ENOENT, cases[i].nodes(7, nodes));
		ASSERT_EQ(0, nodes[0]);
		ASSERT_EQ(0, b->hot->remove_memory(8 * bp, bp));
		b->hp->exit();
		prefix_pop();
	}
	return 0;
}

/*
 * add_memory takes whole blocks only, and is add_pages otherwise.
 *
 *	request          start        nr             why
 *	half a block     block        block / 2      -EINVAL
 *	off by a section block + 32   block          -EINVAL (4-section)
 *	one sub-section  0x108        8              -EINVAL
 *	nothing          block 8      0              -EINVAL
 *	bad node         block 8      block, nid -1  -EINVAL
 *	over boot        block 4/1    block          -EEXIST (1-section: 0x80)
 *	beyond the top   MAX - block  2 blocks       -ERANGE
 *
 * Expect each refused with nothing changed: stats, allocations, vmemmap
 * backing, listing.
 */
static int mb_add_memory_refusals(void)
{
	const struct mb_ops *b;

	FOR_EACH_BOOTED(b) {
		const struct hp_ops *o = b->hp;
		unsigned long bp = bpages(b), pps = hp_pps(o), max = hp_max_pfn(o);

		MB_REFUSED(b, -EINVAL, b->hot->add_memory(0, 8 * bp, bp / 2));
		if (b->spb > 1) {
			MB_REFUSED(b, -EINVAL, b->hot->add_memory(0, 8 * bp + pps, bp));
			MB_REFUSED(b, -EINVAL, b->hot->add_memory(0, 8 * bp, bp + pps));
		}
		MB_REFUSED(b, -EINVAL, b->hot->add_memory(0, 0x108, 8));
		MB_REFUSED(b, -EINVAL, b->hot->add_memory(0, 8 * bp, 0));
		MB_REFUSED(b, -EINVAL, b->hot->add_memory(-1, 8 * bp, bp));
		MB_REFUSED(b, -EINVAL, b->hot->add_memory(hp_max_nodes(o), 8 * bp, bp));
		MB_REFUSED(b, -EEXIST, b->hot->add_memory(0, 0x80 / bp * bp, bp));
		MB_REFUSED(b, -EEXIST, b->hot->add_memory(0, 0x200, 0x80));
		MB_REFUSED(b, -ERANGE, b->hot->add_memory(0, max - bp, 2 * bp));
		MB_REFUSED(b, -ERANGE, b->hot->add_memory(0, max, bp));
		check_deep(b, &cx);
	}
	return 0;
}

/*
 * add_memory, online, offline, remove_memory: the life of a hot block.
 *
 *	blocks      ... [boot]  ...  [ new: 2 blocks at 0x400, node 3 ] ...
 *	add_memory                    offline, offline
 *	online_pages                  online,  online
 *	remove      -EBUSY
 *	offline_pages first block     offline, online  -> remove both -EBUSY
 *	offline_pages all             offline, offline -> remove both 0
 *
 * Expect after the add: two more blocks, offline, node 3, pfn_valid over
 * them, pfn_to_online_page NULL there, ram_pages + 2 blocks; online
 * twice returns 0 both times; pfn_to_online_page then equals pfn_to_page;
 * after the remove the blocks are gone, pfn_valid 0, and every stat back
 * to boot.
 */
static int mb_hot_block_lifecycle(void)
{
	const struct mb_ops *b;

	FOR_EACH_BOOTED(b) {
		const struct hp_ops *o = b->hp;
		unsigned long bp = bpages(b), s = 0x400, n = 2 * bp;
		int nid = 3 % hp_max_nodes(o);

		EXPECT_OK(o, b->hot->add_memory(nid, s, n));
		model_add(&cx.m, nid, s, n);
		memset(cx.inblk + s / cx.m.pps, 1, n / cx.m.pps);
		check_deep(b, &cx);
		ASSERT_TRUE(b->hot->pfn_to_online_page(s) == NULL);
		expect_stats(o, BLK_RAM + n, -1);

		EXPECT_OK(o, b->hot->online_pages(s, n, PMM_MMOP_ONLINE));
		/* a second time: onlining is idempotent */
		EXPECT_OK(o, b->hot->online_pages(s, n, PMM_MMOP_ONLINE));
		memset(cx.online + s / cx.m.pps, 1, n / cx.m.pps);
		check_deep(b, &cx);
		ASSERT_TRUE(b->hot->pfn_to_online_page(s + 5) == o->pfn_to_page(s + 5));

		MB_REFUSED(b, -EBUSY, b->hot->remove_memory(s, n));
		MB_REFUSED(b, -EBUSY, b->hot->remove_memory(s + bp, bp));
		EXPECT_OK(o, b->hot->offline_pages(s, bp));
		memset(cx.online + s / cx.m.pps, 0, bp / cx.m.pps);
		check_blocks_state(b, &cx, 1);
		MB_REFUSED(b, -EBUSY, b->hot->remove_memory(s, n));
		EXPECT_OK(o, b->hot->offline_pages(s, n));
		EXPECT_OK(o, b->hot->offline_pages(s, n));		/* idempotent */
		memset(cx.online + s / cx.m.pps, 0, n / cx.m.pps);
		check_blocks_state(b, &cx, 1);

		EXPECT_OK(o, b->hot->remove_memory(s, n));
		mbm_remove_valid(&cx, s, n);
		memset(cx.inblk + s / cx.m.pps, 0, n / cx.m.pps);
		check_deep(b, &cx);
		expect_stats_boot(o);
	}
	return 0;
}

/*
 * online_pages/offline_pages refusals and partial blocks.
 *
 *	section      0 (boot, holes)  1 absent  2 (boot)  3 absent
 *	requests     [48 +8)  not section aligned         -EINVAL
 *	             [40 +0)  nothing                     -EINVAL
 *	             [20 +20) an absent section           -EINVAL
 *	             [40 +40) section 2 and absent 3      -EINVAL, 2 stays
 *	             [MAX-20 +40) beyond the top          -ERANGE or -EINVAL
 *	offline      section 0 only (1-section blocks); with 4-section
 *	             blocks section 0 is refused, as block 0 lies in nodes
 *	             0 and 1 and so has no zone, and section 16 goes instead
 *
 * Expect the refusals to change nothing (Linux cannot offline a block
 * without a zone either); after offlining the section, it is not online,
 * pfn_to_online_page of its RAM NULL, pfn_valid still 1; with 4-section
 * blocks block 4 is listed offline (sections 17-19 are still online),
 * with 1-section blocks block 0 offline and block 2 online.  Onlining it
 * again restores everything.
 */
static int mb_online_rules(void)
{
	const struct mb_ops *b;

	FOR_EACH_BOOTED(b) {
		const struct hp_ops *o = b->hp;
		unsigned long pps = hp_pps(o), max = hp_max_pfn(o), sec;
		struct hp_snap sn;
		int rc;

		MB_REFUSED(b, -EINVAL, b->hot->online_pages(0x48, 8, PMM_MMOP_ONLINE));
		MB_REFUSED(b, -EINVAL, b->hot->offline_pages(0x48, 8));
		MB_REFUSED(b, -EINVAL, b->hot->online_pages(0x40, pps + 8, PMM_MMOP_ONLINE));
		MB_REFUSED(b, -EINVAL, b->hot->online_pages(0x40, 0, PMM_MMOP_ONLINE));
		MB_REFUSED(b, -EINVAL, b->hot->online_pages(0x20, pps, PMM_MMOP_ONLINE));
		MB_REFUSED(b, -EINVAL, b->hot->offline_pages(0x20, pps));
		MB_REFUSED(b, -EINVAL, b->hot->offline_pages(0x40, 2 * pps));
		ASSERT_EQ(1, b->online_section_nr(2));
		snap_take(o, &sn);
		rc = b->hot->online_pages(max - pps, 2 * pps, PMM_MMOP_ONLINE);
		ASSERT_MSG(rc == -ERANGE || rc == -EINVAL, "%s: online beyond the top = %d",
			   o->name, rc);
		rc = b->hot->offline_pages(~0UL - pps + 1, 2 * pps);
		ASSERT_MSG(rc == -ERANGE || rc == -EINVAL, "%s: offline wrapping = %d",
			   o->name, rc);
		snap_expect_same(o, &sn, "online/offline out of range");

		if (b->spb > 1)
			MB_REFUSED(b, -EINVAL, b->hot->offline_pages(0, pps));
		sec = b->spb > 1 ? 16 : 0;
		EXPECT_OK(o, b->hot->offline_pages(sec * pps, pps));
		cx.online[sec] = 0;
		check_blocks_state(b, &cx, 1);
		ASSERT_EQ(0, b->online_section_nr(sec));
		ASSERT_TRUE(b->hot->pfn_to_online_page(sec * pps + 0x0a) == NULL);
		ASSERT_EQ(1, o->pfn_valid(sec * pps + 0x0a));
		expect_stats_boot(o);
		EXPECT_OK(o, b->hot->online_pages(sec * pps, pps, PMM_MMOP_ONLINE));
		cx.online[sec] = 1;
		check_deep(b, &cx);
		expect_stats_boot(o);
	}
	return 0;
}

/*
 * pfn_to_online_page in and around online boot sections.
 *
 *	section 0   sub 0 [00,08) hole   sub 1 [08,10) RAM 0a-  sub 3 [18,20) hole
 *	section 4   sub 0 [80,88) hole   sub 1 [88,90) RAM 88-8c
 *	section 1   absent
 *
 * Expect (VMEMMAP) NULL at 0x00, 0x07, 0x18, 0x1f, 0x80 although
 * pfn_valid is 1 there (boot sections are valid whole), and the
 * descriptor at 0x08, 0x0a, 0x11, 0x8c (hole PFNs of a valid sub-section);
 * classic: the descriptor everywhere in sections 0 and 4.  NULL in the
 * absent section 1, at MAX_PFN, at the first PFN beyond MAX_PHYSMEM_BITS
 * sections and at ~0UL.
 */
static int mb_online_page_subsections(void)
{
	static const unsigned long holes[] = { 0x00, 0x07, 0x18, 0x1f, 0x80, 0x87, 0x90 };
	static const unsigned long ram[] = { 0x08, 0x0a, 0x11, 0x8c, 0x40, 0x5f };
	const struct mb_ops *b;
	unsigned int k;

	FOR_EACH_BOOTED(b) {
		const struct hp_ops *o = b->hp;

		for (k = 0; k < HP_ARRAY_SIZE(holes); k++) {
			ASSERT_EQ(1, o->pfn_valid(holes[k]));
			if (o->vmemmap)
				ASSERT_TRUE(b->hot->pfn_to_online_page(holes[k]) == NULL);
			else
				ASSERT_TRUE(b->hot->pfn_to_online_page(holes[k]) ==
					    o->pfn_to_page(holes[k]));
		}
		for (k = 0; k < HP_ARRAY_SIZE(ram); k++)
			ASSERT_TRUE(b->hot->pfn_to_online_page(ram[k]) == o->pfn_to_page(ram[k]));
		ASSERT_TRUE(b->hot->pfn_to_online_page(0x20) == NULL);
		ASSERT_TRUE(b->hot->pfn_to_online_page(0x3f) == NULL);
		ASSERT_TRUE(b->hot->pfn_to_online_page(hp_max_pfn(o)) == NULL);
		ASSERT_TRUE(b->hot->pfn_to_online_page(hp_max_pfn(o) * 2 + 0x40) == NULL);
		ASSERT_TRUE(b->hot->pfn_to_online_page(~0UL) == NULL);
		check_blocks_state(b, &cx, 1);
	}
	return 0;
}

/*
 * Memory added with pmm_add_pages alone is device-like: no block.
 *
 *	0x400       one block's worth, add_pages (node 1)
 *	0x20        one section inside boot block 0 (4-section blocks) or
 *	            a block of its own (1-section), add_pages
 *
 * Expect the listing unchanged, pfn_valid 1 over both, online_pages and
 * offline_pages -EINVAL there, remove_memory -EINVAL (for 4-section
 * blocks block 0, in nodes 0 and 1, cannot go offline: offline_pages
 * -EINVAL, and remove_memory -EINVAL), pfn_to_online_page NULL; add_memory over them -EEXIST;
 * remove_pages takes them out and the stats are those of boot again.
 */
static int mb_device_memory(void)
{
	const struct mb_ops *b;

	FOR_EACH_BOOTED(b) {
		const struct hp_ops *o = b->hp;
		unsigned long bp = bpages(b), pps = hp_pps(o);

		EXPECT_OK(o, o->hot->add_pages(1, 0x400, bp));
		model_add(&cx.m, 1, 0x400, bp);
		EXPECT_OK(o, o->hot->add_pages(1, 0x20, pps));
		model_add(&cx.m, 1, 0x20, pps);
		check_deep(b, &cx);
		MB_REFUSED(b, -EINVAL, b->hot->online_pages(0x400, pps, PMM_MMOP_ONLINE));
		MB_REFUSED(b, -EINVAL, b->hot->online_pages(0x400, bp, PMM_MMOP_ONLINE));
		MB_REFUSED(b, -EINVAL, b->hot->offline_pages(0x400, bp));
		MB_REFUSED(b, -EINVAL, b->hot->online_pages(0x20, pps, PMM_MMOP_ONLINE));
		MB_REFUSED(b, -EINVAL, b->hot->online_pages(0, 3 * pps, PMM_MMOP_ONLINE));
		MB_REFUSED(b, -EINVAL, b->hot->remove_memory(0x400, bp));
		MB_REFUSED(b, -EEXIST, b->hot->add_memory(0, 0x400, bp));
		ASSERT_TRUE(b->hot->pfn_to_online_page(0x400) == NULL);
		ASSERT_TRUE(b->hot->pfn_to_online_page(0x20) == NULL);
		if (b->spb > 1) {
			/* block 0 lies in nodes 0 and 1: no zone, never offline */
			MB_REFUSED(b, -EINVAL, b->hot->offline_pages(0, pps));
			MB_REFUSED(b, -EINVAL, b->hot->offline_pages(0x40, pps));
			MB_REFUSED(b, -EINVAL, b->hot->remove_memory(0, bp));
		} else {
			MB_REFUSED(b, -EINVAL, b->hot->remove_memory(0x20, bp));
		}
		EXPECT_OK(o, o->hot->remove_pages(0x400, bp));
		EXPECT_OK(o, o->hot->remove_pages(0x20, pps));
		mbm_remove_valid(&cx, 0x400, bp);
		mbm_remove_valid(&cx, 0x20, pps);
		check_deep(b, &cx);
		expect_stats_boot(o);
	}
	return 0;
}

/*
 * remove_memory's rules, and boot blocks going.
 *
 *	request                           expect
 *	[00, +block/2)  misaligned         -EINVAL
 *	[20, +block)    misaligned (4-sec) -EINVAL
 *	[00, +0)                           -EINVAL
 *	[40, +block)    online boot block  -EBUSY (1-sec) / -EINVAL (4-sec:
 *	                                   sections 1 and 3 absent)
 *	[200, +80)      online             -EBUSY
 *	[20, +block)    absent (1-sec)     -EINVAL
 *	[200, +100)     80 boot + absent   -EINVAL
 *	offline [200, 280) and remove it:  ram_pages - 128, 4 sections fewer
 *	1-sec: offline [00, 20) and remove it: ram_pages - 8 (the holes
 *	       [00,0a) and [12,20) were never RAM), pfn_valid 0 over it
 *
 * Expect the listing to lose exactly those blocks.
 */
static int mb_remove_rules(void)
{
	const struct mb_ops *b;

	FOR_EACH_BOOTED(b) {
		const struct hp_ops *o = b->hp;
		unsigned long bp = bpages(b), pps = hp_pps(o);
		unsigned long ram = BLK_RAM;
		struct pmm_stats st;

		MB_REFUSED(b, -EINVAL, b->hot->remove_memory(0, bp / 2));
		if (b->spb > 1)
			MB_REFUSED(b, -EINVAL, b->hot->remove_memory(0x20, bp));
		MB_REFUSED(b, -EINVAL, b->hot->remove_memory(0, 0));
		MB_REFUSED(b, b->spb > 1 ? -EINVAL : -EBUSY,
			   b->hot->remove_memory(0x40 / bp * bp, bp));
		MB_REFUSED(b, -EBUSY, b->hot->remove_memory(0x200, 0x80));
		if (b->spb == 1)
			MB_REFUSED(b, -EINVAL, b->hot->remove_memory(0x20, bp));
		EXPECT_OK(o, b->hot->offline_pages(0x200, 0x80));
		memset(cx.online + 0x200 / pps, 0, 0x80 / pps);
		MB_REFUSED(b, -EINVAL, b->hot->remove_memory(0x200, 0x100));
		MB_REFUSED(b, -EINVAL, b->hot->remove_memory(0x180, 0x100));
		EXPECT_OK(o, b->hot->remove_memory(0x200, 0x80));
		mbm_remove_valid(&cx, 0x200, 0x80);
		memset(cx.inblk + 0x200 / pps, 0, 0x80 / pps);
		ram -= 0x80;
		expect_stats(o, ram, -1);
		o->stats(&st);
		ASSERT_EQ(3, st.nr_present_sections);
		expect_valid(o, 0x200, 0x280, 0);
		check_deep(b, &cx);
		if (b->spb == 1) {
			MB_REFUSED(b, -EBUSY, b->hot->remove_memory(0, pps));
			EXPECT_OK(o, b->hot->offline_pages(0, pps));
			cx.online[0] = 0;
			EXPECT_OK(o, b->hot->remove_memory(0, pps));
			mbm_remove_valid(&cx, 0, pps);
			cx.inblk[0] = 0;
			ram -= 8;
			expect_stats(o, ram, -1);
			expect_valid(o, 0, pps, 0);
			check_deep(b, &cx);
		}
		/* the boot block back, by add_memory: offline now */
		EXPECT_OK(o, b->hot->add_memory(2, 0x200, 0x80));
		model_add(&cx.m, 2, 0x200, 0x80);
		memset(cx.inblk + 0x200 / pps, 1, 0x80 / pps);
		check_deep(b, &cx);
	}
	return 0;
}

/*
 * -ENOMEM anywhere in add_memory changes nothing.
 *
 *	request   add_memory(1, S, 2 blocks); S = 0x1fe0 on bs (crosses into
 *	          the second, unallocated root), 0x400 elsewhere
 *	faults    the Nth allocation (N = 1, 2, ...) and, VMEMMAP, the Nth
 *	          vmemmap populate, until the request goes through
 *
 * Expect -ENOMEM each time with stats, allocations, backing and listing
 * unchanged; then success, two offline blocks.
 */
static int mb_enomem_changes_nothing(void)
{
	const struct mb_ops *b;

	FOR_EACH_BOOTED(b) {
		const struct hp_ops *o = b->hp;
		unsigned long bp = bpages(b);
		unsigned long s = b->spb == 1 && !o->vmemmap ? 0x1fe0 : 0x400;
		int pass, rc = -ENOMEM;
		long n, failures = 0;

		for (pass = 0; pass < (o->vm ? 2 : 1); pass++) {
			for (n = 1; n < 64; n++) {
				struct hp_snap sn;

				snap_take(o, &sn);
				if (pass)
					o->vm->populate_fail_at = n;
				else
					test_alloc_fail_at = n;
				rc = b->hot->add_memory(1, s, 2 * bp);
				test_alloc_fail_at = 0;
				if (o->vm)
					o->vm->populate_fail_at = 0;
				if (rc != -ENOMEM)
					break;
				failures++;
				snap_expect_same(o, &sn, "add_memory -ENOMEM");
				check_blocks_state(b, &cx, 0);
			}
			ASSERT_EQ(0, rc);
			if (!rc) {
				EXPECT_OK(o, b->hot->remove_memory(s, 2 * bp));
				expect_stats_boot(o);
			}
		}
		ASSERT_TRUE(failures > 0);
		EXPECT_OK(o, b->hot->add_memory(1, s, 2 * bp));
		model_add(&cx.m, 1, s, 2 * bp);
		memset(cx.inblk + s / cx.m.pps, 1, 2 * bp / cx.m.pps);
		check_deep(b, &cx);
	}
	return 0;
}

/*
 * pmm_exit with hot blocks online, offline blocks, device memory and a
 * removed boot block.
 *
 * Expect nothing allocated, no vmemmap backed, no block listed, and
 * online/add_memory refused afterwards (case_end).
 */
static int mb_exit_frees_everything(void)
{
	const struct mb_ops *b;

	FOR_EACH_BOOTED(b) {
		const struct hp_ops *o = b->hp;
		unsigned long bp = bpages(b);

		EXPECT_OK(o, b->hot->add_memory(0, 0x400, bp));
		EXPECT_OK(o, b->hot->add_memory(1, 0x600, 2 * bp));
		EXPECT_OK(o, b->hot->online_pages(0x600, bp, PMM_MMOP_ONLINE));
		EXPECT_OK(o, o->hot->add_pages(1, 0x800, hp_pps(o)));
		EXPECT_OK(o, b->hot->offline_pages(0x200, 0x80));
		EXPECT_OK(o, b->hot->remove_memory(0x200, 0x80));
	}
	return 0;
}

/* ---------------------------------------------------------------------
 * Part 2: a randomised sequence against the block model
 * --------------------------------------------------------------------- */

enum { OP_ADD_MEMORY, OP_REMOVE_MEMORY, OP_ONLINE, OP_OFFLINE, OP_ADD_PAGES,
       OP_REMOVE_PAGES, OP_KINDS };
static const char *const op_names[] = { "add_memory", "remove_memory", "online_pages",
					"offline_pages", "add_pages", "remove_pages" };

static unsigned int expect_add_pages(const struct mb_ops *b, const struct mb_model *x,
				     int nid, unsigned long start, unsigned long nr)
{
	return model_expect(&x->m, 1, nid, hp_max_nodes(b->hp), start, nr);
}

/* Span [start, start + nr) of whole @unit pages, within the PFN space? */
static unsigned int span_errors(const struct mb_model *x, unsigned long start,
				unsigned long nr, unsigned long unit)
{
	if (!nr || start % unit || nr % unit)
		return HP_EINVAL;
	if (start + nr < start || start + nr > x->m.max_pfn)
		return HP_ERANGE;
	return 0;
}

static unsigned int expect_online(const struct mb_model *x, unsigned long start,
				  unsigned long nr)
{
	unsigned int e = span_errors(x, start, nr, x->m.pps);
	unsigned long s;

	if (e)
		return e;
	for (s = start / x->m.pps; s < (start + nr) / x->m.pps; s++)
		if (!x->inblk[s])
			return HP_EINVAL;
	return HP_OK;
}

/*
 * How many nodes the boot RAM of @block lies in.  In blk_map a hole takes
 * the node of a range in its own block, so the RAM ranges tell the nodes
 * sysfs links a boot block to.  A block in two has no zone.
 */
static unsigned int boot_block_nodes(const struct mb_model *x, unsigned long block)
{
	unsigned long lo = block * x->bpages, hi = lo + x->bpages, seen = 0;
	unsigned int i, n = 0;

	for (i = 0; i < HP_ARRAY_SIZE(blk_map); i++)
		if (blk_map[i].start_pfn < hi && blk_map[i].end_pfn > lo &&
		    !(seen & 1UL << blk_map[i].nid)) {
			seen |= 1UL << blk_map[i].nid;
			n++;
		}
	return n;
}

/*
 * offline_pages: as online_pages, and -EINVAL where an online section's
 * boot block lies in two nodes (no zone: memory_block_offline refuses).
 */
static unsigned int expect_offline(const struct mb_model *x, unsigned long start,
				   unsigned long nr)
{
	unsigned int e = expect_online(x, start, nr);
	unsigned long s;

	for (s = start / x->m.pps; e == HP_OK && s < (start + nr) / x->m.pps; s++)
		if (x->online[s] && boot_block_nodes(x, s / x->spb) > 1)
			return HP_EINVAL;
	return e;
}

static unsigned int expect_remove_memory(const struct mb_model *x, unsigned long start,
					 unsigned long nr)
{
	unsigned int e = span_errors(x, start, nr, x->bpages);
	unsigned long s;
	int inval = 0, busy = 0;

	if (e)
		return e;
	for (s = start / x->m.pps; s < (start + nr) / x->m.pps; s++) {
		if (!x->inblk[s])
			inval = 1;
		else if (x->online[s])
			busy = 1;
	}
	/*
	 * pmm_remove_memory's comment (pmm_sparse_blocks.h) names -EINVAL's
	 * conditions and -EBUSY's but no order: accept either when both hold
	 */
	if (inval)
		return HP_EINVAL | (busy ? HP_EBUSY : 0);
	return busy ? HP_EBUSY : HP_OK;
}

/* Does [start, start + nr) touch a section in a memory block? */
static int touches_block(const struct mb_model *x, unsigned long start, unsigned long nr)
{
	unsigned long s;

	for (s = start / x->m.pps; s <= (start + nr - 1) / x->m.pps && s < x->m.nr_sections; s++)
		if (x->inblk[s])
			return 1;
	return 0;
}

struct mb_op {
	int kind, nid;
	unsigned long start, nr;
	long inj;		/* 0, or the allocation that fails */
};

/* Is block @k of kind @what (see pick_block)? */
static int block_is(const struct mb_model *x, unsigned long k, int what)
{
	unsigned long s;
	int dev = 0;

	for (s = k * x->spb; s < (k + 1) * x->spb; s++) {
		if (what == 0 && x->m.count[s])
			return 0;
		if (what == 1 && (!x->inblk[s] || x->online[s]))
			return 0;
		if (what == 2 && x->inblk[s])
			return 0;
		if (what == 2 && x->m.count[s])
			dev = 1;
		if (what == 3 && x->inblk[s])
			return 1;
	}
	return what == 2 ? dev : what != 3;
}

/*
 * A block for the request, mostly one where it can succeed: @what 0 a
 * free block, 1 an offline block of block memory, 2 some device memory
 * and no block memory,
 * 3 any block with block memory; else any block.
 */
static unsigned long pick_block(const struct mb_model *x, int what)
{
	unsigned long n = x->m.max_pfn / x->bpages, at = rnd(n), i;

	if (rnd(4))
		for (i = 0; i < n; i++)
			if (block_is(x, (at + i) % n, what))
				return (at + i) % n;
	return at;
}

static void gen_op(const struct mb_ops *b, const struct mb_model *x, struct mb_op *op)
{
	unsigned long bp = x->bpages, pps = x->m.pps, unit = x->m.unit, k;

	memset(op, 0, sizeof(*op));
	op->kind = (int)rnd(OP_KINDS);
	op->nid = (int)rnd((unsigned long)(hp_max_nodes(b->hp) < 4 ? hp_max_nodes(b->hp) : 4));
	switch (op->kind) {
	case OP_ADD_MEMORY:
		op->start = pick_block(x, 0) * bp;
		op->nr = (1 + (rnd(4) ? 0 : 1)) * bp;
		break;
	case OP_REMOVE_MEMORY:
		op->start = pick_block(x, 1) * bp;
		op->nr = (1 + rnd(2)) * bp;
		break;
	case OP_ONLINE:
	case OP_OFFLINE:
		op->start = pick_block(x, 3) * bp + rnd(x->spb) * pps;
		op->nr = (1 + rnd(2 * x->spb)) * pps;
		break;
	case OP_ADD_PAGES:
		op->start = pick_block(x, rnd(4) ? 2 : 0) * bp + rnd(bp / unit) * unit;
		op->nr = (1 + rnd(2 * pps / unit)) * unit;
		break;
	default: {
		/* mostly a run of valid units in device memory */
		unsigned long u0 = pick_block(x, 2) * bp / unit, ub = bp / unit;
		unsigned long at = rnd(ub), i, u, len;

		op->start = (u0 + at) * unit;
		op->nr = (1 + rnd(2 * pps / unit)) * unit;
		for (i = 0; i < ub; i++)
			if (x->m.valid[u0 + (at + i) % ub])
				break;
		if (i == ub || !rnd(5))
			break;
		u = u0 + (at + i) % ub;
		for (len = 0; u + len < x->m.nr_units && x->m.valid[u + len] &&
		     len < 2 * pps / unit; len++)
			;
		op->start = u * unit;
		op->nr = (1 + rnd(len)) * unit;
		break;
	}
	}
	k = rnd(100);
	if (k < 3) {
		op->start += unit * (1 + rnd(3));		/* misaligned */
	} else if (k < 5) {
		op->nr = rnd(2) ? 0 : op->nr + unit;
	} else if (k < 7) {
		op->start = x->m.max_pfn - bp * rnd(2);	/* beyond the top */
		op->nr = 2 * bp;
	} else if (k < 8) {
		op->nid = rnd(2) ? -1 : hp_max_nodes(b->hp);
	}
	if (k >= 7 && op->start + op->nr > x->m.max_pfn)
		op->nr = x->m.max_pfn - op->start;	/* trim the ordinary ones */
	if ((op->kind == OP_ADD_MEMORY || op->kind == OP_ADD_PAGES) && rnd(100) < 10)
		op->inj = 1 + (long)rnd(3);
}

static const char *op_str(const struct mb_op *op, char *buf, size_t len)
{
	snprintf(buf, len, "%s(%s%d%s%#lx, %#lx)%s", op_names[op->kind],
		 op->kind == OP_ADD_MEMORY || op->kind == OP_ADD_PAGES ? "nid " : "",
		 op->kind == OP_ADD_MEMORY || op->kind == OP_ADD_PAGES ? op->nid : 0,
		 op->kind == OP_ADD_MEMORY || op->kind == OP_ADD_PAGES ? ", " : "",
		 op->start, op->nr, op->inj ? " [alloc fault]" : "");
	if (!(op->kind == OP_ADD_MEMORY || op->kind == OP_ADD_PAGES)) {
		/* drop the "0" the format put in */
		char *z = strchr(buf, '(');

		if (z && z[1] == '0')
			memmove(z + 1, z + 2, strlen(z + 2) + 1);
	}
	return buf;
}

static void apply_ok(struct mb_model *x, const struct mb_op *op)
{
	unsigned long s, s0 = op->start / x->m.pps, s1 = (op->start + op->nr) / x->m.pps;

	switch (op->kind) {
	case OP_ADD_MEMORY:
		model_add(&x->m, op->nid, op->start, op->nr);
		memset(x->inblk + s0, 1, s1 - s0);
		memset(x->online + s0, 0, s1 - s0);
		break;
	case OP_REMOVE_MEMORY:
		mbm_remove_valid(x, op->start, op->nr);
		memset(x->inblk + s0, 0, s1 - s0);
		break;
	case OP_ONLINE:
	case OP_OFFLINE:
		for (s = s0; s < s1; s++)
			x->online[s] = op->kind == OP_ONLINE;
		break;
	case OP_ADD_PAGES:
		model_add(&x->m, op->nid, op->start, op->nr);
		break;
	default:
		mbm_remove_valid(x, op->start, op->nr);
		break;
	}
}

struct mb_counts {
	unsigned long done[OP_KINDS], refused[OP_KINDS], skipped, err[OP_KINDS][6];
};

static struct test_args args = {
	.takes = "sni", .seed = 0xb10c2026, .n = 20000, .n_name = "OPS",
	.n_about = "requests per instance",
	.about = "memory blocks: cases, then random requests per instance against a model",
};

/* Part 2 on instances[@index]: args.n requests, hp_rand started for it. */
static void run_instance(unsigned int index)
{
	const struct mb_ops *b = instances[index];
	const struct hp_ops *o = b->hp;
	unsigned long ops = args.n;
	struct mb_counts counts, *c = &counts;
	unsigned long long hosted = pmm_hosted_live;
	struct mb_model x;
	unsigned long step;
	char buf[160], wbuf[80];
	int err, k;

	memset(c, 0, sizeof(*c));
	mbm_setup(&x, b);
	err = o->init(blk_map, HP_ARRAY_SIZE(blk_map));
	ASSERT_EQ(0, err);
	if (err) {
		mbm_free(&x);
		return;
	}
	mbm_boot(&x, blk_map, HP_ARRAY_SIZE(blk_map));
	check_deep(b, &x);
	for (step = 0; step < ops && !hp_quota_spent(); step++) {
		struct mb_op op;
		struct hp_snap sn;
		unsigned int want;
		int rc;

		gen_op(b, &x, &op);
		switch (op.kind) {
		case OP_ADD_MEMORY:
			want = (op.start | op.nr) % x.bpages ? HP_EINVAL :
			       expect_add_pages(b, &x, op.nid, op.start, op.nr);
			break;
		case OP_REMOVE_MEMORY:
			want = expect_remove_memory(&x, op.start, op.nr);
			break;
		case OP_ONLINE:
			want = expect_online(&x, op.start, op.nr);
			break;
		case OP_OFFLINE:
			want = expect_offline(&x, op.start, op.nr);
			break;
		case OP_ADD_PAGES:
			want = expect_add_pages(b, &x, op.nid, op.start, op.nr);
			break;
		default:
			want = model_expect(&x.m, 0, 0, 1, op.start, op.nr);
			break;
		}
		/*
		 * Device-like add_pages/remove_pages into a section of a
		 * memory block (a hole of a boot section) is left out: what
		 * pfn_to_online_page owes such pages is not settled (see the
		 * report of this test); refusals there are still checked.
		 */
		if ((op.kind == OP_ADD_PAGES || op.kind == OP_REMOVE_PAGES) &&
		    (want & HP_OK) && touches_block(&x, op.start, op.nr)) {
			c->skipped++;
			continue;
		}
		if (op.inj && (want & HP_OK)) {
			want |= HP_ENOMEM;
			if (o->vm && rnd(2))
				o->vm->populate_fail_at = op.inj;
			else
				test_alloc_fail_at = op.inj;
		}
		test_context = op_str(&op, buf, sizeof(buf));
		snap_take(o, &sn);
		switch (op.kind) {
		case OP_ADD_MEMORY:
			rc = b->hot->add_memory(op.nid, op.start, op.nr);
			break;
		case OP_REMOVE_MEMORY:
			rc = b->hot->remove_memory(op.start, op.nr);
			break;
		case OP_ONLINE:
			rc = b->hot->online_pages(op.start, op.nr, PMM_MMOP_ONLINE);
			break;
		case OP_OFFLINE:
			rc = b->hot->offline_pages(op.start, op.nr);
			break;
		case OP_ADD_PAGES:
			rc = o->hot->add_pages(op.nid, op.start, op.nr);
			break;
		default:
			rc = o->hot->remove_pages(op.start, op.nr);
			break;
		}
		test_alloc_fail_at = 0;
		if (o->vm)
			o->vm->populate_fail_at = 0;
		if (!(hp_err_bit(rc) & want)) {
			test_failf(__FILE__, __LINE__, "step %lu: returned %d, expected %s; "
				   "rerun: test_blocks -s %#llx -n %lu -i %s", step, rc,
				   hp_err_set(want, wbuf, sizeof(wbuf)), args.seed, ops, o->name);
			break;
		}
		if (rc) {
			c->refused[op.kind]++;
			c->err[op.kind][__builtin_ctz(hp_err_bit(rc)) % 6]++;
			snap_expect_same(o, &sn, "a refused request");
		} else {
			c->done[op.kind]++;
			apply_ok(&x, &op);
		}
		check_blocks_state(b, &x, 0);
		if (step % 2000 == 1999)
			check_deep(b, &x);
	}
	test_context = NULL;
	check_deep(b, &x);
	o->exit();
	check_exited(o, hosted);
	mbm_free(&x);
	if (test_verbose) {
		printf("  %s:", o->name);
		for (k = 0; k < OP_KINDS; k++)
			printf(" %s %lu/%lu", op_names[k], c->done[k], c->refused[k]);
		printf(" (done/refused), skipped %lu\n", c->skipped);
		for (k = 0; k < OP_KINDS; k++)
			printf("    %s refused: EINVAL %lu ERANGE %lu EEXIST %lu ENOMEM %lu "
			       "EBUSY %lu\n", op_names[k], c->err[k][1], c->err[k][2],
			       c->err[k][3], c->err[k][4], c->err[k][5]);
	}
}

static const char *instance_name(unsigned int index)
{
	return instances[index]->hp->name;
}

int main(int argc, char **argv)
{
	test_parse_args(&args, argc, argv);
	if (!args.instance) {
		RUN(mb_requires_init);
		RUN(mb_boot_blocks);
		RUN(mb_block_nodes);
		RUN(mb_add_memory_refusals);
		RUN(mb_hot_block_lifecycle);
		RUN(mb_online_rules);
		RUN(mb_online_page_subsections);
		RUN(mb_device_memory);
		RUN(mb_remove_rules);
		RUN(mb_enomem_changes_nothing);
		RUN(mb_exit_frees_everything);
	}
	if (hp_run_random(&args, HP_ARRAY_SIZE(instances), instance_name, run_instance))
		return 2;
	return test_summary("test_blocks");
}
