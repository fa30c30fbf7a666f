# SPDX-License-Identifier: GPL-2.0 OR MIT
"""rules - which configurations the headers refuse, said once more here

Each HEADER rule is one #error of pmm.h, with its message word for word:
tests/gen/test_rules.py renders a configuration that breaks each rule and
checks that the compiler stops with that message, and that the kept ones
build.  The LIMITS are the bench's own: configurations the headers would
build but this sweep does not run, each with its reason.
"""

from . import config as C


def _sparse(c):
    return c.model in ("sparse", "vmemmap")


def _xen(c):
    return c.model.startswith("xen_")


def _freebsd(c):
    return c.model.startswith("freebsd_")


def flags_budget():
    """page->flags bits left beside the page flags (page-flags-layout.h)"""
    return C.BITS_PER_LONG - C.NR_PAGEFLAGS


def sections_width(c):
    """page->flags bits classic SPARSEMEM spends on the section number"""
    return c.max_physmem_bits - c.section_size_bits if c.model == "sparse" else 0


def node_not_in_page_flags(c):
    """classic SPARSEMEM keeps the node in section_to_node_table"""
    return c.model == "sparse" and c.nodes_shift > 0 and \
        sections_width(c) + C.ZONES_SHIFT + c.nodes_shift > flags_budget()


# pmm.h's default PMM_PDX_MAX_ORDER (Xen's CONFIG_PAGEALLOC_MAX_ORDER)
PDX_MAX_ORDER = 18
# pmm.h's default sub-section (SUBSECTION_SHIFT, Linux 5.3+)
SUBSECTION_SHIFT = 21
# pmm_sparse.h keeps each static table within 2^30 bytes of .bss
STATIC_TABLE_MAX_SHIFT = 30
MEM_SECTION_SHIFT = 4 if C.BITS_PER_LONG == 64 else 3


# (name, broken(config) -> bool, pmm.h's #error message)
HEADER_RULES = (
    ("page_shift",
     lambda c: not 12 <= c.page_shift <= 18,
     "PMM_PAGE_SHIFT must be between 12 (4 KiB) and 18 (256 KiB), as Linux's page sizes"),
    ("physmem_max",
     lambda c: c.max_physmem_bits > 64,
     "PMM_MAX_PHYSMEM_BITS must be at most 64"),
    ("physmem_page",
     lambda c: c.max_physmem_bits <= c.page_shift,
     "PMM_MAX_PHYSMEM_BITS must exceed PMM_PAGE_SHIFT"),
    ("pfn_width",
     lambda c: c.max_physmem_bits - c.page_shift >= C.BITS_PER_LONG,
     "PMM_MAX_PHYSMEM_BITS - PMM_PAGE_SHIFT must be below BITS_PER_LONG: every PFN must fit in an unsigned long"),
    ("nodes_shift",
     lambda c: not 0 <= c.nodes_shift <= 10,
     "PMM_NODES_SHIFT must be between 0 and 10, as Linux's CONFIG_NODES_SHIFT"),
    ("max_page_order",
     lambda c: c.max_page_order < 0 or
     c.max_page_order + c.page_shift > c.max_physmem_bits,
     "PMM_MAX_PAGE_ORDER must be between 0 and PMM_MAX_PHYSMEM_BITS - PMM_PAGE_SHIFT"),
    ("struct_page",
     lambda c: c.kernel == "linux" and (c.struct_page < 8 or c.struct_page > 256 or
                                        c.struct_page & (c.struct_page - 1)),
     "PMM_STRUCT_PAGE_SIZE must be a power of two from sizeof(long) to 256"),
    ("struct_page_xen",
     lambda c: _xen(c) and (c.struct_page < 2 * C.BITS_PER_LONG // 8 or
                            c.struct_page > 256 or c.struct_page % (C.BITS_PER_LONG // 8)),
     "PMM_STRUCT_PAGE_SIZE must be a multiple of sizeof(long) from 2 longs to 256 for Xen's models"),
    ("struct_page_freebsd",
     lambda c: _freebsd(c) and (c.struct_page < 24 or c.struct_page > 256 or
                                c.struct_page % 8),
     "PMM_STRUCT_PAGE_SIZE must be a multiple of 8 from 24 to 256 for FreeBSD's models: the descriptor holds an 8-byte phys_addr, flags and segind"),
    ("pfn_offset",
     lambda c: c.pfn_offset >= 1 << (c.max_physmem_bits - c.page_shift),
     "PMM_ARCH_PFN_OFFSET must be a PFN below 2^(PMM_MAX_PHYSMEM_BITS - PMM_PAGE_SHIFT)"),
    ("section_physmem",
     lambda c: _sparse(c) and c.section_size_bits > c.max_physmem_bits,
     "PMM_SECTION_SIZE_BITS must not exceed PMM_MAX_PHYSMEM_BITS"),
    ("section_order",
     lambda c: _sparse(c) and
     c.max_page_order + c.page_shift > c.section_size_bits,
     "PMM_SECTION_SIZE_BITS must be at least PMM_MAX_PAGE_ORDER + PMM_PAGE_SHIFT: a buddy block may not span sections"),
    ("subsection",
     lambda c: c.model == "vmemmap" and
     not c.page_shift <= SUBSECTION_SHIFT <= c.section_size_bits,
     "PMM_SUBSECTION_SHIFT must be between PMM_PAGE_SHIFT and PMM_SECTION_SIZE_BITS"),
    ("section_map_bits",
     lambda c: _sparse(c) and
     c.section_size_bits - c.page_shift < (5 if c.model == "vmemmap" else 4),
     "PMM_SECTION_SIZE_BITS - PMM_PAGE_SHIFT must be at least SECTION_MAP_LAST_BIT (4, or 5 with VMEMMAP): the section flags live below the coded memmap"),
    ("chunk_shift",
     lambda c: c.nid_by == "table" and
     not c.page_shift <= C.DISCONTIG_CHUNK_SHIFT <= c.max_physmem_bits,
     "PMM_DISCONTIG_CHUNK_SHIFT must be between PMM_PAGE_SHIFT and PMM_MAX_PHYSMEM_BITS"),
    ("chunk_table",
     lambda c: c.nid_by == "table" and
     c.max_physmem_bits - C.DISCONTIG_CHUNK_SHIFT > 24,
     "PMM_DISCONTIG_CHUNK_SHIFT too small for PMM_MAX_PHYSMEM_BITS: the chunk table would exceed 2^24 entries"),
    ("flags_sections",
     lambda c: sections_width(c) + C.ZONES_SHIFT > flags_budget(),
     "Not enough bits in page flags: PMM_MAX_PHYSMEM_BITS - PMM_SECTION_SIZE_BITS (SECTIONS_WIDTH) + PMM_ZONES_SHIFT must fit in BITS_PER_LONG - PMM_NR_PAGEFLAGS - PMM_RESERVED_FLAGS_BITS"),
    ("flags_nodes_vmemmap",
     lambda c: c.model == "vmemmap" and
     c.nodes_shift + C.ZONES_SHIFT > flags_budget(),
     "Vmemmap: No space for nodes field in page flags: PMM_NODES_SHIFT + PMM_ZONES_SHIFT must fit in BITS_PER_LONG - PMM_NR_PAGEFLAGS - PMM_RESERVED_FLAGS_BITS"),
    ("static_table_size",
     lambda c: _sparse(c) and not c.extreme and
     c.max_physmem_bits - c.section_size_bits + MEM_SECTION_SHIFT + bool(c.page_ext) >
     STATIC_TABLE_MAX_SHIFT,
     "PMM_MAX_PHYSMEM_BITS - PMM_SECTION_SIZE_BITS too large for a static section table: with PMM_SPARSEMEM_EXTREME 0 its mem_sections must stay within 1 GiB of .bss; use PMM_SPARSEMEM_EXTREME 1 or larger sections"),
    ("node_table_size",
     lambda c: node_not_in_page_flags(c) and
     c.max_physmem_bits - c.section_size_bits + (c.nodes_shift > 8) > STATIC_TABLE_MAX_SHIFT,
     "PMM_MAX_PHYSMEM_BITS - PMM_SECTION_SIZE_BITS too large for section_to_node_table: the node does not fit in page->flags, and a node id per section must stay within 1 GiB of .bss; use larger sections, a smaller PMM_NODES_SHIFT or fewer PMM_RESERVED_FLAGS_BITS"),
    ("pdx_max_order",
     lambda c: _xen(c) and PDX_MAX_ORDER >= c.max_physmem_bits - c.page_shift,
     "PMM_PDX_MAX_ORDER must be between 1 and PMM_MAX_PHYSMEM_BITS - PMM_PAGE_SHIFT - 1: the PFN bits Xen's buddy allocator keeps uncompressed"),
    ("xen_nodes_shift",
     lambda c: _xen(c) and c.nodes_shift > 7,
     "PMM_NODES_SHIFT must be at most 7 for Xen's models: memnodemap holds a uint8_t nodeid_t, 0xff meaning no node"),
    ("deferred_sparse",
     lambda c: c.deferred and not _sparse(c),
     "PMM_DEFERRED_STRUCT_PAGE_INIT applies to SPARSEMEM models only (mm/Kconfig: depends on SPARSEMEM)"),
)

# sections a static mem_section[] may hold here: 2^20, a 16 MiB table
STATIC_SECTIONS_LIMIT = 20
# x86_64 Linux maps position-independent executables from 0x555555554000:
# a constant vmemmap must end below that
HOST_PIE_BASE = 0x550000000000


def _vmemmap_const_end(c):
    return C.VMEMMAP_CONST_BASE + \
        (1 << (c.max_physmem_bits - c.page_shift)) * c.struct_page

# (name, broken(config) -> bool, reason)
LIMITS = (
    ("static_table",
     lambda c: c.model == "sparse" and not c.extreme and
     c.max_physmem_bits - c.section_size_bits > STATIC_SECTIONS_LIMIT,
     "bench limit: a static mem_section[] of more than 2^%d sections (16 MiB "
     "of .bss per configuration); Linux selects SPARSEMEM_STATIC on 32-bit "
     "only" % STATIC_SECTIONS_LIMIT),
    ("vmemmap_const_span",
     lambda c: c.vmemmap_base == "const" and _vmemmap_const_end(c) > HOST_PIE_BASE,
     "bench limit: a constant vmemmap from %#x for every PFN below "
     "MAX_PHYSMEM_BITS would reach this host's executable mappings (%#x); "
     "a variable base (vmemmap_base = \"var\") has no such limit"
     % (C.VMEMMAP_CONST_BASE, HOST_PIE_BASE)),
    ("hotplug_sparse",
     lambda c: c.bench == "hotplug" and not _sparse(c),
     "no hotplug to time: pmm's memory hotplug is SPARSEMEM's, as Linux's "
     "(mm/Kconfig: MEMORY_HOTPLUG depends on SPARSEMEM)"),
)


def refusal(c):
    """None if @c builds and runs here, else (kind, name, message), kind
    "rule" for a header rule (the build would stop) or "limit" """
    for name, broken, message in HEADER_RULES:
        if broken(c):
            return ("rule", name, message)
    for name, broken, message in LIMITS:
        if broken(c):
            return ("limit", name, message)
    return None
