#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Generate plugins/module_utils/catalog/overlay.py from tools/data/menu-overlay.yaml.

The YAML file holds the hand-kept facts about RouterOS menus that the command trees do not give (natural keys,
fields that name other entries, reset values, comparison kinds, RouterOS 6 menus and hints, default service
ports, value descriptions a tree leaves out), each with its source. The collection imports the generated module,
a plain Python data module (no YAML parser at run time), whose comments carry the sources.

    .venv/bin/python tools/gen_menu_overlay.py            # write overlay.py
    .venv/bin/python tools/gen_menu_overlay.py --check    # exit 1 when overlay.py is not what the YAML gives
    .venv/bin/python tools/gen_menu_overlay.py --facts    # print every fact with its source, one a line

tests/unit/test_overlay.py runs the check; tools/check_menu_tables.py checks the paths and fields named against
the catalog.
"""

import argparse
import os
import re
import sys
import textwrap

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(ROOT, "tools", "data", "menu-overlay.yaml")
OUTPUT = os.path.join(ROOT, "plugins", "module_utils", "catalog", "overlay.py")

# The kinds of source a fact may name (docs/menu-knowledge.md).
SOURCE_KINDS = ("manual:", "export:", "tree:", "choice:")
V6_KINDS = ("settings", "list")
WIDTH = 118


class OverlayError(Exception):
    pass


def load(path=DATA):
    with open(path) as fh:
        return yaml.safe_load(fh)


def resolve(data, source, where):
    """The text of a fact's source: an id of ``sources`` or the text itself; OverlayError when missing or bad."""
    if not isinstance(source, str) or not source.strip():
        raise OverlayError("%s: no source" % where)
    text = data.get("sources", {}).get(source, source)
    if not isinstance(text, str) or not text.startswith(SOURCE_KINDS):
        raise OverlayError("%s: source %r is neither an id of sources nor a text starting with %s" % (
            where, source, " ".join(SOURCE_KINDS)))
    kind, _colon, rest = text.partition(":")
    if len(rest.strip()) < 12:
        raise OverlayError("%s: source %r says too little (a manual page and section, an export, or why)" % (where, source))
    return text


def facts(data):
    """Every fact of the overlay as (section, key, value, source id or text), in file order."""
    out = []

    def need(entry, where, *names):
        if not isinstance(entry, dict):
            raise OverlayError("%s: expected a mapping, got %r" % (where, entry))
        for name in names + ("source",):
            if name not in entry:
                raise OverlayError("%s: missing %s" % (where, name))
        return entry

    for path, entry in (data.get("keys") or {}).items():
        need(entry, "keys %s" % path, "fields")
        out.append(("keys", path, tuple(entry["fields"]), entry["source"]))
    for path, entry in (data.get("name_fields") or {}).items():
        need(entry, "name_fields %s" % path, "field")
        out.append(("name_fields", path, entry["field"], entry["source"]))
    for i, group in enumerate(data.get("ref_fields") or ()):
        need(group, "ref_fields[%d]" % i, "names")
        out.extend(("ref_fields", name, True, group["source"]) for name in group["names"])
    for i, entry in enumerate(data.get("protect") or ()):
        need(entry, "protect[%d]" % i, "flag")
        out.append(("protect", entry["flag"], True, entry["source"]))
    for i, group in enumerate(data.get("read_only_names") or ()):
        need(group, "read_only_names[%d]" % i, "names")
        out.extend(("read_only_names", name, True, group["source"]) for name in group["names"])
    for name, entry in (data.get("common_defaults") or {}).items():
        need(entry, "common_defaults %s" % name, "value")
        out.append(("common_defaults", name, entry["value"], entry["source"]))
    for path, fields in (data.get("defaults") or {}).items():
        for name, entry in fields.items():
            need(entry, "defaults %s %s" % (path, name), "value")
            out.append(("defaults", (path, name), entry["value"], entry["source"]))
    for name, entry in (data.get("kinds") or {}).items():
        need(entry, "kinds %s" % name, "kind")
        out.append(("kinds", name, entry["kind"], entry["source"]))
    for i, group in enumerate(data.get("kind_menus") or ()):
        need(group, "kind_menus[%d]" % i, "paths")
        out.extend(("kind_menus", path, True, group["source"]) for path in group["paths"])
    for name, entry in (data.get("service_ports") or {}).items():
        need(entry, "service_ports %s" % name, "port")
        out.append(("service_ports", name, entry["port"], entry["source"]))
    for path, fields in (data.get("values") or {}).items():
        for name, entry in fields.items():
            need(entry, "values %s %s" % (path, name), "desc")
            out.append(("values", (path, name), entry["desc"], entry["source"]))
    v6 = data.get("v6") or {}
    for part in ("fixed", "ordered", "only", "read_only"):
        for i, group in enumerate(v6.get(part) or ()):
            key = "names" if part == "read_only" else "paths"
            need(group, "v6 %s[%d]" % (part, i), key)
            out.extend(("v6_" + part, item, True, group["source"]) for item in group[key])
    for path, entry in (v6.get("keys") or {}).items():
        need(entry, "v6 keys %s" % path, "fields")
        out.append(("v6_keys", path, tuple(entry["fields"]), entry["source"]))
    for path, entry in (v6.get("read_only_in") or {}).items():
        need(entry, "v6 read_only_in %s" % path, "fields")
        out.append(("v6_read_only_in", path, tuple(entry["fields"]), entry["source"]))
    for name, desc in (v6.get("descs") or {}).items():
        out.append(("v6_descs", name, desc, v6.get("descs_source")))
    for path, entry in (v6.get("menus") or {}).items():
        need(entry, "v6 menus %s" % path, "kind", "fields")
        if entry["kind"] not in V6_KINDS:
            raise OverlayError("v6 menus %s: kind %r is not one of %s" % (path, entry["kind"], ", ".join(V6_KINDS)))
        out.append(("v6_menus", path, {"kind": entry["kind"], "fields": dict(entry["fields"])}, entry["source"]))
    return out


def check(data):
    """Every fact has a source that says what it is; every source of ``sources`` is used; no fact twice; a file of
    the repository a source names exists."""
    seen = set()
    used = set()
    for section, key, _value, source in facts(data):
        resolve(data, source, "%s %s" % (section, key))
        if (section, key) in seen:
            raise OverlayError("%s %s: given twice" % (section, key))
        seen.add((section, key))
        used.add(source)
    unused = sorted(set(data.get("sources", {})) - used)
    if unused:
        raise OverlayError("sources not named by any fact: %s" % ", ".join(unused))
    for name, text in data.get("sources", {}).items():
        resolve(data, text, "sources %s" % name)
    for section, key, _value, source in facts(data):
        for path in re.findall(r"\b(?:tests|tools)/data/[\w./+-]*\w", resolve(data, source, section)):
            if not os.path.exists(os.path.join(ROOT, path)):
                raise OverlayError("%s %s: its source names %s, which is not in the repository" % (section, key, path))


# ---------------------------------------------------------------------------------------------------------
# Rendering


def _q(value):
    return '"%s"' % value.replace("\\", "\\\\").replace('"', '\\"')


def _lit(value):
    if isinstance(value, str):
        return _q(value)
    if value is None:
        return "None"
    if isinstance(value, (tuple, list)):
        inner = ", ".join(_lit(v) for v in value)
        return "(%s,)" % inner if len(value) == 1 else "(%s)" % inner
    if isinstance(value, dict):
        return "{%s}" % ", ".join("%s: %s" % (_lit(k), _lit(v)) for k, v in value.items())
    raise OverlayError("cannot render %r" % (value,))


def _cite(data, source, indent):
    """A comment naming the source: ``[id]`` for a source of ``sources``, else the text itself."""
    if source in data.get("sources", {}):
        return ["%s# [%s]" % (indent, source)]
    return textwrap.wrap(source, WIDTH, initial_indent=indent + "# ", subsequent_indent=indent + "#   ",
                         break_on_hyphens=False, break_long_words=False)


def _words(items, indent):
    """String literals, comma-separated, wrapped."""
    lines = []
    line = indent
    for item in items:
        piece = _q(item) + ","
        if len(line) + len(piece) + 1 > WIDTH and line.strip():
            lines.append(line.rstrip())
            line = indent
        line += piece + " "
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _grouped(data, items):
    """[(source, [item, ...])] with consecutive items of one source together."""
    groups = []
    for item, source in items:
        if groups and groups[-1][0] == source:
            groups[-1][1].append(item)
        else:
            groups.append((source, [item]))
    return groups


def _set(data, name, ctor, items, doc):
    out = ["", doc, "%s = %s((" % (name, ctor)]
    for source, group in _grouped(data, items):
        out += _cite(data, source, "    ")
        out += _words(group, "    ")
    out.append("))")
    return out


def _dict(data, name, items, doc, render=_lit):
    out = ["", doc, "%s = {" % name]
    for source, group in _grouped(data, [((k, v), s) for k, v, s in items]):
        out += _cite(data, source, "    ")
        out += ["    %s: %s," % (_q(k), render(v)) for k, v in group]
    out.append("}")
    return out


HEADER = '''# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# GENERATED by tools/gen_menu_overlay.py from tools/data/menu-overlay.yaml: do not edit; edit the YAML file and
# run the script again (docs/menu-knowledge.md).
"""What tikops.routeros knows about RouterOS menus beyond the command trees, as data: natural keys, fields that
name other entries, protect flags, read-only names, reset values for ``replaced``, comparison kinds, default
service ports, value descriptions the trees leave out, and RouterOS 6 (which has no tree): fixed, ordered and
6-only menus, read-only fields, and the writable fields of a few menus.

Each fact comes with its source in tools/data/menu-overlay.yaml; the comments below name them (``[id]``: an
entry of the sources listed at the end of this docstring).

Sources:

%(sources)s
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import is_secret as _secret_rule

# Secret (write-only) fields are never read back and never shown in commands, diff or logs: one rule for output
# redaction and for planning (core.errors.is_secret), so it is code, not a fact of this table.
is_secret = _secret_rule
'''


def render(data):
    check(data)
    all_facts = facts(data)

    def of(section):
        return [(key, value, source) for sec, key, value, source in all_facts if sec == section]

    sources = []
    for sid, text in data.get("sources", {}).items():
        sources += textwrap.wrap("[%s] %s" % (sid, text), WIDTH, initial_indent="- ", subsequent_indent="  ",
                                 break_on_hyphens=False, break_long_words=False)
    out = [HEADER % {"sources": "\n".join(sources)}]
    out += _dict(data, "KEYS", of("keys"), "# Natural keys of the menus whose entries are not identified by ``name``.")
    out += _dict(data, "NAME_FIELDS", of("name_fields"),
                 "# The field other entries name an entry of the menu by, where it is not ``name``.")
    out += _set(data, "REF_FIELDS", "frozenset", [(k, s) for k, _v, s in of("ref_fields")],
                "# Fields whose values name entries of other menus: a write naming an entry changed in the same task waits for it.")
    protect = ["", "# Flags that make an entry untouchable: reported, never changed or removed.", "PROTECT = ("]
    for source, group in _grouped(data, [(k, s) for k, _v, s in of("protect")]):
        protect += _cite(data, source, "    ") + _words(group, "    ")
    out += protect + [")"]
    out += _set(data, "READ_ONLY_NAMES", "frozenset", [(k, s) for k, _v, s in of("read_only_names")],
                "# Read-only fields RouterOS 7 prints in many menus: ``where`` and ``keys`` may name them before the menu is read.")
    out += _dict(data, "COMMON_DEFAULTS", of("common_defaults"),
                 "# Reset values for ``replaced``/``overridden`` of the fields of every menu ...")
    out += ["", "# ... and per menu (a field not here is unset where the menu has ``unset``; elsewhere replaced asks for it).",
            "DEFAULTS = {"]
    defaults = of("defaults")
    for path in dict.fromkeys(k[0] for k, _v, _s in defaults):
        out.append("    %s: {" % _q(path))
        for source, group in _grouped(data, [((k[1], v), s) for k, v, s in defaults if k[0] == path]):
            out += _cite(data, source, "        ")
            out += ["        %s: %s," % (_q(name), _lit(value)) for name, value in group]
        out.append("    },")
    out.append("}")
    out += _dict(data, "KINDS", of("kinds"), "# Field kinds for comparison where the tree's description gives none ...")
    out += _set(data, "KIND_MENUS", "frozenset", [(k, s) for k, _v, s in of("kind_menus")], "# ... in these menus.")
    out += _dict(data, "SERVICE_PORTS", of("service_ports"),
                 "# /ip/service: the port each built-in service listens on unless set (what ``replaced`` resets port to).")
    out += ["", "# Descriptions of a field's value (the trees' form) where every tree leaves it out: the catalog uses them.",
            "VALUES = {"]
    values = of("values")
    for path in dict.fromkeys(k[0] for k, _v, _s in values):
        out.append("    %s: {" % _q(path))
        for source, group in _grouped(data, [((k[1], v), s) for k, v, s in values if k[0] == path]):
            out += _cite(data, source, "        ")
            out += ["        %s: %s," % (_q(name), _lit(value)) for name, value in group]
        out.append("    },")
    out.append("}")
    out += ["", "# RouterOS 6 has no command tree: menus whose entries are fixed or ordered there (the others are lists, or a",
            "# settings menu when the router prints one entry without an id), menus only RouterOS 6 has, and the fields it",
            "# prints that cannot be written."]
    for section, name in (("v6_fixed", "V6_FIXED"), ("v6_ordered", "V6_ORDERED"), ("v6_only", "V6_ONLY"),
                          ("v6_read_only", "V6_READ_ONLY")):
        block = _set(data, name, "frozenset", [(k, s) for k, _v, s in of(section)], "")
        out += block[2:]
    out += _dict(data, "V6_KEYS", of("v6_keys"), "# Natural keys that differ on RouterOS 6 (in place of ``KEYS`` there).")
    out += _dict(data, "V6_READ_ONLY_IN", of("v6_read_only_in"),
                 "# Fields of one menu RouterOS 6 prints and never takes in a write, where a RouterOS 7 tree (the hint there) has\n"
                 "# them writable.")
    out += ["", "# Value descriptions the RouterOS 6 menus share."]
    for source, group in _grouped(data, [((name, desc), source) for name, desc, source in of("v6_descs")]):
        out += _cite(data, source, "") + ["%s = %s" % (name, _q(desc)) for name, desc in group]
    constants = dict((desc, name) for name, desc, _s in of("v6_descs"))

    def desc_lit(desc):
        return constants.get(desc) or _lit(desc)

    out += ["", "# What RouterOS 6 (6.4x, as 6.49 has it) says about a few menus: ``kind`` (settings or list) and the",
            "# writable ``fields``, each with the router's description of its value in the trees' words (None: nothing",
            "# is checked). On RouterOS 6 the catalog describes these menus from here (catalog.v6_menu).",
            "V6_MENUS = {"]
    for path, entry, source in of("v6_menus"):
        out += _cite(data, source, "    ")
        out.append("    %s: {" % _q(path))
        out.append("        \"kind\": %s," % _q(entry["kind"]))
        out.append("        \"fields\": {")
        for name, desc in entry["fields"].items():
            out.append("            %s: %s," % (_q(name), desc_lit(desc) if desc is not None else "None"))
        out.append("        },")
        out.append("    },")
    out.append("}")
    out += ["MENUS = V6_MENUS  # the name catalog/v6.py exported", ""]
    return "\n".join(out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n", maxsplit=1)[0])
    ap.add_argument("--data", default=DATA)
    ap.add_argument("--output", default=OUTPUT)
    ap.add_argument("--check", action="store_true", help="exit 1 when the output file is out of date")
    ap.add_argument("--facts", action="store_true", help="print every fact with its source")
    args = ap.parse_args(argv)
    data = load(args.data)
    try:
        text = render(data)
    except OverlayError as err:
        print("%s: %s" % (args.data, err), file=sys.stderr)
        return 1
    if args.facts:
        for section, key, value, source in facts(data):
            print("%s %s = %r  <- %s" % (section, key, value, resolve(data, source, section)))
        return 0
    if args.check:
        current = open(args.output).read() if os.path.exists(args.output) else ""
        if current != text:
            print("%s is out of date: run tools/gen_menu_overlay.py" % args.output, file=sys.stderr)
            return 1
        print("%s is up to date (%d facts)" % (args.output, len(facts(data))))
        return 0
    with open(args.output, "w") as fh:
        fh.write(text)
    print("wrote %s: %d facts" % (args.output, len(facts(data))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
