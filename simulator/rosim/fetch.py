# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``/tool/fetch`` over real sockets (HTTP and HTTPS) and ``/system/backup/load`` with its reboot.

``/tool/fetch`` (docs/simulator.md, "Fetch and backup load"):

- ``url=http://...`` or ``https://...`` (``mode`` follows the URL's scheme; a ``mode`` that contradicts it is
  refused), ``dst-path`` (default: the URL's last path segment), ``check-certificate=no|yes|yes-without-crl``
  (``yes`` checks the server's certificate against the trust store of the machine the simulator runs on),
  ``idle-timeout`` (7.18+: the connect and read timeout; otherwise 10 s), ``http-method``,
  ``upload=yes`` with ``src-path`` (the file's bytes are the request body; PUT unless ``http-method=post``).
- Sourced (librouteros docs/api_analysis.rst, a capture on a real router): the replies are progress rows
  ``status=connecting`` (``.section=0``), then ``status=downloading`` with ``downloaded``, ``total`` (KiB) and
  ``duration`` about once a second, then ``status=finished``, each with ``.section`` counting up, then ``!done``.
- Sourced (comments of a public RouterOS script collection, smirnovhub/my-mikrotik-scripts): an HTTP error status
  fails as ``failure: Fetch failed with status 404`` on RouterOS 7 and as
  ``failure: closing connection: <404 Not Found> ADDRESS:PORT (4)`` on RouterOS 6.
- Chosen (no capture found): a refused connection fails as ``failure: connection refused``, no answer within the
  timeout as ``failure: connection timeout``, another connect error (no route) as
  ``failure: could not connect: <reason>``, a connection that ends early as
  ``failure: connection closed before the transfer ended``, a certificate that does not verify as
  ``failure: SSL: handshake failed: <reason>``, a missing ``src-path`` as ``failure: no such file``; an upload's
  rows carry ``uploaded`` instead of ``downloaded``; the traps have no category. RouterOS 6 uploads only over
  (S)FTP (the old manual's Fetch page): ``upload=yes`` with HTTP fails there.

``/system/backup/load =name= [=password=]``: the file must be a backup this simulator saved (files.py); a wrong
or missing password fails with ``failure: wrong password`` (chosen) and nothing changes. Otherwise ``!done``, then
the router reboots (RouterService.restart: every session dropped, connections refused for the faults' ``reboot_down_ms``)
and comes back with the backed-up configuration, its files kept and a new uptime.
"""

import asyncio
import ssl
import time
import urllib.parse

from . import files as rosim_files
from . import values as V
from .values import Trap

COMMANDS = {"/tool/fetch", "/system/backup/load"}
FETCH_ARGS = {"url", "mode", "dst-path", "check-certificate", "idle-timeout", "http-method", "upload", "src-path",
              "keep-result", "as-value", "without-paging", "duration", ".proplist", "http-header-field", "output",
              "address", "host", "port", "user", "password"}
DEFAULT_TIMEOUT = 10.0
REASONS = {200: "OK", 201: "Created", 204: "No Content", 301: "Moved Permanently", 302: "Found",
           400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
           500: "Internal Server Error"}


async def handle(conn, cmd, tag):
    """Answer ``cmd`` (one of :data:`COMMANDS`) on connection ``conn``."""
    router = conn.router
    if not router.allowed(conn.user, "set"):
        raise Trap("not enough permissions (9)")
    if cmd.word == "/system/backup/load":
        snapshot = rosim_files.backup_load(router, cmd.attrs)
        conn.reply("!done", tag)
        await conn.drain()
        router.log("system,info", "configuration restored from backup %s, rebooting" % cmd.attrs.get("name"))
        faults = conn.service.faults
        down = getattr(faults, "reboot_down_ms", faults.restart_down_ms)
        conn.service.emit("reboot", mode="backup-load", version=router.version_text, down_ms=down)
        conn.service.restart(down)
        rosim_files.restore_state(router, snapshot)
        return
    await fetch(conn, cmd, tag)


class Progress:
    """The progress rows of one fetch: ``.section`` counts up; a row at most once a second while moving."""

    def __init__(self, conn, tag, word):
        self.conn = conn
        self.tag = tag
        self.word = word
        self.section = 0
        self.started = time.monotonic()
        self.last = None

    def duration(self):
        return V.fmt_duration(int(time.monotonic() - self.started) * 1000)

    def row(self, status, done=None, total=None):
        row = {"status": status}
        if done is not None:
            row[self.word] = str(done // 1024)
            row["total"] = str((total if total is not None else done) // 1024)
            row["duration"] = self.duration()
        row[".section"] = str(self.section)
        self.section += 1
        self.conn.reply("!re", self.tag, row)

    def moving(self, done, total):
        now = time.monotonic()
        if self.last is None or now - self.last >= 1.0:
            self.last = now
            self.row("downloading" if self.word == "downloaded" else "uploading", done, total)


def _timeout(router, attrs):
    if "idle-timeout" in attrs:
        ms = V.duration_ms(attrs["idle-timeout"])
        if ms is None or ms < 1000:
            raise Trap("value of idle-timeout must be time interval 1s..1w", V.CAT_ARGUMENT)
        return ms / 1000.0
    return DEFAULT_TIMEOUT


def _ssl_context(attrs):
    check = attrs.get("check-certificate", "no")
    if check not in ("no", "yes", "yes-without-crl"):
        raise Trap("value of check-certificate must be one of no, yes, yes-without-crl", V.CAT_ARGUMENT)
    if check == "no":
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        return ctx
    return ssl.create_default_context()


async def fetch(conn, cmd, tag):
    router = conn.router
    attrs = cmd.attrs
    for name in attrs:
        if name not in FETCH_ARGS:
            raise router.unknown_parameter(name)
    if "idle-timeout" in attrs and router.version < (7, 18):
        raise router.unknown_parameter("idle-timeout")
    url = attrs.get("url")
    if not url:
        raise Trap("rosim: give url= to /tool/fetch (address/src-path forms are not modelled)", V.CAT_ARGUMENT)
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise Trap("failure: unsupported url %s (rosim fetches http and https)" % url, V.CAT_ARGUMENT)
    mode = attrs.get("mode", scheme)
    if mode != scheme:
        raise Trap("failure: mode %s does not match the url's scheme %s" % (mode, scheme), V.CAT_ARGUMENT)
    timeout = _timeout(router, attrs)
    upload = V.parse_bool("upload", attrs["upload"]) == "true" if "upload" in attrs else False
    method = attrs.get("http-method", "put" if upload else "get").lower()
    if method not in ("get", "post", "put", "delete", "head", "patch"):
        raise Trap("value of http-method must be one of delete, get, head, post, put, patch", V.CAT_ARGUMENT)
    body = b""
    if upload:
        if not router.v7():
            raise Trap("failure: upload is supported only for FTP and SFTP", V.CAT_FAILURE)
        if "src-path" not in attrs:
            raise Trap("value of src-path must be specified", V.CAT_ARGUMENT)
        entry = rosim_files.find_file(router, attrs["src-path"])
        if entry is None:
            raise Trap("failure: no such file")
        body = entry["data"]
    ctx = _ssl_context(attrs) if scheme == "https" else None
    port = parts.port or (443 if scheme == "https" else 80)
    progress = Progress(conn, tag, "uploaded" if upload else "downloaded")
    progress.row("connecting")
    await conn.drain()
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        status, data = await _request(parts.hostname, port, ctx, method.upper(), path, body, timeout, progress,
                                      upload)
    except asyncio.TimeoutError:
        raise Trap("failure: connection timeout")
    except ConnectionRefusedError:
        raise Trap("failure: connection refused")
    except ssl.SSLError as exc:
        raise Trap("failure: SSL: handshake failed: %s" % (getattr(exc, "verify_message", None) or exc.reason
                                                           or exc))
    except ConnectFailed as exc:
        raise Trap("failure: could not connect: %s" % exc)
    except (OSError, EOFError):
        raise Trap("failure: connection closed before the transfer ended")
    if not 200 <= status < 300:
        if router.v7():
            raise Trap("failure: Fetch failed with status %d" % status)
        reason = REASONS.get(status, "Error")
        raise Trap("failure: closing connection: <%d %s> %s:%d (4)" % (status, reason, parts.hostname, port))
    if upload:
        progress.row("finished", len(body), len(body))
    else:
        if attrs.get("keep-result", "yes") != "no" and attrs.get("output", "file") == "file":
            name = attrs.get("dst-path") or (path.split("?")[0].rstrip("/").rsplit("/", 1)[-1] or "index.html")
            rosim_files.put_file(router, name, data, rosim_files._kind(name))
        progress.row("finished", len(data), len(data))
    conn.reply("!done", tag)


class ConnectFailed(Exception):
    """The connection could not be opened for another reason than a refusal or a timeout (no route...)."""


async def _request(host, port, ctx, method, path, body, timeout, progress, upload):
    """(status, body bytes) of one HTTP/1.1 request (Connection: close)."""
    try:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(host, port, ssl=ctx, server_hostname=host if ctx is not None else None), timeout)
    except (ConnectionRefusedError, ssl.SSLError, asyncio.TimeoutError):
        raise
    except OSError as exc:
        raise ConnectFailed(exc.strerror or exc.__class__.__name__)
    try:
        head = ["%s %s HTTP/1.1" % (method, path), "Host: %s:%d" % (host, port), "User-Agent: rosim-fetch",
                "Accept: */*", "Connection: close"]
        if upload or body:
            head += ["Content-Type: application/octet-stream", "Content-Length: %d" % len(body)]
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1"))
        sent = 0
        step = 256 * 1024
        while sent < len(body):
            writer.write(body[sent:sent + step])
            sent = min(len(body), sent + step)
            await asyncio.wait_for(writer.drain(), timeout)
            progress.moving(sent, len(body))
        await asyncio.wait_for(writer.drain(), timeout)
        status_line = await asyncio.wait_for(reader.readline(), timeout)
        if not status_line:
            raise EOFError()
        fields = status_line.decode("latin-1").split(None, 2)
        if len(fields) < 2 or not fields[1].isdigit():
            raise EOFError()
        status = int(fields[1])
        length = None
        while True:
            line = await asyncio.wait_for(reader.readline(), timeout)
            if line in (b"\r\n", b"\n", b""):
                break
            name, _sep, value = line.decode("latin-1").partition(":")
            if name.strip().lower() == "content-length" and value.strip().isdigit():
                length = int(value.strip())
        chunks = []
        got = 0
        if method != "HEAD":
            while length is None or got < length:
                want = 65536 if length is None else min(65536, length - got)
                chunk = await asyncio.wait_for(reader.read(want), timeout)
                if not chunk:
                    break
                chunks.append(chunk)
                got += len(chunk)
                if not upload and 200 <= status < 300:
                    progress.moving(got, length if length is not None else got)
        if length is not None and got < length:
            raise EOFError()
        return status, b"".join(chunks)
    finally:
        writer.close()
