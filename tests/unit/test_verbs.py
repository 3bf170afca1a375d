# -*- coding: utf-8 -*-
"""One table of read-only commands, used by the broker's re-send rule, the command module's changed and telemetry."""

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.core import verbs
from ansible_collections.tikops.routeros.plugins.module_utils.api import telemetry
from ansible_collections.tikops.routeros.plugins.module_utils.tasks.command import Request
from ansible_collections.tikops.routeros.plugins.plugin_utils import broker


@pytest.mark.parametrize("word, read", [
    ("/ip/address/print", True), ("/interface/getall", True), ("/system/identity/get", True), ("/ip/route/find", True),
    ("/ping", True), ("/tool/traceroute", True), ("/tool/torch", True), ("/cancel", True), ("/tool/profile", True),
    ("/tool/sniffer/quick", True), ("/interface/monitor-traffic", True), ("/log/listen", True),
    ("/ip/address/add", False), ("/system/reboot", False), ("/export", False), ("/tool/fetch", False),
    ("/tool/bandwidth-test", False), ("/quick", False), ("/ip/address/set", False)])
def test_one_table_answers_for_every_caller(word, read):
    assert verbs.is_read(word) is read
    assert verbs.is_read(word.encode()) is read
    tele = telemetry.Telemetry({"host": "r"})

    class Cmd:
        words = [word]
        tag = "1"
        error = None
        traps = ()
        cancelled = False
        internal = False
    tele._command_event(Cmd(), 0, 0.0, "done")  # pylint: disable=protected-access
    assert tele.counts["writes"] == (0 if read else 1)
    assert Request(words=[word]).is_read is read
    assert broker.read_only(word.encode()) is read
