# -*- coding: utf-8 -*-
"""ansible-playbook runs with the tikops.routeros.api_stats callback and the telemetry_file option: per-host figures
that match what the simulated routers received, events attributed to their host and task, no secret anywhere."""

import json
import re

import pytest

from support.playbook import inventory_for, run_playbook
from support.rosim import start_simulators

PASSWORD = "Canary-Pw-5581"
USER_SECRET = "Canary-User-2207"
READS = ("print", "getall", "listen", "monitor", "monitor-traffic", "cancel")
LINE = re.compile(r"^(\S+)\s*: logins=(\d+) commands=(\d+) round_trips=(\d+) rows=(\d+) bytes=(\d+) "
                  r"\(out (\d+), in (\d+)\) wait=([0-9.]+)s writes=(\d+)", re.M)


@pytest.fixture(scope="module")
def group():
    with start_simulators({"routers": [
        {"name": "s6", "routeros-version": "6.49.10", "identity": "s6", "password": PASSWORD},
        {"name": "s7", "routeros-version": "7.19", "identity": "s7", "password": PASSWORD},
    ]}) as sims:
        yield sims


def inventory(group, telemetry_file):
    hosts = dict((name, {"ansible_host": group[name].host, "ansible_port": group[name].port}) for name in ("s6", "s7"))
    return inventory_for(hosts, group_vars={"ansible_password": PASSWORD, "ansible_facts_modules": ["tikops.routeros.facts"],
                                            "ansible_routeros_telemetry_file": str(telemetry_file)})


TASKS = [
    {"name": "identity", "tikops.routeros.command": {"path": "/system/identity"}},
    {"name": "addresses", "tikops.routeros.ip_addresses": {"config": [
        {"address": "192.0.2.9/24", "interface": "ether2", "comment": "stats"}]}},
    {"name": "user", "no_log": True, "tikops.routeros.command": {
        "path": "/user", "command": "add", "attributes": {"name": "stats-u", "group": "read", "password": USER_SECRET}}},
    {"name": "refused", "ignore_errors": True, "tikops.routeros.command": {
        "path": "/ip/address", "command": "add", "attributes": {"address": "bogus", "interface": "ether1"}}},
    {"name": "facts again", "tikops.routeros.facts": {"gather_subset": ["min"]}},
    {"name": "local only", "ansible.builtin.debug": {"msg": "no router"}},
]


def router_commands(router, since):
    return [e["words"][0] for e in router.events("command")[since:] if e["words"][0] not in ("/login", "/quit")]


def test_callback_prints_per_host_figures_that_match_the_routers(group, tmp_path):
    telemetry_file = tmp_path / "telemetry.jsonl"
    since = dict((name, len(group[name].events("command"))) for name in ("s6", "s7"))
    logins_since = dict((name, len(group[name].events("login"))) for name in ("s6", "s7"))
    result = run_playbook(tmp_path, inventory=inventory(group, telemetry_file), gather_facts=True, tasks=TASKS,
                          forks=2, verbosity=4,
                          extra_env={"ANSIBLE_CALLBACKS_ENABLED": "tikops_results,tikops.routeros.api_stats"})
    assert result.rc == 0, result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert PASSWORD not in output and USER_SECRET not in output
    assert "TIKOPS.ROUTEROS API STATS" in result.stdout
    lines = dict((m.group(1), m.groups()[1:]) for m in LINE.finditer(result.stdout))
    assert sorted(lines) == ["s6", "s7"]
    events = [json.loads(line) for line in telemetry_file.read_text().splitlines()]
    text = telemetry_file.read_text()
    assert PASSWORD not in text and USER_SECRET not in text and "bogus" not in text
    for name in ("s6", "s7"):
        logins, commands, round_trips, rows, total, out, inb, wait, writes = lines[name]
        sent = router_commands(group[name], since[name])
        router_logins = [e for e in group[name].events("login")[logins_since[name]:] if e.get("success")]
        assert int(logins) == len(router_logins) == 1  # gather_facts logged in; every later task reused it
        assert int(commands) == len(sent) > 10
        assert int(writes) == len([w for w in sent if w.rsplit("/", 1)[1] not in READS]) >= 3
        assert int(total) == int(out) + int(inb) and int(out) > 0 and int(inb) > int(out) / 2
        assert 0 < int(round_trips) < int(commands) and int(rows) > 10 and float(wait) > 0
        # the telemetry file: the same figures, event by event, each attributed to its host and task
        mine = [e for e in events if e["host"] == name]
        tasks = [e for e in mine if e["event"] == "task.stop"]
        assert sorted(e["task"] for e in tasks) == sorted(["Gathering Facts", "identity", "addresses", "user", "refused",
                                                           "facts again"])
        assert sum(e["commands"] for e in tasks) == int(commands)
        assert sum(e["rows"] for e in tasks) == int(rows)
        cmds = [e for e in mine if e["event"].startswith("command.")]
        assert sorted("%s/%s" % (e["path"].rstrip("/"), e["command"]) for e in cmds) == sorted(sent)
        refused = [e for e in cmds if e["task"] == "refused"]
        assert [(e["event"], e["outcome"]) for e in refused] == [("command.exception", "trap")]
        user = [e for e in cmds if e["task"] == "user"]
        assert user[0]["attributes"] == ["name", "group", "password"]
        logins = [e for e in mine if e["event"] == "connection.stop" and e["login"]]
        assert [e["task"] for e in logins] == ["Gathering Facts"]
    # -vvvv shows the commands as they finish (the action plugins' ones; gather_facts runs the module elsewhere)
    assert re.search(r"ROUTEROS: /system/identity/print done, 1 row, [0-9.]+ ms", result.stdout)
    assert re.search(r"ROUTEROS: /ip/address/add \(address, interface\) trap, 0 rows", result.stdout)


def test_without_the_callback_or_a_file_nothing_is_written(group, tmp_path):
    hosts = {"s7": {"ansible_host": group["s7"].host, "ansible_port": group["s7"].port, "ansible_password": PASSWORD}}
    result = run_playbook(tmp_path, hosts=hosts, tasks=TASKS[:1])
    assert result.rc == 0, result.stdout + result.stderr
    assert "API STATS" not in result.stdout and "ROUTEROS:" not in result.stdout


def test_a_telemetry_file_that_cannot_be_written_fails_the_task_clearly(group, tmp_path):
    hosts = {"s7": {"ansible_host": group["s7"].host, "ansible_port": group["s7"].port, "ansible_password": PASSWORD,
                    "ansible_routeros_telemetry_file": str(tmp_path / "missing" / "t.jsonl")}}
    result = run_playbook(tmp_path, hosts=hosts, tasks=TASKS[:1])
    assert result.rc != 0
    (task,) = result.results("identity")
    assert task["status"] == "failed"
    assert "cannot write the telemetry file" in task["result"]["msg"] and "missing" in task["result"]["msg"]


def test_connection_local_with_module_defaults(group, tmp_path):
    """Explicit connection options (the module's own telemetry_file too): still one login, the same figures."""
    router = group["s7"]
    telemetry_file = tmp_path / "local.jsonl"
    defaults = {"group/tikops.routeros.routeros": {
        "hostname": router.host, "port": router.port, "password": PASSWORD, "telemetry_file": str(telemetry_file)}}
    since = len(router.events("command"))
    result = run_playbook(tmp_path, inventory=inventory_for({"local7": {}}, connection="local"),
                          play_extra={"module_defaults": defaults}, tasks=TASKS[:2] + TASKS[4:5],
                          extra_env={"ANSIBLE_CALLBACKS_ENABLED": "tikops_results,tikops.routeros.api_stats"})
    assert result.rc == 0, result.stdout + result.stderr
    (line,) = LINE.findall(result.stdout)
    sent = router_commands(router, since)
    assert line[0] == "local7" and int(line[1]) == 1 and int(line[2]) == len(sent) > 3
    events = [json.loads(x) for x in telemetry_file.read_text().splitlines()]
    assert sorted(e["task"] for e in events if e["event"] == "task.stop") == ["addresses", "facts again", "identity"]
    assert sum(1 for e in events if e["event"].startswith("command.")) == len(sent)
    assert PASSWORD not in telemetry_file.read_text() + result.stdout
