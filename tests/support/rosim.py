# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Start RouterOS API simulators (bin/rosim) as real subprocesses for tests.

One router::

    from support.rosim import Simulator
    with Simulator(version="7.16", tls=False, latency_ms=0, identity="r1", user="admin", password="",
                   state=None, extra_args=(), board=None, packages=None) as sim:
        sim.host, sim.port          # plain API listener (127.0.0.1, a free port)
        sim.ssl_port                # api-ssl listener, only when tls=True (else None)
        sim.ca_file                 # the certificate to trust for TLS (SAN: localhost, 127.0.0.1)
        sim.events()                # list of dicts from the --events file (sim.events("login") filters)
        sim.wait_event("disconnect", user="admin")  # poll until such an event is written (10 s timeout)
        sim.state_file              # the --state file (state= given as a path, or a dict written to YAML)
        sim.save_state()            # SIGUSR1: write the current state to sim.state_file; returns it parsed
        sim.stop()                  # SIGTERM and wait (also on __exit__); sim.returncode afterwards

``tls="anonymous"`` starts api-ssl in the no-certificate anonymous-DH mode (then ``ca_file`` is None);
``tls="generated"`` gives no certificate flags, so rosim generates one (``ca_file`` is then the ``cert=`` of
its ready line, valid while the simulator runs).
``board`` (``hex``, ``hap-ac2``, ``rb5009``, ``crs328``, ``ccr2116``, ``chr``) and ``packages`` (a list or a comma
string of optional RouterOS 7 packages) become ``--board`` and ``--packages`` (docs/simulator.md).
``state`` may be a path or a dict (``{"menus": {...}}``, written to a temp YAML file). ``extra_args`` are
passed to bin/rosim (e.g. ``("--drop-after", "3")``). The password reaches the simulator through the
``ROSIM_PASSWORD`` environment variable, never the command line.

Several routers in one process (the ``--config`` form)::

    from support.rosim import start_simulators
    with start_simulators({"routers": [{"name": "r1", "routeros-version": "7.16"},
                                       {"name": "r2", "routeros-version": "6.49.10", "api-ssl": "127.0.0.1:0"}]},
                          tls=False) as group:
        r1 = group["r1"]            # a RouterHandle: .name .host .port .ssl_port .ca_file .events()
        group.routers               # dict name -> RouterHandle
        group.events()              # every event of every router
        group.stop()

Each router entry takes the keys of docs/simulator.md ("name", "api", "api-ssl", "routeros-version",
"identity", "user", "password", "users", "state", "latency-ms", "tls-anonymous", "faults", "board",
"packages"). "api" defaults to
127.0.0.1:0. ``tls=True`` adds an api-ssl listener with the shipped test certificate to every router that has
no "api-ssl" key.
"""

import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import time
import weakref

import yaml

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ROSIM = os.path.join(REPO, "bin", "rosim")
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
CERT_FILE = os.path.join(DATA, "rosim-cert.pem")
KEY_FILE = os.path.join(DATA, "rosim-key.pem")
START_TIMEOUT = 20.0
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # saved states of many routers: the C loader is much faster


def _read_ready(proc, count, timeout, stderr_path=None):
    """Read ``count`` ready lines from the process; returns dicts of their key=value fields."""
    deadline = time.monotonic() + timeout
    lines = []
    buf = b""
    fd = proc.stdout.fileno()
    while len(lines) < count:
        left = deadline - time.monotonic()
        if left <= 0:
            raise RuntimeError("rosim did not print %d ready line(s) within %.0fs (got %r)" % (count, timeout, lines))
        readable, _writable, _errors = select.select([fd], [], [], left)
        if not readable:
            continue
        chunk = os.read(fd, 4096)
        if not chunk:
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                pass
            err = ""
            if stderr_path and os.path.exists(stderr_path):
                with open(stderr_path, "r", encoding="utf-8", errors="replace") as fh:
                    err = fh.read()
            raise RuntimeError("rosim exited (rc=%s) before it was ready: %s" % (proc.poll(), err.strip()))
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            text = line.decode("utf-8", "replace").strip()
            if text.startswith("rosim ready"):
                fields = {}
                for part in text.split()[2:]:
                    k, _sep, v = part.partition("=")
                    fields[k] = v
                lines.append(fields)
    return lines


def _dump_yaml(data, path):
    # JSON is YAML (rosim reads JSON-looking state files with the fast JSON parser)
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh)


def _split(hostport):
    host, _sep, port = hostport.rpartition(":")
    return host, int(port)


def _read_events(path, router=None):
    out = []
    try:
        with open(path, "r", encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if not line:
                    continue
                rec = json.loads(line)
                if router is None or rec.get("router") == router:
                    out.append(rec)
    except FileNotFoundError:
        pass
    return out


def _reap(proc):
    if proc.poll() is None:
        proc.kill()
        proc.wait(10)


class _Process:
    def _spawn(self, args, env_password, ready_count):
        env = dict(os.environ)
        env["ROSIM_PASSWORD"] = env_password or ""
        self.stderr_file = os.path.join(self._tmp, "stderr.txt")
        with open(self.stderr_file, "wb") as err:
            self.proc = subprocess.Popen([ROSIM] + args, stdout=subprocess.PIPE, stderr=err, env=env,
                                         cwd=REPO, start_new_session=True)
        # a test that dies without stop() must not leave a simulator behind
        self._finalizer = weakref.finalize(self, _reap, self.proc)
        try:
            return _read_ready(self.proc, ready_count, START_TIMEOUT, self.stderr_file)
        except Exception:
            self._kill()
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None
            raise

    def _kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def stop(self, timeout=10.0):
        """SIGTERM, then wait (SIGKILL after ``timeout``). Returns the exit code."""
        proc = getattr(self, "proc", None)
        if proc is None:
            return None
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout)
        if proc.stdout is not None:
            proc.stdout.close()
        self.returncode = proc.returncode
        if getattr(self, "_tmp", None):
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None
        return self.returncode

    def signal_save(self, path, timeout=10.0):
        """SIGUSR1 and wait until ``path`` is rewritten; returns it parsed."""
        before = os.stat(path).st_mtime_ns if os.path.exists(path) else None
        count = len([e for e in _read_events(self.events_file) if e.get("event") == "state-saved"])
        self.proc.send_signal(signal.SIGUSR1)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            saved = [e for e in _read_events(self.events_file) if e.get("event") == "state-saved"]
            if len(saved) > count and os.path.exists(path) and os.stat(path).st_mtime_ns != before:
                with open(path, "r", encoding="utf-8") as fh:
                    return yaml.safe_load(fh)
            time.sleep(0.02)
        raise RuntimeError("rosim did not write %s within %.0fs" % (path, timeout))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


class Simulator(_Process):
    def __init__(self, version="7.16", tls=False, latency_ms=0, identity="r1", user="admin", password="",
                 state=None, extra_args=(), board=None, packages=None):
        self._tmp = tempfile.mkdtemp(prefix="rosim-test-")
        self.version = version
        self.identity = identity
        self.user = user
        self.password = password
        self.events_file = os.path.join(self._tmp, "events.jsonl")
        self.state_file = None
        args = ["--api", "127.0.0.1:0", "--routeros-version", str(version), "--identity", identity,
                "--user", user, "--events", self.events_file]
        if latency_ms:
            args += ["--latency-ms", str(latency_ms)]
        if board is not None:
            args += ["--board", str(board)]  # the hardware (docs/simulator.md, Boards)
        if packages is not None:
            args += ["--packages", packages if isinstance(packages, str) else ",".join(packages)]
        if state is not None:
            if isinstance(state, dict):
                self.state_file = os.path.join(self._tmp, "state.yml")
                _dump_yaml(state, self.state_file)
            else:
                self.state_file = str(state)
            args += ["--state", self.state_file]
        self.ca_file = None
        if tls == "anonymous":
            args += ["--api-ssl", "127.0.0.1:0", "--tls-anonymous"]
        elif tls == "generated":
            args += ["--api-ssl", "127.0.0.1:0"]
        elif tls:
            args += ["--api-ssl", "127.0.0.1:0", "--tls-cert", CERT_FILE, "--tls-key", KEY_FILE]
            self.ca_file = CERT_FILE
        args += [str(a) for a in extra_args]
        self.args = args
        ready = self._spawn(args, password, 1)[0]
        self.host, self.port = _split(ready["api"])
        self.ssl_port = _split(ready["api-ssl"])[1] if "api-ssl" in ready else None
        self.name = ready.get("name")
        if tls == "generated":
            self.ca_file = ready.get("cert")

    def events(self, event=None):
        evs = _read_events(self.events_file)
        return [e for e in evs if event is None or e.get("event") == event]

    def wait_event(self, event, timeout=10.0, **match):
        """Wait until an event of this kind (with these fields) is in the events file; returns it."""
        return _wait_event(lambda: self.events(event), timeout, match, event)

    def save_state(self, timeout=10.0):
        if not self.state_file:
            raise RuntimeError("this simulator was started without state=")
        return self.signal_save(self.state_file, timeout)


def _wait_event(get, timeout, match, event):
    deadline = time.monotonic() + timeout
    while True:
        for e in get():
            if all(e.get(k) == v for k, v in match.items()):
                return e
        if time.monotonic() >= deadline:
            raise RuntimeError("no %r event matching %r within %.0fs" % (event, match, timeout))
        time.sleep(0.02)


class RouterHandle:
    def __init__(self, group, ready, spec):
        self.group = group
        self.name = ready["name"]
        self.host, self.port = _split(ready["api"])
        self.ssl_port = _split(ready["api-ssl"])[1] if "api-ssl" in ready else None
        self.spec = spec
        self.ca_file = ready.get("cert") if self.ssl_port and not spec.get("tls-anonymous") else None
        self.state_file = spec.get("state")

    def events(self, event=None):
        return [e for e in _read_events(self.group.events_file, self.name) if event is None or e.get("event") == event]

    def wait_event(self, event, timeout=10.0, **match):
        return _wait_event(lambda: self.events(event), timeout, match, event)


class SimulatorGroup(_Process):
    def __init__(self, config, tls=False, extra_args=()):
        self._tmp = tempfile.mkdtemp(prefix="rosim-group-")
        self.events_file = os.path.join(self._tmp, "events.jsonl")
        cfg = {"routers": []}
        for spec in config.get("routers", []):
            spec = dict(spec)
            spec.setdefault("api", "127.0.0.1:0")
            if tls and "api-ssl" not in spec:
                spec["api-ssl"] = "127.0.0.1:0"
            if spec.get("api-ssl") and not spec.get("tls-anonymous") and "tls-cert" not in spec:
                spec["tls-cert"] = CERT_FILE
                spec["tls-key"] = KEY_FILE
            if isinstance(spec.get("state"), dict):
                path = os.path.join(self._tmp, "state-%s.yml" % spec.get("name", len(cfg["routers"])))
                _dump_yaml(spec["state"], path)
                spec["state"] = path
            cfg["routers"].append(spec)
        self.config_file = os.path.join(self._tmp, "config.yml")
        _dump_yaml(cfg, self.config_file)
        ready = self._spawn(["--config", self.config_file, "--events", self.events_file] + [str(a) for a in extra_args],
                            "", len(cfg["routers"]))
        specs = {s.get("name"): s for s in cfg["routers"]}
        self.routers = {}
        for r in ready:
            self.routers[r["name"]] = RouterHandle(self, r, specs.get(r["name"], {}))

    def __getitem__(self, name):
        return self.routers[name]

    def save_states(self, timeout=30.0):
        """SIGUSR1: every router that has a state file writes it; returns {router name: parsed state}."""
        paths = dict((name, r.state_file) for name, r in self.routers.items() if r.state_file)
        count = self._saved()
        self.proc.send_signal(signal.SIGUSR1)
        deadline = time.monotonic() + timeout
        while self._saved() < count + len(paths):
            if time.monotonic() >= deadline:
                raise RuntimeError("rosim did not write the state of every router within %.0fs" % timeout)
            time.sleep(0.05)
        out = {}
        for name, path in paths.items():
            with open(path, "r", encoding="utf-8") as fh:
                out[name] = yaml.load(fh, Loader=_LOADER)
        return out

    def _saved(self):
        """How many state-saved events the events file holds (counted in its text: it may be long)."""
        try:
            with open(self.events_file, "r", encoding="utf-8") as fh:
                return fh.read().count('"event": "state-saved"')
        except FileNotFoundError:
            return 0

    def events(self, event=None):
        return [e for e in _read_events(self.events_file) if event is None or e.get("event") == event]


def start_simulators(config, tls=False, extra_args=()):
    """Start the routers of ``config`` (the --config mapping, see the module docstring) in one process."""
    return SimulatorGroup(config, tls=tls, extra_args=extra_args)
