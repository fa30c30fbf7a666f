#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR MIT
"""hotplug_report.py - build/results/bench-hotplug.md from the hotplug benchmark

    hotplug_report.py --json RESULTS.json --object OBJECT --cflags FLAGS
                      --cxxflags FLAGS --command CMD --out REPORT.md
    hotplug_report.py --check RESULTS.json --list NAMES.txt --self-check LOG
                      --name TARGET

The first form writes the machine, the time of each hotplug and
ZONE_DEVICE change, of its undo and of the two together, per operation
and per MiB, where the time goes (the hooks' system calls, page faults),
and pfn_to_online_page on tainted and untainted sections.  The second
checks that every benchmark hotplug_bench --benchmark_list_tests names
reported a time without an error, and prints "TARGET: ... N passed,
M failed" for make test (the self-check counts from LOG included).
"""

import argparse
import json
import os
import re
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from insncount import compiler_of  # noqa: E402  (beside this script)

# operation names of hotplug_bench.cc: [family] = (change, undo, both)
FAMILIES = [
    ("pmm_add_pages / pmm_remove_pages",
     ("add_pages", "remove_pages", "add+remove_pages")),
    ("pmm_add_memory + pmm_online_pages / pmm_offline_pages + pmm_remove_memory",
     ("add_memory+online", "offline+remove_memory", "add+online+offline+remove")),
    ("pmm_memremap_pages / pmm_memunmap_pages (FS_DAX)",
     ("memremap", "memunmap", "memremap+memunmap")),
]
PHASE_OF = {op: (f, p) for f, (_, ops) in enumerate(FAMILIES) for p, op in enumerate(ops)}
INSTANCES = ("vmemmap", "sparse")
SCALE = {"ns": 1e-3, "us": 1.0, "ms": 1e3, "s": 1e6}	# to microseconds


def base_name(b):
    """the benchmark's name without google-benchmark's suffixes"""
    name = b.get("run_name", b["name"])
    return re.sub(r"/manual_time$", "", name)


def medians(results):
    """{name: {"us": time, counter: value, ...}}: the median over the
    repetitions (real time, which is the manual time where there is one)"""
    runs, aggs = {}, {}
    for b in results["benchmarks"]:
        if b.get("error_occurred"):
            continue
        name = base_name(b)
        row = {k: v for k, v in b.items() if isinstance(v, (int, float))
               and k not in ("family_index", "per_family_instance_index",
                             "repetitions", "repetition_index", "threads")}
        row["us"] = b["real_time"] * SCALE[b.get("time_unit", "ns")]
        if b.get("run_type") == "aggregate":
            if b.get("aggregate_name") == "median":
                aggs[name] = row
        else:
            runs.setdefault(name, []).append(row)
    out = dict(aggs)
    for name, rows in runs.items():
        if name in out:
            continue
        out[name] = {k: statistics.median(r[k] for r in rows if k in r)
                     for k in rows[0]}
    return out


def case_key(case):
    """2M before 128M before 1G, variants after their size"""
    m = re.match(r"(\d+)([MG])(.*)", case)
    if not m:
        return (1 << 40, case)
    mib = int(m.group(1)) * (1024 if m.group(2) == "G" else 1)
    return (mib, m.group(3))


def changes(med):
    """[(instance, family, case, [change, undo, both] rows)] in report order"""
    found = {}
    for name, row in med.items():
        parts = name.split("/")
        if len(parts) != 3 or parts[1] not in PHASE_OF:
            continue
        fam, phase = PHASE_OF[parts[1]]
        found.setdefault((parts[0], fam, parts[2]), [None, None, None])[phase] = row
    return sorted(((i, f, c, rows) for (i, f, c), rows in found.items()),
                  key=lambda t: (INSTANCES.index(t[0]) if t[0] in INSTANCES else 9,
                                 t[1], case_key(t[2])))


def fmt_us(us):
    if us is None:
        return "-"
    if us >= 100:
        return "%.0f" % us
    if us >= 10:
        return "%.1f" % us
    return "%.2f" % us


def time_table(rows):
    lines = ["| instance | change / undo | case | MiB | change µs | undo µs | "
             "change+undo µs | change µs/MiB | undo µs/MiB |",
             "|---|---|---|---:|---:|---:|---:|---:|---:|"]
    for inst, fam, case, (do, undo, both) in rows:
        ref = do or undo or both
        mib = ref.get("MiB", 0)
        per = [fmt_us(r["us"] / mib) if r and mib else "-" for r in (do, undo)]
        lines.append("| %s | %s | %s | %g | %s | %s | %s | %s | %s |" % (
            inst, "%s / %s" % FAMILIES[fam][1][:2], case, mib,
            fmt_us(do and do["us"]), fmt_us(undo and undo["us"]),
            fmt_us(both and both["us"]), per[0], per[1]))
    return "\n".join(lines)


def share(r):
    if not r or not r["us"]:
        return "-"
    return "%.0f%%" % (100.0 * r.get("hooks_us", 0) / r["us"])


def cost_table(rows):
    lines = ["| instance | change / undo | case | memmap KiB | populate calls | "
             "depopulate calls | grace periods | page faults | alloc KiB | "
             "in hooks, change | in hooks, undo |",
             "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for inst, fam, case, (do, undo, both) in rows:
        ref = do or undo or both
        lines.append("| %s | %s | %s | %g | %g | %g | %g | %g | %.1f | %s | %s |" % (
            inst, "%s / %s" % FAMILIES[fam][1][:2], case,
            round(ref.get("memmap_KiB", 0), 1),
            round(do.get("populate", 0), 1) if do else 0,
            round(undo.get("depopulate", 0), 1) if undo else 0,
            round((do.get("grace_periods", 0) if do else 0) +
                  (undo.get("grace_periods", 0) if undo else 0), 1),
            round(do.get("faults", 0), 1) if do else 0,
            do.get("alloc_KiB", 0) if do else 0,
            share(do), share(undo)))
    return "\n".join(lines)


def read_table(med):
    rows = []
    for name, row in med.items():
        parts = name.split("/")
        if len(parts) == 3 and parts[1] == "pfn_to_online_page":
            rows.append((parts[0], parts[2], row))
    rows.sort(key=lambda t: (INSTANCES.index(t[0]) if t[0] in INSTANCES else 9,
                             not t[1].startswith("untainted"), t[2].get("pgmaps", 0), t[1]))
    base = {inst: row["us"] for inst, case, row in rows if case.startswith("untainted")}
    lines = ["| instance | PFNs | pagemaps mapped | ns per call | vs untainted |",
             "|---|---|---:|---:|---:|"]
    for inst, case, row in rows:
        ref = base.get(inst)
        lines.append("| %s | %s | %d | %.2f | %s |" % (
            inst, case, row.get("pgmaps", 0), row["us"] * 1e3,
            "%+.2f ns" % ((row["us"] - ref) * 1e3) if ref is not None else "-"))
    return "\n".join(lines)


def machine(results, obj, cflags, cxxflags, command):
    ctx = results["context"]
    caches = ", ".join("L%d %s %d KiB" % (c["level"], c["type"], c["size"] // 1024)
                       for c in ctx.get("caches", []))
    lines = [
        "| | |",
        "|---|---|",
        "| date | %s |" % ctx.get("date", "?"),
        "| host | %s |" % ctx.get("host_name", "?"),
        "| CPU | %s, %d CPUs at %.0f MHz, frequency scaling %s |"
        % (ctx.get("cpu_model", "?"), ctx.get("num_cpus", 0), ctx.get("mhz_per_cpu", 0),
           "on" if ctx.get("cpu_scaling_enabled") else "off"),
        "| caches | %s |" % caches,
        "| kernel | %s |" % ctx.get("kernel", "?"),
        "| load average | %s |" % ", ".join("%.2f" % x for x in ctx.get("load_avg", [])),
        "| google-benchmark | library built as %s |" % ctx.get("library_build_type", "?"),
        "| grace period | %s |" % ctx.get("grace_period", "?"),
        "| vmemmap instance | %s |" % ctx.get("desc_vmemmap", "?"),
        "| sparse instance | %s |" % ctx.get("desc_sparse", "?"),
        "| boot map | %s |" % ctx.get("boot_map", "?"),
        "| wrappers | %s |" % (compiler_of(obj) if obj else ctx.get("wrappers_compiler", "?")),
        "| C flags | `%s` |" % cflags,
        "| C++ flags | `%s` |" % cxxflags,
        "| command | `%s` |" % command,
    ]
    return "\n".join(lines)


TEXT = """# Hotplug and ZONE_DEVICE: time per call

Written by `make bench-hotplug` (bench/hotplug.mk) from bench/hotplug_bench.cc.
Two pmm instances with x86_64's parameters, SPARSEMEM_VMEMMAP and classic
SPARSEMEM, each booted (pmm_init) on a 1088 MiB map, then changed and
changed back in every benchmark iteration: hot-added memory at 4 GiB,
device ranges at 8 GiB, and a 2 MiB device range in the hole of boot
section 8 (RAM in its first 64 MiB).

**These are userspace figures, system calls included.** The hosted hooks
(pmm_hosted.h) back the vmemmap with `mprotect` (PMM_VMEMMAP_POPULATE) and
give it back with `madvise(MADV_DONTNEED)` + `mprotect` (DEPOPULATE), one
call per 4 KiB page of descriptors; a grace period is a
`membarrier(PRIVATE_EXPEDITED)`; classic SPARSEMEM's 2 MiB section memmaps
come from `mmap` and go back with `munmap`.  The first touch of a fresh
memmap page is a page fault (two, in fact: set_page_links reads the flags
word before it writes it, so the zero page is mapped and then copied).  A
kernel pays none of this: the columns "in hooks" (time inside the hooks,
measured by the hooks themselves, about 1%% of overhead) and "page faults"
say how much of each figure is the host's.  With the hosted hooks, a
vmem_altmap's pages are anonymous memory like the rest (no device to map),
so altmap and no altmap differ only in pmm's bookkeeping.

## Machine

%(machine)s

## Time per change

The clock brackets the calls alone (google-benchmark's manual time): the
change (its undo run untimed), the undo (the change untimed), and both
in one iteration; "change+undo" should be close to the sum of the two.
The median of %(reps)s repetitions, run interleaved at random with the
other benchmarks' (so that a burst of load on a shared machine spoils one
repetition of several rather than all of one).  "2M-fresh" makes and destroys a
section each time; "2M-shared" adds a second sub-section to a section
that keeps its first; "1G" is 8 sections (8 memory blocks) in one call;
"2M-boot-hole" needs no new memmap (the boot section has it) and
taints the section.  The CPU column of the JSON counts both halves of
every iteration and is not used.

%(times)s

## Where the time goes

Per call, the median over the repetitions of the per-iteration means:
memmap backing populated by the change (and freed by the undo), the hooks'
calls (each a system call or two), grace periods (the change's and the
undo's), minor page faults during the change, bytes from PMM_ALLOC, and
the share of the time spent inside the hooks.

%(costs)s

## The read side: pfn_to_online_page

Random PFNs (a fixed seed) of boot RAM, one call per iteration.  Section 7
is untainted.  Section 8 is tainted by a 2 MiB device range in its hole:
every PFN there, RAM or device, takes the slow path that asks which
pagemap holds it, a walk of the mapped pagemaps (the hole's pagemap is
mapped first, so it is found last; the others are 2 MiB ranges at 16 GiB).
Linux keeps pagemaps in an xarray indexed by PFN instead of a list.
With the hosted RCU read side (a per-thread slot), median of %(reps)s
repetitions.

%(reads)s
"""


def write_report(args):
    with open(args.json) as f:
        results = json.load(f)
    med = medians(results)
    rows = changes(med)
    reps = "?"
    for b in results["benchmarks"]:
        reps = str(b.get("repetitions", "?"))
        break
    text = TEXT % {
        "machine": machine(results, args.object, args.cflags, args.cxxflags, args.command),
        "reps": reps,
        "times": time_table(rows),
        "costs": cost_table(rows),
        "reads": read_table(med),
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        f.write(text)
    return 0


def check(args):
    """every listed benchmark reported, none with an error"""
    with open(args.list) as f:
        names = [line.strip() for line in f if line.strip()]
    with open(args.check) as f:
        results = json.load(f)
    ok, bad = set(), set()
    for b in results["benchmarks"]:
        name = b.get("run_name", b["name"])
        if b.get("error_occurred"):
            bad.add(name)
            print("%s: %s: %s" % (args.name, name, b.get("error_message", "error")),
                  file=sys.stderr)
        elif b.get("iterations", 0) >= 1 and b.get("real_time", 0) > 0:
            ok.add(name)
    missing = [n for n in names if n not in ok and n not in bad]
    for n in missing:
        print("%s: %s: no result" % (args.name, n), file=sys.stderr)
    passed = sum(1 for n in names if n in ok and n not in bad)
    failed = len(names) - passed
    sc_passed = sc_failed = 0
    if args.self_check:
        with open(args.self_check) as f:
            m = re.search(r"self-check: (\d+) passed, (\d+) failed", f.read())
        if m:
            sc_passed, sc_failed = int(m.group(1)), int(m.group(2))
        else:
            sc_failed = 1
    print("%s: %d benchmarks ran, %d self-checks: %d passed, %d failed"
          % (args.name, passed, sc_passed + sc_failed, passed + sc_passed,
             failed + sc_failed))
    return 1 if failed or sc_failed or not names else 0


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json")
    ap.add_argument("--object", default="")
    ap.add_argument("--cflags", default="")
    ap.add_argument("--cxxflags", default="")
    ap.add_argument("--command", default="")
    ap.add_argument("--out")
    ap.add_argument("--check", metavar="RESULTS.json")
    ap.add_argument("--list", metavar="NAMES.txt")
    ap.add_argument("--self-check", metavar="LOG")
    ap.add_argument("--name", default="hotplug_report")
    args = ap.parse_args(argv)
    try:
        if args.check:
            if not args.list:
                ap.error("--check needs --list")
            return check(args)
        if not args.json or not args.out:
            ap.error("--json and --out are required")
        return write_report(args)
    except (OSError, ValueError, KeyError) as e:
        print("hotplug_report: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
