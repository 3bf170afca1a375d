# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""print/getall: .proplist, ? queries with stack semantics, count-only, !empty, value formats."""

import re

import librouteros
import pytest
import routeros_api
from librouteros.query import And, Key, Or
from simraw import Raw, kinds, rows, traps

from support.rosim import Simulator


@pytest.fixture(scope="module")
def api(sim716):
    a = librouteros.connect(host=sim716.host, port=sim716.port, username="admin", password="pw716")
    yield a
    a.close()


def test_ids_are_star_hex_and_booleans_true_false(raw716):
    out = rows(raw716.call("/interface/print"))
    assert [r["name"] for r in out[:5]] == ["ether1", "ether2", "ether3", "ether4", "ether5"]
    for r in out:
        assert re.match(r"^\*[0-9A-F]+$", r[".id"]) and not r[".id"].startswith("*0")
        assert r["disabled"] in ("true", "false")
        assert r["running"] in ("true", "false")
    assert out[0]["type"] == "ether" and out[0]["mtu"] == "1500"
    assert re.match(r"^4C:5E:0C(:[0-9A-F]{2}){3}$", out[0]["mac-address"])


def test_proplist_restricts_and_orders_nothing_else(raw716):
    out = rows(raw716.call("/interface/print", "=.proplist=name,type"))
    assert out[0] == {"name": "ether1", "type": "ether"}
    with_id = rows(raw716.call("/interface/print", "=.proplist=.id,name"))
    assert set(with_id[0]) == {".id", "name"}


def test_proplist_matching_nothing_gives_bare_re(raw716):
    replies = raw716.call("/ip/service/print", "=.proplist=comment")
    assert kinds(replies) == ["!re"] * 8 + ["!done"]
    assert all(r.attrs == {} for r in replies[:-1])


def test_query_equal_and_both_forms(raw716):
    a = rows(raw716.call("/interface/print", "?name=ether3", "=.proplist=name"))
    b = rows(raw716.call("/interface/print", "?=name=ether3", "=.proplist=name"))
    assert a == b == [{"name": "ether3"}]


def test_query_or_and_not(raw716):
    out = rows(raw716.call("/interface/print", "?name=ether1", "?name=ether2", "?#|", "=.proplist=name"))
    assert [r["name"] for r in out] == ["ether1", "ether2"]
    out = rows(raw716.call("/interface/print", "?=name=ether1", "?#!", "?type=ether", "=.proplist=name"))
    assert [r["name"] for r in out] == ["ether2", "ether3", "ether4", "ether5"]
    out = rows(raw716.call("/interface/print", "?name=ether1", "?name=ether2", "?name=ether3", "?#||",
                           "=.proplist=name"))
    assert len(out) == 3


def test_query_presence_absence_and_compare(raw716):
    present = rows(raw716.call("/ip/route/print", "?pref-src", "=.proplist=dst-address"))
    absent = rows(raw716.call("/ip/route/print", "?-pref-src", "=.proplist=dst-address"))
    assert {"dst-address": "10.0.2.0/24"} in present
    assert {"dst-address": "0.0.0.0/0"} in absent
    small = rows(raw716.call("/ip/route/print", "?<distance=1", "=.proplist=distance"))
    assert small and all(r["distance"] == "0" for r in small)
    big = rows(raw716.call("/ip/service/print", "?>port=8000", "=.proplist=name"))
    assert {r["name"] for r in big} >= {"winbox"}


def test_query_stack_index_replaces_stack(raw716):
    # ?#0 at the end keeps only the top entry: here the last pushed (name=ether2) decides
    out = rows(raw716.call("/interface/print", "?name=ether1", "?name=ether2", "?#0", "=.proplist=name"))
    assert out == [{"name": "ether2"}]


def test_query_on_id(raw716):
    out = rows(raw716.call("/interface/print", "?.id=*2", "=.proplist=name"))
    assert out == [{"name": "ether2"}]


def test_boolean_query_accepts_yes_no(raw716):
    a = rows(raw716.call("/interface/print", "?disabled=no", "=.proplist=name"))
    b = rows(raw716.call("/interface/print", "?disabled=false", "=.proplist=name"))
    assert a == b and len(a) >= 5


def test_count_only(raw716):
    replies = raw716.call("/interface/print", "=count-only=", "?type=ether")
    assert kinds(replies) == ["!done"]
    assert replies[-1].attrs == {"ret": "5"}


def test_detail_and_getall(raw716):
    detail = rows(raw716.call("/interface/print", "=detail="))
    getall = rows(raw716.call("/interface/getall"))
    assert detail == getall


def test_singletons(raw716):
    ident = rows(raw716.call("/system/identity/print"))
    assert ident == [{"name": "r716"}]
    res = rows(raw716.call("/system/resource/print"))[0]
    assert res["version"] == "7.16 (stable)"
    assert res["total-memory"].isdigit() and res["free-memory"].isdigit()
    assert res["cpu-load"].isdigit()
    assert re.match(r"^(\d+[wdhms])+$|^0s$", res["uptime"])
    assert rows(raw716.call("/system/routerboard/print"))[0]["current-firmware"] == "7.16"
    assert rows(raw716.call("/system/package/print", "=.proplist=name,version")) == [
        {"name": "routeros", "version": "7.16"}]
    clock = rows(raw716.call("/system/clock/print"))[0]
    assert re.match(r"^\d{4}-\d\d-\d\d$", clock["date"]) and re.match(r"^\d\d:\d\d:\d\d$", clock["time"])
    dns = rows(raw716.call("/ip/dns/print"))[0]
    assert dns["cache-size"] == "2048KiB" and dns["cache-max-ttl"] == "1w" and dns["servers"] == ""


def test_unknown_print_argument(raw716):
    replies = raw716.call("/interface/print", "=bogus=1")
    assert traps(replies) == [("unknown parameter bogus", None)]


@pytest.mark.parametrize("arg", ["=where=name=ether1", "=from=*1", "=interval=1s"])
def test_print_has_no_where_from_or_interval(raw716, raw6, arg):
    name = arg[1:].split("=", 1)[0]
    assert traps(raw716.call("/interface/print", arg)) == [("unknown parameter %s" % name, None)]
    assert traps(raw6.call("/interface/print", arg)) == [("unknown parameter", None)]


@pytest.mark.parametrize("ops", ["x", "0x", "!&y", "| "])
def test_bad_query_operations_are_refused_when_compiled(sim716, raw716, ops):
    replies = raw716.call("/interface/print", "?name=ether1", "?#" + ops, tag="q")
    assert [(r.kind, r.tag) for r in replies] == [("!trap", "q"), ("!done", "q")]
    assert traps(replies) == [("invalid query: ?#" + ops, "1")]
    assert traps(raw716.call("/interface/listen", "?#" + ops)) == [("invalid query: ?#" + ops, "1")]
    assert sim716.events("error") == []


def test_words_that_are_no_attribute_query_or_tag_are_refused(raw716, raw6):
    replies = raw716.call("/interface/print", "junk", "=.proplist=name", tag="j")
    assert [(r.kind, r.tag) for r in replies] == [("!trap", "j"), ("!done", "j")]
    assert traps(replies) == [("unknown parameter junk", None)]
    assert traps(raw716.call("/system/identity/set", "=name=r716", "more")) == [("unknown parameter more", None)]
    assert rows(raw716.call("/system/identity/print")) == [{"name": "r716"}]
    assert traps(raw6.call("/interface/print", "junk")) == [("unknown parameter", None)]


def test_no_empty_before_718(raw716):
    replies = raw716.call("/ip/firewall/filter/print", tag="e")
    assert kinds(replies) == ["!done"]


def test_empty_on_718(raw718):
    replies = raw718.call("/ip/firewall/filter/print", tag="e")
    assert kinds(replies) == ["!empty", "!done"]
    assert all(r.tag == "e" for r in replies)
    # a print with rows has no !empty, and a write has a bare !done
    assert "!empty" not in kinds(raw718.call("/interface/print", tag="f"))
    assert kinds(raw718.call("/system/identity/set", "=name=r718", tag="g")) == ["!done"]
    # a query matching nothing is empty too
    assert kinds(raw718.call("/interface/print", "?name=nope")) == ["!empty", "!done"]


def test_tag_comes_right_after_the_reply_word(raw716):
    raw716.send("/system/identity/print", ".tag=xyz")
    words = raw716.read_words()
    assert words[:2] == ["!re", ".tag=xyz"]
    assert raw716.read_words() == ["!done", ".tag=xyz"]


def test_interleaved_tags_are_answered_in_order(raw716):
    for i in range(20):
        raw716.send("/interface/print", "?name=ether%d" % (i % 5 + 1), "=.proplist=name", ".tag=t%d" % i)
    seen = {}
    done = 0
    while done < 20:
        r = raw716.read()
        if r.kind == "!re":
            seen[r.tag] = r.attrs["name"]
        elif r.kind == "!done":
            done += 1
    assert seen == {"t%d" % i: "ether%d" % (i % 5 + 1) for i in range(20)}


def test_librouteros_queries(api):
    name = Key("name")
    out = list(api.path("interface").select(name).where(Or(name == "ether1", name == "ether4")))
    assert out == [{"name": "ether1"}, {"name": "ether4"}]
    typ = Key("type")
    out = list(api.path("interface").select(name).where(And(typ == "ether", name != "ether1")))
    assert [r["name"] for r in out] == ["ether2", "ether3", "ether4", "ether5"]
    out = list(api.path("interface").select(name).where(name.In("ether2", "ether5")))
    assert [r["name"] for r in out] == ["ether2", "ether5"]


def test_routeros_api_get(sim716):
    pool = routeros_api.RouterOsApiPool(sim716.host, username="admin", password="pw716", port=sim716.port,
                                        plaintext_login=True)
    try:
        res = pool.get_api().get_resource("/interface")
        out = res.get(type="ether")
        assert len(out) == 5 and out[0]["name"] == "ether1" and out[0]["id"] == "*1"
    finally:
        pool.disconnect()


def test_version_specific_menus(raw6, raw716):
    assert [r["name"] for r in rows(raw6.call("/routing/ospf/instance/print"))] == ["default"]
    assert rows(raw6.call("/routing/ospf/area/print", "=.proplist=name,area-id")) == [
        {"name": "backbone", "area-id": "0.0.0.0"}]
    assert kinds(raw6.call("/routing/ospf/network/print")) == ["!done"]
    assert traps(raw6.call("/routing/ospf/interface-template/print"))[0][0] == \
        "no such command or directory (interface-template)"
    assert rows(raw716.call("/routing/ospf/instance/print")) == []
    assert traps(raw716.call("/routing/ospf/network/print"))[0][0] == "no such command or directory (network)"
    res6 = rows(raw6.call("/system/resource/print"))[0]
    assert res6["version"] == "6.49.10 (long-term)"
    assert re.match(r"^[A-Z][a-z]{2}/\d\d/\d{4} \d\d:\d\d:\d\d$", res6["build-time"])
    pkgs = [r["name"] for r in rows(raw6.call("/system/package/print"))]
    assert "routeros-mmips" in pkgs and "routing" in pkgs


def test_neighbors_and_services(raw716):
    n = rows(raw716.call("/ip/neighbor/print"))
    assert {r["interface"] for r in n} == {"ether2", "ether3"} and "discovered-by" in n[0]
    s = {r["name"]: r for r in rows(raw716.call("/ip/service/print"))}
    assert s["ssh"]["port"] == "22" and s["api"]["port"].isdigit() and s["www-ssl"]["disabled"] == "true"
    assert s["api-ssl"]["certificate"] == "none" and "certificate" not in s["ssh"]
    assert s["api"]["max-sessions"] == "20"


def test_100k_row_print_streams_every_row():
    state = {"menus": {"/ip/firewall/address-list": [
        {"list": "big", "address": "10.%d.%d.%d" % (i >> 16, (i >> 8) & 255, i & 255)} for i in range(100000)]}}
    with Simulator(version="7.16", state=state) as sim:
        with Raw(sim.host, sim.port, timeout=60) as r:
            r.login()
            r.send("/ip/firewall/address-list/print", "=.proplist=.id,address", ".tag=big")
            n = 0
            last = None
            while True:
                reply = r.read()
                if reply.kind == "!done":
                    break
                n += 1
                last = reply.attrs
            assert n == 100000
            assert last == {".id": "*186A0", "address": "10.1.134.159"}


def test_librouteros_reads_and_writes_new_menus(api):
    """Menus from the command tree and the baseline through librouteros."""
    logging = list(api.path("system", "logging"))
    assert [r["topics"] for r in logging] == ["info", "error", "warning", "critical"]
    assert logging[0]["default"] is True  # librouteros turns true/false into booleans
    community = list(api.path("snmp", "community"))
    assert [(c["name"], c["read-access"]) for c in community] == [("public", True)]
    pools = api.path("ip", "pool")
    new_id = pools.add(name="lr-pool", ranges="10.50.0.10-10.50.0.99")
    assert [p["ranges"] for p in pools if p[".id"] == new_id] == ["10.50.0.10-10.50.0.99"]
    pools.remove(new_id)
    nat = api.path("ip", "firewall", "nat")
    rule = nat.add(chain="srcnat", action="masquerade", **{"out-interface": "ether1"})
    assert [(r["action"], r["bytes"]) for r in nat if r[".id"] == rule] == [("masquerade", 0)]
    nat.remove(rule)
    assert list(api.path("ip", "ssh"))[0]["strong-crypto"] is False


def test_routeros_api_reads_new_menus(sim716):
    pool = routeros_api.RouterOsApiPool(sim716.host, username="admin", password="pw716", port=sim716.port,
                                        plaintext_login=True)
    try:
        api = pool.get_api()
        actions = api.get_resource("/system/logging/action").get()
        assert sorted(a["name"] for a in actions) == ["disk", "echo", "memory", "remote"]
        ntp = api.get_resource("/system/ntp/client").get()
        assert ntp[0]["enabled"] == "false" and ntp[0]["mode"] == "unicast"
        queues = api.get_resource("/queue/simple")
        queues.add(name="ra-q", target="192.168.88.0/24", **{"max_limit": "10M/10M"})
        got = queues.get(name="ra-q")
        assert got[0]["max-limit"] == "10M/10M" and got[0]["target"] == "192.168.88.0/24"
        queues.remove(id=got[0]["id"])
    finally:
        pool.disconnect()
