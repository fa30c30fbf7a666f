/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * main.c - the boot example's kernel: read the multiboot memory map, find
 * the nodes in ACPI's SRAT, build SPARSEMEM and FLATMEM over the RAM with
 * pmm, check every RAM page and hole against each model's own rules,
 * print pmm_stats, and leave QEMU with a code that says how it went.
 *
 * Memory for pmm comes from a bump allocator over the RAM above the
 * kernel image and below 4 GiB (32-bit, no paging: that is what the CPU
 * reaches).  It gives back the most recent block on free and starts over
 * once everything is free, so the two models take turns on the same RAM.
 */
#include "kernel.h"
#include "bootmap.h"
#include "models.h"
#include "map_nid.h"

extern char __image_start[], __image_end[];

void kmain(uint32_t magic, uint32_t info);
void trap_report(uint32_t vec, uint32_t err, uint32_t eip);

#define PFN_LIMIT	(1ul << (BOOT_MAX_PHYSMEM_BITS - BOOT_PAGE_SHIFT))
#define NR_SECTIONS	(1u << (BOOT_MAX_PHYSMEM_BITS - BOOT_SECTION_SIZE_BITS))
#define ALIGN_UP(x, a)	(((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))

static struct fw_entry fw[BOOT_MAX_FW];
static unsigned int nr_fw;
static struct pmm_range ram[BOOT_MAX_RANGES];
static unsigned int nr_ram;
static struct numa_info numa;

/* ---------------------------------------------------------------------
 * Ways out
 * --------------------------------------------------------------------- */

/* A memory map or machine the kernel cannot use: say why, then leave. */
static void __attribute__((noreturn, format(printf, 2, 3)))
refuse(uint32_t code, const char *fmt, ...)
{
	va_list ap;

	kputs("refused: ");
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	kputs("\nFAIL\n");
	boot_exit(code);
}

void boot_bug(const char *cond, const char *file, int line)
{
	kprintf("BUG: PMM_BUG_ON(%s) at %s:%d\nFAIL\n", cond, file, line);
	boot_exit(BOOT_EXIT_BUG);
}

/* Called by start.S's exception stubs: a fault ends the run, loudly. */
void trap_report(uint32_t vec, uint32_t err, uint32_t eip)
{
	kprintf("trap: CPU exception %u, error code 0x%x, at eip 0x%08x\nFAIL\n",
		vec, err, eip);
	boot_exit(BOOT_EXIT_TRAP);
}

/* ---------------------------------------------------------------------
 * Checks: counted, the first few failures shown
 * --------------------------------------------------------------------- */

static unsigned long long nr_checks;
static unsigned long nr_failed;

static void __attribute__((format(printf, 1, 2))) check_failed(const char *fmt, ...)
{
	va_list ap;

	if (++nr_failed > 20) {
		if (nr_failed == 21)
			kputs("  (further failures not shown)\n");
		return;
	}
	kputs("  FAIL: ");
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	kputs("\n");
}

#define CHECK(cond, ...)						\
	do {								\
		nr_checks++;						\
		if (!(cond))						\
			check_failed(__VA_ARGS__);			\
	} while (0)

/* ---------------------------------------------------------------------
 * The bump allocator behind PMM_ALLOC and PMM_FREE
 * --------------------------------------------------------------------- */

struct bump_region {
	uint64_t start, end, top;	/* bytes; top: the next free byte */
	int nid;
};

static struct {
	struct bump_region r[BOOT_MAX_RANGES];
	unsigned int nr;
	unsigned long held, blocks;	/* bytes and blocks handed out now */
	uint64_t lo, hi;		/* extent of the blocks since all were free */
	unsigned long refused;		/* size of the last request refused */
	uint64_t largest_free;		/* the largest free block at that time */
	unsigned long bad_frees;	/* frees of memory it never gave */
} bump;

/* Free RAM: every RAM range, less the low MiB and the image, below 4 GiB. */
static void bump_init(void)
{
	uint64_t floor = ALIGN_UP((uint64_t)(uintptr_t)__image_end, 4096);
	uint64_t ceil = 1ull << 32;
	unsigned int i;

	bump.lo = ~0ull;
	for (i = 0; i < nr_ram && bump.nr < BOOT_MAX_RANGES; i++) {
		uint64_t s = (uint64_t)ram[i].start_pfn << BOOT_PAGE_SHIFT;
		uint64_t e = (uint64_t)ram[i].end_pfn << BOOT_PAGE_SHIFT;

		if (s < floor)
			s = floor;
		if (e > ceil)
			e = ceil;
		if (s >= e)
			continue;
		bump.r[bump.nr].start = s;
		bump.r[bump.nr].top = s;
		bump.r[bump.nr].end = e;
		bump.r[bump.nr].nid = ram[i].nid;
		bump.nr++;
	}
}

static uint64_t bump_free_bytes(int largest)
{
	uint64_t sum = 0, max = 0;
	unsigned int i;

	for (i = 0; i < bump.nr; i++) {
		uint64_t f = bump.r[i].end - bump.r[i].top;

		sum += f;
		if (f > max)
			max = f;
	}
	return largest ? max : sum;
}

/* memblock_alloc_try_nid: zeroed, aligned, on @nid if it has room. */
void *bump_alloc(unsigned long bytes, unsigned long align, int nid)
{
	unsigned int pass, i;

	if (!align || (align & (align - 1)))
		boot_bug("bump_alloc: alignment not a power of two", __FILE__, __LINE__);
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < bump.nr; i++) {
			struct bump_region *r = &bump.r[i];
			uint64_t p = ALIGN_UP(r->top, (uint64_t)align);

			if ((pass == 0 && r->nid != nid) || p > r->end || r->end - p < bytes)
				continue;
			r->top = p + bytes;
			memset((void *)(uintptr_t)p, 0, bytes);
			bump.held += bytes;
			bump.blocks++;
			if (p < bump.lo)
				bump.lo = p;
			if (p + bytes > bump.hi)
				bump.hi = p + bytes;
			return (void *)(uintptr_t)p;
		}
	}
	bump.refused = bytes;
	bump.largest_free = bump_free_bytes(1);
	return (void *)0;
}

void bump_free(void *ptr, unsigned long bytes)
{
	uint64_t p = (uintptr_t)ptr;
	unsigned int i;

	for (i = 0; i < bump.nr; i++)
		if (p >= bump.r[i].start && p <= bump.r[i].top &&
		    bytes <= bump.r[i].top - p)
			break;
	if (i == bump.nr || bytes > bump.held || !bump.blocks) {
		kprintf("  bump: free of [0x%llx +%lu] it never handed out\n", p, bytes);
		bump.bad_frees++;
		return;
	}
	if (p + bytes == bump.r[i].top)
		bump.r[i].top = p;	/* the last block: take it back now */
	bump.held -= bytes;
	if (--bump.blocks)
		return;
	/* all given back: the whole arena is free again */
	for (i = 0; i < bump.nr; i++)
		bump.r[i].top = bump.r[i].start;
	bump.lo = ~0ull;
	bump.hi = 0;
}

/* ---------------------------------------------------------------------
 * Firmware: the multiboot memory map and the SRAT
 * --------------------------------------------------------------------- */

static uint32_t rd32(uint32_t addr)
{
	return *(const volatile uint32_t *)(uintptr_t)addr;
}

/* Does the command line hold @word, as a whole word? */
static int cmdline_has(const char *cmdline, const char *word)
{
	const char *p;

	for (p = cmdline; p && *p; p++) {
		const char *a = p, *b = word;

		if (p != cmdline && p[-1] != ' ')
			continue;
		while (*b && *a == *b) {
			a++;
			b++;
		}
		if (!*b && (!*a || *a == ' '))
			return 1;
	}
	return 0;
}

/*
 * Test knobs (QEMU's -append): the refusals of a loader that gives no
 * memory map, or a map without RAM, which QEMU never does by itself.
 */
#define KNOB_NO_MMAP	"pmm-boot.test=no-mmap"
#define KNOB_NO_RAM	"pmm-boot.test=no-ram"

/* Physical memory for the ACPI walk: all of it below 4 GiB, no paging. */
static const uint8_t *phys_map(void *ctx, uint64_t addr, uint32_t len)
{
	(void)ctx;
	if (!addr || addr > 0xffffffffull || len > 0x100000000ull - addr)
		return (const uint8_t *)0;
	return (const uint8_t *)(uintptr_t)addr;
}

static void read_map(uint32_t info)
{
	uint32_t flags = rd32(info), len, addr;
	const char *cmdline = (const char *)0;
	unsigned long long pages = 0;
	const char *why = "";
	unsigned int i;
	int err;

	kprintf("multiboot: info at 0x%08x, flags 0x%08x\n", info, flags);
	if (flags & MB_INFO_CMDLINE) {
		cmdline = (const char *)(uintptr_t)rd32(info + MB_INFO_CMDLINE_OFF);
		kprintf("multiboot: cmdline \"%s\"\n", cmdline);
	}
	if (cmdline_has(cmdline, KNOB_NO_MMAP)) {
		kprintf("test knob %s: multiboot info flag bit 6 cleared\n", KNOB_NO_MMAP);
		flags &= ~MB_INFO_MEM_MAP;
	}
	if (flags & MB_INFO_LOADER_NAME)
		kprintf("multiboot: loader \"%s\"\n",
			(const char *)(uintptr_t)rd32(info + MB_INFO_LOADER_NAME_OFF));
	if (flags & MB_INFO_MEMORY)
		kprintf("multiboot: mem_lower %u KiB, mem_upper %u KiB\n",
			rd32(info + 4), rd32(info + 8));
	if (!(flags & MB_INFO_MEM_MAP))
		refuse(BOOT_EXIT_NO_MMAP,
		       "no memory map: multiboot info flags 0x%08x lack bit 6 (mmap_length, mmap_addr)",
		       flags);
	len = rd32(info + MB_INFO_MMAP_LENGTH);
	addr = rd32(info + MB_INFO_MMAP_ADDR);
	err = mb_parse_mmap((const uint8_t *)(uintptr_t)addr, len, fw, BOOT_MAX_FW,
			    &nr_fw, &why);
	if (err)
		refuse(BOOT_EXIT_BAD_MMAP, "%s (mmap_addr 0x%08x, mmap_length %u)", why,
		       addr, len);
	kprintf("firmware map: multiboot mmap at 0x%08x, %u bytes, %u entries\n",
		addr, len, nr_fw);
	if (cmdline_has(cmdline, KNOB_NO_RAM)) {
		kprintf("test knob %s: usable entries made reserved\n", KNOB_NO_RAM);
		for (i = 0; i < nr_fw; i++)
			if (fw[i].type == FW_RAM)
				fw[i].type = FW_RESERVED;
	}
	for (i = 0; i < nr_fw; i++)
		kprintf("  mmap: [mem 0x%016llx-0x%016llx] %s\n", fw[i].start,
			fw[i].end - 1, fw_type_name(fw[i].type));
	err = fw_to_ram(fw, nr_fw, ram, BOOT_MAX_RANGES, &nr_ram, &why);
	if (err)
		refuse(err == MAP_NO_RAM ? BOOT_EXIT_NO_RAM : BOOT_EXIT_BAD_MMAP, "%s", why);
	for (i = 0; i < nr_ram; i++)
		pages += ram[i].end_pfn - ram[i].start_pfn;
	kprintf("memblock: %u RAM ranges, %llu pages (%llu MiB), trimmed to whole pages\n",
		nr_ram, pages, pages >> (20 - BOOT_PAGE_SHIFT));
}

/* The EBDA's segment, in the BIOS data area's word at 0x40E. */
static uint64_t ebda_base(void)
{
	const volatile uint16_t *p = (const volatile uint16_t *)0x40e;

	/* hide the constant: gcc 12 takes low addresses for null + offset */
	__asm__("" : "+r"(p));
	return (uint64_t)*p << 4;
}

static void find_nodes(void)
{
	struct phys_ops phys = { phys_map, (void *)0 };
	unsigned long uncovered = 0;
	const char *why = "";
	unsigned int i;

	acpi_numa_init(&phys, ebda_base(), &numa);
	if (numa.srat) {
		kprintf("acpi: RSDP at 0x%llx, %s at 0x%llx, SRAT at 0x%llx (revision %u)\n",
			numa.rsdp, numa.xsdt ? "XSDT" : "RSDT", numa.root,
			numa.srat_addr, numa.srat_rev);
		for (i = 0; i < numa.nr_blk; i++)
			kprintf("  srat: [mem 0x%016llx-0x%016llx] pxm %u -> node %d%s\n",
				numa.blk[i].start, numa.blk[i].end - 1, numa.blk[i].pxm,
				numa.blk[i].nid, numa.blk[i].hotplug ? " hotplug" : "");
		if (numa_assign(&numa, ram, &nr_ram, BOOT_MAX_RANGES, &uncovered, &why))
			refuse(BOOT_EXIT_BAD_MMAP, "%s", why);
	}
	if (numa.srat) {
		kprintf("numa: nodes from ACPI SRAT, %u nodes\n", numa.nr_nodes);
		if (uncovered)
			kprintf("numa: %lu pages outside every SRAT range stay on node 0\n",
				uncovered);
	} else {
		kprintf("numa: no SRAT, every range on node 0 (%s)\n", numa.why);
	}
	for (i = 0; i < nr_ram; i++)
		kprintf("  ram: [pfn 0x%08lx-0x%08lx) node %d, %lu pages\n",
			ram[i].start_pfn, ram[i].end_pfn, ram[i].nid,
			ram[i].end_pfn - ram[i].start_pfn);
}

/* ---------------------------------------------------------------------
 * The models
 * --------------------------------------------------------------------- */

static const char *model_name(const struct model_ops *ops)
{
	return ops->params->model == PMM_MODEL_FLATMEM ? "FLATMEM" : "SPARSEMEM";
}

/*
 * RAM beyond MAX_PHYSMEM_BITS: refuse the map, after checking that pmm
 * refuses it too (-ERANGE, nothing allocated).
 */
static void check_physmem(void)
{
	unsigned int i, m;

	for (i = 0; i < nr_ram; i++)
		if (ram[i].end_pfn > PFN_LIMIT)
			break;
	if (i == nr_ram)
		return;
	for (m = 0; m < BOOT_NR_MODELS; m++) {
		const struct model_ops *ops = boot_models[m];
		int err = ops->init(ram, nr_ram);

		kprintf("%s: pmm_init = %d (-ERANGE is %d), allocator holds %lu bytes\n",
			model_name(ops), err, -PMM_ERANGE, bump.held);
		if (err != -PMM_ERANGE || bump.held) {
			if (!err)
				ops->exit();
			kprintf("%s: pmm_init should refuse the map with -ERANGE and hold nothing\nFAIL\n",
				model_name(ops));
			boot_exit(BOOT_EXIT_FAIL);
		}
	}
	refuse(BOOT_EXIT_PHYSMEM,
	       "RAM [mem 0x%llx-0x%llx] lies beyond MAX_PHYSMEM_BITS %d (the model reaches %llu GiB)",
	       (unsigned long long)ram[i].start_pfn << BOOT_PAGE_SHIFT,
	       ((unsigned long long)ram[i].end_pfn << BOOT_PAGE_SHIFT) - 1,
	       BOOT_MAX_PHYSMEM_BITS, 1ull << (BOOT_MAX_PHYSMEM_BITS - 30));
}

/* The oracle's sections with RAM, from the map alone. */
static unsigned char section_has_ram[NR_SECTIONS];

static unsigned long mark_sections(void)
{
	unsigned int shift = BOOT_SECTION_SIZE_BITS - BOOT_PAGE_SHIFT, i;
	unsigned long nr = 0, s;

	memset(section_has_ram, 0, sizeof(section_has_ram));
	for (i = 0; i < nr_ram; i++)
		for (s = ram[i].start_pfn >> shift; s <= (ram[i].end_pfn - 1) >> shift; s++)
			section_has_ram[s] = 1;
	for (s = 0; s < NR_SECTIONS; s++)
		nr += section_has_ram[s];
	return nr;
}

/*
 * pfn_valid as each model states it (pmm.h's manual; Linux 6.3+'s generic
 * FLATMEM pfn_valid() in include/asm-generic/memory_model.h, 6.1's
 * SPARSEMEM pfn_valid() in include/linux/mmzone.h): FLATMEM every
 * PFN below the end of RAM, holes included (PMM_ARCH_PFN_OFFSET is 0);
 * SPARSEMEM every PFN of a section with RAM (at boot, sections are valid
 * whole).
 */
static int want_valid(const struct model_ops *ops, unsigned long pfn)
{
	if (ops->params->model == PMM_MODEL_FLATMEM)
		return pfn < ram[nr_ram - 1].end_pfn;
	return pfn < PFN_LIMIT &&
	       section_has_ram[pfn >> (BOOT_SECTION_SIZE_BITS - BOOT_PAGE_SHIFT)];
}

static unsigned long page_flags(const void *page)
{
	return *(const unsigned long *)page;	/* flags is the first word */
}

/* One PFN with a descriptor: the round trip, the node and PG_reserved. */
static void check_page(const struct model_ops *ops, unsigned long pfn, int nid,
		       int reserved)
{
	const void *page = ops->pfn_to_page(pfn);

	CHECK(ops->page_to_pfn(page) == pfn, "%s: page_to_pfn(pfn_to_page(0x%lx)) = 0x%lx",
	      model_name(ops), pfn, ops->page_to_pfn(page));
	CHECK(ops->page_to_nid(page) == nid, "%s: page_to_nid(pfn 0x%lx) = %d, want %d",
	      model_name(ops), pfn, ops->page_to_nid(page), nid);
	CHECK(ops->pfn_to_nid(pfn) == nid, "%s: pfn_to_nid(0x%lx) = %d, want %d",
	      model_name(ops), pfn, ops->pfn_to_nid(pfn), nid);
	CHECK(!(page_flags(page) & (1ul << PMM_PG_RESERVED)) == !reserved,
	      "%s: pfn 0x%lx PG_reserved is %d, want %d", model_name(ops), pfn,
	      (int)(page_flags(page) & 1), reserved);
}

/* [start, end) of one RAM range: valid, in the allocator's memory. */
static void check_ram(const struct model_ops *ops, const struct pmm_range *r)
{
	unsigned long pfn;

	for (pfn = r->start_pfn; pfn < r->end_pfn; pfn++) {
		int valid = ops->pfn_valid(pfn);

		CHECK(valid, "%s: RAM pfn 0x%lx not valid", model_name(ops), pfn);
		if (valid)
			check_page(ops, pfn, r->nid, 0);
	}
	pfn = r->end_pfn - 1;
	if (ops->pfn_valid(r->start_pfn) && ops->pfn_valid(pfn)) {
		uint64_t first = (uintptr_t)ops->pfn_to_page(r->start_pfn);
		uint64_t last = (uintptr_t)ops->pfn_to_page(pfn);

		CHECK(first >= bump.lo && last + ops->params->struct_page_size <= bump.hi,
		      "%s: the descriptors of [pfn 0x%lx-0x%lx) lie outside the allocator's [0x%llx-0x%llx)",
		      model_name(ops), r->start_pfn, r->end_pfn, bump.lo, bump.hi);
	}
}

/* A hole [start, end): valid by the model's rule; reserved, next node. */
static void check_hole(const struct model_ops *ops, unsigned long start,
		       unsigned long end)
{
	int nid = map_expected_nid(ram, nr_ram, start);
	unsigned long pfn;

	for (pfn = start; pfn < end; pfn++) {
		int valid = ops->pfn_valid(pfn), want = want_valid(ops, pfn);

		CHECK(valid == want, "%s: pfn_valid(0x%lx) = %d in a hole, want %d",
		      model_name(ops), pfn, valid, want);
		if (valid && want)
			check_page(ops, pfn, nid, 1);
	}
}

/* Every PFN from 0 to a section (or a MAX_ORDER block) past RAM. */
static void check_conversions(const struct model_ops *ops)
{
	const struct pmm_params *pp = ops->params;
	unsigned long last = ram[nr_ram - 1].end_pfn, scan_end, pfn = 0;
	unsigned int i;

	if (pp->model == PMM_MODEL_FLATMEM) {
		scan_end = last + (1ul << pp->max_page_order);
	} else {
		unsigned long sec = 1ul << (pp->section_size_bits - pp->page_shift);

		scan_end = ALIGN_UP(last, sec) + sec;
	}
	if (scan_end > PFN_LIMIT || scan_end < last)
		scan_end = PFN_LIMIT;
	for (i = 0; i < nr_ram; i++) {
		check_hole(ops, pfn, ram[i].start_pfn);
		check_ram(ops, &ram[i]);
		pfn = ram[i].end_pfn;
	}
	check_hole(ops, pfn, scan_end);
	/* the top of the physical address space, and past it */
	CHECK(!ops->pfn_valid(PFN_LIMIT - 1), "%s: pfn_valid(0x%lx), the last PFN, is true",
	      model_name(ops), PFN_LIMIT - 1);
	CHECK(!ops->pfn_valid(PFN_LIMIT), "%s: pfn_valid(0x%lx), past MAX_PHYSMEM_BITS, is true",
	      model_name(ops), PFN_LIMIT);
	CHECK(!ops->pfn_valid(~0ul), "%s: pfn_valid(~0) is true", model_name(ops));
}

static unsigned int distinct_nodes(void)
{
	unsigned int seen = 0, i, n = 0;

	for (i = 0; i < nr_ram; i++)
		seen |= 1u << ram[i].nid;
	for (; seen; seen &= seen - 1)
		n++;
	return n;
}

/* pmm_stats against figures worked out from the map and the parameters. */
static void check_stats(const struct model_ops *ops, const struct pmm_stats *st)
{
	const struct pmm_params *pp = ops->params;
	unsigned long pages = 0, last = ram[nr_ram - 1].end_pfn;
	unsigned int i;

	for (i = 0; i < nr_ram; i++)
		pages += ram[i].end_pfn - ram[i].start_pfn;
	CHECK(st->ram_pages == pages, "%s: stats ram_pages %lu, want %lu",
	      model_name(ops), st->ram_pages, pages);
	CHECK(st->nr_nodes == distinct_nodes(), "%s: stats nr_nodes %u, want %u",
	      model_name(ops), st->nr_nodes, distinct_nodes());
	if (pp->model == PMM_MODEL_FLATMEM) {
		/* alloc_node_mem_map: MAX_ORDER-aligned at both ends */
		unsigned long long bytes = (unsigned long long)
			ALIGN_UP(last, 1ul << pp->max_page_order) * pp->struct_page_size;

		CHECK(st->memmap_pages == last, "FLATMEM: stats memmap_pages %lu, want %lu",
		      st->memmap_pages, last);
		CHECK(st->memmap_bytes == bytes, "FLATMEM: stats memmap_bytes %llu, want %llu",
		      st->memmap_bytes, bytes);
	} else {
		unsigned long present = mark_sections();
		unsigned long sec = 1ul << (pp->section_size_bits - pp->page_shift);

		CHECK(st->nr_present_sections == present,
		      "SPARSEMEM: stats nr_present_sections %lu, want %lu",
		      st->nr_present_sections, present);
		CHECK(st->memmap_pages == present * sec,
		      "SPARSEMEM: stats memmap_pages %lu, want %lu", st->memmap_pages,
		      present * sec);
		CHECK(st->memmap_bytes == (unsigned long long)present * sec * pp->struct_page_size,
		      "SPARSEMEM: stats memmap_bytes %llu, want %llu", st->memmap_bytes,
		      (unsigned long long)present * sec * pp->struct_page_size);
	}
	CHECK(bump.held == st->memmap_bytes + st->metadata_bytes,
	      "%s: the allocator holds %lu bytes; pmm_stats says memmap %llu + metadata %llu",
	      model_name(ops), bump.held, st->memmap_bytes, st->metadata_bytes);
}

static void print_stats(const struct model_ops *ops, const struct pmm_stats *st)
{
	kprintf("%s: pmm_stats ram_pages %lu, memmap_pages %lu, memmap_bytes %llu,\n",
		model_name(ops), st->ram_pages, st->memmap_pages, st->memmap_bytes);
	kprintf("%s:   metadata_bytes %llu (usemaps %llu), static_bytes %llu (section table %llu),\n",
		model_name(ops), st->metadata_bytes, st->usemap_bytes, st->static_bytes,
		st->section_table_bytes);
	kprintf("%s:   nr_present_sections %lu, nr_nodes %u\n", model_name(ops),
		st->nr_present_sections, st->nr_nodes);
	kprintf("%s: allocator holds %lu bytes in %lu blocks within [mem 0x%08llx-0x%08llx]\n",
		model_name(ops), bump.held, bump.blocks, bump.lo, bump.hi - 1);
}

static void run_model(const struct model_ops *ops)
{
	unsigned long long checks = nr_checks;
	unsigned long failed = nr_failed;
	struct pmm_stats st;
	int err;

	err = ops->init(ram, nr_ram);
	if (err == -PMM_ENOMEM)
		refuse(BOOT_EXIT_NO_ROOM,
		       "no room for the memmap: %s asked for %lu bytes in one block, the largest free block below 4 GiB has %llu (pmm_init -ENOMEM; allocator holds %lu bytes after it)",
		       model_name(ops), bump.refused, bump.largest_free, bump.held);
	if (err)
		refuse(BOOT_EXIT_INIT, "%s: pmm_init refused the map with %d", model_name(ops),
		       err);
	kprintf("%s: pmm_init over %u ranges: 0\n", model_name(ops), nr_ram);
	ops->stats(&st);
	print_stats(ops, &st);
	check_stats(ops, &st);
	check_conversions(ops);
	ops->exit();
	CHECK(bump.held == 0 && bump.blocks == 0,
	      "%s: after pmm_exit the allocator still holds %lu bytes in %lu blocks",
	      model_name(ops), bump.held, bump.blocks);
	kprintf("%s: %llu checks, %lu failed\n", model_name(ops), nr_checks - checks,
		nr_failed - failed);
}

void kmain(uint32_t magic, uint32_t info)
{
	unsigned int m;

	console_init();
	kprintf("pmm-boot: multiboot kernel at [mem 0x%08lx-0x%08lx], 32-bit, no paging\n",
		(unsigned long)(uintptr_t)__image_start,
		(unsigned long)(uintptr_t)__image_end - 1);
	kprintf("pmm-boot: PAGE_SHIFT 12, SECTION_SIZE_BITS %d, MAX_PHYSMEM_BITS %d, NODES_SHIFT %d, struct page %d bytes\n",
		BOOT_SECTION_SIZE_BITS, BOOT_MAX_PHYSMEM_BITS, BOOT_NODES_SHIFT,
		BOOT_STRUCT_PAGE_SIZE);
	if (magic != MB_BOOTLOADER_MAGIC)
		refuse(BOOT_EXIT_NO_MAGIC, "eax holds 0x%08x, not the multiboot magic 0x%08x",
		       magic, MB_BOOTLOADER_MAGIC);
	read_map(info);
	find_nodes();
	bump_init();
	kprintf("allocator: %u free blocks above the image and below 4 GiB, %llu bytes\n",
		bump.nr, bump_free_bytes(0));
	check_physmem();
	mark_sections();
	for (m = 0; m < BOOT_NR_MODELS; m++)
		run_model(boot_models[m]);
	kprintf("checks: %llu run, %lu failed, %lu bad frees\n", nr_checks, nr_failed,
		bump.bad_frees);
	if (nr_failed || bump.bad_frees) {
		kputs("FAIL\n");
		boot_exit(BOOT_EXIT_FAIL);
	}
	kputs("PASS\n");
	boot_exit(BOOT_EXIT_PASS);
}
