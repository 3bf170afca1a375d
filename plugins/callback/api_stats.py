# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: api_stats
type: aggregate
short_description: Print per host what the RouterOS API tasks of a run cost
version_added: 1.0.0
description:
  - At the end of a playbook run, prints one line per host that talked to a RouterOS router through this
    collection - logins, commands, round trips, rows received, bytes written and read, time spent waiting for the
    router, and commands that change something (writes; traps and errors when there were any).
  - The figures cover every task of the collection, the facts module run by C(gather_facts) included, with the
    P(tikops.routeros.api#connection) connection (kept sessions through the session daemon or not) or with
    explicit connection options, whatever the number of forks.
  - "How it works: the callback makes a private spool file when the run starts and names it in the environment of
    C(ansible-playbook); each task (in its worker process, or in the module process C(gather_facts) starts) counts
    what its own session did and appends one line of counts to that file; the callback adds them up per host at
    the end. The spool holds counts only, never a value sent to or read from a router."
  - For the events behind the counts (every command with its duration), set the connection's
    O(tikops.routeros.api#connection:telemetry_file) option or run with C(-vvvv).
author:
  - tikops.routeros contributors (@tikops)
requirements:
  - enable it in C(callbacks_enabled) (C(ANSIBLE_CALLBACKS_ENABLED=tikops.routeros.api_stats))
notes:
  - Round trips count the writes of command batches to the router; a batch sent at once (the facts module's
    reads, the reads of a resource module) is one, whatever the number of commands in it.
  - Logins count the router logins the run caused; tasks that reuse a kept session count none.
"""

EXAMPLES = r"""
# ansible.cfg
# [defaults]
# callbacks_enabled = tikops.routeros.api_stats
#
# The end of a run then shows, for example:
#
# TIKOPS.ROUTEROS API STATS ****************************************************
# core1 : logins=1 commands=14 round_trips=6 rows=52 bytes=9120 (out 1480, in 7640) wait=0.041s writes=2
"""

import os
import shutil
import tempfile

from ansible.plugins.callback import CallbackBase

from ansible_collections.tikops.routeros.plugins.module_utils.api.telemetry import (
    ENV_SPOOL,
    aggregate,
    format_counts,
    read_records,
)


class CallbackModule(CallbackBase):
    """Sums the per-task counts that the collection's tasks append to a spool, and prints them per host."""

    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "tikops.routeros.api_stats"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        self._spool_dir = None
        self._spool = None
        self._pid = os.getpid()  # forks (the workers) inherit this object: only this process cleans up
        self._open_spool()

    def _open_spool(self):
        """Make the spool (mode 0600 in a 0700 directory) and name it for the workers this process forks."""
        try:
            self._spool_dir = tempfile.mkdtemp(prefix="tikops-api-stats-")
            self._spool = os.path.join(self._spool_dir, "stats.jsonl")
            os.close(os.open(self._spool, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except OSError as exc:
            self._display.warning("tikops.routeros.api_stats: cannot make its spool file: %s" % exc)
            self._spool = None
            return
        os.environ[ENV_SPOOL] = self._spool

    def _remove_spool(self):
        if os.getpid() != self._pid:
            return
        if os.environ.get(ENV_SPOOL) == self._spool:
            del os.environ[ENV_SPOOL]
        if self._spool_dir:
            shutil.rmtree(self._spool_dir, ignore_errors=True)
        self._spool_dir = self._spool = None

    def v2_playbook_on_stats(self, stats):
        if not self._spool:
            return
        hosts = aggregate(read_records(self._spool))
        self._remove_spool()
        if not hosts:
            return
        self._display.banner("TIKOPS.ROUTEROS API STATS")
        width = max(len(host) for host in hosts)
        for host in sorted(hosts):
            self._display.display(format_counts(host, hosts[host], width))
        self._display.display("", screen_only=True)

    def __del__(self):
        # a run that ended without stats (an error before the first play) still leaves nothing behind
        if getattr(self, "_spool_dir", None) and getattr(self, "_pid", None) == os.getpid():
            shutil.rmtree(self._spool_dir, ignore_errors=True)
