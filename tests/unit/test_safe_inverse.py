"""converge/safe.py without a router: the inverse writes of a plan put a model router back exactly as it was, the
scheduler's script keeps hostile values inside one word, the router's clock is read and written in its own style,
and the checks judge rows."""

import datetime

import pytest
from hypothesis import given, settings, strategies as st

from ansible_collections.tikops.routeros.plugins.module_utils.converge import engine, safe
from ansible_collections.tikops.routeros.plugins.module_utils.core import console
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError


class Model:
    """A list-menu router: path -> ordered rows; applies API requests as RouterOS does (ids never reused)."""

    def __init__(self, menus):
        self.menus = dict((p, [dict(r) for r in rows]) for p, rows in menus.items())
        self.next = 0x100

    def run(self, path, verb, attrs):
        rows = self.menus.setdefault(path, [])
        attrs = dict(attrs)
        if verb == "add":
            before = attrs.pop("place-before", None)
            self.next += 1
            row = dict(attrs, **{".id": "*%X" % self.next})
            index = [r[".id"] for r in rows].index(before) if before else len(rows)
            rows.insert(index, row)
            return row[".id"]
        target = attrs.pop(".id", None) or attrs.pop("numbers", None)
        if target is None:  # a settings menu
            rows[0].update(attrs)
            return None
        row = [r for r in rows if r[".id"] == target][0]
        if verb == "set":
            row.update(attrs)
        elif verb == "unset":
            for name in attrs["value-name"].split(","):
                row.pop(name, None)
        elif verb == "remove":
            rows.remove(row)
        elif verb == "move":
            rows.remove(row)
            dest = attrs.get("destination")
            index = [r[".id"] for r in rows].index(dest) if dest else len(rows)
            rows.insert(index, row)
        return None

    def state(self):
        """Every menu without ids (re-added entries get new ones); the order only where it means something (an
        entry added back to a menu without ``move`` comes last, as RouterOS adds it)."""
        out = {}
        for path, rows in self.menus.items():
            rows = [dict((k, v) for k, v in r.items() if k != ".id") for r in rows]
            out[path] = rows if path == FILTER else sorted(rows, key=lambda r: sorted(r.items()))
        return out


FILTER = "/ip/firewall/filter"
LIST = "/ip/firewall/address-list"
DNS = "/ip/dns"


def start():
    return {
        FILTER: [{".id": "*1", "chain": "input", "action": "accept", "comment": "a"},
                 {".id": "*2", "chain": "input", "action": "drop", "comment": "b", "src-address": "10.0.0.1"},
                 {".id": "*3", "chain": "input", "action": "accept", "comment": "c"},
                 {".id": "*4", "chain": "forward", "action": "accept", "comment": "d"}],
        LIST: [{".id": "*A", "list": "x", "address": "192.0.2.1"}, {".id": "*B", "list": "x", "address": "192.0.2.2"}],
        DNS: [{"servers": "1.1.1.1", "allow-remote-requests": "false"}],
    }


def apply_plan(model, plan):
    added = []
    for op in plan.ops:
        path, verb, attrs = op.request()
        ret = model.run(path, verb, attrs)
        if op.action == engine.ADD:
            added.append(ret)
    return added


def revert(model, plan, before, resolve_ids=True):
    inverses, added = safe.inverse_ops(plan, before, "7.20.8")
    ids = apply_plan(model, plan)
    if resolve_ids:
        for entry, new in zip(added, ids):
            entry.id = new
    for inv in inverses:
        spec = safe.api_request(inv)
        model.run(spec["path"], spec["command"], spec["attributes"])
    return inverses


def test_every_kind_of_write_is_undone_exactly():
    before = start()
    model = Model(before)
    want = Model(before).state()
    plan = engine.Plan([
        engine.Op(engine.REMOVE, FILTER, target="*2", phase=engine.PHASE_REMOVE),
        engine.Op(engine.REMOVE, LIST, target="*A", phase=engine.PHASE_REMOVE),
        engine.Op(engine.ADD, FILTER, attrs={"chain": "input", "action": "drop", "comment": "new"}, phase=engine.PHASE_ADD),
        engine.Op(engine.ADD, LIST, attrs={"list": "x", "address": "198.51.100.7"}, phase=engine.PHASE_ADD),
        engine.Op(engine.SET, FILTER, target="*1", attrs={"comment": "changed", "src-address": "10.9.9.9"}),
        engine.Op(engine.UNSET, FILTER, target="*3", fields=("comment",)),
        engine.Op(engine.SET, DNS, target=None, attrs={"servers": "9.9.9.9", "allow-remote-requests": "yes"}),
        engine.Op(engine.MOVE, FILTER, target="*4", phase=engine.PHASE_MOVE, destination="*1"),
        engine.Op(engine.MOVE, FILTER, target="*1", phase=engine.PHASE_MOVE, destination=None),
    ])
    inverses = revert(model, plan, before)
    assert model.state() == want
    verbs = [i.verb for i in inverses]
    assert verbs[:2] == ["move", "move"]  # the moves are undone first, the removed entries come back last
    assert verbs[-2:] == ["add", "add"]
    # the rule taken out of the middle of an ordered menu comes back in its place
    assert [i for i in inverses if i.verb == "add" and i.path == FILTER][0].attrs["place-before"] == "*3"


def test_added_entries_are_found_by_their_fields_until_their_ids_are_known():
    before = start()
    model = Model(before)
    plan = engine.Plan([engine.Op(engine.ADD, LIST, attrs={"list": "x", "address": "203.0.113.9"}, phase=engine.PHASE_ADD)])
    inverses, added = safe.inverse_ops(plan, before, "7.20.8")
    line = safe.console_line(inverses[0])
    assert line == "/ip firewall address-list remove numbers=[/ip firewall address-list find address=203.0.113.9 list=x]"
    added[0].id = "*1F"
    assert safe.console_line(inverses[0]) == "/ip firewall address-list remove numbers=*1F"
    apply_plan(model, plan)


PATHS = st.sampled_from([FILTER, LIST])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["add", "remove", "set", "unset", "move"]), st.integers(0, 9),
                          st.integers(0, 9), st.text(alphabet='ab "$[]\\\n;{}', max_size=6)), max_size=8))
def test_any_plan_on_an_ordered_menu_is_undone_exactly(steps):
    before = start()
    rows = [r[".id"] for r in before[FILTER]]
    ops = []
    removed = set()
    for kind, i, j, text in steps:
        live = [r for r in rows if r not in removed]
        if kind == "add":
            ops.append(engine.Op(engine.ADD, FILTER, attrs={"chain": "input", "action": "accept", "comment": text},
                                 phase=engine.PHASE_ADD))
        elif not live:
            continue
        elif kind == "remove":
            target = live[i % len(live)]
            removed.add(target)
            ops.append(engine.Op(engine.REMOVE, FILTER, target=target, phase=engine.PHASE_REMOVE))
        elif kind == "set":
            ops.append(engine.Op(engine.SET, FILTER, target=live[i % len(live)], attrs={"comment": text or "x"}))
        elif kind == "unset":
            ops.append(engine.Op(engine.UNSET, FILTER, target=live[i % len(live)], fields=("src-address",)))
        else:
            dest = live[j % len(live)]
            target = live[i % len(live)]
            if dest != target:
                ops.append(engine.Op(engine.MOVE, FILTER, target=target, phase=engine.PHASE_MOVE,
                                     destination=dest if j % 3 else None))
    # as the planner makes them: an entry that goes is neither changed nor moved, nor a destination
    ops = [op for op in ops if op.action == engine.REMOVE or not (op.target in removed or op.destination in removed)]
    plan = engine.Plan(ops).ordered()
    model = Model(before)
    want = Model(before).state()
    revert(model, plan, before)
    assert model.state() == want


HOSTILE = ['say "hi"', "$x", "[/system reboot]", "back\\slash", "two\nlines", "semi;colon", "{braces}", "?q",
           "tab\there", "caf\u00e9"]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_value_from_the_router_stays_one_word_of_one_command(value):
    before = {FILTER: [{".id": "*1", "chain": "input", "action": "accept", "comment": value},
                       {".id": "*2", "chain": "input", "action": "drop", "comment": "z"}]}
    plan = engine.Plan([engine.Op(engine.REMOVE, FILTER, target="*1", phase=engine.PHASE_REMOVE),
                        engine.Op(engine.SET, FILTER, target="*2", attrs={"comment": "new"})])
    inverses, dummy = safe.inverse_ops(plan, before, "7.20.8")
    for inv in inverses:
        line = safe.console_line(inv)
        assert "\n" not in line
        (cmd,) = console.parse_export(line)  # exactly one command, whose values read back as they were
        assert cmd["path"] == FILTER
        assert cmd["verb"] == inv.verb
        for name, text in inv.attrs.items():
            assert cmd["attrs"][name] == text
    text = safe.script(inverses, "tikops-confirm-00")
    lines = text.splitlines()
    assert len(lines) == len(inverses) + 2  # the log line, one per write, the self-removal
    for inv, line in zip(inverses, lines[1:-1]):
        assert line.startswith(":do {%s} on-error={" % safe.console_line(inv))


def test_names_and_paths_are_checked_before_they_reach_a_script():
    with pytest.raises(UserInputError):
        safe.console_line(safe.Inverse("set", FILTER, "*1", {"comment;/system/reboot": "x"}))
    with pytest.raises(UserInputError):
        safe.console_line(safe.Inverse("set", "/ip/firewall/filter;/system/reboot", "*1", {"comment": "x"}))


def test_a_removed_entry_comes_back_without_flags_counters_or_secrets():
    before = {"/ppp/secret": [{".id": "*1", "name": "u", "password": "", "service": "any", "dynamic": "false",
                               "last-logged-out": "never"}]}
    plan = engine.Plan([engine.Op(engine.REMOVE, "/ppp/secret", target="*1", phase=engine.PHASE_REMOVE)])
    warnings = []
    inverses, dummy = safe.inverse_ops(plan, before, "7.20.8", warnings)
    assert inverses[0].attrs == {"name": "u", "service": "any"}


def test_a_changed_secret_is_reported_as_not_restorable():
    before = {"/ppp/secret": [{".id": "*1", "name": "u"}]}
    plan = engine.Plan([engine.Op(engine.SET, "/ppp/secret", target="*1", attrs={"password": "s3cret"})])
    warnings = []
    inverses, dummy = safe.inverse_ops(plan, before, "7.20.8", warnings)
    assert inverses == []
    assert any("password" in w for w in warnings)


@pytest.mark.parametrize("date,time_,style,want", [
    ("2026-12-31", "23:59:30", "iso", ("2027-01-01", "00:04:30")),
    ("dec/31/2026", "23:59:30", "mdy", ("jan/01/2027", "00:04:30")),
    ("Feb/28/2026", "12:00:00", "mdy", ("feb/28/2026", "12:05:00")),
])
def test_the_revert_time_is_written_in_the_routers_own_date_style(date, time_, style, want):
    now, got_style = safe.parse_clock(date, time_)
    assert got_style == style
    assert safe.format_clock(now + datetime.timedelta(seconds=300), style) == want


def test_an_unreadable_clock_stops_before_anything_is_written():
    with pytest.raises(safe.SafeChangeError):
        safe.parse_clock("31.12.2026", "10:00:00")


def test_checks_judge_rows():
    rows = [{"state": "Full", "address": "10.0.0.2"}, {"state": "Init", "address": "10.0.0.3"}]
    assert safe.judge({"path": "/x", "where": {"state": "Full"}}, rows) == (True, 1)
    assert safe.judge({"path": "/x", "where": {"state": "Full"}, "min_count": 2}, rows) == (False, 1)
    assert safe.judge({"path": "/x", "where": {"address": {"regex": "^10\\.0\\.0\\.[23]$"}}, "min_count": 2}, rows) == (True, 2)
    assert safe.judge({"path": "/x", "where": {"state": {"not": "Full"}}, "expect": "absent"}, rows) == (False, 1)
    assert safe.judge({"path": "/x", "where": {"state": ["Down", "Gone"]}, "expect": "absent"}, rows) == (True, 0)


@pytest.mark.parametrize("version,option,want", [
    ("7.20.8", "auto", safe.SAFE_MODE), ("7.18", "auto", safe.SAFE_MODE), ("7.16.2", "auto", safe.CONFIRMED_COMMIT),
    ("6.49.10", "auto", safe.CONFIRMED_COMMIT), ("7.20.8", "confirmed_commit", safe.CONFIRMED_COMMIT),
])
def test_the_method_follows_the_release(version, option, want):
    assert safe.choose_method(option, version) == want


def test_safe_mode_asked_of_a_router_without_it_fails_before_writing():
    with pytest.raises(safe.SafeChangeError, match="7.16"):
        safe.choose_method("safe_mode", "7.16.2")
