# SPDX-License-Identifier: GPL-2.0 OR MIT
"""scripts/linux-lift against small made-up source trees, and once against
Debian's linux-source tarball when it is installed.

The synthetic headers below are this test's own text: they imitate the
shapes Linux's headers have (guards, nested conditionals, continued macros
and directives, comments holding #endif and braces) without being Linux.
"""

import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import textwrap
import time
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOOL = os.path.join(ROOT, "scripts", "linux-lift")
REAL_TARBALL = "/usr/src/linux-source-6.1.tar.xz"
TOP = "linux-source-6.1"

MAKEFILE = """\
# made-up top-level Makefile
VERSION = 6
PATCHLEVEL = 1
SUBLEVEL = 99
EXTRAVERSION =
NAME = Test Tree
"""

WIDGET_H = r"""/* SPDX-License-Identifier: MIT */
#ifndef _DEMO_WIDGET_H
#define _DEMO_WIDGET_H

#include <demo/types.h>
# include "local.h"

/*
 * Nothing in this comment counts: not the directive
#endif
 * nor #ifdef NEVER, nor { an open brace, nor widget_count(x) {.
 */

#define WIDGET_SHIFT 4

#ifdef CONFIG_WIDE		/* wide widgets */
#define WIDGET_BITS(n)	\
	((n) << WIDGET_SHIFT | \
	 1)
#ifndef CONFIG_TINY
struct widget {
	int w;
	long span;	/* } */
};
#endif /* !CONFIG_TINY */
#elif defined(CONFIG_NARROW) && \
      !defined(CONFIG_TINY)
#define WIDGET_BITS(n)	((n) + 2)
#else /* neither, which
	 goes on over a second line */
#define WIDGET_BITS(n)	(n)
#endif /* CONFIG_WIDE */

#if WIDGET_LEVEL /* a comment that goes on
			over two lines, inside the expression */ > 2
static inline int
widget_count(const char *s,
	     int level)
{
	int n = '{';	/* } */
	const char *t = "}}";

	if (level) {
		n += s[0] == '}' + t[0];
	}
	return n;
}
#else
extern int widget_count(const char *s, int level);
#endif

enum widget_kind {
	WK_ROUND,
	WK_SQUARE = 3,
#ifdef CONFIG_WIDE
	WK_WIDE,
#endif
	WK_NR
};

/* generator macros called without a ';', as PAGEFLAG() is */
DEMO_GENERATE(widget_a, 1)
DEMO_GENERATE(widget_b, 2)
static inline int widget_first(void)
{
	return 1;
}
#ifdef CONFIG_WIDE
demo_generate_more(widget_c, 3)
#endif
extern int widget_last __demo_attr;

#if defined(CONFIG_ZONE)
#define ZONE_FACTOR 1
#ifdef CONFIG_ZONE_EXTRA
#  if CONFIG_ZONE > 1
static inline int zone_pick(void)
{
	return 2;
}
#  endif
#endif /* CONFIG_ZONE_EXTRA */
#endif

#endif /* _DEMO_WIDGET_H */
"""

PLAIN_H = r"""/* made-up: a plain header */
#ifndef DEMO_PLAIN_H
#define DEMO_PLAIN_H
#include <demo/one.h>

#define PLAIN_ONE 1
#ifdef CONFIG_TWO
#define PLAIN_TWO 2
#endif

#endif
"""

# the first #ifndef encloses part of the file only: no include guard
UNGUARDED_H = r"""#ifndef UNGUARDED_DEFAULT
#define UNGUARDED_DEFAULT 7
#endif
#define UNGUARDED_USE (UNGUARDED_DEFAULT + 1)
"""

UNBALANCED_H = r"""#ifdef CONFIG_A
#define A 1
#endif
#endif
#define B 2
"""

UNTERMINATED_H = r"""#define C 3
#if C > 2
#define D 4
"""


def make_tarball(dirpath, files):
    """A .tar.xz of a made-up tree under TOP/, with its Makefile."""
    tree = os.path.join(dirpath, "tree")
    for rel, text in dict(files, Makefile=MAKEFILE).items():
        path = os.path.join(tree, TOP, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    tarball = os.path.join(dirpath, "src.tar.xz")
    with tarfile.open(tarball, "w:xz") as tar:
        tar.add(os.path.join(tree, TOP), arcname=TOP)
    return tarball


def lift(tarball, spec, out):
    """Run the tool: (returncode, stderr, output text or None)."""
    spec_path = out + ".spec"
    with open(spec_path, "w") as f:
        f.write(textwrap.dedent(spec))
    run = subprocess.run([sys.executable, TOOL, "--tarball", tarball,
                          "--spec", spec_path, "--out", out],
                         capture_output=True, text=True)
    text = None
    if os.path.exists(out):
        with open(out) as f:
            text = f.read()
    return run.returncode, run.stderr, text


def items(text):
    """{first line of a lifted item: (#if condition or None, its text)}."""
    found = {}
    for m in re.finditer(r"^/\* (\S+:\d+) \*/\n(#if ([^\n]*)\n)?(.*?)\n"
                         r"(?=\n/\* \S+:\d+ \*/\n|\n#endif /\* LINUX_LIFT)",
                         text, re.M | re.S):
        cond, body = m.group(3), m.group(4)
        if cond is not None:            # the item's own closing #endif
            body = "" if body == "#endif" else body[:-len("\n#endif")]
        found[m.group(1)] = (cond, body)
    return found


def line_of(text, needle):
    """1-based number of the line of text holding needle."""
    return text[:text.index(needle)].count("\n") + 1


class SyntheticTree(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="test_lift.")
        cls.tarball = make_tarball(cls.tmp, {
            "include/demo/widget.h": WIDGET_H,
            "include/demo/plain.h": PLAIN_H,
            "include/demo/unguarded.h": UNGUARDED_H,
            "include/demo/unbalanced.h": UNBALANCED_H,
            "include/demo/unterminated.h": UNTERMINATED_H,
        })
        cls.out = os.path.join(cls.tmp, "lifted_widget.h")
        rc, err, text = lift(cls.tarball, """\
            # the widget, piece by piece
            symbol include/demo/widget.h WIDGET_SHIFT
            symbol include/demo/widget.h WIDGET_BITS   # three branches
            symbol include/demo/widget.h widget
            symbol include/demo/widget.h widget_count

            symbol include/demo/widget.h WK_SQUARE
            symbol include/demo/widget.h WK_NR
            block include/demo/widget.h CONFIG_ZONE zone_pick
            symbol include/demo/widget.h widget_first
            symbol include/demo/widget.h widget_last
            file include/demo/plain.h
            file include/demo/unguarded.h
            """, cls.out)
        if rc != 0:
            raise AssertionError(f"linux-lift failed: {err}")
        cls.text = text
        cls.items = items(text)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def item(self, path, needle):
        key = f"{path}:{line_of(WIDGET_H if 'widget' in path else PLAIN_H, needle)}"
        self.assertIn(key, self.items, f"no item {key} in:\n{self.text}")
        return self.items[key]

    def test_header(self):
        self.assertIn("Generated by scripts/linux-lift from " + self.tarball, self.text)
        self.assertIn("Linux 6.1.99", self.text)
        self.assertIn("do not commit", self.text)
        self.assertIn("#ifndef LINUX_LIFT_LIFTED_WIDGET_H\n#define LINUX_LIFT_LIFTED_WIDGET_H\n",
                      self.text)
        self.assertTrue(self.text.endswith("#endif /* LINUX_LIFT_LIFTED_WIDGET_H */\n"))
        self.assertFalse(os.path.exists(self.out + ".tmp"))

    def test_order(self):
        """The spec's order; a symbol's definitions in file order."""
        w = "include/demo/widget.h:%d"
        expect = [w % line_of(WIDGET_H, needle) for needle in (
            "#define WIDGET_SHIFT", "#define WIDGET_BITS(n)\t\\",
            "#define WIDGET_BITS(n)\t((n)", "#define WIDGET_BITS(n)\t(n)",
            "struct widget {", "static inline int\nwidget_count", "extern int widget_count",
            "enum widget_kind", "#  if CONFIG_ZONE", "static inline int widget_first",
            "extern int widget_last")]
        expect += ["include/demo/plain.h:1", "include/demo/unguarded.h:1"]
        self.assertEqual(list(self.items), expect)

    def test_guard_and_includes_dropped(self):
        self.assertNotIn("_DEMO_WIDGET_H", self.text)
        self.assertNotIn("DEMO_PLAIN_H", self.text)
        self.assertNotIn("#include", self.text)
        self.assertNotRegex(self.text, r"#\s*include")
        cond, body = self.items["include/demo/plain.h:1"]
        self.assertIsNone(cond)
        self.assertIn("#define PLAIN_ONE 1\n#ifdef CONFIG_TWO\n#define PLAIN_TWO 2\n#endif",
                      body)
        self.assertIn("/* made-up: a plain header */", body)

    def test_no_guard_kept(self):
        cond, body = self.items["include/demo/unguarded.h:1"]
        self.assertEqual(body, UNGUARDED_H.rstrip("\n"))

    def test_macro_without_condition(self):
        self.assertEqual(self.item("include/demo/widget.h", "#define WIDGET_SHIFT"),
                         (None, "#define WIDGET_SHIFT 4"))

    def test_ifdef_elif_else_chain(self):
        path = "include/demo/widget.h"
        cond, body = self.item(path, "#define WIDGET_BITS(n)\t\\")
        self.assertEqual(cond, "defined(CONFIG_WIDE)")
        self.assertEqual(body, "#define WIDGET_BITS(n)\t\\\n\t((n) << WIDGET_SHIFT | \\\n\t 1)")
        cond, body = self.item(path, "#define WIDGET_BITS(n)\t((n) + 2)")
        self.assertEqual(cond, "!defined(CONFIG_WIDE) && "
                               "(defined(CONFIG_NARROW) && !defined(CONFIG_TINY))")
        cond, body = self.item(path, "#define WIDGET_BITS(n)\t(n)")
        self.assertEqual(cond, "!defined(CONFIG_WIDE) && "
                               "!(defined(CONFIG_NARROW) && !defined(CONFIG_TINY))")

    def test_nested_ifndef_struct(self):
        cond, body = self.item("include/demo/widget.h", "struct widget {")
        self.assertEqual(cond, "defined(CONFIG_WIDE) && !defined(CONFIG_TINY)")
        self.assertTrue(body.startswith("struct widget {") and body.endswith("};"), body)

    def test_function_over_lines_and_its_extern(self):
        path = "include/demo/widget.h"
        cond, body = self.item(path, "static inline int\nwidget_count")
        self.assertEqual(cond, "(WIDGET_LEVEL > 2)")    # the comment is gone
        self.assertTrue(body.startswith("static inline int\nwidget_count(const char *s,\n"))
        self.assertTrue(body.endswith("\treturn n;\n}"), body)
        cond, body = self.item(path, "extern int widget_count")
        self.assertEqual(cond, "!(WIDGET_LEVEL > 2)")
        self.assertEqual(body, "extern int widget_count(const char *s, int level);")

    def test_enum_by_enumerators_once(self):
        cond, body = self.item("include/demo/widget.h", "enum widget_kind {")
        self.assertIsNone(cond)
        self.assertTrue(body.startswith("enum widget_kind {") and body.endswith("};"))
        self.assertEqual(self.text.count("enum widget_kind {"), 1)

    def test_after_generator_macros(self):
        path = "include/demo/widget.h"
        cond, body = self.item(path, "static inline int widget_first")
        self.assertEqual((cond, body), (None, "static inline int widget_first(void)\n"
                                              "{\n\treturn 1;\n}"))
        self.assertEqual(self.item(path, "extern int widget_last"),
                         (None, "extern int widget_last __demo_attr;"))
        self.assertNotRegex(self.text, "(?i)demo_generate")

    def test_block_innermost_with_the_word(self):
        path = "include/demo/widget.h"
        # CONFIG_ZONE: not the #ifdef CONFIG_ZONE_EXTRA (another word)
        cond, body = self.item(path, "#  if CONFIG_ZONE > 1")
        self.assertEqual(cond, "(defined(CONFIG_ZONE)) && defined(CONFIG_ZONE_EXTRA)")
        self.assertTrue(body.startswith("#  if CONFIG_ZONE > 1\nstatic inline int zone_pick"))
        self.assertTrue(body.endswith("}\n#  endif"), body)
        # CONFIG_ZONE_EXTRA: the block around that one (in a header of its
        # own: both would define zone_pick twice)
        rc, err, text = lift(self.tarball, "block include/demo/widget.h CONFIG_ZONE_EXTRA "
                             "zone_pick\n", os.path.join(self.tmp, "extra.h"))
        self.assertEqual(rc, 0, err)
        key = f"{path}:{line_of(WIDGET_H, '#ifdef CONFIG_ZONE_EXTRA')}"
        cond, body = items(text)[key]
        self.assertEqual(cond, "(defined(CONFIG_ZONE))")
        self.assertTrue(body.startswith("#ifdef CONFIG_ZONE_EXTRA\n#  if CONFIG_ZONE > 1\n"))
        self.assertTrue(body.endswith("#  endif\n#endif /* CONFIG_ZONE_EXTRA */"), body)

    def test_comment_with_endif_is_no_directive(self):
        # had the comment's #endif counted, the guard would have closed
        # early and the WIDGET_BITS conditions would be wrong (checked
        # above); nothing from the comment is lifted
        self.assertNotIn("NEVER", self.text)

    def compile(self, flags, extra=""):
        """cc -fsyntax-only of a unit including the lifted header."""
        unit = os.path.join(self.tmp, "use.c")
        with open(unit, "w") as f:
            f.write(f'#define __demo_attr\n#include "{self.out}"\n{extra}\n')
        run = subprocess.run(["cc", "-std=gnu11", "-fsyntax-only", "-Wall", "-Werror"]
                             + flags + [unit], capture_output=True, text=True)
        return run.returncode, run.stderr

    def assertCompiles(self, flags, extra):
        rc, err = self.compile(flags, extra)
        self.assertEqual(rc, 0, f"cc {' '.join(flags)}:\n{err}")

    @unittest.skipUnless(shutil.which("cc"), "no cc")
    def test_compiles_and_selects_the_branch(self):
        wide = """
            _Static_assert(WIDGET_BITS(1) == ((1 << 4) | 1), "wide");
            _Static_assert(WK_WIDE == 4 && WK_NR == 5, "enum");
            _Static_assert(sizeof(((struct widget *)0)->span) == sizeof(long), "struct");
            _Static_assert(PLAIN_TWO == 2 && UNGUARDED_USE == 8, "files");
            """
        self.assertCompiles(["-DCONFIG_WIDE", "-DCONFIG_TWO"], wide)
        self.assertCompiles(["-DCONFIG_NARROW"],
                            '_Static_assert(WIDGET_BITS(1) == 3 && WK_NR == 4, "narrow");')
        self.assertCompiles(["-DCONFIG_NARROW", "-DCONFIG_TINY"],
                            '_Static_assert(WIDGET_BITS(1) == 1, "neither");')
        self.assertCompiles(["-DCONFIG_ZONE=2", "-DCONFIG_ZONE_EXTRA"],
                            'int pick(void) { return zone_pick(); }')
        # struct widget is there under CONFIG_WIDE only, and not with TINY
        rc, _ = self.compile(["-DCONFIG_WIDE", "-DCONFIG_TINY"], "struct widget w;")
        self.assertNotEqual(rc, 0)
        # the static inline under WIDGET_LEVEL > 2, the extern otherwise: a
        # static declaration after an extern one does not compile
        static = "static int widget_count(const char *s, int level);\n" \
                 "int use(void) { return widget_count(\"a\", 1); }"
        self.assertCompiles(["-DWIDGET_LEVEL=3"], static)
        rc, err = self.compile(["-DWIDGET_LEVEL=1"], static)
        self.assertNotEqual(rc, 0)
        self.assertIn("widget_count", err)

    def fails(self, spec, *needles):
        out = os.path.join(self.tmp, "bad.h")
        rc, err, text = lift(self.tarball, spec, out)
        self.assertEqual(rc, 1, err)
        self.assertTrue(err.startswith("linux-lift: "), err)
        for needle in needles:
            self.assertIn(needle, err)
        self.assertIsNone(text)
        self.assertFalse(os.path.exists(out + ".tmp"))
        return err

    def test_missing_symbol(self):
        self.fails("symbol include/demo/widget.h no_such_thing\n",
                   "include/demo/widget.h: no_such_thing not found")

    def test_missing_block(self):
        self.fails("block include/demo/widget.h CONFIG_TINY widget_count\n",
                   "include/demo/widget.h", "CONFIG_TINY", "widget_count")
        self.fails("block include/demo/widget.h CONFIG_WIDE no_such_thing\n",
                   "include/demo/widget.h: no_such_thing not found")

    def test_missing_file(self):
        self.fails("file include/demo/widget.h\nsymbol include/demo/nothere.h X\n",
                   "include/demo/nothere.h")

    def test_missing_tarball(self):
        out = os.path.join(self.tmp, "bad.h")
        rc, err, _ = lift(os.path.join(self.tmp, "none.tar.xz"), "file a.h\n", out)
        self.assertEqual(rc, 1)
        self.assertIn("none.tar.xz", err)
        self.assertIn("apt-get install linux-source-6.1", err)

    def test_unbalanced(self):
        self.fails("file include/demo/unbalanced.h\n",
                   "include/demo/unbalanced.h:4: #endif without #if")
        self.fails("file include/demo/unterminated.h\n",
                   "include/demo/unterminated.h:2: #if without #endif")

    def test_bad_spec(self):
        self.fails("symbol include/demo/widget.h\n", "bad.h.spec:1:")
        self.fails("file ../etc/passwd\n", "not inside the tree")

    def test_old_output_kept_on_failure(self):
        out = os.path.join(self.tmp, "kept.h")
        with open(out, "w") as f:
            f.write("old\n")
        rc, _, text = lift(self.tarball, "symbol include/demo/widget.h nope\n", out)
        self.assertEqual((rc, text), (1, "old\n"))


@unittest.skipUnless(os.path.exists(REAL_TARBALL),
                     f"{REAL_TARBALL} is not installed (apt-get install linux-source-6.1)")
class RealTarball(unittest.TestCase):
    def test_lift_mmzone(self):
        with tempfile.TemporaryDirectory(prefix="test_lift.") as tmp:
            out = os.path.join(tmp, "linux_mm.h")
            start = time.monotonic()
            rc, err, text = lift(REAL_TARBALL, """\
                symbol include/linux/mmzone.h pfn_valid
                block include/linux/mmzone.h CONFIG_SPARSEMEM pfn_valid
                file include/asm-generic/memory_model.h
                symbol include/linux/mm.h page_to_nid
                """, out)
            seconds = time.monotonic() - start
        self.assertEqual(rc, 0, err)
        sys.stderr.write(f"[real tarball lift: {seconds:.1f} s] ")
        self.assertRegex(text, r"Linux 6\.1\.\d+")
        for name in ("static inline int pfn_valid(unsigned long pfn)", "#ifdef CONFIG_SPARSEMEM",
                     "__pfn_to_page", "__page_to_pfn", "page_to_nid"):
            self.assertIn(name, text)
        found = items(text)
        self.assertEqual([k.split(":")[0] for k in found],
                         ["include/linux/mmzone.h"] * 2 + ["include/asm-generic/memory_model.h"]
                         + ["include/linux/mm.h"] * 2)
        conds = [c for c, _ in found.values()]
        self.assertIn("defined(CONFIG_SPARSEMEM) && !defined(CONFIG_HAVE_ARCH_PFN_VALID)",
                      conds[0])
        self.assertEqual(conds[3:], ["defined(NODE_NOT_IN_PAGE_FLAGS)",
                                     "!defined(NODE_NOT_IN_PAGE_FLAGS)"])
        self.assertNotRegex(text, r"(?m)^\s*#\s*include")
        self.assertNotIn("_LINUX_MMZONE_H", text)
        opens = len(re.findall(r"(?m)^\s*#\s*if", text))
        closes = len(re.findall(r"(?m)^\s*#\s*endif", text))
        self.assertEqual(opens, closes)
        self.assertGreater(opens, 10)


if __name__ == "__main__":
    unittest.main()
