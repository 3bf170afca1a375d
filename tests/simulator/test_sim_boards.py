# -*- coding: utf-8 -*-
"""--board: the hardware a simulated router is (simulator/rosim/boards.py names each board's product page)."""

from __future__ import annotations

import pytest
from support.client import sim_params
from support.rosim import Simulator

from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import TrapError

# board -> (ports, switch chip type or None, PoE-out ports, serial ports, wireless (name, band), RouterBOARD model)
EXPECTED = {
    "hex": (["ether%d" % n for n in range(1, 6)], "Mediatek-MT7621", [], [], [], "RB750Gr3"),
    "hap-ac2": (["ether%d" % n for n in range(1, 6)], "IPQ-ESS", [], [],
                [("wlan1", "2ghz-b/g/n"), ("wlan2", "5ghz-a/n/ac")], "RBD52G-5HacD2HnD"),
    "rb5009": (["ether%d" % n for n in range(1, 9)] + ["sfp-sfpplus1"], "Marvell-88E6393X", ["ether8"], [], [],
               "RB5009UG+S+"),
    "crs328": (["ether%d" % n for n in range(1, 25)] + ["sfp-sfpplus%d" % n for n in range(1, 5)],
               "Marvell-98DX3236", ["ether%d" % n for n in range(1, 25)], ["serial0"], [], "CRS328-24P-4S+"),
    "ccr2116": (["ether%d" % n for n in range(1, 13)] + ["sfp-sfpplus%d" % n for n in range(1, 5)],
                "Marvell-98DX3255", [], ["serial0"], [], "CCR2116-12G-4S+"),
    "chr": (["ether%d" % n for n in range(1, 9)], None, [], ["serial0"], [], None),
}


def rows(session, path):
    return session.call(path, "print").rows


def missing(session, path):
    with pytest.raises(TrapError) as err:
        session.call(path, "print")
    return err.value.traps[0]["message"].startswith("no such command")


@pytest.mark.parametrize("board", sorted(EXPECTED))
def test_board(board):
    ports, switch, poe, serial, wireless, model = EXPECTED[board]
    with Simulator(version="7.16", board=board) as sim:
        s = Session.connect(sim_params(sim, password=""))
        try:
            assert [r["name"] for r in rows(s, "/interface/ethernet")] == ports
            rb = rows(s, "/system/routerboard")[0]
            resource = rows(s, "/system/resource")[0]
            if board in ("chr", "rb5009"):  # as real ones print it (ytti/oxidized captures)
                assert (resource["cpu"], resource["cpu-count"], resource["architecture-name"]) == (
                    ("QEMU", "1", "x86_64") if board == "chr" else ("ARM64", "4", "arm64"))
            if model is None:
                assert rb == {"routerboard": "false"}
                assert missing(s, "/system/routerboard/settings")
            else:
                assert (rb["routerboard"], rb["model"]) == ("true", model)
                settings = rows(s, "/system/routerboard/settings")[0]
                assert settings["boot-device"] == "nand-if-fail-then-ethernet" and settings["auto-upgrade"] == "false"
                s.call("/system/routerboard/settings", "set", attributes={"auto-upgrade": "yes"})
                assert rows(s, "/system/routerboard/settings")[0]["auto-upgrade"] == "true"
            if switch is None:
                assert missing(s, "/interface/ethernet/switch")
            else:
                assert [(r["name"], r["type"]) for r in rows(s, "/interface/ethernet/switch")] == [("switch1", switch)]
                assert [r["name"] for r in rows(s, "/interface/ethernet/switch/port")] == ports
            if poe:
                assert [r["name"] for r in rows(s, "/interface/ethernet/poe")] == poe
                s.call("/interface/ethernet", "set", attributes={"numbers": poe[0], "poe-out": "off"})
                assert [r["poe-out"] for r in rows(s, "/interface/ethernet/poe")][0] == "off"
            else:
                assert missing(s, "/interface/ethernet/poe")
                assert all("poe-out" not in r for r in rows(s, "/interface/ethernet"))
            assert [r["name"] for r in rows(s, "/port")] == serial
            if wireless:
                assert [(r["name"], r["band"]) for r in rows(s, "/interface/wireless")] == wireless
                assert [r["type"] for r in rows(s, "/interface") if r["name"].startswith("wlan")] == ["wlan", "wlan"]
                assert "wireless" in [r["name"] for r in rows(s, "/system/package")]
            else:
                assert not [r for r in rows(s, "/interface") if r["name"].startswith("wlan")]
        finally:
            s.close()


def test_unknown_board_is_refused():
    with pytest.raises(RuntimeError) as err:
        with Simulator(version="7.16", extra_args=["--board", "rb9999"]):
            pass
    assert "unknown board 'rb9999'" in str(err.value)


def test_board_state_survives_a_save_and_reload(tmp_path):
    """Routerboard settings, PoE and switch entries are saved with the state and read back on the same board."""
    path = tmp_path / "crs.yml"
    with Simulator(version="7.16", board="crs328", state=str(path)) as sim:
        s = Session.connect(sim_params(sim, password=""))
        try:
            s.call("/system/routerboard/settings", "set", attributes={"auto-upgrade": "yes"})
            s.call("/interface/ethernet", "set", attributes={"numbers": "ether3", "poe-out": "off"})
            s.call("/rosim/save-state")
        finally:
            s.close()
    with Simulator(version="7.16", board="crs328", state=str(path)) as sim:
        s = Session.connect(sim_params(sim, password=""))
        try:
            assert rows(s, "/system/routerboard/settings")[0]["auto-upgrade"] == "true"
            poe = {r["name"]: r["poe-out"] for r in rows(s, "/interface/ethernet/poe")}
            assert len(poe) == 24 and poe["ether3"] == "off" and poe["ether4"] == "auto-on"
            assert [r["type"] for r in rows(s, "/interface/ethernet/switch")] == ["Marvell-98DX3236"]
        finally:
            s.close()


def test_board_and_packages_in_a_config_file():
    from types import SimpleNamespace
    from support.rosim import start_simulators
    config = {"routers": [{"name": "edge", "routeros-version": "7.16", "board": "rb5009", "packages": ["container"]},
                          {"name": "vm", "routeros-version": "7.24", "board": "chr", "packages": "iot"}]}
    with start_simulators(config) as group:
        for name, model, package in (("edge", "RB5009UG+S+", "container"), ("vm", None, "iot")):
            r = group[name]
            s = Session.connect(sim_params(SimpleNamespace(host=r.host, port=r.port, user="admin"), password=""))
            try:
                assert rows(s, "/system/routerboard")[0].get("model") == model
                assert [p["name"] for p in rows(s, "/system/package")] == ["routeros", package]
            finally:
                s.close()


def test_v6_hap_ac2_has_its_radios():
    with Simulator(version="6.49.10", board="hap-ac2") as sim:
        s = Session.connect(sim_params(sim, password=""))
        try:
            radios = rows(s, "/interface/wireless")
            assert [(r["name"], r["band"], r["mode"]) for r in radios] == [
                ("wlan1", "2ghz-b/g/n", "ap-bridge"), ("wlan2", "5ghz-a/n/ac", "ap-bridge")]
            assert "ssid" not in radios[0]  # the exports tie on it: printed once set
            assert [r["name"] for r in rows(s, "/interface/wireless/security-profiles")] == ["default"]
            assert [r["name"] for r in rows(s, "/interface/ethernet")] == ["ether%d" % n for n in range(1, 6)]
        finally:
            s.close()


def test_v6_hap_ac_lite_as_its_real_export_prints_it():
    """A 6.48.1 hAP ac lite with the MAC addresses of the real one (tools/data/sim-sources: its /export verbose):
    10/100 ports, PoE-out and the power-cycle watchdog on ether5 only, the switch's CPU port, four IRQs, a LED per
    port, the default RoMON port, and 6.48 properties that export sets (DoH, properties the exports disagree on,
    LDP interface fields)."""
    from types import SimpleNamespace
    from support.rosim import start_simulators
    config = {"routers": [{"name": "lite", "routeros-version": "6.48.1", "board": "RB952Ui-5ac2nD",
                           "mac-address": "48:8F:5A:5A:90:01"}]}
    with start_simulators(config) as group:
        r = group["lite"]
        s = Session.connect(sim_params(SimpleNamespace(host=r.host, port=r.port, user="admin"), password=""))
        try:
            eth = rows(s, "/interface/ethernet")
            assert [(e["name"], e["speed"], e["orig-mac-address"]) for e in eth] == [
                ("ether%d" % n, "100Mbps", "48:8F:5A:5A:90:0%d" % n) for n in range(1, 6)]
            assert {e["advertise"] for e in eth} == {"10M-half,10M-full,100M-half,100M-full"}
            assert [(e["name"], e.get("power-cycle-interval")) for e in eth if "poe-out" in e] == [("ether5", "none")]
            assert [(w["name"], w["mac-address"]) for w in rows(s, "/interface/wireless")] == [
                ("wlan1", "48:8F:5A:5A:90:07"), ("wlan2", "48:8F:5A:5A:90:06")]
            assert [p["name"] for p in rows(s, "/interface/ethernet/switch/port")] == [
                "ether1", "ether2", "ether3", "ether4", "ether5", "switch1-cpu"]
            assert [i["cpu"] for i in rows(s, "/system/resource/irq")] == ["auto"] * 4
            assert [(led["leds"], led["interface"]) for led in rows(s, "/system/leds")] == [
                ("led%d" % n, "ether%d" % n) for n in range(1, 6)]
            romon = rows(s, "/tool/romon/port")
            assert [(p["interface"], p["cost"], p["default"]) for p in romon] == [("all", "100", "true")]
            assert rows(s, "/ip/dns")[0]["verify-doh-cert"] == "false"
            s.call("/interface/ovpn-server/server", "set", attributes={"mac-address": "FE:7E:D8:FF:41:EC"})
            assert rows(s, "/interface/ovpn-server/server")[0]["mac-address"] == "FE:7E:D8:FF:41:EC"
            s.call("/ip/traffic-flow", "set", attributes={"cache-entries": "16k"})
            s.call("/mpls/ldp/interface", "add",
                   attributes={"interface": "ether2", "hello-interval": "5s", "accept-dynamic-neighbors": "yes"})
        finally:
            s.close()


def test_audience_with_wifiwave2_lte_and_zerotier():
    """A 7.1rc6 Audience (RBD25GR-5HPacQD2HPnD) with the wifiwave2 and zerotier packages, as its real exports show
    it: radios wifi1-wifi3 in /interface/wifiwave2 (the 7.24 tree's /interface/wifi menus), no wlan interfaces, the
    LTE modem lte1 and its port usb1, cpu-frequency in the RouterBOARD settings, the zt1 instance and ZeroTier
    interfaces that other menus name."""
    with Simulator(version="7.1rc6", board="RBD25GR-5HPacQD2HPnD", packages="wifiwave2,zerotier") as sim:
        s = Session.connect(sim_params(sim, password=""))
        try:
            radios = rows(s, "/interface/wifiwave2")
            assert [(r["name"], r["default-name"]) for r in radios] == [("wifi%d" % n, "wifi%d" % n) for n in (1, 2, 3)]
            assert not [r for r in rows(s, "/interface") if r["name"].startswith("wlan")]
            assert [r["name"] for r in rows(s, "/interface/lte")] == ["lte1"]
            assert [p["name"] for p in rows(s, "/port")] == ["usb1"]
            assert rows(s, "/system/routerboard/settings")[0]["cpu-frequency"] == "auto"
            s.call("/interface/wifiwave2/security", "add", attributes={
                "name": "sec", "authentication-types": "wpa2-psk,wpa3-psk", "disable-pmkid": "yes"})
            s.call("/interface/wifiwave2/configuration", "add", attributes={
                "name": "cfg", "security": "sec", "ssid": "M171", "channel.skip-dfs-channels": "all"})
            s.call("/interface/wifiwave2", "set", attributes={"numbers": "wifi1", "configuration": "cfg",
                                                              "configuration.mode": "ap", "name": "wifi-2.4Ghz"})
            assert [r["name"] for r in rows(s, "/interface/wifiwave2/configuration")] == ["cfg"]
            assert [p["name"] for p in rows(s, "/zerotier")] == ["zt1"]
            s.call("/zerotier/interface", "add", attributes={"instance": "zt1", "name": "zerotier1",
                                                             "network": "xxx", "mac-address": "2E:D1:09:E9:A3:35"})
            s.call("/interface/list/member", "add", attributes={"interface": "zerotier1", "list": "all"})
            s.call("/interface/list/member", "add", attributes={"interface": "wifi-2.4Ghz", "list": "all"})
            kinds = {r["name"]: r["type"] for r in rows(s, "/interface")}
            assert (kinds["zerotier1"], kinds["wifi-2.4Ghz"], kinds["lte1"]) == ("zerotier", "wifi", "lte")
        finally:
            s.close()


def _kinds(session):
    return [(r["name"], r["type"]) for r in rows(session, "/interface")]


def test_rb1100ahx4_has_three_switch_chips():
    """An RB1100AHx4 (the model line RB1100x4 of the corpus's 6.48.6 export) on 7.16: ether1-ether13, three
    Realtek-RTL8367 chips (ether1-5, ether6-10, ether11-13) each with its CPU port (sixteen switch port entries, as
    the export's `set 0` to `set 15`), serial0, no PoE, no radios."""
    with Simulator(version="7.16", board="RB1100x4") as sim:
        s = Session.connect(sim_params(sim, password=""))
        try:
            assert _kinds(s) == [("ether%d" % n, "ether") for n in range(1, 14)]
            rb = rows(s, "/system/routerboard")[0]
            assert (rb["routerboard"], rb["model"], rb["board-name"]) == ("true", "RB1100x4", "RB1100AHx4")
            res = rows(s, "/system/resource")[0]
            assert (res["cpu"], res["cpu-count"], res["architecture-name"], res["total-memory"]) == (
                "ARM", "4", "arm", str(1024 * 1024 * 1024))
            assert [(r["name"], r["type"]) for r in rows(s, "/interface/ethernet/switch")] == [
                ("switch%d" % n, "Realtek-RTL8367") for n in (1, 2, 3)]
            chips = {1: range(1, 6), 2: range(6, 11), 3: range(11, 14)}
            assert [(r["name"], r["switch"]) for r in rows(s, "/interface/ethernet/switch/port")] == [
                (p, "switch%d" % c) for c, ports in sorted(chips.items())
                for p in ["ether%d" % n for n in ports] + ["switch%d-cpu" % c]]
            assert {r["name"]: r["switch"] for r in rows(s, "/interface/ethernet")} == {
                "ether%d" % n: "switch%d" % c for c, ports in chips.items() for n in ports}
            assert [r["name"] for r in rows(s, "/port")] == ["serial0"]
            assert rows(s, "/system/routerboard/settings")[0]["enter-setup-on"] == "any-key"
            assert missing(s, "/interface/ethernet/poe")
        finally:
            s.close()


def test_crs326_as_its_export_shows_it():
    """A CRS326-24G-2S+ on 6.48 (its corpus export's release): ether1-ether24 and sfp-sfpplus1-2 on one
    Marvell-98DX3236, the RouterBOOT's boot-os, /system/swos with one allow-from-ports entry per port (the export
    sets p1 to p26), no PoE-out."""
    with Simulator(version="6.48", board="CRS326-24G-2S+") as sim:
        s = Session.connect(sim_params(sim, password=""))
        try:
            ports = ["ether%d" % n for n in range(1, 25)] + ["sfp-sfpplus1", "sfp-sfpplus2"]
            assert _kinds(s) == [(p, "ether") for p in ports]
            eth = {r["name"]: r["speed"] for r in rows(s, "/interface/ethernet")}
            assert (eth["ether24"], eth["sfp-sfpplus2"]) == ("1Gbps", "10Gbps")
            rb = rows(s, "/system/routerboard")[0]
            assert (rb["routerboard"], rb["model"]) == ("true", "CRS326-24G-2S+")
            assert rows(s, "/system/resource")[0]["board-name"] == "CRS326-24G-2S+"
            assert [(r["name"], r["type"]) for r in rows(s, "/interface/ethernet/switch")] == [
                ("switch1", "Marvell-98DX3236")]
            assert [r["name"] for r in rows(s, "/interface/ethernet/switch/port")] == ports
            settings = rows(s, "/system/routerboard/settings")[0]
            assert (settings["boot-os"], settings["enter-setup-on"]) == ("router-os", "any-key")
            assert rows(s, "/system/swos")[0]["allow-from-ports"] == ",".join("p%d" % n for n in range(1, 27))
            assert missing(s, "/interface/ethernet/poe")
        finally:
            s.close()


def test_chateau_lte12_has_its_radios_and_modem():
    """A Chateau LTE12 (the model line D53G-5HacD2HnD&EG120K-EA) on 7.16: ether1-ether5 on an Atheros-8327, the LTE
    modem lte1, wlan1 (2.4 GHz) and wlan2 (5 GHz) of the wireless package, no serial port, no PoE-out."""
    with Simulator(version="7.16", board="D53G-5HacD2HnD&EG120K-EA") as sim:
        s = Session.connect(sim_params(sim, password=""))
        try:
            assert _kinds(s) == [("ether%d" % n, "ether") for n in range(1, 6)] + [
                ("lte1", "lte"), ("wlan1", "wlan"), ("wlan2", "wlan")]
            assert [(r["name"], r["band"]) for r in rows(s, "/interface/wireless")] == [
                ("wlan1", "2ghz-b/g/n"), ("wlan2", "5ghz-a/n/ac")]
            assert [r["name"] for r in rows(s, "/interface/lte")] == ["lte1"]
            rb = rows(s, "/system/routerboard")[0]
            assert (rb["model"], rb["board-name"]) == ("D53G-5HacD2HnD&EG120K-EA", "Chateau LTE12")
            assert [(r["name"], r["type"]) for r in rows(s, "/interface/ethernet/switch")] == [
                ("switch1", "Atheros-8327")]
            assert [r["name"] for r in rows(s, "/interface/ethernet/switch/port")] == [
                "ether%d" % n for n in range(1, 6)]
            assert [p["name"] for p in rows(s, "/system/package")] == ["routeros", "wireless"]
            assert rows(s, "/port") == [] and missing(s, "/interface/ethernet/poe")
            assert "enter-setup-on" not in rows(s, "/system/routerboard/settings")[0]
        finally:
            s.close()


def test_the_corpus_runs_each_export_on_its_board():
    """tests/support/export_corpus.py: the RB1100x4 and CRS326-24G-2S+ exports on their own boards; the export whose
    header names a Chateau but whose source shows a CHR (tests/data/exports/routers.json, boards_why) on a CHR."""
    from support import export_corpus
    data = export_corpus._routers_data()
    got = {name: export_corpus.router_of(name, export_corpus.read(name), data)["board"] for name in (
        "v6.48-bgp-dude-switch.rsc", "v6.48-crs326-transparent-bridge.rsc", "v7.16-hap-ac2-show-sensitive.rsc")}
    assert got == {"v6.48-bgp-dude-switch.rsc": "rb1100ahx4", "v6.48-crs326-transparent-bridge.rsc": "crs326",
                   "v7.16-hap-ac2-show-sensitive.rsc": "chr"}
    for model in ("RB1100x4", "CRS326-24G-2S+", "D53G-5HacD2HnD&EG120K-EA", "RB952Ui-5ac2nD", "RBD25GR-5HPacQD2HPnD"):
        assert model not in data["models"]  # the simulator has the board itself
        assert export_corpus._model_board(model, data) is not None
