# -*- coding: utf-8 -*-
"""Writes whose outcome is unknown, against a simulator that fails in the middle of them.

The simulator strikes after N sentences it sent (a plain login is 1, the ip_addresses read of this state a few
more), so ``--x-after 9`` strikes among the replies of the five pipelined adds: how many replies reach the
client before the drop, stall, garbage or ``!fatal`` depends on the fault (a reset discards what was not read
yet). Only the first connection is faulty (``--fault-connections 1``): the module reads the router back over a
new one. The simulator's saved state is the truth every report is checked against."""

import pytest

from support.ctx import Ctx
from support.rosim import Simulator

from ansible_collections.tikops.routeros.plugins.module_utils.tasks import command as C
from ansible_collections.tikops.routeros.plugins.module_utils.api.options import ConnectionParams
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session
from ansible_collections.tikops.routeros.plugins.modules import ip_addresses as IP

CONFIG = [dict(address="192.0.2.%d/24" % i, interface="ether2") for i in range(1, 6)]
ALL = ["/ip/address/add address=192.0.2.%d/24 interface=ether2" % i for i in range(1, 6)]


def held(sim):
    """The static addresses the router holds, as add commands, from its saved state."""
    state = sim.save_state()
    return sorted("/ip/address/add address=%s interface=%s" % (e["address"], e["interface"])
                  for e in state["menus"]["/ip/address"] if e.get("dynamic") not in (True, "true"))


def faulty(tmp_path, kind, after=9):
    return Simulator(version="7.16", state=str(tmp_path / "state.yml"),
                     extra_args=("--%s-after" % kind, str(after), "--fault-connections", "1"))


@pytest.mark.parametrize("kind", ["drop", "stall", "garbage", "fatal"])
def test_writes_cut_short_report_what_the_router_holds(tmp_path, kind):
    with faulty(tmp_path, kind) as sim:
        params = ConnectionParams(sim.host, sim.port, timeout=3)
        ctx = Ctx(Session.connect(params), opener=lambda: Session.connect(params), state="merged", config=CONFIG)
        result = IP.run(ctx)
        truth = held(sim)
        assert result["failed"] is True
        assert "connection to the router was lost" in result["msg"] and "refused" not in result["msg"].split("):")[0]
        assert result["connection_lost"]
        assert truth, "the simulator should hold some of the writes"
        assert result["changed"] is True
        assert sorted(result["applied"]) == truth
        assert result["unknown"] == []
        assert sorted(result["applied"] + result["not_applied"]) == sorted(ALL)
        assert result["failed_commands"] == []
        ctx.session.close()


def test_without_a_new_connection_the_rest_stays_unknown(tmp_path):
    with faulty(tmp_path, "stall") as sim:
        ctx = Ctx(Session.connect(ConnectionParams(sim.host, sim.port, timeout=2)), state="merged", config=CONFIG)
        result = IP.run(ctx)
        assert result["changed"] is True  # the two replies that came count
        count = len(result["applied"])
        assert 1 <= count < 5 and result["applied"] == ALL[:count]
        assert result["unknown"] == ALL[count:]
        assert "reading the router back failed" in result["msg"]
        assert set(result["applied"]) <= set(held(sim))


@pytest.mark.parametrize("kind", ["drop", "stall", "fatal"])
def test_command_add_cut_short_reads_the_router_back(tmp_path, kind):
    # login (1), then the add's reply is the second sentence: strike after 1
    with faulty(tmp_path, kind, after=1) as sim:
        params = ConnectionParams(sim.host, sim.port, timeout=2)
        session = Session.connect(params)
        args = dict(path="/ip/address", command="add", attributes=dict(address="192.0.2.77/24", interface="ether3"))
        result = C.run(args, False, lambda: session, lambda: Session.connect(params))
        assert held(sim) == ["/ip/address/add address=192.0.2.77/24 interface=ether3"]
        assert result["failed"] is True and result["sent"] is True
        assert result["outcome"] == "took effect" and result["changed"] is True
        assert "connection to the router was lost" in result["msg"]
        # the same add, refused by the router now (it already holds the address): a refusal, not a lost connection
        again = C.run(args, False, lambda: Session.connect(params))
        assert again["failed"] is True and again["changed"] is False and "outcome" not in again


@pytest.mark.parametrize("reconnect", [True, False])
def test_a_failure_after_the_last_write_keeps_changed(tmp_path, reconnect):
    # the login, the read and all five adds' replies go out; the read of the state after them meets the drop
    with faulty(tmp_path, "drop", after=13) as sim:
        params = ConnectionParams(sim.host, sim.port, timeout=3)
        ctx = Ctx(Session.connect(params), opener=(lambda: Session.connect(params)) if reconnect else None,
                  state="merged", config=CONFIG)
        result = IP.run(ctx)
        assert held(sim) == sorted(ALL)
        assert result["changed"] is True and not result.get("failed")
        if reconnect:
            assert len(result["after"]) >= 5 and ctx.warnings == []
        else:
            assert "after" not in result and "every change was applied" in ctx.warnings[0]


@pytest.mark.parametrize("kind,after", [("drop", 5), ("stall", 5), ("fatal", 6), ("garbage", 6)])
def test_menu_writes_cut_short_report_what_the_router_holds(tmp_path, kind, after):
    """The menu module's writes go through the same apply: a lost connection is read back over a new one."""
    from ansible_collections.tikops.routeros.plugins.modules import menu as M

    config = [dict(list="cut", address="198.51.100.%d" % i) for i in range(1, 6)]
    every = ["/ip/firewall/address-list/add list=cut address=198.51.100.%d" % i for i in range(1, 6)]
    with faulty(tmp_path, kind, after=after) as sim:
        params = ConnectionParams(sim.host, sim.port, timeout=2)
        ctx = Ctx(Session.connect(params), opener=lambda: Session.connect(params), path="/ip/firewall/address-list",
                  config=config, state="merged", keys=None, where=None, menus=None, update_secrets="on_create",
                  running_config=None)
        result = M.run(ctx)
        state = sim.save_state()
        truth = sorted("/ip/firewall/address-list/add list=cut address=%s" % e["address"]
                       for e in state["menus"].get("/ip/firewall/address-list", []) if e.get("list") == "cut")
        assert truth, "the fault should strike among the writes"
        assert result["failed"] is True
        assert "connection to the router was lost" in result["msg"]
        assert result["changed"] is True
        assert sorted(result["applied"]) == truth
        assert result["unknown"] == []
        assert sorted(result["applied"] + result["not_applied"]) == sorted(every)
        ctx.session.close()
