# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared plumbing of the resource modules (interfaces, ip_addresses, ...).

States and return keys follow Ansible's network resource modules: ``merged`` (default), ``replaced``,
``overridden``, ``deleted`` act on the router and return ``before``, ``commands`` and, when commands were
sent, ``after``; ``gathered`` returns ``gathered``; ``rendered`` returns ``rendered`` and ``parsed`` returns
``parsed``, and those two never open a connection.

A module describes its resource with a :class:`Resource` subclass; :func:`run_resource` runs the states.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re

from ansible_collections.tikops.routeros.plugins.module_utils.converge import engine
from ansible_collections.tikops.routeros.plugins.module_utils.core import values as _values
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import RouterOSError, UserInputError

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
        got = engine.parse_bool(value)
        return value if got is None else got
    if kind == "int":
        text = str(value).strip()
        return int(text) if text.isdigit() else value
    if kind in ("set", "list"):
        return engine.split_list(value)
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
# The RouterOS /export format, for state parsed


VERBS = ("add", "set", "remove", "unset", "enable", "disable", "move", "print")
# Between the words of a line. Only a newline ends a line (\n, or \r\n): U+2028, \x85, \x0b, \x1c and the other
# characters Python's str.splitlines() also breaks at are text, as they are to RouterOS.
_BLANKS = " \t"
_PLAIN_RUN = re.compile(r'[^ \t\[\]"]+')
_QUOTED_RUN = re.compile(r'[^"\\]+')
_HEX_PAIR = re.compile(r"[0-9A-Fa-f]{2}")


def _logical_lines(text):
    r"""(number, line): physical lines (ended by \n or \r\n only) joined where they end with a backslash that is not
    itself escaped (the export's line wrapping, inside a quoted value too), the continuation's indent dropped;
    comments and blank lines dropped. ``number`` is the physical line the logical one starts on."""
    buf = None
    first = None
    for number, raw in enumerate(text.split("\n"), 1):
        if raw.endswith("\r"):
            raw = raw[:-1]
        part = raw.strip(_BLANKS)
        if buf is None and (not part or part.startswith("#")):
            continue
        if (len(part) - len(part.rstrip("\\"))) % 2 == 1:
            if buf is None:
                buf, first = "", number
            buf += part[:-1]
            continue
        yield (number if buf is None else first), (buf or "") + part
        buf = None
    if buf:
        yield first, buf


def _utf8(text):
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that stands for no byte
        return text.encode("utf-8", "surrogatepass")


def _quoted(line, i, out):
    r"""Read the quoted value that starts after the quote at ``line[i - 1]`` into ``out`` (bytes: escapes resolved,
    ``\HH`` a byte); returns the index after the closing quote."""
    n = len(line)
    while i < n:
        run = _QUOTED_RUN.match(line, i)
        if run:
            out += _utf8(run.group())
            i = run.end()
            continue
        if line[i] == '"':
            return i + 1
        if i + 1 >= n:  # a backslash that ends the line
            break
        nxt = line[i + 1]
        if nxt in _values.CONSOLE_ESCAPES:
            out += _values.CONSOLE_ESCAPES[nxt].encode("utf-8")
            i += 2
        elif _HEX_PAIR.match(line, i + 1):
            out.append(int(line[i + 1:i + 3], 16))
            i += 3
        else:  # an escape RouterOS does not define: the character itself
            out += _utf8(nxt)
            i += 2
    raise UserInputError("unterminated quoted value in %r" % line)


def _tokens(line):
    r"""Split one export line into words; quoted values are unquoted and unescaped (``\C3\A9`` is the byte C3: the
    bytes of a word are read as UTF-8, see :func:`values.console_text`); ``[ find ... ]`` is one token (a list of
    the inner tokens)."""
    out = []
    i = 0
    n = len(line)
    stack = [out]
    while i < n:
        c = line[i]
        if c in _BLANKS:
            i += 1
            continue
        if c == "[":
            inner = []
            stack[-1].append(inner)
            stack.append(inner)
            i += 1
            continue
        if c == "]":
            if len(stack) == 1:
                raise UserInputError("unbalanced ] in %r" % line)
            stack.pop()
            i += 1
            continue
        word = bytearray()
        while i < n:
            run = _PLAIN_RUN.match(line, i)
            if run:
                word += _utf8(run.group())
                i = run.end()
            elif line[i] == '"':
                i = _quoted(line, i + 1, word)
            else:
                break
        stack[-1].append(_values.console_text(word))
    if len(stack) != 1:
        raise UserInputError("unbalanced [ in %r" % line)
    return out


def _pairs(tokens):
    attrs = {}
    positional = []
    for tok in tokens:
        if isinstance(tok, list):
            positional.append(tok)
        elif "=" in tok:
            name, value = tok.split("=", 1)
            raw = getattr(tok, "raw", None)  # not UTF-8 (values.console_text): the value keeps its own bytes
            attrs[name] = value if raw is None else _values.console_text(raw.split(b"=", 1)[1])
        else:
            positional.append(tok)
    return attrs, positional


def parse_export(text):
    """Commands of a RouterOS ``/export`` (or of our ``rendered`` commands, or a mix).

    Returns a list of dicts: ``path`` (``/ip/address``), ``verb``, ``attrs`` (field -> text), ``find``
    (field -> text from ``[ find a=b ]`` or ``[ find where a=b and c=d ]``), ``positional`` (other words,
    e.g. an item named by itself in ``set ether1 ...``). Lines of other verbs are returned too; callers pick.
    """
    commands = []
    section = None
    for number, line in _logical_lines(text):
        tokens = _tokens(line)
        if not tokens:
            continue
        head = tokens[0]
        rest = tokens[1:]
        if isinstance(head, str) and head.startswith("/"):
            parts = [p for p in head.split("/") if p]
            while rest and isinstance(rest[0], str) and "=" not in rest[0] and rest[0] not in VERBS:
                parts.append(rest[0])
                rest = rest[1:]
            if parts and parts[-1] in VERBS and not (rest and isinstance(rest[0], str) and rest[0] in VERBS):
                verb = parts.pop()
                section = "/" + "/".join(parts)
                tokens = [verb] + rest
            else:
                section = "/" + "/".join(parts)
                tokens = rest
            if not tokens:
                continue
        if section is None:
            raise UserInputError("running_config line %d: %r comes before any /menu line" % (number, line))
        verb = tokens[0]
        if not isinstance(verb, str) or verb not in VERBS:
            raise UserInputError("running_config line %d: unknown command %r in %s" % (number, verb, section))
        attrs, positional = _pairs(tokens[1:])
        find = {}
        others = []
        for pos in positional:
            if isinstance(pos, list) and pos and pos[0] == "find":
                words = [w for w in pos[1:] if isinstance(w, str) and w not in ("where", "and")]
                find.update(_pairs(words)[0])
            else:
                others.append(pos)
        commands.append(dict(path=section, verb=verb, attrs=attrs, find=find, positional=others, line=number))
    return commands


def parse_running_config(text):
    """``running_config`` is RouterOS export text, or the JSON list that ``gathered`` returns.

    Returns ("export", commands) or ("list", entries)."""
    stripped = text.strip()
    if stripped.startswith("["):
        try:
            data = json.loads(stripped)
        except ValueError as exc:
            raise UserInputError("running_config starts with [ but is not a JSON list: %s" % exc)
        if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
            raise UserInputError("running_config as JSON must be a list of objects, as gathered returns")
        return "list", data
    return "export", parse_export(text)


# ---------------------------------------------------------------------------------------------------------
# Running the states


class Resource:
    """What a resource module supplies. Every method but :meth:`reads`'s session use is pure.

    - ``desired(config, state)`` -> list of :class:`engine.Desired` (validates the input, no router needed)
    - ``reads(state, desired)`` -> list of :class:`engine.Read` (one round trip)
    - ``current(rows)`` -> an object the other methods understand (rows per menu)
    - ``check(desired, current, state)``: raise :class:`UserInputError` for input the router would refuse;
      a reference to something the router does not have goes through :meth:`missing` (a warning in check mode)
    - ``plan_items(desired, current, state)`` -> list of (menu, desired, rows) for :func:`engine.plan`
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
        return engine.render(desired).commands


def _read_current(ctx, resource, state, desired):
    rows = engine.read(ctx.session, resource.reads(state, desired))
    return resource.current(rows)


def run_resource(ctx, resource):
    """Run ``ctx.params['state']`` for ``resource``; returns the module result."""
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
        current = _read_current(ctx, resource, state, [])
        result["gathered"] = resource.facts(current)
        return result

    desired = resource.desired(config or [], state)
    current = _read_current(ctx, resource, state, desired)
    resource.check_mode = bool(ctx.check_mode)
    resource.notes = []
    resource.check(desired, current, state)
    plan = engine.Plan()
    for menu, wanted, rows in resource.plan_items(desired, current, state):
        plan.extend(engine.plan_menu(menu, wanted, rows, state))
    plan = plan.ordered()
    for note in resource.notes:
        ctx.warn(note)
    for warning in plan.warnings:
        ctx.warn(warning)
    result["before"] = resource.facts(current)
    result["commands"] = plan.commands
    result["changed"] = bool(plan)
    if ctx.diff and plan:
        result["diff"] = plan.diff(header=resource.name)
    if not plan or ctx.check_mode:
        return result
    try:
        engine.apply_plan(ctx.session, plan, reopen=getattr(ctx, "reopen", None))
    except engine.ApplyError as exc:
        result.update(exc.as_result())
        result["changed"] = bool(exc.applied)
        result["failed"] = True
        result["msg"] = str(exc)
        return result
    try:
        result["after"] = resource.facts(engine.read_back(
            ctx, lambda session: resource.current(engine.read(session, resource.reads(state, desired)))))
    except RouterOSError as exc:  # every write took effect: the task changed the router, whatever the read says
        ctx.warn("every change was applied, but reading the router back afterwards failed: %s" % exc)
    return result
