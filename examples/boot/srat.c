/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * srat.c - the nodes of the ACPI SRAT, found as Linux finds them on a PC:
 * the RSDP in the first KiB of the EBDA or in 0xE0000-0xFFFFF (16-byte
 * steps), then the XSDT (revision 2+) or the RSDT, then the table signed
 * "SRAT".  Every signature and checksum is checked; a table that fails is
 * not used.  Proximity domains get node ids in the order Linux's
 * acpi_map_pxm_to_node hands them out: the processor affinity entries
 * first, then the memory ones, in table order.
 *
 * Layouts (ACPI 6.5, 5.2.5 RSDP, 5.2.6 header, 5.2.16 SRAT):
 *	RSDP	"RSD PTR " 8, checksum 1 (first 20 bytes), OEM 6, revision 1,
 *		RSDT 4, [rev 2+] length 4, XSDT 8, ext. checksum 1, 3
 *	header	signature 4, length 4, revision 1, checksum 1, ... (36 bytes)
 *	SRAT	header, 4 + 8 reserved, then entries: type 1, length 1, ...
 *	  0 CPU	(16): pxm[7:0] @2, flags @4, pxm[31:8] @9 (revision 2+)
 *	  1 mem	(40): pxm @2, base @8, length @16, flags @28 (bit 0
 *		enabled, bit 1 hot-pluggable); pxm is 8 bits in revision 1
 *	  2 x2APIC (24): pxm @4, flags @12
 */
#include "bootmap.h"

#define ACPI_HDR_LEN		36
#define SRAT_ENTRIES_OFF	48
#define SRAT_CPU		0
#define SRAT_MEM		1
#define SRAT_X2APIC		2
#define SRAT_ENABLED		(1u << 0)
#define SRAT_HOTPLUG		(1u << 1)

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint64_t rd64(const uint8_t *p)
{
	return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

static int same(const uint8_t *p, const char *sig, unsigned int n)
{
	while (n--)
		if (*p++ != (uint8_t)*sig++)
			return 0;
	return 1;
}

/* ACPI checksums: the bytes sum to zero modulo 256. */
static int sum_ok(const uint8_t *p, uint32_t n)
{
	uint8_t sum = 0;

	while (n--)
		sum = (uint8_t)(sum + *p++);
	return sum == 0;
}

/* 1 for a valid RSDP at @addr, -1 for the signature with a bad checksum. */
static int rsdp_at(const struct phys_ops *phys, uint64_t addr)
{
	const uint8_t *p = phys->map(phys->ctx, addr, 20);
	uint32_t len;

	if (!p || !same(p, "RSD PTR ", 8))
		return 0;
	if (!sum_ok(p, 20))
		return -1;
	if (p[15] < 2)
		return 1;
	p = phys->map(phys->ctx, addr, 36);
	if (!p)
		return -1;
	len = rd32(p + 20);
	if (len < 36)
		return -1;
	p = phys->map(phys->ctx, addr, len);
	return p && sum_ok(p, len) ? 1 : -1;
}

/* Scan [start, start + len) in 16-byte steps, as acpi_scan_rsdp. */
static int scan_rsdp(const struct phys_ops *phys, uint64_t start, uint32_t len,
		     uint64_t *found, int *bad)
{
	uint64_t a;

	for (a = start; a + 20 <= start + len; a += 16) {
		int r = rsdp_at(phys, a);

		if (r > 0) {
			*found = a;
			return 1;
		}
		if (r < 0)
			*bad = 1;
	}
	return 0;
}

/* What table_at() found at an address. */
#define TABLE_OK		0
#define TABLE_OTHER		1	/* another signature */
#define TABLE_UNREACHABLE	2	/* above what the caller can map */
#define TABLE_SHORT		3	/* length below the header's */
#define TABLE_CHECKSUM		4	/* the bytes do not sum to zero */

/* A table at @addr signed @sig, its whole length mapped and checksummed. */
static int table_at(const struct phys_ops *phys, uint64_t addr, const char *sig,
		    const uint8_t **table, uint32_t *len)
{
	const uint8_t *p = phys->map(phys->ctx, addr, ACPI_HDR_LEN);

	if (!p)
		return TABLE_UNREACHABLE;
	if (!same(p, sig, 4))
		return TABLE_OTHER;
	*len = rd32(p + 4);
	if (*len < ACPI_HDR_LEN)
		return TABLE_SHORT;
	p = phys->map(phys->ctx, addr, *len);
	if (!p)
		return TABLE_UNREACHABLE;
	if (!sum_ok(p, *len))
		return TABLE_CHECKSUM;
	*table = p;
	return TABLE_OK;
}

/* The node of a proximity domain, handed out in first-seen order. */
static int map_pxm(uint32_t *pxms, unsigned int *n, uint32_t pxm)
{
	unsigned int i;

	for (i = 0; i < *n; i++)
		if (pxms[i] == pxm)
			return (int)i;
	if (*n == BOOT_MAX_NODES)
		return -1;
	pxms[*n] = pxm;
	return (int)(*n)++;
}

/* Check the entries' framing: each at least 2 bytes, none past the end. */
static int srat_framed(const uint8_t *t, uint32_t len)
{
	uint32_t off;

	if (len < SRAT_ENTRIES_OFF)
		return 0;
	for (off = SRAT_ENTRIES_OFF; off < len; off += t[off + 1]) {
		if (len - off < 2 || t[off + 1] < 2 || t[off + 1] > len - off)
			return 0;
	}
	return 1;
}

/* acpi_numa_init's two passes over a valid SRAT; 0 or a reason. */
static const char *srat_parse(const uint8_t *t, uint32_t len, struct numa_info *ni)
{
	uint32_t pxms[BOOT_MAX_NODES];
	unsigned int npxm = 0, i, j;
	uint32_t off;

	if (!srat_framed(t, len))
		return "SRAT: an entry overruns the table or has length < 2";
	ni->srat_rev = t[8];
	/* pass 1: processor affinity (local APIC and x2APIC), table order */
	for (off = SRAT_ENTRIES_OFF; off < len; off += t[off + 1]) {
		const uint8_t *e = t + off;
		uint32_t pxm;

		if (e[0] == SRAT_CPU && e[1] >= 16 && (rd32(e + 4) & SRAT_ENABLED)) {
			pxm = e[2];
			if (ni->srat_rev >= 2)
				pxm |= (uint32_t)e[9] << 8 | (uint32_t)e[10] << 16 |
				       (uint32_t)e[11] << 24;
		} else if (e[0] == SRAT_X2APIC && e[1] >= 24 &&
			   (rd32(e + 12) & SRAT_ENABLED)) {
			pxm = rd32(e + 4);
		} else {
			continue;
		}
		if (map_pxm(pxms, &npxm, pxm) < 0)
			return "SRAT: more proximity domains than MAX_NUMNODES";
	}
	/* pass 2: memory affinity */
	for (off = SRAT_ENTRIES_OFF; off < len; off += t[off + 1]) {
		const uint8_t *e = t + off;
		uint32_t flags, pxm;
		uint64_t base, size;
		struct numa_blk *b;
		int nid;

		if (e[0] != SRAT_MEM || e[1] < 40)
			continue;
		flags = rd32(e + 28);
		base = rd64(e + 8);
		size = rd64(e + 16);
		if (!(flags & SRAT_ENABLED) || !size)
			continue;
		if (base + size < base)
			return "SRAT: a memory affinity entry wraps past 2^64";
		pxm = rd32(e + 2);
		if (ni->srat_rev <= 1)
			pxm &= 0xff;
		nid = map_pxm(pxms, &npxm, pxm);
		if (nid < 0)
			return "SRAT: more proximity domains than MAX_NUMNODES";
		if (ni->nr_blk == BOOT_MAX_NUMA_BLKS)
			return "SRAT: more memory affinity entries than BOOT_MAX_NUMA_BLKS";
		b = &ni->blk[ni->nr_blk++];
		b->start = base;
		b->end = base + size;
		b->pxm = pxm;
		b->nid = nid;
		b->hotplug = !!(flags & SRAT_HOTPLUG);
	}
	if (!ni->nr_blk)
		return "SRAT: no enabled memory affinity entry";
	/* numa_cleanup_meminfo: two nodes may not claim the same memory */
	for (i = 0; i < ni->nr_blk; i++)
		for (j = i + 1; j < ni->nr_blk; j++)
			if (ni->blk[i].nid != ni->blk[j].nid &&
			    ni->blk[i].start < ni->blk[j].end &&
			    ni->blk[j].start < ni->blk[i].end)
				return "SRAT: memory ranges of two nodes overlap";
	ni->nr_nodes = npxm;
	return (const char *)0;
}

/* The root table's entries: the first SRAT among them, if valid. */
static const char *find_srat(const struct phys_ops *phys, const uint8_t *root,
			     uint32_t len, int xsdt, struct numa_info *ni)
{
	const char *why = "ACPI: no SRAT in the root table (no -numa?)";
	uint32_t esz = xsdt ? 8 : 4, off;

	for (off = ACPI_HDR_LEN; off + esz <= len; off += esz) {
		uint64_t addr = xsdt ? rd64(root + off) : rd32(root + off);
		const uint8_t *t = (const uint8_t *)0;
		uint32_t tlen = 0;

		switch (table_at(phys, addr, "SRAT", &t, &tlen)) {
		case TABLE_OTHER:
			continue;
		case TABLE_UNREACHABLE:
			why = "ACPI: no SRAT below 4 GiB (a root-table entry lies above, unread)";
			continue;
		case TABLE_SHORT:
			return "SRAT: shorter than its header";
		case TABLE_CHECKSUM:
			ni->srat_addr = addr;
			return "SRAT: bad checksum";
		}
		ni->srat_addr = addr;
		why = srat_parse(t, tlen, ni);
		if (!why)
			ni->srat = 1;
		return why;
	}
	return why;
}

/**
 * acpi_numa_init - find the SRAT and read its memory nodes
 * @phys: how to read physical memory
 * @ebda: the EBDA's address (the BIOS data area's word at 0x40E, << 4)
 * @ni: filled in; @ni->srat says whether nodes came from an SRAT, and
 *	@ni->why why not
 */
void acpi_numa_init(const struct phys_ops *phys, uint64_t ebda,
		    struct numa_info *ni)
{
	const uint8_t *p, *root = (const uint8_t *)0;
	int st = TABLE_OTHER, bad = 0;
	uint32_t len = 0;

	{
		unsigned char *c = (unsigned char *)ni;
		unsigned long n = sizeof(*ni);

		while (n--)
			*c++ = 0;
	}
	/* acpi_find_root_pointer: the EBDA's first KiB, then the BIOS area */
	if (!(ebda > 0x400 && scan_rsdp(phys, ebda, 1024, &ni->rsdp, &bad)) &&
	    !scan_rsdp(phys, 0xe0000, 0x20000, &ni->rsdp, &bad)) {
		ni->why = bad ? "ACPI: an RSDP signature with a bad checksum, no valid RSDP" :
				"ACPI: no RSDP in the EBDA or 0xE0000-0xFFFFF";
		return;
	}
	p = phys->map(phys->ctx, ni->rsdp, 36);
	/* revision 2+ with an XSDT: use it (64-bit entries), as ACPICA does */
	if (p && p[15] >= 2 && rd64(p + 24)) {
		ni->root = rd64(p + 24);
		ni->xsdt = 1;
		st = table_at(phys, ni->root, "XSDT", &root, &len);
	}
	if (st != TABLE_OK) {
		/* no XSDT, or a broken one: the RSDT, as ACPICA falls back */
		p = phys->map(phys->ctx, ni->rsdp, 20);
		ni->root = p ? rd32(p + 16) : 0;
		ni->xsdt = 0;
		st = table_at(phys, ni->root, "RSDT", &root, &len);
	}
	switch (st) {
	case TABLE_OK:
		break;
	case TABLE_OTHER:
		ni->why = "ACPI: no RSDT/XSDT signature where the RSDP points";
		return;
	case TABLE_CHECKSUM:
		ni->why = "ACPI: the RSDT/XSDT has a bad checksum";
		return;
	default:
		ni->why = "ACPI: the RSDT/XSDT is short or out of reach";
		return;
	}
	ni->why = find_srat(phys, root, len, ni->xsdt, ni);
	if (!ni->srat)
		ni->nr_blk = 0;
}

/* The node block holding @pfn, and the start of the next block above. */
static int blk_of(const struct numa_info *ni, unsigned long pfn,
		  unsigned long *end, unsigned long *next)
{
	unsigned int i;
	int nid = -1;

	*next = ~0ul;
	for (i = 0; i < ni->nr_blk; i++) {
		/* a page belongs where its first byte lies: PFN_UP of both ends */
		uint64_t s = (ni->blk[i].start + (1ull << BOOT_PAGE_SHIFT) - 1) >> BOOT_PAGE_SHIFT;
		uint64_t e = (ni->blk[i].end + (1ull << BOOT_PAGE_SHIFT) - 1) >> BOOT_PAGE_SHIFT;

		if (s >= e)
			continue;
		if (pfn >= s && pfn < e && nid < 0) {
			nid = ni->blk[i].nid;
			*end = e > ~0ul ? ~0ul : (unsigned long)e;
		} else if (s > pfn && s < *next) {
			*next = (unsigned long)s;
		}
	}
	return nid;
}

/**
 * numa_assign - give each RAM range its SRAT node, splitting at blocks
 * @ni: the SRAT's blocks; without an SRAT, nothing changes
 * @ram, @nr, @max: sorted RAM ranges, rewritten in place
 * @uncovered: pages no block covers (they stay on node 0)
 * @why: on refusal, the reason
 *
 * As numa_meminfo_cover_memory, an SRAT that leaves 1 MiB or more of RAM
 * uncovered is not used (@ni->srat cleared, @ni->why set, all node 0).
 *
 * Return: 0 or MAP_TOO_MANY (more pieces than @max).
 */
int numa_assign(struct numa_info *ni, struct pmm_range *ram,
		unsigned int *nr, unsigned int max, unsigned long *uncovered,
		const char **why)
{
	struct pmm_range out[BOOT_MAX_RANGES];
	unsigned int i, n = 0;

	*uncovered = 0;
	if (!ni->srat)
		return 0;
	for (i = 0; i < *nr; i++) {
		unsigned long pfn = ram[i].start_pfn;

		while (pfn < ram[i].end_pfn) {
			unsigned long end = 0, next, stop;
			int nid = blk_of(ni, pfn, &end, &next);

			stop = nid >= 0 ? end : next;
			if (stop > ram[i].end_pfn)
				stop = ram[i].end_pfn;
			if (nid < 0) {
				*uncovered += stop - pfn;
				nid = 0;
			}
			if (n && out[n - 1].end_pfn == pfn && out[n - 1].nid == nid) {
				out[n - 1].end_pfn = stop;
			} else {
				if (n == max || n == BOOT_MAX_RANGES) {
					*why = "SRAT: RAM split into more than BOOT_MAX_RANGES ranges";
					return MAP_TOO_MANY;
				}
				out[n].start_pfn = pfn;
				out[n].end_pfn = stop;
				out[n].nid = nid;
				n++;
			}
			pfn = stop;
		}
	}
	if (*uncovered >= (1ul << (20 - BOOT_PAGE_SHIFT))) {
		ni->srat = 0;
		ni->why = "SRAT: nodes leave 1 MiB or more of RAM uncovered (numa_meminfo_cover_memory); not used";
		return 0;
	}
	for (i = 0; i < n; i++)
		ram[i] = out[i];
	*nr = n;
	return 0;
}
