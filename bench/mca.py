#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR MIT
"""mca.py - llvm-mca's predictions for CPUs the project does not own

    mca.py --triple TRIPLE --mcpu CPU[,CPU...] [--out ROWS.json] GROUP=FILE.s...

Reads the assembly a compiler wrote for bench/linux/parity.c (make
linux-mca builds it with the kernel's flags, as the architecture's kernel
compiles), takes every wrapper bench_<side>_<variant>_<conversion> out of
it, and asks llvm-mca (Debian's llvm-14) for each CPU:

    throughput	the block's reciprocal throughput: cycles per call when
		calls are independent ("Block RThroughput")
    latency	the cycles of one call through the pipeline, alone
		("Total Cycles" of one iteration)

A straight-line model: every instruction of the function counts, taken
branches or not (but BUG()'s traps and the IBT/BTI landing pads, which
llvm-mca 14 prices at a hundred cycles), and every load hits the L1
cache.  "native" as a CPU is
the host's own (clang's -march=native), which make bench's report sets
beside what it measured, so that a reader sees how far to trust the rest.

Writes {group: [[side, variant, conversion, cpu, throughput, latency],
...]} to --out, and prints a table.  Exit 2 if llvm-mca or a file fails.
"""

import argparse
import json
import re
import subprocess
import sys

MCA = "llvm-mca-14"
WRAPPER = re.compile(r"^bench_(pmm|linux)_(\w+?)_(pfn_to_page|page_to_pfn|pfn_valid|page_to_nid):$")
REGION = re.compile(r"^\[\d+\] Code Region - (\S+)")
TOTAL = re.compile(r"^Total Cycles:\s+(\d+)")
RTHROUGHPUT = re.compile(r"^Block RThroughput:\s+([0-9.]+)")
# a BUG()'s trap: never reached on the measured path, and modelled by
# llvm-mca as a hundred cycles; left out
TRAP = re.compile(r"^(ud2|brk\s|int3)")
# the landing pads of IBT and BTI: nops to the core, which llvm-mca 14
# does not know and prices at a hundred cycles; left out
LANDING = re.compile(r"^(endbr64|endbr32|hint\s+34|bti\b)")


class McaError(Exception):
    pass


def functions(path):
    """{wrapper name: [assembly lines]} of one .s file: the instructions
    and local labels between the wrapper's label and its .size"""
    out, name = {}, None
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            m = WRAPPER.match(line)
            if m:
                name = line[:-1]
                out[name] = []
                continue
            if name is None:
                continue
            text = line.strip()
            if text.startswith(".size"):
                name = None
            elif TRAP.match(text) or LANDING.match(text):
                continue
            elif text and (not text.startswith(".") or re.match(r"^\.L\w+:$", text)):
                out[name].append(line)
    if not out:
        raise McaError("%s: no bench_pmm_*/bench_linux_* wrappers" % path)
    return out


def regions(funcs):
    """one source with every function a region of its own"""
    lines = []
    for name, body in funcs.items():
        lines.append("# LLVM-MCA-BEGIN %s" % name)
        lines += body
        lines.append("# LLVM-MCA-END")
    return "\n".join(lines) + "\n"


def run_mca(source, triple, cpu, iterations):
    """{region: (total cycles, block reciprocal throughput)}"""
    p = subprocess.run([MCA, "-mtriple=" + triple, "-mcpu=" + cpu,
                        "-iterations=%d" % iterations, "-"],
                       input=source, capture_output=True, text=True)
    if p.returncode:
        raise McaError("%s -mcpu=%s: %s" % (MCA, cpu, p.stderr.strip()[:500]))
    out, region, total = {}, None, None
    for line in p.stdout.splitlines():
        m = REGION.match(line)
        if m:
            region, total = m.group(1), None
            continue
        m = TOTAL.match(line)
        if m:
            total = int(m.group(1))
            continue
        m = RTHROUGHPUT.match(line)
        if m and region:
            out[region] = (total, float(m.group(1)))
    return out


def predict(funcs, triple, cpus):
    """[[side, variant, conversion, cpu, throughput, latency]]"""
    # llvm-mca reads its region markers after '#' on every target
    source = regions(funcs)
    rows = []
    for cpu in cpus:
        alone = run_mca(source, triple, cpu, 1)
        many = run_mca(source, triple, cpu, 100)
        for name in funcs:
            if name not in alone or name not in many:
                raise McaError("llvm-mca -mcpu=%s gave no figures for %s" % (cpu, name))
            side, variant, conv = WRAPPER.match(name + ":").groups()
            rows.append([side, variant, conv, cpu, many[name][1], alone[name][0]])
    return rows


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="+", metavar="GROUP=FILE.s")
    ap.add_argument("--triple", required=True)
    ap.add_argument("--mcpu", required=True, help="CPUs, comma-separated")
    ap.add_argument("--out", metavar="ROWS.json")
    args = ap.parse_args(argv)
    cpus = [c for c in args.mcpu.split(",") if c]
    groups = {}
    try:
        for spec in args.files:
            group, sep, path = spec.partition("=")
            if not sep:
                raise McaError("expected GROUP=FILE.s, got %r" % spec)
            groups.setdefault(group, {}).update(functions(path))
        result = {g: predict(f, args.triple, cpus) for g, f in groups.items()}
    except (McaError, OSError) as e:
        print("mca.py: %s" % e, file=sys.stderr)
        return 2
    if args.out:
        with open(args.out, "w") as f:
            json.dump(result, f, indent=1)
    for group, rows in result.items():
        print("| %s | side | conversion | CPU | throughput | latency |" % group)
        print("|---|---|---|---|---:|---:|")
        for side, variant, conv, cpu, tput, lat in rows:
            print("| %s | %s | %s | %s | %.2f | %d |" % (variant, side, conv, cpu, tput, lat))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
