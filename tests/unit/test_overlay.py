# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The overlay of hand-kept menu facts (tools/data/menu-overlay.yaml -> plugins/module_utils/catalog/overlay.py):
every fact names its source, the generated module is what the data file gives, the facts name real menus and
fields, and no fact is written again as a literal in plugins/ or simulator/."""

import ast
import copy
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.catalog import catalog
from ansible_collections.tikops.routeros.plugins.module_utils.catalog import overlay
from ansible_collections.tikops.routeros.plugins.module_utils.menu import planner as P

ROOT = Path(__file__).resolve().parents[2]
GEN = ROOT / "tools" / "gen_menu_overlay.py"
CHECK = ROOT / "tools" / "check_menu_tables.py"
DATA = ROOT / "tools" / "data" / "menu-overlay.yaml"
GENERATED = {Path("plugins/module_utils/catalog/overlay.py"), Path("plugins/module_utils/catalog/data.py")}
# Files that still repeat an overlay fact while another change moves them onto the catalog; an entry here must
# still hold (the test fails once the file is clean, so the entry is removed then).
PENDING = set()  # files that still repeat a fact, while they move to lookups (none now)


def load(path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def gen():
    return load(GEN)


@pytest.fixture(scope="module")
def data(gen):
    return gen.load(str(DATA))


def test_the_generated_module_is_what_the_data_file_gives():
    out = subprocess.run([sys.executable, str(GEN), "--check"], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert "up to date" in out.stdout


def test_a_stale_module_is_reported(tmp_path):
    stale = tmp_path / "overlay.py"
    stale.write_text((ROOT / "plugins/module_utils/catalog/overlay.py").read_text().replace('"8728"', '"8729"'))
    out = subprocess.run([sys.executable, str(GEN), "--check", "--output", str(stale)], capture_output=True, text=True,
                         check=False)
    assert out.returncode == 1 and "out of date" in out.stderr


def test_every_fact_names_a_source_of_a_known_kind(gen, data):
    gen.check(data)  # raises on a fact without a source, a source of no kind, an unused source
    found = gen.facts(data)
    assert len(found) > 200
    kinds = set()
    for section, key, _value, source in found:
        text = gen.resolve(data, source, "%s %s" % (section, key))
        kinds.add(text.split(":", 1)[0])
    assert kinds <= {"manual", "export", "tree", "choice"}
    assert {"manual", "choice"} <= kinds


@pytest.mark.parametrize("breakage,message", [
    (lambda d: d["keys"]["/ip/address"].pop("source"), "keys /ip/address: missing source"),
    (lambda d: d["service_ports"]["api"].update(source="the manual"), "service_ports api: source 'the manual' is neither"),
    (lambda d: d["defaults"]["/ip/dns"]["servers"].update(source="choice: why"), "says too little"),
    (lambda d: d["sources"].update(orphan="manual: a page that no fact names at all"), "sources not named by any fact: orphan"),
    (lambda d: d["v6"]["menus"]["/snmp"].update(kind="fixed"), "v6 menus /snmp: kind 'fixed' is not one of"),
    (lambda d: d["service_ports"]["ssh"].update(source="export: tests/data/exports/nosuch.rsc, /ip service"),
     "service_ports ssh: its source names tests/data/exports/nosuch.rsc, which is not in the repository"),
])
def test_the_generator_refuses_facts_without_a_proper_source(gen, data, breakage, message):
    broken = copy.deepcopy(data)
    breakage(broken)
    with pytest.raises(gen.OverlayError, match=re.escape(message)):
        gen.render(broken)


def test_the_facts_name_real_menus_and_fields():
    assert load(CHECK).problems() == []


def test_the_checker_reports_wrong_facts(monkeypatch):
    check = load(CHECK)
    monkeypatch.setitem(overlay.VALUES, "/interface/l2tp-client", {"allow": "pap|chap"})
    monkeypatch.setitem(overlay.DEFAULTS, "/interface/bridge", {"protocol-mode": "rstp2"})
    monkeypatch.setitem(overlay.SERVICE_PORTS, "api", "api")
    monkeypatch.setitem(overlay.KINDS, "src-address", "prefix")
    monkeypatch.setattr(overlay, "REF_FIELDS", overlay.REF_FIELDS | {"intreface"})
    monkeypatch.setattr(overlay, "V6_ORDERED", overlay.V6_ORDERED | {"/ip/pool"})
    found = check.problems()
    assert any(line.startswith("/interface/l2tp-client: the trees now describe allow") for line in found), found
    assert "/interface/bridge: reset value of protocol-mode: 'rstp2' is not one of none|rstp|stp|mstp" in found
    assert "/ip/service: the port of api, 'api', is not a port number" in found
    assert "comparison kind of 'src-address': no menu of KIND_MENUS has that field in any RouterOS 7 tree" in found
    assert "reference field 'intreface' is not a writable field of any menu in any RouterOS 7 tree" in found
    assert "/ip/pool: ordered on RouterOS 6 (V6_ORDERED), but RouterOS 7.24+extra has no move for it" in found


def test_the_planner_resets_a_service_port_from_the_overlay(monkeypatch):
    res = P.Resolved(P.Scope("/ip/service", "replaced", [{"name": "api"}], None, None, "", None), "7.16", [])
    assert res.default("port", {"name": "api"}) == "8728"
    monkeypatch.setitem(overlay.SERVICE_PORTS, "api", "18728")
    assert res.default("port", {"name": "api"}) == "18728"
    assert res.default("max-sessions", {"name": "api"}) == overlay.DEFAULTS["/ip/service"]["max-sessions"]


def test_the_catalog_takes_a_value_description_only_where_every_tree_has_none():
    f = catalog.menu("/interface/bridge", "7.16").fields["protocol-mode"]
    assert f.words == tuple(overlay.VALUES["/interface/bridge"]["protocol-mode"].split("|"))
    assert "'rstp2'" in f.check_value("rstp2")
    assert catalog.newest_field("/interface/bridge", "protocol-mode") is not None
    assert catalog.newest_field("/interface/bridge", "nosuch") is None


def test_the_simulator_boots_its_services_from_the_overlay():
    from ansible_collections.tikops.routeros.simulator.rosim import defaults, menus  # pylint: disable=import-outside-toplevel
    assert [name for name, _disabled in defaults.SERVICES] == list(overlay.SERVICE_PORTS)
    mode = [f for f in menus.BRIDGE.all_fields if f.name == "protocol-mode"][0]
    assert tuple(mode.choices) == catalog.newest_field("/interface/bridge", "protocol-mode").words
    assert mode.default == overlay.DEFAULTS["/interface/bridge"]["protocol-mode"]


# ---------------------------------------------------------------------------------------------------------
# No fact of the overlay is written again as a literal in plugins/ or simulator/


def _sources():
    for top in ("plugins", "simulator"):
        for dirpath, _dirs, files in os.walk(ROOT / top):
            for name in sorted(files):
                path = Path(dirpath) / name
                if name.endswith(".py") and path.relative_to(ROOT) not in GENERATED:
                    yield path.relative_to(ROOT), path.read_text()


def repeated_facts():
    """{(file, what)} for every overlay fact a file writes again as a literal: a service with its port, the words
    of a value description or of a RouterOS 6 field (three words or more) as a tuple/list/set, the /ip/service
    max-sessions reset value next to its name."""
    found = set()
    words = dict((frozenset(desc.split("|")), "words of %s %s" % (path, name))
                 for path, fields in overlay.VALUES.items() for name, desc in fields.items())
    for path in overlay.V6_MENUS:
        for name, info in catalog.v6_menu(path).fields.items():
            if info.words and len(info.words) >= 3:
                words[frozenset(info.words)] = "words of RouterOS 6 %s %s" % (path, name)
    sessions = ("max-sessions", overlay.DEFAULTS["/ip/service"]["max-sessions"])
    for rel, text in _sources():
        for name, port in overlay.SERVICE_PORTS.items():
            if re.search(r'["\']%s["\']\s*[,:]\s*["\']?%s\b' % (re.escape(name), port), text):
                found.add((str(rel), "port of %s" % name))
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.Tuple, ast.List, ast.Set)) and node.elts and all(
                    isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
                what = words.get(frozenset(e.value for e in node.elts))
                if what:
                    found.add((str(rel), what))
            pairs = []
            if isinstance(node, ast.Dict):
                pairs = list(zip(node.keys, node.values))
            elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Subscript):
                pairs = [(node.targets[0].slice, node.value)]
            for key, value in pairs:
                if isinstance(key, ast.Constant) and isinstance(value, ast.Constant) and (key.value, value.value) == sessions:
                    found.add((str(rel), "/ip/service max-sessions reset value"))
    return found


def test_no_overlay_fact_is_a_literal_in_plugins_or_the_simulator():
    found = repeated_facts()
    assert found - PENDING == set(), "write these as lookups in catalog/overlay.py instead"
    assert PENDING - found == set(), "these files no longer repeat the fact: remove them from PENDING"


def test_the_literal_scan_finds_a_repeated_fact(tmp_path, monkeypatch):
    # the scan is real: the old planner's dict and the old simulator tuple would be found
    fake = [(Path("plugins/x.py"), 'PORTS = {"telnet": "23", "ftp": "21"}\n'),
            (Path("simulator/y.py"), 'SERVICES = [("api", 8728, False)]\nMODES = ("none", "rstp", "stp", "mstp")\n'
                                     'item["max-sessions"] = "20"\nTRAPS = ["1", "2", "3"]\nBOOL = ("yes", "no")\n')]
    monkeypatch.setattr(sys.modules[__name__], "_sources", lambda: iter(fake))
    assert repeated_facts() == {("plugins/x.py", "port of telnet"), ("plugins/x.py", "port of ftp"),
                                ("simulator/y.py", "port of api"),
                                ("simulator/y.py", "words of /interface/bridge protocol-mode"),
                                ("simulator/y.py", "/ip/service max-sessions reset value"),
                                ("simulator/y.py", "words of RouterOS 6 /snmp trap-version")}
