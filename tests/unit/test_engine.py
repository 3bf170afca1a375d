# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one planner (converge/planner.py), pure: declared menu + desired + current -> plan; and the apply layer's
round trips (converge/engine.py) over a fake session. No sockets."""

import pytest
from ansible_collections.tikops.routeros.plugins.module_utils.converge import engine as E
from ansible_collections.tikops.routeros.plugins.module_utils.converge import planner as PL
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import TrapError

ADDR = PL.Menu(path="/ip/address", keys=("address", "interface"),
               fields={"address": dict(kind="prefix"), "interface": dict(kind="str"),
                       "comment": dict(kind="str", default="", empty_is_absent=True),
                       "disabled": dict(kind="bool", default=False)},
               ref_fields=("interface",), protect=("dynamic",))

IFACE = PL.Menu(path="/interface/vlan", keys=("name",), name_field="name", ref_fields=("interface",),
                fields={"name": dict(), "vlan-id": dict(kind="int", required=True),
                        "interface": dict(required=True), "mtu": dict(kind="int", default=1500),
                        "comment": dict(default="", empty_is_absent=True), "disabled": dict(kind="bool", default=False),
                        "arp-timeout": dict(kind="duration", default="auto")})

BRIDGE = PL.Menu(path="/interface/bridge", keys=("name",), name_field="name",
                 fields={"name": dict(), "ageing-time": dict(kind="duration", default="5m"),
                         "vlan-filtering": dict(kind="bool", default=False)})

ETHER = PL.Menu(path="/interface/ethernet", keys=("name",), fixed=True, name_field="name",
                fields={"name": dict(default_from="default-name"), "mtu": dict(kind="int", default=1500),
                        "advertise": dict(kind="set"), "comment": dict(default="", empty_is_absent=True),
                        "l2mtu": dict(kind="int")},
                read_only=("default-name",))

RULES = PL.Menu(path="/ip/firewall/filter", keys=("comment",), ordered=True,
                fields={"comment": dict(), "chain": dict(), "action": dict()})

QUEUE = PL.Menu(path="/queue/simple", keys=("name",), fields={"name": dict(), "max-limit": dict(kind="size")})


def row(id_, **fields):
    out = {".id": id_}
    out.update((k.replace("_", "-"), v) for k, v in fields.items())
    return out


def want(menu, find=None, **values):
    return PL.Desired(menu, dict((k.replace("_", "-"), v) for k, v in values.items()), find=find)


def addresses():
    return [row("*1", address="10.0.0.1/24", interface="ether1", disabled="false", comment="lan"),
            row("*2", address="10.0.1.1/24", interface="ether2", disabled="false"),
            row("*3", address="192.168.1.7/24", interface="ether3", disabled="false", dynamic="true")]


# -- merged ---------------------------------------------------------------------------------------------


def test_merged_adds_missing_and_leaves_the_rest():
    plan = PL.plan_menu(ADDR, [want(ADDR, address="10.0.2.1/24", interface="ether2")], addresses(), "merged")
    assert plan.commands == ["/ip/address/add address=10.0.2.1/24 interface=ether2"]
    assert [op.action for op in plan] == ["add"]


def test_merged_sets_only_what_differs():
    plan = PL.plan_menu(ADDR, [want(ADDR, address="10.0.0.1/24", interface="ether1", comment="office", disabled=False)],
                        addresses(), "merged")
    assert plan.commands == ["/ip/address/set [find address=10.0.0.1/24 interface=ether1] comment=office"]
    op = plan.ops[0]
    assert op.request() == ("/ip/address", "set", {".id": "*1", "comment": "office"})


def test_merged_same_meaning_is_no_change():
    current = [row("*1", address="10.0.0.1/32", interface="ether1", disabled="true"),
               row("*2", address="2001:db8::1/64", interface="ether1", disabled="false")]
    desired = [want(ADDR, address="10.0.0.1", interface="ether1", disabled="yes"),
               want(ADDR, address="2001:DB8:0:0::1/64", interface="ether1", disabled=False)]
    assert not PL.plan_menu(ADDR, desired, current, "merged")


def test_size_and_duration_fields_converge():
    queue = [row("*1", name="q1", max_limit="26214400")]
    assert not PL.plan_menu(QUEUE, [want(QUEUE, name="q1", max_limit="25M")], queue, "merged")
    vlans = [row("*5", name="v10", vlan_id="10", interface="ether1", arp_timeout="1d00:00:00", mtu="1500")]
    assert not PL.plan_menu(IFACE, [want(IFACE, name="v10", vlan_id=10, arp_timeout="24h")], vlans, "merged")


def test_unknown_fields_pass_through_and_compare():
    vlans = [row("*5", name="v10", vlan_id="10", interface="ether1", **{"mvrp": "false"})]
    plan = PL.plan_menu(IFACE, [PL.Desired(IFACE, {"name": "v10", "mvrp": True})], vlans, "merged")
    assert plan.commands == ["/interface/vlan/set [find name=v10] mvrp=yes"]
    assert not PL.plan_menu(IFACE, [PL.Desired(IFACE, {"name": "v10", "mvrp": False})], vlans, "merged")


def test_empty_comment_against_absent_comment_is_no_change():
    assert not PL.plan_menu(ADDR, [want(ADDR, address="10.0.1.1/24", interface="ether2", comment="")],
                            addresses(), "merged")


def test_add_needs_required_fields():
    with pytest.raises(UserInputError, match="give interface"):
        PL.plan_menu(IFACE, [want(IFACE, name="v20", vlan_id=20)], [], "merged")


def test_listed_twice_fails():
    with pytest.raises(UserInputError, match="listed twice"):
        PL.plan_menu(ADDR, [want(ADDR, address="10.0.0.1/32", interface="ether1"),
                            want(ADDR, address="10.0.0.1", interface="ether1")], [], "merged")


def test_create_only_field_fails_before_anything():
    menu = PL.Menu(path="/x", keys=("name",), fields={"name": dict(), "kind": dict(create_only=True)})
    with pytest.raises(UserInputError, match="cannot be changed"):
        PL.plan_menu(menu, [want(menu, name="a", kind="b")], [row("*1", name="a", kind="c")], "merged")


# -- replaced / overridden ------------------------------------------------------------------------------


def test_replaced_resets_unlisted_fields_of_listed_entries():
    current = [row("*1", name="v10", vlan_id="10", interface="ether1", mtu="1400", comment="x", disabled="true")]
    plan = PL.plan_menu(IFACE, [want(IFACE, name="v10", vlan_id=10, interface="ether1")], current, "replaced")
    assert len(plan) == 1
    op = plan.ops[0]
    assert op.attrs == {"comment": "", "disabled": "no", "mtu": "1500"}
    # merged leaves them
    assert not PL.plan_menu(IFACE, [want(IFACE, name="v10", vlan_id=10, interface="ether1")], current, "merged")


def test_replaced_does_not_touch_unlisted_entries():
    plan = PL.plan_menu(ADDR, [want(ADDR, address="10.0.0.1/24", interface="ether1", comment="lan")],
                        addresses(), "replaced")
    assert not plan


def test_overridden_removes_unlisted_static_but_never_dynamic():
    plan = PL.plan_menu(ADDR, [want(ADDR, address="10.0.0.1/24", interface="ether1", comment="lan")],
                        addresses(), "overridden")
    assert plan.commands == ["/ip/address/remove [find address=10.0.1.1/24 interface=ether2]"]
    assert plan.ops[0].request() == ("/ip/address", "remove", {".id": "*2"})


def test_overridden_resets_fixed_entries_instead_of_removing():
    current = [row("*1", name="wan", default_name="ether1", mtu="1400", comment="up"),
               row("*2", name="ether2", default_name="ether2", mtu="1500")]
    plan = PL.plan_menu(ETHER, [want(ETHER, name="ether2")], current, "overridden")
    assert [op.action for op in plan] == ["set"]
    assert plan.ops[0].attrs == {"name": "ether1", "mtu": "1500", "comment": ""}
    assert plan.ops[0].phase == E.PHASE_RENAME


UNSETTABLE = PL.Menu(path="/ip/route", keys=("dst-address",),
                     fields={"dst-address": dict(kind="prefix"), "gateway": dict(),
                             "routing-mark": dict(unset=True, default=None), "pref-src": dict(unset=True, default=None),
                             "distance": dict(kind="int", default=1)})


def test_replaced_unsets_fields_that_have_no_default_value():
    current = [row("*4", dst_address="10.9.0.0/16", gateway="10.0.0.1", routing_mark="blue", pref_src="10.0.0.2",
                   distance="3")]
    plan = PL.plan_menu(UNSETTABLE, [want(UNSETTABLE, dst_address="10.9.0.0/16", gateway="10.0.0.1")], current,
                        "replaced")
    assert [(op.action, op.request()) for op in plan] == [
        ("set", ("/ip/route", "set", {".id": "*4", "distance": "1"})),
        ("unset", ("/ip/route", "unset", {"numbers": "*4", "value-name": "routing-mark"})),
        ("unset", ("/ip/route", "unset", {"numbers": "*4", "value-name": "pref-src"}))]
    assert plan.commands[1:] == ["/ip/route/unset [find dst-address=10.9.0.0/16] value-name=routing-mark",
                                 "/ip/route/unset [find dst-address=10.9.0.0/16] value-name=pref-src"]
    # the unsets are independent of each other: one batch, one round trip
    assert len(plan.batches()) == 1
    # already unset (absent from the row): nothing to do; merged never unsets
    done = [row("*4", dst_address="10.9.0.0/16", gateway="10.0.0.1", distance="1")]
    assert not PL.plan_menu(UNSETTABLE, [want(UNSETTABLE, dst_address="10.9.0.0/16", gateway="10.0.0.1")], done,
                            "replaced")
    assert not PL.plan_menu(UNSETTABLE, [want(UNSETTABLE, dst_address="10.9.0.0/16", gateway="10.0.0.1")], current,
                            "merged")


def test_unset_alone_carries_the_diff():
    current = [row("*4", dst_address="10.9.0.0/16", gateway="10.0.0.1", routing_mark="blue", distance="1")]
    plan = PL.plan_menu(UNSETTABLE, [want(UNSETTABLE, dst_address="10.9.0.0/16", gateway="10.0.0.1")], current,
                        "replaced")
    (op,) = plan.ops
    assert op.action == "unset" and op.before is not None and op.after is not None
    assert "routing-mark" in str(op.before) and "routing-mark" not in str(op.after)


# -- deleted --------------------------------------------------------------------------------------------


def test_deleted_by_partial_key():
    plan = PL.plan_menu(ADDR, [PL.Desired(ADDR, {"interface": "ether2"})], addresses(), "deleted")
    assert plan.commands == ["/ip/address/remove [find address=10.0.1.1/24 interface=ether2]"]


def test_deleted_without_config_removes_all_but_protected():
    plan = PL.plan_menu(ADDR, [], addresses(), "deleted")
    assert sorted(op.target for op in plan) == ["*1", "*2"]


def test_deleted_dynamic_is_a_warning_not_a_write():
    warnings = []
    plan = PL.plan_menu(ADDR, [want(ADDR, address="192.168.1.7/24", interface="ether3")], addresses(), "deleted",
                        warnings)
    assert not plan
    assert "dynamic" in warnings[0]


def test_deleted_absent_entry_is_no_change():
    assert not PL.plan_menu(ADDR, [want(ADDR, address="172.16.0.1/24", interface="ether1")], addresses(), "deleted")


def test_deleted_on_fixed_menu_resets():
    current = [row("*1", name="wan", default_name="ether1", mtu="1500", l2mtu="1598")]
    plan = PL.plan_menu(ETHER, [want(ETHER, name="wan")], current, "deleted")
    assert plan.commands == ["/interface/ethernet/set [find name=wan] name=ether1"]


# -- protection -----------------------------------------------------------------------------------------


def test_changing_a_dynamic_entry_fails_before_writing():
    with pytest.raises(UserInputError, match="dynamic or built-in"):
        PL.plan_menu(ADDR, [want(ADDR, address="192.168.1.7/24", interface="ether3", comment="mine")],
                     addresses(), "merged")


def test_dynamic_entry_that_already_matches_is_fine():
    assert not PL.plan_menu(ADDR, [want(ADDR, address="192.168.1.7/24", interface="ether3")], addresses(), "merged")


def test_builtin_entries_are_never_removed():
    menu = PL.Menu(path="/interface/list", keys=("name",), fields={"name": dict()})
    current = [row("*1", name="all", builtin="true"), row("*2", name="mine", builtin="false")]
    plan = PL.plan_menu(menu, [], current, "overridden")
    assert [op.target for op in plan] == ["*2"]


def test_fixed_menu_cannot_add():
    with pytest.raises(UserInputError, match="cannot be added"):
        PL.plan_menu(ETHER, [want(ETHER, name="ether9")], [], "merged")


# -- renames --------------------------------------------------------------------------------------------


def test_rename_by_find_is_a_set_of_the_name():
    current = [row("*7", name="vlan10", vlan_id="10", interface="ether1")]
    plan = PL.plan_menu(IFACE, [want(IFACE, find={"name": "vlan10"}, name="users", comment="u")], current, "merged")
    assert plan.commands == ["/interface/vlan/set [find name=vlan10] name=users comment=u"]
    assert plan.ops[0].action == "set" and plan.ops[0].target == "*7"
    assert plan.ops[0].provides == frozenset(["vlan10", "users"])


def test_rename_is_idempotent():
    current = [row("*7", name="users", vlan_id="10", interface="ether1", comment="u")]
    assert not PL.plan_menu(IFACE, [want(IFACE, find={"name": "vlan10"}, name="users", comment="u")], current, "merged")


def test_rename_by_default_name():
    current = [row("*1", name="ether1", default_name="ether1", mtu="1500")]
    plan = PL.plan_menu(ETHER, [want(ETHER, find={"default-name": "ether1"}, name="wan")], current, "replaced")
    assert plan.commands == ["/interface/ethernet/set [find name=ether1] name=wan"]


def test_rename_never_removes_and_adds_under_overridden():
    current = [row("*7", name="vlan10", vlan_id="10", interface="ether1")]
    plan = PL.plan_menu(IFACE, [want(IFACE, find={"name": "vlan10"}, name="users", vlan_id=10, interface="ether1")],
                        current, "overridden")
    assert [op.action for op in plan] == ["set"]


# -- ordering and batches --------------------------------------------------------------------------------


def test_phases_and_dependencies():
    vlans = [row("*9", name="old", vlan_id="9", interface="br0")]
    bridges = [row("*8", name="br0", ageing_time="5m")]
    plan = E.Plan()
    plan.extend(PL.plan_menu(IFACE, [want(IFACE, name="v10", vlan_id=10, interface="br1")], vlans, "overridden"))
    plan.extend(PL.plan_menu(BRIDGE, [want(BRIDGE, name="br1")], bridges, "overridden"))
    ordered = plan.ordered()
    actions = [(op.action, op.path) for op in ordered]
    # removals first (the vlan that uses br0 before br0), then the bridge add before the vlan add that needs it
    assert actions == [("remove", "/interface/vlan"), ("remove", "/interface/bridge"),
                       ("add", "/interface/bridge"), ("add", "/interface/vlan")]
    batches = ordered.batches()
    # the vlan add references br1, which the bridge add provides: it waits for it
    assert [[op.action for op in b] for b in batches] == [["remove", "remove", "add"], ["add"]]


def test_independent_changes_are_one_batch():
    desired = [want(ADDR, address="10.9.%d.1/24" % i, interface="ether1") for i in range(50)]
    plan = PL.plan_menu(ADDR, desired, [], "merged").ordered()
    assert len(plan.batches()) == 1 and len(plan) == 50


def test_rename_comes_before_add_that_uses_the_name():
    ether = [row("*1", name="ether1", default_name="ether1")]
    plan = E.Plan()
    plan.extend(PL.plan_menu(IFACE, [want(IFACE, name="v10", vlan_id=10, interface="wan")], [], "merged"))
    plan.extend(PL.plan_menu(ETHER, [want(ETHER, find={"default-name": "ether1"}, name="wan")], ether, "merged"))
    ordered = plan.ordered()
    assert [op.action for op in ordered] == ["set", "add"]
    assert len(ordered.batches()) == 2


def test_rename_that_also_moves_to_a_new_parent_is_split():
    vlans = [row("*7", name="v10", vlan_id="10", interface="ether1")]
    plan = E.Plan()
    plan.extend(PL.plan_menu(IFACE, [want(IFACE, find={"name": "v10"}, name="users", interface="br9")], vlans, "merged"))
    plan.extend(PL.plan_menu(BRIDGE, [want(BRIDGE, name="br9")], [], "merged"))
    ordered = plan.ordered()
    assert ordered.commands == ["/interface/vlan/set [find name=v10] name=users",
                                "/interface/bridge/add name=br9",
                                "/interface/vlan/set [find name=users] interface=br9"]
    assert [len(b) for b in ordered.batches()] == [2, 1]


def test_moves_for_ordered_menus():
    current = [row("*1", comment="a", chain="input", action="accept"),
               row("*2", comment="b", chain="input", action="accept"),
               row("*3", comment="c", chain="input", action="drop")]
    desired = [want(RULES, comment="c"), want(RULES, comment="a"), want(RULES, comment="b")]
    plan = PL.plan_menu(RULES, desired, current, "merged")
    assert [op.action for op in plan] == ["move"]
    assert plan.ops[0].request() == ("/ip/firewall/filter", "move", {"numbers": "*3", "destination": "*1"})
    in_order = [want(RULES, comment="a"), want(RULES, comment="b"), want(RULES, comment="c")]
    assert not PL.plan_menu(RULES, in_order, current, "merged")


# -- shown --------------------------------------------------------------------------------------------


def test_commands_quote_values():
    plan = PL.plan_menu(ADDR, [want(ADDR, address="10.0.0.1/24", interface="ether1", comment='say "hi" $x')],
                        addresses(), "merged")
    assert plan.commands == ['/ip/address/set [find address=10.0.0.1/24 interface=ether1] comment="say \\"hi\\" \\$x"']


def test_diff_before_after():
    plan = PL.plan_menu(ADDR, [want(ADDR, address="10.0.0.1/24", interface="ether1", comment="office")],
                        addresses(), "overridden")
    diff = plan.ordered().diff(header="ip_addresses")
    assert "comment=lan" in diff["before"] and "comment=office" in diff["after"]
    assert "10.0.1.1/24" in diff["before"] and "10.0.1.1/24" not in diff["after"]
    assert diff["before_header"] == "ip_addresses (before)"


def test_render_adds_and_sets_fixed():
    desired = [want(ETHER, find={"default-name": "ether1"}, name="wan", mtu=1500),
               want(IFACE, name="v10", vlan_id=10, interface="wan")]
    assert PL.render(desired).commands == [
        "/interface/ethernet/set [find default-name=ether1] name=wan mtu=1500",
        "/interface/vlan/add name=v10 vlan-id=10 interface=wan"]


def test_key_queries():
    assert E.key_queries("address", ["a"]) == ["?address=a"]
    assert E.key_queries("address", ["a", "b", "c"]) == ["?address=a", "?address=b", "?address=c", "?#||"]


# -- apply (fake session: the wire tests use the simulator) ----------------------------------------------


class FakeSession:
    def __init__(self, fail_on=()):
        self.pipelines = []
        self.fail_on = fail_on

    def pipeline(self, specs, raise_on_trap=True):
        self.pipelines.append(specs)
        out = []
        for spec in specs:
            if spec["attributes"].get("interface") in self.fail_on:
                out.append(TrapError([{"message": "input does not match any value of interface"}],
                                     ["/ip/address/add"]))
            else:
                out.append(object())
        return out


def test_apply_one_round_trip_and_failure_report():
    desired = [want(ADDR, address="10.9.%d.1/24" % i, interface="ether1" if i != 2 else "nope") for i in range(4)]
    vlan_plan = PL.plan_menu(IFACE, [want(IFACE, name="v1", vlan_id=1, interface="x")], [], "merged")
    plan = PL.plan_menu(ADDR, desired, [], "merged")
    assert E.apply_plan(FakeSession(), plan.ordered()) == 1
    session = FakeSession(fail_on=("nope",))
    # a second batch that depends on the first is not attempted
    dependent = E.Op(E.SET, "/ip/address", target="*1", attrs={"comment": "x"}, where={"address": "a"},
                     refs=("v1",))
    whole = E.Plan(list(vlan_plan.ops) + list(plan.ops) + [dependent])
    with pytest.raises(E.ApplyError) as info:
        E.apply_plan(session, whole)
    err = info.value
    assert len(session.pipelines) == 1
    assert err.failed == [{"command": "/ip/address/add address=10.9.2.1/24 interface=nope",
                           "error": "input does not match any value of interface"}]
    assert len(err.applied) == 4
    assert err.not_attempted == ["/ip/address/set [find address=a] comment=x"]
    assert "1 of the planned changes" in str(err)
