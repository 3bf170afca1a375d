# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ansible-playbook runs of tikops.routeros.interfaces against the simulator: every state, check mode, --diff,
idempotence, renames, a write that fails halfway."""

import pytest

from support.playbook import run_playbook
from support.rosim import Simulator

M = "tikops.routeros.interfaces"
CONFIG = [{"name": "bridge1", "type": "bridge", "vlan_filtering": True},
          {"name": "vlan10", "type": "vlan", "vlan_id": 10, "interface": "bridge1", "comment": "users"},
          {"name": "vlan20", "type": "vlan", "vlan_id": 20, "interface": "bridge1"},
          {"name": "wan", "default_name": "ether1", "comment": "uplink"}]


@pytest.fixture(scope="module")
def sim():
    with Simulator(version="7.16", identity="pb-if") as s:
        yield s


def hosts(sim):
    return {"r1": {"ansible_host": sim.host, "ansible_port": sim.port}}


def one(result, task):
    (got,) = result.results(task)
    return got["result"]


def test_states_renames_check_diff_idempotence(sim, tmp_path):
    tasks = [
        {"name": "check first", M: {"config": CONFIG}, "check_mode": True, "diff": True},
        {"name": "merged", M: {"config": CONFIG}, "diff": True},
        {"name": "merged again", M: {"config": CONFIG}},
        {"name": "rename", M: {"config": [{"name": "users", "rename_from": "vlan10"}]}},
        {"name": "rename again", M: {"config": [{"name": "users", "rename_from": "vlan10"}]}},
        {"name": "replaced", M: {"state": "replaced", "config": [
            {"name": "users", "type": "vlan", "vlan_id": 10, "interface": "bridge1", "mtu": 1400}]}},
        {"name": "replaced again", M: {"state": "replaced", "config": [
            {"name": "users", "type": "vlan", "vlan_id": 10, "interface": "bridge1", "mtu": "1400"}]}},
        {"name": "deleted", M: {"state": "deleted", "config": [{"name": "vlan20"}, {"name": "wan"}]}},
        {"name": "deleted again", M: {"state": "deleted", "config": [{"name": "vlan20"}, {"name": "wan"}]}},
        {"name": "gathered", M: {"state": "gathered"}},
        {"name": "overridden", M: {"state": "overridden", "config": "{{ gathered_ifaces | rejectattr('name', 'eq', 'users') }}"}},
        {"name": "overridden again", M: {"state": "overridden", "config": "{{ gathered_ifaces | rejectattr('name', 'eq', 'users') }}"}},
        {"name": "rendered", M: {"state": "rendered", "config": CONFIG}},
        {"name": "parsed", M: {"state": "parsed", "running_config": "/interface vlan\nadd interface=bridge1 name=v5 vlan-id=5\n"}},
    ]
    # the gathered list feeds the overridden tasks
    tasks[9]["register"] = "gathered_out"
    tasks.insert(10, {"name": "keep", "ansible.builtin.set_fact": {"gathered_ifaces": "{{ gathered_out.gathered }}"}})
    result = run_playbook(tmp_path, tasks=tasks, hosts=hosts(sim))
    assert result.rc == 0, result.stdout + result.stderr

    checked, merged = one(result, "check first"), one(result, "merged")
    assert checked["changed"] is True and "after" not in checked
    assert checked["commands"] == merged["commands"] == [
        "/interface/ethernet/set [find name=ether1] name=wan comment=uplink",
        "/interface/bridge/add name=bridge1 vlan-filtering=yes",
        "/interface/vlan/add name=vlan10 vlan-id=10 interface=bridge1 comment=users",
        "/interface/vlan/add name=vlan20 vlan-id=20 interface=bridge1"]
    assert checked["diff"] == merged["diff"]
    assert "-  name=ether1" in result.stdout and "+  name=wan" in result.stdout
    assert one(result, "merged again")["changed"] is False

    assert one(result, "rename")["commands"] == ["/interface/vlan/set [find name=vlan10] name=users"]
    assert one(result, "rename again")["changed"] is False

    assert one(result, "replaced")["commands"] == ['/interface/vlan/set [find name=users] mtu=1400 comment=""']
    assert one(result, "replaced again")["changed"] is False

    deleted = one(result, "deleted")
    assert deleted["commands"] == ["/interface/vlan/remove [find name=vlan20]",
                                   '/interface/ethernet/set [find name=wan] name=ether1 comment=""']
    assert one(result, "deleted again")["changed"] is False

    over = one(result, "overridden")
    assert over["commands"] == ["/interface/vlan/remove [find name=users]"]
    assert one(result, "overridden again")["changed"] is False

    assert one(result, "rendered")["rendered"][0] == "/interface/ethernet/set [find default-name=ether1] name=wan comment=uplink"
    assert one(result, "parsed")["parsed"] == [{"name": "v5", "type": "vlan", "interface": "bridge1", "vlan_id": 5}]


def test_a_write_that_fails_halfway(sim, tmp_path):
    tasks = [
        {"name": "half", M: {"config": [
            {"name": "lan", "default_name": "ether5"},
            {"name": "br-bad", "type": "bridge", "ageing_time": "bogus"},
            {"name": "v-bad", "type": "vlan", "vlan_id": 9, "interface": "br-bad"}]}, "ignore_errors": True},
        {"name": "look", M: {"state": "gathered"}},
    ]
    result = run_playbook(tmp_path, tasks=tasks, hosts=hosts(sim))
    assert result.rc == 0, result.stdout + result.stderr
    (task,) = result.results("half")
    assert task["status"] == "failed"
    half = task["result"]
    assert half["applied"] == ["/interface/ethernet/set [find name=ether5] name=lan"]
    assert half["failed_commands"][0]["command"] == "/interface/bridge/add name=br-bad ageing-time=bogus"
    assert half["failed_commands"][0]["error"]
    assert half["not_attempted"] == ["/interface/vlan/add name=v-bad vlan-id=9 interface=br-bad"]
    assert "1 applied, 1 not attempted" in half["msg"]
    names = [e["name"] for e in one(result, "look")["gathered"]]
    assert "lan" in names and "br-bad" not in names and "v-bad" not in names


BARE_WORDS = """
- hosts: all
  gather_facts: false
  tasks:
    - name: bare
      tikops.routeros.interfaces:
        config:
          - name: ether2
            tx_flow_control: on
            rx_flow_control: off
            loop_protect: on
            arp: no
          - name: vlan30
            type: vlan
            vlan_id: 30
            interface: ether2
            loop_protect: off
            arp: yes
    - name: bare again
      tikops.routeros.interfaces:
        config:
          - name: ether2
            tx_flow_control: on
            rx_flow_control: off
            loop_protect: on
            arp: no
          - name: vlan30
            loop_protect: off
    - name: back
      tikops.routeros.interfaces:
        config:
          - name: ether2
            tx_flow_control: off
            arp: enabled
    - name: bad word
      tikops.routeros.interfaces:
        config:
          - name: ether3
            comment: never written
          - name: ether2
            tx_flow_control: maybe
      ignore_errors: true
    - name: look
      tikops.routeros.interfaces:
        state: gathered
"""


def test_bare_yaml_on_off_words(tmp_path):
    with Simulator(version="7.16", identity="pb-words") as own:
        result = run_playbook(tmp_path, playbook=BARE_WORDS, hosts=hosts(own))
    assert result.rc == 0, result.stdout + result.stderr
    bare = one(result, "bare")
    assert bare["commands"] == [
        "/interface/vlan/add name=vlan30 vlan-id=30 interface=ether2 loop-protect=off arp=enabled",
        "/interface/ethernet/set [find name=ether2] tx-flow-control=on loop-protect=on arp=disabled"]
    assert one(result, "bare again")["changed"] is False
    assert one(result, "back")["commands"] == [
        "/interface/ethernet/set [find name=ether2] tx-flow-control=off arp=enabled"]
    (task,) = result.results("bad word")
    assert task["status"] == "failed"
    assert task["result"]["msg"] == (
        "config[1] (interface ether2): tx_flow_control is 'maybe', which is not one of: on, off, auto "
        "(or true/false, also written bare as on/off or yes/no, for on/off)")
    gathered = dict((e["name"], e) for e in one(result, "look")["gathered"])
    assert gathered["ether2"]["tx_flow_control"] == "off" and gathered["ether2"]["loop_protect"] == "on"
    assert gathered["ether2"]["rx_flow_control"] == "off" and gathered["ether2"]["arp"] == "enabled"
    assert gathered["vlan30"]["loop_protect"] == "off" and gathered["vlan30"]["arp"] == "enabled"
    assert "comment" not in gathered["ether3"]  # nothing of the refused task was written
