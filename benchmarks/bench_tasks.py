#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Per-task cost of tikops.routeros over its connection, against ansible.builtin.debug and community.routeros.

    .venv/bin/python benchmarks/bench_tasks.py [--repeat 3] [--hosts 100] [--forks 20] [--skip-peer] [--json FILE]

1. One host, 20 tasks that each read one menu (``/interface/ethernet``, ``/ip/address``, ``/ip/route``, ``/ip/service``,
   ``/system/identity``, cycled): ``tikops.routeros.command`` over ``tikops.routeros.api`` (the kept session), the
   same with persistence off, ``ansible.builtin.debug`` (no connection at all: the floor of a task), and
   ``community.routeros.api_info`` (``connection: local``, from the benchmark-only venv). Per-task time is
   (t(20 tasks) - t(0 tasks)) / 20 of whole ansible-playbook runs, the best of ``--repeat`` runs each, so
   Ansible's start-up cancels out; it includes what happens once per run (our session daemon's start and the
   login). The marginal time, (t(20) - t(1)) / 19, is the cost of one more task. The simulator's event log
   gives the number of logins.
2. ``--hosts`` hosts served by one simulator process (``bin/rosim --config``), 3 tasks each (read ``/interface/ethernet``,
   read ``/ip/address``, add an address), ``--forks`` forks: wall time of the run and the peak memory (the sum of
   the proportional set size, PSS, of ansible-playbook, its workers and our session daemon, sampled every 50 ms).
3. The same with 20 ms added before every reply (``--latency-ms 20``): commands and round trips per task, for the
   reads and for the write, counted from the simulator's event log (see ``round_trips``), logins included.

Both contenders use the same ansible-core (2.19.14). This is a benchmark: it asserts nothing about time, but it
fails loudly if a contender's task fails.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests"))
sys.path.insert(0, HERE)

from benchvenv import ensure_bench_venv  # noqa: E402
from support.rosim import Simulator, start_simulators  # noqa: E402

MENUS = ["/interface/ethernet", "/ip/address", "/ip/route", "/ip/service", "/system/identity"]
PEER_PATHS = {"/interface/ethernet": "interface ethernet", "/ip/address": "ip address", "/ip/route": "ip route",
              "/ip/service": "ip service", "/system/identity": "system identity"}
OURS = "tikops"
OURS_OFF = "tikops (persistent off)"
DEBUG = "ansible.builtin.debug"
PEER = "community.routeros.api_info"


# ---------------------------------------------------------------------------------------------------------
# Running playbooks


def base_env(work):
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith(("ANSIBLE_", "TIKOPS_")))
    env.update(ANSIBLE_HOME=os.path.join(work, "home"), ANSIBLE_LOCAL_TEMP=os.path.join(work, "tmp"),
               ANSIBLE_CALLBACK_PLUGINS=os.path.join(HERE, "callback_plugins"), ANSIBLE_CALLBACKS_ENABLED="bench_task_times",
               ANSIBLE_NOCOLOR="1", ANSIBLE_ROUTEROS_PERSISTENT_DIR=os.path.join(work, "broker"),
               TIKOPS_BENCH_TIMES=os.path.join(work, "times.jsonl"))
    return env


def pss_kb(pid):
    try:
        with open("/proc/%d/smaps_rollup" % pid) as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def process_table():
    table = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name) as fh:
                stat = fh.read()
            with open("/proc/%s/cmdline" % name, "rb") as fh:
                cmdline = fh.read()
        except OSError:
            continue
        ppid = int(stat[stat.rfind(")") + 2:].split()[1])
        table[int(name)] = (ppid, cmdline)
    return table


class MemorySampler(threading.Thread):
    """Peak of the summed PSS of ``root`` and its descendants, plus processes whose command line mentions
    ``marker`` (our session daemon is not a descendant: it detaches)."""

    def __init__(self, root, marker):
        super(MemorySampler, self).__init__(daemon=True)
        self.root = root
        self.marker = marker.encode()
        self.peak_kb = 0
        self.peak_procs = 0
        self.stop_event = threading.Event()

    def run(self):
        while not self.stop_event.is_set():
            table = process_table()
            members = set([self.root])
            changed = True
            while changed:
                changed = False
                for pid, (ppid, cmdline) in table.items():
                    if pid not in members and (ppid in members or self.marker in cmdline):
                        members.add(pid)
                        changed = True
            total = sum(pss_kb(pid) for pid in members if pid in table)
            if total > self.peak_kb:
                self.peak_kb, self.peak_procs = total, len(members)
            self.stop_event.wait(0.05)

    def stop(self):
        self.stop_event.set()
        self.join(10)


def run_playbook(work, ansible_bin, inventory, plays, forks=None, sample_memory=False):
    for name in ("inventory.json", "playbook.json", "times.jsonl"):
        path = os.path.join(work, name)
        if os.path.exists(path):
            os.unlink(path)
    with open(os.path.join(work, "inventory.json"), "w") as fh:
        json.dump(inventory, fh)
    with open(os.path.join(work, "playbook.json"), "w") as fh:
        json.dump(plays, fh)
    cmd = [os.path.join(ansible_bin, "ansible-playbook"), "-i", "inventory.json", "playbook.json"]
    if forks:
        cmd += ["--forks", str(forks)]
    env = base_env(work)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=work, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    sampler = None
    if sample_memory:
        sampler = MemorySampler(proc.pid, os.path.join(work, "broker"))
        sampler.start()
    out, dummy = proc.communicate(timeout=3600)
    wall = time.perf_counter() - started
    if sampler is not None:
        sampler.stop()
    times = os.path.join(work, "times.jsonl")
    records = [json.loads(line) for line in open(times)] if os.path.exists(times) else []
    if proc.returncode != 0 or any(r["failed"] for r in records):
        raise SystemExit("ansible-playbook failed (rc %s):\n%s" % (proc.returncode, out[-4000:]))
    wait_for_broker_exit(os.path.join(work, "broker"))
    return dict(wall=wall, records=records, peak_kb=sampler.peak_kb if sampler else None,
                peak_procs=sampler.peak_procs if sampler else None)


def wait_for_broker_exit(directory, timeout=30.0):
    """The kept sessions end with the playbook; wait for the daemon so runs do not overlap."""
    deadline = time.monotonic() + timeout
    while os.path.exists(os.path.join(directory, "broker.sock")) and time.monotonic() < deadline:
        time.sleep(0.02)


# ---------------------------------------------------------------------------------------------------------
# The contenders


def hosts_ours(routers, python, persistent=True):
    return dict((name, {"ansible_host": r.host, "ansible_port": r.port, "ansible_user": "admin",
                        "ansible_password": "", "ansible_connection": "tikops.routeros.api",
                        "ansible_routeros_persistent": persistent, "ansible_python_interpreter": python})
                for name, r in routers.items())


def hosts_local(routers, python):
    return dict((name, {"ansible_connection": "local", "ansible_python_interpreter": python,
                        "router_host": r.host, "router_port": r.port}) for name, r in routers.items())


def read_task(contender, menu, index):
    name = "read %d %s" % (index, menu)
    if contender in (OURS, OURS_OFF):
        return {"name": name, "tikops.routeros.command": {"path": menu}}
    if contender == DEBUG:
        return {"name": name, "ansible.builtin.debug": {"msg": menu}}
    return {"name": name, "community.routeros.api_info": {
        "hostname": "{{ router_host }}", "port": "{{ router_port }}", "username": "admin", "password": "",
        "path": PEER_PATHS[menu]}}


def write_task(contender, index):
    name = "write %d" % index
    address = "192.0.2.%d/32" % (index + 1)
    if contender in (OURS, OURS_OFF):
        return {"name": name, "tikops.routeros.command": {"path": "/ip/address", "command": "add", "attributes": {
            "address": address, "interface": "ether1", "comment": "bench"}}}
    return {"name": name, "community.routeros.api": {
        "hostname": "{{ router_host }}", "port": "{{ router_port }}", "username": "admin", "password": "",
        "path": "ip address", "add": "address=%s interface=ether1 comment=bench" % address}}


def inventory_for(contender, routers, bench_python):
    if contender == OURS:
        return {"all": {"hosts": hosts_ours(routers, sys.executable)}}
    if contender == OURS_OFF:
        return {"all": {"hosts": hosts_ours(routers, sys.executable, persistent=False)}}
    return {"all": {"hosts": hosts_local(routers, sys.executable if contender == DEBUG else bench_python)}}


def ansible_bin_for(contender, bench_python):
    return os.path.dirname(bench_python if contender == PEER else sys.executable)


def play(tasks):
    return [{"name": "bench", "hosts": "all", "gather_facts": False, "tasks": tasks}]


# ---------------------------------------------------------------------------------------------------------
# Round trips


def round_trips(commands, latency_ms):
    """Round trips in a list of one connection's (or several connections') command events, in time order.

    A command that arrives more than L/2 after the previous command of the same connection starts a new round
    trip: pipelined commands arrive together, a command sent after waiting for a reply arrives one latency later.
    A new connection starts a round trip of its own (its TCP connect and first command)."""
    gap = latency_ms / 2000.0
    trips = 0
    last = {}
    for event in commands:
        conn = event.get("conn")
        if conn not in last or event["ts"] - last[conn] > gap:
            trips += 1
        last[conn] = event["ts"]
    return trips


# ---------------------------------------------------------------------------------------------------------
# Scenarios


def single_host(contenders, bench_python, repeat, tasks=20):
    """Per-task time of ``tasks`` one-menu reads on one host, (t(N) - t(0)) / N, best of ``repeat``.

    The contenders take turns within each repeat, so a busy moment of the machine does not favour one of them."""
    rows = []
    with Simulator(version="7.16", identity="bench") as sim:
        routers = {"r1": sim}
        works = dict((c, tempfile.mkdtemp(prefix="bench-tasks-")) for c in contenders)
        seen = dict((c, dict(empty=[], one=[], full=[], logins=[], callback=[])) for c in contenders)
        try:
            for dummy in range(repeat):
                for contender in contenders:
                    inventory = inventory_for(contender, routers, bench_python)
                    ansible_bin = ansible_bin_for(contender, bench_python)
                    reads = [read_task(contender, MENUS[i % len(MENUS)], i) for i in range(tasks)]
                    mine = seen[contender]
                    mine["empty"].append(run_playbook(works[contender], ansible_bin, inventory, play([]))["wall"])
                    mine["one"].append(run_playbook(works[contender], ansible_bin, inventory, play(reads[:1]))["wall"])
                    before = len(sim.events("login"))
                    got = run_playbook(works[contender], ansible_bin, inventory, play(reads))
                    mine["full"].append(got["wall"])
                    mine["logins"].append(len([e for e in sim.events("login")[before:] if e.get("success")]))
                    mine["callback"].extend(r["end"] - r["start"] for r in got["records"])
        finally:
            for work in works.values():
                shutil.rmtree(work, ignore_errors=True)
        for contender in contenders:
            mine = seen[contender]
            t0, t1, tn = min(mine["empty"]), min(mine["one"]), min(mine["full"])
            rows.append(dict(contender=contender, tasks=tasks, empty_run=t0, one_task_run=t1, full_run=tn,
                             per_task_ms=(tn - t0) / tasks * 1000.0,
                             marginal_ms=(tn - t1) / (tasks - 1) * 1000.0,
                             callback_median_ms=statistics.median(mine["callback"]) * 1000.0,
                             logins_per_run=max(mine["logins"]), runs=repeat))
            print("  %-28s runs of 0/1/%d tasks %.2f/%.2f/%.2fs  per task %6.1f ms  marginal %6.1f ms  "
                  "(callback median %5.1f ms)  logins/run %s"
                  % (contender, tasks, t0, t1, tn, rows[-1]["per_task_ms"], rows[-1]["marginal_ms"],
                     rows[-1]["callback_median_ms"], rows[-1]["logins_per_run"]), flush=True)
    return rows


def many_hosts(contenders, bench_python, hosts, forks, latency_ms):
    """``hosts`` routers in one simulator process, 3 tasks each (2 reads, 1 write)."""
    rows = []
    for contender in contenders:
        config = {"routers": [{"name": "r%03d" % i, "identity": "r%03d" % i, "latency-ms": latency_ms}
                              for i in range(hosts)]}
        with start_simulators(config) as group, tempfile.TemporaryDirectory(prefix="bench-hosts-") as work:
            inventory = inventory_for(contender, group.routers, bench_python)
            tasks = [read_task(contender, "/interface/ethernet", 0), read_task(contender, "/ip/address", 1),
                     write_task(contender, 2)]
            got = run_playbook(work, ansible_bin_for(contender, bench_python), inventory, play(tasks), forks=forks,
                               sample_memory=True)
            events = group.events()
            commands = sorted((e for e in events if e["event"] == "command"), key=lambda e: e["ts"])
            logins = [e for e in events if e["event"] == "login" and e.get("success")]
            per_kind = {}
            for record in got["records"]:
                kind = "write" if record["task"].startswith("write") else "read"
                per_kind.setdefault(kind, []).append(record)
            stats = {}
            for kind, records in per_kind.items():
                # per (task, host): the commands of that router between the task's start and the host's result
                trips, counts = [], []
                for record in records:
                    host = record.get("host")
                    mine = [e for e in commands if e.get("router") == host and record["start"] <= e["ts"] <= record["end"]]
                    counts.append(len(mine))
                    trips.append(round_trips(mine, latency_ms) if latency_ms else None)
                stats[kind] = dict(commands=statistics.mean(counts),
                                   round_trips=statistics.mean(trips) if latency_ms else None,
                                   seconds=statistics.mean(r["end"] - r["start"] for r in records))
            row = dict(contender=contender, hosts=hosts, forks=forks, latency_ms=latency_ms, wall=got["wall"],
                       peak_mb=None if got["peak_kb"] is None else got["peak_kb"] / 1024.0, peak_procs=got["peak_procs"], logins=len(logins),
                       per_kind=stats)
            rows.append(row)
            if row["peak_mb"] is None or row["peak_procs"] is None:
                peak = "peak memory not sampled"
            else:
                peak = "peak {:.0f} MB PSS ({} processes)".format(row["peak_mb"], int(row["peak_procs"]))
            print("  %-26s %3d hosts x 3 tasks, %d forks, %gms: wall %.1fs, %s, "
                  "logins %d" % (contender, hosts, forks, latency_ms, row["wall"], peak, row["logins"]), flush=True)
            for kind in ("read", "write"):
                s = stats.get(kind)
                if s:
                    print("      %-5s: %.2f commands/task%s" % (kind, s["commands"], "" if s["round_trips"] is None
                                                                else ", %.2f round trips/task" % s["round_trips"]))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per contender in part 1 (best is kept)")
    parser.add_argument("--hosts", type=int, default=100)
    parser.add_argument("--forks", type=int, default=20)
    parser.add_argument("--latency-ms", type=float, nargs="+", default=[0, 20], help="latencies for parts 2 and 3")
    parser.add_argument("--skip-peer", action="store_true", help="only tikops and debug (no benchmark venv needed)")
    parser.add_argument("--only", choices=["single", "many"], help="run one part")
    parser.add_argument("--json", help="also write every row to this file")
    args = parser.parse_args(argv)
    bench_python = None if args.skip_peer else ensure_bench_venv()
    out = {}
    if args.only in (None, "single"):
        print("1. one host, 20 tasks each reading one menu (best of %d runs)" % args.repeat, flush=True)
        contenders = [OURS, OURS_OFF, DEBUG] + ([] if args.skip_peer else [PEER])
        out["single"] = single_host(contenders, bench_python, args.repeat)
        by = dict((r["contender"], r) for r in out["single"])
        for what in ("per_task_ms", "marginal_ms"):
            print("   %s: ours / debug %.2fx" % (what, by[OURS][what] / max(by[DEBUG][what], 1e-6))
                  + ("" if args.skip_peer else ", community.routeros / ours %.1fx"
                     % (by[PEER][what] / max(by[OURS][what], 1e-6))))
    if args.only in (None, "many"):
        out["many"] = []
        for latency in args.latency_ms:
            print("%d. %d hosts in one simulator process, 3 tasks each, %d forks, latency %gms"
                  % (2 if not latency else 3, args.hosts, args.forks, latency), flush=True)
            contenders = [OURS] + ([] if args.skip_peer else [PEER])
            out["many"].extend(many_hosts(contenders, bench_python, args.hosts, args.forks, latency))
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(out, fh, indent=1)


if __name__ == "__main__":
    main()
