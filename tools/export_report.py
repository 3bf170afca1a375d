#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How much of each RouterOS export the export reader (plugins/module_utils/core/console.py) takes in.

For each export: its physical lines, its command lines (logical lines, continuations joined, that are not a
comment, blank, or a ``/menu`` line alone), the commands read, and each line not read with the reader's reason;
then the share per export and in total.

    .venv/bin/python tools/export_report.py                       # the corpus, tests/data/exports/*.rsc
    .venv/bin/python tools/export_report.py --markdown            # docs/exports.md as it should be
    .venv/bin/python tools/export_report.py --write               # rewrite its first section
    .venv/bin/python tools/export_converge_report.py --write      # its second section (against the simulator)
    .venv/bin/python tools/export_report.py my-router.rsc ...     # any export files

Exit status 1 when a line was not read.
"""

import argparse
import glob
import os
import re
import sys

from ansible_collections.tikops.routeros.plugins.module_utils.core import console

CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "exports")
DOC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "exports.md")
COMMAND = "tools/export_report.py --write"
# the second section of docs/exports.md, how much of each export ends up on a router (against the simulator), is
# made by another tool; this one keeps it as it is
CONVERGE_COMMAND = "tools/export_converge_report.py --write"
CONVERGE_TITLE = "## Converging a router to its export"
# a logical line that only opens a menu: /ip firewall filter, /ip/firewall/filter
_MENU_ONLY = re.compile(r"/[A-Za-z0-9_./-]*(?:[ \t]+[A-Za-z0-9][A-Za-z0-9_.-]*)*[ \t]*\Z")


def command_lines(text):
    """(number, text) of the command lines of an export, as the reader joins them."""
    out = []
    for number, line in console._logical_lines(text):  # pylint: disable=protected-access
        match = _MENU_ONLY.match(line)
        if match and not any(word in console.VERBS for word in re.split(r"[ \t/]+", line)):
            continue
        out.append((number, line))
    return out


def report(path):
    with open(path, encoding="utf-8", errors="surrogateescape", newline="") as handle:
        text = handle.read()
    lines = command_lines(text)
    commands, problems = console.read_export(text)
    return dict(name=os.path.basename(path), physical=len(text.splitlines()), lines=len(lines), read=len(commands),
                version=_version(text), problems=[(p.line, p.text, p.reason) for p in problems])


def _version(text):
    match = re.search(r"by RouterOS ([0-9][^\s]*)", text)
    return match.group(1) if match else ""


def _share(read, lines):
    return "%.1f %%" % (100.0 * read / lines) if lines else "-"


def text_report(rows):
    out = []
    for row in rows:
        out.append("%-44s %-10s lines %5d  command lines %5d  read %5d  %s" % (
            row["name"], row["version"] or "?", row["physical"], row["lines"], row["read"],
            _share(row["read"], row["lines"])))
        for number, line, reason in row["problems"]:
            out.append("    line %d not read: %s: %s" % (number, reason, line[:120]))
    lines = sum(r["lines"] for r in rows)
    read = sum(r["read"] for r in rows)
    out.append("total: %d exports, %d command lines, %d read (%s), %d not read" % (
        len(rows), lines, read, _share(read, lines), sum(len(r["problems"]) for r in rows)))
    return "\n".join(out) + "\n"


def converge_section():
    """The second section of docs/exports.md as the file holds it (tools/export_converge_report.py makes it)."""
    if not os.path.exists(DOC):
        return ""
    with open(DOC, encoding="utf-8") as handle:
        text = handle.read()
    at = text.find("\n" + CONVERGE_TITLE + "\n")
    return text[at:] if at >= 0 else ""


def markdown_report(rows):
    """docs/exports.md: the reader's section from ``rows``, then the converge section the file holds."""
    return _reader_section(rows) + converge_section()


def _reader_section(rows):
    lines = sum(r["lines"] for r in rows)
    read = sum(r["read"] for r in rows)
    out = ["# How much of real exports the export reader reads", "",
           "`tikops.routeros.menu` with `state: parsed` (and every `src:` file) reads RouterOS export text with",
           "plugins/module_utils/core/console.py. This page is the output of", "",
           "    .venv/bin/python " + COMMAND,
           "    .venv/bin/python " + CONVERGE_COMMAND, "",
           "over the corpus of real exports in tests/data/exports/ (their sources and licences: "
           "tests/data/exports/SOURCES.md).",
           "A command line is a logical line (continuations joined) that is not a comment, a blank line or a `/menu`",
           "line alone; it is read when the reader turns it into a command. A line the reader cannot read is an",
           "error naming the line number and the text (`parse_export`); `read_export` lists them all, and so does",
           "this report.", "",
           "tests/unit/test_console.py checks every export: every command line read, no line dropped, and each",
           "command written back (`render_command`) reads back the same.", "",
           "The corpus holds only exports whose licence allows redistribution. No such export of the `terse` style,",
           "of a CAPsMAN controller's configuration, of IS-IS or of containers was found; test_console.py covers",
           "those forms with its own cases (terse lines, the dotted shorthand of `/routing bgp connection` and `/interface wifi*`, RouterOS 6",
           "menus).", "",
           "| export | RouterOS | lines | command lines | read | share |", "| --- | --- | ---: | ---: | ---: | ---: |"]
    for row in rows:
        out.append("| %s | %s | %d | %d | %d | %s |" % (row["name"], row["version"] or "(no header)", row["physical"],
                                                        row["lines"], row["read"], _share(row["read"], row["lines"])))
    out.append("| **total: %d exports** | | %d | %d | %d | %s |" % (
        len(rows), sum(r["physical"] for r in rows), lines, read, _share(read, lines)))
    out += ["", "## Lines not read", ""]
    missed = [(r["name"], p) for r in rows for p in r["problems"]]
    if not missed:
        out.append("None.")
    for name, (number, line, reason) in missed:
        out.append("- %s line %d: %s: `%s`" % (name, number, reason, line[:120].replace("`", "'")))
    return "\n".join(out) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", maxsplit=1)[0])
    parser.add_argument("files", nargs="*", help="export files (default: the corpus)")
    parser.add_argument("--markdown", action="store_true", help="docs/exports.md as markdown")
    parser.add_argument("--write", action="store_true", help="rewrite docs/exports.md (its second section kept)")
    args = parser.parse_args(argv)
    files = args.files or sorted(glob.glob(os.path.join(CORPUS, "*.rsc")))
    rows = [report(f) for f in files]
    if args.write:
        text = markdown_report(rows)
        with open(DOC, "w", encoding="utf-8") as handle:
            handle.write(text)
    else:
        sys.stdout.write(markdown_report(rows) if args.markdown else text_report(rows))
    return 1 if any(r["problems"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
