# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Longest first: pytest-xdist hands tests to its workers in collection order, so a long test collected last keeps
one worker busy while the others have nothing left. The files below (the longest, measured with --durations) run
first, then the rest of tests/playbooks, then the short unit, wire and simulator tests that fill the gaps at the end.
A file keeps its own tests together and in order (module-scoped fixtures stay shared)."""

LONGEST = ("test_fault_sweep.py", "test_broker_scale.py", "test_quickstart.py", "test_many_hosts.py",
           "test_roles_weekly.py", "test_export_corpus.py", "test_safe_changes.py", "test_router_text_untrusted.py")


def _rank(item):
    name = item.path.name
    if name in LONGEST:
        return LONGEST.index(name)
    return len(LONGEST) + (0 if item.path.parent.name == "playbooks" else 1)


def pytest_collection_modifyitems(items):
    items.sort(key=_rank)
