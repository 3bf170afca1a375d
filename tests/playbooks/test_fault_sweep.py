# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fault sweeps through ansible-playbook: one router per (fault, N), where the router's first connection drops,
stalls, sends garbage or a !fatal after its Nth reply sentence, so that every position of the conversation (login,
read, each write's reply, the read after) is hit once; in the kept-session mode and the direct one.

For every host: each write the task reports as taken effect is on the router, each one reported as not taken
effect (or never attempted) is not, none is left unknown, nothing is applied twice, and the next task on the same
host works (a stalled connection is never used again). The router's saved state is the judge."""

import pytest

from support.playbook import inventory_for, run_playbook
from support.dropproxy import DropProxy
from support.rosim import start_simulators

FAULTS = ("stall-after", "drop-after", "garbage-after", "fatal-after")
TIMEOUT = 2  # seconds: how long a stalled reply is waited for

ADDRESSES = ["10.9.%d.1/24" % i for i in range(1, 6)]
IDENTITY = "swept"
DNS = "192.0.2.53"
MENUS = ([{"path": "/ip/address", "config": [{"address": a, "interface": "ether2", "comment": "sweep"}
                                             for a in ADDRESSES], "state": "merged"},
          {"path": "/system/identity", "config": {"name": IDENTITY}},
          {"path": "/ip/dns", "config": {"servers": DNS}}])


def held(state, command):
    """How many times the router's saved ``state`` holds what ``command`` (one of the task's writes) writes."""
    menus = state["menus"]
    if command.startswith("/ip/address/add"):
        address = [a for a in ADDRESSES if ("address=%s " % a) in command + " "][0]
        return sum(1 for e in menus.get("/ip/address", []) if e.get("address") == address)
    if command.startswith("/system/identity/set"):
        return int(menus["/system/identity"]["name"] == IDENTITY)
    if command.startswith("/ip/dns/set"):
        return int(menus["/ip/dns"].get("servers") == DNS)
    raise AssertionError("unexpected write %r" % command)


def sweep(tmp_path, persistent, faults, positions, tasks, report):
    """Run ``tasks`` (a "writes" task, then an "after" task) on one router per fault and position; ``report(result)``
    maps each write of the "writes" task to what the task says of it: "took", "did not" or "unknown" (every write
    it could have made when it made none). Returns the disagreements with the routers' saved states."""
    names = []
    routers = []
    for fault in faults:
        for n in positions:
            name = "%s-%d" % (fault.split("-")[0], n)
            names.append(name)
            routers.append({"name": name, "routeros-version": "7.16", "identity": "MikroTik",
                            "state": str(tmp_path / ("%s.yml" % name)),
                            "faults": {fault: n, "fault-connections": [1]}})
    with start_simulators({"routers": routers}) as group:
        hosts = dict((name, {"ansible_host": group[name].host, "ansible_port": group[name].port}) for name in names)
        inventory = inventory_for(hosts, group_vars={"ansible_routeros_timeout": TIMEOUT,
                                                     "ansible_routeros_persistent": persistent})
        result = run_playbook(tmp_path, tasks=tasks, inventory=inventory, forks=25)
        states = group.save_states()
    bad = []
    for name in names:
        task, = result.results("writes", host=name)
        after, = result.results("after", host=name)
        again, = result.results("again", host=name)
        # a fault hits the task that meets it, never the task after that one (a stalled connection is not used again)
        chain = [task, after, again]
        first = next((i for i, t in enumerate(chain) if t["status"] != "ok"), len(chain))
        for follow in chain[first + 1:]:
            if follow["status"] != "ok":
                bad.append("%s: the task %r after it failed: %s" % (name, follow["task"], follow["result"].get("msg")))
        verdicts = report(task)
        for command, says in sorted(verdicts.items()):
            copies = held(states[name], command)
            if copies > 1:
                bad.append("%s: %s applied %d times" % (name, command, copies))
            actual = "took" if copies else "did not"
            if says != actual:
                bad.append("%s (%s): %s reported %s, the router %s" % (
                    name, task["status"], command, says, "holds it" if copies else "does not"))
        changed = any(held(states[name], c) for c in verdicts)
        if task["result"].get("changed") is not changed:
            bad.append("%s: changed=%s, the router %s" % (name, task["result"].get("changed"),
                                                          "changed" if changed else "did not change"))
    return bad


ALL_WRITES = ["/ip/address/add address=%s interface=ether2 comment=sweep" % a for a in ADDRESSES] + [
    "/system/identity/set name=%s" % IDENTITY, "/ip/dns/set servers=%s" % DNS]


def menu_report(task):
    res = task["result"]
    commands = res.get("commands")
    if commands is None:  # it failed before planning: it wrote nothing
        return dict((c, "did not") for c in ALL_WRITES)
    if task["status"] == "ok":
        return dict((c, "took") for c in commands)
    out = dict((c, "did not") for c in commands)
    out.update((c, "took") for c in res.get("applied", []))
    out.update((c, "unknown") for c in res.get("unknown", []))
    return out


AFTER = [{"name": "after", "ignore_errors": True, "tikops.routeros.command": {"path": "/system/identity"}},
         {"name": "again", "tikops.routeros.command": {"path": "/system/identity"}}]


@pytest.mark.parametrize("persistent", [True, False], ids=["kept-session", "direct"])
def test_menus_writes_at_every_position(tmp_path, persistent):
    # login 1, the read, 7 writes, the read after: the last positions are past the end and change nothing
    tasks = [{"name": "writes", "tikops.routeros.menu": {"menus": MENUS}, "ignore_errors": True}] + AFTER
    bad = sweep(tmp_path, persistent, FAULTS, range(1, 33), tasks, menu_report)
    assert bad == [], "\n".join(bad)


def command_report(task):
    res = task["result"]
    write = "/ip/address/add address=%s interface=ether2 comment=sweep" % ADDRESSES[0]
    if task["status"] == "ok":
        return {write: "took"}
    outcome = res.get("outcome")
    if outcome is None:
        return {write: "did not"} if not res.get("sent") else {write: "unknown"}
    return {write: {"took effect": "took", "did not take effect": "did not"}.get(outcome, "unknown")}


@pytest.mark.parametrize("persistent", [True, False], ids=["kept-session", "direct"])
def test_command_add_at_every_position(tmp_path, persistent):
    tasks = [{"name": "writes", "ignore_errors": True, "tikops.routeros.command": {
        "path": "/ip/address", "command": "add",
        "attributes": {"address": ADDRESSES[0], "interface": "ether2", "comment": "sweep"}}}] + AFTER
    bad = sweep(tmp_path, persistent, FAULTS, range(1, 4), tasks, command_report)
    assert bad == [], "\n".join(bad)


LINK_DOWN = 6  # seconds the link stays down after the router reset the connection: longer than the read-back tries


@pytest.mark.parametrize("persistent", [True, False], ids=["kept-session", "direct"])
def test_writes_when_the_router_cannot_be_reached_for_the_read_back(tmp_path, persistent):
    """The router resets the connection in the middle of the writes and then cannot be reached for a while: the
    task fails (the host is not UNREACHABLE), says which writes the router confirmed (applied) and which are
    unknown, and changed is true when the router holds any."""
    # the login and the read take 9 sentences: the replies of the 7 writes are sentences 10 to 16
    positions = range(9, 16)
    add = {"path": "/ip/address", "command": "add", "attributes": {"address": "10.9.9.1/24", "interface": "ether3"}}
    tasks = [{"name": "writes", "tikops.routeros.menu": {"menus": MENUS}, "ignore_errors": True,
              "ignore_unreachable": True, "when": "inventory_hostname.startswith('d-')"},
             {"name": "command", "ignore_errors": True, "ignore_unreachable": True,
              "when": "inventory_hostname.startswith('c-')", "tikops.routeros.command": add}]
    routers = [{"name": "d-%d" % n, "routeros-version": "7.16", "state": str(tmp_path / ("d-%d.yml" % n)),
                "faults": {"drop-after": n, "fault-connections": [1]}} for n in positions]
    # the command task: its add's reply is the connection's second sentence
    routers += [{"name": "c-2", "routeros-version": "7.16", "state": str(tmp_path / "c-2.yml"),
                 "faults": {"drop-after": 1, "fault-connections": [1]}}]
    with start_simulators({"routers": routers}) as group:
        proxies = dict((r["name"], DropProxy((group[r["name"]].host, group[r["name"]].port), down_after_loss=LINK_DOWN))
                       for r in routers)
        try:
            hosts = dict((name, {"ansible_host": p.host, "ansible_port": p.port}) for name, p in proxies.items())
            inventory = inventory_for(hosts, group_vars={"ansible_routeros_timeout": TIMEOUT,
                                                         "ansible_routeros_persistent": persistent})
            result = run_playbook(tmp_path, tasks=tasks, inventory=inventory, forks=25)
            states = group.save_states()
        finally:
            for proxy in proxies.values():
                proxy.close()
    bad = []
    for name in proxies:
        task = [t for t in result.results("writes" if name.startswith("d-") else "command", host=name)
                if t["status"] != "skipped"][0]
        res = task["result"]
        if task["status"] != "failed" or res.get("unreachable"):
            bad.append("%s: %s (%s)" % (name, task["status"], res.get("msg")))
            continue
        if name.startswith("c-"):
            held_add = any(e.get("address") == "10.9.9.1/24" for e in states[name]["menus"].get("/ip/address", []))
            if res.get("outcome") != "unknown" or res.get("changed") is not False or not held_add:
                bad.append("%s: outcome %s, changed %s, router holds it: %s" % (
                    name, res.get("outcome"), res.get("changed"), held_add))
            if "reading /ip/address back over a new connection failed" not in res.get("msg", ""):
                bad.append("%s: %s" % (name, res.get("msg")))
            continue
        verdicts = menu_report(task)
        for command, says in sorted(verdicts.items()):
            holds = held(states[name], command)
            if says == "took" and not holds or says == "did not" and holds or holds > 1:
                bad.append("%s: %s reported %s, the router holds it %d times" % (name, command, says, holds))
        if res.get("changed") is not bool(res.get("applied")):
            bad.append("%s: changed=%s with applied %s" % (name, res.get("changed"), res.get("applied")))
        if not res.get("unknown"):
            bad.append("%s: nothing unknown although the router could not be read back: %s" % (name, res))
    assert bad == [], "\n".join(bad)
