# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Writes whose reply never came, classified by reading their menus back (engine.verify_writes). No sockets."""

from ansible_collections.tikops.routeros.plugins.module_utils.converge import engine as E
from ansible_collections.tikops.routeros.plugins.module_utils.converge import planner as PL

ADDR = PL.Menu(path="/ip/address", keys=("address", "interface"),
               fields={"address": dict(kind="prefix"), "interface": dict(kind="str"),
                       "comment": dict(kind="str", default="", empty_is_absent=True),
                       "disabled": dict(kind="bool", default=False)},
               ref_fields=("interface",), protect=("dynamic",))
VLAN = PL.Menu(path="/interface/vlan", keys=("name",), name_field="name", ref_fields=("interface",),
               fields={"name": dict(), "vlan-id": dict(kind="int"), "interface": dict(),
                       "comment": dict(default="", empty_is_absent=True)})
USER = PL.Menu(path="/user", keys=("name",), fields={"name": dict(), "password": dict()})


class Rows:
    """A session whose prints return ``rows`` (path -> rows), as a new session after a lost connection would."""

    def __init__(self, rows):
        self.rows = rows

    def pipeline(self, specs):
        return [type("Result", (), {"rows": self.rows.get(spec["path"], [])})() for spec in specs]


def plan(menu, values, row, state="merged"):
    return PL.plan_menu(menu, [PL.Desired(menu, values)], [row], state).ordered().ops


def test_a_comment_set_where_there_was_none_is_told_apart():
    row = {".id": "*2", "address": "10.8.2.1/24", "interface": "ether3", "disabled": "false"}  # no comment: empty
    ops = plan(ADDR, {"address": "10.8.2.1/24", "interface": "ether3", "comment": "swept"}, row)
    assert [op.command() for op in ops] == ["/ip/address/set [find address=10.8.2.1/24 interface=ether3] comment=swept"]
    assert E.verify_writes(Rows({"/ip/address": [row]}), ops) == ([], [ops[0].command()], [])
    took = dict(row, comment="swept")
    assert E.verify_writes(Rows({"/ip/address": [took]}), ops) == ([ops[0].command()], [], [])
    other = dict(row, comment="someone else")
    assert E.verify_writes(Rows({"/ip/address": [other]}), ops) == ([], [], [ops[0].command()])


def test_both_writes_of_a_rename_are_told_apart():
    row = {".id": "*5", "name": "vlan10", "vlan-id": "10", "interface": "ether1"}
    ops = PL.plan_menu(VLAN, [PL.Desired(VLAN, {"name": "vlan10-users", "interface": "bridge1", "comment": "users"},
                                         find={"name": "vlan10"})], [row], "merged").ordered().ops
    assert len(ops) == 2  # the rename first, then the rest (which may need what the rename provides)
    assert E.verify_writes(Rows({"/interface/vlan": [row]}), ops) == ([], [op.command() for op in ops], [])


def test_a_field_the_router_never_shows_stays_unknown():
    row = {".id": "*1", "name": "ops"}  # a password is never printed: its absence says nothing
    ops = plan(USER, {"name": "ops", "password": "n3w"}, row)
    assert E.verify_writes(Rows({"/user": [row]}), ops) == ([], [], [ops[0].command()])
