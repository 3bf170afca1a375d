# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ansible-playbook runs of tikops.routeros.file and tikops.routeros.restore against one simulator (RouterOS 7.16):

1. files both ways: a 5 MB binary file up (through the short-lived server) and back down with equal SHA-256, each a
   second time without a change, check mode, small text through contents, an .npk package, the router fetching a
   URL itself, a download into directories that do not exist yet, removal; bad input, each failing with a message
   that names it and leaving the router as it was: a missing local file, a missing router file, a URL and a
   controller address the router cannot reach.
2. restore: the backup role stores an export and an encrypted binary backup; the configuration changes; a load
   with the wrong password fails and changes nothing; the right one reboots the router and the session comes back
   by itself, with the configuration the role saved (its export equals the stored one); after another change the
   stored export is imported (verified equal), and a second import of it changes nothing.
"""

import hashlib
import http.server
import json
import os
import threading

import pytest

from support.playbook import run_playbook
from support.rosim import CERT_FILE, KEY_FILE, Simulator, start_simulators

from ansible_collections.tikops.routeros.plugins.module_utils.tasks.restore import config_lines


@pytest.fixture(scope="module")
def sim():
    with Simulator(version="7.16", identity="fr7") as s:
        yield s


def hosts(sim):
    return {"fr7": {"ansible_host": sim.host, "ansible_port": sim.port}}


def result_of(run, name):
    got = run.results(name)
    assert got, "no result for task %r:\n%s%s" % (name, run.stdout[-4000:], run.stderr[-2000:])
    return dict(got[0]["result"], status=got[0]["status"])


class _Server(http.server.BaseHTTPRequestHandler):
    body = b"#!npk\x00" + bytes(range(256)) * 8

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)


def test_files_both_ways(sim, tmp_path):
    blob = os.urandom(5 * 1024 * 1024)
    src = tmp_path / "blob.bin"
    src.write_bytes(blob)
    changed = tmp_path / "blob2.bin"
    changed.write_bytes(blob[:-1] + bytes([blob[-1] ^ 1]))
    npk = tmp_path / "extra-7.16-arm64.npk"
    npk.write_bytes(b"\x1e\xf1\xd0\xba" + os.urandom(4096))
    web = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Server)
    thread = threading.Thread(target=web.serve_forever, daemon=True)
    thread.start()
    url = "http://127.0.0.1:%d/pkg/extra.npk" % web.server_address[1]
    down = tmp_path / "down"
    down.mkdir()
    fresh = tmp_path / "new" / "fr7"  # missing directories of dest are created, as ansible.builtin.fetch does
    f = "tikops.routeros.file"
    try:
        run = run_playbook(tmp_path, hosts=hosts(sim), tasks=[
            {"name": "up", f: {"path": "blob.bin", "src": str(src)}},
            {"name": "up again", f: {"path": "blob.bin", "src": str(src)}},
            {"name": "up changed, check", "check_mode": True, "diff": True, f: {"path": "blob.bin", "src": str(changed)}},
            {"name": "down", f: {"path": "blob.bin", "dest": str(down) + "/"}},
            {"name": "down again", f: {"path": "blob.bin", "dest": str(down / "blob.bin")}},
            {"name": "text", f: {"path": "notes/hello.txt", "content": "hello router\n"}},
            {"name": "https", f: {"path": "tls/blob.bin", "src": str(src), "server_cert": CERT_FILE,
                                  "server_key": KEY_FILE, "server_address": "127.0.0.1"}},
            {"name": "npk", f: {"path": "extra-7.16-arm64.npk", "src": str(npk)}},
            {"name": "router fetches", f: {"path": "pkg/extra.npk", "url": url,
                                           "sha256": hashlib.sha256(_Server.body).hexdigest()}},
            {"name": "router fetches again", f: {"path": "pkg/extra.npk", "url": url}},
            {"name": "down into new directories, check", "check_mode": True,
             f: {"path": "pkg/extra.npk", "dest": str(tmp_path / "unmade" / "fr7") + "/"}},
            {"name": "down into new directories", f: {"path": "pkg/extra.npk", "dest": str(fresh) + "/"}},
            {"name": "remove", f: {"path": "notes/hello.txt", "state": "absent"}},
            {"name": "remove again", f: {"path": "notes/hello.txt", "state": "absent"}},
            {"name": "missing local file", "ignore_errors": True, f: {"path": "x.bin", "src": str(tmp_path / "nope")}},
            {"name": "missing router file", "ignore_errors": True,
             f: {"path": "nope.bin", "dest": str(tmp_path / "nope.bin")}},
            {"name": "unreachable url", "ignore_errors": True, f: {"path": "never.bin", "url": "http://127.0.0.1:1/x"}},
            {"name": "unreachable server", "ignore_errors": True, f: {
                "path": "never2.bin", "src": str(npk), "server_address": "127.0.0.2", "server_bind": "127.0.0.1"}},
            {"name": "listing", "register": "listing", "tikops.routeros.command": {
                "path": "/file", "proplist": ["name", "size", "type"]}},
        ])
    finally:
        web.shutdown()
        web.server_close()
    assert run.rc == 0, run.stdout[-4000:] + run.stderr[-2000:]  # the three bad inputs failed (ignored)
    digest = hashlib.sha256(blob).hexdigest()
    up = result_of(run, "up")
    assert up["changed"] is True and up["method"] == "fetch" and up["verified"] == "sha256"
    assert up["size"] == len(blob) and up["sha256"] == digest
    again = result_of(run, "up again")
    assert again["changed"] is False and again["method"] == "none"
    check = result_of(run, "up changed, check")
    assert check["changed"] is True and check["before"]["sha256"] == digest
    assert check["after"]["sha256"] == hashlib.sha256(changed.read_bytes()).hexdigest()
    assert "sha256=%s" % digest in check["diff"]["before"]
    got = result_of(run, "down")
    assert got["changed"] is True and got["method"] == "read" and got["dest"] == str(down / "blob.bin")
    assert hashlib.sha256((down / "blob.bin").read_bytes()).hexdigest() == digest == got["sha256"]
    assert result_of(run, "down again")["changed"] is False
    text = result_of(run, "text")
    assert text["changed"] is True and text["method"] == "contents" and text["verified"] == "sha256"
    tls = result_of(run, "https")
    assert tls["changed"] is True and tls["method"] == "fetch" and tls["verified"] == "sha256"
    fetches = [e["words"] for e in sim.events("command") if e["words"][0] == "/tool/fetch"]
    assert any("=mode=https" in w and "=dst-path=tls/blob.bin" in w for w in fetches)
    assert result_of(run, "npk")["changed"] is True
    fetched = result_of(run, "router fetches")
    assert fetched["changed"] is True and fetched["sha256"] == hashlib.sha256(_Server.body).hexdigest()
    assert result_of(run, "router fetches again")["changed"] is False
    fresh_check = result_of(run, "down into new directories, check")
    assert fresh_check["changed"] is True and fresh_check["dest"] == str(tmp_path / "unmade" / "fr7" / "extra.npk")
    assert not (tmp_path / "unmade").exists()  # check mode creates nothing
    fresh_run = result_of(run, "down into new directories")
    assert fresh_run["changed"] is True and fresh_run["dest"] == str(fresh / "extra.npk")
    assert (fresh / "extra.npk").read_bytes() == _Server.body
    assert result_of(run, "remove")["changed"] is True and result_of(run, "remove again")["changed"] is False
    missing = result_of(run, "missing local file")
    assert missing["status"] == "failed" and "src" in missing["msg"] and "nope" in missing["msg"]
    nofile = result_of(run, "missing router file")
    assert nofile["status"] == "failed" and "nope.bin" in nofile["msg"] and not (tmp_path / "nope.bin").exists()
    unreachable = result_of(run, "unreachable url")
    assert unreachable["status"] == "failed" and "connection refused" in unreachable["msg"] and "127.0.0.1:1" in unreachable["msg"]
    server = result_of(run, "unreachable server")
    assert server["status"] == "failed" and "127.0.0.2:" in server["msg"] and "server_address" in server["msg"]
    assert "connection refused" in server["msg"]
    listing = dict((row["name"], row) for row in result_of(run, "listing")["rows"])
    assert listing["blob.bin"]["size"] == str(len(blob))  # the check-mode run sent nothing
    assert listing["extra-7.16-arm64.npk"]["type"] == "package" and "pkg/extra.npk" in listing
    assert "notes/hello.txt" not in listing and "never.bin" not in listing and "x.bin" not in listing
    assert "never2.bin" not in listing


def test_backup_role_files_restore(sim, tmp_path):
    backups = tmp_path / "backups"
    c = "tikops.routeros.command"
    run = run_playbook(tmp_path, hosts=hosts(sim), name="restore", tasks=[
        {"name": "name it", c: {"path": "/system/identity", "command": "set", "attributes": {"name": "before-backup"}}},
        {"name": "back up", "ansible.builtin.include_role": {"name": "tikops.routeros.backup"},
         "vars": {"backup_dir": str(backups), "backup_binary": True, "backup_binary_password": "s3cret-Backup",
                  "backup_show_sensitive": True}},
        {"name": "stored", "register": "stored", "ansible.builtin.find": {
            "paths": str(backups / "fr7"), "patterns": ["*.backup", "*.rsc"]}},
        {"name": "change", c: {"path": "/system/identity", "command": "set", "attributes": {"name": "changed"}}},
        {"name": "add", c: {"path": "/ip/address", "command": "add",
                            "attributes": {"address": "198.51.100.7/24", "interface": "ether2"}}},
        {"name": "wrong password", "ignore_errors": True, "tikops.routeros.restore": {
            "src": "{{ stored.files | map(attribute='path') | select('search', 'backup$') | first }}",
            "backup_password": "not-the-password"}},
        {"name": "after wrong", "register": "after_wrong", c: {"path": "/system/identity"}},
        {"name": "load", "tikops.routeros.restore": {
            "src": "{{ stored.files | map(attribute='path') | select('search', 'backup$') | first }}",
            "backup_password": "s3cret-Backup", "poll": 0.2, "reboot_timeout": 30}},
        {"name": "identity after", c: {"path": "/system/identity"}},
        {"name": "export after", "tikops.routeros.export": {"show_sensitive": True}},
        {"name": "change again", c: {"path": "/system/identity", "command": "set", "attributes": {"name": "again"}}},
        {"name": "import", "tikops.routeros.restore": {
            "src": "{{ stored.files | map(attribute='path') | select('search', 'rsc$') | first }}"}},
        {"name": "import again", "tikops.routeros.restore": {
            "src": "{{ stored.files | map(attribute='path') | select('search', 'rsc$') | first }}"}},
        {"name": "identity imported", c: {"path": "/system/identity"}},
    ])
    assert run.rc == 0, run.stdout[-4000:] + run.stderr[-2000:]
    wrong = result_of(run, "wrong password")
    assert wrong["status"] == "failed" and "wrong password" in wrong["msg"] and "nothing was changed" in wrong["msg"], wrong
    assert "s3cret" not in json.dumps(wrong) and "not-the-password" not in json.dumps(wrong)
    assert result_of(run, "after wrong")["rows"] == [{"name": "changed"}]
    load = result_of(run, "load")
    assert load["changed"] is True and load["rebooted"] is True
    assert load["uploaded"] is False  # the task before sent it: an equal file is not sent again
    assert result_of(run, "identity after")["rows"] == [{"name": "before-backup"}]
    stored = sorted(p for p in os.listdir(str(backups / "fr7")) if p.endswith(".rsc"))
    saved = (backups / "fr7" / stored[-1]).read_text()
    assert config_lines(result_of(run, "export after")["export"]) == config_lines(saved)
    assert sim.events("reboot") and sim.events("reboot")[-1].get("mode") == "backup-load"
    imported = result_of(run, "import")
    assert imported["changed"] is True and imported["verified"] is True and imported["type"] == "rsc"
    again = result_of(run, "import again")
    assert again["changed"] is False and again["verified"] is True and again["uploaded"] is False
    assert result_of(run, "identity imported")["rows"] == [{"name": "before-backup"}]
    imports = [e["words"] for e in sim.events("command") if e["words"][0] == "/import"]
    assert len(imports) == 1 and imports[0][1] == "=file-name=" + stored[-1]


def test_older_releases(tmp_path):
    """7.12 (no /file/read: the router uploads the file to the controller) and 6.49 (contents only, and no HTTP
    upload): what each can move and verify, in one run."""
    blob = os.urandom(100 * 1024)
    small = os.urandom(2000)
    (tmp_path / "blob.bin").write_bytes(blob)
    (tmp_path / "small.bin").write_bytes(small)
    f = "tikops.routeros.file"
    config = {"routers": [{"name": "r712", "routeros-version": "7.12"}, {"name": "r649", "routeros-version": "6.49.10"}]}
    with start_simulators(config) as group:
        hosts = dict((name, {"ansible_host": r.host, "ansible_port": r.port}) for name, r in group.routers.items())
        run = run_playbook(tmp_path, hosts=hosts, name="older", plays=[
            {"name": "7.12", "hosts": "r712", "gather_facts": False, "tasks": [
                {"name": "up 7.12", f: {"path": "blob.bin", "src": str(tmp_path / "blob.bin")}},
                {"name": "up again 7.12", f: {"path": "blob.bin", "src": str(tmp_path / "blob.bin")}},
                {"name": "down 7.12", f: {"path": "blob.bin", "dest": str(tmp_path / "back712.bin")}},
            ]},
            {"name": "6.49", "hosts": "r649", "gather_facts": False, "tasks": [
                {"name": "up 6.49", f: {"path": "small.bin", "src": str(tmp_path / "small.bin")}},
                {"name": "big 6.49", f: {"path": "blob.bin", "src": str(tmp_path / "blob.bin")}},
                {"name": "down 6.49", f: {"path": "small.bin", "dest": str(tmp_path / "back649.bin")}},
                {"name": "down big 6.49", "ignore_errors": True,
                 f: {"path": "blob.bin", "dest": str(tmp_path / "big649.bin")}},
            ]},
        ])
    assert run.rc == 0, run.stdout[-4000:] + run.stderr[-2000:]
    up = result_of(run, "up 7.12")
    assert up["changed"] is True and up["method"] == "fetch" and up["verified"] == "size"  # 100 KiB: no contents
    again = result_of(run, "up again 7.12")
    assert again["changed"] is False and any("content was not compared" in w for w in again.get("warnings", []))
    down = result_of(run, "down 7.12")
    assert down["method"] == "fetch" and down["verified"] == "size"
    assert (tmp_path / "back712.bin").read_bytes() == blob
    assert result_of(run, "up 6.49")["verified"] == "sha256"  # 2000 bytes: read back as contents
    assert result_of(run, "big 6.49")["changed"] is True
    assert result_of(run, "down 6.49")["method"] == "contents" and (tmp_path / "back649.bin").read_bytes() == small
    big = result_of(run, "down big 6.49")
    assert big["status"] == "failed" and "4095 bytes" in big["msg"] and "SFTP" in big["msg"]
    assert not (tmp_path / "big649.bin").exists()
