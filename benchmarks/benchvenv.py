# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The benchmark-only environment with the peer (community.routeros from the ``ansible`` package + librouteros).

It lives in ``.build/bench-venv``, apart from ``.venv``: the collection and its tests never see it. Creating it is
idempotent and safe to run from two benchmarks at once (a lock file; a marker records the pins it was built with).

    python benchmarks/benchvenv.py        # create (or check) it and print its python
"""

import fcntl
import os
import subprocess
import sys
import venv

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH_VENV = os.path.join(ROOT, ".build", "bench-venv")
# ansible 12.3.0 = ansible-core 2.19 + community.routeros 3.x (api_modify, api_info); librouteros as the peer pins it.
PINS = ("ansible==12.3.0", "ansible-core>=2.19,<2.20", "librouteros==4.1.1")  # the dev venv's ansible-core line
MARKER = os.path.join(BENCH_VENV, ".tikops-bench-pins")


def bench_python():
    return os.path.join(BENCH_VENV, "bin", "python")


def ensure_bench_venv(quiet=True):
    """Create the venv if it is missing or was built with other pins; return its python."""
    os.makedirs(os.path.dirname(BENCH_VENV), exist_ok=True)
    with open(BENCH_VENV + ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            wanted = "\n".join(PINS) + "\n"
            if os.path.exists(MARKER) and open(MARKER).read() == wanted and os.path.exists(bench_python()):
                return bench_python()
            if not os.path.exists(bench_python()):
                venv.EnvBuilder(with_pip=True, clear=False).create(BENCH_VENV)
            cmd = [bench_python(), "-m", "pip", "install", "--disable-pip-version-check"]
            if quiet:
                cmd.append("-q")
            subprocess.run(cmd + list(PINS), check=True, timeout=1800)
            with open(MARKER, "w") as out:
                out.write(wanted)
            return bench_python()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


if __name__ == "__main__":
    print(ensure_bench_venv(quiet="-v" not in sys.argv))
