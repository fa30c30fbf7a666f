#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR MIT
"""check.py - make test-kmod: pmm in a real Linux kbuild, and sparse.

Builds pmm_example.ko (pmm_demo.c and pmm_names.c, this folder) against
the newest installed Debian kernel tree, /usr/src/linux-headers-*-amd64
(not `uname -r`: the running kernel need not be Debian's), in copies of
this folder under BUILD/kmod/, so that the source tree stays clean:

  module   builds with -Werror, W=1 and C=2 (sparse on every unit,
           CF=-Wsparse-all); both units got the kernel's flags (-nostdinc,
           -mcmodel=kernel, -mno-red-zone) and ours (-Werror, -I to pmm);
           kbuild ran sparse on both units; no sparse
           warning points into pmm*.h, no warning at all into this
           folder's files; modpost says nothing; vermagic is the tree's
  names    pmm_names.c's instance takes Linux's names: its object leaves
           none of them undefined and needs only the kmod_pmm_* hooks;
           its kbuild-preprocessed text has every Linux spelling turned
           into the pmm_ function pmm_kernel_names.h maps it to; and it
           saw no header that spells those names
  clash    pmm_demo.c saw <linux/mm.h>, uses Linux's own memory model and
           keeps pmm's state apart
  refused  with KCFLAGS=-DDEMO_SECTION_SIZE_BITS=20 the build fails with
           #error texts found verbatim in pmm*.h, one of them the rule on
           PMM_SECTION_SIZE_BITS
  control  the same sparse filter catches a non-static symbol planted in
           a copy of pmm.h, so the "sparse clean" checks can fail
  direct   sparse, with the kernel's own sparse flags and -Wsparse-all,
           finds nothing in tests/freestanding/all_models.c built as
           x86_64 and i386 kernel code
  tree     no build output landed in examples/linux-module

Usage: check.py [BUILD_DIR] [-v]; KDIR names another kernel tree.
Ends with "test-kmod: N passed, N failed, 0 skipped" and exits 1 on any
failure.
"""
import glob
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.realpath(__file__))
TOP = os.path.realpath(os.path.join(HERE, "..", ".."))
ARGS = [a for a in sys.argv[1:] if not a.startswith("-")]
OUT = os.path.join(os.path.realpath(ARGS[0] if ARGS else os.path.join(TOP, "build")), "kmod")
VERBOSE = "-v" in sys.argv
MODULE = "pmm_example"
UNITS = ("pmm_demo.c", "pmm_names.c")
# What arch/x86/Makefile and scripts/Makefile.build hand sparse (CHECKFLAGS)
SPARSE_KERNEL = ["-D__linux__", "-Dlinux", "-D__STDC__", "-Dunix", "-D__unix__",
                 "-Wbitwise", "-Wno-return-void", "-Wno-unknown-attribute"]
SPARSE_ARCH = {
    "x86_64": ["-D__x86_64__", "--arch=x86", "-mlittle-endian", "-m64",
               "-mcmodel=kernel", "-mno-red-zone"],
    "i386": ["-D__i386__", "--arch=i386", "-mlittle-endian", "-m32",
             "-mregparm=3", "-freg-struct-return"],
}
# tests/freestanding/check.py's kernel rows, for the direct sparse runs
SPARSE_CFLAGS = ["-std=gnu11", "-O2", "-D__KERNEL__", "-DFS_IMPLICIT", "-fno-pic",
                 "-ffreestanding", "-nostdinc", "-fno-builtin", "-mno-sse", "-mno-mmx",
                 "-mno-80387", "-fno-strict-aliasing", "-fno-common",
                 "-fno-stack-protector", "-Wsparse-all"]
# Variables of the calling make that must not reach kbuild (CC=clang, V=1)
KBUILD_ENV_DROP = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "ARCH",
                   "CROSS_COMPILE", "KBUILD_OUTPUT", "KCFLAGS", "KCPPFLAGS", "O",
                   "M", "C", "CF", "W", "V")
# Symbols kbuild's instrumentation asks for: ftrace, retpolines, stack protector
INSTRUMENTATION = re.compile(r"^(__fentry__|__x86_return_thunk|__x86_indirect_thunk_\w+|"
                             r"__stack_chk_fail|__sanitizer_\w+)$")

results = []


def check(ok, label, detail=""):
    """Record one check; print it if it failed (or always with -v)."""
    results.append(ok)
    if not ok:
        print("FAIL %s%s" % (label, ("\n    " + detail.replace("\n", "\n    ")) if detail else ""))
    elif VERBOSE:
        short = detail and "\n" not in detail and len(detail) < 200
        print("ok %s%s" % (label, (" (%s)" % detail) if short else ""))


def run(cmd, env=None, cwd=None):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True, env=env, cwd=cwd)
    return p.returncode, p.stdout


def kernel_tree():
    """KDIR, or the newest /usr/src/linux-headers-*-amd64, and its release."""
    kdir = os.environ.get("KDIR")
    if not kdir:
        trees = glob.glob("/usr/src/linux-headers-*-amd64")
        key = lambda t: [int(n) if n.isdigit() else n for n in re.split(r"(\d+)", t)]
        kdir = max(trees, key=key) if trees else None
    if not kdir or not os.path.isfile(os.path.join(kdir, "Makefile")):
        return None, None
    release = None
    try:
        with open(os.path.join(kdir, "include", "generated", "utsrelease.h")) as f:
            m = re.search(r'UTS_RELEASE\s+"([^"]+)"', f.read())
            release = m.group(1) if m else None
    except OSError:
        pass
    return kdir, release or os.path.basename(kdir)[len("linux-headers-"):]


def kbuild(kdir, moddir, include, *extra):
    """make -C KDIR M=moddir with pmm's headers at include; (rc, output)."""
    env = {k: v for k, v in os.environ.items() if k not in KBUILD_ENV_DROP}
    return run(["make", "-C", kdir, "M=" + moddir, "PMM_INCLUDE=" + include] + list(extra),
               env=env)


def fresh_copy(name):
    """This folder's Kbuild and sources in BUILD/kmod/name, nothing else."""
    d = os.path.join(OUT, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    for f in os.listdir(HERE):
        if f == "Kbuild" or f.endswith((".c", ".h")):
            shutil.copy(os.path.join(HERE, f), d)
    return d


def diagnostics(log):
    """(file, line text) of every warning or error line a tool printed."""
    out = []
    for line in log.splitlines():
        m = re.match(r"^([^:\s]+):\d+(?::\d+)?: (?:warning|error)\b", line)
        if m:
            out.append((m.group(1), line))
    return out


def in_pmm(path):
    return re.match(r"pmm\w*\.h$", os.path.basename(path)) is not None


def kernel_names():
    """{Linux name: pmm function} from pmm_kernel_names.h's #defines."""
    names = {}
    with open(os.path.join(TOP, "pmm_kernel_names.h")) as f:
        for line in f:
            m = re.match(r"#define\s+(\w+)\([^)]*\)\s+(pmm_\w+)\(", line)
            if m:
                names[m.group(1)] = m.group(2)
    return names


def c_tokens(text):
    """The identifiers of C text, without comments and string literals."""
    text = re.sub(r"/\*.*?\*/|//[^\n]*", " ", text, flags=re.S)
    text = re.sub(r'"(?:\\.|[^"\\])*"' r"|'(?:\\.|[^'\\])*'", " ", text)
    return re.findall(r"\b[A-Za-z_]\w*\b", text)


def own_lines(i_text, unit):
    """The lines of a preprocessed unit that come from the unit itself."""
    keep, lines = False, []
    for line in i_text.splitlines():
        m = re.match(r'#\s*\d+\s+"([^"]*)"', line)
        if m:
            keep = os.path.basename(m.group(1)) == unit
        elif keep:
            lines.append(line)
    return "\n".join(lines)


def deps(moddir, obj):
    """The headers kbuild recorded for obj (its .cmd file)."""
    try:
        with open(os.path.join(moddir, "." + obj + ".cmd")) as f:
            text = f.read()
    except OSError:
        return []
    m = re.search(r"^deps_\S+ := \\\n(.*?)\n\n", text, re.S | re.M)
    if not m:
        return []
    return [l.strip().rstrip("\\").strip() for l in m.group(1).splitlines()
            if l.strip() and not l.strip().startswith("$(")]


def cmdline(moddir, obj):
    """The words of the command kbuild compiled obj with (its .cmd file)."""
    try:
        with open(os.path.join(moddir, "." + obj + ".cmd")) as f:
            m = re.search(r"^cmd_\S+ := (.*)$", f.read(), re.M)
    except OSError:
        return []
    return m.group(1).split() if m else []


def nm(path, *flags):
    rc, out = run(["nm"] + list(flags) + [path])
    return {l.split()[-1] for l in out.splitlines() if l.strip()} if rc == 0 else None


def modinfo(ko):
    rc, out = run(["objcopy", "-O", "binary", "--only-section=.modinfo", ko, "/dev/stdout"])
    return dict(f.split("=", 1) for f in out.split("\0") if "=" in f) if rc == 0 else {}


def pmm_errors():
    """Every #error text of pmm*.h."""
    texts = set()
    for h in glob.glob(os.path.join(TOP, "pmm*.h")):
        with open(h) as f:
            for line in f:
                m = re.match(r'\s*#\s*error\s+"(.*)"\s*$', line)
                if m:
                    texts.add(m.group(1))
    return texts


def check_module(kdir, release):
    """The module with -Werror, W=1 and sparse; returns its folder or None."""
    d = fresh_copy("module")
    rc, log = kbuild(kdir, d, TOP, "C=2", "CF=-Wsparse-all", "W=1")
    with open(os.path.join(OUT, "module.log"), "w") as f:
        f.write(log)
    ko = os.path.join(d, MODULE + ".ko")
    check(rc == 0 and os.path.isfile(ko), "module: %s.ko builds with -Werror, W=1, C=2" % MODULE,
          "\n".join(log.splitlines()[-15:]))
    flags = {u: cmdline(d, u[:-2] + ".o") for u in UNITS}
    want = ["-Werror", "-D__KERNEL__", "-nostdinc", "-mcmodel=kernel", "-mno-red-zone",
            "-I" + TOP]
    short = {u: [w for w in want if w not in f] for u, f in flags.items()}
    check(all(f and not short[u] for u, f in flags.items()),
          "module: both units were compiled with %s" % " ".join(want[:-1] + ["-I<pmm>"]),
          "missing: %s" % short if any(short.values()) else "")
    checked = set(re.findall(r"^\s+CHECK\s+(\S+)$", log, re.M))
    check(all(os.path.join(d, u) in checked for u in UNITS),
          "module: kbuild ran sparse on %s" % " and ".join(UNITS), " ".join(sorted(checked)))
    diags = diagnostics(log)
    bad = [l for p, l in diags if in_pmm(p)]
    check(not bad, "sparse: no warning points into pmm*.h (kbuild, C=2)", "\n".join(bad[:20]))
    own = [l for p, l in diags if not in_pmm(p) and os.path.dirname(os.path.realpath(p)) == d]
    check(not own, "module: no warning in this folder's files", "\n".join(own[:20]))
    others = [l for p, l in diags if not in_pmm(p) and l not in own]
    if others and VERBOSE:
        print("note: warnings in the kernel's own headers:\n    " + "\n    ".join(others[:10]))
    post = [l for l in log.splitlines()
            if "modpost" in l.lower() and re.search(r"warn|error", l, re.I)]
    check(not post, "module: modpost passes without a warning", "\n".join(post))
    magic = modinfo(ko).get("vermagic", "") if rc == 0 else ""
    check(magic.split(" ")[:1] == [release], "module: vermagic is %s's" % release, magic)
    return d if rc == 0 else None


def check_names(kdir, d):
    """pmm_names.c: Linux's spellings resolved to pmm, Linux's headers out."""
    names = kernel_names()
    check(len(names) >= 5, "names: pmm_kernel_names.h maps Linux's names",
          " ".join(sorted(names)))
    undef = nm(os.path.join(d, "pmm_names.o"), "-u")
    defined = nm(os.path.join(d, "pmm_names.o"), "--defined-only")
    if undef is None or defined is None:
        check(False, "names: nm reads pmm_names.o")
        return
    linux = sorted(undef & set(names))
    foreign = sorted(n for n in undef
                     if not n.startswith("kmod_pmm_") and not INSTRUMENTATION.match(n))
    check(not linux and not foreign,
          "names: pmm_names.o leaves no Linux name undefined, needs only its hooks",
          "Linux names: %s; others: %s" % (" ".join(linux), " ".join(foreign)))
    ours = sorted(n for n in defined if n.startswith("pmm_"))
    check(bool(ours), "names: pmm_names.o holds pmm's own code and state",
          " ".join(ours[:6]))

    rc, log = kbuild(kdir, d, TOP, "pmm_names.i")
    try:
        with open(os.path.join(d, "pmm_names.i")) as f:
            pre = own_lines(f.read(), "pmm_names.c")
    except OSError:
        check(False, "names: kbuild preprocesses pmm_names.c", "\n".join(log.splitlines()[-10:]))
        return
    with open(os.path.join(HERE, "pmm_names.c")) as f:
        used = set(c_tokens(f.read())) & set(names)
    after = c_tokens(pre)
    left = sorted(set(after) & set(names))
    missing = sorted(n for n in used if names[n] not in after)
    check(len(used) >= 5 and not left and not missing,
          "names: after kbuild's preprocessor, each of pmm_names.c's %d Linux spellings"
          " is its pmm_ function" % len(used),
          "still Linux's: %s; target missing for: %s" % (" ".join(left), " ".join(missing)))

    seen = [h for h in deps(d, "pmm_names.o")
            if not in_pmm(h) and os.path.dirname(h) != d]
    spelled = []
    for h in seen:
        try:
            with open(h) as f:
                if set(c_tokens(f.read())) & set(names):
                    spelled.append(h)
        except OSError:
            spelled.append(h + " (unreadable)")
    check(bool(seen) and not spelled,
          "names: pmm_names.o saw only kbuild's forced headers (%d),"
          " none spelling Linux's names" % len(seen),
          " ".join(spelled))


def check_clash(kdir, d):
    """pmm_demo.c: Linux's memory model and pmm's instances in one unit."""
    seen = deps(d, "pmm_demo.o")
    check(any(h.endswith("/include/linux/mm.h") for h in seen),
          "clash: pmm_demo.o was built with <linux/mm.h>")
    defined = nm(os.path.join(d, "pmm_demo.o"), "--defined-only") or set()
    undef = nm(os.path.join(d, "pmm_demo.o"), "-u") or set()
    ours = {i for i in ("demo", "flat", "vmm") if "pmm__%s_initialised" % i in defined}
    with open(os.path.join(kdir, ".config")) as f:
        sparse = "CONFIG_SPARSEMEM=y" in f.read().split("\n")
    # Linux's pfn_valid reads its mem_section; pmm's tables are its own
    linux_ok = "mem_section" in undef if sparse else True
    check(len(ours) == 3 and linux_ok and "mem_section" not in defined,
          "clash: pmm_demo.o keeps demo, flat and vmm's state beside Linux's mem_section",
          "pmm instances: %s; Linux's mem_section undefined: %s"
          % (" ".join(sorted(ours)), linux_ok))


def check_refused(kdir):
    """A bad section size stops the build with pmm's own #error."""
    d = fresh_copy("refused")
    rc, log = kbuild(kdir, d, TOP, "KCFLAGS=-DDEMO_SECTION_SIZE_BITS=20")
    with open(os.path.join(OUT, "refused.log"), "w") as f:
        f.write(log)
    check(rc != 0 and not os.path.exists(os.path.join(d, MODULE + ".ko")),
          "refused: DEMO_SECTION_SIZE_BITS=20 fails the build")
    rules = pmm_errors()
    said = set(re.findall(r'error: #error "(.*)"\s*$', log, re.M))
    section = {r for r in rules if r.startswith("PMM_SECTION_SIZE_BITS must")}
    check(bool(said) and said <= rules and said & section,
          "refused: the build says pmm.h's own #error on PMM_SECTION_SIZE_BITS",
          "said: %s\nrules on the parameter: %s" % (sorted(said), sorted(section)))


def check_control(kdir):
    """A planted sparse finding in a copy of pmm.h must be reported."""
    inc = os.path.join(OUT, "planted-include")
    shutil.rmtree(inc, ignore_errors=True)
    os.makedirs(inc)
    for h in glob.glob(os.path.join(TOP, "pmm*.h")):
        shutil.copy(h, inc)
    with open(os.path.join(inc, "pmm.h")) as f:
        text = f.read()
    planted = re.sub(r"^static (int PMM__IN\(initialised\))", r"\1", text, flags=re.M)
    with open(os.path.join(inc, "pmm.h"), "w") as f:
        f.write(planted)
    d = fresh_copy("planted")
    rc, log = kbuild(kdir, d, inc, "C=2")
    hits = " ".join(l for p, l in diagnostics(log) if in_pmm(p))
    check(planted != text and "'pmm__initialised'" in hits and "'pmm__demo_initialised'" in hits,
          "control: a non-static symbol planted in pmm.h is reported by sparse in both units",
          "\n".join(log.splitlines()[-10:]))


def check_direct():
    """sparse straight over the freestanding matrix's all-models unit."""
    src = os.path.join(TOP, "tests", "freestanding", "all_models.c")
    for arch, flags in SPARSE_ARCH.items():
        rc, log = run(["sparse"] + SPARSE_KERNEL + flags + SPARSE_CFLAGS +
                      ["-I" + TOP, "-I" + os.path.dirname(src), src])
        diags = [l for p, l in diagnostics(log)]
        pmm = [l for p, l in diagnostics(log) if in_pmm(p)]
        check(rc == 0 and not pmm,
              "direct: sparse finds nothing in pmm*.h (all_models.c, %s)" % arch,
              "\n".join((pmm or log.splitlines())[:20]))
        check(rc == 0 and not diags,
              "direct: sparse finds nothing at all (all_models.c, %s)" % arch,
              "\n".join(diags[:20]))


def check_tree():
    """kbuild wrote nothing into the source folder."""
    junk = [f for f in os.listdir(HERE)
            if re.search(r"\.(o|ko|mod|mod\.c|i|s|cmd|order|symvers|d)$", f)
            or f in ("Module.symvers", "modules.order", ".tmp_versions")]
    check(not junk, "tree: examples/linux-module holds no build output", " ".join(junk))


def main():
    os.makedirs(OUT, exist_ok=True)
    rc, log = run([os.path.join(TOP, "scripts", "install-deps"), "test"])
    if rc:
        print("note: scripts/install-deps test failed; going on with what is installed\n    " +
              "\n    ".join(log.splitlines()[-3:]))
    kdir, release = kernel_tree()
    check(kdir is not None, "a Debian kernel tree: /usr/src/linux-headers-*-amd64",
          "install linux-headers-amd64 (scripts/install-deps test)")
    check(shutil.which("sparse") is not None, "sparse is installed")
    if kdir and shutil.which("sparse"):
        if VERBOSE:
            print("kernel tree %s (%s)" % (kdir, release))
        d = check_module(kdir, release)
        if d:
            check_names(kdir, d)
            check_clash(kdir, d)
        check_refused(kdir)
        check_control(kdir)
    if shutil.which("sparse"):
        check_direct()
    check_tree()
    failed = results.count(False)
    print("test-kmod: %d passed, %d failed, 0 skipped" % (len(results) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
