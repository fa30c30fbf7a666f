#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR MIT
"""check.py - build the freestanding translation units over a compile
matrix and inspect what comes out.

For every translation unit and matrix row:
  build   it compiles with -ffreestanding -nostdinc -fno-builtin and
          warnings as errors;
  symbols `nm -u` lists only the hook functions the unit declares itself
          (its lines that begin with "extern"): no memset, memcpy, abort,
          libgcc helper or anything else a kernel may not have;
  headers the preprocessed text (-E, this time without -nostdinc, so that
          a stray #include would find the system header instead of failing)
          comes from the unit, pmm's headers and this folder only.

Usage: check.py [BUILD_DIR]; GCC and CLANG name the compilers.
Ends with "freestanding: N passed, N failed, 0 skipped" and exits 1 on any
failure.
"""
import concurrent.futures
import itertools
import os
import re
import subprocess
import sys

TOP = os.path.realpath(os.path.join(os.path.dirname(__file__), "..", ".."))
HERE = os.path.join(TOP, "tests", "freestanding")
OUT = os.path.join(sys.argv[1] if len(sys.argv) > 1 else os.path.join(TOP, "build"),
                   "freestanding")
COMPILERS = {"gcc": os.environ.get("GCC", "gcc"), "clang": os.environ.get("CLANG", "clang")}

COMMON = ["-ffreestanding", "-nostdinc", "-fno-builtin",
          "-Wall", "-Wextra", "-Wundef", "-Werror",
          "-I" + TOP, "-I" + HERE, "-c"]
ARCH = {
    "m64": {"gcc": ["-m64"], "clang": ["--target=x86_64-linux-gnu"]},
    "m32": {"gcc": ["-m32"], "clang": ["--target=i686-linux-gnu"]},
}
STD = {"gnu89": ["-std=gnu89", "-Wdeclaration-after-statement"], "gnu11": ["-std=gnu11"]}
# What arch/x86/Makefile and the top Makefile of Linux add for kernel code;
# __KERNEL__ without PMM_FREESTANDING checks that pmm infers it.
KERNEL_COMMON = ["-std=gnu11", "-O2", "-D__KERNEL__", "-DFS_IMPLICIT", "-fno-pic",
                 "-mno-sse", "-mno-mmx", "-mno-80387", "-fno-strict-aliasing",
                 "-fno-common", "-fno-stack-protector", "-Wstrict-prototypes",
                 "-Wmissing-prototypes", "-Wvla", "-Wpointer-arith"]
KERNEL = {
    "kernel-x86_64": ["-mcmodel=kernel", "-mno-red-zone"],
    "kernel-i386": ["-mregparm=3", "-freg-struct-return"],
}

# Symbols the toolchain, not the code, asks for: i386 PIC code (the
# compilers' default) addresses data through the GOT the linker makes.
TOOLCHAIN_SYMBOLS = {"_GLOBAL_OFFSET_TABLE_"}

# Translation units and the rows each is built on.  terse_hooks.c tests a
# property of the source, not of the target: one row per compiler and
# word size is enough.
UNITS = {
    "all_models.c": "all",
    "defaults.c": "all",
    "terse_hooks.c": "gnu11-O2",
    "self_contained.c": "all",	# no extern: nm -u must be empty
}


def rows():
    """(name, compiler, flags) for every row of the matrix."""
    for cc, arch, std, opt in itertools.product(COMPILERS, ARCH, STD, ("O0", "O2")):
        flags = ARCH[arch][cc] + STD[std] + ["-" + opt]
        yield "%s-%s-%s-%s" % (cc, arch, std, opt), cc, flags
    for cc in COMPILERS:
        yield "%s-kernel-x86_64" % cc, cc, ARCH["m64"][cc] + KERNEL_COMMON + KERNEL["kernel-x86_64"]
        yield "%s-kernel-i386" % cc, cc, ARCH["m32"][cc] + KERNEL_COMMON + KERNEL["kernel-i386"]


def wanted(unit, row):
    if UNITS[unit] == "all":
        return True
    return row.endswith("-" + UNITS[unit])


def declared_hooks(path):
    """The functions a unit declares on its own "extern" lines, or on
    those of the shared tests/lib/host_hooks.h when it includes that."""
    names = set()
    with open(path) as f:
        for line in f:
            m = re.match(r"extern\b[^(]*?\b([A-Za-z_]\w*)\s*\(", line)
            if m:
                names.add(m.group(1))
            inc = re.match(r'#include "([^"]*host_hooks\.h)"', line)
            if inc:
                names |= declared_hooks(os.path.join(os.path.dirname(path),
                                                     inc.group(1)))
    return names


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True)
    return p.returncode, p.stdout


def headers_seen(cc, flags, src):
    """The files the preprocessor entered, from its line markers.  An
    #error does not stop it, and is the build check's business."""
    pre = [f for f in flags if f != "-c"]
    common = [f for f in COMMON if f not in ("-c", "-nostdinc")]
    p = subprocess.run([COMPILERS[cc]] + pre + common + ["-E", src],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True)
    files = set()
    for line in p.stdout.splitlines():
        m = re.match(r'#\s*\d+\s+"([^"]*)"', line)
        if m:
            files.add(m.group(1))
    if not files:
        return None, p.stderr
    return files, ""


def allowed_file(name):
    if name.startswith("<") and name.endswith(">"):    # <built-in>, <command line>
        return True
    path = os.path.realpath(os.path.join(TOP, name))
    return (os.path.dirname(path) == TOP and re.match(r"pmm\w*\.h$", os.path.basename(path))) \
        or os.path.dirname(path) == HERE \
        or path == os.path.join(TOP, "tests", "lib", "host_hooks.h")


def check(unit, row, cc, flags):
    """Run the three checks of one unit on one row; return [(ok, message)]."""
    src = os.path.join(HERE, unit)
    obj = os.path.join(OUT, "%s-%s.o" % (unit[:-2], row))
    label = "%s [%s]" % (unit, row)
    results = []

    rc, out = run([COMPILERS[cc]] + flags + COMMON + [src, "-o", obj])
    if rc:
        errors = [l for l in out.splitlines() if "error" in l]
        results.append((False, "%s: does not build:\n    %s" %
                        (label, "\n    ".join(errors[:12] or out.splitlines()[:12]))))
    else:
        results.append((True, label + ": builds"))
        rc, nm = run(["nm", "-u", obj])
        undefined = {l.split()[-1] for l in nm.splitlines() if l.strip()}
        extra = sorted(undefined - declared_hooks(src) - TOOLCHAIN_SYMBOLS)
        if rc:
            results.append((False, "%s: nm failed: %s" % (label, nm.strip())))
        elif extra:
            results.append((False, "%s: undefined symbols the unit did not declare: %s" %
                            (label, " ".join(extra))))
        else:
            results.append((True, "%s: only its own hooks undefined (%s)" %
                            (label, " ".join(sorted(undefined)) or "none")))

    files, err = headers_seen(cc, flags, src)
    if files is None:
        results.append((False, "%s: -E failed:\n    %s" %
                        (label, "\n    ".join(err.splitlines()[:6]))))
    else:
        stray = sorted(f for f in files if not allowed_file(f))
        if stray:
            results.append((False, "%s: the preprocessor entered headers outside pmm: %s" %
                            (label, " ".join(stray))))
        else:
            results.append((True, label + ": no system header"))
    return results


def main():
    os.makedirs(OUT, exist_ok=True)
    jobs = [(u, r, cc, fl) for u in UNITS for r, cc, fl in rows() if wanted(u, r)]
    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for results in pool.map(lambda j: check(*j), jobs):
            for ok, msg in results:
                if ok:
                    passed += 1
                    if "-v" in sys.argv:
                        print("ok " + msg)
                else:
                    failed += 1
                    print("FAIL " + msg)
    print("freestanding: %d passed, %d failed, 0 skipped" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
