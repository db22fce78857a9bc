#!/usr/bin/env python3
"""Median time from launching a server command to its first answer, over N starts (stopped with SIGTERM after each).

Usage: python3 bench/startup_median.py N command... ; {port} in the command is replaced by a free port, {dir} by a
data directory kept across the N starts (so every start after the first opens an existing store, as a restarted
container does). Prints each start and the median, minimum and maximum, with the load average (`uptime`), and
the median CPU time (user + system) the process had used when it answered, which a loaded machine inflates far
less than the wall time.
Example: python3 bench/startup_median.py 10 java -jar server/target/dynarocks.jar --port {port} --data-dir {dir}
"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from startup_timing import first_answer, time_starts  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(server):
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)


def main():
    count, command = int(sys.argv[1]), sys.argv[2:]
    data = tempfile.mkdtemp(prefix="dynarocks-start-")

    def start(i):
        port = free_port()
        argv = [a.replace("{port}", str(port)).replace("{dir}", data) for a in command]
        since = time.monotonic()
        server = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            return server, first_answer(server, port, since)
        except BaseException:
            stop(server)
            raise

    try:
        summary = time_starts(count, start, stop, lambda i, ms, cpu: print(
            "start %d: %.0f ms (CPU %.0f ms)" % (i + 1, ms, cpu), flush=True))
    finally:
        shutil.rmtree(data, ignore_errors=True)
    print(summary)


main()
