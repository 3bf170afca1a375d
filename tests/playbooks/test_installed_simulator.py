# -*- coding: utf-8 -*-
"""The simulator in users' hands: built into the collection tarball, installed with
ansible-galaxy, started with the documented command from the installed copy, and a playbook run against it."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from support.playbook import VENV_BIN, run_playbook

REPO = Path(__file__).resolve().parents[2]
MODULE = "ansible_collections.tikops.routeros.simulator.rosim"


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("installed")
    dist = tmp / "dist"
    subprocess.run([str(VENV_BIN / "ansible-galaxy"), "collection", "build", "--force", "--output-path", str(dist),
                    str(REPO)], check=True, capture_output=True, timeout=300)
    tarball = next(dist.glob("tikops-routeros-*.tar.gz"))
    collections = tmp / "collections"
    subprocess.run([str(VENV_BIN / "ansible-galaxy"), "collection", "install", "--force", "-p", str(collections),
                    str(tarball)], check=True, capture_output=True, timeout=300)
    root = collections / "ansible_collections" / "tikops" / "routeros"
    assert (root / "simulator" / "rosim" / "__main__.py").is_file()
    assert (root / "plugins" / "module_utils" / "catalog" / "data.py").is_file()
    return tmp, collections, root


def start(cmd, env, cwd):
    proc = subprocess.Popen(cmd, env=env, cwd=str(cwd), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    buf = b""
    while b"\n" not in buf:
        left = deadline - time.monotonic()
        if left <= 0 or proc.poll() is not None:
            proc.kill()
            raise AssertionError("no ready line: %r %r" % (buf, proc.stderr.read()))
        if select.select([proc.stdout], [], [], left)[0]:
            buf += os.read(proc.stdout.fileno(), 4096)
    fields = dict(w.split("=", 1) for w in buf.decode().split()[2:] if "=" in w)
    return proc, fields


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    proc.wait(20)
    return proc.returncode


def user_env(collections):
    """What a user has: the collections directory on the Python path, nothing of this repository."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANSIBLE_", "PYTHON", "ROSIM_"))}
    env["PYTHONPATH"] = str(collections)
    return env


def test_installed_simulator_runs_a_playbook(installed):
    tmp, collections, root = installed
    env = user_env(collections)
    # the installed copy is the one imported, not this repository
    where = subprocess.run([sys.executable, "-c", "import %s.cli as c; print(c.__file__)" % MODULE], env=env,
                           cwd=str(tmp), capture_output=True, text=True, check=True).stdout.strip()
    assert where.startswith(str(root))
    proc, ready = start([sys.executable, "-m", MODULE, "--api", "127.0.0.1:0", "--routeros-version", "7.20"],
                        env, tmp)
    try:
        host, port = ready["api"].rsplit(":", 1)
        result = run_playbook(tmp, tasks=[
            {"name": "identity", "tikops.routeros.command": {
                "path": "/system/identity", "command": "set", "attributes": {"name": "from-tarball"}}},
            {"name": "read", "tikops.routeros.command": {"path": "/ip/pool"}},
        ], hosts={"r1": {"ansible_host": host, "ansible_port": int(port)}},
            extra_env={"ANSIBLE_COLLECTIONS_PATH": str(collections)})
        assert result.rc == 0, result.stdout + result.stderr
        assert [t["task"] for t in result.tasks] == ["identity", "read"]
    finally:
        assert stop(proc) == 0


def test_installed_simulator_by_path_and_a_bad_state_file(installed):
    tmp, collections, root = installed
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANSIBLE_", "PYTHON", "ROSIM_"))}
    bad = tmp / "bad.yml"
    bad.write_text("menus:\n  /system/identity: {name: edge1}\n  /ip/pool: [\n    {name: p1, ranges: 10.0.0.1-10.0.0.9\n")
    out = subprocess.run([sys.executable, str(root / "simulator" / "rosim"), "--api", "127.0.0.1:0", "--state",
                          str(bad)], env=env, cwd=str(tmp), capture_output=True, text=True, timeout=60, check=False)
    assert out.returncode != 0
    assert str(bad) in out.stderr and "line" in out.stderr
    good = tmp / "good.yml"
    good.write_text(yaml.safe_dump({"menus": {"/ip/pool": [{"name": "p1", "ranges": "10.0.0.1-10.0.0.9"}]}}))
    proc, ready = start([sys.executable, str(root / "simulator" / "rosim"), "--api", "127.0.0.1:0", "--state",
                         str(good)], env, tmp)
    assert "api" in ready
    assert stop(proc) == 0
