#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR MIT
"""check_docs.py - what the documentation points at must exist

    check_docs.py [-v] [--inspect PMM_INSPECT] [ROOT]

Text about code goes stale without anyone noticing: a file is renamed, a
heading changes, an example is edited and its copy in the README is not.
This checks, in the repository at ROOT (default: two folders up):

  links     every [text](target) and ![alt](target) of every Markdown
            file git does not ignore (but the kept benchmark records, see RECORDS)
            names a file or folder that exists, and a "#anchor" after a
            .md file names one of its headings; http(s) and mailto links
            are not fetched: each counts as skipped
  paths     every `inline code` of README.md and docs/*.md that is a path
            into this repository (its first part is a top-level entry)
            exists; a glob must match something; paths under build/ are
            made by the build and not checked
  excerpts  after a line "<!-- excerpt: PATH -->", the fenced block or
            table that follows is a copy of PATH: each of its non-blank
            lines, stripped, occurs in PATH in the same order (lines of
            PATH may lie between, and a line "..." marks where), so that a figure or an example shown
            in the documentation is the one the file holds
  pictures  after "<!-- made by: build/pmm-inspect ... --svg FILE -->",
            the command, run with PMM_INSPECT (default
            ROOT/build/pmm-inspect), draws FILE byte for byte; skipped
            when there is no such program
  targets   docs/tests.md names every test target (`make test-x`) that a
            rules.mk or the Makefile adds to TESTS
  outside   no file git does not ignore cites a document that is not in the
            repository (OUTSIDE: notes and trackers the reader cannot
            open)

Each link, path, excerpt, target and pattern is a case.  Prints what fails, then
"test-docs: N passed, N failed, N skipped"; exit status 1 on a failure.
"""

import glob
import os
import re
import subprocess
import sys
import tempfile

# tests/lib: the reporter the Python checks share
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pyreport  # noqa: E402

# Kept records of one benchmark run (docs/results-*/): they name the files
# of their time on purpose; their README.md says so and is checked.
RECORDS = re.compile(r"^docs/results-[^/]+/(?!README\.md$)")
# Documents a reader of this repository cannot open: another project's
# notes, a design file kept elsewhere, a tracker's issue number, a home
# or work folder.  Each is a git-grep basic regular expression, written
# so that it does not match itself.
OUTSIDE = [r"shared[/]reference", r"shared[/]layouts", r"DESIGN[.]md", r"issue[ ][0-9]",
           r"/home[/][a-z]", r"/work[/][a-z]"]
SELF = "tests/docs/"

LINK = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(([^()\s]+)(?:\s+\"[^\"]*\")?\)")
CODE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
EXCERPT = re.compile(r"^<!--\s*excerpt:\s*(\S+)\s*-->\s*$")
MADE_BY = re.compile(r"^<!--\s*made by:\s*build/pmm-inspect\s+(.*?)\s*-->\s*$")
PATHLIKE = re.compile(r"^[A-Za-z0-9_.+-]+(/[A-Za-z0-9_.+*-]*)*$")

report = pyreport.Report("test-docs")
ok, fail, skip = report.ok, report.fail, report.skip


def tracked(root):
    """the files git knows or would add (not those it ignores), or every
    file when ROOT is not a git checkout"""
    try:
        out = subprocess.run(["git", "-C", root, "ls-files", "-z", "--cached",
                              "--others", "--exclude-standard"], check=True,
                             capture_output=True).stdout.decode()
        return [f for f in out.split("\0") if f and os.path.exists(os.path.join(root, f))]
    except (OSError, subprocess.CalledProcessError):
        files = []
        for d, dirs, names in os.walk(root):
            dirs[:] = [x for x in dirs if x not in (".git", "build")]
            files += [os.path.relpath(os.path.join(d, n), root) for n in names]
        return files


def prose(lines):
    """(line number, text) of the lines outside fenced code blocks"""
    fenced = False
    for n, line in enumerate(lines, 1):
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if not fenced:
            yield n, line


def slug(heading):
    """the anchor GitHub gives a heading"""
    h = re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", r"\1", heading.strip().lower())
    return re.sub(r"\s", "-", re.sub(r"[^\w\s-]", "", h))


def anchors(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    return {slug(line.lstrip("#")) for _, line in prose(lines) if re.match(r"#{1,6}\s", line)}


def check_links(root, name, lines):
    here = os.path.dirname(name)
    for n, line in prose(lines):
        for target in LINK.findall(line):
            where = "%s:%d: link %s" % (name, n, target)
            if re.match(r"(https?|mailto):", target):
                skip(where + " (not fetched)")
                continue
            path, _, anchor = target.partition("#")
            full = os.path.normpath(os.path.join(root, here, path)) if path else \
                os.path.join(root, name)
            if not full.startswith(os.path.abspath(root) + os.sep) and full != os.path.abspath(root):
                fail(where + ": outside the repository")
            elif not os.path.exists(full):
                fail(where + ": no such file")
            elif anchor and full.endswith(".md") and anchor not in anchors(full):
                fail(where + ": no heading #" + anchor)
            else:
                ok(where)


def check_paths(root, name, lines, top):
    for n, line in prose(lines):
        for code in CODE.findall(line):
            word = code.strip()
            if not PATHLIKE.match(word) or word.split("/")[0] not in top:
                continue
            if word.startswith("build/") or ("/" not in word and "." not in word):
                continue
            where = "%s:%d: path %s" % (name, n, word)
            if glob.glob(os.path.join(root, word.rstrip("/"))):
                ok(where)
            else:
                fail(where + ": no such file")


def block_after(lines, i):
    """the fenced block or the table that starts at or after lines[i]"""
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines) and lines[i].lstrip().startswith("```"):
        j = i + 1
        while j < len(lines) and not lines[j].lstrip().startswith("```"):
            j += 1
        return lines[i + 1:j]
    block = []
    while i < len(lines) and lines[i].lstrip().startswith("|"):
        block.append(lines[i])
        i += 1
    return block


def check_excerpts(root, name, lines):
    for i, line in enumerate(lines):
        m = EXCERPT.match(line)
        if not m:
            continue
        where = "%s:%d: excerpt of %s" % (name, i + 1, m.group(1))
        src = os.path.join(root, m.group(1))
        want = [x.strip() for x in block_after(lines, i + 1)
                if x.strip() and x.strip() != "..."]
        if not os.path.isfile(src):
            fail(where + ": no such file")
            continue
        if not want:
            fail(where + ": no block or table follows")
            continue
        with open(src, encoding="utf-8") as f:
            have = [x.strip() for x in f.read().splitlines()]
        k = 0
        for w in want:
            while k < len(have) and have[k] != w:
                k += 1
            if k == len(have):
                fail("%s: not in the file (in this order): %s" % (where, w))
                break
            k += 1
        else:
            ok(where)


def check_pictures(root, name, lines, inspect):
    for n, line in enumerate(lines, 1):
        m = MADE_BY.match(line)
        if not m:
            continue
        args = m.group(1).split()
        where = "%s:%d: picture" % (name, n)
        if "--svg" not in args or args.index("--svg") + 1 >= len(args):
            fail(where + ": the command names no --svg FILE")
            continue
        i = args.index("--svg") + 1
        want = os.path.join(root, args[i])
        where += " " + args[i]
        if not os.access(inspect, os.X_OK):
            skip(where + " (no %s: make builds it)" % inspect)
            continue
        with tempfile.TemporaryDirectory() as tmp:
            args[i] = os.path.join(tmp, "picture.svg")
            r = subprocess.run([inspect] + args, cwd=root, capture_output=True, text=True)
            if r.returncode != 0:
                fail("%s: pmm-inspect exited %d: %s" % (where, r.returncode, r.stderr.strip()))
            elif not os.path.isfile(want):
                fail(where + ": no such file")
            elif open(args[i], "rb").read() != open(want, "rb").read():
                fail("%s: differs from what the command draws now: run it again "
                     "(build/pmm-inspect %s)" % (where, m.group(1)))
            else:
                ok(where)


def check_targets(root, files):
    """every target added to TESTS is in docs/tests.md's table"""
    path = os.path.join(root, "docs", "tests.md")
    text = open(path, encoding="utf-8").read() if os.path.isfile(path) else ""
    for name in sorted(f for f in files if f == "Makefile" or f.endswith("rules.mk")):
        with open(os.path.join(root, name), encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                m = re.match(r"^TESTS\s*\+=\s*(.*)$", line)
                for target in (m.group(1).split() if m else []):
                    where = "%s:%d: target %s" % (name, n, target)
                    if "`make %s`" % target in text:
                        ok(where)
                    else:
                        fail(where + ": not in docs/tests.md")


def check_outside(root):
    if not os.path.isdir(os.path.join(root, ".git")):
        for pat in OUTSIDE:
            skip("outside %s (not a git checkout)" % pat)
        return
    for pat in OUTSIDE:
        r = subprocess.run(["git", "-C", root, "grep", "--untracked", "-n", "-e", pat, "--", ".",
                            ":!" + SELF], capture_output=True, text=True)
        if r.returncode == 1:
            ok("outside " + pat)
        else:
            fail("outside %s: a citation of a document not in the repository:\n%s"
                 % (pat, r.stdout.rstrip() or r.stderr.rstrip()))


def main(argv):
    args = [a for a in argv[1:] if a != "-v"]
    report.verbose = len(args) != len(argv) - 1
    inspect = None
    if args[:1] == ["--inspect"] and len(args) > 1:
        inspect, args = args[1], args[2:]
    root = os.path.abspath(args[0] if args else
                           os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    inspect = os.path.abspath(inspect or os.path.join(root, "build", "pmm-inspect"))
    files = tracked(root)
    top = {f.split("/")[0] for f in files}
    docs = sorted(f for f in files if f.endswith(".md") and not RECORDS.match(f))
    for name in docs:
        with open(os.path.join(root, name), encoding="utf-8") as f:
            lines = f.read().splitlines()
        check_links(root, name, lines)
        if name == "README.md" or re.match(r"^docs/[^/]+\.md$", name):
            check_paths(root, name, lines, top)
        check_excerpts(root, name, lines)
        check_pictures(root, name, lines, inspect)
    check_targets(root, files)
    check_outside(root)
    return report.summary()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
