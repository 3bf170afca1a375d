# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Client-side telemetry: what one task did with its router session, as events and as counts.

A :class:`Telemetry` is a session observer (``session.observer = telemetry``). The session calls it at four
points: a command is registered (``started``), bytes are written (``sent``), bytes are read (``received``, which
also times the wait), and the caller gets a command's outcome (``finished``). Nothing else is kept, so the cost
is a few attribute look-ups per command and per read.

It is made where the task runs, never in the session broker: the worker process of one task and host (the action
plugins), or the module process ``gather_facts`` starts from that worker (``runner.py``). So every event belongs
to the task and host that sent the command, although the broker multiplexes many of them on one router session.

Events (JSON objects, one a line, in the file the user names with ``telemetry_file``), modelled on the
start/stop/exception events of other RouterOS clients, stop and exception only (the start is ``ts`` minus
``duration_ms``)::

    connection.stop / connection.exception   a login (or an attach to a kept session that logged in)
    command.stop / command.exception         one command: path, command, attribute names, query count, rows,
                                             duration, outcome: done, empty, trap, error, stopped (the caller
                                             stopped reading a stream and cancelled it), sent (a /cancel),
                                             unfinished (no outcome by the end of the task)
    task.stop                                the task's counts (see COUNTERS)

No event holds a value sent to or read from the router: attribute and query values are left out (names only),
a trap message has the values of secret attributes (``errors.is_secret``) of its command masked in every form a
router may echo them (``errors.mask_values``), and
login failures carry our own messages, which never hold the password.

The ``tikops.routeros.api_stats`` callback collects the ``task.stop`` counts of every task through a spool file
it names in the ``TIKOPS_ROUTEROS_STATS_SPOOL`` environment variable of ansible-playbook; workers (forks) and
their module processes inherit it and append to it. :func:`aggregate` sums them per host.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import errno
import json
import os
import stat
import time
from time import monotonic

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError, is_secret, mask_values
from ansible_collections.tikops.routeros.plugins.module_utils.core.verbs import is_read

ENV_SPOOL = "TIKOPS_ROUTEROS_STATS_SPOOL"
# Set by the connection plugin in a task's worker for the module process gather_facts starts (runner.py).
ENV_CONTEXT = "TIKOPS_ROUTEROS_TELEMETRY"

COUNTERS = ("logins", "commands", "round_trips", "rows", "bytes_out", "bytes_in", "wait_ms", "writes", "traps",
            "errors")
REDACTED = "********"


def split_command(word):
    """``/ip/address/print`` -> (``/ip/address``, ``print``)."""
    word = word.decode("utf-8", "backslashreplace") if isinstance(word, (bytes, bytearray)) else str(word)
    sep = word.rfind("/")
    if sep < 0:
        return word, ""
    return word[:sep] or "/", word[sep + 1:]


def describe_words(words):
    """(path, command, attribute names, query count, secret values) of a command's words; values are not kept,
    except the secret ones, returned only so that a trap message can be cleaned of them."""
    path, command = split_command(words[0]) if words else ("", "")
    names = []
    queries = 0
    secrets = []
    for word in words[1:]:
        text = word.decode("utf-8", "backslashreplace") if isinstance(word, (bytes, bytearray)) else word
        if text[:1] == "=":
            sep = text.find("=", 1)
            name = text[1:sep] if sep > 0 else text[1:]
            names.append(name)
            if sep > 0 and text[sep + 1:] and is_secret(name):
                secrets.append(text[sep + 1:])
        elif text[:1] == "?":
            queries += 1
    return path, command, names, queries, secrets


def sentence_size(words):
    """The bytes ``words`` take on the wire (length prefixes and the empty word that ends a sentence included)."""
    total = 1
    for word in words:
        size = len(word.encode("utf-8")) if isinstance(word, str) else len(word)
        total += size + (1 if size < 0x80 else 2 if size < 0x4000 else 3 if size < 0x200000 else
                         4 if size < 0x10000000 else 5)
    return total


def clean_message(message, secrets):
    """``message`` with every secret value masked, as it is or escaped (longest first, so a value inside another goes
    too)."""
    return mask_values(str(message), secrets)


def new_counts():
    return dict((name, 0) for name in COUNTERS)


class Telemetry:
    """The observer of one task's session(s).

    ``context``: ``host``, ``task``, ``task_uuid`` (put in every event). ``path``: the user's JSON lines file (or
    None). ``spool``: the api_stats callback's spool (or None). ``show``: a function that shows a line at -vvvv
    (or None).
    """

    def __init__(self, context=None, path=None, spool=None, show=None):
        self.context = dict((k, v) for k, v in (context or {}).items() if v is not None)
        self.context["pid"] = os.getpid()
        self.path = path or None
        self.spool = spool or None
        self.show = show
        self.counts = new_counts()
        self.events = []  # kept only when nothing else wants them (tests, callers reading them back)
        self.keep = not (self.path or self.spool or self.show)
        self._started = {}
        self._fd = None
        self._sessions = []
        self._closed = False
        if self.path:
            self._fd = open_own_file(self.path, "telemetry_file")

    # -- the session's hook -------------------------------------------------------------------------------

    def attach(self, session):
        """Observe ``session`` from now on (its login, if any, is counted by :meth:`login`)."""
        if session is not None and session not in self._sessions:
            session.observer = self
            self._sessions.append(session)
        return session

    def started(self, cmd):
        if cmd.internal:  # a /cancel: sent, never collected by anybody
            self._command_event(cmd, 0, 0.0, "sent")
        else:
            self._started[cmd] = monotonic()

    def sent(self, nbytes):
        counts = self.counts
        counts["round_trips"] += 1
        counts["bytes_out"] += nbytes

    def received(self, recv, size):
        start = monotonic()
        try:
            data = recv(size)
        finally:
            self.counts["wait_ms"] += (monotonic() - start) * 1000.0
        if data:
            self.counts["bytes_in"] += len(data)
        return data

    def finished(self, cmd, rows):
        start = self._started.pop(cmd, None)
        if start is None:
            return  # internal, or reported already
        self._command_event(cmd, rows, monotonic() - start, None if cmd.finished else "stopped")

    def stream(self, cmd, rows):
        """Iterate ``rows`` (a command's stream) counting them; report when it ends or the caller stops."""
        count = 0
        try:
            for row in rows:
                count += 1
                yield row
        finally:
            self.finished(cmd, count)

    # -- events -------------------------------------------------------------------------------------------

    def _command_event(self, cmd, rows, seconds, outcome=None):
        counts = self.counts
        words = cmd.words
        path, command, names, queries, secrets = describe_words([w for w in words if not _is_tag(w)])
        counts["commands"] += 1
        counts["rows"] += rows
        if not is_read((path.rstrip("/") + "/" + command) if path else command):
            counts["writes"] += 1
        event = {"path": path, "command": command, "attributes": names, "queries": queries, "rows": rows,
                 "bytes_out": sentence_size(words),
                 "tag": cmd.tag if isinstance(cmd.tag, str) else bytes(cmd.tag).decode("ascii", "replace"),
                 "duration_ms": round(seconds * 1000.0, 3)}
        if outcome is None:
            if cmd.error is not None:
                outcome = "error"
            elif cmd.traps:
                outcome = "trap"
            elif cmd.cancelled:
                outcome = "cancelled"
            elif cmd.empty:
                outcome = "empty"
            else:
                outcome = "done"
        event["outcome"] = outcome
        if outcome == "error":
            counts["errors"] += 1
            event["message"] = clean_message(cmd.error, secrets)
        elif outcome == "trap":
            counts["traps"] += 1
            event["message"] = clean_message("; ".join(t.get("message", "") for t in cmd.traps), secrets)
            if cmd.traps[0].get("category") is not None:
                event["category"] = cmd.traps[0]["category"]
        self.emit("command.exception" if outcome in ("error", "trap") else "command.stop", event)
        if self.show is not None:
            self.show("ROUTEROS: %s/%s%s %s, %d row%s, %.1f ms%s" % (
                path.rstrip("/"), command, " (%s)" % ", ".join(names) if names else "", outcome, rows, "" if rows == 1 else "s",
                seconds * 1000.0, ": %s" % event["message"] if "message" in event else ""))

    def login(self, seconds, where=None, method=None, fresh=True, error=None):
        """A login (``fresh``), an attach to a session that was logged in already (not ``fresh``), or a failed
        one (``error``: the exception; its message never holds the password)."""
        event = {"where": where, "duration_ms": round(seconds * 1000.0, 3), "login": bool(fresh)}
        if method:
            event["method"] = method
        if error is not None:
            event["message"] = str(error)
            self.emit("connection.exception", event)
            return
        if fresh:
            self.counts["logins"] += 1
        self.emit("connection.stop", event)

    def emit(self, name, fields):
        event = {"event": name, "ts": round(time.time(), 6)}
        event.update(self.context)
        event.update(fields)
        if self.keep:
            self.events.append(event)
        if self._fd is not None:
            _append(self._fd, [event])

    def summary(self):
        counts = dict(self.counts)
        counts["wait_ms"] = round(counts["wait_ms"], 3)
        return counts

    def close(self):
        """End of the task: report commands that never got an outcome, count a re-login after a drop, write the
        ``task.stop`` counts (to the file and the spool), detach from the sessions. Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        for session in self._sessions:
            if getattr(session, "retried", False) and getattr(session, "fresh", False):
                self.login(0.0, getattr(session, "where", None), getattr(session, "login_method", None))
            if getattr(session, "observer", None) is self:
                session.observer = None
        for cmd, start in list(self._started.items()):
            self._started.pop(cmd, None)
            self._command_event(cmd, 0, monotonic() - start, "cancelled" if cmd.cancelled else "unfinished")
        record = {"event": "task.stop", "ts": round(time.time(), 6)}
        record.update(self.context)
        record.update(self.summary())
        if self.keep:
            self.events.append(record)
        if self._fd is not None:
            _append(self._fd, [record])
            os.close(self._fd)
            self._fd = None
        if self.spool:
            try:
                fd = os.open(self.spool, os.O_WRONLY | os.O_APPEND)
            except OSError:
                return  # the run that made the spool is gone: nobody to report to
            try:
                _append(fd, [record])
            finally:
                os.close(fd)


def open_own_file(path, option):
    """``path`` opened to append, created 0600 if missing; never through a symbolic link (O_NOFOLLOW), never a file
    that is not a regular one (a FIFO would block) or that another user owns (their file is not ours to write)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags, 0o600)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if exc.errno == errno.ELOOP or os.path.islink(path):
            reason = "it is a symbolic link; name the file itself"
        elif os.path.exists(path) and not os.path.isfile(path):
            reason = "it is not a regular file"
        raise UserInputError("cannot write the telemetry file %s (%s): %s" % (path, option, reason))
    try:
        info = os.fstat(fd)
        problem = None
        if not stat.S_ISREG(info.st_mode):
            problem = "it is not a regular file"
        elif hasattr(os, "geteuid") and info.st_uid != os.geteuid():
            problem = "it belongs to another user (uid %d)" % info.st_uid
        if problem:
            raise UserInputError("cannot write the telemetry file %s (%s): %s" % (path, option, problem))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _is_tag(word):
    return (word[:5] if isinstance(word, str) else bytes(word[:5]).decode("latin-1")) == ".tag="


def _append(fd, records):
    """One write per call, to a file opened with O_APPEND: lines of concurrent writers do not interleave."""
    data = "".join(json.dumps(r, sort_keys=True, default=str) + "\n" for r in records).encode("utf-8")
    try:
        os.write(fd, data)
    except OSError:
        pass  # telemetry never fails a task


def worker_context(environ=None):
    """What the worker told the module process it starts (``ENV_CONTEXT``: host, task, telemetry file, login, the
    connection's ``max_in_flight``), as a dict; empty when it told nothing readable."""
    raw = (os.environ if environ is None else environ).get(ENV_CONTEXT)
    try:
        context = json.loads(raw) if raw else {}
    except ValueError:
        context = {}
    return context if isinstance(context, dict) else {}


def from_environment(environ=None):
    """The :class:`Telemetry` a module process gets from its worker (``ENV_CONTEXT``) and the api_stats callback
    (``ENV_SPOOL``), or None when nobody asked for telemetry. Raises :class:`UserInputError` when the telemetry
    file cannot be written."""
    environ = os.environ if environ is None else environ
    spool = environ.get(ENV_SPOOL) or None
    context = worker_context(environ)
    context.pop("max_in_flight", None)  # a connection setting, not a field of the events
    path = context.pop("path", None)
    login = context.pop("login", None)
    if not (spool or path):
        return None
    telemetry = Telemetry(context, path=path, spool=spool)  # UserInputError when the file cannot be written
    if isinstance(login, dict):
        telemetry.login(float(login.get("seconds") or 0.0), login.get("where"), login.get("method"),
                        fresh=bool(login.get("fresh")))
    return telemetry


# ---------------------------------------------------------------------------------------------------------
# Aggregation (the api_stats callback)


def aggregate(records):
    """Sum ``task.stop`` records per host: {host: counts}. Other records and broken lines are skipped."""
    hosts = {}
    for record in records:
        if not isinstance(record, dict) or record.get("event") != "task.stop":
            continue
        host = record.get("host") or "?"
        counts = hosts.setdefault(host, new_counts())
        for name in COUNTERS:
            value = record.get(name)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                counts[name] += value
        counts["tasks"] = counts.get("tasks", 0) + 1
    for counts in hosts.values():
        counts["wait_ms"] = round(counts["wait_ms"], 3)
    return hosts


def read_records(path):
    """The JSON objects of a JSON lines file; lines that do not parse are skipped."""
    records = []
    try:
        with open(path, "rb") as handle:
            for line in handle:
                line = line.strip()
                if not line:
                    continue
                try:
                    records.append(json.loads(line.decode("utf-8")))
                except ValueError:
                    continue
    except OSError:
        pass
    return records


def format_counts(host, counts, width=0):
    """One line of the api_stats report."""
    return ("%-*s : logins=%d commands=%d round_trips=%d rows=%d bytes=%d (out %d, in %d) wait=%.3fs writes=%d"
            % (width, host, counts["logins"], counts["commands"], counts["round_trips"], counts["rows"],
               counts["bytes_out"] + counts["bytes_in"], counts["bytes_out"], counts["bytes_in"],
               counts["wait_ms"] / 1000.0, counts["writes"])
            + (" traps=%d" % counts["traps"] if counts.get("traps") else "")
            + (" errors=%d" % counts["errors"] if counts.get("errors") else ""))
