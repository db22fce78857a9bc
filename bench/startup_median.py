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


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_ms(pid):
    """User + system CPU time the process has used so far."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000.0 / os.sysconf("SC_CLK_TCK")


def median(values):
    values = sorted(values)
    return (values[(len(values) - 1) // 2] + values[len(values) // 2]) / 2


def first_answer(server, port, since):
    while time.monotonic() - since < 60:
        if server.poll() is not None:
            raise SystemExit("the server exited with %s" % server.returncode)
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(b"GET / HTTP/1.0\r\n\r\n")
                if b"healthy" in s.recv(512):
                    return time.monotonic() - since
        except OSError:
            time.sleep(0.005)
    raise SystemExit("no answer within 60 s")


def main():
    count, command = int(sys.argv[1]), sys.argv[2:]
    data = tempfile.mkdtemp(prefix="dynarocks-start-")
    times = []
    cpu = []
    try:
        for i in range(count):
            port = free_port()
            argv = [a.replace("{port}", str(port)).replace("{dir}", data) for a in command]
            since = time.monotonic()
            server = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                times.append(first_answer(server, port, since) * 1000)
                cpu.append(cpu_ms(server.pid))
            finally:
                server.send_signal(signal.SIGTERM)
                server.wait(timeout=30)
            print("start %d: %.0f ms (CPU %.0f ms)" % (i + 1, times[-1], cpu[-1]), flush=True)
    finally:
        shutil.rmtree(data, ignore_errors=True)
    print("%d starts: median %.0f ms (min %.0f, max %.0f), CPU median %.0f ms, load average %.2f %.2f %.2f"
          % ((count, median(times), min(times), max(times), median(cpu)) + os.getloadavg()))


main()
