# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark-only callback: per host and task, the task's start and the host's result time (time.time()), as JSON
lines in the file named by $TIKOPS_BENCH_TIMES."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: bench_task_times
type: aggregate
short_description: record per-host task times (benchmarks only)
description: [Writes each host's task start and result time and its failed status to $TIKOPS_BENCH_TIMES.]
"""

import json
import os
import time

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "bench_task_times"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        self._path = os.environ.get("TIKOPS_BENCH_TIMES")
        self._start = {}

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._start[task.get_name()] = time.time()

    def _done(self, result, failed):
        if not self._path:
            return
        name = result._task.get_name()
        with open(self._path, "a") as handle:
            handle.write(json.dumps(dict(task=name, host=result._host.get_name(), start=self._start.get(name),
                                         end=time.time(), failed=failed,
                                         msg=str(result._result.get("msg", ""))[:500])) + "\n")

    def v2_runner_on_ok(self, result, **kwargs):
        self._done(result, False)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._done(result, True)

    def v2_runner_on_unreachable(self, result):
        self._done(result, True)
