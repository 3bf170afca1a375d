"""ansible-playbook runs about where connection options come from and what needs the router: options from
ansible.cfg, modules that are not ours never logging in, and what meta: reset_connection does."""


import pytest

from support.ports import refused_port
from support.playbook import inventory_for, run_playbook
from support.rosim import Simulator

PASSWORD = "0ptions-Pw"


@pytest.fixture(scope="module")
def sim():
    with Simulator(identity="opt-r1", password=PASSWORD, tls=True) as s:
        yield s


def host_vars(sim, **extra):
    out = {"ansible_host": sim.host, "ansible_port": sim.port, "ansible_user": "admin", "ansible_password": PASSWORD}
    out.update(extra)
    return out


def read_task(name, path="/system/identity"):
    return {"name": name, "tikops.routeros.command": {"path": path}}


def logins_since(sim, before):
    return [e for e in sim.events("login")[before:] if e.get("success")]


def test_connection_options_from_ansible_cfg(sim, tmp_path):
    cfg = tmp_path / "ansible.cfg"
    cfg.write_text("[routeros_connection]\ntls = true\nca_path = %s\npersistent = false\n" % sim.ca_file)
    before = len(sim.events("login"))
    result = run_playbook(tmp_path, tasks=[read_task("a"), read_task("b")],
                          hosts={"r1": host_vars(sim, ansible_port=sim.ssl_port)},
                          extra_env={"ANSIBLE_CONFIG": str(cfg)})
    assert result.rc == 0, result.stdout + result.stderr
    logins = logins_since(sim, before)
    assert len(logins) == 2  # persistent = false: one login per task
    conns = set(e["conn"] for e in logins)
    assert all(e["tls"] for e in sim.events("connect") if e["conn"] in conns)
    assert not list(result.broker_dir.glob("b-*.sock"))


def test_a_variable_wins_over_ansible_cfg(sim, tmp_path):
    cfg = tmp_path / "ansible.cfg"
    cfg.write_text("[routeros_connection]\npersistent = false\n")
    before = len(sim.events("login"))
    result = run_playbook(tmp_path, tasks=[read_task("a"), read_task("b"), read_task("c")],
                          hosts={"r1": host_vars(sim, ansible_routeros_persistent=True)},
                          extra_env={"ANSIBLE_CONFIG": str(cfg)})
    assert result.rc == 0, result.stdout + result.stderr
    assert len(logins_since(sim, before)) == 1


def test_modules_that_are_not_ours_do_not_need_the_router(tmp_path):
    tasks = [{"name": "ping", "ansible.builtin.ping": {}},
             {"name": "command", "ansible.builtin.command": {"argv": ["true"]}},
             read_task("ours")]
    with refused_port() as down:
        hosts = {"r1": {"ansible_host": "127.0.0.1", "ansible_port": down, "ansible_password": PASSWORD}}
        result = run_playbook(tmp_path, tasks=tasks, hosts=hosts)
    assert result.rc == 4
    assert [(t["task"], t["status"]) for t in result.tasks] == [("ping", "ok"), ("command", "ok"),
                                                                ("ours", "unreachable")]
    assert "cannot connect to 127.0.0.1:%d" % down in result.results("ours")[0]["result"]["msg"]


def test_modules_that_are_not_ours_do_not_log_in(sim, tmp_path):
    before = len(sim.events("login"))
    tasks = [{"name": "ping", "ansible.builtin.ping": {}}, {"name": "command", "ansible.builtin.command": {
        "argv": ["true"]}}]
    result = run_playbook(tmp_path, tasks=tasks, hosts={"r1": host_vars(sim)})
    assert result.rc == 0, result.stdout + result.stderr
    assert logins_since(sim, before) == []


def test_reset_connection_after_gather_facts_logs_in_again(sim, tmp_path):
    # the facts module ran as a process, attached through the kept session's own socket
    before = len(sim.events("login"))
    inventory = inventory_for({"r1": host_vars(sim)}, group_vars={"ansible_facts_modules": ["tikops.routeros.facts"]})
    result = run_playbook(tmp_path, inventory=inventory, gather_facts=True,
                          tasks=[read_task("a"), {"meta": "reset_connection"}, read_task("b")])
    assert result.rc == 0, result.stdout + result.stderr
    assert len(logins_since(sim, before)) == 2
    assert "closed (dropped on request (reset_connection))" in (result.broker_dir / "broker.log").read_text()


def test_reset_connection_closes_the_kept_session(sim, tmp_path):
    before = len(sim.events("login"))
    result = run_playbook(tmp_path, tasks=[read_task("a"), {"meta": "reset_connection"}, read_task("b")],
                          hosts={"r1": host_vars(sim)})
    assert result.rc == 0, result.stdout + result.stderr
    assert len(logins_since(sim, before)) == 2
    assert "closed (dropped on request (reset_connection))" in (result.broker_dir / "broker.log").read_text()


def test_reset_connection_with_connection_local_keeps_the_session(sim, tmp_path):
    """Documented: over connection: local, meta: reset_connection is the local plugin's, which has nothing to
    reset; the kept session stays (it ends with the playbook run or its idle timeout)."""
    before = len(sim.events("login"))
    defaults = {"group/tikops.routeros.routeros": {"hostname": sim.host, "port": sim.port, "password": PASSWORD}}
    result = run_playbook(tmp_path, tasks=[read_task("a"), {"meta": "reset_connection"}, read_task("b")],
                          inventory=inventory_for({"r1": {}}, connection="local"),
                          play_extra={"module_defaults": defaults})
    assert result.rc == 0, result.stdout + result.stderr
    assert len(logins_since(sim, before)) == 1
