package io.dynarocks.server;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the command-line server give unused heap back to the operating system once it has been idle.
 *
 * <p>With the JVM's defaults G1 never shrinks the heap without a full or concurrent collection, and an
 * idle server has neither: after loading 100,000 items of 1 KB into the RocksDB store it kept its whole
 * initial heap (1/64 of the machine's memory, 384 MB on 24 GB) resident while using under 100 MB of it.
 * This sets three manageable flags the user has not set: {@code G1PeriodicGCInterval}, so that G1 runs
 * a concurrent cycle after {@link #INTERVAL} without any collection, and {@code MinHeapFreeRatio} /
 * {@code MaxHeapFreeRatio}, so that the cycle shrinks the heap to its live data plus at most 30 %. A
 * busy server collects often and never reaches the periodic cycle. Flags set on the command line win;
 * the serial collector ignores the interval. Embedding applications own their JVM: only {@link Main}
 * calls this.
 */
final class IdleHeap {

    static final Duration INTERVAL = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(IdleHeap.class);

    private IdleHeap() {}

    /** {@link #enable()} on a daemon thread, so that start-up does not wait for java.lang.management. */
    static void enableInBackground() {
        Thread thread = new Thread(IdleHeap::enable, "dynarocks-idle-heap");
        thread.setDaemon(true);
        thread.start();
    }

    static void enable() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        // MinHeapFreeRatio first: the JVM refuses a MaxHeapFreeRatio below the current MinHeapFreeRatio.
        setIfDefault(vm, "MinHeapFreeRatio", "10");
        setIfDefault(vm, "MaxHeapFreeRatio", "30");
        setIfDefault(vm, "G1PeriodicGCInterval", Long.toString(INTERVAL.toMillis()));
    }

    private static void setIfDefault(HotSpotDiagnosticMXBean vm, String flag, String value) {
        try {
            if (vm.getVMOption(flag).getOrigin() == VMOption.Origin.DEFAULT) {
                vm.setVMOption(flag, value);
            }
        } catch (IllegalArgumentException e) {
            // Not this JVM's flag, or not a value it accepts next to the user's own settings.
            LOG.debug("left {} as it is: {}", flag, e.getMessage());
        }
    }
}
