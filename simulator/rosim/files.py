# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Files, ``/export`` and ``/system/backup``: how an API client gets a router's configuration text and files.

What real RouterOS offers an API client, by version (docs/simulator.md, "Files, export and backup"):

- ``/export`` sends no text over the API (a bare ``!done``); ``/export =file=NAME`` writes ``NAME.rsc`` to the
  router's files (``.rsc`` added unless the name ends with it). RouterOS 6 exports sensitive values unless
  ``hide-sensitive`` is given; RouterOS 7 hides them unless ``show-sensitive`` is given.
- ``/file/print`` shows a file's text as ``contents`` only while the file is small: up to 4095 bytes on
  RouterOS 6, up to 60 KiB on RouterOS 7. Larger files have no ``contents``.
- ``/file/read =file=NAME =chunk-size=N =offset=O`` (RouterOS 7.13 and later) returns one row whose ``data``
  holds up to ``chunk-size`` bytes (at most 32768) from ``offset``; past the end ``data`` is empty.
- ``/system/backup/save =name=NAME [=password=P | =dont-encrypt=yes]`` writes ``NAME.backup`` (binary).
- ``/file/remove =numbers=NAME`` (or ``.id``) removes a file.

Everything is registered through :func:`commands` (the words) and :func:`run` (their replies); the router keeps
its files in ``router.rosim_files``.
"""

import hashlib
import json
import re

from . import values as V
from .model import QueryError, Result, compile_query
from .state import NOT_SAVED, ORDER, dump_state, load_state
from .values import Trap

CONTENTS_LIMIT_V6 = 4095
CONTENTS_LIMIT_V7 = 60 * 1024
READ_CHUNK_MAX = 32768
SENSITIVE = re.compile(r"(password|secret|passphrase|(^|-)(key|keys|psk)(-|$))")
# Menus left out of an export: /user holds passwords that export never shows; /interface is a view.
NOT_EXPORTED = {"/user", "/interface"}


class _AnyField:
    by_name = {}


def has_file_read(router):
    return router.version >= (7, 13)


def commands(router):
    """The command words this module answers for ``router``'s version."""
    words = {"/export", "/file/print", "/file/getall", "/file/remove", "/system/backup/save"}
    if has_file_read(router):
        words.add("/file/read")
    if router.v7():
        words |= {"/file/add", "/file/set"}  # contents (file_write)
    return words


def files(router):
    store = getattr(router, "rosim_files", None)
    if store is None:
        store = router.rosim_files = []
        router.rosim_file_next = 1
    return store


def find_file(router, token):
    for f in files(router):
        if token in (f[".id"], f["name"]):
            return f
    return None


def put_file(router, name, data, kind):
    store = files(router)
    old = find_file(router, name)
    if old is not None:
        store.remove(old)
    entry = {".id": "*%X" % router.rosim_file_next, "name": name, "type": kind, "data": data, "time": router.now()}
    router.rosim_file_next += 1
    store.append(entry)
    router.log("system,info", "file %s created" % name)
    return entry


def run(router, cmd, user):
    """The reply (a model.Result) to ``cmd``, one of :func:`commands`."""
    if not router.allowed(user, "set" if is_write(cmd) else "print"):
        raise Trap("not enough permissions (9)")
    attrs = cmd.attrs
    word = cmd.word
    if word in ("/file/print", "/file/getall"):
        return Result(rows=print_files(router, cmd), listing=True)
    if cmd.queries:
        raise router.unknown_parameter(cmd.queries[0])
    if word == "/export":
        return export_command(router, attrs)
    if word == "/file/read":
        return Result(rows=[read_file(router, attrs)])
    if word == "/file/remove":
        token = attrs.get(".id", attrs.get("numbers"))
        for part in (token or "").split(","):
            entry = find_file(router, part.strip())
            if entry is None:
                raise Trap("no such item (4)")
            files(router).remove(entry)
        return Result()
    if word == "/system/backup/save":
        return backup_save(router, attrs)
    if word in ("/file/add", "/file/set"):
        return file_write(router, word, attrs)
    return None


def write_verbs():
    """Commands that change the router (a write in the events' terms)."""
    return {"/file/remove", "/system/backup/save", "/file/add", "/file/set"}


def is_write(cmd):
    return cmd.word in write_verbs() or (cmd.word == "/export" and "file" in cmd.attrs)


# ---------------------------------------------------------------------------------------------------------
# /file


def file_row(router, entry):
    data = entry["data"]
    row = {".id": entry[".id"], "name": entry["name"], "type": entry["type"]}
    if entry["type"] == "directory":  # a directory shows no size or contents (the manual's file print)
        row["last-modified"] = router.format_datetime(entry["time"])
        return row
    row["size"] = str(len(data))
    row.update(entry.get("fields") or {})  # what the router reads in the file: a package's name, version, architecture
    stamp = router.format_datetime(entry["time"])
    row["last-modified" if router.v7() else "creation-time"] = stamp
    limit = CONTENTS_LIMIT_V7 if router.v7() else CONTENTS_LIMIT_V6
    if len(data) <= limit:
        row["contents"] = data.decode("utf-8", "surrogateescape")
    return row


def print_files(router, cmd):
    for name in cmd.attrs:
        if name not in ("detail", "without-paging", ".proplist", "terse", "brief", "value-list", "show-ids"):
            raise router.unknown_parameter(name)
    try:
        match = compile_query(cmd.queries, _AnyField()) if cmd.queries else None
    except QueryError as exc:
        raise Trap("invalid query: %s" % exc, V.CAT_ARGUMENT) from exc
    proplist = None
    if ".proplist" in cmd.attrs:
        proplist = [p for p in cmd.attrs[".proplist"].split(",") if p]
    out = []
    for entry in files(router):
        row = file_row(router, entry)
        if match is not None and not match(row):
            continue
        if proplist is not None:
            row = {k: row[k] for k in proplist if k in row}
        out.append(row)
    return out


def read_file(router, attrs):
    for name in attrs:
        if name not in ("file", "chunk-size", "offset", "as-value"):
            raise router.unknown_parameter(name)
    if "file" not in attrs:
        raise Trap("value of file must be specified", V.CAT_ARGUMENT)
    entry = find_file(router, attrs["file"])
    if entry is None:
        raise Trap("failure: no such file", V.CAT_FAILURE)
    if "chunk-size" not in attrs:
        raise Trap("value of chunk-size must be specified", V.CAT_ARGUMENT)
    size = int(V.parse_int("chunk-size", attrs["chunk-size"], 1, READ_CHUNK_MAX))
    offset = int(V.parse_int("offset", attrs.get("offset", "0"), 0, None))
    chunk = entry["data"][offset:offset + size]
    return {"data": chunk.decode("utf-8", "surrogateescape")}


FILE_TYPES = ("file", "directory")


def file_write_args(router, word):
    """The arguments ``/file/add`` and ``/file/set`` take on ``router``'s release, as the command trees list them:
    ``name`` and ``contents`` (7.9+; ``set name``, a rename, from 7.13), ``type`` from 7.15."""
    args = {"name", "contents"} if word == "/file/add" else {"numbers", ".id", "contents"}
    if word == "/file/set" and router.version >= (7, 13):
        args.add("name")
    if router.version >= (7, 15):
        args.add("type")
    return args


def file_write(router, word, attrs):
    """``/file/add =name= =contents= [=type=file|directory]`` and ``/file/set =numbers= =contents=`` (RouterOS 7):
    a file's text, or a directory (MikroTik's manual, Files: ``file add name=... type=directory``). Only 7.13 and
    later answer an add with ``=ret=`` (protocol-facts.md: librouteros PR #388). Chosen (no capture found): a
    ``type`` other than ``file`` or ``directory`` is refused as a bad value, a directory with ``contents`` and a
    ``set`` that would turn a file into a directory (or back) fail."""
    allowed = file_write_args(router, word)
    for name in attrs:
        if name not in allowed:
            raise router.unknown_parameter(name)
    kind = attrs.get("type")
    if kind is not None and kind not in FILE_TYPES:
        raise Trap("value of type must be one of %s" % ", ".join(FILE_TYPES), V.CAT_ARGUMENT)
    data = attrs.get("contents", "").encode("utf-8", "surrogateescape")
    if word == "/file/add":
        if not attrs.get("name"):
            raise Trap("value of name must be specified", V.CAT_ARGUMENT)
        if find_file(router, attrs["name"]) is not None:
            raise Trap("failure: file already exists", V.CAT_FAILURE)
        if kind == "directory" and data:
            raise Trap("failure: a directory has no contents", V.CAT_FAILURE)
        entry = put_file(router, attrs["name"], data, "directory" if kind == "directory" else _kind(attrs["name"]))
        return Result(done={"ret": entry[".id"]} if has_file_read(router) else None)
    entry = find_file(router, attrs.get(".id", attrs.get("numbers", "")))
    if entry is None:
        raise Trap("no such item (4)")
    if kind is not None and (kind == "directory") != (entry["type"] == "directory"):
        raise Trap("failure: cannot change the type of %s" % entry["name"], V.CAT_FAILURE)
    if "contents" in attrs:
        if entry["type"] == "directory":
            raise Trap("failure: a directory has no contents", V.CAT_FAILURE)
        entry["data"] = data
        entry["time"] = router.now()
    if attrs.get("name"):
        entry["name"] = attrs["name"]
    return Result()


def _kind(name):
    lower = name.lower()
    for suffix, kind in ((".npk", "package"), (".rsc", "script"), (".backup", "backup")):
        if lower.endswith(suffix):
            return kind
    return ".%s file" % lower.rsplit(".", 1)[1] if "." in lower.rsplit("/", 1)[-1] else "file"


# ---------------------------------------------------------------------------------------------------------
# /system/backup


def backup_save(router, attrs):
    for name in attrs:
        if name not in ("name", "password", "dont-encrypt", "encryption"):
            raise router.unknown_parameter(name)
    identity = router.single(router.menus["/system/identity"]).get("name", "MikroTik")
    name = attrs.get("name") or "%s-%s" % (identity, router.format_date(router.now()).replace("/", ""))
    if not name.endswith(".backup"):
        name += ".backup"
    text = export_text(router, show_sensitive=True).encode("utf-8", "surrogateescape")
    # not RouterOS's format: a recognisable binary blob that holds the configuration (and every byte value), and
    # the state that /system/backup/load brings back (backup_load)
    body = BACKUP_MAGIC + text + STATE_MARK + json.dumps(dump_state(router), sort_keys=True).encode("utf-8")
    if attrs.get("password") and attrs.get("dont-encrypt") not in ("yes", "true"):
        body = _xor(body, attrs["password"])
        head = HEAD_ENCRYPTED
    else:
        head = HEAD_PLAIN
    put_file(router, name, head + body, "backup")
    router.log("system,info", "configuration backup saved by %s" % name)
    return _result()


BACKUP_MAGIC = bytes(range(256))
STATE_MARK = b"\x00ROSIM-STATE\x00"
HEAD_PLAIN = b"ROSIM-BACKUP\x00"
HEAD_ENCRYPTED = b"ROSIM-BACKUP-ENCRYPTED\x00"


def _xor(body, password):
    key = hashlib.sha256(password.encode("utf-8", "surrogateescape")).digest()
    return bytes(b ^ key[i % len(key)] for i, b in enumerate(body))


def backup_load(router, attrs):
    """The state saved in the backup ``attrs["name"]`` (``/system/backup/load``), checked before anything changes:
    a missing file, a file that is no backup, a wrong or missing password each fail with a trap."""
    for name in attrs:
        if name not in ("name", "password", "force-v6-to-v7-configuration-upgrade"):
            raise router.unknown_parameter(name)
    if not attrs.get("name"):
        raise Trap("value of name must be specified", V.CAT_ARGUMENT)
    entry = find_file(router, attrs["name"])
    if entry is None and not attrs["name"].endswith(".backup"):
        entry = find_file(router, attrs["name"] + ".backup")
    if entry is None:
        raise Trap("failure: no such file", V.CAT_FAILURE)
    data = entry["data"]
    password = attrs.get("password", "")
    if data.startswith(HEAD_ENCRYPTED):
        body = _xor(data[len(HEAD_ENCRYPTED):], password) if password else b""
        if not body.startswith(BACKUP_MAGIC):
            raise Trap("failure: wrong password", V.CAT_FAILURE)
    elif data.startswith(HEAD_PLAIN):
        body = data[len(HEAD_PLAIN):]
    else:
        raise Trap("failure: not a backup file", V.CAT_FAILURE)
    if STATE_MARK not in body:
        raise Trap("failure: not a backup file", V.CAT_FAILURE)
    try:
        snapshot = json.loads(body.split(STATE_MARK, 1)[1].decode("utf-8"))
    except ValueError:
        raise Trap("failure: backup file is corrupted", V.CAT_FAILURE)
    if snapshot.get("routeros-version") and snapshot["routeros-version"].split(".")[0] != router.version_text.split(".")[0]:
        if attrs.get("force-v6-to-v7-configuration-upgrade") not in ("yes", "true"):
            raise Trap("failure: backup is from RouterOS %s" % snapshot["routeros-version"], V.CAT_FAILURE)
    return snapshot


def restore_state(router, snapshot):
    """``router`` as it comes back from the reboot after a backup load: the configuration of ``snapshot`` (a
    dump_state), the files kept, a new uptime; the same object, so the service and its listeners keep it."""
    fresh = type(router)(name=router.name, version=router.version_text, clock=router.clock,
                         packages=",".join(router.packages), board=router.board_key)
    load_state(fresh, {"menus": snapshot.get("menus") or {}}, source="backup")  # what dump_state wrote loads
    keep = ("clock_offset", "api_port", "api_ssl_port", "api_ssl_certificate")
    kept = dict((k, v) for k, v in router.__dict__.items()
                if (k.startswith("rosim_") and k != "rosim_export_baseline") or k in keep)
    router.__dict__.clear()
    router.__dict__.update(fresh.__dict__)
    router.__dict__.update(kept)
    router.started = router.clock()
    router.log("system,info", "router rebooted")


def _result(rows=()):
    return Result(rows=list(rows))


# ---------------------------------------------------------------------------------------------------------
# /export


def export_command(router, attrs):
    for name in attrs:
        if name not in ("file", "compact", "verbose", "terse", "hide-sensitive", "show-sensitive", "where", "path"):
            raise router.unknown_parameter(name)
    if "show-sensitive" in attrs and not router.v7():
        raise router.unknown_parameter("show-sensitive")
    if "file" not in attrs:
        return _result()  # the API gets no text: the router prints it to a console that is not there
    if router.v7():
        show = "show-sensitive" in attrs
    else:
        show = "hide-sensitive" not in attrs
    name = attrs["file"]
    if not name.endswith(".rsc"):
        name += ".rsc"
    text = export_text(router, show_sensitive=show, terse="terse" in attrs)
    put_file(router, name, text.encode("utf-8", "surrogateescape"), "script" if router.v7() else ".rsc file")
    return _result()


def quote(value):
    if value == "" or re.search(r"[\s\"\\$;\[\]{}=]", value):
        return '"%s"' % value.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$")
    return value


def baseline_rows(router):
    """The configuration of a router of this version fresh from the factory: {menu path: {.id: row}}."""
    cached = getattr(router, "rosim_export_baseline", None)
    if cached is None:
        fresh = type(router)(name=router.name, version=router.version_text)
        cached = {path: {item.get(".id"): dict(item) for item in items}
                  for path, items in menu_items(fresh)}
        router.rosim_export_baseline = cached
    return cached


def menu_items(router):
    order = [p for p in ORDER if p in router.menus] + sorted(p for p in router.menus if p not in ORDER)
    for path in order:
        menu = router.menus[path]
        if path in NOT_SAVED or path in NOT_EXPORTED or menu.kind not in ("list", "single"):
            continue
        if menu.kind == "single":
            yield path, [router.single(menu)]
        else:
            yield path, [i for i in router.table(menu.table).items if menu.matches(i)]


def fields_of(menu, item, show_sensitive):
    out = []
    for f in menu.fields:
        if f.ro:
            continue
        value = item.get("_" + f.name) if f.wo else item.get(f.name)
        if value is None:
            continue
        if SENSITIVE.search(f.name) and not show_sensitive:
            continue
        out.append((f, value))
    return out


def export_text(router, show_sensitive=False, terse=False):
    lines = ["# %s by RouterOS %s" % (router.format_datetime(router.now()), router.version_text),
             "# software id = %s" % software_id(router)]
    if router.v7():
        if router.board.get("model"):  # a CHR is no RouterBOARD: no model or serial number lines
            lines += ["#", "# model = %s" % router.board.get("model", "RB750Gr3"),
                      "# serial number = %s" % router.board.get("serial-number", "0000000000")]
    else:
        lines += ["#", "#", "#"]
    base = baseline_rows(router)
    for path, items in menu_items(router):
        menu = router.menus[path]
        before = base.get(path, {})
        body = []
        for item in items:
            if item.get("dynamic") == "true":
                continue
            old = before.get(item.get(".id")) if menu.kind == "list" else (list(before.values()) or [None])[0]
            pairs = fields_of(menu, item, show_sensitive)
            if old is not None:
                changed = [(f, v) for f, v in pairs if (old.get("_" + f.name) if f.wo else old.get(f.name)) != v]
                if not changed:
                    continue
                if menu.kind == "single":
                    target = ""
                elif item.get("default-name"):
                    target = "[ find default-name=%s ] " % item["default-name"]
                elif menu.key and item.get(menu.key):
                    target = "%s " % quote(item[menu.key])
                else:
                    target = "%s " % item[".id"]
                body.append("set %s%s" % (target, " ".join("%s=%s" % (f.name, quote(v)) for f, v in changed)))
                continue
            shown = [(f, v) for f, v in pairs if f.default is None or str(f.default) != v or f.required]
            body.append("add %s" % " ".join("%s=%s" % (f.name, quote(v)) for f, v in shown))
        if not body:
            continue
        section = path.strip("/").replace("/", " ")
        if terse:
            lines += ["/%s %s" % (section, line) for line in body]
        else:
            lines.append("/" + section)
            lines += body
    return "\n".join(lines) + "\n"


def software_id(router):
    digest = hashlib.sha1(router.name.encode("utf-8", "surrogateescape")).hexdigest().upper()
    return "%s-%s" % (digest[:4], digest[4:7] + "K")
