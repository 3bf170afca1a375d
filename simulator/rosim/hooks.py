# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Menu behaviour beyond plain fields: derived values, constraints, side effects on other tables."""

import ipaddress

from . import values as V
from .values import Trap


def conflict(router, table, keyfunc, item, old, name=None):
    """Another item of ``table`` with the same key as ``item`` (``old`` is the item being changed)."""
    key = keyfunc(item)
    for other in router.table(table).lookup(name or keyfunc.__name__, keyfunc, key):
        if other is old or other is item or (old is not None and other.get(".id") == old.get(".id")):
            continue
        return other
    return None


def k_name(item):
    return item.get("name")


def k_addr_iface(item):
    return (item.get("address"), item.get("interface"))


def k_list_addr(item):
    return (item.get("list"), item.get("address"))


def k_iface(item):
    return item.get("interface")


class Hooks:
    def derive(self, menu, item, router):
        return None

    def refresh(self, menu, router):
        pass

    def prepare(self, menu, item, router, old):
        pass

    def validate(self, menu, item, old, router):
        pass

    def after(self, menu, item, router, action, old=None):
        pass

    def before_remove(self, menu, item, router):
        pass


# ---------------------------------------------------------------------------------------------------------
# interfaces

TYPE_OF_KIND = {"ether": "ether", "vlan": "vlan", "bridge": "bridge", "bond": "bond", "wireguard": "wg",
                "wireless": "wlan"}
AUTO_NAME = {"vlan": "vlan", "bridge": "bridge", "bond": "bonding"}

# Fields (menu path -> field names) that hold an interface name; renames and removals follow them.
IFACE_FIELD_KINDS = ("iface", "iface-or-list", "ref:bridge")


def bridge_port_of(router, name):
    for port in router.table("bridge_port").items:
        if port.get("interface") == name:
            return port
    return None


def bond_of(router, name):
    for item in router.table("interface").items:
        if item.get("_kind") == "bond" and name in item.get("slaves", "").split(","):
            return item
    return None


class InterfaceHooks(Hooks):
    def derive(self, menu, item, router):
        kind = item.get("_kind")
        out = {"type": TYPE_OF_KIND.get(kind, kind), "fast-path": "true"}
        mtu = item.get("mtu", "1500")
        out["actual-mtu"] = mtu if mtu.isdigit() else "1500"
        running = item.get("disabled") != "true" and not item.get("_no_link")  # _no_link: upgrade.py's fault
        if kind == "ether":
            out["l2mtu"] = item.get("l2mtu", "1598")
            out["max-l2mtu"] = "2028"
            out["last-link-up-time"] = item.get("_link_up") or router.format_datetime(router.started)
            out["link-downs"] = "0"
        elif kind == "vlan":
            parent = router.find_interface(item.get("interface", ""))
            out["l2mtu"] = str(max(int(parent.get("l2mtu", "1598")) - 4, 0)) if parent is not None and \
                parent.get("l2mtu", "").isdigit() else "1594"
            out["mac-address"] = self.mac_of(router, parent) if parent is not None else "00:00:00:00:00:00"
            running = running and parent is not None and parent.get("disabled") != "true"
        elif kind == "bridge":
            out["l2mtu"] = "65535"
            out["mac-address"] = self.mac_of(router, item)
        elif kind == "bond":
            out["l2mtu"] = "1594"
            out["mac-address"] = self.mac_of(router, item)
        out["running"] = "true" if running else "false"
        slave = bridge_port_of(router, item.get("name")) is not None or bond_of(router, item.get("name")) is not None
        # slave is printed only when true (community.routeros api_facts fixtures; homeassistant-mikrotik_router
        # issue 386, a 7.x capture)
        out["slave"] = "true" if slave else None
        if kind != "ether":
            out.pop("last-link-up-time", None)
        if menu.path == "/interface":
            # traffic counters (/interface print; the same sources): made up, growing with uptime when running
            n = int(router.clock() - router.started) if running else 0
            seed = V.parse_id(item.get(".id", "*0")) or 0
            rxp, txp = n * (3 + seed % 5), n * (2 + seed % 3)
            out.update({"rx-byte": str(rxp * 600), "tx-byte": str(txp * 400), "rx-packet": str(rxp),
                        "tx-packet": str(txp), "rx-drop": "0", "tx-drop": "0", "tx-queue-drop": "0", "rx-error": "0",
                        "tx-error": "0", "fp-rx-byte": str(rxp * 600), "fp-tx-byte": "0", "fp-rx-packet": str(rxp),
                        "fp-tx-packet": "0"})
        if menu.path == "/interface/ethernet" and router.v7() and item.get("auto-negotiation", "true") == "true":
            # RouterOS 7 prints no speed while auto-negotiation is on (homeassistant-mikrotik_router issue 386)
            out["speed"] = None
        return out

    def mac_of(self, router, item):
        kind = item.get("_kind")
        if kind == "ether":
            return item.get("mac-address", "00:00:00:00:00:00")
        if kind == "vlan":
            parent = router.find_interface(item.get("interface", ""))
            return self.mac_of(router, parent) if parent is not None and parent is not item else "00:00:00:00:00:00"
        if kind == "bridge":
            if item.get("auto-mac") == "false" and item.get("admin-mac"):
                return item["admin-mac"]
            for p in router.table("bridge_port").items:
                if p.get("bridge") == item.get("name"):
                    port = router.find_interface(p.get("interface"))
                    if port is not None and port is not item:
                        return self.mac_of(router, port)
            return item.get("_mac", "00:00:00:00:00:00")
        if kind == "bond":
            slaves = [s for s in item.get("slaves", "").split(",") if s]
            if slaves:
                first = router.find_interface(slaves[0])
                if first is not None and first is not item:
                    return self.mac_of(router, first)
            return item.get("_mac", "00:00:00:00:00:00")
        return "00:00:00:00:00:00"

    def prepare(self, menu, item, router, old):
        kind = item.get("_kind")
        if old is None:
            if not item.get("name"):
                base = AUTO_NAME.get(kind, kind)
                n = 1
                while router.find_interface("%s%d" % (base, n)) is not None:
                    n += 1
                item["name"] = "%s%d" % (base, n)
            if kind in ("bridge", "bond"):
                item["_mac"] = router.new_mac()
        if kind == "bond" and "slaves" in item:
            names = []
            for s in [s for s in item["slaves"].split(",") if s]:
                names.append(router.resolve_interface(s, "slaves"))
            item["slaves"] = ",".join(names)

    def validate(self, menu, item, old, router):
        name = item.get("name", "")
        if not name:
            raise Trap("value of name must be specified", V.CAT_ARGUMENT)
        if conflict(router, "interface", k_name, item, old) is not None:
            raise Trap("failure: already have interface with such name")
        kind = item.get("_kind")
        if kind == "vlan" and item.get("interface") == name:
            raise Trap("input does not match any value of interface", V.CAT_ARGUMENT)
        if kind == "bond":
            for s in item.get("slaves", "").split(","):
                if s == name:
                    raise Trap("input does not match any value of slaves", V.CAT_ARGUMENT)
                other = bond_of(router, s)
                if other is not None and other.get(".id") != item.get(".id"):
                    raise Trap("failure: interface already is a slave of another bonding")

    def after(self, menu, item, router, action, old=None):
        if action == "set" and old is not None and old.get("name") != item.get("name"):
            rename_interface(router, old.get("name"), item.get("name"))
        if action == "remove":
            orphan_interface(router, item)
        if action in ("set", "remove") or item.get("_kind") in ("vlan", "bridge", "bond"):
            sync_connected_routes(router)

    def before_remove(self, menu, item, router):
        if item.get("_kind") == "ether":
            raise Trap("failure: can not remove builtin interface")


def iface_refs(router):
    """(table name, field name, is_list) for every field that holds interface names."""
    seen = set()
    for menu in router.menus.values():
        for f in menu.fields:
            if f.kind in IFACE_FIELD_KINDS or f.name in ("slaves", "interfaces") and menu.table in (
                    "interface", "ospf_template"):
                key = (menu.table, f.name, f.name in ("slaves", "interfaces"))
                if key not in seen:
                    seen.add(key)
                    yield key


def rename_interface(router, old, new):
    for table, field, is_list in iface_refs(router):
        router.table(table).touch()
        for it in router.table(table).items:
            value = it.get(field)
            if value is None:
                continue
            if is_list:
                parts = value.split(",")
                if old in parts:
                    it[field] = ",".join(new if p == old else p for p in parts)
                    router.changed(table, it)
            elif value == old:
                it[field] = new
                if "actual-interface" in it:
                    it["actual-interface"] = new
                router.changed(table, it)


def orphan_interface(router, removed):
    """Items that pointed at a removed interface keep its id as their value and turn invalid (as a router)."""
    old = removed.get("name")
    for table, field, is_list in iface_refs(router):
        router.table(table).touch()
        if table == "interface" and is_list:
            for it in router.table(table).items:
                parts = it.get(field, "").split(",")
                if old in parts:
                    it[field] = ",".join(p for p in parts if p != old)
            continue
        for it in router.table(table).items:
            if it.get(field) == old:
                it[field] = removed[".id"]
                if "invalid" in it:
                    it["invalid"] = "true"
                router.changed(table, it)


# ---------------------------------------------------------------------------------------------------------
# addresses and routes


class IPAddressHooks(Hooks):
    def derive(self, menu, item, router):
        return {"actual-interface": item.get("interface", "")}

    def prepare(self, menu, item, router, old):
        if "address" not in item:
            return
        if old is None:
            if "network" not in item:
                item["network"] = V.network_of(item["address"])
        elif item["address"] != old.get("address") and item.get("network") == old.get("network"):
            item["network"] = V.network_of(item["address"])

    def validate(self, menu, item, old, router):
        if conflict(router, "ip_address", k_addr_iface, item, old) is not None:
            raise Trap("failure: already have such address")

    def after(self, menu, item, router, action, old=None):
        sync_connected_routes(router)


class IPv6AddressHooks(Hooks):
    def derive(self, menu, item, router):
        addr = item.get("address", "::/128")
        ip = ipaddress.IPv6Interface(addr).ip
        out = {"actual-interface": item.get("interface", ""),
               "link-local": "true" if ip.is_link_local else "false"}
        if router.v7():
            out["global"] = "false" if ip.is_link_local or ip.is_private else "true"
            out["slave"] = "false"
        else:
            out["deprecated"] = "false"
        return out

    def validate(self, menu, item, old, router):
        if conflict(router, "ipv6_address", k_addr_iface, item, old) is not None:
            raise Trap("failure: already have such address")


def sync_connected_routes(router):
    """Keep one dynamic connected route per enabled /ip/address whose interface is running."""
    table = router.table("ip_route")
    want = {}
    for addr in router.table("ip_address").items:
        if addr.get("disabled") == "true" or addr.get("invalid") == "true":
            continue
        iface = router.find_interface(addr.get("interface", ""))
        if iface is None or iface.get("disabled") == "true":
            continue
        net = ipaddress.IPv4Interface(addr["address"]).network
        key = (str(net), addr["interface"])
        want.setdefault(key, addr["address"].split("/")[0])
    have = {}
    for r in list(table.items):
        if r.get("_connected") or (r.get("connect") == "true" and r.get("dynamic") == "true"):
            r["_connected"] = True
            key = (r.get("dst-address"), r.get("gateway"))
            if key in want and key not in have:
                have[key] = r
            else:
                router.delete_item("ip_route", r)
    for key, src in want.items():
        if key in have:
            continue
        route = {"dst-address": key[0], "gateway": key[1], "pref-src": src, "distance": "0", "scope": "10",
                 "target-scope": "5", "active": "true", "connect": "true",
                 "static": "false", "dhcp": "false", "dynamic": "true", "disabled": "false", "_connected": True}
        if router.v7():
            route.update({"routing-table": "main", "immediate-gw": key[1], "suppress-hw-offload": "false",
                          "hw-offloaded": "false", "inactive": "false"})
            route.pop("scope")
            route["scope"] = "10"
        else:
            # RouterOS 6 connected routes have no target-scope (routeros-cli-samples ip_route_print_detail)
            route["gateway-status"] = "%s reachable" % key[1]
            del route["target-scope"]
            route[".id"] = dynamic_route_id(router)
        router.changed("ip_route", table.insert(route))


def dynamic_route_id(router):
    """RouterOS 6 numbers dynamic routes from *30000001 (community.routeros fixtures), apart from static ones."""
    router.dynamic_route_ids = getattr(router, "dynamic_route_ids", 0x30000000) + 1
    return V.fmt_id(router.dynamic_route_ids)


def dhcp_leases(router):
    """(client, address/prefix, gateway) for every enabled DHCP client: 10.0.2.15/24 via 10.0.2.2 for the
    first (what qemu's user network hands a CHR), 10.0.3.15/24 for the second, and so on."""
    out = []
    for n, client in enumerate(c for c in router.table("ip_dhcp_client").items if c.get("disabled") != "true"):
        if router.find_interface(client.get("interface", "")) is None:
            continue
        out.append((client, "10.0.%d.15/24" % (2 + n), "10.0.%d.2" % (2 + n)))
    return out


def sync_dhcp(router):
    """Keep the dynamic address and default route of each DHCP client (and nothing else dynamic)."""
    leases = dhcp_leases(router)
    want_addr = {(addr, c["interface"]) for c, addr, _gw in leases}
    addrs = router.table("ip_address")
    have = set()
    for a in list(addrs.items):
        if a.get("dynamic") != "true":
            continue
        key = (a.get("address"), a.get("interface"))
        if key in want_addr and key not in have:
            have.add(key)
        else:
            router.delete_item("ip_address", a)
    for c, addr, _gw in leases:
        if (addr, c["interface"]) not in have:
            router.changed("ip_address", addrs.insert({
                "address": addr, "network": V.network_of(addr), "interface": c["interface"], "invalid": "false",
                "dynamic": "true", "disabled": "false"}))
    routes = router.table("ip_route")
    want_route = {gw: c for c, _addr, gw in leases if c.get("add-default-route", "true") == "true"}
    have_route = set()
    for r in list(routes.items):
        if r.get("dhcp") != "true" and not r.get("_dhcp"):
            continue
        gw = r.get("gateway")
        if gw in want_route and gw not in have_route:
            have_route.add(gw)
            r["distance"] = want_route[gw].get("default-route-distance", "1")
        else:
            router.delete_item("ip_route", r)
    for gw, c in want_route.items():
        if gw in have_route:
            continue
        route = {"dst-address": "0.0.0.0/0", "gateway": gw, "distance": c.get("default-route-distance", "1"),
                 "scope": "30", "target-scope": "10", "active": "true", "connect": "false", "static": "false",
                 "dhcp": "true", "dynamic": "true", "disabled": "false", "vrf-interface": c["interface"], "_dhcp": True}
        if router.v7():
            route.update({"routing-table": "main", "suppress-hw-offload": "false", "hw-offloaded": "false",
                          "inactive": "false"})
        else:
            # RouterOS 6: a DHCP default route is dynamic and static, with no dhcp or connect key
            # (community.routeros fixtures); vrf-interface names the client's interface (MikroTik manual, IP routing)
            del route["dhcp"], route["connect"]
            route["static"] = "true"
            route[".id"] = dynamic_route_id(router)
        router.changed("ip_route", routes.insert(route))
    sync_connected_routes(router)


class RouteHooks(Hooks):
    def derive(self, menu, item, router):
        """active/inactive and the resolved gateway: a gateway address must be on a connected network."""
        out = {}
        gw = item.get("gateway", "")
        if not gw or item.get("connect") == "true":
            if item.get("disabled") == "true":
                out["active"] = "false"
            return out
        first = gw.split(",")[0]
        if "%" in first:
            iface = first.split("%", 1)[1]
            first = first.split("%", 1)[0]
        elif first[:1].isdigit() or ":" in first:
            iface = self.egress(router, first)
        else:
            iface, first = first, ""
        reachable = bool(iface) and item.get("disabled") != "true"
        out["active"] = "true" if reachable else "false"
        if router.v7():
            out["inactive"] = "false" if reachable else "true"
            if iface:
                out["immediate-gw"] = "%s%%%s" % (first, iface) if first else iface
        else:
            target = first or iface
            out["gateway-status"] = "%s reachable via  %s" % (target, iface) if iface and first else \
                ("%s reachable" % iface if iface else "%s unreachable" % target)
        return out

    @staticmethod
    def egress(router, gateway):
        try:
            ip = ipaddress.IPv4Address(gateway.split("%")[0])
        except ValueError:
            return ""
        for addr in router.table("ip_address").items:
            if ip in ipaddress.IPv4Interface(addr["address"]).network:
                return addr["interface"]
        return ""

    def prepare(self, menu, item, router, old):
        if old is None:
            for k, v in (("active", "true"), ("connect", "false"), ("static", "true"), ("dynamic", "false"),
                         ("dhcp", "false")):
                item.setdefault(k, v)
            if router.v7():
                item.setdefault("hw-offloaded", "false")
                item.setdefault("inactive", "false")


# ---------------------------------------------------------------------------------------------------------
# firewall, services, users


class AddressListHooks(Hooks):
    def prepare(self, menu, item, router, old):
        if old is None:
            item["creation-time"] = router.format_datetime(router.now())
        if item.get("timeout"):
            item["dynamic"] = "true"
            if old is None or item.get("timeout") != old.get("timeout"):
                item["_expires"] = router.clock() + V.duration_ms(item["timeout"]) / 1000.0

    def refresh(self, menu, router):
        now = router.clock()
        for item in list(router.table(menu.table).items):
            exp = item.get("_expires")
            if exp is not None and exp <= now:
                router.delete_item(menu.table, item)

    def derive(self, menu, item, router):
        exp = item.get("_expires")
        if exp is None:
            return None
        left = max(int(exp - router.clock()), 0)
        return {"timeout": V.fmt_duration(left * 1000)}

    def validate(self, menu, item, old, router):
        if conflict(router, menu.table, k_list_addr, item, old) is not None:
            raise Trap("failure: already have such entry")


class FilterHooks(Hooks):
    def prepare(self, menu, item, router, old):
        item.setdefault("bytes", "0")
        item.setdefault("packets", "0")

    def validate(self, menu, item, old, router):
        if item.get("action") == "jump" and not item.get("jump-target"):
            raise Trap("failure: jump-target not specified")


class BridgePortHooks(Hooks):
    def derive(self, menu, item, router):
        out = {}
        if router.v7():
            bridge = router.find_interface(item.get("bridge", ""))
            out["status"] = "in-bridge" if bridge is not None and item.get("disabled") != "true" else "inactive"
        return out

    def validate(self, menu, item, old, router):
        if item.get("interface") == item.get("bridge"):
            raise Trap("failure: can not add bridge to itself")
        if conflict(router, "bridge_port", k_iface, item, old) is not None:
            raise Trap("failure: device already added as bridge port")

    def prepare(self, menu, item, router, old):
        item.setdefault("inactive", "false")
        item.setdefault("dynamic", "false")


class ServiceHooks(Hooks):
    def derive(self, menu, item, router):
        return None


class UserHooks(Hooks):
    def validate(self, menu, item, old, router):
        if conflict(router, "user", k_name, item, old) is not None:
            raise Trap("failure: user with the same name already exists")

    def before_remove(self, menu, item, router):
        fulls = [u for u in router.table("user").items if u.get("group") == "full" and u is not item]
        if item.get("group") == "full" and not fulls:
            raise Trap("failure: can not remove last full user")


class NamedHooks(Hooks):
    """Menus keyed by a unique name."""

    def __init__(self, what="item"):
        self.what = what

    def validate(self, menu, item, old, router):
        if conflict(router, menu.table, k_name, item, old) is not None:
            raise Trap("failure: %s with such name already exists" % self.what)


# ---------------------------------------------------------------------------------------------------------
# system


class ResourceHooks(Hooks):
    def derive(self, menu, item, router):
        info = router.board
        v7 = router.v7()
        return {
            "uptime": router.uptime(),
            "version": router.version_display,
            "build-time": router.format_datetime(router.build_time, capital=True),
            "factory-software": info["factory-software"],
            "free-memory": str(info["total-memory"] - 41 * 1024 * 1024 - 37 * 4096),
            "total-memory": str(info["total-memory"]),
            "cpu": info["cpu"],
            "cpu-count": str(info["cpu-count"]),
            "cpu-frequency": str(info["cpu-frequency"]),
            "cpu-load": "%d" % (int(router.clock()) % 3),
            "free-hdd-space": str(info["total-hdd-space"] - (9 if v7 else 5) * 1024 * 1024 - 815104),
            "total-hdd-space": str(info["total-hdd-space"]),
            "write-sect-since-reboot": "%d" % (300 + router.table("log").next_id * 3),
            "write-sect-total": "%d" % (28417 + router.table("log").next_id * 3),
            "bad-blocks": "0",
            "architecture-name": info["architecture-name"],
            "board-name": info["board-name"],
            "platform": "MikroTik",
        }


class RouterboardHooks(Hooks):
    def derive(self, menu, item, router):
        info = router.board
        if not info.get("routerboard", True):
            return {f.name: None for f in menu.fields if f.name != "routerboard"} | {"routerboard": "false"}
        out = {
            "routerboard": "true",
            "model": info["model"],
            "serial-number": info["serial-number"],
            "firmware-type": info["firmware-type"],
            "factory-firmware": info["factory-firmware"],
            "current-firmware": getattr(router, "rosim_firmware", None) or router.version_number,  # upgrade.py
            "upgrade-firmware": router.version_number,
        }
        if router.v7():
            out["board-name"] = info["board-name"]
        return out


class ClockHooks(Hooks):
    def derive(self, menu, item, router):
        import datetime
        now = router.now()
        t = datetime.datetime.fromtimestamp(now, datetime.timezone.utc)
        return {"time": t.strftime("%H:%M:%S"), "date": router.format_date(now), "gmt-offset": "+00:00",
                "dst-active": "false"}

    def prepare(self, menu, item, router, old):
        import datetime
        if old is None:
            return
        now = datetime.datetime.fromtimestamp(router.now(), datetime.timezone.utc)
        want = now
        if item.get("time") and item.get("time") != old.get("time"):
            ms = V.duration_ms(item["time"])
            if ms is None or ms >= 86400000:
                raise Trap("invalid value for argument time", V.CAT_ARGUMENT)
            secs = ms // 1000
            want = want.replace(hour=secs // 3600, minute=secs // 60 % 60, second=secs % 60)
        if item.get("date") and item.get("date") != old.get("date"):
            want = parse_date(item["date"], want)
        router.clock_offset += (want - now).total_seconds()
        item.pop("time", None)
        item.pop("date", None)


def parse_date(text, base):
    import datetime
    for fmt in ("%Y-%m-%d", "%b/%d/%Y"):
        try:
            d = datetime.datetime.strptime(text.strip().capitalize() if "/" in text else text.strip(), fmt)
            return base.replace(year=d.year, month=d.month, day=d.day)
        except ValueError:
            continue
    raise Trap("invalid value for argument date", V.CAT_ARGUMENT)


class DNSHooks(Hooks):
    def derive(self, menu, item, router):
        dyn = router.table("ip_dhcp_client").items
        servers = "10.0.2.3" if any(c.get("disabled") != "true" and c.get("use-peer-dns") == "true" for c in dyn) else ""
        return {"dynamic-servers": servers, "cache-used": "28KiB"}


class DHCPClientHooks(Hooks):
    def derive(self, menu, item, router):
        for client, addr, gw in dhcp_leases(router):
            if client is item:
                return {"status": "bound", "address": addr, "gateway": gw, "dhcp-server": gw,
                        "primary-dns": gw[:-1] + "3", "expires-after": "23h59m"}
        return {"status": "stopped" if item.get("disabled") == "true" else "searching..."}

    def after(self, menu, item, router, action, old=None):
        if action != "load":
            sync_dhcp(router)

    def validate(self, menu, item, old, router):
        if conflict(router, menu.table, k_iface, item, old) is not None:
            raise Trap("failure: dhcp-client on that interface already exists")


class OSPFTemplateHooks(Hooks):
    def prepare(self, menu, item, router, old):
        if item.get("interfaces"):
            item["interfaces"] = ",".join(router.resolve_interface(i, "interfaces")
                                          for i in item["interfaces"].split(",") if i)
        if item.get("networks"):
            item["networks"] = ",".join(V.parse_ipv4_prefix("networks", n) for n in item["networks"].split(",") if n)
        item.setdefault("invalid", "false")
        item.setdefault("dynamic", "false")


class QueueInterfaceHooks(Hooks):
    """/queue/interface: one entry per interface (a view of the interface table), its queue type. The default:
    ``only-hardware-queue`` for ethernet ports (the manual's Queues page: the default of RouterBOARD ethernet
    interfaces), ``wireless-default`` for wireless ones, ``no-queue`` for the rest (bridges, VLANs, tunnels: real 6.x
    and 7.x verbose exports print `set bridge queue=no-queue`, `set <vlan> queue=no-queue`)."""

    DEFAULTS = {"ether": "only-hardware-queue", "wireless": "wireless-default"}

    def derive(self, menu, item, router):
        default = self.DEFAULTS.get(item.get("_kind"), "no-queue")
        queue = item.get("queue") or default
        return {"queue": queue, "active-queue": queue, "default-queue": default}


HOOKS = {
    "/queue/interface": QueueInterfaceHooks(),
    "/interface": InterfaceHooks(),
    "/interface/ethernet": InterfaceHooks(),
    "/interface/vlan": InterfaceHooks(),
    "/interface/bridge": InterfaceHooks(),
    "/interface/bonding": InterfaceHooks(),
    "/interface/bridge/port": BridgePortHooks(),
    "/interface/list": NamedHooks("interface list"),
    "/ip/address": IPAddressHooks(),
    "/ipv6/address": IPv6AddressHooks(),
    "/ip/route": RouteHooks(),
    "/ip/firewall/address-list": AddressListHooks(),
    "/ipv6/firewall/address-list": AddressListHooks(),
    "/ip/firewall/filter": FilterHooks(),
    "/ip/service": ServiceHooks(),
    "/ip/dns": DNSHooks(),
    "/ip/dhcp-client": DHCPClientHooks(),
    "/user": UserHooks(),
    "/user/group": NamedHooks("group"),
    "/system/resource": ResourceHooks(),
    "/system/routerboard": RouterboardHooks(),
    "/system/clock": ClockHooks(),
    "/routing/ospf/instance": NamedHooks("instance"),
    "/routing/ospf/area": NamedHooks("area"),
    "/routing/ospf/interface-template": OSPFTemplateHooks(),
    "/routing/table": NamedHooks("routing table"),
}
