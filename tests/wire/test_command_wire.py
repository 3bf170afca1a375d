# -*- coding: utf-8 -*-
"""The command module's logic against a simulated router: rows, ret, traps, streams bounded and cancelled."""

import threading

import pytest

from support.rosim import Simulator

from ansible_collections.tikops.routeros.plugins.module_utils.tasks import command as C
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError
from ansible_collections.tikops.routeros.plugins.module_utils.api.options import ConnectionParams
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session


@pytest.fixture(scope="module")
def sim():
    with Simulator(version="7.19", identity="cmd") as s:
        yield s


@pytest.fixture
def session(sim):
    s = Session.connect(ConnectionParams(sim.host, sim.port, timeout=5))
    yield s
    s.close()


def run(session, check_mode=False, **params):
    return C.run(params, check_mode, lambda: session)


def sent_words(sim, since):
    return [e["words"] for e in sim.events("command")[since:]]


def test_add_returns_ret_and_print_finds_it(session):
    added = run(session, path="/ip/address", command="add",
                attributes={"address": "203.0.113.1/24", "interface": "ether4", "comment": "wire"})
    assert added["changed"] is True and added["ret"].startswith("*")
    found = run(session, path="/ip/address", query={"comment": "wire"}, proplist=[".id", "address"])
    assert found["changed"] is False
    assert found["rows"] == [{".id": added["ret"], "address": "203.0.113.1/24"}]


def test_raw_words_and_count_only(session):
    out = run(session, words=["/interface/print", "=count-only=", "?type=ether"])
    assert out["rows"] == [] and int(out["ret"]) >= 5


def test_check_mode_sends_reads_only(sim, session):
    since = len(sim.events("command"))
    skipped = run(session, check_mode=True, path="/ip/address", command="add",
                  attributes={"address": "203.0.113.9/24", "interface": "ether4"})
    read = run(session, check_mode=True, path="/system/identity", proplist=["name"])
    assert skipped["sent"] is False and skipped["changed"] is True and "not sent" in skipped["msg"]
    assert read["rows"] == [{"name": "cmd"}]
    assert sent_words(sim, since) == [["/system/identity/print", "=.proplist=name", ".tag=%s" % sim.events("command")[-1]["tag"]]]


def test_router_error(session):
    out = run(session, path="/ip/address", command="add", attributes={"address": "203.0.113.5/24", "interface": "nope0"})
    assert out["failed"] is True and out["changed"] is False
    assert out["category"] == "1" and "interface" in out["message"]
    assert out["command"] == ["/ip/address/add", "=address=203.0.113.5/24", "=interface=nope0"]
    assert ".tag=" not in out["msg"] and out["message"] in out["msg"]


def test_monitor_stops_at_max_rows_and_is_cancelled(sim, session):
    since = len(sim.events("command"))
    out = run(session, path="/interface", command="monitor-traffic", attributes={"interface": "ether1"}, max_rows=2)
    assert len(out["rows"]) == 2 and out["stopped"] == "max_rows" and out["cancelled"] is True
    assert all(row["name"] == "ether1" for row in out["rows"])
    words = sent_words(sim, since)
    tag = [w for w in words[0] if w.startswith(".tag=")][0][5:]
    assert words[1][:2] == ["/cancel", "=tag=%s" % tag]
    # the session is clean afterwards: the next command gets its own reply
    assert run(session, path="/system/identity")["rows"] == [{"name": "cmd"}]


def test_listen_returns_changes_until_max_rows(sim, session):
    def change():
        other = Session.connect(ConnectionParams(sim.host, sim.port))
        try:
            other.call("/ip/address", "add", attributes={"address": "203.0.113.77/24", "interface": "ether5"})
        finally:
            other.close()

    timer = threading.Timer(0.3, change)
    timer.start()
    try:
        out = run(session, path="/ip/address", command="listen", max_rows=1, duration=20)
    finally:
        timer.join()
    assert out["stopped"] == "max_rows" and out["cancelled"] is True
    assert out["rows"][0]["address"] == "203.0.113.77/24"


def test_silent_stream_ends_at_duration(sim, session):
    since = len(sim.events("command"))
    out = run(session, path="/log", command="print", attributes={"follow-only": True, "topics": None}, duration=0.5)
    assert out["rows"] == [] and out["stopped"] == "duration" and out["cancelled"] is True
    assert sent_words(sim, since)[1][0] == "/cancel"


def test_unbounded_stream_is_refused_before_sending(sim, session):
    since = len(sim.events("command"))
    with pytest.raises(UserInputError) as err:
        run(session, path="/ip/address", command="listen")
    assert "max_rows or duration" in str(err.value)
    assert sent_words(sim, since) == []
