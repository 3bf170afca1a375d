# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The RouterOS console's text: ``/export`` lines (and our ``rendered`` commands) read into commands.

No I/O: text in, a list of commands out (``parsed`` states and ``src:`` files use it).

What an export writes, and how it is read here (RouterOS 6 and 7, every export style: the default one, ``compact``,
``verbose``, ``terse``, ``show-sensitive``):

- a line ``/ip firewall filter`` (or ``/ip/firewall/filter``) opens a menu; the lines after it are its commands.
  ``terse`` writes the menu on every line (``/ip address add address=...``); RouterOS 7 also writes
  ``/ip/address/add ...``.
- a command is a verb (``add``, ``set``, ``remove``, ...), the item it acts on, and its arguments:
  ``set [ find default-name=ether1 ] name=wan`` (the item found by conditions), ``set 0 action=disk`` (a positional
  id: the item's number as print shows it), ``set telnet disabled=yes`` (a name), ``set [ find default=yes ] ...``
  (the menu's built-in item).
- ``name=value``; the value is plain, or quoted with the console's escapes (``\\"``, ``\\\\``, ``\\n``, ``\\_``,
  ``\\C3\\A9``: a byte, the bytes read as UTF-8).
- RouterOS 7 shortens a dotted argument that follows one with the same prefix: ``local.address=10.0.0.1
  .role=ebgp`` is ``local.role=ebgp``; the reader writes the name out in full.
- a bare word is a positional value or a boolean the menu knows (``add blackhole dst-address=...``); ``!name``
  is the field set to no (or, for a field that is not a boolean, left unset).
- a backslash that ends a line continues it on the next line (inside a quoted value too); the next line's indent
  is dropped. ``#`` starts a comment line. Only ``\\n`` (or ``\\r\\n``) ends a line.

A line the reader cannot read is an error that names its line number and its text; nothing is skipped.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re

from ansible_collections.tikops.routeros.plugins.module_utils.core import values as _values
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError


VERBS = ("add", "set", "remove", "unset", "enable", "disable", "move", "print", "edit", "reset", "comment")
# Verbs that act on items already there: the word after the verb names the item (a find, an id, a name).
_SELECTING = ("set", "remove", "unset", "enable", "disable", "move", "edit", "reset", "comment")
# Between the words of a line. Only a newline ends a line (\n, or \r\n): U+2028, \x85, \x0b, \x1c and the other
# characters Python's str.splitlines() also breaks at are text, as they are to RouterOS.
_BLANKS = " \t"
_PLAIN_RUN = re.compile(r'[^ \t\[\]"]+')
_QUOTED_RUN = re.compile(r'[^"\\]+')
_HEX_PAIR = re.compile(r"[0-9A-Fa-f]{2}")
# An argument's name: what comes before the first unquoted "=".
_ARG = re.compile(r"(\.?[A-Za-z0-9_][A-Za-z0-9_./-]*)=")
# A condition of a find: name, operator, value.
_CONDITION = re.compile(r"(\.?[A-Za-z0-9_][A-Za-z0-9_./-]*)(!=|<=|>=|=|~|<|>)")
_FLAG = re.compile(r"!?(\.?[A-Za-z0-9_][A-Za-z0-9_./-]*)\Z")
# An item's id as the console shows it: its number in the last print, or its internal id (*1A), or a list of them.
_NUMBER_ID = re.compile(r"(\*[0-9A-Fa-f]+|[0-9]+)(,(\*[0-9A-Fa-f]+|[0-9]+))*\Z")


class ExportError(UserInputError):
    """A line of export text the reader cannot read; ``line`` is its number, ``text`` the line."""

    def __init__(self, line, text, reason):
        self.line = line
        self.text = text
        self.reason = reason
        super(ExportError, self).__init__("running_config line %d: %s: %s" % (line, reason, _shown(text)))


def _shown(text, limit=160):
    text = repr(text)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _logical_lines(text):
    r"""(number, line): physical lines (ended by \n or \r\n only) joined where they end with a backslash that is not
    itself escaped (the export's line wrapping, inside a quoted value too), the continuation's indent dropped;
    comments and blank lines dropped. ``number`` is the physical line the logical one starts on."""
    buf = None
    first = None
    if text.startswith("\ufeff"):  # a byte order mark an editor put before the first line
        text = text[1:]
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


class _Word(object):
    """A word of a line: ``data`` its bytes (quotes and escapes resolved), ``head`` the text before its first quote
    (where an argument's name and a condition's operator are), ``quoted`` whether part of it was quoted, ``expr``
    the bracket expression that is its value (``place-before=[ find ... ]``)."""

    __slots__ = ("data", "head", "quoted", "expr")

    def __init__(self):
        self.data = bytearray()
        self.head = None
        self.quoted = False
        self.expr = None

    def text(self, start=0):
        return _values.console_text(self.data[start:])


class _Bracket(object):
    """``[ ... ]``: ``items`` its words (and nested brackets), ``src`` the text as written."""

    __slots__ = ("items", "src")

    def __init__(self):
        self.items = []
        self.src = ""


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
    raise ValueError("unterminated quoted value")


def _tokens(line):
    r"""Split one logical line into words (:class:`_Word`) and bracket expressions (:class:`_Bracket`)."""
    out = []
    stack = [(out, None, 0)]
    i = 0
    n = len(line)
    while i < n:
        c = line[i]
        if c in _BLANKS:
            i += 1
            continue
        if c == "[":
            br = _Bracket()
            target = stack[-1][0]
            prev = target[-1] if target else None
            # name=[ ... ]: the bracket is the word's value (no blank between them)
            if (isinstance(prev, _Word) and prev.expr is None and i > 0 and line[i - 1] not in _BLANKS
                    and prev.head is not None and prev.head.endswith("=") and _ARG.match(prev.head)
                    and len(prev.data) == len(prev.head.encode("utf-8"))):
                prev.expr = br
            else:
                target.append(br)
            stack.append((br.items, br, i))
            i += 1
            continue
        if c == "]":
            if len(stack) == 1:
                raise ValueError("a ] closes no [")
            dummy, br, start = stack.pop()
            br.src = line[start:i + 1]
            i += 1
            continue
        word = _Word()
        while i < n:
            run = _PLAIN_RUN.match(line, i)
            if run:
                if word.head is None:
                    word.head = run.group()
                word.data += _utf8(run.group())
                i = run.end()
            elif line[i] == '"':
                if word.head is None:
                    word.head = ""
                word.quoted = True
                i = _quoted(line, i + 1, word.data)
            else:
                break
        stack[-1][0].append(word)
    if len(stack) != 1:
        raise ValueError("a [ is not closed")
    return out


def _condition(word):
    """A word of a find as (field, operator, value); a bare ``name`` is ``name=yes``, ``!name`` is ``name=no``."""
    if isinstance(word, _Bracket):
        raise ValueError("a bracket expression inside find")
    m = _CONDITION.match(word.head or "")
    if m:
        return dict(field=m.group(1), op=m.group(2), value=word.text(len(m.group(0).encode("utf-8"))))
    text = word.text()
    m = _FLAG.match(text) if not word.quoted else None
    if m:
        return dict(field=m.group(1), op="=", value="no" if text.startswith("!") else "yes")
    raise ValueError("%r is not a condition of find" % (text,))


def _conditions(br):
    """The conditions of ``[ find ... ]`` (``where`` and ``and`` between them are optional)."""
    items = br.items[1:]
    if items and isinstance(items[0], _Word) and not items[0].quoted and items[0].text() == "where":
        items = items[1:]
    out = []
    expect = False
    for item in items:
        if isinstance(item, _Word) and not item.quoted and item.text() in ("and", "&&"):
            if not expect:
                raise ValueError("'and' without a condition before it in %s" % br.src)
            expect = False
            continue
        if isinstance(item, _Word) and not item.quoted and item.text() in ("or", "||", "not"):
            raise ValueError("'%s' in a find is not read (exports write conditions joined by and)" % item.text())
        out.append(_condition(item))
        expect = True
    return out


def _is_find(item):
    return (isinstance(item, _Bracket) and item.items and isinstance(item.items[0], _Word)
            and not item.items[0].quoted and item.items[0].text() == "find")


def _selector(conditions):
    if len(conditions) == 1 and conditions[0]["op"] == "=":
        cond = conditions[0]
        if cond["field"] == "default" and cond["value"] == "yes":
            return dict(kind="default", conditions=conditions)
        if cond["field"] == "default-name":
            return dict(kind="default-name", value=cond["value"], conditions=conditions)
    return dict(kind="find", conditions=conditions)


def _command(section, tokens):
    """The command dict of the tokens after the menu (verb first)."""
    verb = tokens[0].text()
    attrs = {}
    exprs = []
    words = []
    negated = []
    selector = None
    last = None  # the previous argument's full name (for the dotted shorthand)
    for tok in tokens[1:]:
        if isinstance(tok, _Bracket):
            if _is_find(tok) and selector is None and verb in _SELECTING and not attrs and not words and not negated:
                selector = _selector(_conditions(tok))
                continue
            raise ValueError("the bracket expression %s is not read here" % tok.src)
        m = _ARG.match(tok.head or "")
        if m:
            name = m.group(1)
            if name.startswith(".") and name != ".id":
                if last is None or "." not in last[1:]:
                    raise ValueError("%s continues no dotted name before it" % name)
                name = last[:last.rindex(".")] + name
            if name in attrs:
                raise ValueError("%s is given twice" % name)
            if tok.expr is not None:
                attrs[name] = tok.expr.src
                exprs.append(name)
            else:
                attrs[name] = tok.text(len(m.group(0).encode("utf-8")))
            last = name
            continue
        if tok.expr is not None:
            raise ValueError("the bracket expression %s is not read here" % tok.expr.src)
        text = tok.text()
        if not tok.quoted and text.startswith("!") and _FLAG.match(text):
            negated.append(text[1:])
        elif (selector is None and verb in _SELECTING and not attrs and not words and not negated):
            if tok.quoted:
                selector = dict(kind="name", value=text)
            else:
                selector = dict(kind="id" if _NUMBER_ID.match(text) else "name", value=text)
        else:
            words.append(text)
    find = {}
    conditions = []
    positional = []
    if selector is not None:
        if "conditions" in selector:
            conditions = selector["conditions"]
            find = dict((c["field"], c["value"]) for c in conditions if c["op"] == "=")
        else:
            positional.append(selector["value"])
    positional += words + ["!" + n for n in negated]
    cmd = dict(path=section, verb=verb, attrs=attrs, find=find, positional=positional, selector=selector,
               conditions=conditions, words=words, negated=negated)
    if exprs:
        cmd["exprs"] = exprs
    return cmd


def _menu(head, rest):
    """(path, tokens from the verb on) of a line that starts with ``/menu``: the menu's words are the first token
    (``/ip``, ``/ip/address``, ``/ip/address/add``) and the bare words after it up to a verb."""
    parts = [p for p in head.split("/") if p]
    if not parts and head != "/":
        raise ValueError("%r is not a menu" % head)
    while rest and isinstance(rest[0], _Word) and not rest[0].quoted and _ARG.match(rest[0].head or "") is None \
            and rest[0].text() not in VERBS:
        parts.append(rest[0].text())
        rest = rest[1:]
    if parts and parts[-1] in VERBS and not (rest and isinstance(rest[0], _Word) and rest[0].text() in VERBS):
        verb = _Word()
        verb.data += parts.pop().encode("utf-8")
        verb.head = verb.data.decode("utf-8")
        rest = [verb] + rest
    for part in parts:
        if not re.match(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z", part):
            raise ValueError("%r is not a menu name" % part)
    return "/" + "/".join(parts), rest


def read_export(text):
    """Read export text; returns (commands, problems): the commands of the lines read (as :func:`parse_export`
    returns them) and, for each line that could not be read, an :class:`ExportError` (``line``, ``text``,
    ``reason``). The reader goes on after a line it cannot read; :func:`parse_export` stops there."""
    commands = []
    problems = []
    section = None
    for number, line in _logical_lines(text):
        try:
            tokens = _tokens(line)
            if not tokens:
                continue
            head = tokens[0]
            if isinstance(head, _Word) and not head.quoted and head.text().startswith("/"):
                section, tokens = _menu(head.text(), tokens[1:])
                if not tokens:
                    continue
            if section is None:
                raise ValueError("a command before any /menu line")
            if not isinstance(tokens[0], _Word) or tokens[0].quoted or tokens[0].text() not in VERBS:
                raise ValueError("unknown command %r in %s" % (
                    tokens[0].src if isinstance(tokens[0], _Bracket) else tokens[0].text(), section))
            cmd = _command(section, tokens)
        except ValueError as exc:
            problems.append(ExportError(number, line, str(exc)))
            continue
        cmd["line"] = number
        cmd["text"] = line
        commands.append(cmd)
    return commands, problems


def parse_export(text):
    """Commands of a RouterOS ``/export`` (or of our ``rendered`` commands, or a mix).

    Returns a list of dicts, one per command line, in the order of the text:

    - ``path``: the menu, ``/ip/address``; ``verb``: ``add``, ``set``, ``remove``, ... (lines of every verb are
      returned; callers pick).
    - ``attrs``: field -> text of the ``name=value`` arguments. Dotted names are written out in full
      (``local.address=1.2.3.4 .role=ebgp`` gives ``local.address`` and ``local.role``). A value that is a bracket
      expression (``place-before=[ find ... ]``) is its text as written, and its name is in ``exprs``.
    - ``selector``: which item a ``set``/``remove``/``enable``/``disable``/``unset``/``move`` acts on, or None
      (an ``add``, or a ``set`` of a settings menu):

      - ``{"kind": "default-name", "value": "ether1", "conditions": [...]}``: ``[ find default-name=ether1 ]``,
        the item that came with the router (how every export renames ports);
      - ``{"kind": "default", "conditions": [...]}``: ``[ find default=yes ]``, the menu's built-in item (the SNMP
        community, a default profile);
      - ``{"kind": "find", "conditions": [...]}``: any other ``[ find ... ]``;
      - ``{"kind": "id", "value": "0"}``: a positional id (the item's number as print shows it, ``set 0
        action=disk``; or an internal id, ``*1A``; or a comma list of them);
      - ``{"kind": "name", "value": "telnet"}``: any other word (``/ip service set telnet``, ``/disk set slot1``,
        ``/system logging action set memory``); the menu decides which field it names.
    - ``conditions``: the find's conditions, a list of ``{"field", "op", "value"}``; ``op`` is ``=``, ``!=``,
      ``~``, ``<``, ``>``, ``<=`` or ``>=``; a bare ``name`` is ``name = yes`` and ``!name`` is ``name = no``.
    - ``find``: field -> text of the conditions whose operator is ``=`` (``[ find a=b ]``, ``[ find where a=b and
      c=d ]``); the other operators are in ``conditions`` only.
    - ``words``: the other bare words, in order (``add blackhole dst-address=...``): a boolean field set to yes or a
      positional value; the menu knows which.
    - ``negated``: the names of ``!name`` words: the field set to no (a boolean), or left unset.
    - ``positional``: the selector's value when it is an id or a name, then ``words``, then ``!`` + each of
      ``negated`` (what the first reader gave: an item named by itself in ``set ether1 ...``).
    - ``line``: the number of the (first physical) line; ``text``: the line as read (continuations joined).

    A line that cannot be read raises :class:`ExportError` (a :class:`UserInputError`) naming its number and its
    text; :func:`read_export` gives every such line instead.
    """
    commands, problems = read_export(text)
    if problems:
        raise problems[0]
    return commands


def render_command(cmd):
    """One console line for a command of :func:`parse_export` (the ``terse`` style: menu, verb, item, arguments),
    which reads back as the same command. Values are written as /export writes them (:func:`values.console_value`)."""
    out = ["/" + " ".join(p for p in cmd["path"].split("/") if p), cmd["verb"]]
    sel = cmd.get("selector")
    if sel is not None:
        if "conditions" in sel:
            out.append(_render_find(sel["conditions"]))
        else:
            value = _values.console_value(sel["value"])
            if sel["kind"] == "name" and value == sel["value"] and _NUMBER_ID.match(value):
                value = '"%s"' % value  # quoted, it is a name, not an id
            out.append(value)
    out.extend("!" + name for name in cmd.get("negated", ()))
    exprs = cmd.get("exprs", ())
    for name, value in cmd["attrs"].items():
        out.append("%s=%s" % (name, value if name in exprs else _values.console_value(value)))
    out.extend(_values.console_value(word) for word in cmd.get("words", ()))
    return " ".join(out)


def _render_find(conditions):
    parts = []
    for cond in conditions:
        if cond["op"] == "=" and cond["value"] in ("yes", "no") and cond["field"] not in ("default", "default-name"):
            parts.append(cond["field"] if cond["value"] == "yes" else "!" + cond["field"])
        else:
            parts.append("%s%s%s" % (cond["field"], cond["op"], _values.console_value(cond["value"])))
    if not parts:
        return "[ find ]"
    if len(parts) == 1 and conditions[0]["op"] == "=":
        return "[ find %s ]" % parts[0]
    return "[ find where %s ]" % " and ".join(parts)


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
