# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: facts
short_description: Gather facts from MikroTik RouterOS through the API
version_added: 1.0.0
description:
  - Reads identity, version, hardware, interfaces with their addresses, neighbors and routing from a RouterOS router
    and returns them as C(ansible_net_*) facts, with the names M(community.routeros.api_facts) uses.
  - Every read of a run is sent at once, tagged, each asking only for the fields it uses, so a run costs one round
    trip to the router after the login, whatever the subsets.
  - Works on RouterOS 6 and 7. Their routing menus differ; the reads of both go out together and the menus the
    router does not have are skipped quietly.
  - Runs as C(gather_facts) when the inventory sets C(ansible_facts_modules=[tikops.routeros.facts]); see the
    collection's C(docs/modules.md).
author:
  - tikops.routeros contributors (@tikops)
extends_documentation_fragment:
  - tikops.routeros.connection
options:
  gather_subset:
    description:
      - Which facts to gather. V(default) (also called V(min), as in other network collections) is always gathered;
        V(hardware) adds memory and disk figures; V(interfaces) adds interfaces, addresses and neighbors; V(routing)
        adds routes, OSPF and BGP; V(all) is every subset.
      - A value that starts with V(!) excludes that subset, for example V(!routing). Exclusions alone start from V(all).
      - The default gathers what inventory fact gathering is expected to give, identity, version, model, memory,
        interfaces with their addresses and neighbors (V(default), V(hardware) and V(interfaces)), and leaves
        V(routing) out until it is asked for. This is also what a plain C(gather_facts) run gathers, since
        C(gather_facts) does not pass the play's C(gather_subset) to this module.
      - Narrow it with V([min]) (identity and version only), or widen it with V([all]) (what
        M(community.routeros.api_facts) gathers by default); under C(gather_facts), set it with C(module_defaults).
      - V(routing) reads the whole IPv4 route table; leave it out on routers that carry full BGP tables.
    type: list
    elements: str
    default: [default, hardware, interfaces]
  gather_network_resources:
    description:
      - Network resources to return in C(ansible_network_resources), exactly as the resource modules return them
        under C(gathered) (the same code builds them), so they can be fed back to those modules as their
        O(tikops.routeros.interfaces#module:config).
        V(all) is every resource; V(!name) excludes one.
      - Known resources are V(interfaces) and V(ip_addresses).
      - Their reads join the same single round trip.
    type: list
    elements: str
  available_network_resources:
    description:
      - Also return the names of the network resources this module can gather, in
        C(ansible_net_available_network_resources).
    type: bool
    default: false
notes:
  - Check mode is supported; the module only reads.
  - With the P(tikops.routeros.api#connection) connection plugin no connection options are needed.
seealso:
  - module: tikops.routeros.command
"""

EXAMPLES = r"""
- name: Gather the default facts (everything but routing)
  tikops.routeros.facts:

- name: Gather only identity, version and model
  tikops.routeros.facts:
    gather_subset: [min]

- name: Gather everything but routing, and the interfaces resource
  tikops.routeros.facts:
    gather_subset:
      - "!routing"
    gather_network_resources:
      - interfaces

- name: Show what was found
  ansible.builtin.debug:
    msg: "{{ ansible_net_hostname }} runs RouterOS {{ ansible_net_version }} on {{ ansible_net_model }}"

# Inventory lines that make `gather_facts: true` use this module:
#   all:
#     vars:
#       ansible_connection: tikops.routeros.api
#       ansible_network_os: tikops.routeros.routeros
#       ansible_facts_modules: [tikops.routeros.facts]
"""

RETURN = r"""
ansible_facts:
  description: The facts gathered.
  returned: always
  type: dict
  contains:
    ansible_net_gather_subset:
      description: The subsets gathered, sorted.
      returned: always
      type: list
      elements: str
      sample: [default, interfaces]
    ansible_net_gather_network_resources:
      description: The network resources gathered.
      returned: always
      type: list
      elements: str
    ansible_network_resources:
      description: The network resources gathered, by name, each a list of entries.
      returned: always
      type: dict
    ansible_net_available_network_resources:
      description: The network resources this module can gather.
      returned: when O(available_network_resources=true)
      type: list
      elements: str
    ansible_net_system:
      description: Always V(routeros).
      returned: always
      type: str
    ansible_net_hostname:
      description: The router's identity (C(/system/identity)).
      returned: always
      type: str
      sample: core1
    ansible_net_version:
      description: The RouterOS version as the router states it.
      returned: always
      type: str
      sample: 7.16 (stable)
    ansible_net_arch:
      description: The CPU architecture.
      returned: always
      type: str
      sample: arm64
    ansible_net_model:
      description: The RouterBOARD model; for CHR and x86, the board name.
      returned: always
      type: str
      sample: CCR2004-1G-12S+2XS
    ansible_net_serialnum:
      description: The RouterBOARD serial number; V(null) on CHR and x86.
      returned: always
      type: str
    ansible_net_uptime:
      description: Time since boot, as RouterOS writes durations.
      returned: always
      type: str
      sample: 1w2d3h4m5s
    ansible_net_cpu_load:
      description: CPU load in percent.
      returned: always
      type: int
    ansible_net_memfree_mb:
      description: Free memory in MiB.
      returned: when the V(hardware) subset is gathered
      type: float
    ansible_net_memtotal_mb:
      description: Total memory in MiB.
      returned: when the V(hardware) subset is gathered
      type: float
    ansible_net_spacefree_mb:
      description: Free disk space in MiB.
      returned: when the V(hardware) subset is gathered
      type: float
    ansible_net_spacetotal_mb:
      description: Total disk space in MiB.
      returned: when the V(hardware) subset is gathered
      type: float
    ansible_net_interfaces:
      description:
        - Interfaces by name, with their RouterOS fields (C(type), C(mtu), C(mac-address), C(running), ...) and
          C(ipv4) and C(ipv6) lists of C({address, subnet}) for the addresses in use (disabled ones left out).
      returned: when the V(interfaces) subset is gathered
      type: dict
    ansible_net_all_ipv4_addresses:
      description: Every IPv4 address in use, without prefix length.
      returned: when the V(interfaces) subset is gathered
      type: list
      elements: str
    ansible_net_all_ipv6_addresses:
      description: Every IPv6 address in use, without prefix length.
      returned: when the V(interfaces) subset is gathered
      type: list
      elements: str
    ansible_net_neighbors:
      description: Neighbors found by discovery (C(/ip/neighbor)).
      returned: when the V(interfaces) subset is gathered
      type: list
      elements: dict
    ansible_net_route:
      description:
        - IPv4 routes grouped by routing table (C(routing-table) on RouterOS 7, C(routing-mark) on RouterOS 6;
          V(main) when none), each a list of routes.
      returned: when the V(routing) subset is gathered
      type: dict
    ansible_net_ospf_instance:
      description: OSPF instances by name.
      returned: when the V(routing) subset is gathered
      type: dict
    ansible_net_ospf_neighbor:
      description: OSPF neighbors grouped by instance, each a list.
      returned: when the V(routing) subset is gathered
      type: dict
    ansible_net_bgp_instance:
      description: BGP instances by name (RouterOS 6, and 7.20 and later); empty when the router has none.
      returned: when the V(routing) subset is gathered
      type: dict
    ansible_net_bgp_peer:
      description: BGP peers by name.
      returned: when the V(routing) subset is gathered on RouterOS 6
      type: dict
    ansible_net_bgp_vpnv4_route:
      description: BGP VPNv4 routes.
      returned: when the V(routing) subset is gathered on RouterOS 6
      type: list
      elements: dict
    ansible_net_bgp_connection:
      description: BGP connections by name.
      returned: when the V(routing) subset is gathered on RouterOS 7
      type: dict
    ansible_net_bgp_session:
      description: BGP sessions by name.
      returned: when the V(routing) subset is gathered on RouterOS 7
      type: dict
"""

from ansible_collections.tikops.routeros.plugins.module_utils.tasks import facts
from ansible_collections.tikops.routeros.plugins.module_utils.tasks.runner import module_main

ARGUMENT_SPEC = dict(
    gather_subset=dict(type="list", elements="str", default=list(facts.DEFAULT_GATHER_SUBSET)),
    gather_network_resources=dict(type="list", elements="str"),
    available_network_resources=dict(type="bool", default=False),
)


def run(ctx):
    params = ctx.params
    # names are checked before the router is contacted
    subsets = facts.resolve_subsets(params["gather_subset"])
    resources = facts.resolve_resources(params.get("gather_network_resources"))
    ansible_facts, warnings = facts.gather(ctx.session, subsets, resources)
    for warning in warnings:
        ctx.warn(warning)
    if params.get("available_network_resources"):
        ansible_facts["ansible_net_available_network_resources"] = sorted(facts.NETWORK_RESOURCES)
    return dict(changed=False, ansible_facts=ansible_facts)


def main():
    module_main(ARGUMENT_SPEC, run)


if __name__ == "__main__":
    main()
