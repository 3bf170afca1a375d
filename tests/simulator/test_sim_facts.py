# -*- coding: utf-8 -*-
"""The simulator against recorded real router output (tools/data/sim-sources, see SOURCES.md there), not against
the collection's catalog: settings menus print every property with a fresh router's value, built-in entries exist
and are protected, values real routers accept are accepted. A deliberately wrong catalog entry is caught."""

from __future__ import annotations

import os
import sys

import pytest
from support.client import sim_params
from support.rosim import Simulator

from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session
from ansible_collections.tikops.routeros.plugins.module_utils.core.console import parse_export
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import TrapError

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))

import gen_sim_data  # noqa: E402

SOURCES = os.path.join(ROOT, "tools", "data", "sim-sources")


def recorded_settings():
    """{menu: {property: value}} of the settings lines of the recorded /export verbose files, as they print them;
    where they differ, the value most of them print (a tie is left out: one router's owner changed it)."""
    votes = {}
    for src, name in gen_sim_data.EXPORTS:
        with open(os.path.join(SOURCES, name), "r", encoding="utf-8") as fh:
            commands = parse_export(fh.read().replace("\r\n", "\n"))
        for c in commands:
            if c["verb"] == "set" and not c["find"] and not [p for p in c["positional"] if not p.startswith("!")]:
                for k, v in c["attrs"].items():
                    votes.setdefault((c["path"], k), []).append((v, src))
    out = {}
    for (path, prop), vs in votes.items():
        decided = gen_sim_data.majority(vs)
        if decided is not None:
            out.setdefault(path, {})[prop] = decided[0]
    return out


def mismatches(router, label, recorded):
    """(menu, property, simulator's value, recorded value) where a fresh simulated router prints a settings property
    of the recorded export differently; only properties the release's tree (read from the tree file, not through the
    catalog) still has with a value it accepts."""
    tree = gen_sim_data.tree_menus(label)
    gen_sim_data.export_facts()  # learns which properties print words rather than yes/no
    out = []
    for path, props in sorted(recorded.items()):
        kind_props = tree.get(path)
        if kind_props is None or kind_props[0] != "settings" or path not in router.menus:
            continue
        menu = router.menus[path]
        row = menu.render(router.single(menu), router)
        for prop, value in sorted(props.items()):
            desc = kind_props[1].get(prop, False)
            if desc is False or not gen_sim_data.accepts(desc, value):
                continue
            if prop in ("name",) or menu.by_name.get(prop) is not None and menu.by_name[prop].kind != "info":
                continue  # hand-modelled fields keep their own sources (baseline.py)
            value = gen_sim_data.api_value(value, desc, prop, path)  # yes/no of a yes/no property: true/false over the API
            if row.get(prop) != value:
                out.append((path, prop, row.get(prop), value))
    return out


def tree_labels():
    return list(gen_sim_data.labels())


def version_of(label):
    return ".".join(label.split("-")[0].split(".")[:2])


def test_settings_menus_print_every_property_on_every_release():
    """Every settings menu of every tree release prints every settable property from the start (the 90 % floor
    per menu); the coverage is reported per release (mean and worst menu)."""
    from ansible_collections.tikops.routeros.simulator.rosim.router import Router
    report = []
    worst_all = (1.0, None, None)
    for label in tree_labels():
        if label.endswith("extra-packages"):
            continue
        router = Router(version=version_of(label))
        shares = []
        for path, (kind, props) in sorted(gen_sim_data.tree_menus(label).items()):
            if kind != "settings" or not props or path not in router.menus:
                continue
            menu = router.menus[path]
            row = menu.render(router.single(menu), router)
            printed = [p for p in props if p in row]
            share = len(printed) / float(len(props))
            shares.append((share, path, sorted(set(props) - set(printed))))
        assert len(shares) > 40, label
        mean = sum(s[0] for s in shares) / len(shares)
        worst = min(shares)
        report.append("%s: %d menus, mean %.1f %%, worst %.1f %% (%s)"
                      % (label, len(shares), mean * 100, worst[0] * 100, worst[1]))
        if worst[0] < worst_all[0]:
            worst_all = (worst[0], label, worst)
    print("\n".join(report))
    assert worst_all[0] >= 0.9, "a settings menu prints less than 90 %% of its properties: %r\n%s" % (
        worst_all, "\n".join(report))


def test_settings_match_the_recorded_export():
    """A fresh 7.16 and 7.24 router prints what the real 6.49.7 export prints for every settings property the
    release still has (same name, a value the tree accepts, not changed by the router's owner)."""
    from ansible_collections.tikops.routeros.simulator.rosim.router import Router
    recorded = recorded_settings()
    for label in ("7.16.2", "7.24"):
        router = Router(version=version_of(label))
        assert mismatches(router, label, recorded) == []


def test_a_wrong_catalog_entry_is_caught(monkeypatch):
    """The check above compares with recorded output, not with the catalog: a catalog that loses a property of
    /ip/cloud makes the simulator differ from the real export, and the check reports it."""
    from ansible_collections.tikops.routeros.plugins.module_utils.catalog import catalog
    from ansible_collections.tikops.routeros.simulator.rosim import generic
    from ansible_collections.tikops.routeros.simulator.rosim.router import Router
    recorded = recorded_settings()
    real_menu = catalog.menu

    def wrong_menu(path, version, extra=True):
        info = real_menu(path, version, extra)
        if info is not None and path == "/ip/cloud":
            info = catalog.MenuInfo(info.path, info.kind, info.commands,
                                    {k: v for k, v in info.fields.items() if k != "update-time"}, info.version)
        return info

    monkeypatch.setattr(catalog, "menu", wrong_menu)
    monkeypatch.setattr(generic, "_GENERIC", {})
    router = Router(version="7.16")
    found = mismatches(router, "7.16.2", recorded)
    assert ("/ip/cloud", "update-time", None, "true") in found
    # and the coverage check, which reads the tree file itself, sees the property the router would print missing
    menu = router.menus["/ip/cloud"]
    row = menu.render(router.single(menu), router)
    assert set(gen_sim_data.tree_menus("7.16.2")["/ip/cloud"][1]) - set(row) == {"update-time"}


@pytest.fixture(scope="module", params=["7.16", "7.24"])
def api7(request):
    with Simulator(version=request.param) as sim:
        session = Session.connect(sim_params(sim, password=""))
        try:
            yield session
        finally:
            session.close()


def rows(session, path, **attrs):
    return session.call(path, "print", attributes=attrs).rows


def trap(session, path, command, **attrs):
    with pytest.raises(TrapError) as err:
        session.call(path, command, attributes=attrs)
    return [t["message"] for t in err.value.traps]


def test_settings_over_the_wire(api7):
    """The menus that printed nothing before print every property with the export's values."""
    recorded = recorded_settings()
    for path in ("/ip/cloud", "/certificate/settings", "/interface/detect-internet", "/interface/l2tp-server/server",
                 "/ip/proxy", "/ip/upnp", "/tool/romon"):
        row = rows(api7, path)[0]
        assert len(row) >= 3, (path, row)
        for prop, value in recorded[path].items():
            if prop in row:
                assert row[prop] in (value, {"yes": "true", "no": "false"}.get(value)), (path, prop, row[prop], value)
    cloud = rows(api7, "/ip/cloud")[0]
    assert cloud["ddns-update-interval"] == "none" and cloud["update-time"] == "true"


def test_builtin_entries_of_a_fresh_router(api7):
    """The entries every RouterOS router has (the real export's set [ find default=yes ] / set *0 / set 0 lines)."""
    names = [r["name"] for r in rows(api7, "/queue/type")]
    assert names == ["default", "ethernet-default", "wireless-default", "synchronous-default", "hotspot-default",
                     "pcq-upload-default", "pcq-download-default", "only-hardware-queue",
                     "multi-queue-ethernet-default", "default-small"]
    pcq = [r for r in rows(api7, "/queue/type") if r["name"] == "pcq-upload-default"][0]
    assert (pcq["kind"], pcq["pcq-classifier"], pcq["pcq-rate"]) == ("pcq", "src-address", "0")
    profiles = {r["name"]: r for r in rows(api7, "/ppp/profile")}
    assert profiles["default"][".id"] == "*0" and profiles["default-encryption"][".id"] == "*FFFFFFFE"
    assert profiles["default"]["use-encryption"] == "default" and profiles["default-encryption"]["use-encryption"] == \
        "yes"
    assert "local-address" not in profiles["default"]  # printed only once set ("!local-address" in the export)
    for path in ("/ip/ipsec/profile", "/ip/ipsec/proposal", "/ip/ipsec/policy/group", "/ip/hotspot/profile",
                 "/ip/hotspot/user/profile", "/routing/bgp/template"):
        assert [r["name"] for r in rows(api7, path)] == ["default"], path
    proposal = rows(api7, "/ip/ipsec/proposal")[0]
    assert proposal["auth-algorithms"] == "sha1" and proposal["pfs-group"] == "modp1024"
    assert rows(api7, "/ip/hotspot/profile")[0]["default"] == "true"
    ports = {r["name"]: r for r in rows(api7, "/ip/firewall/service-port")}
    assert ports["sip"]["ports"] == "5060,5061" and ports["ftp"]["ports"] == "21"


def test_builtin_entries_are_protected(api7):
    for path, name in (("/queue/type", "default"), ("/ppp/profile", "default"), ("/ip/ipsec/proposal", "default"),
                       ("/ip/hotspot/profile", "default")):
        messages = trap(api7, path, "remove", numbers=name)
        assert messages and messages[0].startswith("failure: can not remove builtin"), (path, messages)
        assert name in [r["name"] for r in rows(api7, path)]
    # a new entry beside them is an ordinary one: default=false, removable
    ret = api7.call("/ip/hotspot/profile", "add", attributes={"name": "hs1"}).done["ret"]
    assert [r["default"] for r in rows(api7, "/ip/hotspot/profile") if r["name"] == "hs1"] == ["false"]
    api7.call("/ip/hotspot/profile", "remove", attributes={"numbers": ret})


def test_values_real_routers_accept(api7):
    """Forms real configurations use: an RA interval range, a gateway resolved in another table, SSH forwarding
    to remote only."""
    api7.call("/ipv6/nd", "add", attributes={"interface": "ether2", "ra-interval": "1m-3m"})
    assert [r["ra-interval"] for r in rows(api7, "/ipv6/nd") if r.get("interface") == "ether2"] == ["1m-3m"]
    api7.call("/routing/table", "add", attributes={"name": "CE1", "fib": "yes"})
    api7.call("/ip/route", "add", attributes={"dst-address": "10.99.0.0/16", "gateway": "10.0.0.1@CE1"})
    assert [r["gateway"] for r in rows(api7, "/ip/route") if r["dst-address"] == "10.99.0.0/16"] == ["10.0.0.1@CE1"]
    assert trap(api7, "/ip/route", "add", **{"dst-address": "10.98.0.0/16", "gateway": "nonsense@CE1"}) == [
        "invalid value for argument gateway"]
    api7.call("/ip/ssh", "set", attributes={"forwarding-enabled": "remote"})
    assert rows(api7, "/ip/ssh")[0]["forwarding-enabled"] == "remote"
    api7.call("/ip/ssh", "set", attributes={"forwarding-enabled": "no"})


@pytest.fixture(scope="module")
def api6():
    with Simulator(version="6.49.10") as sim:
        session = Session.connect(sim_params(sim, password=""))
        try:
            yield session
        finally:
            session.close()


def test_v6_script_takes_dont_require_permissions(api6):
    api6.call("/system/script", "add", attributes={"name": "s1", "source": ":put 1", "dont-require-permissions": "yes"})
    assert rows(api6, "/system/script")[0]["dont-require-permissions"] == "true"


def test_v6_ssh_forwarding_words(api6):
    assert rows(api6, "/ip/ssh")[0]["forwarding-enabled"] == "no"
    api6.call("/ip/ssh", "set", attributes={"forwarding-enabled": "remote"})
    assert rows(api6, "/ip/ssh")[0]["forwarding-enabled"] == "remote"
    api6.call("/ip/ssh", "set", attributes={"forwarding-enabled": "no"})


def test_v6_menus_of_real_configurations(api6):
    """The menus real 6.x configurations use exist, with the 6.x exports' built-ins and values."""
    for path in ("/ppp/secret", "/ip/hotspot", "/ip/hotspot/ip-binding", "/ip/hotspot/walled-garden",
                 "/interface/vrrp", "/ip/ipsec/peer", "/ip/ipsec/identity", "/tool/user-manager/user",
                 "/tool/user-manager/profile", "/tool/user-manager/router"):
        assert rows(api6, path) == [], path
    assert [r["name"] for r in rows(api6, "/queue/type")][:3] == ["default", "ethernet-default", "wireless-default"]
    assert {r["name"] for r in rows(api6, "/ppp/profile")} == {"default", "default-encryption"}
    assert [r["name"] for r in rows(api6, "/ip/ipsec/proposal")] == ["default"]
    assert [r["name"] for r in rows(api6, "/ip/hotspot/profile")] == ["default"]
    assert rows(api6, "/system/note")[0] == {"note": "", "show-at-login": "true"}
    romon = rows(api6, "/tool/romon")[0]
    assert (romon["enabled"], romon["id"]) == ("false", "00:00:00:00:00:00")
    # a PPP secret and a user-manager user as 6.x configurations add them
    api6.call("/ppp/secret", "add", attributes={"name": "u1", "password": "p", "profile": "default-encryption",
                                                "service": "pppoe"})
    secret = rows(api6, "/ppp/secret")[0]
    assert (secret["name"], secret["profile"], secret["service"]) == ("u1", "default-encryption", "pppoe")
    api6.call("/tool/user-manager/user", "add", attributes={"username": "guest1", "password": "x"})
    user = rows(api6, "/tool/user-manager/user")[0]
    assert (user["username"], user["customer"], user["shared-users"], user["wireless-enc-algo"]) == (
        "guest1", "admin", "1", "none")
    messages = trap(api6, "/queue/type", "remove", numbers="default")
    assert messages and messages[0].startswith("failure: can not remove builtin")


def test_v6_settings_match_the_recorded_export(api6):
    """Every settings menu the real 6.x exports print exists on a 6.x router with their values (where the two
    exports agree)."""
    recorded = recorded_settings()
    gen_sim_data.export_facts()
    differ = []
    for path, props in sorted(recorded.items()):
        row = rows(api6, path)[0]
        for prop, value in props.items():
            if prop not in row:
                continue
            if row[prop] != gen_sim_data.api_value(value, None, prop, path):
                differ.append((path, prop, row[prop], value))
    # the exported routers ran the default configuration script, which turns DNS requests on; a router without
    # it (the simulator's) keeps the manual's default (menus.py)
    assert differ == [("/ip/dns", "allow-remote-requests", "false", "yes")]


def test_the_facts_file_is_what_the_sources_give():
    """simulator/rosim/data/facts.json is generated from the committed sources (tools/gen_sim_data.py --check)."""
    assert gen_sim_data.main(["--check"]) == 0


@pytest.mark.parametrize("version, packages, present, absent", [
    ("7.12", None, ["/interface/wireless", "/caps-man/manager"], ["/container"]),
    ("7.16", None, [], ["/interface/wireless", "/caps-man/manager", "/container", "/iot/lora", "/user-manager/user"]),
    ("7.16", "wireless", ["/interface/wireless", "/caps-man/manager"], ["/container"]),
    ("7.24", None, [], ["/interface/wireless", "/container", "/iot/lora", "/user-manager/user", "/dude/device"]),
    ("7.24", "container,iot,user-manager", ["/container", "/iot/lora", "/user-manager/user"], ["/interface/wireless"]),
])
def test_package_menus_exist_exactly_when_installed(version, packages, present, absent):
    """Base packages of a CHR by default; optional packages' menus only when installed (--packages)."""
    extra = ["--packages", packages] if packages else []
    with Simulator(version=version, extra_args=extra) as sim:
        session = Session.connect(sim_params(sim, password=""))
        try:
            installed = [r["name"] for r in rows(session, "/system/package")]
            assert installed == ["routeros"] + (sorted(p for p in (packages or "").split(",")
                                                       if p and not (p == "wireless" and version == "7.12")))
            for path in present:
                session.call(path, "print")
            for path in absent:
                messages = trap(session, path, "print")
                assert messages and messages[0].startswith("no such command"), (path, messages)
            if "wireless" in (packages or ""):
                default = rows(session, "/interface/wireless/security-profiles")[0]
                assert (default["name"], default["default"], default["group-ciphers"]) == ("default", "true", "aes-ccm")
        finally:
            session.close()


def test_unknown_package_is_refused():
    with pytest.raises(RuntimeError) as err:
        with Simulator(version="7.16", extra_args=["--packages", "nonsense"]):
            pass
    assert "unknown package 'nonsense'" in str(err.value)


def test_new_list_entries_print_what_real_entries_print(api7):
    """A new entry of a list menu prints the fields real entries of the recorded exports print alike (in two
    exports or more, or a neutral value), not only what was given."""
    api7.call("/ip/dns/static", "add", attributes={"name": "a.example", "address": "192.0.2.1"})
    entry = [r for r in rows(api7, "/ip/dns/static") if r.get("name") == "a.example"][0]
    assert (entry["ttl"], entry["disabled"]) == ("1d", "false")
    api7.call("/ip/dhcp-server/network", "add", attributes={"address": "192.0.2.0/24"})
    net = rows(api7, "/ip/dhcp-server/network")[0]
    assert (net["caps-manager"], net["dhcp-option"], net["wins-server"]) == ("", "", "")
    assert "dns-none" not in net  # one export's owner set it on every entry: not a default
