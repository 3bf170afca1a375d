"""A TCP proxy in front of a simulator that can make the router side of the connections through it disappear without
the client noticing: what a router reboot or a NAT that forgot its state looks like from the controller.

    with DropProxy((sim.host, sim.port)) as proxy:
        proxy.host, proxy.port      # where clients connect (instead of the simulator)
        proxy.drop()                # the router side of every current connection is gone; the client is not told.
                                    # Its next bytes are acknowledged, then answered with a reset (so for the client
                                    # the fate of a command it sent is unknown: the router might have run it)
        proxy.drop(vanish=True)     # the connections vanish without a trace (TCP_REPAIR; needs CAP_NET_ADMIN, see
                                    # ``can_vanish()``): the next bytes get a reset that acknowledges nothing, as
                                    # from a rebooted router
        proxy.drop(next_budget=1)   # also: the next new connection passes 1 chunk from the client, then resets
        proxy.control_port          # a connection there does ``drop()`` and answers b"ok\\n" when it is done (for a
                                    # playbook task: see ``trigger_command()``)
        proxy.resets, proxy.drops   # counts

    DropProxy(target, down_after_loss=5.0)  # when the router resets a connection, the link is down for 5 s: new
                                            # connections are reset at once (a router restarting, a link flap)

Connections made after a drop pass normally (the router is back). Everything runs in one asyncio loop in a
daemon thread; ``close()`` (also on ``__exit__``) stops it and closes every socket.
"""

import asyncio
import socket
import struct
import sys
import threading
import time

TCP_REPAIR = 19  # linux/tcp.h


def can_vanish():
    """True when this process may put sockets in TCP repair mode (Linux, CAP_NET_ADMIN)."""
    probe = socket.socket()
    try:
        probe.setsockopt(socket.IPPROTO_TCP, TCP_REPAIR, 1)
        return True
    except OSError:
        return False
    finally:
        probe.close()


class DropProxy:
    def __init__(self, target, host="127.0.0.1", control_vanish=False, down_after_loss=None):
        self.target = tuple(target)
        self.down_after_loss = down_after_loss
        self.down_until = 0.0
        self.refused = 0
        self.host = host
        self.control_vanish = control_vanish
        self.port = None
        self.control_port = None
        self.pairs = []
        self.resets = 0
        self.drops = 0
        self.connections = 0
        self._budget_next = None
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._error = None
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        if not self._ready.wait(10) or self._error is not None:
            raise RuntimeError("the proxy did not start: %s" % self._error)

    # -- loop thread ----------------------------------------------------------------------------------------

    def _run(self):
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self._start())
        except Exception as exc:  # reported by __init__
            self._error = exc
            self._ready.set()
            return
        self._ready.set()
        self._loop.run_forever()
        for pair in self.pairs:
            for writer in (pair["down"], pair["up"]):
                writer.transport.abort()
        self.server.close()
        self.control.close()
        self._loop.run_until_complete(asyncio.sleep(0))
        self._loop.close()

    async def _start(self):
        self.server = await asyncio.start_server(self._serve, self.host, 0)
        self.port = self.server.sockets[0].getsockname()[1]
        self.control = await asyncio.start_server(self._serve_control, self.host, 0)
        self.control_port = self.control.sockets[0].getsockname()[1]

    async def _serve(self, down_reader, down_writer):
        self.connections += 1
        if time.monotonic() < self.down_until:
            self.refused += 1
            down_writer.get_extra_info("socket").setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                                            struct.pack("ii", 1, 0))
            down_writer.transport.abort()
            return
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            down_writer.transport.abort()
            return
        pair = {"down": down_writer, "up": up_writer, "zombie": False, "budget": self._budget_next}
        self._budget_next = None
        self.pairs.append(pair)
        await asyncio.gather(self._pump(down_reader, up_writer, pair, True),
                             self._pump(up_reader, down_writer, pair, False), return_exceptions=True)

    async def _pump(self, reader, writer, pair, from_client):
        try:
            while True:
                data = await reader.read(65536)
                if not data:
                    if not from_client:
                        self._router_closed(pair)
                    break
                if from_client and b"/quit" in data:
                    pair["quit"] = True
                if from_client and pair["budget"] is not None:
                    if pair["budget"] <= 0:
                        self._kill(pair, vanish=False)
                    pair["budget"] -= 1
                if pair["zombie"]:
                    if from_client:
                        self._reset(pair)
                    return
                writer.write(data)
                await writer.drain()
        except OSError:
            if not from_client:
                self._router_closed(pair)
        finally:
            if not pair["zombie"]:
                writer.close()

    def _router_closed(self, pair):
        """The router ended the connection without being asked to (/quit): with ``down_after_loss``, the link goes
        down for that long."""
        if self.down_after_loss and not pair["zombie"] and not pair.get("quit"):
            self.down_until = time.monotonic() + self.down_after_loss

    def _reset(self, pair):
        """Answer the client with a reset, after acknowledging its bytes: it cannot tell whether they were run."""
        down = pair["down"]
        if down.transport.is_closing():
            return
        sock = down.get_extra_info("socket")
        # the acknowledgement the kernel would delay (up to 40 ms) goes out now, before the reset
        sock.setsockopt(socket.IPPROTO_TCP, getattr(socket, "TCP_QUICKACK", 12), 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        down.transport.abort()
        self.resets += 1

    def _kill(self, pair, vanish):
        """The router side of ``pair`` is gone; the client is not told."""
        if pair["zombie"]:
            return
        pair["zombie"] = True
        pair["up"].transport.abort()
        if vanish:
            down = pair["down"]
            down.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, TCP_REPAIR, 1)
            down.transport.abort()  # closed in repair mode: no FIN, no reset, nothing

    def _drop(self, vanish=False, next_budget=None):
        for pair in self.pairs:
            self._kill(pair, vanish)
        self.drops += 1
        self._budget_next = next_budget

    async def _serve_control(self, reader, writer):
        self._drop(self.control_vanish)
        writer.write(b"ok\n")
        await writer.drain()
        writer.close()

    # -- test thread ----------------------------------------------------------------------------------------

    def drop(self, vanish=False, next_budget=None):
        """Make the router side of every current connection disappear (see the module docstring)."""
        done = threading.Event()

        def run():
            try:
                self._drop(vanish, next_budget)
            finally:
                done.set()

        self._loop.call_soon_threadsafe(run)
        if not done.wait(10):
            raise RuntimeError("the proxy did not drop its connections")

    def trigger_command(self):
        """A command line that makes the proxy drop its connections and returns once it did (for a playbook)."""
        code = ("import socket, sys; s = socket.create_connection(('%s', %d), timeout=10); "
                "sys.exit(0 if s.makefile('rb').readline() == b'ok\\n' else 1)" % (self.host, self.control_port))
        return [sys.executable, "-c", code]

    def close(self):
        if self._loop.is_running():
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
