# SPDX-License-Identifier: GPL-2.0 OR MIT
"""config - one configuration of the sweep: a parameter set on a memory map

A Config holds every parameter the headers take, in the presets' terms,
with those that do not apply to its model set to None (normalize()), so
that two spellings of one configuration compare equal.  The parameters
that reach the compiler make the unit (one translation unit, shared by
every map it runs on); the preset and the map make the rest of the name.
"""

import dataclasses
import hashlib

LINUX_MODELS = ("flat", "discontig", "sparse", "vmemmap")
# the peers (pmm_xen_pdx.h, pmm_freebsd.h): other kernels' answers, pmm's
# implementation alone, with no Linux text beside them
PEER_MODELS = ("xen_pdx_mask", "xen_pdx_offset", "freebsd_dense", "freebsd_sparse")
MODELS = LINUX_MODELS + PEER_MODELS
PMM_MODEL = {
    "flat": "PMM_MODEL_FLATMEM",
    "discontig": "PMM_MODEL_DISCONTIGMEM",
    "sparse": "PMM_MODEL_SPARSEMEM",
    "vmemmap": "PMM_MODEL_SPARSEMEM_VMEMMAP",
    "xen_pdx_mask": "PMM_MODEL_XEN_PDX_MASK",
    "xen_pdx_offset": "PMM_MODEL_XEN_PDX_OFFSET",
    "freebsd_dense": "PMM_MODEL_FREEBSD_DENSE",
    "freebsd_sparse": "PMM_MODEL_FREEBSD_SPARSE",
}
NID_BY = {"table": "PMM_NID_BY_TABLE", "search": "PMM_NID_BY_SEARCH"}
SYNTHETIC_MAPS = ("dense", "holes", "numa4", "numa16", "pc1g", "numa16-128g")
# the page size behind the memmaps: 2 MiB first, as x86_64 maps its
# vmemmap and its direct map (the default); 4 KiB to see the TLB's share
BACKINGS = ("2m", "4k")
# what a configuration times (bench/sweep.h's enum sweep_bench): the
# conversions (the default), hotplug and ZONE_DEVICE calls, or a boot
BENCHES = ("conversions", "hotplug", "boot")
# a constant vmemmap sits here: clear of the host's heap, stack and ASan
VMEMMAP_CONST_BASE = 0x300000000000
# the headers' defaults the rules need (pmm.h, 64-bit host)
BITS_PER_LONG = 64
NR_PAGEFLAGS = 23
ZONES_SHIFT = 3
DISCONTIG_CHUNK_SHIFT = 26


@dataclasses.dataclass(frozen=True)
class Config:
    """A configuration; see gen/presets.toml for what each field means."""
    preset: str
    model: str
    page_shift: int
    section_size_bits: object
    max_physmem_bits: int
    extreme: object
    max_page_order: int
    nodes_shift: int
    struct_page: int
    phys_offset: int
    vmemmap_base: object
    nid_by: object
    map: str
    backing: str = BACKINGS[0]
    bench: str = BENCHES[0]
    deferred: bool = False
    page_ext: object = False

    def normalize(self):
        """the same configuration with what its model ignores set to None:
        sections and EXTREME for SPARSEMEM only (VMEMMAP always EXTREME,
        as on every architecture that has it), the vmemmap base for
        VMEMMAP, the pfn_to_nid method for DISCONTIGMEM"""
        sparse = self.model in ("sparse", "vmemmap")
        return dataclasses.replace(
            self,
            section_size_bits=self.section_size_bits if sparse else None,
            extreme=(True if self.model == "vmemmap" else bool(self.extreme))
            if sparse else None,
            vmemmap_base=self.vmemmap_base if self.model == "vmemmap" else None,
            nid_by=self.nid_by if self.model == "discontig" else None,
            deferred=bool(self.deferred) and self.bench == "boot",
            page_ext=bool(self.page_ext) if sparse else None)

    @property
    def pfn_offset(self):
        """ARCH_PFN_OFFSET: FLATMEM's mem_map starts at RAM's start"""
        return self.phys_offset >> self.page_shift if self.model == "flat" else 0

    @property
    def kernel(self):
        """whose answer the model is: "linux", "xen" or "freebsd" """
        return self.model.split("_")[0] if self.model in PEER_MODELS else "linux"

    @property
    def variant(self):
        """the variant of Linux's side this configuration is measured
        against; a peer's is its model, measured against no Linux text"""
        if self.model in PEER_MODELS:
            return self.model
        if self.model == "discontig":
            return "discontig_" + self.nid_by
        if self.model == "sparse":
            return "sparse_extreme" if self.extreme else "sparse_static"
        if self.model == "vmemmap":
            return "vmemmap_" + self.vmemmap_base
        return "flat"

    def unit_key(self):
        """what reaches the compiler: equal keys share a translation unit"""
        return (self.model, self.page_shift, self.section_size_bits,
                self.max_physmem_bits, self.extreme, self.max_page_order,
                self.nodes_shift, self.struct_page, self.pfn_offset,
                self.vmemmap_base, self.nid_by, self.bench == "hotplug",
                self.deferred, bool(self.page_ext))

    @property
    def unit(self):
        """the unit's C name: a digest of unit_key(), stable across runs"""
        digest = hashlib.sha1(repr(self.unit_key()).encode()).hexdigest()
        return "u" + digest[:10]

    @property
    def map_kind(self):
        return "layout" if self.map.startswith("layout:") else "synthetic"

    @property
    def map_name(self):
        return self.map.split(":", 1)[1] if self.map_kind == "layout" else self.map

    @property
    def map_arg(self):
        """the map as the benchmark binary loads it (bench/sweep.h)"""
        if self.map_kind == "layout":
            return "data/layouts/%s.txt" % self.map_name
        if self.phys_offset:
            return "%s@%#x" % (self.map, self.phys_offset)
        return self.map

    @property
    def name(self):
        """the benchmark names' prefix, e.g.
        x86_64/sparse_extreme/p12.s27.m46.d64.n6/holes (@4k after the map
        with 4 KiB pages behind the memmaps; +hotplug, +boot or
        +boot-deferred after that unless it times the conversions)"""
        parts = ["p%d" % self.page_shift]
        if self.section_size_bits is not None:
            parts.append("s%d" % self.section_size_bits)
        parts += ["m%d" % self.max_physmem_bits, "d%d" % self.struct_page,
                  "n%d" % self.nodes_shift]
        if self.phys_offset:
            parts.append("o%x" % self.phys_offset)
        if self.page_ext:
            parts.append("pext")
        return "%s/%s/%s/%s%s%s" % (
            self.preset, self.variant, ".".join(parts), self.map_name,
            "" if self.backing == BACKINGS[0] else "@" + self.backing,
            "" if self.bench == BENCHES[0] else
            "+" + self.bench + ("-deferred" if self.deferred else ""))

    def unit_label(self):
        """the unit's parameters as key=value words (bench/sweep.h)"""
        def show(v):
            if v is None:
                return "-"
            if isinstance(v, bool):
                return "1" if v else "0"
            return str(v)
        return " ".join("%s=%s" % kv for kv in (
            ("unit", self.unit), ("model", self.model),
            ("variant", self.variant), ("kernel", self.kernel),
            ("page_shift", self.page_shift),
            ("section_bits", self.section_size_bits or 0),
            ("physmem_bits", self.max_physmem_bits),
            ("extreme", show(self.extreme)),
            ("pfn_offset", "%#x" % self.pfn_offset),
            ("struct_page", self.struct_page),
            ("nodes_shift", self.nodes_shift),
            ("max_page_order", self.max_page_order),
            ("vmemmap_base", show(self.vmemmap_base)),
            ("nid_by", show(self.nid_by))))

    def label(self):
        """the configuration's key=value words; the binary adds nodes="""
        return ("%s preset=%s map=%s map_kind=%s phys_offset=%#x backing=%s "
                "bench=%s deferred=%d" % (
                    self.unit_label(), self.preset, self.map_name, self.map_kind,
                    self.phys_offset, self.backing, self.bench, self.deferred))

    def macros(self):
        """[(name, value)]: pmm's configuration, then Linux's side's"""
        pmm = [("PMM_MODEL", PMM_MODEL[self.model]),
               ("PMM_PAGE_SHIFT", self.page_shift),
               ("PMM_MAX_PHYSMEM_BITS", self.max_physmem_bits),
               ("PMM_MAX_PAGE_ORDER", self.max_page_order),
               ("PMM_NODES_SHIFT", self.nodes_shift),
               ("PMM_STRUCT_PAGE_SIZE", self.struct_page)]
        linux = [("LINUX_PAGE_SHIFT", self.page_shift),
                 ("LINUX_MAX_PHYSMEM_BITS", self.max_physmem_bits),
                 ("LINUX_MAX_PAGE_ORDER", self.max_page_order),
                 ("LINUX_NODES_SHIFT", self.nodes_shift),
                 ("LINUX_STRUCT_PAGE_SIZE", self.struct_page)]
        if self.model == "flat":
            pmm.append(("PMM_ARCH_PFN_OFFSET", "%#xUL" % self.pfn_offset))
            linux.append(("LINUX_ARCH_PFN_OFFSET", "%#xUL" % self.pfn_offset))
        if self.section_size_bits is not None:
            pmm += [("PMM_SECTION_SIZE_BITS", self.section_size_bits),
                    ("PMM_SPARSEMEM_EXTREME", int(self.extreme))]
            linux.append(("LINUX_SECTION_SIZE_BITS", self.section_size_bits))
        if self.page_ext:
            pmm.append(("PMM_PAGE_EXTENSION", 1))
            linux.append(("LINUX_PAGE_EXTENSION", 1))
        if self.vmemmap_base == "const":
            pmm.append(("PMM_VMEMMAP_BASE", "%#xUL" % VMEMMAP_CONST_BASE))
            linux.append(("LINUX_VMEMMAP_START", "%#xUL" % VMEMMAP_CONST_BASE))
        if self.nid_by is not None:
            pmm.append(("PMM_DISCONTIG_NID", NID_BY[self.nid_by]))
        if self.deferred:
            pmm.append(("PMM_DEFERRED_STRUCT_PAGE_INIT", 1))
        if self.bench == "hotplug":
            pmm.append(("SWEEP_HOTPLUG", 1))
        return pmm + (linux if self.kernel == "linux" else [])
