#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The tikops.routeros.upgrade role on a fleet of simulated routers: wall time and peak memory of a rollout.

    .venv/bin/python benchmarks/bench_upgrade.py [--hosts 100] [--forks 20] [--serial 0] [--reboot-ms 500] [--json FILE]

``--hosts`` hEX routers (RouterOS 7.16.2) in one simulator process whose stable channel offers 7.20.8; the role
(backup, upgrade with health checks, summary) upgrades each to 7.20.8 and then its RouterBOARD firmware: two reboots
per router, each keeping it away for ``--reboot-ms`` (a real reboot takes tens of seconds to minutes: the figure
here is the controller's share of the time, not a prediction for real hardware). ``--serial N`` runs the play in
batches of N (0: one batch). Reported: wall time of ansible-playbook, the peak of the summed PSS of
ansible-playbook, its workers and the session daemon (sampled every 50 ms, as bench_tasks.py does), the reboots and
logins the simulator saw, and how many routers end on 7.20.8. There is no peer to compare with.
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=100)
    parser.add_argument("--forks", type=int, default=20)
    parser.add_argument("--serial", type=int, default=0)
    parser.add_argument("--reboot-ms", type=float, default=500.0)
    parser.add_argument("--json", default=None)
    args = parser.parse_args()
    python = os.path.join(ROOT, ".venv", "bin", "python")
    config = {"routers": [{"name": "r%03d" % i, "routeros-version": "7.16.2", "board": "hex",
                           "channel-versions": "stable=7.20.8", "faults": {"reboot-down-ms": args.reboot_ms}}
                          for i in range(args.hosts)]}
    results = {"hosts": args.hosts, "forks": args.forks, "serial": args.serial, "reboot_ms": args.reboot_ms}
    with start_simulators(config) as group, tempfile.TemporaryDirectory(prefix="bench-upgrade-") as work:
        inventory = {"all": {"hosts": dict((name, {"ansible_host": r.host, "ansible_port": r.port})
                                           for name, r in group.routers.items()),
                             "vars": {"ansible_connection": "tikops.routeros.api", "ansible_user": "admin",
                                      "ansible_password": "", "ansible_python_interpreter": python}}}
        play = {"name": "upgrade", "hosts": "all", "gather_facts": False, "max_fail_percentage": 0,
                "roles": [{"role": "tikops.routeros.upgrade",
                           "vars": {"upgrade_channel": "stable", "upgrade_poll_interval": 0.25,
                                    "upgrade_reboot_timeout": 120}}]}
        if args.serial:
            play["serial"] = args.serial
        run = run_playbook(work, os.path.join(ROOT, ".venv", "bin"), inventory, [play], forks=args.forks,
                           sample_memory=True)
        reboots = len(group.events("reboot"))
        upgraded = sum(1 for r in group.routers.values()
                       if [e.get("version") for e in r.events("reboot")][-1:] == ["7.20.8"])
        results.update(wall_s=round(run["wall"], 1), peak_pss_mib=round(run["peak_kb"] / 1024.0, 1),
                       peak_processes=run["peak_procs"], reboots=reboots, logins=len(group.events("login")),
                       upgraded=upgraded)
    print("%d routers, forks %d, serial %s, reboot %.0f ms: wall %.1f s, peak PSS %.1f MiB (%s processes), "
          "%d reboots, %d logins, %d on 7.20.8" % (args.hosts, args.forks, args.serial or "-", args.reboot_ms,
                                                   results["wall_s"], results["peak_pss_mib"],
                                                   results["peak_processes"], results["reboots"], results["logins"],
                                                   results["upgraded"]))
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(results, fh, indent=1)


if __name__ == "__main__":
    main()
