# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a safe change costs: the same change plain, under safe mode, and as a confirmed commit, in one run.

    .venv/bin/python benchmarks/bench_safe.py [--rules 10] [--latency-ms 20] [--version 7.20.8]

One simulator (``bin/rosim --latency-ms L``: each reply delayed by L ms, like a network round trip) behind the
round-trip counting forwarder (rtproxy.py), and one ansible-playbook run over the ``tikops.routeros.api``
connection with four tasks:

1. warm-up: read /system/identity (the kept session's login, so that no task below pays it);
2. plain: ``--rules`` firewall rules added by ``tikops.routeros.menu``;
3. safe-mode: as many other rules, with ``safe: true`` (safe mode on RouterOS 7.18+);
4. confirmed-commit: as many again, with ``safe: true, safe_method: confirmed_commit``.

Each safe task also has one ``safe_checks`` item. Reported per task: wall time (from the bench_timer callback),
commands the simulator received, round trips (a new login counts as one), and the time and round trips added to the
plain task. A benchmark, not a test: it asserts nothing about time, but fails loudly when a task fails or a safe
task was not verified.
"""

import argparse
import json
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests"))
sys.path.insert(0, HERE)

from playrun import run_playbook  # noqa: E402
from rtproxy import RoundTripProxy  # noqa: E402
from support.rosim import Simulator  # noqa: E402

TASKS = ("warm-up", "plain", "safe-mode", "confirmed-commit")
CHECKS = [{"name": "identity", "path": "/system/identity"}]


def rules(tag, count):
    return [{"chain": "forward", "action": "drop", "protocol": "udp", "dst-port": str(1000 + i),
             "comment": "%s %d" % (tag, i)} for i in range(count)]


def plays(target, python, count):
    hosts = {"r1": {"ansible_host": target.host, "ansible_port": target.port, "ansible_user": "admin",
                    "ansible_password": "", "ansible_connection": "tikops.routeros.api",
                    "ansible_python_interpreter": python}}
    menu = "tikops.routeros.menu"
    tasks = [
        {"name": TASKS[0], "tikops.routeros.command": {"path": "/system/identity"}},
        {"name": TASKS[1], menu: {"path": "/ip/firewall/filter", "config": rules("plain", count)}},
        {"name": TASKS[2], menu: {"path": "/ip/firewall/filter", "config": rules("safe-mode", count),
                                  "safe": True, "safe_checks": CHECKS}, "register": "safe_mode"},
        {"name": TASKS[3], menu: {"path": "/ip/firewall/filter", "config": rules("confirmed", count),
                                  "safe": True, "safe_method": "confirmed_commit", "safe_checks": CHECKS},
         "register": "confirmed"},
        {"name": "verified", "ansible.builtin.assert": {"that": [
            "safe_mode.safe.verified and safe_mode.safe.method == 'safe-mode'",
            "confirmed.safe.verified and confirmed.safe.method == 'confirmed-commit'"]}},
    ]
    return {"all": {"hosts": hosts}}, [{"name": "safe", "hosts": "all", "gather_facts": False, "tasks": tasks}]


def run(version, latency_ms, count, timeout=600):
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="bench-safe-") as work:
        with Simulator(version=version, identity="bench", latency_ms=latency_ms) as sim, \
                RoundTripProxy(sim.host, sim.port) as proxy:
            inventory, playbook = plays(proxy, python, count)
            result = run_playbook(work, python, sim, {"inventory.json": inventory, "playbook.json": playbook}, timeout)
            events = sim.events("command")
            rows = []
            for rec in result.records:
                if rec["task"] not in TASKS:
                    continue
                rows.append(dict(task=rec["task"], changed=rec["changed"], failed=rec["failed"],
                                 seconds=rec["end"] - rec["start"],
                                 commands=len([e for e in events if rec["start"] <= e["ts"] <= rec["end"]]),
                                 logins=len([e for e in sim.events("login") if rec["start"] <= e["ts"] <= rec["end"]]),
                                 round_trips=proxy.round_trips(rec["start"], rec["end"], latency_ms)))
    if result.rc != 0 or any(r["failed"] for r in rows):
        sys.stderr.write(result.out[-4000:] + result.err[-2000:])
        raise SystemExit("bench_safe: the playbook failed (rc=%s)" % result.rc)
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", maxsplit=1)[0])
    parser.add_argument("--rules", type=int, default=10)
    parser.add_argument("--latency-ms", type=int, default=20)
    parser.add_argument("--version", default="7.20.8")
    parser.add_argument("--json", help="write the rows to this file too")
    args = parser.parse_args(argv)
    rows = run(args.version, args.latency_ms, args.rules)
    plain = dict((r["task"], r) for r in rows)["plain"]
    print("RouterOS %s, %d rules per task, %d ms latency" % (args.version, args.rules, args.latency_ms))
    print("| task | seconds | commands | round trips | new logins | added seconds | added round trips |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        added = r["task"] not in ("warm-up", "plain")
        print("| %s | %.2f | %d | %s | %d | %s | %s |" % (
            r["task"], r["seconds"], r["commands"], r["round_trips"], r["logins"],
            "%+.2f" % (r["seconds"] - plain["seconds"]) if added else "",
            "%+d" % (r["round_trips"] - plain["round_trips"]) if added and r["round_trips"] is not None else ""))
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(rows, handle, indent=1)


if __name__ == "__main__":
    main()
