# -*- coding: utf-8 -*-
"""Secret canaries: playbooks at -vvvv (with diff, check mode and failing tasks) put one canary value in many secret
fields; it must appear nowhere we write: stdout, stderr, Ansible's log file, the test callback's event records and
the broker's log. The rule that makes a field secret is errors.is_secret (docs/security.md)."""

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.api.options import ConnectionParams
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session
from support.playbook import run_playbook
from support.rosim import Simulator

CANARY = "CANARY-q7Zt4"
FREE_TEXT = "wifi psk=PLAIN-9x, password=\"also plain\""


@pytest.fixture(scope="module")
def sim():
    with Simulator(version="7.16", identity="canary") as s:
        yield s


def hosts(sim):
    return {"canary": {"ansible_host": sim.host, "ansible_port": sim.port}}


def cmd(name, check_mode=False, **args):
    task = {"name": name, "ignore_errors": True, "tikops.routeros.command": args}
    if check_mode:
        task["check_mode"] = True
    return task


TASKS = [
    # writes the simulated router refuses (a menu it does not have, a bad value): the error shows the command
    cmd("wireguard", path="/interface/wireguard", command="add",
        attributes={"name": "wg1", "private-key": CANARY, "listen-port": 13231}),
    cmd("snmp", path="/snmp/community", command="add",
        attributes={"name": "c1", "authentication-password": CANARY, "encryption-password": CANARY}),
    cmd("eoip words", words=["/interface/eoip/add", "=name=e1", "=ipsec-secret=" + CANARY, "=remote-address=x"]),
    cmd("user bad group", path="/user", command="add",
        attributes={"name": "u-bad", "password": CANARY, "group": "no-such-group"}),
    # a write that works, and a query on a secret field
    cmd("user", path="/user", command="add", attributes={"name": "u-canary", "password": CANARY, "group": "full"}),
    cmd("query", path="/user", query={"password": CANARY}),
    # check mode: nothing is sent, the command is shown
    cmd("check mode", check_mode=True, path="/interface/wireguard/peers", command="add",
        attributes={"interface": "wg1", "preshared-key": CANARY, "private-key": CANARY, "public-key": "pub"}),
    cmd("check mode words", check_mode=True, words=["/ip/ipsec/peer/add", "=secret=" + CANARY, "=psk=" + CANARY]),
    # a stream that cannot run unbounded: a user-input error that names the command
    cmd("stream", words=["/interface/wireguard/listen", "=private-key=" + CANARY]),
    # a resource module: commands, diff, before/after; then the rows of a print and the gathered state. A comment is
    # free text, not a secret field: it comes back as the router has it, whatever it looks like
    {"name": "address", "tikops.routeros.ip_addresses": {"state": "merged", "config": [
        {"address": "198.51.100.77/24", "interface": "ether2", "comment": FREE_TEXT}]}},
    cmd("rows", path="/ip/address", proplist=["address", "comment"]),
    {"name": "gathered", "tikops.routeros.ip_addresses": {"state": "gathered"}},
    {"name": "rendered", "tikops.routeros.ip_addresses": {"state": "rendered", "config": [
        {"address": "198.51.100.78/24", "interface": "ether2", "comment": FREE_TEXT}]}},
    # a JSON running_config (what gathered returns) echoed in the invocation: its secret fields are masked
    {"name": "parsed json", "tikops.routeros.menu": {
        "path": "/interface/wireguard", "state": "parsed",
        "running_config": '[{"name": "wg1", "private-key": "%s, x y"}]' % CANARY}},
]


def test_no_canary_anywhere_at_vvvv(sim, tmp_path):
    log_path = tmp_path / "ansible.log"
    result = run_playbook(tmp_path, hosts=hosts(sim), tasks=TASKS, verbosity=4, args=["--diff"],
                          extra_env={"ANSIBLE_LOG_PATH": str(log_path)})
    assert result.rc == 0, result.stdout + result.stderr
    # the tasks did run, and failed where the router refused: the test is not vacuous
    assert [t["status"] for t in result.results("user")] == ["ok"]
    assert [t["status"] for t in result.results("user bad group")] == ["failed"]
    assert [t["status"] for t in result.results("wireguard")] == ["failed"]
    assert result.results("check mode")[0]["result"]["command"]
    assert result.results("address")[0]["result"]["changed"] is True
    assert {"address": "198.51.100.77/24", "comment": FREE_TEXT} in result.results("rows")[0]["result"]["rows"]
    assert [e["comment"] for e in result.results("gathered")[0]["result"]["gathered"]
            if e["address"] == "198.51.100.77/24"] == [FREE_TEXT]
    parsed = result.results("parsed json")[0]["result"]
    assert parsed["parsed"] == [{"name": "wg1", "private-key": "********"}]
    assert "********" in parsed["invocation"]["module_args"]["running_config"]
    assert "********" in result.stdout
    places = {"stdout": result.stdout, "stderr": result.stderr, "ansible.log": log_path.read_text(),
              "callback events": repr(result.tasks),
              "broker.log": (result.broker_dir / "broker.log").read_text()}
    found = dict((name, text.count(CANARY)) for name, text in places.items() if CANARY in text)
    assert found == {}, found
    # the router did get the real value (it was only hidden from output): the new user logs in with it
    with Session.connect(ConnectionParams(sim.host, sim.port, username="u-canary", password=CANARY, timeout=5)) as s:
        assert s.call("/system/identity", "print").rows[0]["name"] == "canary"
