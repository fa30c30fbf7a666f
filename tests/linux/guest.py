#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR MIT
"""guest.py - boot Debian's own kernel under QEMU (KVM where a guest
really boots with it, TCG otherwise: accelerator()) with a busybox
initramfs, in one of several machine shapes, run a shell script in the guest
and give back what the guest printed on its console.

The kernel is the one the installed linux-headers-*-amd64 belong to, so a
module built against those headers loads in the guest.  The initramfs is a
newc cpio written here (no cpio tool needed): busybox-static, an /init that
mounts proc, sys, devtmpfs and debugfs, runs the script, prints
"PMM-GUEST-DONE rc=N" and powers off, plus any host files the caller names.

Memory hotplug: a script prints HOTPLUG_NOW (the shell snippet WAIT_FOR_DIMM
does this and then waits, bounded, for new memory blocks); boot() then sends
its monitor_commands to QEMU's human monitor on a unix socket.

Usage: guest.py SHAPE...   boots each shape with a demo script (see DEMO).
Packages: linux-image-amd64, busybox-static, ndctl (pmem demo), qemu-system-x86.
"""
import glob
import os
import re
import selectors
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass

END = "PMM-GUEST-DONE"
HOTPLUG_NOW = "PMM-HOTPLUG-NOW"
BUSYBOX = "/bin/busybox"
# terminal escapes (SeaBIOS clears the screen, the monitor redraws its line)
ESCAPES = re.compile(r"\x1b(\[[0-9;?]*[A-Za-z]|c)")


class GuestError(RuntimeError):
    pass


@dataclass
class Shape:
    desc: str
    qemu: list          # "{tmp}" stands for the boot's own temporary folder
    append: str = ""    # kernel command line extras
    tcg_only: bool = False  # a CPU feature KVM would need the host to have


def _numa(sizes, backend=""):
    """-object/-numa arguments for nodes of the given sizes, their backends
    with @backend's options; CPU 0 on node 0"""
    args = []
    for nid, size in enumerate(sizes):
        args += ["-object", f"memory-backend-ram,id=m{nid},size={size}{backend}",
                 "-numa", f"node,nodeid={nid},memdev=m{nid}"]
    return args + ["-numa", "cpu,node-id=0,socket-id=0"]


SHAPES = {
    "512m": Shape("pc, 512 MiB, one node, all RAM below 4 GiB",
                  ["-machine", "pc", "-m", "512M"]),
    "6g": Shape("q35, 6 GiB: 2 GiB below the PCI hole, 4 GiB above 4 GiB",
                ["-machine", "q35", "-m", "6G"]),
    "numa2": Shape("q35, 3 GiB on 2 nodes of 1 GiB and 2 GiB, node 1 across "
                   "the hole", ["-machine", "q35", "-m", "3G"]
                   + _numa(["1G", "2G"])),
    "numa4": Shape("q35, 3 GiB on 4 nodes of 256 MiB, 512 MiB, 768 MiB and "
                   "1.5 GiB", ["-machine", "q35", "-m", "3G"]
                   + _numa(["256M", "512M", "768M", "1536M"])),
    "numa-odd": Shape("q35, 2 GiB on 2 nodes of 1088 MiB and 960 MiB: the node "
                      "boundary inside a 128 MiB memory block",
                      ["-machine", "q35", "-m", "2G"] + _numa(["1088M", "960M"])),
    "la57": Shape("q35, 1 GiB, CPU with 5-level paging (la57)",
                  ["-machine", "q35", "-m", "1G", "-cpu", "qemu64,+la57"],
                  tcg_only=True),
    "mem": Shape("pc, 4 GiB (3.5 GiB below the hole) booted with mem=3G, "
                 "which cuts the map at address 3 GiB",
                 ["-machine", "pc", "-m", "4G"], "mem=3G"),
    "memmap": Shape("q35, 4 GiB (2 GiB above 4 GiB) booted with memmap=1G!5G, "
                    "which makes the top GiB legacy persistent memory",
                    ["-machine", "q35", "-m", "4G"], "memmap=1G!5G"),
    "64g": Shape("q35, 64 GiB on 2 nodes of 16 GiB and 48 GiB: RAM ends at "
                 "66 GiB, so 2 GiB memory blocks", ["-machine", "q35", "-m", "64G"]
                 # more than this host has: reserve no swap for it (the guest
                 # touches its memmap, about 1 GiB, and little else)
                 + _numa(["16G", "48G"], ",reserve=off")),
    "hotplug": Shape("q35, 2 GiB on node 0, node 1 with no memory and no CPU "
                     "at boot, 4 DIMM slots up to 8 GiB for device_add",
                     ["-machine", "q35", "-m", "2G,slots=4,maxmem=8G",
                      "-object", "memory-backend-ram,id=m0,size=2G",
                      "-numa", "node,nodeid=0,memdev=m0",
                      "-numa", "node,nodeid=1",
                      "-numa", "cpu,node-id=0,socket-id=0"]),
    "pmem": Shape("q35, 2 GiB RAM and a 1 GiB nvdimm backed by a file",
                  ["-machine", "q35,nvdimm=on", "-m", "2G,slots=2,maxmem=8G",
                   "-object", "memory-backend-file,id=mem1,share=on,"
                   "mem-path={tmp}/nvdimm,size=1G",
                   "-device", "nvdimm,memdev=mem1,id=nv1"]),
}

# What a hotplug script runs where the DIMM should arrive: ask for it, then
# wait at most 20 s for the memory block count to grow, so that a lost
# request ends the script instead of hanging it.
WAIT_FOR_DIMM = f"""
blocks() {{ ls -d /sys/devices/system/memory/memory* | wc -l; }}
before=$(blocks)
echo {HOTPLUG_NOW}
i=0
while [ "$(blocks)" -eq "$before" ] && [ $i -lt 100 ]; do
    usleep 200000; i=$((i + 1))
done
echo "memory blocks: $before before, $(blocks) after"
"""

# /init: the kernel runs it with no PATH and no applet links; /proc comes
# first because busybox --install reads /proc/self/exe.
INIT = f"""#!/bin/busybox sh
/bin/busybox mount -t proc proc /proc
/bin/busybox --install -s
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t debugfs debugfs /sys/kernel/debug
echo                          # SeaBIOS leaves its last line unended
sh /script.sh
echo "{END} rc=$?"
poweroff -f
"""


def _natural(text):
    """sort key that puts 6.1.0-10 after 6.1.0-9"""
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", text)]


def kernel_release():
    """release of the newest /usr/src/linux-headers-*-amd64 (what modules
    are built against)"""
    heads = glob.glob("/usr/src/linux-headers-*-amd64")
    if not heads:
        raise GuestError("no /usr/src/linux-headers-*-amd64: "
                         "apt-get install linux-headers-amd64")
    return os.path.basename(max(heads, key=_natural))[len("linux-headers-"):]


def find_kernel():
    """/boot/vmlinuz-<release> for kernel_release()"""
    release = kernel_release()
    path = f"/boot/vmlinuz-{release}"
    if not os.path.isfile(path):
        raise GuestError(f"{path} missing: the headers have no kernel to "
                         f"boot; apt-get install linux-image-{release}")
    return path


def kernel_modules(names):
    """guest path -> host path of the modules `names` and those they need,
    in load order (for insmod; busybox's modprobe is not relied upon)"""
    base = f"/lib/modules/{kernel_release()}"
    deps = {}
    with open(f"{base}/modules.dep") as f:
        for line in f:
            mod, _, rest = line.partition(":")
            name = os.path.basename(mod).removesuffix(".ko").replace("-", "_")
            # depmod lists what a module needs last-loaded-first
            deps[name] = rest.split()[::-1] + [mod]
    files = {}
    for name in names:
        key = name.replace("-", "_")
        if key not in deps:
            raise GuestError(f"module {name} not in {base}/modules.dep")
        for mod in deps[key]:
            files[f"{base}/{mod}"] = f"{base}/{mod}"
    return files


def binary_files(path):
    """guest path -> host path for `path` and, when it is dynamically
    linked, the libraries and loader that ldd names, at the same paths"""
    files = {path: path}
    out = subprocess.run(["ldd", path], capture_output=True, text=True,
                         timeout=30).stdout
    for lib in re.findall(r"(/\S+) \(0x", out):
        files[lib] = lib
    return files


def pmem_tools(script):
    """(files, script) for a pmem guest: the nvdimm's drivers and ndctl
    with its libraries, and `script` after a line that loads the drivers
    in order"""
    mods = kernel_modules(["nfit", "nd_pmem"])
    files = mods | binary_files("/usr/bin/ndctl")
    return files, f"for m in {' '.join(mods)}; do insmod $m; done\n" + script


def _cpio_entry(out, ino, name, mode, data=b"", rdev=(0, 0)):
    """one newc record: 110-byte header, name, data, each padded to 4"""
    fields = (ino, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1],
              len(name) + 1, 0)
    head = b"070701" + "".join(f"{v:08x}" for v in fields).encode()
    record = head + name.encode() + b"\0"
    record += b"\0" * (-len(record) % 4) + data
    out.write(record + b"\0" * (-len(record) % 4))


def build_initramfs(out_path, files, script):
    """write a newc cpio to out_path: busybox, /init, /script.sh holding
    `script`, and files (guest path -> host path)"""
    if len(binary_files(BUSYBOX)) != 1:
        raise GuestError(f"{BUSYBOX} is not static: apt-get install "
                         "busybox-static")
    blobs = {"/init": (0o755, INIT.encode()),
             "/script.sh": (0o644, script.encode())}
    for guest, host in ({BUSYBOX: BUSYBOX} | files).items():
        with open(host, "rb") as f:
            blobs[guest] = (stat.S_IMODE(os.fstat(f.fileno()).st_mode),
                            f.read())
    # every folder a path lies in ("/x/" is folder /x); busybox --install
    # links applets into /bin, /sbin, /usr/bin and /usr/sbin
    dirs = set()
    for path in ["/proc/", "/sys/", "/dev/", "/tmp/", "/run/", "/sbin/",
                 "/usr/bin/", "/usr/sbin/", *blobs]:
        while (path := os.path.dirname(path)) != "/":
            dirs.add(path)
    with open(out_path, "wb") as out:
        ino = 1
        for d in sorted(dirs):           # a parent sorts before its children
            _cpio_entry(out, ino, d[1:], stat.S_IFDIR | 0o755)
            ino += 1
        # the kernel opens /dev/console for init before devtmpfs is mounted
        _cpio_entry(out, ino, "dev/console", stat.S_IFCHR | 0o600, rdev=(5, 1))
        for guest, (mode, data) in sorted(blobs.items()):
            ino += 1
            _cpio_entry(out, ino, guest[1:], stat.S_IFREG | mode, data)
        _cpio_entry(out, 0, "TRAILER!!!", 0)


def _tail(text, lines=25):
    return "\n".join(text.splitlines()[-lines:])


def _until_prompt(sock):
    """what the human monitor says up to its next "(qemu) " prompt"""
    reply = b""
    while not reply.endswith(b"(qemu) "):
        chunk = sock.recv(4096)
        if not chunk:
            raise GuestError(f"QEMU monitor closed: {reply!r}")
        reply += chunk
    text = ESCAPES.sub("", reply.decode(errors="replace"))
    return text.removesuffix("(qemu) ").replace("\r", "").strip()


def _monitor(path, commands, deadline):
    """send commands to QEMU's human monitor; a transcript, or GuestError
    on an "Error" reply or when the boot's deadline passes"""
    transcript = ""
    with socket.socket(socket.AF_UNIX) as sock:
        sock.settimeout(max(deadline - time.monotonic(), 0.1))
        sock.connect(path)
        _until_prompt(sock)                          # the banner
        for command in commands:
            sock.settimeout(max(deadline - time.monotonic(), 0.1))
            sock.sendall(command.encode() + b"\n")
            # the monitor echoes the command, redrawn key by key, first
            reply = _until_prompt(sock).partition("\n")[2]
            transcript += f"[monitor] {command}: {reply or 'done'}\n"
            if "Error" in reply:
                raise GuestError(f"monitor: {command}: {reply}")
    return transcript


def _console(proc, deadline, monitor, batches, out):
    """read the serial console into `out` until QEMU exits (True) or the
    deadline passes (False); send the next batch of commands each time the
    guest asks (prints HOTPLUG_NOW)"""
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    sent = 0
    while (left := deadline - time.monotonic()) > 0:
        if not sel.select(left):
            continue
        chunk = os.read(proc.stdout.fileno(), 65536)
        if not chunk:
            return True
        out += chunk
        asked = len(re.findall(HOTPLUG_NOW.encode() + rb"\r?\n", out))
        while sent < min(asked, len(batches)):
            out += _monitor(monitor, batches[sent], deadline).encode()
            sent += 1
    return False


def _stop(proc, grace):
    """wait `grace` seconds for QEMU to exit, then kill its process group"""
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


# how long a guest may take to boot under KVM before KVM is taken not to work
KVM_PROBE_SECONDS = 8
_accel = []


def accelerator():
    """"kvm" where a guest really boots with it, else "tcg": /dev/kvm may
    open and still never get a kernel past its decompressor (so on the
    machines this was written on), so a 512 MiB guest is booted once with
    it, for at most KVM_PROBE_SECONDS; the answer is kept"""
    if not _accel:
        _accel.append("tcg")
        if os.access("/dev/kvm", os.R_OK | os.W_OK):
            with tempfile.TemporaryDirectory(prefix="pmm-kvm-") as tmp:
                initramfs = os.path.join(tmp, "probe.cpio")
                build_initramfs(initramfs, {}, "true\n")
                try:
                    boot("512m", initramfs, timeout=KVM_PROBE_SECONDS, accel="kvm")
                    _accel[0] = "kvm"
                except GuestError:
                    pass
    return _accel[0]


def qemu_command(shape, initramfs, tmp, monitor=None, append="", accel="tcg"):
    """the qemu-system-x86_64 command line for `shape` under `accel`,
    `append` added to its kernel command line"""
    spec = SHAPES[shape]
    append = f"console=ttyS0 panic=-1 quiet loglevel=4 {spec.append} {append}"
    if spec.tcg_only:
        accel = "tcg"
    return (["qemu-system-x86_64", "-accel", accel, "-nodefaults",
             "-no-user-config", "-nographic", "-no-reboot", "-smp", "1",
             "-serial", "stdio",
             "-monitor", f"unix:{monitor},server=on,wait=off" if monitor
             else "none",
             "-kernel", find_kernel(), "-initrd", initramfs,
             "-append", append.strip()]
            + [arg.format(tmp=tmp) for arg in spec.qemu])


def boot(shape, initramfs, timeout=60, monitor_commands=None, append="", accel=None):
    """boot `shape` with `initramfs`; (console text, seconds).  Raises
    GuestError, with the console's last lines, when the guest does not
    print its end line within `timeout` seconds or QEMU stops first.
    `monitor_commands`: a list of commands, sent when the guest first
    prints HOTPLUG_NOW, or a list of such lists, one per time it does.
    `append`: more for the kernel's command line; `accel`: "kvm" or "tcg",
    by default accelerator()'s."""
    if monitor_commands and isinstance(monitor_commands[0], str):
        monitor_commands = [monitor_commands]
    with tempfile.TemporaryDirectory(prefix="pmm-guest-") as tmp:
        monitor = os.path.join(tmp, "monitor.sock") if monitor_commands \
            else None
        start = time.monotonic()
        # its own session, so that a timeout kills QEMU and all it started
        proc = subprocess.Popen(qemu_command(shape, initramfs, tmp, monitor, append,
                                             accel or accelerator()),
                                stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT,
                                start_new_session=True)
        out, error = bytearray(), None
        try:
            if not _console(proc, start + timeout, monitor,
                            monitor_commands or [], out):
                error = f"not done within {timeout} s"
        except (OSError, GuestError) as err:
            error = str(err)
        finally:
            # stdout closed: QEMU is on its way out, give it a moment
            _stop(proc, 5 if error is None else 0)
            proc.stdout.close()
        seconds = time.monotonic() - start
    # escapes are removed only now: a read can end inside one
    text = ESCAPES.sub("", out.decode(errors="replace")).replace("\r", "")
    if error is None and END not in text:
        error = f"QEMU exited ({proc.returncode}) before the {END} line"
    if error:
        raise GuestError(f"{shape}: {error}; console ends:\n{_tail(text)}")
    return text, seconds


# The demo: what every shape prints, then what proves each shape.
COMMON = """uname -r
grep 'System RAM' /proc/iomem
echo "nodes: $(ls /sys/devices/system/node/ | grep node | tr '\\n' ' ')"
grep -h MemTotal /sys/devices/system/node/node*/meminfo
echo "memory blocks: $(ls -d /sys/devices/system/memory/memory* | wc -l)"
"""

DEMO = {
    "la57": """grep -o -w -m1 la57 /proc/cpuinfo
grep -m1 'address sizes' /proc/cpuinfo
# 32 TiB of vmalloc space with 4-level page tables, 12800 TiB with 5-level
grep VmallocTotal /proc/meminfo
""",
    "mem": """cat /proc/cmdline
dmesg | grep -A6 'user-defined physical RAM map'
""",
    "memmap": """cat /proc/cmdline
grep -B1 -A1 'Persistent Memory' /proc/iomem
""",
    "hotplug": WAIT_FOR_DIMM + """
block=$(grep -l offline /sys/devices/system/memory/memory*/state | head -1)
block=${block%/state}
echo "new offline blocks: $(grep -l offline \\
    /sys/devices/system/memory/memory*/state | wc -l), onlining $block"
echo online_movable > $block/state
echo "$block: $(cat $block/state), $(ls -d $block/node*)"
grep 'System RAM' /proc/iomem
echo "nodes: $(ls /sys/devices/system/node/ | grep node | tr '\\n' ' ')"
grep -h MemTotal /sys/devices/system/node/node*/meminfo
""",
    "pmem": """ndctl list -N
ndctl create-namespace --force --reconfig=namespace0.0 --mode=fsdax \\
    --map=dev
ls /dev/pmem*
grep -A3 'Persistent Memory' /proc/iomem
""",
}

HOTPLUG_COMMANDS = ["object_add memory-backend-ram,id=hp1,size=1G",
                    "device_add pc-dimm,id=dimm1,memdev=hp1,node=1"]


def demo(shape, tmp):
    """boot `shape` with COMMON and its DEMO part; print console and time"""
    files, script = {}, COMMON + DEMO.get(shape, "")
    if shape == "pmem":
        files, script = pmem_tools(script)
    initramfs = os.path.join(tmp, f"{shape}.cpio")
    build_initramfs(initramfs, files, script)
    commands = HOTPLUG_COMMANDS if shape == "hotplug" else None
    text, seconds = boot(shape, initramfs, monitor_commands=commands)
    print(f"=== {shape}: {SHAPES[shape].desc}\n{text.rstrip()}\n"
          f"=== {shape}: {seconds:.1f} s\n", flush=True)


def main(shapes):
    unknown = [s for s in shapes if s not in SHAPES]
    if not shapes or unknown:
        sys.exit(f"usage: guest.py SHAPE...; shapes: {' '.join(SHAPES)}")
    with tempfile.TemporaryDirectory(prefix="pmm-demo-") as tmp:
        for shape in shapes:
            demo(shape, tmp)


if __name__ == "__main__":
    main(sys.argv[1:])
