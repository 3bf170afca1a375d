"""A session daemon that is stopped (SIGSTOP) between two tasks does not make the host unreachable: the next task
has a new daemon take over, once, and logs in through it."""

import os
import signal
import sys
import time

from support.playbook import run_playbook
from support.rosim import Simulator

PASSWORD = "St0pped-Pw"

# Stops the broker that listens in argv[1] (found by its peer credentials) and writes its pid to argv[2].
STOP_BROKER = """
import glob, os, signal, socket, struct, sys, time
sock = socket.socket(socket.AF_UNIX)
sock.connect(glob.glob(os.path.join(sys.argv[1], "b-*.sock"))[0])
pid = struct.unpack("3i", sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12))[0]
sock.close()
os.kill(pid, signal.SIGSTOP)
deadline = time.monotonic() + 10
while open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()[0] != "T":
    assert time.monotonic() < deadline, "the broker did not stop"
    time.sleep(0.01)
open(sys.argv[2], "w").write(str(pid))
"""


def local_task(name, module, args):
    return {"name": name, module: args, "delegate_to": "localhost", "vars": {"ansible_connection": "local"}}


def end(pid):
    os.kill(pid, signal.SIGCONT)
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    while os.path.exists("/proc/%d" % pid) and open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()[0] != "Z":
        assert time.monotonic() < deadline, "the stopped broker %d did not end" % pid
        time.sleep(0.01)


def test_a_stopped_daemon_between_tasks_is_replaced(tmp_path):
    pid_file = tmp_path / "stopped.pid"
    broker_dir = tmp_path / "broker"
    tasks = [{"name": "before", "tikops.routeros.command": {"path": "/system/identity"}},
             local_task("stop the session daemon", "ansible.builtin.command",
                        {"argv": [sys.executable, "-c", STOP_BROKER, str(broker_dir), str(pid_file)]}),
             {"name": "after", "tikops.routeros.command": {"path": "/system/identity"}}]
    with Simulator(identity="stop-r1", password=PASSWORD) as sim:
        hosts = {"r1": {"ansible_host": sim.host, "ansible_port": sim.port, "ansible_user": "admin",
                        "ansible_password": PASSWORD, "ansible_routeros_timeout": 1}}
        try:
            result = run_playbook(tmp_path, tasks=tasks, hosts=hosts, broker_dir=broker_dir)
        finally:
            if pid_file.exists():
                end(int(pid_file.read_text()))
        assert result.rc == 0, result.stdout + result.stderr
        assert [t["status"] for t in result.tasks] == ["ok", "ok", "ok"], result.stdout
        assert result.results("after")[0]["result"]["rows"] == [{"name": "stop-r1"}]
        assert len([e for e in sim.events("login") if e.get("success")]) == 2  # the new daemon logged in
    log = (broker_dir / "broker.log").read_text()
    assert "the session broker (pid %s) is stopped and cannot answer: a new one takes over" % pid_file.read_text() in log
