package io.dynarocks.server;

import io.dynarocks.backup.Backups;
import io.dynarocks.engine.Engine;
import io.dynarocks.engine.Namespace;
import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.replication.Replication;
import io.dynarocks.replication.ReplicationConfig;
import io.dynarocks.security.ResourcePolicies;
import io.dynarocks.storage.Storage;
import io.dynarocks.streams.Streams;
import io.dynarocks.ttl.TimeToLive;
import io.dynarocks.vector.VectorSearch;
import java.time.Clock;

/**
 * One namespace's database: an engine with every module installed on it (streams, TTL, vector search,
 * backups, resource policies, global tables) and the dispatcher that serves it.
 */
final class Database implements AutoCloseable {

    private final Namespace namespace;
    private final Engine engine;
    private final OperationRegistry registry;
    private final ResourcePolicies resourcePolicies;
    private final Streams streams;
    private final TimeToLive timeToLive;
    private final VectorSearch vectorSearch;
    private final Backups backups;
    private final Replication replication;
    private volatile Dispatcher dispatcher;

    /**
     * The database of {@code namespace} on {@code storage}: an engine of the namespace's account and region, with
     * the limits and transient statuses of {@code config}, and every module on it.
     */
    Database(Namespace namespace, Storage storage, Clock clock, ServerConfig config) {
        this.namespace = namespace;
        this.engine = new Engine(storage, clock, config.limits(), config.compatibility().transientDelays(),
                namespace.accountId(), namespace.region());
        this.registry = new OperationRegistry(engine);
        this.resourcePolicies = ResourcePolicies.install(engine, registry);
        this.streams = Streams.install(engine, registry, config.shardRolloverPeriod());
        this.timeToLive = TimeToLive.install(engine, registry).start(config.ttlInterval());
        this.vectorSearch = VectorSearch.install(engine, registry);
        this.backups = Backups.install(engine, registry, config.exportDir());
        // Peer regions replicate the shared database; another has its own region but no peers.
        this.replication = Replication.install(engine, registry, streams, namespace.isShared()
                ? config.replication() : ReplicationConfig.defaults().withRegion(namespace.region()));
    }

    /** Serves this database through a dispatcher that tells {@code listener} about every request. */
    Database serve(RequestListener listener) {
        this.dispatcher = new Dispatcher(registry, listener);
        return this;
    }

    Namespace namespace() {
        return namespace;
    }

    Engine engine() {
        return engine;
    }

    OperationRegistry registry() {
        return registry;
    }

    ResourcePolicies resourcePolicies() {
        return resourcePolicies;
    }

    Streams streams() {
        return streams;
    }

    TimeToLive timeToLive() {
        return timeToLive;
    }

    Backups backups() {
        return backups;
    }

    Replication replication() {
        return replication;
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    /** Stops stream delivery; the first step of closing, before the server's threads stop. */
    void stopStreams() {
        replication.close();
        streams.close();
    }

    /** Stops the background work of the modules, then closes the store. */
    @Override
    public void close() {
        replication.close();
        streams.close();
        timeToLive.close();
        vectorSearch.close();
        backups.close();
        engine.close();
    }
}
