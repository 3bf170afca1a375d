# -*- coding: utf-8 -*-
"""Shared fixtures for wire tests: simulators (module scope) and connection parameters for them."""

from __future__ import annotations

import socket
import threading

import pytest
from support.rosim import Simulator

from support.client import CLIENT_PASSWORD, sim_params  # noqa: F401 (re-exported for fixtures)


@pytest.fixture
def session(sim):
    """A session logged in to the test module's ``sim`` (with the test password), closed after the test."""
    from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session

    s = Session.connect(sim_params(sim))
    yield s
    s.close()


@pytest.fixture(scope="module")
def client_sim():
    """RouterOS 7.16 with api-ssl (shipped test certificate: SAN localhost, 127.0.0.1, ::1)."""
    with Simulator(version="7.16", tls=True, password=CLIENT_PASSWORD) as sim:
        yield sim


@pytest.fixture(scope="module")
def client_sim_718():
    """RouterOS 7.18: replies !empty to a print with no rows."""
    with Simulator(version="7.18", password=CLIENT_PASSWORD, extra_args=("--monitor-interval-ms", "20")) as sim:
        yield sim


@pytest.fixture(scope="module")
def client_sim_642():
    """RouterOS 6.42: the pre-6.43 MD5 challenge login."""
    with Simulator(version="6.42", password=CLIENT_PASSWORD) as sim:
        yield sim


class Forwarder:
    """A TCP relay listening on ``host`` (another loopback address) to ``target``: reaches a simulator under an
    address its certificate does not name."""

    def __init__(self, target, host="127.0.0.2"):
        self.target = target
        self.listener = socket.socket()
        self.listener.bind((host, 0))
        self.listener.listen(8)
        self.listener.settimeout(0.2)
        self.host, self.port = self.listener.getsockname()
        self.stopped = threading.Event()
        self.socks = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while not self.stopped.is_set():
            try:
                conn, dummy = self.listener.accept()
            except (socket.timeout, OSError):
                continue
            upstream = socket.create_connection(self.target, timeout=5)
            conn.settimeout(None)
            upstream.settimeout(None)
            self.socks += [conn, upstream]
            for a, b in ((conn, upstream), (upstream, conn)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(src, dst):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self):
        self.stopped.set()
        self.thread.join(5)
        self.listener.close()
        for s in self.socks:
            s.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


@pytest.fixture
def make_params():
    """``make_params(sim, password=..., **ConnectionParams options)``."""
    return sim_params


@pytest.fixture
def forward():
    """``forward((host, port))`` -> a :class:`Forwarder` on 127.0.0.2 (closed after the test)."""
    made = []

    def factory(target, host="127.0.0.2"):
        fw = Forwarder(target, host)
        made.append(fw)
        return fw

    yield factory
    for fw in made:
        fw.close()
