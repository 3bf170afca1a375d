# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The shared action base: run a module's ``run(ctx)`` in the worker, on the controller, with no AnsiballZ.

Each ``plugins/action/<name>.py`` is::

    from ansible_collections.tikops.routeros.plugins.modules import command as module
    from ansible_collections.tikops.routeros.plugins.plugin_utils.action import RouterOSAction


    class ActionModule(RouterOSAction):
        module = module

The module file provides ``ARGUMENT_SPEC`` and ``run(ctx)``; optionally ``MODULE_KWARGS`` (the AnsibleModule
keywords its ``main()`` passes to ``runner.module_main``: ``mutually_exclusive``, ``required_together``,
``required_one_of``, ``required_if``, ``required_by``, ``supports_check_mode``).

The task's arguments are validated against ``ARGUMENT_SPEC`` plus the connection options
(``options.MODULE_CONNECTION_SPEC``) exactly as AnsibleModule would. The session comes from the
``tikops.routeros.api`` connection (its kept session), or, when the task gives ``hostname`` or runs over another
connection (``connection: local`` with ``module_defaults``), from those explicit options (kept by the broker too,
unless persistence is turned off). Failures are Ansible's: an unreachable router makes the host UNREACHABLE,
refused credentials fail the task with a message that never holds the password, router errors fail it with the
router's message, category and command.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import gc
import json
import os
import sys
import time

import yaml
from ansible.errors import AnsibleActionFail, AnsibleError
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.common.parameters import remove_values
from ansible.module_utils.errors import UnsupportedError
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import (
    ConnectError,
    RouterOSError,
    RouterTimeout,
    UserInputError,
    redact_data,
    redact_running_config,
)
from ansible_collections.tikops.routeros.plugins.module_utils.api.options import (
    MAX_IN_FLIGHT_LIMIT,
    ConnectionParams,
)
from ansible_collections.tikops.routeros.plugins.module_utils.api.persist import BrokerError, attach, code_id, drop
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import ReplyTooLarge, Session
from ansible_collections.tikops.routeros.plugins.module_utils.api.telemetry import ENV_SPOOL, Telemetry
from ansible_collections.tikops.routeros.plugins.module_utils.tasks import runner
from ansible_collections.tikops.routeros.plugins.plugin_utils import bytecode

display = Display()
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

TRANSPORT = "tikops.routeros.api"


def _warm_up():
    """Load the connection plugin (its code and its option definitions) now.

    The strategy loads action plugin classes in the main ansible-playbook process, and every task's worker is a
    fork of it; ansible-core compiles collection code from source on every import (no .pyc) and parses each
    plugin's DOCUMENTATION when it is first loaded. Done here, in the parent, that work is inherited by every
    worker instead of being repeated by each task (tens of milliseconds per task otherwise).
    """
    if not bytecode.installed() and "AnsibleCollection" not in type(globals().get("__loader__")).__name__:
        return  # imported outside ansible-core (unit tests): nothing to inherit
    try:
        from ansible import constants as C
        from ansible.plugins.loader import connection_loader, get_shell_plugin

        connection_loader.get(TRANSPORT, class_only=True)
        # every connection instance loads a shell plugin (sh): load it here too, once
        get_shell_plugin(executable=C.DEFAULT_EXECUTABLE)
        # what every task's session asks for: the codecs of the default encoding and its fallbacks (each an import
        # of its own), and the digest of the session code that every attach to the broker carries
        import codecs

        for name in ("utf-8", "cp1252", "latin-1"):
            codecs.lookup(name)
        code_id()
    except Exception:  # pylint: disable=broad-except
        pass  # only an optimisation: the worker loads it anyway


_warm_up()
# The process that loaded this module: ansible-playbook itself; each task's worker is a fork of it (another pid).
_LOADED_IN = os.getpid()


@contextlib.contextmanager
def worker_gc():
    """Python's cyclic garbage collector kept out of a task that runs in a forked worker.

    A worker starts with every object of ansible-playbook (hundreds of thousands), and a menu task of 100,000
    entries builds millions more (rows, entries, plans, the result); each full collection walks all of them, and
    the first one also writes to every inherited page, which copies it out of the memory the worker shares with
    ansible-playbook. Such collections took a third of a 100,000-entry task's time and find nothing: rows and entries
    are plain dicts and strings, freed by reference counting. So in a worker, the inherited objects are set aside
    (``gc.freeze()``: never walked again) and automatic collection is off while the task runs; what the task keeps
    is set aside as well when it ends, and collection is back on for ansible-core's own work. A worker ends with
    its task, so cyclic garbage of the task (rare) lasts until then at most. Outside a worker (an action run in the
    process that loaded it, as unit tests do) nothing changes."""
    if os.getpid() == _LOADED_IN:
        yield
        return
    enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


VALIDATOR_KWARGS = ("mutually_exclusive", "required_together", "required_one_of", "required_if", "required_by")


class SessionUnavailable(ConnectError):
    """The router could not be reached to open the session (the host is unreachable when it is the task's first
    session; a module reading back its writes over a new session reports the writes' outcome instead)."""


def module_spec(module):
    """The module's argument spec with the connection options added."""
    return runner.module_spec(module.ARGUMENT_SPEC)


_VALIDATORS = {}


def validator_for(module):
    """The module's ArgumentSpecValidator (its spec plus the connection options, and its MODULE_KWARGS rules), built
    once per module: in ansible-playbook's process when the action class is defined, so that every task's worker
    inherits it. A validator keeps no state between validate() calls."""
    validator = _VALIDATORS.get(id(module))
    if validator is None or validator[0] is not module:
        kwargs = getattr(module, "MODULE_KWARGS", None) or {}
        validator = _VALIDATORS[id(module)] = (module, ArgumentSpecValidator(
            module_spec(module), **dict((k, kwargs[k]) for k in VALIDATOR_KWARGS if kwargs.get(k))))
    return validator[1]


def error_result(exc):
    """A failed result for a RouterOSError raised by a module's run()."""
    return dict(failed=True, **runner.failure(exc))


# What run(ctx) gets in the worker: the one context of every module, whichever way it runs.
ActionContext = runner.TaskContext


# A src file is read whole: its size and, for YAML, the number of nodes its aliases expand to are bounded, so that
# a small file of nested aliases (a "billion laughs") cannot keep a worker growing for minutes.
MAX_SRC_BYTES = 256 * 1024 * 1024
MAX_YAML_NODES = 5000000


def _yaml_nodes(text, name, option):
    """Count the nodes ``text`` expands to (an alias counts as the whole node it names); refuse past the limit."""
    sizes = {}
    stack = [[None, 0]]
    total = 0
    for event in yaml.parse(text, Loader=_YAML_LOADER):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            stack.append([event.anchor, 0])
            continue
        if isinstance(event, yaml.ScalarEvent):
            anchor, size, added = event.anchor, 1, 1
        elif isinstance(event, yaml.AliasEvent):
            anchor, size = None, sizes.get(event.anchor, 1)
            added = size
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            anchor, count = stack.pop()
            size, added = count + 1, 1
        else:
            continue
        if anchor is not None:
            sizes[anchor] = size
        stack[-1][1] += size
        total += added
        if total > MAX_YAML_NODES:
            raise UserInputError("%s: %s expands to more than %d YAML nodes through its aliases (*name); write the "
                                 "entries out, or use JSON" % (option, name, MAX_YAML_NODES))


def load_data_file(raw, name, option="src"):
    """The data of a JSON or YAML file (``raw`` bytes), or a UserInputError naming the file, line and column."""
    if len(raw) > MAX_SRC_BYTES:
        raise UserInputError("%s: %s is larger than %d MiB" % (option, name, MAX_SRC_BYTES // (1024 * 1024)))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UserInputError("%s: %s is not UTF-8 text (byte %d)" % (option, name, exc.start))
    from ansible_collections.tikops.routeros.plugins.module_utils.menu import export_in
    if export_in.is_export(text, name):  # a RouterOS export (.rsc): the module reads it into menus
        return export_in.ExportText(text, os.path.basename(name))
    try:
        if text.lstrip()[:1] in ("[", "{"):
            try:
                return json.loads(text)
            except ValueError:
                pass  # YAML flow style ([{a: 1}]) is not JSON: YAML reads it, or names where it is wrong
        try:
            if "*" in text:  # aliases: bound what they expand to before building anything
                _yaml_nodes(text, name, option)
            return yaml.load(text, Loader=_YAML_LOADER)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = " at line %d, column %d" % (mark.line + 1, mark.column + 1) if mark is not None else ""
            raise UserInputError("%s: %s is not valid YAML%s: %s" % (
                option, name, where, getattr(exc, "problem", None) or exc))
    except RecursionError:
        raise UserInputError("%s: %s nests lists and mappings too deeply to be read (more than about %d levels)"
                             % (option, name, sys.getrecursionlimit() // 2))


def shown_args(module, args):
    """The task's arguments fit to echo back: the module's own redaction (secrets inside free-form data) applied."""
    redact = getattr(module, "REDACT_INVOCATION", None)
    shown = redact(args) if redact is not None else args
    if isinstance(shown.get("running_config"), str):  # a JSON list of entries hides secrets by the field's name
        shown = dict(shown, running_config=redact_running_config(shown["running_config"]))
    return shown


class RouterOSAction(ActionBase):
    """Base of every tikops.routeros action plugin; subclasses set ``module``."""

    module = None
    TRANSFERS_FILES = False

    def __init_subclass__(cls, **kwargs):
        super(RouterOSAction, cls).__init_subclass__(**kwargs)
        if getattr(cls.module, "ARGUMENT_SPEC", None) is not None:
            validator_for(cls.module)  # now, in the process that loads the plugin: the workers inherit it

    def run(self, tmp=None, task_vars=None):
        with worker_gc():
            return self._run_task(tmp, task_vars)

    def _run_task(self, tmp, task_vars):
        module = self.module
        if module is None:
            raise AnsibleActionFail("%s: the action plugin names no module" % self.__class__.__module__)
        kwargs = dict(getattr(module, "MODULE_KWARGS", None) or {})
        self._supports_check_mode = bool(kwargs.pop("supports_check_mode", True))
        self._supports_async = False
        result = super(RouterOSAction, self).run(tmp, task_vars)
        del tmp
        task_vars = task_vars or {}

        args = dict((k, v) for k, v in self._task.args.items() if not k.startswith("_ansible_"))
        checked = validator_for(module).validate(args)
        no_log_values = checked._no_log_values
        if checked.error_messages:
            msg = checked.errors.msg
            if isinstance(checked.errors.errors[0], UnsupportedError):
                msg = "Unsupported parameters for (%s) module: %s" % (self._task.resolved_action or self._task.action, msg)
            result.update(failed=True, msg=msg, invocation=dict(module_args=remove_values(shown_args(module, args), no_log_values)))
            return redact_data(result)
        params = checked.validated_parameters
        if checked._deprecations:
            result["deprecations"] = list(checked._deprecations)

        telemetry = None
        try:
            telemetry = self._telemetry(params, task_vars)
        except UserInputError as exc:
            result.update(failed=True, msg=str(exc), invocation=dict(module_args=remove_values(shown_args(module, args), no_log_values)))
            return result
        run_params = params
        if getattr(module, "FILE_OPTIONS", None):
            try:
                run_params = self._load_file_options(module.FILE_OPTIONS, params)
            except UserInputError as exc:
                result.update(failed=True, msg=str(exc), invocation=dict(module_args=remove_values(shown_args(module, args), no_log_values)))
                return redact_data(result)
        ctx = ActionContext(run_params, bool(self._task.check_mode), bool(self._task.diff),
                            lambda: self._open_session(params, task_vars, telemetry),
                            lambda: self._retire_session(params, task_vars))
        # the parameters a safe change logs in with again to prove the change safe (converge/safe.py): known here in
        # every mode, the direct one (persistent: false) included, whose session has no kept attach to read them from
        ctx.connection_params = lambda: self._connection_params(params)
        try:
            out = module.run(ctx)
        except SessionUnavailable as exc:
            out = dict(unreachable=True, msg=str(exc), changed=False)
        except BrokerError as exc:  # our side, not the router: a failure
            out = error_result(exc)
        except ConnectError as exc:  # logging in again after the router dropped the kept session failed
            out = dict(unreachable=True, msg=str(exc), changed=False)
        except RouterOSError as exc:
            out = error_result(exc)
            if isinstance(exc, (RouterTimeout, ReplyTooLarge)) and ctx.opened:
                # a router that stopped answering (or will not stop sending) keeps its socket open: no later task
                # may attach to it
                ctx.close()
                self._retire_session(params, task_vars)
        finally:
            ctx.close()
            if telemetry is not None:
                telemetry.close()
        result.update(out or {})
        result.setdefault("changed", False)
        if ctx.warnings:
            result["warnings"] = list(result.get("warnings") or []) + ctx.warnings
        result["invocation"] = dict(module_args=shown_args(module, params))
        if no_log_values:
            result = remove_values(result, no_log_values)
        # the last layer: whatever a module returned (rows, before/after, commands, diff, errors), values of secret
        # fields (by name: errors.is_secret) never reach the callback, the log or -vvvv output
        return redact_data(result)

    # -- files ------------------------------------------------------------------------------------------

    def _load_file_options(self, file_options, params):
        """``params`` with each file option (``src``) read into the option it stands for (``config``).

        The file is found as ansible.builtin.copy finds its ``src`` (the role's and the play's ``files/``, then the
        play's directory), decrypted if it is vaulted, and read as JSON (fast, for big lists) or YAML. It is not
        templated, and the task result echoes the path, not the content."""
        out = dict(params)
        for option, target in file_options.items():
            src = params.get(option)
            if src is None:
                continue
            try:
                found = self._find_needle("files", src)
            except AnsibleError as exc:
                raise UserInputError("%s: %s" % (option, getattr(exc, "message", None) or exc))
            real = self._loader.get_real_file(found, decrypt=True)
            try:
                with open(real, "rb") as fh:
                    raw = fh.read(MAX_SRC_BYTES + 1)
            except (IOError, OSError) as exc:
                raise UserInputError("%s: cannot read %s: %s" % (option, found, exc))
            finally:
                self._loader.cleanup_tmp_file(real)
            data = load_data_file(raw, found, option)
            if not isinstance(data, (list, dict)):
                raise UserInputError("%s: %s holds %s; %s is a list of entries or one mapping" % (
                    option, found, "nothing" if data is None else "a %s" % type(data).__name__, target))
            out[target] = data
        return out

    # -- sessions ---------------------------------------------------------------------------------------

    def _ours(self):
        return getattr(self._connection, "transport", None) == TRANSPORT

    def _telemetry(self, params, task_vars):
        """This task's :class:`Telemetry`, or None when nobody asked for it (no telemetry_file, no api_stats
        callback, less than -vvvv)."""
        path = params.get("telemetry_file")
        if not path and self._ours():
            path = self._connection.telemetry_file()
        spool = os.environ.get(ENV_SPOOL)
        host = task_vars.get("inventory_hostname")
        show = (lambda msg: display.vvvv(msg, host=host)) if display.verbosity >= 4 else None
        if not (path or spool or show):
            return None
        context = dict(host=host, task=self._task.get_name(), task_uuid=getattr(self._task, "_uuid", None))
        return Telemetry(context, path=path, spool=spool, show=show)

    def _open_session(self, params, task_vars, telemetry=None):
        """(session, owned): from our connection plugin, or from the task's explicit connection options."""
        started = time.monotonic()
        try:
            if self._ours() and params.get("hostname") is None:
                self._connection.login_info = None  # set again only if this call opens a session (loops reuse it)
                session, owned = self._connection.session(), False
                fresh = bool((self._connection.login_info or {}).get("fresh"))
                self._connection_window(session, params)
            else:
                session, owned = self._explicit_session(params, task_vars), True
                fresh = getattr(session, "fresh", True)
        except (ConnectError, RouterTimeout) as exc:
            if telemetry is not None:
                telemetry.login(time.monotonic() - started, params.get("hostname") or task_vars.get("ansible_host"),
                                error=exc)
            if exc.__class__.__name__ == "BrokerError":
                raise
            raise SessionUnavailable(str(exc))
        except RouterOSError as exc:
            if telemetry is not None:
                telemetry.login(time.monotonic() - started, params.get("hostname") or task_vars.get("ansible_host"),
                                error=exc)
            raise
        if telemetry is not None:
            telemetry.login(time.monotonic() - started, getattr(session, "where", None), session.login_method,
                            fresh=fresh)
            telemetry.attach(session)
        return session, owned

    def _connection_params(self, params):
        """The :class:`ConnectionParams` of the task's session: our connection's options, or the task's explicit
        ones (``hostname`` and the credentials); None when neither is known."""
        if self._ours() and params.get("hostname") is None:
            return self._connection.connection_params()
        if params.get("hostname") is None:
            return None
        return ConnectionParams.from_module_params(params)

    def _connection_window(self, session, params):
        """The module option ``max_in_flight``, when the task gives it (or module_defaults do), bounds the commands
        in flight on the connection plugin's session (kept by the broker or not) for this task; otherwise the
        connection's own ``max_in_flight`` (``ansible_routeros_max_in_flight``) does."""
        window = params.get("max_in_flight")
        if window is None:
            window = self._connection.connection_params().max_in_flight
        elif not 1 <= window <= MAX_IN_FLIGHT_LIMIT:
            raise UserInputError("max_in_flight must be 1 to %d, not %r" % (MAX_IN_FLIGHT_LIMIT, window))
        session.max_in_flight = window

    def _retire_session(self, params, task_vars):
        """Make sure the next session this task opens is a new login: the connection plugin's session is closed
        and the broker's router connection for it is retired (closed once no task uses it)."""
        if self._ours() and params.get("hostname") is None:
            self._connection.reset()
            return
        persistent, dummy, directory = self._persistence(task_vars)
        if persistent:
            try:
                drop(ConnectionParams.from_module_params(params), directory, owner_pid=os.getppid())
            except RouterOSError as exc:
                display.warning("could not retire the kept RouterOS session: %s" % exc)

    def _persistence(self, task_vars):
        """(persistent, idle_timeout, directory) as the tikops.routeros.api options give them for this host."""
        if self._ours():
            return self._connection.persistence()
        from ansible.plugins.loader import connection_loader

        conn = connection_loader.get(TRANSPORT, self._play_context, "/dev/null")
        conn.set_options(var_options=conn._resolve_option_variables(task_vars, self._templar))
        return conn.persistence()

    def _explicit_session(self, params, task_vars):
        if params.get("hostname") is None:
            raise UserInputError("hostname is required: this task runs over the %s connection, so give the router's "
                                 "address and credentials as module options (module_defaults with group/"
                                 "tikops.routeros.routeros), or use ansible_connection=tikops.routeros.api"
                                 % (getattr(self._connection, "transport", None) or "current"))
        conn_params = ConnectionParams.from_module_params(params)
        persistent, idle_timeout, directory = self._persistence(task_vars)
        if persistent:
            return conn_params.tune(attach(conn_params, directory, idle_timeout, owner_pid=os.getppid()))
        return Session.connect(conn_params)
