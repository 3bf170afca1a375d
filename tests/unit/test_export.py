# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The export module's pure logic: versions, the attributes that hide secrets on 6 and 7, the date line."""

import os
import stat
import threading

import pytest

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import RouterOSError, UserInputError
from ansible_collections.tikops.routeros.plugins.module_utils.tasks import export


@pytest.mark.parametrize("text,want", [("7.16 (stable)", (7, 16, 0)), ("6.49.10 (long-term)", (6, 49, 10)),
                                       ("7.13.5", (7, 13, 5)), ("7.19beta2", (7, 19, 0))])
def test_parse_version(text, want):
    assert export.parse_version(text) == want


def test_parse_version_refuses_garbage():
    with pytest.raises(Exception, match="cannot read the RouterOS version"):
        export.parse_version("unknown")


def test_sensitive_values_hidden_by_default_on_both_lines():
    assert export.export_attributes((6, 49, 10), file_name="x") == {"file": "x", "hide-sensitive": ""}
    assert export.export_attributes((7, 16, 0), file_name="x") == {"file": "x"}
    assert export.export_attributes((6, 49, 10), show_sensitive=True) == {}
    assert export.export_attributes((7, 16, 0), show_sensitive=True, terse=True) == {"show-sensitive": "", "terse": ""}


def test_file_read_and_contents_limits_by_version():
    assert not export.has_file_read((7, 12, 2)) and export.has_file_read((7, 13, 0))
    assert export.contents_limit((6, 49, 10)) == 4095 and export.contents_limit((7, 12, 0)) == 60 * 1024


@pytest.mark.parametrize("first", ["# 2024-09-20 13:00:27 by RouterOS 7.16", "# sep/20/2024 13:00:27 by RouterOS 6.49.10"])
def test_header_date_line_is_ignored(first):
    body = "# software id = ABCD-123K\n/system identity\nset name=r1\n"
    assert export.strip_header_date(first + "\n" + body) == body
    # only the first line, and only when it is the date header
    assert export.strip_header_date(body) == body
    assert export.strip_header_date("/ip dns\n" + first + "\n") == "/ip dns\n" + first + "\n"


def test_decode_falls_back_to_latin1():
    assert export.decode(b"caf\xc3\xa9") == "caf\u00e9"
    assert export.decode(b"caf\xe9") == "caf\u00e9"


class FakeSession:
    def __init__(self, size):
        self.size = size
        self.specs = None

    def pipeline(self, specs):
        self.specs = specs

        class R:
            def __init__(self, rows):
                self.rows = rows
        return [R([{"data": b"x" * min(int(s["attributes"]["chunk-size"]), self.size - int(s["attributes"]["offset"]))}])
                for s in specs]


def test_read_chunks_sends_every_chunk_in_one_pipeline():
    session = FakeSession(70000)
    data = export.read_chunks(session, "f.rsc", 70000)
    assert len(data) == 70000
    assert [s["attributes"]["offset"] for s in session.specs] == ["0", "32768", "65536"]
    with pytest.raises(Exception, match="chunk_size must be 1 to 32768"):
        export.read_chunks(session, "f.rsc", 10, chunk_size=40000)


class FullChunkSession(FakeSession):
    """A router that answers every chunk as long as asked, also past the file's announced end."""

    def pipeline(self, specs):
        self.specs = specs

        class R:
            rows = [{"data": b"z" * int(specs[0]["attributes"]["chunk-size"])}]
        return [R() for dummy in specs]


def test_read_chunks_limits_every_reply_and_the_whole_file_to_the_announced_size():
    session = FullChunkSession(2500)
    with pytest.raises(RouterOSError) as info:
        export.read_chunks(session, "f.rsc", 2500, chunk_size=1000)
    assert "f.rsc" in str(info.value) and "2500 bytes" in str(info.value)
    # each reply may carry its part of the announced size and a small slack, no more
    assert [s["max_bytes"] for s in session.specs] == [1000 + export.READ_SLACK, 1000 + export.READ_SLACK,
                                                       500 + export.READ_SLACK]


def _clock(*stamps):
    times = iter(stamps)
    return lambda: __import__("time").strptime(next(times), "%Y-%m-%d %H:%M:%S")


def test_store_export_keeps_one_file_per_change(tmp_path):
    first = "# 2024-09-20 13:00:27 by RouterOS 7.16\n/system identity\nset name=r1\n"
    same = "# 2024-09-21 08:00:00 by RouterOS 7.16\n/system identity\nset name=r1\n"
    other = "# 2024-09-22 08:00:00 by RouterOS 7.16\n/system identity\nset name=r2\n"
    where = tmp_path / "backups" / "r1"
    stored, path = export.store_export(str(where), "%Y%m%dT%H%M%SZ", first, now=_clock("2024-09-20 13:00:27"))
    assert stored and path == str(where / "20240920T130027Z.rsc")
    assert (where / "20240920T130027Z.rsc").read_text() == first
    assert oct(where.stat().st_mode & 0o777) == "0o700" and oct((where / "20240920T130027Z.rsc").stat().st_mode & 0o777) == "0o600"
    # only the date line differs: nothing stored, the newest file named
    assert export.store_export(str(where), "%Y%m%dT%H%M%SZ", same, now=_clock("2024-09-21 08:00:00")) == (False, path)
    stored, newer = export.store_export(str(where), "%Y%m%dT%H%M%SZ", other, now=_clock("2024-09-22 08:00:00"))
    assert stored and newer.endswith("20240922T080000Z.rsc")
    assert sorted(p.name for p in where.iterdir()) == ["20240920T130027Z.rsc", "20240922T080000Z.rsc"]


def test_store_export_two_changes_in_one_second_keep_both_in_order(tmp_path):
    now = _clock("2024-09-20 13:00:27", "2024-09-20 13:00:27", "2024-09-20 13:00:27")
    for name in ("r1", "r2", "r3"):
        assert export.store_export(str(tmp_path), "%Y%m%dT%H%M%SZ", "set name=%s\n" % name, now=now)[0]
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["20240920T130027Z.rsc", "20240920T130027Z_1.rsc", "20240920T130027Z_2.rsc"]
    assert (tmp_path / files[-1]).read_text() == "set name=r3\n"


def test_store_export_refuses_a_format_that_is_not_a_file_name(tmp_path):
    with pytest.raises(Exception, match="timestamp_format: '%Y/%m' gives the file name"):
        export.store_export(str(tmp_path), "%Y/%m", "x\n")
    assert list(tmp_path.iterdir()) == []


def _write_to(path):
    # Unblocks a reader that opened the FIFO with a blocking open(), so that a test of code that does never hangs.
    try:
        with open(path, "wb") as fh:
            fh.write(b"set name=other\n")
    except OSError:
        pass


@pytest.mark.parametrize("kind", ["fifo", "symlink to a device"])
def test_store_export_refuses_a_newest_export_that_is_not_a_regular_file(tmp_path, kind):
    (tmp_path / "20240101T000000Z.rsc").write_text("set name=r1\n")
    newest = tmp_path / "29991231T235959Z.rsc"
    writer = None
    if kind == "fifo":
        os.mkfifo(str(newest))
        writer = threading.Thread(target=_write_to, args=(str(newest),), daemon=True)
        writer.start()
    else:
        os.symlink("/dev/null", str(newest))
    try:
        with pytest.raises(UserInputError) as info:
            export.store_export(str(tmp_path), "%Y%m%dT%H%M%SZ", "set name=r1\n")
    finally:
        if writer is not None:
            try:  # a writer still waiting for a reader: let it through
                os.close(os.open(str(newest), os.O_RDONLY | os.O_NONBLOCK))
            except OSError:
                pass
            writer.join(10)
    assert "dest_dir" in str(info.value) and str(newest) in str(info.value) and "not a regular file" in str(info.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["20240101T000000Z.rsc", "29991231T235959Z.rsc"]


def test_store_export_creates_every_missing_directory_private_whatever_the_umask(tmp_path):
    where = tmp_path / "a" / "b" / "c"
    old = os.umask(0)
    try:
        stored, path = export.store_export(str(where), "%Y%m%dT%H%M%SZ", "set name=r1\n")
    finally:
        os.umask(old)
    assert stored
    for directory in (tmp_path / "a", tmp_path / "a" / "b", where):
        assert oct(stat.S_IMODE(directory.stat().st_mode)) == "0o700", directory
    assert oct(stat.S_IMODE(os.stat(path).st_mode)) == "0o600"
    # a directory that was there already keeps its mode
    os.chmod(str(tmp_path / "a"), 0o755)
    export.store_export(str(tmp_path / "a" / "d"), "%Y%m%dT%H%M%SZ", "set name=r1\n")
    assert oct(stat.S_IMODE((tmp_path / "a").stat().st_mode)) == "0o755"
    assert oct(stat.S_IMODE((tmp_path / "a" / "d").stat().st_mode)) == "0o700"
