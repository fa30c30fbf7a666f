#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR MIT
"""sweep_report.py - the report of the benchmark sweep, or a comparison of CPUs

    sweep_report.py RESULTS.json [MORE.json ...] --out REPORT.md
                    [--plots DIR | --no-plots] [--boot HYPERFINE.json] [--check]

RESULTS.json is google-benchmark's JSON output of the sweep binary.  Every
benchmark is described by its label ("unit=... preset=... model=...
variant=... op=... pattern=... side=..."), never by its name.  The time of
one operation is 1e9 / items_per_second (a walk's item is one PFN); with
repetitions, the median aggregate is used.

One file gives a report of that CPU; several give a comparison (`make
compare`): every table gets a column per CPU and a ratio column per CPU
after the first, relative to the first.  Files of one machine and sweep
that differ only in their "shard" are merged into one CPU first.

The report, in order: the machine; each conversion inlined, throughput
and latency, beside the limit (the least work it can be done with) and
Linux's own text; which model is fastest per operation
(x86_64 reference configurations on the "holes" map); instructions per
operation; pmm against Linux's own text; how the cost moves along each
axis of the sweep (a table and a PNG per axis, in --plots, by default
beside --out); memmap overhead per map; real machines' layouts; boot init
from hyperfine (--boot); skipped configurations.

--check exits 1 if, for some (unit, op), pmm's wrapper has more
instructions than Linux's own text (they are printed), or if no
(unit, op) has counts for both; --out is then optional.

Exit status 2, with one line "sweep_report.py: FILE: reason", on input
that cannot be read or is malformed.  The same inputs give the same report.
"""

import argparse
import json
import lzma
import math
import os
import re
import sys

PROG = "sweep_report.py"

# Words every label carries.
REQUIRED = ("unit", "preset", "model", "variant", "page_shift", "section_bits",
            "physmem_bits", "extreme", "pfn_offset", "struct_page", "nodes_shift",
            "vmemmap_base", "nid_by", "map", "map_kind", "nodes", "op", "pattern",
            "side")

# Report order (bench/sweep.h's enums); unknown names sort after these.
LINUX_VARIANTS = ("flat", "discontig_table", "discontig_search", "sparse_static",
                  "sparse_extreme", "vmemmap_const", "vmemmap_var")
# the peers: Xen's and FreeBSD's models, pmm's implementation alone
PEER_VARIANTS = ("xen_pdx_mask", "xen_pdx_offset", "freebsd_dense", "freebsd_sparse")
VARIANTS = LINUX_VARIANTS + PEER_VARIANTS
KERNELS = ("linux", "xen", "freebsd")
MODELS = ("flat", "discontig", "sparse", "vmemmap")
OPS = ("pfn_to_page", "page_to_pfn", "pfn_valid", "page_to_nid",
       "pfn_to_section", "walk")
PATTERNS = ("sequential", "random", "stride", "all")
SPARSE_VARIANTS = ("sparse_static", "sparse_extreme", "vmemmap_const", "vmemmap_var")

# The reference configuration: x86_64 with 4 KiB pages, 128 MiB sections,
# 46 physical address bits, EXTREME, no PFN offset, a 64-byte struct page,
# a variable vmemmap base, pfn_to_nid by table, on the "holes" map.  Each
# list is in order of preference; a value not listed is not reference.
# The variant implies extreme, vmemmap_base and nid_by, so the values that
# only one variant has (sparse_static's extreme=0, vmemmap_const, a search)
# are listed last: they make that variant's reference row.
REFERENCE = {
    "preset": ("x86_64",),
    "page_shift": ("12",),
    "section_bits": ("27", "0"),
    "physmem_bits": ("46",),
    "extreme": ("-", "1", "0"),
    "pfn_offset": ("0x0",),
    "struct_page": ("64",),
    "vmemmap_base": ("-", "var", "const"),
    "nid_by": ("-", "table", "search"),
    "map": ("holes",),
    "backing": ("2m", "-"),
}
REFERENCE_TEXT = ("preset=x86_64, page_shift=12, section_bits 27 (0 without "
                  "SPARSEMEM), physmem_bits=46, EXTREME, pfn_offset=0x0, "
                  "struct_page=64, vmemmap_base=var, nid_by=table, map=holes, "
                  "memmaps on 2 MiB pages")
NOT_REFERENCE = 99	# the rank of a value that is not in REFERENCE

# The axes of "How the cost moves": (key, title, label word of the x value,
# variants it applies to, what a line is, words left free, x-axis caption).
# A line is a variant, or a model where the axis changes the variant
# (EXTREME turns sparse_static into sparse_extreme).
AXES = (
    ("section_bits", "Section size", "section_bits", SPARSE_VARIANTS, "variant",
     ("section_bits",), "section_bits (log2 of the section size in bytes)"),
    ("extreme", "SPARSEMEM_EXTREME off and on", "extreme", SPARSE_VARIANTS, "model",
     ("extreme",), "extreme"),
    ("struct_page", "Descriptor size", "struct_page", VARIANTS, "variant",
     ("struct_page",), "sizeof(struct page), bytes"),
    ("nodes", "Node count", "nodes", VARIANTS, "variant",
     ("map",), "nodes in the map (holes, numa4, numa16)"),
    ("physmem_bits", "Physical address bits", "physmem_bits", SPARSE_VARIANTS,
     "variant", ("physmem_bits",), "MAX_PHYSMEM_BITS"),
    ("vmemmap_base", "vmemmap base", "vmemmap_base", ("vmemmap_const", "vmemmap_var"),
     "model", ("vmemmap_base",), "vmemmap base"),
    ("pfn_offset", "PFN offset", "pfn_offset", ("flat",), "variant",
     ("pfn_offset",), "ARCH_PFN_OFFSET"),
    ("backing", "Pages behind the memmaps", "backing", VARIANTS, "variant",
     ("backing",), "page size backing the memmaps"),
)
AXIS_OPS = ("pfn_to_page", "page_to_pfn", "pfn_valid", "page_to_nid")
AXIS_PATTERNS = ("random", "sequential")
LAYOUT_OPS = ("pfn_to_page", "pfn_valid")
MEMMAP_FREE = ("map", "preset", "page_shift", "physmem_bits", "section_bits")


class InputError(Exception):
    """unreadable or malformed input: "FILE: reason" """


# ---------------------------------------------------------------- numbers

def fmt_ns(ns):
    """ns with 2 decimals below 10, 1 decimal otherwise"""
    if ns is None:
        return "-"
    if round(ns, 2) < 10:
        return "%.2f" % ns
    return "%.1f" % ns


def fmt_ratio(r):
    """a ratio: 2 decimals and "x" """
    if r is None:
        return "-"
    return "%.2fx" % r


def fmt_count(n):
    """an integer count"""
    return "%d" % n


def fmt_bytes(n):
    """a size in bytes as KiB, MiB, GiB or TiB"""
    for unit, shift in (("TiB", 40), ("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if n >= 1 << shift:
            v = n / float(1 << shift)
            return ("%d %s" % (v, unit)) if v == int(v) else ("%s %s" % (fmt_ns(v), unit))
    return "%d B" % n


def geomean(values):
    """the geometric mean of positive @values"""
    return math.exp(sum(math.log(v) for v in values) / len(values))


def order_key(value, order=()):
    """sort key: @value's place in @order, then numbers (hex too) in
    numeric order, then other words, with "-" last"""
    if value in order:
        return (0, order.index(value), 0, "")
    if value == "-":
        return (3, 0, 0, "")
    try:
        return (1, 0, int(value, 0), "")
    except (TypeError, ValueError):
        return (2, 0, 0, str(value))


def natural_key(name):
    """sort key for names with numbers in them: numa4 before numa16"""
    return [(0, int(t), "") if t.isdigit() else (1, 0, t)
            for t in re.split(r"(\d+)", name)]


# ---------------------------------------------------------------- input

def parse_label(label):
    """{key: value} of a label's "key=value" words (other words ignored)"""
    words = {}
    for word in label.split():
        if "=" in word:
            k, v = word.split("=", 1)
            words[k] = v
    return words


def normalise(words):
    """labels' values in one spelling: pfn_offset as lower-case hex"""
    off = words.get("pfn_offset")
    if off not in (None, "-"):
        try:
            words["pfn_offset"] = hex(int(off, 0))
        except ValueError:
            pass
    return words


def base_name(b):
    """a benchmark's run name: its name without an aggregate's suffix"""
    if b.get("run_name"):
        return str(b["run_name"])
    name = str(b.get("name", ""))
    if b.get("run_type") == "aggregate" and b.get("aggregate_name"):
        suffix = "_" + b["aggregate_name"]
        if name.endswith(suffix):
            return name[:-len(suffix)]
    return name


def median(values):
    """the median of @values (the lower middle one of an even count)"""
    values = sorted(values)
    return values[(len(values) - 1) // 2]


def number(v):
    """@v if it is a finite number (not a bool), else None"""
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        return None
    return v


def as_int(path, name, key, v):
    """counter @key of benchmark @name as an int (google-benchmark writes
    counters as doubles); None if absent or not finite"""
    if v is None or number(v) is not None:
        return None if v is None else int(round(v))
    if isinstance(v, float):
        return None
    raise InputError("%s: benchmark %s: %s is not a number" % (path, name, key))


def read_json(path):
    """the parsed JSON file at @path (xz-compressed if it ends in .xz, as
    the runs kept under docs/ are), or InputError"""
    try:
        opener = lzma.open if path.endswith(".xz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            return json.load(f)
    except OSError as e:
        raise InputError("%s: %s" % (path, e.strerror or e))
    except (ValueError, UnicodeDecodeError, EOFError, lzma.LZMAError) as e:
        raise InputError("%s: not JSON (%s)" % (path, e))


def entry_ns(path, b):
    """ns per operation of one entry: 1e9 / items_per_second"""
    ips = number(b.get("items_per_second"))
    if ips is None or ips <= 0:
        raise InputError("%s: benchmark %s has no items_per_second"
                         % (path, b.get("name", "?")))
    return 1e9 / ips


def load(path):
    """one results file as {"path", "context", "rows", "skipped"}: a row
    per measured benchmark (label words, "ns", "insns", counters, "name"),
    and (message, name) per skipped one"""
    data = read_json(path)
    if not isinstance(data, dict) or not isinstance(data.get("benchmarks"), list):
        raise InputError("%s: no \"benchmarks\" list" % path)
    context = data.get("context")
    if not isinstance(context, dict):
        context = {}
    medians, runs, skipped, errors = {}, {}, [], set()
    for b in data["benchmarks"]:
        if not isinstance(b, dict):
            raise InputError("%s: a benchmark entry is not an object" % path)
        name = base_name(b)
        if b.get("error_occurred") or b.get("skipped") in (True, "error_occurred"):
            if name not in errors:
                errors.add(name)
                msg = str(b.get("error_message") or b.get("skip_message") or "error")
                skipped.append((msg.strip(), name))
            continue
        if b.get("run_type") == "aggregate":
            if b.get("aggregate_name") == "median":
                medians[name] = b
            continue
        runs.setdefault(name, []).append(b)
    rows, cases = [], []
    for name in sorted(set(medians) | set(runs)):
        if name in errors:
            continue
        first = (runs.get(name) or [medians.get(name)])[0]
        label = first.get("label") if isinstance(first.get("label"), str) else ""
        if parse_label(label).get("bench", "conversions") != "conversions":
            cases.append(make_case(path, name, medians.get(name), runs.get(name, [])))
        else:
            rows.append(make_row(path, name, medians.get(name), runs.get(name, [])))
    # "rows": pmm and Linux in throughput, what every table but the
    # inlined one compares; "inlined": every side and form; "cases":
    # hotplug calls and boots (bench/sweep_cases.c)
    return {"path": path, "context": context, "files": [path], "skipped": skipped,
            "rows": [r for r in rows if r["form"] == "throughput" and r["side"] != "limit"],
            "inlined": rows, "cases": cases}


def make_row(path, name, agg, runs):
    """a row: the time from a median aggregate @agg, else the median of
    @runs; the label, instructions and counters from the first run (an
    aggregate loses its label where the runs' labels differ)"""
    first = runs[0] if runs else agg
    label = first.get("label")
    if not isinstance(label, str) or not label.strip():
        raise InputError("%s: benchmark %s has no label" % (path, name))
    words = parse_label(label)
    for key in REQUIRED:
        if key not in words:
            raise InputError("%s: benchmark %s: label lacks %s=" % (path, name, key))
    words.setdefault("backing", "-")	# results before the backing axis
    row = normalise(words)
    if agg is not None:
        row["ns"] = entry_ns(path, agg)
    else:
        row["ns"] = median(entry_ns(path, b) for b in runs)
    row["name"] = name
    # results before the inlined loops had one form and no limit
    row["form"] = words.get("form", "throughput")
    tsc = first.get("tsc_per_op")
    row["tsc"] = float(tsc) if isinstance(tsc, (int, float)) and tsc > 0 else None
    row["insns"] = as_int(path, name, "instructions", first.get("instructions"))
    for key in ("memmap_bytes", "metadata_bytes", "ram_bytes", "huge_bytes"):
        row[key] = as_int(path, name, key, first.get(key))
    return row


# Words every case's label carries, and its counters (bench/sweep_cases.c)
CASE_REQUIRED = ("unit", "variant", "map", "backing", "bench", "deferred", "op", "case")
CASE_COUNTERS = ("populate", "depopulate", "grace_periods", "alloc_KiB", "free_KiB",
                 "hooks_us", "faults", "rss_KiB", "memmap_KiB")


def make_case(path, name, agg, runs):
    """a hotplug or boot case's row: its label's words, "ns" per call (per
    lookup for pfn_to_online_page), its counters per iteration"""
    first = runs[0] if runs else agg
    words = parse_label(first.get("label") or "")
    for key in CASE_REQUIRED:
        if key not in words:
            raise InputError("%s: benchmark %s: label lacks %s=" % (path, name, key))
    row = words
    row["ns"] = entry_ns(path, agg) if agg is not None else \
        median(entry_ns(path, b) for b in runs)
    row["name"] = name
    for key in CASE_COUNTERS:
        v = number(first.get(key))
        row[key] = float(v) if v is not None else None
    return row


def split_case(name):
    """(configuration, case) of a hotplug or boot benchmark's name, else None"""
    m = re.match(r"(.*\+(?:hotplug|boot(?:-deferred)?))/(.*?)(?:/iterations:\d+)?"
                 r"(?:/manual_time)?$", name)
    return (m.group(1), m.group(2)) if m else None


def merge_shards(sets):
    """files of one machine and sweep with distinct "shard"s, as one set"""
    groups, order = {}, []
    for s in sets:
        ctx = s["context"]
        shard = str(ctx.get("shard", "")).strip()
        ident = tuple(str(ctx.get(k, "")) for k in
                      ("host_name", "cpu_model", "compiler", "cflags", "sweep"))
        key = ident if shard and shard != "-" else ("file", s["path"])
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(s)
    out = []
    for key in order:
        group = groups[key]
        shards = [str(s["context"].get("shard")) for s in group]
        if len(group) == 1 or len(set(shards)) != len(shards):
            out.extend(group)
            continue
        merged = dict(group[0])
        merged["rows"], merged["inlined"], merged["skipped"], merged["files"] = [], [], [], []
        merged["cases"] = []
        for part in ("rows", "inlined", "cases"):
            seen = set()
            for s in group:
                for row in s[part]:
                    if row["name"] not in seen:
                        seen.add(row["name"])
                        merged[part].append(row)
        for s in group:
            merged["skipped"].extend(s["skipped"])
            merged["files"].extend(s["files"])
        merged["shards"] = shards
        out.append(merged)
    return out


def name_sets(sets):
    """each set's column heading: its CPU model (or host), with the file
    name where two would read the same"""
    names = [str(s["context"].get("cpu_model") or s["context"].get("host_name")
                 or os.path.basename(s["path"])) for s in sets]
    for i, s in enumerate(sets):
        if names.count(names[i]) > 1:
            s["label"] = "%s (%s)" % (names[i], ", ".join(
                os.path.basename(f) for f in s["files"]))
        else:
            s["label"] = names[i]
    seen = {}
    for s in sets:		# identical files: number them
        n = seen.get(s["label"], 0)
        seen[s["label"]] = n + 1
        if n:
            s["label"] = "%s #%d" % (s["label"], n + 1)


# ---------------------------------------------------------------- selection

def rank(row, key):
    """@row's preference for @key in REFERENCE: 0 best, NOT_REFERENCE if
    not a reference value ("holes@..." is a moved holes map, next best)"""
    prefs = REFERENCE[key]
    value = row.get(key)
    if value in prefs:
        return prefs.index(value)
    if key == "map" and value.split("@")[0] in prefs:
        return len(prefs)
    return NOT_REFERENCE


def distance(row, free=()):
    """(words off the reference, their ranks): smaller is closer"""
    ranks = tuple(rank(row, k) for k in REFERENCE if k not in free)
    return (sum(1 for r in ranks if r == NOT_REFERENCE), ranks)


def off_reference(row, free=()):
    """the words of @row that are not reference values, as text"""
    return " ".join("%s=%s" % (k, row[k]) for k in REFERENCE
                    if k not in free and rank(row, k) == NOT_REFERENCE)


def row_key(row):
    """a tie-break between equally close rows: their labels' words"""
    return tuple(sorted((k, str(v)) for k, v in row.items() if k in REQUIRED))


def pick(rows, group, free=(), strict=True, first=None):
    """{group(row): the row closest to the reference} over @rows for which
    group() is not None; @strict keeps reference rows only (but for the
    words in @free); @first sorts before closeness"""
    best = {}
    for row in rows:
        g = group(row)
        if g is None:
            continue
        d = distance(row, free)
        if strict and d[0]:
            continue
        k = ((first(row),) if first else ()) + (d, row_key(row))
        if g not in best or k < best[g][0]:
            best[g] = (k, row)
    return {g: v[1] for g, v in best.items()}


def kernel_of(variant):
    """whose answer a variant is: "linux", "xen" or "freebsd" """
    return variant.split("_")[0] if variant in PEER_VARIANTS else "linux"


def variants_in(sets, side="pmm", only=None):
    """the variants @sets have on @side, in report order"""
    found = {r["variant"] for s in sets for r in s["rows"] if r["side"] == side}
    if only is not None:
        found &= set(only)
    return sorted(found, key=lambda v: order_key(v, VARIANTS))


# ---------------------------------------------------------------- tables

class Cell:
    """a table cell: @value for ratios between CPUs (None: none), @text"""

    def __init__(self, value, text, ratio=True):
        self.value = value
        self.text = text
        self.ratio = ratio and isinstance(value, (int, float)) and value > 0


def ns_cell(ns):
    """a cell of ns per operation"""
    return Cell(ns, fmt_ns(ns))


def text_cell(text):
    """a cell of text, no ratio between CPUs"""
    return Cell(None, text, ratio=False)


class Table:
    """rows of cells under named columns, with row keys for merging CPUs
    @head: the row keys' column names; @cols: the value columns;
    @rows: {row key tuple: {column: Cell}}; @sort: {row key: sort key}"""

    def __init__(self, head, cols):
        self.head = list(head)
        self.cols = list(cols)
        self.rows = {}
        self.sort = {}

    def put(self, key, sort, col, cell):
        """set the cell of row @key (sorted by @sort) in column @col"""
        if col not in self.cols:
            self.cols.append(col)
        self.rows.setdefault(key, {})[col] = cell
        self.sort[key] = sort

    def ordered(self):
        """the row keys in report order"""
        return sorted(self.rows, key=lambda k: self.sort[k])


def esc(text):
    """@text safe inside a markdown table cell"""
    return str(text).replace("|", "\\|").replace("\n", " ")


def md_row(cells):
    """one markdown table row"""
    return "| " + " | ".join(esc(c) for c in cells) + " |"


def render_one(t):
    """a table of one CPU"""
    if not t.rows:
        return "(no data)"
    numeric = {c for cells in t.rows.values() for c, cell in cells.items()
               if cell.value is not None}
    align = [":---"] * len(t.head) + ["---:" if c in numeric else ":---" for c in t.cols]
    lines = [md_row(t.head + t.cols), "|" + "|".join(align) + "|"]
    for key in t.ordered():
        cells = t.rows[key]
        lines.append(md_row(list(key) + [cells[c].text if c in cells else "-"
                                         for c in t.cols]))
    return "\n".join(lines)


def render_many(tables, labels, measure):
    """the same table of several CPUs: a row per (row key, column) with a
    column per CPU and a ratio to the first CPU per other CPU"""
    keys, sort = set(), {}
    cols = []
    for t in tables:
        keys |= set(t.rows)
        sort.update(t.sort)
        cols += [c for c in t.cols if c not in cols]
    if not keys:
        return "(no data)"
    head = tables[0].head + [measure] + labels + [
        "%s / %s" % (lab, labels[0]) for lab in labels[1:]]
    align = [":---"] * (len(tables[0].head) + 1) + ["---:"] * (2 * len(labels) - 1)
    lines = [md_row(head), "|" + "|".join(align) + "|"]
    for key in sorted(keys, key=lambda k: sort[k]):
        for col in cols:
            cells = [t.rows.get(key, {}).get(col) for t in tables]
            if all(c is None for c in cells):
                continue
            texts = [c.text if c else "-" for c in cells]
            ratios = []
            for c in cells[1:]:
                base = cells[0]
                if c and base and c.ratio and base.ratio:
                    ratios.append(fmt_ratio(c.value / base.value))
                else:
                    ratios.append("-")
            lines.append(md_row(list(key) + [col] + texts + ratios))
    return "\n".join(lines)


def render(tables, labels, measure="column"):
    """one table, or the same table of several CPUs side by side"""
    if len(tables) == 1:
        return render_one(tables[0])
    return render_many(tables, labels, measure)


# ---------------------------------------------------------------- 1. machine

def caches_text(ctx):
    """L1d, L2 and L3 sizes from google-benchmark's caches"""
    out = []
    caches = ctx.get("caches")
    for c in caches if isinstance(caches, list) else []:
        if not isinstance(c, dict) or c.get("type") == "Instruction":
            continue
        name = "L%s%s" % (c.get("level", "?"), "d" if c.get("type") == "Data" else "")
        size = c.get("size")
        out.append("%s %s" % (name, fmt_bytes(size) if isinstance(size, int) else "?"))
    return ", ".join(out) or "?"


def backing_text(s):
    """what the host gave the configurations meant for 2 MiB pages"""
    got = {}
    for r in s["inlined"]:
        if r.get("backing") == "2m" and r.get("huge_bytes") is not None:
            got[(r["unit"], r["map"], r["backing"])] = r["huge_bytes"]
    if not got:
        return "not recorded"
    some = sum(1 for v in got.values() if v > 0)
    return ("2 MiB pages asked for in %d configurations, obtained in %d "
            "(AnonHugePages once built; 4 KiB where a configuration says backing=4k)"
            % (len(got), some))


def machine_table(s):
    """the machine and the run of one set"""
    ctx = s["context"]
    units = {(r["unit"], r["map"], r["backing"]) for r in s["rows"]}
    fields = [
        ("CPU", ctx.get("cpu_model", "?")),
        ("host", ctx.get("host_name", "?")),
        ("cores", ctx.get("num_cpus", "?")),
        ("MHz", ctx.get("mhz_per_cpu", "?")),
        ("caches", caches_text(ctx)),
        ("compiler", ctx.get("compiler", "?")),
        ("cflags", "`%s`" % ctx["cflags"] if ctx.get("cflags") else "?"),
        ("sweep", ctx.get("sweep", "?")),
        ("commit", ctx.get("git_commit", "?")),
        ("shard", ", ".join(s["shards"]) if s.get("shards") else ctx.get("shard", "-")),
        ("date", ctx.get("date", "?")),
        ("configurations", "%s in the sweep, %d measured" % (ctx.get("nr_configs", "?"),
                                                            len(units))),
        ("benchmarks", "%d measured, %d skipped" % (len(s["inlined"]), len(s["skipped"]))),
        ("memmap backing", backing_text(s)),
        ("google-benchmark", "library built as %s" % ctx.get("library_build_type", "?")),
        ("files", ", ".join("`%s`" % os.path.basename(f) for f in s["files"])),
    ]
    if ctx.get("command"):
        fields.append(("command", "`%s`" % ctx["command"]))
    t = Table([""], ["value"])
    for i, (k, v) in enumerate(fields):
        t.put((k,), i, "value", text_cell(str(v)))
    return t


def section_machine(sets, labels):
    """1. the machine: a column per CPU when there are several"""
    tables = [machine_table(s) for s in sets]
    if len(sets) == 1:
        t = tables[0]
        lines = ["| | |", "|---|---|"]
        lines += [md_row([k[0], t.rows[k]["value"].text]) for k in t.ordered()]
        return "\n".join(lines)
    keys = tables[0].ordered()
    for t in tables[1:]:
        keys += [k for k in t.ordered() if k not in keys]
    lines = [md_row([""] + labels), "|---|" + "---|" * len(labels)]
    for k in keys:
        lines.append(md_row([k[0]] + [t.rows[k]["value"].text if k in t.rows else "-"
                                      for t in tables]))
    return "\n".join(lines)


# ---------------------------------------------------------------- 2. fastest

def reference_pick(s, side="pmm"):
    """{(variant, op, pattern): reference row} of one set, and a note when
    there is none and the closest rows stand in"""
    group = (lambda r: (r["variant"], r["op"], r["pattern"])
             if r["side"] == side else None)
    chosen = pick(s["rows"], group)
    if chosen:
        return chosen, None
    chosen = pick(s["rows"], group, strict=False)
    if not chosen:
        return chosen, None
    off = sorted({"%s: %s" % (v, off_reference(r)) for (v, _, _), r in chosen.items()},
                 key=lambda t: order_key(t.split(":")[0], VARIANTS))
    return chosen, ("%s has no reference configuration; each variant is shown at "
                    "its closest: %s." % (s["label"], "; ".join(off)))


def fastest_table(s, chosen, variants):
    """ns per op per variant (with the ratio to flat), the fastest and by how much"""
    t = Table(["op", "pattern"], variants + ["fastest", "by"])
    rows = sorted({(op, pat) for (_, op, pat) in chosen},
                  key=lambda k: (order_key(k[0], OPS), order_key(k[1], PATTERNS)))
    for op, pat in rows:
        key, sort = (op, pat), (order_key(op, OPS), order_key(pat, PATTERNS))
        times = {v: chosen[(v, op, pat)]["ns"] for v in variants if (v, op, pat) in chosen}
        flat = times.get("flat")
        for v, ns in times.items():
            text = fmt_ns(ns)
            if flat and v != "flat":
                text += " (%s)" % fmt_ratio(ns / flat)
            t.put(key, sort, v, Cell(ns, text))
        ranked = sorted(times.items(), key=lambda kv: (kv[1], order_key(kv[0], VARIANTS)))
        t.put(key, sort, "fastest", text_cell(ranked[0][0]))
        t.put(key, sort, "by", Cell(ranked[1][1] / ranked[0][1],
                                    fmt_ratio(ranked[1][1] / ranked[0][1]), ratio=False)
              if len(ranked) > 1 else text_cell("-"))
    return t


def section_fastest(sets, labels):
    """2. the main table, with notes on what the reference lacks"""
    tables, notes, missing = [], [], set()
    for s in sets:
        chosen, note = reference_pick(s)
        if note:
            notes.append(note)
        variants = sorted({v for (v, _, _) in chosen}, key=lambda v: order_key(v, VARIANTS))
        missing |= set(variants_in([s])) - set(variants)
        tables.append(fastest_table(s, chosen, variants))
    out = notes[:]
    if missing:
        out.append("Not in a reference configuration, so not in this table: %s."
                   % ", ".join(sorted(missing, key=lambda v: order_key(v, VARIANTS))))
    out.append(render(tables, labels, "variant"))
    return "\n\n".join(out)


# ---------------------------------------------------------------- 2b. inlined

INLINED_PATTERN = "random"
FORMS = ("throughput", "latency")


def fmt_tsc(t):
    """TSC ticks per operation"""
    return "-" if t is None else "%.1f" % t


def inlined_table(s):
    """per (op, form, variant) of the reference configurations, pattern
    random (a walk: all): limit, pmm and Linux in ns, the ratios to the
    limit, and the TSC ticks of each"""
    group = (lambda r: (r["variant"], r["op"], r["form"], r["side"])
             if r["pattern"] in (INLINED_PATTERN, "all") else None)
    chosen = pick(s["inlined"], group)
    t = Table(["op", "form", "variant"],
              ["limit", "pmm", "Linux", "pmm / limit", "Linux / limit",
               "TSC limit", "TSC pmm", "TSC Linux"])
    for (v, op, form, side), r in chosen.items():
        if side != "pmm":
            continue
        key = (op, form, v)
        sort = (order_key(op, OPS), order_key(form, FORMS), order_key(v, VARIANTS))
        lim = chosen.get((v, op, form, "limit"))
        lnx = chosen.get((v, op, form, "linux"))
        t.put(key, sort, "limit", ns_cell(lim["ns"]) if lim else text_cell("-"))
        t.put(key, sort, "pmm", ns_cell(r["ns"]))
        t.put(key, sort, "Linux", ns_cell(lnx["ns"]) if lnx else text_cell("-"))
        for col, row in (("pmm / limit", r), ("Linux / limit", lnx)):
            t.put(key, sort, col, Cell(row["ns"] / lim["ns"], fmt_ratio(row["ns"] / lim["ns"]),
                                       ratio=False) if row and lim else text_cell("-"))
        for col, row in (("TSC limit", lim), ("TSC pmm", r), ("TSC Linux", lnx)):
            t.put(key, sort, col, Cell(row["tsc"], fmt_tsc(row["tsc"]))
                  if row and row["tsc"] else text_cell("-"))
    return t


def section_inlined(sets, labels):
    """each conversion inlined, in both forms, beside the limit and Linux"""
    return render([inlined_table(s) for s in sets], labels, "measure")


# ---------------------------------------------------------------- 2c. predictions

def load_mca(paths):
    """{arch: [[side, variant, conversion, cpu, throughput, latency]]} of
    bench/mca.py's files"""
    out = {}
    for path in paths:
        data = read_json(path)
        if not isinstance(data, dict):
            raise InputError("%s: not an object of groups" % path)
        for arch, rows in data.items():
            if not isinstance(rows, list) or not all(
                    isinstance(r, list) and len(r) == 6 for r in rows):
                raise InputError("%s: %s: rows of 6 fields expected" % (path, arch))
            out.setdefault(arch, []).extend(rows)
    return out


def mca_table(rows):
    """(variant, conversion) by CPU: throughput pmm / Linux, latency in brackets"""
    cpus = []
    for r in rows:
        if r[3] not in cpus:
            cpus.append(r[3])
    t = Table(["variant", "conversion"], cpus)
    idx = {(side, v, conv, cpu): (tput, lat) for side, v, conv, cpu, tput, lat in rows}
    for side, v, conv, cpu, _, _ in rows:
        if side != "pmm":
            continue
        (pt, pl), linux = idx[("pmm", v, conv, cpu)], idx.get(("linux", v, conv, cpu))
        # a peer has no Linux text: its prediction stands alone
        lt, ll = ("%.2f" % linux[0], "%d" % linux[1]) if linux else ("-", "-")
        t.put((v, conv), (order_key(v, VARIANTS), order_key(conv, OPS)), cpu,
              text_cell("%.2f / %s (%d / %s)" % (pt, lt, pl, ll)))
    return t


def measured_vs_predicted(s, rows):
    """this host: llvm-mca's "native" beside the TSC ticks measured, pmm,
    reference configurations, pattern sequential (loads hitting the cache,
    as the model has them)"""
    group = (lambda r: (r["variant"], r["op"], r["form"])
             if r["side"] == "pmm" and r["pattern"] == "sequential" else None)
    chosen = pick(s["inlined"], group)
    t = Table(["variant", "conversion"],
              ["predicted throughput", "measured throughput", "predicted latency",
               "measured latency"])
    for side, v, conv, cpu, tput, lat in rows:
        if side != "pmm" or cpu != "native":
            continue
        key, sort = (v, conv), (order_key(v, VARIANTS), order_key(conv, OPS))
        got_t, got_l = chosen.get((v, conv, "throughput")), chosen.get((v, conv, "latency"))
        t.put(key, sort, "predicted throughput", text_cell("%.2f" % tput))
        t.put(key, sort, "measured throughput", text_cell(fmt_tsc(got_t["tsc"]) if got_t else "-"))
        t.put(key, sort, "predicted latency", text_cell("%d" % lat))
        t.put(key, sort, "measured latency", text_cell(fmt_tsc(got_l["tsc"]) if got_l else "-"))
    return t


def section_mca(sets, labels, mca):
    """llvm-mca per architecture, and the host's prediction beside its figures"""
    out = []
    for arch in sorted(mca):
        out += ["### %s" % arch, render_one(mca_table(mca[arch]))]
        if any(r[3] == "native" for r in mca[arch]):
            for s in sets:
                out += ["This host (%s), llvm-mca's \"native\" beside the TSC ticks "
                        "per operation measured (pmm, pattern sequential):" % s["label"],
                        render_one(measured_vs_predicted(s, mca[arch]))]
    return "\n\n".join(out)


# ---------------------------------------------------------------- 3. instructions

def insn_index(s):
    """{(unit, side, op): instructions} of one set"""
    idx = {}
    for r in s["rows"]:
        if r["insns"] is not None:
            idx.setdefault((r["unit"], r["side"], r["op"]), r["insns"])
    return idx


def insn_table(s):
    """pmm/linux instructions of the reference unit of each (variant, op)"""
    chosen, _ = reference_pick(s)
    idx = insn_index(s)
    units = {}
    for (v, op, pat), r in sorted(chosen.items(), key=lambda kv: order_key(kv[0][2],
                                                                           PATTERNS)):
        units.setdefault((v, op), r["unit"])
    variants = sorted({v for v, _ in units}, key=lambda v: order_key(v, VARIANTS))
    t = Table(["op"], variants)
    for (v, op), unit in units.items():
        pmm, lnx = idx.get((unit, "pmm", op)), idx.get((unit, "linux", op))
        if pmm is None and lnx is None:
            continue
        text = "%s/%s" % ("-" if pmm is None else pmm, "-" if lnx is None else lnx)
        if pmm is not None and lnx is not None and pmm > lnx:
            text = "**%s**" % text
        t.put((op,), order_key(op, OPS), v, Cell(pmm, text, ratio=pmm is not None))
    return t


def section_insns(sets, labels):
    """3. instructions per operation"""
    return render([insn_table(s) for s in sets], labels, "variant")


# ---------------------------------------------------------------- 4. pmm vs linux

def excess(s):
    """[(unit, variant, op, pmm, linux)] where pmm has more instructions,
    and the number of (unit, op) compared"""
    idx = insn_index(s)
    variant = {r["unit"]: r["variant"] for r in s["rows"]}
    worse, compared = [], 0
    for (unit, side, op), n in sorted(idx.items()):
        if side != "pmm" or (unit, "linux", op) not in idx:
            continue
        compared += 1
        lnx = idx[(unit, "linux", op)]
        if n > lnx:
            worse.append((unit, variant[unit], op, n, lnx))
    return worse, compared


def baseline_table(s):
    """per variant: geometric mean, min and max of pmm/linux time over
    every (unit, map, op, pattern) with both sides, their count, and the
    (unit, op) where pmm has more instructions"""
    sides = {}
    for r in s["rows"]:
        sides.setdefault((r["unit"], r["map"], r["backing"], r["op"], r["pattern"]), {})[r["side"]] = r
    ratios = {}
    for pair in sides.values():
        if "pmm" in pair and "linux" in pair:
            ratios.setdefault(pair["pmm"]["variant"], []).append(
                pair["pmm"]["ns"] / pair["linux"]["ns"])
    worse, _ = excess(s)
    idx = insn_index(s)
    variant = {r["unit"]: r["variant"] for r in s["rows"]}
    compared = {}
    for (unit, side, op) in idx:
        if side == "pmm" and (unit, "linux", op) in idx:
            compared[variant[unit]] = compared.get(variant[unit], 0) + 1
    t = Table(["variant"], ["geomean pmm/linux", "min", "max", "configurations",
                            "pmm more instructions"])
    for v in sorted(set(ratios) | set(compared), key=lambda v: order_key(v, VARIANTS)):
        k, sort = (v,), order_key(v, VARIANTS)
        rs = ratios.get(v)
        if rs:
            g = geomean(rs)
            t.put(k, sort, "geomean pmm/linux", Cell(g, fmt_ratio(g)))
            t.put(k, sort, "min", Cell(min(rs), fmt_ratio(min(rs))))
            t.put(k, sort, "max", Cell(max(rs), fmt_ratio(max(rs))))
            t.put(k, sort, "configurations", Cell(len(rs), fmt_count(len(rs)), ratio=False))
        n = sum(1 for w in worse if w[1] == v)
        text = "%d of %d" % (n, compared.get(v, 0))
        t.put(k, sort, "pmm more instructions",
              text_cell("**%s**" % text if n else text))
    return t


def section_baseline(sets, labels):
    """4. pmm against Linux's own text, and where pmm has more instructions"""
    out = [render([baseline_table(s) for s in sets], labels, "measure")]
    for s in sets:
        worse, _ = excess(s)
        if worse:
            out.append("%s: pmm has more instructions than Linux in: %s." % (
                s["label"], "; ".join("%s (%s) %s: %d > %d" % w for w in worse)))
    return "\n\n".join(out)


# ---------------------------------------------------------------- 5. axes

def axis_pick(s, axis):
    """{(line, x value, op, pattern): row} of one set along @axis, every
    other word at its reference value"""
    key, _, word, variants, line, free, _ = axis

    def group(r):
        if (r["side"] != "pmm" or r["variant"] not in variants
                or r["op"] not in AXIS_OPS or r["pattern"] not in AXIS_PATTERNS):
            return None
        if key == "nodes" and not re.fullmatch(r"holes|numa\d+", r["map"]):
            return None
        return (r[line], r[word], r["op"], r["pattern"])
    return pick(s["rows"], group, free=free)


def line_order(axis):
    """the order of an axis's lines: variants, or models"""
    return MODELS if axis[4] == "model" else VARIANTS


def axis_table(chosen, axis):
    """rows (pattern, x value), columns "line op" in ns"""
    t = Table(["pattern", axis[2]], [])
    order = line_order(axis)
    cols = sorted({(ln, op) for (ln, _, op, _) in chosen},
                  key=lambda c: (order_key(c[0], order), order_key(c[1], OPS)))
    t.cols = ["%s %s" % c for c in cols]
    for (ln, x, op, pat), r in chosen.items():
        t.put((pat, x), (order_key(pat, AXIS_PATTERNS), order_key(x)),
              "%s %s" % (ln, op), ns_cell(r["ns"]))
    return t


def plot_axis(axis, picks, labels, path):
    """one PNG: a subplot per op, x = the axis's values, a line per
    variant (or model); the style tells the patterns (one CPU) or the CPUs
    (several, pattern random only) apart"""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    order = line_order(axis)
    xs = sorted({k[1] for p in picks for k in p}, key=order_key)
    ops = sorted({k[2] for p in picks for k in p}, key=lambda o: order_key(o, OPS))
    lines = sorted({k[0] for p in picks for k in p}, key=lambda v: order_key(v, order))
    compare = len(picks) > 1
    styles = ("-", "--", ":", "-.")
    markers = ("o", "s", "^", "D", "v", "P")
    cols = 2 if len(ops) > 1 else 1
    nrows = (len(ops) + cols - 1) // cols
    fig, axes = plt.subplots(nrows, cols, figsize=(6 * cols, 3.6 * nrows), squeeze=False)
    handles = {}
    for i, op in enumerate(ops):
        ax = axes[i // cols][i % cols]
        top = 0.0
        for li, ln in enumerate(lines):
            color = "C%d" % (li % 10)
            series = ([(f, "random", labels[f]) for f in range(len(picks))] if compare
                      else [(0, p, p) for p in AXIS_PATTERNS])
            for si, (f, pat, tag) in enumerate(series):
                ys = [picks[f].get((ln, x, op, pat)) for x in xs]
                ys = [r["ns"] if r else float("nan") for r in ys]
                if all(math.isnan(y) for y in ys):
                    continue
                top = max([top] + [y for y in ys if not math.isnan(y)])
                h, = ax.plot(range(len(xs)), ys, styles[si % len(styles)],
                             marker=markers[si % len(markers)], color=color)
                handles.setdefault("%s, %s" % (ln, tag), h)
        ax.set_title(op)
        ax.set_xticks(range(len(xs)))
        ax.set_xticklabels(xs)
        ax.set_xlabel(axis[6])
        ax.set_ylabel("ns/op")
        ax.set_ylim(0, top * 1.12 or 1.0)	# room above the highest line
        ax.grid(True, alpha=0.3)
    for j in range(len(ops), nrows * cols):
        axes[j // cols][j % cols].axis("off")
    fig.suptitle("%s: ns per operation%s" % (axis[1], " (random)" if compare else ""))
    fig.legend(list(handles.values()), list(handles.keys()), loc="lower center",
               ncol=min(4, max(1, len(handles))), fontsize="small")
    rows_of_legend = (len(handles) + 3) // 4
    fig.tight_layout(rect=(0, min(0.4, 0.032 * rows_of_legend + 0.03), 1, 0.95))
    fig.savefig(path, dpi=90, metadata={"Software": None})
    plt.close(fig)


def section_axes(sets, labels, plots, out_dir, stem, notes):
    """a subsection per axis; @plots is the PNG directory or None"""
    out = []
    for axis in AXES:
        picks = [axis_pick(s, axis) for s in sets]
        xs = {k[1] for p in picks for k in p}
        out.append("### %s" % axis[1])
        if len(xs) < 2:
            out.append("Skipped: the results have %s for %s at otherwise reference "
                       "values." % ("one value" if xs else "no value", axis[2]))
            continue
        out.append(render([axis_table(p, axis) for p in picks], labels, "line, op"))
        if plots is not None and not notes.get("no-matplotlib"):
            png = os.path.join(plots, "%s-%s.png" % (stem, axis[0]))
            try:
                plot_axis(axis, picks, labels, png)
            except ImportError:
                notes["no-matplotlib"] = True
                continue
            rel = os.path.relpath(png, out_dir).replace(os.sep, "/")
            out.append("![%s](%s)" % (axis[1], rel))
    return "\n\n".join(out)


# ---------------------------------------------------------------- 6. memmap

def map_sort(r):
    """layouts first, then synthetic maps, by name"""
    return (0 if r["map_kind"] == "layout" else 1, natural_key(r["map"]))


def memmap_rows(sets):
    """{(map, variant): row} with counters, from the first set that has it,
    the closest to a reference configuration with struct_page=64"""
    found = {}
    for s in sets:
        rows = [r for r in s["rows"] if r["side"] == "pmm"
                and r["memmap_bytes"] is not None and r["ram_bytes"]]
        chosen = pick(rows, lambda r: (r["map"], r["variant"]), free=MEMMAP_FREE,
                      strict=False, first=lambda r: rank(r, "struct_page"))
        for k, r in chosen.items():
            found.setdefault(k, r)
    return found


def section_memmap(sets, found):
    """6. memmap overhead per (map, variant), one table for all CPUs
    (@found: memmap_rows)"""
    if not found:
        return "(no data: no memmap_bytes and ram_bytes counters)"
    lines = ["| map | kind | variant | preset | struct_page | RAM | memmap MiB | "
             "% of RAM | metadata KiB |",
             "|:---|:---|:---|:---|---:|---:|---:|---:|---:|"]
    for (m, v), r in sorted(found.items(), key=lambda kv: (
            map_sort(kv[1]), order_key(kv[0][1], VARIANTS))):
        meta = r["metadata_bytes"]
        lines.append(md_row([m, r["map_kind"], v, r["preset"], r["struct_page"],
                             fmt_bytes(r["ram_bytes"]),
                             fmt_ns(r["memmap_bytes"] / 2.0 ** 20),
                             "%.2f%%" % (100.0 * r["memmap_bytes"] / r["ram_bytes"]),
                             "-" if meta is None else fmt_ns(meta / 1024.0)]))
    out = "\n".join(lines)
    if len(sets) > 1:
        out = ("The counters belong to the configuration, not the CPU: each is "
               "taken from the first file that has it.\n\n" + out)
    return out


def memmap_plot(found, path):
    """one PNG: memmap bytes (log scale) per model over the real maps, a
    group of bars per map, a bar per variant"""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    layouts = sorted({m for (m, _), r in found.items() if r["map_kind"] == "layout"},
                     key=natural_key)
    variants = sorted({v for (m, v) in found if m in layouts},
                      key=lambda v: order_key(v, VARIANTS))
    width = 0.8 / max(1, len(variants))
    fig, ax = plt.subplots(figsize=(max(8, 1.1 * len(layouts) + 3), 5.5))
    for i, v in enumerate(variants):
        xs = [j + (i - (len(variants) - 1) / 2.0) * width for j in range(len(layouts))]
        ys = [found[(m, v)]["memmap_bytes"] / 2.0 ** 20 if (m, v) in found else float("nan")
              for m in layouts]
        ax.bar(xs, ys, width, label=v, color="C%d" % (i % 10),
               hatch="//" if kernel_of(v) != "linux" else None)
    ax.set_yscale("log")
    ax.set_xticks(range(len(layouts)))
    ax.set_xticklabels(layouts, rotation=30, ha="right", fontsize="small")
    ax.set_ylabel("memmap, MiB (log)")
    ax.set_title("Memmap bytes per model on real machines' maps "
                 "(hatched: Xen's and FreeBSD's models)")
    ax.grid(True, axis="y", alpha=0.3)
    # below the bars, which fill the plot's width
    fig.legend(*ax.get_legend_handles_labels(), loc="lower center", ncol=6,
               fontsize="small")
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    fig.savefig(path, dpi=90, metadata={"Software": None})
    plt.close(fig)


def section_memmap_plot(found, plots, out_dir, stem, notes):
    """the plot of memmap bytes over the real maps (@found: memmap_rows),
    or why there is none"""
    if not any(r["map_kind"] == "layout" for r in found.values()):
        return "No plot: no real machine's map was measured."
    if plots is None or notes.get("no-matplotlib"):
        return ""
    png = os.path.join(plots, "%s-memmap.png" % stem)
    try:
        memmap_plot(found, png)
    except ImportError:
        notes["no-matplotlib"] = True
        return "No plot: matplotlib is not available."
    return "![memmap bytes per model](%s)" % os.path.relpath(png, out_dir).replace(os.sep, "/")


# ---------------------------------------------------------------- 6b. kernels

KERNEL_OPS = ("pfn_to_page", "page_to_pfn", "pfn_valid", "page_to_nid", "walk")


def cheapest_by_kernel(items):
    """{kernel: (cost, variant)}: each kernel's cheapest of @items, an
    iterable of (variant, cost)"""
    best = {}
    for v, cost in items:
        k = kernel_of(v)
        if k not in best or cost < best[k][0]:
            best[k] = (cost, v)
    return best


def kernel_table(s, found):
    """rows (map, op, form): each kernel's cheapest model on that map (pmm's
    implementations, pattern random, the configuration closest to the
    reference), the cheapest kernel and by how much; first in each map, a
    row of memmap bytes (@found: memmap_rows).  Maps where one kernel
    alone was measured are left out."""
    rows = [r for r in s["inlined"] if r["side"] == "pmm" and r["op"] in KERNEL_OPS
            and r["pattern"] in (INLINED_PATTERN, "all")]
    chosen = pick(rows, lambda r: (r["map"], r["variant"], r["op"], r["form"]),
                  free=MEMMAP_FREE, strict=False)
    t = Table(["map", "op", "form"], [k for k in KERNELS if any(
        kernel_of(v) == k for (_, v, _, _) in chosen)] + ["cheapest", "by"])
    groups, map_row = {}, {}
    for (m, v, op, form), r in chosen.items():
        groups.setdefault((m, op, form), []).append((v, r["ns"]))
        map_row.setdefault(m, r)
    for m, r in map_row.items():
        groups[(m, "memmap", "bytes")] = [(v, f["memmap_bytes"])
                                          for (fm, v), f in found.items() if fm == m]
    for (m, op, form), items in groups.items():
        best = cheapest_by_kernel(items)
        if len(best) < 2:
            continue
        memmap = op == "memmap"
        key = (m, op, form)
        sort = (map_sort(map_row[m]), not memmap, order_key(op, KERNEL_OPS),
                order_key(form, FORMS))
        for k, (cost, v) in best.items():
            text = fmt_bytes(cost) if memmap else fmt_ns(cost) + " ns"
            t.put(key, sort, k, Cell(cost, "%s (%s)" % (text, v)))
        ranked = sorted(best.items(), key=lambda kv: (kv[1][0], order_key(kv[0], KERNELS)))
        (first, (low, _)), (_, (second, _)) = ranked[0], ranked[1]
        t.put(key, sort, "cheapest", text_cell(first))
        t.put(key, sort, "by", text_cell(fmt_ratio(second / low) if low > 0 else "-"))
    return t


def section_kernels(sets, labels, found):
    """which kernel's answer is cheapest on each map, per operation
    (@found: memmap_rows)"""
    return render([kernel_table(s, found) for s in sets], labels, "kernel")


# ---------------------------------------------------------------- 7. layouts

def layout_table(s):
    """rows (layout, op), columns the presets used and ns per variant"""
    rows = [r for r in s["rows"] if r["map_kind"] == "layout" and r["side"] == "pmm"
            and r["pattern"] == "random" and r["op"] in LAYOUT_OPS]
    chosen = pick(rows, lambda r: (r["map"], r["variant"], r["op"]),
                  free=MEMMAP_FREE, strict=False)
    variants = sorted({v for (_, v, _) in chosen}, key=lambda v: order_key(v, VARIANTS))
    t = Table(["map", "op"], ["preset"] + variants + ["fastest"])
    for m, op in sorted({(m, op) for (m, _, op) in chosen},
                        key=lambda k: (natural_key(k[0]), order_key(k[1], OPS))):
        key, sort = (m, op), (natural_key(m), order_key(op, OPS))
        got = {v: chosen[(m, v, op)] for v in variants if (m, v, op) in chosen}
        presets = sorted({r["preset"] for r in got.values()})
        t.put(key, sort, "preset", text_cell(", ".join(presets)))
        for v, r in got.items():
            t.put(key, sort, v, ns_cell(r["ns"]))
        best = min(got.items(), key=lambda kv: (kv[1]["ns"], order_key(kv[0], VARIANTS)))
        t.put(key, sort, "fastest", text_cell(best[0]))
    return t


def section_layouts(sets, labels):
    """7. real machines' layouts"""
    return render([layout_table(s) for s in sets], labels, "variant")


# ---------------------------------------------------------------- 8. boot

def fmt_seconds(mean, sd):
    """hyperfine's mean ± stddev, in ms below a second"""
    scale, unit = (1e3, "ms") if mean < 1 else (1.0, "s")
    return "%s ± %s %s" % (fmt_ns(mean * scale), fmt_ns((sd or 0.0) * scale), unit)


def load_boot(path):
    """({(layout, model): (mean, stddev)}, {(variant, map, backing, threads):
    (mean, stddev)}, [(command, mean, stddev)]): the commands "boot MODEL
    LAYOUT", "deferred VARIANT MAP BACKING off|T" and the others"""
    data = read_json(path)
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, list):
        raise InputError("%s: no hyperfine \"results\" list" % path)
    cells, deferred, other = {}, {}, []
    for r in results:
        try:
            cmd, mean, sd = str(r["command"]), float(r["mean"]), r.get("stddev")
            sd = float(sd) if sd is not None else None
        except (TypeError, KeyError, ValueError):
            raise InputError("%s: a result lacks command or mean" % path)
        words = cmd.split()
        if len(words) == 3 and words[0] == "boot":
            cells[(os.path.basename(words[2]), words[1])] = (mean, sd)
        elif len(words) == 5 and words[0] == "deferred":
            deferred[tuple(words[1:])] = (mean, sd)
        else:
            other.append((cmd, mean, sd))
    return cells, deferred, other


DEFERRED_THREADS = (("off", "no deferral"), ("1", "deferred, 1 thread"),
                    ("0", "deferred, all CPUs"))


def section_boot(boot):
    """8. hyperfine's boots: a row per layout, a column per variant; a row
    per (variant, map, backing), a column per deferral"""
    cells, deferred, other = boot
    models = sorted({m for _, m in cells}, key=lambda m: order_key(m, VARIANTS + MODELS))
    layouts = sorted({lay for lay, _ in cells}, key=natural_key)
    lines = []
    if cells:
        lines += [md_row(["layout"] + models), "|:---|" + "---:|" * len(models)]
        for lay in layouts:
            lines.append(md_row([lay] + [fmt_seconds(*cells[(lay, m)])
                                         if (lay, m) in cells else "-" for m in models]))
    if deferred:
        if lines:
            lines.append("")
        rows = sorted({k[:3] for k in deferred},
                      key=lambda k: (order_key(k[0], VARIANTS), natural_key(k[1]), k[2]))
        lines += [md_row(["variant", "map", "backing"] + [h for _, h in DEFERRED_THREADS]),
                  "|:---|:---|:---|" + "---:|" * len(DEFERRED_THREADS)]
        for k in rows:
            lines.append(md_row(list(k) + [fmt_seconds(*deferred[k + (t,)])
                                           if k + (t,) in deferred else "-"
                                           for t, _ in DEFERRED_THREADS]))
    if other:
        if lines:
            lines.append("")
        lines += ["| command | mean ± stddev |", "|:---|---:|"]
        lines += [md_row(["`%s`" % c, fmt_seconds(mn, sd)]) for c, mn, sd in other]
    return "\n".join(lines) or "(no results)"


# ---------------------------------------------------------------- 8b. hotplug

def fmt_time(ns):
    """a time in the unit that suits it: ns, µs, ms or s"""
    for scale, unit in ((1e9, "s"), (1e6, "ms"), (1e3, "µs")):
        if ns >= scale:
            return "%s %s" % (fmt_ns(ns / scale), unit)
    return "%s ns" % fmt_ns(ns)


HOTPLUG_OPS = ("add_pages", "remove_pages", "add+remove_pages", "add_memory+online",
               "offline+remove_memory", "add+online+offline+remove", "memremap",
               "memunmap", "memremap+memunmap", "pfn_to_online_page")


def hotplug_table(s):
    """per (op, case): time per call of each variant (per lookup for
    pfn_to_online_page), and what of it the host took: time in the hooks,
    page faults"""
    t = Table(["op", "case"], [])
    variants = sorted({r["variant"] for r in s["cases"] if r["bench"] == "hotplug"},
                      key=lambda v: order_key(v, VARIANTS))
    for r in s["cases"]:
        if r["bench"] != "hotplug":
            continue
        key = (r["op"], r["case"])
        try:
            mib = float(r.get("mib", 0))
        except ValueError:
            mib = 0.0
        sort = (order_key(r["op"], HOTPLUG_OPS), mib, natural_key(r["case"]))
        v = r["variant"]
        t.put(key, sort, v, Cell(r["ns"], fmt_time(r["ns"])))
        if r["op"] == "pfn_to_online_page":
            continue
        hooks = r.get("hooks_us")
        t.put(key, sort, v + " in hooks", text_cell(
            "-" if hooks is None else fmt_time(hooks * 1e3)))
        faults = r.get("faults")
        t.put(key, sort, v + " faults", text_cell(
            "-" if faults is None else fmt_count(int(round(faults)))))
    t.cols = [c for v in variants for c in (v, v + " in hooks", v + " faults") if c in t.cols]
    return t


def section_hotplug(sets, labels):
    """hotplug and ZONE_DEVICE calls, each undone in its iteration"""
    if not any(r["bench"] == "hotplug" for s in sets for r in s["cases"]):
        return "(no hotplug block in this sweep)"
    return render([hotplug_table(s) for s in sets], labels, "column")


# ---------------------------------------------------------------- 8c. boot

BOOT_COLS = ("memmap", "init", "RSS growth", "init, deferring", "RSS growth, deferring",
             "init + deferred_init, 1 thread", "init + deferred_init, all CPUs")


def short_skip(msg):
    """a boot case's refusal as a cell: "-ENOMEM in 0.018 s", "not run" """
    m = re.match(r"pmm_init: (-\w+ in [\d.]+ s)", msg)
    if m:
        return m.group(1)
    return "not run" if msg.startswith("not run") else msg[:40]


def boot_table(s):
    """per (map, variant, backing): pmm_init with and without deferral, its
    RSS growth, and init with pmm_deferred_init; refusals as what they were"""
    t = Table(["map", "variant", "backing"], list(BOOT_COLS))

    def key_of(r):
        return (r["map"], r["variant"], r["backing"])

    def sort_of(r):
        return (natural_key(r["map"]), order_key(r["variant"], VARIANTS), r["backing"])

    def col_of(case, deferred):
        if case == "init":
            return "init, deferring" if deferred else "init"
        return "init + deferred_init, 1 thread" if case.endswith("/1") else \
            "init + deferred_init, all CPUs"

    by_config = {}
    for r in s["cases"]:
        if r["bench"] != "boot":
            continue
        by_config[r["name"].rsplit("/boot/", 1)[0]] = r
        key, sort, deferred = key_of(r), sort_of(r), r["deferred"] == "1"
        col = col_of(r["case"], deferred)
        t.put(key, sort, col, Cell(r["ns"], fmt_time(r["ns"])))
        if r["case"] == "init":
            rss = r.get("rss_KiB")
            t.put(key, sort, "RSS growth, deferring" if deferred else "RSS growth",
                  text_cell("-" if rss is None else fmt_bytes(int(rss * 1024))))
        if r.get("memmap_KiB"):
            t.put(key, sort, "memmap", text_cell(fmt_bytes(int(r["memmap_KiB"] * 1024))))
    for msg, name in s["skipped"]:
        parts = split_case(name)
        if not parts or "+boot" not in parts[0] or not parts[1].startswith("boot/"):
            continue
        like = by_config.get(parts[0])
        words = parts[0].rsplit("/", 1)[-1]
        if like is None:
            # no case of this configuration ran: its words from the name
            m = re.match(r"(.*?)(?:@(\w+))?\+boot(-deferred)?$", words)
            variant = parts[0].split("/")[1] if parts[0].count("/") >= 3 else "?"
            like = {"map": m.group(1), "variant": variant, "backing": m.group(2) or "2m",
                    "deferred": "1" if m.group(3) else "0"}
        key, sort = key_of(like), sort_of(like)
        t.put(key, sort, col_of(parts[1][5:], like["deferred"] == "1"),
              text_cell(short_skip(msg)))
    t.cols = [c for c in BOOT_COLS if any(c in cells for cells in t.rows.values())]
    return t


def section_boot_cases(sets, labels):
    """boots, in process: pmm_init and pmm_deferred_init of whole maps"""
    if not any(r["bench"] == "boot" for s in sets for r in s["cases"]) and \
            not any("+boot" in n for s in sets for _, n in s["skipped"]):
        return "(no boot block in this sweep)"
    return render([boot_table(s) for s in sets], labels, "column")


# ---------------------------------------------------------------- 9. skipped

def config_of(name):
    """a benchmark name's configuration: all but its op, pattern, form
    and side, or its case (a skipped benchmark has no label to tell it)"""
    case = split_case(name)
    if case:
        return case[0]
    parts = name.split("/")
    # google-benchmark's own words after the name: iterations:N, manual_time
    while len(parts) > 1 and (":" in parts[-1] or parts[-1].endswith("_time")):
        parts.pop()
    if len(parts) > 3 and parts[-1] in ("pmm", "linux", "limit"):
        parts.pop()
        if parts[-1] in FORMS:		# the inlined loops name their form
            parts.pop()
        return "/".join(parts[:-2])
    return name


def skipped_table(s):
    """per reason: benchmarks, configurations, the first configuration"""
    counts, configs, example = {}, {}, {}
    for msg, name in s["skipped"]:
        counts[msg] = counts.get(msg, 0) + 1
        configs.setdefault(msg, set()).add(config_of(name))
        example.setdefault(msg, config_of(name))
    t = Table(["reason"], ["configurations", "benchmarks", "first"])
    for msg in sorted(counts):
        n = len(configs[msg])
        t.put((msg,), msg, "configurations", Cell(n, fmt_count(n), ratio=False))
        t.put((msg,), msg, "benchmarks", Cell(counts[msg], fmt_count(counts[msg]),
                                               ratio=False))
        t.put((msg,), msg, "first", text_cell("`%s`" % example[msg]))
    return t


def section_skipped(sets, labels):
    """9. skipped configurations by reason"""
    if not any(s["skipped"] for s in sets):
        return "None."
    return render([skipped_table(s) for s in sets], labels, "count")


# ---------------------------------------------------------------- report

INTRO = {
    "fastest": "Time per operation in ns (1e9 / items_per_second, the median of the "
               "repetitions), in the reference configuration: %s.  In brackets, the "
               "ratio to flat.  \"by\": second fastest / fastest." % REFERENCE_TEXT,
    "insns": "Instructions of the out-of-line wrapper of each operation, pmm/linux, in "
             "the reference configuration's unit (static count from the disassembly, "
             "`ret` included; the same for every pattern).  Bold where pmm has more.",
    "baseline": "Over every (unit, map, op, pattern) measured on both sides: pmm's "
                "time / Linux's (its 6.1 text on the host), per variant; and the (unit, op) where "
                "pmm's wrapper has more instructions than Linux's (this should be 0).",
    "axes": "One axis at a time, every other parameter at its reference value; "
            "patterns random and sequential; ns per operation.",
    "memmap": "pmm's own accounting per (map, variant), for one configuration: the "
              "closest to the reference with struct_page=64 (layouts use their own "
              "preset).  Real machines' layouts first.",
    "layouts": "ns per operation, pattern random, on real machines' memory maps, each "
               "variant at the configuration closest to the reference.",
    "boot": "Whole processes (hyperfine, `sweep_bench --sweep_boot`): map, pmm_init, "
            "pmm_deferred_init where deferring, pmm_exit; mean ± standard deviation.  The "
            "first table boots the conversions' configurations on real maps; the second "
            "a boot block's, without deferral and deferred on 1 thread and on all CPUs.",
    "inlined": "Each conversion inlined into its timing loop, as a kernel runs it, on "
               "the reference configurations (" + REFERENCE_TEXT + "), pattern random "
               "(a walk: every RAM PFN in order): ns and TSC ticks per operation.  "
               "Throughput: independent inputs, every result kept.  Latency: each "
               "input's index depends on the previous result's value, so no two "
               "conversions overlap; a result a compiler makes by a predicted branch "
               "(Linux's classic pfn_valid) is not waited for, one computed from a "
               "loaded bit (pmm's) is.  The limit is the least work the operation can "
               "be done with, on the same inputs: pfn_to_page and page_to_pfn a "
               "multiply-add on a constant base, pfn_valid a branch on one bit of a "
               "flat bitmap, page_to_nid a shift of the flags word, pfn_to_section an "
               "index into one flat table, the walk the same descriptors read from one "
               "flat array.  Every other table times the throughput form.",
    "mca": "llvm-mca's (llvm 14) cycles per conversion for CPUs the project does not "
           "own, from the code each architecture's kernel build compiles (gcc 12, the "
           "kernel's flags): throughput pmm / Linux, and in brackets the latency of one "
           "call alone, pmm / Linux.  A straight-line model: every instruction counts, "
           "taken or not, and every load hits the L1 cache; BUG()'s traps and the "
           "IBT/BTI landing pads are left out.  On this host its \"native\" model "
           "stands beside what was measured: TSC ticks, which run at the base clock, "
           "not the core's.",
    "linux": "Instructions per conversion, pmm / Linux 6.1's own text (lifted at build "
             "time from Debian's linux-source-6.1; DISCONTIGMEM transcribed from 5.10), "
             "compiled for each architecture with its own parameters, vmemmap and "
             "test_bit, by gcc 12 and clang 14, plainly and with the kernel's flags "
             "(-kernel): bench/linux, make test-linux-parity.  Each wrapper is counted "
             "whole, ret and alignment padding inside it included, and, in brackets "
             "where it differs, without the padding.  The peers' rows (Xen's and "
             "FreeBSD's models) are pmm's implementation alone: there is no Linux "
             "text to set beside them.",
    "skipped": "Configurations that did not run, by reason.",
    "kernels": "Linux's models beside Xen's (PDX, mask and offset compression) and "
               "FreeBSD's (dense page array, segments) on the same maps and the same "
               "CPU: for each map and operation, each kernel's cheapest model, in ns per "
               "operation inlined (pattern random; a walk: every RAM PFN), then which "
               "kernel is cheapest and by how much (second / first); the first row of "
               "each map is the memmap bytes.  Every figure here is pmm's implementation "
               "of the model, Linux's included, so that the kernels are compared by "
               "their models alone: the peers have no Linux text to be measured "
               "against, and their figures are pmm's implementation alone.  Every model "
               "has the preset's descriptor size (64 bytes on x86_64 and arm64), so the "
               "bytes differ by the model alone; Xen's own page_info is 32 bytes on "
               "x86_64 and FreeBSD's vm_page 104, which scale their frame tables by "
               "1/2 and 13/8.  A model missing on a map refused it (see Skipped).",
    "hotplug": "Each hotplug or ZONE_DEVICE call on a configuration built on map pc1g "
               "(1088 MiB, the section at 1 GiB half RAM), changed and changed back in "
               "every iteration (bench/sweep_cases.c): time per call of the phase timed, "
               "the change, the undo or both; pfn_to_online_page per lookup.  These are "
               "userspace figures, system calls included: the hosted hooks back a "
               "vmemmap with mprotect and give it back with madvise + mprotect, a grace "
               "period is a membarrier, and the first touch of a fresh memmap page is a "
               "page fault.  A kernel pays none of this: \"in hooks\" (time inside the "
               "hooks, measured by them) and \"faults\" (minor page faults per call) say "
               "how much of each figure is the host's.",
    "boots": "pmm_init of a whole map in process, each iteration a fresh boot "
             "(bench/sweep_cases.c): without deferral; with "
             "PMM_DEFERRED_STRUCT_PAGE_INIT, pmm_init alone (each node's first section "
             "initialised) and followed by pmm_deferred_init on one thread and on all "
             "CPUs.  RSS growth: the resident set pmm_init added.  A unit that does not "
             "defer may map half of this machine's RAM (pmm_hosted.h's limit), so a "
             "memmap larger than that is refused at once (-ENOMEM); one that defers "
             "maps the address space and writes only what it initialises, and its "
             "pmm_deferred_init runs where the memmap fits half of RAM.",
}


def report(sets, args, out_dir, stem):
    """the markdown text"""
    labels = [s["label"] for s in sets]
    compare = len(sets) > 1
    notes = {}
    plots = None if args.no_plots else (args.plots or out_dir)
    title = ("# Sweep comparison: %s" % " vs ".join(labels) if compare
             else "# Sweep: %s" % labels[0])
    parts = [title]
    if compare:
        parts.append("Ratios are relative to the first CPU, %s." % labels[0])
    parts += ["## Machine", section_machine(sets, labels),
              "## Inlined, as a kernel runs them: throughput and latency beside the limit",
              INTRO["inlined"], section_inlined(sets, labels),
              "## Which model is fastest, per operation", INTRO["fastest"],
              section_fastest(sets, labels),
              "## Instructions per operation", INTRO["insns"], section_insns(sets, labels),
              "## pmm against Linux's own text", INTRO["baseline"],
              section_baseline(sets, labels),
              "## How the cost moves", INTRO["axes"]]
    if compare:
        parts.append("Plots show pattern random; line style tells the CPUs apart.")
    axes = section_axes(sets, labels, plots, out_dir, stem, notes)
    if notes.get("no-matplotlib"):
        parts.append("No plots: matplotlib is not available.")
    # one configuration's counters per (map, variant), for three sections
    found = memmap_rows(sets)
    parts += [axes, "## Memmap overhead per map", INTRO["memmap"], section_memmap(sets, found)]
    plot = section_memmap_plot(found, plots, out_dir, stem, notes)
    if plot:
        parts.append(plot)
    parts += ["## Which kernel's answer is cheapest, per map and operation",
              INTRO["kernels"], section_kernels(sets, labels, found),
              "## Real machines", INTRO["layouts"], section_layouts(sets, labels)]
    parts += ["## Hotplug and ZONE_DEVICE: time per call", INTRO["hotplug"],
              section_hotplug(sets, labels),
              "## Boots, in process: pmm_init and deferred init", INTRO["boots"],
              section_boot_cases(sets, labels)]
    if args.boot:
        parts += ["## Boot init (hyperfine)", INTRO["boot"], section_boot(args.boot_data)]
    if args.mca:
        parts += ["## Predicted for CPUs not at hand (llvm-mca)", INTRO["mca"],
                  section_mca(sets, labels, args.mca_data)]
    if args.linux_matrix:
        parts += ["## Instructions against Linux's own text, on six architectures", INTRO["linux"],
                  args.linux_matrix_text.strip()]
    parts += ["## Skipped", INTRO["skipped"], section_skipped(sets, labels)]
    return "\n\n".join(parts) + "\n"


def check(sets):
    """print every (unit, op) where pmm has more instructions; 1 if any,
    or if nothing could be compared"""
    bad = compared = 0
    for s in sets:
        worse, n = excess(s)
        compared += n
        for unit, variant, op, pmm, lnx in worse:
            print("%s: %s: unit=%s variant=%s op=%s: pmm %d instructions > linux %d"
                  % (PROG, os.path.basename(s["path"]), unit, variant, op, pmm, lnx))
        bad += len(worse)
    if not compared:
        print("%s --check: no (unit, op) has instruction counts for both sides" % PROG)
        return 1
    print("%s --check: %d passed, %d failed, 0 skipped" % (PROG, compared - bad, bad))
    return 1 if bad else 0


def read_text(path):
    """a file's text, or InputError"""
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError as e:
        raise InputError("%s: %s" % (path, e.strerror))


def parse_args(argv):
    """the command line"""
    ap = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n")[0])
    ap.add_argument("results", nargs="+", metavar="RESULTS.json")
    ap.add_argument("--out", metavar="REPORT.md")
    ap.add_argument("--plots", metavar="DIR", help="where the PNGs go (default: beside --out)")
    ap.add_argument("--no-plots", action="store_true", help="no PNGs, no matplotlib")
    ap.add_argument("--boot", metavar="HYPERFINE.json")
    ap.add_argument("--mca", metavar="MCA.json", nargs="+", action="extend",
                    help="llvm-mca's predictions (bench/mca.py)")
    ap.add_argument("--linux-matrix", metavar="MATRIX.md",
                    help="the counts against Linux's own text (bench/insncount.py --matrix)")
    ap.add_argument("--check", action="store_true",
                    help="exit 1 if pmm has more instructions than linux anywhere")
    args = ap.parse_args(argv)
    if not args.out and not args.check:
        ap.error("--out is required (unless --check)")
    return args


def main(argv):
    """read, check, write; the exit status"""
    args = parse_args(argv)
    try:
        sets = merge_shards([load(p) for p in args.results])
        name_sets(sets)
        args.boot_data = load_boot(args.boot) if args.boot else None
        args.linux_matrix_text = read_text(args.linux_matrix) if args.linux_matrix else None
        args.mca_data = load_mca(args.mca) if args.mca else None
    except InputError as e:
        print("%s: %s" % (PROG, e), file=sys.stderr)
        return 2
    status = check(sets) if args.check else 0
    if args.out:
        out_dir = os.path.dirname(os.path.abspath(args.out))
        stem = os.path.splitext(os.path.basename(args.out))[0]
        try:
            os.makedirs(out_dir, exist_ok=True)
            if args.plots and not args.no_plots:
                os.makedirs(args.plots, exist_ok=True)
            text = report(sets, args, out_dir, stem)
            with open(args.out, "w", encoding="utf-8") as f:
                f.write(text)
        except OSError as e:
            print("%s: %s: %s" % (PROG, e.filename or args.out, e.strerror or e),
                  file=sys.stderr)
            return 2
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
