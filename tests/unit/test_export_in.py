# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""An export as menu input (menu/export_in.py), one test per mapping rule, and how the planner matches what the
mapping produces against a router's rows (built-in ports by default-name, the built-in entry, the n-th entry,
natural keys real configurations need). Pure: no sockets."""

import glob
import os

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.converge import engine
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError
from ansible_collections.tikops.routeros.plugins.module_utils.menu import export_in as X
from ansible_collections.tikops.routeros.plugins.module_utils.menu import planner as P
from ansible_collections.tikops.routeros.plugins.module_utils.menu import task

EXPORTS = os.path.join(os.path.dirname(__file__), "..", "data", "exports")


def items(text, state="merged"):
    return dict(((m["path"], m["state"]), m) for m in X.menus_from_export(text, state))


def config(text, path, state="merged"):
    return items(text, state)[(path, state)]["config"]


def plan(item, rows, version="7.16", state=None):
    """The commands of one menus item of an export against ``rows`` (as the task plans it)."""
    scope = P.Scope(item["path"], state or item["state"], item["config"], None, None, item["path"], kind=item["kind"],
                    from_export=True)
    res = P.Resolved(scope, version, rows, exists=True)
    ops = P.plan_scope(res, P.visible_rows(res, rows), scope.state)
    return engine.Plan(P.mask_ops(ops)).ordered().commands


def one(text, path, rows, version="7.16", state="merged"):
    return plan(items(text, state)[(path, state)], rows, version)


# ---------------------------------------------------------------------------------------------------------
# Which files are exports


@pytest.mark.parametrize("text,name,expect", [
    ("/ip address\nadd address=10.0.0.1/24 interface=ether1\n", "a.txt", True),
    ("# jan/02/1970 by RouterOS 7.16\n# software id = X\n\n/system identity\nset name=r1\n", "x", True),
    ("", "core1.rsc", True),
    ("- {name: a}\n", "a.yml", False),
    ("# a comment\n- {name: a}\n", "a.yml", False),
    ('[{"name": "a"}]', "a.json", False),
    ("name: x\n", "a.yml", False),
])
def test_is_export(text, name, expect):
    assert X.is_export(text, name) is expect


# ---------------------------------------------------------------------------------------------------------
# One rule at a time


def test_add_lines_are_entries_with_booleans_typed_and_free_text_kept():
    got = config("/ip firewall filter\nadd chain=input action=drop disabled=yes comment=yes log=no\n",
                 "/ip/firewall/filter")
    assert got == [{"chain": "input", "action": "drop", "disabled": True, "comment": "yes", "log": False}]


def test_set_of_a_settings_menu_is_one_mapping_merged_over_lines():
    got = items("/ip dns\nset servers=1.1.1.1\nset allow-remote-requests=yes\n")
    assert got[("/ip/dns", "merged")] == {"path": "/ip/dns", "state": "merged", "kind": "settings",
                                          "config": {"servers": "1.1.1.1", "allow-remote-requests": True}}


def test_default_name_is_the_built_in_port_renamed():
    text = "/interface ethernet\nset [ find default-name=ether1 ] name=wan mtu=1500\nset [ find default-name=ether2 ] comment=x\n"
    assert config(text, "/interface/ethernet") == [
        {"default-name": "ether1", "name": "wan", "mtu": "1500"}, {"default-name": "ether2", "comment": "x"}]
    rows = [{".id": "*1", "name": "ether1", "default-name": "ether1", "mtu": "1500"},
            {".id": "*2", "name": "ether2", "default-name": "ether2", "mtu": "1500"}]
    first = one(text, "/interface/ethernet", rows)
    assert first == ["/interface/ethernet/set [find name=ether1] name=wan", "/interface/ethernet/set [find name=ether2] comment=x"]
    renamed = [dict(rows[0], name="wan"), dict(rows[1], comment="x")]
    assert one(text, "/interface/ethernet", renamed) == []
    # on RouterOS 6 the same (its exports rename ports the same way)
    assert one(text, "/interface/ethernet", rows, version="6.49.10") == first


def test_default_name_that_no_port_has_fails_naming_it():
    text = "/interface ethernet\nset [ find default-name=sfp9 ] name=uplink\n"
    with pytest.raises(UserInputError, match="no entry of /interface/ethernet on the router has default-name=sfp9"):
        one(text, "/interface/ethernet", [{".id": "*1", "name": "ether1", "default-name": "ether1"}])


def test_a_port_renamed_is_named_by_the_lines_after_it_in_dependency_order():
    text = ("/interface bridge\nadd name=br\n/interface ethernet\nset [ find default-name=ether2 ] name=lan\n"
            "/interface bridge port\nadd bridge=br interface=lan\n")
    plans = []
    for item in X.menus_from_export(text):
        rows = [{".id": "*2", "name": "ether2", "default-name": "ether2"}] if item["path"] == "/interface/ethernet" else []
        scope = P.Scope(item["path"], "merged", item["config"], None, None, item["path"], kind=item["kind"], from_export=True)
        res = P.Resolved(scope, "7.16", rows, exists=True)
        plans.extend(P.plan_scope(res, rows, "merged"))
    commands = engine.Plan(plans).ordered().commands
    assert commands.index("/interface/ethernet/set [find name=ether2] name=lan") < commands.index(
        "/interface/bridge/port/add bridge=br interface=lan")


def test_default_yes_is_the_built_in_entry_set_never_removed():
    text = "/snmp community\nset [ find default=yes ] addresses=10.0.0.0/8\n"
    assert config(text, "/snmp/community") == [{"find": {"default": True}, "addresses": "10.0.0.0/8"}]
    rows = [{".id": "*0", "name": "public", "addresses": "::/0", "default": "true"},
            {".id": "*1", "name": "extra", "addresses": "::/0"}]
    got = one(text, "/snmp/community", rows, state="overridden")
    assert sorted(got) == ["/snmp/community/remove [find name=extra]",
                           "/snmp/community/set [find name=public] addresses=10.0.0.0/8"]
    # a dynamic entry is never written, even named
    with pytest.raises(UserInputError, match="dynamic or built-in"):
        one(text, "/snmp/community", [dict(rows[0], dynamic="true")])


def test_positional_number_is_the_nth_entry_in_print_order():
    text = "/system logging\nset 0 action=disk\nset 3 disabled=yes\n"
    assert config(text, "/system/logging") == [{"number": 0, "action": "disk"}, {"number": 3, "disabled": True}]
    rows = [{".id": "*%d" % i, "topics": t, "action": "memory", "default": "true"}
            for i, t in enumerate(("info", "error", "warning", "critical"))]
    assert one(text, "/system/logging", rows) == [
        "/system/logging/set [find topics=info action=memory] action=disk",
        "/system/logging/set [find topics=critical action=memory] disabled=yes"]
    after = [dict(rows[0], action="disk"), rows[1], rows[2], dict(rows[3], disabled="true")]
    assert one(text, "/system/logging", after) == []
    with pytest.raises(UserInputError, match="number 3: /system/logging prints 2 entries on the router"):
        one(text, "/system/logging", rows[:2])


def test_internal_id_with_the_name_given_is_found_by_the_name():
    text = '/ppp profile\nset *0 name=default use-encryption=yes\nset *FFFFFFFE name=default-encryption\n'
    assert config(text, "/ppp/profile") == [{"name": "default", "use-encryption": "yes"}, {"name": "default-encryption"}]
    with pytest.raises(UserInputError, match="line 2 .*internal id"):
        X.menus_from_export("/ppp profile\nset *0 use-encryption=yes\n")


def test_a_name_is_the_menus_key_field_and_a_set_on_an_added_entry_merges_into_it():
    assert config("/ip service\nset telnet disabled=yes\n", "/ip/service") == [{"name": "telnet", "disabled": True}]
    # in a list menu, the entry found by that name (it is there: set never adds), often a built-in one
    assert config("/disk\nset slot1 slot=slot1 type=hardware\n", "/disk") == [
        {"find": {"slot": "slot1"}, "slot": "slot1", "type": "hardware"}]
    text = "/interface bridge\nadd name=br1\nset br1 vlan-filtering=yes\nset [ find name=br1 ] comment=x\n"
    assert config(text, "/interface/bridge") == [{"name": "br1", "vlan-filtering": True, "comment": "x"}]
    assert config("/ip pool\nset old name=new\n", "/ip/pool") == [{"find": {"name": "old"}, "name": "new"}]
    text = "/user group\nset full policy=local,ssh,read,write\n"
    assert config(text, "/user/group") == [{"find": {"name": "full"}, "policy": "local,ssh,read,write"}]
    rows = [{".id": "*1", "name": "read", "policy": "read", "builtin": "true"},
            {".id": "*2", "name": "full", "policy": "local,read", "builtin": "true"}]
    assert one(text, "/user/group", rows, state="overridden") == [
        "/user/group/set [find name=full] policy=local,ssh,read,write"]
    # renamed: found by the new name on the next run
    pools = [{".id": "*1", "name": "old", "ranges": "10.0.0.1-10.0.0.9"}]
    assert one("/ip pool\nset old name=new\n", "/ip/pool", pools) == ["/ip/pool/set [find name=old] name=new"]
    assert one("/ip pool\nset old name=new\n", "/ip/pool", [dict(pools[0], name="new")]) == []


def test_enable_and_disable():
    got = config("/ip service\ndisable telnet\nenable ssh\n", "/ip/service")
    assert got == [{"name": "telnet", "disabled": True}, {"name": "ssh", "disabled": False}]


def test_remove_lines_are_entries_absent():
    text = "/ip pool\nadd name=a ranges=10.0.0.1-10.0.0.9\nremove [ find name=gone ]\nremove [ find comment=old ]\n"
    got = items(text)
    assert got[("/ip/pool", "deleted")]["config"] == [{"name": "gone"}, {"comment": "old"}]
    assert ("/ip/pool", "deleted") not in items(text, "overridden")  # overridden removes them anyway
    # an add then removed by name is not added
    assert config("/ip pool\nadd name=a ranges=x\nremove a\n", "/ip/pool") == []


def test_words_and_negated_words_are_booleans():
    text = "/ip route\nadd blackhole dst-address=10.99.0.0/16\n/interface l2tp-client\nadd name=l2 !keepalive connect-to=1.2.3.4\n"
    assert config(text, "/ip/route") == [{"dst-address": "10.99.0.0/16", "blackhole": True}]
    assert "keepalive" not in config(text, "/interface/l2tp-client")[0] or \
        config(text, "/interface/l2tp-client")[0]["keepalive"] is False
    with pytest.raises(UserInputError, match="line 2 .*the word action names a field that is not yes/no"):
        X.menus_from_export("/ip firewall filter\nadd action chain=input\n")


def test_place_before_orders_the_entry():
    text = ("/ip firewall filter\nadd chain=input action=accept comment=a\nadd chain=input action=drop comment=c\n"
            "add chain=input action=accept comment=b place-before=[ find where comment=c ]\n")
    assert [e["comment"] for e in config(text, "/ip/firewall/filter")] == ["a", "b", "c"]
    with pytest.raises(UserInputError, match="address=\\[:resolve x\\] is a console expression"):
        X.menus_from_export("/ip firewall address-list\nadd list=l address=[:resolve x]\n")


def test_dotted_shorthand_is_written_out():
    text = "/routing bgp connection\nadd name=c1 local.address=10.0.0.1 .role=ebgp remote.address=10.0.0.2 .as=65001\n"
    assert config(text, "/routing/bgp/connection") == [
        {"name": "c1", "local.address": "10.0.0.1", "local.role": "ebgp", "remote.address": "10.0.0.2", "remote.as": "65001"}]


def test_a_menu_the_data_lacks_takes_its_kind_from_the_export():
    got = items("/interface ethernet switch\nset 0 mirror-source=ether2\n/lcd\nset enabled=no\n/zzz thing\nadd a=b\n")
    assert got[("/interface/ethernet/switch", "merged")]["kind"] in ("fixed", "list")
    assert got[("/lcd", "merged")]["kind"] == "settings"
    assert got[("/zzz/thing", "merged")]["kind"] == "list"
    # RouterOS 6's /mpls ldp is a settings menu there (a list in RouterOS 7's data)
    assert items("/mpls ldp\nset enabled=yes lsr-id=1.1.1.1\n")[("/mpls/ldp", "merged")]["kind"] == "settings"


def test_a_menu_the_data_lacks_but_the_router_has_is_planned_unchecked():
    text = "/zzz thing\nadd name=a anything=goes\n"
    assert one(text, "/zzz/thing", []) == ["/zzz/thing/add name=a anything=goes"]
    assert one(text, "/zzz/thing", [{".id": "*1", "name": "a", "anything": "goes"}]) == []
    # a path the data lacks and the router was not asked about is still refused (a typo)
    with pytest.raises(UserInputError, match="did you mean /ip/firewall/filter"):
        P.Resolved(P.Scope("/ip/firewall/filtre", "merged", [], None, None, ""), "7.16", [])


def test_hints_name_only_the_versions_that_have_the_menu():
    text = P.seen_text("/interface/wireless")
    assert text.startswith("RouterOS 7.9 to 7.12 have it; RouterOS 7.24 has it in an optional package")
    assert "7.13" not in text
    assert P.seen_text("/ip/firewall/filter").startswith("RouterOS 7.9 to 7.24 have it")
    assert P.seen_text("/nowhere/at/all") == ""


# ---------------------------------------------------------------------------------------------------------
# Natural keys of real configurations


def test_leases_with_one_mac_and_a_client_id_or_another_server():
    text = ("/ip dhcp-server lease\nadd address=10.0.0.10 mac-address=AA:BB:CC:00:00:01\n"
            "add address=10.0.0.11 client-id=1:aa:bb:cc:0:0:1 mac-address=AA:BB:CC:00:00:01\n"
            "add address=10.0.0.12 client-id=1:aa:bb:cc:0:0:1 mac-address=AA:BB:CC:00:00:01 server=s2\n")
    first = one(text, "/ip/dhcp-server/lease", [])
    assert len(first) == 3
    rows = [{".id": "*1", "address": "10.0.0.10", "mac-address": "AA:BB:CC:00:00:01", "server": "all"},
            {".id": "*2", "address": "10.0.0.11", "mac-address": "AA:BB:CC:00:00:01", "client-id": "1:aa:bb:cc:0:0:1",
             "server": "all"},
            {".id": "*3", "address": "10.0.0.12", "mac-address": "aa:bb:cc:00:00:01", "client-id": "1:aa:bb:cc:0:0:1",
             "server": "s2"}]
    assert one(text, "/ip/dhcp-server/lease", rows) == []
    assert one(text, "/ip/dhcp-server/lease", rows, state="overridden") == []


def test_two_entries_that_still_share_a_key_name_both_and_suggest_keys():
    text = "/ip dhcp-server lease\nadd address=10.0.0.10 mac-address=AA:BB:CC:00:00:01\nadd address=10.0.0.11 mac-address=AA:BB:CC:00:00:01\n"
    with pytest.raises(UserInputError, match=r"config\[0\] and .*config\[1\] have the same key .*give keys"):
        one(text, "/ip/dhcp-server/lease", [])


def test_static_dns_without_type_and_route_without_dst_address_are_found_again():
    text = "/ip dns static\nadd address=10.0.0.5 name=nas.lan\n/ip route\nadd gateway=192.0.2.1\n"
    assert one(text, "/ip/dns/static", [{".id": "*1", "address": "10.0.0.5", "name": "nas.lan"}]) == []
    assert one(text, "/ip/dns/static", [{".id": "*1", "address": "10.0.0.5", "name": "nas.lan", "type": "A"}]) == []
    assert one(text, "/ip/route", [{".id": "*1", "gateway": "192.0.2.1", "dst-address": "0.0.0.0/0",
                                    "routing-table": "main"}]) == []
    assert one(text, "/ip/route", [{".id": "*1", "gateway": "192.0.2.1", "dst-address": "0.0.0.0/0"}],
               version="6.49.10") == []


def test_overridden_from_an_export_leaves_fixed_entries_it_does_not_name_and_unknown_defaults():
    text = "/ip service\nset telnet disabled=yes\n"
    rows = [{".id": "*1", "name": "telnet", "port": "23", "disabled": "false"},
            {".id": "*2", "name": "www-ssl", "port": "443", "disabled": "true"}]
    assert one(text, "/ip/service", rows, state="overridden") == ["/ip/service/set [find name=telnet] disabled=yes"]


# ---------------------------------------------------------------------------------------------------------
# parsed uses the same mapping; the corpus reads whole


def test_parsed_is_the_same_mapping():
    text = "/interface ethernet\nset [ find default-name=ether1 ] name=wan\n/system logging\nset 0 action=disk\n"
    for path in ("/interface/ethernet", "/system/logging"):
        res = P.Resolved(P.Scope(path, "parsed", None, None, None, "", text), None)
        assert task.parse(res, text) == config(text, path)


# The corpus exports whose mapping fails, and why (the message names the line).
REFUSED = {
    # "add ... wireguard1 public-key=..." (line 5): an unnamed argument no data names the field of
    "v7-wireguard-ospf-nbma.rsc": r"line 5 \(/interface/wireguard/peers\): the bare word wireguard1 is no field",
}


@pytest.mark.parametrize("path", sorted(glob.glob(os.path.join(EXPORTS, "*.rsc"))), ids=os.path.basename)
def test_every_export_of_the_corpus_maps_and_checks(path):
    with open(path, encoding="utf-8", errors="surrogateescape") as fh:
        text = fh.read()
    if os.path.basename(path) in REFUSED:
        with pytest.raises(UserInputError, match=REFUSED[os.path.basename(path)]):
            X.menus_from_export(text)
        return
    for state in ("merged", "overridden"):
        for item in X.menus_from_export(text, state):
            scope = P.Scope(item["path"], item["state"], item["config"], None, None, item["path"], kind=item["kind"],
                            from_export=True)
            res = P.Resolved(scope, None)
            P.desired_entries(res, scope.state)


def test_rendered_of_an_export_sets_the_entries_it_names():
    from support.ctx import NoRouter
    from ansible_collections.tikops.routeros.plugins.modules import menu

    text = ("/interface ethernet\nset [ find default-name=ether1 ] name=wan\n/snmp community\nset [ find default=yes ] "
            "addresses=10.0.0.0/8\n/system logging\nset 0 action=disk\n/ip pool\nadd name=p ranges=10.0.0.1-10.0.0.5\n")
    ctx = NoRouter(path=None, config=X.ExportText(text, "x.rsc"), src="x.rsc", state="rendered", keys=None, where=None,
                   menus=None, update_secrets="on_create")
    assert menu.run(ctx)["rendered"] == [
        "/interface/ethernet/set [find default-name=ether1] name=wan",
        "/snmp/community/set [find default=yes] addresses=10.0.0.0/8",
        "/system/logging/set numbers=0 action=disk",
        "/ip/pool/add name=p ranges=10.0.0.1-10.0.0.5"]
    ctx = NoRouter(path=None, config=X.ExportText(text, "x.rsc"), src="x.rsc", state="deleted", keys=None, where=None,
                   menus=None, update_secrets="on_create")
    with pytest.raises(UserInputError, match="with an export, state is one of merged, replaced, overridden, rendered"):
        menu.run(ctx)


def test_a_bare_word_that_is_no_field_is_refused_naming_the_line():
    text = "/interface wireguard peers\nadd allowed-address=0.0.0.0/0 wireguard1 public-key=x\n"
    with pytest.raises(UserInputError, match="line 2 .*the bare word wireguard1 is no field of /interface/wireguard/peers"
                                             ".*write it as field=wireguard1"):
        X.menus_from_export(text)


def test_routeros6_menus_the_v7_data_describes_otherwise_follow_the_export():
    text = ("/routing filter\nadd action=accept chain=ospf-in prefix=10.0.0.0/8\nadd action=discard chain=ospf-in\n"
            "/mpls ldp\nset enabled=yes lsr-id=1.1.1.1\n/routing rip\nset redistribute-static=yes\n")
    got = items(text)
    assert one(text, "/routing/filter", [], version="6.48.6") == [
        "/routing/filter/add action=accept chain=ospf-in prefix=10.0.0.0/8", "/routing/filter/add action=discard chain=ospf-in"]
    assert one(text, "/mpls/ldp", [{"enabled": "false", "lsr-id": "0.0.0.0"}], version="6.48.6") == [
        "/mpls/ldp/set enabled=yes lsr-id=1.1.1.1"]
    assert got[("/routing/rip", "merged")]["kind"] == "settings"
    rules = [{".id": "*1", "action": "accept", "chain": "ospf-in", "prefix": "10.0.0.0/8"},
             {".id": "*2", "action": "discard", "chain": "ospf-in"}]
    assert one(text, "/routing/filter", rules, version="6.48.6", state="overridden") == []
    assert one(text, "/routing/filter", rules[::-1], version="6.48.6", state="overridden") == [
        "/routing/filter/move [find .id=*1] destination=*2"]


def test_path_limits_an_export_to_one_menu_and_keys_where_are_refused():
    text = "/ip pool\nadd name=p ranges=10.0.0.1-10.0.0.5\n/ip dns\nset servers=9.9.9.9\n"
    params = dict(config=X.ExportText(text, "x.rsc"), state="overridden", path="ip dns")
    (scope,) = task.export_scopes(params)
    assert (scope.path, scope.state, scope.entries[0][1]) == ("/ip/dns", "overridden", {"servers": "9.9.9.9"})
    assert [s.path for s in task.export_scopes(dict(params, path=None))] == ["/ip/pool", "/ip/dns"]
    with pytest.raises(UserInputError, match="src: x.rsc configures no menu /ip/route"):
        task.export_scopes(dict(params, path="/ip/route"))
    with pytest.raises(UserInputError, match="keys and where apply to one menu's config"):
        task.export_scopes(dict(params, where={"name": "p"}))


def test_a_find_of_an_entry_the_export_added_acts_on_that_entry():
    text = ("/ip firewall filter\nadd chain=input action=accept comment=ssh\nadd chain=input action=drop\n"
            "set [ find comment=ssh ] disabled=yes\n/ip firewall nat\nadd chain=srcnat action=masquerade comment=x\n"
            "remove [ find comment=x ]\n")
    assert config(text, "/ip/firewall/filter") == [
        {"chain": "input", "action": "accept", "comment": "ssh", "disabled": True}, {"chain": "input", "action": "drop"}]
    assert config(text, "/ip/firewall/nat") == []


def test_a_routeros6_settings_menu_that_holds_menus_in_routeros7_is_read_as_the_router_prints_it():
    for path in ("/mpls", "/routing/rip"):
        scope = P.Scope(path, "gathered", None, None, None, "")
        with pytest.raises(UserInputError, match="a menu of menus"):
            P.Resolved(scope, "6.48.6", [])  # not read: the data's word
        res = P.Resolved(scope, "6.48.6", [{"dynamic-label-range": "16-1048575"}], exists=True)
        assert res.kind == "settings"
        assert P.facts(res, [{"dynamic-label-range": "16-1048575"}]) == {"dynamic-label-range": "16-1048575"}


def test_an_interface_with_a_default_name_is_never_removed():
    text = "/interface wireless\nset [ find default-name=wlan1 ] ssid=home\nadd master-interface=wlan1 name=guest ssid=guest\n"
    rows = [{".id": "*1", "name": "wlan1", "default-name": "wlan1", "ssid": "MikroTik"},
            {".id": "*2", "name": "wlan2", "default-name": "wlan2", "ssid": "MikroTik"},
            {".id": "*3", "name": "old-vap", "master-interface": "wlan2", "ssid": "x"}]
    got = one(text, "/interface/wireless", rows, state="overridden")
    assert sorted(got) == ["/interface/wireless/add master-interface=wlan1 name=guest ssid=guest",
                           "/interface/wireless/remove [find name=old-vap]",
                           "/interface/wireless/set [find name=wlan1] ssid=home"]
