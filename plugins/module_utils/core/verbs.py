# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which commands only read: one table for every place that asks (the broker's re-send after a lost connection,
the ``command`` module's ``changed``, telemetry's write count). A command not listed counts as a write."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# Verbs that change nothing on the router. ping, traceroute and torch are diagnostics: they send probes or watch
# traffic and change no setting; cancel stops another command of the same connection.
READ_VERBS = frozenset(("print", "getall", "get", "find", "listen", "monitor", "monitor-traffic", "ping",
                        "traceroute", "torch", "cancel"))
# Whole commands that are reads where the verb alone says too little (``quick`` and ``profile`` are harmless only
# there). Left out on purpose, so they count as writes: /tool/bandwidth-test and /tool/speed-test (they load links
# and CPU), /interface/wireless/scan and /interface/ethernet/cable-test (they interrupt the link), /tool/fetch and
# /export (they write files).
READ_COMMANDS = frozenset(("/tool/sniffer/quick", "/tool/profile"))


def is_read(word):
    """Whether the command ``word`` (``/ip/address/print``, text or bytes) only reads."""
    if isinstance(word, (bytes, bytearray)):
        word = bytes(word).decode("utf-8", "replace")
    return word[word.rfind("/") + 1:] in READ_VERBS or word in READ_COMMANDS
