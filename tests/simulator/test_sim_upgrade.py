# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reboots, package channels, upgrades (6.49 -> 7.x), downgrades, the RouterBOARD firmware and the reboot faults of
the simulator (simulator/rosim/upgrade.py): the logic in-process, then the same over real sockets."""

import socket
import time

import pytest
from simraw import Closed, Raw, rows, traps

from rosim import files as rosim_files
from rosim import upgrade
from rosim.router import Command, Router
from support.rosim import start_simulators

CHANNELS = "stable=6.49.18/7.20.8,long-term=6.49.18/7.16.2,upgrade=7.16.2"


class FakeService:
    """What upgrade.reboot needs of a RouterService: the router, the faults, restart() and emit()."""

    def __init__(self, router, **faults):
        from rosim.server import Faults
        self.router = router
        self.faults = Faults(**faults)
        self.restarts = []
        self.events = []

    def restart(self, down_ms):
        self.restarts.append(down_ms)

    def emit(self, event, **details):
        self.events.append((event, details))


def call(router, word, **attrs):
    result, then = upgrade.run(None, router, Command(word, attrs, [], None), "admin")
    return list(result.rows), then


def build(version, board="hex"):
    router = Router(version=version, board=board, identity="u1")
    upgrade.configure(router, CHANNELS)
    return router


def do(router, word, **attrs):
    rows_, _then = call(router, word, **attrs)
    return rows_


def test_check_download_install_from_649_to_716_keeps_what_still_exists():
    router = build("6.49.7")
    router.run(Command("/interface/vlan/add", {"name": "v10", "vlan-id": "10", "interface": "ether2"}, [], None), None)
    router.run(Command("/ip/address/add", {"address": "10.1.1.1/24", "interface": "v10"}, [], None), None)
    router.run(Command("/ip/firewall/filter/add", {"chain": "input", "action": "drop", "in-interface": "ether1"}, [],
                       None), None)
    router.run(Command("/user/add", {"name": "bob", "group": "read", "password": "s3cret"}, [], None), None)
    router.run(Command("/ip/dns/set", {"servers": "9.9.9.9"}, [], None), None)
    assert do(router, "/system/package/update/print") == [{"channel": "long-term", "installed-version": "6.49.7"}]
    do(router, "/system/package/update/set", channel="upgrade")
    checked = do(router, "/system/package/update/check-for-updates")
    assert checked[0]["status"] == upgrade.ST_FINDING
    assert checked[-1] == {"channel": "upgrade", "installed-version": "6.49.7", "latest-version": "7.16.2",
                           "status": "New version is available"}
    rows_, then = call(router, "/system/package/update/install")
    assert rows_[-1]["status"] == "Downloaded, please reboot router to upgrade it" and then == "reboot"
    listed = [r for r in rosim_files.print_files(router, Command("/file/print", {}, [], None))
              if r["name"] == "routeros-7.16.2-mmips.npk"]
    assert [(r["type"], r["package-name"], r["package-version"], r["package-architecture"]) for r in listed] == [
        ("package", "routeros", "7.16.2", "mmips")]
    service = FakeService(router, reboot_down_ms=50)
    upgrade.reboot(service, then)
    new = service.router
    assert new is not router and new.version_text == "7.16.2" and service.restarts == [50]
    assert [r["name"] for r in new.table("interface").items if r.get("name") == "v10"] == ["v10"]
    assert any(a.get("address") == "10.1.1.1/24" for a in new.table("ip_address").items)
    assert new.single(new.menus["/system/identity"])["name"] == "u1"
    assert new.check_login("admin", password="") and new.check_login("bob", password="s3cret")
    assert [(f["chain"], f["action"], f["in-interface"]) for f in new.table("ip_firewall_filter").items
            if f.get("dynamic") != "true"] == [("input", "drop", "ether1")]
    assert new.single(new.menus["/ip/dns"])["servers"] == "9.9.9.9"
    assert not [f for f in new.rosim_files if f["name"].endswith(".npk")]  # installed packages leave the files
    assert do(new, "/system/package/update/print")[0]["channel"] == "stable"
    assert new.menus.get("/routing/ospf/instance").fields  # the RouterOS 7 tree's menus now


def test_firmware_follows_after_the_second_reboot_and_chr_has_none():
    router = build("7.16.2")
    service = FakeService(router, reboot_down_ms=10)
    do(router, "/system/package/update/set", channel="stable")
    assert do(router, "/system/package/update/check-for-updates")[-1]["latest-version"] == "7.20.8"
    upgrade.reboot(service, call(router, "/system/package/update/install")[1])
    new = service.router
    rb = do_print(new, "/system/routerboard")
    assert (rb["current-firmware"], rb["upgrade-firmware"]) == ("7.16.2", "7.20.8")
    do(new, "/system/routerboard/upgrade")
    assert do_print(new, "/system/routerboard")["current-firmware"] == "7.16.2"  # until the reboot
    upgrade.reboot(service, "reboot")
    assert service.router is new and do_print(new, "/system/routerboard")["current-firmware"] == "7.20.8"
    assert do(new, "/system/package/update/check-for-updates")[-1]["status"] == "System is already up to date"
    chr_router = build("7.16.2", board="chr")
    with pytest.raises(upgrade.Trap):
        do(chr_router, "/system/routerboard/upgrade")


def do_print(router, path):
    return list(router.run(Command(path + "/print", {}, [], None), None).rows)[0]


def test_uploaded_packages_wrong_architecture_downgrade_and_faults():
    router = build("7.16.2")  # hex: mmips
    do(router, "/rosim/put-package", name="routeros", version="7.20.8", architecture="arm")
    service = FakeService(router)
    upgrade.reboot(service, "reboot")
    assert service.router is router and router.version_text == "7.16.2"
    assert any("routeros-7.20.8-arm.npk" in e["message"] and "arm" in e["message"]
               for e in router.table("log").items if "error" in e["topics"])
    assert "routeros-7.20.8-arm.npk" in [f["name"] for f in router.rosim_files]  # not installed, left there
    # the right architecture, but the keep-version fault: the router comes back as it was
    do(router, "/rosim/put-package", name="routeros", version="7.20.8")
    service.faults.keep_version = True
    upgrade.reboot(service, "reboot")
    assert service.router.version_text == "7.16.2"
    service.faults.keep_version = False
    do(router, "/rosim/put-package", name="routeros", version="7.20.8")
    upgrade.reboot(service, "reboot")
    new = service.router
    assert new.version_text == "7.20.8"
    # a plain reboot never installs an older package; downgrade does, and never below factory-software (hex: 6.44.6)
    do(new, "/rosim/put-package", name="routeros", version="7.16.2")
    upgrade.reboot(service, "reboot")
    assert service.router.version_text == "7.20.8"
    do(new, "/rosim/put-package", name="routeros", version="7.16.2")
    upgrade.reboot(service, "downgrade")
    assert service.router.version_text == "7.16.2"
    service.faults.link_down_after_reboot = ["ether2"]
    upgrade.reboot(service, "reboot")
    running = {r["name"]: r["running"] for r in service.router.run(
        Command("/interface/print", {}, [], None), None).rows}
    assert running["ether2"] == "false" and running["ether3"] == "true"
    service.faults.never_return = True
    upgrade.reboot(service, "reboot")
    assert service.restarts[-1] >= 10 ** 8


def test_npk_names_of_other_origin_are_read_by_name():
    assert upgrade.npk_info({"name": "routeros-7.16.2-arm64.npk", "data": b"x"}) == ("routeros", "7.16.2", "arm64")
    assert upgrade.npk_info({"name": "routeros-7.16.2.npk", "data": b"x"}) == ("routeros", "7.16.2", "x86")
    assert upgrade.npk_info({"name": "routeros-mmips-6.49.7.npk", "data": b""}) == ("routeros", "6.49.7", "mmips")
    assert upgrade.npk_info({"name": "wireless-7.16.2-arm.npk", "data": b""}) == ("wireless", "7.16.2", "arm")
    assert upgrade.npk_info({"name": "notes.txt", "data": b""}) is None
    with pytest.raises(ValueError):
        upgrade.parse_channels("nightly=7.99")


# ---------------------------------------------------------------------------------------------------------------
# over the wire: one process, two routers


@pytest.fixture(scope="module")
def sims():
    config = {"routers": [
        {"name": "w1", "routeros-version": "6.49.7", "channel-versions": CHANNELS, "faults": {"reboot-down-ms": 300}},
        {"name": "w2", "routeros-version": "7.16.2", "faults": {"reboot-down-ms": 100, "never-return": True}},
    ]}
    with start_simulators(config) as group:
        yield group


def connect(handle, deadline=10.0):
    end = time.monotonic() + deadline
    while True:
        try:
            r = Raw(handle.host, handle.port, timeout=2.0)
            r.login()
            return r
        except (ConnectionError, OSError, Closed):
            if time.monotonic() > end:
                raise
            time.sleep(0.05)


def test_wire_reboot_into_7_drops_sessions_and_comes_back_later(sims):
    w1 = sims["w1"]
    with connect(w1) as r:
        before = rows(r.call("/system/resource/print"))[0]
        r.call("/system/package/update/set", "=channel=upgrade")
        got = rows(r.call("/system/package/update/check-for-updates"))
        assert got[-1]["latest-version"] == "7.16.2"
        r.send("/system/package/update/install")
        with pytest.raises((Closed, ConnectionError, socket.timeout)):
            for _n in range(10):
                r.read()
    # right after: refused (the router boots)
    with pytest.raises(OSError):
        socket.create_connection((w1.host, w1.port), timeout=1.0).close()
    with connect(w1) as r:
        after = rows(r.call("/system/resource/print"))[0]
        assert after["version"].startswith("7.16.2") and before["version"].startswith("6.49.7")
        assert rows(r.call("/system/package/print"))[0]["name"] == "routeros"
    assert [e["version"] for e in w1.events() if e["event"] == "reboot"] == ["7.16.2"]


def test_wire_never_return_and_a_trap_for_bad_words(sims):
    w2 = sims["w2"]
    with connect(w2) as r:
        assert traps(r.call("/system/package/update/set", "=channel=nightly"))
        assert traps(r.call("/system/reboot", "=when=now"))
        r.send("/system/reboot")
        with pytest.raises((Closed, ConnectionError, socket.timeout)):
            for _n in range(10):
                r.read()
    w2_events = [e for e in w2.events() if e["event"] in ("reboot", "restarted")]
    assert [e["event"] for e in w2_events] == ["reboot"] and w2_events[0]["down_ms"] >= 10 ** 8
    with pytest.raises(OSError):
        socket.create_connection((w2.host, w2.port), timeout=1.0).close()
