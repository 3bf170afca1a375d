# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""tikops.routeros.menu vs community.routeros.api_modify, same simulator, same data, same run.

    .venv/bin/python benchmarks/bench_menu.py [--count 100000] [--peer-count 100000] [--latency-ms 20]
                                              [--peer-timeout 900] [--skip-peer] [--only address-list|baseline]
                                              [--repeat N]

Two scenarios, each on a fresh simulator (bin/rosim --latency-ms L) per contender, one ansible-playbook run each:

- address-list: a firewall address list of N entries (list ``bench``) already on the router (loaded into the
  simulator from its state file, the same for every contender), converged to the list with 1 % churn (N/200
  entries removed, N/200 new ones added), then the same again (must be unchanged). The desired list is a JSON file
  next to the playbook, as big lists are kept. Ours: one ``menu`` task with ``where: {list: bench}``,
  ``state: overridden``, ``result_entries: changed`` (the result holds only the entries that change) and
  ``src: churned.json`` (contender ``tikops``), and the same with
  ``config: "{{ lookup('file', 'churned.json') | from_json }}"`` (``tikops-config``: what templating the list
  costs). The peer: ``api_modify`` on ``ip firewall address-list`` with ``data`` from the same lookup, ``restrict``
  on the list and ``handle_absent_entries: remove``. The peer gets ``--peer-count`` entries (default N) and
  ``--peer-timeout`` seconds for its whole run; if it does not finish, the report says so.
- baseline: a router baseline of 30 menu items (bridge, ports, VLAN, interface lists, addresses, routes, DNS,
  services, identity, users, address lists, firewall rules, OSPF, ...): converge, unchanged. Ours: one ``menu``
  task with ``menus:``. The peer: one ``api_modify`` task looping over the 30 items, as its users write it.

Reported per task: wall time (callback timestamps), commands the simulator received, round trips (rtproxy.py:
pipelined commands leave together; a new round trip starts after a wait of at least L/2, so L must be > 0),
and the peak memory (max RSS) of the ansible-playbook process tree of the run (getrusage of a wrapper process;
tikops's session broker, a separate daemon that only relays bytes, is not in it), and where the time went: the
CPU seconds of the simulator process and of the client side (the ansible-playbook process tree with its task
workers, plus tikops's session broker; split into the task workers, where the modules run, ansible-playbook's
main process, where ansible-core handles each result, and the broker), sampled from /proc every 50 ms (benchmarks/cpusplit.py), and of the
round-trip proxy in this process. The simulator's CPU is not ours: it is what a real router would spend. At the
end, per scenario, the ratios: the peer's figure over each of ours.
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

from benchvenv import ensure_bench_venv  # noqa: E402
from playrun import run_playbook  # noqa: E402
from rtproxy import RoundTripProxy  # noqa: E402
from support.rosim import Simulator  # noqa: E402


def address_data(count):
    """(the router's list, the desired list with 1 % churn): N/200 entries dropped, N/200 new ones."""
    entries = [{"list": "bench", "address": "10.%d.%d.%d" % (i // 65536, (i // 256) % 256, i % 256)}
               for i in range(count)]
    churn = max(1, count // 200)
    churned = entries[churn:] + [{"list": "bench", "address": "172.16.%d.%d" % (i // 256, i % 256)}
                                 for i in range(churn)]
    return entries, churned


# The baseline: (path, config, peer path, where) items; the same data for both contenders.
BASELINE = [
    ("/interface/bridge", [{"name": "br-lan"}], None),
    ("/interface/bridge/port", [{"bridge": "br-lan", "interface": "ether2"}, {"bridge": "br-lan", "interface": "ether3"}],
     None),
    ("/interface/vlan", [{"name": "vlan10", "vlan-id": "10", "interface": "br-lan"},
                         {"name": "vlan20", "vlan-id": "20", "interface": "br-lan"}], None),
    ("/interface/list", [{"name": "WAN"}, {"name": "LAN"}], None),
    ("/interface/list/member", [{"list": "WAN", "interface": "ether1"}, {"list": "LAN", "interface": "br-lan"},
                                {"list": "LAN", "interface": "vlan10"}], None),
    ("/ip/address", [{"address": "192.168.88.1/24", "interface": "br-lan"},
                     {"address": "192.168.10.1/24", "interface": "vlan10"}], None),
    ("/ipv6/address", [{"address": "fd00:88::1/64", "interface": "br-lan"}], None),
    ("/ip/route", [{"dst-address": "198.18.0.0/15", "gateway": "192.168.88.254"}], None),
    ("/routing/table", [{"name": "vpn", "fib": "yes"}], None),
    ("/ip/dns", {"servers": "1.1.1.1,9.9.9.9", "allow-remote-requests": "yes"}, None),
    ("/ip/service", [{"name": "telnet", "disabled": "yes"}, {"name": "ftp", "disabled": "yes"},
                     {"name": "www", "disabled": "yes"}], None),
    ("/system/identity", {"name": "edge1"}, None),
    ("/system/note", {"note": "managed by ansible"}, None),
    ("/system/clock", {"time-zone-name": "UTC"}, None),
    ("/user/group", [{"name": "ops", "policy": "read,write,test,api"}], None),
    ("/user", [{"name": "monitor", "group": "read", "comment": "monitoring"}], None),
    ("/ip/dhcp-client", [{"interface": "ether1", "comment": "uplink"}], None),
    ("/ip/firewall/address-list", [{"list": "blocklist", "address": "203.0.113.%d" % i} for i in range(1, 11)],
     {"list": "blocklist"}),
    ("/ip/firewall/address-list", [{"list": "mgmt", "address": "192.168.88.%d" % i} for i in range(10, 15)],
     {"list": "mgmt"}),
    ("/ip/firewall/address-list", [{"list": "bogons", "address": a} for a in (
        "0.0.0.0/8", "100.64.0.0/10", "169.254.0.0/16", "192.0.0.0/24", "198.18.0.0/15", "240.0.0.0/4")],
     {"list": "bogons"}),
    ("/ipv6/firewall/address-list", [{"list": "bogons6", "address": a} for a in ("2001:db8::/32", "fc00::/7")],
     {"list": "bogons6"}),
    ("/ip/firewall/filter", [
        {"chain": "input", "action": "accept", "connection-state": "established,related", "comment": "input: est"},
        {"chain": "input", "action": "drop", "connection-state": "invalid", "comment": "input: invalid"},
        {"chain": "input", "action": "accept", "protocol": "icmp", "comment": "input: icmp"},
        {"chain": "input", "action": "accept", "src-address-list": "mgmt", "comment": "input: mgmt"},
        {"chain": "input", "action": "drop", "in-interface-list": "WAN", "comment": "input: wan"}],
     {"chain": "input"}),
    ("/ip/firewall/filter", [
        {"chain": "forward", "action": "accept", "connection-state": "established,related", "comment": "fwd: est"},
        {"chain": "forward", "action": "drop", "src-address-list": "bogons", "comment": "fwd: bogons"},
        {"chain": "forward", "action": "drop", "src-address-list": "blocklist", "comment": "fwd: block"},
        {"chain": "forward", "action": "accept", "in-interface-list": "LAN", "comment": "fwd: lan"}],
     {"chain": "forward"}),
    ("/routing/ospf/instance", [{"name": "v2", "router-id": "10.255.0.1"}], None),
    ("/routing/ospf/area", [{"name": "backbone", "instance": "v2", "area-id": "0.0.0.0"}], None),
    ("/routing/ospf/interface-template", [{"area": "backbone", "interfaces": "br-lan", "cost": "10"}], None),
    ("/interface/bonding", [{"name": "bond1", "slaves": "ether4,ether5"}], None),
    ("/ip/firewall/address-list", [{"list": "partners", "address": "198.51.100.%d" % i} for i in range(1, 9)],
     {"list": "partners"}),
    ("/ipv6/firewall/address-list", [{"list": "mgmt6", "address": "fd00:88::%d" % i} for i in range(10, 14)],
     {"list": "mgmt6"}),
    ("/user/group", [{"name": "noc", "policy": "read,test"}], None),
    ("/ip/pool", [{"name": "lan-pool", "ranges": "192.168.88.100-192.168.88.199"}], None),
    ("/ip/dhcp-server", [{"name": "lan-dhcp", "interface": "br-lan", "address-pool": "lan-pool"}], None),
    ("/ip/dhcp-server/network", [{"address": "192.168.88.0/24", "gateway": "192.168.88.1",
                                  "dns-server": "192.168.88.1"}], None),
    ("/system/ntp/client", {"enabled": "yes", "servers": "192.0.2.123"}, None),
    ("/snmp", {"enabled": "yes", "contact": "noc@example.net", "location": "rack 4"}, None),
    ("/system/scheduler", [{"name": "nightly", "interval": "1d", "on-event": "/system/backup/save"}], None),
]


def _menus_task(items):
    return [{"path": p, "config": c, "where": w} if w else {"path": p, "config": c} for p, c, w in items]


def _peer_data(config):
    return [dict(config)] if isinstance(config, dict) else config


def peer_items(items):
    """The baseline as api_modify arguments, one per item (a loop over them is one task)."""
    out = []
    for path, config, where in items:
        args = dict(path=path.strip("/").replace("/", " "), data=_peer_data(config))
        if where:
            args["restrict"] = [{"field": k, "values": [v]} for k, v in where.items()]
        if path == "/ip/firewall/filter":
            args["ensure_order"] = True
        if path in ("/ip/firewall/address-list", "/ipv6/firewall/address-list", "/ip/firewall/filter"):
            args["handle_absent_entries"] = "remove"
            args["handle_entries_content"] = "remove_as_much_as_possible"
        out.append(args)
    return out


def _peer_loop(name, conn):
    args = dict(conn, path="{{ item.path }}", data="{{ item.data }}", restrict="{{ item.restrict | default(omit) }}",
                ensure_order="{{ item.ensure_order | default(omit) }}",
                handle_absent_entries="{{ item.handle_absent_entries | default(omit) }}",
                handle_entries_content="{{ item.handle_entries_content | default(omit) }}")
    return {"name": name, "community.routeros.api_modify": args, "loop": "{{ baseline }}"}


def plays_for(scenario, contender, target, count, python):
    conn = {"hostname": target.host, "port": target.port, "username": "admin", "password": ""}
    if contender.startswith("tikops"):
        hosts = {"r1": {"ansible_host": target.host, "ansible_port": target.port, "ansible_user": "admin",
                        "ansible_password": "", "ansible_connection": "tikops.routeros.api",
                        "ansible_python_interpreter": python}}
    else:
        hosts = {"r1": {"ansible_connection": "local", "ansible_python_interpreter": python}}
    if scenario == "address-list":
        names = ("churn 1%", "unchanged")
        # ours returns only the entries that change (result_entries: changed, as the module advises for big
        # lists); the peer keeps its own defaults
        scope = {"path": "/ip/firewall/address-list", "where": {"list": "bench"}, "state": "overridden",
                 "result_entries": "changed"}
        if contender == "tikops":
            tasks = [{"name": n, "tikops.routeros.menu": dict(scope, src="churned.json")} for n in names]
        elif contender == "tikops-config":
            tasks = [{"name": n, "tikops.routeros.menu": dict(
                scope, config="{{ lookup('ansible.builtin.file', 'churned.json') | from_json }}")} for n in names]
        else:
            tasks = [{"name": n, "community.routeros.api_modify": dict(
                conn, path="ip firewall address-list", data="{{ lookup('ansible.builtin.file', 'peer.json') | from_json }}",
                restrict=[{"field": "list", "values": ["bench"]}], handle_absent_entries="remove")}
                for n in names]
        plays = [{"name": scenario, "hosts": "all", "gather_facts": False, "tasks": tasks}]
        return {"all": {"hosts": hosts}}, plays
    else:
        if contender == "tikops":
            tasks = [{"name": n, "tikops.routeros.menu": {"menus": _menus_task(BASELINE)}}
                     for n in ("converge", "unchanged")]
        else:
            tasks = [_peer_loop("converge", conn), _peer_loop("unchanged", conn)]
    inventory = {"all": {"hosts": hosts}}
    plays = [{"name": scenario, "hosts": "all", "gather_facts": False, "vars_files": ["data.json"], "tasks": tasks}]
    return inventory, plays


def run_one(scenario, contender, latency_ms, count, python, timeout):
    state = None
    if scenario == "address-list":
        entries, churned = address_data(count)
        state = {"menus": {"/ip/firewall/address-list": entries}}
        files = {"churned.json": [{"address": e["address"]} for e in churned], "peer.json": churned}
    else:
        files = {"data.json": {"baseline": peer_items(BASELINE)}}
    with tempfile.TemporaryDirectory(prefix="bench-menu-") as work:
        with Simulator(version="7.16", identity="bench", latency_ms=latency_ms, state=state) as sim, \
                RoundTripProxy(sim.host, sim.port) as proxy:
            inventory, plays = plays_for(scenario, contender, proxy, count, python)
            files.update({"inventory.json": inventory, "playbook.json": plays})
            run = run_playbook(work, python, sim, files, timeout)
            rc, timed_out, total, out, err, started = run.rc, run.timed_out, run.total, run.out, run.err, run.started
            sampler = run.sampler
            events = sim.events("command")
            records = run.records
            for rec in records:
                rec["round_trips"] = proxy.round_trips(rec["start"], rec["end"], latency_ms)
                rec["cpu"] = sampler.between(rec["start"], rec["end"])
            whole_cpu = sampler.between(started, started + total)
    maxrss = run.maxrss_mb()
    if not timed_out and rc != 0:
        failed = [line[:600] for line in out.splitlines() if line.startswith(("failed:", "fatal:"))]
        raise SystemExit("%s %s failed (rc %s):\n%s" % (scenario, contender, rc, "\n".join(failed) or (out + err)[-4000:]))
    rows = []
    for rec in records:
        in_task = [e for e in events if rec["start"] <= e["ts"] <= rec["end"]]
        rows.append(dict(scenario=scenario, contender=contender, task=rec["task"], changed=rec["changed"],
                         seconds=rec["end"] - rec["start"], commands=len(in_task), round_trips=rec["round_trips"],
                         simulator_cpu=rec["cpu"]["simulator"], client_cpu=rec["cpu"]["ours"],
                         proxy_cpu=rec["cpu"]["bench"], main_cpu=rec["cpu"]["main"], worker_cpu=rec["cpu"]["workers"],
                         broker_cpu=rec["cpu"]["broker"]))
    return dict(rows=rows, total=total, maxrss_mb=maxrss, timed_out=timed_out, count=count,
                simulator_cpu=whole_cpu["simulator"], client_cpu=whole_cpu["ours"])


def summarize(rows, scenario):
    """Group a peer's per-item tasks (baseline) into the two phases."""
    if scenario != "baseline":
        return rows
    out = []
    for phase in ("converge", "unchanged"):
        mine = [r for r in rows if r["task"] == phase or r["task"].startswith(phase + " ")]
        if not mine:
            continue
        trips = [r["round_trips"] for r in mine]
        out.append(dict(scenario=scenario, contender=mine[0]["contender"], task="%s (%d task%s)" % (
            phase, len(mine), "s" if len(mine) > 1 else ""), changed=any(r["changed"] for r in mine),
            seconds=sum(r["seconds"] for r in mine), commands=sum(r["commands"] for r in mine),
            round_trips=None if None in trips else sum(trips),
            simulator_cpu=_sum(r.get("simulator_cpu") for r in mine), client_cpu=_sum(r.get("client_cpu") for r in mine),
            proxy_cpu=_sum(r.get("proxy_cpu") for r in mine), main_cpu=_sum(r.get("main_cpu") for r in mine),
            worker_cpu=_sum(r.get("worker_cpu") for r in mine), broker_cpu=_sum(r.get("broker_cpu") for r in mine)))
    return out


def _sum(values):
    values = list(values)
    return None if None in values else sum(values)


def _cpu(value):
    return "-" if value is None else "%.2f" % value


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--count", type=int, default=100000)
    parser.add_argument("--peer-count", type=int, default=None)
    parser.add_argument("--latency-ms", type=float, default=20)
    parser.add_argument("--peer-timeout", type=float, default=900)
    parser.add_argument("--skip-peer", action="store_true")
    parser.add_argument("--only", choices=("address-list", "baseline"))
    parser.add_argument("--skip-config", action="store_true", help="address-list: not the tikops-config contender")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each of our contenders this many times (fresh simulator and ansible-playbook run "
                             "each) and print the median of each task's CPU figures as well")
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    peer_python = None if args.skip_peer else ensure_bench_venv()
    results = []
    for scenario in ("address-list", "baseline"):
        if args.only and scenario != args.only:
            continue
        ours = ["tikops"] if scenario == "baseline" or args.skip_config else ["tikops", "tikops-config"]
        for contender in [c for c in ours for dummy in range(args.repeat)] + ([] if args.skip_peer else ["community.routeros"]):
            mine = contender.startswith("tikops")
            count = args.count if mine else (args.peer_count or args.count)
            python = sys.executable if mine else peer_python
            timeout = 3600 if mine else args.peer_timeout
            res = run_one(scenario, contender, args.latency_ms, count, python, timeout)
            res.update(scenario=scenario, contender=contender)
            results.append(res)
            head = "%s, %s" % (scenario, contender)
            if scenario == "address-list":
                head += ", %d entries" % count
            print("\n%s: whole run %.1f s (CPU: client %s s, simulator %s s), peak memory %s MB%s" % (
                head, res["total"], _cpu(res["client_cpu"]), _cpu(res["simulator_cpu"]),
                "%.0f" % res["maxrss_mb"] if res["maxrss_mb"] else "?",
                ", TIMED OUT after %.0f s" % args.peer_timeout if res["timed_out"] else ""))
            print("  %-28s %8s %9s %12s %8s %10s %8s %8s %8s %8s %9s" % (
                "task", "seconds", "commands", "round trips", "changed", "client cpu", "(worker", "main", "broker)",
                "sim cpu", "proxy cpu"))
            for r in summarize(res["rows"], scenario):
                trips = "-" if r["round_trips"] is None else r["round_trips"]
                print("  %-28s %8.2f %9d %12s %8s %10s %8s %8s %8s %8s %9s" % (
                    r["task"], r["seconds"], r["commands"], trips, r["changed"], _cpu(r.get("client_cpu")),
                    _cpu(r.get("worker_cpu")), _cpu(r.get("main_cpu")), _cpu(r.get("broker_cpu")),
                    _cpu(r.get("simulator_cpu")), _cpu(r.get("proxy_cpu"))))
            sys.stdout.flush()
    for line in median_lines(results):
        print(line)
    for line in ratio_lines(results):
        print(line)
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(results, fh, indent=1)


def median_lines(results):
    """With ``--repeat``: per scenario, contender and task, the median over the runs of the client CPU and its
    split, and of the simulator's CPU (the machine's noise moves a single run by a fifth either way)."""
    out = []
    keys = []
    for res in results:
        if (res["scenario"], res["contender"]) not in keys:
            keys.append((res["scenario"], res["contender"]))
    for scenario, contender in keys:
        runs = [r for r in results if (r["scenario"], r["contender"]) == (scenario, contender)]
        if len(runs) < 2:
            continue
        out.append("\n%s, %s: median of %d runs (CPU seconds: client = worker + main + broker; simulator)" % (
            scenario, contender, len(runs)))
        for task in [r["task"] for r in summarize(runs[0]["rows"], scenario)]:
            rows = [r for run in runs for r in summarize(run["rows"], scenario) if r["task"] == task]
            med = dict((k, _median([r.get(k) for r in rows])) for k in (
                "client_cpu", "worker_cpu", "main_cpu", "broker_cpu", "simulator_cpu", "seconds"))
            out.append("  %-28s client %s (%s / %s / %s)  simulator %s  wall %s   runs: %s" % (
                task, _cpu(med["client_cpu"]), _cpu(med["worker_cpu"]), _cpu(med["main_cpu"]), _cpu(med["broker_cpu"]),
                _cpu(med["simulator_cpu"]), _cpu(med["seconds"]), " ".join(_cpu(r.get("client_cpu")) for r in rows)))
    return out


def _median(values):
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2.0


def ratio_lines(results):
    """The peer's figures over each of ours, per scenario: per task (time, commands, round trips) and whole run
    (time, peak memory). A ratio above 1 means the peer needed more."""
    out = []
    for scenario in ("address-list", "baseline"):
        runs = [r for r in results if r["scenario"] == scenario]
        peer = [r for r in runs if r["contender"] == "community.routeros"]
        if not peer or peer[0]["timed_out"]:
            continue
        peer = peer[0]
        peer_rows = dict((r["task"], r) for r in summarize(peer["rows"], scenario))
        for mine in (r for r in runs if r["contender"].startswith("tikops")):
            out.append("\n%s: community.routeros / %s (above 1: the peer needed more)" % (scenario, mine["contender"]))
            for row in summarize(mine["rows"], scenario):
                other = peer_rows.get(row["task"])
                if other is None:
                    continue
                out.append("  %-28s time %s  commands %s  round trips %s" % (
                    row["task"], _ratio(other["seconds"], row["seconds"]), _ratio(other["commands"], row["commands"]),
                    _ratio(other["round_trips"], row["round_trips"])))
                if other.get("client_cpu") and row.get("client_cpu"):
                    out.append("  %-28s client CPU %s" % ("", _ratio(other["client_cpu"], row["client_cpu"])))
            out.append("  %-28s time %s  peak memory %s" % (
                "whole run", _ratio(peer["total"], mine["total"]), _ratio(peer["maxrss_mb"], mine["maxrss_mb"])))
    return out


def _ratio(theirs, ours):
    if not theirs or not ours:
        return "-"
    return "%.2fx" % (float(theirs) / ours)


if __name__ == "__main__":
    main()
