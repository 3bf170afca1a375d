# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""listen (.dead on removal), /cancel reply order, monitor-traffic, /log/print follow."""

import librouteros
import pytest
import routeros_api
import routeros_api.base_api
from routeros_api.exceptions import RouterOsApiCommunicationError
from simraw import Raw, kinds

from support.rosim import Simulator


@pytest.fixture(scope="module")
def fast716():
    with Simulator(version="7.16", identity="s716", extra_args=("--monitor-interval-ms", "20")) as s:
        yield s


@pytest.fixture(scope="module")
def fast718():
    with Simulator(version="7.18", identity="s718", extra_args=("--monitor-interval-ms", "20")) as s:
        yield s


def client(sim):
    r = Raw(sim.host, sim.port)
    r.login()
    return r


def test_listen_reports_changes_and_dead(fast716):
    with client(fast716) as watcher, client(fast716) as writer:
        watcher.send("/ip/firewall/address-list/listen", "?list=watched", ".tag=L")
        # make sure listen is registered before the writes: a round trip on the same connection
        assert kinds(watcher.call("/system/identity/print", tag="sync")) == ["!re", "!done"]
        writer.call("/ip/firewall/address-list/add", "=list=other", "=address=192.0.2.1")
        ret = writer.call("/ip/firewall/address-list/add", "=list=watched", "=address=192.0.2.2")[0].attrs["ret"]
        writer.call("/ip/firewall/address-list/set", "=.id=%s" % ret, "=comment=c")
        writer.call("/ip/firewall/address-list/remove", "=.id=%s" % ret)
        got = [watcher.read() for _n in range(3)]
        assert [r.kind for r in got] == ["!re"] * 3 and all(r.tag == "L" for r in got)
        assert got[0].attrs["address"] == "192.0.2.2" and got[0].attrs[".id"] == ret
        assert got[1].attrs["comment"] == "c"
        assert got[2].attrs == {".id": ret, ".dead": "true"}
        watcher.send("/cancel", "=tag=L", ".tag=C")
        tail = [watcher.read() for _n in range(3)]
        assert [(r.kind, r.tag) for r in tail] == [("!trap", "L"), ("!done", "C"), ("!done", "L")]
        assert tail[0].attrs == {"category": "2", "message": "interrupted"}


def test_cancel_order_on_718_with_no_rows(fast718):
    with client(fast718) as r:
        r.send("/interface/listen", ".tag=quiet")
        r.send("/cancel", "=tag=quiet", ".tag=c1")
        got = [r.read() for _n in range(4)]
        assert [(x.kind, x.tag) for x in got] == [("!trap", "quiet"), ("!done", "c1"), ("!empty", "quiet"),
                                                  ("!done", "quiet")]


def test_cancel_without_tag_cancels_all_but_itself(fast716):
    with client(fast716) as r:
        r.send("/interface/listen", ".tag=a")
        r.send("/ip/address/listen", ".tag=b")
        r.send("/cancel", ".tag=all")
        got = [r.read() for _n in range(5)]
        assert [(x.kind, x.tag) for x in got] == [("!trap", "a"), ("!trap", "b"), ("!done", "all"), ("!done", "a"),
                                                  ("!done", "b")]
        # the connection is still usable
        assert kinds(r.call("/system/identity/print", tag="z")) == ["!re", "!done"]


def test_cancel_unknown_tag_is_just_done(fast716):
    with client(fast716) as r:
        assert [(x.kind, x.tag) for x in r.call("/cancel", "=tag=nothing", tag="c")] == [("!done", "c")]


def test_monitor_traffic_once(fast716):
    with client(fast716) as r:
        replies = r.call("/interface/monitor-traffic", "=interface=ether1", "=once=", tag="m")
        assert kinds(replies) == ["!re", "!done"]
        row = replies[0].attrs
        assert row["name"] == "ether1" and row["rx-bits-per-second"].isdigit() and ".section" not in row


def test_monitor_traffic_streams_sections_until_cancel(fast716):
    with client(fast716) as r:
        r.send("/interface/monitor-traffic", "=interface=ether1,ether2", ".tag=mt")
        got = [r.read() for _n in range(6)]
        assert all(x.kind == "!re" and x.tag == "mt" for x in got)
        assert [x.attrs[".section"] for x in got] == ["0", "0", "1", "1", "2", "2"]
        assert [x.attrs["name"] for x in got[:2]] == ["ether1", "ether2"]
        r.send("/cancel", "=tag=mt", ".tag=c")
        seen = []
        while True:
            x = r.read()
            seen.append((x.kind, x.tag))
            if x.kind == "!done" and x.tag == "mt":
                break
        # rows already on the way may still come before the trap, never after it
        trimmed = [s for s in seen if s != ("!re", "mt")]
        assert trimmed == [("!trap", "mt"), ("!done", "c"), ("!done", "mt")]
        assert seen.index(("!trap", "mt")) > max([i for i, s in enumerate(seen) if s == ("!re", "mt")] or [-1])


def test_monitor_traffic_unknown_interface(fast716):
    with client(fast716) as r:
        replies = r.call("/interface/monitor-traffic", "=interface=nope", "=once=")
        assert [x.attrs.get("message") for x in replies if x.kind == "!trap"] == [
            "input does not match any value of interface"]


def test_log_follow_only_and_follow(fast716):
    with client(fast716) as r, client(fast716) as w:
        r.send("/log/print", "=follow-only=", ".tag=f")
        assert kinds(r.call("/system/identity/print", tag="sync")) == ["!re", "!done"]
        w.call("/ip/firewall/address-list/add", "=list=logme", "=address=192.0.2.99")
        row = r.read()
        assert row.kind == "!re" and row.tag == "f"
        assert row.attrs["message"] == "address list added by admin" or "added by admin" in row.attrs["message"]
        assert row.attrs["topics"].startswith("system,info")
        r.call("/cancel", "=tag=f", tag="c")
    with client(fast716) as r:
        r.send("/log/print", "=follow=", ".tag=g")
        first = r.read()
        assert first.kind == "!re" and first.attrs["message"] == "router rebooted"


def test_listen_and_cancel_with_librouteros(fast716):
    """librouteros's own protocol layer (Api.readSentence cannot parse .tag words): listen, a change, /cancel."""
    api = librouteros.connect(host=fast716.host, port=fast716.port, username="admin", password="")
    proto = api.protocol

    def read():
        word, words = proto.readSentence()
        attrs = dict(w[1:].split("=", 1) for w in words if w.startswith("="))
        tag = [w[5:] for w in words if w.startswith(".tag=")]
        return word, tag[0] if tag else None, attrs

    try:
        proto.writeSentence("/interface/listen", "=.proplist=name,comment", ".tag=L")
        proto.writeSentence("/system/identity/print", ".tag=sync")
        assert [read()[:2] for _n in range(2)] == [("!re", "sync"), ("!done", "sync")]
        with client(fast716) as w:
            w.call("/interface/set", "=.id=ether3", "=comment=via-librouteros")
        assert read() == ("!re", "L", {"name": "ether3", "comment": "via-librouteros"})
        proto.writeSentence("/cancel", "=tag=L", ".tag=C")
        got = [read() for _n in range(3)]
        assert [g[:2] for g in got] == [("!trap", "L"), ("!done", "C"), ("!done", "L")]
        assert got[0][2] == {"category": "2", "message": "interrupted"}
        # the session goes on: the plain API works again
        assert list(api.path("system", "identity")) == [{"name": "s716"}]
    finally:
        api.close()


def test_listen_and_cancel_with_routeros_api(fast716, monkeypatch):
    """routeros_api's async calls: listen, a change row, /cancel; the sentences in the order it read them."""
    seen = []
    receive = routeros_api.base_api.Connection.receive_sentence

    def recording(self):
        sentence = receive(self)
        tag = [w[5:].decode() for w in sentence if w.startswith(b".tag=")]
        seen.append((sentence[0].decode(), tag[0] if tag else None))
        return sentence

    monkeypatch.setattr(routeros_api.base_api.Connection, "receive_sentence", recording)
    pool = routeros_api.RouterOsApiPool(fast716.host, username="admin", password="", port=fast716.port,
                                        plaintext_login=True)
    try:
        api = pool.get_api()
        listen = api.get_binary_resource("/interface").call_async("listen", {"proplist": b"name,comment"})
        api.get_resource("/system/identity").get()  # answered after the listen is registered
        with client(fast716) as w:
            w.call("/interface/set", "=.id=ether4", "=comment=via-routeros-api")
        listened = iter(listen)
        assert next(listened) == {"name": b"ether4", "comment": b"via-routeros-api"}
        ltag = listen.inner.tag
        cancel = api.get_binary_resource("/").call_async("cancel", {"tag": ltag})
        cancel.get()
        with pytest.raises(RouterOsApiCommunicationError) as exc:
            next(listened)
        assert exc.value.original_message == b"interrupted"
        tags = (ltag.decode(), cancel.inner.tag.decode())
        assert [x for x in seen if x[1] in tags] == [
            ("!re", tags[0]), ("!trap", tags[0]), ("!done", tags[1]), ("!done", tags[0])]
    finally:
        pool.disconnect()


def test_untagged_cancel_cancels_an_untagged_listen(fast716):
    with client(fast716) as r, client(fast716) as w:
        r.send("/interface/listen")
        assert kinds(r.call("/system/identity/print", tag="sync")) == ["!re", "!done"]
        r.send("/cancel")
        got = [r.read() for _n in range(3)]
        assert [(x.kind, x.tag) for x in got] == [("!trap", None), ("!done", None), ("!done", None)]
        assert got[0].attrs == {"category": "2", "message": "interrupted"}
        # the listen is gone: a change reaches nobody, the next reply is the print's own
        w.call("/interface/set", "=.id=ether5", "=comment=after-cancel")
        assert [(x.kind, x.tag) for x in r.call("/system/identity/print", tag="p")] == [("!re", "p"), ("!done", "p")]


def test_two_streams_with_one_tag_both_run_and_cancel_together(fast716):
    with client(fast716) as r, client(fast716) as w:
        r.send("/interface/listen", "=.proplist=name,comment", ".tag=same")
        r.send("/ip/firewall/address-list/listen", "=.proplist=list", ".tag=same")
        assert kinds(r.call("/system/identity/print", tag="sync")) == ["!re", "!done"]
        w.call("/interface/set", "=.id=ether2", "=comment=both")
        w.call("/ip/firewall/address-list/add", "=list=same-tag", "=address=192.0.2.60")
        got = [r.read() for _n in range(2)]
        assert [(x.kind, x.tag, x.attrs) for x in got] == [
            ("!re", "same", {"name": "ether2", "comment": "both"}), ("!re", "same", {"list": "same-tag"})]
        r.send("/cancel", "=tag=same", ".tag=c")
        assert [(x.kind, x.tag) for x in (r.read() for _n in range(5))] == [
            ("!trap", "same"), ("!trap", "same"), ("!done", "c"), ("!done", "same"), ("!done", "same")]


def test_filtered_listen_reports_the_view(fast716):
    """With a query, listen reports the items that match: one that starts matching comes as a full row, one that
    stops matching as .dead, and changes or removals of items outside the query are not reported at all."""
    with client(fast716) as r, client(fast716) as w:
        r.send("/ip/firewall/address-list/listen", "?list=view", "=.proplist=.id,list,address", ".tag=V")
        assert kinds(r.call("/system/identity/print", tag="sync")) == ["!re", "!done"]
        add = "/ip/firewall/address-list/add"
        a = w.call(add, "=list=outside", "=address=192.0.2.70")[0].attrs["ret"]
        b = w.call(add, "=list=view", "=address=192.0.2.71")[0].attrs["ret"]
        c = w.call(add, "=list=outside", "=address=192.0.2.72")[0].attrs["ret"]
        w.call("/ip/firewall/address-list/set", "=.id=%s" % a, "=comment=still-outside")
        w.call("/ip/firewall/address-list/set", "=.id=%s" % a, "=list=view")
        w.call("/ip/firewall/address-list/set", "=.id=%s" % b, "=list=outside")
        w.call("/ip/firewall/address-list/set", "=.id=%s" % a, "=address=192.0.2.73")
        w.call("/ip/firewall/address-list/remove", "=.id=%s,%s,%s" % (b, c, a))
        replies = r.call("/system/identity/print", tag="sync2")
        assert [(x.kind, x.tag, x.attrs) for x in replies if x.tag == "V"] == [
            ("!re", "V", {".id": b, "list": "view", "address": "192.0.2.71"}),
            ("!re", "V", {".id": a, "list": "view", "address": "192.0.2.70"}),
            ("!re", "V", {".id": b, ".dead": "true"}),
            ("!re", "V", {".id": a, "list": "view", "address": "192.0.2.73"}),
            ("!re", "V", {".id": a, ".dead": "true"})]
        r.call("/cancel", "=tag=V", tag="c")


def test_commands_are_pipelined_and_answered_per_tag(fast716):
    with client(fast716) as r:
        r.send("/interface/listen", ".tag=L1")
        for i in range(10):
            r.send("/system/identity/print", ".tag=p%d" % i)
        done = set()
        while len(done) < 10:
            x = r.read()
            if x.kind == "!done":
                done.add(x.tag)
        assert done == {"p%d" % i for i in range(10)}
