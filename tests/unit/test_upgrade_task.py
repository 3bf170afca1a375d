# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""tikops.routeros.upgrade without a router: package names, versions, health comparison, and the decisions taken
before anything changes (a package for another architecture, check mode, bad input)."""

import pytest
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import TrapError, UserInputError
from ansible_collections.tikops.routeros.plugins.module_utils.tasks import upgrade

from support.ctx import Ctx


def test_package_names_and_versions():
    assert upgrade.package_of_file("routeros-7.16.2-arm64.npk") == ("routeros", "7.16.2", "arm64")
    assert upgrade.package_of_file("pub/routeros-7.16.2.npk") == ("routeros", "7.16.2", "x86")
    assert upgrade.package_of_file("routeros-mipsbe-6.49.18.npk") == ("routeros", "6.49.18", "mipsbe")
    assert upgrade.package_of_file("container-7.20.8-arm.npk") == ("container", "7.20.8", "arm")
    assert upgrade.package_of_file("flash/backup.rsc") is None
    assert upgrade.version_tuple("7.18beta2") < upgrade.version_tuple("7.18rc1") < upgrade.version_tuple("7.18")
    assert upgrade.version_tuple("6.49.10 (long-term)") < upgrade.version_tuple("7.1") < upgrade.version_tuple("7.16.2")
    assert upgrade.board_arch({"architecture-name": "x86_64"}) == "x86"


def test_regressions_name_what_was_lost_and_ignore_what_was_never_there():
    before = {"interfaces": ["ether1", "ether2"], "bgp": ["192.0.2.1", "192.0.2.2"], "ospf": [], "routes": None,
              "check:peers": 3, "check:floor": 5}
    after = {"interfaces": ["ether1", "ether2", "v10"], "bgp": ["192.0.2.2"], "ospf": ["10.0.0.1"], "routes": None,
             "check:peers": 2, "check:floor": 4}
    checks = [{"name": "peers", "path": "/x"}, {"name": "floor", "path": "/y", "min_rows": 4}]
    assert upgrade.regressions(before, after, checks) == {"bgp": "lost: 192.0.2.1", "check:peers": "2 rows, 3 before"}
    assert upgrade.regressions({"neighbors": ["a@ether2"]}, {"neighbors": None}, [])["neighbors"].startswith(
        "could not be read")
    rows = [{"dst-address": "0.0.0.0/0"}, {"dst-address": "10.0.0.0/8", "routing-table": "vrf1"}]
    assert upgrade.health_value("routes", rows) == ["0.0.0.0/0", "10.0.0.0/8@vrf1"]
    ospf = [{"router-id": "1.1.1.1", "state": "Full"}, {"router-id": "2.2.2.2", "state": "Init"}]
    assert upgrade.health_value("ospf", ospf) == ["1.1.1.1"]


class Res:
    def __init__(self, rows):
        self.rows = rows


class FakeSession:
    """Answers the reads of a 7.16.2 hEX; every write is recorded, and none is expected in these tests."""

    def __init__(self, files=()):
        self.files = list(files)
        self.writes = []

    def pipeline(self, specs, raise_on_trap=True):
        out = []
        for spec in specs:
            path = spec["path"]
            if path == "/system/resource":
                out.append(Res([{"version": "7.16.2 (stable)", "architecture-name": "mmips", "board-name": "hEX",
                                 "uptime": "1h", "factory-software": "6.44.6"}]))
            elif path == "/system/routerboard":
                out.append(Res([{"routerboard": "true", "current-firmware": "7.16.2", "upgrade-firmware": "7.16.2"}]))
            elif path == "/system/package/update":
                out.append(Res([{"channel": "stable", "installed-version": "7.16.2"}]))
            elif path == "/file":
                out.append(Res([{"name": n, "type": "package"} for n in self.files]))
            elif path == "/interface":
                out.append(Res([{"name": "ether1"}]))
            elif path.startswith("/routing/bgp"):
                out.append(TrapError([{"message": "no such command or directory (bgp)", "category": "2"}], [path]))
            else:
                out.append(Res([]))
        return out

    def call(self, path, command=None, **kw):
        if command == "check-for-updates":
            return Res([{"status": "finding out latest version..."},
                        {"channel": "stable", "installed-version": "7.16.2", "latest-version": "7.20.8",
                         "status": "New version is available"}])
        self.writes.append((path, command, kw.get("attributes")))
        return Res([])


def params(**kw):
    out = dict(channel=None, packages=None, version=None, downgrade=False, install=True, firmware=True,
               reboot_timeout=5.0, poll_interval=0.01, health=list(upgrade.HEALTH), health_checks=None,
               health_timeout=0.0)
    out.update(kw)
    return out


def test_a_package_for_another_architecture_changes_nothing():
    session = FakeSession(files=["routeros-7.20.8-arm.npk"])
    result = upgrade.run(Ctx(session, **params(packages=["routeros-7.20.8-arm.npk"])))
    assert result["failed"] and not result["changed"] and result["reboots"] == 0 and session.writes == []
    assert "routeros-7.20.8-arm.npk is built for arm, but this router (hEX) is mmips" in result["msg"]
    missing = upgrade.run(Ctx(FakeSession(), **params(packages=["routeros-7.20.8-mmips.npk"])))
    assert missing["failed"] and "not in the router's files" in missing["msg"]


def test_check_mode_and_install_false_report_without_writing():
    session = FakeSession()
    result = upgrade.run(Ctx(session, check_mode=True, **params(channel="stable")))
    assert result["changed"] and session.writes == [] and result["target_version"] == "7.20.8"
    assert result["would"] == ["install 7.20.8 from channel stable", "firmware upgrade and reboot"]
    assert result["health"]["before"]["bgp"] is None and result["health"]["before"]["interfaces"] == ["ether1"]
    other = upgrade.run(Ctx(session, check_mode=True, **params(channel="long-term")))
    assert session.writes == [] and "until the channel is set" in other["would"][0]
    looked = upgrade.run(Ctx(session, **params(install=False)))
    assert not looked["changed"] and looked["latest_version"] == "7.20.8" and session.writes == []
    wrong = upgrade.run(Ctx(session, **params(channel="stable", version="7.19.6")))
    assert wrong["failed"] and "offers 7.20.8, not the version asked for (7.19.6)" in wrong["msg"]


def test_bad_input_is_refused_before_the_router_is_read():
    with pytest.raises(UserInputError):
        upgrade.run(Ctx(None, **params(channel="stable", downgrade=True)))
    with pytest.raises(UserInputError):
        upgrade.run(Ctx(None, **params(health_checks=[{"name": "x"}])))
    refused = upgrade.run(Ctx(FakeSession(), **params(channel="upgrade")))
    assert refused["failed"] and "leads RouterOS 6 to 7" in refused["msg"]


class DroppingSession(FakeSession):
    """A router that ends the session after the reboot command but never reboots: up for an hour before and after."""

    def __init__(self):
        FakeSession.__init__(self)
        self.dropped = False

    def call(self, path, command=None, **kw):
        from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import ConnectionLost
        if path == "/system/resource":
            return Res([{"uptime": "1h"}])
        if self.dropped:
            raise ConnectionLost("connection lost")
        if command == "reboot":
            self.dropped = True
        return FakeSession.call(self, path, command, **kw)


def test_a_session_that_ends_without_a_reboot_is_not_taken_for_one():
    ctx = Ctx(DroppingSession(), opener=DroppingSession, **params(reboot_timeout=0.3))
    job = upgrade.Upgrade(ctx)
    with pytest.raises(upgrade.UpgradeFailed) as err:
        job.reboot(ctx.session, "/system", "reboot")
    assert "did not come back within reboot_timeout" in str(err.value) and "did not reboot" in str(err.value)


class Flapping(FakeSession):
    """ether1 runs, is down at the first read after the reboot, and runs again at the next one."""

    def __init__(self):
        FakeSession.__init__(self)
        self.reads = 0

    def pipeline(self, specs, raise_on_trap=True):
        out = FakeSession.pipeline(self, specs, raise_on_trap)
        if any(s["path"] == "/interface" for s in specs):
            self.reads += 1
            if self.reads == 2:
                out = [Res([]) if s["path"] == "/interface" else r for s, r in zip(specs, out)]
        return out


def test_health_is_read_again_while_it_regresses_within_health_timeout():
    session = Flapping()
    state = {"resource": {"version": "7.20.8"}}
    job = upgrade.Upgrade(Ctx(session, **params(health=["interfaces"], health_timeout=5.0)))
    before = job.health(session, state)
    result = job.compare_health(session, state, before)
    assert "failed" not in result and session.reads == 3 and result["health"]["after"]["interfaces"] == ["ether1"]
    session = Flapping()
    job = upgrade.Upgrade(Ctx(session, **params(health=["interfaces"], health_timeout=0.0)))
    result = job.compare_health(session, state, job.health(session, state))
    assert result["failed"] and result["health"]["regressions"] == {"interfaces": "lost: ether1"}


def test_what_the_router_read_in_a_package_file_wins_over_its_name():
    row = {"name": "renamed.npk", "type": "package", "package-name": "routeros", "package-version": "7.20.8",
           "package-architecture": "arm"}
    assert upgrade.package_of_row(row) == ("routeros", "7.20.8", "arm")
    assert upgrade.package_of_row({"name": "routeros-7.20.8-mmips.npk"}) == ("routeros", "7.20.8", "mmips")
    session = FakeSession(files=["renamed.npk"])
    original = session.pipeline

    def pipeline(specs, raise_on_trap=True):
        out = original(specs, raise_on_trap)
        return [Res([row]) if s["path"] == "/file" else r for s, r in zip(specs, out)]
    session.pipeline = pipeline
    result = upgrade.run(Ctx(session, **params(packages=["renamed.npk"])))
    assert result["failed"] and "renamed.npk is built for arm" in result["msg"] and session.writes == []
