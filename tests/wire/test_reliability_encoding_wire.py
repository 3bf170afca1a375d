# -*- coding: utf-8 -*-
"""A comment Winbox wrote in a Windows code page does not fail facts, command or gathered.

The simulator keeps words as bytes: a session in cp1252 stores the comment, a UTF-8 session reads it."""

import pytest

from support.client import CLIENT_PASSWORD
from support.ctx import Ctx
from support.rosim import Simulator

from ansible_collections.tikops.routeros.plugins.module_utils.tasks import command as C
from ansible_collections.tikops.routeros.plugins.module_utils.tasks import facts as F
from ansible_collections.tikops.routeros.plugins.module_utils.api.options import ConnectionParams
from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session
from ansible_collections.tikops.routeros.plugins.modules import ip_addresses as IP

COMMENT = "Büro – Zürich"
RAW = COMMENT.encode("cp1252")


@pytest.fixture(scope="module")
def sim():
    with Simulator(version="7.16", password=CLIENT_PASSWORD) as s:
        params = ConnectionParams(s.host, s.port, password=CLIENT_PASSWORD, encoding="cp1252")
        with Session.connect(params) as winbox:
            winbox.call("/ip/address", "add", attributes={"address": "192.0.2.9/24", "interface": "ether3",
                                                          "comment": COMMENT})
            winbox.call("/interface", "set", attributes={".id": "ether3", "comment": COMMENT})
        yield s


def utf8(sim, **kw):
    return Session.connect(ConnectionParams(sim.host, sim.port, password=CLIENT_PASSWORD, **kw))


def stored(sim):
    with utf8(sim) as session:
        rows = session.call("/ip/address", "print", queries=["?address=192.0.2.9/24"], raw=True).rows
    return rows[0]["comment"]


def test_gathered_reads_it_and_warns_once_naming_the_entry(sim):
    with utf8(sim) as session:
        ctx = Ctx(session, state="gathered")
        gathered = IP.run(ctx)["gathered"]
        again = IP.run(Ctx(session, state="gathered"))["gathered"]
        warnings = session.take_warnings()
    entry = [e for e in gathered if e["address"] == "192.0.2.9/24"][0]
    assert entry["comment"] == COMMENT and again == gathered
    assert len(warnings) == 1, warnings
    assert "/ip/address" in warnings[0] and "comment" in warnings[0] and "192.0.2.9/24" in warnings[0]
    assert "cp1252" in warnings[0]


def test_facts_and_command_read_it(sim):
    with utf8(sim) as session:
        facts, dummy = F.gather(session, ["interfaces"], ["ip_addresses"])
        rows = C.run(dict(path="/interface", command="print", query={"name": "ether3"}), False, lambda: session)["rows"]
        warnings = session.take_warnings()
    assert rows[0]["comment"] == COMMENT
    assert facts["ansible_net_interfaces"]["ether3"]["comment"] == COMMENT
    assert any(e.get("comment") == COMMENT for e in facts["ansible_network_resources"]["ip_addresses"])
    assert any("ether3" in w for w in warnings)


def test_same_text_is_no_change_and_the_bytes_stay(sim):
    config = [dict(address="192.0.2.9/24", interface="ether3", comment=COMMENT)]
    with utf8(sim) as session:
        result = IP.run(Ctx(session, state="merged", config=config))
    assert result["changed"] is False and result["commands"] == []
    assert stored(sim) == RAW


def test_strict_decoding_fails_as_before(sim):
    from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import DecodeError

    with utf8(sim, encoding_fallback="") as session:
        with pytest.raises(DecodeError):
            IP.run(Ctx(session, state="gathered"))
