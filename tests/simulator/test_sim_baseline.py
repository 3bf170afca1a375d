# -*- coding: utf-8 -*-
"""The baseline menus behave like a router's: defaults, read-only fields, built-in entries,
references, uniqueness and move, on RouterOS 7 and 6."""

from __future__ import annotations

import pytest
from support.client import sim_params
from support.rosim import Simulator

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import TrapError
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session


@pytest.fixture(scope="module", params=["7.20.2", "6.49.10"])
def api(request):
    with Simulator(version=request.param) as sim:
        session = Session.connect(sim_params(sim, password=""))
        try:
            yield request.param.startswith("7"), session
        finally:
            session.close()


def call(session, path, command, **attrs):
    return session.call(path, command, attributes=attrs).rows


def trap(session, path, command, **attrs):
    with pytest.raises(TrapError) as err:
        session.call(path, command, attributes=attrs)
    return [t["message"] for t in err.value.traps]


def test_builtin_entries(api):
    v7, s = api
    logging = call(s, "/system/logging", "print")
    assert [(r["topics"], r["action"], r["default"]) for r in logging] == [
        ("info", "memory", "true"), ("error", "memory", "true"), ("warning", "memory", "true"),
        ("critical", "echo", "true")]
    actions = {r["name"]: r for r in call(s, "/system/logging/action", "print")}
    assert sorted(actions) == ["disk", "echo", "memory", "remote"]
    assert actions["memory"]["memory-lines"] == "1000" and actions["remote"]["remote-port"] == "514"
    community = call(s, "/snmp/community", "print")
    assert [(c["name"], c["addresses"], c["read-access"], c["write-access"]) for c in community] == [
        ("public", "::/0", "true", "false")]
    assert trap(s, "/snmp/community", "remove", numbers="public") == ["failure: can not remove builtin community"]
    assert {g["name"] for g in call(s, "/user/group", "print")} >= {"read", "write", "full"}


def test_settings_defaults(api):
    v7, s = api
    ntp = call(s, "/system/ntp/client", "print")[0]
    if v7:
        assert ntp == {"enabled": "false", "mode": "unicast", "servers": "", "vrf": "main", "status": "stopped",
                       "freq-drift": "0"}
    else:
        assert ntp["primary-ntp"] == "0.0.0.0" and "servers" not in ntp and ntp["enabled"] == "false"
    assert call(s, "/snmp", "print")[0]["trap-community"] == "public"
    assert call(s, "/tool/mac-server", "print")[0]["allowed-interface-list"] == "all"
    assert call(s, "/ip/neighbor/discovery-settings", "print")[0]["discover-interface-list"] == "static"
    call(s, "/ip/neighbor/discovery-settings", "set", **{"discover-interface-list": "none"})
    assert trap(s, "/ip/neighbor/discovery-settings", "set", **{"discover-interface-list": "nolist"}) == [
        "input does not match any value of discover-interface-list"]
    assert call(s, "/ip/ssh", "print")[0]["strong-crypto"] == "false"


def test_entry_defaults_and_read_only_fields(api):
    v7, s = api
    ret = s.call("/ip/dhcp-server", "add", attributes={"interface": "ether3"}).ret
    row = call(s, "/ip/dhcp-server", "print")[-1]
    assert row[".id"] == ret and row["name"] == "dhcp1" and row["address-pool"] == "static-only"
    assert row["lease-time"] == ("30m" if v7 else "10m") and row["dynamic"] == "false"
    assert trap(s, "/ip/dhcp-server", "add", interface="ether3", name="dhcp1") == [
        "failure: dhcp server with such name already exists"]
    assert trap(s, "/ip/dhcp-server", "add") == ["value of interface must be specified"]
    s.call("/ip/dhcp-server/network", "add", attributes={"address": "192.168.7.0/24", "gateway": "192.168.7.1"})
    assert trap(s, "/ip/dhcp-server/network", "add", address="192.168.7.0/24") == [
        "failure: already have such network"]
    s.call("/queue/simple", "add", attributes={"target": "192.168.7.0/24"})
    q = call(s, "/queue/simple", "print")[-1]
    assert q["name"] == "queue1" and q["max-limit"] == "0/0" and q["dynamic"] == "false"


def test_firewall_references_and_move(api):
    v7, s = api
    first = s.call("/ip/firewall/nat", "add", attributes={"chain": "srcnat", "action": "masquerade",
                                                          "out-interface-list": "!all"}).ret
    second = s.call("/ip/firewall/nat", "add", attributes={"chain": "dstnat", "in-interface": "ether1"}).ret
    rows = call(s, "/ip/firewall/nat", "print")
    assert [r[".id"] for r in rows] == [first, second]
    assert rows[1]["action"] == "accept" and rows[1]["bytes"] == "0" and rows[1]["log"] == "false"
    assert trap(s, "/ip/firewall/nat", "add", chain="srcnat", **{"out-interface": "nope"}) == [
        "input does not match any value of out-interface"]
    assert trap(s, "/ip/firewall/mangle", "add", chain="prerouting", **{"in-interface-list": "nolist"}) == [
        "input does not match any value of in-interface-list"]
    assert trap(s, "/ip/firewall/raw", "add", action="drop") == ["value of chain must be specified"]
    s.call("/ip/firewall/nat", "move", attributes={"numbers": second, "destination": first})
    assert [r[".id"] for r in call(s, "/ip/firewall/nat", "print")] == [second, first]


def test_bridge_vlans_refer_to_a_bridge(api):
    v7, s = api
    s.call("/interface/bridge", "add", attributes={"name": "brv"})
    s.call("/interface/bridge/vlan", "add", attributes={"bridge": "brv", "vlan-ids": "10", "tagged": "ether4"})
    assert trap(s, "/interface/bridge/vlan", "add", bridge="brv", **{"vlan-ids": "10"}) == [
        "failure: vlan already added"]
    assert trap(s, "/interface/bridge/vlan", "add", bridge="ether2", **{"vlan-ids": "11"}) == [
        "input does not match any value of bridge"]
    assert trap(s, "/interface/bridge/vlan", "add", bridge="brv", tagged="nope", **{"vlan-ids": "12"}) == [
        "input does not match any value of tagged"]


def test_wireguard_interfaces_and_peers(api):
    v7, s = api
    if not v7:
        assert trap(s, "/interface/wireguard", "print") == [
            "no such command or directory (wireguard)", "no such command prefix"]
        return
    ret = s.call("/interface/wireguard", "add", attributes={"listen-port": "51820"}).ret
    wg = call(s, "/interface/wireguard", "print")[0]
    # RouterOS 7 prints private-key (terraform-routeros reads it back as an attribute); public-key derives from it
    assert wg[".id"] == ret and wg["name"] == "wireguard1" and wg["mtu"] == "1420" and wg["listen-port"] == "51820"
    assert len(wg["private-key"]) == 44 and len(wg["public-key"]) == 44
    assert [r["type"] for r in call(s, "/interface", "print") if r["name"] == "wireguard1"] == ["wg"]
    s.call("/interface/wireguard/peers", "add", attributes={"interface": "wireguard1", "public-key": wg["public-key"],
                                                            "allowed-address": "10.0.0.2/32"})
    peer = call(s, "/interface/wireguard/peers", "print")[0]
    assert peer["interface"] == "wireguard1" and peer["endpoint-port"] == "0" and peer["rx"] == "0"
    assert trap(s, "/interface/wireguard/peers", "add", interface="wireguard1", **{"public-key": wg["public-key"]}) == [
        "failure: peer with such public key already exists"]
    # an address on the wireguard interface works like on any interface
    s.call("/ip/address", "add", attributes={"address": "10.0.0.1/24", "interface": "wireguard1"})


def test_state_file_with_tree_menus_round_trips():
    state = {"menus": {
        "/ip/firewall/nat": [{"chain": "srcnat", "action": "masquerade", "out-interface": "wireguard1"}],
        "/interface/wireguard": [{"name": "wireguard1", "listen-port": 51820}],
        "/ip/pool": [{"name": "lan", "ranges": "192.168.88.10-192.168.88.254"}],
        "/system/ntp/client": {"enabled": True, "servers": "pool.ntp.org"},
    }}
    with Simulator(version="7.20", state=state) as sim:
        session = Session.connect(sim_params(sim, password=""))
        try:
            assert call(session, "/ip/firewall/nat", "print")[0]["out-interface"] == "wireguard1"
            assert call(session, "/system/ntp/client", "print")[0]["enabled"] == "true"
            session.call("/ip/pool", "add", attributes={"name": "guest", "ranges": "10.1.0.10-10.1.0.99"})
        finally:
            session.close()
        saved = sim.save_state()["menus"]
    assert [p["name"] for p in saved["/ip/pool"]] == ["lan", "guest"]
    assert saved["/interface/wireguard"][0]["listen-port"] == "51820" and saved["/interface/wireguard"][0]["private-key"]
    assert saved["/system/ntp/client"]["servers"] == "pool.ntp.org"
    assert [c["name"] for c in saved["/snmp/community"]] == ["public"]
