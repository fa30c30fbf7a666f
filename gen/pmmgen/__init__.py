# SPDX-License-Identifier: GPL-2.0 OR MIT
"""pmmgen - the benchmark sweep's generator (gen/generate.py is its command)

    tomlfile   TOML in, errors as "file:line: reason"
    rules      the headers' build rules, and the bench's own limits
    config     one configuration: parameters, names, macros
    sweep      presets x axes -> configurations kept and dropped
    render     Jinja2 -> build/gen/, files rewritten only when they change
"""


class GenError(Exception):
    """A mistake in the input: the message names the file and the line."""
