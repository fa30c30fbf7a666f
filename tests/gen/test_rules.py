# SPDX-License-Identifier: GPL-2.0 OR MIT
"""The generator's rules against the compiler's: each said once in
gen/pmmgen/rules.py and once as an #error of pmm.h, and they must agree.

For every header rule, a configuration that breaks it is rendered with
the generator's own template and compiled: the build must stop with the
rule's message.  A sample of the configurations the default sweep drops
must fail the same way, a sample of those it keeps must build, and a
configuration dropped by a bench limit must build (the limit is the
bench's, not the headers').
"""

import dataclasses
import os
import shlex
import random
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "gen"))

from pmmgen import config as C  # noqa: E402
from pmmgen import render, rules, sweep  # noqa: E402

CC = os.environ.get("CC_RULES", "gcc")
# a unit's flags as make bench builds it (bench/sweep.mk's SWEEP_UNIT_CFLAGS,
# which name Linux's lifted text in the build folder), or the base of them
CFLAGS = ["-fsyntax-only"] + (shlex.split(os.environ["SWEEP_UNIT_CFLAGS"])
                              if "SWEEP_UNIT_CFLAGS" in os.environ else
                              ["-std=gnu11", "-Wall", "-Wextra", "-Wundef",
                               "-I", ROOT, "-I", os.path.join(ROOT, "bench")])

BASE = C.Config(preset="x86_64", model="sparse", page_shift=12,
                section_size_bits=27, max_physmem_bits=46, extreme=True,
                max_page_order=10, nodes_shift=6, struct_page=64,
                phys_offset=0, vmemmap_base="var", nid_by="table",
                map="holes")

# one configuration breaking each rule, or None where no configuration
# can on this 64-bit host (checked below)
BREAKERS = {
    "page_shift": dict(page_shift=11),
    "physmem_max": dict(model="flat", max_physmem_bits=65),
    "physmem_page": dict(model="flat", max_physmem_bits=12, max_page_order=0),
    "pfn_width": None,
    "nodes_shift": dict(nodes_shift=11),
    "max_page_order": dict(model="flat", max_page_order=40),
    "struct_page": dict(struct_page=24),
    "struct_page_xen": dict(model="xen_pdx_mask", struct_page=12),
    "struct_page_freebsd": dict(model="freebsd_sparse", struct_page=20),
    "pfn_offset": dict(model="flat", phys_offset=1 << 46),
    "section_physmem": dict(section_size_bits=47),
    "section_order": dict(section_size_bits=21),
    "subsection": dict(model="vmemmap", section_size_bits=20, max_page_order=8),
    "section_map_bits": dict(section_size_bits=15, max_page_order=3),
    "chunk_shift": dict(model="discontig", max_physmem_bits=24),
    "chunk_table": dict(model="discontig", max_physmem_bits=52),
    "flags_sections": dict(extreme=False, max_physmem_bits=64, section_size_bits=22),
    "flags_nodes_vmemmap": None,
    "static_table_size": dict(extreme=False, max_physmem_bits=56),
    "node_table_size": dict(max_physmem_bits=60),
    "pdx_max_order": dict(model="xen_pdx_offset", max_physmem_bits=30),
    "xen_nodes_shift": dict(model="xen_pdx_mask", nodes_shift=8),
    "deferred_sparse": dict(model="flat", bench="boot", deferred=True),
}


def compile_unit(c):
    """(returncode, stderr) of compiling @c's translation unit"""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, c.unit + ".c")
        with open(path, "w") as f:
            f.write(render.unit_text(c))
        p = subprocess.run([CC] + CFLAGS + [path], capture_output=True, text=True)
        return p.returncode, p.stderr


class TestRules(unittest.TestCase):
    def test_every_rule_has_a_breaker(self):
        self.assertEqual(set(BREAKERS), {name for name, _, _ in rules.HEADER_RULES})

    def test_each_rule_stops_the_build_with_its_message(self):
        for name, broken, message in rules.HEADER_RULES:
            fields = BREAKERS[name]
            if fields is None:
                continue
            with self.subTest(rule=name):
                c = dataclasses.replace(BASE, **fields).normalize()
                self.assertTrue(broken(c), "the breaker does not break %s" % name)
                self.assertEqual(rules.refusal(c)[0], "rule")
                status, err = compile_unit(c)
                self.assertNotEqual(status, 0, "%s: built anyway" % name)
                self.assertIn(message, err)

    def test_unreachable_rules_are_unreachable_here(self):
        # pfn_width and the VMEMMAP node field cannot fail on a 64-bit
        # host within the other rules: say so, rather than skip silently
        for page in range(12, 19):
            for physmem in range(page + 1, 65):
                c = dataclasses.replace(BASE, page_shift=page, max_physmem_bits=physmem,
                                        model="vmemmap", nodes_shift=10).normalize()
                for name, broken, _ in rules.HEADER_RULES:
                    if BREAKERS[name] is None:
                        self.assertFalse(broken(c), (name, page, physmem))

    def test_the_base_builds(self):
        for model in C.MODELS:
            c = dataclasses.replace(BASE, model=model).normalize()
            self.assertIsNone(rules.refusal(c))
            status, err = compile_unit(c)
            self.assertEqual(status, 0, err)


class TestDefaultSweepAgainstTheCompiler(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        layouts = os.path.join(ROOT, "data", "layouts")
        presets = sweep.load_presets(os.path.join(ROOT, "gen", "presets.toml"), layouts)
        _, blocks = sweep.load_sweep(os.path.join(ROOT, "gen", "sweeps.toml"),
                                     "default", presets, layouts)
        cls.kept, cls.dropped = sweep.expand(presets, blocks)
        cls.rng = random.Random(4)

    def test_dropped_sample_fails_with_the_rule(self):
        by_rule = [d for d in self.dropped if d[1][0] == "rule"]
        self.assertTrue(by_rule)
        for c, (_, name, message) in self.rng.sample(by_rule, min(4, len(by_rule))):
            with self.subTest(config=c.name):
                status, err = compile_unit(c)
                self.assertNotEqual(status, 0)
                self.assertIn(message, err)

    def test_limits_are_not_rules(self):
        limited = [d for d in self.dropped if d[1][0] == "limit"]
        self.assertTrue(limited)
        c = limited[0][0]
        status, err = compile_unit(c)
        self.assertEqual(status, 0, err)

    def test_kept_sample_builds(self):
        for c in self.rng.sample(self.kept, 8):
            with self.subTest(config=c.name):
                status, err = compile_unit(c)
                self.assertEqual(status, 0, err)


if __name__ == "__main__":
    unittest.main()
