# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Values by meaning, as the planner compares them (core/values.py is the one place they have a meaning)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.tikops.routeros.plugins.module_utils.core import values as V
from ansible_collections.tikops.routeros.plugins.module_utils.converge import engine as E


@pytest.mark.parametrize("kind,wanted,have", [
    ("bool", True, "true"), ("bool", "yes", "true"), ("bool", "no", "false"), ("bool", True, "yes"),
    ("duration", "1d", "24h"), ("duration", "1d", "1d00:00:00"), ("duration", "5m", "00:05:00"),
    ("size", "25M", "26214400"), ("size", 26214400, "25M"),
    ("set", ["10M-full", "100M-full"], "100M-full,10M-full"),
    ("int", 1500, "1500"), ("int", "0x8000", "32768"),
    ("prefix", "10.1.2.3", "10.1.2.3/32"), ("prefix", "fe80::0:1/64", "fe80::1/64"),
    ("ip", "2001:DB8:0::1", "2001:db8::1"),
    ("mac", "aa-bb-cc-dd-ee-ff", "AA:BB:CC:DD:EE:FF"),
    ("auto", True, "yes"), ("auto", True, "true"), ("auto", 7, "7"), ("auto", "x y", "x y"), ("auto", "yes", "true"),
    ("auto", ["a", "b"], "a,b"),
])
def test_same_by_meaning(kind, wanted, have):
    assert V.same(kind, wanted, have)


@pytest.mark.parametrize("kind,wanted,have", [
    ("bool", True, "false"), ("duration", "1d", "23h"), ("size", "25M", "25000000"),
    ("list", ["a", "b"], "b,a"), ("int", 1500, "1492"), ("prefix", "10.1.2.3/24", "10.1.2.3/25"),
    ("str", "Ether1", "ether1"), ("auto", True, "no"), ("auto", ["a", "b"], "b,a"),
])
def test_different_by_meaning(kind, wanted, have):
    assert not V.same(kind, wanted, have)


def test_enabled_and_disabled_are_words_not_booleans():
    """``arp=enabled`` is a word of the arp field: it is not ``true``, and a boolean field never reads it as one."""
    with pytest.raises(V.NotParsed):
        V.parse_bool("enabled")
    assert V.bool_or_none("disabled") is None
    assert not V.same("auto", "enabled", "true")
    assert not V.same("auto", True, "enabled")
    assert not V.same("bool", "disabled", "false")
    assert V.same("auto", "enabled", "enabled")
    assert not V.truthy("enabled") and V.truthy("true") and V.truthy("yes") and not V.truthy(None)


def test_written_booleans():
    """Writes say yes/no (what /export writes; RouterOS 6 and 7 accept it), or the field's own true/false."""
    assert V.to_api(True) == "yes" and V.to_api(False) == "no"
    assert V.to_api([True, "a"]) == "yes,a" and V.to_api(None) == ""
    assert V.bool_text(True, ("yes", "no")) == "yes"
    assert V.bool_text(False, ("true", "false")) == "false"
    assert V.bool_text(True) == "yes"
    assert V.is_bool_words(["yes", "no"]) and V.is_bool_words(("false", "true")) and not V.is_bool_words(["on", "off"])
    # the shown command and the API request write the same text
    op = E.Op(E.SET, "/ip/address", target="*1", attrs={"disabled": V.to_api(True)}, where={"address": "10.0.0.1/24"})
    assert op.command() == "/ip/address/set [find address=10.0.0.1/24] disabled=yes"
    assert op.request() == ("/ip/address", "set", {".id": "*1", "disabled": "yes"})


def test_canonical_keys():
    assert V.canonical("prefix", "10.0.0.1") == V.canonical("prefix", "10.0.0.1/32")
    assert V.canonical("set", "b,a") == V.canonical("set", ["a", "b"])
    assert V.canonical("int", "x") == "x" and V.canonical("auto", None) is None


def test_lists_split_items_at_commas():
    assert V.parse_list(["a,b", "c"]) == ["a", "b", "c"]


def test_prefix_and_network():
    assert V.normalize_prefix("10.0.0.1") == "10.0.0.1/32"
    assert V.normalize_prefix("2001:DB8::1/64") == "2001:db8::1/64"
    assert V.normalize_prefix("10.0.0.1/24", version=6) is None and V.normalize_prefix("x") is None
    assert V.network_of("10.1.2.3/16") == "10.1.0.0" and V.network_of("x") is None


@settings(max_examples=1000, deadline=None)
@given(st.one_of(
    st.tuples(st.integers(0, 300), st.integers(0, 300), st.integers(0, 300), st.integers(0, 300),
              st.one_of(st.none(), st.integers(0, 40)), st.booleans()).map(
        lambda t: "%s%d.%d.%d.%d%s" % ("0" if t[5] and t[0] < 10 else "", t[0], t[1], t[2], t[3],
                                       "" if t[4] is None else "/%d" % t[4])),
    st.text(alphabet="0123456789./:abcdef", max_size=24)))
def test_prefix_fast_path_agrees_with_ipaddress(text):
    """The regex fast path for plain IPv4 gives what ipaddress gives, for any text (leading zeros, /33, junk)."""
    assert V._prefix_text(text) == V._prefix_text_slow(text)  # pylint: disable=protected-access
