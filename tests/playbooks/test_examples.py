# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The EXAMPLES block of every plugin file under plugins/ runs as written, with ansible-playbook, against a
simulated router. Plugins are found by walking plugins/, so a new module (or connection, callback...) is tested
without editing this file. The conventions examples follow are in tests/playbooks/examples/README.md."""

import ast
import shutil
from pathlib import Path

import pytest
import yaml

from support.playbook import inventory_for, run_playbook
from support.rosim import Simulator, start_simulators

REPO = Path(__file__).resolve().parents[2]
PLUGINS = REPO / "plugins"
EXAMPLES_DIR = Path(__file__).resolve().parent / "examples"
# directories of code that is not a plugin of its own (no documentation, so no EXAMPLES)
NOT_PLUGINS = {"module_utils", "plugin_utils", "doc_fragments", "action"}
PASSWORD = "example-password"
# the RouterOS release a plugin's examples run on, when it is not the default 7.16 (safe mode over the API: 7.18+)
DEFAULT_VERSION = "7.16"
EXAMPLE_VERSIONS = {"modules/safe_mode": "7.20.8"}


def plugin_files():
    out = []
    for directory in sorted(p for p in PLUGINS.iterdir() if p.is_dir() and p.name not in NOT_PLUGINS):
        for path in sorted(directory.glob("*.py")):
            if path.name != "__init__.py" and not path.name.startswith("_"):
                out.append(path)
    return out


def examples_of(path):
    """The EXAMPLES string of a plugin file, read without importing it (None when it has none)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "EXAMPLES" for t in node.targets):
            return ast.literal_eval(node.value)
    return None


def as_plays(text, where):
    """The examples as a list of plays: a playbook stays as it is, a task list becomes one play's tasks."""
    data = yaml.safe_load(text)
    if not isinstance(data, list) or not data or not all(isinstance(item, dict) for item in data):
        pytest.fail("%s: EXAMPLES is not a list of tasks or plays (see tests/playbooks/examples/README.md)" % where)
    if all("hosts" in item for item in data):
        return data
    if any("hosts" in item for item in data):
        pytest.fail("%s: EXAMPLES mixes plays and tasks" % where)
    return [{"name": "EXAMPLES of %s" % where, "hosts": "all", "gather_facts": False, "tasks": data}]


def tasks_of(plays):
    for play in plays:
        for key in ("pre_tasks", "tasks", "post_tasks", "handlers"):
            yield from play.get(key) or []


FILES = [p for p in plugin_files() if examples_of(p) is not None]


def test_every_plugin_is_found_and_every_module_has_examples():
    """The walk finds the plugins we know of, so an empty parametrization cannot pass silently."""
    names = {"%s/%s" % (p.parent.name, p.stem) for p in FILES}
    assert {"modules/command", "modules/facts", "modules/interfaces", "modules/ip_addresses",
            "connection/api"} <= names
    missing = [p.stem for p in (PLUGINS / "modules").glob("*.py") if examples_of(p) is None]
    assert missing == [], "modules without EXAMPLES: %s" % missing


def test_example_versions_name_plugins_that_exist():
    """A renamed plugin cannot leave its release behind unnoticed (its examples would run on the default)."""
    names = {"%s/%s" % (p.parent.name, p.stem) for p in FILES}
    assert set(EXAMPLE_VERSIONS) <= names, set(EXAMPLE_VERSIONS) - names


def callback_settings(text, where):
    """A callback's EXAMPLES: the ``ansible.cfg`` lines it shows (as comments), as ``{key: value}`` of [defaults],
    and the lines it says the end of a run shows (``# <output>`` after "shows")."""
    settings, shown, section, after = {}, [], None, False
    for line in text.splitlines():
        body = line.lstrip("#").strip()
        if not body:
            continue
        if body.startswith("[") and body.endswith("]"):
            section = body[1:-1]
        elif section == "defaults" and "=" in body and not after:
            key, value = body.split("=", 1)
            settings[key.strip()] = value.strip()
        elif "shows" in body:
            after = True
        elif after:
            shown.append(body)
    if not settings:
        pytest.fail("%s: a callback's EXAMPLES must show its ansible.cfg [defaults] lines" % where)
    return settings, shown


CALLBACK_PLAY = [{"name": "A run for the callback", "hosts": "all", "gather_facts": False, "tasks": [
    {"name": "Read the identity", "tikops.routeros.command": {"path": "/system/identity", "command": "print"}},
    {"name": "Set the identity", "tikops.routeros.menu": {"path": "/system/identity", "config": {"name": "router1"}}},
]}]


def host_of(path):
    """The inventory host of a plugin's examples: each plugin has a router of its own."""
    return "%s_%s" % (path.parent.name, path.stem)


def plays_for(path):
    """The plugin's examples as plays for its own host (``hosts: all``/``routers`` in an example means that one)."""
    where = "%s/%s" % (path.parent.name, path.name)
    plays = as_plays(examples_of(path), where)
    for task in tasks_of(plays):
        assert "ignore_errors" not in task, "%s: examples must not ignore errors (%r)" % (where, task.get("name"))
    return [dict(play, hosts=host_of(path)) for play in plays]


def copy_files(run_dir, hosts):
    """examples/files next to the playbook; what is there for ``router1`` (backups/router1/, router1.rsc) also for
    each host, so that examples naming files by ``inventory_hostname`` find them."""
    shutil.copytree(EXAMPLES_DIR / "files", run_dir / "files")
    found = [f for f in (run_dir / "files").rglob("router1*") if f.name == "router1" or f.name.startswith("router1.")]
    for path in sorted(found):
        for host in hosts:
            twin = path.with_name(host + path.name[len("router1"):])
            if path.is_dir():
                shutil.copytree(path, twin)
            else:
                shutil.copy2(path, twin)


RUN_FILES = [p for p in FILES if p.parent.name != "callback"]


@pytest.fixture(scope="module")
def examples_run(tmp_path_factory):
    """Every plugin's examples in one ansible-playbook run (one start of ansible-core instead of one per plugin):
    each plugin's plays target a host of its own, on a router of its own in one simulator process, from the same
    state; a failing plugin fails its own host and the others run on."""
    tmp_path = tmp_path_factory.mktemp("examples")
    hosts = [host_of(p) for p in RUN_FILES]
    run_dir = tmp_path / "examples"
    copy_files(run_dir, hosts)
    plays = [play for p in RUN_FILES for play in plays_for(p)]
    routers = [{"name": host_of(p), "identity": "router1", "password": PASSWORD, "state": str(EXAMPLES_DIR / "state.yml"),
                "routeros-version": EXAMPLE_VERSIONS.get("%s/%s" % (p.parent.name, p.stem), DEFAULT_VERSION)}
               for p in RUN_FILES]
    with start_simulators({"routers": routers},
                          extra_args=("--monitor-interval-ms", "20", "--reboot-down-ms", "100")) as group:
        inventory = inventory_for({}, group_vars={
            "ansible_user": "admin", "ansible_password": "{{ vault_router_password }}",
            "vault_router_password": PASSWORD, "vault_backup_password": "example-backup-password",
            "ansible_facts_modules": ["tikops.routeros.facts"]})
        inventory["all"]["children"] = {"routers": {"hosts": dict(
            (h, {"ansible_host": group[h].host, "ansible_port": group[h].port}) for h in hosts)}}
        yield run_playbook(tmp_path, inventory=inventory, playbook=yaml.safe_dump(plays, sort_keys=False),
                           name="examples")


@pytest.mark.parametrize("path", FILES, ids=lambda p: "%s/%s" % (p.parent.name, p.stem))
def test_examples_run_against_the_simulator(path, request, tmp_path):
    where = "%s/%s" % (path.parent.name, path.name)
    if path.parent.name == "callback":
        run_callback_example(path, where, tmp_path)
        return
    result = request.getfixturevalue("examples_run")
    host = host_of(path)
    statuses = [(t["task"], t["status"]) for t in result.results(host=host)]
    expected = [t.get("name") for t in tasks_of(plays_for(path))]
    assert len(statuses) == len(expected), "%s: %s\n%s%s" % (where, statuses, result.stdout, result.stderr)
    bad = [s for s in statuses if s[1] not in ("ok", "changed")]
    assert bad == [], "%s: %s\n%s" % (where, bad, result.stdout)
    recap = result.stats.get(host) or {}
    assert not recap.get("failures") and not recap.get("unreachable"), "%s: %s\n%s" % (where, recap, result.stdout)


def run_callback_example(path, where, tmp_path):
    """A callback plugin's example is the ansible.cfg that enables it: enable it that way (with the test's own
    results callback) for a short run, and check that what the example says the run shows is there."""
    settings, shown = callback_settings(examples_of(path), where)
    enabled = [c.strip() for c in settings.pop("callbacks_enabled", "").split(",") if c.strip()]
    assert enabled, "%s: the example enables no callback" % where
    env = dict(("ANSIBLE_%s" % key.upper(), value) for key, value in settings.items())
    env["ANSIBLE_CALLBACKS_ENABLED"] = ",".join(["tikops_results"] + enabled)
    with Simulator(version="7.16", identity="router1", password=PASSWORD) as sim:
        inventory = inventory_for({}, group_vars={"ansible_user": "admin", "ansible_password": PASSWORD})
        inventory["all"]["children"] = {"routers": {"hosts": {
            "router1": {"ansible_host": sim.host, "ansible_port": sim.port}}}}
        result = run_playbook(tmp_path, inventory=inventory, plays=CALLBACK_PLAY, extra_env=env, name="callback")
    assert result.rc == 0, result.stdout + result.stderr
    for line in shown:
        if line.startswith("*") or " : " not in line:
            head = line.split("*")[0].strip()
            if head:
                assert head in result.stdout, "%s: the example says the run shows %r\n%s" % (where, head, result.stdout)
        else:
            # a per-host line: the same keys, for our host (the figures are the run's own)
            keys = [word.split("=")[0] for word in line.split(" : ", 1)[1].split() if "=" in word]
            host_lines = [ln for ln in result.stdout.splitlines() if ln.startswith("router1 ")]
            assert host_lines, result.stdout
            for key in keys:
                assert key + "=" in host_lines[-1], "%s: %r missing from %r" % (where, key, host_lines[-1])
