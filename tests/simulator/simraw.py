# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A minimal blocking API client over the shared codec, for looking at exact reply sentences."""

import hashlib
import socket
import ssl

from ansible_collections.tikops.routeros.plugins.module_utils.core.protocol import (
    SentenceDecoder, encode_sentence, parse_reply)


class Closed(Exception):
    pass


class Raw:
    def __init__(self, host, port, timeout=5.0, tls=None, server_hostname=None):
        sock = socket.create_connection((host, port), timeout=timeout)
        if tls is not None:
            sock = tls.wrap_socket(sock, server_hostname=server_hostname)
        self.sock = sock
        self.sock.settimeout(timeout)
        self.decoder = SentenceDecoder()
        self.pending = []

    def close(self):
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def send(self, *words):
        self.sock.sendall(encode_sentence(list(words)))

    def read(self):
        """The next reply as a Reply (kind, tag, attrs, extra); raises Closed at EOF."""
        while not self.pending:
            data = self.sock.recv(65536)
            if not data:
                raise Closed()
            self.pending.extend(self.decoder.feed(data))
        return parse_reply(self.pending.pop(0))

    def read_words(self):
        while not self.pending:
            data = self.sock.recv(65536)
            if not data:
                raise Closed()
            self.pending.extend(self.decoder.feed(data))
        return [w.decode("utf-8") for w in self.pending.pop(0)]

    def until_done(self, tag=None):
        """Replies up to and including the !done of ``tag`` (other tags' replies are kept in order too)."""
        out = []
        while True:
            r = self.read()
            out.append(r)
            if r.kind == "!done" and r.tag == tag:
                return out
            if r.kind == "!fatal":
                return out

    def call(self, *words, tag=None):
        if tag is not None:
            words = words + (".tag=%s" % tag,)
        self.send(*words)
        return self.until_done(tag)

    def login(self, user="admin", password=""):
        replies = self.call("/login", "=name=%s" % user, "=password=%s" % password)
        if replies[-1].kind != "!done" or any(r.kind == "!trap" for r in replies):
            raise AssertionError("login failed: %r" % replies)
        return replies

    def login_md5(self, user="admin", password=""):
        first = self.call("/login")
        challenge = first[-1].attrs["ret"]
        digest = hashlib.md5(b"\x00" + password.encode() + bytes.fromhex(challenge)).hexdigest()
        return self.call("/login", "=name=%s" % user, "=response=00%s" % digest)


def rows(replies):
    return [r.attrs for r in replies if r.kind == "!re"]


def kinds(replies):
    return [r.kind for r in replies]


def traps(replies):
    return [(r.attrs.get("message"), r.attrs.get("category")) for r in replies if r.kind == "!trap"]


def adh_context():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.set_ciphers("ADH:@SECLEVEL=0")
    return ctx
