"""Secret values are recognised by the field's name (errors.is_secret) and hidden in words, free text and data."""

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import (
    MASK,
    TrapError,
    is_secret,
    redact_data,
    redact_text,
    redact_words,
)

SECRET = ["password", "private-key", "authentication-password", "encryption-password", "ipsec-secret", "secret",
          "passphrase", "security.passphrase", "wpa2-pre-shared-key", "psk", "key", "static-key-0", "key-val",
          "trap-community", "community", "tcp-md5-key", "auth-key", "management-protection-key", "otp-secret",
          "eab-key-b64", "secrets", "nv2-preshared-key", "paypal-signature", "ovpn-password", "Private_Key"]
NOT_SECRET = ["name", "comment", "public-key", "key-size", "key-usage", "key-id", "password-format",
              "minimum-password-length", "password-authentication", "private-key-file", "group-key-update",
              "token-refresh-handicap", "lacp-user-key", "reset-private-key", "remote-key", "ft-r0-key-lifetime",
              "certificate", "auth-method", ".id", "", None]


@pytest.mark.parametrize("name", SECRET)
def test_secret_names(name):
    assert is_secret(name)


@pytest.mark.parametrize("name", NOT_SECRET)
def test_names_users_need_to_see(name):
    assert not is_secret(name)


def test_words_attributes_and_queries():
    words = ["/interface/wireguard/add", "=private-key=CANARY", "=name=wg1", "?password=CANARY", "?>key=CANARY",
             "=public-key=visible", b"=ipsec-secret=CANARY"]
    shown = redact_words(words)
    assert "CANARY" not in " ".join(shown)
    assert "=name=wg1" in shown and "=public-key=visible" in shown and "=private-key=" + MASK in shown


def test_free_text_api_words_cli_commands_and_diff_lines():
    text = ('router error: x; command: /snmp/community/set =authentication-password=CANARY =name=c1\n'
            '/interface/wireguard/add private-key="CAN ARY" name=wg1\n  ipsec-secret=CANARY\n'
            "['/ppp/secret/add', '=password=CANARY']  [find psk=CANARY]")
    shown = redact_text(text)
    assert "CANARY" not in shown and "CAN ARY" not in shown
    assert "name=c1" in shown and "name=wg1" in shown


def test_data_keys_and_nested_texts():
    result = {"rows": [{"private-key": "CANARY", "public-key": "pub", "name": "wg1"}],
              "diff": {"before": "  private-key=CANARY\n"}, "commands": ["/x/set numbers=*1 psk=CANARY"],
              "failed_commands": [{"command": "/x/add secret=CANARY", "error": "failure"}],
              "enabled": True, "key": False, "count": 3}
    shown = redact_data(result)
    assert "CANARY" not in repr(shown)
    assert shown["rows"][0]["public-key"] == "pub" and shown["key"] is False and shown["count"] == 3
    assert result["rows"][0]["private-key"] == "CANARY"  # a copy: the input is untouched


def test_trap_error_hides_secret_attributes_by_rule():
    exc = TrapError([{"message": "failure"}], ["/interface/wireguard/add", "=private-key=CANARY", "=name=wg1"])
    assert "CANARY" not in str(exc) and "CANARY" not in " ".join(exc.command)


def test_a_list_of_secrets_is_hidden_whole():
    shown = redact_data({"secrets": ["CANARY", "CANARY2"], "names": ["a"]})
    assert shown == {"secrets": MASK, "names": ["a"]}


def test_a_secret_inside_another_value_and_base64_padding():
    shown = redact_text("?comment=wifi psk=CANARY; =comment=x,password=CANARY private-key=CANARY+/AA= name=n")
    assert "CANARY" not in shown and "AA=" not in shown and "name=n" in shown


def test_text_subclasses_as_ansible_hands_them_over():
    class Unsafe(str):
        pass

    shown = redact_data({"comment": Unsafe("psk=CANARY"), "private-key": Unsafe("CANARY")})
    assert "CANARY" not in repr(shown)


# Every argument of the RouterOS 7.24 command trees (with the extra packages) whose name looks like it could hold a
# secret, sorted by hand into secret or not; a new tree with a new such name fails here until it is sorted too.
TREE_NOT_SECRET = {
    "aaa.password-format", "allow-sharedkey", "enc-key-size", "ft-r0-key-lifetime", "group-key-update", "host-key-size",
    "host-key-type", "key-chain", "key-file-prefix", "key-id", "key-ids", "key-name", "key-size", "key-usage",
    "lacp-user-key", "minimum-password-length", "multi-passphrase-group", "no-key-export", "password-authentication",
    "password-characters", "password-format", "password-length", "private-key-file", "public-key", "public-key-file",
    "remote-key", "reset-private-key", "security.ft-r0-key-lifetime", "security.group-key-update",
    "security.multi-passphrase-group", "token-refresh-handicap", "publickey-authentication-options"}
LOOKS_SECRET = {"password", "passwords", "passphrase", "secret", "secrets", "psk", "key", "pin", "cak", "token",
                "community", "signature", "val", "b64"}


def _tree_arguments():
    import gzip
    import json
    import os
    trees = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                         "tools", "data", "routeros-command-trees")
    names = set()

    def walk(node):
        for name, child in node.items():
            if isinstance(child, dict):
                if child.get("_type") == "arg":
                    names.add(name)
                else:
                    walk(child)
    for filename in ("7.24.json.gz", "7.24-extra-packages.json.gz"):
        with gzip.open(os.path.join(trees, filename)) as fh:
            walk(json.load(fh))
    return names


def test_every_secret_argument_of_the_command_trees_is_hidden():
    import re
    candidates = sorted(n for n in _tree_arguments() if LOOKS_SECRET & set(re.split(r"[-.]", n)))
    assert len(candidates) > 80
    wrong = [n for n in candidates if is_secret(n) == (n in TREE_NOT_SECRET)]
    assert wrong == []


@pytest.mark.parametrize("name", ["cak", "pin", "sim-pin"])
def test_macsec_and_sim_secrets(name):
    assert is_secret(name)


def test_container_env_values_are_hidden():
    row = {"name": "app", "key": "DB_PASSWORD", "value": "hunter2"}
    assert redact_data({"rows": [row]})["rows"][0]["value"] == MASK
    assert redact_data({"rows": [{"name": "x", "value": "kept"}]})["rows"][0]["value"] == "kept"


def test_router_data_is_never_rewritten_only_secret_fields_masked():
    """Entries and rows keep their text as the router has it (a script source or a comment holding ``password=x``
    goes back byte for byte); only secret fields are masked; messages and commands are still redacted as text."""
    source = ':local password="x y"; /ppp/secret/add name=u password=$password passphrase="" key=abc'
    result = {"gathered": [{"name": "s", "source": source, "comment": "psk=abc", "password": "hunter2"}],
              "before": [{"source": source}], "after": [{"source": source}], "parsed": [{"source": source}],
              "rows": [{"comment": "key=k1,k2"}], "done": {"ret": "secret=1"},
              "ansible_facts": {"routeros_scripts": [{"source": source}]},
              "menus": [{"path": "/system/script", "gathered": [{"source": source}]}],
              "msg": "router error: secret=abc failure", "commands": ["/ppp/secret/add name=u password=abc"],
              "diff": {"before": "password=abc\n", "after": ""}}
    shown = redact_data(result)
    assert shown["gathered"] == [{"name": "s", "source": source, "comment": "psk=abc", "password": MASK}]
    for key in ("before", "after", "parsed"):
        assert shown[key] == [{"source": source}]
    assert shown["rows"] == [{"comment": "key=k1,k2"}] and shown["done"] == {"ret": "secret=1"}
    assert shown["ansible_facts"]["routeros_scripts"][0]["source"] == source
    assert shown["menus"][0]["gathered"][0]["source"] == source
    assert "abc" not in shown["msg"] and "abc" not in shown["commands"][0] and "abc" not in shown["diff"]["before"]


def test_running_config_as_json_is_masked_by_field_name():
    from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import redact_running_config
    text = '[{"name": "wg1", "private-key": "CANARY, with a comma", "comment": "x"}, {"secret": "S 1"}]'
    shown = redact_running_config(text)
    assert "CANARY" not in shown and "S 1" not in shown and '"comment": "x"' in shown
    assert redact_running_config("/ppp secret\nadd name=u password=CANARY\n") == \
        "/ppp secret\nadd name=u password=********\n"
    assert redact_running_config("[not json password=CANARY") == "[not json password=********"


@pytest.mark.parametrize("echo", ["%s", '"%s"', "%s", "value: %s."])
def test_a_trap_that_echoes_a_secret_hides_it_in_every_form(echo):
    secret = 'pa"ss w\u00e9$rd'
    forms = [secret, 'pa\\"ss w\\C3\\A9\\$rd', 'pa\\"ss w\\u00e9$rd', repr(secret)[1:-1]]
    for form in forms:
        exc = TrapError([{"message": "invalid value " + echo % form}], ["/interface/wireguard/peers/add",
                                                                        "=preshared-key=" + secret, "=name=p"])
        assert "ss w" not in str(exc) and "ss w" not in repr(exc.traps), (form, str(exc))
        assert MASK in exc.traps[0]["message"]
    short = TrapError([{"message": "bad value ab in about"}], ["/x/set", "=psk=ab"])
    assert short.traps[0]["message"] == "bad value ******** in about"


def test_rendered_commands_mask_secret_arguments_and_keep_quoted_text():
    comment = 'comment="wifi psk=PLAIN, password=\\"x\\" key=k"'
    shown = redact_data({"rendered": ["/ip/address/add address=192.0.2.1/24 %s interface=ether2" % comment,
                                      '/interface/wireguard/add name=wg1 private-key="CANARY x" %s' % comment,
                                      '/ppp/secret/add name=u password=CANARY service=any password=""']})
    assert shown["rendered"] == ["/ip/address/add address=192.0.2.1/24 %s interface=ether2" % comment,
                                 "/interface/wireguard/add name=wg1 private-key=******** %s" % comment,
                                 '/ppp/secret/add name=u password=******** service=any password=""']


def test_plain_entries_of_a_large_result_are_copied_and_secrets_still_masked():
    from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import MASK, redact_data

    entry = {"list": "bench", "address": "10.0.0.1", "comment": "password=kept as text", "disabled": False, "n": 3}
    got = redact_data({"before": [entry], "after": [dict(entry, secret="s3cret")],
                       "gathered": [{"name": "e", "key": "PASS", "value": "hunter2"}]})
    assert got["before"] == [entry] and got["before"][0] is not entry  # a copy, text untouched
    assert got["after"][0]["secret"] == MASK and got["after"][0]["comment"] == entry["comment"]
    assert got["gathered"][0]["value"] == MASK  # a /container/envs entry


def test_the_value_of_a_container_environment_variable_is_hidden_by_its_place():
    """``value`` is no secret by its name, but a /container/envs entry's value is (the variable's value): hidden in the
    API words, in console commands, in a result's commands and in export text under its section, nowhere else."""
    from ansible_collections.tikops.routeros.plugins.module_utils.core import errors
    assert errors.redact_words(["/container/envs/add", "=name=app", "=key=DB_PASSWORD", "=value=hunter2"])[-1] == (
        "=value=********")
    assert errors.redact_words(["/ip/firewall/layer7-protocol/add", "=value=x"])[-1] == "=value=x"
    assert "hunter2" not in errors.redact_command('/container/envs/add name=app key=DB value="hunter2"')
    shown = errors.redact_data({"commands": ["/container/envs/set [find key=DB] value=hunter2", "/ip/x/set value=ok"]})
    assert shown["commands"] == ["/container/envs/set [find key=********] value=********", "/ip/x/set value=ok"]
    text = "/container envs\nadd key=DB name=app value=hunter2\n/ip address\nadd address=192.0.2.1/24 comment=value=z"
    assert errors.redact_text(text) == ("/container envs\nadd key=******** name=app value=********\n/ip address\n"
                                        "add address=192.0.2.1/24 comment=value=z")
