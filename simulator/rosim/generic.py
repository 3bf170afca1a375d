# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every menu of a RouterOS 7 version, from the real command trees (``plugins/module_utils/catalog``).

The tree says which menus exist, which commands each has and which arguments ``add``/``set`` take. The hand
model (``menus.py``) says more about the menus the collection configures (defaults, read-only fields, hooks);
where both know a menu, the tree decides what is writable and which commands exist, the hand model the rest.
Menus only the tree knows are *generic*: lists, fixed entries or settings that store what they are given and
check values as far as the router's argument description tells (word lists, ranges, addresses, durations).
"""


from ansible_collections.tikops.routeros.plugins.module_utils.catalog import catalog

from . import facts as FACTS
from . import packages as PKG
from . import values as V
from .baseline import BASELINE, V6_MENUS
from .hooks import InterfaceHooks, NamedHooks, conflict, k_name
from .model import Field, Menu
from .values import Trap

# Commands the API offers on every menu that prints, though the console tree does not list them.
API_READ_VERBS = ("getall", "listen")


def tree_label(version):
    """The catalog version to use for a router ``version`` (a tuple), or None on RouterOS 6."""
    if version < (7, 0):
        return None
    if version[:2] < (7, 9):
        return "7.9"  # 7.0 to 7.8: the oldest tree (docs/simulator.md, choices)
    return "%d.%d" % version[:2]


class GenericNamedHooks(NamedHooks):
    """Names are unique; an entry added without one gets the menu's last word and a number (``pool1``), as
    RouterOS names new interfaces (a choice for the other menus, docs/simulator.md)."""

    def prepare(self, menu, item, router, old):
        if old is None and not item.get("name"):
            base = menu.path.rsplit("/", 1)[-1]
            taken = {i.get("name") for i in router.table(menu.table).items}
            n = 1
            while "%s%d" % (base, n) in taken:
                n += 1
            item["name"] = "%s%d" % (base, n)


def field_from_info(info, name=None):
    f = Field(name or info.name, "info")
    f.info = info
    f.in_add = info.in_add
    f.in_set = info.in_set
    return f


def _menu_kind(info):
    if info.kind == catalog.LIST:
        return "list"
    if info.kind == catalog.FIXED:
        return "list"
    if info.kind == catalog.SETTINGS:
        return "single"
    if info.kind == catalog.READ_ONLY:
        return "ro-list" if "count-only" in info.commands.get("print", ()) else "ro-single"
    return "container"


def overlay(hand, info):
    """The hand-modelled menu ``hand`` (bound) with the tree's commands and writable arguments."""
    m = object.__new__(Menu)
    m.__dict__.update(hand.__dict__)
    fields = []
    seen = set()
    for f in hand.fields:
        seen.add(f.name)
        ti = info.fields.get(f.name)
        if ti is None:
            if f.wo:
                continue  # a write-only field this version does not take: gone
            if not f.ro:
                f = f.copy(ro=True)  # printed, but this version does not take it as an argument
        else:
            f = f.copy(ro=False, in_add=ti.in_add, in_set=ti.in_set)
        fields.append(f)
    printed = FACTS.settings(info.version, info.path) if hand.kind == "single" else {}
    for name, ti in info.fields.items():
        if name not in seen:
            f = field_from_info(ti)
            fact = printed.get(name)
            if fact is not None and fact[0] is not None:
                f.default = fact[0]
            fields.append(f)
    m.fields = fields
    m.by_name = {f.name: f for f in fields}
    m.commands = info.commands
    m.info = info
    m.ordered = "move" in info.commands
    return m


def generic(info, v6=False):
    kind = _menu_kind(info)
    fields = [field_from_info(ti) for ti in info.fields.values()]
    names = {f.name for f in fields}
    extra = []
    if "disable" in info.commands and "disabled" not in names:
        extra.append(Field("disabled", "bool", "false", ro=True))
    if "comment" in info.commands and "comment" not in names:
        extra.append(Field("comment", ro=True))
    m = Menu(info.path, "g:" + info.path, fields + extra, kind=kind, key="name" if "name" in names else None,
             ordered="move" in info.commands, no_add=info.kind == catalog.FIXED,
             no_remove="remove" not in info.commands)
    for f in m.fields:
        if f.name == "disabled" and f.kind == "info":
            f.default = "false"
            f.kind = "bool"
    if kind in ("single", "list"):
        # a settings menu prints every property with its value from the start, a new entry of a list the fields
        # a real one prints (real exports; facts.py)
        printed = (FACTS.settings if kind == "single" else FACTS.entries)(info.version, info.path)
        for f in m.fields:
            fact = printed.get(f.name)
            if fact is not None and fact[0] is not None and f.default is None:
                f.default = fact[0]
    if m.key == "name" and kind == "list":
        m.hooks = GenericNamedHooks(info.path.rsplit("/", 1)[-1].replace("-", " "))
    m.commands = info.commands
    m.info = info
    m.generic = True
    spec = BASELINE.get(info.path)
    parts = info.path.strip("/").split("/")
    if spec is None and len(parts) == 2 and parts[0] == "interface" and kind == "list" and m.key == "name":
        spec = {"interface": parts[1]}  # an interface kind: its entries are interfaces (/interface shows them)
    if spec is not None:
        apply_spec(m, spec, v6)
    return m


def apply_spec(m, spec, v6=False):
    """Give the generic menu ``m`` the behaviour ``spec`` (baseline.py) describes."""
    defaults = dict(spec.get("defaults", {}))
    if v6:
        defaults.update(spec.get("v6_defaults", {}))
        drop = set(spec.get("v6_drop", ()))
        m.fields = [f for f in m.fields if f.name not in drop]
    by_name = {f.name: f for f in m.fields}
    for name, value in defaults.items():
        f = by_name.get(name)
        if f is not None:
            f.default = value
            if value in ("true", "false") and f.kind == "info" and f.info.value_type is None:
                f.kind = "bool"  # the tree describes no yes/no argument; a default of true/false tells
    for name, value in spec.get("ro", {}).items():
        if name in by_name:
            by_name[name].default = value
        elif not (v6 and name in spec.get("v6_drop", ())):
            f = Field(name, ro=True, default=value)
            m.fields.append(f)
            by_name[name] = f
    for name in spec.get("required", ()):
        if name in by_name:
            by_name[name].required = True
    for name, kind in spec.get("refs", {}).items():
        if name in by_name:
            by_name[name].kind = kind
    m.by_name = by_name
    noun = m.path.rsplit("/", 1)[-1].replace("-", " ")
    if spec.get("interface"):
        m.table = "interface"
        m.where = {"_kind": spec["interface"]}
        m.hooks = InterfaceKindHooks(spec)
    else:
        m.hooks = BaselineHooks(spec, noun, named=spec.get("named", True) and "name" in by_name)


class BaselineHooks(NamedHooks):
    def __init__(self, spec, what, named):
        super().__init__(what)
        self.spec = spec
        self.named = named

    def prepare(self, menu, item, router, old):
        if old is not None:
            return
        for f in menu.fields:
            if f.ro and f.default is not None:
                item.setdefault(f.name, f.default)
        if self.named and not item.get("name"):
            base = self.spec.get("autoname") or menu.path.rsplit("/", 1)[-1]
            taken = {i.get("name") for i in router.table(menu.table).items}
            n = 1
            while "%s%d" % (base, n) in taken:
                n += 1
            item["name"] = "%s%d" % (base, n)

    def validate(self, menu, item, old, router):
        if self.named and item.get("name") and conflict(router, menu.table, k_name, item, old) is not None:
            raise Trap("failure: %s with such name already exists" % self.what)
        unique = self.spec.get("unique")
        if unique:
            names, text = unique
            key = tuple(item.get(n) for n in names)
            for other in router.table(menu.table).items:
                if other is item or other is old or (old is not None and other.get(".id") == old.get(".id")):
                    continue
                if tuple(other.get(n) for n in names) == key:
                    raise Trap(text)


def wireguard_keys(private=None):
    """(private, public) base64 keys: X25519 when ``cryptography`` is there (ansible-core brings it)."""
    import base64
    import os
    raw = base64.b64decode(private) if private else os.urandom(32)
    try:
        from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
        from cryptography.hazmat.primitives import serialization
        pub = X25519PrivateKey.from_private_bytes(raw).public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    except Exception:  # pylint: disable=broad-except
        import hashlib
        pub = hashlib.sha256(raw).digest()
    return base64.b64encode(raw).decode("ascii"), base64.b64encode(pub).decode("ascii")


class InterfaceKindHooks(InterfaceHooks):
    """Interface kinds only the tree knows (wireguard, vxlan, eoip, ...): entries of the interface table."""

    def __init__(self, spec):
        self.spec = spec

    def prepare(self, menu, item, router, old):
        if old is None:
            for f in menu.fields:
                if f.ro and f.default is not None:
                    item.setdefault(f.name, f.default)
        super().prepare(menu, item, router, old)
        if self.spec.get("keys") and (old is None or item.get("private-key") != old.get("private-key")):
            try:
                item["private-key"], item["public-key"] = wireguard_keys(item.get("private-key"))
            except ValueError:
                raise V.bad_value("private-key")
        if self.spec.get("keys") and old is None and not item.get("listen-port"):
            item["listen-port"] = str(13231 + sum(1 for i in router.interfaces() if i.get("_kind") == "wireguard"))


_GENERIC = {}  # (tree label, path) -> Menu: generic menus hold no state, routers of one version share them


class TreeMenus(dict):
    """path -> Menu of one router. The hand-modelled menus are put in at once; generic menus are built on
    first use (a router has hundreds; most are never asked for), or all at once when iterated."""

    def __init__(self, label, hand, installed=()):
        super().__init__()
        self.label = label
        self.source = {}  # path -> the tree label its menu comes from, when not the router's own
        # the base system of the release (the CHR tree), then the menus of each installed optional package, from
        # the release's own extra-packages tree or else the newest one (packages.py)
        self.known = set(catalog.paths(label, extra=False))
        own_extra = set(catalog.paths(label, extra=True)) - self.known
        for pkg in installed:
            for p in catalog.paths(PKG.BORROW_LABEL, extra=True):
                if PKG.package_of(p) != pkg or p in self.known:
                    continue
                self.known.add(p)
                if p not in own_extra:
                    self.source[p] = PKG.BORROW_LABEL
        for path, h in hand.items():
            info = catalog.menu(path, label) if path in self.known else None
            # a hand menu the tree does not list (none today) stays as the hand model has it
            self[path] = overlay(h, info) if info is not None else h
        self.known.update(hand)

    def __missing__(self, path):
        if path not in self.known:
            raise KeyError(path)
        label = self.source.get(path, self.label)
        key = (label, path)
        m = _GENERIC.get(key)
        if m is None:
            m = _GENERIC[key] = generic(catalog.menu(path, label))
        self[path] = m
        return m

    def get(self, path, default=None):
        try:
            return self[path]
        except KeyError:
            return default

    def __contains__(self, path):
        return path in self.known

    def complete(self):
        for path in sorted(self.known):
            if not dict.__contains__(self, path):
                self.__missing__(path)
        return self

    def __iter__(self):
        return dict.__iter__(self.complete())

    def keys(self):
        return dict.keys(self.complete())

    def values(self):
        return dict.values(self.complete())

    def items(self):
        return dict.items(self.complete())

    def __len__(self):
        return len(self.known)


class V6NtpHooks(BaselineHooks):
    """RouterOS 6 SNTP client: ``mode`` is read-only, broadcast while no server is set, unicast once one is."""

    def derive(self, menu, item, router):
        servers = [item.get("primary-ntp"), item.get("secondary-ntp")]
        unicast = any(s not in (None, "", "0.0.0.0", "::") for s in servers) or bool(item.get("server-dns-names"))
        return {"mode": "unicast" if unicast else "broadcast"}


def v6_menu(path, table):
    """The RouterOS 6.49 menu ``path`` from its ``V6_MENUS`` entry (baseline.py), with the behaviour (required
    fields, built-in entries, uniqueness) of its ``BASELINE`` entry."""
    fields = []
    for name, spec in table["fields"].items():
        kind, default = spec[0], spec[1]
        f = Field(name, kind, default)
        if len(spec) > 2:
            if kind == "int":
                f.lo, f.hi = spec[2]
            else:
                f.choices = spec[2]
        fields.append(f)
    names = set(table["fields"])
    kind = table["kind"]
    m = Menu(path, "v6:" + path, fields, kind=kind, key="name" if kind == "list" and "name" in names else None)
    spec = dict(BASELINE.get(path, {}))
    spec.update(defaults={}, ro=table.get("ro", {}), refs={})
    spec.update(table.get("spec", {}))
    apply_spec(m, spec)
    if path == "/system/ntp/client":
        m.hooks = V6NtpHooks(spec, "client", named=False)
    m.generic = True  # saved with the state like the tree's menus
    m.source = table["source"]
    return m


# RouterOS 6 menus of the separate packages of packages.V6_EXTRA: the properties the 7.24 extra-packages tree
# gives the same menu (data-directory, enabled), as a 6.48 export with the dude package sets them (`/dude set
# data-directory=disk1/dude enabled=yes`); the values of a fresh install are a choice (docs/simulator.md)
V6_PACKAGE_MENUS = {
    "dude": {"/dude": [Field("enabled", "bool", "false"), Field("data-directory", "str", "dude")]},
}


class PerInterfaceHooks(BaselineHooks):
    """A fixed list with one entry per interface of a kind (a view of the interface table): each property prints
    the entry's value, or the default of ``defaults`` until it is set."""

    def __init__(self, defaults):
        super().__init__({}, "interface", named=False)
        self.defaults = defaults

    def prepare(self, menu, item, router, old):
        pass

    def validate(self, menu, item, old, router):
        pass

    def derive(self, menu, item, router):
        return dict((k, item.get(k, v)) for k, v in self.defaults.items())


# RouterOS 6 per-radio settings of the wireless interfaces, as the 6.x verbose exports print them for each radio
# (`/interface wireless nstreme set wlan1 disable-csma=no enable-nstreme=no enable-polling=yes framer-limit=3200
# framer-policy=none`, alike in the three exports; `/interface wireless manual-tx-power-table set wlan1
# manual-tx-powers=...`, whose table depends on the radio: empty until set here, a choice)
V6_WIRELESS_VIEWS = {
    "/interface/wireless/nstreme": [
        Field("disable-csma", "bool", "false"), Field("enable-nstreme", "bool", "false"),
        Field("enable-polling", "bool", "true"), Field("framer-limit", "int", "3200", lo=64, hi=15000),
        Field("framer-policy", "enum", "none", choices=("best-fit", "dynamic-size", "exact-size", "none"))],
    "/interface/wireless/manual-tx-power-table": [Field("manual-tx-powers", "str", "")],
}


def _v6_wireless_view(path, fields):
    fields = [Field("name", ro=True)] + [f.copy() for f in fields] + [Field("comment", ro=True)]
    m = Menu(path, "interface", fields, where={"_kind": "wireless"}, key="name", no_add=True, no_remove=True)
    m.hooks = PerInterfaceHooks(dict((f.name, f.default) for f in fields if f.default is not None))
    return m


def _v6_from_tree(path):
    """(menu, new): a RouterOS 6 menu built from the oldest tree (7.9) with the hand model's verbs (unset
    everywhere), made once per path and kept (``new`` says it was just made); (None, False) if 7.9 lacks it."""
    key = ("6", path)
    m = _GENERIC.get(key)
    if m is not None:
        return m, False
    info = catalog.menu(path, "7.9")
    if info is None:
        return None, False
    m = _GENERIC[key] = generic(info, v6=True)
    m.commands = None
    return m, True


def build_v6(menus, installed=()):
    """RouterOS 6: the baseline menus the hand model lacks. Those of ``V6_MENUS`` as RouterOS 6.49 has them; the
    others from the oldest tree with the v6 changes of baseline.py (an approximation: docs/simulator.md, choices).
    Adds them to ``menus``."""
    for path, table in V6_MENUS.items():
        key = ("6", path)
        m = _GENERIC.get(key)
        if m is None:
            m = _GENERIC[key] = v6_menu(path, table)
        menus[path] = m
    for path, spec in BASELINE.items():
        if not spec.get("v6") or path in menus:
            continue
        m = _v6_from_tree(path)[0]
        if m is not None:
            menus[path] = m
    build_v6_facts(menus)  # after the baseline: its menus keep their model
    for path, fields in V6_WIRELESS_VIEWS.items():
        key = ("6w", path)
        if key not in _GENERIC:
            _GENERIC[key] = _v6_wireless_view(path, fields)
        menus[path] = _GENERIC[key]
    for pkg in installed:
        for path, fields in V6_PACKAGE_MENUS.get(pkg, {}).items():
            m = Menu(path, "v6p:" + path, [f.copy() for f in fields], kind="single")
            m.generic = True
            menus[path] = m
    return menus


# RouterOS 6 list menus real 6.x configurations use, built from the oldest tree (7.9) like the v6 baseline menus
# (an approximation, docs/simulator.md), with the built-in entries and printed fields of the real 6.x exports.
V6_TREE_LISTS = (
    "/ppp/secret", "/ppp/profile", "/ppp/active", "/ip/hotspot", "/ip/hotspot/profile", "/ip/hotspot/user",
    "/ip/hotspot/user/profile", "/ip/hotspot/ip-binding", "/ip/hotspot/walled-garden", "/ip/hotspot/service-port",
    "/interface/vrrp", "/ip/ipsec/peer", "/ip/ipsec/identity", "/ip/ipsec/policy", "/ip/ipsec/profile",
    "/ip/ipsec/proposal", "/ip/ipsec/policy/group", "/ip/ipsec/mode-config", "/queue/type", "/tool/romon/port",
    "/ip/firewall/service-port", "/interface/pppoe-server/server", "/interface/pppoe-client", "/interface/l2tp-client",
    "/interface/sstp-client", "/interface/ovpn-client", "/interface/pptp-client", "/interface/eoip",
    "/interface/gre", "/ip/dhcp-server/network", "/ip/dhcp-server/lease", "/ip/dns/static", "/ip/arp",
    "/radius", "/interface/wireless", "/interface/wireless/security-profiles", "/interface/wireless/access-list",
    "/interface/wireless/connect-list",
    # menus of the 6.x default bundle the corpus of real exports uses (tests/data/exports): MPLS (LDP interfaces,
    # MPLS interface MTUs), queue trees, traffic-flow targets, graphing, SMB, DHCP client options, LTE APNs,
    # CAPsMAN manager interfaces, LEDs
    "/mpls/ldp/interface", "/mpls/interface", "/queue/tree", "/ip/traffic-flow/target", "/tool/graphing/interface",
    "/tool/graphing/resource", "/ip/smb/shares", "/ip/smb/users", "/ip/dhcp-client/option", "/interface/lte/apn",
    "/caps-man/manager/interface", "/system/leds",
)


# RouterOS 6 list menus that no tree has with their 6.x fields, built from the built-in entries the 6.x exports
# print (facts.py; a verbose export prints every property): path -> what else a router does. ``fixed``: the
# entries are the router's own, none can be added or removed (the LCD pages: the cli-6.42.5 verbose export sets
# every page by name, `set time disabled=yes display-time=5s`); otherwise entries can be added (6.x
# `/routing bgp instance add`, the manual's BGP page), a new one printing the built-in's values (a choice).
V6_EXPORT_LISTS = {
    "/system/lcd/page": {"fixed": True},
    "/routing/bgp/instance": {"fixed": False},
    # the BFD interface entry `interface=all` (`set [ find default=yes ] ... interval=0.2s min-rx=0.2s multiplier=5`
    # in the three 6.x verbose exports); more can be added, one per interface
    "/routing/bfd/interface": {"fixed": False},
}


def _v6_export_list(path, spec, entries):
    fields = []
    seen = set()
    for entry in entries:
        for k, v in list(entry["props"].items()) + [(k, None) for k in entry["unset"]]:
            if k in seen or k in (".id", "default"):
                continue
            seen.add(k)
            if k == "name":
                fields.insert(0, Field("name", ro=spec["fixed"], required=not spec["fixed"]))
            elif v is None:
                fields.append(Field(k))
            elif k == "disabled":
                fields.append(Field(k, "bool", "false"))
            else:
                fields.append(_v6_field(k, v))
    named = "name" in seen or spec["fixed"]
    if not named:
        pass  # entries without a name (/routing/bfd/interface: found by default=yes or by interface)
    elif "name" not in seen:
        fields.insert(0, Field("name", ro=True))
    if "comment" not in seen and not spec["fixed"]:
        fields.append(Field("comment"))
    m = Menu(path, "v6x:" + path, fields, kind="list", key="name" if named else None, no_add=spec["fixed"],
             no_remove=spec["fixed"])
    if not spec["fixed"] and named:
        m.hooks = GenericNamedHooks(path.rsplit("/", 1)[-1].replace("-", " "))
    m.generic = True
    m.source = ",".join(sorted({e["src"] for e in entries}))
    return m


def _v6_field(name, value):
    kind = "bool" if value in ("true", "false") else "str"
    return Field(name, kind, value)


def build_v6_facts(menus):
    """RouterOS 6 menus from the real 6.x exports (facts.py): every settings menu they print, with every property
    and its value; the user manager's lists (``/tool/user-manager/...``) with the fields their entries print; the
    lists of ``V6_TREE_LISTS``. Adds them to ``menus`` (menus already there keep their model, settings ones get the
    exports' values for properties that have none)."""
    v6 = FACTS.data()["v6"]
    for path, props in sorted(v6["settings"].items()):
        if path in menus:
            m = menus[path]
            if m.kind == "single":
                for f in m.fields:
                    fact = props.get(f.name)
                    if fact is not None and fact[0] is not None and f.default is None and not f.ro and not f.wo:
                        f.default = fact[0]
            continue
        key = ("6f", path)
        m = _GENERIC.get(key)
        if m is None:
            fields = [_v6_field(k, v[0]) for k, v in sorted(props.items())]
            m = Menu(path, "v6f:" + path, fields, kind="single")
            m.generic = True
            m.source = ",".join(sorted({v[1] for v in props.values()}))
            _GENERIC[key] = m
        menus[path] = m
    for path, spec in sorted(v6["lists"].items()):
        if path in menus:
            continue
        key = ("6f", path)
        m = _GENERIC.get(key)
        if m is None:
            fields = [_v6_field(k, spec["defaults"].get(k)) if spec["defaults"].get(k) is not None else Field(k)
                      for k in spec["fields"]]
            names = set(spec["fields"])
            if spec["kind"] == "list":
                if "disabled" not in names:
                    fields.append(Field("disabled", "bool", "false"))
                fields.append(Field("comment"))
            ident = "name" if "name" in names else ("username" if "username" in names else None)
            if spec["kind"] == "list" and ident is None:
                fields.insert(0, Field("name", ro=True))  # named by their entries (/tool/user-manager/customer)
                ident = "name"
            m = Menu(path, "v6f:" + path, fields, kind=spec["kind"], key=ident if spec["kind"] == "list" else None)
            if ident is not None and spec["kind"] == "list":
                by = {f.name: f for f in m.fields}
                by[ident].required = not by[ident].ro
            m.generic = True
            m.source = spec["src"]
            _GENERIC[key] = m
        menus[path] = m
    for path, spec in V6_EXPORT_LISTS.items():
        if path in menus or not v6["builtins"].get(path):
            continue
        key = ("6x", path)
        m = _GENERIC.get(key)
        if m is None:
            m = _GENERIC[key] = _v6_export_list(path, spec, v6["builtins"][path])
        menus[path] = m
    for path in V6_TREE_LISTS:
        if path in menus:
            continue
        m, fresh = _v6_from_tree(path)
        if m is None:
            continue
        if fresh:
            for entry in v6["builtins"].get(path, []):
                for k in entry["props"]:
                    if k not in m.by_name and k not in (".id", "default"):
                        f = Field(k, ro=True)  # printed by the 6.x export, not taken by the 7.9 tree
                        m.fields.append(f)
                        m.by_name[k] = f
            for k, fact in sorted(v6["entries"].get(path, {}).items()):
                if k not in m.by_name:
                    # a field a 6.x export's `add` line gives that the 7.9 tree lacks (/mpls/ldp/interface
                    # transport-address): writable, with the value the exports print alike, if any
                    f = _v6_field(k, fact[0]) if fact[0] is not None else Field(k)
                    m.fields.append(f)
                    m.by_name[k] = f
        menus[path] = m
    return menus


def build(version, hand, installed=()):
    """path -> Menu for RouterOS ``version`` (a tuple) from the tree, over the bound hand menus ``hand``, with the
    menus of the optional packages ``installed`` (packages.py). Returns None on RouterOS 6 (the hand model is all
    there is)."""
    label = tree_label(version)
    if label is None:
        return None
    return TreeMenus(label, hand, installed)


def inspect_children(label, words):
    """``/console/inspect =request=child =path=ip,address``: the child nodes of a path of the tree, as
    (name, node-type) pairs: sub-menus (``dir``), commands (``cmd``) or, for a command, its arguments (``arg``)."""
    path = "/" + "/".join(words) if words else ""
    out = []
    info = catalog.menu(path, label) if path else None
    if info is None and words:
        parent = catalog.menu("/" + "/".join(words[:-1]), label) if len(words) > 1 else None
        if parent is not None and words[-1] in parent.commands:
            return [(a, "arg") for a in sorted(parent.commands[words[-1]])]
    depth = len(words) + 1
    prefix = path + "/"
    dirs = sorted({p.strip("/").split("/")[depth - 1] for p in catalog.paths(label)
                   if p.startswith(prefix) and len(p.strip("/").split("/")) >= depth})
    out.extend((d, "dir") for d in dirs)
    if info is not None:
        out.extend((c, "cmd") for c in sorted(info.commands))
    return out
