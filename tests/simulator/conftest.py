# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared fixtures for the simulator tests: one simulator per module and version."""

import contextlib
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.rosim import Simulator  # noqa: E402


@pytest.fixture(scope="module")
def sim716():
    with Simulator(version="7.16", identity="r716", password="pw716") as sim:
        yield sim


@pytest.fixture(scope="module")
def sim718():
    with Simulator(version="7.18", identity="r718", password="") as sim:
        yield sim


@pytest.fixture(scope="module")
def sim6():
    with Simulator(version="6.49.10", identity="r649", password="") as sim:
        yield sim


@pytest.fixture
def raw716(sim716):
    from simraw import Raw
    with contextlib.closing(Raw(sim716.host, sim716.port)) as r:
        r.login("admin", "pw716")
        yield r


@pytest.fixture
def raw718(sim718):
    from simraw import Raw
    with contextlib.closing(Raw(sim718.host, sim718.port)) as r:
        r.login("admin", "")
        yield r


@pytest.fixture
def raw6(sim6):
    from simraw import Raw
    with contextlib.closing(Raw(sim6.host, sim6.port)) as r:
        r.login("admin", "")
        yield r
