# -*- coding: utf-8 -*-
"""SentenceSplitter (the one walker of the length prefixes) and SentenceDecoder (the splitter with each sentence cut
into words) against the previous word-by-word decoder (support/reference_decoder.py, the oracle): the same
sentences, the same errors, the same pending bytes, on any bytes in any chunking; the spans the splitter hands out
frame exactly the sentence and its tag word."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.tikops.routeros.plugins.module_utils.core.protocol import (
    ProtocolError,
    RowReader,
    SentenceDecoder,
    SentenceSplitter,
    SentenceTooLong,
    encode_length,
    encode_sentence,
)
from ansible_collections.tikops.routeros.plugins.module_utils.core.protocol import parse_reply
from support.reference_decoder import ReferenceDecoder, count_walks

# no limits in the way: for cutting a span the splitter handed out into its words
UNLIMITED = dict(max_word=1 << 30, max_words=1 << 30, max_sentence=1 << 40)


def _frame(word, form):
    """``word`` framed with its minimal prefix (form 0) or a longer one (form 1 to 4: 2 to 5 bytes)."""
    n = len(word)
    if form == 1 and n < 0x4000:
        return (n | 0x8000).to_bytes(2, "big") + word
    if form == 2 and n < 0x200000:
        return (n | 0xC00000).to_bytes(3, "big") + word
    if form == 3:
        return (n | 0xE0000000).to_bytes(4, "big") + word
    if form == 4:
        return b"\xf0" + n.to_bytes(4, "big") + word
    return encode_length(n) + word


word_st = st.one_of(st.binary(min_size=1, max_size=40),
                    st.sampled_from([b"!re", b"!done", b"!trap", b"!fatal", b".tag=1", b".tag=c3.7", b".tag=",
                                     b".tag", b".ta", b"=.tag=x", b"=message=x"]),
                    st.binary(min_size=120, max_size=300))
sentence_st = st.lists(st.tuples(word_st, st.integers(min_value=0, max_value=8)), min_size=0, max_size=7)


def _stream(sentences, garbage):
    parts = []
    for words in sentences:
        parts.extend(_frame(word, form if form <= 4 else 0) for word, form in words)
        parts.append(b"\x00")
    return b"".join(parts) + garbage


def _chunks(data, sizes):
    pos = 0
    index = 0
    while pos < len(data):
        size = sizes[index % len(sizes)]
        index += 1
        yield data[pos:pos + size]
        pos += size


def _run(parser, data, sizes):
    got = []
    for chunk in _chunks(data, sizes):
        try:
            got.extend(parser.feed(chunk))
        except ProtocolError as exc:
            got.extend(exc.sentences)
            return got, exc
    return got, None


def _words(span):
    """The words of a span, as the oracle reads them, and checks of what the span says."""
    buf, start, end, kind, tag, tag_start, tag_end = span
    assert buf.__class__ is bytes and kind.__class__ is bytes
    framed = buf[start:end]
    assert framed[-1:] == b"\x00"
    words = ReferenceDecoder(**UNLIMITED).feed(framed)
    assert len(words) == 1
    words = words[0]
    assert kind == words[0]
    tags = [w for w in words[1:] if w[:5] == b".tag="]
    if tags:
        assert tag.__class__ is bytes and tag == tags[0][5:]
        assert start < tag_start < tag_end < end
        # the tag word is exactly buf[tag_start:tag_end]: cut it out and the rest is the sentence without it
        rest = ReferenceDecoder(**UNLIMITED).feed(
            buf[start:tag_start] + buf[tag_end:end])
        without = list(words)
        del without[1 + words[1:].index(tags[0])]
        assert (rest[0] if rest else []) == without
    else:
        assert tag is None
    return words


@settings(max_examples=150, deadline=None)
@given(sentences=st.lists(sentence_st, min_size=1, max_size=10),
       garbage=st.one_of(st.just(b""), st.binary(max_size=12)),
       sizes=st.lists(st.integers(min_value=1, max_value=400), min_size=1, max_size=6),
       max_word=st.one_of(st.just(1 << 24), st.integers(min_value=1, max_value=300)),
       max_words=st.one_of(st.just(65536), st.integers(min_value=1, max_value=6)),
       max_sentence=st.one_of(st.just(1 << 26), st.integers(min_value=1, max_value=800)))
def test_the_splitter_and_the_decoder_find_what_the_oracle_finds(sentences, garbage, sizes, max_word, max_words, max_sentence):
    data = _stream(sentences, garbage)
    limits = dict(max_word=max_word, max_words=max_words, max_sentence=max_sentence)
    oracle = ReferenceDecoder(**limits)
    want, want_error = _run(oracle, data, sizes)
    splitter = SentenceSplitter(**limits)
    got, error = _run(splitter, data, sizes)
    decoder = SentenceDecoder(**limits)
    decoded, decode_error = _run(decoder, data, sizes)
    reader = SentenceSplitter(rows=RowReader({"true": "true"}), **limits)
    read, read_error = _run(reader, data, sizes)
    assert [_words(span) for span in got] == want
    # reading rows as it walks changes nothing of what is found; a row read is what parse_reply reads
    assert [span[:7] for span in read] == got
    for span in read:
        if len(span) == 8:
            assert span[3] == b"!re" and span[7] == parse_reply(_words(span[:7]), "ascii").attrs
    assert (read_error.__class__, str(read_error)) == (error.__class__, str(error))
    assert decoded == want
    assert all(word.__class__ is bytes for words in decoded for word in words)
    for fault in (error, decode_error):
        assert (fault.__class__, str(fault)) == (want_error.__class__, str(want_error))
        if isinstance(fault, SentenceTooLong):
            assert fault.head == want_error.head
    if error is None:
        assert splitter.pending == decoder.pending == oracle.pending


def test_a_tagged_row_is_relayed_with_only_its_tag_word_replaced():
    data = encode_sentence(["!re", ".tag=c1.5", "=name=ether1", "=comment=" + "x" * 300]) + encode_sentence(["!done", ".tag=c1.5"])
    spans = SentenceSplitter().feed(data)
    assert [(s[3], s[4]) for s in spans] == [(b"!re", b"c1.5"), (b"!done", b"c1.5")]
    buf, start, end, kind, tag, tag_start, tag_end = spans[0]
    relayed = buf[start:tag_start] + b"\x06.tag=5" + buf[tag_end:end]
    assert relayed == encode_sentence(["!re", ".tag=5", "=name=ether1", "=comment=" + "x" * 300])


@pytest.mark.parametrize("size", [70000, 3 * 1024 * 1024])
def test_a_long_word_arriving_in_pieces_is_walked_once(size):
    """A word of megabytes in 16 KiB pieces: each piece is appended, and the sentence is walked once it is complete
    (not once per piece: that would cost quadratic time)."""
    data = encode_sentence(["!re", ".tag=7", "=comment=" + "y" * size, "=name=a"]) + encode_sentence(["!done", ".tag=7"])
    splitter = SentenceSplitter()
    walks = count_walks(splitter)
    got = []
    for chunk in _chunks(data, [16384]):
        got.extend(splitter.feed(chunk))
    assert [_words(span) for span in got] == ReferenceDecoder().feed(data)
    assert len(walks) <= 4
    assert splitter.pending == 0


@pytest.mark.parametrize("max_words", [2, 3, 4, 9, 10])
@pytest.mark.parametrize("max_sentence", [18, 19, 20, 21, 1 << 20])
def test_limits_at_their_edges_on_the_common_path(max_words, max_sentence):
    """Tagged rows of one-byte words (the most words a sentence of n bytes can hold) at and around each limit."""
    data = b"".join(encode_sentence([b"!re", b".tag=1"] + [b"a"] * k) for k in range(10))
    want, want_error = _run(ReferenceDecoder(max_words=max_words, max_sentence=max_sentence), data, [len(data)])
    got, error = _run(SentenceSplitter(max_words=max_words, max_sentence=max_sentence), data, [len(data)])
    decoded, decode_error = _run(SentenceDecoder(max_words=max_words, max_sentence=max_sentence), data, [len(data)])
    assert [_words(span) for span in got] == want == decoded
    assert (error.__class__, str(error)) == (want_error.__class__, str(want_error)) == (decode_error.__class__,
                                                                                        str(decode_error))


def test_a_prints_rows_are_read_as_they_are_walked():
    rows = [["!re", ".tag=7", "=.id=*%d" % i, "=address=10.0.0.%d" % i, "=disabled=false"] for i in range(5)]
    rows[2].insert(3, "=comment=a=b")  # a field more, in the middle
    rows[3][3] = "=address-list=x"  # a name that begins like the one before it here
    rows[4].append("=bare")
    data = b"".join(encode_sentence(r) for r in rows + [["!done", ".tag=7"], ["!re", "=x=1", ".tag=7"]])
    got = SentenceSplitter(rows=RowReader({"false": "false"})).feed(data)
    assert [len(span) for span in got] == [8, 8, 8, 8, 8, 7, 7]  # (a tag after the words: read word by word)
    assert [span[7] for span in got[:5]] == [parse_reply([w.encode() for w in r], "ascii").attrs for r in rows]
    assert got[2][7] == {".id": "*2", "address": "10.0.0.2", "comment": "a=b", "disabled": "false"}
    assert got[4][7]["bare"] == ""
    # bytes that are not ASCII in the read buffer: every row is left to be read word by word
    assert [len(span) for span in SentenceSplitter(rows=RowReader()).feed(data + encode_sentence(["!re", ".tag=7", "=x=é"]))] == [7] * 8
