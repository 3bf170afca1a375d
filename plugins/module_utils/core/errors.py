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
    for word in words:
        text = word.decode("utf-8", "backslashreplace") if isinstance(word, (bytes, bytearray)) else word
        if text[:1] in ("=", "?"):
            start = 1
            if text[:1] == "?" and text[1:2] in ("<", ">", "="):
                start = 2
            sep = text.find("=", start)
            if sep > start and is_secret(text[start:sep]):
                text = text[:sep + 1] + MASK
        shown.append(text)
    return shown


# ``name=value`` in free text: API words (``=private-key=abc``), CLI commands (``private-key="a b"``), diff lines.
# Names are found one after the other, also inside the value of a name that is not secret (``comment=psk=x``).
_NAME = re.compile(r'(?<![\w.-])([A-Za-z][\w.-]*)=')
_VALUE = re.compile(r'"(?:[^"\\]|\\.)*"|[^\s"\',\])}]*')


def redact_text(text):
    """``text`` with the value of every ``name=value`` whose name is secret replaced by ``********``."""
    if not isinstance(text, str) or "=" not in text:
        return text
    pieces = []
    pos = 0
    done = 0
    while True:
        match = _NAME.search(text, pos)
        if match is None:
            break
        pos = match.end()
        if not is_secret(match.group(1)):
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


def redact_data(value, depth=0):
    """A copy of a result (dicts, lists, strings) fit to show: the values of secret keys become ``********``, and
    ``name=value`` texts are redacted with :func:`redact_text`. Rows of a large print are the common case: values
    without ``=`` are taken as they are."""
    if depth > 64:
        return value
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if isinstance(item, str):
                if "=" in item:
                    item = redact_text(item)
                if item and item != MASK and is_secret(key):
                    item = MASK
            elif isinstance(item, (list, tuple)) and item and is_secret(key):
                item = MASK  # a list of secrets (romon ``secrets``)
            elif isinstance(item, (dict, list, tuple)):
                item = redact_data(item, depth + 1)
            elif item is not None and not isinstance(item, bool) and is_secret(key):
                item = MASK
            out[key] = item
        if isinstance(out.get("value"), str) and out["value"] and "key" in out and "name" in out:
            out["value"] = MASK  # a /container/envs entry: name, key and the value, which holds the secret
        return out
    if isinstance(value, list):
        return [redact_data(item, depth + 1) for item in value]
    if isinstance(value, tuple):
        return tuple(redact_data(item, depth + 1) for item in value)
    if isinstance(value, str):
        return redact_text(value)
    return value


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
