# -*- coding: utf-8 -*-
"""Our client against the simulator over real sockets: connecting, TLS and logging in."""

from __future__ import annotations

import socket

import pytest
from support.client import CLIENT_PASSWORD

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import ConnectError, LoginError, RouterTimeout
from ansible_collections.tikops.routeros.plugins.module_utils.api.options import ConnectionParams
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session
from ansible_collections.tikops.routeros.plugins.module_utils.net.transport import open_transport
from support.rosim import Simulator


def identity(session):
    return session.call("/system/identity", "print").rows[0]["name"]


# -- login ---------------------------------------------------------------------------------------------


def test_plain_login_on_7(client_sim, make_params):
    with Session.connect(make_params(client_sim)) as session:
        assert session.login_method == "plain"
        assert identity(session) == client_sim.identity


def test_md5_fallback_on_6_42(client_sim_642, make_params):
    with Session.connect(make_params(client_sim_642)) as session:
        assert session.login_method == "md5"
        assert identity(session) == client_sim_642.identity


def test_md5_method_explicit_on_6_42(client_sim_642, make_params):
    with Session.connect(make_params(client_sim_642), method="md5") as session:
        assert session.login_method == "md5"


def test_plain_method_refuses_challenge(client_sim_642, make_params):
    with pytest.raises(LoginError, match="MD5"):
        Session.connect(make_params(client_sim_642), method="plain")


@pytest.mark.parametrize("fixture,router_text", [
    ("client_sim", "invalid user name or password"),
    ("client_sim_642", "cannot log in"),
])
def test_bad_password_message_has_no_password(request, make_params, fixture, router_text):
    sim = request.getfixturevalue(fixture)
    wrong = "Wr0ng-" + CLIENT_PASSWORD
    with pytest.raises(LoginError) as info:
        Session.connect(make_params(sim, password=wrong))
    message = str(info.value)
    assert wrong not in message and CLIENT_PASSWORD not in message
    assert router_text in message
    assert "'%s'" % sim.user in message and "%s:%s" % (sim.host, sim.port) in message


def test_login_with_unicode_password():
    password = "pässwörd-ĉ"
    with Simulator(version="7.16", password=password) as sim:
        params = ConnectionParams(sim.host, port=sim.port, username=sim.user, password=password, timeout=5)
        with Session.connect(params) as session:
            assert identity(session) == sim.identity


# -- TLS -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_tls_verified_against_ca_file(client_sim, make_params, host):
    params = make_params(client_sim, host=host, tls=True, ca_path=client_sim.ca_file)
    with Session.connect(params) as session:
        assert session.transport.tls
        assert session.transport.sock.version().startswith("TLS")
        assert identity(session) == client_sim.identity


def test_tls_default_verification_rejects_unknown_ca(client_sim, make_params):
    with pytest.raises(ConnectError) as info:
        Session.connect(make_params(client_sim, tls=True))
    assert "certificate" in str(info.value) and str(client_sim.ssl_port) in str(info.value)


def test_tls_hostname_check(client_sim, make_params, forward):
    fw = forward((client_sim.host, client_sim.ssl_port))
    params = make_params(client_sim, host=fw.host, port=fw.port, tls=True, ca_path=client_sim.ca_file)
    with pytest.raises(ConnectError) as info:
        Session.connect(params)
    assert "127.0.0.2" in str(info.value)
    assert "mismatch" in str(info.value).lower() or "hostname" in str(info.value).lower()
    params = make_params(client_sim, host=fw.host, port=fw.port, tls=True, ca_path=client_sim.ca_file,
                         validate_cert_hostname=False)
    with Session.connect(params) as session:
        assert identity(session) == client_sim.identity


def test_tls_validate_certs_false(client_sim, make_params):
    with Session.connect(make_params(client_sim, tls=True, validate_certs=False)) as session:
        assert identity(session) == client_sim.identity


def test_tls_anonymous_dh_with_force_no_cert():
    with Simulator(version="7.16", tls="anonymous", password=CLIENT_PASSWORD) as sim:
        base = dict(port=sim.ssl_port, username=sim.user, password=CLIENT_PASSWORD, tls=True, timeout=5)
        with Session.connect(ConnectionParams(sim.host, force_no_cert=True, **base)) as session:
            cipher, version, _bits = session.transport.sock.cipher()
            assert cipher.startswith("ADH") and version == "TLSv1.2"
            assert identity(session) == sim.identity
        with pytest.raises(ConnectError) as info:
            Session.connect(ConnectionParams(sim.host, **base))
        assert "force_no_cert" in str(info.value)


def test_tls_port_default_is_8729():
    assert ConnectionParams("h", tls=True).effective_port == 8729


# -- connect failures ----------------------------------------------------------------------------------


def test_connect_refused_names_host_and_port():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there now
    with pytest.raises(ConnectError) as info:
        Session.connect(ConnectionParams("127.0.0.1", port=port, timeout=2))
    assert "127.0.0.1:%d" % port in str(info.value) and "refused" in str(info.value).lower()


def test_unknown_host():
    with pytest.raises(ConnectError, match="no-such-router.invalid"):
        open_transport(ConnectionParams("no-such-router.invalid", timeout=2))


def test_tls_handshake_timeout():
    # a listener that never accepts: the kernel completes TCP, nobody answers the TLS hello
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    try:
        params = ConnectionParams("127.0.0.1", port=silent.getsockname()[1], tls=True, validate_certs=False,
                                  timeout=0.3)
        with pytest.raises(RouterTimeout) as info:
            open_transport(params)
        assert "TLS handshake" in str(info.value) and "0.3" in str(info.value)
    finally:
        silent.close()


def test_login_timeout_names_login():
    with Simulator(version="7.16", password=CLIENT_PASSWORD, extra_args=("--stall-after", "0")) as sim:
        params = ConnectionParams(sim.host, port=sim.port, username=sim.user, password=CLIENT_PASSWORD, timeout=0.3)
        with pytest.raises(RouterTimeout) as info:
            Session.connect(params)
        assert "/login" in str(info.value) and "0.3" in str(info.value)
        assert CLIENT_PASSWORD not in str(info.value)


def test_refused_logins():
    with Simulator(version="7.16", password=CLIENT_PASSWORD, extra_args=("--refuse-logins",)) as sim:
        params = ConnectionParams(sim.host, port=sim.port, username=sim.user, password=CLIENT_PASSWORD, timeout=2)
        with pytest.raises(LoginError) as info:
            Session.connect(params)
        assert CLIENT_PASSWORD not in str(info.value)
