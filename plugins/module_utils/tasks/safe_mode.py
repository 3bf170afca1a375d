# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``tikops.routeros.safe_mode``: take, release or unroll RouterOS safe mode on the host's kept session.

Safe mode belongs to the router connection that took it: with the ``tikops.routeros.api`` connection and persistence
on (the default), that is the broker's kept session of the host, which every later task of the play uses too. The
tasks in between are recorded by the router as floating-undo actions; should that connection end without a release
(the controller died, the play ended), the router undoes all of them.

``state=released`` may first verify, as a task with ``safe: true`` does (converge/safe.py): a new login from the
controller and the ``checks``; when they fail, the change is unrolled instead and the task fails.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tikops.routeros.plugins.module_utils.converge import safe
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import TrapError

STATES = ("taken", "released", "unrolled")


def status(session):
    """(version, the /safe-mode print row or None on a router without it)."""
    specs = [dict(path="/system/resource", command="print", proplist=["version"]),
             dict(path="/safe-mode", command="print")]
    head, mode = session.pipeline(specs, raise_on_trap=False)
    if isinstance(head, Exception):
        raise head
    version = ((head.rows[0].get("version") if head.rows else None) or "7").split(" ")[0]
    if isinstance(mode, Exception):
        if not isinstance(mode, TrapError) or safe.has_safe_mode(version):
            raise mode
        return version, None
    return version, (dict(mode.rows[0]) if mode.rows else {})


def _held_by_us(row):
    return str(row.get("this-session", "")).lower() in ("true", "yes")


def _held(row):
    return str(row.get("taken", "")).lower() in ("true", "yes")


def run(ctx):
    params = ctx.params
    state = params.get("state") or "taken"
    session = ctx.session
    version, row = status(session)
    result = dict(changed=False, state=state, version=version)
    if row is None:
        if state != "taken":  # nothing can be held: nothing to release or unroll
            result["held_before"] = dict(taken=False, this_session=False, user=None)
            return result
        raise safe.SafeChangeError("RouterOS %s has no safe mode (it came with 7.18): use safe: true on the "
                                   "configuring tasks instead, which makes a confirmed commit there" % version)
    ours = _held_by_us(row)
    held = _held(row)
    result["held_before"] = dict(taken=held, this_session=ours, user=row.get("user"))
    if state == "taken":
        if ours:
            return result
        if held:
            raise safe.SafeModeHeld("safe mode is held by another session (user %s); nothing was taken. Let it "
                                    "release or unroll (the API cannot answer the console's hijack question)"
                                    % (row.get("user") or "unknown"))
        result["changed"] = True
        if ctx.check_mode:
            return result
        safe.Guard(ctx, {})._take(session)
        return result
    if not ours and "taken" in row:  # a router whose print does not say: the command itself tells
        if held:
            raise safe.SafeModeHeld("safe mode is held by another session (user %s), not by this play's session; "
                                    "it cannot be %s here" % (row.get("user") or "unknown", state))
        return result
    result["changed"] = True
    if ctx.check_mode:
        return result
    if state == "unrolled":
        try:
            session.call("/safe-mode", "unroll")
        except TrapError as exc:
            if "taken" in row:
                raise
            return dict(result, changed=False, msg="not unrolled: %s" % (exc.message or exc))
        _release_quietly(session)
        result["reverted"] = True
        return result
    if params.get("verify"):
        ok, login, checks = safe.verify(ctx, params.get("checks"))
        result["login"] = login
        result["checks"] = checks
        if not ok:
            session.call("/safe-mode", "unroll")
            _release_quietly(session)
            result.update(failed=True, reverted=True, msg="the checks before the release failed, so the changes "
                                                          "made in safe mode were unrolled: %s" % safe._why(login, checks))
            return result
    session.call("/safe-mode", "release")
    return result


def _release_quietly(session):
    try:
        session.call("/safe-mode", "release")
    except TrapError:
        pass
