# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Planning for any menu (module_utils/menu), pure: scopes, checks, matching, ordering, secrets. No sockets."""

import re

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.converge import engine
from ansible_collections.tikops.routeros.plugins.module_utils.menu import planner as P
from ansible_collections.tikops.routeros.plugins.module_utils.catalog import overlay
from ansible_collections.tikops.routeros.plugins.module_utils.menu import task
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError


def resolve(path, config=None, state=None, rows=(), version="7.16", keys=None, where=None):
    state = state or ("gathered" if config is None else "merged")
    scope = P.Scope(path, state, config, keys, where, "", "" if state == "parsed" else None)
    return P.Resolved(scope, version, rows)


def plan(path, config, rows, state="merged", version="7.16", secrets_always=False, **kw):
    res = resolve(path, config, state, rows, version, **kw)
    ops = P.plan_scope(res, P.visible_rows(res, rows), state, secrets_always)
    return engine.Plan(P.mask_ops(ops)).ordered().commands


def rule(rid, **fields):
    row = {".id": rid, "chain": "input", "action": "accept", "log": "false", "log-prefix": "", "disabled": "false",
           "dynamic": "false", "invalid": "false", "bytes": "0", "packets": "0"}
    row.update(dict((k.replace("_", "-"), v) for k, v in fields.items()))
    return row


def test_kinds_come_from_the_catalog():
    assert resolve("/ip/firewall/filter").ordered is True
    assert resolve("ip firewall filter").path == "/ip/firewall/filter"
    assert resolve("/ip/dns").kind == "settings"
    assert resolve("/ip/service").kind == "fixed"
    assert resolve("/ip/pool").kind == "list" and resolve("/ip/pool").keys == ("name",)
    assert resolve("/ip/firewall/address-list").keys == ("list", "address")
    assert resolve("/ip/route").keys == ("dst-address", "gateway", "routing-table")
    assert resolve("/ip/firewall/filter").keys == ()
    assert resolve("/ip/firewall/filter", keys=["comment"]).keys == ("comment",)


def test_unknown_path_says_which_versions_have_it():
    with pytest.raises(UserInputError, match=r"/routing/ospf/network is not a menu of RouterOS 7.16"):
        resolve("/routing/ospf/network")
    with pytest.raises(UserInputError, match="did you mean /ip/firewall/filter"):
        resolve("/ip/firewall/filtre")
    with pytest.raises(UserInputError, match="read-only menu"):
        resolve("/system/resource")


def test_unknown_field_with_close_matches_and_pass_through_on_newer_and_v6():
    with pytest.raises(UserInputError, match=r"config\[0\]: actoin is not a writable field .*did you mean action"):
        plan("/ip/firewall/filter", [{"chain": "input", "actoin": "drop"}], [])
    newer = plan("/ip/firewall/filter", [{"chain": "input", "brand-new-field": "x"}], [], version="7.99")
    assert newer == ["/ip/firewall/filter/add chain=input brand-new-field=x"]
    v6 = plan("/ip/firewall/filter", [{"chain": "input", "whatever": "x"}], [], version="6.49.10")
    assert v6 == ["/ip/firewall/filter/add chain=input whatever=x"]


def test_words_and_underscores():
    with pytest.raises(UserInputError, match=r"redistribute is 'bogus' is not one of"):
        plan("/routing/ospf/instance", [{"name": "o", "redistribute": "connected,bogus"}], [])
    got = plan("/routing/ospf/instance", [{"name": "o", "redistribute": ["connected", "static"], "router_id": "1.1.1.1"}],
               [])
    assert got == ["/routing/ospf/instance/add name=o redistribute=connected,static router-id=1.1.1.1"]


def test_two_entries_with_one_key():
    with pytest.raises(UserInputError, match="same key"):
        plan("/ip/firewall/address-list", [{"list": "a", "address": "10.0.0.1"}, {"list": "a", "address": "10.0.0.1/32"}],
             [])


def test_scope_fills_and_guards_and_filters():
    rows = [{".id": "*1", "list": "a", "address": "10.0.0.1", "disabled": "false", "dynamic": "false"},
            {".id": "*2", "list": "b", "address": "10.0.0.2", "disabled": "false", "dynamic": "false"}]
    got = plan("/ip/firewall/address-list", [{"address": "10.0.0.3"}], rows, state="overridden", where={"list": "a"})
    assert got == ["/ip/firewall/address-list/remove [find list=a address=10.0.0.1]",
                   "/ip/firewall/address-list/add address=10.0.0.3 list=a"]
    with pytest.raises(UserInputError, match="outside the scope"):
        plan("/ip/firewall/address-list", [{"list": "b", "address": "10.0.0.3"}], rows, where={"list": "a"})
    with pytest.raises(UserInputError, match="gives no comment"):
        plan("/ip/firewall/filter", [{"chain": "input"}], [], where={"comment": {"starts_with": "ansible:"}})
    assert P.where_queries(P._check_where({"list": "a", "disabled": False, "comment": {"regex": "x"}}, "")) == ["?list=a"]


def test_keyless_rules_match_by_given_fields_then_by_position():
    rows = [rule("*1", comment="a"), rule("*2", action="drop", comment="b")]
    assert plan("/ip/firewall/filter", [{"chain": "input", "comment": "a"}, {"chain": "input", "action": "drop", "comment": "b"}],
                rows, state="overridden") == []
    # overridden makes a matched rule exactly the entry: the fields not given are reset
    assert plan("/ip/firewall/filter", [{"chain": "input", "comment": "a"}, {"chain": "input", "action": "drop"}],
                rows, state="overridden") == ['/ip/firewall/filter/set [find .id=*2] comment=""']
    # by position: the second entry matches no rule by its fields, so it takes the second rule's place
    got = plan("/ip/firewall/filter", [{"chain": "input", "comment": "a"},
                                       {"chain": "input", "action": "reject", "comment": "b"}], rows, state="overridden")
    assert got == ["/ip/firewall/filter/set [find .id=*2] action=reject"]
    # merged never changes a rule it cannot identify: it adds
    got = plan("/ip/firewall/filter", [{"chain": "input", "action": "reject", "comment": "b"}], rows)
    assert got == ["/ip/firewall/filter/add chain=input action=reject comment=b"]


def test_overridden_order_uses_fewest_moves_and_places_additions():
    rows = [rule("*%d" % i, comment=str(i)) for i in range(1, 6)]
    want = [{"chain": "input", "comment": c} for c in ("5", "1", "2", "3", "4")]
    assert plan("/ip/firewall/filter", want, rows, state="overridden") == [
        "/ip/firewall/filter/move [find .id=*5] destination=*1"]
    want = [{"chain": "input", "comment": c} for c in ("1", "new", "2", "3", "4", "5")]
    assert plan("/ip/firewall/filter", want, rows, state="overridden") == [
        "/ip/firewall/filter/add chain=input comment=new place-before=*2"]
    want = [{"chain": "input", "comment": c} for c in ("2", "1", "4", "3")]
    got = plan("/ip/firewall/filter", want, rows, state="overridden")
    assert got[0] == "/ip/firewall/filter/remove [find .id=*5]"
    assert len([c for c in got if "/move " in c]) == 2


def test_dynamic_entries_are_never_touched():
    rows = [dict(rule("*1", comment="fasttrack counters"), dynamic="true"), rule("*2", comment="x")]
    assert plan("/ip/firewall/filter", [], rows, state="overridden") == ["/ip/firewall/filter/remove [find .id=*2]"]
    res = resolve("/ip/firewall/filter", rows=rows)
    assert P.facts(res, rows)[0]["dynamic"] is True


def test_settings_and_fixed():
    dns = [{"servers": "", "allow-remote-requests": "false", "cache-size": "2048KiB"}]
    assert plan("/ip/dns", {"servers": ["1.1.1.1", "9.9.9.9"]}, dns) == ["/ip/dns/set servers=1.1.1.1,9.9.9.9"]
    assert plan("/ip/dns", {"allow_remote_requests": True}, [dict(dns[0], **{"allow-remote-requests": "true"})]) == []
    with pytest.raises(UserInputError, match=r"cache-size=2048KiB on the router, and its reset value is not known"):
        plan("/ip/dns", {"servers": "1.1.1.1"}, dns, state="replaced")
    services = [{".id": "*1", "name": "www", "port": "8080", "disabled": "false"},
                {".id": "*2", "name": "ssh", "port": "22", "disabled": "true"}]
    assert plan("/ip/service", [], services, state="overridden") == [
        "/ip/service/set [find name=www] port=80", "/ip/service/set [find name=ssh] disabled=false"]
    with pytest.raises(UserInputError, match="cannot be added"):
        plan("/ip/service", [{"name": "gopher"}], services)


def test_rename_is_a_set():
    rows = [{".id": "*1", "name": "pool-a", "ranges": "10.0.0.10-10.0.0.20"}]
    got = plan("/ip/pool", [{"name": "pool-b", "rename_from": "pool-a", "ranges": "10.0.0.10-10.0.0.20"}], rows,
               state="overridden")
    assert got == ["/ip/pool/set [find name=pool-a] name=pool-b"]


def test_secrets_are_masked_and_written_only_on_create_by_default():
    rows = [{".id": "*1", "name": "ops", "group": "full", "disabled": "false"}]
    want = [{"name": "ops", "group": "full", "password": "hunter2"}, {"name": "new", "group": "read", "password": "x1"}]
    assert plan("/user", want, rows) == ["/user/add name=new group=read password=********"]
    assert plan("/user", want[:1], rows, secrets_always=True) == ["/user/set [find name=ops] password=********"]
    assert overlay.is_secret("private-key") and overlay.is_secret("authentication-password")
    assert not overlay.is_secret("public-key")
    shown = P.redact_config([{"name": "ops", "password": "hunter2"}])
    assert shown == [{"name": "ops", "password": "********"}]
    res = resolve("/interface/wireguard", rows=[{".id": "*1", "name": "wg0", "private-key": "abc="}])
    assert P.visible_rows(res, [{".id": "*1", "name": "wg0", "private-key": "abc="}]) == [{".id": "*1", "name": "wg0"}]


def test_gathered_is_valid_config():
    rows = [rule("*1", comment="a", protocol="tcp", dst_port="22"), rule("*2", comment="b")]
    res = resolve("/ip/firewall/filter", rows=rows)
    gathered = P.facts(res, rows)
    assert gathered[0] == {"chain": "input", "action": "accept", "log": False, "disabled": False, "comment": "a",
                           "protocol": "tcp", "dst-port": "22"}
    assert plan("/ip/firewall/filter", gathered, rows, state="overridden") == []


def test_replaced_unsets_fields_not_given_where_the_menu_can():
    rows = [rule("*1", comment="a", protocol="tcp", dst_port="22")]
    got = plan("/ip/firewall/filter", [{"chain": "input", "comment": "a"}], rows, state="replaced", keys=["comment"])
    assert got == ['/ip/firewall/filter/unset [find comment=a] value-name=protocol',
                   '/ip/firewall/filter/unset [find comment=a] value-name=dst-port']


def test_rendered_and_parsed():
    res = resolve("/ip/service", [{"name": "www", "port": 81}], version=None)
    assert task.render(res) == ["/ip/service/set [find name=www] port=81"]
    res = resolve("/system/identity", {"name": "r1"}, version=None)
    assert task.render(res) == ["/system/identity/set name=r1"]
    res = resolve("/ip/firewall/address-list", state="parsed", version=None)
    text = "/ip firewall address-list\nadd address=10.0.0.1 list=a disabled=yes\n/ip pool\nadd name=x ranges=1.1.1.1\n"
    assert task.parse(res, text) == [{"address": "10.0.0.1", "list": "a", "disabled": True}]


def test_params_rules():
    with pytest.raises(UserInputError, match="mutually exclusive"):
        P.scopes_from_params({"path": "/ip/pool", "menus": [{"path": "/ip/dns"}]})
    with pytest.raises(UserInputError, match="config is missing"):
        P.scopes_from_params({"path": "/ip/pool", "state": "merged"})
    with pytest.raises(UserInputError, match="where comment must be"):
        P.scopes_from_params({"path": "/ip/pool", "state": "gathered", "where": {"comment": {"like": "x"}}})
    scopes = P.scopes_from_params({"state": "gathered",
                                   "menus": [{"path": "ip pool"}, {"path": "/ip/dns", "state": "gathered"}]})
    assert [s.path for s in scopes] == ["/ip/pool", "/ip/dns"]


def test_route_key_defaults_follow_the_version():
    v7 = [{".id": "*1", "dst-address": "198.18.0.0/15", "gateway": "192.0.2.1", "routing-table": "main",
           "distance": "1", "dynamic": "false", "disabled": "false"}]
    assert plan("/ip/route", [{"dst_address": "198.18.0.0/15", "gateway": "192.0.2.1"}], v7) == []
    v6 = [{".id": "*1", "dst-address": "198.18.0.0/15", "gateway": "192.0.2.1", "distance": "1", "dynamic": "false",
           "disabled": "false"}]
    assert plan("/ip/route", [{"dst_address": "198.18.0.0/15", "gateway": "192.0.2.1"}], v6, version="6.49.10") == []


@pytest.mark.parametrize("reserved", [".id", ".tag", ".proplist", ".query", ".nextid"])
@pytest.mark.parametrize("place", ["config", "where", "keys"])
def test_reserved_api_names_are_refused_before_anything_is_read(reserved, place):
    item = {"path": "/ip/firewall/address-list", "config": [{"list": "keep", "address": "10.0.0.1"}]}
    if place == "config":
        item["config"][0][reserved] = "*1"
    elif place == "where":
        item["where"] = {reserved: "*1"}
    else:
        item["keys"] = ["list", reserved]
    with pytest.raises(UserInputError, match=r"%s is reserved by the RouterOS API" % re.escape(reserved)):
        P.scopes_from_params({"menus": [item], "state": "merged"})


def test_messages_never_show_a_secret_value_whole_or_in_part():
    """The key-collision and out-of-scope messages show secret values masked whole, also when the value holds spaces
    or commas (text redaction would stop at them)."""
    secret = "s3cret, with spaces and,commas"
    with pytest.raises(UserInputError, match="have the same key") as exc:
        plan("/ppp/secret", [{"name": "u", "password": secret}, {"name": "u", "password": secret}], [],
             keys=["name", "password"])
    assert "s3cret" not in str(exc.value) and "spaces" not in str(exc.value) and "commas" not in str(exc.value)
    with pytest.raises(UserInputError, match="outside the scope") as exc:
        plan("/ppp/secret", [{"name": "u", "password": secret}], [], where={"password": "other, value here"})
    assert "s3cret" not in str(exc.value) and "spaces" not in str(exc.value) and "value here" not in str(exc.value)


def test_where_and_keys_names_are_checked_against_the_menu():
    scope = P.Scope("/ip/firewall/address-list", "deleted", None, None, {"lsit": {"not": "keep"}}, "")
    with pytest.raises(UserInputError, match=r"where names lsit, which is not a field of "
                                             r"/ip/firewall/address-list; did you mean list\?"):
        P.check_names_before_read(scope)
    rows = [{".id": "*1", "list": "keep", "address": "10.0.0.1", "dynamic": "false", "disabled": "false"}]
    for where in ({"zone": {"not": "x"}}, {"lsit": "keep"}):
        res = resolve("/ip/firewall/address-list", state="deleted", rows=rows, where=where)
        with pytest.raises(UserInputError, match="not a field of /ip/firewall/address-list on RouterOS 7.16"):
            P.check_names(res, rows)
    # writable fields, common read-only ones and any field an entry prints are fine; an empty menu has nothing to lose
    for where in ({"list": {"not": "x"}}, {"dynamic": "true"}, {"creation-time": {"not": ""}}):
        res = resolve("/ip/firewall/address-list", state="deleted", rows=rows, where=where)
        P.check_names(res, rows)
        P.check_names_before_read(res.scope)
    printed = [dict(rows[0], **{"new-field": "1"})]
    P.check_names(resolve("/ip/firewall/address-list", state="deleted", rows=printed, where={"new-field": "1"}), printed)
    P.check_names(resolve("/ip/firewall/address-list", state="deleted", where={"zone": "1"}), [])
    with pytest.raises(UserInputError, match="keys names nmae"):
        P.check_names_before_read(P.Scope("/ip/pool", "merged", [], ["nmae"], None, ""))


def test_the_same_menu_twice_is_refused_unless_the_scopes_are_disjoint():
    twice = [{"path": "/ip/pool", "state": "overridden", "config": []},
             {"path": "ip pool", "state": "merged", "config": [{"name": "p", "ranges": "10.0.0.2-10.0.0.9"}]}]
    with pytest.raises(UserInputError, match=r"menus\[0\] and menus\[1\] both configure /ip/pool and their scopes "
                                             r"overlap"):
        P.scopes_from_params({"menus": twice})
    lists = [{"path": "/ip/firewall/address-list", "where": {"list": "a"}, "state": "overridden", "config": []},
             {"path": "/ip/firewall/address-list", "where": {"list": ["b", "c"]}, "config": [{"address": "1.1.1.1"}]}]
    assert len(P.scopes_from_params({"menus": lists})) == 2
    lists[1]["where"] = {"list": ["a", "b"]}
    with pytest.raises(UserInputError, match="both configure /ip/firewall/address-list"):
        P.scopes_from_params({"menus": lists})
    lists[1]["where"] = {"comment": "x"}
    with pytest.raises(UserInputError, match="both configure /ip/firewall/address-list"):
        P.scopes_from_params({"menus": lists})
    # reading the same menu twice changes nothing
    assert len(P.scopes_from_params({"state": "gathered", "menus": [{"path": "/ip/pool"}, {"path": "/ip/pool"}]})) == 2


def test_two_merged_items_of_one_menu_may_not_give_the_same_entry():
    scopes = P.scopes_from_params({"menus": [
        {"path": "/ip/pool", "config": [{"name": "a", "ranges": "10.0.0.2-10.0.0.9"}]},
        {"path": "/ip/pool", "config": [{"name": "b", "ranges": "10.0.1.2-10.0.1.9"}]}]})
    P.check_same_entries([P.Resolved(s, "7.16") for s in scopes])
    scopes = P.scopes_from_params({"menus": [
        {"path": "/ip/pool", "config": [{"name": "a", "ranges": "10.0.0.2-10.0.0.9"}]},
        {"path": "/ip/pool", "config": [{"name": "a", "ranges": "10.0.1.2-10.0.1.9"}]}]})
    with pytest.raises(UserInputError, match=r"menus\[0\] config\[0\] and menus\[1\] config\[0\] give the same entry "
                                             r"of /ip/pool \(name=a\)"):
        P.check_same_entries([P.Resolved(s, "7.16") for s in scopes])


def test_deleted_naming_a_dynamic_entry_warns_and_leaves_it():
    rows = [{".id": "*1", "address": "10.0.0.1/24", "interface": "ether1", "disabled": "false"},
            {".id": "*2", "address": "192.168.1.7/24", "interface": "ether3", "disabled": "false", "dynamic": "true"}]
    res = resolve("/ip/address", [{"address": "192.168.1.7/24", "interface": "ether3"}], "deleted", rows)
    warnings = []
    ops = P.plan_scope(res, P.visible_rows(res, rows), "deleted", warnings=warnings)
    assert ops == []
    assert warnings == ["/ip/address address=192.168.1.7/24 interface=ether3 is dynamic or built-in; it is left alone"]


def test_replaced_names_every_field_without_a_reset_value_in_name_order():
    dns = [{"verify-doh-cert": "false", "servers": "", "cache-size": "2048KiB"}]
    with pytest.raises(UserInputError, match=r"has cache-size=2048KiB, verify-doh-cert=false on the router, and for each "
                                             r"of them the reset value is not known; give cache-size, verify-doh-cert in the entry"):
        plan("/ip/dns", {"servers": "1.1.1.1"}, dns, state="replaced")


def test_read_fields_are_what_planning_needs():
    scope = P.Scope("/ip/firewall/filter", "merged", [{"chain": "input", "action": "drop", "future-field": "x"}],
                    None, {"bytes": {"not": "0"}}, "config")
    got = P.read_fields(scope)
    assert got == sorted(got)
    # the fields a rule writes in any release, the flags of entries never written, and every name the task gives
    assert {".id", "chain", "action", "comment", "disabled", "dynamic", "builtin", "default", "name",
            "default-name", "future-field", "bytes"} <= set(got)
    assert "packets" not in got  # a counter no plan needs
    export = P.Scope("/interface/ethernet", "merged", [{"find": {"mac-address": "00:11:22:33:44:55"}, "mtu": "1400"},
                                                       {"default_name": "ether2", "rename_from": "old", "l2mtu": "1600"}],
                     None, None, "src", from_export=True)
    got = P.read_fields(export)
    assert {"mac-address", "mtu", "l2mtu", "default-name", "name"} <= set(got)
    assert P.read_fields(export) is got  # asked once per task: the read after the writes asks for the same
    absent = P.Scope("/ip/firewall/filter", "merged", [{"chain": "input", "!future-field": ""}], None, None, "src",
                     from_export=True)
    assert "future-field" in P.read_fields(absent)  # an export's !field names the field too
    assert not {"find", "default_name", "rename_from", "number"} & set(got)
    # the RouterOS 6 table's fields count too: RouterOS 6's NTP client has primary-ntp, 7.x has servers
    ntp = P.read_fields(P.Scope("/system/ntp/client", "gathered", None, None, None, "path"))
    assert {"primary-ntp", "servers"} <= set(ntp)
    assert P.read_fields(P.Scope("/no/such/menu", "gathered", None, None, None, "path")) is None


@pytest.mark.parametrize("version, complete", [("7.16", True), ("7.9.2", True), ("7.24", True), ("7.8", False),
                                               ("6.49.10", False), ("7.99", False)])
def test_a_narrow_read_is_complete_only_for_a_release_the_data_describes(version, complete):
    assert P.read_complete("/ip/firewall/filter", version) is complete
    assert P.read_complete("/tikops/no-such-menu", version) is False
