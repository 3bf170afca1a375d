# -*- coding: utf-8 -*-
"""The decoder's bounds on what a peer can make it hold: a sentence's bytes, refused at the length prefix that
would pass the limit; and its buffer, which grows in place (amortised linear) while a word arrives in pieces."""

from __future__ import annotations

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.core.protocol import (
    DEFAULT_MAX_SENTENCE,
    ProtocolError,
    SentenceDecoder,
    encode_length,
    encode_sentence,
    encode_word,
)


def test_a_sentence_longer_than_the_limit_is_refused_naming_its_first_words():
    decoder = SentenceDecoder(max_sentence=1000)
    data = encode_word("!re") + encode_word(".tag=7") + encode_word("=a=" + "x" * 600)
    assert decoder.feed(data) == []
    with pytest.raises(ProtocolError) as info:
        decoder.feed(encode_word("=b=" + "y" * 600))
    assert "more than 1000 bytes" in str(info.value)
    assert info.value.head == [b"!re", b".tag=7"] and info.value.limit == 1000


def test_the_limit_is_checked_at_the_length_prefix_before_the_word_arrives():
    decoder = SentenceDecoder(max_sentence=100000)
    with pytest.raises(ProtocolError, match="more than 100000 bytes"):
        decoder.feed(encode_word("!re") + encode_length(200000))  # only the prefix of a 200 KB word
    # the sentences complete before the fault are handed over with the error
    with pytest.raises(ProtocolError) as info:
        SentenceDecoder(max_sentence=100).feed(encode_sentence(["!done"]) + encode_word("!re") + encode_length(200))
    assert info.value.sentences == [[b"!done"]]


def test_sentences_up_to_the_limit_pass_and_the_count_starts_again_for_each():
    words = [b"!re", b"=a=" + b"x" * 400]
    data = encode_sentence(words)
    decoder = SentenceDecoder(max_sentence=len(data) - 1)  # words and prefixes count, the terminator does not
    data *= 5
    assert decoder.feed(data) == [words] * 5
    assert SentenceDecoder().max_sentence == DEFAULT_MAX_SENTENCE >= 16 * 1024 * 1024


@pytest.mark.parametrize("length", [300, 5000, 70000])
def test_a_word_arriving_in_pieces_is_kept_in_one_buffer_that_grows_in_place(length):
    data = encode_sentence([b"!re", b"=a=" + b"q" * length])
    decoder = SentenceDecoder()
    decoder.feed(data[:20])
    buffer = decoder._splitter._tail
    assert isinstance(buffer, bytearray) and len(buffer) == 20  # the unfinished sentence from its first byte
    for start in range(20, len(data) - 1, 97):
        assert decoder.feed(data[start:min(start + 97, len(data) - 1)]) == []
        assert decoder._splitter._tail is buffer  # appended to in place, never copied into a new object per piece
    assert decoder.pending == len(data) - 1
    assert decoder.feed(data[-1:]) == [[b"!re", b"=a=" + b"q" * length]]
    assert decoder.pending == 0
