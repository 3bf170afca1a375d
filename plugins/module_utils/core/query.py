# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Query words for ``print`` (filter on the router) and ``.proplist`` (ask only for needed fields).

RouterOS evaluates query words on a stack: each comparison pushes true/false, ``?#`` operators combine the top
entries, and an item matches when no ``false`` remains, so a plain list of terms is an AND. Every
:class:`Term` here pushes exactly one value, so terms nest freely::

    q = (Q.eq("type", "ether") | Q.eq("type", "vlan")) & ~Q.has("comment")
    session.send("/interface", "print", queries=q.words(), proplist=["name", "type"])
    query_words(Q.eq("disabled", False), Q.gt("mtu", 1500))   # several terms: ANDed

Values are sent as text: ``True``/``False`` become ``true``/``false``, numbers their decimal form.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError
from ansible_collections.tikops.routeros.plugins.module_utils.core.protocol import (
    _VALID_NAMES,
    ATTRIBUTE_NAME_RULE,
    InvalidName,
    check_attribute_name,
)

# A query word: ``?name``, ``?-name``, ``?name=value``, ``?=name=value``, ``?<name=value``, ``?>name=value``, or
# ``?#`` followed by the stack operations (``|``, ``&``, ``!``, ``.``) and indexes.
_WORD = re.compile(r"\?(?:#[|&!.0-9]+|[-]?(?P<name>[^=<>]*)|[=<>](?P<cmp>[^=]*)=.*|(?P<eq>[^=<>#-][^=]*)=.*)\Z", re.S)


def is_property_name(name):
    """Whether ``name`` is a property name as RouterOS spells them (the rule of attribute names: ``dst-port``,
    ``security.passphrase``, ``.id``); anything else (``=``, ``#``, ``?``, spaces) would change a word's meaning."""
    if name.__class__ is str and name in _VALID_NAMES:  # checked before (the common case: once per entry)
        return True
    try:
        check_attribute_name(name)
    except InvalidName:
        return False
    return True


def _name(name):
    name = str(name)
    if not is_property_name(name):
        raise UserInputError("a query needs a property name (%s), not %r" % (ATTRIBUTE_NAME_RULE, name))
    return name


def check_query_word(word):
    """``word`` if it is a well-formed query word whose property name is a name; a UserInputError naming it if not
    (``?list=x=y`` compares ``list`` with ``x=y``; ``?#|=y`` is no operation)."""
    match = _WORD.match(word) if isinstance(word, str) else None
    if match is None:
        raise UserInputError("%r is not a query word (?name, ?-name, ?name=value, ?=name=value, ?<name=value, "
                             "?>name=value or ?#operations)" % (word,))
    name = next((g for g in (match.group("name"), match.group("cmp"), match.group("eq")) if g is not None), None)
    if name is not None and not is_property_name(name):
        raise UserInputError("query word %r: %r is not a property name (%s)" % (word, name, ATTRIBUTE_NAME_RULE))
    return word


def query_value(value):
    """A Python value as query/attribute text."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return ""
    return str(value)


class Term:
    """One query term (it leaves one true/false on the stack). Combine with ``&``, ``|`` and ``~``."""

    __slots__ = ("_words",)

    def __init__(self, words):
        self._words = list(words)

    def words(self):
        """The query words (a new list)."""
        return list(self._words)

    def __and__(self, other):
        return Term(self._words + _term(other)._words + ["?#&"])

    def __or__(self, other):
        return Term(self._words + _term(other)._words + ["?#|"])

    def __invert__(self):
        return Term(self._words + ["?#!"])

    def __eq__(self, other):
        return isinstance(other, Term) and self._words == other._words

    __hash__ = None

    def __repr__(self):
        return "Term(%s)" % " ".join(self._words)


def _term(obj):
    if isinstance(obj, Term):
        return obj
    raise UserInputError("cannot combine a query term with %r" % (obj,))


class Q:
    """Constructors of query terms."""

    @staticmethod
    def has(name):
        """``?name``: the item has a value for ``name``."""
        return Term(["?" + _name(name)])

    @staticmethod
    def has_not(name):
        """``?-name``: the item has no value for ``name``."""
        return Term(["?-" + _name(name)])

    @staticmethod
    def eq(name, value):
        """``?=name=value`` (the explicit form of ``?name=value``, safe for any name)."""
        return Term(["?=%s=%s" % (_name(name), query_value(value))])

    @staticmethod
    def ne(name, value):
        """Not equal: ``?=name=value ?#!``."""
        return ~Q.eq(name, value)

    @staticmethod
    def lt(name, value):
        """``?<name=value``."""
        return Term(["?<%s=%s" % (_name(name), query_value(value))])

    @staticmethod
    def gt(name, value):
        """``?>name=value`` (``Q.gt("comment", "")`` means a non-empty comment)."""
        return Term(["?>%s=%s" % (_name(name), query_value(value))])

    @staticmethod
    def any_of(name, values):
        """``name`` equals one of ``values``: the equalities followed by one ``?#|...`` word."""
        values = list(values)
        if not values:
            raise UserInputError("any_of(%r) needs at least one value" % (name,))
        words = ["?=%s=%s" % (_name(name), query_value(v)) for v in values]
        if len(values) > 1:
            words.append("?#" + "|" * (len(values) - 1))
        return Term(words)

    @staticmethod
    def all_of(*terms):
        if not terms:
            raise UserInputError("all_of() needs at least one term")
        result = _term(terms[0])
        for term in terms[1:]:
            result = result & term
        return result

    @staticmethod
    def either(*terms):
        if not terms:
            raise UserInputError("either() needs at least one term")
        result = _term(terms[0])
        for term in terms[1:]:
            result = result | term
        return result

    @staticmethod
    def ops(operations):
        """A raw ``?#`` word (stack operations: ``!``, ``&``, ``|``, ``.``, digits), for what the operators above
        do not express. The caller is responsible for what it leaves on the stack."""
        operations = str(operations)
        if not operations or any(c not in "!&|.0123456789" for c in operations):
            raise UserInputError("?# operations are made of ! & | . and digits, not %r" % (operations,))
        return Term(["?#" + operations])


def query_words(*terms):
    """The words of several terms (ANDed by RouterOS); accepts terms, lists of terms, or ready words."""
    words = []
    for term in terms:
        if isinstance(term, Term):
            words.extend(term._words)
        elif isinstance(term, str):
            if not term.startswith("?"):
                raise UserInputError("a query word starts with '?', not %r" % (term,))
            words.append(term)
        elif isinstance(term, (list, tuple)):
            words.extend(query_words(*term))
        else:
            raise UserInputError("not a query term: %r" % (term,))
    return words


def where(**equals):
    """Shorthand: ``where(name="ether1", disabled=False)`` -> the ANDed equality words."""
    return query_words(*[Q.eq(name.replace("_", "-"), value) for name, value in equals.items()])


def proplist_word(names):
    """``=.proplist=a,b,c`` for ``names`` (a list, or a comma string)."""
    if isinstance(names, str):
        names = [n for n in names.split(",") if n]
    names = [str(n) for n in names]
    if not names:
        raise UserInputError("an empty .proplist would return bare rows; give at least one property")
    for n in names:
        if "," in n or "=" in n:
            raise UserInputError("property name %r cannot go into a .proplist" % (n,))
    return "=.proplist=" + ",".join(names)
