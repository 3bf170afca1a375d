# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one task workflow of every configuring module: read -> plan -> diff -> apply -> verify.

A module hands :func:`converge` an adapter (:class:`Adapter`): how to read its menus (one round trip), how to plan
(with :mod:`converge.planner`), and how to report (its own return shape). The steps, the same for every module:

1. read the router (``adapter.read``), once;
2. plan (``adapter.plan``): an ordered :class:`engine.Plan`; its warnings go to ``ctx.warn``;
3. report ``before`` and ``commands``, and the diff in diff mode; ``changed`` when the plan has writes;
4. apply, unless in check mode (:func:`engine.apply_plan`: pipelined, a write never sent twice); a refused write
   or a lost connection is reported as applied / failed / not applied / unknown (``ApplyError.as_result``);
5. verify: read the router back (:func:`engine.read_back`, over a new session when the connection failed after
   the last reply) and report ``after``; when that read fails, the writes still took effect: a warning, not a
   failure.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tikops.routeros.plugins.module_utils.converge import engine
from ansible_collections.tikops.routeros.plugins.module_utils.converge import safe
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import RouterOSError


class Adapter:
    """What a module supplies to :func:`converge`.

    - ``header``: the diff's header (the module or menu name)
    - ``read(session)`` -> current state (one round trip; called again after the writes)
    - ``plan(current)`` -> an ordered :class:`engine.Plan` (raises ``UserInputError`` for bad input)
    - ``before(result, current, plan)``: put what was there, and the commands, into ``result``
    - ``after(result, current)``: put what is there after the writes into ``result``
    - ``finish(result)``: the module's last word on the result's shape (also after a failed write)
    """

    header = None

    def read(self, session):
        raise NotImplementedError

    def plan(self, current):
        raise NotImplementedError

    def before(self, result, current, plan):
        raise NotImplementedError

    def after(self, result, current):
        raise NotImplementedError

    def finish(self, result):
        return None


def converge(ctx, adapter):
    """Run read -> plan -> diff -> apply -> verify for ``adapter``; returns the module result."""
    current = adapter.read(ctx.session)
    plan = adapter.plan(current)
    for warning in plan.warnings:
        ctx.warn(warning)
    result = dict(changed=bool(plan))
    adapter.before(result, current, plan)
    if ctx.diff and plan:
        result["diff"] = plan.diff(header=adapter.header)
    # safe: true (converge/safe.py): the writes under safe mode or a confirmed commit, verified before kept
    guard = safe.Guard(ctx) if plan and not ctx.check_mode and safe.wanted(ctx.params) else None
    if plan and not ctx.check_mode:
        try:
            if guard is not None:
                guard.apply(plan)
            else:
                # a lost connection is read back over a new one (reopen): took effect / did not / unknown
                engine.apply_plan(ctx.session, plan, reopen=getattr(ctx, "reopen", None))
        except engine.ApplyError as exc:
            result.update(exc.as_result())
            result["changed"] = bool(exc.applied)
            result["failed"] = True
            result["msg"] = str(exc)
            if guard is not None:
                result["safe"] = guard.report
                result["msg"] += "; " + safe.reverted_message(guard)
            adapter.finish(result)
            return result
        if guard is not None:
            result["safe"] = guard.report
            if guard.reverted:
                result["failed"] = True
                result["msg"] = safe.reverted_message(guard)
        try:
            current = engine.read_back(ctx, adapter.read)
        except RouterOSError as exc:  # every write took effect: the task changed the router, whatever the read says
            ctx.warn("every change was applied, but reading the router back afterwards failed: %s" % exc)
        else:
            adapter.after(result, current)
    adapter.finish(result)
    return result
