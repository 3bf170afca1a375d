# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""tikops.routeros.menu src: an export (.rsc) through ansible-playbook: the router converges to it in one task, a
second run changes nothing, --check --diff writes nothing; the drift job of docs/menu.md (tests/playbooks/examples/
drift/drift.yml) reports out-of-band changes per host and menu."""

import shutil
from pathlib import Path

import pytest

from support.playbook import inventory_for, run_playbook
from support.rosim import Simulator

M = "tikops.routeros.menu"
WRITES = ("add", "set", "remove", "unset", "move")
DRIFT = Path(__file__).resolve().parent / "examples" / "drift"

EXPORT = """# 2026-01-01 12:00:00 by RouterOS 7.16
# model = RB750Gr3
/interface bridge
add name=br-lan
/interface ethernet
set [ find default-name=ether1 ] name=wan
set [ find default-name=ether2 ] name=lan1
/interface list
add name=WAN
add name=LAN
/interface bridge port
add bridge=br-lan interface=lan1
/interface list member
add interface=wan list=WAN
add interface=br-lan list=LAN
/ip pool
add name=lan-pool ranges=192.168.88.10-192.168.88.99
/ip address
add address=192.168.88.1/24 interface=br-lan
/ip dhcp-server
add address-pool=lan-pool interface=br-lan name=dhcp-lan
/ip dhcp-server lease
add address=192.168.88.10 mac-address=AA:BB:CC:00:00:01 server=dhcp-lan
add address=192.168.88.11 client-id=1:aa:bb:cc:0:0:1 mac-address=AA:BB:CC:00:00:01 server=dhcp-lan
/ip dns
set allow-remote-requests=yes servers=9.9.9.9
/ip dns static
add address=192.168.88.1 name=router.lan
/ip firewall filter
add action=accept chain=input connection-state=established,related
add action=drop chain=input in-interface-list=WAN
/ip route
add gateway=192.0.2.1
/ip service
set telnet disabled=yes
/snmp community
set [ find default=yes ] addresses=192.168.88.0/24
/system identity
set name=core1
/system logging
set 0 action=disk
"""


@pytest.fixture
def sim():
    with Simulator(version="7.16", identity="pb-export") as s:
        yield s


def hosts(*sims):
    return dict(("r%d" % (i + 1), {"ansible_host": s.host, "ansible_port": s.port}) for i, s in enumerate(sims))


def writes(sim):
    return [e["words"] for e in sim.events("command") if e["words"][0].rsplit("/", 1)[-1] in WRITES]


def one(result, task, host=None):
    (got,) = result.results(task, host)
    return got


def test_src_export_converges_in_one_task_then_nothing_changes(sim, tmp_path):
    files = tmp_path / "playbook" / "files"
    files.mkdir(parents=True)
    (files / "core1.rsc").write_text(EXPORT)
    task = {M: {"src": "core1.rsc", "state": "overridden"}}
    check = run_playbook(tmp_path, tasks=[dict(task, name="check")], hosts=hosts(sim), args=["--check", "--diff"])
    assert check.rc == 0, check.stdout[-3000:]
    got = one(check, "check")
    assert got["status"] == "ok" and got["result"]["changed"] is True and writes(sim) == []
    paths = [m["path"] for m in got["result"]["menus"]]
    assert paths[:3] == ["/interface/bridge", "/interface/ethernet", "/interface/list"]
    assert got["result"]["diff"]  # --diff shows what the run would do
    result = run_playbook(tmp_path, tasks=[dict(task, name="apply"), dict(task, name="again")], hosts=hosts(sim))
    assert result.rc == 0, result.stdout[-3000:]
    first, second = one(result, "apply"), one(result, "again")
    assert first["status"] == "ok" and first["result"]["changed"] is True
    assert second["result"]["changed"] is False, [m for m in second["result"]["menus"] if m.get("commands")]
    # the result echoes the file, not its text
    assert first["result"]["invocation"]["module_args"]["src"].endswith("core1.rsc")
    menus = dict((m["path"], m) for m in first["result"]["menus"])
    assert menus["/system/identity"]["after"]["name"] == "core1"
    assert any(c.startswith("/interface/ethernet/set") and "name=lan1" in c for c in menus["/interface/ethernet"]["commands"])
    # and in check mode again: nothing to do
    again = run_playbook(tmp_path, tasks=[dict(task, name="check")], hosts=hosts(sim), args=["--check", "--diff"])
    assert one(again, "check")["result"]["changed"] is False


def test_drift_job_reports_out_of_band_changes_per_host_and_menu(tmp_path):
    run_dir = tmp_path / "drift"
    shutil.copytree(DRIFT, run_dir)
    (run_dir / "exports").mkdir()
    with Simulator(version="7.16", identity="d1") as r1, Simulator(version="7.16", identity="d2") as r2:
        for name in ("r1", "r2"):
            (run_dir / "exports" / ("%s.rsc" % name)).write_text(EXPORT)
        inventory = inventory_for({})
        inventory["all"]["children"] = {"routers": {"hosts": hosts(r1, r2)}}
        setup = run_playbook(tmp_path, inventory=inventory, name="setup", tasks=[
            {"name": "as exported", M: {"src": str(run_dir / "exports" / "r1.rsc"), "state": "overridden"}},
            {"name": "out of band", M: {"menus": [
                {"path": "/ip/firewall/filter", "config": [{"chain": "forward", "action": "drop", "comment": "oob"}]},
                {"path": "/ip/dns", "config": {"servers": "8.8.8.8"}},
                {"path": "/ip/pool", "state": "deleted", "config": [{"name": "lan-pool"}]},
            ]}, "when": "inventory_hostname == 'r2'"}])
        assert setup.rc == 0, setup.stdout[-3000:]
        before = (len(writes(r1)), len(writes(r2)))
        result = run_playbook(tmp_path, inventory=inventory, name="drift",
                              playbook=(run_dir / "drift.yml").read_text(), args=["--check", "--diff"])
        assert (len(writes(r1)), len(writes(r2))) == before  # nothing written
    assert result.rc != 0  # r2 drifted: the job fails
    assert one(result, "The router is as its export says", "r1")["status"] == "ok"
    assert one(result, "The router is as its export says", "r2")["status"] == "failed"
    report = one(result, "What differs, per menu", "r2")["result"]["ansible_facts"]["drift_report"]
    assert report["/ip/dns"] == ["/ip/dns/set servers=9.9.9.9"]
    assert [c for c in report["/ip/firewall/filter"] if "/remove" in c]  # added out of band
    assert any(c.startswith("/ip/pool/add") and "name=lan-pool" in c for c in report["/ip/pool"])
    assert one(result, "What differs, per menu", "r1")["result"]["ansible_facts"]["drift_report"] == {}
