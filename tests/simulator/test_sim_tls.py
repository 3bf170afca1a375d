# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""api-ssl: a verified certificate, and the anonymous-DH mode of a router without one."""

import ssl

import librouteros
import pytest
import routeros_api
from simraw import Raw, adh_context, rows

from support.rosim import CERT_FILE, Simulator


@pytest.fixture(scope="module")
def tls_sim():
    with Simulator(version="7.16", tls=True, identity="tls1", password="tlspw") as s:
        yield s


@pytest.fixture(scope="module")
def adh_sim():
    with Simulator(version="6.49.10", tls="anonymous", identity="adh1") as s:
        yield s


def test_verified_tls_with_hostname(tls_sim):
    ctx = ssl.create_default_context(cafile=tls_sim.ca_file)
    with Raw("localhost", tls_sim.ssl_port, tls=ctx, server_hostname="localhost") as r:
        assert r.sock.version() in ("TLSv1.2", "TLSv1.3")
        r.login("admin", "tlspw")
        assert rows(r.call("/system/identity/print")) == [{"name": "tls1"}]
    with Raw("127.0.0.1", tls_sim.ssl_port, tls=ctx, server_hostname="127.0.0.1") as r:
        r.login("admin", "tlspw")


def test_untrusted_certificate_is_rejected(tls_sim):
    ctx = ssl.create_default_context()
    with pytest.raises(ssl.SSLCertVerificationError):
        Raw("127.0.0.1", tls_sim.ssl_port, tls=ctx, server_hostname="localhost")


def test_wrong_hostname_is_rejected(tls_sim):
    ctx = ssl.create_default_context(cafile=tls_sim.ca_file)
    with pytest.raises(ssl.SSLCertVerificationError):
        Raw("127.0.0.1", tls_sim.ssl_port, tls=ctx, server_hostname="router.example")


def test_librouteros_over_tls(tls_sim):
    ctx = ssl.create_default_context(cafile=tls_sim.ca_file)
    api = librouteros.connect(host="127.0.0.1", port=tls_sim.ssl_port, username="admin", password="tlspw",
                              ssl_wrapper=lambda s: ctx.wrap_socket(s, server_hostname="localhost"))
    try:
        assert list(api.path("system", "identity")) == [{"name": "tls1"}]
    finally:
        api.close()


def test_routeros_api_over_tls(tls_sim):
    ctx = ssl.create_default_context(cafile=tls_sim.ca_file)
    pool = routeros_api.RouterOsApiPool("localhost", username="admin", password="tlspw", port=tls_sim.ssl_port,
                                        plaintext_login=True, use_ssl=True, ssl_context=ctx)
    try:
        assert pool.get_api().get_resource("/system/identity").get() == [{"name": "tls1"}]
    finally:
        pool.disconnect()


def test_tls_events_mark_the_service(tls_sim):
    ctx = ssl.create_default_context(cafile=tls_sim.ca_file)
    with Raw("localhost", tls_sim.ssl_port, tls=ctx, server_hostname="localhost") as r:
        r.login("admin", "tlspw")
    connects = tls_sim.events("connect")
    assert any(e["tls"] is True and e["service"] == "api-ssl" for e in connects)


def test_api_ssl_service_names_the_certificate(tls_sim):
    with Raw(tls_sim.host, tls_sim.port) as r:
        r.login("admin", "tlspw")
        svc = rows(r.call("/ip/service/print", "?name=api-ssl"))[0]
        assert svc["certificate"] == "rosim-cert" and svc["port"] == str(tls_sim.ssl_port)


def test_anonymous_dh(adh_sim):
    assert adh_sim.ca_file is None
    with Raw(adh_sim.host, adh_sim.ssl_port, tls=adh_context()) as r:
        assert r.sock.version() == "TLSv1.2"
        assert r.sock.cipher()[0].startswith("ADH-")
        r.login()
        assert rows(r.call("/system/identity/print")) == [{"name": "adh1"}]


def test_anonymous_dh_refuses_certificate_clients(adh_sim):
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    with pytest.raises(ssl.SSLError):
        Raw(adh_sim.host, adh_sim.ssl_port, tls=ctx)


def test_librouteros_anonymous_dh(adh_sim):
    ctx = adh_context()
    api = librouteros.connect(host=adh_sim.host, port=adh_sim.ssl_port, username="admin", password="",
                              ssl_wrapper=ctx.wrap_socket)
    try:
        assert list(api.path("system", "identity")) == [{"name": "adh1"}]
    finally:
        api.close()


@pytest.fixture(scope="module")
def generated_sim():
    with Simulator(version="7.16", tls="generated", identity="gen1", password="genpw") as s:
        yield s


def test_generated_certificate_is_named_in_the_ready_line_and_verifies(generated_sim):
    assert generated_sim.ca_file and generated_sim.ca_file.endswith(".pem")
    assert generated_sim.ca_file != CERT_FILE
    ctx = ssl.create_default_context(cafile=generated_sim.ca_file)
    for host in ("localhost", "127.0.0.1"):
        with Raw(host, generated_sim.ssl_port, tls=ctx, server_hostname=host) as r:
            assert r.sock.version() in ("TLSv1.2", "TLSv1.3")
            r.login("admin", "genpw")
            assert rows(r.call("/system/identity/print")) == [{"name": "gen1"}]
    with pytest.raises(ssl.SSLCertVerificationError):  # the shipped test certificate is not what it serves
        Raw("localhost", generated_sim.ssl_port, tls=ssl.create_default_context(cafile=CERT_FILE),
            server_hostname="localhost")
    with Raw(generated_sim.host, generated_sim.port) as r:
        r.login("admin", "genpw")
        svc = rows(r.call("/ip/service/print", "?name=api-ssl", "=.proplist=certificate,tls-version"))[0]
        assert svc == {"certificate": "rosim-cert", "tls-version": "any"}


def test_foreign_clients_over_the_generated_certificate(generated_sim):
    ctx = ssl.create_default_context(cafile=generated_sim.ca_file)
    api = librouteros.connect(host="127.0.0.1", port=generated_sim.ssl_port, username="admin", password="genpw",
                              ssl_wrapper=lambda s: ctx.wrap_socket(s, server_hostname="localhost"))
    try:
        assert list(api.path("system", "identity")) == [{"name": "gen1"}]
    finally:
        api.close()
    pool = routeros_api.RouterOsApiPool("localhost", username="admin", password="genpw", port=generated_sim.ssl_port,
                                        plaintext_login=True, use_ssl=True, ssl_context=ctx)
    try:
        assert pool.get_api().get_resource("/system/identity").get() == [{"name": "gen1"}]
    finally:
        pool.disconnect()


def test_tls_version_only_12():
    with Simulator(version="7.16", tls="generated", extra_args=("--tls-version", "only-1.2")) as sim:
        ctx = ssl.create_default_context(cafile=sim.ca_file)
        with Raw("localhost", sim.ssl_port, tls=ctx, server_hostname="localhost") as r:
            assert r.sock.version() == "TLSv1.2"
            r.login()
            svc = rows(r.call("/ip/service/print", "?name=api-ssl", "=.proplist=tls-version"))
            assert svc == [{"tls-version": "only-1.2"}]
        only13 = ssl.create_default_context(cafile=sim.ca_file)
        only13.minimum_version = ssl.TLSVersion.TLSv1_3
        with pytest.raises(ssl.SSLError):
            Raw("localhost", sim.ssl_port, tls=only13, server_hostname="localhost")
