# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""tikops.routeros.menu's run(ctx) against the simulator over real sockets: reads in one pipeline, writes
counted in the simulator's event log, a refused write reported as applied / failed / not attempted."""

import pytest

from support.client import CLIENT_PASSWORD
from support.ctx import Ctx
from support.rosim import Simulator

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError
from ansible_collections.tikops.routeros.plugins.modules import menu

WRITES = ("add", "set", "remove", "unset", "move")


@pytest.fixture(scope="module")
def sim():
    with Simulator(version="7.16", password=CLIENT_PASSWORD) as s:
        yield s


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


@pytest.mark.parametrize("state", ["deleted", "overridden"])
def test_misspelt_where_field_removes_nothing(sim, session, state):
    """A where field no entry has, with ``not``, would put every entry in scope: it fails before any write, naming the
    field and the menu, whether the name is close to a field (refused before the read) or not (after it)."""
    run(session, path="/ip/firewall/address-list", state="merged",
        config=[{"list": "keep", "address": "10.77.0.%d" % i} for i in (1, 2)])
    since = len(sim.events("command"))
    config = [] if state == "overridden" else None
    with pytest.raises(UserInputError, match=r"where names lsit, which is not a field of /ip/firewall/address-list; "
                                             r"did you mean list\?"):
        run(session, path="/ip/firewall/address-list", state=state, config=config, where={"lsit": {"not": "keep"}})
    assert commands(sim, since) == []  # refused before the read
    with pytest.raises(UserInputError, match=r"where names zone, which is not a field of /ip/firewall/address-list "
                                             r"on RouterOS 7.16 \(no entry has it\)"):
        run(session, path="/ip/firewall/address-list", state=state, config=config, where={"zone": {"not": "x"}})
    assert writes(sim, since) == []
    kept = run(session, path="/ip/firewall/address-list", state="gathered", where={"list": "keep"})
    assert sorted(e["address"] for e in kept["gathered"]) == ["10.77.0.1", "10.77.0.2"]


def test_misspelt_key_fails_before_any_write(sim, session):
    since = len(sim.events("command"))
    with pytest.raises(UserInputError, match=r"keys names nmae, which is not a field of /ip/pool; did you mean name\?"):
        run(session, path="/ip/pool", keys=["nmae"], config=[{"nmae": "p", "ranges": "10.0.0.2-10.0.0.9"}])
    assert writes(sim, since) == []


def test_read_only_fields_are_valid_in_where(sim, session):
    got = run(session, path="/interface", state="gathered", where={"type": "ether", "running": {"not": "nothing"}})
    assert got["gathered"] and all(e["name"].startswith("ether") for e in got["gathered"])
    got = run(session, path="/ip/address", state="gathered", where={"actual-interface": {"not": "none"}})
    assert isinstance(got["gathered"], list)


def test_the_same_menu_twice_changes_nothing(sim, session):
    run(session, path="/ip/pool", state="merged", config=[{"name": "twice", "ranges": "10.66.0.2-10.66.0.9"}])
    since = len(sim.events("command"))
    with pytest.raises(UserInputError, match=r"menus\[0\] and menus\[1\] both configure /ip/pool"):
        run(session, menus=[{"path": "/ip/pool", "state": "overridden", "config": []},
                            {"path": "/ip/pool", "config": [{"name": "twice", "ranges": "10.66.0.2-10.66.0.9"}]}])
    assert commands(sim, since) == []
    got = run(session, path="/ip/pool", state="gathered", where={"name": "twice"})["gathered"]
    assert [p["ranges"] for p in got] in (["10.66.0.2-10.66.0.9"], [["10.66.0.2-10.66.0.9"]])


def test_query_names_never_reach_the_router(sim, session):
    from ansible_collections.tikops.routeros.plugins.modules import command

    since = len(sim.events("command"))
    for query in ({"list=x": "y"}, ["#|=y"]):
        ctx = Ctx(session)
        ctx.params = dict(path="/ip/firewall/address-list", command="print", query=query, attributes=None, words=None,
                          proplist=None, read_only=None, max_rows=None, duration=None)
        with pytest.raises(UserInputError, match="query: "):
            command.run(ctx)
    assert commands(sim, since) == []


@pytest.mark.parametrize("place", ["config", "where", "keys"])
def test_reserved_api_names_never_reach_the_router(sim, session, place):
    item = {"path": "/ip/firewall/address-list", "config": [{"list": "keep", "address": "10.78.0.1"}]}
    if place == "config":
        item["config"][0][".id"] = "*1"
    elif place == "where":
        item["where"] = {".id": "*1"}
    else:
        item["keys"] = ["list", ".id"]
    since = len(sim.events("command"))
    with pytest.raises(UserInputError, match=r"\.id is reserved by the RouterOS API"):
        run(session, menus=[item])
    assert commands(sim, since) == []
