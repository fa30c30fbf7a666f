/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * discontig-5.10.h - TRANSCRIPTION, not lifted: DISCONTIGMEM as Linux 5.10
 * had it, written out by hand
 *
 * Linux 6.1 has no DISCONTIGMEM (removed in 5.14), so there is no text of
 * it to lift from Debian's linux-source-6.1.  This header restates, in its
 * own words, what Linux 5.10's include/asm-generic/memory_model.h did under
 * CONFIG_DISCONTIGMEM, with each architecture's pfn_to_nid and pfn_valid:
 *
 *	__pfn_to_page(pfn)  = NODE_DATA(nid)->node_mem_map +
 *			      (pfn - NODE_DATA(nid)->node_start_pfn),
 *			      nid = arch_pfn_to_nid(pfn)
 *	__page_to_pfn(page) = (page - pgdat->node_mem_map) + pgdat->node_start_pfn,
 *			      pgdat = NODE_DATA(page_to_nid(page))
 *
 * The node id is an unsigned long inside both, as in the macros.  Every
 * table and report labels these rows "5.10 transcription".
 *
 * Two ways to find the node, as the includer picks:
 *
 *   LINUX_DISCONTIG_TABLE - x86_32 (arch/x86/include/asm/mmzone_32.h, as
 *	it stood while x86_32 had DISCONTIGMEM): NODE_DATA(nid) is
 *	node_data[nid], an array of pointers; pfn_to_nid reads the s8
 *	physnode_map[] entry of the PFN's chunk (64 MiB on x86_32,
 *	LINUX_PHYSNODE_CHUNK_SHIFT here); pfn_valid takes that node and
 *	checks only the upper bound, pfn < node_end_pfn(nid).  x86_32's
 *	table covered its whole physical space; this one covers
 *	MAX_PHYSMEM_BITS, so a PFN beyond it is refused before the lookup,
 *	and the PFN is an unsigned long where x86_32 passed an int of the
 *	same width.
 *   LINUX_DISCONTIG_SEARCH - no one architecture: NODE_DATA(nid) =
 *	&node_data[nid] as alpha, arc and m68k had it (an array of
 *	structures); pfn_to_nid scans the online nodes (for_each_online_node,
 *	ia64's paddr_to_nid scanned its memory blocks the same way) for the
 *	first whose span holds the PFN; pfn_valid is alpha's, the PFN inside
 *	its node's span.
 *
 * Include after glue.h (LINUX_MODEL_DISCONTIGMEM) and the lifted 6.1
 * text, whose page_to_nid and page->flags layout are 5.10's for a model
 * without sections in page->flags.
 */
#ifndef BENCH_LINUX_DISCONTIG_5_10_H
#define BENCH_LINUX_DISCONTIG_5_10_H

/*
 * The part of pg_data_t the conversions read; GLUE: the rest is padding
 * to LINUX_PGLIST_DATA_SIZE bytes, the stride of the node_data[] array
 * whose storage the includer shares (side.h).
 */
struct pglist_data {
	struct page *node_mem_map;
	unsigned long node_start_pfn;
	unsigned long node_spanned_pages;
	unsigned long glue_rest[(LINUX_PGLIST_DATA_SIZE - 3 * sizeof(long)) / sizeof(long)];
};

#define node_start_pfn(nid)	(NODE_DATA(nid)->node_start_pfn)
#define node_end_pfn(nid)	(NODE_DATA(nid)->node_start_pfn + \
				 NODE_DATA(nid)->node_spanned_pages)

#if defined(LINUX_DISCONTIG_TABLE)
extern struct pglist_data *node_data[MAX_NUMNODES];
#define NODE_DATA(nid)		(node_data[nid])

#define PAGES_PER_ELEMENT	(1UL << (LINUX_PHYSNODE_CHUNK_SHIFT - PAGE_SHIFT))
#define NR_ELEMENTS		(1UL << (MAX_PHYSMEM_BITS - LINUX_PHYSNODE_CHUNK_SHIFT))
/* an s8 on x86_32; wider only where more than 127 nodes need it */
#if NODES_SHIFT < 7
typedef signed char physnode_t;
#else
typedef short physnode_t;
#endif
extern physnode_t physnode_map[NR_ELEMENTS];

static inline int pfn_to_nid(unsigned long pfn)
{
	return (int)physnode_map[pfn / PAGES_PER_ELEMENT];
}

static inline int pfn_valid(unsigned long pfn)
{
	int nid;

	if (pfn / PAGES_PER_ELEMENT >= NR_ELEMENTS)
		return 0;
	nid = pfn_to_nid(pfn);
	return nid >= 0 ? pfn < node_end_pfn(nid) : 0;
}

#elif defined(LINUX_DISCONTIG_SEARCH)
extern struct pglist_data node_data[MAX_NUMNODES];
#define NODE_DATA(nid)		(&node_data[nid])

/* node_online_map: MAX_NUMNODES <= BITS_PER_LONG, one word */
extern unsigned long node_online_map;

/* find_next_bit on one word, as small_const_nbits() compiles it */
static inline unsigned long discontig_next_online(unsigned long nid)
{
	unsigned long rest;

	if (nid >= MAX_NUMNODES)
		return MAX_NUMNODES;
	rest = node_online_map & (~0UL << nid) &
	       (~0UL >> (BITS_PER_LONG - MAX_NUMNODES));
	return rest ? (unsigned long)__builtin_ctzl(rest) : MAX_NUMNODES;
}

#define for_each_online_node(nid)					\
	for ((nid) = discontig_next_online(0); (nid) < MAX_NUMNODES;	\
	     (nid) = discontig_next_online((nid) + 1))

/* alpha's span test: below the start wraps to a large offset */
static inline int discontig_in_span(unsigned long pfn, unsigned long nid)
{
	return pfn - node_start_pfn(nid) < NODE_DATA(nid)->node_spanned_pages;
}

static inline int pfn_to_nid(unsigned long pfn)
{
	unsigned long nid;

	for_each_online_node(nid)
		if (discontig_in_span(pfn, nid))
			return (int)nid;
	return -1;
}

static inline int pfn_valid(unsigned long pfn)
{
	int nid = pfn_to_nid(pfn);

	return nid >= 0 && discontig_in_span(pfn, (unsigned long)nid);
}
#else
#error "discontig-5.10.h: define LINUX_DISCONTIG_TABLE or LINUX_DISCONTIG_SEARCH"
#endif

/* memory_model.h [5.10], CONFIG_DISCONTIGMEM */
#undef __pfn_to_page
#undef __page_to_pfn
static inline struct page *__pfn_to_page(unsigned long pfn)
{
	unsigned long nid = (unsigned long)pfn_to_nid(pfn);

	return NODE_DATA(nid)->node_mem_map + (pfn - NODE_DATA(nid)->node_start_pfn);
}

static inline unsigned long __page_to_pfn(const struct page *page)
{
	const struct pglist_data *pgdat = NODE_DATA(page_to_nid(page));

	return (unsigned long)(page - pgdat->node_mem_map) + pgdat->node_start_pfn;
}

#endif /* BENCH_LINUX_DISCONTIG_5_10_H */
