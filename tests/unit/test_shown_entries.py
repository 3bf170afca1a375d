# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Entries marked fit to show (errors.ShownEntries, made by menu/planner.facts) are copied by redact_data without
looking at them; facts marks only menus without a secret field, never a menu of environment variables; a secret is
still masked everywhere else."""

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import MASK, ShownEntries, redact_data
from ansible_collections.tikops.routeros.plugins.module_utils.menu import planner as P


def _facts(path, rows):
    scope = P.Scope(path, "gathered", None, None, None, "")
    res = P.Resolved(scope, "7.16", rows, exists=True)
    return P.facts(res, rows)


def test_a_marked_list_is_copied_as_it_is_and_a_plain_list_is_walked():
    entries = [{"name": "a", "password": "p1"}, {"name": "b", "value": "v", "key": "k"}]
    shown = redact_data({"before": ShownEntries(entries)})["before"]
    # copied without a look: the maker vouched for it (a list of the same entries, no longer marked)
    assert shown == entries and shown.__class__ is list and shown[0] is entries[0]
    walked = redact_data({"before": list(entries)})["before"]
    assert walked == [{"name": "a", "password": MASK}, {"name": "b", "value": MASK, "key": MASK}]
    assert walked[0] is not entries[0] and entries[0]["password"] == "p1"


def test_facts_of_an_address_list_are_marked_and_shown_unchanged():
    rows = [{".id": "*%d" % i, "list": "bench", "address": "10.0.0.%d" % i, "disabled": "false",
             "dynamic": "false", "comment": "password=x"} for i in range(1, 4)]
    got = _facts("/ip/firewall/address-list", rows)
    assert got.__class__ is ShownEntries
    assert redact_data({"gathered": got})["gathered"] == [
        {"list": "bench", "address": "10.0.0.%d" % i, "disabled": False, "dynamic": False, "comment": "password=x"}
        for i in range(1, 4)]


def test_menus_with_a_secret_field_or_env_values_are_not_marked_and_stay_masked():
    users = _facts("/ppp/secret", [{".id": "*1", "name": "u", "service": "any", "profile": "default"}])
    assert users.__class__ is list  # /ppp/secret has a password field: walked as before
    envs_rows = [{".id": "*1", "name": "app", "key": "DB_PASSWORD", "value": "hunter2"}]
    envs = _facts("/container/envs", envs_rows)
    assert envs.__class__ is list
    shown = redact_data({"gathered": envs})["gathered"]
    # the value is the secret; the key, a secret by its name, is never read back
    assert shown == [{"name": "app", "value": MASK}]
    # a menu the data does not know, whose rows have the shape of environment variables: not marked either
    odd = _facts("/container/newenvs", envs_rows)
    assert odd.__class__ is list and redact_data({"gathered": odd})["gathered"][0]["value"] == MASK


def test_facts_of_many_rows_are_entry_of_each():
    """facts builds a big list's entries a row at a time by one comprehension: the same entries entry_of makes."""
    rows = [{".id": "*1", "list": "a", "address": "10.0.0.1", "disabled": "true", "dynamic": "false",
             "creation-time": "x", "comment": ""},
            {".id": "*2", "list": "a", "address": "10.0.0.2", "disabled": "false", "dynamic": "true", "timeout": "1d"},
            {".id": "*3", "list": "a", "address": "10.0.0.3", "disabled": False, "comment": 0, "dynamic": "yes"},
            {".id": "*4", "list": "a", "address": "10.0.0.4", "comment": ["not", "text"], "timeout": None}]
    scope = P.Scope("/ip/firewall/address-list", "gathered", None, None, None, "")
    res = P.Resolved(scope, "7.16", rows, exists=True)
    got = P.facts(res, rows)
    assert got == [P.entry_of(res, row) for row in rows]
    assert [list(e) for e in got] == [list(P.entry_of(res, row)) for row in rows]  # the same order of fields
    assert got[0] == {"list": "a", "address": "10.0.0.1", "disabled": True, "dynamic": False}
    assert got[1]["dynamic"] is True and got[2]["disabled"] is False and got[2]["comment"] == 0
