#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR MIT
"""hyperfine_table.py - hyperfine's JSON as a markdown table with CPU time

    hyperfine_table.py RESULTS.json

hyperfine's own markdown export leaves out user and system time; on a
boot that is mostly page faults, system time is most of the story.
"""
import json
import sys


def main():
    if len(sys.argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    with open(sys.argv[1]) as f:
        results = json.load(f)["results"]
    base = results[0]["mean"]
    print("| command | mean [s] | min [s] | max [s] | user [s] | system [s] | relative |")
    print("|:---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print("| %s | %.3f ± %.3f | %.3f | %.3f | %.3f | %.3f | %.2f |" % (
            r["command"], r["mean"], r["stddev"] or 0.0, r["min"], r["max"],
            r["user"], r["system"], r["mean"] / base))
    return 0


if __name__ == "__main__":
    sys.exit(main())
