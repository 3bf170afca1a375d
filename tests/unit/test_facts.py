# -*- coding: utf-8 -*-
"""Facts assembly from canned rows (RouterOS 6 and 7), subset selection, and the one-round-trip plan."""

import pytest

from support.ctx import Ctx

from ansible_collections.tikops.routeros.plugins.module_utils.tasks import facts as F
from ansible_collections.tikops.routeros.plugins.module_utils.converge import resource_interfaces, resource_ip_addresses
from ansible_collections.tikops.routeros.plugins.module_utils.converge import resources
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import TrapError, UserInputError


class FakeResult:
    def __init__(self, rows):
        self.rows = rows
        self.done = {}
        self.empty = not rows


class FakeSession:
    """Answers prints from a dict menu -> rows, honouring .proplist; a menu not in the dict traps as a router does."""

    def __init__(self, menus, denied=()):
        self.menus = menus
        self.denied = set(denied)
        self.calls = []

    def pipeline(self, specs, raise_on_trap=True):
        self.calls.append(("pipeline", [dict(s) for s in specs]))
        out = []
        for spec in specs:
            assert spec["command"] == "print"
            assert spec["proplist"], "every facts read names its fields"
            path = spec["path"]
            words = ["%s/print" % path, "=.proplist=" + ",".join(spec["proplist"])] + (spec.get("queries") or [])
            if path in self.denied:
                out.append(TrapError([{"message": "not enough permissions (9)"}], words))
            elif path not in self.menus:
                last = path.rsplit("/", 1)[-1]
                out.append(TrapError([{"message": "no such command or directory (%s)" % last, "category": "0"},
                                      {"message": "no such command prefix"}], words))
            else:
                wanted = spec["proplist"]
                out.append(FakeResult([dict((k, v) for k, v in row.items() if k in wanted)
                                       for row in self.menus[path]]))
        return out

    def send(self, *args, **kwargs):  # facts must not fall back to one command per round trip
        raise AssertionError("facts sent a command outside the pipeline")


V6 = {
    "/system/identity": [{"name": "MikroTik"}],
    "/system/resource": [{"uptime": "3h28m52s", "version": "6.42.5 (stable)", "free-memory": "1036304384",
                          "total-memory": "1059905536", "cpu": "Intel(R)", "cpu-count": "2", "cpu-load": "0",
                          "free-hdd-space": "68074430464", "total-hdd-space": "68182032384",
                          "architecture-name": "x86", "board-name": "x86", "platform": "MikroTik"}],
    "/system/routerboard": [{"routerboard": "true", "model": "RouterBOARD 3011UiAS", "serial-number": "1234567890"}],
    "/interface": [
        {".id": "*1", "name": "ether1", "type": "ether", "mtu": "1500", "actual-mtu": "1500", "l2mtu": "1598",
         "mac-address": "4C:5E:0C:00:00:01", "running": "true", "disabled": "false"},
        {".id": "*2", "name": "bridge1", "type": "bridge", "mtu": "auto", "actual-mtu": "1500",
         "mac-address": "4C:5E:0C:00:00:02", "running": "true", "disabled": "false", "comment": "lan"},
    ],
    "/ip/address": [
        {"address": "10.37.129.3/24", "network": "10.37.129.0", "interface": "ether1", "disabled": "false",
         "dynamic": "false"},
        {"address": "192.168.88.1/24", "network": "192.168.88.0", "interface": "bridge1", "disabled": "false",
         "dynamic": "false"},
        {"address": "172.16.0.1/30", "network": "172.16.0.0", "interface": "bridge1", "disabled": "true",
         "dynamic": "false"},
    ],
    # /ipv6/address absent: the ipv6 package is disabled on this router
    "/ip/neighbor": [{"interface": "ether1", "address": "10.37.129.4", "mac-address": "D4:CA:6D:C6:18:2F",
                      "identity": "router2", "platform": "MikroTik", "version": "6.42.2 (stable)",
                      "board": "RBwAPG-5HacT2HnD"}],
    "/ip/route": [
        {"dst-address": "0.0.0.0/0", "gateway": "85.15.75.109", "distance": "1", "scope": "30",
         "target-scope": "10", "active": "true", "static": "true"},
        {"dst-address": "10.10.66.0/30", "gateway": "bridge1", "distance": "0", "routing-mark": "altegro",
         "active": "true", "dynamic": "true"},
        {"dst-address": "10.10.1.0/30", "gateway": "bridge1", "distance": "0", "active": "true"},
    ],
    "/routing/ospf/instance": [{"name": "default", "router-id": "10.10.50.1", "distribute-default": "never"}],
    "/routing/ospf/neighbor": [{"instance": "default", "router-id": "10.10.100.1", "address": "10.10.1.2",
                                "state": "Full", "state-changes": "15"}],
    "/routing/bgp/instance": [{"name": "default", "as": "65530", "router-id": "0.0.0.0", "disabled": "true"}],
    "/routing/bgp/peer": [{"name": "iBGP_BRAS", "instance": "default", "remote-address": "10.10.100.1",
                           "remote-as": "64520", "established": "true"}],
    "/routing/bgp/vpnv4-route": [],
}

V7 = {
    "/system/identity": [{"name": "core7"}],
    "/system/resource": [{"uptime": "1w2d3h4m5s", "version": "7.16 (stable)", "free-memory": "805306368",
                          "total-memory": "1073741824", "cpu-load": "3", "free-hdd-space": "90000000",
                          "total-hdd-space": "134217728", "architecture-name": "x86_64", "board-name": "CHR"}],
    "/system/routerboard": [{"routerboard": "false"}],
    "/interface": [{"name": "ether1", "type": "ether", "mtu": "1500", "running": "true", "disabled": "false"},
                   {"name": "vlan10", "type": "vlan", "mtu": "1500", "running": "true", "disabled": "false"}],
    "/ip/address": [{"address": "192.0.2.1/24", "network": "192.0.2.0", "interface": "ether1",
                     "disabled": "false", "dynamic": "false"}],
    "/ipv6/address": [{"address": "2001:db8::1/64", "interface": "vlan10", "disabled": "false", "dynamic": "false"},
                      {"address": "fe80::1/64", "interface": "ether1", "disabled": "false", "dynamic": "true"}],
    "/ip/neighbor": [],
    "/ip/route": [{"dst-address": "0.0.0.0/0", "gateway": "192.0.2.254", "distance": "1", "routing-table": "main",
                   "active": "true", "static": "true"},
                  {"dst-address": "10.0.0.0/8", "gateway": "192.0.2.253", "distance": "1",
                   "routing-table": "vrf-a", "active": "true"}],
    "/routing/ospf/instance": [{"name": "default-v2", "version": "2", "vrf": "main", "router-id": "main"}],
    "/routing/ospf/neighbor": [],
    "/routing/bgp/connection": [{"name": "peer1", "remote.address": "192.0.2.9", "remote.as": "65001",
                                 "as": "65000", "local.role": "ebgp"}],
    "/routing/bgp/session": [{"name": "peer1-1", "remote.address": "192.0.2.9", "remote.as": "65001",
                              "established": "true", "uptime": "1h"}],
}


def gather(menus, **kwargs):
    session = FakeSession(menus, kwargs.pop("denied", ()))
    result = F.gather(session, **kwargs)
    return result, session


def test_min_subset_v6():
    (facts, warnings), session = gather(V6, gather_subset=["min"])
    assert warnings == []
    assert facts["ansible_net_hostname"] == "MikroTik"
    assert facts["ansible_net_version"] == "6.42.5 (stable)"
    assert facts["ansible_net_arch"] == "x86"
    assert facts["ansible_net_model"] == "RouterBOARD 3011UiAS"
    assert facts["ansible_net_serialnum"] == "1234567890"
    assert facts["ansible_net_uptime"] == "3h28m52s"
    assert facts["ansible_net_cpu_load"] == 0
    assert facts["ansible_net_gather_subset"] == ["default"]
    assert facts["ansible_net_gather_network_resources"] == []
    assert facts["ansible_network_resources"] == {}
    assert "ansible_net_interfaces" not in facts and "ansible_net_memfree_mb" not in facts
    # the min subset reads three menus, in one pipeline
    assert [c[0] for c in session.calls] == ["pipeline"]
    assert sorted(s["path"] for s in session.calls[0][1]) == ["/system/identity", "/system/resource",
                                                              "/system/routerboard"]


def test_default_is_everything_but_routing_in_one_pipeline():
    (facts, warnings), session = gather(V6)
    assert warnings == []
    assert facts["ansible_net_gather_subset"] == ["default", "hardware", "interfaces"]
    assert facts["ansible_net_hostname"] == "MikroTik" and facts["ansible_net_model"] == "RouterBOARD 3011UiAS"
    assert facts["ansible_net_interfaces"] and facts["ansible_net_all_ipv4_addresses"]
    assert "ansible_net_neighbors" in facts and facts["ansible_net_memtotal_mb"] > 0
    assert "ansible_net_route" not in facts and "ansible_net_ospf_instance" not in facts
    # still one round trip; /system/resource is printed once for default and hardware
    assert [c[0] for c in session.calls] == ["pipeline"]
    paths = [s["path"] for s in session.calls[0][1]]
    assert sorted(paths) == ["/interface", "/ip/address", "/ip/neighbor", "/ipv6/address", "/system/identity",
                             "/system/resource", "/system/routerboard"]
    assert F.DEFAULT_GATHER_SUBSET == F.resolve_subsets(["!routing"])


def test_all_v6():
    (facts, warnings), session = gather(V6, gather_subset=["all"])
    assert warnings == []
    assert len(session.calls) == 1
    assert facts["ansible_net_gather_subset"] == ["default", "hardware", "interfaces", "routing"]
    assert facts["ansible_net_memfree_mb"] == 988.3
    assert facts["ansible_net_memtotal_mb"] == 1010.8
    assert facts["ansible_net_spacefree_mb"] == 64920.84
    assert facts["ansible_net_spacetotal_mb"] == 65023.45
    ifaces = facts["ansible_net_interfaces"]
    assert ifaces["ether1"]["mtu"] == 1500 and ifaces["ether1"]["running"] is True
    assert ifaces["ether1"]["ipv4"] == [{"address": "10.37.129.3", "subnet": 24}]
    assert ifaces["bridge1"]["mtu"] == "auto" and ifaces["bridge1"]["comment"] == "lan"
    # the disabled address is not an address the router uses
    assert ifaces["bridge1"]["ipv4"] == [{"address": "192.168.88.1", "subnet": 24}]
    assert ".id" not in ifaces["ether1"] and "name" not in ifaces["ether1"]
    assert facts["ansible_net_all_ipv4_addresses"] == ["10.37.129.3", "192.168.88.1"]
    assert facts["ansible_net_all_ipv6_addresses"] == []
    assert facts["ansible_net_neighbors"][0]["identity"] == "router2"
    routes = facts["ansible_net_route"]
    assert sorted(routes) == ["altegro", "main"]
    assert [r["dst-address"] for r in routes["main"]] == ["0.0.0.0/0", "10.10.1.0/30"]
    assert routes["main"][0]["distance"] == 1 and routes["main"][0]["static"] is True
    assert facts["ansible_net_ospf_instance"]["default"]["router-id"] == "10.10.50.1"
    assert facts["ansible_net_ospf_neighbor"]["default"][0]["state-changes"] == 15
    assert facts["ansible_net_bgp_instance"]["default"]["as"] == 65530
    assert facts["ansible_net_bgp_peer"]["iBGP_BRAS"]["remote-as"] == 64520
    assert facts["ansible_net_bgp_vpnv4_route"] == []
    # RouterOS 7 menus trapped on this RouterOS 6 router: not facts of it, and no warning
    assert "ansible_net_bgp_connection" not in facts and "ansible_net_bgp_session" not in facts


def test_all_v7():
    (facts, warnings), session = gather(V7, gather_subset=["all"])
    assert warnings == []
    assert len(session.calls) == 1
    assert facts["ansible_net_version"] == "7.16 (stable)"
    assert facts["ansible_net_model"] == "CHR"  # no RouterBOARD model: the board name
    assert facts["ansible_net_serialnum"] is None
    assert facts["ansible_net_cpu_load"] == 3
    assert facts["ansible_net_memtotal_mb"] == 1024.0
    assert facts["ansible_net_all_ipv6_addresses"] == ["2001:db8::1", "fe80::1"]
    assert facts["ansible_net_interfaces"]["vlan10"]["ipv6"] == [{"address": "2001:db8::1", "subnet": 64}]
    assert facts["ansible_net_neighbors"] == []
    assert sorted(facts["ansible_net_route"]) == ["main", "vrf-a"]
    assert facts["ansible_net_ospf_instance"]["default-v2"]["version"] == 2
    assert facts["ansible_net_ospf_neighbor"] == {}
    assert facts["ansible_net_bgp_connection"]["peer1"]["remote.as"] == 65001
    assert facts["ansible_net_bgp_session"]["peer1-1"]["established"] is True
    # /routing/bgp/instance is missing before 7.20: an empty fact, not a warning
    assert facts["ansible_net_bgp_instance"] == {}
    assert "ansible_net_bgp_peer" not in facts and "ansible_net_bgp_vpnv4_route" not in facts


def test_every_read_goes_out_in_one_pipeline_with_its_fields():
    (facts, dummy), session = gather(V7, gather_subset=["all"], gather_network_resources=["all"])
    assert len(session.calls) == 1
    specs = session.calls[0][1]
    # /system/resource is read once for both default and hardware, with the fields of both
    resource = [s for s in specs if s["path"] == "/system/resource"]
    assert len(resource) == 1
    assert {"version", "uptime", "free-memory", "total-hdd-space"} <= set(resource[0]["proplist"])
    assert ".id" not in resource[0]["proplist"]
    route = [s for s in specs if s["path"] == "/ip/route"][0]
    assert {"routing-mark", "routing-table", "dst-address"} <= set(route["proplist"])
    assert len(specs) == len(set((s["path"], tuple(s["proplist"])) for s in specs))


def test_exclusions_and_aliases():
    assert F.resolve_subsets(["!routing"]) == ["default", "hardware", "interfaces"]
    assert F.resolve_subsets(["all", "!hardware", "!interfaces"]) == ["default", "routing"]
    assert F.resolve_subsets(["min"]) == ["default"]
    assert F.resolve_subsets(["!all"]) == ["default"]
    assert F.resolve_subsets(["interfaces"]) == ["default", "interfaces"]
    assert F.resolve_subsets([]) == ["default"]
    assert F.resolve_resources(["all", "!interfaces"]) == ["ip_addresses"]
    assert F.resolve_resources(None) == []


def test_unknown_subset_fails_before_sending():
    session = FakeSession(V7)
    with pytest.raises(UserInputError) as err:
        F.gather(session, gather_subset=["hardwear"])
    assert "hardwear" in str(err.value) and "hardware" in str(err.value)
    with pytest.raises(UserInputError) as err:
        F.gather(session, gather_network_resources=["vlans"])
    assert "vlans" in str(err.value) and "ip_addresses" in str(err.value)
    assert session.calls == []


# A RouterOS 7 router with the kind menus the interfaces resource reads (ids shared with /interface, as on a router)
V7_KINDS = dict(V7)
V7_KINDS.update({
    "/interface": [
        {".id": "*1", "name": "ether1", "default-name": "ether1", "type": "ether", "mtu": "1500", "l2mtu": "1598",
         "mac-address": "4C:5E:0C:00:00:01", "running": "true", "disabled": "false", "dynamic": "false"},
        {".id": "*2", "name": "vlan10", "type": "vlan", "mtu": "1500", "running": "true", "disabled": "false",
         "dynamic": "false", "comment": "users"},
        {".id": "*3", "name": "lo", "type": "loopback", "mtu": "65536", "running": "true", "disabled": "false",
         "dynamic": "false"},
    ],
    "/interface/ethernet": [
        {".id": "*1", "name": "ether1", "default-name": "ether1", "mtu": "1500", "l2mtu": "1598",
         "mac-address": "4C:5E:0C:00:00:01", "arp": "enabled", "arp-timeout": "auto", "loop-protect": "default",
         "auto-negotiation": "true", "advertise": "10M-full,100M-full,1G-full", "tx-flow-control": "off",
         "rx-flow-control": "off", "disabled": "false"}],
    "/interface/vlan": [
        {".id": "*2", "name": "vlan10", "mtu": "1500", "arp": "enabled", "arp-timeout": "auto",
         "loop-protect": "default", "vlan-id": "10", "interface": "ether1", "use-service-tag": "false",
         "disabled": "false", "comment": "users"}],
    "/interface/bridge": [],
    "/interface/bonding": [],
})


def gathered_by_module(resource, menus):
    ctx = Ctx(FakeSession(menus), state="gathered")
    gathered = resources.run_resource(ctx, resource)["gathered"]
    assert ctx.warnings == []
    return gathered


def test_network_resources_are_what_the_modules_gather():
    (facts, warnings), session = gather(V7_KINDS, gather_network_resources=["interfaces", "ip_addresses"])
    assert warnings == []
    assert facts["ansible_net_gather_network_resources"] == ["interfaces", "ip_addresses"]
    res = facts["ansible_network_resources"]
    assert res["interfaces"] == gathered_by_module(resource_interfaces.Interfaces(), V7_KINDS)
    assert res["ip_addresses"] == gathered_by_module(resource_ip_addresses.Addresses(), V7_KINDS)
    ether1 = [e for e in res["interfaces"] if e["name"] == "ether1"][0]
    # the module's shapes: its type names, default_name, mac_address, advertise as a list, typed values
    assert ether1["type"] == "ethernet" and ether1["default_name"] == "ether1"
    assert ether1["mac_address"] == "4C:5E:0C:00:00:01" and ether1["mtu"] == 1500
    assert ether1["advertise"] == ["10M-full", "100M-full", "1G-full"]
    assert {"name": "lo", "type": "loopback", "mtu": 65536, "disabled": False} in res["interfaces"]
    assert {"address": "192.0.2.1/24", "interface": "ether1", "network": "192.0.2.0",
            "disabled": False} in res["ip_addresses"]
    assert {"address": "fe80::1/64", "interface": "ether1", "disabled": False, "dynamic": True} in res["ip_addresses"]
    assert len(session.calls) == 1


def test_shared_menus_are_printed_once_with_the_fields_of_both():
    (facts, warnings), session = gather(V7_KINDS, gather_subset=["interfaces"], gather_network_resources=["all"])
    assert warnings == [] and len(session.calls) == 1
    specs = session.calls[0][1]
    paths = [s["path"] for s in specs]
    assert sorted(paths) == sorted(set(paths)), "each menu printed once"
    interface = [s for s in specs if s["path"] == "/interface"][0]
    assert {"running", "actual-mtu", "dynamic", ".id"} <= set(interface["proplist"])
    # each side sees only its own fields: no resource fields leak into ansible_net_interfaces
    assert facts["ansible_net_interfaces"]["ether1"] == {
        "type": "ether", "mtu": 1500, "l2mtu": 1598, "mac-address": "4C:5E:0C:00:00:01", "running": True,
        "disabled": False, "ipv4": [{"address": "192.0.2.1", "subnet": 24}],
        "ipv6": [{"address": "fe80::1", "subnet": 64}]}
    assert facts["ansible_network_resources"]["interfaces"] == gathered_by_module(
        resource_interfaces.Interfaces(), V7_KINDS)
    assert facts["ansible_network_resources"]["ip_addresses"] == gathered_by_module(
        resource_ip_addresses.Addresses(), V7_KINDS)


def test_resource_on_a_router_without_ipv6_is_quiet():
    menus = dict(V6)  # no /ipv6/address: the package is disabled
    (facts, warnings), dummy = gather(menus, gather_network_resources=["ip_addresses"])
    assert warnings == []
    assert [e["address"] for e in facts["ansible_network_resources"]["ip_addresses"]] == [
        "10.37.129.3/24", "192.168.88.1/24", "172.16.0.1/30"]


def test_refused_shared_print_warns_once():
    (facts, warnings), dummy = gather(V7_KINDS, gather_subset=["interfaces"], gather_network_resources=["interfaces"],
                                      denied=["/interface"])
    assert warnings == ["could not read /interface: not enough permissions (9)"]
    assert facts["ansible_net_interfaces"]["ether1"]["ipv4"] == [{"address": "192.0.2.1", "subnet": 24}]


def test_registry_accepts_a_callable(monkeypatch):
    monkeypatch.setitem(F.NETWORK_RESOURCES, "vlans", lambda session: [{"name": "vlan10", "vlan_id": 10}])
    (facts, dummy), session = gather(V7, gather_network_resources=["vlans"])
    assert facts["ansible_network_resources"] == {"vlans": [{"name": "vlan10", "vlan_id": 10}]}


def test_unexpected_trap_warns_and_the_rest_still_comes():
    (facts, warnings), dummy = gather(V6, gather_subset=["interfaces"], denied=["/ip/neighbor"])
    assert warnings == ["could not read /ip/neighbor: not enough permissions (9)"]
    assert facts["ansible_net_neighbors"] == []
    assert facts["ansible_net_all_ipv4_addresses"] == ["10.37.129.3", "192.168.88.1"]


def test_missing_core_menu_warns():
    menus = dict(V7)
    del menus["/ip/route"]
    (facts, warnings), dummy = gather(menus, gather_subset=["routing"])
    assert warnings == ["could not read /ip/route: no such command or directory (route)"]
    assert facts["ansible_net_route"] == {}


def test_unknown_version_keeps_what_answered():
    menus = dict(V6)
    del menus["/system/resource"]
    (facts, warnings), dummy = gather(menus, gather_subset=["routing"])
    assert facts["ansible_net_version"] is None
    assert "ansible_net_bgp_peer" in facts  # it answered, so it is a fact
    assert "ansible_net_bgp_connection" not in facts
    assert warnings == ["could not read /system/resource: no such command or directory (resource)"]


def test_values_are_typed_by_declaration_only():
    read = F.Read("x", "/x", [("mtu", F.INT), ("running", F.BOOL), ("name", F.STR)])
    assert read.convert({".id": "*1", "mtu": "1500", "running": "yes", "name": "100", "other": "true"}) == {
        "mtu": 1500, "running": True, "name": "100", "other": "true"}
    assert F.convert_value("-5", F.INT) == -5
    assert F.convert_value("auto", F.INT) == "auto"
    assert F.convert_value("maybe", F.BOOL) == "maybe"
    assert F.major_version("6.49.10 (long-term)") == 6
    assert F.major_version("7.18beta2") == 7
    assert F.major_version(None) is None


class DummyRead:
    def __init__(self, path, proplist, queries=None):
        self.path, self.proplist, self.queries = path, proplist, queries


class DummyResource:
    """Shaped like resources.Resource: reads(state, desired), current(rows), facts(current)."""

    name = "vlans"

    def reads(self, state, desired):
        assert state == "gathered" and desired == []
        return [DummyRead("/interface", [".id", "name", "type"], ["?type=vlan"]), DummyRead("/ip/address", ["address"])]

    def current(self, rows):
        return rows

    def facts(self, current):
        interfaces, addresses = current
        return [{"name": r["name"], "id": r[".id"], "addresses": len(addresses)} for r in interfaces]


def test_a_resource_module_joins_the_round_trip(monkeypatch):
    menus = dict(V7)
    menus["/interface"] = [dict(r, **{".id": "*%d" % i}) for i, r in enumerate(V7["/interface"], 1)]
    monkeypatch.setitem(F.NETWORK_RESOURCES, "vlans", F.NetworkResource.from_resource(DummyResource()))
    (facts, warnings), session = gather(menus, gather_network_resources=["vlans"])
    assert warnings == [] and len(session.calls) == 1
    assert ["?type=vlan"] == [w for s in session.calls[0][1] for w in (s.get("queries") or [])]
    # the fake ignores queries; the rows come through unconverted, .id kept, as the resource asked
    assert facts["ansible_network_resources"]["vlans"][0] == {"name": "ether1", "id": "*1", "addresses": 1}
