#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR MIT
"""test_cli.py - pmm-inspect as people and tools use it

    test_cli.py PMM_INSPECT [-v]

Runs the program (the ASan/UBSan build in `make test`) over every map in
data/layouts/, its JSON, its picture, PFN queries, bad input and bad
arguments, --live on this machine and on a sysfs tree made to differ.
Prints "test-inspect-cli: N passed, M failed, K skipped" (a case that
cannot run here raises Skip: skipped, not passed).
"""

import json
import re
import os
import shutil
import subprocess
import sys
import tempfile
import time
import xml.dom.minidom

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LAYOUTS = os.path.join(ROOT, "data", "layouts")
LINUX_MODELS = ("flat", "discontig", "sparse-static", "sparse", "vmemmap")
PEER_MODELS = ("xen-mask", "xen-offset", "freebsd-dense", "freebsd-sparse")
MODELS = set(LINUX_MODELS + PEER_MODELS)
XEN_TEST_PDX = os.path.join(LAYOUTS, "xen-test-pdx")
FIELDS = {"preset": str, "model": str, "params": dict, "ram_pages": int,
          "nodes": list, "sections": dict, "memory_blocks": list,
          "overhead": dict}
PARAMS = ("page_shift", "section_size_bits", "max_physmem_bits", "extreme",
          "pfn_offset")
OVERHEAD = ("memmap_bytes", "section_table_bytes", "usemap_bytes",
            "total_bytes", "percent_of_ram")

passed = failed = skipped = 0
verbose = False
prog = None


def run(*args, stdin=None):
    p = subprocess.run([prog] + list(args), input=stdin, capture_output=True,
                       text=True, cwd=ROOT, timeout=600)
    return p.returncode, p.stdout, p.stderr


def run_bytes(*args):
    """run with arguments and output as bytes: file names that are not UTF-8"""
    p = subprocess.run([os.fsencode(prog)] + [os.fsencode(a) for a in args],
                       capture_output=True, cwd=ROOT, timeout=600)
    return p.returncode, p.stdout, p.stderr


class Skip(Exception):
    """a case that cannot run here, and why"""


def case(fn):
    """run one case: it raises AssertionError to fail, Skip to be skipped"""
    global passed, failed, skipped
    try:
        fn()
    except AssertionError as e:
        failed += 1
        print("FAIL %s: %s" % (fn.__name__, e))
        return
    except Skip as e:
        skipped += 1
        print("SKIP %s: %s" % (fn.__name__, e))
        return
    except Exception as e:  # a case that crashes fails; the others still run
        failed += 1
        print("FAIL %s: %s: %s" % (fn.__name__, type(e).__name__, e))
        return
    passed += 1
    if verbose:
        print("ok %s" % fn.__name__)


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def objects(out):
    doc = json.loads(out)
    return doc if isinstance(doc, list) else [doc]


def check_object(o, where):
    for key, kind in FIELDS.items():
        check(isinstance(o.get(key), kind), "%s: %s is not a %s" % (where, key, kind.__name__))
    for key in PARAMS:
        check(key in o["params"], "%s: params lacks %s" % (where, key))
    for key in OVERHEAD:
        check(key in o["overhead"], "%s: overhead lacks %s" % (where, key))
    for n in o["nodes"]:
        check(set(n) == {"nid", "start_pfn", "end_pfn", "present_pages"},
              "%s: node fields %s" % (where, sorted(n)))
        check(n["start_pfn"] < n["end_pfn"] and
              n["present_pages"] <= n["end_pfn"] - n["start_pfn"],
              "%s: node %d span" % (where, n["nid"]))
    s = o["sections"]
    check(isinstance(s.get("count"), int) and isinstance(s.get("present"), list),
          "%s: sections" % where)
    check(sum(b - a + 1 for a, b in s["present"]) == s["count"],
          "%s: section runs do not sum to count" % where)
    for runs in (s["present"], o["memory_blocks"]):
        for i, (a, b) in enumerate(runs):
            check(a <= b and (i == 0 or runs[i - 1][1] + 1 < a),
                  "%s: runs not ascending and apart: %s" % (where, runs[:4]))
    ov = o["overhead"]
    if o["error"] is None:
        check(ov["total_bytes"] == ov["memmap_bytes"] + ov["section_table_bytes"] +
              ov["usemap_bytes"] + ov["other_bytes"], "%s: total" % where)
        check(sum(n["present_pages"] for n in o["nodes"]) == o["ram_pages"],
              "%s: node pages do not sum to ram_pages" % where)
    if o["built"]:
        check(o["agrees"] is True, "%s: built but disagrees: %s" % (where, o["note"]))


def every_map_every_model():
    """each map of data/layouts/, raw (.src) or not, with its arch's preset"""
    names = sorted(f for f in os.listdir(LAYOUTS) if f.endswith((".txt", ".src")))
    check(len(names) >= 30, "only %d maps" % len(names))
    built = 0
    for name in names:
        code, out, err = run("--layout", os.path.join(LAYOUTS, name), "--model", "all",
                             "--json")
        check(code == 0, "%s: exit %d: %s" % (name, code, err.strip()[:300]))
        objs = objects(out)
        check([o["model"] for o in objs] == list(LINUX_MODELS + PEER_MODELS),
              "%s: models %s" % (name, [o["model"] for o in objs]))
        for o in objs:
            check_object(o, "%s %s" % (name, o["model"]))
            built += o["built"]
        if name.endswith(".src"):
            check(objs[0]["format"] == "dmesg", "%s: format %s" % (name, objs[0]["format"]))
    check(built >= 40, "only %d models built" % built)


def raw_and_parsed_agree():
    """a .src map and its .txt give the same figures (accounted: building
    them adds nothing here, every_map_every_model builds them)"""
    for name in sorted(f for f in os.listdir(LAYOUTS) if f.endswith(".src")):
        txt = name[:-4] + ".txt"
        b = objects(run("--layout", os.path.join(LAYOUTS, txt), "--json",
                        "--build-limit", "0")[1])
        a = objects(run("--layout", os.path.join(LAYOUTS, name), "--json",
                        "--preset", b[0]["preset"], "--build-limit", "0")[1])
        for x, y in zip(a, b):
            for key in ("ram_pages", "nodes", "sections", "memory_blocks", "overhead"):
                check(x[key] == y[key], "%s %s: %s differs from %s" % (name, x["model"], key, txt))


def directory_is_one_array():
    code, out, err = run("--layout", LAYOUTS, "--model", "vmemmap", "--json")
    check(code == 0, "exit %d: %s" % (code, err[:300]))
    doc = json.loads(out)
    maps = [f for f in os.listdir(LAYOUTS) if f.endswith((".txt", ".src"))]
    check(isinstance(doc, list) and len(doc) == len(maps),
          "%d objects for %d maps" % (len(doc), len(maps)))


def pfn_queries():
    """Firecracker: PFN 0x9f is a hole below 1 MiB, 0x100 RAM, 0x40000 past RAM"""
    fc = os.path.join(LAYOUTS, "x86-vm-firecracker-1g.txt")
    code, out, err = run("--layout", fc, "--json", "--pfn", "0x9f", "--pfn", "256",
                         "--pfn", "0x40000")
    check(code == 0, "exit %d: %s" % (code, err))
    for o in objects(out):
        q = o["pfns"]
        check([x["pfn"] for x in q] == [0x9f, 0x100, 0x40000], "%s: pfns %s" % (o["model"], q))
        # every model holds the hole below 1 MiB: its section, its node span,
        # mem_map, PDX group 0 or vm_page_array has it; but FreeBSD's
        # segments, which hold RAM alone; none holds PFN 0x40000
        hole = o["model"] != "freebsd-sparse"
        check([x["valid"] for x in q] == [hole, True, False],
              "%s: valid %s" % (o["model"], [x["valid"] for x in q]))
        check(q[1]["nid"] == 0, "%s: nid %s" % (o["model"], q[1]["nid"]))
        if o["model"] in ("sparse", "vmemmap", "sparse-static"):
            check(q[2]["section"] == 8 and q[2]["memory_block"] == 8,
                  "%s: section %s" % (o["model"], q[2]))
        check(q[1]["from"] == "instance", "%s: answered by %s" % (o["model"], q[1]["from"]))


def block_size_option():
    dell = os.path.join(LAYOUTS, "x86-server-dell-r7525-2s-epyc-128g.txt")
    code, out, _ = run("--layout", dell, "--model", "sparse", "--json",
                       "--block-size", "2G")
    o = objects(out)[0]
    check(code == 0 and o["params"]["memory_block_size_bits"] == 31, "bits")
    # sections 0-13 and 32-1039: blocks of 16 sections 0 and 2-64
    check(o["memory_blocks"] == [[0, 0], [2, 0x207fefffff >> 31]], "blocks %s" % o["memory_blocks"])
    code, _, err = run("--layout", dell, "--block-size", "64M")
    check(code == 2 and "at least" in err, "64M below a section: %d %s" % (code, err))


def picture():
    tmp = tempfile.mkdtemp()
    try:
        svg = os.path.join(tmp, "ampere.svg")
        code, _, err = run("--layout", os.path.join(LAYOUTS,
                           "arm64-server-ampere-altra-mtjade-2s-512g.txt"), "--svg", svg)
        check(code == 0, "exit %d: %s" % (code, err))
        doc = xml.dom.minidom.parse(svg)
        check(doc.documentElement.tagName == "svg", "root is %s" % doc.documentElement.tagName)
        check(len(doc.getElementsByTagName("rect")) > 10, "too few rects")
        out = os.path.join(tmp, "all")
        # a picture of every map, accounted: the pictures are what is tested
        code, _, err = run("--layout", LAYOUTS, "--svg", out, "--build-limit", "0")
        check(code == 0, "directory: exit %d: %s" % (code, err[:300]))
        check(len([f for f in os.listdir(out) if f.endswith(".svg")]) >= 20, "directory svgs")
    finally:
        shutil.rmtree(tmp)


def write_layout_round_trip():
    for name in ("x86-server-intel-csl-2s-optane-pmem", "arm64-rpi4-8g"):
        code, out, err = run("--layout", os.path.join(LAYOUTS, name + ".src"),
                             "--write-layout", "-", "--model", "flat")
        check(code == 0, "%s: exit %d: %s" % (name, code, err))
        got = [l.split() for l in out.splitlines() if l.startswith("0x")]
        with open(os.path.join(LAYOUTS, name + ".txt")) as f:
            want = [l.split() for l in f if l.startswith("0x")]
        # a missing node is node 0
        norm = lambda rows: [r[:3] + [r[3] if len(r) > 3 else "0"] for r in rows]
        check(norm(got) == norm(want), "%s: written map differs" % name)


def bad_input():
    """a malformed line: file:line: reason on stderr, exit 2, for each format"""
    cases = {
        "layout": ("# arch: x86_64\n0x0 0xfff ram\n0x1000 0xzz ram\n", 3),
        "iomem": ("00000000-00000fff : Reserved\n00001000-0009fbff : System RAM\n0010-zz : System RAM\n", 3),
        "dmesg": ("[    0.000000] BIOS-provided physical RAM map:\n"
                  "[    0.000000] BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\n"
                  "[    0.000000] BIOS-e820: [mem 0x0000000000100000-0x00000000zzz] usable\n", 3),
        "memmap": ("/sys/firmware/memmap/0/start:0x0\n/sys/firmware/memmap/0/end:0x9fbff\n"
                   "/sys/firmware/memmap/0/type:System RAM\n/sys/firmware/memmap/1/start:0xqq\n", 4),
        "dts": ("/dts-v1/;\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;\n"
                "\tmemory@0 { device_type = \"memory\"; reg = <0x0 0x0 0x0 zz>; };\n};\n", 5),
    }
    tmp = tempfile.mkdtemp()
    try:
        for fmt, (text, line) in cases.items():
            path = os.path.join(tmp, "bad." + fmt)
            with open(path, "w") as f:
                f.write(text)
            code, out, err = run("--layout", path, "--format", fmt)
            check(code == 2, "%s: exit %d (stderr %s)" % (fmt, code, err.strip()))
            check(err.startswith("%s:%d: " % (path, line)),
                  "%s: stderr %r, want %s:%d: reason" % (fmt, err.strip(), path, line))
            check(out == "", "%s: printed a report for a bad map" % fmt)
        for name, data in (("empty", b""), ("garbage", bytes(range(256)) * 8),
                           ("nul", b"0x0 0xfff ram\0\n")):
            path = os.path.join(tmp, name)
            with open(path, "wb") as f:
                f.write(data)
            code, _, err = run("--layout", path)
            check(code == 2 and err.strip(), "%s: exit %d, stderr %r" % (name, code, err))
            check("ERROR: AddressSanitizer" not in err and "runtime error" not in err,
                  "%s: sanitizer report" % name)
        # RAM of two nodes overlapping: refused, as memblock would
        path = os.path.join(tmp, "overlap.txt")
        with open(path, "w") as f:
            f.write("0x0 0xfffffff ram 0\n0x8000000 0x1fffffff ram 1\n")
        code, _, err = run("--layout", path)
        check(code == 2 and "overlap" in err, "overlap: exit %d %r" % (code, err))
        code, _, err = run("--layout", os.path.join(tmp, "missing.txt"))
        check(code == 2 and "missing.txt" in err, "missing file: %d %r" % (code, err))
    finally:
        shutil.rmtree(tmp)


def bad_arguments():
    fc = os.path.join(LAYOUTS, "x86-vm-firecracker-1g.txt")
    for args, word in ((["--layout", fc, "--model", "paged"], "--model"),
                       (["--layout", fc, "--model", "xen-bogus"], "xen-mask, xen-offset"),
                       (["--layout", fc, "--preset", "vax"], "no preset"),
                       (["--layout", fc, "--pfn", "twelve"], "--pfn"),
                       (["--layout", fc, "--block-size", "3"], "power of two"),
                       (["--layout", fc, "--format", "yaml"], "--format"),
                       (["--layout", fc, "stray"], "unexpected"),
                       ([], "usage")):
        code, out, err = run(*args)
        check(code == 2 and word in err, "%s: exit %d, stderr %r" % (args, code, err[:200]))


def stdin_map():
    with open(os.path.join(LAYOUTS, "arm64-rpi4-8g.src")) as f:
        text = f.read()
    code, out, err = run("--layout", "-", "--model", "vmemmap", "--json", stdin=text)
    check(code == 0, "exit %d: %s" % (code, err))
    o = objects(out)[0]
    check(o["format"] == "dmesg", "format %s" % o["format"])
    check(o["ram_pages"] == (0x3b400000 + 0xbc000000 + 0x100000000) >> 12,
          "ram_pages %d" % o["ram_pages"])


def presets_listed():
    code, out, _ = run("--list-presets")
    names = [l.split()[0] for l in out.splitlines() if l and not l.startswith(" ")]
    with open(os.path.join(ROOT, "gen", "presets.toml")) as f:
        want = re.findall(r"^\[preset\.([\w-]+)\]", f.read(), re.M)
    check(code == 0 and names == want, "presets %s, gen/presets.toml has %s" % (names, want))


def scale():
    """the largest maps are accounted, not built, in seconds"""
    for name in ("synthetic-x86_64-16node-30t.txt", "arm64-server-ampere-altra-mtjade-2s-512g.txt",
                 "synthetic-x86_64-64t-all-ram.txt"):
        t = time.monotonic()
        code, out, err = run("--layout", os.path.join(LAYOUTS, name), "--model", "all", "--json")
        elapsed = time.monotonic() - t
        check(code == 0, "%s: exit %d %s" % (name, code, err[:200]))
        print("  %s: %d models in %.2f s (sanitized build)" % (name, len(objects(out)), elapsed))


def live_here():
    if not os.path.isdir("/sys/devices/system/memory") or not os.path.isdir("/sys/firmware/memmap"):
        raise Skip("no /sys/devices/system/memory or /sys/firmware/memmap here")
    code, out, err = run("--live")
    print("  " + "\n  ".join(l for l in out.splitlines() if l.startswith("live:")))
    check(code == 0 and "agree" in out, "exit %d: %s %s" % (code, out[-400:], err))


def fake_iomem(tmp, ram):
    """tmp/iomem: the kernel's map, System RAM [start, end] each"""
    with open(os.path.join(tmp, "iomem"), "w") as f:
        for s, e in ram:
            f.write("%08x-%08x : System RAM\n" % (s, e))


def fake_sysfs(tmp, block_size_bytes, blocks):
    """a sysfs tree under tmp: 1 GiB of firmware RAM, the kernel's blocks;
    and tmp/iomem, the kernel's map, the same but for the first page"""
    fake_iomem(tmp, ((0x1000, 0x9fbff), (0x100000, 0x3fffffff)))
    fw = os.path.join(tmp, "firmware", "memmap")
    mem = os.path.join(tmp, "devices", "system", "memory")
    for i, (s, e, t) in enumerate(((0, 0x9fbff, "System RAM"),
                                   (0x100000, 0x3fffffff, "System RAM"))):
        os.makedirs(os.path.join(fw, str(i)))
        for k, v in (("start", hex(s)), ("end", hex(e)), ("type", t)):
            with open(os.path.join(fw, str(i), k), "w") as f:
                f.write(v + "\n")
    os.makedirs(mem)
    with open(os.path.join(mem, "block_size_bytes"), "w") as f:
        f.write(block_size_bytes)
    for b in blocks:
        os.makedirs(os.path.join(mem, "memory%d" % b))
    return mem


def live_differs():
    """a sysfs tree whose kernel lists one block fewer and one more"""
    tmp = tempfile.mkdtemp()
    try:
        mem = fake_sysfs(tmp, "8000000\n", (0, 1, 2, 4, 5, 6, 7, 9))
        code, out, err = run("--live", "--sysfs", tmp, "--proc", tmp, "--preset", "x86_64")
        check(code == 1, "exit %d: %s %s" % (code, out[-300:], err))
        check("DIFFER" in out and "does not list: 3" in out and "does not build: 9" in out,
              "diff not shown: %s" % out[-400:])
        os.makedirs(os.path.join(mem, "memory3"))
        os.rmdir(os.path.join(mem, "memory9"))
        code, out, err = run("--live", "--sysfs", tmp, "--proc", tmp, "--preset", "x86_64")
        check(code == 0 and "agree" in out, "after the fix: exit %d %s" % (code, out[-300:]))
    finally:
        shutil.rmtree(tmp)


def live_reads_the_kernels_map():
    """
    The firmware's map has 1 GiB; the kernel was booted with mem=512M:

        firmware  |0 ................ 1 GiB|
        iomem     |0 ...... 512 MiB|

    Expect the blocks of the kernel's map (iomem) to be the ones compared,
    and the firmware's only where iomem hides its addresses, said so.
    """
    tmp = tempfile.mkdtemp()
    try:
        fake_sysfs(tmp, "8000000\n", range(4))
        fake_iomem(tmp, ((0x1000, 0x9fbff), (0x100000, 0x1fffffff)))
        code, out, err = run("--live", "--sysfs", tmp, "--proc", tmp, "--preset", "x86_64")
        check(code == 0 and "agree" in out and "iomem" in out,
              "mem=512M: exit %d %s %s" % (code, out[-300:], err[:200]))
        with open(os.path.join(tmp, "iomem"), "w") as f:
            f.write("00000000-00000000 : System RAM\n00000000-00000000 : System RAM\n")
        code, out, err = run("--live", "--sysfs", tmp, "--proc", tmp, "--preset", "x86_64")
        check(code == 1 and "DIFFER" in out and "shows no addresses" in err,
              "hidden iomem: exit %d %s %s" % (code, out[-300:], err[:300]))
    finally:
        shutil.rmtree(tmp)


def dtc_compile(text, path):
    """@text compiled by dtc into @path, as the build compiles fixtures"""
    if shutil.which("dtc") is None:
        raise Skip("no dtc here (device-tree-compiler)")
    p = subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", path, "-"],
                       input=text, capture_output=True, text=True, timeout=60)
    check(p.returncode == 0, "dtc refused the case's source: %s" % p.stderr[:300])


def device_tree_blob():
    """
    The Pi 4's device tree as a blob, as its source and as its boot log:

        arm64-rpi4-8g.dts --dtc--> pi4.dtb    --layout pi4.dtb
        arm64-rpi4-8g.dts                     --layout (pmm-inspect runs dtc)
        data/layouts/arm64-rpi4-8g.src        --layout (the kernel log)
        pi4.dtb cut to 100 bytes; the .dts with no dtc on PATH

    Expect the blob read as format "dtb", the source as "dts", both with
    the log's RAM; the cut blob refused (exit 2, "truncated"), and the
    source without dtc refused saying to install device-tree-compiler.
    """
    tmp = tempfile.mkdtemp()
    try:
        src = os.path.join(ROOT, "tests", "layout", "data", "arm64-rpi4-8g.dts")
        blob = os.path.join(tmp, "pi4.dtb")
        with open(src) as f:
            dtc_compile(f.read(), blob)
        want = (0x3b400000 + 0xbc000000 + 0x100000000) >> 12
        for path, fmt in ((blob, "dtb"), (src, "dts"),
                          (os.path.join(LAYOUTS, "arm64-rpi4-8g.src"), "dmesg")):
            code, out, err = run("--layout", path, "--model", "vmemmap", "--preset", "arm64",
                                 "--json")
            check(code == 0, "%s: exit %d: %s" % (path, code, err[:300]))
            o = objects(out)[0]
            check(o["format"] == fmt and o["ram_pages"] == want,
                  "%s: format %s, ram_pages %d" % (path, o["format"], o["ram_pages"]))
        with open(blob, "rb") as f:
            head = f.read(100)
        cut = os.path.join(tmp, "cut.dtb")
        with open(cut, "wb") as f:
            f.write(head)
        code, out, err = run("--layout", cut)
        check(code == 2 and out == "" and err.startswith(cut + ": truncated: the header's totalsize"),
              "cut blob: exit %d, stderr %r" % (code, err[:300]))
        p = subprocess.run([prog, "--layout", src], capture_output=True, text=True, cwd=ROOT,
                           timeout=60, env=dict(os.environ, PATH="/nonexistent"))
        check(p.returncode == 2 and "install device-tree-compiler" in p.stderr,
              "no dtc: exit %d, stderr %r" % (p.returncode, p.stderr[:300]))
    finally:
        shutil.rmtree(tmp)


def live_device_tree():
    """
    --live on a device-tree machine (a fake sysfs, preset arm64), whose
    kernel lists blocks 8-15 (1 GiB from 1 GiB, 128 MiB blocks):

        firmware/fdt     memory@40000000  |1 GiB ............ 2 GiB|
        iomem            System RAM       |1 GiB .. 1.5 GiB|
        firmware/memmap  none, then one entry, then empty
        then firmware/fdt without a memory node (a UEFI boot)

    Expect the blob read (format dtb) and the blocks to agree; with a
    memmap entry the blob left alone and iomem read (blocks 12-15 DIFFER,
    exit 1); with the memmap directory empty the blob again; and a blob
    with no memory node passed over, said on stderr, for iomem.
    """
    tmp = tempfile.mkdtemp()
    args = ("--live", "--sysfs", tmp, "--proc", tmp, "--preset", "arm64")
    try:
        mem = os.path.join(tmp, "devices", "system", "memory")
        os.makedirs(mem)
        with open(os.path.join(mem, "block_size_bytes"), "w") as f:
            f.write("8000000\n")
        for b in range(8, 16):
            os.makedirs(os.path.join(mem, "memory%d" % b))
        fw = os.path.join(tmp, "firmware")
        os.makedirs(fw)
        fdt = os.path.join(fw, "fdt")
        dtc_compile("/dts-v1/;\n/ {\n\t#address-cells = <2>; #size-cells = <2>;\n"
                    "\tmemory@40000000 { device_type = \"memory\";\n"
                    "\t\treg = <0x0 0x40000000 0x0 0x40000000>; };\n};\n", fdt)
        fake_iomem(tmp, ((0x40000000, 0x5fffffff),))
        code, out, err = run(*args)
        check(code == 0 and "agree" in out and fdt + ": dtb map" in out,
              "blob: exit %d %s %s" % (code, out[-400:], err[:300]))
        entry = os.path.join(fw, "memmap", "0")
        os.makedirs(entry)
        for k, v in (("start", "0x40000000"), ("end", "0x7fffffff"), ("type", "System RAM")):
            with open(os.path.join(entry, k), "w") as f:
                f.write(v + "\n")
        code, out, err = run(*args)
        check(code == 1 and "DIFFER" in out and "does not build: 12-15" in out,
              "memmap there: exit %d %s %s" % (code, out[-400:], err[:300]))
        shutil.rmtree(entry)
        code, out, err = run(*args)
        check(code == 0 and "agree" in out and fdt + ": dtb map" in out,
              "memmap empty: exit %d %s %s" % (code, out[-400:], err[:300]))
        dtc_compile("/dts-v1/;\n/ {\n\tchosen { };\n};\n", fdt)
        fake_iomem(tmp, ((0x40000000, 0x7fffffff),))
        code, out, err = run(*args)
        check(code == 0 and "agree" in out and "iomem: iomem map" in out and
              "no memory node" in err and "reading the kernel's map instead" in err,
              "no memory node: exit %d %s %s" % (code, out[-400:], err[:300]))
    finally:
        shutil.rmtree(tmp)


def live_zone_files(tmp, mem, state7, node1_dma32):
    """zoneinfo (node 1's DMA32 spanning @node1_dma32 pages) and each
    block's state and valid_zones for the two-node tree of
    live_nodes_of_the_blocks; block 7 in @state7"""
    with open(os.path.join(tmp, "zoneinfo"), "w") as f:
        f.write("Node 0, zone      DMA\n        spanned  4095\n  start_pfn:           1\n"
                "Node 0, zone    DMA32\n        spanned  126976\n"
                "  start_pfn:           4096\n"
                "Node 0, zone   Normal\n        spanned  0\n"
                "Node 1, zone    DMA32\n        spanned  %d\n"
                "  start_pfn:           131072\n"
                "Node 1, zone  Movable\n        spanned  0\n" % node1_dma32)
    for b in range(8):
        state = state7 if b == 7 else "online"
        # offline at the end of node 1's DMA32, which shrinks off it: no
        # kernel zone below Normal spans it, so 6.1's default is Normal
        zones = "none" if b == 0 else "Normal Movable" if state == "offline" else "DMA32"
        for name, text in (("state", state), ("valid_zones", zones)):
            with open(os.path.join(mem, "memory%d" % b, name), "w") as f:
                f.write(text + "\n")


def live_zones_of_the_blocks():
    """
    The zones against sysfs and zoneinfo, in the tree of
    live_nodes_of_the_blocks (block 0 in DMA and DMA32: "none"):

        all online                                      agree
        block 2's valid_zones "Normal" instead          DIFFER, block 2
        block 7 offline, "Normal Movable", node 1's
        DMA32 shrunk to 0x18000 pages                   agree (replayed)
        the same, node 1's DMA32 not shrunk             DIFFER, node 1 DMA32
        all online, iomem hiding its addresses:
        the firmware's map, from PFN 0, trimmed
        as x86 Linux trims it (trim_bios_range)         agree

    Expect those verdicts (exit 0 or 1).
    """
    tmp = tempfile.mkdtemp()
    args = ("--live", "--sysfs", tmp, "--proc", tmp, "--preset", "x86_64")
    try:
        mem = fake_sysfs(tmp, "8000000\n", range(8))
        for b in range(8):
            os.makedirs(os.path.join(mem, "memory%d" % b, "node%d" % (b // 4)))
        live_zone_files(tmp, mem, "online", 131072)
        code, out, err = run(*args)
        check(code == 0 and "the zones agree" in out, "online: exit %d %s" % (code, out[-400:]))
        with open(os.path.join(mem, "memory2", "valid_zones"), "w") as f:
            f.write("Normal\n")
        code, out, err = run(*args)
        check(code == 1 and "block 2: valid_zones \"Normal\", pmm \"DMA32\"" in out,
              "block 2 Normal: exit %d %s" % (code, out[-400:]))
        live_zone_files(tmp, mem, "offline", 0x18000)
        code, out, err = run(*args)
        check(code == 0 and "the zones agree" in out,
              "block 7 offline: exit %d %s" % (code, out[-400:]))
        live_zone_files(tmp, mem, "offline", 0x20000)
        code, out, err = run(*args)
        check(code == 1 and "node 1 DMA32: kernel 131072 pages" in out,
              "node 1 not shrunk: exit %d %s" % (code, out[-400:]))
        live_zone_files(tmp, mem, "online", 131072)
        with open(os.path.join(tmp, "iomem"), "w") as f:
            f.write("00000000-00000000 : System RAM\n")
        code, out, err = run(*args)
        check(code == 0 and "the zones agree" in out and "shows no addresses" in err,
              "firmware's map: exit %d %s %s" % (code, out[-400:], err[:200]))
    finally:
        shutil.rmtree(tmp)


def live_nodes_of_the_blocks():
    """
    The blocks' nodes against sysfs's links, the map's RAM cut at
    zoneinfo's node spans:

        RAM      |0x1000 ...................... 1 GiB|
        zoneinfo |node 0: PFNs 1-0x20000|node 1: -0x40000| (DMA, DMA32)
        blocks   0 1 2 3 (node 0)   4 5 6 7 (node 1)

    Expect "the blocks' nodes agree (8 blocks, 2 nodes ...)"; with block 5
    linked to node 0 instead, DIFFER naming block 5 (exit 1); without
    zoneinfo, a line saying they are not compared (exit 0).
    """
    tmp = tempfile.mkdtemp()
    try:
        mem = fake_sysfs(tmp, "8000000\n", range(8))
        for b in range(8):
            os.makedirs(os.path.join(mem, "memory%d" % b, "node%d" % (b // 4)))
        live_zone_files(tmp, mem, "online", 131072)
        args = ("--live", "--sysfs", tmp, "--proc", tmp, "--preset", "x86_64")
        code, out, err = run(*args)
        check(code == 0 and "the blocks' nodes agree (8 blocks, 2 nodes" in out,
              "two nodes: exit %d %s %s" % (code, out[-400:], err[:200]))
        os.rmdir(os.path.join(mem, "memory5", "node1"))
        os.makedirs(os.path.join(mem, "memory5", "node0"))
        code, out, err = run(*args)
        check(code == 1 and "nodes DIFFER in 1 of 8 blocks; block 5:" in out,
              "block 5 on node 0: exit %d %s %s" % (code, out[-400:], err[:200]))
        os.remove(os.path.join(tmp, "zoneinfo"))
        code, out, err = run(*args)
        check(code == 0 and "the blocks' nodes are not compared" in out,
              "no zoneinfo: exit %d %s %s" % (code, out[-400:], err[:200]))
    finally:
        shutil.rmtree(tmp)


def live_preset_of_the_kernel():
    """
    Which x86_64 preset --live takes, from the running kernel's procfs:

        cpuinfo flags     kallsyms            preset
        (no la57)         (no page_ext_init)  x86_64
        ... la57 ...      page_ext_init       x86_64_la57_distro
        fla57 la57x       page_ext_init_x     x86_64 (words only)
        la57 (last)       page_ext_init<tab>[mod]  x86_64_la57_distro

    Expect that preset named on the report's preset line.
    """
    tmp = tempfile.mkdtemp()
    cases = ((("fpu sse",), ("t start_kernel",), "x86_64 "),
             (("fpu la57 sse",), ("t start_kernel", "t page_ext_init"), "x86_64_la57_distro "),
             (("fla57 la57x",), ("t page_ext_init_x",), "x86_64 "),
             (("fpu la57",), ("t page_ext_init\t[m]",), "x86_64_la57_distro "))
    try:
        fake_sysfs(tmp, "8000000\n", range(8))
        for flags, syms, want in cases:
            with open(os.path.join(tmp, "cpuinfo"), "w") as f:
                f.write("processor\t: 0\nflags\t\t: %s\n" % " ".join(flags))
            with open(os.path.join(tmp, "kallsyms"), "w") as f:
                f.write("".join("0000000000000000 %s\n" % x for x in syms))
            code, out, err = run("--live", "--sysfs", tmp, "--proc", tmp)
            line = next((l for l in out.splitlines() if l.startswith("preset ")), "")
            check(code == 0 and line.startswith("preset " + want),
                  "%s / %s: exit %d, %r %s" % (flags, syms, code, line, err[:200]))
    finally:
        shutil.rmtree(tmp)


def numbers_strict():
    """every numeric option: digits only, no blank, sign or trailer, no overflow"""
    fc = os.path.join(LAYOUTS, "x86-vm-firecracker-1g.txt")
    bad = (" -1", "-1", "+1", "\t1", " 1", "1 ", "", "0x", "0x-1", "0x 1", "1x",
           "12abc", "18446744073709551616", "0x10000000000000000")
    for opt in ("--pfn", "--block-size", "--build-limit"):
        for arg in bad + (("1K ", "1Q", "0x400000000000T", "16777216T")
                          if opt != "--pfn" else ("1K",)):
            code, out, err = run("--layout", fc, "--model", "sparse", opt, arg)
            check(code == 2 and out == "" and opt in err and "'%s'" % arg in err,
                  "%s %r: exit %d, stderr %r" % (opt, arg, code, err[:200]))
    # the largest value each takes: 2^64 - 1 (a PFN, a limit) or a suffix's
    for opt, arg in (("--pfn", "18446744073709551615"), ("--pfn", "0xffffffffffffffff"),
                     ("--build-limit", "16777215T"), ("--build-limit", "0x3fffffffffffffK")):
        code, _, err = run("--layout", fc, "--model", "flat", opt, arg)
        check(code == 0, "%s %s: exit %d %s" % (opt, arg, code, err[:200]))


def block_size_within_address_space():
    """--block-size: at most the preset's physical address space (x86_64: 2^46)"""
    fc = os.path.join(LAYOUTS, "x86-vm-firecracker-1g.txt")
    for arg in ("0x8000000000000000", "0x800000000000", "128T"):
        code, out, err = run("--layout", fc, "--block-size", arg)
        check(code == 2 and out == "" and "physical address space" in err,
              "%s: exit %d, stderr %r" % (arg, code, err[:200]))
    code, out, err = run("--layout", fc, "--model", "sparse", "--json",
                         "--block-size", "64T")
    o = objects(out)[0]
    check(code == 0 and o["error"] is None and o["memory_blocks"] == [[0, 0]],
          "64T: exit %d %s %s" % (code, o["error"], err[:200]))


def directory_of_many_maps():
    """more maps than any fixed list: every one, in byte order"""
    tmp = tempfile.mkdtemp()
    try:
        names = []
        for i in range(2000):
            # upper case sorts before lower case in byte order, not in locales
            name = "%s%04d.txt" % ("Ab_a"[i % 4], (i * 7919) % 2000)
            names.append(os.path.join(tmp, name))
            with open(names[-1], "w") as f:
                f.write("# arch: x86_64\n0x0 0x%x ram\n" % ((i % 64 + 1) * 0x200000 - 1))
        code, out, err = run("--layout", tmp, "--model", "sparse", "--json",
                             "--build-limit", "0")
        check(code == 0, "exit %d: %s" % (code, err[:300]))
        files = [o["file"] for o in json.loads(out)]
        check(len(files) == len(names), "%d of %d maps inspected" % (len(files), len(names)))
        check(files == sorted(names), "not in byte order: %s" % files[:4])
    finally:
        shutil.rmtree(tmp)


def live_block_size_checked():
    """block_size_bytes not a power of two, below a section, beyond 2^46: refused"""
    for text in ("1\n", "0\n", "3\n", "1000\n", "4000000\n", "800000000000\n",
                 "-1\n", " 8000000\n", "0x8000000\n", "8000000 \n", "\n", "",
                 "8000000\n1\n"):
        tmp = tempfile.mkdtemp()
        try:
            mem = fake_sysfs(tmp, text, (0, 1, 2, 3, 4, 5, 6, 7))
            code, out, err = run("--live", "--sysfs", tmp, "--proc", tmp, "--preset", "x86_64")
            value = text.split("\n")[0].strip()
            check(code == 2 and "agree" not in out and
                  os.path.join(mem, "block_size_bytes") in err and value.lower() in err,
                  "%r: exit %d, stdout %r, stderr %r" % (text, code, out[-200:], err[:300]))
        finally:
            shutil.rmtree(tmp)
    # unreadable: a directory where the file should be
    tmp = tempfile.mkdtemp()
    try:
        mem = fake_sysfs(tmp, "", (0,))
        os.remove(os.path.join(mem, "block_size_bytes"))
        os.makedirs(os.path.join(mem, "block_size_bytes"))
        code, out, err = run("--live", "--sysfs", tmp, "--proc", tmp, "--preset", "x86_64")
        check(code == 2 and "block_size_bytes" in err and "read" in err,
              "directory: exit %d, stderr %r" % (code, err[:300]))
    finally:
        shutil.rmtree(tmp)


def file_names_not_utf8():
    """a name with byte 0xff and a control character: JSON of UTF-8, text escaped"""
    tmp = tempfile.mkdtemp()
    try:
        path = os.path.join(os.fsencode(tmp), b"bad-\xff\x01\x1b[31m\"\\-\xc3\xa9.txt")
        shutil.copy(os.path.join(LAYOUTS, "x86-vm-firecracker-1g.txt"), path)
        want = path.decode("utf-8", errors="replace")
        for args in ((path, "--json"), (os.fsencode(tmp), "--json")):
            code, out, err = run_bytes("--layout", *args)
            check(code == 0, "%s: exit %d: %r" % (args[0], code, err[:200]))
            try:
                files = [o["file"] for o in objects(out.decode("utf-8"))]
            except ValueError as e:
                raise AssertionError("%s: not JSON of UTF-8: %s" % (args[0], e))
            check(files == [want] * len(files), "file %r, want %r" % (files[0], want))
        code, out, err = run_bytes("--layout", path, "--model", "flat")
        head = out.split(b"\n")[0]
        check(code == 0 and not any(c < 0x20 or c == 0x7f for c in head) and
              b"bad-\\xff\\x01\\x1b[31m\"\\\\-\xc3\xa9.txt" in head,
              "text: exit %d, first line %r" % (code, head))
    finally:
        shutil.rmtree(tmp)


def ram_header_whole():
    """the header's RAM: 16 EiB does not wrap, a refused map keeps its RAM"""
    tmp = tempfile.mkdtemp()
    try:
        for text, ram in (("0x0 0xffffffffffffffff ram\n", "RAM 16 EiB in 1 range"),
                          ("0x0 0x1fffff ram 5000\n", "RAM 2 MiB in 1 range"),
                          ("0x0 0x7fffffffffffffff ram\n0x8000000000000000 0xffffffffffffefff ram 1\n",
                           "RAM 16.0 EiB in 2 ranges")):
            path = os.path.join(tmp, "map.txt")
            with open(path, "w") as f:
                f.write("# arch: x86_64\n" + text)
            code, out, err = run("--layout", path)
            check(code == 0 and ram in out.splitlines()[0],
                  "%r: exit %d, header %r %s" % (text, code, out.splitlines()[:1], err[:200]))
    finally:
        shutil.rmtree(tmp)


def preset_values():
    """gen/presets.toml's presets, by name"""
    import tomllib
    with open(os.path.join(ROOT, "gen", "presets.toml"), "rb") as f:
        return tomllib.load(f)["preset"]


# the keys --param takes, as gen/presets.toml spells them
PARAM_KEYS = ("page_shift", "section_size_bits", "max_physmem_bits", "max_page_order",
              "nodes_shift", "struct_page", "phys_offset", "page_ext")


def param_args(values):
    out = []
    for k in PARAM_KEYS:
        if k in values:
            out += ["--param", "%s=%d" % (k, int(values[k]))]
    return out


def params_make_another_preset():
    """one preset given another's values with --param is accounted as that preset

    Expect every model's parameters, error, sections, blocks and bytes to be
    the other preset's, for pairs that differ in page size, section size,
    physical address bits, nodes, RAM's start and CONFIG_PAGE_EXTENSION.
    """
    presets = preset_values()
    pairs = (("arm64", "arm64_64k", "arm64-rpi4-8g.txt"),
             ("x86_64", "x86_64_la57_distro", "x86-server-dell-r7525-2s-epyc-128g.txt"),
             ("x86_32_pae", "mips32", "x86_32-macbook1-1-core-duo-2g.txt"),
             ("riscv64", "loongarch64", "riscv64-starfive-visionfive2-4g.txt"))
    for base, other, layout in pairs:
        lay = os.path.join(LAYOUTS, layout)
        code, want, err = run("--layout", lay, "--preset", other, "--json")
        check(code in (0, 1), "%s: exit %d %s" % (other, code, err[:300]))
        code, got, err = run("--layout", lay, "--preset", base, "--json",
                             *param_args(presets[other]))
        check(code in (0, 1), "%s --param: exit %d %s" % (base, code, err[:300]))
        for w, g in zip(objects(want), objects(got)):
            for k in ("model", "params", "error", "sections", "memory_blocks", "overhead"):
                check(w.get(k) == g.get(k), "%s as %s, %s: %s is %s, %s has %s"
                      % (base, other, w["model"], k, g.get(k), other, w.get(k)))


def params_refused_as_the_generator_refuses():
    """random --param sets against gen/pmmgen/rules.py, which test-gen holds to pmm.h

    Expect a model refused exactly when the generator's rules refuse its
    parameter set, with pmm.h's message; a set refused for every model is an
    error (exit 2) that names the rule; the others accounted, never built.
    """
    import random
    sys.path.insert(0, os.path.join(ROOT, "gen"))
    from pmmgen import config as C, inspector as I, rules
    presets = preset_values()
    rng = random.Random(16)
    lay = os.path.join(LAYOUTS, "riscv64-milkv-duo-64m.txt")
    seen = set()
    for _ in range(48):
        name = rng.choice(sorted(presets))
        p = dict(presets[name])
        ps = rng.choice((11, 12, 12, 14, 16, 18, 19))
        values = dict(page_shift=ps,
                      section_size_bits=rng.randint(ps + 4, ps + 26),
                      max_physmem_bits=rng.choice((ps, 32, 36, 40, 46, 48, 52, 56, 64, 66)),
                      max_page_order=rng.choice((-0, 8, 10, 13, 30)),
                      nodes_shift=rng.choice((0, 2, 6, 10, 11)),
                      struct_page=rng.choice((4, 32, 48, 64, 256, 512)),
                      phys_offset=rng.choice((0, 1 << 31, 1 << 40)),
                      page_ext=rng.choice((0, 1)))
        p.update(values)
        want = {}
        for mname, over in I.MODELS:
            fields = {k: p[k] for k in ("page_shift", "section_size_bits", "max_physmem_bits",
                                        "extreme", "max_page_order", "nodes_shift",
                                        "struct_page", "phys_offset", "vmemmap_base", "page_ext")}
            fields.update(preset=name, nid_by=None, map="dense")
            fields.update(over)
            r = rules.refusal(C.Config(**fields).normalize())
            want[mname] = r[2] if r and r[0] == "rule" else None
        code, out, err = run("--layout", lay, "--preset", name, "--json", *param_args(values))
        args = "--preset %s %s" % (name, " ".join(param_args(values)))
        if all(want.values()):
            seen.add("all refused")
            check(code == 2, "%s: exit %d, expected 2: %s" % (args, code, err[:300]))
            for mname, msg in want.items():
                check("%s: pmm.h refuses this parameter set: %s" % (mname, msg) in err,
                      "%s: %s: stderr lacks '%s': %s" % (args, mname, msg, err[:400]))
            continue
        check(code in (0, 1), "%s: exit %d %s" % (args, code, err[:300]))
        for o in objects(out):
            msg = want[o["model"]]
            reason = (o.get("error") or {}).get("reason") or ""
            refused = reason.startswith("pmm.h refuses this parameter set: ")
            seen.add("refused" if msg else "accounted")
            check(refused == bool(msg), "%s: %s: the generator %s, pmm-inspect says %s"
                  % (args, o["model"], "refuses: " + msg if msg else "builds it",
                     reason or "nothing"))
            check(not msg or msg.startswith(reason[len("pmm.h refuses this parameter set: "):]),
                  "%s: %s: '%s' is not pmm.h's '%s'" % (args, o["model"], reason, msg))
            check(msg or not o["built"], "%s: %s: built with parameters no instance has"
                  % (args, o["model"]))
    check(seen == {"all refused", "refused", "accounted"},
          "the random sets did not reach every outcome: %s" % sorted(seen))


def params_bad():
    """--param with an unknown name or a value that is not a number

    Expect exit 2 and a message naming the argument, for each.
    """
    lay = os.path.join(LAYOUTS, "arm64-rpi4-8g.txt")
    for arg, says in (("page_size=16", "unknown name"), ("page_shift", "NAME=VALUE"),
                      ("page_shift=", "a number"), ("page_shift=0x", "a number"),
                      ("page_shift=-1", "a number"), ("page_shift=1 6", "a number"),
                      ("page_ext=2", "at most 1"), ("nodes_shift=99999", "at most")):
        code, out, err = run("--layout", lay, "--param", arg)
        check(code == 2 and arg in err and says in err and not out,
              "--param %s: exit %d, %s" % (arg, code, err.strip()))


def compressible_marks():
    """{path: {"mask": bool, "offset": bool}} from each xen-test-pdx map's
    "# xen-pdx-compressible: mask yes|no, offset yes|no" line"""
    marks = {}
    for name in sorted(os.listdir(XEN_TEST_PDX)):
        path = os.path.join(XEN_TEST_PDX, name)
        with open(path) as f:
            m = re.search(r"^# xen-pdx-compressible: mask (yes|no), offset (yes|no)$",
                          f.read(), re.M)
        check(m, "%s: no xen-pdx-compressible line" % name)
        marks[path] = {"mask": m.group(1) == "yes", "offset": m.group(2) == "yes"}
    return marks


def xen_test_pdx_compression():
    """
    The maps of Xen's own tools/tests/pdx, each marked with what Xen's
    compressions make of it, through both Xen models on a 52-bit preset
    (their RAM reaches 2 PiB):

        t02  |1 GiB|  ...... 256 TiB hole ......  |1 GiB|   mask yes, offset yes
        t10  |RAM|RAM|RAM|RAM|...  back to back     mask no,  offset no

    Expect "compressed" as marked in the JSON, and in the text the
    compression found, or "none: no compression"; a model built agreeing.
    """
    marks = compressible_marks()
    check(len(marks) >= 15, "only %d xen-test-pdx maps" % len(marks))
    for model, kind in (("xen-mask", "mask"), ("xen-offset", "offset")):
        args = ("--layout", XEN_TEST_PDX, "--preset", "x86_64_la57", "--model", model)
        code, out, err = run(*args, "--json")
        check(code == 0, "%s: exit %d: %s" % (model, code, err[:300]))
        for o in objects(out):
            want = marks[o["file"]][kind]
            check(o["error"] is None and o["xen"]["compressed"] == want,
                  "%s %s: compressed %s, Xen's test says %s (error %s)"
                  % (os.path.basename(o["file"]), model, o["xen"] and o["xen"]["compressed"],
                     want, o["error"]))
            check(not o["built"] or o["agrees"], "%s %s: %s" % (o["file"], model, o["note"]))
        code, out, err = run(*args)
        reports = out.split("\n\n" + XEN_TEST_PDX)
        check(code == 0 and len(reports) == len(marks), "%s text: exit %d, %d reports"
              % (model, code, len(reports)))
        for path, text in zip(sorted(marks), reports):
            line = next((l for l in text.splitlines() if l.startswith("  %s: compression " % model)), "")
            none = line == "  %s: compression none: no compression" % model
            said = "compression %s: " % kind in line
            check(line and none != marks[path][kind] and said == marks[path][kind],
                  "%s %s: %r" % (os.path.basename(path), model, line[:200]))


def freebsd_too_many_segments():
    """
    A map of 65 ranges of 1 MiB, 1 MiB apart, above 4 GiB, where no
    boundary cuts one:

        4 GiB |=| |=| |=| ... |=|   65 segments; VM_PHYSSEG_MAX is 64

    Expect both FreeBSD models to refuse it, saying how many segments
    against which limit, in text and JSON (EINVAL), exit 0 (pmm_init
    refuses it too); the other models to take it; with 64 ranges, taken.
    """
    tmp = tempfile.mkdtemp()
    try:
        path = os.path.join(tmp, "segments.txt")
        for n, refused in ((65, True), (64, False)):
            with open(path, "w") as f:
                f.write("# arch: x86_64\n")
                for i in range(n):
                    start = (4 << 30) + i * (2 << 20)
                    f.write("%#x %#x ram\n" % (start, start + (1 << 20) - 1))
            code, out, err = run("--layout", path, "--json")
            check(code == 0, "%d ranges: exit %d %s" % (n, code, err[:300]))
            for o in objects(out):
                freebsd = o["model"].startswith("freebsd")
                error = o["error"] or {}
                check(bool(error) == (freebsd and refused), "%d ranges, %s: error %s"
                      % (n, o["model"], error))
                if freebsd:
                    check(o["freebsd"]["cut_segments"] == n, "%s: %s" % (o["model"], o["freebsd"]))
                    check(o["agrees"] is True, "%s: pmm_init: %s" % (o["model"], o["note"]))
                if error:
                    check(error["errno"] == "EINVAL" and "%d segments" % n in error["reason"]
                          and "VM_PHYSSEG_MAX (64)" in error["reason"],
                          "%s: %s" % (o["model"], error))
            code, out, err = run("--layout", path)
            for model in ("freebsd-dense", "freebsd-sparse"):
                line = next((l for l in out.splitlines() if l.startswith(model + " ")), "")
                check(("refuses this map: %d segments" % n in line) == refused,
                      "%d ranges, %s: %r" % (n, model, line))
    finally:
        shutil.rmtree(tmp)


def peers_descriptor_size():
    """
    The preset's struct page for every model, and --param struct_page
    held to each kernel's rule (Xen: a multiple of a long from 16 to 256;
    FreeBSD: of 8 from 24 to 256; Linux: a power of two):

        x86_64            64: flat, xen-mask and freebsd-dense alike on Firecracker
        struct_page=32    all three take it
        struct_page=104   Xen and FreeBSD take it, Linux's models refuse it
        struct_page=12    Xen refuses it (alone: exit 2 with its rule)

    Expect the memmaps of flat, xen-mask and freebsd-dense equal at 64
    and at 32, 104-byte ones for the peers, and each refusal pmm.h's words.
    """
    fc = os.path.join(LAYOUTS, "x86-vm-firecracker-1g.txt")

    def memmaps(*params):
        code, out, err = run("--layout", fc, "--json", *params)
        check(code == 0, "%s: exit %d %s" % (params, code, err[:300]))
        return {o["model"]: o for o in objects(out)}

    for size in (64, 32):
        got = memmaps() if size == 64 else memmaps("--param", "struct_page=32")
        bytes_ = {m: got[m]["overhead"]["memmap_bytes"] for m in ("flat", "xen-mask", "freebsd-dense")}
        check(set(bytes_.values()) == {0x40000 * size}, "struct page %d: %s" % (size, bytes_))
    got = memmaps("--param", "struct_page=104")
    check(got["freebsd-sparse"]["overhead"]["memmap_bytes"] == 262047 * 104 and
          got["xen-mask"]["error"] is None,
          "104: %s" % {m: got[m]["overhead"]["memmap_bytes"] for m in PEER_MODELS})
    check(got["flat"]["error"]["reason"] == "pmm.h refuses this parameter set: "
          "PMM_STRUCT_PAGE_SIZE must be a power of two from sizeof(long) to 256",
          "104, flat: %s" % got["flat"]["error"])
    code, out, err = run("--layout", fc, "--model", "xen-mask", "--param", "struct_page=12")
    check(code == 2 and not out and "xen-mask: pmm.h refuses this parameter set: "
          "PMM_STRUCT_PAGE_SIZE must be a multiple of sizeof(long) from 2 longs to 256 "
          "for Xen's models" in err, "12: exit %d %s" % (code, err[:300]))
    code, out, err = run("--layout", fc, "--model", "freebsd-dense", "--param", "struct_page=20")
    check(code == 2 and not out and "must be a multiple of 8 from 24 to 256 for FreeBSD's" in err,
          "20: exit %d %s" % (code, err[:300]))


def bad_model_changes_nothing():
    """
    --model xen-bogus, over a directory of maps, with a picture to draw:

    Expect exit 2, nothing on stdout, the names --model takes on stderr,
    and no picture directory made.
    """
    tmp = tempfile.mkdtemp()
    try:
        svg = os.path.join(tmp, "pictures")
        code, out, err = run("--layout", LAYOUTS, "--model", "xen-bogus", "--json", "--svg", svg)
        check(code == 2 and out == "" and "--model xen-bogus: one of" in err and
              "freebsd-sparse" in err and not os.path.exists(svg),
              "exit %d, stdout %r, stderr %r, %s" % (code, out[:100], err[:300],
                                                     os.listdir(tmp)))
    finally:
        shutil.rmtree(tmp)


def main():
    global prog, verbose
    prog = os.path.abspath(sys.argv[1])
    verbose = "-v" in sys.argv[2:]
    for fn in (every_map_every_model, raw_and_parsed_agree, directory_is_one_array,
               pfn_queries, block_size_option, picture, write_layout_round_trip,
               bad_input, bad_arguments, stdin_map, presets_listed, scale,
               live_here, live_differs, live_reads_the_kernels_map,
               device_tree_blob, live_device_tree,
               live_preset_of_the_kernel, live_nodes_of_the_blocks,
               live_zones_of_the_blocks, numbers_strict,
               block_size_within_address_space,
               directory_of_many_maps, live_block_size_checked, file_names_not_utf8,
               ram_header_whole, params_make_another_preset,
               params_refused_as_the_generator_refuses, params_bad,
               xen_test_pdx_compression, freebsd_too_many_segments,
               peers_descriptor_size, bad_model_changes_nothing):
        case(fn)
    print("test-inspect-cli: %d passed, %d failed, %d skipped" % (passed, failed, skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
