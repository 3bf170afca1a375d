# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The export corpus (tests/data/exports/*.rsc) converged against the simulator, in one ansible-playbook run.

    from support.export_corpus import run_corpus
    outcomes = run_corpus(tmp_path)            # name -> Outcome, for every export of the corpus
    outcomes = run_corpus(tmp_path, ["v7.16-mpls-p.rsc"], forks=4)

One rosim process serves one router per export: the export's release (its header's ``by RouterOS X``, or
tests/data/exports/routers.json for the exports without one), the board nearest to its ``# model =`` and the
packages its menus need. Per router, through ``tikops.routeros.menu``:

1. ``parsed``: ``state: parsed`` on the export text as a whole: the ``menus`` items it makes;
2. ``apply``: one task converging the router to the export, ``src: <export>.rsc`` (state merged);
3. ``gathered``: the same menus read back (one task; when it fails, one menu at a time, so that a menu the
   router lacks does not hide the others): what the one task took in;
4. ``again``: the same task again (idempotent when ``changed=false``).

Then, per command line of the export (``add`` or ``set``), whether the router holds it (taken in): the entry it
adds or sets is among the gathered entries with every field it gives equal by meaning (core/values.py; secret
fields cannot be read back and are left out). A line not taken in gets a reason: the router's or the planner's
message when the task failed, else which field differs or that no entry matches.
"""

import json
import re
from pathlib import Path

from support.playbook import inventory_for, run_playbook
from support.rosim import start_simulators
import support.rosim

from ansible_collections.tikops.routeros.plugins.module_utils.catalog import catalog, overlay
from ansible_collections.tikops.routeros.plugins.module_utils.core import console
from ansible_collections.tikops.routeros.plugins.module_utils.core import values as V
from ansible_collections.tikops.routeros.plugins.module_utils.menu import planner

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "data" / "exports"
M = "tikops.routeros.menu"
IGNORED = ("place-before", "numbers")  # an order and a selector, not fields


def exports():
    return sorted(p.name for p in CORPUS.glob("*.rsc"))


def _routers_data():
    with open(str(CORPUS / "routers.json"), encoding="utf-8") as handle:
        return json.load(handle)


def read(name):
    with open(str(CORPUS / name), encoding="utf-8", errors="surrogateescape", newline="") as handle:
        return handle.read()


def commands_of(text):
    commands, problems = console.read_export(text)
    assert not problems, problems
    return [c for c in commands if c["verb"] in ("add", "set")]


def menus_of(commands):
    """The menus an export configures, in the order it first names them."""
    out = []
    for cmd in commands:
        path = catalog.normalize_path(cmd["path"])
        if path not in out:
            out.append(path)
    return out


def ports_named(commands):
    """What the export needs of the hardware: the built-in interfaces it names by ``[ find default-name=... ]``
    (the ports it renames or sets), its serial ports (``/port set 0``: ``#serial0``), ``#routerboard`` when it sets
    /system/routerboard/settings."""
    out = set()
    for cmd in commands:
        selector = cmd.get("selector") or {}
        if selector.get("kind") == "default-name" and cmd["path"].startswith("/interface"):
            out.add(selector["value"])
        if catalog.normalize_path(cmd["path"]) == "/system/routerboard/settings":
            out.add("#routerboard")  # only a RouterBOARD has these settings
        elif selector.get("kind") == "id" and catalog.normalize_path(cmd["path"]) == "/port":
            # /port set 0 name=serial0: the serial ports, numbered from 0
            out.update("#serial%d" % n for n in range(int(selector["value"].split(",")[-1]) + 1)
                       if selector["value"].replace(",", "").isdigit())
    return out


def _board_ports(board):
    from rosim import boards  # the simulator's own boards
    info = boards.BOARDS[board]
    serial = len(info["serial"]) + len(info.get("usb", ()))  # /port numbers them all from 0
    return (set(p for p, _speed in info["ports"]) | set(w for w, _band in info["wireless"]) | set(info.get("wifi", ()))
            | set(info.get("lte", ())) | set("#serial%d" % n for n in range(serial))
            | set(["#routerboard"] if info["routerboard"] else []))


def pick_board(model_board, ports):
    """The board of the export's model when it has every port the export names; else the first simulator board
    (smallest first) that has them; else the model's board (or hex) as it is."""
    order = ["hex", "hap-ac2", "chr", "rb5009", "ccr2116", "crs328"]
    first = model_board or "hex"
    for board in [first] + [b for b in order if b != first]:
        if ports <= _board_ports(board):
            return board
    return first


def router_of(name, text, data=None):
    """The simulated router of an export: dict(version, board, packages)."""
    data = data or _routers_data()
    match = re.search(r"by RouterOS ([0-9][^\s]*)", text)
    version = match.group(1) if match else data["no_header"][name]
    model = re.search(r"^# model = *(.*?)\s*$", text, re.M)
    commands = commands_of(text)
    # routers.json "boards": an export whose header shows which board it is without a model line (boards_why)
    board = data.get("boards", {}).get(name) or pick_board(_model_board(model.group(1), data) if model else None,
                                                           ports_named(commands))
    packages = []
    from rosim import packages as sim_packages  # the simulator's own list of which menu needs which package
    for path in menus_of(commands):
        package = sim_packages.package_of(path)
        if package and package not in packages:
            packages.append(package)
    router = dict(version=version, board=board, packages=sorted(packages))
    mac = _first_mac(commands)
    if mac:
        router["mac"] = mac
    return router


def _model_board(model, data):
    """The simulator board of an export's ``# model =``: the board itself when the simulator has it (its own
    aliases: boards.py), else the nearest one routers.json names."""
    from rosim import boards
    try:
        key = boards.resolve(model)
    except ValueError:
        key = None
    if key is not None and boards.BOARDS[key].get("model") == model:
        return key
    return data["models"].get(model)


def _first_mac(commands):
    """The MAC address of the router's first port, when a verbose export prints it
    (``set [ find default-name=ether1 ] ... orig-mac-address=...``): the simulated router is that router, with
    the same hardware addresses (a write of a read-only field that differs is refused, as on any other router)."""
    for cmd in commands:
        selector = cmd.get("selector") or {}
        if catalog.normalize_path(cmd["path"]) == "/interface/ethernet" and selector.get("kind") == "default-name" \
                and selector["value"] == "ether1" and cmd["attrs"].get("orig-mac-address"):
            return cmd["attrs"]["orig-mac-address"]
    return None


def host_of(name):
    return re.sub(r"[^A-Za-z0-9]+", "_", name[:-len(".rsc")])


TASKS = [
    {"name": "parsed", M: {"state": "parsed", "running_config": "{{ lookup('file', export_file) }}"},
     "register": "parsed", "ignore_errors": True},
    {"name": "apply", M: {"src": "{{ export_file }}"}, "register": "apply", "ignore_errors": True},
    # read back after the one task (what it took in), before the second
    {"name": "gathered", M: {"state": "gathered", "menus": "{{ export_menus }}"}, "register": "gathered",
     "ignore_errors": True},
    {"name": "gathered one by one", M: {"state": "gathered", "path": "{{ item.path }}"}, "loop": "{{ export_menus }}",
     "when": "gathered is failed", "ignore_errors": True},
    {"name": "again", M: {"src": "{{ export_file }}"}, "ignore_errors": True},
]
# run_corpus(diagnose=True): where the one task failed, each menu on its own (the export's menus as the menu module
# reads them), then read back again: what else would stop the export once the first cause is gone
DIAGNOSE = [
    {"name": "menu by menu", M: {"path": "{{ item.path }}", "config": "{{ item.config }}", "state": "{{ item.state }}"},
     "loop": "{{ export_items }}", "loop_control": {"label": "{{ item.path }}"}, "when": "apply is failed",
     "ignore_errors": True},
    {"name": "gathered after", M: {"state": "gathered", "menus": "{{ export_menus }}"}, "register": "gathered_after",
     "when": "apply is failed", "ignore_errors": True},
    {"name": "gathered after one by one", M: {"state": "gathered", "path": "{{ item.path }}"},
     "loop": "{{ export_menus }}", "when": "apply is failed and gathered_after is failed", "ignore_errors": True},
]


class Outcome:
    """What one export did: ``lines`` (its add/set command lines), ``taken`` (line numbers held by the router),
    ``missed`` (line -> (text, reason)), ``converged`` (the apply task succeeded and every line is taken in),
    ``idempotent`` (the second task succeeded with changed=false), ``router`` (version, board, packages), and
    the task results ``parsed``, ``apply``, ``again``."""

    def __init__(self, name, router, lines):
        self.name = name
        self.router = router
        self.lines = lines
        self.taken = []
        self.missed = {}
        self.parsed = self.apply = self.again = None
        self.gathered = {}
        self.gather_errors = {}
        self.menu_errors = None  # the diagnosis: path -> why that menu's own task failed
        self.diagnosis = None  # an Outcome of the menu-by-menu run (run_corpus(diagnose=True), the task failed)

    @property
    def applied(self):
        return self.apply is not None and not self.apply.get("failed")

    @property
    def idempotent(self):
        return self.again is not None and not self.again.get("failed") and self.again.get("changed") is False

    @property
    def converged(self):
        return self.applied and not self.missed

    def summary(self):
        return "%s: %d/%d lines taken in, applied=%s idempotent=%s%s" % (
            self.name, len(self.taken), len(self.lines), self.applied, self.idempotent,
            "".join("\n  line %d: %s\n      %s" % (n, t[:150], r) for n, (t, r) in sorted(self.missed.items())))


def run_corpus(workdir, names=None, forks=8, diagnose=False):
    names = names or exports()
    data = _routers_data()
    texts = dict((n, read(n)) for n in names)
    routers = []
    outcomes = {}
    hostvars = {}
    for name in names:
        router = router_of(name, texts[name], data)
        commands = commands_of(texts[name])
        outcomes[name] = Outcome(name, router, commands)
        entry = {"name": host_of(name), "routeros-version": router["version"], "board": router["board"]}
        if router["packages"]:
            entry["packages"] = router["packages"]
        if router.get("mac"):
            entry["mac-address"] = router["mac"]
        routers.append(entry)
        hostvars[host_of(name)] = {"export_file": str(CORPUS / name),
                                   "export_menus": [{"path": p} for p in menus_of(commands)]}
        if diagnose:
            hostvars[host_of(name)]["export_items"] = _items(texts[name])
    old_timeout = support.rosim.START_TIMEOUT
    support.rosim.START_TIMEOUT = max(old_timeout, 60.0)
    try:
        with start_simulators({"routers": routers}) as group:
            for host, vars_ in hostvars.items():
                vars_.update(ansible_host=group[host].host, ansible_port=group[host].port)
            result = run_playbook(workdir, inventory=inventory_for(hostvars), tasks=TASKS + (DIAGNOSE if diagnose else []),
                                  forks=forks, name="export-corpus")
    finally:
        support.rosim.START_TIMEOUT = old_timeout
    by_host = dict((host_of(n), n) for n in names)
    for task in result.tasks:
        name = by_host.get(task["host"])
        if name is None:
            continue
        out = outcomes[name]
        got = dict(task["result"])
        got["failed"] = bool(got.get("failed")) or task["status"] == "failed"
        if task["task"] in ("parsed", "apply", "again"):
            setattr(out, task["task"], got)
        elif task["task"] == "gathered" and task["status"] == "ok":
            for item in got.get("menus") or []:
                out.gathered[item["path"]] = item.get("gathered")
        elif task["task"] == "gathered one by one" and task["status"] != "skipped":
            for item in got.get("results") or []:
                path = catalog.normalize_path(item["item"]["path"])
                if item.get("skipped"):
                    continue
                if item.get("failed"):
                    out.gather_errors[path] = item.get("msg") or "gathered failed"
                else:
                    out.gathered[path] = item.get("gathered")
    for name in names:
        judge(outcomes[name])
    if diagnose:
        _diagnose(result, outcomes, by_host)
    outcomes_run = dict(outcomes)
    outcomes_run["_playbook"] = result
    return outcomes_run


def _items(text):
    """The export's menus as the menu module reads them (``src:``), as ``menus`` items of one menu each."""
    from ansible_collections.tikops.routeros.plugins.module_utils.menu import export_in
    try:
        return [dict(path=m["path"], config=m["config"], state=m["state"]) for m in export_in.menus_from_export(text)]
    except Exception:  # pylint: disable=broad-except
        return []


def _diagnose(result, outcomes, by_host):
    """Fill ``diagnosis`` of each export whose task failed, from the menu-by-menu tasks and the read after them."""
    for task in result.tasks:
        name = by_host.get(task["host"])
        if name is None or task["status"] == "skipped" or task["task"] not in (
                "menu by menu", "gathered after", "gathered after one by one"):
            continue
        out = outcomes[name]
        if out.diagnosis is None:
            out.diagnosis = Outcome(name, out.router, out.lines)
            out.diagnosis.apply = dict(failed=True, failed_commands=[], not_attempted=[])
            out.diagnosis.menu_errors = {}
        diag = out.diagnosis
        got = task["result"]
        if task["task"] == "menu by menu":
            for item in got.get("results") or []:
                if item.get("skipped") or not item.get("failed"):
                    continue
                path = catalog.normalize_path(item["item"]["path"])
                if item.get("failed_commands") is not None:
                    diag.apply["failed_commands"] += item["failed_commands"]
                    diag.apply["not_attempted"] += item.get("not_attempted") or []
                else:
                    diag.menu_errors[path] = "its own task failed: " + " ".join(str(item.get("msg")).split())
        elif task["task"] == "gathered after" and task["status"] == "ok":
            for item in got.get("menus") or []:
                diag.gathered[item["path"]] = item.get("gathered")
        else:
            for item in got.get("results") or []:
                if item.get("skipped"):
                    continue
                path = catalog.normalize_path(item["item"]["path"])
                if item.get("failed"):
                    diag.gather_errors[path] = item.get("msg") or "gathered failed"
                else:
                    diag.gathered[path] = item.get("gathered")
    for out in outcomes.values():
        if isinstance(out, Outcome) and out.diagnosis is not None:
            judge(out.diagnosis)


# ---------------------------------------------------------------------------------------------------------
# Which lines the router holds


def _resolved(path, version, rows):
    scope = planner.Scope(path, "gathered", None, None, None, "", None)
    try:
        return planner.Resolved(scope, version, [])
    except Exception:  # pylint: disable=broad-except
        return None


def _same(res, name, want, have):
    kind = "auto"
    if res is not None:
        try:
            kind = res.kind_of(name) or "auto"
        except Exception:  # pylint: disable=broad-except
            kind = "auto"
    if have is None:
        if want in ("", None):
            return True
        default = res.defaults.get(name) if res is not None else None
        if default is None:
            return False
        have = default
    if isinstance(have, bool):
        have = "true" if have else "false"
    try:
        if V.same(kind, want, have):
            return True
    except Exception:  # pylint: disable=broad-except
        if V.to_text(want) == V.to_text(have):
            return True
    if kind in ("auto", "str") and name in ("address", "dst-address", "network"):
        # a menu the data does not type (a release before the trees): a host address with or without its /32
        try:
            return V.same("prefix", want, have)
        except Exception:  # pylint: disable=broad-except
            return False
    return False


def _differs(res, attrs, row):
    """The fields of ``attrs`` the gathered ``row`` does not hold (secrets left out)."""
    out = []
    for name, want in attrs.items():
        if name in IGNORED or overlay.is_secret(name) or (res is not None and name in res.v6_read_only):
            continue  # never read back (secrets), or never written (what RouterOS 6 prints and does not take)
        if not _same(res, name, want, row.get(name)):
            out.append((name, want, row.get(name)))
    return out


def _by_number(res, rows, number, own):
    """The gathered entry ``number`` names (an export's ``set 10``), as the module reads it (menu/planner.py
    ``_find_of``): with ``own`` the scope's own entries listed before it (an export's ``add`` lines of the menu
    printed before the line), the (number - len(own))-th entry that holds none of the menu's own entries."""
    mine = set()
    for attrs in own[1]:
        for row in rows:
            if id(row) not in mine and not _differs(res, attrs, row):
                mine.add(id(row))
                break
    others = [r for r in rows if id(r) not in mine]
    index = number - len(own[0])
    return others[index:index + 1] if 0 <= index < len(others) else []


def _selected(cmd, rows, res=None, own=((), ())):
    """The gathered entries a ``set`` line names; ``own``: (the menu's own entries listed before the line, all of
    them), for a line that names its entry by number."""
    selector = cmd.get("selector")
    if selector is None:
        return list(rows)
    kind = selector.get("kind")
    if kind == "default-name":
        # gathered shows default-name only where it is writable: then the entry keeps its default name, or
        # carries the name the line gives it
        names = (selector["value"], cmd["attrs"].get("name"))
        return [r for r in rows if r.get("default-name") == selector["value"]] or [
            r for r in rows if "default-name" not in r and r.get("name") in names]
    if kind == "default":
        chosen = [r for r in rows if r.get("default") is True or r.get("builtin") is True]
        extra = [c for c in selector.get("conditions") or [] if c["field"] != "default"]
        return [r for r in chosen if all(V.to_text(r.get(c["field"])) == V.to_text(c["value"]) for c in extra
                                         if c["op"] == "=")]
    if kind == "find":
        return [r for r in rows if all(V.to_text(r.get(k)) == V.to_text(v) for k, v in cmd["find"].items())]
    if kind == "id" and str(selector["value"]).startswith("*"):
        # an internal id (`/ppp profile set *0 ... name=default`): no read shows it; the entry the line names
        return [r for r in rows if "name" in cmd["attrs"] and r.get("name") == cmd["attrs"]["name"]]
    if kind == "id":
        try:
            return [r for v in str(selector["value"]).split(",") for r in _by_number(res, rows, int(v), own)]
        except ValueError:
            return []
    if kind == "name":
        return [r for r in rows if selector["value"] in (r.get("name"), r.get("default-name"))] or [
            r for r in rows if selector["value"] in [V.to_text(v) for v in r.values()]]
    return []


def _holds(command, attrs):
    """Whether a command as the task shows it (``/path/add k=v ...``) writes every ``k=v`` of ``attrs``."""
    words = set(command.split(" "))
    for name, value in attrs.items():
        text = V.to_text(value)
        if "%s=%s" % (name, text) not in words and '%s="%s"' % (name, text) not in command:
            return False
    return True


def _line_reason(out, path, cmd=None):
    """Why a line is not on the router, from the apply task: the router's message for the write that carries it,
    the task's message when it failed before writing (the planner's), or None (judge by what was read back)."""
    if out.apply is None:
        return "the apply task did not run"
    if not out.apply.get("failed"):
        return None
    if out.menu_errors is not None and path in out.menu_errors:
        return out.menu_errors[path]
    refused = out.apply.get("failed_commands")
    if refused is None:
        return "apply failed: " + " ".join(str(out.apply.get("msg") or "the apply task failed").split())
    cmd = cmd or {}
    attrs = dict((k, v) for k, v in cmd.get("attrs", {}).items() if k not in IGNORED and not overlay.is_secret(k))
    selector = cmd.get("selector") or {}
    # a set names its entry in the command's [find ...]: the selector's value (a default-name is the entry's name
    # unless the line renames it)
    names = [str(v) for v in (selector.get("value"), attrs.get("name")) if v is not None]

    def mine(command):
        if not command.startswith(path + "/") or not _holds(command, attrs):
            return False
        find = command.partition("[find ")[2].partition("]")[0]
        return not find or not names or any(("=%s" % n) in find or ('="%s"' % n) in find for n in names)

    for item in refused:
        if mine(str(item.get("command", ""))):
            return "router: %s (%s)" % (item.get("error"), item.get("command"))
    for command in out.apply.get("not_attempted") or []:
        if mine(command):
            return "not attempted after a refused write (%s)" % command
    return None


def judge(out):
    version = out.router["version"]
    cache = {}
    adds = {}  # path -> the add lines' fields, in the export's order
    for cmd in out.lines:
        if cmd["verb"] == "add":
            adds.setdefault(catalog.normalize_path(cmd["path"]), []).append(cmd)
    for cmd in out.lines:
        path = catalog.normalize_path(cmd["path"])
        number = cmd["line"]
        if path not in out.gathered:
            reason = _line_reason(out, path, cmd)
            read_back = " ".join(str(out.gather_errors.get(path) or "not read back").split())
            out.missed[number] = (cmd["text"], "%s (read back: %s)" % (reason, read_back) if reason
                                  else "read back: " + read_back)
            continue
        rows = out.gathered[path]
        if path not in cache:
            cache[path] = _resolved(path, version, rows)
        res = cache[path]
        attrs = dict((k, v) for k, v in cmd["attrs"].items() if k not in IGNORED)
        if isinstance(rows, dict) or rows is None:  # a settings menu
            diff = _differs(res, attrs, rows or {})
        else:
            own = adds.get(path, [])
            own = ([a for a in own if a["line"] < cmd["line"]],
                   [dict((k, v) for k, v in a["attrs"].items() if k not in IGNORED) for a in own])
            chosen = _selected(cmd, rows, res, own) if cmd["verb"] == "set" else list(rows)
            if not chosen:
                diff = [("entry", "no entry selected by %s" % (cmd.get("selector") or {}).get("kind"), None)]
            else:
                diffs = [_differs(res, attrs, r) for r in chosen]
                diff = min(diffs, key=len)
        if not diff:
            out.taken.append(number)
            continue
        reason = _line_reason(out, path, cmd)
        if reason is None and cmd["verb"] == "add" and isinstance(rows, list):
            reason = "no entry on the router holds it (the nearest differs in %s)" % "; ".join(
                "%s=%r: %r" % (n, w, h) for n, w, h in diff[:3])
        elif reason is None:
            reason = "on the router: " + "; ".join(
                "%s=%r, router has %r" % (n, w, h) if n != "entry" else w for n, w, h in diff[:3])
        out.missed[number] = (cmd["text"], reason)


SPECIAL = ("default-name", "find", "number")  # how a parsed entry names its router entry, not fields


def parsed_mismatches(out):
    """What ``state: parsed`` gave that the gathered menus do not hold, by meaning: (path, entry, fields that
    differ) per parsed entry no gathered entry holds (secrets left out: never read back)."""
    bad = []
    for item in (out.parsed or {}).get("parsed") or []:
        if item.get("state") == "deleted":
            continue
        path, config = item["path"], item.get("config")
        rows = out.gathered.get(path)
        res = _resolved(path, out.router["version"], rows or [])
        entries = [config] if isinstance(config, dict) else (config or [])
        own_attrs = [dict(e) for e in entries if not any(k in e for k in SPECIAL)]
        for index, entry in enumerate(entries):
            attrs = dict((k, v) for k, v in entry.items() if k not in SPECIAL)
            if isinstance(config, dict):
                candidates = [rows or {}]
            else:
                candidates = list(rows or [])
                if "default-name" in entry:
                    names = (entry["default-name"], entry.get("name"))
                    candidates = [r for r in candidates if r.get("default-name") == entry["default-name"]] or [
                        r for r in candidates if "default-name" not in r and r.get("name") in names]
                elif "number" in entry:
                    before = [e for e in entries[:index] if not any(k in e for k in SPECIAL)]
                    candidates = _by_number(res, candidates, entry["number"], (before, own_attrs))
                elif isinstance(entry.get("find"), dict):
                    candidates = [r for r in candidates if all(_same(res, k, v, r.get(k)) for k, v in entry["find"].items())]
            diffs = [_differs(res, attrs, r) for r in candidates] or [[("entry", "none", None)]]
            diff = min(diffs, key=len)
            if diff:
                bad.append((path, entry, diff))
    return bad


def taken_share(outcomes):
    lines = sum(len(o.lines) for n, o in outcomes.items() if not n.startswith("_"))
    taken = sum(len(o.taken) for n, o in outcomes.items() if not n.startswith("_"))
    return taken, lines
