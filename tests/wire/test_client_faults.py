# -*- coding: utf-8 -*-
"""Our client against a misbehaving simulator: stalls, latency, dropped connections, garbage, !fatal."""

from __future__ import annotations

import pytest
from support.client import CLIENT_PASSWORD, sim_params

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import (
    ConnectionLost,
    FatalError,
    RouterTimeout,
)
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session
from support.rosim import Simulator

# A plain login is answered by one sentence (!done): "--x-after 1" strikes right after the login.


def faulty(*args, latency_ms=0):
    return Simulator(version="7.16", password=CLIENT_PASSWORD, latency_ms=latency_ms, extra_args=args)


def test_stall_times_out_naming_command_and_seconds():
    with faulty("--stall-after", "1") as sim:
        with Session.connect(sim_params(sim, timeout=0.3)) as session:
            cmd = session.send("/system/identity", "print")
            with pytest.raises(RouterTimeout) as info:
                cmd.result()
            assert "/system/identity/print" in str(info.value) and "0.3s" in str(info.value)
            assert "%s:%s" % (sim.host, sim.port) in str(info.value)
            listen = session.send("/interface", "listen", timeout=0.2)
            with pytest.raises(RouterTimeout, match="/interface/listen"):
                next(iter(listen))


def test_latency_timeout_leaves_the_session_usable():
    with faulty(latency_ms=400) as sim:
        with Session.connect(sim_params(sim, timeout=5)) as session:
            cmd = session.send("/system/identity", "print", timeout=0.05)
            with pytest.raises(RouterTimeout, match="0.05s"):
                cmd.result()
            assert cmd.result(timeout=5).rows[0]["name"] == sim.identity
            assert session.call("/system/identity", "print").rows[0]["name"] == sim.identity


def test_dropped_connection_fails_all_outstanding():
    with faulty("--drop-after", "2") as sim:
        with Session.connect(sim_params(sim)) as session:
            first = session.send("/interface", "print")
            second = session.send("/system/identity", "print")
            with pytest.raises(ConnectionLost) as info:
                first.result()
            assert "%s:%s" % (sim.host, sim.port) in str(info.value)
            with pytest.raises(ConnectionLost):
                second.result()
            assert session.closed
            with pytest.raises(ConnectionLost):
                session.send("/system/identity", "print")


def test_garbage_is_a_protocol_failure():
    with faulty("--garbage-after", "1") as sim:
        with Session.connect(sim_params(sim)) as session:
            with pytest.raises(ConnectionLost) as info:
                session.call("/interface", "print")
            assert "not RouterOS API" in str(info.value) and "0xF8" in str(info.value)


def test_fatal_after_a_reply_fails_the_rest():
    with faulty("--fatal-after", "3") as sim:
        with Session.connect(sim_params(sim)) as session:
            first = session.send("/system/identity", "print")  # !re + !done: sentences 2 and 3
            second = session.send("/interface", "print")
            assert first.result().rows[0]["name"] == sim.identity
            with pytest.raises(FatalError) as info:
                list(second)
            assert info.value.reason
            assert session.closed
