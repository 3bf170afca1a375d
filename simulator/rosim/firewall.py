# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The router's own firewall in front of its API: ``/ip/firewall/raw`` (chain ``prerouting``) and
``/ip/firewall/filter`` (chain ``input``) decide about the packets of API connections, so a test can lock itself
out and watch what happens.

RouterOS (the manual's Filter and Raw pages): rules of a chain are evaluated in order, the first rule whose every
matcher matches decides (``accept``, ``drop``, ``reject``; ``jump`` to a user chain and ``return`` from it; ``log``
and ``passthrough`` go on); disabled rules are skipped; a packet no rule decides about is accepted; raw comes before
connection tracking (no ``connection-state`` there), filter after it: the first packet of a connection is ``new``, the
later ones ``established``. A rule dropping input packets stops an open session too, unless an earlier rule accepts
``connection-state=established``: the session's packets are dropped, the client's retransmissions too, and the router
gives up the connection after its TCP timeout (9 minutes on a default router, the manual's Safe Mode section).

What the simulator models of a packet of an API connection (choices, docs/simulator.md):

- ``protocol=tcp``, ``src-address`` and ``src-port`` the client's, ``dst-address`` and ``dst-port`` the address and
  port the client connected to (the listener's);
- it comes in on the loopback (the simulator listens on a host socket, usually 127.0.0.1): a rule naming an
  ``in-interface`` or ``in-interface-list`` (also negated: ``!LAN``) never matches, as no configuration names the
  loopback; so the default configuration's "drop all not coming from LAN" does not lock a test out, and its "accept to
  local loopback" (``dst-address=127.0.0.1``) accepts a client on 127.0.0.1 as a real router would;
- matchers: ``chain``, ``protocol``, ``src-address``/``dst-address`` (address, prefix or range, ``!``),
  ``src-address-list``/``dst-address-list`` (``!``), ``src-port``/``dst-port``/``port`` (lists and ranges, ``!``),
  ``connection-state`` (``new``, ``established``; ``!``); a rule with any other matcher never matches;
- a dropped new connection: the TCP handshake completes (the simulator listens on a real socket) but nothing is ever
  answered and nothing the client sends is read, so the client's login times out, the closest to a dropped SYN that
  a loopback socket gives; ``reject`` resets the connection at once;
- an open session whose packets are dropped is *cut*: what it sends is not run and nothing is sent to it (its replies
  wait), until a change lets its packets through again (then the replies go out and its commands run, as TCP's
  retransmissions would do) or until ``--safe-mode-timeout`` seconds (the TCP timeout, default 540) have passed: then
  the router gives it up (an abnormal end: safe-mode changes are undone). A client closing a cut connection is not
  seen by the router either. The reply to the command that made the change is still sent (output is not the input
  chain).
"""

import asyncio
import ipaddress

# rule fields that are no matchers (or that a rule always has)
NOT_MATCHERS = frozenset(("chain", "action", "comment", "disabled", "log", "log-prefix", "jump-target", "reject-with",
                          "address-list", "address-list-timeout", "bytes", "packets", "invalid", "dynamic",
                          "hw-offload", ".id", "place-before", "copy-from"))
MATCHERS = frozenset(("protocol", "src-address", "dst-address", "src-address-list", "dst-address-list", "src-port",
                      "dst-port", "port", "in-interface", "in-interface-list", "connection-state"))


class Packet:
    def __init__(self, router, src, sport, dst, dport, state):
        self.router = router
        self.src = src
        self.sport = sport
        self.dst = dst
        self.dport = dport
        self.state = state  # new, established (None in raw: no connection tracking yet)


def negated(value):
    if value.startswith("!"):
        return True, value[1:]
    return False, value


def address_in(value, address):
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for part in value.split(","):
        part = part.strip()
        try:
            if "-" in part:
                lo, hi = part.split("-", 1)
                if ipaddress.ip_address(lo) <= ip <= ipaddress.ip_address(hi):
                    return True
            elif ip in ipaddress.ip_network(part, strict=False):
                return True
        except (ValueError, TypeError):
            continue
    return False


def port_in(value, port):
    for part in value.split(","):
        part = part.strip()
        if "-" in part:
            lo, hi = part.split("-", 1)
            if lo.isdigit() and hi.isdigit() and int(lo) <= port <= int(hi):
                return True
        elif part.isdigit() and int(part) == port:
            return True
    return False


def in_address_list(router, name, address):
    table = router.table("ip_firewall_address_list")
    for item in table.lookup("list", _list_of, name):
        if item.get("disabled") == "true":
            continue
        if address_in(item.get("address", ""), address):
            return True
    return False


def _list_of(item):
    return item.get("list")


def matches(rule, pkt, raw):
    router = pkt.router
    for field, value in rule.items():
        if field in NOT_MATCHERS or field.startswith("_") or value in (None, ""):
            continue
        if field not in MATCHERS:
            return False  # a matcher the simulator does not model: the rule never matches
        neg, want = negated(value)
        if field == "protocol":
            ok = want in ("tcp", "6")
        elif field == "src-address":
            ok = address_in(want, pkt.src)
        elif field == "dst-address":
            ok = address_in(want, pkt.dst)
        elif field == "src-address-list":
            ok = in_address_list(router, want, pkt.src)
        elif field == "dst-address-list":
            ok = in_address_list(router, want, pkt.dst)
        elif field == "src-port":
            ok = port_in(want, pkt.sport)
        elif field in ("dst-port", "port"):
            ok = port_in(want, pkt.dport) or (field == "port" and port_in(want, pkt.sport))
        elif field in ("in-interface", "in-interface-list"):
            return False  # the connection comes in on the loopback, which no rule of the configuration names
        else:  # connection-state
            if raw or pkt.state is None:
                return False
            ok = pkt.state in [s.strip() for s in want.split(",")]
        if ok == neg:
            return False
    return True


def chain_verdict(rules, chain, pkt, raw, depth=0):
    """accept / drop / reject / None (no decision: the chain ran to its end or returned)."""
    if depth > 16:
        return None
    for rule in rules:
        if rule.get("chain") != chain or rule.get("disabled") == "true" or not matches(rule, pkt, raw):
            continue
        action = rule.get("action", "accept")
        if action in ("accept", "drop", "reject", "tarpit"):
            return {"tarpit": "drop"}.get(action, action), rule
        if action == "return":
            return None
        if action == "jump" and rule.get("jump-target"):
            got = chain_verdict(rules, rule["jump-target"], pkt, raw, depth + 1)
            if got is not None:
                return got
    return None


def verdict(router, src, sport, dst, dport, state):
    """``(action, rule)`` for a packet of an API connection; ``("accept", None)`` when no rule decides."""
    if not src:
        return "accept", None
    pkt = Packet(router, src, sport, dst, dport, state)
    raw_menu = router.menus.get("/ip/firewall/raw")
    if raw_menu is not None:
        got = chain_verdict(router.table(raw_menu.table).items, "prerouting", pkt, True)
        if got is not None and got[0] != "accept":
            return got
    got = chain_verdict(router.table("ip_firewall_filter").items, "input", pkt, False)
    return got if got is not None else ("accept", None)


def has_rules(router):
    if router.table("ip_firewall_filter").items:
        return True
    raw_menu = router.menus.get("/ip/firewall/raw")
    return raw_menu is not None and bool(router.table(raw_menu.table).items)


def endpoints(conn):
    """(client address, client port, router address, router port) of a connection."""
    peer = conn.writer.get_extra_info("peername") or ("", 0)
    local = conn.writer.get_extra_info("sockname") or ("", 0)
    return plain(peer[0]), int(peer[1] or 0), plain(local[0]), int(local[1] or 0)


def plain(address):
    address = str(address or "").split("%", maxsplit=1)[0]
    return address[7:] if address.startswith("::ffff:") else address


# ---------------------------------------------------------------------------------------------------------
# connections


class Cut:
    """A session whose packets the firewall drops: its replies wait, its commands wait, until ``deadline``."""

    def __init__(self, conn, timeout):
        self.held = []  # (bytes, sentence count) not sent yet
        self.open = asyncio.Event()
        loop = asyncio.get_running_loop()
        self.timer = loop.call_later(max(timeout, 0), lambda: expire(conn))


def expire(conn):
    cut = getattr(conn, "cut", None)
    if cut is None or conn.closed:
        return
    conn.service.emit("firewall", conn=conn.number, verdict="timeout")
    cut.open.set()
    conn.kill("firewall: session timed out")


async def admit(conn):
    """A new connection: True when the firewall lets it in; otherwise it is dropped (never answered) or reset."""
    router = conn.router
    action, rule = "accept", None
    if has_rules(router):
        action, rule = verdict(router, *endpoints(conn), state="new")
    if action == "accept":
        conn.admitted = True
        return True
    conn.service.emit("firewall", conn=conn.number, verdict=action, rule=rule.get(".id") if rule else None)
    if action == "reject":
        conn.kill("firewall: reject", reset=True)
        return False
    try:  # drop: read and forget until the client gives up
        while True:
            data = await conn.reader.read(65536)
            if not data:
                break
    except (ConnectionError, OSError, asyncio.CancelledError):
        pass
    conn.abort("firewall: drop")
    return False


def recheck(service):
    """After a change: cut the open sessions whose packets are dropped now, resume those let through again."""
    router = service.router
    for conn in list(service.connections):
        if conn.closed or getattr(conn, "admitted", False) is False:
            continue
        action, rule = verdict(router, *endpoints(conn), state="established") if has_rules(router) else ("accept", None)
        cut = getattr(conn, "cut", None)
        if action == "accept":
            if cut is not None:
                resume(conn)
            continue
        if cut is not None:
            continue
        service.emit("firewall", conn=conn.number, verdict=action, rule=rule.get(".id") if rule else None,
                     established=True)
        if action == "reject":
            conn.kill("firewall: reject", reset=True)
            continue
        conn.cut = Cut(conn, conn.faults.safe_mode_timeout)


def resume(conn):
    cut = conn.cut
    conn.cut = None
    cut.timer.cancel()
    conn.service.emit("firewall", conn=conn.number, verdict="accept", established=True)
    for data, count in cut.held:
        conn.send_bytes(data, count)
    cut.open.set()
    asyncio.ensure_future(conn.drain())


def hold(conn, data, count):
    """send_bytes of a cut session: the bytes wait for the firewall to let them through."""
    conn.cut.held.append((data, count))
    return True


async def wait_open(conn):
    """The worker of a cut session waits before it runs the next command."""
    while getattr(conn, "cut", None) is not None and not conn.closed:
        await conn.cut.open.wait()
