# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: command
short_description: Run any RouterOS API command
version_added: 1.0.0
description:
  - Runs one command of the RouterOS API, given as a menu and a verb with attributes, a query and a property list,
    or as raw API words, and returns the rows and the C(ret) value as data.
  - V(print), V(getall), V(listen), V(monitor), V(monitor-traffic), the diagnostics V(ping), V(traceroute) and
    V(torch), and C(/tool/sniffer/quick) and C(/tool/profile) are reads and report C(changed=false); every other
    command reports C(changed=true) unless O(read_only) says otherwise (C(/tool/bandwidth-test), which loads the
    links, is a write unless declared a read).
  - In check mode reads run and writes are not sent; the result says so in C(msg).
  - Commands that run until cancelled (V(listen), V(monitor-traffic) without C(once), V(print) with C(follow) or
    C(follow-only), V(ping) and V(traceroute) without C(count), V(torch), C(/tool/sniffer/quick) and
    C(/tool/profile) without C(duration)) need O(max_rows) or O(duration); when either is reached the command is
    cancelled on the router and the rows so far are returned.
  - A router error fails the task with the router's message, its category and the command (secret values such as
    passwords shown as C(********)).
author:
  - tikops.routeros contributors (@tikops)
extends_documentation_fragment:
  - tikops.routeros.connection
options:
  path:
    description:
      - The menu, such as V(/ip/address), or V(/) for commands at the top (V(ping)). Spaces may stand for slashes
        (V(ip address)).
      - Required unless O(words) is given.
    type: str
  command:
    description:
      - The verb to run in O(path), such as V(print), V(add), V(set), V(remove), V(listen), V(monitor-traffic).
      - When not set, V(print).
    type: str
  attributes:
    description:
      - The command's arguments, as RouterOS names them (V(.id), V(address), V(vlan-id)).
      - Booleans are sent as V(yes) or V(no); for arguments that take no value (V(once), V(follow), V(detail),
        V(count-only), ...) V(true) sends the bare argument and V(false) leaves it out. Lists are joined with
        commas. A V(null) value is not sent.
    type: dict
  query:
    description:
      - Filter for V(print) and V(getall), applied on the router.
      - A list of API query words, each given a leading V(?) when it has none, for example
        V([type=ether, type=vlan, "#|"]) (type ether or vlan).
      - Or a mapping of field to value, all of which must match; a list value matches any of its items, and
        V(null) matches entries where the field has no value.
    type: raw
  proplist:
    description:
      - Fields to return (C(.proplist)); all fields when not set. Name V(.id) to get it.
    type: list
    elements: str
  words:
    description:
      - The whole command as raw API words, for example V([/interface/print, "=.proplist=name", "?type=ether"]).
      - The first word is the command. Do not add C(.tag); the module tags every command itself.
      - Mutually exclusive with O(path), O(command), O(attributes), O(query) and O(proplist).
    type: list
    elements: str
  read_only:
    description:
      - Whether the command leaves the router as it was. When not set, V(print), V(getall), V(listen), V(monitor),
        V(monitor-traffic), V(ping), V(traceroute), V(torch), C(/tool/sniffer/quick) and C(/tool/profile) are reads
        and every other command is a write.
      - A read reports C(changed=false) and runs in check mode; a write reports C(changed=true) and is not sent in
        check mode.
    type: bool
  max_rows:
    description:
      - Stop after this many rows and cancel the command on the router.
    type: int
  duration:
    description:
      - Stop after this many seconds and cancel the command on the router.
    type: float
notes:
  - Check mode is supported as described above. Diff mode is not.
  - Prefer the resource modules for configuration; this module does not compare anything before it writes.
seealso:
  - module: tikops.routeros.facts
"""

EXAMPLES = r"""
- name: Read the addresses of ether1
  tikops.routeros.command:
    path: /ip/address
    query:
      interface: ether1
    proplist: [address, network]
  register: addresses

- name: Add an address (ret holds the new .id)
  tikops.routeros.command:
    path: /ip/address
    command: add
    attributes:
      address: 192.0.2.1/24
      interface: ether1
      comment: managed by ansible
  register: added

- name: Count the static routes
  tikops.routeros.command:
    words: [/ip/route/print, "=count-only=", "?static=true"]

- name: Five samples of traffic on ether1
  tikops.routeros.command:
    path: /interface
    command: monitor-traffic
    attributes:
      interface: ether1
    max_rows: 5

- name: Watch address changes for five seconds
  tikops.routeros.command:
    path: /ip/address
    command: listen
    duration: 5

- name: Ping a neighbour five times (a read; it also runs in check mode)
  tikops.routeros.command:
    path: /
    command: ping
    attributes:
      address: 192.0.2.254
      count: 5
  register: ping

- name: Export the addresses as a script (export only reads, so it also runs in check mode)
  tikops.routeros.command:
    path: /ip/address
    command: export
    read_only: true
"""

RETURN = r"""
rows:
  description: The rows the router returned (C(!re) replies), each a dict of field to text.
  returned: success
  type: list
  elements: dict
  sample: [{address: 192.0.2.1/24, network: 192.0.2.0}]
ret:
  description: The C(ret) value of the final reply, such as the C(.id) an V(add) created or a C(count-only) count.
  returned: success
  type: str
  sample: "*1A"
done:
  description: Every attribute of the final reply.
  returned: success
  type: dict
command:
  description: The words sent (or that would have been sent), secret values replaced by C(********).
  returned: always
  type: list
  elements: str
  sample: [/ip/address/add, =address=192.0.2.1/24, =interface=ether1]
sent:
  description: Whether the command was sent (false for a write in check mode).
  returned: always
  type: bool
stopped:
  description: V(max_rows) or V(duration) when that bound ended the command, else null.
  returned: always
  type: str
cancelled:
  description: Whether the command was cancelled on the router because a bound was reached.
  returned: always
  type: bool
message:
  description: The router's error message.
  returned: when the router refused the command
  type: str
  sample: "failure: already have such address"
category:
  description: The router's error category number, when it sent one.
  returned: when the router refused the command
  type: str
  sample: "1"
category_name:
  description: What the category means (V(missing item or command), V(argument value failure), ...).
  returned: when the router refused the command
  type: str
traps:
  description: Every error the router sent for the command, each with C(message) and maybe C(category).
  returned: when the router refused the command
  type: list
  elements: dict
router_message:
  description: Same as RV(message).
  returned: when the router refused the command
  type: str
outcome:
  description:
    - For a write whose reply never came because the connection was lost, stalled or sent garbage, what reading the
      router back over a new connection showed; C(changed) is true when it took effect.
    - Read back for V(add), and for V(set) and V(remove) of one entry; other writes stay V(unknown).
  returned: when the connection failed after a write was sent
  type: str
  choices: [took effect, did not take effect, unknown]
"""

from ansible_collections.tikops.routeros.plugins.module_utils.tasks import command
from ansible_collections.tikops.routeros.plugins.module_utils.tasks.runner import module_main

ARGUMENT_SPEC = dict(
    path=dict(type="str"),
    command=dict(type="str"),
    attributes=dict(type="dict"),
    query=dict(type="raw"),
    proplist=dict(type="list", elements="str"),
    words=dict(type="list", elements="str"),
    read_only=dict(type="bool"),
    max_rows=dict(type="int"),
    duration=dict(type="float"),
)

MODULE_KWARGS = dict(
    mutually_exclusive=[("words", name) for name in ("path", "command", "attributes", "query", "proplist")],
    required_one_of=[("path", "words")],
    supports_check_mode=True,
)

# The parameters as the task result's invocation may show them: secret attribute values hidden.
REDACT_INVOCATION = command.redact_params


def run(ctx):
    return command.run(ctx.params, ctx.check_mode, lambda: ctx.session, getattr(ctx, "reopen", None))


def main():
    module_main(ARGUMENT_SPEC, run, redact_invocation=REDACT_INVOCATION, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
