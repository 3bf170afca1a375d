# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Lock-out-proof changes (``safe: true``, ``tikops.routeros.safe_mode``) in real ansible-playbook runs against three
simulated routers at once: RouterOS 7.20 (safe mode), 7.16 and 6.49 (confirmed commit through /system/scheduler).

One playbook run covers check mode, a verified change that is kept, a failed check that is reverted, a lock-out on
purpose (a drop rule for the controller's address: the new login fails, the change is undone over the kept session),
the history limit, safe_split, the safe_mode module's take / release / unroll, and safe mode held by another user.
Another run is killed in the middle of a change: the routers revert by themselves. Every revert is checked by
reading the routers whole before and after."""

import glob
import json
import os
import re
import signal
import socket
import struct
import subprocess
import time

import pytest

from support.playbook import VENV_BIN, inventory_for, playbook_env, run_playbook, write_playbook
from support.rosim import start_simulators

from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session
from ansible_collections.tikops.routeros.plugins.module_utils.net.transport import SocketTransport

ROUTERS = {"r720": "7.20.8", "r716": "7.16.2", "r649": "6.49.10"}
OTHER_USER, OTHER_PASSWORD = "other", "0ther-pw"
HOSTILE = 'say "hi" $x [/system reboot] back\\slash\nsecond line'
# the menus a revert must put back exactly (order counts in the ordered filter menu only)
WATCHED = ("/ip/firewall/filter", "/ip/firewall/address-list", "/ip/dns", "/system/scheduler", "/ip/address")
ORDERED = ("/ip/firewall/filter",)
# what a router keeps of its own and a revert does not write: counters, and when an entry added back was made
NOT_RESTORED = ("bytes", "packets", "creation-time")
SAFE_CHECK_OK = [{"name": "identity", "path": "/system/identity"}]
SAFE_CHECK_FAILS = [{"name": "missing neighbour", "path": "/system/identity", "where": {"name": "no-such-router"}}]


@pytest.fixture(scope="module")
def group():
    # a session cut by a drop rule counts as gone after 2 s (a real router: its TCP timeout, 9 minutes)
    with start_simulators({"routers": [{"name": name, "routeros-version": version, "identity": name,
                                        "faults": {"safe-mode-timeout": 2}}
                                       for name, version in ROUTERS.items()]}) as sims:
        for name in ROUTERS:
            with connect(sims[name]) as s:
                s.call("/user", "add", attributes={"name": OTHER_USER, "group": "full", "password": OTHER_PASSWORD})
                for rule in ({"chain": "input", "action": "accept", "protocol": "udp", "dst-port": "161", "comment": HOSTILE},
                             {"chain": "input", "action": "accept", "protocol": "icmp", "comment": "icmp"},
                             {"chain": "forward", "action": "drop", "protocol": "udp", "dst-port": "9", "comment": "discard"}):
                    s.call("/ip/firewall/filter", "add", attributes=rule)
                s.call("/ip/firewall/address-list", "add",
                       attributes={"list": "keep", "address": "192.0.2.7", "comment": HOSTILE})
        yield sims


class connect:
    """The test's own session, from 127.0.0.2: another management host, which the controller's lock-out rules
    (src-address=127.0.0.1) do not refuse."""

    def __init__(self, router, username="admin", password=""):
        self.router = router
        self.username = username
        self.password = password

    def __enter__(self):
        sock = socket.create_connection((self.router.host, self.router.port), timeout=5, source_address=("127.0.0.2", 0))
        self.session = Session(SocketTransport(sock, "%s:%s" % (self.router.host, self.router.port)), "utf-8", 5)
        self.session.login(self.username, self.password)
        return self.session

    def __exit__(self, *exc):
        self.session.close()


def read_all(router):
    """The watched menus, without ids (an entry added back gets a new one); sorted where the order means nothing."""
    with connect(router) as s:
        out = {}
        for path in WATCHED:
            rows = [dict((k, v) for k, v in r.items() if not k.startswith(".") and k not in NOT_RESTORED)
                    for r in s.call(path, "print").rows]
            out[path] = rows if path in ORDERED else sorted(rows, key=lambda r: sorted(r.items()))
        return out


def safe_mode_row(router):
    with connect(router) as s:
        rows = s.call("/safe-mode", "print").rows
        return dict(rows[0]) if rows else {}


def inventory(group):
    hosts = dict((name, {"ansible_host": group[name].host, "ansible_port": group[name].port}) for name in ROUTERS)
    return inventory_for(hosts, group_vars={"ansible_password": ""})


def by_host(result, task):
    return dict((r["host"], r) for r in result.results(task))


M = "tikops.routeros.menu"
ONLY_720 = "inventory_hostname == 'r720'"


def tasks(group):
    r720 = group["r720"]
    # new connections from the controller dropped: its open session goes on (as behind an accept-established rule)
    lockout_rule = {"chain": "input", "action": "drop", "src-address": "127.0.0.1", "connection-state": "new",
                    "comment": "locks us out"}
    # every packet from the controller dropped: its open session is cut too
    cut_rule = {"chain": "input", "action": "drop", "src-address": "127.0.0.1", "comment": "cuts us off"}
    quick = {"ansible_routeros_timeout": 2}  # the new login waits for a router that never answers
    return [
        {"name": "check mode", M: {"path": "/ip/firewall/address-list", "config": [{"list": "cm", "address": "192.0.2.50"}],
                                   "safe": True}, "check_mode": True},
        {"name": "kept", M: {"path": "/ip/firewall/address-list", "config": [{"list": "ok", "address": "192.0.2.51"}],
                             "safe": True, "safe_checks": SAFE_CHECK_OK}},
        # no kept session (a login of the task's own): the new login still knows where to go
        {"name": "direct", "vars": {"ansible_routeros_persistent": False}, M: {
            "path": "/ip/firewall/address-list", "config": [{"list": "ok", "address": "192.0.2.52"}], "safe": True,
            "safe_checks": SAFE_CHECK_OK}},
        {"name": "failed check", "ignore_errors": True, M: {
            "safe": True, "safe_checks": SAFE_CHECK_FAILS, "menus": [
                # a rule added, one removed, one moved, one changed; an address list entry removed; DNS set
                {"path": "/ip/firewall/filter", "where": {"chain": "input"}, "state": "overridden", "config": [
                    {"action": "accept", "protocol": "icmp", "comment": "icmp changed"},
                    {"action": "accept", "protocol": "udp", "dst-port": "161", "comment": HOSTILE},
                    {"action": "drop", "protocol": "tcp", "dst-port": "23", "comment": "telnet " + HOSTILE}]},
                {"path": "/ip/firewall/address-list", "where": {"list": "keep"}, "state": "overridden", "config": []},
                {"path": "/ip/dns", "config": {"servers": "192.0.2.53", "allow-remote-requests": True}}]}},
        {"name": "address reverted", "ignore_errors": True, "tikops.routeros.ip_addresses": {
            "config": [{"address": "198.51.100.9/24", "interface": "ether3", "comment": HOSTILE}], "safe": True,
            "safe_checks": SAFE_CHECK_FAILS}},
        {"name": "interface kept", "tikops.routeros.interfaces": {
            "config": [{"name": "ether4", "comment": "safe " + HOSTILE}], "safe": True, "safe_checks": SAFE_CHECK_OK}},
        {"name": "lock-out", "ignore_errors": True, "vars": quick, M: {
            "path": "/ip/firewall/filter", "config": [lockout_rule], "safe": True, "confirm_timeout": 600}},
        {"name": "history limit", "when": ONLY_720, "ignore_errors": True, M: {
            "path": "/ip/firewall/address-list", "safe": True,
            "config": [{"list": "big", "address": "10.1.0.%d" % i} for i in range(101)]}},
        {"name": "split", "when": ONLY_720, M: {
            "path": "/ip/firewall/address-list", "safe": True, "safe_split": True,
            "config": [{"list": "big", "address": "10.1.0.%d" % i} for i in range(101)]}},
        {"name": "release without safe mode", "when": "inventory_hostname != 'r720'",
         "tikops.routeros.safe_mode": {"state": "released"}},
        {"name": "take without safe mode", "when": "inventory_hostname != 'r720'", "ignore_errors": True,
         "tikops.routeros.safe_mode": {"state": "taken"}},
        {"name": "take", "when": ONLY_720, "tikops.routeros.safe_mode": {"state": "taken"}},
        {"name": "take again", "when": ONLY_720, "tikops.routeros.safe_mode": {"state": "taken"}},
        {"name": "under safe mode", "when": ONLY_720, M: {"path": "/system/identity", "config": {"name": "renamed"}}},
        {"name": "release", "when": ONLY_720, "tikops.routeros.safe_mode": {"state": "released", "checks": SAFE_CHECK_OK}},
        {"name": "take 2", "when": ONLY_720, "tikops.routeros.safe_mode": {"state": "taken"}},
        {"name": "under safe mode 2", "when": ONLY_720, M: {"path": "/ip/dns", "config": {"servers": "198.51.100.53"}}},
        {"name": "unroll", "when": ONLY_720, "tikops.routeros.safe_mode": {"state": "unrolled"}},
        {"name": "take 3", "when": ONLY_720, "tikops.routeros.safe_mode": {"state": "taken"}},
        {"name": "under safe mode 3", "when": ONLY_720, M: {"path": "/ip/dns", "config": {"servers": "198.51.100.54"}}},
        {"name": "release fails its check", "when": ONLY_720, "ignore_errors": True,
         "tikops.routeros.safe_mode": {"state": "released", "checks": SAFE_CHECK_FAILS}},
        # another user's session holds safe mode: a safe task of ours fails before writing, naming that user
        {"name": "other takes", "when": ONLY_720, "tikops.routeros.safe_mode": {
            "state": "taken", "hostname": r720.host, "port": r720.port, "username": OTHER_USER,
            "password": OTHER_PASSWORD}},
        {"name": "hijack", "when": ONLY_720, "ignore_errors": True, M: {
            "path": "/ip/firewall/address-list", "config": [{"list": "hijack", "address": "192.0.2.99"}], "safe": True}},
        {"name": "module hijack", "when": ONLY_720, "ignore_errors": True, "tikops.routeros.safe_mode": {"state": "taken"}},
        {"name": "held: confirmed commit", "when": ONLY_720, M: {
            "path": "/ip/firewall/address-list", "config": [{"list": "hijack", "address": "192.0.2.98"}], "safe": True,
            "safe_when_held": "confirmed_commit"}},
        {"name": "other releases", "when": ONLY_720, "tikops.routeros.safe_mode": {
            "state": "released", "verify": False, "hostname": r720.host, "port": r720.port, "username": OTHER_USER,
            "password": OTHER_PASSWORD}},
        # last: the routers on a confirmed commit stay locked out until their scheduler entry runs
        {"name": "cut off", "ignore_errors": True, "vars": quick, M: {
            "path": "/ip/firewall/filter", "config": [cut_rule], "safe": True, "confirm_timeout": 600}},
    ]


def test_kept_reverted_locked_out_limited_and_held(group, tmp_path):
    before = dict((name, read_all(group[name])) for name in ROUTERS)
    result = run_playbook(tmp_path, inventory=inventory(group), tasks=tasks(group), forks=3)
    assert result.rc == 0, result.stdout + result.stderr
    want_method = {"r720": "safe-mode", "r716": "confirmed-commit", "r649": "confirmed-commit"}

    for host, got in by_host(result, "check mode").items():  # check mode takes nothing, adds no scheduler entry
        assert got["result"]["changed"] is True and "safe" not in got["result"], (host, got)

    for host, got in by_host(result, "kept").items():
        safe = got["result"]["safe"]
        assert got["status"] == "ok" and got["result"]["changed"] is True, (host, got)
        assert (safe["method"], safe["verified"], safe["reverted"], safe["login"]["ok"]) == (
            want_method[host], True, False, True), (host, safe)
        assert safe["checks"] == [{"name": "identity", "passed": True, "count": 1, "expect": "present"}]
        if host != "r720":
            assert safe["scheduler"].startswith("tikops-confirm-") and safe["confirmed"] is True
            # the script undid the added entry by its id once the router had given it
            assert re.match(r"^/ip firewall address-list remove numbers=\*[0-9A-F]+$", safe["inverse"][0]), safe
    for host, got in by_host(result, "direct").items():
        safe = got["result"]["safe"]
        assert got["status"] == "ok" and got["result"]["changed"] is True, (host, got)
        assert (safe["method"], safe["verified"], safe["login"]["ok"]) == (want_method[host], True, True), (host, safe)

    for host, got in by_host(result, "failed check").items():
        res = got["result"]
        assert got["status"] == "failed" and res["safe"]["reverted"] is True, (host, res)
        assert "missing neighbour" in res["msg"] and "reverted" in res["msg"]
        assert res["safe"]["revert"] == ("unrolled" if host == "r720" else "reverted now"), res["safe"]

    for host, got in by_host(result, "lock-out").items():  # undone at once over the open session
        res = got["result"]
        assert got["status"] == "failed" and res["safe"]["reverted"] is True, (host, res)
        assert res["safe"]["login"]["ok"] is False, res["safe"]
        assert "new login" in res["msg"]
        assert res["safe"]["revert"] == ("unrolled" if host == "r720" else "reverted now"), res["safe"]
    for host, got in by_host(result, "cut off").items():  # undone by the router itself
        res = got["result"]
        assert got["status"] == "failed" and res["safe"]["reverted"] is True, (host, res)
        assert res["safe"]["revert"].startswith("the router undoes" if host == "r720" else "the scheduler entry"), res

    for host, got in by_host(result, "address reverted").items():
        assert got["status"] == "failed" and got["result"]["safe"]["reverted"] is True, (host, got)
    for host, got in by_host(result, "interface kept").items():
        assert got["result"]["changed"] and got["result"]["safe"]["verified"] is True, (host, got)

    limit = by_host(result, "history limit")["r720"]
    assert limit["status"] == "failed" and "101" in limit["result"]["msg"] and "100" in limit["result"]["msg"], limit
    split = by_host(result, "split")["r720"]["result"]
    assert (split["safe"]["parts"], split["safe"]["parts_released"], split["safe"]["verified"]) == (2, 2, True), split

    for host in ("r716", "r649"):
        released = by_host(result, "release without safe mode")[host]
        assert released["status"] == "ok" and released["result"]["changed"] is False, released
        refused = by_host(result, "take without safe mode")[host]
        assert refused["status"] == "failed" and "has no safe mode" in refused["result"]["msg"], refused
    take, again = by_host(result, "take")["r720"], by_host(result, "take again")["r720"]
    assert (take["result"]["changed"], again["result"]["changed"]) == (True, False)
    assert by_host(result, "release")["r720"]["result"]["checks"][0]["passed"] is True
    assert by_host(result, "unroll")["r720"]["result"]["reverted"] is True
    refused = by_host(result, "release fails its check")["r720"]
    assert refused["status"] == "failed" and refused["result"]["reverted"] is True, refused
    for name in ("hijack", "module hijack"):
        held = by_host(result, name)["r720"]
        assert held["status"] == "failed" and "another session" in held["result"]["msg"], held
        assert OTHER_USER in held["result"]["msg"], held
    fallback = by_host(result, "held: confirmed commit")["r720"]["result"]["safe"]
    assert fallback["method"] == "confirmed-commit" and fallback["verified"] and OTHER_USER in fallback["safe_mode_held"]

    for name in ("r716", "r649"):  # their confirmed commits' time comes
        with connect(group[name]) as s:
            s.call("/rosim/clock", attributes={"advance": "11m"})
    for name in ROUTERS:
        wait_for("%s to be back on its old rules" % name, lambda: not [
            r for r in read_all(group[name])["/ip/firewall/filter"] if r.get("comment") == "cuts us off"], 30)
    for name in ROUTERS:
        after = read_all(group[name])
        want = before[name]
        # what stays: the kept address list entry (and the split's 101 on r720), the identity the released safe mode
        # kept; everything the reverted tasks did is gone, the hostile comments included, and no scheduler entry
        # is left behind
        kept = [r for r in after["/ip/firewall/address-list"] if r["list"] in ("ok", "big", "hijack")]
        assert len(kept) == (104 if name == "r720" else 2), (name, kept)
        after["/ip/firewall/address-list"] = [r for r in after["/ip/firewall/address-list"] if r not in kept]
        assert after == want, name
    assert safe_mode_row(group["r720"]).get("taken") == "false"
    for name in ROUTERS:
        with connect(group[name]) as s:
            (port,) = [r for r in s.call("/interface/ethernet", "print").rows if r["name"] == "ether4"]
            assert port.get("comment") == "safe " + HOSTILE
            s.call("/interface/ethernet", "unset", attributes={"numbers": port[".id"], "value-name": "comment"})
    with connect(group["r720"]) as s:
        assert s.call("/system/identity", "print").rows[0]["name"] == "renamed"
        s.call("/system/identity", "set", attributes={"name": "r720"})
        for row in s.call("/ip/firewall/address-list", "print").rows:
            if row["list"] in ("big", "hijack"):
                s.call("/ip/firewall/address-list", "remove", attributes={".id": row[".id"]})


# -- the controller dies in the middle of a change ------------------------------------------------------------


def start_playbook(workdir, inventory_, plays):
    run_dir = workdir / "killed"
    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / "inventory.json").write_text(json.dumps(inventory_))
    write_playbook(run_dir / "playbook.yml", None, plays=plays)
    env = playbook_env(run_dir, workdir / "broker")
    env["TIKOPS_TEST_RESULTS"] = str(run_dir / "results.jsonl")
    return subprocess.Popen([str(VENV_BIN / "ansible-playbook"), "-i", str(run_dir / "inventory.json"),
                             str(run_dir / "playbook.yml")], cwd=str(run_dir), env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)


def wait_for(what, predicate, limit=60.0):
    deadline = time.monotonic() + limit
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("waited %.0fs for %s" % (limit, what))
        time.sleep(0.05)


def test_the_routers_revert_by_themselves_when_the_controller_dies(group, tmp_path):
    """r720 holds safe mode over the kept session (safe_mode module, then a change, then a pause); r716 and r649 run
    a safe task whose new login the simulator holds unanswered (new connections stall), so that the change can be
    neither confirmed nor undone by the task: ansible-playbook and its broker are killed once the writes have landed
    and that login is held, as a crash of the controller would. Safe mode is undone when the router loses the
    session, the confirmed commit when the router's clock (moved on by the test) reaches the scheduler entry's time.
    Nothing waits on a latency: the kill comes at a known point."""
    before = dict((name, read_all(group[name])) for name in ROUTERS)
    marker = {"list": "dies", "address": "192.0.2.66", "comment": HOSTILE}
    go = tmp_path / "go"
    others = "inventory_hostname != 'r720'"
    plays = [{"hosts": "all", "gather_facts": False, "tasks": [
        {"when": ONLY_720, "tikops.routeros.safe_mode": {"state": "taken"}},
        {"when": ONLY_720, M: {"path": "/ip/firewall/address-list", "config": [marker]}},
        {"when": others, "tikops.routeros.command": {"path": "/system/identity"}},  # the kept session is open
        {"when": others, "ansible.builtin.wait_for": {"path": str(go), "timeout": 60}, "delegate_to": "localhost"},
        # the held login would give up after its timeout and the task would revert by itself: not before the kill
        {"when": others, "vars": {"ansible_routeros_timeout": 600}, M: {
            "path": "/ip/firewall/address-list", "safe": True, "confirm_timeout": 30, "config": [marker]}},
        {"ansible.builtin.pause": {"seconds": 120}}]}]
    since = dict((name, len(group[name].events())) for name in ROUTERS)

    def new(name, event):
        return [e for e in group[name].events()[since[name]:] if e["event"] == event]

    watchers = {}
    try:
        for name in ROUTERS:
            watchers[name] = connect(group[name]).__enter__()
        proc = start_playbook(tmp_path, inventory(group), plays)
        try:
            for name in ("r716", "r649"):
                wait_for("%s's kept session" % name, lambda: any(
                    e["words"][0] == "/system/identity/print" for e in new(name, "command")))
                # from now on, new connections (the task's new login) get no answer at all
                watchers[name].call("/rosim/fault", attributes={"stall-after": "0"})
            go.write_text("go")
            wait_for("r720's change", lambda: any(
                r.get("list") == "dies" for r in watchers["r720"].call("/ip/firewall/address-list", "print").rows))
            for name in ("r716", "r649"):  # the writes are done and the new login is held: the task waits on it
                wait_for("%s's new login to be held" % name, lambda: any(
                    e.get("kind") == "stall" for e in new(name, "fault")))
                assert any(r.get("list") == "dies" for r in watchers[name].call("/ip/firewall/address-list", "print").rows)
                assert any(r.get("name", "").startswith("tikops-confirm-")
                           for r in watchers[name].call("/system/scheduler", "print").rows)
        finally:
            kill_controller(proc, tmp_path / "broker")
        for name in ("r716", "r649"):
            watchers[name].call("/rosim/fault", attributes={"stall-after": ""})
            watchers[name].call("/rosim/clock", attributes={"advance": "45s"})  # past confirm_timeout: no waiting
    finally:
        for s in watchers.values():
            s.close()
    for name in ROUTERS:
        wait_for("%s to revert by itself" % name, lambda: read_all(group[name]) == before[name], 30)
    for name in ("r716", "r649"):  # it was the scheduler entry's script that reverted them
        with connect(group[name]) as s:
            assert any("change not confirmed, reverting" in r.get("message", "") for r in s.call("/log", "print").rows)


def descendants(pid):
    """Every process below ``pid`` (ansible-playbook's workers each start a session of their own)."""
    children = {}
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            with open(stat) as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.split("/")[2]))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), ()):
            out.append(child)
            todo.append(child)
    return out


def kill_controller(proc, broker_dir):
    """SIGKILL ansible-playbook, its workers and the session broker it started, as a crash of the controller would."""
    brokers = []
    for path in glob.glob(os.path.join(str(broker_dir), "**", "b-*.sock"), recursive=True):
        sock = socket.socket(socket.AF_UNIX)
        try:
            sock.connect(path)
            brokers.append(struct.unpack("3i", sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12))[0])
        except OSError:
            pass
        finally:
            sock.close()
    for pid in [proc.pid] + descendants(proc.pid) + brokers:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    proc.wait(30)
    proc.stdout.close()
    assert brokers, "no session broker was found to kill"


def test_safe_mode_is_undone_when_only_the_playbook_dies(group, tmp_path):
    """ansible-playbook is killed while safe mode is held; its broker lives on and closes the kept session once it
    sees the playbook gone. The changes made under safe mode must be undone."""
    before = read_all(group["r720"])
    plays = [{"hosts": "r720", "gather_facts": False, "tasks": [
        {"tikops.routeros.safe_mode": {"state": "taken"}},
        {M: {"path": "/ip/firewall/address-list", "config": [{"list": "orphan", "address": "192.0.2.67"}]}},
        {"ansible.builtin.pause": {"seconds": 120}}]}]
    proc = start_playbook(tmp_path, inventory(group), plays)
    with connect(group["r720"]) as watcher:
        try:
            wait_for("the change", lambda: any(r.get("list") == "orphan"
                                               for r in watcher.call("/ip/firewall/address-list", "print").rows))
        finally:
            for pid in [proc.pid] + descendants(proc.pid):  # the playbook and its workers; the broker lives on
                os.kill(pid, signal.SIGKILL)
            proc.wait(30)
            proc.stdout.close()
        wait_for("safe mode to end", lambda: watcher.call("/safe-mode", "print").rows[0].get("taken") == "false", 30)
        rows = watcher.call("/ip/firewall/address-list", "print").rows
        for row in rows:  # whatever happened, the next test starts from the state before
            if row.get("list") == "orphan":
                watcher.call("/ip/firewall/address-list", "remove", attributes={".id": row[".id"]})
    assert not [r for r in rows if r.get("list") == "orphan"]
    assert read_all(group["r720"]) == before


def test_the_revert_script_run_by_the_router_puts_hostile_values_back(group):
    """The confirmed commit's script (safe.script), run by the router's own script runner: a rule removed from the
    middle of the chain, one added, one changed, one moved, an address list entry removed and DNS set, with comments
    holding quotes, $, [ ], backslashes and a newline, all come back exactly as they were."""
    from ansible_collections.tikops.routeros.plugins.module_utils.converge import engine, safe

    for name in ("r716", "r649"):
        with connect(group[name]) as s:
            before_all = read_all(group[name])
            ids = [s.call("/ip/firewall/filter", "add", attributes={"chain": "input", "action": "accept", "protocol": "udp",
                                                                    "dst-port": str(5000 + i), "comment": c}).ret
                   for i, c in enumerate((HOSTILE, "b", "c"))]
            entry = s.call("/ip/firewall/address-list", "add",
                           attributes={"list": "s", "address": "192.0.2.8", "comment": HOSTILE}).ret
            paths = ("/ip/firewall/filter", "/ip/firewall/address-list", "/ip/dns")
            before = dict((p, [dict(r) for r in s.call(p, "print").rows]) for p in paths)
            want = read_all(group[name])
            plan = engine.Plan([
                engine.Op(engine.REMOVE, paths[0], target=ids[0], phase=engine.PHASE_REMOVE),
                engine.Op(engine.REMOVE, paths[1], target=entry, phase=engine.PHASE_REMOVE),
                engine.Op(engine.ADD, paths[0], attrs={"chain": "forward", "action": "drop", "comment": "new " + HOSTILE},
                          phase=engine.PHASE_ADD),
                engine.Op(engine.SET, paths[0], target=ids[1], attrs={"comment": "changed " + HOSTILE}),
                engine.Op(engine.SET, paths[2], target=None, attrs={"servers": "192.0.2.53"}),
                engine.Op(engine.MOVE, paths[0], target=ids[2], phase=engine.PHASE_MOVE, destination=ids[1])])
            inverses, added = safe.inverse_ops(plan, before, ROUTERS[name])
            engine.apply_plan(s, plan)
            assert read_all(group[name]) != want
            script = s.call("/system/script", "add", attributes={"name": "revert", "source": safe.script(inverses, "x")}).ret
            s.call("/system/script", "run", attributes={".id": script})
            s.call("/system/script", "remove", attributes={".id": script})
            assert read_all(group[name]) == want, name  # the added rule was found by its fields: its id is not known
            for path in paths[:2]:  # the next test starts from the state before this one
                for row in s.call(path, "print").rows:
                    if row.get("comment") == HOSTILE and row.get("list") == "s" or row.get("dst-port", "").startswith("500"):
                        s.call(path, "remove", attributes={".id": row[".id"]})
            assert read_all(group[name]) == before_all, name
