"""The session broker and RouterOS safe mode, against a simulated 7.20 router over real sockets: a kept session that
holds safe mode is ended without /quit (the router undoes what was changed under it), any other quits cleanly (the
router keeps everything). One simulator for the module, one broker per test."""

import contextlib
import shutil
import tempfile

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.api import persist
from ansible_collections.tikops.routeros.plugins.module_utils.api.options import ConnectionParams
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import TrapError
from support.rosim import Simulator

from test_broker import wait_for

QUIT = "fatal: session terminated on request"  # how the simulator names an end by /quit


@pytest.fixture(scope="module")
def sim():
    with Simulator(version="7.20.8", identity="broker-safe") as s:
        with direct(s) as admin:
            admin.call("/user", "add", attributes={"name": "other", "group": "full", "password": "0ther-pw"})
        yield s


@contextlib.contextmanager
def direct(sim, username="admin", password=""):
    """A session of the test's own, straight to the router (not through the broker)."""
    session = Session.connect(ConnectionParams(sim.host, sim.port, username=username, password=password, timeout=5))
    try:
        yield session
    finally:
        session.close()


@pytest.fixture
def bdir():
    path = tempfile.mkdtemp(prefix="tkb-")
    yield path + "/d"
    persist.shutdown(path + "/d")
    shutil.rmtree(path, ignore_errors=True)


def entries(session, name):
    return [r for r in session.call("/ip/firewall/address-list", "print").rows if r.get("list") == name]


def ended(sim, since):
    """How the router sessions that ended since event ``since`` ended: [(sent /quit, disconnect reason)]."""
    events = sim.events()[since:]
    attached = set(e["conn"] for e in events if e["event"] == "login" and e.get("success") and e.get("user") == "admin")
    out = []
    for e in events:
        if e["event"] == "disconnect" and e["conn"] in attached:
            quits = [c for c in events if c["event"] == "command" and c["conn"] == e["conn"] and c["words"][0] == "/quit"]
            out.append((bool(quits), e.get("reason")))
    return out


def kept_session(sim, bdir, *commands):
    """Attach to a new kept session, run ``commands`` ((path, command) or (path, command, attributes)) through it,
    then end it the way a play's end does (``drop``, the end-of-play reset): how did the router see it end?"""
    params = ConnectionParams(sim.host, sim.port, timeout=5)
    since = len(sim.events())
    session = persist.attach(params, bdir, 60)
    assert session.fresh
    out = []
    for command in commands:
        try:
            out.append(session.call(command[0], command[1], attributes=command[2] if len(command) > 2 else None))
        except TrapError as exc:
            out.append(exc)
    session.close()
    assert persist.drop(params, bdir) is True
    return out, wait_for(lambda: ended(sim, since), what="the router session to end")


def add(name):
    return ("/ip/firewall/address-list", "add", {"list": name, "address": "192.0.2.1"})


def test_safe_mode_held_when_the_broker_ends_the_session_is_undone(sim, bdir):
    dummy, how = kept_session(sim, bdir, ("/safe-mode", "take"), add("held"), ("/system/identity", "print"))
    assert len(how) == 1 and how[0][0] is False and how[0][1] != QUIT, how
    with direct(sim) as s:  # the router saw no /quit: it undid the change
        wait_for(lambda: s.call("/safe-mode", "print").rows[0]["taken"] == "false", what="safe mode to end")
        assert entries(s, "held") == []
        assert any("unrolled (session lost)" in r.get("message", "") for r in s.call("/log", "print").rows)


@pytest.mark.parametrize("ending", [[("/safe-mode", "release")], [("/safe-mode", "unroll")],
                                    [("/safe-mode", "toggle")], [("/safe-mode", "toggle"), ("/safe-mode", "take"),
                                                                 ("/safe-mode", "release")]])
def test_safe_mode_given_back_quits_cleanly(sim, bdir, ending):
    dummy, how = kept_session(sim, bdir, ("/safe-mode", "take"), add("given-back"), *(ending + [add("after")]))
    assert [quit for quit, dummy2 in how] == [True], how
    assert how[0][1] == QUIT
    with direct(sim) as s:
        assert entries(s, "after") and len(entries(s, "given-back")) == (0 if ending[-1][1] == "unroll" else 1)
        for row in entries(s, "after") + entries(s, "given-back"):
            s.call("/ip/firewall/address-list", "remove", attributes={".id": row[".id"]})


def test_a_take_the_router_refused_changes_nothing(sim, bdir):
    with direct(sim, "other", "0ther-pw") as other:
        other.call("/safe-mode", "take")
        out, how = kept_session(sim, bdir, ("/safe-mode", "take"), ("/safe-mode", "toggle"))
        assert all(isinstance(r, TrapError) and "another session" in str(r) for r in out), out
        assert [quit for quit, dummy in how] == [True], how
        other.call("/safe-mode", "release")
