# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""result_entries: changed - before and after hold only the entries the task adds, changes or removes; counts and
omitted say how many entries there are and how many were left out; check mode and the diff keep working."""

from ansible_collections.tikops.routeros.plugins.module_utils.menu import task
from support.ctx import Ctx

PATH = "/ip/firewall/address-list"


class _Result:
    def __init__(self, rows=()):
        self.rows = list(rows)


class FakeRouter:
    """One address-list menu in memory: print (with ?field=value queries), add, set, remove."""

    def __init__(self, rows):
        self.rows = [dict(r) for r in rows]
        self.next_id = 100

    def pipeline(self, specs, raise_on_trap=True):
        out = []
        for spec in specs:
            attrs = dict(spec.get("attributes") or {})
            if spec["command"] == "print" and spec["path"] == "/system/resource":
                out.append(_Result([{"version": "7.16 (stable)"}]))
            elif spec["command"] == "print":
                words = [w[1:].split("=", 1) for w in spec.get("queries") or []]
                out.append(_Result(dict(r) for r in self.rows if all(r.get(k) == v for k, v in words)))
            elif spec["command"] == "add":
                self.next_id += 1
                row = {".id": "*%X" % self.next_id, "dynamic": "false", "disabled": "false"}
                row.update(attrs)
                self.rows.append(row)
                out.append(_Result())
            elif spec["command"] == "remove":
                self.rows = [r for r in self.rows if r[".id"] != attrs[".id"]]
                out.append(_Result())
            elif spec["command"] == "set":
                for row in self.rows:
                    if row[".id"] == attrs[".id"]:
                        row.update((k, v) for k, v in attrs.items() if k != ".id")
                out.append(_Result())
            else:
                raise AssertionError("unexpected %r" % spec)
        return out


def _router():
    rows = [{".id": "*%X" % (i + 1), "list": "bench", "address": "10.0.0.%d" % i, "dynamic": "false",
             "disabled": "false"} for i in range(10)]
    rows.append({".id": "*20", "list": "other", "address": "192.0.2.1", "dynamic": "false", "disabled": "false"})
    return FakeRouter(rows)


def _config():
    entries = [{"address": "10.0.0.%d" % i} for i in range(2, 10)]
    entries[3]["comment"] = "kept"  # 10.0.0.5 gets a comment
    return entries + [{"address": "172.16.0.1"}]


def run(router, check_mode=False, diff=False, **params):
    params = dict(dict(path=PATH, where={"list": "bench"}, state="overridden", config=_config(),
                       result_entries="changed"), **params)
    ctx = Ctx(router, check_mode=check_mode, diff=diff, **params)
    return task.run_menu(ctx)


def test_changed_only_in_check_mode_with_the_diff():
    router = _router()
    result = run(router, check_mode=True, diff=True)
    assert result["changed"] is True
    assert result["before"] == [{"list": "bench", "address": "10.0.0.0", "dynamic": False, "disabled": False},
                                {"list": "bench", "address": "10.0.0.1", "dynamic": False, "disabled": False},
                                {"list": "bench", "address": "10.0.0.5", "dynamic": False, "disabled": False}]
    assert result["counts"] == {"before": 10, "added": 1, "changed": 1, "removed": 2}
    assert result["omitted"] == {"before": 7}
    assert "after" not in result
    assert len(result["commands"]) == 4
    assert "10.0.0.3" not in result["diff"]["before"] and "10.0.0.0" in result["diff"]["before"]
    assert "comment=kept" in result["diff"]["after"] and "172.16.0.1" in result["diff"]["after"]
    assert len(router.rows) == 11  # nothing written


def test_changed_only_after_the_writes_and_unchanged_again():
    router = _router()
    result = run(router)
    assert result["after"] == [{"list": "bench", "address": "10.0.0.5", "comment": "kept", "dynamic": False, "disabled": False},
                               {"list": "bench", "address": "172.16.0.1", "dynamic": False, "disabled": False}]
    assert result["counts"] == {"before": 10, "after": 9, "added": 1, "changed": 1, "removed": 2}
    assert result["omitted"] == {"before": 7, "after": 7}
    again = run(router)
    assert again["changed"] is False and again["before"] == [] and "after" not in again
    assert again["counts"] == {"before": 9, "added": 0, "changed": 0, "removed": 0}
    assert again["omitted"] == {"before": 9}
    # the default: every entry, no counts
    every = run(router, result_entries="all")
    assert len(every["before"]) == 9 and "counts" not in every and "omitted" not in every


def test_changed_only_per_item_of_menus():
    router = _router()
    result = run(router, path=None, where=None, config=None, state="merged", menus=[
        dict(path=PATH, where={"list": "other"}, state="overridden", config=[{"address": "192.0.2.1"}]),
        dict(path=PATH, where={"list": "bench"}, state="deleted", config=[{"address": "10.0.0.9"}])])
    first, second = result["menus"]
    assert first["before"] == [] and first["omitted"] == {"before": 1, "after": 1} and "after" in first and first["after"] == []
    assert second["before"] == [{"list": "bench", "address": "10.0.0.9", "dynamic": False, "disabled": False}]
    assert second["counts"] == {"before": 10, "after": 9, "added": 0, "changed": 0, "removed": 1}
    assert "counts" not in result
