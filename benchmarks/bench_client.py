# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Client throughput: our session vs librouteros, consuming one large print on loopback.

    .venv/bin/python benchmarks/bench_client.py [--rows 100000] [--repeat 5]

Starts benchmarks/canned_server.py (a server that answers print with a pre-encoded reply of N rows of 8
attributes), then runs each client in its own subprocess: once for speed (best of ``--repeat`` prints on one
logged-in connection; the clock runs from sending the command to the last row consumed) and once more under
tracemalloc for the peak of Python memory allocated while the rows are consumed (plus the growth of the
process' max RSS). Clients and modes:

- ``librouteros``: ``api("/ip/address/print")`` iterated (librouteros collects the whole reply first);
- ``tikops-collect``: ``session.call("/ip/address", "print").rows`` iterated;
- ``tikops-stream``: ``for row in session.send("/ip/address", "print")`` (rows as they arrive);
- ``tikops-broker``: the same through the session broker (``persist.attach``, as every task over the kept session
  reads): the broker, started in a private directory for the run, relays each sentence as it came with only its tag
  word replaced (``SentenceSplitter``). The clock is the client's; the broker's own CPU per print (median, from
  ``/proc``) is reported in a column of its own.

Beside the wall times, the client's own CPU seconds per print (median) are reported: on a busy machine they say
more than the rows/s.

This is a benchmark, not a test: it asserts nothing about time. It prints a table and the ratios.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc

HERE = os.path.dirname(os.path.abspath(__file__))
MODES = ("librouteros", "tikops-collect", "tikops-stream", "tikops-broker")


def _rss_kib():
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)


def _cpu_seconds(pid):
    """User + system CPU seconds of process ``pid`` (the session broker), or None."""
    if not pid:
        return None
    try:
        with open("/proc/%d/stat" % pid) as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / float(os.sysconf("SC_CLK_TCK"))


def _connect(mode, port):
    if mode == "librouteros":
        import librouteros

        return librouteros.connect(host="127.0.0.1", username="admin", password="", port=port, timeout=60)
    from ansible_collections.tikops.routeros.plugins.module_utils.api.options import ConnectionParams
    from ansible_collections.tikops.routeros.plugins.module_utils.api.session import Session

    params = ConnectionParams("127.0.0.1", port=port, timeout=60)
    if mode == "tikops-broker":
        import atexit
        import shutil
        import tempfile

        from ansible_collections.tikops.routeros.plugins.module_utils.api import persist

        directory = tempfile.mkdtemp(prefix="bench-client-")
        atexit.register(shutil.rmtree, directory, True)
        atexit.register(persist.shutdown, directory)
        return persist.attach(params, directory, 60, owner_pid=os.getpid())
    return Session.connect(params)


def _consume(mode, conn):
    """Run one print and touch every row; return the number of rows."""
    count = 0
    if mode == "librouteros":
        for row in conn("/ip/address/print"):
            count += 1
            row.get("address")
    elif mode == "tikops-collect":
        for row in conn.call("/ip/address", "print").rows:
            count += 1
            row.get("address")
    else:
        for row in conn.send("/ip/address", "print"):
            count += 1
            row.get("address")
    return count


def worker(mode, port, repeat, measure):
    conn = _connect(mode, port)
    _consume(mode, conn)  # warm up: imports, caches, the server's encoded reply
    if measure == "memory":
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        rss_now = _rss_kib()
        tracemalloc.start()
        rows = _consume(mode, conn)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        out = dict(rows=rows, peak_traced=peak, rss_growth_kib=max(0, rss_after - max(rss_before, rss_now)))
    else:
        times = []
        broker_cpu = []
        client_cpu = []
        rows = 0
        for dummy in range(repeat):
            before = _cpu_seconds(getattr(conn, "broker_pid", None))
            start = time.perf_counter()
            cpu = time.process_time()
            rows = _consume(mode, conn)
            client_cpu.append(time.process_time() - cpu)
            times.append(time.perf_counter() - start)
            after = _cpu_seconds(getattr(conn, "broker_pid", None))
            if before is not None and after is not None:
                broker_cpu.append(after - before)
        out = dict(rows=rows, best=min(times), median=statistics.median(times), client_cpu=statistics.median(client_cpu),
                   broker_cpu=statistics.median(broker_cpu) if broker_cpu else None)
    print(json.dumps(out), flush=True)


def run_worker(mode, port, repeat, measure):
    cmd = [sys.executable, os.path.abspath(__file__), "--worker", mode, "--port", str(port), "--repeat", str(repeat),
           "--measure", measure]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    if proc.returncode != 0:
        raise SystemExit("worker %s failed:\n%s" % (mode, proc.stderr))
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description="client throughput benchmark (see the module docstring)")
    parser.add_argument("--rows", type=int, default=100000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--worker", choices=MODES)
    parser.add_argument("--port", type=int)
    parser.add_argument("--measure", choices=("time", "memory"), default="time")
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.port, args.repeat, args.measure)
        return

    server = subprocess.Popen([sys.executable, os.path.join(HERE, "canned_server.py"), "--rows", str(args.rows)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        if not line.startswith("PORT "):
            raise SystemExit("canned server did not start: %r" % line)
        port = int(line.split()[1])
        import librouteros  # noqa: F401 (fail early when the benchmark dependency is missing)
        from importlib.metadata import version

        print("rows per print: %d (8 attributes each); python %s; librouteros %s; repeat %d"
              % (args.rows, sys.version.split()[0], version("librouteros"), args.repeat))
        results = {}
        for mode in args.modes.split(","):
            speed = run_worker(mode, port, args.repeat, "time")
            memory = run_worker(mode, port, 1, "memory")
            if speed["rows"] != args.rows or memory["rows"] != args.rows:
                raise SystemExit("%s consumed %s rows, expected %d" % (mode, speed["rows"], args.rows))
            results[mode] = dict(speed, **memory)
        header = ("client", "rows/s", "best s", "median s", "peak traced MiB", "max RSS +MiB", "client CPU s",
                  "broker CPU s")
        print("%-16s %12s %10s %10s %16s %16s %13s %13s" % header)
        for mode, r in results.items():
            print("%-16s %12.0f %10.3f %10.3f %16.1f %16.1f %13.2f %13s" % (
                mode, r["rows"] / r["best"], r["best"], r["median"], r["peak_traced"] / 2 ** 20,
                r["rss_growth_kib"] / 1024, r["client_cpu"],
                "-" if r.get("broker_cpu") is None else "%.2f" % r["broker_cpu"]))
        base = results.get("librouteros")
        if base:
            for mode, r in results.items():
                if mode == "librouteros":
                    continue
                print("%s vs librouteros: %.1fx rows/s, %.3fx peak traced memory" % (
                    mode, base["best"] / r["best"], r["peak_traced"] / base["peak_traced"]))
    finally:
        server.stdin.close()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
