# -*- coding: utf-8 -*-
"""Connection parameters for our client against a simulator (shared by wire tests)."""

from __future__ import annotations

from ansible_collections.tikops.routeros.plugins.module_utils.api.options import ConnectionParams

CLIENT_PASSWORD = "s3cret-Pw!"


def sim_params(sim, password=CLIENT_PASSWORD, **kw):
    """ConnectionParams for the plain API port of ``sim`` (pass tls=True etc. to change)."""
    kw.setdefault("timeout", 5)
    if kw.get("tls"):
        kw.setdefault("port", sim.ssl_port)
    else:
        kw.setdefault("port", sim.port)
    return ConnectionParams(kw.pop("host", sim.host), username=sim.user, password=password, **kw)
