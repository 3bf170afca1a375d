# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Client side of the persistent session broker (``plugins/plugin_utils/broker.py``).

The broker is one daemon per controller user. It keeps one logged-in router connection per
``ConnectionParams.key()`` and multiplexes many clients on it. A client talks to it over a Unix socket in a
private (0700) directory, with RouterOS API sentences::

    /tikops/attach =host=.. =port=.. =username=.. =password=.. =tls=yes ...   ->  !done =socket=<path> =fresh=yes
    /tikops/attach                       (on a kept session's own socket)   ->  !done =encoding=.. =timeout=..
    /tikops/drop =host=.. (same words as attach)                            ->  !done =dropped=yes|no
    /tikops/status                                                           ->  !re per session, !done
    /tikops/shutdown                                                         ->  !done, then the broker exits

After a successful attach the connection carries plain RouterOS API traffic: the broker relays it to the router
(rewriting tags), so a :class:`Session` over it behaves as over a direct connection. A failed attach answers
``!trap =category=connect|login|timeout|input|fatal =message=..``; the message never contains the password.
An attach with ``=retry=yes`` (what :func:`attach` sends) gets ``!fatal =tikops-retry=yes|no ..`` when the router
connection is lost under it; :class:`KeptSession` then logs in again and re-sends, or fails with the reason.

``attach(params, ...)`` returns a :class:`Session` (starting the broker if none runs); ``attach_socket(path)``
attaches to a kept session's own socket, as an AnsiballZ module does with ``_ansible_socket``. Standard library
and our own module_utils only: AnsiballZ modules import this file too.

The broker itself can fail: a broker that is stopped (SIGSTOP, a debugger; seen by its pid, ``SO_PEERCRED``) is
replaced, once, by a new broker that takes over its socket; one that does not answer an attach within the time it
gives the router is a :class:`BrokerError` naming it; a session whose broker died says so (not that the router
closed the connection). Before a broker is started, the session sockets a killed one left are removed
(:func:`remove_stale_sockets`), and anything but a socket at the broker's socket path is a :class:`BrokerError`.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import functools
import hashlib
import os
import socket
import stat
import struct
import sys
import time

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import (
    ConnectError,
    ConnectionLost,
    LoginError,
    RouterOSError,
    RouterTimeout,
    UserInputError,
)
from ansible_collections.tikops.routeros.plugins.module_utils.core.protocol import (
    SentenceDecoder,
    encode_sentence,
    parse_reply,
    span_words,
)
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session
from ansible_collections.tikops.routeros.plugins.module_utils.net.transport import RECV_SIZE, SocketTransport, error_reason

DEFAULT_IDLE_TIMEOUT = 60.0
# The broker listens on ``b-<code>.sock``: <code> (8 hex digits, short: a Unix socket path is limited to about 100
# bytes) names the code it runs (:func:`code_id`), so that a broker started by another copy or an older version of
# the collection never serves this one's clients; each version gets its own broker in the same directory, and an
# old one ends when its sessions do. The attach carries the whole id as well, and a broker refuses another.
BROKER_SOCKET_PATTERN = "b-%s.sock"
LOCK_FILE = "broker.lock"
LOG_FILE = "broker.log"
START_TIMEOUT = 15.0
LOG_LIMIT = 1024 * 1024
# What the broker may spend on an attach that logs in: connecting, the TLS handshake and two login answers (the
# pre-6.43 challenge login), each within the router timeout; the client waits that long plus this margin.
ATTACH_TIMEOUTS = 4
ATTACH_MARGIN = 5.0
# How long a client waits for a broker whose connection ended to be seen gone (it closes its sockets as it dies).
DEATH_WAIT = 0.3
PEERCRED = struct.Struct("3i")

# The error class a failed attach maps to, by the category the broker sends.
ERROR_CATEGORIES = {
    "connect": ConnectError,
    "login": LoginError,
    "timeout": RouterTimeout,
    "input": UserInputError,
    "fatal": ConnectionLost,
    "lost": ConnectionLost,
}

# Attribute names of the attach sentence, in ConnectionParams field order.
PARAM_WORDS = (("host", "host"), ("port", "port"), ("username", "username"), ("password", "password"),
               ("tls", "tls"), ("validate_certs", "validate-certs"),
               ("validate_cert_hostname", "validate-cert-hostname"), ("ca_path", "ca-path"),
               ("force_no_cert", "force-no-cert"), ("timeout", "timeout"), ("encoding", "encoding"))

# Environment the broker is started with: what it needs and nothing else (no secrets).
BROKER_ENV = ("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "TZ", "SSL_CERT_FILE", "SSL_CERT_DIR",
              "XDG_RUNTIME_DIR")


class BrokerError(ConnectError):
    """The session broker could not be started or reached."""


class BrokerMismatch(BrokerError):
    """The broker runs other code than its client (another copy or version of the collection)."""


ERROR_CATEGORIES["code"] = BrokerMismatch


# ---------------------------------------------------------------------------------------------------------
# The broker process


def peer_pid(sock):
    """The pid of the process at the other end of a connected Unix socket (``SO_PEERCRED``), or None."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return None
    try:
        pid = PEERCRED.unpack(sock.getsockopt(socket.SOL_SOCKET, option, PEERCRED.size))[0]
    except (OSError, struct.error):
        return None
    return pid or None


def process_state(pid):
    """``"gone"``, ``"stopped"`` (SIGSTOP, or held by a debugger) or ``"running"`` for process ``pid``; None when
    there is no pid. Without ``/proc`` a stopped process cannot be told from a running one."""
    if not pid:
        return None
    if os.path.isdir("/proc/self"):
        try:
            with open("/proc/%d/stat" % pid, "rb") as handle:
                data = handle.read()
        except FileNotFoundError:
            return "gone"
        except OSError:
            data = b""
        state = data[data.rfind(b")") + 2:][:1]
        if state in (b"Z", b"X", b"x"):
            return "gone"
        if state in (b"T", b"t"):
            return "stopped"
        if state:
            return "running"
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return "gone"
    except OSError:
        pass
    return "running"


def _broker_name(pid, directory):
    return "the session broker%s in %s" % (" (pid %d)" % pid if pid else "", directory)


def _stopped_text(pid, directory):
    return ("%s is stopped (suspended by SIGSTOP or held by a debugger) and cannot answer; resume it (kill -CONT %d) "
            "or end it (kill %d), and the next task starts a new one" % (_broker_name(pid, directory), pid, pid))


def _log_path(directory):
    return os.path.join(directory, LOG_FILE)


# ---------------------------------------------------------------------------------------------------------
# The private directory


def default_dir():
    """``$XDG_RUNTIME_DIR/tikops_routeros`` when there is such a runtime directory, else
    ``~/.ansible/tikops_routeros``."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isabs(runtime) and os.path.isdir(runtime) and os.access(runtime, os.W_OK | os.X_OK):
        return os.path.join(runtime, "tikops_routeros")
    return os.path.join(os.path.expanduser("~"), ".ansible", "tikops_routeros")


def _mode_text(st):
    return "%04o" % stat.S_IMODE(st.st_mode)


def _shared(st):
    """A directory others may write into (``/tmp``-like when it also has the sticky bit)."""
    return bool(stat.S_IMODE(st.st_mode) & (stat.S_IWGRP | stat.S_IWOTH))


def _private_subdir(path):
    """The broker directory inside a shared sticky directory such as ``/tmp``: ``tikops_routeros-<uid>``, created
    0700, or checked to be ours, a real directory and private when it exists already."""
    sub = os.path.join(path, "tikops_routeros-%d" % os.getuid())
    try:
        os.mkdir(sub, 0o700)
    except FileExistsError:
        pass
    except OSError as exc:
        raise UserInputError("cannot create the session broker directory %s: %s" % (sub, exc.strerror or exc))
    st = os.lstat(sub)
    if not stat.S_ISDIR(st.st_mode):
        raise UserInputError("the session broker directory %s is not a directory (a symlink or a file); remove it or "
                             "choose another with ansible_routeros_persistent_dir" % sub)
    if st.st_uid != os.getuid() or stat.S_IMODE(st.st_mode) & 0o077:
        raise UserInputError("the session broker directory %s (inside the shared directory %s) belongs to uid %d with "
                             "mode %s; it must be yours with mode 0700: remove it or choose another directory with "
                             "ansible_routeros_persistent_dir" % (sub, path, st.st_uid, _mode_text(st)))
    return sub


def ensure_dir(path=None):
    """Create (0700) or check the broker directory; return the absolute path of the directory to use.

    The mode of a directory that exists is never changed. It is used as it is when it is a real directory (not a
    symlink) that belongs to this user and that nobody else may write into (the sockets, lock and log in it are
    0600 and every peer is checked by uid). A shared directory with the sticky bit (``/tmp``-like) gets a private
    subdirectory ``tikops_routeros-<uid>`` (0700) that is used instead. Anything else is refused with a message
    naming the directory and what is wrong with it.
    """
    path = os.path.abspath(os.path.expanduser(path or default_dir()))
    parent = os.path.dirname(path)
    if not os.path.isdir(parent):
        try:
            os.makedirs(parent, mode=0o700)
        except FileExistsError:
            pass
        except OSError as exc:
            raise UserInputError("cannot create %s for the session broker: %s" % (parent, exc.strerror or exc))
    try:
        os.mkdir(path, 0o700)
        return path  # ours, created just now with the mode we want
    except FileExistsError:
        pass
    except OSError as exc:
        raise UserInputError("cannot create the session broker directory %s: %s" % (path, exc.strerror or exc))
    st = os.lstat(path)
    if not stat.S_ISDIR(st.st_mode):
        raise UserInputError("the session broker directory %s is not a directory (a symlink or a file)" % path)
    if _shared(st) and st.st_mode & stat.S_ISVTX:
        return _private_subdir(path)
    if st.st_uid != os.getuid():
        raise UserInputError("the session broker directory %s belongs to uid %d, not to you (uid %d); choose "
                             "another with ansible_routeros_persistent_dir" % (path, st.st_uid, os.getuid()))
    if _shared(st):
        raise UserInputError("the session broker directory %s has mode %s: others may write into it, and it has no "
                             "sticky bit to protect the broker's files; remove the group/other write permission "
                             "(chmod go-w), or choose another directory with ansible_routeros_persistent_dir"
                             % (path, _mode_text(st)))
    return path


# ---------------------------------------------------------------------------------------------------------
# Sentences


# The code a broker and its clients must share: the session layers (api, core, net) and the broker itself.
_CODE_DIRS = (("plugins", "module_utils", "api"), ("plugins", "module_utils", "core"), ("plugins", "module_utils", "net"))
_CODE_FILES = (("plugins", "plugin_utils", "broker.py"),)
_code = {}


def code_id():
    """A short digest of the code the broker runs (every file of module_utils/api, core and net, and the broker),
    read from disk: two copies of the collection, or one before and after an upgrade, differ; the same files give
    the same id in every process. ``"unknown"`` when the files are not on disk (an AnsiballZ payload, which never
    starts or attaches to the broker)."""
    got = _code.get("id")
    if got is None:
        root = _collection_root()
        if root is None:
            return "unknown"
        base = os.path.join(root, "ansible_collections", "tikops", "routeros")
        paths = [os.path.join(base, *parts) for parts in _CODE_FILES]
        for parts in _CODE_DIRS:
            folder = os.path.join(base, *parts)
            paths.extend(os.path.join(folder, n) for n in os.listdir(folder) if n.endswith(".py"))
        digest = hashlib.sha256()
        for path in sorted(paths):
            digest.update(os.path.relpath(path, base).encode("utf-8") + b"\0")
            with open(path, "rb") as handle:
                digest.update(handle.read())
            digest.update(b"\0")
        got = _code["id"] = digest.hexdigest()[:16]
    return got


def broker_socket_name():
    """The name of the socket this code's broker listens on."""
    return BROKER_SOCKET_PATTERN % code_id()[:8]


def broker_socket(directory):
    """The path of the socket this code's broker listens on in ``directory``."""
    return os.path.join(directory, broker_socket_name())


def _bool_word(value):
    return "yes" if value else "no"


def attach_words(params, idle_timeout=DEFAULT_IDLE_TIMEOUT, owner_pid=None, command="/tikops/attach", retry=False):
    """The words of an attach (or drop) sentence for ``params``. They carry the password: never log them.
    ``retry``: this client can attach again and re-send after an unnoticed drop (see :class:`KeptSession`)."""
    words = [command]
    for field, name in PARAM_WORDS:
        value = getattr(params, field)
        if value is None:
            continue
        if isinstance(value, bool):
            value = _bool_word(value)
        words.append("=%s=%s" % (name, value))
    if idle_timeout is not None:
        words.append("=idle-timeout=%s" % float(idle_timeout))
    if owner_pid:
        words.append("=owner-pid=%d" % int(owner_pid))
    if retry:
        words.append("=retry=yes")
    if command == "/tikops/attach":
        words.append("=code=%s" % code_id())
    return words


def params_from_attrs(attrs):
    """Rebuild ConnectionParams from the attributes of an attach sentence (the broker side)."""
    from ansible_collections.tikops.routeros.plugins.module_utils.api.options import ConnectionParams

    def flag(name, default):
        value = attrs.get(name)
        if value is None or value == "":
            return default
        return value in ("yes", "true", "1")

    return ConnectionParams(attrs.get("host"), port=attrs.get("port") or None, username=attrs.get("username"),
                            password=attrs.get("password", ""), tls=flag("tls", False),
                            validate_certs=flag("validate-certs", True),
                            validate_cert_hostname=flag("validate-cert-hostname", True),
                            ca_path=attrs.get("ca-path") or None, force_no_cert=flag("force-no-cert", False),
                            timeout=attrs.get("timeout") or 10.0, encoding=attrs.get("encoding") or "utf-8")


class _Channel:
    """A blocking Unix-socket exchange of sentences with the broker, each read bounded by a deadline."""

    def __init__(self, sock, what):
        self.sock = sock
        self.what = what
        self.decoder = SentenceDecoder()
        self.pending = []

    def send(self, words, timeout=30.0):
        try:
            self.sock.settimeout(timeout)  # not what the last read left on the socket
            self.sock.sendall(encode_sentence(words))
        except OSError as exc:
            raise ConnectionLost("%s: sending failed: %s" % (self.what, exc.strerror or exc))

    def read_until_final(self, timeout, waiting_for):
        """Sentences up to the first ``!done``/``!trap``+``!done``/``!fatal``. ``None`` if the peer closed
        before sending anything."""
        got = []
        deadline = time.monotonic() + timeout
        while True:
            while self.pending:
                sentence = self.pending.pop(0)
                got.append(sentence)
                if sentence[0] in (b"!done", b"!fatal"):
                    return got
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise RouterTimeout("%s: no answer within %ss while waiting for %s" % (self.what, timeout, waiting_for))
            self.sock.settimeout(remaining)
            try:
                data = self.sock.recv(65536)
            except socket.timeout:
                raise RouterTimeout("%s: no answer within %ss while waiting for %s" % (self.what, timeout, waiting_for))
            except OSError as exc:
                if got:
                    raise ConnectionLost("%s: connection failed: %s" % (self.what, exc.strerror or exc))
                return None
            if not data:
                if got:
                    raise ConnectionLost("%s closed the connection in the middle of an answer" % self.what)
                return None
            self.pending.extend(self.decoder.feed(data))


def _raise_for(sentences, what):
    """Return the ``!done`` attributes, or raise the error the broker reported."""
    trap = None
    for sentence in sentences:
        reply = parse_reply(sentence)
        if reply.kind == "!trap" and trap is None:
            trap = reply.attrs
        elif reply.kind == "!fatal":
            raise ConnectionLost("%s: %s" % (what, " ".join(reply.extra) or "closed"))
        elif reply.kind == "!done":
            if trap is not None:
                cls = ERROR_CATEGORIES.get(trap.get("category"), ConnectError)
                raise cls(trap.get("message") or "%s refused the request" % what)
            return reply.attrs
    raise ConnectionLost("%s sent no final reply" % what)


def _connect_unix(path, timeout=5.0):
    """A connected AF_UNIX socket, or ``None`` when nothing listens at ``path``."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect(path)
    except (FileNotFoundError, ConnectionRefusedError):
        sock.close()
        return None
    except socket.timeout:
        sock.close()
        raise BrokerError("connecting to the session broker at %s timed out after %ss" % (path, timeout))
    except OSError as exc:
        sock.close()
        raise BrokerError("cannot connect to the session broker at %s: %s" % (path, exc.strerror or exc))
    return sock


# ---------------------------------------------------------------------------------------------------------
# Starting the broker


def _collection_root():
    """The directory that holds ``ansible_collections`` (this file is .../ansible_collections/tikops/routeros/
    plugins/module_utils/api/persist.py), or ``None`` when running from an AnsiballZ payload."""
    here = os.path.dirname(os.path.abspath(__file__))
    top = here
    for dummy in range(5):
        top = os.path.dirname(top)
    if os.path.basename(top) != "ansible_collections" or not os.path.isfile(
            os.path.join(top, "tikops", "routeros", "plugins", "plugin_utils", "broker.py")):
        return None
    return os.path.dirname(top)


SPAWN_CODE = ("import sys; sys.path.insert(0, sys.argv[1]); "
              "from ansible_collections.tikops.routeros.plugins.plugin_utils.broker import main; "
              "sys.exit(main(sys.argv[2:]))")


def _open_log(directory):
    path = os.path.join(directory, LOG_FILE)
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND
    try:
        if os.path.getsize(path) > LOG_LIMIT:
            flags |= os.O_TRUNC
    except OSError:
        pass
    return os.open(path, flags, 0o600)


def spawn_broker(directory):
    """Start a broker for ``directory`` (the caller holds the lock). It daemonizes itself: this returns once the
    broker listens (it says so down a pipe: no polling, so no wait longer than needed), or once the broker failed
    to start. Nothing secret is passed: argv is the code, the directory and the pipe's descriptor, the
    environment a short allow-list. The interpreter runs isolated and without ``site`` (``-I -S``): the broker needs
    the standard library and this collection only, so neither site-packages (their ``.pth`` files cost a few
    milliseconds of every start) nor the broker directory (the current directory) is on its ``sys.path``."""
    import select
    import subprocess

    root = _collection_root()
    if root is None:
        raise BrokerError("cannot start the session broker from here (the collection's files are not on disk)")
    env = dict((name, os.environ[name]) for name in BROKER_ENV if name in os.environ)
    log_fd = _open_log(directory)
    ready_r, ready_w = os.pipe()
    try:
        try:
            proc = subprocess.Popen([sys.executable, "-I", "-S", "-c", SPAWN_CODE, root, directory, "--ready-fd=%d" % ready_w],
                                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log_fd, cwd=directory,
                                    env=env, start_new_session=True, close_fds=True, pass_fds=(ready_w,))
        except OSError as exc:
            raise BrokerError("cannot start the session broker (%s): %s" % (sys.executable, exc.strerror or exc))
        finally:
            os.close(log_fd)
            os.close(ready_w)
        # one byte when the broker listens; end of file when every holder of the write end is gone (the broker
        # failed, or an older broker that knows no --ready-fd: then the socket is polled for, as before)
        deadline = time.monotonic() + START_TIMEOUT
        ready = False
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            try:
                readable = select.select([ready_r], [], [], remaining)[0]
            except InterruptedError:
                continue
            if readable:
                ready = os.read(ready_r, 1) == b"r"
                break
    finally:
        os.close(ready_r)
    try:
        # the intermediate process exits as soon as the daemon is forked: long gone when the broker listens
        status = proc.wait(START_TIMEOUT if ready else max(0.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise BrokerError("the session broker did not start within %ss; see %s"
                          % (START_TIMEOUT, os.path.join(directory, LOG_FILE)))
    if status != 0:
        raise BrokerError("the session broker failed to start (exit status %s); see %s"
                          % (status, os.path.join(directory, LOG_FILE)))


def _note(directory, message):
    """One line in the broker log, from a client (what it did about a broker that cannot answer)."""
    try:
        fd = _open_log(directory)
    except OSError:
        return
    try:
        os.write(fd, ("%s client[%d]: %s\n" % (time.strftime("%Y-%m-%d %H:%M:%S"), os.getpid(), message)).encode())
    except OSError:
        pass
    finally:
        os.close(fd)


def _lock(fd, timeout, path):
    import fcntl

    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise BrokerError("waited %ss for the session broker lock %s" % (timeout, path))
            time.sleep(0.005)


def _clear_socket_path(path):
    """Remove the broker socket at ``path`` (nothing listens on it, or it is a stopped broker's being replaced).
    Anything but a socket of this user there is left alone and named in a :class:`BrokerError`."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise BrokerError("cannot check the session broker socket %s: %s" % (path, exc.strerror or exc))
    if not stat.S_ISSOCK(st.st_mode):
        if stat.S_ISDIR(st.st_mode):
            kind = "a directory"
        elif stat.S_ISLNK(st.st_mode):
            kind = "a symlink"
        elif stat.S_ISREG(st.st_mode):
            kind = "a regular file"
        else:
            kind = "a special file"
        raise BrokerError("the session broker socket path %s is %s, not a socket, so no broker can listen there: "
                          "remove it, or choose another directory with ansible_routeros_persistent_dir" % (path, kind))
    if st.st_uid != os.getuid():
        raise BrokerError("the session broker socket %s belongs to uid %d, not to you (uid %d): remove it, or choose "
                          "another directory with ansible_routeros_persistent_dir" % (path, st.st_uid, os.getuid()))
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise BrokerError("cannot remove the stale session broker socket %s: %s" % (path, exc.strerror or exc))


def remove_stale_sockets(directory):
    """Remove the kept sessions' sockets (``s-*.sock``) and brokers' sockets (``b-*.sock``) that nothing listens
    on any more, left by a broker that was killed (a broker removes its own as it ends a session or exits). Only sockets that belong to this user, never
    another kind of file (a symlink, a directory...), and only when connecting to them is refused: a stopped
    broker's sockets still accept connections and stay. Returns the paths removed."""
    removed = []
    try:
        names = os.listdir(directory)
    except OSError:
        return removed
    uid = os.getuid()
    for name in names:
        if not (name.startswith(("s-", "b-")) and name.endswith(".sock")):
            continue
        path = os.path.join(directory, name)
        try:
            st = os.lstat(path)
        except OSError:
            continue
        if not stat.S_ISSOCK(st.st_mode) or st.st_uid != uid:
            continue
        probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        probe.settimeout(1.0)
        try:
            probe.connect(path)
            stale = False
        except ConnectionRefusedError:
            stale = True
        except OSError:
            stale = False
        finally:
            probe.close()
        try:
            if stale and os.lstat(path).st_ino == st.st_ino:  # still that very socket
                os.unlink(path)
                removed.append(path)
        except OSError:
            pass
    return removed


def connect_broker(directory, spawn=True):
    """A socket connected to the broker of ``directory``, starting one (race-free, under a file lock) if none
    runs and ``spawn`` is true.

    Before a broker is started, the sockets a killed broker left behind are removed (:func:`remove_stale_sockets`),
    and a path that is not a socket where the broker listens is a :class:`BrokerError` naming it."""
    sock = _connect_unix(broker_socket(directory))
    if sock is not None or not spawn:
        return sock
    return _start_broker(directory)


def replace_broker(directory, pid):
    """A socket connected to a new broker of ``directory``, started in place of the broker ``pid``, which is
    stopped (SIGSTOP, a debugger) and cannot answer: the new one takes over its socket. The stopped one keeps its
    own sessions until it is resumed and they expire. When another broker took over meanwhile, that one."""
    return _start_broker(directory, pid)


def _start_broker(directory, replace=None):
    """Under the lock: a socket connected to the broker that listens now (unless it is the stopped ``replace``), or
    to one started for it."""
    sock_path = broker_socket(directory)
    lock_path = os.path.join(directory, LOCK_FILE)
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise BrokerError("cannot open the session broker lock %s: %s" % (lock_path, exc.strerror or exc))
    try:
        _lock(fd, START_TIMEOUT, lock_path)
        sock = _connect_unix(sock_path)  # somebody else may have started it meanwhile
        if sock is not None:
            if replace is None or peer_pid(sock) != replace:
                return sock
            sock.close()  # still the stopped broker: a new one takes over its socket
            _note(directory, "the session broker (pid %d) is stopped and cannot answer: a new one takes over %s"
                  % (replace, sock_path))
        _clear_socket_path(sock_path)  # a stale socket left by a broker that died, or the stopped one's
        remove_stale_sockets(directory)
        spawn_broker(directory)
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            sock = _connect_unix(sock_path)
            if sock is not None:
                return sock
            if time.monotonic() > deadline:
                raise BrokerError("the session broker did not listen on %s within %ss; see %s"
                                  % (sock_path, START_TIMEOUT, os.path.join(directory, LOG_FILE)))
            time.sleep(0.003)
    finally:
        os.close(fd)  # releases the lock


# ---------------------------------------------------------------------------------------------------------
# Attaching


RETRY_MARK = b"=tikops-retry="


class BrokerTransport(SocketTransport):
    """The Unix socket to the broker under a :class:`KeptSession`. ``pid``: the broker's process; ``directory``: its
    directory (for messages).

    A send to a broker that hung up does not fail by itself: what it said last (a ``!fatal`` saying why the
    session ended) is still to be read, or its end, and the session names the right one when it reads."""

    def __init__(self, sock, where, pid=None, directory=None):
        SocketTransport.__init__(self, sock, where)
        self.pid = pid
        self.directory = directory
        self.hung_up = False

    @property
    def name(self):
        return _broker_name(self.pid, self.directory or "its directory")

    def sendall(self, data):
        if self.hung_up:
            return
        try:
            self.sock.sendall(data)
        except socket.timeout:
            text = "sending to %s timed out after %ss" % (self.name, self._timeout)
            if process_state(self.pid) == "stopped":
                text = "%s: %s" % (text, _stopped_text(self.pid, self.directory))
            raise RouterTimeout(text)
        except (BrokenPipeError, ConnectionResetError):
            self.hung_up = True
        except OSError as exc:
            raise ConnectionLost("connection to %s failed while sending: %s" % (self.name, error_reason(exc)))

    def recv(self, size=RECV_SIZE):
        try:
            return self.sock.recv(size)
        except socket.timeout:
            raise RouterTimeout("no data from %s within %ss" % (self.where, self._timeout))
        except ConnectionResetError:
            return b""  # the broker's end: the session says whose
        except OSError as exc:
            raise ConnectionLost("connection to %s failed while receiving: %s" % (self.name, error_reason(exc)))


class KeptSession(Session):
    """A :class:`Session` through the broker that survives an unnoticed drop of the router connection, once.

    A kept router connection can be dead without the broker knowing: the router rebooted, or a NAT or firewall
    on the way forgot the connection, and the first packet of the next task is answered with a reset. The broker
    then ends the session and tells each client with a ``!fatal =tikops-retry=yes|no`` whether re-sending is safe
    (its rule: ``broker.RouterSession.retry_verdict``, documented in docs/connection.md). On ``yes`` this session
    attaches again (the broker logs in again) and re-sends every command still outstanding, with the same tags,
    so the caller sees nothing but a later answer. This happens at most once per session. On ``no``, or a second
    time, the outstanding commands fail with a :class:`ConnectionLost` naming the command and why it was not
    sent again.
    """

    def __init__(self, transport, encoding="utf-8", timeout=10.0, reattach=None, announced=False):
        Session.__init__(self, transport, encoding=encoding, timeout=timeout)
        self._kept_socket = None
        self.fresh = False
        self.retried = False
        self._reattach = reattach
        # attached with =retry=yes: the broker ends this connection with a !fatal saying why, whatever the reason;
        # only its death ends it without a word
        self._announced = announced

    def note_version(self, version):
        """Tell the broker the router's version once (it answers by itself; the answer, to a tag no command has, is
        passed over), so that later tasks know it before their first read."""
        if version and version != self.router_version and not self.closed:
            try:
                self.transport.sendall(encode_sentence(["/tikops/note", "=version=" + version, ".tag=tikops-note"]))
            except (RouterOSError, OSError):
                pass  # a hint only: the next command finds a broken connection by itself
        self.router_version = version

    @property
    def broker_pid(self):
        return getattr(self.transport, "pid", None)

    def _recv(self, remaining, what):
        data = Session._recv(self, remaining, what)
        if not data and self._error is None:
            self._fail(self._broker_ended(what))
            raise self._error
        return data

    def _broker_ended(self, what):
        """The error for the broker's connection ending without a word while ``what`` was outstanding."""
        transport = self.transport
        pid = getattr(transport, "pid", None)
        transport_dir = getattr(transport, "directory", None)
        directory = transport_dir or "its directory"
        state = process_state(pid)
        deadline = time.monotonic() + DEATH_WAIT
        while state == "running" and time.monotonic() < deadline:  # it closes its sockets as it dies
            time.sleep(0.01)
            state = process_state(pid)
        name = _broker_name(pid, directory)
        # a broker that finishes on its own (its last session closed when the router connection was lost) removes
        # its socket first; a killed one leaves it behind. A session socket's client cannot tell otherwise.
        killed = self._announced or transport_dir is None or os.path.exists(broker_socket(transport_dir))
        if state == "gone" and killed:
            return ConnectionLost("%s ended while %s was outstanding: it was killed or crashed (see %s), and the "
                                  "router connection it kept for %s ended with it" % (
                                      name, what, _log_path(directory), self.where))
        if self._announced:
            return ConnectionLost("%s closed the connection without saying why while %s was outstanding (see %s); "
                                  "the kept session to %s is not usable any more" % (
                                      name, what, _log_path(directory), self.where))
        # a session socket's client: the broker hangs up on it when the router connection was lost
        return ConnectionLost("%s closed the connection while %s was outstanding" % (self.where, what))

    def _timeout_error(self, cmd, *args, **kwargs):
        error = Session._timeout_error(self, cmd, *args, **kwargs)
        pid = self.broker_pid
        if process_state(pid) == "stopped":  # not the router: the broker cannot relay its answer
            directory = getattr(self.transport, "directory", None) or "its directory"
            return RouterTimeout("%s; %s" % (error, _stopped_text(pid, directory)))
        return error

    @property
    def kept_socket(self):
        """The kept session's own socket, for AnsiballZ modules (``_ansible_socket``). The broker opens it on the
        first request (``/tikops/socket``), so a session that no module process needs costs it no descriptor."""
        if self._kept_socket is None and not self.closed:
            self._kept_socket = self.send_words(["/tikops/socket"]).result().done.get("socket")
        return self._kept_socket

    @kept_socket.setter
    def kept_socket(self, value):
        self._kept_socket = value

    def _dispatch(self, sentences):
        last = span_words(sentences[-1]) if sentences and sentences[-1][3] == b"!fatal" else None
        if last is not None and len(last) > 1 and last[1][:len(RETRY_MARK)] == RETRY_MARK:
            # the broker sends it last, and nothing after it
            if len(sentences) > 1:
                Session._dispatch(self, sentences[:-1])
            self._lost(parse_reply(last, "utf-8").attrs)
            return
        Session._dispatch(self, sentences)

    def _lost(self, attrs):
        reason = attrs.get("message") or "the router connection was lost"
        if attrs.get("tikops-retry") == "yes" and self._reattach is not None and not self.retried:
            self.retried = True
            try:
                self._resume()
            except RouterOSError as exc:
                self._fail(exc)
            return
        outstanding = self.outstanding
        what = outstanding[0].describe() if outstanding else "no command"
        if attrs.get("tikops-retry") == "yes":
            why = "it had been sent again once already"
        else:
            why = attrs.get("why") or "it was not safe"
        self._fail(ConnectionLost("%s while %s was outstanding; it was not sent again because %s"
                                  % (reason, what, why)))

    def _resume(self):
        """Attach again (a new login) and re-send the outstanding commands over the new connection."""
        try:
            fresh = self._reattach()
        except BrokerError:
            raise  # the session daemon on this controller, not the router: said as it is
        except (ConnectError, RouterTimeout, ConnectionLost) as exc:
            raise ConnectError("the router dropped the kept session, and logging in again failed: %s" % exc)
        old, self.transport = self.transport, fresh.transport
        fresh.transport = None
        self._decoder = fresh._decoder
        self._kept_socket = fresh._kept_socket
        self.login_method = fresh.login_method
        self.fresh = True
        if old is not None:
            old.close()
        commands = list(self._commands.values())
        if commands:
            self._send_bytes(b"".join(self._encode(cmd.words) for cmd in commands))


def _session_over(sock, params_where, encoding, timeout, reattach=None, directory=None, announced=False):
    transport = BrokerTransport(sock, params_where, peer_pid(sock), directory)
    return KeptSession(transport, encoding=encoding, timeout=timeout, reattach=reattach, announced=announced)


def attach(params, persist_dir=None, idle_timeout=DEFAULT_IDLE_TIMEOUT, owner_pid=None, spawn=True, retry=True):
    """A :class:`KeptSession` to the router of ``params`` through the broker (logged in once per key).

    The session has extra attributes: ``kept_socket`` (the kept session's own socket, for AnsiballZ modules)
    and ``fresh`` (true when this attach logged in). Raises ConnectError, LoginError, RouterTimeout or
    UserInputError as a direct connection would. With ``retry`` (the default) the session attaches again and
    re-sends, once, when the broker finds the kept router connection dead and says re-sending is safe.

    A broker that is stopped is replaced, once (with ``spawn``); one that died is started again. A broker that
    still cannot answer raises :class:`BrokerError` naming it (never a login timeout of the router).
    """
    directory = ensure_dir(persist_dir)
    words = attach_words(params, idle_timeout, owner_pid, retry=retry)
    where = "%s:%s" % (params.host, params.effective_port)
    what = "session broker (%s) for %s" % (directory, where)
    # connect + TLS + login on the broker's side, each bounded by the router timeout, plus a margin
    limit = params.timeout * ATTACH_TIMEOUTS
    wait = limit + ATTACH_MARGIN
    replace = None
    replaced = False
    for attempt in range(4):
        sock = connect_broker(directory, spawn=spawn) if replace is None else replace_broker(directory, replace)
        replace = None
        if sock is None:
            raise BrokerError("no session broker runs in %s" % directory)
        pid = peer_pid(sock)
        state = process_state(pid)
        sentences = None
        if state != "stopped":
            channel = _Channel(sock, what)
            try:
                channel.send(words)
                sentences = channel.read_until_final(wait, "the login to %s" % where)
            except RouterTimeout:
                # the broker gives up on the router well within this: it is the broker that does not answer
                state = process_state(pid)
                if state not in ("gone", "stopped"):
                    sock.close()
                    raise BrokerError("%s did not answer the attach for %s within %ss, although it gives up on "
                                      "connecting and logging in to the router within %ss: it is hung or overloaded "
                                      "(see %s); ending it (kill %s) makes the next task start a new one" % (
                                          _broker_name(pid, directory), where, wait, limit, _log_path(directory),
                                          pid or "its process"))
            except BaseException:
                sock.close()
                raise
        if state == "stopped":
            # it cannot answer: a new broker takes over its socket, once (the stopped one keeps its own sessions
            # until it is resumed and they expire)
            sock.close()
            if replaced or not spawn:
                raise BrokerError(_stopped_text(pid, directory))
            replace, replaced = pid, True
            continue
        if sentences is None:  # the broker was exiting, or died, when we connected: start over (a new one)
            sock.close()
            continue
        try:
            attrs = _raise_for(sentences, what)
        except BaseException:
            sock.close()
            raise
        reattach = functools.partial(attach, params, directory, idle_timeout, owner_pid, spawn) if retry else None
        session = _session_over(sock, where, params.encoding, params.timeout, reattach, directory, retry)
        session.kept_socket = attrs.get("socket") or None  # asked for when needed (KeptSession.kept_socket)
        session.fresh = attrs.get("fresh") == "yes"
        session.login_method = attrs.get("login-method")
        session.router_version = attrs.get("version") or None
        return session
    raise BrokerError("%s closed every attach attempt" % what)


def attach_socket(path, timeout=10.0):
    """A :class:`Session` over a kept session's own socket (what ``_ansible_socket`` names)."""
    what = "kept session %s" % path
    sock = _connect_unix(path, timeout)
    if sock is None:
        raise ConnectError("the kept router session at %s is gone (it expired or the broker stopped); "
                           "run the task again" % path)
    channel = _Channel(sock, what)
    try:
        channel.send(["/tikops/attach"])
        sentences = channel.read_until_final(timeout, "the attach")
        if sentences is None:
            raise ConnectError("%s closed the connection (the session ended)" % what)
        attrs = _raise_for(sentences, what)
    except BaseException:
        sock.close()
        raise
    session = _session_over(sock, attrs.get("where") or path, attrs.get("encoding") or "utf-8",
                            float(attrs.get("timeout") or timeout), directory=os.path.dirname(path))
    session.kept_socket = path
    session.fresh = False
    session.router_version = attrs.get("version") or None
    return session


def _refuse_stopped(sock, directory):
    """A :class:`BrokerError` (the socket closed) when the broker at the other end of ``sock`` is stopped."""
    pid = peer_pid(sock)
    if process_state(pid) == "stopped":
        sock.close()
        raise BrokerError(_stopped_text(pid, directory))


def _simple_request(directory, words, timeout=10.0):
    sock = connect_broker(directory, spawn=False)
    if sock is None:
        return None
    _refuse_stopped(sock, directory)
    channel = _Channel(sock, "session broker (%s)" % directory)
    try:
        channel.send(words)
        sentences = channel.read_until_final(timeout, words[0])
    finally:
        sock.close()
    if sentences is None:
        return None
    rows = []
    for sentence in sentences:
        reply = parse_reply(sentence)
        if reply.kind == "!re":
            rows.append(reply.attrs)
    _raise_for(sentences, "session broker (%s)" % directory)
    return rows


def drop(params, persist_dir=None, owner_pid=None):
    """End the kept session for ``params`` (``meta: reset_connection``). True if there was one.

    The next attach logs in again. The router session closes now, or, when tasks (of another playbook run using the
    same session) are attached to it, as soon as they are done; ``owner_pid`` (the playbook run that asks) no longer
    holds it."""
    directory = ensure_dir(persist_dir)
    sock = connect_broker(directory, spawn=False)
    if sock is None:
        return False
    _refuse_stopped(sock, directory)
    channel = _Channel(sock, "session broker (%s)" % directory)
    try:
        channel.send(attach_words(params, None, owner_pid, command="/tikops/drop"))
        sentences = channel.read_until_final(10.0, "/tikops/drop")
    finally:
        sock.close()
    if sentences is None:
        return False
    return _raise_for(sentences, "session broker").get("dropped") == "yes"


def status(persist_dir=None):
    """The kept sessions (no secrets): a list of dicts, or ``None`` when no broker runs."""
    return _simple_request(ensure_dir(persist_dir), ["/tikops/status"])


def shutdown(persist_dir=None, timeout=10.0):
    """Ask the broker to close every session and exit; wait until its socket is gone. True if one ran."""
    directory = ensure_dir(persist_dir)
    if _simple_request(directory, ["/tikops/shutdown"]) is None:
        return False
    deadline = time.monotonic() + timeout
    sock_path = broker_socket(directory)
    while os.path.exists(sock_path) and time.monotonic() < deadline:
        time.sleep(0.01)
    return True
