# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ip_addresses
short_description: Manage the IPv4 and IPv6 addresses of a RouterOS router
version_added: 1.0.0
description:
  - Manages static addresses in C(/ip/address) (IPv4) and C(/ipv6/address) (IPv6), as a network resource module.
  - An address is identified by its address (with prefix length) and its interface; the family comes from the
    address. The same address on another interface is another entry.
  - Values are compared by meaning (V(192.0.2.1) is V(192.0.2.1/32); IPv6 addresses in any spelling), so a second
    run after a successful one reports C(changed=false).
  - The router derives C(network) for IPv4 addresses; it is reported, and set only when given.
  - Dynamic addresses (DHCP, SLAAC, link-local) are reported with C(dynamic=true) and never changed or removed.
  - Before anything is written, every address is checked to be an address, and every interface named to exist on
    the router; bad input fails with a message naming the entry.
  - The changes are sent pipelined (one round trip for the reads, one for the writes). If the router refuses a
    write, the task fails and returns what was applied, what failed with the router's message, and what was not
    attempted.
author:
  - tikops.routeros contributors (@tikops)
extends_documentation_fragment:
  - tikops.routeros.connection
  - tikops.routeros.safe
options:
  config:
    description:
      - The addresses.
      - Required with O(state=merged), O(state=replaced), O(state=overridden) and O(state=rendered).
      - With O(state=deleted), each entry selects addresses by the fields given among O(config[].address) and
        O(config[].interface) (for example only an interface, to delete all its static addresses).
    type: list
    elements: dict
    suboptions:
      address:
        description:
          - The address with its prefix length, IPv4 (V(192.0.2.1/24)) or IPv6 (V(2001:db8::1/64)).
          - Without a length, V(/32) (V(/128) for IPv6) as the router assumes.
        type: str
      interface:
        description:
          - The interface the address is on, by name. It must exist on the router.
          - Required, except with O(state=deleted).
        type: str
      comment:
        description:
          - Comment of the entry. V("") removes it.
        type: str
      disabled:
        description:
          - Whether the address is disabled.
        type: bool
      network:
        description:
          - IPv4 only. The network address; the router derives it from the address when not set.
          - With O(state=replaced) and O(state=overridden), an address whose network was set by hand gets the
            derived one back unless it is given here.
        type: str
      advertise:
        description:
          - IPv6 only. Whether the prefix is advertised in router advertisements.
        type: bool
      no_dad:
        description:
          - IPv6 only. Whether duplicate address detection is skipped.
        type: bool
      dynamic:
        description:
          - Read-only. V(true) in the output for addresses the router made itself (DHCP, SLAAC, link-local).
          - An entry given with V(true) is ignored, so the output of O(state=gathered) can be fed back as O(config).
        type: bool
  state:
    description:
      - V(merged) adds missing addresses and sets the fields given on existing ones.
      - V(replaced) does the same and resets the fields that are not given (comment removed, enabled, IPv6
        V(advertise=true) and V(no_dad=false), IPv4 network derived) on the addresses listed.
      - V(overridden) does what V(replaced) does and removes every static address, IPv4 and IPv6, that is not listed.
      - V(deleted) removes the static addresses selected by O(config); with no O(config), every static address.
      - V(gathered) returns the addresses as O(config) entries in RV(gathered), changing nothing.
      - V(rendered) returns the commands that would add O(config) to a router without them, in RV(rendered),
        without connecting.
      - V(parsed) reads O(running_config) and returns it as O(config) entries in RV(parsed), without connecting.
    type: str
    choices: [merged, replaced, overridden, deleted, gathered, rendered, parsed]
    default: merged
  running_config:
    description:
      - With O(state=parsed), the configuration to parse. Either RouterOS C(/export) text (its C(/ip address) and
        C(/ipv6 address) sections; other sections are ignored), the commands RV(rendered) returns, or a JSON list
        of entries as RV(gathered) returns.
    type: str
notes:
  - Check mode computes and returns the same RV(commands) and sends no write; C(changed) tells whether anything
    would change.
  - With C(--diff), the task returns the entries that change, before and after, one line per entry.
  - With O(state=merged), O(state=replaced) or O(state=deleted) and at most 20 entries, all with an address, the
    router is asked only for those addresses, so RV(before) and RV(after) list only them.
  - RV(after) is read from the router after the writes, and is returned only when commands were sent (not in check
    mode).
  - See the collection's docs/resource-modules.md for the state semantics shared by all resource modules.
seealso:
  - module: tikops.routeros.interfaces
"""

EXAMPLES = r"""
- name: Addresses on the LAN bridge and the uplink
  tikops.routeros.ip_addresses:
    config:
      - address: 192.168.88.1/24
        interface: bridge1
        comment: lan
      - address: 2001:db8:1::1/64
        interface: bridge1
        advertise: true
      - address: 198.51.100.2/30
        interface: ether1

- name: Exactly these static addresses, nothing else (dynamic ones stay)
  tikops.routeros.ip_addresses:
    state: overridden
    config:
      - address: 192.168.88.1/24
        interface: bridge1

- name: Remove every static address of ether5
  tikops.routeros.ip_addresses:
    state: deleted
    config:
      - interface: ether5

- name: Read them
  tikops.routeros.ip_addresses:
    state: gathered
  register: addresses

- name: Turn an /export into config entries, offline
  tikops.routeros.ip_addresses:
    state: parsed
    running_config: "{{ lookup('file', 'router1.rsc') }}"
"""

RETURN = r"""
safe:
  description:
    - With O(safe=true), what the safe change did. C(method) (V(safe-mode) or V(confirmed-commit)), C(verified)
      (every check passed and the change was kept), C(reverted) (the change was undone; the task then fails),
      C(login) (the new login after the change - C(ok), C(seconds), C(error)), C(checks) (one result per
      O(safe_checks) item - C(name), C(passed), C(count)), C(revert) (how it was undone), C(writes), C(parts);
      for a confirmed commit also C(scheduler) (the entry's name), C(revert_at) and C(inverse) (the revert as
      console commands).
  returned: with O(safe=true), when the task had writes and did not run in check mode
  type: dict
before:
  description: The addresses before the task, as O(config) entries.
  returned: with states merged, replaced, overridden and deleted
  type: list
  elements: dict
  sample: [{address: 192.168.88.1/24, interface: bridge1, network: 192.168.88.0, disabled: false}]
after:
  description: The addresses after the task, read back from the router.
  returned: when commands were sent
  type: list
  elements: dict
commands:
  description: The changes, as readable commands (valid RouterOS 7 CLI syntax), in the order they are applied.
  returned: with states merged, replaced, overridden and deleted
  type: list
  elements: str
  sample: ['/ip/address/add address=192.0.2.1/24 interface=ether1', '/ip/address/remove [find address=10.0.0.1/24 interface=ether2]']
gathered:
  description: The addresses on the router, as O(config) entries.
  returned: with state gathered
  type: list
  elements: dict
rendered:
  description:
    - The commands that would add O(config) to a router that has none of it.
    - In the order of O(config), by the renderer of every module of the collection (the same text as
      M(tikops.routeros.menu) renders for these entries).
  returned: with state rendered
  type: list
  elements: str
parsed:
  description: O(running_config) as O(config) entries.
  returned: with state parsed
  type: list
  elements: dict
applied:
  description: When a write failed, the commands the router accepted.
  returned: failure of a write
  type: list
  elements: str
failed_commands:
  description: When a write failed, each refused command with the router's message.
  returned: failure of a write
  type: list
  elements: dict
  sample: [{command: '/ip/address/add address=192.0.2.1/24 interface=ether9', error: 'input does not match any value of interface'}]
not_attempted:
  description: When a write failed, the commands that were not sent.
  returned: failure of a write
  type: list
  elements: str
connection_lost:
  description: When the connection was lost, stalled or sent garbage during the writes, what happened.
  returned: when the connection failed during the writes
  type: str
confirmed:
  description:
    - Commands whose reply never came that reading the router back (over a new connection) showed took effect.
      They are in RV(applied) too.
  returned: when the connection failed during the writes
  type: list
  elements: str
not_applied:
  description: Commands whose reply never came that reading the router back showed did not take effect.
  returned: when the connection failed during the writes
  type: list
  elements: str
unknown:
  description: Commands whose reply never came and whose effect could not be read back; run the task again.
  returned: when the connection failed during the writes
  type: list
  elements: str
"""

from ansible_collections.tikops.routeros.plugins.module_utils.converge import resources
from ansible_collections.tikops.routeros.plugins.module_utils.converge import safe
from ansible_collections.tikops.routeros.plugins.module_utils.converge.resource_ip_addresses import CONFIG_OPTIONS, Addresses
from ansible_collections.tikops.routeros.plugins.module_utils.tasks.runner import module_main

ARGUMENT_SPEC = resources.resource_argspec(CONFIG_OPTIONS)
ARGUMENT_SPEC.update(safe.SAFE_SPEC)


def run(ctx):
    return resources.run_resource(ctx, Addresses())


def main():
    module_main(ARGUMENT_SPEC, run)


if __name__ == "__main__":
    main()
