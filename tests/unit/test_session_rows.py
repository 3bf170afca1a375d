# -*- coding: utf-8 -*-
"""Rows read by the session (the ASCII fast path of Session._dispatch and the word-by-word path) are exactly what
parse_reply reads from the same words: any names and values, short and long words, text that is not ASCII,
words without a second '=', words that are not attributes, any chunking."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import DecodeError
from ansible_collections.tikops.routeros.plugins.module_utils.core.protocol import encode_sentence, parse_reply
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session


class Chunks:
    """A transport whose reads hand out ``data`` in pieces of the given sizes."""

    where = "scripted:8728"

    def __init__(self, data, sizes):
        self.data = data
        self.sizes = sizes
        self.reads = 0

    def settimeout(self, seconds):
        pass

    def sendall(self, data):
        pass

    def recv(self, n):
        size = self.sizes[self.reads % len(self.sizes)]
        self.reads += 1
        piece, self.data = self.data[:size], self.data[size:]
        return piece

    def close(self):
        pass


value_st = st.one_of(st.sampled_from(["", "true", "false", "x=y", "==", "a\x00b", "\x03!re"]),
                     st.text(max_size=20), st.text(alphabet="ab=\x01", min_size=100, max_size=200),
                     st.text(alphabet="é€ab", max_size=5))
name_st = st.one_of(st.sampled_from([".id", "address", "comment", "", "x"]), st.text(alphabet="ab-.", max_size=4))
word_st = st.one_of(st.tuples(name_st, value_st).map(lambda nv: "=%s=%s" % nv),
                    name_st.map(lambda n: "=" + n),
                    st.sampled_from(["bare", ".proplist", "=", "!re"]))
row_st = st.lists(word_st, max_size=8)


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(row_st, min_size=1, max_size=12), where=st.integers(min_value=1, max_value=3),
       sizes=st.lists(st.integers(min_value=1, max_value=300), min_size=1, max_size=5),
       encoding=st.sampled_from(["utf-8", "cp1252"]))
def test_rows_are_what_parse_reply_reads(rows, where, sizes, encoding):
    _read_as_parse_reply_reads(rows, where, sizes, encoding)


# Rows that mostly repeat the row before (as a print's rows do), each with its own values, sometimes a field left
# out, two swapped, a name that begins like another, a word without a value, or a value with "=" in it: the session
# finds each attribute where the row before had it, and must read every such row as parse_reply does.
_layout_name = st.sampled_from(["address", "address-list", "addres", ".id", "comment", "a", "x=y", ""])
_layout_value = st.sampled_from(["", "1", "true", "10.0.0.1", "a=b", "=", "address=1", "é"])


@st.composite
def _similar_rows(draw):
    base = draw(st.lists(_layout_name, min_size=1, max_size=6))
    rows = []
    for dummy in range(draw(st.integers(min_value=1, max_value=10))):
        names = list(base)
        edit = draw(st.sampled_from(["same", "same", "same", "drop", "swap", "bare", "extra"]))
        at = draw(st.integers(min_value=0, max_value=len(names) - 1))
        if edit == "drop":
            del names[at]
        elif edit == "swap":
            names[at], names[-1] = names[-1], names[at]
        elif edit == "extra":
            names.insert(at, draw(_layout_name))
        words = ["=%s=%s" % (n, draw(_layout_value)) for n in names]
        if edit == "bare" and words:
            words[at] = "=" + names[at]
        rows.append(words)
    return rows


@settings(max_examples=200, deadline=None)
@given(rows=_similar_rows(), sizes=st.lists(st.integers(min_value=1, max_value=300), min_size=1, max_size=3),
       encoding=st.sampled_from(["utf-8", "cp1252"]))
def test_rows_like_the_row_before_are_what_parse_reply_reads(rows, sizes, encoding):
    _read_as_parse_reply_reads(rows, 1, sizes, encoding)


def _read_as_parse_reply_reads(rows, where, sizes, encoding):
    session = Session(Chunks(b"", [1]), encoding=encoding, timeout=1, fallback_encoding=None)
    cmd = session.send("/ip/address", "print")
    tag = ".tag=" + cmd.tag
    sentences = []
    for words in rows:
        words = list(words)
        words.insert(min(where - 1, len(words)), tag)  # the tag first (as routers send it), or among the words
        sentences.append(["!re"] + words)
    sentences.append(["!done", tag])
    encoded = [[w.encode(encoding, "replace") for w in s] for s in sentences]
    session.transport = Chunks(b"".join(encode_sentence(s) for s in encoded), sizes)
    got = []
    while not cmd.finished:
        session._wait(cmd)
        got.extend(cmd._rows)
        cmd._rows.clear()
    want = []
    for words in encoded[:-1]:
        try:
            want.append(parse_reply(words, encoding).attrs)
        except DecodeError as exc:
            want.append(("DecodeError", exc.word))
    assert [("DecodeError", r.word) if isinstance(r, DecodeError) else r for r in got] == want
    assert [list(r) for r in got if isinstance(r, dict)] == [list(r) for r in want if isinstance(r, dict)]  # same order


def test_rows_share_names_and_common_values():
    session = Session(Chunks(b"", [1]), timeout=1)
    cmd = session.send("/ip/address", "print")
    tag = ".tag=" + cmd.tag
    data = b"".join(encode_sentence(["!re", tag, "=.id=*%d" % i, "=disabled=" + "false", "=comment=c%d" % i]) for i in range(3))
    session.transport = Chunks(data + encode_sentence(["!done", tag]), [len(data) + 10])
    rows = cmd.result().rows
    assert [r["comment"] for r in rows] == ["c0", "c1", "c2"]
    assert len(set(id(r["disabled"]) for r in rows)) == 1
    assert len(set(id(k) for r in rows for k in r if k == "comment")) == 1
