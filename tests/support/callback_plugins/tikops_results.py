# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test-only callback: every task result and the final stats as JSON lines in $TIKOPS_TEST_RESULTS."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = r"""
name: tikops_results
type: aggregate
short_description: write task results as JSON lines (tests only)
description: [Writes every task result and the play stats to the file named by TIKOPS_TEST_RESULTS.]
requirements: [enable in callbacks_enabled]
"""


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "tikops_results"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        self._path = os.environ.get("TIKOPS_TEST_RESULTS")

    def _write(self, record):
        if not self._path:
            return
        with open(self._path, "a") as handle:
            handle.write(json.dumps(record, default=str, sort_keys=True) + "\n")

    def _record(self, status, result):
        data = getattr(result, "result", None)
        if data is None:
            data = result._result
        self._write(dict(kind="task", status=status, host=result._host.get_name(), task=result._task.get_name(),
                         action=result._task.action, result=dict(data)))

    def v2_runner_on_ok(self, result, **kwargs):
        self._record("ok", result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record("failed", result)

    def v2_runner_on_unreachable(self, result):
        self._record("unreachable", result)

    def v2_runner_on_skipped(self, result):
        self._record("skipped", result)

    def v2_playbook_on_stats(self, stats):
        hosts = sorted(stats.processed.keys())
        self._write(dict(kind="stats", stats=dict((h, stats.summarize(h)) for h in hosts)))
