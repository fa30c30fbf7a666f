#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR MIT
"""counts_gate.py - no conversion may need more instructions than it did

    counts_gate.py --baseline FILE COUNTS.json...            check
    counts_gate.py --baseline FILE --update COUNTS.json...   rewrite FILE

COUNTS.json are insncount.py's --rows files ({"ARCH-CC": [[model, op,
pmm, linux, pmm without padding, linux without padding, note], ...]}),
one per architecture and compiler, as make linux-counts writes them.  The
baseline keeps pmm's two figures per (group, model, op): pmm's own code
compiled by this tree's compilers, never Linux's text.  A header change
that makes any conversion longer on any architecture fails here; one that
makes it shorter passes and says so, and --update records the new figure
(make linux-counts-baseline), so that the gain cannot be lost silently.

Prints "counts-gate: N passed, N failed, N skipped" (skipped: a row the
baseline does not have yet) and exits 1 on any failure.
"""

import argparse
import json
import sys


def rows(paths):
    """{(group, model, op): (pmm, pmm without padding)} of the COUNTS files"""
    out = {}
    for path in paths:
        with open(path) as f:
            for group, table in json.load(f).items():
                for model, op, pmm, _linux, pmm_nopad, _linux_nopad, *_ in table:
                    out[(group, model, op)] = (pmm, pmm_nopad)
    return out


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--baseline", required=True)
    ap.add_argument("--update", action="store_true")
    ap.add_argument("counts", nargs="+")
    args = ap.parse_args(argv)
    now = rows(args.counts)
    if args.update:
        table = sorted([*key, *val] for key, val in now.items())
        with open(args.baseline, "w") as f:
            f.write("[\n" + ",\n".join(json.dumps(r) for r in table) + "\n]\n")
        print("counts-gate: %d rows written to %s" % (len(table), args.baseline))
        return 0
    with open(args.baseline) as f:
        base = {(g, m, o): (p, n) for g, m, o, p, n in json.load(f)}
    passed = failed = skipped = 0
    for key in sorted(set(base) | set(now)):
        name = "%s %s %s" % key
        if key not in now:
            failed += 1
            print("FAIL %s: in the baseline, no longer counted" % name)
        elif key not in base:
            skipped += 1
            print("SKIP %s: %s instructions, not in the baseline yet "
                  "(make linux-counts-baseline)" % (name, now[key][0]))
        elif now[key][0] > base[key][0] or now[key][1] > base[key][1]:
            failed += 1
            print("FAIL %s: %s instructions (%s without padding), the baseline %s (%s)"
                  % (name, now[key][0], now[key][1], base[key][0], base[key][1]))
        else:
            passed += 1
            if now[key] != base[key]:
                print("  %s: %s instructions, down from %s: make linux-counts-baseline "
                      "to keep it" % (name, now[key][0], base[key][0]))
    print("counts-gate: %d passed, %d failed, %d skipped" % (passed, failed, skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
