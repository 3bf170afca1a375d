# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Menus of optional RouterOS 7 packages that no command tree here holds, and the interfaces a board brings with
them (called by boards.install).

- ``wifiwave2`` (7.1 to 7.12, ARM boards): the wireless package RouterOS 7.13 renamed ``wifi`` ("wifiwave2"
  became "wifi" with the same menus and properties: the 7.13 changelog, "wifiwave2 - renamed to wifi"; the
  manual's WiFi page, formerly "WifiWave2"). Its menus are those of ``/interface/wifi`` in the 7.24 tree under
  ``/interface/wifiwave2`` (an approximation: the properties of 7.24, docs/simulator.md). The board's radios are
  ``wifi1``... (the 7.1rc6 exports of an Audience: ``set [ find default-name=wifi3 ] ...``), interfaces of type
  ``wifi``, instead of the ``wlan`` interfaces of the wireless package.
- ``zerotier``: ``/zerotier`` (the instances; ``zt1`` is there from the start: the 7.1rc6 exports ``set zt1
  ... port=9993``) and ``/zerotier/interface`` (interfaces of type ``zerotier``), with the properties and
  defaults of the MikroTik manual's ZeroTier page as terraform-routeros records them with a real router's print
  (github.com/terraform-routeros/terraform-provider-routeros ``routeros/resource_zerotier.go`` and
  ``resource_zerotier_interface.go``): instance comment, disabled, identity, interfaces (all), name, port (9993),
  route-distance (1), read-only identity.public, online, state; interface allow-default, allow-global,
  allow-managed (no), arp-timeout (auto), comment, disabled, disable-running-check, instance, mac-address, name,
  network, read-only bridge, dhcp, mtu (2800), network-name, running, status, type. The exports add interfaces
  with ``mac-address``, so it is writable here.
"""

from ansible_collections.tikops.routeros.plugins.module_utils.catalog import catalog

from .model import Field, Menu

WIFI_FROM = "/interface/wifi"
WIFIWAVE2 = "/interface/wifiwave2"
WIFI_LABEL = "7.24"  # the tree /interface/wifi comes from (packages.BORROW_LABEL)


def _register(router, m):
    m.generic = True  # saved with the state
    if hasattr(router.menus, "known"):
        router.menus.known.add(m.path)
        dict.__setitem__(router.menus, m.path, m)
    else:
        router.menus[m.path] = m
    parts = m.path.strip("/").split("/")
    for i in range(1, len(parts) + 1):
        router.dirs.add("/" + "/".join(parts[:i]))


def _wifiwave2_menus(router):
    from .generic import generic
    for path in sorted(p for p in catalog.paths(WIFI_LABEL, extra=True) if p == WIFI_FROM or p.startswith(WIFI_FROM + "/")):
        info = catalog.menu(path, WIFI_LABEL)
        if info is None:
            continue
        m = generic(info)  # a menu of its own (never the shared one of /interface/wifi)
        m.path = WIFIWAVE2 + path[len(WIFI_FROM):]
        if m.table != "interface":
            m.table = "g:" + m.path
        elif "default-name" not in m.by_name:
            f = Field("default-name", ro=True)  # a radio's own name, as the exports find it
            m.fields.insert(0, f)
            m.by_name[f.name] = f
        _register(router, m)


def _zerotier_menus(router):
    from .generic import BaselineHooks, InterfaceKindHooks
    inst = Menu("/zerotier", "zerotier", [
        Field("name", required=True), Field("comment"), Field("disabled", "bool", "false"), Field("identity"),
        Field("interfaces", "str", "all"), Field("port", "int", "9993", lo=1, hi=65535),
        Field("route-distance", "int", "1", lo=1, hi=255), Field("identity.public", ro=True),
        Field("online", ro=True, default="false"), Field("state", ro=True, default="running")],
        kind="list", key="name")
    inst.hooks = BaselineHooks({}, "instance", True)
    _register(router, inst)
    spec = {"interface": "zerotier"}
    iface = Menu("/zerotier/interface", "interface", [
        Field("name"), Field("instance", required=True), Field("network", required=True),
        Field("mac-address"), Field("allow-default", "bool", "false"), Field("allow-global", "bool", "false"),
        Field("allow-managed", "bool", "false"), Field("arp-timeout", "str", "auto"), Field("comment"),
        Field("disabled", "bool", "false"), Field("disable-running-check", "bool", "false"),
        Field("bridge", ro=True, default="true"), Field("dhcp", ro=True, default="false"),
        Field("mtu", ro=True, default="2800"), Field("network-name", ro=True, default=""),
        Field("status", ro=True, default="REQUESTING_CONFIGURATION"), Field("type", ro=True, default="PRIVATE")],
        kind="list", key="name", where={"_kind": "zerotier"})
    iface.hooks = InterfaceKindHooks(spec)
    _register(router, iface)
    router.table("zerotier").insert({"name": "zt1", "comment": "", "disabled": "false", "identity": "",
                                     "interfaces": "all", "port": "9993", "route-distance": "1", "online": "false",
                                     "state": "running"})


def install(router):
    """The package menus above for the packages ``router`` has; True when the board's radios are wifiwave2's."""
    if not router.v7():
        return False
    if "zerotier" in router.packages:
        _zerotier_menus(router)
    if "wifiwave2" in router.packages:
        _wifiwave2_menus(router)
        return True
    return False


def add_radios(router, names):
    """The board's radios as wifiwave2 interfaces (``wifi1``...), each with a MAC address of the board."""
    menu = router.menus.get(WIFIWAVE2)
    if menu is None:
        return
    for name in names:
        item = {f.name: f.default for f in menu.fields if f.default is not None and not f.ro}
        mac = router.new_mac()
        item.update({"_kind": "wifi", "_builtin": True, "name": name, "default-name": name, "mac-address": mac,
                     "radio-mac": mac, "disabled": "true", "mtu": "1500", "l2mtu": "1560", "arp": "enabled",
                     "arp-timeout": "auto"})
        router.table("interface").insert(item)


def add_lte(router, names):
    """The board's LTE interfaces (``lte1``: an Audience's modem, as its 7.x exports name it)."""
    menu = router.menus.get("/interface/lte")
    if menu is None:
        return
    for name in names:
        item = {f.name: f.default for f in menu.fields if f.default is not None and not f.ro}
        item.update({"_kind": "lte", "_builtin": True, "name": name, "default-name": name, "mtu": "1500",
                     "allow-roaming": "false", "band": "", "disabled": "false"})
        router.table("interface").insert(item)
