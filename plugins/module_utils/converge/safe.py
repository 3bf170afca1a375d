# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Lock-out-proof changes: one task's writes under safe mode, or under a confirmed commit, verified before kept.

A configuring module given ``safe: true`` hands its plan to :class:`Guard` instead of :func:`engine.apply_plan`:

- **safe mode** (RouterOS 7.18 and later): ``/safe-mode/take`` on the task's session, the writes, then the checks;
  ``/safe-mode/release`` keeps the writes, ``/safe-mode/unroll`` undoes them. Should the controller die with the
  change half done, the router undoes it by itself when the session ends.
- **confirmed commit** (RouterOS 6, 7 before 7.18, or ``safe_method: confirmed_commit``): before the first write, a
  ``/system/scheduler`` entry is added that runs, at now + ``confirm_timeout``, a console script made of the plan's
  own inverse writes (:func:`inverse_ops`, :func:`script`); after the checks pass it is removed. When they fail the
  inverse writes are sent at once over the API; should nothing reach the router any more, the scheduler reverts
  the router at its time.

The checks (:func:`verify`) run over a **new** connection and login from the controller, which proves that the
management path still works after the change; then the user's ``safe_checks`` (prints with conditions) run over it.

A plan larger than the router's undo history (:data:`HISTORY_LIMIT` actions) is refused before anything is written
under safe mode, or split into parts that are each verified and released with ``safe_split: true``.

Values read from the router are untrusted: every value in the script is written by :func:`values.console_value`
(one word, whatever it holds), every path and field name checked by :func:`values.check_menu_path` and
:func:`values.check_field_name`.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import binascii
import datetime
import os
import re
import time

from ansible_collections.tikops.routeros.plugins.module_utils.catalog import catalog
from ansible_collections.tikops.routeros.plugins.module_utils.converge import engine
from ansible_collections.tikops.routeros.plugins.module_utils.core import values as _values
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import (
    ConnectionLost,
    FatalError,
    RouterOSError,
    RouterTimeout,
    TrapError,
    UserInputError,
    is_secret,
)
from ansible_collections.tikops.routeros.plugins.module_utils.core.values import same, to_api

HISTORY_LIMIT = 100
SAFE_MODE = "safe-mode"
CONFIRMED_COMMIT = "confirmed-commit"
METHODS = ("auto", "safe_mode", "confirmed_commit")
DEFAULT_CONFIRM_TIMEOUT = 300
MIN_CONFIRM_TIMEOUT = 1
SAFE_MODE_SINCE = (7, 18)
SCHEDULER = "/system/scheduler"
SCHEDULER_PREFIX = "tikops-confirm-"
# Fields a print shows that are never written back (flags and counters); the catalog knows the rest.
NOT_WRITTEN = frozenset(("dynamic", "invalid", "builtin", "default", "running", "inactive", "bytes", "packets",
                         "actual-interface", "slave", "status", "active", "connection", "hw-offload"))

# The options every configuring module takes (doc fragment tikops.routeros.safe).
SAFE_SPEC = dict(
    safe=dict(type="bool", default=False),
    safe_method=dict(type="str", default="auto", choices=list(METHODS)),
    safe_checks=dict(type="list", elements="dict", options=dict(
        name=dict(type="str"),
        path=dict(type="str", required=True),
        where=dict(type="dict"),
        expect=dict(type="str", default="present", choices=["present", "absent"]),
        min_count=dict(type="int"),
    )),
    confirm_timeout=dict(type="int", default=DEFAULT_CONFIRM_TIMEOUT),
    safe_when_held=dict(type="str", default="fail", choices=["fail", "confirmed_commit"]),
    safe_split=dict(type="bool", default=False),
)


class SafeChangeError(RouterOSError):
    """A safe change could not start (nothing was written): safe mode held by another session, the history limit,
    a method the router lacks."""


class SafeModeHeld(SafeChangeError):
    """Another session holds safe mode."""


def wanted(params):
    """Whether the task asked for a safe change."""
    return bool(params.get("safe"))


def parse_version(text):
    """(major, minor) of a RouterOS version text (``7.20.8 (stable)``); (7, 0) when it cannot be read."""
    match = re.match(r"\s*(\d+)\.(\d+)", text or "")
    if not match:
        return (7, 0)
    return (int(match.group(1)), int(match.group(2)))


def has_safe_mode(version):
    return parse_version(version) >= SAFE_MODE_SINCE


def choose_method(method, version):
    """The method for ``method`` (an option value) on RouterOS ``version``; SafeChangeError when the router lacks
    safe mode and the task asks for it."""
    if method == "confirmed_commit":
        return CONFIRMED_COMMIT
    if has_safe_mode(version):
        return SAFE_MODE
    if method == "safe_mode":
        raise SafeChangeError("safe_method=safe_mode: RouterOS %s has no /safe-mode (it came with 7.18); use "
                              "safe_method=auto or confirmed_commit" % version)
    return CONFIRMED_COMMIT


# ---------------------------------------------------------------------------------------------------------
# Checks


def _matches(cond, have):
    if isinstance(cond, dict):
        if "regex" in cond:
            return have is not None and re.search(str(cond["regex"]), to_api(have)) is not None
        if "not" in cond:
            return not _matches(cond["not"], have)
        if "starts_with" in cond:
            return have is not None and to_api(have).startswith(str(cond["starts_with"]))
        raise UserInputError("safe_checks: a condition mapping takes regex, starts_with or not, not %s"
                             % ", ".join(sorted(cond)))
    if isinstance(cond, (list, tuple)):
        return any(_matches(c, have) for c in cond)
    if have is None:
        return to_api(cond) == ""
    return to_api(cond) == to_api(have) or same("auto", cond, have)


def check_spec(check):
    """A check as a print: (path, label)."""
    path = check.get("path")
    if not isinstance(path, str) or not path.strip():
        raise UserInputError("safe_checks: every check needs a path (a menu to print)")
    path = "/" + "/".join(p for p in re.split(r"[\s/]+", path.strip()) if p)
    label = check.get("name") or "%s%s" % (path, "".join(
        " %s=%s" % (k, to_api(v) if not isinstance(v, (dict, list)) else v) for k, v in sorted((check.get("where") or {}).items())))
    return path, label


def judge(check, rows):
    """(passed, count) of one check on the rows its print returned."""
    where = check.get("where") or {}
    found = [r for r in rows if all(_matches(c, r.get(k)) for k, c in where.items())]
    count = len(found)
    if (check.get("expect") or "present") == "absent":
        return count == 0, count
    return count >= (check.get("min_count") or 1), count


def run_checks(session, checks):
    """Run every check over ``session`` in one round trip; returns (all passed, [report per check])."""
    checks = list(checks or [])
    if not checks:
        return True, []
    specs = []
    labels = []
    for check in checks:
        path, label = check_spec(check)
        specs.append(dict(path=path, command="print"))
        labels.append(label)
    results = session.pipeline(specs, raise_on_trap=False)
    out = []
    ok = True
    for check, label, res in zip(checks, labels, results):
        if isinstance(res, Exception):
            if not isinstance(res, TrapError):
                raise res
            out.append(dict(name=label, passed=False, error=res.message or str(res)))
            ok = False
            continue
        passed, count = judge(check, [dict(r) for r in res.rows])
        out.append(dict(name=label, passed=passed, count=count, expect=check.get("expect") or "present"))
        ok = ok and passed
    return ok, out


def connection_params(ctx):
    """The connection parameters of the task's session, for a new login: the context's own (``ctx.connection_params``
    when the action gives them), the task's explicit connection options, or those the kept session was attached
    with. None when none of them is known."""
    params = getattr(ctx, "connection_params", None)
    if callable(params):
        params = params()
    if params is not None:
        return params
    if ctx.params.get("hostname"):
        from ansible_collections.tikops.routeros.plugins.module_utils.api.options import ConnectionParams

        return ConnectionParams.from_module_params(ctx.params)
    reattach = getattr(ctx.session, "_reattach", None)
    args = getattr(reattach, "args", None)
    if args:
        return args[0]
    return None


def fresh_login(ctx):
    """A new connection and login (never the broker's kept one): (session or None, report)."""
    params = connection_params(ctx)
    if params is None:
        return None, dict(ok=False, error="the connection parameters of this task are not known to the module, so "
                                          "no new login could be tried")
    from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session

    started = time.monotonic()
    try:
        session = Session.connect(params)
    except RouterOSError as exc:
        return None, dict(ok=False, error=str(exc), seconds=round(time.monotonic() - started, 3))
    return session, dict(ok=True, seconds=round(time.monotonic() - started, 3))


def verify(ctx, checks):
    """The management path and the user's checks after the writes: (passed, login report, check reports)."""
    session, login = fresh_login(ctx)
    if session is None:
        return False, login, []
    try:
        try:
            ok, reports = run_checks(session, checks)
        except RouterOSError as exc:
            return False, dict(login, error="the checks failed: %s" % exc), []
        return ok, login, reports
    finally:
        session.close()


# ---------------------------------------------------------------------------------------------------------
# Inverse operations and the scheduler's script


def console_path(path):
    """``/ip/firewall/filter`` as the console of RouterOS 6 and 7 both take it: ``/ip firewall filter``."""
    _values.check_menu_path(path)
    return "/" + " ".join(path.strip("/").split("/"))


class Inverse:
    """One write of the revert: ``verb`` on ``path`` with ``attrs`` (API text); ``target`` the entry (an id, or an
    :class:`Added` for an entry the plan adds, known by its id once written, else by its fields), ``unset`` the
    fields to unset."""

    __slots__ = ("verb", "path", "target", "attrs", "unset")

    def __init__(self, verb, path, target=None, attrs=None, unset=()):
        self.verb = verb
        self.path = path
        self.target = target
        self.attrs = dict(attrs or {})
        self.unset = tuple(unset)

    def __repr__(self):
        return "Inverse(%s %s %r %r %r)" % (self.path, self.verb, self.target, self.attrs, self.unset)


class Added:
    """An entry the plan adds: its fields, and its id once the router gave it."""

    __slots__ = ("attrs", "id")

    def __init__(self, attrs):
        self.attrs = dict(attrs)
        self.id = None


def _menu_info(path, version):
    if version and parse_version(version) < (7, 0):
        info = catalog.v6_menu(path)
        if info is not None:
            return info
        version = None
    info = catalog.menu(path, version) if version else None
    if info is None:
        newest = catalog.versions()[-1] if catalog.versions() else None
        info = catalog.menu(path, newest) if newest else None
    return info


def _addable(row, info, warnings, path):
    """The fields of a removed ``row`` an ``add`` takes back (no id, flags, counters or read-only fields)."""
    out = {}
    for name, value in row.items():
        if name.startswith(".") or name in NOT_WRITTEN or value is None:
            continue
        if info is not None and info.fields:
            field = info.fields.get(name)
            if field is None or not field.in_add:
                continue
        if is_secret(name):
            warnings.append("%s: the secret field %s of a removed entry cannot be read back, so a revert adds the "
                            "entry without it" % (path, name))
            continue
        if to_api(value) == "":
            continue
        out[name] = to_api(value)
    return out


def _can_unset(info):
    return info is None or "unset" in info.commands


def inverse_ops(plan, before, version=None, warnings=None):
    """The writes that put the router back as ``before`` (path -> rows, as printed, in order) shows it, after
    ``plan`` (an ordered :class:`engine.Plan`) was applied: moves undone, changes undone, additions removed, removed
    entries added back (in their places in an ordered menu). Returns (list of :class:`Inverse`, list of
    :class:`Added` in plan order)."""
    warnings = warnings if warnings is not None else []
    ops = list(plan.ops)
    rows_by_id = {}
    order = {}
    for path, rows in before.items():
        rows_by_id[path] = dict((r.get(".id"), r) for r in rows)
        order[path] = [r.get(".id") for r in rows]
    removed = dict((path, set()) for path in before)
    for op in ops:
        if op.action == engine.REMOVE:
            removed.setdefault(op.path, set()).add(op.target)
    added = []
    add_of = {}
    # the order each ordered menu has as the plan goes, with the successor of each moved entry before its move
    move_back = []
    live = dict((path, list(ids)) for path, ids in order.items())
    for op in ops:
        seq = live.setdefault(op.path, [])
        if op.action == engine.ADD:
            entry = Added(op.attrs)
            added.append(entry)
            add_of[id(op)] = entry
            seq.append(entry)
        elif op.action == engine.REMOVE and op.target in seq:
            seq.remove(op.target)
        elif op.action == engine.MOVE and op.target in seq:
            i = seq.index(op.target)
            nxt = [x for x in seq[i + 1:] if not isinstance(x, Added)]
            move_back.append(Inverse("move", op.path, op.target, dict(destination=nxt[0]) if nxt else {}))
            seq.remove(op.target)
            if op.destination in seq:
                seq.insert(seq.index(op.destination), op.target)
            else:
                seq.append(op.target)
    out = list(reversed(move_back))
    restores = []
    for op in reversed(ops):
        if op.action in (engine.SET, engine.UNSET):
            rows = rows_by_id.get(op.path, {})
            if op.target is None:
                row = before.get(op.path, [None])[0] if len(before.get(op.path) or []) == 1 else (op.before or {})
            else:
                row = rows.get(op.target)
            if row is None:
                warnings.append("%s: the entry %s was not in the read before the change; a revert leaves it as the "
                                "change left it" % (op.path, op.target))
                continue
            info = _menu_info(op.path, version)
            names = list(op.attrs) + list(op.fields)
            back = {}
            unset = []
            for name in names:
                if is_secret(name):
                    warnings.append("%s: the old value of the secret field %s cannot be read, so a revert leaves it "
                                    "as the change wrote it" % (op.path, name))
                    continue
                old = row.get(name)
                if old is None or to_api(old) == "":
                    if _can_unset(info) and op.target is not None:
                        unset.append(name)
                    else:
                        back[name] = ""
                else:
                    back[name] = to_api(old)
            if back:
                out.append(Inverse("set", op.path, op.target, back))
            for name in unset:
                out.append(Inverse("unset", op.path, op.target, unset=(name,)))
        elif op.action == engine.ADD:
            out.append(Inverse("remove", op.path, add_of[id(op)]))
        elif op.action == engine.REMOVE:
            restores.append(op)
    # removed entries come back: in an ordered menu in their old order, each before the next entry the plan kept;
    # elsewhere in the reverse order of their removal (what they name is added back first)
    by_path = {}
    for op in restores:
        by_path.setdefault(op.path, []).append(op)
    for path in _paths_in(restores):
        info = _menu_info(path, version)
        ordered_menu = bool(info is not None and info.ordered) or any(o.action == engine.MOVE and o.path == path for o in ops)
        group = by_path[path]
        ids = order.get(path, [])
        if ordered_menu:
            group = sorted(group, key=lambda o: ids.index(o.target) if o.target in ids else len(ids))
        for op in group:
            row = rows_by_id.get(path, {}).get(op.target) or op.before
            if row is None:
                warnings.append("%s: the removed entry %s was not in the read before the change; a revert cannot add "
                                "it back" % (path, op.target))
                continue
            attrs = _addable(row, info, warnings, path)
            if ordered_menu and op.target in ids:
                after = [x for x in ids[ids.index(op.target) + 1:] if x not in removed.get(path, ())]
                if after:
                    attrs["place-before"] = after[0]
            out.append(Inverse("add", path, None, attrs))
    return out, added


def applied_part(plan, applied):
    """The operations of ``plan`` whose commands are in ``applied`` (an :class:`engine.ApplyError`'s), in order."""
    left = {}
    for command in applied:
        left[command] = left.get(command, 0) + 1
    ops = []
    for op in plan.ops:
        command = op.command()
        if left.get(command):
            left[command] -= 1
            ops.append(op)
    return engine.Plan(ops, [])


def _paths_in(ops):
    seen = []
    for op in ops:
        if op.path not in seen:
            seen.append(op.path)
    return seen


def _target_text(target, path):
    if isinstance(target, Added):
        if target.id is not None:
            return _values.console_value(target.id)
        conds = " ".join("%s=%s" % (_values.check_field_name(k), _values.console_value(v))
                         for k, v in sorted(target.attrs.items()) if not is_secret(k))
        return "[%s find %s]" % (console_path(path), conds)  # the menu written out: [find] alone is relative
    return _values.console_value(to_api(target))


def console_line(inv):
    """One inverse write as a line of console text (RouterOS 6 and 7)."""
    parts = [console_path(inv.path), inv.verb]
    if inv.verb in ("set", "unset", "remove", "move") and inv.target is not None:
        parts.append("numbers=%s" % _target_text(inv.target, inv.path))
    if inv.verb == "unset":
        parts.append("value-name=%s" % ",".join(_values.check_field_name(f) for f in inv.unset))
    for name, value in sorted(inv.attrs.items()):
        parts.append("%s=%s" % (_values.check_field_name(name), _values.console_value(to_api(value))))
    return " ".join(parts)


def script(inverses, name):
    """The scheduler's console script: every inverse write (each on its own line, an error in one not stopping
    the others), then the entry removes itself."""
    lines = [":log warning %s" % _values.console_value("tikops.routeros: change not confirmed, reverting (%s)" % name)]
    for inv in inverses:
        lines.append(":do {%s} on-error={:log error %s}" % (
            console_line(inv), _values.console_value("tikops.routeros revert failed: %s %s" % (inv.path, inv.verb))))
    lines.append(":do {/system scheduler remove [/system scheduler find name=%s]} on-error={}" % _values.console_value(name))
    return "\n".join(lines) + "\n"


def api_request(inv):
    """One inverse write as an API command spec (for :meth:`Session.pipeline_outcomes`)."""
    attrs = dict(inv.attrs)
    target = inv.target
    if isinstance(target, Added):
        target = target.id
    if inv.verb in ("set", "remove") and target is not None:
        attrs[".id"] = target
    elif inv.verb in ("unset", "move"):
        attrs["numbers"] = target
    if inv.verb == "unset":
        attrs["value-name"] = ",".join(inv.unset)
    return dict(path=inv.path, command=inv.verb, attributes=attrs)


# ---------------------------------------------------------------------------------------------------------
# The router's clock


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def parse_clock(date_text, time_text):
    """The router's clock (``2026-12-07`` or ``dec/07/2026``, ``13:45:10``) as (datetime, date style)."""
    date_text = (date_text or "").strip()
    time_text = (time_text or "").strip()
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})$", date_text)
    if match:
        year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
        style = "iso"
    else:
        match = re.match(r"^([A-Za-z]{3})/(\d{2})/(\d{4})$", date_text)
        if not match or match.group(1).lower() not in _MONTHS:
            raise SafeChangeError("the router's clock shows a date this module cannot read: %r" % date_text)
        year, month, day = int(match.group(3)), _MONTHS.index(match.group(1).lower()) + 1, int(match.group(2))
        style = "mdy"
    match = re.match(r"^(\d{1,2}):(\d{2}):(\d{2})$", time_text)
    if not match:
        raise SafeChangeError("the router's clock shows a time this module cannot read: %r" % time_text)
    return datetime.datetime(year, month, day, int(match.group(1)), int(match.group(2)), int(match.group(3))), style


def format_clock(when, style):
    """(start-date, start-time) for the scheduler, in the router's own date style."""
    if style == "iso":
        date_text = when.strftime("%Y-%m-%d")
    else:
        date_text = "%s/%02d/%04d" % (_MONTHS[when.month - 1], when.day, when.year)
    return date_text, when.strftime("%H:%M:%S")


# ---------------------------------------------------------------------------------------------------------
# The guard


def _parts(plan, limit):
    ops = list(plan.ops)
    return [engine.Plan(ops[i:i + limit], []) for i in range(0, len(ops), limit)] or [plan]


class Guard:
    """One task's safe change. :meth:`apply` replaces :func:`engine.apply_plan`; :attr:`report` is the task's
    ``safe`` return value; :attr:`reverted` says the change was undone (the task then fails)."""

    def __init__(self, ctx, params=None):
        params = params if params is not None else ctx.params
        self.ctx = ctx
        self.method_option = params.get("safe_method") or "auto"
        self.checks = list(params.get("safe_checks") or [])
        self.timeout = params.get("confirm_timeout")
        self.timeout = DEFAULT_CONFIRM_TIMEOUT if self.timeout is None else int(self.timeout)
        self.when_held = params.get("safe_when_held") or "fail"
        self.split = bool(params.get("safe_split"))
        if self.timeout < MIN_CONFIRM_TIMEOUT:
            raise UserInputError("confirm_timeout must be at least %d second, not %d" % (MIN_CONFIRM_TIMEOUT, self.timeout))
        for check in self.checks:
            check_spec(check)
            for cond in (check.get("where") or {}).values():
                _matches(cond, None)  # a bad condition fails now, before anything is written
        self.version = None
        self.method = None
        self.reverted = False
        self.reason = None
        self.warnings = []
        self.report = dict(method=None, verified=False, reverted=False, checks=[])

    # -- the steps ---------------------------------------------------------------------------------------

    def _head(self, session, extra=()):
        """The version and the clock, with ``extra`` commands in the same round trip; returns (clock, outcomes of
        ``extra``: Result or TrapError)."""
        specs = [dict(path="/system/resource", command="print", proplist=["version"]),
                 dict(path="/system/clock", command="print")]
        specs.extend(extra)
        results = session.pipeline(specs, raise_on_trap=False)
        for res in results[:2]:
            if isinstance(res, Exception):
                raise res
        self.version = ((results[0].rows[0].get("version") if results[0].rows else None) or "7").split(" ")[0]
        clock = results[1].rows[0] if results[1].rows else {}
        for res in results[2:]:
            if isinstance(res, Exception) and not isinstance(res, TrapError):
                raise res
        return clock, results[2:]

    def apply(self, plan, reopen=None):
        """Apply ``plan`` safely; raises :class:`engine.ApplyError` (the change reverted) or SafeChangeError
        (nothing written)."""
        session = self.ctx.session
        if connection_params(self.ctx) is None:
            raise SafeChangeError("safe: the connection parameters of this task are not known here, so the new login "
                                  "that proves the change safe could not be made: nothing was written. Use the "
                                  "tikops.routeros.api connection with persistence on, or give hostname and the "
                                  "credentials as module options")
        taken = None
        if self.method_option == "confirmed_commit":
            paths = _paths_in(plan.ops)
            clock, reads = self._head(session, [dict(path=p, command="print") for p in paths])
            for res in reads:
                if isinstance(res, Exception):
                    raise res
            self.method = CONFIRMED_COMMIT
        else:
            # safe mode is taken in the same round trip when the plan fits the history (a router without it
            # refuses the take: harmless, nothing was written)
            fits = len(plan) <= HISTORY_LIMIT
            clock, outcomes = self._head(session, [dict(path="/safe-mode", command="take")] if fits else [])
            self.method = choose_method(self.method_option, self.version)
            taken = outcomes[0] if outcomes and self.method == SAFE_MODE else None
            paths = None
            if isinstance(taken, TrapError) and self.when_held == "confirmed_commit":
                # another session holds safe mode: this change becomes a confirmed commit (the holder's safe mode
                # still records it, and undoes it too should that session end abnormally)
                self.report["safe_mode_held"] = taken.message or str(taken)
                self.method = CONFIRMED_COMMIT
                taken = None
        self.report["method"] = self.method
        self.report["history_limit"] = HISTORY_LIMIT if self.method == SAFE_MODE else None
        parts = [plan]
        if self.method == SAFE_MODE and len(plan) > HISTORY_LIMIT:
            if not self.split:
                raise SafeChangeError(
                    "the change needs %d writes, and safe mode keeps at most %d in the router's history (beyond that "
                    "the router leaves safe mode and undoes nothing): nothing was written. Split the task, or set "
                    "safe_split: true to apply it in verified parts of %d" % (len(plan), HISTORY_LIMIT, HISTORY_LIMIT))
            parts = _parts(plan, HISTORY_LIMIT)
        self.report["writes"] = len(plan)
        self.report["parts"] = len(parts)
        if self.method == SAFE_MODE:
            for index, part in enumerate(parts):
                self._safe_mode_part(session, part, reopen, index, len(parts), taken if index == 0 else None)
                if self.reverted:
                    break
        else:
            if paths is None:
                paths = _paths_in(plan.ops)
                reads = session.pipeline([dict(path=p, command="print") for p in paths], raise_on_trap=True)
            before = dict((p, [dict(r) for r in res.rows]) for p, res in zip(paths, reads))
            self._confirmed(session, plan, before, clock, reopen)
        self.report["verified"] = not self.reverted
        self.report["reverted"] = self.reverted
        if self.warnings:
            self.report["warnings"] = list(self.warnings)
        for msg in self.warnings:
            self.ctx.warn(msg)

    # -- safe mode --------------------------------------------------------------------------------------

    def _take(self, session, outcome=None):
        """Take safe mode; ``outcome``: the reply to a take already sent (a Result, or the TrapError)."""
        try:
            if outcome is None:
                session.call("/safe-mode", "take")
            elif isinstance(outcome, Exception):
                raise outcome
        except TrapError as exc:
            text = exc.message or str(exc)
            raise SafeModeHeld("safe mode could not be taken: %s. Another session holds it (see /system/history "
                               "and /user/active); nothing was written. Let it release or unroll (the API cannot "
                               "answer the console's hijack question), or set safe_when_held: confirmed_commit to "
                               "make this change a confirmed commit instead" % text)

    def _safe_mode_part(self, session, part, reopen, index, count, taken=None):
        self._take(session, taken)
        self.report["taken"] = True
        try:
            engine.apply_plan(session, part, reopen=None)
        except engine.ApplyError as exc:
            self._unroll(session, "a write failed: %s" % exc)
            raise
        except (ConnectionLost, FatalError, RouterTimeout) as exc:
            self._lost(exc)
            return
        ok, login, checks = verify(self.ctx, self.checks)
        self.report["login"] = login
        self.report["checks"] = checks
        if ok:
            try:
                session.call("/safe-mode", "release")
            except (ConnectionLost, FatalError, RouterTimeout) as exc:
                self._lost(exc)  # the change passed its checks, but safe mode ends with the session: undone
                return
            self.report["released"] = True
            if count > 1:
                self.report.setdefault("parts_released", 0)
                self.report["parts_released"] += 1
            return
        self._unroll(session, _why(login, checks))

    def _unroll(self, session, reason):
        self.reason = reason
        self.reverted = True
        try:
            session.call("/safe-mode", "unroll")
            self.report["revert"] = "unrolled"
        except (ConnectionLost, FatalError, RouterTimeout) as exc:
            self.report["revert"] = "the router undoes the change when it notices the session is gone (%s)" % exc
            return
        try:
            session.call("/safe-mode", "release")  # out of safe mode, with nothing left to keep
        except TrapError:
            pass

    def _lost(self, exc):
        self.reverted = True
        self.reason = "the connection was lost during the change: %s" % exc
        self.report["revert"] = "the router undoes the change when it notices the session is gone"

    # -- confirmed commit -------------------------------------------------------------------------------

    def _confirmed(self, session, plan, before, clock, reopen):
        inverses, added = inverse_ops(plan, before, self.version, self.warnings)
        name = SCHEDULER_PREFIX + binascii.hexlify(os.urandom(4)).decode("ascii")
        now, style = parse_clock(clock.get("date"), clock.get("time"))
        start_date, start_time = format_clock(now + datetime.timedelta(seconds=self.timeout), style)
        self.report["scheduler"] = name
        self.report["revert_at"] = "%s %s" % (start_date, start_time)
        attrs = {"name": name, "start-date": start_date, "start-time": start_time, "interval": "0s",
                 "on-event": script(inverses, name),
                 "comment": "tikops.routeros confirmed commit: reverts the change unless removed"}
        res = session.call(SCHEDULER, "add", attributes=attrs)
        entry = res.ret
        self.report["inverse"] = [console_line(i) for i in inverses]
        try:
            engine.apply_plan(session, plan, reopen=None)
        except engine.ApplyError as exc:
            if exc.lost is None:
                # the router refused a write: only what it accepted is undone (an entry whose removal was never
                # sent must not be added again), and the scheduler's script is narrowed to that as well
                inverses, added = inverse_ops(applied_part(plan, exc.applied), before, self.version, self.warnings)
                try:
                    session.call(SCHEDULER, "set", attributes={".id": entry, "on-event": script(inverses, name)})
                except RouterOSError:
                    pass
            self._revert(session, inverses, added, entry, before, "a write failed: %s" % exc)
            raise
        except (ConnectionLost, FatalError, RouterTimeout) as exc:
            self.reverted = True
            self.reason = "the connection was lost during the change: %s" % exc
            self.report["revert"] = "the scheduler entry %s reverts the router at %s" % (name, self.report["revert_at"])
            return
        try:
            self._learn_ids(session, added, before)
            if added:
                session.call(SCHEDULER, "set", attributes={".id": entry, "on-event": script(inverses, name)})
                self.report["inverse"] = [console_line(i) for i in inverses]
        except RouterOSError as exc:
            self.warnings.append("the ids of the added entries could not be written into the revert script (%s); it "
                                 "finds them by their fields" % exc)
        ok, login, checks = verify(self.ctx, self.checks)
        self.report["login"] = login
        self.report["checks"] = checks
        if ok:
            if self._remove_entry(session, entry, name):
                self.report["confirmed"] = True
                return
            # the entry was gone: its time came before the checks were done, and it reverted the change
            self.reverted = True
            self.reason = ("confirm_timeout (%ds) ran out before the change was confirmed: the router's scheduler "
                           "entry reverted it; give a longer confirm_timeout" % self.timeout)
            self.report["revert"] = "reverted by the scheduler entry"
            return
        self._revert(session, inverses, added, entry, before, _why(login, checks))

    def _remove_entry(self, session, entry, name):
        """Remove the scheduler entry of a change that passed its checks: over the task's session, else over a new
        one. Should neither work, the entry reverts the change at its time: a failure that says so."""
        try:
            session.call(SCHEDULER, "remove", attributes={".id": entry})
            return True
        except TrapError:  # no such item: it ran (and removed itself)
            return False
        except (ConnectionLost, FatalError, RouterTimeout) as exc:
            first = exc
        fresh, login = fresh_login(self.ctx)
        if fresh is not None:
            try:
                rows = fresh.call(SCHEDULER, "print", queries=["?name=%s" % name]).rows
                for row in rows:
                    fresh.call(SCHEDULER, "remove", attributes={".id": row.get(".id")})
                return bool(rows)
            except RouterOSError as exc:
                first = exc
            finally:
                fresh.close()
        reason = first if fresh is not None else "%s; a new login failed too: %s" % (first, login.get("error"))
        raise SafeChangeError("the change passed its checks, but its scheduler entry %s could not be removed (%s): "
                              "the router reverts the change at %s unless the entry is removed by hand "
                              "(/system scheduler remove [find name=%s])" % (name, reason, self.report.get("revert_at"), name))

    def _learn_ids(self, session, added, before):
        if not added:
            return
        paths = []
        for path in before:
            paths.append(path)
        results = session.pipeline([dict(path=p, command="print") for p in paths], raise_on_trap=True)
        known = dict((p, set(r.get(".id") for r in rows)) for p, rows in before.items())
        fresh = dict((p, [dict(r) for r in res.rows if r.get(".id") not in known[p]]) for p, res in zip(paths, results))
        taken = set()
        for entry in added:
            for path, rows in fresh.items():
                for row in rows:
                    if row.get(".id") in taken:
                        continue
                    if engine.shows_values(row, dict((k, v) for k, v in entry.attrs.items()
                                                     if not is_secret(k) and k != "place-before")):
                        entry.id = row.get(".id")
                        taken.add(entry.id)
                        break
                if entry.id is not None:
                    break

    def _revert(self, session, inverses, added, entry, before, reason):
        """Send the inverse writes now (over the task's session); remove the scheduler entry once they are in."""
        self.reverted = True
        self.reason = reason
        try:
            self._learn_ids(session, [a for a in added if a.id is None], before)
            specs = [api_request(inv) for inv in inverses if not (isinstance(inv.target, Added) and inv.target.id is None)]
            outcomes = session.pipeline_outcomes(specs) if specs else []
            errors = [str(o) for o in outcomes if isinstance(o, Exception)]
            if errors:
                self.warnings.append("%d of the revert's writes failed (first: %s); the scheduler entry %s still "
                                     "reverts at %s" % (len(errors), errors[0], self.report["scheduler"], self.report["revert_at"]))
                self.report["revert"] = "partly sent; the scheduler reverts the rest at %s" % self.report["revert_at"]
                return
            session.call(SCHEDULER, "remove", attributes={".id": entry})
            self.report["revert"] = "reverted now"
        except RouterOSError as exc:
            self.report["revert"] = "the scheduler entry %s reverts the router at %s (%s)" % (
                self.report["scheduler"], self.report["revert_at"], exc)


def _why(login, checks):
    if not login.get("ok"):
        return "a new login to the router failed after the change: %s" % login.get("error")
    if login.get("error"):
        return login["error"]
    failed = [c for c in checks if not c.get("passed")]
    return "check failed: %s" % ", ".join(
        "%s (%s)" % (c["name"], c.get("error") or "%d found" % c.get("count", 0)) for c in failed)


def reverted_message(guard):
    return "the change was reverted (%s, %s): %s" % (guard.method, guard.report.get("revert"), guard.reason)
