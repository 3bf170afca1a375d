# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The AnsiballZ side of a module: ``main()`` calls ``module_main(ARGUMENT_SPEC, run, **ansible_module_kwargs)``.

This path serves the runs that do not go through the action plugin: fact modules under ``gather_facts``, and
anybody who calls the module file directly. ``run(ctx)`` is the very function the action plugin calls in the
worker, so both paths behave alike.

The session: with ``_ansible_socket`` (the kept session of the ``tikops.routeros.api`` connection, see
``persist.attach_socket``) and no ``hostname``, the module attaches to that kept session; otherwise it connects
and logs in with its own connection options (``hostname``, ``username``, ``password``, ...).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from time import monotonic

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import (
    LoginError,
    RouterOSError,
    TrapError,
    redact_data,
    redact_running_config,
)
from ansible_collections.tikops.routeros.plugins.module_utils.api.options import (
    MODULE_CONNECTION_SPEC,
    ConnectionParams,
)


class TaskContext:
    """What ``run(ctx)`` gets, wherever the module runs (the action plugin in the worker, or AnsiballZ):
    ``params``, ``check_mode``, ``diff``, ``warn(msg)``, the lazy ``session`` (``opener()`` gives ``(session,
    owned)``), ``reopen()`` and ``close()``."""

    def __init__(self, params, check_mode, diff, opener, renew=None):
        self.params = params
        self.check_mode = check_mode
        self.diff = diff
        self.warnings = []
        self._opener = opener
        self._renew = renew
        self._session = None
        self._owned = False

    @property
    def session(self):
        if self._session is None:
            self._session, self._owned = self._opener()
        return self._session

    @property
    def opened(self):
        return self._session is not None

    def warn(self, msg):
        self.warnings.append(msg)

    def _collect(self, session):
        for msg in getattr(session, "take_warnings", lambda: [])():
            self.warn(msg)

    def reopen(self):
        """A new session after the current one failed (to read back writes whose outcome is unknown): a new login
        to the router, never the connection that failed (a stalled one still looks open), which is closed and, when
        the broker kept it, retired (``renew``) so that no later task attaches to it either."""
        session, self._session = self._session, None
        if session is not None:
            self._collect(session)
            if self._owned:
                session.close()
        if self._renew is not None:
            self._renew()
        return self.session

    def close(self):
        session, self._session = self._session, None
        if session is not None:
            self._collect(session)
            if self._owned:
                session.close()


class ModuleContext(TaskContext):
    """The :class:`TaskContext` of an AnsiballZ module process: its session is its own (attached to the kept session's
    socket, or logged in with the module's options), counted by its telemetry; warnings go to ``module.warn``."""

    def __init__(self, module, telemetry=None):
        TaskContext.__init__(self, module.params, bool(module.check_mode), bool(getattr(module, "_diff", False)),
                             self._open)
        self.module = module
        self.telemetry = telemetry

    def _open(self):
        started = monotonic()
        try:
            session = open_session(self.module.params, getattr(self.module, "_socket_path", None))
        except RouterOSError as exc:
            if self.telemetry is not None:
                self.telemetry.login(monotonic() - started, self.params.get("hostname"), error=exc)
            raise
        if self.telemetry is not None:
            if getattr(session, "fresh", True):  # a login of its own, not the kept session
                self.telemetry.login(monotonic() - started, session.where, session.login_method)
            self.telemetry.attach(session)
        return session, True

    def warn(self, msg):
        self.module.warn(msg)

    def close(self):
        TaskContext.close(self)
        if self.telemetry is not None:
            self.telemetry.close()


def open_session(params, socket_path=None):
    """A session: attached to the kept session at ``socket_path`` when no ``hostname`` is given, else a direct
    login with the module's connection options."""
    if params.get("hostname") is None and socket_path:
        from ansible_collections.tikops.routeros.plugins.module_utils.api.persist import attach_socket

        session = attach_socket(socket_path, timeout=params.get("timeout") or 10.0)
        session.fallback_encoding = params.get("encoding_fallback", "cp1252") or None
        session.max_in_flight = _window(params) or session.max_in_flight
        return session
    from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session

    if params.get("hostname") is None:
        from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError

        raise UserInputError("hostname is required: give the router's address and credentials as module options "
                             "(module_defaults with group/tikops.routeros.routeros), or run the task over "
                             "ansible_connection=tikops.routeros.api with persistence on")
    return Session.connect(ConnectionParams.from_module_params(dict(params, max_in_flight=_window(params))))


def _window(params):
    """``max_in_flight``: the module's option when given, else the connection's (which the worker passes on)."""
    if params.get("max_in_flight") is not None:
        return params["max_in_flight"]
    from ansible_collections.tikops.routeros.plugins.module_utils.api.telemetry import worker_context

    return worker_context().get("max_in_flight")


def failure(exc):
    """The fail_json keywords for a RouterOSError."""
    if isinstance(exc, TrapError):
        category = exc.category
        return dict(msg=str(exc), message=exc.message, category=category,
                    category_name=TrapError.CATEGORIES.get(category) if category is not None else None,
                    traps=exc.traps, command=exc.command)
    if isinstance(exc, LoginError):
        return dict(msg="login failed: %s" % exc)
    return dict(msg=str(exc))


def module_spec(argument_spec):
    spec = dict(argument_spec)
    for name, option in MODULE_CONNECTION_SPEC.items():
        spec.setdefault(name, option)
    return spec


def _telemetry(params):
    """The module process's telemetry (see telemetry.from_environment); a ``telemetry_file`` option wins."""
    from ansible_collections.tikops.routeros.plugins.module_utils.api import telemetry

    environ = None
    if params.get("telemetry_file"):
        import json
        import os

        environ = dict(os.environ)
        context = {}
        try:
            context = json.loads(environ.get(telemetry.ENV_CONTEXT) or "{}")
        except ValueError:
            pass
        context = context if isinstance(context, dict) else {}
        context["path"] = params["telemetry_file"]
        environ[telemetry.ENV_CONTEXT] = json.dumps(context)
    return telemetry.from_environment(environ)


def module_main(argument_spec, run, redact_invocation=None, **ansible_module_kwargs):
    """Build the AnsibleModule (``argument_spec`` plus the connection options), run ``run(ctx)``, exit.

    ``redact_invocation(params)`` hides secrets inside free-form options (``attributes``, ``words``) in the
    ``invocation`` the module echoes back.
    """
    from ansible.module_utils.basic import AnsibleModule

    ansible_module_kwargs.setdefault("supports_check_mode", True)
    module = AnsibleModule(argument_spec=module_spec(argument_spec), **ansible_module_kwargs)
    try:
        telemetry = _telemetry(module.params)
    except RouterOSError as exc:
        module.fail_json(**failure(exc))
    ctx = ModuleContext(module, telemetry)
    try:
        result = run(ctx)
    except RouterOSError as exc:
        ctx.close()
        module.fail_json(**redact_data(failure(exc)))
    ctx.close()
    result = redact_data(dict(result or {}))  # values of secret fields (errors.is_secret) never leave the module
    shown = redact_invocation(module.params) if redact_invocation is not None else dict(module.params)
    if isinstance(shown.get("running_config"), str):  # a JSON list of entries hides secrets by the field's name
        shown["running_config"] = redact_running_config(shown["running_config"])
    result["invocation"] = dict(module_args=shown)
    if result.get("failed"):
        result.pop("failed")
        result.setdefault("msg", "the module failed")
        module.fail_json(**result)
    module.exit_json(**result)
