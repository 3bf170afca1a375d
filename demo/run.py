# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`make demo`: start three simulated routers, run demo/playbooks/site.yml against them, stop them.

    .venv/bin/python demo/run.py [extra ansible-playbook arguments, e.g. -v or --check]

The routers (demo/rosim.yml) run in one `bin/rosim --config` process on free ports of 127.0.0.1: RouterOS 6.42.5
(MD5 login), 7.16 (no !empty) and 7.19 over TLS, whose certificate the inventory trusts with
ansible_routeros_ca_path. The exit status is the playbook's.

The run shows the tikops.routeros.api_stats callback (demo/ansible.cfg) and writes the connection's telemetry file
(ANSIBLE_ROUTEROS_TELEMETRY_FILE); the simulators' own count of logins and commands is printed after it, to compare.
"""

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

DEMO = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(DEMO)
ROSIM = os.path.join(REPO, "bin", "rosim")
VENV_BIN = os.path.join(REPO, ".venv", "bin")
CONFIG = os.path.join(DEMO, "rosim.yml")
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0


def count_routers(path):
    """Routers in the simulator config (a line `  - name:` each; the file is ours, kept that simple)."""
    with open(path, "r", encoding="utf-8") as fh:
        return sum(1 for line in fh if line.lstrip().startswith("- name:"))


def start_simulators(workdir):
    """Start bin/rosim --config; return (process, [ready fields per router])."""
    events = os.path.join(workdir, "events.jsonl")
    proc = subprocess.Popen([ROSIM, "--config", CONFIG, "--events", events], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=REPO, start_new_session=True)
    wanted = count_routers(CONFIG)
    ready, buf = [], b""
    deadline = time.monotonic() + START_TIMEOUT
    while len(ready) < wanted:
        left = deadline - time.monotonic()
        if left <= 0:
            stop_simulators(proc)
            raise SystemExit("demo: the simulators were not ready within %.0fs" % START_TIMEOUT)
        readable, dummy, dummy = select.select([proc.stdout], [], [], left)
        if not readable:
            continue
        chunk = os.read(proc.stdout.fileno(), 4096)
        if not chunk:
            err = proc.stderr.read().decode("utf-8", "replace").strip()
            raise SystemExit("demo: bin/rosim exited (status %s) before it was ready: %s" % (proc.wait(), err))
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            text = line.decode("utf-8", "replace").strip()
            if text.startswith("rosim ready"):
                ready.append(dict(part.partition("=")[::2] for part in text.split()[2:]))
    return proc, ready, events


def stop_simulators(proc):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(STOP_TIMEOUT)
    for stream in (proc.stdout, proc.stderr):
        stream.close()


def write_inventory(workdir, ready):
    """The hosts, with the ports the simulators got; group vars come from demo/inventory/routers.yml."""
    hosts = {}
    for router in ready:
        host, dummy, port = router["api"].rpartition(":")
        entry = {"ansible_host": host, "ansible_port": int(port)}
        if router.get("api-ssl"):
            entry["ansible_port"] = int(router["api-ssl"].rpartition(":")[2])
            entry["ansible_routeros_tls"] = True
            entry["ansible_routeros_ca_path"] = router["cert"]
        hosts[router["name"]] = entry
    path = os.path.join(workdir, "hosts.json")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump({"routers": {"hosts": hosts}}, fh, indent=1)
    return path


def shutdown_broker(directory):
    """Stop the session broker the playbook started (it would expire when idle anyway)."""
    try:
        from ansible_collections.tikops.routeros.plugins.module_utils.api import persist
    except ImportError:
        return
    try:
        persist.shutdown(directory)
    except Exception:  # the broker may have expired or never started; nothing to clean up then
        pass


def summary(events_path):
    logins, methods, commands = {}, {}, {}
    try:
        with open(events_path, "r", encoding="utf-8") as fh:
            for line in fh:
                event = json.loads(line)
                router = event.get("router")
                if event.get("event") == "login" and event.get("success"):
                    logins[router] = logins.get(router, 0) + 1
                    methods.setdefault(router, set()).add(event.get("method") or "?")
                elif event.get("event") == "command" and event.get("words", [""])[0] not in ("/login", "/quit"):
                    commands[router] = commands.get(router, 0) + 1
    except OSError:
        return
    for router in sorted(set(logins) | set(commands)):
        how = ", ".join(sorted(methods.get(router, ())))
        counts = (router, logins.get(router, 0), how, commands.get(router, 0))
        print("demo: %-6s %d login(s) (%s), %d API commands" % counts)


def telemetry_summary(path):
    """What the telemetry file (the connection's telemetry_file option) recorded: events and the slowest command."""
    counts, slowest = {}, None
    try:
        with open(path, "r", encoding="utf-8") as fh:
            for line in fh:
                event = json.loads(line)
                counts[event["event"]] = counts.get(event["event"], 0) + 1
                if event["event"].startswith("command.") and (slowest is None or
                                                              event["duration_ms"] > slowest["duration_ms"]):
                    slowest = event
    except OSError:
        return
    print("demo: telemetry file: %s" % ", ".join("%d %s" % (n, name) for name, n in sorted(counts.items())))
    if slowest is not None:
        print("demo: slowest command: %s %s/%s, %d rows, %.1f ms (task %r)" % (
            slowest["host"], slowest["path"], slowest["command"], slowest["rows"], slowest["duration_ms"],
            slowest["task"]))


def main(argv):
    workdir = tempfile.mkdtemp(prefix="tikops-demo-")
    broker_dir = os.path.join(workdir, "broker")
    proc = None
    try:
        proc, ready, events = start_simulators(workdir)
        for router in ready:
            tls = " api-ssl=%s" % router["api-ssl"] if router.get("api-ssl") else ""
            print("demo: router %-6s api=%s%s" % (router["name"], router["api"], tls))
        hosts = write_inventory(workdir, ready)
        env = dict(os.environ)
        env.update({
            "ANSIBLE_CONFIG": os.path.join(DEMO, "ansible.cfg"),
            "ANSIBLE_LOCAL_TEMP": os.path.join(workdir, "tmp"),
            "ANSIBLE_ROUTEROS_PERSISTENT_DIR": broker_dir,
            "ANSIBLE_ROUTEROS_TELEMETRY_FILE": os.path.join(workdir, "telemetry.jsonl"),
            "PATH": "%s:%s" % (VENV_BIN, env.get("PATH", "")),
        })
        cmd = [os.path.join(VENV_BIN, "ansible-playbook"), "-i", os.path.join(DEMO, "inventory", "routers.yml"),
               "-i", hosts, os.path.join(DEMO, "playbooks", "site.yml")] + list(argv)
        rc = subprocess.call(cmd, cwd=DEMO, env=env, stdin=subprocess.DEVNULL)
        shutdown_broker(broker_dir)
        summary(events)
        telemetry_summary(os.path.join(workdir, "telemetry.jsonl"))
        print("demo: %s" % ("done" if rc == 0 else "the playbook failed (exit status %d)" % rc))
        return rc
    finally:
        if proc is not None:
            stop_simulators(proc)
        if not os.environ.get("TIKOPS_DEMO_KEEP"):
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
