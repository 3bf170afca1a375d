# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The tikops.routeros.vlans role, run by ansible-playbook against the simulator: add, again (no change), check
mode, replaced, deleted, and its argument spec refusing bad input."""

import pytest

from support.playbook import run_playbook
from support.rosim import Simulator

VLANS = [{"id": 10, "comment": "users", "addresses": ["10.1.10.1/24", "2001:db8:1:10::1/64"]},
         {"id": 20, "name": "servers", "interface": "ether3", "mtu": 1400, "addresses": ["10.1.20.1/24"]},
         {"id": 30}]


@pytest.fixture(scope="module")
def sim():
    with Simulator(version="7.16", identity="pb-role") as s:
        yield s


def hosts(sim):
    return {"r1": {"ansible_host": sim.host, "ansible_port": sim.port}}


def play(name, role_vars, check=False):
    out = {"name": name, "hosts": "all", "gather_facts": False,
           "roles": [{"role": "tikops.routeros.vlans", "vars": role_vars}]}
    if check:
        out["check_mode"] = True
        out["diff"] = True
    return out


def gathered_play():
    return {"name": "look", "hosts": "all", "gather_facts": False, "tasks": [
        {"name": "interfaces now", "tikops.routeros.interfaces": {"state": "gathered"}},
        {"name": "addresses now", "tikops.routeros.ip_addresses": {"state": "gathered"}}]}


def role_results(result, task):
    """Results of the role's task ``task`` (ansible names them ``tikops.routeros.vlans : <task>``), in run order."""
    return result.results("tikops.routeros.vlans : " + task)


def changed(result, task):
    return [r["result"].get("changed") for r in role_results(result, task)]


def test_vlans_role_converges_and_removes(sim, tmp_path):
    base = {"vlans_parent_interface": "ether2", "vlans_config": VLANS}
    plays = [
        play("check", base, check=True),
        gathered_play(),
        play("apply", base),
        play("again", base),
    ]
    result = run_playbook(tmp_path, plays=plays, hosts=hosts(sim), name="apply")
    assert result.rc == 0, result.stdout + result.stderr
    # check mode: the plan, but nothing written (the gathered state has no vlan10)
    assert changed(result, "VLAN interfaces")[:1] == [True]
    names = [e["name"] for e in result.results("interfaces now")[0]["result"]["gathered"]]
    assert "vlan10" not in names
    # check mode did not create the VLANs, so their addresses refer to interfaces the router does not have yet:
    # the plan is still shown, with a warning instead of a failure (a real run fails; see the ip_addresses tests)
    checked = role_results(result, "Addresses on the VLANs")[0]["result"]
    assert checked["changed"] is True and len(checked["commands"]) == 3
    assert any("interface 'vlan10' does not exist" in w and "check mode goes on" in w for w in checked["warnings"])
    # applied once, then nothing to do
    assert changed(result, "VLAN interfaces")[1:] == [True, False]
    assert changed(result, "Addresses on the VLANs")[1:] == [True, False]
    applied = role_results(result, "VLAN interfaces")[1]["result"]["commands"]
    assert "/interface/vlan/add name=vlan10 vlan-id=10 interface=ether2 comment=users" in applied
    assert "/interface/vlan/add name=servers vlan-id=20 interface=ether3 mtu=1400" in applied
    addresses = role_results(result, "Addresses on the VLANs")[1]["result"]["commands"]
    assert sorted(addresses) == sorted(["/ip/address/add address=10.1.10.1/24 interface=vlan10",
                                        "/ipv6/address/add address=2001:db8:1:10::1/64 interface=vlan10",
                                        "/ip/address/add address=10.1.20.1/24 interface=servers"])

    replaced = {"vlans_parent_interface": "ether2", "vlans_state": "replaced",
                "vlans_config": [{"id": 10, "addresses": ["10.1.10.1/24"]}]}
    deleted = {"vlans_state": "deleted", "vlans_config": VLANS}
    result = run_playbook(tmp_path, plays=[play("replaced", replaced), play("deleted", deleted), gathered_play()],
                          hosts=hosts(sim), name="remove")
    assert result.rc == 0, result.stdout + result.stderr
    assert role_results(result, "VLAN interfaces")[0]["result"]["commands"] == [
        '/interface/vlan/set [find name=vlan10] comment=""']
    removed = role_results(result, "Addresses on the VLANs")[1]["result"]["commands"]
    assert sorted(removed) == sorted(["/ip/address/remove [find address=10.1.10.1/24 interface=vlan10]",
                                      "/ipv6/address/remove [find address=2001:db8:1:10::1/64 interface=vlan10]",
                                      "/ip/address/remove [find address=10.1.20.1/24 interface=servers]"])
    gone = role_results(result, "VLAN interfaces removed")[-1]["result"]["commands"]
    assert sorted(gone) == sorted(["/interface/vlan/remove [find name=vlan10]",
                                   "/interface/vlan/remove [find name=servers]",
                                   "/interface/vlan/remove [find name=vlan30]"])
    names = [e["name"] for e in result.results("interfaces now")[0]["result"]["gathered"]]
    assert not {"vlan10", "servers", "vlan30"} & set(names)


def test_vlans_role_argument_spec_refuses_bad_input(sim, tmp_path):
    result = run_playbook(tmp_path, plays=[play("bad", {"vlans_config": [{"name": "no-id"}]})],
                          hosts=hosts(sim))
    assert result.rc != 0
    assert "id" in result.stdout and "required" in result.stdout
