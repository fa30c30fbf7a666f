/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * pmm_xen_pdx.h - Xen's frame table, indexed by PDX
 *
 * Xen keeps one descriptor (struct page_info) per frame in frame_table,
 * indexed not by PFN but by PDX: the PFN with the bits that tell no RAM
 * apart squeezed out (mask compression), or with each RAM region moved
 * down next to the one before (offset compression).  The table is
 * virtual, backed in groups of PDX_GROUP_COUNT descriptors (one large
 * page of them); a group with no RAM has no backing and its PFNs are not
 * valid.  A PFN's node is memnodemap[pdx >> memnode_shift].
 *
 *	PFN:  |RAM|........ hole: bits no range uses ........|RAM|
 *	PDX:  |RAM|RAM|
 *	frame_table[pdx]:  |group|group|...   (only groups with RAM backed)
 *
 * Xen (2026): xen/common/pdx.c and xen/include/xen/pdx.h for both
 * algorithms (pfn_pdx_compression_setup; offset compression from commit
 * c5c45bcbd6, with the mask fix of edf942201d), __mfn_valid and
 * set_pdx_range; xen/common/numa.c for memnodemap (compute_hash_shift,
 * with the start rounded down as 188d530529 does).  Xen's boot feeds
 * the RAM ranges in and calls setup with base 0, as Arm and Xen's own
 * tools/tests/pdx do (x86 passes the first RAM at or above 4 GiB).
 *
 * What Xen has no equivalent of, pmm's build refuses (pmm.h): sections,
 * sub-sections, hotplug through this API, ZONE_DEVICE, deferred init.
 */
#ifndef PMM__BODY
#error "pmm_xen_pdx.h is a model of pmm.h: define PMM_MODEL PMM_MODEL_XEN_PDX_MASK or _OFFSET and include pmm.h"
#endif

#define PMM__PDX_MASK		(PMM_MODEL == PMM_MODEL_XEN_PDX_MASK)
/* the lowest set bit of the descriptor size: a group is whole pages of them */
#define PMM__PDX_SIZE_LSB	(sizeof(PMM__PAGE) & -sizeof(PMM__PAGE))
/* PDX_GROUP_COUNT: descriptors in one large page of frame table */
#define PMM__PDX_GROUP_COUNT	((1UL << PMM_PDX_GROUP_SHIFT) / PMM__PDX_SIZE_LSB)
#define PMM__PDX_GROUP_BYTES	(PMM__PDX_GROUP_COUNT * sizeof(PMM__PAGE))
#define PMM__PDX_GROUP_ALIGN	(1UL << PMM_PDX_GROUP_SHIFT)
#define PMM__NUMA_NO_NODE	0xff

/* fill_mask: every bit below the highest set bit of @m set too */
static inline PMM__UNUSED unsigned long PMM__IN(fill_mask)(unsigned long m)
{
	while (m & (m + 1))
		m |= m + 1;
	return m;
}

/* pdx_region_mask: the bits that change within [base, base + len) */
static inline PMM__UNUSED unsigned long PMM__IN(pdx_region_mask)(unsigned long base,
								unsigned long len)
{
	return PMM__IN(fill_mask)(base ^ (base + len - 1));
}

/*
 * pdx_init_mask, in PFNs: the bits below @base_pfn and below MAX_ORDER
 * are never compressed, so that a buddy block's descriptors stay
 * contiguous.
 */
static inline PMM__UNUSED unsigned long PMM__IN(pdx_init_mask)(unsigned long base_pfn)
{
	unsigned long floor = 1UL << PMM_PDX_MAX_ORDER;

	return PMM__IN(fill_mask)((base_pfn > floor ? base_pfn : floor) - 1);
}

/* flsl: 1 + the index of the highest set bit, 0 for none */
static inline PMM__UNUSED unsigned int PMM__IN(flsl)(unsigned long x)
{
	return x ? PMM_BITS_PER_LONG - (unsigned int)__builtin_clzl(x) : 0;
}

#if PMM__PDX_MASK
/* --- mask compression: the widest run of bits no range uses, removed ---- */

/* pfn_pdx_bottom_mask and friends; identity until setup finds a hole */
static unsigned long PMM__IN(pfn_pdx_bottom_mask) PMM__UNUSED = ~0UL;
static unsigned long PMM__IN(pfn_top_mask) PMM__UNUSED;
static unsigned long PMM__IN(pfn_hole_mask) PMM__UNUSED;
static unsigned int PMM__IN(pfn_pdx_hole_shift) PMM__UNUSED;

/**
 * pmm_pfn_to_pdx - the frame-table index of a PFN
 * @pfn: a PFN whose hole bits are clear (pmm_pfn_valid)
 */
PMM__API unsigned long PMM__FN(pfn_to_pdx)(unsigned long pfn)
{
	return (pfn & PMM__IN(pfn_pdx_bottom_mask)) |
	       ((pfn & PMM__IN(pfn_top_mask)) >> PMM__IN(pfn_pdx_hole_shift));
}

/**
 * pmm_pdx_to_pfn - the PFN of a frame-table index
 * @pdx: an index below the frame table's end
 */
PMM__API unsigned long PMM__FN(pdx_to_pfn)(unsigned long pdx)
{
	return (pdx & PMM__IN(pfn_pdx_bottom_mask)) |
	       ((pdx << PMM__IN(pfn_pdx_hole_shift)) & PMM__IN(pfn_top_mask));
}

/* __mfn_valid's compression test: no bit of the hole set */
static inline PMM__UNUSED int PMM__IN(pdx_pfn_fits)(unsigned long pfn)
{
	return !(pfn & PMM__IN(pfn_hole_mask));
}

/**
 * pmm_pdx_region_compressible - does [pfn, pfn + nr) convert one to one?
 * @pfn: first PFN
 * @nr: pages
 *
 * pdx_is_region_compressible: no hole bit set at the start, and every bit
 * that changes within the region lies below the hole.
 */
PMM__API int PMM__FN(pdx_region_compressible)(unsigned long pfn, unsigned long nr)
{
	return !(pfn & PMM__IN(pfn_hole_mask)) &&
	       !(PMM__IN(pdx_region_mask)(pfn, nr) & ~PMM__IN(pfn_pdx_bottom_mask));
}

static inline PMM__UNUSED void PMM__IN(pdx_reset)(void)
{
	PMM__IN(pfn_pdx_bottom_mask) = ~0UL;
	PMM__IN(pfn_top_mask) = 0;
	PMM__IN(pfn_hole_mask) = 0;
	PMM__IN(pfn_pdx_hole_shift) = 0;
}

/*
 * The mask branch of pfn_pdx_compression_setup: OR together the bits each
 * range starts with and moves through; the widest run of zeros above
 * MAX_ORDER with a one above it is the hole (the lowest of equal runs).
 * @r is sorted, but the OR does not care.  Returns 1 with a hole found.
 */
static inline PMM__UNUSED int PMM__IN(pdx_setup)(const struct pmm_range *r, unsigned int nr,
						struct pmm_pdx *info)
{
	unsigned long mask = PMM__IN(pdx_init_mask)(0);
	unsigned int i, j, hole = 0, bottom = 0;

	for (i = 0; i < nr; i++)
		mask |= r[i].start_pfn |
			PMM__IN(pdx_region_mask)(r[i].start_pfn, r[i].end_pfn - r[i].start_pfn);
	for (j = PMM_PDX_MAX_ORDER - 1;;) {
		/* find_next_zero_bit, then find_next_bit, from above j */
		for (i = j + 1; i < PMM_BITS_PER_LONG && (mask >> i) & 1; i++)
			;
		if (i >= PMM_BITS_PER_LONG)
			break;
		for (j = i + 1; j < PMM_BITS_PER_LONG && !((mask >> j) & 1); j++)
			;
		if (j >= PMM_BITS_PER_LONG)
			break;	/* zeros up to the top are no hole */
		if (j - i > hole) {
			hole = j - i;
			bottom = i;
		}
	}
	if (!hole)
		return 0;
	PMM__IN(pfn_pdx_hole_shift) = hole;
	PMM__IN(pfn_pdx_bottom_mask) = (1UL << bottom) - 1;
	PMM__IN(pfn_hole_mask) = ((1UL << hole) - 1) << bottom;
	PMM__IN(pfn_top_mask) = ~(PMM__IN(pfn_pdx_bottom_mask) | PMM__IN(pfn_hole_mask));
	info->hole_shift = hole;
	info->bottom_shift = bottom;
	return 1;
}

#else
/* --- offset compression: each region moved down next to the last -------- */

#define PMM__PDX_NR_LOOKUP	(1UL << PMM_PDX_OFFSET_TBL_ORDER)
#define PMM__PDX_TBL_MASK	(PMM__PDX_NR_LOOKUP - 1)

/* the two lookup tables and the region bases; identity after a reset */
static unsigned long PMM__IN(pfn_pdx_lookup)[PMM__PDX_NR_LOOKUP] PMM__UNUSED;
static unsigned long PMM__IN(pdx_pfn_lookup)[PMM__PDX_NR_LOOKUP] PMM__UNUSED;
static unsigned long PMM__IN(pfn_bases)[PMM__PDX_NR_LOOKUP] PMM__UNUSED;
static unsigned int PMM__IN(pfn_index_shift) PMM__UNUSED;
static unsigned int PMM__IN(pdx_index_shift) PMM__UNUSED;
static unsigned long PMM__IN(pdx_region_size) PMM__UNUSED = ~0UL;

static inline PMM__UNUSED unsigned long PMM__IN(pfn_tbl_idx)(unsigned long pfn)
{
	return (pfn >> PMM__IN(pfn_index_shift)) & PMM__PDX_TBL_MASK;
}

/**
 * pmm_pfn_to_pdx - the frame-table index of a PFN
 * @pfn: a PFN inside its slot's region (pmm_pfn_valid)
 */
PMM__API unsigned long PMM__FN(pfn_to_pdx)(unsigned long pfn)
{
	return pfn - PMM__IN(pfn_pdx_lookup)[PMM__IN(pfn_tbl_idx)(pfn)];
}

/**
 * pmm_pdx_to_pfn - the PFN of a frame-table index
 * @pdx: an index below the frame table's end
 */
PMM__API unsigned long PMM__FN(pdx_to_pfn)(unsigned long pdx)
{
	return pdx + PMM__IN(pdx_pfn_lookup)[(pdx >> PMM__IN(pdx_index_shift)) &
					     PMM__PDX_TBL_MASK];
}

/* __mfn_valid's compression test: inside the region of the PFN's slot */
static inline PMM__UNUSED int PMM__IN(pdx_pfn_fits)(unsigned long pfn)
{
	unsigned long base = PMM__IN(pfn_bases)[PMM__IN(pfn_tbl_idx)(pfn)];

	return pfn >= base && pfn - base < PMM__IN(pdx_region_size);
}

/**
 * pmm_pdx_region_compressible - does [pfn, pfn + nr) convert one to one?
 * @pfn: first PFN
 * @nr: pages
 *
 * pdx_is_region_compressible: the region lies inside the region of its
 * first PFN's slot.
 */
PMM__API int PMM__FN(pdx_region_compressible)(unsigned long pfn, unsigned long nr)
{
	unsigned long base = PMM__IN(pfn_bases)[PMM__IN(pfn_tbl_idx)(pfn)];

	return pfn >= base && pfn - base <= PMM__IN(pdx_region_size) &&
	       nr <= PMM__IN(pdx_region_size) - (pfn - base);
}

static inline PMM__UNUSED void PMM__IN(pdx_reset)(void)
{
	PMM__IN(memzero)(PMM__IN(pfn_pdx_lookup), sizeof(PMM__IN(pfn_pdx_lookup)));
	PMM__IN(memzero)(PMM__IN(pdx_pfn_lookup), sizeof(PMM__IN(pdx_pfn_lookup)));
	PMM__IN(memzero)(PMM__IN(pfn_bases), sizeof(PMM__IN(pfn_bases)));
	PMM__IN(pfn_index_shift) = 0;
	PMM__IN(pdx_index_shift) = 0;
	PMM__IN(pdx_region_size) = ~0UL;
}

/* one region as setup merges them: [base, base + pages) */
struct PMM__IN(pdx_region) {
	unsigned long base, pages;
};

/* Fold region @i into region @i - 1, its end the later one's, as Xen does. */
static inline PMM__UNUSED void PMM__IN(pdx_merge)(struct PMM__IN(pdx_region) *g,
						 unsigned int *n, unsigned int i)
{
	unsigned int k;

	g[i - 1].pages = g[i].base + g[i].pages - g[i - 1].base;
	for (k = i; k + 1 < *n; k++) {
		g[k].base = g[k + 1].base;
		g[k].pages = g[k + 1].pages;
	}
	(*n)--;
}

/*
 * The offset branch of pfn_pdx_compression_setup, on @r sorted by start
 * (Xen sorts first): bases rounded down to MAX_ORDER and overlapping
 * regions merged; the index shift from the bits that tell bases apart but
 * move inside no region; regions sharing a slot merged; the region size
 * the largest region's, a power of two; given up when that saves nothing.
 */
static inline PMM__UNUSED int PMM__IN(pdx_setup_regions)(struct PMM__IN(pdx_region) *g,
							unsigned int n,
							struct pmm_pdx *info)
{
	unsigned long mask = PMM__IN(pdx_init_mask)(0), idx_mask = 0, pages = 0, size;
	unsigned int i, j, lo, hi;

	for (i = 0; i < n; i++) {
		unsigned long start = g[i].base;

		g[i].base = start & ~((1UL << PMM_PDX_MAX_ORDER) - 1);
		g[i].pages += start - g[i].base;
		if (i && g[i].base < g[i - 1].base + g[i - 1].pages)
			PMM__IN(pdx_merge)(g, &n, i--);
	}
	/* after the merges: edf942201d's fix */
	for (i = 0; i < n; i++) {
		mask |= PMM__IN(pdx_region_mask)(g[i].base, g[i].pages);
		for (j = i + 1; j < n; j++)
			idx_mask |= g[i].base ^ g[j].base;
	}
	idx_mask &= ~mask;
	lo = (unsigned int)__builtin_ffsl((long)idx_mask);
	hi = PMM__IN(flsl)(idx_mask);
	if (!idx_mask)
		PMM__IN(pfn_index_shift) = PMM__IN(flsl)(mask);
	else if (hi - lo < PMM_PDX_OFFSET_TBL_ORDER)
		PMM__IN(pfn_index_shift) = lo - 1;
	else
		PMM__IN(pfn_index_shift) = hi - PMM_PDX_OFFSET_TBL_ORDER;	/* truncated */
	for (i = 0; i < n; i++) {
		/* Xen: ASSERT_UNREACHABLE, "PFN compression is invalid" */
		if (PMM__IN(pfn_tbl_idx)(g[i].base) !=
		    PMM__IN(pfn_tbl_idx)(g[i].base + g[i].pages - 1))
			return 0;
		if (i && PMM__IN(pfn_tbl_idx)(g[i].base) == PMM__IN(pfn_tbl_idx)(g[i - 1].base))
			PMM__IN(pdx_merge)(g, &n, i--);
	}
	for (i = 0; i < n; i++)
		if (g[i].pages > pages)
			pages = g[i].pages;
	mask = PMM__IN(pdx_init_mask)(pages);
	size = mask + 1;
	/* "yields no space gain" */
	if (size * (n - 1) >= g[n - 1].base)
		return 0;
	PMM__IN(pdx_index_shift) = PMM__IN(flsl)(mask);
	PMM__IN(pdx_region_size) = size;
	for (i = 0; i < PMM__PDX_NR_LOOKUP; i++)
		PMM__IN(pfn_bases)[i] = ~0UL;
	for (i = 0; i < n; i++) {
		unsigned long idx = PMM__IN(pfn_tbl_idx)(g[i].base);

		PMM__IN(pfn_pdx_lookup)[idx] = g[i].base - size * i;
		PMM__IN(pdx_pfn_lookup)[i] = g[i].base - size * i;
		PMM__IN(pfn_bases)[idx] = g[i].base;
	}
	info->pfn_index_shift = PMM__IN(pfn_index_shift);
	info->pdx_index_shift = PMM__IN(pdx_index_shift);
	info->region_size = size;
	info->nr_regions = n;
	return 1;
}

static inline PMM__UNUSED int PMM__IN(pdx_setup)(const struct pmm_range *r, unsigned int nr,
						struct pmm_pdx *info)
{
	struct PMM__IN(pdx_region) *g;
	unsigned int i;
	int ok;

	g = (struct PMM__IN(pdx_region) *)PMM_ALLOC(nr * sizeof(*g), sizeof(long), 0);
	if (!g)
		return -PMM_ENOMEM;
	/* sorted by base, as Xen sorts them: a caller's map may come in any order */
	for (i = 0; i < nr; i++) {
		unsigned int k = i;

		for (; k && g[k - 1].base > r[i].start_pfn; k--) {
			g[k].base = g[k - 1].base;
			g[k].pages = g[k - 1].pages;
		}
		g[k].base = r[i].start_pfn;
		g[k].pages = r[i].end_pfn - r[i].start_pfn;
	}
	ok = PMM__IN(pdx_setup_regions)(g, nr, info);
	PMM_FREE(g, nr * sizeof(*g));
	return ok;
}
#endif

/**
 * pmm_pdx_compression_setup - choose the compression for a memory map
 * @ranges: RAM ranges, in any order, not overlapping
 * @nr: number of ranges
 * @info: filled in with what was found (all zero but @compressed when
 *	nothing was)
 *
 * pfn_pdx_compression_setup with base 0, then the check Xen's boot makes
 * after it: every range must convert one to one, or compression is reset.
 * More than PMM_PDX_MAX_RANGES ranges are left uncompressed, as Xen does.
 * Only before pmm_init: pmm_init calls it itself.
 *
 * Return: 1 compressed, 0 not (the identity), -EBUSY after pmm_init,
 * -ENOMEM (offset: no scratch for the regions).
 */
PMM__API int PMM__FN(pdx_compression_setup)(const struct pmm_range *ranges, unsigned int nr,
					     struct pmm_pdx *info)
{
	unsigned int i;
	int ok;

	if (PMM__IN(initialised))
		return -PMM_EBUSY;
	PMM__IN(memzero)(info, sizeof(*info));
	PMM__IN(pdx_reset)();
	if (!nr || nr > PMM_PDX_MAX_RANGES)
		return 0;
	ok = PMM__IN(pdx_setup)(ranges, nr, info);
	for (i = 0; ok > 0 && i < nr; i++) {
		if (!PMM__FN(pdx_region_compressible)(ranges[i].start_pfn,
						      ranges[i].end_pfn - ranges[i].start_pfn))
			ok = 0;		/* "RAM region ... not covered" */
	}
	if (ok <= 0) {
		PMM__IN(pdx_reset)();
		PMM__IN(memzero)(info, sizeof(*info));
		return ok;
	}
	info->compressed = 1;
	return 1;
}

/* --- the frame table and its groups ------------------------------------ */

static PMM__PAGE *PMM__IN(frame_table) PMM__UNUSED;
/* the address space reserved for it, a large page more than the table */
static void *PMM__IN(frame_table_resv) PMM__UNUSED;
static unsigned long PMM__IN(frame_table_bytes) PMM__UNUSED;
static unsigned long PMM__IN(max_page) PMM__UNUSED;	/* one past the last PFN */
static unsigned long PMM__IN(max_pdx) PMM__UNUSED;
static unsigned long *PMM__IN(pdx_group_valid) PMM__UNUSED;
static unsigned long PMM__IN(nr_groups) PMM__UNUSED;
static unsigned long PMM__IN(backed_groups) PMM__UNUSED;
static struct pmm_pdx PMM__IN(pdx_info) PMM__UNUSED;
/* memnodemap: the node of each 1 << memnode_shift PDXs */
static unsigned char *PMM__IN(memnodemap) PMM__UNUSED;
static unsigned long PMM__IN(memnodemapsize) PMM__UNUSED;
static unsigned int PMM__IN(memnode_shift) PMM__UNUSED;
static unsigned int PMM__IN(nr_nodes) PMM__UNUSED;

static inline PMM__UNUSED int PMM__IN(group_valid)(unsigned long group)
{
	return group < PMM__IN(nr_groups) &&
	       (PMM__IN(pdx_group_valid)[group / PMM_BITS_PER_LONG] >>
		(group % PMM_BITS_PER_LONG)) & 1;
}

/**
 * pmm_pfn_valid - has @pfn a backed frame-table entry?
 * @pfn: page frame number
 *
 * __mfn_valid: below max_page, convertible (no hole bit; inside its
 * slot's region), and in a PDX group with RAM.  A hole inside such a
 * group is valid, as in Xen.
 */
PMM__API int PMM__FN(pfn_valid)(unsigned long pfn)
{
	return pfn < PMM__IN(max_page) && PMM__IN(pdx_pfn_fits)(pfn) &&
	       PMM__IN(group_valid)(PMM__FN(pfn_to_pdx)(pfn) / PMM__PDX_GROUP_COUNT);
}

/**
 * pmm_pfn_to_page - frame_table + pfn_to_pdx(pfn)
 * @pfn: a PFN for which pmm_pfn_valid() is true
 */
PMM__API PMM__PAGE *PMM__FN(pfn_to_page)(unsigned long pfn)
{
	PMM__DEBUG_ON(!PMM__FN(pfn_valid)(pfn));
	return PMM__IN(frame_table) + PMM__FN(pfn_to_pdx)(pfn);
}

/**
 * pmm_page_to_pfn - pdx_to_pfn(page - frame_table)
 * @page: a descriptor returned by pmm_pfn_to_page()
 */
PMM__API unsigned long PMM__FN(page_to_pfn)(const PMM__PAGE *page)
{
	return PMM__FN(pdx_to_pfn)((unsigned long)(page - PMM__IN(frame_table)));
}

/* memnodemap[pdx >> memnode_shift], -1 for NUMA_NO_NODE */
static inline PMM__UNUSED int PMM__IN(pdx_to_nid)(unsigned long pdx)
{
	unsigned long idx = pdx >> PMM__IN(memnode_shift);
	unsigned char nid;

	if (idx >= PMM__IN(memnodemapsize))
		return -1;
	nid = PMM__IN(memnodemap)[idx];
	return nid == PMM__NUMA_NO_NODE ? -1 : nid;
}

/**
 * pmm_page_to_nid - the node of a descriptor, from memnodemap
 * @page: a descriptor
 *
 * Xen's page_to_nid: memnodemap[pdx >> memnode_shift], the PDX being the
 * descriptor's index.  -1 for a hole no node's memory reaches.
 */
PMM__API int PMM__FN(page_to_nid)(const PMM__PAGE *page)
{
	return PMM__IN(pdx_to_nid)((unsigned long)(page - PMM__IN(frame_table)));
}

/*
 * compute_hash_shift (xen/common/numa.c): the shift is the lowest bit
 * among the PDXs where the node changes, so that every slot of the map
 * holds one node; with one node, a single slot.  Returns 0, -EINVAL when
 * a slot would hold two nodes ("Your memory is not aligned": sorted,
 * disjoint ranges never do), or -ENOMEM.
 */
static inline PMM__UNUSED int PMM__IN(memnodemap_init)(const struct pmm_range *r,
						      unsigned int nr)
{
	unsigned long bitfield = 0, memtop = 0, idx, s, e;
	unsigned int i, used = 0, shift;

	for (i = 0; i < nr; i++) {
		s = PMM__FN(pfn_to_pdx)(r[i].start_pfn);
		e = PMM__FN(pfn_to_pdx)(r[i].end_pfn - 1) + 1;
		if (s >= e)
			continue;
		if (i && r[i - 1].nid != r[i].nid)
			bitfield |= s;
		if (!i || r[i - 1].nid != r[i].nid)
			used++;
		if (e > memtop)
			memtop = e;
	}
	/* one node: a shift past every PDX (Xen: min(PADDR_BITS, BITS_PER_LONG - 1)) */
	shift = PMM_MAX_PHYSMEM_BITS;
	if (shift > PMM_BITS_PER_LONG - 1)
		shift = PMM_BITS_PER_LONG - 1;
	if (used > 1 && bitfield)
		shift = (unsigned int)__builtin_ctzl(bitfield);
	PMM__IN(memnode_shift) = shift;
	PMM__IN(memnodemapsize) = ((memtop - 1) >> shift) + 1;
	PMM__IN(memnodemap) = (unsigned char *)PMM_ALLOC(PMM__IN(memnodemapsize), sizeof(long), 0);
	if (!PMM__IN(memnodemap))
		return -PMM_ENOMEM;
	for (idx = 0; idx < PMM__IN(memnodemapsize); idx++)
		PMM__IN(memnodemap)[idx] = PMM__NUMA_NO_NODE;
	/* populate_memnodemap */
	for (i = 0; i < nr; i++) {
		s = PMM__FN(pfn_to_pdx)(r[i].start_pfn) & ~((1UL << shift) - 1);
		e = PMM__FN(pfn_to_pdx)(r[i].end_pfn - 1);
		for (idx = s >> shift; idx <= e >> shift; idx++) {
			if (PMM__IN(memnodemap)[idx] != PMM__NUMA_NO_NODE &&
			    PMM__IN(memnodemap)[idx] != r[i].nid)
				return -PMM_EINVAL;	/* "Your memory is not aligned" */
			PMM__IN(memnodemap)[idx] = (unsigned char)r[i].nid;
		}
	}
	return 0;
}

/* set_pdx_range: the groups of [start, end) hold RAM */
static inline PMM__UNUSED void PMM__IN(set_pdx_range)(unsigned long start, unsigned long end)
{
	unsigned long g = PMM__FN(pfn_to_pdx)(start) / PMM__PDX_GROUP_COUNT;
	unsigned long last = PMM__FN(pfn_to_pdx)(end - 1) / PMM__PDX_GROUP_COUNT;

	for (; g <= last; g++)
		PMM__IN(pdx_group_valid)[g / PMM_BITS_PER_LONG] |= 1UL << (g % PMM_BITS_PER_LONG);
}

/* Back the frame table of every valid group, on the node of its first PDX. */
static inline PMM__UNUSED int PMM__IN(frame_table_populate)(void)
{
	unsigned long g;

	for (g = 0; g < PMM__IN(nr_groups); g++) {
		void *addr = PMM__IN(frame_table) + g * PMM__PDX_GROUP_COUNT;
		int nid = PMM__IN(pdx_to_nid)(g * PMM__PDX_GROUP_COUNT);

		if (!PMM__IN(group_valid)(g))
			continue;
		(void)nid;	/* a hook may ignore the node */
		if (PMM_VMEMMAP_POPULATE(addr, PMM__PDX_GROUP_BYTES, nid < 0 ? 0 : nid))
			return -PMM_ENOMEM;
		PMM__IN(backed_groups)++;
	}
	return 0;
}

/*
 * Every backed descriptor, once: RAM with its range's node and zone, a
 * hole reserved with its node from memnodemap (none reached: node 0).
 * PDX order is PFN order under both compressions, so one cursor walks the
 * sorted ranges alongside.
 */
static inline PMM__UNUSED void PMM__IN(frame_table_init)(const struct pmm_range *r,
							unsigned int nr)
{
	unsigned long g, pdx;
	unsigned int j = 0;

	for (g = 0; g < PMM__IN(nr_groups); g++) {
		if (!PMM__IN(group_valid)(g))
			continue;
		for (pdx = g * PMM__PDX_GROUP_COUNT; pdx < (g + 1) * PMM__PDX_GROUP_COUNT; pdx++) {
			unsigned long pfn = PMM__FN(pdx_to_pfn)(pdx);
			int ram, nid;

			while (j < nr && r[j].end_pfn <= pfn)
				j++;
			ram = j < nr && r[j].start_pfn <= pfn;
			nid = ram ? r[j].nid : PMM__IN(pdx_to_nid)(pdx);
			PMM__IN(set_page_links)(PMM__IN(frame_table) + pdx, nid < 0 ? 0 : nid,
						PMM__IN(boot_zone)(pfn), pfn, !ram);
		}
	}
}

static inline PMM__UNUSED void PMM__IN(model_exit)(void)
{
	unsigned long g;

	for (g = 0; PMM__IN(frame_table) && g < PMM__IN(nr_groups); g++)
		if (PMM__IN(group_valid)(g) && PMM__IN(backed_groups)) {
			PMM_VMEMMAP_DEPOPULATE(PMM__IN(frame_table) + g * PMM__PDX_GROUP_COUNT,
					       PMM__PDX_GROUP_BYTES);
			PMM__IN(backed_groups)--;
		}
	if (PMM__IN(frame_table_resv))
		PMM_VMEMMAP_UNRESERVE(PMM__IN(frame_table_resv), PMM__IN(frame_table_bytes));
	if (PMM__IN(pdx_group_valid))
		PMM_FREE(PMM__IN(pdx_group_valid),
			 (PMM__IN(nr_groups) + PMM_BITS_PER_LONG - 1) / PMM_BITS_PER_LONG *
			 sizeof(long));
	if (PMM__IN(memnodemap))
		PMM_FREE(PMM__IN(memnodemap), PMM__IN(memnodemapsize));
	PMM__IN(frame_table) = (PMM__PAGE *)0;
	PMM__IN(frame_table_resv) = (void *)0;
	PMM__IN(frame_table_bytes) = 0;
	PMM__IN(pdx_group_valid) = (unsigned long *)0;
	PMM__IN(nr_groups) = 0;
	PMM__IN(backed_groups) = 0;
	PMM__IN(memnodemap) = (unsigned char *)0;
	PMM__IN(memnodemapsize) = 0;
	PMM__IN(memnode_shift) = 0;
	PMM__IN(max_page) = 0;
	PMM__IN(max_pdx) = 0;
	PMM__IN(nr_nodes) = 0;
	PMM__IN(pdx_reset)();
	PMM__IN(memzero)(&PMM__IN(pdx_info), sizeof(PMM__IN(pdx_info)));
}

/*
 * Xen's boot, in its order: the compression from the RAM ranges, the
 * nodes (memnodemap, in PDX space), max_pdx, the groups with RAM
 * (set_pdx_range; group 0 is valid from the start, as Xen initialises the
 * bitmap), and the frame table reserved whole and backed group by group.
 */
static inline PMM__UNUSED int PMM__IN(model_init)(const struct pmm_range *r,
						 unsigned int nr)
{
	unsigned long longs;
	unsigned int i;
	int err = PMM__FN(pdx_compression_setup)(r, nr, &PMM__IN(pdx_info));

	if (err < 0)
		return err;
	err = PMM__IN(memnodemap_init)(r, nr);
	if (err)
		goto fail;
	PMM__IN(max_page) = r[nr - 1].end_pfn;
	PMM__IN(max_pdx) = PMM__FN(pfn_to_pdx)(PMM__IN(max_page) - 1) + 1;
	PMM__IN(nr_groups) = (PMM__IN(max_pdx) + PMM__PDX_GROUP_COUNT - 1) / PMM__PDX_GROUP_COUNT;
	/* a table whose bytes cannot be counted is refused, not wrapped */
	err = -PMM_ENOMEM;
	if (PMM__IN(nr_groups) > (~0UL - PMM__PDX_GROUP_ALIGN) / PMM__PDX_GROUP_BYTES)
		goto fail;
	longs = (PMM__IN(nr_groups) + PMM_BITS_PER_LONG - 1) / PMM_BITS_PER_LONG;
	PMM__IN(pdx_group_valid) = (unsigned long *)PMM_ALLOC(longs * sizeof(long),
							      sizeof(long), 0);
	if (!PMM__IN(pdx_group_valid))
		goto fail;
	PMM__IN(memzero)(PMM__IN(pdx_group_valid), longs * sizeof(long));
	PMM__IN(pdx_group_valid)[0] = 1;
	for (i = 0; i < nr; i++)
		PMM__IN(set_pdx_range)(r[i].start_pfn, r[i].end_pfn);
	/*
	 * Xen maps the table at a fixed, large-page-aligned address
	 * (FRAMETABLE_VIRT_START): each group's backing starts on a large
	 * page, whatever the alignment of the address space reserved.
	 */
	PMM__IN(frame_table_bytes) = PMM__IN(nr_groups) * PMM__PDX_GROUP_BYTES +
				     PMM__PDX_GROUP_ALIGN;
	PMM__IN(frame_table_resv) = PMM_VMEMMAP_RESERVE(PMM__IN(frame_table_bytes));
	if (!PMM__IN(frame_table_resv))
		goto fail;
	PMM__IN(frame_table) = (PMM__PAGE *)PMM__ALIGN_UP((unsigned long)PMM__IN(frame_table_resv),
							  PMM__PDX_GROUP_ALIGN);
	err = PMM__IN(frame_table_populate)();
	if (err)
		goto fail;
	PMM__IN(frame_table_init)(r, nr);
	PMM__IN(nr_nodes) = PMM__IN(count_nodes)(r, nr);
	return 0;
fail:
	PMM__IN(model_exit)();
	return err;
}

/**
 * pmm_pdx_info - the compression, frame table and node map pmm_init built
 * @info: filled in; all zero before pmm_init
 */
PMM__API void PMM__FN(pdx_info)(struct pmm_pdx *info)
{
	const struct pmm_pdx *found = &PMM__IN(pdx_info);

	/* field by field: a struct copy is a memcpy call to some compilers */
	info->compressed = found->compressed;
	info->hole_shift = found->hole_shift;
	info->bottom_shift = found->bottom_shift;
	info->pfn_index_shift = found->pfn_index_shift;
	info->pdx_index_shift = found->pdx_index_shift;
	info->region_size = found->region_size;
	info->nr_regions = found->nr_regions;
	info->max_pdx = PMM__IN(max_pdx);
	info->memnode_shift = PMM__IN(memnode_shift);
	info->memnodemap_size = PMM__IN(memnodemapsize);
}

static inline PMM__UNUSED void PMM__IN(model_stats)(struct pmm_stats *st)
{
	st->memmap_pages = PMM__IN(backed_groups) * PMM__PDX_GROUP_COUNT;
	st->memmap_bytes = (unsigned long long)PMM__IN(backed_groups) * PMM__PDX_GROUP_BYTES;
	if (PMM__IN(pdx_group_valid))
		st->metadata_bytes += (PMM__IN(nr_groups) + PMM_BITS_PER_LONG - 1) /
				      PMM_BITS_PER_LONG * sizeof(long);
	st->metadata_bytes += PMM__IN(memnodemapsize);
#if !PMM__PDX_MASK
	st->static_bytes += sizeof(PMM__IN(pfn_pdx_lookup)) + sizeof(PMM__IN(pdx_pfn_lookup)) +
			    sizeof(PMM__IN(pfn_bases));
#endif
	st->nr_nodes = PMM__IN(nr_nodes);
}

#undef PMM__PDX_MASK
#undef PMM__PDX_SIZE_LSB
#undef PMM__PDX_GROUP_COUNT
#undef PMM__PDX_GROUP_BYTES
#undef PMM__PDX_GROUP_ALIGN
#undef PMM__NUMA_NO_NODE
#undef PMM__PDX_NR_LOOKUP
#undef PMM__PDX_TBL_MASK
