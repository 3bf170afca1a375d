# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Safe mode (/safe-mode, 7.18+) and the history (/system/history, /undo, /redo) over real sockets: one simulator
for the module; every test cleans up what it added."""

import contextlib
import time

import pytest
from simraw import Raw, rows, traps

from support.rosim import Simulator


@pytest.fixture(scope="module")
def sim():
    with Simulator(version="7.18", identity="safe") as s:
        yield s


@contextlib.contextmanager
def session(sim):
    with Raw(sim.host, sim.port) as r:
        r.login()
        yield r


def comments(r, path="/ip/firewall/filter"):
    return sorted(x.get("comment", "") for x in rows(r.call(path + "/print")))


def history(r):
    return rows(r.call("/system/history/print"))


def wait_for(check, what):
    deadline = time.monotonic() + 10
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("never happened: %s" % what)
        time.sleep(0.02)


def test_release_keeps_the_changes_of_every_session_and_they_turn_undoable(sim):
    with session(sim) as a, session(sim) as b:
        assert traps(a.call("/safe-mode/take")) == []
        assert rows(a.call("/safe-mode/print")) == [{"taken": "true", "this-session": "true", "user": "admin"}]
        assert rows(b.call("/safe-mode/print"))[0]["this-session"] == "false"
        a.call("/ip/firewall/filter/add", "=chain=input", "=action=accept", "=comment=rel-a")
        b.call("/ip/firewall/filter/add", "=chain=input", "=action=accept", "=comment=rel-b")  # another session
        newest = history(a)[:2]
        assert [(h["action"], h["floating-undo"], h["undoable"]) for h in newest] == [
            ("filter rule added", "true", "false")] * 2
        assert newest[0]["undo"].startswith("/ip firewall filter remove *")
        assert "comment=rel-b" in newest[0]["redo"] and newest[0]["by"] == "admin" and newest[0]["policy"] == "write"
        assert traps(a.call("/safe-mode/release")) == []
        assert [(h["floating-undo"], h["undoable"]) for h in history(a)[:2]] == [("false", "true")] * 2
        assert rows(a.call("/safe-mode/print"))[0]["taken"] == "false"
    with session(sim) as c:
        assert {"rel-a", "rel-b"} <= set(comments(c))
        for _n in range(2):
            c.call("/undo")
        assert not {"rel-a", "rel-b"} & set(comments(c))
        assert [h["redoable"] for h in history(c)[:2]] == ["true", "true"]
        c.call("/redo")
        assert "rel-a" in comments(c) and "rel-b" not in comments(c)
        c.call("/undo")


def test_a_lost_session_undoes_its_safe_mode_changes_and_quit_keeps_them(sim):
    with session(sim) as watcher:
        before = rows(watcher.call("/ip/address/print"))
        lost = Raw(sim.host, sim.port)
        lost.login()
        lost.call("/safe-mode/take")
        lost.call("/ip/address/add", "=address=10.77.0.1/24", "=interface=ether2")
        lost.call("/ip/firewall/filter/add", "=chain=forward", "=action=drop", "=comment=lost")
        watcher.call("/system/identity/set", "=name=changed-meanwhile")  # by another session: undone too
        lost.close()  # the peer goes away without /quit
        wait_for(lambda: rows(watcher.call("/ip/address/print")) == before, "safe-mode changes undone")
        assert "lost" not in comments(watcher)
        assert rows(watcher.call("/system/identity/print"))[0]["name"] == "safe"
        assert not any(h["floating-undo"] == "true" for h in history(watcher))

        quitter = Raw(sim.host, sim.port)
        quitter.login()
        quitter.call("/safe-mode/take")
        quitter.call("/ip/firewall/filter/add", "=chain=input", "=action=accept", "=comment=quit")
        quitter.call("/quit")
        quitter.close()
        wait_for(lambda: rows(watcher.call("/safe-mode/print"))[0]["taken"] == "false", "safe mode ended")
        assert "quit" in comments(watcher)
        watcher.call("/undo")
        assert "quit" not in comments(watcher)


def test_unroll_undoes_and_leaves_safe_mode_and_a_second_taker_is_refused(sim):
    with session(sim) as a, session(sim) as b:
        a.call("/safe-mode/toggle")
        a.call("/ip/firewall/filter/add", "=chain=forward", "=action=drop", "=comment=unroll")
        got = traps(b.call("/safe-mode/take"))
        assert got == [("failure: safe mode is taken by another session (user admin)", "4")]
        assert traps(b.call("/safe-mode/release")) == got  # only the holder releases
        assert traps(a.call("/safe-mode/unroll")) == []
        assert "unroll" not in comments(a)
        assert rows(a.call("/safe-mode/print"))[0]["taken"] == "false"
        assert traps(b.call("/safe-mode/take")) == []  # free again
        b.call("/safe-mode/toggle")  # the holder's toggle releases
        assert rows(a.call("/safe-mode/print"))[0]["taken"] == "false"


def test_more_than_100_safe_mode_changes_end_safe_mode_and_nothing_is_undone(sim):
    with session(sim) as a:
        a.call("/safe-mode/take")
        for n in range(101):
            a.send("/ip/firewall/address-list/add", "=list=many", "=address=10.9.0.%d" % n, ".tag=%d" % n)
        for n in range(101):
            a.until_done(str(n))
        assert rows(a.call("/safe-mode/print"))[0]["taken"] == "false"
        hist = history(a)
        assert len(hist) == 100 and not any(h["floating-undo"] == "true" for h in hist)
    with session(sim) as b:  # a's session ended without /quit: nothing is undone any more
        ids = [x[".id"] for x in rows(b.call("/ip/firewall/address-list/print", "?list=many"))]
        assert len(ids) == 101
        b.call("/ip/firewall/address-list/remove", "=numbers=" + ",".join(ids))


def test_no_safe_mode_before_7_18():
    from ansible_collections.tikops.routeros.simulator.rosim import lockout
    from ansible_collections.tikops.routeros.simulator.rosim.router import Router
    assert "/safe-mode/take" not in lockout.commands(Router(version="7.17"))
    assert "/safe-mode/take" in lockout.commands(Router(version="7.18"))
    assert "/system/history/print" in lockout.commands(Router(version="6.49.10"))
