# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The menus the simulator knows: field names, kinds, defaults and version ranges.

Field names and defaults follow real routers (the CLI captures and the community.routeros model in
/work/shared/data; see docs/simulator.md). Values are kept in the form the API prints.
"""

from ansible_collections.tikops.routeros.plugins.module_utils.catalog import catalog, overlay

from .baseline import V6_POLICIES
from .model import Field as F, Menu

V6 = (6, 0)
V7 = (7, 0)


def b(name, default="false", **kw):
    return F(name, "bool", default, **kw)


def ro(name, kind="str", **kw):
    return F(name, kind, ro=True, **kw)


COMMENT = F("comment", default=None)
DISABLED = b("disabled")
DYNAMIC = ro("dynamic", "bool")
INVALID = ro("invalid", "bool")
RUNNING = ro("running", "bool")
SLAVE = ro("slave", "bool")


def _words(path, name):
    """The words a field takes, as the catalog has them (the trees, or the overlay's sourced descriptions)."""
    return catalog.newest_field(path, name).words


ARP = F("arp", "enum", "enabled", choices=_words("/interface/ethernet", "arp"))
ARP_TIMEOUT = F("arp-timeout", "duration-or", "auto", choices=("auto",))
LOOP_PROTECT = [
    F("loop-protect", "enum", "default", choices=_words("/interface/ethernet", "loop-protect")),
    ro("loop-protect-status"),
    F("loop-protect-send-interval", "duration", "5s"),
    F("loop-protect-disable-time", "duration", "5m"),
]

# /interface/ethernet speed: until 7.11 "1Gbps"; 7.12 took the names of advertise ("1G-baseT-full").
SPEEDS_OLD = ("10Mbps", "100Mbps", "1Gbps", "2.5Gbps", "5Gbps", "10Gbps", "25Gbps", "40Gbps", "100Gbps")
SPEEDS_V712 = ("10M-baseT-half", "10M-baseT-full", "100M-baseT-half", "100M-baseT-full", "1G-baseT-half",
               "1G-baseT-full", "1G-baseX", "2.5G-baseT", "2.5G-baseX", "5G-baseT", "10G-baseT", "10G-baseSR-LR",
               "10G-baseCR", "25G-baseSR-LR", "25G-baseCR", "40G-baseSR4-LR4", "40G-baseCR4", "50G-baseSR2-LR2",
               "50G-baseCR2", "100G-baseSR4-LR4", "100G-baseCR4")

# /interface: every interface, whatever its kind (ether, vlan, bridge, bond); the kind menus below are views.
INTERFACE_KINDS = ("ether", "vlan", "bridge", "bond")

INTERFACE = Menu("/interface", "interface", [
    F("name"),
    ro("default-name"),
    ro("type"),
    F("mtu", "enum-or-int", choices=("auto",), lo=0, hi=65535),
    ro("actual-mtu"),
    ro("l2mtu"),
    ro("max-l2mtu"),
    ro("mac-address"),
    ro("fast-path", "bool"),
    ro("last-link-up-time"),
    ro("link-downs"),
    *[ro(c) for c in ("rx-byte", "tx-byte", "rx-packet", "tx-packet", "rx-drop", "tx-drop", "tx-queue-drop",
                      "rx-error", "tx-error", "fp-rx-byte", "fp-tx-byte", "fp-rx-packet", "fp-tx-packet")],
    RUNNING,
    SLAVE,
    DISABLED,
    COMMENT,
], key="name", no_add=True)

ETHERNET = Menu("/interface/ethernet", "interface", [
    F("name"),
    ro("default-name"),
    F("mtu", "int", "1500", lo=0, hi=65535),
    F("l2mtu", "int", "1598", lo=0, hi=65535),
    F("mac-address", "mac"),
    # RouterOS 6 prints it and never takes it; the 7.x command trees list it among /interface/ethernet set's arguments
    ro("orig-mac-address", until=(7, 0)),
    F("orig-mac-address", "mac", since=(7, 0)),
    ARP,
    ARP_TIMEOUT,
    *LOOP_PROTECT,
    b("auto-negotiation", "true"),
    F("advertise", default=None),
    F("speed", "enum", "1Gbps", choices=SPEEDS_OLD, until=(7, 12)),
    F("speed", "enum", "1G-baseT-full", choices=SPEEDS_V712, since=(7, 12)),
    b("full-duplex", "true", until=(7, 12)),  # gone from 7.12 (terraform-routeros issue 326)
    F("tx-flow-control", "enum", "off", choices=_words("/interface/ethernet", "tx-flow-control")),
    F("rx-flow-control", "enum", "off", choices=_words("/interface/ethernet", "rx-flow-control")),
    F("bandwidth", default="unlimited/unlimited"),
    F("switch", default="switch1"),
    RUNNING,
    SLAVE,
    DISABLED,
    COMMENT,
], where={"_kind": "ether"}, key="name", no_add=True, no_remove=True,
    extra_verbs=("reset-mac-address", "reset-counters", "monitor"))

VLAN = Menu("/interface/vlan", "interface", [
    F("name"),
    F("mtu", "int", "1500", lo=32, hi=65535),
    ro("l2mtu"),
    ro("mac-address"),
    ARP,
    ARP_TIMEOUT,
    *LOOP_PROTECT,
    F("vlan-id", "int", required=True, lo=1, hi=4094),
    F("interface", "iface", required=True),
    b("use-service-tag"),
    b("mvrp", since=(7, 1)),
    RUNNING,
    DISABLED,
    COMMENT,
], where={"_kind": "vlan"}, key="name")

BRIDGE = Menu("/interface/bridge", "interface", [
    F("name"),
    F("mtu", "enum-or-int", "auto", choices=("auto",), lo=32, hi=65535),
    ro("actual-mtu"),
    ro("l2mtu"),
    ARP,
    ARP_TIMEOUT,
    ro("mac-address"),
    F("protocol-mode", "enum", overlay.DEFAULTS["/interface/bridge"]["protocol-mode"],
      choices=catalog.newest_field("/interface/bridge", "protocol-mode").words),
    b("fast-forward", "true"),
    b("igmp-snooping"),
    b("auto-mac", "true"),
    F("admin-mac", "mac-or-empty", ""),
    F("ageing-time", "duration", "5m"),
    F("priority", default="0x8000"),
    F("max-message-age", "duration", "20s"),
    F("forward-delay", "duration", "15s"),
    F("transmit-hold-count", "int", "6", lo=1, hi=10),
    b("vlan-filtering"),
    F("ether-type", "enum", "0x8100", choices=("0x8100", "0x88a8", "0x9100")),
    F("pvid", "int", "1", lo=1, hi=4094),
    F("frame-types", "enum", "admit-all", choices=_words("/interface/bridge", "frame-types")),
    b("ingress-filtering", "false", until=V7),
    b("ingress-filtering", "true", since=V7),
    b("dhcp-snooping"),
    RUNNING,
    DISABLED,
    COMMENT,
], where={"_kind": "bridge"}, key="name")

BRIDGE_PORT = Menu("/interface/bridge/port", "bridge_port", [
    F("interface", "iface-or-list", required=True),
    F("bridge", "ref:bridge", required=True),
    ro("status", since=V7),
    F("priority", default="0x80"),
    F("path-cost", "int", "10", lo=1, hi=200000000),
    F("internal-path-cost", "int", "10", lo=1, hi=200000000),
    F("edge", "enum", "auto", choices=("auto", "no", "no-discover", "yes", "yes-discover")),
    F("point-to-point", "enum", "auto", choices=("auto", "no", "yes")),
    F("learn", "enum", "auto", choices=("auto", "no", "yes")),
    F("horizon", default="none"),
    b("auto-isolate"),
    b("restricted-role"),
    b("restricted-tcn"),
    F("pvid", "int", "1", lo=1, hi=4094),
    F("frame-types", "enum", "admit-all", choices=_words("/interface/bridge/port", "frame-types")),
    b("ingress-filtering", "false", until=V7),
    b("ingress-filtering", "true", since=V7),
    b("unknown-unicast-flood", "true"),
    b("unknown-multicast-flood", "true"),
    b("broadcast-flood", "true"),
    b("tag-stacking"),
    b("bpdu-guard"),
    b("trusted"),
    b("hw", "true"),
    F("multicast-router", "enum", "temporary-query", choices=("disabled", "permanent", "temporary-query")),
    b("fast-leave"),
    ro("inactive", "bool"),
    DYNAMIC,
    DISABLED,
    COMMENT,
])

BONDING = Menu("/interface/bonding", "interface", [
    F("name"),
    F("mtu", "int", "1500", lo=32, hi=65535),
    ro("l2mtu"),
    ro("mac-address"),
    F("forced-mac-address", default="none"),
    ARP,
    ARP_TIMEOUT,
    F("arp-interval", "duration", "100ms"),
    F("arp-ip-targets", default=""),
    F("slaves", required=True),
    F("mode", "enum", "balance-rr", choices=_words("/interface/bonding", "mode")),
    F("primary", default="none"),
    F("link-monitoring", "enum", "mii", choices=_words("/interface/bonding", "link-monitoring")),
    F("mii-interval", "duration", "100ms"),
    F("down-delay", "duration", "0ms"),
    F("up-delay", "duration", "0ms"),
    F("lacp-rate", "enum", "30secs", choices=_words("/interface/bonding", "lacp-rate")),
    F("transmit-hash-policy", "enum", "layer-2", choices=_words("/interface/bonding", "transmit-hash-policy")),
    F("min-links", "int", "0", lo=0, hi=4294967295),
    RUNNING,
    DISABLED,
    COMMENT,
], where={"_kind": "bond"}, key="name")

INTERFACE_LIST = Menu("/interface/list", "interface_list", [
    F("name", required=True),
    F("include", default=""),
    F("exclude", default=""),
    ro("builtin", "bool"),
    DYNAMIC,
    COMMENT,
], key="name")

INTERFACE_LIST_MEMBER = Menu("/interface/list/member", "interface_list_member", [
    F("list", "ref:interface_list", required=True),
    F("interface", "iface", required=True),
    DYNAMIC,
    DISABLED,
    COMMENT,
])

IP_ADDRESS = Menu("/ip/address", "ip_address", [
    F("address", "ipv4if", required=True),
    F("network", "ipv4"),
    F("interface", "iface", required=True),
    ro("actual-interface"),
    INVALID,
    DYNAMIC,
    DISABLED,
    COMMENT,
])

IPV6_ADDRESS = Menu("/ipv6/address", "ipv6_address", [
    F("address", "ipv6if", required=True),
    F("from-pool", default=""),
    F("interface", "iface", required=True),
    ro("actual-interface"),
    b("eui-64"),
    b("advertise", "true"),
    b("no-dad"),
    b("auto-link-local", "true", since=(7, 16)),
    INVALID,
    DYNAMIC,
    ro("link-local", "bool"),
    ro("slave", "bool", since=V7),
    ro("global", "bool", since=V7),
    ro("deprecated", "bool", until=V7),
    DISABLED,
    COMMENT,
])

IP_DHCP_CLIENT = Menu("/ip/dhcp-client", "ip_dhcp_client", [
    F("interface", "iface", required=True),
    b("add-default-route", "true"),
    F("default-route-distance", "int", "1", lo=0, hi=255),
    b("use-peer-dns", "true"),
    b("use-peer-ntp", "true"),
    F("dhcp-options", default="hostname,clientid"),
    ro("status"),
    ro("address"),
    ro("gateway"),
    ro("dhcp-server"),
    ro("primary-dns"),
    ro("expires-after"),
    INVALID,
    DYNAMIC,
    DISABLED,
    COMMENT,
])

IP_ROUTE_V7 = [
    F("dst-address", "ipv4net", "0.0.0.0/0"),
    F("gateway", "gateway"),
    ro("immediate-gw"),
    F("distance", "int", "1", lo=0, hi=255),
    F("scope", "int", "30", lo=0, hi=255),
    F("target-scope", "int", "10", lo=0, hi=255),
    F("routing-table", "ref:routing_table", "main"),
    F("pref-src", "ipv4-or-empty"),
    F("check-gateway", "enum", choices=("arp", "bfd", "bfd-multihop", "none", "ping")),
    F("blackhole", "str"),
    b("suppress-hw-offload"),
    F("vrf-interface"),
    ro("active", "bool"),
    ro("connect", "bool"),
    ro("static", "bool"),
    ro("dhcp", "bool"),
    ro("hw-offloaded", "bool"),
    ro("inactive", "bool"),
    DYNAMIC,
    DISABLED,
    COMMENT,
]
IP_ROUTE_V6 = [
    F("dst-address", "ipv4net", "0.0.0.0/0"),
    F("gateway", "gateway"),
    ro("gateway-status"),
    F("distance", "int", "1", lo=0, hi=255),
    F("scope", "int", "30", lo=0, hi=255),
    F("target-scope", "int", "10", lo=0, hi=255),
    F("routing-mark"),
    F("pref-src", "ipv4-or-empty"),
    F("check-gateway", "enum", choices=("arp", "ping")),
    F("type", "enum", choices=("blackhole", "prohibit", "unicast", "unreachable")),
    F("vrf-interface", "iface"),
    ro("active", "bool"),
    ro("connect", "bool"),
    ro("static", "bool"),
    ro("dhcp", "bool"),
    DYNAMIC,
    DISABLED,
    COMMENT,
]

ROUTING_TABLE = Menu("/routing/table", "routing_table", [
    F("name", required=True),
    b("fib"),
    DYNAMIC,
    INVALID,
    DISABLED,
    COMMENT,
], key="name", since=V7)

IP_DNS = Menu("/ip/dns", "ip_dns", [
    F("servers", "iplist", ""),
    ro("dynamic-servers"),
    # DNS over HTTPS came with 6.47 (its changelog: "dns - added DNS over HTTPS (DoH) support"); 6.48.1 and 6.49.7
    # verbose exports print use-doh-server="" verify-doh-cert=no
    F("use-doh-server", default="", since=(6, 47)),
    b("verify-doh-cert", since=(6, 47)),
    F("doh-max-server-connections", "int", "5", since=V7),
    F("doh-max-concurrent-queries", "int", "50", since=V7),
    F("doh-timeout", "duration", "5s", since=V7),
    b("allow-remote-requests"),
    F("max-udp-packet-size", "int", "4096", lo=50, hi=65507),
    F("query-server-timeout", "duration", "2s"),
    F("query-total-timeout", "duration", "10s"),
    F("max-concurrent-queries", "int", "100"),
    F("max-concurrent-tcp-sessions", "int", "20"),
    F("cache-size", "sizekib", "2048KiB"),
    F("cache-max-ttl", "duration", "1w"),
    F("address-list-extra-time", "duration", "0s", since=(7, 16)),
    F("vrf", default="main", since=(7, 7)),
    F("mdns-repeat-ifaces", default="", since=(7, 16)),
    ro("cache-used"),
], kind="single")

ADDRESS_LIST_FIELDS = [
    F("list", required=True),
    F("address", "addrlist-address", required=True),
    ro("creation-time"),
    F("timeout", "duration"),
    DYNAMIC,
    DISABLED,
    COMMENT,
]

FILTER_ACTIONS = ("accept", "add-dst-to-address-list", "add-src-to-address-list", "drop", "fasttrack-connection",
                  "jump", "log", "passthrough", "reject", "return", "tarpit")

ADDRESS_TYPES = ("blackhole", "broadcast", "local", "multicast", "prohibit", "unicast", "unreachable")
CONNECTION_TYPES = ("ftp", "h323", "irc", "pptp", "quake3", "sip", "tftp")
TCP_FLAGS = ("ack", "cwr", "ece", "fin", "psh", "rst", "syn", "urg")

# Matchers and actions of /ip/firewall/filter (cross-checked with the community.routeros model). Matchers
# without a fixed value set are kept as text; "!" negation is accepted where the kind allows it.
FIREWALL_FILTER = Menu("/ip/firewall/filter", "ip_firewall_filter", [
    F("chain", required=True),
    F("action", "enum", "accept", choices=FILTER_ACTIONS),
    F("src-address"),
    F("dst-address"),
    F("src-address-list"),
    F("dst-address-list"),
    F("src-address-type", "enumlist-neg", choices=ADDRESS_TYPES),
    F("dst-address-type", "enumlist-neg", choices=ADDRESS_TYPES),
    F("protocol"),
    F("src-port"),
    F("dst-port"),
    F("port"),
    F("in-interface", "iface"),
    F("out-interface", "iface"),
    F("in-interface-list"),
    F("out-interface-list"),
    F("in-bridge-port", "iface"),
    F("out-bridge-port", "iface"),
    F("in-bridge-port-list"),
    F("out-bridge-port-list"),
    F("src-mac-address", "mac-neg"),
    F("connection-state"),
    F("connection-nat-state"),
    F("connection-type", "enum-neg", choices=CONNECTION_TYPES),
    F("connection-mark"),
    F("packet-mark"),
    F("routing-mark"),
    F("routing-table", until=(7, 15)),
    F("connection-bytes"),
    F("connection-limit"),
    F("connection-rate"),
    F("packet-size"),
    F("icmp-options"),
    F("tcp-flags", "enumlist-neg", choices=TCP_FLAGS),
    F("tcp-mss"),
    F("ttl"),
    F("dscp", "int", lo=0, hi=63),
    F("tos", since=(7, 21)),
    F("priority"),
    F("ingress-priority", "int", lo=0, hi=63),
    b("fragment", None),
    F("ipv4-options"),
    F("content"),
    F("layer7-protocol"),
    F("tls-host"),
    F("p2p"),
    F("hotspot"),
    F("ipsec-policy"),
    F("realm"),
    F("per-connection-classifier"),
    F("nth"),
    F("random", "int", lo=1, hi=99),
    F("psd"),
    F("time"),
    F("limit"),
    F("dst-limit"),
    F("address-list"),
    F("address-list-timeout"),
    F("jump-target"),
    F("reject-with"),
    b("hw-offload", since=V7),
    b("log"),
    F("log-prefix", default=""),
    ro("bytes"),
    ro("packets"),
    INVALID,
    DYNAMIC,
    DISABLED,
    COMMENT,
], ordered=True)

IP_SERVICE = Menu("/ip/service", "ip_service", [
    ro("name"),
    F("port", "int", lo=1, hi=65535),
    F("address", "prefixlist", ""),
    F("certificate"),
    F("tls-version", "enum", choices=("any", "only-1.2")),
    F("vrf", default="main", since=(7, 1)),
    F("max-sessions", "int", lo=1, hi=1000, since=(7, 16)),
    INVALID,
    DISABLED,
], key="name", no_add=True, no_remove=True)

USER = Menu("/user", "user", [
    F("name", required=True),
    F("group", "ref:user_group", required=True),
    F("address", "prefixlist", ""),
    ro("last-logged-in"),
    ro("expired", "bool", since=(7, 8)),
    F("inactivity-timeout", "duration", "10m", since=(7, 16)),
    F("inactivity-policy", "enum", "none", choices=("lockscreen", "logout", "none"), since=(7, 16)),
    F("password", wo=True),
    DISABLED,
    COMMENT,
], key="name")

USER_GROUP = Menu("/user/group", "user_group", [
    F("name", required=True),
    F("policy", required=True, since=V7),
    # RouterOS 6: the 6.4x policy words (baseline.V6_POLICIES), each may be negated with "!"
    F("policy", "enumlist-neg", required=True, choices=V6_POLICIES, until=V7),
    F("skin", default="default"),
    COMMENT,
], key="name")

USER_ACTIVE = Menu("/user/active", "user_active", [
    ro("when"),
    ro("name"),
    ro("address"),
    ro("via"),
    ro("group", since=V7),
    ro("radius", "bool"),
], kind="ro-list")

IP_NEIGHBOR = Menu("/ip/neighbor", "ip_neighbor", [
    ro("interface"),
    ro("address"),
    ro("address4"),
    ro("address6"),
    ro("mac-address"),
    ro("identity"),
    ro("platform"),
    ro("version"),
    ro("unpack"),
    ro("age"),
    ro("uptime"),
    ro("software-id"),
    ro("board"),
    ro("ipv6", "bool"),
    ro("interface-name"),
    ro("system-description"),
    ro("system-caps"),
    ro("system-caps-enabled"),
    ro("discovered-by", since=V7),
], kind="ro-list")

SYSTEM_IDENTITY = Menu("/system/identity", "system_identity", [F("name", default="MikroTik")], kind="single")

SYSTEM_RESOURCE = Menu("/system/resource", "system_resource", [
    ro("uptime"),
    ro("version"),
    ro("build-time"),
    ro("factory-software", since=V7),  # not on RouterOS 6 (6.x resource prints)
    ro("free-memory"),
    ro("total-memory"),
    ro("cpu"),
    ro("cpu-count"),
    ro("cpu-frequency"),
    ro("cpu-load"),
    ro("free-hdd-space"),
    ro("total-hdd-space"),
    ro("write-sect-since-reboot"),
    ro("write-sect-total"),
    ro("bad-blocks"),
    ro("architecture-name"),
    ro("board-name"),
    ro("platform"),
], kind="ro-single")

SYSTEM_ROUTERBOARD = Menu("/system/routerboard", "system_routerboard", [
    ro("routerboard", "bool"),
    ro("board-name", since=V7),
    ro("model"),
    ro("serial-number"),
    ro("firmware-type"),
    ro("factory-firmware"),
    ro("current-firmware"),
    ro("upgrade-firmware"),
], kind="ro-single")

SYSTEM_PACKAGE = Menu("/system/package", "system_package", [
    ro("name"),
    ro("version"),
    ro("build-time"),
    ro("scheduled"),
    ro("size", since=V7),
    ro("available", "bool", since=V7),
    DISABLED,
], kind="ro-list", extra_verbs=("enable", "disable"))

SYSTEM_CLOCK = Menu("/system/clock", "system_clock", [
    F("time"),
    F("date"),
    F("time-zone-autodetect", "bool", "true"),
    F("time-zone-name", default="manual"),
    ro("gmt-offset"),
    ro("dst-active", "bool"),
], kind="single")

SYSTEM_NOTE = Menu("/system/note", "system_note", [
    F("note", default=""),
    b("show-at-login", "true"),
    b("show-at-cli-login", since=(7, 13)),
], kind="single", since=V7)

LOG = Menu("/log", "log", [
    ro("time"),
    ro("topics"),
    ro("message"),
], kind="ro-list")

# --- routing, RouterOS 7

OSPF7_INSTANCE = Menu("/routing/ospf/instance", "ospf_instance", [
    F("name", required=True),
    F("version", "enum", "2", choices=("2", "3")),
    F("vrf", default="main"),
    F("router-id", default="main"),
    F("redistribute", "enumlist", "", choices=("bgp", "connected", "copy", "dhcp", "fantasy", "modem", "ospf",
                                               "rip", "static", "vpn")),
    F("originate-default", "enum", "never", choices=("always", "if-installed", "never")),
    F("in-filter-chain"),
    F("out-filter-chain"),
    F("out-filter-select"),
    F("routing-table"),
    F("domain-id"),
    F("domain-tag"),
    F("mpls-te-address"),
    F("mpls-te-area"),
    DISABLED,
    COMMENT,
], key="name", since=V7)

OSPF7_AREA = Menu("/routing/ospf/area", "ospf_area", [
    F("name", required=True),
    F("instance", "ref:ospf_instance", required=True),
    F("area-id", "ipv4", "0.0.0.0"),
    F("type", "enum", "default", choices=("default", "nssa", "stub")),
    F("default-cost", "int"),
    b("no-summaries"),
    F("nssa-translator", "enum", choices=("no", "yes", "yes-candidate")),
    DISABLED,
    COMMENT,
], key="name", since=V7)

OSPF7_TEMPLATE = Menu("/routing/ospf/interface-template", "ospf_template", [
    F("area", "ref:ospf_area", required=True),
    F("interfaces", default=None),
    F("networks", default=None),
    F("type", "enum", "broadcast", choices=("broadcast", "nbma", "ptmp", "ptmp-broadcast", "ptp", "ptp-unnumbered",
                                            "virtual-link")),
    F("cost", "int", "1", lo=1, hi=65535),
    F("priority", "int", "128", lo=0, hi=255),
    b("passive"),
    F("hello-interval", "duration", "10s"),
    F("dead-interval", "duration", "40s"),
    F("retransmit-interval", "duration", "5s"),
    F("transmit-delay", "duration", "1s"),
    F("auth", "enum", choices=("md5", "sha1", "sha256", "sha384", "sha512", "simple")),
    F("auth-key"),
    F("auth-id", "int"),
    F("instance-id", "int", "0"),
    INVALID,
    DYNAMIC,
    DISABLED,
    COMMENT,
], since=V7)

OSPF7_NEIGHBOR = Menu("/routing/ospf/neighbor", "ospf_neighbor", [
    ro("instance"), ro("area"), ro("address"), ro("priority"), ro("router-id"), ro("dr"), ro("bdr"),
    ro("state"), ro("state-changes"), ro("adjacency"), ro("timeout"), DYNAMIC,
], kind="ro-list", since=V7)

# --- routing, RouterOS 6

OSPF6_INSTANCE = Menu("/routing/ospf/instance", "ospf_instance", [
    F("name", required=True),
    F("router-id", "ipv4", "0.0.0.0"),
    F("distribute-default", "enum", "never", choices=("always-as-type-1", "always-as-type-2", "if-installed-as-type-1",
                                                      "if-installed-as-type-2", "never")),
    F("redistribute-connected", "enum", "no", choices=("as-type-1", "as-type-2", "no")),
    F("redistribute-static", "enum", "no", choices=("as-type-1", "as-type-2", "no")),
    F("redistribute-rip", "enum", "no", choices=("as-type-1", "as-type-2", "no")),
    F("redistribute-bgp", "enum", "no", choices=("as-type-1", "as-type-2", "no")),
    F("redistribute-other-ospf", "enum", "no", choices=("as-type-1", "as-type-2", "no")),
    F("metric-default", "int", "1"),
    F("metric-connected", "int", "20"),
    F("metric-static", "int", "20"),
    F("metric-rip", "int", "20"),
    F("metric-bgp", "enum-or-int", "auto", choices=("auto",)),
    F("metric-other-ospf", "enum-or-int", "auto", choices=("auto",)),
    F("in-filter", default="ospf-in"),
    F("out-filter", default="ospf-out"),
    F("routing-table"),
    ro("default", "bool"),
    DISABLED,
    COMMENT,
], key="name", until=V7)

OSPF6_AREA = Menu("/routing/ospf/area", "ospf_area", [
    F("name", required=True),
    F("area-id", "ipv4", "0.0.0.0"),
    F("instance", "ref:ospf_instance", "default"),
    F("type", "enum", "default", choices=("default", "nssa", "stub")),
    b("inject-summary-lsas", "true"),
    F("default-cost", "int"),
    ro("default", "bool"),
    INVALID,
    DISABLED,
    COMMENT,
], key="name", until=V7)

OSPF6_NETWORK = Menu("/routing/ospf/network", "ospf_network", [
    # 0.0.0.0/0 when left out: RouterOS 6 exports print `add area=backbone` (an /export omits default values)
    F("network", "ipv4net", "0.0.0.0/0"),
    F("area", "ref:ospf_area", required=True),
    INVALID,
    DISABLED,
    COMMENT,
], until=V7)

OSPF6_INTERFACE = Menu("/routing/ospf/interface", "ospf_interface", [
    F("interface", default="all"),
    F("cost", "int", "10", lo=1, hi=65535),
    F("priority", "int", "1", lo=0, hi=255),
    F("authentication", "enum", "none", choices=("md5", "none", "simple")),
    F("authentication-key", default=""),
    F("network-type", "enum", "default", choices=("broadcast", "default", "nbma", "point-to-point", "ptmp")),
    b("passive"),
    F("hello-interval", "duration", "10s"),
    F("dead-interval", "duration", "40s"),
    F("retransmit-interval", "duration", "5s"),
    F("transmit-delay", "duration", "1s"),
    INVALID,
    DYNAMIC,
    DISABLED,
    COMMENT,
], until=V7)

OSPF6_NEIGHBOR = Menu("/routing/ospf/neighbor", "ospf_neighbor", [
    ro("instance"), ro("router-id"), ro("address"), ro("interface"), ro("priority"), ro("dr-address"),
    ro("backup-dr-address"), ro("state"), ro("state-changes"), ro("ls-retransmits"), ro("ls-requests"),
    ro("db-summaries"), ro("adjacency"),
], kind="ro-list", until=V7)


# /queue/interface: a view of every interface with its queue type (hooks.QueueInterfaceHooks gives the defaults)
QUEUE_INTERFACE = Menu("/queue/interface", "interface", [
    ro("name"),
    F("queue"),
    ro("active-queue"),
    ro("default-queue"),
], key="name", no_add=True, no_remove=True)


def all_menus(hooks):
    """Every menu definition, with ``hooks`` (path -> Hooks) attached. Versions are chosen by Menu.bind()."""
    menus = [
        INTERFACE, ETHERNET, VLAN, BRIDGE, BRIDGE_PORT, BONDING, INTERFACE_LIST, INTERFACE_LIST_MEMBER,
        IP_ADDRESS, IPV6_ADDRESS, IP_DHCP_CLIENT,
        Menu("/ip/route", "ip_route", IP_ROUTE_V7, since=V7),
        Menu("/ip/route", "ip_route", IP_ROUTE_V6, until=V7),
        ROUTING_TABLE, IP_DNS,
        Menu("/ip/firewall/address-list", "ip_firewall_address_list", list(ADDRESS_LIST_FIELDS)),
        Menu("/ipv6/firewall/address-list", "ipv6_firewall_address_list",
             [F("address", "addrlist6-address", required=True) if f.name == "address" else f
              for f in ADDRESS_LIST_FIELDS]),
        FIREWALL_FILTER, IP_SERVICE, USER, USER_GROUP, USER_ACTIVE, IP_NEIGHBOR,
        SYSTEM_IDENTITY, SYSTEM_RESOURCE, SYSTEM_ROUTERBOARD, SYSTEM_PACKAGE, SYSTEM_CLOCK, SYSTEM_NOTE, LOG,
        OSPF7_INSTANCE, OSPF7_AREA, OSPF7_TEMPLATE, OSPF7_NEIGHBOR,
        OSPF6_INSTANCE, OSPF6_AREA, OSPF6_NETWORK, OSPF6_INTERFACE, OSPF6_NEIGHBOR, QUEUE_INTERFACE,
    ]
    for m in menus:
        m.hooks = hooks.get(m.path)
    return menus
