# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Resource plumbing and the two resource modules' pure parts: input checks, parsed, rendered, facts."""

import json

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.converge import resource_interfaces as RIF
from ansible_collections.tikops.routeros.plugins.module_utils.converge import resource_ip_addresses as RIP
from ansible_collections.tikops.routeros.plugins.module_utils.converge import resources as R
from ansible_collections.tikops.routeros.plugins.module_utils.core import console
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError
from ansible_collections.tikops.routeros.plugins.modules import interfaces as IF
from ansible_collections.tikops.routeros.plugins.modules import ip_addresses as IP
from support.ctx import NoRouter


EXPORT = r"""# 2024-01-01 12:00:00 by RouterOS 7.16
# software id = ABCD-1234
/interface bridge
add admin-mac=00:11:22:33:44:55 auto-mac=no comment="main \"lan\"" name=bridge1 \
    vlan-filtering=yes
/interface ethernet
set [ find default-name=ether1 ] comment=uplink name=wan
set [ find default-name=ether2 ] mtu=9000
/interface vlan
add interface=bridge1 name=vlan10 vlan-id=10
/ip address
add address=192.168.88.1/24 comment=defconf interface=bridge1 network=192.168.88.0
add address=10.0.0.2 interface=wan
/ipv6 address
add address=2001:DB8::1/64 advertise=no interface=bridge1
/ip dhcp-client
add interface=wan
"""


def test_parse_export_lines():
    cmds = console.parse_export(EXPORT)
    bridge = cmds[0]
    assert bridge["path"] == "/interface/bridge" and bridge["verb"] == "add"
    assert bridge["attrs"]["comment"] == 'main "lan"'
    assert bridge["attrs"]["vlan-filtering"] == "yes"
    ether = cmds[1]
    assert ether["find"] == {"default-name": "ether1"} and ether["attrs"] == {"comment": "uplink", "name": "wan"}
    assert cmds[-1]["path"] == "/ip/dhcp-client"


def test_parse_export_slash_form_and_where():
    cmds = console.parse_export('/ip/address/set [find where address="10.0.0.1/24" and interface=ether1] comment="a b"\n'
                                "/interface set ether3 disabled=yes\n")
    assert cmds[0]["path"] == "/ip/address" and cmds[0]["verb"] == "set"
    assert cmds[0]["find"] == {"address": "10.0.0.1/24", "interface": "ether1"}
    assert cmds[0]["attrs"] == {"comment": "a b"}
    assert cmds[1]["path"] == "/interface" and cmds[1]["positional"] == ["ether3"]


def test_parse_export_errors_name_the_line():
    with pytest.raises(UserInputError, match="before any /menu"):
        console.parse_export("add address=1.2.3.4/24\n")
    with pytest.raises(UserInputError, match="unterminated|not closed"):
        console.parse_export('/ip address\nadd comment="oops\n')


def test_state_argument_rules():
    with pytest.raises(UserInputError, match="config is missing"):
        R.check_state_args(dict(state="merged", config=None, running_config=None))
    with pytest.raises(UserInputError, match="running_config is missing"):
        R.check_state_args(dict(state="parsed", config=None, running_config=None))
    with pytest.raises(UserInputError, match="mutually exclusive"):
        R.check_state_args(dict(state="parsed", config=[], running_config="x"))
    assert R.check_state_args(dict(state="deleted", config=None, running_config=None)) == "deleted"


# -- ip_addresses -----------------------------------------------------------------------------------------


def test_ip_parsed_from_export_never_connects():
    result = IP.run(NoRouter(state="parsed", running_config=EXPORT))
    assert result == {"changed": False, "parsed": [
        {"address": "192.168.88.1/24", "interface": "bridge1", "network": "192.168.88.0", "comment": "defconf",
         "disabled": False},
        {"address": "10.0.0.2/32", "interface": "wan", "disabled": False, "network": "10.0.0.2"},
        {"address": "2001:db8::1/64", "interface": "bridge1", "disabled": False, "advertise": False}]}


def test_ip_parsed_from_gathered_json_round_trips():
    first = IP.run(NoRouter(state="parsed", running_config=EXPORT))["parsed"]
    again = IP.run(NoRouter(state="parsed", running_config=json.dumps(first)))["parsed"]
    assert again == first


def test_ip_rendered_never_connects():
    result = IP.run(NoRouter(state="rendered", config=[
        dict(address="192.0.2.1/24", interface="ether1", comment="x y"),
        dict(address="2001:db8::1/64", interface="ether1", advertise=False)]))
    assert result["rendered"] == ['/ip/address/add address=192.0.2.1/24 interface=ether1 comment="x y"',
                                  "/ipv6/address/add address=2001:db8::1/64 interface=ether1 advertise=no"]
    assert result["changed"] is False


@pytest.mark.parametrize("entry,message", [
    (dict(address="10.0.0.300/24", interface="ether1"), "not an IPv4 or IPv6 address"),
    (dict(address="banana", interface="ether1"), "not an IPv4 or IPv6 address"),
    (dict(address="10.0.0.1/24"), "interface is required"),
    (dict(address="10.0.0.1/24", interface="ether1", advertise=True), "IPv6 addresses only"),
    (dict(address="2001:db8::1/64", interface="ether1", network="10.0.0.0"), "IPv4 addresses only"),
    (dict(address="10.0.0.1/24", interface="ether1", network="x"), "not an IPv4 address"),
])
def test_ip_bad_input_fails_before_connecting(entry, message):
    with pytest.raises(UserInputError, match=message):
        IP.run(NoRouter(state="merged", config=[entry]))


def test_ip_missing_interface_is_checked_against_the_router_names():
    res = RIP.Addresses()
    desired = res.desired([dict(address="10.0.0.1/24", interface="ether9")], "merged")
    res.reads("merged", desired)
    current = res.current([[], [{"name": "ether1"}, {"name": "ether2"}]])
    with pytest.raises(UserInputError, match="interface 'ether9' does not exist on the router .*ether1, ether2"):
        res.check(desired, current, "merged")


def test_ip_reads_use_queries_for_few_and_full_print_for_many():
    res = RIP.Addresses()
    few = res.desired([dict(address="10.0.0.1/24", interface="e"), dict(address="10.0.0.2/24", interface="e")],
                      "merged")
    reads = res.reads("merged", few)
    assert [r.path for r in reads] == ["/ip/address", "/interface"]
    assert reads[0].queries == ["?address=10.0.0.1/24", "?address=10.0.0.2/24", "?#|"]
    assert "network" in reads[0].proplist and ".id" in reads[0].proplist
    many = res.desired([dict(address="10.0.%d.1/24" % i, interface="e") for i in range(30)], "merged")
    assert res.reads("merged", many)[0].queries is None
    over = res.reads("overridden", few)
    assert [r.path for r in over] == ["/ip/address", "/ipv6/address", "/interface"]
    assert over[0].queries is None


def test_ip_replaced_adds_the_derived_network():
    res = RIP.Addresses()
    (want,) = res.desired([dict(address="10.1.2.3/16", interface="e")], "replaced")
    assert want.values["network"] == "10.1.0.0"
    (want,) = res.desired([dict(address="10.1.2.3/16", interface="e")], "merged")
    assert "network" not in want.values


# -- interfaces -------------------------------------------------------------------------------------------


def test_interfaces_parsed_from_export():
    result = IF.run(NoRouter(state="parsed", running_config=EXPORT))
    assert result["parsed"] == [
        {"name": "bridge1", "type": "bridge", "admin_mac": "00:11:22:33:44:55", "auto_mac": False,
         "comment": 'main "lan"', "vlan_filtering": True},
        {"name": "wan", "type": "ethernet", "default_name": "ether1", "comment": "uplink"},
        {"name": "ether2", "type": "ethernet", "default_name": "ether2", "mtu": 9000},
        {"name": "vlan10", "type": "vlan", "interface": "bridge1", "vlan_id": 10}]


def test_interfaces_rendered():
    result = IF.run(NoRouter(state="rendered", config=[
        dict(name="wan", default_name="ether1", comment="uplink"),
        dict(name="vlan10", type="vlan", vlan_id=10, interface="bridge1"),
        dict(name="bridge1", type="bridge"),
        dict(name="lo", comment="loopback")]))
    assert result["rendered"] == [
        "/interface/ethernet/set [find default-name=ether1] name=wan comment=uplink",
        "/interface/bridge/add name=bridge1",
        "/interface/vlan/add name=vlan10 vlan-id=10 interface=bridge1",
        "/interface/set [find name=lo] comment=loopback"]


def test_interfaces_rendered_output_parses_back():
    config = [dict(name="wan", default_name="ether1", comment="uplink"),
              dict(name="vlan10", type="vlan", vlan_id=10, interface="bridge1")]
    rendered = IF.run(NoRouter(state="rendered", config=config))["rendered"]
    parsed = IF.run(NoRouter(state="parsed", running_config="\n".join(rendered)))["parsed"]
    assert parsed == [{"name": "wan", "type": "ethernet", "default_name": "ether1", "comment": "uplink"},
                      {"name": "vlan10", "type": "vlan", "interface": "bridge1", "vlan_id": 10}]


@pytest.mark.parametrize("entry,message", [
    (dict(name="v1", type="vlan", auto_negotiation=True), "auto_negotiation does not apply to vlan"),
    (dict(name="b1", type="bridge", default_name="ether1"), "default_name applies to ethernet"),
])
def test_interfaces_bad_options_fail_before_connecting(entry, message):
    with pytest.raises(UserInputError, match=message):
        IF.run(NoRouter(state="merged", config=[entry]))


def test_interfaces_yaml_booleans_become_the_fields_words():
    # tx_flow_control: off (unquoted) arrives as False; arp: no as False; loop_protect: on as True
    result = IF.run(NoRouter(state="rendered", config=[
        dict(name="wan", default_name="ether1", tx_flow_control=False, rx_flow_control=True, arp=False,
             loop_protect=True),
        dict(name="vlan10", type="vlan", vlan_id=10, interface="wan", arp=True, loop_protect=False),
        dict(name="ether2", type="ethernet", tx_flow_control="auto", rx_flow_control="no", arp="reply-only")]))
    assert result["rendered"] == [
        "/interface/ethernet/set [find default-name=ether1] name=wan tx-flow-control=off rx-flow-control=on "
        "arp=disabled loop-protect=on",
        "/interface/vlan/add name=vlan10 vlan-id=10 interface=wan arp=enabled loop-protect=off",
        "/interface/ethernet/set [find name=ether2] tx-flow-control=auto rx-flow-control=off arp=reply-only"]


def test_interfaces_bool_words_compare_equal_to_the_router():
    plan, dummy = _plan("merged", [dict(name="wan", tx_flow_control=False, loop_protect="off", arp=True)])
    assert plan.commands == ["/interface/ethernet/set [find name=wan] loop-protect=off"]


@pytest.mark.parametrize("entry,message", [
    (dict(name="wan", tx_flow_control="maybe"),
     r"config\[0\] \(interface wan\): tx_flow_control is 'maybe', which is not one of: on, off, auto"),
    (dict(name="wan", arp="proxy"), r"arp is 'proxy', which is not one of: disabled, enabled, local-proxy-arp, proxy-arp, "
                                    r"reply-only \(or true/false.*enabled/disabled\)"),
    (dict(name="b", type="bridge", protocol_mode="rstp2"), "protocol_mode is 'rstp2'.*none, rstp, stp, mstp"),
    (dict(name="b", type="bonding", slaves=["ether2"], mode=True), "mode is True, which is not one of: 802.3ad"),
    (dict(name="wan", loop_protect=1), "loop_protect is 1, which is not one of: default, on, off"),
])
def test_interfaces_bad_words_fail_before_connecting(entry, message):
    with pytest.raises(UserInputError, match=message):
        IF.run(NoRouter(state="merged", config=[entry]))


def _current(res):
    general = [{".id": "*1", "name": "wan", "type": "ether", "default-name": "ether1"},
               {".id": "*2", "name": "ether2", "type": "ether", "default-name": "ether2"},
               {".id": "*3", "name": "vlan10", "type": "vlan"},
               {".id": "*4", "name": "pppoe", "type": "pppoe-out", "dynamic": "true"},
               {".id": "*5", "name": "lo", "type": "loopback", "comment": "x"}]
    ether = [{".id": "*1", "name": "wan", "default-name": "ether1", "mtu": "1500", "disabled": "false",
              "tx-flow-control": "off", "loop-protect": "default", "arp": "enabled"},
             {".id": "*2", "name": "ether2", "default-name": "ether2", "mtu": "9000", "disabled": "false"}]
    vlan = [{".id": "*3", "name": "vlan10", "vlan-id": "10", "interface": "wan", "mtu": "1500", "disabled": "false"}]
    return res.current([general, ether, vlan, [], []])


def _plan(state, config):
    from ansible_collections.tikops.routeros.plugins.module_utils.converge import engine, planner
    res = RIF.Interfaces()
    current = _current(res)
    wanted = res.desired(config, state)
    plan = engine.Plan()
    for menu, desired, rows in res.plan_items(wanted, current, state):
        plan.extend(planner.plan_menu(menu, desired, rows, state))
    return plan.ordered(), res.facts(current)


def test_interfaces_facts_shape():
    dummy, facts = _plan("merged", [])
    assert facts[0] == {"name": "wan", "type": "ethernet", "default_name": "ether1", "mtu": 1500, "disabled": False,
                        "arp": "enabled", "loop_protect": "default", "tx_flow_control": "off"}
    assert {"name": "pppoe", "type": "pppoe-out", "dynamic": True} in facts


def test_interfaces_type_mismatch_and_unknown_names():
    with pytest.raises(UserInputError, match="vlan10 is a vlan interface, not bridge"):
        _plan("merged", [dict(name="vlan10", type="bridge")])
    with pytest.raises(UserInputError, match="give type"):
        _plan("merged", [dict(name="nothere", comment="x")])
    with pytest.raises(UserInputError, match="cannot be created"):
        _plan("merged", [dict(name="ether9", type="ethernet")])
    with pytest.raises(UserInputError, match="parent"):
        _plan("merged", [dict(name="v30", type="vlan", vlan_id=30, interface="nope")])


def test_interfaces_deleted_resets_ethernet_removes_vlan_leaves_dynamic():
    plan, dummy = _plan("deleted", [])
    assert plan.commands == [
        "/interface/vlan/remove [find name=vlan10]",
        "/interface/ethernet/set [find name=wan] name=ether1",
        "/interface/ethernet/set [find name=ether2] mtu=1500",
        "/interface/set [find name=lo] comment=\"\""]


def test_interfaces_rename_by_default_name_and_vlan_on_new_name():
    plan, dummy = _plan("merged", [dict(name="uplink", default_name="ether1"),
                                   dict(name="v20", type="vlan", vlan_id=20, interface="uplink")])
    assert plan.commands == ["/interface/ethernet/set [find name=wan] name=uplink",
                             "/interface/vlan/add name=v20 vlan-id=20 interface=uplink"]
    assert len(plan.batches()) == 2
