# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The interfaces resource: its menus (as data) and how it reads, plans, reports and parses.

Shared by the ``tikops.routeros.interfaces`` module (every state) and ``tikops.routeros.facts``
(``gather_network_resources``), so both return the very same entries. Nothing here knows about Ansible.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tikops.routeros.plugins.module_utils.catalog import catalog
from ansible_collections.tikops.routeros.plugins.module_utils.catalog import overlay
from ansible_collections.tikops.routeros.plugins.module_utils.converge import engine
from ansible_collections.tikops.routeros.plugins.module_utils.converge import planner
from ansible_collections.tikops.routeros.plugins.module_utils.converge import resources
from ansible_collections.tikops.routeros.plugins.module_utils.core import values as _values
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError
from ansible_collections.tikops.routeros.plugins.module_utils.core import console

# The menus this resource manages: which fields it offers and how it compares them (kinds). What a reset restores
# (the field's default) and the words a field takes are menu facts: the catalog (the command trees) and its overlay
# (catalog/overlay.py: hand-kept facts, each with its source) hold them, for this module and tikops.routeros.menu
# alike. A field without a known default is never reset.
_FIXED_DEFAULTS = {"comment": dict(empty_is_absent=True)}


def _decl(path, label, kinds, **extra):
    defaults = dict(overlay.COMMON_DEFAULTS)
    defaults.update(overlay.DEFAULTS.get(path, {}))
    fields = {}
    for name, kind in kinds.items():
        field = dict(kind=kind) if isinstance(kind, str) else dict(kind)
        field.update(_FIXED_DEFAULTS.get(name, {}))
        if name in defaults and "default_from" not in field:
            default = defaults[name]
            # a boolean reset is written as the module writes any boolean it is given (values.to_api)
            field["default"] = _values.truthy(default) if field["kind"] == "bool" else default
        fields[name] = field
    return dict(path=path, label=label, keys=("name",), name_field="name", fields=fields, **extra)


_COMMON = {"comment": "str", "disabled": "bool"}
_L3 = {"arp": "str", "arp-timeout": "duration"}

ETHERNET = _decl("/interface/ethernet", "ethernet", dict(
    _COMMON, **_L3, **{
        "name": dict(kind="str", default_from="default-name"),
        "mtu": "int", "l2mtu": "int", "mac-address": "mac", "loop-protect": "str", "auto-negotiation": "bool",
        "advertise": "set", "speed": "str", "tx-flow-control": "str", "rx-flow-control": "str",
    }), fixed=True, read_only=("default-name",))
VLAN = _decl("/interface/vlan", "vlan", dict(
    _COMMON, **_L3, **{
        "name": "str", "mtu": "int", "loop-protect": "str", "use-service-tag": "bool",
        "vlan-id": dict(kind="int", required=True), "interface": dict(kind="str", required=True),
    }), ref_fields=("interface",))
BRIDGE = _decl("/interface/bridge", "bridge", dict(
    _COMMON, **_L3, **{
        "name": "str", "mtu": "int", "protocol-mode": "str", "vlan-filtering": "bool", "igmp-snooping": "bool",
        "dhcp-snooping": "bool", "pvid": "int", "frame-types": "str", "ageing-time": "duration", "priority": "int",
        "auto-mac": "bool", "admin-mac": "mac", "fast-forward": "bool",
    }))
BONDING = _decl("/interface/bonding", "bonding", dict(
    _COMMON, **_L3, **{
        "name": "str", "mtu": "int", "slaves": dict(kind="set", required=True), "mode": "str", "primary": "str",
        "link-monitoring": "str", "mii-interval": "duration", "transmit-hash-policy": "str", "lacp-rate": "str",
        "min-links": "int",
    }), ref_fields=("slaves", "primary"))
# Interfaces of any other type: common fields through /interface; never added or removed.
OTHER = _decl("/interface", "other", dict(_COMMON, name="str", mtu="int"), fixed=True, read_only=("type",))
OTHER["fields"]["mtu"].pop("default", None)  # the default MTU depends on the interface's type
# type option -> (menu declaration, the router's /interface type, can be created)
TYPES = {
    "ethernet": (ETHERNET, "ether", False),
    "vlan": (VLAN, "vlan", True),
    "bridge": (BRIDGE, "bridge", True),
    "bonding": (BONDING, "bond", True),
}


def _choices():
    """Fields that take one word of a fixed list (the catalog's words), checked before anything is written, and what
    a YAML boolean means for them (a bare ``off`` is False): on/off fields take it as on/off, arp as
    enabled/disabled. The same words in every menu that has the field."""
    choices, bool_words = {}, {}
    for decl, dummy, dummy2 in TYPES.values():
        for name in decl["fields"]:
            info = catalog.newest_field(decl["path"], name)
            words = info.words if info is not None else None
            if not words or name in choices or info.value_type != "words":
                continue
            choices[name] = tuple(words)
            for pair in (("on", "off"), ("enabled", "disabled")):
                if set(pair) <= set(words):
                    bool_words[name] = pair
    return choices, bool_words


CHOICES, BOOL_WORDS = _choices()
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
    arp=dict(type="raw"),  # words, or a boolean (BOOL_WORDS)
    arp_timeout=dict(type="str"),
    loop_protect=dict(type="raw"),  # words, or a boolean (BOOL_WORDS)
    auto_negotiation=dict(type="bool"),
    advertise=dict(type="list", elements="str"),
    speed=dict(type="str"),
    tx_flow_control=dict(type="raw"),  # words, or a boolean (BOOL_WORDS)
    rx_flow_control=dict(type="raw"),  # words, or a boolean (BOOL_WORDS)
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


class Wanted:
    """A config entry before it is placed in a menu (that needs the router's interfaces, except to render)."""

    def __init__(self, index, entry):
        self.index = index
        self.name = entry["name"]
        self.type = entry.get("type")
        self.rename_from = entry.get("rename_from")
        self.default_name = entry.get("default_name")
        self.label = "config[%d] (interface %s)" % (index, self.name)
        self.options = {}
        for option, value in entry.items():
            if value is None or option in OPTIONS_NOT_FIELDS:
                continue
            field = resources.api_name(option)
            if field in CHOICES:
                value = resources.choice_value(option, value, CHOICES[field], BOOL_WORDS.get(field), self.label)
            self.options[option] = value


class Interfaces(resources.Resource):
    name = "interfaces"

    def __init__(self):
        self.menus = dict((t, planner.Menu.from_decl(decl)) for t, (decl, dummy, dummy2) in TYPES.items())
        self.other = planner.Menu.from_decl(OTHER)
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
        return planner.Desired(menu, self._values(item, menu), find=find, origin=item.label)

    # -- rendered -----------------------------------------------------------------------------------------

    def render(self, desired):
        return planner.render(self.render_desired(desired)).commands

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
                if _values.truthy(info.get("dynamic")):
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
                    self.missing("%s: interface %r (the VLAN's parent) does not exist on the router and is not "
                                 "created by this task" % (want.describe(), parent))
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
        if _values.truthy(row.get("dynamic")):
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
        kind, data = console.parse_running_config(text)
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
