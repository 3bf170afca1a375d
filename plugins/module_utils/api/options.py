# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Connection options: one definition for the modules, the connection plugin and the broker."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import codecs
import hashlib

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError

API_PORT = 8728
API_SSL_PORT = 8729
# Commands kept in flight on one connection by a pipeline (writes of a resource module, facts reads, ...).
DEFAULT_MAX_IN_FLIGHT = 32
MAX_IN_FLIGHT_LIMIT = 1000
# What a value that is not valid text in ``encoding`` is read as; empty: such a value fails the task.
DEFAULT_ENCODING_FALLBACK = "cp1252"

# Options a module accepts when it connects by itself (connection: local, module_defaults).
# Documented by the doc fragment tikops.routeros.connection.
MODULE_CONNECTION_SPEC = dict(
    hostname=dict(type="str"),
    username=dict(type="str", default="admin"),
    password=dict(type="str", default="", no_log=True),
    port=dict(type="int"),
    tls=dict(type="bool", default=False),
    validate_certs=dict(type="bool", default=True),
    validate_cert_hostname=dict(type="bool", default=True),
    ca_path=dict(type="path"),
    force_no_cert=dict(type="bool", default=False),
    timeout=dict(type="float", default=10.0),
    encoding=dict(type="str", default="utf-8"),
    # not a connection parameter (not in ConnectionParams, not sent to the broker): where this task's telemetry goes
    telemetry_file=dict(type="path"),
    encoding_fallback=dict(type="str", default=DEFAULT_ENCODING_FALLBACK),
    max_in_flight=dict(type="int"),
)


class ConnectionParams:
    """Where and how to reach one router."""

    FIELDS = ("host", "port", "username", "password", "tls", "validate_certs", "validate_cert_hostname",
              "ca_path", "force_no_cert", "timeout", "encoding", "encoding_fallback", "max_in_flight")

    def __init__(self, host, port=None, username="admin", password="", tls=False, validate_certs=True,
                 validate_cert_hostname=True, ca_path=None, force_no_cert=False, timeout=10.0, encoding="utf-8",
                 encoding_fallback=DEFAULT_ENCODING_FALLBACK, max_in_flight=DEFAULT_MAX_IN_FLIGHT):
        if not host:
            raise UserInputError("no router address given (hostname, or ansible_host with the connection plugin)")
        self.host = str(host)
        self.port = int(port) if port not in (None, "") else None
        self.username = "admin" if username is None else str(username)
        self.password = "" if password is None else str(password)
        self.tls = bool(tls)
        self.validate_certs = bool(validate_certs)
        self.validate_cert_hostname = bool(validate_cert_hostname)
        self.ca_path = ca_path or None
        self.force_no_cert = bool(force_no_cert)
        self.timeout = float(timeout) if timeout not in (None, "") else 10.0
        if self.timeout <= 0:
            raise UserInputError("timeout must be a positive number of seconds, not %r" % (timeout,))
        self.encoding = encoding or "utf-8"
        try:
            codecs.lookup(self.encoding)
        except LookupError:
            raise UserInputError("unknown text encoding %r" % (self.encoding,))
        # client-side only (not part of key()): how this client decodes odd text and paces its pipelines
        self.encoding_fallback = DEFAULT_ENCODING_FALLBACK if encoding_fallback is None else str(encoding_fallback)
        if self.encoding_fallback:
            try:
                codecs.lookup(self.encoding_fallback)
            except LookupError:
                raise UserInputError("unknown text encoding %r for encoding_fallback" % (self.encoding_fallback,))
        try:
            self.max_in_flight = int(DEFAULT_MAX_IN_FLIGHT if max_in_flight in (None, "") else max_in_flight)
        except (TypeError, ValueError):
            raise UserInputError("max_in_flight must be a whole number, not %r" % (max_in_flight,))
        if not 1 <= self.max_in_flight <= MAX_IN_FLIGHT_LIMIT:
            raise UserInputError("max_in_flight must be 1 to %d, not %r" % (MAX_IN_FLIGHT_LIMIT, max_in_flight))
        if self.port is not None and not 0 < self.port < 65536:
            raise UserInputError("port must be 1 to 65535, not %r" % (port,))

    @property
    def effective_port(self):
        if self.port is not None:
            return self.port
        return API_SSL_PORT if self.tls else API_PORT

    def key(self):
        """What a kept session is keyed by. The password enters only as a digest."""
        digest = hashlib.sha256(("%s\0%s" % (self.username, self.password)).encode("utf-8")).hexdigest()
        return (self.host, self.effective_port, self.username, digest, self.tls, self.validate_certs,
                self.validate_cert_hostname, self.ca_path, self.force_no_cert, self.encoding)

    def tune(self, session):
        """Give ``session`` this client's own settings (``encoding_fallback``, ``max_in_flight``); for sessions
        made without these parameters, such as one attached through the broker. Returns the session."""
        session.fallback_encoding = self.encoding_fallback or None
        session.max_in_flight = self.max_in_flight
        return session

    def as_dict(self):
        return dict((name, getattr(self, name)) for name in self.FIELDS)

    @classmethod
    def from_module_params(cls, params):
        return cls(params.get("hostname"), port=params.get("port"), username=params.get("username"),
                   password=params.get("password"), tls=params.get("tls"),
                   validate_certs=params.get("validate_certs", True),
                   validate_cert_hostname=params.get("validate_cert_hostname", True),
                   ca_path=params.get("ca_path"), force_no_cert=params.get("force_no_cert", False),
                   timeout=params.get("timeout", 10.0), encoding=params.get("encoding", "utf-8"),
                   encoding_fallback=params.get("encoding_fallback"), max_in_flight=params.get("max_in_flight"))

    def __repr__(self):
        return "ConnectionParams(%s:%s, user=%r, tls=%s)" % (self.host, self.effective_port, self.username, self.tls)
