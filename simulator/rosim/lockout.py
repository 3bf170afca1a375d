# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the server asks about lock-out-proof changes, in one place: safe mode and the history (safemode.py), scripts,
``/import`` and the scheduler (script.py, scheduler.py), and the firewall's input chain in front of the API
(firewall.py). The server calls :func:`commands`/:func:`run` for the command words, :func:`session_closed` when a
session ends and :func:`start` once per router."""

from . import safemode
from .values import Trap  # noqa: F401  # raised by the modules below

QUIT_REASON = "fatal: session terminated on request"  # server.py: /quit


def commands(router):
    words = getattr(router, "rosim_lockout_words", None)
    if words is None:
        words = router.rosim_lockout_words = frozenset(safemode.commands(router))
    return words


async def run(conn, cmd):
    """The reply (a model.Result) to one of :func:`commands`; raises Trap."""
    router = conn.router
    return safemode.run(router, cmd, conn, conn.user)


def session_closed(conn, reason):
    """A session ended: ``/quit`` is a clean end; any other (the peer closed, reset, a protocol error, a restart) is
    not, and safe-mode changes of that session are undone."""
    j = getattr(conn.router, "rosim_journal", None)
    if j is None or j.holder is not conn:
        return
    j.session_ended(conn, clean=(reason == QUIT_REASON))
