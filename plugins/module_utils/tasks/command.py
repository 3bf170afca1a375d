# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run any API command: build its words from structured options, tell reads from writes, bound streams.

Used by the ``tikops.routeros.command`` module; nothing here knows about Ansible.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from time import monotonic

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import (
    MASK,
    RouterOSError,
    RouterTimeout,
    TrapError,
    UserInputError,
    is_secret,
    redact_data,
    redact_words,
)
from ansible_collections.tikops.routeros.plugins.module_utils.core.protocol import (
    ATTRIBUTE_NAME_RULE,
    ProtocolError,
    check_attribute_name,
    command_words,
)
from ansible_collections.tikops.routeros.plugins.module_utils.core.query import check_query_word, is_property_name
from ansible_collections.tikops.routeros.plugins.module_utils.core.verbs import is_read

# Commands that run until cancelled unless one of these arguments bounds them (by verb, or by whole command).
STREAM_BOUNDS = {
    "monitor": ("once", "duration"),
    "monitor-traffic": ("once", "duration"),
    "torch": ("once", "duration"),
    "ping": ("count",),
    "traceroute": ("count",),
    "/tool/sniffer/quick": ("duration",),
    "/tool/profile": ("duration",),
}
# Arguments that RouterOS takes without a value (``=once=``): true sends the bare flag, false leaves it out.
FLAG_ATTRIBUTES = frozenset(("once", "follow", "follow-only", "detail", "stats", "count-only", "without-paging",
                             "terse", "brief", "verbose", "value-list", "as-value", "without-defaults"))


def attribute_value(name, value):
    """A playbook value as the text RouterOS expects. ``True`` for a flag argument means the bare flag."""
    if isinstance(value, bool):
        if name in FLAG_ATTRIBUTES:
            return "" if value else None
        return "yes" if value else "no"
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)
    if isinstance(value, dict):
        raise UserInputError("attribute %r: a mapping is not a RouterOS value (give text, a number, a boolean or a "
                             "list)" % (name,))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _query_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def query_words(query):
    """Query words from the ``query`` option.

    A list gives words as they are, each with a ``?`` put in front when it has none
    (``["type=ether", "type=vlan", "#|"]``). A mapping is a conjunction: ``name: value`` is equal,
    ``name: [a, b]`` is any of the values, ``name: null`` means the field has no value.
    """
    if not query:
        return []
    if isinstance(query, str):
        query = [query]
    if isinstance(query, (list, tuple)):
        words = []
        for item in query:
            if not isinstance(item, str) or not item:
                raise UserInputError("query: every item of a query list is a query word such as '?name=ether1', "
                                     "not %r" % (item,))
            try:
                words.append(check_query_word(item if item.startswith("?") else "?" + item))
            except UserInputError as exc:
                raise UserInputError("query: %s" % exc)
        return words
    if isinstance(query, dict):
        words = []
        for name, value in query.items():
            if not is_property_name(name):
                raise UserInputError("query: %r is not a field name (%s); for operators such as ?#| give query as a "
                                     "list of words" % (name, ATTRIBUTE_NAME_RULE))
            if value is None:
                words.append("?-%s" % name)
            elif isinstance(value, (list, tuple)):
                if not value:
                    raise UserInputError("query: %r has an empty list of values" % (name,))
                words.extend("?%s=%s" % (name, _query_value(v)) for v in value)
                if len(value) > 1:
                    words.append("?#" + "|" * (len(value) - 1))
            else:
                words.append("?%s=%s" % (name, _query_value(value)))
        return words
    raise UserInputError("query must be a list of query words or a mapping of field to value, not %s"
                         % type(query).__name__)


class Request:
    """A command as words, with what it is: ``verb``, ``attrs`` (name -> text), ``is_read``, ``streams``."""

    def __init__(self, words, read_only=None):
        if not words or not isinstance(words[0], str) or not words[0].startswith("/"):
            raise UserInputError("the first word must be a command such as /ip/address/print, not %r"
                                 % (words[0] if words else None,))
        self.words = [w for w in words if not w.startswith(".tag=")]
        self.path = self.words[0].rstrip("/")
        self.verb = self.path.rsplit("/", 1)[-1]
        self.attrs = {}
        for word in self.words[1:]:
            if word.startswith("="):
                name, dummy, value = word[1:].partition("=")
                try:
                    check_attribute_name(name)
                except ProtocolError as exc:
                    raise UserInputError("%s: %s" % (self.words[0], exc))
                self.attrs[name] = value
        if read_only is None:
            self.is_read = is_read(self.path)
        else:
            self.is_read = bool(read_only)

    @property
    def streams(self):
        """True for commands that run until cancelled."""
        attrs = self.attrs
        if self.verb == "listen":
            return True
        bounds = STREAM_BOUNDS.get(self.path, STREAM_BOUNDS.get(self.verb))
        if bounds is not None and not any(name in attrs for name in bounds):
            return True
        return "follow" in attrs or "follow-only" in attrs

    def shown(self):
        """The words fit to show (secret values redacted)."""
        return redact_words(self.words)


def redact_params(params):
    """The module's parameters fit to show (as ``invocation``): secret values in ``attributes`` and ``words`` hidden."""
    shown = dict(params)
    attributes = shown.get("attributes")
    if isinstance(attributes, dict):
        shown["attributes"] = dict((name, MASK if is_secret(str(name)) and value is not None else value)
                                   for name, value in attributes.items())
    words = shown.get("words")
    if isinstance(words, (list, tuple)):
        shown["words"] = redact_words([str(w) for w in words])
    return shown


def build_request(params):
    """A :class:`Request` from the module options (``path``/``command``/... or ``words``)."""
    words = params.get("words")
    if words:
        mixed = [name for name in ("path", "command", "attributes", "query", "proplist") if params.get(name)]
        if mixed:
            raise UserInputError("words is the whole command: give it alone, without %s" % ", ".join(mixed))
        return Request([str(w) for w in words], params.get("read_only"))
    path = params.get("path")
    if not path:
        raise UserInputError("give path (and command), or words")
    verb = params.get("command") or "print"
    attributes = {}
    for name, value in (params.get("attributes") or {}).items():
        attributes[str(name)] = attribute_value(str(name), value)
    proplist = params.get("proplist") or None
    queries = query_words(params.get("query"))
    if queries and verb not in ("print", "getall"):
        raise UserInputError("query only applies to print and getall, not %s" % verb)
    if not path.startswith("/"):
        path = "/" + path
    try:
        words = command_words(path.replace(" ", "/"), verb, attributes, queries, proplist)
    except ProtocolError as exc:  # an attribute name that is not a RouterOS field name
        raise UserInputError("%s/%s: %s" % (path.rstrip("/"), verb, exc))
    return Request(words, params.get("read_only"))


def write_outcome(request, reopen):
    """After the connection failed with ``request`` (a write) sent and no reply: read the router back over a new
    session (``reopen()``) and tell whether the write took effect. Returns ``(outcome, detail)``: ``outcome`` is
    ``took effect``, ``did not take effect`` or ``unknown``."""
    from ansible_collections.tikops.routeros.plugins.module_utils.converge.engine import shows_values

    menu = request.path.rsplit("/", 1)[0]
    values = dict((k, v) for k, v in request.attrs.items() if not k.startswith(".") and k != "numbers")
    target = request.attrs.get(".id") or request.attrs.get("numbers")
    if request.verb not in ("add", "set", "remove") or (request.verb != "add" and not target) or reopen is None:
        return "unknown", "its outcome cannot be read back for this command"
    try:
        session = reopen()
        proplist = sorted(set([".id", "name"] + list(values)))
        rows = [dict(row) for row in session.send(menu, "print", proplist=proplist).result().rows]
    except RouterOSError as exc:
        return "unknown", "reading %s back over a new connection failed: %s" % (menu, exc)
    if request.verb == "add":
        if any(shows_values(row, values) for row in rows):
            return "took effect", "%s now holds an entry with the values it adds" % menu
        return "did not take effect", "%s holds no entry with the values it adds" % menu
    row = [r for r in rows if target in (r.get(".id"), r.get("name"))]
    if request.verb == "remove":
        if row:
            return "did not take effect", "%s still holds %s" % (menu, target)
        return "took effect", "%s no longer holds %s" % (menu, target)
    if not row:
        return "unknown", "%s no longer holds %s" % (menu, target)
    if shows_values(row[0], values):
        return "took effect", "%s %s shows the values it sets" % (menu, target)
    return "unknown", "%s %s does not show the values it sets" % (menu, target)


def run(params, check_mode, get_session, reopen=None):
    """Run the command of ``params``; returns the module result (with ``failed`` when the router refused it).

    ``get_session`` returns the session; it is called only when something is sent, so a write in check mode never
    connects. When the connection fails after a write was sent and before its reply, ``reopen`` (a callable that
    returns a new session) is used to read the router back: ``outcome`` then says whether the write took effect,
    and ``changed`` is true when it did.
    """
    request = build_request(params)
    max_rows = params.get("max_rows")
    duration = params.get("duration")
    if max_rows is not None and max_rows < 1:
        raise UserInputError("max_rows must be 1 or more, not %r" % (max_rows,))
    if duration is not None and duration <= 0:
        raise UserInputError("duration must be a positive number of seconds, not %r" % (duration,))
    if request.streams and max_rows is None and duration is None:
        raise UserInputError("%s runs until it is cancelled: give max_rows or duration (or both) to bound it"
                             % " ".join(request.shown()))
    result = dict(changed=not request.is_read, command=request.shown(), rows=[], ret=None, done={},
                  sent=False, cancelled=False, stopped=None)
    if check_mode and not request.is_read:
        result["msg"] = ("check mode: %s was not sent, as it may change the router (set read_only: true if it does not)"
                         % request.verb)
        return result
    session = get_session()  # an unreachable router fails here, before anything is sent
    try:
        if max_rows is None and duration is None:
            res = session.send_words(request.words).result()
            rows, done = res.rows, res.done
        else:
            rows, done, stopped = _bounded(session, request, max_rows, duration)
            result["stopped"] = stopped
            result["cancelled"] = stopped is not None and done is None
            done = done or {}
    except TrapError as exc:
        first = exc.traps[0] if exc.traps else {}
        shown = TrapError(exc.traps, request.words)  # the message without the tag our session added
        result.update(failed=True, changed=False, sent=True, msg=str(shown), message=exc.message, category=exc.category,
                      category_name=TrapError.CATEGORIES.get(exc.category) if exc.category is not None else None,
                      traps=redact_data(exc.traps), router_message=first.get("message"))
        return result
    except (UserInputError, ProtocolError):
        raise
    except RouterOSError as exc:
        if request.is_read:
            raise
        outcome, detail = write_outcome(request, reopen)
        result.update(failed=True, sent=True, changed=outcome == "took effect", outcome=outcome,
                      msg="the connection to the router was lost after %s was sent and before its reply (%s); %s: %s"
                      % (" ".join(request.shown()[:1]), exc, "it " + outcome if outcome != "unknown"
                         else "its outcome is unknown", detail))
        return result
    # the !done attributes (ret) with the values of secret fields hidden; rows get the same in the one pass over the
    # whole result that every module's result gets (plugin_utils/action.py, module_utils/tasks/runner.py)
    done = redact_data(done)
    result.update(sent=True, rows=rows, done=done, ret=done.get("ret"))
    return result


def _bounded(session, request, max_rows, duration):
    """Read rows until ``max_rows`` or ``duration`` (seconds) is reached, then cancel the command on the router.

    Returns ``(rows, done, stopped)``: ``done`` is the ``!done`` attributes when the command finished by itself
    (then ``stopped`` is None), else ``None``, and ``stopped`` says which bound ended it.
    """
    cmd = session.send_words(request.words)
    base_timeout = cmd.timeout
    deadline = monotonic() + duration if duration is not None else None
    rows = []
    stopped = None
    iterator = iter(cmd)
    try:
        while True:
            if max_rows is not None and len(rows) >= max_rows:
                stopped = "max_rows"
                break
            if deadline is not None:
                remaining = deadline - monotonic()
                if remaining <= 0:
                    stopped = "duration"
                    break
                cmd.timeout = min(remaining, base_timeout) if max_rows is not None else remaining
            try:
                rows.append(next(iterator))
            except StopIteration:
                return rows, (cmd.done or {}), None
            except RouterTimeout:
                if deadline is not None and monotonic() < deadline:
                    iterator = iter(cmd)  # the wait was only bounded by the session timeout: keep going
                    continue
                if deadline is not None:
                    stopped = "duration"
                    break
                raise RouterTimeout("%s: no row within %ss (rows so far: %d of max_rows %d); add duration to wait "
                                    "longer" % (" ".join(request.shown()), base_timeout, len(rows), max_rows))
    finally:
        cmd.timeout = base_timeout
        if not cmd.finished:
            cmd.cancel()
    return rows, None, stopped
