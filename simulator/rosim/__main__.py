# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run the simulator from an installed collection (docs/simulator.md, "From an installed collection").

Either as a module, with the collections directory on the Python path::

    PYTHONPATH=~/.ansible/collections python3 -m ansible_collections.tikops.routeros.simulator.rosim --api 127.0.0.1:0

or by the path of this package (the collections directory is found from it)::

    python3 ~/.ansible/collections/ansible_collections/tikops/routeros/simulator/rosim --api 127.0.0.1:0
"""

import os
import sys


def _main():
    if __package__:
        from .cli import main  # pylint: disable=import-outside-toplevel
    else:
        here = os.path.dirname(os.path.abspath(__file__))
        # rosim <- simulator <- routeros <- tikops <- ansible_collections <- the collections directory
        root = os.path.abspath(os.path.join(here, os.pardir, os.pardir, os.pardir, os.pardir, os.pardir))
        sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
        sys.path.insert(0, root)
        from ansible_collections.tikops.routeros.simulator.rosim.cli import main  # pylint: disable=import-outside-toplevel
    return main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(_main())
