"""ansible-playbook runs in which the router side changes under a kept session: an unnoticed drop (router reboot,
NAT state lost), a router restart, idle expiry; several routers served by parallel forks; a router that stops
answering. Logins are counted from the simulators' events."""

import os
import threading
import time

import pytest

from support.dropproxy import DropProxy
from support.playbook import run_playbook
from support.rosim import Simulator, start_simulators

PASSWORD = "Res1lient-Pw"


def host_vars(host, port, **extra):
    out = {"ansible_host": host, "ansible_port": port, "ansible_user": "admin", "ansible_password": PASSWORD}
    out.update(extra)
    return out


def read_task(name, path="/system/identity"):
    return {"name": name, "tikops.routeros.command": {"path": path}}


def local_task(name, module, args):
    """A task that runs on the controller (for the test's side effects), whatever the host's connection."""
    return {"name": name, module: args, "delegate_to": "localhost", "vars": {"ansible_connection": "local"}}


def logins(events):
    return [e for e in events if e.get("event") == "login" and e.get("success")]


def rows(result, task):
    return result.results(task)[0]["result"]["rows"]


def test_an_unnoticed_drop_between_tasks_is_transparent(tmp_path):
    with Simulator(identity="rst-r1", password=PASSWORD) as sim, DropProxy((sim.host, sim.port)) as proxy:
        tasks = [read_task("before"),
                 local_task("the router side of the kept connection goes away", "ansible.builtin.command",
                            {"argv": proxy.trigger_command()}),
                 read_task("after"),
                 read_task("and on")]
        result = run_playbook(tmp_path, tasks=tasks, hosts={"r1": host_vars(proxy.host, proxy.port)})
        assert result.rc == 0, result.stdout + result.stderr
        assert [t["status"] for t in result.tasks] == ["ok"] * 4
        assert rows(result, "after") == [{"name": "rst-r1"}]
        assert proxy.drops == 1 and proxy.resets == 1  # the "after" task did meet the dead connection
        assert len(logins(sim.events())) == 2


def test_several_routers_with_parallel_forks_log_in_once_each(tmp_path):
    names = ["m%d" % i for i in range(6)]
    config = {"routers": [{"name": n, "identity": "id-" + n, "password": PASSWORD} for n in names]}
    with start_simulators(config) as group:
        hosts = dict((n, host_vars(group[n].host, group[n].port)) for n in names)
        tasks = [read_task("identity"), read_task("interfaces", "/interface"), read_task("again")]
        result = run_playbook(tmp_path, tasks=tasks, hosts=hosts, forks=6)
        assert result.rc == 0, result.stdout + result.stderr
        assert len(result.tasks) == 18 and all(t["status"] == "ok" for t in result.tasks)
        for n in names:
            assert result.results("identity", host=n)[0]["result"]["rows"] == [{"name": "id-" + n}]
            assert len(logins(group[n].events())) == 1, n


def test_an_idle_session_expires_and_the_next_task_logs_in_again(tmp_path):
    with Simulator(identity="idle-r1", password=PASSWORD) as sim:
        log = str(tmp_path / "broker" / "broker.log")
        tasks = [read_task("first"),
                 # waits for the broker to say it closed the session, instead of sleeping for some seconds
                 local_task("wait for the expiry", "ansible.builtin.wait_for",
                            {"path": log, "search_regex": "closed \\(idle for", "timeout": 60}),
                 read_task("second")]
        result = run_playbook(tmp_path, tasks=tasks, hosts={"r1": host_vars(
            sim.host, sim.port, ansible_routeros_persistent_idle_timeout=0.5)})
        assert result.rc == 0, result.stdout + result.stderr
        assert len(logins(sim.events())) == 2


def wait_for_file(path, timeout=300.0):
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            raise AssertionError("%s did not appear within %ss" % (path, timeout))
        time.sleep(0.05)


def test_a_router_restart_in_the_middle_of_a_playbook(tmp_path):
    first = Simulator(identity="before-restart", password=PASSWORD)
    port = first.port
    second = None
    done, back = tmp_path / "first-task-done", tmp_path / "router-back"
    tasks = [read_task("before"),
             local_task("tell the test", "ansible.builtin.file", {"path": str(done), "state": "touch"}),
             local_task("wait until the router is back", "ansible.builtin.wait_for",
                        {"path": str(back), "timeout": 300}),
             read_task("after"),
             read_task("and on")]
    out = {}
    runner = threading.Thread(target=lambda: out.setdefault("result", run_playbook(
        tmp_path, tasks=tasks, hosts={"r1": host_vars(first.host, port)})))
    runner.start()
    try:
        wait_for_file(done)  # the first task has its answer; the session is kept
        assert len(logins(first.events())) == 1
        first.stop()
        second = Simulator(identity="after-restart", password=PASSWORD, extra_args=("--api", "127.0.0.1:%d" % port))
        back.write_text("ok")
        runner.join(300)
        result = out["result"]
        assert result.rc == 0, result.stdout + result.stderr
        assert rows(result, "before") == [{"name": "before-restart"}]
        assert rows(result, "after") == [{"name": "after-restart"}]
        assert len(logins(second.events())) == 1
    finally:
        back.write_text("ok")
        runner.join(300)
        first.stop()
        if second is not None:
            second.stop()


def test_a_command_timeout_through_the_broker_names_the_command(tmp_path):
    # the router answers the login, then nothing more
    with Simulator(identity="stall-r1", password=PASSWORD, extra_args=("--stall-after", "1")) as sim:
        result = run_playbook(tmp_path, tasks=[read_task("stalls")], hosts={"r1": host_vars(
            sim.host, sim.port, ansible_routeros_timeout=1)})
        assert result.rc == 2
        (task,) = result.tasks
        assert task["status"] == "failed"
        assert task["result"]["msg"] == "no reply from %s:%s to /system/identity/print (tag 1) within 1.0s" % (
            sim.host, sim.port)
        assert len(logins(sim.events())) == 1  # it went through the broker's kept session


@pytest.mark.parametrize("persistent", [True, False])
def test_a_tls_router_without_certificate_is_unreachable_with_the_hint(tmp_path, persistent):
    with Simulator(password=PASSWORD, tls="anonymous") as sim:
        result = run_playbook(tmp_path, tasks=[read_task("tls")], hosts={"r1": host_vars(
            sim.host, sim.ssl_port, ansible_routeros_tls=True, ansible_routeros_persistent=persistent)})
        assert result.rc == 4
        (task,) = result.tasks
        assert task["status"] == "unreachable"
        msg = task["result"]["msg"]
        assert msg.startswith("TLS handshake with %s:%s failed: the router closed the connection during the "
                              "handshake" % (sim.host, sim.ssl_port)), msg
        assert "set force_no_cert=true" in msg
        assert os.path.exists(str(tmp_path / "broker")) is persistent
