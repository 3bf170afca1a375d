# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``/system/scheduler`` running its entries at their time, on the simulator's clock.

The manual (System/Scheduler): ``start-date`` and ``start-time`` are the first run, ``interval`` the time between
runs (``0s``: only the first); ``start-time=startup`` is 3 seconds after the router starts, and with an interval other
than 0 such an entry does not run at startup (it runs every interval from then on); entries due at the same time run
in their order; ``run-count`` counts the runs (reset by a reboot); ``on-event`` names a ``/system/script`` or is the
script text itself. What the simulator adds (choices): an entry added without ``start-date`` starts on the day it was
added; a first run already past when the entry is added or changed does not happen (a one-off entry never runs then,
an interval entry runs at the next multiple of its interval); a run is skipped while the previous run of the same entry
is still going (in a ``:delay``). As on a real router, the next run is worked out when the entry is added or its timing
changed (the simulator hears of every change of the menu), not when the ticker first looks: a clock advanced right
after the add still finds the entry due.

Time is the router's clock (``Router.now()``: the host's time plus the offset ``/system/clock`` set). The ticker looks
every :data:`TICK` seconds; ``/rosim/clock =advance=1h`` (lockout.py) moves the clock on at once and runs what became
due, and a script waiting in ``:delay`` sees the moved clock, so a test never waits for scheduler time."""

import asyncio
import calendar
import datetime

from . import script as rosim_script
from . import values as V

TICK = 0.2
STARTUP_DELAY = 3.0
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def parse_date(text):
    """``2024-09-20`` (7.10+) or ``sep/20/2024`` -> (y, m, d), or None."""
    text = (text or "").strip().lower()
    try:
        if "-" in text:
            y, m, d = (int(x) for x in text.split("-"))
            return y, m, d
        if "/" in text:
            mon, d, y = text.split("/")
            return int(y), MONTHS.index(mon[:3]) + 1, int(d)
    except ValueError:
        return None
    return None


def parse_time(text):
    """``13:00:27`` -> seconds of the day, or None."""
    parts = (text or "").strip().split(":")
    if len(parts) != 3:
        return None
    try:
        h, m, s = (int(float(x)) for x in parts)
    except ValueError:
        return None
    return h * 3600 + m * 60 + s


class Scheduler:
    def __init__(self, router):
        self.router = router
        self.boot = router.now()
        self.started = router.started
        self.seen = {}  # entry id -> (its timing fields, when the simulator first saw them)
        self.running = {}  # entry id -> asyncio task
        self.task = None
        self.wake = asyncio.Event()
        self.clock_moved = asyncio.Event()
        self.emit = None  # the service's event emitter
        self.extras = None  # the commands scripts run outside the menus (lockout.py)
        menu = self.menu()
        if menu is not None:  # every add and set of an entry: its next run is worked out then
            from .router import Listener
            router.subscribe(Listener(menu, None, (".id", ".dead"), self.changed))

    def menu(self):
        return self.router.menus.get("/system/scheduler")

    def first_run(self, item, seen_at):
        """The time of the entry's first run (None: never)."""
        start_time = item.get("start-time", "startup")
        interval = (V.duration_ms(item.get("interval", "0s") or "0s") or 0) / 1000.0
        if start_time == "startup":
            if interval:
                return self.boot + STARTUP_DELAY + interval, interval
            return (self.boot + STARTUP_DELAY if seen_at <= self.boot else None), 0.0
        seconds = parse_time(start_time)
        if seconds is None:
            return None, interval
        date = parse_date(item.get("start-date"))
        if date is None:
            day = datetime.datetime.fromtimestamp(seen_at, datetime.timezone.utc)
            date = (day.year, day.month, day.day)
        return calendar.timegm(date + (0, 0, 0)) + seconds, interval

    def changed(self, row):
        """An entry was added, changed or removed (the router's change notification, as a listener of the menu)."""
        iid = row.get(".id")
        if row.get(".dead"):
            self.seen.pop(iid, None)
            return
        menu = self.menu()
        item = self.router.table(menu.table).by_id.get(iid) if menu is not None else None
        if item is not None:
            self.notice(item, self.router.now())

    def notice(self, item, now):
        """The entry's timing as first seen at ``now`` (when it was added, or its timing changed): [timing fields,
        when seen, next run or None]."""
        iid = item.get(".id")
        key = (item.get("start-time"), item.get("start-date"), item.get("interval"))
        seen = self.seen.get(iid)
        if seen is not None and seen[0] == key:
            return seen
        seen = self.seen[iid] = [key, now, None]
        first, interval = self.first_run(item, now)
        if first is not None and first < now and not (item.get("start-time") == "startup"):
            if interval:
                k = int((now - first) // interval) + 1
                first += k * interval
            else:
                first = None  # a one-off whose time has passed
        seen[2] = first
        self.show_next(item, first)
        return seen

    def due(self, now):
        """(entry, next time) of every enabled entry, in order, whose run is due at ``now``."""
        menu = self.menu()
        if menu is None:
            return []
        table = self.router.table(menu.table)
        out = []
        for item in list(table.items):
            seen = self.notice(item, now)
            if item.get("disabled") == "true" or seen[2] is None or seen[2] > now:
                continue
            out.append((item, seen))
        return out

    def show_next(self, item, when):
        item["next-run"] = self.router.format_datetime(when) if when is not None else ""

    def tick(self):
        router = self.router
        if router.started != self.started:  # the router restarted: run counts start again, startup entries run
            self.started = router.started
            self.boot = router.now()
            self.seen.clear()
            menu = self.menu()
            for item in router.table(menu.table).items if menu is not None else ():
                item["run-count"] = "0"
        now = router.now()
        for item, seen in self.due(now):
            first, interval = seen[2], (V.duration_ms(item.get("interval", "0s") or "0s") or 0) / 1000.0
            if interval:
                k = int((now - first) // interval) + 1
                seen[2] = first + k * interval
            else:
                seen[2] = None
            self.show_next(item, seen[2])
            iid = item.get(".id")
            if iid in self.running and not self.running[iid].done():
                continue
            item["run-count"] = str(int(item.get("run-count", "0") or 0) + 1)
            self.router.table(self.menu().table).touch()
            self.running[iid] = asyncio.ensure_future(self.run_entry(item))

    async def run_entry(self, item):
        router = self.router
        text = item.get("on-event", "")
        for s in router.table(router.menus["/system/script"].table).items if "/system/script" in router.menus else ():
            if s.get("name") == text.strip():
                text = s.get("source", "")
                s["run-count"] = str(int(s.get("run-count", "0") or 0) + 1)
                break
        user = item.get("owner") or "admin"
        try:
            await run_script(router, text, user, extras=self.extras)
        except rosim_script.ScriptError as exc:
            router.log("script,error", "scheduler %s: %s" % (item.get("name"), exc.text()))
            if self.emit is not None:
                self.emit("script-error", scheduler=item.get("name"), error=exc.text())
        if self.emit is not None:
            self.emit("scheduled", scheduler=item.get("name"))

    async def loop(self):
        try:
            while True:
                self.tick()
                try:
                    await asyncio.wait_for(self.wake.wait(), TICK)
                except asyncio.TimeoutError:
                    pass
                self.wake.clear()
        except asyncio.CancelledError:
            pass

    def start(self):
        if self.task is None:
            self.task = asyncio.ensure_future(self.loop())

    def advance(self, seconds):
        """Move the router's clock on by ``seconds`` and run what became due (scripts in ``:delay`` wake too). An entry
        the simulator has not heard of yet (loaded without a change notification) is first seen at the time before."""
        menu = self.menu()
        if menu is not None:
            now = self.router.now()
            for item in list(self.router.table(menu.table).items):
                self.notice(item, now)
        self.router.clock_offset += seconds
        self.clock_moved.set()
        self.clock_moved = asyncio.Event()
        self.tick()


def scheduler(router):
    s = getattr(router, "rosim_scheduler", None)
    if s is None:
        s = router.rosim_scheduler = Scheduler(router)
    return s


async def sleep(router, seconds):
    """Wait ``seconds`` of the router's clock (an ``/rosim/clock`` advance shortens the wait)."""
    deadline = router.now() + seconds
    while True:
        left = deadline - router.now()
        if left <= 0:
            return
        event = scheduler(router).clock_moved
        try:
            await asyncio.wait_for(event.wait(), min(left, 0.5))
        except asyncio.TimeoutError:
            pass


async def run_script(router, text, user, path=None, extras=None):
    """Run console text with its delays on the router's clock; raises ScriptError."""
    statements = rosim_script.parse(text)
    runner = rosim_script.Runner(router, user, extras=extras)
    await drive(router, runner.run(statements, path))
    return runner


async def drive(router, gen):
    try:
        while True:
            delay = next(gen)
            await sleep(router, delay)
    except StopIteration as stop:
        return stop.value
    except rosim_script.Return as ret:
        return ret.value
