#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR MIT
"""insncount.py - instructions per conversion, pmm against Linux's

Reads object files built from bench/linux/parity.c, whose wrappers are named bench_pmm_<model>_<conversion>
and bench_linux_<model>_<conversion>, disassembles them with objdump -d
and counts each wrapper's instructions twice: every instruction inside the
function's symbol (its size, from the symbol table), ret included, the
alignment padding after it not, and a gcc "<name>.cold" part added to its
function; and the same less the padding inside it (nop instructions that
align a loop or a branch target).

    insncount.py [--objdump CMD] [--both] [--allow FILE] [--show MODEL/CONVERSION]
                 LABEL=OBJECT...

    insncount.py --matrix ROWS.json...
    insncount.py --sweep BINARY [--results RESULTS.json] [--strict]

prints one markdown table per label (objects of one label are one table:
model x conversion: pmm, Linux, equal; with --both also the counts
without padding; a peer, Xen's or FreeBSD's model, has pmm's count alone) and exits 1 if pmm needs more instructions than Linux
anywhere (in either count with --both), 2 if the objects cannot be read
or a wrapper calls out (its count would leave the callee out).  --show
prints both sides' disassembly of one conversion, e.g. --show
sparse_extreme/pfn_valid.  --objdump names the target's objdump, e.g.
aarch64-linux-gnu-objdump.  --allow names known excesses, each with its
reason (bench/linux/excesses.txt): shown in bold with the reason, and a
failure only if pmm's count grows past the one stated.  --rows FILE
(with --both) keeps the counts as JSON; --matrix reads such files and
prints one table per conversion, model by group, for the report.

--sweep counts the sweep binary's wrappers sweep_<unit>_<side>_<op>
(bench/sweep_unit.h) the same way, writes each count into the
google-benchmark results of --results as "instructions" (matched by the
unit, side and op of a benchmark's label), and says in how many (unit, op)
pairs pmm needs no more than Linux; --strict exits 1 if it needs more in
any.
"""

import argparse
import json
import os
import re
import subprocess
import sys

CONVERSIONS = ("pfn_to_page", "page_to_pfn", "pfn_valid", "page_to_nid")
# the sweep's order of variants; others follow alphabetically
MODEL_ORDER = ("flat", "discontig_table", "discontig_search", "sparse_static",
               "sparse_extreme", "vmemmap_const", "vmemmap_var")
# the peers, Xen's and FreeBSD's models: pmm's wrappers alone, no Linux text
PEERS = ("xen_pdx_mask", "xen_pdx_offset", "freebsd_dense", "freebsd_sparse")
MODEL_ORDER += PEERS
SIDES = ("pmm", "linux")

WRAPPER = re.compile(r"^bench_(pmm|linux)_(\w+?)_(%s)(\.cold)?$"
                     % "|".join(CONVERSIONS))
# objdump -t: "0000000000000000 g     F .text	000000000000000f bench_..."
# (ppc64's ELFv2 puts a local entry's st_other, "0x60", before the name)
SYMBOL = re.compile(r"^([0-9a-f]+)\s.*\sF\s+(\S+)\s+([0-9a-f]+)\s+(?:0x[0-9a-f]+\s+)?(\S+)$")
SECTION = re.compile(r"^Disassembly of section (\S+):$")
LABEL = re.compile(r"^([0-9a-f]+) <(\S+)>:$")
INSN = re.compile(r"^\s*([0-9a-f]+):\s+(\S.*)$")
# padding: x86's nop forms (with data16/cs prefixes, or xchg %ax,%ax),
# the RISC nops, and powerpc's ori r2,r2,0 (its group-ending nop)
PADDING = re.compile(r"^(?:(?:data16|cs|ds)\s+)*(?:nop\w*|xchg\s+%ax,%ax|ori\s+r2,r2,0$)")
# a call or tail jump out: x86's call/jmp, arm64's bl/b, riscv's jal/j,
# s390's brasl/jg
# (a jump to a local .L label stays inside the function)
CALL_OUT = r"(?:call|jmp|bl|b|jal|j|brasl|jg)\w*\s+(?:%%r\d+,)?[0-9a-f]+ <(?!%s|\.L)"

# the objdump of the objects' target (--objdump)
OBJDUMP = ["objdump"]


class CountError(Exception):
    pass


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


def objdump(args):
    try:
        return subprocess.run(OBJDUMP + args, check=True, text=True,
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
            sec_size = sizes.get(m.group(2))
            if sec_size is None or sec_size[0] != section:
                # a local label inside the current function (riscv's
                # objdump shows .L labels): the function goes on
                continue
            name, start = m.group(2), int(m.group(1), 16)
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
        if re.match(CALL_OUT % re.escape(name), insn):
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
            if side == "linux" and model in PEERS:
                if side in sides:
                    raise CountError("%s: a peer, %s, has a Linux side" % (obj, model))
                continue
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


def without_padding(insns):
    """the instructions less the alignment padding among them"""
    return [i for i in insns if not PADDING.match(i)]


def rows_both(table):
    """[(model, conversion, pmm, Linux, pmm without padding, Linux
    without padding)] in table order; a peer's Linux counts are None"""
    def count(insns, padded=True):
        if insns is None:
            return None
        return len(insns) if padded else len(without_padding(insns))

    out = []
    for model in sorted({m for m, _ in table}, key=model_key):
        for conv in CONVERSIONS:
            sides = table.get((model, conv))
            if sides:
                pmm, lnx = sides["pmm"], sides.get("linux")
                out.append((model, conv, count(pmm), count(lnx),
                            count(pmm, False), count(lnx, False)))
    return out


def more(pmm, lnx):
    """does pmm need more than Linux?  Never for a peer, which has no Linux"""
    return lnx is not None and pmm > lnx


def rows(table):
    """[(model, conversion, pmm count, linux count)] in table order"""
    return [row[:4] for row in rows_both(table)]


def verdict(pmm, lnx):
    if lnx is None:
        return "peer: pmm alone"
    if pmm == lnx:
        return "yes"
    return "no: pmm fewer" if pmm < lnx else "**NO: pmm more**"


def read_allowances(path):
    """{(label, model, conversion): (pmm at most, reason)} from @path"""
    allowed = {}
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(None, 4)
            if len(parts) < 5 or "/" not in parts[1]:
                raise CountError("%s:%d: expected GROUP MODEL/CONVERSION PMM LINUX REASON"
                                 % (path, n))
            model, _, conv = parts[1].partition("/")
            allowed[(parts[0], model, conv)] = (int(parts[2]), parts[4])
    return allowed


def known_excess(allowed, label, row):
    """the reason @allowed gives for @row's excess (a rows_both row in
    which pmm needs more in either count), None if it is none it knows or
    pmm's count grew past the one it states"""
    model, conv, pmm, _, pmm_np, _ = row
    known = allowed.get((label, model, conv))
    return known[1] if known and max(pmm, pmm_np) <= known[0] else None


def markdown_both(label, counted, allowed):
    lines = ["| model (%s) | conversion | pmm | Linux | pmm, no padding | "
             "Linux, no padding | equal |" % label,
             "|---|---|---:|---:|---:|---:|---|"]
    for row in counted:
        model, conv, pmm, lnx, pmm_np, lnx_np = row
        if lnx is None:
            lines.append("| %s | %s | %d | - | %d | - | %s |"
                         % (model, conv, pmm, pmm_np, verdict(pmm, lnx)))
            continue
        # pmm more in either count is the verdict; else fewer in either
        worst = max(pmm - lnx, pmm_np - lnx_np)
        word = verdict(worst, 0) if worst else verdict(min(pmm - lnx, pmm_np - lnx_np), 0)
        reason = known_excess(allowed, label, row) if worst > 0 else None
        if reason:
            word = "**pmm more, known:** %s" % reason
        lines.append("| %s | %s | %d | %d | %d | %d | %s |"
                     % (model, conv, pmm, lnx, pmm_np, lnx_np, word))
    return "\n".join(lines)


def markdown(label, counted):
    lines = ["| model (%s) | conversion | pmm | Linux | equal |" % label,
             "|---|---|---:|---:|---|"]
    for model, conv, pmm, lnx in counted:
        lines.append("| %s | %s | %d | %s | %s |" % (model, conv, pmm,
                                                   "-" if lnx is None else lnx,
                                                   verdict(pmm, lnx)))
    return "\n".join(lines)


# rows whose Linux side is not 6.1's text: DISCONTIGMEM left Linux in 5.14
TRANSCRIBED = {"discontig_table": "5.10 transcription",
               "discontig_search": "5.10 transcription"}
TRANSCRIBED.update((peer, "peer: pmm alone") for peer in PEERS)


def matrix(groups):
    """one markdown table per conversion: model x group, each cell
    "pmm / Linux", with the counts without padding in brackets where they
    differ; bold where pmm needs more in either count, with the stated
    reason's number.  @groups: {label: [rows_both row + (reason,)]}"""
    labels = list(groups)
    reasons = []
    out = []
    for conv in CONVERSIONS:
        models = sorted({r[0] for rows in groups.values() for r in rows if r[1] == conv},
                        key=model_key)
        if not models:
            continue
        out += ["", "**%s** (pmm / Linux; without padding in brackets where it differs)"
                % conv, "",
                "| model | " + " | ".join(labels) + " |",
                "|---|" + "---:|" * len(labels)]
        for model in models:
            cells = []
            for label in labels:
                row = next((r for r in groups[label] if r[:2] == [model, conv]), None)
                if not row:
                    cells.append("-")
                    continue
                _, _, pmm, lnx, pmm_np, lnx_np, reason = row
                if lnx is None:
                    cells.append("%d / -%s" % (pmm, "" if pmm_np == pmm else
                                               " (%d / -)" % pmm_np))
                    continue
                cell = "%d / %d" % (pmm, lnx)
                if (pmm_np, lnx_np) != (pmm, lnx):
                    cell += " (%d / %d)" % (pmm_np, lnx_np)
                if pmm > lnx or pmm_np > lnx_np:
                    said = "%s %s/%s: %s" % (label, model, conv,
                                             reason or "**no stated reason**")
                    reasons.append(said)
                    cell = "**%s** [%d]" % (cell, len(reasons))
                cells.append(cell)
            name = model + (" (%s)" % TRANSCRIBED[model] if model in TRANSCRIBED else "")
            out.append("| %s | %s |" % (name, " | ".join(cells)))
    if reasons:
        out += ["", "Where pmm needs more, and why:", ""]
        out += ["%d. %s" % (n, r) for n, r in enumerate(reasons, 1)]
    return "\n".join(out[1:])


# ---------------------------------------------------------------- the sweep

SWEEP_WRAPPER = re.compile(r"^sweep_(u[0-9a-f]+)_(pmm|linux)_(\w+?)(\.cold)?$")
SWEEP_OPS = CONVERSIONS + ("pfn_to_section",)


def sweep_counts(binary):
    """{(unit, side, op): instructions} of the sweep binary's wrappers"""
    counts, bodies = {}, {}
    for name, insns in disassemble(binary).items():
        m = SWEEP_WRAPPER.match(name)
        if not m or m.group(3) not in SWEEP_OPS:
            continue
        bodies.setdefault(m.groups()[:3], []).extend(insns)
    for (unit, side, op), insns in bodies.items():
        check_self_contained("sweep_%s_%s_%s" % (unit, side, op), insns)
        counts[(unit, side, op)] = len(insns)
    if not counts:
        raise CountError("%s: no sweep_<unit>_<side>_<op> wrappers" % binary)
    return counts


def annotate(path, counts):
    """write "instructions" into each benchmark of the results at @path;
    how many got one"""
    try:
        with open(path) as f:
            results = json.load(f)
    except (OSError, ValueError) as e:
        raise CountError("%s: %s" % (path, e))
    n = 0
    for b in results.get("benchmarks", []):
        words = dict(w.split("=", 1) for w in b.get("label", "").split() if "=" in w)
        key = (words.get("unit"), words.get("side"), words.get("op"))
        if key in counts:
            b["instructions"] = counts[key]
            n += 1
    results.setdefault("context", {})["instructions"] = \
        "static count of each out-of-line wrapper, ret included (objdump)"
    with open(path + ".tmp", "w") as f:
        json.dump(results, f, indent=2)
    os.replace(path + ".tmp", path)
    return n


def sweep_main(args):
    """--sweep: count, annotate, and the verdict"""
    try:
        counts = sweep_counts(args.sweep)
        if args.results:
            print("insncount: %d benchmarks of %s given instruction counts"
                  % (annotate(args.results, counts), args.results))
    except (CountError, OSError) as e:
        print("insncount: %s" % e, file=sys.stderr)
        return 2
    pairs = [(u, op) for (u, side, op) in counts
             if side == "pmm" and (u, "linux", op) in counts]
    worse = sorted("%s %s: pmm %d, Linux %d" % (u, op, counts[(u, "pmm", op)],
                                                 counts[(u, "linux", op)])
                   for u, op in pairs
                   if counts[(u, "pmm", op)] > counts[(u, "linux", op)])
    print("insncount: %d units; pmm needs no more instructions than Linux's own "
          "text in %d of %d (unit, op) pairs"
          % (len({k[0] for k in counts}), len(pairs) - len(worse), len(pairs)))
    for w in worse:
        print("\tmore: " + w)
    return 1 if worse and args.strict else 0


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
    ap.add_argument("objects", nargs="*", metavar="LABEL=OBJECT")
    ap.add_argument("--show", metavar="MODEL/CONVERSION",
                    help="print both sides' disassembly of one conversion")
    ap.add_argument("--objdump", default="objdump",
                    help="the objects' objdump (default objdump)")
    ap.add_argument("--both", action="store_true",
                    help="count without the padding too; both must hold")
    ap.add_argument("--allow", metavar="FILE",
                    help="known excesses and their reasons (with --both)")
    ap.add_argument("--rows", metavar="FILE",
                    help="with --both, write the counts as JSON for --matrix")
    ap.add_argument("--matrix", metavar="ROWS.json", nargs="+",
                    help="print one table per conversion of the groups in these files")
    ap.add_argument("--sweep", metavar="BINARY", help="count the sweep binary's wrappers")
    ap.add_argument("--results", metavar="RESULTS.json",
                    help="with --sweep, the results to write the counts into")
    ap.add_argument("--strict", action="store_true",
                    help="with --sweep, exit 1 where pmm needs more")
    args = ap.parse_args(argv)
    OBJDUMP[:] = [args.objdump]
    if args.sweep:
        return sweep_main(args)
    if args.matrix:
        try:
            groups = {}
            for path in args.matrix:
                with open(path) as f:
                    groups.update(json.load(f))
        except (OSError, ValueError) as e:
            print("insncount: %s" % e, file=sys.stderr)
            return 2
        print(matrix(groups))
        return 0
    if not args.objects:
        ap.error("name the objects: LABEL=OBJECT...")

    worse = []
    try:
        allowed = read_allowances(args.allow) if args.allow else {}
        known = 0
        groups = {}
        counted_rows = {}
        for label, path in parse_objects(args.objects):
            groups.setdefault(label, []).append(path)
        for label, paths in groups.items():
            table = {}
            for path in paths:
                table.update(wrappers(path))
            if args.both:
                counted = rows_both(table)
                print(markdown_both(label, counted, allowed))
                counted_rows[label] = [list(row) + [known_excess(allowed, label, row)]
                                       for row in counted]
                for row in counted:
                    m, c, p, l, pn, ln = row
                    if not more(p, l) and not more(pn, ln):
                        continue
                    if known_excess(allowed, label, row):
                        known += 1
                    else:
                        worse.append("%s %s/%s: pmm %d, Linux %d; without padding %d, %d"
                                     % (label, m, c, p, l, pn, ln))
            else:
                counted = rows(table)
                print(markdown(label, counted))
                worse += ["%s %s/%s: pmm %d, Linux %d" % (label, m, c, p, l)
                          for m, c, p, l in counted if more(p, l)]
            print()
            if args.show:
                model, _, conv = args.show.partition("/")
                sides = table.get((model, conv))
                if not sides:
                    raise CountError("no wrappers for %s" % args.show)
                for side in (s for s in SIDES if s in sides):
                    print("%s bench_%s_%s_%s (%d):" % (label, side, model, conv,
                                                       len(sides[side])))
                    print("\n".join("\t" + i for i in sides[side]))
                print()
        if args.rows:
            with open(args.rows, "w") as f:
                json.dump(counted_rows, f, indent=1)
    except (CountError, OSError, ValueError) as e:
        print("insncount: %s" % e, file=sys.stderr)
        return 2
    if worse:
        print("insncount: pmm needs more instructions than Linux's macro:",
              file=sys.stderr)
        for w in worse:
            print("\t" + w, file=sys.stderr)
        return 1
    if known:
        print("insncount: pmm matches or beats Linux in every conversion but the known excesses")
    else:
        print("insncount: pmm matches or beats Linux's macro in every conversion")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
