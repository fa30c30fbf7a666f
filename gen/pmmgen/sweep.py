# SPDX-License-Identifier: GPL-2.0 OR MIT
"""sweep - presets and sweep axes in, configurations out

gen/presets.toml holds one table per architecture configuration
([preset.NAME]); gen/sweeps.toml holds the sweeps ([sweep.NAME]), each a
list of blocks ([[sweep.NAME.block]]).  A block names presets and gives
axes: any preset key as a list of values, plus "nid_by", "map" and
"backing" (the page size behind the memmaps, "2m" or "4k"), "bench"
(what is timed: "conversions", "hotplug" or "boot") and "deferred"
(PMM_DEFERRED_STRUCT_PAGE_INIT, for a boot).  A key
a block leaves out keeps each preset's value.  The block's configurations
are the product of its axes over its presets; the sweep's are the union
of its blocks', normalised and without repeats, in a stable order.
"""

import itertools
import os
import re

from . import GenError
from . import config as C
from . import rules
from . import tomlfile

PRESET_KEYS = {
    "desc": str, "source": str, "model": str, "page_shift": int,
    "section_size_bits": int, "max_physmem_bits": int, "extreme": bool,
    "max_page_order": int, "nodes_shift": int, "struct_page": int,
    "phys_offset": int, "vmemmap_base": str, "page_ext": bool,
}
AXES = ("model", "page_shift", "section_size_bits", "max_physmem_bits",
        "extreme", "max_page_order", "nodes_shift", "struct_page",
        "phys_offset", "vmemmap_base", "page_ext", "nid_by", "map", "backing", "bench",
        "deferred")
AXIS_TYPES = dict(PRESET_KEYS, nid_by=str, map=str, backing=str, bench=str,
                  deferred=bool)
BLOCK_KEYS = ("name", "presets") + AXES
CHOICES = {
    "model": C.MODELS,
    "vmemmap_base": ("const", "var"),
    "nid_by": tuple(C.NID_BY),
    "backing": C.BACKINGS,
    "bench": C.BENCHES,
}


def _is(value, kind):
    """isinstance, but a bool is no int here"""
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def _check_value(where, key, value, layouts_dir):
    """GenError at @where unless @value is a valid value of @key"""
    kind = AXIS_TYPES[key]
    if not _is(value, kind):
        raise GenError("%s: %s must be %s, not %r"
                       % (where, key, kind.__name__, value))
    if key in CHOICES and value not in CHOICES[key] and \
            not (key == "model" and value == "native"):
        raise GenError("%s: %s must be one of %s, not %r"
                       % (where, key, ", ".join(CHOICES[key]), value))
    if key == "map":
        if value.startswith("layout:"):
            path = os.path.join(layouts_dir, value[7:] + ".txt")
            if not os.path.isfile(path):
                raise GenError("%s: map %r: no file %s" % (where, value, path))
        elif value not in C.SYNTHETIC_MAPS:
            raise GenError("%s: map must be one of %s or layout:NAME, not %r"
                           % (where, ", ".join(C.SYNTHETIC_MAPS), value))
    if key == "phys_offset" and (value < 0 or value % (1 << 18)):
        raise GenError("%s: phys_offset %#x must be a multiple of 256 KiB, "
                       "the largest page size" % (where, value))


def load_presets(path, layouts_dir):
    """{name: {key: value}} of gen/presets.toml, every key checked"""
    data, text = tomlfile.load(path)
    extra = set(data) - {"preset"}
    if extra:
        key = sorted(extra)[0]
        raise GenError("%s:%d: unknown table or key %r (only [preset.NAME])"
                       % (path, tomlfile.key_line(text, "", key), key))
    presets = data.get("preset", {})
    if not presets:
        raise GenError("%s:1: no [preset.NAME] table" % path)
    for name, p in presets.items():
        table = "preset." + name
        for key, value in p.items():
            where = "%s:%d" % (path, tomlfile.key_line(text, table, key))
            if key not in PRESET_KEYS:
                raise GenError("%s: unknown key %r in [%s] (known: %s)"
                               % (where, key, table, ", ".join(PRESET_KEYS)))
            if key in AXIS_TYPES and key not in ("desc", "source"):
                _check_value(where, key, value, layouts_dir)
            elif not _is(value, PRESET_KEYS[key]):
                raise GenError("%s: %s must be a string" % (where, key))
        missing = [k for k in PRESET_KEYS if k not in p]
        if missing:
            raise GenError("%s:%d: [%s] lacks %s" % (
                path, tomlfile.key_line(text, table, ""), table,
                ", ".join(missing)))
        if p["model"] == "native":
            raise GenError("%s:%d: [%s] model must name a model" % (
                path, tomlfile.key_line(text, table, "model"), table))
    return presets


def load_sweep(path, name, presets, layouts_dir):
    """the blocks of [sweep.@name], each {key: list}, checked"""
    data, text = tomlfile.load(path)
    if set(data) - {"sweep"}:
        key = sorted(set(data) - {"sweep"})[0]
        raise GenError("%s:%d: unknown table or key %r (only [sweep.NAME])"
                       % (path, tomlfile.key_line(text, "", key), key))
    sweeps = data.get("sweep", {})
    if name not in sweeps:
        raise GenError("%s: no sweep %r (have: %s)"
                       % (path, name, ", ".join(sorted(sweeps)) or "none"))
    sweep = sweeps[name]
    table = "sweep." + name + ".block"
    for key in sweep:
        if key not in ("desc", "block"):
            raise GenError("%s:%d: unknown key %r in [sweep.%s] (desc, block)"
                           % (path, tomlfile.key_line(text, "sweep." + name, key),
                              key, name))
    blocks = sweep.get("block", [])
    if not blocks:
        raise GenError("%s:%d: sweep %r has no [[%s]]" % (
            path, tomlfile.key_line(text, "sweep." + name, ""), name, table))
    for nth, block in enumerate(blocks):
        for key, values in block.items():
            where = "%s:%d" % (path, tomlfile.key_line(text, table, key, nth))
            if key not in BLOCK_KEYS:
                raise GenError("%s: unknown key %r (known: %s)"
                               % (where, key, ", ".join(BLOCK_KEYS)))
            if key == "name":
                continue
            if not isinstance(values, list) or not values:
                raise GenError("%s: %s must be a non-empty list" % (where, key))
            for v in values:
                if key == "presets":
                    if v != "all" and v not in presets:
                        raise GenError("%s: no preset %r" % (where, v))
                else:
                    _check_value(where, key, v, layouts_dir)
        if "presets" not in block:
            raise GenError("%s:%d: a block needs presets = [...]" % (
                path, tomlfile.key_line(text, table, "", nth)))
    return sweep.get("desc", ""), blocks


def expand(presets, blocks):
    """(kept, dropped): kept [Config] in a stable order; dropped
    [(Config, (kind, rule, message))], each configuration once"""
    seen, kept, dropped = set(), [], []
    for block in blocks:
        names = block["presets"]
        if "all" in names:
            names = list(presets)
        for pname in names:
            p = presets[pname]
            axes = [block.get(a, [p.get(a, None)]) for a in AXES]
            for values in itertools.product(*axes):
                v = dict(zip(AXES, values))
                if v["model"] == "native":
                    v["model"] = p["model"]
                if v["map"] is None:
                    v["map"] = "holes"
                if v["nid_by"] is None:
                    v["nid_by"] = "table"
                if v["backing"] is None:
                    v["backing"] = C.BACKINGS[0]
                if v["bench"] is None:
                    v["bench"] = C.BENCHES[0]
                if v["deferred"] is None:
                    v["deferred"] = False
                c = C.Config(preset=pname, **v).normalize()
                if c in seen:
                    continue
                seen.add(c)
                why = rules.refusal(c)
                if why:
                    dropped.append((c, why))
                else:
                    kept.append(c)
    return kept, dropped


def select(configs, pattern=None, shard=None):
    """the configurations whose name matches @pattern (a regex, searched),
    then the @shard (k, n): every n-th from the k-th (1-based) in name
    order, so that n machines running k = 1..n cover the sweep once"""
    if pattern:
        try:
            rx = re.compile(pattern)
        except re.error as e:
            raise GenError("FILTER=%s: not a regular expression: %s" % (pattern, e))
        configs = [c for c in configs if rx.search(c.name)]
    if shard:
        k, n = shard
        ordered = sorted(configs, key=lambda c: c.name)
        chosen = set(ordered[k - 1::n])
        configs = [c for c in configs if c in chosen]
    return configs
