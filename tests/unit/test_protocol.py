# -*- coding: utf-8 -*-
"""The wire codec: vectors from docs/protocol-facts.md (sections 1 and 3), chunking, limits, decode errors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.tikops.routeros.plugins.module_utils.core.protocol import (
    DecodeError,
    ProtocolError,
    Reply,
    SentenceDecoder,
    SentenceTooLong,
    command_words,
    decode_length,
    encode_length,
    encode_sentence,
    encode_word,
    parse_reply,
)
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import md5_response
from support.reference_decoder import count_walks

# protocol-facts.md section 1: the 22 length -> hex vectors; with the 0xF8 rejection and the /login bytes below,
# these are the 24 vectors of the fact sheet
LENGTH_VECTORS = [
    (0, "00"), (127, "7f"), (1, "01"), (128, "8080"), (130, "8082"), (0x87, "8087"), (200, "80c8"), (256, "8100"),
    (300, "812c"), (16383, "bfff"), (16384, "c04000"), (17000, "c04268"), (0x4321, "c04321"), (100000, "c186a0"),
    (2097140, "dffff4"), (2097151, "dfffff"), (2097152, "e0200000"), (0x2ACDEF, "e02acdef"),
    (10000000, "e0989680"), (268435455, "efffffff"), (0x10000000, "f010000000"), (0x10000080, "f010000080"),
]


@pytest.mark.parametrize("length,hexed", LENGTH_VECTORS)
def test_length_vectors_encode(length, hexed):
    assert encode_length(length).hex() == hexed


@pytest.mark.parametrize("length,hexed", LENGTH_VECTORS)
def test_length_vectors_decode(length, hexed):
    data = bytes.fromhex(hexed)
    assert decode_length(data) == (length, len(data))
    # one byte short: more is needed, not an error
    assert decode_length(data[:-1]) is None


@pytest.mark.parametrize("first", [0xF8, 0xF9, 0xFC, 0xFF])
def test_reserved_first_byte_rejected(first):
    with pytest.raises(ProtocolError, match="0x%02X" % first):
        decode_length(bytes([first, 0, 0, 0, 0]))
    with pytest.raises(ProtocolError):
        SentenceDecoder().feed(bytes([first]))


@pytest.mark.parametrize("first", range(0xF0, 0xF8))
def test_f0_to_f7_accepted_as_five_byte_form(first):
    assert decode_length(bytes([first]) + (5).to_bytes(4, "big")) == (5, 5)


def test_login_bytes():
    assert encode_sentence(["/login"]).hex() == "062f6c6f67696e00"
    assert SentenceDecoder().feed(bytes.fromhex("062f6c6f67696e00")) == [[b"/login"]]


def test_encode_word_and_empty_word_refused():
    assert encode_word("abc") == b"\x03abc"
    with pytest.raises(ProtocolError):
        encode_sentence(["/x", ""])


def test_too_long_to_frame():
    with pytest.raises(ProtocolError):
        encode_length(1 << 32)


# protocol-facts.md section 3
@pytest.mark.parametrize("password,challenge,response", [
    ("", "93b438ec9b80057c06dd9fe67d56aa9a", "00e134102a9d330dd7b1849fedfea3cb57"),
    ("password", "ebddd18303a54111e2dea05a92ab46b4", "0065a992d211ddd77da538d53da4342fdc"),
])
def test_md5_vectors(password, challenge, response):
    assert md5_response(password, challenge) == response


# -- incremental decoding ------------------------------------------------------------------------------

words_st = st.lists(st.binary(min_size=1, max_size=300), min_size=1, max_size=8)
long_word_st = st.binary(min_size=0x3FF0, max_size=0x4010)  # around the 2/3-byte boundary


def _chunked(data, sizes):
    pos = 0
    i = 0
    while pos < len(data):
        size = sizes[i % len(sizes)] if sizes else len(data)
        i += 1
        yield data[pos:pos + size]
        pos += size


@settings(max_examples=150, deadline=None)
@given(sentences=st.lists(words_st, min_size=1, max_size=12),
       sizes=st.lists(st.integers(min_value=1, max_value=70000), min_size=1, max_size=10),
       big=st.lists(long_word_st, max_size=1))
def test_round_trip_under_random_chunking(sentences, sizes, big):
    if big:
        sentences = sentences + [[b"!re"] + big]
    data = b"".join(encode_sentence(s) for s in sentences)
    decoder = SentenceDecoder()
    out = []
    for chunk in _chunked(data, sizes):
        out.extend(decoder.feed(chunk))
    assert out == sentences
    assert decoder.pending == 0


def test_one_byte_at_a_time_with_all_length_forms():
    sentences = [[b"a" * n, b"!re"] for n in (1, 127, 128, 16383, 16384, 2097151, 2097152)]
    data = b"".join(encode_sentence(s) for s in sentences[:5])
    decoder = SentenceDecoder()
    out = []
    for i in range(len(data)):
        out.extend(decoder.feed(data[i:i + 1]))
    assert out == sentences[:5]
    big = b"".join(encode_sentence(s) for s in sentences[5:])
    assert SentenceDecoder().feed(big) == sentences[5:]


def test_empty_sentences_skipped_and_partial_kept():
    decoder = SentenceDecoder()
    assert decoder.feed(b"\x00\x00\x03!re\x02=a") == []
    assert decoder.pending > 0
    assert decoder.feed(b"\x00") == [[b"!re", b"=a"]]


def test_max_word_rejected_before_allocation():
    decoder = SentenceDecoder(max_word=1000)
    # only the prefix of a 1001-byte word: refused at once, without waiting for (or allocating) the body
    with pytest.raises(ProtocolError, match="1001"):
        decoder.feed(encode_length(1001))
    decoder = SentenceDecoder(max_word=1000)
    assert decoder.feed(encode_sentence([b"x" * 1000])) == [[b"x" * 1000]]


def test_default_max_word_refuses_huge_prefix():
    with pytest.raises(ProtocolError):
        SentenceDecoder().feed(b"\xf0\xff\xff\xff\xff")


def test_max_words_per_sentence():
    decoder = SentenceDecoder(max_words=3)
    with pytest.raises(ProtocolError):
        decoder.feed(encode_sentence([b"a", b"b", b"c", b"d"]))


# -- replies -------------------------------------------------------------------------------------------


def test_parse_reply_attrs_tag_anywhere_extra():
    words = [b"!re", b"=name=ether1", b"=comment=", b"=x=a=b", b".tag=7", b"=flag"]
    reply = parse_reply(words)
    assert reply == Reply("!re", "7", {"name": "ether1", "comment": "", "x": "a=b", "flag": ""}, [])
    fatal = parse_reply([b"!fatal", b"session terminated on request"])
    assert fatal.kind == "!fatal" and fatal.extra == ["session terminated on request"] and fatal.tag is None


def test_decode_error_carries_raw_word():
    word = b"=comment=caf\xe9"
    with pytest.raises(DecodeError) as info:
        parse_reply([b"!re", word])
    assert info.value.word == word
    assert repr(word) in str(info.value)
    assert isinstance(info.value, ProtocolError)


def test_raw_mode_keeps_bytes_and_other_encodings():
    word = b"=comment=caf\xe9"
    assert parse_reply([b"!re", word], raw=True).attrs == {"comment": b"caf\xe9"}
    assert parse_reply([b"!re", word], encoding="latin-1").attrs == {"comment": "caf\xe9"}
    assert parse_reply([b"!fatal", b"\xff"], raw=True).extra == [b"\xff"]


def test_command_words():
    assert command_words("/ip/address", "print", proplist=["address", ".id"], queries=["?disabled=false"], tag="3") == [
        "/ip/address/print", "=.proplist=address,.id", "?disabled=false", ".tag=3"]
    assert command_words("ip/address/set", attributes={"disabled": True, "comment": None, ".id": "*1"}) == [
        "/ip/address/set", "=disabled=true", "=.id=*1"]
    # booleans are RouterOS words, never Python's; an empty string is the value-less flag form
    assert command_words("/interface", "monitor-traffic", attributes={"once": "", "disabled": False}) == [
        "/interface/monitor-traffic", "=once=", "=disabled=false"]


def test_empty_word_error_names_the_place_not_the_values():
    with pytest.raises(ProtocolError) as info:
        encode_sentence(["/user/add", "=password=TOPSECRET", ""])
    assert "word 3" in str(info.value) and "/user/add" in str(info.value)
    assert "TOPSECRET" not in str(info.value)


@pytest.mark.parametrize("size", [4096, 70000, 3 * 1024 * 1024])
def test_long_word_fed_one_chunk_at_a_time(size):
    """Long words of every length form arrive in small pieces (TLS records, slow links) and come out whole."""
    word = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    data = encode_sentence([b"!re", b"=a=" + word, b"=b=c"]) + encode_sentence([b"!done"])
    decoder = SentenceDecoder()
    got = []
    step = 1 if size < 100000 else 16384
    for i in range(0, len(data), step):
        got.extend(decoder.feed(data[i:i + step]))
    assert got == [[b"!re", b"=a=" + word, b"=b=c"], [b"!done"]]
    assert decoder.pending == 0


def test_long_word_chunks_cost_linear_time():
    """A 16 MiB word in 16 KiB chunks is walked once it is complete, not once per chunk: counted in walks, not
    seconds."""
    size = 16 * 1024 * 1024 - 16
    data = encode_sentence([b"!re", b"=a=" + b"y" * size])
    decoder = SentenceDecoder()
    splitter = decoder._splitter
    walks = count_walks(splitter)
    calls = 0
    out = []
    for i in range(0, len(data), 16384):
        out.extend(decoder.feed(data[i:i + 16384]))
        calls += 1
        if not out:  # while the word is incomplete, its bytes wait whole (none is dropped, none counted twice)
            assert decoder.pending == min(i + 16384, len(data))
            if i:  # in one buffer that grows in place, never copied into a new object per piece
                assert splitter._tail is buffer
            buffer = splitter._tail
    assert calls > 1000 and len(out) == 1 and len(out[0][1]) == size + 3
    assert len(walks) <= 4
    assert decoder.pending == 0


def test_the_decoder_limits_can_be_read_and_changed():
    decoder = SentenceDecoder(max_word=1000, max_words=3, max_sentence=5000)
    assert (decoder.max_word, decoder.max_words, decoder.max_sentence) == (1000, 3, 5000)
    assert decoder.feed(encode_sentence([b"a", b"b", b"c"])) == [[b"a", b"b", b"c"]]
    decoder.max_words = 2
    with pytest.raises(ProtocolError, match="more than 2 words") as info:
        decoder.feed(encode_sentence([b"!done"]) + encode_sentence([b"a", b"b", b"c"]))
    assert info.value.sentences == [[b"!done"]]
    decoder.max_word = 200
    with pytest.raises(ProtocolError, match="201 bytes announced; the limit is 200"):
        decoder.feed(encode_length(201))
    decoder.max_sentence = 12
    with pytest.raises(SentenceTooLong) as info:
        decoder.feed(encode_sentence([b"!re", b".tag=4", b"=name=x"]))  # 4 + 7 + 8 bytes
    assert info.value.head == [b"!re", b".tag=4"] and info.value.limit == 12
    assert decoder.pending == 0


def test_the_valid_name_cache_never_admits_a_bad_name(monkeypatch):
    from ansible_collections.tikops.routeros.plugins.module_utils.core import protocol as proto

    monkeypatch.setattr(proto, "_VALID_NAMES", set())
    assert proto.check_attribute_name("mac-address") == "mac-address"
    assert "mac-address" in proto._VALID_NAMES
    for bad in ("name=evil", "Name", "", "a b", ".", "a..b"):
        with pytest.raises(proto.InvalidName):
            proto.check_attribute_name(bad)
        assert bad not in proto._VALID_NAMES
    monkeypatch.setattr(proto, "_VALID_NAMES_MAX", 1)
    assert proto.check_attribute_name("comment") == "comment"
    assert proto._VALID_NAMES == {"mac-address"}  # full: checked each time, not added
