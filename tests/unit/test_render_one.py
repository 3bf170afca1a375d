# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""State rendered has one renderer (converge/planner.render) for the resource modules and the menu module: the
same entries give the same text, secrets are masked in both, and one order rule holds for both (the listed order,
with the line that makes a name before the lines that use it)."""

from ansible_collections.tikops.routeros.plugins.module_utils.converge import planner as PL
from ansible_collections.tikops.routeros.plugins.module_utils.menu import task
from ansible_collections.tikops.routeros.plugins.modules import interfaces as IF
from ansible_collections.tikops.routeros.plugins.modules import ip_addresses as IP
from support.ctx import NoRouter


def menu_rendered(**params):
    params.setdefault("state", "rendered")
    return task.run_menu(NoRouter(**params))["rendered"]


def test_ip_addresses_and_the_menu_module_render_the_same_text():
    entries = [dict(address="192.0.2.1/24", interface="ether1", comment='lan "a" $x'),
               dict(address="198.51.100.1/30", interface="wan", disabled=True)]
    resource = IP.run(NoRouter(state="rendered", config=entries))["rendered"]
    menu = menu_rendered(path="/ip/address", config=entries)
    assert resource == menu == [
        '/ip/address/add address=192.0.2.1/24 interface=ether1 comment="lan \\"a\\" \\$x"',
        "/ip/address/add address=198.51.100.1/30 interface=wan disabled=yes"]


def test_secrets_are_masked_by_a_declared_menu_and_by_the_menu_module():
    declared = PL.Menu("/ppp/secret", keys=["name"], name_field="name")
    resource = PL.render([PL.Desired(declared, {"name": "u1", "password": "hunter2", "service": "pppoe"})]).commands
    menu = menu_rendered(path="/ppp/secret", config=[{"name": "u1", "password": "hunter2", "service": "pppoe"}])
    assert resource == menu == ["/ppp/secret/add name=u1 password=******** service=pppoe"]
    # a secret in the fields that find a fixed entry is masked too
    fixed = PL.Menu("/x/y", keys=["name"], fixed=True)
    shown = PL.render([PL.Desired(fixed, {"comment": "c"}, find={"secret": "s3"})]).commands
    assert shown == ["/x/y/set [find secret=********] comment=c"]
    assert "hunter2" not in " ".join(resource + menu)


def test_one_order_rule_for_both_modules():
    # the menu module: a rule listed before the interface list it names comes after the list's add; the rest keeps
    # the listed order (the two filter rules are not swapped)
    lines = task.run_menu(NoRouter(state="rendered", menus=[
        dict(path="/ip/firewall/filter", config=[dict(chain="forward", in_interface_list="UPLINKS", action="drop"),
                                                 dict(chain="input", action="accept")]),
        dict(path="/interface/list", config=[dict(name="UPLINKS")])]))
    assert lines["rendered"] == [
        "/interface/list/add name=UPLINKS",
        "/ip/firewall/filter/add chain=forward in-interface-list=UPLINKS action=drop",
        "/ip/firewall/filter/add chain=input action=accept"]
    # each item keeps its own lines
    assert [m["rendered"] for m in lines["menus"]] == [lines["rendered"][1:], lines["rendered"][:1]]
    # the resource module: the renames first; the VLAN on the bridge listed after it comes after the bridge; the
    # rest in the listed order
    rendered = IF.run(NoRouter(state="rendered", config=[
        dict(name="lo", comment="loopback"),
        dict(name="vlan10", type="vlan", vlan_id=10, interface="br1"),
        dict(name="br1", type="bridge"),
        dict(name="v20", type="vlan", vlan_id=20, interface="wan"),
        dict(name="wan", default_name="ether1")]))["rendered"]
    assert rendered == [
        "/interface/ethernet/set [find default-name=ether1] name=wan",
        "/interface/set [find name=lo] comment=loopback",
        "/interface/bridge/add name=br1",
        "/interface/vlan/add name=vlan10 vlan-id=10 interface=br1",
        "/interface/vlan/add name=v20 vlan-id=20 interface=wan"]
    # the menu module: the same rule (a rename after an add that takes the old name goes first)
    lines = task.run_menu(NoRouter(state="rendered", menus=[
        dict(path="/interface/bridge", config=[dict(name="ether1")]),
        dict(path="/interface/ethernet", config=[dict(name="wan", rename_from="ether1")])]))["rendered"]
    assert lines == ["/interface/ethernet/set [find name=ether1] name=wan", "/interface/bridge/add name=ether1"]


def test_the_menu_module_renders_a_rename_as_a_set_of_the_old_name():
    assert menu_rendered(path="/interface/ethernet", config=[dict(name="wan", rename_from="ether1", mtu=1500)]) == [
        "/interface/ethernet/set [find name=ether1] name=wan mtu=1500"]
    # a fixed entry given nothing but its key has nothing to write
    assert menu_rendered(path="/ip/service", config=[dict(name="www"), dict(name="ssh", port=2222)]) == [
        "/ip/service/set [find name=ssh] port=2222"]
