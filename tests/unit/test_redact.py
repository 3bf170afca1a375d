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
