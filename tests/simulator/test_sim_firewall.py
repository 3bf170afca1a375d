# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The firewall's input chain in front of the API: new connections dropped or reset, open sessions cut unless an
established-accept rule comes first, given up after --safe-mode-timeout (then safe-mode changes are undone), resumed
when a change lets them through. One simulator for the module (cut sessions are given up after 0.3 s)."""

import contextlib
import socket
import time

import pytest
from simraw import Closed, Raw, rows, traps

from support.rosim import Simulator


@pytest.fixture(scope="module")
def sim():
    with Simulator(version="7.18", identity="fw", extra_args=("--safe-mode-timeout", "0.3")) as s:
        yield s


@contextlib.contextmanager
def session(sim, timeout=5.0):
    with Raw(sim.host, sim.port, timeout=timeout) as r:
        r.login()
        yield r


def can_log_in(sim):
    """True when a new connection logs in; False when its login is never answered (a dropped connection)."""
    try:
        with Raw(sim.host, sim.port, timeout=0.4) as r:
            r.login()
            return True
    except socket.timeout:
        return False


def wait_for(check, what):
    deadline = time.monotonic() + 10
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("never happened: %s" % what)
        time.sleep(0.02)


def rule_ids(r, comment):
    return [x[".id"] for x in rows(r.call("/ip/firewall/filter/print", "?comment=" + comment))]


def test_new_connections_follow_the_input_chain_and_established_sessions_survive(sim):
    port = str(sim.port)
    seen = len(sim.events("firewall"))
    with session(sim) as a:
        a.call("/ip/firewall/filter/add", "=chain=input", "=action=accept", "=connection-state=established,related",
               "=comment=est")
        a.call("/ip/firewall/filter/add", "=chain=input", "=action=drop", "=in-interface-list=!LAN", "=comment=if")
        assert can_log_in(sim)  # loopback connections come in on no interface a rule names
        lock = a.call("/ip/firewall/filter/add", "=chain=input", "=action=drop", "=protocol=tcp", "=dst-port=" + port,
                      "=dst-address=127.0.0.1", "=comment=lock")[-1].attrs["ret"]
        assert not can_log_in(sim)  # connected, but never answered
        assert rows(a.call("/system/identity/print"))[0]["name"] == "fw"  # a's session goes on
        a.call("/ip/firewall/filter/disable", "=numbers=" + lock)
        assert can_log_in(sim)  # a disabled rule is skipped
        a.call("/ip/firewall/filter/set", "=numbers=" + lock, "=disabled=no", "=src-address=!127.0.0.1")
        assert can_log_in(sim)  # the negation does not match this client
        a.call("/ip/firewall/filter/set", "=numbers=" + lock, "=!src-address=", "=src-address-list=blocked")
        assert can_log_in(sim)  # the list is empty
        a.call("/ip/firewall/address-list/add", "=list=blocked", "=address=127.0.0.0/8")
        assert not can_log_in(sim)
        a.call("/ip/firewall/filter/add", "=chain=input", "=action=accept", "=src-address=127.0.0.1",
               "=place-before=" + lock, "=comment=early-accept")
        assert can_log_in(sim)  # an earlier accept wins
        a.call("/ip/firewall/filter/remove", "=numbers=" + ",".join(rule_ids(a, "early-accept")))
        a.call("/ip/firewall/filter/set", "=numbers=" + lock, "=action=reject")
        with pytest.raises((Closed, ConnectionError)):
            with Raw(sim.host, sim.port, timeout=2) as b:
                b.login()  # reset at once
        a.call("/ip/firewall/filter/remove", "=numbers=" + ",".join(rule_ids(a, "est") + rule_ids(a, "if") + [lock]))
        a.call("/ip/firewall/address-list/remove", "=numbers=" + rows(a.call("/ip/firewall/address-list/print",
                                                                             "?list=blocked"))[0][".id"])
        assert can_log_in(sim)
    verdicts = [e["verdict"] for e in sim.events("firewall")[seen:]]
    assert verdicts.count("drop") == 2 and verdicts.count("reject") == 1


def test_a_session_that_locks_itself_out_is_given_up_and_its_safe_mode_changes_undone(sim):
    with session(sim) as a:
        a.call("/safe-mode/take")
        # no established-accept rule: the session's own packets are dropped from now on
        replies = a.call("/ip/firewall/filter/add", "=chain=input", "=action=drop", "=protocol=tcp",
                         "=dst-port=" + str(sim.port), "=comment=self-lock")
        assert traps(replies) == []  # the reply to the change itself still arrives
        a.send("/system/identity/print")
        a.sock.settimeout(0.2)
        with pytest.raises(socket.timeout):
            a.read()  # no answer any more
        sim.wait_event("disconnect", reason="firewall: session timed out")
    wait_for(lambda: can_log_in(sim), "the router took the rule back")
    with session(sim) as b:
        assert rule_ids(b, "self-lock") == []
        assert rows(b.call("/safe-mode/print"))[0]["taken"] == "false"


def test_a_cut_session_resumes_when_the_rule_goes_and_gets_its_replies(sim):
    with session(sim) as d:
        d.call("/rosim/fault", "=safe-mode-timeout=30")  # for connections from now on
        with session(sim) as c:
            d.call("/rosim/fault", "=safe-mode-timeout=")
            c_port = c.sock.getsockname()[1]
            c.call("/ip/firewall/filter/add", "=chain=input", "=action=drop", "=src-port=%d" % c_port,
                   "=comment=only-c")
            c.send("/system/identity/print", ".tag=held")
            c.sock.settimeout(0.2)
            with pytest.raises(socket.timeout):
                c.read()
            assert rows(d.call("/system/identity/print"))  # others are not concerned
            d.call("/ip/firewall/filter/remove", "=numbers=" + ",".join(rule_ids(d, "only-c")))
            c.sock.settimeout(5)
            got = c.until_done("held")
            assert rows(got)[0]["name"] == "fw"
        kinds = [(e["verdict"], e.get("established")) for e in sim.events("firewall")]
        assert ("drop", True) in kinds and ("accept", True) in kinds
