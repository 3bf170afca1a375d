# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""bin/rosim: start one router (options) or several (--config FILE) in one asyncio process."""

import argparse
import asyncio
import os
import signal
import sys
import tempfile

import yaml

from .router import Router, parse_version
from .server import Events, Faults, RouterService
from .state import StateError, load_state, read_state_file, write_state_file
from .tlsutil import generate_cert, server_context

ROUTER_KEYS = {"name", "api", "api-ssl", "routeros-version", "identity", "user", "password", "users", "state",
               "latency-ms", "tls-cert", "tls-key", "tls-anonymous", "tls-version", "faults", "save-state", "packages",
               "board", "channel-versions", "mac-address"}


def hostport(text, what):
    host, sep, port = str(text).rpartition(":")
    if not sep:
        host, port = "127.0.0.1", text
    host = host.strip("[]") or "127.0.0.1"
    try:
        return host, int(port)
    except ValueError:
        raise SystemExit("rosim: %s %r is not HOST:PORT" % (what, text))


def build_parser():
    p = argparse.ArgumentParser(prog="rosim", description="RouterOS API simulator (see docs/simulator.md)")
    p.add_argument("--api", default=None, help="HOST:PORT of the plain API listener (default 127.0.0.1:8728; "
                   "port 0 picks a free port)")
    p.add_argument("--api-ssl", default=None, help="HOST:PORT of the TLS listener (off unless given)")
    p.add_argument("--routeros-version", default=None, help="behave like this RouterOS version (default 7.16)")
    p.add_argument("--packages", default=None, help="optional RouterOS 7 packages to install, a comma list "
                   "(wireless, container, iot, user-manager, zerotier, ...; default: the CHR's base packages)")
    p.add_argument("--board", default=None, help="the hardware to simulate: chr, hex, hap-ac2, rb5009, crs328, "
                   "ccr2116 (default: the hEX the simulator always modelled)")
    p.add_argument("--channel-versions", default=None, help="what /system/package/update offers per channel, e.g. "
                   "stable=7.20.8,long-term=6.49.18/7.16.2,upgrade=7.16.2 (one version per major line; upgrade.py)")
    p.add_argument("--identity", default=None, help="/system/identity name (default MikroTik)")
    p.add_argument("--name", default=None, help="router name in events and ready lines (default: identity)")
    p.add_argument("--user", default=None, help="the user to create (default admin)")
    p.add_argument("--password", default=None,
                   help="the user's password (visible in the process list: prefer --password-env or ROSIM_PASSWORD)")
    p.add_argument("--password-env", default=None, help="read the password from this environment variable")
    p.add_argument("--state", default=None, help="YAML state to boot from; SIGUSR1 or /rosim/save-state writes "
                   "the current state back (to --save-state if given)")
    p.add_argument("--save-state", default=None, help="where SIGUSR1 and /rosim/save-state write (default --state)")
    p.add_argument("--events", default=None, help="append one JSON object per event to this file")
    p.add_argument("--config", default=None, help="YAML file describing several routers (see docs/simulator.md)")
    p.add_argument("--tls-cert", default=None, help="PEM certificate for --api-ssl (default: generated)")
    p.add_argument("--tls-key", default=None, help="PEM key for --tls-cert")
    p.add_argument("--tls-anonymous", action="store_true",
                   help="api-ssl without a certificate: anonymous DH only, TLS 1.2 (a router with certificate=none)")
    p.add_argument("--tls-version", default=None, choices=("any", "only-1.2"), help="default any")
    g = p.add_argument_group("fault injection (apply to every connection unless --fault-connections; with "
                             "--config, to every router)")
    g.add_argument("--latency-ms", type=float, default=None, help="delay each command's reply by N ms")
    g.add_argument("--drop-after", type=int, default=None, help="close the TCP connection after N reply sentences")
    g.add_argument("--stall-after", type=int, default=None, help="stop replying (keep the socket) after N sentences")
    g.add_argument("--garbage-after", type=int, default=None, help="send invalid bytes after N sentences")
    g.add_argument("--fatal-after", type=int, default=None, help="send !fatal and close after N sentences")
    g.add_argument("--reset-after", type=int, default=None,
                   help="instead of reply N+1, reset the TCP connection (the command did run)")
    g.add_argument("--restart-after", type=int, default=None, help="instead of reply N+1, restart: close every "
                   "connection, refuse new ones for --restart-down-ms, keep the configuration")
    g.add_argument("--restart-down-ms", type=float, default=None, help="how long a restart refuses connections "
                   "(default 1000)")
    g.add_argument("--reboot-down-ms", type=float, default=None, help="how long /system/reboot (and an upgrade) keeps "
                   "the router away (default 1000)")
    g.add_argument("--never-return", action="store_true", default=None, help="a reboot never ends")
    g.add_argument("--keep-version", action="store_true", default=None,
                   help="a reboot into new packages comes back on the old version")
    g.add_argument("--link-down-after-reboot", default=None, help="comma list of ports without link after a reboot")
    g.add_argument("--refuse-logins", action="store_true", default=None,
                   help="every login fails with the router's message")
    g.add_argument("--max-sessions", type=int, default=None, help="close connections beyond N open sessions")
    g.add_argument("--fault-connections", default=None, help="comma list of connection numbers (1 = first) "
                   "the faults apply to")
    g.add_argument("--monitor-interval-ms", type=float, default=None,
                   help="interval of streaming /interface/monitor-traffic (default 1000)")
    g.add_argument("--safe-mode-timeout", type=float, default=None, help="seconds until the router gives up a "
                   "session whose packets its firewall drops (then safe-mode changes are undone; default 540)")
    return p


# Options that describe the one router of a command line; with --config each router sets them in the file.
SINGLE_ROUTER_OPTIONS = ("api", "api_ssl", "routeros_version", "identity", "name", "user", "password",
                         "password_env", "state", "save_state", "tls_cert", "tls_key", "tls_anonymous",
                         "tls_version", "packages", "board", "channel_versions")
FAULT_OPTIONS = ("drop_after", "stall_after", "garbage_after", "fatal_after", "reset_after", "restart_after",
                 "restart_down_ms", "refuse_logins", "max_sessions", "fault_connections", "monitor_interval_ms",
                 "reboot_down_ms", "never_return", "keep_version", "link_down_after_reboot",
                 "safe_mode_timeout")


def cli_faults(args):
    """The fault options given on the command line (``drop-after`` -> value)."""
    return {k.replace("_", "-"): getattr(args, k) for k in FAULT_OPTIONS if getattr(args, k) is not None}


def router_specs(args):
    if args.config:
        given = ["--" + k.replace("_", "-") for k in SINGLE_ROUTER_OPTIONS if getattr(args, k) not in (None, False)]
        if given:
            raise SystemExit("rosim: %s cannot be combined with --config: set %s per router in %s"
                             % (", ".join(given), "it" if len(given) == 1 else "them", args.config))
        with open(args.config, "r", encoding="utf-8") as fh:
            cfg = yaml.safe_load(fh) or {}
        routers = cfg.get("routers") if isinstance(cfg, dict) else None
        if not isinstance(routers, list) or not routers:
            raise SystemExit("rosim: %s: expected a 'routers' list" % args.config)
        base = os.path.dirname(os.path.abspath(args.config))
        specs = []
        for n, r in enumerate(routers):
            if not isinstance(r, dict):
                raise SystemExit("rosim: %s: router %d is not a mapping" % (args.config, n + 1))
            bad = set(r) - ROUTER_KEYS
            if bad:
                raise SystemExit("rosim: %s: router %d: unknown keys %s" % (args.config, n + 1, ", ".join(sorted(bad))))
            spec = dict(r)
            for key in ("state", "save-state", "tls-cert", "tls-key"):
                if spec.get(key) and not os.path.isabs(spec[key]):
                    spec[key] = os.path.join(base, spec[key])
            spec.setdefault("name", spec.get("identity") or "router%d" % (n + 1))
            spec.setdefault("api", "127.0.0.1:0")
            # fault options on the command line apply to every router (over the file's values)
            faults = dict(spec.get("faults") or {})
            faults.update(cli_faults(args))
            spec["faults"] = faults
            if args.latency_ms is not None:
                spec["latency-ms"] = args.latency_ms
            specs.append(spec)
        names = [s["name"] for s in specs]
        if len(set(names)) != len(names):
            raise SystemExit("rosim: %s: router names must be unique" % args.config)
        return specs, cfg.get("events", args.events)
    password = args.password
    if args.password_env:
        password = os.environ.get(args.password_env, "")
    elif password is None:
        password = os.environ.get("ROSIM_PASSWORD", "")
    identity = args.identity or "MikroTik"
    spec = {"name": args.name or identity, "api": args.api or "127.0.0.1:8728", "api-ssl": args.api_ssl,
            "routeros-version": args.routeros_version or "7.16", "identity": identity, "user": args.user or "admin",
            "password": password, "state": args.state, "save-state": args.save_state,
            "latency-ms": args.latency_ms or 0, "tls-cert": args.tls_cert, "tls-key": args.tls_key,
            "tls-anonymous": args.tls_anonymous, "tls-version": args.tls_version or "any",
            "faults": cli_faults(args), "packages": args.packages, "board": args.board,
            "channel-versions": args.channel_versions}
    return [spec], args.events


async def start_router(spec, events, certdir):
    version = str(spec.get("routeros-version", "7.16"))
    try:
        parse_version(version)
    except ValueError as exc:
        raise SystemExit("rosim: %s" % exc)
    packages = spec.get("packages")
    if isinstance(packages, (list, tuple)):
        packages = ",".join(str(p) for p in packages)
    try:
        router = Router(name=str(spec["name"]), version=version, identity=str(spec.get("identity") or spec["name"]),
                        user=str(spec.get("user", "admin")), password=str(spec.get("password") or ""),
                        users=spec.get("users"), packages=packages, board=spec.get("board"),
                        mac=spec.get("mac-address"))
        from .upgrade import configure
        configure(router, spec.get("channel-versions"))
    except ValueError as exc:
        raise SystemExit("rosim: router %s: %s" % (spec["name"], exc))
    state_path = spec.get("state")
    if state_path and os.path.exists(state_path):
        try:
            load_state(router, read_state_file(state_path), source=state_path)
        except (StateError, yaml.YAMLError) as exc:
            raise SystemExit("rosim: %s" % exc)
    elif state_path and not spec.get("save-state"):
        # a --state that does not exist yet is where the state will be saved
        pass
    try:
        faults = Faults(**{k.replace("-", "_"): v for k, v in (spec.get("faults") or {}).items()})
    except (ValueError, TypeError) as exc:
        raise SystemExit("rosim: router %s: faults: %s" % (spec["name"], exc))
    faults.latency_ms = float(spec.get("latency-ms") or faults.latency_ms or 0)
    save_path = spec.get("save-state") or state_path

    def save():
        if not save_path:
            return None
        write_state_file(service.router, save_path)  # a reboot may have built a new Router (upgrade.py)
        service.emit("state-saved", path=save_path)
        return save_path

    service = RouterService(router, events, faults, state_file=state_path, save_state=save)
    host, port = hostport(spec.get("api", "127.0.0.1:0"), "api")
    await service.listen(host, port, None, "api")
    if spec.get("api-ssl"):
        if spec.get("tls-anonymous"):
            ctx = server_context(anonymous=True, tls_version=spec.get("tls-version", "any"))
        else:
            cert, key = spec.get("tls-cert"), spec.get("tls-key")
            if not cert:
                cert, key = generate_cert(os.path.join(certdir, str(spec["name"])))
            ctx = server_context(cert, key or cert, tls_version=spec.get("tls-version", "any"))
            service.cert_file = cert
        h, p = hostport(spec["api-ssl"], "api-ssl")
        await service.listen(h, p, ctx, "api-ssl")
    return service


def ready_line(service):
    a = service.addresses
    parts = ["rosim ready", "api=%s:%d" % a["api"]]
    if "api-ssl" in a:
        parts.append("api-ssl=%s:%d" % a["api-ssl"])
    parts.append("name=%s" % service.router.name)
    if getattr(service, "cert_file", None):
        parts.append("cert=%s" % service.cert_file)
    return " ".join(parts)


async def amain(args):
    specs, events_path = router_specs(args)
    events = Events(events_path)
    certdir = tempfile.mkdtemp(prefix="rosim-tls-")
    services = []
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    try:
        for spec in specs:
            services.append(await start_router(spec, events, certdir))

        def save_all():
            for svc in services:
                try:
                    svc.save_state()
                except OSError as exc:
                    sys.stderr.write("rosim: cannot save state of %s: %s\n" % (svc.router.name, exc))

        # handlers before the ready line: a SIGTERM right after it still stops cleanly (exit status 0)
        loop.add_signal_handler(signal.SIGTERM, stop.set)
        loop.add_signal_handler(signal.SIGINT, stop.set)
        loop.add_signal_handler(signal.SIGUSR1, save_all)
        for svc in services:
            svc.emit("ready", **{k: "%s:%d" % v for k, v in svc.addresses.items()})
            sys.stdout.write(ready_line(svc) + "\n")
        sys.stdout.flush()
        await stop.wait()
    finally:
        for svc in services:
            await svc.close()
            svc.emit("stopped")
        events.close()
        import shutil
        shutil.rmtree(certdir, ignore_errors=True)


def main(argv=None):
    args = build_parser().parse_args(argv)
    try:
        asyncio.run(amain(args))
    except KeyboardInterrupt:
        pass
    except OSError as exc:
        sys.stderr.write("rosim: %s\n" % exc)
        return 1
    return 0
