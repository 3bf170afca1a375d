# -*- coding: utf-8 -*-
"""ansible-playbook runs of tikops.routeros.facts: gather_facts through the inventory, the module as a task,
check mode, bad input and a router that is down."""


import pytest

from support.ports import refused_port
from support.playbook import inventory_for, run_playbook
from support.rosim import start_simulators

FACTS_VARS = {"ansible_facts_modules": ["tikops.routeros.facts"]}


@pytest.fixture(scope="module")
def group():
    with start_simulators({"routers": [
        {"name": "old6", "routeros-version": "6.40", "identity": "old6"},
        {"name": "new7", "routeros-version": "7.19", "identity": "new7", "api-ssl": "127.0.0.1:0"},
    ]}) as sims:
        yield sims


def hosts_of(group):
    old6, new7 = group["old6"], group["new7"]
    return {
        "old6": {"ansible_host": old6.host, "ansible_port": old6.port},
        "new7": {"ansible_host": new7.host, "ansible_port": new7.ssl_port, "ansible_routeros_tls": True,
                 "ansible_routeros_ca_path": new7.ca_file},
    }


def test_gather_facts_through_the_inventory(group, tmp_path):
    logins_before = len(group.events("login"))
    result = run_playbook(
        tmp_path, inventory=inventory_for(hosts_of(group), group_vars=FACTS_VARS), gather_facts=True,
        play_extra={"module_defaults": {"tikops.routeros.facts": {"gather_subset": ["all"],
                                                                  "gather_network_resources": ["interfaces"]}}},
        tasks=[
            {"name": "check", "ansible.builtin.assert": {"that": [
                "ansible_net_hostname == inventory_hostname",
                "ansible_net_interfaces | length > 0",
                "ansible_net_all_ipv4_addresses | length > 0",
                "ansible_net_memtotal_mb > 0",
                "'main' in ansible_net_route",
                "ansible_net_gather_subset == ['default', 'hardware', 'interfaces', 'routing']",
                # the resource code is bundled with the module (AnsiballZ) and gives the module's shapes
                "(ansible_network_resources.interfaces | selectattr('name', 'eq', 'ether1') | first).type"
                " == 'ethernet'",
            ]}},
            {"name": "facts task", "tikops.routeros.facts": {"gather_subset": ["interfaces"]}},
        ])
    assert result.rc == 0, result.stdout + result.stderr
    gathered = dict((t["host"], t["result"]["ansible_facts"]) for t in result.results("Gathering Facts"))
    assert gathered["old6"]["ansible_net_version"].startswith("6.40")
    assert gathered["new7"]["ansible_net_version"].startswith("7.19")
    assert "ansible_net_bgp_peer" in gathered["old6"] and "ansible_net_bgp_connection" in gathered["new7"]
    assert [t["status"] for t in result.results("check")] == ["ok", "ok"]
    # gather_facts and the later task share the kept session: one login per router
    logins = group.events("login")[logins_before:]
    assert sorted(e["router"] for e in logins if e.get("success")) == ["new7", "old6"]


def test_plain_gather_facts_gives_inventory_facts_in_one_pipeline(group, tmp_path):
    """Nothing but the three inventory lines and `gather_facts: true`: interfaces, addresses, neighbors, no routing."""
    before = dict((name, len(group[name].events("command"))) for name in ("old6", "new7"))
    result = run_playbook(
        tmp_path, inventory=inventory_for(hosts_of(group), group_vars=FACTS_VARS), gather_facts=True,
        tasks=[{"name": "check", "ansible.builtin.assert": {"that": [
            "ansible_net_hostname == inventory_hostname",
            "ansible_net_version is defined and ansible_net_model is defined",
            "ansible_net_interfaces.ether1.type == 'ether'",
            "ansible_net_all_ipv4_addresses | length > 0",
            "ansible_net_interfaces.values() | selectattr('ipv4', 'defined') | map(attribute='ipv4') | flatten"
            " | map(attribute='address') | list | length > 0",
            "ansible_net_neighbors is defined",
            "ansible_net_memtotal_mb > 0",
            "ansible_net_route is not defined and ansible_net_bgp_instance is not defined",
            "ansible_net_gather_subset == ['default', 'hardware', 'interfaces']",
        ]}}])
    assert result.rc == 0, result.stdout + result.stderr
    assert [t["status"] for t in result.results("check")] == ["ok", "ok"]
    assert "WARNING" not in result.stdout + result.stderr
    for name in ("old6", "new7"):
        # a '/quit' is another test's broker ending its idle session to the same router (those brokers live on for
        # their idle timeout): not a read of this run
        words = [e["words"][0] for e in group[name].events("command")[before[name]:]
                 if not e["words"][0].startswith("/login") and e["words"][0] != "/quit"]
        # the reads of one facts run, each menu printed once; no routing menu
        assert sorted(words) == sorted(set(words)) and "/ip/route/print" not in words, words
        assert {"/interface/print", "/ip/address/print", "/ip/neighbor/print", "/system/identity/print"} <= set(words)


def test_gather_facts_narrowed_with_module_defaults(group, tmp_path):
    result = run_playbook(
        tmp_path, inventory=inventory_for(hosts_of(group), group_vars=FACTS_VARS), gather_facts=True,
        play_extra={"module_defaults": {"tikops.routeros.facts": {"gather_subset": ["min"]}}},
        tasks=[{"name": "check", "ansible.builtin.assert": {"that": [
            "ansible_net_hostname == inventory_hostname",
            "ansible_net_interfaces is not defined and ansible_net_memtotal_mb is not defined",
            "ansible_net_gather_subset == ['default']",
        ]}}, {"name": "routing on request", "tikops.routeros.facts": {"gather_subset": ["all"]}},
            {"name": "check routing", "ansible.builtin.assert": {"that": ["'main' in ansible_net_route"]}}])
    assert result.rc == 0, result.stdout + result.stderr
    assert [t["status"] for t in result.results("check")] == ["ok", "ok"]
    assert [t["status"] for t in result.results("check routing")] == ["ok", "ok"]


def test_gather_facts_without_persistence_needs_module_defaults(group, tmp_path):
    old6 = group["old6"]
    hosts = {"old6": {"ansible_host": old6.host, "ansible_port": old6.port}}
    group_vars = dict(FACTS_VARS, ansible_routeros_persistent=False)
    result = run_playbook(tmp_path, inventory=inventory_for(hosts, group_vars=group_vars), gather_facts=True,
                          name="bare", tasks=[{"ansible.builtin.debug": {"msg": "unreached"}}])
    assert result.rc != 0
    (gathered,) = result.results("Gathering Facts")
    assert gathered["status"] == "failed"
    assert "hostname is required" in gathered["result"]["failed_modules"]["tikops.routeros.facts"]["msg"]
    defaults = {"tikops.routeros.facts": {"hostname": "{{ ansible_host }}", "port": "{{ ansible_port }}",
                                          "username": "admin", "password": ""}}
    result = run_playbook(tmp_path, inventory=inventory_for(hosts, group_vars=group_vars), gather_facts=True,
                          name="defaults", play_extra={"module_defaults": defaults},
                          tasks=[{"name": "check", "ansible.builtin.assert": {"that": [
                              "ansible_net_hostname == 'old6'"]}}])
    assert result.rc == 0, result.stdout + result.stderr


def test_gather_facts_needs_ansible_facts_modules(group, tmp_path):
    result = run_playbook(tmp_path, hosts=hosts_of(group), gather_facts=True,
                          tasks=[{"ansible.builtin.debug": {"msg": "unreached"}}])
    assert result.rc != 0
    assert "No fact modules available" in result.stdout


def test_facts_task_with_resources_in_check_mode(group, tmp_path):
    result = run_playbook(
        tmp_path, hosts=hosts_of(group), args=["--check"],
        tasks=[{"name": "facts", "tikops.routeros.facts": {
            "gather_subset": ["!routing", "!hardware"], "gather_network_resources": ["all"],
            "available_network_resources": True}},
            {"name": "use", "ansible.builtin.assert": {"that": [
                "ansible_network_resources.interfaces | map(attribute='name') | list | length > 0",
                "ansible_net_available_network_resources == ['interfaces', 'ip_addresses']",
            ]}}])
    assert result.rc == 0, result.stdout + result.stderr
    for task in result.results("facts"):
        facts = task["result"]["ansible_facts"]
        assert task["status"] == "ok" and task["result"]["changed"] is False
        assert facts["ansible_net_gather_subset"] == ["default", "interfaces"]
        assert "ansible_net_memtotal_mb" not in facts and "ansible_net_route" not in facts
        assert facts["ansible_net_gather_network_resources"] == ["interfaces", "ip_addresses"]
        assert any(e["name"] == "ether1" for e in facts["ansible_network_resources"]["interfaces"])


def test_network_resources_feed_back_into_the_resource_modules(group, tmp_path):
    result = run_playbook(tmp_path, hosts=hosts_of(group), tasks=[
        {"name": "setup", "tikops.routeros.interfaces": {"config": [
            {"name": "fb-bridge", "type": "bridge", "protocol_mode": "none"},
            {"name": "fb-vlan", "type": "vlan", "vlan_id": 42, "interface": "fb-bridge", "loop_protect": "off",
             "comment": "fed back"}]}},
        {"name": "setup addresses", "tikops.routeros.ip_addresses": {"config": [
            {"address": "2001:db8:42::1/64", "interface": "fb-vlan", "no_dad": True, "advertise": False},
            {"address": "198.51.100.42/24", "interface": "fb-vlan"}]}},
        {"name": "facts", "tikops.routeros.facts": {"gather_network_resources": ["all"]}},
        {"name": "gathered", "tikops.routeros.interfaces": {"state": "gathered"}, "register": "by_module"},
        {"name": "same", "ansible.builtin.assert": {"that": [
            "ansible_network_resources.interfaces == by_module.gathered"]}},
        {"name": "interfaces back", "tikops.routeros.interfaces": {
            "state": "merged", "config": "{{ ansible_network_resources.interfaces }}"}},
        {"name": "addresses back", "tikops.routeros.ip_addresses": {
            "state": "merged", "config": "{{ ansible_network_resources.ip_addresses }}"}},
    ])
    assert result.rc == 0, result.stdout + result.stderr
    for host in ("old6", "new7"):
        (facts,) = result.results("facts", host)
        interfaces = facts["result"]["ansible_facts"]["ansible_network_resources"]["interfaces"]
        ether1 = [e for e in interfaces if e["name"] == "ether1"][0]
        assert ether1["type"] == "ethernet" and ether1["default_name"] == "ether1" and "mac_address" in ether1
        for name in ("interfaces back", "addresses back"):
            (task,) = result.results(name, host)
            assert task["status"] == "ok" and task["result"]["changed"] is False, task
            assert task["result"]["commands"] == []


def test_unknown_subset_fails_clearly(group, tmp_path):
    result = run_playbook(tmp_path, hosts={"new7": hosts_of(group)["new7"]},
                          tasks=[{"name": "facts", "tikops.routeros.facts": {"gather_subset": ["hardwear"]}}])
    assert result.rc != 0
    task = result.results("facts")[0]
    assert task["status"] == "failed"
    assert "hardwear" in task["result"]["msg"] and "hardware" in task["result"]["msg"]


def test_router_down(tmp_path):
    with refused_port() as port:
        hosts = {"down": {"ansible_host": "127.0.0.1", "ansible_port": port, "ansible_routeros_timeout": 3}}
        result = run_playbook(tmp_path, hosts=hosts, name="task",
                              tasks=[{"name": "facts", "tikops.routeros.facts": {}}])
    assert result.rc != 0
    task = result.results("facts")[0]
    assert task["status"] == "unreachable"
    assert "127.0.0.1:%d" % port in task["result"]["msg"]
    result = run_playbook(tmp_path, inventory=inventory_for(hosts, group_vars=FACTS_VARS), gather_facts=True,
                          name="gather", tasks=[{"ansible.builtin.debug": {"msg": "unreached"}}])
    assert result.rc != 0
    gathered = result.results("Gathering Facts")[0]
    assert gathered["status"] in ("failed", "unreachable")
    assert "127.0.0.1:%d" % port in str(gathered["result"])


BLIND_GROUP_STATE = {"menus": {"/user/group": [
    {"name": "read", "policy": "local,read,api"},
    {"name": "write", "policy": "local,read,write,api"},
    {"name": "full", "policy": "local,read,write,policy,api"},
    # may log in, may not read: every print is refused with "not enough permissions (9)"
    {"name": "blind", "policy": "local,telnet,ssh,test,winbox,web"}]}}


def test_router_refusing_reads_gives_warnings_not_a_failure(tmp_path):
    routers = [{"name": "refusing", "routeros-version": "7.16", "state": BLIND_GROUP_STATE,
                "users": [{"name": "admin", "group": "full", "password": ""},
                          {"name": "blind", "group": "blind", "password": "b"}]}]
    with start_simulators({"routers": routers}) as sims:
        router = sims["refusing"]
        hosts = {"refusing": {"ansible_host": router.host, "ansible_port": router.port, "ansible_user": "blind",
                              "ansible_password": "b"}}
        result = run_playbook(tmp_path, hosts=hosts, tasks=[
            {"name": "facts", "tikops.routeros.facts": {"gather_subset": ["interfaces"],
                                                        "gather_network_resources": ["ip_addresses"]}},
            {"name": "after", "ansible.builtin.assert": {"that": [
                "ansible_net_system == 'routeros'", "ansible_net_hostname is none",
                "ansible_network_resources.ip_addresses == []"]}},
        ])
    assert result.rc == 0, result.stdout + result.stderr
    (task,) = result.results("facts")
    assert task["status"] == "ok" and task["result"]["changed"] is False
    warnings = task["result"]["warnings"]
    assert "could not read /system/identity: not enough permissions (9)" in warnings
    assert "could not read /ip/address: not enough permissions (9)" in warnings
    # /ip/address is printed once for the interfaces subset and the resource: one warning for it
    assert len(warnings) == len(set(warnings))
    assert "could not read /interface: not enough permissions (9)" in result.stdout + result.stderr
    facts = task["result"]["ansible_facts"]
    assert facts["ansible_net_system"] == "routeros"
    assert facts["ansible_net_gather_subset"] == ["default", "interfaces"]
    assert facts["ansible_net_interfaces"] == {} and facts["ansible_net_all_ipv4_addresses"] == []
    assert facts["ansible_network_resources"] == {"ip_addresses": []}
    assert [t["status"] for t in result.results("after")] == ["ok"]
