# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Get a router's ``/export`` text (and optionally a binary backup) over the API.

The API sends no text for ``/export``: the router writes it to a file (``/export =file=NAME``) and the client
reads the file back. How depends on the version:

- RouterOS 7.13 and later: ``/file/read =file= =chunk-size= =offset=`` returns the file in chunks of at most
  32768 bytes (``data``), text and binary alike. All chunks go out in one pipelined round trip.
- Older versions: ``/file/print`` shows the file's ``contents`` only while the file is small (4095 bytes on
  RouterOS 6, 60 KiB on 7.x); a larger export cannot be fetched over the API and the module says so. A binary
  backup is saved on the router and left there (fetch it with SFTP or FTP).

Sensitive values: RouterOS 6 exports them unless ``hide-sensitive`` is given, RouterOS 7 hides them unless
``show-sensitive`` is given; :func:`export_attributes` sends what hides them on both unless asked to show them.

Nothing the router says is trusted with the controller's memory: a file announced larger than ``max_file_size``
is not read, every ``/file/read`` reply may hold its part of the announced size and ``READ_SLACK`` bytes for the
words around it (the session's byte limit ends a reply that passes that at once, whether or not it ever ends), and
the data never more than the announced size.

On the controller, :func:`store_export` keeps one file per change in a directory (the backup role's whole job).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import glob
import os
import re
import stat
import tempfile
import time

from ansible_collections.tikops.routeros.plugins.module_utils.api.session import ReplyTooLarge
from ansible_collections.tikops.routeros.plugins.module_utils.catalog import catalog
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import RouterOSError, UserInputError

READ_CHUNK_MAX = 32768
CONTENTS_LIMIT_V6 = 4095
CONTENTS_LIMIT_V7 = 60 * 1024
FILE_WAIT = 10.0
DEFAULT_TIMESTAMP = "%Y%m%dT%H%M%SZ"
# The largest file (export or backup) read from the router unless max_file_size says otherwise: a real export is
# kilobytes to a few megabytes; the announced size is checked before anything is read.
MAX_FILE_SIZE = 64 * 1024 * 1024
# What one /file/read reply may hold beyond its part of the announced size: the words around the data. The data
# itself may never pass the announced size (the offsets come from it: more means the file is not what was announced).
READ_SLACK = 1024
# A /file/print of one file, with its contents (shown up to 60 KiB).
FILE_PRINT_MAX = CONTENTS_LIMIT_V7 + 64 * 1024
# How much longer than the new export the newest stored one may be and still be read to compare them (their date
# lines differ in length); a longer one differs anyway.
COMPARE_SLACK = 4096

# The first line of an export: "# 2024-09-20 13:00:27 by RouterOS 7.16" (7.10+) or "# sep/20/2024 13:00:27 by ..."
HEADER_DATE = re.compile(r"\A# [^\n]*\d\d:\d\d:\d\d by RouterOS[^\n]*\n")


def parse_version(text):
    """(major, minor, patch) of a RouterOS version text such as ``7.16.2 (stable)`` or ``6.49`` (the one rule:
    ``catalog.parse_version``), padded to three numbers."""
    try:
        got = catalog.parse_version(text or "")
    except ValueError:
        raise RouterOSError("cannot read the RouterOS version from %r" % (text,))
    return (got + (0, 0))[:3]


def has_file_read(version):
    return version >= (7, 13)


def contents_limit(version):
    return CONTENTS_LIMIT_V7 if version >= (7, 0) else CONTENTS_LIMIT_V6


def export_attributes(version, show_sensitive=False, terse=False, file_name=None):
    attrs = {}
    if file_name is not None:
        attrs["file"] = file_name
    if version >= (7, 0):
        if show_sensitive:
            attrs["show-sensitive"] = ""
    elif not show_sensitive:
        attrs["hide-sensitive"] = ""
    if terse:
        attrs["terse"] = ""
    return attrs


def strip_header_date(text):
    """The export without its first line when that line is the date header (it changes on every export)."""
    return HEADER_DATE.sub("", text or "", count=1)


def decode(data):
    if isinstance(data, str):
        return data
    try:
        return bytes(data).decode("utf-8")
    except UnicodeDecodeError:
        return bytes(data).decode("latin-1")


def as_bytes(value):
    if value is None:
        return b""
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    return value.encode("utf-8", "surrogateescape")


def router_version(session):
    rows = session.call("/system/resource", "print", proplist=["version"]).rows
    return parse_version(rows[0].get("version") if rows else "")


def find_file(session, name, contents=False):
    """The ``/file/print`` row of ``name`` (``.id``, ``name``, ``size``; ``contents`` as bytes when asked and the
    router shows it), or None."""
    proplist = [".id", "name", "size"] + (["contents"] if contents else [])
    rows = session.call("/file", "print", queries=["?name=%s" % name], proplist=proplist, raw=True,
                        max_bytes=FILE_PRINT_MAX).rows
    if not rows:
        return None
    row = dict((k, decode(v)) for k, v in rows[0].items() if k != "contents")
    if "contents" in rows[0]:
        row["contents"] = as_bytes(rows[0]["contents"])
    return row


def wait_file(session, name, timeout=FILE_WAIT, sleep=time.sleep, clock=time.monotonic):
    """The ``/file/print`` row of ``name`` once it exists and its size has settled (the router writes the file
    after it answered the command on some versions)."""
    deadline = clock() + timeout
    last = None
    while True:
        row = find_file(session, name)
        if row is not None and last is not None and row.get("size") == last.get("size"):
            return row
        last = row
        if clock() >= deadline:
            if row is not None:
                return row
            raise RouterOSError("the router did not create %s within %.0f seconds" % (name, timeout))
        sleep(0.05 if row is not None else 0.2)


def file_size(row, name):
    """The size of file ``name`` its ``/file/print`` ``row`` announces, in bytes."""
    text = row.get("size")
    if text is None or not re.match(r"\A[0-9]{1,20}\Z", text):
        raise RouterOSError("the router gives %r as the size of %s, not a number of bytes" % (text, name))
    return int(text)


def too_much(name, size, got):
    return RouterOSError("the router announced %s as %d bytes and sent %s: it was not stored"
                         % (name, size, got))


def read_chunks(session, name, size, chunk_size=READ_CHUNK_MAX):
    """The bytes of file ``name`` (``size`` bytes) with ``/file/read``, every chunk in one round trip.

    Each reply may hold its part of ``size`` and ``READ_SLACK`` bytes more for the words around it (the session
    ends a reply that passes that at once, whether or not it ever ends); the data may not pass ``size``."""
    if not 1 <= chunk_size <= READ_CHUNK_MAX:
        raise UserInputError("chunk_size must be 1 to %d, not %r" % (READ_CHUNK_MAX, chunk_size))
    specs = [dict(path="/file/read", attributes={"file": name, "chunk-size": str(chunk_size), "offset": str(offset)},
                  raw=True, max_bytes=max(0, min(chunk_size, size - offset)) + READ_SLACK)
             for offset in range(0, max(size, 1), chunk_size)]
    try:
        results = session.pipeline(specs)
    except ReplyTooLarge as exc:
        raise ReplyTooLarge("the router announced %s as %d bytes and sent more: %s" % (name, size, exc))
    parts = []
    total = 0
    for spec, result in zip(specs, results):
        got = 0
        for row in result.rows:
            value = as_bytes(row.get("data", row.get(b"data") if isinstance(row, dict) else None))
            got += len(value)
            total += len(value)
            parts.append(value)
        if got > chunk_size:
            raise too_much(name, size, "%d bytes at offset %s, for a chunk of %d bytes"
                           % (got, spec["attributes"]["offset"], chunk_size))
    if total > size:
        raise too_much(name, size, "%d bytes" % total)
    return b"".join(parts)


def fetch_file(session, version, name, chunk_size=READ_CHUNK_MAX, max_size=MAX_FILE_SIZE):
    """(bytes or None, method, size): the file's contents, or None when this version cannot send them. A file
    announced larger than ``max_size`` bytes is not read."""
    row = wait_file(session, name)
    size = file_size(row, name)
    if size > max_size:
        raise RouterOSError("the router announces %s as %d bytes, more than max_file_size (%d bytes): nothing was "
                            "read; raise max_file_size if the file really is that large" % (name, size, max_size))
    if has_file_read(version):
        return read_chunks(session, name, size, chunk_size), "file-read", size
    row = find_file(session, name, contents=True) or {}
    if "contents" in row and size <= contents_limit(version):
        contents = as_bytes(row.get("contents"))
        if len(contents) > size + READ_SLACK:
            raise too_much(name, size, "%d bytes of contents" % len(contents))
        return contents, "file-contents", size
    return None, "none", size


def _fetch(session, version, name, params):
    """:func:`fetch_file` with the task's options, then the file removed from the router unless ``keep_files``.
    After a failure the removal is tried only while the session is usable, and never hides the failure."""
    max_size = params.get("max_file_size")
    max_size = MAX_FILE_SIZE if max_size is None else max_size
    if max_size < 1:
        raise UserInputError("max_file_size must be a positive number of bytes, not %r" % (max_size,))
    try:
        fetched = fetch_file(session, version, name, params.get("chunk_size") or READ_CHUNK_MAX, max_size)
    except BaseException:
        if not params.get("keep_files") and not getattr(session, "closed", False):
            try:
                _remove(session, name)
            except RouterOSError:
                pass
        raise
    if not params.get("keep_files"):
        _remove(session, name)
    return fetched


def version_text(version):
    return ".".join(str(p) for p in version)


def run_export(session, params, check_mode=False, write_backup=None):
    """The module's work. ``write_backup(bytes)`` stores a fetched binary backup on the controller and returns
    its path. With ``dest_dir`` the export is stored there when it changed (:func:`store_export`), and a binary
    backup is taken only then, written next to it unless ``backup_dest`` names a file. Returns the module result."""
    result = dict(changed=False, export=None, export_body=None, method=None, size=None, backup_file=None,
                  backup_fetched=False, backup_path=None, warnings=[])
    if params.get("dest_dir"):
        result["stored"] = False
    if check_mode:
        result["msg"] = "check mode: nothing was exported (an export writes a file on the router)"
        return result
    version = router_version(session)
    result["routeros_version"] = version_text(version)
    base = params.get("file_name") or "tikops-export"
    rsc = base + ".rsc"
    attrs = export_attributes(version, params.get("show_sensitive"), params.get("terse"), base)
    session.call("/export", attributes=attrs)
    data, method, size = _fetch(session, version, rsc, params)
    if data is None:
        raise RouterOSError("RouterOS %s shows a file's contents over the API only up to %d bytes, and the export "
                            "is %d bytes: fetch %s with SFTP, or upgrade to 7.13 or later (/file/read)"
                            % (version_text(version), contents_limit(version), size, rsc))
    text = decode(data)
    result.update(export=text, export_body=strip_header_date(text), method=method, size=size)
    if params.get("dest_dir"):
        result["stored"], result["dest"] = store_export(params["dest_dir"], params.get("timestamp_format")
                                                        or DEFAULT_TIMESTAMP, text)
        result["changed"] = result["stored"]
        if not result["stored"]:
            return result  # the configuration did not change: no new binary backup either
        if write_backup is None:
            write_backup = _beside(result["dest"])
    if params.get("backup"):
        _backup(session, version, params, base, result, write_backup)
    return result


def _beside(dest):
    """A writer of the binary backup next to the stored export ``dest`` (same name, ``.backup``)."""
    path = re.sub(r"[.]rsc$", "", dest) + ".backup"

    def write(data):
        return atomic_write(path, data)
    return write


def _backup(session, version, params, base, result, write_backup):
    name = base + ".backup"
    attrs = {"name": base}
    if params.get("backup_password"):
        attrs["password"] = params["backup_password"]
    else:
        attrs["dont-encrypt"] = "yes"
    session.call("/system/backup", "save", attributes=attrs)
    result["backup_file"] = name
    if not has_file_read(version):
        row = wait_file(session, name)
        result["warnings"].append("RouterOS %s cannot send a binary file over the API: the backup stays on the router "
                                  "as %s (%s bytes); fetch it with SFTP or FTP" % (version_text(version), name,
                                                                                   row.get("size")))
        return
    data, result["backup_method"], size = _fetch(session, version, name, params)
    if write_backup is not None:
        result["backup_path"] = write_backup(data)
    result["backup_fetched"] = True
    result["backup_size"] = size


def _remove(session, name):
    row = find_file(session, name)
    if row is not None:
        session.call("/file", "remove", attributes={".id": row.get(".id") or name})


# ---------------------------------------------------------------------------------------------------------
# On the controller


def atomic_write(path, data):
    """Write ``data`` (bytes) to ``path`` with mode 0600, all or nothing."""
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(path)), prefix=".tikops-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except Exception:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


def make_private_dirs(directory):
    """Create ``directory`` and each missing directory above it with mode 0700, whatever the umask (``os.makedirs``
    gives the ones above 0777 less the umask). Directories that exist keep their mode."""
    missing = []
    path = os.path.abspath(directory)
    while not os.path.isdir(path):
        missing.append(path)
        parent = os.path.dirname(path)
        if parent == path:
            break
        path = parent
    for path in reversed(missing):
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            if os.path.isdir(path):  # made meanwhile (another host's task): not ours to change
                continue
            raise
        os.chmod(path, 0o700)


def read_stored(path, limit):
    """The bytes of the stored export ``path``, or None when it holds more than ``limit`` bytes. Anything but a
    regular file (a FIFO would block the task, a device never end) is refused before it is opened, and again on
    what was opened (without blocking), so that a swap in between changes nothing."""
    def refuse(mode):
        raise UserInputError("dest_dir: %s is not a regular file (%s); keep only stored exports in dest_dir"
                             % (path, _kind(mode)))
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            refuse(mode)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise UserInputError("dest_dir: cannot read %s: %s" % (path, exc.strerror or exc))
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            refuse(st.st_mode)
        if st.st_size > limit:
            return None
        data = fh.read(limit + 1)
    return data if len(data) <= limit else None


def _kind(mode):
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISDIR, "a directory"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "mode 0o%o" % mode


def store_export(directory, fmt, text, now=time.gmtime):
    """(stored, path): ``text`` written to ``directory/<fmt>.rsc`` unless the newest stored export has the same
    body; the directory, and any missing one above it, is created (0700) when missing. The newest stored export
    must be a regular file; it is read only when it is not much longer than ``text``."""
    if not os.path.isdir(directory):
        try:
            make_private_dirs(directory)
        except OSError as exc:
            raise UserInputError("dest_dir: cannot create %s: %s" % (directory, exc.strerror or exc))
    stored = sorted(glob.glob(os.path.join(glob.escape(directory), "*.rsc")))
    if stored:
        newest = read_stored(stored[-1], len(as_bytes(text)) + COMPARE_SLACK)
        if newest is not None and strip_header_date(decode(newest)) == strip_header_date(text):
            return False, stored[-1]
    name = time.strftime(fmt, now())
    if not name or "/" in name or name.startswith("."):
        raise UserInputError("timestamp_format: %r gives the file name %r; it must give a plain name" % (fmt, name))
    target, n = os.path.join(directory, name + ".rsc"), 0
    while os.path.exists(target):  # two changes within one timestamp: name_1.rsc sorts after name.rsc
        n += 1
        target = os.path.join(directory, "%s_%d.rsc" % (name, n))
    return True, atomic_write(target, as_bytes(text))
