# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A RouterOS API session: login, tagged commands, replies routed by tag, streams and pipelines.

Usage::

    session = Session.connect(params)              # TCP/TLS connect + login (plain; MD5 fallback on =ret=)
    cmd = session.send("/ip/address", "print", proplist=["address"])   # tagged, not waited for
    for row in cmd:                                # rows (dicts of str) as they arrive
        ...
    res = session.call("/system/identity", "print")    # send + result(): Result(rows, done, empty)
    results = session.pipeline([dict(path="/ip/address", command="print"),
                                dict(path="/system/resource", command="print")])  # one round trip
    session.close()

Beyond the contract in docs/architecture.md: ``send(..., raw=True)`` gives ``bytes`` values (names stay text);
``send(..., timeout=s)`` sets that command's wait limit; ``cmd.result(timeout=s)`` overrides it for one call;
``cmd.cancel(wait=True)`` returns once the command finished (``wait=False`` only sends the ``/cancel``);
``Session(..., max_word=n)`` bounds the word length the decoder accepts; ``session.login_method`` tells which
login worked; ``session.outstanding`` lists the commands still waiting for ``!done``.

Every command carries a ``.tag`` (a short counter); any number may be outstanding. Reading is done by whoever
waits: each read routes every complete reply sentence to its command's queue, so commands never steal each
other's replies. ``!trap`` is raised (as :class:`TrapError`, after the command's ``!done``) from that command
only; ``!fatal`` fails every outstanding command with :class:`FatalError` and closes the session; a lost
connection fails them with :class:`ConnectionLost`. Every wait has a timeout (the command's ``timeout``, by
default the session's) and raises :class:`RouterTimeout` naming the command; a timeout does not break the
session: the command stays outstanding and can be waited for again.

The login is a sans-IO flow (:func:`login_flow`), so the asyncio broker drives the very same exchange.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import binascii
import hashlib
from collections import deque
from time import monotonic

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import (
    ConnectionLost,
    RouterOSError,
    DecodeError,
    FatalError,
    LoginError,
    ProtocolError,
    RouterTimeout,
    TrapError,
    UserInputError,
    redact_words,
)
from ansible_collections.tikops.routeros.plugins.module_utils.core.protocol import (
    DEFAULT_MAX_WORD,
    RowReader,
    SentenceSplitter,
    command_words,
    decode_fallback,
    encode_sentence,
    parse_reply,
    span_words,
)
from ansible_collections.tikops.routeros.plugins.module_utils.net.transport import open_transport

RECV_SIZE = 262144
# Bytes a collected reply may hold (the words of its rows and traps) before the command fails and the session is
# closed; it also bounds one sentence. A command (``max_bytes``) or a pipeline spec may set its own limit.
DEFAULT_MAX_REPLY = 64 * 1024 * 1024
# Bytes the replies to one login request may hold (a real one is a few dozen).
LOGIN_REPLY_MAX = 1024 * 1024
# Commands a pipeline keeps in flight on one connection. A real router has been seen leaving one of many in-flight
# tagged commands unanswered, and resetting the connection with about 50 in flight (protocol-facts.md section 7).
DEFAULT_MAX_IN_FLIGHT = 32
MAX_IN_FLIGHT_LIMIT = 1000
# What text that is not valid in the session's encoding is read as (Winbox writes comments in the Windows code
# page); latin-1 takes over for the few bytes cp1252 leaves undefined. Empty: such text fails as DecodeError.
DEFAULT_FALLBACK_ENCODING = "cp1252"
LOGIN_METHODS = ("auto", "plain", "md5")
COMMON_VALUES = dict((v, v) for v in ("true", "false", "yes", "no", "", "none", "0", "1"))
# Encodings in which ASCII bytes are the same text as in ASCII: a read buffer of ASCII bytes only (nearly every
# one) is then decoded once, and the rows are cut out of that text (Session._dispatch).
ASCII_COMPATIBLE = frozenset(("utf-8", "utf8", "ascii", "us-ascii", "latin-1", "latin1", "iso-8859-1", "iso8859-1",
                              "cp1252", "windows-1252", "cp1250", "windows-1250", "cp1251", "windows-1251"))


# ---------------------------------------------------------------------------------------------------------
# Login (sans-IO)


def md5_response(password, challenge, encoding="utf-8"):
    """The pre-6.43 login response: ``00`` + hex MD5 of (0x00, password bytes, unhexlified challenge)."""
    try:
        chal = binascii.unhexlify(challenge)
    except (binascii.Error, TypeError, ValueError):
        raise LoginError("the router's login challenge %r is not hexadecimal" % (challenge,))
    data = b"\x00" + password.encode(encoding) + chal
    try:
        digest = hashlib.md5(data, usedforsecurity=False)
    except TypeError:  # pragma: no cover (Python without usedforsecurity)
        digest = hashlib.md5(data)
    return "00" + digest.hexdigest()


def is_final(sentence):
    """True when ``sentence`` (a list of bytes words) ends a login request's replies (``!done`` or ``!fatal``)."""
    return bool(sentence) and sentence[0] in (b"!done", b"!fatal")


def _login_outcome(sentences, username, encoding):
    """The ``!done`` attributes of one login request; raises :class:`LoginError` on ``!trap``/``!fatal``."""
    traps = []
    for sentence in sentences:
        try:
            reply = parse_reply(sentence, encoding)
        except ProtocolError as exc:
            raise LoginError("unreadable reply to the login of user %r: %s" % (username, exc))
        if reply.kind == "!trap":
            traps.append(reply.attrs.get("message", "") or "(no message)")
        elif reply.kind == "!fatal":
            reason = " ".join(reply.extra) or reply.attrs.get("message", "") or "(no reason)"
            raise LoginError("router ended the session during the login of user %r: %s" % (username, reason))
        elif reply.kind == "!done":
            if traps:
                raise LoginError("router refused the login of user %r: %s" % (username, "; ".join(traps)))
            return reply.attrs
    raise LoginError("the login reply of user %r has no !done" % (username,))


def login_flow(username, password, method="auto", encoding="utf-8"):
    """The login exchange as a generator, with no I/O.

    It yields the words (a list of ``str``) of each request to send; the driver sends them as one untagged
    sentence (``protocol.encode_sentence(words, encoding)``), reads the reply sentences (lists of ``bytes``
    words) up to and including the first one for which :func:`is_final` is true, and passes that list back
    with ``flow.send(sentences)``. When the login succeeds the generator returns (``StopIteration.value``)
    the method that worked, ``"plain"`` or ``"md5"``; when it fails, ``flow.send`` raises
    :class:`LoginError` (its message never contains the password). Driving it::

        flow = login_flow(user, password)
        words = next(flow)
        while True:
            write(encode_sentence(words, encoding))
            try:
                words = flow.send(read_until_final())
            except StopIteration as stop:
                method = stop.value
                break

    ``method``: ``auto`` sends the plain login (6.43+) and answers the MD5 challenge when the router replies
    ``!done =ret=<challenge>`` (pre-6.43); ``plain`` refuses the challenge; ``md5`` asks for the challenge first.
    """
    if method not in LOGIN_METHODS:
        raise UserInputError("login method must be one of %s, not %r" % (", ".join(LOGIN_METHODS), method))
    username = "" if username is None else str(username)
    password = "" if password is None else str(password)
    if method == "md5":
        done = _login_outcome((yield ["/login"]), username, encoding)
        challenge = done.get("ret")
        if not challenge:
            raise LoginError("router sent no MD5 login challenge for user %r (RouterOS 6.45.1 and newer only "
                             "accept the plain login: use the auto or plain method)" % (username,))
    else:
        done = _login_outcome((yield ["/login", "=name=" + username, "=password=" + password]), username, encoding)
        challenge = done.get("ret")
        if not challenge:
            return "plain"
        if method == "plain":
            raise LoginError("router asks user %r for the pre-6.43 MD5 challenge login, and the plain method "
                             "was requested" % (username,))
    response = md5_response(password, challenge, encoding)
    _login_outcome((yield ["/login", "=name=" + username, "=response=" + response]), username, encoding)
    return "md5"


# ---------------------------------------------------------------------------------------------------------
# Results and commands


class NotSent(RouterOSError):
    """A pipelined command that was never sent (the connection failed before its turn): it had no effect."""


class ReplyTooLarge(ConnectionLost):
    """A reply passed its byte limit (``max_bytes``). The session was closed: a router that keeps sending cannot
    be made to stop any other way (a ``/cancel`` is only a request)."""


def _is_tag_word(word):
    return (word[:5] if isinstance(word, str) else bytes(word[:5]).decode("latin-1")) == ".tag="


class Result:
    """A finished command: ``rows`` (list of dicts), ``done`` (the ``!done`` attributes), ``empty`` (the router
    said ``!empty``). ``ret`` is ``done["ret"]`` (the ``.id`` an ``add`` created, a ``count-only`` count)."""

    __slots__ = ("rows", "done", "empty")

    def __init__(self, rows, done, empty=False):
        self.rows = rows
        self.done = done
        self.empty = empty

    @property
    def ret(self):
        return self.done.get("ret")

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    def __repr__(self):
        return "Result(%d rows, done=%r, empty=%r)" % (len(self.rows), self.done, self.empty)


class Command:
    """One tagged command. Iterate it to stream rows; ``result()`` to collect them.

    Rows taken by iteration are not returned again by ``result()``. ``finished`` turns true once the
    command's ``!done`` (or a connection failure) arrived.
    """

    __slots__ = ("session", "tag", "words", "raw", "timeout", "_rows", "done", "empty", "traps", "error",
                 "cancelled", "finished", "internal", "max_bytes", "size")

    def __init__(self, session, tag, words, raw=False, timeout=None, internal=False, max_bytes=DEFAULT_MAX_REPLY):
        self.session = session
        self.tag = tag
        self.words = words
        self.raw = raw
        self.timeout = timeout
        self._rows = deque()
        self.done = None
        self.empty = False
        self.traps = []
        self.error = None
        self.cancelled = False
        self.finished = False
        self.internal = internal
        # bytes of the reply held for the caller (collected, or queued and not yet taken by iteration)
        self.max_bytes = max_bytes
        self.size = 0

    def describe(self):
        shown = [w for w in redact_words(self.words) if not _is_tag_word(w)]
        text = " ".join(shown)
        if len(text) > 200:
            text = text[:197] + "..."
        return "%s (tag %s)" % (text, self.tag)

    def __repr__(self):
        return "Command(%s%s)" % (self.describe(), ", finished" if self.finished else "")

    def _outcome(self):
        if self.error is not None:
            raise self.error
        if self.traps:
            raise TrapError(self.traps, [w for w in self.words if not _is_tag_word(w)])

    def __iter__(self):
        if self.session.observer is not None:
            return self.session.observer.stream(self, self._iter())
        return self._iter()

    def _iter(self):
        rows = self._rows
        wait = self.session._wait
        while True:
            while rows:
                row = rows.popleft()
                if row.__class__ is DecodeError:
                    raise row
                yield row
            if self.finished:
                self._outcome()
                return
            self.size = 0  # every row so far was taken: only what arrives from now on is held
            wait(self)

    def result(self, timeout=None):
        """Wait for ``!done`` and return a :class:`Result`. Raises :class:`TrapError` if the router trapped
        the command, :class:`DecodeError` if a row did not decode (after the command finished).
        ``timeout`` overrides the command's timeout for this call. It bounds each wait for the next reply and
        the whole collection too: rows that keep trickling in do not keep a command alive past it
        (:class:`RouterTimeout` says how many rows came and that no ``!done`` did). The bytes collected are bounded
        as well (the command's ``max_bytes``): a reply that passes them raises :class:`ReplyTooLarge` at once."""
        rows = self._rows
        out = []
        wait = self.session._wait
        limit = self.timeout if timeout is None else float(timeout)
        deadline = monotonic() + limit
        while True:
            if rows:
                out.extend(rows)
                rows.clear()
            if self.finished:
                break
            wait(self, timeout=limit, deadline=deadline, got=len(out))
        if self.session.observer is not None:
            self.session.observer.finished(self, len(out))
        if self.error is not None:
            raise self.error
        for row in out:
            if row.__class__ is DecodeError:
                raise row
        self._outcome()
        return Result(out, self.done or {}, self.empty)

    def cancel(self, wait=True, timeout=None):
        """Send ``/cancel =tag=<tag>``. Everything the router sends for the command after that (rows already on
        their way, the ``interrupted`` trap, ``!empty``, ``!done``) is absorbed, so iteration ends with the rows
        that had arrived before the cancel. With ``wait`` (default), return once the command finished."""
        if not self.finished and not self.cancelled:
            self.cancelled = True
            self.session._submit_internal(["/cancel", "=tag=%s" % self.tag])
        if wait:
            while not self.finished:
                self.session._wait(self, progress_on_rows=False, timeout=timeout)


# ---------------------------------------------------------------------------------------------------------
# Session


class Session:
    """A logged-in RouterOS API connection over ``transport`` (``sendall``, ``recv``, ``settimeout``, ``close``).

    One thread at a time: a session is not thread-safe (the broker multiplexes many clients by tags instead).
    ``max_word`` bounds the length a word may announce (checked before anything is allocated).
    ``observer`` (``telemetry.Telemetry``, None by default) is told of each command, write and read.
    """

    observer = None
    # the byte limit of a collected reply, and of one sentence, unless a command sets its own (``max_bytes``)
    max_reply = DEFAULT_MAX_REPLY

    def __init__(self, transport, encoding="utf-8", timeout=10.0, max_word=DEFAULT_MAX_WORD,
                 fallback_encoding=DEFAULT_FALLBACK_ENCODING, max_in_flight=DEFAULT_MAX_IN_FLIGHT):
        self.transport = transport
        self.encoding = encoding
        self.fallback_encoding = fallback_encoding or None
        self.max_in_flight = int(max_in_flight or DEFAULT_MAX_IN_FLIGHT)
        # warnings for the task (text read with the fallback encoding), each once; see take_warnings()
        self.warnings = []
        self._warned = set()
        self._broken = None
        self.timeout = float(timeout)
        self.where = getattr(transport, "where", None) or "router"
        self.login_method = None
        # the router's RouterOS version when known before any read (a kept session's broker says what an earlier
        # task noted: note_version), else None
        self.router_version = None
        # sentences stay where they arrived (spans of the read buffer, see SentenceSplitter) until a row is built
        self._ascii = str(encoding).lower() in ASCII_COMPATIBLE
        # a print's rows in ASCII are read as the splitter walks them (RowReader); any other sentence word by word
        self._decoder = SentenceSplitter(max_word=max_word, rows=RowReader(COMMON_VALUES) if self._ascii else None)
        self._commands = {}
        self._counter = 0
        self._error = None
        self._backlog = []
        self._names = {}

    # -- construction -----------------------------------------------------------------------------------

    @classmethod
    def connect(cls, params, method="auto", max_word=DEFAULT_MAX_WORD):
        """Connect to the router in ``params`` (a :class:`ConnectionParams`) and log in."""
        transport = open_transport(params)
        session = cls(transport, encoding=params.encoding, timeout=params.timeout, max_word=max_word,
                      fallback_encoding=getattr(params, "encoding_fallback", DEFAULT_FALLBACK_ENCODING),
                      max_in_flight=getattr(params, "max_in_flight", DEFAULT_MAX_IN_FLIGHT))
        try:
            session.login(params.username, params.password, method=method)
        except BaseException:
            session.close()
            raise
        return session

    def login(self, username, password, method="auto"):
        """Run :func:`login_flow` over this session's transport. Returns the method that worked."""
        flow = login_flow(username, password, method, self.encoding)
        words = next(flow)
        while True:
            try:
                data = encode_sentence(words, self.encoding)
            except UnicodeEncodeError:
                raise LoginError("%s: the user name or password of user %r cannot be written in the %s encoding"
                                 % (self.where, username, self.encoding))
            self._send_bytes(data)
            sentences = self._read_login_reply()
            try:
                words = flow.send(sentences)
            except StopIteration as stop:
                self.login_method = stop.value
                return stop.value
            except UnicodeEncodeError:  # the MD5 response hashes the password's bytes
                raise LoginError("%s: the password of user %r cannot be written in the %s encoding"
                                 % (self.where, username, self.encoding))
            except LoginError as exc:
                raise LoginError("%s: %s" % (self.where, exc))

    def _read_login_reply(self):
        got = []
        size = 0
        deadline = monotonic() + self.timeout
        while True:
            if self._backlog:
                backlog, self._backlog = self._backlog, []
                for index, span in enumerate(backlog):
                    sentence = span_words(span)
                    got.append(sentence)
                    if is_final(sentence):
                        self._backlog = backlog[index + 1:]
                        return got
                    size += len(sentence) + sum(map(len, sentence))
                    if size > LOGIN_REPLY_MAX:
                        self._fail(ReplyTooLarge("the reply to /login from %s exceeded %d bytes, and no !done came"
                                                 % (self.where, LOGIN_REPLY_MAX)))
                        raise self._error
            if self._broken is not None:
                self._fail(self._broken)
                raise self._error
            remaining = deadline - monotonic()
            try:
                if remaining <= 0:
                    raise RouterTimeout("login")
                data = self._recv(remaining, "/login")
            except RouterTimeout:
                raise RouterTimeout("%s accepted the connection but did not answer /login within %ss: the router may be "
                                    "frozen or overloaded, or the port may not be its API service"
                                    % (self.where, self.timeout))
            if not data:
                self._fail(ConnectionLost("%s closed the connection during the login" % self.where))
                raise self._error
            self._backlog.extend(self._feed(data))

    # -- sending ----------------------------------------------------------------------------------------

    def _next_tag(self):
        while True:
            self._counter += 1
            tag = str(self._counter)
            if tag.encode("ascii") not in self._commands:
                return tag

    def _check_open(self):
        if self._broken is not None and self._error is None:
            self._fail(self._broken)
        if self._error is not None:
            raise self._error

    def _encode(self, words):
        """``words`` framed as one sentence. A word that cannot be framed is the caller's error, named without its
        value when that value is a secret; nothing is registered or sent."""
        try:
            return encode_sentence(words, self.encoding)
        except UnicodeEncodeError as exc:
            shown = redact_words(words)
            bad = "?"
            for index, word in enumerate(words):
                try:
                    if not isinstance(word, (bytes, bytearray)):
                        word.encode(self.encoding)
                except UnicodeEncodeError:
                    bad = shown[index].encode("ascii", "backslashreplace").decode("ascii")
                    break
            raise UserInputError("the word %r of %s cannot be written in the %s encoding (%s)"
                                 % (bad, shown[0], self.encoding, exc.reason))
        except ProtocolError as exc:
            raise UserInputError(str(exc))

    def note_version(self, version):
        """Remember the router's version for this session (a kept session also tells its broker, for the tasks that
        attach after this one)."""
        self.router_version = version

    def _send_bytes(self, data):
        self._check_open()
        try:
            # recv() leaves the socket with whatever was left of the last wait: a send gets the session's limit
            self.transport.settimeout(self.timeout)
            self.transport.sendall(data)
            if self.observer is not None:
                self.observer.sent(len(data))
        except ConnectionLost as exc:
            self._fail(exc)
            raise
        except RouterTimeout as exc:
            self._fail(ConnectionLost("%s (the connection is unusable now)" % exc))
            raise

    def _register(self, words, tag, raw, timeout, internal=False, max_bytes=None):
        limit = self.max_reply if max_bytes is None else int(max_bytes)
        if limit < 1:
            raise UserInputError("max_bytes must be a positive number of bytes, not %r" % (max_bytes,))
        cmd = Command(self, tag, words, raw, self.timeout if timeout is None else float(timeout), internal, limit)
        key = tag.encode(self.encoding) if isinstance(tag, str) else bytes(tag)
        if key in self._commands:
            raise UserInputError("tag %r is already in use by an outstanding command" % (tag,))
        self._commands[key] = cmd
        if self.observer is not None:
            self.observer.started(cmd)
        return cmd

    def send(self, path, command=None, attributes=None, queries=None, proplist=None, raw=False, timeout=None,
             max_bytes=None):
        """Send one tagged command and return its :class:`Command` without waiting for it. ``max_bytes`` (default
        the session's ``max_reply``) bounds the bytes of its reply held at once (see :class:`ReplyTooLarge`)."""
        self._check_open()
        tag = self._next_tag()
        words = self._words(path, command, attributes, queries, proplist, tag)
        data = self._encode(words)
        cmd = self._register(words, tag, raw, timeout, max_bytes=max_bytes)
        self._send_bytes(data)
        return cmd

    def send_words(self, words, raw=False, timeout=None, max_bytes=None):
        """Send raw command words. A ``.tag=`` word in ``words`` is used as the tag; otherwise one is added."""
        self._check_open()
        words = list(words)
        tag = None
        for word in words:
            text = word.decode("latin-1") if isinstance(word, (bytes, bytearray)) else word
            if text.startswith(".tag="):
                tag = text[5:]
        if not tag:
            words = [w for w in words if not (w.decode("latin-1") if isinstance(w, (bytes, bytearray)) else w).startswith(".tag=")]
            tag = self._next_tag()
            words.append(".tag=%s" % tag)
        data = self._encode(words)
        cmd = self._register(words, tag, raw, timeout, max_bytes=max_bytes)
        self._send_bytes(data)
        return cmd

    @staticmethod
    def _words(path, command, attributes, queries, proplist, tag):
        try:
            return command_words(path, command, attributes, queries, proplist, tag)
        except ProtocolError as exc:  # a name that is not a RouterOS field name: nothing is sent
            raise UserInputError("%s: %s" % (path if command is None else "%s/%s" % (path.rstrip("/"), command), exc))

    def take_warnings(self):
        """The warnings gathered since the last call (text read with the fallback encoding), each given once."""
        got, self.warnings = self.warnings, []
        return got

    def _submit_internal(self, words):
        tag = self._next_tag()
        words = list(words) + [".tag=%s" % tag]
        data = self._encode(words)
        cmd = self._register(words, tag, False, None, internal=True)
        self._send_bytes(data)
        return cmd

    def call(self, path, command=None, attributes=None, queries=None, proplist=None, raw=False, timeout=None,
             max_bytes=None):
        """``send(...).result()``."""
        return self.send(path, command, attributes, queries, proplist, raw, timeout, max_bytes).result()

    def pipeline(self, specs, raise_on_trap=True, max_in_flight=None):
        """Send the commands of ``specs`` pipelined, then collect them all.

        Each spec is a dict with ``path`` and optionally ``command``, ``attributes``, ``queries``, ``proplist``,
        ``raw``, ``timeout``, ``max_bytes`` (or ``words`` for raw words). At most ``max_in_flight`` (default: the session's
        ``max_in_flight``) commands are outstanding at once: the first ones go out together, and as replies are
        collected the next ones follow in groups, so n commands cost about n / max_in_flight round trips. Returns a
        list of :class:`Result` in order. When a command traps: with ``raise_on_trap`` the first :class:`TrapError`
        is raised once every command has been collected; without it, that command's place in the list holds its
        :class:`TrapError`. Any other failure (connection lost, timeout, ``!fatal``) is raised at once.
        """
        results = self._pipeline(specs, max_in_flight, keep_going=False)
        first_trap = None
        for res in results:
            if isinstance(res, TrapError):
                first_trap = res
                break
        if first_trap is not None and raise_on_trap:
            raise first_trap
        return results

    def pipeline_outcomes(self, specs, max_in_flight=None):
        """Like :meth:`pipeline`, for writes: never raises for one command's fate, and keeps every reply that came.

        Each place of the returned list holds the command's :class:`Result` (it took effect), its
        :class:`TrapError` (the router refused it), :class:`NotSent` (it was never sent: no effect), or the
        :class:`RouterOSError` that ended the wait for it (connection lost, no reply in time, ``!fatal``: its
        outcome is unknown). After such a failure the session is closed: a reply may still be on its way, and
        the caller should read the router's state over a new session.
        """
        return self._pipeline(specs, max_in_flight, keep_going=True)

    def _pipeline(self, specs, max_in_flight, keep_going):
        self._check_open()
        window = int(max_in_flight or self.max_in_flight or DEFAULT_MAX_IN_FLIGHT)
        if not 1 <= window <= MAX_IN_FLIGHT_LIMIT:
            raise UserInputError("max_in_flight must be 1 to %d, not %r" % (MAX_IN_FLIGHT_LIMIT, max_in_flight))
        framed = []
        for spec in specs:
            tag = self._next_tag()
            if spec.get("words") is not None:
                words = [w for w in spec["words"] if not (isinstance(w, str) and w.startswith(".tag="))]
                words.append(".tag=%s" % tag)
            else:
                if not spec.get("path"):
                    raise UserInputError("pipeline spec without a path: %r" % (spec,))
                words = self._words(spec["path"], spec.get("command"), spec.get("attributes"), spec.get("queries"),
                                    spec.get("proplist"), tag)
            # every command framed before any is registered: a bad spec leaves nothing outstanding or sent
            if spec.get("max_bytes") is not None and int(spec["max_bytes"]) < 1:
                raise UserInputError("max_bytes must be a positive number of bytes, not %r" % (spec["max_bytes"],))
            framed.append((self._encode(words), (words, tag, spec.get("raw", False), spec.get("timeout"), False,
                                                 spec.get("max_bytes"))))
        total = len(framed)
        cmds = []
        results = []
        refill = max(1, window // 2)

        def send_more():
            # register and send the next commands in one write, up to the window
            start = len(cmds)
            stop = min(total, len(results) + window)
            if stop <= start:
                return
            self._check_open()  # a connection already known to be broken: these are not sent (NotSent)
            for dummy, args in framed[start:stop]:
                cmds.append(self._register(*args))
            self._send_bytes(b"".join(data for data, dummy in framed[start:stop]))

        failure = None
        while len(results) < total:
            index = len(results)
            if failure is None and (index >= len(cmds) or len(cmds) - index <= refill):
                try:
                    send_more()
                except RouterOSError as exc:
                    if not keep_going:
                        raise
                    failure = exc  # the commands of that write ended with the error; none after it is sent
            if index >= len(cmds):
                results.append(NotSent("not sent: the connection had failed before its turn (%s)" % failure))
                continue
            try:
                results.append(cmds[index].result())
            except TrapError as exc:
                results.append(exc)
            except RouterOSError as exc:
                if not keep_going:
                    raise
                results.append(exc)
                if failure is None:
                    failure = exc
                    if self._error is None:  # a timeout: replies may still come; this connection is done with
                        self._fail(ConnectionLost("%s (the session was closed: a late reply cannot be told from a "
                                                  "new one)" % exc))
        return results

    # -- receiving --------------------------------------------------------------------------------------

    def _recv(self, remaining, what):
        transport = self.transport
        try:
            transport.settimeout(remaining)
            if self.observer is not None:
                return self.observer.received(transport.recv, RECV_SIZE)
            return transport.recv(RECV_SIZE)
        except RouterTimeout:
            raise RouterTimeout("no reply from %s to %s within %ss" % (self.where, what, round(remaining, 3)))
        except ConnectionLost as exc:
            self._fail(exc)
            raise
        except OSError as exc:  # a transport that lets socket errors through
            self._fail(ConnectionLost("connection to %s failed: %s" % (self.where, exc)))
            raise self._error

    def _feed(self, data):
        """The sentences ``data`` completes (spans, see :class:`SentenceSplitter`). On bytes that are not RouterOS API, the sentences that were complete
        before them are still returned (their replies did arrive) and the session is marked broken: the caller
        dispatches them, then fails the session (``_broken``)."""
        decoder = self._decoder
        decoder.max_sentence = self.max_reply  # one sentence is never more than a whole reply may be
        try:
            return decoder.feed(data)
        except ProtocolError as exc:
            head = getattr(exc, "head", None)
            if head is not None:  # one sentence passed the limit (SentenceTooLong)
                cmd = self._commands.get(head[1][5:]) if len(head) > 1 and head[1][:5] == b".tag=" else None
                what = cmd.describe() if cmd is not None else "a command"
                err = ReplyTooLarge("the reply to %s from %s exceeded %d bytes in one sentence: the session was closed, "
                                    "as the router may still be sending it" % (what, self.where, exc.limit))
            else:
                err = ConnectionLost("%s sent bytes that are not RouterOS API: %s" % (self.where, exc))
            err.__cause__ = exc
            if self._broken is None:
                self._broken = err
            return exc.sentences

    def _timeout_error(self, cmd, timeout, deadline=None, got=0):
        """The :class:`RouterTimeout` for ``cmd``: what arrived, and what did not."""
        if deadline is not None and monotonic() >= deadline and (got or cmd._rows):
            text = ("%s: rows kept arriving from %s for %ss (%d rows) and no !done came; the command is still "
                    "running on the router" % (cmd.describe(), self.where, timeout, got + len(cmd._rows)))
        else:
            text = "no reply from %s to %s within %ss" % (self.where, cmd.describe(), timeout)
        if cmd.traps:
            text += "; the router had answered !trap: %s, and sent no !done after it" % "; ".join(
                t.get("message") or "(no message)" for t in cmd.traps)
        return RouterTimeout(text)

    def _wait(self, cmd, progress_on_rows=True, timeout=None, deadline=None, got=0):
        """Read until ``cmd`` has a row (if ``progress_on_rows``) or has finished; at most ``timeout`` (default
        ``cmd.timeout``) seconds, and never past ``deadline`` (a ``monotonic()`` time) when one is given."""
        timeout = cmd.timeout if timeout is None else float(timeout)
        until = monotonic() + timeout
        if deadline is not None and deadline < until:
            until = deadline
        while not cmd.finished and not (progress_on_rows and cmd._rows):
            if self._backlog:
                backlog, self._backlog = self._backlog, []
                self._dispatch(backlog)
                continue
            if self._broken is not None and self._error is None:
                self._fail(self._broken)
                continue
            if self._error is not None:
                raise self._error
            remaining = until - monotonic()
            if remaining <= 0:
                raise self._timeout_error(cmd, timeout, deadline, got)
            try:
                data = self._recv(remaining, cmd.describe())
            except RouterTimeout:
                raise self._timeout_error(cmd, timeout, deadline, got)
            except ConnectionLost:
                if cmd.finished:
                    return
                raise
            if not data:
                self._fail(ConnectionLost("%s closed the connection while %s was outstanding"
                                          % (self.where, cmd.describe())))
                return
            self._dispatch(self._feed(data))

    def _dispatch(self, sentences):
        """Route reply sentences (spans of :class:`SentenceSplitter`) to their commands (the hot path of a large
        print).

        A row the splitter read as it walked it (the eighth item of its span: a print's row of short words in a read
        buffer of ASCII bytes, nearly every row) is taken as it is; any other sentence is split into words and read
        word by word. What is read is the same either way."""
        commands = self._commands
        encoding = self.encoding
        names = self._names
        if len(names) > 4096:  # a runaway peer inventing names: start over rather than grow
            names.clear()
        # One str object per property name, and per common value, instead of one per row: a collected print
        # of 100,000 rows takes about half the memory, and dict inserts reuse the cached hash.
        name_of = names.setdefault
        value_of = COMMON_VALUES.get
        for span in sentences:
            if len(span) == 8:
                cmd = commands.get(span[4])
                if cmd is not None and not (cmd.raw or cmd.internal or cmd.cancelled):
                    # the bytes held for the command: its words and a byte for each length prefix
                    cmd.size += span[2] - span[1] - 1
                    if cmd.size > cmd.max_bytes:
                        self._too_large(cmd)
                        return
                    cmd._rows.append(span[7])
                    continue
                span = span[:7]
            buf, start, end, kind, tag, dummy, dummy2 = span
            cmd = commands.get(tag)
            words = span_words(span)
            if cmd is not None and not cmd.cancelled:
                # the bytes held for the command (a byte for each length prefix): a reply that never ends, or rows
                # piling up while another command is waited for, stop at its limit instead of at the time limit
                cmd.size += len(words) + sum(map(len, words))
                if cmd.size > cmd.max_bytes:
                    self._too_large(cmd)
                    return
            if kind == b"!re":
                if cmd is None or cmd.internal or cmd.cancelled:
                    continue  # unknown tags, /cancel's own replies, rows that follow a cancel
                row = {}
                if cmd.raw:
                    for word in words:
                        if word[:1] == b"=":
                            sep = word.find(b"=", 1)
                            try:
                                name = word[1:sep].decode(encoding) if sep > 0 else word[1:].decode(encoding)
                            except UnicodeDecodeError as exc:
                                cmd._rows.append(DecodeError(bytes(word), encoding, exc.reason))
                                break
                            row[name] = word[sep + 1:] if sep > 0 else b""
                    else:
                        cmd._rows.append(row)
                    continue
                try:
                    for word in words:
                        if word[0] == 61:  # "="
                            text = word.decode(encoding)
                            sep = text.find("=", 1)
                            if sep > 0:
                                name = text[1:sep]
                                value = text[sep + 1:]
                                row[name_of(name, name)] = value_of(value, value)
                            else:
                                row[name_of(text[1:], text[1:])] = ""
                except UnicodeDecodeError as exc:
                    if self.fallback_encoding is None:
                        cmd._rows.append(DecodeError(bytes(word), encoding, exc.reason))
                        continue
                    row = self._row_with_fallback(cmd, words)
                cmd._rows.append(row)
            elif kind == b"!fatal":
                # untagged; the reason is a bare word. Shown even when it does not decode (escaped, not dropped).
                bare = [w for w in words[1:] if w[:1] != b"=" and w[:5] != b".tag="]
                reason = b" ".join(bare).decode(encoding, "backslashreplace")
                if not reason:
                    for word in words[1:]:
                        if word[:9] == b"=message=":
                            reason = word[9:].decode(encoding, "backslashreplace")
                self._fail(FatalError(reason or "(no reason)"))
                return
            elif cmd is None:
                continue  # late replies to something no longer outstanding; unknown tags
            elif kind == b"!done":
                try:
                    cmd.done = parse_reply(words, encoding, raw=cmd.raw, fallback=self.fallback_encoding).attrs
                except DecodeError as exc:
                    cmd._rows.append(exc)
                    cmd.done = {}
                cmd.finished = True
                del commands[tag]
            elif kind == b"!trap":
                try:
                    attrs = parse_reply(words, encoding, raw=cmd.raw, fallback=self.fallback_encoding).attrs
                except DecodeError as exc:
                    cmd._rows.append(exc)
                    continue
                if cmd.raw:  # the message and category are text for the error; other values stay bytes
                    attrs = dict((k, v.decode(encoding, "backslashreplace") if k in ("message", "category") else v)
                                 for k, v in attrs.items())
                if cmd.internal or (cmd.cancelled and (attrs.get("category") == "2"
                                                       or attrs.get("message") == "interrupted")):
                    continue  # the "interrupted" trap that follows a /cancel
                trap = {"message": attrs.get("message", "")}
                if "category" in attrs:
                    trap["category"] = attrs["category"]
                cmd.traps.append(trap)
            elif kind == b"!empty":
                cmd.empty = True
            # any other reply word (a newer router's) is tolerated and ignored

    def _row_with_fallback(self, cmd, words):
        """A row with a word that is not valid text in the session's encoding: such values are read with the
        fallback encoding (:class:`FallbackText`, which keeps the bytes) and the entry is named in a warning."""
        encoding = self.encoding
        row = {}
        odd = []
        for word in words:
            if word[:1] != b"=":
                continue
            sep = word.find(b"=", 1)
            name_bytes, value = (word[1:sep], word[sep + 1:]) if sep > 0 else (word[1:], b"")
            name = name_bytes.decode(encoding, "backslashreplace")
            try:
                row[name] = value.decode(encoding)
            except UnicodeDecodeError:
                row[name] = decode_fallback(value, self.fallback_encoding)
                odd.append((name, row[name]))
        entry = " ".join("%s=%s" % (key, row[key]) for key in (".id", "name", "address") if key in row) or "(no id)"
        path = redact_words(cmd.words[:1])[0]
        for name, value in odd:
            key = (path, entry, name)
            if key in self._warned or len(self._warned) > 1000:
                continue
            self._warned.add(key)
            self.warnings.append("%s: %s of entry %s is not valid %s text; it was read as %s (%r), is compared as that "
                                 "text, and is only ever written back as the router's own bytes"
                                 % (path, name, entry, encoding, value.encoding, str(value)))
        return row

    def _too_large(self, cmd):
        """``cmd``'s reply passed its byte limit: it fails, and so does the session (the router may still be
        sending, and a ``/cancel`` is only a request); the rows it held are let go."""
        cmd._rows.clear()
        self._fail(ReplyTooLarge("the reply to %s from %s exceeded %d bytes: the session was closed, as the router may "
                                 "still be sending it" % (cmd.describe(), self.where, cmd.max_bytes)))

    def _fail(self, error):
        """The connection is finished: every outstanding command ends with ``error``."""
        if self._error is None:
            self._error = error
        for cmd in self._commands.values():
            cmd.error = error
            cmd.finished = True
        self._commands.clear()
        transport = self.transport
        if transport is not None:
            try:
                transport.close()
            except OSError:
                pass

    # -- state ------------------------------------------------------------------------------------------

    @property
    def closed(self):
        return self._error is not None

    @property
    def outstanding(self):
        """The commands still waiting for their ``!done``."""
        return [c for c in self._commands.values() if not c.internal]

    def close(self):
        if self._error is None:
            self._fail(ConnectionLost("session to %s was closed" % self.where))

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
