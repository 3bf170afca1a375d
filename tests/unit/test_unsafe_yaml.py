"""to_unsafe_yaml: every value loads back through Ansible's own YAML loader as exactly what was written, and text
that could be a template is tagged !unsafe (so Ansible never renders it)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ansible.errors import AnsibleFilterError
from ansible.parsing.utils.yaml import from_yaml
from ansible_collections.tikops.routeros.plugins.filter.unsafe_yaml import to_unsafe_yaml

# any code point YAML can carry (lone surrogates cannot be written in YAML at all)
TEXT = st.text(st.characters(blacklist_categories=("Cs",)))
SCALARS = st.none() | st.booleans() | st.integers() | TEXT
DATA = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
                    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(DATA)
def test_any_data_loads_back_unchanged(data):
    assert from_yaml(to_unsafe_yaml({"v": data})) == {"v": data}


@pytest.mark.parametrize("text", ["{{ lookup('pipe', 'id') }}", "{% if 1 %}x{% endif %}", "{# c #}", "a{{b"])
def test_template_text_is_tagged(text):
    out = to_unsafe_yaml({"comment": text, text: 1})
    assert out.count("!unsafe ") == 2, out


@pytest.mark.parametrize("key", ["A\n", "name\n", "a\r", "x\n\n"])
def test_a_key_that_ends_with_a_line_break_keeps_it(key):
    assert from_yaml(to_unsafe_yaml({"v": {key: None}})) == {"v": {key: None}}


@pytest.mark.parametrize("text", ["yes", "No", "1", "0x1f", "1.5", "~", "null", "", "2024-01-01"])
def test_text_yaml_would_read_as_another_type_stays_text(text):
    assert from_yaml(to_unsafe_yaml({"v": text})) == {"v": text}


def test_lone_surrogate_names_where():
    with pytest.raises(AnsibleFilterError, match=r"data\.menus\[1\]\.comment"):
        to_unsafe_yaml({"menus": [{}, {"comment": "\udcff"}]})


def test_not_data():
    with pytest.raises(AnsibleFilterError, match="set"):
        to_unsafe_yaml({"v": {1, 2}})
