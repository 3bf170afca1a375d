# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One timed ansible-playbook run of a benchmark, shared by bench_menu.py and bench_export.py.

    run = run_playbook(work, python, sim, files, timeout)
    run.rc, run.timed_out, run.total, run.out, run.err, run.records, run.sampler, run.started

``files`` (name -> JSON content) are written into ``work`` first (``inventory.json`` and ``playbook.json`` among
them). The run has its own Ansible home, temp and broker directories under ``work``, the ``bench_timer`` callback
(one record per task in ``times.jsonl``: start, end, changed, failed), and a CPU sampler of the simulator, the
playbook and its broker. ``MAXRSS`` (KiB, the playbook's children) is printed on stderr by the wrapper.
"""

import json
import os
import subprocess
import sys
import time

from cpusplit import CpuSampler

HERE = os.path.dirname(os.path.abspath(__file__))
WRAPPER = ("import resource, subprocess, sys; rc = subprocess.run(sys.argv[1:]).returncode; "
           "sys.stderr.write('MAXRSS %d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(rc)")


class Run:
    """What one run gave (see the module docstring)."""

    def __init__(self, **kwargs):
        self.__dict__.update(kwargs)

    def maxrss_mb(self):
        for line in self.err.splitlines():
            if line.startswith("MAXRSS "):
                return int(line.split()[1]) / 1024.0
        return None


def run_playbook(work, python, sim, files, timeout):
    for name, content in files.items():
        with open(os.path.join(work, name), "w") as handle:
            json.dump(content, handle)
    times = os.path.join(work, "times.jsonl")
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith(("ANSIBLE_", "TIKOPS_")))
    env.update(ANSIBLE_HOME=os.path.join(work, "home"), ANSIBLE_LOCAL_TEMP=os.path.join(work, "tmp"),
               ANSIBLE_CALLBACK_PLUGINS=os.path.join(HERE, "callback_plugins"),
               ANSIBLE_CALLBACKS_ENABLED="bench_timer", ANSIBLE_NOCOLOR="1",
               ANSIBLE_ROUTEROS_PERSISTENT_DIR=os.path.join(work, "broker"), TIKOPS_BENCH_TIMES=times)
    cmd = [sys.executable, "-c", WRAPPER, os.path.join(os.path.dirname(python), "ansible-playbook"),
           "-i", "inventory.json", "playbook.json"]
    started = time.time()
    timed_out = False
    # output to files, not pipes: our session daemon outlives the run and would hold a pipe open
    out_path, err_path = os.path.join(work, "stdout"), os.path.join(work, "stderr")
    with open(out_path, "w") as out_fh, open(err_path, "w") as err_fh:
        proc = subprocess.Popen(cmd, cwd=work, env=env, stdin=subprocess.DEVNULL, stdout=out_fh, stderr=err_fh)
        sampler = CpuSampler(sim.proc.pid, proc.pid, marker=os.path.join(work, "broker"))
        sampler.start()
        try:
            rc = proc.wait(timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            rc = None
            # the wrapper's child (ansible-playbook, by parent id), then the wrapper
            subprocess.run(["pkill", "-TERM", "-P", str(proc.pid)], check=False)
            proc.wait(60)
        finally:
            sampler.stop()
    total = time.time() - started
    with open(out_path) as handle:
        out = handle.read()
    with open(err_path) as handle:
        err = handle.read()
    records = []
    if os.path.exists(times):
        with open(times) as handle:
            records = [json.loads(line) for line in handle]
    return Run(rc=rc, timed_out=timed_out, total=total, out=out, err=err, records=records, sampler=sampler,
               started=started)
