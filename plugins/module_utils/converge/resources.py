# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared plumbing of the resource modules (interfaces, ip_addresses, ...).

States and return keys follow Ansible's network resource modules: ``merged`` (default), ``replaced``,
``overridden``, ``deleted`` act on the router and return ``before``, ``commands`` and, when commands were
sent, ``after``; ``gathered`` returns ``gathered``; ``rendered`` returns ``rendered`` and ``parsed`` returns
``parsed``, and those two never open a connection.

A module describes its resource with a :class:`Resource` subclass, an adapter: its menus (declared
:class:`planner.Menu` models), the mapping between its options and their fields, its keys and its return shape.
:func:`run_resource` runs the states: ``gathered``, ``rendered`` and ``parsed`` here, the states that change the
router through the one workflow of every configuring module (:func:`workflow.converge`: read, plan with the one
planner, diff, apply, verify).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


from ansible_collections.tikops.routeros.plugins.module_utils.converge import engine
from ansible_collections.tikops.routeros.plugins.module_utils.converge import planner
from ansible_collections.tikops.routeros.plugins.module_utils.converge import workflow
from ansible_collections.tikops.routeros.plugins.module_utils.core import values as _values
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError

STATES = engine.STATES
NEEDS_CONFIG = engine.NEEDS_CONFIG


class MissingReference(UserInputError):
    """An entry names something the router does not have (an interface). In check mode this is a warning: a
    task before this one, which check mode did not apply, may create it (a VLAN and then its address)."""


def resource_argspec(config_options):
    """The argument spec of a resource module: ``config`` (list of dicts), ``state``, ``running_config``."""
    return dict(
        config=dict(type="list", elements="dict", options=config_options),
        state=dict(type="str", default="merged", choices=list(STATES)),
        running_config=dict(type="str"),
    )


def check_state_args(params):
    """The rules rm_base modules declare with required_if/mutually_exclusive, checked here (any runner)."""
    state = params.get("state") or "merged"
    config = params.get("config")
    running = params.get("running_config")
    if config is not None and running is not None:
        raise UserInputError("config and running_config are mutually exclusive")
    if state in NEEDS_CONFIG and config is None:
        raise UserInputError("state is %s but config is missing" % state)
    if state == "parsed" and running is None:
        raise UserInputError("state is parsed but running_config is missing")
    if state != "parsed" and running is not None:
        raise UserInputError("running_config is used with state parsed only (state is %s)" % state)
    return state


def api_name(option):
    """``vlan_id`` -> ``vlan-id``."""
    return option.replace("_", "-")


def option_name(field):
    """``vlan-id`` -> ``vlan_id``."""
    return field.replace("-", "_")


def from_router(kind, value):
    """A router value as a playbook would write it: booleans, numbers and lists typed by ``kind``."""
    if value is None:
        return None
    if kind == "bool":
        got = _values.bool_or_none(value)
        return value if got is None else got
    if kind == "int":
        text = str(value).strip()
        return int(text) if text.isdigit() else value
    if kind in ("set", "list"):
        return _values.parse_list(value)
    return value


def choice_value(option, value, choices, bool_words=None, where=None):
    """The value of an option that takes one of ``choices`` (RouterOS words), checked before anything is sent.

    YAML 1.1 reads a bare ``on``, ``off``, ``yes``, ``no``, ``true`` or ``false`` as a boolean, so
    ``tx_flow_control: off`` arrives as ``False``. With ``bool_words`` (the words for true and false, such as
    ``("on", "off")`` or ``("enabled", "disabled")``) a boolean, or one of those spellings as text when it is not
    itself a choice, becomes that word. Anything else that is not one of ``choices`` raises
    :class:`UserInputError` naming ``where``, the option and the allowed values.
    """
    if bool_words and not isinstance(value, bool) and isinstance(value, str) and value not in choices:
        low = value.strip().lower()
        if low in _values.TRUE_WORDS:
            value = True
        elif low in _values.FALSE_WORDS:
            value = False
    if isinstance(value, bool) and bool_words:
        return bool_words[0] if value else bool_words[1]
    if isinstance(value, str) and value in choices:
        return value
    allowed = ", ".join(choices)
    if bool_words:
        allowed += " (or true/false, also written bare as on/off or yes/no, for %s/%s)" % tuple(bool_words)
    raise UserInputError("%s%s is %r, which is not one of: %s" % ("%s: " % where if where else "", option, value,
                                                                  allowed))


# ---------------------------------------------------------------------------------------------------------
# Running the states


class Resource:
    """What a resource module supplies. Every method but :meth:`reads`'s session use is pure.

    - ``desired(config, state)`` -> list of :class:`planner.Desired` (validates the input, no router needed)
    - ``reads(state, desired)`` -> list of :class:`engine.Read` (one round trip)
    - ``current(rows)`` -> an object the other methods understand (rows per menu)
    - ``check(desired, current, state)``: raise :class:`UserInputError` for input the router would refuse;
      a reference to something the router does not have goes through :meth:`missing` (a warning in check mode)
    - ``plan_items(desired, current, state)`` -> list of (menu, desired, rows) for :func:`planner.plan_menu`
    - ``facts(current)`` -> list of config-shaped dicts (before, after, gathered)
    - ``parse(text)`` -> list of config-shaped dicts (parsed)
    """

    name = "resource"
    # Set by run_resource: in check mode a missing reference is a warning (collected in ``notes``), not an error.
    check_mode = False
    notes = ()

    def missing(self, message):
        """``message`` names something the entry needs that the router does not have (an interface). A real run
        fails before writing; check mode goes on, since a task before this one, which check mode did not apply,
        may create it (a VLAN and then its address)."""
        if not self.check_mode:
            raise MissingReference("%s; nothing was changed" % message)
        self.notes = list(self.notes) + [
            "%s (check mode goes on: an earlier task that check mode did not apply may create it; a real run fails "
            "here if it still does not exist)" % message]

    def desired(self, config, state):
        raise NotImplementedError

    def reads(self, state, desired):
        raise NotImplementedError

    def current(self, rows):
        raise NotImplementedError

    def check(self, desired, current, state):
        return None

    def plan_items(self, desired, current, state):
        raise NotImplementedError

    def facts(self, current):
        raise NotImplementedError

    def parse(self, text):
        raise NotImplementedError

    def render(self, desired):
        """The commands of state rendered (no router)."""
        return planner.render(desired).commands


class _Run(workflow.Adapter):
    """A resource module's state as the workflow's adapter: its reads, its planning, its return keys."""

    def __init__(self, ctx, resource, state, desired):
        self.ctx = ctx
        self.resource = resource
        self.state = state
        self.desired = desired
        self.header = resource.name

    def read(self, session):
        return self.resource.current(engine.read(session, self.resource.reads(self.state, self.desired)))

    def plan(self, current):
        resource = self.resource
        resource.check_mode = bool(self.ctx.check_mode)
        resource.notes = []
        resource.check(self.desired, current, self.state)
        plan = engine.Plan()
        for menu, wanted, rows in resource.plan_items(self.desired, current, self.state):
            plan.extend(planner.plan_menu(menu, wanted, rows, self.state))
        plan = plan.ordered()
        plan.warnings[:0] = resource.notes
        return plan

    def before(self, result, current, plan):
        result["before"] = self.resource.facts(current)
        result["commands"] = plan.commands

    def after(self, result, current):
        result["after"] = self.resource.facts(current)


def run_resource(ctx, resource):
    """Run ``ctx.params['state']`` for ``resource``; returns the module result (the states that change the router
    run the one workflow, :func:`workflow.converge`)."""
    params = ctx.params
    state = check_state_args(params)
    config = params.get("config")
    result = dict(changed=False)

    if state == "parsed":
        result["parsed"] = resource.parse(params["running_config"])
        return result
    if state == "rendered":
        desired = resource.desired(config, "merged")
        result["rendered"] = resource.render(desired)
        return result
    if state == "gathered":
        result["gathered"] = resource.facts(_Run(ctx, resource, state, []).read(ctx.session))
        return result
    return workflow.converge(ctx, _Run(ctx, resource, state, resource.desired(config or [], state)))
