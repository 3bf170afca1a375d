# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reading a ``src`` file (JSON or YAML) on the controller: bounded, and every refusal names the file."""

import json

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError
from ansible_collections.tikops.routeros.plugins.plugin_utils import action


def bomb(levels=9, width=9):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels + 1):
        lines.append("a%d: &a%d [%s]" % (i, i, ", ".join(["*a%d" % (i - 1)] * width)))
    return ("\n".join(lines) + "\n").encode()


def test_a_yaml_alias_bomb_is_refused_before_it_is_built():
    raw = bomb()
    assert len(raw) < 800
    with pytest.raises(UserInputError, match=r"src: bomb.yml expands to more than \d+ YAML nodes through its aliases"):
        action.load_data_file(raw, "bomb.yml")


def test_aliases_within_reason_are_read():
    raw = b"base: &base {chain: input, action: accept}\nrules:\n  - *base\n  - {<<: *base, action: drop}\n"
    data = action.load_data_file(raw, "rules.yml")
    assert data["rules"] == [{"chain": "input", "action": "accept"}, {"chain": "input", "action": "drop"}]
    assert action.load_data_file(bomb(levels=3), "small.yml")["a3"][0][0][0] == ["lol"] * 9


@pytest.mark.parametrize("text", ["[" * 100000 + "]" * 100000, "{\"a\": " * 100000 + "1" + "}" * 100000,
                                  "- " * 30000 + "x"])
def test_deep_nesting_names_the_file(text):
    with pytest.raises(UserInputError, match=r"src: deep.json (nests lists and mappings too deeply|is not valid)"):
        action.load_data_file(text.encode(), "deep.json")


def test_size_encoding_and_syntax_errors_name_the_file(monkeypatch):
    monkeypatch.setattr(action, "MAX_SRC_BYTES", 100)
    with pytest.raises(UserInputError, match="src: big.json is larger than"):
        action.load_data_file(json.dumps([{"name": "x" * 200}]).encode(), "big.json")
    with pytest.raises(UserInputError, match=r"src: bad.yml is not UTF-8 text \(byte 3\)"):
        action.load_data_file(b"a: \xff", "bad.yml")
    with pytest.raises(UserInputError, match="src: bad.yml is not valid YAML at line 2, column"):
        action.load_data_file(b"a: 1\n b: [\n", "bad.yml")
