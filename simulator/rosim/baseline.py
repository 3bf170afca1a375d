# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Behaviour of the baseline menus the collection configures beyond what the command tree says.

The tree (``generic.py``) gives each menu its commands and writable arguments; this table adds, per menu, what a
router prints for a new entry (``defaults``), the read-only fields it prints (``ro``, with their initial value),
required fields, the fields that name other things (``refs``: an interface, an interface list, a bridge), key
fields that must be unique (``unique`` with the router's text), the entries a fresh router has (``builtin``), the
name an unnamed entry gets (``autoname``). Sources, in order: RouterOS manual pages (help.mikrotik.com, via the
project's search tool), the CLI samples and community.routeros' menu model in ``/work/shared/data``; values no
source gives are choices, listed in docs/simulator.md.

On RouterOS 6 (no tree) the menus of ``V6_MENUS`` are built from that table: the field sets RouterOS 6.49 prints,
each menu with the source it comes from, with the built-in entries and required fields of their entry here. The
other menus marked ``v6`` are built from the oldest tree (7.9) with
``v6_drop`` removed and ``v6_defaults`` applied: an approximation, documented as a choice.
"""

from ansible_collections.tikops.routeros.plugins.module_utils.catalog import catalog


def _v6_words(path, name):
    """The words of a RouterOS 6 field as the overlay's RouterOS 6 table (with its sources) has them."""
    return catalog.v6_menu(path).fields[name].words


POLICY = "ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon"
FW_DEFAULTS = {"action": "accept", "log": "false", "log-prefix": "", "disabled": "false"}
FW_RO = {"bytes": "0", "packets": "0", "dynamic": "false", "invalid": "false"}
FW_REFS = {"in-interface": "iface-neg", "out-interface": "iface-neg", "in-interface-list": "iflist-neg",
           "out-interface-list": "iflist-neg"}


def fw(action="accept"):
    return {"defaults": dict(FW_DEFAULTS, action=action), "ro": FW_RO, "required": ("chain",), "refs": FW_REFS,
            "v6": True, "named": False}


BASELINE = {
    "/ip/firewall/nat": fw(),
    "/ip/firewall/mangle": fw(),
    "/ip/firewall/raw": fw(),
    "/ipv6/firewall/filter": fw(),
    "/ipv6/firewall/nat": fw(),
    "/ipv6/firewall/mangle": fw(),
    "/ipv6/firewall/raw": fw(),
    "/ip/pool": {"required": ("ranges",), "autoname": "pool", "v6": True},
    "/ipv6/pool": {"required": ("prefix", "prefix-length"), "autoname": "pool", "v6": True},
    "/ip/dhcp-server": {
        "defaults": {"address-pool": "static-only", "lease-time": "30m", "authoritative": "yes",
                     "bootp-support": "static", "add-arp": "false", "always-broadcast": "false",
                     "conflict-detection": "true", "use-radius": "no", "lease-script": "", "disabled": "false"},
        "ro": {"dynamic": "false", "invalid": "false"}, "required": ("interface",),
        "refs": {"interface": "iface"}, "autoname": "dhcp", "v6": True, "v6_defaults": {"lease-time": "10m"}},
    "/ip/dhcp-server/network": {
        "defaults": {"gateway": "", "dns-server": "", "domain": "", "wins-server": "", "ntp-server": "",
                     "caps-manager": "", "dhcp-option": ""},
        "ro": {"dynamic": "false"}, "required": ("address",), "unique": (("address",), "failure: already have such network"),
        "v6": True, "named": False},
    "/ip/dhcp-server/lease": {
        "defaults": {"server": "all", "address-lists": "", "dhcp-option": "", "disabled": "false",
                     "block-access": "false", "lease-time": "0s"},
        "ro": {"dynamic": "false", "blocked": "false", "radius": "false", "status": "waiting"},
        "required": ("address",), "v6": True, "named": False},
    "/ip/dns/static": {
        "defaults": {"type": "A", "ttl": "1d", "disabled": "false"}, "ro": {"dynamic": "false"},
        "v6": True, "named": False},
    "/ipv6/route": {
        "defaults": {"dst-address": "::/0", "distance": "1", "disabled": "false"},
        "ro": {"dynamic": "false", "inactive": "false", "active": "true", "static": "true"},
        "required": ("gateway",), "v6": True, "named": False},
    "/system/ntp/client": {
        "defaults": {"enabled": "false", "mode": "unicast", "servers": "", "vrf": "main"},
        "ro": {"status": "stopped", "freq-drift": "0"}},  # RouterOS 6: V6_MENUS
    "/system/ntp/server": {
        "defaults": {"enabled": "false", "broadcast": "false", "multicast": "false", "manycast": "false",
                     "broadcast-addresses": "", "vrf": "main", "use-local-clock": "false", "local-clock-stratum": "5"}},
    "/system/logging": {
        "defaults": {"prefix": "", "action": "memory", "disabled": "false", "regex": ""},
        "ro": {"invalid": "false", "default": "false"}, "required": ("topics",), "named": False,
        "builtin": [
            {".id": "*0", "topics": "info", "action": "memory", "default": "true"},
            {".id": "*1", "topics": "error", "action": "memory", "default": "true"},
            {".id": "*2", "topics": "warning", "action": "memory", "default": "true"},
            {".id": "*3", "topics": "critical", "action": "echo", "default": "true"},
        ], "builtin_removable": True},
    "/system/logging/action": {
        "defaults": {"target": "memory"}, "ro": {"default": "false"},
        "builtin": [
            {".id": "*0", "name": "memory", "target": "memory", "memory-lines": "1000",
             "memory-stop-on-full": "false", "default": "true"},
            {".id": "*1", "name": "disk", "target": "disk", "disk-file-name": "log", "disk-lines-per-file": "1000",
             "disk-file-count": "2", "disk-stop-on-full": "false", "default": "true"},
            {".id": "*2", "name": "echo", "target": "echo", "remember": "true", "default": "true"},
            {".id": "*3", "name": "remote", "target": "remote", "remote": "0.0.0.0", "remote-port": "514",
             "src-address": "0.0.0.0", "bsd-syslog": "false", "syslog-time-format": "bsd-syslog",
             "syslog-facility": "daemon", "syslog-severity": "auto", "default": "true"},
        ]},
    "/snmp": {
        "defaults": {"enabled": "false", "contact": "", "location": "", "engine-id-suffix": "",
                     "trap-target": "", "trap-community": "public", "trap-version": "1",
                     "trap-generators": "temp-exception", "src-address": "::", "vrf": "main"},
        "ro": {"engine-id": "80003a8c04"}},
    "/snmp/community": {
        "defaults": {"addresses": "::/0", "security": "none", "read-access": "true", "write-access": "false",
                     "authentication-protocol": "MD5", "encryption-protocol": "DES", "authentication-password": "",
                     "encryption-password": "", "disabled": "false"},
        "ro": {"default": "false"},
        "builtin": [{".id": "*0", "name": "public", "addresses": "::/0", "security": "none", "read-access": "true",
                     "write-access": "false", "authentication-protocol": "MD5", "encryption-protocol": "DES",
                     "authentication-password": "", "encryption-password": "", "default": "true",
                     "disabled": "false"}], "builtin_removable": False},
    "/interface/bridge/vlan": {
        "defaults": {"tagged": "", "untagged": "", "disabled": "false"},
        "ro": {"current-tagged": "", "current-untagged": "", "dynamic": "false"},
        "required": ("bridge", "vlan-ids"), "refs": {"bridge": "ref:bridge", "tagged": "ifaces", "untagged": "ifaces"},
        "unique": (("bridge", "vlan-ids"), "failure: vlan already added"), "v6": True, "named": False},
    "/interface/wireguard": {
        "defaults": {"mtu": "1420", "disabled": "false"}, "ro": {"public-key": None, "running": "true"},
        "interface": "wireguard", "keys": True},
    "/interface/wireguard/peers": {
        "defaults": {"endpoint-address": "", "endpoint-port": "0", "allowed-address": "", "preshared-key": "",
                     "persistent-keepalive": "0s", "disabled": "false"},
        "ro": {"current-endpoint-address": "", "current-endpoint-port": "0", "rx": "0", "tx": "0",
               "dynamic": "false"},
        "required": ("interface", "public-key"), "refs": {"interface": "iface"},
        "unique": (("interface", "public-key"), "failure: peer with such public key already exists"),
        "named": False},
    "/routing/bgp/connection": {
        "defaults": {"disabled": "false"}, "ro": {"inactive": "false"}, "autoname": "bgp"},
    "/routing/bgp/template": {"defaults": {"disabled": "false"}},
    "/system/scheduler": {
        "defaults": {"start-time": "startup", "interval": "0s", "on-event": "", "policy": POLICY,
                     "disabled": "false"},
        "ro": {"owner": "admin", "run-count": "0", "next-run": ""}, "required": ("name",), "v6": True},
    "/system/script": {
        "defaults": {"source": "", "policy": POLICY, "dont-require-permissions": "false"},
        "ro": {"owner": "admin", "run-count": "0", "invalid": "false"}, "v6": True, "autoname": "script"},
    # the IRQs of the board (boards.py installs one entry per IRQ; the 6.48.1 hAP ac lite's export sets four, `set 0
    # cpu=auto`): cpu is writable, the rest read-only (the manual's /system resource irq: irq, users, active-cpu)
    "/system/resource/irq": {"defaults": {"cpu": "auto"}, "ro": {"irq": "", "users": "", "active-cpu": "0"},
                             "v6": True, "named": False},
    "/ip/neighbor/discovery-settings": {
        "defaults": {"discover-interface-list": "static", "protocol": "cdp,lldp,mndp", "mode": "tx-and-rx",
                     "lldp-med-net-policy-vlan": "disabled"},
        "refs": {"discover-interface-list": "ref:interface_list"}},
    "/tool/mac-server": {"defaults": {"allowed-interface-list": "all"},
                         "refs": {"allowed-interface-list": "ref:interface_list"}},
    "/tool/mac-server/mac-winbox": {"defaults": {"allowed-interface-list": "all"},
                                    "refs": {"allowed-interface-list": "ref:interface_list"}},
    "/tool/mac-server/ping": {"defaults": {"enabled": "true"}},
    "/ip/ssh": {
        "defaults": {"forwarding-enabled": "no", "always-allow-password-login": "false", "strong-crypto": "false",
                     "host-key-size": "2048", "host-key-type": "rsa", "allow-none-crypto": "false"},
        # RouterOS 6 prints forwarding-enabled as a word too (both|local|no|remote; exp-6.43.8-hap-lite: no)
        "v6": True, "v6_drop": ("host-key-type",), "v6_defaults": {"forwarding-enabled": "no"}},
    "/queue/simple": {
        "defaults": {"parent": "none", "packet-marks": "", "priority": "8/8",
                     "queue": "default-small/default-small", "limit-at": "0/0", "max-limit": "0/0",
                     "burst-limit": "0/0", "burst-threshold": "0/0", "burst-time": "0s/0s",
                     "bucket-size": "0.1/0.1", "disabled": "false"},
        "ro": {"dynamic": "false", "invalid": "false"}, "required": ("target",), "autoname": "queue", "v6": True,
        "v6_drop": ("bucket-size",)},
    "/ip/upnp": {"defaults": {"enabled": "false", "allow-disable-external-interface": "false",
                              "show-dummy-rule": "true"}, "v6": True},
    "/ip/settings": {"defaults": {"ip-forward": "true", "send-redirects": "true", "accept-source-route": "false",
                                  "accept-redirects": "false", "secure-redirects": "true", "rp-filter": "no",
                                  "tcp-syncookies": "false", "allow-fast-path": "true"}, "v6": True},
    "/ipv6/settings": {"defaults": {"disable-ipv6": "false", "forward": "true", "accept-redirects": "yes-if-forwarding-disabled",
                                    "accept-router-advertisements": "yes-if-forwarding-disabled",
                                    "max-neighbor-entries": "16384"}, "v6": True,
                       "v6_drop": ("disable-ipv6",)},
}


# RouterOS 6.49, the menus the baseline role configures: field -> (kind, default[, choices or (lo, hi)]). ``kind``
# is a Field kind of model.py (``ipaddr``: one IPv4 or IPv6 address). A default of None means the field is printed
# only once it is set. ``ro``: read-only fields with their initial value. ``source`` names where the field set and
# defaults come from; what no source gives is a choice (docs/simulator.md, choices 33 to 35).
V6_MENUS = {
    "/system/ntp/client": {
        "source": "help.mikrotik.com NTP page, section 'RouterOS version 6' (the SNTP client of the system package): "
                  "enabled (default no), mode (broadcast/unicast, read-only), primary-ntp and secondary-ntp (IP "
                  "address, default 0.0.0.0), server-dns-names (comma separated names)",
        "kind": "single",
        "fields": {"enabled": ("bool", "false"), "primary-ntp": ("ipaddr", "0.0.0.0"),
                   "secondary-ntp": ("ipaddr", "0.0.0.0"), "server-dns-names": ("str", "")},
        # broadcast while no server is set, unicast once one is (the same page); derived by V6NtpHooks
        "ro": {"mode": "broadcast"},
    },
    "/snmp": {
        "source": "wiki.mikrotik.com Manual:SNMP (v6) and help.mikrotik.com SNMP, General Properties: contact, enabled, "
                  "engine-id, location, trap-community (public), trap-generators, trap-interfaces, trap-target, "
                  "trap-version (1|2|3, default 1), src-address (default ::); no vrf (7.3) or engine-id-suffix "
                  "(7.10), as the community.routeros model's version conditions say",
        "kind": "single",
        "fields": {"enabled": ("bool", "false"), "contact": ("str", ""), "location": ("str", ""),
                   "engine-id": ("str", ""), "trap-community": ("str", "public"),
                   "trap-version": ("enum", "1", _v6_words("/snmp", "trap-version")),
                   "trap-generators": ("enumlist", "temp-exception", _v6_words("/snmp", "trap-generators")),
                   "trap-target": ("iplist", ""), "trap-interfaces": ("str", ""), "src-address": ("ipaddr", "::")},
    },
    "/snmp/community": {
        "source": "help.mikrotik.com SNMP, Community Properties (security authorized|none|private, read-access yes, "
                  "write-access no, authentication-protocol MD5|SHA1, encryption-protocol DES|AES); the field is "
                  "'addresses' on 6.4x as exports of such routers show ('/snmp community set [ find default=yes ] "
                  "addresses=...'), the manual's 'address' is older; disabled as the 6.48.1 and 6.49.7 verbose "
                  "exports print it on the public community (`disabled=no`; the 6.43.8 one does not)",
        "kind": "list",
        "fields": {"name": ("str", None), "addresses": ("prefixlist", "::/0"),
                   "security": ("enum", "none", _v6_words("/snmp/community", "security")),
                   "read-access": ("bool", "true"), "write-access": ("bool", "false"),
                   "authentication-protocol": ("enum", "MD5", ("MD5", "SHA1")),
                   "encryption-protocol": ("enum", "DES", ("DES", "AES")),
                   "authentication-password": ("str", ""), "encryption-password": ("str", ""),
                   "disabled": ("bool", "false")},
        "ro": {"default": "false"},
    },
    "/system/logging": {
        "source": "wiki.mikrotik.com Manual:System/Log, Logging: topics, action, prefix, disabled; regex (7.17) and "
                  "comment (7.22) come later, as the community.routeros model's version conditions say",
        "kind": "list",
        "fields": {"topics": ("str", None), "action": ("str", "memory"), "prefix": ("str", ""),
                   "disabled": ("bool", "false")},
        "ro": {"invalid": "false", "default": "false"},
    },
    "/system/logging/action": {
        "source": "wiki.mikrotik.com Manual:System/Log, Actions: the property list and the defaults it gives "
                  "(memory-lines 1..65535 default 100, remote 0.0.0.0 port 514, src-address 0.0.0.0, syslog-facility "
                  "daemon, syslog-severity auto, target disk|echo|email|memory|remote default memory); "
                  "syslog-time-format as the 6.43.8, 6.48.1 and 6.49.7 verbose exports print it on remote actions "
                  "(bsd-syslog; the 7.x trees add iso8601)",
        "kind": "list",
        "fields": {"name": ("str", None),
                   "target": ("enum", "memory", _v6_words("/system/logging/action", "target")),
                   "memory-lines": ("int", "100", (1, 65535)), "memory-stop-on-full": ("bool", "false"),
                   "disk-file-name": ("str", None), "disk-lines-per-file": ("int", None, (1, 65535)),
                   "disk-file-count": ("int", None, (1, 65535)), "disk-stop-on-full": ("bool", None),
                   "remember": ("bool", None), "remote": ("str", "0.0.0.0"), "remote-port": ("int", "514", (0, 65535)),
                   "src-address": ("ipaddr", "0.0.0.0"), "bsd-syslog": ("bool", None),
                   "syslog-facility": ("enum", "daemon", _v6_words("/system/logging/action", "syslog-facility")),
                   "syslog-severity": ("enum", "auto", _v6_words("/system/logging/action", "syslog-severity")),
                   "syslog-time-format": ("enum", "bsd-syslog", ("bsd-syslog", "iso8601")),
                   "email-to": ("str", None), "email-start-tls": ("bool", None)},
        "ro": {"default": "false"},
    },
    "/ip/neighbor/discovery-settings": {
        "source": "help.mikrotik.com Neighbor discovery: discover-interface-list names an interface list; mode came "
                  "with 7.7 (community.routeros pull request 198, quoting the changelog); protocol and "
                  "lldp-med-net-policy-vlan as the 6.48.1 and 6.49.7 verbose exports print them (`lldp-med-net-"
                  "policy-vlan=disabled protocol=cdp,lldp,mndp`); a list may be negated, as a 6.48 CRS326's "
                  "export sets it (`set discover-interface-list=!dynamic`)",
        "kind": "single",
        "fields": {"discover-interface-list": ("iflist-neg", "static"),
                   "protocol": ("enumlist", "cdp,lldp,mndp", ("cdp", "lldp", "mndp")),
                   "lldp-med-net-policy-vlan": ("str", "disabled")},
    },
    "/tool/mac-server": {
        "source": "help.mikrotik.com MAC server: allowed-interface-list (default all)",
        "kind": "single",
        "fields": {"allowed-interface-list": ("ref:interface_list", "all")},
    },
    "/tool/mac-server/mac-winbox": {
        "source": "help.mikrotik.com MAC server, MAC WinBox Server: allowed-interface-list (default all)",
        "kind": "single",
        "fields": {"allowed-interface-list": ("ref:interface_list", "all")},
    },
    "/tool/mac-server/ping": {
        "source": "help.mikrotik.com MAC server, MAC Ping Server: enabled (default yes)",
        "kind": "single",
        "fields": {"enabled": ("bool", "true")},
    },
}

# RouterOS 6 MPLS and BGP menus (the routing package of 6.x; RouterOS 7 replaced them): the field sets of the wiki's
# manual pages and of real 6.x exports. ``spec`` adds BASELINE-style behaviour (an interface kind, required fields).
_V6_ROUTING_FILTER = ("str", "")
V6_MENUS.update({
    "/interface/vpls": {
        "source": "wiki.mikrotik.com Manual:Interface/VPLS, Properties: advertised-l2mtu (1500), arp (enabled), "
                  "cisco-style (no), cisco-style-id (0), disable-running-check (no), disabled (yes: 'By default VPLS "
                  "interface is disabled'), l2mtu (1500), mac-address, mtu (1500), name, pw-type (raw-ethernet|"
                  "tagged-ethernet), remote-peer (IP), vpls-id (AsNum|AsIp), use-control-word (yes|no|default); the 6.x "
                  "lab exports add them with these fields (`add cisco-style=yes cisco-style-id=222 disabled=no l2mtu=1500 "
                  "mac-address=... name=EoMPLS remote-peer=...`)",
        "kind": "list",
        "fields": {"name": ("str", None), "remote-peer": ("ipaddr", None), "vpls-id": ("str", None),
                   "cisco-style": ("bool", "false"), "cisco-style-id": ("int", "0", (0, 4294967295)),
                   "advertised-l2mtu": ("int", "1500", (0, 65535)), "l2mtu": ("int", "1500", (0, 65535)),
                   "mtu": ("int", "1500", (0, 65535)), "mac-address": ("mac", None),
                   "arp": ("enum", "enabled", ("disabled", "enabled", "proxy-arp", "reply-only")),
                   "pw-type": ("enum", "raw-ethernet", ("raw-ethernet", "tagged-ethernet")),
                   "use-control-word": ("enum", "default", ("default", "no", "yes")),
                   "disable-running-check": ("bool", "false"), "disabled": ("bool", "true"), "comment": ("str", None)},
        "ro": {"running": "false"},
        "spec": {"interface": "vpls", "required": ("remote-peer",)},
    },
    "/routing/bgp/peer": {
        "source": "a RouterOS 6 verbose export's peers (every property printed: address-families=ip as-override=no "
                  "default-originate=never disabled=no hold-time=... in-filter=\"\" instance=default multihop=no "
                  "nexthop-choice=default out-filter=\"\" passive=no remote-address remote-as remove-private-as=no "
                  "route-reflect=no tcp-md5-key=\"\" ttl=default use-bfd=no) and the 6.x lab exports' update-source; "
                  "address families as the lab exports list them (ip, ipv6, l2vpn, l2vpn-cisco, vpnv4)",
        "kind": "list",
        "fields": {"name": ("str", None), "instance": ("str", "default"), "remote-address": ("ipaddr", None),
                   "remote-as": ("int", None, (0, 4294967295)), "remote-port": ("int", None, (0, 65535)),
                   "address-families": ("enumlist", "ip", ("ip", "ipv6", "l2vpn", "l2vpn-cisco", "vpnv4")),
                   "as-override": ("bool", "false"), "default-originate": ("enum", "never", (
                       "always", "if-installed", "never")),
                   "hold-time": ("str", "3m"), "keepalive-time": ("str", None), "in-filter": _V6_ROUTING_FILTER,
                   "out-filter": _V6_ROUTING_FILTER, "multihop": ("bool", "false"),
                   "nexthop-choice": ("enum", "default", ("default", "force-self", "propagate")),
                   "passive": ("bool", "false"), "remove-private-as": ("bool", "false"),
                   "route-reflect": ("bool", "false"), "tcp-md5-key": ("str", ""), "ttl": ("str", "default"),
                   "use-bfd": ("bool", "false"), "update-source": ("str", None), "allow-as-in": ("int", None, (0, 10)),
                   "max-prefix-limit": ("int", None, (0, 4294967295)), "disabled": ("bool", "false"),
                   "comment": ("str", None)},
        "spec": {"required": ("remote-address", "remote-as")},
    },
    "/routing/bgp/network": {
        "source": "a RouterOS 6 verbose export (`/routing bgp network add disabled=no network=.../27 synchronize=no`); "
                  "synchronize defaults to yes (a compact 6.x export prints only `add network=...`)",
        "kind": "list",
        "fields": {"network": ("ipv4net", None), "synchronize": ("bool", "true"), "disabled": ("bool", "false"),
                   "comment": ("str", None)},
        "spec": {"required": ("network",), "named": False},
    },
    "/routing/bgp/instance/vrf": {
        "source": "wiki.mikrotik.com Manual:Routing/BGP, Instance VRF: instance (default), routing-mark, "
                  "redistribute-connected/-static/-rip/-ospf/-other-bgp (no), in-filter, out-filter; the 6.x lab "
                  "export's `add redistribute-connected=yes routing-mark=VRF_DEVOPS`",
        "kind": "list",
        "fields": {"instance": ("str", "default"), "routing-mark": ("str", None),
                   "redistribute-connected": ("bool", "false"), "redistribute-static": ("bool", "false"),
                   "redistribute-rip": ("bool", "false"), "redistribute-ospf": ("bool", "false"),
                   "redistribute-other-bgp": ("bool", "false"), "in-filter": _V6_ROUTING_FILTER,
                   "out-filter": _V6_ROUTING_FILTER, "disabled": ("bool", "false"), "comment": ("str", None)},
        "spec": {"required": ("routing-mark",), "named": False},
    },
    "/ip/route/vrf": {
        "source": "the fields the 6.x exports print (exp-6.43.8-hap-lite: bgp-nexthop, export-route-targets, "
                  "import-route-targets, route-distinguisher, routing-mark; the lab export's interfaces) and "
                  "wiki.mikrotik.com Manual:IP/Route, VRF",
        "kind": "list",
        "fields": {"routing-mark": ("str", None), "interfaces": ("str", ""), "route-distinguisher": ("str", None),
                   "import-route-targets": ("str", None), "export-route-targets": ("str", None),
                   "bgp-nexthop": ("str", None), "disabled": ("bool", "false"), "comment": ("str", None)},
        "spec": {"required": ("routing-mark",), "named": False},
    },
})

# /user/group policy words of RouterOS 6.4x (the overlay's RouterOS 6 table, from exports of such routers:
# "policy=local,telnet,...,romon,dude,tikapp"); RouterOS 7 has rest-api and no tikapp. A word may be negated with "!".
V6_POLICIES = _v6_words("/user/group", "policy")


def install_builtins(router):
    """Put the entries a fresh router has into the baseline menus of ``router``."""
    for path, spec in BASELINE.items():
        entries = spec.get("builtin")
        if not entries or path not in router.menus:
            continue
        menu = router.menus[path]
        table = router.table(menu.table)
        if table.items:
            continue
        for entry in entries:
            item = {f.name: f.default for f in menu.fields if f.default is not None and not f.wo}
            item.update((k, v) for k, v in entry.items() if k != ".id" and (k in menu.by_name))
            if not spec.get("builtin_removable"):
                item["_builtin"] = True
            table.insert(item)


# entries of the hardware (boards.py installs them for boards that have it)
HARDWARE = ("/interface/wireless", "/interface/ethernet/switch", "/interface/ethernet/switch/port")


def _fact_label(router):
    return getattr(router.menus, "label", None) if router.v7() else "6"


def fact_builtins(router, path):
    """The built-in entries of ``path`` a fresh router of this version has, from real exports (facts.py)."""
    from . import facts
    return facts.builtins(_fact_label(router), path)


def is_fact_builtin(router, path, item):
    """Is ``item`` (from a state file) one of the built-in entries of ``path``? (same id, or same name)"""
    for entry in fact_builtins(router, path):
        props = entry["props"]
        if ".id" in props and props[".id"] == item.get(".id"):
            return True
        if props.get("name") is not None and props.get("name") == item.get("name"):
            return True
    return False


def install_fact_builtins(router):
    """Put the entries a fresh router has (``/queue/type``, ``/ppp/profile``, the ``default`` IPsec profile,
    proposal and policy group, hotspot profiles, firewall service ports...) into their menus, as the real exports of
    facts.json print them; they cannot be removed (``failure: can not remove builtin <noun>``)."""
    from . import facts
    from .model import Field
    label = _fact_label(router)
    source = getattr(router.menus, "source", {})  # menus of optional packages borrowed from another tree
    paths = set(facts.builtin_paths(label))
    for other in set(source.values()):
        paths.update(p for p in facts.builtin_paths(other + "+extra") if source.get(p) == other)
    for path in sorted(paths):
        menu = router.menus.get(path)
        if menu is None or menu.kind != "list" or path in HARDWARE:
            continue  # not on this version, its package is not installed, or the board's (boards.py)
        table = router.table(menu.table)
        if table.items:
            continue
        entries = facts.builtins(source[path] + "+extra" if path in source else label, path)
        if any("default" in e["props"] for e in entries) and "default" not in menu.by_name:
            f = Field("default", ro=True, default="false")  # the built-in entries print default=true, others false
            menu.fields.append(f)
            menu.by_name["default"] = f
        if any("name" in e["props"] for e in entries) and "name" not in menu.by_name:
            f = Field("name", ro=True)  # a fixed list named by its entries (/ip/firewall/service-port)
            menu.fields.insert(0, f)
            menu.by_name["name"] = f
            menu.key = "name"
        if any("name" in e["props"] for e in entries) and "name" not in menu.by_name:
            f = Field("name", ro=True)  # a fixed list named by its entries (/ip/firewall/service-port)
            menu.fields.insert(0, f)
            menu.by_name["name"] = f
            menu.key = "name"
        for entry in entries:
            item = {f.name: f.default for f in menu.fields if f.default is not None and not f.wo and not f.ro}
            for f in menu.fields:
                if f.name in ("dynamic", "invalid", "default") and f.ro:
                    item.setdefault(f.name, "false")
            for k, v in entry["props"].items():
                if k == ".id" or k in menu.by_name:
                    item[k] = v
            for k in entry["unset"]:
                item.pop(k, None)
            item["_builtin"] = True
            table.insert(item)
