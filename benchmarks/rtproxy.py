# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A TCP forwarder that counts round trips (benchmarks only).

It sits between a client and the simulator and stamps every chunk the client sends. With the simulator's
``--latency-ms L``, a client that waits for a reply before sending again sends at least L after its previous
send, while the commands of one pipeline leave together; so a client send more than L/2 after the previous one
(on the same connection) starts a new round trip. The stamps are taken where the client's bytes arrive, before
the simulator's queue, so slow command processing on the simulator does not count as a round trip.
"""

import socket
import threading
import time


class RoundTripProxy:
    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.host, self.port = self.listener.getsockname()
        self.sends = []  # (connection number, time.time()) of every client chunk
        self.lock = threading.Lock()
        self.closed = False
        self.threads = []
        self.count = 0

    def __enter__(self):
        thread = threading.Thread(target=self._accept, daemon=True)
        thread.start()
        return self

    def __exit__(self, *exc):
        self.closed = True
        try:
            self.listener.close()
        except OSError:
            pass

    def _accept(self):
        while not self.closed:
            try:
                client, dummy = self.listener.accept()
            except OSError:
                return
            self.count += 1
            upstream = socket.create_connection(self.target, timeout=30)
            for s in (client, upstream):
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                s.settimeout(None)
            number = self.count
            threading.Thread(target=self._pump, args=(client, upstream, number), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, None), daemon=True).start()

    def _pump(self, src, dst, number):
        try:
            while True:
                data = src.recv(262144)
                if not data:
                    break
                if number is not None:
                    with self.lock:
                        self.sends.append((number, time.time()))
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def round_trips(self, start, end, latency_ms):
        """Round trips in [start, end] (time.time()), or None without latency to tell them apart."""
        if not latency_ms:
            return None
        gap = latency_ms / 2000.0
        last = {}
        trips = 0
        with self.lock:
            sends = list(self.sends)
        for number, stamp in sends:
            if not start <= stamp <= end:
                continue
            if number not in last or stamp - last[number] > gap:
                trips += 1
            last[number] = stamp
        return trips
