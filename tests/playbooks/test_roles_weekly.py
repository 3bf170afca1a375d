# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The weekly-job roles (baseline, backup, onboard) run by ansible-playbook against the simulator: the first run
changes, the second reports changed=0, --check sends no write (counted in the simulator's event log), and a
failure halfway reports what was applied."""


import pytest
from ansible.parsing.utils.yaml import from_yaml

from support.playbook import run_playbook
from support.rosim import Simulator

SECRET = "Vault-Secret-42"
# verbs that change a router; a command event whose word ends with one of them is a write
WRITE_VERBS = {"add", "set", "unset", "remove", "move", "enable", "disable", "comment", "save", "reset"}


def writes(sim, since=0):
    out = []
    for event in sim.events("command")[since:]:
        word = event["words"][0]
        verb = word.rsplit("/", 1)[-1]
        if verb in WRITE_VERBS or (word == "/export" and any(w.startswith("=file=") for w in event["words"])):
            out.append(" ".join(event["words"]))
    return out


def hosts(sim):
    return {"r1": {"ansible_host": sim.host, "ansible_port": sim.port}}


def role_play(role, role_vars, check=False, name=None):
    play = {"name": name or role, "hosts": "all", "gather_facts": False,
            "roles": [{"role": "tikops.routeros." + role, "vars": role_vars}]}
    if check:
        play["check_mode"] = True
    return play


BASELINE = {
    "baseline_identity": "edge1", "baseline_dns_servers": ["9.9.9.9"], "baseline_time_zone": "Europe/Riga",
    "baseline_groups": [{"name": "ops", "policy": ["read", "write", "api", "test"]}],
    "baseline_users": [{"name": "alice", "group": "ops", "password": SECRET, "address": ["127.0.0.0/8"]}],
    "baseline_management_networks": ["127.0.0.0/8"], "baseline_management_interfaces": ["ether2"],
    "baseline_firewall_input": True,
}
# every other section too (the same variables on RouterOS 6 and 7)
BASELINE_ALL = dict(
    BASELINE, baseline_ntp_servers=["192.0.2.123", "time.example.net", "2001:db8::123"],
    baseline_limit_discovery=True, baseline_snmp_enabled=True, baseline_snmp_contact="noc@example.net",
    baseline_snmp_communities=[{"name": "monitoring", "addresses": ["10.99.0.0/24"]}],
    baseline_logging_actions=[{"name": "syslog", "remote": "192.0.2.10", "remote_port": 1514}],
    baseline_logging=[{"topics": ["info"], "action": "syslog"}])


@pytest.mark.parametrize("version", ["7.16", "6.49.10"])
def test_baseline_check_apply_again(tmp_path, version):
    role_vars = BASELINE_ALL
    with Simulator(version=version, identity="bl") as sim:
        result = run_playbook(tmp_path, hosts=hosts(sim), verbosity=3, plays=[
            role_play("baseline", role_vars, check=True, name="check")])
        assert result.rc == 0, result.stdout + result.stderr
        assert writes(sim) == []
        planned = result.results("tikops.routeros.baseline : Base configuration")[0]["result"]
        assert planned["changed"] is True
        result = run_playbook(tmp_path, hosts=hosts(sim), verbosity=3, name="apply", plays=[
            role_play("baseline", role_vars, name="first"), role_play("baseline", role_vars, name="second")])
        assert result.rc == 0, result.stdout + result.stderr
        runs = result.results("tikops.routeros.baseline : Base configuration")
        assert [r["result"]["changed"] for r in runs] == [True, False]
        commands = runs[0]["result"]["commands"]
        assert planned["commands"] == commands  # check mode planned exactly what was then written
        # the rule admitting the management network goes out before any drop, in the same task
        filters = [c for c in commands if c.startswith("/ip/firewall/filter/")]
        assert "management" in filters[1] and all("drop" not in c for c in filters[:2])
        sent = [w for w in writes(sim) if w.startswith("/ip/firewall/filter/add")]
        assert [i for i, w in enumerate(sent) if "=action=drop" in w][0] > [
            i for i, w in enumerate(sent) if "=src-address-list=management" in w][0]
        # the password: written, never printed (even at -vvv), never in the event log
        assert "/user/add name=alice group=ops password=******** address=127.0.0.0/8" in commands
        assert SECRET not in result.stdout + result.stderr
        assert SECRET not in open(sim.events_file, encoding="utf-8").read()
        # each section in the fields of the version
        ntp = [c for c in commands if c.startswith("/system/ntp/client/")]
        if version.startswith("6"):
            assert ntp == ["/system/ntp/client/set enabled=yes primary-ntp=192.0.2.123 secondary-ntp=2001:db8::123 "
                           "server-dns-names=time.example.net"]
        else:
            assert ntp == ["/system/ntp/client/set enabled=yes servers=192.0.2.123,time.example.net,2001:db8::123"]
        for expected in ("/snmp/set enabled=yes contact=noc@example.net",
                         "/snmp/community/add name=monitoring addresses=10.99.0.0/24 read-access=yes write-access=no",
                         "/system/logging/action/add name=syslog target=remote remote=192.0.2.10 remote-port=1514",
                         "/system/logging/add topics=info action=syslog",
                         "/ip/neighbor/discovery-settings/set discover-interface-list=MGMT",
                         "/tool/mac-server/set allowed-interface-list=MGMT",
                         "/tool/mac-server/mac-winbox/set allowed-interface-list=MGMT"):
            assert expected in commands, commands


def test_baseline_refuses_a_third_ntp_address_on_routeros_6(tmp_path):
    role_vars = dict(BASELINE_ALL, baseline_ntp_servers=["192.0.2.1", "192.0.2.2", "pool.ntp.org", "192.0.2.3"])
    with Simulator(version="6.49.10", identity="bl") as sim:
        result = run_playbook(tmp_path, hosts=hosts(sim), plays=[role_play("baseline", role_vars)])
        assert result.rc != 0
        text = " ".join(result.stdout.split())
        assert "has two NTP server address slots (primary-ntp and secondary-ntp)" in text
        assert "lists 3 addresses (192.0.2.1, 192.0.2.2, 192.0.2.3)" in text
        assert writes(sim) == []
    with Simulator(version="7.16", identity="bl") as sim:  # RouterOS 7 takes any number in servers
        result = run_playbook(tmp_path, hosts=hosts(sim), name="v7", plays=[role_play("baseline", role_vars)])
        assert result.rc == 0, result.stdout + result.stderr
        assert any("servers=192.0.2.1,192.0.2.2,pool.ntp.org,192.0.2.3" in w for w in writes(sim))


def test_baseline_failure_halfway_reports_what_was_applied(tmp_path):
    bad = dict(BASELINE, baseline_groups=[],
               baseline_users=[{"name": "bob", "group": "no-such-group", "password": SECRET}])
    with Simulator(version="7.16", identity="bl") as sim:
        result = run_playbook(tmp_path, hosts=hosts(sim), plays=[role_play("baseline", bad)])
        assert result.rc != 0
        task = result.results("tikops.routeros.baseline : Base configuration")[0]
        res = task["result"]
        assert task["status"] == "failed"
        assert any("bob" in str(f) for f in res["failed_commands"])
        # what the router accepted before the refusal, and what was not sent, are both in the result
        assert res["applied"] and res["not_attempted"]
        assert set(res["applied"]) | set(res["not_attempted"]) < set(res["commands"])
        assert SECRET not in result.stdout + result.stderr


def test_baseline_refuses_a_firewall_without_management_networks(tmp_path):
    with Simulator(version="7.16", identity="bl") as sim:
        result = run_playbook(tmp_path, hosts=hosts(sim), plays=[
            role_play("baseline", {"baseline_firewall_input": True})])
        assert result.rc != 0
        assert "baseline_management_networks is empty" in result.stdout
        assert writes(sim) == []


def backup_vars(tmp_path, **kw):
    out = {"backup_dir": str(tmp_path / "backups")}
    out.update(kw)
    return out


@pytest.mark.parametrize("version", ["7.16", "6.49.10"])
def test_backup_check_apply_again_change(tmp_path, version):
    with Simulator(version=version, identity="bk") as sim:
        role_vars = backup_vars(tmp_path, backup_binary=True)
        result = run_playbook(tmp_path, hosts=hosts(sim), name="check", plays=[
            role_play("backup", role_vars, check=True)])
        assert result.rc == 0, result.stdout + result.stderr
        assert writes(sim) == [] and not (tmp_path / "backups").exists()
        change = {"name": "identity", "hosts": "all", "gather_facts": False, "tasks": [
            {"tikops.routeros.command": {"path": "/system/identity", "command": "set",
                                         "attributes": {"name": "bk-renamed"}}}]}
        result = run_playbook(tmp_path, hosts=hosts(sim), name="apply", plays=[
            role_play("backup", role_vars, name="first"), role_play("backup", role_vars, name="second"),
            change, role_play("backup", role_vars, name="third")])
        assert result.rc == 0, result.stdout + result.stderr
        exported = result.results("tikops.routeros.backup : Export the configuration, stored when it changed")
        assert [r["result"].get("changed") for r in exported] == [True, False, True]
        assert [r["result"].get("stored") for r in exported] == [True, False, True]
        # the unchanged run names the export already there; the binary backup is taken only with a new export
        assert exported[1]["result"]["dest"] == exported[0]["result"]["dest"] != exported[2]["result"]["dest"]
        assert [bool(r["result"].get("backup_file")) for r in exported] == [True, False, True]
        assert [r["result"].get("backup_fetched") for r in exported] == ([True, False, True] if version == "7.16"
                                                                         else [False, False, False])
        # one export per run (never a second one for the backup), one backup save per new export
        assert len([w for w in writes(sim) if w.startswith("/export")]) == 3
        assert len([w for w in writes(sim) if w.startswith("/system/backup/save")]) == 2
        assert [result.stats["r1"]["changed"]] == [3]  # two stored exports and the identity change
        files = sorted(p.name for p in (tmp_path / "backups" / "r1").iterdir())
        exports = [f for f in files if f.endswith(".rsc")]
        assert len(exports) == 2
        newest = (tmp_path / "backups" / "r1" / exports[-1]).read_text()
        assert "set name=bk-renamed" in newest and newest.startswith("# ")
        binaries = [f for f in files if f.endswith(".backup")]
        if version == "7.16":  # /file/read from 7.13 on: the binary backups come to the controller
            assert len(binaries) == 2
            # each binary backup is named like the export it goes with
            assert [b[:-len(".backup")] for b in binaries] == [e[:-len(".rsc")] for e in exports]
            assert (tmp_path / "backups" / "r1" / binaries[0]).read_bytes().startswith(b"ROSIM-BACKUP")
        else:
            assert binaries == []
            assert "cannot send a binary file over the API" in " ".join((result.stdout + result.stderr).split())


def test_backup_too_big_for_routeros_6_fails_clearly_and_cleans_up(tmp_path):
    entries = [{"list": "big", "address": "10.%d.%d.0/24" % (i // 250, i % 250)} for i in range(300)]
    with Simulator(version="6.49.10", identity="bk", state={"menus": {"/ip/firewall/address-list": entries}}) as sim:
        result = run_playbook(tmp_path, hosts=hosts(sim), plays=[role_play("backup", backup_vars(tmp_path))])
        assert result.rc != 0
        res = result.results("tikops.routeros.backup : Export the configuration, stored when it changed")[0]["result"]
        assert "up to 4095 bytes" in res["msg"] and "7.13" in res["msg"]
        # the temporary export was removed from the router
        removed = [w for w in writes(sim) if w.startswith("/file/remove")]
        assert len(removed) == 1


def test_onboard_round_trip(tmp_path):
    state = {"menus": {
        "/system/identity": {"name": "branch"},
        "/interface/vlan": [{"name": "vlan10", "vlan-id": 10, "interface": "ether2"}],
        "/ip/address": [{"address": "10.10.10.1/24", "interface": "vlan10", "comment": "by hand"}],
        "/ip/firewall/filter": [{"chain": "input", "action": "accept", "protocol": "icmp"},
                                {"chain": "input", "action": "drop", "in-interface": "ether1"}]}}
    with Simulator(version="7.16", identity="ob", state=state) as sim:
        hv = tmp_path / "host_vars"
        role_vars = {"onboard_dir": str(hv)}
        result = run_playbook(tmp_path, hosts=hosts(sim), name="check", plays=[role_play("onboard", role_vars, check=True)])
        assert result.rc == 0, result.stdout + result.stderr
        assert not (hv / "r1.yml").exists()
        apply_back = {"name": "apply back", "hosts": "all", "gather_facts": False, "vars_files": [str(hv / "r1.yml")],
                      "tasks": [{"name": "apply", "tikops.routeros.menu": {"menus": "{{ routeros_menus }}"}}]}
        result = run_playbook(tmp_path, hosts=hosts(sim), name="apply", plays=[
            role_play("onboard", role_vars, name="first"), role_play("onboard", role_vars, name="second"), apply_back])
        assert result.rc == 0, result.stdout + result.stderr
        written = [r["result"]["changed"] for r in result.results("tikops.routeros.onboard : Write the host variables")]
        assert written == [True, False]
        assert result.results("apply")[0]["result"]["changed"] is False, result.results("apply")[0]["result"].get("commands")
        assert writes(sim) == []
        data = from_yaml((hv / "r1.yml").read_text())  # the file tags router text !unsafe
        menus = {m["path"]: m["config"] for m in data["routeros_menus"]}
        assert menus["/system/identity"] == {"name": "branch"}
        assert [e["name"] for e in menus["/interface/vlan"]] == ["vlan10"]
        assert len(menus["/ip/firewall/filter"]) == 2
        assert all(not e.get("dynamic") for e in menus.get("/ip/address", []))


@pytest.mark.parametrize("role", ["backup", "onboard"])
def test_a_host_name_never_leads_outside_the_directory(tmp_path, role):
    with Simulator(version="7.16", identity="bk") as sim:
        base = tmp_path / "store" / "inside"
        base.mkdir(parents=True)
        role_vars = backup_vars(tmp_path) if role == "backup" else {"onboard_dir": str(base)}
        if role == "backup":
            role_vars["backup_dir"] = str(base)
        hosts = {"../../x": {"ansible_host": sim.host, "ansible_port": sim.port},
                 "r1": {"ansible_host": sim.host, "ansible_port": sim.port}}
        result = run_playbook(tmp_path, hosts=hosts, plays=[role_play(role, role_vars)])
    assert result.rc != 0
    failed = [t for t in result.tasks if t["status"] == "failed"]
    assert [t["host"] for t in failed] == ["../../x"]
    assert "cannot name a file under %s_dir" % role in failed[0]["result"]["msg"]
    outside = [str(p) for p in tmp_path.rglob("*") if p.is_file() and not str(p).startswith(str(base))
               and ("x" == p.name or p.parent.name == "x" or p.name == "x.yml")]
    assert outside == []
    assert any(p.is_file() for p in base.rglob("*"))  # the other host was stored
