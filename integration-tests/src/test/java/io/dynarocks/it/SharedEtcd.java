package io.dynarocks.it;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one 3-member etcd cluster of a test run, shared by every test class that does not kill its members:
 * started when a class first asks for it and stopped when the run ends (it lives in JUnit's root store,
 * which closes it). Starting a cluster per class made each class pay seconds of start-up and, on a loaded
 * machine, wait for elections among members competing with other classes' members for the CPU.
 *
 * <p>Classes keep apart by key prefix ({@link #prefix}): each server is given its class's prefix
 * ({@code --etcd-prefix}), so no class sees another's tables, leaders or streams.
 */
final class SharedEtcd {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedEtcd.class);
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private SharedEtcd() {
    }

    /** The run's cluster, started by the first caller (concurrent callers wait for that one start). */
    static EtcdCluster cluster(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(EtcdCluster.class, type -> {
            try {
                return EtcdCluster.start();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, EtcdCluster.class);
    }

    /** A key prefix used by nobody else in this run, named after {@code owner} to make the cluster's keys readable. */
    static String prefix(Class<?> owner) {
        return "it/" + owner.getSimpleName() + "-" + PREFIXES.incrementAndGet() + "/";
    }
}
