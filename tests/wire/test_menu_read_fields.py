# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""tikops.routeros.menu reads only the fields planning needs (``.proplist``) and plans exactly as it would from a
whole read; where the data does not describe the router's release, the menu is read again whole."""

import copy
import os
import shutil
import tempfile

import pytest

from support.client import CLIENT_PASSWORD, sim_params
from support.ctx import Ctx
from support.rosim import Simulator

from ansible_collections.tikops.routeros.plugins.module_utils.api import persist
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError
from ansible_collections.tikops.routeros.plugins.module_utils.menu import planner
from ansible_collections.tikops.routeros.plugins.modules import menu

RULES = [{"chain": "input", "action": "accept", "connection-state": "established,related"},
         {"chain": "input", "action": "drop", "in-interface": "ether1", "comment": "wan"},
         {"chain": "forward", "action": "accept", "protocol": "tcp", "dst-port": "443"}]

# (params of one task, run in check mode): menus of every kind, states that reset and remove, read-only fields
# in where, per-entry reset values (/ip/service port), router-named entries (default-name)
TASKS = [
    dict(path="/ip/firewall/address-list", where={"list": "keep"}, state="overridden",
         config=[{"address": "10.0.0.1"}, {"address": "10.0.0.9", "comment": "new"}]),
    dict(path="/ip/firewall/filter", state="replaced",
         config=[dict(RULES[1], comment="wan drop"), RULES[0]]),
    dict(path="/ip/firewall/filter", state="overridden", config=[RULES[2], RULES[0]]),
    dict(path="/ip/firewall/filter", state="gathered"),
    dict(path="/ip/service", state="replaced", config=[{"name": "www", "port": "8080"}]),
    dict(path="/ip/service", state="overridden", config=[{"name": "telnet", "disabled": True}]),
    dict(path="/interface/ethernet", state="merged", config=[{"default-name": "ether2", "name": "lan2", "mtu": "1400"}]),
    dict(path="/interface", state="gathered", where={"running": True}),
    dict(path="/ip/dns", state="merged", config={"servers": "9.9.9.9"}),
    dict(path="/ip/dns", state="replaced", config={"servers": "9.9.9.9"}),  # fails: a field without a reset value
    dict(path="/ip/address", state="deleted", where={"dynamic": False}),
]


def run(session, check_mode=True, **params):
    ctx = Ctx(session, check_mode=check_mode)
    ctx.params = dict(path=None, config=None, state="merged", keys=None, where=None, menus=None,
                      update_secrets="on_create", running_config=None)
    ctx.params.update(copy.deepcopy(params))
    return menu.run(ctx)


def outcome(session, **params):
    """The result of a check-mode run, or the error it fails with (the same either way)."""
    try:
        return run(session, **params)
    except UserInputError as exc:
        return "fails: %s" % exc


def prints(sim, since, path):
    return [e["words"] for e in sim.events("command")[since:] if e["words"][0] == path + "/print"]


def proplist_of(words):
    got = [w[len("=.proplist="):] for w in words if w.startswith("=.proplist=")]
    return got[0].split(",") if got else None


@pytest.fixture(scope="module")
def sim():
    with Simulator(version="7.16", password=CLIENT_PASSWORD) as s:
        with Session.connect(sim_params(s)) as session:
            run(session, check_mode=False, path="/ip/firewall/filter", config=RULES)
            run(session, check_mode=False, path="/ip/firewall/address-list", where={"list": "keep"},
                config=[{"address": "10.0.0.1"}, {"address": "10.0.0.2"}])
            run(session, check_mode=False, path="/ip/address", config=[{"address": "192.0.2.1/24", "interface": "ether3"}])
        yield s


@pytest.mark.parametrize("params", TASKS, ids=lambda p: "%s-%s" % (p["path"], p["state"]))
def test_the_plan_is_the_plan_of_a_whole_read(sim, session, params, monkeypatch):
    since = len(sim.events("command"))
    narrow = outcome(session, **params)
    words = prints(sim, since, params["path"])
    assert len(words) == 1  # one read, with the fields it needs
    asked = proplist_of(words[0])
    assert asked is not None and ".id" in asked
    monkeypatch.setattr(planner, "read_fields", lambda scope: None)
    since = len(sim.events("command"))
    whole = outcome(session, **params)
    assert proplist_of(prints(sim, since, params["path"])[0]) is None
    assert narrow == whole


def test_counters_stay_on_the_router(sim, session):
    since = len(sim.events("command"))
    got = run(session, path="/ip/firewall/filter", state="merged", config=RULES)
    assert got["changed"] is False
    asked = proplist_of(prints(sim, since, "/ip/firewall/filter")[0])
    # what planning reads: the id, the fields a rule writes, the flags of entries never written
    for name in (".id", "chain", "action", "comment", "disabled", "dynamic", "in-interface"):
        assert name in asked
    for name in ("bytes", "packets", "invalid"):  # printed by the router for every rule, needed by no plan
        assert name not in asked
    full = session.call("/ip/firewall/filter", "print").rows
    assert all("bytes" in row for row in full)  # (the router does print them when asked for everything)


def test_names_the_task_gives_are_read(sim, session):
    since = len(sim.events("command"))
    run(session, path="/interface", state="gathered", where={"running": True, "mac-address": {"not": ""}},
        keys=["name"])
    asked = proplist_of(prints(sim, since, "/interface")[0])
    assert {"running", "mac-address", "name", "default-name"} <= set(asked)
    assert "rx-byte" not in asked


@pytest.mark.parametrize("version", ["6.49.10", "7.8", "7.99"])
def test_a_release_the_data_does_not_describe_is_read_whole(version):
    with Simulator(version=version, password=CLIENT_PASSWORD) as sim:
        with Session.connect(sim_params(sim)) as session:
            since = len(sim.events("command"))
            got = run(session, path="/ip/firewall/address-list", state="gathered")
            words = prints(sim, since, "/ip/firewall/address-list")
            # the narrow read of the one round trip, then the whole menu once the release is known
            assert [proplist_of(w) is None for w in words] == [False, True]
            assert got["gathered"] == []


def test_a_menu_the_data_does_not_know_is_read_whole_at_once():
    scope = planner.Scope("/tikops/no-such-menu", "gathered", None, None, None, "path")
    assert planner.read_fields(scope) is None


@pytest.fixture
def bdir():
    path = tempfile.mkdtemp(prefix="tkr-")  # (short: a Unix socket's path is limited to about 100 bytes)
    directory = os.path.join(path, "d")
    yield directory
    if os.path.isdir(directory):
        persist.shutdown(directory)
    shutil.rmtree(path, ignore_errors=True)


@pytest.mark.parametrize("version, narrow", [("6.49.10", False), ("7.16", True)])
def test_a_kept_session_knows_the_release_before_the_next_read(bdir, version, narrow):
    # the first task over a kept session learns the release from its read and tells the broker; the tasks that
    # attach after it read each menu once: narrow where the data describes the release, whole where it does not
    with Simulator(version=version, password=CLIENT_PASSWORD) as sim:
        params = sim_params(sim)
        first = persist.attach(params, bdir, 30)
        assert first.router_version is None
        since = len(sim.events("command"))
        run(first, path="/ip/firewall/address-list", state="gathered")
        first.close()
        assert [proplist_of(w) is None for w in prints(sim, since, "/ip/firewall/address-list")] == \
            ([False] if narrow else [False, True])
        for dummy in range(2):
            later = persist.attach(params, bdir, 30)
            assert later.router_version == version
            since = len(sim.events("command"))
            got = run(later, path="/ip/firewall/address-list", state="gathered")
            later.close()
            assert [proplist_of(w) is None for w in prints(sim, since, "/ip/firewall/address-list")] == [not narrow]
            assert got["gathered"] == []
        assert len([e for e in sim.events("login") if e.get("success")]) == 1  # one login: the broker's


def test_the_broker_keeps_only_a_version_it_can_read(bdir):
    with Simulator(version="7.16", password=CLIENT_PASSWORD) as sim:
        params = sim_params(sim)
        first = persist.attach(params, bdir, 30)
        first.note_version("7.16; and more")  # not a RouterOS version: told, not kept
        assert first.call("/system/identity", "print").rows  # the session goes on (the broker's answer passed over)
        first.close()
        again = persist.attach(params, bdir, 30)
        assert again.router_version is None
        again.note_version("7.16.2")
        again.close()
        last = persist.attach(params, bdir, 30)
        assert last.router_version == "7.16.2"
        last.close()
