# -*- coding: utf-8 -*-
"""A port where no router answers, for as long as a test needs it."""

import contextlib
import socket


@contextlib.contextmanager
def refused_port():
    """A loopback port that refuses connections for the whole ``with``: it is bound and never listened on, so no
    other test (or simulator) can take it meanwhile, as it could take a port that was only free a moment ago."""
    sock = socket.socket()
    try:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]
    finally:
        sock.close()
