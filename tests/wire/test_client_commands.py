# -*- coding: utf-8 -*-
"""Our client against the simulator: tags, many outstanding commands, traps, streams, cancel, !empty, !fatal,
queries, raw values and encodings."""

from __future__ import annotations

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import (
    ConnectionLost,
    DecodeError,
    FatalError,
    TrapError,
)
from ansible_collections.tikops.routeros.plugins.module_utils.core.query import Q, query_words
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session


@pytest.fixture(scope="module")
def session(client_sim_718):
    from support.client import sim_params

    with Session.connect(sim_params(client_sim_718)) as s:
        yield s


@pytest.fixture(scope="module")
def session_716(client_sim):
    from support.client import sim_params

    with Session.connect(sim_params(client_sim)) as s:
        yield s


def names(result):
    return [row["name"] for row in result.rows]


def test_many_outstanding_commands_routed_by_tag(session):
    menus = ["/interface", "/ip/address", "/system/identity", "/ip/service", "/system/resource"] * 10
    cmds = [session.send(path, "print") for path in menus]
    assert len(session.outstanding) == len(menus)
    assert len({c.tag for c in cmds}) == len(cmds)
    expected = {path: steady(session.call(path, "print").rows) for path in set(menus)}
    for cmd, path in reversed(list(zip(cmds, menus))):  # collected out of order
        assert steady(cmd.result().rows) == expected[path]
    assert session.outstanding == []


def steady(rows):
    """Rows without the fields that change from one second to the next (cpu-load, uptime)."""
    return [dict((k, v) for k, v in row.items() if k not in ("cpu-load", "uptime")) for row in rows]


def test_streaming_a_print(session):
    rows = list(session.send("/interface", "print"))
    assert [r["name"] for r in rows] == names(session.call("/interface", "print"))


def test_pipeline_and_trap_isolation(session):
    specs = [dict(path="/system/identity", command="print"), dict(path="/no/such/menu", command="print"),
             dict(path="/interface", command="print", proplist=["name"])]
    results = session.pipeline(specs, raise_on_trap=False)
    assert results[0].rows[0]["name"]
    assert isinstance(results[1], TrapError)
    assert results[1].category == "0" and "no such command" in results[1].message
    # a real router sends two traps for an unknown menu; both reach the caller, in order
    assert [t["message"] for t in results[1].traps] == ["no such command or directory (no)", "no such command prefix"]
    assert results[1].traps[0].get("category") == "0" and "category" not in results[1].traps[1]
    assert all(set(row) == {"name"} for row in results[2].rows)
    with pytest.raises(TrapError):
        session.pipeline(specs)
    # the session is unharmed
    assert session.call("/system/identity", "print").rows


def test_trap_only_hits_its_command_when_interleaved(session):
    good = session.send("/interface", "print")
    bad = session.send("/interface", "set", attributes={".id": "no-such-interface", "comment": "x"})
    good2 = session.send("/system/identity", "print")
    with pytest.raises(TrapError) as info:
        bad.result()
    assert "/interface/set" in str(info.value)
    assert good.result().rows and good2.result().rows


def test_add_returns_ret_and_remove(session):
    ret = session.call("/ip/address", "add", attributes={"address": "192.0.2.1/24", "interface": "ether2"}).ret
    assert ret.startswith("*")
    rows = session.call("/ip/address", "print", queries=query_words(Q.eq(".id", ret))).rows
    assert rows[0]["address"] == "192.0.2.1/24"
    session.call("/ip/address", "remove", attributes={".id": ret})
    assert session.call("/ip/address", "print", queries=query_words(Q.eq(".id", ret))).rows == []


def test_empty_on_7_18_and_not_before(session, session_716):
    res = session.call("/interface", "print", queries=query_words(Q.eq("name", "no-such-interface")))
    assert res.rows == [] and res.empty is True
    res = session_716.call("/interface", "print", queries=query_words(Q.eq("name", "no-such-interface")))
    assert res.rows == [] and res.empty is False
    assert list(session.send("/interface", "print", queries=["?=name=no-such-interface"])) == []


def test_queries_and_proplist_filter_on_the_router(session):
    all_names = names(session.call("/interface", "print"))
    wanted = all_names[:2]
    res = session.call("/interface", "print", queries=Q.any_of("name", wanted).words(), proplist=["name", "type"])
    assert names(res) == wanted
    assert all(set(row) <= {"name", "type"} for row in res.rows)
    res = session.call("/interface", "print", queries=Q.ne("name", wanted[0]).words(), proplist=["name"])
    assert names(res) == all_names[1:]
    res = session.call("/interface", "print", queries=(Q.has("name") & ~Q.any_of("name", wanted)).words())
    assert names(res) == all_names[2:]


def test_listen_streams_and_cancel_absorbs(session):
    listen = session.send("/interface", "listen", timeout=5)
    stream = iter(listen)
    session.call("/interface", "set", attributes={".id": "ether3", "comment": "seen by listen"})
    row = next(stream)
    assert row["name"] == "ether3" and row["comment"] == "seen by listen"
    listen.cancel()
    assert listen.finished and list(stream) == []
    # nothing of the cancel leaks into later commands
    assert session.call("/system/identity", "print").rows
    assert session.outstanding == []


def test_monitor_traffic_stream_and_cancel(session):
    monitor = session.send("/interface", "monitor-traffic", attributes={"interface": "ether1"}, timeout=5)
    sections = []
    for row in monitor:
        sections.append(row[".section"])
        if len(sections) == 3:
            monitor.cancel(wait=False)
    assert sections[:3] == ["0", "1", "2"]
    assert monitor.finished
    once = session.call("/interface", "monitor-traffic", attributes={"interface": "ether1", "once": ""})
    assert len(once.rows) == 1


def test_cancel_of_finished_command_is_harmless(session):
    cmd = session.send("/system/identity", "print")
    cmd.result()
    cmd.cancel()
    assert session.call("/system/identity", "print").rows


def test_send_words_raw(session):
    res = session.send_words(["/system/identity/print", "=.proplist=name"]).result()
    assert list(res.rows[0]) == ["name"]


def test_encoding_and_raw_values(client_sim, make_params):
    comment = "Žluťoučký kůň"
    with Session.connect(make_params(client_sim, encoding="cp1250")) as s1252:
        s1252.call("/interface", "set", attributes={".id": "ether4", "comment": comment})
        assert s1252.call("/interface", "print", queries=["?name=ether4"]).rows[0]["comment"] == comment
    with Session.connect(make_params(client_sim, encoding_fallback="")) as utf8:  # strict: no fallback
        with pytest.raises(DecodeError) as info:
            utf8.call("/interface", "print", queries=["?name=ether4"], proplist=["comment"])
        assert info.value.word == b"=comment=" + comment.encode("cp1250")
        raw = utf8.call("/interface", "print", queries=["?name=ether4"], proplist=["comment"], raw=True)
        assert raw.rows == [{"comment": comment.encode("cp1250")}]
        # the session survives a decode error
        assert utf8.call("/system/identity", "print").rows
        utf8.call("/interface", "set", attributes={".id": "ether4", "comment": ""})


def test_max_word_size_enforced(client_sim, make_params):
    with Session.connect(make_params(client_sim)) as session:
        session.call("/interface", "set", attributes={".id": "ether5", "comment": "x" * 300})
        try:
            with Session.connect(make_params(client_sim), max_word=200) as small:
                with pytest.raises(ConnectionLost) as info:
                    small.call("/interface", "print", queries=["?name=ether5"])
                assert "limit is 200 bytes" in str(info.value)
                assert small.closed
        finally:
            session.call("/interface", "set", attributes={".id": "ether5", "comment": ""})


def test_fatal_on_quit_fails_everything(client_sim, make_params):
    session = Session.connect(make_params(client_sim))
    listen = session.send("/interface", "listen")
    with pytest.raises(FatalError) as info:
        session.call("/quit")
    assert info.value.reason == "session terminated on request"
    with pytest.raises(FatalError):
        listen.result()
    assert session.closed
    with pytest.raises(FatalError):
        session.send("/system/identity", "print")
