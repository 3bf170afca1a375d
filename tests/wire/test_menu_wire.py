# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""tikops.routeros.menu's run(ctx) against the simulator over real sockets: reads in one pipeline, writes
counted in the simulator's event log, a refused write reported as applied / failed / not attempted."""

import pytest

from support.client import CLIENT_PASSWORD, sim_params
from support.ctx import Ctx
from support.rosim import Simulator

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session
from ansible_collections.tikops.routeros.plugins.modules import menu

WRITES = ("add", "set", "remove", "unset", "move")


@pytest.fixture(scope="module")
def sim():
    with Simulator(version="7.16", password=CLIENT_PASSWORD) as s:
        yield s


@pytest.fixture
def session(sim):
    s = Session.connect(sim_params(sim))
    yield s
    s.close()


def run(session, check_mode=False, **params):
    ctx = Ctx(session, check_mode=check_mode)
    ctx.params = dict(path=None, config=None, state="merged", keys=None, where=None, menus=None,
                      update_secrets="on_create", running_config=None)
    ctx.params.update(params)
    return menu.run(ctx)


def commands(sim, since=0):
    return [e["words"] for e in sim.events("command")[since:] if e["words"][0] not in ("/login", "/quit")]


def writes(sim, since=0):
    return [w for w in commands(sim, since) if w[0].rsplit("/", 1)[-1] in WRITES]


def test_address_list_churn_is_pipelined(sim, session):
    entries = [{"address": "10.1.%d.%d" % (i // 200, i % 200 + 1)} for i in range(300)]
    first = run(session, path="/ip/firewall/address-list", where={"list": "churn"}, state="overridden", config=entries)
    assert len(first["commands"]) == 300 and len(first["after"]) == 300
    churned = entries[3:] + [{"address": "10.9.0.%d" % i} for i in range(1, 4)]
    since = len(sim.events("command"))
    second = run(session, path="/ip/firewall/address-list", where={"list": "churn"}, state="overridden",
                 config=churned)
    assert len(second["commands"]) == 6
    words = commands(sim, since)
    # one read pipeline (version + the menu), one write pipeline, one read back
    assert [w[0] for w in words].count("/ip/firewall/address-list/print") == 2
    assert len(writes(sim, since)) == 6
    assert ["?list=churn"] == [w for w in words[1] if w.startswith("?")]  # the scope is filtered on the router
    since = len(sim.events("command"))
    assert run(session, path="/ip/firewall/address-list", where={"list": "churn"}, state="overridden",
               config=churned)["changed"] is False
    assert writes(sim, since) == []


def test_check_mode_writes_nothing(sim, session):
    since = len(sim.events("command"))
    got = run(session, check_mode=True, menus=[
        {"path": "/interface/list", "config": [{"name": "CHK"}]},
        {"path": "/ip/firewall/filter", "state": "deleted"},
        {"path": "/system/identity", "config": {"name": "chk"}}])
    assert got["changed"] is True and "/interface/list/add name=CHK" in got["commands"]
    assert writes(sim, since) == []


def test_refused_write_reports_applied_failed_not_attempted(sim, session):
    got = run(session, menus=[
        {"path": "/interface/list", "config": [{"name": "REFUSE"}]},
        {"path": "/interface/list/member", "config": [{"list": "NO-SUCH-LIST", "interface": "ether1"}]},
        {"path": "/ip/firewall/filter", "where": {"comment": "after-refusal"},
         "config": [{"chain": "forward", "in-interface-list": "REFUSE", "comment": "after-refusal"}]}])
    assert got["failed"] is True
    assert got["applied"] == ["/interface/list/add name=REFUSE"]
    assert got["failed_commands"][0]["command"] == "/interface/list/member/add list=NO-SUCH-LIST interface=ether1"
    assert got["not_attempted"] == ['/ip/firewall/filter/add chain=forward in-interface-list=REFUSE comment=after-refusal']


def test_bad_input_fails_before_any_write(sim, session):
    since = len(sim.events("command"))
    with pytest.raises(UserInputError, match=r"menus\[1\] config\[0\]: actoin is not a writable field"):
        run(session, menus=[{"path": "/interface/list", "config": [{"name": "NEVER"}]},
                            {"path": "/ip/firewall/filter", "config": [{"chain": "input", "actoin": "drop"}]}])
    with pytest.raises(UserInputError, match="does not exist on this router"):
        run(session, path="/ip/nosuch", config=[])
    assert writes(sim, since) == []
