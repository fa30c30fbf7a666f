#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR MIT
"""generate.py - expand a benchmark sweep into translation units

    generate.py [--sweep NAME] [--filter REGEX] [--shard K/N] [--list]
                [--out DIR] [--presets FILE] [--sweeps FILE] [--layouts DIR]

Reads the presets (gen/presets.toml) and the sweep NAME (gen/sweeps.toml,
default "default"), expands each block's axes over its presets, drops the
configurations the headers would refuse (gen/pmmgen/rules.py: the rule
named, as pmm.h words it) and those over the bench's own limits, keeps
those whose name matches REGEX and the K-th of N shards, and writes
build/gen/ (gen/pmmgen/render.py).  --list prints every configuration,
kept or dropped with its rule, and writes nothing.

Exit status: 0, or 2 with "file:line: reason" on a malformed or unknown
input.
"""

import argparse
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pmmgen import GenError  # noqa: E402
from pmmgen import render, sweep  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def parse_shard(text):
    """"K/N" -> (K, N), 1 <= K <= N"""
    m = re.fullmatch(r"(\d+)/(\d+)", text or "")
    if not m or not 1 <= int(m.group(1)) <= int(m.group(2)):
        raise GenError("SHARD=%s: must be K/N with 1 <= K <= N, e.g. 2/4" % text)
    return int(m.group(1)), int(m.group(2))


def list_configs(kept, dropped, chosen, out=None):
    """every configuration on a line: kept (and whether selected), dropped
    with the rule"""
    out = out or sys.stdout
    chosen = set(chosen)
    for c in kept:
        out.write("%-8s %s\n" % ("run" if c in chosen else "filtered", c.name))
    for c, (kind, name, message) in dropped:
        out.write("%-8s %s: %s %s: %s\n" % ("dropped", c.name, kind, name, message))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sweep", default="default")
    ap.add_argument("--filter", default="")
    ap.add_argument("--shard", default="")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "gen"))
    ap.add_argument("--presets", default=os.path.join(HERE, "presets.toml"))
    ap.add_argument("--sweeps", default=os.path.join(HERE, "sweeps.toml"))
    ap.add_argument("--layouts", default=os.path.join(ROOT, "data", "layouts"))
    args = ap.parse_args(argv)
    try:
        presets = sweep.load_presets(args.presets, args.layouts)
        desc, blocks = sweep.load_sweep(args.sweeps, args.sweep, presets,
                                        args.layouts)
        kept, dropped = sweep.expand(presets, blocks)
        shard = parse_shard(args.shard) if args.shard else None
        chosen = sweep.select(kept, args.filter, shard)
    except GenError as e:
        sys.stderr.write("generate.py: %s\n" % e)
        return 2
    if args.list:
        list_configs(kept, dropped, chosen)
    selection = ", ".join(s for s in (
        "FILTER=" + args.filter if args.filter else "",
        "SHARD=" + args.shard if args.shard else "") if s)
    units = len({c.unit for c in chosen})
    rules = len([d for d in dropped if d[1][0] == "rule"])
    summary = ("sweep %s: %d configurations (%d selected) in %d units; "
               "dropped %d by the headers' rules, %d by the bench's limits"
               % (args.sweep, len(kept), len(chosen), units, rules,
                  len(dropped) - rules))
    if args.list:
        print(summary)
        return 0
    if not chosen:
        sys.stderr.write("generate.py: %s: no configuration selected\n" % summary)
        return 2
    written, unchanged = render.render(chosen, args.out, args.sweep, selection)
    print("generate: %s; %d files written, %d unchanged" % (summary, written, unchanged))
    return 0


if __name__ == "__main__":
    sys.exit(main())
