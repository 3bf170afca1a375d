# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The general rules that let real exports converge, pure (no sockets): a verbose export's ``!field``, a RouterOS 6
settings menu the 7.x data lists as entries, RouterOS 6 routes keyed by routing-mark, several watches of one host,
``set [ find ]`` (every entry), and a field the data does not know where the data is not complete for the release."""

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.catalog import catalog
from ansible_collections.tikops.routeros.plugins.module_utils.converge import engine
from ansible_collections.tikops.routeros.plugins.module_utils.menu import export_in
from ansible_collections.tikops.routeros.plugins.module_utils.menu import planner as P
from ansible_collections.tikops.routeros.plugins.module_utils.menu import task
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError


def scope_of(path, config, state="merged", kind=None, from_export=False):
    return P.Scope(path, state, config, None, None, "", None, kind=kind, from_export=from_export)


def plan(path, config, rows, version, state="merged", kind=None, from_export=False, exists=True):
    res = P.Resolved(scope_of(path, config, state, kind, from_export), version, rows, exists=exists)
    ops = P.plan_scope(res, P.visible_rows(res, rows), state, False)
    return engine.Plan(P.mask_ops(ops)).ordered().commands


def export_plan(text, rows_of, version, state="merged"):
    out = []
    for item in export_in.menus_from_export(text, state):
        rows = rows_of.get(item["path"], [])
        out += plan(item["path"], item["config"], rows, version, item["state"], item["kind"], True)
    return out


# ---------------------------------------------------------------------------------------------------------
# !field


def test_a_negated_field_that_is_not_yes_no_is_left_out_never_sent_as_no():
    text = ("/ip firewall filter\n"
            "add action=accept chain=forward !connection-bytes !connection-limit connection-state=established "
            "!dst-port log=no src-address=192.168.1.0/24 !tls-host\n")
    (item,) = export_in.menus_from_export(text)
    entry = item["config"][0]
    assert entry == {"action": "accept", "chain": "forward", "connection-state": "established", "log": False,
                     "src-address": "192.168.1.0/24"}
    assert plan("/ip/firewall/filter", item["config"], [], "6.48.1", from_export=True) == [
        "/ip/firewall/filter/add action=accept chain=forward connection-state=established log=no "
        "src-address=192.168.1.0/24"]


def test_a_negated_yes_no_field_is_no_and_an_untyped_or_unknown_one_is_left_out():
    (item,) = export_in.menus_from_export("/ip firewall mangle\nadd action=mark-packet chain=prerouting "
                                          "new-packet-mark=x !passthrough\n")
    assert item["config"][0]["passthrough"] is False  # a yes/no field (its reset value is yes)
    (item,) = export_in.menus_from_export("/routing ospf instance\nset [ find default=yes ] !domain-id "
                                          "!domain-tag router-id=10.254.0.5\n")
    assert item["config"] == [{"find": {"default": True}, "router-id": "10.254.0.5"}]
    (item,) = export_in.menus_from_export("/no such menu\nadd a=b !c\n")
    assert item["config"] == [{"a": "b"}]


# ---------------------------------------------------------------------------------------------------------
# a settings menu on the router that the 7.x data lists as entries


def test_a_menu_the_router_prints_as_one_settings_object_is_set_not_added():
    # RouterOS 6's /mpls/ldp prints one object without an id; RouterOS 7's /mpls/ldp is a list of instances
    row = {"enabled": "false", "transport-address": "0.0.0.0", "lsr-id": "0.0.0.0"}
    res = P.Resolved(scope_of("/mpls/ldp", {"enabled": True, "transport-address": "3.3.3.3"}), "6.47.9", [row],
                     exists=True)
    assert res.kind == catalog.SETTINGS
    assert plan("/mpls/ldp", {"enabled": True, "transport-address": "3.3.3.3"}, [row], "6.47.9") == [
        "/mpls/ldp/set enabled=yes transport-address=3.3.3.3"]
    done = dict(row, enabled="true", **{"transport-address": "3.3.3.3"})
    assert plan("/mpls/ldp", {"enabled": True, "transport-address": "3.3.3.3"}, [done], "6.47.9") == []
    # a list's rows carry ids, even one of them: the data's kind stays
    assert P.Resolved(scope_of("/mpls/ldp", [{"vrf": "main"}]), "6.47.9", [dict(row, **{".id": "*1"})],
                      exists=True).kind == catalog.LIST
    # and where a tree of the release describes the menu, the tree's kind is kept
    assert P.Resolved(scope_of("/mpls/ldp", [{"vrf": "main"}]), "7.16", [], exists=True).kind == catalog.LIST


# ---------------------------------------------------------------------------------------------------------
# RouterOS 6 routes


def test_routeros_6_routes_are_keyed_by_routing_mark():
    text = ("/ip route\n"
            "add distance=1 gateway=192.168.50.1 routing-mark=isp1\n"
            "add distance=1 gateway=192.168.50.1 routing-mark=isp2\n"
            "add distance=1 gateway=192.168.50.1\n")
    (item,) = export_in.menus_from_export(text)
    res = P.Resolved(scope_of("/ip/route", item["config"], from_export=True), "6.48.6", [], exists=True)
    assert res.keys == ("dst-address", "gateway", "routing-mark")
    assert plan("/ip/route", item["config"], [], "6.48.6", from_export=True) == [
        "/ip/route/add distance=1 gateway=192.168.50.1 routing-mark=isp1",
        "/ip/route/add distance=1 gateway=192.168.50.1 routing-mark=isp2",
        "/ip/route/add distance=1 gateway=192.168.50.1"]
    rows = [{".id": "*%d" % i, "dst-address": "0.0.0.0/0", "gateway": "192.168.50.1", "distance": "1",
             "scope": "30", "target-scope": "10", "active": "true", "static": "true"} for i in (1, 2, 3)]
    rows[0]["routing-mark"] = "isp1"
    rows[1]["routing-mark"] = "isp2"
    assert plan("/ip/route", item["config"], rows, "6.48.6", from_export=True) == []
    # RouterOS 7 keeps its routing tables
    assert P.Resolved(scope_of("/ip/route", []), "7.16", []).keys == ("dst-address", "gateway", "routing-table")
    with pytest.raises(UserInputError, match="listed twice"):
        plan("/ip/route", [{"gateway": "192.168.50.1"}, {"gateway": "192.168.50.1"}], [], "6.48.6")


# ---------------------------------------------------------------------------------------------------------
# netwatch


def test_one_host_watched_twice_is_two_entries_matched_on_their_fields():
    config = [{"host": "8.8.8.8", "interval": "1s", "timeout": "250ms"},
              {"host": "8.8.8.8", "interval": "1s", "timeout": "500ms"}]
    assert plan("/tool/netwatch", config, [], "7.16") == [
        "/tool/netwatch/add host=8.8.8.8 interval=1s timeout=250ms",
        "/tool/netwatch/add host=8.8.8.8 interval=1s timeout=500ms"]
    rows = [{".id": "*1", "host": "8.8.8.8", "interval": "1s", "timeout": "500ms", "status": "up"},
            {".id": "*2", "host": "8.8.8.8", "interval": "1s", "timeout": "250ms", "status": "up"}]
    assert plan("/tool/netwatch", config, rows, "7.16") == []
    assert plan("/tool/netwatch", config[:1], rows, "7.16", state="overridden") == [
        "/tool/netwatch/remove [find .id=*1]"]


# ---------------------------------------------------------------------------------------------------------
# set [ find ]


def test_set_find_without_conditions_is_every_entry():
    text = "/interface lte\nset [ find ] allow-roaming=no\n"
    (item,) = export_in.menus_from_export(text)
    assert item["config"] == [{"find": {}, "allow-roaming": "no"}]
    rows = [{".id": "*1", "name": "lte1", "default-name": "lte1", "allow-roaming": "true"},
            {".id": "*2", "name": "lte2", "default-name": "lte2", "allow-roaming": "false"},
            {".id": "*3", "name": "lte3", "allow-roaming": "true", "dynamic": "true"}]
    assert export_plan(text, {"/interface/lte": rows}, "7.16") == ["/interface/lte/set [find name=lte1] allow-roaming=no"]
    # a menu of one entry: that entry, renamed as the export of a router with one modem does it
    renamed = export_plan("/interface lte\nset [ find ] allow-roaming=no name=lte1\n", {"/interface/lte": [
        {".id": "*1", "name": "lte", "default-name": "lte", "allow-roaming": "true"}]}, "7.16")
    assert renamed == ["/interface/lte/set [find name=lte] allow-roaming=no name=lte1"]
    # a router without such an entry: nothing to change (never an addition, never an error)
    assert export_plan(text, {}, "7.16") == []
    # overridden keeps the entries it names
    assert plan("/interface/lte", item["config"], rows[1:2], "7.16", state="overridden", kind="list",
                from_export=True) == []


def test_set_find_without_conditions_after_an_addition_is_not_that_entry():
    text = "/tool netwatch\nadd host=10.0.0.1\nset [ find ] disabled=yes\n"
    (item,) = export_in.menus_from_export(text)
    assert item["config"] == [{"host": "10.0.0.1"}, {"find": {}, "disabled": True}]


# ---------------------------------------------------------------------------------------------------------
# a field the data does not know


@pytest.mark.parametrize("version", ["6.48.1", "7.1", "7.99"])
def test_a_field_unknown_to_incomplete_data_is_sent(version):
    ops = plan("/system/logging/action", [{"name": "s", "target": "remote", "a-later-field": "x"}], [], version)
    assert ops == ["/system/logging/action/add name=s target=remote a-later-field=x"]


def test_a_field_a_tree_of_the_release_lacks_is_refused():
    with pytest.raises(UserInputError, match="a-later-field is not a writable field of /system/logging/action"):
        plan("/system/logging/action", [{"name": "s", "a-later-field": "x"}], [], "7.16")


def test_the_6_48_fields_of_the_routeros_6_table():
    assert plan("/ip/neighbor/discovery-settings", {"discover-interface-list": "!dynamic",
                                                    "lldp-med-net-policy-vlan": "disabled", "protocol": "cdp,lldp,mndp"},
                [{"discover-interface-list": "all"}], "6.48.1") == [
        "/ip/neighbor/discovery-settings/set discover-interface-list=\"!dynamic\" lldp-med-net-policy-vlan=disabled "
        "protocol=cdp,lldp,mndp"]
    assert plan("/system/logging/action", [{"name": "syslog", "target": "remote", "syslog-time-format": "bsd-syslog"}],
                [], "6.48.1") == ["/system/logging/action/add name=syslog target=remote syslog-time-format=bsd-syslog"]


def test_set_find_without_conditions_changes_the_entries_listed_before_it_and_renders_as_find():
    text = "/interface list\nadd name=LAN\nset [ find ] comment=managed\nadd name=WAN\n"
    assert export_plan(text, {}, "7.16") == ["/interface/list/add name=LAN comment=managed",
                                             "/interface/list/add name=WAN"]
    rows = [{".id": "*1", "name": "LAN", "comment": "managed"}, {".id": "*2", "name": "WAN"},
            {".id": "*3", "name": "all", "builtin": "true"}]
    assert export_plan(text, {"/interface/list": rows}, "7.16") == []
    (item,) = export_in.menus_from_export(text, "rendered")
    res = P.Resolved(scope_of(item["path"], item["config"], "rendered", item["kind"], True), None)
    assert task.render(res) == ["/interface/list/add name=LAN", "/interface/list/set [find] comment=managed",
                                "/interface/list/add name=WAN"]


def src_plan(text, rows_of, version, state="merged"):
    """The plan of ``src:`` export text, as the module makes it (its scopes keep the export's !field)."""
    out = []
    for scope in task.export_scopes(dict(config=dict(text=text, name="x.rsc"), state=state)):
        rows = rows_of.get(scope.path, [])
        res = P.Resolved(scope, version, rows, exists=True)
        out += engine.Plan(P.mask_ops(P.plan_scope(res, P.visible_rows(res, rows), state, False))).ordered().commands
    return out


def test_a_negated_field_of_src_is_unset_where_the_entry_has_a_value():
    text = ("/routing ospf instance\nset [ find default=yes ] !domain-id !domain-tag router-id=10.254.0.5\n"
            "/ip firewall filter\nadd action=drop chain=forward !connection-bytes src-address=10.0.0.0/8\n")
    ospf = [{".id": "*1", "name": "default", "default": "true", "router-id": "0.0.0.0", "domain-id": "1.2.3.4"}]
    rule = {".id": "*2", "chain": "forward", "action": "drop", "src-address": "10.0.0.0/8", "log": "false",
            "connection-bytes": "5000000-0"}
    assert src_plan(text, {"/routing/ospf/instance": ospf, "/ip/firewall/filter": [rule]}, "6.48.1") == [
        "/routing/ospf/instance/set [find name=default] router-id=10.254.0.5",
        "/routing/ospf/instance/unset [find name=default] value-name=domain-id",
        # a rule holding a value the export's rule has none of is another rule
        "/ip/firewall/filter/add action=drop chain=forward src-address=10.0.0.0/8"]
    done = [dict(ospf[0], **{"router-id": "10.254.0.5"})]
    del done[0]["domain-id"]
    rule2 = dict(rule, **{".id": "*3"})
    del rule2["connection-bytes"]
    assert src_plan(text, {"/routing/ospf/instance": done, "/ip/firewall/filter": [rule, rule2]}, "6.48.1") == []
    # state parsed and plain menus items never hold the !field
    assert export_in.config_of(text, "/routing/ospf/instance") == [{"find": {"default": True}, "router-id": "10.254.0.5"}]


def test_a_later_value_replaces_a_negation_and_the_reverse():
    text = "/interface lte\nset [ find default-name=lte1 ] !apn-profiles\nset [ find default-name=lte1 ] apn-profiles=x\n"
    (item,) = export_in.menus_from_export(text, absent=True)
    assert item["config"] == [{"default-name": "lte1", "apn-profiles": "x"}]
    text = "/interface lte\nset [ find default-name=lte1 ] apn-profiles=x\nset [ find default-name=lte1 ] !apn-profiles\n"
    (item,) = export_in.menus_from_export(text, absent=True)
    assert item["config"] == [{"default-name": "lte1", "!apn-profiles": True}]


# ---------------------------------------------------------------------------------------------------------
# what --diagnose found behind the first causes


def test_an_ospf_network_the_export_leaves_out_is_every_address():
    text = "/routing ospf network\nadd area=backbone\n"
    rows = [{".id": "*1", "network": "0.0.0.0/0", "area": "backbone", "invalid": "false", "disabled": "false"}]
    assert export_plan(text, {"/routing/ospf/network": rows}, "6.47.9") == []
    assert export_plan(text, {"/routing/ospf/network": []}, "6.47.9") == ["/routing/ospf/network/add area=backbone"]


def test_an_addition_to_an_ordered_menu_at_its_end_comes_before_the_entries_that_name_it():
    text = ("/ip route\nadd gateway=10.0.0.1@CE1 routing-table=CE1\n"
            "/ip vrf\nadd interfaces=ether2 name=CE1\n")
    ops = []
    for item in export_in.menus_from_export(text):
        res = P.Resolved(scope_of(item["path"], item["config"], kind=item["kind"], from_export=True), "7.16", [],
                         exists=True)
        ops += P.plan_scope(res, [], "merged", False)
    assert [op.command() for op in engine.Plan(ops).ordered().ops] == [
        "/ip/vrf/add interfaces=ether2 name=CE1",
        "/ip/route/add gateway=10.0.0.1@CE1 routing-table=CE1 dst-address=0.0.0.0/0"]
    # in an ordered menu, whatever the moves, the order the router ends with is the listed one
    for listed in (["B", "A", "C"], ["A", "C", "B"], ["C", "B", "A"], ["B", "C", "A"], ["B", "C", "A", "D"]):
        for names in (["A", "B"], ["B", "A"], ["A", "B", "X"], ["A", "B", "C"]):
            rows = [{".id": "*%d" % n, "name": name} for n, name in enumerate(names, 1)]
            res = P.Resolved(scope_of("/ip/vrf", [{"name": n} for n in listed], "overridden"), "7.16", rows)
            ops = engine.Plan(P.plan_scope(res, rows, "overridden", False)).ordered().ops
            assert applied(rows, ops) == listed, (names, listed, [op.command() for op in ops])


def applied(rows, ops):
    """The names in the order a router holds them after ``ops`` (add at the end or before place-before, move before
    the destination or to the end, remove)."""
    order = [(r[".id"], r["name"]) for r in rows]
    for n, op in enumerate(ops):
        if op.action == "remove":
            order = [e for e in order if e[0] != op.target]
            continue
        if op.action == "add":
            entry, before = ("*new%d" % n, op.attrs["name"]), op.attrs.get("place-before")
        elif op.action == "move":
            entry = [e for e in order if e[0] == op.target][0]
            order.remove(entry)
            before = op.destination
        else:
            continue
        at = [i for i, e in enumerate(order) if e[0] == before]
        order.insert(at[0] if at else len(order), entry)
    return [name for _id, name in order]


def test_a_negated_field_the_router_prints_as_its_unset_word_is_without_value():
    text = "/ip pool\nadd name=p1 !next-pool ranges=10.9.1.10-10.9.1.20\n"
    pool = {".id": "*1", "name": "p1", "ranges": "10.9.1.10-10.9.1.20", "next-pool": "none"}
    assert src_plan(text, {"/ip/pool": [pool]}, "6.48.1") == []
    assert src_plan(text, {"/ip/pool": [dict(pool, **{"next-pool": "p2"})]}, "6.48.1") == [
        "/ip/pool/unset [find name=p1] value-name=next-pool"]
