# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The planner's fast paths for big lists (an entry found by its keys that needs no write; the router's own text
taken as equal; rows without secrets used as they are; distinct keys matched by one lookup each; entries of plain
text taken as they are) decide as the general path does: the same operations for
entries and rows in other spellings, with secrets, flags and fields to reset."""

from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.tikops.routeros.plugins.module_utils.converge import engine
from ansible_collections.tikops.routeros.plugins.module_utils.converge import planner as PL
from ansible_collections.tikops.routeros.plugins.module_utils.menu import planner as P

PATH = "/ip/firewall/address-list"
ADDRESSES = ["10.0.0.1", "10.0.0.1/32", "10.0.0.2", "192.0.2.0/24", "2001:db8::1"]
_ROW = st.fixed_dictionaries({"address": st.sampled_from(ADDRESSES)}, optional={
    "list": st.sampled_from(["a", "b"]), "comment": st.sampled_from(["", "x", "y"]),
    "disabled": st.sampled_from(["false", "true"]), "dynamic": st.sampled_from(["false", "false", "true"]),
    "timeout": st.sampled_from(["1d", "1d00:00:00"])})
_ENTRY = st.fixed_dictionaries({"address": st.sampled_from(ADDRESSES)}, optional={
    "list": st.sampled_from(["a", "b"]), "comment": st.sampled_from(["", "x"]),
    "disabled": st.sampled_from([False, True, "no", "false", "yes"]), "timeout": st.sampled_from(["1d", "24h"])})


def _commands(config, rows, state, fast, where=None, path=PATH):
    scope = P.Scope(path, state, config, None, where, "")
    res = P.Resolved(scope, "7.16", rows, exists=True)
    real = PL._unchanged, PL._match_by_keys, P._plain_names  # pylint: disable=protected-access
    if not fast:  # no fast path: every entry planned by _changes_ops, matched one by one, checked field by field
        PL._unchanged = lambda *args: False  # pylint: disable=protected-access
        PL._match_by_keys = lambda *args: None  # pylint: disable=protected-access
        P._plain_names = lambda *args: frozenset()  # pylint: disable=protected-access
    try:
        ops = P.plan_scope(res, P.visible_rows(res, rows), state)
    except Exception as exc:  # pylint: disable=broad-except
        return "error: %s" % exc
    finally:
        PL._unchanged, PL._match_by_keys, P._plain_names = real  # pylint: disable=protected-access
    return engine.Plan(P.mask_ops(ops)).ordered().commands


@settings(max_examples=150, deadline=None)
@given(st.lists(_ROW, max_size=5), st.lists(_ENTRY, max_size=4),
       st.sampled_from(["merged", "replaced", "overridden"]), st.sampled_from([None, {"list": "a"}]))
def test_the_fast_path_plans_as_the_general_path(rows, config, state, where):
    rows = [dict(r, **{".id": "*%d" % (i + 1)}) for i, r in enumerate(rows)]
    for row in rows:
        row.setdefault("list", "a")
    assert _commands(config, rows, state, True, where) == _commands(config, rows, state, False, where)


_SERVICE = st.fixed_dictionaries({}, optional={
    "port": st.sampled_from(["80", "8080", "22", ""]), "disabled": st.sampled_from(["false", "true", ""]),
    "address": st.sampled_from(["", "10.0.0.0/8"])})


@settings(max_examples=100, deadline=None)
@given(st.lists(_SERVICE, min_size=3, max_size=3), st.lists(st.tuples(st.sampled_from(["www", "ssh", "telnet"]), _SERVICE),
                                                            max_size=3, unique_by=lambda t: t[0]),
       st.sampled_from(["merged", "replaced", "overridden"]))
def test_the_fast_path_plans_as_the_general_path_with_a_reset_value_per_entry(rows, config, state):
    # /ip/service: each service's port resets to its own default (www 80, ssh 22, telnet 23)
    rows = [dict(r, **{".id": "*%d" % (i + 1), "name": name}) for i, (name, r) in enumerate(zip(["www", "ssh", "telnet"], rows))]
    config = [dict(values, name=name) for name, values in config]
    assert _commands(config, rows, state, True, path="/ip/service") == \
        _commands(config, rows, state, False, path="/ip/service")


def test_an_unchanged_big_list_takes_the_fast_path():
    rows = [{".id": "*%d" % i, "list": "a", "address": "10.0.%d.%d" % (i // 256, i % 256), "disabled": "false",
             "dynamic": "false", "creation-time": "2026-01-01 00:00:00"} for i in range(1, 500)]
    config = [{"list": "a", "address": r["address"]} for r in rows]
    calls = []
    real = PL._changes_ops  # pylint: disable=protected-access
    PL._changes_ops = lambda *args, **kw: calls.append(args) or real(*args, **kw)  # pylint: disable=protected-access
    try:
        assert _commands(config, rows, "overridden", True) == []
    finally:
        PL._changes_ops = real  # pylint: disable=protected-access
    assert calls == []
    # a secret in the rows is never shown, and they are copied without it
    scope = P.Scope("/ppp/secret", "merged", [], None, None, "")
    secret_rows = [{".id": "*1", "name": "u", "password": "p"}]
    res = P.Resolved(scope, "7.16", secret_rows, exists=True)
    assert P.visible_rows(res, secret_rows) == [{".id": "*1", "name": "u"}] and "password" in secret_rows[0]
