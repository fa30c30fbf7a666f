#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR MIT
"""run.py - boot the pmm multiboot example under QEMU and check what it says.

Each case boots build/boot/pmm-boot*.elf with -kernel under
qemu-system-x86_64 or qemu-system-i386 (TCG, -no-reboot, isa-debug-exit,
under `timeout`), keeps the serial output in build/boot/logs/NAME.log and
checks, besides the exit code and the final PASS/FAIL line:

  map     the RAM ranges the kernel prints are the firmware map's usable
          entries, less what other entries claim, trimmed to whole pages
          (worked out here again from the "mmap:" lines), and the map is
          the one QEMU lays out for -m (RAM from 0 to 0x9fc00, from 1 MiB
          to the end of low memory, and above 4 GiB what does not fit);
  nodes   "numa: nodes from ACPI SRAT" with the -numa layout's node for
          every range, or "numa: no SRAT" and node 0 everywhere;
  models  for a PASS, both models' "N checks, 0 failed" and pmm_stats
          figures (present sections, FLATMEM's memmap_pages) from the map;
  refusal for a map the kernel cannot use, its "refused:" line and code.

The case "bad-param" compiles the kernel's pmm instances with a section
size that leaves no room in a 32-bit page->flags and checks that the
compiler prints pmm.h's own #error text for that rule.

Usage: run.py [--build DIR] [--only SUBSTRING] [-v]
Environment: BOOT_CC, BOOT_CFLAGS (from rules.mk) for bad-param.
Ends with "test-boot: N passed, M failed, 0 skipped"; exits 1 on any failure.
"""
import argparse
import os
import re
import shlex
import subprocess
import sys
import time

TOP = os.path.realpath(os.path.join(os.path.dirname(__file__), "..", ".."))
HERE = os.path.join(TOP, "examples", "boot")

# QEMU's exit status is (value << 1) | 1 for the value written to 0xf4
# (kernel.h's table).
EXIT = {"pass": 33, "fail": 35, "bug": 37, "trap": 39, "no-magic": 65,
        "no-mmap": 67, "bad-mmap": 69, "no-ram": 71, "physmem": 73,
        "no-room": 75, "init": 77}

MiB = 1 << 20
GiB = 1 << 30
PAGE = 4096

# Kernels: file, section size bits, MAX_PHYSMEM_BITS (models.h, rules.mk)
KERNELS = {
    "pae": ("pmm-boot.elf", 29, 36),
    "nopae": ("pmm-boot-nopae.elf", 26, 32),
}


def size(text):
    """'64M', '3584M', '6G' -> bytes"""
    unit = {"M": MiB, "G": GiB}[text[-1]]
    return int(text[:-1]) * unit


def low_memory(machine, ram):
    """RAM QEMU 7.2 puts below 4 GiB (pc_piix.c / pc_q35.c: lowmem)."""
    if machine == "q35":
        return 0x80000000 if ram >= 0xb0000000 else ram
    return 0xc0000000 if ram >= 0xe0000000 else ram


class Case:
    def __init__(self, name, qemu, mem, machine="pc", kernel="pae",
                 numa=None, expect="pass", refusal=None, append=None):
        self.name = name
        self.qemu = qemu
        self.mem = mem
        self.machine = machine
        self.kernel = kernel
        self.numa = numa or []
        self.expect = expect
        self.refusal = refusal
        self.append = append

    def args(self):
        """QEMU's arguments.  Guest RAM is reserve=off (MAP_NORESERVE): the
        kernel touches little of it, and a host with less RAM than -m (or
        than 65G) still runs every case under the default overcommit."""
        a = ["-accel", "tcg", "-m", self.mem]
        machine = self.machine
        if not self.numa:
            machine += ",memory-backend=ram0"
            a += ["-object", "memory-backend-ram,id=ram0,size=%s,reserve=off" % self.mem]
        a += ["-machine", machine]
        if self.append:
            a += ["-append", self.append]
        for i, s in enumerate(self.numa):
            a += ["-object", "memory-backend-ram,id=m%d,size=%s,reserve=off" % (i, s),
                  "-numa", "node,nodeid=%d,memdev=m%d" % (i, i)]
        return a


CASES = [
    Case("x86_64-pc-64M", "qemu-system-x86_64", "64M"),
    Case("x86_64-pc-1G", "qemu-system-x86_64", "1G"),
    Case("x86_64-pc-3584M", "qemu-system-x86_64", "3584M"),
    Case("x86_64-pc-6G", "qemu-system-x86_64", "6G"),
    Case("x86_64-q35-5G", "qemu-system-x86_64", "5G", machine="q35"),
    Case("x86_64-pc-2G-numa-768M+1280M", "qemu-system-x86_64", "2G",
         numa=["768M", "1280M"]),
    Case("i386-pc-64M", "qemu-system-i386", "64M"),
    Case("i386-pc-1G", "qemu-system-i386", "1G"),
    Case("i386-pc-3584M", "qemu-system-i386", "3584M"),
    Case("i386-pc-6G", "qemu-system-i386", "6G"),
    Case("i386-pc-6G-numa-3G+3G", "qemu-system-i386", "6G", numa=["3G", "3G"]),
    Case("i386-pc-1G-nopae", "qemu-system-i386", "1G", kernel="nopae"),
    # maps the kernel must refuse
    Case("i386-pc-5M-no-room", "qemu-system-i386", "5M", expect="no-room",
         refusal=r"^refused: no room for the memmap: SPARSEMEM asked for 4194304 bytes"
                 r" in one block, the largest free block below 4 GiB has \d+ "
                 r"\(pmm_init -ENOMEM; allocator holds 0 bytes after it\)$"),
    Case("x86_64-pc-65G-beyond-36-bits", "qemu-system-x86_64", "65G", expect="physmem",
         refusal=r"^refused: RAM \[mem 0x100000000-0x107fffffff\] lies beyond "
                 r"MAX_PHYSMEM_BITS 36 \(the model reaches 64 GiB\)$"),
    Case("x86_64-pc-6G-nopae-beyond-32-bits", "qemu-system-x86_64", "6G",
         kernel="nopae", expect="physmem",
         refusal=r"^refused: RAM \[mem 0x100000000-0x1bfffffff\] lies beyond "
                 r"MAX_PHYSMEM_BITS 32 \(the model reaches 4 GiB\)$"),
    # what QEMU's loader never does, through the kernel's test knobs
    Case("x86_64-pc-64M-knob-no-mmap", "qemu-system-x86_64", "64M", expect="no-mmap",
         append="pmm-boot.test=no-mmap",
         refusal=r"^refused: no memory map: multiboot info flags 0x[0-9a-f]{8} lack bit 6 "
                 r"\(mmap_length, mmap_addr\)$"),
    Case("i386-pc-64M-knob-no-ram", "qemu-system-i386", "64M", expect="no-ram",
         append="pmm-boot.test=no-ram",
         refusal=r"^refused: memory map: no usable RAM \(type 1\) of a whole page$"),
]


def expected_ram(entries):
    """e820 sanitising and memblock trimming, written again: PFN ranges."""
    ram = sorted([s, e] for s, e, t in entries if t == "usable")
    merged = []
    for s, e in ram:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    # a byte claimed by another entry is not RAM
    cuts = [(s, e) for s, e, t in entries if t != "usable"]
    pieces = []
    for s, e in merged:
        spans = [(s, e)]
        for cs, ce in cuts:
            nxt = []
            for a, b in spans:
                if ce <= a or cs >= b:
                    nxt.append((a, b))
                    continue
                if a < cs:
                    nxt.append((a, cs))
                if ce < b:
                    nxt.append((ce, b))
            spans = nxt
        pieces += spans
    out = []
    for s, e in sorted(pieces):
        ps, pe = (s + PAGE - 1) // PAGE, e // PAGE
        if ps < pe:
            out.append((ps, pe))
    return out


def check_log(case, text, rc):
    """The reasons the run's output is wrong; empty when it is right."""
    bad = []
    lines = text.replace("\r", "").splitlines()

    def has(regex):
        return any(re.search(regex, line) for line in lines)

    def need(regex, what):
        if not has(regex):
            bad.append("no line %s (/%s/)" % (what, regex))

    if rc != EXIT[case.expect]:
        bad.append("exit status %d, want %d (%s)" % (rc, EXIT[case.expect], case.expect))
    final = [line for line in lines if line.strip()]
    want_final = "PASS" if case.expect == "pass" else "FAIL"
    if not final or final[-1] != want_final:
        bad.append("last line %r, want %r" % (final[-1] if final else "", want_final))

    if case.refusal:
        need(case.refusal, "with the refusal")
    if case.append:
        # a knob's run: its line and the refusal; the map is not QEMU's
        need(r"^test knob %s: " % re.escape(case.append), "naming the knob")
        return bad

    # the firmware map as printed, and QEMU's layout for -m
    entries = []
    for line in lines:
        m = re.match(r"^  mmap: \[mem 0x([0-9a-f]{16})-0x([0-9a-f]{16})\] (.+)$", line)
        if m:
            entries.append((int(m.group(1), 16), int(m.group(2), 16) + 1, m.group(3)))
    if not entries:
        bad.append("no firmware map printed")
        return bad
    ram_bytes = size(case.mem)
    low = low_memory(case.machine, ram_bytes)
    usable = [(s, e) for s, e, t in entries if t == "usable"]
    if (0, 0x9fc00) not in usable:
        bad.append("no usable [mem 0x0-0x9fbff] (the low 639 KiB)")
    if not any(s == MiB and low - MiB < e <= low for s, e in usable):
        bad.append("no usable range from 1 MiB to near 0x%x (low memory)" % low)
    if ram_bytes > low and (4 * GiB, 4 * GiB + ram_bytes - low) not in usable:
        bad.append("no usable [mem 0x100000000-0x%x] (RAM above 4 GiB)"
                   % (4 * GiB + ram_bytes - low - 1))
    need(r"^firmware map: multiboot mmap at 0x[0-9a-f]{8}, \d+ bytes, %d entries$"
         % len(entries), "counting the map's entries")

    # the RAM ranges: the map's, then split by node
    pieces = []
    for line in lines:
        m = re.match(r"^  ram: \[pfn 0x([0-9a-f]+)-0x([0-9a-f]+)\) node (\d+), (\d+) pages$", line)
        if m:
            s, e, nid, n = (int(m.group(1), 16), int(m.group(2), 16),
                            int(m.group(3)), int(m.group(4)))
            if n != e - s:
                bad.append("ram line %r counts %d pages" % (line, n))
            pieces.append((s, e, nid))
    joined = []
    for s, e, nid in pieces:
        if joined and joined[-1][1] == s:
            joined[-1] = (joined[-1][0], e)
        else:
            joined.append((s, e))
    want = expected_ram(entries)
    if joined != want:
        bad.append("RAM ranges %s, the map gives %s" % (
            [(hex(s), hex(e)) for s, e in joined], [(hex(s), hex(e)) for s, e in want]))
    total = sum(e - s for s, e in want)
    need(r"^memblock: %d RAM ranges, %d pages " % (len(want), total), "with the page total")

    # nodes
    if case.numa:
        need(r"^numa: nodes from ACPI SRAT, %d nodes$" % len(case.numa), "naming the SRAT")
        need(r"^acpi: RSDP at 0x[0-9a-f]+, (RSDT|XSDT) at 0x[0-9a-f]+, SRAT at 0x[0-9a-f]+",
             "locating the tables")
        bounds, acc = [], 0
        for s in case.numa:
            acc += size(s)
            bounds.append(acc)

        def node_of(pfn):
            addr = pfn * PAGE
            off = addr if addr < 4 * GiB else addr - 4 * GiB + low
            return next(i for i, b in enumerate(bounds) if off < b)

        for s, e, nid in pieces:
            if node_of(s) != nid or node_of(e - 1) != nid:
                bad.append("range [pfn 0x%x-0x%x) on node %d, the -numa layout says %d..%d"
                           % (s, e, nid, node_of(s), node_of(e - 1)))
    else:
        need(r"^numa: no SRAT, every range on node 0 \(ACPI: no SRAT in the root table",
             "saying there is no SRAT")
        if any(nid for s, e, nid in pieces):
            bad.append("a range off node 0 without an SRAT")

    if case.expect == "pass":
        _, section_bits, _ = KERNELS[case.kernel]
        shift = section_bits - 12
        sections = {x for s, e in want for x in range(s >> shift, ((e - 1) >> shift) + 1)}
        need(r"^SPARSEMEM: pmm_init over %d ranges: 0$" % len(pieces), "SPARSEMEM init")
        need(r"^FLATMEM: pmm_init over %d ranges: 0$" % len(pieces), "FLATMEM init")
        need(r"^SPARSEMEM:   nr_present_sections %d, nr_nodes %d$"
             % (len(sections), len({n for _, _, n in pieces})), "SPARSEMEM stats")
        need(r"^FLATMEM: pmm_stats ram_pages %d, memmap_pages %d," % (total, want[-1][1]),
             "FLATMEM stats")
        need(r"^SPARSEMEM: [1-9]\d* checks, 0 failed$", "SPARSEMEM checks")
        need(r"^FLATMEM: [1-9]\d* checks, 0 failed$", "FLATMEM checks")
        need(r"^checks: \d+ run, 0 failed, 0 bad frees$", "the totals")
    if case.expect == "physmem":
        for model in ("SPARSEMEM", "FLATMEM"):
            need(r"^%s: pmm_init = -34 \(-ERANGE is -34\), allocator holds 0 bytes$" % model,
                 "where %s refuses with -ERANGE" % model)
    return bad


def run_case(case, build, verbose):
    kernel = os.path.join(build, "boot", KERNELS[case.kernel][0])
    log = os.path.join(build, "boot", "logs", case.name + ".log")
    cmd = ["timeout", "--kill-after=5", "60", case.qemu] + case.args() + [
        "-kernel", kernel, "-display", "none", "-monitor", "none",
        "-serial", "file:" + log, "-no-reboot",
        "-device", "isa-debug-exit,iobase=0xf4,iosize=4"]
    if os.path.exists(log):
        os.unlink(log)
    t0 = time.time()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True)
    took = time.time() - t0
    try:
        with open(log, errors="replace") as f:
            text = f.read()
    except OSError:
        text = ""
    bad = check_log(case, text, p.returncode)
    if p.returncode == 124:
        bad.insert(0, "timed out (60 s)")
    elif p.returncode in (126, 127):
        bad.insert(0, "%s did not run (make deps installs qemu-system-x86)" % case.qemu)
    status = "ok  " if not bad else "FAIL"
    print("%s %-36s exit %3d  %5.1f s  %s" % (status, case.name, p.returncode, took, log))
    if bad:
        print("     " + " ".join(shlex.quote(c) for c in cmd))
        for b in bad:
            print("     - " + b)
        if p.stdout.strip():
            print("     qemu: " + p.stdout.strip().replace("\n", "\n     qemu: "))
    if verbose or bad:
        print("     | " + text.replace("\r", "").rstrip().replace("\n", "\n     | "))
    return not bad


def bad_param(build):
    """A section size pmm refuses on 32-bit: pmm.h's own message, exactly."""
    with open(os.path.join(TOP, "pmm.h")) as f:
        m = re.search(r'#error "(Not enough bits in page flags[^"]*)"', f.read())
    if not m:
        print("FAIL bad-param: pmm.h has no \"Not enough bits in page flags\" rule")
        return False
    message = m.group(1)
    cc = os.environ.get("BOOT_CC", "i686-linux-gnu-gcc")
    flags = shlex.split(os.environ.get("BOOT_CFLAGS", "-ffreestanding -I. -Iexamples/boot"))
    out = os.path.join(build, "boot", "bad-param.o")
    # SECTION_SIZE_BITS 24: 36 - 24 = 12 section bits + 2 zone bits, but a
    # 32-bit page->flags has 32 - 20 = 12 bits beside the page flags
    cmd = [cc] + flags + ["-DBOOT_SECTION_SIZE_BITS=24", "-c",
                          os.path.join(HERE, "models.c"), "-o", out]
    p = subprocess.run(cmd, cwd=TOP, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True)
    ok = p.returncode != 0 and message in p.stdout
    print("%s %-36s %s" % ("ok  " if ok else "FAIL", "bad-param (SECTION_SIZE_BITS 24)",
                           "refused: " + message if ok else ""))
    if not ok:
        print("     " + " ".join(shlex.quote(c) for c in cmd))
        print("     compiler exit %d; wanted pmm.h's message: %s" % (p.returncode, message))
        print("     | " + p.stdout.rstrip().replace("\n", "\n     | "))
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(TOP, "build"))
    ap.add_argument("--only", default="", help="run the cases whose name contains this")
    ap.add_argument("-v", action="store_true", help="print every serial log")
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    os.makedirs(os.path.join(build, "boot", "logs"), exist_ok=True)
    passed = failed = 0
    t0 = time.time()
    if args.only in "bad-param":
        if bad_param(build):
            passed += 1
        else:
            failed += 1
    for case in CASES:
        if args.only not in case.name:
            continue
        if run_case(case, build, args.v):
            passed += 1
        else:
            failed += 1
    print("test-boot: %d passed, %d failed, 0 skipped (%.0f s)"
          % (passed, failed, time.time() - t0))
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
