#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR MIT
"""sweep_insns.py - instructions per operation of every unit of the sweep

    sweep_insns.py BINARY [--results RESULTS.json] [--strict]

Disassembles the sweep binary (objdump, through bench/insncount.py) and
counts the instructions of each out-of-line wrapper sweep_<unit>_<side>_<op>
(bench/sweep_unit.h): the whole function, ret included, a gcc .cold part
added.  With --results, writes the count into every benchmark entry of
that google-benchmark JSON file as "instructions" (matched by the unit,
side and op of its label), so that the results carry exact figures beside
the times.  Prints how many (unit, op) pairs pmm matches or beats the
Linux baseline in; --strict exits 1 if pmm needs more anywhere.  Exit 2
when the binary or the results cannot be read, or a wrapper calls out.
"""

import argparse
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from insncount import CountError, check_self_contained, disassemble  # noqa: E402

WRAPPER = re.compile(r"^sweep_(u[0-9a-f]+)_(pmm|linux)_(\w+?)(\.cold)?$")
OPS = ("pfn_to_page", "page_to_pfn", "pfn_valid", "page_to_nid", "pfn_to_section")


def count(binary):
    """{(unit, side, op): instructions}"""
    counts, bodies = {}, {}
    for name, insns in disassemble(binary).items():
        m = WRAPPER.match(name)
        if not m or m.group(3) not in OPS:
            continue
        key = (m.group(1), m.group(2), m.group(3))
        bodies.setdefault(key, []).extend(insns)
    for (unit, side, op), insns in bodies.items():
        check_self_contained("sweep_%s_%s_%s" % (unit, side, op), insns)
        counts[(unit, side, op)] = len(insns)
    if not counts:
        raise CountError("%s: no sweep_<unit>_<side>_<op> wrappers" % binary)
    return counts


def label_words(label):
    return dict(w.split("=", 1) for w in label.split() if "=" in w)


def annotate(results, counts):
    """add "instructions" to each benchmark of @results; how many got one"""
    n = 0
    for b in results.get("benchmarks", []):
        words = label_words(b.get("label", ""))
        key = (words.get("unit"), words.get("side"), words.get("op"))
        if key in counts:
            b["instructions"] = counts[key]
            n += 1
    results.setdefault("context", {})["instructions"] = \
        "static count of each out-of-line wrapper, ret included (objdump)"
    return n


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("binary")
    ap.add_argument("--results")
    ap.add_argument("--strict", action="store_true")
    args = ap.parse_args(argv)
    try:
        counts = count(args.binary)
        if args.results:
            try:
                with open(args.results) as f:
                    results = json.load(f)
            except (OSError, ValueError) as e:
                raise CountError("%s: %s" % (args.results, e))
            annotated = annotate(results, counts)
            with open(args.results + ".tmp", "w") as f:
                json.dump(results, f, indent=2)
            os.replace(args.results + ".tmp", args.results)
            print("sweep_insns: %d benchmarks of %s given instruction counts"
                  % (annotated, args.results))
    except CountError as e:
        print("sweep_insns: %s" % e, file=sys.stderr)
        return 2
    pairs = [(u, op) for (u, side, op) in counts
             if side == "pmm" and (u, "linux", op) in counts]
    worse = sorted("%s %s: pmm %d, Linux %d" % (u, op, counts[(u, "pmm", op)],
                                                 counts[(u, "linux", op)])
                   for u, op in pairs
                   if counts[(u, "pmm", op)] > counts[(u, "linux", op)])
    print("sweep_insns: %d units; pmm needs no more instructions than Linux's "
          "macro in %d of %d (unit, op) pairs"
          % (len({k[0] for k in counts}), len(pairs) - len(worse), len(pairs)))
    for w in worse:
        print("\tmore: " + w)
    return 1 if worse and args.strict else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
