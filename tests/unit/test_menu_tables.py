# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The hand-kept menu facts (catalog/overlay.py) agree with the catalog
(tools/check_menu_tables.py), and the checker finds problems."""

import importlib.util
from pathlib import Path

from ansible_collections.tikops.routeros.plugins.module_utils.catalog import overlay

TOOL = Path(__file__).resolve().parents[2] / "tools" / "check_menu_tables.py"


def load():
    spec = importlib.util.spec_from_file_location("check_menu_tables", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_tables_agree_with_the_catalog():
    assert load().problems() == []


def test_checker_reports_a_wrong_key(monkeypatch):
    monkeypatch.setitem(overlay.KEYS, "/ip/pool", ("nmae",))
    monkeypatch.setitem(overlay.KEYS, "/ip/nosuch", ("name",))
    monkeypatch.setitem(overlay.DEFAULTS, "/ip/dns", {"allow-remote-request": "false"})
    found = load().problems()
    assert "/ip/pool: key 'nmae' is not a field of it in any RouterOS 7 tree" in found
    assert "/ip/nosuch: not a menu of any RouterOS 7 tree, and not listed in V6_ONLY" in found
    assert "/ip/dns: reset value 'allow-remote-request' is not a field of it in any RouterOS 7 tree" in found
