# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""tikops.routeros.upgrade and the tikops.routeros.upgrade role, run by ansible-playbook against simulated routers
whose reboots take a fraction of a second: 6.49 -> 7.16 -> 7.20 with the firmware, the faults (a router that never
returns, one that comes back on its old version), a package for another architecture, check mode, and a rollout of
twenty routers in batches of five that stops at the batch where one comes back unhealthy."""

from support.playbook import inventory_for, run_playbook
from support.rosim import start_simulators

CHANNELS = "stable=6.49.18/7.20.8,long-term=6.49.18/7.16.2,upgrade=7.16.2"
FAST = {"poll_interval": 0.05, "reboot_timeout": 20}


def reboots(router):
    return [e for e in router.events() if e["event"] == "reboot"]


def one(result, task, host):
    got = result.results(task, host)
    assert len(got) == 1, (task, host, result.stdout[-3000:])
    return got[0]


def test_upgrade_paths_faults_architecture_and_check_mode(tmp_path):
    routers = [
        {"name": "up", "routeros-version": "6.49.7", "faults": {"reboot-down-ms": 150}},
        {"name": "lost", "routeros-version": "7.16.2", "faults": {"reboot-down-ms": 100, "never-return": True}},
        {"name": "old", "routeros-version": "7.16.2", "faults": {"reboot-down-ms": 100, "keep-version": True}},
        {"name": "arch", "routeros-version": "7.16.2", "faults": {"reboot-down-ms": 100}},
        {"name": "check", "routeros-version": "7.16.2", "faults": {"reboot-down-ms": 100}},
    ]
    for r in routers:
        r["channel-versions"] = CHANNELS
    with start_simulators({"routers": routers}) as group:
        hosts = dict((n, {"ansible_host": r.host, "ansible_port": r.port}) for n, r in group.routers.items())
        hosts["up"]["up_channel"] = "upgrade"
        hosts["lost"]["up_timeout"] = 1.5
        hosts["arch"]["up_packages"] = ["routeros-7.20.8-arm.npk"]
        tasks = [
            {"name": "package for another architecture", "when": "inventory_hostname == 'arch'",
             "tikops.routeros.command": {"path": "/rosim", "command": "put-package",
                                         "attributes": {"name": "routeros", "version": "7.20.8",
                                                        "architecture": "arm"}}},
            {"name": "configuration to keep", "when": "inventory_hostname == 'up'",
             "tikops.routeros.menu": {"menus": [
                 {"path": "/interface/vlan", "config": [{"name": "v10", "vlan-id": 10, "interface": "ether2"}]},
                 {"path": "/ip/address", "config": [{"address": "10.10.10.1/24", "interface": "v10"}]}]}},
            {"name": "check mode", "when": "inventory_hostname == 'check'", "check_mode": True,
             "tikops.routeros.upgrade": dict(FAST, channel="stable")},
            {"name": "upgrade", "when": "inventory_hostname != 'check'",
             "tikops.routeros.upgrade": dict(FAST, channel="{{ up_channel | default('stable') if up_packages is "
                                                           "not defined else omit }}",
                                             packages="{{ up_packages | default(omit) }}",
                                             reboot_timeout="{{ up_timeout | default(20) }}")},
            {"name": "upgrade again", "tikops.routeros.upgrade": dict(FAST, channel="stable")},
            {"name": "older package", "when": "inventory_hostname == 'check'",
             "tikops.routeros.command": {"path": "/rosim", "command": "put-package",
                                         "attributes": {"name": "routeros", "version": "7.16.2"}}},
            {"name": "downgrade", "when": "inventory_hostname == 'check'",
             "tikops.routeros.upgrade": dict(FAST, downgrade=True, version="7.16.2", firmware=False)},
            {"name": "read back", "tikops.routeros.command": {"path": "/ip/address", "query": {"interface": "v10"}}},
            {"name": "firmware", "tikops.routeros.command": {"path": "/system/routerboard"}},
        ]
        result = run_playbook(tmp_path, hosts=hosts, tasks=tasks)
        events = dict((n, reboots(r)) for n, r in group.routers.items())

    # 6.49.7 -> 7.16.2 (channel upgrade), firmware, then 7.16.2 -> 7.20.8 (stable), firmware: four reboots
    first = one(result, "upgrade", "up")["result"]
    assert first["installed_version"] == "6.49.7" and first["version"] == "7.16.2" and first["reboots"] == 2
    assert first["firmware"] == {"current": "7.16.2", "upgrade": "7.16.2", "upgraded": True}
    assert first["health"]["regressions"] == {} and "v10" in first["health"]["after"]["interfaces"]
    second = one(result, "upgrade again", "up")["result"]
    assert (second["installed_version"], second["version"], second["latest_version"]) == ("7.16.2", "7.20.8", "7.20.8")
    assert second["actions"][:2] == ["download 7.20.8", "install 7.20.8 from channel stable"] and second["reboots"] == 2
    assert [r["address"] for r in one(result, "read back", "up")["result"]["rows"]] == ["10.10.10.1/24"]
    fw = one(result, "firmware", "up")["result"]["rows"][0]
    assert fw["current-firmware"] == fw["upgrade-firmware"] == "7.20.8"
    assert [e["version"] for e in events["up"]] == ["7.16.2", "7.16.2", "7.20.8", "7.20.8"]

    # never returns: a clear failure within the deadline
    lost = one(result, "upgrade", "lost")
    assert lost["status"] == "failed" and "did not come back within reboot_timeout (1.5s)" in lost["result"]["msg"]
    assert lost["result"]["elapsed"] < 20

    # comes back on the old version: the failure says so, with what the router logged
    old = one(result, "upgrade", "old")["result"]
    assert one(result, "upgrade", "old")["status"] == "failed" and "came back on RouterOS 7.16.2, not 7.20.8" in old["msg"]
    assert "upgrade to 7.20.8 failed" in old["msg"]

    # a package for another architecture: refused before anything changed
    arch = one(result, "upgrade", "arch")["result"]
    assert one(result, "upgrade", "arch")["status"] == "failed" and arch["reboots"] == 0 and arch["version"] == "7.16.2"
    assert "routeros-7.20.8-arm.npk is built for arm" in arch["msg"] and "is mmips" in arch["msg"]
    assert events["arch"] == [] and not result.results("upgrade again", "arch")

    # check mode: what would be done, nothing done
    check = one(result, "check mode", "check")["result"]
    assert check["changed"] and check["would"] == ["install 7.20.8 from channel stable", "firmware upgrade and reboot"]
    assert check["version"] == "7.16.2" and check["reboots"] == 0 and "check mode: would" in check["msg"]
    assert one(result, "upgrade again", "check")["result"]["version"] == "7.20.8"  # the real run afterwards
    down = one(result, "downgrade", "check")["result"]
    assert (down["installed_version"], down["version"], down["actions"]) == ("7.20.8", "7.16.2", ["downgrade to 7.16.2"])
    assert [e["mode"] for e in events["check"]] == ["reboot", "reboot", "downgrade"]


def test_rollout_in_batches_stops_at_the_batch_with_an_unhealthy_router(tmp_path):
    routers = []
    for n in range(20):
        faults = {"reboot-down-ms": 100}
        if n == 7:
            faults["link-down-after-reboot"] = "ether2"  # comes back without link on ether2
        routers.append({"name": "r%02d" % n, "routeros-version": "7.16.2", "board": "chr", "faults": faults,
                        "channel-versions": "stable=7.20.8"})
    with start_simulators({"routers": routers}) as group:
        hosts = dict((n, {"ansible_host": r.host, "ansible_port": r.port}) for n, r in group.routers.items())
        plays = [{"name": "rollout", "hosts": "all", "gather_facts": False, "serial": 5, "max_fail_percentage": 0,
                  "roles": [{"role": "tikops.routeros.upgrade",
                             "vars": {"upgrade_channel": "stable", "upgrade_poll_interval": 0.05,
                                      "upgrade_health_timeout": 0.3,
                                      "upgrade_reboot_timeout": 20}}]}]
        result = run_playbook(tmp_path, plays=plays, inventory=inventory_for(hosts), forks=5)
        rebooted = sorted(n for n, r in group.routers.items() if reboots(r))
        backups = sorted(n for n, r in group.routers.items()
                         if any("before-upgrade" in str(e.get("words")) for e in r.events("command")))

    assert result.rc != 0
    assert rebooted == ["r%02d" % n for n in range(10)]  # batches 1 and 2; batches 3 and 4 untouched
    assert backups == rebooted
    task = "tikops.routeros.upgrade : Upgrade with health checks"
    bad = one(result, task, "r07")["result"]
    assert one(result, task, "r07")["status"] == "failed" and bad["version"] == "7.20.8"
    assert bad["health"]["regressions"] == {"interfaces": "lost: ether2"}
    assert "health regressed after the upgrade: interfaces lost: ether2" in bad["msg"]
    ok = [t for t in result.results(task) if t["status"] == "ok" and t["result"]["changed"]]
    assert sorted(t["host"] for t in ok) == ["r%02d" % n for n in range(10) if n != 7]
    assert all(t["result"]["version"] == "7.20.8" and t["result"]["reboots"] == 1 for t in ok)
    assert not [t for t in result.tasks if t["host"] >= "r10"]
