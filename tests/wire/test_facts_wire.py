# -*- coding: utf-8 -*-
"""Facts against simulated routers (RouterOS 6 with MD5 login, 7.x, 7.18+ over TLS): one round trip, .proplist."""

import pytest

from support.ctx import Ctx
from support.rosim import start_simulators

from ansible_collections.tikops.routeros.plugins.module_utils.tasks import facts as F
from ansible_collections.tikops.routeros.plugins.modules import interfaces as interfaces_module
from ansible_collections.tikops.routeros.plugins.modules import ip_addresses as ip_addresses_module
from ansible_collections.tikops.routeros.plugins.module_utils.api.options import ConnectionParams
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session

ROUTERS = [
    {"name": "old6", "routeros-version": "6.40", "identity": "old6"},
    {"name": "mid7", "routeros-version": "7.16", "identity": "mid7"},
    {"name": "new7", "routeros-version": "7.19", "identity": "new7", "api-ssl": "127.0.0.1:0"},
]


@pytest.fixture(scope="module")
def group():
    with start_simulators({"routers": ROUTERS}) as sims:
        yield sims


def connect(router):
    if router.ssl_port:
        return Session.connect(ConnectionParams(router.host, router.ssl_port, tls=True, ca_path=router.ca_file))
    return Session.connect(ConnectionParams(router.host, router.port))


class Recording:
    """Wraps a transport and records the order of writes and reads."""

    def __init__(self, inner):
        self.inner = inner
        self.ops = []
        self.where = getattr(inner, "where", None)

    def sendall(self, data):
        self.ops.append("send")
        return self.inner.sendall(data)

    def recv(self, size):
        data = self.inner.recv(size)
        if not self.ops or self.ops[-1] != "recv":
            self.ops.append("recv")
        return data

    def settimeout(self, value):
        return self.inner.settimeout(value)

    def close(self):
        return self.inner.close()


def commands_after_login(router, before):
    events = router.events("command")[before:]
    return [e for e in events if e["words"][0] != "/login"]


@pytest.mark.parametrize("name", ["old6", "mid7", "new7"])
def test_one_round_trip_with_proplist(group, name):
    router = group[name]
    session = connect(router)
    try:
        before = len(router.events("command"))
        recording = Recording(session.transport)
        session.transport = recording
        facts, warnings = F.gather(session, ["all"], ["all"])
    finally:
        session.close()
    plan = F.plan_requests(F.plan_reads(F.resolve_subsets(["all"]), F.resolve_resources(["all"])))
    sent = commands_after_login(router, before)
    # every planned print reached the router, once, as a print with a .proplist and its own tag; the menus the
    # subsets and the resources both read (/interface, /ip/address, /ipv6/address) were printed once
    assert len(sent) == len(plan)
    assert sorted(e["words"][0] for e in sent) == sorted("%s/print" % r.path for r in plan)
    assert len(set(e["words"][0] for e in sent)) == len(sent)
    assert all(any(w.startswith("=.proplist=") for w in e["words"]) for e in sent)
    assert len(set(e["tag"] for e in sent)) == len(sent)
    # one write carried them all, and nothing was written after the first reply was read: one round trip
    assert recording.ops == ["send", "recv"]
    assert warnings == []
    assert facts["ansible_net_hostname"] == name


def test_versions_and_login_methods(group):
    seen = {}
    for name in ("old6", "mid7", "new7"):
        router = group[name]
        session = connect(router)
        try:
            facts, warnings = F.gather(session, ["all"])
            seen[name] = (session.login_method, facts)
        finally:
            session.close()
        assert warnings == []
    assert seen["old6"][0] == "md5" and seen["mid7"][0] == "plain" and seen["new7"][0] == "plain"
    v6, v7 = seen["old6"][1], seen["new7"][1]
    assert v6["ansible_net_version"].startswith("6.40")
    assert v7["ansible_net_version"].startswith("7.19")
    # RouterOS 6 routing facts come from the 6 menus, 7 from the 7 menus
    assert "ansible_net_bgp_peer" in v6 and "ansible_net_bgp_connection" not in v6
    assert "ansible_net_bgp_connection" in v7 and "ansible_net_bgp_peer" not in v7
    for facts in (v6, v7):
        assert "main" in facts["ansible_net_route"]
        assert facts["ansible_net_all_ipv4_addresses"]
        assert isinstance(facts["ansible_net_memtotal_mb"], float)
        for name, iface in facts["ansible_net_interfaces"].items():
            assert isinstance(iface["running"], bool)
            for address in iface.get("ipv4", []):
                assert address["address"] in facts["ansible_net_all_ipv4_addresses"]
                assert isinstance(address["subnet"], int)


def test_min_subset_reads_three_menus(group):
    router = group["mid7"]
    session = connect(router)
    try:
        before = len(router.events("command"))
        facts, dummy = F.gather(session, gather_subset=["min"])
    finally:
        session.close()
    sent = commands_after_login(router, before)
    assert sorted(e["words"][0] for e in sent) == ["/system/identity/print", "/system/resource/print",
                                                   "/system/routerboard/print"]
    assert facts["ansible_net_gather_subset"] == ["default"]
    assert facts["ansible_net_model"]


def test_addresses_added_show_up(group):
    router = group["new7"]
    session = connect(router)
    try:
        session.call("/ip/address", "add", attributes={"address": "198.51.100.7/24", "interface": "ether3"})
        session.call("/ipv6/address", "add", attributes={"address": "2001:db8:7::1/64", "interface": "ether3",
                                                         "advertise": "no"})
        facts, dummy = F.gather(session, ["interfaces"], ["ip_addresses"])
    finally:
        session.close()
    ether3 = facts["ansible_net_interfaces"]["ether3"]
    assert {"address": "198.51.100.7", "subnet": 24} in ether3["ipv4"]
    assert {"address": "2001:db8:7::1", "subnet": 64} in ether3["ipv6"]
    assert "198.51.100.7" in facts["ansible_net_all_ipv4_addresses"]
    entries = facts["ansible_network_resources"]["ip_addresses"]
    assert any(e["address"] == "198.51.100.7/24" and e["interface"] == "ether3" for e in entries)


@pytest.mark.parametrize("name", ["old6", "new7"])
def test_network_resources_are_the_modules_gathered(group, name):
    router = group[name]
    session = connect(router)
    try:
        session.call("/interface/vlan", "add", attributes={"name": "v-%s" % name, "vlan-id": "77",
                                                           "interface": "ether2", "loop-protect": "off"})
        session.call("/ipv6/address", "add", attributes={"address": "2001:db8:77::1/64", "interface": "ether2",
                                                         "no-dad": "yes"})
        facts, warnings = F.gather(session, ["interfaces"], ["all"])
        by_module = dict((mod.__name__.rsplit(".", 1)[-1], mod.run(Ctx(session, state="gathered"))["gathered"])
                         for mod in (interfaces_module, ip_addresses_module))
        # fed back as config, the facts are already what the router has
        again = interfaces_module.run(Ctx(session, state="merged",
                                          config=facts["ansible_network_resources"]["interfaces"]))
    finally:
        session.close()
    assert warnings == []
    resources_ = facts["ansible_network_resources"]
    assert resources_ == by_module
    ether1 = [e for e in resources_["interfaces"] if e["name"] == "ether1"][0]
    assert ether1["type"] == "ethernet" and ether1["default_name"] == "ether1" and ether1["mac_address"]
    assert {"name": "v-%s" % name, "vlan_id": 77, "interface": "ether2", "loop_protect": "off"}.items() <= [
        e for e in resources_["interfaces"] if e["name"] == "v-%s" % name][0].items()
    v6 = [e for e in resources_["ip_addresses"] if e["address"] == "2001:db8:77::1/64"][0]
    assert v6["no_dad"] is True and v6["advertise"] is True
    assert again["changed"] is False and again["commands"] == []
