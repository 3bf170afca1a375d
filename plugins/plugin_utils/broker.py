# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The persistent session broker: one daemon per controller user, keeping router sessions between tasks.

Think of SSH's ControlPersist. ``module_utils/api/persist.py`` starts it on demand (``python -c ... <dir>``, a new
session, stdio away from the terminal, nothing secret in argv or the environment) and talks to it over Unix
sockets in a private directory. Every peer is checked by uid (``SO_PEERCRED``) on top of the 0700 directory.

- A client attaches with ``/tikops/attach`` carrying the connection parameters. The broker logs in once per
  ``ConnectionParams.key()`` (host, port, user, password digest, TLS settings, encoding): clients that attach
  while that login runs wait for the same login, so 20 forks give 1 login, and a refused password is tried once.
- Many clients share one router connection. Client tags are rewritten (``.tag=X`` becomes ``.tag=c7.X``,
  ``/cancel =tag=X`` likewise; untagged commands get a tag whose replies go back untagged) and replies are
  routed back by that prefix. ``/login`` and ``/quit`` from a client are answered here; the router session stays.
  A client that goes away has its outstanding commands cancelled on the router and their late replies absorbed.
- Each kept session also listens on its own socket (``s-<random>.sock``), handed to AnsiballZ modules as
  ``_ansible_socket``; attaching there needs no credentials. A JSON-RPC ``reset`` there (what ansible-core's
  strategy sends at the end of a play, and ``meta: reset_connection``) closes the session.
- A session closes when it was idle (no client) for its idle timeout, when every playbook process that used it
  has exited (``=owner-pid=``), on ``/tikops/drop``, or when the router dropped it; the next attach logs in
  again. The broker exits when it has neither sessions nor clients.
- When the router connection is lost without ``!fatal``, each client that attached with ``=retry=yes`` gets
  ``!fatal =tikops-retry=yes|no =message=<reason> [=why=<why not>]`` instead of a bare close: ``yes`` when
  re-sending what it sent is safe (``RouterSession.retry_verdict``), and then the client attaches again (a new
  login, as the broker keeps no password) and re-sends; its old connection is drained until it hangs up.
- Connection failures are mapped by ``transport.connect_failure``, as for a direct connection: TCP first, then
  the TLS handshake over it, each with its own message.
- A session that holds RouterOS safe mode (a ``/safe-mode/take`` or ``/safe-mode/toggle`` relayed for a client
  succeeded, and no release, unroll or toggle back followed) is ended without ``/quit``: RouterOS keeps safe-mode
  changes on ``/quit`` and undoes them when the session ends any other way, and a kept session that the broker
  closes (its playbook gone, idle, reset, the broker exiting) was not released by the play. Any other session quits.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import asyncio
import errno
import json
import os
import re
import secrets
import signal
import socket
import stat
import struct
import sys
import time

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import (
    ConnectError,
    ConnectionLost,
    FatalError,
    LoginError,
    ProtocolError,
    RouterOSError,
    RouterTimeout,
    UserInputError,
    redact_text,
)
from ansible_collections.tikops.routeros.plugins.module_utils.api.persist import (
    DEFAULT_IDLE_TIMEOUT,
    LOCK_FILE,
    LOG_LIMIT,
    BrokerMismatch,
    broker_socket,
    code_id,
    ensure_dir,
    params_from_attrs,
)
from ansible_collections.tikops.routeros.plugins.module_utils.core.verbs import is_read
from ansible_collections.tikops.routeros.plugins.module_utils.core.protocol import (
    SentenceDecoder,
    SentenceSplitter,
    encode_sentence,
    encode_word,
    parse_reply,
)
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import LOGIN_REPLY_MAX, ReplyTooLarge, is_final, login_flow
from ansible_collections.tikops.routeros.plugins.module_utils.net.transport import (
    connect_failure,
    error_reason,
    make_ssl_context,
)

HOUSEKEEPING_INTERVAL = 0.25
FIRST_SENTENCE_TIMEOUT = 30.0
LOGIN_REQUESTS = 2  # the most requests a login makes (the pre-6.43 challenge login: two), each timed on its own
READ_SIZE = 262144
PEERCRED = struct.Struct("3i")
# what a safe-mode command that succeeded leaves: held (True), not held (False), the other way round (None)
SAFE_MODE_COMMANDS = {b"/safe-mode/take": True, b"/safe-mode/release": False, b"/safe-mode/unroll": False,
                      b"/safe-mode/toggle": None}


# The log is capped at all times: LOG_LIMIT bytes (the file is emptied, with a note, when a line would pass it), and
# at most LOG_RATE lines a second (the rest are counted and the count is logged).
LOG_RATE = 20
FD_EXHAUSTED = (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM)
# Descriptors kept free for clients, the listening sockets, the log and the event loop itself.
FD_HEADROOM = 64
FD_TARGET = 65536  # the soft limit asked for when the hard limit is unlimited


class CappedLog:
    """The broker's stderr (its log file): every write, ours or Python's (a traceback asyncio prints), goes through
    :meth:`write`, which keeps the file under ``limit`` bytes and takes secret values out (``redact_text``)."""

    def __init__(self, fd=2, limit=LOG_LIMIT):
        self.fd = fd
        self.limit = limit
        self.window = 0.0
        self.lines = 0
        self.suppressed = 0

    def write(self, text):
        data = redact_text(text).encode("utf-8", "replace")
        try:
            st = os.fstat(self.fd)
            if stat.S_ISREG(st.st_mode) and st.st_size + len(data) > self.limit:
                os.ftruncate(self.fd, 0)
                note = "%s broker[%d]: log emptied: it reached its limit of %d bytes\n" % (
                    time.strftime("%Y-%m-%d %H:%M:%S"), os.getpid(), self.limit)
                os.write(self.fd, note.encode())
                data = data[:self.limit // 2]
            os.write(self.fd, data)
        except (OSError, ValueError):
            pass
        return len(text)

    def flush(self):
        pass

    def line(self, message):
        """One log line, unless more than LOG_RATE came this second (then they are counted, and said later)."""
        now = time.monotonic()
        if now - self.window >= 1.0:
            if self.suppressed:
                self._line("%d log line(s) left out (more than %d in a second)" % (self.suppressed, LOG_RATE))
            self.window = now
            self.lines = 0
            self.suppressed = 0
        self.lines += 1
        if self.lines > LOG_RATE:
            self.suppressed += 1
            return
        self._line(message)

    def _line(self, message):
        self.write("%s broker[%d]: %s\n" % (time.strftime("%Y-%m-%d %H:%M:%S"), os.getpid(), message))

    def isatty(self):
        return False

    def fileno(self):
        return self.fd


LOG = CappedLog()


def log(message):
    """One line to the broker log (stderr), capped in size and rate, secret values taken out."""
    LOG.line(message)


def fd_exhausted(exc):
    return isinstance(exc, OSError) and exc.errno in FD_EXHAUSTED


def raise_fd_limit():
    """Raise the soft limit of open files to the hard limit (at most FD_TARGET when unlimited); return the soft
    limit in force, or None when it cannot be read."""
    try:
        import resource
    except ImportError:
        return None
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    except (OSError, ValueError):
        return None
    want = FD_TARGET if hard == resource.RLIM_INFINITY else hard
    if soft != resource.RLIM_INFINITY and soft < want:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
            soft = want
        except (OSError, ValueError):
            pass
    return None if soft == resource.RLIM_INFINITY else soft


def error_category(exc):
    if isinstance(exc, BrokerMismatch):
        return "code"
    if isinstance(exc, LoginError):
        return "login"
    if isinstance(exc, RouterTimeout):
        return "timeout"
    if isinstance(exc, UserInputError):
        return "input"
    if isinstance(exc, (ConnectionLost, FatalError)):
        return "lost"
    return "connect"


def pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def login_silence(where, timeout):
    """What a login that got no complete answer within ``timeout`` says: the very words of a direct login
    (``Session._read_login_reply``)."""
    return ("%s accepted the connection but did not answer /login within %ss: the router may be frozen or overloaded, "
            "or the port may not be its API service" % (where, timeout))


def text_attrs(sentence):
    """The ``=name=value`` attributes of a request sentence as text (UTF-8, as persist.py sends them)."""
    try:
        return parse_reply(sentence, "utf-8").attrs
    except ProtocolError as exc:
        raise UserInputError("unreadable request: %s" % exc)


def read_only(command):
    """True when the command word only reads (``/ip/address/print``, ``/cancel``): re-sending it cannot change anything
    on the router (the one table: core/verbs.py)."""
    return is_read(command)


def count_fds():
    """Descriptors this process has open (Linux /proc), or -1 when unknown."""
    try:
        return len(os.listdir("/proc/self/fd")) - 1  # minus the one listdir used
    except OSError:
        return -1


def find_tag(words):
    for index in range(1, len(words)):
        if words[index][:5] == b".tag=":
            return index
    return None


def flush(batch):
    """Write what ``batch`` holds for each client (see :meth:`RouterSession.route`) at once, in order; empty it."""
    for client, pending in batch.items():
        parts = pending[0]
        parts.append(pending[1][pending[2]:pending[3]])
        client.write(b"".join(parts))
    batch.clear()


# The relayed tag word of each router tag (``c7.X`` -> the framed ``.tag=X``, or empty for ``c7.~N``, untagged):
# a print's rows all carry the same tag, and the word is framed once.
_TAG_WORDS = {}
_TAG_WORDS_MAX = 4096


def tag_word(rest):
    """The framed tag word a client gets for the part ``rest`` of the router tag after its prefix."""
    word = _TAG_WORDS.get(rest)
    if word is None:
        word = b"" if rest[:1] == b"~" else encode_word(b".tag=" + rest)
        if len(_TAG_WORDS) >= _TAG_WORDS_MAX:
            _TAG_WORDS.clear()
        _TAG_WORDS[rest] = word
    return word


class Client:
    """One connection to the broker (on the main socket or a kept session's socket)."""

    def __init__(self, cid, writer):
        self.cid = cid
        self.prefix = cid + b"."
        self.writer = writer
        self.session = None
        self.outstanding = set()
        self.untagged = 0
        # re-sending after an unnoticed drop (see RouterSession.retry_verdict)
        self.can_retry = False   # the client said it can attach again and re-send (=retry=yes)
        self.kept = False        # it attached to a session logged in before (not by its own attach)
        self.mark = None         # router chunks received when its first command went out
        self.writes = False      # it sent a command that may change something
        self.parked = False      # told to re-send elsewhere: its connection is drained until it hangs up

    def write(self, data):
        if not self.writer.is_closing():
            self.writer.write(data)

    def reply(self, words):
        self.write(encode_sentence(words))

    def close(self):
        if not self.writer.is_closing():
            self.writer.close()


class RouterSession:
    """One logged-in router connection shared by many clients."""

    def __init__(self, broker, key, params, idle_timeout):
        self.broker = broker
        self.key = key
        self.host = params.host
        self.port = params.effective_port
        self.username = params.username
        self.tls = params.tls
        self.where = "%s:%s" % (params.host, params.effective_port)
        self.encoding = params.encoding
        self.timeout = params.timeout
        self.idle_timeout = idle_timeout
        self.owners = set()
        self.clients = {}
        self.last_used = time.monotonic()
        self.reader = None
        self.writer = None
        self.task = None
        self.reader_task = None
        self.server = None
        self.socket_path = None
        self.dead = False
        self.login_method = None
        self.version = None   # the router's RouterOS version, as a client read it and noted it (/tikops/note)
        self.internal = 0
        self.received = 0     # chunks read from the router (a client's mark compares against it)
        self.retired = None   # why it takes no new clients (a reset): it closes when its last client leaves
        self.safe_mode = False  # this session holds RouterOS safe mode: it is closed without /quit (undone)
        self.safe_pending = {}  # router tag of a safe-mode command in flight -> [its effect, trapped]

    # -- establishing ------------------------------------------------------------------------------------

    async def establish(self, params):
        """Connect, log in, start relaying and listening on the session socket. Raises RouterOSError."""
        timeout = params.timeout
        where = self.where
        ctx = make_ssl_context(params) if params.tls else None
        # TCP first, then TLS over it: a failure is named by the step that failed, with the very messages of a
        # direct connection (transport.connect_failure)
        deadline = time.monotonic() + timeout
        pause = 0.02
        while True:
            try:
                self.reader, self.writer = await asyncio.wait_for(
                    asyncio.open_connection(params.host, self.port, limit=READ_SIZE),
                    max(0.001, deadline - time.monotonic()))
                break
            except (asyncio.TimeoutError, OSError) as exc:
                if not fd_exhausted(exc):
                    raise connect_failure(exc, where, "connect", timeout, params.force_no_cert)
                # out of file descriptors: make room (idle sessions), back off, try again until the timeout
                self.broker.fd_pressure(exc)
                if time.monotonic() + pause > deadline:
                    raise ConnectError("the session broker could not connect to %s: it has no file descriptor left "
                                       "(%s; limit %s) and none was freed within %ss" % (
                                           where, exc.strerror or exc, self.broker.fd_limit, timeout))
                await asyncio.sleep(pause)
                pause = min(pause * 2, 0.5)
        if ctx is not None:
            try:
                # our own limit fires first; asyncio's handshake timeout is only a backstop
                await asyncio.wait_for(self.writer.start_tls(ctx, server_hostname=params.host,
                                                             ssl_handshake_timeout=timeout + 5.0), timeout)
            except (asyncio.TimeoutError, OSError) as exc:  # ssl.SSLError is an OSError
                self._close_router()
                raise connect_failure(exc, where, "tls", timeout, params.force_no_cert)
        self._tune_socket()
        started = time.monotonic()
        try:
            # _login bounds each answer by the timeout itself (as a direct login does); this is only a backstop
            self.login_method = await asyncio.wait_for(self._login(params), timeout * LOGIN_REQUESTS + 1.0)
        except asyncio.TimeoutError:
            self._close_router()
            raise RouterTimeout("%s did not complete the login within %.1fs (timeout %ss per answer)"
                                % (where, time.monotonic() - started, timeout))
        except OSError as exc:
            self._close_router()
            raise ConnectionLost("connection to %s failed during the login: %s" % (where, error_reason(exc)))
        except BaseException:
            self._close_router()
            raise
        self.reader_task = asyncio.get_running_loop().create_task(self._read_loop())
        log("session %s user %s: logged in (%s)" % (where, self.username, self.login_method))

    def ensure_listener(self):
        """The kept session's own socket (for AnsiballZ modules, ``_ansible_socket``), made on first request: a
        session nobody asks it of costs one file descriptor (its router connection), not two."""
        if self.socket_path:
            return self.socket_path
        path = os.path.join(self.broker.directory, "s-%s.sock" % secrets.token_hex(8))
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.bind(path)
            os.chmod(path, 0o600)
            sock.listen(64)
        except OSError:
            sock.close()
            try:
                os.unlink(path)
            except OSError:
                pass
            raise
        self.socket_path = path
        self.server = asyncio.get_running_loop().create_task(self._serve_on(sock))
        return path

    async def _serve_on(self, sock):
        try:
            server = await asyncio.start_unix_server(lambda r, w: self.broker.serve(r, w, self), sock=sock)
        except OSError as exc:
            sock.close()
            log("session %s: cannot serve its socket: %s" % (self.where, exc))
            return None
        if self.dead:
            server.close()
        return server

    def _close_listener(self):
        task, self.server = self.server, None
        if task is None:
            return
        if task.done():
            if not task.cancelled() and task.result() is not None:
                task.result().close()
        else:
            task.add_done_callback(lambda t: (not t.cancelled() and t.result() is not None and t.result().close()))

    def _tune_socket(self):
        sock = self.writer.get_extra_info("socket")
        if sock is None:
            return
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
            for name, value in (("TCP_KEEPIDLE", 10), ("TCP_KEEPINTVL", 5), ("TCP_KEEPCNT", 3)):
                if hasattr(socket, name):
                    sock.setsockopt(socket.IPPROTO_TCP, getattr(socket, name), value)
        except OSError:
            pass

    async def _login(self, params):
        """The login exchange (``login_flow``). Each answer must be complete within the timeout, counted from the
        request: a router that trickles it byte by byte does not keep the login alive (as ``Session.login``)."""
        decoder = SentenceDecoder()
        pending = []
        broken = None
        flow = login_flow(params.username, params.password, "auto", params.encoding)
        words = next(flow)
        while True:
            self.writer.write(encode_sentence(words, params.encoding))
            deadline = time.monotonic() + params.timeout
            got = []
            size = 0
            while True:
                while pending:
                    sentence = pending.pop(0)
                    got.append(sentence)
                    if is_final(sentence):
                        break
                if got and is_final(got[-1]):
                    break
                if broken is not None:
                    raise broken
                try:
                    data = await asyncio.wait_for(self.reader.read(READ_SIZE), max(0.0, deadline - time.monotonic()))
                except asyncio.TimeoutError:
                    raise RouterTimeout(login_silence(self.where, params.timeout))
                if not data:
                    raise ConnectionLost("%s closed the connection during the login" % self.where)
                size += len(data)
                if size > LOGIN_REPLY_MAX:  # as a direct login: a reply that never ends is cut, not collected
                    raise ReplyTooLarge("the reply to /login from %s exceeded %d bytes, and no !done came"
                                        % (self.where, LOGIN_REPLY_MAX))
                try:
                    pending.extend(decoder.feed(data))
                except ProtocolError as exc:
                    # what came before the bytes that are not RouterOS API still counts (a direct login reads it
                    # too); the session is broken all the same
                    pending.extend(exc.sentences)
                    broken = ConnectionLost("%s sent bytes that are not RouterOS API: %s" % (self.where, exc))
            if broken is not None:
                raise broken
            try:
                words = flow.send(got)
            except StopIteration as stop:
                return stop.value
            except LoginError as exc:
                raise LoginError("%s: %s" % (self.where, exc))

    # -- relaying ----------------------------------------------------------------------------------------

    async def _read_loop(self):
        # The router's sentences are relayed as they came, with only the tag word replaced: the splitter walks the
        # length prefixes (the limits of SentenceDecoder hold) and says where each sentence ends, its reply word
        # and where its tag word is; nothing is decoded into words or framed again.
        splitter = SentenceSplitter()
        reason = "%s closed the connection" % self.where
        kind = "lost"
        try:
            while True:
                data = await self.reader.read(READ_SIZE)
                if not data:
                    break
                self.received += 1
                broken = None
                try:
                    sentences = splitter.feed(data)
                except ProtocolError as exc:
                    # the replies that came before the bytes that are not RouterOS API did arrive: they are
                    # delivered first, then the session ends with the very words of a direct connection
                    # (Session._feed)
                    sentences, broken = exc.sentences, exc
                # one write per client for all the sentences of this read (a print's rows arrive by the thousand:
                # one write, and one system call, each would cost more than relaying them)
                batch = {}
                try:
                    route = self.route
                    for sentence in sentences:
                        if route(sentence, batch):
                            reason = "router ended the session (!fatal)"
                            kind = "fatal"
                            return
                finally:
                    flush(batch)
                if broken is not None:
                    reason = "%s sent bytes that are not RouterOS API: %s" % (self.where, broken)
                    kind = "protocol"
                    return
        except OSError as exc:
            reason = "connection to %s failed: %s" % (self.where, error_reason(exc))
        except asyncio.CancelledError:
            return
        finally:
            if not self.dead:
                self.close(reason, kind)

    def route(self, sentence, batch):
        """Pass one router sentence (a span of :class:`SentenceSplitter`) to the client whose tag it carries, into
        ``batch`` (a dict, written by :func:`flush`). True when the session is over.

        ``batch[client]`` is ``[parts, buf, start, end]``: framed pieces, and the range ``buf[start:end]`` that
        follows them, not yet cut out; the next sentence of the same read buffer that begins at ``end`` extends
        that range, so a row costs one slice and its tag word."""
        buf, start, end, kind, tag, tag_start, tag_end = sentence
        if tag is None:
            if kind == b"!fatal":
                flush(batch)  # the rows before it first
                data = buf[start:end]
                for client in list(self.clients.values()):
                    client.write(data)
                return True
            return False
        if self.safe_pending and tag in self.safe_pending:
            self._safe_mode_reply(tag, kind)
        dot = tag.find(b".")
        if dot < 0:
            return False
        client = self.clients.get(tag[:dot])
        if client is None:  # the broker's own (b.N) or a client that went away: absorbed
            return False
        if kind == b"!done":
            client.outstanding.discard(tag)
        word = tag_word(tag[dot + 1:])
        pending = batch.get(client)
        if pending is None:
            batch[client] = [[buf[start:tag_start], word], buf, tag_end, end]
        elif pending[1] is buf and pending[3] == start:
            parts = pending[0]
            parts.append(buf[pending[2]:tag_start])
            parts.append(word)
            pending[2] = tag_end
            pending[3] = end
        else:
            parts = pending[0]
            parts.append(pending[1][pending[2]:pending[3]])
            parts.append(buf[start:tag_start])
            parts.append(word)
            pending[1] = buf
            pending[2] = tag_end
            pending[3] = end
        return False

    def send(self, words):
        self.writer.write(encode_sentence(words))

    def _cancel(self, rtag):
        self.internal += 1
        self.send([b"/cancel", b"=tag=" + rtag, b".tag=b.%d" % self.internal])

    def from_client(self, client, words):
        """Relay one client sentence to the router, with its tag rewritten."""
        index = find_tag(words)
        ctag = words[index][5:] if index is not None else None
        command = words[0]
        if command == b"/login":
            client.reply([b"!done"] + ([b".tag=" + ctag] if ctag is not None else []))
            return
        if command == b"/quit":
            client.reply([b"!fatal", b"session terminated on request"])
            client.close()
            return
        if command == b"/tikops/note":
            # what a client read of the router that later clients may use before their first read: its version
            version = text_attrs(words).get("version") or ""
            if re.match(r"^[0-9]+(\.[0-9]+){0,2}([a-z]+[0-9]*)?$", version):
                self.version = version
            client.reply([b"!done"] + ([b".tag=" + ctag] if ctag is not None else []))
            return
        if command == b"/tikops/socket":
            tagword = [b".tag=" + ctag] if ctag is not None else []
            try:
                path = self.ensure_listener()
            except OSError as exc:
                client.reply([b"!trap", b"=message=the session broker cannot open the kept session's socket: "
                              + str(exc).encode("utf-8", "replace")] + tagword)
                client.reply([b"!done"] + tagword)
                return
            client.reply([b"!done", b"=socket=" + path.encode()] + tagword)
            return
        if ctag is None:
            client.untagged += 1
            rtag = client.prefix + b"~%d" % client.untagged
        else:
            rtag = client.prefix + ctag
        if command == b"/cancel":
            targets = [i for i in range(1, len(words)) if words[i][:5] == b"=tag="]
            if not targets:  # cancel everything: this client's commands only
                for other in list(client.outstanding):
                    self._cancel(other)
                client.reply([b"!done"] + ([b".tag=" + ctag] if ctag is not None else []))
                return
            words = list(words)
            for i in targets:
                words[i] = b"=tag=" + client.prefix + words[i][5:]
        out = list(words)
        if index is None:
            out.append(b".tag=" + rtag)
        else:
            out[index] = b".tag=" + rtag
        client.outstanding.add(rtag)
        if client.mark is None:
            client.mark = self.received
        if not read_only(command):
            client.writes = True
            if command in SAFE_MODE_COMMANDS:
                self.safe_pending[rtag] = [SAFE_MODE_COMMANDS[command], False]
        self.send(out)

    def _safe_mode_reply(self, rtag, kind):
        """Follow safe mode through the replies to the safe-mode commands relayed: a command that ended in ``!done``
        without a ``!trap`` took effect."""
        pending = self.safe_pending[rtag]
        if kind == b"!trap":
            pending[1] = True
        elif kind == b"!done":
            del self.safe_pending[rtag]
            if not pending[1]:
                held = (not self.safe_mode) if pending[0] is None else pending[0]
                if held != self.safe_mode:
                    self.safe_mode = held
                    log("session %s user %s: safe mode %s" % (
                        self.where, self.username, "held: the session ends without /quit (undone)" if held
                        else "no longer held"))

    # -- clients ----------------------------------------------------------------------------------------

    def add_client(self, client):
        client.session = self
        self.clients[client.cid] = client
        self.last_used = time.monotonic()

    def remove_client(self, client):
        if self.clients.pop(client.cid, None) is None:
            return
        self.last_used = time.monotonic()
        if not self.dead:
            for rtag in client.outstanding:
                self._cancel(rtag)
        client.outstanding.clear()
        if self.retired and not self.clients and not self.dead:
            self.close(self.retired)

    def retire(self, reason, owner=None):
        """A reset (``meta: reset_connection``, ansible's end-of-play reset): the next attach logs in again, and the
        router session ends now, or, when tasks (of another playbook run, say) are using it, as soon as the last
        of them is done: a reset never cuts a running task off."""
        if owner is not None:
            self.owners.discard(owner)
        if self.broker.sessions.get(self.key) is self:
            del self.broker.sessions[self.key]
        if self.dead:
            return
        self.retired = reason
        if not self.clients:
            self.close(reason)
        else:
            log("session %s user %s: %s; it closes when its %d running task(s) are done" % (
                self.where, self.username, reason, len(self.clients)))

    async def alive(self):
        """False when the router connection is known to be gone (checked without a round trip)."""
        if self.dead or self.writer is None or self.writer.is_closing():
            return False
        sock = self.writer.get_extra_info("socket")
        sock = getattr(sock, "_sock", sock)  # asyncio's wrapper hides recv: peek on the socket itself (no dup)
        if sock is not None:
            try:
                data = sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT)
            except BlockingIOError:
                return True
            except OSError as exc:
                return fd_exhausted(exc)
            if not data:
                return False
            for dummy in range(3):  # bytes are waiting (a TLS alert?): let the reader take them first
                await asyncio.sleep(0)
        return not self.dead

    # -- closing ----------------------------------------------------------------------------------------

    def _close_router(self):
        if self.writer is not None and not self.writer.is_closing():
            self.writer.close()

    def retry_verdict(self, client):
        """Whether ``client`` may attach again and re-send what it sent, now that the router connection was lost
        without a ``!fatal``. Returns None (yes) or why not. The rule (docs/connection.md):

        - the client attached to a session kept from before (its attach did not log in), and
        - not one byte came from the router since the client's first command went out (so nothing of it was
          answered, and nobody else got an answer meanwhile either), and
        - every command it sent only reads (print, getall, listen, monitor, /cancel). A write is never sent
          twice: nothing the client can see proves the router did not receive it (a peer may read the bytes and
          reset before its TCP stack acknowledges them), so its outcome is read back instead.
        """
        if not client.kept:
            return "the session was logged in by this very task"
        if client.mark is None:
            return None  # nothing of it went out
        if self.received != client.mark:
            return "the router had answered since it was sent"
        if client.writes:
            return "it may change something and the router may have received it"
        return None

    def close(self, reason, kind=None):
        """End the session. ``kind`` is how the router connection ended when it was lost: "lost" (closed or
        reset), "fatal" (a !fatal), "protocol" (garbage); None when the broker ends it."""
        if self.dead:
            return
        self.dead = True
        log("session %s user %s: closed (%s)" % (self.where, self.username, reason))
        if self.broker.sessions.get(self.key) is self:
            del self.broker.sessions[self.key]
        if self.safe_mode:
            # an end without /quit: the router undoes what was changed under safe mode (a /quit would keep it)
            log("session %s user %s: it holds safe mode: closed without /quit, the router undoes its changes" % (
                self.where, self.username))
        elif self.writer is not None and not self.writer.is_closing():
            try:
                self.send([b"/quit", b".tag=b.quit"])
            except (OSError, RuntimeError):
                pass
        self._close_router()
        if self.reader_task is not None and self.reader_task is not asyncio.current_task():
            self.reader_task.cancel()
        self._close_listener()
        if self.socket_path:
            try:
                os.unlink(self.socket_path)
            except OSError:
                pass
        retried = 0
        for client in list(self.clients.values()):
            if kind == "lost" and client.can_retry:
                why = self.retry_verdict(client)
                if why is None:
                    # it attaches again (logging in) and re-sends; until it hangs up its words go nowhere
                    client.parked = True
                    retried += 1
                    client.reply([b"!fatal", b"=tikops-retry=yes", b"=message=" + reason.encode("utf-8", "replace")])
                    continue
                client.reply([b"!fatal", b"=tikops-retry=no", b"=message=" + reason.encode("utf-8", "replace"),
                              b"=why=" + why.encode("utf-8", "replace")])
            elif kind == "fatal":
                pass  # the router's !fatal went to every client already
            elif client.can_retry:
                # say why (a protocol violation, the broker exiting...), as a direct connection would, instead of
                # a bare close
                why = "the router broke the API protocol" if kind == "protocol" else "the session broker ended the session"
                client.reply([b"!fatal", b"=tikops-retry=no", b"=message=" + reason.encode("utf-8", "replace"),
                              b"=why=" + why.encode("utf-8", "replace")])
            elif kind == "protocol":
                client.reply([b"!fatal", reason.encode("utf-8", "replace")])
            client.close()
        if retried:
            log("session %s user %s: %d client(s) told to log in again and re-send" % (
                self.where, self.username, retried))
        self.clients.clear()


class Broker:
    def __init__(self, directory):
        self.directory = directory
        self.sessions = {}
        self.clients = set()
        self.counter = 0
        self.server = None
        self.sock_path = broker_socket(directory)
        self.sock_ino = None
        self.stopping = False
        self.done = None
        self.uid = os.getuid()
        self.fd_limit = None   # the soft RLIMIT_NOFILE in force (raise_fd_limit)
        self.peak = 0          # the most router sessions held at once
        self.pressure_logged = 0.0
        self.ready_fd = None   # the starter's pipe (--ready-fd), written to once this broker listens

    # -- file descriptors -------------------------------------------------------------------------------

    def fds_in_use(self):
        """An estimate of the descriptors in use: one per router session, one per session socket that was asked
        for, one per client connection, and a few of our own."""
        listeners = sum(1 for sess in self.sessions.values() if sess.socket_path)
        return 16 + len(self.sessions) + listeners + len(self.clients)

    def idle_sessions(self):
        """Sessions no task uses right now, least recently used first."""
        idle = [sess for sess in self.sessions.values()
                if not sess.clients and not sess.dead and sess.task is not None and sess.task.done()]
        idle.sort(key=lambda sess: sess.last_used)
        return idle

    def make_room(self, wanted=1):
        """Before a new router session: when the descriptors would run short, close the least recently used idle
        sessions (their next task logs in again). Returns how many were closed."""
        if self.fd_limit is None:
            return 0
        excess = self.fds_in_use() + wanted - (self.fd_limit - min(FD_HEADROOM, self.fd_limit // 4))
        closed = 0
        if excess > 0:
            for sess in self.idle_sessions()[:excess]:
                sess.close("idle, and its file descriptor was needed for another router (limit %d)" % self.fd_limit)
                closed += 1
        return closed

    def fd_pressure(self, exc):
        """Out of file descriptors (EMFILE): close idle sessions; log it once a second at most."""
        closed = 0
        for sess in self.idle_sessions()[:max(8, len(self.sessions) // 10)]:
            sess.close("idle, and its file descriptor was needed (%s)" % (exc.strerror or exc))
            closed += 1
        now = time.monotonic()
        if now - self.pressure_logged >= 1.0:
            self.pressure_logged = now
            log("out of file descriptors (%s; limit %s, %d sessions, %d clients): closed %d idle session(s), "
                "backing off" % (exc.strerror or exc, self.fd_limit, len(self.sessions), len(self.clients), closed))

    def exception_handler(self, loop, context):
        """asyncio's errors (an accept() that failed with EMFILE, which asyncio retries a second later by itself)
        as one line, not a traceback; and room is made when descriptors ran out."""
        exc = context.get("exception")
        if fd_exhausted(exc):
            self.fd_pressure(exc)
            return
        log("event loop: %s%s" % (context.get("message") or "error",
                                  ": %s: %s" % (exc.__class__.__name__, exc) if exc is not None else ""))

    def signal_ready(self):
        """Tell the client that started this broker that it listens now (one byte down the pipe it passed as
        ``--ready-fd``), so that it connects at once instead of polling; its end of the pipe closes either way."""
        fd, self.ready_fd = self.ready_fd, None
        if fd is None:
            return
        try:
            os.write(fd, b"r")
        except OSError:
            pass  # the client gave up waiting: it finds the socket by itself
        finally:
            os.close(fd)

    async def run(self):
        loop = asyncio.get_running_loop()
        loop.set_exception_handler(self.exception_handler)
        self.done = loop.create_future()
        self.server = await asyncio.start_unix_server(lambda r, w: self.serve(r, w, None), path=self.sock_path)
        os.chmod(self.sock_path, 0o600)
        self.sock_ino = os.stat(self.sock_path).st_ino
        for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            loop.add_signal_handler(signum, self.shutdown, "signal %d" % signum)
        log("listening on %s" % self.sock_path)
        self.signal_ready()
        housekeeping = loop.create_task(self.housekeeping())
        try:
            await self.done
        finally:
            housekeeping.cancel()
            for sess in list(self.sessions.values()):
                sess.close("broker exiting")
            self.stop_listening(force=True)
            await asyncio.sleep(0.05)  # let the /quit sentences and closes go out
        log("exited")

    # -- lifetime ---------------------------------------------------------------------------------------

    async def housekeeping(self):
        while True:
            await asyncio.sleep(HOUSEKEEPING_INTERVAL)
            try:
                if self.tick():
                    return
            except Exception as exc:  # never let the housekeeping die: the broker would never exit
                log("housekeeping error: %s: %s" % (exc.__class__.__name__, exc))
                if not os.path.isdir(self.directory):
                    self.shutdown("its directory %s was removed" % self.directory)
                    return

    def tick(self):
        """Close idle and orphaned sessions; True once the broker is finishing."""
        if not os.path.isdir(self.directory):
            self.shutdown("its directory %s was removed" % self.directory)
            return True
        now = time.monotonic()
        alive = {}
        for sess in list(self.sessions.values()):
            if sess.clients or sess.dead or sess.task is None or not sess.task.done():
                continue
            if sess.owners:
                for pid in sess.owners:
                    if pid not in alive:
                        alive[pid] = pid_alive(pid)
                sess.owners = set(pid for pid in sess.owners if alive[pid])
                if not sess.owners:
                    sess.close("the playbook that used it has ended")
                    continue
            if now - sess.last_used >= sess.idle_timeout:
                sess.close("idle for %ss" % sess.idle_timeout)
        if not self.sessions and not self.clients:
            if self.stopping or self.stop_listening():
                self.finish()
                return True
        return False

    def stop_listening(self, force=False):
        """Stop accepting, race-free against a client starting a new broker (under the same lock)."""
        if self.server is None:
            return True
        import fcntl

        try:
            fd = os.open(os.path.join(self.directory, LOCK_FILE), os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            fd = None  # the directory is gone: nobody can start another broker there
        try:
            try:
                if fd is not None:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not force:
                    return False  # a client is starting a broker: it will find us; try again later
            self.server.close()
            self.server = None
            try:
                if os.stat(self.sock_path).st_ino == self.sock_ino:
                    os.unlink(self.sock_path)
            except OSError:
                pass
        finally:
            if fd is not None:
                os.close(fd)
        self.stopping = True
        return True

    def finish(self):
        if self.done is not None and not self.done.done():
            self.done.set_result(None)

    def shutdown(self, why):
        log("shutting down (%s)" % why)
        for sess in list(self.sessions.values()):
            sess.close("broker shutting down")
        self.stop_listening(force=True)
        if not self.clients:
            self.finish()

    # -- serving ----------------------------------------------------------------------------------------

    def peer_pid(self, writer):
        option = getattr(socket, "SO_PEERCRED", None)
        sock = writer.get_extra_info("socket")
        if option is None or sock is None:
            return None
        try:
            return PEERCRED.unpack(sock.getsockopt(socket.SOL_SOCKET, option, PEERCRED.size))[0]
        except OSError:
            return None

    def peer_ok(self, writer):
        option = getattr(socket, "SO_PEERCRED", None)
        if option is None:
            return True  # no peer credentials here: the 0700 directory is the only guard
        sock = writer.get_extra_info("socket")
        try:
            dummy, uid, dummy2 = PEERCRED.unpack(sock.getsockopt(socket.SOL_SOCKET, option, PEERCRED.size))
        except OSError:
            return False
        return uid == self.uid

    async def serve(self, reader, writer, session):
        """Serve one client connection, on the main socket (``session`` None) or on a session's socket."""
        if not self.peer_ok(writer):
            log("refused a client of another uid")
            writer.close()
            return
        self.counter += 1
        client = Client(b"c%d" % self.counter, writer)
        self.clients.add(client)
        decoder = SentenceDecoder()
        pending = []
        try:
            data = await asyncio.wait_for(reader.read(READ_SIZE), FIRST_SENTENCE_TIMEOUT)
            if data[:1] == b"\x00":
                await self.json_rpc(reader, client, data, session)
                return
            while not pending:
                if not data:
                    return
                pending.extend(decoder.feed(data))
                if not pending:
                    data = await asyncio.wait_for(reader.read(READ_SIZE), FIRST_SENTENCE_TIMEOUT)
            first = pending.pop(0)
            sess = await self.request(client, first, session)
            if sess is None:
                return
            sess.add_client(client)
            for sentence in pending:
                sess.from_client(client, sentence)
            while not sess.dead and not client.writer.is_closing():
                data = await reader.read(READ_SIZE)
                if not data:
                    break
                for sentence in decoder.feed(data):
                    if sess.dead or client.writer.is_closing():
                        break
                    sess.from_client(client, sentence)
            if client.parked:
                # it re-sends everything over a new attach: what it still writes here is dropped, and it must not
                # see this connection fail before it read why
                while await asyncio.wait_for(reader.read(READ_SIZE), FIRST_SENTENCE_TIMEOUT):
                    pass
        except (asyncio.TimeoutError, OSError, ProtocolError):
            pass
        except Exception as exc:  # a bug: log it, keep serving the others
            log("error serving a client: %s: %s" % (exc.__class__.__name__, exc))
        finally:
            if client.session is not None:
                client.session.remove_client(client)
            self.clients.discard(client)
            client.close()
            if self.stopping and not self.clients and not self.sessions:
                self.finish()

    async def request(self, client, sentence, session):
        """Answer a client's first sentence. Returns the session to relay to, or None."""
        command = sentence[0]
        tag = find_tag(sentence)
        tagword = [sentence[tag]] if tag is not None else []
        if command == b"/tikops/attach" and session is not None:
            if session.dead:
                client.reply([b"!trap", b"=category=lost", b"=message=the kept session to %s has ended"
                              % session.where.encode()] + tagword)
                client.reply([b"!done"] + tagword)
                return None
            client.reply([b"!done", b"=encoding=" + session.encoding.encode(),
                          b"=timeout=%s" % str(session.timeout).encode(), b"=where=" + session.where.encode(),
                          b"=version=" + (session.version or "").encode()] + tagword)
            return session
        if session is not None:
            client.reply([b"!trap", b"=category=input", b"=message=send /tikops/attach first"] + tagword)
            client.reply([b"!done"] + tagword)
            return None
        if command == b"/tikops/attach" and self.stopping:
            # accepted in the same breath as the broker stopped listening: hang up without an answer, and the
            # client starts a new broker (persist.attach)
            return None
        try:
            if command == b"/tikops/attach":
                return await self.attach(client, text_attrs(sentence), tagword)
            if command == b"/tikops/drop":
                attrs = text_attrs(sentence)
                params = params_from_attrs(attrs)
                sess = self.sessions.get(params.key())
                if sess is not None:
                    owner = attrs.get("owner-pid")
                    sess.retire("dropped on request (reset_connection)", int(owner) if owner and owner.isdigit() else None)
                client.reply([b"!done", b"=dropped=" + (b"yes" if sess is not None else b"no")] + tagword)
                return None
            if command == b"/tikops/status":
                for sess in list(self.sessions.values()):
                    client.reply([b"!re", b"=host=" + sess.host.encode(), b"=port=%d" % sess.port,
                                  b"=username=" + sess.username.encode(), b"=tls=" + (b"yes" if sess.tls else b"no"),
                                  b"=clients=%d" % len(sess.clients), b"=owners=%d" % len(sess.owners),
                                  b"=idle-timeout=%s" % str(sess.idle_timeout).encode(),
                                  b"=ready=" + (b"yes" if sess.reader_task is not None else b"no"),
                                  b"=socket=" + (sess.socket_path or "").encode()] + tagword)
                client.reply([b"!done", b"=pid=%d" % os.getpid(), b"=sessions=%d" % len(self.sessions),
                              b"=sessions-peak=%d" % self.peak, b"=clients=%d" % len(self.clients),
                              b"=fd-limit=%s" % str(self.fd_limit).encode(), b"=fds=%d" % count_fds()] + tagword)
                return None
            if command == b"/tikops/shutdown":
                client.reply([b"!done"] + tagword)
                await client.writer.drain()
                self.shutdown("asked by a client")
                return None
            raise UserInputError("unknown broker request %r" % command.decode("utf-8", "replace"))
        except RouterOSError as exc:
            client.reply([b"!trap", b"=category=" + error_category(exc).encode(),
                          b"=message=" + str(exc).encode("utf-8", "replace")] + tagword)
            client.reply([b"!done"] + tagword)
            return None

    async def attach(self, client, attrs, tagword):
        if attrs.get("code") != code_id():
            # another copy or version of the collection: its client must get a broker of its own code
            raise BrokerMismatch("this session broker runs the collection's code %s, the client's is %s: the client "
                                 "starts a broker of its own" % (code_id(), attrs.get("code") or "not given"))
        params = params_from_attrs(attrs)
        key = params.key()
        try:
            idle = float(attrs.get("idle-timeout") or DEFAULT_IDLE_TIMEOUT)
        except ValueError:
            raise UserInputError("idle timeout must be a number of seconds, not %r" % attrs.get("idle-timeout"))
        sess = self.sessions.get(key)
        if sess is not None and sess.task is not None and sess.task.done() and not await sess.alive():
            sess.close("the router connection was lost")
            sess = self.sessions.get(key)
        fresh = False
        if sess is None:
            if self.stopping:
                raise ConnectionLost("the session broker is exiting")
            self.make_room()
            sess = RouterSession(self, key, params, idle)
            self.sessions[key] = sess
            self.peak = max(self.peak, len(self.sessions))
            sess.task = asyncio.get_running_loop().create_task(sess.establish(params))
            fresh = True
        del params
        try:
            await asyncio.shield(sess.task)
        except RouterOSError:
            if self.sessions.get(key) is sess:
                del self.sessions[key]
            sess.dead = True
            raise sess.task.exception()
        except Exception as exc:
            if self.sessions.get(key) is sess:
                del self.sessions[key]
            sess.dead = True
            raise ConnectError("the session broker failed to connect to %s: %s: %s"
                               % (sess.where, exc.__class__.__name__, exc))
        if sess.dead:
            raise ConnectionLost("the session to %s ended while attaching" % sess.where)
        sess.idle_timeout = idle
        owner = attrs.get("owner-pid")
        if owner and owner.isdigit():
            sess.owners.add(int(owner))
        client.kept = not fresh
        client.can_retry = attrs.get("retry") == "yes"
        client.reply([b"!done", b"=socket=" + (sess.socket_path or "").encode(), b"=fresh=" + (b"yes" if fresh else b"no"),
                      b"=login-method=" + (sess.login_method or "").encode(),
                      b"=version=" + (sess.version or "").encode()] + tagword)
        return sess

    async def json_rpc(self, reader, client, data, session):
        """Answer ansible-core's JSON-RPC (``Connection(socket_path).reset()``): reset closes the session."""
        while len(data) < 8:
            more = await asyncio.wait_for(reader.read(READ_SIZE), FIRST_SENTENCE_TIMEOUT)
            if not more:
                return
            data += more
        length = struct.unpack("!Q", data[:8])[0]
        if length > 1024 * 1024:
            return
        body = data[8:]
        while len(body) < length:
            more = await asyncio.wait_for(reader.read(READ_SIZE), FIRST_SENTENCE_TIMEOUT)
            if not more:
                return
            body += more
        try:
            request = json.loads(body[:length].decode("utf-8"))
            method = request.get("method")
            reqid = request.get("id")
        except (ValueError, AttributeError):
            return
        if method == "reset":
            if session is not None:
                session.retire("reset by ansible (end of play or reset_connection)", self.peer_pid(client.writer))
            response = {"jsonrpc": "2.0", "id": reqid, "result": None}
        else:
            response = {"jsonrpc": "2.0", "id": reqid,
                        "error": {"code": -32601, "message": "Method not found: %s" % method}}
        out = json.dumps(response).encode("utf-8")
        client.write(struct.pack("!Q", len(out)) + out)
        await client.writer.drain()


def _ready_fd(argv):
    """The descriptor of ``--ready-fd=N`` (the write end of the starter's pipe), or None."""
    for arg in argv:
        if arg.startswith("--ready-fd="):
            try:
                fd = int(arg[len("--ready-fd="):])
                os.fstat(fd)
            except (ValueError, OSError):
                return None
            return fd
    return None


def main(argv):
    """Entry point: ``main([directory])``; ``--foreground`` keeps it from daemonizing (for debugging);
    ``--ready-fd=N``: write one byte to descriptor N (and close it) once the broker listens."""
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 1:
        sys.stderr.write("usage: broker DIRECTORY [--foreground]\n")
        return 2
    try:
        directory = ensure_dir(args[0])
    except RouterOSError as exc:
        sys.stderr.write("%s\n" % exc)
        return 1
    if "--foreground" not in argv:
        if os.fork() > 0:
            os._exit(0)  # the starter waits for this; the daemon carries on
    sys.stderr = LOG  # Python's own messages too: capped, secret values taken out
    broker = Broker(directory)
    broker.ready_fd = _ready_fd(argv)
    broker.fd_limit = raise_fd_limit()
    log("file descriptor limit: %s" % broker.fd_limit)
    try:
        asyncio.run(broker.run())
    except OSError as exc:
        log("cannot serve in %s: %s" % (directory, exc))
        return 1
    return 0
