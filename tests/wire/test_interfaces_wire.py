# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""tikops.routeros.interfaces' run(ctx) against a simulated router, over a real socket."""

import pytest

from support.ctx import Ctx
from support.rosim import Simulator

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError
from ansible_collections.tikops.routeros.plugins.module_utils.api.options import ConnectionParams
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session
from ansible_collections.tikops.routeros.plugins.modules import interfaces as IF

WRITES = ("/add", "/set", "/remove", "/unset", "/move", "/enable", "/disable")


@pytest.fixture
def sim():
    with Simulator(version="7.16", identity="ifaces") as s:
        yield s


@pytest.fixture
def session(sim):
    s = Session.connect(ConnectionParams(sim.host, sim.port, timeout=10))
    yield s
    s.close()


def run(session, **kw):
    return IF.run(Ctx(session, **kw))


def writes_since(sim, mark):
    return [e["words"] for e in sim.events("command")[mark:] if e["words"][0].endswith(WRITES)]


def by_name(entries):
    return dict((e["name"], e) for e in entries)


CONFIG = [dict(name="bridge1", type="bridge", vlan_filtering=True),
          dict(name="vlan10", type="vlan", vlan_id=10, interface="bridge1", comment="users"),
          dict(name="wan", default_name="ether1", comment="uplink", mtu=1500),
          dict(name="ether2", auto_negotiation="yes", arp_timeout="1d")]


def test_merged_creates_renames_and_is_idempotent(sim, session):
    result = run(session, state="merged", config=CONFIG, diff=True)
    assert result["commands"] == [
        "/interface/ethernet/set [find name=ether1] name=wan comment=uplink",
        "/interface/bridge/add name=bridge1 vlan-filtering=yes",
        "/interface/vlan/add name=vlan10 vlan-id=10 interface=bridge1 comment=users",
        "/interface/ethernet/set [find name=ether2] arp-timeout=1d"]
    after = by_name(result["after"])
    assert after["wan"]["default_name"] == "ether1" and after["wan"]["comment"] == "uplink"
    assert after["vlan10"]["vlan_id"] == 10 and after["bridge1"]["vlan_filtering"] is True
    assert "  name=wan" in result["diff"]["after"] and "  name=ether1" in result["diff"]["before"]
    # the same .id: a rename, not remove + add
    assert not any(w[0].endswith("/remove") for w in writes_since(sim, 0))

    mark = len(sim.events("command"))
    again = run(session, state="merged", config=CONFIG)
    assert again["changed"] is False and again["commands"] == [] and "after" not in again
    assert writes_since(sim, mark) == []
    # one round trip of reads: every print in one burst
    reads = [e["words"][0] for e in sim.events("command")[mark:]]
    assert reads == ["/interface/print", "/interface/ethernet/print", "/interface/vlan/print",
                     "/interface/bridge/print", "/interface/bonding/print"]

    # by meaning: 1d is 24h, yes is true, 1500 is "1500"
    assert run(session, state="merged", config=[dict(name="ether2", arp_timeout="24h", auto_negotiation=True),
                                                dict(name="wan", mtu="1500")])["changed"] is False

    # rename a vlan: a set of the name on the same entry
    renamed = run(session, state="merged", config=[dict(name="users", rename_from="vlan10")])
    assert renamed["commands"] == ["/interface/vlan/set [find name=vlan10] name=users"]
    assert run(session, state="merged", config=[dict(name="users", rename_from="vlan10")])["changed"] is False


def test_replaced_overridden_deleted(sim, session):
    run(session, state="merged", config=CONFIG)
    replaced = run(session, state="replaced", config=[dict(name="vlan10", type="vlan", vlan_id=10, interface="bridge1")])
    assert replaced["commands"] == ['/interface/vlan/set [find name=vlan10] comment=""']

    checked = run(session, state="overridden", config=[dict(name="bridge1", type="bridge")], check_mode=True)
    assert "after" not in checked
    commands = checked["commands"]
    assert commands[0] == "/interface/vlan/remove [find name=vlan10]"
    assert "/interface/ethernet/set [find name=wan] name=ether1 comment=\"\"" in commands
    assert "/interface/bridge/set [find name=bridge1] vlan-filtering=no" in commands
    assert "/interface/ethernet/set [find name=ether2] arp-timeout=auto" in commands

    over = run(session, state="overridden", config=[dict(name="bridge1", type="bridge")])
    assert over["commands"] == commands
    after = by_name(over["after"])
    assert "vlan10" not in after and "wan" not in after and after["ether1"]["default_name"] == "ether1"
    assert run(session, state="overridden", config=[dict(name="bridge1", type="bridge")])["changed"] is False

    deleted = run(session, state="deleted", config=[dict(name="bridge1"), dict(name="ether3"), dict(name="nothere")])
    assert deleted["commands"] == ["/interface/bridge/remove [find name=bridge1]"]
    assert "bridge1" not in by_name(deleted["after"])
    assert run(session, state="deleted")["changed"] is False


def test_check_mode_and_bad_input_write_nothing(sim, session):
    mark = len(sim.events("command"))
    checked = run(session, state="merged", config=CONFIG, check_mode=True, diff=True)
    assert checked["changed"] is True and len(checked["commands"]) == 4 and checked["diff"]["after"]
    with pytest.raises(UserInputError, match="parent"):
        run(session, state="merged", config=[dict(name="v9", type="vlan", vlan_id=9, interface="nope")])
    with pytest.raises(UserInputError, match="ethernet interfaces cannot be created"):
        run(session, state="merged", config=[dict(name="ether42", type="ethernet")])
    with pytest.raises(UserInputError, match="give vlan_id, interface"):
        run(session, state="merged", config=[dict(name="v9", type="vlan")])
    assert writes_since(sim, mark) == []


def test_failing_write_reports_what_happened(sim, session):
    config = [dict(name="uplink", default_name="ether4"),
              dict(name="br-bad", type="bridge", ageing_time="bogus"),
              dict(name="v-bad", type="vlan", vlan_id=7, interface="br-bad"),
              dict(name="ether3", comment="late")]
    result = run(session, state="merged", config=config)
    assert result["failed"] is True and result["changed"] is True
    assert result["applied"] == ["/interface/ethernet/set [find name=ether4] name=uplink"]
    assert result["failed_commands"][0]["command"] == "/interface/bridge/add name=br-bad ageing-time=bogus"
    assert result["not_attempted"] == ["/interface/vlan/add name=v-bad vlan-id=7 interface=br-bad",
                                       "/interface/ethernet/set [find name=ether3] comment=late"]
    names = by_name(run(session, state="gathered")["gathered"])
    assert "uplink" in names and "br-bad" not in names and "v-bad" not in names
    assert "comment" not in names["ether3"]


def test_gathered_feeds_back_unchanged_and_routeros6(session):
    gathered = run(session, state="gathered")["gathered"]
    assert {"name": "ether1", "type": "ethernet", "default_name": "ether1"}.items() <= gathered[0].items()
    assert run(session, state="overridden", config=gathered)["changed"] is False
    with Simulator(version="6.49.10", identity="v6") as old:
        s = Session.connect(ConnectionParams(old.host, old.port, timeout=10))
        try:
            first = run(s, state="merged", config=CONFIG[:3])
            assert first["changed"] is True
            assert run(s, state="merged", config=CONFIG[:3])["changed"] is False
        finally:
            s.close()


def test_word_options_are_checked_before_anything_is_sent(sim, session):
    before = len(sim.events("command"))
    with pytest.raises(UserInputError, match=r"config\[1\] \(interface ether3\): arp is 'proxy', which is not one of"):
        run(session, state="merged", config=[dict(name="ether2", comment="never"), dict(name="ether3", arp="proxy")])
    assert sim.events("command")[before:] == []
    # bare YAML booleans become the field's words, and compare equal on the next run
    config = [dict(name="ether3", tx_flow_control=True, loop_protect=False, arp=False)]
    first = run(session, state="merged", config=config)
    assert first["commands"] == ["/interface/ethernet/set [find name=ether3] tx-flow-control=on loop-protect=off "
                                 "arp=disabled"]
    assert run(session, state="merged", config=config)["changed"] is False
    reset = run(session, state="merged", config=[dict(name="ether3", tx_flow_control=False, arp=True,
                                                      loop_protect="default")])
    assert reset["changed"] is True
