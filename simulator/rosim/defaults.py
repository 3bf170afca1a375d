# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The state a simulated router boots with: the board's hardware (boards.py; a hEX, RB750Gr3, with five ethernet
ports unless --board says otherwise), a DHCP client on ether1 (the dynamic address 10.0.2.15/24 a qemu CHR gets),
IPv6 link-local addresses, the built-in services, users and groups, two CDP/MNDP neighbours, the version-specific
built-ins (the v6 OSPF instance) and the built-in entries of the real exports (facts.py)."""

import calendar
import ipaddress

from ansible_collections.tikops.routeros.plugins.module_utils.catalog import overlay

from .hooks import sync_dhcp

BOARD = {
    "model": "RB750Gr3",
    "board-name": "hEX",
    "serial-number": "HEX0SIM00001",
    "firmware-type": "mt7621L",
    "factory-firmware": "6.45.9",
    "factory-software": "6.44.6",
    "cpu": "MIPS 1004Kc V2.15",
    "cpu-count": 4,
    "cpu-frequency": 880,
    "total-memory": 268435456,
    "total-hdd-space": 16777216,
    "architecture-name": "mmips",
}

# Release dates (build-time) known from real routers: 6.42.5 (routeros-cli-samples system_package_print),
# 6.49.10 and 7.16 (their release announcements). Other versions get a date interpolated between the anchors of
# their line, so dates follow release order (docs/simulator.md, choices).
BUILD_TIMES = {
    "6.42.5": "2018-06-26 12:12:08",
    "6.49.10": "2023-09-20 10:31:03",
    "7.16": "2024-09-20 13:00:27",
}
ANCHORS = {6: ((6, 42, 5), (6, 49, 10)), 7: ((7, 1, 0), (7, 16, 0))}
ANCHOR_DATES = {(6, 42, 5): "2018-06-26 12:12:08", (6, 49, 10): "2023-09-20 10:31:03",
                (7, 1, 0): "2021-12-08 10:00:00", (7, 16, 0): "2024-09-20 13:00:27"}

GROUP_POLICIES = {
    "read": "local,telnet,ssh,reboot,read,test,winbox,password,web,sniff,sensitive,api,romon,rest-api,!ftp,"
            "!write,!policy",
    "write": "local,telnet,ssh,reboot,read,write,test,winbox,password,web,sniff,sensitive,api,romon,rest-api,"
             "!ftp,!policy",
    "full": "local,telnet,ssh,ftp,reboot,read,write,policy,test,winbox,password,web,sniff,sensitive,api,romon,"
            "rest-api",
}

# RouterOS 6.4x: no rest-api; dude and tikapp (exports of such routers)
GROUP_POLICIES_V6 = {
    "read": "local,telnet,ssh,reboot,read,test,winbox,password,web,sniff,sensitive,api,romon,tikapp,!ftp,!write,"
            "!policy,!dude",
    "write": "local,telnet,ssh,reboot,read,write,test,winbox,password,web,sniff,sensitive,api,romon,tikapp,!ftp,"
             "!policy,!dude",
    "full": "local,telnet,ssh,ftp,reboot,read,write,policy,test,winbox,password,web,sniff,sensitive,api,romon,dude,"
            "tikapp",
}

SERVICES = [  # name, disabled at boot (the ports: overlay.SERVICE_PORTS)
    ("telnet", False),
    ("ftp", False),
    ("www", False),
    ("ssh", False),
    ("www-ssl", True),
    ("api", False),
    ("winbox", False),
    ("api-ssl", False),
]


def _ts(text):
    import datetime
    return calendar.timegm(datetime.datetime.strptime(text, "%Y-%m-%d %H:%M:%S").timetuple())


def build_time(version_text):
    key = version_text.split()[0]
    if key in BUILD_TIMES:
        return _ts(BUILD_TIMES[key])
    nums = []
    for part in key.split(".")[:3]:
        digits = ""
        for c in part:
            if not c.isdigit():
                break
            digits += c
        nums.append(int(digits or 0))
    nums = (nums + [0, 0, 0])[:3]
    lo, hi = ANCHORS.get(nums[0], ANCHORS[6])
    t_lo, t_hi = _ts(ANCHOR_DATES[lo]), _ts(ANCHOR_DATES[hi])

    def pos(v):
        return v[1] * 100 + min(v[2], 99)

    t = t_lo + (t_hi - t_lo) * (pos(nums) - pos(lo)) / float(pos(hi) - pos(lo))
    t = int(t) - int(t) % 60 + 7  # whole minutes (plus a few seconds), like a build stamp
    return max(_ts("2010-01-01 00:00:00"), min(t, _ts("2030-01-01 00:00:00")))


def eui64_link_local(mac):
    b = [int(x, 16) for x in mac.split(":")]
    b[0] ^= 0x02
    raw = bytes([0xFE, 0x80, 0, 0, 0, 0, 0, 0] + b[:3] + [0xFF, 0xFE] + b[3:])
    return "%s/64" % ipaddress.IPv6Address(raw).compressed


def fill(router, path, item):
    """Give ``item`` the defaults of every field ``path`` has in this version (as an add would)."""
    menu = router.menus.get(path)
    if menu is not None:
        for f in menu.fields:
            if f.default is not None and not f.ro and not f.wo and f.name not in item:
                item[f.name] = f.default
    return item


def load_defaults(router, identity="MikroTik", user="admin", password="", users=None):
    v7 = router.v7()
    text = router.version_text.split()[0]
    router.version_number = text
    channel = "stable"  # 6.42.5 prints "(stable)" too (routeros-cli-samples system_resource_print)
    if not v7 and router.version >= (6, 44) and router.version[:2] in ((6, 48), (6, 49)):
        channel = "long-term"
    router.version_display = "%s (%s)" % (text, channel)
    router.build_time = build_time(text)
    from . import boards
    spec = boards.info(router.board_key)
    router.board = dict(BOARD)
    router.board.update((k, v) for k, v in spec.items() if k not in ("ports", "source", "packages"))
    if router.board_key != "hex":
        router.board["serial-number"] = ("%s0SIM00001" % router.board_key.upper().replace("-", ""))[:12]

    router.table("system_identity").insert({"name": identity})
    router.table("system_note").insert({"note": "", "show-at-login": "true", "show-at-cli-login": "false"})
    router.table("system_clock").insert({"time-zone-autodetect": "true", "time-zone-name": "manual"})
    router.table("system_resource").insert({})
    router.table("system_routerboard").insert({})

    ifaces = router.table("interface")
    for n, (name, speed) in enumerate(spec["ports"], 1):  # the board's ports (boards.py)
        item, item_speed = boards.ethernet_item(router, name, speed, router.new_mac(n))
        item["speed"] = item_speed
        fill(router, "/interface/ethernet", item)  # full-duplex by version
        if not router.board.get("switch"):
            item.pop("switch", None)  # a CHR's ports are on no switch chip
        ifaces.insert(item)

    lists = router.table("interface_list")
    for n, name in enumerate(("all", "none", "dynamic", "static")):
        # the built-in lists' comments as RouterOS prints them (MikroTik manual, Interface Lists); ids: a choice
        lists.insert({".id": "*%X" % (0x2000000 + n), "name": name, "include": "", "exclude": "", "builtin": "true",
                      "dynamic": "false", "comment": "contains %s interfaces" % ("no" if name == "none" else name)})

    router.table("ip_dhcp_client").insert({
        "interface": "ether1", "add-default-route": "true", "default-route-distance": "1",
        "use-peer-dns": "true", "use-peer-ntp": "true", "dhcp-options": "hostname,clientid",
        "invalid": "false", "dynamic": "false", "disabled": "false"})
    for item in list(ifaces.items):
        router.table("ipv6_address").insert(fill(router, "/ipv6/address", {
            "address": eui64_link_local(item["mac-address"]), "from-pool": "", "interface": item["name"],
            "eui-64": "false", "advertise": "false", "no-dad": "false", "invalid": "false", "dynamic": "true",
            "disabled": "false"}))
    if v7:
        router.table("routing_table").insert({"name": "main", "fib": "true", "dynamic": "false", "invalid": "false",
                                              "disabled": "false", "_builtin": True})
    sync_dhcp(router)

    router.table("ip_dns").insert(fill(router, "/ip/dns", {}))  # every property the version prints (facts.py)

    for name, disabled in SERVICES:
        item = {"name": name, "port": overlay.SERVICE_PORTS[name], "address": "", "invalid": "false",
                "disabled": "true" if disabled else "false"}
        if name in ("www-ssl", "api-ssl"):
            item["certificate"] = "none"
            item["tls-version"] = "any"
        if v7:
            item["vrf"] = "main"
        if router.version >= (7, 16):
            item["max-sessions"] = overlay.DEFAULTS["/ip/service"]["max-sessions"]
        router.table("ip_service").insert(item)

    groups = router.table("user_group")
    for name in ("read", "write", "full"):
        policies = GROUP_POLICIES if router.v7() else GROUP_POLICIES_V6
        groups.insert({"name": name, "policy": policies[name], "skin": "default", "_builtin": True})
    accounts = users if users else [{"name": user, "group": "full", "password": password}]
    for acc in accounts:
        item = {"name": acc["name"], "group": acc.get("group", "full"), "address": acc.get("address", ""),
                "disabled": "false", "_password": str(acc.get("password", "") or "")}
        if router.version >= (7, 8):
            item["expired"] = "false"
        if acc.get("comment"):
            item["comment"] = acc["comment"]
        router.table("user").insert(fill(router, "/user", item))

    neighbors = router.table("ip_neighbor")
    neighbors.insert({
        "interface": "ether2", "address": "192.168.88.2", "address4": "192.168.88.2",
        "mac-address": "D4:CA:6D:C6:16:4C", "identity": "switch1", "platform": "MikroTik",
        "version": "7.15.3 (stable)", "unpack": "none", "age": "21s", "uptime": "3w19h11m36s",
        "software-id": "ABCD-1234", "board": "CRS326-24G-2S+", "ipv6": "false", "interface-name": "bridge",
        "system-description": "MikroTik RouterOS 7.15.3 (stable) CRS326-24G-2S+", "system-caps": "bridge,router",
        "system-caps-enabled": "bridge,router", "discovered-by": "cdp,lldp,mndp"})
    neighbors.insert({
        "interface": "ether3", "address": "192.168.88.3", "address4": "192.168.88.3",
        "mac-address": "B8:69:F4:37:F0:C8", "identity": "ap1", "platform": "MikroTik",
        "version": "6.49.10 (long-term)", "unpack": "none", "age": "43s", "uptime": "3d14h25m31s",
        "software-id": "EFGH-5678", "board": "RBwAPG-5HacD2HnD", "ipv6": "false", "interface-name": "ether1",
        "system-description": "MikroTik RouterOS 6.49.10 (long-term) RBwAPG-5HacD2HnD", "system-caps": "",
        "system-caps-enabled": "", "discovered-by": "mndp"})
    if v7:
        for it in neighbors.items:
            it.pop("ipv6", None)
    else:
        for it in neighbors.items:
            it.pop("discovered-by", None)

    packages = router.table("system_package")
    if v7:
        packages.insert({"name": "routeros", "version": text, "build-time": router.format_datetime(router.build_time),
                         "scheduled": "", "size": "13004800", "available": "false", "disabled": "false"})
        for name in router.packages:  # the optional packages installed (--packages); sizes are a choice
            packages.insert({"name": name, "version": text, "build-time": router.format_datetime(router.build_time),
                             "scheduled": "", "size": "1048576", "available": "false", "disabled": "false"})
    else:
        for name in ("routeros-mmips", "system", "ipv6", "wireless", "hotspot", "dhcp", "mpls", "routing", "ppp",
                     "security", "advanced-tools") + tuple(router.packages):
            packages.insert({"name": name, "version": text,
                             "build-time": router.format_datetime(router.build_time), "scheduled": "",
                             "disabled": "false"})

    if not v7:
        router.table("ospf_instance").insert({
            "name": "default", "router-id": "0.0.0.0", "distribute-default": "never",
            "redistribute-connected": "no", "redistribute-static": "no", "redistribute-rip": "no",
            "redistribute-bgp": "no", "redistribute-other-ospf": "no", "metric-default": "1",
            "metric-connected": "20", "metric-static": "20", "metric-rip": "20", "metric-bgp": "auto",
            "metric-other-ospf": "auto", "in-filter": "ospf-in", "out-filter": "ospf-out", "default": "true",
            "disabled": "false", "_builtin": True})
        router.table("ospf_area").insert({
            "name": "backbone", "area-id": "0.0.0.0", "instance": "default", "type": "default",
            "inject-summary-lsas": "true", "default": "true", "invalid": "false", "disabled": "false",
            "_builtin": True})

    from .baseline import install_builtins, install_fact_builtins
    install_builtins(router)
    install_fact_builtins(router)
    boards.install(router)
    router.log("system,info", "router rebooted")
