#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR MIT
"""check_results.py - a sweep's results file is whole

    check_results.py RESULTS.json CONFIGS.txt

CONFIGS.txt lists the sweep's configurations (sweep_bench --sweep_list).
Every configuration ran (no benchmark skipped with an error); in each
that times the conversions, every operation of every side (pmm, Linux,
the limit; Linux's only where the model is Linux's, and the smoke
sweep's peers, Xen's and FreeBSD's models, must have run) has a time in
both forms, every wrapper's benchmark carries an
instruction count and TSC ticks where the context says there is a TSC;
each hotplug configuration (+hotplug) timed every kind of call it has,
with the hooks' counters, and each boot (+boot, +boot-deferred) its
pmm_init, and pmm_deferred_init on 1 thread and on all CPUs where it
defers; the context names the CPU, the compiler, the flags and the sweep.
The TSC and 2 MiB page checks are skipped where the host has neither.
Ends with "test-bench-sweep: N passed, M failed, K skipped".
"""

import json
import sys

REQUIRED_CONTEXT = ("cpu_model", "compiler", "cflags", "sweep", "nr_configs",
                    "transparent_hugepage", "git_commit")


# what every hotplug configuration times, and what one with ZONE_DEVICE adds
HOTPLUG_OPS = ("add_pages", "remove_pages", "add+remove_pages", "add_memory+online",
               "offline+remove_memory", "add+online+offline+remove", "pfn_to_online_page")
DEVICE_OPS = ("memremap", "memunmap", "memremap+memunmap")
HOTPLUG_COUNTERS = ("populate", "depopulate", "grace_periods", "alloc_KiB", "free_KiB",
                    "hooks_us", "faults", "rss_KiB", "memmap_KiB")


def case_checks(benches, labels, configs):
    """[(what, ok)] of the hotplug and boot configurations"""
    out = []
    for config in configs:
        mine = [l for b, l in zip(benches, labels) if b["name"].startswith(config + "/")]
        ops = {l.get("op") for l in mine}
        if config.endswith("+hotplug"):
            want = HOTPLUG_OPS + (DEVICE_OPS if "/vmemmap" in config else ())
            missing = [op for op in want if op not in ops]
            out.append(("%s: every kind of call timed (missing: %s)"
                        % (config, ", ".join(missing) or "none"), not missing))
        else:
            cases = {l.get("case") for l in mine}
            want = ["init"] + (["init+deferred/1", "init+deferred/all"]
                               if config.endswith("-deferred") else [])
            missing = [c for c in want if c not in cases]
            out.append(("%s: every boot timed (missing: %s)"
                        % (config, ", ".join(missing) or "none"), not missing))
    cases = [b for b, l in zip(benches, labels) if l.get("bench") in ("hotplug", "boot")]
    short = [b["name"] for b in cases if any(k not in b for k in HOTPLUG_COUNTERS)]
    out.append(("every case has the hooks' counters (%d without)" % len(short), not short))
    return out


def side_checks(benches, labels, configs):
    """[(what, ok)]: every side of every conversions configuration timed,
    Linux's only where the model is Linux's (a peer has no Linux text)"""
    kernel, config_of = {}, []
    for b, l in zip(benches, labels):
        config_of.append(b["name"].split("/" + l.get("op", "") + "/")[0])
        kernel[config_of[-1]] = l.get("kernel", "linux")
    peers = sorted(c for c, k in kernel.items() if k != "linux")
    out = []
    for side in ("pmm", "linux", "limit"):
        want = {c for c in configs if side != "linux" or kernel.get(c) == "linux"}
        for op in ("pfn_to_page", "page_to_pfn", "pfn_valid", "walk"):
            for form in ("throughput", "latency"):
                if op == "walk" and form == "latency":
                    continue
                got = {c for c, l in zip(config_of, labels) if l.get("side") == side
                       and l.get("op") == op and l.get("form") == form}
                out.append(("%s %s %s timed in every configuration (%d of %d)"
                            % (side, op, form, len(got & want), len(want)),
                            want <= got))
    linux_on_peer = [b["name"] for b, l in zip(benches, labels)
                     if l.get("side") == "linux" and l.get("kernel", "linux") != "linux"]
    out.append(("no peer has a Linux side (%d benchmarks do)" % len(linux_on_peer),
                not linux_on_peer))
    out.append(("the peers ran: %s" % (", ".join(peers) or "none"), bool(peers)))
    return out


def checks(results, configs):
    """[(what, ok)]; ok None: skipped, the host cannot show it"""
    benches = results.get("benchmarks", [])
    labels = [dict(w.split("=", 1) for w in b.get("label", "").split() if "=" in w)
              for b in benches]
    errors = [b["name"] + ": " + b.get("error_message", "")
              for b in benches if b.get("error_occurred")]
    out = [("no benchmark skipped: %s" % "; ".join(errors[:3]), not errors)]
    ran = {c for c in configs if any(b["name"].startswith(c + "/") for b in benches)}
    out.append(("%d configurations ran, %d expected" % (len(ran), len(configs)),
                len(ran) == len(configs)))
    out += case_checks(benches, labels, [c for c in configs if "+" in c])
    # the rest is the conversions'
    keep = [i for i, l in enumerate(labels) if l.get("bench", "conversions") == "conversions"]
    benches = [benches[i] for i in keep]
    labels = [labels[i] for i in keep]
    out += side_checks(benches, labels, [c for c in configs if "+" not in c])
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
    else:
        out.append(("TSC ticks per operation: the context says there is no TSC", None))
    ctx = results.get("context", {})
    # where the host gives huge pages on request, the 2 MiB backing got some
    thp = str(ctx.get("transparent_hugepage", ""))
    if "[always]" in thp or "[madvise]" in thp:
        huge = [b for b, l in zip(benches, labels)
                if l.get("backing") == "2m" and b.get("huge_bytes", 0) > 0]
        out.append(("2 MiB pages obtained where asked for (%d benchmarks), THP %s"
                    % (len(huge), thp), bool(huge)))
    else:
        out.append(("2 MiB pages obtained where asked for: THP is %s here"
                    % (thp or "unknown"), None))
    for key in REQUIRED_CONTEXT:
        out.append(("context has %s" % key, bool(ctx.get(key))))
    return out


def main(argv):
    try:
        with open(argv[1]) as f:
            results = json.load(f)
        with open(argv[2]) as f:
            configs = f.read().split()
    except (IndexError, OSError, ValueError) as e:
        print("check_results.py: %s" % e, file=sys.stderr)
        return 2
    passed = failed = skipped = 0
    for what, ok in checks(results, configs):
        if ok is None:
            skipped += 1
            print("SKIP: " + what)
        elif ok:
            passed += 1
        else:
            failed += 1
            print("FAIL: " + what)
    print("test-bench-sweep: %d passed, %d failed, %d skipped"
          % (passed, failed, skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
