# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""State rendered writes RouterOS console text, state parsed reads it: names are checked, values escaped as /export
escapes them, exports are read back byte for byte, and a rendered -> parsed round trip gives the config back."""

import random
import re

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.converge import engine as E
from ansible_collections.tikops.routeros.plugins.module_utils.converge import planner as PL
from ansible_collections.tikops.routeros.plugins.module_utils.core import console
from ansible_collections.tikops.routeros.plugins.module_utils.core import values as V
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError
from ansible_collections.tikops.routeros.plugins.module_utils.core.protocol import FallbackText
from ansible_collections.tikops.routeros.plugins.module_utils.menu import task
from ansible_collections.tikops.routeros.plugins.modules import interfaces as IF
from ansible_collections.tikops.routeros.plugins.modules import ip_addresses as IP
from support.ctx import NoRouter


def menu_rendered(path, config, keys=None):
    return task.run_menu(NoRouter(path=path, state="rendered", config=config, keys=keys))["rendered"]


def menu_parsed(path, text):
    return task.run_menu(NoRouter(path=path, state="parsed", running_config=text))["parsed"]


# -- rendered: names and paths are checked ------------------------------------------------------------------


@pytest.mark.parametrize("name", [
    "comment;/system/reboot;x=1",
    "comment\n/system reset-configuration\nx",
    "comment\r/system reset-configuration",
    "comment /system/reboot",
    "Comment",
    "comment=x",
    "comment\u2028x",
    "comment]",
    "-comment",
    "comment..x",
])
def test_rendered_refuses_a_field_name_that_is_not_an_argument_name(name):
    # the menu module's input checks may refuse it first; the rendered text is checked either way
    with pytest.raises(UserInputError) as info:
        menu_rendered("/ip/firewall/filter", [{"chain": "input", name: "x"}])
    assert repr(name) in str(info.value)
    assert re.search("is not a RouterOS (argument|field) name", str(info.value))
    op = E.Op(E.ADD, "/ip/firewall/filter", attrs={"chain": "input", name: "x"})
    with pytest.raises(UserInputError) as info:
        E.console_command(op)
    assert "field name %r is not a RouterOS argument name" % name in str(info.value)
    op = E.Op(E.SET, "/ip/service", where={name: "www"}, attrs={"port": "81"})
    with pytest.raises(UserInputError, match="is not a RouterOS argument name"):
        E.console_command(op)
    op = E.Op(E.UNSET, "/ip/firewall/filter", where={"comment": "a"}, fields=("protocol", name))
    with pytest.raises(UserInputError, match="is not a RouterOS argument name"):
        E.console_command(op)


def test_rendered_refuses_a_key_that_is_not_an_argument_name():
    key = "name\n/system reset-configuration"
    with pytest.raises(UserInputError) as info:
        menu_rendered("/ip/service", [{key: "www", "port": 81}], keys=[key])
    assert repr(key) in str(info.value)


def test_console_command_shows_every_verb_escaped():
    op = E.Op(E.SET, "/ip/service", where={"name": "w w"}, attrs={"port": "81", "comment": "a\nb"})
    assert E.console_command(op) == '/ip/service/set [find name="w w"] port=81 comment="a\\nb"'
    assert E.console_command(op, {"port": "********"}) == '/ip/service/set [find name="w w"] port=********'
    op = E.Op(E.UNSET, "/ip/firewall/filter", where={"comment": "$x"}, fields=("protocol", "dst-port"))
    assert E.console_command(op) == '/ip/firewall/filter/unset [find comment="\\$x"] value-name=protocol,dst-port'
    op = E.Op(E.MOVE, "/ip/firewall/filter", target="*1;", destination="*2")
    assert E.console_command(op) == '/ip/firewall/filter/move numbers="*1;" destination=*2'
    op = E.Op(E.SET, "/system/identity", attrs={"name": "r\u00e9"})
    assert E.console_command(op) == '/system/identity/set name="r\\C3\\A9"'


@pytest.mark.parametrize("path", ["/ip/firewall/filter;/system/reboot", "/ip/firewall/filter$x", "/ip/Address",
                                  '/ip/"address"'])
def test_rendered_refuses_a_path_that_is_not_a_menu_path(path):
    with pytest.raises(UserInputError) as info:
        menu_rendered(path, [{"comment": "x"}])
    assert "is not a RouterOS menu path" in str(info.value)
    assert repr(path) in str(info.value)


def test_engine_render_checks_path_field_and_find_names():
    menu = PL.Menu("/ip/address\n/system reset-configuration", keys=("address",))
    with pytest.raises(UserInputError, match="is not a RouterOS menu path"):
        PL.render([PL.Desired(menu, {"address": "10.0.0.1/24"})]).commands
    menu = PL.Menu("/ip/address", keys=("address",))
    with pytest.raises(UserInputError, match=r"'comment\\n/system reboot' is not a RouterOS argument name"):
        PL.render([PL.Desired(menu, {"address": "10.0.0.1/24", "comment\n/system reboot": "x"})]).commands
    fixed = PL.Menu("/interface/ethernet", keys=("name",), fixed=True)
    with pytest.raises(UserInputError, match="is not a RouterOS argument name"):
        PL.render([PL.Desired(fixed, {"name": "wan"}, find={"default-name;/system/reboot": "ether1"})]).commands


def test_real_argument_names_and_menu_paths_are_accepted():
    # names as the command trees write them: dotted groups, '/' inside a group, a leading digit
    for name in ("mac-address", "channel.width", "basic-rates-a/g", "802.3-type", "bcast.l1.metric", "3gpp"):
        assert V.check_field_name(name) == name
    for path in ("/ip/firewall/filter", "/interface/6to4", "/interface/wifi/configuration", "/system/identity"):
        assert V.check_menu_path(path) == path
    for bad in ("", "/", "ip/address", "/ip//address", "/ip/address/", "/ip/.id", "/ip/add ress"):
        with pytest.raises(UserInputError):
            V.check_menu_path(bad)
    for bad in ("", ".id", ".proplist", "a b", "a\tb", "ä"):
        with pytest.raises(UserInputError):
            V.check_field_name(bad)
    cmds = menu_rendered("/interface/wifi", [{"name": "w1", "channel.width": "20mhz", "basic-rates-a/g": "6Mbps"}])
    assert cmds == ["/interface/wifi/add name=w1 channel.width=20mhz basic-rates-a/g=6Mbps"]


# -- rendered: values are escaped as /export escapes them ------------------------------------------------------


@pytest.mark.parametrize("value,text", [
    ("ether1", "ether1"),
    ("192.168.88.1/24", "192.168.88.1/24"),
    ("00:11:22:33:44:55", "00:11:22:33:44:55"),
    ("a,b", "a,b"),
    ("", '""'),
    ("a b", '"a b"'),
    ('say "hi"', '"say \\"hi\\""'),
    ("C:\\dir", '"C:\\\\dir"'),
    ("$var", '"\\$var"'),
    ("what?", '"what\\?"'),
    ("a\nb\r\tc", '"a\\nb\\r\\tc"'),
    ("a;b", '"a;b"'),
    ("#x", '"#x"'),
    ("k=v", '"k=v"'),
    ("[find]", '"[find]"'),
    ("\x00\x01\x07\x08\x0b\x0c\x1b\x1f\x7f", '"\\00\\01\\07\\08\\0B\\0C\\1B\\1F\\7F"'),
    ("caf\u00e9", '"caf\\C3\\A9"'),
    ("\u20ac", '"\\E2\\82\\AC"'),
    ("a\u2028b\u2029c\x85d", '"a\\E2\\80\\A8b\\E2\\80\\A9c\\C2\\85d"'),
    ("\U0001F600", '"\\F0\\9F\\98\\80"'),
])
def test_console_value_escapes_as_export_does(value, text):
    assert V.console_value(value) == text


def test_console_value_writes_fallback_text_as_its_own_bytes():
    value = FallbackText(b"caf\xe9", "cp1252")
    assert value == "caf\u00e9"
    assert V.console_value(value) == '"caf\\E9"'


def test_rendered_value_with_control_characters_stays_on_one_line():
    cmds = menu_rendered("/ip/firewall/filter", [{"chain": "input", "comment": "x\n/system reset-configuration\r\x1b"}])
    assert cmds == ['/ip/firewall/filter/add chain=input comment="x\\n/system reset-configuration\\r\\1B"']


def test_rendered_key_values_in_find_are_escaped():
    cmds = menu_rendered("/interface/ethernet", [{"name": 'we "x"\n', "comment": "caf\u00e9"}])
    assert cmds == ['/interface/ethernet/set [find name="we \\"x\\"\\n"] comment="caf\\C3\\A9"']


def test_resource_rendered_values_are_escaped():
    rendered = IF.run(NoRouter(state="rendered", config=[
        dict(name="br\n/system reset-configuration", type="bridge", comment="$a?")]))["rendered"]
    assert rendered == ['/interface/bridge/add name="br\\n/system reset-configuration" comment="\\$a\\?"']
    rendered = IP.run(NoRouter(state="rendered", config=[
        dict(address="192.0.2.1/24", interface="ether1", comment="\u00e9\t")]))["rendered"]
    assert rendered == ['/ip/address/add address=192.0.2.1/24 interface=ether1 comment="\\C3\\A9\\t"']


def test_rendered_secrets_stay_masked():
    cmds = menu_rendered("/ppp/secret", [{"name": "u 1", "password": "p\nw"}])
    assert cmds == ['/ppp/secret/add name="u 1" password=********']


# -- parsed: escapes, types, lines -----------------------------------------------------------------------------


def test_parsed_hex_escapes_are_utf8_bytes():
    cmds = console.parse_export('/ip address\nadd address=1.1.1.1 comment="caf\\C3\\A9 \\E2\\82\\AC \\F0\\9F\\98\\80"\n')
    assert cmds[0]["attrs"]["comment"] == "caf\u00e9 \u20ac \U0001F600"


def test_parsed_bytes_that_are_not_utf8_keep_their_bytes():
    cmds = console.parse_export('/ip address\nadd address=1.1.1.1 comment="caf\\E9"\n')
    comment = cmds[0]["attrs"]["comment"]
    assert comment == "caf\u00e9"  # read as cp1252, as the API session's fallback does
    assert isinstance(comment, FallbackText) and comment.raw == b"caf\xe9"
    assert V.console_value(comment) == '"caf\\E9"'


def test_parsed_escapes_of_the_console():
    cmds = console.parse_export('/ip address\nadd comment="\\"\\\\\\$\\?\\n\\r\\t\\_\\07\\1B"\n')
    assert cmds[0]["attrs"]["comment"] == '"\\$?\n\r\t \x07\x1b'


@pytest.mark.parametrize("word", ["true", "false", "yes", "no", "No", "TRUE", "on", "off"])
def test_parsed_free_text_stays_text(word):
    text = "/ip firewall filter\nadd chain=input comment=%s disabled=yes log=no\n" % word
    assert menu_parsed("/ip/firewall/filter", text) == [
        {"chain": "input", "comment": word, "disabled": True, "log": False}]
    text = '/interface bridge\nadd name=%s comment="%s"\n' % (word, word)
    assert menu_parsed("/interface/bridge", text) == [{"name": word, "comment": word}]
    text = "/system identity\nset name=%s\n" % word
    assert menu_parsed("/system/identity", text) == {"name": word}
    text = "/interface ethernet\nset [ find default-name=ether1 ] name=%s\n" % word
    assert menu_parsed("/interface/ethernet", text) == [{"default-name": "ether1", "name": word}]


def test_parsed_field_of_unknown_type_keeps_its_text():
    text = "/no/such/menu\nadd enabled=yes name=no\n"
    assert menu_parsed("/no/such/menu", text) == [{"enabled": "yes", "name": "no"}]


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\r"])
def test_parsed_only_newlines_end_a_line(sep):
    text = "/ip firewall filter\nadd comment=a%sadd chain=forward\n" % sep
    cmds = console.parse_export(text)
    assert len(cmds) == 1
    assert cmds[0]["attrs"] == {"comment": "a%sadd" % sep, "chain": "forward"}
    assert menu_parsed("/ip/firewall/filter", text) == [{"comment": "a%sadd" % sep, "chain": "forward"}]
    text = "/ip firewall filter\nadd chain=input comment=a%s/system reset-configuration\n" % sep
    assert [c["path"] for c in console.parse_export(text)] == ["/ip/firewall/filter"]


def test_parsed_crlf_and_line_continuations():
    text = ('/ip firewall filter\r\nadd chain=input comment="a long \\\r\n    comment" \\\r\n    disabled=yes\r\n'
            'add chain=forward comment="ends in a backslash\\\\"\r\n'
            'add chain=output comment="odd backslashes \\\\\\\n    go on"\r\n')
    assert menu_parsed("/ip/firewall/filter", text) == [
        {"chain": "input", "comment": "a long comment", "disabled": True},
        {"chain": "forward", "comment": "ends in a backslash\\"},
        {"chain": "output", "comment": "odd backslashes \\go on"}]


def test_parsed_lines_are_numbered_as_in_the_text():
    with pytest.raises(UserInputError, match="line 4: unknown command 'frobnicate'"):
        console.parse_export("# header\n/ip address\n\nfrobnicate x=1\n")


# -- rendered -> parsed round trip over random values ---------------------------------------------------------

_PIECES = (
    [chr(c) for c in range(0x20, 0x7F)] + [chr(c) for c in range(0x00, 0x20)] + ["\x7f"]
    + ['"', "\\", "$", "?", " ", "=", ";", "#", "[", "]", "{", "}", "'", "\\\\", '\\"', "\\n", "\\C3\\A9", "$(x)"]
    + ["\u00e9", "\u00a0", "\u20ac", "\u65e5\u672c", "\U0001F600", "\u2028", "\u2029", "\x85", "\u0301", "\ufeff",
       "\u0436", "\ufffd"]
    + ["true", "false", "yes", "No", "on", "off", "add", "set", "/system reboot", "[find]", "\\\n"]
)


def _random_text(rng):
    if rng.random() < 0.1:
        return rng.choice(["true", "false", "yes", "no", "No", "TRUE", "Off", "on", "1", "0", "none"])
    out = []
    for dummy in range(rng.randint(1, 12)):
        roll = rng.random()
        if roll < 0.6:
            out.append(rng.choice(_PIECES))
        elif roll < 0.8:
            out.append(chr(rng.randint(0x80, 0xD7FF)))
        else:
            out.append(chr(rng.choice([rng.randint(0xE000, 0xFFFF), rng.randint(0x10000, 0x10FFFF)])))
    return "".join(out)


def _cases(seed, count):
    rng = random.Random(seed)
    return [(_random_text(rng), _random_text(rng)) for dummy in range(count)]


def _check_round_trip(a, b):
    config = [{"chain": "input", "comment": a}, {"chain": "forward", "comment": b, "log-prefix": a}]
    rendered = menu_rendered("/ip/firewall/filter", config)
    assert all("\n" not in line and "\r" not in line for line in rendered)
    assert menu_parsed("/ip/firewall/filter", "\n".join(rendered)) == config

    config = [{"name": a, "comment": b}]
    assert menu_parsed("/interface/bridge", "\n".join(menu_rendered("/interface/bridge", config))) == config
    config = [{"name": a, "comment": b}]
    assert menu_parsed("/interface/ethernet", "\n".join(menu_rendered("/interface/ethernet", config))) == config
    config = {"name": a}
    assert menu_parsed("/system/identity", "\n".join(menu_rendered("/system/identity", config))) == config

    config = [dict(name=a, type="bridge", comment=b)]
    rendered = IF.run(NoRouter(state="rendered", config=config))["rendered"]
    assert IF.run(NoRouter(state="parsed", running_config="\r\n".join(rendered)))["parsed"] == config

    config = [dict(address="192.0.2.1/24", interface=a, comment=b)]
    rendered = IP.run(NoRouter(state="rendered", config=config))["rendered"]
    assert IP.run(NoRouter(state="parsed", running_config="\n".join(rendered)))["parsed"] == [
        dict(config[0], network="192.0.2.0", disabled=False)]


@pytest.mark.parametrize("seed", range(6))
def test_rendered_then_parsed_gives_the_config_back(seed):
    failures = []
    for a, b in _cases(seed, 200):
        try:
            _check_round_trip(a, b)
        except (AssertionError, UserInputError) as exc:
            failures.append((a, b, str(exc)[:200]))
    assert failures == [], "%d of 200 cases failed, first: %r" % (len(failures), failures[:3])


def test_round_trip_of_single_characters():
    # every ASCII character and a few others, alone and around a quote and a backslash
    for c in [chr(i) for i in range(0x80)] + ["\u00e9", "\u2028", "\x85", "\U0001F600"]:
        for value in (c, c + '"', "\\" + c, c * 3):
            _check_round_trip(value, "x" + value)
