"""Run ansible-playbook for real against simulators, from tests and benchmarks.

    result = run_playbook(tmp_path, tasks=[{"tikops.routeros.command": {"path": "/system/identity"}}],
                          hosts={"r1": {"ansible_host": sim.host, "ansible_port": sim.port}})
    result.rc, result.stdout, result.tasks (list of dicts: host, task, action, status, result), result.stats

Every run is private: its own inventory, ANSIBLE_HOME, local temp and broker directory under ``workdir``, so
tests can run in parallel. Results come from a test-only callback (``callback_plugins/tikops_results.py``)
that writes JSON lines, so the normal stdout stays for assertions about what users see.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# TIKOPS_ANSIBLE_BIN runs the playbooks with another ansible-core (the bin directory of its venv, with python
# there too); `make matrix` sets it for each ansible-core line (tools/matrix.sh). Default: the dev venv.
VENV_BIN = Path(os.environ.get("TIKOPS_ANSIBLE_BIN") or (REPO / ".venv" / "bin"))
PYTHON = str(VENV_BIN / "python") if os.environ.get("TIKOPS_ANSIBLE_BIN") else sys.executable
CALLBACKS = Path(__file__).resolve().parent / "callback_plugins"


class PlaybookResult:
    def __init__(self, rc, stdout, stderr, records, broker_dir):
        self.rc = rc
        self.stdout = stdout
        self.stderr = stderr
        self.tasks = [r for r in records if r.get("kind") == "task"]
        stats = [r for r in records if r.get("kind") == "stats"]
        self.stats = stats[-1]["stats"] if stats else {}
        self.broker_dir = broker_dir

    def results(self, task=None, host=None):
        return [t for t in self.tasks if (task is None or t["task"] == task) and (host is None or t["host"] == host)]

    def __repr__(self):
        return "PlaybookResult(rc=%s, %d task results)" % (self.rc, len(self.tasks))


def inventory_for(hosts, connection="tikops.routeros.api", group_vars=None):
    group = {"ansible_connection": connection, "ansible_network_os": "tikops.routeros.routeros",
             "ansible_python_interpreter": PYTHON}
    group.update(group_vars or {})
    return {"all": {"hosts": hosts, "vars": group}}


def write_playbook(path, tasks, gather_facts=False, play_extra=None, plays=None):
    if plays is None:
        play = {"name": "test play", "hosts": "all", "gather_facts": gather_facts, "tasks": tasks}
        play.update(play_extra or {})
        plays = [play]
    path.write_text(json.dumps(plays, indent=1))
    return path


def playbook_env(workdir, broker_dir=None, extra_env=None):
    home = workdir / "ansible_home"
    tmp = workdir / "tmp"
    home.mkdir(parents=True, exist_ok=True)
    tmp.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    for name in list(env):
        if name.startswith("ANSIBLE_") or name.startswith("TIKOPS_"):
            del env[name]
    env.update({
        "ANSIBLE_HOME": str(home),
        "ANSIBLE_LOCAL_TEMP": str(tmp),
        "ANSIBLE_REMOTE_TEMP": str(tmp),
        "ANSIBLE_CALLBACK_PLUGINS": str(CALLBACKS),
        "ANSIBLE_CALLBACKS_ENABLED": "tikops_results",
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_RETRY_FILES_ENABLED": "0",
        "ANSIBLE_HOST_KEY_CHECKING": "0",
        "ANSIBLE_ROUTEROS_PERSISTENT_DIR": str(broker_dir or (workdir / "broker")),
        "TIKOPS_TEST_RESULTS": str(workdir / "results.jsonl"),
        "PATH": "%s:%s" % (VENV_BIN, os.environ.get("PATH", "")),
    })
    env.update(extra_env or {})
    return env


def run_playbook(workdir, tasks=None, hosts=None, inventory=None, playbook=None, plays=None, gather_facts=False,
                 play_extra=None, extra_env=None, args=(), verbosity=0, forks=None, timeout=600, broker_dir=None,
                 name="playbook", preexec_fn=None):
    """Run one playbook; ``tasks`` (list of task dicts) or ``playbook`` (YAML/JSON text) or ``plays``.
    ``preexec_fn`` runs in the child before ansible-playbook starts (to lower its limits, say)."""
    workdir = Path(workdir)
    run_dir = workdir / name
    run_dir.mkdir(parents=True, exist_ok=True)
    inv_path = run_dir / "inventory.json"
    inv_path.write_text(json.dumps(inventory if inventory is not None else inventory_for(hosts or {})))
    pb_path = run_dir / "playbook.yml"
    if playbook is not None:
        pb_path.write_text(playbook)
    else:
        write_playbook(pb_path, tasks or [], gather_facts, play_extra, plays)
    results_path = run_dir / "results.jsonl"
    if results_path.exists():
        results_path.unlink()
    broker_dir = Path(broker_dir) if broker_dir else workdir / "broker"
    env = playbook_env(run_dir, broker_dir, extra_env)
    env["TIKOPS_TEST_RESULTS"] = str(results_path)
    cmd = [str(VENV_BIN / "ansible-playbook"), "-i", str(inv_path), str(pb_path)]
    if verbosity:
        cmd.append("-" + "v" * verbosity)
    if forks:
        cmd += ["--forks", str(forks)]
    cmd += list(args)
    proc = subprocess.run(cmd, cwd=str(run_dir), env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, timeout=timeout, check=False, preexec_fn=preexec_fn)
    records = []
    if results_path.exists():
        records = [json.loads(line) for line in results_path.read_text().splitlines() if line.strip()]
    return PlaybookResult(proc.returncode, proc.stdout, proc.stderr, records, broker_dir)
