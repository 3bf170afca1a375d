# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The little the command trees do not say about menus, as data: natural keys, secret (write-only) fields,
reset values for ``replaced``, fields that name other entries, and RouterOS 6 hints.

Checked by ``tools/check_menu_tables.py`` (and tests/unit/test_menu_tables.py) against the catalog (every path and field named here exists in some
RouterOS 7 tree, or is a RouterOS 6 menu listed in ``V6_ONLY``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import is_secret as _secret_rule

# Natural keys of the menus whose entries are not identified by ``name`` (a list menu with a ``name`` field is
# keyed on it; a list menu with neither is matched on the fields given, see docs/menu.md).
KEYS = {
    "/ip/firewall/address-list": ("list", "address"),
    "/ipv6/firewall/address-list": ("list", "address"),
    "/ip/address": ("address", "interface"),
    "/ipv6/address": ("address", "interface"),
    "/ip/route": ("dst-address", "gateway", "routing-table"),
    "/ipv6/route": ("dst-address", "gateway", "routing-table"),
    "/ip/dhcp-server/lease": ("mac-address",),
    "/ip/dhcp-server/network": ("address",),
    "/ipv6/dhcp-server/binding": ("address",),
    "/ip/dhcp-client": ("interface",),
    "/ipv6/dhcp-client": ("interface",),
    "/ip/dns/static": ("name", "type"),
    "/ip/arp": ("address", "interface"),
    "/interface/list/member": ("list", "interface"),
    "/interface/bridge/port": ("interface",),
    "/interface/bridge/vlan": ("bridge", "vlan-ids"),
    "/interface/wireguard/peers": ("interface", "public-key"),
    "/routing/ospf/interface-template": ("area", "interfaces"),
    "/routing/ospf/network": ("network",),
    "/routing/ospf/interface": ("interface",),
    "/system/ntp/client/servers": ("address",),
    "/system/logging": ("topics", "action"),
    "/tool/netwatch": ("host",),
    "/user/ssh-keys": ("user", "key-owner"),
    "/ip/firewall/layer7-protocol": ("name",),
    "/routing/rule": ("src-address", "dst-address", "table"),
}

# The field other entries name an entry of the menu by, where it is not ``name`` (used to write in dependency
# order: the address list before the rule that names it).
NAME_FIELDS = {
    "/ip/firewall/address-list": "list",
    "/ipv6/firewall/address-list": "list",
}

# Fields whose values name entries of other menus (interfaces, lists, pools, bridges, groups, areas, ...): a
# write that names something added, renamed or removed in the same task waits for that write.
REF_FIELDS = frozenset((
    "interface", "interfaces", "in-interface", "out-interface", "in-interface-list", "out-interface-list",
    "src-address-list", "dst-address-list", "bridge", "master-interface", "address-pool", "pool", "next-pool",
    "group", "parent", "area", "instance", "templates", "list", "interface-list", "discover-interface-list",
    "allowed-interface-list", "routing-table", "table", "profile", "action", "local-address", "server",
    "vrf", "target", "jump-target",
))

# Flags that make an entry untouchable: reported, never changed or removed.
PROTECT = ("dynamic", "builtin", "default")

# Read-only fields RouterOS 7 prints in many menus (the command tree lists only the writable ones): ``where`` and
# ``keys`` may name them before the menu is read.
READ_ONLY_NAMES = frozenset(("type", "mac-address", "actual-mtu", "default-name", "running", "dynamic-id", "fp-rx-byte",
                             "fp-tx-byte", "rx-byte", "tx-byte", "rx-packet", "tx-packet", "rx-drop", "tx-drop",
                             "rx-error", "tx-error", "gateway-status", "hw-offload", "hw-offload-group", "status",
                             "uptime", "last-link-up-time", "last-link-down-time", "link-downs", "ro", "local",
                             "mtu-override", "l2mtu", "max-l2mtu", "invalid", "disabled", "comment", "name"))

# Secret (write-only) fields are never read back and never shown in commands, diff or logs; the rule is
# errors.is_secret (one rule for output redaction and for planning): a value that would be shown as ``********``
# is never read back, so ``gathered`` output applied back can never write the mask to the router.
is_secret = _secret_rule


# Values that ``replaced``/``overridden`` reset a field to when it is not given. Fields in every menu first,
# then per menu. A field not here is reset with ``unset`` where the menu has that command (the router then
# forgets it); elsewhere ``replaced`` refuses to guess and asks for the field to be given.
COMMON_DEFAULTS = {"disabled": "false", "comment": ""}
_RULE_DEFAULTS = {"action": "accept", "log": "false", "log-prefix": ""}
DEFAULTS = {
    "/ip/firewall/filter": dict(_RULE_DEFAULTS, **{"hw-offload": "false"}),
    "/ip/firewall/nat": _RULE_DEFAULTS,
    "/ip/firewall/mangle": dict(_RULE_DEFAULTS, passthrough="true"),
    "/ip/firewall/raw": _RULE_DEFAULTS,
    "/ipv6/firewall/filter": _RULE_DEFAULTS,
    "/ipv6/firewall/nat": _RULE_DEFAULTS,
    "/ipv6/firewall/mangle": dict(_RULE_DEFAULTS, passthrough="true"),
    "/ipv6/firewall/raw": _RULE_DEFAULTS,
    "/ip/pool": {"next-pool": "none"},
    "/ip/service": {"address": "", "vrf": "main", "max-sessions": "20", "certificate": "none", "tls-version": "any"},
    "/system/identity": {"name": "MikroTik"},
    "/ip/dns": {"allow-remote-requests": "false", "servers": ""},
    "/interface/bridge/port": {"pvid": "1"},
    "/ip/route": {"routing-table": "main"},
    "/ipv6/route": {"routing-table": "main"},
    "/user": {"address": "", "group": "read", "inactivity-timeout": "10m", "inactivity-policy": "none"},
}

# Field kinds for comparison where the tree's description does not give one.
KINDS = {
    "address": "prefix",
    "dst-address": "prefix",
    "src-address": "prefix",
    "mac-address": "mac",
    "timeout": "duration",
}
KIND_MENUS = frozenset(("/ip/firewall/address-list", "/ipv6/firewall/address-list", "/ip/route", "/ipv6/route",
                        "/ip/dhcp-server/lease", "/ip/address", "/ipv6/address"))

# RouterOS 6 has no command tree: menus whose entries are fixed or ordered there (the others are lists, or a
# settings menu when the router prints one entry without an id).
V6_FIXED = frozenset(("/ip/service", "/interface/ethernet", "/interface/wireless", "/ip/firewall/service-port"))
V6_ORDERED = frozenset(("/ip/firewall/filter", "/ip/firewall/nat", "/ip/firewall/mangle", "/ip/firewall/raw",
                        "/ipv6/firewall/filter", "/ipv6/firewall/mangle", "/ipv6/firewall/raw", "/queue/simple",
                        "/routing/filter", "/ip/hotspot/walled-garden", "/ip/hotspot/walled-garden/ip",
                        "/ip/ipsec/policy", "/ip/proxy/access"))
V6_ONLY = frozenset(("/routing/ospf/network", "/routing/ospf/interface", "/routing/filter"))
# Fields RouterOS 6 prints that cannot be written (RouterOS 7 has the tree for this).
V6_READ_ONLY = frozenset(("dynamic", "invalid", "builtin", "default", "bytes", "packets", "running", "slave",
                          "creation-time", "last-logged-in", "actual-interface", "active", "inactive",
                          "expired", "status", "last-seen", "radius", "blocked", "last-handshake", "rx", "tx",
                          "current-tx-rate", "client-hostname", "expires-after", "age", "distance", "scope",
                          "target-scope", "immediate-gw", "ecmp", "connect", "static", "unreachable",
                          "active-address", "active-mac-address", "active-client-id", "active-server",
                          "host-name", "last-link-down-time", "last-link-up-time", "link-downs"))
