#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How much of each RouterOS export ends up on a router, and whether it converges: the corpus against the simulator.

One ansible-playbook run against one rosim process with one router per export (tests/support/export_corpus.py:
the export's release, board and packages; ``state: parsed`` on the export, one ``tikops.routeros.menu`` task
applying it, the same task again, the menus gathered back). Per export: its command lines, the lines taken in (the
router holds every field of the line, read back), converged (the task succeeded and every line is taken in),
idempotent (the second task succeeded with changed=false), and every line not taken in with its reason.

    .venv/bin/python tools/export_converge_report.py                # text
    .venv/bin/python tools/export_converge_report.py --diagnose     # text, and where the one task failed, each
                                                                    # menu on its own: what else keeps lines out
    .venv/bin/python tools/export_converge_report.py --markdown     # the second section of docs/exports.md
    .venv/bin/python tools/export_converge_report.py --write        # ... written into docs/exports.md

(tools/export_report.py --write remakes the first section, keeping this one.) tests/playbooks/test_export_corpus.py
holds the same run as tests, and checks that the table of this section is not stale.
Exit status 1 when an export does not converge.
"""

import argparse
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [os.path.join(HERE, "..", "tests"), os.path.join(HERE, "..", "simulator")]

from support.export_corpus import exports, run_corpus, taken_share  # noqa: E402  # pylint: disable=wrong-import-position

TITLE = "## Converging a router to its export"
COMMAND = "tools/export_converge_report.py --write"
DOC = os.path.join(HERE, "..", "docs", "exports.md")


def _share(part, whole):
    return "%.1f %%" % (100.0 * part / whole) if whole else "-"


def _yes(flag):
    return "yes" if flag else "no"


def _router(out):
    router = out.router
    return "%s %s%s" % (router["version"], router["board"], " +" + ",".join(router["packages"]) if router["packages"] else "")


def text_report(outcomes):
    out = []
    for name, o in sorted(outcomes.items()):
        out.append("%-40s %-28s lines %4d  taken in %4d (%s)  converged %-3s  idempotent %s" % (
            name, _router(o), len(o.lines), len(o.taken), _share(len(o.taken), len(o.lines)), _yes(o.converged),
            _yes(o.idempotent)))
        for number, (text, reason) in sorted(o.missed.items()):
            out.append("    line %d not taken in: %s\n        %s" % (number, text[:120], reason))
        if o.diagnosis is not None:
            d = o.diagnosis
            out.append("  diagnosis, each menu in a task of its own: %d of %d lines taken in" % (len(d.taken), len(d.lines)))
            for number, (text, reason) in sorted(d.missed.items()):
                out.append("    line %d not taken in: %s\n        %s" % (number, text[:120], reason))
    out.append(_totals(outcomes))
    return "\n".join(out) + "\n"


def _totals(outcomes):
    taken, lines = taken_share(outcomes)
    converged = sum(1 for o in outcomes.values() if o.converged)
    idempotent = sum(1 for o in outcomes.values() if o.idempotent)
    return "total: %d exports, %d command lines, %d taken in (%s); %d converged (%s), %d idempotent (%s)" % (
        len(outcomes), lines, taken, _share(taken, lines), converged, _share(converged, len(outcomes)), idempotent,
        _share(idempotent, len(outcomes)))


def table_rows(outcomes):
    """The rows of the section's table, one per export (tests/playbooks/test_export_corpus.py compares them)."""
    return ["| %s | %s | %d | %d | %s | %s | %s |" % (
        name, _router(o), len(o.lines), len(o.taken), _share(len(o.taken), len(o.lines)), _yes(o.converged),
        _yes(o.idempotent)) for name, o in sorted(outcomes.items())]


def markdown_report(outcomes):
    taken, lines = taken_share(outcomes)
    out = ["", TITLE, "",
           "How much of each export ends up on a router of its release, and whether the router converges in one task.",
           "This section is the output of", "",
           "    .venv/bin/python " + COMMAND, "",
           "tests/support/export_corpus.py starts one rosim process with one router per export: the release of the",
           "export's header (tests/data/exports/routers.json names the release the syntax of a header-less export",
           "implies), the simulator board nearest to its `# model =`, the packages its menus need. One ansible-playbook",
           "run then does, on every router, `state: parsed` on the export text (one `menus` item per menu the export",
           "configures), one `tikops.routeros.menu` task with `src: <export>.rsc`, the same task again, and `gathered` of",
           "the same menus. A command line (`add` or `set`) is taken in when the router holds every field it gives, by",
           "meaning (core/values.py; secret fields are never read back, so they are left out). An export converges when",
           "the task succeeds and every line is taken in; it is idempotent when the second task succeeds with",
           "`changed=false`. tests/playbooks/test_export_corpus.py is the same run as tests: an export that does not",
           "converge is a strict xfail there, with its cause. Where the one task fails, `--diagnose` (text) applies each",
           "menu in a task of its own and reads back again: what else keeps lines out once the first cause is gone.", "",
           "The bar: at least 98 % of the command lines taken in, at least 95 % of the exports converged, and every",
           "export whose task goes through idempotent (an export the bar lets fail may stop its task before any write).",
           "", "### What a number in an export names", "",
           "An export names an entry that has no name by its number (`/queue type set 10 ...`): the number the console",
           "gave it on the router the export came from, counting every entry printed before it: built-in and dynamic",
           "ones, and the entries the export itself adds (`add` lines) printed before it. The 6.48.1 export of the",
           "corpus (v6-verbose-routeros-diff.rsc) prints `add name=sfq-default` between the built-in queue types 4 and",
           "6: the add is older than the five built-ins printed after it, so the console numbered those one higher",
           "than a router without it does. Another router has the export's own entries elsewhere (a fresh router: none",
           "yet, then last, once added) or not at all, so they are not counted where they are: in the menus item the",
           "export makes, `number: N` after k entries of the item found by their fields (the export's `add` lines of",
           "the menu before the line) is the (N - k)-th entry, from 0, of the router's entries that are none of the",
           "item's own entries. On the router the export came from, and on one that lacks the added entries, that is",
           "the entry the console numbered N. `state: parsed` keeps the export's number (`number: 10`); an item written",
           "by hand means the same (with no entry of its own listed before it, `number` is the console's number).",
           "",
           "| export | router | command lines | taken in | share | converged | idempotent |",
           "| --- | --- | ---: | ---: | ---: | --- | --- |"]
    out += table_rows(outcomes)
    converged = sum(1 for o in outcomes.values() if o.converged)
    idempotent = sum(1 for o in outcomes.values() if o.idempotent)
    out.append("| **total: %d exports** | | %d | %d | %s | %d (%s) | %d (%s) |" % (
        len(outcomes), lines, taken, _share(taken, lines), converged, _share(converged, len(outcomes)), idempotent,
        _share(idempotent, len(outcomes))))
    out += ["", "### Lines not taken in", "",
            "Per export, each reason with the lines it holds for (line numbers of the export file; the first line's",
            "text).", ""]
    if not any(o.missed for o in outcomes.values()):
        out.append("None.")
    for name, o in sorted(outcomes.items()):
        groups = {}
        for number, (text, reason) in sorted(o.missed.items()):
            groups.setdefault(" ".join(reason.split()), []).append((number, text))
        for reason, items in groups.items():
            numbers = [n for n, _t in items]
            out.append("- %s, %s %s (`%s`): %s" % (
                name, "line" if len(numbers) == 1 else "%d lines:" % len(numbers), _ranges(numbers),
                " ".join(items[0][1].split())[:80].replace("`", "'"), reason[:400].replace("`", "'")))
    return "\n".join(out) + "\n"


def _ranges(numbers):
    out = []
    for number in numbers:
        if out and out[-1][1] == number - 1:
            out[-1][1] = number
        else:
            out.append([number, number])
    return ", ".join("%d" % a if a == b else "%d-%d" % (a, b) for a, b in out)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", maxsplit=1)[0])
    parser.add_argument("names", nargs="*", help="exports of the corpus (default: all)")
    parser.add_argument("--markdown", action="store_true", help="the second section of docs/exports.md")
    parser.add_argument("--write", action="store_true", help="write it into docs/exports.md (replacing it)")
    parser.add_argument("--forks", type=int, default=8)
    parser.add_argument("--diagnose", action="store_true",
                        help="text: where the one task failed, also apply each menu in a task of its own and say what "
                             "else keeps lines out")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="export-converge-") as workdir:
        outcomes = run_corpus(workdir, args.names or exports(), forks=args.forks,
                              diagnose=args.diagnose and not (args.markdown or args.write))
    outcomes.pop("_playbook", None)
    if args.write:
        with open(DOC, encoding="utf-8") as handle:
            doc = handle.read()
        at = doc.find("\n" + TITLE + "\n")
        with open(DOC, "w", encoding="utf-8") as handle:
            handle.write((doc[:at] if at >= 0 else doc) + markdown_report(outcomes))
    else:
        sys.stdout.write(markdown_report(outcomes) if args.markdown else text_report(outcomes))
    return 0 if all(o.converged for o in outcomes.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
