# -*- coding: utf-8 -*-
"""The oracle of the wire-format property tests: the word-by-word decoder that protocol.py used before
``SentenceDecoder`` became a wrapper over ``SentenceSplitter``, kept here, unchanged in what it decides, as the
previous implementation.

The property tests compare the splitter (and the decoder built on it) with this walker on random bytes, random
chunkings and random limits: the same sentences, the same error class and message, the same sentences complete
before a fault, the same ``pending``. It is test code only: nothing in the collection imports it, and it must not be
"fixed" to follow the splitter; where the two differ, the test names the difference and a person decides which is
right. It shares only the error classes (the tests compare classes) and the default limits with protocol.py; the
length prefix is read by its own code, so a fault in ``decode_length`` cannot hide by being on both sides.
``count_walks`` serves the same tests: it counts how often the splitter walks its bytes.
"""

from __future__ import annotations

from ansible_collections.tikops.routeros.plugins.module_utils.core.protocol import (
    DEFAULT_MAX_SENTENCE,
    DEFAULT_MAX_WORD,
    DEFAULT_MAX_WORDS,
    ProtocolError,
    SentenceTooLong,
)


def count_walks(splitter):
    """A list that gets one entry (where the walk starts) each time ``splitter`` walks its bytes: a word arriving in
    pieces must be walked once it is complete, not once per piece (quadratic time), and tests count walks, not
    seconds."""
    walks = []
    for name in ("_walk", "_walk_exact"):
        def counted(*args, __original=getattr(splitter, name)):
            walks.append(args[1])
            return __original(*args)

        setattr(splitter, name, counted)
    return walks


def read_prefix(data, pos=0):
    """``(length, next_pos)`` of the length prefix of two to five bytes at ``pos``, ``None`` when more bytes are needed; the control bytes
    0xF8 to 0xFF raise :class:`ProtocolError`."""
    n = len(data)
    if pos >= n:
        return None
    first = data[pos]
    if first >= 0xF8:
        raise ProtocolError("reserved control byte 0x%02X where a word length was expected" % first)
    # how many bytes the prefix takes, and which bits of its first byte belong to the length
    if first < 0x80:
        size, mask = 1, 0x7F
    elif first < 0xC0:
        size, mask = 2, 0x3F
    elif first < 0xE0:
        size, mask = 3, 0x1F
    elif first < 0xF0:
        size, mask = 4, 0x0F
    else:
        size, mask = 5, 0x00
    if pos + size > n:
        return None
    length = first & mask
    for index in range(pos + 1, pos + size):
        length = (length << 8) | data[index]
    return length, pos + size


class ReferenceDecoder:
    """Feed it bytes in any chunking, get complete sentences (lists of ``bytes`` words) back; see the module.

    As before, a word under 128 bytes (a one-byte prefix) is not checked against ``max_word``: the limit is there to
    refuse a huge announced length before allocating for it."""

    def __init__(self, max_word=DEFAULT_MAX_WORD, max_words=DEFAULT_MAX_WORDS, max_sentence=DEFAULT_MAX_SENTENCE):
        self.max_word = max_word
        self.max_words = max_words
        self.max_sentence = max_sentence
        self._buf = b""  # an unfinished length prefix
        self._word = bytearray()  # an unfinished word, with its prefix
        self._need = 0  # the bytes ``_word`` must hold before it is walked again
        self._words = []  # the complete words of the unfinished sentence
        self._size = 0  # their bytes, prefixes included

    @property
    def pending(self):
        return len(self._buf) + len(self._word) + self._size

    def _raise(self, out, message, error=None):
        self._buf = b""
        del self._word[:]
        self._need = 0
        self._words = []
        self._size = 0
        if error is not None:
            error.sentences = list(out)
            raise error
        raise ProtocolError(message, out)

    def feed(self, data):
        arriving = self._word
        if arriving:
            arriving += data
            if len(arriving) < self._need:
                return []
            buf = bytes(arriving)
            del arriving[:]
        elif self._buf:
            buf = self._buf + data
            self._buf = b""
        else:
            buf = bytes(data)
        words = self._words
        size = self._size
        out = []
        pos = 0
        n = len(buf)
        while pos < n:
            first = buf[pos]
            if first < 0x80:  # a one-byte prefix: the terminator, or a short word, which no limit is checked for
                if first == 0:
                    pos += 1
                    if words:
                        out.append(words)
                        words = []
                        size = 0
                    continue
                length = first
                start = pos + 1
            else:
                try:
                    got = read_prefix(buf, pos)
                except ProtocolError as exc:
                    self._raise(out, str(exc))
                if got is None:
                    self._buf = buf[pos:]
                    break
                length, start = got
                if length > self.max_word:
                    self._raise(out, "a word of %d bytes announced; the limit is %d bytes" % (length, self.max_word))
                if length == 0:
                    self._raise(out, "an empty word with a %d-byte length prefix 0x%s (a sentence ends with one "
                                     "0x00 byte)" % (start - pos, buf[pos:start].hex().upper()))
            end = start + length
            if size + end - pos > self.max_sentence:
                self._raise(out, "", SentenceTooLong(self.max_sentence, words[:2]))
            if end > n:
                arriving += buf[pos:]
                self._need = end - pos
                break
            words.append(buf[start:end])
            size += end - pos
            pos = end
            if len(words) > self.max_words:
                self._raise(out, "a sentence of more than %d words" % self.max_words)
        self._words = words
        self._size = size
        return out
