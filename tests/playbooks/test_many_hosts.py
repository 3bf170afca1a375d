# -*- coding: utf-8 -*-
"""A few hundred routers in one ansible-playbook run, with a hard limit of open files below what the old broker
needed (3 descriptors per kept session): every host works, the broker's log holds no "Too many open files"."""

import resource

import support.rosim
from support.playbook import inventory_for, run_playbook
from support.rosim import start_simulators

ROUTERS = 300
LIMIT = 256


def low_limit():
    resource.setrlimit(resource.RLIMIT_NOFILE, (LIMIT, LIMIT))


def test_three_hundred_routers_with_256_open_files(tmp_path, monkeypatch):
    monkeypatch.setattr(support.rosim, "START_TIMEOUT", 90.0)  # 300 routers start slowly on a busy machine
    config = {"routers": [{"name": "h%d" % i, "identity": "h%d" % i, "routeros-version": "7.16"}
                          for i in range(ROUTERS)]}
    with start_simulators(config) as group:  # started before the limit: only ansible and the broker get it
        hosts = dict((name, {"ansible_host": r.host, "ansible_port": r.port}) for name, r in group.routers.items())
        result = run_playbook(tmp_path, inventory=inventory_for(hosts), forks=25, preexec_fn=low_limit,
                              tasks=[{"name": "identity", "tikops.routeros.command": {"path": "/system/identity"}}])
    assert result.rc == 0, result.stdout[-3000:] + result.stderr[-3000:]
    rows = dict((t["host"], t["result"]["rows"]) for t in result.results("identity") if t["status"] == "ok")
    assert len(rows) == ROUTERS
    assert all(rows[name] == [{"name": name}] for name in rows)
    log = (result.broker_dir / "broker.log").read_text()
    assert "file descriptor limit: %d" % LIMIT in log
    assert "Too many open files" not in log and "Traceback" not in log
