# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Text from a router is data, never a template: a router whose identity, comments, names and script sources
hold Jinja that would run a command on the controller is taken under management with the onboard role and its
host_vars applied back (in check mode and for real); nothing runs, and every text arrives as the router had it."""

from ansible.parsing.utils.yaml import from_yaml

from support.playbook import run_playbook
from support.rosim import Simulator


def hostile(tmp_path, tag):
    """A template that creates a file on the controller if anything ever renders it."""
    return "{{ lookup('pipe', 'touch %s') }}" % (tmp_path / ("pwned-" + tag))


def test_onboard_host_vars_are_never_templated(tmp_path):
    identity = hostile(tmp_path, "identity")
    comment = hostile(tmp_path, "comment") + " {% for x in [1] %}loop{% endfor %} {# note #}"
    source = ':log info "%s"\n:put [/system identity get name]' % hostile(tmp_path, "script")
    vlan = "v{{ lookup('pipe', 'touch %s') }}" % (tmp_path / "pwned-name")
    state = {"menus": {
        "/system/identity": {"name": identity},
        "/interface/vlan": [{"name": vlan, "vlan-id": 10, "interface": "ether2", "comment": "yes"}],
        "/ip/address": [{"address": "10.10.10.1/24", "interface": vlan, "comment": comment}],
        "/system/script": [{"name": "s{% raw %}1", "source": source, "comment": ""}]}}
    with Simulator(version="7.16", identity="ob", state=state) as sim:
        hv = tmp_path / "host_vars"
        hosts = {"r1": {"ansible_host": sim.host, "ansible_port": sim.port}}
        onboard = {"name": "onboard", "hosts": "all", "gather_facts": False,
                   "roles": [{"role": "tikops.routeros.onboard", "vars": {"onboard_dir": str(hv)}}]}
        apply_back = {"name": "apply back", "hosts": "all", "gather_facts": False, "vars_files": [str(hv / "r1.yml")],
                      "tasks": [{"name": "apply", "tikops.routeros.menu": {"menus": "{{ routeros_menus }}"}},
                                {"name": "identity", "ansible.builtin.debug": {
                                    "msg": "{{ (routeros_menus | selectattr('path', 'eq', '/system/identity')"
                                           " | first).config.name }}"}}]}
        result = run_playbook(tmp_path, hosts=hosts, name="onboard", plays=[onboard])
        assert result.rc == 0, result.stdout + result.stderr

        text = (hv / "r1.yml").read_text()
        data = from_yaml(text)
        menus = {m["path"]: m["config"] for m in data["routeros_menus"]}
        assert menus["/system/identity"]["name"] == identity
        assert [(e["name"], e["comment"]) for e in menus["/interface/vlan"]] == [(vlan, "yes")]
        assert [e["comment"] for e in menus["/ip/address"]] == [comment]
        assert [(e["name"], e["source"]) for e in menus["/system/script"]] == [("s{% raw %}1", source)]

        for check in (True, False):
            play = dict(apply_back, check_mode=check)
            result = run_playbook(tmp_path, hosts=hosts, name="apply-%s" % check, plays=[play])
            assert result.rc == 0, result.stdout + result.stderr
            assert result.results("apply")[0]["result"]["changed"] is False, result.results("apply")[0]["result"]
            assert result.results("identity")[0]["result"]["msg"] == identity
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("pwned")) == []
        saved = sim.save_state()["menus"]
        assert saved["/system/identity"]["name"] == identity
        assert [e["source"] for e in saved["/system/script"]] == [source]


def test_facts_with_hostile_identity_are_never_templated(tmp_path):
    identity = hostile(tmp_path, "facts")
    with Simulator(version="7.16", identity=identity) as sim:
        hosts = {"r1": {"ansible_host": sim.host, "ansible_port": sim.port}}
        tasks = [{"name": "facts", "tikops.routeros.facts": {}},
                 {"name": "show", "ansible.builtin.debug": {"msg": "{{ ansible_facts.net_hostname }}"}},
                 {"name": "registered", "tikops.routeros.command": {"path": "/system/identity"}, "register": "idn"},
                 {"name": "show registered", "ansible.builtin.debug": {"msg": "{{ idn.rows[0].name }}"}}]
        result = run_playbook(tmp_path, hosts=hosts, tasks=tasks)
        assert result.rc == 0, result.stdout + result.stderr
        assert result.results("show")[0]["result"]["msg"] == identity
        assert result.results("show registered")[0]["result"]["msg"] == identity
        assert not (tmp_path / "pwned-facts").exists()


def test_free_text_that_looks_like_secrets_round_trips_byte_for_byte(tmp_path):
    """A script source or a comment that holds ``password=``, ``passphrase=""`` or ``key=`` is text, not a secret
    field: gathered from one router and applied to another with merged, the second router's saved state holds
    exactly the first one's text."""
    from support.rosim import start_simulators

    source = (':local password "s3cr3t"\n/ppp secret add name=u password=$password passphrase=""\n'
              '/interface wireguard add name=wg9 private-key="k=v" key=abc psk=1,2 secret=x')
    comment = 'uplink psk=abc, key=k1 password="p w" passphrase=""'
    state = {"menus": {"/system/script": [{"name": "keys", "source": source, "comment": comment}],
                       "/ip/firewall/address-list": [{"list": "l", "address": "192.0.2.9", "comment": comment}]}}
    routers = [{"name": "from", "routeros-version": "7.16", "state": state},
               {"name": "to", "routeros-version": "7.16", "state": str(tmp_path / "to.yml")}]
    menus = [{"path": "/system/script", "where": {"name": "keys"}}, {"path": "/ip/firewall/address-list",
                                                                     "where": {"list": "l"}}]
    with start_simulators({"routers": routers}) as group:
        hosts = dict((n, {"ansible_host": group[n].host, "ansible_port": group[n].port}) for n in ("from", "to"))
        apply = [{"path": m["path"], "state": "merged", "config": "{{ hostvars['from'].got.menus[%d].gathered }}" % i}
                 for i, m in enumerate(menus)]
        plays = [{"name": "gather", "hosts": "from", "gather_facts": False, "tasks": [
            {"name": "gathered", "register": "got",
             "tikops.routeros.menu": {"menus": [dict(m, state="gathered") for m in menus]}}]},
            {"name": "apply", "hosts": "to", "gather_facts": False, "tasks": [
                {"name": "merged", "tikops.routeros.menu": {"menus": apply}},
                {"name": "again", "tikops.routeros.menu": {"menus": apply}}]}]
        result = run_playbook(tmp_path, hosts=hosts, name="round-trip", plays=plays)
        assert result.rc == 0, result.stdout + result.stderr
        saved = group.save_states()["to"]["menus"]
    got = result.results("gathered")[0]["result"]["menus"]
    assert got[0]["gathered"][0]["source"] == source and got[0]["gathered"][0]["comment"] == comment
    assert [(s["source"], s.get("comment")) for s in saved["/system/script"] if s["name"] == "keys"] == [(source, comment)]
    assert [e.get("comment") for e in saved["/ip/firewall/address-list"] if e["list"] == "l"] == [comment]
    assert result.results("merged")[0]["result"]["changed"] is True
    assert result.results("again")[0]["result"]["changed"] is False
