# -*- coding: utf-8 -*-
"""Telemetry: the session observer's counts and events (over an in-memory router), redaction, aggregation."""

from __future__ import annotations

import json
import os

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.api import telemetry as T
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import RouterTimeout, TrapError, UserInputError
from ansible_collections.tikops.routeros.plugins.module_utils.core.protocol import SentenceDecoder, encode_sentence
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session

CANARY = "Canary-Secret-7731"


class Router:
    """A transport whose router answers from a table; counts what went over it."""

    where = "scripted:8728"

    def __init__(self):
        self.out = bytearray()
        self.decoder = SentenceDecoder()
        self.bytes_in = 0
        self.bytes_out = 0
        self.writes = 0

    def sendall(self, data):
        self.writes += 1
        self.bytes_in += len(data)
        for words in self.decoder.feed(data):
            words = [w.decode() for w in words]
            tag = [w for w in words if w.startswith(".tag=")]
            if words[0] == "/cancel":  # the cancelled command ends, then the /cancel
                target = [".tag=" + w[5:] for w in words if w.startswith("=tag=")]
                for reply in (["!trap", "=category=2", "=message=interrupted"] + target, ["!done"] + target):
                    self.out += encode_sentence(reply)
                    self.bytes_out += len(encode_sentence(reply))
            for reply in self.answer(words):
                data = encode_sentence(reply + tag)
                self.bytes_out += len(data)
                self.out += data

    @staticmethod
    def answer(words):
        if words[0] == "/ip/address/print":
            return [["!re", "=.id=*1", "=address=10.0.0.1/24"], ["!re", "=.id=*2", "=address=10.0.0.2/24"], ["!done"]]
        if words[0] == "/interface/print":
            return [["!empty"], ["!done"]]
        if words[0] == "/ppp/secret/add":
            return [["!trap", "=category=1", "=message=bad value %s for password" % CANARY], ["!done"]]
        if words[0] == "/ip/address/add":
            return [["!done", "=ret=*3"]]
        if words[0] == "/interface/monitor-traffic":
            return [["!re", "=rx-bits-per-second=%d" % n] for n in range(5)]
        return [["!done"]]

    def settimeout(self, seconds):
        pass

    def recv(self, n):
        if not self.out:
            raise RouterTimeout("nothing queued")
        data = bytes(self.out[:n])
        del self.out[:n]
        return data

    def close(self):
        pass


def observed():
    router = Router()
    session = Session(router, timeout=1)
    tele = T.Telemetry({"host": "r1", "task": "t", "task_uuid": "u1"})
    tele.attach(session)
    return router, session, tele


def test_counts_and_events_of_calls_pipelines_traps_and_streams():
    router, session, tele = observed()
    assert session.call("/ip/address", "print").rows
    session.pipeline([dict(path="/ip/address", command="print"), dict(path="/interface", command="print"),
                      dict(path="/ip/address", command="add", attributes={"address": "1.1.1.1/32"})])
    with pytest.raises(TrapError):
        session.call("/ppp/secret", "add", attributes={"name": "u", "password": CANARY})
    stream = session.send("/interface", "monitor-traffic", attributes={"interface": "ether1"})
    taken = []
    for row in stream:
        taken.append(row)
        if len(taken) == 2:
            break
    stream.cancel()
    tele.close()
    counts = tele.summary()
    # 6 commands of ours and the /cancel; 4 batches written (call, pipeline, call, send) and the /cancel
    assert counts["commands"] == 7 and counts["round_trips"] == 5 == router.writes
    assert counts["rows"] == 2 + 2 + 0 + 0 + 0 + 2
    assert counts["writes"] == 2  # the add and the trapped add; prints, monitor-traffic and /cancel only read
    assert counts["traps"] == 1 and counts["errors"] == 0 and counts["logins"] == 0
    assert counts["bytes_out"] == router.bytes_in and counts["bytes_in"] == router.bytes_out
    assert counts["wait_ms"] >= 0
    events = tele.events
    commands = [e for e in events if e["event"].startswith("command.")]
    assert [(e["path"], e["command"], e["outcome"]) for e in commands] == [
        ("/ip/address", "print", "done"), ("/ip/address", "print", "done"), ("/interface", "print", "empty"),
        ("/ip/address", "add", "done"), ("/ppp/secret", "add", "trap"), ("/interface", "monitor-traffic", "stopped"),
        ("/", "cancel", "sent")]
    trap = commands[4]
    assert trap["event"] == "command.exception" and trap["category"] == "1"
    assert trap["attributes"] == ["name", "password"] and CANARY not in json.dumps(events)
    assert trap["message"] == "bad value ******** for password"
    assert commands[3]["attributes"] == ["address"] and "1.1.1.1" not in json.dumps(events)
    assert all(e["host"] == "r1" and e["task"] == "t" and e["task_uuid"] == "u1" for e in events)
    assert events[-1]["event"] == "task.stop" and events[-1]["commands"] == 7
    # each event's bytes_out is the size of its sentence on the wire
    sizes = sum(e["bytes_out"] for e in commands)
    assert sizes == router.bytes_in
    assert session.observer is None  # detached by close()


def test_a_command_without_outcome_is_reported_at_close_and_counts_are_not_doubled():
    router, session, tele = observed()
    cmd = session.send("/ip/address", "print")
    assert cmd.result().rows and cmd.result().rows == []  # collected twice: one event
    session.send("/system/identity", "print")  # never collected
    tele.close()
    tele.close()
    outcomes = [e["outcome"] for e in tele.events if e["event"].startswith("command.")]
    assert outcomes == ["done", "unfinished"]
    assert [e["event"] for e in tele.events].count("task.stop") == 1


def test_logins_and_shown_lines():
    shown = []
    tele = T.Telemetry({"host": "r1"}, show=shown.append)
    tele.login(0.25, "r1:8728", "plain")
    tele.login(0.01, "r1:8728", fresh=False)
    tele.login(0.5, "r1:8728", error=RouterTimeout("no reply from r1:8728 to /login within 10s"))
    router = Router()
    session = tele.attach(Session(router, timeout=1))
    session.call("/ip/address", "print")
    assert tele.counts["logins"] == 1
    assert len(shown) == 1
    assert shown[0].startswith("ROUTEROS: /ip/address/print done, 2 rows, ") and shown[0].endswith(" ms")
    assert not tele.keep and tele.events == []  # shown, so not kept in memory


def test_describe_words_and_clean_message():
    path, command, names, queries, secrets = T.describe_words(
        ["/user/set", "=.id=*1", "=password=%s" % CANARY, "=comment=x", "?name=admin", "?#|"])
    assert (path, command, names, queries) == ("/user", "set", [".id", "password", "comment"], 2)
    assert secrets == [CANARY]
    assert T.clean_message("failed: %s and %sX" % (CANARY, CANARY), [CANARY, CANARY[:6]]) == \
        "failed: ******** and ********X"
    assert T.split_command("/cancel") == ("/", "cancel")
    for words in (["/ip/address/print"], ["/x", "=a=" + "b" * 200], ["/y", "=" + "c" * 20000, ".tag=7"]):
        assert T.sentence_size(words) == len(encode_sentence(words))


def test_aggregate_sums_task_records_per_host():
    records = [
        {"event": "task.stop", "host": "r1", "logins": 1, "commands": 7, "round_trips": 1, "rows": 16,
         "bytes_out": 600, "bytes_in": 2000, "wait_ms": 9.5, "writes": 0, "traps": 0, "errors": 0},
        {"event": "command.stop", "host": "r1", "rows": 99},  # not counted: the task record has it
        {"event": "task.stop", "host": "r1", "logins": 0, "commands": 3, "round_trips": 2, "rows": 1,
         "bytes_out": 100, "bytes_in": 50, "wait_ms": 0.5, "writes": 2, "traps": 1, "errors": 0},
        {"event": "task.stop", "host": "r2", "logins": 1, "commands": 1, "round_trips": 1, "rows": 0,
         "bytes_out": 10, "bytes_in": 5, "wait_ms": 1, "writes": 1, "traps": 0, "errors": 1, "extra": True},
        {"event": "task.stop", "host": "r2", "commands": "many", "rows": True},  # bad values are ignored
        "not a record",
    ]
    hosts = T.aggregate(records)
    assert hosts["r1"] == {"logins": 1, "commands": 10, "round_trips": 3, "rows": 17, "bytes_out": 700,
                           "bytes_in": 2050, "wait_ms": 10.0, "writes": 2, "traps": 1, "errors": 0, "tasks": 2}
    assert hosts["r2"]["commands"] == 1 and hosts["r2"]["tasks"] == 2 and hosts["r2"]["rows"] == 0
    line = T.format_counts("r1", hosts["r1"], 4)
    assert line == ("r1   : logins=1 commands=10 round_trips=3 rows=17 bytes=2750 (out 700, in 2050) wait=0.010s "
                    "writes=2 traps=1")
    assert "errors=1" in T.format_counts("r2", hosts["r2"])
    assert T.aggregate([]) == {}


def test_files_spool_and_environment(tmp_path, monkeypatch):
    path = tmp_path / "telemetry.jsonl"
    spool = tmp_path / "spool.jsonl"
    spool.write_text("")
    env = {T.ENV_SPOOL: str(spool), T.ENV_CONTEXT: json.dumps({
        "host": "r9", "task": "Gathering Facts", "path": str(path),
        "login": {"seconds": 0.2, "where": "r9:8728", "method": "plain", "fresh": True}})}
    tele = T.from_environment(env)
    session = tele.attach(Session(Router(), timeout=1))
    session.call("/ip/address", "print")
    tele.close()
    events = T.read_records(str(path))
    assert [e["event"] for e in events] == ["connection.stop", "command.stop", "task.stop"]
    assert all(e["host"] == "r9" and e["pid"] == os.getpid() for e in events)
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"
    (record,) = T.read_records(str(spool))
    assert record["event"] == "task.stop" and record["logins"] == 1 and record["commands"] == 1
    assert T.aggregate([record])["r9"]["rows"] == 2
    assert T.from_environment({}) is None
    with pytest.raises(UserInputError, match="cannot write the telemetry file .*telemetry_file"):
        T.from_environment({T.ENV_CONTEXT: json.dumps({"path": str(tmp_path / "no" / "such" / "dir.jsonl")})})


def test_telemetry_file_is_never_opened_through_a_link_or_onto_a_fifo(tmp_path):
    target = tmp_path / "someone-elses.log"
    target.write_text("theirs\n")
    link = tmp_path / "telemetry.jsonl"
    link.symlink_to(target)
    with pytest.raises(UserInputError, match="telemetry.jsonl .*symbolic link"):
        T.Telemetry({"host": "r1"}, path=str(link))
    assert target.read_text() == "theirs\n"
    fifo = tmp_path / "fifo.jsonl"
    os.mkfifo(str(fifo))
    with pytest.raises(UserInputError, match="fifo.jsonl .*not a regular file"):
        T.Telemetry({"host": "r1"}, path=str(fifo))


def test_telemetry_file_of_another_user_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "t.jsonl"
    path.write_text("")
    monkeypatch.setattr(os, "geteuid", lambda: os.stat(str(path)).st_uid + 1)
    with pytest.raises(UserInputError, match="belongs to another user"):
        T.Telemetry({"host": "r1"}, path=str(path))
    assert path.read_text() == ""


def test_trap_messages_in_telemetry_hide_every_secret_field_and_escaped_forms():
    path, command, names, queries, secrets = T.describe_words(["/interface/macsec/add", "=cak=C4K-VALUE", "=pin=9876"])
    assert sorted(secrets) == ["9876", "C4K-VALUE"]
    assert T.clean_message('bad "C4K-VALUE", pin 9876', secrets) == 'bad "********", pin ********'
    assert T.clean_message("value w\\C3\\A9rd", ["w\u00e9rd"]) == "value ********"
