# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fault injection: latency, drop, stall, garbage, !fatal, refused logins, session limit."""

import socket
import time

import librouteros
import pytest
from ansible_collections.tikops.routeros.plugins.module_utils.core.protocol import ProtocolError
from librouteros.exceptions import TrapError
from simraw import Closed, Raw, kinds, rows, traps

from support.rosim import Simulator, start_simulators


def test_latency_delays_each_reply_but_not_the_pipeline():
    with Simulator(version="7.16", latency_ms=150) as sim:
        with Raw(sim.host, sim.port) as r:
            start = time.monotonic()
            r.login()
            assert time.monotonic() - start >= 0.15
            for i in range(5):
                r.send("/system/identity/print", ".tag=%d" % i)
            got = [r.read() for _n in range(10)]
            assert [(x.kind, x.tag) for x in got] == [(k, str(i)) for i in range(5) for k in ("!re", "!done")]


def test_drop_after_n_sentences():
    with Simulator(version="7.16", extra_args=("--drop-after", "3")) as sim:
        with Raw(sim.host, sim.port) as r:
            r.login()  # 1 sentence
            assert kinds(r.call("/system/identity/print")) == ["!re", "!done"]  # 3 sentences
            r.send("/system/identity/print")
            with pytest.raises((Closed, ConnectionError)):
                r.read()
        faults = sim.events("fault")
        assert faults and faults[0]["kind"] == "drop" and faults[0]["after"] == 3


def test_stall_keeps_the_socket_but_never_answers():
    with Simulator(version="7.16", extra_args=("--stall-after", "1")) as sim:
        with Raw(sim.host, sim.port, timeout=0.5) as r:
            r.login()
            r.send("/system/identity/print")
            with pytest.raises(socket.timeout):
                r.read()
        assert sim.events("fault")[0]["kind"] == "stall"


def test_garbage_bytes_break_the_stream():
    with Simulator(version="7.16", extra_args=("--garbage-after", "1")) as sim:
        with Raw(sim.host, sim.port) as r:
            r.login()
            r.send("/system/identity/print")
            with pytest.raises(ProtocolError):
                r.read()


def test_fatal_after():
    with Simulator(version="7.16", extra_args=("--fatal-after", "1")) as sim:
        with Raw(sim.host, sim.port) as r:
            r.login()
            r.send("/interface/print")
            x = r.read()
            assert x.kind == "!fatal" and x.extra == ["rosim: injected fatal error"]
            with pytest.raises(Closed):
                r.read()


def test_refuse_logins():
    with Simulator(version="7.16", extra_args=("--refuse-logins",)) as sim:
        with pytest.raises(TrapError) as exc:
            librouteros.connect(host=sim.host, port=sim.port, username="admin", password="")
        assert str(exc.value) == "invalid user name or password (6)"
        assert [e["success"] for e in sim.events("login")] == [False]


def test_max_sessions_closes_extra_connections():
    with Simulator(version="7.16", extra_args=("--max-sessions", "1")) as sim:
        with Raw(sim.host, sim.port) as first:
            first.login()
            with Raw(sim.host, sim.port) as second:
                second.send("/login", "=name=admin", "=password=")
                with pytest.raises((Closed, ConnectionError)):
                    second.read()
            assert kinds(first.call("/system/identity/print")) == ["!re", "!done"]
        assert [e["kind"] for e in sim.events("fault")] == ["max-sessions"]


def test_faults_limited_to_some_connections():
    with Simulator(version="7.16", extra_args=("--drop-after", "1", "--fault-connections", "1")) as sim:
        with Raw(sim.host, sim.port) as r:
            r.login()
            r.send("/system/identity/print")
            with pytest.raises((Closed, ConnectionError)):
                r.read()
        with Raw(sim.host, sim.port) as r:  # the reconnect is healthy
            r.login()
            assert rows(r.call("/system/identity/print")) == [{"name": "r1"}]


def test_faults_set_at_run_time():
    with Simulator(version="7.16") as sim:
        with Raw(sim.host, sim.port) as r:
            r.login()
            assert kinds(r.call("/rosim/fault", "=refuse-logins=yes")) == ["!done"]
        with Raw(sim.host, sim.port) as r:
            assert traps(r.call("/login", "=name=admin", "=password=")) == [("invalid user name or password (6)", None)]
            assert kinds(r.call("/login", "=name=admin", "=password=")) == ["!trap", "!done"]


def test_protocol_violation_drops_the_connection():
    with Simulator(version="7.16") as sim:
        with Raw(sim.host, sim.port) as r:
            r.sock.sendall(b"\xf8\x00")
            with pytest.raises((Closed, ConnectionError)):
                r.read()
        assert any(e["reason"].startswith("protocol error") for e in sim.events("disconnect"))


def test_run_time_faults_apply_to_new_connections_only():
    with Simulator(version="7.16") as sim:
        with Raw(sim.host, sim.port) as r:
            r.login()
            assert kinds(r.call("/rosim/fault", "=drop-after=2")) == ["!done"]
            for _n in range(3):  # the connection that asked goes on as it was
                assert kinds(r.call("/system/identity/print")) == ["!re", "!done"]
            with Raw(sim.host, sim.port) as r2:
                r2.login()  # sentence 1
                with pytest.raises((Closed, ConnectionError)):
                    r2.call("/system/identity/print")  # !re is sentence 2, !done would be 3
            assert kinds(r.call("/rosim/fault", "=drop-after=")) == ["!done"]  # empty: off again
        with Raw(sim.host, sim.port) as r3:
            r3.login()
            assert rows(r3.call("/system/identity/print")) == [{"name": "r1"}]
        assert [e["kind"] for e in sim.events("fault")] == ["configure", "drop", "configure"]


def test_bad_run_time_fault_options_are_ordinary_traps():
    with Simulator(version="7.16") as sim:
        with Raw(sim.host, sim.port) as r:
            r.login()
            assert traps(r.call("/rosim/fault", "=bogus=1")) == [("unknown parameter bogus", None)]
            assert traps(r.call("/rosim/fault", "=drop-after=abc")) == [
                ("invalid value for argument drop-after", "1")]
            assert traps(r.call("/rosim/fault", "=refuse-logins=maybe")) == [
                ("invalid value for argument refuse-logins", "1")]
            # a refused change changes nothing, even its valid part
            assert traps(r.call("/rosim/fault", "=refuse-logins=yes", "=stall-after=x")) == [
                ("invalid value for argument stall-after", "1")]
        with Raw(sim.host, sim.port) as r:
            r.login()
        assert sim.events("error") == [] and sim.events("fault") == []


def test_fault_flags_apply_to_every_router_of_a_config():
    config = {"routers": [{"name": "a"}, {"name": "b", "faults": {"drop-after": 50}}]}
    with start_simulators(config, extra_args=("--drop-after", "1")) as group:
        for name in ("a", "b"):
            with Raw(group[name].host, group[name].port) as r:
                r.login()
                with pytest.raises((Closed, ConnectionError)):
                    r.call("/system/identity/print")
        assert {e["router"] for e in group.events("fault")} == {"a", "b"}


@pytest.mark.parametrize("args", [("--api", "127.0.0.1:0"), ("--routeros-version", "6.49"), ("--tls-anonymous",)])
def test_single_router_options_are_refused_with_config(args):
    with pytest.raises(RuntimeError, match="cannot be combined with --config"):
        start_simulators({"routers": [{"name": "a"}]}, extra_args=args)


def test_reset_after_runs_the_command_then_resets():
    with Simulator(version="7.16", state={"menus": {}}, extra_args=("--reset-after", "1")) as sim:
        with Raw(sim.host, sim.port) as r:
            r.login()
            r.send("/system/identity/set", "=name=reset-me")
            with pytest.raises(ConnectionResetError):
                r.read()
        assert sim.events("fault")[0]["kind"] == "reset"
        assert sim.save_state()["menus"]["/system/identity"]["name"] == "reset-me"  # it ran


def test_restart_after_ends_every_connection_refuses_then_accepts_again():
    with Simulator(version="7.16", state={"menus": {}},
                   extra_args=("--restart-after", "1", "--restart-down-ms", "60000", "--fault-connections", "2")) as sim:
        with Raw(sim.host, sim.port) as other, Raw(sim.host, sim.port) as r:
            other.login()
            r.login()
            r.send("/system/identity/set", "=name=restarted")
            with pytest.raises((Closed, ConnectionError)):
                r.read()
            with pytest.raises((Closed, ConnectionError)):  # the other connection ended too
                other.call("/system/identity/print")
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection((sim.host, sim.port), timeout=5)
        assert sim.save_state()["menus"]["/system/identity"]["name"] == "restarted"  # the configuration stays


def test_a_restarted_router_accepts_again_on_the_same_port():
    with Simulator(version="7.16", extra_args=("--restart-after", "1", "--restart-down-ms", "100",
                                               "--fault-connections", "1")) as sim:
        with Raw(sim.host, sim.port) as r:
            r.login()
            r.send("/system/identity/print")
            with pytest.raises((Closed, ConnectionError)):
                r.read()
        sim.wait_event("restarted")
        with Raw(sim.host, sim.port) as r:
            r.login()
            assert rows(r.call("/system/identity/print")) == [{"name": "r1"}]
