# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The undo history (``/system/history``, ``/undo``, ``/redo``) and safe mode (``/safe-mode``, RouterOS 7.18+).

What RouterOS does (the manual's Console page, "Safe Mode"; tools/data/protocol-facts.md section 10):

- every configuration change is an action in the history, shared by all users; the console lists the newest first
  with the flags U (undoable), R (redoable) and F (floating-undo), and ``print detail`` shows ``undo``, ``redo``,
  ``action``, ``by``, ``policy`` and ``time``;
- while a session holds safe mode, every change, made by any session, is a floating-undo action; when the holding
  session ends abnormally (a cut connection, noticed after the TCP timeout, 9 minutes on a default router; a console
  Ctrl-D) all of them are undone; a release (or ``/quit``) keeps them (they become ordinary undoable actions);
- the history holds at most 100 actions: a safe-mode session that makes more is put out of safe mode and nothing is
  undone.

How the simulator records an action: :func:`begin` before a command runs and :func:`commit` after it (both called by
``Router.run``). The journal keeps a copy of every configuration table as it was after the last command (the
"shadow"); a command's action is the difference between the shadow and the tables afterwards (only tables whose
generation moved are compared), so side effects (a connected route, a renamed reference) are part of the action and
are undone with it. Undo puts back the items' earlier copies (same ``.id``, same place); ids are never reused.
"""

from . import values as V
from .model import Result
from .values import Trap

HISTORY_LIMIT = 100
# tables longer than this keep no order in the shadow (an undone removal goes back at the end)
ORDER_LIMIT = 2000
# tables that are no configuration: the log and the active sessions change without a user's action
NOT_JOURNALED = frozenset(("log", "user_active"))
# the console's word for an item of a menu, where it differs from the menu's last word ("filter rule added")
NOUNS = {"/ip/firewall/filter": "filter rule", "/ipv6/firewall/filter": "filter rule",
         "/ip/firewall/nat": "nat rule", "/ip/firewall/mangle": "mangle rule", "/ip/firewall/raw": "raw rule",
         "/ip/firewall/address-list": "address list entry", "/system/scheduler": "scheduled task"}
VERB_WORDS = {"add": "added", "remove": "removed", "move": "moved"}


class Entry:
    __slots__ = ("id", "action", "by", "policy", "time", "floating", "undone", "changes", "orders", "path")

    def __init__(self, number, action, by, when, path):
        self.id = "*%X" % number
        self.action = action
        self.by = by
        self.policy = "write"
        self.time = when
        self.floating = False
        self.undone = False
        self.changes = []  # (table, id, before copy or None, after copy or None, index before)
        self.orders = []  # (table, ids before, ids after): a move
        self.path = path


class Journal:
    """The history of one router and its safe-mode state."""

    def __init__(self, router):
        self.router = router
        self.shadow = {}  # table name -> [gen, {id: copy}, [ids in order]]
        self.entries = []  # oldest first
        self.counter = 0
        self.holder = None  # the session holding safe mode (a server Connection), or None
        self.holder_user = None
        self.paused = 0  # > 0 while undo/redo put items back (no action is recorded)
        self.notify = None  # called with a message when safe mode ends on its own (the server logs it)
        self.notes = {}
        self.after_change = None  # called after every action, undo and redo (lockout.py: the firewall's recheck)
        self.watch()

    # -------------------------------------------------------------------------------------------------------
    # recording

    def tables(self):
        return [(name, t) for name, t in self.router.tables.items() if name not in NOT_JOURNALED]

    def watch(self):
        """Count the router's change notifications per table: a table whose generation moved by no more than its
        notifications changed only in the notified items (the common case: compared item by item), any other is
        compared whole (a hook changed items in place)."""
        router = self.router
        notify = router.changed

        def changed(menu_table, item, dead=False):
            n = self.notes.get(menu_table)
            if n is None:
                n = self.notes[menu_table] = [0, set()]
            n[0] += 1
            n[1].add(item.get(".id"))
            notify(menu_table, item, dead)

        router.changed = changed
        self.wrapper = changed
        self.started = router.started

    def sync(self):
        """The shadow follows every table that changed without an action (dynamic entries, counters)."""
        self.diff(None)

    def diff(self, entry):
        """Compare the tables with the shadow; the differences go to ``entry`` (None: just follow them)."""
        notes, self.notes = self.notes, {}
        for name, table in self.tables():
            snap = self.shadow.get(name)
            if snap is not None and (snap[3] is not table):
                snap = None  # a table the router made anew (a backup loaded): compared whole, as new
            if snap is not None and snap[0] == table.gen:
                continue
            note = notes.get(name)
            if snap is None or note is None or table.gen - snap[0] > note[0]:
                self.diff_whole(entry, name, table, snap)
            else:
                self.diff_items(entry, name, table, snap, note[1])

    def diff_whole(self, entry, name, table, snap):
        before = snap[1] if snap is not None else {}
        border = snap[2] if snap is not None else None
        now_ids = []
        after = {}
        for item in table.items:
            iid = item.get(".id")
            if iid is None:
                continue
            now_ids.append(iid)
            old = before.get(iid)
            if old is None or old != item:
                copy = dict(item)
                if entry is not None:
                    entry.changes.append((name, iid, old, copy, None))
                after[iid] = copy
            else:
                after[iid] = old
        for iid, old in before.items():
            if iid not in after and entry is not None:
                index = border.index(iid) if border is not None else None
                entry.changes.append((name, iid, old, None, index))
        if entry is not None and border is not None:
            kept_before = [i for i in border if i in after]
            kept_now = [i for i in now_ids if i in before]
            if kept_before != kept_now:
                entry.orders.append((name, list(border), list(now_ids)))
        self.shadow[name] = [table.gen, after, now_ids if len(now_ids) <= ORDER_LIMIT else None, table]

    def diff_items(self, entry, name, table, snap, ids):
        before = snap[1]
        border = snap[2]
        for iid in ids:
            old = before.get(iid)
            item = table.by_id.get(iid)
            if item is None:
                if old is None:
                    continue
                del before[iid]
                if entry is not None:
                    index = border.index(iid) if border is not None else None
                    entry.changes.append((name, iid, old, None, index))
            elif old is None or old != item:
                copy = dict(item)
                before[iid] = copy
                if entry is not None:
                    entry.changes.append((name, iid, old, copy, None))
        if border is not None or len(table.items) <= ORDER_LIMIT:
            now_ids = [i[".id"] for i in table.items if ".id" in i]
            if entry is not None and border is not None:
                was = set(border)
                kept_before = [i for i in border if i in table.by_id]
                kept_now = [i for i in now_ids if i in was]
                if kept_before != kept_now:
                    entry.orders.append((name, list(border), list(now_ids)))
            snap[2] = now_ids if len(now_ids) <= ORDER_LIMIT else None
        snap[0] = table.gen

    def record(self, menu, verb, user):
        """After a command: its changes become one action (none when nothing changed)."""
        if self.paused:
            return None
        router = self.router
        noun = NOUNS.get(menu.path) or menu.path.rstrip("/").split("/")[-1].replace("-", " ")
        action = "%s %s" % (noun, VERB_WORDS.get(verb, "changed"))
        entry = Entry(self.counter + 1, action, user, router.format_datetime(router.now()), menu.path)
        self.diff(entry)
        if not entry.changes and not entry.orders:
            return None
        self.counter += 1
        # a new action ends what could be redone (the undone actions are forgotten)
        self.entries = [e for e in self.entries if not e.undone]
        entry.floating = self.holder is not None
        self.entries.append(entry)
        if self.after_change is not None:
            self.after_change()
        if entry.floating and sum(1 for e in self.entries if e.floating) > HISTORY_LIMIT:
            # no room for every safe-mode action: out of safe mode, nothing undone (the manual)
            self.end_safe_mode(keep=True, why="too many changes in safe mode")
        if len(self.entries) > HISTORY_LIMIT:
            del self.entries[:len(self.entries) - HISTORY_LIMIT]
        return entry

    # -------------------------------------------------------------------------------------------------------
    # undo and redo

    def apply(self, entry, undo):
        """Put the items of ``entry`` back as they were before it (``undo``) or after it."""
        router = self.router
        self.sync()
        self.paused += 1
        try:
            changes = reversed(entry.changes) if undo else entry.changes
            for name, iid, before, after, index in changes:
                want = before if undo else after
                table = router.table(name)
                current = table.by_id.get(iid)
                if want is None:
                    if current is not None:
                        router.delete_item(name, current)
                elif current is None:
                    item = dict(want)
                    pos = index if undo and index is not None else None
                    table.insert(item, min(pos, len(table.items)) if pos is not None else None)
                    router.changed(name, item)
                else:
                    current.clear()
                    current.update(want)
                    table.touch()
                    router.changed(name, current)
            for name, before_ids, after_ids in entry.orders:
                table = router.table(name)
                order = before_ids if undo else after_ids
                rank = {iid: n for n, iid in enumerate(order)}
                table.items.sort(key=lambda i: rank.get(i.get(".id"), len(rank)))
                table.touch()
        finally:
            self.paused -= 1
        self.sync()
        entry.undone = undo
        if self.after_change is not None:
            self.after_change()

    def undo(self, user):
        for entry in reversed(self.entries):
            if not entry.undone:
                self.apply(entry, undo=True)
                entry.floating = False
                self.router.log("system,info", "undo %s by %s" % (entry.action, user))
                return
        raise Trap("failure: nothing to undo", V.CAT_FAILURE)

    def redo(self, user):
        for entry in self.entries:
            if entry.undone:
                self.apply(entry, undo=False)
                entry.floating = self.holder is not None
                self.router.log("system,info", "redo %s by %s" % (entry.action, user))
                return
        raise Trap("failure: nothing to redo", V.CAT_FAILURE)

    # -------------------------------------------------------------------------------------------------------
    # safe mode

    def take(self, session, user):
        if self.holder is session:
            return
        if self.holder is not None:
            # the console asks "Hijacking Safe Mode from someone - unroll/release/don't take it"; the API cannot ask
            raise Trap("failure: safe mode is taken by another session (user %s)" % self.holder_user, V.CAT_FAILURE)
        self.holder = session
        self.holder_user = user
        self.router.log("system,info", "safe mode taken by %s" % user)

    def end_safe_mode(self, keep, why):
        user = self.holder_user
        self.holder = None
        self.holder_user = None
        floating = [e for e in self.entries if e.floating]
        for e in floating:
            e.floating = False
        if not keep:
            for e in reversed(floating):
                if not e.undone:
                    self.apply(e, undo=True)
            self.entries = [e for e in self.entries if e not in floating]
        message = "safe mode %s (%s), %d change%s %s" % (
            "released" if keep else "unrolled", why, len(floating), "" if len(floating) == 1 else "s",
            "kept" if keep else "undone")
        self.router.log("system,info", message)
        if self.notify is not None:
            self.notify(message, user)

    def release(self, session):
        self.check_holder(session)
        if self.holder is session:
            self.end_safe_mode(keep=True, why="release")

    def unroll(self, session):
        self.check_holder(session)
        if self.holder is session:
            self.end_safe_mode(keep=False, why="unroll")

    def check_holder(self, session):
        if self.holder is not None and self.holder is not session:
            raise Trap("failure: safe mode is taken by another session (user %s)" % self.holder_user,
                       V.CAT_FAILURE)

    def session_ended(self, session, clean):
        """The holding session is gone: a clean end (``/quit``) keeps the changes, any other end undoes them."""
        if self.holder is not session:
            return
        self.end_safe_mode(keep=clean, why="session ended" if clean else "session lost")

    # -------------------------------------------------------------------------------------------------------
    # printing

    def rows(self):
        out = []
        for e in reversed(self.entries):
            undo_text, redo_text = self.texts(e)
            out.append({".id": e.id, "action": e.action, "by": e.by, "policy": e.policy, "time": e.time,
                        "undo": undo_text, "redo": redo_text,
                        "undoable": "false" if e.undone or e.floating else "true",
                        "redoable": "true" if e.undone else "false",
                        "floating-undo": "true" if e.floating and not e.undone else "false"})
        return out

    def texts(self, entry):
        """The console commands that undo and redo the action's main change (its first item)."""
        path = " ".join(entry.path.strip("/").split("/"))
        menu = self.router.menus.get(entry.path)
        if not entry.changes:
            return "", "/%s move" % path
        _name, iid, before, after, _index = entry.changes[0]

        def args(item, other=None):
            words = []
            for k, v in item.items():
                if k.startswith("_") or k.startswith(".") or (other is not None and other.get(k) == v):
                    continue
                f = menu.by_name.get(k) if menu is not None else None
                if f is not None and f.ro:
                    continue
                words.append("%s=%s" % (k, quote(v)))
            for k in (other or {}):
                if k not in item and not k.startswith(("_", ".")):
                    f = menu.by_name.get(k) if menu is not None else None
                    if f is None or not f.ro:
                        words.append('%s=""' % k)  # a property the other side has and this one not
            return " ".join(words)

        if menu is not None and menu.kind in ("single", "ro-single"):
            iid = ""  # a settings menu has no item to name
        if before is None:
            return "/%s remove %s" % (path, iid), ("/%s add %s" % (path, args(after))).rstrip()
        if after is None:
            return ("/%s add %s" % (path, args(before))).rstrip(), "/%s remove %s" % (path, iid)
        return (" ".join(w for w in ("/%s set" % path, iid, args(before, after)) if w),
                " ".join(w for w in ("/%s set" % path, iid, args(after, before)) if w))


def quote(value):
    value = str(value)
    if value == "" or any(c in value for c in ' "\\$;[]{}='):
        return '"%s"' % value.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$")
    return value


def journal(router):
    j = getattr(router, "rosim_journal", None)
    if j is None:
        j = router.rosim_journal = Journal(router)
    return j


def begin(router):
    """Before a command that may write: changes made since the last one without an action are no part of it."""
    j = journal(router)
    if router.__dict__.get("changed") is not j.wrapper or j.started != router.started:
        rebooted(router)
        j = journal(router)
    j.sync()


def rebooted(router):
    """The router restarted (a backup loaded into the same object): the history starts empty (it is kept in memory
    only), nobody holds safe mode."""
    old = getattr(router, "rosim_journal", None)
    router.__dict__.pop("changed", None)
    router.rosim_journal = Journal(router)
    if old is not None:
        router.rosim_journal.after_change = old.after_change
        router.rosim_journal.notify = old.notify
    router.rosim_journal.sync()


def commit(router, menu, verb, user):
    return journal(router).record(menu, verb, user)


def has_safe_mode(router):
    return router.version >= (7, 18)


def commands(router):
    words = {"/system/history/print", "/system/history/getall", "/undo", "/redo"}
    if has_safe_mode(router):
        words |= {"/safe-mode/take", "/safe-mode/release", "/safe-mode/toggle", "/safe-mode/unroll",
                  "/safe-mode/print", "/safe-mode/get", "/safe-mode/getall"}
    return words


def run(router, cmd, session, user):
    """The reply to one of :func:`commands` (``session`` is the server's connection)."""
    j = journal(router)
    word = cmd.word
    attrs = cmd.attrs
    if word in ("/system/history/print", "/system/history/getall"):
        from .model import compile_query, QueryError
        for name in attrs:
            if name not in ("detail", "without-paging", ".proplist", "terse", "brief", "value-list", "show-ids",
                            "count-only"):
                raise router.unknown_parameter(name)
        try:
            match = compile_query(cmd.queries, _AnyField()) if cmd.queries else None
        except QueryError as exc:
            raise Trap("invalid query: %s" % exc, V.CAT_ARGUMENT)
        rows = [r for r in j.rows() if match is None or match(r)]
        if "count-only" in attrs:
            return Result(done={"ret": str(len(rows))})
        if ".proplist" in attrs:
            keep = [p for p in attrs[".proplist"].split(",") if p]
            rows = [{k: r[k] for k in keep if k in r} for r in rows]
        return Result(rows=rows, listing=True)
    if cmd.queries:
        raise router.unknown_parameter(cmd.queries[0])
    verb = word.rsplit("/", 1)[-1]
    allowed = {"take": ("on-error",), "get": ("value-name", "as-string", "as-string-value")}.get(verb, ())
    for name in attrs:
        if name not in allowed and name != ".proplist":
            raise router.unknown_parameter(name)
    if verb in ("print", "getall", "get"):
        row = {"taken": "true" if j.holder is not None else "false",
               "this-session": "true" if j.holder is session and session is not None else "false"}
        if j.holder is not None:
            row["user"] = j.holder_user
        if verb == "get":
            name = attrs.get("value-name")
            if name is None:
                return Result(rows=[row])
            if name not in row:
                raise Trap("input does not match any value of value-name", V.CAT_ARGUMENT)
            return Result(done={"ret": row[name]})
        return Result(rows=[row], listing=True)
    if not router.allowed(user, "set"):
        raise Trap("not enough permissions (9)")
    if word == "/undo":
        j.undo(user)
    elif word == "/redo":
        j.redo(user)
    elif verb == "take":
        j.take(session, user)
    elif verb == "release":
        j.release(session)
    elif verb == "unroll":
        j.unroll(session)
    elif verb == "toggle":
        if j.holder is session:
            j.release(session)
        else:
            j.take(session, user)
    return Result()


class _AnyField:
    by_name = {}
