# -*- coding: utf-8 -*-
"""Query words and .proplist (the stack semantics are in docs/protocol-facts.md section 4)."""

from __future__ import annotations

import re

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError
from ansible_collections.tikops.routeros.plugins.module_utils.core.query import Q, Term, proplist_word, query_words, where


def test_single_terms():
    assert Q.has("comment").words() == ["?comment"]
    assert Q.has_not("comment").words() == ["?-comment"]
    assert Q.eq("type", "ether").words() == ["?=type=ether"]
    assert Q.eq("disabled", False).words() == ["?=disabled=false"]
    assert Q.lt("mtu", 1500).words() == ["?<mtu=1500"]
    assert Q.gt("comment", "").words() == ["?>comment="]
    assert Q.ne("name", "ether1").words() == ["?=name=ether1", "?#!"]
    assert Q.eq("comment", "a=b").words() == ["?=comment=a=b"]


def test_operators_compose_on_the_stack():
    q = (Q.eq("type", "ether") | Q.eq("type", "vlan")) & ~Q.has("comment")
    assert q.words() == ["?=type=ether", "?=type=vlan", "?#|", "?comment", "?#!", "?#&"]
    # the manual's NOT(a AND b)
    assert (~(Q.gt("distance", 1) & Q.eq("gateway", "172.16.1.1"))).words() == [
        "?>distance=1", "?=gateway=172.16.1.1", "?#&", "?#!"]


def test_any_all_either():
    assert Q.any_of("name", ["a", "b", "c"]).words() == ["?=name=a", "?=name=b", "?=name=c", "?#||"]
    assert Q.any_of("name", ["a"]).words() == ["?=name=a"]
    assert Q.all_of(Q.has("a"), Q.has("b"), Q.has("c")).words() == ["?a", "?b", "?#&", "?c", "?#&"]
    assert Q.either(Q.has("a"), Q.has("b")).words() == ["?a", "?b", "?#|"]
    with pytest.raises(UserInputError):
        Q.any_of("name", [])
    with pytest.raises(UserInputError):
        Q.all_of()
    with pytest.raises(UserInputError):
        Q.either()


def test_ops_word_validated():
    assert Q.ops("0&1|!").words() == ["?#0&1|!"]
    with pytest.raises(UserInputError):
        Q.ops("x")
    with pytest.raises(UserInputError):
        Q.ops("")


def test_query_words_flattens_and_where():
    assert query_words(Q.has("a"), [Q.eq("b", 1), "?-c"]) == ["?a", "?=b=1", "?-c"]
    assert where(name="ether1", disabled=True) == ["?=name=ether1", "?=disabled=true"]
    assert where(mac_address="x") == ["?=mac-address=x"]
    with pytest.raises(UserInputError):
        query_words("=not-a-query")
    with pytest.raises(UserInputError):
        query_words(5)


def test_bad_names_and_combinations():
    with pytest.raises(UserInputError):
        Q.has("")
    with pytest.raises(UserInputError):
        Q.eq("a=b", "c")
    with pytest.raises(UserInputError):
        Q.has("a") & "?b"
    assert Q.has("a") == Term(["?a"])
    assert "?a" in repr(Q.has("a"))


def test_proplist():
    assert proplist_word(["name", ".id"]) == "=.proplist=name,.id"
    assert proplist_word("name,.id") == "=.proplist=name,.id"
    with pytest.raises(UserInputError):
        proplist_word([])
    with pytest.raises(UserInputError):
        proplist_word(["a,b"])


@pytest.mark.parametrize("query, bad", [({"list=x": "y"}, "'list=x' is not a field name"),
                                        ({"#|": "y"}, "'#|' is not a field name"),
                                        ({"name ": "y"}, "'name ' is not a field name"),
                                        (["#|=y"], "'?#|=y' is not a query word"),
                                        (["?na me=1"], "'na me' is not a property name"),
                                        (["?=type"], "'?=type' is not a query word"),
                                        (["?"], "'' is not a property name")])
def test_query_names_and_words_are_checked_before_anything_is_sent(query, bad):
    from ansible_collections.tikops.routeros.plugins.module_utils.tasks.command import query_words

    with pytest.raises(UserInputError, match=re.escape(bad)):
        query_words(query)


def test_well_formed_query_words_pass_as_they_are():
    from ansible_collections.tikops.routeros.plugins.module_utils.tasks.command import query_words

    words = ["?name=ether1", "?list=x=y", "?=comment=a=b", "?-comment", "?disabled", "?#|", "?#!&", "?<mtu=1500",
             "?>comment=", "?.id=*1", "?security.passphrase=x"]
    assert query_words(words) == words
    assert query_words({"name": "a=b", ".id": "*1", "type": ["ether", "vlan"]}) == [
        "?name=a=b", "?.id=*1", "?type=ether", "?type=vlan", "?#|"]
