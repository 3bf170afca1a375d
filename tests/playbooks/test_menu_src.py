# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""tikops.routeros.menu ``src``: config from a JSON or YAML file on the controller (found like copy's src, vaulted
files decrypted, never templated, the result echoes the path); bad files fail before any write, naming the file."""

import json
import subprocess

import pytest

from support.playbook import VENV_BIN, run_playbook
from support.rosim import Simulator

M = "tikops.routeros.menu"
WRITES = ("add", "set", "remove", "unset", "move")
SECRET = "Src-Vaulted-Secret-7"


@pytest.fixture(scope="module")
def sim():
    with Simulator(version="7.16", identity="pb-src") as s:
        yield s


def hosts(sim):
    return {"r1": {"ansible_host": sim.host, "ansible_port": sim.port}}


def writes(sim):
    return [e["words"] for e in sim.events("command") if e["words"][0].rsplit("/", 1)[-1] in WRITES]


def one(result, task):
    (got,) = result.results(task)
    return got["result"]


def test_src_json_and_yaml(sim, tmp_path):
    run_dir = tmp_path / "playbook"
    (run_dir / "files").mkdir(parents=True)
    entries = [{"address": "10.9.%d.%d" % (i // 256, i % 256)} for i in range(2000)]
    (run_dir / "files" / "feed.json").write_text(json.dumps(entries))
    churned = entries[10:] + [{"address": "172.31.0.%d" % i} for i in range(10)]
    (run_dir / "files" / "churned.json").write_text(json.dumps(churned))
    churn = {"path": "/ip/firewall/address-list", "where": {"list": "feed"}, "state": "overridden",
             "src": "churned.json", "result_entries": "changed"}
    # YAML, flow style (not JSON), next to the playbook
    (run_dir / "lists.yml").write_text("[{name: SRC-WAN, comment: from a file}, {name: SRC-LAN}]\n")
    (run_dir / "dns.yml").write_text("servers: 9.9.9.9\nallow-remote-requests: false\n")
    tasks = [
        {"name": "feed", M: {"path": "/ip/firewall/address-list", "where": {"list": "feed"}, "state": "overridden",
                             "src": "feed.json"}},
        {"name": "feed again", M: {"path": "/ip/firewall/address-list", "where": {"list": "feed"},
                                   "state": "overridden", "src": "feed.json"}},
        # a big list's result with only the entries that change: check mode and the diff, then the writes
        {"name": "churn check", M: churn, "check_mode": True, "diff": True},
        {"name": "churn", M: churn},
        {"name": "lists", M: {"path": "/interface/list", "src": "lists.yml"}},
        {"name": "dns", M: {"path": "/ip/dns", "src": "dns.yml"}},
        {"name": "read", M: {"path": "/interface/list", "state": "gathered", "where": {"name": {"starts_with": "SRC-"}}}},
    ]
    result = run_playbook(tmp_path, tasks=tasks, hosts=hosts(sim), verbosity=1)
    assert result.rc == 0, result.stdout[-3000:]
    feed = one(result, "feed")
    assert feed["changed"] is True and len(feed["commands"]) == 2000
    # the result echoes the path, not 2,000 entries
    args = feed["invocation"]["module_args"]
    assert args["src"].endswith("feed.json") and args.get("config") is None
    assert one(result, "feed again")["changed"] is False
    check = one(result, "churn check")
    assert check["changed"] is True and "after" not in check and len(check["commands"]) == 20
    assert [e["address"] for e in check["before"]] == ["10.9.0.%d" % i for i in range(10)]
    assert check["counts"] == {"before": 2000, "added": 10, "changed": 0, "removed": 10}
    assert check["omitted"] == {"before": 1990}
    assert check["diff"]["before"].count("\n  address=") == 10 and check["diff"]["after"].count("\n  address=") == 10
    done = one(result, "churn")
    assert sorted(e["address"] for e in done["after"]) == ["172.31.0.%d" % i for i in range(10)]
    assert len(done["before"]) == 10 and done["omitted"] == {"before": 1990, "after": 1990}
    assert done["counts"] == {"before": 2000, "after": 2000, "added": 10, "changed": 0, "removed": 10}
    assert one(result, "lists")["changed"] is True
    assert sorted(e["name"] for e in one(result, "read")["gathered"]) == ["SRC-LAN", "SRC-WAN"]
    assert [e for e in one(result, "read")["gathered"] if e["name"] == "SRC-WAN"][0]["comment"] == "from a file"
    assert one(result, "dns")["after"]["servers"] == "9.9.9.9"


def test_src_vaulted_file_secret_never_shown(sim, tmp_path):
    run_dir = tmp_path / "playbook"
    run_dir.mkdir(parents=True)
    secret_file = run_dir / "users.yml"
    secret_file.write_text("- {name: src-vaulted, group: read, password: %s}\n" % SECRET)
    pw_file = tmp_path / "vault-pass"
    pw_file.write_text("vault-pw-for-tests\n")
    subprocess.run([str(VENV_BIN / "ansible-vault"), "encrypt", "--vault-password-file", str(pw_file),
                    str(secret_file)], check=True, capture_output=True)
    assert SECRET not in secret_file.read_text()
    tasks = [{"name": "users", M: {"path": "/user", "src": "users.yml"}, "diff": True}]
    result = run_playbook(tmp_path, tasks=tasks, hosts=hosts(sim), verbosity=4,
                          args=["--vault-password-file", str(pw_file)])
    assert result.rc == 0, result.stdout[-3000:]
    assert one(result, "users")["changed"] is True
    adds = [w for w in writes(sim) if w[0] == "/user/add"]
    assert any("=name=src-vaulted" in w for w in adds)
    assert any("=password=" + SECRET for w in adds for w in w)
    assert SECRET not in result.stdout and SECRET not in result.stderr


@pytest.mark.parametrize("content,expect", [
    ("- {name: a\n- {name: b}\n", "is not valid YAML at line 2, column 3"),
    ("just text\n", "holds a str; config is a list of entries or one mapping"),
    ("", "holds nothing"),
    (b"\xff\xfe[]", "is not UTF-8 text (byte 0)"),
])
def test_src_bad_file_fails_before_any_write(sim, tmp_path, content, expect):
    run_dir = tmp_path / "playbook"
    run_dir.mkdir(parents=True)
    path = run_dir / "bad.yml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    before = len(writes(sim))
    result = run_playbook(tmp_path, tasks=[{"name": "bad", M: {"path": "/interface/list", "src": "bad.yml"}}],
                          hosts=hosts(sim))
    assert result.rc != 0
    (task,) = result.results("bad")
    assert task["status"] == "failed"
    got = task["result"]
    assert got["msg"].startswith("src: ") and "bad.yml" in got["msg"] and expect in got["msg"], got["msg"]
    assert len(writes(sim)) == before


def test_src_missing_or_with_config(sim, tmp_path):
    tasks = [
        {"name": "missing", M: {"path": "/interface/list", "src": "no-such-file.json"}, "ignore_errors": True},
        {"name": "both", M: {"path": "/interface/list", "src": "x.json", "config": [{"name": "X"}]},
         "ignore_errors": True},
    ]
    before = len(writes(sim))
    result = run_playbook(tmp_path, tasks=tasks, hosts=hosts(sim))
    assert result.rc == 0, result.stdout[-3000:]
    assert [t["status"] for t in result.results()] == ["failed", "failed"]
    missing = one(result, "missing")
    assert "no-such-file.json" in missing["msg"] and missing["msg"].startswith("src: ")
    both = one(result, "both")
    assert "mutually exclusive" in both["msg"] and "src" in both["msg"]
    assert len(writes(sim)) == before
