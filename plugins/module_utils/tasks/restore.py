# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Restore a router from an export (``.rsc``, ``/import``) or a binary backup (``.backup``,
``/system/backup/load``) (tikops.routeros.restore).

- The file is on the router (``path``) or uploaded first from the controller (``src``, through tasks/files.py:
  an equal file is not sent again).
- ``.rsc``: the router's export is compared with the file first (comment lines, such as the date header, left
  out; with and without sensitive values): when they are equal nothing is imported (``changed=false``). Otherwise
  ``/import file-name=...``, and the export afterwards is compared again: ``verified`` says whether it now equals
  the file (a partial script never does: the task warns, it does not fail).
- ``.backup``: ``/system/backup/load name=... password=...``. A refusal (a wrong password, a missing file) fails
  the task and the router is left as it was. Otherwise the router reboots: its sessions end, including the one the
  broker keeps. The task waits for that session to end (the reboot has begun; an uptime that went back counts
  too), then logs in again (a new session, every ``poll`` seconds) until the router answers, or ``reboot_timeout``
  passes (no pause or read runs past it). A router that answers but refuses the login fails the task at once: a
  backup brings back the users and passwords it was saved with.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import time

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import (
    LoginError,
    RouterOSError,
    TrapError,
    UserInputError,
)
from ansible_collections.tikops.routeros.plugins.module_utils.core.values import NotParsed, parse_duration
from ansible_collections.tikops.routeros.plugins.module_utils.tasks import export as ex
from ansible_collections.tikops.routeros.plugins.module_utils.tasks import files

VERIFY_FILE = "tikops-restore-verify"
DEFAULT_REBOOT_TIMEOUT = 300
POLL = 1.0
READ_TIMEOUT = 10.0  # seconds one read while the router reboots may take (a silent connection is a rebooting router)
MIN_READ = 1.0  # ... and at least this long, even when the deadline is nearer


class RestoreError(RouterOSError):
    pass


def kind_of(name, data=None):
    """``rsc`` or ``backup``, by the name's extension, else by the content (an export is text)."""
    lower = (name or "").lower()
    if lower.endswith(".backup"):
        return "backup"
    if lower.endswith(".rsc"):
        return "rsc"
    if data is not None and files.is_small_text(data[:65536], limit=65536):
        return "rsc"
    if data is not None:
        return "backup"
    raise UserInputError("type: cannot tell whether %s is an export (.rsc) or a backup (.backup); give type" % name)


def config_lines(text):
    """The configuration of an export as compared: comment lines (the date, software id, model, serial number)
    and blank lines left out, trailing spaces ignored, CRLF read as LF."""
    out = []
    for line in (text or "").replace("\r\n", "\n").split("\n"):
        line = line.rstrip()
        if not line or line.lstrip().startswith("#"):
            continue
        out.append(line)
    return out


def first_difference(want, got):
    for i, (a, b) in enumerate(zip(want, got)):
        if a != b:
            return "line %d of the configuration: the file has %r, the router's export %r" % (i + 1, a, b)
    if len(want) != len(got):
        return "the file has %d configuration lines, the router's export %d" % (len(want), len(got))
    return None


def uptime_seconds(text):
    try:
        ns = parse_duration(text)
    except NotParsed:
        return None
    return None if ns is None else ns / 1e9


def router_exports(session):
    """The router's export text, without and with sensitive values."""
    out = []
    for show in (False, True):
        got = ex.run_export(session, {"file_name": VERIFY_FILE, "show_sensitive": show})
        out.append(got["export"] or "")
    return out


def matches(text, exports):
    want = config_lines(text)
    for export in exports:
        if config_lines(export) == want:
            return True, None
    return False, first_difference(want, config_lines(exports[0]))


def readable_exports(ctx, session, when):
    """:func:`router_exports`, or None (with a warning) when the router cannot send its export over the API (a
    RouterOS 6 or early 7 export past the size its contents show)."""
    try:
        return router_exports(session)
    except TrapError:
        raise
    except RouterOSError as exc:
        ctx.warn("the router's export could not be read %s, so it was not compared with the file: %s" % (when, exc))
        return None


def restore_rsc(ctx, path, text, result):
    session = ctx.session
    exports = readable_exports(ctx, session, "before the import")
    equal = exports is not None and matches(text, exports)[0]
    if equal:
        result.update(changed=False, verified=True, msg="the router's configuration already equals %s" % path)
        return result
    result["changed"] = True
    if ctx.check_mode:
        result["msg"] = "check mode: %s would be imported" % path
        return result
    try:
        session.call("/import", attributes={"file-name": path}, timeout=ctx.params.get("import_timeout") or 300)
    except TrapError as exc:
        raise RestoreError("the router's /import of %s failed: %s (the lines before the failing one were applied)"
                           % (path, exc.message))
    exports = readable_exports(ctx, session, "after the import")
    if exports is None:
        result["verified"] = None
        return result
    equal, why = matches(text, exports)
    result["verified"] = equal
    if not equal:
        ctx.warn("after importing %s the router's export differs from the file (%s); a script that is not a whole "
                 "export never equals it" % (path, why))
    return result


def resource(session, timeout=None):
    row = session.call("/system/resource", "print", proplist=["uptime", "version"], timeout=timeout).rows
    return row[0] if row else {}


def read_timeout(deadline, clock):
    return max(MIN_READ, min(READ_TIMEOUT, deadline - clock()))


def restore_backup(ctx, path, result, sleep=time.sleep, clock=time.monotonic):
    p = ctx.params
    session = ctx.session
    if not (ctx.check_mode and result.get("uploaded")) and files.router_row(session, path) is None:
        raise RestoreError("path: the router has no file %s to load" % path)
    result["changed"] = True
    if ctx.check_mode:
        result["msg"] = "check mode: %s would be loaded and the router rebooted" % path
        return result
    before = uptime_seconds(resource(session).get("uptime"))
    attrs = {"name": path}
    if p.get("backup_password"):
        attrs["password"] = p["backup_password"]
    started = clock()
    try:
        session.call("/system/backup", "load", attributes=attrs)
    except TrapError as exc:
        raise RestoreError("the router refused to load %s: %s; nothing was changed" % (path, exc.message))
    except RouterOSError:
        pass  # the router went down before it answered: the reboot has begun
    deadline = started + (p.get("reboot_timeout") or DEFAULT_REBOOT_TIMEOUT)
    went_down = False
    last = "no answer yet"
    while True:
        # no wait runs past the deadline: neither the pause between two attempts nor a read the router never answers
        sleep(max(0.0, min(p.get("poll") or POLL, deadline - clock())))
        if not went_down:
            # first the reboot itself: the session of the load ends (or, had it been missed, the uptime went back)
            try:
                got = resource(session, timeout=read_timeout(deadline, clock))
                up = uptime_seconds(got.get("uptime"))
                if up is not None and before is not None and up + 1 < before:
                    return _back(result, got, clock() - started)
                last = "the router has not rebooted yet (uptime %s)" % got.get("uptime")
            except (RouterOSError, OSError):
                went_down = True
                last = "the router went down for its reboot"
                continue
        else:
            try:
                got = resource(ctx.reopen(), timeout=read_timeout(deadline, clock))  # a new login
                return _back(result, got, clock() - started)
            except LoginError as exc:
                # the router is back and answers, but not to these credentials: waiting does not change that
                raise RestoreError("the router loaded %s and came back, but refuses the login: %s (a backup brings "
                                   "back the users and passwords it was saved with; log in with those)" % (path, exc))
            except (RouterOSError, OSError) as exc:
                last = str(exc)
        if clock() >= deadline:
            raise RestoreError("the router loaded %s but did not come back within reboot_timeout (%s s): %s"
                               % (path, p.get("reboot_timeout") or DEFAULT_REBOOT_TIMEOUT, last))


def _back(result, got, seconds):
    result.update(rebooted=True, uptime=got.get("uptime"), routeros_version=got.get("version"),
                  reboot_seconds=round(seconds, 1))
    return result


def run_restore(ctx):
    p = ctx.params
    result = {"changed": False}
    data = None
    if p.get("src"):
        data = files.read_local(p["src"])
        path = files.check_path(p.get("path") or os.path.basename(p["src"]))
        kind = p.get("type") if p.get("type") not in (None, "auto") else kind_of(path, data)
        if kind == "rsc":
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise UserInputError("src: %s is not UTF-8 text (byte %d): is it a binary backup? (type)"
                                     % (p["src"], exc.start))
        uploaded = files.upload(ctx, path, data, {})
        result["uploaded"] = bool(uploaded.get("changed"))
        result["sha256"] = uploaded.get("sha256")
    else:
        if not p.get("path"):
            raise UserInputError("give src (a file on the controller) or path (a file on the router)")
        path = files.check_path(p["path"])
        kind = p.get("type") if p.get("type") not in (None, "auto") else kind_of(path)
    result.update(path=path, type=kind)
    if kind == "backup":
        return restore_backup(ctx, path, result)
    if data is None:
        row = files.router_row(ctx.session, path)
        if row is None:
            raise RestoreError("path: the router has no file %s to import" % path)
        version = ex.router_version(ctx.session)
        data, dummy = files.read_router(ctx.session, version, path, ex.file_size(row, path), "auto", p)
    return restore_rsc(ctx, path, ex.decode(data), result)
