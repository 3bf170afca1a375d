# -*- coding: utf-8 -*-
"""The menu catalog generated from the real RouterOS 7 command trees (plugins/module_utils/catalog)."""

import os
import subprocess
import sys

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.catalog import catalog as C

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TREES = os.path.join(ROOT, "tools", "data", "routeros-command-trees")


def test_generated_data_is_what_the_trees_give():
    # the trees are in the repository (tools/data); a stale data.py fails here
    assert os.path.isdir(TREES), "the command trees are missing: %s" % TREES
    out = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "gen_menu_data.py"), "--check", "--trees", TREES],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert "up to date" in out.stdout


@pytest.mark.parametrize("path,kind,ordered", [
    ("/ip/firewall/filter", C.LIST, True),
    ("/ip/firewall/address-list", C.LIST, False),
    ("/ip/pool", C.LIST, False),
    ("/ip/service", C.FIXED, False),
    ("/interface/ethernet", C.FIXED, False),
    ("/ip/dns", C.SETTINGS, False),
    ("/system/identity", C.SETTINGS, False),
    ("/system/resource", C.READ_ONLY, False),
    ("/routing", C.CONTAINER, False),
])
def test_kinds_come_from_the_commands(path, kind, ordered):
    m = C.menu(path, "7.20.8")
    assert m.kind == kind
    assert m.ordered is ordered


def test_paths_are_normalized_and_counted():
    assert C.normalize_path("ip firewall  filter") == "/ip/firewall/filter"
    assert C.normalize_path("/ip/firewall/filter/") == "/ip/firewall/filter"
    configurable = C.paths("7.20", extra=False, kinds=(C.LIST, C.FIXED, C.SETTINGS))
    assert len(configurable) == 318  # the count the simulator issue measured on 7.20
    assert "/ip/firewall/filter" in configurable


def test_fields_follow_the_version():
    # full-duplex left /interface/ethernet in 7.12 (terraform-routeros issue 326)
    assert "full-duplex" in C.menu("/interface/ethernet", "7.11.3").fields
    assert "full-duplex" not in C.menu("/interface/ethernet", "7.12").fields
    # a version between or after the trees uses the older tree
    assert C.menu("/ip/dns", "7.30").version == "7.24+extra"
    assert C.menu("/ip/dns", "7.30", extra=False).version == "7.24"
    assert C.menu("/ip/dns", "6.49") is None
    assert C.coverage("6.49") == "none"
    assert C.coverage("7.16.2") == "exact"
    assert C.coverage("7.99") == "newer"
    assert C.coverage("7.1") == "older"


def test_words_and_create_only():
    f = C.menu("/interface/l2tp-client", "7.16").fields["allow"]
    assert f.multi and f.words == ("pap", "chap", "mschap1", "mschap2")
    assert f.check_value("chap,mschap2") is None
    assert "'bogus'" in f.check_value("chap,bogus")
    assert C.menu("/ip/firewall/filter", "7.16").fields["comment"].value_type == "string"
    m = C.menu("/user", "7.20")
    assert "password" in m.fields and "numbers" not in m.fields
    assert m.close_matches("pasword") == ["password"]


def test_unknown_paths():
    assert C.menu("/ip/adress", "7.20") is None
    assert C.close_paths("/ip/adress", "7.20")[0] == "/ip/address"
    assert C.first_and_last("/routing/ospf/instance") == ("7.9", "7.24+extra")
    assert C.first_and_last("/nowhere") is None


def test_a_value_description_the_trees_leave_out_comes_from_the_overlay():
    # no tree describes bridge protocol-mode; the overlay does (with its source), and only there
    for version in ("7.9", "7.16", "7.24"):
        f = C.menu("/interface/bridge", version).fields["protocol-mode"]
        assert f.words == ("none", "rstp", "stp", "mstp") and not f.multi
    assert "'rstp2'" in C.menu("/interface/bridge", "7.16").fields["protocol-mode"].check_value("rstp2")
    # a field the tree describes keeps the tree's words
    assert C.menu("/interface/l2tp-client", "7.16").fields["allow"].words == ("pap", "chap", "mschap1", "mschap2")


def test_newest_field():
    assert C.newest_field("/ip/service", "max-sessions").name == "max-sessions"
    assert C.newest_field("/interface/ethernet", "full-duplex") is not None  # gone in 7.12, still in 7.11
    assert C.newest_field("/ip/dns", "nosuch") is None
    assert C.newest_field("/nowhere", "name") is None
