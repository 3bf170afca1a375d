# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: api
short_description: Talk to MikroTik RouterOS through its binary API, one login per host and playbook run
description:
  - Connects to the RouterOS API service (C(api), port 8728, or C(api-ssl), port 8729, with O(tls)).
  - The modules of this collection do their work on the controller through this connection; no module payload is
    copied or started per task.
  - The router session is kept by a small per-user daemon on the controller (think SSH C(ControlPersist)), so a host
    is logged in once per playbook run for all forks and tasks. The kept session is reached only through a Unix
    socket in a private directory and only by the user who started it; it ends when the playbook ends, after
    O(persistent_idle_timeout) seconds without use, or with C(meta) C(reset_connection), and is logged in again
    transparently when the router dropped it. Another user, password, port or TLS setting never reuses it.
    Set O(persistent=false) to log in once per task instead.
  - A daemon that was stopped (SIGSTOP, a debugger) is replaced by a new one, once, and the task logs in through
    it; one that was killed is started again by the next task, and the sockets it left in O(persistent_dir) are
    removed then. A task whose commands were outstanding when the daemon died fails with a message naming the
    daemon, not the router. A daemon that cannot be reached fails the task; it does not make the host unreachable.
  - When the router dropped a kept session without the daemon noticing (a reboot, a NAT that lost its state),
    the next task logs in again and re-sends its commands, once, if that is safe; a command that changes something
    and that the router may have received is never repeated. The connection guide gives the exact rule.
  - Other modules (for example fact modules run by C(gather_facts)) run on the controller. Only the modules of this
    collection log in to the router; other modules (C(ping), C(command), ...) work with the router down.
author:
  - tikops.routeros contributors (@tikops)
version_added: 1.0.0
options:
  host:
    description:
      - Address (name or IP) of the router.
    type: str
    default: inventory_hostname
    vars:
      - name: inventory_hostname
      - name: ansible_host
      - name: ansible_routeros_host
  port:
    description:
      - TCP port of the API service.
      - When not set, V(8728), or V(8729) when O(tls=true).
    type: int
    ini:
      - section: defaults
        key: remote_port
    env:
      - name: ANSIBLE_REMOTE_PORT
    vars:
      - name: ansible_port
      - name: ansible_routeros_port
    keyword:
      - name: port
  remote_user:
    description:
      - User to log in as.
      - When not set, V(admin).
    type: str
    ini:
      - section: defaults
        key: remote_user
    env:
      - name: ANSIBLE_REMOTE_USER
    vars:
      - name: ansible_user
      - name: ansible_routeros_user
    keyword:
      - name: remote_user
  password:
    description:
      - Password of O(remote_user). Use Ansible Vault for it.
      - It never appears in output, logs, process arguments or the daemon's environment.
    type: str
    default: ''
    vars:
      - name: ansible_password
      - name: ansible_routeros_password
  tls:
    description:
      - Connect to the TLS API service (C(api-ssl)).
    type: bool
    default: false
    ini:
      - section: routeros_connection
        key: tls
    env:
      - name: ANSIBLE_ROUTEROS_TLS
    vars:
      - name: ansible_routeros_tls
  validate_certs:
    description:
      - With O(tls=true), verify the router's certificate against the system CAs or O(ca_path).
    type: bool
    default: true
    ini:
      - section: routeros_connection
        key: validate_certs
    env:
      - name: ANSIBLE_ROUTEROS_VALIDATE_CERTS
    vars:
      - name: ansible_routeros_validate_certs
  validate_cert_hostname:
    description:
      - With O(tls=true) and O(validate_certs=true), also check that the certificate names O(host).
    type: bool
    default: true
    ini:
      - section: routeros_connection
        key: validate_cert_hostname
    env:
      - name: ANSIBLE_ROUTEROS_VALIDATE_CERT_HOSTNAME
    vars:
      - name: ansible_routeros_validate_cert_hostname
  ca_path:
    description:
      - PEM file (or directory of hashed certificates) of the CAs to trust for the router's certificate, instead of
        the system CAs.
    type: path
    ini:
      - section: routeros_connection
        key: ca_path
    env:
      - name: ANSIBLE_ROUTEROS_CA_PATH
    vars:
      - name: ansible_routeros_ca_path
  force_no_cert:
    description:
      - With O(tls=true), connect to an C(api-ssl) service that has no certificate, using anonymous Diffie-Hellman
        ciphers over TLS 1.2. This encrypts but does not authenticate the router.
    type: bool
    default: false
    ini:
      - section: routeros_connection
        key: force_no_cert
    env:
      - name: ANSIBLE_ROUTEROS_FORCE_NO_CERT
    vars:
      - name: ansible_routeros_force_no_cert
  timeout:
    description:
      - Seconds to wait for the connection, the login and each reply from the router.
      - Like other connection plugins, this follows Ansible's connection timeout (C(--timeout), C(ANSIBLE_TIMEOUT),
        C(timeout) in the C([defaults]) section of C(ansible.cfg)) unless the variable is set.
    type: float
    default: 10
    ini:
      - section: defaults
        key: timeout
    env:
      - name: ANSIBLE_TIMEOUT
    vars:
      - name: ansible_routeros_timeout
  encoding:
    description:
      - Text encoding of the words on the wire.
    type: str
    default: utf-8
    ini:
      - section: routeros_connection
        key: encoding
    env:
      - name: ANSIBLE_ROUTEROS_ENCODING
    vars:
      - name: ansible_routeros_encoding
  encoding_fallback:
    description:
      - Encoding to read a value with when it is not valid text in O(encoding) (a comment Winbox wrote in a Windows
        code page, for example). Such a value is compared as that text, named in a warning, and only ever written
        back as the router's own bytes. An empty string makes such a value fail the task instead.
    type: str
    default: cp1252
    vars:
      - name: ansible_routeros_encoding_fallback
  max_in_flight:
    description:
      - Most commands kept in flight on one connection; pipelined writes and reads go out in groups of this size.
      - A task that gives the module option C(max_in_flight) (directly or through C(module_defaults)) uses that
        instead, for its own commands, whether the session is kept by the session daemon or not.
    type: int
    default: 32
    vars:
      - name: ansible_routeros_max_in_flight
  persistent:
    description:
      - Keep the router session between tasks (one login per host and playbook run).
      - With V(false), every task logs in and out; fact modules run by C(gather_facts) then need their own
        connection options (for example through C(module_defaults)).
    type: bool
    default: true
    ini:
      - section: routeros_connection
        key: persistent
    env:
      - name: ANSIBLE_ROUTEROS_PERSISTENT
    vars:
      - name: ansible_routeros_persistent
  persistent_idle_timeout:
    description:
      - Seconds a kept session may stay unused before it is closed.
      - A kept session is also closed as soon as the playbook run that opened it has ended.
    type: float
    default: 60
    ini:
      - section: routeros_connection
        key: persistent_idle_timeout
    env:
      - name: ANSIBLE_ROUTEROS_PERSISTENT_IDLE_TIMEOUT
    vars:
      - name: ansible_routeros_persistent_idle_timeout
  telemetry_file:
    description:
      - Append telemetry to this file, one JSON object a line, for every task of the host that talks to the router
        (also the facts module run by C(gather_facts)) - a C(connection.stop) event per login or attach, a
        C(command.stop) or C(command.exception) event per command (path, command, attribute names, query count,
        rows, duration, outcome, the router's message when it refused), and a C(task.stop) event with the task's
        counts (logins, commands, round trips, rows, bytes, milliseconds spent waiting for the router, writes).
      - Events name the inventory host and the task. They never hold a value sent to or read from the router, nor
        a password.
      - The same events are shown at C(-vvvv). The P(tikops.routeros.api_stats#callback) callback prints the
        counts per host at the end of a run.
    type: path
    ini:
      - section: routeros_connection
        key: telemetry_file
    env:
      - name: ANSIBLE_ROUTEROS_TELEMETRY_FILE
    vars:
      - name: ansible_routeros_telemetry_file
  persistent_dir:
    description:
      - Directory for the session daemon's sockets, lock and log. When it does not exist it is created with mode 0700.
        An existing directory must belong to you and must not be writable by others; its mode is never changed.
        A shared directory with the sticky bit (such as C(/tmp)) gets a private subdirectory C(tikops_routeros-<uid>)
        (mode 0700), which is used instead. Anything else is refused with a message saying why.
      - When not set, C($XDG_RUNTIME_DIR/tikops_routeros) if there is a runtime directory, else
        C(~/.ansible/tikops_routeros).
    type: path
    ini:
      - section: routeros_connection
        key: persistent_dir
    env:
      - name: ANSIBLE_ROUTEROS_PERSISTENT_DIR
    vars:
      - name: ansible_routeros_persistent_dir
notes:
  - Set C(ansible_network_os=tikops.routeros.routeros) so that Ansible uses the controller's Python for modules that
    do run as separate processes, and C(ansible_facts_modules=tikops.routeros.facts) for C(gather_facts).
  - Modules of this collection also work with C(connection=local) and explicit connection options (the C(hostname),
    C(username), C(password), and so on, of the C(tikops.routeros.connection) documentation fragment), for example through
    C(module_defaults) and the C(group/tikops.routeros.routeros) action group.
seealso:
  - name: Connection guide
    description: How to describe routers in the inventory, TLS, and the session daemon.
    link: https://github.com/tikops/routeros/blob/main/docs/connection.md
"""

EXAMPLES = r"""
# inventory.yml
# all:
#   hosts:
#     core1: {ansible_host: 192.0.2.1}
#   vars:
#     ansible_connection: tikops.routeros.api
#     ansible_network_os: tikops.routeros.routeros
#     ansible_user: admin
#     ansible_password: "{{ vault_router_password }}"
#     ansible_routeros_tls: true
#     ansible_routeros_ca_path: /etc/ssl/routers-ca.pem

- name: Read the identity of every router
  hosts: all
  gather_facts: false
  tasks:
    - name: Read the identity
      tikops.routeros.command:
        path: /system/identity
      register: identity

    - name: Show it
      ansible.builtin.debug:
        msg: "{{ inventory_hostname }} is {{ identity.rows[0].name }}"
"""

import json
import os
import sys
import time

from ansible.errors import AnsibleConnectionFailure, AnsibleError
from ansible.plugins.connection import ConnectionBase
from ansible.utils.display import Display

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import (
    ConnectError,
    LoginError,
    RouterOSError,
    RouterTimeout,
)
from ansible_collections.tikops.routeros.plugins.module_utils.api.options import ConnectionParams
from ansible_collections.tikops.routeros.plugins.module_utils.api.persist import BrokerError, attach, drop
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session
from ansible_collections.tikops.routeros.plugins.module_utils.api.telemetry import ENV_CONTEXT

display = Display()

TRANSPORT = "tikops.routeros.api"
COLLECTION_PREFIX = "tikops.routeros."


def _socket_path_reader():
    """The one place that looks at ansible-core's internals (tested on every ansible-core line of ``make matrix``).

    ansible-core gives a connection no public way to learn which module it hands ``socket_path`` to: it reads the
    property in ``ActionBase._update_module_args(self, module_name, module_args, task_vars)``, the same on 2.16 to
    2.20. This returns that caller's ``(action, module_name, task_vars)``, or ``(None, None, None)`` when the reader
    is anything else (then every module is taken for one of ours, the safe side: it logs in)."""
    frame = sys._getframe(2)  # our caller is the socket_path property; its caller reads it
    if frame is None or frame.f_code.co_name != "_update_module_args":
        return None, None, None
    names = frame.f_locals
    return names.get("self"), names.get("module_name"), names.get("task_vars")


def _module_needs_router(action, name):
    """Whether the module ``name`` that ``action`` prepares is one of ours (resolved as the task resolves it). When
    the name is unknown, the answer is yes: logging in as before is the safe side."""
    if not isinstance(name, str):
        return True
    if name.startswith(COLLECTION_PREFIX):
        return True
    try:
        from ansible.plugins.loader import module_loader

        collections = getattr(getattr(action, "_task", None), "collections", None)
        context = module_loader.find_plugin_with_context(name, collection_list=collections)
    except Exception:  # pylint: disable=broad-except
        return False  # not a module anybody could find: certainly not ours
    return bool(context.resolved) and (context.resolved_fqcn or "").startswith(COLLECTION_PREFIX)


class Connection(ConnectionBase):
    """RouterOS API connection: hands out sessions to our action plugins; runs anything else locally."""

    transport = TRANSPORT
    has_pipelining = False
    # AnsiballZ modules (fact modules under gather_facts) run on the controller
    _remote_is_local = True

    def __init__(self, play_context, *args, **kwargs):
        super(Connection, self).__init__(play_context, *args, **kwargs)
        self._local = None
        self._session = None
        self._session_key = None
        self.login_info = None
        pid = kwargs.get("ansible_playbook_pid")
        self._owner_pid = int(pid) if pid and str(pid).isdigit() else os.getppid()

    # -- options ----------------------------------------------------------------------------------------

    def connection_params(self):
        """The :class:`ConnectionParams` from this plugin's options."""
        return ConnectionParams(
            self.get_option("host"), port=self.get_option("port"), username=self.get_option("remote_user"),
            password=self.get_option("password"), tls=self.get_option("tls"),
            validate_certs=self.get_option("validate_certs"),
            validate_cert_hostname=self.get_option("validate_cert_hostname"), ca_path=self.get_option("ca_path"),
            force_no_cert=self.get_option("force_no_cert"), timeout=self._timeout(),
            encoding=self.get_option("encoding"), encoding_fallback=self.get_option("encoding_fallback"),
            max_in_flight=self.get_option("max_in_flight"))

    def _timeout(self):
        # the option is also fed from the task keyword 'timeout' (0 = no task timeout) in some code paths
        value = self.get_option("timeout")
        try:
            value = float(value)
        except (TypeError, ValueError):
            return 10.0
        return value if value > 0 else 10.0

    def persistence(self):
        """(persistent, idle_timeout, directory) from the options."""
        return (bool(self.get_option("persistent")), float(self.get_option("persistent_idle_timeout")),
                self.get_option("persistent_dir") or None)

    # -- sessions ---------------------------------------------------------------------------------------

    def session(self):
        """The session to the router for this task: attached to the kept session (logging in only when it is
        the first use), or a direct login when persistence is off. Raises RouterOSError subclasses."""
        params = self.connection_params()
        key = params.key()
        if self._session is not None and not self._session.closed and self._session_key == key:
            return self._session
        self._drop_local_session()
        persistent, idle_timeout, directory = self.persistence()
        where = "%s:%s" % (params.host, params.effective_port)
        started = time.monotonic()
        if persistent:
            session = params.tune(attach(params, directory, idle_timeout, owner_pid=self._owner_pid))
            display.vvv("ROUTEROS: %s kept session %s" % (
                "logged in as %s, new" % params.username if session.fresh else "attached to", where), host=params.host)
        else:
            session = Session.connect(params)
            session.kept_socket = None
            session.fresh = True
            display.vvv("ROUTEROS: logged in to %s as %s (not persistent)" % (where, params.username),
                        host=params.host)
        self._session = session
        self._session_key = key
        self._connected = True
        # for telemetry: what opening this session cost, and whether it logged in (reported once)
        self.login_info = dict(seconds=time.monotonic() - started, where=where, method=session.login_method,
                               fresh=bool(session.fresh))
        return session

    def telemetry_file(self):
        return self.get_option("telemetry_file") or None

    def _telemetry_context(self, action, task_vars):
        """Tell the module process that gather_facts is about to start (a child of this worker) which host and
        task its commands belong to, where the telemetry file is, and whether opening the session logged in."""
        task = getattr(action, "_task", None)
        context = dict(host=(task_vars or {}).get("inventory_hostname") or self.get_option("host"),
                       task=task.get_name() if task is not None else None, task_uuid=getattr(task, "_uuid", None),
                       path=self.telemetry_file(), max_in_flight=self.get_option("max_in_flight"))
        login, self.login_info = self.login_info, None
        if login is not None:
            context["login"] = login
        os.environ[ENV_CONTEXT] = json.dumps(context)

    def _drop_local_session(self):
        session, self._session = self._session, None
        self._session_key = None
        if session is not None:
            session.close()

    @property
    def socket_path(self):
        """The kept session's own socket: ActionBase hands it to AnsiballZ modules as ``_ansible_socket``.

        ansible-core reads this for every module it runs as a process. Only our own modules (the facts module
        under ``gather_facts``) use it, so for any other module (``ping``, ``command``, ``setup``...) it stays
        None and nothing logs in: a purely local task works with the router down.
        """
        persistent = self.get_option("persistent") if self._options else False
        action, module_name, task_vars = _socket_path_reader()
        if not persistent:
            if self._options and _module_needs_router(action, module_name):
                self._telemetry_context(action, task_vars)  # the module logs in by itself: tell it whose it is
            return self._socket_path
        if self._session is None and not _module_needs_router(action, module_name):
            return self._socket_path
        try:
            session = self.session()
            self._telemetry_context(action, task_vars)
        except BrokerError as exc:  # the session daemon on this controller, not the router: a failure
            raise AnsibleError(str(exc))
        except (ConnectError, RouterTimeout) as exc:
            raise AnsibleConnectionFailure(str(exc))
        except LoginError as exc:
            raise AnsibleError(str(exc))
        except RouterOSError as exc:
            raise AnsibleError(str(exc))
        self._socket_path = session.kept_socket
        return self._socket_path

    # -- ConnectionBase ---------------------------------------------------------------------------------

    def _connect(self):
        # the session is opened on first use (session()); tasks that never need it never connect
        self._connected = True
        return self

    def _local_connection(self):
        if self._local is None:
            from ansible.plugins.loader import connection_loader

            self._local = connection_loader.get("local", self._play_context, "/dev/null")
            self._local.set_options()
        return self._local

    def exec_command(self, cmd, in_data=None, sudoable=True):
        """Commands (AnsiballZ modules) run on the controller."""
        return self._local_connection().exec_command(cmd, in_data, sudoable)

    def put_file(self, in_path, out_path):
        return self._local_connection().put_file(in_path, out_path)

    def fetch_file(self, in_path, out_path):
        return self._local_connection().fetch_file(in_path, out_path)

    def reset(self):
        """``meta: reset_connection``: end the kept session; the next task logs in again."""
        self._drop_local_session()
        persistent, dummy, directory = self.persistence()
        if not persistent:
            return
        try:
            dropped = drop(self.connection_params(), directory, owner_pid=self._owner_pid)
        except RouterOSError as exc:
            display.warning("could not reset the kept RouterOS session: %s" % exc)
            return
        display.vvv("ROUTEROS: kept session %s" % ("closed" if dropped else "was not open"),
                    host=self.get_option("host"))

    def close(self):
        """End of a task: detach from the kept session (it stays logged in) or log out."""
        self._drop_local_session()
        if self._local is not None:
            self._local.close()
        self._connected = False
