# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A router converged to a real export: one tikops.routeros.menu task vs community.routeros.api_modify path by path.

    .venv/bin/python benchmarks/bench_export.py [--export v6.48-crs326-transparent-bridge.rsc|largest] [--latency-ms 20] [--skip-peer]
                                                [--json out.json]

The export (default: the largest export of tests/data/exports/, which converges in one task on the simulator,
docs/exports.md) is given to ours as the file it is, and to the peer as the entries our ``state: parsed`` reads
from it (core/console.py through the menu module's offline parse, one item per menu the export configures). Each
contender gets a fresh simulator of the export's release, board and packages (tests/support/export_corpus.py),
behind the round-trip proxy (rtproxy.py), and one ansible-playbook run of two tasks: converge, then the same again
(must report no change).

- ours: one ``tikops.routeros.menu`` task with ``src: <export>.rsc`` (state merged);
- the peer: one ``community.routeros.api_modify`` task looping over the same menus, path by path, each with the
  same entries as ``data`` (yes/no words for booleans), the default ``handle_absent_entries: ignore`` (merged);
  a menu the peer refuses is reported with its message (the loop goes on: ``ignore_errors``).

Reported per task: wall time (callback timestamps), commands the simulator received, round trips (L > 0), CPU
seconds of the client side and the simulator (cpusplit.py); then the ratios peer / ours.
"""

import argparse
import json
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path[:0] = [os.path.join(ROOT, "tests"), os.path.join(ROOT, "simulator"), HERE]

from benchvenv import ensure_bench_venv  # noqa: E402
from playrun import run_playbook  # noqa: E402
from rtproxy import RoundTripProxy  # noqa: E402
from support.export_corpus import commands_of, exports, menus_of, read, router_of  # noqa: E402
from support.rosim import Simulator  # noqa: E402

from ansible_collections.tikops.routeros.plugins.module_utils.menu import planner, task as menu_task  # noqa: E402

# the largest export of the corpus (318 command lines), which converges in one task today (docs/exports.md)
DEFAULT_EXPORT = "v6.48-crs326-transparent-bridge.rsc"
PHASES = ("converge", "unchanged")


def parsed_menus(text):
    """The export as ``menus`` items, as ``state: parsed`` gives them (one item per menu, in the export's order)."""
    out = []
    for path in menus_of(commands_of(text)):
        scope = planner.Scope(path, "parsed", None, None, None, "", text)
        config = menu_task.parse(planner.Resolved(scope, None), text)
        if config in ([], {}):
            continue
        out.append({"path": path, "config": config})
    return out


def _word(value):
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


def peer_items(menus):
    out = []
    for item in menus:
        config = item["config"] if isinstance(item["config"], list) else [item["config"]]
        out.append(dict(path=item["path"].strip("/").replace("/", " "),
                        data=[dict((k.replace("_", "-"), _word(v)) for k, v in entry.items()) for entry in config]))
    return out


def plays_for(contender, target, python):
    conn = {"hostname": target.host, "port": target.port, "username": "admin", "password": ""}
    if contender == "tikops":
        hosts = {"r1": {"ansible_host": target.host, "ansible_port": target.port, "ansible_user": "admin",
                        "ansible_password": "", "ansible_connection": "tikops.routeros.api",
                        "ansible_python_interpreter": python}}
        tasks = [{"name": n, "tikops.routeros.menu": {"src": "export.rsc"}} for n in PHASES]
    else:
        hosts = {"r1": {"ansible_connection": "local", "ansible_python_interpreter": python}}
        tasks = [{"name": n, "community.routeros.api_modify": dict(conn, path="{{ item.path }}", data="{{ item.data }}"),
                  "loop": "{{ peer }}", "loop_control": {"label": "{{ item.path }}"}, "ignore_errors": True}
                 for n in PHASES]
    plays = [{"name": "export", "hosts": "all", "gather_facts": False, "vars_files": ["data.json"], "tasks": tasks}]
    return {"all": {"hosts": hosts}}, plays


def run_one(contender, name, latency_ms, python, timeout):
    text = read(name)
    router = router_of(name, text)
    menus = parsed_menus(text)
    extra = ["--board", router["board"]]
    if router["packages"]:
        extra += ["--packages", ",".join(router["packages"])]
    with tempfile.TemporaryDirectory(prefix="bench-export-") as work:
        with Simulator(version=router["version"], identity="bench", latency_ms=latency_ms, extra_args=extra) as sim, \
                RoundTripProxy(sim.host, sim.port) as proxy:
            inventory, plays = plays_for(contender, proxy, python)
            files = {"inventory.json": inventory, "playbook.json": plays,
                     "data.json": {"menus": menus, "peer": peer_items(menus)}}
            with open(os.path.join(work, "export.rsc"), "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
            run = run_playbook(work, python, sim, files, timeout)
            rc, total, out, records, sampler = run.rc, run.total, run.out, run.records, run.sampler
            events = sim.events("command")
            rows = []
            for rec in records:
                cpu = sampler.between(rec["start"], rec["end"])
                rows.append(dict(task=rec["task"], changed=rec["changed"], failed=rec["failed"],
                                 seconds=rec["end"] - rec["start"],
                                 commands=len([e for e in events if rec["start"] <= e["ts"] <= rec["end"]]),
                                 round_trips=proxy.round_trips(rec["start"], rec["end"], latency_ms),
                                 client_cpu=cpu["ours"], simulator_cpu=cpu["simulator"]))
    refused = [_refusal(line) for line in out.splitlines() if line.startswith(("failed:", "fatal:"))]
    return dict(contender=contender, export=name, router=router, menus=len(menus),
                lines=len(commands_of(text)), rc=rc, total=total, rows=rows, refused=refused)


def _refusal(line):
    """``failed: [r1] (item=PATH) => {...}`` as ``PATH: msg``."""
    head, _sep, body = line.partition(" => ")
    try:
        msg = json.loads(body).get("msg")
    except ValueError:
        msg = body
    return "%s: %s" % (head.partition("(item=")[2].rstrip(")") or head, " ".join(str(msg).split())[:300])


def _ratio(theirs, ours):
    if not theirs or not ours:
        return "-"
    return "%.2fx" % (float(theirs) / ours)


def _cpu(value):
    return "-" if value is None else "%.2f" % value


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--export", default=DEFAULT_EXPORT,
                        help="an export of tests/data/exports/, or 'largest' (the most command lines)")
    parser.add_argument("--latency-ms", type=float, default=20)
    parser.add_argument("--peer-timeout", type=float, default=900)
    parser.add_argument("--skip-peer", action="store_true")
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    if args.export == "largest":
        args.export = max(exports(), key=lambda n: len(commands_of(read(n))))
    contenders = [("tikops", sys.executable, 1800)]
    if not args.skip_peer:
        contenders.append(("community.routeros", ensure_bench_venv(), args.peer_timeout))
    results = []
    for contender, python, timeout in contenders:
        res = run_one(contender, args.export, args.latency_ms, python, timeout)
        results.append(res)
        router = res["router"]
        print("\n%s: %s (%d command lines, %d menus; RouterOS %s, board %s), latency %g ms: whole run %.1f s, rc %s" % (
            contender, res["export"], res["lines"], res["menus"], router["version"], router["board"],
            args.latency_ms, res["total"], res["rc"]))
        print("  %-12s %8s %9s %12s %8s %7s %10s %8s" % (
            "task", "seconds", "commands", "round trips", "changed", "failed", "client cpu", "sim cpu"))
        for row in res["rows"]:
            print("  %-12s %8.2f %9d %12s %8s %7s %10s %8s" % (
                row["task"], row["seconds"], row["commands"], row["round_trips"], row["changed"], row["failed"],
                _cpu(row["client_cpu"]), _cpu(row["simulator_cpu"])))
        for line in res["refused"]:
            print("  refused: " + line)
        sys.stdout.flush()
    if len(results) == 2:
        ours, peer = dict((r["task"], r) for r in results[0]["rows"]), dict((r["task"], r) for r in results[1]["rows"])
        print("\ncommunity.routeros / tikops (above 1: the peer needed more)")
        for phase in PHASES:
            if phase in ours and phase in peer:
                print("  %-12s time %s  commands %s  round trips %s  client CPU %s" % (
                    phase, _ratio(peer[phase]["seconds"], ours[phase]["seconds"]),
                    _ratio(peer[phase]["commands"], ours[phase]["commands"]),
                    _ratio(peer[phase]["round_trips"], ours[phase]["round_trips"]),
                    _ratio(peer[phase]["client_cpu"], ours[phase]["client_cpu"])))
        print("  %-12s time %s" % ("whole run", _ratio(results[1]["total"], results[0]["total"])))
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(results, handle, indent=1)


if __name__ == "__main__":
    main()
