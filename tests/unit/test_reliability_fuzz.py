# -*- coding: utf-8 -*-
"""Fuzzing the codec, reply parsing and reply routing with hypothesis.

Example counts are bounded so the suite stays fast (``TIKOPS_FUZZ_EXAMPLES``, default 100 per test);
``tools/reliability_figures.py`` runs the same tests with more and prints how many inputs each tried
(``TRIED``), for docs/reliability.md. The invariant everywhere: bad bytes from a router end in a
:class:`ProtocolError` or a :class:`RouterOSError` naming what was wrong, never in another exception."""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import RouterOSError, UserInputError
from ansible_collections.tikops.routeros.plugins.module_utils.core.protocol import (
    InvalidName,
    ProtocolError,
    SentenceDecoder,
    check_attribute_name,
    command_words,
    encode_sentence,
    parse_reply,
)
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session

EXAMPLES = int(os.environ.get("TIKOPS_FUZZ_EXAMPLES", "100"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
TRIED = {}


def tried(name):
    TRIED[name] = TRIED.get(name, 0) + 1


REPLY_WORDS = [b"!re", b"!done", b"!trap", b"!fatal", b"!empty", b"!x"]
word_st = st.one_of(
    st.sampled_from(REPLY_WORDS),
    st.builds(lambda t: b".tag=" + t, st.sampled_from([b"1", b"2", b"3", b"", b"99", b"\xff"])),
    st.builds(lambda n, v: b"=" + n + b"=" + v, st.sampled_from([b"name", b"message", b"category", b"ret", b".id",
                                                                 b"", b"\xfe", b"a=b"]),
              st.binary(max_size=20)),
    st.binary(min_size=1, max_size=30),
)
sentence_st = st.lists(word_st, min_size=1, max_size=8)


def _split(data, cuts):
    points = sorted(set(c % (len(data) + 1) for c in cuts))
    chunks, last = [], 0
    for point in points + [len(data)]:
        chunks.append(data[last:point])
        last = point
    return chunks


def _decode_all(chunks):
    decoder = SentenceDecoder(max_word=4096)
    out = []
    for chunk in chunks:
        try:
            out.extend(decoder.feed(chunk))
        except ProtocolError as exc:
            out.extend(exc.sentences)
            return out, str(exc)
    return out, None


@FUZZ
@given(data=st.binary(max_size=300), cuts=st.lists(st.integers(min_value=0, max_value=400), max_size=8))
def test_decoder_takes_any_bytes_in_any_chunks(data, cuts):
    tried("decoder: arbitrary bytes, arbitrary chunking")
    whole, error = _decode_all([data])
    parts, part_error = _decode_all(_split(data, cuts))
    # the same sentences whatever the chunking, and an error (or none) alike
    assert parts == whole and (error is None) == (part_error is None)
    for sentence in whole:
        assert sentence and all(isinstance(w, bytes) and w for w in sentence)


@FUZZ
@given(sentences=st.lists(st.lists(st.binary(min_size=1, max_size=200), min_size=1, max_size=6), max_size=6),
       garbage=st.binary(min_size=1, max_size=12), cuts=st.lists(st.integers(min_value=0, max_value=2000), max_size=5))
def test_sentences_before_garbage_are_never_lost(sentences, garbage, cuts):
    tried("decoder: valid sentences then garbage")
    data = b"".join(encode_sentence(s) for s in sentences)
    got, error = _decode_all(_split(data + garbage, cuts))
    assert got[:len(sentences)] == sentences


@FUZZ
@given(words=sentence_st)
def test_parse_reply_raises_only_protocol_errors(words):
    tried("parse_reply: arbitrary words")
    for fallback in (None, "cp1252"):
        try:
            reply = parse_reply(words, "utf-8", fallback=fallback)
        except ProtocolError:
            continue
        assert isinstance(reply.attrs, dict) and isinstance(reply.extra, list)


class Feed:
    """A transport that gives ``data`` in ``chunks`` and then reports end of stream."""

    where = "fuzz:8728"

    def __init__(self, chunks):
        self.chunks = list(chunks)

    def sendall(self, data):
        pass

    def settimeout(self, seconds):
        pass

    def recv(self, n):
        return self.chunks.pop(0) if self.chunks else b""

    def close(self):
        pass


@FUZZ
@example(sentences=[[b"!re", b".tag=1", b"=name=\x80", b"=name="]], tail=b"", cuts=[], raw=False)  # a bug it found
@given(sentences=st.lists(sentence_st, max_size=8), tail=st.binary(max_size=10),
       cuts=st.lists(st.integers(min_value=0, max_value=600), max_size=5), raw=st.booleans())
def test_session_routes_any_replies_without_crashing(sentences, tail, cuts, raw):
    tried("session: arbitrary reply sentences to 3 outstanding commands")
    data = b"".join(encode_sentence(s) for s in sentences) + tail
    session = Session(Feed(_split(data, cuts)), timeout=1)
    cmds = [session.send("/x", "print", raw=raw) for dummy in range(3)]
    for cmd in cmds:
        try:
            result = cmd.result()
        except (RouterOSError, ProtocolError):
            continue
        assert isinstance(result.rows, list) and isinstance(result.done, dict)


NAME = re.compile(r"^\.?[a-z0-9][a-z0-9/-]*(\.[a-z0-9][a-z0-9/-]*)*$")


@FUZZ
@given(name=st.one_of(st.text(max_size=10), st.text(alphabet="az09-/.=A _\u00e9", max_size=12)), value=st.text(max_size=8))
def test_attribute_names_follow_the_rule(name, value):
    tried("attribute names: arbitrary text")
    try:
        words = command_words("/ip/address", "add", {name: value})
    except InvalidName:
        assert not NAME.match(name) or "=" in name
        try:
            Session(Feed([]), timeout=1).send("/ip/address", "add", attributes={name: value})
        except UserInputError as exc:
            assert repr(name) in str(exc)
        return
    assert NAME.match(name) and check_attribute_name(name) == name
    assert words[1] == "=%s=%s" % (name, value)
