#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR MIT
"""report.py - results/bench-first.md from the first benchmark's results

    report.py --json RESULTS.json --object LABEL=OBJECT... --timed LABEL
              --cflags FLAGS --cxxflags FLAGS --out REPORT.md

Writes the machine (google-benchmark's context, and the compilers named in
each object's .comment), ns per conversion for pmm and the Linux baseline
with their ratio, and the instruction counts of bench/insncount.py for
every object, side by side.
"""

import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import insncount  # noqa: E402  (beside this script)

PATTERNS = ("random", "sequential")


def compiler_of(obj):
    """the compiler that built @obj, from its .comment section"""
    try:
        out = subprocess.run(["readelf", "-p", ".comment", obj], check=True,
                             text=True, capture_output=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    names = []
    for line in out.splitlines():
        if line.strip().startswith("["):
            names.append(line.split("]", 1)[1].strip())
    return "; ".join(names) or "unknown"


def timings(results):
    """{(model, conversion, pattern, side): ns}: the median of the
    repetitions when there are several, else the single run; CPU time"""
    runs, medians = {}, {}
    for b in results["benchmarks"]:
        parts = b.get("run_name", b["name"]).split("/")
        if len(parts) != 4:
            continue
        key = tuple(parts)
        scale = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}[b.get("time_unit", "ns")]
        ns = b["cpu_time"] * scale
        if b.get("run_type") == "aggregate":
            if b.get("aggregate_name") == "median":
                medians[key] = ns
        else:
            runs.setdefault(key, []).append(ns)
    for key, values in runs.items():
        if key not in medians:
            values.sort()
            medians[key] = values[len(values) // 2]
    return medians


def machine(results, objects, timed, cflags, cxxflags):
    ctx = results["context"]
    caches = ", ".join("L%d %s %d KiB (x%d)" % (c["level"], c["type"],
                                                c["size"] // 1024,
                                                c["num_sharing"] and
                                                ctx["num_cpus"] // c["num_sharing"] or 1)
                       for c in ctx.get("caches", []))
    lines = [
        "| | |",
        "|---|---|",
        "| date | %s |" % ctx.get("date", "?"),
        "| host | %s |" % ctx.get("host_name", "?"),
        "| CPU | %s, %d CPUs at %.0f MHz, frequency scaling %s |"
        % (ctx.get("cpu_model", "?"), ctx.get("num_cpus", 0),
           ctx.get("mhz_per_cpu", 0),
           "on" if ctx.get("cpu_scaling_enabled") else "off"),
        "| caches | %s |" % caches,
        "| load average | %s |" % ", ".join("%.2f" % x for x in ctx.get("load_avg", [])),
        "| google-benchmark | library built as %s |" % ctx.get("library_build_type", "?"),
        "| layout | %s (%s PFNs per pattern) |" % (ctx.get("layout", "?"),
                                                 ctx.get("inputs_per_pattern", "?")),
    ]
    for label, path in objects:
        lines.append("| %s wrappers | %s%s |" % (label, compiler_of(path),
                                                 " (timed)" if label == timed else ""))
    lines.append("| C flags | `%s` |" % cflags)
    lines.append("| C++ flags | `%s` |" % cxxflags)
    return "\n".join(lines)


def time_table(medians):
    models = sorted({k[0] for k in medians}, key=insncount.model_key)
    lines = ["| model | conversion | pattern | pmm ns | Linux ns | pmm/Linux |",
             "|---|---|---|---:|---:|---:|"]
    for model in models:
        for conv in insncount.CONVERSIONS:
            for pattern in PATTERNS:
                pmm = medians.get((model, conv, pattern, "pmm"))
                lnx = medians.get((model, conv, pattern, "linux"))
                if pmm is None or lnx is None:
                    continue
                lines.append("| %s | %s | %s | %.2f | %.2f | %.2f |"
                             % (model, conv, pattern, pmm, lnx, pmm / lnx))
    return "\n".join(lines)


def insn_table(objects):
    counted = [(label, insncount.rows(insncount.wrappers(path)))
               for label, path in objects]
    head = "| model | conversion | " + " | ".join(
        "%s pmm | %s Linux" % (label, label) for label, _ in counted) + " | equal |"
    lines = [head, "|---|---|" + "---:|---:|" * len(counted) + "---|"]
    worse = []
    for i, (model, conv, _, _) in enumerate(counted[0][1]):
        cells, verdicts = [], []
        for label, rows in counted:
            _, _, pmm, lnx = rows[i]
            cells.append("%d | %d" % (pmm, lnx))
            if pmm > lnx:
                verdicts.append("**%s: pmm +%d**" % (label, pmm - lnx))
                worse.append("%s %s/%s: pmm %d, Linux %d" % (label, model, conv, pmm, lnx))
            elif pmm < lnx:
                verdicts.append("%s: pmm %d" % (label, pmm - lnx))
        lines.append("| %s | %s | %s | %s |" % (model, conv, " | ".join(cells),
                                                "; ".join(verdicts) or "yes"))
    return "\n".join(lines), worse


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", required=True)
    ap.add_argument("--object", action="append", required=True, metavar="LABEL=OBJECT")
    ap.add_argument("--timed", required=True, help="the label of the timed object")
    ap.add_argument("--cflags", default="")
    ap.add_argument("--cxxflags", default="")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)

    try:
        objects = insncount.parse_objects(args.object)
        with open(args.json) as f:
            results = json.load(f)
        insns, worse = insn_table(objects)
    except (OSError, ValueError, KeyError, insncount.CountError) as e:
        print("report: %s" % e, file=sys.stderr)
        return 2

    verdict = ("pmm matches or beats Linux's macro in every conversion."
               if not worse else
               "pmm needs more instructions than Linux's macro in: " +
               "; ".join(worse) + ".")
    text = """# First benchmark: pmm against Linux's own conversions

Written by `make bench` (bench/rules.mk).  Each model is built once by pmm
over the same memory map, and bench/baseline_linux.h reads the very same
structures the way Linux's macros do (FLATMEM and SPARSEMEM as in 6.12,
DISCONTIGMEM as in 5.10).  Every conversion of both sides is an out-of-line
wrapper in bench/convert_wrappers.c.

## Machine

%s

## Time per conversion

One wrapper call per benchmark iteration, called directly from its own
loop, over 2^20 pre-generated inputs: valid PFNs drawn at random from the
RAM (a fixed seed), or every RAM PFN in order from the first; page_to_pfn
gets the descriptors of those PFNs.  CPU time, in ns per call including
the call; the median of the repetitions.  Both sides see the same inputs
and, before timing, must give the same answers for all of them.  The
smallest times are the loop and the call themselves: below them a
conversion's own cost does not show, and the instruction counts are what
tell two sides apart.  (Debian builds google-benchmark without NDEBUG, so
it reports a debug library; the timed loop is its inline header code,
compiled here with the C++ flags above.)

%s

## Instructions per conversion

Each wrapper's instructions in the object file, `ret` included (objdump -d,
within the symbol's size, a gcc `.cold` part added).  %s

%s
""" % (machine(results, objects, args.timed, args.cflags, args.cxxflags),
       time_table(timings(results)), verdict, insns)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
