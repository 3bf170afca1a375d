"""Connection options: ConnectionParams and its key, the connection plugin's option sources, the attach sentence,
and the broker's tag rewriting and peer check (pure logic, no sockets to a router)."""

import os
import struct

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.api import persist
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import TrapError, UserInputError
from ansible_collections.tikops.routeros.plugins.module_utils.api.options import ConnectionParams
from ansible_collections.tikops.routeros.plugins.module_utils.core.protocol import SentenceDecoder, SentenceSplitter, encode_sentence
from ansible_collections.tikops.routeros.plugins.plugin_utils import action, broker


# -- ConnectionParams -------------------------------------------------------------------------------------


def test_default_ports_follow_tls():
    assert ConnectionParams("r1").effective_port == 8728
    assert ConnectionParams("r1", tls=True).effective_port == 8729
    assert ConnectionParams("r1", port=1234, tls=True).effective_port == 1234


@pytest.mark.parametrize("change", [
    dict(username="other"), dict(password="other"), dict(port=8729), dict(tls=True), dict(validate_certs=False),
    dict(ca_path="/ca.pem"), dict(force_no_cert=True), dict(encoding="latin-1"), dict(host="r2"),
])
def test_every_connection_setting_changes_the_key(change):
    base = dict(host="r1", username="admin", password="pw")
    changed = dict(base, **change)
    assert ConnectionParams(**base).key() != ConnectionParams(**changed).key()


def test_the_key_holds_no_password_in_clear():
    key = ConnectionParams("r1", password="hunter2-secret").key()
    assert "hunter2-secret" not in repr(key)
    assert ConnectionParams("r1", password="hunter2-secret").key() == key
    assert "hunter2" not in repr(ConnectionParams("r1", password="hunter2-secret"))


def test_bad_values_are_refused():
    with pytest.raises(UserInputError):
        ConnectionParams("")
    with pytest.raises(UserInputError):
        ConnectionParams("r1", port=70000)
    with pytest.raises(UserInputError):
        ConnectionParams("r1", encoding="no-such-codec")


# -- the attach sentence ----------------------------------------------------------------------------------


def test_attach_words_round_trip():
    params = ConnectionParams("r1.example", port=9000, username="ops", password="a=b c", tls=True,
                              validate_certs=False, ca_path="/etc/ca.pem", timeout=3.5, encoding="latin-1")
    words = persist.attach_words(params, idle_timeout=12, owner_pid=4242)
    assert words[0] == "/tikops/attach"
    assert "=idle-timeout=12.0" in words and "=owner-pid=4242" in words
    attrs = broker.text_attrs([w.encode() for w in words])
    again = persist.params_from_attrs(attrs)
    assert again.key() == params.key()
    assert again.timeout == 3.5 and again.password == "a=b c"


# -- the connection plugin's options ----------------------------------------------------------------------


RESOLVE = r"""
import json, os, sys
from ansible.plugins.loader import connection_loader, init_plugin_loader
from ansible.playbook.play_context import PlayContext
init_plugin_loader()
out = []
for case in json.load(sys.stdin):
    saved = dict(os.environ)
    os.environ.update(case.get("env", {}))
    conn = connection_loader.get("tikops.routeros.api", PlayContext(), "/dev/null")
    conn.set_options(var_options=case.get("vars", {}))
    p = conn.connection_params()
    out.append(dict(params=p.as_dict(), port=p.effective_port, persistence=list(conn.persistence()),
                    transport=conn.transport, remote_is_local=conn._remote_is_local,
                    force_persistence=conn.force_persistence, supports_persistence=conn.supports_persistence))
    os.environ.clear()
    os.environ.update(saved)
print(json.dumps(out))
"""

CASES = {
    "standard": dict(vars={"inventory_hostname": "core1", "ansible_host": "192.0.2.1", "ansible_port": 8000,
                           "ansible_user": "ops", "ansible_password": "pw"}),
    "defaults": dict(vars={"inventory_hostname": "core1", "ansible_routeros_tls": True}),
    "env": dict(vars={"inventory_hostname": "core1"}, env={
        "ANSIBLE_ROUTEROS_TLS": "true", "ANSIBLE_ROUTEROS_VALIDATE_CERTS": "false",
        "ANSIBLE_ROUTEROS_PERSISTENT": "false", "ANSIBLE_ROUTEROS_PERSISTENT_IDLE_TIMEOUT": "5",
        "ANSIBLE_ROUTEROS_PERSISTENT_DIR": "/tmp/somewhere", "ANSIBLE_ROUTEROS_ENCODING": "latin-1",
        "ANSIBLE_REMOTE_USER": "envuser"}),
    "vars-win": dict(vars={"inventory_hostname": "core1", "ansible_routeros_tls": False,
                           "ansible_routeros_timeout": 2.5}, env={"ANSIBLE_ROUTEROS_TLS": "true"}),
}


@pytest.fixture(scope="module")
def resolved():
    """The connection plugin's options for each case, resolved by ansible-core in a fresh interpreter (the
    collection loader must own the import of the plugin)."""
    import json
    import subprocess
    import sys

    env = dict((k, v) for k, v in os.environ.items() if not k.startswith("ANSIBLE_"))
    proc = subprocess.run([sys.executable, "-c", RESOLVE], input=json.dumps(list(CASES.values())), env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    return dict(zip(CASES, json.loads(proc.stdout)))


def test_plugin_options_from_the_standard_variables(resolved):
    got = resolved["standard"]
    params = got["params"]
    assert (params["host"], got["port"], params["username"], params["password"]) == ("192.0.2.1", 8000, "ops", "pw")
    assert got["transport"] == "tikops.routeros.api"
    assert got["persistence"][0] is True and got["persistence"][1] == 60.0


def test_plugin_defaults_and_tls_port(resolved):
    got = resolved["defaults"]
    params = got["params"]
    assert params["host"] == "core1" and params["username"] == "admin" and params["password"] == ""
    assert params["tls"] and got["port"] == 8729
    assert params["validate_certs"] and params["validate_cert_hostname"] and params["timeout"] == 10.0


def test_plugin_options_from_environment(resolved):
    got = resolved["env"]
    params = got["params"]
    assert params["tls"] and not params["validate_certs"] and params["encoding"] == "latin-1"
    assert params["username"] == "envuser"
    assert got["persistence"] == [False, 5.0, "/tmp/somewhere"]


def test_variables_win_over_environment(resolved):
    params = resolved["vars-win"]["params"]
    assert not params["tls"] and params["timeout"] == 2.5


def test_remote_is_local_and_not_ansible_persistent(resolved):
    got = resolved["standard"]
    assert got["remote_is_local"] is True
    assert got["force_persistence"] is False and got["supports_persistence"] is False


# -- the broker's tag rewriting -----------------------------------------------------------------------------


class FakeWriter:
    def __init__(self, creds=None):
        self.data = b""
        self.closed = False
        self.creds = creds

    def write(self, data):
        self.data += data

    def is_closing(self):
        return self.closed

    def close(self):
        self.closed = True

    def get_extra_info(self, name):
        return FakeSock(self.creds) if name == "socket" else None

    def sentences(self):
        out = SentenceDecoder().feed(self.data)
        self.data = b""
        return out


class FakeSock:
    def __init__(self, creds):
        self.creds = creds

    def getsockopt(self, level, option, size):
        return struct.pack("3i", *self.creds)


def relay(sess, *sentences):
    """The router sends ``sentences`` in one read: what the session's read loop does with them (split, route each,
    write each client's share at once). Returns what route() said of each."""
    batch = {}
    said = [sess.route(span, batch) for span in SentenceSplitter().feed(b"".join(encode_sentence(w) for w in sentences))]
    broker.flush(batch)
    return said


def make_session():
    b = broker.Broker("/nonexistent")
    sess = broker.RouterSession(b, ("k",), ConnectionParams("r1"), 60)
    sess.writer = FakeWriter()
    return sess


def test_client_tags_are_prefixed_and_replies_routed_back():
    sess = make_session()
    a, b = broker.Client(b"c1", FakeWriter()), broker.Client(b"c2", FakeWriter())
    sess.add_client(a)
    sess.add_client(b)
    sess.from_client(a, [b"/ip/address/print", b".tag=1"])
    sess.from_client(b, [b"/ip/address/print", b".tag=1"])
    sess.from_client(a, [b"/system/identity/print"])
    sent = sess.writer.sentences()
    assert sent == [[b"/ip/address/print", b".tag=c1.1"], [b"/ip/address/print", b".tag=c2.1"],
                    [b"/system/identity/print", b".tag=c1.~1"]]
    relay(sess, [b"!re", b".tag=c2.1", b"=address=10.0.0.1/24"])
    relay(sess, [b"!done", b".tag=c1.~1", b"=ret=x"])
    relay(sess, [b"!done", b".tag=c1.1"])
    assert b.writer.sentences() == [[b"!re", b".tag=1", b"=address=10.0.0.1/24"]]
    assert a.writer.sentences() == [[b"!done", b"=ret=x"], [b"!done", b".tag=1"]]
    assert a.outstanding == set() and b.outstanding == {b"c2.1"}
    # many rows in one read, for both clients in turn, the tag anywhere in the sentence: each client gets its own,
    # in order, each with only its tag word replaced
    rows = [[b"!re", b"=.id=*%X" % i, b".tag=c%d.1" % (1 + i % 3 // 2), b"=comment=" + b"x" * (i * 40)]
            for i in range(12)]
    assert relay(sess, *(rows + [[b"!done", b".tag=c2.1"], [b"!re", b".tag=b.3"], [b"!done", b".tag=c9.1"]])) == [False] * 15
    assert b.writer.sentences() == [[w if w[:5] != b".tag=" else b".tag=1" for w in r] for r in rows if b".tag=c2.1" in r] + [
        [b"!done", b".tag=1"]]
    assert a.writer.sentences() == [[w if w[:5] != b".tag=" else b".tag=1" for w in r] for r in rows if b".tag=c1.1" in r]
    assert b.outstanding == set()


def test_login_quit_and_cancel_from_a_client():
    sess = make_session()
    a = broker.Client(b"c1", FakeWriter())
    sess.add_client(a)
    sess.from_client(a, [b"/login", b"=name=admin", b"=password=x", b".tag=9"])
    assert a.writer.sentences() == [[b"!done", b".tag=9"]]
    assert sess.writer.sentences() == []  # never reaches the router
    sess.from_client(a, [b"/ip/address/listen", b".tag=5"])
    sess.from_client(a, [b"/cancel", b"=tag=5", b".tag=6"])
    assert sess.writer.sentences()[1] == [b"/cancel", b"=tag=c1.5", b".tag=c1.6"]
    sess.from_client(a, [b"/cancel", b".tag=7"])  # cancel all: only this client's commands
    cancels = sess.writer.sentences()
    assert sorted(c[1] for c in cancels) == [b"=tag=c1.5", b"=tag=c1.6"]
    assert all(c[2].startswith(b".tag=b.") for c in cancels)
    assert a.writer.sentences() == [[b"!done", b".tag=7"]]
    sess.from_client(a, [b"/quit"])
    assert a.writer.sentences() == [[b"!fatal", b"session terminated on request"]] and a.writer.closed


def test_a_departing_client_has_its_commands_cancelled_and_late_replies_absorbed():
    sess = make_session()
    a, b = broker.Client(b"c1", FakeWriter()), broker.Client(b"c2", FakeWriter())
    sess.add_client(a)
    sess.add_client(b)
    sess.from_client(a, [b"/ip/address/listen", b".tag=1"])
    sess.writer.sentences()
    sess.remove_client(a)
    (cancel,) = sess.writer.sentences()
    assert cancel[:2] == [b"/cancel", b"=tag=c1.1"]
    relay(sess, [b"!trap", b".tag=c1.1", b"=category=2", b"=message=interrupted"])
    relay(sess, [b"!done", b".tag=" + cancel[2][5:]])
    assert a.writer.data == b"" and b.writer.data == b""


def test_a_fatal_from_the_router_reaches_every_client():
    sess = make_session()
    a = broker.Client(b"c1", FakeWriter())
    sess.add_client(a)
    assert relay(sess, [b"!re", b".tag=c1.4", b"=name=x"], [b"!fatal", b"out of memory"]) == [False, True]
    assert a.writer.sentences() == [[b"!re", b".tag=4", b"=name=x"], [b"!fatal", b"out of memory"]]


def test_peers_of_another_uid_are_refused():
    b = broker.Broker("/nonexistent")
    assert b.peer_ok(FakeWriter((1, os.getuid(), 0)))
    assert not b.peer_ok(FakeWriter((1, os.getuid() + 1, 0)))


def test_error_categories():
    from ansible_collections.tikops.routeros.plugins.module_utils.core import errors

    assert broker.error_category(errors.LoginError("x")) == "login"
    assert broker.error_category(errors.RouterTimeout("x")) == "timeout"
    assert broker.error_category(errors.ConnectError("x")) == "connect"
    assert persist.ERROR_CATEGORIES["login"] is errors.LoginError


# -- the action base ---------------------------------------------------------------------------------------


def test_router_errors_become_failed_results():
    trap = TrapError([{"message": "failure: already have such address", "category": "1"}],
                     ["/ip/address/add", "=address=10.0.0.1/24", "=password=x"])
    result = action.error_result(trap)
    assert result["failed"] and result["message"] == "failure: already have such address"
    assert result["category"] == "1" and result["category_name"] == "argument value failure"
    assert "=password=********" in result["command"]


def test_module_spec_adds_the_connection_options():
    class Module:
        ARGUMENT_SPEC = dict(path=dict(type="str"))

    spec = action.module_spec(Module)
    assert spec["path"] == dict(type="str")
    assert spec["password"]["no_log"] is True and "hostname" in spec
