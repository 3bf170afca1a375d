# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The idempotency engine: desired entries + current entries -> plan -> (shown | applied).

Nothing here knows a particular menu. What a menu needs is declared as data next to the module that manages
it (see :class:`Menu`); the engine matches desired entries to the router's entries by the declared key
fields, compares values by meaning (``yes``/``true``, ``1d``/``24h``, ``25M``/``26214400``, unordered lists),
and produces a :class:`Plan` of operations (add, set, unset, remove, move) in dependency-safe order.

Applying a plan sends its writes pipelined with tags: every operation of a *batch* goes out at once and the
replies are collected afterwards (one round trip per batch). A new batch starts only where an operation
depends on an earlier one (it references a name that an earlier operation adds, renames or removes), so a
plain plan costs one round trip whatever its size. When a write fails, the :class:`ApplyError` lists what was
applied, what failed (with the router's message) and what was not attempted.

The planner is pure (no I/O); :func:`read` and :func:`apply_plan` take a session.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import (
    ConnectionLost,
    FatalError,
    RouterOSError,
    RouterTimeout,
    TrapError,
    UserInputError,
)

from ansible_collections.tikops.routeros.plugins.module_utils.core import values as _values
from ansible_collections.tikops.routeros.plugins.module_utils.core.values import canonical, same, to_api, truthy


ADD = "add"
SET = "set"
UNSET = "unset"
REMOVE = "remove"
MOVE = "move"

MERGED = "merged"
REPLACED = "replaced"
OVERRIDDEN = "overridden"
DELETED = "deleted"
ACTION_STATES = (MERGED, REPLACED, OVERRIDDEN, DELETED)
# Every state of a configuring module (the network resource module states), and those that need ``config``.
STATES = ACTION_STATES + ("gathered", "rendered", "parsed")
NEEDS_CONFIG = (MERGED, REPLACED, OVERRIDDEN, "rendered")

# Phases, in the order they are applied. Removals first (they free names and addresses), then renames (they
# free old names and take new ones), then additions (which may reference renamed entries), then the other
# changes (which may reference added entries), then order.
PHASE_REMOVE = 0
PHASE_RENAME = 1
PHASE_ADD = 2
PHASE_SET = 3
PHASE_MOVE = 4

NO_DEFAULT = object()

# Flags that make an entry untouchable: reported, never changed or removed.
PROTECT_FLAGS = ("dynamic", "builtin")


class PlanError(UserInputError):
    """The desired state cannot be planned (missing required field, unknown entry, ...). Nothing was sent."""


class ApplyError(RouterOSError):
    """A write failed. ``applied``, ``failed`` ([{command, error}]) and ``not_attempted`` are command strings.

    When the connection was lost (or stalled, or sent garbage) in the middle of the writes, ``lost`` is its
    reason, and the writes whose replies never came were classified by reading the router back over a new
    session (:func:`apply_plan`): those that took effect are in ``applied`` (and in ``confirmed``), those that
    did not are in ``not_applied``, and ``unknown`` holds the ones that could not be told (no new session, or
    the entry shows neither the old nor the new value)."""

    def __init__(self, applied, failed, not_attempted, lost=None, unknown=(), not_applied=(), confirmed=(),
                 verify_error=None):
        self.applied = applied
        self.failed = failed
        self.not_attempted = not_attempted
        self.lost = lost
        self.unknown = list(unknown)
        self.not_applied = list(not_applied)
        self.confirmed = list(confirmed)
        self.verify_error = verify_error
        if lost is None:
            first = failed[0] if failed else {"command": "?", "error": "?"}
            text = "the router refused %d of the planned changes (first: %s: %s); %d applied, %d not attempted" % (
                len(failed), first["command"], first["error"], len(applied), len(not_attempted))
        else:
            text = ("the connection to the router was lost while the changes were being written (%s): %d applied "
                    "(%d of them confirmed by reading the router back), %d did not take effect, %d with an unknown "
                    "outcome, %d refused by the router, %d not attempted" % (
                        lost, len(applied), len(self.confirmed), len(self.not_applied), len(self.unknown),
                        len(failed), len(not_attempted)))
            if verify_error:
                text += "; reading the router back failed: %s" % verify_error
            if self.unknown:
                text += "; run the task again to converge"
        super(ApplyError, self).__init__(text)

    def as_result(self):
        out = dict(applied=list(self.applied), failed_commands=list(self.failed),
                   not_attempted=list(self.not_attempted))
        if self.lost is not None:
            out.update(connection_lost=self.lost, unknown=list(self.unknown), not_applied=list(self.not_applied),
                       confirmed=list(self.confirmed))
        return out


# ---------------------------------------------------------------------------------------------------------
# Menu declarations


class Field:
    """What the engine knows about one field of a menu.

    ``kind`` picks the comparison (see :func:`same`); ``default`` is the value a reset restores (``replaced``,
    ``overridden``, ``deleted`` on entries that cannot be removed); ``default_from`` names another field of
    the same entry whose value is the default (an ethernet's ``name`` defaults to its ``default-name``);
    ``unset`` resets the field with the ``unset`` command instead of writing the default;
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

    @property
    def has_default(self):
        return self.default is not NO_DEFAULT or self.default_from is not None


class Menu:
    """A menu as the engine sees it, built from a plain declaration (a dict) kept next to a module.

    ``path``: the API path (``/ip/address``).
    ``keys``: the fields that identify an entry (``("address", "interface")``).
    ``fields``: ``{name: Field or dict of Field arguments}``; fields not declared are passed through and
    compared by the ``auto`` kind.
    ``read_only``: fields read and reported, never written.
    ``fixed``: entries can be neither added nor removed (``/interface/ethernet``); removing one resets it.
    ``name_field``: the field by which other entries reference entries of this menu (``name``); an add,
    rename or removal of an entry *provides* that name, so operations that reference it wait for it.
    ``ref_fields``: fields whose values are names of other entries (``interface``).
    ``ordered``: the order of entries matters (firewall rules): the planner emits ``move``.
    ``protect``: flags that make an entry untouchable.
    """

    def __init__(self, path, keys, fields=None, read_only=(), fixed=False, name_field=None, ref_fields=(),
                 ordered=False, protect=PROTECT_FLAGS, label=None):
        self.path = path
        self.keys = tuple(keys)
        self.fields = {}
        for name, spec in (fields or {}).items():
            self.fields[name] = spec if isinstance(spec, Field) else Field(**spec)
        for key in self.keys:
            self.fields.setdefault(key, Field())
        self.read_only = tuple(read_only)
        self.fixed = fixed
        self.name_field = name_field
        self.ref_fields = tuple(ref_fields)
        self.ordered = ordered
        self.protect = tuple(protect)
        self.label = label or path

    @classmethod
    def from_decl(cls, decl):
        return decl if isinstance(decl, Menu) else cls(**decl)

    def field(self, name):
        return self.fields.get(name) or Field(kind="auto")

    def proplist(self, extra=()):
        """The fields a read asks for: .id, keys, declared, read-only and protect flags, plus ``extra``."""
        names = [".id"]
        for name in list(self.keys) + list(self.fields) + list(self.read_only) + list(self.protect) + list(extra):
            if name not in names:
                names.append(name)
        return names

    def is_protected(self, row):
        return any(truthy(row.get(flag)) for flag in self.protect)

    def key_of(self, entry):
        return tuple(canonical(self.field(k).kind, entry.get(k)) for k in self.keys)

    def describe(self, entry):
        """A short label of an entry for messages: ``/ip/address 10.0.0.1/24 on ether1``."""
        parts = ["%s=%s" % (k, entry.get(k)) for k in self.keys if entry.get(k) not in (None, "")]
        return "%s %s" % (self.path, " ".join(parts) or entry.get(".id", "?"))


def is_empty(field, value):
    if value is None:
        return True
    if isinstance(value, (list, tuple)) and not value:
        return True
    return field.empty_is_absent and to_api(value) == ""


# ---------------------------------------------------------------------------------------------------------
# Desired entries and operations


class Desired:
    """One entry as the playbook wants it.

    ``values``: RouterOS field names -> values (``vlan-id``: 10). ``find``: optional other ways to find the
    current entry when its keys do not match one (``{"name": "old-name"}`` for a rename,
    ``{"default-name": "ether1"}``): a desired entry found that way is changed in place, its keys included
    (a rename is a ``set`` of the name). ``origin`` is how the entry is named in messages.
    """

    __slots__ = ("menu", "values", "find", "origin")

    def __init__(self, menu, values, find=None, origin=None):
        self.menu = menu
        self.values = dict(values)
        self.find = dict(find or {})
        self.origin = origin

    def describe(self):
        return self.origin or self.menu.describe(self.values)


class Op:
    """One write: ``action`` on ``path``; ``target`` is the router's ``.id`` (None for add).

    ``attrs`` (add/set): field -> API text; ``fields`` (unset): names; ``where``: the fields that identify the
    entry in the shown command; ``before``/``after``: the entry's fields before and after (for the diff);
    ``refs``: names this operation needs; ``provides``: names it creates, renames or removes; ``prior`` (set,
    unset): the values the written fields had, ``""`` for a field the router omits when empty (to tell, when the
    reply never came, that the write did not take effect).
    """

    __slots__ = ("action", "path", "target", "attrs", "fields", "where", "phase", "before", "after",
                 "refs", "provides", "destination", "label", "prior")

    def __init__(self, action, path, target=None, attrs=None, fields=(), where=None, phase=PHASE_SET,
                 before=None, after=None, refs=(), provides=(), destination=None, label=None, prior=None):
        self.action = action
        self.path = path
        self.target = target
        self.attrs = attrs or {}
        self.fields = tuple(fields)
        self.where = where or {}
        self.phase = phase
        self.before = before
        self.after = after
        self.refs = frozenset(r for r in refs if r)
        self.provides = frozenset(p for p in provides if p)
        self.destination = destination
        self.label = label
        self.prior = prior

    def command(self):
        """The operation as a readable command (valid RouterOS 7 CLI syntax)."""
        parts = ["%s/%s" % (self.path, self.action)]
        if self.action != ADD and (self.where or self.target is not None):  # a settings menu: no entry to find
            parts.append(_find_expr(self.where, self.target))
        if self.action == UNSET:
            parts.append("value-name=%s" % ",".join(self.fields))
        for name, value in self.attrs.items():
            parts.append("%s=%s" % (name, quote(value)))
        if self.action == MOVE:
            parts.append("destination=%s" % (quote(self.destination) if self.destination else "[end]"))
        return " ".join(parts)

    def request(self):
        """The API command: (path, verb, attributes)."""
        if self.action == ADD:
            return self.path, ADD, dict(self.attrs)
        if self.action == SET:
            attrs = {".id": self.target} if self.target is not None else {}  # None: a settings menu
            attrs.update(self.attrs)
            return self.path, SET, attrs
        if self.action == UNSET:
            return self.path, UNSET, {"numbers": self.target, "value-name": ",".join(self.fields)}
        if self.action == REMOVE:
            return self.path, REMOVE, {".id": self.target}
        if self.action == MOVE:
            attrs = {"numbers": self.target}
            if self.destination:
                attrs["destination"] = self.destination
            return self.path, MOVE, attrs
        raise ValueError("unknown operation %r" % self.action)

    def __repr__(self):
        return "Op(%s)" % self.command()


_PLAIN = re.compile(r"^[A-Za-z0-9_.:/*+@,-]+$")


def quote(value):
    text = to_api(value)
    if _PLAIN.match(text):
        return text
    return '"%s"' % text.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$").replace(
        "\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def _find_expr(where, target):
    if not where:
        return "numbers=%s" % target
    conds = " ".join("%s=%s" % (k, quote(v)) for k, v in where.items())
    return "[find %s]" % conds


class Plan:
    """The ordered operations of one run. ``commands`` are what is shown; ``diff`` before/after."""

    def __init__(self, ops=None, warnings=None):
        self.ops = list(ops or [])
        self.warnings = list(warnings or [])

    def __bool__(self):
        return bool(self.ops)

    __nonzero__ = __bool__

    def __len__(self):
        return len(self.ops)

    def __iter__(self):
        return iter(self.ops)

    def extend(self, other):
        self.ops.extend(other.ops)
        self.warnings.extend(other.warnings)
        return self

    @property
    def commands(self):
        return [op.command() for op in self.ops]

    def ordered(self):
        """The operations sorted into phases (stable); inside the add phase, providers before users."""
        ops = sorted(self.ops, key=lambda op: op.phase)
        adds = [op for op in ops if op.phase == PHASE_ADD]
        removes = [op for op in ops if op.phase == PHASE_REMOVE]
        adds = _topological(adds, reverse=False)
        removes = _topological(removes, reverse=True)
        result = removes + [op for op in ops if op.phase == PHASE_RENAME] + adds + [
            op for op in ops if op.phase > PHASE_ADD]
        return Plan(result, self.warnings)

    def batches(self):
        """Split the (ordered) operations into round trips: a new batch where an op depends on the batch."""
        batches = []
        current = []
        provided = set()
        for op in self.ops:
            if current and op.refs & provided:
                batches.append(current)
                current = []
                provided = set()
            current.append(op)
            provided |= op.provides
        if current:
            batches.append(current)
        return batches

    def diff(self, header=None):
        """Ansible's diff format: before/after text of the entries that change."""
        before = []
        after = []
        for op in self.ops:
            if op.before is None and op.after is None:
                continue
            if op.action == ADD:
                head = "%s [new]" % op.path
            elif not op.where and op.target is None:
                head = op.path
            else:
                head = "%s %s" % (op.path, _find_expr(op.where, op.target))
            if op.before is not None:
                before.append(_entry_block(head, op.before))
            if op.after is not None:
                after.append(_entry_block(head, op.after))
        result = dict(before="".join(before), after="".join(after))
        if header:
            result["before_header"] = "%s (before)" % header
            result["after_header"] = "%s (after)" % header
        return result


def _entry_block(head, entry):
    """One entry for the diff: a header line, then one ``field=value`` line per field (sorted), so a unified
    diff points at the fields that change."""
    lines = [head + ":"]
    lines.extend("  %s=%s" % (k, quote(v)) for k, v in sorted(entry.items()) if not k.startswith(".") and v is not None)
    return "\n".join(lines) + "\n"


def _topological(ops, reverse):
    """Order ``ops`` so an op comes after the ops that provide what it references (before them if reverse)."""
    if len(ops) < 2:
        return ops
    providers = {}
    for op in ops:
        for name in op.provides:
            providers.setdefault(name, []).append(op)
    done = set()
    order = []
    visiting = set()

    def visit(op):
        if id(op) in done or id(op) in visiting:
            return
        visiting.add(id(op))
        for name in sorted(op.refs):
            for dep in providers.get(name, ()):
                if dep is not op:
                    visit(dep)
        visiting.discard(id(op))
        done.add(id(op))
        order.append(op)

    for op in ops:
        visit(op)
    return list(reversed(order)) if reverse else order


# ---------------------------------------------------------------------------------------------------------
# Planning


def _shown(entry, menu):
    """An entry's fields as shown in a diff (no .id, no flags)."""
    return dict((k, to_api(v)) for k, v in entry.items()
                if not k.startswith(".") and k not in menu.protect and v is not None)


def _default_of(field, row):
    if field.default_from is not None:
        return row.get(field.default_from)
    return field.default


def _changes(menu, desired_values, row, reset):
    """The writes that make ``row`` have ``desired_values``: (set attrs, unset fields, after entry).

    With ``reset``, declared fields that are not given and have a default are reset to it."""
    attrs = {}
    unset = []
    after = dict(row)
    for name, want in desired_values.items():
        if name in menu.read_only:
            continue
        field = menu.field(name)
        have = row.get(name)
        if want is None:
            continue
        if have is None and (is_empty(field, want) or to_api(want) == ""):
            continue
        if have is not None and same(field.kind, want, have):
            continue
        if field.create_only:
            raise PlanError("%s: %s cannot be changed on an existing entry (it is %r, %r wanted); "
                            "remove the entry and add it again" % (menu.describe(row), name, have, to_api(want)))
        attrs[name] = to_api(want)
        after[name] = to_api(want)
    if reset:
        for name, field in menu.fields.items():
            if name in desired_values or not field.has_default or name in menu.read_only:
                continue
            if name in menu.keys and field.default_from is None:
                continue
            default = _default_of(field, row)
            if default is NO_DEFAULT or default is None and not field.unset:
                continue
            have = row.get(name)
            if have is None:  # not shown: empty, or a field this router does not have
                continue
            if field.unset:
                if not is_empty(field, have) and to_api(have) != "":
                    unset.append(name)
                    after.pop(name, None)
                continue
            if same(field.kind, default, have):
                continue
            attrs[name] = to_api(default)
            after[name] = to_api(default)
    return attrs, unset, after


def _matches(menu, desired, row):
    """Whether ``row`` is the entry ``desired`` names, by its keys."""
    for key in menu.keys:
        want = desired.values.get(key)
        if want is None:
            return False
        if not same(menu.field(key).kind, want, row.get(key)):
            return False
    return True


def _identity(menu, want):
    """The fields that name a desired entry: its keys and ``find``."""
    ident = dict((k, want.values[k]) for k in menu.keys if want.values.get(k) is not None)
    if not ident:
        ident = dict(want.find)
    return ident


def _matches_partial(menu, values, row):
    """For ``deleted``: every given key (and find) field matches."""
    given = [k for k in values if values.get(k) is not None]
    if not given:
        return False
    return all(same(menu.field(k).kind, values[k], row.get(k)) for k in given)


def _where(menu, row):
    where = {}
    for key in menu.keys:
        if row.get(key) not in (None, ""):
            where[key] = row.get(key)
    if not where:
        where[".id"] = row.get(".id")
    return where


def _refs(menu, values):
    refs = []
    for name in menu.ref_fields:
        value = values.get(name)
        if value in (None, ""):
            continue
        if menu.field(name).kind in ("set", "list"):
            refs.extend(_values.parse_list(value))
        else:
            refs.append(to_api(value))
    return refs


def _provided(menu, *entries):
    if not menu.name_field:
        return []
    return [to_api(e.get(menu.name_field)) for e in entries if e and e.get(menu.name_field) not in (None, "")]


def _set_ops(menu, row, attrs, unset, after):
    ops = []
    before = _shown(row, menu)
    after_shown = _shown(after, menu)
    rename = bool(menu.name_field and menu.name_field in attrs)
    where = _where(menu, row)
    # the written fields as they were (a field the router omits when empty was empty), for every operation
    prior = dict((name, to_api(row.get(name))) for name in list(attrs) + list(unset)
                 if row.get(name) is not None or menu.field(name).empty_is_absent)
    if rename and len(attrs) > 1 and any(f in attrs for f in menu.ref_fields):
        # the rename goes first (others may need the new name); the rest may need entries added later
        name = menu.name_field
        ops.append(Op(SET, menu.path, target=row.get(".id"), attrs={name: attrs[name]}, where=where,
                      phase=PHASE_RENAME, before=before, after=after_shown, provides=_provided(menu, row, after),
                      prior=prior))
        rest = dict((k, v) for k, v in attrs.items() if k != name)
        ops.append(Op(SET, menu.path, target=row.get(".id"), attrs=rest, where={name: attrs[name]},
                      phase=PHASE_SET, refs=_refs(menu, rest), prior=prior))
    elif attrs:
        ops.append(Op(SET, menu.path, target=row.get(".id"), attrs=attrs, where=where,
                      phase=PHASE_RENAME if rename else PHASE_SET, before=before, after=after_shown,
                      refs=_refs(menu, attrs),
                      provides=_provided(menu, row, after) if rename else (), prior=prior))
    # One unset per field: RouterOS documents value-name as one property name, and the writes are pipelined
    # anyway. The diff (before/after) rides on the entry's first operation only.
    for index, name in enumerate(unset):
        first = not attrs and index == 0
        ops.append(Op(UNSET, menu.path, target=row.get(".id"), fields=(name,), where=where, phase=PHASE_SET,
                      before=before if first else None, after=after_shown if first else None, prior=prior))
    return ops


def _reset_or_remove(menu, row):
    if menu.fixed:
        attrs, unset, after = _changes(menu, {}, row, reset=True)
        return _set_ops(menu, row, attrs, unset, after)
    return [Op(REMOVE, menu.path, target=row.get(".id"), where=_where(menu, row), phase=PHASE_REMOVE,
               before=_shown(row, menu), after=None, refs=_refs(menu, row), provides=_provided(menu, row))]


def plan_menu(menu, desired, current, state, warnings=None):
    """The plan that brings ``current`` (rows of one menu) to ``desired`` (:class:`Desired`) under ``state``.

    merged: given fields are set, missing entries added. replaced: as merged, and the declared fields not
    given are reset to their defaults. overridden: as replaced, and entries not listed are removed (reset if
    the menu is fixed). deleted: the listed entries (matched on the fields given) are removed (reset if
    fixed); with nothing listed, every entry of the menu. Protected (dynamic, built-in) entries are never
    written; a desired entry that would have to change one fails.
    """
    menu = Menu.from_decl(menu)
    warnings = [] if warnings is None else warnings
    if state not in ACTION_STATES:
        raise PlanError("unknown state %r for planning" % (state,))
    ops = []
    claimed = set()
    rows = list(current)

    if state == DELETED:
        if not desired:
            for row in rows:
                if not menu.is_protected(row):
                    ops.extend(_reset_or_remove(menu, row))
            return Plan(ops, warnings)
        for want in desired:
            found = False
            for row in rows:
                if id(row) in claimed:
                    continue
                if _matches_partial(menu, _identity(menu, want), row):
                    found = True
                    if menu.is_protected(row):
                        warnings.append("%s is dynamic or built-in; it is left alone" % menu.describe(row))
                        continue
                    claimed.add(id(row))
                    ops.extend(_reset_or_remove(menu, row))
            if not found and want.find:
                for row in rows:
                    if id(row) not in claimed and _matches_partial(menu, want.find, row) and not menu.is_protected(row):
                        claimed.add(id(row))
                        ops.extend(_reset_or_remove(menu, row))
        return Plan(ops, warnings)

    reset = state in (REPLACED, OVERRIDDEN)
    seen_keys = {}
    index = {}
    for row in rows:  # rows by canonical key: matching is O(1) per desired entry
        index.setdefault(menu.key_of(row), []).append(row)
    for want in desired:
        key = menu.key_of(want.values)
        if key in seen_keys:
            raise PlanError("%s is listed twice (entries %s)" % (menu.describe(want.values), want.describe()))
        seen_keys[key] = want
        row = _find_row(menu, want, rows, claimed, index.get(key, ()))
        if row is None:
            if menu.fixed:
                raise PlanError("%s does not exist on the router, and entries of %s cannot be added" % (
                    want.describe(), menu.path))
            missing = [n for n, f in menu.fields.items() if f.required and want.values.get(n) in (None, "")]
            if missing:
                raise PlanError("%s does not exist yet; to add it, give %s" % (
                    want.describe(), ", ".join(n.replace("-", "_") for n in missing)))
            attrs = dict((k, to_api(v)) for k, v in want.values.items()
                         if v is not None and k not in menu.read_only and not (
                             is_empty(menu.field(k), v) and k not in menu.keys))
            ops.append(Op(ADD, menu.path, attrs=attrs, where=_where(menu, want.values), phase=PHASE_ADD,
                          before=None, after=dict(attrs), refs=_refs(menu, want.values),
                          provides=_provided(menu, want.values)))
            continue
        claimed.add(id(row))
        attrs, unset, after = _changes(menu, want.values, row, reset)
        if menu.is_protected(row):
            if attrs or unset:
                raise PlanError("%s matches a dynamic or built-in entry, which is never changed (it would need %s)"
                                % (want.describe(), ", ".join(sorted(list(attrs) + unset))))
            continue
        ops.extend(_set_ops(menu, row, attrs, unset, after))

    if state == OVERRIDDEN:
        for row in rows:
            if id(row) in claimed or menu.is_protected(row):
                continue
            ops.extend(_reset_or_remove(menu, row))

    if menu.ordered and state in (REPLACED, OVERRIDDEN, MERGED):
        ops.extend(_plan_moves(menu, desired, rows, ops))
    return Plan(ops, warnings)


def _find_row(menu, want, rows, claimed, candidates):
    for row in candidates:
        if id(row) not in claimed and _matches(menu, want, row):
            return row
    if want.find:
        for row in rows:
            if id(row) in claimed:
                continue
            if all(same(menu.field(k).kind, v, row.get(k)) for k, v in want.find.items()):
                return row
    return None


def _plan_moves(menu, desired, rows, ops):
    """Moves that put the listed existing entries in the listed order (added ones go to the end, in order)."""
    removed = set(op.target for op in ops if op.action == REMOVE)
    order = [r for r in rows if r.get(".id") not in removed and not menu.is_protected(r)]
    wanted_ids = []
    for want in desired:
        for row in order:
            if _matches(menu, want, row) or (want.find and all(
                    same(menu.field(k).kind, v, row.get(k)) for k, v in want.find.items())):
                wanted_ids.append(row.get(".id"))
                break
    positions = [i for i, r in enumerate(order) if r.get(".id") in wanted_ids]
    current_seq = [order[i].get(".id") for i in positions]
    if current_seq == wanted_ids:
        return []
    moves = []
    # Walk the wanted order backwards: each entry goes right before the next wanted one.
    by_id = dict((r.get(".id"), r) for r in order)
    seq = list(current_seq)
    for idx in range(len(wanted_ids) - 2, -1, -1):
        this, nxt = wanted_ids[idx], wanted_ids[idx + 1]
        if seq.index(this) == seq.index(nxt) - 1:
            continue
        seq.remove(this)
        seq.insert(seq.index(nxt), this)
        row = by_id[this]
        moves.append(Op(MOVE, menu.path, target=this, where=_where(menu, row), phase=PHASE_MOVE,
                        destination=nxt, before=None, after=None))
    return moves


# The planner's steps, for planners of other shapes of menu (``module_utils/menu``) that match entries their own
# way and reuse the engine's changes and operations.
changes = _changes
set_ops = _set_ops
reset_or_remove = _reset_or_remove
entry_where = _where
entry_refs = _refs
provided_names = _provided


def plan(items, state):
    """Plan several menus at once: ``items`` is a list of (menu, desired list, current rows)."""
    result = Plan()
    for menu, desired, current in items:
        result.extend(plan_menu(menu, desired, current, state))
    return result.ordered()


def console_command(op, attrs=None):
    """``op`` as one line of RouterOS console text (state rendered), with ``attrs`` in place of ``op.attrs`` (masked
    secrets). The path and every field name are checked (:func:`values.check_menu_path`,
    :func:`values.check_field_name`: a :class:`UserInputError` names the one that is not a RouterOS name) and every
    value is written as /export writes it (:func:`values.console_value`), so no value, name or path can end the
    line or add a command to it."""
    path = _values.check_menu_path(op.path)
    attrs = op.attrs if attrs is None else attrs
    parts = ["%s/%s" % (path, op.action)]
    if op.action != ADD and op.where:
        parts.append("[find %s]" % " ".join("%s=%s" % (_values.check_field_name(k), _values.console_value(to_api(v)))
                                            for k, v in op.where.items()))
    elif op.action != ADD and op.target is not None:
        parts.append("numbers=%s" % _values.console_value(to_api(op.target)))
    if op.action == UNSET:
        parts.append("value-name=%s" % ",".join(_values.check_field_name(f) for f in op.fields))
    for name, value in attrs.items():
        parts.append("%s=%s" % (_values.check_field_name(name), _values.console_value(to_api(value))))
    if op.action == MOVE:
        parts.append("destination=%s" % (_values.console_value(to_api(op.destination)) if op.destination else "[end]"))
    return " ".join(parts)


class RenderedOp(Op):
    """An operation of :func:`render`: its command is console text (:func:`console_command`)."""

    __slots__ = ()

    def command(self):
        return console_command(self)


def render(desired):
    """The commands that would configure ``desired`` on a router that has none of it (no router consulted).

    Entries of fixed menus (which already exist on every router) become a ``set`` found by their ``find``
    fields (or keys); the others an ``add``. The commands are console text (:func:`console_command`)."""
    ops = []
    for want in desired:
        menu = want.menu
        values = dict((k, v) for k, v in want.values.items() if v is not None and k not in menu.read_only)
        if menu.fixed:
            where = dict(want.find) if want.find else dict((k, values[k]) for k in menu.keys if k in values)
            attrs = dict((k, to_api(v)) for k, v in values.items() if not (k in where and same(
                menu.field(k).kind, v, where[k])))
            if attrs:
                rename = bool(menu.name_field and menu.name_field in attrs)
                ops.append(RenderedOp(SET, menu.path, attrs=attrs, where=where,
                                      phase=PHASE_RENAME if rename else PHASE_SET, after=attrs, refs=_refs(menu, values),
                                      provides=_provided(menu, where, values) if rename else ()))
        else:
            attrs = dict((k, to_api(v)) for k, v in values.items() if not (is_empty(menu.field(k), v) and k not in menu.keys))
            ops.append(RenderedOp(ADD, menu.path, attrs=attrs, phase=PHASE_ADD, after=attrs, refs=_refs(menu, values),
                                  provides=_provided(menu, values)))
    return Plan(ops).ordered()


# ---------------------------------------------------------------------------------------------------------
# Reading and applying


class Read:
    """One print of a read round trip: ``path``, the ``proplist`` and optional ``queries`` (ready words)."""

    __slots__ = ("path", "proplist", "queries")

    def __init__(self, path, proplist=None, queries=None):
        self.path = path
        self.proplist = list(proplist) if proplist else None
        self.queries = list(queries) if queries else None


def key_queries(field, values):
    """``?`` query words that select rows whose ``field`` is one of ``values`` (OR-ed on the router)."""
    values = [to_api(v) for v in values]
    if not values:
        return None
    words = ["?%s=%s" % (field, v) for v in values]
    if len(values) > 1:
        words.append("?#" + "|" * (len(values) - 1))
    return words


def read(session, reads):
    """Run every print of ``reads`` in one round trip; returns one list of rows per read, in order."""
    specs = [dict(path=r.path, command="print", proplist=r.proplist, queries=r.queries) for r in reads]
    return [[dict(row) for row in res.rows] for res in session.pipeline(specs, raise_on_trap=True)]


def read_back(ctx, read):
    """``read(session)`` after the writes: over a new session (``ctx.reopen``) when the connection failed after the
    last reply, as it may have (a stalled or dropped connection is never read over again)."""
    try:
        return read(ctx.session)
    except (ConnectionLost, FatalError, RouterTimeout):
        reopen = getattr(ctx, "reopen", None)
        if reopen is None:
            raise
        reopen()
        return read(ctx.session)


def apply_plan(session, plan_, reopen=None):
    """Send the plan's writes, pipelined by batch (at most ``session.max_in_flight`` in flight at once). Returns
    the number of batches sent.

    Raises :class:`ApplyError` when the router refuses a write: the batch it was in is still collected (its
    other writes were already sent and are reported as applied or failed), later batches are not sent.

    When the connection fails during a batch (lost, stalled, garbage, ``!fatal``), the replies that did arrive
    count, the writes never sent did not take effect, and the writes whose reply never came are checked: with
    ``reopen`` (a callable returning a new session) the menus they touched are read back and each is classified
    as took effect, did not, or unknown (:func:`verify_writes`); without it they all stay unknown. The
    :class:`ApplyError` then says the connection was lost, not that the router refused anything."""
    applied = []
    failed = []
    batches = plan_.batches()
    trips = 0
    for index, batch in enumerate(batches):
        specs = []
        for op in batch:
            path, verb, attrs = op.request()
            specs.append(dict(path=path, command=verb, attributes=attrs))
        trips += 1
        outcomes = _outcomes(session, specs)
        pending = []
        not_sent = []
        lost = None
        for op, res in zip(batch, outcomes):
            if isinstance(res, TrapError):
                failed.append(dict(command=op.command(), error=res.message or str(res)))
            elif _is_not_sent(res):
                not_sent.append(op.command())
            elif isinstance(res, Exception):
                pending.append(op)
                lost = lost or str(res)
            else:
                applied.append(op.command())
        later = [op.command() for later_batch in batches[index + 1:] for op in later_batch]
        if pending or not_sent:
            lost = lost or "the connection failed before every write was sent"
            took, did_not, unknown, verify_error = [], [], [op.command() for op in pending], None
            if pending and reopen is not None:
                try:
                    took, did_not, unknown = verify_writes(reopen(), pending)
                except RouterOSError as exc:
                    verify_error = str(exc)
            raise ApplyError(applied + took, failed, not_sent + later, lost=lost, unknown=unknown,
                             not_applied=did_not, confirmed=took, verify_error=verify_error)
        if failed:
            raise ApplyError(applied, failed, later)
    return trips


def _outcomes(session, specs):
    """Per write: its Result, TrapError, a 'not sent' error, or the error that left its outcome unknown."""
    outcomes = getattr(session, "pipeline_outcomes", None)
    if outcomes is not None:
        return outcomes(specs)
    try:  # a session without per-command outcomes: a failure leaves the whole batch unknown
        return session.pipeline(specs, raise_on_trap=False)
    except RouterOSError as exc:
        return [exc] * len(specs)


def _is_not_sent(res):
    return res.__class__.__name__ == "NotSent"


def _loosely_same(want, have):
    """Whether the router's ``have`` shows the written ``want`` (no menu knowledge: text, then by meaning)."""
    if have is None:
        return to_api(want) == ""
    if to_api(want) == to_api(have) or same("auto", want, have):
        return True
    for kind in ("prefix", "ip", "duration", "size", "bool"):
        try:
            if canonical(kind, want) == canonical(kind, have) and canonical(kind, want) != to_api(want):
                return True
        except (TypeError, ValueError):
            continue
    return False


def shows_values(row, attrs):
    """Whether the router's ``row`` shows every value of ``attrs`` (written API text), compared loosely."""
    return all(_loosely_same(value, row.get(name)) for name, value in attrs.items())


_shows = shows_values


def _classify(op, rows):
    """'took', 'did_not' or 'unknown' for one write whose reply never came, from the rows of its menu now."""
    by_id = dict((row.get(".id"), row) for row in rows)
    if op.target is None and op.action != ADD:
        row = rows[0] if len(rows) == 1 else None  # a settings menu: its one entry
    else:
        row = by_id.get(op.target)
    before = op.prior if op.prior is not None else (op.before or {})
    if op.action == ADD:
        return "took" if any(_shows(r, op.attrs) for r in rows) else "did_not"
    if op.action == REMOVE:
        return "took" if row is None else "did_not"
    if row is None:
        return "unknown"
    if op.action == SET:
        if _shows(row, op.attrs):
            return "took"
        if op.attrs and all(name in before for name in op.attrs) and _shows(row, dict(
                (name, before[name]) for name in op.attrs)):
            return "did_not"
        return "unknown"
    if op.action == UNSET:
        if all(row.get(name) in (None, "") for name in op.fields):
            return "took"
        if all(name in before for name in op.fields) and _shows(row, dict((n, before[n]) for n in op.fields)):
            return "did_not"
        return "unknown"
    return "unknown"  # a move: the order alone cannot say which write moved it


def verify_writes(session, ops):
    """Read back the menus of ``ops`` (writes whose replies never came) over ``session``, in one round trip.

    Returns ``(took, did_not, unknown)``, lists of the operations' commands. Menu-agnostic: it compares the
    written values with what the router shows now (an add took effect when an entry shows all its values; a
    set when the entry shows the new values, and did not when it still shows the old ones; a remove when the
    entry is gone)."""
    paths = []
    fields = {}
    for op in ops:
        if op.path not in fields:
            paths.append(op.path)
            fields[op.path] = set((".id",))
        fields[op.path].update(op.attrs)
        fields[op.path].update(op.fields)
    results = session.pipeline([dict(path=path, command="print", proplist=sorted(fields[path])) for path in paths])
    rows = dict((path, [dict(row) for row in res.rows]) for path, res in zip(paths, results))
    took, did_not, unknown = [], [], []
    for op in ops:
        verdict = _classify(op, rows[op.path])
        (took if verdict == "took" else did_not if verdict == "did_not" else unknown).append(op.command())
    return took, did_not, unknown
