# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One simulated router: its tables, its menus, and the verbs (print, add, set, ...) on them.

No I/O here: the server turns sentences into :class:`Command` objects and calls :meth:`Router.run`, which
returns a :class:`Result` (rows and the ``!done`` attributes) or a stream description, or raises ``Trap``.
"""

import datetime
import ipaddress
import time
import zlib

from . import files as rosim_files
from . import generic
from . import safemode
from . import values as V
from .hooks import HOOKS
from .menus import all_menus
from .model import QueryError, Result, Table, compile_query  # noqa: F401  # Result: re-exported
from .values import Trap

# Arguments print accepts besides .proplist and queries (flags that change nothing here). The API has no
# where/from (queries do that) and interval= (repeating prints) is not modelled: those are unknown parameters.
PRINT_ARGS = {"detail", "count-only", "stats", "without-paging", "terse", "brief", "follow", "follow-only",
              "value-list", "show-ids", "stats-detail"}

LOG_LIMIT = 1000

# Verbs whose arguments are checked against the menu's fields (the others against the tree's argument names).
FIELD_VERBS = frozenset(("add", "set", "unset", "comment", "enable", "disable", "remove", "move"))


def parse_version(text):
    """``7.16`` / ``7.16.2`` / ``6.49.10 (long-term)`` / ``7.18beta2`` -> a comparable tuple."""
    head = str(text).strip().split()[0]
    nums = []
    for part in head.split("."):
        digits = ""
        for c in part:
            if c.isdigit():
                digits += c
            else:
                break
        if not digits:
            break
        nums.append(int(digits))
    if len(nums) < 2:
        raise ValueError("RouterOS version %r is not like 7.16 or 6.49.10" % text)
    return tuple(nums)


def _name_of(item):
    return item.get("name")


_KEY_FUNCS = {}


def _key_of(key):
    """A (cached, so that table indexes are shared) function giving an item's ``key`` field."""
    fn = _KEY_FUNCS.get(key)
    if fn is None:
        def fn(item):
            return item.get(key)
        _KEY_FUNCS[key] = fn
    return fn


class Command:
    """A request: the menu path, the verb, ``=name=value`` attributes (ordered), queries and the tag."""

    __slots__ = ("word", "path", "verb", "attrs", "queries", "tag", "proplist")

    def __init__(self, word, attrs, queries, tag):
        self.word = word
        self.path, _sep, self.verb = word.rpartition("/")
        self.attrs = attrs
        self.queries = queries
        self.tag = tag
        self.proplist = None


class Stream:
    """What the server must keep sending: ``kind`` is ``listen``, ``follow`` or ``monitor``."""

    def __init__(self, kind, menu=None, match=None, proplist=None, args=None, initial=()):
        self.kind = kind
        self.menu = menu
        self.match = match
        self.proplist = proplist
        self.args = args or {}
        self.initial = initial


class Listener:
    """A listen (or follow) on ``menu``. With a query, ``visible`` holds the ids of the items that match it:
    an item that stops matching is reported as ``.dead`` (it left the listener's view), and removals of items
    that never matched are not reported."""

    __slots__ = ("menu", "match", "proplist", "callback", "visible")

    def __init__(self, menu, match, proplist, callback):
        self.menu = menu
        self.match = match
        self.proplist = proplist
        self.callback = callback
        self.visible = None


def no_such_command(name):
    return Trap("no such command or directory (%s)" % name, V.CAT_MISSING, more=[("no such command prefix", None)])


def project(row, proplist):
    if proplist is None:
        return row
    return {k: row[k] for k in proplist if k in row}


class Router:
    def __init__(self, name="router", version="7.16", identity="MikroTik", user="admin", password="",
                 users=None, clock=time.time, packages=None, board=None, mac=None):
        self.name = name
        self.version_text = str(version)
        self.version = parse_version(version)
        from . import boards as hw
        from . import packages as pkgs
        self.board_key = hw.resolve(board)  # --board (boards.py); the packages default to the board's
        if packages is None:
            packages = ",".join(hw.info(self.board_key).get("packages", ()))
        self.packages = pkgs.parse(packages, self.version)
        self.clock = clock
        self.started = clock()
        self.clock_offset = 0.0
        self.tables = {}
        self.menus = {}
        for m in all_menus(HOOKS):
            bound = m.bind(self.version)
            if bound is not None:
                self.menus[bound.path] = bound
        tree = generic.build(self.version, self.menus, self.packages)
        if tree is not None:
            self.menus = tree
        else:
            generic.build_v6(self.menus, self.packages)
        self.specials = {"/interface/monitor-traffic", "/quit", "/cancel", "/login", "/system/reboot",
                         "/rosim/save-state", "/rosim/fault", "/ping"}
        self.specials |= rosim_files.commands(self)  # /export, /file, /system/backup: files.py
        self.dirs = set()
        for path in list(getattr(self.menus, "known", self.menus)) + list(self.specials):
            parts = path.strip("/").split("/")
            for i in range(1, len(parts) + 1):
                self.dirs.add("/" + "/".join(parts[:i]))
        self.listeners = []
        self.mac_base = zlib.crc32(name.encode("utf-8")) & 0xFFFF
        self.mac_counter = 0x10
        self.mac_first = mac  # the first port's MAC address when given (the others follow it: boards.py)
        self.api_port = 8728
        self.api_ssl_port = 8729
        self.api_ssl_certificate = "none"
        from .defaults import load_defaults
        load_defaults(self, identity=identity, user=user, password=password, users=users)

    # -----------------------------------------------------------------------------------------------------
    # helpers

    def table(self, name):
        t = self.tables.get(name)
        if t is None:
            t = self.tables[name] = Table(name)
        return t

    def now(self):
        return self.clock() + self.clock_offset

    def v7(self):
        return self.version >= (7, 0)

    def new_mac(self, last=None):
        if last is None:
            self.mac_counter += 1
            last = self.mac_counter
        if self.mac_first:
            from .boards import mac_after
            return mac_after(self.mac_first, last - 1)
        return "4C:5E:0C:%02X:%02X:%02X" % (self.mac_base >> 8, self.mac_base & 0xFF, last & 0xFF)

    def interfaces(self):
        return self.table("interface").items

    def find_interface(self, name):
        found = self.table("interface").lookup("name", _name_of, name)
        return found[0] if found else None

    def resolve_interface(self, value, fieldname="interface", allow_lists=False):
        value = value.strip()
        item = self.find_interface(value)
        if item is None:
            byid = self.table("interface").by_id.get(value)
            if byid is not None:
                return byid["name"]
            if allow_lists:
                for lst in self.table("interface_list").items:
                    if lst.get("name") == value:
                        return value
                raise Trap("input does not match any value of %s" % fieldname, V.CAT_ARGUMENT,
                           more=[("input does not match any value of %s-list" % fieldname, V.CAT_ARGUMENT)])
            raise Trap("input does not match any value of %s" % fieldname, V.CAT_ARGUMENT)
        return item["name"]

    def resolve_reference(self, kind, value, fieldname):
        if kind == "bridge":
            item = self.find_interface(value)
            if item is not None and item.get("_kind") == "bridge":
                return value
            raise Trap("input does not match any value of %s" % fieldname, V.CAT_ARGUMENT)
        if kind == "routing_table" and not self.v7():
            return value
        for item in self.table(kind).items:
            if item.get("name") == value:
                return value
        if kind == "routing_table" and value in self.vrf_names():
            return value  # a VRF maps a routing table of its name (the manual's VRF page)
        raise Trap("input does not match any value of %s" % fieldname, V.CAT_ARGUMENT)

    def vrf_names(self):
        """RouterOS 7: the names of the VRFs of /ip/vrf; each has a routing table of the same name ("After the VRF
        config is created routing table mapping is added (a dynamic table with the same name is created)", the
        manual's VRF page), and a route may name it as the gateway's table, or as the gateway itself
        (`gateway=CE1@CE1`, a real 7.16 PE's export)."""
        menu = self.menus.get("/ip/vrf") if self.v7() else None
        if menu is None:
            return set()
        return {i.get("name") for i in self.table(menu.table).items if i.get("name")}

    def parse_gateway(self, value, fieldname):
        parts = []
        for gw in [g.strip() for g in value.split(",") if g.strip()]:
            gw, at, table = gw.partition("@")
            if at:
                # RouterOS 7: resolve the gateway in another routing table (10.0.0.1@CE1, a VRF's table); the
                # gateway may be an interface or a VRF there (CE1@CE1)
                if not self.v7() or not table or "%" in gw:
                    raise V.bad_value(fieldname)
                try:
                    parts.append("%s@%s" % (ipaddress.ip_address(gw), table))
                except ValueError:
                    if gw in self.vrf_names():
                        parts.append("%s@%s" % (gw, table))
                    elif gw and self.find_interface(gw) is not None:
                        parts.append("%s@%s" % (self.resolve_interface(gw, fieldname), table))
                    else:
                        raise V.bad_value(fieldname)
                continue
            ip, _sep, iface = gw.partition("%")
            try:
                parts.append(str(ipaddress.ip_address(ip)) + ("%" + self.resolve_interface(iface, fieldname)
                                                              if iface else ""))
                continue
            except ValueError:
                pass
            if iface:
                raise V.bad_value(fieldname)
            parts.append(self.resolve_interface(gw, fieldname))
        return ",".join(parts)

    def unknown_parameter(self, name):
        if self.v7():
            return Trap("unknown parameter %s" % name)
        return Trap("unknown parameter")

    # -----------------------------------------------------------------------------------------------------
    # change notification and the log

    def changed(self, menu_table, item, dead=False):
        """Tell the listeners of ``menu_table`` that ``item`` was added or changed (or removed: ``dead``)."""
        for lst in list(self.listeners):
            m = lst.menu
            if m.table != menu_table or not m.matches(item):
                continue
            item_id = item.get(".id")
            if lst.match is None:
                if dead:
                    lst.callback({".id": item_id, ".dead": "true"})
                else:
                    lst.callback(project(m.render(item, self), lst.proplist))
                continue
            row = None if dead else m.render(item, self)
            if row is not None and lst.match(row):
                lst.visible.add(item_id)
                lst.callback(project(row, lst.proplist))
            elif item_id in lst.visible:
                lst.visible.discard(item_id)
                lst.callback({".id": item_id, ".dead": "true"})

    def log(self, topics, message):
        t = datetime.datetime.fromtimestamp(self.now(), datetime.timezone.utc)
        table = self.table("log")
        item = table.insert({"time": t.strftime("%H:%M:%S"), "topics": topics, "message": message})
        if len(table.items) > LOG_LIMIT:
            oldest = table.items[0]
            table.delete(oldest)
            for lst in self.listeners:
                if lst.visible is not None:
                    lst.visible.discard(oldest[".id"])
        self.changed("log", item)

    def subscribe(self, listener):
        if listener.match is not None:
            listener.visible = {item.get(".id") for item in self.view(listener.menu)
                                if listener.match(listener.menu.render(item, self))}
        self.listeners.append(listener)

    def unsubscribe(self, listener):
        if listener in self.listeners:
            self.listeners.remove(listener)

    # -----------------------------------------------------------------------------------------------------
    # dispatch

    def lookup(self, word):
        """(menu, verb) for a command word, or (None, special path). Raises the router's 'no such command'."""
        if word in self.specials:
            return None, word
        path, _sep, verb = word.rpartition("/")
        menu = self.menus.get(path)
        if menu is not None and verb in menu.verbs:
            return menu, verb
        parts = word.strip("/").split("/")
        for i in range(1, len(parts) + 1):
            if "/" + "/".join(parts[:i]) not in self.dirs:
                raise no_such_command(parts[i - 1])
        raise no_such_command(parts[-1])

    def run(self, cmd, session):
        menu, verb = self.lookup(cmd.word)
        if menu is None:
            raise ValueError(verb)  # specials are the server's business
        proplist = None
        attrs = cmd.attrs
        if ".proplist" in attrs:
            proplist = [p for p in attrs[".proplist"].split(",") if p]
        if verb in ("print", "getall"):
            return self.do_print(menu, cmd, proplist)
        if verb == "listen":
            match = self.compile(cmd.queries, menu)
            return Result(stream=Stream("listen", menu=menu, match=match, proplist=proplist))
        if cmd.queries:
            raise self.unknown_parameter(cmd.queries[0])
        if menu.commands is not None and verb not in FIELD_VERBS:
            known = menu.commands.get(verb, ())
            for name in attrs:
                if name not in known and name not in (".id", ".proplist"):
                    raise self.unknown_parameter(name)
        user = session.user if session is not None else "admin"
        handler = getattr(self, "do_" + verb.replace("-", "_"), None)
        if handler is None:
            return Result()
        safemode.begin(self)  # the history: the command's changes become one action (safemode.py)
        try:
            return handler(menu, attrs, user)
        finally:
            safemode.commit(self, menu, verb, user)

    def compile(self, queries, menu):
        try:
            return compile_query(queries, menu)
        except QueryError as exc:
            raise Trap("invalid query: %s" % exc, V.CAT_ARGUMENT)

    def view(self, menu):
        if menu.hooks is not None:
            menu.hooks.refresh(menu, self)
        if menu.kind in ("single", "ro-single"):
            return [self.single(menu)]
        if menu.where:
            return [i for i in self.table(menu.table).items if menu.matches(i)]
        return self.table(menu.table).items

    def single(self, menu):
        t = self.table(menu.table)
        if not t.items:
            t.insert({f.name: f.default for f in menu.fields if f.default is not None and not f.wo})
        return t.items[0]

    def do_print(self, menu, cmd, proplist):
        attrs = cmd.attrs
        for name in attrs:
            if name not in PRINT_ARGS and name != ".proplist":
                raise self.unknown_parameter(name)
        if "follow" in attrs or "follow-only" in attrs:
            if menu.path != "/log":
                raise self.unknown_parameter("follow" if "follow" in attrs else "follow-only")
            match = self.compile(cmd.queries, menu)
            initial = []
            if "follow" in attrs:
                initial = [project(r, proplist) for r in self.rows(menu, match)]
            return Result(stream=Stream("follow", menu=menu, match=match, proplist=proplist, initial=initial))
        match = self.compile(cmd.queries, menu)
        if "count-only" in attrs:
            n = sum(1 for _row in self.rows(menu, match))
            return Result(done={"ret": str(n)})
        rows = self.rows(menu, match)
        if proplist is not None:
            rows = (project(r, proplist) for r in rows)
        return Result(rows=rows, listing=True)

    def rows(self, menu, match):
        for item in self.view(menu):
            row = menu.render(item, self)
            if match is None or match(row):
                yield row

    # -----------------------------------------------------------------------------------------------------
    # writes

    def find_items(self, menu, attrs, arg=None):
        if arg is None:
            if ".id" in attrs:
                arg = attrs[".id"]
            elif "numbers" in attrs:
                arg = attrs["numbers"]
        if menu.kind in ("single", "ro-single"):
            return [self.single(menu)]
        if arg is None:
            raise Trap("no such item (4)")
        items = []
        table = self.table(menu.table)
        for token in [t.strip() for t in arg.split(",") if t.strip()]:
            item = table.by_id.get(token)
            if item is None and menu.key:
                for cand in table.lookup("key:" + menu.key, _key_of(menu.key), token):
                    if menu.matches(cand):
                        item = cand
                        break
            if item is None or not menu.matches(item):
                raise Trap("no such item (4)")
            items.append(item)
        if not items:
            raise Trap("no such item (4)")
        return items

    def parse_args(self, menu, attrs, skip=(), adding=False):
        out = {}
        unset = []
        for name, value in attrs.items():
            if name in skip or name in (".id", "numbers", ".proplist"):
                continue
            if name.startswith("!") and not adding:
                f = menu.by_name.get(name[1:])
                if f is None or f.ro or not f.in_set:
                    raise self.unknown_parameter(name[1:])
                unset.append(f)
                continue
            f = menu.by_name.get(name)
            if f is None or f.ro or not (f.in_add if adding else f.in_set):
                raise self.unknown_parameter(name)
            out[f] = f.parse(value, self)
        return out, unset

    @staticmethod
    def store(item, f, value):
        item[("_" + f.name) if f.wo else f.name] = value

    def check_writable(self, menu, item, action):
        if item.get("dynamic") == "true":
            raise Trap("failure: can not %s dynamic %s" % (action, self.noun(menu)))
        if item.get("builtin") == "true" or item.get("_builtin"):
            raise Trap("failure: can not %s builtin %s" % (action, self.noun(menu)))

    @staticmethod
    def noun(menu):
        return menu.path.rstrip("/").split("/")[-1].replace("-", " ")

    def do_add(self, menu, attrs, user):
        if menu.kind != "list" and menu.commands is None:
            raise no_such_command("add")
        skip = ("place-before", "copy-from")
        if menu.commands is not None:
            skip = [a for a in skip if a in menu.commands.get("add", ())]
        values, _given = self.parse_args(menu, attrs, skip=skip, adding=True)
        if menu.kind != "list":
            # the tree offers add (only copy-from) on a few read-only views such as /user/active
            raise Trap("failure: can not add %s" % self.noun(menu))
        item = {k: v for k, v in menu.where.items() if not isinstance(v, (tuple, frozenset, set))}
        for f in menu.fields:
            if f.ro or f.wo or f.default is None:
                continue
            item[f.name] = f.default
        for f, value in values.items():
            self.store(item, f, value)
        for f in menu.fields:
            if f.name in ("dynamic", "invalid") or (f.name == "default" and f.ro):
                item.setdefault(f.name, "false")
        hooks = menu.hooks
        if hooks is not None:
            hooks.prepare(menu, item, self, None)
        self.check_required(menu, item)
        if hooks is not None:
            hooks.validate(menu, item, None, self)
        table = self.table(menu.table)
        index = None
        if "place-before" in attrs:
            before = self.find_items(menu, attrs, attrs["place-before"])[0]
            index = table.items.index(before)
        table.insert(item, index)
        if hooks is not None:
            hooks.after(menu, item, self, "add")
        self.log("system,info", "%s added by %s" % (self.noun(menu), user))
        self.changed(menu.table, item)
        return Result(done={"ret": item[".id"]})

    def do_set(self, menu, attrs, user):
        values, unset = self.parse_args(menu, attrs)  # arguments are checked before the items are looked up
        items = self.find_items(menu, attrs)
        if menu.kind == "list" and (values or unset) and not menu.table.endswith("address_list"):
            # dynamic entries belong to whatever made them (DHCP, connected routes); only comments stick
            changing = {f.name for f in values} | {f.name for f in unset}
            for item in items:
                if item.get("dynamic") == "true" and changing - {"comment"}:
                    self.check_writable(menu, item, "change")
        for item in items:
            # the change is made on a copy and checked before it replaces the item, so a trap changes nothing
            new = dict(item)
            for f, value in values.items():
                self.store(new, f, value)
            for f in unset:
                self.unset_field(new, f)
            if menu.hooks is not None:
                menu.hooks.prepare(menu, new, self, item)
            self.check_required(menu, new)
            if menu.hooks is not None:
                menu.hooks.validate(menu, new, item, self)
            old = dict(item)
            item.clear()
            item.update(new)
            self.table(menu.table).touch()
            if menu.hooks is not None:
                menu.hooks.after(menu, item, self, "set", old=old)
            self.changed(menu.table, item)
        if values or unset:
            self.log("system,info", "%s changed by %s" % (self.noun(menu), user))
        return Result()

    @staticmethod
    def check_required(menu, item):
        for f in menu.fields:
            if f.required and item.get(f.name) is None:
                raise Trap("value of %s must be specified" % f.name, V.CAT_ARGUMENT)

    def unset_field(self, item, f):
        key = ("_" + f.name) if f.wo else f.name
        if f.unset_to is not None:
            item[key] = f.unset_to
        elif f.default is not None and f.name not in ("comment",):
            item[key] = f.default
        else:
            item.pop(key, None)

    def do_unset(self, menu, attrs, user):
        names = attrs.get("value-name")
        if names is None:
            raise Trap("value of value-name must be specified", V.CAT_ARGUMENT)
        fields = []
        for name in names.split(","):
            f = menu.by_name.get(name)
            if f is None or f.ro:
                raise self.unknown_parameter(name)
            if f.required:
                # value-name only offers the properties that can be unset (as the CLI's completion shows)
                raise Trap("input does not match any value of value-name", V.CAT_ARGUMENT)
            fields.append(f)
        rest = {k: v for k, v in attrs.items() if k != "value-name"}
        return self.do_set(menu, dict(rest, **{"!" + f.name: "" for f in fields}), user)

    def do_reset(self, menu, attrs, user):
        """RouterOS 7 ``reset``: each named property (``=comment=``) goes back to its default."""
        names = [k for k in attrs if k not in (".id", "numbers")]
        for name in names:
            f = menu.by_name.get(name)
            if f is None or f.ro or f.required:
                raise Trap("input does not match any value of %s" % name, V.CAT_ARGUMENT)
        if not names:
            return Result()
        rest = {k: v for k, v in attrs.items() if k in (".id", "numbers")}
        return self.do_set(menu, dict(rest, **{"!" + n: "" for n in names}), user)

    def do_comment(self, menu, attrs, user):
        rest = {k: v for k, v in attrs.items() if k in (".id", "numbers", "comment")}
        return self.do_set(menu, rest, user)

    def _toggle(self, menu, attrs, user, value):
        if menu.kind == "ro-list" and menu.path != "/system/package":
            raise no_such_command("enable" if value == "false" else "disable")
        items = self.find_items(menu, attrs)
        for item in items:
            if item.get("disabled") == value:
                continue
            old = dict(item)
            item["disabled"] = value
            self.table(menu.table).touch()
            if menu.hooks is not None:
                menu.hooks.after(menu, item, self, "set", old=old)
            self.changed(menu.table, item)
        self.log("system,info", "%s changed by %s" % (self.noun(menu), user))
        return Result()

    def do_enable(self, menu, attrs, user):
        return self._toggle(menu, attrs, user, "false")

    def do_disable(self, menu, attrs, user):
        return self._toggle(menu, attrs, user, "true")

    def do_remove(self, menu, attrs, user):
        items = self.find_items(menu, attrs)
        for item in items:
            self.check_writable(menu, item, "remove")
            if menu.hooks is not None:
                menu.hooks.before_remove(menu, item, self)
        table = self.table(menu.table)
        for item in items:
            if item[".id"] in table.by_id:
                table.delete(item)
                if menu.hooks is not None:
                    menu.hooks.after(menu, item, self, "remove")
                self.changed(menu.table, item, dead=True)
        self.log("system,info", "%s removed by %s" % (self.noun(menu), user))
        return Result()

    def delete_item(self, table_name, item):
        """Remove an item as a side effect (a dynamic route whose address went away)."""
        table = self.table(table_name)
        if item[".id"] in table.by_id:
            table.delete(item)
            self.changed(table_name, item, dead=True)

    def do_move(self, menu, attrs, user):
        items = self.find_items(menu, attrs)
        table = self.table(menu.table)
        dest = attrs.get("destination")
        target = None
        if dest:
            target = self.find_items(menu, attrs, dest)[0]
            if target in items:
                raise Trap("failure: can not move object before itself")
        for item in items:
            table.items.remove(item)
        index = table.items.index(target) if target is not None else len(table.items)
        table.items[index:index] = items
        table.touch()
        for item in items:
            self.changed(menu.table, item)
        self.log("system,info", "%s moved by %s" % (self.noun(menu), user))
        return Result()

    def do_inspect(self, menu, attrs, user):
        """``/console/inspect``: ``request=child`` lists a path's children from the command tree (the only request
        modelled; others answer an empty ``!done``)."""
        if menu.path != "/console" or attrs.get("request") != "child":
            return Result()
        label = generic.tree_label(self.version)
        words = [w for w in attrs.get("path", "").split(",") if w]
        children = generic.inspect_children(label, words)
        if words and not children:
            raise no_such_command(words[-1])
        return Result(rows=[{"type": "child", "name": n, "node-type": t} for n, t in children], listing=True)

    def do_export(self, menu, attrs, user):
        return Result()

    def do_reset_mac_address(self, menu, attrs, user):
        for item in self.find_items(menu, attrs):
            item["mac-address"] = item.get("orig-mac-address", item.get("mac-address"))
            self.changed(menu.table, item)
        return Result()

    def do_reset_counters(self, menu, attrs, user):
        self.find_items(menu, attrs)
        return Result()

    def do_monitor(self, menu, attrs, user):
        items = self.find_items(menu, attrs)
        rows = []
        for item in items:
            running = item.get("disabled") != "true"
            rows.append({"name": item["name"], "status": "link-ok" if running else "no-link",
                         "auto-negotiation": "done", "rate": "1Gbps", "full-duplex": "true",
                         "tx-flow-control": "false", "rx-flow-control": "false"})
        return Result(rows=rows)

    # -----------------------------------------------------------------------------------------------------
    # users and login

    def check_login(self, name, password=None, response=None, challenge=None, address=None):
        import hashlib
        for user in self.table("user").items:
            if user.get("name") != name or user.get("disabled") == "true":
                continue
            secret = user.get("_password", "")
            if password is not None:
                ok = password == secret
            else:
                try:
                    digest = hashlib.md5(b"\x00" + secret.encode("utf-8", "surrogateescape") +
                                         bytes.fromhex(challenge)).hexdigest()
                except ValueError:
                    return False
                ok = response.lower() == "00" + digest
            if ok and user.get("address"):
                ok = self.address_allowed(user["address"], address)
            if ok:
                user["last-logged-in"] = self.format_datetime(self.now())
            return ok
        return False

    @staticmethod
    def address_allowed(allowed, address):
        if not address:
            return True
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return True
        return any(ip in ipaddress.ip_network(p, strict=False) for p in allowed.split(",") if p)

    def format_datetime(self, ts, capital=False):
        t = datetime.datetime.fromtimestamp(ts, datetime.timezone.utc)
        if self.version >= (7, 10):
            return t.strftime("%Y-%m-%d %H:%M:%S")
        text = t.strftime("%b/%d/%Y %H:%M:%S")
        return text if capital else text.lower()

    def format_date(self, ts):
        t = datetime.datetime.fromtimestamp(ts, datetime.timezone.utc)
        if self.version >= (7, 10):
            return t.strftime("%Y-%m-%d")
        return t.strftime("%b/%d/%Y").lower()

    def uptime(self):
        return V.fmt_duration(int(self.clock() - self.started) * 1000)

    def session_started(self, user, address, via="api"):
        self.log("system,info,account", "user %s logged in from %s via %s" % (user, address, via))
        return self.table("user_active").insert({
            "when": self.format_datetime(self.now()), "name": user, "address": address, "via": via,
            "group": self.user_group(user), "radius": "false"})

    def session_ended(self, active, user, address, via="api"):
        if active is not None:
            self.delete_item("user_active", active)
        self.log("system,info,account", "user %s logged out from %s via %s" % (user, address, via))

    def user_group(self, name):
        for user in self.table("user").items:
            if user.get("name") == name:
                return user.get("group", "full")
        return "full"

    def allowed(self, user, verb):
        """Write verbs need a group with the write policy (the built-in 'read' group has none)."""
        group = self.user_group(user)
        for g in self.table("user_group").items:
            if g.get("name") == group:
                policy = g.get("policy", "")
                if verb in ("print", "getall", "listen"):
                    return "read" in policy.split(",") or "api" in policy.split(",")
                return "write" in policy.split(",")
        return True
