# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every error our client raises. Messages name what went wrong and where, and never carry a password."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tikops.routeros.plugins.module_utils.core.protocol import (  # noqa: F401  # pylint: disable=unused-import  # re-exported
    DecodeError,
    ProtocolError,
)

import json
import re

# Secret values are recognised by the field's name (docs/reliability.md, "Broker and secrets", has the rule):
# a name is secret when its last word (after any ``section.`` prefix, words split at ``-``, a trailing number
# dropped: ``static-key-0``) is one of SECRET_WORDS, or the whole name is in SECRET_NAMES; NOT_SECRET_NAMES are
# names that end in such a word but hold nothing secret (a public key, a yes/no flag, a key's size or name).
SECRET_WORDS = frozenset(("password", "passwords", "passphrase", "secret", "secrets", "psk", "key", "token",
                          "community", "signature", "response", "pin"))
# cak: the MACsec connectivity association key; pin, sim-pin: a SIM card's or a smart card's PIN
SECRET_NAMES = frozenset(("key-val", "eab-key-b64", "private-key-file-passphrase", "auth-key", "enc-key", "cak"))
NOT_SECRET_NAMES = frozenset(("public-key", "lacp-user-key", "reset-private-key", "no-key-export", "remote-key",
                              "host-key", "ssh-key", "pub-key"))
# Kept for callers that test names against a set: the common names, all secret by the rule too.
SECRET_ATTRIBUTES = frozenset(("password", "new-password", "old-password", "passphrase", "secret",
                               "private-key-passphrase", "response", "auth-key", "wpa2-pre-shared-key",
                               "wpa-pre-shared-key", "psk", "key", "private-key", "ipsec-secret",
                               "authentication-password", "encryption-password"))
MASK = "********"


_SECRET_CACHE = {}


def is_secret(name):
    """True when the field ``name`` (``private-key``, ``security.passphrase``, ``static-key-0``) holds a secret."""
    try:
        return _SECRET_CACHE[name]
    except KeyError:
        pass
    except TypeError:  # not hashable: not a name
        return False
    answer = _is_secret(name)
    if len(_SECRET_CACHE) < 4096:
        _SECRET_CACHE[name] = answer
    return answer


def _is_secret(name):
    if not isinstance(name, str):
        return False
    name = name.lower().strip()
    if not name:
        return False
    name = name.rsplit(".", 1)[-1].replace("_", "-")
    if name in NOT_SECRET_NAMES:
        return False
    if name in SECRET_NAMES:
        return True
    words = [w for w in name.split("-") if w]
    while words and words[-1].isdigit():
        words.pop()
    return bool(words) and words[-1] in SECRET_WORDS


def redact_words(words):
    """The words of a command, fit to show: values of secret attributes (``=name=value``) and of queries on them
    (``?name=value``, ``?<name=value``) become ``********``."""
    shown = []
    by_place = ()
    for word in words:
        text = word.decode("utf-8", "backslashreplace") if isinstance(word, (bytes, bytearray)) else word
        if not shown:
            by_place = _secret_by_place(text)
        if text[:1] in ("=", "?"):
            start = 1
            if text[:1] == "?" and text[1:2] in ("<", ">", "="):
                start = 2
            sep = text.find("=", start)
            if sep > start and (is_secret(text[start:sep]) or text[start:sep] in by_place):
                text = text[:sep + 1] + MASK
        shown.append(text)
    return shown


# Values that hold a secret by their place, not by their name: the value of an environment variable of a container
# (/container/envs: ``name`` is the list, ``key`` the variable's name, ``value`` what it is set to).
_ENV_PLACES = ("/container/envs", "/container envs")
_BY_PLACE = ("value",)


def _secret_by_place(text):
    """The names whose values are secret in ``text`` (a command word, a console line) by the menu it names."""
    return _BY_PLACE if any(place in text for place in _ENV_PLACES) else ()


# ``name=value`` in free text: API words (``=private-key=abc``), CLI commands (``private-key="a b"``), diff lines.
# Names are found one after the other, also inside the value of a name that is not secret (``comment=psk=x``).
_NAME = re.compile(r'(?<![\w.-])([A-Za-z][\w.-]*)=')
_VALUE = re.compile(r'"(?:[^"\\]|\\.)*"|[^\s"\',\])}]*')


def redact_text(text):
    """``text`` with the value of every ``name=value`` whose name is secret replaced by ``********`` (and of
    ``value=`` in the lines of a /container/envs command or export section)."""
    if not isinstance(text, str) or "=" not in text:
        return text
    if "/container" in text and any(place in text for place in _ENV_PLACES):
        lines = []
        section = ()
        for line in text.split("\n"):
            if line.lstrip().startswith("/"):  # an export's section header, or a command: the menu it names
                section = _secret_by_place(line.lstrip().split(" add", 1)[0])
            lines.append(_redact_names(line, section or _secret_by_place(line)))
        return "\n".join(lines)
    return _redact_names(text, ())


def _redact_names(text, by_place):
    pieces = []
    pos = 0
    done = 0
    while True:
        match = _NAME.search(text, pos)
        if match is None:
            break
        pos = match.end()
        if not is_secret(match.group(1)) and match.group(1) not in by_place:
            continue
        value = _VALUE.match(text, pos)
        end = value.end() if value is not None else pos
        if end > pos and text[pos:end] not in (MASK, '"%s"' % MASK):
            pieces.append(text[done:pos])
            pieces.append(MASK)
            done = end
        pos = end
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


# Result keys whose lists and mappings are router or config data (entries, rows, facts): their strings are never
# rewritten (a script source or comment with ``password=x`` in it goes back to the router byte for byte); only the
# values of secret fields are masked, by the field's name.
DATA_KEYS = frozenset(("gathered", "before", "after", "parsed", "rows", "done", "ansible_facts", "config", "menus",
                       "entries", "current", "desired"))


# Values an entry may hold that redact_data keeps as they are when their field is not secret.
_PLAIN = frozenset((str, int, float, bool, type(None)))


class ShownEntries(list):
    """Entries of a menu made to be shown as they are: no field of them is secret, and none is an entry whose
    values hold a secret by their place (a /container/envs entry's ``value``). Whoever makes one vouches for that
    (``menu/planner.facts``); :func:`redact_data` copies it without looking at its entries, which keeps a
    100,000-entry list's result from being walked entry by entry."""

    __slots__ = ()


def redact_data(value, depth=0, data=False):
    """A copy of a result (dicts, lists, strings) fit to show: the values of secret keys become ``********``;
    messages and commands (``name=value`` texts) are redacted with :func:`redact_text`; entries and rows under
    :data:`DATA_KEYS` keep their text as it is, so that what is gathered can be applied back unchanged. Rows of a
    large print are the common case: values without ``=`` are taken as they are."""
    if depth > 64:
        return value
    if value.__class__ is ShownEntries:
        return list(value)  # vouched for by its maker: a plain list of the same entries
    if data and value.__class__ is dict:
        # the common case of a large result: an entry or row of plain text values (no nested data, no secret
        # field, not a /container/envs entry) is copied as it is; anything else takes the general path below
        plain = True
        for key, item in value.items():
            if item.__class__ not in _PLAIN or is_secret(key):
                plain = False
                break
        if plain and not ("value" in value and "key" in value and "name" in value):
            return dict(value)
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if isinstance(item, str):
                if "=" in item and not data:
                    item = redact_text(item)
                if item and item != MASK and is_secret(key):
                    item = MASK
            elif isinstance(item, (list, tuple)) and item and is_secret(key):
                item = MASK  # a list of secrets (romon ``secrets``)
            elif key == "rendered" and isinstance(item, list) and not data:
                item = [redact_command(line) if isinstance(line, str) else line for line in item]
            elif isinstance(item, (dict, list, tuple)):
                item = redact_data(item, depth + 1, data or key in DATA_KEYS)
            elif item is not None and not isinstance(item, bool) and is_secret(key):
                item = MASK
            out[key] = item
        if isinstance(out.get("value"), str) and out["value"] and "key" in out and "name" in out:
            out["value"] = MASK  # a /container/envs entry: name, key and the value, which holds the secret
        return out
    if isinstance(value, list):
        return [redact_data(item, depth + 1, data) for item in value]
    if isinstance(value, tuple):
        return tuple(redact_data(item, depth + 1, data) for item in value)
    if isinstance(value, str) and not data:
        return redact_text(value)
    return value


_TOKEN = re.compile(r'([A-Za-z][\w.-]*)=("(?:[^"\\]|\\.)*"|[^\s"]*)|"(?:[^"\\]|\\.)*"|\S+')


def redact_command(line):
    """A console command (``rendered``) with the values of its secret arguments masked, and nothing else changed:
    text inside a quoted value (a comment or a script source that says ``password=x``) is the value, not an
    argument, and is kept as it is so that the command configures exactly what it says."""
    if not isinstance(line, str) or "=" not in line:
        return line
    pieces = []
    done = 0
    by_place = _secret_by_place(line)
    for match in _TOKEN.finditer(line):
        if match.group(1) and (is_secret(match.group(1)) or match.group(1) in by_place) and match.group(2) not in (
                "", '""', MASK, '"%s"' % MASK):
            pieces.append(line[done:match.start(2)])
            pieces.append(MASK)
            done = match.end(2)
    pieces.append(line[done:])
    return "".join(pieces)


def redact_running_config(text):
    """``running_config`` as an echoed invocation shows it: a JSON list (what gathered returns) with the values of
    secret fields masked by name; export text through :func:`redact_text`."""
    if not isinstance(text, str):
        return text
    stripped = text.strip()
    if stripped[:1] in ("[", "{"):
        try:
            data = json.loads(stripped)
        except ValueError:
            return redact_text(text)
        return json.dumps(redact_data(data, 1, True), sort_keys=True)
    return redact_text(text)


def secret_values(words):
    """The values of a command's secret attributes (``=name=value`` with a secret name), to be masked wherever a
    router echoes them."""
    out = []
    for word in words:
        text = word.decode("utf-8", "backslashreplace") if isinstance(word, (bytes, bytearray)) else str(word)
        if text[:1] == "=":
            sep = text.find("=", 1)
            if sep > 1 and text[sep + 1:] and is_secret(text[1:sep]):
                out.append(text[sep + 1:])
    return out


def _console_escaped(value):
    out = []
    for char in value:
        if char in '\\"$?':
            out.append("\\" + char)
        elif " " <= char <= "~":
            out.append(char)
        else:
            out.extend("\\%02X" % b for b in char.encode("utf-8"))
    return "".join(out)


def mask_values(text, values):
    """``text`` with every one of ``values`` masked, in each form a router or a log may write it: as it is, escaped
    as the console escapes (``\\"``, ``\\C3\\A9``), as JSON or Python escape it. Longest first, so that a value
    inside another goes too; a value shorter than 3 characters is masked only where it stands alone."""
    if not values or not isinstance(text, str):
        return text
    forms = set()
    for value in values:
        for form in (value, _console_escaped(value), json.dumps(value)[1:-1], repr(value)[1:-1]):
            if form:
                forms.add(form)
    for form in sorted(forms, key=len, reverse=True):
        if len(form) >= 3:
            text = text.replace(form, MASK)
        else:
            text = re.sub(r"(?<![\w\\])%s(?![\w])" % re.escape(form), MASK, text)
    return text


class RouterOSError(Exception):
    """Base class of every error raised by tikops.routeros."""


class ConnectError(RouterOSError):
    """The router could not be reached (refused, unreachable, TLS handshake failed, connect timed out)."""


class LoginError(RouterOSError):
    """The router refused the credentials, or the login exchange failed."""


class ConnectionLost(RouterOSError):
    """The connection closed or failed while a command was outstanding."""


class RouterTimeout(RouterOSError):
    """A wait ran out. The message names what was being waited for and for how long."""


class FatalError(RouterOSError):
    """The router sent ``!fatal``: the connection is finished. ``reason`` is the router's own words."""

    def __init__(self, reason):
        self.reason = reason
        super(FatalError, self).__init__("router closed the session: %s" % reason)


class TrapError(RouterOSError):
    """The router answered a command with one or more ``!trap`` replies.

    ``traps`` is a list of dicts with ``message`` and, when the router sent one, ``category``; ``command``
    is the command's words with secret values redacted.
    """

    CATEGORIES = {
        "0": "missing item or command",
        "1": "argument value failure",
        "2": "execution interrupted",
        "3": "scripting failure",
        "4": "general failure",
        "5": "API failure",
        "6": "TTY failure",
        "7": "value from :return",
    }

    def __init__(self, traps, command):
        secrets = secret_values(command)
        if secrets:  # a router may echo a refused value in its message
            traps = [dict((k, mask_values(v, secrets) if k == "message" else v) for k, v in t.items()) for t in traps]
        self.traps = traps
        self.command = redact_words(command)
        first = traps[0] if traps else {}
        self.message = first.get("message", "")
        self.category = first.get("category")
        detail = "; ".join(
            t.get("message", "") + (" (category %s: %s)" % (t["category"], self.CATEGORIES.get(t["category"], "?"))
                                    if t.get("category") is not None else "")
            for t in traps)
        super(TrapError, self).__init__("router error: %s; command: %s" % (detail, " ".join(self.command)))


class UserInputError(RouterOSError):
    """Input from a playbook is wrong; nothing was sent to the router."""
