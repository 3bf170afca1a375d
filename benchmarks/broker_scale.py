#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The session broker under many hosts: N simulated routers (one rosim process, ``--config``), each attached,
used and detached through one broker, with the open-files limit of a default machine.

    .venv/bin/python benchmarks/broker_scale.py [--routers 1000] [--workers 32] [--limits 1024,512:512] [--json]

The simulator starts first (it keeps the limits it was started with). Then, for each ``SOFT[:HARD]`` of
``--limits``, this process lowers its own RLIMIT_NOFILE (the hard limit too when given), so the broker it starts
inherits those limits, as it would under a login shell with ``ulimit -n 1024``; one broker per pair, in turn. ``--workers`` threads attach to
every router in turn (``persist.attach`` with ``owner_pid`` of this process), read ``/system/identity`` and detach.
A sampler polls the broker's ``/tikops/status`` and ``/proc/<pid>`` every 0.1 s.

Reported (a table, or one JSON object with ``--json``): hosts that worked and failed (with the first errors), the
broker's file-descriptor limit after it raised its soft limit, router sessions held at once (peak, and at the end),
descriptors open in the broker (peak), its resident memory (peak, kB), the size of broker.log, and how many
"Too many open files" and "Traceback" it holds. tests/wire/test_broker_scale.py runs it and asserts on these.
"""

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests"))

import support.rosim  # noqa: E402
from support.rosim import start_simulators  # noqa: E402

from ansible_collections.tikops.routeros.plugins.module_utils.api import persist  # noqa: E402
from ansible_collections.tikops.routeros.plugins.module_utils.api.options import ConnectionParams  # noqa: E402


def broker_status(directory):
    sock = persist.connect_broker(directory, spawn=False)
    if sock is None:
        return None
    try:
        channel = persist._Channel(sock, "status")
        channel.send(["/tikops/status"])
        sentences = channel.read_until_final(10.0, "status")
    finally:
        sock.close()
    return persist._raise_for(sentences, "status") if sentences else None


def proc_figures(pid):
    try:
        fds = len(os.listdir("/proc/%d/fd" % pid))
        with open("/proc/%d/status" % pid) as fh:
            rss = next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:"))
    except (OSError, StopIteration, ValueError):
        return None, None
    return fds, rss


class Sampler(threading.Thread):
    def __init__(self, directory):
        threading.Thread.__init__(self, daemon=True)
        self.directory = directory
        self.stop = threading.Event()
        self.pid = None
        self.fd_limit = None
        self.peak_sessions = 0
        self.peak_fds = 0
        self.peak_rss = 0

    def run(self):
        while not self.stop.wait(0.1):
            self.sample()

    def sample(self):
        try:
            status = broker_status(self.directory)
        except Exception:  # pylint: disable=broad-except  # the broker is busy or starting: sample again later
            return
        if not status:
            return
        self.pid = int(status["pid"])
        self.fd_limit = status.get("fd-limit")
        self.peak_sessions = max(self.peak_sessions, int(status.get("sessions-peak") or 0))
        fds, rss = proc_figures(self.pid)
        self.peak_fds = max(self.peak_fds, fds or 0)
        self.peak_rss = max(self.peak_rss, rss or 0)


def run(routers=1000, workers=32, limits=((1024, None),), idle_timeout=300.0):
    """One simulator with ``routers`` routers; one broker per (soft, hard) limit pair, in order (a hard limit, once
    lowered, stays lowered in this process). Returns one result dict per pair."""
    config = {"routers": [{"name": "r%d" % i, "identity": "r%d" % i, "routeros-version": "7.16"}
                          for i in range(routers)]}
    started = time.monotonic()
    results = []
    # a thousand routers take about 10 s to start on an idle machine, much longer on a busy one
    support.rosim.START_TIMEOUT = max(support.rosim.START_TIMEOUT, routers * 0.15)
    with start_simulators(config) as group:
        sim_ready = time.monotonic() - started
        for soft_limit, hard_limit in limits:
            result = one_broker(group, routers, workers, soft_limit, hard_limit, idle_timeout)
            result["simulator_start_seconds"] = round(sim_ready, 1)
            results.append(result)
    return results


def one_broker(group, routers, workers, soft_limit, hard_limit, idle_timeout):
    top = tempfile.mkdtemp(prefix="tks-")
    directory = os.path.join(top, "d")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    new_hard = hard if hard_limit is None else hard_limit
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(soft_limit, new_hard), new_hard))
    sampler = Sampler(directory)
    failures = []
    ok = [0]
    lock = threading.Lock()

    def one(name):
        handle = group[name]
        params = ConnectionParams(handle.host, handle.port, timeout=20)
        try:
            session = persist.attach(params, directory, idle_timeout, owner_pid=os.getpid())
            try:
                got = session.call("/system/identity", "print").rows[0]["name"]
            finally:
                session.close()
            if got != name:
                raise RuntimeError("%s answered as %s" % (name, got))
            with lock:
                ok[0] += 1
        except Exception as exc:  # pylint: disable=broad-except  # counted and reported
            with lock:
                failures.append("%s: %s: %s" % (name, exc.__class__.__name__, exc))

    t0 = time.monotonic()
    try:
        one("r0")  # starts the broker
        sampler.start()
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(one, ["r%d" % i for i in range(1, routers)]))
        elapsed = time.monotonic() - t0
        sampler.stop.set()
        sampler.join()
        sampler.sample()
        status = broker_status(directory) or {}
        log_path = os.path.join(directory, persist.LOG_FILE)
        with open(log_path, encoding="utf-8", errors="replace") as fh:
            log = fh.read()
        return dict(routers=routers, workers=workers, soft_limit=soft_limit, hard_limit=new_hard, ok=ok[0],
                    failed=len(failures), first_failures=failures[:5], seconds=round(elapsed, 1),
                    broker_fd_limit=int(sampler.fd_limit) if sampler.fd_limit not in (None, "None") else None,
                    peak_sessions=max(sampler.peak_sessions, int(status.get("sessions-peak") or 0)),
                    sessions_at_end=int(status.get("sessions") or 0), peak_fds=sampler.peak_fds,
                    peak_rss_kb=sampler.peak_rss, log_bytes=os.path.getsize(log_path),
                    log_emfile=log.count("Too many open files"), log_tracebacks=log.count("Traceback"),
                    log_closed_for_room=log.count("descriptor was needed"))
    finally:
        sampler.stop.set()
        try:
            persist.shutdown(directory)
        except Exception:  # pylint: disable=broad-except
            pass
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(soft, new_hard), new_hard))
        shutil.rmtree(top, ignore_errors=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--routers", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=32)
    parser.add_argument("--limits", default="1024",
                        help="comma-separated SOFT[:HARD] open-file limits, one broker run each, in order "
                             "(default 1024: the hard limit left as it is)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    limits = []
    for item in args.limits.split(","):
        soft, dummy, hard = item.partition(":")
        limits.append((int(soft), int(hard) if hard else None))
    results = run(args.routers, args.workers, limits)
    if args.json:
        print(json.dumps(results))
    else:
        for result in results:
            for key, value in result.items():
                print("%-24s %s" % (key, value))
            print()
    return 0 if all(result["failed"] == 0 for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
