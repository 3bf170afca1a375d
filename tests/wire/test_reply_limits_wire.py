# -*- coding: utf-8 -*-
"""Byte limits on collected replies, against a hostile router on a real socket: a reply that never ends fails with
an error naming the command once it passed the limit (not only when the time limit runs out), whether it is
collected, piles up while another command of a pipeline is waited for, or is one sentence that never ends."""

from __future__ import annotations

import pytest
from support.hostile_router import ScriptedRouter

from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import RouterOSError
from ansible_collections.tikops.routeros.plugins.module_utils.core.protocol import encode_word

STREAM_CAP = 8 * 1024 * 1024
LIMIT = 1024 * 1024
ROW = ["!re", "=dst-address=10.0.0.0/8", "=comment=" + "r" * 500]


def routes_forever(req):
    if req.word == "/ip/route/print":
        req.stream(ROW, STREAM_CAP)  # never a !done
    elif req.word == "/system/identity/print":
        pass  # never answered at all
    else:
        req.reply(["!re", "=name=ok"], ["!done"])


def connect(router, timeout=3):
    session = Session.connect(router.params(timeout=timeout))
    session.max_reply = LIMIT
    return session


def test_a_collected_print_that_never_ends_is_cut_at_the_byte_limit():
    with ScriptedRouter(routes_forever) as router:
        with connect(router) as session:
            with pytest.raises(RouterOSError) as info:
                session.call("/ip/route", "print")
            assert session.closed
    message = str(info.value)
    assert "the reply to /ip/route/print" in message and "exceeded %d bytes" % LIMIT in message
    assert "%s:%s" % (router.host, router.port) in message and "no !done" not in message


def test_the_default_limit_is_generous_and_a_command_may_set_its_own():
    with ScriptedRouter(routes_forever) as router:
        with Session.connect(router.params(timeout=3)) as session:
            assert session.max_reply == 64 * 1024 * 1024
            with pytest.raises(RouterOSError, match="the reply to /ip/route/print .* exceeded 20000 bytes"):
                session.call("/ip/route", "print", max_bytes=20000)


def test_rows_piling_up_while_a_pipeline_waits_for_another_command_are_cut():
    with ScriptedRouter(routes_forever) as router:
        with connect(router) as session:
            with pytest.raises(RouterOSError) as info:
                session.pipeline([dict(path="/system/identity", command="print"), dict(path="/ip/route", command="print")])
    assert "the reply to /ip/route/print" in str(info.value) and "exceeded %d bytes" % LIMIT in str(info.value)


def test_a_pipeline_spec_may_set_its_own_limit():
    with ScriptedRouter(routes_forever) as router:
        with Session.connect(router.params(timeout=3)) as session:
            with pytest.raises(RouterOSError, match="the reply to /ip/route/print .* exceeded 30000 bytes"):
                session.pipeline([dict(path="/ip/route", command="print", max_bytes=30000)])


def test_one_sentence_that_never_ends_is_cut_naming_the_command():
    def endless_sentence(req):
        if not req.send_bytes(req.frame(["!re"])[:-1]):  # the reply word and the tag, and no terminator
            return
        word = encode_word(b"=comment=" + b"s" * 65000)
        sent = 0
        while sent < STREAM_CAP and req.send_bytes(word):
            sent += len(word)

    with ScriptedRouter(endless_sentence) as router:
        with connect(router) as session:
            with pytest.raises(RouterOSError) as info:
                session.call("/log", "print")
    assert "the reply to /log/print" in str(info.value) and "exceeded %d bytes" % LIMIT in str(info.value)


def test_rows_streamed_and_taken_as_they_come_are_not_limited():
    def routes_then_done(req):
        if req.word == "/ip/route/print":
            req.stream(ROW, 4 * LIMIT)
            req.reply(["!done"])
        else:
            routes_forever(req)

    with ScriptedRouter(routes_then_done) as router:
        with connect(router, timeout=10) as session:
            count = sum(1 for dummy in session.send("/ip/route", "print"))
            assert count >= 4 * LIMIT // 600 and not session.closed
            assert session.call("/interface", "print", max_bytes=100).rows == [{"name": "ok"}]


def test_a_login_reply_that_never_ends_is_cut():
    def login_forever(req):
        req.stream(["!re", "=message=" + "m" * 1000], STREAM_CAP)

    with ScriptedRouter(routes_forever, login=login_forever) as router:
        with pytest.raises(RouterOSError) as info:
            Session.connect(router.params(timeout=3))
    assert "the reply to /login" in str(info.value) and "exceeded" in str(info.value)


def test_a_limit_that_is_not_a_positive_number_of_bytes_is_refused_before_anything_is_sent():
    with ScriptedRouter(routes_forever) as router:
        with Session.connect(router.params(timeout=3)) as session:
            with pytest.raises(RouterOSError, match="max_bytes must be a positive number of bytes"):
                session.call("/interface", "print", max_bytes=0)
            with pytest.raises(RouterOSError, match="max_bytes must be a positive number of bytes"):
                session.pipeline([dict(path="/interface", command="print"), dict(path="/ip/route", command="print",
                                                                                 max_bytes=-1)])
            assert session.outstanding == [] and session.call("/interface", "print").rows == [{"name": "ok"}]
    assert router.commands_of("/ip/route/print") == [] and len(router.commands_of("/interface/print")) == 1


def test_a_login_reply_that_never_ends_is_cut_by_the_session_broker_too(tmp_path):
    from ansible_collections.tikops.routeros.plugins.module_utils.api import persist

    def login_forever(req):
        req.stream(["!re", "=message=" + "m" * 1000], STREAM_CAP)

    directory = str(tmp_path / "b")
    try:
        with ScriptedRouter(routes_forever, login=login_forever) as router:
            with pytest.raises(RouterOSError) as info:
                persist.attach(router.params(timeout=3), directory, 30)
        assert "the reply to /login" in str(info.value) and "exceeded" in str(info.value)
    finally:
        persist.shutdown(directory)
