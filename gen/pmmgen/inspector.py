# SPDX-License-Identifier: GPL-2.0 OR MIT
"""inspect - the presets of pmm-inspect, as C

pmm-inspect accounts nine models for every preset, Linux's five and the
peers (Xen's and FreeBSD's, pmm_xen_pdx.h and pmm_freebsd.h, with the
preset's struct page so that their memmaps differ by the model alone), and
builds the small maps for real.  For each (preset, model) this module works out the
account_params (tools/inspect/account.h) from the preset, and whether the
headers refuse the parameter set (a header rule: no instance, the rule's
message shown instead of figures) or only this host cannot hold it (a
limit: accounted, never built).  Every model the headers accept has an
instance, built or not: the account takes the sizes of pmm's structures
from its pmm_params (struct pmm_sizes), never from a copy here.  It renders

    presets.c       the table of presets
    <preset>.c      one unit per preset: an instance per accepted model
                    (its functions too if built; a peer's account_peer,
                    the calls its account makes) and the preset's models,
                    their parameters, sizes and refusals

Files are rewritten only when their text changes (render.write_if_changed).
"""

import dataclasses
import os

from . import config as C
from . import rules
from .render import _env, write_if_changed

# the inspector's model names (--model), and how each maps on a Config
MODELS = (
    ("flat", dict(model="flat")),
    ("discontig", dict(model="discontig", nid_by="search")),
    ("sparse-static", dict(model="sparse", extreme=False)),
    ("sparse", dict(model="sparse", extreme=True)),
    ("vmemmap", dict(model="vmemmap", vmemmap_base="var")),
    ("xen-mask", dict(model="xen_pdx_mask")),
    ("xen-offset", dict(model="xen_pdx_offset")),
    ("freebsd-dense", dict(model="freebsd_dense")),
    ("freebsd-sparse", dict(model="freebsd_sparse")),
)
# what /sys/devices/system/memory would show with the generic
# memory_block_size_bytes(): one section per block [6.12]
BLOCK_NOTE = "memory blocks of one section (MIN_MEMORY_BLOCK_SIZE)"


def _pageblock_order(c):
    """pmm.h's default: PAGE_SHIFT - 3 (huge pages), capped by MAX_PAGE_ORDER"""
    return min(c.page_shift - 3, c.max_page_order)


def _node_in_page_flags(c):
    """page-flags-layout.h: does the node fit beside the section number?"""
    return int(rules.sections_width(c) + C.ZONES_SHIFT + c.nodes_shift <=
               rules.flags_budget())


def configs(presets):
    """[(preset, model name, Config)] in preset order"""
    out = []
    for pname, p in presets.items():
        for mname, over in MODELS:
            fields = {k: p[k] for k in (
                "page_shift", "section_size_bits", "max_physmem_bits",
                "extreme", "max_page_order", "nodes_shift", "struct_page",
                "phys_offset", "vmemmap_base", "page_ext")}
            fields.update(preset=pname, nid_by=None, map="dense")
            fields.update(over)
            out.append((pname, mname, C.Config(**fields).normalize()))
    return out


def entry(pname, mname, c):
    """the template's view of one (preset, model)"""
    refused = rules.refusal(c)
    sparse = c.model in ("sparse", "vmemmap")
    params = dict(
        model=C.PMM_MODEL[c.model], page_shift=c.page_shift,
        section_size_bits=c.section_size_bits or 0,
        max_physmem_bits=c.max_physmem_bits, extreme=int(bool(c.extreme)),
        pfn_offset="%#xUL" % c.pfn_offset, struct_page_size=c.struct_page,
        max_page_order=c.max_page_order, pageblock_order=_pageblock_order(c),
        subsection_shift=21 if c.model == "vmemmap" else 0,
        memory_block_size_bits=c.section_size_bits if sparse else 0,
        nodes_shift=c.nodes_shift,
        node_in_page_flags=_node_in_page_flags(c) if sparse else 1,
        discontig_nid="PMM_NID_BY_SEARCH" if c.model == "discontig" else 0,
        chunk_shift=0, page_extension=int(bool(c.page_ext)),
        pdx_max_order=rules.PDX_MAX_ORDER if c.kernel == "xen" else 0)
    instance = refused is None or refused[0] != "rule"
    return dict(
        preset=pname, model=mname, ident=(pname + "_" + mname).replace("-", "_"),
        kernel=c.kernel, params=params,
        macros=[m for m in c.macros() if m[0].startswith("PMM_")],
        built=refused is None, instance=instance,
        peer=instance and c.kernel != "linux",
        refused=refused is not None and refused[0] == "rule",
        refusal=_refusal(c, refused))


def _refusal(c, refused):
    """why a model is not built, in the inspector's words"""
    if refused is None:
        return None
    kind, name, message = refused
    if kind == "rule":
        return "pmm.h refuses this parameter set: " + message
    if name == "static_table":
        bits = c.max_physmem_bits - c.section_size_bits
        return ("accounted only: a static mem_section[] of 2^%d sections (%d MiB) "
                "is not built here; Linux selects SPARSEMEM_STATIC on 32-bit only"
                % (bits, ((32 if c.page_ext else 16) << bits) >> 20))
    return "accounted only: " + message


def render(presets, out):
    """write presets.c and one unit per preset into @out; (written, unchanged)"""
    env = _env()
    os.makedirs(out, exist_ok=True)
    entries = [entry(*x) for x in configs(presets)]
    names = list(presets)
    plist = [dict(name=n, desc=presets[n]["desc"], source=presets[n]["source"],
                  default_model=presets[n]["model"],
                  entries=[e for e in entries if e["preset"] == n])
             for n in names]
    written = unchanged = 0
    files = {"presets.c": env.get_template("inspect_presets.c.j2").render(presets=plist)}
    for p in plist:
        files["preset_%s.c" % p["name"]] = env.get_template(
            "inspect_preset.c.j2").render(preset=p)
    for name, text in files.items():
        if write_if_changed(os.path.join(out, name), text):
            written += 1
        else:
            unchanged += 1
    for name in os.listdir(out):
        if name.endswith(".c") and name not in files:
            os.remove(os.path.join(out, name))
    return written, unchanged, sorted(files)
