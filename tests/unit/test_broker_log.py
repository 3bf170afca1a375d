"""The broker's log is capped at all times (size and rate), takes secret values out, and asyncio's errors (an
accept() that failed with EMFILE) become one line and free idle sessions instead of a traceback."""

import errno
import os

from ansible_collections.tikops.routeros.plugins.plugin_utils import broker


def test_the_log_never_passes_its_limit(tmp_path):
    path = tmp_path / "broker.log"
    fd = os.open(str(path), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        log = broker.CappedLog(fd, limit=4096)
        for index in range(2000):  # Python's own writes (tracebacks) are not rate-limited: only the size cap holds
            log.write("Traceback line %d: OSError: [Errno 24] Too many open files\n" % index)
            assert os.path.getsize(str(path)) <= 4096
    finally:
        os.close(fd)
    text = path.read_text()
    assert "log emptied: it reached its limit of 4096 bytes" in text


def test_log_lines_are_rate_limited_and_counted(tmp_path, monkeypatch):
    path = tmp_path / "broker.log"
    fd = os.open(str(path), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    clock = [100.0]
    monkeypatch.setattr(broker.time, "monotonic", lambda: clock[0])
    try:
        log = broker.CappedLog(fd)
        for index in range(500):
            log.line("error %d" % index)
        clock[0] += 1.5
        log.line("later")
    finally:
        os.close(fd)
    lines = path.read_text().splitlines()
    assert len(lines) == broker.LOG_RATE + 2
    assert "%d log line(s) left out" % (500 - broker.LOG_RATE) in lines[-2] and lines[-1].endswith("later")


def test_secret_values_are_taken_out_of_the_log(tmp_path):
    path = tmp_path / "broker.log"
    fd = os.open(str(path), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        broker.CappedLog(fd).line("unreadable request ['/x', '=password=CANARY', '=private-key=CANARY']")
    finally:
        os.close(fd)
    assert "CANARY" not in path.read_text()


class FakeSession:
    def __init__(self, last_used, clients=()):
        self.last_used = last_used
        self.clients = dict((c, None) for c in clients)
        self.dead = False
        self.task = self
        self.socket_path = None
        self.closed = None

    def done(self):
        return True

    def close(self, reason, kind=None):
        self.closed = reason
        self.dead = True


def test_emfile_from_asyncio_is_one_line_and_frees_idle_sessions(tmp_path, monkeypatch):
    lines = []
    monkeypatch.setattr(broker, "log", lines.append)
    b = broker.Broker(str(tmp_path))
    b.fd_limit = 1024
    busy = FakeSession(1.0, clients=["c1"])
    idle = [FakeSession(float(i)) for i in range(20)]
    b.sessions = dict(("k%d" % i, s) for i, s in enumerate([busy] + idle))
    exc = OSError(errno.EMFILE, "Too many open files")
    for dummy in range(50):
        b.exception_handler(None, {"message": "socket.accept() out of system resource", "exception": exc})
    assert busy.closed is None
    assert all(s.closed for s in idle[:8])  # least recently used first
    assert len(lines) == 1 and "Traceback" not in lines[0] and "backing off" in lines[0]


def test_make_room_closes_least_recently_used_idle_sessions(tmp_path):
    b = broker.Broker(str(tmp_path))
    b.fd_limit = 64
    sessions = [FakeSession(float(i)) for i in range(60)]
    b.sessions = dict(("k%d" % i, s) for i, s in enumerate(sessions))
    closed = b.make_room()
    assert closed > 0
    assert all(s.closed for s in sessions[:closed]) and not any(s.closed for s in sessions[closed:])
