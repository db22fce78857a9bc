package io.dynarocks.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used so far, all its threads, user and system: {@code utime + stime} of
 * {@code /proc/<pid>/stat}. What a server costs per request, unlike its throughput, does not depend on
 * how much of the shared cores the load generator left it.
 */
final class ProcessCpu {

    /** Clock ticks per second of {@code /proc} figures (USER_HZ); 100 on every Linux build that matters. */
    private static final long TICKS_PER_SECOND = ticksPerSecond();

    private ProcessCpu() {}

    /** CPU nanoseconds used by {@code pid} so far, or -1 when it cannot be read (no such process, not Linux). */
    static long nanos(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may hold spaces: state is field 3,
            // utime field 14 and stime field 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 1_000_000_000L / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
