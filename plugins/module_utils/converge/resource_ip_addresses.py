# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ip_addresses resource (IPv4 and IPv6 addresses): its menus (as data) and how it reads, plans, reports
and parses.

Shared by the ``tikops.routeros.ip_addresses`` module (every state) and ``tikops.routeros.facts``
(``gather_network_resources``), so both return the very same entries. Nothing here knows about Ansible.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress

from ansible_collections.tikops.routeros.plugins.module_utils.converge import engine
from ansible_collections.tikops.routeros.plugins.module_utils.converge import planner
from ansible_collections.tikops.routeros.plugins.module_utils.converge import resources
from ansible_collections.tikops.routeros.plugins.module_utils.core import values as _values
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError
from ansible_collections.tikops.routeros.plugins.module_utils.core import console

# The menus, as data: keys, fields (kind for comparison, default for resets), read-only fields.
IPV4 = dict(
    path="/ip/address",
    keys=("address", "interface"),
    fields={
        "address": dict(kind="prefix"),
        "interface": dict(kind="str"),
        "network": dict(kind="ip"),
        "comment": dict(kind="str", default="", empty_is_absent=True),
        "disabled": dict(kind="bool", default=False),
    },
    read_only=("actual-interface", "invalid"),
    ref_fields=("interface",),
    protect=("dynamic",),
)
IPV6 = dict(
    path="/ipv6/address",
    keys=("address", "interface"),
    fields={
        "address": dict(kind="prefix"),
        "interface": dict(kind="str"),
        "comment": dict(kind="str", default="", empty_is_absent=True),
        "disabled": dict(kind="bool", default=False),
        "advertise": dict(kind="bool", default=True),
        "no-dad": dict(kind="bool", default=False),
    },
    read_only=("actual-interface", "invalid"),
    ref_fields=("interface",),
    protect=("dynamic",),
)
IPV6_ONLY = ("advertise", "no_dad")
IPV4_ONLY = ("network",)
# Fields reported in before/after/gathered, in this order.
REPORTED = ("address", "interface", "network", "comment", "disabled", "advertise", "no-dad")
QUERY_LIMIT = 20

CONFIG_OPTIONS = dict(
    address=dict(type="str"),
    interface=dict(type="str"),
    comment=dict(type="str"),
    disabled=dict(type="bool"),
    network=dict(type="str"),
    advertise=dict(type="bool"),
    no_dad=dict(type="bool"),
    dynamic=dict(type="bool"),
)


class Addresses(resources.Resource):
    name = "ip_addresses"

    def __init__(self):
        self.v4 = planner.Menu.from_decl(IPV4)
        self.v6 = planner.Menu.from_decl(IPV6)
        self._layout = []

    # -- input --------------------------------------------------------------------------------------------

    def desired(self, config, state):
        out = []
        for index, entry in enumerate(config or []):
            where = "config[%d]" % index
            if entry.get("dynamic"):
                continue
            address = entry.get("address")
            if address in (None, ""):
                if state != "deleted":
                    raise UserInputError("%s: address is required" % where)
                if not entry.get("interface"):
                    raise UserInputError("%s: give address, interface or both to select what to delete" % where)
                for menu in (self.v4, self.v6):
                    out.append(planner.Desired(menu, {"interface": entry["interface"]},
                                               origin="%s (interface %s)" % (where, entry["interface"])))
                continue
            prefix = _values.normalize_prefix(address)
            if prefix is None:
                raise UserInputError("%s: %r is not an IPv4 or IPv6 address (with an optional /prefix length)"
                                     % (where, address))
            version = ipaddress.ip_interface(prefix).version
            menu = self.v4 if version == 4 else self.v6
            wrong = IPV6_ONLY if version == 4 else IPV4_ONLY
            for option in wrong:
                if entry.get(option) is not None:
                    raise UserInputError("%s: %s applies to IPv%d addresses only, and %s is IPv%d" % (
                        where, option, 6 if version == 4 else 4, prefix, version))
            if state != "deleted" and not entry.get("interface"):
                raise UserInputError("%s: interface is required for %s" % (where, prefix))
            values = {"address": prefix}
            for option in ("interface", "comment", "disabled", "network", "advertise", "no_dad"):
                if entry.get(option) is not None:
                    values[resources.api_name(option)] = entry[option]
            if values.get("network") is not None:
                try:
                    values["network"] = str(ipaddress.IPv4Address(str(values["network"]).strip()))
                except ValueError:
                    raise UserInputError("%s: network %r is not an IPv4 address" % (where, values["network"]))
            elif version == 4 and state in ("replaced", "overridden"):
                values["network"] = _values.network_of(prefix)
            label = "%s (%s on %s)" % (where, prefix, entry.get("interface") or "any interface")
            out.append(planner.Desired(menu, values, origin=label))
        return out

    # -- reading ------------------------------------------------------------------------------------------

    def reads(self, state, desired):
        wants_v6 = any(d.menu is self.v6 and "address" in d.values for d in desired)
        wants_v4 = any(d.menu is self.v4 and "address" in d.values for d in desired)
        partial = any("address" not in d.values for d in desired)
        everything = state in ("overridden", "gathered") or (state == "deleted" and (not desired or partial))
        use_queries = (not everything and state in ("merged", "replaced", "deleted") and len(desired) <= QUERY_LIMIT)
        layout = []
        reads = []
        for menu, wanted in ((self.v4, wants_v4), (self.v6, wants_v6)):
            if not (everything or wanted):
                continue
            queries = None
            if use_queries:
                queries = engine.key_queries("address", sorted(set(
                    d.values["address"] for d in desired if d.menu is menu)))
            reads.append(engine.Read(menu.path, menu.proplist(("dynamic",)), queries))
            layout.append(menu.path)
        if state in ("merged", "replaced", "overridden") and desired:
            reads.append(engine.Read("/interface", ["name"]))
            layout.append("/interface")
        self._layout = layout
        return reads

    def current(self, rows):
        current = {self.v4.path: [], self.v6.path: [], "/interface": None}
        for path, got in zip(self._layout, rows):
            current[path] = got
        return current

    def check(self, desired, current, state):
        names = current.get("/interface")
        if names is None:
            return
        known = set(r.get("name") for r in names)
        for want in desired:
            interface = want.values.get("interface")
            if interface is not None and interface not in known:
                shown = ", ".join(sorted(n for n in known if n)[:12])
                self.missing("%s: interface %r does not exist on the router (it has: %s%s)"
                             % (want.describe(), interface, shown, ", ..." if len(known) > 12 else ""))

    def plan_items(self, desired, current, state):
        items = []
        for menu in (self.v4, self.v6):
            rows = current.get(menu.path) or []
            wanted = [d for d in desired if d.menu is menu]
            if state == "deleted" and desired and not wanted:
                continue
            if not rows and not wanted:
                continue
            items.append((menu, wanted, rows))
        return items

    # -- output -------------------------------------------------------------------------------------------

    def _entry(self, menu, row):
        entry = {}
        for field in REPORTED:
            if field not in menu.fields:
                continue
            value = row.get(field)
            if value in (None, "") and field == "comment":
                continue
            if value is None:
                continue
            entry[resources.option_name(field)] = resources.from_router(menu.field(field).kind, value)
        if "address" in entry:
            entry["address"] = _values.normalize_prefix(entry["address"]) or entry["address"]
        if menu is self.v4 and "network" not in entry and "address" in entry:
            entry["network"] = _values.network_of(entry["address"])
        if _values.truthy(row.get("dynamic")):
            entry["dynamic"] = True
        return entry

    def facts(self, current):
        out = []
        for menu in (self.v4, self.v6):
            for row in current.get(menu.path) or []:
                out.append(self._entry(menu, row))
        return out

    def parse(self, text):
        kind, data = console.parse_running_config(text)
        out = []
        if kind == "list":
            for index, entry in enumerate(data):
                unknown = set(entry) - set(CONFIG_OPTIONS)
                if unknown:
                    raise UserInputError("running_config[%d]: unknown keys %s" % (index, ", ".join(sorted(unknown))))
                if entry.get("dynamic"):
                    out.append(dict(entry))
                    continue
                want = self.desired([entry], "merged")[0]
                out.append(self._entry(want.menu, want.values))
            return out
        for cmd in data:
            if cmd["verb"] != "add" or cmd["path"] not in (self.v4.path, self.v6.path):
                continue
            menu = self.v4 if cmd["path"] == self.v4.path else self.v6
            attrs = dict((k, v) for k, v in cmd["attrs"].items() if k in menu.fields)
            if "address" not in attrs:
                raise UserInputError("running_config line %d: an address without address=" % cmd["line"])
            prefix = _values.normalize_prefix(attrs["address"])
            if prefix is None:
                raise UserInputError("running_config line %d: %r is not an address" % (cmd["line"], attrs["address"]))
            attrs["address"] = prefix
            attrs.setdefault("disabled", "false")
            out.append(self._entry(menu, attrs))
        return out
