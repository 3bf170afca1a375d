# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Whose CPU a benchmark's task used: the simulator's, or ours (ansible-playbook, its workers, our session broker).

A :class:`CpuSampler` thread reads ``/proc/<pid>/stat`` every ``interval`` seconds and keeps the cumulative CPU
time (user + system) of three groups of processes:

- ``simulator``: the simulator process (``bin/rosim``);
- ``ours``: the ``root`` process and every descendant (ansible-playbook and its forked task workers; a worker that
  exited and was reaped is in its parent's ``cutime``/``cstime``, so nothing is lost or counted twice), plus any
  process whose command line contains ``marker`` (our session broker, which detaches from the tree); split into
  ``main`` (ansible-playbook's own process: ansible-core's handling of each result, the callbacks), ``workers``
  (the task workers, where our modules run) and ``broker``;
- ``bench``: this benchmark process (the round-trip proxy's threads forward every byte).

:meth:`CpuSampler.between` gives each group's CPU seconds between two ``time.time()`` stamps (a task's start and
end, from the callback), from the samples nearest to them. The clock tick is 10 ms, the sampling interval
default 50 ms: figures below about 0.1 s are noise. Sampling costs this process about 2 ms of CPU per sample
(it reads every ``/proc/<pid>/stat``), which is in the ``bench`` figure.
"""

import bisect
import os
import threading
import time

TICK = float(os.sysconf("SC_CLK_TCK"))


def _stat(pid):
    """(ppid, own CPU seconds, reaped children's CPU seconds) of ``pid``, or None if it is gone."""
    try:
        with open("/proc/%d/stat" % pid, "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    fields = data[data.rfind(b")") + 2:].split()
    # fields[0] is the state (field 3 of proc(5)); utime, stime, cutime, cstime are fields 14 to 17
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK, (int(fields[13]) + int(fields[14])) / TICK


def _cmdline(pid):
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as fh:
            return fh.read()
    except OSError:
        return b""


class CpuSampler(threading.Thread):
    """Cumulative CPU seconds of the simulator, of our processes and of this process, sampled over time."""

    def __init__(self, simulator_pid, root_pid, marker=None, interval=0.05):
        super(CpuSampler, self).__init__(daemon=True)
        self.simulator_pid = simulator_pid
        self.root_pid = root_pid
        self.marker = marker.encode() if marker else None
        self.interval = interval
        self.samples = []  # (time.time(), simulator, ours, bench)
        self._marked = {}  # pid -> last CPU seconds seen of a marked process (the broker may exit first)
        self._is_marked = {}  # pid -> whether its command line holds the marker (read once per process)
        self._stop_event = threading.Event()

    def sample(self):
        table = {}
        for name in os.listdir("/proc"):
            if name.isdigit():
                got = _stat(int(name))
                if got is not None:
                    table[int(name)] = got
        members = set([self.root_pid])
        changed = True
        while changed:
            changed = False
            for pid, (ppid, dummy, dummy2) in table.items():
                if pid not in members and ppid in members:
                    members.add(pid)
                    changed = True
        # the main process: the root's child that runs ansible-playbook (or the root itself when it has none)
        main = [pid for pid in members if table.get(pid, (None,))[0] == self.root_pid] or [self.root_pid]
        main = min(main)
        main_own = table[main][1] if main in table else None
        tree = sum(table[pid][1] + table[pid][2] for pid in members if pid in table)
        broker = 0.0
        if self.marker:
            for pid in table:
                if pid in members or pid == self.simulator_pid:
                    continue
                if pid not in self._is_marked:
                    self._is_marked[pid] = self.marker in _cmdline(pid)
                if self._is_marked[pid]:
                    self._marked[pid] = table[pid][1] + table[pid][2]
            broker = sum(self._marked.values())
        last = self.samples[-1] if self.samples else None
        if last is not None:  # cumulative: when the root has exited (and taken its children's time with it), the
            tree = max(tree, last[2] - last[5])  # last figures stay
            main_own = last[4] if main_own is None else max(main_own, last[4])
        elif main_own is None:
            main_own = 0.0
        sim = table.get(self.simulator_pid)
        simulator = sim[1] + sim[2] if sim else (last[1] if last else 0.0)
        times = os.times()
        # (time, simulator, ours = tree + broker, bench, ansible-playbook's main process alone, broker)
        self.samples.append((time.time(), simulator, tree + broker, times.user + times.system, main_own, broker))

    def run(self):
        while not self._stop_event.is_set():
            self.sample()
            self._stop_event.wait(self.interval)

    def stop(self):
        self._stop_event.set()
        self.join(10)
        self.sample()

    def _at(self, stamp):
        index = bisect.bisect_left(self.samples, (stamp,))
        if index >= len(self.samples):
            return self.samples[-1]
        if index > 0 and stamp - self.samples[index - 1][0] < self.samples[index][0] - stamp:
            return self.samples[index - 1]
        return self.samples[index]

    def between(self, start, end):
        """CPU seconds used between two time.time() stamps: ``simulator``, ``ours`` (= ``main`` + ``workers`` +
        ``broker``: ansible-playbook's own process, where ansible-core handles each result, its task workers, where
        our modules run, and our session broker) and ``bench`` (this process)."""
        if not self.samples or start is None or end is None:
            return dict(simulator=None, ours=None, bench=None, main=None, workers=None, broker=None)
        first, last = self._at(start), self._at(end)
        got = [max(0.0, b - a) for a, b in zip(first[1:], last[1:])]
        simulator, ours, bench, main, broker = got
        return dict(simulator=simulator, ours=ours, bench=bench, main=main, broker=broker,
                    workers=max(0.0, ours - main - broker))
