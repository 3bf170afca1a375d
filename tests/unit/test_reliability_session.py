# -*- coding: utf-8 -*-
"""The session and the codec under bad replies and bad input (no sockets).

Each test here failed before the fix it names: garbage after complete sentences, an empty word with a
non-minimal prefix, a print that trickles rows forever, a !trap without !done, attribute names that are not
field names, text in a Windows code page, and an unbounded pipeline."""

from __future__ import annotations

import time

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import (
    ConnectionLost,
    RouterTimeout,
    TrapError,
    UserInputError,
)
from ansible_collections.tikops.routeros.plugins.module_utils.core.protocol import (
    FallbackText,
    InvalidName,
    ProtocolError,
    SentenceDecoder,
    check_attribute_name,
    command_words,
    decode_fallback,
    encode_sentence,
)
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import NotSent, Session


class Wire:
    """A transport: replies are queued bytes; ``recv`` gives all that is queued at once (one read), or acts as a
    timeout when nothing is. ``on_send(words)`` may queue replies; ``trickle`` makes every read wait a little and
    then deliver one more row for tag 1 (a print that never ends)."""

    where = "scripted:8728"

    def __init__(self, on_send=None, trickle=False):
        self.on_send = on_send
        self.trickle = trickle
        self.out = bytearray()
        self.decoder = SentenceDecoder()
        self.sent = []
        self.writes = 0
        self.closed = False

    def sendall(self, data):
        self.writes += 1
        for words in self.decoder.feed(data):
            self.sent.append(words)
            if self.on_send:
                self.on_send(self, words)

    def settimeout(self, seconds):
        pass

    def recv(self, n):
        if self.trickle:
            time.sleep(0.02)
            return encode_sentence([b"!re", b".tag=1", b"=name=row"])
        if not self.out:
            raise RouterTimeout("nothing queued")
        data = bytes(self.out)
        del self.out[:]
        return data

    def close(self):
        self.closed = True


def tag(words):
    return [w for w in words if w.startswith(b".tag=")][0][5:]


# -- 2. sentences before garbage are delivered ------------------------------------------------------------


def test_decoder_error_carries_the_sentences_before_the_garbage():
    data = encode_sentence(["!done", ".tag=1"]) + encode_sentence(["!done", ".tag=2"]) + b"\xf8garbage"
    with pytest.raises(ProtocolError) as info:
        SentenceDecoder().feed(data)
    assert info.value.sentences == [[b"!done", b".tag=1"], [b"!done", b".tag=2"]]
    assert "0xF8" in str(info.value)


def test_replies_complete_before_garbage_in_one_read_count():
    wire = Wire()
    s = Session(wire, timeout=1)
    first = s.send("/ip/address", "add", attributes={"address": "192.0.2.1/24"})
    second = s.send("/ip/address", "add", attributes={"address": "192.0.2.2/24"})
    third = s.send("/ip/address", "add", attributes={"address": "192.0.2.3/24"})
    wire.out += encode_sentence(["!done", ".tag=%s" % first.tag, "=ret=*1"])
    wire.out += encode_sentence(["!done", ".tag=%s" % second.tag, "=ret=*2"]) + b"\xff\xff\xff"
    assert first.result().ret == "*1"
    assert second.result().ret == "*2"  # it arrived before the garbage: it counts
    with pytest.raises(ConnectionLost, match="not RouterOS API"):
        third.result()
    assert s.closed


# -- 3. an empty word with a non-minimal length prefix ----------------------------------------------------


@pytest.mark.parametrize("prefix", [b"\x80\x00", b"\xc0\x00\x00", b"\xe0\x00\x00\x00", b"\xf0\x00\x00\x00\x00"])
def test_empty_word_with_a_long_prefix_is_a_protocol_error(prefix):
    with pytest.raises(ProtocolError, match="empty word"):
        SentenceDecoder().feed(b"\x03!re" + prefix + b"\x00")
    wire = Wire()
    s = Session(wire, timeout=1)
    cmd = s.send("/interface", "print")
    wire.out += b"\x03!re" + prefix + b"\x06.tag=1\x00"
    with pytest.raises(ConnectionLost, match="empty word"):
        cmd.result()


# -- 4. an overall deadline per command ------------------------------------------------------------------


def test_rows_that_keep_trickling_hit_the_overall_deadline():
    s = Session(Wire(trickle=True), timeout=0.3)
    cmd = s.send("/log", "print")
    with pytest.raises(RouterTimeout) as info:
        cmd.result()
    text = str(info.value)
    assert "rows kept arriving" in text and "0.3s" in text and "no !done" in text and "/log/print" in text


def test_streaming_a_command_is_not_bounded_by_the_overall_deadline():
    s = Session(Wire(trickle=True), timeout=0.05)
    rows = iter(s.send("/interface", "listen"))
    got = [next(rows) for dummy in range(10)]  # each row comes within the per-read timeout: no error
    assert got[-1] == {"name": "row"}


# -- 5. a !trap without !done ----------------------------------------------------------------------------


def test_trap_without_done_keeps_its_message_in_the_timeout():
    wire = Wire()
    s = Session(wire, timeout=0.2)
    cmd = s.send("/ip/address", "add", attributes={"address": "x"})
    wire.out += encode_sentence(["!trap", ".tag=%s" % cmd.tag, "=message=invalid value for argument address"])
    with pytest.raises(RouterTimeout) as info:
        cmd.result()
    assert "invalid value for argument address" in str(info.value) and "no !done" in str(info.value)


# -- 6. attribute names ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["name=evil", "", "Name", "comment ", "a..b", "-x", "na\x00me", "é"])
def test_bad_attribute_names_fail_before_anything_is_sent(name):
    with pytest.raises(InvalidName):
        command_words("/ip/address", "add", {name: "x"})
    wire = Wire()
    s = Session(wire, timeout=1)
    with pytest.raises(UserInputError) as info:
        s.send("/ip/address", "add", attributes={name: "x"})
    assert repr(name) in str(info.value)
    with pytest.raises(UserInputError):
        s.pipeline([dict(path="/ip/address", command="add", attributes={"address": "192.0.2.1"}),
                    dict(path="/ip/address", command="add", attributes={name: "x"})])
    with pytest.raises(UserInputError):
        s.send("/ip/address", "print", proplist=["address", name])
    assert wire.sent == [] and not s.outstanding


@pytest.mark.parametrize("name", [".id", ".proplist", "mac-address", "channel.width", "bcast.l1.metric",
                                  "basic-rates-a/g", "802.3-sap", "numbers", "value-name"])
def test_routeros_field_names_pass(name):
    assert check_attribute_name(name) == name


# -- 7. text that is not UTF-8 ---------------------------------------------------------------------------


def test_cp1252_text_is_read_with_the_fallback_and_named_once():
    wire = Wire()
    s = Session(wire, timeout=1)
    comment = "café – naïve".encode("cp1252")
    for dummy in range(2):
        cmd = s.send("/ip/address", "print")
        t = cmd.tag.encode()
        wire.out += encode_sentence([b"!re", b".tag=" + t, b"=.id=*7", b"=address=192.0.2.1/24", b"=comment=" + comment])
        wire.out += encode_sentence([b"!re", b".tag=" + t, b"=.id=*8", b"=address=192.0.2.2/24", b"=comment=plain"])
        wire.out += encode_sentence([b"!done", b".tag=" + t])
        rows = cmd.result().rows
    assert rows[0]["comment"] == "café – naïve" and rows[1]["comment"] == "plain"
    assert isinstance(rows[0]["comment"], FallbackText) and rows[0]["comment"].raw == comment
    warnings = s.take_warnings()
    assert len(warnings) == 1 and "*7" in warnings[0] and "comment" in warnings[0] and "cp1252" in warnings[0]
    assert s.take_warnings() == []


def test_a_value_read_with_the_fallback_is_written_back_as_the_routers_bytes():
    raw = b"Z\xfcrich \x81"  # 0x81 is undefined in cp1252: latin-1 takes over
    value = decode_fallback(raw, "cp1252")
    assert value.encoding == "latin-1" and value.raw == raw
    words = command_words("/ip/address", "set", {".id": "*7", "comment": value})
    assert words[-1] == b"=comment=" + raw
    wire = Wire()
    s = Session(wire, timeout=1)
    s.send("/ip/address", "set", attributes={".id": "*7", "comment": value})
    assert wire.sent[0][2] == b"=comment=" + raw


def test_a_repeated_name_after_an_odd_value_is_fine():
    # found by tests/unit/test_reliability_fuzz.py: the second, valid word of the same name replaced the first
    wire = Wire()
    s = Session(wire, timeout=1)
    cmd = s.send("/x", "print")
    wire.out += encode_sentence([b"!re", b".tag=1", b"=name=\x80", b"=name="]) + encode_sentence([b"!done", b".tag=1"])
    assert cmd.result().rows == [{"name": ""}]
    assert len(s.take_warnings()) == 1


def test_strict_decoding_is_still_available():
    from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import DecodeError

    wire = Wire()
    s = Session(wire, timeout=1, fallback_encoding=None)
    cmd = s.send("/ip/address", "print")
    wire.out += encode_sentence([b"!re", b".tag=1", b"=comment=caf\xe9"]) + encode_sentence([b"!done", b".tag=1"])
    with pytest.raises(DecodeError):
        cmd.result()


# -- 9. a bounded pipeline -------------------------------------------------------------------------------


def answer_all(wire, words):
    wire.out += encode_sentence([b"!done", b".tag=" + tag(words), b"=ret=*" + tag(words)])


def test_pipeline_keeps_at_most_max_in_flight_outstanding():
    seen = []

    def router(wire, words):
        seen.append(len(s.outstanding))
        answer_all(wire, words)

    wire = Wire(router)
    s = Session(wire, timeout=1, max_in_flight=32)
    specs = [dict(path="/ip/address", command="add", attributes={"address": "10.0.%d.%d" % divmod(i, 250)})
             for i in range(1000)]
    results = s.pipeline(specs)
    assert [r.ret for r in results] == ["*%d" % (i + 1) for i in range(1000)]
    assert max(seen) <= 32
    # groups of half the window after the first: a few tens of writes, not 1000 and not one
    assert 10 < wire.writes < 100
    assert Session(Wire(), max_in_flight=1).max_in_flight == 1


def test_pipeline_outcomes_keep_replies_and_mark_the_rest():
    def router(wire, words):
        if int(tag(words)) <= 3:
            answer_all(wire, words)
        elif int(tag(words)) == 4:
            wire.out += encode_sentence([b"!trap", b".tag=4", b"=message=failure: already have such address"])
            wire.out += encode_sentence([b"!done", b".tag=4"])
        else:
            wire.out += b"\xf9"  # garbage instead of the fifth reply

    wire = Wire(router)
    s = Session(wire, timeout=0.5, max_in_flight=6)
    specs = [dict(path="/ip/address", command="add", attributes={"address": "192.0.2.%d" % i}) for i in range(10)]
    out = s.pipeline_outcomes(specs)
    assert [r.ret for r in out[:3]] == ["*1", "*2", "*3"]
    assert isinstance(out[3], TrapError)
    sent = len(wire.sent)
    assert 6 <= sent < 10  # the window, and a refill before the garbage; never all ten
    assert all(isinstance(r, ConnectionLost) for r in out[4:sent])  # sent, no reply: outcome unknown
    assert all(isinstance(r, NotSent) for r in out[sent:])  # never sent: no effect
    assert s.closed
