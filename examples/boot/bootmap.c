/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * bootmap.c - the multiboot memory map, read and turned into what
 * memblock would hold: RAM only, sorted, merged, with every byte some
 * other entry claims taken out (e820's sanitiser lets the non-RAM type
 * win an overlap), then trimmed to whole pages (memblock's PFN_UP of the
 * start and PFN_DOWN of the end, for_each_mem_pfn_range).
 */
#include "bootmap.h"

/* The map is packed and need not be aligned: read it bytewise. */
static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint64_t rd64(const uint8_t *p)
{
	return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

/**
 * mb_parse_mmap - read the multiboot memory map
 * @buf: the map (mmap_addr), @len bytes (mmap_length)
 * @fw: the entries, in firmware order, empty ones dropped
 * @max: room in @fw
 * @nr: entries written
 * @why: on error, the reason
 *
 * Each entry is a 32-bit size, then at least base, length and type; the
 * next entry starts size + 4 bytes further (the spec's own walk).
 *
 * Return: 0, MAP_MALFORMED or MAP_TOO_MANY.
 */
int mb_parse_mmap(const uint8_t *buf, uint32_t len, struct fw_entry *fw,
		  unsigned int max, unsigned int *nr, const char **why)
{
	uint32_t off = 0;

	*nr = 0;
	while (off < len) {
		uint32_t size;
		uint64_t base, length;

		if (len - off < 4) {
			*why = "memory map: an entry's size field is cut off by mmap_length";
			return MAP_MALFORMED;
		}
		size = rd32(buf + off);
		if (size < MB_MMAP_ENTRY_MIN) {
			*why = "memory map: an entry is shorter than 20 bytes";
			return MAP_MALFORMED;
		}
		if (size > len - off - 4) {
			*why = "memory map: an entry runs past mmap_length";
			return MAP_MALFORMED;
		}
		base = rd64(buf + off + 4);
		length = rd64(buf + off + 12);
		/* up to the top is fine (its last byte is lost); past it is not */
		if (length && base + length < base && base + length != 0) {
			*why = "memory map: an entry wraps past 2^64";
			return MAP_MALFORMED;
		}
		if (length) {
			if (*nr == max) {
				*why = "memory map: more entries than BOOT_MAX_FW";
				return MAP_TOO_MANY;
			}
			fw[*nr].start = base;
			fw[*nr].end = base + length ? base + length : ~0ull;
			fw[*nr].type = rd32(buf + off + 20);
			(*nr)++;
		}
		off += 4 + size;
	}
	return 0;
}

const char *fw_type_name(uint32_t type)
{
	switch (type) {
	case FW_RAM:
		return "usable";
	case FW_RESERVED:
		return "reserved";
	case FW_ACPI:
		return "ACPI data";
	case FW_NVS:
		return "ACPI NVS";
	case FW_UNUSABLE:
		return "unusable";
	default:
		return "unknown type";
	}
}

struct span {
	uint64_t start, end;
};

/* Sort by start and merge what overlaps or touches (memblock_add). */
static unsigned int sort_merge(struct span *s, unsigned int n)
{
	unsigned int i, j, out;

	for (i = 1; i < n; i++) {
		struct span cur = s[i];

		for (j = i; j > 0 && s[j - 1].start > cur.start; j--)
			s[j] = s[j - 1];
		s[j] = cur;
	}
	for (i = 0, out = 0; i < n; i++) {
		if (out && s[i].start <= s[out - 1].end) {
			if (s[i].end > s[out - 1].end)
				s[out - 1].end = s[i].end;
			continue;
		}
		s[out++] = s[i];
	}
	return out;
}

/* Take [cut_start, cut_end) out of the spans; a span may split in two. */
static int subtract(struct span *s, unsigned int *n, unsigned int max,
		    uint64_t cut_start, uint64_t cut_end)
{
	unsigned int i;

	for (i = 0; i < *n; i++) {
		struct span *p = &s[i];

		if (cut_end <= p->start || cut_start >= p->end)
			continue;
		if (cut_start <= p->start && cut_end >= p->end) {
			/* swallowed whole */
			*p = s[--*n];
			i--;
		} else if (cut_start <= p->start) {
			p->start = cut_end;
		} else if (cut_end >= p->end) {
			p->end = cut_start;
		} else {
			if (*n == max)
				return MAP_TOO_MANY;
			s[*n].start = cut_end;
			s[*n].end = p->end;
			(*n)++;
			p->end = cut_start;
		}
	}
	return 0;
}

/**
 * fw_to_ram - the firmware map's RAM as pmm ranges, all on node 0
 * @fw, @nr_fw: the firmware map
 * @ram, @max: where to write the ranges, sorted
 * @nr: ranges written
 * @why: on error, the reason
 *
 * A PFN beyond what an unsigned long holds is clamped to ULONG_MAX (a
 * start to ULONG_MAX - 1), which every MAX_PHYSMEM_BITS check refuses.
 *
 * Return: 0, MAP_TOO_MANY or MAP_NO_RAM.
 */
int fw_to_ram(const struct fw_entry *fw, unsigned int nr_fw,
	      struct pmm_range *ram, unsigned int max, unsigned int *nr,
	      const char **why)
{
	struct span s[BOOT_MAX_FW];
	const uint64_t page = 1ull << BOOT_PAGE_SHIFT;
	unsigned int i, n = 0;

	*nr = 0;
	for (i = 0; i < nr_fw && n < BOOT_MAX_FW; i++) {
		if (fw[i].type != FW_RAM)
			continue;
		s[n].start = fw[i].start;
		s[n].end = fw[i].end;
		n++;
	}
	n = sort_merge(s, n);
	for (i = 0; i < nr_fw; i++) {
		if (fw[i].type == FW_RAM)
			continue;
		if (subtract(s, &n, BOOT_MAX_FW, fw[i].start, fw[i].end)) {
			*why = "memory map: RAM split into more than BOOT_MAX_FW pieces";
			return MAP_TOO_MANY;
		}
	}
	n = sort_merge(s, n);
	for (i = 0; i < n; i++) {
		uint64_t start = s[i].start > ~0ull - (page - 1) ? ~0ull :
				 (s[i].start + page - 1) >> BOOT_PAGE_SHIFT;
		uint64_t end = s[i].end >> BOOT_PAGE_SHIFT;

		if (start >= end)
			continue;
		if (*nr == max) {
			*why = "memory map: more RAM ranges than BOOT_MAX_RANGES";
			return MAP_TOO_MANY;
		}
		/* clamped, a range stays non-empty: it must be refused, not lost */
		ram[*nr].start_pfn = start >= (unsigned long)~0ul ? ~0ul - 1 :
				     (unsigned long)start;
		ram[*nr].end_pfn = end > (unsigned long)~0ul ? ~0ul : (unsigned long)end;
		ram[*nr].nid = 0;
		(*nr)++;
	}
	if (*nr == 0) {
		*why = "memory map: no usable RAM (type 1) of a whole page";
		return MAP_NO_RAM;
	}
	return 0;
}
