"""The session broker under hostile routers and hostile local conditions, each compared with a direct connection
where there is one: replies that came before garbage are delivered, a silent or trickling login reads the same as
directly, a broker that was killed or stopped is named as such (and a stopped one is replaced), stale session
sockets of a killed broker are removed, and a non-socket at the broker's socket path is a clear error.

The hostile routers are scripted here: a small threaded TCP server speaking the API wire format."""

import os
import shutil
import signal
import socket
import stat
import struct
import tempfile
import threading
import time

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.api import persist
from ansible_collections.tikops.routeros.plugins.module_utils.api.options import ConnectionParams
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import ConnectionLost, RouterTimeout
from ansible_collections.tikops.routeros.plugins.module_utils.core.protocol import SentenceDecoder, encode_sentence
from support.rosim import Simulator

PASSWORD = "H4rden-Pw"
GARBAGE = b"\xf8\x01\x02"  # 0xF8 is a reserved control byte: no RouterOS API length starts with it


# -- a scripted router ----------------------------------------------------------------------------------------


class Peer:
    """One accepted connection of a :class:`ScriptedRouter`."""

    def __init__(self, sock):
        self.sock = sock
        self.decoder = SentenceDecoder()
        self.pending = []

    def read(self, timeout=10.0):
        """The next sentence (a list of str words), or None when the client closed."""
        self.sock.settimeout(timeout)
        while not self.pending:
            try:
                data = self.sock.recv(65536)
            except OSError:
                return None
            if not data:
                return None
            self.pending.extend(self.decoder.feed(data))
        return [w.decode("utf-8") for w in self.pending.pop(0)]

    def send(self, *sentences, extra=b""):
        """Every sentence (lists of str words), then ``extra`` bytes, in one write."""
        self.sock.sendall(b"".join(encode_sentence(s) for s in sentences) + extra)

    def wait_closed(self, timeout=30.0):
        while self.read(timeout) is not None:
            pass


def tag_of(words):
    for word in words:
        if word.startswith(".tag="):
            return word[5:]
    return None


class ScriptedRouter:
    """A TCP server on 127.0.0.1 that runs ``script(peer)`` in a thread for every connection."""

    def __init__(self, script):
        self.script = script
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.host, self.port = self.listener.getsockname()
        self.connections = 0
        self.logins = 0
        self.closed = threading.Event()
        self.threads = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                conn, dummy = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            thread = threading.Thread(target=self._run, args=(conn,), daemon=True)
            self.threads.append(thread)
            thread.start()

    def _run(self, conn):
        try:
            self.script(self, Peer(conn))
        except OSError:
            pass
        finally:
            conn.close()

    def login(self, peer):
        """Read the /login and accept it; False when the client went away."""
        words = peer.read()
        if words is None:
            return False
        assert words[0] == "/login", words
        self.logins += 1
        peer.send(["!done"])
        return True

    def params(self, timeout=5.0):
        return ConnectionParams(self.host, self.port, password=PASSWORD, timeout=timeout)

    def close(self):
        self.listener.close()
        for thread in self.threads:
            thread.join(10)


@pytest.fixture
def scripted():
    made = []

    def factory(script):
        router = ScriptedRouter(script)
        made.append(router)
        return router

    yield factory
    for router in made:
        router.close()


# -- helpers ----------------------------------------------------------------------------------------------------


@pytest.fixture
def bdir():
    path = tempfile.mkdtemp(prefix="tkh-")
    directory = os.path.join(path, "d")
    yield directory
    if os.path.isdir(directory):
        try:
            persist.shutdown(directory)
        except Exception:  # a test that broke the directory on purpose: nothing to shut down
            pass
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def sim():
    with Simulator(identity="hard-r1", password=PASSWORD) as s:
        yield s


def sim_params(sim, timeout=5.0):
    return ConnectionParams(sim.host, sim.port, password=PASSWORD, timeout=timeout)


def identity(session):
    return session.call("/system/identity", "print").rows[0]["name"]


def broker_pid(directory):
    """The pid of the broker listening in ``directory`` (its peer credentials)."""
    with socket.socket(socket.AF_UNIX) as sock:
        sock.connect(persist.broker_socket(directory))
        return struct.unpack("3i", sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12))[0]


def state_of(pid):
    """The process state letter of ``pid`` (/proc), or None when it is gone."""
    try:
        with open("/proc/%d/stat" % pid, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        return None
    return data[data.rfind(b")") + 2:][:1].decode()


def gone(pid):
    return state_of(pid) in (None, "Z", "X")


def stop(pid):
    """SIGSTOP ``pid`` and wait until it is stopped (the signal takes effect when the process is next scheduled)."""
    os.kill(pid, signal.SIGSTOP)
    wait_until(lambda: state_of(pid) == "T", "the stop of broker %d" % pid)


def wait_until(predicate, what, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("%s did not happen within %ss" % (what, timeout))
        time.sleep(0.01)


def kill(pid):
    os.kill(pid, signal.SIGKILL)
    wait_until(lambda: gone(pid), "the end of broker %d" % pid)


def session_sockets(directory):
    return sorted(name for name in os.listdir(directory) if name.startswith("s-") and name.endswith(".sock"))


# -- replies before garbage ---------------------------------------------------------------------------------------


def good_then_garbage(router, peer):
    """Answers the first command with a row and !done, and garbage right after them in the same write."""
    if not router.login(peer):
        return
    words = peer.read()
    if words is None:
        return
    tag = tag_of(words)
    peer.send(["!re", "=name=evil-r1", ".tag=" + tag], ["!done", ".tag=" + tag], extra=GARBAGE)
    peer.wait_closed()


def test_replies_before_garbage_in_the_same_read_are_delivered_as_directly(scripted, bdir):
    router = scripted(good_then_garbage)
    where = "%s:%s" % (router.host, router.port)
    results = {}
    with Session.connect(router.params()) as direct:
        results["direct"] = identity(direct)
        with pytest.raises(ConnectionLost) as info:
            identity(direct)
        results["direct-next"] = str(info.value)
    kept = persist.attach(router.params(), bdir, 30)
    try:
        results["brokered"] = identity(kept)
        with pytest.raises(ConnectionLost) as info:
            identity(kept)
        results["brokered-next"] = str(info.value)
    finally:
        kept.close()
    assert results["direct"] == results["brokered"] == "evil-r1"
    for text in (results["direct-next"], results["brokered-next"]):
        assert "%s sent bytes that are not RouterOS API" % where in text, text
        assert "0xF8" in text, text
    assert router.logins == 2  # the broker did not log in again behind the client's back


def garbage_after_login(router, peer):
    """Accepts the login with a !done that has garbage right behind it."""
    words = peer.read()
    if words is None:
        return
    router.logins += 1
    peer.send(["!done"], extra=GARBAGE)
    peer.wait_closed()


def test_garbage_behind_the_login_reply_is_named_through_the_broker(scripted, bdir):
    router = scripted(garbage_after_login)
    where = "%s:%s" % (router.host, router.port)
    with Session.connect(router.params()) as direct:
        with pytest.raises(ConnectionLost) as info:
            identity(direct)
    direct_text = str(info.value)
    with pytest.raises(ConnectionLost) as info:
        identity(persist.attach(router.params(), bdir, 30))
    brokered = str(info.value)
    for text in (direct_text, brokered):
        assert "%s sent bytes that are not RouterOS API" % where in text, text
        assert "0xF8" in text, text


# -- logins that get no answer ----------------------------------------------------------------------------------


def test_a_login_without_any_reply_gives_the_frozen_hint_as_directly(bdir):
    with Simulator(password=PASSWORD, extra_args=("--stall-after", "0")) as sim:
        params = sim_params(sim, timeout=0.3)
        with pytest.raises(RouterTimeout) as direct:
            Session.connect(params)
        with pytest.raises(RouterTimeout) as brokered:
            persist.attach(params, bdir, 30)
    text = str(brokered.value)
    assert text == str(direct.value)
    assert "did not answer /login within 0.3s" in text and "frozen" in text, text
    assert PASSWORD not in text


def trickling_login(router, peer):
    """Answers /login with a good !done, one byte every 0.2 s: the whole answer takes at least 1.2 s."""
    if peer.read() is None:
        return
    router.logins += 1
    for byte in encode_sentence(["!done"]):
        time.sleep(0.2)
        peer.sock.sendall(bytes((byte,)))
    peer.wait_closed()


def test_a_trickling_login_is_bounded_by_the_limit_it_names(scripted, bdir):
    # each byte comes well within the 0.5 s timeout, the whole answer takes at least 1.2 s: the login must fail at
    # 0.5 s (the limit applies to the answer, not to each read) and say so, through the broker as directly
    router = scripted(trickling_login)
    params = router.params(timeout=0.5)
    with pytest.raises(RouterTimeout) as direct:
        Session.connect(params)
    started = time.monotonic()
    with pytest.raises(RouterTimeout) as brokered:
        persist.attach(params, bdir, 30)
    waited = time.monotonic() - started
    text = str(brokered.value)
    assert text == str(direct.value)
    assert "did not answer /login within 0.5s" in text and "frozen" in text, text
    assert waited >= 0.5  # the limit it names did run out (a lower bound, not a speed test)


# -- a broker that was killed or stopped ------------------------------------------------------------------------


def test_a_broker_killed_under_an_outstanding_command_is_named(sim, bdir):
    where = "%s:%s" % (sim.host, sim.port)
    session = persist.attach(sim_params(sim), bdir, 30)
    assert identity(session) == "hard-r1"
    stream = session.send("/ip/address", "listen")  # outstanding until cancelled
    kill(broker_pid(bdir))
    with pytest.raises(ConnectionLost) as info:
        stream.result(timeout=5)
    text = str(info.value)
    assert "session broker" in text and "killed" in text, text
    assert "/ip/address/listen" in text, text
    assert "%s closed the connection" % where not in text, text
    session.close()


def test_a_command_sent_to_a_killed_broker_is_named(sim, bdir):
    session = persist.attach(sim_params(sim), bdir, 30)
    assert identity(session) == "hard-r1"
    kill(broker_pid(bdir))
    with pytest.raises(ConnectionLost) as info:
        identity(session)
    text = str(info.value)
    assert "session broker" in text and "killed" in text, text
    assert "/system/identity/print" in text, text
    assert "%s:%s" % (sim.host, sim.port) in text  # which router's kept session went with it
    assert "Broken pipe" not in text, text
    session.close()
    again = persist.attach(sim_params(sim), bdir, 30)  # the next task: a new broker, a new login
    try:
        assert again.fresh and identity(again) == "hard-r1"
    finally:
        again.close()


def test_the_sockets_a_killed_broker_left_are_removed_and_only_those(sim, bdir):
    session = persist.attach(sim_params(sim), bdir, 30)
    stale = session.kept_socket  # the session's own socket (for modules), made by the broker on request
    assert os.path.basename(stale) in session_sockets(bdir)
    kill(broker_pid(bdir))
    session.close()
    # files that are not a dead broker's sockets stay: a regular file, a symlink, a socket something listens on
    keep_file = os.path.join(bdir, "s-0000000000000001.sock")
    open(keep_file, "w").close()
    keep_link = os.path.join(bdir, "s-0000000000000002.sock")
    os.symlink(stale, keep_link)
    live_path = os.path.join(bdir, "s-0000000000000003.sock")
    with socket.socket(socket.AF_UNIX) as live:
        live.bind(live_path)
        live.listen(1)
        again = persist.attach(sim_params(sim), bdir, 30)  # a new broker is started
        try:
            assert again.fresh and identity(again) == "hard-r1"
            fresh_socket = again.kept_socket
        finally:
            again.close()
        assert not os.path.lexists(stale)
        assert os.path.isfile(keep_file) and os.path.islink(keep_link)
        assert stat.S_ISSOCK(os.lstat(live_path).st_mode)
    assert stat.S_ISSOCK(os.lstat(fresh_socket).st_mode)  # the new broker's own is in use


def test_a_stopped_broker_is_replaced_once_and_the_task_goes_on(sim, bdir):
    first = persist.attach(sim_params(sim, timeout=0.5), bdir, 30)
    assert identity(first) == "hard-r1"
    first.close()
    pid = broker_pid(bdir)
    stop(pid)
    try:
        session = persist.attach(sim_params(sim, timeout=0.5), bdir, 30)
        try:
            assert identity(session) == "hard-r1"
            assert session.fresh  # the new broker logged in
        finally:
            session.close()
        assert broker_pid(bdir) != pid
        with open(os.path.join(bdir, persist.LOG_FILE)) as fh:
            log = fh.read()
        assert "the session broker (pid %d) is stopped and cannot answer: a new one takes over" % pid in log
    finally:
        os.kill(pid, signal.SIGCONT)
        os.kill(pid, signal.SIGTERM)
        wait_until(lambda: gone(pid), "the end of the stopped broker %d" % pid)


def test_a_stopped_broker_without_a_replacement_is_named(sim, bdir):
    first = persist.attach(sim_params(sim, timeout=0.5), bdir, 30)
    first.close()
    pid = broker_pid(bdir)
    stop(pid)
    try:
        with pytest.raises(persist.BrokerError) as info:
            persist.attach(sim_params(sim, timeout=0.5), bdir, 30, spawn=False)
        text = str(info.value)
        assert "session broker" in text and "(pid %d)" % pid in text and "stopped" in text, text
        assert "login" not in text, text
    finally:
        os.kill(pid, signal.SIGCONT)
        os.kill(pid, signal.SIGTERM)
        wait_until(lambda: gone(pid), "the end of the stopped broker %d" % pid)


def test_a_broker_that_never_answers_is_named_not_the_login(sim, bdir, monkeypatch):
    # something alive listens at the broker's socket and never answers (a hung broker): this test process
    monkeypatch.setattr(persist, "ATTACH_MARGIN", 0.5, raising=False)
    persist.ensure_dir(bdir)
    hung = socket.socket(socket.AF_UNIX)
    hung.bind(persist.broker_socket(bdir))
    hung.listen(4)
    try:
        with pytest.raises(persist.BrokerError) as info:
            persist.attach(sim_params(sim, timeout=0.1), bdir, 30)
    finally:
        hung.close()
        os.unlink(persist.broker_socket(bdir))
    text = str(info.value)
    assert "session broker (pid %d)" % os.getpid() in text and "did not answer the attach" in text, text
    assert "hung" in text, text


# -- the broker's socket path -------------------------------------------------------------------------------------


def test_a_directory_at_the_broker_socket_path_is_named(sim, bdir):
    persist.ensure_dir(bdir)
    path = persist.broker_socket(bdir)
    os.mkdir(path)
    with pytest.raises(persist.BrokerError) as info:
        persist.attach(sim_params(sim), bdir, 30)
    text = str(info.value)
    assert path in text and "not a socket" in text, text
    assert os.path.isdir(path)  # never removed
    os.rmdir(path)
    session = persist.attach(sim_params(sim), bdir, 30)
    assert identity(session) == "hard-r1"
    session.close()
