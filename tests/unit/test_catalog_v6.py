# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The RouterOS 6 table (overlay.V6_MENUS, from tools/data/menu-overlay.yaml) and
the planner's use of it: on RouterOS 6 the values of the fields it lists are checked against its words before
anything is written; a field it does not list is sent, and the router's answer decides (the table is hand-kept,
never complete). Pure: no sockets."""

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.catalog import catalog
from ansible_collections.tikops.routeros.plugins.module_utils.catalog import overlay
from ansible_collections.tikops.routeros.plugins.module_utils.converge import engine
from ansible_collections.tikops.routeros.plugins.module_utils.menu import planner as P
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError

V6 = "6.49.10"


def resolve(path, config, version=V6, state="merged", rows=()):
    return P.Resolved(P.Scope(path, state, config, None, None, "", None), version, rows)


def plan(path, config, rows, version=V6, state="merged"):
    res = resolve(path, config, version, state, rows)
    ops = P.plan_scope(res, P.visible_rows(res, rows), state, False)
    return engine.Plan(P.mask_ops(ops)).ordered().commands


def test_the_table_is_data_the_catalog_reads():
    assert catalog.v6_paths() == sorted(overlay.V6_MENUS)
    for path, entry in overlay.V6_MENUS.items():
        assert entry["kind"] in (catalog.LIST, catalog.SETTINGS), path
        assert set(entry) == {"kind", "fields"}, path
        info = catalog.v6_menu(path)
        assert info.path == path and info.kind == entry["kind"] and info.version == catalog.V6
        assert sorted(info.fields) == sorted(entry["fields"])
        # every path exists in some RouterOS 7 tree too (same menu, other fields)
        assert catalog.first_and_last(path) is not None, path
    assert catalog.v6_menu("/ip/firewall/filter") is None


def test_descriptions_are_read_like_the_trees():
    ntp = catalog.v6_menu("/system/ntp/client").fields
    assert sorted(ntp) == ["enabled", "primary-ntp", "secondary-ntp", "server-dns-names"]
    assert ntp["primary-ntp"].value_type == "ip" and ntp["enabled"].words == ("yes", "no")
    action = catalog.v6_menu("/system/logging/action").fields
    assert (action["remote-port"].lo, action["remote-port"].hi) == (0, 65535)
    assert action["syslog-time-format"].value_type is None  # a 6.48 export sets it; its values are not described
    assert catalog.v6_menu("/snmp").fields["trap-generators"].multi is True
    policy = catalog.v6_menu("/user/group").fields["policy"]
    assert policy.check_value("read,write,!ftp,tikapp") is None
    assert "'rest-api'" in policy.check_value("read,rest-api")


def test_a_field_the_6x_table_lacks_is_sent_and_the_router_answers():
    # the RouterOS 6 table is hand-kept from the manual and real exports, never complete: a field it does not
    # list is sent as given (the router's own answer decides), while its words are still checked where it has them
    assert plan("/system/ntp/client", {"enabled": True, "servers": "192.0.2.1"}, [{"enabled": "false"}]) == [
        "/system/ntp/client/set enabled=yes servers=192.0.2.1"]
    assert plan("/snmp", {"vrf": "main"}, [{"enabled": "false"}]) == ["/snmp/set vrf=main"]
    assert plan("/system/logging/action", [{"name": "s", "syslog-time-format": "iso8601"}], []) == [
        "/system/logging/action/add name=s syslog-time-format=iso8601"]
    assert plan("/ip/neighbor/discovery-settings", {"protocol": "mndp"}, [{"discover-interface-list": "all"}]) == [
        "/ip/neighbor/discovery-settings/set protocol=mndp"]


def test_values_are_checked_against_the_6x_words():
    with pytest.raises(UserInputError, match=r"trap-version is '4' is not one of 1\|2\|3$"):
        plan("/snmp", {"trap-version": 4}, [{"trap-version": "1"}])
    with pytest.raises(UserInputError, match=r"policy is 'rest-api' is not one of"):
        plan("/user/group", [{"name": "ops", "policy": ["read", "rest-api"]}], [])
    with pytest.raises(UserInputError, match=r"remote-port is '70000', which is not a number in 0..65535"):
        plan("/system/logging/action", [{"name": "s", "remote-port": 70000}], [])


def test_6x_fields_plan_and_compare_by_meaning():
    row = {"enabled": "false", "primary-ntp": "0.0.0.0", "secondary-ntp": "0.0.0.0", "server-dns-names": "",
           "mode": "broadcast"}
    assert plan("/system/ntp/client", {"enabled": True, "primary-ntp": "192.0.2.1", "server-dns-names": "pool.ntp.org"},
                [row]) == ["/system/ntp/client/set enabled=yes primary-ntp=192.0.2.1 server-dns-names=pool.ntp.org"]
    done = dict(row, enabled="true", **{"primary-ntp": "192.0.2.1", "server-dns-names": "pool.ntp.org"})
    assert plan("/system/ntp/client", {"enabled": True, "primary-ntp": "192.0.2.1",
                                       "server-dns-names": "pool.ntp.org"}, [done]) == []
    res = resolve("/system/ntp/client", None, state="gathered", rows=[done])
    # mode is printed but read-only on RouterOS 6: gathered config leaves it out, so it can be applied back
    assert P.facts(res, [done]) == {"enabled": True, "primary-ntp": "192.0.2.1", "server-dns-names": "pool.ntp.org",
                                    "secondary-ntp": "0.0.0.0"}


def test_routeros_7_and_menus_the_table_does_not_list_are_unchanged():
    assert plan("/system/ntp/client", {"servers": "192.0.2.1"}, [{"servers": ""}], version="7.16") == [
        "/system/ntp/client/set servers=192.0.2.1"]
    with pytest.raises(UserInputError, match="primary-ntp is not a writable field of /system/ntp/client on RouterOS 7.16"):
        plan("/system/ntp/client", {"primary-ntp": "192.0.2.1"}, [{"servers": ""}], version="7.16")
    # a menu the RouterOS 6 table does not list: still passed through on RouterOS 6
    assert plan("/ip/firewall/filter", [{"chain": "input", "whatever": "x"}], []) == [
        "/ip/firewall/filter/add chain=input whatever=x"]
