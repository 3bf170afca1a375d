"""Telemetry over real sockets: the events and counts of a direct session and of two clients multiplexed on one
kept session by the broker match what the simulator received, and hold no secret."""

import json
import os
import shutil
import tempfile

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.api import persist
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import TrapError
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session
from ansible_collections.tikops.routeros.plugins.module_utils.api.telemetry import Telemetry, read_records
from support.client import sim_params
from support.rosim import Simulator

PASSWORD = "Tele-Canary-4417"
USER_SECRET = "User-Canary-9902"


@pytest.fixture(scope="module")
def sim():
    with Simulator(identity="tele-r1", password=PASSWORD) as s:
        yield s


@pytest.fixture
def bdir():
    path = tempfile.mkdtemp(prefix="tkt-")
    directory = os.path.join(path, "d")
    yield directory
    if os.path.isdir(directory):
        persist.shutdown(directory)
    shutil.rmtree(path, ignore_errors=True)


def router_commands(sim, since):
    return [e for e in sim.events("command")[since:] if e["words"][0] not in ("/login",)]


def work(session, name):
    """Reads, a pipeline, a write with a secret attribute, a trap and a stream stopped after two rows."""
    rows = len(session.call("/interface", "print").rows)
    results = session.pipeline([dict(path="/system/identity", command="print"),
                                dict(path="/ip/address", command="print", proplist=["address"])])
    rows += sum(len(r.rows) for r in results)
    session.call("/user", "add", attributes={"name": name, "group": "read", "password": USER_SECRET})
    with pytest.raises(TrapError):
        session.call("/ip/address", "add", attributes={"address": "not-an-address", "interface": "ether1"})
    stream = session.send("/interface", "monitor-traffic", attributes={"interface": "ether1"})
    for count, row in enumerate(stream, 1):
        if count == 2:
            break
    stream.cancel()
    session.call("/user", "remove", attributes={".id": session.call("/user", "print", queries=["?name=" + name]).rows[0][".id"]})
    return rows + 2 + 1


def check(tele, sent, rows, path=None):
    counts = tele.summary()
    # 8 of ours (the user print included) and the /cancel that stopping the stream sent
    assert counts["commands"] == len(sent) == 9
    assert counts["rows"] == rows
    assert counts["writes"] == 3 and counts["traps"] == 1 and counts["errors"] == 0
    # every command is its own batch but the pipeline's two
    assert counts["round_trips"] == 8
    assert counts["bytes_out"] > 0 and counts["bytes_in"] > counts["bytes_out"] / 2
    events = read_records(path) if path else tele.events
    text = json.dumps(events)
    assert PASSWORD not in text and USER_SECRET not in text and "not-an-address" not in text
    commands = [e for e in events if e["event"].startswith("command.")]
    assert sorted("%s/%s" % (e["path"].rstrip("/"), e["command"]) for e in commands) == \
        sorted(e["words"][0] for e in sent)
    user_add = [e for e in commands if e["path"] == "/user" and e["command"] == "add"][0]
    assert user_add["attributes"] == ["name", "group", "password"] and user_add["outcome"] == "done"
    trap = [e for e in commands if e["outcome"] == "trap"][0]
    assert trap["event"] == "command.exception" and trap["message"] and trap["path"] == "/ip/address"
    stopped = [e for e in commands if e["command"] == "monitor-traffic"][0]
    assert stopped["outcome"] == "stopped" and stopped["rows"] == 2
    assert all(e["duration_ms"] >= 0 for e in commands)
    return events


def test_direct_session_events_match_the_router(sim, tmp_path):
    path = str(tmp_path / "t.jsonl")
    tele = Telemetry({"host": "tele-r1", "task": "direct"}, path=path)
    session = Session.connect(sim_params(sim, password=PASSWORD))
    tele.login(0.0, session.where, session.login_method)
    tele.attach(session)
    before = len(sim.events("command"))
    try:
        rows = work(session, "tele-direct")
    finally:
        tele.close()
        session.close()
    events = check(tele, router_commands(sim, before), rows, path)
    assert events[0]["event"] == "connection.stop" and events[0]["login"] is True
    assert events[-1]["event"] == "task.stop" and events[-1]["logins"] == 1
    assert all(e["host"] == "tele-r1" and e["task"] == "direct" for e in events)


def test_two_clients_of_one_kept_session_get_their_own_events(sim, bdir):
    params = sim_params(sim, password=PASSWORD)
    a = persist.attach(params, bdir, 30)
    b = persist.attach(params, bdir, 30)
    assert a.fresh and not b.fresh
    tele_a, tele_b = Telemetry({"host": "a"}), Telemetry({"host": "b"})
    tele_a.attach(a)
    tele_b.attach(b)
    before = len(sim.events("command"))
    try:
        # interleaved on the one router connection: each client's counts are its own
        b_busy = b.send("/interface", "print")
        rows_a = work(a, "tele-a")
        b_rows = len(b_busy.result().rows)
        rows_b = work(b, "tele-b")
    finally:
        tele_a.close()
        tele_b.close()
        a.close()
        b.close()
    sent = router_commands(sim, before)
    assert tele_a.summary()["commands"] + tele_b.summary()["commands"] == len(sent) == 19
    assert tele_b.summary()["rows"] == rows_b + b_rows and tele_a.summary()["rows"] == rows_a
    assert tele_a.summary()["round_trips"] == 8 and tele_b.summary()["round_trips"] == 9
    for tele, host in ((tele_a, "a"), (tele_b, "b")):
        assert all(e["host"] == host for e in tele.events)
        assert PASSWORD not in json.dumps(tele.events) and USER_SECRET not in json.dumps(tele.events)
