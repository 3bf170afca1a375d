# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""converge/safe.py's Guard in the workflow, over a fake router: what is refused before any write, what is kept,
what is undone, and that check mode takes nothing. The playbook tests run the same against the simulator."""

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.converge import engine as E
from ansible_collections.tikops.routeros.plugins.module_utils.converge import safe
from ansible_collections.tikops.routeros.plugins.module_utils.converge import workflow as W
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import LoginError, TrapError
from support.ctx import Ctx


class Result:
    def __init__(self, rows=(), ret=None):
        self.rows = list(rows)
        self.ret = ret
        self.done = {"ret": ret} if ret else {}


class Router:
    """A fake router: a version, a clock, one list menu (/x), safe mode (held by ``holder``), a scheduler; every
    command is recorded in ``sent`` as (path, command)."""

    def __init__(self, version="7.20.8", holder=None):
        self.version = version
        self.holder = holder
        self.rows = {"/x": [{".id": "*1", "name": "a"}], "/system/scheduler": []}
        self.sent = []
        self.next = 10

    def answer(self, spec):
        path, command, attrs = spec["path"], spec["command"], spec.get("attributes") or {}
        self.sent.append((path, command))
        if path == "/system/resource":
            return Result([{"version": self.version + " (stable)"}])
        if path == "/system/clock":
            return Result([{"date": "2026-12-07", "time": "10:00:00"}])
        if path == "/safe-mode":
            if self.version < "7.18":
                return TrapError([{"message": "no such command prefix"}], [path])
            if self.holder not in (None, "us"):
                return TrapError([{"message": "failure: safe mode is taken by another session (user %s)" % self.holder}],
                                 [path])
            self.holder = "us" if command == "take" else None
            return Result()
        if command == "print":
            return Result([dict(r) for r in self.rows.get(path, [])])
        if command == "add":
            self.next += 1
            row = dict(attrs, **{".id": "*%d" % self.next})
            self.rows.setdefault(path, []).append(row)
            return Result(ret=row[".id"])
        if command == "remove":
            self.rows[path] = [r for r in self.rows.get(path, []) if r[".id"] != attrs[".id"]]
            return Result()
        if command == "set":
            for row in self.rows.get(path, []):
                if row[".id"] == attrs.get(".id"):
                    row.update((k, v) for k, v in attrs.items() if k != ".id")
            return Result()
        raise AssertionError("unexpected %s %s" % (path, command))


class Session:
    def __init__(self, router):
        self.router = router

    def pipeline(self, specs, raise_on_trap=True):
        out = [self.router.answer(spec) for spec in specs]
        if raise_on_trap:
            for res in out:
                if isinstance(res, Exception):
                    raise res
        return out

    def pipeline_outcomes(self, specs):
        return self.pipeline(specs, raise_on_trap=False)

    def call(self, path, command, attributes=None, **kwargs):
        res = self.router.answer(dict(path=path, command=command, attributes=attributes))
        if isinstance(res, Exception):
            raise res
        return res

    def close(self):
        pass


class Adapter(W.Adapter):
    header = "x"

    def __init__(self, ops):
        self.ops = ops

    def read(self, session):
        return session.pipeline([dict(path="/x", command="print")])[0].rows

    def plan(self, current):
        return E.Plan(list(self.ops))

    def before(self, result, current, plan):
        result["commands"] = plan.commands

    def after(self, result, current):
        result["after"] = current


def ctx_for(router, check_mode=False, **params):
    ctx = Ctx(Session(router), check_mode=check_mode, safe=True, **params)
    ctx.connection_params = object()  # never used: fresh_login is replaced below
    return ctx


@pytest.fixture
def login(monkeypatch):
    state = {"ok": True, "tries": 0}

    def fresh(ctx):
        state["tries"] += 1
        if not state["ok"]:
            return None, dict(ok=False, error=str(LoginError("connection refused")))
        return Session(ctx.session.router), dict(ok=True, seconds=0.0)

    monkeypatch.setattr(safe, "fresh_login", fresh)
    return state


ADD = E.Op(E.ADD, "/x", attrs={"name": "b"}, phase=E.PHASE_ADD)


def writes(router):
    return [s for s in router.sent if s[1] not in ("print", "take", "release", "unroll")]


def test_safe_mode_kept_when_the_new_login_and_checks_pass(login):
    router = Router()
    result = W.converge(ctx_for(router, safe_checks=[{"path": "/x", "where": {"name": "b"}}]), Adapter([ADD]))
    assert not result.get("failed") and result["safe"]["verified"] and result["safe"]["method"] == "safe-mode"
    assert router.holder is None and ("/safe-mode", "release") in router.sent
    assert [r["name"] for r in router.rows["/x"]] == ["a", "b"]
    assert login["tries"] == 1


def test_safe_mode_unrolled_when_the_new_login_fails(login):
    login["ok"] = False
    router = Router()
    result = W.converge(ctx_for(router), Adapter([ADD]))
    assert result["failed"] and result["safe"]["reverted"] and result["safe"]["revert"] == "unrolled"
    assert "new login" in result["msg"] and "connection refused" in result["msg"]
    assert ("/safe-mode", "unroll") in router.sent


def test_confirmed_commit_on_716_reverted_over_the_api_and_its_entry_removed(login):
    router = Router(version="7.16.2")
    result = W.converge(ctx_for(router, safe_checks=[{"path": "/x", "where": {"name": "nope"}}]), Adapter([ADD]))
    assert result["failed"] and result["safe"]["method"] == "confirmed-commit" and result["safe"]["revert"] == "reverted now"
    assert [r["name"] for r in router.rows["/x"]] == ["a"]
    assert router.rows["/system/scheduler"] == []
    assert result["safe"]["revert_at"] == "2026-12-07 10:05:00"
    # the scheduler entry was there before the first write, and learnt the added entry's id afterwards
    order = [s for s in router.sent if s[1] in ("add", "set", "remove")]
    assert order[:3] == [("/system/scheduler", "add"), ("/x", "add"), ("/system/scheduler", "set")]


def test_confirmed_commit_kept_removes_its_entry(login):
    router = Router(version="6.49.10")
    result = W.converge(ctx_for(router), Adapter([ADD]))
    assert not result.get("failed") and result["safe"]["confirmed"] is True
    assert router.rows["/system/scheduler"] == [] and [r["name"] for r in router.rows["/x"]] == ["a", "b"]


def test_more_writes_than_the_history_holds_are_refused_before_any_write(login):
    router = Router()
    ops = [E.Op(E.ADD, "/x", attrs={"name": "n%d" % i}, phase=E.PHASE_ADD) for i in range(101)]
    with pytest.raises(safe.SafeChangeError, match="101 writes.*at most 100"):
        W.converge(ctx_for(router), Adapter(ops))
    assert writes(router) == [] and router.holder is None


def test_split_applies_verified_parts(login):
    router = Router()
    ops = [E.Op(E.ADD, "/x", attrs={"name": "n%d" % i}, phase=E.PHASE_ADD) for i in range(150)]
    result = W.converge(ctx_for(router, safe_split=True), Adapter(ops))
    assert result["safe"]["parts"] == 2 and result["safe"]["parts_released"] == 2
    assert router.sent.count(("/safe-mode", "release")) == 2 and login["tries"] == 2


def test_safe_mode_held_by_another_user_is_named_and_nothing_written(login):
    router = Router(holder="alice")
    with pytest.raises(safe.SafeModeHeld, match="alice"):
        W.converge(ctx_for(router), Adapter([ADD]))
    assert writes(router) == []


def test_check_mode_takes_nothing(login):
    router = Router()
    result = W.converge(ctx_for(router, check_mode=True), Adapter([ADD]))
    assert result["changed"] and "safe" not in result
    assert router.sent == [("/x", "print")] and login["tries"] == 0


def test_safe_mode_asked_of_716_fails_before_writing(login):
    router = Router(version="7.16.2")
    with pytest.raises(safe.SafeChangeError, match="7.16.2"):
        W.converge(ctx_for(router, safe_method="safe_mode"), Adapter([ADD]))
    assert writes(router) == []


def test_a_bad_check_fails_before_anything_is_sent(login):
    router = Router()
    with pytest.raises(Exception, match="regex, starts_with or not"):
        W.converge(ctx_for(router, safe_checks=[{"path": "/x", "where": {"name": {"bogus": 1}}}]), Adapter([ADD]))
    assert router.sent == [("/x", "print")]


def test_without_a_way_to_log_in_again_nothing_is_written(login):
    router = Router()
    ctx = Ctx(Session(router), safe=True)  # no connection_params, no hostname, a session that was not attached
    with pytest.raises(safe.SafeChangeError, match="nothing was written"):
        W.converge(ctx, Adapter([ADD]))
    assert router.sent == [("/x", "print")]


def test_held_by_another_user_becomes_a_confirmed_commit_when_asked(login):
    router = Router(holder="alice")
    result = W.converge(ctx_for(router, safe_when_held="confirmed_commit"), Adapter([ADD]))
    assert result["safe"]["method"] == "confirmed-commit" and "alice" in result["safe"]["safe_mode_held"]
    assert result["safe"]["confirmed"] is True and router.holder == "alice"
    assert router.rows["/system/scheduler"] == [] and [r["name"] for r in router.rows["/x"]] == ["a", "b"]


def test_a_kept_change_whose_session_died_has_its_entry_removed_over_a_new_one(login, monkeypatch):
    from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import ConnectionLost

    router = Router(version="7.16.2")
    ctx = ctx_for(router)
    calls = []
    real = ctx.session.call

    def call(path, command, attributes=None, **kwargs):
        if path == "/system/scheduler" and command == "remove" and not calls:
            calls.append(path)
            raise ConnectionLost("the connection was closed")
        if path == "/system/scheduler" and command == "print":  # the new session looks the entry up by name
            return Result([r for r in router.rows["/system/scheduler"] if "?name=%s" % r["name"] in kwargs["queries"]])
        return real(path, command, attributes, **kwargs)

    monkeypatch.setattr(Session, "call", lambda self, *a, **k: call(*a, **k))
    result = W.converge(ctx, Adapter([ADD]))
    assert result["safe"]["confirmed"] is True and calls and router.rows["/system/scheduler"] == []


def test_a_confirm_timeout_that_ran_out_before_the_checks_is_a_revert(login, monkeypatch):
    router = Router(version="7.16.2")
    ctx = ctx_for(router, confirm_timeout=1)
    real = ctx.session.call

    def remove_gone(path, command, attributes=None, **kwargs):
        if path == "/system/scheduler" and command == "remove":  # the entry ran and removed itself already
            raise TrapError([{"message": "no such item"}], [path])
        return real(path, command, attributes, **kwargs)

    monkeypatch.setattr(Session, "call", lambda self, *a, **k: remove_gone(*a, **k))
    result = W.converge(ctx, Adapter([ADD]))
    assert result["failed"] and result["safe"]["reverted"] and "confirm_timeout (1s) ran out" in result["msg"]


def test_a_refused_write_undoes_only_what_the_router_accepted(login):
    router = Router(version="7.16.2")
    router.rows["/x"].append({".id": "*2", "name": "c"})
    # the removal needs what the refused add provides: it goes in a later batch, which is never sent
    ops = [E.Op(E.ADD, "/x", attrs={"name": "b"}, phase=E.PHASE_ADD),
           E.Op(E.ADD, "/x", attrs={"name": "refused"}, phase=E.PHASE_ADD, provides=("refused",)),
           E.Op(E.REMOVE, "/x", target="*2", phase=E.PHASE_REMOVE, refs=("refused",))]
    assert [len(b) for b in E.Plan(ops).batches()] == [2, 1]
    real = router.answer

    def answer(spec):
        if (spec.get("attributes") or {}).get("name") == "refused":
            return TrapError([{"message": "failure: refused"}], [spec["path"]])
        return real(spec)

    router.answer = answer
    result = W.converge(ctx_for(router), Adapter(ops))
    assert result["failed"] and result["safe"]["revert"] == "reverted now", result
    assert sorted(r["name"] for r in router.rows["/x"]) == ["a", "c"]  # b undone, c never removed nor added again
    assert router.rows["/system/scheduler"] == []
