# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the server asks about lock-out-proof changes, in one place: safe mode and the history (safemode.py), scripts,
``/import`` and the scheduler (script.py, scheduler.py), and the firewall's input chain in front of the API
(firewall.py). The server calls :func:`commands`/:func:`run` for the command words, :func:`session_closed` when a
session ends and :func:`start` once per router."""

import asyncio

from . import files as rosim_files
from . import firewall
from . import safemode
from . import scheduler as rosim_scheduler
from . import script as rosim_script
from . import values as V
from .model import Result
from .values import Trap

QUIT_REASON = "fatal: session terminated on request"  # server.py: /quit
SCRIPT_WORDS = ("/import", "/system/script/run")
IMPORT_ARGS = {"file-name", "verbose", "dry-run", "from-line"}


def commands(router):
    words = getattr(router, "rosim_lockout_words", None)
    if words is None:
        words = router.rosim_lockout_words = frozenset(safemode.commands(router)) | frozenset(SCRIPT_WORDS) | {
            "/rosim/clock"}
    return words


class Extras:
    """What a script runs outside the router's menus: :func:`commands` through :func:`run_in_script`."""

    @staticmethod
    def words(router):
        return commands(router)

    @staticmethod
    def run(runner, cmd):
        return run_in_script(runner, cmd)


EXTRAS = Extras()


async def run(conn, cmd):
    """The reply (a model.Result) to one of :func:`commands`; raises Trap."""
    router = conn.router
    if cmd.word == "/rosim/clock":
        return clock(router, cmd)
    if cmd.word in SCRIPT_WORDS:
        gen = script_command(router, cmd, conn.user)
        return await rosim_scheduler.drive(router, gen)
    return safemode.run(router, cmd, conn, conn.user)


def run_in_script(runner, cmd):
    """One of :func:`commands` run by a script (a generator of delays, like the script's own statements)."""
    router = runner.router
    if cmd.word in SCRIPT_WORDS:
        result = yield from script_command(router, cmd, runner.user)
        return result
    safemode.run(router, cmd, runner.session, runner.user)
    return None


def script_command(router, cmd, user):
    """``/import`` and ``/system/script/run``: a generator of delays whose value is the Result; raises Trap."""
    if cmd.queries:
        raise router.unknown_parameter(cmd.queries[0])
    attrs = cmd.attrs
    if not router.allowed(user, "set"):
        raise Trap("not enough permissions (9)")
    if cmd.word == "/import":
        allowed = IMPORT_ARGS if router.v7() else {"file-name", "verbose"}
        for name in attrs:
            if name not in allowed:
                raise router.unknown_parameter(name)
        name = attrs.get("file-name")
        if not name:
            raise Trap("value of file-name must be specified", V.CAT_ARGUMENT)
        entry = rosim_files.find_file(router, name)
        if entry is None and not name.endswith(".rsc"):
            entry = rosim_files.find_file(router, name + ".rsc")
        if entry is None:
            raise Trap("failure: no such file", V.CAT_FAILURE)
        text = entry["data"].decode("utf-8", "surrogateescape")
        skip = 0
        if attrs.get("from-line"):
            skip = int(V.parse_int("from-line", attrs["from-line"], 0, None))
            text = "\n" * skip + "\n".join(text.split("\n")[skip:])
        yield from run_checked(router, text, user, dry=attrs.get("dry-run") not in (None, "no", "false"),
                               prefix="Script Error: " if router.v7() else "")
        router.log("system,info", "file %s imported by %s" % (entry["name"], user))
        return Result()
    # /system/script/run =number=NAME
    for name in attrs:
        if name not in ("number", ".id", "numbers", "use-script-permissions"):
            raise router.unknown_parameter(name)
    target = attrs.get("number") or attrs.get(".id") or attrs.get("numbers")
    if not target:
        raise Trap("value of number must be specified", V.CAT_ARGUMENT)
    menu = router.menus["/system/script"]
    item = router.find_items(menu, {"numbers": target})[0]
    item["run-count"] = str(int(item.get("run-count", "0") or 0) + 1)
    router.table(menu.table).touch()
    yield from run_checked(router, item.get("source", ""), item.get("owner") or user, prefix="")
    return Result()


def run_checked(router, text, user, dry=False, prefix=""):
    """Run console text; its first error becomes a Trap ``<message> (line L column C)``."""
    try:
        statements = rosim_script.parse(text)
        if dry:
            return
        runner = rosim_script.Runner(router, user, extras=EXTRAS)
        yield from runner.run(statements)
    except rosim_script.Return:
        return
    except rosim_script.ScriptError as exc:
        raise Trap(prefix + exc.text(), V.CAT_FAILURE if exc.message.startswith("failure") else None)


def clock(router, cmd):
    """``/rosim/clock =advance=DURATION``: the simulator's clock moves on (scheduler entries and ``:delay`` see it);
    ``=ret=`` is the router's time afterwards (Unix seconds)."""
    for name in cmd.attrs:
        if name != "advance":
            raise router.unknown_parameter(name)
    if "advance" in cmd.attrs:
        ms = V.duration_ms(cmd.attrs["advance"])
        if ms is None:
            raise Trap("value of advance must be time interval", V.CAT_ARGUMENT)
        rosim_scheduler.scheduler(router).advance(ms / 1000.0)
    return Result(done={"ret": "%.3f" % router.now()})


def start(service):
    """Once per router, when its service listens: the scheduler's ticker, and the firewall's look at the open sessions
    after every change."""
    router = service.router
    s = rosim_scheduler.scheduler(router)
    if s.task is not None:
        return
    before = getattr(service, "rosim_lockout_router", None)
    if before is not None and before is not router:  # a reboot into a new Router (upgrade.py): the old one stops
        old = rosim_scheduler.scheduler(before)
        if old.task is not None:
            old.task.cancel()
    service.rosim_lockout_router = router
    s.emit = service.emit
    s.extras = EXTRAS
    s.start()
    loop = asyncio.get_running_loop()
    pending = []

    def recheck():
        pending.clear()
        firewall.recheck(service)

    def after_change():
        if not pending:  # once per turn of the loop: after the reply to the command that made the change
            pending.append(loop.call_soon(recheck))

    safemode.journal(router).after_change = after_change


async def admit(conn):
    """A new connection: False when the firewall drops or rejects it (it is then closed)."""
    start(conn.service)  # the service may hold a new router since it listened (a reboot)
    return await firewall.admit(conn)


def hold(conn, data, count):
    return firewall.hold(conn, data, count)


async def wait_open(conn):
    await firewall.wait_open(conn)


def session_closed(conn, reason):
    """A session ended: ``/quit`` is a clean end; any other (the peer closed, reset, a protocol error, a restart) is
    not, and safe-mode changes of that session are undone."""
    cut = getattr(conn, "cut", None)
    if cut is not None:
        cut.timer.cancel()
        cut.open.set()
    j = getattr(conn.router, "rosim_journal", None)
    if j is None or j.holder is not conn:
        return
    j.session_ended(conn, clean=(reason == QUIT_REASON))
