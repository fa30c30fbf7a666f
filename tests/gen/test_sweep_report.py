# SPDX-License-Identifier: GPL-2.0 OR MIT
"""Tests of bench/sweep_report.py on small synthetic google-benchmark JSON.

    /usr/bin/python3 -m unittest discover -s tests/gen -p 'test_*.py'

Each case builds its input here, runs the report and checks exact cells.
"""

import contextlib
import importlib.util
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, "bench", "sweep_report.py")

_spec = importlib.util.spec_from_file_location("sweep_report", SCRIPT)
sr = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sr)

# A variant's reference label words (x86_64, 4 KiB pages, map holes): its
# row gives VARIANT_KEYS' words in their order.
VARIANT_KEYS = ("model", "section_bits", "extreme", "vmemmap_base", "nid_by")
VARIANT_WORDS = {variant: dict(zip(VARIANT_KEYS, row.split())) for variant, row in (
    ("flat", "flat 0 - - -"),
    ("discontig_table", "discontig 0 - - table"),
    ("discontig_search", "discontig 0 - - search"),
    ("sparse_static", "sparse 27 0 - -"),
    ("sparse_extreme", "sparse 27 1 - -"),
    ("vmemmap_const", "vmemmap 27 1 const -"),
    ("vmemmap_var", "vmemmap 27 1 var -"),
    ("xen_pdx_mask", "xen_pdx_mask 0 - - -"),
    ("freebsd_dense", "freebsd_dense 0 - - -"),
    ("freebsd_sparse", "freebsd_sparse 0 - - -"),
)}
UNIT_WORDS = ("preset", "model", "variant", "page_shift", "section_bits", "physmem_bits",
              "extreme", "pfn_offset", "struct_page", "nodes_shift", "vmemmap_base",
              "nid_by")


def words(variant, **over):
    """the label words of @variant in the reference configuration, with @over"""
    w = dict(preset="x86_64", variant=variant, page_shift="12", physmem_bits="46",
             pfn_offset="0x0", struct_page="64", nodes_shift="6", map="holes",
             map_kind="synthetic", nodes="1", op="pfn_to_page", pattern="random",
             side="pmm")
    w.update(VARIANT_WORDS[variant])
    w.update(over)
    if "unit" not in w:		# one unit per set of compile-time words
        w["unit"] = "u_" + "_".join(w[k] for k in UNIT_WORDS).replace("-", "x")
    return w


def entry(w, ns, insns=None, **extra):
    """a google-benchmark "iteration" entry of ns per operation; real_time
    and cpu_time are deliberately wrong: the report must not use them"""
    b = {"name": "%s/%s/%s/%s/%s" % (w["variant"], w["map"], w["op"], w["pattern"],
                                     w["side"]),
         "run_name": None, "run_type": "iteration", "repetitions": 1, "threads": 1,
         "iterations": 1000, "real_time": 777.0, "cpu_time": 777.0, "time_unit": "ns",
         "items_per_second": 1e9 / ns,
         "label": " ".join("%s=%s" % kv for kv in sorted(w.items()))}
    b["name"] = b["name"] + "/" + w["unit"]
    b["run_name"] = b["name"]
    if insns is not None:
        b["instructions"] = insns
    b.update(extra)
    return b


def context(cpu="Test CPU 9000", host="box", **over):
    ctx = {"date": "2026-11-25T00:00:00+00:00", "host_name": host, "num_cpus": 2,
           "mhz_per_cpu": 2600, "library_build_type": "release",
           "caches": [{"type": "Data", "level": 1, "size": 32768, "num_sharing": 1},
                      {"type": "Instruction", "level": 1, "size": 32768, "num_sharing": 1},
                      {"type": "Unified", "level": 2, "size": 1048576, "num_sharing": 1},
                      {"type": "Unified", "level": 3, "size": 33554432, "num_sharing": 2}],
           "cpu_model": cpu, "compiler": "gcc 12.2.0", "cflags": "-O2", "sweep": "test",
           "nr_configs": "3", "shard": "0/1"}
    ctx.update(over)
    return ctx


def reference_sweep(scale=1.0):
    """three variants in the reference configuration, both sides, three
    ops and two patterns; pmm = linux, instructions equal"""
    ns = {"flat": 1.0, "sparse_extreme": 4.0, "vmemmap_var": 2.0}
    out = []
    for v, base in ns.items():
        for op, k in (("pfn_to_page", 1), ("page_to_pfn", 2), ("pfn_valid", 3)):
            for pat, m in (("random", 1.0), ("sequential", 0.5)):
                for side in ("pmm", "linux"):
                    w = words(v, op=op, pattern=pat, side=side)
                    out.append(entry(w, base * k * m * scale, insns=3 + k,
                                     memmap_bytes=64 << 20, metadata_bytes=4096,
                                     ram_bytes=4 << 30))
    return out


class Case(unittest.TestCase):
    """runs the report in a temporary directory"""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, benchmarks, ctx=None, raw=None):
        path = os.path.join(self.dir, name)
        with open(path, "w") as f:
            if raw is not None:
                f.write(raw)
            else:
                json.dump({"context": ctx or context(), "benchmarks": benchmarks}, f)
        return path

    def run_main(self, *argv):
        """(status, stdout, stderr) of main(@argv)"""
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = sr.main(list(argv))
            except SystemExit as e:
                status = e.code
        return status, out.getvalue(), err.getvalue()

    def report(self, paths, *more):
        """the markdown of @paths (no plots)"""
        out = os.path.join(self.dir, "report.md")
        status, _, err = self.run_main(*paths, "--out", out, "--no-plots", *more)
        self.assertEqual(status, 0, err)
        with open(out) as f:
            return f.read()

    def section(self, text, title):
        """the text of the "## @title" section"""
        m = re.search(r"^## %s\n(.*?)(?=^## |\Z)" % re.escape(title), text, re.S | re.M)
        self.assertIsNotNone(m, "no section %s" % title)
        return m.group(1)

    def row(self, text, *first):
        """the cells of the table row that starts with @first"""
        for line in text.splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if line.startswith("|") and cells[:len(first)] == list(first):
                return cells
        self.fail("no row %s in:\n%s" % (first, text))

    def header(self, text, first):
        """the header row of the first table whose first cell is @first"""
        return self.row(text, first)


class TestNumbers(Case):
    def test_formats(self):
        self.assertEqual(sr.fmt_ns(1.234), "1.23")
        self.assertEqual(sr.fmt_ns(9.994), "9.99")
        self.assertEqual(sr.fmt_ns(9.996), "10.0")
        self.assertEqual(sr.fmt_ns(12.34), "12.3")
        self.assertEqual(sr.fmt_ratio(1.3449), "1.34x")
        self.assertEqual(sr.fmt_bytes(32768), "32 KiB")
        self.assertEqual(sr.fmt_bytes(3 << 29), "1.50 GiB")
        self.assertAlmostEqual(sr.geomean([2.0, 0.5]), 1.0)

    def test_median_aggregate_preferred(self):
        w = words("flat")
        runs = [entry(w, 5.0), entry(w, 6.0), entry(w, 7.0)]
        agg = entry(w, 2.0, run_type="aggregate", aggregate_name="median")
        mean = entry(w, 9.0, run_type="aggregate", aggregate_name="mean")
        sd = entry(w, 0.1, run_type="aggregate", aggregate_name="stddev")
        for b in (agg, mean, sd):
            b["name"] = b["run_name"] + "_" + b["aggregate_name"]
        s = sr.load(self.write("a.json", runs + [mean, agg, sd]))
        self.assertEqual(len(s["rows"]), 1)
        self.assertAlmostEqual(s["rows"][0]["ns"], 2.0)
        # aggregates only (--benchmark_report_aggregates_only)
        s = sr.load(self.write("c.json", [mean, agg, sd]))
        self.assertAlmostEqual(s["rows"][0]["ns"], 2.0)
        # an aggregate without a label: the runs have it
        agg["label"] = ""
        s = sr.load(self.write("d.json", runs + [agg]))
        self.assertEqual((s["rows"][0]["variant"], s["rows"][0]["ns"]), ("flat", 2.0))
        # without aggregates: the median of the runs, from items_per_second
        s = sr.load(self.write("b.json", [runs[2], runs[0], runs[1]]))
        self.assertAlmostEqual(s["rows"][0]["ns"], 6.0)

    def test_counters_as_doubles(self):
        b = entry(words("flat"), 1.0, insns=5.0, memmap_bytes=6.7108864e7)
        row = sr.load(self.write("a.json", [b]))["rows"][0]
        self.assertEqual((row["insns"], row["memmap_bytes"]), (5, 64 << 20))


class TestFastest(Case):
    def test_main_table(self):
        text = self.report([self.write("r.json", reference_sweep())])
        sec = self.section(text, "Which model is fastest, per operation")
        self.assertEqual(self.header(sec, "op"),
                         ["op", "pattern", "flat", "sparse_extreme", "vmemmap_var",
                          "fastest", "by"])
        self.assertEqual(self.row(sec, "page_to_pfn", "random"),
                         ["page_to_pfn", "random", "2.00", "8.00 (4.00x)",
                          "4.00 (2.00x)", "flat", "2.00x"])
        self.assertEqual(self.row(sec, "pfn_valid", "sequential"),
                         ["pfn_valid", "sequential", "1.50", "6.00 (4.00x)",
                          "3.00 (2.00x)", "flat", "2.00x"])
        # op order of bench/sweep.h, then sequential before random
        ops = [ln.split("|")[1].strip() + " " + ln.split("|")[2].strip()
               for ln in sec.splitlines() if ln.startswith("| p")]
        self.assertEqual(ops, ["pfn_to_page sequential", "pfn_to_page random",
                               "page_to_pfn sequential", "page_to_pfn random",
                               "pfn_valid sequential", "pfn_valid random"])

    def test_non_reference_rows_ignored(self):
        """faster rows off the reference must not replace reference ones"""
        extra = [entry(words("flat", struct_page="32"), 0.1),
                 entry(words("flat", map="numa4", nodes="4"), 0.1),
                 entry(words("flat", preset="arm64_64k", page_shift="16"), 0.1),
                 entry(words("flat", pfn_offset="0x80000"), 0.1),
                 entry(words("flat", physmem_bits="52"), 0.1),
                 entry(words("vmemmap_var", section_bits="30"), 0.1),
                 entry(words("sparse_extreme", side="linux"), 0.1)]
        text = self.report([self.write("r.json", extra + reference_sweep())])
        sec = self.section(text, "Which model is fastest, per operation")
        self.assertEqual(self.row(sec, "pfn_to_page", "random")[2:5],
                         ["1.00", "4.00 (4.00x)", "2.00 (2.00x)"])

    def test_variant_specific_reference(self):
        """sparse_static (extreme=0), vmemmap_const and discontig_search
        have their own reference rows; vmemmap_var prefers extreme=1"""
        rows = [entry(words("sparse_static"), 3.0), entry(words("vmemmap_const"), 1.5),
                entry(words("discontig_search"), 2.5),
                entry(words("vmemmap_var", extreme="0"), 9.0),
                entry(words("vmemmap_var"), 1.2)]
        sec = self.section(self.report([self.write("r.json", rows)]),
                           "Which model is fastest, per operation")
        self.assertEqual(self.row(sec, "pfn_to_page", "random"),
                         ["pfn_to_page", "random", "2.50", "3.00", "1.50", "1.20",
                          "vmemmap_var", "1.25x"])

    def test_fallback_without_reference(self):
        rows = [entry(words("flat", preset="arm64", page_shift="16"), 1.0),
                entry(words("vmemmap_var", preset="arm64", page_shift="16",
                            section_bits="29"), 3.0)]
        sec = self.section(self.report([self.write("r.json", rows)]),
                           "Which model is fastest, per operation")
        self.assertIn("has no reference configuration", sec)
        self.assertIn("vmemmap_var: preset=arm64 page_shift=16 section_bits=29", sec)
        self.assertEqual(self.row(sec, "pfn_to_page", "random")[2:],
                         ["1.00", "3.00 (3.00x)", "flat", "3.00x"])

    def test_missing_variant_named(self):
        rows = reference_sweep() + [entry(words("discontig_table", preset="x86_32"), 1)]
        sec = self.section(self.report([self.write("r.json", rows)]),
                           "Which model is fastest, per operation")
        self.assertIn("not in this table: discontig_table.", sec)


class TestInlined(Case):
    """
    Two variants, pfn_to_page pattern random, both forms, three sides:

        form        side    flat  sparse_extreme   (ns; TSC = 2.5 x ns)
        throughput  limit   0.50  0.50
                    pmm     0.60  1.00
                    linux   0.60  1.20
        latency     limit   3.00  3.00
                    pmm     3.00  6.00
                    linux   3.00  4.50
    """

    NS = {("throughput", "limit"): (0.5, 0.5), ("throughput", "pmm"): (0.6, 1.0),
          ("throughput", "linux"): (0.6, 1.2), ("latency", "limit"): (3.0, 3.0),
          ("latency", "pmm"): (3.0, 6.0), ("latency", "linux"): (3.0, 4.5)}

    def sweep(self):
        out = []
        for (form, side), times in self.NS.items():
            for v, ns in zip(("flat", "sparse_extreme"), times):
                w = words(v, side=side, form=form)
                name = "%s/%s/%s/%s" % (v, form, side, w["unit"])
                out.append(entry(w, ns, insns=None if side == "limit" else 5,
                                 name=name, run_name=name, tsc_per_op=2.5 * ns))
        return out

    def test_each_form_beside_the_limit_and_linux(self):
        text = self.report([self.write("a.json", self.sweep())])
        sec = self.section(text, "Inlined, as a kernel runs them: throughput and latency "
                           "beside the limit")
        self.assertEqual(self.header(sec, "op"),
                         ["op", "form", "variant", "limit", "pmm", "Linux", "pmm / limit",
                          "Linux / limit", "TSC limit", "TSC pmm", "TSC Linux"])
        # Expect the latency row to hold the latency form's times, ratios and ticks.
        self.assertEqual(self.row(sec, "pfn_to_page", "latency", "sparse_extreme")[3:],
                         ["3.00", "6.00", "4.50", "2.00x", "1.50x", "7.5", "15.0", "11.2"])
        # Expect the throughput row not to take a latency figure.
        self.assertEqual(self.row(sec, "pfn_to_page", "throughput", "sparse_extreme")[3:6],
                         ["0.50", "1.00", "1.20"])

    def test_other_tables_time_the_throughput_form(self):
        text = self.report([self.write("a.json", self.sweep())])
        sec = self.section(text, "Which model is fastest, per operation")
        # Expect sparse_extreme at its throughput, 1.00 ns, 1.67x flat's 0.60.
        self.assertEqual(self.row(sec, "pfn_to_page", "random")[2:4], ["0.60", "1.00 (1.67x)"])


class TestPredictions(Case):
    """
    llvm-mca's figures for sparse_extreme pfn_to_page on two CPUs, and the
    sweep's measured TSC ticks for it (pattern sequential):

        CPU      side   throughput  latency     measured (TSC, pmm)
        native   pmm    2.5         21          throughput 3.0, latency 18.0
        native   linux  5.0         22
        znver3   pmm    2.0         20
        znver3   linux  4.3         22
    """

    def files(self):
        rows = [["pmm", "sparse_extreme", "pfn_to_page", "native", 2.5, 21],
                ["linux", "sparse_extreme", "pfn_to_page", "native", 5.0, 22],
                ["pmm", "sparse_extreme", "pfn_to_page", "znver3", 2.0, 20],
                ["linux", "sparse_extreme", "pfn_to_page", "znver3", 4.3, 22]]
        path = os.path.join(self.dir, "mca.json")
        with open(path, "w") as f:
            json.dump({"x86_64": rows}, f)
        bench = []
        for form, tsc in (("throughput", 3.0), ("latency", 18.0)):
            w = words("sparse_extreme", pattern="sequential", form=form)
            name = "se/%s" % form
            bench.append(entry(w, tsc / 2.5, insns=5, name=name, run_name=name,
                               tsc_per_op=tsc))
        return self.write("a.json", bench), path

    def test_each_cpu_and_this_host(self):
        results, mca_json = self.files()
        text = self.report([results], "--mca", mca_json)
        sec = self.section(text, "Predicted for CPUs not at hand (llvm-mca)")
        # Expect throughput pmm / Linux and, in brackets, latency, per CPU.
        self.assertEqual(self.row(sec, "sparse_extreme", "pfn_to_page")[2:4],
                         ["2.50 / 5.00 (21 / 22)", "2.00 / 4.30 (20 / 22)"])
        # Expect the host's prediction beside the TSC ticks measured.
        host = sec[sec.index("This host"):]
        self.assertEqual(self.row(host, "sparse_extreme", "pfn_to_page")[2:],
                         ["2.50", "3.0", "21", "18.0"])

    def test_malformed_predictions_refused(self):
        results, mca_json = self.files()
        with open(mca_json, "w") as f:
            json.dump({"x86_64": [["pmm", "x"]]}, f)
        status, _, err = self.run_main(results, "--out", os.path.join(self.dir, "r.md"),
                                       "--no-plots", "--mca", mca_json)
        # Expect exit 2 and one line naming the file and what is wrong.
        self.assertEqual(status, 2)
        self.assertIn("mca.json: x86_64: rows of 6 fields expected", err)


class TestInstructions(Case):
    def test_insn_table(self):
        rows = reference_sweep()
        for b in rows:		# one excess: vmemmap_var pfn_valid pmm 7 vs 6
            if ("variant=vmemmap_var" in b["label"] and "op=pfn_valid" in b["label"]
                    and "side=pmm" in b["label"]):
                b["instructions"] = 7
        sec = self.section(self.report([self.write("r.json", rows)]),
                           "Instructions per operation")
        self.assertEqual(self.row(sec, "pfn_to_page"), ["pfn_to_page", "4/4", "4/4", "4/4"])
        self.assertEqual(self.row(sec, "pfn_valid"), ["pfn_valid", "6/6", "6/6", "**7/6**"])


class TestBaseline(Case):
    def test_ratios_and_excess(self):
        rows = []
        for pat, pmm, lnx in (("random", 2.0, 1.0), ("sequential", 1.0, 2.0),
                              ("stride", 1.0, 1.0)):
            rows.append(entry(words("sparse_extreme", pattern=pat), pmm, insns=9))
            rows.append(entry(words("sparse_extreme", pattern=pat, side="linux"), lnx,
                              insns=8))
        rows.append(entry(words("flat"), 1.0, insns=3))	# no linux side: not counted
        text = self.report([self.write("r.json", rows)])
        sec = self.section(text, "pmm against Linux's own text")
        self.assertEqual(self.row(sec, "sparse_extreme"),
                         ["sparse_extreme", "1.00x", "0.50x", "2.00x", "3", "**1 of 1**"])
        self.assertIn("u_x86_64_sparse_sparse_extreme", sec)
        self.assertNotIn("| flat |", sec)

    def test_check(self):
        good = self.write("good.json", reference_sweep())
        status, out, _ = self.run_main(good, "--check")
        self.assertEqual(status, 0)
        self.assertIn("--check: 9 passed, 0 failed", out)
        rows = reference_sweep()
        for b in rows:
            if "variant=flat" in b["label"] and "side=linux" in b["label"]:
                b["instructions"] -= 1
        bad = self.write("bad.json", rows)
        status, out, _ = self.run_main(bad, "--check")
        self.assertEqual(status, 1)
        self.assertEqual(len([ln for ln in out.splitlines() if "> linux" in ln]), 3)
        self.assertIn("variant=flat op=pfn_valid: pmm 6 instructions > linux 5", out)
        # no counts at all cannot pass
        none = self.write("none.json", [entry(words("flat"), 1.0)])
        self.assertEqual(self.run_main(none, "--check")[0], 1)


class TestAxes(Case):
    def test_struct_page_axis(self):
        rows = []
        for sp, ns in (("64", 2.0), ("32", 1.5), ("16", 1.25), ("8", 1.125)):
            for v in ("flat", "vmemmap_var"):
                rows.append(entry(words(v, struct_page=sp), ns * (2 if v == "flat" else 1)))
            rows.append(entry(words("flat", struct_page=sp, physmem_bits="52"), 99.0))
        sec = self.section(self.report([self.write("r.json", rows)]), "How the cost moves")
        part = sec.split("### Descriptor size")[1].split("###")[0]
        self.assertEqual(self.header(part, "pattern"),
                         ["pattern", "struct_page", "flat pfn_to_page",
                          "vmemmap_var pfn_to_page"])
        self.assertEqual(self.row(part, "random", "8"), ["random", "8", "2.25", "1.12"])
        self.assertEqual(self.row(part, "random", "64"), ["random", "64", "4.00", "2.00"])
        order = [ln.split("|")[2].strip() for ln in part.splitlines()
                 if ln.startswith("| random")]
        self.assertEqual(order, ["8", "16", "32", "64"])
        # other axes have one value only: skipped with a note
        self.assertIn("### Section size\n\nSkipped: the results have one value", sec)
        self.assertIn("### Node count\n\nSkipped: the results have one value", sec)

    def test_extreme_and_nodes_axes(self):
        rows = [entry(words("sparse_static"), 3.0), entry(words("sparse_extreme"), 4.0),
                entry(words("sparse_extreme", struct_page="32"), 0.5),
                entry(words("flat"), 1.0),
                entry(words("flat", map="numa4", nodes="4"), 1.5),
                entry(words("flat", map="numa16", nodes="16"), 2.5),
                entry(words("flat", map="dense", nodes="8"), 7.0)]
        sec = self.section(self.report([self.write("r.json", rows)]), "How the cost moves")
        ext = sec.split("### SPARSEMEM_EXTREME off and on")[1].split("###")[0]
        self.assertEqual(self.row(ext, "random", "0"), ["random", "0", "3.00"])
        self.assertEqual(self.row(ext, "random", "1"), ["random", "1", "4.00"])
        self.assertIn("sparse pfn_to_page", ext)
        nodes = sec.split("### Node count")[1].split("###")[0]
        got = [ln.split("|")[2].strip() for ln in nodes.splitlines()
               if ln.startswith("| random")]
        self.assertEqual(got, ["1", "4", "16"])
        self.assertEqual(self.header(nodes, "pattern"),
                         ["pattern", "nodes", "flat pfn_to_page", "sparse_static pfn_to_page",
                          "sparse_extreme pfn_to_page"])
        self.assertEqual(self.row(nodes, "random", "16"), ["random", "16", "2.50", "-", "-"])
        self.assertEqual(self.row(nodes, "random", "1"), ["random", "1", "1.00", "3.00", "4.00"])

    def test_plots(self):
        rows = [entry(words("flat", struct_page=sp, op=op, pattern=pat), 1.0 + i)
                for i, sp in enumerate(("64", "32"))
                for op in ("pfn_to_page", "pfn_valid") for pat in ("random", "sequential")]
        path = self.write("r.json", rows)
        out = os.path.join(self.dir, "out", "rep.md")
        plots = os.path.join(self.dir, "png")
        status, _, err = self.run_main(path, "--out", out, "--plots", plots)
        self.assertEqual(status, 0, err)
        png = os.path.join(plots, "rep-struct_page.png")
        with open(png, "rb") as f:
            self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")
        self.assertEqual(sorted(os.listdir(plots)), ["rep-struct_page.png"])
        with open(out) as f:
            self.assertIn("![Descriptor size](../png/rep-struct_page.png)", f.read())


class TestMemmap(Case):
    def test_memmap_overhead(self):
        lay = "x86-vm-firecracker-1g"
        rows = [entry(words("flat", struct_page="32"), 1.0, memmap_bytes=1 << 20,
                      metadata_bytes=0, ram_bytes=1 << 30),
                entry(words("flat"), 1.0, memmap_bytes=16 << 20, metadata_bytes=2048,
                      ram_bytes=1 << 30),
                # struct_page=64 wins over a closer configuration with 16
                entry(words("vmemmap_var", struct_page="16"), 1.0, memmap_bytes=1 << 20,
                      metadata_bytes=0, ram_bytes=1 << 30),
                entry(words("vmemmap_var", pfn_offset="0x1000"), 1.0,
                      memmap_bytes=15 << 20, metadata_bytes=1024, ram_bytes=1 << 30),
                entry(words("flat", op="pfn_valid"), 1.0, memmap_bytes=16 << 20,
                      metadata_bytes=2048, ram_bytes=1 << 30),
                entry(words("vmemmap_var", map=lay, map_kind="layout", preset="arm64"),
                      1.0, memmap_bytes=3 << 19, metadata_bytes=512, ram_bytes=1 << 30)]
        sec = self.section(self.report([self.write("r.json", rows)]),
                           "Memmap overhead per map")
        lines = [ln for ln in sec.splitlines() if ln.startswith("| ")][1:]
        self.assertEqual(len(lines), 3)
        self.assertTrue(lines[0].startswith("| " + lay))	# layouts first
        self.assertEqual(self.row(sec, lay), [lay, "layout", "vmemmap_var", "arm64", "64",
                                              "1 GiB", "1.50", "0.15%", "0.50"])
        self.assertEqual(self.row(sec, "holes"), ["holes", "synthetic", "flat", "x86_64",
                                                  "64", "1 GiB", "16.0", "1.56%", "2.00"])
        self.assertEqual(self.row(sec, "holes", "synthetic", "vmemmap_var"),
                         ["holes", "synthetic", "vmemmap_var", "x86_64", "64", "1 GiB",
                          "15.0", "1.46%", "1.00"])


class TestKernels(Case):
    """
    One real map, three kernels' models, each timed and accounted:

        linux:   flat 2.0 ns, vmemmap_var 1.0 ns      memmap 16 MiB, 15 MiB
        xen:     xen_pdx_mask 1.5 ns                  memmap 14 MiB
        freebsd: freebsd_dense 0.5 ns, _sparse 3 ns   memmap 40 MiB, 16 MiB
    """

    def rows(self, lay):
        def e(v, ns, mib, **over):
            return entry(words(v, map=lay, map_kind="layout", **over), ns,
                         memmap_bytes=mib << 20, metadata_bytes=0, ram_bytes=1 << 30)
        return [e("flat", 2.0, 16), e("vmemmap_var", 1.0, 15), e("xen_pdx_mask", 1.5, 14),
                e("freebsd_dense", 0.5, 40), e("freebsd_sparse", 3.0, 16),
                # another pattern and a lone kernel's op: neither is compared
                e("xen_pdx_mask", 0.1, 14, pattern="sequential"),
                e("vmemmap_var", 9.0, 15, op="pfn_to_section")]

    def test_each_kernels_cheapest_model(self):
        lay = "x86-server-dell-r7525-2s-epyc-128g"
        sec = self.section(self.report([self.write("r.json", self.rows(lay))]),
                           "Which kernel's answer is cheapest, per map and operation")
        # Expect each kernel's cheapest model, the cheapest kernel and the
        # second's ratio to it, memmap bytes first.
        self.assertEqual(self.header(sec, "map"), ["map", "op", "form", "linux", "xen",
                                                   "freebsd", "cheapest", "by"])
        self.assertEqual(self.row(sec, lay, "memmap"),
                         [lay, "memmap", "bytes", "15 MiB (vmemmap_var)",
                          "14 MiB (xen_pdx_mask)", "16 MiB (freebsd_sparse)", "xen", "1.07x"])
        self.assertEqual(self.row(sec, lay, "pfn_to_page"),
                         [lay, "pfn_to_page", "throughput", "1.00 ns (vmemmap_var)",
                          "1.50 ns (xen_pdx_mask)", "0.50 ns (freebsd_dense)", "freebsd",
                          "2.00x"])
        self.assertNotIn("pfn_to_section", sec)

    def test_memmap_plot(self):
        lay = "x86-server-dell-r7525-2s-epyc-128g"
        out = os.path.join(self.dir, "report.md")
        status, _, err = self.run_main(self.write("r.json", self.rows(lay)), "--out", out)
        self.assertEqual(status, 0, err)
        with open(out) as f:
            text = f.read()
        # Expect the plot of memmap bytes over the real maps, beside the report.
        self.assertIn("![memmap bytes per model](report-memmap.png)", text)
        self.assertTrue(os.path.getsize(os.path.join(self.dir, "report-memmap.png")) > 1000)


class TestLayoutsBootSkipped(Case):
    def test_real_machines(self):
        lay = "x86-laptop-framework-13-tgl-16g"
        rows = [entry(words("flat", map=lay, map_kind="layout"), 1.0),
                entry(words("vmemmap_var", map=lay, map_kind="layout"), 0.8),
                entry(words("vmemmap_var", map=lay, map_kind="layout", op="pfn_valid"), 2.0),
                entry(words("vmemmap_var", map=lay, map_kind="layout",
                            pattern="sequential"), 0.1)]
        sec = self.section(self.report([self.write("r.json", rows)]), "Real machines")
        self.assertEqual(self.row(sec, lay, "pfn_to_page"),
                         [lay, "pfn_to_page", "x86_64", "1.00", "0.80", "vmemmap_var"])
        self.assertEqual(self.row(sec, lay, "pfn_valid"),
                         [lay, "pfn_valid", "x86_64", "-", "2.00", "vmemmap_var"])

    def test_boot(self):
        boot = os.path.join(self.dir, "boot.json")
        with open(boot, "w") as f:
            json.dump({"results": [
                {"command": "boot sparse big-16node", "mean": 0.0123, "stddev": 0.0004,
                 "min": 0.01, "max": 0.02},
                {"command": "boot vmemmap big-16node", "mean": 2.5, "stddev": None,
                 "min": 2.4, "max": 2.6},
                {"command": "boot flat small", "mean": 0.5, "stddev": 0.01,
                 "min": 0.4, "max": 0.6}]}, f)
        text = self.report([self.write("r.json", reference_sweep())], "--boot", boot)
        sec = self.section(text, "Boot init (hyperfine)")
        self.assertEqual(self.header(sec, "layout"), ["layout", "flat", "sparse", "vmemmap"])
        self.assertEqual(self.row(sec, "big-16node"),
                         ["big-16node", "-", "12.3 ± 0.40 ms", "2.50 ± 0.00 s"])
        self.assertEqual(self.row(sec, "small"), ["small", "500.0 ± 10.0 ms", "-", "-"])
        self.assertLess(text.index("## Boot init"), text.index("## Skipped"))

    def test_deferred_boots(self):
        """Expect hyperfine's deferred boots as a row per (variant, map,
        backing) and a column per deferral."""
        boot = os.path.join(self.dir, "boot.json")
        with open(boot, "w") as f:
            json.dump({"results": [
                {"command": "deferred vmemmap_var numa16-128g 2m off", "mean": 0.3,
                 "stddev": 0.01},
                {"command": "deferred vmemmap_var numa16-128g 2m 1", "mean": 0.25,
                 "stddev": 0.02},
                {"command": "deferred vmemmap_var numa16-128g 4k 0", "mean": 1.5,
                 "stddev": 0.1}]}, f)
        text = self.report([self.write("r.json", reference_sweep())], "--boot", boot)
        sec = self.section(text, "Boot init (hyperfine)")
        self.assertEqual(self.header(sec, "variant"),
                         ["variant", "map", "backing", "no deferral", "deferred, 1 thread",
                          "deferred, all CPUs"])
        self.assertEqual(self.row(sec, "vmemmap_var", "numa16-128g", "2m"),
                         ["vmemmap_var", "numa16-128g", "2m", "300.0 ± 10.0 ms",
                          "250.0 ± 20.0 ms", "-"])
        self.assertEqual(self.row(sec, "vmemmap_var", "numa16-128g", "4k")[5], "1.50 ± 0.10 s")

    def test_skipped(self):
        rows = reference_sweep()
        for name in ("x/cfg1/pfn_valid/random/pmm", "x/cfg1/pfn_valid/random/linux",
                     "x/cfg2/walk/all/pmm",	# no label: they never ran
                     "x/cfg1/pfn_to_page/random/latency/pmm",	# with its form
                     "x/cfg1/walk/all/throughput/limit/iterations:3"):
            rows.append({"name": name, "run_name": name, "error_occurred": True,
                         "error_message": "map does not fit MAX_PHYSMEM_BITS",
                         "run_type": "iteration"})
        rows.append({"name": "y", "error_occurred": True, "error_message": "-ENOMEM",
                     "label": "unit=u1"})	# a partial label is fine when skipped
        text = self.report([self.write("r.json", rows)])
        sec = self.section(text, "Skipped")
        self.assertEqual(self.row(sec, "-ENOMEM"), ["-ENOMEM", "1", "1", "`y`"])
        self.assertEqual(self.row(sec, "map does not fit MAX_PHYSMEM_BITS"),
                         ["map does not fit MAX_PHYSMEM_BITS", "2", "5", "`x/cfg1`"])
        self.assertIn("36 measured, 6 skipped", text)


def case_entry(variant, config, case, ns, items=1, **words_over):
    """a hotplug or boot case's entry, as sweep_bench.cc writes it: manual
    time per iteration, items per iteration, the counters per iteration"""
    w = dict(unit="u_" + variant, variant=variant, map="pc1g", backing="2m",
             bench="hotplug", deferred="0", op=case.split("/")[0],
             case=case.split("/", 1)[1] if "/" in case else case, side="pmm")
    w.update(words_over)
    name = "%s/%s/iterations:16/manual_time" % (config, case)
    b = {"name": name, "run_name": name, "run_type": "iteration", "repetitions": 1,
         "threads": 1, "iterations": 16, "real_time": 999.0, "cpu_time": 999.0,
         "time_unit": "us", "items_per_second": 1e9 / ns * items / items,
         "label": " ".join("%s=%s" % kv for kv in sorted(w.items()))}
    for k in sr.CASE_COUNTERS:
        b[k] = 0.0
    b.update(hooks_us=2.5, faults=16.0, rss_KiB=32.0, memmap_KiB=32.0)
    return b


class TestCases(Case):
    """
    A hotplug configuration of each model, and boots that ran or were
    refused:

        pc1g+hotplug   add_pages/2M-fresh  add_pages/128M  pfn_to_online_page
        +boot          init
        +boot-deferred init  init+deferred/1  init+deferred/all (refused)
    """

    def cases(self):
        hp = "x86_64/%s/p12.s27.m46.d64.n6/pc1g+hotplug"
        boot = "x86_64/vmemmap_var/p12.s27.m46.d64.n6/big%s"
        rows = reference_sweep()
        rows.append(case_entry("vmemmap_var", hp % "vmemmap_var", "add_pages/2M-fresh",
                               24600.0, mib="2", phase="change"))
        rows.append(case_entry("vmemmap_var", hp % "vmemmap_var", "add_pages/128M",
                               1.42e6, mib="128", phase="change"))
        rows.append(case_entry("sparse_extreme", hp % "sparse_extreme", "add_pages/128M",
                               131700.0, mib="128", phase="change"))
        rows.append(case_entry("vmemmap_var", hp % "vmemmap_var",
                               "pfn_to_online_page/untainted-ram", 3.16, items=256))
        bw = dict(bench="boot", map="big", op="boot")
        rows.append(case_entry("vmemmap_var", boot % "+boot", "boot/init", 1.5e9, **bw))
        rows.append(case_entry("vmemmap_var", boot % "+boot-deferred", "boot/init", 2.5e7,
                               **dict(bw, deferred="1")))
        rows.append(case_entry("vmemmap_var", boot % "+boot-deferred",
                               "boot/init+deferred/1", 1.6e9, **dict(bw, deferred="1")))
        name = boot % "+boot-deferred" + "/boot/init+deferred/all/iterations:3/manual_time"
        rows.append({"name": name, "run_name": name, "error_occurred": True,
                     "error_message": "not run: pmm_deferred_init would write 192 GiB",
                     "run_type": "iteration"})
        return rows

    def test_hotplug_table(self):
        """Expect a time per call in the unit that suits it, by size, with
        the hooks' share and the faults; a lookup in ns."""
        text = self.report([self.write("r.json", self.cases())])
        sec = self.section(text, "Hotplug and ZONE_DEVICE: time per call")
        self.assertEqual(self.header(sec, "op"),
                         ["op", "case", "sparse_extreme", "sparse_extreme in hooks",
                          "sparse_extreme faults", "vmemmap_var", "vmemmap_var in hooks",
                          "vmemmap_var faults"])
        self.assertEqual(self.row(sec, "add_pages", "2M-fresh"),
                         ["add_pages", "2M-fresh", "-", "-", "-", "24.6 µs", "2.50 µs", "16"])
        self.assertEqual(self.row(sec, "add_pages", "128M")[2:6],
                         ["131.7 µs", "2.50 µs", "16", "1.42 ms"])
        self.assertLess(sec.index("2M-fresh"), sec.index("128M"))
        self.assertEqual(self.row(sec, "pfn_to_online_page", "untainted-ram")[5], "3.16 ns")

    def test_boot_table(self):
        """Expect one row per (map, variant, backing) with the plain and
        the deferring boot side by side, and a refusal said as such."""
        text = self.report([self.write("r.json", self.cases())])
        sec = self.section(text, "Boots, in process: pmm_init and deferred init")
        self.assertEqual(self.row(sec, "big", "vmemmap_var", "2m"),
                         ["big", "vmemmap_var", "2m", "32 KiB", "1.50 s", "32 KiB",
                          "25.0 ms", "32 KiB", "1.60 s", "not run"])

    def test_no_cases(self):
        """Expect a sweep without those blocks to say so, not fail."""
        text = self.report([self.write("r.json", reference_sweep())])
        self.assertIn("(no hotplug block in this sweep)", text)
        self.assertIn("(no boot block in this sweep)", text)

    def test_split_case(self):
        """Expect a case's name split into configuration and case."""
        self.assertEqual(sr.split_case("a/b/pc1g+hotplug/add_pages/2M/iterations:5/manual_time"),
                         ("a/b/pc1g+hotplug", "add_pages/2M"))
        self.assertEqual(sr.split_case("a/big@4k+boot-deferred/boot/init+deferred/1"),
                         ("a/big@4k+boot-deferred", "boot/init+deferred/1"))
        self.assertIsNone(sr.split_case("a/b/holes/pfn_valid/random/throughput/pmm"))


class TestMachineAndCompare(Case):
    def test_header(self):
        ctx = context(command="make sweep SWEEP=test")
        text = self.report([self.write("r.json", reference_sweep(), ctx=ctx)])
        sec = self.section(text, "Machine")
        self.assertEqual(self.row(sec, "caches")[1], "L1d 32 KiB, L2 1 MiB, L3 32 MiB")
        self.assertEqual(self.row(sec, "CPU")[1], "Test CPU 9000")
        self.assertEqual(self.row(sec, "command")[1], "`make sweep SWEEP=test`")
        self.assertEqual(self.row(sec, "configurations")[1], "3 in the sweep, 3 measured")
        self.assertTrue(text.startswith("# Sweep: Test CPU 9000\n"))

    def test_comparison(self):
        a = self.write("a.json", reference_sweep(), ctx=context(cpu="CPU A"))
        b = self.write("b.json", reference_sweep(scale=0.5), ctx=context(cpu="CPU B"))
        text = self.report([a, b])
        sec = self.section(text, "Which model is fastest, per operation")
        self.assertEqual(self.header(sec, "op"),
                         ["op", "pattern", "variant", "CPU A", "CPU B", "CPU B / CPU A"])
        self.assertEqual(self.row(sec, "pfn_valid", "random", "vmemmap_var"),
                         ["pfn_valid", "random", "vmemmap_var", "6.00 (2.00x)",
                          "3.00 (2.00x)", "0.50x"])
        self.assertEqual(self.row(sec, "pfn_valid", "random", "fastest"),
                         ["pfn_valid", "random", "fastest", "flat", "flat", "-"])
        mach = self.section(text, "Machine")
        self.assertEqual(self.row(mach, "CPU"), ["CPU", "CPU A", "CPU B"])
        base = self.section(text, "pmm against Linux's own text")
        self.assertEqual(self.row(base, "flat", "geomean pmm/linux"),
                         ["flat", "geomean pmm/linux", "1.00x", "1.00x", "1.00x"])

    def test_compressed_run_compared(self):
        """Expect a run kept xz-compressed (as under docs/) read as the
        plain one, and the hotplug table given a column per CPU."""
        import lzma
        a = self.write("a.json", TestCases.cases(self), ctx=context(cpu="CPU A"))
        b = os.path.join(self.dir, "b.json.xz")
        with open(a) as f, lzma.open(b, "wt") as g:
            data = json.load(f)
            data["context"]["cpu_model"] = "CPU B"
            json.dump(data, g)
        text = self.report([a, b])
        sec = self.section(text, "Hotplug and ZONE_DEVICE: time per call")
        self.assertEqual(self.row(sec, "add_pages", "2M-fresh", "vmemmap_var"),
                         ["add_pages", "2M-fresh", "vmemmap_var", "24.6 µs", "24.6 µs",
                          "1.00x"])
        bad = os.path.join(self.dir, "bad.json.xz")
        with open(bad, "wb") as f:
            f.write(b"not xz")
        status, _, err = self.run_main(bad, "--out", os.path.join(self.dir, "x.md"))
        self.assertEqual(status, 2)
        self.assertIn("bad.json.xz: not JSON", err)

    def test_same_cpu_named_by_file(self):
        a = self.write("a.json", reference_sweep())
        b = self.write("b.json", reference_sweep(scale=2.0))
        sec = self.section(self.report([a, b]), "Which model is fastest, per operation")
        self.assertEqual(self.row(sec, "pfn_to_page", "random", "flat"),
                         ["pfn_to_page", "random", "flat", "1.00", "2.00", "2.00x"])
        self.assertIn("| Test CPU 9000 (a.json) | Test CPU 9000 (b.json) |", sec)

    def test_shards_merged(self):
        rows = reference_sweep()
        a = self.write("a.json", rows[:20], ctx=context(shard="0/2"))
        b = self.write("b.json", rows[20:], ctx=context(shard="1/2"))
        text = self.report([a, b])
        self.assertTrue(text.startswith("# Sweep: Test CPU 9000\n"))
        sec = self.section(text, "Which model is fastest, per operation")
        self.assertEqual(self.row(sec, "pfn_valid", "random")[2:],
                         ["3.00", "12.0 (4.00x)", "6.00 (2.00x)", "flat", "2.00x"])

    def test_deterministic(self):
        rows = reference_sweep() + [entry(words("flat", struct_page="32"), 0.9)]
        p1 = self.write("a.json", rows)
        p2 = self.write("b.json", list(reversed(rows)))
        self.assertEqual(self.report([p1]), self.report([p2]).replace("b.json", "a.json"))


class TestBadInput(Case):
    def expect(self, path, reason):
        status, out, err = self.run_main(path, "--out", os.path.join(self.dir, "x.md"),
                                         "--no-plots")
        self.assertEqual(status, 2)
        self.assertEqual(err, "sweep_report.py: %s: %s\n" % (path, reason))
        self.assertFalse(os.path.exists(os.path.join(self.dir, "x.md")))

    def test_not_json(self):
        path = self.write("a.json", None, raw="{not json")
        status, _, err = self.run_main(path, "--out", os.path.join(self.dir, "x.md"))
        self.assertEqual(status, 2)
        self.assertTrue(err.startswith("sweep_report.py: %s: not JSON" % path), err)
        self.assertEqual(err.count("\n"), 1)

    def test_no_benchmarks(self):
        self.expect(self.write("a.json", None, raw='{"context": {}}'),
                    'no "benchmarks" list')

    def test_label_missing_key(self):
        b = entry(words("flat"), 1.0)
        b["label"] = b["label"].replace("struct_page=64 ", "")
        self.expect(self.write("a.json", [b]),
                    "benchmark %s: label lacks struct_page=" % b["run_name"])

    def test_missing_file_no_traceback(self):
        """the script itself: one line, no traceback"""
        path = os.path.join(self.dir, "none.json")
        p = subprocess.run([sys.executable, SCRIPT, path, "--out",
                            os.path.join(self.dir, "x.md")], capture_output=True, text=True)
        self.assertEqual(p.returncode, 2)
        self.assertEqual(p.stderr,
                         "sweep_report.py: %s: No such file or directory\n" % path)


if __name__ == "__main__":
    unittest.main()
