# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Byte transport to a router: a TCP socket, optionally wrapped in TLS.

``open_transport(params)`` connects (with ``params.timeout``) and returns a :class:`SocketTransport` with
``sendall(data)``, ``recv(n)`` (``b""`` at end of stream), ``settimeout(seconds)`` and ``close()``.

TLS settings (all from :class:`options.ConnectionParams`):

- ``tls``: wrap the socket in TLS (api-ssl, port 8729 by default).
- ``validate_certs`` (default on): the router's certificate must chain to a trusted CA: ``ca_path`` (a PEM
  file or a directory of hashed certificates), or the system store when ``ca_path`` is not given.
- ``validate_cert_hostname`` (default on, only with ``validate_certs``): the certificate must name ``host``.
- ``validate_certs=False``: encrypt without checking the certificate (explicit opt-out).
- ``force_no_cert``: for an api-ssl service with no certificate: anonymous Diffie-Hellman ciphers
  (``ADH:@SECLEVEL=0``), TLS 1.2 at most (TLS 1.3 has no anonymous ciphers), no certificate check.

``ssl`` is imported only when TLS is asked for: plain API connections do not pay its import cost.
``make_ssl_context(params)`` is public so an asyncio user (the broker) can build the same context.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import socket

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import (
    ConnectError,
    ConnectionLost,
    RouterTimeout,
)

RECV_SIZE = 262144


def make_ssl_context(params):
    """The ``ssl.SSLContext`` for ``params`` (see the module docstring for the meaning of each option)."""
    import ssl  # lazily: only TLS users pay for it

    if params.force_no_cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        ctx.maximum_version = ssl.TLSVersion.TLSv1_2
        try:
            ctx.set_ciphers("ADH:@SECLEVEL=0")
        except ssl.SSLError as exc:
            raise ConnectError("this OpenSSL (%s) offers no anonymous DH ciphers for force_no_cert: %s"
                               % (ssl.OPENSSL_VERSION, exc))
        return ctx
    if not params.validate_certs:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        return ctx
    ca_path = params.ca_path
    try:
        if ca_path and _isdir(ca_path):
            ctx = ssl.create_default_context(capath=ca_path)
        elif ca_path:
            ctx = ssl.create_default_context(cafile=ca_path)
        else:
            ctx = ssl.create_default_context()
    except (OSError, ssl.SSLError) as exc:
        raise ConnectError("cannot load the CA certificates from ca_path %r: %s" % (ca_path, _reason(exc)))
    ctx.check_hostname = bool(params.validate_cert_hostname)
    ctx.verify_mode = ssl.CERT_REQUIRED
    return ctx


def _isdir(path):
    return os.path.isdir(path)


def error_reason(exc):
    """A short, human reason for a socket or TLS error; never empty. The errno's own text comes first (asyncio's
    connect errors carry "Connect call failed (...)" as their text), except for TLS and name resolution errors,
    whose numbers are not errnos."""
    text = getattr(exc, "verify_message", None) or getattr(exc, "reason", None)
    errno = getattr(exc, "errno", None)
    if not text and isinstance(errno, int) and errno > 0 and not isinstance(exc, socket.gaierror) \
            and type(exc).__module__ != "ssl":
        try:
            text = os.strerror(errno)
        except (TypeError, ValueError):
            text = None
    text = text or getattr(exc, "strerror", None)
    if text and not isinstance(text, str):
        text = str(text)
    if not text:
        text = str(exc)
    if not text:
        text = _EMPTY_REASONS.get(exc.__class__.__name__) or exc.__class__.__name__
    return text


_reason = error_reason

# What an exception without any text means (asyncio raises a bare ConnectionResetError() when a TLS peer
# closes during the handshake, for example).
_EMPTY_REASONS = {
    "ConnectionResetError": "connection reset by the router",
    "ConnectionAbortedError": "connection aborted",
    "BrokenPipeError": "connection closed by the router",
    "SSLEOFError": "connection closed by the router",
    "SSLZeroReturnError": "connection closed by the router",
    "IncompleteReadError": "connection closed by the router",
}

NO_CERT_HINT = (" (if the router's api-ssl service has no certificate, it only speaks anonymous DH: "
                "set force_no_cert=true)")
PLAIN_PORT_HINT = (" (no TLS answer: if port %s is the plain API service (8728 by default), set tls=false, or use the "
                   "api-ssl port (8729 by default))")
# OpenSSL's reasons when the peer answered with bytes that are not TLS records (a plain API reply, for example)
NOT_TLS_SIGNS = ("WRONG_VERSION_NUMBER", "WRONG VERSION NUMBER", "RECORD_LAYER_FAILURE", "RECORD LAYER FAILURE",
                 "PACKET_LENGTH_TOO_LONG", "PACKET LENGTH TOO LONG", "UNKNOWN_PROTOCOL", "UNKNOWN PROTOCOL",
                 "HTTP_REQUEST")
EITHER_HINT = (" (if port %s is the plain API service (8728 by default), set tls=false or use the api-ssl port (8729 by "
               "default); if it is an api-ssl service without a certificate, set force_no_cert=true)")
HOSTNAME_HINT = (" (the certificate does not name %s: connect by a name or address it holds, or set "
                 "validate_cert_hostname=false, which still checks that a trusted CA signed it)")
FORCE_NO_CERT_HINT = (" (force_no_cert=true only works with an api-ssl service that has no certificate; for a router "
                      "with a certificate, set ca_path, or validate_certs=false)")


def _is_timeout(exc):
    # socket.timeout and asyncio.TimeoutError are both the builtin TimeoutError from Python 3.11 on
    return isinstance(exc, socket.timeout) or exc.__class__.__name__ == "TimeoutError"


def _port_of(where):
    return where.rsplit(":", 1)[-1]


def _host_of(where):
    return where.rsplit(":", 1)[0]


def connect_failure(exc, where, phase, timeout, force_no_cert=False):
    """The :class:`RouterOSError` to raise for ``exc``, caught while connecting to ``where`` (``host:port``).

    ``phase`` is ``"connect"`` (TCP) or ``"tls"`` (the TLS handshake over a connected socket). This is the one
    mapping of connection failures to messages: :func:`open_transport` and the session broker (asyncio) both
    use it, so a router gives the same message whichever path reached it. The reason is never empty; a failed
    handshake without ``force_no_cert`` carries the hint about routers whose api-ssl has no certificate.

    A handshake that got no TLS back points at the port first: a plain API service reading a ClientHello as
    words waits for more (a timeout: only the port is named) or closes (an end of stream: the port, then
    ``force_no_cert``, since an api-ssl service without a certificate closes too); on port 8728 only the port.
    """
    port = _port_of(where)
    if phase == "tls":
        plain_hint = PLAIN_PORT_HINT % port
        if port == "8728":
            silent_hint = plain_hint
        elif force_no_cert:
            silent_hint = FORCE_NO_CERT_HINT[:-1] + "; if port %s is the plain API service, set tls=false)" % port
        else:
            silent_hint = EITHER_HINT % port
        if _is_timeout(exc) or "taking longer than" in str(exc):  # asyncio's own ssl_handshake_timeout
            return RouterTimeout("TLS handshake with %s timed out after %ss%s" % (where, timeout, plain_hint))
        if exc.__class__.__name__ == "SSLCertVerificationError":
            reason = _reason(exc)
            if getattr(exc, "verify_code", None) in (62, 64) or "mismatch" in reason.lower():
                return ConnectError("TLS certificate of %s not accepted: %s%s"
                                    % (where, reason, HOSTNAME_HINT % _host_of(where)))
            return ConnectError("TLS certificate of %s not accepted: %s (set ca_path to the CA that signed it, or "
                                "validate_certs=false to skip the check)" % (where, reason))
        reason = _reason(exc)
        if (exc.__class__.__name__ in _EMPTY_REASONS and not getattr(exc, "errno", None)) or \
                reason in ("UNEXPECTED_EOF_WHILE_READING", "EOF occurred in violation of protocol"):
            # an end of stream: the ssl module and asyncio say it differently; one message for both
            reason = "the router closed the connection during the handshake"
            hint = silent_hint
        elif any(sign in reason.upper() for sign in NOT_TLS_SIGNS):  # bytes came back, and they are not TLS
            hint = plain_hint
        else:  # the peer spoke TLS and refused: the port is an api-ssl service
            hint = FORCE_NO_CERT_HINT if force_no_cert else NO_CERT_HINT
        return ConnectError("TLS handshake with %s failed: %s%s" % (where, reason, hint))
    if _is_timeout(exc):
        return RouterTimeout("connecting to %s timed out after %ss" % (where, timeout))
    if isinstance(exc, socket.gaierror):
        return ConnectError("cannot resolve %s: %s" % (where, _reason(exc)))
    return ConnectError("cannot connect to %s: %s" % (where, _reason(exc)))


class SocketTransport:
    """A connected socket (TCP or TLS). ``where`` is ``host:port`` for messages."""

    def __init__(self, sock, where, tls=False):
        self.sock = sock
        self.where = where
        self.tls = tls
        self._timeout = sock.gettimeout()

    def settimeout(self, seconds):
        if seconds != self._timeout:
            self.sock.settimeout(seconds)
            self._timeout = seconds

    def sendall(self, data):
        try:
            self.sock.sendall(data)
        except socket.timeout:
            raise RouterTimeout("sending to %s timed out after %ss" % (self.where, self._timeout))
        except OSError as exc:
            raise ConnectionLost("connection to %s failed while sending: %s" % (self.where, _reason(exc)))

    def recv(self, size=RECV_SIZE):
        try:
            return self.sock.recv(size)
        except socket.timeout:
            raise RouterTimeout("no data from %s within %ss" % (self.where, self._timeout))
        except OSError as exc:
            raise ConnectionLost("connection to %s failed while receiving: %s" % (self.where, _reason(exc)))

    def fileno(self):
        return self.sock.fileno()

    def close(self):
        sock, self.sock = self.sock, None
        if sock is None:
            return
        try:
            sock.close()
        except OSError:
            pass

    @property
    def closed(self):
        return self.sock is None

    def __repr__(self):
        return "SocketTransport(%s%s)" % (self.where, ", tls" if self.tls else "")


def open_transport(params, timeout=None):
    """Connect to ``params.host``:``params.effective_port`` (TLS when ``params.tls``).

    Raises :class:`ConnectError` (refused, unreachable, unknown host, TLS handshake or certificate
    failure) or :class:`RouterTimeout` (connect or handshake took longer than the timeout).
    """
    timeout = params.timeout if timeout is None else timeout
    host = params.host
    port = params.effective_port
    where = "%s:%s" % (host, port)
    ctx = make_ssl_context(params) if params.tls else None
    try:
        sock = socket.create_connection((host, port), timeout=timeout)
    except OSError as exc:
        raise connect_failure(exc, where, "connect", timeout, params.force_no_cert)
    try:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except OSError:
        pass
    if ctx is None:
        return SocketTransport(sock, where)
    try:
        tls_sock = ctx.wrap_socket(sock, server_hostname=host)
    except OSError as exc:  # ssl.SSLError and socket.timeout are OSErrors
        sock.close()
        raise connect_failure(exc, where, "tls", timeout, params.force_no_cert)
    return SocketTransport(tls_sock, where, tls=True)
