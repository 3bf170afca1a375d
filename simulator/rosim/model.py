# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The data model: fields, menus, tables and the router that holds them.

A *table* stores items (dicts of field name -> printed text, plus ``.id`` and private ``_`` keys). A *menu*
is a view on one table (``/interface/vlan`` shows the vlan items of the interface table with vlan fields),
with the verbs a client may call on it. Everything here is synchronous and I/O free; the server calls it.
"""

import re
import ipaddress

from . import values as V
from .values import Trap


class Field:
    """One property of a menu.

    ``kind`` picks the parser (see ``parse``); ``ro`` fields are printed but not accepted as arguments;
    ``wo`` fields (passwords) are accepted but never printed; ``since``/``until`` limit the field to a
    RouterOS version range; ``default`` is what a new item gets when the client does not say.
    """

    __slots__ = ("name", "kind", "default", "ro", "wo", "required", "choices", "lo", "hi", "since", "until",
                 "unset_to", "in_add", "in_set", "info")

    def __init__(self, name, kind="str", default=None, ro=False, wo=False, required=False, choices=None,
                 lo=None, hi=None, since=None, until=None, unset_to=None):
        self.name = name
        self.kind = kind
        self.default = default
        self.ro = ro
        self.wo = wo
        self.required = required
        self.choices = choices
        self.lo = lo
        self.hi = hi
        self.since = since
        self.until = until
        self.unset_to = unset_to
        self.in_add = True  # the tree (RouterOS 7) may say a field is taken by add only, or by set only
        self.in_set = True
        self.info = None  # generic fields: the catalog's FieldInfo (kind "info")

    def copy(self, **changes):
        f = object.__new__(Field)
        for k in Field.__slots__:
            setattr(f, k, getattr(self, k))
        for k, v in changes.items():
            setattr(f, k, v)
        return f

    def exists_in(self, version):
        if self.since is not None and version < self.since:
            return False
        if self.until is not None and version >= self.until:
            return False
        return True

    def parse(self, value, router):
        name = self.name
        kind = self.kind
        if kind == "str":
            return value
        if kind == "bool":
            return V.parse_bool(name, value)
        if kind == "int":
            return V.parse_int(name, value, self.lo, self.hi)
        if kind == "enum":
            if value not in self.choices:
                raise Trap("input does not match any value of %s" % name, V.CAT_ARGUMENT)
            return value
        if kind == "enum-or-int":
            if value in self.choices:
                return value
            return V.parse_int(name, value, self.lo, self.hi)
        if kind == "enumlist":
            parts = [p for p in value.split(",") if p]
            for p in parts:
                if p not in self.choices:
                    raise Trap("input does not match any value of %s" % name, V.CAT_ARGUMENT)
            return ",".join(parts)
        if kind in ("enum-neg", "enumlist-neg"):
            # firewall matchers: "!" negates (each element of a list: tcp-flags=syn,!ack)
            parts = [p for p in value.split(",") if p] if kind == "enumlist-neg" else [value]
            if not parts or any((p[1:] if p.startswith("!") else p) not in self.choices for p in parts):
                raise Trap("input does not match any value of %s" % name, V.CAT_ARGUMENT)
            return ",".join(parts)
        if kind == "mac-neg":
            neg = value.startswith("!")
            return ("!" if neg else "") + V.parse_mac(name, value[1:] if neg else value)
        if kind == "duration":
            return V.parse_duration(name, value)
        if kind == "duration-or":
            if value in self.choices:
                return value
            return V.parse_duration(name, value)
        if kind == "ipv4":
            return V.parse_ipv4(name, value)
        if kind == "ipv4-or-empty":
            return V.parse_ipv4(name, value) if value else ""
        if kind == "ipaddr":
            return V.parse_ipaddr(name, value)
        if kind == "ipv4if":
            return V.parse_ipv4_iface(name, value)
        if kind == "ipv4net":
            return V.parse_ipv4_prefix(name, value)
        if kind == "addrlist-address":
            return V.parse_ipv4_or_range(name, value)
        if kind == "addrlist6-address":
            return V.parse_ipv6_prefix(name, value)
        if kind == "ipv6if":
            return V.parse_ipv6_iface(name, value)
        if kind == "mac":
            return V.parse_mac(name, value)
        if kind == "mac-or-empty":
            return V.parse_mac(name, value) if value else ""
        if kind == "iplist":
            return V.parse_ip_list(name, value)
        if kind == "prefixlist":
            return V.parse_prefix_list(name, value)
        if kind == "sizekib":
            return V.parse_size_kib(name, value)
        if kind == "iface":
            return router.resolve_interface(value, name)
        if kind == "iface-or-list":
            return router.resolve_interface(value, name, allow_lists=True)
        if kind == "gateway":
            return router.parse_gateway(value, name)
        if kind == "iface-neg" or kind == "iflist-neg":
            neg = "!" if value.startswith("!") else ""
            name_ = value[1:] if neg else value
            if kind == "iface-neg":
                return neg + router.resolve_interface(name_, name)
            return neg + router.resolve_reference("interface_list", name_, name)
        if kind == "ifaces":
            return ",".join(router.resolve_interface(p, name) for p in value.split(",") if p)
        if kind == "info":
            return parse_info(self, value)
        if kind.startswith("ref:"):
            return router.resolve_reference(kind[4:], value, name)
        raise ValueError("unknown field kind %r" % kind)


class Table:
    """Ordered items with per-table ids (``*1``, ``*2``, ...)."""

    def __init__(self, name):
        self.name = name
        self.items = []
        self.by_id = {}
        self.next_id = 1
        self.gen = 0
        self._indexes = {}

    def touch(self):
        """Items were changed in place: lookup indexes are rebuilt on next use."""
        self.gen += 1

    def lookup(self, name, keyfunc, key):
        """Items whose ``keyfunc(item) == key`` (an index kept up to date by insert/delete)."""
        idx = self._indexes.get(name)
        if idx is None or idx[0] != self.gen:
            table = {}
            for item in self.items:
                table.setdefault(keyfunc(item), []).append(item)
            idx = self._indexes[name] = [self.gen, keyfunc, table]
        return idx[2].get(key, ())

    def new_id(self):
        n = self.next_id
        self.next_id += 1
        return V.fmt_id(n)

    def insert(self, item, index=None):
        if ".id" not in item:
            item[".id"] = self.new_id()
        else:
            n = V.parse_id(item[".id"])
            # ids of a separate range (built-in interface lists *2000000, v6 dynamic routes *30000001) do not
            # move the counter of ordinary entries
            if n is not None and self.next_id <= n < 0x1000000:
                self.next_id = n + 1
        if index is None:
            self.items.append(item)
        else:
            self.items.insert(index, item)
        self.by_id[item[".id"]] = item
        old = self.gen
        self.gen += 1
        for idx in self._indexes.values():
            if idx[0] == old:
                idx[2].setdefault(idx[1](item), []).append(item)
                idx[0] = self.gen
        return item

    def delete(self, item):
        if self.items and self.items[0] is item:
            del self.items[0]
        else:
            self.items.remove(item)
        del self.by_id[item[".id"]]
        old = self.gen
        self.gen += 1
        for idx in self._indexes.values():
            if idx[0] == old:
                bucket = idx[2].get(idx[1](item))
                if bucket is not None and item in bucket:
                    bucket.remove(item)
                idx[0] = self.gen


class Menu:
    """A menu path and what it offers.

    ``kind``: ``list`` (items with ids), ``single`` (one settable row, no id), ``ro-list``/``ro-single``
    (printed only). ``where`` limits the view on a shared table (a dict of private keys that must match, e.g.
    ``{"_kind": "vlan"}``; new items get them too). ``key`` is the field that also names an item in
    ``=.id=``/``=numbers=``. ``ordered`` enables ``move``.
    """

    def __init__(self, path, table, fields, kind="list", where=None, key=None, ordered=False, since=None,
                 until=None, extra_verbs=(), no_add=False, no_remove=False, hooks=None):
        self.path = path
        self.table = table
        self.all_fields = fields
        self.kind = kind
        self.where = where or {}
        self.key = key
        self.ordered = ordered
        self.since = since
        self.until = until
        self.extra_verbs = tuple(extra_verbs)
        self.no_add = no_add
        self.no_remove = no_remove
        self.hooks = hooks
        self.commands = None  # RouterOS 7: the tree's commands {name: [argument names]}
        self.info = None  # RouterOS 7: the catalog's MenuInfo
        self.generic = False  # a menu only the tree knows
        self.fields = fields  # narrowed to the router version by bind()
        self.by_name = {f.name: f for f in fields}

    def bind(self, version):
        """This menu as a router of ``version`` shows it, or None when that version has no such menu."""
        if self.since is not None and version < self.since:
            return None
        if self.until is not None and version >= self.until:
            return None
        m = object.__new__(Menu)
        m.__dict__.update(self.__dict__)
        m.fields = [f for f in self.all_fields if f.exists_in(version)]
        m.by_name = {f.name: f for f in m.fields}
        return m

    @property
    def verbs(self):
        if self.commands is not None:
            v = set(self.commands)
            if "print" in v:
                v |= {"getall", "listen"}
            return v
        if self.kind == "list":
            v = {"print", "getall", "listen", "set", "unset", "add", "remove", "comment", "export"}
            if "disabled" in self.by_name:
                v |= {"enable", "disable"}
            if self.ordered:
                v.add("move")
            if self.no_add:
                v.discard("add")
            if self.no_remove:
                v.discard("remove")
        elif self.kind == "single":
            v = {"print", "getall", "listen", "set", "unset", "export"}
        else:
            v = {"print", "getall", "listen"}
        return v | set(self.extra_verbs)

    def matches(self, item):
        for k, want in self.where.items():
            got = item.get(k)
            if isinstance(want, (tuple, frozenset, set)):
                if got not in want:
                    return False
            elif got != want:
                return False
        return True

    def render(self, item, router):
        """The full printed row: ``.id`` first (list menus), then each field that has a value, in order."""
        row = {}
        if self.kind in ("list", "ro-list"):
            row[".id"] = item[".id"]
        derived = self.hooks.derive(self, item, router) if self.hooks is not None else None
        for f in self.fields:
            if f.wo:
                continue
            if derived and f.name in derived:
                value = derived[f.name]
            else:
                value = item.get(f.name)
            if value is not None:
                row[f.name] = value
        return row


# ---------------------------------------------------------------------------------------------------------
# Queries (protocol-facts.md section 4)


class QueryError(Exception):
    pass


QUERY_OPS = frozenset("0123456789!&|.")


def compile_query(words, menu):
    """Turn ``?`` words into a predicate over rendered rows (dicts of text)."""
    ops = []
    for w in words:
        body = w[1:]
        if body.startswith("#"):
            if any(c not in QUERY_OPS for c in body[1:]):
                raise QueryError(w)
            ops.append(("ops", body[1:]))
            continue
        op = "="
        if body[:1] in ("=", "<", ">", "-"):
            op, body = body[0], body[1:]
            if op == "-":
                ops.append(("absent", body))
                continue
        if "=" in body:
            name, value = body.split("=", 1)
            f = menu.by_name.get(name)
            if f is not None and f.kind == "bool":
                value = V.TRUE_WORDS.get(value.lower(), value)
            if op == "=":
                ops.append(("eq", name, value))
            else:
                ops.append((op, name, value))
        else:
            if op in ("<", ">"):
                raise QueryError(w)
            ops.append(("present", body))
    if not ops:
        return None

    def match(row):
        stack = []

        def get(i):
            return stack[-1 - i] if i < len(stack) else True

        def pop():
            return stack.pop() if stack else True

        for op in ops:
            kind = op[0]
            if kind == "eq":
                got = row.get(op[1])
                stack.append(got == op[2] if got is not None else op[2] == "")
            elif kind == "present":
                stack.append(op[1] in row)
            elif kind == "absent":
                stack.append(op[1] not in row)
            elif kind in ("<", ">"):
                got = row.get(op[1])
                if got is None:
                    stack.append(False)
                else:
                    a, b = V.compare_key(got), V.compare_key(op[2])
                    stack.append(a < b if kind == "<" else a > b)
            else:
                text = op[1]
                i = 0
                n = len(text)
                while i < n:
                    c = text[i]
                    if c.isdigit():
                        j = i
                        while j < n and text[j].isdigit():
                            j += 1
                        idx = int(text[i:j])
                        if j >= n:
                            stack[:] = [get(idx)]
                        else:
                            stack.append(get(idx))
                            if text[j] == ".":
                                j += 1
                        i = j
                        continue
                    if c == "!":
                        stack.append(not pop())
                    elif c == "&":
                        a, b = pop(), pop()
                        stack.append(a and b)
                    elif c == "|":
                        a, b = pop(), pop()
                        stack.append(a or b)
                    else:  # "." (compile_query admits nothing else)
                        stack.append(get(0))
                    i += 1
        return all(stack)

    return match


def _check_ip(name, value, kind):
    parts = [p for p in value.split(",") if p] if value else []
    for p in parts:
        p = p[1:] if p.startswith("!") else p
        try:
            if kind == "ip":
                # the tree says "IP address" also for fields that take a prefix (/ip/dhcp-server/network address)
                # or an address and port (/ip/hotspot/profile http-proxy=0.0.0.0:0, as exports print it)
                host, colon, port = p.rpartition(":")
                if colon and "." in host and port.isdigit() and int(port) <= 65535:
                    p = host
                ipaddress.ip_network(p.split("%")[0], strict=False)
            elif kind == "ip-range":
                if "-" in p:
                    lo, hi = p.split("-", 1)
                    ipaddress.ip_address(lo)
                    ipaddress.ip_address(hi)
                else:
                    ipaddress.ip_network(p, strict=False)
            else:
                ipaddress.ip_network(p, strict=False)
        except ValueError:
            raise V.bad_value(name)
    return value


def _keywords(desc):
    """The plain words an argument's description lists as alternatives to a kind of value (``none`` of
    ``none | A.B.C.D (IP address)``)."""
    if not desc or "|" not in desc:
        return ()
    return tuple(p.strip() for p in desc.split("|") if re.match(r"^[a-z][a-z0-9-]*$", p.strip()))


def parse_info(field, value):
    """Check ``value`` against the router's description of the argument (``Field.kind == "info"``)."""
    info = field.info
    name = field.name
    vt = info.value_type
    if vt == "words":
        if info.check_value(value) is not None:
            raise Trap("input does not match any value of %s" % name, V.CAT_ARGUMENT)
        return value
    if value == "":
        return value
    if value in _keywords(info.desc):  # `none | A.B.C.D (IP address)`: the words the description lists beside a kind
        return value
    if vt == "int":
        return V.parse_int(name, value, info.lo, info.hi)
    if vt == "time":
        if value in ("none", "never", "auto", "disabled", "unlimited"):
            return value
        lo, dash, hi = value.partition("-")
        if dash and lo and hi:
            # a range of two intervals (/ipv6/nd ra-interval=1m-3m, as routers print it)
            return "%s-%s" % (V.parse_duration(name, lo), V.parse_duration(name, hi))
        return V.parse_duration(name, value)
    if vt in ("ip", "ip-range", "ip-prefix", "ipv6-prefix"):
        return _check_ip(name, value, vt)
    if vt == "mac":
        return V.parse_mac(name, value)
    return value


class Result:
    """``rows`` to send as !re, ``done`` attributes of !done; ``listing`` marks a print (7.18+ sends !empty
    for a listing without rows); ``stream`` when the command keeps running (listen, follow)."""

    __slots__ = ("rows", "done", "stream", "listing")

    def __init__(self, rows=(), done=None, stream=None, listing=False):
        self.rows = rows
        self.done = done or {}
        self.stream = stream
        self.listing = listing
