# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``state: parsed`` of an export as a whole: the ``menus`` items it makes, the mapping ``src:`` applies. Offline."""

import glob
import os

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError
from ansible_collections.tikops.routeros.plugins.module_utils.menu import export_in
from ansible_collections.tikops.routeros.plugins.module_utils.menu import planner as P
from ansible_collections.tikops.routeros.plugins.modules import menu as M
from support.ctx import NoRouter

EXPORTS = sorted(glob.glob(os.path.join(os.path.dirname(__file__), "..", "data", "exports", "*.rsc")))
TEXT = """# by RouterOS 7.16
/interface bridge
add name=bridge1
/interface ethernet
set [ find default-name=ether1 ] name=wan
/ip address
add address=10.0.0.1/24 interface=bridge1
/ip dns
set servers=1.1.1.1
/ip firewall filter
remove [ find comment=old ]
"""


def parsed(**params):
    return M.run(NoRouter(state="parsed", **params))


def test_an_export_without_path_gives_the_menus_items_in_its_order():
    got = parsed(running_config=TEXT)
    assert got["changed"] is False
    assert [item["path"] for item in got["parsed"]] == [
        "/interface/bridge", "/interface/ethernet", "/ip/address", "/ip/dns", "/ip/firewall/filter"]
    by_path = dict((item["path"], item) for item in got["parsed"])
    assert by_path["/interface/bridge"]["config"] == [{"name": "bridge1"}]
    assert by_path["/interface/ethernet"]["config"] == [{"default-name": "ether1", "name": "wan"}]
    assert by_path["/ip/dns"]["config"] == {"servers": "1.1.1.1"}
    assert by_path["/ip/firewall/filter"]["state"] == "deleted"
    assert "state" not in by_path["/ip/address"]  # the task's state applies when the items are given to menus


def test_src_export_text_and_path_limit_it_to_one_menu():
    src = export_in.ExportText(name="core1.rsc", text=TEXT)
    got = parsed(config=src, path="/ip/address")
    assert got["parsed"] == [{"path": "/ip/address", "config": [{"address": "10.0.0.1/24", "interface": "bridge1"}]}]
    assert parsed(config=src)["parsed"] == parsed(running_config=TEXT)["parsed"]


@pytest.mark.parametrize("params,message", [
    (dict(), "reads running_config"),
    (dict(running_config='[{"address": "10.0.0.1/24"}]'), "is not one"),
    (dict(running_config="# nothing\n"), "is not one"),
    (dict(config=export_in.ExportText(name="core1.rsc", text=TEXT), path="/ip/route"),
     "src: core1.rsc configures no menu /ip/route"),
])
def test_what_is_no_export_is_refused_by_name(params, message):
    with pytest.raises(UserInputError, match=message):
        parsed(**params)


@pytest.mark.parametrize("path", EXPORTS, ids=os.path.basename)
def test_every_corpus_export_parses_to_the_items_src_applies(path):
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    try:
        applied = export_in.menus_from_export(text, "merged")
    except UserInputError as exc:  # what src: refuses, parsed refuses with the same words
        with pytest.raises(UserInputError) as err:
            parsed(running_config=text)
        assert str(err.value) == str(exc)
        return
    items = parsed(running_config=text)["parsed"]
    removed = set(a["path"] for a in applied if a["state"] == "deleted")
    applied = [a for a in applied if not (a["path"] in removed and a["state"] != "deleted" and not a["config"])]
    assert [(i["path"], i["config"]) for i in items] == [(a["path"], a["config"]) for a in applied]
    assert all(set(i) <= {"path", "config", "state"} for i in items)  # what menus items take
    for state in ("merged", "overridden"):  # given back to menus, each menu once
        assert len(P.scopes_from_params(dict(state=state, menus=items))) == len(items)
