# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ansible-playbook runs of tikops.routeros.ip_addresses (and interfaces, which it needs) against the simulator:
every state, check mode, --diff, idempotence, bad input."""

import pytest

from support.playbook import run_playbook
from support.rosim import Simulator


@pytest.fixture(scope="module")
def sim():
    with Simulator(version="7.16", identity="pb-addr") as s:
        yield s


def hosts(sim):
    return {"r1": {"ansible_host": sim.host, "ansible_port": sim.port}}


def one(result, task):
    (got,) = result.results(task)
    return got


A = "tikops.routeros.ip_addresses"
CONFIG = [{"address": "192.0.2.1/24", "interface": "vlan10", "comment": "users"},
          {"address": "2001:db8:10::1/64", "interface": "vlan10"},
          {"address": "198.51.100.2/30", "interface": "ether1"}]


def test_every_state_check_mode_diff_idempotence(sim, tmp_path):
    tasks = [
        {"name": "vlan", "tikops.routeros.interfaces": {"config": [
            {"name": "vlan10", "type": "vlan", "vlan_id": 10, "interface": "ether2"}]}},
        {"name": "merged", A: {"config": CONFIG}},
        {"name": "merged again", A: {"config": CONFIG}},
        {"name": "check mode", A: {"config": [{"address": "203.0.113.1/24", "interface": "ether3"}]},
         "check_mode": True, "diff": True},
        {"name": "gathered", A: {"state": "gathered"}},
        {"name": "replaced", A: {"state": "replaced", "config": [
            {"address": "192.0.2.1/24", "interface": "vlan10", "disabled": True}]}, "diff": True},
        {"name": "replaced again", A: {"state": "replaced", "config": [
            {"address": "192.0.2.1/24", "interface": "vlan10", "disabled": "yes"}]}},
        {"name": "overridden", A: {"state": "overridden", "config": [
            {"address": "192.0.2.1/24", "interface": "vlan10", "disabled": True},
            {"address": "198.51.100.2/30", "interface": "ether1"}]}},
        {"name": "overridden again", A: {"state": "overridden", "config": [
            {"address": "192.0.2.1/24", "interface": "vlan10", "disabled": True},
            {"address": "198.51.100.2/30", "interface": "ether1"}]}},
        {"name": "deleted", A: {"state": "deleted", "config": [{"interface": "vlan10"}]}},
        {"name": "deleted again", A: {"state": "deleted", "config": [{"interface": "vlan10"}]}},
        {"name": "rendered", A: {"state": "rendered", "config": CONFIG}},
        {"name": "parsed", A: {"state": "parsed",
                               "running_config": "/ip address\nadd address=10.1.1.1/24 interface=ether2\n"}},
        {"name": "bad address", A: {"config": [{"address": "10.1.1.300/24", "interface": "ether2"}]},
         "ignore_errors": True},
        {"name": "missing interface", A: {"config": [{"address": "10.1.1.1/24", "interface": "ether2"},
                                                     {"address": "10.1.2.1/24", "interface": "nosuch"}]},
         "ignore_errors": True},
        {"name": "after bad input", A: {"state": "gathered"}},
    ]
    result = run_playbook(tmp_path, tasks=tasks, hosts=hosts(sim))
    assert result.rc == 0, result.stdout + result.stderr

    merged = one(result, "merged")
    assert merged["result"]["changed"] is True and len(merged["result"]["commands"]) == 3
    assert {"address": "192.0.2.1/24", "interface": "vlan10", "comment": "users", "network": "192.0.2.0",
            "disabled": False} in merged["result"]["after"]
    again = one(result, "merged again")
    assert again["result"]["changed"] is False and again["result"]["commands"] == [] and "after" not in again["result"]

    checked = one(result, "check mode")
    assert checked["result"]["changed"] is True
    assert checked["result"]["commands"] == ["/ip/address/add address=203.0.113.1/24 interface=ether3"]
    assert "203.0.113.1/24" in checked["result"]["diff"]["after"]
    assert "+  address=203.0.113.1/24" in result.stdout  # the diff as users see it
    gathered = one(result, "gathered")["result"]["gathered"]
    assert not any(e["address"] == "203.0.113.1/24" for e in gathered)  # check mode wrote nothing
    assert any(e.get("dynamic") for e in gathered)

    replaced = one(result, "replaced")
    assert replaced["result"]["commands"] == [
        '/ip/address/set [find address=192.0.2.1/24 interface=vlan10] disabled=yes comment=""']
    assert "-  comment=users" in result.stdout
    assert one(result, "replaced again")["result"]["changed"] is False

    over = one(result, "overridden")
    assert over["result"]["commands"] == ["/ipv6/address/remove [find address=2001:db8:10::1/64 interface=vlan10]"]
    assert one(result, "overridden again")["result"]["changed"] is False

    deleted = one(result, "deleted")
    assert deleted["result"]["commands"] == ["/ip/address/remove [find address=192.0.2.1/24 interface=vlan10]"]
    assert one(result, "deleted again")["result"]["changed"] is False

    assert one(result, "rendered")["result"]["rendered"][0] == \
        "/ip/address/add address=192.0.2.1/24 interface=vlan10 comment=users"
    assert one(result, "parsed")["result"]["parsed"] == [
        {"address": "10.1.1.1/24", "interface": "ether2", "network": "10.1.1.0", "disabled": False}]

    bad = one(result, "bad address")
    assert bad["status"] == "failed" and "not an IPv4 or IPv6 address" in bad["result"]["msg"]
    missing = one(result, "missing interface")
    assert missing["status"] == "failed"
    assert "interface 'nosuch' does not exist on the router" in missing["result"]["msg"]
    after_bad = one(result, "after bad input")["result"]["gathered"]
    assert not any(e["address"] == "10.1.1.1/24" for e in after_bad)  # nothing was written


def test_module_defaults_with_connection_local(sim, tmp_path):
    from support.playbook import inventory_for
    inventory = inventory_for({"r1": {}}, connection="local")
    conn = {"hostname": sim.host, "port": sim.port}
    tasks = [{"name": "local merged", A: dict(conn, config=[{"address": "192.0.2.99/24", "interface": "ether4"}])},
             {"name": "local again", A: dict(conn, config=[{"address": "192.0.2.99/24", "interface": "ether4"}])},
             {"name": "local deleted", A: dict(conn, state="deleted", config=[{"address": "192.0.2.99/24"}])}]
    result = run_playbook(tmp_path, tasks=tasks, inventory=inventory)
    assert result.rc == 0, result.stdout + result.stderr
    assert [one(result, t)["result"]["changed"] for t in ("local merged", "local again", "local deleted")] == \
        [True, False, True]
