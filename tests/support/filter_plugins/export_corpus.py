# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test-only filter (tests/support/export_corpus.py): the ``menus`` of a ``state: parsed`` result as the ``menus``
of a task that applies them (each item's ``parsed`` as its ``config``)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


def parsed_to_menus(menus):
    out = []
    for item in menus or []:
        config = item.get("parsed", item.get("config"))
        if config in (None, [], {}):
            continue
        out.append(dict(path=item["path"], config=config))
    return out


class FilterModule(object):
    def filters(self):
        return {"parsed_to_menus": parsed_to_menus}
