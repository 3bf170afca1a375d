# -*- coding: utf-8 -*-
"""Messages that point the right way (TLS hostname, TLS to the plain port, a frozen login)."""

import ssl

import pytest

from support.client import CLIENT_PASSWORD
from support.rosim import Simulator

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import ConnectError, RouterOSError, RouterTimeout
from ansible_collections.tikops.routeros.plugins.module_utils.api.options import ConnectionParams
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session
from ansible_collections.tikops.routeros.plugins.module_utils.net.transport import connect_failure


def test_hostname_mismatch_points_at_validate_cert_hostname(client_sim, make_params, forward):
    fw = forward((client_sim.host, client_sim.ssl_port))  # 127.0.0.2: not in the certificate
    params = make_params(client_sim, host=fw.host, port=fw.port, tls=True, ca_path=client_sim.ca_file)
    with pytest.raises(ConnectError) as info:
        Session.connect(params)
    text = str(info.value)
    assert "validate_cert_hostname=false" in text and "127.0.0.2" in text
    assert "ca_path" not in text and "validate_certs=false" not in text


def test_tls_against_the_plain_port_points_at_the_port(client_sim, make_params):
    params = make_params(client_sim, port=client_sim.port, tls=True, validate_certs=False, timeout=1)
    with pytest.raises(RouterOSError) as info:
        Session.connect(params)
    text = str(info.value)
    assert isinstance(info.value, (ConnectError, RouterTimeout))
    assert "plain API service" in text and "tls=false" in text and str(client_sim.port) in text
    # the simulator reads the TLS greeting as words and waits (a timeout) or closes: the port comes first
    assert "force_no_cert" not in text or text.index("tls=false") < text.index("force_no_cert")


@pytest.mark.parametrize("port", ["8728", "18728"])
def test_a_silent_handshake_names_the_port(port):
    where = "192.0.2.1:%s" % port
    timeout = connect_failure(TimeoutError(), where, "tls", 5.0)
    assert isinstance(timeout, RouterTimeout) and "plain API service" in str(timeout) and port in str(timeout)
    assert "force_no_cert" not in str(timeout)
    closed = str(connect_failure(ssl.SSLEOFError(8, "EOF occurred in violation of protocol"), where, "tls", 5.0))
    assert "tls=false" in closed
    if port == "8728":
        assert "force_no_cert" not in closed
    else:
        assert closed.index("tls=false") < closed.index("force_no_cert=true")


def test_an_api_ssl_service_without_certificate_still_points_at_force_no_cert():
    with Simulator(version="7.16", tls="anonymous", password=CLIENT_PASSWORD) as sim:
        params = ConnectionParams(sim.host, port=sim.ssl_port, password=CLIENT_PASSWORD, tls=True, timeout=3)
        with pytest.raises(ConnectError) as info:
            Session.connect(params)
        assert "set force_no_cert=true" in str(info.value)


def test_frozen_router_during_login_says_so():
    with Simulator(version="7.16", password=CLIENT_PASSWORD, extra_args=("--stall-after", "0")) as sim:
        params = ConnectionParams(sim.host, port=sim.port, username=sim.user, password=CLIENT_PASSWORD, timeout=0.3)
        with pytest.raises(RouterTimeout) as info:
            Session.connect(params)
        text = str(info.value)
        assert "did not answer /login within 0.3s" in text and "frozen" in text
        assert "reply to the reply" not in text and CLIENT_PASSWORD not in text
