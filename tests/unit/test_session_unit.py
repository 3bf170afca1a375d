# -*- coding: utf-8 -*-
"""Session logic against an in-memory scripted router (no sockets). Wire behaviour is in tests/wire."""

from __future__ import annotations

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import (
    ConnectionLost,
    DecodeError,
    FatalError,
    LoginError,
    RouterTimeout,
    TrapError,
    UserInputError,
)
from ansible_collections.tikops.routeros.plugins.module_utils.core.protocol import SentenceDecoder, encode_sentence
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import (
    Session,
    is_final,
    login_flow,
    md5_response,
)


class ScriptedTransport:
    """A transport whose 'router' is a Python function: handler(words) -> list of reply sentences.

    Replies are queued as bytes; recv hands them out ``chunk`` bytes at a time. When nothing is queued, recv
    acts like a socket timeout (RouterTimeout), or returns b"" once ``eof`` is set.
    """

    where = "scripted:8728"

    def __init__(self, handler, chunk=7):
        self.handler = handler
        self.chunk = chunk
        self.out = bytearray()
        self.decoder = SentenceDecoder()
        self.sent = []
        self.eof = False
        self.closed = False
        self.timeouts = []

    def push(self, *sentences):
        for s in sentences:
            self.out += encode_sentence(s)

    def sendall(self, data):
        for words in self.decoder.feed(data):
            words = [w.decode() for w in words]
            self.sent.append(words)
            for reply in self.handler(words) or ():
                self.push(reply)

    def settimeout(self, seconds):
        self.timeouts.append(seconds)

    def recv(self, n):
        if not self.out:
            if self.eof:
                return b""
            raise RouterTimeout("nothing queued")
        size = min(n, self.chunk)
        data = bytes(self.out[:size])
        del self.out[:size]
        return data

    def close(self):
        self.closed = True


def tag_of(words):
    for w in words:
        if w.startswith(".tag="):
            return w[5:]
    return None


def simple_router(words):
    tag = tag_of(words)
    t = [".tag=" + tag] if tag else []
    if words[0] == "/ip/address/print":
        return [["!re"] + t + ["=.id=*1", "=address=10.0.0.1/24"], ["!re"] + t + ["=.id=*2", "=address=10.0.0.2/24"],
                ["!done"] + t]
    if words[0] == "/interface/print":
        return [["!empty"] + t, ["!done"] + t]
    if words[0] == "/bad":
        return [["!trap"] + t + ["=category=0", "=message=no such command"], ["!trap"] + t + ["=message=second"],
                ["!done"] + t]
    if words[0] == "/ip/address/add":
        return [["!done"] + t + ["=ret=*3"]]
    if words[0] == "/odd":
        return [["!newword"] + t + ["=x=1"], ["!re"] + t + ["=a=b=c", "=empty="], ["!done"] + t]
    if words[0] == "/quit":
        return [["!fatal", "session terminated on request"]]
    return []


def test_collect_stream_empty_ret_and_unknown_words():
    tr = ScriptedTransport(simple_router)
    s = Session(tr, timeout=1)
    res = s.call("/ip/address", "print")
    assert res.rows == [{".id": "*1", "address": "10.0.0.1/24"}, {".id": "*2", "address": "10.0.0.2/24"}]
    assert res.empty is False and res.done == {}
    assert list(s.send("/ip/address/print")) == res.rows
    empty = s.call("/interface", "print")
    assert empty.rows == [] and empty.empty is True
    assert s.call("/ip/address", "add", attributes={"address": "1.1.1.1/32"}).ret == "*3"
    assert s.call("/odd").rows == [{"a": "b=c", "empty": ""}]


def test_tags_are_counters_and_routing_interleaves():
    tr = ScriptedTransport(lambda w: None)
    s = Session(tr, timeout=1)
    a = s.send("/a")
    b = s.send("/b")
    assert (a.tag, b.tag) == ("1", "2")
    tr.push(["!re", ".tag=2", "=n=b1"], ["!re", "=n=a1", ".tag=1"], ["!done", ".tag=2"], ["!re", ".tag=1", "=n=a2"],
            ["!done", ".tag=1"])
    assert b.result().rows == [{"n": "b1"}]
    assert a.result().rows == [{"n": "a1"}, {"n": "a2"}]
    assert s.outstanding == []


def test_trap_is_isolated_to_its_command():
    tr = ScriptedTransport(simple_router)
    s = Session(tr, timeout=1)
    bad = s.send("/bad")
    good = s.send("/ip/address/print")
    with pytest.raises(TrapError) as info:
        bad.result()
    assert info.value.message == "no such command" and info.value.category == "0"
    assert [t["message"] for t in info.value.traps] == ["no such command", "second"]
    assert len(good.result().rows) == 2


def test_pipeline_one_write_and_trap_modes():
    tr = ScriptedTransport(simple_router)
    s = Session(tr, timeout=1)
    sent_before = len(tr.sent)
    results = s.pipeline([dict(path="/ip/address", command="print"), dict(path="/bad"),
                          dict(path="/interface", command="print")], raise_on_trap=False)
    assert len(tr.sent) - sent_before == 3
    assert len(results[0].rows) == 2 and isinstance(results[1], TrapError) and results[2].empty
    with pytest.raises(TrapError):
        s.pipeline([dict(path="/bad"), dict(path="/ip/address", command="print")])
    assert s.outstanding == []


def test_fatal_fails_all_outstanding_and_closes():
    tr = ScriptedTransport(lambda w: None)
    s = Session(tr, timeout=1)
    a = s.send("/listen")
    q = s.send("/quit")
    tr.push(["!fatal", "session terminated on request"])
    with pytest.raises(FatalError) as info:
        q.result()
    assert info.value.reason == "session terminated on request"
    with pytest.raises(FatalError):
        a.result()
    assert tr.closed and s.closed
    with pytest.raises(FatalError):
        s.send("/x")


def test_cancel_absorbs_late_sentences():
    tr = ScriptedTransport(lambda w: None)
    s = Session(tr, timeout=1)
    listen = s.send("/interface/listen")
    tr.push(["!re", ".tag=1", "=name=ether1"])
    it = iter(listen)
    assert next(it) == {"name": "ether1"}
    listen.cancel(wait=False)
    assert tr.sent[-1] == ["/cancel", "=tag=1", ".tag=2"]
    tr.push(["!trap", ".tag=1", "=category=2", "=message=interrupted"], ["!done", ".tag=2"], ["!empty", ".tag=1"],
            ["!done", ".tag=1"])
    assert list(it) == []
    assert listen.finished


def test_timeout_names_command_and_session_survives():
    tr = ScriptedTransport(lambda w: None)
    s = Session(tr, timeout=0.2)
    cmd = s.send("/tool/sniffer/packet/print", timeout=0.1)
    with pytest.raises(RouterTimeout) as info:
        cmd.result()
    assert "/tool/sniffer/packet/print" in str(info.value) and "0.1" in str(info.value)
    tr.push(["!done", ".tag=1"])
    assert cmd.result().rows == []


def test_eof_is_connection_lost():
    tr = ScriptedTransport(lambda w: None)
    s = Session(tr, timeout=1)
    cmd = s.send("/x")
    tr.eof = True
    with pytest.raises(ConnectionLost) as info:
        cmd.result()
    assert "/x" in str(info.value)


def test_decode_error_names_word_and_raw_mode():
    tr = ScriptedTransport(lambda w: None)
    s = Session(tr, timeout=1, fallback_encoding=None)
    cmd = s.send("/file/print")
    tr.out += encode_sentence([b"!re", b".tag=1", b"=contents=\xff\xfe"]) + encode_sentence([b"!done", b".tag=1"])
    with pytest.raises(DecodeError) as info:
        cmd.result()
    assert info.value.word == b"=contents=\xff\xfe"
    raw = s.send("/file/print", raw=True)
    tr.out += encode_sentence([b"!re", b".tag=2", b"=contents=\xff\xfe"]) + encode_sentence([b"!done", b".tag=2"])
    assert raw.result().rows == [{"contents": b"\xff\xfe"}]


def test_other_encoding():
    tr = ScriptedTransport(lambda w: None)
    s = Session(tr, encoding="cp1250", timeout=1)
    cmd = s.send("/x")
    tr.out += encode_sentence([b"!re", b".tag=1", "=comment=Žluť".encode("cp1250")]) + encode_sentence([b"!done", b".tag=1"])
    assert cmd.result().rows == [{"comment": "Žluť"}]


def test_send_words_keeps_given_tag_and_adds_one_otherwise():
    tr = ScriptedTransport(simple_router)
    s = Session(tr, timeout=1)
    assert len(s.send_words(["/ip/address/print", ".tag=zz"]).result().rows) == 2
    assert tr.sent[-1][-1] == ".tag=zz"
    assert len(s.send_words(["/ip/address/print"]).result().rows) == 2
    assert tr.sent[-1][-1] == ".tag=1"


# -- login -----------------------------------------------------------------------------------------------


def make_login_router(version_old=False, password="secret", challenge="93b438ec9b80057c06dd9fe67d56aa9a"):
    def handler(words):
        if words[0] != "/login":
            return []
        attrs = dict(w[1:].split("=", 1) for w in words[1:] if w.startswith("="))
        if "response" in attrs:
            if attrs["response"] == md5_response(password, challenge):
                return [["!done"]]
            return [["!trap", "=message=cannot log in"], ["!done"]]
        if version_old or "password" not in attrs:
            return [["!done", "=ret=" + challenge]]
        if attrs["password"] == password:
            return [["!done"]]
        return [["!trap", "=message=invalid user name or password (6)"], ["!done"]]
    return handler


@pytest.mark.parametrize("old", [False, True])
def test_login_plain_and_md5_fallback(old):
    tr = ScriptedTransport(make_login_router(version_old=old))
    s = Session(tr, timeout=1)
    assert s.login("admin", "secret") == ("md5" if old else "plain")
    assert len(tr.sent) == (2 if old else 1)


@pytest.mark.parametrize("old", [False, True])
def test_login_failure_never_shows_password(old):
    tr = ScriptedTransport(make_login_router(version_old=old))
    s = Session(tr, timeout=1)
    with pytest.raises(LoginError) as info:
        s.login("admin", "hunter2-wrong")
    assert "hunter2" not in str(info.value)
    assert "admin" in str(info.value) and "scripted:8728" in str(info.value)
    assert ("cannot log in" if old else "invalid user name or password") in str(info.value)


def test_login_methods_plain_refuses_challenge_and_md5_asks_first():
    s = Session(ScriptedTransport(make_login_router(version_old=True)), timeout=1)
    with pytest.raises(LoginError, match="MD5"):
        s.login("admin", "secret", method="plain")
    tr = ScriptedTransport(make_login_router())
    assert Session(tr, timeout=1).login("admin", "secret", method="md5") == "md5"
    assert tr.sent[0] == ["/login"]


def test_login_flow_is_sans_io():
    flow = login_flow("admin", "", "auto")
    assert next(flow) == ["/login", "=name=admin", "=password="]
    words = flow.send([[b"!done", b"=ret=93b438ec9b80057c06dd9fe67d56aa9a"]])
    assert words == ["/login", "=name=admin", "=response=00e134102a9d330dd7b1849fedfea3cb57"]
    with pytest.raises(StopIteration) as stop:
        flow.send([[b"!done"]])
    assert stop.value.value == "md5"
    assert is_final([b"!done"]) and is_final([b"!fatal", b"x"]) and not is_final([b"!trap"])
    flow = login_flow("admin", "pw")
    next(flow)
    with pytest.raises(LoginError, match="ended the session"):
        flow.send([[b"!fatal", b"not logged in"]])


# -- sending, raw replies, cancel (found by the issue-2 audit) ------------------------------------------------


def test_send_sets_the_session_timeout_not_what_the_last_read_left():
    tr = ScriptedTransport(lambda w: None)
    s = Session(tr, timeout=7)
    with pytest.raises(RouterTimeout):
        s.send("/slow", timeout=0.01).result()
    tr.timeouts.clear()
    s.send("/next")
    assert tr.timeouts == [7.0]  # set before sendall, so a big write is not cut short by a 10 ms read limit


def test_a_sentence_that_cannot_be_framed_registers_nothing_and_hides_secrets():
    tr = ScriptedTransport(simple_router)
    s = Session(tr, timeout=1)
    with pytest.raises(UserInputError) as info:
        s.send("/user", "add", attributes={"name": "u", "password": "TOPSECRET"}, queries=[""])
    assert "TOPSECRET" not in str(info.value) and "/user/add" in str(info.value)
    with pytest.raises(UserInputError) as info:
        s.send("/user", "add", attributes={"password": "TOPSECRET\udcff"})
    assert "TOPSECRET" not in str(info.value) and "password" in str(info.value)
    with pytest.raises(UserInputError):
        s.pipeline([dict(path="/ip/address", command="print"), dict(words=["/x", ""])])
    assert s.outstanding == [] and tr.sent == []
    assert s.call("/ip/address", "print").rows  # the session is still fine


def test_a_password_the_encoding_cannot_write_is_a_login_error_without_the_password():
    tr = ScriptedTransport(lambda w: [["!done"]])
    s = Session(tr, encoding="ascii", timeout=1)
    with pytest.raises(LoginError) as info:
        s.login("admin", "pässwörd")
    assert "pässwörd" not in str(info.value) and "ascii" in str(info.value)


def test_raw_commands_keep_done_and_trap_values_as_bytes():
    tr = ScriptedTransport(lambda words: None)
    s = Session(tr, timeout=1, fallback_encoding=None)
    cmd = s.send("/execute", raw=True)
    tr.out += encode_sentence([b"!done", (".tag=%s" % cmd.tag).encode(), b"=ret=caf\xe9"])
    assert cmd.result().done == {"ret": b"caf\xe9"}
    text = s.send("/execute")
    tr.out += encode_sentence([b"!done", (".tag=%s" % text.tag).encode(), b"=ret=caf\xe9"])
    with pytest.raises(DecodeError):
        text.result()
    bad = s.send("/bad", raw=True)
    tr.out += encode_sentence([b"!trap", (".tag=%s" % bad.tag).encode(), b"=message=bad", b"=category=1"])
    tr.out += encode_sentence([b"!done", (".tag=%s" % bad.tag).encode()])
    with pytest.raises(TrapError) as info:
        bad.result()
    assert info.value.message == "bad" and info.value.category == "1"


def test_rows_that_follow_a_cancel_are_absorbed():
    tr = ScriptedTransport(lambda w: None)
    s = Session(tr, timeout=1)
    listen = s.send("/interface/listen")
    tr.push(["!re", ".tag=1", "=name=before"])
    rows = iter(listen)
    assert next(rows) == {"name": "before"}
    listen.cancel(wait=False)
    # the router had these on the wire already, then answers the cancel (its trap has no category here)
    tr.push(["!re", ".tag=1", "=name=late"], ["!trap", ".tag=1", "=message=interrupted"], ["!done", ".tag=2"],
            ["!done", ".tag=1"])
    assert list(rows) == []
    assert listen.finished and listen.traps == []


def test_fatal_with_an_undecodable_word_still_fails_the_session():
    tr = ScriptedTransport(lambda w: None)
    s = Session(tr, timeout=1)
    cmd = s.send("/x")
    tr.out += encode_sentence([b"!fatal", b"bye \xff", b".tag=\xff"])
    with pytest.raises(FatalError) as info:
        cmd.result()
    assert "bye \\xff" in str(info.value) and s.closed
