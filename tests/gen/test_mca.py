# SPDX-License-Identifier: GPL-2.0 OR MIT
"""Tests of bench/mca.py: the wrappers taken out of a compiler's assembly,
and llvm-mca's figures for them, on small made-up files."""

import importlib.util
import os
import shutil
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_spec = importlib.util.spec_from_file_location("mca", os.path.join(ROOT, "bench", "mca.py"))
mca = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mca)

# Two wrappers as gcc writes them with the kernel's flags: a landing pad,
# directives, a local label and a BUG()'s trap among the instructions.
ASM = """\
	.text
	.globl	bench_pmm_flat_pfn_to_page
	.type	bench_pmm_flat_pfn_to_page, @function
bench_pmm_flat_pfn_to_page:
.LFB1:
	.cfi_startproc
	endbr64
	movq	%rdi, %rax
	salq	$6, %rax
	addq	mem_map(%rip), %rax
	ret
	.cfi_endproc
.LFE1:
	.size	bench_pmm_flat_pfn_to_page, .-bench_pmm_flat_pfn_to_page
	.p2align 4
	.globl	bench_linux_flat_pfn_to_page
	.type	bench_linux_flat_pfn_to_page, @function
bench_linux_flat_pfn_to_page:
	endbr64
	testq	%rdi, %rdi
	je	.L5
	movq	%rdi, %rax
	salq	$6, %rax
	addq	mem_map(%rip), %rax
	ret
.L5:
	ud2
	.size	bench_linux_flat_pfn_to_page, .-bench_linux_flat_pfn_to_page
	.globl	unrelated
unrelated:
	ret
"""


class TestMca(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.tmp.name, "flat.s")
        with open(self.path, "w") as f:
            f.write(ASM)

    def tearDown(self):
        self.tmp.cleanup()

    def test_wrappers_taken_out(self):
        """
        Two wrappers and a function that is none:

            bench_pmm_flat_pfn_to_page    endbr64 mov sal add ret
            bench_linux_flat_pfn_to_page  endbr64 test je mov sal add ret .L5: ud2
            unrelated                     ret
        """
        f = mca.functions(self.path)
        # Expect the two wrappers only, each ending at its .size.
        self.assertEqual(sorted(f), ["bench_linux_flat_pfn_to_page",
                                     "bench_pmm_flat_pfn_to_page"])
        # Expect no directive, landing pad or trap, and the local label kept.
        self.assertEqual([line.split()[0] for line in f["bench_linux_flat_pfn_to_page"]],
                         ["testq", "je", "movq", "salq", "addq", "ret", ".L5:"])
        self.assertEqual([line.split()[0] for line in f["bench_pmm_flat_pfn_to_page"]
                          if not line.endswith(":")], ["movq", "salq", "addq", "ret"])

    def test_no_wrapper_is_an_error(self):
        with open(self.path, "w") as f:
            f.write("unrelated:\n\tret\n")
        # Expect a file without wrappers refused, naming the file.
        with self.assertRaisesRegex(mca.McaError, "flat.s: no bench_pmm"):
            mca.functions(self.path)

    @unittest.skipUnless(shutil.which(mca.MCA), "llvm-mca-14 is not installed")
    def test_figures_per_function_and_cpu(self):
        rows = mca.predict(mca.functions(self.path), "x86_64-linux-gnu",
                           ["skylake-avx512", "znver3"])
        # Expect a row per (wrapper, CPU): 2 x 2.
        self.assertEqual(len(rows), 4)
        by = {(r[0], r[3]): r for r in rows}
        # Expect Linux's wrapper, two instructions longer, to need no fewer
        # cycles than pmm's on either CPU, in either figure.
        for cpu in ("skylake-avx512", "znver3"):
            pmm, lnx = by[("pmm", cpu)], by[("linux", cpu)]
            self.assertGreater(pmm[4], 0)
            self.assertGreaterEqual(lnx[4], pmm[4])
            self.assertGreaterEqual(lnx[5], pmm[5])
            # Expect no hundred-cycle trap or landing pad in the latency.
            self.assertLess(lnx[5], 30)


if __name__ == "__main__":
    unittest.main()
