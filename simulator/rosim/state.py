# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""--state files: the configuration a router boots from, in YAML; written back in the same format.

```yaml
menus:
  /system/identity: {name: edge1}
  /interface/vlan:
    - {name: vlan10, vlan-id: 10, interface: ether2}
  /ip/address:
    - {address: 192.168.88.1/24, interface: ether2, comment: defconf}
```

A list menu named in the file gets exactly the listed items (its defaults are dropped); a menu not named keeps
its defaults. Singletons (``/system/identity``, ``/ip/dns``...) take the listed fields. ``/ip/service`` entries
are matched by name. Items may carry ``.id`` (kept) and read-only flags such as ``dynamic: true``.
"""

import json
import os
import tempfile

import yaml

from .baseline import is_fact_builtin
from .values import Trap, parse_id

# Menus saved (and loaded) in this order, so references resolve (interfaces before addresses).
ORDER = [
    "/system/identity", "/system/clock", "/system/note", "/ip/dns",
    "/user/group", "/user",
    "/interface/ethernet", "/interface/bridge", "/interface/vlan", "/interface/bonding", "/interface",
    "/interface/list", "/interface/list/member", "/interface/bridge/port",
    "/ip/address", "/ipv6/address", "/ip/dhcp-client", "/routing/table", "/ip/route",
    "/ip/firewall/address-list", "/ipv6/firewall/address-list", "/ip/firewall/filter", "/ip/service",
    "/routing/ospf/instance", "/routing/ospf/area", "/routing/ospf/interface-template",
    "/routing/ospf/network", "/routing/ospf/interface",
]
NOT_SAVED = {"/interface"}  # a view on the kind tables; saved through them


class StateError(ValueError):
    pass


def text(value):
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return ""
    return str(value)


def _where(data, path, index=None):
    """``item 3 (line 12)`` / ``(line 4)``: where in the file an error is."""
    line = None
    if getattr(data, "text", None) is not None:
        line_of = data.line_of
        line = _Lazy(lambda: line_of(path, index))
    return _Where(index, line)


class _Lazy:
    def __init__(self, fn):
        self.fn = fn

    def __call__(self):
        return self.fn()


class _Where:
    """Formats lazily: the line is looked up only when an error message is made."""

    def __init__(self, index, line):
        self.index = index
        self.line = line

    def __str__(self):
        parts = []
        if self.index is not None:
            parts.append("item %d" % (self.index + 1))
        line = self.line() if self.line is not None else None
        if line is not None:
            parts.append("(line %d)" % line)
        return " ".join(parts) if parts else "-"


def load_state(router, data, source="state"):
    if data is None:
        return
    if not isinstance(data, dict):
        raise StateError("%s: the top level must be a mapping with a 'menus' key" % source)
    menus = data.get("menus", {})
    if not isinstance(menus, dict):
        raise StateError("%s: 'menus' must be a mapping of menu path -> items" % source)
    unknown = [p for p in menus if p not in router.menus]
    if unknown:
        raise StateError("%s: RouterOS %s has no menu %s" % (source, router.version_text, ", ".join(unknown)))
    files = list(menus)

    def rank(p):
        if p in ORDER:
            return (ORDER.index(p), 0)
        if router.menus[p].table == "interface":  # interface kinds of the tree (wireguard, vxlan...)
            return (ORDER.index("/interface/bonding"), 1 + files.index(p))
        return (len(ORDER), files.index(p))

    order = sorted(menus, key=rank)
    for path in order:
        menu = router.menus[path]
        body = menus[path]
        where = _where(data, path)
        try:
            if menu.kind in ("single",):
                if not isinstance(body, dict):
                    raise StateError("%s: %s takes a mapping of fields" % (source, path))
                item = router.single(menu)
                for name, value in body.items():
                    set_field(router, menu, item, name, text(value), source)
                if menu.hooks is not None:
                    menu.hooks.prepare(menu, item, router, dict(item))
                continue
            if menu.kind != "list":
                raise StateError("%s: %s is read-only and cannot be loaded" % (source, path))
            if not isinstance(body, list):
                raise StateError("%s: %s takes a list of items" % (source, path))
            if path == "/ip/service":
                load_services(router, menu, body, source)
                continue
            table = router.table(menu.table)
            for old in [i for i in table.items if menu.matches(i)]:
                table.delete(old)
            for n, raw in enumerate(body):
                where = _where(data, path, n)
                if not isinstance(raw, dict):
                    raise StateError("%s: %s %s is not a mapping" % (source, path, where))
                item = {k: v for k, v in menu.where.items() if not isinstance(v, (tuple, set, frozenset))}
                for f in menu.fields:
                    if f.default is not None and not f.ro and not f.wo:
                        item[f.name] = f.default
                for f in menu.fields:
                    if f.name in ("dynamic", "invalid", "disabled") and f.name not in item:
                        item[f.name] = "false"
                if ".id" in raw:
                    if parse_id(str(raw[".id"])) is None:
                        raise StateError("%s: %s %s: .id %r is not like *1A" % (source, path, where, raw[".id"]))
                    if str(raw[".id"]) in table.by_id:
                        raise StateError("%s: %s: duplicate .id %s" % (source, path, raw[".id"]))
                    item[".id"] = str(raw[".id"])
                for name, value in raw.items():
                    if name == ".id":
                        continue
                    try:
                        set_field(router, menu, item, name, text(value), source)
                    except StateError as exc:
                        raise StateError("%s (%s)" % (exc, where))
                if item.get("_kind") == "ether":
                    item["_builtin"] = True
                    item.setdefault("default-name", item.get("name"))
                    if "mac-address" not in item:
                        item["mac-address"] = router.new_mac()
                    item.setdefault("orig-mac-address", item["mac-address"])
                    if item.get("default-name") in router.board.get("poe-out", ()):  # a PoE-out port (boards.py)
                        item["_poe"] = True
                        item.setdefault("poe-out-status", "waiting-for-load")
                if path == "/user/group" and item.get("name") in ("read", "write", "full"):
                    item["_builtin"] = True
                spec = getattr(menu.hooks, "spec", None) or {}
                if spec.get("builtin") and not spec.get("builtin_removable") and item.get("default") == "true":
                    item["_builtin"] = True
                if is_fact_builtin(router, path, item):
                    item["_builtin"] = True
                if menu.hooks is not None:
                    menu.hooks.prepare(menu, item, router, None)
                    menu.hooks.validate(menu, item, None, router)
                for f in menu.fields:
                    if f.required and item.get(f.name) is None and f.name != "password":
                        raise StateError("%s: %s %s has no %s" % (source, path, where, f.name))
                table.insert(item)
                if menu.hooks is not None:
                    menu.hooks.after(menu, item, router, "load")
        except Trap as trap:
            raise StateError("%s: %s %s: %s" % (source, path, where, trap.traps[0][0]))
    from .hooks import sync_dhcp
    sync_dhcp(router)


def set_field(router, menu, item, name, value, source):
    f = menu.by_name.get(name)
    if f is None:
        raise StateError("%s: %s has no field %r in RouterOS %s" % (source, menu.path, name, router.version_text))
    if f.wo:
        item["_" + name] = value
    elif f.ro:
        item[name] = value
    else:
        try:
            item[name] = f.parse(value, router)
        except Trap:
            # the value this router holds already (a default it prints, such as /system/watchdog
            # watch-address=none, that the argument's parse does not take back): what dump_state wrote loads again
            if value not in (text(item.get(name)), text(f.default)):
                raise
            item[name] = value


def load_services(router, menu, body, source):
    by_name = {i.get("name"): i for i in router.table(menu.table).items}
    for raw in body:
        name = raw.get("name") if isinstance(raw, dict) else None
        if name not in by_name:
            raise StateError("%s: /ip/service has no service %r" % (source, name))
        for k, v in raw.items():
            if k in ("name", ".id"):
                continue
            set_field(router, menu, by_name[name], k, text(v), source)


def dump_state(router):
    menus = {}
    for path in ORDER:
        menu = router.menus.get(path)
        if menu is None or path in NOT_SAVED or menu.kind not in ("list", "single"):
            continue
        names = [f.name for f in menu.fields]
        if menu.kind == "single":
            item = router.single(menu)
            row = {}
            for f in menu.fields:
                if f.ro or f.name not in item:
                    continue
                row[f.name] = item[f.name]
            menus[path] = row
            continue
        rows = []
        for item in router.table(menu.table).items:
            if not menu.matches(item) or (item.get("_dhcp") and item.get("dhcp") != "true"):
                # a DHCP client's route without the dhcp flag (RouterOS 6) could not be told from a static one when
                # loaded: it comes back with its client (hooks.sync_dhcp)
                continue
            row = {".id": item[".id"]}
            for name in names:
                f = menu.by_name[name]
                if f.wo:
                    if ("_" + name) in item:
                        row[name] = item["_" + name]
                    continue
                if name in item:
                    if path == "/ip/firewall/address-list" and name == "creation-time":
                        continue
                    row[name] = item[name]
            rows.append(row)
        menus[path] = rows
    # menus of the tree (generic and baseline) that hold something; only menus in use have been built
    for path, menu in sorted(dict.items(router.menus)):
        if path in menus or path in ORDER or path in NOT_SAVED or not menu.generic:
            continue
        if menu.kind == "single":
            t = router.tables.get(menu.table)
            if t is None or not t.items:
                continue
            row = {f.name: t.items[0][f.name] for f in menu.fields if not f.ro and not f.wo and f.name in t.items[0]}
            menus[path] = row
        elif menu.kind == "list":
            t = router.tables.get(menu.table)
            items = [i for i in t.items if menu.matches(i)] if t is not None else []
            if items:
                menus[path] = [dict({".id": i[".id"]}, **{f.name: i[f.name] for f in menu.fields if f.name in i})
                               for i in items]
    return {"routeros-version": router.version_text, "menus": menus}


class StateData(dict):
    """The parsed state, with its text: line numbers are looked up only when an error needs one."""

    text = None

    def line_of(self, path, index=None):
        """The line (1-based) of menu ``path`` (its ``index``th item), or None."""
        try:
            root = yaml.compose(self.text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError:
            return None
        node = _child(root, "menus")
        node = _child(node, path) if node is not None else None
        if node is not None and index is not None and isinstance(node, yaml.SequenceNode) and index < len(node.value):
            node = node.value[index]
        return node.start_mark.line + 1 if node is not None else None


def _child(node, key):
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if getattr(k, "value", None) == key:
                return v
    return None


def read_state_file(path):
    """YAML; a file in JSON syntax (which is YAML too) takes the much faster JSON parser. A syntax error names
    the file, line and column."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, "r", encoding="utf-8") as fh:
        text = fh.read()
    data = None
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except ValueError:
            pass
    if data is None:
        try:
            data = yaml.load(text, Loader=loader) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            problem = getattr(exc, "problem", None) or str(exc)
            if mark is not None:
                raise StateError("%s: line %d, column %d: %s" % (path, mark.line + 1, mark.column + 1, problem))
            raise StateError("%s: %s" % (path, problem))
    if isinstance(data, dict):
        data = StateData(data)
        data.text = text
    return data


def write_state_file(router, path):
    data = dump_state(router)
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".rosim-state-", dir=directory)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("# rosim state of router %s (RouterOS %s)\n" % (router.name, router.version_text))
        yaml.dump(data, fh, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False,
                  default_flow_style=False, allow_unicode=True)
    os.replace(tmp, path)
    return path
