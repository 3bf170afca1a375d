# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The two module families share one planner (converge/planner.py) and one move algorithm. No sockets."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.tikops.routeros.plugins.module_utils.converge import planner as PL
from ansible_collections.tikops.routeros.plugins.module_utils.converge import resource_ip_addresses as RIP
from ansible_collections.tikops.routeros.plugins.module_utils.core import values as V
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError
from ansible_collections.tikops.routeros.plugins.module_utils.menu import planner as P

ROWS = [{".id": "*1", "address": "10.0.0.1/24", "interface": "ether1", "network": "10.0.0.0", "disabled": "false",
         "comment": "lan"},
        {".id": "*2", "address": "10.0.1.1/24", "interface": "ether2", "network": "10.0.1.0", "disabled": "false"},
        {".id": "*3", "address": "192.168.1.7/24", "interface": "ether3", "network": "192.168.1.0",
         "disabled": "false", "dynamic": "true"}]


def by_resource(config, state, current=None):
    """What tikops.routeros.ip_addresses plans (its adapter's menu, entries and rows)."""
    current = ROWS if current is None else current
    res = RIP.Addresses()
    desired = res.desired(config, state)
    ops = []
    for menu, wanted, rows in res.plan_items(desired, {"/ip/address": [dict(r) for r in current]}, state):
        ops.extend(PL.plan_menu(menu, wanted, rows, state))
    return ops


def by_menu(config, state, current=None):
    """What tikops.routeros.menu plans for path /ip/address (the catalog's menu)."""
    current = ROWS if current is None else current
    scope = P.Scope("/ip/address", state, config, None, None, "", None)
    res = P.Resolved(scope, "7.16", current)
    return P.plan_scope(res, P.visible_rows(res, [dict(r) for r in current]), state)


def shape(ops):
    return [(op.request(), op.command(), op.phase, sorted(op.refs), sorted(op.provides)) for op in ops]


def meaning(ops):
    """The operations with their written values by meaning (``no`` and ``false`` are one value)."""
    def value(text):
        got = V.bool_or_none(text)
        return text if got is None else got
    return [(op.action, op.path, op.target, dict((k, value(v)) for k, v in op.attrs.items()), op.fields, op.where,
             op.phase, sorted(op.refs), sorted(op.provides)) for op in ops]


@pytest.mark.parametrize("state,config,count", [
    ("merged", [{"address": "10.0.0.1/24", "interface": "ether1", "comment": "office", "disabled": True},
                {"address": "10.0.2.1/24", "interface": "ether2"}], 2),
    ("merged", [{"address": "10.0.0.1/24", "interface": "ether1", "comment": "lan"}], 0),
    ("overridden", [{"address": "10.0.0.1/24", "interface": "ether1", "network": "10.0.0.0"}], 2),
    ("deleted", [{"address": "10.0.1.1/24", "interface": "ether2"}], 1),
    ("deleted", [], 2),
])
def test_ip_addresses_and_menu_ip_address_plan_the_same_operations(state, config, count):
    resource = by_resource(config, state)
    menu = by_menu(config, state)
    assert shape(resource) == shape(menu)
    assert len(resource) == count


def test_both_families_call_the_one_planner(monkeypatch):
    calls = []
    real = PL.plan

    def spy(menu, *args, **kwargs):
        calls.append(type(menu).__name__)
        return real(menu, *args, **kwargs)

    monkeypatch.setattr(PL, "plan", spy)
    config = [{"address": "10.0.2.1/24", "interface": "ether2"}]
    by_resource(config, "merged")
    by_menu(config, "merged")
    assert calls == ["Menu", "Resolved"]


def test_one_error_type_for_bad_input():
    assert not hasattr(P, "MenuInputError")  # no second name for it
    with pytest.raises(UserInputError, match="listed twice"):
        by_resource([{"address": "10.0.9.1/24", "interface": "ether1"}] * 2, "merged")
    with pytest.raises(UserInputError, match="listed twice"):
        by_menu([{"address": "10.0.9.1/24", "interface": "ether1"}] * 2, "merged")
    with pytest.raises(UserInputError, match="dynamic or built-in"):
        by_resource([{"address": "192.168.1.7/24", "interface": "ether3", "comment": "mine"}], "merged")
    with pytest.raises(UserInputError, match="dynamic or built-in"):
        by_menu([{"address": "192.168.1.7/24", "interface": "ether3", "comment": "mine"}], "merged")


# -- one move algorithm -------------------------------------------------------------------------------------

RULES = PL.Menu(path="/ip/firewall/filter", keys=("comment",), ordered=True,
                fields={"comment": dict(), "chain": dict(), "action": dict()})


def _rules(*comments):
    return [{".id": "*%d" % (i + 1), "comment": c, "chain": "input", "action": "accept"} for i, c in enumerate(comments)]


def _adjacent_moves(current, wanted):
    """How many moves the walk the engine used to make takes: backwards through the wanted order, each entry not
    right before the next wanted one is moved there (one move per such entry)."""
    seq = list(current)
    count = 0
    for idx in range(len(wanted) - 2, -1, -1):
        this, nxt = wanted[idx], wanted[idx + 1]
        if seq.index(this) == seq.index(nxt) - 1:
            continue
        seq.remove(this)
        seq.insert(seq.index(nxt), this)
        count += 1
    assert seq == list(wanted)
    return count


def test_the_first_rule_to_the_end_is_one_move():
    current = _rules("a", "b", "c", "d", "e")
    wanted = ["b", "c", "d", "e", "a"]
    plan = PL.plan_menu(RULES, [PL.Desired(RULES, {"comment": c}) for c in wanted], current, "merged")
    assert [op.request() for op in plan] == [("/ip/firewall/filter", "move", {"numbers": "*1"})]
    assert plan.commands == ["/ip/firewall/filter/move [find comment=a] destination=[end]"]
    assert _adjacent_moves("abcde", wanted) == 4  # what the resource modules' planner used to send


def test_the_menu_module_moves_the_same_way():
    rows = [{".id": "*%d" % (i + 1), "chain": "input", "action": "accept", "comment": c} for i, c in enumerate("abcde")]
    scope = P.Scope("/ip/firewall/filter", "merged", [{"chain": "input", "action": "accept", "comment": c}
                                                      for c in "bcdea"], ["comment"], None, "", None)
    res = P.Resolved(scope, "7.16", rows)
    ops = P.plan_scope(res, P.visible_rows(res, rows), "merged")
    assert [op.request() for op in ops] == [("/ip/firewall/filter", "move", {"numbers": "*1"})]


@pytest.mark.parametrize("order", ["edcba", "badce", "cabde", "aebcd", "eabcd"])
def test_moves_are_the_fewest_and_reach_the_order(order):
    current = _rules(*"abcde")
    plan = PL.plan_menu(RULES, [PL.Desired(RULES, {"comment": c}) for c in order], current, "merged")
    seq = [r[".id"] for r in current]
    for op in plan:
        seq.remove(op.target)
        seq.insert(seq.index(op.destination) if op.destination else len(seq), op.target)
    assert "".join(current[int(i[1:]) - 1]["comment"] for i in seq) == order
    # fewest: every entry outside a longest run already in order moves once, the others never
    kept = len(PL.longest_increasing(["abcde".index(c) for c in order]))
    assert len(plan) == 5 - kept
    assert len(plan) <= _adjacent_moves("abcde", order)


def _apply(rows, plan):
    """The order of ``rows`` after ``plan``'s removals, moves and additions, as the router would make it."""
    seq = [(r[".id"], r["comment"]) for r in rows]
    new = 0
    for op in plan:
        ids = [i for i, dummy in seq]
        if op.action == "remove":
            del seq[ids.index(op.target)]
        elif op.action == "move":
            item = seq.pop(ids.index(op.target))
            ids = [i for i, dummy in seq]
            seq.insert(ids.index(op.destination) if op.destination else len(seq), item)
        elif op.action == "add":
            new += 1
            before = op.attrs.get("place-before")
            seq.insert(ids.index(before) if before else len(seq), ("*new%d" % new, op.attrs["comment"]))
    return [c for dummy, c in seq]


@settings(max_examples=300, deadline=None)
@given(st.permutations(list("abcdefgh")), st.lists(st.sampled_from(list("abcdefghijk")), unique=True, max_size=11))
def test_overridden_reaches_the_listed_order_with_the_fewest_moves(current, wanted):
    rows = _rules(*current)
    plan = PL.plan_menu(RULES, [PL.Desired(RULES, {"comment": c}) for c in wanted], rows, "overridden").ordered()
    assert _apply(rows, plan) == wanted
    kept = [c for c in wanted if c in current]
    moves = [op for op in plan if op.action == "move"]
    assert len(moves) == len(kept) - len(PL.longest_increasing([current.index(c) for c in kept]))
    again = [{".id": "*%d" % i, "comment": c, "chain": "input", "action": "accept"} for i, c in enumerate(wanted)]
    assert not PL.plan_menu(RULES, [PL.Desired(RULES, {"comment": c}) for c in wanted], again, "overridden")


_ADDRESSES = ["10.0.%d.1/24" % i for i in range(4)]
_ENTRY = st.fixed_dictionaries({"address": st.sampled_from(_ADDRESSES), "interface": st.sampled_from(["ether1", "ether2"]),
                                "comment": st.sampled_from([None, "", "lan", "a b"]),
                                "disabled": st.sampled_from([None, True, False])})


def _rows(entries):
    rows = []
    for i, e in enumerate(entries):
        row = {".id": "*%X" % (i + 1), "address": e["address"], "interface": e["interface"],
               "network": e["address"].rsplit(".", 1)[0] + ".0", "disabled": "true" if e["disabled"] else "false"}
        if e["comment"]:
            row["comment"] = e["comment"]
        rows.append(row)
    return rows


@settings(max_examples=300, deadline=None)
@given(st.lists(_ENTRY, max_size=4, unique_by=lambda e: (e["address"], e["interface"])),
       st.lists(_ENTRY, max_size=4, unique_by=lambda e: (e["address"], e["interface"])),
       st.sampled_from(["merged", "replaced", "overridden", "deleted"]))
def test_ip_addresses_and_menu_agree_on_any_addresses(router, config, state):
    """Any router rows and any config (the network given, as the menu module's replaced needs a value for it) give
    the same operations through both modules. The one planner writes a reset value as the menu's knowledge spells
    it: the resource's declaration says ``disabled`` resets to ``no``, the menu tables say ``false`` (the same
    value to RouterOS), so written values are compared by meaning here."""
    rows = _rows(router)
    config = [dict((k, v) for k, v in dict(e, network=e["address"].rsplit(".", 1)[0] + ".0").items() if v is not None)
              for e in config]
    assert meaning(by_resource(config, state, rows)) == meaning(by_menu(config, state, rows))
