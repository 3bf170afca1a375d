# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""tikops.routeros.menu with an export as src (the action plugin hands the module its text), against the simulator
over real sockets: the idioms of real exports converge in one task and a second run changes nothing."""

import pytest

from support.client import CLIENT_PASSWORD, sim_params
from support.ctx import Ctx
from support.rosim import Simulator

from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError
from ansible_collections.tikops.routeros.plugins.module_utils.menu.export_in import ExportText
from ansible_collections.tikops.routeros.plugins.modules import menu

WRITES = ("add", "set", "remove", "unset", "move")


@pytest.fixture
def sim():
    with Simulator(version="7.16", password=CLIENT_PASSWORD) as s:  # a hEX: switch chip, routerboard settings
        yield s


def run(session, text, state="overridden", check_mode=False, **params):
    ctx = Ctx(session, check_mode=check_mode)
    ctx.params = dict(path=None, config=ExportText(text, "core1.rsc"), src="core1.rsc", state=state, keys=None,
                      where=None, menus=None, update_secrets="on_create", running_config=None)
    ctx.params.update(params)
    return menu.run(ctx)


def writes(sim, since=0):
    return [e["words"] for e in sim.events("command")[since:] if e["words"][0].rsplit("/", 1)[-1] in WRITES]


def rows(session, path):
    (res,) = session.pipeline([dict(path=path, command="print")])
    return res.rows


def twice(sim, session, text, state="overridden"):
    """Run the export, then again: the second run changes nothing and writes nothing."""
    first = run(session, text, state)
    assert first["changed"] is True and not first.get("failed"), first
    since = len(sim.events("command"))
    second = run(session, text, state)
    assert second["changed"] is False, [m["commands"] for m in second["menus"] if m.get("commands")]
    assert writes(sim, since) == []
    return first


def per_menu(result):
    return dict((m["path"], m) for m in result["menus"])


PORTS = """# by RouterOS 7.16
/interface bridge
add name=br-lan
/interface ethernet
set [ find default-name=ether1 ] comment=uplink name=wan
set [ find default-name=ether2 ] name=lan1
/interface list
add name=WAN
/interface bridge port
add bridge=br-lan interface=lan1
/interface list member
add interface=wan list=WAN
/ip address
add address=192.168.88.1/24 interface=br-lan
"""


def test_ports_renamed_by_default_name_and_named_after(sim, session):
    first = twice(sim, session, PORTS)
    eth = dict((r["default-name"], r) for r in rows(session, "/interface/ethernet"))
    assert eth["ether1"]["name"] == "wan" and eth["ether1"]["comment"] == "uplink" and eth["ether2"]["name"] == "lan1"
    assert eth["ether3"]["name"] == "ether3"  # a port the export leaves out is left alone
    # the rename is written before the lines that name the new names
    sent = [" ".join(w) for w in writes(sim)]
    rename = [i for i, w in enumerate(sent) if w.startswith("/interface/ethernet/set") and "=name=lan1" in w][0]
    port = [i for i, w in enumerate(sent) if w.startswith("/interface/bridge/port/add")][0]
    assert rename < port
    assert per_menu(first)["/interface/ethernet"]["commands"]


def test_built_in_entry_by_default_yes_is_set_and_never_removed(sim, session):
    text = "/snmp community\nset [ find default=yes ] addresses=10.0.0.0/8\nadd name=monitoring addresses=10.1.0.0/16\n"
    twice(sim, session, text)
    got = dict((r["name"], r) for r in rows(session, "/snmp/community"))
    assert got["public"]["addresses"] == "10.0.0.0/8" and got["public"]["default"] == "true"
    assert got["monitoring"]["addresses"] == "10.1.0.0/16"
    # overridden with an export that only adds: the built-in entry stays
    run(session, "/snmp community\nadd name=other\n")
    assert sorted(r["name"] for r in rows(session, "/snmp/community")) == ["other", "public"]


def test_positional_number_is_the_nth_entry(sim, session):
    text = "/system logging action\nadd name=keep target=memory\n/system logging\nset 0 action=disk\nadd action=keep topics=ospf\n"
    twice(sim, session, text)
    logging = rows(session, "/system/logging")
    assert logging[0]["topics"] == "info" and logging[0]["action"] == "disk"
    assert [r["action"] for r in logging[1:3]] == ["memory"] * 2
    assert any(r["topics"] == "ospf" and r["action"] == "keep" for r in logging)


def test_menus_the_data_lacks_are_sent_and_the_routers_answer_shown(sim, session):
    # hardware menus: not in the command trees (CHR); the hEX has them
    text = "/interface ethernet switch\nset 0 mirror-source=ether2\n/system routerboard settings\nset auto-upgrade=yes\n"
    twice(sim, session, text)
    assert rows(session, "/system/routerboard/settings")[0]["auto-upgrade"] == "true"
    assert rows(session, "/interface/ethernet/switch")[0]["mirror-source"] == "ether2"
    # a field the router refuses: its trap, verbatim
    since = len(sim.events("command"))
    got = run(session, "/system routerboard settings\nset no-such-setting=1\n", state="merged")
    assert got["failed"] is True
    (failed,) = got["failed_commands"]
    assert [w[:2] for w in writes(sim, since)] == [["/system/routerboard/settings/set", "=no-such-setting=1"]]
    assert failed == {"command": "/system/routerboard/settings/set no-such-setting=1",
                      "error": "unknown parameter no-such-setting"}  # the simulator's !trap message, as it sent it
    # a menu this router lacks: the router's answer and where the data has the menu
    with pytest.raises(UserInputError, match=r"/interface/wireless does not exist on this router \(RouterOS 7.16; it "
                                             r"answered: no such command.*\); RouterOS 7.9 to 7.12 have it; RouterOS "
                                             r"7.24 has it in an optional package"):
        run(session, "/interface wireless\nset [ find default-name=wlan1 ] ssid=x\n")


def test_leases_sharing_a_mac_dns_without_type_route_without_dst_address(sim, session):
    text = """/ip dhcp-server lease
add address=192.168.88.10 mac-address=AA:BB:CC:00:00:01
add address=192.168.88.11 client-id=1:aa:bb:cc:0:0:1 mac-address=AA:BB:CC:00:00:01
/ip dns static
add address=192.168.88.5 name=nas.lan
add cname=nas.lan name=files.lan type=CNAME
/ip route
add gateway=192.168.88.254
add blackhole dst-address=10.99.0.0/16
"""
    twice(sim, session, text)
    leases = rows(session, "/ip/dhcp-server/lease")
    assert sorted(r["address"] for r in leases if r.get("mac-address") == "AA:BB:CC:00:00:01") == [
        "192.168.88.10", "192.168.88.11"]
    routes = [r for r in rows(session, "/ip/route") if r.get("dynamic") != "true"]
    assert sorted(r["dst-address"] for r in routes) == ["0.0.0.0/0", "10.99.0.0/16"]


def test_check_mode_writes_nothing_and_reports_per_menu(sim, session):
    since = len(sim.events("command"))
    got = run(session, PORTS, check_mode=True)
    assert got["changed"] is True and writes(sim, since) == []
    menus = per_menu(got)
    assert menus["/interface/ethernet"]["commands"] and menus["/ip/address"]["commands"]
    assert [m["path"] for m in got["menus"]][:2] == ["/interface/bridge", "/interface/ethernet"]


def test_one_host_watched_twice_and_set_find_of_every_entry(sim, session):
    text = """/tool netwatch
add host=8.8.8.8 interval=1s timeout=250ms
add host=8.8.8.8 interval=1s timeout=500ms
/interface list
add name=LAN
add name=WAN
set [ find ] comment=managed
"""
    twice(sim, session, text, state="merged")
    watches = [r for r in rows(session, "/tool/netwatch") if r.get("host") == "8.8.8.8"]
    assert sorted(r["timeout"] for r in watches) == ["250ms", "500ms"]
    lists = [r for r in rows(session, "/interface/list") if r.get("builtin") != "true"]
    assert sorted((r["name"], r.get("comment")) for r in lists) == [("LAN", "managed"), ("WAN", "managed")]
    # a menu without entries: set [ find ] changes nothing, and is no error
    got = run(session, "/interface vxlan\nset [ find ] mtu=1400\n", state="merged")
    assert not got.get("failed") and got["changed"] is False


V6_EXPORT = """# by RouterOS 6.48.1
/ip firewall filter
add action=accept chain=forward !connection-bytes !connection-limit connection-state=established,related \\
    !dst-port log=no log-prefix="" src-address=192.168.1.0/24 !tls-host
/ip route
add distance=1 gateway=192.168.88.254 routing-mark=isp1
add distance=1 gateway=192.168.88.254 routing-mark=isp2
add distance=1 gateway=192.168.88.254
/mpls ldp
set enabled=yes transport-address=10.254.0.5
"""


def test_routeros_6_verbose_negations_routing_marks_and_ldp_settings():
    with Simulator(version="6.48.1", password=CLIENT_PASSWORD) as sim6:
        session6 = Session.connect(sim_params(sim6))
        try:
            first = twice(sim6, session6, V6_EXPORT, state="merged")
            sent = [" ".join(w) for w in writes(sim6)]
            assert not any("connection-bytes" in w or "tls-host" in w for w in sent), sent
            assert not any(w.startswith("/mpls/ldp/add") for w in sent), sent
            assert per_menu(first)["/mpls/ldp"]["commands"] == [
                "/mpls/ldp/set enabled=yes transport-address=10.254.0.5"]
            routes = [r for r in rows(session6, "/ip/route") if r.get("dynamic") != "true"
                      and r.get("gateway") == "192.168.88.254"]
            assert sorted(r.get("routing-mark", "") for r in routes) == ["", "isp1", "isp2"]
            assert rows(session6, "/mpls/ldp")[0]["transport-address"] == "10.254.0.5"
            # a !field where the entry has a value: unset
            run(session6, "/ip pool\nadd name=p2 ranges=10.9.0.10-10.9.0.20\nadd name=p1 next-pool=p2 "
                          "ranges=10.9.1.10-10.9.1.20\n", state="merged")
            assert [r.get("next-pool") for r in rows(session6, "/ip/pool") if r["name"] == "p1"] == ["p2"]
            since = len(sim6.events("command"))
            twice(sim6, session6, "/ip pool\nadd name=p1 !next-pool ranges=10.9.1.10-10.9.1.20\n", state="merged")
            assert [w[0] for w in writes(sim6, since)] == ["/ip/pool/unset"]
            assert [r.get("next-pool") for r in rows(session6, "/ip/pool") if r["name"] == "p1"] in ([None], ["none"])
        finally:
            session6.close()


def test_a_vrf_is_added_before_the_routes_into_its_table(sim, session):
    text = """/ip route
add gateway=10.0.0.1@CE1 routing-table=CE1
/ip vrf
add interfaces=ether2 name=CE1
"""
    first = twice(sim, session, text, state="merged")
    assert not first.get("failed_commands")
    assert [w[0] for w in writes(sim)][:2] == ["/ip/vrf/add", "/ip/route/add"]
    assert any(r.get("routing-table") == "CE1" and r.get("gateway") == "10.0.0.1@CE1" for r in rows(session, "/ip/route"))
