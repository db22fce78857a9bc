package io.dynarocks.it;

import io.dynarocks.server.DynaRocks;

/**
 * Where a behaviour test's server keeps its data: in memory, or, for a test class annotated
 * {@link OnEtcd}, on a 3-member etcd cluster started for that class (and stopped with it), so the same
 * tests check the engine's behaviour on the distributed backend.
 */
final class TestStorage implements AutoCloseable {

    private final EtcdCluster cluster;

    private TestStorage(EtcdCluster cluster) {
        this.cluster = cluster;
    }

    /** The storage for {@code testClass}: an etcd cluster when it is annotated {@link OnEtcd}, else memory. */
    static TestStorage of(Class<?> testClass) {
        if (!onEtcd(testClass)) {
            return new TestStorage(null);
        }
        try {
            return new TestStorage(EtcdCluster.start());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code testClass} runs on etcd, where each write is a Raft commit: tests load fewer items there. */
    static boolean onEtcd(Class<?> testClass) {
        return testClass.isAnnotationPresent(OnEtcd.class);
    }

    /** A server builder keeping its data in this storage. */
    DynaRocks.Builder builder() {
        return cluster == null ? DynaRocks.builder().inMemory() : DynaRocks.builder().etcd(cluster.endpoints());
    }

    /** Stops the etcd cluster, if any; call after the server closed. */
    @Override
    public void close() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
