#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR MIT
"""check_xml.py NAME FILE... - each file parses as XML with an <svg> root;
prints "NAME: N passed, M failed, 0 skipped" """

import sys
import xml.dom.minidom


def main():
    name, files = sys.argv[1], sys.argv[2:]
    ok = bad = 0
    for f in files:
        try:
            root = xml.dom.minidom.parse(f).documentElement
            if root.tagName != "svg":
                raise ValueError("root element is <%s>" % root.tagName)
            ok += 1
        except Exception as e:  # any parse error is a failure to report
            print("FAIL %s: %s" % (f, e))
            bad += 1
    print("%s: %d passed, %d failed, 0 skipped" % (name, ok, bad))
    return 1 if bad or not ok else 0


if __name__ == "__main__":
    sys.exit(main())
