package io.dynarocks.bench.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * {@link SecurityBenchmark}'s cases timed by the calling thread's CPU time instead of wall time, which a busy
 * shared machine distorts far less: {@code java -cp dynarocks-bench.jar io.dynarocks.bench.jmh.SecurityCost
 * [ops] [rounds]}. The cases run interleaved, round after round, and the lowest figure of each counts.
 */
public final class SecurityCost {

    private SecurityCost() {}

    public static void main(String[] args) throws Exception {
        int ops = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        SecurityBenchmark b = new SecurityBenchmark();
        b.setUp();
        String[] names = {"verifySignature", "authorizeGetItem", "verifyAndAuthorizeGetItem", "authorizeQuery",
            "authorizeBatchGetItemOf10"};
        Runnable[] cases = {b::verifySignature, b::authorizeGetItem, b::verifyAndAuthorizeGetItem, b::authorizeQuery,
            b::authorizeBatchGetItemOf10};
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] best = new double[cases.length];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        for (int round = 0; round <= rounds; round++) {
            for (int c = 0; c < cases.length; c++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < ops; i++) {
                    cases[c].run();
                }
                double nanosPerOp = (threads.getCurrentThreadCpuTime() - start) / (double) ops;
                if (round > 0) { // round 0 warms up
                    best[c] = Math.min(best[c], nanosPerOp);
                }
            }
        }
        for (int c = 0; c < cases.length; c++) {
            System.out.printf("%-28s %10.0f ns CPU/op%n", names[c], best[c]);
        }
    }
}
