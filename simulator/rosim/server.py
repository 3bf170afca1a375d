# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The API service of one simulated router: asyncio TCP/TLS listeners, sessions, login, tags, streams,
/cancel and fault injection. Sentences are framed by the shared codec (protocol.py)."""

import asyncio
import json
import re
import secrets
import socket
import struct
import time

from ansible_collections.tikops.routeros.plugins.module_utils.core.protocol import (
    ProtocolError, SentenceDecoder, encode_length)

from . import fetch as rosim_fetch
from . import files as rosim_files
from . import lockout as rosim_lockout
from . import upgrade as rosim_upgrade
from . import values as V
from .router import Command, Listener, no_such_command, project
from .values import Trap

# An attribute is secret when its name contains one of these, or has "key" as a hyphen-separated part
# (key, auth-key, pre-shared-key, wpa2-pre-shared-key, private-key); "response" is the MD5 login answer.
SECRET_PARTS = ("password", "secret", "passphrase")
SECRET_WORD = re.compile(r"(?:^|-)(?:key|keys|psk)(?:-|$)")

GARBAGE = b"\xf8\xffrosim-garbage\x00\xff"
TCP_QUICKACK = getattr(socket, "TCP_QUICKACK", 12)  # Linux
FATAL_REASON_INJECTED = "rosim: injected fatal error"


def is_secret(name):
    name = name.lower()
    return (name == "response" or any(part in name for part in SECRET_PARTS)
            or SECRET_WORD.search(name) is not None)


def redact(words):
    """The sentence for the events file: values of secret attributes (and queries on them) replaced."""
    out = []
    for w in words:
        if w.startswith("=") or w.startswith("?"):
            head = w[0]
            body = w[1:]
            if head == "?" and body[:1] in ("=", "<", ">"):
                head, body = w[:2], w[2:]
            name, sep, _value = body.partition("=")
            if sep and is_secret(name):
                w = "%s%s=<redacted>" % (head, name)
        out.append(w)
    return out


def encode(words):
    """Frame text words (surrogate-escaped bytes survive) as one sentence."""
    parts = []
    for w in words:
        data = w.encode("utf-8", "surrogateescape")
        n = len(data)
        parts.append(bytes((n,)) if n < 0x80 else encode_length(n))
        parts.append(data)
    parts.append(b"\x00")
    return b"".join(parts)


def encode_row(kind, tag_word, row):
    parts = [b"\x03", kind] if kind == b"!re" else [encode_length(len(kind)), kind]
    if tag_word is not None:
        parts.append(tag_word)
    for k, v in row.items():
        data = ("=%s=%s" % (k, v)).encode("utf-8", "surrogateescape")
        n = len(data)
        parts.append(bytes((n,)) if n < 0x80 else encode_length(n))
        parts.append(data)
    parts.append(b"\x00")
    return b"".join(parts)


class Events:
    """Appends one JSON object per line to the --events file (shared by all routers of the process)."""

    def __init__(self, path):
        self.path = path
        self.fh = open(path, "a", encoding="utf-8") if path else None

    def emit(self, router, event, **details):
        if self.fh is None:
            return
        rec = {"ts": round(time.time(), 6), "router": router, "event": event}
        rec.update(details)
        self.fh.write(json.dumps(rec, sort_keys=False) + "\n")
        self.fh.flush()

    def close(self):
        if self.fh is not None:
            self.fh.close()
            self.fh = None


class Faults:
    """Fault injection settings of one router (see docs/simulator.md). Each connection takes a copy when it
    is accepted, so a change (``/rosim/fault``) applies to new connections only."""

    DEFAULTS = {"latency_ms": 0, "drop_after": None, "stall_after": None, "garbage_after": None,
                "fatal_after": None, "reset_after": None, "restart_after": None, "restart_down_ms": 1000,
                "refuse_logins": False, "max_sessions": None,
                "fault_connections": None,  # set of 1-based connection numbers; None = every connection
                "monitor_interval_ms": 1000,
                # reboots (upgrade.py): how long one takes, a reboot that never ends, one that keeps the old version
                "reboot_down_ms": 1000, "never_return": False, "keep_version": False,
                "link_down_after_reboot": None,  # ports without link once the router is back (a comma list)
                "safe_mode_timeout": 540.0}  # seconds until a cut session counts as gone (lockout.py)
    FIELDS = tuple(DEFAULTS)

    def __init__(self, **kw):
        for k, v in self.DEFAULTS.items():
            setattr(self, k, v)
        self.update(kw)

    def copy(self):
        other = Faults()
        for k in self.FIELDS:
            setattr(other, k, getattr(self, k))
        return other

    def update(self, kw):
        """Set options (``drop-after`` or ``drop_after``); an empty text restores the default (off).
        Raises ValueError for an unknown option or a bad value, having changed nothing."""
        parsed = {}
        for k, v in kw.items():
            k = k.replace("-", "_")
            if k not in self.FIELDS:
                raise ValueError("unknown fault option %r" % k)
            blank = v is None or isinstance(v, str) and not v.strip()
            parsed[k] = self.DEFAULTS[k] if blank else self.parse(k, v)
        for k, v in parsed.items():
            setattr(self, k, v)

    @staticmethod
    def parse(k, v):
        if k == "link_down_after_reboot":
            return [x.strip() for x in (v.split(",") if isinstance(v, str) else v) if str(x).strip()]
        if k == "fault_connections":
            if isinstance(v, str):
                v = [x for x in v.split(",") if x.strip()]
            elif isinstance(v, int):
                v = [v]
            return set(int(x) for x in v)
        if k in ("refuse_logins", "never_return", "keep_version"):
            if isinstance(v, bool):
                return v
            text = str(v).lower()
            if text not in ("1", "0", "yes", "no", "true", "false"):
                raise ValueError("%s must be yes or no" % k)
            return text in ("1", "yes", "true")
        floats = ("latency_ms", "monitor_interval_ms", "restart_down_ms", "reboot_down_ms", "safe_mode_timeout")
        n = float(v) if k in floats else int(v)
        if n < 0:
            raise ValueError("%s must not be negative" % k)
        return n

    def applies(self, conn_no):
        return self.fault_connections is None or conn_no in self.fault_connections


class RouterService:
    """Listeners and sessions for one Router."""

    def __init__(self, router, events, faults=None, state_file=None, save_state=None):
        self.router = router
        self.events = events
        self.faults = faults or Faults()
        self.state_file = state_file
        self.save_state = save_state
        self.servers = []
        self.listeners = []  # (kind, ssl context) of each server, to listen again after a restart
        self.held = []  # during a restart: the listening sockets, bound but not listening (connections refused)
        self.connections = set()
        self.conn_counter = 0
        self.addresses = {}

    async def listen(self, host, port, ssl_context=None, kind="api"):
        server = await asyncio.start_server(
            lambda r, w: self._accept(r, w, kind), host, port, ssl=ssl_context,
            ssl_handshake_timeout=10 if ssl_context else None, limit=1 << 20)
        self.servers.append(server)
        self.listeners.append((kind, ssl_context))
        rosim_lockout.start(self)  # the scheduler's ticker (lockout.py)
        sock = server.sockets[0]
        addr = sock.getsockname()
        self.addresses[kind] = (addr[0], addr[1])
        for item in self.router.table("ip_service").items:
            if item.get("name") == kind:
                item["port"] = str(addr[1])
                if kind == "api-ssl":
                    item["certificate"] = getattr(ssl_context, "rosim_cert_name", "none")
                    item["tls-version"] = getattr(ssl_context, "rosim_tls_version", "any")
        return addr

    async def _accept(self, reader, writer, kind):
        self.conn_counter += 1
        conn = Connection(self, reader, writer, kind, self.conn_counter)
        self.connections.add(conn)
        try:
            await conn.run()
        finally:
            self.connections.discard(conn)

    def restart(self, down_ms):
        """The router restarts: every connection ends at once, as when its process dies (what is not sent yet is
        lost), the configuration stays (RouterOS saves it on every change), and for ``down_ms`` the ports refuse
        connections (they stay bound, so nothing else takes them) before they accept again."""
        if self.held:
            return
        for server in self.servers:
            sock = server.sockets[0]
            keep = socket.fromfd(sock.fileno(), sock.family, sock.type)  # a second handle of the listening socket
            server.close()
            address = keep.getsockname()
            try:
                keep.shutdown(socket.SHUT_RD)  # stops listening (Linux) and unbinds: bind again at once
                keep.bind(address)
            except OSError as exc:  # the port is lost: the router comes back elsewhere (a test sees it did not)
                self.emit("error", error="restart: %s" % exc)
            self.held.append(keep)
        for conn in list(self.connections):
            conn.kill("fault: restart")
        asyncio.get_running_loop().call_later(down_ms / 1000.0, lambda: asyncio.ensure_future(self._back()))

    async def _back(self):
        held, self.held = self.held, []
        servers = []
        for keep, (kind, ssl_context) in zip(held, self.listeners):
            keep.listen(100)
            servers.append(await asyncio.start_server(
                lambda r, w, kind=kind: self._accept(r, w, kind), sock=keep, ssl=ssl_context,
                ssl_handshake_timeout=10 if ssl_context else None, limit=1 << 20))
        self.servers = servers
        self.emit("restarted")

    async def close(self):
        for keep in self.held:
            keep.close()
        for server in self.servers:
            server.close()
        for conn in list(self.connections):
            conn.abort("server stopping")
        for server in self.servers:
            try:
                await asyncio.wait_for(server.wait_closed(), 2)
            except (asyncio.TimeoutError, Exception):
                pass

    def emit(self, event, **details):
        self.events.emit(self.router.name, event, **details)


class StreamTask:
    def __init__(self, tag):
        self.tag = tag
        self.rows_sent = 0
        self.listener = None
        self.task = None


class Connection:
    def __init__(self, service, reader, writer, kind, number):
        self.service = service
        self.router = service.router
        self.faults = service.faults.copy()  # faults changed later apply to later connections
        self.reader = reader
        self.writer = writer
        self.kind = kind
        self.number = number
        peer = writer.get_extra_info("peername") or ("?", 0)
        self.peer = "%s:%s" % (peer[0], peer[1])
        self.peer_ip = peer[0]
        self.decoder = SentenceDecoder()
        self.queue = asyncio.Queue()
        self.user = None
        self.challenge = None
        self.active = None
        self.streams = []  # running StreamTasks, in start order; several may share a tag
        self.sent = 0
        self.stalled = False
        self.closed = False
        self.garbage_done = False
        self.faulty = self.faults.applies(number)
        self.prelogin = 0
        self.cut = None  # the router's firewall drops this session's packets (firewall.py)

    # ---------------------------------------------------------------------------------------------------
    # lifecycle

    async def run(self):
        svc = self.service
        svc.emit("connect", conn=self.number, peer=self.peer, service=self.kind, tls=self.kind == "api-ssl")
        limit = self.faults.max_sessions
        if limit is not None and len(svc.connections) > limit:
            svc.emit("fault", conn=self.number, kind="max-sessions", limit=limit)
            self.abort("too many sessions")
            return
        if not await rosim_lockout.admit(self):  # the firewall's input chain may drop or reject it (firewall.py)
            return
        worker = asyncio.ensure_future(self.worker())
        reason = "client closed"
        # reset-after: the client's bytes are read and run, then reset before the delayed ACK (best effort: Linux
        # turns quick ACKs back on by itself now and then)
        delay_ack = self.faulty and self.faults.reset_after is not None
        try:
            while not self.closed:
                data = await self.reader.read(65536)
                if not data:
                    break
                if delay_ack:
                    self.delay_ack()
                try:
                    sentences = self.decoder.feed(data)
                except ProtocolError as exc:
                    reason = "protocol error: %s" % exc
                    break
                now = time.monotonic()
                for s in sentences:
                    self.queue.put_nowait((now, s))
        except (ConnectionError, OSError) as exc:
            reason = "connection error: %s" % exc.__class__.__name__
        except asyncio.CancelledError:
            reason = "server stopping"
        finally:
            if not self.closed and self.cut is not None:
                await rosim_lockout.wait_open(self)  # a cut session's close is not seen either (firewall.py)
            if not self.closed:
                self.queue.put_nowait(None)
                try:
                    await asyncio.wait_for(worker, 5)
                except (asyncio.TimeoutError, asyncio.CancelledError, Exception):
                    worker.cancel()
                self.abort(reason)
            else:
                worker.cancel()

    def kill(self, reason, reset=False):
        """End the connection at once: what is not sent yet is lost; with ``reset``, a TCP reset (SO_LINGER 0)."""
        if self.closed:
            return
        transport = getattr(self.writer, "transport", None)
        if transport is not None:
            if reset:
                sock = transport.get_extra_info("socket")
                if sock is not None:
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            transport.abort()
        self.abort(reason)

    def delay_ack(self):
        sock = self.writer.get_extra_info("socket")
        try:
            sock.setsockopt(socket.IPPROTO_TCP, TCP_QUICKACK, 0)
        except (OSError, AttributeError):
            pass

    def abort(self, reason):
        if self.closed:
            return
        self.closed = True
        for st in list(self.streams):
            self.stop_stream(st)
        self.streams.clear()
        try:
            self.writer.close()
        except Exception:
            pass
        rosim_lockout.session_closed(self, reason)  # safe mode held by this session (lockout.py)
        if self.user is not None:
            self.router.session_ended(self.active, self.user, self.peer_ip)
        self.service.emit("disconnect", conn=self.number, reason=reason, user=self.user)

    # ---------------------------------------------------------------------------------------------------
    # sending (every sentence goes through here; fault injection counts them)

    def send_bytes(self, data, count=1):
        if self.cut is not None and not self.closed:
            return rosim_lockout.hold(self, data, count)  # sent when the firewall lets it through (firewall.py)
        if self.closed or self.stalled:
            return False
        f = self.faults
        if self.faulty:
            nxt = self.sent + count
            if f.drop_after is not None and nxt > f.drop_after:
                self.service.emit("fault", conn=self.number, kind="drop", after=self.sent)
                self.kill("fault: drop")
                return False
            if f.reset_after is not None and nxt > f.reset_after:
                self.service.emit("fault", conn=self.number, kind="reset", after=self.sent)
                self.kill("fault: reset", reset=True)
                return False
            if f.restart_after is not None and nxt > f.restart_after:
                self.service.emit("fault", conn=self.number, kind="restart", after=self.sent, down_ms=f.restart_down_ms)
                self.service.restart(f.restart_down_ms)
                return False
            if f.stall_after is not None and nxt > f.stall_after:
                self.service.emit("fault", conn=self.number, kind="stall", after=self.sent)
                self.stalled = True
                return False
            if f.fatal_after is not None and nxt > f.fatal_after:
                self.service.emit("fault", conn=self.number, kind="fatal", after=self.sent)
                self.fatal(FATAL_REASON_INJECTED)
                return False
            if f.garbage_after is not None and nxt > f.garbage_after and not self.garbage_done:
                self.garbage_done = True
                self.service.emit("fault", conn=self.number, kind="garbage", after=self.sent)
                self.writer.write(GARBAGE)
        self.sent += count
        self.writer.write(data)
        return True

    def send(self, words):
        return self.send_bytes(encode(words))

    def reply(self, kind, tag, attrs=None):
        words = [kind]
        if tag is not None:
            words.append(".tag=" + tag)
        if attrs:
            words.extend("=%s=%s" % (k, v) for k, v in attrs.items())
        return self.send(words)

    def trap(self, tag, traps):
        for message, category in traps:
            attrs = {}
            if category is not None:
                attrs["category"] = str(category)
            attrs["message"] = message
            self.reply("!trap", tag, attrs)

    def fatal(self, reason):
        if self.closed:
            return
        self.writer.write(encode(["!fatal", reason]))
        self.sent += 1
        self.abort("fatal: %s" % reason)

    async def drain(self):
        try:
            await self.writer.drain()
        except (ConnectionError, OSError):
            self.abort("connection lost while sending")

    # ---------------------------------------------------------------------------------------------------
    # the command loop

    async def worker(self):
        latency = self.faults.latency_ms / 1000.0 if self.faulty else 0
        while True:
            item = await self.queue.get()
            if self.cut is not None:
                await rosim_lockout.wait_open(self)  # a cut session's commands wait (firewall.py)
            if item is None or self.closed:
                return
            arrived, words = item
            if latency:
                delay = arrived + latency - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
            try:
                await self.handle(words)
            except Exception as exc:  # a simulator bug must not kill the session silently
                self.service.emit("error", conn=self.number, error="%s: %s" % (exc.__class__.__name__, exc))
                try:
                    self.trap(None, [("failure: simulator error %s" % exc.__class__.__name__, V.CAT_FAILURE)])
                    self.reply("!done", None)
                except Exception:
                    pass
            if not self.closed:
                await self.drain()

    def parse(self, words):
        """(text words, Command, the first word that is no attribute, query or tag, or None)."""
        text = [w.decode("utf-8", "surrogateescape") for w in words]
        attrs = {}
        queries = []
        tag = None
        junk = None
        for w in text[1:]:
            if w.startswith("="):
                name, _sep, value = w[1:].partition("=")
                attrs[name] = value
            elif w.startswith(".tag="):
                tag = w[5:]
            elif w.startswith("?"):
                queries.append(w)
            elif w.startswith(".proplist="):
                attrs[".proplist"] = w[10:]
            elif junk is None:
                junk = w
        return text, Command(text[0], attrs, queries, tag), junk

    async def handle(self, words):
        text, cmd, junk = self.parse(words)
        tag = cmd.tag or None
        svc = self.service
        svc.emit("command", conn=self.number, words=redact(text), tag=tag, user=self.user)
        if cmd.word == "/quit":
            self.fatal("session terminated on request")
            return
        if self.user is None and cmd.word != "/login":
            self.prelogin += 1
            self.fatal("not logged in")
            return
        if junk is not None:
            # a word that is neither =attribute, ?query nor .tag: refused like an unknown argument
            self.trap(tag, self.router.unknown_parameter(junk).traps)
            self.reply("!done", tag)
            return
        if cmd.word == "/login":
            self.login(cmd, tag)
            return
        if cmd.word == "/cancel":
            self.cancel(cmd, tag)
            return
        router = self.router
        try:
            if cmd.word == "/interface/monitor-traffic":
                self.monitor_traffic(cmd, tag)
                return
            if cmd.word == "/ping":
                self.ping(cmd, tag)
                return
            if cmd.word == "/rosim/save-state":
                path = svc.save_state() if svc.save_state else None
                if path is None:
                    raise Trap("failure: no --state file to write", V.CAT_FAILURE)
                self.reply("!done", tag, {"ret": path})
                return
            if cmd.word == "/rosim/fault":
                self.configure_faults(cmd.attrs)
                self.reply("!done", tag)
                return
            if cmd.word in rosim_fetch.COMMANDS:  # /tool/fetch, /system/backup/load (fetch.py)
                await rosim_fetch.handle(self, cmd, tag)
                return
            if cmd.word in rosim_upgrade.COMMANDS:  # reboots, upgrades, firmware (upgrade.py)
                result, then = rosim_upgrade.run(svc, router, cmd, self.user)
                await self.send_rows(result, tag)
                if then is not None:
                    await self.drain()
                    rosim_upgrade.reboot(svc, then)
                return
            if cmd.word in rosim_files.commands(router):  # /export, /file, /system/backup (files.py)
                await self.send_rows(rosim_files.run(router, cmd, self.user), tag)
                return
            if cmd.word in rosim_lockout.commands(router):  # safe mode, history, /import, scripts (lockout.py)
                await self.send_rows(await rosim_lockout.run(self, cmd), tag)
                return
            menu, verb = router.lookup(cmd.word)
            if menu is None:
                raise no_such_command(cmd.word.rsplit("/", 1)[-1])
            if not router.allowed(self.user, verb):
                raise Trap("not enough permissions (9)")
            result = router.run(cmd, self)
        except Trap as trap:
            self.trap(tag, trap.traps)
            self.reply("!done", tag)
            return
        if result.stream is not None:
            self.start_stream(result.stream, tag)
            return
        await self.send_rows(result, tag)

    async def send_rows(self, result, tag):
        tag_word = None
        if tag is not None:
            t = (".tag=" + tag).encode("utf-8", "surrogateescape")
            tag_word = encode_length(len(t)) + t
        n = 0
        batch = []
        for row in result.rows:
            batch.append(encode_row(b"!re", tag_word, row))
            n += 1
            if len(batch) >= 512:
                if not self.send_bytes(b"".join(batch), len(batch)):
                    return
                batch = []
                await self.drain()
                if self.closed:
                    return
        if batch and not self.send_bytes(b"".join(batch), len(batch)):
            return
        if n == 0 and result.listing and self.router.version >= (7, 18):
            self.reply("!empty", tag)
        self.reply("!done", tag, result.done)

    def configure_faults(self, attrs):
        """/rosim/fault: change the router's fault options for connections accepted from now on."""
        faults = self.service.faults.copy()
        for name, value in attrs.items():
            if name.replace("-", "_") not in Faults.FIELDS:
                raise self.router.unknown_parameter(name)
            try:
                faults.update({name: value})
            except ValueError:
                raise V.bad_value(name)
        self.service.faults = faults
        self.service.emit("fault", conn=self.number, kind="configure", settings=dict(attrs))

    # ---------------------------------------------------------------------------------------------------
    # login (protocol-facts.md section 3)

    def login(self, cmd, tag):
        router = self.router
        version = router.version
        plain_ok = version >= (6, 43)
        md5_ok = version < (6, 45, 1)
        attrs = cmd.attrs
        name = attrs.get("name")
        refuse = self.faulty and self.faults.refuse_logins
        if name is None or ("password" not in attrs and "response" not in attrs and not plain_ok):
            self.challenge = secrets.token_hex(16)
            self.service.emit("login", conn=self.number, user=name, method="challenge", success=None)
            self.reply("!done", tag, {"ret": self.challenge})
            return
        if "response" in attrs:
            ok = False
            if self.challenge is not None and md5_ok and not refuse:
                ok = router.check_login(name, response=attrs["response"], challenge=self.challenge,
                                        address=self.peer_ip)
            self.challenge = None
            self.service.emit("login", conn=self.number, user=name, method="md5", success=ok)
            if ok:
                self.logged_in(name)
                self.reply("!done", tag)
            else:
                msg = "cannot log in" if md5_ok else "invalid user name or password (6)"
                self.trap(tag, [(msg, None)])
                self.reply("!done", tag)
            return
        if not plain_ok:
            # an old router ignores =name=/=password= and answers with a challenge
            self.challenge = secrets.token_hex(16)
            self.service.emit("login", conn=self.number, user=name, method="challenge", success=None)
            self.reply("!done", tag, {"ret": self.challenge})
            return
        ok = not refuse and router.check_login(name, password=attrs.get("password", ""), address=self.peer_ip)
        self.service.emit("login", conn=self.number, user=name, method="plain", success=ok)
        if ok:
            self.logged_in(name)
            self.reply("!done", tag)
        else:
            self.trap(tag, [("invalid user name or password (6)", None)])
            self.reply("!done", tag)

    def logged_in(self, name):
        if self.user is not None:
            self.router.session_ended(self.active, self.user, self.peer_ip)
        self.user = name
        self.active = self.router.session_started(name, self.peer_ip)

    # ---------------------------------------------------------------------------------------------------
    # streams: listen, /log/print follow, monitor-traffic

    def start_stream(self, stream, tag):
        st = StreamTask(tag)
        self.streams.append(st)
        section = [0]

        def on_row(row, st=st):
            if st not in self.streams:
                return
            if stream.kind == "follow":
                row = dict(row)
                row[".section"] = str(section[0])
                section[0] += 1
            st.rows_sent += 1
            self.reply("!re", tag, row)

        for row in stream.initial:
            on_row(row)
        st.listener = Listener(stream.menu, stream.match, stream.proplist, on_row)
        self.router.subscribe(st.listener)

    def stop_stream(self, st):
        if st.listener is not None:
            self.router.unsubscribe(st.listener)
            st.listener = None
        if st.task is not None:
            st.task.cancel()
            st.task = None

    def ping(self, cmd, tag):
        """/ping with count=N: N replies at once, every probe answered in 1 ms (no traffic is modelled)."""
        attrs = cmd.attrs
        for k in attrs:
            if k not in ("address", "count", "size", "interval", "interface", "src-address", ".proplist"):
                raise self.router.unknown_parameter(k)
        address = attrs.get("address")
        if not address:
            raise Trap("value of address must be specified", V.CAT_ARGUMENT)
        count = attrs.get("count", "")
        if not count.isdigit() or not 1 <= int(count) <= 1000:
            # RouterOS pings until /cancel without count; rosim answers only a finite ping
            raise Trap("rosim: give count=1..1000 to /ping", V.CAT_ARGUMENT)
        proplist = [p for p in attrs[".proplist"].split(",") if p] if ".proplist" in attrs else None
        size = attrs.get("size", "56")
        for seq in range(int(count)):
            row = {"seq": str(seq), "host": address, "size": size, "ttl": "64", "time": "1ms",
                   "sent": str(seq + 1), "received": str(seq + 1), "packet-loss": "0",
                   "min-rtt": "1ms", "avg-rtt": "1ms", "max-rtt": "1ms"}
            self.reply("!re", tag, project(row, proplist))
        self.reply("!done", tag)

    def monitor_traffic(self, cmd, tag):
        attrs = cmd.attrs
        names = attrs.get("interface")
        if not names:
            raise Trap("value of interface must be specified", V.CAT_ARGUMENT)
        for k in attrs:
            if k not in ("interface", "once", "duration", "aggregate", ".proplist", "without-paging", "numbers"):
                raise self.router.unknown_parameter(k)
        items = []
        for n in names.split(","):
            if n == "aggregate":
                items.append(None)
                continue
            self.router.resolve_interface(n)
            items.append(self.router.find_interface(n) or self.router.table("interface").by_id.get(n))
        proplist = [p for p in attrs[".proplist"].split(",") if p] if ".proplist" in attrs else None
        started = time.monotonic()

        def rows(section):
            out = []
            for item in items:
                name = item["name"] if item is not None else "aggregate"
                up = item is None or item.get("disabled") != "true"
                k = (section * 7 + len(name)) % 5
                rx_pps = (120 + 13 * k) if up else 0
                tx_pps = (80 + 11 * k) if up else 0
                row = {"name": name,
                       "rx-packets-per-second": str(rx_pps), "rx-bits-per-second": str(rx_pps * 4816),
                       "fp-rx-packets-per-second": str(rx_pps), "fp-rx-bits-per-second": str(rx_pps * 4816),
                       "rx-drops-per-second": "0", "rx-errors-per-second": "0",
                       "tx-packets-per-second": str(tx_pps), "tx-bits-per-second": str(tx_pps * 1104),
                       "fp-tx-packets-per-second": str(tx_pps), "fp-tx-bits-per-second": str(tx_pps * 1104),
                       "tx-drops-per-second": "0", "tx-queue-drops-per-second": "0", "tx-errors-per-second": "0"}
                out.append(project(row, proplist))
            return out

        if "once" in attrs:
            for row in rows(0):
                self.reply("!re", tag, row)
            self.reply("!done", tag)
            return
        duration = None
        if attrs.get("duration"):
            ms = V.duration_ms(attrs["duration"])
            if ms is None:
                raise Trap("value of duration must be time interval", V.CAT_ARGUMENT)
            duration = ms / 1000.0
        st = StreamTask(tag)
        self.streams.append(st)
        interval = max(self.faults.monitor_interval_ms, 1) / 1000.0

        async def loop():
            section = 0
            try:
                while not self.closed:
                    for row in rows(section):
                        row = dict(row)
                        row[".section"] = str(section)
                        st.rows_sent += 1
                        self.reply("!re", tag, row)
                    section += 1
                    await self.drain()
                    if duration is not None and time.monotonic() - started >= duration:
                        if st in self.streams:
                            self.streams.remove(st)
                        self.reply("!done", tag)
                        await self.drain()
                        return
                    await asyncio.sleep(interval)
            except asyncio.CancelledError:
                pass

        st.task = asyncio.ensure_future(loop())

    def cancel(self, cmd, tag):
        """/cancel =tag=X stops every stream tagged X (an empty X: the untagged ones); /cancel without
        =tag= stops every stream of the session. The cancel itself is never a stream."""
        target = cmd.attrs.get("tag")
        if target is None:
            victims = list(self.streams)
        else:
            victims = [st for st in self.streams if (st.tag or "") == target]
        for st in victims:
            self.stop_stream(st)
            self.streams.remove(st)
            self.reply("!trap", st.tag, {"category": str(V.CAT_INTERRUPTED), "message": "interrupted"})
        self.reply("!done", tag)
        for st in victims:
            if st.rows_sent == 0 and self.router.version >= (7, 18):
                self.reply("!empty", st.tag)
            self.reply("!done", st.tag)
