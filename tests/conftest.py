# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Longest first: pytest-xdist hands tests to its workers in collection order, so a long test collected last keeps
one worker busy while the others have nothing left. The files below (the longest, measured with --durations) run
first, then the rest of tests/playbooks, then the short unit, wire and simulator tests that fill the gaps at the end.
A file keeps its own tests together and in order (module-scoped fixtures stay shared)."""

import os

from hypothesis import settings

# Property tests draw the same examples on every run (derandomize: a seed from each test's name), so a run of
# make test cannot fail on a draw the one before it did not make; HYPOTHESIS_PROFILE=explore draws new ones (to look
# for bugs on purpose; a failure it finds becomes an explicit example in the test).
settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

LONGEST = ("test_fault_sweep.py", "test_broker_scale.py", "test_quickstart.py", "test_many_hosts.py",
           "test_roles_weekly.py", "test_export_corpus.py", "test_safe_changes.py", "test_router_text_untrusted.py")


def _rank(item):
    name = item.path.name
    if name in LONGEST:
        return LONGEST.index(name)
    return len(LONGEST) + (0 if item.path.parent.name == "playbooks" else 1)


def pytest_collection_modifyitems(items):
    items.sort(key=_rank)
