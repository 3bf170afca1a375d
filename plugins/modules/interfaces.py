# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: interfaces
short_description: Manage the interfaces of a RouterOS router
version_added: 1.0.0
description:
  - Manages interfaces by name, as a network resource module. It covers the common settings of any interface
    (C(comment), C(disabled), C(mtu)), the settings of ethernet, VLAN, bridge and bonding interfaces, and the
    creation and removal of VLAN, bridge and bonding interfaces.
  - Each setting is written through the interface type's own menu (C(/interface/ethernet), C(/interface/vlan),
    C(/interface/bridge), C(/interface/bonding)); interfaces of other types (PPPoE, WireGuard, loopback, ...) can
    have their common settings changed through C(/interface).
  - Values are compared by meaning (V(yes) and V(true), V(1d) and V(24h), lists in any order where the router does
    not care), so a second run after a successful one reports C(changed=false).
  - Renaming is a change of the name on the same interface, never a removal and a new one. Name the interface to
    rename with O(config[].rename_from) (any type) or, for ethernet interfaces, O(config[].default_name).
  - Ethernet interfaces (and other interfaces that belong to hardware) are never removed. Where a state would remove
    one (V(deleted), V(overridden)), its settings are reset to their defaults instead, its name included (back to
    its default name).
  - Dynamic interfaces are reported with C(dynamic=true) and never changed or removed.
  - The changes are sent pipelined (one round trip for the reads; one for the writes, or a few when a change needs
    an earlier one to be done, such as a VLAN on a bridge added in the same task). If the router refuses a write,
    the task fails and returns what was applied, what failed with the router's message, and what was not attempted.
author:
  - tikops.routeros contributors (@tikops)
extends_documentation_fragment:
  - tikops.routeros.connection
  - tikops.routeros.safe
options:
  config:
    description:
      - The interfaces. Options are the RouterOS field names with C(-) written as C(_).
      - Required with O(state=merged), O(state=replaced), O(state=overridden) and O(state=rendered).
      - Options that do not apply to an interface's type fail the task before anything is written, and so do values
        outside an option's list of words (O(config[].arp), O(config[].tx_flow_control), O(config[].mode), ...).
    type: list
    elements: dict
    suboptions:
      name:
        description:
          - The interface's name (after any rename).
        type: str
        required: true
      type:
        description:
          - The type of the interface, needed to create one; V(vlan), V(bridge) and V(bonding) can be created.
          - For an interface that exists, it is checked when given. V(ethernet) names ethernet interfaces; other
            types are reported as the router names them (V(pppoe-out), V(wg), V(loopback), ...).
        type: str
      rename_from:
        description:
          - The interface's current name, to rename it to O(config[].name).
          - When an interface named O(config[].name) already exists, that one is managed and nothing is renamed.
        type: str
      default_name:
        description:
          - Ethernet only. Find the interface by its default (factory) name, such as V(ether1), whatever its name
            is now; it is renamed to O(config[].name) if needed.
          - Reported for ethernet interfaces.
        type: str
      comment:
        description:
          - Comment. V("") removes it.
        type: str
      disabled:
        description:
          - Whether the interface is disabled.
        type: bool
      mtu:
        description:
          - Layer 3 MTU, a number; V(auto) for bridges.
        type: raw
      l2mtu:
        description:
          - Ethernet only. Layer 2 MTU.
        type: int
      mac_address:
        description:
          - Ethernet only. The MAC address.
        type: str
      arp:
        description:
          - ARP mode, one of V(enabled), V(disabled), V(proxy-arp), V(reply-only) or V(local-proxy-arp). Not for
            other types.
          - A boolean is accepted too, since YAML reads a bare V(yes), V(no), V(on) or V(off) as one; V(true) means
            V(enabled) and V(false) means V(disabled).
          - Any other value fails the task before anything is written.
        type: raw
      arp_timeout:
        description:
          - ARP timeout, a duration or V(auto). Not for other types.
        type: str
      loop_protect:
        description:
          - Ethernet and VLAN. Loop protection, one of V(default), V(on) or V(off).
          - A bare V(on) or V(off) (a boolean in YAML) means V(on) or V(off). Any other value fails the task before
            anything is written.
        type: raw
      auto_negotiation:
        description:
          - Ethernet only. Whether the link speed is negotiated.
        type: bool
      advertise:
        description:
          - Ethernet only. Speeds advertised during negotiation (order does not matter).
        type: list
        elements: str
      speed:
        description:
          - Ethernet only. Link speed without negotiation.
        type: str
      tx_flow_control:
        description:
          - Ethernet only. Transmit flow control, one of V(on), V(off) or V(auto).
          - A bare V(on) or V(off) (a boolean in YAML) means V(on) or V(off). Any other value fails the task before
            anything is written.
        type: raw
      rx_flow_control:
        description:
          - Ethernet only. Receive flow control, one of V(on), V(off) or V(auto).
          - A bare V(on) or V(off) (a boolean in YAML) means V(on) or V(off). Any other value fails the task before
            anything is written.
        type: raw
      vlan_id:
        description:
          - VLAN only. The VLAN ID; needed to create a VLAN.
        type: int
      interface:
        description:
          - VLAN only. The interface the VLAN is on; needed to create a VLAN.
        type: str
      use_service_tag:
        description:
          - VLAN only. Whether the VLAN is an 802.1ad service VLAN.
        type: bool
      protocol_mode:
        description:
          - Bridge only. V(none), V(stp), V(rstp) or V(mstp); any other value fails the task before anything is
            written.
        type: str
      vlan_filtering:
        description:
          - Bridge only. Whether the bridge filters VLANs.
        type: bool
      igmp_snooping:
        description:
          - Bridge only. Whether IGMP snooping is on.
        type: bool
      dhcp_snooping:
        description:
          - Bridge only. Whether DHCP snooping is on.
        type: bool
      pvid:
        description:
          - Bridge only. The bridge's own port VLAN ID.
        type: int
      frame_types:
        description:
          - Bridge only. Frame types the bridge's own port admits, one of V(admit-all),
            V(admit-only-untagged-and-priority-tagged) or V(admit-only-vlan-tagged).
        type: str
      ageing_time:
        description:
          - Bridge only. How long a learned host is kept, a duration (V(5m)).
        type: str
      priority:
        description:
          - Bridge only. Bridge priority for STP (V(0x8000)).
        type: str
      auto_mac:
        description:
          - Bridge only. Whether the bridge takes its MAC address from a port.
        type: bool
      admin_mac:
        description:
          - Bridge only. The bridge's MAC address when O(config[].auto_mac=false).
        type: str
      fast_forward:
        description:
          - Bridge only. Whether fast forward is on.
        type: bool
      slaves:
        description:
          - Bonding only. The member interfaces (order does not matter); needed to create a bonding.
        type: list
        elements: str
      mode:
        description:
          - Bonding only. Bonding mode, one of V(802.3ad), V(active-backup), V(balance-alb), V(balance-rr),
            V(balance-tlb), V(balance-xor) or V(broadcast).
        type: str
      primary:
        description:
          - Bonding only. The primary slave, or V(none).
        type: str
      link_monitoring:
        description:
          - Bonding only. V(mii), V(arp) or V(none).
        type: str
      mii_interval:
        description:
          - Bonding only. How often the link is checked, a duration.
        type: str
      transmit_hash_policy:
        description:
          - Bonding only. How traffic is spread over the slaves, one of V(encap-2-3), V(encap-3-4), V(layer-2),
            V(layer-2-and-3) or V(layer-3-and-4).
        type: str
      lacp_rate:
        description:
          - Bonding only. V(30secs) or V(1sec).
        type: str
      min_links:
        description:
          - Bonding only. The least number of active links.
        type: int
      dynamic:
        description:
          - Read-only. V(true) in the output for interfaces the router made itself.
          - An entry given with V(true) is ignored, so the output of O(state=gathered) can be fed back as O(config).
        type: bool
  state:
    description:
      - V(merged) creates missing VLAN, bridge and bonding interfaces and sets the options given.
      - V(replaced) does the same and resets the options that are not given to their defaults, on the interfaces
        listed. Options without a fixed default (C(l2mtu), C(mac_address), C(advertise), C(speed)) are left as they are.
      - V(overridden) does what V(replaced) does, removes the VLAN, bridge and bonding interfaces that are not listed,
        and resets every other interface that is not listed (ethernet interfaces get their default names back).
      - V(deleted) removes the listed VLAN, bridge and bonding interfaces and resets the others (matched by name,
        O(config[].rename_from) or O(config[].default_name)); with no O(config), every interface.
      - V(gathered) returns the interfaces as O(config) entries in RV(gathered), changing nothing.
      - V(rendered) returns the commands that would configure O(config) on a router, in RV(rendered), without
        connecting. Interfaces with O(config[].type) V(vlan), V(bridge) or V(bonding) are added; the others are set.
      - V(parsed) reads O(running_config) and returns it as O(config) entries in RV(parsed), without connecting.
    type: str
    choices: [merged, replaced, overridden, deleted, gathered, rendered, parsed]
    default: merged
  running_config:
    description:
      - With O(state=parsed), the configuration to parse. Either RouterOS C(/export) text (its C(/interface),
        C(/interface ethernet), C(/interface vlan), C(/interface bridge) and C(/interface bonding) sections; others
        are ignored), the commands RV(rendered) returns, or a JSON list of entries as RV(gathered) returns.
    type: str
notes:
  - Check mode computes and returns the same RV(commands) and sends no write; C(changed) tells whether anything
    would change.
  - With C(--diff), the task returns the interfaces that change, before and after, one line per interface.
  - RV(after) is read from the router after the writes, and is returned only when commands were sent (not in check
    mode).
  - See the collection's docs/resource-modules.md for the state semantics shared by all resource modules.
seealso:
  - module: tikops.routeros.ip_addresses
"""

EXAMPLES = r"""
- name: A bridge, two VLANs on it, and a named uplink
  tikops.routeros.interfaces:
    config:
      - name: bridge1
        type: bridge
        vlan_filtering: true
      - name: vlan10
        type: vlan
        vlan_id: 10
        interface: bridge1
        comment: users
      - name: vlan20
        type: vlan
        vlan_id: 20
        interface: bridge1
      - name: wan
        default_name: ether1
        comment: uplink
        mtu: 1500

- name: Rename a VLAN (the same interface, with its addresses and rules)
  tikops.routeros.interfaces:
    config:
      - name: vlan10-users
        rename_from: vlan10

- name: Remove a VLAN, and reset ether5 to its defaults
  tikops.routeros.interfaces:
    state: deleted
    config:
      - name: vlan20
      - name: ether5

- name: What would change, without changing it
  tikops.routeros.interfaces:
    state: replaced
    config:
      - name: ether2
        comment: office
  check_mode: true
  diff: true
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
  description: The interfaces before the task, as O(config) entries.
  returned: with states merged, replaced, overridden and deleted
  type: list
  elements: dict
  sample: [{name: ether1, type: ethernet, default_name: ether1, mtu: 1500, disabled: false}]
after:
  description: The interfaces after the task, read back from the router.
  returned: when commands were sent
  type: list
  elements: dict
commands:
  description: The changes, as readable commands (valid RouterOS 7 CLI syntax), in the order they are applied.
  returned: with states merged, replaced, overridden and deleted
  type: list
  elements: str
  sample: ['/interface/vlan/add interface=bridge1 name=vlan10 vlan-id=10', '/interface/ethernet/set [find name=ether1] name=wan']
gathered:
  description: The interfaces on the router, as O(config) entries.
  returned: with state gathered
  type: list
  elements: dict
rendered:
  description:
    - The commands that would configure O(config).
    - In the order of O(config), except that a command that makes a name (an add, a rename) comes before the
      commands that use it, so the text can be pasted into a console as it is; secret values are shown as
      C(********).
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
from ansible_collections.tikops.routeros.plugins.module_utils.converge.resource_interfaces import CONFIG_OPTIONS, Interfaces
from ansible_collections.tikops.routeros.plugins.module_utils.tasks.runner import module_main

ARGUMENT_SPEC = resources.resource_argspec(CONFIG_OPTIONS)
ARGUMENT_SPEC.update(safe.SAFE_SPEC)


def run(ctx):
    return resources.run_resource(ctx, Interfaces())


def main():
    module_main(ARGUMENT_SPEC, run)


if __name__ == "__main__":
    main()
