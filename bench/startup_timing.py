"""Timing a server's starts: the wait for its first answer, the CPU time it had used by then, and the summary of
several starts. Shared by bench/startup_median.py (the jar) and docker/verify_run.py (the image's entrypoint)."""
import os
import socket
import time


def first_answer(server, port, since, details=lambda: ""):
    """Seconds from `since` to the first `healthy` answer of the server process on port; exits when the process
    does or after 60 s, with details() (the server's output, say) added to the message."""
    while time.monotonic() - since < 60:
        if server.poll() is not None:
            raise SystemExit("the server exited with %s%s" % (server.returncode, details()))
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(b"GET / HTTP/1.0\r\n\r\n")
                if b"healthy" in s.recv(512):
                    return time.monotonic() - since
        except OSError:
            time.sleep(0.005)
    raise SystemExit("no answer within 60 s" + details())


def cpu_ms(pid):
    """User + system CPU time the process has used so far (a loaded machine inflates it far less than wall time)."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000.0 / os.sysconf("SC_CLK_TCK")


def median(values):
    values = sorted(values)
    return (values[(len(values) - 1) // 2] + values[len(values) // 2]) / 2


def time_starts(count, start, stop, each=lambda i, ms, cpu: None):
    """Starts a server count times: start(i) returns the process and the seconds to its first answer, stop(process)
    stops it, each(i, ms, cpu) hears of every start. Returns the summary line: median, minimum and maximum time to
    the first answer, median CPU time used by then, and the load average."""
    times = []
    cpu = []
    for i in range(count):
        server, seconds = start(i)
        try:
            cpu.append(cpu_ms(server.pid))
        finally:
            stop(server)
        times.append(seconds * 1000)
        each(i, times[-1], cpu[-1])
    return ("%d starts: median %.0f ms (min %.0f, max %.0f), CPU median %.0f ms, load average %.2f %.2f %.2f"
            % ((count, median(times), min(times), max(times), median(cpu)) + os.getloadavg()))
