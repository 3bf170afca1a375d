# -*- coding: utf-8 -*-
"""The export task against a hostile router on a real socket: endless /file/read streams, absurd announced sizes,
replies far larger than the announced file. None of them may exhaust the controller's memory or store anything."""

from __future__ import annotations

import pytest
from support.client import CLIENT_PASSWORD, sim_params
from support.hostile_router import ScriptedRouter
from support.rosim import Simulator

from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import RouterOSError
from ansible_collections.tikops.routeros.plugins.module_utils.tasks import export

NAME = "tikops-export.rsc"
EXPORT = "# 2024-09-20 13:00:27 by RouterOS 7.16\n/system identity\nset name=r1\n"
# what a router that does not stop sends at most, so that even a client without limits survives the test
STREAM_CAP = 8 * 1024 * 1024


def export_router(size, read=None, version="7.16", contents=None):
    """A router that exports ``tikops-export.rsc``, announces it as ``size`` bytes, and answers ``/file/read`` with
    ``read(request)`` (default: honestly, from ``EXPORT``)."""
    body = EXPORT.encode()

    def honest(req):
        offset, chunk = int(req.attrs["offset"]), int(req.attrs["chunk-size"])
        req.reply(["!re", "=data=" + body[offset:offset + chunk].decode()], ["!done"])

    def handler(req):
        if req.word == "/system/resource/print":
            req.reply(["!re", "=version=%s (stable)" % version], ["!done"])
        elif req.word == "/file/print":
            row = ["!re", "=.id=*1", "=name=" + NAME, "=size=%d" % size]
            if contents is not None and "contents" in req.attrs.get(".proplist", ""):
                row.append("=contents=" + contents)
            req.reply(row, ["!done"])
        elif req.word == "/file/read":
            (read or honest)(req)
        elif req.word in ("/export", "/file/remove"):
            req.reply(["!done"])
        else:
            req.reply(["!trap", "=message=no such command"], ["!done"])
    return handler


def run(router, tmp_path, **params):
    params.setdefault("dest_dir", str(tmp_path / "backups"))
    with Session.connect(router.params(timeout=params.pop("timeout", 5))) as session:
        return export.run_export(session, params)


def stored(tmp_path):
    where = tmp_path / "backups"
    return sorted(p.name for p in where.iterdir()) if where.exists() else []


def test_an_honest_router_is_read_in_chunks_and_stored(tmp_path):
    with ScriptedRouter(export_router(len(EXPORT))) as router:
        result = run(router, tmp_path, chunk_size=16)
    assert result["export"] == EXPORT and result["stored"] and result["method"] == "file-read"
    assert len(router.commands_of("/file/read")) == -(-len(EXPORT) // 16)
    assert len(stored(tmp_path)) == 1 and not router.errors


def test_an_endless_file_read_stream_is_cut_at_the_byte_limit_naming_the_command(tmp_path):
    def endless(req):
        req.stream(["!re", "=data=" + "x" * 1000], STREAM_CAP)  # never a !done

    with ScriptedRouter(export_router(100, endless)) as router:
        with pytest.raises(RouterOSError) as info:
            run(router, tmp_path, timeout=3)
    message = str(info.value)
    assert "the reply to /file/read" in message and "exceeded" in message and NAME in message
    assert "timed out" not in message and "no !done" not in message
    assert stored(tmp_path) == []


def test_an_announced_size_of_a_terabyte_is_refused_before_reading(tmp_path):
    with ScriptedRouter(export_router(2 ** 40)) as router:
        with pytest.raises(RouterOSError) as info:
            run(router, tmp_path)
    message = str(info.value)
    assert NAME in message and "1099511627776 bytes" in message and "max_file_size" in message
    assert router.commands_of("/file/read") == []
    assert stored(tmp_path) == []


def test_the_announced_size_may_be_raised_with_max_file_size(tmp_path):
    with ScriptedRouter(export_router(len(EXPORT))) as router:
        with pytest.raises(RouterOSError, match="max_file_size"):
            run(router, tmp_path, max_file_size=10)
        assert router.commands_of("/file/read") == []
        assert run(router, tmp_path, max_file_size=len(EXPORT))["export"] == EXPORT


def test_a_file_read_reply_far_larger_than_the_announced_file_is_not_stored(tmp_path):
    def oversize(req):
        req.reply(["!re", "=data=" + "y" * 30000], ["!done"])

    with ScriptedRouter(export_router(100, oversize)) as router:
        with pytest.raises(RouterOSError) as info:
            run(router, tmp_path)
    assert NAME in str(info.value) and "100 bytes" in str(info.value)
    assert stored(tmp_path) == []


def test_chunks_that_add_up_to_more_than_the_announced_file_are_not_stored(tmp_path):
    def each_chunk_full(req):  # every chunk as long as asked, also past the announced end
        req.reply(["!re", "=data=" + "z" * int(req.attrs["chunk-size"])], ["!done"])

    with ScriptedRouter(export_router(2500, each_chunk_full)) as router:
        with pytest.raises(RouterOSError) as info:
            run(router, tmp_path, chunk_size=1000)
    assert NAME in str(info.value) and "2500 bytes" in str(info.value)
    assert stored(tmp_path) == []


def test_routeros6_contents_far_larger_than_the_announced_file_are_not_stored(tmp_path):
    with ScriptedRouter(export_router(100, version="6.49.10", contents="w" * 50000)) as router:
        with pytest.raises(RouterOSError) as info:
            run(router, tmp_path)
    assert NAME in str(info.value) and "100 bytes" in str(info.value)
    assert stored(tmp_path) == []


@pytest.mark.parametrize("size", ["-5", "12.5KiB", ""])
def test_a_size_that_is_not_a_byte_count_is_refused_naming_the_file(tmp_path, size):
    def handler(req):
        if req.word == "/file/print":
            req.reply(["!re", "=.id=*1", "=name=" + NAME, "=size=" + size], ["!done"])
        else:
            export_router(0)(req)

    with ScriptedRouter(handler) as router:
        with pytest.raises(RouterOSError) as info:
            run(router, tmp_path)
    assert NAME in str(info.value) and "size" in str(info.value)
    assert router.commands_of("/file/read") == []


@pytest.mark.parametrize("version,method", [("7.16", "file-read"), ("6.49.10", "file-contents")])
def test_the_simulator_export_and_backup_pass_the_limits(tmp_path, version, method):
    with Simulator(version=version, password=CLIENT_PASSWORD) as sim:
        with Session.connect(sim_params(sim)) as session:
            result = export.run_export(session, dict(dest_dir=str(tmp_path / "backups"), backup=True, chunk_size=1000))
            files = [f["name"] for f in session.call("/file", "print").rows]
    assert result["stored"] and result["method"] == method and result["size"] == len(result["export"].encode())
    assert "/system identity" in result["export"] and files == (["tikops-export.backup"] if method == "file-contents" else [])
    assert result["backup_fetched"] == (method == "file-read")
    rsc = result["dest"].rsplit("/", 1)[-1]
    want = [rsc] if method == "file-contents" else sorted([rsc, rsc[:-4] + ".backup"])
    assert stored(tmp_path) == want
