# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fault sweeps through ansible-playbook: one router per (fault, N), where the router's first connection drops,
stalls, sends garbage or a !fatal after its Nth reply sentence, so that every kind of position of the conversation
(the login; in the middle and at the end of the first, the second and the last reply of the read, of the writes and
of the read after) is hit once; in the kept-session mode and the direct one. Two more faults: the router resets the connection instead of reply N+1
(it read and ran the command, then a TCP reset and no reply, if it can before the delayed ACK), and the router
restarts there (every connection ends, the configuration stays, new connections are refused for a second).

For every host: each write the task reports as taken effect is on the router, each one reported as not taken
effect (or never attempted) is not, none is left unknown (unless the router could not be read back because it was
restarting, and the task says so), nothing is applied twice, and the next task on the same host works (a stalled
connection is never used again; after a restart, once the router accepts connections again). The router's saved
state is the judge."""

import json

import pytest

from support.playbook import PYTHON, inventory_for, run_playbook
from support.dropproxy import DropProxy
from support.rosim import start_simulators

FAULTS = ("stall-after", "drop-after", "garbage-after", "fatal-after")
MORE_FAULTS = ("reset-after", "restart-after")
TIMEOUT = 2  # seconds: how long a stalled reply is waited for
RESTART_DOWN_MS = 1000  # how long a restarting router refuses connections

ADDRESSES = ["10.9.%d.1/24" % i for i in range(1, 6)]
IDENTITY = "swept"
DNS = "192.0.2.53"
MENUS = ([{"path": "/ip/address", "config": [{"address": a, "interface": "ether2", "comment": "sweep"}
                                             for a in ADDRESSES], "state": "merged"},
          {"path": "/system/identity", "config": {"name": IDENTITY}},
          {"path": "/ip/dns", "config": {"servers": DNS}}])


def held(state, command):
    """How many times the router's saved ``state`` holds what ``command`` (one of the task's writes, as the task
    shows it: ``/path/verb [find k=v ...] k=v ...``) wrote: the entries an add made, 1 when a set's values or a
    remove's absence are there, else 0."""
    words = command.split(" ")
    path, verb = words[0].rsplit("/", 1)
    find = dict(w.split("=", 1) for w in command.partition("[find ")[2].partition("]")[0].split())
    attrs = dict(w.split("=", 1) for w in command.rpartition("]")[2].split() if "=" in w) if find else dict(
        w.split("=", 1) for w in words[1:])
    rows = state["menus"].get(path) or []
    if isinstance(rows, dict):  # a settings menu
        assert verb == "set", command
        return int(all(rows.get(k) == v for k, v in attrs.items()))
    chosen = [r for r in rows if all(r.get(k) == v for k, v in find.items())]
    if verb == "add":
        return sum(1 for r in rows if all(r.get(k) == v for k, v in attrs.items()))
    if verb == "remove":
        return int(not chosen)
    if verb == "set":
        return int(any(all(r.get(k) == v for k, v in attrs.items()) for r in chosen))
    raise AssertionError("unexpected write %r" % command)


# a restarting router refuses connections for a while: the play waits until every restarted router accepts them
# again before the next tasks (as a play waits for a router it rebooted)
WAIT_FOR_PORTS = """
import socket, sys, time
deadline = time.monotonic() + 60
for where in sys.argv[1:]:
    host, port = where.rsplit(":", 1)
    while True:
        try:
            socket.create_connection((host, int(port)), timeout=5).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                sys.exit("%s still refuses connections" % where)
            time.sleep(0.05)
"""


def restarting(name):
    return name.startswith("restart-")


def covering(phases, persistent):
    """The positions for a "writes" task whose connection carries the replies of ``phases`` (the login, the reads, the
    writes, the read after; each a list of the number of sentences of each of its replies, in order): in each phase
    its first reply, its second and its last (a reply between those meets the code that the second one does: the
    middle of a pipelined run of replies), each after its first sentence and after its last one (a fault after a
    reply's second row meets the conversation where one after its first row does: in the middle of the same
    reply), so every kind of position is hit once; the last one, ``end`` (the sum), hits nothing in the direct mode
    (the next task opens its own connection), and in the kept-session mode it and ``end`` + 1 hit the next task (the
    same connection)."""
    positions = []
    end = 0
    for replies in phases:
        chosen = {0, 1, len(replies) - 1}
        for index, size in enumerate(replies):
            if index in chosen:
                positions += [end + 1, end + size] if size > 1 else [end + 1]
            end += size
    return positions + [end + 1] if persistent else positions


def sweep(tmp_path, persistent, faults, writes, report, phases, seed=None):
    """Run the task ``writes`` (named "writes"), then AFTER, on one router per fault and position (see
    :func:`covering`: the task's connection carries the replies of ``phases``). ``report(result)`` maps each write of
    the task to what the task says of it: "took", "did not" or "unknown" (every write it could have made when it
    made none). ``seed``: the routers' configuration to start from (menus as in a saved state). Every router but
    the one at ``end`` in the direct mode must meet its fault, and that one must not (so the positions cover the
    conversation and go no further). Returns the disagreements with the routers' saved states."""
    names = []
    routers = []
    late = []  # the routers whose fault meets the "after" task: the "again" task runs there
    positions = covering(phases, persistent)
    end = sum(sum(replies) for replies in phases)
    for n in positions:  # position by position: the stalled routers are spread over the run
        for fault in faults:
            name = "%s-%d" % (fault.split("-")[0], n)
            names.append(name)
            if persistent and n >= end:
                late.append(name)
            state = tmp_path / ("%s.yml" % name)
            if seed is not None:
                state.write_text(json.dumps(seed))
            routers.append({"name": name, "routeros-version": "7.16", "identity": "MikroTik", "state": str(state),
                            "faults": {fault: n, "fault-connections": [1], "restart-down-ms": RESTART_DOWN_MS}})
    with start_simulators({"routers": routers}) as group:
        hosts = dict((name, {"ansible_host": group[name].host, "ansible_port": group[name].port}) for name in names)
        inventory = inventory_for(hosts, group_vars={"ansible_routeros_timeout": TIMEOUT,
                                                     "ansible_routeros_persistent": persistent})

        def wait(among):
            back = ["%s:%d" % (group[name].host, group[name].port) for name in among if restarting(name)]
            return [{"name": "back", "run_once": True, "delegate_to": "localhost", "changed_when": False,
                     "vars": {"ansible_connection": "local"},
                     "ansible.builtin.command": {"argv": [PYTHON, "-c", WAIT_FOR_PORTS] + back}}] if back else []

        waits = wait(names) + wait(late)
        plays = [{"name": "writes", "hosts": "all", "gather_facts": False, "tasks": [writes] + wait(names) + AFTER[:1]}]
        if late:
            plays.append({"name": "again", "hosts": late, "gather_facts": False, "tasks": wait(late) + AFTER[1:]})
        result = run_playbook(tmp_path, plays=plays, inventory=inventory, forks=25)
        states = group.save_states()
        met = set(e["router"] for e in group.events("fault"))
    bad = []
    if [t["status"] for t in result.results("back")] != ["ok"] * len(waits):
        bad.append("the routers did not come back: %s" % [t["result"].get("msg") for t in result.results("back")])
    for name in names:
        n = int(name.rsplit("-", 1)[1])
        if (name in met) != (n < end or persistent):
            bad.append("%s: the fault was%s met: the conversation is not %d sentences long" % (
                name, "" if name in met else " not", end))
        steps = ("writes", "after", "again") if name in late else ("writes", "after")
        chain = [(result.results(t, host=name) or [None])[0] for t in steps]
        if None in chain:  # an UNREACHABLE host leaves the play
            bad.append("%s: no result for the task %s: %s" % (name, steps[chain.index(None)], [
                (t["task"], t["status"], t["result"].get("msg")) for t in result.results(host=name)]))
            continue
        task = chain[0]
        # a fault hits the task that meets it, never the task after that one (a stalled connection is not used again)
        first = next((i for i, t in enumerate(chain) if t["status"] != "ok"), len(chain))
        for follow in chain[first + 1:]:
            if follow["status"] != "ok":
                bad.append("%s: the task %r after it failed: %s" % (name, follow["task"], follow["result"].get("msg")))
        verdicts = report(task)
        # a write's outcome may stay unknown only when the router could not be read back: it was restarting
        msg = task["result"].get("msg") or ""
        unreadable = restarting(name) and ("reading the router back failed" in msg  # menu and resource modules
                                           or "back over a new connection failed" in msg)  # command
        for command, says in sorted(verdicts.items()):
            copies = held(states[name], command)
            if copies > 1:
                bad.append("%s: %s applied %d times" % (name, command, copies))
            actual = "took" if copies else "did not"
            if says != actual and not (says == "unknown" and unreadable):
                bad.append("%s (%s): %s reported %s, the router %s" % (
                    name, task["status"], command, says, "holds it" if copies else "does not"))
        changed = any(held(states[name], c) for c in verdicts)
        if unreadable:  # changed: what the router confirmed
            changed = bool(task["result"].get("applied"))
        if task["result"].get("changed") is not changed:
            bad.append("%s: changed=%s, the router %s" % (name, task["result"].get("changed"),
                                                          "changed" if changed else "did not change"))
    return bad


ALL_WRITES = ["/ip/address/add address=%s interface=ether2 comment=sweep" % a for a in ADDRESSES] + [
    "/system/identity/set name=%s" % IDENTITY, "/ip/dns/set servers=%s" % DNS]


def menu_report(task, all_writes=ALL_WRITES):
    """What a task of the menu module or of a resource module says of each of its writes (``all_writes``: the writes
    of its plan, for a task that failed before it planned)."""
    res = task["result"]
    commands = res.get("commands")
    if commands is None:  # it failed before planning: it wrote nothing
        return dict((c, "did not") for c in all_writes)
    if task["status"] == "ok":
        return dict((c, "took") for c in commands)
    out = dict((c, "did not") for c in commands)
    out.update((c, "took") for c in res.get("applied", []))
    out.update((c, "unknown") for c in res.get("unknown", []))
    return out


# the login 1; the read: /system/resource 1 row and !done, /ip/address 1 row (the dynamic one) and !done,
# /system/identity and /ip/dns 1 row and !done each; the 7 writes; the read after: the same with 6 addresses
MENUS_REPLIES = [[1], [2, 2, 2, 2], [1] * 7, [2, 7, 2, 2]]
# (a router restarting during the next task is unreachable for that task: it leaves the host in the play)
AFTER = [{"name": "after", "ignore_errors": True, "ignore_unreachable": True,
          "tikops.routeros.command": {"path": "/system/identity"}},
         {"name": "again", "tikops.routeros.command": {"path": "/system/identity"}}]


# The direct mode (a login per task) is swept with the command module below: what differs there is the connection,
# not the module (the configuring modules share the workflow's apply, verify and read-back).
@pytest.mark.parametrize("persistent", [True], ids=["kept-session"])
def test_menus_writes_at_every_position(tmp_path, persistent):
    writes = {"name": "writes", "tikops.routeros.menu": {"menus": MENUS}, "ignore_errors": True}
    bad = sweep(tmp_path, persistent, FAULTS + MORE_FAULTS, writes, menu_report, MENUS_REPLIES)
    assert bad == [], "\n".join(bad)


# The ip_addresses task: overridden, so a remove (10.8.1.1), three adds and a set (a comment where there was none);
# the router's dynamic DHCP address is left alone.
IP_SEED = {"menus": {"/ip/address": [{"address": "10.8.1.1/24", "interface": "ether2"},
                                     {"address": "10.8.2.1/24", "interface": "ether3"}],
                     "/ipv6/address": []}}
IP_CONFIG = [{"address": "10.8.2.1/24", "interface": "ether3", "comment": "swept"}] + [
    {"address": a, "interface": "ether2", "comment": "sweep"} for a in ADDRESSES[:3]]
IP_WRITES = (["/ip/address/remove [find address=10.8.1.1/24 interface=ether2]"] + [
    "/ip/address/add address=%s interface=ether2 comment=sweep network=%s" % (a, a.replace(".1/24", ".0"))
    for a in ADDRESSES[:3]] + ["/ip/address/set [find address=10.8.2.1/24 interface=ether3] comment=swept"])
# the login 1; the read: /ip/address 3 rows and !done, /ipv6/address !done, /interface 5 rows and !done; the 5 writes;
# the read after: /ip/address 5 rows and !done, /ipv6/address !done, /interface 5 rows and !done
IP_REPLIES = [[1], [4, 1, 6], [1] * 5, [6, 1, 6]]


# (the kept-session mode only: see the menu module's sweep)
@pytest.mark.parametrize("persistent", [True], ids=["kept-session"])
def test_ip_addresses_writes_at_every_position(tmp_path, persistent):
    writes = {"name": "writes", "ignore_errors": True, "tikops.routeros.ip_addresses": {
        "state": "overridden", "config": IP_CONFIG}}
    bad = sweep(tmp_path, persistent, FAULTS + MORE_FAULTS, writes, lambda task: menu_report(task, IP_WRITES), IP_REPLIES,
                seed=IP_SEED)
    assert bad == [], "\n".join(bad)


# The interfaces task: overridden, so a VLAN removed, a VLAN and a bridge added, a VLAN on that bridge added (in a
# second round trip: it needs the bridge) and a comment set on ether2.
IF_SEED = {"menus": {"/interface/vlan": [{"name": "vlan-old", "vlan-id": "99", "interface": "ether2"}]}}
IF_CONFIG = [{"name": "ether2", "comment": "swept"}, {"name": "br-sweep", "type": "bridge"},
             {"name": "vlan11", "type": "vlan", "vlan_id": 11, "interface": "ether3"},
             {"name": "vlan12", "type": "vlan", "vlan_id": 12, "interface": "br-sweep"}]
IF_WRITES = ["/interface/vlan/remove [find name=vlan-old]", "/interface/vlan/add name=vlan11 vlan-id=11 interface=ether3",
             "/interface/bridge/add name=br-sweep", "/interface/vlan/add name=vlan12 vlan-id=12 interface=br-sweep",
             "/interface/ethernet/set [find name=ether2] comment=swept"]
# the login 1; the read: /interface 6 rows and !done, /interface/ethernet 5 and !done, /interface/vlan 1 and !done,
# the bridges' and the bondings' !done; the 5 writes; the read after: 8 and !done, 5 and !done, 2 and !done, 1 and
# !done, !done
IF_REPLIES = [[1], [7, 6, 2, 1, 1], [1] * 5, [9, 6, 3, 2, 1]]


@pytest.mark.parametrize("persistent", [True], ids=["kept-session"])  # (see the ip_addresses sweep)
def test_interfaces_writes_at_every_position(tmp_path, persistent):
    writes = {"name": "writes", "ignore_errors": True, "tikops.routeros.interfaces": {
        "state": "overridden", "config": IF_CONFIG}}
    bad = sweep(tmp_path, persistent, FAULTS + MORE_FAULTS, writes, lambda task: menu_report(task, IF_WRITES), IF_REPLIES,
                seed=IF_SEED)
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
    writes = {"name": "writes", "ignore_errors": True, "tikops.routeros.command": {
        "path": "/ip/address", "command": "add",
        "attributes": {"address": ADDRESSES[0], "interface": "ether2", "comment": "sweep"}}}
    # the login 1, the add's !done 1
    bad = sweep(tmp_path, persistent, FAULTS + MORE_FAULTS, writes, command_report, [[1], [1]])
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
