# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The to_unsafe_yaml filter: router data as YAML that Ansible loads back without ever templating it."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible.errors import AnsibleFilterError
from ansible.module_utils.six import binary_type, integer_types, string_types

try:
    from yaml import ScalarNode
    from yaml.resolver import Resolver
except ImportError:  # ansible-core requires PyYAML; this keeps ansible-test's import check quiet
    ScalarNode = Resolver = None

# What a YAML reader accepts unescaped inside a double-quoted scalar, less the line breaks YAML folds
# (NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR) and the two characters that end or escape the scalar.
_PLAIN = re.compile(u'[^\\x20-\\x21\\x23-\\x5b\\x5d-\\x7e\\xa0-\\u2027\\u202a-\\ud7ff\\ue000-\\ufefe\\uff00-\\ufffd\\U00010000-\\U0010ffff]')
_SURROGATE = re.compile(u'[\\ud800-\\udfff]')
_SHORT = {u'"': u'\\"', u'\\': u'\\\\', u'\n': u'\\n', u'\t': u'\\t', u'\r': u'\\r', u'\x00': u'\\0'}
# a mapping key written without quotes: what RouterOS field names look like, nothing YAML or Jinja reads
# (\Z, not $: $ also matches before a final line break, and a key "name\n" would lose its break)
_BARE_KEY = re.compile(r'\A[A-Za-z_][A-Za-z0-9_.-]*\Z')
_STR_TAG = u'tag:yaml.org,2002:str'


def _escape(match):
    char = match.group(0)
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    if code <= 0xff:
        return u'\\x%02x' % code
    if code <= 0xffff:
        return u'\\u%04x' % code
    return u'\\U%08x' % code


def quote(text):
    """A YAML double-quoted scalar that loads back as exactly ``text`` (any code point but a lone surrogate)."""
    return u'"%s"' % _PLAIN.sub(_escape, text)


def _key(key, where):
    if isinstance(key, bool) or not isinstance(key, string_types + integer_types):
        raise AnsibleFilterError('to_unsafe_yaml: the key %r at %s is not a string or an integer' % (key, where))
    key = u'%s' % key
    if _BARE_KEY.match(key) and _reads_as_text(key):
        return key
    return _text(key, where)


def _reads_as_text(text):
    """Whether YAML reads ``text`` unquoted as text (not a boolean, number, null or date)."""
    return Resolver().resolve(ScalarNode, text, (True, False)) == _STR_TAG


def _text(text, where):
    """``text`` as a scalar that loads back as this very text and is never templated.

    Newer ansible-core resolves the scalar under ``!unsafe`` as if it were unquoted (``!unsafe "yes"`` loads as
    true), so text that would read as a boolean, number, null or date is written quoted and untagged: none of
    it can hold a template, which always starts with a brace."""
    if _SURROGATE.search(text):
        raise AnsibleFilterError('to_unsafe_yaml: the text at %s holds a lone surrogate, which YAML cannot carry'
                                 % where)
    if _reads_as_text(text):
        return u'!unsafe %s' % quote(text)
    return quote(text)


def _scalar(value, where):
    if value is None:
        return u'null'
    if isinstance(value, bool):
        return u'true' if value else u'false'
    if isinstance(value, integer_types):
        return u'%d' % value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, binary_type):
        value = value.decode('utf-8', 'surrogateescape')
    if isinstance(value, string_types):
        return _text(u'%s' % value, where)
    raise AnsibleFilterError('to_unsafe_yaml: the value at %s is a %s, which YAML data from a router never holds'
                             % (where, type(value).__name__))


def _emit(value, indent, where, lines, prefix):
    """Append the lines of ``value``; ``prefix`` is what stands before it on its first line."""
    pad = u' ' * indent
    if isinstance(value, dict):
        if not value:
            lines.append(prefix + u'{}')
            return
        first = True
        for key, item in value.items():
            head = (prefix if first else pad) + _key(key, where) + u':'
            first = False
            _emit_child(item, indent, '%s.%s' % (where, key), lines, head)
        return
    if isinstance(value, (list, tuple)):
        if not value:
            lines.append(prefix + u'[]')
            return
        first = True
        for index, item in enumerate(value):
            head = (prefix if first else pad) + u'- '
            first = False
            _emit(item, indent + 2, '%s[%d]' % (where, index), lines, head)
        return
    lines.append(prefix + _scalar(value, where))


def _emit_child(item, indent, where, lines, head):
    if isinstance(item, dict) and item:
        lines.append(head)
        _emit(item, indent + 2, where, lines, u' ' * (indent + 2))
    elif isinstance(item, (list, tuple)) and item:
        lines.append(head)
        _emit(item, indent, where, lines, u' ' * indent)
    else:
        _emit(item, indent, where, lines, head + u' ')


def to_unsafe_yaml(data):
    """YAML text of ``data`` in which every string is tagged ``!unsafe``: a file Ansible can load as variables
    (host_vars, vars_files, include_vars) and never template, whatever a router put in its comments or names."""
    lines = []
    _emit(data, 0, 'data', lines, u'')
    return u'\n'.join(lines) + u'\n'


class FilterModule(object):
    def filters(self):
        return {'to_unsafe_yaml': to_unsafe_yaml}
