# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""tikops.routeros.ip_addresses' run(ctx) against a simulated router, over a real socket."""

import pytest

from support.ctx import Ctx
from support.rosim import Simulator

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError
from ansible_collections.tikops.routeros.plugins.module_utils.api.options import ConnectionParams
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session
from ansible_collections.tikops.routeros.plugins.modules import ip_addresses as IP

WRITES = ("/add", "/set", "/remove", "/unset", "/move", "/enable", "/disable")


@pytest.fixture(scope="module")
def sim():
    with Simulator(version="7.16", identity="addr") as s:
        yield s


@pytest.fixture
def session(sim):
    s = Session.connect(ConnectionParams(sim.host, sim.port, timeout=10))
    yield s
    s.close()


def run(session, **kw):
    return IP.run(Ctx(session, **kw))


def writes_since(sim, mark):
    return [e["words"][0] for e in sim.events("command")[mark:] if e["words"][0].endswith(WRITES)]


def static(entries):
    return [e for e in entries if not e.get("dynamic")]


CONFIG = [dict(address="192.0.2.1/24", interface="ether2", comment="lan"),
          dict(address="198.51.100.9", interface="ether3"),
          dict(address="2001:db8:7::1/64", interface="ether2", advertise=False)]


def test_every_action_state(sim, session):
    run(session, state="overridden", config=[])  # a clean slate of static addresses
    gathered = run(session, state="gathered")["gathered"]
    assert gathered and all(e.get("dynamic") for e in gathered)  # the simulator's DHCP and link-local ones

    # merged, twice
    first = run(session, state="merged", config=CONFIG, diff=True)
    assert first["changed"] is True
    assert first["commands"] == ["/ip/address/add address=192.0.2.1/24 interface=ether2 comment=lan",
                                 "/ip/address/add address=198.51.100.9/32 interface=ether3",
                                 "/ipv6/address/add address=2001:db8:7::1/64 interface=ether2 advertise=no"]
    assert {"address": "192.0.2.1/24", "interface": "ether2", "comment": "lan", "network": "192.0.2.0",
            "disabled": False} in first["after"]
    assert "198.51.100.9/32" in first["diff"]["after"] and first["diff"]["before"] == ""
    mark = len(sim.events("command"))
    second = run(session, state="merged", config=CONFIG)
    assert second["changed"] is False and second["commands"] == [] and "after" not in second
    assert writes_since(sim, mark) == []

    # same meaning, other spelling: still no change
    spelled = [dict(address="192.0.2.1/24", interface="ether2", comment="lan", disabled="no"),
               dict(address="2001:DB8:7:0::1/64", interface="ether2", advertise="false")]
    assert run(session, state="merged", config=spelled)["changed"] is False

    # replaced resets what is not given (the comment), on the listed entry only
    replaced = run(session, state="replaced", config=[dict(address="192.0.2.1/24", interface="ether2")])
    assert replaced["commands"] == ['/ip/address/set [find address=192.0.2.1/24 interface=ether2] comment=""']
    assert run(session, state="replaced", config=[dict(address="192.0.2.1/24", interface="ether2")])["changed"] is False

    # overridden removes the static ones not listed, never the dynamic ones
    over = run(session, state="overridden", config=[dict(address="192.0.2.1/24", interface="ether2")])
    assert sorted(over["commands"]) == ["/ip/address/remove [find address=198.51.100.9/32 interface=ether3]",
                                        "/ipv6/address/remove [find address=2001:db8:7::1/64 interface=ether2]"]
    after = over["after"]
    assert static(after) == [{"address": "192.0.2.1/24", "interface": "ether2", "network": "192.0.2.0",
                              "disabled": False}]
    assert [e for e in after if e.get("dynamic")] == [e for e in gathered if e.get("dynamic")]

    # deleted by interface, then everything
    run(session, state="merged", config=CONFIG)
    deleted = run(session, state="deleted", config=[dict(interface="ether3")])
    assert deleted["commands"] == ["/ip/address/remove [find address=198.51.100.9/32 interface=ether3]"]
    everything = run(session, state="deleted")
    assert len(everything["commands"]) == 2
    assert static(run(session, state="gathered")["gathered"]) == []
    assert run(session, state="deleted")["changed"] is False


def test_check_mode_sends_no_write_and_reports_the_same_plan(sim, session):
    config = [dict(address="203.0.113.5/24", interface="ether4", comment="check")]
    mark = len(sim.events("command"))
    checked = run(session, state="merged", config=config, check_mode=True, diff=True)
    assert checked["changed"] is True and "after" not in checked
    assert writes_since(sim, mark) == []
    real = run(session, state="merged", config=config, diff=True)
    assert real["commands"] == checked["commands"] and real["diff"] == checked["diff"]
    assert run(session, state="merged", config=config, check_mode=True)["changed"] is False
    run(session, state="deleted", config=config)


def test_few_entries_are_read_with_a_query(sim, session):
    mark = len(sim.events("command"))
    run(session, state="merged", config=[dict(address="192.0.2.77/24", interface="ether2")], check_mode=True)
    reads = [e["words"] for e in sim.events("command")[mark:]]
    assert reads[0][0] == "/ip/address/print" and "?address=192.0.2.77/24" in reads[0]
    assert reads[1][:2] == ["/interface/print", "=.proplist=name"]
    assert len(reads) == 2


def test_dynamic_addresses_are_never_touched(sim, session):
    dynamic = [e for e in run(session, state="gathered")["gathered"] if e.get("dynamic")][0]
    # listing it as it is: fine, nothing to do
    same = dict((k, v) for k, v in dynamic.items() if k in ("address", "interface"))
    assert run(session, state="merged", config=[same])["changed"] is False
    # feeding gathered back (dynamic: true) is ignored
    assert run(session, state="merged", config=[dynamic])["changed"] is False
    # changing it fails before anything is written
    mark = len(sim.events("command"))
    with pytest.raises(UserInputError, match="dynamic"):
        run(session, state="merged", config=[dict(same, comment="mine")])
    assert writes_since(sim, mark) == []
    # deleting it warns and leaves it
    ctx = Ctx(session, state="deleted", config=[same])
    assert IP.run(ctx)["changed"] is False and "dynamic" in ctx.warnings[0]


def test_bad_input_fails_before_anything_is_written(sim, session):
    mark = len(sim.events("command"))
    with pytest.raises(UserInputError, match="interface 'ether99' does not exist on the router"):
        run(session, state="merged", config=[dict(address="192.0.2.50/24", interface="ether2"),
                                             dict(address="192.0.2.51/24", interface="ether99")])
    with pytest.raises(UserInputError, match="not an IPv4 or IPv6 address"):
        run(session, state="merged", config=[dict(address="192.0.2.300/24", interface="ether2")])
    assert writes_since(sim, mark) == []


class RemovesFirst:
    """A session proxy: just before the first write, somebody else removes a VLAN (the router changed after the
    read), so the router refuses the write that uses it."""

    def __init__(self, session, vlan):
        self.session = session
        self.vlan = vlan

    def pipeline(self, specs, raise_on_trap=True):
        if self.vlan and any(s.get("command") == "add" for s in specs):
            self.session.call("/interface/vlan", "remove", attributes={"numbers": self.vlan})
            self.vlan = None
        return self.session.pipeline(specs, raise_on_trap)


def test_router_refusal_reports_applied_failed_not_attempted(sim, session):
    session.call("/interface/vlan", "add", attributes={"name": "gone-soon", "vlan-id": "55", "interface": "ether4"})
    proxy = RemovesFirst(session, "gone-soon")
    result = IP.run(Ctx(proxy, state="merged", config=[dict(address="192.0.2.61/24", interface="ether3"),
                                                       dict(address="192.0.2.62/24", interface="gone-soon")]))
    assert result["failed"] is True and result["changed"] is True
    assert result["applied"] == ["/ip/address/add address=192.0.2.61/24 interface=ether3"]
    assert result["failed_commands"][0]["command"] == "/ip/address/add address=192.0.2.62/24 interface=gone-soon"
    assert "interface" in result["failed_commands"][0]["error"]
    assert result["not_attempted"] == []
    assert "refused 1 of the planned changes" in result["msg"]
    assert "after" not in result
    assert [e["address"] for e in static(run(session, state="gathered")["gathered"])
            if e["address"].startswith("192.0.2.6")] == ["192.0.2.61/24"]
    run(session, state="deleted", config=[dict(address="192.0.2.61/24")])
