# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Converge N addresses: tikops.routeros.ip_addresses vs community.routeros.api_modify, same simulator, same data.

    .venv/bin/python benchmarks/bench_converge.py [--count 1000] [--latency-ms 0 20] [--skip-peer]

For each latency, and for each contender on a fresh simulator (``bin/rosim --latency-ms L``, which delays each
command's reply by L ms, like a network round trip), one ansible-playbook run with three tasks:

1. converge: N static IPv4 addresses from none;
2. unchanged: the same again (must report changed=false);
3. change 1%: the comment of N/100 of them changed.

Ours runs with ``.venv``'s ansible-playbook over the ``tikops.routeros.api`` connection. The peer runs
``community.routeros.api_modify`` (path ``ip address``, the same data) with ``connection: local`` from a separate
benchmark-only venv (.build/bench-venv: ``ansible`` from PyPI with librouteros; see benchvenv.py).

Reported per task: wall time (from the task's start to its result, as a callback saw it), commands the simulator
received (its event log), and round trips, counted by a forwarder between the client and the simulator
(rtproxy.py): a client send more than L/2 after its previous one on the same connection starts a new round trip
(pipelined commands leave together; a command sent after waiting for a reply leaves at least L later). So round
trips are only counted when L > 0; the plans, and so the counts, do not depend on L. A login is a round trip of
its own. Both contenders go through the forwarder, at every latency. This is a benchmark, not a test: it asserts nothing
about time, but it fails loudly when a contender does not converge (task failed, or the re-run changed).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests"))
sys.path.insert(0, HERE)

from benchvenv import ensure_bench_venv  # noqa: E402
from rtproxy import RoundTripProxy  # noqa: E402
from support.rosim import Simulator  # noqa: E402

TASKS = ("converge", "unchanged", "change 1%")


def data(count):
    addrs = [{"address": "10.%d.%d.1/24" % (i // 256, i % 256), "interface": "ether2", "comment": "bench %d" % i}
             for i in range(count)]
    changed = [dict(a) for a in addrs]
    for i in range(0, count, 100):
        changed[i]["comment"] = "changed %d" % i
    return addrs, changed


def playbook(contender, sim, python):
    """``sim`` has ``host`` and ``port``: the round-trip counting proxy in front of the simulator."""
    if contender == "tikops":
        hosts = {"r1": {"ansible_host": sim.host, "ansible_port": sim.port, "ansible_user": "admin",
                        "ansible_password": "", "ansible_connection": "tikops.routeros.api",
                        "ansible_python_interpreter": python}}
        tasks = [{"name": TASKS[0], "tikops.routeros.ip_addresses": {"config": "{{ addrs }}"}},
                 {"name": TASKS[1], "tikops.routeros.ip_addresses": {"config": "{{ addrs }}"}},
                 {"name": TASKS[2], "tikops.routeros.ip_addresses": {"config": "{{ changed }}"}}]
    else:
        hosts = {"r1": {"ansible_connection": "local", "ansible_python_interpreter": python}}
        conn = {"hostname": sim.host, "port": sim.port, "username": "admin", "password": ""}
        tasks = [{"name": name, "community.routeros.api_modify": dict(conn, path="ip address", data=var)}
                 for name, var in zip(TASKS, ("{{ addrs }}", "{{ addrs }}", "{{ changed }}"))]
    inventory = {"all": {"hosts": hosts}}
    plays = [{"name": "converge", "hosts": "all", "gather_facts": False, "vars_files": ["data.json"], "tasks": tasks}]
    return inventory, plays


def run_one(contender, latency_ms, count, bench_python):
    addrs, changed = data(count)
    with tempfile.TemporaryDirectory(prefix="bench-converge-") as work:
        with Simulator(version="7.16", identity="bench", latency_ms=latency_ms) as sim, \
                RoundTripProxy(sim.host, sim.port) as proxy:
            python = sys.executable if contender == "tikops" else bench_python
            inventory, plays = playbook(contender, proxy, python)
            with open(os.path.join(work, "inventory.json"), "w") as fh:
                json.dump(inventory, fh)
            with open(os.path.join(work, "playbook.json"), "w") as fh:
                json.dump(plays, fh)
            with open(os.path.join(work, "data.json"), "w") as fh:
                json.dump({"addrs": addrs, "changed": changed}, fh)
            times = os.path.join(work, "times.jsonl")
            env = dict((k, v) for k, v in os.environ.items() if not k.startswith(("ANSIBLE_", "TIKOPS_")))
            env.update(ANSIBLE_HOME=os.path.join(work, "home"), ANSIBLE_LOCAL_TEMP=os.path.join(work, "tmp"),
                       ANSIBLE_CALLBACK_PLUGINS=os.path.join(HERE, "callback_plugins"),
                       ANSIBLE_CALLBACKS_ENABLED="bench_timer", ANSIBLE_NOCOLOR="1",
                       ANSIBLE_ROUTEROS_PERSISTENT_DIR=os.path.join(work, "broker"),
                       TIKOPS_BENCH_TIMES=times)
            bindir = os.path.dirname(python)
            cmd = [os.path.join(bindir, "ansible-playbook"), "-i", "inventory.json", "playbook.json"]
            started = time.time()
            proc = subprocess.run(cmd, cwd=work, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True, timeout=3600, check=False)
            total = time.time() - started
            events = sim.events("command")
            records = [json.loads(line) for line in open(times)] if os.path.exists(times) else []
            for rec in records:
                rec["round_trips"] = proxy.round_trips(rec["start"], rec["end"], latency_ms)
    if proc.returncode != 0 or len(records) != 3:
        raise SystemExit("%s failed (rc %s):\n%s" % (contender, proc.returncode, proc.stdout[-4000:]))
    rows = []
    for rec in records:
        in_task = [e for e in events if rec["start"] <= e["ts"] <= rec["end"]]
        rows.append(dict(contender=contender, latency_ms=latency_ms, task=rec["task"], changed=rec["changed"],
                         seconds=rec["end"] - rec["start"], commands=len(in_task),
                         round_trips=rec["round_trips"]))
    if [r["changed"] for r in rows] != [True, False, True]:
        raise SystemExit("%s did not converge: changed flags %s" % (contender, [r["changed"] for r in rows]))
    return rows, total


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--latency-ms", type=float, nargs="+", default=[0, 20])
    parser.add_argument("--skip-peer", action="store_true", help="only tikops (no benchmark venv needed)")
    parser.add_argument("--json", help="also write the rows to this file")
    args = parser.parse_args(argv)
    bench_python = None if args.skip_peer else ensure_bench_venv()
    contenders = ["tikops"] + ([] if args.skip_peer else ["community.routeros"])
    all_rows = []
    print("converge %d addresses; ansible-playbook, one fresh simulator per run" % args.count)
    print("%-20s %7s %-10s %8s %9s %12s" % ("contender", "latency", "task", "seconds", "commands", "round trips"))
    for latency in args.latency_ms:
        for contender in contenders:
            rows, total = run_one(contender, latency, args.count, bench_python)
            for r in rows:
                trips = "-" if r["round_trips"] is None else r["round_trips"]
                print("%-20s %5gms %-10s %8.2f %9d %12s" % (
                    r["contender"], r["latency_ms"], r["task"], r["seconds"], r["commands"], trips))
            print("%-20s %5gms %-10s %8.2f   (whole ansible-playbook run)" % (contender, latency, "total", total))
            all_rows.extend(rows)
    by = dict(((r["contender"], r["latency_ms"], r["task"]), r) for r in all_rows)
    if not args.skip_peer:
        print("\nspeed-up (peer seconds / our seconds):")
        for latency in args.latency_ms:
            print("  %gms: " % latency + ", ".join(
                "%s %.1fx" % (t, by[("community.routeros", latency, t)]["seconds"] / max(by[("tikops", latency, t)]["seconds"], 1e-6))
                for t in TASKS))
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(all_rows, fh, indent=1)


if __name__ == "__main__":
    main()
