# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The controller's short-lived file server (net/fileserver.py), on loopback: a URL serves once, other paths are
refused, an upload is taken once and within its limit, TLS with a given certificate, and nothing listens after."""

import http.client
import os
import socket
import ssl
import urllib.parse

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.net.fileserver import (
    FileServer,
    FileServerError,
    local_address_towards,
)

CERTS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "support", "data")


def request(url, method="GET", body=None, context=None):
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "https":
        conn = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=5, context=context)
    else:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    try:
        conn.request(method, parts.path, body=body)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def test_offer_serves_once_and_only_its_token():
    data = os.urandom(700 * 1024)
    with FileServer("127.0.0.1") as server:
        url = server.offer(data, "flash/pkg.npk")
        assert url.startswith("http://127.0.0.1:%d/" % server.port) and url.endswith("/pkg.npk")
        token = urllib.parse.urlsplit(url).path.split("/")[1]
        assert len(token) == 32
        assert request(url.replace(token, "0" * 32))[0] == 404
        assert request(url) == (200, data)
        assert server.served(url)
        assert request(url)[0] == 404  # one transfer per URL
        port = server.port
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_expect_takes_one_upload_within_its_limit():
    with FileServer("127.0.0.1") as server:
        url = server.expect(1000)
        assert request(url, "PUT", b"x" * 10)[0] == 201
        assert server.received(url) == (b"x" * 10, None)
        assert request(url, "POST", b"y")[0] == 410
        big = server.expect(5)
        assert request(big, "PUT", b"z" * 6)[0] == 413
        data, error = server.received(big)
        assert data is None and "6 bytes" in error
        assert request(url.rsplit("/", 1)[0] + "/" + "1" * 32, "PUT", b"x")[0] == 404


def test_tls_with_a_given_certificate():
    with FileServer("127.0.0.1", certfile=os.path.join(CERTS, "rosim-cert.pem"),
                    keyfile=os.path.join(CERTS, "rosim-key.pem")) as server:
        url = server.offer(b"secret bytes", "a.bin")
        assert url.startswith("https://")
        ctx = ssl.create_default_context(cafile=os.path.join(CERTS, "rosim-cert.pem"))
        assert request(url, context=ctx) == (200, b"secret bytes")


def test_bad_certificate_and_address_are_named():
    with pytest.raises(FileServerError, match="server_cert"):
        FileServer("127.0.0.1", certfile=os.path.join(CERTS, "missing.pem"))
    with pytest.raises(FileServerError, match="192.0.2.1"):
        FileServer("192.0.2.1")  # not an address of this machine
    assert local_address_towards("127.0.0.1") == "127.0.0.1"
    with pytest.raises(FileServerError, match="cannot resolve"):
        local_address_towards("no-such-host.invalid")


def test_urls_may_name_another_address_than_the_one_listened_on():
    with FileServer("127.0.0.1", url_host="198.51.100.7") as server:
        url = server.offer(b"x", "a.bin")
        assert url.startswith("http://198.51.100.7:%d/" % server.port)
        assert request(url.replace("198.51.100.7", "127.0.0.1")) == (200, b"x")


def test_a_chunked_upload_is_taken():
    with FileServer("127.0.0.1") as server:
        url = server.expect(100)
        parts = urllib.parse.urlsplit(url)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
        try:
            conn.request("PUT", parts.path, body=iter([b"abc", b"defg"]), encode_chunked=True,
                         headers={"Transfer-Encoding": "chunked"})
            assert conn.getresponse().status == 201
        finally:
            conn.close()
        assert server.received(url) == (b"abcdefg", None)
        small = server.expect(3)
        parts = urllib.parse.urlsplit(small)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
        try:
            conn.request("PUT", parts.path, body=iter([b"abc", b"defg"]), encode_chunked=True,
                         headers={"Transfer-Encoding": "chunked"})
            assert conn.getresponse().status == 413
        finally:
            conn.close()
        assert server.received(small)[0] is None
