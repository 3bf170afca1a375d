# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What an export's lines name when the router they go to is laid out differently from the one that printed them:
``set N`` after the export's own ``add`` lines (the console counted them), a fixed menu's entry that follows an
interface the same export adds (``/queue interface set vlan10``), additions to an ordered menu kept in the
export's order, and what a verbose RouterOS 6 export prints that the router never takes (the port's factory MAC).
Pure: the task's plan of ``src:`` text against rows, no sockets."""

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError
from ansible_collections.tikops.routeros.plugins.module_utils.menu import export_in as X
from ansible_collections.tikops.routeros.plugins.module_utils.menu import task


def src_plan(text, rows_of, version="7.16"):
    """The task's ordered plan of ``src:`` export ``text`` against ``rows_of`` (path -> rows), as its batches: a
    list of round trips, each a list of commands."""
    params = dict(config=X.ExportText(text, "x.rsc"), state="merged")
    run = task._Run(params, task.export_scopes(params), True)  # pylint: disable=protected-access
    plan = run.plan((version, [rows_of.get(s.path, []) for s in run.scopes]))
    return [[op.command() for op in batch] for batch in plan.batches()]


def flat(batches):
    return [c for batch in batches for c in batch]


# ---------------------------------------------------------------------------------------------------------
# set N counts the export's own entries printed before it

# The shape of the real 6.48.1 export of the corpus (v6-verbose-routeros-diff.rsc, /queue type): its add is older
# than the built-ins printed after it, so the console numbered them one higher than a fresh router does.
QUEUE_TYPES = """/queue type
set 0 kind=pfifo name=default pfifo-limit=50
set 1 kind=sfq name=wireless-default sfq-perturb=5
add kind=sfq name=sfq-default sfq-perturb=5
set 3 kind=pcq name=pcq-upload-default pcq-rate=0
set 4 kind=pfifo name=default-small pfifo-limit=10
"""


def _types(*names, **fields):
    rows = []
    for index, name in enumerate(names):
        kind = "sfq" if "sfq" in name or name.startswith("wireless") else "pcq" if name.startswith("pcq") else "pfifo"
        row = {".id": "*%d" % (index + 1), "name": name, "kind": kind}
        row.update(fields.get(name.replace("-", "_"), {}))
        rows.append(row)
    return rows


BUILT_IN = ("default", "wireless-default", "pcq-upload-default", "default-small")


def test_the_number_keeps_its_meaning_in_state_parsed():
    config = X.config_of(QUEUE_TYPES, "/queue/type")
    assert [e.get("number") for e in config] == [0, 1, None, 3, 4]


def test_a_fresh_router_has_the_built_in_entry_the_export_numbered_one_higher():
    # a fresh router: the four built-ins, no sfq-default; set 4 (after one add) is its fourth entry, not a fifth
    rows = _types(*BUILT_IN, default={"pfifo-limit": "50"}, wireless_default={"sfq-perturb": "5"},
                  pcq_upload_default={"pcq-rate": "0"}, default_small={"pfifo-limit": "50"})
    assert flat(src_plan(QUEUE_TYPES, {"/queue/type": rows})) == [
        "/queue/type/add kind=sfq name=sfq-default sfq-perturb=5",
        "/queue/type/set [find name=default-small] pfifo-limit=10"]


def test_the_exported_router_and_a_converged_one_need_nothing():
    done = {"default": {"pfifo-limit": "50"}, "wireless_default": {"sfq-perturb": "5"},
            "pcq_upload_default": {"pcq-rate": "0"}, "default_small": {"pfifo-limit": "10"},
            "sfq_default": {"sfq-perturb": "5"}}
    # the router the export came from: the add among the built-ins, where the console numbered it
    exported = _types("default", "wireless-default", "sfq-default", "pcq-upload-default", "default-small", **done)
    assert src_plan(QUEUE_TYPES, {"/queue/type": exported}) == []
    # a fresh router after the task: the add last
    converged = _types(*(BUILT_IN + ("sfq-default",)), **done)
    assert src_plan(QUEUE_TYPES, {"/queue/type": converged}) == []


def test_a_number_past_the_routers_entries_names_none():
    rows = _types("default", "wireless-default", "pcq-upload-default")
    with pytest.raises(UserInputError, match=r"number 4: /queue/type prints 3 entries on the router \(numbered "
                                             r"from 0\) besides the 0 of its own entries; 1 of those are listed"):
        src_plan(QUEUE_TYPES, {"/queue/type": rows})
    # with no add before it, a number is the console's number on the router as it is
    with pytest.raises(UserInputError, match=r"number 3: /queue/type prints 3 entries on the router \(numbered "
                                             r"from 0\)$"):
        src_plan("/queue type\nset 3 pfifo-limit=10\n", {"/queue/type": rows})


def test_a_number_that_falls_on_the_exports_own_entries_is_refused():
    text = "/queue type\nadd kind=sfq name=a\nadd kind=sfq name=b\nset 1 sfq-perturb=6\n"
    with pytest.raises(UserInputError, match="number 1 names one of the 2 entries listed before it"):
        src_plan(text, {"/queue/type": _types(*BUILT_IN)})


# ---------------------------------------------------------------------------------------------------------
# A fixed menu's entry that follows an interface the same task adds

QUEUES = """/interface bridge
add name=lan
/queue interface
set lan queue=no-queue
set ether1 queue=only-hardware-queue
/interface vlan
add interface=lan name=vlan10 vlan-id=10
/queue interface
set vlan10 queue=no-queue
"""
QUEUE_ROWS = [{".id": "*1", "name": "ether1", "queue": "ethernet-default"}]


def test_a_fixed_entry_of_an_interface_the_task_adds_is_set_after_the_add():
    batches = src_plan(QUEUES, {"/queue/interface": QUEUE_ROWS})
    commands = flat(batches)
    assert commands == [
        "/interface/bridge/add name=lan",
        "/interface/vlan/add interface=lan name=vlan10 vlan-id=10",
        "/queue/interface/set [find name=lan] queue=no-queue",
        "/queue/interface/set [find name=ether1] queue=only-hardware-queue",
        "/queue/interface/set [find name=vlan10] queue=no-queue"]
    # each waits for the write that makes its interface: a round trip after it
    where = dict((c, i) for i, batch in enumerate(batches) for c in batch)
    assert where[commands[2]] > where[commands[0]] and where[commands[4]] > where[commands[1]]


def test_the_later_set_names_its_entry_by_name_for_the_router():
    params = dict(config=X.ExportText(QUEUES, "x.rsc"), state="merged")
    run = task._Run(params, task.export_scopes(params), True)  # pylint: disable=protected-access
    plan = run.plan(("7.16", [QUEUE_ROWS if s.path == "/queue/interface" else [] for s in run.scopes]))
    (op,) = [op for op in plan if op.path == "/queue/interface" and op.where == {"name": "vlan10"}]
    assert op.request() == ("/queue/interface", "set", {".id": "vlan10", "queue": "no-queue"})
    assert "vlan10" in op.refs and op.before is None


def test_once_the_interfaces_exist_their_entries_are_matched_as_any_other():
    rows = {"/interface/bridge": [{".id": "*2", "name": "lan"}],
            "/interface/vlan": [{".id": "*3", "name": "vlan10", "interface": "lan", "vlan-id": "10"}],
            "/queue/interface": QUEUE_ROWS + [{".id": "*2", "name": "lan", "queue": "no-queue"},
                                              {".id": "*3", "name": "vlan10", "queue": "default"}]}
    assert flat(src_plan(QUEUES, rows)) == [
        "/queue/interface/set [find name=ether1] queue=only-hardware-queue",
        "/queue/interface/set [find name=vlan10] queue=no-queue"]


def test_a_fixed_entry_no_write_of_the_task_makes_is_still_refused():
    # no interface of that name is added: the entry cannot be added, the task stops before any write
    with pytest.raises(UserInputError, match="name=wan does not exist on the router, and entries of /queue/interface "
                                             "cannot be added"):
        src_plan("/interface bridge\nadd name=lan\n/queue interface\nset wan queue=no-queue\n", {})
    # an interface list is no interface
    with pytest.raises(UserInputError, match="name=wan does not exist on the router"):
        src_plan("/interface list\nadd name=wan\n/queue interface\nset wan queue=no-queue\n", {})


def test_a_port_the_task_renames_has_its_fixed_entry_set_under_the_new_name():
    text = "/interface ethernet\nset [ find default-name=ether1 ] name=wan\n/queue interface\nset wan queue=no-queue\n"
    rows = {"/interface/ethernet": [{".id": "*1", "name": "ether1", "default-name": "ether1"}],
            "/queue/interface": [{".id": "*1", "name": "ether1", "queue": "only-hardware-queue"}]}
    batches = src_plan(text, rows)
    assert batches == [["/interface/ethernet/set [find name=ether1] name=wan"],
                       ["/queue/interface/set [find name=wan] queue=no-queue"]]


# ---------------------------------------------------------------------------------------------------------
# Additions to an ordered menu keep the export's order

DNS = """/ip dns static
add forward-to=10.200.0.10 regexp=".*\\\\.example\\\\.net\\$" type=FWD
add address=192.168.1.2 name=host.local
"""


def test_additions_at_the_end_of_an_ordered_menu_keep_the_listed_order():
    # the second provides a name (others may reference it) and goes with the additions; the first, listed before
    # it, goes with it rather than after every other write (which put it last: the second run moved it back)
    assert flat(src_plan(DNS, {})) == [
        '/ip/dns/static/add forward-to=10.200.0.10 regexp=".*\\\\.example\\\\.net\\$" type=FWD',
        "/ip/dns/static/add address=192.168.1.2 name=host.local type=A"]
    done = [{".id": "*1", "forward-to": "10.200.0.10", "regexp": ".*\\.example\\.net$", "type": "FWD"},
            {".id": "*2", "address": "192.168.1.2", "name": "host.local", "type": "A"}]
    assert src_plan(DNS, {"/ip/dns/static": done}) == []


# ---------------------------------------------------------------------------------------------------------
# What a verbose RouterOS 6 export prints that the router never takes

PORT = ("/interface ethernet\nset [ find default-name=ether1 ] mac-address=48:8F:5A:5A:90:01 mtu=1500 name=ether1 "
        "orig-mac-address=48:8F:5A:5A:90:01\n")
PORT_ROWS = [{".id": "*1", "name": "ether1", "default-name": "ether1", "mac-address": "64:D1:54:00:00:01",
              "orig-mac-address": "64:D1:54:00:00:01", "mtu": "1500"}]


def test_a_read_only_field_of_a_verbose_v6_export_is_never_written():
    # the port's factory MAC: RouterOS 6 prints it and does not take it; the 7.x trees (the hint there) list it
    assert flat(src_plan(PORT, {"/interface/ethernet": PORT_ROWS}, "6.48.1")) == [
        "/interface/ethernet/set [find name=ether1] mac-address=48:8F:5A:5A:90:01"]
    done = [dict(PORT_ROWS[0], **{"mac-address": "48:8F:5A:5A:90:01"})]
    assert src_plan(PORT, {"/interface/ethernet": done}, "6.48.1") == []
    # a RouterOS 7 tree has it as a set argument: written there, as the tree says
    assert flat(src_plan(PORT, {"/interface/ethernet": PORT_ROWS}, "7.16")) == [
        "/interface/ethernet/set [find name=ether1] mac-address=48:8F:5A:5A:90:01 orig-mac-address=48:8F:5A:5A:90:01"]
