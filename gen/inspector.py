#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR MIT
"""inspector.py - pmm-inspect's presets and instances, from gen/presets.toml

    inspector.py [--out DIR] [--presets FILE] [--list]

Writes DIR/presets.c (the presets) and DIR/preset_<name>.c (a preset's
models: parameters, refusal, and an instance for every model pmm.h
accepts, which pmm-inspect builds for real where this host holds it and
takes the sizes of pmm's structures from either way), each rewritten only
when its text changes (gen/pmmgen/inspector.py).  --list
prints each (preset, model) and whether it is built, accounted only or
refused, and writes nothing.

Exit status: 0, or 2 with "file:line: reason" on a malformed preset.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pmmgen import GenError  # noqa: E402
from pmmgen import inspector, sweep  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "gen", "inspect"))
    ap.add_argument("--presets", default=os.path.join(HERE, "presets.toml"))
    ap.add_argument("--layouts", default=os.path.join(ROOT, "data", "layouts"))
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args(argv)
    try:
        presets = sweep.load_presets(args.presets, args.layouts)
    except GenError as e:
        sys.stderr.write("inspector.py: %s\n" % e)
        return 2
    if args.list:
        for pname, mname, c in inspector.configs(presets):
            e = inspector.entry(pname, mname, c)
            print("%-14s %-14s %s" % (pname, mname, "built" if e["built"] else e["refusal"]))
        return 0
    written, unchanged, files = inspector.render(presets, args.out)
    print("inspect: %d presets, %d files written, %d unchanged"
          % (len(presets), written, unchanged))
    return 0


if __name__ == "__main__":
    sys.exit(main())
