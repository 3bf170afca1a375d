# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The RouterOS API wire format, with no I/O (in the manner of h11).

Bytes in, sentences out; sentences in, bytes out. Nothing here touches a socket, a clock or a thread,
so every other layer (our client, the persistent broker and the simulator) shares this one codec.

A *word* is a length prefix followed by raw bytes; a *sentence* is a list of words ended by an empty word.
Words stay ``bytes`` until somebody asks for text; text decoding never drops or replaces a byte: a word that
does not decode raises :class:`DecodeError`, which carries the raw word.

This file imports nothing but the standard library, so the simulator can load it on its own.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# A length prefix announcing more than this is refused before anything is allocated.
DEFAULT_MAX_WORD = 16 * 1024 * 1024
# Words in one sentence before it is refused (a print row has tens; this only stops a runaway peer).
DEFAULT_MAX_WORDS = 65536
# Bytes in one sentence (words and their length prefixes) before it is refused, checked at each word's length
# prefix: without it a peer could make one unfinished sentence hold max_words words of max_word bytes each.
DEFAULT_MAX_SENTENCE = 64 * 1024 * 1024

REPLY_WORDS = ("!re", "!done", "!trap", "!fatal", "!empty")


class ProtocolError(ValueError):
    """The byte stream is not a valid RouterOS API stream; the connection cannot continue.

    ``sentences``: raised by :meth:`SentenceSplitter.feed` (as spans) and :meth:`SentenceDecoder.feed` (as word
    lists), the sentences that were complete before the fault."""

    def __init__(self, message="", sentences=None):
        super(ProtocolError, self).__init__(message)
        self.sentences = list(sentences or [])


class InvalidName(ProtocolError):
    """An attribute name that is not a RouterOS field name (see :func:`check_attribute_name`). ``name`` holds it."""

    def __init__(self, name, reason):
        self.name = name
        super(InvalidName, self).__init__("attribute name %r %s" % (name, reason))


class DecodeError(ProtocolError):
    """A word is not valid text in the configured encoding. ``word`` holds the raw bytes."""

    def __init__(self, word, encoding, reason):
        self.word = word
        self.encoding = encoding
        super(DecodeError, self).__init__(
            "word %r is not valid %s (%s); ask for raw bytes to read it" % (word, encoding, reason))


# ---------------------------------------------------------------------------------------------------------
# Names and text

# A RouterOS field name, as every argument of every command in the command trees of RouterOS 7.9 to 7.24 is
# written: lowercase ASCII letters, digits and ``-`` (``mac-address``), dotted groups (``channel.width``,
# ``bcast.l1.metric``), ``/`` inside a group (``basic-rates-a/g``); API attributes start with a dot (``.id``,
# ``.proplist``, ``.query``). Anything else (``=``, spaces, upper case, an empty name) is refused before sending:
# ``{"name=evil": x}`` would otherwise go out as ``=name=evil=x`` and set ``name``.
_NAME_GROUP = "[a-z0-9][a-z0-9/-]*"
ATTRIBUTE_NAME_RULE = "lowercase letters, digits, '-', '/' and '.'-separated groups, with an optional leading '.'"


def _name_ok(name):
    if name.startswith("."):
        name = name[1:]
    if not name:
        return False
    for group in name.split("."):
        if not group or not ("a" <= group[0] <= "z" or "0" <= group[0] <= "9"):
            return False
        for char in group:
            if not ("a" <= char <= "z" or "0" <= char <= "9" or char in "-/"):
                return False
    return True


# Names already found valid: a menu task checks the same few field names once per entry (100,000 entries, two or
# three names each), so each distinct name is checked once. Bounded: past the limit, names are checked each time.
_VALID_NAMES = set()
_VALID_NAMES_MAX = 4096


def check_attribute_name(name):
    """Raise :class:`InvalidName` unless ``name`` (text) is a RouterOS field name (see ``ATTRIBUTE_NAME_RULE``)."""
    if name.__class__ is str and name in _VALID_NAMES:
        return name
    if not isinstance(name, str):
        raise InvalidName(name, "is not text")
    if not name:
        raise InvalidName(name, "is empty")
    if "=" in name:
        raise InvalidName(name, "contains '=' (a value would be taken for part of the name)")
    if not _name_ok(name):
        raise InvalidName(name, "is not a RouterOS field name (%s)" % ATTRIBUTE_NAME_RULE)
    if name.__class__ is str and len(_VALID_NAMES) < _VALID_NAMES_MAX:
        _VALID_NAMES.add(name)
    return name


class FallbackText(str):
    """Text that did not decode in the session's encoding and was read with the fallback encoding instead.

    It compares as the text it shows; ``raw`` keeps the router's own bytes, which is what :func:`command_words`
    sends when the value is written back unchanged, so decoding never alters what the router holds."""

    __slots__ = ("raw", "encoding")

    def __new__(cls, raw, encoding):
        self = str.__new__(cls, raw.decode(encoding))
        self.raw = bytes(raw)
        self.encoding = encoding
        return self

    def __reduce__(self):
        return (FallbackText, (self.raw, self.encoding))


def decode_fallback(data, fallback):
    """``data`` (bytes that did not decode strictly) as :class:`FallbackText`: ``fallback`` (such as cp1252), and
    latin-1 (which decodes any byte) where even that fails."""
    try:
        return FallbackText(data, fallback)
    except (UnicodeDecodeError, LookupError):
        return FallbackText(data, "latin-1")


# ---------------------------------------------------------------------------------------------------------
# Encoding


def encode_length(length):
    """The minimal length prefix for a word of ``length`` bytes."""
    if length < 0x80:
        return bytes((length,))
    if length < 0x4000:
        return (length | 0x8000).to_bytes(2, "big")
    if length < 0x200000:
        return (length | 0xC00000).to_bytes(3, "big")
    if length < 0x10000000:
        return (length | 0xE0000000).to_bytes(4, "big")
    if length < 0x100000000:
        return b"\xf0" + length.to_bytes(4, "big")
    raise ProtocolError("a word of %d bytes cannot be framed (at most 4 GiB - 1)" % length)


def to_bytes(word, encoding="utf-8"):
    """A word as bytes: ``bytes`` pass through, text is encoded (strictly)."""
    if isinstance(word, bytes):
        return word
    if isinstance(word, bytearray):
        return bytes(word)
    return word.encode(encoding)


def encode_word(word, encoding="utf-8"):
    data = to_bytes(word, encoding)
    return encode_length(len(data)) + data


def _first_word(words):
    """The command word of a sentence, for messages (a menu path is never a secret)."""
    for word in words:
        text = word.decode("utf-8", "backslashreplace") if isinstance(word, (bytes, bytearray)) else str(word)
        return repr(text[:80])
    return "(no words)"


# The one-byte length prefixes (words shorter than 128 bytes: nearly every word), made once.
_SHORT_PREFIX = tuple(bytes((n,)) for n in range(0x80))


def encode_sentence(words, encoding="utf-8"):
    """Frame ``words`` (text or bytes) as one sentence, terminator included.

    The session broker frames every reply sentence it relays (each row of a print) again after rewriting its tag,
    so this is a hot path: bytes pass through untouched and short words take their prefix from a table."""
    parts = []
    append = parts.append
    short = _SHORT_PREFIX
    for word in words:
        data = word if word.__class__ is bytes else to_bytes(word, encoding)
        length = len(data)
        if length < 0x80:
            if not length:
                # Name the place, not the words: a sentence may hold a password.
                raise ProtocolError("word %d of the sentence %s is empty, and an empty word would end the sentence "
                                    "early" % (len(parts) // 2 + 1, _first_word(words)))
            append(short[length])
        else:
            append(encode_length(length))
        append(data)
    append(b"\x00")
    return b"".join(parts)


# ---------------------------------------------------------------------------------------------------------
# Decoding


def decode_length(data, pos=0):
    """Read one length prefix from ``data`` at ``pos``.

    Returns ``(length, next_pos)``, or ``None`` when more bytes are needed. Raises :class:`ProtocolError`
    for the reserved control bytes 0xF8 to 0xFF.
    """
    n = len(data)
    if pos >= n:
        return None
    b = data[pos]
    if b < 0x80:
        return b, pos + 1
    if b < 0xC0:
        if pos + 2 > n:
            return None
        return ((b & 0x3F) << 8) | data[pos + 1], pos + 2
    if b < 0xE0:
        if pos + 3 > n:
            return None
        return ((b & 0x1F) << 16) | (data[pos + 1] << 8) | data[pos + 2], pos + 3
    if b < 0xF0:
        if pos + 4 > n:
            return None
        return int.from_bytes(data[pos:pos + 4], "big") & 0x0FFFFFFF, pos + 4
    if b < 0xF8:
        if pos + 5 > n:
            return None
        return int.from_bytes(data[pos + 1:pos + 5], "big"), pos + 5
    raise ProtocolError("reserved control byte 0x%02X where a word length was expected" % b)


class SentenceTooLong(ProtocolError):
    """A sentence would hold more than ``limit`` bytes. ``head`` holds its first words (the reply word and, as
    RouterOS sends it, the ``.tag``), so that a client can name the command whose reply it was."""

    def __init__(self, limit, head, sentences=None):
        self.limit = limit
        self.head = list(head)
        super(SentenceTooLong, self).__init__("a sentence of more than %d bytes" % limit, sentences)


def _head(buf, start, stop):
    """The first two of the complete words between ``start`` and ``stop`` (one sentence's), as bytes."""
    head = []
    while start < stop and len(head) < 2:
        length, begin = decode_length(buf, start)
        head.append(bytes(buf[begin:begin + length]))
        start = begin + length
    return head


def _shift(state, sstart):
    """The state of an unfinished sentence that began at ``sstart``, with offsets from its first byte."""
    count, kind, tag, tag_start, tag_end = state
    if not count:
        return (0, None, None, 0, 0)
    return (count, bytes(kind), None if tag is None else bytes(tag), tag_start - sstart, tag_end - sstart)


class RowReader:
    """How :class:`SentenceSplitter` reads a print's rows as it walks them (its ``rows``): one text object per
    attribute name (``names``) and per common value (``common``: ``{text: text}``), instead of one per row, so that
    100,000 rows hold one ``"disabled"`` and dict inserts reuse its cached hash; and the attributes of the last row
    read, in order (``layout``), since the rows of a print mostly have the same ones: each is found again with one
    ``startswith``, the rest of the word being its value (a name holds no ``=``)."""

    LAYOUT_MAX = 128  # the places remembered (a row has a few dozen attributes at most)
    NAMES_MAX = 4096  # the names kept (a peer inventing names makes it start over rather than grow)

    def __init__(self, common=None):
        self.names = {}
        self.layout = []
        self.common = dict(common or {})

    def read(self, buf, text, pos, limit):
        """Read the words of short length prefixes from ``pos`` in ``buf`` (ASCII; ``text`` the same as text), up to
        a word that is not one (the terminator, a longer prefix) or one that would reach ``limit``: returns (where
        that is, the row of the attributes read)."""
        names = self.names
        if len(names) > self.NAMES_MAX:
            names.clear()
        layout = self.layout
        known = len(layout)
        common = self.common
        row = {}
        k = 0  # the attribute's place in the row
        b = buf[pos]
        while 0 < b < 0x80:
            stop = pos + 1 + b
            if stop >= limit:
                break
            if k < known:
                # the attribute the row before had at this place ("=address=" at the third)
                prefix, name, cut = layout[k]
                if text.startswith(prefix, pos + 1, stop):
                    value = text[pos + cut:stop]
                    if stop - pos - cut < 6 and value in common:  # (each of them 5 letters or less)
                        value = common[value]
                    row[name] = value
                    k += 1
                    pos = stop
                    b = buf[pos]
                    continue
            if buf[pos + 1] == 61:  # "="
                sep = text.find("=", pos + 2, stop)
                if sep < 0:
                    name = text[pos + 2:stop]
                    value = ""
                else:
                    name = text[pos + 2:sep]
                    value = text[sep + 1:stop]
                    if stop - sep < 7 and value in common:
                        value = common[value]
                # (subscripts, not method calls: this runs for every field of every row)
                if name in names:
                    name = names[name]
                else:
                    name = names.setdefault(name, name)
                row[name] = value
                if k < known:  # learnt for the next row
                    layout[k] = ("=" + name + "=", name, len(name) + 3)
                elif k < self.LAYOUT_MAX:
                    layout.append(("=" + name + "=", name, len(name) + 3))
                    known += 1
                k += 1
            pos = stop
            b = buf[pos]
        return pos, row


class SentenceSplitter:
    """Incremental splitter: the one walker of the length prefixes, for relaying sentences without cutting them into
    words (the session, the broker) and, through :class:`SentenceDecoder`, for reading them as words.

    Feed it bytes in any chunking; bytes of an unfinished sentence are kept for the next call, and an empty sentence
    (a lone terminator) is skipped, as a router does. A word longer than ``max_word`` (announced with a prefix of two
    bytes or more), a word that would make its sentence longer than ``max_sentence`` bytes (words and their length
    prefixes), a sentence of more than ``max_words`` words, a reserved control byte (0xF8 to 0xFF) where a length
    prefix belongs and an empty word framed with a longer prefix than 0x00 raise :class:`ProtocolError` (the two
    length limits as soon as the prefix is read, before anything is allocated for the word), whose ``sentences``
    hold what was complete before the fault.

    Each sentence's bytes stay where they are: ``feed(data)`` returns the sentences completed by ``data``, each a
    tuple ``(buf, start, end, kind, tag, tag_start, tag_end)``: ``buf[start:end]`` is the framed sentence, terminator
    included; ``kind`` its first word; ``tag`` the value of its first ``.tag=`` word after the first word, or
    ``None`` when it has none, framed at ``buf[tag_start:tag_end]`` (length prefix included), so that a relay writes
    ``buf[start:tag_start] + new tag word + buf[tag_end:end]``. ``buf``, ``kind`` and ``tag`` are ``bytes``.

    With ``rows`` (a :class:`RowReader`, for a reader whose text encoding reads ASCII bytes as ASCII), a ``!re``
    sentence of short words with its tag right after the reply word, in a read buffer of ASCII bytes only (nearly
    every row of a print), is read into its row in the same walk that finds its end: its tuple has an eighth item,
    the row (``{name: value}`` as :func:`parse_reply` reads it: a word ``=name=value``, or ``=name`` with the value
    ``""``; other words are not attributes). Every other sentence is handed out as above, to be read word by word.
    """

    def __init__(self, max_word=DEFAULT_MAX_WORD, max_words=DEFAULT_MAX_WORDS, max_sentence=DEFAULT_MAX_SENTENCE,
                 rows=None):
        self.max_word = max_word
        self.max_words = max_words
        self.max_sentence = max_sentence
        self.rows = rows
        # The unfinished sentence, from its first byte, waits in a buffer that grows in place; it is walked again
        # only from ``_scan`` (the next word's prefix) and only once it holds ``_need`` bytes (the end of the word
        # still arriving): a word of megabytes in 16 KiB records costs linear time, not a walk per record.
        self._tail = bytearray()
        self._scan = 0
        self._need = 0
        self._state = (0, None, None, 0, 0)  # words, kind, tag, tag_start, tag_end of the unfinished sentence

    @property
    def pending(self):
        """Bytes received but not yet part of a complete sentence (0 between sentences)."""
        return len(self._tail)

    def _fail(self, out, message, error=None):
        self._tail = bytearray()
        self._scan = self._need = 0
        self._state = (0, None, None, 0, 0)
        if error is None:
            error = ProtocolError(message)
        error.sentences = list(out)
        raise error

    def _walk(self, buf, pos, out):
        """Walk ``buf`` from ``pos`` (where a sentence starts), adding each complete sentence to ``out``; returns what
        :meth:`_walk_exact` returns.

        The common sentence (short words, the tag right after the reply word, as routers send it) is walked with
        the fewest steps a word: its limits hold by construction (a sentence within ``max_sentence`` bytes and
        the buffer, and at most half as many words as bytes) or are checked at its end. Any other sentence (a long
        word, no tag there, near a limit or the buffer's end) is walked again from its start by
        :meth:`_walk_exact`, which decides every rule of the class."""
        append = out.append
        n = len(buf)
        max_sentence = self.max_sentence
        most = 2 * self.max_words  # a sentence of at most this many bytes has at most max_words words
        empty = (0, None, None, 0, 0)
        rows = self.rows
        text = None  # the buffer as text, once a row is to be read from it (False: not ASCII)
        while pos < n:
            b = buf[pos]
            if not b:  # a lone terminator: an empty sentence, skipped
                pos += 1
                continue
            sstart = pos
            limit = sstart + max_sentence
            if limit > n:
                limit = n
            if b < 0x80:
                end = pos + 1 + b
                if end < limit:
                    kind = buf[pos + 1:end]
                    pos = end
                    b = buf[pos]
                    if 0 < b < 0x80:
                        end = pos + 1 + b
                        if end < limit and buf[pos + 1] == 46 and buf.startswith(b".tag=", pos + 1, end):
                            tag = buf[pos + 6:end]
                            tag_start = pos
                            pos = end
                            b = buf[pos]
                            if rows is not None and kind == b"!re":
                                if text is None:
                                    text = buf.decode("ascii") if buf.isascii() else False
                                if text is not False:
                                    pos, row = rows.read(buf, text, pos, limit)
                                    b = buf[pos]
                                    if not b and pos - sstart <= most:
                                        pos += 1
                                        append((buf, sstart, pos, kind, tag, tag_start, end, row))
                                        continue
                                    pos = sstart
                                    b = 0x80  # (walked again exactly, below)
                            while 0 < b < 0x80:
                                pos += b + 1
                                if pos >= limit:
                                    break
                                b = buf[pos]
                            if not b and pos < limit and pos - sstart <= most:
                                pos += 1
                                append((buf, sstart, pos, kind, tag, tag_start, end))
                                continue
            # anything else: this sentence again from its start, exactly
            sstart, pos, need, state = self._walk_exact(buf, sstart, sstart, empty, out, True)
            if need or pos != sstart:
                return sstart, pos, need, state
        return pos, pos, 0, empty

    def _walk_exact(self, buf, pos, sstart, state, out, first_only):
        """Walk ``buf`` from ``pos`` (a word's length prefix; the sentence under way began at ``sstart``, with
        ``state``: its words so far, its kind, its tag and where the tag word is),
        adding each complete sentence to ``out`` (after the first one when ``first_only``). Returns where the
        unfinished sentence starts, where its next word starts, the length ``buf`` must reach before walking on
        makes sense, and the unfinished sentence's state."""
        count, kind, tag, tag_start, tag_end = state
        append = out.append
        n = len(buf)
        max_word = self.max_word
        max_words = self.max_words
        max_sentence = self.max_sentence
        while pos < n:
            b = buf[pos]
            if b < 0x80:  # the common short word, and the terminator
                if b == 0:
                    pos += 1
                    if count:
                        append((buf, sstart, pos, kind, tag, tag_start, tag_end))
                        count = 0
                        tag = None
                        if first_only:
                            return pos, pos, 0, (0, None, None, 0, 0)
                    sstart = pos
                    continue
                length = b
                start = pos + 1
            else:
                try:
                    got = decode_length(buf, pos)
                except ProtocolError as exc:
                    self._fail(out, str(exc))
                if got is None:
                    return sstart, pos, n + 1, (count, kind, tag, tag_start, tag_end)
                length, start = got
                if length > max_word:
                    self._fail(out, "a word of %d bytes announced; the limit is %d bytes" % (length, max_word))
                if length == 0:
                    # a non-minimal prefix (0x80 0x00, ...) for an empty word: a real terminator is one 0x00 byte,
                    # and an empty word inside a sentence has no meaning
                    self._fail(out, "an empty word with a %d-byte length prefix 0x%s (a sentence ends with one "
                                    "0x00 byte)" % (start - pos, bytes(buf[pos:start]).hex().upper()))
            end = start + length
            if end - sstart > max_sentence:
                self._fail(out, "", SentenceTooLong(max_sentence, _head(buf, sstart, pos)))
            if end > n:  # a word still arriving: nothing more is looked at until all of it is there
                return sstart, pos, end, (count, kind, tag, tag_start, tag_end)
            if not count:
                kind = buf[start:end]
            elif tag is None and buf[start] == 46 and buf.startswith(b".tag=", start, end):
                tag = buf[start + 5:end]
                tag_start = pos
                tag_end = end
            count += 1
            if count > max_words:
                self._fail(out, "a sentence of more than %d words" % max_words)
            pos = end
        return sstart, pos, 0, (count, kind, tag, tag_start, tag_end)

    def feed(self, data):
        """The sentences ``data`` completes (see the class); :class:`ProtocolError` on an invalid stream."""
        out = []
        data = data if data.__class__ is bytes else bytes(data)
        pos = 0
        tail = self._tail
        if tail:
            # finish the sentence under way in the buffer that holds it, then walk the rest of ``data`` where it is
            old = len(tail)
            tail += data
            if len(tail) < self._need:
                return out
            sstart, scan, need, state = self._walk_exact(tail, self._scan, 0, self._state, out, True)
            if not out:
                if sstart:
                    del tail[:sstart]
                self._scan = scan - sstart
                self._need = need - sstart if need else scan - sstart + 1
                self._state = _shift(state, sstart)
                return out
            end = out[0][2]
            dummy, dummy2, dummy3, kind, tag, tag_start, tag_end = out[0]
            out[0] = (bytes(memoryview(tail)[:end]), 0, end, bytes(kind), None if tag is None else bytes(tag),
                      tag_start, tag_end)
            pos = end - old
        self._tail = bytearray()
        self._scan = self._need = 0
        self._state = (0, None, None, 0, 0)
        sstart, scan, need, state = self._walk(data, pos, out)
        if sstart < len(data):
            self._tail = bytearray(memoryview(data)[sstart:])
            self._scan = scan - sstart
            self._need = need - sstart if need else scan - sstart + 1
            self._state = _shift(state, sstart)
        return out


def span_words(span):
    """The words (``bytes``) of a sentence handed out by :class:`SentenceSplitter`."""
    buf, pos, end = span[0], span[1], span[2] - 1
    words = []
    while pos < end:
        b = buf[pos]
        if b < 0x80:
            length, start = b, pos + 1
        else:
            length, start = decode_length(buf, pos)
        pos = start + length
        words.append(buf[start:pos])
    return words


class SentenceDecoder:
    """Incremental decoder: feed it bytes in any chunking, get complete sentences back, each a list of ``bytes`` words.

    ``feed(data)`` returns the list of sentences completed by ``data``; bytes of an unfinished sentence are kept for
    the next call. It is :class:`SentenceSplitter` with each sentence cut into its words (:func:`span_words`): the
    same limits (a word longer than ``max_word`` or one that would make its sentence longer than ``max_sentence``
    bytes is refused as soon as its prefix is read, before anything is allocated for it), the same ``pending``, the
    same errors, whose ``sentences`` hold the complete sentences before the fault as word lists. An empty sentence
    (a lone terminator) is skipped, as a router does.
    """

    __slots__ = ("_splitter",)

    def __init__(self, max_word=DEFAULT_MAX_WORD, max_words=DEFAULT_MAX_WORDS, max_sentence=DEFAULT_MAX_SENTENCE):
        self._splitter = SentenceSplitter(max_word, max_words, max_sentence)

    max_word = property(lambda self: self._splitter.max_word,
                        lambda self, value: setattr(self._splitter, "max_word", value))
    max_words = property(lambda self: self._splitter.max_words,
                         lambda self, value: setattr(self._splitter, "max_words", value))
    max_sentence = property(lambda self: self._splitter.max_sentence,
                            lambda self, value: setattr(self._splitter, "max_sentence", value))

    @property
    def pending(self):
        """Bytes received but not yet part of a complete sentence (0 between sentences)."""
        return self._splitter.pending

    def feed(self, data):
        """The sentences ``data`` completes. On an invalid stream, :class:`ProtocolError` is raised and its
        ``sentences`` hold the sentences that were complete before the fault in this same ``data``: a caller
        delivers them first (their replies did arrive), then treats the connection as broken."""
        try:
            spans = self._splitter.feed(data)
        except ProtocolError as exc:
            exc.sentences = [span_words(span) for span in exc.sentences]
            raise
        return [span_words(span) for span in spans]


# ---------------------------------------------------------------------------------------------------------
# Replies


class Reply:
    """One reply sentence, parsed.

    ``kind`` is the reply word (``!re``, ``!done``, ``!trap``, ``!fatal``, ``!empty`` or any other word a
    newer router may send), ``tag`` the ``.tag`` value or ``None``, ``attrs`` the ``=name=value`` words as
    an ordered dict, and ``extra`` any other words (the bare reason of ``!fatal``). Values are ``str``, or
    ``bytes`` when the reply was parsed with ``raw=True``.
    """

    __slots__ = ("kind", "tag", "attrs", "extra")

    def __init__(self, kind, tag=None, attrs=None, extra=None):
        self.kind = kind
        self.tag = tag
        self.attrs = attrs if attrs is not None else {}
        self.extra = extra if extra is not None else []

    def __repr__(self):
        return "Reply(%r, tag=%r, attrs=%r, extra=%r)" % (self.kind, self.tag, self.attrs, self.extra)

    def __eq__(self, other):
        return isinstance(other, Reply) and (self.kind, self.tag, self.attrs, self.extra) == (
            other.kind, other.tag, other.attrs, other.extra)

    __hash__ = None


def decode_text(word, encoding="utf-8"):
    try:
        return word.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(bytes(word), encoding, exc.reason)
    except LookupError:
        raise ProtocolError("unknown text encoding %r" % encoding)


def parse_reply(words, encoding="utf-8", raw=False, fallback=None):
    """Parse one sentence from the router into a :class:`Reply`.

    Names and the ``.tag`` are decoded strictly; values are decoded with ``encoding`` (or kept as bytes when
    ``raw``). A value that does not decode raises :class:`DecodeError` naming the word, or, with a ``fallback``
    encoding, is read as :class:`FallbackText`.
    """
    if not words:
        raise ProtocolError("empty reply sentence")
    kind = decode_text(words[0], encoding)
    tag = None
    attrs = {}
    extra = []
    for word in words[1:]:
        first = word[:1]
        if first == b"=":
            sep = word.find(b"=", 1)
            if sep < 0:
                name, value = word[1:], b""
            else:
                name, value = word[1:sep], word[sep + 1:]
            name = decode_text(name, encoding)
            if raw:
                attrs[name] = bytes(value)
            else:
                try:
                    attrs[name] = value.decode(encoding)
                except UnicodeDecodeError as exc:
                    if not fallback:
                        raise DecodeError(bytes(word), encoding, exc.reason)
                    attrs[name] = decode_fallback(bytes(value), fallback)
                except LookupError:
                    raise ProtocolError("unknown text encoding %r" % encoding)
        elif word[:5] == b".tag=":
            tag = decode_text(word[5:], encoding)
        else:
            extra.append(bytes(word) if raw else decode_text(word, encoding))
    return Reply(kind, tag, attrs, extra)


def command_words(path, command=None, attributes=None, queries=None, proplist=None, tag=None):
    """Build the words of one command.

    ``path`` is a menu (``/ip/address``) and ``command`` a verb (``print``); or ``path`` is already the full
    command word. ``attributes`` is a mapping sent as ``=name=value``: ``True``/``False`` go out as
    ``true``/``false`` (as RouterOS prints them), an empty string as ``=name=`` (the value-less flag form of
    ``once``, ``detail``, ``count-only``), and ``None`` values are skipped. ``queries`` is a list of ready query words (see
    ``query.py``), ``proplist`` an iterable of field names.

    Every attribute and proplist name must be a RouterOS field name (:func:`check_attribute_name` raises
    :class:`InvalidName` otherwise, before anything is built). A :class:`FallbackText` value goes out as the
    router's original bytes.
    """
    word = path if command is None else "%s/%s" % (path.rstrip("/"), command)
    if not word.startswith("/"):
        word = "/" + word
    words = [word]
    if attributes:
        for name, value in attributes.items():
            check_attribute_name(name)
            if value is None:
                continue
            if value is True or value is False:
                value = "true" if value else "false"
            if isinstance(value, FallbackText):
                words.append(b"=" + name.encode("ascii") + b"=" + value.raw)
                continue
            words.append("=%s=%s" % (name, value))
    if proplist:
        proplist = list(proplist)
        for name in proplist:
            check_attribute_name(name)
        words.append("=.proplist=" + ",".join(proplist))
    if queries:
        words.extend(queries)
    if tag is not None:
        words.append(".tag=%s" % tag)
    return words
