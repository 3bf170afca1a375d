# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The /export reader (core/console.py): each idiom of real exports, the corpus of real exports in
tests/data/exports/ (every command line read, none dropped, each written back reads back the same), and round
trips of escapes and line continuations."""

import glob
import importlib.util
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.tikops.routeros.plugins.module_utils.core import console
from ansible_collections.tikops.routeros.plugins.module_utils.core import values as V
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted(glob.glob(str(ROOT / "tests" / "data" / "exports" / "*.rsc")))


def one(text):
    cmds = console.parse_export(text)
    assert len(cmds) == 1, cmds
    return cmds[0]


# -- selectors: which item a set acts on ------------------------------------------------------------------------


def test_default_name_renames_a_port():
    cmd = one("/interface ethernet\nset [ find default-name=ether1 ] comment=uplink name=wan\n")
    assert cmd["path"] == "/interface/ethernet" and cmd["verb"] == "set"
    assert cmd["selector"] == dict(kind="default-name", value="ether1",
                                   conditions=[dict(field="default-name", op="=", value="ether1")])
    assert cmd["find"] == {"default-name": "ether1"}
    assert cmd["attrs"] == {"comment": "uplink", "name": "wan"}
    assert cmd["positional"] == [] and cmd["words"] == [] and cmd["negated"] == []


def test_default_yes_is_the_built_in_item():
    cmd = one("/snmp community\nset [ find default=yes ] addresses=10.0.0.0/8 name=monitor\n")
    assert cmd["selector"]["kind"] == "default"
    assert cmd["find"] == {"default": "yes"}
    assert cmd["attrs"] == {"addresses": "10.0.0.0/8", "name": "monitor"}


@pytest.mark.parametrize("text, conditions", [
    ('[ find where name="a b" and comment~"^x" ]',
     [dict(field="name", op="=", value="a b"), dict(field="comment", op="~", value="^x")]),
    ("[ find interface=ether1 disabled=no ]",
     [dict(field="interface", op="=", value="ether1"), dict(field="disabled", op="=", value="no")]),
    ('[ find where interface!=ether1 and !dynamic and running ]',
     [dict(field="interface", op="!=", value="ether1"), dict(field="dynamic", op="=", value="no"),
      dict(field="running", op="=", value="yes")]),
    ("[find mtu>1500]", [dict(field="mtu", op=">", value="1500")]),
    ('[ find comment="a=b \\"c\\"" ]', [dict(field="comment", op="=", value='a=b "c"')]),
    ("[ find ]", []),
])
def test_find_with_conditions(text, conditions):
    cmd = one("/interface\nset %s mtu=1500\n" % text)
    assert cmd["conditions"] == conditions
    assert cmd["selector"] == dict(kind="find", conditions=conditions)
    assert cmd["find"] == dict((c["field"], c["value"]) for c in conditions if c["op"] == "=")


@pytest.mark.parametrize("menu, word, kind", [
    ("/system logging", "0", "id"),
    ("/port", "0", "id"),
    ("/interface ethernet switch port", "11", "id"),
    ("/ip route", "*1A", "id"),
    ("/ip address", "0,3,5", "id"),
    ("/disk", "slot1", "name"),
    ("/ip service", "telnet", "name"),
    ("/routing bgp instance", "default", "name"),
    ("/system lcd page", "time", "name"),
    ("/queue simple", '"RESTO RED"', "name"),
    ("/queue simple", '"0"', "name"),
])
def test_positional_ids_and_names(menu, word, kind):
    cmd = one("%s\nset %s disabled=yes\n" % (menu, word))
    assert cmd["selector"] == dict(kind=kind, value=word.strip('"'))
    assert cmd["positional"] == [word.strip('"')]  # what the first reader gave
    assert cmd["attrs"] == {"disabled": "yes"}


def test_a_settings_set_has_no_selector():
    cmd = one("/ip dns\nset allow-remote-requests=yes servers=1.1.1.1,9.9.9.9\n")
    assert cmd["selector"] is None and cmd["positional"] == []
    assert cmd["attrs"] == {"allow-remote-requests": "yes", "servers": "1.1.1.1,9.9.9.9"}


def test_remove_enable_disable_take_a_selector():
    cmds = console.parse_export("/user\nremove admin\n/ip firewall filter\nremove [ find comment=old ]\n"
                                "disable 3\nenable [ find where chain=input ]\n")
    assert [c["verb"] for c in cmds] == ["remove", "remove", "disable", "enable"]
    assert cmds[0]["selector"] == dict(kind="name", value="admin")
    assert cmds[1]["find"] == {"comment": "old"}
    assert cmds[2]["selector"] == dict(kind="id", value="3")
    assert cmds[3]["conditions"] == [dict(field="chain", op="=", value="input")]


# -- arguments: dotted shorthand, bare and negated words, bracket values ------------------------------------------


def test_dotted_prefix_shorthand_continues_the_previous_prefix():
    cmd = one("/routing bgp connection\n"
              "add as=65000 local.address=10.0.0.2 \\\n    .role=ebgp name=toCE1 remote.address=\\\n"
              "    10.0.0.1 .as=65500 output.default-originate=always\n")
    assert cmd["attrs"] == {"as": "65000", "local.address": "10.0.0.2", "local.role": "ebgp", "name": "toCE1",
                            "remote.address": "10.0.0.1", "remote.as": "65500",
                            "output.default-originate": "always"}
    cmd = one("/routing bgp vpn\nadd export.redistribute=connected,static .route-targets=65000:100 "
              "import.route-targets=65000:100 name=vrf1\n")
    assert cmd["attrs"]["export.route-targets"] == "65000:100"
    assert cmd["attrs"]["import.route-targets"] == "65000:100"
    cmd = one("/interface wifiwave2 configuration\nadd channel.skip-dfs-channels=all .width=20mhz name=c1\n")
    assert cmd["attrs"] == {"channel.skip-dfs-channels": "all", "channel.width": "20mhz", "name": "c1"}


def test_dotted_shorthand_without_a_prefix_is_an_error():
    with pytest.raises(UserInputError, match=r"line 2: \.role continues no dotted name"):
        console.parse_export("/routing bgp connection\nadd name=x .role=ebgp\n")


def test_bare_words_and_negated_words():
    cmd = one("/ip route\nadd blackhole dst-address=192.0.2.0/24\n")
    assert cmd["words"] == ["blackhole"] and cmd["attrs"] == {"dst-address": "192.0.2.0/24"}
    assert cmd["selector"] is None and cmd["positional"] == ["blackhole"]
    cmd = one("/ppp profile\nset *0 !keepalive-timeout only-one=default disabled\n")
    assert cmd["selector"] == dict(kind="id", value="*0")
    assert cmd["negated"] == ["keepalive-timeout"] and cmd["words"] == ["disabled"]
    assert cmd["positional"] == ["*0", "disabled", "!keepalive-timeout"]
    cmd = one("/routing table\nadd fib name=vrf1\n")
    assert cmd["words"] == ["fib"]
    # a quoted word is a value, never a negation
    assert one('/x\nadd "!y" z=1\n')["words"] == ["!y"]


def test_argument_names_with_a_slash_and_values_with_an_equals_sign():
    cmd = one("/interface wireless\nset [ find default-name=wlan1 ] basic-rates-a/g=6Mbps comment=a=b\n")
    assert cmd["attrs"] == {"basic-rates-a/g": "6Mbps", "comment": "a=b"}


def test_a_bracket_value_is_kept_as_written():
    cmd = one('/ip firewall filter\nadd chain=input place-before=[ find where comment="x y" ]\n')
    assert cmd["attrs"] == {"chain": "input", "place-before": '[ find where comment="x y" ]'}
    assert cmd["exprs"] == ["place-before"]


# -- lines: menus, verbs, continuations, comments, escapes, scripts -------------------------------------------------


def test_menus_of_several_words_and_verbs_on_the_menu_line():
    cmds = console.parse_export("/ip firewall filter\nadd chain=input\n"
                                "/interface bridge port add bridge=br1 interface=ether2\n"
                                "/ip/address/add address=192.0.2.1/24 interface=ether1\n"
                                "/ip/firewall/nat add action=masquerade chain=srcnat\n"
                                "add action=accept chain=dstnat\n")
    assert [(c["path"], c["verb"]) for c in cmds] == [
        ("/ip/firewall/filter", "add"), ("/interface/bridge/port", "add"), ("/ip/address", "add"),
        ("/ip/firewall/nat", "add"), ("/ip/firewall/nat", "add")]


def test_terse_style_every_line_carries_its_menu():
    text = ("# 2024-01-01 00:00:00 by RouterOS 7.16\n"
            "/interface bridge add name=bridge1 vlan-filtering=yes\n"
            "/interface ethernet set [ find default-name=ether1 ] name=wan\n"
            "/ip address add address=192.168.88.1/24 interface=bridge1 network=192.168.88.0\n"
            "/system identity set name=r1\n")
    cmds = console.parse_export(text)
    assert [(c["path"], c["verb"], c["line"]) for c in cmds] == [
        ("/interface/bridge", "add", 2), ("/interface/ethernet", "set", 3), ("/ip/address", "add", 4),
        ("/system/identity", "set", 5)]
    assert cmds[1]["selector"]["kind"] == "default-name"


def test_routeros6_menus():
    text = ("/routing filter\nadd action=accept chain=ospf-in prefix=10.0.0.0/8 prefix-length=8-32\n"
            "/routing ospf network\nadd area=backbone network=10.0.0.0/30\n"
            "/mpls ldp\nset enabled=yes lsr-id=10.255.0.1 transport-address=10.255.0.1\n"
            "/routing rip interface\nadd interface=ether2 passive=yes\n"
            "/tool user-manager customer\nset admin access=own-routers,own-users\n"
            "/routing bgp instance\nset default as=65530 router-id=10.255.0.1\n")
    cmds = console.parse_export(text)
    assert [c["path"] for c in cmds] == ["/routing/filter", "/routing/ospf/network", "/mpls/ldp",
                                         "/routing/rip/interface", "/tool/user-manager/customer",
                                         "/routing/bgp/instance"]
    assert cmds[4]["selector"] == dict(kind="name", value="admin")


def test_continuations_comments_and_crlf():
    text = ("# jan/02/1970 by RouterOS 6.49\r\n# software id = AB12-CD34\r\n#\r\n"
            "/interface wireless\r\n# managed by CAPsMAN\r\n"
            "set [ find default-name=wlan1 ] comment=\"a long \\\r\n    comment\" \\\r\n    disabled=no\r\n"
            "\r\n   # an indented comment\r\n"
            "add name=wlan2 \\\n    master-interface=wlan1\n")
    cmds = console.parse_export(text)
    assert [c["line"] for c in cmds] == [6, 11]
    assert cmds[0]["attrs"] == {"comment": "a long comment", "disabled": "no"}
    assert cmds[1]["attrs"] == {"name": "wlan2", "master-interface": "wlan1"}


def test_a_byte_order_mark_before_the_first_line():
    assert one("\ufeff# by RouterOS 7.16\n/system identity\nset name=r1\n")["attrs"] == {"name": "r1"}
    assert one("\ufeff/system identity set name=r1\n")["path"] == "/system/identity"


def test_escapes_the_console_writes():
    cmd = one('/ip address\nadd comment="caf\\C3\\A9\\_\\"q\\"\\\\\\$\\?\\t\\07" address=192.0.2.1/24\n')
    assert cmd["attrs"]["comment"] == 'caf\u00e9 "q"\\$?\t\x07'


def test_a_multi_line_script():
    text = ('/system script\nadd dont-require-permissions=no name=backup owner=admin policy=\\\n'
            '    ftp,reboot,read,write source="/system backup save name=\\$[/system identity get name]\\r\\\n'
            '    \\n:log info \\"done\\"\\r\\\n    \\n# a comment in the script\\r\\\n    \\n"\n')
    cmd = one(text)
    assert cmd["attrs"]["policy"] == "ftp,reboot,read,write"
    assert cmd["attrs"]["source"] == ('/system backup save name=$[/system identity get name]\r\n'
                                      ':log info "done"\r\n# a comment in the script\r\n')


def test_verbose_export_lines():
    cmd = one("/ip firewall filter\nadd action=accept chain=input !connection-bytes !connection-limit "
              "connection-state=established disabled=no log=no log-prefix=\"\"\n")
    assert cmd["negated"] == ["connection-bytes", "connection-limit"]
    assert cmd["attrs"]["log-prefix"] == "" and cmd["attrs"]["connection-state"] == "established"


# -- errors name the line number and the text --------------------------------------------------------------------


@pytest.mark.parametrize("text, reason", [
    ("/ip address\n\nfrobnicate x=1\n", "line 3: unknown command 'frobnicate' in /ip/address"),
    ('/ip address\n# c\nadd comment="oops\n', "line 3: unterminated quoted value"),
    ("/ip address\nadd x=1 ]\n", r"line 2: a \] closes no \["),
    ("/ip address\nset [ find x=1 comment=y\n", r"line 2: a \[ is not closed"),
    ("add address=192.0.2.1/24\n", "line 1: a command before any /menu line"),
    ("/ip address\nadd x=1 x=2\n", "line 2: x is given twice"),
    ("/ip address\nset [ find x=1 or y=2 ] z=1\n", "line 2: 'or' in a find is not read"),
    ("/ip address\nadd x=1 [ /interface find ]\n", r"line 2: the bracket expression \[ /interface find \]"),
    ("/ip address\nset [ find x=1 ] [ find y=2 ]\n", "line 2: the bracket expression"),
])
def test_errors_name_the_line_and_the_text(text, reason):
    with pytest.raises(console.ExportError, match=reason) as info:
        console.parse_export(text)
    line = int(re.search(r"line (\d+)", reason).group(1))
    assert info.value.line == line
    assert info.value.text == text.split("\n")[line - 1].strip()
    assert repr(info.value.text) in str(info.value)


def test_read_export_goes_on_after_a_line_it_cannot_read():
    commands, problems = console.read_export("/ip address\nadd address=192.0.2.1/24\nfrob\n"
                                             "add address=192.0.2.2/24 \\\n    comment=\"x\nadd address=192.0.2.3/24\n")
    assert [c["attrs"]["address"] for c in commands] == ["192.0.2.1/24", "192.0.2.3/24"]
    assert [(p.line, p.reason) for p in problems] == [(3, "unknown command 'frob' in /ip/address"),
                                                      (4, "unterminated quoted value")]


# -- the corpus of real exports -----------------------------------------------------------------------------------

# a logical line that only opens a menu (counted independently of the reader)
_MENU_LINE = re.compile(r"/[\w./-]*( +[\w][\w.-]*)* *\Z")


def _command_lines(text):
    """The command lines of an export, joined and counted without the reader."""
    lines = []
    joined = ""
    for raw in text.replace("\r\n", "\n").split("\n"):
        raw = raw.strip(" \t")
        if not joined and (not raw or raw.startswith("#")):
            continue
        tail = len(raw) - len(raw.rstrip("\\"))
        if tail % 2:
            joined += raw[:-1]
            continue
        lines.append(joined + raw)
        joined = ""
    return [ln for ln in lines if not (_MENU_LINE.match(ln) and not set(re.split(r"[ /]", ln)) & set(console.VERBS))]


def test_the_corpus_is_there():
    assert len(CORPUS) >= 30
    sources = (ROOT / "tests" / "data" / "exports" / "SOURCES.md").read_text(encoding="utf-8")
    for path in CORPUS:
        assert "| %s |" % os.path.basename(path) in sources, "%s has no line in SOURCES.md" % path


@pytest.mark.parametrize("path", CORPUS, ids=[os.path.basename(p) for p in CORPUS])
def test_every_command_line_of_a_real_export_is_read(path):
    with open(path, encoding="utf-8", errors="surrogateescape", newline="") as handle:
        text = handle.read()
    commands, problems = console.read_export(text)
    assert problems == []
    expected = _command_lines(text)
    assert len(commands) == len(expected) > 0
    assert [c["text"] for c in commands] == expected
    for cmd in commands:
        line = console.render_command(cmd)
        assert "\n" not in line
        back = one("# written back\n" + line)
        assert dict(back, line=cmd["line"], text=cmd["text"]) == cmd, line


def test_corpus_covers_the_idioms():
    kinds = set()
    seen = dict(dotted=0, negated=0, words=0, conditions=0, v6=0, v7=0)
    for path in CORPUS:
        with open(path, encoding="utf-8", errors="surrogateescape") as handle:
            text = handle.read()
        seen["v6" if re.search(r"by RouterOS 6|^/routing ospf network", text, re.M) else "v7"] += 1
        for cmd in console.parse_export(text):
            if cmd["selector"]:
                kinds.add(cmd["selector"]["kind"])
            # a dotted name written as its shorthand (.role after local.address) is read in full (local.role)
            assert not [k for k in cmd["attrs"] if k.startswith(".") and k != ".id"], cmd["text"]
            seen["dotted"] += sum(1 for k in cmd["attrs"] if "." in k[1:] and (k + "=") not in cmd["text"]
                                  and re.search(r"(^| )\.%s=" % re.escape(k.rsplit(".", 1)[1]), cmd["text"]))
            seen["negated"] += bool(cmd["negated"])
            seen["words"] += bool(cmd["words"])
            seen["conditions"] += len(cmd["conditions"])
    assert kinds == {"default-name", "default", "find", "id", "name"}
    assert all(n > 0 for n in seen.values()), seen


def test_the_report_tool_and_docs_agree():
    spec = importlib.util.spec_from_file_location("export_report", ROOT / "tools" / "export_report.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    rows = [tool.report(p) for p in CORPUS]
    assert all(r["read"] == r["lines"] and not r["problems"] for r in rows)
    docs = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    assert docs == tool.markdown_report(rows), "regenerate: .venv/bin/python " + tool.COMMAND


# -- round trips: escapes and continuations ------------------------------------------------------------------------

_TEXT = st.text(st.one_of(st.sampled_from(list('"\\$?[]=#;{} \t\n\r_!.,/') + ["\u00e9", "\u2028", "\x85", "\x00"]),
                          st.characters(blacklist_categories=("Cs",))), max_size=40)


def _wrap(line, cuts):
    """Break ``line`` as the export does: a backslash at the end of a line, the rest indented on the next; never
    inside an escape nor before a blank (the next line's indent is dropped)."""
    allowed = []
    i = 0
    while i < len(line):
        if line[i] == "\\":
            m = re.match(r"\\([0-9A-Fa-f]{2}|.)", line[i:], re.S)
            i += len(m.group(0))
        else:
            i += 1
        if 0 < i < len(line) and line[i] not in " \t":
            allowed.append(i)
    points = sorted(set(allowed[c % len(allowed)] for c in cuts)) if allowed else []
    out = []
    last = 0
    for p in points:
        out.append(line[last:p] + "\\")
        last = p
    out.append(line[last:])
    return "\n    ".join(out)


@settings(max_examples=300, deadline=None)
@given(comment=_TEXT, name=_TEXT, cuts=st.lists(st.integers(min_value=0), max_size=6), crlf=st.booleans())
def test_escapes_and_continuations_round_trip(comment, name, cuts, crlf):
    line = "add chain=input comment=%s log-prefix=%s" % (V.console_value(comment), V.console_value(name))
    text = "/ip firewall filter\n" + _wrap(line, cuts) + "\n"
    if crlf:
        text = text.replace("\n", "\r\n")
    cmd = one(text)
    assert cmd["attrs"] == {"chain": "input", "comment": comment, "log-prefix": name}


_NAME = st.from_regex(r"[a-z][a-z0-9-]{0,8}(\.[a-z][a-z0-9-]{0,6})?", fullmatch=True)


@settings(max_examples=200, deadline=None)
@given(attrs=st.dictionaries(_NAME, _TEXT, max_size=5), words=st.lists(_TEXT.filter(bool), max_size=2),
       negated=st.lists(_NAME, max_size=2, unique=True),
       selector=st.one_of(st.none(), st.builds(lambda v: dict(kind="name", value=v), _TEXT.filter(bool)),
                          st.builds(lambda v: dict(kind="id", value=str(v)), st.integers(0, 999)),
                          st.builds(lambda c: dict(kind="find", conditions=c), st.lists(
                              st.builds(lambda f, o, v: dict(field=f, op=o, value=v), _NAME,
                                        st.sampled_from(["!=", "~", "<", ">"]), _TEXT), max_size=3))))
def test_render_command_reads_back_the_same(attrs, words, negated, selector):
    verb = "set" if selector is not None else "add"
    cmd = dict(path="/a/b-c", verb=verb, attrs=attrs, words=words, negated=negated, selector=selector)
    back = one(console.render_command(cmd))
    assert back["attrs"] == attrs and back["words"] == words and back["negated"] == negated
    assert back["selector"] == selector
    assert back["path"] == "/a/b-c" and back["verb"] == verb
