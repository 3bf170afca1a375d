#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Print the figures of docs/reliability.md ("Client and protocol"): fuzzed inputs tried, and faults survived.

    .venv/bin/python tools/reliability_figures.py                 # 2000 examples per fuzz test, every fault
    .venv/bin/python tools/reliability_figures.py --examples 200 --kinds drop,stall

Fuzzing runs the hypothesis tests of tests/unit/test_reliability_fuzz.py with more examples than the suite.
The fault matrix starts the simulator with ``--drop-after``, ``--stall-after``, ``--garbage-after`` and
``--fatal-after`` at every sentence of an ip_addresses run that merges 5 addresses (the login, the read, each
reply of the pipelined adds, and past the end), and with the command module's add. A run *survives* when it ends
with a clear error or success and its report matches the simulator's saved state exactly: ``changed`` is true
exactly when the router holds a write, ``applied`` lists exactly the writes it holds, nothing is left unknown.
Only the first connection is faulty, so the read-back over a new connection works, as after a real glitch.
"""

import argparse
import os
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "tests"))
sys.path.insert(0, os.path.join(REPO, "tests", "unit"))

KINDS = ("drop", "stall", "garbage", "fatal")
CONFIG = [dict(address="192.0.2.%d/24" % i, interface="ether2") for i in range(1, 6)]


def fuzz(examples):
    os.environ["TIKOPS_FUZZ_EXAMPLES"] = str(examples)
    import test_reliability_fuzz as fz

    total = failures = 0
    for name in sorted(dir(fz)):
        if not name.startswith("test_"):
            continue
        before = dict(fz.TRIED)
        try:
            getattr(fz, name)()
            verdict = "no failure"
        except Exception as exc:  # pylint: disable=broad-except  # a finding: report it, go on
            verdict = "FAILED: %s" % str(exc).splitlines()[0][:80]
            failures += 1
        for what, count in sorted(fz.TRIED.items()):
            if count != before.get(what):
                print("  %-62s %7d inputs, %s" % (what, count - before.get(what, 0), verdict), flush=True)
                total += count - before.get(what, 0)
    return total, failures


def held(sim):
    state = sim.save_state()
    return sorted("/ip/address/add address=%s interface=%s" % (e["address"], e["interface"])
                  for e in state["menus"]["/ip/address"] if e.get("dynamic") not in (True, "true"))


def one_merge(kind, after, timeout):
    from support.ctx import Ctx
    from support.rosim import Simulator

    from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import RouterOSError
    from ansible_collections.tikops.routeros.plugins.module_utils.api.options import ConnectionParams
    from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session
    from ansible_collections.tikops.routeros.plugins.modules import ip_addresses as IP

    with tempfile.TemporaryDirectory() as tmp:
        with Simulator(version="7.16", state=os.path.join(tmp, "s.yml"),
                       extra_args=("--%s-after" % kind, str(after), "--fault-connections", "1")) as sim:
            params = ConnectionParams(sim.host, sim.port, timeout=timeout)
            try:
                ctx = Ctx(Session.connect(params), opener=lambda: Session.connect(params), state="merged",
                          config=CONFIG)
                result = IP.run(ctx)
            except RouterOSError as exc:  # the login or the read failed: nothing may have been written
                truth = held(sim)
                return not truth, "read/login failed: %s" % type(exc).__name__
            truth = held(sim)
            if not result.get("failed"):
                return sorted(result["commands"]) == truth and result["changed"], "completed"
            ok = (sorted(result["applied"]) == truth and result["changed"] is bool(truth)
                  and not result.get("unknown") and "connection to the router was lost" in result["msg"])
            return ok, "%d applied, %d did not take effect" % (len(result["applied"]), len(result["not_applied"]))


def one_command(kind, timeout):
    from support.rosim import Simulator

    from ansible_collections.tikops.routeros.plugins.module_utils.tasks import command as C
    from ansible_collections.tikops.routeros.plugins.module_utils.api.options import ConnectionParams
    from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session

    with tempfile.TemporaryDirectory() as tmp:
        with Simulator(version="7.16", state=os.path.join(tmp, "s.yml"),
                       extra_args=("--%s-after" % kind, "1", "--fault-connections", "1")) as sim:
            params = ConnectionParams(sim.host, sim.port, timeout=timeout)
            session = Session.connect(params)
            args = dict(path="/ip/address", command="add", attributes=dict(address="192.0.2.77/24", interface="ether3"))
            result = C.run(args, False, lambda: session, lambda: Session.connect(params))
            truth = held(sim)
            ok = result.get("outcome") == ("took effect" if truth else "did not take effect") and \
                result["changed"] is bool(truth)
            return ok, result.get("outcome")


def faults(kinds, timeout):
    runs = survived = 0
    for kind in kinds:
        for after in range(1, 15):
            ok, what = one_merge(kind, after, timeout)
            runs += 1
            survived += ok
            print("  ip_addresses merge of 5, --%s-after %-2d  %-8s %s" % (kind, after, "ok" if ok else "WRONG", what),
                  flush=True)
        ok, what = one_command(kind, timeout)
        runs += 1
        survived += ok
        print("  command add,            --%s-after 1   %-8s %s" % (kind, "ok" if ok else "WRONG", what), flush=True)
    return runs, survived


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--examples", type=int, default=2000, help="hypothesis examples per fuzz test")
    parser.add_argument("--kinds", default=",".join(KINDS), help="fault kinds to run (%s)" % ",".join(KINDS))
    parser.add_argument("--timeout", type=float, default=1.0, help="the session timeout of the fault runs")
    args = parser.parse_args()
    start = time.monotonic()
    print("Fuzzing (hypothesis, %d examples per test):" % args.examples, flush=True)
    inputs, failures = fuzz(args.examples)
    print("Fault runs against the simulator:")
    runs, survived = faults([k for k in args.kinds.split(",") if k], args.timeout)
    print("inputs tried: %d (fuzz failures: %d); fault runs: %d, survived: %d; %.0fs"
          % (inputs, failures, runs, survived, time.monotonic() - start))
    return 0 if survived == runs and not failures else 1


if __name__ == "__main__":
    sys.exit(main())
