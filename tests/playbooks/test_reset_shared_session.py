# -*- coding: utf-8 -*-
"""Two ansible-playbook runs at once share one kept session (same host, user, password, broker directory).
meta: reset_connection in one of them must not cut off the task the other one is running: the session takes no
new tasks (the next one logs in again) and closes once the running task is done.

The order is fixed by the router, not by time: the first run's task listens to /ip/address for one row, and the
only change comes from the second run, after its reset."""

import threading
import time

import pytest

from support.playbook import run_playbook
from support.rosim import Simulator

PASSWORD = "Shared-Pw-41"
WAIT = 120  # the first run's reply timeout: the listen waits this long at most for the second run's change


@pytest.fixture(scope="module")
def sim():
    with Simulator(identity="shared-r1", password=PASSWORD) as s:
        yield s


def hosts(sim, **extra):
    host = {"ansible_host": sim.host, "ansible_port": sim.port, "ansible_user": "admin", "ansible_password": PASSWORD}
    host.update(extra)
    return {"r1": host}


def wait_for_listen(sim, since, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(e["words"][0] == "/ip/address/listen" for e in sim.events("command")[since:]):
            return
        time.sleep(0.05)
    raise AssertionError("the long task of the first playbook did not start within %ss" % timeout)


def test_reset_in_one_playbook_leaves_the_other_ones_task_running(sim, tmp_path):
    broker_dir = tmp_path / "broker"
    since = len(sim.events("command"))
    logins_before = len([e for e in sim.events("login") if e.get("success")])
    long_run = {}

    def run_long():
        tasks = [{"name": "listen", "tikops.routeros.command": {"path": "/ip/address", "command": "listen",
                                                                "max_rows": 1}},
                 {"name": "after", "tikops.routeros.command": {"path": "/system/identity"}}]
        long_run["result"] = run_playbook(tmp_path, name="long", broker_dir=broker_dir,
                                          hosts=hosts(sim, ansible_routeros_timeout=WAIT), tasks=tasks)

    thread = threading.Thread(target=run_long)
    thread.start()
    try:
        wait_for_listen(sim, since)
        resetting = run_playbook(tmp_path, name="reset", broker_dir=broker_dir, hosts=hosts(sim), tasks=[
            {"name": "read", "tikops.routeros.command": {"path": "/system/identity"}},
            {"meta": "reset_connection"},
            {"name": "again", "tikops.routeros.command": {"path": "/ip/address", "command": "add", "attributes": {
                "address": "198.51.100.41/24", "interface": "ether2", "comment": "after the reset"}}}])
    finally:
        thread.join(WAIT + 120)
    assert resetting.rc == 0, resetting.stdout + resetting.stderr
    long = long_run["result"]
    assert long.rc == 0, long.stdout + long.stderr
    listen, = long.results("listen")
    assert listen["status"] == "ok" and listen["result"]["stopped"] == "max_rows", listen
    assert listen["result"]["rows"][0]["comment"] == "after the reset"
    assert long.results("after")[0]["status"] == "ok"
    log = (broker_dir / "broker.log").read_text()
    # the reset came while the other run's task was attached (so this test did test something)
    assert "dropped on request (reset_connection); it closes when its 1 running task(s) are done" in log, log
    # the reset did end the session: the resetting run's next task logged in again (and the long run's last task
    # logs in a third time when the resetting run, which opened that new session, had already ended)
    logins = [e for e in sim.events("login") if e.get("success")][logins_before:]
    assert len(logins) in (2, 3), logins
    assert "closed (dropped on request (reset_connection))" in log
