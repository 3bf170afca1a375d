# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Files both ways between the controller and a router, over what the API offers (tikops.routeros.file).

To the router (upload), by ``method``:

- ``fetch`` (any size, any release): the controller serves the file once on a short-lived HTTP(S) server
  (net/fileserver.py: a random-token URL, bound to the address the router can reach, stopped when the task ends)
  and the router fetches it with ``/tool/fetch url=... dst-path=...``.
- ``contents`` (UTF-8 text up to ``CONTENTS_WRITE_MAX`` bytes, RouterOS 7): ``/file/add name= contents=`` (or
  ``/file/set`` of the existing file). ``auto`` picks it for such text, ``fetch`` otherwise.

From the router (download), by release:

- ``read`` (7.13 and later): ``/file/read`` in chunks of 32 KiB, all pipelined.
- ``fetch`` (7.x before 7.13): the router uploads the file to the controller's server with
  ``/tool/fetch upload=yes http-method=put src-path=...``.
- ``contents`` (RouterOS 6, or any file small enough): ``/file/print`` shows the text of small files (4095 bytes on
  6.x, 60 KiB on 7.x). RouterOS 6 uploads over (S)FTP only, so a larger file cannot leave a 6.x router by the API.

RouterOS offers no checksum of a file over the API: what is verified is the size the router announces
(``/file/print``) and, wherever the router can send the file back (``/file/read`` on 7.13+, ``contents`` of a small
file), its SHA-256 over the bytes it sends. ``verified`` in the result says which (``sha256`` or ``size``). The same
comparison decides whether an upload is needed: an equal file (same size and, where it can be read, the same
SHA-256) is not sent again.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import os
import re

from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import (
    RouterOSError,
    TrapError,
    UserInputError,
)
from ansible_collections.tikops.routeros.plugins.module_utils.net.fileserver import (
    FileServer,
    FileServerError,
    local_address_towards,
)
from ansible_collections.tikops.routeros.plugins.module_utils.tasks import export as ex

CONTENTS_WRITE_MAX = 4096
DEFAULT_TRANSFER_TIMEOUT = 600
MAX_DOWNLOAD = ex.MAX_FILE_SIZE
# A router file name: no empty path parts, no quotes or control characters (it goes into a URL's name, a query)
NAME_RE = re.compile(r"\A[^\x00-\x1f\"?*]+\Z")


class FileTaskError(RouterOSError):
    """A transfer that failed; the message names the file and what was tried."""


# ---------------------------------------------------------------------------------------------------------
# pure helpers


def digest(data):
    return hashlib.sha256(data).hexdigest()


def describe(data):
    """The state of one file as the result and the diff show it."""
    if data is None:
        return {"state": "absent"}
    return {"state": "present", "size": len(data), "sha256": digest(data)}


def check_path(path):
    if not path or not NAME_RE.match(path) or path.startswith("/") or "//" in path or path.endswith("/"):
        raise UserInputError("path: %r is not a router file name (such as flash/pkg.npk or cert.pem: no leading or "
                             "trailing /, no quotes, wildcards or control characters)" % (path,))
    return path


def is_small_text(data, limit=CONTENTS_WRITE_MAX):
    if len(data) > limit or b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def upload_method(method, version, data):
    """The upload method for ``data`` on a router of ``version``: ``contents`` or ``fetch``."""
    if method == "contents":
        if version < (7, 0):
            raise UserInputError("method: contents writes files on RouterOS 7 only (this router runs %s); use fetch"
                                 % ex.version_text(version))
        if not is_small_text(data):
            raise UserInputError("method: contents takes UTF-8 text of at most %d bytes; use fetch for this file"
                                 % CONTENTS_WRITE_MAX)
        return "contents"
    if method in ("auto", None) and version >= (7, 0) and is_small_text(data):
        return "contents"
    if method in ("read",):
        raise UserInputError("method: read is a way to download, not to upload")
    return "fetch"


def download_method(method, version, size):
    """How to get a ``size``-byte file from a router of ``version``: ``read``, ``fetch`` or ``contents``."""
    if method in ("auto", None):
        if ex.has_file_read(version):
            return "read"
        if size <= ex.contents_limit(version):
            return "contents"
        if version >= (7, 0):
            return "fetch"
        raise FileTaskError("RouterOS %s sends a file over the API only while it is at most %d bytes (contents); "
                            "this one is %d bytes: copy it with SFTP, or upgrade (7.13 and later read any file)"
                            % (ex.version_text(version), ex.contents_limit(version), size))
    if method == "read" and not ex.has_file_read(version):
        raise UserInputError("method: read needs RouterOS 7.13 or later (/file/read); this router runs %s"
                             % ex.version_text(version))
    if method == "fetch" and version < (7, 0):
        raise UserInputError("method: fetch cannot download from RouterOS 6 (its /tool/fetch uploads over FTP and SFTP "
                             "only)")
    if method == "contents" and size > ex.contents_limit(version):
        raise UserInputError("method: contents shows files of at most %d bytes on RouterOS %s; this one is %d bytes"
                             % (ex.contents_limit(version), ex.version_text(version), size))
    return method


def fetch_error(exc, url, path, upload=False, external=False):
    """The task's message for a failed ``/tool/fetch``: what the router said, and where it tried to connect."""
    message = exc.message if isinstance(exc, TrapError) else str(exc)
    where = url.split("://", 1)[-1].split("/", 1)[0]
    what = "send %s to" % path if upload else "fetch %s from" % path
    hint = ""
    if re.search(r"connect|timeout|refused|unreachable", message, re.I):
        hint = "; the router cannot reach %s" % where
        if not external:
            hint += ": give server_address (an address of this controller the router can reach) and check the " \
                "router's firewall"
    if external:
        return FileTaskError("the router could not fetch %s into %s: %s%s" % (url, path, message, hint))
    return FileTaskError("the router could not %s the controller (%s): %s%s" % (what, where, message, hint))


# ---------------------------------------------------------------------------------------------------------
# the router side


def router_row(session, path):
    return ex.find_file(session, path)


def read_router(session, version, path, size, method="auto", server_params=None, chunk_size=ex.READ_CHUNK_MAX,
                timeout=DEFAULT_TRANSFER_TIMEOUT):
    """(bytes, method) of the router's file ``path`` (``size`` bytes as announced)."""
    how = download_method(method, version, size)
    if how == "read":
        return ex.read_chunks(session, path, size, chunk_size), how
    if how == "contents":
        row = ex.find_file(session, path, contents=True) or {}
        if "contents" not in row:
            raise FileTaskError("the router shows no contents of %s (%d bytes)" % (path, size))
        data = ex.as_bytes(row["contents"])
        if len(data) > size + ex.READ_SLACK:
            raise ex.too_much(path, size, "%d bytes of contents" % len(data))
        return data, how
    with start_server(session, server_params) as server:
        url = server.expect(size + ex.READ_SLACK)
        try:
            session.call("/tool/fetch", attributes={"url": url, "mode": server.scheme, "upload": "yes",
                                                    "src-path": path, "http-method": "put",
                                                    "check-certificate": "no"}, timeout=timeout)
        except TrapError as exc:
            raise fetch_error(exc, url, path, upload=True)
        data, error = server.received(url)
    if data is None:
        raise FileTaskError("the router did not upload %s to the controller%s" % (path, ": %s" % error if error else ""))
    return data, how


def server_address(session, params):
    given = (params or {}).get("server_address")
    if given:
        return given
    host = getattr(session, "tikops_router_host", None) or (params or {}).get("hostname")
    if not host:
        raise UserInputError("server_address: give the address of this controller that the router can reach (the "
                             "router's address is not known to this task)")
    try:
        return local_address_towards(host)
    except FileServerError as exc:
        raise UserInputError("server_address: %s" % exc)


def start_server(session, params):
    params = params or {}
    address = server_address(session, params)
    bind = params.get("server_bind") or address
    try:
        return FileServer(bind, params.get("server_port") or 0, params.get("server_cert"), params.get("server_key"),
                          url_host=address)
    except FileServerError as exc:
        raise UserInputError("server_address/server_port: %s" % exc)


def write_router(session, version, path, data, method="auto", server_params=None, exists=False,
                 timeout=DEFAULT_TRANSFER_TIMEOUT):
    """Put ``data`` on the router as ``path``; returns the method used."""
    how = upload_method(method, version, data)
    if how == "contents":
        text = data.decode("utf-8")
        if exists:
            session.call("/file", "set", attributes={"numbers": path, "contents": text})
        else:
            session.call("/file", "add", attributes={"name": path, "contents": text})
        return how
    with start_server(session, server_params) as server:
        url = server.offer(data, path)
        try:
            session.call("/tool/fetch", attributes={"url": url, "mode": server.scheme, "dst-path": path,
                                                    "check-certificate": "no"}, timeout=timeout)
        except TrapError as exc:
            raise fetch_error(exc, url, path)
        if not server.served(url):
            raise FileTaskError("the router reported the fetch of %s done but never asked the controller for it"
                                % path)
    return how


def remote_state(session, version, path, want=None, chunk_size=ex.READ_CHUNK_MAX):
    """(row or None, bytes or None, verified): the router's file ``path`` and, when it can be read back over the
    API (7.13+, or small enough for contents), its bytes. ``want`` (the local bytes): the file is read only when its
    size equals theirs (a different size differs anyway)."""
    row = router_row(session, path)
    if row is None:
        return None, None, None
    size = ex.file_size(row, path)
    if want is not None and size != len(want):
        return row, None, "size"
    if ex.has_file_read(version):
        return row, ex.read_chunks(session, path, size, chunk_size), "sha256"
    if size <= ex.contents_limit(version):
        full = ex.find_file(session, path, contents=True) or {}
        if "contents" in full:
            return row, ex.as_bytes(full["contents"]), "sha256"
    return row, None, "size"


# ---------------------------------------------------------------------------------------------------------
# the task


def read_local(path, option="src", limit=None):
    try:
        with open(path, "rb") as fh:
            data = fh.read() if limit is None else fh.read(limit + 1)
    except (IOError, OSError) as exc:
        raise UserInputError("%s: cannot read %s: %s" % (option, path, getattr(exc, "strerror", None) or exc))
    if limit is not None and len(data) > limit:
        raise UserInputError("%s: %s is larger than %d bytes" % (option, path, limit))
    return data


def dest_path(dest, path):
    if dest.endswith(os.sep) or os.path.isdir(dest):
        return os.path.join(dest, path.rsplit("/", 1)[-1])
    return dest


def upload(ctx, path, data, result):
    """``data`` on the router as ``path`` unless an equal file is there; fills ``result``."""
    p = ctx.params
    session = ctx.session
    version = ex.router_version(session)
    row, remote, verified = remote_state(session, version, path, data, p.get("chunk_size") or ex.READ_CHUNK_MAX)
    before = None
    if row is not None:
        size = ex.file_size(row, path)
        before = describe(remote) if remote is not None else {"state": "present", "size": size}
    equal = row is not None and ex.file_size(row, path) == len(data) and (remote is None or remote == data)
    result.update(size=len(data), sha256=digest(data), before=before or {"state": "absent"},
                  after=describe(data))
    if equal and not p.get("force"):
        result.update(changed=False, verified=verified, method="none")
        if remote is None:
            ctx.warn("%s on the router has the same size as the local file; RouterOS %s cannot send it back over the "
                     "API, so its content was not compared (force: true sends it anyway)"
                     % (path, ex.version_text(version)))
        return result
    result["changed"] = True
    if ctx.check_mode:
        result.update(method=upload_method(p.get("method"), version, data), verified=None)
        return result
    result["method"] = write_router(session, version, path, data, p.get("method"), p, exists=row is not None,
                                    timeout=p.get("transfer_timeout") or DEFAULT_TRANSFER_TIMEOUT)
    row = ex.wait_file(session, path)
    size = ex.file_size(row, path)
    if size != len(data):
        raise FileTaskError("the router holds %s as %d bytes after the transfer, not %d: the transfer was not complete"
                            % (path, size, len(data)))
    dummy, back, verified = remote_state(session, version, path, data, p.get("chunk_size") or ex.READ_CHUNK_MAX)
    if back is not None and back != data:
        raise FileTaskError("%s read back from the router differs from the file sent (SHA-256 %s, not %s)"
                            % (path, digest(back), digest(data)))
    result["verified"] = verified
    return result


def download(ctx, path, dest, result):
    p = ctx.params
    session = ctx.session
    version = ex.router_version(session)
    row = router_row(session, path)
    if row is None:
        raise FileTaskError("path: the router has no file %s" % path)
    size = ex.file_size(row, path)
    limit = p.get("max_file_size") or MAX_DOWNLOAD
    if size > limit:
        raise FileTaskError("the router announces %s as %d bytes, more than max_file_size (%d bytes): nothing was read"
                            % (path, size, limit))
    target = dest_path(dest, path)
    data, how = read_router(session, version, path, size, p.get("method"), p, p.get("chunk_size") or ex.READ_CHUNK_MAX,
                            p.get("transfer_timeout") or DEFAULT_TRANSFER_TIMEOUT)
    if len(data) != size:
        raise FileTaskError("the router announced %s as %d bytes and sent %d: nothing was written" % (path, size,
                                                                                                      len(data)))
    local, before = None, {"state": "absent"}
    if os.path.isfile(target):
        if os.path.getsize(target) == size:
            local = read_local(target, "dest", limit=size)
            before = describe(local)
        else:
            before = {"state": "present", "size": os.path.getsize(target)}
    result.update(dest=target, size=size, sha256=digest(data), method=how,
                  verified="sha256" if how in ("read", "contents") else "size", before=before, after=describe(data))
    if local == data:
        result["changed"] = False
        return result
    result["changed"] = True
    if not ctx.check_mode:
        make_directories(os.path.dirname(os.path.abspath(target)))
        ex.atomic_write(target, data)
    return result


def make_directories(directory):
    """The directories of a download's ``dest``, created when missing (as ansible.builtin.fetch does)."""
    if os.path.isdir(directory):
        return
    try:
        os.makedirs(directory)
    except OSError as exc:
        if not os.path.isdir(directory):  # another task (another host of the same play) may have made it meanwhile
            raise UserInputError("dest: cannot create the directory %s: %s"
                                 % (directory, getattr(exc, "strerror", None) or exc))


def remove(ctx, path, result):
    session = ctx.session
    row = router_row(session, path)
    if row is None:
        result.update(changed=False, before={"state": "absent"}, after={"state": "absent"})
        return result
    result.update(changed=True, before={"state": "present", "size": ex.file_size(row, path)},
                  after={"state": "absent"})
    if not ctx.check_mode:
        session.call("/file", "remove", attributes={".id": row.get(".id") or path})
    return result


def from_url(ctx, path, url, result):
    """The router fetches ``url`` itself into ``path`` (a package from MikroTik's site, a file on an intranet
    server): when the file is missing, when ``sha256`` is given and the router's file (where it can be read back)
    differs, or with ``force``. ``sha256`` is checked after the fetch wherever the router can send the file back."""
    p = ctx.params
    session = ctx.session
    version = ex.router_version(session)
    want = (p.get("sha256") or "").lower() or None
    if want is not None and not re.match(r"\A[0-9a-f]{64}\Z", want):
        raise UserInputError("sha256: %r is not a SHA-256 (64 hex digits)" % p.get("sha256"))
    row, remote, verified = remote_state(session, version, path, None, p.get("chunk_size") or ex.READ_CHUNK_MAX)
    if row is None:
        before = {"state": "absent"}
    else:
        before = describe(remote) if remote is not None else {"state": "present", "size": ex.file_size(row, path)}
    result.update(url=url, before=before)
    fresh = row is None or p.get("force") or (want is not None and remote is not None and digest(remote) != want)
    if not fresh:
        result.update(changed=False, method="none", verified=verified, after=before,
                      size=before.get("size"), sha256=before.get("sha256"))
        if want is not None and remote is None:
            ctx.warn("%s is on the router; RouterOS %s cannot send it back over the API, so sha256 was not compared "
                     "(force: true fetches it again)" % (path, ex.version_text(version)))
        return result
    result["changed"] = True
    if ctx.check_mode:
        result.update(method="fetch", after={"state": "present"})
        return result
    attrs = {"url": url, "dst-path": path}
    if url.lower().startswith("https:"):
        attrs["check-certificate"] = "yes" if p.get("check_certificate", True) else "no"
    try:
        session.call("/tool/fetch", attributes=attrs, timeout=p.get("transfer_timeout") or DEFAULT_TRANSFER_TIMEOUT)
    except TrapError as exc:
        raise fetch_error(exc, url, path, external=True)
    row, remote, verified = remote_state(session, version, path, None, p.get("chunk_size") or ex.READ_CHUNK_MAX)
    if row is None:
        raise FileTaskError("the router reported the fetch of %s done, but has no file %s" % (url, path))
    if want is not None and remote is not None and digest(remote) != want:
        raise FileTaskError("%s fetched from %s has SHA-256 %s, not the sha256 given (%s)"
                            % (path, url, digest(remote), want))
    after = describe(remote) if remote is not None else {"state": "present", "size": ex.file_size(row, path)}
    result.update(method="fetch", verified=verified, after=after, size=after.get("size"), sha256=after.get("sha256"))
    return result


def run_file(ctx):
    """tikops.routeros.file: upload (src or content), download (dest) or remove (state absent)."""
    p = ctx.params
    path = check_path(p["path"])
    result = {"path": path, "changed": False}
    if p.get("state") == "absent":
        out = remove(ctx, path, result)
    elif p.get("dest"):
        out = download(ctx, path, p["dest"], result)
    elif p.get("url"):
        out = from_url(ctx, path, p["url"], result)
    else:
        if p.get("content") is not None:
            data = p["content"].encode("utf-8")
        elif p.get("src"):
            data = read_local(p["src"])
        else:
            raise UserInputError("give src (a file on the controller) or content to upload, dest to download, or "
                                 "state: absent to remove")
        out = upload(ctx, path, data, result)
    if ctx.diff:
        out["diff"] = {"before": "%s\n" % _show(out.get("before")), "after": "%s\n" % _show(out.get("after")),
                       "before_header": path, "after_header": path}
    return out


def _show(state):
    state = state or {"state": "absent"}
    return " ".join("%s=%s" % (k, state[k]) for k in ("state", "size", "sha256") if k in state)
