# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""rosim's /tool/fetch (a real HTTP and HTTPS client over loopback: progress rows, files of any size, uploads,
the errors of a refused connection, an HTTP error status and a certificate that does not verify) and
/system/backup/load (wrong password: nothing changes; right one: a reboot, then the backed-up configuration)."""

import hashlib
import http.server
import os
import ssl
import threading
import time

import pytest
from simraw import Closed, Raw, rows, traps

from support.rosim import CERT_FILE, KEY_FILE, Simulator

from ansible_collections.tikops.routeros.plugins.module_utils.api.options import ConnectionParams
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session

BLOB = os.urandom(300 * 1024) + bytes(range(256))


class Handler(http.server.BaseHTTPRequestHandler):
    uploads = {}

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path != "/blob.bin":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(BLOB)))
        self.end_headers()
        self.wfile.write(BLOB)

    def do_PUT(self):
        length = int(self.headers["Content-Length"])
        Handler.uploads[(self.command, self.path)] = self.rfile.read(length)
        self.send_response(201)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_PUT


@pytest.fixture(scope="module")
def servers():
    plain = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    tls = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(CERT_FILE, KEY_FILE)
    tls.socket = ctx.wrap_socket(tls.socket, server_side=True)
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in (plain, tls)]
    for t in threads:
        t.start()
    yield "http://127.0.0.1:%d" % plain.server_address[1], "https://127.0.0.1:%d" % tls.server_address[1]
    for s in (plain, tls):
        s.shutdown()
        s.server_close()


@pytest.fixture(scope="module")
def sim():
    with Simulator(version="7.16", identity="fetch7") as s:
        yield s


def session(sim):
    return Session.connect(ConnectionParams(sim.host, port=sim.port, timeout=10.0))


def file_bytes(s, name):
    size = int(s.call("/file", "print", queries=["?name=%s" % name], proplist=["size"]).rows[0]["size"])
    out = b""
    for offset in range(0, size, 32768):
        out += s.call("/file", "read", attributes={"file": name, "chunk-size": "32768", "offset": str(offset)},
                      raw=True).rows[0]["data"]
    return out


def test_fetch_download_upload_and_errors(sim, servers):
    http_base, https_base = servers
    with Raw(sim.host, sim.port, timeout=20) as r:
        r.login()
        got = r.call("/tool/fetch", "=url=%s/blob.bin" % http_base, "=dst-path=blob.bin", tag="1")
        progress = rows(got)
        assert progress[0] == {"status": "connecting", ".section": "0"}
        last = progress[-1]
        assert last["status"] == "finished" and last["downloaded"] == last["total"] == str(len(BLOB) // 1024)
        assert [p[".section"] for p in progress] == [str(i) for i in range(len(progress))]
        assert got[-1].kind == "!done" and not traps(got)
        # HTTPS: the self-signed certificate is refused when checked, taken when not
        bad = r.call("/tool/fetch", "=url=%s/blob.bin" % https_base, "=dst-path=tls.bin", "=check-certificate=yes")
        assert traps(bad) and traps(bad)[0][0].startswith("failure: SSL: handshake failed")
        good = r.call("/tool/fetch", "=url=%s/blob.bin" % https_base, "=dst-path=tls.bin", "=mode=https",
                      "=check-certificate=no")
        assert not traps(good) and rows(good)[-1]["status"] == "finished"
        # an HTTP error status and a refused connection: the wording of RouterOS 7; no file written
        missing = r.call("/tool/fetch", "=url=%s/nothing" % http_base, "=dst-path=nothing.bin")
        assert traps(missing) == [("failure: Fetch failed with status 404", None)]
        closed = r.call("/tool/fetch", "=url=http://127.0.0.1:1/x", "=dst-path=x.bin")
        assert traps(closed) == [("failure: connection refused", None)]
        names = [row["name"] for row in rows(r.call("/file/print", "=.proplist=name,type,size"))]
        assert "nothing.bin" not in names and "x.bin" not in names
        # upload: the router's file is the request body (PUT by default, POST when asked)
        up = r.call("/tool/fetch", "=url=%s/up/1" % http_base, "=upload=yes", "=src-path=blob.bin")
        assert not traps(up) and rows(up)[-1]["uploaded"] == str(len(BLOB) // 1024)
        r.call("/tool/fetch", "=url=%s/up/2" % http_base, "=upload=yes", "=src-path=blob.bin", "=http-method=post")
        nofile = r.call("/tool/fetch", "=url=%s/up/3" % http_base, "=upload=yes", "=src-path=nope.bin")
        assert traps(nofile) == [("failure: no such file", None)]
    assert Handler.uploads[("PUT", "/up/1")] == BLOB and Handler.uploads[("POST", "/up/2")] == BLOB
    s = session(sim)
    try:
        assert hashlib.sha256(file_bytes(s, "blob.bin")).digest() == hashlib.sha256(BLOB).digest()
        assert file_bytes(s, "tls.bin") == BLOB
    finally:
        s.close()


def test_backup_load_wrong_password_then_reboot_into_the_backup(sim):
    s = session(sim)
    try:
        s.call("/system/identity", "set", attributes={"name": "saved"})
        s.call("/system/backup", "save", attributes={"name": "b1", "password": "right"})
        s.call("/system/identity", "set", attributes={"name": "changed-after"})
        uptime = s.call("/system/resource", "print", proplist=["uptime"]).rows[0]["uptime"]
    finally:
        s.close()
    with Raw(sim.host, sim.port) as r:
        r.login()
        assert not traps(r.call("/rosim/fault", "=reboot_down_ms=300"))
        wrong = r.call("/system/backup/load", "=name=b1.backup", "=password=wrong")
        assert traps(wrong) == [("failure: wrong password", "4")]
        assert rows(r.call("/system/identity/print")) == [{"name": "changed-after"}]
        assert traps(r.call("/system/backup/load", "=name=nope.backup"))[0][0] == "failure: no such file"
        ok = r.call("/system/backup/load", "=name=b1.backup", "=password=right")
        assert [x.kind for x in ok] == ["!done"]
        with pytest.raises((Closed, ConnectionError, OSError)):
            r.call("/system/identity/print")
    deadline = time.monotonic() + 10
    while True:
        try:
            s = session(sim)
            break
        except Exception:
            assert time.monotonic() < deadline, "the router did not come back"
            time.sleep(0.1)
    try:
        assert s.call("/system/identity", "print").rows == [{"name": "saved"}]
        names = [row["name"] for row in s.call("/file", "print", proplist=["name"]).rows]
        assert "b1.backup" in names  # the files stay
        assert s.call("/system/resource", "print", proplist=["uptime"]).rows[0]["uptime"] in ("0s", "1s", uptime)
    finally:
        s.close()


def test_routeros6_wording_and_no_http_upload(servers):
    http_base = servers[0]
    port = int(http_base.rsplit(":", 1)[1])
    with Simulator(version="6.49.10", identity="fetch6") as sim6:
        with Raw(sim6.host, sim6.port) as r:
            r.login()
            missing = r.call("/tool/fetch", "=url=%s/nothing" % http_base, "=dst-path=n.bin")
            assert traps(missing) == [("failure: closing connection: <404 Not Found> 127.0.0.1:%d (4)" % port, None)]
            ok = r.call("/tool/fetch", "=url=%s/blob.bin" % http_base, "=dst-path=blob.bin")
            assert rows(ok)[-1]["status"] == "finished"
            up = r.call("/tool/fetch", "=url=%s/up/6" % http_base, "=upload=yes", "=src-path=blob.bin")
            assert traps(up) == [("failure: upload is supported only for FTP and SFTP", "4")]
            assert traps(r.call("/file/add", "=name=a.txt", "=contents=x"))  # no contents writes on 6.x
