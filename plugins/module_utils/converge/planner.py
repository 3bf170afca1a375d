# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The planner: a menu's desired entries + its rows on the router -> the operations (:class:`engine.Op`) under a
state. One planner for every configuring module: ``tikops.routeros.menu`` (the menu described by the catalog,
``menu/planner.py``) and the resource modules (``interfaces``, ``ip_addresses``: a menu declared next to the
module, :class:`Menu`) hand it a menu model and their entries; matching, resets, additions, removals and the order
of ordered menus are decided here, the same way for all of them. Pure: no I/O.

A menu model is a :class:`Menu` (or a subclass, such as the menu module's ``Resolved``): ``path``, ``kind``
(:data:`LIST`, :data:`FIXED`, :data:`SETTINGS`), ``keys``, ``name_field``, ``ref_fields``, ``ordered``, ``protect``,
``read_only``, and ``field(name)`` (a :class:`Field`: the comparison kind, whether it may change once the entry
exists, whether it is required to add), ``reset_value(name, row)``, ``writable(name)``, ``is_secret(name)``,
``can_unset`` and ``keeps_unknown`` (what ``replaced`` does to a field with a value and no known reset value:
leave it, or refuse).

Desired entries are ``(where, values, find)``: ``where`` names the entry in messages, ``values`` are RouterOS field
names -> values, ``find`` (optional) other fields that find the current entry when its keys match none (a rename:
``{"name": "old"}``, ``{"default-name": "ether1"}``); an entry found that way is changed in place. A ``find``
that is a :class:`Pinned` names the entry itself (the built-in port by its default name, the n-th entry, the
menu's built-in entry): it is tried before the keys, an entry it finds may be built-in (never a dynamic one), and
when neither it nor the keys find an entry the plan fails (the entry is never added).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import bisect

from ansible_collections.tikops.routeros.plugins.module_utils.converge import engine
from ansible_collections.tikops.routeros.plugins.module_utils.converge.engine import (
    ACTION_STATES,
    ADD,
    DELETED,
    MOVE,
    OVERRIDDEN,
    PHASE_ADD,
    PHASE_MOVE,
    PHASE_REMOVE,
    PHASE_RENAME,
    PHASE_SET,
    REMOVE,
    REPLACED,
    SET,
    UNSET,
    Op,
    Plan,
)
from ansible_collections.tikops.routeros.plugins.module_utils.core import values as _values
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError, is_secret
from ansible_collections.tikops.routeros.plugins.module_utils.core.values import canonical, same, to_api, truthy

# Kinds of menu (the catalog's words): entries added and removed; entries that exist by themselves (set, reset,
# never added or removed); one settings object.
LIST = "list"
FIXED = "fixed"
SETTINGS = "settings"

NO_DEFAULT = object()


class _Absent(object):
    """The value of a field that is to have none (an export's ``!connection-bytes``): an entry that has one gets
    ``unset``, an addition leaves the field out, and only an entry without a value matches it."""

    __slots__ = ()

    def __str__(self):
        return ""

    def __repr__(self):
        return "ABSENT"


ABSENT = _Absent()


def _without_value(menu, name, have, row):
    """Whether a field the router prints as ``have`` has no value: absent, empty, or the word it prints when unset
    (its reset value: ``next-pool=none``)."""
    if have in (None, ""):
        return True
    default = menu.reset_value(name, row)
    return default is not None and same(menu.kind_of(name), default, have)


# Flags that make an entry untouchable: reported, never changed or removed.
PROTECT_FLAGS = ("dynamic", "builtin")
MASK = "********"


# ---------------------------------------------------------------------------------------------------------
# The menu model


class Field:
    """What the planner knows about one field of a menu.

    ``kind`` picks the comparison (:func:`values.same`); ``default`` is the value a reset restores (``replaced``,
    ``overridden``, ``deleted`` on entries that cannot be removed); ``default_from`` names another field of the
    same entry whose value is the default (an ethernet's ``name`` defaults to its ``default-name``; such a key is
    reset too); ``unset`` resets the field with the ``unset`` command instead of writing a value;
    ``create_only`` fields cannot be changed once the entry exists; ``required`` fields must be given to add.
    ``empty_is_absent``: the router omits the field when it is empty (``comment``).
    """

    __slots__ = ("kind", "default", "default_from", "unset", "create_only", "required", "empty_is_absent")

    def __init__(self, kind="str", default=NO_DEFAULT, default_from=None, unset=False, create_only=False,
                 required=False, empty_is_absent=False):
        self.kind = kind
        self.default = default
        self.default_from = default_from
        self.unset = unset
        self.create_only = create_only
        self.required = required
        self.empty_is_absent = empty_is_absent


class Menu:
    """A menu as the planner sees it; built from a plain declaration (a dict) kept next to a resource module, or
    subclassed by the menu module (``menu/planner.py``: knowledge from the catalog).

    ``path``: the API path (``/ip/address``). ``keys``: the fields that identify an entry. ``fields``:
    ``{name: Field or dict of Field arguments}``; a field not declared is compared by the ``auto`` kind.
    ``read_only``: fields read and reported, never written. ``kind``: :data:`LIST`, :data:`FIXED` (``fixed=True``
    says the same) or :data:`SETTINGS`. ``name_field``: the field by which other entries reference entries of this
    menu; an add, rename or removal *provides* that name, so operations that reference it wait for it.
    ``ref_fields``: fields whose values are names of other entries. ``ordered``: the order of entries matters
    (firewall rules). ``protect``: flags that make an entry untouchable. ``keeps_unknown``: a field without a reset
    value is left as it is by ``replaced`` (True: a resource module resets only what it declares), or refused (the
    menu module refuses to guess). ``can_unset``: the menu has the ``unset`` command.
    """

    keeps_unknown = True
    can_unset = False
    resets_unlisted = True  # overridden resets the fixed entries it does not list

    def __init__(self, path, keys, fields=None, read_only=(), fixed=False, name_field=None, ref_fields=(),
                 ordered=False, protect=PROTECT_FLAGS, label=None, kind=None):
        self.path = path
        self.keys = tuple(keys)
        self.fields = {}
        for name, spec in (fields or {}).items():
            self.fields[name] = spec if isinstance(spec, Field) else Field(**spec)
        for key in self.keys:
            self.fields.setdefault(key, Field())
        self.read_only = tuple(read_only)
        self.kind = kind or (FIXED if fixed else LIST)
        self.name_field = name_field
        self.ref_fields = tuple(ref_fields)
        self.ordered = ordered
        self.protect = tuple(protect)
        self.label = label or path

    @property
    def fixed(self):
        return self.kind == FIXED

    @classmethod
    def from_decl(cls, decl):
        return decl if isinstance(decl, Menu) else cls(**decl)

    def field(self, name):
        return self.fields.get(name) or _UNDECLARED

    def kind_of(self, name):
        return self.field(name).kind

    def writable(self, name):
        return name not in self.read_only and not name.startswith(".")

    def is_secret(self, name):
        return is_secret(name)

    def create_only(self, name):
        return self.field(name).create_only

    def reset_value(self, name, row):
        """The value a reset writes to ``name`` of ``row``; None when none is known."""
        field = self.field(name)
        if field.default_from is not None:
            return row.get(field.default_from)
        return None if field.default is NO_DEFAULT else field.default

    def static_reset(self, name):
        """The value a reset writes to ``name`` of any entry (:meth:`reset_value`), or :data:`_PER_ROW` when it
        depends on the entry (a model that computes reset values its own way says so by overriding this too)."""
        if self.field(name).default_from is not None or self.__class__.reset_value is not Menu.reset_value:
            return _PER_ROW
        return self.reset_value(name, {})

    def proplist(self, extra=()):
        """The fields a read asks for: .id, keys, declared, read-only and protect flags, plus ``extra``."""
        names = [".id"]
        for name in list(self.keys) + list(self.fields) + list(self.read_only) + list(self.protect) + list(extra):
            if name not in names:
                names.append(name)
        return names

    def is_protected(self, row):
        for flag in self.protect:
            value = row.get(flag)
            if value is not None and value is not False and value != "false" and truthy(value):
                return True
        return False

    def key_of(self, entry):
        return tuple(canonical(self.kind_of(k), None if entry.get(k) is ABSENT else entry.get(k)) for k in self.keys)

    def keys_of(self, entries):
        """:meth:`key_of` of each of ``entries`` (a model may compute them in one pass)."""
        return [self.key_of(entry) for entry in entries]

    def key_columns(self, entries):
        """The values of :meth:`keys_of`, one list per key (a model may compute them a column at a time)."""
        keys = self.keys_of(entries)
        return [[key[i] for key in keys] for i in range(len(self.keys))]

    def describe(self, entry):
        """A short label of an entry for messages: ``/ip/address address=10.0.0.1/24 interface=ether1``."""
        parts = ["%s=%s" % (k, entry.get(k)) for k in self.keys if entry.get(k) not in (None, "")]
        return "%s %s" % (self.path, " ".join(parts) or entry.get(".id", "?"))


_UNDECLARED = Field(kind="auto")  # a field nobody declared: compared as the desired value is typed


class Desired:
    """One entry of a declared menu as the playbook wants it: ``values`` (RouterOS field names), ``find`` (other
    fields that find the current entry when its keys match none), ``origin`` (how messages name it)."""

    __slots__ = ("menu", "values", "find", "origin", "number")

    def __init__(self, menu, values, find=None, origin=None, number=None):
        self.menu = menu
        self.values = dict(values)
        self.find = find if isinstance(find, Pinned) else dict(find or {})
        self.origin = origin
        self.number = number  # state rendered: the entry's number in print order (an export's ``set N``)

    def describe(self):
        return self.origin or self.menu.describe(self.values)

    def entry(self):
        """``(where, values, find)``, as :func:`plan` takes it."""
        return self.describe(), self.values, self.find


class Pinned(dict):
    """A desired entry's ``find`` that names the entry on the router itself (an export's ``set [ find
    default-name=ether1 ]``, ``set [ find default=yes ]``, ``set 0``): tried before the keys; the entry it finds is
    changed even when it is built-in (a dynamic entry never is); it never becomes an addition. An empty one (``set
    [ find ]``) names every entry of the menu: each is changed (none when the router has none; never a dynamic or
    built-in one)."""

    __slots__ = ()

    @property
    def every(self):
        return not self


def _every(find):
    return isinstance(find, Pinned) and find.every


def _finds(menu, find, row):
    return all(same(menu.kind_of(k), v, row.get(k)) for k, v in find.items())


def is_empty(field, value):
    if value is None:
        return True
    if isinstance(value, (list, tuple)) and not value:
        return True
    return field.empty_is_absent and to_api(value) == ""


class _Facts:
    """What planning asks of a menu about each field name, asked once per name and menu (a big list asks it of
    every entry): secret, read-only, a key, and what ``replaced`` does with the field when it is not given
    (:func:`_reset_rule`). The menu's facts do not change while a task plans."""

    __slots__ = ("secret", "read_only", "keys", "resets", "protect")

    def __init__(self, menu):
        self.secret = {}
        self.read_only = frozenset(menu.read_only)
        self.keys = frozenset(menu.keys)
        self.resets = {}
        self.protect = tuple(menu.protect)

    def is_secret(self, menu, name):
        got = self.secret.get(name)
        if got is None:
            got = self.secret[name] = bool(menu.is_secret(name))
        return got


def _facts(menu):
    got = menu.__dict__.get("_planner_facts")
    if got is None:
        got = menu.__dict__["_planner_facts"] = _Facts(menu)
    return got


_SKIP = object()  # a field ``replaced`` never resets (internal, secret, a flag, read-only, a key)


def _reset_rule(menu, facts, name):
    """The field of ``name`` when ``replaced`` may reset it, else :data:`_SKIP` (facts of the name only)."""
    got = facts.resets.get(name)
    if got is None:
        if name.startswith(".") or facts.is_secret(menu, name) or name in menu.protect or not menu.writable(name):
            got = _SKIP
        else:
            field = menu.field(name)
            # a key is what the entry is; only a key with a default of its own (default-name) is reset
            got = _SKIP if (name in facts.keys and field.default_from is None) else field
        facts.resets[name] = got
    return got


# ---------------------------------------------------------------------------------------------------------
# Operations of one entry


def shown(entry, menu):
    """An entry's fields as a diff shows them (no .id, no flags)."""
    return dict((k, to_api(v)) for k, v in entry.items()
                if not k.startswith(".") and k not in menu.protect and v is not None)


def entry_where(menu, row):
    """The fields that find ``row`` in a shown command: its keys (its ``.id`` when it has none)."""
    where = {}
    for key in menu.keys:
        if row.get(key) not in (None, ""):
            where[key] = row.get(key)
    if not where:
        where[".id"] = row.get(".id")
    return where


def entry_refs(menu, values):
    """The names of other entries ``values`` reference (its reference fields)."""
    refs = []
    for name in menu.ref_fields:
        value = values.get(name)
        if value is ABSENT or value in (None, ""):
            continue
        if menu.kind_of(name) in ("set", "list"):
            refs.extend(_values.parse_list(value))
        else:
            refs.append(to_api(value))
    return refs


def provided_names(menu, *entries):
    if not menu.name_field:
        return []
    return [to_api(e.get(menu.name_field)) for e in entries if e and e.get(menu.name_field) not in (None, "")]


def changes(menu, desired_values, row, keyed=False):
    """The writes that make ``row`` have ``desired_values``: (set attrs, unset fields, after entry). ``keyed``: the
    row was found by the entry's keys (equal in canonical form), so a key given with a value is not compared
    again."""
    attrs = {}
    unset = []
    after = None
    facts = _facts(menu)
    for name, want in desired_values.items():
        if want is None or name in facts.read_only:
            continue
        have = row.get(name)
        if have is not None and have == want and have != "":  # the router's own text: the common case
            continue
        if keyed and name in facts.keys and want is not ABSENT and have not in (None, "") and to_api(want) != "":
            continue
        if after is None:
            after = dict(row)
        field = menu.field(name)
        if want is ABSENT:
            if not _without_value(menu, name, have, row) and menu.kind != SETTINGS:
                unset.append(name)
                after.pop(name, None)
            continue
        if have is None and (is_empty(field, want) or to_api(want) == ""):
            continue
        if have is None and name in menu.keys:
            # a key the router leaves out of print is at its reset value (a static DNS record without type is A)
            default = menu.reset_value(name, row)
            if default is not None and same(field.kind, want, default):
                continue
        if have is not None and same(field.kind, want, have):
            continue
        if field.create_only:
            raise UserInputError("%s: %s cannot be changed on an existing entry (it is %r, %r wanted); "
                                 "remove the entry and add it again" % (menu.describe(row), name, have, to_api(want)))
        attrs[name] = to_api(want)
        after[name] = to_api(want)
    return attrs, unset, dict(row) if after is None else after


def set_ops(menu, row, attrs, unset, after):
    """The ``set`` (and ``unset``) operations that write ``attrs`` and unset ``unset`` on ``row``."""
    ops = []
    before = shown(row, menu)
    after_shown = shown(after, menu)
    rename = bool(menu.name_field and menu.name_field in attrs)
    where = entry_where(menu, row)
    # the written fields as they were (a field the router omits when empty was empty), for every operation
    prior = dict((name, to_api(row.get(name))) for name in list(attrs) + list(unset)
                 if row.get(name) is not None or menu.field(name).empty_is_absent)
    if rename and len(attrs) > 1 and any(f in attrs for f in menu.ref_fields):
        # the rename goes first (others may need the new name); the rest may need entries added later
        name = menu.name_field
        ops.append(Op(SET, menu.path, target=row.get(".id"), attrs={name: attrs[name]}, where=where,
                      phase=PHASE_RENAME, before=before, after=after_shown, provides=provided_names(menu, row, after),
                      prior=prior))
        rest = dict((k, v) for k, v in attrs.items() if k != name)
        ops.append(Op(SET, menu.path, target=row.get(".id"), attrs=rest, where={name: attrs[name]},
                      phase=PHASE_SET, refs=entry_refs(menu, rest), prior=prior))
    elif attrs:
        ops.append(Op(SET, menu.path, target=row.get(".id"), attrs=attrs, where=where,
                      phase=PHASE_RENAME if rename else PHASE_SET, before=before, after=after_shown,
                      refs=entry_refs(menu, attrs),
                      provides=provided_names(menu, row, after) if rename else (), prior=prior))
    # One unset per field: RouterOS documents value-name as one property name, and the writes are pipelined
    # anyway. The diff (before/after) rides on the entry's first operation only.
    for index, name in enumerate(unset):
        first = not attrs and index == 0
        ops.append(Op(UNSET, menu.path, target=row.get(".id"), fields=(name,), where=where, phase=PHASE_SET,
                      before=before if first else None, after=after_shown if first else None, prior=prior))
    return ops


def _label(menu, row):
    parts = ["%s=%s" % (k, row.get(k)) for k in menu.keys if row.get(k) not in (None, "")]
    return " ".join(parts) or "entry %s" % row.get(".id", "")


def _masked(menu, name, value):
    if value is not None and menu.is_secret(name):
        return MASK
    return to_api(value)


def _resets(menu, row, given, label):
    """What ``replaced`` writes to fields not given: (values, unset names). A field with a value and no known reset
    value is left as it is (``menu.keeps_unknown``) or fails, naming the entry and every such field (in name order,
    whatever order the router printed them in), before anything is written."""
    values = {}
    unset = []
    unknown = []
    for name, have, field, default in _to_reset(menu, _facts(menu), row, given):
        if name == "name" and menu.kind == FIXED and default is None:
            continue
        if default is not None:
            values[name] = default
        elif field.unset or (menu.can_unset and not menu.create_only(name)):
            unset.append(name)
        elif not menu.keeps_unknown:
            unknown.append((name, have))
    if unknown:
        unknown.sort()
        raise UserInputError("%s: %s (%s) has %s on the router, and %s not known; give %s in the entry, or use "
                             "state merged" % (label, menu.path, _label(menu, row),
                                               ", ".join("%s=%s" % (n, engine.quote(h)) for n, h in unknown),
                                               "its reset value is" if len(unknown) == 1 else "for each of them the reset value is",
                                               ", ".join(n for n, h in unknown)))
    return values, unset


def _to_reset(menu, facts, row, given):
    """(name, value, field, reset value) of each field of ``row`` that ``replaced`` may reset: one with a value,
    not given, not a field never reset (:func:`_reset_rule`), and not at its reset value already as text."""
    resets = facts.resets
    for name, have in row.items():
        if have is None or have == "" or name in given:
            continue
        field = resets.get(name)
        if field is None:
            field = _reset_rule(menu, facts, name)
        if field is _SKIP:
            continue
        default = menu.reset_value(name, row)
        if default is not None and have == default:
            continue  # already at its reset value (the router's own text)
        yield name, have, field, default


def _unchanged(menu, facts, row, values, reset, candidates=None):
    """Whether ``row``, found by the keys of ``values``, certainly needs no write: every value given is the
    router's own text (a key given as another spelling of the same value counts as the same), and under ``reset``
    every other field with a value is a field never reset or has its reset value as text. False when unsure (a
    secret, a value of another spelling): :func:`_changes_ops` then decides. ``candidates``: the names of the rows'
    fields that ``replaced`` may reset (:func:`_reset_candidates`), when known."""
    if not (values.items() <= row.items() and "" not in values.values()):  # else: every value is the router's text
        keys = facts.keys
        for name, want in values.items():
            have = row.get(name)
            if have is not None and have == want and have != "":
                continue
            if want is None or name in facts.read_only:
                continue
            if name in keys and want is not ABSENT and have not in (None, "") and want != "":
                continue  # found by the index: equal in canonical form
            return False
    if not reset:
        return True
    if candidates is None:
        return next(_to_reset(menu, facts, row, values), None) is None
    for name, default in candidates:  # as _to_reset, over the few fields that may be reset
        if name in values:
            continue
        have = row.get(name)
        if have is None or have == "":
            continue
        if default is _PER_ROW:
            default = menu.reset_value(name, row)
        if default is None or have != default:
            return False
    return True


def _sweep(menu, facts, matched, wanted, reset, candidates):
    """The indexes of the entries of a big list (found by their keys alone: ``matched``) that may need a write:
    those :func:`_unchanged` does not pass. Its common case is decided a column at a time: an entry whose values
    are all the router's own text, with every field ``replaced`` may reset (``candidates``) at its reset value as
    text, is passed over; any other is asked :func:`_unchanged` itself."""
    sure = [row is not None and values.items() <= row.items() and "" not in values.values()
            for row, (_where, values, _find) in zip(matched, wanted)]
    if reset:
        for name, default in candidates:
            if default is _PER_ROW:
                # (a reset value of its own for each entry: every entry with a value there is asked)
                odd = [i for i, row in enumerate(matched) if row is not None and row.get(name) not in (None, "")]
            else:
                odd = [i for i, row in enumerate(matched)
                       if row is not None and row.get(name, default) != default and row.get(name) != ""]
            for i in odd:
                if name not in wanted[i][1]:
                    sure[i] = False
    return [i for i, (row, ok) in enumerate(zip(matched, sure)) if row is None or not ok and not _unchanged(
        menu, facts, row, wanted[i][1], reset, candidates)]


def _reset_candidates(menu, facts, rows):
    """(name, reset value or :data:`_PER_ROW`) of the fields of ``rows`` that ``replaced`` may reset
    (:func:`_reset_rule`), each asked once."""
    out = []
    for name in set().union(*rows) if rows else ():
        field = facts.resets.get(name)
        if field is None:
            field = _reset_rule(menu, facts, name)
        if field is not _SKIP:
            out.append((name, menu.static_reset(name)))
    return out


PER_ROW = _PER_ROW = object()  # a reset value that depends on the entry (Menu.static_reset)


_THREE = frozenset((3,))


def _match_by_keys(menu, rows, wanted):
    """(matched, keyed, claimed) of entries found by their keys alone where every row's key and every entry's key
    is distinct (a big list): one lookup per entry; None otherwise (the general path, which names a key given
    twice)."""
    row_keys = menu.key_columns(rows)
    wanted_keys = menu.key_columns([w[1] for w in wanted])
    # a key that has one value in every row and entry (the list of a where list=...) tells none apart: left out
    varied = [i for i, (mine, theirs) in enumerate(zip(row_keys, wanted_keys))
              if not (mine and theirs and mine.count(mine[0]) == len(mine) and theirs.count(mine[0]) == len(theirs))]
    if len(varied) == 1:  # one key: its values themselves
        row_keys, wanted_keys = row_keys[varied[0]], wanted_keys[varied[0]]
    else:
        row_keys = list(zip(*[row_keys[i] for i in varied])) if varied else [()] * len(rows)
        wanted_keys = list(zip(*[wanted_keys[i] for i in varied])) if varied else [()] * len(wanted)
    index = dict(zip(row_keys, rows))
    if len(index) != len(rows) or len(set(wanted_keys)) != len(wanted_keys):
        return None
    matched = list(map(index.get, wanted_keys))
    keyed = [row is not None for row in matched]
    claimed = set(row.get(".id") for row in matched if row is not None)
    return matched, keyed, claimed


def _changes_ops(menu, row, values, reset, label, secrets_always, pinned=False, keyed=False):
    facts = _facts(menu)
    if secrets_always or not any(facts.is_secret(menu, name) for name in values):
        given = values
    else:
        given = dict((k, v) for k, v in values.items() if not facts.is_secret(menu, k))
    unset = []
    if reset:
        extra, unset = _resets(menu, row, given, label)
        if extra:
            given = dict(given)
            given.update(extra)
    attrs, unset0, after = changes(menu, given, row, keyed)
    if not attrs and not unset and not unset0:
        return []
    for name in unset:
        after.pop(name, None)
    unset = list(unset0) + unset
    if menu.kind == SETTINGS:
        if not attrs:
            return []
        before = dict((k, to_api(v)) for k, v in row.items() if not k.startswith("."))
        shown_after = dict((k, to_api(v)) for k, v in after.items() if not k.startswith("."))
        return [Op(SET, menu.path, target=None, attrs=attrs, where={}, phase=PHASE_SET,
                   before=before, after=shown_after, refs=entry_refs(menu, attrs))]
    if menu.is_protected(row) and not (pinned and not truthy(row.get("dynamic"))):
        if attrs or unset:
            raise UserInputError("%s matches a dynamic or built-in entry of %s (%s), which is never changed (it "
                                 "would need %s)" % (label, menu.path, _label(menu, row), ", ".join(sorted(list(attrs) + unset))))
        return []
    ops = set_ops(menu, row, attrs, unset, after)
    if not menu.keys:
        for op in ops:
            op.where = {".id": row.get(".id")}
    return ops


def add_op(menu, values, label):
    """The ``add`` of an entry that does not exist: refused for entries of menus that cannot be added (fixed,
    settings) and without a required field."""
    if menu.kind != LIST:
        raise UserInputError("%s: %s does not exist on the router, and entries of %s cannot be added" % (
            label, " ".join("%s=%s" % (k, _masked(menu, k, values.get(k))) for k in menu.keys) or "the entry",
            menu.path))
    missing = [n for n, f in menu.fields.items() if f.required and values.get(n) in (None, "")]
    if missing:
        raise UserInputError("%s does not exist yet; to add it, give %s" % (
            label, ", ".join(n.replace("-", "_") for n in missing)))
    attrs = dict((k, to_api(v)) for k, v in values.items()
                 if v is not None and v is not ABSENT and k not in menu.read_only and (to_api(v) != "" or k in menu.keys))
    return Op(ADD, menu.path, attrs=attrs, where=entry_where(menu, values), phase=PHASE_ADD,
              before=None, after=dict(attrs), refs=entry_refs(menu, values), provides=provided_names(menu, values))


def later_set_op(menu, values, label):
    """The ``set`` of an entry of a fixed menu that exists once another write of the task has run (``/queue
    interface set vlan10 queue=...`` where the task adds the VLAN: the router makes the entry with the interface).
    No ``.id`` is known when the plan is made: the entry is named by its name (the API takes a name where it takes
    an id, as the console does), and the write references that name, so it goes after the write that provides it
    (a later batch). Nothing when the entry gives nothing but its name."""
    name = to_api(values.get(menu.name_field))
    attrs = dict((k, to_api(v)) for k, v in values.items()
                 if k != menu.name_field and v is not None and v is not ABSENT and k not in menu.read_only
                 and menu.writable(k) and not (is_empty(menu.field(k), v) and k not in menu.keys))
    if not attrs:
        return []
    after = dict(attrs)
    after[menu.name_field] = name
    return [Op(SET, menu.path, target=name, attrs=attrs, where={menu.name_field: name}, phase=PHASE_SET, before=None,
               after=after, refs=[name] + entry_refs(menu, values), label=label)]


def reset_or_remove(menu, row, label="config"):
    """An entry no longer wanted: removed, or reset to its reset values where entries cannot be removed."""
    if menu.kind == FIXED:
        return _changes_ops(menu, row, {}, True, label, False)
    ops = [Op(REMOVE, menu.path, target=row.get(".id"), where=entry_where(menu, row), phase=PHASE_REMOVE,
              before=shown(row, menu), after=None, refs=entry_refs(menu, row), provides=provided_names(menu, row))]
    if not menu.keys:
        for op in ops:
            op.where = {".id": row.get(".id")}
    return ops


def given_match(menu, values, row):
    """Whether ``row`` has every value of ``values`` (by meaning; an absent field matches its empty or reset
    value; secrets, never read back, match anything)."""
    for name, want in values.items():
        if menu.is_secret(name):
            continue
        have = row.get(name)
        if want is ABSENT:
            if _without_value(menu, name, have, row):
                continue
            return False
        if have is None:
            default = menu.reset_value(name, row)
            if to_api(want) == "" or (default is not None and same(menu.kind_of(name), want, default)):
                continue
            return False
        if not same(menu.kind_of(name), want, have):
            return False
    return True


# ---------------------------------------------------------------------------------------------------------
# Planning a menu


def plan(menu, rows, state, wanted, secrets_always=False, label="", warnings=None, later=()):
    """The operations that bring ``rows`` (the menu's rows in scope, in the router's order) to ``wanted`` (a list
    of ``(where, values, find)``) under ``state``.

    merged: given fields are set, missing entries added. replaced: as merged, and the fields not given are reset
    (:func:`_resets`). overridden: as replaced, and entries not listed are removed (reset where entries cannot be
    removed). deleted: the listed entries (matched on the keys given, or on every field given) are removed (reset
    where they cannot be); with nothing listed, every entry. Protected (dynamic, built-in) entries are never
    written: a desired entry that would change one fails, ``deleted`` leaves it with a warning (appended to
    ``warnings``). In an ordered menu the listed entries are put in the listed order with the fewest moves
    (:func:`order_ops`). Secret fields are written only to add, unless ``secrets_always``. ``later``: names that
    other writes of the same task make exist (interfaces it adds or renames): an entry of a fixed menu named by one
    of them that the router lacks yet is set once it exists (:func:`later_set_op`), not refused.
    """
    warnings = [] if warnings is None else warnings
    if state not in ACTION_STATES:
        raise UserInputError("unknown state %r for planning" % (state,))
    rows = list(rows)
    wanted = list(wanted)
    if set(map(len, wanted)) - _THREE:
        wanted = [(w[0], w[1], w[2] if len(w) > 2 else None) for w in wanted]
    finds = [w[2] for w in wanted]
    no_find = finds.count(None) == len(finds)  # the entries are found by their keys alone (a big list)
    if not no_find:
        wanted = _with_every(wanted)
    if menu.kind == SETTINGS:
        return _plan_settings(menu, rows, state, wanted, secrets_always, label)
    if state == DELETED:
        return _plan_deleted(menu, rows, wanted, label, warnings)
    ops = []
    claimed = set()
    matched = [None] * len(wanted)
    every = set()  # the rows a ``set [ find ]`` changes: wanted, never removed by overridden
    for i, (where, values, find) in enumerate(() if no_find else wanted):
        if find is None or _every(find):
            continue
        if isinstance(find, Pinned):  # the entry named itself: found before any key
            for row in rows:
                if row.get(".id") not in claimed and _finds(menu, find, row):
                    matched[i] = row
                    claimed.add(row.get(".id"))
                    break
    keyed = [False] * len(wanted)  # found by its keys: the keys are not compared again
    fast = _match_by_keys(menu, rows, wanted) if menu.keys and no_find else None
    if fast is not None:
        matched, keyed, claimed = fast
    elif menu.keys:
        index = {}
        for row, key in zip(rows, menu.keys_of(rows)):  # rows by canonical key: matching is O(1) per desired entry
            got = index.get(key)
            if got is None:
                index[key] = [row]
            else:
                got.append(row)
        seen = {}
        wanted_keys = menu.keys_of([w[1] for w in wanted])
        for i, (where, values, find) in enumerate(wanted):
            if matched[i] is not None or (find is not None and _every(find)):
                continue
            key = wanted_keys[i]
            if find is None:
                if key in seen:
                    raise UserInputError("%s and %s have the same key (%s) in %s: an entry is listed twice; if both "
                                         "are meant, give keys: the fields that tell them apart" % (
                                             seen[key], where, ", ".join("%s=%s" % (k, _masked(menu, k, values.get(k)))
                                                                         for k in menu.keys), menu.path))
                seen[key] = where
                got = index.get(key)
                if got is not None:
                    for row in got:
                        if row.get(".id") not in claimed:
                            matched[i] = row
                            keyed[i] = True
                            claimed.add(row.get(".id"))
                            break
                continue
            if key in seen and not isinstance(find, Pinned):
                raise UserInputError("%s and %s have the same key (%s) in %s: an entry is listed twice; if both "
                                     "are meant, give keys: the fields that tell them apart" % (
                                         seen[key], where, ", ".join("%s=%s" % (k, _masked(menu, k, values.get(k)))
                                                                     for k in menu.keys), menu.path))
            if not isinstance(find, Pinned):
                seen[key] = where
            for row in index.get(key, ()):
                if row.get(".id") not in claimed:
                    matched[i] = row
                    keyed[i] = True
                    break
            if matched[i] is None and find and not isinstance(find, Pinned):
                for row in rows:
                    if row.get(".id") not in claimed and _finds(menu, find, row):
                        matched[i] = row
                        break
            if matched[i] is not None:
                claimed.add(matched[i].get(".id"))
    else:
        free = [r for r in rows if not menu.is_protected(r)]
        for i, (where, values, find) in enumerate(wanted):
            if matched[i] is not None or _every(find):
                continue
            for row in free:
                if row.get(".id") not in claimed and given_match(menu, values, row):
                    matched[i] = row
                    claimed.add(row.get(".id"))
                    break
        if state == OVERRIDDEN:  # the rest by position: the k-th unmatched entry is the k-th unmatched rule
            left = [r for r in free if r.get(".id") not in claimed]
            for i in range(len(wanted)):
                if matched[i] is None and left and not isinstance(wanted[i][2], Pinned):
                    matched[i] = left.pop(0)
                    claimed.add(matched[i].get(".id"))
    reset = state in (REPLACED, OVERRIDDEN)
    facts = _facts(menu)
    adds = [None] * len(wanted)
    unchanged = _unchanged
    candidates = _reset_candidates(menu, facts, rows) if reset else ()
    if fast is not None:  # the bulk of a big list, found by its keys and unchanged, passed over in one sweep
        todo = _sweep(menu, facts, matched, wanted, reset, candidates)
    else:
        todo = range(len(wanted))
    for i in todo:
        where, values, find = wanted[i]
        if find is not None and _every(find):
            for row in rows:
                if row.get(".id") not in claimed and not menu.is_protected(row):  # built-in ones are left as they are
                    every.add(row.get(".id"))
                    ops.extend(_changes_ops(menu, row, values, reset, where, secrets_always))
            continue
        row = matched[i]
        pinned = isinstance(find, Pinned)
        if row is None and pinned:
            raise UserInputError("%s: no entry of %s on the router has %s; the entry is named, not added" % (
                where, menu.path, " ".join("%s=%s" % (k, to_api(v)) for k, v in find.items())))
        if row is None and menu.kind == FIXED and menu.name_field and to_api(values.get(menu.name_field)) in later:
            ops.extend(later_set_op(menu, values, where))
        elif row is None:
            adds[i] = add_op(menu, values, where)
            ops.append(adds[i])
        elif keyed[i] and find is None and unchanged(menu, facts, row, values, reset, candidates):
            continue  # the common case of a big list: nothing to write
        else:
            got = _changes_ops(menu, row, values, reset, where, secrets_always, pinned, keyed[i])
            if got:
                ops.extend(got)
    removed = set()
    if state == OVERRIDDEN and not (menu.kind == FIXED and not menu.resets_unlisted):
        for row in rows:
            if row.get(".id") in claimed or row.get(".id") in every or menu.is_protected(row):
                continue
            if menu.kind == LIST and row.get("default-name") not in (None, ""):
                continue  # the router's own interface (a wireless card, a port): it cannot be removed
            got = reset_or_remove(menu, row, label or "config")
            removed.update(op.target for op in got if op.action == REMOVE)
            ops.extend(got)
    if menu.ordered:
        moves = order_ops(menu, rows, matched, adds, removed)
        added = set(id(op) for op in adds if op is not None)
        ops = [op for op in ops if id(op) not in added] + moves + [op for op in adds if op is not None]
    return ops


def _with_every(wanted):
    """``set [ find ]`` changes every entry there is when it runs: the entries listed before it get its values too
    (an entry it adds is changed by it like the others); entries listed after it are as they are listed."""
    if not any(_every(w[2]) for w in wanted):
        return wanted
    out = list(wanted)
    for j, (_where, values, find) in enumerate(wanted):
        if not _every(find):
            continue
        for i in range(j):
            if not _every(out[i][2]):
                merged = dict(out[i][1])
                merged.update(values)
                out[i] = (out[i][0], merged, out[i][2])
    return out


def _plan_settings(menu, rows, state, wanted, secrets_always, label):
    if len(wanted) > 1:
        raise UserInputError("%s: %s is a settings menu: config is one mapping" % (label or "config", menu.path))
    row = rows[0] if rows else {}
    if state == DELETED:
        names = list(wanted[0][1]) if wanted else [n for n in row if menu.writable(n)]
        values = {}
        for name in names:
            default = menu.reset_value(name, row)
            if default is None:
                raise UserInputError("%s: %s has no known reset value in %s; set it with state merged" % (
                    label or "config", name, menu.path))
            values[name] = default
        return _changes_ops(menu, row, values, False, label or "config", False)
    values = wanted[0][1] if wanted else {}
    return _changes_ops(menu, row, values, state in (REPLACED, OVERRIDDEN), "%s config" % label if label else "config",
                        secrets_always)


def _plan_deleted(menu, rows, wanted, label, warnings):
    ops = []
    if not wanted:
        for row in rows:
            if not menu.is_protected(row) and not (menu.kind == LIST and row.get("default-name") not in (None, "")):
                ops.extend(reset_or_remove(menu, row, label or "config"))
        return ops
    claimed = set()
    for where, values, find in wanted:
        ident = dict((k, v) for k, v in values.items() if k in menu.keys and v is not None) if menu.keys else values
        if not ident:
            ident = dict(find) if find else values
        found = False
        for row in rows:
            if row.get(".id") in claimed or not given_match(menu, ident, row):
                continue
            found = True
            if menu.is_protected(row):
                warnings.append("%s is dynamic or built-in; it is left alone" % menu.describe(row))
                continue
            claimed.add(row.get(".id"))
            ops.extend(reset_or_remove(menu, row, where))
        if not found and find:
            for row in rows:
                if row.get(".id") not in claimed and given_match(menu, find, row) and not menu.is_protected(row):
                    claimed.add(row.get(".id"))
                    ops.extend(reset_or_remove(menu, row, where))
    return ops


# ---------------------------------------------------------------------------------------------------------
# Order


def longest_increasing(seq):
    """Indexes of a longest increasing subsequence of ``seq`` (O(n log n))."""
    tails = []
    prev = [None] * len(seq)
    tail_idx = []
    for i, value in enumerate(seq):
        pos = bisect.bisect_left(tails, value)
        if pos == len(tails):
            tails.append(value)
            tail_idx.append(i)
        else:
            tails[pos] = value
            tail_idx[pos] = i
        prev[i] = tail_idx[pos - 1] if pos else None
    out = set()
    i = tail_idx[-1] if tail_idx else None
    while i is not None:
        out.add(i)
        i = prev[i]
    return out


def order_ops(menu, rows, matched, adds, removed):
    """Moves that put the listed entries in the listed order with the fewest moves (those outside a longest run
    already in order), then the additions placed before the next listed entry (or at the end)."""
    kept = [r for r in rows if r.get(".id") not in removed and not menu.is_protected(r)]
    pos = dict((r.get(".id"), i) for i, r in enumerate(kept))
    listed = [m.get(".id") for m in matched if m is not None and m.get(".id") in pos]
    keep = longest_increasing([pos[x] for x in listed])
    ops = []
    by_id = dict((r.get(".id"), r) for r in kept)
    for j in range(len(listed) - 1, -1, -1):
        if j in keep:
            continue
        dest = listed[j + 1] if j + 1 < len(listed) else None
        row = by_id[listed[j]]
        where = entry_where(menu, row) if menu.keys else {".id": listed[j]}
        ops.append(Op(MOVE, menu.path, target=listed[j], where=where, phase=PHASE_MOVE, destination=dest))
    # an addition placed before an entry goes after the moves, and so does one at the end (after a move to the end,
    # and after the other menus' writes); one at the end that other entries name (a VRF before the routes into its
    # table) stays with the additions, where those entries wait for it, unless a move takes an entry to the end
    # (and so does each addition at the end listed before it: the additions at the end keep their listed order)
    to_end = any(op.destination is None for op in ops)
    nexts = []
    for i, op in enumerate(adds):
        nxt = None
        for later in matched[i + 1:]:
            if op is not None and later is not None and later.get(".id") in pos:
                nxt = later.get(".id")
                break
        nexts.append(nxt)
    staying = [i for i, op in enumerate(adds) if op is not None and nexts[i] is None and op.provides and not to_end]
    for i, op in enumerate(adds):
        if op is None:
            continue
        if nexts[i] is not None or to_end or not (op.provides or (staying and i < staying[-1])):
            op.phase = PHASE_MOVE
        if nexts[i] is not None:
            op.attrs["place-before"] = nexts[i]
    return ops


# ---------------------------------------------------------------------------------------------------------
# Declared menus (the resource modules)


def plan_menu(menu, desired, current, state, warnings=None):
    """:func:`plan` for a declared menu and :class:`Desired` entries; returns an :class:`engine.Plan`. A declared
    menu writes every field it is given (a resource module has no ``update_secrets`` option)."""
    menu = Menu.from_decl(menu)
    warnings = [] if warnings is None else warnings
    ops = plan(menu, current, state, [d.entry() for d in desired], secrets_always=True, warnings=warnings)
    return Plan(ops, warnings)


def render(desired):
    """State rendered of every configuring module: the console text (:func:`engine.console_command`) that
    configures ``desired`` (:class:`Desired`) on a router that has none of its list entries; no router is
    consulted. Returns a :class:`engine.Plan` of :class:`engine.RenderedOp` (its ``commands`` are the lines).

    - an entry that names the router's entry itself (a :class:`Pinned` ``find``: an export's ``default-name``,
      ``set [ find ... ]``; ``number``: ``set N``) is a ``set`` of that entry; an empty :class:`Pinned` without a
      number is ``set [find]``, every entry;
    - an entry of a settings menu is a ``set`` of the menu;
    - an entry of a fixed menu (which exists on every router) is a ``set`` found by its ``find`` fields (the old
      name of a rename, the default name of a port) or else by its keys;
    - any other entry is an ``add``, without the empty values a new entry has anyway.

    A field the ``find`` gives with the same value is not written again; a ``set`` with nothing to write is left
    out. Secret values (``menu.is_secret``) are shown as ``********`` wherever they appear.

    Order, one rule for every module, so that the text can be pasted into a console as it is: the renames first
    (the other entries of a configuration name entries by their new names, and a new entry may take an old name),
    then the listed order, except that an entry that uses a name another entry makes (adds, or renames an entry
    to) comes after that entry (:func:`engine.depends_first`): no line names an interface, list or pool before the
    line that makes it. Every other entry keeps its place: an ordered menu's rules keep their order, and a ``set
    [find]`` changes the entries listed before it, as in the export it came from.
    """
    ops = []
    for want in desired:
        op = _rendered_op(want)
        if op is not None:
            ops.append(op)
    ops = [op for op in ops if op.phase == PHASE_RENAME] + [op for op in ops if op.phase != PHASE_RENAME]
    return Plan(engine.depends_first(ops))


def _rendered_op(want):
    menu = want.menu
    values = dict((k, v) for k, v in want.values.items()
                  if v is not None and v is not ABSENT and k not in menu.read_only)
    find = want.find
    pinned = isinstance(find, Pinned)
    number = want.number
    if pinned or menu.kind in (FIXED, SETTINGS):
        if pinned or find:
            where = dict(find)
        elif menu.kind == SETTINGS:
            where = {}
        else:
            where = dict((k, values[k]) for k in menu.keys if k in values)
        every = pinned and not find and number is None
        attrs = dict((k, v) for k, v in values.items() if not (k in where and same(menu.kind_of(k), v, where[k])))
        if not attrs:
            return None
        rename = bool(menu.name_field and menu.name_field in attrs and not every)
        # a rename makes its new name; its old name is still there for the lines before it
        return engine.RenderedOp(SET, menu.path, target=number, attrs=_masked_all(menu, attrs),
                                 where=_masked_all(menu, where), phase=PHASE_RENAME if rename else PHASE_SET,
                                 refs=entry_refs(menu, values), every=every, source=want,
                                 provides=[to_api(attrs[menu.name_field])] if rename else ())
    attrs = dict((k, v) for k, v in values.items()
                 if k in menu.keys or not (is_empty(menu.field(k), v) or to_api(v) == ""))
    return engine.RenderedOp(ADD, menu.path, attrs=_masked_all(menu, attrs), phase=PHASE_ADD,
                             refs=entry_refs(menu, values), provides=provided_names(menu, values), source=want)


def _masked_all(menu, values):
    """``values`` as API text, secret ones as ``********``."""
    return dict((k, MASK if menu.is_secret(k) else to_api(v)) for k, v in values.items())
