# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The apply layer: operations, plans, and sending them to the router (what every configuring module shares).

:class:`Op` is one write (add, set, unset, remove, move) and :class:`Plan` the ordered writes of a task, shown as
commands and as a diff. The planner (``converge/planner.py``) makes them; :func:`apply_plan` sends them.

Applying a plan sends its writes pipelined with tags: every operation of a *batch* goes out at once and the
replies are collected afterwards (one round trip per batch). A new batch starts only where an operation
depends on an earlier one (it references a name that an earlier operation adds, renames or removes), so a
plain plan costs one round trip whatever its size. A write is never sent twice. When a write fails, the
:class:`ApplyError` lists what was applied, what failed (with the router's message) and what was not attempted;
when the connection fails during the writes, the writes whose replies never came are read back
(:func:`verify_writes`) and reported as applied, not applied or unknown. :func:`read_back` reads the router after
the writes (over a new session when the connection failed after the last reply).
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
)
from ansible_collections.tikops.routeros.plugins.module_utils.core import values as _values
from ansible_collections.tikops.routeros.plugins.module_utils.core.values import canonical, same, to_api


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
# Operations and plans


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


def depends_first(ops):
    """``ops`` in their order, except that an operation comes after the operations that provide a name it
    references (those are pulled forward, the others keep their places)."""
    return _topological(list(ops), reverse=False)


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


def console_command(op, attrs=None):
    """``op`` as one line of RouterOS console text (state rendered), with ``attrs`` in place of ``op.attrs`` (masked
    secrets). The path and every field name are checked (:func:`values.check_menu_path`,
    :func:`values.check_field_name`: a :class:`UserInputError` names the one that is not a RouterOS name) and every
    value is written as /export writes it (:func:`values.console_value`), so no value, name or path can end the
    line or add a command to it."""
    path = _values.check_menu_path(op.path)
    attrs = op.attrs if attrs is None else attrs
    parts = ["%s/%s" % (path, op.action)]
    if op.action != ADD and getattr(op, "every", False):
        parts.append("[find]")
    elif op.action != ADD and op.where:
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
    """A line of state rendered (``converge.planner.render``): its command is console text
    (:func:`console_command`); ``every``: it changes every entry of the menu (``set [find]``); ``source``: the
    desired entry it renders."""

    __slots__ = ("every", "source")

    def __init__(self, action, path, every=False, source=None, **kwargs):
        super(RenderedOp, self).__init__(action, path, **kwargs)
        self.every = every
        self.source = source

    def command(self):
        return console_command(self)


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
