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
options:
  config:
    description:
      - The interfaces. Options are the RouterOS field names with C(-) written as C(_).
      - Required with O(state=merged), O(state=replaced), O(state=overridden) and O(state=rendered).
      - Options that do not apply to an interface's type fail the task before anything is written.
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
          - ARP mode (V(enabled), V(disabled), V(proxy-arp), V(reply-only), V(local-proxy-arp)). Not for other types.
        type: str
      arp_timeout:
        description:
          - ARP timeout, a duration or V(auto). Not for other types.
        type: str
      loop_protect:
        description:
          - Ethernet and VLAN. Loop protection (V(default), V(on), V(off)).
        type: str
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
          - Ethernet only. V(on), V(off) or V(auto).
        type: str
      rx_flow_control:
        description:
          - Ethernet only. V(on), V(off) or V(auto).
        type: str
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
          - Bridge only. V(none), V(stp), V(rstp) or V(mstp).
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
          - Bridge only. Frame types the bridge's own port admits.
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
          - Bonding only. Bonding mode (V(802.3ad), V(active-backup), V(balance-rr), ...).
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
          - Bonding only. How traffic is spread over the slaves.
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
  description: The commands that would configure O(config).
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
"""

from ansible_collections.tikops.routeros.plugins.module_utils import engine
from ansible_collections.tikops.routeros.plugins.module_utils import resources
from ansible_collections.tikops.routeros.plugins.module_utils.errors import UserInputError
from ansible_collections.tikops.routeros.plugins.module_utils.runner import module_main

# The menus, as data. Defaults are what a reset restores; fields without one are never reset.
_COMMENT = dict(kind="str", default="", empty_is_absent=True)
_DISABLED = dict(kind="bool", default=False)
_ARP = dict(kind="str", default="enabled")
_ARP_TIMEOUT = dict(kind="duration", default="auto")

ETHERNET = dict(
    path="/interface/ethernet", label="ethernet", keys=("name",), fixed=True, name_field="name",
    fields={
        "name": dict(kind="str", default_from="default-name"),
        "comment": _COMMENT, "disabled": _DISABLED,
        "mtu": dict(kind="int", default=1500),
        "l2mtu": dict(kind="int"),
        "mac-address": dict(kind="mac"),
        "arp": _ARP, "arp-timeout": _ARP_TIMEOUT,
        "loop-protect": dict(kind="str", default="default"),
        "auto-negotiation": dict(kind="bool", default=True),
        "advertise": dict(kind="set"),
        "speed": dict(kind="str"),
        "tx-flow-control": dict(kind="str", default="off"),
        "rx-flow-control": dict(kind="str", default="off"),
    },
    read_only=("default-name",),
)
VLAN = dict(
    path="/interface/vlan", label="vlan", keys=("name",), name_field="name", ref_fields=("interface",),
    fields={
        "name": dict(kind="str"),
        "comment": _COMMENT, "disabled": _DISABLED,
        "mtu": dict(kind="int", default=1500),
        "arp": _ARP, "arp-timeout": _ARP_TIMEOUT,
        "loop-protect": dict(kind="str", default="default"),
        "vlan-id": dict(kind="int", required=True),
        "interface": dict(kind="str", required=True),
        "use-service-tag": dict(kind="bool", default=False),
    },
)
BRIDGE = dict(
    path="/interface/bridge", label="bridge", keys=("name",), name_field="name",
    fields={
        "name": dict(kind="str"),
        "comment": _COMMENT, "disabled": _DISABLED,
        "mtu": dict(kind="int", default="auto"),
        "arp": _ARP, "arp-timeout": _ARP_TIMEOUT,
        "protocol-mode": dict(kind="str", default="rstp"),
        "vlan-filtering": dict(kind="bool", default=False),
        "igmp-snooping": dict(kind="bool", default=False),
        "dhcp-snooping": dict(kind="bool", default=False),
        "pvid": dict(kind="int", default=1),
        "frame-types": dict(kind="str", default="admit-all"),
        "ageing-time": dict(kind="duration", default="5m"),
        "priority": dict(kind="int", default="0x8000"),
        "auto-mac": dict(kind="bool", default=True),
        "admin-mac": dict(kind="mac", default=""),
        "fast-forward": dict(kind="bool", default=True),
    },
)
BONDING = dict(
    path="/interface/bonding", label="bonding", keys=("name",), name_field="name", ref_fields=("slaves", "primary"),
    fields={
        "name": dict(kind="str"),
        "comment": _COMMENT, "disabled": _DISABLED,
        "mtu": dict(kind="int", default=1500),
        "arp": _ARP, "arp-timeout": _ARP_TIMEOUT,
        "slaves": dict(kind="set", required=True),
        "mode": dict(kind="str", default="balance-rr"),
        "primary": dict(kind="str", default="none"),
        "link-monitoring": dict(kind="str", default="mii"),
        "mii-interval": dict(kind="duration", default="100ms"),
        "transmit-hash-policy": dict(kind="str", default="layer-2"),
        "lacp-rate": dict(kind="str", default="30secs"),
        "min-links": dict(kind="int", default=0),
    },
)
# Interfaces of any other type: common fields through /interface; never added or removed.
OTHER = dict(
    path="/interface", label="other", keys=("name",), fixed=True, name_field="name",
    fields={
        "name": dict(kind="str"),
        "comment": _COMMENT, "disabled": _DISABLED,
        "mtu": dict(kind="int"),
    },
    read_only=("type",),
)
# type option -> (menu declaration, the router's /interface type, can be created)
TYPES = {
    "ethernet": (ETHERNET, "ether", False),
    "vlan": (VLAN, "vlan", True),
    "bridge": (BRIDGE, "bridge", True),
    "bonding": (BONDING, "bond", True),
}
OPTIONS_NOT_FIELDS = ("name", "type", "rename_from", "default_name", "dynamic")
QUERYABLE_FLAGS = ("dynamic",)

CONFIG_OPTIONS = dict(
    name=dict(type="str", required=True),
    type=dict(type="str"),
    rename_from=dict(type="str"),
    default_name=dict(type="str"),
    comment=dict(type="str"),
    disabled=dict(type="bool"),
    mtu=dict(type="raw"),
    l2mtu=dict(type="int"),
    mac_address=dict(type="str"),
    arp=dict(type="str"),
    arp_timeout=dict(type="str"),
    loop_protect=dict(type="str"),
    auto_negotiation=dict(type="bool"),
    advertise=dict(type="list", elements="str"),
    speed=dict(type="str"),
    tx_flow_control=dict(type="str"),
    rx_flow_control=dict(type="str"),
    vlan_id=dict(type="int"),
    interface=dict(type="str"),
    use_service_tag=dict(type="bool"),
    protocol_mode=dict(type="str"),
    vlan_filtering=dict(type="bool"),
    igmp_snooping=dict(type="bool"),
    dhcp_snooping=dict(type="bool"),
    pvid=dict(type="int"),
    frame_types=dict(type="str"),
    ageing_time=dict(type="str"),
    priority=dict(type="str"),
    auto_mac=dict(type="bool"),
    admin_mac=dict(type="str"),
    fast_forward=dict(type="bool"),
    slaves=dict(type="list", elements="str"),
    mode=dict(type="str"),
    primary=dict(type="str"),
    link_monitoring=dict(type="str"),
    mii_interval=dict(type="str"),
    transmit_hash_policy=dict(type="str"),
    lacp_rate=dict(type="str"),
    min_links=dict(type="int"),
    dynamic=dict(type="bool"),
)
ARGUMENT_SPEC = resources.resource_argspec(CONFIG_OPTIONS)


class Wanted:
    """A config entry before it is placed in a menu (that needs the router's interfaces, except to render)."""

    def __init__(self, index, entry):
        self.index = index
        self.name = entry["name"]
        self.type = entry.get("type")
        self.rename_from = entry.get("rename_from")
        self.default_name = entry.get("default_name")
        self.options = dict((k, v) for k, v in entry.items() if v is not None and k not in OPTIONS_NOT_FIELDS)
        self.label = "config[%d] (interface %s)" % (index, self.name)


class Interfaces(resources.Resource):
    name = "interfaces"

    def __init__(self):
        self.menus = dict((t, engine.Menu.from_decl(decl)) for t, (decl, dummy, dummy2) in TYPES.items())
        self.other = engine.Menu.from_decl(OTHER)
        self.router_types = dict((rtype, t) for t, (dummy, rtype, dummy2) in TYPES.items())

    # -- input --------------------------------------------------------------------------------------------

    def desired(self, config, state):
        wanted = []
        names = {}
        for index, entry in enumerate(config or []):
            if entry.get("dynamic"):
                continue
            if not entry.get("name"):
                raise UserInputError("config[%d]: name is required" % index)
            item = Wanted(index, entry)
            if item.name in names:
                raise UserInputError("%s: interface %s is listed twice (also config[%d])" % (
                    item.label, item.name, names[item.name]))
            names[item.name] = index
            if item.default_name is not None and item.type not in (None, "ethernet"):
                raise UserInputError("%s: default_name applies to ethernet interfaces only, not %s" % (
                    item.label, item.type))
            if item.type in self.menus:
                self._values(item, self.menus[item.type])  # options that do not apply fail now
            wanted.append(item)
        return wanted

    def _values(self, item, menu):
        values = {"name": item.name}
        for option, value in item.options.items():
            field = resources.api_name(option)
            if field not in menu.fields or field in menu.read_only:
                kind = "%s interfaces" % menu.label if menu is not self.other else "interfaces of this type"
                raise UserInputError("%s: %s does not apply to %s" % (item.label, option, kind))
            values[field] = value
        return values

    def _desired_in(self, item, menu):
        find = {}
        if item.rename_from:
            find["name"] = item.rename_from
        if item.default_name:
            find["default-name"] = item.default_name
        return engine.Desired(menu, self._values(item, menu), find=find, origin=item.label)

    # -- rendered -----------------------------------------------------------------------------------------

    def render(self, desired):
        return engine.render(self.render_desired(desired)).commands

    def render_desired(self, wanted):
        out = []
        for item in wanted:
            if item.type in self.menus:
                menu = self.menus[item.type]
            elif item.default_name:
                menu = self.menus["ethernet"]
            else:
                menu = self.other
            out.append(self._desired_in(item, menu))
        return out

    # -- reading ------------------------------------------------------------------------------------------

    def reads(self, state, desired):
        reads = [engine.Read("/interface", [".id", "name", "type", "dynamic"] + [
            f for f in self.other.proplist() if f not in (".id", "name", "type", "dynamic", "builtin")])]
        for t in TYPES:
            menu = self.menus[t]
            reads.append(engine.Read(menu.path, [f for f in menu.proplist() if f not in ("dynamic", "builtin")]))
        return reads

    def current(self, rows):
        general = rows[0]
        by_name = dict((r.get("name"), r) for r in general)
        current = {}
        for t, got in zip(TYPES, rows[1:]):
            for row in got:
                info = by_name.get(row.get("name")) or {}
                if engine.truthy(info.get("dynamic")):
                    row["dynamic"] = "true"
            current[t] = got
        known = set(rtype for dummy, rtype, dummy2 in TYPES.values())
        current["other"] = [r for r in general if r.get("type") not in known]
        return current

    def _locate(self, item, current):
        """(type key, row) of the interface ``item`` names, or (None, None)."""
        for how in ("name", "rename_from", "default_name"):
            for t in list(TYPES) + ["other"]:
                for row in current[t]:
                    if how == "name" and row.get("name") == item.name:
                        return t, row
                    if how == "rename_from" and item.rename_from and row.get("name") == item.rename_from:
                        return t, row
                    if how == "default_name" and item.default_name and row.get("default-name") == item.default_name:
                        return t, row
        return None, None

    def _type_of(self, t, row):
        if t == "other":
            return row.get("type") or "unknown"
        return t

    def plan_items(self, desired, current, state):
        wanted = desired
        per_menu = dict((t, []) for t in list(TYPES) + ["other"])
        for item in wanted:
            t, row = self._locate(item, current)
            if row is not None:
                actual = self._type_of(t, row)
                if item.type is not None and item.type != actual:
                    raise UserInputError("%s: %s is a %s interface, not %s" % (
                        item.label, row.get("name"), actual, item.type))
                if item.default_name and t != "ethernet":
                    raise UserInputError("%s: default_name applies to ethernet interfaces only; %s is %s" % (
                        item.label, row.get("name"), actual))
                menu = self.menus.get(t, self.other)
                per_menu[t].append(self._desired_in(item, menu))
                continue
            if state == "deleted":
                continue
            if item.type in TYPES and TYPES[item.type][2]:
                per_menu[item.type].append(self._desired_in(item, self.menus[item.type]))
                continue
            if item.default_name or item.type == "ethernet":
                raise UserInputError("%s: there is no ethernet interface named %s%s; ethernet interfaces cannot be "
                                     "created" % (item.label, item.name, " or with default name %s" % item.default_name
                                                  if item.default_name else ""))
            if item.type is None:
                raise UserInputError("%s: there is no interface named %s%s; give type (vlan, bridge or bonding) to "
                                     "create one" % (item.label, item.name, " or %s" % item.rename_from
                                                     if item.rename_from else ""))
            raise UserInputError("%s: interfaces of type %s cannot be created by this module (only vlan, bridge and "
                                 "bonding)" % (item.label, item.type))
        names = set(r.get("name") for rows in current.values() for r in rows) | set(i.name for i in wanted)
        for entries in per_menu.values():
            for want in entries:
                parent = want.values.get("interface")
                if parent is not None and parent not in names:
                    raise UserInputError("%s: interface %r (the VLAN's parent) does not exist on the router and is "
                                         "not created by this task; nothing was changed" % (want.describe(), parent))
        items = []
        for t, entries in per_menu.items():
            menu = self.menus.get(t, self.other)
            if state == "deleted" and wanted and not entries:
                continue
            items.append((menu, entries, current[t]))
        return items

    def check(self, desired, current, state):
        return None

    # -- output -------------------------------------------------------------------------------------------

    def _entry(self, t, menu, row):
        entry = {"name": row.get("name")}
        entry["type"] = row.get("type") if t == "other" and row.get("type") else t
        if row.get("default-name"):
            entry["default_name"] = row.get("default-name")
        for field in menu.fields:
            if field == "name":
                continue
            value = row.get(field)
            if value is None or (field == "comment" and value == ""):
                continue
            entry[resources.option_name(field)] = resources.from_router(menu.field(field).kind, value)
        if engine.truthy(row.get("dynamic")):
            entry["dynamic"] = True
        return entry

    def facts(self, current):
        out = []
        for t in list(TYPES) + ["other"]:
            menu = self.menus.get(t, self.other)
            for row in current[t]:
                out.append(self._entry(t, menu, row))
        return out

    def parse(self, text):
        kind, data = resources.parse_running_config(text)
        if kind == "list":
            out = []
            for index, entry in enumerate(data):
                unknown = set(entry) - set(CONFIG_OPTIONS)
                if unknown:
                    raise UserInputError("running_config[%d]: unknown keys %s" % (index, ", ".join(sorted(unknown))))
                if "name" not in entry:
                    raise UserInputError("running_config[%d]: name is missing" % index)
                out.append(dict(entry))
            return out
        paths = dict((self.menus[t].path, t) for t in TYPES)
        paths[self.other.path] = "other"
        out = []
        seen = {}
        for cmd in data:
            t = paths.get(cmd["path"])
            if t is None or cmd["verb"] not in ("add", "set"):
                continue
            menu = self.menus.get(t, self.other)
            row = dict((k, v) for k, v in cmd["attrs"].items() if k in menu.fields or k == "default-name")
            selector = dict(cmd["find"])
            for pos in cmd["positional"]:
                if isinstance(pos, str) and cmd["verb"] == "set":
                    selector.setdefault("name", pos)
            if cmd["verb"] == "set":
                if "default-name" in selector:
                    row["default-name"] = selector["default-name"]
                    row.setdefault("name", selector["default-name"])
                elif "name" in selector:
                    row.setdefault("name", selector["name"])
            if not row.get("name"):
                raise UserInputError("running_config line %d: an interface without a name" % cmd["line"])
            entry = self._entry(t, menu, row)
            if t == "other":
                entry.pop("type", None)
            key = selector.get("name") or selector.get("default-name") or entry["name"]
            if key in seen:
                seen[key].update(entry)
            else:
                seen[key] = entry
                out.append(entry)
        return out


def run(ctx):
    return resources.run_resource(ctx, Interfaces())


def main():
    module_main(ARGUMENT_SPEC, run)


if __name__ == "__main__":
    main()
