"""The module option max_in_flight bounds the commands outstanding on the router connection over the
tikops.routeros.api connection too, kept by the session broker or not. A proxy between the controller and the
simulator reads the API sentences both ways and counts the tagged commands still waiting for their !done."""

import socket
import threading

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.core.protocol import SentenceDecoder
from support.playbook import run_playbook
from support.rosim import Simulator

PASSWORD = "Fl1ght-Pw"


class CountingProxy:
    """A TCP proxy that records, for every command the client sends, how many tagged commands are outstanding on
    that connection once it is sent (``sent``: a list of (command words, outstanding)). Commands of one write are
    counted before the write goes on, and a !done is counted before it goes back, so the count is what the router
    has been asked and not yet answered."""

    def __init__(self, target):
        self.target = target
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.host, self.port = self.listener.getsockname()
        self.lock = threading.Lock()
        self.sent = []
        self.socks = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                down, dummy = self.listener.accept()
            except OSError:
                return
            up = socket.create_connection(self.target, timeout=30)
            up.settimeout(None)
            self.socks += [down, up]
            outstanding = set()
            threading.Thread(target=self._pump, args=(down, up, outstanding, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(up, down, outstanding, False), daemon=True).start()

    def _pump(self, src, dst, outstanding, from_client):
        decoder = SentenceDecoder()
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                with self.lock:
                    for words in decoder.feed(data):
                        tags = [w[5:] for w in words if w[:5] == b".tag="]
                        if not tags:
                            continue
                        if from_client and words[0][:1] == b"/":
                            outstanding.add(tags[0])
                            self.sent.append(([w.decode("utf-8", "replace") for w in words], len(outstanding)))
                        elif not from_client and words[0] == b"!done":
                            outstanding.discard(tags[0])
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (src, dst):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def peak(self, marker):
        """The most commands outstanding when a command with the word ``marker`` went out."""
        with self.lock:
            return max(count for words, count in self.sent if marker in words)

    def close(self):
        self.listener.close()
        for sock in self.socks:
            sock.close()


@pytest.fixture(scope="module")
def sim():
    # every reply comes 50 ms after its command: commands sent together are outstanding together, whatever the load
    with Simulator(identity="flight-r1", password=PASSWORD, latency_ms=50) as s:
        yield s


def entries(name, count):
    return [{"list": name, "address": "10.%d.0.%d" % (len(name), i + 1)} for i in range(count)]


@pytest.mark.parametrize("persistent", [True, False], ids=["broker", "direct"])
def test_max_in_flight_bounds_the_commands_outstanding_on_the_router(sim, tmp_path, persistent):
    proxy = CountingProxy((sim.host, sim.port))
    few, many, dflt = "few-%s" % persistent, "many-%s" % persistent, "dflt-%s" % persistent
    tasks = [
        {"name": "window of 4", "tikops.routeros.menu": {
            "path": "/ip/firewall/address-list", "config": entries(few, 40), "max_in_flight": 4}},
        {"name": "default window", "tikops.routeros.menu": {
            "path": "/ip/firewall/address-list", "config": entries(many, 40)}},
        {"name": "window of 3 from module_defaults", "tikops.routeros.menu": {
            "path": "/ip/firewall/address-list", "config": entries(dflt, 40)},
         "module_defaults": {"tikops.routeros.menu": {"max_in_flight": 3}}},
        {"name": "window of 0", "ignore_errors": True, "tikops.routeros.menu": {
            "path": "/ip/firewall/address-list", "config": entries("zero", 2), "max_in_flight": 0}},
    ]
    hosts = {"r1": {"ansible_host": proxy.host, "ansible_port": proxy.port, "ansible_user": "admin",
                    "ansible_password": PASSWORD, "ansible_routeros_persistent": persistent}}
    try:
        result = run_playbook(tmp_path, tasks=tasks, hosts=hosts)
    finally:
        proxy.close()
    assert result.rc == 0, result.stdout + result.stderr
    assert [(t["status"], t["result"]["changed"]) for t in result.tasks] == [("ok", True)] * 3 + [("failed", False)]
    assert "max_in_flight must be 1 to 1000, not 0" in result.results("window of 0")[0]["result"]["msg"]
    adds = [words for words, count in proxy.sent if words[0] == "/ip/firewall/address-list/add"]
    assert len(adds) == 120  # and none for the window of 0
    assert proxy.peak("=list=" + few) <= 4
    assert proxy.peak("=list=" + dflt) <= 3
    assert proxy.peak("=list=" + many) > 4  # the proxy does see a wider window: 32 by default


@pytest.mark.parametrize("persistent", [True, False], ids=["broker", "direct"])
def test_the_connection_variable_bounds_tasks_and_gather_facts(sim, tmp_path, persistent):
    """Without the module option, ansible_routeros_max_in_flight applies: to an action plugin's session and to the
    facts module that gather_facts runs as a process (which learns it from its worker)."""
    from support.playbook import inventory_for

    proxy = CountingProxy((sim.host, sim.port))
    name = "var-%s" % persistent
    host = {"ansible_host": proxy.host, "ansible_port": proxy.port, "ansible_user": "admin",
            "ansible_password": PASSWORD, "ansible_routeros_persistent": persistent, "ansible_routeros_max_in_flight": 2}
    group_vars = {"ansible_facts_modules": ["tikops.routeros.facts"]}
    if not persistent:  # the facts module logs in by itself: it needs the connection options as module options
        play_extra = {"module_defaults": {"tikops.routeros.facts": {
            "hostname": proxy.host, "port": proxy.port, "username": "admin", "password": PASSWORD,
            "gather_subset": ["all"]}}}
    else:
        play_extra = {"module_defaults": {"tikops.routeros.facts": {"gather_subset": ["all"]}}}
    tasks = [{"name": "menu",
              "tikops.routeros.menu": {"path": "/ip/firewall/address-list", "config": entries(name, 12)}}]
    try:
        result = run_playbook(tmp_path, tasks=tasks, inventory=inventory_for({"r1": host}, group_vars=group_vars),
                              gather_facts=True, play_extra=play_extra)
    finally:
        proxy.close()
    assert result.rc == 0, result.stdout + result.stderr
    assert proxy.peak("=list=" + name) <= 2
    prints = [count for words, count in proxy.sent if words[0].endswith("/print")]
    assert len(prints) > 4 and max(prints) <= 2  # the facts module's reads too
