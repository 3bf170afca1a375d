#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Check the overlay of hand-kept menu facts (plugins/module_utils/catalog/overlay.py, generated from
tools/data/menu-overlay.yaml) against the menu catalog:

- every path it names is a RouterOS 7 menu of some version, or a RouterOS 6 menu listed in ``V6_ONLY``;
- every key, name field, reset value and value description names a field that menu has (a writable field, or
  ``name`` of a fixed menu) in some version;
- a reset value is one of the words the newest tree with the field accepts (``false`` for ``yes|no``);
- a value description is one no tree gives (once a tree describes the field, the overlay's copy goes);
- a reference field is a writable field of some menu, a comparison kind names a field of one of its menus;
- a menu ordered on RouterOS 6 is ordered (has move) in the newest tree that has it as a list;
- service ports are port numbers.

    .venv/bin/python tools/check_menu_tables.py     # prints the problems; exit status 1 if there are any

Run it after tools/gen_menu_data.py and tools/gen_menu_overlay.py; tests/unit/test_menu_tables.py runs it too.
"""

import sys

from ansible_collections.tikops.routeros.plugins.module_utils.catalog import catalog
from ansible_collections.tikops.routeros.plugins.module_utils.catalog import overlay

# Keys the router prints but that no add/set takes (derived or fixed by the router).
KNOWN_READ_ONLY_KEYS = {("/ip/service", "name"), ("/user/ssh-keys", "key-owner")}
_BOOL_WORDS = {"true": "yes", "false": "no"}


def fields_ever(path):
    names = set()
    for label in catalog.versions():
        info = catalog.menu(path, label, extra=True)
        if info is not None:
            names.update(info.fields)
    return names


def tree_desc(path, name):
    """The description any tree gives of field ``name`` of ``path`` (the raw data, without the overlay's)."""
    node = catalog._load()["menus"].get(path)  # pylint: disable=protected-access
    if node is None:
        return None
    for cmd in ("add", "set"):
        entry = node["c"].get(cmd, {}).get("a", {}).get(name)
        if entry is not None and len(entry) > 1:
            return catalog._load()["descs"][entry[1]]  # pylint: disable=protected-access
    return None


def problems():
    out = []
    paths = (set(overlay.KEYS) | set(overlay.NAME_FIELDS) | set(overlay.DEFAULTS) | set(overlay.V6_FIXED)
             | set(overlay.V6_ORDERED) | set(overlay.KIND_MENUS) | set(overlay.VALUES) | set(overlay.V6_MENUS))
    for path in sorted(paths):
        if catalog.first_and_last(path) is None and path not in overlay.V6_ONLY:
            out.append("%s: not a menu of any RouterOS 7 tree, and not listed in V6_ONLY" % path)
    checks = [(p, k, "key") for p, keys in overlay.KEYS.items() for k in keys]
    checks += [(p, f, "name field") for p, f in overlay.NAME_FIELDS.items()]
    checks += [(p, f, "reset value") for p, d in overlay.DEFAULTS.items() for f in d]
    checks += [(p, f, "value description") for p, d in overlay.VALUES.items() for f in d]
    for path, name, what in checks:
        if path in overlay.V6_ONLY or (path, name) in KNOWN_READ_ONLY_KEYS:
            continue
        if name not in fields_ever(path):
            out.append("%s: %s %r is not a field of it in any RouterOS 7 tree" % (path, what, name))
    for path, fields in sorted(overlay.DEFAULTS.items()):
        for name, value in sorted(fields.items()):
            info = catalog.newest_field(path, name)
            if info is None or info.words is None:
                continue
            word = _BOOL_WORDS.get(value, value) if info.words == ("yes", "no") else value
            reason = info.check_value(word)
            if reason:
                out.append("%s: reset value of %s: %s" % (path, name, reason))
    for path, fields in sorted(overlay.VALUES.items()):
        for name in sorted(fields):
            given = tree_desc(path, name)
            if given is not None:
                out.append("%s: the trees now describe %s (%r): drop it from values in the overlay" % (path, name, given))
    written = set()
    for node in catalog._load()["menus"].values():  # pylint: disable=protected-access
        for cmd in ("add", "set"):
            written.update(node["c"].get(cmd, {}).get("a", {}))
    for name in sorted(overlay.REF_FIELDS - written):
        out.append("reference field %r is not a writable field of any menu in any RouterOS 7 tree" % name)
    for name in sorted(overlay.KINDS):
        if not any(name in fields_ever(path) for path in overlay.KIND_MENUS):
            out.append("comparison kind of %r: no menu of KIND_MENUS has that field in any RouterOS 7 tree" % name)
    for path in sorted(overlay.V6_ORDERED - overlay.V6_ONLY):
        last = catalog.first_and_last(path)
        info = catalog.menu(path, last[1]) if last else None
        if info is not None and info.kind == catalog.LIST and not info.ordered:
            out.append("%s: ordered on RouterOS 6 (V6_ORDERED), but RouterOS %s has no move for it" % (path, last[1]))
    for name, port in sorted(overlay.SERVICE_PORTS.items()):
        if not (port.isdigit() and 1 <= int(port) <= 65535):
            out.append("/ip/service: the port of %s, %r, is not a port number" % (name, port))
    return out


def main():
    found = problems()
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
