# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Menus, fields, built-in entries and boards real exports of the corpus (tests/data/exports) use, each as a real
router of that release and board has it (the source of each fact is named beside it in simulator/rosim)."""

import pytest
from support.client import sim_params
from support.rosim import Simulator

from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import TrapError


def session(sim):
    return Session.connect(sim_params(sim, password=""))


def rows(s, path):
    return s.call(path, "print").rows


def trap(s, path, command, **attrs):
    with pytest.raises(TrapError) as err:
        s.call(path, command, attributes=attrs)
    return err.value.traps[0]["message"]


@pytest.fixture(scope="module")
def v6chr():
    with Simulator(version="6.47.9", board="chr", identity="v6chr") as sim:
        s = session(sim)
        yield s
        s.close()


@pytest.fixture(scope="module")
def v6hex():
    with Simulator(version="6.47.9", identity="v6hex") as sim:
        s = session(sim)
        yield s
        s.close()


def test_v6_x86_ethernet_has_disable_running_check(v6chr, v6hex):
    # x86 only, default yes (the manual's Ethernet page); a 6.47.9 CHR export sets it to no
    assert [r["disable-running-check"] for r in rows(v6chr, "/interface/ethernet")][:2] == ["true", "true"]
    v6chr.call("/interface/ethernet", "set", attributes={"numbers": "ether1", "disable-running-check": "no"})
    assert rows(v6chr, "/interface/ethernet")[0]["disable-running-check"] == "false"
    assert "disable-running-check" not in rows(v6hex, "/interface/ethernet")[0]
    assert "unknown parameter" in trap(v6hex, "/interface/ethernet", "set", numbers="ether1",
                                       **{"disable-running-check": "no"})


def test_v6_ospf_network_defaults_to_every_address(v6hex):
    # 6.x exports print `/routing ospf network add area=backbone`: the network left out is the default
    v6hex.call("/routing/ospf/network", "add", attributes={"area": "backbone"})
    got = [(r["network"], r["area"]) for r in rows(v6hex, "/routing/ospf/network")]
    assert got == [("0.0.0.0/0", "backbone")]
