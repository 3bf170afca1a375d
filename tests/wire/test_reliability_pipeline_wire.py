# -*- coding: utf-8 -*-
"""A bounded pipeline. A 1,000-entry write goes out in groups of at most ``max_in_flight``
commands: a few tens of writes to the socket, not a thousand and not one."""

import pytest

from support.client import CLIENT_PASSWORD
from support.rosim import Simulator

from ansible_collections.tikops.routeros.plugins.module_utils.converge import engine
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError
from ansible_collections.tikops.routeros.plugins.module_utils.api.options import ConnectionParams
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session


@pytest.fixture(scope="module")
def sim():
    with Simulator(version="7.16", password=CLIENT_PASSWORD) as s:
        yield s


def watched(session):
    """Record, at every write to the socket, how many commands are outstanding."""
    seen = []
    send = session._send_bytes

    def spy(data):
        send(data)
        seen.append(len(session.outstanding))

    session._send_bytes = spy
    return seen


@pytest.mark.parametrize("window", [32, 8])
def test_a_thousand_writes_are_bounded_and_grouped(sim, window):
    params = ConnectionParams(sim.host, sim.port, password=CLIENT_PASSWORD, max_in_flight=window)
    plan = engine.Plan([engine.Op(engine.ADD, "/ip/firewall/address-list",
                                  attrs={"list": "bulk-%d" % window, "address": "10.%d.%d.%d" % (window, i // 250, i % 250)})
                        for i in range(1000)])
    with Session.connect(params) as session:
        assert session.max_in_flight == window
        seen = watched(session)
        assert engine.apply_plan(session, plan) == 1
        rows = session.call("/ip/firewall/address-list", "print", queries=["?list=bulk-%d" % window]).rows
    assert len(rows) == 1000
    assert max(seen) <= window
    assert 1000 // window <= len(seen) <= 2 * 1000 // window + 2


def test_max_in_flight_is_checked():
    with pytest.raises(UserInputError, match="max_in_flight"):
        ConnectionParams("192.0.2.1", max_in_flight=0)
    with pytest.raises(UserInputError, match="max_in_flight"):
        ConnectionParams("192.0.2.1", max_in_flight=5000)
    assert ConnectionParams("192.0.2.1").max_in_flight == 32
