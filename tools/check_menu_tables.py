#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Check plugins/module_utils/menu/tables.py against the menu catalog: every path it names is a RouterOS 7 menu
of some version (or a RouterOS 6 menu listed in V6_ONLY), and every key, name field and reset value names a field
that menu has (a writable field, or ``name`` of a fixed menu) in some version.

    .venv/bin/python tools/check_menu_tables.py     # prints the problems; exit status 1 if there are any

Run it after tools/gen_menu_data.py; tests/unit/test_menu_tables.py runs it too.
"""

import sys

from ansible_collections.tikops.routeros.plugins.module_utils.catalog import catalog
from ansible_collections.tikops.routeros.plugins.module_utils.menu import tables

# Keys the router prints but that no add/set takes (derived or fixed by the router).
KNOWN_READ_ONLY_KEYS = {("/ip/service", "name"), ("/user/ssh-keys", "key-owner")}


def fields_ever(path):
    names = set()
    for label in catalog.versions():
        info = catalog.menu(path, label, extra=True)
        if info is not None:
            names.update(info.fields)
    return names


def problems():
    out = []
    paths = set(tables.KEYS) | set(tables.NAME_FIELDS) | set(tables.DEFAULTS) | set(tables.V6_FIXED) | set(
        tables.V6_ORDERED)
    for path in sorted(paths):
        if catalog.first_and_last(path) is None and path not in tables.V6_ONLY:
            out.append("%s: not a menu of any RouterOS 7 tree, and not listed in V6_ONLY" % path)
    checks = [(p, k, "key") for p, keys in tables.KEYS.items() for k in keys]
    checks += [(p, f, "name field") for p, f in tables.NAME_FIELDS.items()]
    checks += [(p, f, "reset value") for p, d in tables.DEFAULTS.items() for f in d]
    for path, name, what in checks:
        if path in tables.V6_ONLY or (path, name) in KNOWN_READ_ONLY_KEYS:
            continue
        if name not in fields_ever(path):
            out.append("%s: %s %r is not a field of it in any RouterOS 7 tree" % (path, what, name))
    return out


def main():
    found = problems()
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
