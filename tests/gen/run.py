#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR MIT
"""run.py - the generator's and the report's unit tests, for make test

Runs every tests/gen/test_*.py with unittest and ends with the summary
line make test adds up: "test-gen: N passed, M failed, K skipped" (a test
that unittest skips, say for a missing llvm-mca, is skipped, not passed).
"""

import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    suite = unittest.defaultTestLoader.discover(HERE, pattern="test_*.py",
                                                top_level_dir=HERE)
    result = unittest.TextTestRunner(verbosity=1).run(suite)
    failed = (len(result.failures) + len(result.errors) +
              len(result.unexpectedSuccesses))
    skipped = len(result.skipped)
    for test, reason in result.skipped:
        print("SKIP %s: %s" % (test.id(), reason))
    print("test-gen: %d passed, %d failed, %d skipped"
          % (result.testsRun - failed - skipped, failed, skipped))
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
