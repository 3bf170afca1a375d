# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Menus, fields, built-in entries and boards real exports of the corpus (tests/data/exports) use, each as a real
router of that release and board has it (the source of each fact is named beside it in simulator/rosim)."""

import pytest
from support.client import sim_params
from support.rosim import Simulator

from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import TrapError


def session(sim):
    return Session.connect(sim_params(sim, password=""))


def rows(s, path):
    return s.call(path, "print").rows


def trap(s, path, command, **attrs):
    with pytest.raises(TrapError) as err:
        s.call(path, command, attributes=attrs)
    return err.value.traps[0]["message"]


@pytest.fixture(scope="module")
def v6chr():
    with Simulator(version="6.47.9", board="chr", identity="v6chr") as sim:
        s = session(sim)
        yield s
        s.close()


@pytest.fixture(scope="module")
def v6hex():
    with Simulator(version="6.47.9", identity="v6hex") as sim:
        s = session(sim)
        yield s
        s.close()


def test_v6_x86_ethernet_has_disable_running_check(v6chr, v6hex):
    # x86 only, default yes (the manual's Ethernet page); a 6.47.9 CHR export sets it to no
    assert [r["disable-running-check"] for r in rows(v6chr, "/interface/ethernet")][:2] == ["true", "true"]
    v6chr.call("/interface/ethernet", "set", attributes={"numbers": "ether1", "disable-running-check": "no"})
    assert rows(v6chr, "/interface/ethernet")[0]["disable-running-check"] == "false"
    assert "disable-running-check" not in rows(v6hex, "/interface/ethernet")[0]
    assert "unknown parameter" in trap(v6hex, "/interface/ethernet", "set", numbers="ether1",
                                       **{"disable-running-check": "no"})


def test_v6_ospf_network_defaults_to_every_address(v6hex):
    # 6.x exports print `/routing ospf network add area=backbone`: the network left out is the default
    v6hex.call("/routing/ospf/network", "add", attributes={"area": "backbone"})
    got = [(r["network"], r["area"]) for r in rows(v6hex, "/routing/ospf/network")]
    assert got == [("0.0.0.0/0", "backbone")]


@pytest.fixture(scope="module")
def v642():
    with Simulator(version="6.42.5", identity="v642") as sim:
        s = session(sim)
        yield s
        s.close()


def test_v6_lcd_pages_are_built_in(v642):
    # the pages a 6.42.5 router's verbose export sets by name (tools/data/sim-sources/cli-samples/export_verbose)
    pages = rows(v642, "/system/lcd/page")
    assert [p["name"] for p in pages] == ["time", "resources", "uptime", "packets", "bits", "version", "identity",
                                          "ether1"]
    v642.call("/system/lcd/page", "set", attributes={"numbers": "time", "display-time": "10s", "disabled": "no"})
    time = [p for p in rows(v642, "/system/lcd/page") if p["name"] == "time"][0]
    assert (time["display-time"], time["disabled"]) == ("10s", "false")
    assert "no such command" in trap(v642, "/system/lcd/page", "add", **{"display-time": "5s"})
    assert "no such command" in trap(v642, "/system/lcd/page", "remove", numbers="time")  # a fixed list


def test_v6_user_manager_has_its_customer_admin(v642):
    admin = [c for c in rows(v642, "/tool/user-manager/customer") if c["name"] == "admin"]
    assert len(admin) == 1
    v642.call("/tool/user-manager/customer", "set", attributes={"numbers": "admin", "access": "own-routers"})
    assert [c["access"] for c in rows(v642, "/tool/user-manager/customer") if c["name"] == "admin"] == ["own-routers"]


def test_v6_bgp_instance_default(v6hex):
    # the built-in instance `default` as a 6.49.7 verbose export prints it (as=65530, router-id 0.0.0.0)
    default = [r for r in rows(v6hex, "/routing/bgp/instance") if r["name"] == "default"][0]
    assert (default["as"], default["router-id"], default["client-to-client-reflection"]) == ("65530", "0.0.0.0", "true")
    v6hex.call("/routing/bgp/instance", "set",
               attributes={"numbers": "default", "router-id": "10.0.13.1", "client-to-client-reflection": "no"})
    default = [r for r in rows(v6hex, "/routing/bgp/instance") if r["name"] == "default"][0]
    assert (default["router-id"], default["client-to-client-reflection"]) == ("10.0.13.1", "false")
    assert trap(v6hex, "/routing/bgp/instance", "remove", numbers="default").startswith("failure: can not remove")


@pytest.mark.parametrize("board,ports,on_chip,poe,serial", [
    # the product pages; the switch chip's ports from the wiki's / manual's switch chip tables
    ("hex-s", ["ether%d" % n for n in range(1, 6)] + ["sfp1"], ["ether%d" % n for n in range(1, 6)], ["ether5"], []),
    ("l009", ["ether%d" % n for n in range(1, 9)] + ["sfp1"], ["ether%d" % n for n in range(2, 9)] + ["sfp1"],
     ["ether8"], ["serial0"]),
])
def test_boards_with_an_sfp_cage(board, ports, on_chip, poe, serial):
    with Simulator(version="7.15.2", board=board, identity=board) as sim:
        s = session(sim)
        try:
            assert [r["name"] for r in rows(s, "/interface/ethernet")] == ports
            assert [r["name"] for r in rows(s, "/interface/ethernet/switch/port")] == on_chip
            assert [r["name"] for r in rows(s, "/interface/ethernet/poe")] == poe
            assert [r["name"] for r in rows(s, "/port")] == serial
            s.call("/interface/bridge", "add", attributes={"name": "bridge"})
            s.call("/interface/bridge/port", "add", attributes={"bridge": "bridge", "interface": "sfp1"})
            settings = rows(s, "/system/routerboard/settings")[0]
            if serial:  # the RouterBOOT setup key: boards with a serial console
                assert settings["enter-setup-on"] == "any-key"
                s.call("/system/routerboard/settings", "set", attributes={"enter-setup-on": "delete-key"})
                assert rows(s, "/system/routerboard/settings")[0]["enter-setup-on"] == "delete-key"
            else:
                assert "enter-setup-on" not in settings
                assert "unknown parameter" in trap(s, "/system/routerboard/settings", "set",
                                                   **{"enter-setup-on": "delete-key"})
        finally:
            s.close()


def test_chr_disks():
    # a real CHR 7.10.1 prints 28 disk slots (its export sets each: `set slot1 slot=slot1 type=hardware`)
    with Simulator(version="7.10.1", board="chr", identity="chr710") as sim:
        s = session(sim)
        try:
            disks = rows(s, "/disk")
            assert [(d["slot"], d["type"]) for d in disks][:2] == [("slot1", "hardware"), ("slot2", "hardware")]
            assert len(disks) == 28
            s.call("/disk", "set", attributes={"numbers": disks[0][".id"], "slot": "slot1", "type": "hardware"})
            assert rows(s, "/disk")[0]["slot"] == "slot1"
        finally:
            s.close()
    with Simulator(version="7.10.1", identity="hex710") as sim:  # a hEX has no such slots
        s = session(sim)
        try:
            assert rows(s, "/disk") == []
        finally:
            s.close()


def test_v7_a_vrf_is_a_routing_table():
    # "After the VRF config is created ... a dynamic table with the same name is created" (the manual's VRF page);
    # a 7.16 PE's export routes in it: `add gateway=10.0.0.1@CE1 routing-table=CE1`, `gateway=CE1@CE1`
    with Simulator(version="7.16") as sim:
        s = session(sim)
        try:
            assert "input does not match" in trap(s, "/ip/route", "add", gateway="10.0.0.1", **{"routing-table": "CE1"})
            s.call("/ip/vrf", "add", attributes={"name": "CE1", "interfaces": "ether2"})
            s.call("/ip/route", "add", attributes={"gateway": "10.0.0.1@CE1", "routing-table": "CE1"})
            s.call("/ip/route", "add", attributes={"dst-address": "10.0.0.0/30", "gateway": "CE1@CE1",
                                                   "routing-table": "main"})
            got = [(r["gateway"], r["routing-table"]) for r in rows(s, "/ip/route") if r.get("static") == "true"
                   and "@" in r.get("gateway", "")]
            assert got == [("10.0.0.1@CE1", "CE1"), ("CE1@CE1", "main")]
            assert "invalid value" in trap(s, "/ip/route", "add", gateway="nosuch@CE1", **{"dst-address": "10.9.0.0/16"})
        finally:
            s.close()


def test_v6_mpls_vpls_and_bgp_menus(v6hex):
    # the lines of the 6.x lab exports (tests/data/exports/v6-lab-*.rsc), each menu as the 6.x manual describes it
    s = v6hex
    s.call("/mpls/ldp/interface", "add", attributes={"interface": "ether2"})
    assert [r["interface"] for r in rows(s, "/mpls/ldp/interface")] == ["ether2"]
    s.call("/interface/vpls", "add", attributes={"cisco-style": "yes", "cisco-style-id": "222", "disabled": "no",
                                                 "l2mtu": "1500", "mac-address": "02:A1:62:B3:E8:B7", "name": "EoMPLS",
                                                 "remote-peer": "10.10.10.6"})
    vpls = rows(s, "/interface/vpls")[0]
    assert (vpls["name"], vpls["cisco-style"], vpls["cisco-style-id"], vpls["pw-type"]) == (
        "EoMPLS", "true", "222", "raw-ethernet")
    assert "EoMPLS" in [r["name"] for r in rows(s, "/interface")]  # an interface: a bridge port may name it
    s.call("/interface/bridge", "add", attributes={"name": "EoMPLS_bridge"})
    s.call("/interface/bridge/port", "add", attributes={"bridge": "EoMPLS_bridge", "interface": "EoMPLS"})
    s.call("/interface/vpls", "add", attributes={"name": "VPLS2", "remote-peer": "10.0.15.1", "vpls-id": "15:0"})
    assert [r["disabled"] for r in rows(s, "/interface/vpls") if r["name"] == "VPLS2"] == ["true"]  # the manual
    s.call("/routing/bgp/network", "add", attributes={"network": "172.40.0.0/16"})
    assert [(r["network"], r["synchronize"]) for r in rows(s, "/routing/bgp/network")] == [("172.40.0.0/16", "true")]
    s.call("/routing/bgp/peer", "add", attributes={"address-families": "ip,l2vpn,l2vpn-cisco,vpnv4", "name": "peer1",
                                                   "remote-address": "10.0.12.1", "remote-as": "65530",
                                                   "update-source": "ether2", "route-reflect": "yes"})
    peer = rows(s, "/routing/bgp/peer")[0]
    assert (peer["instance"], peer["route-reflect"], peer["default-originate"]) == ("default", "true", "never")
    assert "input does not match" in trap(s, "/routing/bgp/peer", "add", name="p2", **{
        "remote-address": "10.0.0.1", "remote-as": "1", "address-families": "evpn"})
    s.call("/ip/route/vrf", "add", attributes={"export-route-targets": "65530:111", "import-route-targets": "65530:111",
                                               "interfaces": "ether3", "route-distinguisher": "65530:111",
                                               "routing-mark": "VRF_DEVOPS"})
    s.call("/routing/bgp/instance/vrf", "add", attributes={"redistribute-connected": "yes", "routing-mark": "VRF_DEVOPS"})
    assert [r["routing-mark"] for r in rows(s, "/routing/bgp/instance/vrf")] == ["VRF_DEVOPS"]
    s.call("/queue/tree", "add", attributes={"name": "e1", "parent": "ether1", "queue": "default"})
    assert [r["name"] for r in rows(s, "/queue/tree")] == ["e1"]


@pytest.mark.parametrize("version", ["6.48", "7.16"])
def test_crs3xx_swos_and_boot_os(version):
    # a CRS3xx keeps SwOS settings and boots RouterOS or SwOS (a 6.48 CRS326's export: `/system swos set
    # allow-from-ports=p1,...,p26 identity=... static-ip-address=...`, `/system routerboard settings set boot-os=...`)
    with Simulator(version=version, board="crs328", identity="crs") as sim:
        s = session(sim)
        try:
            swos = rows(s, "/system/swos")[0]
            assert (swos["address-acquisition-mode"], swos["identity"], swos["static-ip-address"]) == (
                "dhcp-with-fallback", "Mikrotik", "192.168.88.1")
            assert swos["allow-from-ports"] == ",".join("p%d" % n for n in range(1, 29))  # one per port
            s.call("/system/swos", "set", attributes={"identity": "PaulmarkSW1", "static-ip-address": "192.168.8.2"})
            assert rows(s, "/system/swos")[0]["identity"] == "PaulmarkSW1"
            assert rows(s, "/system/routerboard/settings")[0]["boot-os"] == "router-os"
            assert "input does not match" in trap(s, "/system/routerboard/settings", "set", **{"boot-os": "linux"})
        finally:
            s.close()
    with Simulator(version=version, identity="hex") as sim:  # a hEX is no CRS3xx
        s = session(sim)
        try:
            assert "boot-os" not in rows(s, "/system/routerboard/settings")[0]
            assert "no such command" in trap(s, "/system/swos", "print")
        finally:
            s.close()


def test_v6_discovery_takes_a_negated_list(v6hex):
    v6hex.call("/ip/neighbor/discovery-settings", "set", attributes={"discover-interface-list": "!dynamic"})
    assert rows(v6hex, "/ip/neighbor/discovery-settings")[0]["discover-interface-list"] == "!dynamic"
    v6hex.call("/ip/neighbor/discovery-settings", "set", attributes={"discover-interface-list": "static"})


def test_v6_dude_package():
    # the dude is a package of its own on 6.x: its menu exists where it is installed (a 6.48 export with it sets
    # `/dude set data-directory=disk1/dude enabled=yes`)
    with Simulator(version="6.48.6", packages="dude", identity="dude") as sim:
        s = session(sim)
        try:
            assert "dude" in [p["name"] for p in rows(s, "/system/package")]
            assert rows(s, "/dude")[0]["enabled"] == "false"
            s.call("/dude", "set", attributes={"data-directory": "disk1/dude", "enabled": "yes"})
            got = rows(s, "/dude")[0]
            assert (got["data-directory"], got["enabled"]) == ("disk1/dude", "true")
        finally:
            s.close()
    with Simulator(version="6.48.6", identity="nodude") as sim:
        s = session(sim)
        try:
            assert "no such command" in trap(s, "/dude", "print")
            assert "dude" not in [p["name"] for p in rows(s, "/system/package")]
        finally:
            s.close()


@pytest.mark.parametrize("version", ["6.48.1", "7.16"])
def test_queue_interface(version):
    # every interface has a queue type; verbose exports print `/queue interface set bridge queue=no-queue`
    with Simulator(version=version, identity="q") as sim:
        s = session(sim)
        try:
            s.call("/interface/bridge", "add", attributes={"name": "downstream"})
            got = dict((r["name"], r["queue"]) for r in rows(s, "/queue/interface"))
            assert (got["ether1"], got["downstream"]) == ("only-hardware-queue", "no-queue")
            s.call("/queue/interface", "set", attributes={"numbers": "ether1", "queue": "ethernet-default"})
            ether1 = [r for r in rows(s, "/queue/interface") if r["name"] == "ether1"][0]
            assert (ether1["queue"], ether1["default-queue"]) == ("ethernet-default", "only-hardware-queue")
            assert "queue" not in rows(s, "/interface")[0]
            assert "no such command" in trap(s, "/queue/interface", "add", queue="default")
        finally:
            s.close()


def test_v6_wireless_per_radio_menus():
    # one entry per radio, as the 6.x verbose exports print them (`/interface wireless nstreme set wlan1 ...`)
    with Simulator(version="6.48.1", board="hap-ac2", identity="w") as sim:
        s = session(sim)
        try:
            nstreme = rows(s, "/interface/wireless/nstreme")
            assert [(r["name"], r["enable-polling"], r["framer-limit"]) for r in nstreme] == [
                ("wlan1", "true", "3200"), ("wlan2", "true", "3200")]
            s.call("/interface/wireless/nstreme", "set", attributes={"numbers": "wlan1", "enable-nstreme": "yes"})
            assert rows(s, "/interface/wireless/nstreme")[0]["enable-nstreme"] == "true"
            s.call("/interface/wireless/manual-tx-power-table", "set",
                   attributes={"numbers": "wlan2", "manual-tx-powers": "1Mbps:17,2Mbps:17"})
            assert rows(s, "/interface/wireless/manual-tx-power-table")[1]["manual-tx-powers"] == "1Mbps:17,2Mbps:17"
            assert "enable-nstreme" not in rows(s, "/interface/wireless")[0]
        finally:
            s.close()


def test_v6_bfd_interface_default(v6hex):
    # the built-in entry of the three 6.x verbose exports: `set [ find default=yes ] disabled=no interface=all
    # interval=0.2s min-rx=0.2s multiplier=5`
    entry = [r for r in rows(v6hex, "/routing/bfd/interface") if r.get("default") == "true"][0]
    assert (entry["interface"], entry["interval"], entry["min-rx"], entry["multiplier"]) == ("all", "0.2s", "0.2s", "5")
    v6hex.call("/routing/bfd/interface", "set", attributes={"numbers": entry[".id"], "multiplier": "3"})
    assert [r["multiplier"] for r in rows(v6hex, "/routing/bfd/interface") if r.get("default") == "true"] == ["3"]
