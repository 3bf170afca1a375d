#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Build ``simulator/rosim/data/facts.json``: what real routers print, from recorded real output.

Reads the ``/export verbose`` files of ``tools/data/sim-sources`` (their origins in ``SOURCES.md``) and the
RouterOS command trees of ``tools/data/routeros-command-trees`` (read directly here, not through the collection's
catalog), and writes, per RouterOS line:

- ``v6``: the settings menus with every property and its printed value, and the built-in entries of list menus
  (``set [ find default=yes ]``, ``set *0``, ``set 0`` lines), as the newest RouterOS 6 export prints them;
- ``v7``: per tree release, every settings menu of the tree with a value for every settable property: the RouterOS 6
  export's value when the property has the same name and the tree still accepts the value (``carried``), else a
  value from the property's description (``choice``, the rule is in docs/simulator.md); and the built-in entries
  carried the same way (only the properties the tree still has).

Every value names its source id (``SOURCES.md``). Run ``python3 tools/gen_sim_data.py`` after changing a source;
``--check`` exits 1 when the committed file is not what the sources give.
"""

import argparse
import gzip
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(ROOT))))  # ansible_collections/.. for the reader

from ansible_collections.tikops.routeros.plugins.module_utils.core.console import parse_export  # noqa: E402

SOURCES = os.path.join(HERE, "data", "sim-sources")
TREES = os.path.join(HERE, "data", "routeros-command-trees")
OUT = os.path.join(ROOT, "simulator", "rosim", "data", "facts.json")

# source id -> file under tools/data/sim-sources (newest first: the first that has a fact gives it)
EXPORTS = [
    ("exp-6.49.7-hap", "exports/pancho-uy-mk-respaldo-6.49.7.rsc"),
    ("exp-6.48.1-hap-ac-lite", "exports/adamcharnock-routeros-diff-verbose-6.48.1.rsc"),
    ("exp-6.43.8-hap-lite", "exports/ripleymj-routerlab-router-b3-6.43.8.rsc"),
    ("cli-6.42.5", "cli-samples/export_verbose"),
]
# Exports that are not verbose: only their entries of USER_MANAGER are read (those print every field).
PLAIN_EXPORTS = [("exp-6.49.17-um", "exports/suffsembret-autoinstall-usermanager-6.49.17.rsc")]
USER_MANAGER = ("/tool/user-manager/user", "/tool/user-manager/profile", "/tool/user-manager/router",
                "/tool/user-manager/profile/limitation", "/tool/user-manager/profile/profile-limitation",
                "/tool/user-manager/customer", "/tool/user-manager/database")

# Entries of list menus that a fresh router has, as the export names them: find keys and positional ids that mark
# a built-in entry (user-added ones are "add" lines).
BUILTIN_MENUS = (
    "/queue/type", "/ppp/profile", "/ip/ipsec/profile", "/ip/ipsec/proposal", "/ip/ipsec/policy/group",
    "/ip/ipsec/mode-config", "/ip/ipsec/policy", "/ip/hotspot/profile", "/ip/hotspot/user/profile",
    "/ip/hotspot/user", "/ip/hotspot/service-port", "/ip/firewall/service-port", "/interface/lte/apn",
    "/interface/wireless/security-profiles", "/caps-man/manager/interface", "/ip/smb/shares", "/ip/smb/users",
    "/mpls/interface", "/routing/bfd/interface", "/ip/dhcp-client/option", "/routing/bgp/instance",
    "/interface/wireless", "/interface/ethernet/switch", "/interface/ethernet/switch/port",
    "/system/lcd/page", "/tool/user-manager/customer", "/tool/romon/port",
)
# Built-ins a real router keeps even when asked to remove them (the export has no remove); the rest are removable.
SERIAL_WORDS = {"yes": "true", "no": "false"}


# Properties whose value words include yes or no beside others (the API prints the word, not true/false), where
# the tree gives no description: from the MikroTik manual's property tables (docs/simulator.md, sources).
WORD_PROPERTIES = {"rp-filter", "forwarding-enabled", "only-one", "use-compression", "use-encryption", "use-mpls",
                   "use-upnp", "use-ipv6", "authoritative", "bridge-learning", "change-tcp-mss",
                   "/ip/dhcp-server use-radius"}
ENUM_WORDS = ("default", "required", "auto", "none", "disabled", "local", "remote", "both", "loose", "strict")
ENUMS = set()  # (path, property) an export prints with a word other than yes/no: filled by export_facts()


def api_value(value, desc=None, prop=None, path=None):
    """The export prints yes/no where the API prints true/false, for yes/no properties; a property whose words
    include no beside others (``rp-filter=loose|no|strict``) prints its word."""
    if value not in SERIAL_WORDS:
        return value
    m = WORDS.match(desc or "")
    if m and set(m.group(1).split("|")) != {"yes", "no"}:
        return value
    if not m and (prop in WORD_PROPERTIES or "%s %s" % (path, prop) in WORD_PROPERTIES or (path, prop) in ENUMS):
        return value
    return SERIAL_WORDS[value]


def read_export(name):
    with open(os.path.join(SOURCES, name), "r", encoding="utf-8", errors="surrogateescape") as fh:
        text = fh.read().replace("\r\n", "\n")
    m = re.search(r"by RouterOS (\S+)", text)
    model = re.search(r"# model = (.+)", text)
    return (m.group(1) if m else None), (model.group(1).strip() if model else None), parse_export(text)


def _same_entry(entries, command):
    """The entry of ``entries`` (one export's built-ins of a menu) that ``command`` of another export names."""
    ids = [p for p in command["positional"] if isinstance(p, str) and not p.startswith("!")]
    for e in entries:
        props = e["props"]
        if command["find"].get("default") == "yes" and props.get("default") == "yes" and len(entries) == 1:
            return e
        name = command["attrs"].get("name") or (ids[0] if ids and not ids[0].isdigit() else None)
        if name is not None and props.get("name") == name:
            return e
    return None


# A value a single entry prints is taken as the menu's default only when it is one of these (a user would not
# set a field to them; docs/simulator.md, choice 43).
NEUTRAL = ("", "none", "no", "default", "auto", "0s", "0", "disabled", "any")
PER_ENTRY = ("comment", "name")  # never a default, however many entries share it ("defconf")


def entry_facts():
    """{path: {prop: [value or None, src]}}: what a new entry of a list menu prints, from the ``add`` lines of
    the verbose exports (they print every field; ``!field`` is printed only once set). A value every entry prints
    alike, in two exports or more, is the default; the entries of one export only when the value is NEUTRAL."""
    seen = {}
    for src, name in EXPORTS:
        version, model, commands = read_export(name)
        for c in commands:
            if c["verb"] != "add":
                continue
            menu = seen.setdefault(c["path"], {"n": 0, "props": {}})
            menu["n"] += 1
            for k, v in c["attrs"].items():
                if k not in PER_ENTRY:
                    menu["props"].setdefault(k, []).append((v, src))
            for p in c["positional"]:
                if isinstance(p, str) and p.startswith("!"):
                    menu["props"].setdefault(p[1:], []).append((None, src))
    out = {}
    for path, menu in sorted(seen.items()):
        props = {}
        for k, vs in sorted(menu["props"].items()):
            values = {v for v, src in vs}
            if values == {None}:
                props[k] = [None, vs[0][1]]
            elif len(values) == 1 and len({src for v, src in vs}) >= 2:
                props[k] = [vs[0][0], vs[0][1]]
            elif len(values) == 1 and vs[0][0] in NEUTRAL:
                props[k] = [vs[0][0], vs[0][1] + ":single"]
            else:
                # a field the entries print with values that tell no default (`/mpls/ldp/interface add ...
                # hello-interval=5s`): the menu has it, printed once set
                props[k] = [None, vs[0][1] + ":field"]
        if props:
            out[path] = props
    return out


def majority(votes):
    """The value most exports print, or None when two values tie (one router's owner changed it; which one is
    not known). ``votes``: [(value, source)] in EXPORTS order."""
    counts = {}
    for value, src in votes:
        counts.setdefault(value, []).append(src)
    ranked = sorted(counts.items(), key=lambda kv: -len(kv[1]))
    if len(ranked) > 1 and len(ranked[0][1]) == len(ranked[1][1]):
        return None
    return ranked[0][0], ranked[0][1][0]


def export_facts():
    """(settings, builtins, meta): settings {path: {prop: [value, src]}}, builtins {path: [{props, unset, src}]}.

    A value several exports print differently is decided by majority (a router's owner changed it on the other
    ones); a tie leaves the property out (``disputed``: printed only once set). Built-in entries come from the
    newest export that has the menu, each property decided the same way over the exports that print the entry."""
    votes = {}  # (path, prop) -> [(value, src)]
    builtins = {}
    entry_votes = {}  # id(entry) -> {prop: [(value, src)]}
    meta = {}
    for src, name in EXPORTS:
        version, model, commands = read_export(name)
        meta[src] = {"file": name, "version": version, "model": model}
        seen_builtin = set()
        for c in commands:
            for k, v in c["attrs"].items():
                if v in ENUM_WORDS:
                    ENUMS.add((c["path"], k))
            if c["verb"] != "set":
                continue
            path = c["path"]
            ids = [p for p in c["positional"] if isinstance(p, str) and not p.startswith("!")]
            unset = sorted(p[1:] for p in c["positional"] if isinstance(p, str) and p.startswith("!"))
            if not c["find"] and not ids:
                for k, v in sorted(c["attrs"].items()):
                    votes.setdefault((path, k), []).append((v, src))
                for k in unset:
                    votes.setdefault((path, k), []).append((None, src))  # printed only once set ("!name")
                continue
            if path not in BUILTIN_MENUS:
                continue
            if path in builtins and path not in seen_builtin:
                other = _same_entry(builtins[path], c)
                if other is not None:
                    for k, v in c["attrs"].items():
                        entry_votes[id(other)].setdefault(k, []).append((v, src))
                continue
            seen_builtin.add(path)
            entry = dict(sorted(c["attrs"].items()))  # as the export prints them (yes/no)
            if c["find"].get("default") == "yes":
                entry["default"] = "yes"
            if ids and ids[0].startswith("*"):
                entry[".id"] = ids[0]
            elif ids and "name" not in entry and not ids[0].isdigit():
                entry["name"] = ids[0]
            e = {"props": entry, "unset": unset, "src": src}
            entry_votes[id(e)] = {k: [(v, src)] for k, v in entry.items()}
            builtins.setdefault(path, []).append(e)
    settings = {}
    disputed = []
    for (path, prop), vs in sorted(votes.items()):
        decided = majority(vs)
        if decided is None:
            disputed.append("%s %s" % (path, prop))
            continue
        settings.setdefault(path, {})[prop] = [decided[0], decided[1]]
    for path, entries in builtins.items():
        for e in entries:
            for k, vs in entry_votes[id(e)].items():
                if k in (".id", "default", "name") or k not in e["props"]:
                    continue
                decided = majority(vs)
                if decided is None:
                    e["props"].pop(k)
                    e.setdefault("disputed", []).append(k)
                else:
                    e["props"][k] = decided[0]
    meta["disputed"] = disputed
    return settings, builtins, meta


# --- the trees, read directly (independent of plugins/module_utils/catalog)

NOT_FIELDS = {"numbers", "copy-from", "place-before", "value-name", ".id"}  # arguments that are no property
WORDS = re.compile(r"^([A-Za-z0-9_.+-]+(?:\|[A-Za-z0-9_.+-]+)+)(\[,[A-Za-z0-9]+\*\])?$")
RANGE = re.compile(r"^(-?\d+)\.\.(-?\d+)")


def tree_menus(label):
    """{path: (kind, {prop: desc})} of the settings and list menus of one tree (``7.16.2.json.gz``)."""
    with gzip.open(os.path.join(TREES, label + ".json.gz"), "rt", encoding="utf-8") as fh:
        tree = json.load(fh)
    out = {}

    def walk(node, path):
        if not isinstance(node, dict):
            return
        if node.get("_type") == "dir":
            cmds = {k: v for k, v in node.items() if isinstance(v, dict) and v.get("_type") == "cmd"}
            setc = cmds.get("set")
            if setc is not None:
                args = {k: v.get("desc") for k, v in setc.items() if isinstance(v, dict) and v.get("_type") == "arg"}
                if "add" in cmds:
                    kind = "list"
                elif "numbers" in args:
                    kind = "fixed"
                else:
                    kind = "settings"
                props = {k: d for k, d in args.items() if k not in NOT_FIELDS}
                if "add" in cmds:
                    for k, v in cmds["add"].items():
                        if isinstance(v, dict) and v.get("_type") == "arg" and k not in NOT_FIELDS:
                            props.setdefault(k, v.get("desc"))
                out[path] = (kind, props)
        for k, v in node.items():
            if isinstance(v, dict) and v.get("_type") in ("dir", "path"):
                walk(v, path + "/" + k)
    for k, v in tree.items():
        if isinstance(v, dict):
            walk(v, "/" + k)
    return out


def accepts(desc, value):
    """Does a property described by ``desc`` take ``value`` (as far as the description tells)?"""
    if value is None or not desc:
        return True
    m = WORDS.match(desc)
    if m:
        words = set(m.group(1).split("|"))
        parts = value.split(",") if m.group(2) else [value]
        return all(p.lstrip("!") in words for p in parts if p)
    m = RANGE.match(desc)
    if m and re.match(r"^-?\d+$", value):
        return int(m.group(1)) <= int(value) <= int(m.group(2))
    if m:
        return False
    if "time interval" in desc:
        return bool(re.match(r"^(\d+[wdhms]|\d+ms|\d+(\.\d+)?s?|none|never|auto|disabled|[\d:]+)+$", value))
    return True


def choice(desc):
    """A printed value for a property no source gives (docs/simulator.md, the rule of choice 36)."""
    if not desc:
        return ""
    m = WORDS.match(desc)
    if m:
        words = m.group(1).split("|")
        if set(words) >= {"yes", "no"} and len(words) == 2:
            return "false"
        for pref in ("no", "none", "disabled", "auto", "default"):
            if pref in words:
                return pref
        return words[0]
    m = RANGE.match(desc)
    if m:
        return str(max(int(m.group(1)), 0)) if int(m.group(1)) <= 0 <= int(m.group(2)) else m.group(1)
    if "time interval" in desc:
        return "0s"
    if "(IP address)" in desc or "IPv4" in desc:
        return "0.0.0.0"
    if "IPv6" in desc:
        return "::"
    return ""


def v6_lists():
    """RouterOS 6 list menus of the non-verbose exports (USER_MANAGER): {path: {"fields": [...], "defaults": {...},
    "src": id}}: every field an entry prints; a default where every entry (two or more) prints the same value."""
    out = {}
    for src, name in PLAIN_EXPORTS:
        version, model, commands = read_export(name)
        for path in USER_MANAGER:
            entries = [c["attrs"] for c in commands if c["path"] == path and c["verb"] in ("add", "set")]
            if not entries:
                continue
            fields = sorted({k for e in entries for k in e})
            defaults = {}
            if len(entries) > 1:
                for k in fields:
                    values = {e.get(k) for e in entries}
                    if len(values) == 1 and None not in values:
                        defaults[k] = api_value(values.pop(), None, k, path)
            kind = "single" if any(c["path"] == path and c["verb"] == "set" and not c["find"] and not c["positional"]
                                   for c in commands) else "list"
            out[path] = {"fields": fields, "defaults": defaults, "kind": kind, "src": src}
    return out


def v6_settings(settings, meta):
    """The RouterOS 6 settings menus with their disputed properties (two exports print different values, which is
    the default not known) as properties printed only once set: the menu has them (``/interface/ovpn-server/server
    mac-address``, ``/ip/traffic-flow cache-entries``)."""
    out = {path: dict(props) for path, props in settings.items()}
    for item in meta["disputed"]:
        path, prop = item.split(" ")
        out.setdefault(path, {}).setdefault(prop, [None, "disputed"])
    return out


def api_line(settings, builtins):
    """The RouterOS 6 facts with values as the API prints them (true/false for yes/no properties)."""
    s = {path: {k: [api_value(v[0], None, k, path), v[1]] for k, v in props.items()}
         for path, props in settings.items()}
    b = {path: [dict(e, props={k: api_value(v, None, k, path) for k, v in e["props"].items()}) for e in entries]
         for path, entries in builtins.items()}
    return s, b


def labels():
    names = sorted((f[:-len(".json.gz")] for f in os.listdir(TREES) if f.endswith(".json.gz")),
                   key=lambda s: [int(p) if p.isdigit() else p for p in re.split(r"[.-]", s)])
    return names


def build():
    settings, builtins, meta = export_facts()
    entry_rows = entry_facts()
    v7 = {}
    for label in labels():
        menus = tree_menus(label)
        short = "%s.%s" % tuple(label.split("-")[0].split(".")[:2])
        key = short + ("+extra" if label.endswith("extra-packages") else "")
        facts = {}
        for path, (kind, props) in sorted(menus.items()):
            if kind != "settings":
                continue
            row = {}
            old = settings.get(path, {})
            for prop, desc in sorted(props.items()):
                got = old.get(prop)
                if got is not None and got[0] is not None and accepts(desc, got[0]):
                    row[prop] = [api_value(got[0], desc, prop, path), got[1] + ":carried"]
                elif got is not None and got[0] is None:
                    row[prop] = [None, got[1] + ":carried"]
                else:
                    row[prop] = [choice(desc), "choice"]
            facts[path] = row
        carried = {}
        for path, entries in sorted(builtins.items()):
            if path not in menus:
                continue
            props = menus[path][1]
            out = []
            for e in entries:
                keep = {k: api_value(v, props.get(k), k, path) for k, v in e["props"].items()
                        if k in (".id", "default", "name") or (k in props and accepts(props[k], v))}
                out.append({"props": keep, "unset": [u for u in e["unset"] if u in props],
                            "src": e["src"] + ":carried"})
            carried[path] = out
        # RouterOS 7 replaced the BGP instance by templates; the default template carries the 6.x default
        # instance's AS (a choice, docs/simulator.md: no 7.x export here prints it)
        inst = [e for e in builtins.get("/routing/bgp/instance", []) if e["props"].get("name") == "default"]
        if "/routing/bgp/template" in menus and inst:
            props = menus["/routing/bgp/template"][1]
            keep = {k: v for k, v in inst[0]["props"].items() if k in ("name", "as") and k in props}
            carried["/routing/bgp/template"] = [{"props": keep, "unset": [],
                                                 "src": inst[0]["src"] + ":carried-from:/routing/bgp/instance"}]
        entries = {}
        for path, props in sorted(entry_rows.items()):
            if path not in menus or menus[path][0] != "list":
                continue
            tree_props = menus[path][1]
            row = {}
            for prop, (value, src) in props.items():
                if prop not in tree_props:
                    continue
                if value is None:
                    row[prop] = [None, src + ":carried"]
                elif accepts(tree_props[prop], value):
                    row[prop] = [api_value(value, tree_props[prop], prop, path), src + ":carried"]
            if row:
                entries[path] = row
        v7[key] = {"settings": facts, "builtins": carried, "entries": entries}
    rows = {}

    def intern(row):
        key = json.dumps(row, sort_keys=True)
        if key not in rows:
            rows[key] = len(rows)
        return rows[key]

    for line in v7.values():
        for part in ("settings", "builtins", "entries"):
            line[part] = {path: intern(row) for path, row in line[part].items()}
    return {
        "about": "generated by tools/gen_sim_data.py from tools/data/sim-sources (see SOURCES.md there); "
                 "do not edit by hand. v7: per release, menu path -> an index into rows (releases share rows)",
        "rows": [json.loads(key) for key, n in sorted(rows.items(), key=lambda kv: kv[1])],
        "sources": meta,
        "v6": dict(zip(("settings", "builtins"), api_line(v6_settings(settings, meta), builtins)), lists=v6_lists(),
                   entries={path: {k: [None if v[0] is None else api_value(v[0], None, k, path), v[1]]
                                   for k, v in props.items()} for path, props in entry_rows.items()}),
        "v7": v7,
    }


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--check", action="store_true", help="exit 1 when the committed file differs")
    args = p.parse_args(argv)
    text = json.dumps(build(), sort_keys=True, separators=(",", ":")) + "\n"
    if args.check:
        with open(OUT, "r", encoding="utf-8") as fh:
            if fh.read() != text:
                print("%s is out of date: run tools/gen_sim_data.py" % OUT)
                return 1
        return 0
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write(text)
    print("wrote %s (%d bytes)" % (OUT, len(text)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
