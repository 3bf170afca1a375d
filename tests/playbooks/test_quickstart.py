# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""docs/quickstart.md, step by step, against the simulator: build the tarball, install it into an empty
collections path (the working tree is not used: sys.path scanning is off), the inventory and playbooks exactly as
the guide writes them, the password in a file encrypted with ansible-vault, the first facts, the first change with
--check --diff, then for real, then again (no change)."""

import re
import subprocess

import pytest

from support.playbook import REPO, VENV_BIN, playbook_env
from support.rosim import Simulator

GUIDE = REPO / "docs" / "quickstart.md"
ROUTER_PASSWORD = "the router password"
VAULT_PASSPHRASE = "a long vault passphrase"


def guide_files():
    """The ```yaml blocks of the guide whose first line is ``# <file name>``: {name: text}."""
    out = {}
    for block in re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S):
        first, _sep, rest = block.partition("\n")
        if re.match(r"# [\w.-]+\.yml$", first):
            out[first[2:]] = block
    return out


def run(cmd, cwd, env, check=True):
    proc = subprocess.run([str(c) for c in cmd], cwd=str(cwd), env=env, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=600, check=False)
    if check:
        assert proc.returncode == 0, "%s\n%s\n%s" % (cmd, proc.stdout, proc.stderr)
    return proc


@pytest.fixture(scope="module")
def sim():
    with Simulator(version="7.16", identity="MikroTik", password=ROUTER_PASSWORD) as s:
        yield s


def test_quickstart_steps(sim, tmp_path):
    files = guide_files()
    assert set(files) >= {"inventory.yml", "facts.yml", "change.yml"}, sorted(files)
    env = playbook_env(tmp_path)
    collections = tmp_path / "collections"
    env.update({"ANSIBLE_COLLECTIONS_PATH": str(collections), "ANSIBLE_COLLECTIONS_SCAN_SYS_PATH": "false"})
    for name in ("ANSIBLE_CALLBACKS_ENABLED", "ANSIBLE_CALLBACK_PLUGINS"):
        del env[name]

    # 1. the tarball (what `make build` does), installed
    dist = tmp_path / "dist"
    run([VENV_BIN / "ansible-galaxy", "collection", "build", "--output-path", dist, REPO], REPO, env)
    (tarball,) = dist.glob("tikops-routeros-*.tar.gz")
    run([VENV_BIN / "ansible-galaxy", "collection", "install", tarball, "-p", collections], tmp_path, env)
    installed = run([VENV_BIN / "ansible-galaxy", "collection", "list", "tikops.routeros"], tmp_path, env).stdout
    assert str(collections) in installed and "tikops.routeros" in installed

    # 3. project directory, inventory, vaulted password
    project = tmp_path / "routers"
    (project / "group_vars" / "routers").mkdir(parents=True)
    for name, text in files.items():
        (project / name).write_text(text)
    vault_pass = tmp_path / "vault-pass"
    vault_pass.write_text(VAULT_PASSPHRASE + "\n")
    vault_pass.chmod(0o600)
    vault_file = project / "group_vars" / "routers" / "vault.yml"
    vault_file.write_text("vault_router_password: %s\n" % ROUTER_PASSWORD)
    run([VENV_BIN / "ansible-vault", "encrypt", "--vault-password-file", vault_pass, vault_file], project, env)
    assert vault_file.read_text().startswith("$ANSIBLE_VAULT;1.1;AES256")
    assert ROUTER_PASSWORD not in vault_file.read_text()

    # the guide's 192.168.88.1 is the simulator here
    where = ["-e", "ansible_host=%s" % sim.host, "-e", "ansible_port=%d" % sim.port]
    playbook = [VENV_BIN / "ansible-playbook", "-i", "inventory.yml", "--vault-password-file", vault_pass] + where

    # 4. first facts
    facts = run(playbook + ["facts.yml"], project, env)
    assert "MikroTik: RouterOS 7.16" in facts.stdout and "on RB750Gr3" in facts.stdout, facts.stdout
    assert ROUTER_PASSWORD not in facts.stdout + facts.stderr

    # 5. the change, looked at: reported, shown, not made (a second look still has it to do)
    for _attempt in range(2):
        check = run(playbook + ["change.yml", "--check", "--diff"], project, env)
        assert "changed=1" in check.stdout and '+  comment="office switch"' in check.stdout, check.stdout
    real = run(playbook + ["change.yml"], project, env)
    assert "changed=1" in real.stdout, real.stdout
    again = run(playbook + ["change.yml"], project, env)
    assert "changed=0" in again.stdout and "ok=1" in again.stdout, again.stdout
    writes = [e for e in sim.events("command") if any("office switch" in w for w in e.get("words", []))]
    assert len(writes) == 1, writes
