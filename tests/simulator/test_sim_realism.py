# -*- coding: utf-8 -*-
"""What real routers print, where the simulator used to differ (each with its source)."""

from __future__ import annotations

import calendar
import time

import pytest
from rosim.defaults import build_time
from support.client import sim_params
from support.rosim import Simulator

from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session


@pytest.fixture(scope="module")
def routers():
    sims = [Simulator(version=v) for v in ("7.11.3", "7.12.1", "6.42.5")]
    sessions = {}
    try:
        for sim in sims:
            sessions[sim.version] = Session.connect(sim_params(sim, password=""))
        yield sessions
    finally:
        for s in sessions.values():
            s.close()
        for sim in sims:
            sim.stop()


def rows(session, path, **attrs):
    return session.call(path, "print", attributes=attrs).rows


def test_interface_counters_and_slave_only_when_true(routers):
    for s in routers.values():
        ifaces = rows(s, "/interface")
        for row in ifaces:
            # community.routeros api_facts fixtures and a 7.x capture (homeassistant-mikrotik_router issue 386)
            assert {"rx-byte", "tx-byte", "rx-packet", "tx-packet"} <= set(row)
            assert "slave" not in row
    s = routers["7.12.1"]
    s.call("/interface/bridge", "add", attributes={"name": "br-slave"})
    s.call("/interface/bridge/port", "add", attributes={"bridge": "br-slave", "interface": "ether5"})
    ether5 = [r for r in rows(s, "/interface") if r["name"] == "ether5"][0]
    assert ether5["slave"] == "true"


def test_ethernet_speed_and_full_duplex_by_version(routers):
    e711 = rows(routers["7.11.3"], "/interface/ethernet")[0]
    e712 = rows(routers["7.12.1"], "/interface/ethernet")[0]
    e6 = rows(routers["6.42.5"], "/interface/ethernet")[0]
    # full-duplex left in 7.12 (terraform-routeros issue 326); no speed while auto-negotiating on 7
    assert e711["full-duplex"] == "true" and "full-duplex" not in e712
    assert "speed" not in e711 and "speed" not in e712 and e6["speed"] == "1Gbps"


def test_version_strings_and_packages(routers):
    res6 = rows(routers["6.42.5"], "/system/resource")[0]
    res7 = rows(routers["7.12.1"], "/system/resource")[0]
    assert res6["version"] == "6.42.5 (stable)"  # routeros-cli-samples/system_resource_print
    assert "factory-software" not in res6 and "factory-software" in res7
    assert res6["build-time"] == "Jun/26/2018 12:12:08"  # the sample's package build-time


def test_build_times_follow_release_order():
    order = ["6.40", "6.41.3", "6.42.5", "6.43", "6.44.6", "6.45.9", "6.47.10", "6.48.6", "6.49.10", "6.49.17"]
    times = [build_time(v) for v in order]
    assert times == sorted(times) and len(set(times)) == len(times)
    order7 = ["7.1", "7.5", "7.10", "7.12.1", "7.15.3", "7.16", "7.16.2", "7.18", "7.20", "7.24"]
    times7 = [build_time(v) for v in order7]
    assert times7 == sorted(times7) and len(set(times7)) == len(times7)
    assert time.strftime("%Y-%m-%d", time.gmtime(build_time("7.16"))) == "2024-09-20"
    assert build_time("6.49.10") == calendar.timegm((2023, 9, 20, 10, 31, 3, 0, 0, 0))


def test_routeros6_routes(routers):
    routes = rows(routers["6.42.5"], "/ip/route")
    dhcp = [r for r in routes if r["dst-address"] == "0.0.0.0/0"]
    assert len(dhcp) == 1
    # community.routeros fixtures: static=true, no dhcp or connect key; vrf-interface; ids like *30000001
    assert dhcp[0]["static"] == "true" and dhcp[0]["dynamic"] == "true"
    assert "dhcp" not in dhcp[0] and "connect" not in dhcp[0] and dhcp[0]["vrf-interface"] == "ether1"
    assert all(int(r[".id"][1:], 16) > 0x30000000 for r in routes)
    connected = [r for r in routes if r.get("connect") == "true"]
    assert connected and all("target-scope" not in r for r in connected)  # the 6.x CLI sample
    ret = routers["6.42.5"].call("/ip/route", "add",
                                 attributes={"dst-address": "192.0.2.0/24", "gateway": "10.0.2.2"}).ret
    assert int(ret[1:], 16) < 0x100


def test_builtin_interface_lists(routers):
    for s in routers.values():
        lists = {r["name"]: r for r in rows(s, "/interface/list")}
        assert lists["all"]["comment"] == "contains all interfaces"
        assert lists["none"]["comment"] == "contains no interfaces"
        assert lists["dynamic"]["comment"] == "contains dynamic interfaces"
        assert lists["static"]["comment"] == "contains static interfaces"
        assert [lists[n][".id"] for n in ("all", "none", "dynamic", "static")] == [
            "*2000000", "*2000001", "*2000002", "*2000003"]
    ret = routers["7.12.1"].call("/interface/list", "add", attributes={"name": "LAN"}).ret
    assert ret == "*1"
