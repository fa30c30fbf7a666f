#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR MIT
"""run.py - make test-linux: pmm mirroring Debian's own kernel, PFN by PFN

Builds tests/linux/mirror/pmm_mirror.ko (and pmm_mirror_2g.ko, for 2 GiB
memory blocks) and examples/linux-module's
pmm_example.ko with the kbuild of the installed linux-headers-*-amd64 (in
copies under BUILD/linux-guest, so that the tree stays clean), then boots
that kernel under QEMU (guest.py) in each machine shape, loads the example
(its own checks must pass and it must unload) and loads the mirror at
each stage of the shape's script.
The module builds a pmm instance from what the running kernel says of its
memory and compares every PFN and every section with the kernel
(pmm_mirror.c); each stage passes when its summary line reads
"0 mismatches" and the module unloads.  At each stage pmm-inspect --live
(BUILD/linux-guest/pmm-inspect, static) must find the guest kernel's
memory blocks, and the nodes sysfs links each to, the ones pmm builds from
the kernel's map (iomem) and node spans (zoneinfo), and, once the blocks
the kernel has offline or in Movable are so in pmm too, every block's
valid_zones and every node's zone spans the kernel's.

    run.py [BUILD_DIR] [SHAPE...]      (default: every shape below)

Stages:
    boot        every shape, right after boot
    hotplug     a 1 GiB pc-dimm added into node 1 through the QEMU monitor
                (8 memory blocks, offline); then one block onlined as
                "online", one as "online_kernel", one as "online_movable";
                then those three offlined again; then the DIMM removed
                (device_del, which the guest's ACPI ejects)
    pmem        a 1 GiB nvdimm, its drivers loaded (raw), then its namespace
                made fsdax with the memmap on the device (ndctl, an altmap)

Ends with "test-linux: N passed, N failed, 0 skipped" (two checks per stage
and shape) and exits 1 on any failure.
"""
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.realpath(__file__))
TOP = os.path.realpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import guest  # noqa: E402

SHAPES = ("512m", "6g", "numa2", "numa4", "numa-odd", "la57", "mem", "memmap", "64g",
          "hotplug", "pmem")
# each memory block as sysfs shows it, for the module's blocks=: its node
# links, its valid_zones and how the script onlined it (/how.ID), if it did
MIRROR = """dmesg -c > /dev/null
echo "PMM-STAGE {stage}"
ids=
for d in /sys/devices/system/memory/memory*; do
    n=$(ls -d $d/node* | sed 's/.*node//' | tr '\\n' '+')
    z=$(cat $d/valid_zones | tr ' ' '+')
    id=${{d##*memory}}
    ids="$ids$id:$n:$z:$(cat /how.$id 2>/dev/null || echo -),"
done
echo "pmm-mirror: sysfs blocks=$ids" | grep '+[0-9]' || true
# the mirror built for the kernel's memory block size: 2 GiB or 128 MiB
mirror=pmm_mirror
[ "$(cat /sys/devices/system/memory/block_size_bytes)" = 80000000 ] && mirror=pmm_mirror_2g
if insmod /$mirror.ko blocks=$ids; then rmmod $mirror || echo "pmm-mirror: rmmod failed"
else echo "pmm-mirror: insmod failed"; fi
dmesg | grep 'pmm-mirror:'
# built up to 4 GiB of memmap: the 64 GiB guest's instance too
/pmm-inspect --live --build-limit 4G > /inspect.out 2>&1; echo "pmm-inspect: exit $?"
grep '^live:' /inspect.out | sed 's/^/pmm-inspect: /'
"""
# the blocks the DIMM brought, and three ways to online them (6.1's
# memory_block_store: online, online_kernel, online_movable)
HOTPLUG = guest.WAIT_FOR_DIMM + """
new=$(grep -l offline /sys/devices/system/memory/memory*/state | head -3)
set -- $new
for how in online online_kernel online_movable; do
    d=${1%/state}
    echo $how > $d/state && echo $how > /how.${d##*memory}
    shift
done
for b in $new; do echo "${b%/state}: $(cat $b) $(cat ${b%/state}/valid_zones 2>/dev/null)"; done
""" + MIRROR.format(stage="online three ways") + """
for b in $new; do echo offline > $b; d=${b%/state}; rm -f /how.${d##*memory}; done
""" + MIRROR.format(stage="offlined") + """
echo {now}
i=0
while [ "$(blocks)" -ne "$before" ] && [ $i -lt 100 ]; do usleep 200000; i=$((i + 1)); done
echo "memory blocks after device_del: $(blocks)"
""".format(now=guest.HOTPLUG_NOW) + MIRROR.format(stage="removed")
# after the nvdimm's drivers (guest.pmem_tools): raw, then its namespace as
# fsdax with the memmap on the device (an altmap): ZONE_DEVICE pages whose
# descriptors sit in the device
PMEM = MIRROR.format(stage="pmem, raw") + """
ndctl create-namespace --force --reconfig=namespace0.0 --mode=fsdax --map=dev > /ndctl.out 2>&1 ||
    { echo "ndctl failed"; cat /ndctl.out; }
""" + MIRROR.format(stage="pmem, fsdax with its memmap on the device")
# the DIMM in, then (all its blocks offline) out: ACPI ejects it
HOTPLUG_COMMANDS = [guest.HOTPLUG_COMMANDS, ["device_del dimm1"]]
# what the kernel's sparse_init allocated from memblock (memblock=debug),
# before any dmesg -c; and, at boot, the inspector's figures for this map
MEMBLOCK = """dmesg | grep -E 'memblock_alloc[a-z_]*: [0-9]+ bytes .* (sparse_init|sparse_index_alloc|sparse_init_nid)\\+' |
    sed 's/^[^]]*] /PMM-MEMBLOCK /'
"""
INSPECT_JSON = """/pmm-inspect --live --json > /inspect.json 2> /dev/null
echo "PMM-INSPECT-JSON $(tr -d '\\n' < /inspect.json)"
"""
# kernel command line: every sparse allocation logged, and room in the log
APPEND = "memblock=debug log_buf_len=16M"
# examples/linux-module, loaded at last where its vermagic is at home
EXAMPLE = """dmesg -c > /dev/null
if insmod /pmm_example.ko; then rmmod pmm_example || echo "pmm_example: rmmod failed"
else echo "pmm_example: insmod failed"; fi
dmesg | grep 'pmm_example:'
"""
# guests booted at once (each a single TCG thread, -smp 1)
GUESTS_AT_ONCE = 2
SUMMARY = re.compile(r"pmm-mirror: (\d+) PFNs, (\d+) sections compared, (\d+) mismatches")


def build_modules(folder, out, *names):
    """the modules @names (NAME.ko), built by the kernel's kbuild from a copy
    of @folder under @out, by name"""
    release = guest.kernel_release()
    kdir = os.environ.get("KDIR", "/usr/src/linux-headers-%s" % release)
    src = os.path.join(out, names[0])
    shutil.rmtree(src, ignore_errors=True)
    shutil.copytree(folder, src)
    p = subprocess.run(["make", "-C", kdir, "M=" + src, "PMM_INCLUDE=" + TOP, "W=1"],
                       capture_output=True, text=True)
    kos = {name: os.path.join(src, name + ".ko") for name in names}
    if p.returncode or not all(os.path.exists(ko) for ko in kos.values()):
        sys.exit("test-linux: %s did not build:\n%s%s"
                 % (", ".join(names), p.stdout, p.stderr))
    return kos


def stages(text):
    """[(stage, [pmm-mirror lines], [pmm-inspect lines])] in the order the
    guest ran them"""
    out = []
    for line in text.splitlines():
        if line.startswith("PMM-STAGE "):
            out.append((line[10:].strip(), [], []))
        elif "pmm-mirror:" in line and out:
            out[-1][1].append(line[line.index("pmm-mirror:"):])
        elif line.startswith("pmm-inspect: ") and out:
            out[-1][2].append(line)
    return out


MEMBLOCK_LINE = re.compile(r"PMM-MEMBLOCK (memblock_alloc\w*): (\d+) bytes .* (sparse_init|"
                           r"sparse_index_alloc|sparse_init_nid)\+")


def memblock_figures(shape, text):
    """(what, ok, detail): pmm-inspect --live's memmap, section table and
    usemap bytes against what the kernel's sparse_init took from memblock:
    the root array (sparse_init) and roots (sparse_index_alloc), then per
    node the usemaps (memblock_alloc_try_nid) and the memmap buffer
    (memblock_alloc_exact_nid_raw) of sparse_init_nid"""
    kernel = {"section_table_bytes": 0, "usemap_bytes": 0, "memmap_bytes": 0}
    for line in text.splitlines():
        m = MEMBLOCK_LINE.search(line)
        if not m:
            continue
        fn, size, caller = m.group(1), int(m.group(2)), m.group(3)
        kernel["section_table_bytes" if caller != "sparse_init_nid" else
               "memmap_bytes" if "exact_nid_raw" in fn else "usemap_bytes"] += size
    js = next((l.split(" ", 1)[1] for l in text.splitlines()
               if l.startswith("PMM-INSPECT-JSON ")), "")
    try:
        report = json.loads(js)
        ours = report["overhead"]
        preset = report["preset"]
    except (ValueError, KeyError, TypeError):
        return ("%s: pmm-inspect's figures: no JSON report" % shape, False, js[:500])
    figures = ", ".join("%s %d" % (k.replace("_bytes", ""), v) for k, v in kernel.items())
    bad = ["%s: kernel %d, pmm-inspect %s" % (k, v, ours.get(k))
           for k, v in kernel.items() if ours.get(k) != v]
    return ("%s: pmm-inspect (%s) equals memblock=debug: %s" % (shape, preset, figures),
            not bad and all(kernel.values()), "\n".join(bad) or figures)


def check_shape(shape, ko, inspect, tmp):
    """[(what, ok, detail)] of one shape's boot"""
    files = {"/pmm_mirror.ko": ko["pmm_mirror"], "/pmm_mirror_2g.ko": ko["pmm_mirror_2g"],
             "/pmm_example.ko": ko["pmm_example"],
             "/pmm-inspect": inspect}
    more = HOTPLUG if shape == "hotplug" else ""
    if shape == "pmem":
        tools, more = guest.pmem_tools(PMEM)
        files.update(tools)
    script = MEMBLOCK + EXAMPLE + MIRROR.format(stage="boot") + INSPECT_JSON + more
    initramfs = os.path.join(tmp, shape + ".cpio")
    guest.build_initramfs(initramfs, files, script)
    try:
        text, seconds = guest.boot(shape, initramfs, timeout=90,
                                   monitor_commands=HOTPLUG_COMMANDS
                                   if shape == "hotplug" else None, append=APPEND)
    except guest.GuestError as e:
        return [("%s: boots and runs" % shape, False, str(e))], 0.0
    example = [l[l.index("pmm_example:"):] for l in text.splitlines() if "pmm_example:" in l]
    results = [("%s: examples/linux-module loads, agrees, unloads" % shape,
                "pmm_example: all instances agree" in example and
                not any(l.endswith(("insmod failed", "rmmod failed", "FAILED"))
                        for l in example), "\n".join(example))]
    want = ["boot"] + {"hotplug": ["online three ways", "offlined", "removed"],
                       "pmem": ["pmem, raw", "pmem, fsdax with its memmap on the device"]
                       }.get(shape, [])
    results.append(memblock_figures(shape, text))
    seen = stages(text)
    if [s[0] for s in seen] != want:
        results.append(("%s: stages %s ran" % (shape, ", ".join(want)), False,
                        "ran: %s\n%s" % ([s[0] for s in seen], text[-2000:])))
    for stage, lines, inspect_lines in seen:
        m = next((SUMMARY.search(l) for l in lines if SUMMARY.search(l)), None)
        ok = m is not None and m.group(3) == "0" and \
            not any("failed" in l for l in lines)
        detail = "\n".join(lines)
        results.append(("%s, %s: %s" % (shape, stage,
                                          "%s PFNs, %s sections, %s mismatches"
                                          % m.groups() if m else "no summary"),
                        ok, detail))
        agree = "pmm-inspect: exit 0" in inspect_lines and \
            any("the memory blocks agree" in l for l in inspect_lines) and \
            any("the blocks' nodes agree" in l for l in inspect_lines) and \
            any("the zones agree" in l for l in inspect_lines)
        blocks = next((l.split("live: kernel", 1)[1].strip() for l in inspect_lines
                       if "live: kernel" in l), "no blocks")
        blocks += next(("; nodes: " + l.split("nodes ", 1)[1] for l in inspect_lines
                        if "the blocks' nodes" in l), "")
        blocks += next(("; zones: " + l.split("zones ", 1)[1] for l in inspect_lines
                        if "live: the zones" in l), "")
        results.append(("%s, %s: pmm-inspect --live: %s" % (shape, stage, blocks), agree,
                        "\n".join(inspect_lines)))
    return results, seconds


def main(argv):
    args = [a for a in argv if not a.startswith("-")]
    build = os.path.realpath(args[0] if args and args[0] not in guest.SHAPES
                             else os.path.join(TOP, "build"))
    shapes = [a for a in args if a in guest.SHAPES] or list(SHAPES)
    out = os.path.join(build, "linux-guest")
    os.makedirs(out, exist_ok=True)
    t0 = time.monotonic()
    ko = build_modules(os.path.join(HERE, "mirror"), out, "pmm_mirror", "pmm_mirror_2g")
    ko.update(build_modules(os.path.join(TOP, "examples", "linux-module"), out,
                            "pmm_example"))
    inspect = os.path.join(out, "pmm-inspect")
    if not os.path.exists(inspect):
        sys.exit("test-linux: no %s: make test-linux links it (static)" % inspect)
    passed = failed = 0
    guest.accelerator()     # probed once, before the guests share it
    with tempfile.TemporaryDirectory(prefix="pmm-linux-") as tmp, \
            concurrent.futures.ThreadPoolExecutor(GUESTS_AT_ONCE) as pool:
        # a guest is one QEMU thread: two at once use both cores
        runs = [pool.submit(check_shape, shape, ko, inspect, tmp) for shape in shapes]
        for shape, run in zip(shapes, runs):
            results, seconds = run.result()
            for what, ok, detail in results:
                print("%s %s" % ("ok  " if ok else "FAIL", what))
                if not ok or "-v" in argv:
                    print("     " + detail.replace("\n", "\n     "))
                passed += ok
                failed += not ok
            print("     %s: %s, booted and checked in %.1f s"
                  % (shape, guest.SHAPES[shape].desc, seconds), flush=True)
    print("test-linux: %d passed, %d failed, 0 skipped (%.0f s, %s)"
          % (passed, failed, time.monotonic() - t0, guest.accelerator()))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
