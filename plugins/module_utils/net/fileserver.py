# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A short-lived HTTP(S) server on the controller that a router fetches one file from, or uploads one file to.

The router's ``/tool/fetch`` is the only way an API client can make it take (or give) a file of any size: the
client starts this server, tells the router the URL, and stops the server when the transfer ended, failed or the
task was interrupted (a context manager)::

    with FileServer(bind="192.0.2.10") as server:
        url = server.offer(data, "pkg.npk")      # GET of that URL sends data, once
        url = server.expect(max_bytes)           # PUT or POST to that URL is kept, once: server.received(url)

Each URL holds a random token (128 bits): any other path is refused (404), a URL serves or takes one transfer only
and then answers 404 (410 for a second upload), and the server listens only while the task needs it. With
``certfile``/``keyfile`` it speaks TLS (the URLs are ``https://``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import socket
import ssl
import threading

try:
    from http.server import BaseHTTPRequestHandler, HTTPServer
    from socketserver import ThreadingMixIn
except ImportError:  # pragma: no cover - Python 2 is not supported by the collection
    BaseHTTPRequestHandler = HTTPServer = ThreadingMixIn = object

COPY_STEP = 256 * 1024


class FileServerError(Exception):
    pass


def local_address_towards(host, port=8728):
    """The address this machine uses to reach ``host`` (the source address of a route to it): the address a router
    reached at ``host`` can reach back, in most networks. No packet is sent (a UDP socket is only connected)."""
    try:
        infos = socket.getaddrinfo(host, port, 0, socket.SOCK_DGRAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FileServerError("cannot resolve %s to find the address it reaches this controller at: %s" % (host, exc))
    last = None
    for family, socktype, proto, dummy, sockaddr in infos:
        sock = socket.socket(family, socktype, proto)
        try:
            sock.connect(sockaddr)
            return sock.getsockname()[0]
        except OSError as exc:
            last = exc
        finally:
            sock.close()
    raise FileServerError("no route from this controller to %s (%s): give server_address" % (host, last))


class _Server(ThreadingMixIn, HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, handler, family):
        self.address_family = family
        HTTPServer.__init__(self, address, handler)
        self.lock = threading.Lock()
        self.offers = {}  # path -> [data, served]
        self.uploads = {}  # path -> {"max": n, "data": bytes or None, "error": str or None}
        self.requests = []  # (method, path, status): what the router asked, for the task's messages


class _Handler(BaseHTTPRequestHandler):
    server_version = "tikops-routeros"
    sys_version = ""
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # nothing on the controller's stderr
        pass

    def _answer(self, status, body=b""):
        with self.server.lock:
            self.server.requests.append((self.command, self.path, status))
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if body:
            self.wfile.write(body)
        self.close_connection = True

    def do_GET(self):
        with self.server.lock:
            offer = self.server.offers.get(self.path)
            if offer is None or offer[1]:
                offer = None
            else:
                offer[1] = True  # one transfer per URL
        if offer is None:
            self._answer(404)
            return
        data = offer[0]
        with self.server.lock:
            self.server.requests.append((self.command, self.path, 200))
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        view = memoryview(data)
        for start in range(0, len(data), COPY_STEP):
            self.wfile.write(view[start:start + COPY_STEP])
        self.close_connection = True

    def do_PUT(self):
        with self.server.lock:
            slot = self.server.uploads.get(self.path)
            taken = slot is not None and slot.get("taken")
            if slot is not None:
                slot["taken"] = True
        if slot is None:
            self._answer(404)
            return
        if taken:
            self._answer(410)
            return
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            self._take_chunked(slot)
            return
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            slot["error"] = "the router sent no Content-Length"
            self._answer(411)
            return
        length = int(length)
        if length > slot["max"]:
            slot["error"] = "the router offered %d bytes, more than the limit of %d" % (length, slot["max"])
            self._answer(413)
            return
        parts = []
        got = 0
        while got < length:
            chunk = self.rfile.read(min(COPY_STEP, length - got))
            if not chunk:
                break
            parts.append(chunk)
            got += len(chunk)
        if got < length:
            slot["error"] = "the router's upload ended after %d of %d bytes" % (got, length)
            self._answer(400)
            return
        slot["data"] = b"".join(parts)
        self._answer(201)

    do_POST = do_PUT

    def _take_chunked(self, slot):
        """A body sent in chunks (Transfer-Encoding: chunked), within the slot's limit."""
        parts = []
        got = 0
        while True:
            line = self.rfile.readline(1024)
            size_text = line.split(b";", 1)[0].strip()
            try:
                size = int(size_text, 16)
            except ValueError:
                slot["error"] = "the router's upload is not valid chunked encoding"
                self._answer(400)
                return
            if size == 0:
                while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                break
            got += size
            if got > slot["max"]:
                slot["error"] = "the router sent more than the limit of %d bytes" % slot["max"]
                self._answer(413)
                return
            chunk = self.rfile.read(size)
            self.rfile.readline(1024)  # the CRLF after the chunk
            if len(chunk) < size:
                slot["error"] = "the router's upload ended after %d bytes" % (got - size + len(chunk))
                self._answer(400)
                return
            parts.append(chunk)
        slot["data"] = b"".join(parts)
        self._answer(201)


class FileServer:
    """The server (see the module's docstring); ``bind`` is the address it listens on and, unless ``url_host`` is
    given, names in its URLs."""

    def __init__(self, bind, port=0, certfile=None, keyfile=None, url_host=None):
        self.bind = bind
        self.url_host = url_host or bind  # what the URLs name: another address when a NAT stands in between
        family = socket.AF_INET6 if ":" in bind else socket.AF_INET
        try:
            self.httpd = _Server((bind, port), _Handler, family)
        except (OSError, socket.error) as exc:
            raise FileServerError("cannot listen on %s port %d for the router to fetch from: %s" % (bind, port, exc))
        self.scheme = "http"
        if certfile:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            try:
                ctx.load_cert_chain(certfile, keyfile or None)
            except (OSError, ssl.SSLError) as exc:
                self.httpd.server_close()
                raise FileServerError("server_cert/server_key: cannot load %s: %s" % (certfile, exc))
            self.httpd.socket = ctx.wrap_socket(self.httpd.socket, server_side=True)
            self.scheme = "https"
        self.port = self.httpd.server_address[1]
        self.thread = None

    def __enter__(self):
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                       name="tikops-fileserver")
        self.thread.daemon = True
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        if self.thread is not None:
            self.httpd.shutdown()
            self.thread.join(5)
            self.thread = None
        self.httpd.server_close()

    def _url(self, path):
        host = "[%s]" % self.url_host if ":" in self.url_host else self.url_host
        return "%s://%s:%d%s" % (self.scheme, host, self.port, path)

    @staticmethod
    def _token():
        return "/" + os.urandom(16).hex()

    def offer(self, data, name="file"):
        """A one-time URL whose GET sends ``data``."""
        path = "%s/%s" % (self._token(), name.rsplit("/", 1)[-1] or "file")
        with self.httpd.lock:
            self.httpd.offers[path] = [bytes(data), False]
        return self._url(path)

    def expect(self, max_bytes):
        """A one-time URL that takes one PUT or POST of at most ``max_bytes``."""
        path = self._token()
        with self.httpd.lock:
            self.httpd.uploads[path] = {"max": max_bytes, "data": None, "error": None}
        return self._url(path)

    def received(self, url):
        """(data or None, error or None) of the upload to ``url``."""
        path = url.split("://", 1)[1]
        path = path[path.index("/"):]
        with self.httpd.lock:
            slot = self.httpd.uploads.get(path) or {}
            return slot.get("data"), slot.get("error")

    def served(self, url):
        path = url.split("://", 1)[1]
        path = path[path.index("/"):]
        with self.httpd.lock:
            offer = self.httpd.offers.get(path)
            return bool(offer and offer[1])

    def requests(self):
        with self.httpd.lock:
            return list(self.httpd.requests)
