# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""tikops.routeros.upgrade: RouterOS upgrades (from a channel or from package files on the router), downgrades and the
RouterBOARD firmware, with the reboots they need and health checks before and after.

The steps, over the task's session (the kept session of the connection; every reboot ends it and the router is
reached again over a new login, docs/maintenance.md):

1. read: version, architecture, RouterBOARD firmware, the channel, the package files, health facts (one pipeline)
2. decide: the version to reach (the channel's latest after ``check-for-updates``, the uploaded ``routeros`` package,
   or ``version`` for a downgrade); a package built for another architecture fails the task before anything changes
3. install: ``/system/package/update/install`` (channel), ``/system/reboot`` (uploaded packages) or
   ``/system/package/downgrade``; wait for the session to end, then for the router to answer again (within
   ``reboot_timeout``), and check the version it runs
4. firmware: ``/system/routerboard/upgrade`` and a second reboot when ``current-firmware`` differs from
   ``upgrade-firmware``
5. health: the same facts read again (for up to ``health_timeout`` while they regress) and compared; a regression
   fails the host
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
import time

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import (
    ConnectError,
    ConnectionLost,
    FatalError,
    RouterOSError,
    RouterTimeout,
    TrapError,
    UserInputError,
)

CHANNELS = ("development", "long-term", "stable", "testing", "upgrade")
HEALTH = ("interfaces", "neighbors", "routes", "bgp", "ospf")
ST_NEW = "New version is available"
ST_CURRENT = "System is already up to date"
ST_DOWNLOADED = "Downloaded, please reboot router to upgrade it"
ARCHES = ("mipsbe", "mmips", "smips", "arm", "arm64", "tile", "ppc", "x86")
# routeros-7.16.2-arm.npk, routeros-7.16.2.npk (x86), routeros-mmips-6.49.7.npk, wireless-7.16.2-arm.npk
NPK_NAME = re.compile(r"^(?P<head>[a-z0-9-]+?)-(?P<version>\d+\.\d+(?:\.\d+)?(?:(?:beta|rc)\d+)?)"
                      r"(?:-(?P<arch>[a-z0-9]+))?\.npk$")
# errors that mean the router is away (rebooting), not that it refused something
AWAY = (ConnectError, ConnectionLost, FatalError, RouterTimeout)


class UpgradeFailed(RouterOSError):
    """The upgrade did not end where it should: the message says where it stopped."""


def version_tuple(text):
    """``7.16.2`` / ``6.49.10 (long-term)`` / ``7.18beta2`` -> a comparable tuple of ints (beta/rc below the release)."""
    head = str(text or "").strip().split(" ", 1)[0]
    m = re.match(r"^(\d+)\.(\d+)(?:\.(\d+))?(?:(beta|rc)(\d+))?", head)
    if not m:
        return ()
    pre = {"beta": -2, "rc": -1}.get(m.group(4), 0)
    return (int(m.group(1)), int(m.group(2)), int(m.group(3) or 0), pre, int(m.group(5) or 0))


def bare_version(text):
    return str(text or "").strip().split(" ", 1)[0]


def board_arch(resource):
    arch = resource.get("architecture-name") or ""
    return "x86" if arch in ("x86_64", "x86", "i386") else arch


def package_of_file(name):
    """(package, version, architecture) a package file's name says, or None."""
    base = name.rsplit("/", 1)[-1]
    m = NPK_NAME.match(base)
    if m is None:
        return None
    head, version, arch = m.group("head"), m.group("version"), m.group("arch") or "x86"
    if head.startswith("routeros-") and head[len("routeros-"):] in ARCHES:
        head, arch = "routeros", head[len("routeros-"):]
    return head, version, arch


def package_of_row(row):
    """(package, version, architecture) of a /file row: what the router read in the file (``package-name``,
    ``package-version``, ``package-architecture`` of a file of type package), else what its name says."""
    if row.get("package-version") and row.get("package-architecture"):
        arch = row["package-architecture"]
        return (row.get("package-name") or "routeros", row["package-version"], "x86" if arch == "x86_64" else arch)
    return package_of_file(row.get("name", ""))


def uptime_seconds(text):
    from ansible_collections.tikops.routeros.plugins.module_utils.core.values import NotParsed, parse_duration
    try:
        return (parse_duration(text) or 0) / 1e9
    except NotParsed:
        return None


# ---------------------------------------------------------------------------------------------------------------
# health facts


def health_specs(kinds, v7, checks):
    """[(key, spec)] of the reads that make the health facts."""
    out = []
    if "interfaces" in kinds:
        out.append(("interfaces", dict(path="/interface", command="print", queries=["?running=true"],
                                       proplist=["name", "disabled"])))
    if "neighbors" in kinds:
        out.append(("neighbors", dict(path="/ip/neighbor", command="print",
                                      proplist=["interface", "identity", "mac-address"])))
    if "routes" in kinds:
        out.append(("routes", dict(path="/ip/route", command="print", queries=["?active=true"],
                                   proplist=["dst-address", "routing-mark", "routing-table"])))
    if "bgp" in kinds:
        if v7:
            out.append(("bgp", dict(path="/routing/bgp/session", command="print",
                                    proplist=["name", "remote.address", "established"])))
        else:
            out.append(("bgp", dict(path="/routing/bgp/peer", command="print",
                                    proplist=["name", "remote-address", "state"])))
    if "ospf" in kinds:
        out.append(("ospf", dict(path="/routing/ospf/neighbor", command="print", proplist=["router-id", "state"])))
    for check in checks or ():
        query = ["?%s=%s" % (k, "true" if v is True else "false" if v is False else v)
                 for k, v in sorted((check.get("query") or {}).items())]
        out.append(("check:" + check["name"], dict(path=check["path"], command="print", queries=query or None)))
    return out


def health_value(key, rows):
    """The comparable value of one fact: a sorted list of what must still be there afterwards (or a count)."""
    if key == "interfaces":
        return sorted(r.get("name", "") for r in rows if r.get("disabled") != "true")
    if key == "neighbors":
        return sorted(set("%s@%s" % (r.get("identity") or r.get("mac-address") or "?", r.get("interface", ""))
                          for r in rows))
    if key == "routes":
        out = set()
        for r in rows:
            table = r.get("routing-table") or r.get("routing-mark")
            out.add(r.get("dst-address", "") + ("@" + table if table not in (None, "", "main") else ""))
        return sorted(out)
    if key == "bgp":
        return sorted(set(r.get("remote.address") or r.get("remote-address") or r.get("name", "") for r in rows
                          if r.get("established") == "true" or r.get("state") == "established"))
    if key == "ospf":
        return sorted(set(r.get("router-id", "") for r in rows if str(r.get("state", "")).lower() == "full"))
    return len(rows)  # a user check: how many rows


def read_health(session, kinds, checks, v7):
    specs = health_specs(kinds, v7, checks)
    if not specs:
        return {}
    results = session.pipeline([s for dummy, s in specs], raise_on_trap=False)
    out = {}
    for (key, dummy), res in zip(specs, results):
        if isinstance(res, TrapError):
            out[key] = None  # the menu is not there (no BGP on this router): nothing to compare
        else:
            out[key] = health_value(key, res.rows)
    return out


def regressions(before, after, checks):
    """What is worse after than before: {fact: description}."""
    minimum = dict((c["name"], c.get("min_rows")) for c in checks or ())
    out = {}
    for key, was in before.items():
        now = after.get(key)
        if key.startswith("check:"):
            name = key[len("check:"):]
            floor = minimum.get(name)
            if now is None:
                out[key] = "could not be read after the upgrade"
            elif floor is not None and now < floor:
                out[key] = "%d rows, fewer than min_rows %d" % (now, floor)
            elif floor is None and was is not None and now < was:
                out[key] = "%d rows, %d before" % (now, was)
            continue
        if was is None or not was:
            continue
        if now is None:
            out[key] = "could not be read after the upgrade (%d before)" % len(was)
            continue
        lost = [x for x in was if x not in set(now)]
        if lost:
            out[key] = "lost: %s%s" % (", ".join(lost[:20]), " and %d more" % (len(lost) - 20) if len(lost) > 20 else "")
    return out


# ---------------------------------------------------------------------------------------------------------------
# the task


class Upgrade:
    def __init__(self, ctx):
        self.ctx = ctx
        self.params = ctx.params
        self.actions = []
        self.reboots = 0
        self.result = dict(changed=False)
        self.started = time.monotonic()
        self.kinds = list(self.params.get("health") if self.params.get("health") is not None else HEALTH)
        self.checks = self.params.get("health_checks") or []

    # -- reading ------------------------------------------------------------------------------------------

    def read_state(self, session):
        specs = [dict(path="/system/resource", command="print",
                      proplist=["version", "architecture-name", "board-name", "uptime", "factory-software"]),
                 dict(path="/system/routerboard", command="print",
                      proplist=["routerboard", "current-firmware", "upgrade-firmware", "model"]),
                 dict(path="/system/package/update", command="print"),
                 dict(path="/system/package", command="print", proplist=["name", "version", "disabled"]),
                 dict(path="/file", command="print", proplist=["name", "type", "size", "package-name",
                                                               "package-version", "package-architecture"])]
        res = session.pipeline(specs, raise_on_trap=False)

        def first(r):
            return dict(r.rows[0]) if not isinstance(r, TrapError) and r.rows else {}

        def rows(r):
            return [dict(x) for x in r.rows] if not isinstance(r, TrapError) else []
        return dict(resource=first(res[0]), routerboard=first(res[1]), update=first(res[2]),
                    packages=rows(res[3]), files=rows(res[4]))

    def health(self, session, state):
        v7 = version_tuple(state["resource"].get("version")) >= (7,)
        return read_health(session, self.kinds, self.checks, v7)

    # -- reboots ------------------------------------------------------------------------------------------

    def reboot(self, session, path, command, attributes=None, what="reboot"):
        """Send the command that reboots the router, wait for the session to end and the router to answer again;
        returns the new session."""
        self.actions.append(what)
        self.reboots += 1
        self.result["changed"] = True
        deadline = time.monotonic() + float(self.params["reboot_timeout"])
        interval = float(self.params["poll_interval"])
        uptime = self.uptime(session)
        sent = time.monotonic()
        try:
            session.call(path, command, attributes=attributes, timeout=min(30.0, float(self.params["reboot_timeout"])))
        except AWAY:
            pass  # the router went away while answering: what a reboot does
        # the session ends when the router goes down; until then it still answers
        while True:
            try:
                session.call("/system/identity", "print", timeout=max(interval, 1.0))
            except AWAY:
                break
            if time.monotonic() > deadline:
                raise UpgradeFailed("%s: the router did not go down within reboot_timeout (%ss)"
                                    % (what, self.params["reboot_timeout"]))
            time.sleep(interval)
        last = None
        while True:
            try:
                session = self.ctx.reopen()
                now = self.uptime(session)
                # a router that has been up since before the command did not reboot (the session ended for another
                # reason): wait on. Only told apart when it had been up a while (uptime counts whole seconds).
                if uptime is None or now is None or uptime < 5 or now < uptime + (time.monotonic() - sent) - 2:
                    return session
                last = "it answers, but has been up %ds: it did not reboot" % now
            except AWAY as exc:
                last = exc
            if time.monotonic() > deadline:
                raise UpgradeFailed("%s: the router did not come back within reboot_timeout (%ss); last error: %s"
                                    % (what, self.params["reboot_timeout"], last))
            time.sleep(interval)

    @staticmethod
    def uptime(session):
        try:
            rows = session.call("/system/resource", "print", proplist=["uptime"]).rows
        except TrapError:
            return None
        return uptime_seconds(rows[0].get("uptime")) if rows else None

    def download(self, session, target):
        """Download the channel's packages (as long as reboot_timeout allows), so that the reboot installs them."""
        self.actions.append("download %s" % target)
        self.result["changed"] = True
        rows = session.call("/system/package/update", "download", timeout=float(self.params["reboot_timeout"])).rows
        status = rows[-1].get("status") if rows else None
        if status != ST_DOWNLOADED:
            rows = session.call("/system/package/update", "print").rows
            status = rows[0].get("status") if rows else status
        if status != ST_DOWNLOADED:
            raise UpgradeFailed("download of %s did not finish: the router says %r%s"
                                % (target, status, self.router_errors(session)))

    # -- the steps ----------------------------------------------------------------------------------------

    def fail(self, msg):
        self.result.update(failed=True, msg=msg)
        return self.finish()

    def finish(self):
        self.result["actions"] = self.actions
        self.result["reboots"] = self.reboots
        self.result["elapsed"] = round(time.monotonic() - self.started, 3)
        return self.result

    def run(self):
        p = self.params
        session = self.ctx.session
        state = self.read_state(session)
        resource = state["resource"]
        installed = bare_version(resource.get("version"))
        arch = board_arch(resource)
        self.result.update(installed_version=installed, version=installed, architecture=arch,
                           channel=state["update"].get("channel"))
        before = self.health(session, state) if (self.kinds or self.checks) else {}
        target, how = self.plan(session, state, installed, arch)
        if isinstance(target, dict):  # a failure before anything changed
            return target
        self.result["target_version"] = target
        rb = state["routerboard"]
        firmware = p["firmware"] and rb.get("routerboard") == "true"
        if self.ctx.check_mode or not p["install"]:
            would = []
            if how is not None:
                would.append(how[3])
            if firmware and (how is not None or rb.get("current-firmware") != rb.get("upgrade-firmware")):
                would.append("firmware upgrade and reboot")
            self.result.update(changed=self.result["changed"] or bool(self.ctx.check_mode and p["install"] and would),
                               would=would, health=dict(before=before))
            if rb.get("routerboard") == "true":
                self.result["firmware"] = dict(current=rb.get("current-firmware"), upgrade=rb.get("upgrade-firmware"))
            if self.ctx.check_mode and would:
                self.result["msg"] = "check mode: would %s" % ", then ".join(would)
            return self.finish()
        try:
            if how is not None:
                path, command, attributes, what = how
                if (path, command) == ("/system/package/update", "install"):
                    # download first (it may take minutes), then reboot into it: the same as install, but the wait
                    # for the download is not mistaken for the reboot
                    self.download(session, target)
                    path, command = "/system", "reboot"
                session = self.reboot(session, path, command, attributes, what)
                state = self.read_state(session)
                now = bare_version(state["resource"].get("version"))
                self.result["version"] = now
                if version_tuple(now) != version_tuple(target):
                    return self.fail("the router came back on RouterOS %s, not %s%s"
                                     % (now, target, self.router_errors(session)))
            rb = state["routerboard"]
            if rb.get("routerboard") == "true":
                self.result["firmware"] = dict(current=rb.get("current-firmware"), upgrade=rb.get("upgrade-firmware"),
                                               upgraded=False)
            if firmware and rb.get("routerboard") == "true" and rb.get("upgrade-firmware") \
                    and rb.get("current-firmware") != rb.get("upgrade-firmware"):
                self.actions.append("routerboard upgrade %s -> %s" % (rb.get("current-firmware"), rb.get("upgrade-firmware")))
                self.result["changed"] = True
                session.call("/system/routerboard", "upgrade")
                session = self.reboot(session, "/system", "reboot", what="reboot into firmware %s"
                                      % rb.get("upgrade-firmware"))
                state = self.read_state(session)
                rb2 = state["routerboard"]
                self.result["firmware"] = dict(current=rb2.get("current-firmware"),
                                               upgrade=rb2.get("upgrade-firmware"), upgraded=True)
                if rb2.get("current-firmware") != rb2.get("upgrade-firmware"):
                    return self.fail("RouterBOARD firmware is %s after its upgrade and reboot, not %s%s"
                                     % (rb2.get("current-firmware"), rb2.get("upgrade-firmware"),
                                        self.router_errors(session)))
        except UpgradeFailed as exc:
            return self.fail(str(exc))
        return self.compare_health(session, state, before)

    def router_errors(self, session):
        """The router's error log lines (why it did not install), as a suffix of a failure message."""
        try:
            rows = session.call("/log", "print", proplist=["topics", "message"]).rows
        except RouterOSError:
            return ""
        errors = [r.get("message", "") for r in rows if "error" in (r.get("topics") or "").split(",")
                  or "critical" in (r.get("topics") or "").split(",")]
        return "; the router logged: %s" % " | ".join(errors[-5:]) if errors else ""

    def compare_health(self, session, state, before):
        if not before:
            return self.finish()
        wait_until = time.monotonic() + float(self.params["health_timeout"] or 0)
        while True:
            after = self.health(session, state)
            worse = regressions(before, after, self.checks)
            if not worse or time.monotonic() >= wait_until:
                break
            time.sleep(float(self.params["poll_interval"]))
        self.result["health"] = dict(before=before, after=after, regressions=worse)
        if worse:
            return self.fail("health regressed after the upgrade: %s" % "; ".join(
                "%s %s" % (k, v) for k, v in sorted(worse.items())))
        return self.finish()

    def plan(self, session, state, installed, arch):
        """(target version, (path, command, attributes, what) or None); or (failed result, None)."""
        p = self.params
        if p.get("packages") or p["downgrade"]:
            return self.plan_packages(state, installed, arch)
        channel = p.get("channel")
        update = state["update"]
        if channel is None:
            channel = update.get("channel")
        if channel not in CHANNELS:
            return self.fail("the router's update channel is %r; give channel or packages" % (channel,)), None
        if channel == "upgrade" and version_tuple(installed) >= (7,):
            return self.fail("channel upgrade leads RouterOS 6 to 7; this router runs %s" % installed), None
        self.result["channel"] = channel
        if channel != update.get("channel"):
            if self.ctx.check_mode or not p["install"]:
                if self.ctx.check_mode:
                    self.result["latest_version"] = None
                    return None, ("/system/package/update", "install", None,
                                  "set channel %s, check for updates and install (the newest version is unknown "
                                  "until the channel is set)" % channel)
            self.actions.append("channel %s -> %s" % (update.get("channel"), channel))
            self.result["changed"] = True
            session.call("/system/package/update", "set", attributes={"channel": channel})
        checked = session.call("/system/package/update", "check-for-updates").rows
        last = dict(checked[-1]) if checked else {}
        if not last.get("latest-version"):
            rows = session.call("/system/package/update", "print").rows
            last = dict(rows[0]) if rows else last
        latest = bare_version(last.get("latest-version"))
        status = last.get("status")
        self.result.update(latest_version=latest or None, status=status)
        if status not in (ST_NEW, ST_CURRENT) or not latest:
            return self.fail("check-for-updates on channel %s did not give a version: %s" % (channel, status)), None
        want = p.get("version")
        if want and version_tuple(want) != version_tuple(latest):
            return self.fail("channel %s offers %s, not the version asked for (%s)" % (channel, latest, want)), None
        if status == ST_CURRENT or version_tuple(latest) == version_tuple(installed):
            return installed, None
        return latest, ("/system/package/update", "install", None, "install %s from channel %s" % (latest, channel))

    def plan_packages(self, state, installed, arch):
        p = self.params
        files = dict((f.get("name", "").rsplit("/", 1)[-1], f) for f in state["files"])
        names = p.get("packages") or [n for n in files if n.endswith(".npk")]
        if not names:
            return self.fail("downgrade: no package file (.npk) on the router; upload the version to go to first"), None
        target = None
        for name in names:
            base = name.rsplit("/", 1)[-1]
            if base not in files:
                return self.fail("package %s is not in the router's files (/file)" % name), None
            info = package_of_row(files[base])
            if info is None:
                self.ctx.warn("%s: the name says no package, version and architecture; the router decides" % name)
                continue
            pkg, version, pkg_arch = info
            if arch and pkg_arch != arch:
                return self.fail("package %s is built for %s, but this router (%s) is %s: nothing was installed, the "
                                 "router was left as it was" % (name, pkg_arch, state["resource"].get("board-name"),
                                                                arch)), None
            if pkg == "routeros":
                target = version
        want = p.get("version")
        if p["downgrade"]:
            target = want or target
            if target is None:
                return self.fail("downgrade: give version, or a routeros package among packages"), None
            if version_tuple(target) >= version_tuple(installed):
                return self.fail("downgrade to %s: the router runs %s already" % (target, installed)), None
            factory = state["resource"].get("factory-software")
            if factory and version_tuple(target) < version_tuple(factory):
                return self.fail("downgrade to %s: older than this router's factory-software %s" % (target, factory)), None
            return target, ("/system/package", "downgrade", None, "downgrade to %s" % target)
        if target is None:
            target = installed
        if want and version_tuple(want) != version_tuple(target):
            return self.fail("the packages give RouterOS %s, not the version asked for (%s)" % (target, want)), None
        if version_tuple(target) < version_tuple(installed):
            return self.fail("packages give RouterOS %s, older than %s: set downgrade to go back" % (target, installed)), None
        have = set((x.get("name"), bare_version(x.get("version"))) for x in state["packages"])
        infos = [package_of_row(files[n.rsplit("/", 1)[-1]]) for n in names]
        pending = [i for i in infos if i and (i[0], target) not in have
                   and not (i[0] == "routeros" and version_tuple(target) == version_tuple(installed))]
        if version_tuple(target) == version_tuple(installed) and not pending:
            return installed, None
        return target, ("/system", "reboot", None, "reboot to install %s" % ", ".join(names))


def run(ctx):
    p = ctx.params
    if p.get("channel") and p.get("packages"):
        raise UserInputError("channel and packages are mutually exclusive")
    if p.get("channel") and p.get("downgrade"):
        raise UserInputError("downgrade goes back to an uploaded version: give packages or version, not channel")
    if float(p["reboot_timeout"]) <= 0 or float(p["poll_interval"]) <= 0:
        raise UserInputError("reboot_timeout and poll_interval must be positive")
    for check in p.get("health_checks") or ():
        if not check.get("name") or not check.get("path"):
            raise UserInputError("health_checks: each check needs name and path, not %r" % (check,))
    for kind in p.get("health") or ():
        if kind not in HEALTH:
            raise UserInputError("health: %r is not one of %s" % (kind, ", ".join(HEALTH)))
    return Upgrade(ctx).run()
