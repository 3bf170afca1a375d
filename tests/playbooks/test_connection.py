"""ansible-playbook runs over the tikops.routeros.api connection: one login per run, Ansible's failure kinds,
connection: local with module_defaults, persistence off, reset_connection, TLS, and no password in any output."""

import os
import time

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.api import persist
from support.ports import refused_port
from support.playbook import inventory_for, run_playbook
from support.rosim import Simulator

PASSWORD = "Vault-Only-9x"


@pytest.fixture(scope="module")
def sim():
    with Simulator(identity="conn-r1", password=PASSWORD, tls=True) as s:
        yield s


def hosts(sim, **extra):
    host = {"ansible_host": sim.host, "ansible_port": sim.port, "ansible_user": "admin",
            "ansible_password": PASSWORD}
    host.update(extra)
    return {"r1": host}


def read_task(name, path="/system/identity", **extra):
    task = {"name": name, "tikops.routeros.command": {"path": path}, "register": "out"}
    task.update(extra)
    return task


def logins_since(sim, before):
    return [e for e in sim.events("login")[before:] if e.get("success")]


def wait_gone(path, timeout=15.0):
    deadline = time.monotonic() + timeout
    while os.path.exists(path) and time.monotonic() < deadline:
        time.sleep(0.02)
    return not os.path.exists(path)


def test_twenty_tasks_log_in_once(sim, tmp_path):
    before = len(sim.events("login"))
    tasks = [read_task("read %d" % i, path) for i, path in enumerate(
        ["/system/identity", "/interface", "/ip/address", "/system/resource", "/ip/route"] * 4)]
    result = run_playbook(tmp_path, tasks=tasks, hosts=hosts(sim))
    assert result.rc == 0, result.stdout + result.stderr
    assert [t["status"] for t in result.tasks] == ["ok"] * 20
    assert result.results("read 0")[0]["result"]["rows"] == [{"name": "conn-r1"}]
    assert len(logins_since(sim, before)) == 1
    # the kept session ends with the playbook, and the broker with it
    assert wait_gone(str(result.broker_dir / persist.broker_socket_name()))


def test_a_second_play_reuses_the_session(sim, tmp_path):
    before = len(sim.events("login"))
    play = {"hosts": "all", "gather_facts": False, "tasks": [read_task("read")]}
    result = run_playbook(tmp_path, plays=[dict(play, name="one"), dict(play, name="two")], hosts=hosts(sim))
    assert result.rc == 0, result.stdout + result.stderr
    assert len(result.tasks) == 2
    assert len(logins_since(sim, before)) == 1


def test_unreachable_router_marks_the_host_unreachable(sim, tmp_path):
    with refused_port() as port:
        result = run_playbook(tmp_path, tasks=[read_task("read")], hosts=hosts(sim, ansible_port=port))
    assert result.rc == 4
    (task,) = result.tasks
    assert task["status"] == "unreachable"
    assert "cannot connect to 127.0.0.1:" in task["result"]["msg"]
    assert result.stats["r1"]["unreachable"] == 1


def test_bad_password_fails_clearly_and_never_shows_it(sim, tmp_path):
    wrong = "Wr0ng-Secret-77"
    result = run_playbook(tmp_path, tasks=[read_task("read")], hosts=hosts(sim, ansible_password=wrong),
                          verbosity=4)
    assert result.rc == 2
    (task,) = result.tasks
    assert task["status"] == "failed"
    assert "login failed" in task["result"]["msg"] and "invalid user name or password" in task["result"]["msg"]
    for text in (result.stdout, result.stderr, (result.broker_dir / "broker.log").read_text()):
        assert wrong not in text and PASSWORD not in text


def test_no_password_in_verbose_output_of_a_good_run(sim, tmp_path):
    result = run_playbook(tmp_path, tasks=[read_task("read")], hosts=hosts(sim), verbosity=4)
    assert result.rc == 0, result.stdout + result.stderr
    assert "ROUTEROS: logged in as admin" in result.stdout
    assert PASSWORD not in result.stdout and PASSWORD not in result.stderr


def test_connection_local_with_module_defaults(sim, tmp_path):
    before = len(sim.events("login"))
    defaults = {"group/tikops.routeros.routeros": {"hostname": sim.host, "port": sim.port, "username": "admin",
                                                   "password": PASSWORD}}
    result = run_playbook(tmp_path, tasks=[read_task("read 1"), read_task("read 2", "/interface")],
                          inventory=inventory_for({"r1": {}}, connection="local"),
                          play_extra={"module_defaults": defaults})
    assert result.rc == 0, result.stdout + result.stderr
    assert result.results("read 1")[0]["result"]["rows"] == [{"name": "conn-r1"}]
    assert PASSWORD not in str(result.tasks)
    assert len(logins_since(sim, before)) == 1


def test_connection_local_without_hostname_fails_clearly(tmp_path):
    result = run_playbook(tmp_path, tasks=[read_task("read")], inventory=inventory_for({"r1": {}}, connection="local"))
    assert result.rc == 2
    assert "hostname is required" in result.tasks[0]["result"]["msg"]


def test_persistence_off_logs_in_per_task(sim, tmp_path):
    before = len(sim.events("login"))
    result = run_playbook(tmp_path, tasks=[read_task("a"), read_task("b"), read_task("c")],
                          hosts=hosts(sim, ansible_routeros_persistent=False))
    assert result.rc == 0, result.stdout + result.stderr
    assert len(logins_since(sim, before)) == 3
    assert not list(result.broker_dir.glob("b-*.sock"))


def test_reset_connection_logs_in_again(sim, tmp_path):
    before = len(sim.events("login"))
    result = run_playbook(tmp_path, tasks=[read_task("a"), {"meta": "reset_connection"}, read_task("b")],
                          hosts=hosts(sim))
    assert result.rc == 0, result.stdout + result.stderr
    assert len(logins_since(sim, before)) == 2


def test_tls_with_the_ca_from_the_inventory(sim, tmp_path):
    before = len(sim.events("login"))
    result = run_playbook(tmp_path, tasks=[read_task("a"), read_task("b")],
                          hosts=hosts(sim, ansible_port=sim.ssl_port, ansible_routeros_tls=True,
                                      ansible_routeros_ca_path=sim.ca_file))
    assert result.rc == 0, result.stdout + result.stderr
    logins = logins_since(sim, before)
    assert len(logins) == 1
    connects = [e for e in sim.events("connect") if e["conn"] == logins[0]["conn"]]
    assert connects and connects[0]["tls"] is True


def test_tls_without_the_ca_is_unreachable_with_a_reason(sim, tmp_path):
    result = run_playbook(tmp_path, tasks=[read_task("a")],
                          hosts=hosts(sim, ansible_port=sim.ssl_port, ansible_routeros_tls=True))
    assert result.tasks[0]["status"] == "unreachable"
    assert "certificate" in result.tasks[0]["result"]["msg"]


def test_bad_arguments_and_check_mode(sim, tmp_path):
    before = len(sim.events("command"))
    result = run_playbook(tmp_path, args=["--check"], hosts=hosts(sim), tasks=[
        {"name": "bad", "tikops.routeros.command": {"path": "/system/identity", "nonsense": 1},
         "ignore_errors": True},
        {"name": "write", "tikops.routeros.command": {"path": "/system/identity", "command": "set",
                                                      "attributes": {"name": "changed"}}},
    ])
    assert result.rc == 0, result.stdout + result.stderr
    bad = result.results("bad")[0]
    assert bad["status"] == "failed"
    assert "Unsupported parameters" in bad["result"]["msg"] and "nonsense" in bad["result"]["msg"]
    write = result.results("write")[0]["result"]
    assert write["sent"] is False
    assert not [e for e in sim.events("command")[before:] if e["words"][0] == "/system/identity/set"]


def test_gather_facts_attaches_to_the_kept_session(sim, tmp_path):
    before = len(sim.events("login"))
    inventory = inventory_for(hosts(sim), group_vars={"ansible_facts_modules": ["tikops.routeros.facts"]})
    result = run_playbook(tmp_path, inventory=inventory, gather_facts=True, tasks=[read_task("a"), read_task("b")])
    assert result.rc == 0, result.stdout + result.stderr
    facts = result.results("Gathering Facts")[0]["result"]["ansible_facts"]
    assert facts["ansible_net_hostname"] == "conn-r1"
    # the fact module ran as a process and attached to the session the tasks use: one login in all
    assert len(logins_since(sim, before)) == 1
