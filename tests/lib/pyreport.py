# SPDX-License-Identifier: GPL-2.0 OR MIT
"""pyreport.py - the reporter of the Python checks, as test.h is the C one's

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                    "..", "lib"))
    import pyreport

    report = pyreport.Report("test-docs")
    report.ok("links README.md:3")          # printed with -v only
    report.fail("links README.md:9: no such file", ["details", ...])
    report.skip("links README.md:12 (not fetched)")
    sys.exit(report.summary())

A check is counted once, as passed, failed or skipped; a skipped check is
never a pass.  A failure is always printed, with its details indented
below it; a pass or a skip only when report.verbose is set (-v).
summary() prints "NAME: N passed, N failed, N skipped", the line `make
test` sums, and returns the exit status: 1 on a failure.
"""


class Report:
    """the counts of one check program, and what it says of each case"""

    def __init__(self, name):
        self.name = name
        self.verbose = False
        self.passed = self.failed = self.skipped = 0

    def _count(self, outcome, what, details, shown):
        setattr(self, outcome, getattr(self, outcome) + 1)
        if shown:
            print(what)
            for d in details:
                print("    " + d)

    def ok(self, what):
        self._count("passed", "ok " + what, (), self.verbose)

    def fail(self, what, details=()):
        self._count("failed", "FAIL " + what, details, True)

    def skip(self, what):
        self._count("skipped", "skip " + what, (), self.verbose)

    def summary(self):
        print("%s: %d passed, %d failed, %d skipped" % (self.name, self.passed, self.failed,
                                                        self.skipped))
        return 1 if self.failed else 0
