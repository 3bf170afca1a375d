# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Compare RouterOS values by meaning, without changing what is stored.

Values are text on the wire. A playbook may say ``yes`` where the router prints ``true``, ``1d`` where it
prints ``1d00:00:00`` or ``24h``, ``25M`` where it prints ``26214400``. The parsers here turn both sides into
a comparable form; ``same_value(kind, a, b)`` is the entry point of the idempotency engine. Anything that does
not parse under its kind is compared as text, so an unexpected value is never reported equal by accident.

Kinds: ``str`` (exact text), ``bool``, ``int``, ``duration``, ``size`` (bytes; k/M/G/T are 1024-based, as
RouterOS sizes are), ``rate`` (bits/s; k/M/G/T are 1000-based, as queue limits are), ``list`` (comma list,
order matters), ``set`` (comma list, order does not matter), ``mac`` (case-insensitive), ``istr``
(case-insensitive text), ``prefix`` (an interface address: ``10.0.0.1`` is ``10.0.0.1/32``, IPv6 in any
spelling), ``ip`` (an address), and ``auto`` for a field nobody typed: compared as the desired value is typed
(a boolean as a boolean, a number as a number or size, a list as a list, text as text).

This module is the one place where values have a meaning; the planner, the apply layer and the modules use it:

- booleans: ``true``/``yes``/``on`` and ``false``/``no``/``off`` (:data:`TRUE_WORDS`, :data:`FALSE_WORDS`; YAML
  1.1 reads a bare ``on``/``off`` as a boolean). ``enabled``/``disabled`` are not booleans: they are words of
  particular fields (``arp``), compared as text.
- written booleans (:func:`to_api`): ``yes``/``no``, the words ``/export`` writes and every RouterOS version
  accepts; :func:`bool_text` gives a field's own pair where the command tree names it (``true``/``false``).
- printed values (:func:`to_text`): ``true``/``false``, as the RouterOS 7 API prints booleans (what a query
  word compares with).

Console text (states ``rendered`` and ``parsed``): :func:`check_menu_path` and :func:`check_field_name` refuse
what is not a RouterOS menu path or argument name, :func:`console_value` writes a value as ``/export`` does, and
:data:`CONSOLE_ESCAPES` and :func:`console_text` read it back.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import functools
import ipaddress
import re

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError
from ansible_collections.tikops.routeros.plugins.module_utils.core.protocol import (
    FallbackText,
    InvalidName,
    check_attribute_name,
    decode_fallback,
)

TRUE_WORDS = frozenset(("true", "yes", "on"))
FALSE_WORDS = frozenset(("false", "no", "off"))

_NS = {"w": 604800 * 10 ** 9, "d": 86400 * 10 ** 9, "h": 3600 * 10 ** 9, "m": 60 * 10 ** 9, "s": 10 ** 9,
       "ms": 10 ** 6, "us": 10 ** 3, "ns": 1}
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)(ms|us|ns|w|d|h|m|s)")
_CLOCK = re.compile(r"(\d+):(\d{1,2}):(\d{1,2})(?:\.(\d{1,9}))?$")
_SIZE = re.compile(r"^(\d+(?:\.\d+)?)\s*([kKmMgGtT]?)(i?)([bB]?)(?:ps)?$")
_POWERS = {"": 0, "k": 1, "m": 2, "g": 3, "t": 4}


class NotParsed(ValueError):
    """The value does not parse under the requested kind."""


def to_text(value):
    """A Python value as RouterOS text (``True`` -> ``true``; ``None`` stays ``None``)."""
    if value is None:
        return None
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (list, tuple)):
        return ",".join(to_text(v) for v in value)
    return str(value)


def to_api(value):
    """A value as the text a write sends: booleans as ``yes``/``no`` (what ``/export`` writes; RouterOS 6 and 7
    accept it), lists comma-joined, ``None`` as ``""``."""
    if value is None:
        return ""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, (list, tuple, set, frozenset)):
        return ",".join(to_api(v) for v in value)
    return str(value)


# The pairs of words a RouterOS boolean field takes (the command tree names one of them as the field's values).
BOOL_PAIRS = (("yes", "no"), ("true", "false"))


def is_bool_words(words):
    """Whether a field whose accepted words are ``words`` is a boolean (``yes|no`` or ``true|false``)."""
    return bool(words) and frozenset(words) in (frozenset(BOOL_PAIRS[0]), frozenset(BOOL_PAIRS[1]))


def bool_text(value, words=None):
    """A boolean as a field takes it: ``true``/``false`` when its words (the command tree's) are those, else
    ``yes``/``no``."""
    if words and "true" in words and "yes" not in words:
        return "true" if value else "false"
    return "yes" if value else "no"


def truthy(value):
    """Whether a flag the router prints (``dynamic``, ``builtin``) is set: a true boolean word; anything else
    (absent, ``false``, other text) is not."""
    if value is True or value is False:
        return value
    if value is None:
        return False
    return str(value).strip().lower() in TRUE_WORDS


def bool_or_none(value):
    """:func:`parse_bool`, or ``None`` for a value that is no boolean."""
    try:
        return parse_bool(value)
    except NotParsed:
        return None


def int_or_none(value):
    """:func:`parse_int`, or ``None`` for a value that is no number."""
    try:
        return parse_int(value)
    except NotParsed:
        return None


def parse_bool(value):
    """``True``/``False`` for RouterOS booleans (``true``/``false``/``yes``/``no``, and ``on``/``off``);
    raises :class:`NotParsed` for anything else (``enabled`` included: a word of its own fields)."""
    if value is True or value is False:
        return value
    text = str(value).strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise NotParsed("%r is not a boolean" % (value,))


def parse_int(value):
    """An integer from decimal text (``0x`` hex accepted); raises :class:`NotParsed`."""
    if isinstance(value, bool):
        raise NotParsed("%r is not a number" % (value,))
    if isinstance(value, int):
        return value
    text = str(value).strip()
    try:
        if text.lower().startswith(("0x", "-0x")):
            return int(text, 16)
        return int(text, 10)
    except ValueError:
        raise NotParsed("%r is not a number" % (value,))


def parse_duration(value):
    """A duration as integer nanoseconds, or ``None`` for ``none``/empty (unset).

    Accepts ``1w2d3h4m5s``, ``500ms``, ``1.5s``, ``01:22:53``, ``1d01:22:53``, ``00:00:00.5`` and a bare
    number of seconds. Raises :class:`NotParsed` for anything else.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise NotParsed("%r is not a duration" % (value,))
    if isinstance(value, (int, float)):
        return int(round(value * 10 ** 9))
    text = str(value).strip().lower()
    if text in ("", "none"):
        return None
    if re.match(r"^\d+(?:\.\d+)?$", text):
        return _ns(text, 10 ** 9)
    total = 0
    pos = 0
    for match in _DURATION_PART.finditer(text):
        if match.start() != pos:
            break
        total += _ns(match.group(1), _NS[match.group(2)])
        pos = match.end()
    rest = text[pos:]
    if rest:
        clock = _CLOCK.match(rest)
        if not clock:
            raise NotParsed("%r is not a duration" % (value,))
        hours, minutes, seconds, frac = clock.groups()
        if int(minutes) > 59 or int(seconds) > 59:
            raise NotParsed("%r is not a duration" % (value,))
        total += (int(hours) * 3600 + int(minutes) * 60 + int(seconds)) * 10 ** 9
        if frac:
            total += int(frac.ljust(9, "0"))
    elif pos == 0:
        raise NotParsed("%r is not a duration" % (value,))
    return total


def _ns(number, unit):
    if "." in number:
        whole, frac = number.split(".", 1)
        return int(whole) * unit + int(frac) * unit // 10 ** len(frac)
    return int(number) * unit


def _scaled(value, base, kind):
    if isinstance(value, bool):
        raise NotParsed("%r is not a %s" % (value, kind))
    if isinstance(value, int):
        return value
    text = str(value).strip()
    match = _SIZE.match(text)
    if not match:
        raise NotParsed("%r is not a %s" % (value, kind))
    number, prefix, binary, _unit = match.groups()
    scale = (1024 if binary else base) ** _POWERS[prefix.lower()]
    if "." in number:
        whole, frac = number.split(".", 1)
        return int(whole) * scale + int(frac) * scale // 10 ** len(frac)
    return int(number) * scale


def parse_size(value):
    """Bytes from ``26214400``, ``25M``, ``25MiB``, ``1k``, ``1G``, ``25.0MiB`` (k/M/G/T are 1024-based)."""
    return _scaled(value, 1024, "size")


def parse_rate(value):
    """Bits per second from ``10M``, ``10000000``, ``1.5G``, ``512k`` (k/M/G/T are 1000-based; ``Ki`` 1024)."""
    return _scaled(value, 1000, "rate")


def parse_list(value):
    """A comma list as a list of stripped items (``""``/``None`` -> ``[]``); the items of a Python list are split
    at commas too (``["a,b", "c"]`` is three items)."""
    if value is None:
        return []
    if isinstance(value, (list, tuple, set, frozenset)):
        items = []
        for item in value:
            items.extend(to_text(item).split(","))
    else:
        items = str(value).split(",")
    return [item.strip() for item in items if item.strip() != ""]


_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
# IPv4 already in the router's spelling (no leading zeros, optional /0-32): most values of a big address list
_PLAIN_V4 = re.compile(r"%s(?:\.%s){3}(/(?:3[0-2]|[12]?[0-9]))?\Z" % (_OCTET, _OCTET))


_PLAIN_V4_HEAD = re.compile(r"%s(?:\.%s){2}\Z" % (_OCTET, _OCTET))
_OCTETS = frozenset(str(i) for i in range(256))


def _prefix_text(text):
    match = _PLAIN_V4.match(text)
    if match:
        return (text if match.group(1) else text + "/32"), 4
    return _prefix_text_slow(text)


@functools.lru_cache(maxsize=65536)
def _prefix_text_slow(text):
    try:
        iface = ipaddress.ip_interface(text)
    except ValueError:
        return None, None
    return "%s/%d" % (iface.ip.compressed, iface.network.prefixlen), iface.version


def normalize_prefix(value, version=None):
    """``10.0.0.1/24`` as the router prints it (host part kept, prefix length always shown); None if invalid.

    An address without a length gets ``/32`` (``/128`` for IPv6), as the router does."""
    if value is None or isinstance(value, bool):
        return None
    text, got = _prefix_text(str(value).strip())
    if text is None or (version is not None and got != version):
        return None
    return text


def network_of(value):
    """The network address the router derives for an interface address (``10.0.0.1/24`` -> ``10.0.0.0``)."""
    try:
        return str(ipaddress.ip_interface(str(value).strip()).network.network_address)
    except ValueError:
        return None


def parse_prefix(value):
    """An interface address in the router's spelling (:func:`normalize_prefix`); raises :class:`NotParsed`."""
    got = normalize_prefix(value)
    if got is None:
        raise NotParsed("%r is not an address" % (value,))
    return got


def parse_ip(value):
    """An IP address, compressed (``2001:DB8:0::1`` -> ``2001:db8::1``); raises :class:`NotParsed`."""
    try:
        return ipaddress.ip_address(str(value).strip()).compressed
    except ValueError:
        raise NotParsed("%r is not an IP address" % (value,))


def _text(value):
    return to_text(value)


PARSERS = {
    "str": _text,
    "bool": parse_bool,
    "int": parse_int,
    "duration": parse_duration,
    "size": parse_size,
    "rate": parse_rate,
    "list": parse_list,
    "set": lambda v: sorted(parse_list(v)),
    "mac": lambda v: None if v is None else str(v).strip().upper().replace("-", ":"),
    "istr": lambda v: None if v is None else to_text(v).lower(),
    "prefix": lambda v: None if v is None else parse_prefix(v),
    "ip": lambda v: None if v is None else parse_ip(v),
}
KINDS = tuple(PARSERS) + ("auto",)


def normalize(kind, value):
    """The comparable form of ``value`` under ``kind``; raises :class:`NotParsed` when it does not parse."""
    if kind == "auto":
        return _auto(value)
    try:
        parser = PARSERS[kind]
    except KeyError:
        raise ValueError("unknown value kind %r (known: %s)" % (kind, ", ".join(sorted(PARSERS))))
    return parser(value)


def _auto(value):
    """The comparable form of a value of an untyped field, by the value's own Python type."""
    if value is None:
        return None
    if value is True or value is False:
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(parse_list(value))
    return to_api(value)


def canonical(kind, value):
    """A hashable form of ``value`` under ``kind``, equal for values of the same meaning (keys are matched by it);
    a value that does not parse under ``kind`` is its text."""
    if value is None:
        return None
    if isinstance(value, str):  # the common cases first: keys of big menus are text, often addresses
        if kind in ("str", "auto"):
            return value
        if kind == "prefix":
            return normalize_prefix(value) or value
    try:
        got = normalize(kind, value)
    except NotParsed:
        return to_api(value)
    return tuple(got) if isinstance(got, list) else got


def canonical_texts(kind, texts, into):
    """:func:`canonical` of each text of ``texts`` (strings) under ``kind``, stored in the mapping ``into`` (text ->
    canonical form): a big list's keys in one loop. An IPv4 address in the router's spelling, the common key of a
    big address list, is read by one pattern match."""
    if kind == "prefix":
        match = _PLAIN_V4.match
        heads = {}  # the first three octets of addresses without a length ("10.0.0"), each checked once
        for text in texts:
            head, _dot, last = text.rpartition(".")
            if last in _OCTETS:
                plain = heads.get(head)
                if plain is None:
                    plain = heads[head] = _PLAIN_V4_HEAD.match(head) is not None
                if plain:
                    into[text] = text + "/32"
                    continue
            got = match(text)
            if got is not None:
                into[text] = text if got.group(1) else text + "/32"
            else:
                into[text] = canonical(kind, text)
        return into
    for text in texts:
        into[text] = canonical(kind, text)
    return into


def same(kind, want, have):
    """Whether the router's ``have`` already means the desired ``want`` under ``kind`` (:func:`same_value`; the
    ``auto`` kind is typed by ``want``: a boolean ``want`` matches a boolean word, a number a number or a size, a
    list the same items in the same order, text the same text or, when both are boolean words, the same boolean)."""
    if kind != "auto":
        return same_value(kind, want, have)
    if want is True or want is False:
        return bool_or_none(have) is want
    if isinstance(want, int):
        if int_or_none(have) == want:
            return True
        try:
            return parse_size(have) == want
        except NotParsed:
            return False
    if isinstance(want, (list, tuple)):
        return parse_list(want) == parse_list(have)
    text = to_api(want)
    if text == to_api(have):
        return True
    wb, hb = bool_or_none(text), bool_or_none(have)
    return wb is not None and wb is hb


def same_value(kind, a, b):
    """True when ``a`` and ``b`` mean the same under ``kind``.

    ``None`` (absent) equals only ``None``, except where the kind itself maps a text to ``None`` (a duration
    of ``none``). If either side does not parse under ``kind``, the two are compared as text.
    """
    if kind == "auto":
        return same(kind, a, b)
    try:
        na = normalize(kind, a)
        nb = normalize(kind, b)
    except NotParsed:
        return _text(a) == _text(b)
    if kind in ("list", "set") and (a is None) != (b is None):
        return False
    return na == nb


# ---------------------------------------------------------------------------------------------------------
# Console text: names and values as RouterOS writes them in /export (state rendered) and reads them (state parsed)

FIELD_NAME_RULE = ("lowercase letters, digits and '-', in '.'-separated groups that may hold a '/', as every argument of "
                   "the RouterOS command trees is written: mac-address, channel.width, basic-rates-a/g, 802.3-type")
MENU_PATH_RULE = "each menu name after a '/', the names written as argument names are, such as /ip/firewall/filter"


def _argument_name(name):
    """Whether ``name`` is a RouterOS argument name: the API's attribute rule without its own dotted words (``.id``)."""
    if not isinstance(name, str) or name.startswith("."):
        return False
    try:
        check_attribute_name(name)
    except InvalidName:
        return False
    return True


def check_field_name(name, what="field name"):
    """``name`` when it is a RouterOS argument name (:data:`FIELD_NAME_RULE`); else :class:`UserInputError` naming it.

    Console text has no quoting for names: anything else (``comment;/system/reboot;x``, a newline, a space, ``=``,
    upper case, ``.id``) would change the command a rendered line runs."""
    if not _argument_name(name):
        raise UserInputError("%s %r is not a RouterOS argument name (%s)" % (what, name, FIELD_NAME_RULE))
    return name


def check_menu_path(path):
    """``path`` when it is a menu path (``/ip/firewall/filter``: names of :func:`check_field_name`'s rule, each after
    a ``/``); else :class:`UserInputError` naming it."""
    if not (isinstance(path, str) and path.startswith("/") and all(_argument_name(p) for p in path[1:].split("/"))):
        raise UserInputError("menu path %r is not a RouterOS menu path (%s)" % (path, MENU_PATH_RULE))
    return path


# Written unquoted by /export; anything else is quoted.
_CONSOLE_PLAIN = re.compile(r"[A-Za-z0-9_.:/*+@,-]+\Z")
# Inside quotes, by byte: these as a backslash and a letter, printable ASCII as itself, any other byte (control
# characters, DEL, each byte of a non-ASCII character's UTF-8) as a backslash and two upper-case hex digits.
_CONSOLE_WRITE = {ord('"'): '\\"', ord("\\"): "\\\\", ord("$"): "\\$", ord("?"): "\\?", ord("\n"): "\\n", ord("\r"): "\\r",
                  ord("\t"): "\\t"}
_CONSOLE_BYTES = tuple(_CONSOLE_WRITE.get(b) or (chr(b) if 0x20 <= b < 0x7F else "\\%02X" % b) for b in range(256))
# What a backslash and a letter mean inside quotes (the RouterOS scripting manual's escape sequences); a backslash
# and two hex digits is that byte.
CONSOLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "a": "\a", "b": "\b", "f": "\f", "v": "\v", "_": " ",
                   '"': '"', "\\": "\\", "$": "$", "?": "?"}


def console_value(value):
    """``value`` (text) as RouterOS /export writes it: as it is when it is made of letters, digits and ``_.:/*+@,-``
    only; otherwise in double quotes, with ``\\"``, ``\\\\``, ``\\$``, ``\\?``, ``\\n``, ``\\r``, ``\\t`` and every other
    byte that is not printable ASCII (control characters, DEL, the UTF-8 bytes of non-ASCII text) as ``\\HH``
    (U+00E9 is ``"\\C3\\A9"``). The result is one line, and one word of a command whatever the value holds.

    :class:`FallbackText` (text that was not UTF-8) is written as its own bytes, so it reads back unchanged."""
    if isinstance(value, FallbackText):
        data = value.raw
    else:
        text = value if isinstance(value, str) else to_text(value)
        if _CONSOLE_PLAIN.match(text):
            return text
        try:
            data = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            raise UserInputError("value %r is not valid text (it holds a lone surrogate)" % (text,))
    return '"%s"' % "".join(_CONSOLE_BYTES[b] for b in bytearray(data))


def console_text(data):
    """The bytes of a word of console text (escapes resolved) as text: UTF-8, as /export writes it; bytes that are
    not UTF-8 (an export of a router that keeps text in a code page) are :class:`FallbackText` (cp1252, the API
    session's default fallback, or latin-1), which keeps the bytes."""
    data = bytes(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return decode_fallback(data, "cp1252")
