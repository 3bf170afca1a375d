# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A scripted router on a real TCP socket: a tiny threaded server that speaks the RouterOS API wire format.

It answers every ``/login`` with ``!done`` and hands every other command to a Python function, which replies as
a hostile or broken router would (endless streams, lies about sizes, huge sentences)::

    def handler(request):
        if request.word == "/system/resource/print":
            request.reply(["!re", "=version=7.16"], ["!done"])
        else:
            request.reply(["!done"])

    with ScriptedRouter(handler) as router:
        session = Session.connect(router.params(timeout=2))
        ...
        router.commands         # the words (text) of every command received, logins left out

``request.word`` is the command word, ``request.attrs`` its ``=name=value`` words as a dict, ``request.queries``
its ``?`` words; ``request.reply(*sentences)`` sends sentences (lists of text or bytes words), adding the
request's ``.tag`` after the reply word, and returns False once the client has gone (it closed the connection).
``request.stream(sentence, limit)`` sends ``sentence`` again and again until ``limit`` bytes went out or the
client went away, and returns the bytes sent: a router that never stops, bounded so a test never exhausts memory
even against a client that does not stop reading. A handler that returns without replying leaves the command
unanswered (a stalled router). ``login(request)``, when given, answers ``/login`` instead of a plain ``!done``.
"""

from __future__ import absolute_import, division, print_function

import socket
import threading

from ansible_collections.tikops.routeros.plugins.module_utils.api.options import ConnectionParams
from ansible_collections.tikops.routeros.plugins.module_utils.core.protocol import (
    ProtocolError,
    SentenceDecoder,
    encode_sentence,
)


class Request:
    def __init__(self, conn, words):
        self.conn = conn
        self.words = words
        self.word = words[0]
        self.tag = None
        self.attrs = {}
        self.queries = []
        for word in words[1:]:
            if word.startswith(".tag="):
                self.tag = word[5:]
            elif word.startswith("="):
                name, dummy, value = word[1:].partition("=")
                self.attrs[name] = value
            elif word.startswith("?"):
                self.queries.append(word)

    def frame(self, sentence):
        words = list(sentence)
        if self.tag is not None:
            words.insert(1, ".tag=" + self.tag)
        return encode_sentence(words)

    def reply(self, *sentences):
        return self.send_bytes(b"".join(self.frame(s) for s in sentences))

    def send_bytes(self, data):
        try:
            self.conn.sendall(data)
            return True
        except OSError:
            return False

    def stream(self, sentence, limit):
        data = self.frame(sentence)
        sent = 0
        while sent < limit:
            if not self.send_bytes(data):
                break
            sent += len(data)
        return sent


class ScriptedRouter:
    """A listener on 127.0.0.1 (a free port) answering with ``handler(request)``; see the module docstring."""

    def __init__(self, handler, user="admin", password="pw", login=None):
        self.handler = handler
        self.login = login
        self.user = user
        self.password = password
        self.commands = []
        self.errors = []
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(4)
        self.host, self.port = self.listener.getsockname()
        self.conns = []
        self.threads = []
        self.stopped = threading.Event()
        self.accepter = threading.Thread(target=self._accept, daemon=True)
        self.accepter.start()

    def params(self, **kw):
        kw.setdefault("timeout", 5)
        return ConnectionParams(self.host, username=self.user, password=self.password, port=self.port, **kw)

    def _accept(self):
        while not self.stopped.is_set():
            try:
                conn, dummy = self.listener.accept()
            except OSError:
                return
            self.conns.append(conn)
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self.threads.append(thread)
            thread.start()

    def _serve(self, conn):
        decoder = SentenceDecoder()
        try:
            while not self.stopped.is_set():
                data = conn.recv(65536)
                if not data:
                    return
                for sentence in decoder.feed(data):
                    request = Request(conn, [w.decode("utf-8", "surrogateescape") for w in sentence])
                    if request.word == "/login":
                        if self.login is not None:
                            self.login(request)
                        else:
                            request.reply(["!done"])
                        continue
                    self.commands.append(request.words)
                    self.handler(request)
        except (OSError, ProtocolError):
            return
        except Exception as exc:  # a broken handler: the test sees it in router.errors
            self.errors.append(exc)
        finally:
            conn.close()

    def commands_of(self, word):
        return [c for c in self.commands if c[0] == word]

    def close(self):
        self.stopped.set()
        self.listener.close()
        for conn in self.conns:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        for thread in self.threads:
            thread.join(10)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
