#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR MIT
"""check_doc.py - the headers through Linux's kernel-doc and checkpatch.pl

    check_doc.py --linux DIR --out DIR [--allowed FILE] [-v] HEADER...

pmm's public functions and structures carry kernel-doc comments, and its C
is meant to read as Linux's does.  This runs Linux 6.1's own checkers over
each HEADER: scripts/kernel-doc -none (what W=1 runs over a kernel unit)
and scripts/checkpatch.pl on the whole file.  DIR is where rules.mk
extracted them from Debian's linux-source-6.1 (nothing of Linux is in this
repository).

Neither tool can read pmm's instance macros: kernel-doc takes
`PMM__API int PMM__FN(pfn_valid)(...)` for no prototype at all.  So each
header is copied to OUT/src with the macros spelt out, as an instance
without PMM_NAME expands them (RENAMES): pmm_pfn_valid, pmm__mem_map,
struct pmm_page.  Only the text inside a line changes, so the copy's line
numbers are the header's own.

A finding is allowed when a line of FILE (default allowed.txt beside this
script) matches it:

    TOOL FILE PATTERN -- REASON

TOOL is kernel-doc or checkpatch, FILE a header's name (a glob: * is every
header), PATTERN a Python regular expression searched in

    MESSAGE => SOURCE

MESSAGE being what the tool said (kernel-doc's "warning: ...",
checkpatch's "WARNING:TYPE: ...") and SOURCE the header's line it names,
stripped, so that a line can allow one construct rather than a whole
type of finding in a file.  REASON says why the finding stays.  There is
no other way to silence a finding: no --ignore is passed to checkpatch.

Cases, each printed on failure (every one with -v):
  control   each tool reports the slips of a small header written here,
            so that a tool that reports nothing, or in a form this no
            longer parses, fails rather than passes
  TOOL FILE the tool's findings in FILE are all allowed
  allowed   each line of FILE allows at least one finding: a stale line
            fails, so the list cannot outlive what it excuses

Ends with "check-doc: N passed, N failed, N skipped"; exit status 1 on a
failure.
"""

import argparse
import concurrent.futures
import fnmatch
import os
import re
import subprocess
import sys

# tests/lib: the reporter the Python checks share
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pyreport  # noqa: E402

# The instance macros, spelt out as pmm.h does without PMM_NAME.  The lines
# that define or undefine these macros are copied as they are.
RENAMES = [
    (re.compile(r"\bPMM__FN\((\w+)\)"), r"pmm_\1"),
    (re.compile(r"\bPMM__IN\((\w+)\)"), r"pmm__\1"),
    (re.compile(r"\bPMM__API\b"), "static inline"),
    (re.compile(r"[ \t]*\bPMM__UNUSED\b"), ""),
    (re.compile(r"\bPMM__PAGE\b"), "struct pmm_page"),
    (re.compile(r"\bPMM__SECTION\b"), "struct pmm_mem_section"),
    (re.compile(r"\bPMM__USAGE\b"), "struct pmm_mem_section_usage"),
    (re.compile(r"\bPMM__DEVMAP\b"), "struct pmm_dev_pagemap"),
]
DEFINES_RENAMED = re.compile(
    r"^\s*#\s*(define|undef)\s+PMM__(FN|IN|API|UNUSED|PAGE|SECTION|USAGE|DEVMAP)\b")

# file:line: warning: text (kernel-doc); file:line: WARNING:TYPE: text
# (checkpatch --terse --show-types)
FINDING = re.compile(r"^(?P<file>[^:\s]+):(?P<line>\d+): (?P<text>\S.*)$")

TOOLS = ("kernel-doc", "checkpatch")

# A header with one slip for each tool, and what each must say of it.
CONTROL = """\
/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/**
 * struct control - a structure whose second member is not described
 * @first: described
 */
struct control {
	int first;
	int second;
};

static inline int control_sum(struct control *c)
{
	if(c->first)
		return c->first + c->second;
	return 0;
}
"""
CONTROL_WANT = {
    "kernel-doc": r"warning: .*'second' not described in 'control'",
    "checkpatch": r"ERROR:SPACING: space required before the open parenthesis",
}

report = pyreport.Report("check-doc")
ok, fail = report.ok, report.fail


def spell_out(text):
    """The header's text with the instance macros spelt out, line for line."""
    out = []
    for line in text.split("\n"):
        if not DEFINES_RENAMED.match(line):
            for pattern, repl in RENAMES:
                line = pattern.sub(repl, line)
        out.append(line)
    return "\n".join(out)


def run_tool(tool, linux, src, name):
    """The tool's findings in src/name, as (line, text); a line of output
    that is not a finding of name is one too (line 0), so nothing the
    tool says is lost."""
    scripts = os.path.join(os.path.abspath(linux), "scripts")
    if tool == "kernel-doc":
        cmd = ["perl", os.path.join(scripts, "kernel-doc"), "-none", name]
    else:
        cmd = ["perl", os.path.join(scripts, "checkpatch.pl"), "--no-tree", "--file",
               "--terse", "--show-types", "--no-summary", "--color=never", name]
    # HOME and the working folder hold no .checkpatch.conf: only these
    # flags apply, whoever runs the check.
    env = dict(os.environ, HOME=os.path.abspath(src), LC_ALL="C")
    env.pop("GIT_DIR", None)
    r = subprocess.run(cmd, cwd=src, env=env, capture_output=True, text=True)
    findings = []
    for line in (r.stdout + r.stderr).split("\n"):
        if not line.strip():
            continue
        m = FINDING.match(line)
        if m and m.group("file") == name:
            findings.append((int(m.group("line")), m.group("text")))
        else:
            findings.append((0, line))
    # checkpatch exits 1 on any finding, kernel-doc -none 0; anything else
    # is the tool failing, which must not read as a clean file.
    if r.returncode not in (0, 1) or (r.returncode and not findings):
        findings.append((0, "%s exited with status %d" % (tool, r.returncode)))
    return findings


def read_allowed(path, names):
    """The allow-list's entries as dicts; a malformed line is a failure."""
    entries = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for no, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = "%s:%d" % (os.path.basename(path), no)
        pattern, sep, reason = line.partition(" -- ")
        words = pattern.split(None, 2)
        if not sep or not reason.strip() or len(words) != 3:
            fail("allowed %s: not TOOL FILE PATTERN -- REASON" % where, [line])
            continue
        tool, glob, regex = words
        if tool not in TOOLS:
            fail("allowed %s: no tool '%s' (%s)" % (where, tool, ", ".join(TOOLS)))
            continue
        if not fnmatch.filter(names, glob):
            fail("allowed %s: '%s' names no header checked" % (where, glob))
            continue
        try:
            compiled = re.compile(regex.strip())
        except re.error as e:
            fail("allowed %s: bad pattern: %s" % (where, e))
            continue
        entries.append({"where": where, "tool": tool, "glob": glob, "re": compiled,
                        "line": line, "used": 0})
    return entries


def allowing(entries, tool, name, text):
    """The entries that allow this finding (every one of them is used)."""
    hits = [e for e in entries if e["tool"] == tool and fnmatch.fnmatch(name, e["glob"])
            and e["re"].search(text)]
    for e in hits:
        e["used"] += 1
    return hits


def control(linux, out):
    """Each tool finds the slips of CONTROL and says so in the form parsed."""
    src = os.path.join(out, "control")
    os.makedirs(src, exist_ok=True)
    with open(os.path.join(src, "control.h"), "w", encoding="utf-8") as f:
        f.write(CONTROL)
    for tool in TOOLS:
        found = run_tool(tool, linux, src, "control.h")
        if any(line and re.search(CONTROL_WANT[tool], text) for line, text in found):
            ok("control %s" % tool)
        else:
            fail("control %s: no finding matching /%s/ in a header made to have one"
                 % (tool, CONTROL_WANT[tool]), ["%d: %s" % f for f in found])


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--linux", required=True, help="folder holding scripts/kernel-doc")
    ap.add_argument("--out", required=True, help="scratch folder")
    ap.add_argument("--allowed", default=os.path.join(here, "allowed.txt"))
    ap.add_argument("-v", action="store_true", help="print every case and finding")
    ap.add_argument("headers", nargs="+")
    args = ap.parse_args()
    report.verbose = args.v

    names = [os.path.basename(h) for h in args.headers]
    src = os.path.join(args.out, "src")
    os.makedirs(src, exist_ok=True)
    # Read once: the findings are shown against the text the tools saw.
    lines = {}
    for header, name in zip(args.headers, names):
        with open(header, encoding="utf-8") as f:
            text = f.read()
        lines[name] = text.split("\n")
        with open(os.path.join(src, name), "w", encoding="utf-8") as f:
            f.write(spell_out(text))

    control(args.linux, args.out)
    entries = read_allowed(args.allowed, names)
    # Each run is a perl process of its own: run them side by side.
    jobs = [(tool, name) for tool in TOOLS for name in names]
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        runs = dict(zip(jobs, pool.map(lambda j: run_tool(j[0], args.linux, src, j[1]),
                                       jobs)))
    for tool in TOOLS:
        for name in names:
            bad = []
            for line, text in runs[tool, name]:
                own = lines[name]
                source = own[line - 1].strip() if 0 < line <= len(own) else ""
                shown = "%s:%d: %s => %s" % (name, line, text, source)
                hits = allowing(entries, tool, name, "%s => %s" % (text, source))
                if not hits:
                    bad.append(shown)
                elif report.verbose:
                    print("    allowed (%s): %s" % (hits[0]["where"], shown))
            if bad:
                fail("%s %s: %d finding%s not in %s" % (
                    tool, name, len(bad), "" if len(bad) == 1 else "s",
                    os.path.basename(args.allowed)), bad)
            else:
                ok("%s %s" % (tool, name))
    for e in entries:
        if e["used"]:
            ok("allowed %s (%d)" % (e["where"], e["used"]))
        else:
            fail("allowed %s: matches no finding; remove it" % e["where"], [e["line"]])

    return report.summary()


if __name__ == "__main__":
    sys.exit(main())
