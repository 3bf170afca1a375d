#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The tikops.routeros.backup role on a fleet of simulated routers: wall time and peak memory.

    .venv/bin/python benchmarks/bench_backup.py [--hosts 100] [--forks 20] [--version 7.16] [--json FILE]

``--hosts`` routers served by one simulator process (each with a few VLANs, addresses and firewall rules, so an
export has some body), the role run twice with ``--forks`` forks: the first run stores one export per router, the
second finds nothing changed and stores none. Reported per run: wall time of ansible-playbook, the peak of the
summed PSS of ansible-playbook, its workers and our session daemon (sampled every 50 ms, as bench_tasks.py does),
and the number of exports stored. The simulator's own memory is not counted. There is no peer to compare with (no
other collection ships a backup role over the API); this measures, it does not compare.
"""

import argparse
import json
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "tests"))

from bench_tasks import run_playbook  # noqa: E402
from support.rosim import start_simulators  # noqa: E402


def router_state(n):
    vlans = [{"name": "vlan%d" % v, "vlan-id": v, "interface": "ether2"} for v in range(10, 15)]
    addresses = [{"address": "10.%d.%d.1/24" % (n % 250, v), "interface": "vlan%d" % v} for v in range(10, 15)]
    rules = [{"chain": "input", "action": "accept", "protocol": "tcp", "dst-port": str(p)} for p in (22, 8291, 8728)]
    rules.append({"chain": "input", "action": "drop", "in-interface": "ether1"})
    return {"menus": {"/interface/vlan": vlans, "/ip/address": addresses, "/ip/firewall/filter": rules}}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=100)
    parser.add_argument("--forks", type=int, default=20)
    parser.add_argument("--version", default="7.16")
    parser.add_argument("--json", default=None)
    args = parser.parse_args()
    python = os.path.join(ROOT, ".venv", "bin", "python")
    config = {"routers": [{"name": "r%03d" % i, "routeros-version": args.version, "state": router_state(i)}
                          for i in range(args.hosts)]}
    results = {"hosts": args.hosts, "forks": args.forks, "version": args.version, "runs": []}
    with start_simulators(config) as group, tempfile.TemporaryDirectory(prefix="bench-backup-") as work:
        inventory = {"all": {"hosts": dict((name, {"ansible_host": r.host, "ansible_port": r.port})
                                           for name, r in group.routers.items()),
                             "vars": {"ansible_connection": "tikops.routeros.api", "ansible_user": "admin",
                                      "ansible_password": "", "ansible_python_interpreter": python}}}
        plays = [{"name": "backup", "hosts": "all", "gather_facts": False,
                  "roles": [{"role": "tikops.routeros.backup", "vars": {"backup_dir": os.path.join(work, "backups")}}]}]
        for label in ("first run (stores every export)", "second run (nothing changed)"):
            run = run_playbook(work, os.path.join(ROOT, ".venv", "bin"), inventory, plays, forks=args.forks,
                               sample_memory=True)
            stored = sum(len([f for f in os.listdir(os.path.join(work, "backups", h)) if f.endswith(".rsc")])
                         for h in os.listdir(os.path.join(work, "backups")))
            row = {"run": label, "wall_s": round(run["wall"], 1), "peak_pss_mib": round(run["peak_kb"] / 1024.0, 1),
                   "peak_processes": run["peak_procs"], "exports_on_disk": stored}
            results["runs"].append(row)
            print("%-34s wall %6.1f s   peak PSS %7.1f MiB (%s processes)   exports on disk: %s"
                  % (label, row["wall_s"], row["peak_pss_mib"], row["peak_processes"], stored))
        logins = len(group.events("login"))
        results["logins"] = logins
        print("logins (both runs): %d" % logins)
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(results, fh, indent=1)


if __name__ == "__main__":
    main()
