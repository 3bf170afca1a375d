# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A canned RouterOS API server for benchmarks: it accepts any login and answers every ``.../print`` with the
same pre-encoded reply of ``--rows`` rows of 8 attributes (shaped like ``/ip/address/print``), so the server is
never the bottleneck. Replies carry the request's ``.tag`` (right after the reply word, as routers do), or
none when the request had none (librouteros sends untagged commands). Anything else gets a bare ``!done``.

Run: ``python benchmarks/canned_server.py --rows 100000``; it prints ``PORT <n>`` on stdout once listening on
127.0.0.1 (port 0: the kernel picks one), and serves until stdin closes or it is killed.
"""

import argparse
import socket
import sys
import threading

from ansible_collections.tikops.routeros.plugins.module_utils.core.protocol import (
    SentenceDecoder,
    encode_sentence,
    encode_word,
)


def make_rows(count):
    """The encoded attribute words of each row (reply word and tag not included)."""
    rows = []
    for i in range(count):
        a, b = divmod(i, 250)
        words = [
            "=.id=*%X" % (i + 1),
            "=address=10.%d.%d.%d/24" % (a // 250 % 250, a % 250, b + 1),
            "=network=10.%d.%d.0" % (a // 250 % 250, a % 250),
            "=interface=vlan%d" % (i % 4000 + 1),
            "=actual-interface=vlan%d" % (i % 4000 + 1),
            "=invalid=false",
            "=dynamic=%s" % ("true" if i % 7 == 0 else "false"),
            "=disabled=false",
        ]
        rows.append(b"".join(encode_word(w) for w in words) + b"\x00")
    return rows


class Canned:
    def __init__(self, rows):
        self.rows = make_rows(rows)
        self.cache = {}
        self.lock = threading.Lock()

    def reply(self, tag):
        with self.lock:
            data = self.cache.get(tag)
            if data is None:
                head = encode_word("!re") + (encode_word(".tag=" + tag) if tag else b"")
                data = b"".join([head + row for row in self.rows])
                data += encode_sentence(["!done"] + ([".tag=" + tag] if tag else []))
                self.cache[tag] = data
            return data


def serve_client(conn, canned):
    decoder = SentenceDecoder()
    try:
        while True:
            data = conn.recv(65536)
            if not data:
                return
            for words in decoder.feed(data):
                words = [w.decode("utf-8", "replace") for w in words]
                tag = ""
                for w in words:
                    if w.startswith(".tag="):
                        tag = w[5:]
                if words[0].endswith("/print"):
                    conn.sendall(canned.reply(tag))
                elif words[0] == "/quit":
                    conn.sendall(encode_sentence(["!fatal", "session terminated on request"]))
                    return
                else:
                    conn.sendall(encode_sentence(["!done"] + ([".tag=" + tag] if tag else [])))
    except OSError:
        return
    finally:
        conn.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--rows", type=int, default=100000)
    args = parser.parse_args()
    canned = Canned(args.rows)
    canned.reply("")
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)

    def accept():
        while True:
            conn, dummy = listener.accept()
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            threading.Thread(target=serve_client, args=(conn, canned), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    print("PORT %d" % listener.getsockname()[1], flush=True)
    sys.stdin.read()  # serve until the parent closes our stdin


if __name__ == "__main__":
    main()
