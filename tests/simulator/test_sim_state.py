# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""--state: boot from YAML, write it back (SIGUSR1 and /rosim/save-state), round trip; --config routers."""

import os
import signal
import subprocess

import pytest
import yaml
from simraw import Raw, kinds, rows

from support.rosim import ROSIM, Simulator, start_simulators

STATE = {"menus": {
    "/system/identity": {"name": "edge1"},
    "/interface/bridge": [{"name": "bridge", "comment": "defconf"}],
    "/interface/vlan": [{"name": "vlan10", "vlan-id": 10, "interface": "bridge"}],
    "/interface/bridge/port": [{"bridge": "bridge", "interface": "ether2"},
                               {"bridge": "bridge", "interface": "ether3", "disabled": True}],
    "/ip/address": [{"address": "192.168.88.1/24", "interface": "bridge", "comment": "defconf"},
                    {".id": "*20", "address": "10.10.10.1/24", "interface": "vlan10"}],
    "/ip/firewall/filter": [{"chain": "input", "action": "accept", "connection-state": "established,related"},
                            {"chain": "input", "action": "drop", "in-interface": "ether1"}],
    "/ip/dns": {"servers": "1.1.1.1,9.9.9.9", "allow-remote-requests": "yes"},
    "/user": [{"name": "admin", "group": "full", "password": "statepw"}],
}}


def client(sim, password="statepw"):
    r = Raw(sim.host, sim.port)
    r.login("admin", password)
    return r


def stable(rowlist):
    volatile = {"uptime", "last-link-up-time", "creation-time", "time", "cpu-load", "last-logged-in"}
    return [{k: v for k, v in r.items() if k not in volatile} for r in rowlist]


def test_state_loads(tmp_path):
    with Simulator(version="7.16", state=STATE) as sim:
        with client(sim) as r:
            assert rows(r.call("/system/identity/print")) == [{"name": "edge1"}]
            addrs = rows(r.call("/ip/address/print", "?dynamic=false"))
            assert [(a["address"], a["network"], a["interface"]) for a in addrs] == [
                ("192.168.88.1/24", "192.168.88.0", "bridge"), ("10.10.10.1/24", "10.10.10.0", "vlan10")]
            assert addrs[1][".id"] == "*20"
            new = r.call("/ip/address/add", "=address=10.20.0.1/24", "=interface=ether4")[0].attrs["ret"]
            assert int(new[1:], 16) > 0x20  # ids continue after the highest loaded one
            dns = rows(r.call("/ip/dns/print"))[0]
            assert dns["servers"] == "1.1.1.1,9.9.9.9" and dns["allow-remote-requests"] == "true"
            ports = rows(r.call("/interface/bridge/port/print"))
            assert [(p["interface"], p["disabled"]) for p in ports] == [("ether2", "false"), ("ether3", "true")]
            rules = rows(r.call("/ip/firewall/filter/print"))
            assert [x["action"] for x in rules] == ["accept", "drop"]


def test_save_and_reload_round_trip(tmp_path):
    path = tmp_path / "router.yml"
    path.write_text(yaml.safe_dump(STATE))
    with Simulator(version="7.16", state=str(path)) as sim:
        with client(sim) as r:
            r.call("/interface/vlan/add", "=name=vlan20", "=vlan-id=20", "=interface=bridge")
            r.call("/ip/firewall/address-list/add", "=list=blocked", "=address=203.0.113.9", "=comment=x")
            r.call("/system/identity/set", "=name=edge1-changed")
            menus = ["/interface", "/ip/address", "/ip/firewall/filter", "/ip/firewall/address-list", "/ip/dns",
                     "/interface/bridge/port", "/user", "/ip/route", "/ipv6/address", "/system/identity"]
            before = {m: stable(rows(r.call(m + "/print"))) for m in menus}
        saved = sim.save_state()
        assert saved["menus"]["/system/identity"] == {"name": "edge1-changed"}
        assert "# rosim state" in path.read_text()
        assert {"name": "vlan20", "vlan-id": "20"}.items() <= dict(
            saved["menus"]["/interface/vlan"][1].items()).items()
    with Simulator(version="7.16", state=str(path)) as sim2:
        with client(sim2) as r:
            after = {m: stable(rows(r.call(m + "/print"))) for m in menus}
    for m in menus:
        assert after[m] == before[m], m


def test_save_state_command(tmp_path):
    path = tmp_path / "s.yml"
    with Simulator(version="7.16", state=str(path)) as sim:
        with client(sim, "") as r:
            r.call("/system/identity/set", "=name=saved-by-api")
            replies = r.call("/rosim/save-state")
            assert kinds(replies) == ["!done"] and replies[0].attrs["ret"] == str(path)
    data = yaml.safe_load(path.read_text())
    assert data["menus"]["/system/identity"]["name"] == "saved-by-api"
    assert data["routeros-version"] == "7.16"


def test_save_state_without_file_is_a_trap():
    with Simulator(version="7.16") as sim:
        with client(sim, "") as r:
            replies = r.call("/rosim/save-state")
            assert kinds(replies) == ["!trap", "!done"]


@pytest.mark.parametrize("bad,message", [
    ({"menus": {"/ip/adress": []}}, "has no menu /ip/adress"),
    ({"menus": {"/ip/address": [{"address": "1.2.3.4/24", "interface": "ether9"}]}},
     "input does not match any value of interface"),
    ({"menus": {"/interface/vlan": [{"name": "v", "vlan-id": 9999, "interface": "ether1"}]}}, "out of range"),
    ({"menus": {"/ip/address": [{"address": "1.2.3.4/24", "interface": "ether1", "colour": "red"}]}},
     "has no field 'colour'"),
    ({"menus": {"/routing/ospf/network": []}}, "has no menu /routing/ospf/network"),
])
def test_invalid_state_fails_at_start(tmp_path, bad, message):
    path = tmp_path / "bad.yml"
    path.write_text(yaml.safe_dump(bad))
    proc = subprocess.run([ROSIM, "--api", "127.0.0.1:0", "--state", str(path)], capture_output=True, text=True,
                          timeout=30, check=False)
    assert proc.returncode != 0
    assert message in proc.stderr


@pytest.mark.parametrize("text,message", [
    ("menus:\n  /ip/pool:\n    - {name: a, ranges: 10.0.0.1-10.0.0.2}\n    - {name: b, colour: red}\n",
     "/ip/pool has no field 'colour' in RouterOS 7.16 (item 2 (line 4))"),
    ("menus:\n  /ip/address:\n    - {address: 1.2.3.4/24, interface: ether9}\n",
     "/ip/address item 1 (line 3): input does not match any value of interface"),
    ("menus:\n  /ip/pool: [\n    {name: a\n", "line 4, column 1: "),
])
def test_state_errors_name_the_line(tmp_path, text, message):
    path = tmp_path / "bad.yml"
    path.write_text(text)
    proc = subprocess.run([ROSIM, "--api", "127.0.0.1:0", "--state", str(path)], capture_output=True, text=True,
                          timeout=30, check=False)
    assert proc.returncode != 0
    assert "%s: %s" % (path, message) in proc.stderr or (str(path) in proc.stderr and message in proc.stderr)


def test_v6_state_has_v6_menus(tmp_path):
    state = {"menus": {"/routing/ospf/network": [{"network": "10.0.0.0/8", "area": "backbone"}]}}
    with Simulator(version="6.49.10", state=state) as sim:
        with client(sim, "") as r:
            assert rows(r.call("/routing/ospf/network/print", "=.proplist=network,area")) == [
                {"network": "10.0.0.0/8", "area": "backbone"}]


def test_config_starts_several_routers():
    config = {"routers": [
        {"name": "core", "routeros-version": "7.16", "identity": "core1", "password": "c"},
        {"name": "old", "routeros-version": "6.40", "users": [{"name": "ops", "group": "full", "password": "o"}]},
        {"name": "edge", "routeros-version": "7.18", "state": STATE, "api-ssl": "127.0.0.1:0",
         "faults": {"latency-ms": 10}},
    ]}
    with start_simulators(config) as group:
        assert set(group.routers) == {"core", "old", "edge"}
        core, old, edge = group["core"], group["old"], group["edge"]
        assert len({core.port, old.port, edge.port}) == 3
        assert edge.ssl_port and core.ssl_port is None and edge.ca_file
        with Raw(core.host, core.port) as r:
            r.login("admin", "c")
            assert rows(r.call("/system/identity/print")) == [{"name": "core1"}]
        with Raw(old.host, old.port) as r:
            r.login_md5("ops", "o")
            assert rows(r.call("/system/resource/print", "=.proplist=version")) == [{"version": "6.40 (stable)"}]  # "(stable)" before 6.44 too (6.42.5 sample)
        with Raw(edge.host, edge.port) as r:
            r.login("admin", "statepw")
            assert rows(r.call("/system/identity/print")) == [{"name": "edge1"}]
            assert kinds(r.call("/ip/firewall/address-list/print")) == ["!empty", "!done"]
        assert {e["router"] for e in group.events("login")} == {"core", "old", "edge"}
        assert all(e["router"] == "old" for e in old.events())


def test_sigterm_stops_cleanly():
    sim = Simulator(version="7.16")
    with Raw(sim.host, sim.port) as r:
        r.login()
        rc = sim.stop()
    assert rc == 0
    evs = sim.events() if os.path.exists(sim.events_file) else []
    assert rc == 0 and sim.proc.returncode == 0
    assert sim.proc.returncode != -signal.SIGKILL
    del evs


def test_events_count_logins_and_round_trips(tmp_path):
    with Simulator(version="7.16", password="evpw") as sim:
        with Raw(sim.host, sim.port) as r:
            r.login("admin", "evpw")
            r.call("/user/add", "=name=bob", "=group=read", "=password=bobsecret")
            r.call("/system/identity/print", tag="t1")
        sim.wait_event("disconnect")
        evs = sim.events()
        names = [e["event"] for e in evs]
        assert names[0] == "ready" and "connect" in names and "disconnect" in names
        cmds = [e for e in evs if e["event"] == "command"]
        assert [c["words"][0] for c in cmds] == ["/login", "/user/add", "/system/identity/print"]
        assert cmds[2]["tag"] == "t1" and cmds[1]["user"] == "admin"
        assert "=password=<redacted>" in cmds[1]["words"]
        logins = sim.events("login")
        assert logins == [dict(logins[0], user="admin", method="plain", success=True)]
        text = open(sim.events_file, encoding="utf-8").read()
        assert "evpw" not in text and "bobsecret" not in text


def test_events_redact_every_secret_attribute():
    names = ("authentication-password", "encryption-password", "wpa2-pre-shared-key", "preshared-key", "secret",
             "private-key", "passphrase", "auth-key", "new-password", "key", "radius-secret")
    secrets = {name: "hush%02d" % n for n, name in enumerate(names)}
    with Simulator(version="7.16") as sim:
        with Raw(sim.host, sim.port) as r:
            r.login()
            r.call("/interface/print", *["=%s=%s" % kv for kv in secrets.items()], "=comment=kept",
                   "=keepalive=kept2")
            r.call("/interface/print", "?=secret=hushq1", "?private-key=hushq2", "?name=ether1")
        sim.wait_event("disconnect")
        words = [e["words"] for e in sim.events("command")]
        assert ["=%s=<redacted>" % name for name in secrets] == words[1][1:len(secrets) + 1]
        assert words[1][-2:] == ["=comment=kept", "=keepalive=kept2"]
        assert words[2][1:] == ["?=secret=<redacted>", "?private-key=<redacted>", "?name=ether1"]
        text = open(sim.events_file, encoding="utf-8").read()
        assert "hush" not in text


def test_refused_unset_leaves_a_state_that_loads(tmp_path):
    path = str(tmp_path / "state.yml")
    with Simulator(version="7.16", state=path) as sim:
        with Raw(sim.host, sim.port) as r:
            r.login()
            ret = r.call("/ip/address/add", "=address=192.0.2.1/24", "=interface=ether2")[0].attrs["ret"]
            assert r.call("/ip/address/unset", "=numbers=%s" % ret, "=value-name=address")[0].kind == "!trap"
            vid = r.call("/interface/vlan/add", "=name=v9", "=vlan-id=9", "=interface=ether3")[0].attrs["ret"]
            assert r.call("/interface/vlan/unset", "=numbers=%s" % vid, "=value-name=vlan-id")[0].kind == "!trap"
            assert r.call("/rosim/save-state")[-1].attrs == {"ret": path}
    with Simulator(version="7.16", state=path) as again:
        with Raw(again.host, again.port) as r:
            r.login()
            assert rows(r.call("/ip/address/print", "?interface=ether2", "=.proplist=address")) == [
                {"address": "192.0.2.1/24"}]
            assert rows(r.call("/interface/vlan/print", "=.proplist=name,vlan-id")) == [{"name": "v9", "vlan-id": "9"}]


@pytest.mark.parametrize("version", ["6.49", "7.10", "7.16", "7.24"])
def test_a_dumped_default_router_loads_again(version):
    """What dump_state writes loads on the same release (every menu built, as an export or a backup builds them:
    /system/watchdog watch-address=none included), and loading it makes no item twice (a DHCP client's route comes
    back with its client)."""
    from rosim import files as rosim_files
    from rosim.router import Router
    from rosim.state import dump_state, load_state

    def dumped(router):
        rosim_files.export_text(router, show_sensitive=True)  # builds every menu of the release
        return yaml.safe_load(yaml.safe_dump(dump_state(router)))

    first = dumped(Router(version=version))
    assert "/system/watchdog" in first["menus"]
    again = Router(version=version)
    load_state(again, first, source="dump")
    second = dumped(again)
    counts = dict((path, len(body)) for path, body in first["menus"].items() if isinstance(body, list))
    assert counts == dict((path, len(body)) for path, body in second["menus"].items() if isinstance(body, list))
    assert second["menus"]["/system/watchdog"] == first["menus"]["/system/watchdog"]
