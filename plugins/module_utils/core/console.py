# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The RouterOS console's text: ``/export`` lines (and our ``rendered`` commands) read into commands.

No I/O: text in, a list of commands out (``parsed`` states and ``src:`` files use it).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re

from ansible_collections.tikops.routeros.plugins.module_utils.core import values as _values
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError


VERBS = ("add", "set", "remove", "unset", "enable", "disable", "move", "print")
# Between the words of a line. Only a newline ends a line (\n, or \r\n): U+2028, \x85, \x0b, \x1c and the other
# characters Python's str.splitlines() also breaks at are text, as they are to RouterOS.
_BLANKS = " \t"
_PLAIN_RUN = re.compile(r'[^ \t\[\]"]+')
_QUOTED_RUN = re.compile(r'[^"\\]+')
_HEX_PAIR = re.compile(r"[0-9A-Fa-f]{2}")


def _logical_lines(text):
    r"""(number, line): physical lines (ended by \n or \r\n only) joined where they end with a backslash that is not
    itself escaped (the export's line wrapping, inside a quoted value too), the continuation's indent dropped;
    comments and blank lines dropped. ``number`` is the physical line the logical one starts on."""
    buf = None
    first = None
    for number, raw in enumerate(text.split("\n"), 1):
        if raw.endswith("\r"):
            raw = raw[:-1]
        part = raw.strip(_BLANKS)
        if buf is None and (not part or part.startswith("#")):
            continue
        if (len(part) - len(part.rstrip("\\"))) % 2 == 1:
            if buf is None:
                buf, first = "", number
            buf += part[:-1]
            continue
        yield (number if buf is None else first), (buf or "") + part
        buf = None
    if buf:
        yield first, buf


def _utf8(text):
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that stands for no byte
        return text.encode("utf-8", "surrogatepass")


def _quoted(line, i, out):
    r"""Read the quoted value that starts after the quote at ``line[i - 1]`` into ``out`` (bytes: escapes resolved,
    ``\HH`` a byte); returns the index after the closing quote."""
    n = len(line)
    while i < n:
        run = _QUOTED_RUN.match(line, i)
        if run:
            out += _utf8(run.group())
            i = run.end()
            continue
        if line[i] == '"':
            return i + 1
        if i + 1 >= n:  # a backslash that ends the line
            break
        nxt = line[i + 1]
        if nxt in _values.CONSOLE_ESCAPES:
            out += _values.CONSOLE_ESCAPES[nxt].encode("utf-8")
            i += 2
        elif _HEX_PAIR.match(line, i + 1):
            out.append(int(line[i + 1:i + 3], 16))
            i += 3
        else:  # an escape RouterOS does not define: the character itself
            out += _utf8(nxt)
            i += 2
    raise UserInputError("unterminated quoted value in %r" % line)


def _tokens(line):
    r"""Split one export line into words; quoted values are unquoted and unescaped (``\C3\A9`` is the byte C3: the
    bytes of a word are read as UTF-8, see :func:`values.console_text`); ``[ find ... ]`` is one token (a list of
    the inner tokens)."""
    out = []
    i = 0
    n = len(line)
    stack = [out]
    while i < n:
        c = line[i]
        if c in _BLANKS:
            i += 1
            continue
        if c == "[":
            inner = []
            stack[-1].append(inner)
            stack.append(inner)
            i += 1
            continue
        if c == "]":
            if len(stack) == 1:
                raise UserInputError("unbalanced ] in %r" % line)
            stack.pop()
            i += 1
            continue
        word = bytearray()
        while i < n:
            run = _PLAIN_RUN.match(line, i)
            if run:
                word += _utf8(run.group())
                i = run.end()
            elif line[i] == '"':
                i = _quoted(line, i + 1, word)
            else:
                break
        stack[-1].append(_values.console_text(word))
    if len(stack) != 1:
        raise UserInputError("unbalanced [ in %r" % line)
    return out


def _pairs(tokens):
    attrs = {}
    positional = []
    for tok in tokens:
        if isinstance(tok, list):
            positional.append(tok)
        elif "=" in tok:
            name, value = tok.split("=", 1)
            raw = getattr(tok, "raw", None)  # not UTF-8 (values.console_text): the value keeps its own bytes
            attrs[name] = value if raw is None else _values.console_text(raw.split(b"=", 1)[1])
        else:
            positional.append(tok)
    return attrs, positional


def parse_export(text):
    """Commands of a RouterOS ``/export`` (or of our ``rendered`` commands, or a mix).

    Returns a list of dicts: ``path`` (``/ip/address``), ``verb``, ``attrs`` (field -> text), ``find``
    (field -> text from ``[ find a=b ]`` or ``[ find where a=b and c=d ]``), ``positional`` (other words,
    e.g. an item named by itself in ``set ether1 ...``). Lines of other verbs are returned too; callers pick.
    """
    commands = []
    section = None
    for number, line in _logical_lines(text):
        tokens = _tokens(line)
        if not tokens:
            continue
        head = tokens[0]
        rest = tokens[1:]
        if isinstance(head, str) and head.startswith("/"):
            parts = [p for p in head.split("/") if p]
            while rest and isinstance(rest[0], str) and "=" not in rest[0] and rest[0] not in VERBS:
                parts.append(rest[0])
                rest = rest[1:]
            if parts and parts[-1] in VERBS and not (rest and isinstance(rest[0], str) and rest[0] in VERBS):
                verb = parts.pop()
                section = "/" + "/".join(parts)
                tokens = [verb] + rest
            else:
                section = "/" + "/".join(parts)
                tokens = rest
            if not tokens:
                continue
        if section is None:
            raise UserInputError("running_config line %d: %r comes before any /menu line" % (number, line))
        verb = tokens[0]
        if not isinstance(verb, str) or verb not in VERBS:
            raise UserInputError("running_config line %d: unknown command %r in %s" % (number, verb, section))
        attrs, positional = _pairs(tokens[1:])
        find = {}
        others = []
        for pos in positional:
            if isinstance(pos, list) and pos and pos[0] == "find":
                words = [w for w in pos[1:] if isinstance(w, str) and w not in ("where", "and")]
                find.update(_pairs(words)[0])
            else:
                others.append(pos)
        commands.append(dict(path=section, verb=verb, attrs=attrs, find=find, positional=others, line=number))
    return commands


def parse_running_config(text):
    """``running_config`` is RouterOS export text, or the JSON list that ``gathered`` returns.

    Returns ("export", commands) or ("list", entries)."""
    stripped = text.strip()
    if stripped.startswith("["):
        try:
            data = json.loads(stripped)
        except ValueError as exc:
            raise UserInputError("running_config starts with [ but is not a JSON list: %s" % exc)
        if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
            raise UserInputError("running_config as JSON must be a list of objects, as gathered returns")
        return "list", data
    return "export", parse_export(text)
