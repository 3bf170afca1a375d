# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The RouterOS 6.49 menus of the baseline role, driven by a foreign client (librouteros) over the
wire: the field sets a 6.49 router prints, their defaults, and the traps for values and fields it refuses
(simulator/rosim/baseline.py V6_MENUS names the source of each menu)."""

import librouteros
import pytest
from librouteros.exceptions import TrapError

from support.rosim import Simulator


@pytest.fixture(scope="module")
def sim():
    with Simulator(version="6.49.10", identity="r649b") as sim:
        yield sim


@pytest.fixture
def api(sim):
    a = librouteros.connect(host=sim.host, port=sim.port, username="admin", password="")
    yield a
    a.close()


def rows(api, path):
    return [dict(r) for r in api.path(*path.strip("/").split("/"))]


def one(api, path):
    got = rows(api, path)
    assert len(got) == 1
    return got[0]


def run(api, path, command, **attrs):
    return list(api.path(*path.strip("/").split("/"))(command, **attrs))


def refused(api, path, command, **attrs):
    with pytest.raises(TrapError) as exc:
        run(api, path, command, **attrs)
    return str(exc.value)


# Values librouteros gives back: it turns "true"/"false" into bools and digits into ints.
def test_ntp_client_fields_and_defaults(api):
    assert one(api, "/system/ntp/client") == {
        "enabled": False, "primary-ntp": "0.0.0.0", "secondary-ntp": "0.0.0.0", "server-dns-names": "",
        "mode": "broadcast"}


def test_ntp_client_addresses_names_and_mode(api):
    run(api, "/system/ntp/client", "set", **{"enabled": "yes", "primary-ntp": "192.0.2.1",
                                             "secondary-ntp": "2001:db8::123", "server-dns-names": "pool.ntp.org"})
    got = one(api, "/system/ntp/client")
    assert (got["enabled"], got["primary-ntp"], got["secondary-ntp"], got["server-dns-names"], got["mode"]) == (
        True, "192.0.2.1", "2001:db8::123", "pool.ntp.org", "unicast")
    run(api, "/system/ntp/client", "set", **{"enabled": "no", "primary-ntp": "0.0.0.0", "secondary-ntp": "0.0.0.0",
                                             "server-dns-names": ""})
    assert one(api, "/system/ntp/client")["mode"] == "broadcast"


@pytest.mark.parametrize("value", ["pool.ntp.org", "192.0.2.1,192.0.2.2", "192.0.2.0/24", "", "300.1.1.1"])
def test_primary_ntp_takes_one_address_only(api, value):
    assert "invalid value for argument primary-ntp" in refused(api, "/system/ntp/client", "set",
                                                               **{"primary-ntp": value})
    assert one(api, "/system/ntp/client")["primary-ntp"] == "0.0.0.0"


@pytest.mark.parametrize("field", ["servers", "vrf", "mode", "status"])
def test_ntp_client_has_no_v7_or_read_only_arguments(api, field):
    # RouterOS 6 names no parameter in this message
    assert "unknown parameter" in refused(api, "/system/ntp/client", "set", **{field: "x"})


def test_snmp_fields_and_defaults(api):
    assert one(api, "/snmp") == {
        "enabled": False, "contact": "", "location": "", "engine-id": "", "trap-community": "public",
        "trap-version": 1, "trap-generators": "temp-exception", "trap-target": "", "trap-interfaces": "",
        "src-address": "::"}
    for field in ("vrf", "engine-id-suffix"):
        assert "unknown parameter" in refused(api, "/snmp", "set", **{field: "x"})
    assert "input does not match any value of trap-version" in refused(api, "/snmp", "set", **{"trap-version": "4"})
    assert "invalid value for argument src-address" in refused(api, "/snmp", "set", **{"src-address": "nowhere"})
    run(api, "/snmp", "set", enabled="yes", contact="noc@example.net", **{"trap-target": "192.0.2.9"})
    got = one(api, "/snmp")
    assert (got["enabled"], got["contact"], got["trap-target"]) == (True, "noc@example.net", "192.0.2.9")


def test_snmp_community(api):
    assert [{k: v for k, v in r.items() if k != ".id"} for r in rows(api, "/snmp/community")] == [{
        "name": "public", "addresses": "::/0", "security": "none", "read-access": True,
        "write-access": False, "authentication-protocol": "MD5", "encryption-protocol": "DES",
        "authentication-password": "", "encryption-password": "", "disabled": False, "default": True}]
    run(api, "/snmp/community", "add", name="mon", addresses="10.99.0.0/24")
    mon = [r for r in rows(api, "/snmp/community") if r["name"] == "mon"][0]
    assert (mon["addresses"], mon["read-access"], mon["write-access"], mon["default"]) == (
        "10.99.0.0/24", True, False, False)
    assert "community with such name already exists" in refused(api, "/snmp/community", "add", name="mon")
    assert "input does not match any value of security" in refused(api, "/snmp/community", "add", name="x",
                                                                   security="secret")
    assert "input does not match any value of authentication-protocol" in refused(
        api, "/snmp/community", "add", name="x", **{"authentication-protocol": "SHA256"})
    for field in ("comment", "address"):
        assert "unknown parameter" in refused(api, "/snmp/community", "add", name="x", **{field: "y"})


def test_logging_rules(api):
    assert [(r["topics"], r["action"], r["default"]) for r in rows(api, "/system/logging")] == [
        ("info", "memory", True), ("error", "memory", True), ("warning", "memory", True), ("critical", "echo", True)]
    run(api, "/system/logging", "add", topics="info", action="echo", prefix="p")
    new = rows(api, "/system/logging")[-1]
    assert {k: v for k, v in new.items() if k != ".id"} == {
        "topics": "info", "action": "echo", "prefix": "p", "disabled": False, "invalid": False, "default": False}
    assert "unknown parameter" in refused(api, "/system/logging", "add", topics="info", regex="x")
    assert "value of topics must be specified" in refused(api, "/system/logging", "add", action="memory")


def test_logging_actions(api):
    actions = {r["name"]: r for r in rows(api, "/system/logging/action")}
    assert sorted(actions) == ["disk", "echo", "memory", "remote"]
    assert actions["memory"]["memory-lines"] == 1000
    assert {k: actions["remote"][k] for k in ("remote", "remote-port", "src-address", "syslog-facility")} == {
        "remote": "0.0.0.0", "remote-port": 514, "src-address": "0.0.0.0", "syslog-facility": "daemon"}
    assert actions["remote"]["syslog-time-format"] == "bsd-syslog"  # as 6.43.8 to 6.49.7 verbose exports print it
    run(api, "/system/logging/action", "add", name="syslog", target="remote", remote="192.0.2.10",
        **{"remote-port": "1514"})
    syslog = [r for r in rows(api, "/system/logging/action") if r["name"] == "syslog"][0]
    assert (syslog["target"], syslog["remote"], syslog["remote-port"], syslog["syslog-severity"],
            syslog["default"]) == ("remote", "192.0.2.10", 1514, "auto", False)
    assert "input does not match any value of target" in refused(api, "/system/logging/action", "add", name="x",
                                                                 target="syslog")
    assert "value of remote-port out of range (0..65535)" in refused(
        api, "/system/logging/action", "add", name="x", **{"remote-port": "70000"})
    assert "unknown parameter" in refused(api, "/system/logging/action", "add", name="x", **{"syslog-format": "x"})
    assert "can not remove builtin action" in refused(api, "/system/logging/action", "remove", numbers="memory")


def test_discovery_and_mac_server(api):
    # protocol and lldp-med-net-policy-vlan as the 6.48.1 and 6.49.7 verbose exports print them; mode came with 7.7
    assert one(api, "/ip/neighbor/discovery-settings") == {
        "discover-interface-list": "static", "protocol": "cdp,lldp,mndp", "lldp-med-net-policy-vlan": "disabled"}
    assert one(api, "/tool/mac-server") == {"allowed-interface-list": "all"}
    assert one(api, "/tool/mac-server/mac-winbox") == {"allowed-interface-list": "all"}
    assert one(api, "/tool/mac-server/ping") == {"enabled": True}
    assert "unknown parameter" in refused(api, "/ip/neighbor/discovery-settings", "set", mode="tx-only")
    assert "input does not match any value of allowed-interface-list" in refused(
        api, "/tool/mac-server/mac-winbox", "set", **{"allowed-interface-list": "MGMT"})
    run(api, "/interface/list", "add", name="MGMT")
    run(api, "/tool/mac-server/mac-winbox", "set", **{"allowed-interface-list": "MGMT"})
    run(api, "/ip/neighbor/discovery-settings", "set", **{"discover-interface-list": "MGMT"})
    assert one(api, "/tool/mac-server/mac-winbox") == {"allowed-interface-list": "MGMT"}
    assert one(api, "/ip/neighbor/discovery-settings")["discover-interface-list"] == "MGMT"


def test_user_group_policy_words(api):
    groups = {g["name"]: g["policy"] for g in rows(api, "/user/group")}
    assert "rest-api" not in groups["full"] and groups["full"].endswith(",dude,tikapp")
    assert "input does not match any value of policy" in refused(api, "/user/group", "add", name="rest",
                                                                 policy="read,rest-api")
    run(api, "/user/group", "add", name="ops", policy="read,write,api,!ftp,tikapp")
    assert {g["name"]: g["policy"] for g in rows(api, "/user/group")}["ops"] == "read,write,api,!ftp,tikapp"


def test_routeros_7_keeps_its_own_fields():
    with Simulator(version="7.16", identity="r716b") as sim:
        api = librouteros.connect(host=sim.host, port=sim.port, username="admin", password="")
        try:
            ntp = one(api, "/system/ntp/client")
            assert "servers" in ntp and "primary-ntp" not in ntp
            assert "rest-api" in {g["name"]: g["policy"] for g in rows(api, "/user/group")}["full"]
            run(api, "/user/group", "add", name="rest", policy="read,rest-api")
        finally:
            api.close()
