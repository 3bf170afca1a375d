# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pure logic of the simulator: query stacks, value parsing, the router model without sockets."""

import pytest

from rosim import values as V
from rosim.model import compile_query
from rosim.router import Command, Router, parse_version
from rosim.values import Trap

ROWS = [{"name": "a", "n": "1"}, {"name": "b", "n": "2", "c": "x"}, {"name": "c", "n": "10"}]


class FakeMenu:
    by_name = {}


def select(*words):
    match = compile_query(list(words), FakeMenu())
    return [r["name"] for r in ROWS if match is None or match(r)]


@pytest.mark.parametrize("words,expected", [
    ((), ["a", "b", "c"]),
    (("?name=a",), ["a"]),
    (("?=name=a",), ["a"]),
    (("?c",), ["b"]),
    (("?-c",), ["a", "c"]),
    (("?<n=2",), ["a"]),
    (("?>n=2",), ["c"]),  # numeric, not text: "10" > "2"
    (("?name=a", "?name=b", "?#|"), ["a", "b"]),
    (("?name=a", "?#!"), ["b", "c"]),
    (("?name=a", "?name=b", "?name=c", "?#||"), ["a", "b", "c"]),
    (("?name=a", "?name=b", "?#|", "?#!"), ["c"]),
    (("?>n=1", "?c", "?#&!"), ["a", "c"]),
    (("?name=a", "?name=b", "?#0"), ["b"]),
    (("?name=a", "?name=b", "?#1"), ["a"]),
    (("?name=a", "?#.|"), ["a"]),
    (("?name=a", "?name=b", "?#1.|"), ["a"]),  # [A, B, copy of A] -> [A, B|A]
    (("?name=zzz", "?#!"), ["a", "b", "c"]),
    (("?#|",), ["a", "b", "c"]),  # pops past the pushed values see the implicit true
])
def test_query_stack(words, expected):
    assert select(*words) == expected


@pytest.mark.parametrize("text,ms,out", [
    ("1w2d3h4m5s", ((((7 + 2) * 24 + 3) * 60 + 4) * 60 + 5) * 1000, "1w2d3h4m5s"),
    ("500ms", 500, "500ms"),
    ("01:22:53", (3600 + 22 * 60 + 53) * 1000, "1h22m53s"),
    ("90", 90000, "1m30s"),
    ("0s", 0, "0s"),
    ("1d00:00:01", 86401000, "1d1s"),
])
def test_durations(text, ms, out):
    assert V.duration_ms(text) == ms
    assert V.fmt_duration(ms) == out


def test_bad_values_raise_router_messages():
    with pytest.raises(Trap) as exc:
        V.parse_duration("timeout", "soon")
    assert exc.value.traps == [("value of timeout must be time interval", 1)]
    with pytest.raises(Trap) as exc:
        V.parse_int("vlan-id", "0", 1, 4094)
    assert exc.value.traps == [("value of vlan-id out of range (1..4094)", 1)]
    assert V.parse_ipv4_iface("address", "10.1.2.3/255.255.255.0") == "10.1.2.3/24"
    assert V.parse_ipv4_iface("address", "10.1.2.3") == "10.1.2.3/32"
    assert V.parse_ipv4_prefix("dst-address", "10.1.2.3/8") == "10.0.0.0/8"
    assert V.parse_ipv6_prefix("address", "2001:db8::1/32") == "2001:db8::/32"
    assert V.network_of("192.0.2.77/26") == "192.0.2.64"
    assert V.parse_size_kib("cache-size", "4M") == "4096KiB"
    assert V.fmt_id(255) == "*FF" and V.parse_id("*FF") == 255 and V.parse_id("ether1") is None


def test_versions():
    assert parse_version("6.49.10 (long-term)") == (6, 49, 10)
    assert parse_version("7.19beta2") == (7, 19)
    with pytest.raises(ValueError):
        parse_version("seven")


def run(router, word, **attrs):
    menu, verb = router.lookup(word)
    return router.run(Command(word, attrs, [], None), None)


def test_router_model_without_sockets():
    r = Router(version="7.16")
    ret = run(r, "/ip/address/add", address="192.0.2.1/24", interface="ether2").done["ret"]
    row = list(run(r, "/ip/address/print").rows)[-1]
    assert row[".id"] == ret and row["network"] == "192.0.2.0"
    with pytest.raises(Trap) as exc:
        r.lookup("/ip/nothing/print")
    assert exc.value.traps == [("no such command or directory (nothing)", 0), ("no such command prefix", None)]
    run(r, "/ip/address/set", **{".id": ret, "!comment": ""})
    run(r, "/ip/address/set", **{".id": ret, "comment": "c"})
    run(r, "/ip/address/set", **{".id": ret, "!comment": ""})
    assert "comment" not in list(run(r, "/ip/address/print").rows)[-1]


def test_ipv6_address_list():
    r = Router(version="7.16")
    run(r, "/ipv6/firewall/address-list/add", list="l", address="2001:db8::5/64")
    assert list(run(r, "/ipv6/firewall/address-list/print").rows)[0]["address"] == "2001:db8::/64"
