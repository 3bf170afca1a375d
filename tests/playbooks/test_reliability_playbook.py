# -*- coding: utf-8 -*-
"""Reliability through ansible-playbook: text in a Windows code page (facts, command, gathered), a bad
attribute name, and a write cut short by a dropped connection."""

import pytest

from support.client import CLIENT_PASSWORD
from support.playbook import run_playbook
from support.rosim import Simulator

from ansible_collections.tikops.routeros.plugins.module_utils.api.options import ConnectionParams
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session

COMMENT = "Büro – Zürich"


@pytest.fixture(scope="module")
def sim():
    with Simulator(version="7.16", identity="rel", password=CLIENT_PASSWORD) as s:
        with Session.connect(ConnectionParams(s.host, s.port, password=CLIENT_PASSWORD, encoding="cp1252")) as w:
            w.call("/ip/address", "add", attributes={"address": "192.0.2.9/24", "interface": "ether3",
                                                     "comment": COMMENT})
        yield s


def hosts(sim):
    return {"rel": {"ansible_host": sim.host, "ansible_port": sim.port, "ansible_password": CLIENT_PASSWORD}}


def test_windows_code_page_text_does_not_fail_the_host(sim, tmp_path):
    result = run_playbook(tmp_path, hosts=hosts(sim), tasks=[
        {"name": "facts", "tikops.routeros.facts": {"gather_subset": ["interfaces"],
                                                    "gather_network_resources": ["ip_addresses"]}},
        {"name": "command", "register": "printed", "tikops.routeros.command": {
            "path": "/ip/address", "query": {"address": "192.0.2.9/24"}}},
        {"name": "gathered", "register": "got", "tikops.routeros.ip_addresses": {"state": "gathered"}},
        {"name": "check", "ansible.builtin.assert": {"that": [
            "printed.rows[0].comment == '%s'" % COMMENT,
            "(got.gathered | selectattr('address', 'equalto', '192.0.2.9/24') | first).comment == '%s'" % COMMENT,
            "(ansible_network_resources.ip_addresses | selectattr('address', 'equalto', '192.0.2.9/24') | first)"
            ".comment == '%s'" % COMMENT]}},
    ])
    assert result.rc == 0, result.stdout + result.stderr
    for name in ("facts", "command", "gathered"):
        task, = result.results(name)
        assert task["status"] == "ok", task
        assert any("192.0.2.9/24" in w and "cp1252" in w for w in task["result"].get("warnings", [])), task


def test_bad_attribute_name_fails_before_sending(sim, tmp_path):
    since = len(sim.events("command"))
    result = run_playbook(tmp_path, hosts=hosts(sim), tasks=[
        {"name": "evil", "tikops.routeros.command": {"path": "/ip/address", "command": "add",
                                                     "attributes": {"name=evil": "x", "address": "192.0.2.10/24"}}},
    ])
    task, = result.results("evil")
    assert task["status"] == "failed" and "'name=evil'" in task["result"]["msg"]
    assert not [e for e in sim.events("command")[since:] if e["words"][0].endswith("/add")]


def test_dropped_write_is_reported_as_lost_not_refused(tmp_path):
    # only the first connection is faulty: login (1) + the add's reply would be the 2nd sentence
    with Simulator(version="7.16", password=CLIENT_PASSWORD, state=str(tmp_path / "state.yml"),
                   extra_args=("--drop-after", "1", "--fault-connections", "1")) as faulty:
        result = run_playbook(tmp_path, hosts=hosts(faulty), tasks=[
            {"name": "add", "tikops.routeros.command": {"path": "/ip/address", "command": "add",
                                                        "attributes": {"address": "192.0.2.11/24",
                                                                       "interface": "ether2"}}},
        ])
        state = faulty.save_state()
    task, = result.results("add")
    held = [e for e in state["menus"]["/ip/address"] if e["address"] == "192.0.2.11/24"]
    assert task["status"] == "failed"
    assert "connection to the router was lost" in task["result"]["msg"]
    assert task["result"]["outcome"] == ("took effect" if held else "did not take effect")
    assert task["result"]["changed"] is bool(held)
