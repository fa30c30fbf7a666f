# SPDX-License-Identifier: GPL-2.0 OR MIT
"""tomlfile - read a TOML file, and find the line a key was written on

tomllib reports syntax errors with a line and column but forgets where
each key came from once parsed; key_line() finds it again in the text, so
that an unknown key or a bad value is reported as "file:line: reason".
"""

import re
import tomllib

from . import GenError

_TABLE = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\"'.-]+)\s*=")


def load(path):
    """(parsed dict, text) of @path; GenError on unreadable or bad TOML"""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise GenError("%s: %s" % (path, e.strerror))
    try:
        text = data.decode("utf-8")
        return tomllib.loads(text), text
    except UnicodeDecodeError:
        raise GenError("%s:1: not UTF-8 text" % path)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"\(at line (\d+), column \d+\)", str(e))
        line = m.group(1) if m else "1"
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(e))
        raise GenError("%s:%s: %s" % (path, line, reason))


def key_line(text, table, key, nth=0):
    """1-based line of @key in the @nth table (or array-of-tables entry)
    named @table ("preset.x86_64", "sweep.default.block"); the table's
    own line if the key is not found, 1 if neither is"""
    seen, in_table, table_line = -1, False, 1
    for no, line in enumerate(text.splitlines(), 1):
        m = _TABLE.match(line)
        if m:
            name = m.group(1).replace('"', "").replace("'", "")
            in_table = name == table
            if in_table:
                seen += 1
                if seen == nth:
                    table_line = no
            continue
        if in_table and seen == nth:
            m = _KEY.match(line)
            if m and m.group(1).strip("\"'") == key:
                return no
    return table_line
