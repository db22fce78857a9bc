package io.dynarocks.it;

import io.dynarocks.server.DynaRocks;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Where a behaviour test's server keeps its data: in memory, or, for a test class annotated
 * {@link OnEtcd}, under a key prefix of its own on the run's shared 3-member etcd cluster
 * ({@link SharedEtcd}), so the same tests check the engine's behaviour on the distributed backend.
 */
final class TestStorage implements AutoCloseable {

    private final EtcdCluster cluster;
    private final String prefix;

    private TestStorage(EtcdCluster cluster, String prefix) {
        this.cluster = cluster;
        this.prefix = prefix;
    }

    /** The storage for the test class of {@code context}: etcd when it is annotated {@link OnEtcd}, else memory. */
    static TestStorage of(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        if (!onEtcd(testClass)) {
            return new TestStorage(null, null);
        }
        return new TestStorage(SharedEtcd.cluster(context), SharedEtcd.prefix(testClass));
    }

    /** Whether {@code testClass} runs on etcd, where each write is a Raft commit: tests load fewer items there. */
    static boolean onEtcd(Class<?> testClass) {
        return testClass.isAnnotationPresent(OnEtcd.class);
    }

    /** A server builder keeping its data in this storage. */
    DynaRocks.Builder builder() {
        return cluster == null ? DynaRocks.builder().inMemory()
                : DynaRocks.builder().etcd(cluster.endpoints()).etcdPrefix(prefix);
    }

    /** Deletes the class's keys from the shared cluster, if any; call after the server closed. */
    @Override
    public void close() {
        if (cluster != null) {
            cluster.deletePrefix(prefix);
        }
    }
}
