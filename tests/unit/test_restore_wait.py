# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The wait of tikops.routeros.restore after a backup load, over a fake router and a fake clock: a router that comes
back but refuses the login (the backup's users and passwords) fails the task at once, and no pause or read runs past
reboot_timeout."""

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import (
    ConnectError,
    ConnectionLost,
    LoginError,
    RouterTimeout,
)
from ansible_collections.tikops.routeros.plugins.module_utils.tasks import restore


class Clock:
    def __init__(self):
        self.now = 0.0
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


class Rows:
    def __init__(self, rows):
        self.rows = rows


class Session:
    """Before the load: a file and an uptime; the load answers ``!done``; afterwards ``after`` says what a read does
    (``lost``: the connection ended; ``silent``: no answer until the read's timeout)."""

    def __init__(self, clock, after="lost"):
        self.clock = clock
        self.after = after
        self.loaded = False
        self.timeouts = []

    def call(self, path, command=None, attributes=None, proplist=None, timeout=None, **kwargs):
        if path == "/file":
            return Rows([{".id": "*1", "name": "b.backup", "size": "100"}])
        if path == "/system/backup":
            self.loaded = True
            return Rows([])
        assert path == "/system/resource"
        self.timeouts.append(timeout)
        if not self.loaded:
            return Rows([{"uptime": "3d", "version": "7.16"}])
        if self.after == "silent":
            self.clock.now += timeout  # the read waits its whole timeout
            raise RouterTimeout("no reply within %ss" % timeout)
        raise ConnectionLost("connection reset")


class Ctx:
    def __init__(self, clock, params, logins, after="lost"):
        self.params = params
        self.check_mode = False
        self.session = Session(clock, after)
        self.logins = list(logins)  # what each new login does: "refused", "login refused", "up"
        self.reopened = 0

    def reopen(self):
        self.reopened += 1
        what = self.logins.pop(0) if self.logins else "refused"
        if what == "refused":
            raise ConnectError("connection refused")
        if what == "login refused":
            raise LoginError("router refused the login of user 'admin': invalid user name or password (6)")
        fresh = Session(self.session.clock)
        fresh.loaded, fresh.after = False, None
        return fresh

    def warn(self, msg):
        raise AssertionError(msg)


def test_a_login_refused_after_the_reboot_fails_at_once():
    clock = Clock()
    ctx = Ctx(clock, {"backup_password": "p", "poll": 1.0, "reboot_timeout": 600}, ["refused", "login refused", "up"])
    with pytest.raises(restore.RestoreError) as info:
        restore.restore_backup(ctx, "b.backup", {}, sleep=clock.sleep, clock=clock)
    message = str(info.value)
    assert "refuses the login" in message and "invalid user name or password" in message
    assert "users and passwords it was saved with" in message
    assert ctx.reopened == 2 and clock.now == 3.0  # not 600 s of refused logins


def test_no_pause_runs_past_the_deadline():
    clock = Clock()
    ctx = Ctx(clock, {"backup_password": "p", "poll": 4.0, "reboot_timeout": 10}, [])
    with pytest.raises(restore.RestoreError, match=r"within reboot_timeout \(10 s\): connection refused"):
        restore.restore_backup(ctx, "b.backup", {}, sleep=clock.sleep, clock=clock)
    assert clock.sleeps == [4.0, 4.0, 2.0] and clock.now == 10.0


def test_a_silent_connection_is_read_with_a_bounded_timeout():
    """A rebooting router may leave the connection open without a word (no reset): the read gives up after
    READ_TIMEOUT, not after the whole reboot_timeout, and the logins that follow bring the router back."""
    clock = Clock()
    ctx = Ctx(clock, {"backup_password": "p", "poll": 1.0, "reboot_timeout": 300}, ["refused", "up"], after="silent")
    got = restore.restore_backup(ctx, "b.backup", {}, sleep=clock.sleep, clock=clock)
    assert got["rebooted"] is True and ctx.reopened == 2
    assert ctx.session.timeouts[-1] == restore.READ_TIMEOUT
    assert got["reboot_seconds"] == 1.0 + restore.READ_TIMEOUT + 2.0
