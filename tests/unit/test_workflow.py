# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one task workflow (converge/workflow.py): read -> plan -> diff -> apply -> verify, for both module families.
Fake sessions; the wire and playbook tests run it against the simulator."""

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.converge import engine as E
from ansible_collections.tikops.routeros.plugins.module_utils.converge import workflow as W
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import ConnectionLost, TrapError
from ansible_collections.tikops.routeros.plugins.modules import ip_addresses as IP
from ansible_collections.tikops.routeros.plugins.modules import menu as MENU
from support.ctx import Ctx


class Result:
    def __init__(self, rows=()):
        self.rows = list(rows)


class Session:
    """Prints answer ``rows``; writes answer done, or a trap for a value in ``refuse``; ``lose_reads`` makes the
    prints after the first write fail as a lost connection would."""

    def __init__(self, rows, refuse=(), lose_reads=False):
        self.rows = rows
        self.refuse = refuse
        self.lose_reads = lose_reads
        self.writes = []

    def pipeline(self, specs, raise_on_trap=True):
        if self.writes and self.lose_reads:
            raise ConnectionLost("the connection was closed")
        return [Result(self.rows.get(spec["path"], [])) for spec in specs]

    def pipeline_outcomes(self, specs):
        out = []
        for spec in specs:
            self.writes.append(spec)
            if any(v in self.refuse for v in spec["attributes"].values()):
                out.append(TrapError([{"message": "failure: refused"}], [spec["path"]]))
            else:
                out.append(Result())
        return out


class Adapter(W.Adapter):
    header = "test"

    def __init__(self, ops):
        self.ops = ops
        self.reads = 0
        self.finished = False

    def read(self, session):
        self.reads += 1
        return session.pipeline([dict(path="/x", command="print")])[0].rows

    def plan(self, current):
        return E.Plan(self.ops, ["a warning"]).ordered()

    def before(self, result, current, plan):
        result["before"] = current
        result["commands"] = plan.commands

    def after(self, result, current):
        result["after"] = current

    def finish(self, result):
        self.finished = True


def add(value):
    return E.Op(E.ADD, "/x", attrs={"name": value}, before=None, after={"name": value})


def test_applies_then_reads_back():
    session = Session({"/x": [{".id": "*1", "name": "a"}]})
    ctx = Ctx(session, diff=True)
    adapter = Adapter([add("b")])
    result = W.converge(ctx, adapter)
    assert result["changed"] is True and result["commands"] == ["/x/add name=b"]
    assert [w["attributes"] for w in session.writes] == [{"name": "b"}]
    assert adapter.reads == 2 and "after" in result and adapter.finished
    assert "name=b" in result["diff"]["after"] and result["diff"]["before_header"] == "test (before)"
    assert ctx.warnings == ["a warning"]


def test_check_mode_writes_nothing_and_reads_once():
    session = Session({"/x": []})
    adapter = Adapter([add("b")])
    result = W.converge(Ctx(session, check_mode=True), adapter)
    assert result["changed"] is True and session.writes == [] and adapter.reads == 1 and "after" not in result


def test_nothing_to_do_is_no_write():
    session = Session({"/x": []})
    result = W.converge(Ctx(session), Adapter([]))
    assert result == {"changed": False, "before": [], "commands": []}


def test_a_refused_write_is_reported_not_raised():
    session = Session({"/x": []}, refuse=("bad",))
    adapter = Adapter([add("good"), add("bad")])
    result = W.converge(Ctx(session), adapter)
    assert result["failed"] is True and result["changed"] is True
    assert result["applied"] == ["/x/add name=good"]
    assert result["failed_commands"][0]["command"] == "/x/add name=bad"
    assert adapter.finished and "after" not in result


def test_a_failed_read_back_is_a_warning():
    session = Session({"/x": []}, lose_reads=True)
    ctx = Ctx(session)
    result = W.converge(ctx, Adapter([add("b")]))
    assert result["changed"] is True and "failed" not in result and "after" not in result
    assert any("reading the router back afterwards failed" in w for w in ctx.warnings)


@pytest.mark.parametrize("module,params", [
    (IP, dict(state="merged", config=[dict(address="10.0.0.1/24", interface="ether1")])),
    (MENU, dict(path="/ip/address", state="merged", config=[dict(address="10.0.0.1/24", interface="ether1")],
                keys=None, where=None, menus=None, update_secrets="on_create", src=None)),
])
def test_both_module_families_run_the_one_workflow(monkeypatch, module, params):
    seen = []
    real = W.converge

    def spy(ctx, adapter):
        seen.append(adapter)
        return real(ctx, adapter)

    monkeypatch.setattr(W, "converge", spy)
    session = Session({"/system/resource": [{"version": "7.16"}], "/interface": [{"name": "ether1"}]})
    result = module.run(Ctx(session, **params))
    assert len(seen) == 1 and isinstance(seen[0], W.Adapter)
    assert [w["path"] for w in session.writes] == ["/ip/address"]
    assert result["changed"] is True


def test_menu_deleted_warns_about_a_dynamic_entry_it_leaves():
    session = Session({"/system/resource": [{"version": "7.16"}], "/ip/address": [
        {".id": "*2", "address": "192.168.1.7/24", "interface": "ether3", "disabled": "false", "dynamic": "true"}]})
    ctx = Ctx(session, path="/ip/address", state="deleted", config=[dict(address="192.168.1.7/24", interface="ether3")],
              keys=None, where=None, menus=None, update_secrets="on_create", src=None)
    result = MENU.run(ctx)
    assert result["changed"] is False and session.writes == []
    assert ctx.warnings == ["/ip/address address=192.168.1.7/24 interface=ether3 is dynamic or built-in; it is left alone"]
