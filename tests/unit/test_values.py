# -*- coding: utf-8 -*-
"""Value comparison helpers: what the router prints vs what a playbook says."""

from __future__ import annotations

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.core.values import (
    NotParsed,
    normalize,
    parse_bool,
    parse_duration,
    parse_int,
    parse_list,
    parse_rate,
    parse_size,
    same_value,
    to_text,
)

S = 10 ** 9


@pytest.mark.parametrize("text,expected", [
    ("true", True), ("yes", True), ("TRUE", True), (True, True),
    ("false", False), ("no", False), (False, False),
])
def test_bool(text, expected):
    assert parse_bool(text) is expected


def test_bool_rejects():
    with pytest.raises(NotParsed):
        parse_bool("maybe")


@pytest.mark.parametrize("text,ns", [
    ("1w2d3h4m5s", ((7 + 2) * 86400 + 3 * 3600 + 4 * 60 + 5) * S),
    ("500ms", S // 2), ("1.5s", 3 * S // 2), ("10us", 10_000), ("3ns", 3),
    ("01:22:53", (3600 + 22 * 60 + 53) * S), ("1d01:22:53", (86400 + 3600 + 22 * 60 + 53) * S),
    ("00:00:00.5", S // 2), ("30", 30 * S), (30, 30 * S), (0.25, S // 4), ("5m", 300 * S), ("2h", 7200 * S),
])
def test_duration(text, ns):
    assert parse_duration(text) == ns


@pytest.mark.parametrize("text", ["none", "", None, "NONE"])
def test_duration_unset(text):
    assert parse_duration(text) is None


@pytest.mark.parametrize("text", ["1x", "abc", "1h30", "00:61:00", "1d 2h", True])
def test_duration_rejects(text):
    with pytest.raises(NotParsed):
        parse_duration(text)


@pytest.mark.parametrize("text,size", [
    ("25M", 25 * 1024 ** 2), ("26214400", 26214400), ("25MiB", 25 * 1024 ** 2), ("1k", 1024), ("1K", 1024),
    ("1G", 1024 ** 3), ("25.0MiB", 25 * 1024 ** 2), ("1.5k", 1536), (4096, 4096), ("2T", 2 * 1024 ** 4),
])
def test_size(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text,rate", [
    ("10M", 10_000_000), ("10000000", 10_000_000), ("512k", 512_000), ("1.5G", 1_500_000_000), ("1Ki", 1024),
    ("10Mbps", 10_000_000),
])
def test_rate(text, rate):
    assert parse_rate(text) == rate


def test_size_rejects():
    for bad in ("25X", "M", "", True):
        with pytest.raises(NotParsed):
            parse_size(bad)


def test_int():
    assert parse_int("1500") == 1500 and parse_int(7) == 7 and parse_int("0x10") == 16 and parse_int("-3") == -3
    for bad in ("1.5", "x", True):
        with pytest.raises(NotParsed):
            parse_int(bad)


def test_lists():
    assert parse_list("a, b,c") == ["a", "b", "c"]
    assert parse_list("") == [] and parse_list(None) == []
    assert parse_list(["x", True]) == ["x", "true"]


@pytest.mark.parametrize("kind,a,b", [
    ("bool", "yes", "true"), ("bool", True, "true"), ("bool", "no", False),
    ("int", "1500", 1500),
    ("duration", "1d", "24h"), ("duration", "1d", "1d00:00:00"), ("duration", "00:10:00", "10m"),
    ("duration", "none", None), ("duration", "500ms", 0.5),
    ("size", "25M", "26214400"), ("size", "25MiB", "25M"), ("size", "1k", 1024),
    ("rate", "10M", "10000000"),
    ("list", "a,b", ["a", "b"]), ("set", "b,a", "a,b"), ("set", "", []),
    ("mac", "aa:bb:cc:dd:ee:ff", "AA:BB:CC:DD:EE:FF"),
    ("istr", "Ether1", "ether1"),
    ("str", "x", "x"), ("str", None, None), ("str", True, "true"),
    ("int", None, None),
])
def test_same(kind, a, b):
    first, second = a, b
    assert same_value(kind, first, second) is True
    assert same_value(kind, second, first) is True


@pytest.mark.parametrize("kind,a,b", [
    ("bool", "yes", "false"), ("bool", None, False), ("int", "1500", "1501"), ("duration", "1d", "23h"),
    ("duration", "none", "0s"), ("size", "25M", "25000000"), ("list", "a,b", "b,a"), ("set", "a,b", "a,b,c"),
    ("set", None, "x"), ("str", "x", "X"), ("str", None, ""), ("int", "abc", "abd"), ("bool", "maybe", "true"),
])
def test_different(kind, a, b):
    assert same_value(kind, a, b) is False
    first, second = a, b
    assert same_value(kind, second, first) is False


def test_unparsed_values_compare_as_text():
    assert same_value("duration", "never", "never") is True
    assert same_value("size", "unlimited", "unlimited") is True


def test_unknown_kind_and_to_text():
    with pytest.raises(ValueError, match="unknown value kind"):
        normalize("colour", "red")
    assert to_text(True) == "true" and to_text(None) is None and to_text([1, "a"]) == "1,a"


def test_canonical_texts_as_canonical_one_by_one():
    """A big list's keys in one loop give each text the canonical form canonical gives it alone."""
    from ansible_collections.tikops.routeros.plugins.module_utils.core.values import canonical, canonical_texts

    texts = ["10.0.0.1", "10.0.0.1/32", "10.0.0.0/24", "010.0.0.1", "10.0.0.01", "10.0.0.256", "10.0.256.1",
             "1.2.3", "1.2.3.4.5", " 10.0.0.1", "10.0.0.1 ", "2001:db8::1", "2001:DB8::1/128", "example.com",
             "10.0.0.1-10.0.0.9", "", "255.255.255.255", "0.0.0.0/0", "10.0.0.1/33", "10.0.0.1/032", "a.b.c.d"]
    for kind in ("prefix", "int", "duration", "mac"):
        got = canonical_texts(kind, texts, {})
        assert got == dict((text, canonical(kind, text)) for text in texts), kind
    assert canonical_texts("prefix", ["10.0.0.1"], {})["10.0.0.1"] == "10.0.0.1/32"
