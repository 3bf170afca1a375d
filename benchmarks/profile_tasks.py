#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where a task's time goes in ansible-playbook's forked worker: cProfile of every worker of a run.

    .venv/bin/python benchmarks/profile_tasks.py [--tasks 20] [--contender tikops|debug|tikops-off]
                                                 [--sort cumulative] [--limit 40] [--skip-first]

Runs one playbook of ``--tasks`` one-menu reads (as ``bench_tasks.py`` part 1) against one simulator, with
ansible-playbook started through a small wrapper that runs each task worker (``WorkerProcess._run``) under
cProfile and writes one profile per worker. The profiles are merged and printed (``pstats``), with the wall time of
each worker from its fork to its exit. ``--skip-first`` leaves out the first task's worker (the session daemon's
start and the login happen there) to show the steady state.

Profiling slows Python code down (about 2x for call-heavy code): compare contenders with each other, not with
bench_tasks.py's figures.
"""

import argparse
import glob
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests"))
sys.path.insert(0, HERE)

from bench_tasks import DEBUG, MENUS, OURS, OURS_OFF, base_env, hosts_local, hosts_ours, play, read_task  # noqa: E402
from support.rosim import Simulator  # noqa: E402

WRAPPER = r'''
import cProfile, json, os, sys, time
from ansible.executor.process import worker

OUT = os.environ["TIKOPS_PROFILE_DIR"]
PROFILE = os.environ.get("TIKOPS_PROFILE_MODE") != "wall"
_run = worker.WorkerProcess._run
ACTION = [0.0]
TIMES = {}


def timed(run):
    def wrapper(self, *args, **kwargs):
        started = time.perf_counter()
        try:
            return run(self, *args, **kwargs)
        finally:
            ACTION[0] += time.perf_counter() - started
    return wrapper


def profiled_run(self):
    started = time.perf_counter()
    name = "%020d-%d" % (time.monotonic_ns(), os.getpid())
    task = self._task.get_name()
    if self._task.action == "ansible.builtin.debug":
        from ansible.plugins.action import debug as action
        action.ActionModule.run = timed(action.ActionModule.run)
    else:
        from ansible_collections.tikops.routeros.plugins.plugin_utils import action
        action.RouterOSAction.run = timed(action.RouterOSAction.run)
        if os.environ.get("TIKOPS_PROFILE_NO_WORKER_GC"):  # A/B: the task with the collector as ansible-core leaves it
            import contextlib
            action.worker_gc = contextlib.nullcontext
    for spec in filter(None, os.environ.get("TIKOPS_PROFILE_TIME", "").split(",")):
        modname, qualname = spec.split(":")
        owner = __import__(modname, fromlist=["x"])
        parts = qualname.split(".")
        for part in parts[:-1]:
            owner = getattr(owner, part)
        func = getattr(owner, parts[-1])

        def timer(*args, __func=func, __name=spec, **kwargs):
            t0 = time.perf_counter()
            try:
                return __func(*args, **kwargs)
            finally:
                TIMES[__name] = TIMES.get(__name, 0.0) + time.perf_counter() - t0
        setattr(owner, parts[-1], timer)
    prof = cProfile.Profile() if PROFILE else None
    try:
        if prof is None:
            return _run(self)
        return prof.runcall(_run, self)
    finally:
        if prof is not None:
            prof.disable()
        wall = time.perf_counter() - started
        cpu = os.times()
        TIMES["worker CPU (user + system)"] = cpu.user + cpu.system
        with open(os.path.join(OUT, name + ".wall"), "w") as fh:
            fh.write("%f %f %s\n%s" % (wall, ACTION[0], task.replace(" ", "_"), json.dumps(TIMES)))
        if prof is not None:
            prof.dump_stats(os.path.join(OUT, name + ".part"))
            os.rename(os.path.join(OUT, name + ".part"), os.path.join(OUT, name + ".prof"))


worker.WorkerProcess._run = profiled_run
from ansible.cli.playbook import main
sys.argv[0] = "ansible-playbook"
if os.environ.get("TIKOPS_PROFILE_PARENT"):
    parent = cProfile.Profile()
    try:
        rc = parent.runcall(main)
    finally:
        parent.dump_stats(os.path.join(OUT, "parent.pstats"))
    sys.exit(rc)
sys.exit(main())
'''


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--tasks", type=int, default=20)
    parser.add_argument("--contender", choices=["tikops", "tikops-off", "debug"], default="tikops")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--skip-first", action="store_true", help="leave the first task's worker out")
    parser.add_argument("--first", action="store_true", help="only the first task's worker")
    parser.add_argument("--callees", help="also print what this function (a pstats pattern) calls")
    parser.add_argument("--save", help="write the merged profile to this file (pstats format)")
    parser.add_argument("--wall", action="store_true", help="no profiler: only the wall times of the workers")
    parser.add_argument("--address-list", type=int, metavar="N",
                        help="instead of the reads: bench_menu.py's address-list scenario with N entries (churn, unchanged)")
    parser.add_argument("--parent", action="store_true",
                        help="profile ansible-playbook's main process instead of the workers (where results are handled)")
    parser.add_argument("--no-worker-gc", action="store_true",
                        help="A/B: run the action without plugin_utils/action.worker_gc (the collector left as it is)")
    parser.add_argument("--time", default="", help="comma-separated module:qualname functions to time in the worker")
    args = parser.parse_args(argv)
    contender = {"tikops": OURS, "tikops-off": OURS_OFF, "debug": DEBUG}[args.contender]
    work = tempfile.mkdtemp(prefix="profile-tasks-")
    prof_dir = os.path.join(work, "prof")
    os.mkdir(prof_dir)
    try:
        state = files = None
        if args.address_list:
            from bench_menu import address_data

            entries, churned = address_data(args.address_list)
            state = {"menus": {"/ip/firewall/address-list": entries}}
            files = {"churned.json": [{"address": e["address"]} for e in churned]}
        with Simulator(version="7.16", identity="bench", state=state) as sim:
            routers = {"r1": sim}
            if contender == DEBUG:
                hosts = hosts_local(routers, sys.executable)
            else:
                hosts = hosts_ours(routers, sys.executable, persistent=contender == OURS)
            with open(os.path.join(work, "inventory.json"), "w") as fh:
                json.dump({"all": {"hosts": hosts}}, fh)
            reads = [read_task(contender, MENUS[i % len(MENUS)], i) for i in range(args.tasks)]
            if files:
                # as bench_menu.py runs it: the module's advice for big lists (result_entries: changed)
                scope = {"path": "/ip/firewall/address-list", "where": {"list": "bench"}, "state": "overridden",
                         "src": "churned.json", "result_entries": "changed"}
                reads = [{"name": n, "tikops.routeros.menu": scope} for n in ("churn 1%", "unchanged")]
                for name, content in files.items():
                    with open(os.path.join(work, name), "w") as fh:
                        json.dump(content, fh)
            with open(os.path.join(work, "playbook.json"), "w") as fh:
                json.dump(play(reads), fh)
            with open(os.path.join(work, "wrapper.py"), "w") as fh:
                fh.write(WRAPPER)
            env = base_env(work)
            env["TIKOPS_PROFILE_DIR"] = prof_dir
            if args.wall:
                env["TIKOPS_PROFILE_MODE"] = "wall"
            env["TIKOPS_PROFILE_TIME"] = args.time
            if args.no_worker_gc:
                env["TIKOPS_PROFILE_NO_WORKER_GC"] = "1"
            if args.parent:
                env["TIKOPS_PROFILE_PARENT"] = "1"
                env["TIKOPS_PROFILE_MODE"] = "wall"

            proc = subprocess.run([sys.executable, "wrapper.py", "-i", "inventory.json", "playbook.json"], cwd=work,
                                  env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  text=True, check=False)
            if proc.returncode != 0:
                raise SystemExit("ansible-playbook failed:\n%s" % proc.stdout[-4000:])
        if args.parent:
            stats = pstats.Stats(os.path.join(prof_dir, "parent.pstats"))
            if args.save:
                stats.dump_stats(args.save)
            stats.sort_stats(args.sort).print_stats(args.limit)
            return
        walls, actions, timed = [], [], {}
        profiles = sorted(glob.glob(os.path.join(prof_dir, "*.wall")))
        print("%d workers, %d profiles complete (a worker may be ended before it wrote its profile)"
              % (len(profiles), len(glob.glob(os.path.join(prof_dir, "*.prof")))))
        if not args.wall:
            profiles = [p[:-5] + ".prof" for p in profiles if os.path.exists(p[:-5] + ".prof")]
        for path in profiles:
            with open(path[:-5] + ".wall") as fh:
                first, times = fh.read().split("\n", 1)
                words = first.split()
            for key, value in json.loads(times).items():
                timed.setdefault(key, []).append(value)
            walls.append(float(words[0]))
            actions.append(float(words[1]))
        if args.skip_first:
            profiles, walls = profiles[1:], walls[1:]
        elif args.first:
            profiles, walls = profiles[:1], walls[:1]
        print("%s: %d workers; worker wall time%s median %.2f ms (first %.1f ms), of which the action's run() %.2f ms"
              % (contender, len(walls), "" if args.wall else " (profiled)", statistics.median(walls) * 1000,
                 walls[0] * 1000 if walls else 0, statistics.median(actions) * 1000))
        for key, values in sorted(timed.items()):
            print("  %-70s median %.3f ms" % (key, statistics.median(values) * 1000))
        if args.wall:
            return
        stats = pstats.Stats(*profiles)
        if args.save:
            stats.dump_stats(args.save)
        stats.sort_stats(args.sort).print_stats(args.limit)
        if args.callees:
            stats.print_callees(args.callees)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
