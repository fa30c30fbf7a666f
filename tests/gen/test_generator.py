# SPDX-License-Identifier: GPL-2.0 OR MIT
"""The generator: TOML in, configurations out, files written once.

Each case builds what it needs in a temporary directory; the real
gen/presets.toml and gen/sweeps.toml are read, never written.
"""

import dataclasses
import glob
import io
import os
import re
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "gen"))

import generate  # noqa: E402
from pmmgen import GenError, render, rules, sweep  # noqa: E402
from pmmgen.config import Config  # noqa: E402

PRESETS = os.path.join(ROOT, "gen", "presets.toml")
SWEEPS = os.path.join(ROOT, "gen", "sweeps.toml")
LAYOUTS = os.path.join(ROOT, "data", "layouts")


def default_sweep(name="default"):
    presets = sweep.load_presets(PRESETS, LAYOUTS)
    _, blocks = sweep.load_sweep(SWEEPS, name, presets, LAYOUTS)
    return presets, sweep.expand(presets, blocks)


class TmpFiles(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def write(self, name, text):
        path = os.path.join(self.tmp.name, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def assertGenError(self, regex, fn, *args):
        with self.assertRaises(GenError) as cm:
            fn(*args)
        self.assertRegex(str(cm.exception), regex)


PRESET = """
[preset.p]
desc = "d"
source = "s"
model = "sparse"
page_shift = 12
section_size_bits = 27
max_physmem_bits = 46
extreme = true
max_page_order = 10
nodes_shift = 6
struct_page = 64
phys_offset = 0
vmemmap_base = "var"
page_ext = false
"""


class TestDefaultSweep(unittest.TestCase):
    def test_at_least_300_configurations(self):
        _, (kept, dropped) = default_sweep()
        self.assertGreaterEqual(len(kept), 300)
        self.assertTrue(dropped, "the default sweep shows no dropped configuration")

    def test_names_unique_and_units_shared(self):
        _, (kept, _) = default_sweep()
        names = [c.name for c in kept]
        self.assertEqual(len(names), len(set(names)))
        by_unit = {}
        for c in kept:
            by_unit.setdefault(c.unit, set()).add(c.unit_key())
        self.assertTrue(all(len(k) == 1 for k in by_unit.values()))
        self.assertLess(len(by_unit), len(kept), "no unit serves two maps")

    def test_every_preset_is_swept(self):
        presets, (kept, dropped) = default_sweep()
        swept = {c.preset for c in kept} | {c.preset for c, _ in dropped}
        self.assertEqual(swept, set(presets))

    def test_every_model_and_variant(self):
        _, (kept, _) = default_sweep()
        self.assertEqual({c.variant for c in kept},
                         {"flat", "discontig_table", "discontig_search",
                          "sparse_static", "sparse_extreme", "vmemmap_const",
                          "vmemmap_var", "xen_pdx_mask", "xen_pdx_offset",
                          "freebsd_dense", "freebsd_sparse"})

    def test_order_is_stable(self):
        _, (a, _) = default_sweep()
        _, (b, _) = default_sweep()
        self.assertEqual([c.name for c in a], [c.name for c in b])

    def test_dropped_messages_are_header_errors(self):
        errors = set()
        for header in glob.glob(os.path.join(ROOT, "pmm*.h")):
            with open(header) as f:
                errors |= set(re.findall(r'#error "([^"]*)"', f.read()))
        for _, _, message in rules.HEADER_RULES:
            self.assertIn(message, errors)
        _, (_, dropped) = default_sweep()
        for c, (kind, _, message) in dropped:
            if kind == "rule":
                self.assertIn(message, errors, c.name)

    def test_quick_and_smoke_exist(self):
        for name in ("quick", "smoke"):
            _, (kept, _) = default_sweep(name)
            self.assertTrue(kept)


class TestNormalize(unittest.TestCase):
    def base(self, **kw):
        fields = dict(preset="p", model="sparse", page_shift=12,
                      section_size_bits=27, max_physmem_bits=46, extreme=False,
                      max_page_order=10, nodes_shift=6, struct_page=64,
                      phys_offset=0, vmemmap_base="var", nid_by="table",
                      map="holes")
        fields.update(kw)
        return Config(**fields).normalize()

    def test_flat_ignores_sparse_axes(self):
        a = self.base(model="flat", section_size_bits=24, extreme=True)
        b = self.base(model="flat", section_size_bits=30, extreme=False,
                      vmemmap_base="const", nid_by="search")
        self.assertEqual(a, b)
        self.assertIsNone(a.section_size_bits)
        self.assertNotIn("PMM_SECTION_SIZE_BITS", dict(a.macros()))

    def test_vmemmap_is_extreme(self):
        self.assertTrue(self.base(model="vmemmap", extreme=False).extreme)

    def test_pfn_offset_is_flat_only(self):
        self.assertEqual(self.base(model="flat", phys_offset=1 << 31).pfn_offset,
                         1 << 19)
        self.assertEqual(self.base(phys_offset=1 << 31).pfn_offset, 0)
        self.assertEqual(self.base(phys_offset=1 << 31).map_arg, "holes@0x80000000")

    def test_both_sides_get_the_same_parameters(self):
        m = dict(self.base(model="vmemmap", vmemmap_base="const").macros())
        for pmm, lnx in (("PMM_PAGE_SHIFT", "LINUX_PAGE_SHIFT"),
                         ("PMM_SECTION_SIZE_BITS", "LINUX_SECTION_SIZE_BITS"),
                         ("PMM_MAX_PHYSMEM_BITS", "LINUX_MAX_PHYSMEM_BITS"),
                         ("PMM_NODES_SHIFT", "LINUX_NODES_SHIFT"),
                         ("PMM_STRUCT_PAGE_SIZE", "LINUX_STRUCT_PAGE_SIZE"),
                         ("PMM_VMEMMAP_BASE", "LINUX_VMEMMAP_START")):
            self.assertEqual(m[pmm], m[lnx])

    def test_label_words(self):
        words = dict(w.split("=") for w in self.base().label().split())
        for key in ("unit", "model", "variant", "page_shift", "section_bits",
                    "physmem_bits", "extreme", "pfn_offset", "struct_page",
                    "nodes_shift", "vmemmap_base", "nid_by", "preset", "map",
                    "map_kind"):
            self.assertIn(key, words)
        self.assertEqual(words["variant"], "sparse_static")
        self.assertEqual((words["bench"], words["deferred"]), ("conversions", "0"))

    def test_what_is_timed(self):
        """Expect deferral only for a boot, each kind of bench in the name
        and the unit, and hotplug refused without SPARSEMEM."""
        self.assertFalse(self.base(deferred=True).deferred)
        boot = self.base(bench="boot", deferred=True)
        self.assertTrue(boot.name.endswith("/holes+boot-deferred"))
        self.assertEqual(dict(boot.macros())["PMM_DEFERRED_STRUCT_PAGE_INIT"], 1)
        hp = self.base(bench="hotplug", backing="4k")
        self.assertTrue(hp.name.endswith("/holes@4k+hotplug"))
        self.assertEqual(dict(hp.macros())["SWEEP_HOTPLUG"], 1)
        self.assertEqual(len({self.base().unit, boot.unit, hp.unit}), 3)
        self.assertEqual(self.base(bench="boot").unit, self.base().unit)
        self.assertEqual(rules.refusal(self.base(model="flat", bench="hotplug"))[1],
                         "hotplug_sparse")
        self.assertEqual(rules.refusal(self.base(model="flat", bench="boot",
                                                 deferred=True))[1], "deferred_sparse")


class TestBadInput(TmpFiles):
    def load(self, presets_text, sweeps_text=None, name="s"):
        p = self.write("presets.toml", presets_text)
        presets = sweep.load_presets(p, LAYOUTS)
        if sweeps_text is not None:
            s = self.write("sweeps.toml", sweeps_text)
            return sweep.load_sweep(s, name, presets, LAYOUTS)
        return presets

    def assertPresetError(self, regex, old, new):
        """PRESET with old written as new is refused, saying regex"""
        self.assertGenError(regex, self.load, PRESET.replace(old, new))

    def test_syntax_error_names_file_and_line(self):
        self.assertPresetError(r"presets\.toml:5: ", 'model = "sparse"', 'model = "sparse')

    def test_unknown_preset_key(self):
        text = PRESET.replace("nodes_shift = 6", "nodes_shift = 6\nnode_shift = 6")
        self.assertGenError(r"presets\.toml:12: unknown key 'node_shift' in \[preset\.p\]",
                            self.load, text)

    def test_wrong_type(self):
        self.assertPresetError(r"presets\.toml:6: page_shift must be int",
                               "page_shift = 12", 'page_shift = "12"')
        self.assertPresetError(r"presets\.toml:9: extreme must be bool",
                               "extreme = true", "extreme = 1")

    def test_bad_choice(self):
        self.assertPresetError(r"presets\.toml:5: model must be one of", '"sparse"', '"sparsemem"')

    def test_missing_key(self):
        self.assertPresetError(r"presets\.toml:2: \[preset\.p\] lacks struct_page",
                               "struct_page = 64\n", "")

    def test_misaligned_offset(self):
        self.assertPresetError(r"presets\.toml:13: phys_offset 0x1000 must be a multiple",
                               "phys_offset = 0", "phys_offset = 0x1000")

    def test_unknown_block_key_has_its_line(self):
        text = """[sweep.s]
desc = "x"

[[sweep.s.block]]
presets = ["p"]

[[sweep.s.block]]
presets = ["p"]
model = ["flat"]
sections = [27]
"""
        self.assertGenError(r"sweeps\.toml:10: unknown key 'sections'", self.load, PRESET, text)

    def test_unknown_preset_map_and_layout(self):
        head = '[sweep.s]\n[[sweep.s.block]]\npresets = ["p"]\n'
        self.assertGenError(r"sweeps\.toml:3: no preset 'q'", self.load, PRESET,
                            head.replace('"p"', '"q"'))
        self.assertGenError(r"sweeps\.toml:4: map must be one of", self.load, PRESET,
                            head + 'map = ["sparse"]\n')
        self.assertGenError(r"sweeps\.toml:4: map 'layout:nope': no file", self.load,
                            PRESET, head + 'map = ["layout:nope"]\n')
        self.assertGenError(r"sweeps\.toml:4: struct_page must be a non-empty list",
                            self.load, PRESET, head + "struct_page = 64\n")

    def test_unknown_sweep(self):
        self.assertGenError(r"no sweep 'x' \(have: s\)", self.load, PRESET,
                            '[sweep.s]\n[[sweep.s.block]]\npresets = ["p"]\n', "x")

    def test_cli_exits_2_with_the_line(self):
        p = self.write("presets.toml", PRESET.replace("page_shift = 12", "page_shift = 1 2"))
        err = io.StringIO()
        old, sys.stderr = sys.stderr, err
        try:
            status = generate.main(["--presets", p, "--list"])
        finally:
            sys.stderr = old
        self.assertEqual(status, 2)
        self.assertRegex(err.getvalue(), r"^generate\.py: .*presets\.toml:6: ")


class TestSelect(unittest.TestCase):
    def test_shards_cover_once(self):
        _, (kept, _) = default_sweep()
        parts = [sweep.select(kept, shard=(k, 3)) for k in (1, 2, 3)]
        names = [c.name for part in parts for c in part]
        self.assertEqual(sorted(names), sorted(c.name for c in kept))
        self.assertTrue(all(abs(len(p) - len(kept) / 3) <= 1 for p in parts))

    def test_filter(self):
        _, (kept, _) = default_sweep()
        chosen = sweep.select(kept, "vmemmap_const.*numa16$")
        self.assertTrue(chosen)
        self.assertTrue(all(c.variant == "vmemmap_const" and c.map == "numa16"
                            for c in chosen))
        with self.assertRaisesRegex(GenError, "not a regular expression"):
            sweep.select(kept, "(")

    def test_bad_shard(self):
        for bad in ("0/3", "4/3", "1", "a/b"):
            with self.assertRaisesRegex(GenError, "SHARD=.*K/N"):
                generate.parse_shard(bad)


class TestRender(TmpFiles):
    def test_rewrites_only_what_changed(self):
        _, (kept, _) = default_sweep("smoke")
        out = self.tmp.name
        written, unchanged = render.render(kept, out, "smoke")
        self.assertEqual(unchanged, 0)
        self.assertEqual(render.render(kept, out, "smoke"), (0, written))
        # one configuration less: its unit goes, the table and list change
        written2, _ = render.render(kept[1:], out, "smoke")
        self.assertEqual(written2, 2)
        self.assertFalse(os.path.exists(os.path.join(out, "units", kept[0].unit + ".c")))

    def test_no_timestamps_and_deterministic(self):
        _, (kept, _) = default_sweep("smoke")
        a = [render.unit_text(c) for c in kept]
        self.assertEqual(a, [render.unit_text(c) for c in kept])
        for text in a:
            self.assertNotRegex(text, r"20\d\d-\d\d-\d\d|\d\d:\d\d:\d\d")

    def test_unit_text_defines_the_configuration(self):
        _, (kept, _) = default_sweep("smoke")
        c = [c for c in kept if c.variant == "discontig_search"][0]
        text = render.unit_text(c)
        self.assertIn("#define PMM_MODEL PMM_MODEL_DISCONTIGMEM", text)
        self.assertIn("#define PMM_DISCONTIG_NID PMM_NID_BY_SEARCH", text)
        self.assertIn("#define SWEEP_VARIANT SWEEP_DISCONTIG_SEARCH", text)
        self.assertIn('#include "sweep_unit.h"', text)


class TestList(unittest.TestCase):
    def test_list_names_the_rule(self):
        out = io.StringIO()
        old, sys.stdout = sys.stdout, out
        try:
            self.assertEqual(generate.main(["--list"]), 0)
        finally:
            sys.stdout = old
        lines = out.getvalue().splitlines()
        self.assertTrue(any(re.match(r"dropped +\S+: rule chunk_table: PMM_DISCONTIG_CHUNK_SHIFT", l)
                            for l in lines))
        self.assertTrue(any(re.match(r"dropped +\S+: limit static_table: bench limit", l)
                            for l in lines))
        self.assertRegex(lines[-1], r"^sweep default: \d+ configurations")


if __name__ == "__main__":
    unittest.main()
