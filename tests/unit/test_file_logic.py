# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The pure logic of tikops.routeros.file and tikops.routeros.restore: which method moves a file on which release,
router file names, the comparison of an export with a file, and the wait for a router that reboots after a backup
load (over a fake session and clock)."""

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import (
    ConnectError,
    ConnectionLost,
    TrapError,
    UserInputError,
)
from ansible_collections.tikops.routeros.plugins.module_utils.tasks import files, restore
from ansible_collections.tikops.routeros.plugins.module_utils.tasks.files import FileTaskError


@pytest.mark.parametrize("version, data, method, want", [
    ((7, 16, 0), b"hello\n", "auto", "contents"),
    ((7, 16, 0), b"x" * 4097, "auto", "fetch"),  # text, but more than contents takes
    ((7, 16, 0), b"\x00\x01binary", "auto", "fetch"),
    ((7, 16, 0), b"\xff\xfe not utf-8", "auto", "fetch"),
    ((6, 49, 10), b"hello\n", "auto", "fetch"),  # 6.x cannot write contents
    ((7, 16, 0), b"hello\n", "fetch", "fetch"),
    ((7, 10, 0), b"hello\n", "contents", "contents"),
])
def test_upload_method(version, data, method, want):
    assert files.upload_method(method, version, data) == want


@pytest.mark.parametrize("version, data, method, words", [
    ((6, 49, 10), b"hello", "contents", "RouterOS 7 only"),
    ((7, 16, 0), b"\x00", "contents", "UTF-8 text"),
    ((7, 16, 0), b"hello", "read", "not to upload"),
])
def test_upload_method_refused(version, data, method, words):
    with pytest.raises(UserInputError, match=words):
        files.upload_method(method, version, data)


@pytest.mark.parametrize("version, size, want", [
    ((7, 13, 0), 10 ** 7, "read"),
    ((7, 24, 0), 1, "read"),
    ((7, 12, 1), 1000, "contents"),
    ((7, 12, 1), 61441, "fetch"),  # past the 60 KiB of contents: the router uploads it
    ((6, 49, 10), 4095, "contents"),
])
def test_download_method(version, size, want):
    assert files.download_method("auto", version, size) == want


def test_download_method_refusals_name_the_limit():
    with pytest.raises(FileTaskError, match="4095 bytes.*SFTP"):
        files.download_method("auto", (6, 49, 10), 4096)
    with pytest.raises(UserInputError, match="7.13"):
        files.download_method("read", (7, 12, 0), 10)
    with pytest.raises(UserInputError, match="RouterOS 6"):
        files.download_method("fetch", (6, 48, 0), 10)


@pytest.mark.parametrize("path", ["pkg.npk", "flash/cert.pem", "a b.txt", "backups/edge1.backup"])
def test_router_names_taken(path):
    assert files.check_path(path) == path


@pytest.mark.parametrize("path", ["", "/abs.txt", "dir/", "a//b", 'q"uote', "wild*", "ctl\x01", "what?"])
def test_router_names_refused(path):
    with pytest.raises(UserInputError, match="path"):
        files.check_path(path)


def test_describe_and_fetch_error():
    assert files.describe(None) == {"state": "absent"}
    got = files.describe(b"abc")
    assert got == {"state": "present", "size": 3,
                   "sha256": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}
    err = files.fetch_error(TrapError([{"message": "failure: connection timeout"}], "/tool/fetch"),
                            "http://192.0.2.1:4000/abc/x.bin", "x.bin")
    assert "192.0.2.1:4000" in str(err) and "server_address" in str(err) and "connection timeout" in str(err)
    err = files.fetch_error(TrapError([{"message": "failure: Fetch failed with status 404"}], "/tool/fetch"),
                            "http://example.net/x", "x", external=True)
    assert "http://example.net/x" in str(err) and "status 404" in str(err) and "server_address" not in str(err)


def test_dest_path(tmp_path):
    assert files.dest_path(str(tmp_path), "flash/a.bin") == str(tmp_path / "a.bin")
    assert files.dest_path(str(tmp_path / "new") + "/", "a.bin") == str(tmp_path / "new" / "a.bin")
    assert files.dest_path(str(tmp_path / "b.bin"), "a.bin") == str(tmp_path / "b.bin")


def test_kind_of():
    assert restore.kind_of("x.backup") == "backup" and restore.kind_of("X.RSC") == "rsc"
    assert restore.kind_of("noext", b"/system identity\nset name=a\n") == "rsc"
    assert restore.kind_of("noext", b"\x00\x01\x02") == "backup"
    with pytest.raises(UserInputError, match="type"):
        restore.kind_of("noext")


def test_config_lines_leave_out_comments_and_dates():
    one = "# 2026-01-01 10:00:00 by RouterOS 7.16\r\n# software id = AB\r\n/system identity\r\nset name=a   \r\n\r\n"
    two = "# 2027-02-02 11:11:11 by RouterOS 7.16\n#\n# model = RB5009\n/system identity\nset name=a\n"
    assert restore.config_lines(one) == restore.config_lines(two) == ["/system identity", "set name=a"]
    assert restore.first_difference(["/a", "set x=1"], ["/a", "set x=2"]).startswith("line 2")
    assert "2 configuration lines" in restore.first_difference(["/a", "b"], ["/a"])
    assert restore.first_difference(["/a"], ["/a"]) is None
    ok, why = restore.matches(two, ["/other\n", one])
    assert ok and why is None
    ok, why = restore.matches(two, ["/system identity\nset name=b\n"])
    assert not ok and "set name=b" in why


def test_uptime_seconds():
    assert restore.uptime_seconds("1w2d3h4m5s") == 7 * 86400 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5
    assert restore.uptime_seconds("0s") == 0
    assert restore.uptime_seconds("garbage") is None


# ---------------------------------------------------------------------------------------------------------
# the wait after a backup load, over a fake router


class FakeResult:
    def __init__(self, rows):
        self.rows = rows


class FakeSession:
    def __init__(self, router):
        self.router = router
        self.dead = False

    def call(self, path, command=None, attributes=None, queries=None, proplist=None, raw=False, max_bytes=None,
             timeout=None):
        r = self.router
        r.calls.append((path, command))
        if self.dead:
            raise ConnectionLost("connection to router failed: reset")
        if path == "/file":
            return FakeResult([{".id": "*1", "name": "b.backup", "size": "100"}] if r.has_file else [])
        if path == "/system/resource":
            return FakeResult([{"uptime": r.uptime, "version": "7.16"}])
        if path == "/system/backup" and command == "load":
            if attributes.get("password") != "right":
                raise TrapError([{"message": "failure: wrong password", "category": "4"}], "/system/backup/load")
            r.loaded = True
            r.uptime = "0s"
            if r.drops_session:
                self.dead = True  # the reboot ends this session
            return FakeResult([])
        raise AssertionError(path)


class FakeRouter:
    def __init__(self, down_polls=2, has_file=True, comes_back=True, drops_session=True):
        self.drops_session = drops_session
        self.calls = []
        self.uptime = "3d"
        self.loaded = False
        self.down_polls = down_polls
        self.has_file = has_file
        self.comes_back = comes_back


class FakeCtx:
    def __init__(self, router, params, check_mode=False):
        self.router = router
        self.params = params
        self.check_mode = check_mode
        self.session = FakeSession(router)
        self.reopened = 0
        self.warnings = []

    def reopen(self):
        self.reopened += 1
        if not self.router.comes_back or self.reopened <= self.router.down_polls:
            raise ConnectError("connection refused")
        self.session = FakeSession(self.router)
        return self.session

    def warn(self, msg):
        self.warnings.append(msg)


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


def test_backup_load_waits_for_the_reboot():
    router = FakeRouter(down_polls=3)
    ctx = FakeCtx(router, {"backup_password": "right", "poll": 1.0, "reboot_timeout": 60})
    clock = Clock()
    got = restore.restore_backup(ctx, "b.backup", {}, sleep=clock.sleep, clock=clock)
    assert got["rebooted"] is True and got["changed"] is True and got["uptime"] == "0s"
    # one poll sees the old session end, three logins are refused, the fourth answers
    assert ctx.reopened == 4 and got["reboot_seconds"] == 5.0


def test_backup_load_an_uptime_that_went_back_counts_as_the_reboot():
    router = FakeRouter(drops_session=False)  # the session survived (never on a real router): the uptime tells
    ctx = FakeCtx(router, {"backup_password": "right", "poll": 1.0, "reboot_timeout": 60})
    clock = Clock()
    got = restore.restore_backup(ctx, "b.backup", {}, sleep=clock.sleep, clock=clock)
    assert got["rebooted"] is True and ctx.reopened == 0 and got["reboot_seconds"] == 1.0


def test_backup_load_refused_changes_nothing_and_never_waits():
    router = FakeRouter()
    ctx = FakeCtx(router, {"backup_password": "wrong", "poll": 1.0})
    clock = Clock()
    with pytest.raises(restore.RestoreError, match="wrong password; nothing was changed"):
        restore.restore_backup(ctx, "b.backup", {}, sleep=clock.sleep, clock=clock)
    assert ctx.reopened == 0 and not router.loaded


def test_backup_load_missing_file_and_check_mode():
    ctx = FakeCtx(FakeRouter(has_file=False), {"backup_password": "right"})
    with pytest.raises(restore.RestoreError, match="no file b.backup"):
        restore.restore_backup(ctx, "b.backup", {})
    router = FakeRouter()
    ctx = FakeCtx(router, {"backup_password": "right"}, check_mode=True)
    got = restore.restore_backup(ctx, "b.backup", {})
    assert got["changed"] is True and "check mode" in got["msg"] and not router.loaded


def test_backup_load_deadline():
    router = FakeRouter(comes_back=False)
    ctx = FakeCtx(router, {"backup_password": "right", "poll": 2.0, "reboot_timeout": 10})
    clock = Clock()
    with pytest.raises(restore.RestoreError, match="did not come back within reboot_timeout .10 s.: connection refused"):
        restore.restore_backup(ctx, "b.backup", {}, sleep=clock.sleep, clock=clock)
    assert clock.now == 10.0 and ctx.reopened == 4  # the first poll saw the session end


def test_an_export_the_router_cannot_send_is_not_compared(monkeypatch):
    from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import RouterOSError

    def too_big(session):
        raise RouterOSError("RouterOS 6.49.10 shows a file's contents over the API only up to 4095 bytes")
    monkeypatch.setattr(restore, "router_exports", too_big)
    imported = []

    class Session:
        def call(self, path, command=None, attributes=None, timeout=None):
            imported.append((path, command, attributes))

    class Ctx:
        params = {}
        check_mode = False
        session = Session()
        warnings = []

        def warn(self, msg):
            self.warnings.append(msg)
    ctx = Ctx()
    got = restore.restore_rsc(ctx, "a.rsc", "/system identity\nset name=a\n", {})
    assert got["changed"] is True and got["verified"] is None
    assert imported == [("/import", None, {"file-name": "a.rsc"})]
    assert len(ctx.warnings) == 2 and "4095 bytes" in ctx.warnings[0] and "before the import" in ctx.warnings[0]
