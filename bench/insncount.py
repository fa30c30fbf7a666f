#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR MIT
"""insncount.py - instructions per conversion, pmm against Linux's macros

Reads object files built from bench/convert_wrappers.c, whose wrappers are
named bench_pmm_<model>_<conversion> and bench_linux_<model>_<conversion>,
disassembles them with objdump -d and counts each wrapper's instructions:
every instruction inside the function's symbol (its size, from the symbol
table), ret included, the alignment padding after it not, and a gcc
"<name>.cold" part added to its function.

    insncount.py [--show MODEL/CONVERSION] LABEL=OBJECT...

prints one markdown table per object (model x conversion: pmm, Linux,
equal) and exits 1 if pmm needs more instructions than Linux anywhere,
2 if the objects cannot be read or a wrapper calls out (its count would
leave the callee out).  --show prints both sides' disassembly of one
conversion, e.g. --show sparse_extreme/pfn_valid.
"""

import argparse
import re
import subprocess
import sys

CONVERSIONS = ("pfn_to_page", "page_to_pfn", "pfn_valid")
# the order of convert_wrappers.c; others follow alphabetically
MODEL_ORDER = ("flat", "discontig_table", "discontig_search", "sparse_static",
               "sparse_extreme", "vmemmap_const", "vmemmap_var")
SIDES = ("pmm", "linux")

WRAPPER = re.compile(r"^bench_(pmm|linux)_(\w+?)_(%s)(\.cold)?$"
                     % "|".join(CONVERSIONS))
# objdump -t: "0000000000000000 g     F .text	000000000000000f bench_..."
SYMBOL = re.compile(r"^([0-9a-f]+)\s.*\sF\s+(\S+)\s+([0-9a-f]+)\s+(\S+)$")
SECTION = re.compile(r"^Disassembly of section (\S+):$")
LABEL = re.compile(r"^([0-9a-f]+) <(\S+)>:$")
INSN = re.compile(r"^\s*([0-9a-f]+):\s+(\S.*)$")


class CountError(Exception):
    pass


def objdump(args):
    try:
        return subprocess.run(["objdump"] + args, check=True, text=True,
                              capture_output=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        raise CountError("objdump %s: %s" % (" ".join(args), e))


def function_sizes(obj):
    """{symbol name: (section, size)} for every function symbol"""
    sizes = {}
    for line in objdump(["-t", obj]).splitlines():
        m = SYMBOL.match(line)
        if m:
            sizes[m.group(4)] = (m.group(2), int(m.group(3), 16))
    return sizes


def disassemble(obj):
    """{symbol name: [instruction text]} within each function's size"""
    sizes = function_sizes(obj)
    funcs, section, name, start, body = {}, None, None, 0, None
    for line in objdump(["-d", "--no-show-raw-insn", obj]).splitlines():
        m = SECTION.match(line)
        if m:
            section, name = m.group(1), None
            continue
        m = LABEL.match(line)
        if m:
            name, start = m.group(2), int(m.group(1), 16)
            sec_size = sizes.get(name)
            if sec_size is None or sec_size[0] != section:
                name = None             # not a function symbol: skip it
                continue
            body = funcs.setdefault(name, [])
            continue
        m = INSN.match(line)
        if m and name is not None:
            if int(m.group(1), 16) < start + sizes[name][1]:
                body.append(m.group(2).strip())
    return funcs


def check_self_contained(name, insns):
    """CountError if function @name calls (or tail-jumps) out: its count
    would leave the callee's instructions out"""
    for insn in insns:
        if re.match(r"(call|jmp)\w*\s+[0-9a-f]+ <(?!%s)" % re.escape(name), insn):
            raise CountError("%s calls out: %s" % (name, insn))


def wrappers(obj):
    """{(model, conversion): {side: [instructions]}}, .cold parts joined"""
    table = {}
    for name, insns in disassemble(obj).items():
        m = WRAPPER.match(name)
        if not m:
            continue
        side, model, conv = m.group(1), m.group(2), m.group(3)
        table.setdefault((model, conv), {}).setdefault(side, []).extend(insns)
    if not table:
        raise CountError("%s: no bench_pmm_*/bench_linux_* wrappers" % obj)
    for (model, conv), sides in table.items():
        for side in SIDES:
            if side not in sides:
                raise CountError("%s: bench_%s_%s_%s is missing"
                                 % (obj, side, model, conv))
            try:
                check_self_contained("bench_%s_%s_%s" % (side, model, conv),
                                     sides[side])
            except CountError as e:
                raise CountError("%s: %s" % (obj, e))
    return table


def model_key(model):
    if model in MODEL_ORDER:
        return (0, MODEL_ORDER.index(model), model)
    return (1, 0, model)


def rows(table):
    """[(model, conversion, pmm count, linux count)] in table order"""
    out = []
    for model in sorted({m for m, _ in table}, key=model_key):
        for conv in CONVERSIONS:
            sides = table.get((model, conv))
            if sides:
                out.append((model, conv, len(sides["pmm"]), len(sides["linux"])))
    return out


def markdown(label, counted):
    lines = ["| model (%s) | conversion | pmm | Linux | equal |" % label,
             "|---|---|---:|---:|---|"]
    for model, conv, pmm, lnx in counted:
        verdict = "yes" if pmm == lnx else ("no: pmm fewer" if pmm < lnx
                                            else "**NO: pmm more**")
        lines.append("| %s | %s | %d | %d | %s |" % (model, conv, pmm, lnx, verdict))
    return "\n".join(lines)


def parse_objects(specs):
    objects = []
    for spec in specs:
        label, sep, path = spec.partition("=")
        if not sep or not label or not path:
            raise CountError("expected LABEL=OBJECT, got %r" % spec)
        objects.append((label, path))
    return objects


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("objects", nargs="+", metavar="LABEL=OBJECT")
    ap.add_argument("--show", metavar="MODEL/CONVERSION",
                    help="print both sides' disassembly of one conversion")
    args = ap.parse_args(argv)

    worse = []
    try:
        for label, path in parse_objects(args.objects):
            table = wrappers(path)
            counted = rows(table)
            print(markdown(label, counted))
            print()
            worse += ["%s %s/%s: pmm %d, Linux %d" % (label, m, c, p, l)
                      for m, c, p, l in counted if p > l]
            if args.show:
                model, _, conv = args.show.partition("/")
                sides = table.get((model, conv))
                if not sides:
                    raise CountError("no wrappers for %s" % args.show)
                for side in SIDES:
                    print("%s bench_%s_%s_%s (%d):" % (label, side, model, conv,
                                                       len(sides[side])))
                    print("\n".join("\t" + i for i in sides[side]))
                print()
    except CountError as e:
        print("insncount: %s" % e, file=sys.stderr)
        return 2
    if worse:
        print("insncount: pmm needs more instructions than Linux's macro:",
              file=sys.stderr)
        for w in worse:
            print("\t" + w, file=sys.stderr)
        return 1
    print("insncount: pmm matches or beats Linux's macro in every conversion")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
