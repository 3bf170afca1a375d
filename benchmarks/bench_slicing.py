#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Job slicing of a fleet, as AWX / Automation Platform does it, on simulated routers, with ansible-runner.

    .venv/bin/python benchmarks/bench_slicing.py [--routers 60] [--slices 1,2,4] [--forks 10] [--json FILE]

One simulator process (bin/rosim --config) serves ``--routers`` routers on loopback. For each slice count S, the
inventory is cut into S slices the way an AWX sliced job template cuts it (host i goes to slice i mod S) and each
slice runs as its own ansible-runner job (its own private data dir, its own ansible-playbook process and forks,
and its own session daemon: ANSIBLE_ROUTEROS_PERSISTENT_DIR is per slice), all S at once. The playbook gathers
facts (tikops.routeros.facts under gather_facts), reads the addresses and sets a comment on ether2: three tasks,
two of them on the kept session.

Reported per run: wall time of the whole (slowest slice), per-slice times, logins seen by the routers (one per
router is the goal: no slice logs in to another slice's routers), and what the controller held at the peak: the
summed PSS memory and the open file descriptors of every ansible-playbook, worker and session daemon of the run
(sampled every 100 ms from /proc), and the number of processes. It is a benchmark: it asserts nothing about time,
but it fails loudly if a host fails.
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests"))
sys.path.insert(0, HERE)

import ansible_runner  # noqa: E402  (after the path set-up)

from support.rosim import start_simulators  # noqa: E402
from bench_tasks import process_table, pss_kb  # noqa: E402

VENV_BIN = os.path.join(ROOT, ".venv", "bin")
PLAYBOOK = [{
    "name": "sliced job", "hosts": "all", "gather_facts": True,
    "tasks": [
        {"name": "addresses", "tikops.routeros.command": {"path": "/ip/address", "proplist": ["address", "interface"]}},
        {"name": "a comment", "tikops.routeros.interfaces": {"config": [{"name": "ether2", "comment": "sliced"}]}},
    ],
}]


def is_daemon(cmdline):
    """The session daemon: ``python -c <code> <root> <directory>`` with the slice's broker directory last."""
    argv = cmdline.rstrip(b"\0").split(b"\0")
    return len(argv) >= 3 and argv[1] == b"-c" and argv[-1].endswith(b"/broker")


def fd_count(pid):
    try:
        return len(os.listdir("/proc/%d/fd" % pid))
    except OSError:
        return 0


class Sampler(threading.Thread):
    """Peak summed PSS, descriptors and process count of our descendants (but the simulator) and the session
    daemons (they detach; found by their directory in the command line)."""

    def __init__(self, exclude, marker):
        super(Sampler, self).__init__(daemon=True)
        self.exclude = set(exclude)
        self.marker = marker.encode()
        self.peak = {"pss_mb": 0.0, "fds": 0, "procs": 0, "daemons": 0, "daemon_fds": 0}
        self.stop_event = threading.Event()

    def run(self):
        me = os.getpid()
        while not self.stop_event.is_set():
            table = process_table()
            members = set([me])
            changed = True
            while changed:
                changed = False
                for pid, (ppid, cmdline) in table.items():
                    if pid in members or pid in self.exclude:
                        continue
                    if ppid in members or self.marker in cmdline:
                        members.add(pid)
                        changed = True
            members.discard(me)
            daemons = [p for p in members if p in table and is_daemon(table[p][1])]
            now = {"pss_mb": sum(pss_kb(p) for p in members) / 1024.0, "fds": sum(fd_count(p) for p in members),
                   "procs": len(members), "daemons": len(daemons), "daemon_fds": sum(fd_count(p) for p in daemons)}
            for key, value in now.items():
                self.peak[key] = max(self.peak[key], value)
            self.stop_event.wait(0.1)

    def stop(self):
        self.stop_event.set()
        self.join(10)


def slice_hosts(names, count):
    """AWX's split: slice k (1-based) gets hosts k-1, k-1+count, ..."""
    return [names[k::count] for k in range(count)]


def run_sliced(group, work, slices, forks):
    names = sorted(group.routers)
    base = os.path.join(work, "slices-%d" % slices)
    os.makedirs(base)
    env_common = dict((k, v) for k, v in os.environ.items() if not k.startswith(("ANSIBLE_", "TIKOPS_")))
    env_common["PATH"] = VENV_BIN + os.pathsep + os.environ.get("PATH", "")
    jobs = []
    logins_before = len(group.events("login"))
    sampler = Sampler([group.proc.pid], base)
    sampler.start()
    start = time.monotonic()
    for number, hosts in enumerate(slice_hosts(names, slices), 1):
        pdd = os.path.join(base, "job-%d" % number)
        os.makedirs(pdd)
        inventory = {"all": {"hosts": dict((n, {"ansible_host": group[n].host, "ansible_port": group[n].port}) for n in hosts),
                             "vars": {"ansible_connection": "tikops.routeros.api",
                                      "ansible_network_os": "tikops.routeros.routeros",
                                      "ansible_facts_modules": ["tikops.routeros.facts"],
                                      "ansible_python_interpreter": sys.executable,
                                      "ansible_user": "admin", "ansible_password": ""}}}
        envvars = {"ANSIBLE_HOME": os.path.join(pdd, "home"), "ANSIBLE_LOCAL_TEMP": os.path.join(pdd, "tmp"),
                   "ANSIBLE_ROUTEROS_PERSISTENT_DIR": os.path.join(pdd, "broker"), "ANSIBLE_NOCOLOR": "1"}
        os.environ.update(env_common)
        thread, runner = ansible_runner.run_async(private_data_dir=pdd, playbook=PLAYBOOK, inventory=inventory,
                                                  forks=forks, envvars=envvars, quiet=True,
                                                  settings={"suppress_env_files": True})
        jobs.append((number, hosts, thread, runner, time.monotonic()))
    per_slice = []
    for number, hosts, thread, runner, began in jobs:
        thread.join(900)
        if runner.status != "successful" or runner.rc != 0:
            raise SystemExit("slice %d of %d: %s (rc %s); see %s"
                             % (number, slices, runner.status, runner.rc, runner.config.private_data_dir))
        stats = runner.stats or {}
        failed = sum(len(stats.get(k) or {}) for k in ("failures", "dark"))
        if failed:
            raise SystemExit("slice %d of %d: %d hosts failed or unreachable" % (number, slices, failed))
        per_slice.append({"slice": number, "hosts": len(hosts), "seconds": round(time.monotonic() - began, 1)})
    wall = time.monotonic() - start
    sampler.stop()
    logins = [e for e in group.events("login")[logins_before:] if e.get("success")]
    return {"slices": slices, "forks": forks, "routers": len(names), "wall": round(wall, 1), "per_slice": per_slice,
            "logins": len(logins), "routers_logged_in": len(set(e["router"] for e in logins)),
            "peak_pss_mb": round(sampler.peak["pss_mb"], 1), "peak_fds": sampler.peak["fds"],
            "peak_procs": sampler.peak["procs"], "session_daemons": sampler.peak["daemons"],
            "daemon_fds": sampler.peak["daemon_fds"]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", maxsplit=1)[0])
    parser.add_argument("--routers", type=int, default=60)
    parser.add_argument("--slices", default="1,2,4")
    parser.add_argument("--forks", type=int, default=10)
    parser.add_argument("--json")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="bench-slicing-")
    rows = []
    try:
        config = {"routers": [{"name": "r%03d" % i, "routeros-version": "7.16", "identity": "r%03d" % i}
                              for i in range(args.routers)]}
        for slices in [int(s) for s in args.slices.split(",")]:
            # fresh routers per run, so every run makes the same change
            with start_simulators(config) as group:
                row = run_sliced(group, work, slices, args.forks)
            rows.append(row)
            print("%3d routers, %d slice(s) x %d forks: wall %5.1fs (slices %s), logins %d on %d routers, peak %.0f MB PSS, "
                  "%d fds, %d processes (%d session daemons, %d fds)" % (
                      row["routers"], slices, args.forks, row["wall"], ", ".join("%ss" % s["seconds"] for s in row["per_slice"]),
                      row["logins"], row["routers_logged_in"], row["peak_pss_mb"], row["peak_fds"], row["peak_procs"],
                      row["session_daemons"], row["daemon_fds"]), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(rows, fh, indent=1)


if __name__ == "__main__":
    main()
