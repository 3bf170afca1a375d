"""Connection failures read the same through the broker (asyncio) as over a direct connection: one mapping
(transport.connect_failure), a reason that is never empty, the force_no_cert hint, and a TLS handshake that
times out is called a TLS handshake."""

import os
import shutil
import socket
import tempfile

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.api import persist
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import ConnectError, ConnectionLost, RouterTimeout
from ansible_collections.tikops.routeros.plugins.module_utils.api.options import ConnectionParams
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session
from ansible_collections.tikops.routeros.plugins.module_utils.net.transport import PLAIN_PORT_HINT
from support.rosim import Simulator


@pytest.fixture
def bdir():
    path = tempfile.mkdtemp(prefix="tke-")
    directory = os.path.join(path, "d")
    yield directory
    if os.path.isdir(directory):
        persist.shutdown(directory)
    shutil.rmtree(path, ignore_errors=True)


def both_ways(params, bdir, error):
    """The error of a direct connection and of an attach through the broker, as text."""
    with pytest.raises(error) as direct:
        Session.connect(params)
    with pytest.raises(error) as brokered:
        persist.attach(params, bdir, 30)
    return str(direct.value), str(brokered.value)


def test_a_router_without_certificate_needs_force_no_cert_both_ways(bdir):
    with Simulator(tls="anonymous") as sim:
        where = "%s:%s" % (sim.host, sim.ssl_port)
        direct, brokered = both_ways(ConnectionParams(sim.host, sim.ssl_port, tls=True, timeout=5), bdir, ConnectError)
        assert direct == brokered
        assert brokered.startswith("TLS handshake with %s failed: " % where)
        reason = brokered[len("TLS handshake with %s failed: " % where):].split(" (")[0]
        assert reason.strip()
        assert "set force_no_cert=true" in brokered
        # and with it, both work
        good = ConnectionParams(sim.host, sim.ssl_port, tls=True, force_no_cert=True, timeout=5)
        Session.connect(good).close()
        persist.attach(good, bdir, 30).close()


def test_force_no_cert_against_a_router_with_a_certificate(bdir):
    with Simulator(tls=True) as sim:
        params = ConnectionParams(sim.host, sim.ssl_port, tls=True, force_no_cert=True, timeout=5)
        direct, brokered = both_ways(params, bdir, ConnectError)
        assert direct == brokered
        assert "TLS handshake with %s:%s failed: " % (sim.host, sim.ssl_port) in brokered
        assert "force_no_cert=true only works with an api-ssl service that has no certificate" in brokered


def test_a_tls_handshake_that_times_out_says_so(bdir):
    # the kernel completes the TCP handshake for a listening socket that never accepts: TLS gets no answer
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        params = ConnectionParams("127.0.0.1", port, tls=True, validate_certs=False, timeout=0.5)
        direct, brokered = both_ways(params, bdir, RouterTimeout)
    assert direct == brokered == "TLS handshake with 127.0.0.1:%d timed out after 0.5s%s" % (port, PLAIN_PORT_HINT % port)


def test_a_refused_connection_both_ways(bdir):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    direct, brokered = both_ways(ConnectionParams("127.0.0.1", port, timeout=5), bdir, ConnectError)
    assert direct == brokered == "cannot connect to 127.0.0.1:%d: Connection refused" % port


def test_a_protocol_violation_is_named_through_the_broker_as_directly(bdir):
    """Garbage from the router (a reserved control byte) reaches the task with its reason, not as a bare close."""
    with Simulator(extra_args=("--garbage-after", "1")) as sim:
        params = ConnectionParams(sim.host, sim.port, timeout=5)
        with Session.connect(params) as direct:
            with pytest.raises(ConnectionLost) as info:
                direct.call("/interface", "print")
        direct_text = str(info.value)
        kept = persist.attach(params, bdir, 30)
        try:
            with pytest.raises(ConnectionLost) as info:
                kept.call("/interface", "print")
        finally:
            kept.close()
        brokered = str(info.value)
    for text in (direct_text, brokered):
        assert "%s:%s sent bytes that are not RouterOS API" % (sim.host, sim.port) in text, text
        assert "0xF8" in text, text
    assert "closed the connection" not in brokered
    log = open(os.path.join(bdir, persist.LOG_FILE)).read()
    assert "sent bytes that are not RouterOS API" in log
