#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR MIT
"""check_results.py - a sweep's results file is whole

    check_results.py RESULTS.json NR_CONFIGS

Every configuration ran (no benchmark skipped with an error), every
operation of every side (pmm, Linux, the limit) has a time in both forms,
every wrapper's benchmark carries an instruction count, every benchmark
its TSC ticks where the context says there is a TSC, and the context
names the CPU, the compiler, the flags and the sweep.  Ends with "test-bench-sweep: N passed, M failed".
"""

import json
import sys

REQUIRED_CONTEXT = ("cpu_model", "compiler", "cflags", "sweep", "nr_configs",
                    "transparent_hugepage", "git_commit")


def checks(results, nr_configs):
    """[(what, ok)]"""
    benches = results.get("benchmarks", [])
    labels = [dict(w.split("=", 1) for w in b.get("label", "").split() if "=" in w)
              for b in benches]
    errors = [b["name"] + ": " + b.get("error_message", "")
              for b in benches if b.get("error_occurred")]
    out = [("no benchmark skipped: %s" % "; ".join(errors[:3]), not errors)]
    units = {(l.get("unit"), l.get("map"), l.get("backing")) for l in labels}
    out.append(("%d configurations ran, %d expected" % (len(units), nr_configs),
                len(units) == nr_configs))
    for side in ("pmm", "linux", "limit"):
        for op in ("pfn_to_page", "page_to_pfn", "pfn_valid", "walk"):
            for form in ("throughput", "latency"):
                if op == "walk" and form == "latency":
                    continue
                n = sum(1 for l in labels if l.get("side") == side and l.get("op") == op
                        and l.get("form") == form)
                out.append(("%s %s %s timed in every configuration (%d)"
                            % (side, op, form, n), n >= nr_configs))
    # the limit has no wrapper: it is a yardstick, not a conversion
    missing = [b["name"] for b, l in zip(benches, labels)
               if l.get("op") != "walk" and l.get("side") != "limit"
               and "instructions" not in b]
    out.append(("every conversion has an instruction count (%d without)" % len(missing),
                not missing))
    timed = [b for b in benches if b.get("items_per_second", 0) > 0]
    out.append(("every benchmark processed items", len(timed) == len(benches)))
    if results.get("context", {}).get("tsc"):
        stamped = [b for b in benches if b.get("tsc_per_op", 0) > 0]
        out.append(("every benchmark has TSC ticks per operation (%d of %d)"
                    % (len(stamped), len(benches)), len(stamped) == len(benches)))
    ctx = results.get("context", {})
    # where the host gives huge pages on request, the 2 MiB backing got some
    thp = str(ctx.get("transparent_hugepage", ""))
    if "[always]" in thp or "[madvise]" in thp:
        huge = [b for b, l in zip(benches, labels)
                if l.get("backing") == "2m" and b.get("huge_bytes", 0) > 0]
        out.append(("2 MiB pages obtained where asked for (%d benchmarks), THP %s"
                    % (len(huge), thp), bool(huge)))
    for key in REQUIRED_CONTEXT:
        out.append(("context has %s" % key, bool(ctx.get(key))))
    return out


def main(argv):
    try:
        with open(argv[1]) as f:
            results = json.load(f)
        nr = int(argv[2])
    except (IndexError, OSError, ValueError) as e:
        print("check_results.py: %s" % e, file=sys.stderr)
        return 2
    passed = failed = 0
    for what, ok in checks(results, nr):
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL: " + what)
    print("test-bench-sweep: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
