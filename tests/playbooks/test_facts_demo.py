# -*- coding: utf-8 -*-
"""`make demo` (demo/run.py) runs for real: three simulated routers, facts table, a command; its exit status
follows the playbook's."""

import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUN = os.path.join(REPO, "demo", "run.py")


def demo(*args):
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith("ANSIBLE_"))
    env["ANSIBLE_NOCOLOR"] = "1"
    return subprocess.run([sys.executable, RUN] + list(args), cwd=REPO, env=env, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600, check=False)


def test_demo_runs():
    out = demo()
    assert out.returncode == 0, out.stdout
    for name, version in (("edge6", "6.42.5"), ("core7", "7.16"), ("dc7", "7.19")):
        assert "identity    %s" % name in out.stdout
        assert "version     %s" % version in out.stdout
    assert "cancelled: True" in out.stdout
    # one login per router for the whole playbook; the RouterOS 6.42 router needed the MD5 login
    assert "edge6  1 login(s) (md5)" in out.stdout
    assert "core7  1 login(s) (plain)" in out.stdout and "dc7    1 login(s) (plain)" in out.stdout
    assert "demo: done" in out.stdout


def test_demo_fails_when_the_playbook_fails():
    out = demo("-e", "ansible_password=not-the-password")
    assert out.returncode != 0
    assert "the playbook failed" in out.stdout
    assert "not-the-password" not in out.stdout.replace("-e ansible_password=not-the-password", "")
