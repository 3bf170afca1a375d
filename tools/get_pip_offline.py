# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Stand-in for get-pip.py, so that ansible-test sanity needs nothing from ci-files.testing.ansible.com.

ansible-test creates each sanity test's virtual environment without pip, then runs
``~/.ansible/test/cache/get_pip_<version>.py <pip options> pip==<version> --no-setuptools --no-wheel``
(downloading that script first only when the file is missing). tools/sanity.sh copies this file to that path.
It does what get-pip.py does with the same arguments, from the standard library: ``ensurepip`` puts the pip that
ships with Python into the environment, and that pip installs the requested packages (from PyPI, or its cache).

tikops.routeros offline pip bootstrap (tools/sanity.sh replaces files carrying this marker when they differ)
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import subprocess
import sys

# get-pip.py options that are not pip options: they say which extra packages get-pip.py should leave out.
LEAVE_OUT = {"--no-setuptools": "setuptools", "--no-wheel": "wheel"}


def run(command):
    """Run a command with this interpreter; stop with its exit status when it fails."""
    status = subprocess.call([sys.executable] + command)
    if status:
        sys.exit(status)


def main(argv):
    """Install pip and the requested packages into the running interpreter's environment."""
    pip_args = [arg for arg in argv if arg not in LEAVE_OUT]
    leave_out = [LEAVE_OUT[arg] for arg in argv if arg in LEAVE_OUT]

    # In a child process: ensurepip clears the PIP_* settings of the process it runs in.
    run(["-m", "ensurepip", "--upgrade"])
    run(["-m", "pip", "install", "--upgrade"] + pip_args)

    # The ensurepip of Python 3.11 also installs setuptools, which get-pip.py was told to leave out.
    installed = subprocess.run([sys.executable, "-m", "pip", "list", "--format=freeze"], check=True,
                               stdout=subprocess.PIPE, universal_newlines=True).stdout
    names = set(line.split("==")[0].lower() for line in installed.splitlines())
    unwanted = [name for name in leave_out if name in names]
    if unwanted:
        run(["-m", "pip", "uninstall", "--yes"] + unwanted)


if __name__ == "__main__":
    main(sys.argv[1:])
