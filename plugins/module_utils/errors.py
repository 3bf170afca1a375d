# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every error our client raises. Messages name what went wrong and where, and never carry a password."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tikops.routeros.plugins.module_utils.protocol import (  # noqa: F401  # pylint: disable=unused-import  # re-exported
    DecodeError,
    ProtocolError,
)

SECRET_ATTRIBUTES = frozenset(("password", "new-password", "old-password", "passphrase", "secret",
                               "private-key-passphrase", "response", "auth-key", "wpa2-pre-shared-key",
                               "wpa-pre-shared-key", "psk", "key"))


def redact_words(words):
    """The words of a command, fit to show: values of secret attributes become ``********``."""
    shown = []
    for word in words:
        text = word.decode("utf-8", "backslashreplace") if isinstance(word, (bytes, bytearray)) else word
        if text.startswith("="):
            sep = text.find("=", 1)
            if sep > 0 and text[1:sep] in SECRET_ATTRIBUTES:
                text = text[:sep + 1] + "********"
        shown.append(text)
    return shown


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
