package io.dynarocks.replication;

import io.dynarocks.engine.ChangeHook;
import io.dynarocks.engine.Engine;
import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.engine.operation.Operation;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.UpdateTableRequest;
import io.dynarocks.protocol.operation.UpdateTimeToLiveRequest;
import io.dynarocks.replication.operation.ApplyChangesRequest;
import io.dynarocks.replication.operation.ReplicaSetRequest;
import io.dynarocks.storage.WriteBatch;
import io.dynarocks.streams.Streams;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Global tables on one server (one region): keeps each global table's replica set, stamps local
 * writes with last-writer-wins versions, ships every global table's changes to its other regions
 * ({@link Shipper}) and applies what they ship here ({@link ChangeApplier}).
 */
public final class Replication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Replication.class);

    /** A peer's replication state for one table, as DescribeTable and the metrics report it. */
    public record ReplicaState(String tableName, String region, boolean backfilled, boolean reachable,
            boolean authorized, long lagMillis, long shipped) {}

    private final Engine engine;
    private final OperationRegistry registry;
    private final Streams streams;
    private final ReplicationConfig config;
    private final ReplicaSets sets;
    private final ItemVersions versions;
    private final ChangeApplier applier;
    /**
     * Built with the first link to a peer: an HttpClient initialises TLS (the default SSLContext, the CA
     * certificates), which would cost every server's start even when it has no peer.
     */
    private HttpClient http;
    private final Map<String, Shipper> shippers = new ConcurrentHashMap<>();
    private final Map<String, URI> peers;
    private volatile boolean closed;
    private TimeToLiveUpdate timeToLive;
    /**
     * The engine's UpdateTable, which changes this region's table alone: the registry's runs through
     * {@link GlobalTableUpdate}, which would pass a replica's own settings on to the other regions.
     */
    private Operation<UpdateTableRequest> localUpdateTable;

    private Replication(Engine engine, OperationRegistry registry, Streams streams, ReplicationConfig config) {
        this.engine = engine;
        this.registry = registry;
        this.streams = streams;
        this.config = config;
        this.peers = new ConcurrentHashMap<>(config.peers());
        this.sets = new ReplicaSets(engine.storage());
        this.versions = new ItemVersions(engine.storage(), sets, config.region(), engine.clock());
        this.applier = new ChangeApplier(engine, versions);
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2)).build();
        }
        return http;
    }

    /**
     * Hooks global tables into {@code engine}: UpdateTable's ReplicaUpdates, DescribeTable's replicas,
     * the legacy global table actions and the internal actions peers call; starts shipping every global
     * table to its peers.
     */
    public static Replication install(Engine engine, OperationRegistry registry, Streams streams,
            ReplicationConfig config) {
        Replication r = new Replication(engine, registry, streams, config);
        engine.addHook(r.versions);
        engine.addHook(new ChangeHook() {
            @Override
            public void onChange(Change change, WriteBatch batch) {}

            @Override
            public void onTableChange(TableDefinition before, TableDefinition after, WriteBatch batch) {
                if (after == null && before != null && r.sets.of(before.tableName()) != null) {
                    r.sets.stageRemoval(batch, before.tableName());
                    r.stopShippers(before.tableName(), batch);
                    batch.delete(ReplicationKeys.settingsVersions(before.tableName()));
                }
            }
        });
        engine.tableDescriptionMembers(new ReplicaDescriptions(r));
        r.localUpdateTable = registry.operation("UpdateTable");
        GlobalTableUpdate update = new GlobalTableUpdate(r, registry);
        engine.addHook(update.tableSettings());
        registry.register("UpdateTable", UpdateTableRequest::decode, update::execute);
        registry.register(PeerLink.SERVICE, TableSettingsUpdate.ACTION, TableSettingsUpdate.Change::decode,
                update.tableSettings()::applyHere);
        TimeToLiveUpdate ttl = r.timeToLive = new TimeToLiveUpdate(r, registry);
        registry.register("UpdateTimeToLive", UpdateTimeToLiveRequest::decode, ttl::execute);
        registry.register(PeerLink.SERVICE, TimeToLiveUpdate.ACTION, UpdateTimeToLiveRequest::decode, ttl::applyHere);
        registry.register(PeerLink.SERVICE, "ApplyReplicatedChanges", ApplyChangesRequest::decode, r::applyChanges);
        registry.register(PeerLink.SERVICE, "UpdateReplicaSet", ReplicaSetRequest::decode, r::replicaSetChanged);
        io.dynarocks.replication.legacy.LegacyGlobalTables.install(r);
        for (ReplicaSet set : r.sets.all()) {
            r.startShippers(set);
        }
        r.sets.follow(r::reconcile);
        return r;
    }

    public ReplicationConfig config() {
        return config;
    }

    /** Replication to each peer of each global table: for lag metrics and DescribeTable. */
    public List<ReplicaState> states() {
        List<ReplicaState> out = new ArrayList<>();
        for (var e : shippers.entrySet()) {
            Shipper s = e.getValue();
            out.add(new ReplicaState(tableOf(e.getKey()), s.peer(), s.backfilled(), s.reachable(), s.authorized(), s.lagMillis(),
                    s.shipped()));
        }
        return out;
    }

    /** Replication of {@code tableName} to {@code peer} as this region sees it; null while it does not ship there. */
    public ReplicaState state(String tableName, String peer) {
        Shipper s = shippers.get(key(tableName, peer));
        return s == null ? null
                : new ReplicaState(tableName, peer, s.backfilled(), s.reachable(), s.authorized(), s.lagMillis(), s.shipped());
    }

    /** The table's replica set as this region knows it, or null when the table is not global here. */
    public ReplicaSet set(String tableName) {
        return sets.of(tableName);
    }

    /** Every replica set this region belongs to. */
    public java.util.Collection<ReplicaSet> sets() {
        return sets.all();
    }

    public OperationRegistry registry() {
        return registry;
    }

    public Engine engine() {
        return engine;
    }

    /** This server's region and its peers', in that order. */
    public List<String> regions() {
        List<String> all = new ArrayList<>();
        all.add(config.region());
        peers.keySet().stream().sorted().forEach(all::add);
        return all;
    }

    /** Keeps TTL the same on every replica of a version 2019.11.21 global table. */
    TimeToLiveUpdate timeToLive() {
        return timeToLive;
    }

    /** Whether {@code region} is this server's or one of its peers. */
    public boolean knows(String region) {
        return config.region().equals(region) || peers.containsKey(region);
    }

    /**
     * Adds peer {@code region} at {@code endpoint}, or moves it there: for servers whose peers' ports
     * are known only once they started (embedded servers on free ports).
     */
    public void peer(String region, URI endpoint) {
        if (region.equals(config.region())) {
            throw new IllegalArgumentException("a peer cannot have the server's own region " + region);
        }
        peers.put(region, endpoint);
        sets.all().forEach(this::startShippers);
    }

    /** ApplyReplicatedChanges: applies a peer's item states to a local replica. */
    private io.dynarocks.protocol.operation.Response applyChanges(ApplyChangesRequest request) {
        ReplicaSet set = sets.of(request.tableName());
        if (set == null || !set.contains(request.sourceRegion()) || !peers.containsKey(request.sourceRegion())) {
            throw DynamoException.resourceNotFound("Table " + request.tableName() + " has no replica of region "
                    + request.sourceRegion() + " in region " + config.region());
        }
        TableDefinition table = engine.catalog().require(request.tableName());
        int applied = 0;
        for (ReplicatedChange change : request.changes()) {
            if (applier.apply(table, change)) {
                applied++;
            }
        }
        int count = applied;
        return g -> g.writeNumberField("Applied", count);
    }

    /** UpdateReplicaSet: joins, follows or leaves a table's replica set as the region that changed it says. */
    private io.dynarocks.protocol.operation.Response replicaSetChanged(ReplicaSetRequest request) {
        ReplicaSet set = request.set();
        for (String region : set.regions()) {
            if (!knows(region)) {
                throw DynamoException.validation("Region " + region + " is not a peer of region " + config.region());
            }
        }
        synchronized (this) {
            if (set.contains(config.region())) {
                if (request.createTable() != null && sets.of(set.tableName()) == null
                        && engine.catalog().exists(set.tableName())) {
                    // DynamoDB never adopts a table that already exists in the new replica's region.
                    throw DynamoException.validation("Failed to create a the new replica of table with name: \u2018"
                            + set.tableName() + "\u2019 because one or more replicas already existed as tables.");
                }
                if (!engine.catalog().exists(set.tableName())) {
                    if (request.createTable() == null) {
                        throw DynamoException.resourceNotFound("Requested resource not found: Table: "
                                + set.tableName() + " not found");
                    }
                    registry.handle(OperationRegistry.DYNAMODB + ".CreateTable", request.createTable());
                }
                publish(set);
            } else if (sets.of(set.tableName()) != null) {
                publish(null, set.tableName());
                // Deleting a replica deletes its table in that region, as DynamoDB does; a region removed
                // from a 2017.11.29 global table keeps its table, no longer replicated.
                if (ReplicaSet.CURRENT.equals(set.version()) && engine.catalog().exists(set.tableName())) {
                    registry.handle(OperationRegistry.DYNAMODB + ".DeleteTable",
                            ("{\"TableName\":\"" + set.tableName() + "\"}").getBytes());
                }
            }
        }
        return g -> { };
    }

    /** Stores {@code set} as this region's view of its table, and ships to exactly its peers. */
    synchronized void publish(ReplicaSet set) {
        publish(set, set.tableName());
    }

    private synchronized void publish(ReplicaSet set, String tableName) {
        WriteBatch batch = new WriteBatch();
        // A version 2019.11.21 table with no other replica is a plain table again; a 2017.11.29 global
        // table exists, and is described, as long as one region is left in it.
        if (set != null && (!set.contains(config.region())
                || ReplicaSet.CURRENT.equals(set.version()) && set.peersOf(config.region()).isEmpty())) {
            set = null;
        }
        if (set == null) {
            sets.stageRemoval(batch, tableName);
        } else {
            sets.stage(batch, set);
        }
        List<String> keep = set == null ? List.of() : set.peersOf(config.region());
        for (String k : List.copyOf(shippers.keySet())) {
            if (tableOf(k).equals(tableName) && !keep.contains(peerOf(k))) {
                Shipper s = shippers.remove(k);
                s.close();
                s.forget(batch);
            }
        }
        engine.storage().write(batch);
        sets.published(tableName, set);
        if (set != null && ReplicaSet.CURRENT.equals(set.version())) {
            ReplicaOverrides.apply(engine, localUpdateTable, tableName, set.settingsOf(config.region()));
        }
        if (set != null && !keep.isEmpty()) {
            startShippers(set);
        }
    }

    /**
     * Adds {@code region} to {@code set} and tells every member: the new region first (it creates its
     * table from {@code createTable} when that is not null, so that shipping to it can start at once),
     * then this region, then the others. Returns the new set.
     */
    public ReplicaSet join(ReplicaSet set, String region, byte[] createTable) {
        ReplicaSet next = set.with(region);
        send(region, next, createTable);
        publish(next);
        for (String other : next.peersOf(config.region())) {
            if (!other.equals(region)) {
                send(other, next, null);
            }
        }
        return next;
    }

    /** Makes {@code set} (of this region's existing table) known to its members, this region last. */
    public ReplicaSet form(ReplicaSet set) {
        for (String other : set.peersOf(config.region())) {
            send(other, set, null);
        }
        publish(set);
        return set;
    }

    /** Removes {@code region} from {@code set} and tells the members of the old set. Returns the new set. */
    public ReplicaSet leave(ReplicaSet set, String region) {
        ReplicaSet next = set.without(region);
        String local = config.region();
        if (region.equals(local)) {
            for (String other : next.regions()) {
                send(other, next, null);
            }
            publish(null, set.tableName());
            return next;
        }
        send(region, next, null);
        publish(next);
        for (String other : next.peersOf(local)) {
            send(other, next, null);
        }
        return next;
    }

    /**
     * Calls the internal {@code action} of peer {@code region}; an error it answers with (a 4xx) is
     * thrown here as it was raised there, so a client sees the peer's refusal unchanged.
     */
    public byte[] call(String region, String action, byte[] body) {
        URI endpoint = peers.get(region);
        try {
            return link(region).call(action, body);
        } catch (PeerLink.PeerException e) {
            if (e.unauthorized()) {
                DynamoException refusal = e.asDynamoException();
                throw DynamoException.validation("One or more parameter values were invalid: Region " + region
                        + " refused the request of region " + config.region() + " (" + refusal.type() + ": "
                        + refusal.getMessage() + "); give this server a key that region accepts with "
                        + "--peer-credentials");
            }
            if (e.status >= 400 && e.status < 500) {
                throw e.asDynamoException();
            }
            throw DynamoException.internal("Region " + region + " answered " + e.status + ": " + e.body);
        } catch (IOException e) {
            throw DynamoException.internal("Region " + region + " could not be reached at " + endpoint + ": "
                    + e.getMessage());
        }
    }

    /** Registers a DynamoDB action of global tables. */
    public <Q> void registerPublic(String action, java.util.function.Function<byte[], Q> decoder,
            Operation<Q> operation) {
        registry.register(action, decoder, operation);
    }

    /** Registers an internal action that peers call (see {@link PeerLink}). */
    public <Q> void registerInternal(String action, java.util.function.Function<byte[], Q> decoder,
            Operation<Q> operation) {
        registry.register(PeerLink.SERVICE, action, decoder, operation);
    }

    /** Sends {@code set} to {@code region}'s UpdateReplicaSet; a refusal there is thrown here as raised there. */
    void send(String region, ReplicaSet set, byte[] createTable) {
        call(region, "UpdateReplicaSet", new ReplicaSetRequest(set, createTable).toBytes());
    }

    private synchronized void startShippers(ReplicaSet set) {
        if (closed) {
            return;
        }
        for (String peer : set.peersOf(config.region())) {
            if (!peers.containsKey(peer)) {
                LOG.warn("table {} has a replica in region {}, which is not a configured peer", set.tableName(), peer);
                continue;
            }
            shippers.computeIfAbsent(key(set.tableName(), peer), k -> {
                Shipper s = new Shipper(engine, streams.store(), config.region(), set.tableName(), peer,
                        link(peer));
                s.start();
                return s;
            });
        }
    }

    /**
     * Starts or stops this server's shippers of a table whose replica set another server of the region
     * (sharing the store) changed, so that this server can take over shipping it; the server that
     * changed the set forgot the cursors of the peers that left.
     */
    private synchronized void reconcile(String tableName) {
        ReplicaSet set = sets.of(tableName);
        List<String> keep = set == null ? List.of() : set.peersOf(config.region());
        for (String k : List.copyOf(shippers.keySet())) {
            if (tableOf(k).equals(tableName) && !keep.contains(peerOf(k))) {
                shippers.remove(k).close();
            }
        }
        if (set != null) {
            startShippers(set);
        }
    }

    private void stopShippers(String tableName, WriteBatch batch) {
        for (String k : List.copyOf(shippers.keySet())) {
            if (tableOf(k).equals(tableName)) {
                Shipper s = shippers.remove(k);
                s.close();
                s.forget(batch);
            }
        }
    }

    /** The link to peer {@code region}, at its current endpoint, signed with its key when it has one. */
    private PeerLink link(String region) {
        return new PeerLink(http(), () -> peers.get(region), region, config.credentialsFor(region));
    }

    private static String key(String tableName, String peer) {
        return tableName + "\u0000" + peer;
    }

    private static String tableOf(String key) {
        return key.substring(0, key.indexOf('\u0000'));
    }

    private static String peerOf(String key) {
        return key.substring(key.indexOf('\u0000') + 1);
    }

    /** Tells the shippers of {@code tableName} that table settings changes wait for their peers in the store. */
    void settingsChanged(String tableName) {
        shippers.forEach((k, s) -> {
            if (tableOf(k).equals(tableName)) {
                s.settingsChanged();
            }
        });
    }

    /** Stops shipping; cursors stay in the store, so shipping resumes where it stopped on the next start. */
    @Override
    public synchronized void close() {
        closed = true;
        shippers.values().forEach(Shipper::close);
        shippers.clear();
    }
}
