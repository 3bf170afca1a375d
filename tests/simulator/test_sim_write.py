# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""add/set/remove/enable/disable/unset/move and the router's errors (texts and categories)."""

import librouteros
import pytest
import routeros_api
from librouteros.exceptions import TrapError
from routeros_api.exceptions import RouterOsApiCommunicationError
from simraw import kinds, rows, traps

from support.rosim import Simulator


@pytest.fixture(scope="module")
def sim():
    with Simulator(version="7.16", identity="w1") as s:
        yield s


@pytest.fixture(scope="module")
def api(sim):
    a = librouteros.connect(host=sim.host, port=sim.port, username="admin", password="")
    yield a
    a.close()


@pytest.fixture
def raw(sim):
    from simraw import Raw
    r = Raw(sim.host, sim.port)
    r.login()
    yield r
    r.close()


def test_add_returns_ret_and_derives_network(raw):
    replies = raw.call("/ip/address/add", "=address=192.0.2.77/26", "=interface=ether4", "=comment=t1")
    assert kinds(replies) == ["!done"]
    new_id = replies[0].attrs["ret"]
    assert new_id.startswith("*")
    row = rows(raw.call("/ip/address/print", "?.id=%s" % new_id))[0]
    assert row == {".id": new_id, "address": "192.0.2.77/26", "network": "192.0.2.64", "interface": "ether4",
                   "actual-interface": "ether4", "invalid": "false", "dynamic": "false", "disabled": "false",
                   "comment": "t1"}
    # the router adds a connected route for it
    route = rows(raw.call("/ip/route/print", "?dst-address=192.0.2.64/26"))
    assert route and route[0]["gateway"] == "ether4" and route[0]["dynamic"] == "true"
    assert kinds(raw.call("/ip/address/remove", "=.id=%s" % new_id)) == ["!done"]
    assert rows(raw.call("/ip/route/print", "?dst-address=192.0.2.64/26")) == []


def test_duplicate_address(raw):
    raw.call("/ip/address/add", "=address=198.51.100.1/24", "=interface=ether5")
    replies = raw.call("/ip/address/add", "=address=198.51.100.1/24", "=interface=ether5", tag="d")
    assert kinds(replies) == ["!trap", "!done"]
    assert traps(replies) == [("failure: already have such address", None)]
    assert all(r.tag == "d" for r in replies)


def test_unknown_interface(raw):
    replies = raw.call("/ip/address/add", "=address=203.0.113.1/24", "=interface=ether99")
    assert traps(replies) == [("input does not match any value of interface", "1")]


def test_invalid_values(raw):
    assert traps(raw.call("/ip/address/add", "=address=300.1.1.1/24", "=interface=ether1")) == [
        ("invalid value for argument address", "1")]
    assert traps(raw.call("/interface/vlan/add", "=name=v", "=vlan-id=5000", "=interface=ether1")) == [
        ("value of vlan-id out of range (1..4094)", "1")]
    assert traps(raw.call("/interface/vlan/add", "=name=v", "=vlan-id=abc", "=interface=ether1")) == [
        ("value of vlan-id must be a number", "1")]
    assert traps(raw.call("/interface/ethernet/set", "=.id=ether1", "=arp=sometimes")) == [
        ("input does not match any value of arp", "1")]
    assert traps(raw.call("/interface/vlan/add", "=name=v", "=vlan-id=5")) == [
        ("value of interface must be specified", "1")]


def test_unknown_parameter(raw):
    assert traps(raw.call("/ip/address/add", "=address=10.9.9.9/24", "=interface=ether1", "=colour=red")) == [
        ("unknown parameter colour", None)]
    # read-only fields are not parameters either
    assert traps(raw.call("/interface/set", "=.id=ether1", "=running=no")) == [("unknown parameter running", None)]


def test_unknown_parameter_has_no_name_on_v6(sim6):
    from simraw import Raw
    with Raw(sim6.host, sim6.port) as r:
        r.login()
        assert traps(r.call("/ip/address/add", "=address=10.9.9.9/24", "=interface=ether1", "=colour=red")) == [
            ("unknown parameter", None)]


def test_no_such_command(raw):
    replies = raw.call("/ip/adress/print")
    assert kinds(replies) == ["!trap", "!trap", "!done"]
    assert traps(replies) == [("no such command or directory (adress)", "0"), ("no such command prefix", None)]
    assert traps(raw.call("/ip/address/frobnicate")) == [
        ("no such command or directory (frobnicate)", "0"), ("no such command prefix", None)]
    assert traps(raw.call("/interface/ethernet/add", "=name=ether9"))[0] == ("no such command or directory (add)", "0")


def test_no_such_item(raw):
    assert traps(raw.call("/ip/address/set", "=.id=*FFFF", "=comment=x")) == [("no such item (4)", None)]
    assert traps(raw.call("/ip/address/remove", "=numbers=*FFFF")) == [("no such item (4)", None)]


def test_builtin_and_dynamic_cannot_be_removed(raw):
    # RouterOS 7 /interface has no remove at all (the command tree); a built-in interface list cannot be removed
    assert traps(raw.call("/interface/remove", "=.id=ether1")) == [
        ("no such command or directory (remove)", "0"), ("no such command prefix", None)]
    assert traps(raw.call("/interface/list/remove", "=.id=all")) == [("failure: can not remove builtin list", None)]
    dyn = rows(raw.call("/ip/address/print", "?dynamic=true", "=.proplist=.id"))[0][".id"]
    assert traps(raw.call("/ip/address/remove", "=.id=%s" % dyn)) == [("failure: can not remove dynamic address", None)]
    assert traps(raw.call("/ip/address/set", "=.id=%s" % dyn, "=address=10.0.2.16/24")) == [
        ("failure: can not change dynamic address", None)]


def test_set_by_name_and_numbers_list(raw):
    raw.call("/interface/set", "=.id=ether2", "=comment=uplink")
    raw.call("/interface/set", "=numbers=*3,*4", "=comment=pair")
    got = {r["name"]: r.get("comment") for r in rows(raw.call("/interface/print", "=.proplist=name,comment"))}
    assert got["ether2"] == "uplink" and got["ether3"] == got["ether4"] == "pair"
    # 7.16 /interface has no unset (the command tree): =!comment= in set, or reset
    raw.call("/interface/set", "=numbers=*2,*3", "=!comment=")
    raw.call("/interface/reset", "=numbers=*4", "=comment=")
    got = {r["name"]: r.get("comment") for r in rows(raw.call("/interface/print", "=.proplist=name,comment"))}
    assert got["ether2"] is None and got["ether3"] is None and got["ether4"] is None


def test_booleans_in_as_yes_no(raw):
    for value, expected in (("yes", "true"), ("no", "false"), ("true", "true"), ("false", "false")):
        raw.call("/ip/dns/set", "=allow-remote-requests=%s" % value)
        assert rows(raw.call("/ip/dns/print"))[0]["allow-remote-requests"] == expected
    assert traps(raw.call("/ip/dns/set", "=allow-remote-requests=maybe")) == [
        ("value of allow-remote-requests must be yes or no", "1")]


def test_durations_are_normalised(raw):
    raw.call("/ip/dns/set", "=cache-max-ttl=86400")
    assert rows(raw.call("/ip/dns/print"))[0]["cache-max-ttl"] == "1d"
    raw.call("/ip/dns/set", "=cache-max-ttl=1w")
    raw.call("/ip/dns/set", "=query-server-timeout=2500ms")
    assert rows(raw.call("/ip/dns/print"))[0]["query-server-timeout"] == "2s500ms"
    raw.call("/ip/dns/set", "=!query-server-timeout=")  # 7.16 /ip/dns has no unset
    assert rows(raw.call("/ip/dns/print"))[0]["query-server-timeout"] == "2s"


def test_enable_disable(raw):
    ret = raw.call("/ip/firewall/address-list/add", "=list=l1", "=address=192.0.2.0/24")[0].attrs["ret"]
    raw.call("/ip/firewall/address-list/disable", "=.id=%s" % ret)
    assert rows(raw.call("/ip/firewall/address-list/print", "?.id=%s" % ret))[0]["disabled"] == "true"
    raw.call("/ip/firewall/address-list/enable", "=numbers=%s" % ret)
    assert rows(raw.call("/ip/firewall/address-list/print", "?.id=%s" % ret))[0]["disabled"] == "false"
    assert traps(raw.call("/ip/firewall/address-list/add", "=list=l1", "=address=192.0.2.0/24")) == [
        ("failure: already have such entry", None)]


def test_firewall_filter_order_and_move(raw):
    ids = []
    for chain, action in (("input", "accept"), ("input", "drop"), ("forward", "accept")):
        ids.append(raw.call("/ip/firewall/filter/add", "=chain=%s" % chain, "=action=%s" % action)[0].attrs["ret"])
    order = [r[".id"] for r in rows(raw.call("/ip/firewall/filter/print", "=.proplist=.id"))]
    assert order[-3:] == ids
    raw.call("/ip/firewall/filter/move", "=numbers=%s" % ids[2], "=destination=%s" % ids[0])
    order = [r[".id"] for r in rows(raw.call("/ip/firewall/filter/print", "=.proplist=.id"))]
    assert order[-3:] == [ids[2], ids[0], ids[1]]
    raw.call("/ip/firewall/filter/move", "=numbers=%s" % ids[2])
    order = [r[".id"] for r in rows(raw.call("/ip/firewall/filter/print", "=.proplist=.id"))]
    assert order[-3:] == [ids[0], ids[1], ids[2]]
    assert traps(raw.call("/ip/firewall/filter/move", "=numbers=%s" % ids[0], "=destination=%s" % ids[0])) == [
        ("failure: can not move object before itself", None)]
    new = raw.call("/ip/firewall/filter/add", "=chain=input", "=action=drop", "=place-before=%s" % ids[1])[0]
    order = [r[".id"] for r in rows(raw.call("/ip/firewall/filter/print", "=.proplist=.id"))]
    assert order.index(new.attrs["ret"]) == order.index(ids[1]) - 1
    row = rows(raw.call("/ip/firewall/filter/print", "?.id=%s" % ids[0]))[0]
    assert row["bytes"] == "0" and row["log"] == "false" and row["log-prefix"] == ""


def test_vlan_bridge_bonding(api):
    vlans = api.path("interface", "vlan")
    vid = vlans.add(name="vlan42", **{"vlan-id": 42, "interface": "ether3"})
    row = [r for r in vlans if r[".id"] == vid][0]
    assert row["vlan-id"] == 42 and row["mtu"] == 1500 and row["interface"] == "ether3"
    assert row["mac-address"] == [r for r in api.path("interface") if r["name"] == "ether3"][0]["mac-address"]
    bridges = api.path("interface", "bridge")
    bid = bridges.add(name="br0")
    br = [r for r in bridges if r[".id"] == bid][0]
    assert br["protocol-mode"] == "rstp" and br["vlan-filtering"] is False and br["mtu"] == "auto"
    ports = api.path("interface", "bridge", "port")
    ports.add(bridge="br0", interface="ether4")
    with pytest.raises(TrapError) as exc:
        ports.add(bridge="br0", interface="ether4")
    assert str(exc.value) == "failure: device already added as bridge port"
    with pytest.raises(TrapError) as exc:
        ports.add(bridge="nobridge", interface="ether5")
    assert str(exc.value) == "input does not match any value of bridge"
    assert [r for r in api.path("interface") if r["name"] == "ether4"][0]["slave"] is True
    bonds = api.path("interface", "bonding")
    bonds.add(name="bond1", slaves="ether5", mode="802.3ad")
    row = [r for r in api.path("interface") if r["name"] == "bond1"][0]
    assert row["type"] == "bond"
    with pytest.raises(TrapError) as exc:
        vlans.add(name="bond1", **{"vlan-id": 43, "interface": "ether3"})
    assert str(exc.value) == "failure: already have interface with such name"
    # /interface shows every kind, with ids shared with the kind menus
    everything = {r["name"]: r for r in api.path("interface")}
    assert everything["vlan42"][".id"] == vid and everything["br0"]["type"] == "bridge"


def test_rename_follows_references(api):
    vlans = api.path("interface", "vlan")
    vid = vlans.add(name="vlan77", **{"vlan-id": 77, "interface": "ether2"})
    addrs = api.path("ip", "address")
    aid = addrs.add(address="192.0.2.200/30", interface="vlan77")
    vlans.update(**{".id": vid, "name": "mgmt"})
    row = [r for r in addrs if r[".id"] == aid][0]
    assert row["interface"] == "mgmt" and row["actual-interface"] == "mgmt"
    vlans.remove(vid)
    row = [r for r in addrs if r[".id"] == aid][0]
    assert row["interface"] == vid and row["invalid"] is True


def test_routeros_api_add_set_remove(sim):
    pool = routeros_api.RouterOsApiPool(sim.host, username="admin", password="", port=sim.port, plaintext_login=True)
    try:
        res = pool.get_api().get_resource("/ip/firewall/address-list")
        res.add(list="ra", address="203.0.113.7", comment="x")
        item = res.get(list="ra")[0]
        res.set(id=item["id"], comment="y")
        assert res.get(list="ra")[0]["comment"] == "y"
        with pytest.raises(RouterOsApiCommunicationError) as exc:
            res.add(list="ra", address="203.0.113.7")
        assert b"already have such entry" in exc.value.original_message
        res.remove(id=item["id"])
        assert res.get(list="ra") == []
    finally:
        pool.disconnect()


def test_ipv6_and_routes(raw):
    ll = rows(raw.call("/ipv6/address/print", "?interface=ether1"))[0]
    assert ll["address"].startswith("fe80::") and ll["link-local"] == "true" and ll["dynamic"] == "true"
    ret = raw.call("/ipv6/address/add", "=address=2001:db8::1/64", "=interface=ether2")[0].attrs["ret"]
    row = rows(raw.call("/ipv6/address/print", "?.id=%s" % ret))[0]
    assert row["advertise"] == "true" and row["eui-64"] == "false" and row["link-local"] == "false"
    assert traps(raw.call("/ipv6/address/add", "=address=2001:db8::1/64", "=interface=ether2")) == [
        ("failure: already have such address", None)]
    rid = raw.call("/ip/route/add", "=dst-address=172.16.5.9/16", "=gateway=10.0.2.1")[0].attrs["ret"]
    row = rows(raw.call("/ip/route/print", "?.id=%s" % rid))[0]
    assert row["dst-address"] == "172.16.0.0/16" and row["static"] == "true" and row["distance"] == "1"
    assert row["immediate-gw"] == "10.0.2.1%ether1"


def test_user_management(raw):
    raw.call("/user/add", "=name=ops", "=group=read", "=password=opspw")
    row = rows(raw.call("/user/print", "?name=ops"))[0]
    assert "password" not in row and row["group"] == "read"
    assert traps(raw.call("/user/add", "=name=x", "=group=nogroup", "=password=p")) == [
        ("input does not match any value of group", "1")]
    from simraw import Raw
    r2 = Raw(raw.sock.getpeername()[0], raw.sock.getpeername()[1])
    try:
        r2.login("ops", "opspw")
        assert rows(r2.call("/system/identity/print")) == [{"name": "w1"}]
        assert traps(r2.call("/system/identity/set", "=name=nope")) == [("not enough permissions (9)", None)]
        active = rows(raw.call("/user/active/print", "?name=ops"))
        assert active and active[0]["via"] == "api"
    finally:
        r2.close()


def test_unset_of_a_required_field_is_refused_and_changes_nothing(sim, raw):
    ret = raw.call("/ip/address/add", "=address=192.0.2.1/24", "=interface=ether2")[0].attrs["ret"]
    before = rows(raw.call("/ip/address/print", "?.id=%s" % ret))
    # 7.16 /ip/address has reset (each named property back to its default), no unset (the command tree)
    replies = raw.call("/ip/address/reset", "=numbers=%s" % ret, "=address=", tag="u")
    assert [(r.kind, r.tag) for r in replies] == [("!trap", "u"), ("!done", "u")]
    assert traps(replies) == [("input does not match any value of address", "1")]
    assert traps(raw.call("/ip/address/set", "=.id=%s" % ret, "=!interface=")) == [
        ("value of interface must be specified", "1")]
    assert rows(raw.call("/ip/address/print", "?.id=%s" % ret)) == before
    # the table is intact: later writes work
    other = raw.call("/ip/address/add", "=address=192.0.2.129/25", "=interface=ether3")
    assert kinds(other) == ["!done"]
    raw.call("/ip/address/remove", "=.id=%s,%s" % (ret, other[0].attrs["ret"]))
    assert sim.events("error") == []


def test_unset_vlan_id_is_refused(raw):
    vid = raw.call("/interface/vlan/add", "=name=vlan-unset", "=vlan-id=55", "=interface=ether5")[0].attrs["ret"]
    assert traps(raw.call("/interface/vlan/reset", "=numbers=vlan-unset", "=vlan-id=")) == [
        ("input does not match any value of vlan-id", "1")]
    assert traps(raw.call("/interface/vlan/reset", "=numbers=vlan-unset", "=comment=", "=interface=")) == [
        ("input does not match any value of interface", "1")]
    assert traps(raw.call("/interface/vlan/unset", "=numbers=vlan-unset", "=value-name=vlan-id")) == [
        ("no such command or directory (unset)", "0"), ("no such command prefix", None)]
    row = rows(raw.call("/interface/vlan/print", "?.id=%s" % vid, "=.proplist=vlan-id,interface"))
    assert row == [{"vlan-id": "55", "interface": "ether5"}]
    raw.call("/interface/vlan/remove", "=.id=%s" % vid)


def test_firewall_filter_matchers(raw):
    ret = raw.call("/ip/firewall/filter/add", "=chain=forward", "=action=drop", "=src-address-type=!local",
                   "=dst-address-type=broadcast,multicast", "=connection-type=ftp", "=packet-mark=pm",
                   "=connection-mark=cm", "=routing-mark=rm", "=src-mac-address=4c-5e-0c-00-00-01",
                   "=in-bridge-port=ether2", "=out-bridge-port=ether3", "=in-interface-list=all",
                   "=out-interface-list=none", "=limit=10,5:packet", "=dst-limit=10,5,dst-address/1m",
                   "=protocol=tcp", "=tcp-flags=syn,!ack", "=log=yes", "=log-prefix=DROP")[0].attrs["ret"]
    row = rows(raw.call("/ip/firewall/filter/print", "?.id=%s" % ret))[0]
    assert row["src-address-type"] == "!local" and row["dst-address-type"] == "broadcast,multicast"
    assert row["connection-type"] == "ftp" and row["packet-mark"] == "pm" and row["routing-mark"] == "rm"
    assert row["src-mac-address"] == "4C:5E:0C:00:00:01" and row["in-bridge-port"] == "ether2"
    assert row["out-bridge-port"] == "ether3" and row["tcp-flags"] == "syn,!ack" and row["log"] == "true"
    assert row["limit"] == "10,5:packet" and row["dst-limit"] == "10,5,dst-address/1m" and row["log-prefix"] == "DROP"
    for arg, message in (("=src-address-type=nowhere", "input does not match any value of src-address-type"),
                         ("=connection-type=http", "input does not match any value of connection-type"),
                         ("=tcp-flags=syn,!nope", "input does not match any value of tcp-flags"),
                         ("=src-mac-address=not-a-mac", "invalid value for argument src-mac-address"),
                         ("=in-bridge-port=ether99", "input does not match any value of in-bridge-port")):
        assert traps(raw.call("/ip/firewall/filter/set", "=.id=%s" % ret, arg)) == [(message, "1")], arg
    raw.call("/ip/firewall/filter/remove", "=.id=%s" % ret)


def test_user_inactivity_fields_on_716(raw):
    raw.call("/user/add", "=name=idle", "=group=read", "=password=x")
    row = rows(raw.call("/user/print", "?name=idle"))[0]
    assert row["inactivity-timeout"] == "10m" and row["inactivity-policy"] == "none"
    raw.call("/user/set", "=numbers=idle", "=inactivity-policy=logout", "=inactivity-timeout=1h")
    row = rows(raw.call("/user/print", "?name=idle", "=.proplist=inactivity-policy,inactivity-timeout"))[0]
    assert row == {"inactivity-policy": "logout", "inactivity-timeout": "1h"}
    assert traps(raw.call("/user/set", "=numbers=idle", "=inactivity-policy=sleep")) == [
        ("input does not match any value of inactivity-policy", "1")]
    raw.call("/user/remove", "=numbers=idle")


def test_user_has_no_inactivity_fields_before_716(raw6):
    row = rows(raw6.call("/user/print"))[0]
    assert "inactivity-policy" not in row and "inactivity-timeout" not in row
    assert traps(raw6.call("/user/set", "=numbers=admin", "=inactivity-policy=none")) == [("unknown parameter", None)]


def test_ethernet_speed_flow_control_and_loop_protect(raw, raw6):
    row = rows(raw.call("/interface/ethernet/print", "?name=ether1"))[0]
    # RouterOS 7 prints no speed while auto-negotiation is on (homeassistant-mikrotik_router issue 386)
    assert "speed" not in row and "full-duplex" not in row and row["auto-negotiation"] == "true"
    assert (row["tx-flow-control"], row["rx-flow-control"], row["loop-protect"]) == ("off", "off", "default")
    raw.call("/interface/ethernet/set", "=numbers=ether1", "=speed=100M-baseT-full", "=tx-flow-control=auto",
             "=rx-flow-control=on", "=loop-protect=off", "=auto-negotiation=no")
    row = rows(raw.call("/interface/ethernet/print", "?name=ether1",
                        "=.proplist=speed,tx-flow-control,rx-flow-control,loop-protect"))[0]
    assert row == {"speed": "100M-baseT-full", "tx-flow-control": "auto", "rx-flow-control": "on",
                   "loop-protect": "off"}
    for field, value in (("speed", "1Gbps"), ("tx-flow-control", "yes"), ("rx-flow-control", "true"),
                         ("loop-protect", "auto")):
        assert traps(raw.call("/interface/ethernet/set", "=numbers=ether1", "=%s=%s" % (field, value))) == [
            ("input does not match any value of %s" % field, "1")], field
    raw.call("/interface/ethernet/unset", "=numbers=ether1", "=value-name=speed,tx-flow-control,rx-flow-control")
    raw.call("/interface/ethernet/set", "=numbers=ether1", "=loop-protect=default", "=auto-negotiation=yes")
    row6 = rows(raw6.call("/interface/ethernet/print", "?name=ether1", "=.proplist=speed,full-duplex"))[0]
    assert row6 == {"speed": "1Gbps", "full-duplex": "true"}


def test_words_beside_a_kind_of_value(raw):
    """An argument described as ``none | A.B.C.D (IP address)`` takes the word as well as an address; anything
    else is still refused."""
    assert traps(raw.call("/system/watchdog/set", "=watch-address=none")) == []
    assert rows(raw.call("/system/watchdog/print"))[0]["watch-address"] == "none"
    assert traps(raw.call("/system/watchdog/set", "=watch-address=192.0.2.1")) == []
    assert traps(raw.call("/system/watchdog/set", "=watch-address=nowhere")) == [
        ("invalid value for argument watch-address", "1")]
