# -*- coding: utf-8 -*-
"""ansible-playbook runs of tikops.routeros.command: rows and ret, check mode, router errors, streams, a router
that is down, and connection: local with explicit options."""

import socket
import sys

import pytest

from support.playbook import run_playbook
from support.rosim import Simulator

SECRET = "s3cret-Hunter2"


@pytest.fixture(scope="module")
def sim():
    with Simulator(version="7.16", identity="pb7") as s:
        yield s


def hosts(sim):
    return {"pb7": {"ansible_host": sim.host, "ansible_port": sim.port}}


def commands(sim, since):
    # /quit: a broker of an earlier run closing its kept session
    return [e["words"] for e in sim.events("command")[since:] if e["words"][0] not in ("/login", "/quit")]


def test_rows_ret_and_changed(sim, tmp_path):
    result = run_playbook(tmp_path, hosts=hosts(sim), tasks=[
        {"name": "add", "register": "added", "tikops.routeros.command": {
            "path": "/ip/address", "command": "add",
            "attributes": {"address": "198.51.100.1/24", "interface": "ether2", "comment": "pb-rows"}}},
        {"name": "print", "register": "found", "tikops.routeros.command": {
            "path": "/ip/address", "query": {"comment": "pb-rows"}, "proplist": [".id", "address", "interface"]}},
        {"name": "check", "ansible.builtin.assert": {"that": [
            "found.rows == [{'.id': added.ret, 'address': '198.51.100.1/24', 'interface': 'ether2'}]"]}},
        {"name": "raw", "tikops.routeros.command": {"words": ["/ip/address/print", "=count-only=", "?comment=pb-rows"]}},
        {"name": "declared read", "tikops.routeros.command": {"path": "/ip/address", "command": "add",
                                                              "attributes": {"address": "198.51.100.2/24",
                                                                             "interface": "ether2"},
                                                              "read_only": True}},
    ])
    assert result.rc == 0, result.stdout + result.stderr
    add, = result.results("add")
    assert add["status"] == "ok" and add["result"]["changed"] is True and add["result"]["ret"].startswith("*")
    found, = result.results("print")
    assert found["result"]["changed"] is False
    raw, = result.results("raw")
    assert raw["result"]["ret"] == "1" and raw["result"]["changed"] is False
    assert result.results("declared read")[0]["result"]["changed"] is False


def test_check_mode_runs_reads_and_skips_writes(sim, tmp_path):
    since = len(sim.events("command"))
    result = run_playbook(tmp_path, hosts=hosts(sim), args=["--check"], tasks=[
        {"name": "add", "tikops.routeros.command": {
            "path": "/ip/address", "command": "add", "attributes": {"address": "198.51.100.9/24", "interface": "ether3"}}},
        {"name": "print", "tikops.routeros.command": {"path": "/system/identity"}},
    ])
    assert result.rc == 0, result.stdout + result.stderr
    add, = result.results("add")
    assert add["result"]["changed"] is True and add["result"]["sent"] is False
    assert "check mode" in add["result"]["msg"]
    assert result.results("print")[0]["result"]["rows"] == [{"name": "pb7"}]
    sent = commands(sim, since)
    assert [w[0] for w in sent] == ["/system/identity/print"]


def test_check_mode_runs_diagnostics(sim, tmp_path):
    since = len(sim.events("command"))
    result = run_playbook(tmp_path, hosts=hosts(sim), args=["--check"], tasks=[
        {"name": "ping", "ignore_errors": True, "tikops.routeros.command": {
            "path": "/", "command": "ping", "attributes": {"address": "127.0.0.1", "count": 1}}},
        {"name": "traceroute", "ignore_errors": True, "tikops.routeros.command": {
            "path": "/tool", "command": "traceroute", "attributes": {"address": "127.0.0.1", "count": 1}}},
        {"name": "bandwidth-test", "tikops.routeros.command": {
            "path": "/tool", "command": "bandwidth-test", "attributes": {"address": "127.0.0.1", "duration": "1s"}}},
    ])
    assert result.rc == 0, result.stdout + result.stderr
    # the diagnostics are reads: sent in check mode and never changed (whether or not the simulator has them)
    for name in ("ping", "traceroute"):
        task, = result.results(name)
        assert task["result"]["sent"] is True and task["result"]["changed"] is False, task
    bwtest, = result.results("bandwidth-test")
    assert bwtest["result"]["sent"] is False and bwtest["result"]["changed"] is True
    assert [w[0] for w in commands(sim, since)] == ["/ping", "/tool/traceroute"]


def test_router_error_fails_with_message_category_and_command(sim, tmp_path):
    result = run_playbook(tmp_path, hosts=hosts(sim), tasks=[
        {"name": "bad", "tikops.routeros.command": {
            "path": "/user", "command": "add", "attributes": {"name": "eve", "password": SECRET, "group": "nope"}}},
    ], verbosity=4)
    assert result.rc != 0
    bad, = result.results("bad")
    res = bad["result"]
    assert bad["status"] == "failed"
    assert res["message"] == "input does not match any value of group"
    assert res["category"] == "1" and res["category_name"] == "argument value failure"
    assert res["command"] == ["/user/add", "=name=eve", "=password=********", "=group=nope"]
    assert "input does not match any value of group" in res["msg"] and "/user/add" in res["msg"]
    # what the user sees names the error, never the password
    assert "input does not match any value of group" in result.stdout
    assert SECRET not in res["msg"] and SECRET not in str(res["command"]) and SECRET not in result.stdout
    # the echoed task arguments (shown at -v and above) hide it too
    assert res["invocation"]["module_args"]["attributes"]["password"] == "********"
    assert SECRET not in str(res)


def test_streams_are_bounded_and_cancelled(sim, tmp_path):
    since = len(sim.events("command"))
    result = run_playbook(tmp_path, hosts=hosts(sim), tasks=[
        {"name": "monitor", "tikops.routeros.command": {
            "path": "/interface", "command": "monitor-traffic", "attributes": {"interface": "ether1"}, "max_rows": 2}},
        {"name": "listen", "tikops.routeros.command": {"path": "/ip/address", "command": "listen", "duration": 0.5}},
        {"name": "unbounded", "ignore_errors": True,
         "tikops.routeros.command": {"path": "/log", "command": "print", "attributes": {"follow-only": True}}},
        {"name": "after", "tikops.routeros.command": {"path": "/system/identity"}},
    ])
    assert result.rc == 0, result.stdout + result.stderr
    monitor, = result.results("monitor")
    assert len(monitor["result"]["rows"]) == 2 and monitor["result"]["stopped"] == "max_rows"
    assert monitor["result"]["cancelled"] is True and monitor["result"]["changed"] is False
    listen, = result.results("listen")
    assert listen["result"]["stopped"] == "duration" and listen["result"]["cancelled"] is True
    unbounded, = result.results("unbounded")
    assert unbounded["status"] == "failed" and "max_rows or duration" in unbounded["result"]["msg"]
    assert result.results("after")[0]["result"]["rows"] == [{"name": "pb7"}]
    sent = commands(sim, since)
    tags = dict((w[0], [x for x in w if x.startswith(".tag=")][0][5:]) for w in sent if w[0] != "/cancel")
    cancels = [w[1] for w in sent if w[0] == "/cancel"]
    assert cancels == ["=tag=%s" % tags["/interface/monitor-traffic"], "=tag=%s" % tags["/ip/address/listen"]]


def test_router_down_is_unreachable(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = run_playbook(tmp_path, hosts={"down": {"ansible_host": "127.0.0.1", "ansible_port": port}}, tasks=[
        {"name": "print", "tikops.routeros.command": {"path": "/system/identity"}}])
    assert result.rc != 0
    task, = result.results("print")
    assert task["status"] == "unreachable"
    assert "127.0.0.1:%d" % port in task["result"]["msg"]


def test_connection_local_with_explicit_options(sim, tmp_path):
    inventory = {"all": {"hosts": {"localhost": {"ansible_connection": "local",
                                                 "ansible_python_interpreter": sys.executable}}}}
    result = run_playbook(tmp_path, inventory=inventory, tasks=[
        {"name": "print", "tikops.routeros.command": {
            "hostname": sim.host, "port": sim.port, "path": "/system/identity", "proplist": ["name"]}}])
    assert result.rc == 0, result.stdout + result.stderr
    assert result.results("print")[0]["result"]["rows"] == [{"name": "pb7"}]
