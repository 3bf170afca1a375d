# -*- coding: utf-8 -*-
"""The command module's logic without a router: words, read/write, streams, check mode, traps."""

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.tasks import command as C
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import TrapError, UserInputError


def req(**params):
    return C.build_request(params)


def test_structured_options_become_words():
    r = req(path="/ip/address", command="add", attributes={"address": "192.0.2.1/24", "interface": "ether1",
                                                           "disabled": True, "comment": None})
    assert r.words == ["/ip/address/add", "=address=192.0.2.1/24", "=interface=ether1", "=disabled=yes"]
    assert r.verb == "add" and not r.is_read and not r.streams


def test_print_defaults_and_query_forms():
    r = req(path="ip address", query={"interface": "ether1", "dynamic": False}, proplist=["address"])
    assert r.words == ["/ip/address/print", "=.proplist=address", "?interface=ether1", "?dynamic=false"]
    assert r.is_read
    assert C.query_words(["type=ether", "?type=vlan", "#|"]) == ["?type=ether", "?type=vlan", "?#|"]
    assert C.query_words({"type": ["ether", "vlan", "bridge"], "comment": None}) == [
        "?type=ether", "?type=vlan", "?type=bridge", "?#||", "?-comment"]
    with pytest.raises(UserInputError):
        C.query_words([""])
    with pytest.raises(UserInputError):
        req(path="/ip/address", command="remove", query={"a": "b"})


def test_flag_attributes_are_bare():
    r = req(path="/interface", command="monitor-traffic", attributes={"interface": "ether1", "once": True})
    assert r.words == ["/interface/monitor-traffic", "=interface=ether1", "=once="]
    assert r.is_read and not r.streams
    r = req(path="/interface", command="monitor-traffic", attributes={"interface": "ether1", "once": False})
    assert r.words == ["/interface/monitor-traffic", "=interface=ether1"]
    assert r.streams


def test_streams_and_read_only():
    assert req(path="/ip/address", command="listen").streams
    assert req(words=["/log/print", "=follow-only="]).streams
    assert req(path="/", command="ping", attributes={"address": "192.0.2.1"}).streams
    assert not req(path="/", command="ping", attributes={"address": "192.0.2.1", "count": 3}).streams
    assert req(path="/", command="ping").words[0] == "/ping"
    assert req(path="/system/script", command="run", read_only=True).is_read
    assert not req(path="/ip/address", command="print", read_only=False).is_read


@pytest.mark.parametrize("params", [
    dict(path="/", command="ping", attributes={"address": "192.0.2.1", "count": 3}),
    dict(path="/tool", command="ping", attributes={"address": "192.0.2.1", "count": 3}),
    dict(path="/tool", command="traceroute", attributes={"address": "192.0.2.1", "count": 1}),
    dict(path="/tool", command="torch", attributes={"interface": "ether1", "duration": "3s"}),
    dict(path="/tool/sniffer", command="quick", attributes={"interface": "ether1", "duration": "3s"}),
    dict(path="/tool", command="profile", attributes={"duration": "2s"}),
    dict(words=["/ping", "=address=::1", "=count=1"]),
])
def test_diagnostics_are_reads(params):
    r = req(**params)
    assert r.is_read and not r.streams
    s = OneShot(Res([{"status": "ok"}], {}))
    out = C.run(params, True, lambda: s)  # check mode runs them
    assert out["changed"] is False and out["sent"] is True and len(s.sent) == 1
    assert not req(read_only=False, **params).is_read


@pytest.mark.parametrize("params", [
    dict(path="/", command="ping", attributes={"address": "192.0.2.1"}),
    dict(path="/tool", command="traceroute", attributes={"address": "192.0.2.1"}),
    dict(path="/tool", command="torch", attributes={"interface": "ether1"}),
    dict(path="/tool/sniffer", command="quick", attributes={"interface": "ether1"}),
    dict(path="/tool", command="profile"),
])
def test_unbounded_diagnostics_stream(params):
    assert req(**params).streams
    with pytest.raises(UserInputError, match="max_rows or duration"):
        C.run(params, True, lambda: OneShot(None))


@pytest.mark.parametrize("params", [
    dict(path="/tool", command="bandwidth-test", attributes={"address": "192.0.2.1", "duration": "5s"}),
    dict(path="/interface/ethernet", command="cable-test", attributes={"numbers": "ether1", "once": True}),
    dict(path="/interface/wireless", command="scan", attributes={"numbers": "wlan1", "duration": 5}),
    dict(path="/ppp/profile", command="add", attributes={"name": "quick"}),
    dict(path="/interface/bridge", command="quick"),
])
def test_disruptive_tools_and_lookalikes_stay_writes(params):
    assert not req(**params).is_read
    s = OneShot(Res([], {}))
    out = C.run(params, True, lambda: s)
    assert s.sent == [] and out["sent"] is False and out["changed"] is True
    assert req(read_only=True, **params).is_read


def test_attribute_values():
    assert C.attribute_value("vlan-ids", [10, 20]) == "10,20"
    assert C.attribute_value("mtu", 1500.0) == "1500"
    assert C.attribute_value("detail", True) == ""
    with pytest.raises(UserInputError):
        C.attribute_value("x", {"a": 1})


def test_words_must_start_with_a_command():
    with pytest.raises(UserInputError):
        req(words=["=name=x"])
    with pytest.raises(UserInputError):
        req(attributes={"a": "b"})


class Res:
    def __init__(self, rows, done):
        self.rows, self.done = rows, done


class OneShot:
    def __init__(self, outcome):
        self.outcome = outcome
        self.sent = []

    def send_words(self, words):
        self.sent.append(list(words))
        session = self

        class Cmd:
            def result(self):
                if isinstance(session.outcome, Exception):
                    raise session.outcome
                return session.outcome
        return Cmd()


def test_check_mode_skips_writes_and_runs_reads():
    s = OneShot(Res([], {"ret": "*5"}))
    out = C.run(dict(path="/ip/address", command="add", attributes={"address": "192.0.2.1/24"}), True, lambda: s)
    assert s.sent == [] and out["changed"] is True and out["sent"] is False and "check mode" in out["msg"]
    out = C.run(dict(path="/ip/address", command="print"), True, lambda: s)
    assert s.sent == [["/ip/address/print"]] and out["changed"] is False and out["sent"] is True
    out = C.run(dict(path="/ip/address", command="add"), False, lambda: s)
    assert out["ret"] == "*5" and out["changed"] is True


def test_streaming_without_bound_is_refused():
    with pytest.raises(UserInputError) as err:
        C.run(dict(path="/ip/address", command="listen"), False, lambda: OneShot(None))
    assert "max_rows or duration" in str(err.value)


def test_trap_becomes_a_failure_with_message_category_and_redacted_command():
    words = ["/user/add", "=name=bob", "=password=hunter2", "=group=nope"]
    s = OneShot(TrapError([{"message": "input does not match any value of group", "category": "1"}], words))
    out = C.run(dict(words=words), False, lambda: s)
    assert out["failed"] is True
    assert out["message"] == "input does not match any value of group"
    assert out["category"] == "1" and out["category_name"] == "argument value failure"
    assert out["command"] == ["/user/add", "=name=bob", "=password=********", "=group=nope"]
    assert "hunter2" not in repr(out)


def test_params_for_invocation_hide_secrets():
    shown = C.redact_params(dict(attributes={"name": "bob", "password": "hunter2", "comment": None},
                                 words=["/user/add", "=password=hunter2"], path="/user"))
    assert shown["attributes"] == {"name": "bob", "password": "********", "comment": None}
    assert shown["words"] == ["/user/add", "=password=********"]
    assert "hunter2" not in repr(shown)
