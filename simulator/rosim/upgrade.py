# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reboots, RouterOS upgrades and downgrades, and the RouterBOARD firmware upgrade of a simulated router.

What a real router does, and where it is written down:

- ``/system/reboot``: every session ends, the router is unreachable while it boots, then it is back with a new uptime
  and the configuration it had (RouterOS saves every change at once).
- ``/system/package/update`` (the command trees: ``channel`` is its only setting, ``check-for-updates``, ``download``,
  ``install``, ``cancel``; the manual's Packages and Upgrading pages): ``check-for-updates`` asks the channel's newest
  version and sets ``installed-version``, ``latest-version`` and ``status``; the status words are those real scripts
  test for: "finding out latest version..." while it asks, then "New version is available" or "System is already up
  to date"; after ``download``, "Downloaded, please reboot router to upgrade it" (public RouterOS scripts:
  github.com/beeyev/Mikrotik-RouterOS-automatic-backup-and-update BackupAndUpdate.rsc, github.com/pothi/mikrotik-scripts
  scripts/alert-on-new-ros-version.rsc). ``download`` puts the channel's packages (``.npk``) in the router's files,
  ``install`` downloads and reboots into them. RouterOS 6 (6.44 and later) has the channels long-term, stable, testing
  and development, and ``upgrade``, the channel that leads to RouterOS 7 (the manual's "Upgrading to RouterOS v7").
- Packages in the files are installed at the next boot (the manual: "upload the required package to your router ...
  and proceed to reboot the router"); a newer ``routeros`` package upgrades the system. A package built for another
  architecture than the board's (``/system/resource`` ``architecture-name``) is not installed and the router boots
  as it was. ``/system/package/downgrade`` reboots and installs an older uploaded version (the manual: "the router will
  try to downgrade RouterOS to the oldest version possible by checking the packages that are uploaded"), never older
  than ``factory-software`` (the manual's Upgrading page).
- ``/system/routerboard/upgrade``: RouterBOOT is upgraded to ``upgrade-firmware`` (the firmware that comes with the
  running RouterOS); ``current-firmware`` shows it after the next reboot (the manual's RouterBOARD page; a real
  6.42.5 prints current-firmware 6.41.2 against upgrade-firmware 6.42.5 until then: routeros-cli-samples
  system_package_print).

A router that boots into another RouterOS version is built anew for that version (its command tree, or the RouterOS 6
menus) and takes the configuration of the old one that still exists there: menus, items and fields the new version
lacks are left out (docs/simulator.md, "Upgrades and reboots"). Choices where the real text is unknown: the log line
of a package refused for its architecture or version, and the trap of ``/system/routerboard/upgrade`` on a CHR.

Faults (server.Faults): ``reboot_down_ms`` (how long a reboot keeps the router away, default 1000), ``never_return``
(a reboot never ends: the ports refuse connections from then on), ``keep_version`` (the router comes back on the
version it had, the packages left unused) and ``link_down_after_reboot`` (ports that have no link once it is back:
``running=false``, a health check's regression).
"""

import json
import re

from . import files as rosim_files
from . import values as V
from .model import Result
from .values import Trap

UPDATE = "/system/package/update"
COMMANDS = {UPDATE + "/print", UPDATE + "/getall", UPDATE + "/set", UPDATE + "/check-for-updates",
            UPDATE + "/download", UPDATE + "/install", UPDATE + "/cancel", "/system/package/downgrade",
            "/system/reboot", "/system/routerboard/upgrade", "/rosim/put-package"}
CHANNELS_V7 = ("development", "long-term", "stable", "testing")
CHANNELS_V6 = ("development", "long-term", "stable", "testing", "upgrade")
# What a router is offered unless --channel-versions says otherwise: per channel, one version per major line
# (a choice; the brief of a test sets its own).
DEFAULT_CHANNELS = "long-term=6.49.18/7.16.2,stable=6.49.18/7.20.8,testing=7.21.5,development=7.22.3,upgrade=7.16.2"
ST_FINDING = "finding out latest version..."
ST_NEW = "New version is available"
ST_CURRENT = "System is already up to date"
ST_DOWNLOADED = "Downloaded, please reboot router to upgrade it"
NPK_MAGIC = b"ROSIM-NPK\x00"
NPK_NAME = re.compile(r"^(?P<head>[a-z0-9-]+?)-(?P<version>\d+\.\d+(?:\.\d+)?(?:(?:beta|rc)\d+)?)"
                      r"(?:-(?P<arch>[a-z0-9]+))?\.npk$")
ARCHES = ("mipsbe", "mmips", "smips", "arm", "arm64", "tile", "ppc", "x86")


def parse_channels(text):
    """``stable=7.20.8,long-term=6.49.18/7.16.2`` -> {channel: {major: version text}}; ValueError when malformed."""
    from .router import parse_version
    out = {}
    for part in [p.strip() for p in str(text or "").split(",") if p.strip()]:
        name, sep, versions = part.partition("=")
        name = name.strip()
        if not sep or not name or name not in CHANNELS_V6:
            raise ValueError("channel-versions: %r is not CHANNEL=VERSION (channels: %s)" % (part, ", ".join(CHANNELS_V6)))
        for version in [v.strip() for v in versions.split("/") if v.strip()]:
            out.setdefault(name, {})[parse_version(version)[0]] = version
    return out


def configure(router, channel_versions=None):
    """Give ``router`` its upgrade state: the versions each channel offers (``--channel-versions``)."""
    state = upgrade_state(router)
    channels = parse_channels(DEFAULT_CHANNELS)
    if channel_versions:
        if isinstance(channel_versions, dict):
            channel_versions = ",".join("%s=%s" % kv for kv in channel_versions.items())
        channels.update(parse_channels(channel_versions))
    state["channels"] = channels
    return state


def upgrade_state(router):
    state = getattr(router, "rosim_upgrade", None)
    if state is None:
        state = router.rosim_upgrade = {"channels": parse_channels(DEFAULT_CHANNELS), "channel": None,
                                        "latest": None, "status": None, "firmware_pending": None}
    return state


def current_firmware(router):
    """What /system/routerboard prints as current-firmware: the RouterBOOT that was last installed."""
    return getattr(router, "rosim_firmware", None) or router.version_number


def commands(router):
    return COMMANDS


def arch_of_board(router):
    arch = router.board.get("architecture-name") or "mmips"
    return "x86" if arch in ("x86_64", "x86") else arch


def npk_name(name, version, arch, v7):
    """The file name of a package: ``routeros-7.16.2-arm.npk`` (7; x86 without the suffix), ``routeros-mmips-6.49.7.npk``
    and ``wireless-6.49.7-mmips.npk`` (6: the bundle names its architecture)."""
    if v7:
        return "%s-%s%s.npk" % (name, version, "" if arch == "x86" else "-" + arch)
    if name == "routeros":
        return "routeros-%s-%s.npk" % (arch, version)
    return "%s-%s-%s.npk" % (name, version, arch)


def npk_data(name, version, arch):
    """The bytes of a simulated package: a header that says what it is, then filler."""
    head = json.dumps({"name": name, "version": version, "architecture": arch}, sort_keys=True).encode("ascii")
    return NPK_MAGIC + head + b"\x00" + bytes(range(256)) * 4


def npk_info(entry):
    """(package name, version, architecture) of a file of the store, or None when it is no package. The header of a
    simulated package decides; a file of another origin is read by its name."""
    name = entry["name"].rsplit("/", 1)[-1]
    if not name.endswith(".npk"):
        return None
    data = entry.get("data") or b""
    if data.startswith(NPK_MAGIC):
        try:
            head = json.loads(data[len(NPK_MAGIC):].split(b"\x00", 1)[0].decode("ascii"))
            return head["name"], head["version"], head["architecture"]
        except (ValueError, KeyError, UnicodeDecodeError):
            return None
    m = NPK_NAME.match(name)
    if m is None:
        return None
    head, version, arch = m.group("head"), m.group("version"), m.group("arch") or "x86"
    if head.startswith("routeros-") and head[len("routeros-"):] in ARCHES:  # 6.x: routeros-mmips-6.49.7.npk
        head, arch = "routeros", head[len("routeros-"):]
    return head, version, arch


# -------------------------------------------------------------------------------------------------------------
# commands


def run(service, router, cmd, user):
    """(Result, then) for one of :data:`COMMANDS`; ``then`` is None or ``"reboot"``/``"downgrade"``: what the server
    does once the reply is sent."""
    word = cmd.word
    if word == "/rosim/put-package":
        return put_package(router, cmd.attrs), None
    if word in (UPDATE + "/print", UPDATE + "/getall"):
        return Result(rows=[update_row(router, cmd.attrs)], listing=True), None
    write = word not in (UPDATE + "/check-for-updates",)
    if not router.allowed(user, "set" if write else "print"):
        raise Trap("not enough permissions (9)")
    if cmd.queries:
        raise router.unknown_parameter(cmd.queries[0])
    if word == UPDATE + "/set":
        return set_channel(router, cmd.attrs), None
    if word == UPDATE + "/cancel":
        return Result(), None
    if word == UPDATE + "/check-for-updates":
        return Result(rows=check(router, cmd.attrs)), None
    if word == UPDATE + "/download":
        return Result(rows=download(router, cmd.attrs)), None
    if word == UPDATE + "/install":
        rows = download(router, cmd.attrs)
        return Result(rows=rows), "reboot"
    if word == "/system/package/downgrade":
        only(router, cmd.attrs, ())
        return Result(), "downgrade"
    if word == "/system/reboot":
        only(router, cmd.attrs, ())
        return Result(), "reboot"
    if word == "/system/routerboard/upgrade":
        only(router, cmd.attrs, ())
        return routerboard_upgrade(router), None
    raise ValueError(word)


def only(router, attrs, allowed):
    for name in attrs:
        if name not in allowed and name not in (".proplist", "as-value", "without-paging", "once", "duration",
                                                "interval", "append", "do", "file"):
            raise router.unknown_parameter(name)


def channel_of(router):
    state = upgrade_state(router)
    if state["channel"] is None:
        # the channel a router starts on: the one its version says (defaults.py: "(stable)", "(long-term)")
        shown = router.version_display.split("(")[-1].rstrip(")") if "(" in router.version_display else "stable"
        state["channel"] = shown if shown in CHANNELS_V6 else "stable"
    return state["channel"]


def update_row(router, attrs):
    state = upgrade_state(router)
    row = {"channel": channel_of(router), "installed-version": router.version_number}
    row.update(state.get("settings") or {})
    if state["latest"] is not None:
        row["latest-version"] = state["latest"]
    if state["status"] is not None:
        row["status"] = state["status"]
    if ".proplist" in attrs:
        keep = [p for p in attrs[".proplist"].split(",") if p]
        row = {k: row[k] for k in keep if k in row}
    return row


# the other settable fields the command trees list from 7.23 on; the trees give neither their values nor their
# defaults, so a value given is kept and printed as given, and none is printed before one is set (a choice)
SETTINGS_SINCE_7_23 = ("check-certificate", "ip-version", "mode")


def set_channel(router, attrs):
    settable = ("channel", ".id", "numbers") + (SETTINGS_SINCE_7_23 if router.version[:2] >= (7, 23) else ())
    for name in attrs:
        if name not in settable:
            raise router.unknown_parameter(name)
    given = dict((k, v) for k, v in attrs.items() if k in SETTINGS_SINCE_7_23)
    if given:
        upgrade_state(router).setdefault("settings", {}).update(given)
    if "channel" in attrs:
        choices = CHANNELS_V7 if router.v7() else CHANNELS_V6
        if attrs["channel"] not in choices:
            raise Trap("input does not match any value of channel", V.CAT_ARGUMENT)
        state = upgrade_state(router)
        if attrs["channel"] != channel_of(router):
            state.update(channel=attrs["channel"], latest=None, status=None)
        router.log("system,info", "package update changed by api")
    return Result()


def latest_of(router):
    """The newest version the router's channel offers it (its own version when the channel has none for it)."""
    state = upgrade_state(router)
    channel = channel_of(router)
    offered = state["channels"].get(channel, {})
    if channel == "upgrade":
        return offered.get(7) or router.version_number
    return offered.get(router.version[0]) or router.version_number


def check(router, attrs):
    only(router, attrs, ())
    state = upgrade_state(router)
    latest = latest_of(router)
    first = {"channel": channel_of(router), "installed-version": router.version_number, "status": ST_FINDING}
    state["latest"] = latest
    state["status"] = ST_NEW if latest != router.version_number else ST_CURRENT
    router.log("system,info", "checked for updates on channel %s: %s" % (channel_of(router), state["status"]))
    return [first, update_row(router, {})]


def download(router, attrs):
    only(router, attrs, ("ignore-missing",))
    state = upgrade_state(router)
    if state["latest"] is None:
        check(router, {})
    if state["status"] == ST_CURRENT or state["latest"] == router.version_number:
        return [update_row(router, {})]
    version = state["latest"]
    from .router import parse_version
    v7 = parse_version(version) >= (7, 0)
    arch = arch_of_board(router)
    names = ["routeros"] + [p for p in router.packages if v7 or p != "dude"]
    if v7 and not router.v7() and router.board.get("wireless") and "wireless" not in names:
        names.append("wireless")  # 6.x had wireless in its bundle; from 7.13 it is a package of its own
    for name in names:
        put_npk(router, npk_name(name, version, arch, v7), name, version, arch)
    state["status"] = ST_DOWNLOADED
    router.log("system,info", "downloaded RouterOS %s packages" % version)
    return [update_row(router, {})]


def put_package(router, attrs):
    """``/rosim/put-package =name=routeros =version=7.16.2 [=architecture=arm] [=file=NAME]``: a package file in the
    router's files, as an upload would leave it (tests of air-gapped upgrades)."""
    for name in attrs:
        if name not in ("name", "version", "architecture", "file"):
            raise router.unknown_parameter(name)
    from .router import parse_version
    name = attrs.get("name") or "routeros"
    version = attrs.get("version")
    if not version:
        raise Trap("value of version must be specified", V.CAT_ARGUMENT)
    try:
        v7 = parse_version(version) >= (7, 0)
    except ValueError:
        raise V.bad_value("version")
    arch = attrs.get("architecture") or arch_of_board(router)
    if arch not in ARCHES:
        raise V.bad_value("architecture")
    fname = attrs.get("file") or npk_name(name, version, arch, v7)
    entry = put_npk(router, fname, name, version, arch)
    return Result(done={"ret": entry[".id"]})


def put_npk(router, fname, name, version, arch):
    """A package file; /file prints what RouterOS reads in a package, ``package-name``, ``package-version`` and
    ``package-architecture`` (real scripts select package files by them: github.com/Lillecarl/ROS_Scripts
    DownloadAPPackages/DownloadAPPackages.rsc, ``/file find type="package" && package-version!=...``)."""
    entry = rosim_files.put_file(router, fname, npk_data(name, version, arch), "package")
    entry["fields"] = {"package-name": name, "package-version": version, "package-architecture": arch}
    return entry


def routerboard_upgrade(router):
    if not router.board.get("routerboard"):
        raise Trap("failure: not a RouterBOARD", V.CAT_FAILURE)
    upgrade_state(router)["firmware_pending"] = router.version_number
    router.log("system,info,critical", "Firmware upgraded successfully, please reboot for changes to take effect!")
    return Result()


# -------------------------------------------------------------------------------------------------------------
# booting


def _packages(router):
    """[(file entry, name, version, arch)] of the package files in the router's files."""
    out = []
    for entry in list(rosim_files.files(router)):
        info = npk_info(entry)
        if info is not None:
            out.append((entry,) + tuple(info))
    return out


def choose(router, downgrade):
    """The RouterOS version the router boots into from its package files (None: the one it runs), having logged
    the packages it refuses. Installed and refused packages leave the files."""
    from .router import parse_version
    arch = arch_of_board(router)
    target = None
    found = _packages(router)
    for entry, name, version, pkg_arch in found:
        if name != "routeros":
            continue
        if pkg_arch != arch:
            router.log("system,error,critical", "can not install %s: it is built for %s, this router is %s"
                       % (entry["name"], pkg_arch, arch))
            continue
        try:
            v = parse_version(version)
        except ValueError:
            continue
        if downgrade:
            factory = router.board.get("factory-software")
            if v >= router.version:
                continue
            if factory and v < parse_version(factory):
                router.log("system,error,critical", "can not downgrade to %s: older than factory-software %s"
                           % (version, factory))
                continue
            if target is None or v < parse_version(target):
                target = version
        elif v > router.version and (target is None or v > parse_version(target)):
            target = version
    store = rosim_files.files(router)
    for package in found:
        if package[3] == arch and package[0] in store:
            store.remove(package[0])  # what a boot installs (or could not use for this version) is gone afterwards
    return target


def reboot(service, mode="reboot"):
    """Reboot ``service``'s router (``mode`` downgrade: /system/package/downgrade): sessions end, the router is away
    for the fault's ``reboot_down_ms``, and comes back on the version its packages give (a new Router), with a new
    uptime and the firmware /system/routerboard/upgrade installed."""
    router = service.router
    faults = service.faults
    state = upgrade_state(router)
    target = choose(router, mode == "downgrade")
    if target is not None and faults.keep_version:
        router.log("system,error,critical", "upgrade to %s failed, booted %s" % (target, router.version_number))
        target = None
    new = rebuild(router, target) if target is not None else router
    firmware = state["firmware_pending"] or current_firmware(router)
    new.rosim_firmware = firmware
    upgrade_state(new)["firmware_pending"] = None
    if new is router:
        new.started = new.clock()
        new.log("system,info", "router rebooted")
    if target is not None:
        new.log("system,info", "installed RouterOS %s" % target)
    for port in new.interfaces():
        port.pop("_no_link", None)
        if port.get("name") in (faults.link_down_after_reboot or ()):
            port["_no_link"] = True  # the fault: no link on this port once the router is back
    service.router = new
    down = faults.reboot_down_ms if not faults.never_return else 10.0 ** 9
    service.emit("reboot", mode=mode, version=new.version_text, down_ms=down)
    service.restart(down)


def _rank(router, paths):
    from .state import ORDER
    bonding = ORDER.index("/interface/bonding")

    def rank(path):
        if path in ORDER:
            return (ORDER.index(path), 0, path)
        if router.menus[path].table == "interface":
            return (bonding, 1, path)
        return (len(ORDER), 0, path)
    return sorted(paths, key=rank)


def _fit(router, path, body):
    """``body`` (a menu of a saved state) with the fields ``path`` lacks on ``router`` left out, or None when the
    menu is not there."""
    menu = router.menus.get(path)
    if menu is None or menu.kind not in ("list", "single"):
        return None
    if isinstance(body, dict):
        return {k: v for k, v in body.items() if _fits(router, menu, k, v)}
    return [{k: v for k, v in row.items() if k == ".id" or _fits(router, menu, k, v)} for row in body]


def _fits(router, menu, name, value):
    f = menu.by_name.get(name)
    if f is None:
        return False
    if f.ro or f.wo:
        return True
    try:
        f.parse(str(value), router)
    except (Trap, ValueError, KeyError, TypeError):
        return False
    return True


def rebuild(old, version):
    """A router of ``version`` with ``old``'s name, board, packages, files, users and the configuration that still
    exists in that version."""
    from .router import Router, parse_version
    from .state import StateError, dump_state, load_state
    v7 = parse_version(version) >= (7, 0)
    packages = ",".join(old.packages) if (v7 == old.v7()) else None
    users = [{"name": u.get("name"), "group": u.get("group", "full"), "password": u.get("_password", ""),
              "address": u.get("address", "")} for u in old.table("user").items]
    identity = old.single(old.menus["/system/identity"]).get("name", "MikroTik")
    new = Router(name=old.name, version=version, identity=identity, users=users or None, packages=packages,
                 board=old.board_key, clock=old.clock)
    saved = dump_state(old)["menus"]
    for path in _rank(new, [p for p in saved if p in new.menus]):
        body = _fit(new, path, saved[path])
        if body is None:
            continue
        try:
            load_state(new, {"menus": {path: body}}, source="upgrade")
        except (StateError, Trap, ValueError, KeyError, TypeError):
            if not isinstance(body, list):
                continue
            kept = []
            for row in body:  # the items that load, one by one
                try:
                    load_state(new, {"menus": {path: kept + [row]}}, source="upgrade")
                    kept.append(row)
                except (StateError, Trap, ValueError, KeyError, TypeError):
                    pass
            load_state(new, {"menus": {path: kept}}, source="upgrade")
    new.rosim_files = list(rosim_files.files(old))
    new.rosim_file_next = getattr(old, "rosim_file_next", len(new.rosim_files) + 1)
    state = upgrade_state(new)
    state["channels"] = upgrade_state(old)["channels"]
    channel = upgrade_state(old)["channel"]
    if channel is not None:
        state["channel"] = channel if channel in (CHANNELS_V7 if v7 else CHANNELS_V6) else "stable"
    for k in ("api_port", "api_ssl_port", "api_ssl_certificate"):
        setattr(new, k, getattr(old, k))
    return new
