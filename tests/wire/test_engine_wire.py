# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The engine against a simulated router: one read round trip, pipelined writes, a write that fails halfway."""

import pytest

from support.rosim import Simulator

from ansible_collections.tikops.routeros.plugins.module_utils.converge import engine as E
from ansible_collections.tikops.routeros.plugins.module_utils.converge import planner as PL
from ansible_collections.tikops.routeros.plugins.module_utils.api.options import ConnectionParams
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session

ADDR = PL.Menu(path="/ip/address", keys=("address", "interface"),
               fields={"address": dict(kind="prefix"), "interface": dict(), "disabled": dict(kind="bool", default=False),
                       "comment": dict(default="", empty_is_absent=True)},
               ref_fields=("interface",), protect=("dynamic",))
VLAN = PL.Menu(path="/interface/vlan", keys=("name",), name_field="name", ref_fields=("interface",),
               fields={"name": dict(), "vlan-id": dict(kind="int", required=True), "interface": dict(required=True)})
BRIDGE = PL.Menu(path="/interface/bridge", keys=("name",), name_field="name",
                 fields={"name": dict(), "protocol-mode": dict(default="rstp")})


class Counting:
    """A session proxy that counts round trips (pipeline flushes)."""

    def __init__(self, session):
        self.session = session
        self.trips = 0

    def pipeline(self, specs, raise_on_trap=True):
        self.trips += 1
        return self.session.pipeline(specs, raise_on_trap)


@pytest.fixture(scope="module")
def sim():
    with Simulator(version="7.16", identity="engine") as s:
        yield s


@pytest.fixture
def session(sim):
    s = Session.connect(ConnectionParams(sim.host, sim.port, timeout=10))
    yield Counting(s)
    s.close()


def commands_since(sim, mark):
    return [e["words"] for e in sim.events("command")[mark:]]


def read_addresses(session):
    (rows,) = E.read(session, [E.Read("/ip/address", ADDR.proplist(), ["?interface=ether5"])])
    return rows


def test_converge_many_in_one_write_round_trip(sim, session):
    desired = [PL.Desired(ADDR, {"address": "10.50.%d.1/24" % i, "interface": "ether5", "comment": "n%d" % i})
               for i in range(200)]
    mark = len(sim.events("command"))
    current = read_addresses(session)
    plan = PL.plan_menu(ADDR, desired, current, "merged").ordered()
    assert len(plan) == 200
    assert E.apply_plan(session, plan) == 1
    assert session.trips == 2  # one read, one write
    sent = commands_since(sim, mark)
    assert sent[0][0] == "/ip/address/print"
    assert "=.proplist=.id,address,interface,disabled,comment,dynamic" in sent[0]
    assert "?interface=ether5" in sent[0]
    assert [w[0] for w in sent[1:]] == ["/ip/address/add"] * 200

    # a second run: nothing to do, and nothing written
    mark = len(sim.events("command"))
    again = PL.plan_menu(ADDR, desired, read_addresses(session), "merged")
    assert not again
    assert [w[0] for w in commands_since(sim, mark)] == ["/ip/address/print"]

    # change 1%: two sets, in one round trip
    desired[3].values["comment"] = "changed"
    desired[7].values["disabled"] = True
    plan = PL.plan_menu(ADDR, desired, read_addresses(session), "merged").ordered()
    assert [op.action for op in plan] == ["set", "set"]
    assert E.apply_plan(session, plan) == 1
    assert not PL.plan_menu(ADDR, desired, read_addresses(session), "merged")

    # clean up for the other tests: overridden with nothing listed removes them all, in one round trip
    plan = PL.plan_menu(ADDR, [], read_addresses(session), "overridden").ordered()
    assert len(plan) == 200 and E.apply_plan(session, plan) == 1
    assert read_addresses(session) == []


def test_dependent_writes_wait_for_what_they_need(sim, session):
    bridges, vlans = E.read(session, [E.Read(BRIDGE.path, BRIDGE.proplist()), E.Read(VLAN.path, VLAN.proplist())])
    plan = E.Plan()
    plan.extend(PL.plan_menu(VLAN, [PL.Desired(VLAN, {"name": "dep-v1", "vlan-id": 101, "interface": "dep-br"})],
                             vlans, "merged"))
    plan.extend(PL.plan_menu(BRIDGE, [PL.Desired(BRIDGE, {"name": "dep-br"})], bridges, "merged"))
    plan = plan.ordered()
    assert plan.commands == ["/interface/bridge/add name=dep-br",
                             "/interface/vlan/add name=dep-v1 vlan-id=101 interface=dep-br"]
    assert E.apply_plan(session, plan) == 2
    bridges, vlans = E.read(session, [E.Read(BRIDGE.path, BRIDGE.proplist()), E.Read(VLAN.path, VLAN.proplist())])
    assert any(v["name"] == "dep-v1" and v["interface"] == "dep-br" for v in vlans)


def test_write_failing_halfway_reports_applied_failed_not_attempted(sim, session):
    bridges, vlans = E.read(session, [E.Read(BRIDGE.path, BRIDGE.proplist()), E.Read(VLAN.path, VLAN.proplist())])
    plan = E.Plan()
    plan.extend(PL.plan_menu(BRIDGE, [PL.Desired(BRIDGE, {"name": "half-ok"}),
                                      PL.Desired(BRIDGE, {"name": "half-bad", "protocol-mode": "bogus"})],
                             bridges, "merged"))
    plan.extend(PL.plan_menu(VLAN, [PL.Desired(VLAN, {"name": "half-v", "vlan-id": 7, "interface": "half-bad"})],
                             vlans, "merged"))
    plan = plan.ordered()
    mark = len(sim.events("command"))
    with pytest.raises(E.ApplyError) as info:
        E.apply_plan(session, plan)
    err = info.value
    assert err.applied == ["/interface/bridge/add name=half-ok"]
    assert len(err.failed) == 1
    assert err.failed[0]["command"] == "/interface/bridge/add name=half-bad protocol-mode=bogus"
    assert "protocol-mode" in err.failed[0]["error"]
    assert err.not_attempted == ["/interface/vlan/add name=half-v vlan-id=7 interface=half-bad"]
    # the vlan add was never sent
    assert [w[0] for w in commands_since(sim, mark)] == ["/interface/bridge/add", "/interface/bridge/add"]
    bridges, vlans = E.read(session, [E.Read(BRIDGE.path, ["name"]), E.Read(VLAN.path, ["name"])])
    assert {"name": "half-ok"} in bridges and {"name": "half-bad"} not in bridges
    assert {"name": "half-v"} not in vlans


ROUTE = PL.Menu(path="/ip/route", keys=("dst-address",),
                fields={"dst-address": dict(kind="prefix"), "gateway": dict(),
                        "pref-src": dict(unset=True, default=None), "check-gateway": dict(unset=True, default=None),
                        "distance": dict(kind="int", default=1)},
                protect=("dynamic",))


def test_replaced_unsets_fields_on_the_router(sim, session):
    """The unset operation reaches the router (one command per field, one round trip) and the fields are gone."""
    s = session.session
    s.call("/ip/route", "add", attributes={"dst-address": "10.77.0.0/16", "gateway": "10.0.2.2",
                                           "pref-src": "10.0.2.15", "check-gateway": "ping", "distance": "7"})
    reads = [E.Read("/ip/route", ROUTE.proplist(), ["?dst-address=10.77.0.0/16"])]
    (rows,) = E.read(session, reads)
    assert rows[0]["pref-src"] == "10.0.2.15" and rows[0]["check-gateway"] == "ping"
    desired = [PL.Desired(ROUTE, {"dst-address": "10.77.0.0/16", "gateway": "10.0.2.2"})]
    plan = PL.plan_menu(ROUTE, desired, rows, "replaced")
    assert sorted(op.action for op in plan) == ["set", "unset", "unset"]
    mark = len(sim.events("command"))
    session.trips = 0
    E.apply_plan(session, plan)
    assert session.trips == 1
    sent = commands_since(sim, mark)
    assert sorted(w[0] for w in sent) == ["/ip/route/set", "/ip/route/unset", "/ip/route/unset"]
    (rows,) = E.read(session, reads)
    assert "pref-src" not in rows[0] and "check-gateway" not in rows[0] and rows[0]["distance"] == "1"
    assert not PL.plan_menu(ROUTE, desired, rows, "replaced")  # converged: a second run changes nothing
