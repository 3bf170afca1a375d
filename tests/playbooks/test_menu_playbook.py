# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ansible-playbook runs of tikops.routeros.menu against a RouterOS 7 and a RouterOS 6 simulator: every state on
each kind of menu (list, ordered list, settings, fixed entries), second runs unchanged, check mode sends no write,
diff, gathered applied back changes nothing, a rename is a set, secrets never shown, bad input fails before any
write, several menus in one task in dependency order."""

import pytest

from support.playbook import run_playbook
from support.rosim import Simulator

M = "tikops.routeros.menu"
SECRET = "Pw-Very-Secret-42"
WRITES = ("add", "set", "remove", "unset", "move")


@pytest.fixture(scope="module", params=["7.16", "6.49.10"])
def sim(request):
    with Simulator(version=request.param, identity="pb-menu") as s:
        s.version = request.param
        yield s


def hosts(sim):
    return {"r1": {"ansible_host": sim.host, "ansible_port": sim.port}}


def writes(sim):
    return [e["words"] for e in sim.events("command") if e["words"][0].rsplit("/", 1)[-1] in WRITES]


def one(result, task):
    (got,) = result.results(task)
    return got["result"]


def status(result, task):
    (got,) = result.results(task)
    return got["status"]


RULES = [
    {"chain": "input", "action": "accept", "connection-state": "established,related", "comment": "ansible: est"},
    {"chain": "input", "action": "drop", "src_address_list": "blocklist", "comment": "ansible: block"},
    {"chain": "input", "action": "accept", "protocol": "tcp", "dst-port": 22, "comment": "ansible: ssh"},
]
SCOPE = {"comment": {"starts_with": "ansible:"}}
FILTER = "/ip/firewall/filter"


def test_every_state_on_every_kind(sim, tmp_path):
    v7 = sim.version.startswith("7")
    tasks = [
        # a list menu keyed by name: merged, again, rename, replaced, overridden, deleted
        {"name": "list merged", M: {"path": "/interface/list", "config": [{"name": "WAN", "comment": "uplink"},
                                                                          {"name": "LAN"}]}},
        {"name": "list merged again", M: {"path": "/interface/list", "config": [{"name": "WAN", "comment": "uplink"},
                                                                                {"name": "LAN"}]}},
        {"name": "list rename", M: {"path": "interface list", "config": [{"name": "INSIDE", "rename_from": "LAN"}]},
         "diff": True},
        {"name": "list rename again", M: {"path": "/interface/list", "config": [{"name": "INSIDE", "rename_from": "LAN"}]}},
        {"name": "list replaced", M: {"path": "/interface/list", "state": "replaced", "config": [{"name": "WAN"}]}},
        {"name": "list overridden", M: {"path": "/interface/list", "state": "overridden",
                                        "config": [{"name": "WAN"}, {"name": "DMZ"}]}},
        {"name": "list overridden again", M: {"path": "/interface/list", "state": "overridden",
                                              "config": [{"name": "WAN"}, {"name": "DMZ"}]}},
        {"name": "list deleted", M: {"path": "/interface/list", "state": "deleted", "config": [{"name": "DMZ"}]}},
        {"name": "list deleted again", M: {"path": "/interface/list", "state": "deleted", "config": [{"name": "DMZ"}]}},
        # an address list, one list of it in scope
        {"name": "addr other list", M: {"path": "/ip/firewall/address-list", "config": [
            {"list": "keep", "address": "203.0.113.1"}]}},
        {"name": "addr overridden", M: {"path": "/ip/firewall/address-list", "where": {"list": "blocklist"},
                                        "state": "overridden", "config": [{"address": "192.0.2.10"},
                                                                          {"address": "198.51.100.0/24"}]}},
        {"name": "addr overridden again", M: {"path": "/ip/firewall/address-list", "where": {"list": "blocklist"},
                                              "state": "overridden", "config": [{"address": "192.0.2.10/32"},
                                                                                {"address": "198.51.100.0/24"}]}},
        # an ordered list with no key, a slice of it in scope
        {"name": "rule outside scope", M: {"path": FILTER, "config": [
            {"chain": "forward", "action": "drop", "comment": "manual"}]}},
        {"name": "rules overridden", M: {"path": FILTER, "where": SCOPE, "state": "overridden", "config": RULES}},
        {"name": "rules overridden again", M: {"path": FILTER, "where": SCOPE, "state": "overridden", "config": RULES}},
        {"name": "rules reordered", M: {"path": FILTER, "where": SCOPE, "state": "overridden",
                                        "config": [RULES[2], RULES[0], RULES[1]]}, "diff": True},
        {"name": "rules changed in place", M: {"path": FILTER, "where": SCOPE, "state": "overridden",
                                               "config": [RULES[2], RULES[0], dict(RULES[1], action="reject")]}},
        {"name": "rules gathered", M: {"path": FILTER, "state": "gathered"}},
        {"name": "rules replaced", M: {"path": FILTER, "where": SCOPE, "state": "replaced", "keys": ["comment"], "config": [
            {"chain": "input", "action": "accept", "protocol": "tcp", "dst-port": 22, "comment": "ansible: ssh",
             "log": True}]}},
        # a settings menu
        {"name": "settings merged", M: {"path": "/ip/dns", "config": {"servers": "192.0.2.53",
                                                                      "allow_remote_requests": True}}},
        {"name": "settings merged again", M: {"path": "/ip/dns", "config": {"servers": "192.0.2.53",
                                                                            "allow-remote-requests": "yes"}}},
        {"name": "identity replaced", M: {"path": "/system/identity", "state": "replaced", "config": {"name": "edge1"}}},
        {"name": "identity deleted", M: {"path": "/system/identity", "state": "deleted"}},
        {"name": "identity gathered", M: {"path": "/system/identity", "state": "gathered"}},
        # fixed entries
        {"name": "fixed merged", M: {"path": "/ip/service", "config": [{"name": "www", "port": 8080},
                                                                       {"name": "telnet", "disabled": True}]}},
        {"name": "fixed merged again", M: {"path": "/ip/service", "config": [{"name": "www", "port": "8080"},
                                                                             {"name": "telnet", "disabled": "yes"}]}},
        {"name": "fixed overridden", M: {"path": "/ip/service", "where": {"name": ["www", "telnet", "ftp"]},
                                         "state": "overridden", "config": [{"name": "ftp", "disabled": True}]}},
        {"name": "fixed deleted", M: {"path": "/ip/service", "state": "deleted", "config": [{"name": "ftp"}]}},
        {"name": "fixed cannot add", M: {"path": "/ip/service", "config": [{"name": "gopher", "port": 70}]},
         "ignore_errors": True},
        # secrets
        {"name": "secret add", M: {"path": "/user", "config": [{"name": "ops", "group": "full", "password": SECRET}]},
         "diff": True},
        {"name": "secret again", M: {"path": "/user", "config": [{"name": "ops", "group": "full", "password": SECRET}]}},
        {"name": "secret always", M: {"path": "/user", "update_secrets": "always",
                                      "config": [{"name": "ops", "group": "full", "password": SECRET}]}},
        # rendered and parsed never connect
        {"name": "rendered", M: {"path": FILTER, "state": "rendered", "config": RULES[:1]}},
        {"name": "parsed", M: {"path": "/ip/firewall/address-list", "state": "parsed", "running_config":
                               "/ip firewall address-list\nadd list=x address=192.0.2.1 disabled=no\n"}},
        # several menus, one task, dependency order
        {"name": "baseline", M: {"menus": [
            {"path": FILTER, "where": {"comment": "base"}, "config": [
                {"chain": "forward", "in-interface-list": "UPLINKS", "action": "drop", "comment": "base"}]},
            {"path": "/interface/list/member", "config": [{"list": "UPLINKS", "interface": "ether1"}]},
            {"path": "/interface/list", "config": [{"name": "UPLINKS"}]},
            {"path": "/system/identity", "config": {"name": "edge2"}},
        ]}},
        {"name": "baseline again", M: {"menus": [
            {"path": FILTER, "where": {"comment": "base"}, "config": [
                {"chain": "forward", "in-interface-list": "UPLINKS", "action": "drop", "comment": "base"}]},
            {"path": "/interface/list/member", "config": [{"list": "UPLINKS", "interface": "ether1"}]},
            {"path": "/interface/list", "config": [{"name": "UPLINKS"}]},
            {"path": "/system/identity", "config": {"name": "edge2"}},
        ]}},
        # gather everything, apply it back: nothing to do
        {"name": "gather all", M: {"menus": [{"path": p, "state": "gathered"} for p in (
            FILTER, "/interface/list", "/interface/list/member", "/ip/firewall/address-list", "/ip/service",
            "/ip/dns", "/system/identity", "/user", "/user/group")]}, "register": "all"},
        {"name": "apply back", M: {"menus": [
            {"path": m, "state": "overridden", "config": "{{ all.menus[%d].gathered }}" % i} for i, m in enumerate((
                FILTER, "/interface/list", "/interface/list/member", "/ip/firewall/address-list", "/ip/service"))] + [
            {"path": m, "state": "replaced", "config": "{{ all.menus[%d].gathered }}" % i} for i, m in (
                (6, "/system/identity"),)] + [
            {"path": m, "state": "merged", "config": "{{ all.menus[%d].gathered }}" % i} for i, m in (
                (5, "/ip/dns"), (7, "/user"), (8, "/user/group"))]}},
        # bad input: fails before anything is written
        {"name": "bad path", M: {"path": "/ip/firewall/filtre", "config": []}, "ignore_errors": True},
        {"name": "bad field", M: {"path": FILTER, "config": [{"chain": "input", "actoin": "drop"}]},
         "ignore_errors": True},
        {"name": "two entries one key", M: {"path": "/interface/list", "config": [{"name": "A"}, {"name": "A"}]},
         "ignore_errors": True},
        {"name": "outside scope", M: {"path": "/ip/firewall/address-list", "where": {"list": "blocklist"},
                                      "config": [{"list": "other", "address": "192.0.2.99"}]}, "ignore_errors": True},
        {"name": "unknown reset", M: {"path": "/ip/dns", "state": "replaced", "config": {"servers": "192.0.2.53"}},
         "ignore_errors": True},
    ]
    if v7:
        tasks += [
            {"name": "bad word", M: {"path": "/routing/ospf/instance", "config": [
                {"name": "o1", "redistribute": "connected,bogus"}]}, "ignore_errors": True},
            {"name": "path of version 6", M: {"path": "/routing/ospf/network", "config": []}, "ignore_errors": True},
        ]
    result = run_playbook(tmp_path, tasks=tasks, hosts=hosts(sim), verbosity=3, args=["--diff"])
    assert result.rc == 0, result.stdout[-5000:] + result.stderr
    assert SECRET not in result.stdout and SECRET not in result.stderr

    assert one(result, "list merged")["changed"] is True
    assert one(result, "list merged again")["changed"] is False
    assert one(result, "list rename")["commands"] == ["/interface/list/set [find name=LAN] name=INSIDE"]
    assert one(result, "list rename again")["changed"] is False
    assert one(result, "list replaced")["commands"] == ['/interface/list/set [find name=WAN] comment=""']
    assert sorted(one(result, "list overridden")["commands"]) == [
        "/interface/list/add name=DMZ", "/interface/list/remove [find name=INSIDE]"]
    assert any(e["name"] == "all" and e.get("builtin") is True for e in one(result, "list overridden")["after"])
    assert one(result, "list overridden again")["changed"] is False
    assert one(result, "list deleted")["commands"] == ["/interface/list/remove [find name=DMZ]"]
    assert one(result, "list deleted again")["changed"] is False

    addr = one(result, "addr overridden")
    assert sorted(addr["commands"]) == ["/ip/firewall/address-list/add address=192.0.2.10 list=blocklist",
                                        "/ip/firewall/address-list/add address=198.51.100.0/24 list=blocklist"]
    assert all(e["list"] == "blocklist" for e in addr["after"])
    assert one(result, "addr overridden again")["changed"] is False

    over = one(result, "rules overridden")
    assert len(over["commands"]) == 3 and all(c.startswith("/ip/firewall/filter/add") for c in over["commands"])
    assert one(result, "rules overridden again")["changed"] is False
    moved = one(result, "rules reordered")
    assert len(moved["commands"]) == 1 and "/move " in moved["commands"][0]
    assert [e["comment"] for e in moved["after"]] == ["ansible: ssh", "ansible: est", "ansible: block"]
    inplace = one(result, "rules changed in place")["commands"]
    assert len(inplace) == 1 and "/ip/firewall/filter/set" in inplace[0] and "action=reject" in inplace[0]
    gathered = one(result, "rules gathered")["gathered"]
    assert [e["comment"] for e in gathered] == ["manual", "ansible: ssh", "ansible: est", "ansible: block"]
    replaced = one(result, "rules replaced")["commands"]
    assert replaced == ['/ip/firewall/filter/set [find comment="ansible: ssh"] log=yes']

    assert one(result, "settings merged")["commands"] == ["/ip/dns/set servers=192.0.2.53 allow-remote-requests=yes"]
    assert one(result, "settings merged again")["changed"] is False
    assert one(result, "identity replaced")["commands"] == ["/system/identity/set name=edge1"]
    assert one(result, "identity deleted")["commands"] == ["/system/identity/set name=MikroTik"]
    assert one(result, "identity gathered")["gathered"] == {"name": "MikroTik"}

    assert sorted(one(result, "fixed merged")["commands"]) == [
        "/ip/service/set [find name=telnet] disabled=yes", "/ip/service/set [find name=www] port=8080"]
    assert one(result, "fixed merged again")["changed"] is False
    assert sorted(one(result, "fixed overridden")["commands"]) == [
        "/ip/service/set [find name=ftp] disabled=yes", "/ip/service/set [find name=telnet] disabled=false",
        "/ip/service/set [find name=www] port=80"]
    assert one(result, "fixed deleted")["commands"] == ["/ip/service/set [find name=ftp] disabled=false"]
    assert status(result, "fixed cannot add") == "failed"
    assert "cannot be added" in one(result, "fixed cannot add")["msg"]

    added = one(result, "secret add")
    assert added["commands"] == ["/user/add name=ops group=full password=********"]
    assert "password=********" in added["diff"]["after"]
    assert one(result, "secret again")["changed"] is False
    assert one(result, "secret always")["commands"] == ["/user/set [find name=ops] password=********"]

    assert one(result, "rendered")["rendered"] == [
        '/ip/firewall/filter/add chain=input action=accept connection-state=established,related comment="ansible: est"']
    assert one(result, "parsed")["parsed"] == [{"list": "x", "address": "192.0.2.1", "disabled": False}]

    base = one(result, "baseline")
    assert base["commands"][:2] == ["/interface/list/add name=UPLINKS",
                                    "/interface/list/member/add list=UPLINKS interface=ether1"]
    assert "/system/identity/set name=edge2" in base["commands"]
    assert [c for c in base["commands"] if c.startswith("/ip/firewall/filter/add")] == [
        '/ip/firewall/filter/add chain=forward in-interface-list=UPLINKS action=drop comment=base']
    assert one(result, "baseline again")["changed"] is False
    back = one(result, "apply back")
    assert back["changed"] is False and back["commands"] == [], back["commands"]

    bad = one(result, "bad path")
    assert status(result, "bad path") == "failed" and "/ip/firewall/filtre" in bad["msg"]
    bad = one(result, "bad field")
    assert status(result, "bad field") == "failed"
    if v7:
        assert "actoin is not a writable field" in bad["msg"] and "did you mean action" in bad["msg"]
        assert "config[0]" in bad["msg"]
        word = one(result, "bad word")
        assert status(result, "bad word") == "failed" and "'bogus' is not one of" in word["msg"]
        v6path = one(result, "path of version 6")
        assert status(result, "path of version 6") == "failed" and "does not exist" in v6path["msg"]
    else:  # no tree on RouterOS 6: the router's own refusal is shown
        assert "unknown parameter" in str(bad.get("failed_commands")) or "actoin" in bad["msg"]
    assert "same key" in one(result, "two entries one key")["msg"]
    assert "outside the scope" in one(result, "outside scope")["msg"]
    assert "reset value is not known" in one(result, "unknown reset")["msg"]


def test_check_mode_sends_no_write(sim, tmp_path):
    tasks = [
        {"name": "check list", M: {"path": "/interface/list", "config": [{"name": "CHECKED"}]}},
        {"name": "check rules", M: {"path": FILTER, "where": {"comment": {"starts_with": "check:"}},
                                    "state": "overridden", "config": [{"chain": "input", "comment": "check: 1"}]}},
        {"name": "check settings", M: {"path": "/system/identity", "config": {"name": "checked"}}},
        {"name": "check delete all rules", M: {"path": FILTER, "state": "deleted"}},
    ]
    count = len(writes(sim))
    result = run_playbook(tmp_path, tasks=tasks, hosts=hosts(sim), args=["--check", "--diff"])
    assert result.rc == 0, result.stdout[-3000:] + result.stderr
    assert one(result, "check list")["commands"] == ["/interface/list/add name=CHECKED"]
    assert one(result, "check list")["changed"] is True and "after" not in one(result, "check list")
    assert "+  name=CHECKED" in result.stdout
    assert one(result, "check settings")["commands"] == ["/system/identity/set name=checked"]
    assert len(writes(sim)) == count  # not one write reached the router


def test_demo_baseline_in_one_task(tmp_path):
    """demo/playbooks/baseline.yml (RouterOS 7 menus): the whole baseline converges in one task, and a second run
    changes nothing."""
    from support.playbook import REPO
    with Simulator(version="7.16", identity="pb-baseline") as sim:
        _baseline(sim, tmp_path, REPO)


def _baseline(sim, tmp_path, repo):
    playbook = (repo / "demo" / "playbooks" / "baseline.yml").read_text()
    inventory = {"all": {"children": {"routers": {"hosts": hosts(sim)}}, "vars": {
        "ansible_connection": "tikops.routeros.api", "ansible_network_os": "tikops.routeros.routeros"}}}
    first = run_playbook(tmp_path, playbook=playbook, inventory=inventory, name="first")
    assert first.rc == 0, first.stdout[-3000:] + first.stderr
    (task,) = first.results("Baseline")
    assert task["result"]["changed"] is True
    cmds = task["result"]["commands"]
    assert cmds.index("/interface/bridge/add name=br-lan") < cmds.index(
        "/interface/bridge/port/add bridge=br-lan interface=ether2")
    assert cmds.index("/interface/list/add name=WAN") < cmds.index(
        '/ip/firewall/filter/add chain=input action=drop in-interface-list=WAN comment="base: drop wan"')
    second = run_playbook(tmp_path, playbook=playbook, inventory=inventory, name="second")
    assert second.rc == 0, second.stdout[-3000:] + second.stderr
    (task,) = second.results("Baseline")
    assert task["result"]["changed"] is False, task["result"]["commands"]
