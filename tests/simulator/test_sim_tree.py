# -*- coding: utf-8 -*-
"""Every menu of the real RouterOS 7 command trees, walked over the wire.

For each version, one simulator: every configurable and read-only menu answers print; every writable argument
of add/set is known (a plausible value built from the router's own description of it is either taken or refused
for its value, never as an unknown parameter); an invented argument is refused with the router's text; an
invented command gives the two traps a real router sends. Commands are pipelined over our client's session.
"""

from __future__ import annotations

import pytest
from support.client import sim_params
from support.rosim import Simulator

from ansible_collections.tikops.routeros.plugins.module_utils.catalog import catalog
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import TrapError
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session

VERSIONS = ("7.10", "7.16", "7.20", "7.24")
INVENTED = "rosim-invented-arg"
MISSING_ID = "*FFFFFF"


def plausible(info):
    """A value of the kind the router describes for the argument ``info`` (a catalog FieldInfo)."""
    vt = info.value_type
    if info.name == "disabled":
        return "no"
    if vt == "words":
        return info.words[0]
    if vt == "int":
        return str(info.lo)
    if vt == "time":
        return "1m"
    if vt == "ip":
        return "10.9.8.7"
    if vt == "ip-range":
        return "10.9.8.1-10.9.8.9"
    if vt == "ip-prefix":
        return "10.9.8.0/24"
    if vt == "ipv6-prefix":
        return "2001:db8::/64"
    if vt == "mac":
        return "02:00:00:00:00:01"
    return "x"


def messages(result):
    if isinstance(result, TrapError):
        return [t.get("message") for t in result.traps]
    return []


def refused_as_unknown(result):
    return any(m.startswith("unknown parameter") or m.startswith("no such command") for m in messages(result))


def run(session, specs):
    out = []
    for i in range(0, len(specs), 500):
        out.extend(session.pipeline(specs[i:i + 500], raise_on_trap=False))
    return out


# The 7.24 data includes the optional packages' menus: a router with all of them installed walks them all.
ALL_PACKAGES = {"7.24": "wireless,container,iot,user-manager,dude,gps,openflow,rose-storage,tr069-client,calea,"
                        "netinstall"}


@pytest.fixture(scope="module", params=VERSIONS)
def tree_session(request):
    extra = ["--packages", ALL_PACKAGES[request.param]] if request.param in ALL_PACKAGES else []
    with Simulator(version=request.param + ".1", extra_args=extra) as sim:
        session = Session.connect(sim_params(sim, password=""))
        try:
            yield request.param, session
        finally:
            session.close()


def test_every_menu_prints(tree_session):
    version, session = tree_session
    kinds = (catalog.LIST, catalog.FIXED, catalog.SETTINGS, catalog.READ_ONLY)
    paths = catalog.paths(version, kinds=kinds)
    assert len(paths) > 300
    results = run(session, [{"words": [p + "/print"]} for p in paths])
    failed = {p: messages(r) for p, r in zip(paths, results) if isinstance(r, TrapError)}
    assert failed == {}


def test_every_writable_argument_is_known(tree_session):
    version, session = tree_session
    specs, what = [], []
    for path in catalog.paths(version, kinds=(catalog.LIST, catalog.FIXED, catalog.SETTINGS)):
        info = catalog.menu(path, version)
        for name, f in sorted(info.fields.items()):
            value = plausible(f)
            if f.in_add and "add" in info.commands:
                specs.append({"words": [path + "/add", "=%s=%s" % (name, value)]})
                what.append((path, "add", name))
            if f.in_set and "set" in info.commands:
                target = ["=numbers=%s" % MISSING_ID] if info.kind != catalog.SETTINGS else []
                specs.append({"words": [path + "/set"] + target + ["=%s=%s" % (name, value)]})
                what.append((path, "set", name))
    assert len(specs) > 2000
    results = run(session, specs)
    unknown = [(w, messages(r)) for w, r in zip(what, results) if refused_as_unknown(r)]
    assert unknown == []
    # most plausible values are taken outright (the rest are refused for their value: a missing required
    # field, an interface that does not exist, ...); none is refused as an unknown argument
    taken = sum(1 for w, r in zip(what, results) if w[1] == "add" and not isinstance(r, TrapError))
    assert taken > 0.5 * sum(1 for w in what if w[1] == "add")


def test_invented_argument_and_command_are_refused(tree_session):
    version, session = tree_session
    specs, expected = [], []
    for path in catalog.paths(version, kinds=(catalog.LIST, catalog.FIXED, catalog.SETTINGS)):
        info = catalog.menu(path, version)
        if "add" in info.commands:
            specs.append({"words": [path + "/add", "=%s=1" % INVENTED]})
            expected.append(["unknown parameter %s" % INVENTED])
        if "set" in info.commands:
            target = ["=numbers=%s" % MISSING_ID] if info.kind != catalog.SETTINGS else []
            specs.append({"words": [path + "/set"] + target + ["=%s=1" % INVENTED]})
            expected.append(["unknown parameter %s" % INVENTED])
        specs.append({"words": [path + "/rosim-frobnicate"]})
        expected.append(["no such command or directory (rosim-frobnicate)", "no such command prefix"])
    results = run(session, specs)
    got = [messages(r) for r in results]
    wrong = [(s["words"], g) for s, g, e in zip(specs, got, expected) if g != e]
    assert wrong == []


def test_commands_the_tree_lacks_are_refused(tree_session):
    """A command a menu does not have (add on a settings menu or a fixed list, move in an unordered list)."""
    version, session = tree_session
    specs = []
    for path in catalog.paths(version, kinds=(catalog.FIXED, catalog.SETTINGS)):
        specs.append({"words": [path + "/add"]})
    for path in catalog.paths(version, kinds=(catalog.LIST,)):
        if "move" not in catalog.menu(path, version).commands:
            specs.append({"words": [path + "/move", "=numbers=%s" % MISSING_ID]})
    results = run(session, specs)
    for spec, r in zip(specs, results):
        verb = spec["words"][0].rsplit("/", 1)[1]
        assert messages(r) == ["no such command or directory (%s)" % verb, "no such command prefix"], spec


def test_console_inspect_lists_children_from_the_tree(tree_session):
    version, session = tree_session

    def children(path):
        rows = session.call("/console", "inspect", attributes={"request": "child", "path": path}).rows
        assert all(r["type"] == "child" for r in rows)
        return {r["name"]: r["node-type"] for r in rows}

    info = catalog.menu("/ip/address", version)
    assert children("ip,address") == {c: "cmd" for c in info.commands}
    assert children("ip,address,add") == {a: "arg" for a in info.commands["add"]}
    top = children("ip")
    assert top["address"] == "dir" and top["firewall"] == "dir"
    assert children("")["interface"] == "dir"
    with pytest.raises(TrapError):
        session.call("/console", "inspect", attributes={"request": "child", "path": "ip,nothing-here"})


def test_file_type_as_the_trees_list_it():
    """/file add|set type (writable from 7.15 in the trees): a directory, shown without size; a type the manual does
    not name is refused for its value; before 7.15 the argument is unknown, as is set name before 7.13."""
    from rosim import files as rosim_files
    from rosim.router import Command, Router
    from rosim.values import Trap

    def call(router, word, **attrs):
        return rosim_files.run(router, Command(word, attrs, [], None), "admin")

    router = Router(version="7.16")
    call(router, "/file/add", name="flash/d1", type="directory")
    call(router, "/file/add", name="flash/f1.txt", type="file", contents="hello")
    rows = dict((r["name"], r) for r in call(router, "/file/print").rows)
    assert rows["flash/d1"]["type"] == "directory" and "size" not in rows["flash/d1"]
    assert rows["flash/f1.txt"]["size"] == "5" and rows["flash/f1.txt"]["contents"] == "hello"
    call(router, "/file/set", numbers="flash/d1", type="directory")  # the type it has: nothing to change
    for word, attrs, message in (
            ("/file/add", {"name": "x", "type": "disk"}, "value of type must be one of file, directory"),
            ("/file/add", {"name": "y", "type": "directory", "contents": "z"}, "failure: a directory has no contents"),
            ("/file/set", {"numbers": "flash/f1.txt", "type": "directory"}, "failure: cannot change the type"),
            ("/file/set", {"numbers": "flash/d1", "contents": "z"}, "failure: a directory has no contents")):
        with pytest.raises(Trap) as info:
            call(router, word, **attrs)
        assert info.value.traps[0][0].startswith(message), (word, attrs, info.value.traps)
    assert "x" not in [r["name"] for r in call(router, "/file/print").rows]
    for version, word, attrs in (("7.14", "/file/add", {"name": "d", "type": "directory"}),
                                 ("7.12", "/file/set", {"numbers": "a", "name": "b"})):
        old = Router(version=version)
        call(old, "/file/add", name="a", contents="1")
        with pytest.raises(Trap) as info:
            call(old, word, **attrs)
        assert info.value.traps[0][0].startswith("unknown parameter"), (version, info.value.traps)
