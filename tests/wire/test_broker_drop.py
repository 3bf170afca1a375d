"""A kept session whose router side died without the broker noticing (router reboot, NAT state lost): the next
command is answered with a reset. The broker ends the session and the client logs in again and re-sends, once,
when that is safe (docs/connection.md, "When the router dropped the kept session"). A proxy in front of the
simulator makes the router side disappear on demand (tests/support/dropproxy.py)."""

import os
import shutil
import tempfile

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.api import persist
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import ConnectError, ConnectionLost
from ansible_collections.tikops.routeros.plugins.module_utils.api.options import ConnectionParams
from support.dropproxy import DropProxy, can_vanish
from support.rosim import Simulator

PASSWORD = "Dr0p-Pa55"


@pytest.fixture
def sim():
    with Simulator(identity="drop-r1", password=PASSWORD) as s:
        yield s


@pytest.fixture
def proxy(sim):
    with DropProxy((sim.host, sim.port)) as p:
        yield p


@pytest.fixture
def bdir():
    path = tempfile.mkdtemp(prefix="tkd-")
    directory = os.path.join(path, "d")
    yield directory
    if os.path.isdir(directory):
        persist.shutdown(directory)
    shutil.rmtree(path, ignore_errors=True)


def params_for(proxy):
    return ConnectionParams(proxy.host, proxy.port, password=PASSWORD, timeout=5)


def logins(sim):
    return [e for e in sim.events("login") if e.get("success")]


def commands(sim, word):
    return [e for e in sim.events("command") if e["words"][0] == word]


def identity(session):
    return session.call("/system/identity", "print").rows[0]["name"]


def kept_session(proxy, bdir):
    """Log in through the proxy, use the session once, and detach: the broker keeps it."""
    first = persist.attach(params_for(proxy), bdir, 60)
    assert first.fresh and identity(first) == "drop-r1"
    first.close()


def test_a_read_after_an_unnoticed_drop_logs_in_again_and_is_sent_again(sim, proxy, bdir):
    kept_session(proxy, bdir)
    proxy.drop()
    session = persist.attach(params_for(proxy), bdir, 60)
    assert not session.fresh  # the broker did not know
    assert identity(session) == "drop-r1"
    assert session.fresh and session.retried
    assert proxy.resets == 1
    assert len(logins(sim)) == 2
    # the dropped print never reached the router: it ran once on the first connection, once on the new one
    assert len(commands(sim, "/system/identity/print")) == 2
    # the session goes on normally, and the new kept session serves the next attach
    assert session.call("/interface", "print", proplist=["name"]).rows
    session.close()
    again = persist.attach(params_for(proxy), bdir, 60)
    assert not again.fresh and identity(again) == "drop-r1"
    again.close()
    assert len(logins(sim)) == 2
    with open(os.path.join(bdir, persist.LOG_FILE)) as fh:
        assert "told to log in again and re-send" in fh.read()


def test_a_pipeline_of_reads_is_sent_again_whole(sim, proxy, bdir):
    kept_session(proxy, bdir)
    proxy.drop()
    session = persist.attach(params_for(proxy), bdir, 60)
    results = session.pipeline([dict(path="/system/identity", command="print"),
                                dict(path="/system/resource", command="print", proplist=["version"]),
                                dict(path="/interface", command="print", proplist=["name"])])
    assert results[0].rows == [{"name": "drop-r1"}] and results[1].rows[0]["version"] and results[2].rows
    assert len(logins(sim)) == 2
    session.close()


def test_a_write_whose_fate_is_unknown_is_not_sent_again(sim, proxy, bdir):
    kept_session(proxy, bdir)
    proxy.drop()  # the proxy acknowledges the command, then resets: the router might have run it
    session = persist.attach(params_for(proxy), bdir, 60)
    with pytest.raises(ConnectionLost) as lost:
        session.call("/system/identity", "set", attributes={"name": "changed"})
    text = str(lost.value)
    assert "/system/identity/set =name=changed (tag 1)" in text
    assert "not sent again because it may change something and the router may have received it" in text
    assert len(logins(sim)) == 1 and not commands(sim, "/system/identity/set")
    # the next task logs in again
    again = persist.attach(params_for(proxy), bdir, 60)
    assert again.fresh and identity(again) == "drop-r1"
    again.close()


@pytest.mark.skipif(not can_vanish(), reason="needs CAP_NET_ADMIN (TCP_REPAIR) to make a connection vanish")
def test_a_write_is_never_sent_again_even_when_no_byte_was_acknowledged(sim, proxy, bdir):
    kept_session(proxy, bdir)
    # the reset acknowledges nothing, as a rebooted router answers; but a hostile or broken peer can read the bytes
    # and reset before its TCP stack acknowledges them, so "nothing acknowledged" does not prove "not received"
    proxy.drop(vanish=True)
    session = persist.attach(params_for(proxy), bdir, 60)
    with pytest.raises(ConnectionLost) as lost:
        session.call("/system/identity", "set", attributes={"name": "after-reboot"})
    assert "not sent again because it may change something and the router may have received it" in str(lost.value)
    assert not commands(sim, "/system/identity/set")
    again = persist.attach(params_for(proxy), bdir, 60)
    assert identity(again) == "drop-r1"
    again.close()


def test_it_is_sent_again_only_once(sim, proxy, bdir):
    kept_session(proxy, bdir)
    proxy.drop(next_budget=1)  # and the new connection resets right after the login too
    session = persist.attach(params_for(proxy), bdir, 60)
    with pytest.raises(ConnectionLost) as lost:
        identity(session)
    assert "/system/identity/print (tag 1)" in str(lost.value)
    assert "not sent again because" in str(lost.value)
    assert len(logins(sim)) == 2


def test_a_session_this_task_logged_in_is_not_sent_again(sim, proxy, bdir):
    session = persist.attach(params_for(proxy), bdir, 60)
    assert session.fresh
    proxy.drop()
    with pytest.raises(ConnectionLost) as lost:
        identity(session)
    assert "the session was logged in by this very task" in str(lost.value)
    assert len(logins(sim)) == 1


def test_a_session_that_had_answered_is_not_sent_again(sim, proxy, bdir):
    kept_session(proxy, bdir)
    session = persist.attach(params_for(proxy), bdir, 60)
    assert identity(session) == "drop-r1"
    proxy.drop()
    with pytest.raises(ConnectionLost) as lost:
        identity(session)
    assert "the router had answered since it was sent" in str(lost.value)
    assert len(logins(sim)) == 1


def test_module_side_sessions_keep_failing_plainly(sim, proxy, bdir):
    """An AnsiballZ module (attach_socket) has no credentials to log in again with: a drop fails it as before."""
    first = persist.attach(params_for(proxy), bdir, 60)
    path = first.kept_socket  # the broker opens the kept session's own socket when it is asked for
    first.close()
    (kept,) = persist.status(bdir)
    assert kept["socket"] == path
    proxy.drop()
    module_side = persist.attach_socket(path)
    with pytest.raises(ConnectionLost) as lost:
        identity(module_side)
    assert "closed the connection while /system/identity/print (tag 1) was outstanding" in str(lost.value)
    assert len(logins(sim)) == 1


def test_logging_in_again_fails_when_the_router_is_gone(sim, proxy, bdir):
    kept_session(proxy, bdir)
    proxy.drop()
    sim.stop()  # and the router does not come back: the proxy resets every new connection
    session = persist.attach(params_for(proxy), bdir, 60)
    with pytest.raises(ConnectError) as failed:
        identity(session)
    assert "the router dropped the kept session, and logging in again failed: " in str(failed.value)
    assert PASSWORD not in str(failed.value)


def test_over_tls_too(bdir):
    with Simulator(identity="drop-tls", password=PASSWORD, tls=True) as sim, \
            DropProxy((sim.host, sim.ssl_port)) as proxy:
        params = ConnectionParams(proxy.host, proxy.port, password=PASSWORD, tls=True, ca_path=sim.ca_file,
                                  timeout=5)
        first = persist.attach(params, bdir, 60)
        assert identity(first) == "drop-tls"
        first.close()
        proxy.drop()
        session = persist.attach(params, bdir, 60)
        assert not session.fresh
        assert identity(session) == "drop-tls" and session.retried
        session.close()
        assert proxy.resets == 1 and len(logins(sim)) == 2
