# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """Connection options a module accepts when it connects to the router by itself."""

    # Keep in sync with MODULE_CONNECTION_SPEC in plugins/module_utils/api/options.py.
    DOCUMENTATION = r"""
options:
  hostname:
    description:
      - Address (name or IP) of the router's API service.
      - Needed when the module connects by itself, that is with the P(ansible.builtin.local#connection) connection
        plugin. C(module_defaults) for the group C(group/tikops.routeros.routeros) can set it, and the options below,
        for every module of this collection.
      - With the P(tikops.routeros.api#connection) connection plugin this and all the other connection options here are not
        needed; the plugin takes the address from C(ansible_host) and its own options.
    type: str
  username:
    description:
      - User to log in as.
    type: str
    default: admin
  password:
    description:
      - Password of O(username). It never appears in messages, logs or return values.
    type: str
    default: ''
  port:
    description:
      - TCP port of the API service.
      - When not set, V(8728), or V(8729) when O(tls=true).
    type: int
  tls:
    description:
      - Connect to the TLS API service (C(api-ssl)) instead of the plain one.
    type: bool
    default: false
  validate_certs:
    description:
      - With O(tls=true), verify the router's certificate against the system CAs or O(ca_path).
      - Set to V(false) only for routers you reach over a trusted path.
    type: bool
    default: true
  validate_cert_hostname:
    description:
      - With O(tls=true) and O(validate_certs=true), also check that the certificate names O(hostname).
    type: bool
    default: true
  ca_path:
    description:
      - File of PEM certificates to trust for the router's certificate, instead of the system CAs.
    type: path
  force_no_cert:
    description:
      - With O(tls=true), connect to an C(api-ssl) service that has no certificate, using anonymous Diffie-Hellman
        ciphers over TLS 1.2.
      - This encrypts the traffic but does not authenticate the router.
    type: bool
    default: false
  timeout:
    description:
      - Seconds to wait for the connection, the login and each reply from the router.
    type: float
    default: 10
  encoding:
    description:
      - Text encoding of the words on the wire (the router's own setting decides what it sends).
    type: str
    default: utf-8
  telemetry_file:
    description:
      - Append one JSON object a line for each login and each command this task sends to the router (path,
        command, attribute names, rows, bytes, duration, outcome) and the task's counts, to this file.
      - No event holds a value sent to or read from the router, nor a password.
      - The connection guide (C(docs/connection.md)) describes the events.
    type: path
  encoding_fallback:
    description:
      - Encoding to read a value with when it is not valid text in O(encoding), for example a comment written by
        Winbox in a Windows code page. The value is then compared as that text, the task gets a warning naming the
        entry, and the value is only ever written back as the router's own bytes.
      - Bytes that even this encoding does not define are read as latin-1. An empty string makes such a value fail
        the task instead.
    type: str
    default: cp1252
  max_in_flight:
    description:
      - Most commands sent to the router before their replies are in, on one connection. A pipelined write of
        many entries goes out in groups of this size, so 1000 entries take a few round trips.
      - Real routers have been seen leaving a command unanswered, or resetting the connection, with about 50 in
        flight; keep it well below that. V(1) sends one command at a time.
      - When not given, the C(max_in_flight) of the C(tikops.routeros.api) connection applies (the
        C(ansible_routeros_max_in_flight) variable), also to fact modules run by C(gather_facts); without that
        connection, V(32).
    type: int
notes:
  - With the P(tikops.routeros.api#connection) connection plugin (C(ansible_connection=tikops.routeros.api)), none of the
    connection options above are needed; set the connection plugin's options instead.
"""
