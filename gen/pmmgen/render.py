# SPDX-License-Identifier: GPL-2.0 OR MIT
"""render - the sweep's files in build/gen/, each rewritten only if changed

    units/<unit>.c    one translation unit per parameter set
    sweep_table.c     every configuration: name, unit, map, label
    sweep.mk          the unit list, for the Makefile (with a progress
                      index and a configuration name per unit)

No timestamp goes into any file, and a file whose text is unchanged is
left alone, so make rebuilds exactly what changed.  Units no longer in
the sweep are deleted.
"""

import os

import jinja2

TEMPLATES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                         "templates")


def _env():
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined, trim_blocks=True,
        lstrip_blocks=True, keep_trailing_newline=True)


def write_if_changed(path, text):
    """True if @path was (re)written"""
    try:
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return False
    except OSError:
        pass
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)
    return True


def unit_text(c, env=None):
    """the translation unit of configuration @c"""
    env = env or _env()
    return env.get_template("unit.c.j2").render(
        unit=c.unit, label=c.unit_label(), macros=c.macros(), variant=c.variant)


def render(configs, out, sweep, selection=""):
    """write the files for @configs into @out; (written, unchanged)"""
    env = _env()
    units, first = [], {}
    for c in configs:
        if c.unit not in first:
            first[c.unit] = c
            units.append(c.unit)
    os.makedirs(os.path.join(out, "units"), exist_ok=True)
    written = unchanged = 0
    for u in units:
        path = os.path.join(out, "units", u + ".c")
        if write_if_changed(path, unit_text(first[u], env)):
            written += 1
        else:
            unchanged += 1
    keep = {u + ".c" for u in units}
    for f in os.listdir(os.path.join(out, "units")):
        if f.endswith(".c") and f not in keep:
            os.remove(os.path.join(out, "units", f))
    files = (
        ("sweep_table.c", env.get_template("sweep_table.c.j2").render(
            sweep=sweep, selection=selection, units=units, configs=configs)),
        ("sweep.mk", env.get_template("sweep.mk.j2").render(
            sweep=sweep, selection=selection, units=units,
            nr_configs=len(configs),
            names={u: first[u].name for u in units})),
    )
    for name, text in files:
        if write_if_changed(os.path.join(out, name), text):
            written += 1
        else:
            unchanged += 1
    return written, unchanged
