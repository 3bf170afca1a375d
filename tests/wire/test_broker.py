"""The persistent session broker against the simulator over real sockets: one login per key, multiplexing with
tag rewriting, key separation, expiry, reconnects, cleanup, and what it refuses."""

import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.api import persist
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import ConnectError, LoginError, UserInputError
from ansible_collections.tikops.routeros.plugins.module_utils.api.options import ConnectionParams
from support.rosim import Simulator

PASSWORD = "s3cret-Pa55"

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def wait_for(predicate, timeout=15.0, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError("%s did not happen within %ss" % (what, timeout))


@pytest.fixture(scope="module")
def sim():
    with Simulator(identity="broker-r1", password=PASSWORD, tls=True) as s:
        yield s


@pytest.fixture
def bdir():
    # short: Unix socket paths are limited to about 100 bytes
    path = tempfile.mkdtemp(prefix="tkb-")
    directory = os.path.join(path, "d")
    yield directory
    if os.path.isdir(directory):
        persist.shutdown(directory)
    shutil.rmtree(path, ignore_errors=True)


def params_for(sim, **kw):
    kw.setdefault("password", PASSWORD)
    kw.setdefault("timeout", 5)
    return ConnectionParams(sim.host, kw.pop("port", sim.port), **kw)


def logins(sim, since=0, success=True):
    return [e for e in sim.events("login")[since:] if e.get("success") is success]


def identity(session):
    return session.call("/system/identity", "print").rows[0]["name"]


def test_one_login_for_many_attaches(sim, bdir):
    before = len(sim.events("login"))
    params = params_for(sim)
    first = persist.attach(params, bdir, 30)
    assert first.fresh and first.kept_socket and os.path.dirname(first.kept_socket) == bdir
    assert identity(first) == "broker-r1"
    first.close()
    for dummy in range(5):
        again = persist.attach(params, bdir, 30)
        assert not again.fresh
        assert identity(again) == "broker-r1"
        again.close()
    assert len(logins(sim, before)) == 1
    # a client's own /login is answered by the broker: the router sees no second login
    again = persist.attach(params, bdir, 30)
    again.login("admin", PASSWORD)
    assert identity(again) == "broker-r1"
    again.close()
    assert len(sim.events("login")[before:]) == 1


def test_twenty_concurrent_attaches_start_one_broker_and_log_in_once(sim, bdir):
    before = len(sim.events("login"))
    params = params_for(sim)
    barrier = threading.Barrier(20)
    out, errors = [], []

    def worker():
        try:
            barrier.wait(10)
            session = persist.attach(params, bdir, 30)
            out.append((session.fresh, identity(session)))
            session.close()
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for dummy in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert len(out) == 20 and all(name == "broker-r1" for dummy, name in out)
    assert sum(1 for fresh, dummy in out if fresh) == 1
    assert len(logins(sim, before)) == 1
    assert len(persist.status(bdir)) == 1


def test_concurrent_processes_share_the_broker(sim, bdir):
    before = len(sim.events("login"))
    code = ("import sys\n"
            "from ansible_collections.tikops.routeros.plugins.module_utils.api import persist\n"
            "from ansible_collections.tikops.routeros.plugins.module_utils.api.options import ConnectionParams\n"
            "p = ConnectionParams(sys.argv[1], int(sys.argv[2]), password=sys.stdin.read(), timeout=5)\n"
            "s = persist.attach(p, sys.argv[3], 30)\n"
            "print(s.call('/system/identity', 'print').rows[0]['name'])\n")
    procs = [subprocess.Popen([sys.executable, "-c", code, sim.host, str(sim.port), bdir], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for dummy in range(10)]
    outs = [p.communicate(PASSWORD, timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0] * 10, [o[1] for o in outs]
    assert [o[0].strip() for o in outs] == ["broker-r1"] * 10
    assert len(logins(sim, before)) == 1


def test_clients_are_multiplexed_with_tags_rewritten(sim, bdir):
    params = params_for(sim)
    a = persist.attach(params, bdir, 30)
    b = persist.attach(params, bdir, 30)
    before = len(sim.events())
    # both clients use the same tags (1, 2, 3): the broker keeps them apart
    specs = [dict(path="/system/identity", command="print"), dict(path="/interface", command="print",
                                                                  proplist=["name"]),
             dict(path="/system/resource", command="print", proplist=["version"])]
    ca = [a.send(**s) for s in specs]
    cb = [b.send(**s) for s in specs]
    ra = [c.result() for c in ca]
    rb = [c.result() for c in cb]
    assert [c.tag for c in ca] == [c.tag for c in cb]
    assert ra[0].rows == rb[0].rows == [{"name": "broker-r1"}]
    assert ra[1].rows == rb[1].rows and ra[1].rows
    commands = [e for e in sim.events()[before:] if e["event"] == "command"]
    assert len(commands) == 6
    assert len(set(e["conn"] for e in commands)) == 1  # one router connection
    tags = [e["tag"] for e in commands]
    assert len(set(tags)) == 6 and all("." in t for t in tags)
    # untagged commands get a tag on the router and come back untagged
    a.transport.sendall(b"\x16/system/identity/print\x00")
    reply = b""
    while b"!done" not in reply:
        reply += a.transport.recv(65536)
    assert b"broker-r1" in reply and b".tag=" not in reply
    a.close()
    b.close()


def test_a_client_that_goes_away_has_its_stream_cancelled(sim, bdir):
    params = params_for(sim)
    a = persist.attach(params, bdir, 30)
    b = persist.attach(params, bdir, 30)
    before = len(sim.events())
    stream = a.send("/ip/address", "listen")
    assert identity(a) == "broker-r1"  # the listen is outstanding on the router now
    a.close()
    cancels = wait_for(lambda: [e for e in sim.events()[before:] if e["event"] == "command"
                                and e["words"][0] == "/cancel"], what="a /cancel on the router")
    listen = [e for e in sim.events()[before:] if e["event"] == "command" and e["words"][0] == "/ip/address/listen"]
    assert len(listen) == 1
    assert "=tag=%s" % listen[0]["tag"] in cancels[0]["words"]
    assert stream.tag  # the client's command object is simply gone with it
    # the other client is unaffected, and the session survives
    assert identity(b) == "broker-r1"
    b.close()


def test_another_user_password_or_port_never_reuses_a_session(sim, bdir):
    params = params_for(sim)
    kept = persist.attach(params, bdir, 30)
    before = len(sim.events("login"))
    with pytest.raises(LoginError) as wrong:
        persist.attach(params_for(sim, password="not-it"), bdir, 30)
    assert "not-it" not in str(wrong.value) and PASSWORD not in str(wrong.value)
    assert "invalid user name or password" in str(wrong.value)
    with pytest.raises(LoginError):
        persist.attach(params_for(sim, username="intruder"), bdir, 30)
    assert len(logins(sim, before, success=False)) == 2
    # TLS on the api-ssl port is another key: its own login
    tls = persist.attach(params_for(sim, port=sim.ssl_port, tls=True, ca_path=sim.ca_file), bdir, 30)
    assert tls.fresh and identity(tls) == "broker-r1"
    assert len(logins(sim, before)) == 1
    # and the first session is still the one in use
    again = persist.attach(params, bdir, 30)
    assert not again.fresh
    assert sorted((s["port"], s["tls"]) for s in persist.status(bdir)) == sorted(
        [(str(sim.port), "no"), (str(sim.ssl_port), "yes")])
    for s in (kept, tls, again):
        s.close()


def test_unreachable_router_and_bad_input(bdir):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ConnectError) as exc:
        persist.attach(ConnectionParams("127.0.0.1", port, password=PASSWORD, timeout=3), bdir, 30)
    assert "cannot connect to 127.0.0.1:%d" % port in str(exc.value)
    assert PASSWORD not in str(exc.value)


def test_idle_sessions_expire_and_the_broker_exits(sim, bdir):
    params = params_for(sim)
    before = len(sim.events("login"))
    session = persist.attach(params, bdir, 0.3)
    session.close()
    wait_for(lambda: not os.path.exists(persist.broker_socket(bdir)), what="broker exit after expiry")
    assert not [n for n in os.listdir(bdir) if n.endswith(".sock")]
    again = persist.attach(params, bdir, 30)
    assert again.fresh and identity(again) == "broker-r1"
    again.close()
    assert len(logins(sim, before)) == 2


def test_the_session_ends_with_the_process_that_owns_it(sim, bdir):
    params = params_for(sim)
    owner = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(0.5)"])
    session = persist.attach(params, bdir, 300, owner_pid=owner.pid)
    session.close()
    assert len(persist.status(bdir)) == 1
    owner.wait(30)
    wait_for(lambda: not os.path.exists(persist.broker_socket(bdir)), what="session end with owner")


def test_reconnects_after_the_router_restarts(bdir):
    first = Simulator(identity="before", password=PASSWORD)
    port = first.port
    try:
        params = ConnectionParams(first.host, port, password=PASSWORD, timeout=5)
        session = persist.attach(params, bdir, 60)
        assert identity(session) == "before"
        session.close()
    finally:
        first.stop()
    second = Simulator(identity="after", password=PASSWORD, extra_args=("--api", "127.0.0.1:%d" % port))
    try:
        again = persist.attach(params, bdir, 60)
        assert again.fresh
        assert identity(again) == "after"
        again.close()
        assert len(second.events("login")) == 1
    finally:
        second.stop()


def test_reset_through_ansible_json_rpc_and_drop(sim, bdir):
    from ansible.module_utils.connection import Connection

    params = params_for(sim)
    session = persist.attach(params, bdir, 60)
    path = session.kept_socket
    session.close()
    # what ansible-core's strategy sends at the end of a play / meta: reset_connection
    assert Connection(path).reset() is None
    wait_for(lambda: not persist.status(bdir), what="session closed by reset")
    assert not os.path.exists(path)
    session = persist.attach(params, bdir, 60)
    assert session.fresh
    session.close()
    assert persist.drop(params, bdir) is True
    assert persist.drop(params, bdir) is False


def test_attach_socket_is_what_ansiballz_modules_use(sim, bdir):
    params = params_for(sim)
    session = persist.attach(params, bdir, 60)
    module_side = persist.attach_socket(session.kept_socket)
    assert identity(module_side) == "broker-r1"
    assert module_side.encoding == "utf-8" and module_side.where == "%s:%s" % (sim.host, sim.port)
    module_side.close()
    session.close()
    persist.drop(params, bdir)
    with pytest.raises(ConnectError) as gone:
        persist.attach_socket(session.kept_socket)
    assert "is gone" in str(gone.value)


def test_private_directory_and_no_secret_in_the_broker_process(sim, bdir):
    session = persist.attach(params_for(sim), bdir, 60)
    assert stat.S_IMODE(os.stat(bdir).st_mode) == 0o700
    for name in os.listdir(bdir):
        path = os.path.join(bdir, name)
        assert os.stat(path).st_uid == os.getuid()
        if name.endswith(".sock") or name.endswith(".log"):
            assert stat.S_IMODE(os.stat(path).st_mode) & 0o077 == 0, name
    pid = _broker_pid(bdir)
    with open("/proc/%d/cmdline" % pid, "rb") as fh:
        argv = fh.read()
    with open("/proc/%d/environ" % pid, "rb") as fh:
        environ = fh.read()
    assert PASSWORD.encode() not in argv and PASSWORD.encode() not in environ
    assert b"broker" in argv
    with open(os.path.join(bdir, persist.LOG_FILE), "rb") as fh:
        assert PASSWORD.encode() not in fh.read()
    session.close()


def _broker_pid(directory):
    sock = persist.connect_broker(directory, spawn=False)
    channel = persist._Channel(sock, "test")
    channel.send(["/tikops/status"])
    sentences = channel.read_until_final(10, "status")
    sock.close()
    return int(persist._raise_for(sentences, "test")["pid"])


def test_a_directory_of_another_user_is_refused(tmp_path, monkeypatch):
    directory = tmp_path / "theirs"
    directory.mkdir(mode=0o700)
    monkeypatch.setattr(os, "getuid", lambda: os.stat(str(directory)).st_uid + 1)
    with pytest.raises(UserInputError) as exc:
        persist.ensure_dir(str(directory))
    assert "belongs to uid" in str(exc.value)


def test_an_existing_directory_keeps_its_mode(tmp_path):
    """A directory we did not create is never chmodded: one of ours that only others may read is used as it is."""
    directory = tmp_path / "loose"
    directory.mkdir()
    os.chmod(str(directory), 0o755)
    assert persist.ensure_dir(str(directory)) == str(directory)
    assert stat.S_IMODE(os.stat(str(directory)).st_mode) == 0o755


def test_a_created_directory_is_private(tmp_path):
    directory = tmp_path / "new" / "d"
    assert persist.ensure_dir(str(directory)) == str(directory)
    assert stat.S_IMODE(os.stat(str(directory)).st_mode) == 0o700


def test_a_shared_sticky_directory_gets_a_private_subdirectory(sim):
    """A /tmp-like directory keeps its mode (sticky bit included); the broker lives in a 0700 subdirectory."""
    top = tempfile.mkdtemp(prefix="tkb-")  # short: Unix socket paths are limited to about 100 bytes
    shared = os.path.join(top, "s")
    os.mkdir(shared)
    os.chmod(str(shared), 0o1777)
    used = persist.ensure_dir(shared)
    assert used == os.path.join(shared, "tikops_routeros-%d" % os.getuid())
    assert stat.S_IMODE(os.stat(str(shared)).st_mode) == 0o1777
    assert stat.S_IMODE(os.stat(used).st_mode) == 0o700
    session = persist.attach(params_for(sim), str(shared), 30)
    try:
        assert identity(session) == "broker-r1"
        assert os.path.dirname(session.kept_socket) == used
        assert stat.S_IMODE(os.stat(str(shared)).st_mode) == 0o1777
    finally:
        session.close()
        persist.shutdown(used)
        shutil.rmtree(top, ignore_errors=True)


def test_a_squatted_private_subdirectory_is_refused(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(str(shared), 0o1777)
    uid = os.getuid()
    squat = shared / ("tikops_routeros-%d" % (uid + 1))
    squat.mkdir(mode=0o700)  # made by "us" for the uid we pretend to be: it belongs to someone else
    monkeypatch.setattr(os, "getuid", lambda: uid + 1)
    with pytest.raises(UserInputError) as exc:
        persist.ensure_dir(str(shared))
    assert "must be yours with mode 0700" in str(exc.value) and str(squat) in str(exc.value)
    assert stat.S_IMODE(os.stat(str(shared)).st_mode) == 0o1777


def test_a_writable_directory_without_sticky_bit_is_refused(tmp_path):
    directory = tmp_path / "open"
    directory.mkdir()
    os.chmod(str(directory), 0o777)
    with pytest.raises(UserInputError) as exc:
        persist.ensure_dir(str(directory))
    assert "others may write into it" in str(exc.value) and str(directory) in str(exc.value)
    assert stat.S_IMODE(os.stat(str(directory)).st_mode) == 0o777


def test_the_broker_exits_when_its_directory_is_removed(sim):
    path = tempfile.mkdtemp(prefix="tkb-")
    directory = os.path.join(path, "d")
    session = persist.attach(params_for(sim), directory, 300)
    pid = _broker_pid(directory)
    session.close()
    shutil.rmtree(path)

    def gone():
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        with open("/proc/%d/stat" % pid) as fh:
            return fh.read().split(")")[-1].split()[0] == "Z"  # exited, not yet reaped
    wait_for(gone, what="broker exit after its directory was removed")


def test_an_attach_that_meets_an_exiting_broker_starts_a_new_one(sim, bdir, monkeypatch):
    """A client accepted just as the broker stopped listening (its last session was dropped by reset_connection)
    is hung up on without an answer, and starts a new broker, instead of failing with 'the broker is exiting'."""
    params = params_for(sim)
    persist.attach(params, bdir, 30).close()
    early = persist.connect_broker(bdir, spawn=False)  # accepted, first sentence not sent yet
    old_pid = _broker_pid(bdir)
    assert persist.shutdown(bdir)  # the broker stops listening; it waits for the early client
    original = persist.connect_broker
    handed = []

    def connect_broker(directory, spawn=True):
        if not handed:
            handed.append(early)
            return early
        return original(directory, spawn)

    monkeypatch.setattr(persist, "connect_broker", connect_broker)
    session = persist.attach(params, bdir, 30)
    assert identity(session) == "broker-r1"
    session.close()
    monkeypatch.setattr(persist, "connect_broker", original)
    assert _broker_pid(bdir) != old_pid


def test_a_broker_of_other_code_never_serves_this_one(sim, bdir):
    """Two copies (or versions) of the collection on one machine: each client gets a broker of its own code, on a
    socket named after it; a client whose code differs from the broker's it reaches is refused, never served."""
    first = persist.attach(params_for(sim), bdir, 60)
    assert identity(first) == "broker-r1"
    ours = persist.broker_socket(bdir)
    assert os.path.basename(ours) == "b-%s.sock" % persist.code_id()[:8] and os.path.exists(ours)
    first.close()
    # what an attach from another copy says, sent straight to this broker
    sock = persist.connect_broker(bdir, spawn=False)
    words = persist.attach_words(params_for(sim), 60)
    words = [w if not w.startswith("=code=") else "=code=0123456789abcdef" for w in words]
    sock.sendall(persist.encode_sentence(words))
    channel = persist._Channel(sock, "broker")  # pylint: disable=protected-access
    sentences = channel.read_until_final(10, "the attach")
    sock.close()
    with pytest.raises(persist.BrokerMismatch, match="runs the collection's code %s, the client's is 0123456789abcdef"
                       % persist.code_id()):
        persist._raise_for(sentences, "broker")  # pylint: disable=protected-access
    # another copy of the collection (one line of its broker differs) starts its own broker beside this one
    copy = tempfile.mkdtemp(prefix="tkc-")
    try:
        base = os.path.join(copy, "ansible_collections", "tikops", "routeros")
        shutil.copytree(os.path.join(REPO, "plugins"), os.path.join(base, "plugins"),
                        ignore=shutil.ignore_patterns("__pycache__"))
        with open(os.path.join(base, "plugins", "plugin_utils", "broker.py"), "a") as handle:
            handle.write("# another copy\n")
        code = ("import sys; sys.path.insert(0, sys.argv[1]); "
                "from ansible_collections.tikops.routeros.plugins.module_utils.api import persist, options; "
                "p = options.ConnectionParams(sys.argv[3], int(sys.argv[4]), password=sys.stdin.read(), timeout=5); "
                "s = persist.attach(p, sys.argv[2], 60); "
                "print(persist.code_id(), s.broker_pid, s.call('/system/identity', 'print').rows[0]['name']); s.close()")
        out = subprocess.run([sys.executable, "-S", "-c", code, copy, bdir, sim.host, str(sim.port)], input=PASSWORD,
                             capture_output=True, text=True, timeout=60, check=False)
        assert out.returncode == 0, out.stderr
        other_code, other_pid, name = out.stdout.split()
        assert name == "broker-r1" and other_code != persist.code_id()
        assert os.path.exists(os.path.join(bdir, "b-%s.sock" % other_code[:8])) and os.path.exists(ours)
        again = persist.attach(params_for(sim), bdir, 60)
        assert again.broker_pid == first.broker_pid != int(other_pid)
        again.close()
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def test_spawn_returns_once_the_broker_listens(bdir, monkeypatch):
    """The starter waits on the broker's ready pipe, not on a poll: when spawn_broker returns, the socket answers,
    and no process of the starter's (the intermediate one) is left behind."""
    directory = persist.ensure_dir(bdir)
    children = []
    popen = subprocess.Popen

    def recording_popen(*args, **kwargs):
        proc = popen(*args, **kwargs)
        children.append((args[0], kwargs.get("pass_fds")))
        return proc

    monkeypatch.setattr(subprocess, "Popen", recording_popen)
    persist.spawn_broker(directory)
    sock = persist._connect_unix(persist.broker_socket(directory))
    assert sock is not None, "spawn_broker returned before the broker listened"
    sock.close()
    (argv, pass_fds), = children
    ready = [a for a in argv if a.startswith("--ready-fd=")]
    assert ready and pass_fds == (int(ready[0].split("=", 1)[1]),)
    assert "listening on" in open(os.path.join(directory, persist.LOG_FILE)).read()


def test_the_broker_imports_nothing_from_its_directory_or_site_packages(bdir, monkeypatch):
    """The broker's interpreter runs isolated and without site (-I -S): a module planted in the broker directory
    (its working directory) under the name of one the broker imports is not run, and the broker starts."""
    directory = persist.ensure_dir(bdir)
    planted = os.path.join(directory, "planted")
    for name in ("asyncio", "json", "secrets"):
        with open(os.path.join(directory, name + ".py"), "w") as fh:
            fh.write("open(%r, 'w').close()\nraise SystemExit('planted %s imported')\n" % (planted, name))
    argvs = []
    popen = subprocess.Popen

    def recording_popen(*args, **kwargs):
        argvs.append(args[0])
        return popen(*args, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", recording_popen)
    persist.spawn_broker(directory)
    sock = persist._connect_unix(persist.broker_socket(directory))
    assert sock is not None, open(os.path.join(directory, persist.LOG_FILE)).read()
    sock.close()
    assert not os.path.exists(planted)
    assert argvs[0][1:3] == ["-I", "-S"]


def test_spawn_reports_a_broker_that_fails_before_listening(bdir, monkeypatch):
    """A broker that dies before it listens closes the ready pipe without the byte: the starter says so at once
    (exit status, the log), instead of waiting for the start timeout."""
    directory = persist.ensure_dir(bdir)
    monkeypatch.setattr(persist, "SPAWN_CODE", "import sys; sys.stderr.write('broken broker\\n'); sys.exit(3)")
    started = time.monotonic()
    with pytest.raises(persist.BrokerError, match="exit status 3"):
        persist.spawn_broker(directory)
    assert time.monotonic() - started < persist.START_TIMEOUT
    assert "broken broker" in open(os.path.join(directory, persist.LOG_FILE)).read()


def test_a_large_print_is_relayed_whole_and_in_order_beside_another_client(bdir):
    """The broker writes a client's relayed sentences once per read of the router connection: a print of thousands
    of rows arrives complete and in the router's order, and another client's replies, read from the same router
    connection meanwhile, go to that client only."""
    entries = [{"list": "big", "address": "10.0.%d.%d" % (i // 256, i % 256)} for i in range(6000)]
    with Simulator(identity="broker-big", state={"menus": {"/ip/firewall/address-list": entries}}) as big:
        params = ConnectionParams(big.host, big.port, password="", timeout=10)
        a = persist.attach(params, bdir, 30)
        b = persist.attach(params, bdir, 30)
        rows_a = a.send("/ip/firewall/address-list", "print", proplist=["address"])
        ids = [b.send("/system/identity", "print") for dummy in range(20)]
        got = [row["address"] for row in rows_a]
        assert got == [e["address"] for e in entries]
        assert all(c.result().rows == [{"name": "broker-big"}] for c in ids)
        a.close()
        b.close()
