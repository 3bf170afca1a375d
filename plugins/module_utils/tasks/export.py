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

On the controller, :func:`store_export` keeps one file per change in a directory (the backup role's whole job).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import glob
import os
import re
import tempfile
import time

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import RouterOSError, UserInputError

READ_CHUNK_MAX = 32768
CONTENTS_LIMIT_V6 = 4095
CONTENTS_LIMIT_V7 = 60 * 1024
FILE_WAIT = 10.0
DEFAULT_TIMESTAMP = "%Y%m%dT%H%M%SZ"

# The first line of an export: "# 2024-09-20 13:00:27 by RouterOS 7.16" (7.10+) or "# sep/20/2024 13:00:27 by ..."
HEADER_DATE = re.compile(r"\A# [^\n]*\d\d:\d\d:\d\d by RouterOS[^\n]*\n")


def parse_version(text):
    """(major, minor, patch) of a RouterOS version text such as ``7.16.2 (stable)`` or ``6.49``."""
    match = re.match(r"\s*(\d+)\.(\d+)(?:\.(\d+))?", text or "")
    if not match:
        raise RouterOSError("cannot read the RouterOS version from %r" % (text,))
    return tuple(int(g or 0) for g in match.groups())


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
    rows = session.call("/file", "print", queries=["?name=%s" % name], proplist=proplist, raw=True).rows
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


def read_chunks(session, name, size, chunk_size=READ_CHUNK_MAX):
    """The bytes of file ``name`` (``size`` bytes) with ``/file/read``, every chunk in one round trip."""
    if not 1 <= chunk_size <= READ_CHUNK_MAX:
        raise UserInputError("chunk_size must be 1 to %d, not %r" % (READ_CHUNK_MAX, chunk_size))
    specs = [dict(path="/file/read", attributes={"file": name, "chunk-size": str(chunk_size), "offset": str(offset)},
                  raw=True) for offset in range(0, max(size, 1), chunk_size)]
    data = b""
    for result in session.pipeline(specs):
        for row in result.rows:
            value = row.get("data", row.get(b"data") if isinstance(row, dict) else None)
            data += as_bytes(value)
    return data


def fetch_file(session, version, name, chunk_size=READ_CHUNK_MAX):
    """(bytes or None, method, size): the file's contents, or None when this version cannot send them."""
    row = wait_file(session, name)
    size = int(row.get("size") or 0)
    if has_file_read(version):
        return read_chunks(session, name, size, chunk_size), "file-read", size
    row = find_file(session, name, contents=True) or {}
    if "contents" in row and size <= contents_limit(version):
        return as_bytes(row.get("contents")), "file-contents", size
    return None, "none", size


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
    try:
        data, method, size = fetch_file(session, version, rsc, params.get("chunk_size") or READ_CHUNK_MAX)
    finally:
        if not params.get("keep_files"):
            _remove(session, rsc)
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
    try:
        data, result["backup_method"], size = fetch_file(session, version, name, params.get("chunk_size") or READ_CHUNK_MAX)
    finally:
        if not params.get("keep_files"):
            _remove(session, name)
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


def store_export(directory, fmt, text, now=time.gmtime):
    """(stored, path): ``text`` written to ``directory/<fmt>.rsc`` unless the newest stored export has the same
    body; the directory is created (0700) when missing."""
    if not os.path.isdir(directory):
        try:
            os.makedirs(directory, 0o700)
        except OSError as exc:
            raise UserInputError("dest_dir: cannot create %s: %s" % (directory, exc.strerror or exc))
    stored = sorted(glob.glob(os.path.join(glob.escape(directory), "*.rsc")))
    if stored:
        with open(stored[-1], "rb") as fh:
            newest = decode(fh.read())
        if strip_header_date(newest) == strip_header_date(text):
            return False, stored[-1]
    name = time.strftime(fmt, now())
    if not name or "/" in name or name.startswith("."):
        raise UserInputError("timestamp_format: %r gives the file name %r; it must give a plain name" % (fmt, name))
    target, n = os.path.join(directory, name + ".rsc"), 0
    while os.path.exists(target):  # two changes within one timestamp: name_1.rsc sorts after name.rsc
        n += 1
        target = os.path.join(directory, "%s_%d.rsc" % (name, n))
    return True, atomic_write(target, as_bytes(text))
