package io.dynarocks.replication;

import io.dynarocks.engine.ChangeHook;
import io.dynarocks.engine.operation.Operation;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.protocol.json.TableDefinitionJson;
import io.dynarocks.protocol.model.AttributeDefinition;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.KeySchemaElement;
import io.dynarocks.protocol.model.OnDemandThroughput;
import io.dynarocks.protocol.model.ProvisionedThroughput;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.GlobalSecondaryIndexUpdate;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.protocol.operation.UpdateTableRequest;
import io.dynarocks.storage.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The table settings DynamoDB keeps the same on every replica of a global table (version 2019.11.21) when
 * UpdateTable changes them in one region: the global secondary indexes created or deleted, the billing mode, the
 * table's and its indexes' write capacity and on-demand maximum writes. Read capacity and on-demand maximum reads
 * follow as well, except in a replica that overrides them (ReplicaUpdates' ProvisionedThroughputOverride,
 * OnDemandThroughputOverride, per index too). Deletion protection, the stream, encryption key, table class, tags
 * and point-in-time recovery stay each replica's own. The change applies here first (so DynamoDB's refusals come
 * from this region, and nothing else changed), then, asynchronously as in DynamoDB, in each other region through
 * the internal {@value #ACTION}, where a created index is backfilled from that region's own items. The change
 * waits for each peer in the store, in order, until the {@link Shipper} of the table to that peer delivered it:
 * a region that is down takes it when it returns, one still busy with an earlier index takes it once done.
 */
final class TableSettingsUpdate implements ChangeHook {

    static final String ACTION = "UpdateReplicaTable";

    private final Replication replication;
    private final Operation<UpdateTableRequest> local;
    /** The last pending change's sequence: increasing, and near the clock so that restarts keep the order. */
    private final AtomicLong lastSequence = new AtomicLong();
    /** The UpdateTable request this thread is making here whose change every replica shares. */
    private final ThreadLocal<UpdateTableRequest> sharing = new ThreadLocal<>();
    /** The settings versions this thread's {@link #applyHere} keeps with the peer's change it applies here. */
    private final ThreadLocal<Received> receiving = new ThreadLocal<>();

    /** A peer's change being applied: the table's settings versions with it, and whether a table change took them. */
    private static final class Received {
        final String tableName;
        final Map<String, SettingsVersions.Version> versions;
        boolean staged;

        Received(String tableName, Map<String, SettingsVersions.Version> versions) {
            this.tableName = tableName;
            this.versions = versions;
        }
    }

    TableSettingsUpdate(Replication replication, Operation<UpdateTableRequest> local) {
        this.replication = replication;
        this.local = local;
    }

    /**
     * Whether a peer's refusal of a pending change means "not now": its table is still being updated (a
     * transient status) or still backfilling an earlier index.
     */
    static boolean busy(DynamoException refusal) {
        return refusal.type().equals("ResourceInUseException") || refusal.type().equals("LimitExceededException");
    }

    /** Whether {@code request} changes a setting every replica shares. */
    static boolean synchronizes(UpdateTableRequest request) {
        return request.billingMode() != null || request.provisionedThroughput() != null
                || request.globalSecondaryIndexUpdates() != null || request.onDemandThroughput() != null;
    }

    /**
     * UpdateTable in this region, then, when {@code request} changes settings every replica shares, the same change
     * in every other replica, and the replicas' overrides the table no longer has room for dropped (read capacities
     * once it is on demand, on-demand maximum reads once it is provisioned, those of a deleted index). The change
     * waits for each peer in the same atomic write as this region's table change ({@link #onTableChange}): a crash
     * cannot keep the one and lose the other.
     */
    Response execute(UpdateTableRequest request) {
        ReplicaSet set = replication.set(request.tableName());
        if (set == null || !ReplicaSet.CURRENT.equals(set.version()) || !synchronizes(request)) {
            return local.execute(request);
        }
        Response response;
        synchronized (this) {
            sharing.set(request);
            try {
                response = local.execute(request);
            } finally {
                sharing.remove();
            }
        }
        replication.settingsChanged(request.tableName());
        fitOverrides(request.tableName());
        return response;
    }

    /**
     * Adds the change this thread's {@link #execute} shares to the batch of the table change it makes here, or the
     * settings versions of the peer's change this thread's {@link #applyHere} applies.
     */
    @Override
    public void onTableChange(TableDefinition before, TableDefinition after, WriteBatch batch) {
        Received received = receiving.get();
        if (received != null && before != null && after != null && after.tableName().equals(received.tableName)) {
            SettingsVersions.stage(batch, received.tableName, received.versions);
            received.staged = true;
            return;
        }
        UpdateTableRequest request = sharing.get();
        if (request == null || before == null || after == null || !after.tableName().equals(request.tableName())) {
            return;
        }
        ReplicaSet set = replication.set(after.tableName());
        if (set == null) {
            return;
        }
        String local = replication.config().region();
        Map<String, SettingsVersions.Version> versions = SettingsVersions.of(replication.engine().storage(),
                after.tableName());
        // The change made here is the latest of the settings it touches here, whatever the clocks: the others
        // then keep it too.
        long timestamp = replication.engine().clock().millis();
        for (String setting : settings(request)) {
            SettingsVersions.Version earlier = versions.get(setting);
            timestamp = earlier == null ? timestamp : Math.max(timestamp, earlier.timestamp() + 1);
        }
        SettingsVersions.Version version = new SettingsVersions.Version(timestamp, local);
        settings(request).forEach(setting -> versions.put(setting, version));
        byte[] body = body(request, after, version);
        long sequence = lastSequence.updateAndGet(l -> Math.max(l + 1, version.timestamp() * 1000));
        for (String peer : set.peersOf(local)) {
            batch.put(ReplicationKeys.pendingSettings(after.tableName(), peer, sequence), body);
        }
        SettingsVersions.stage(batch, after.tableName(), versions);
    }

    @Override
    public void onChange(ChangeHook.Change change, WriteBatch batch) {}

    /** The replica set without the overrides the table {@code tableName} has become has no room for. */
    private void fitOverrides(String tableName) {
        ReplicaSet set = replication.set(tableName);
        if (set == null) {
            return;
        }
        TableDefinition table = replication.engine().catalog().require(tableName);
        ReplicaSet fitted = set;
        for (String region : set.regions()) {
            ReplicaSettings before = set.settingsOf(region);
            ReplicaSettings after = fitted(before, table);
            if (!after.equals(before)) {
                fitted = fitted.withSettings(region, after);
            }
        }
        if (!fitted.equals(set)) {
            replication.form(fitted);
        }
    }

    /** {@code settings} without the overrides {@code table}'s billing mode and indexes leave nothing to apply to. */
    private static ReplicaSettings fitted(ReplicaSettings settings, TableDefinition table) {
        boolean onDemand = table.payPerRequest();
        var indexes = new TreeMap<String, ReplicaSettings.IndexSettings>();
        settings.indexes().forEach((name, s) -> {
            if (table.index(name).filter(IndexDefinition::global).isPresent()) {
                ReplicaSettings.IndexSettings kept = new ReplicaSettings.IndexSettings(
                        onDemand ? null : s.readCapacityUnits(), onDemand ? s.maxReadRequestUnits() : null);
                if (kept.readCapacityUnits() != null || kept.maxReadRequestUnits() != null) {
                    indexes.put(name, kept);
                }
            }
        });
        return new ReplicaSettings(onDemand ? null : settings.readCapacityUnits(),
                onDemand ? settings.maxReadRequestUnits() : null, settings.tableClass(),
                settings.tableClassUpdatedMillis(), indexes, settings.kmsMasterKeyArn());
    }

    /**
     * The request peers get: the synchronized members of {@code request}, with each created index as this region
     * made it (and the definitions of its key attributes).
     */
    private static byte[] body(UpdateTableRequest request, TableDefinition table, SettingsVersions.Version version) {
        return JsonWriter.object(g -> {
            g.writeStringField("TableName", table.tableName());
            g.writeNumberField("ChangeTimestamp", version.timestamp());
            g.writeStringField("ChangeRegion", version.region());
            if (request.billingMode() != null) {
                g.writeStringField("BillingMode", request.billingMode());
            }
            if (request.provisionedThroughput() != null) {
                TableDefinitionJson.writeUnits(g, request.provisionedThroughput());
            }
            if (request.onDemandThroughput() != null) {
                request.onDemandThroughput().write(g);
            }
            List<GlobalSecondaryIndexUpdate> updates = request.globalSecondaryIndexUpdates();
            if (updates == null) {
                return;
            }
            Set<String> keyAttributes = updates.stream().filter(u -> u.create() != null)
                    .flatMap(u -> table.index(u.create().indexName()).stream())
                    .flatMap(i -> i.keySchema().elements().stream()).map(KeySchemaElement::attributeName)
                    .collect(Collectors.toSet());
            if (!keyAttributes.isEmpty()) {
                g.writeArrayFieldStart("AttributeDefinitions");
                for (AttributeDefinition d : table.attributeDefinitions()) {
                    if (keyAttributes.contains(d.attributeName())) {
                        g.writeStartObject();
                        g.writeStringField("AttributeName", d.attributeName());
                        g.writeStringField("AttributeType", d.attributeType());
                        g.writeEndObject();
                    }
                }
                g.writeEndArray();
            }
            g.writeArrayFieldStart("GlobalSecondaryIndexUpdates");
            for (GlobalSecondaryIndexUpdate u : updates) {
                g.writeStartObject();
                if (u.create() != null) {
                    IndexDefinition i = table.index(u.create().indexName()).orElseThrow();
                    g.writeObjectFieldStart("Create");
                    g.writeStringField("IndexName", i.indexName());
                    TableDefinitionJson.writeKeySchema(g, i.keySchema());
                    TableDefinitionJson.writeProjection(g, i.projection());
                    if (!table.payPerRequest()) {
                        TableDefinitionJson.writeUnits(g, i.provisionedThroughput());
                    }
                    if (i.onDemandThroughput() != null) {
                        i.onDemandThroughput().write(g);
                    }
                } else if (u.deleteIndexName() != null) {
                    g.writeObjectFieldStart("Delete");
                    g.writeStringField("IndexName", u.deleteIndexName());
                } else {
                    g.writeObjectFieldStart("Update");
                    g.writeStringField("IndexName", u.updateIndexName());
                    if (u.updateThroughput() != null) {
                        TableDefinitionJson.writeUnits(g, u.updateThroughput());
                    }
                    if (u.updateOnDemandThroughput() != null) {
                        u.updateOnDemandThroughput().write(g);
                    }
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    /**
     * The internal action: this region's part of a change made in another, with this replica's read overrides kept.
     * What this replica already has is no change (regions may cross each other's updates): an index it has is not
     * created again, one it lacks is not deleted. A setting whose last change here is later than this one (by
     * {@link SettingsVersions}: time, then region) keeps it.
     */
    Response applyHere(Change change) {
        synchronized (this) {
            UpdateTableRequest request = change.request();
            Map<String, SettingsVersions.Version> versions = SettingsVersions.of(replication.engine().storage(),
                    request.tableName());
            List<String> newer = settings(request).stream()
                    .filter(k -> versions.get(k) == null || change.version().compareTo(versions.get(k)) > 0).toList();
            newer.forEach(k -> versions.put(k, change.version()));
            // The versions go in the same atomic write as the change applied here (onTableChange): a crash between
            // two writes would keep the change without them, and a peer's older change could then win over it.
            Received received = new Received(request.tableName(), versions);
            receiving.set(received);
            try {
                apply(newer.contains(SettingsVersions.CAPACITY) ? request : withoutCapacity(request), newer);
            } finally {
                receiving.remove();
            }
            if (!received.staged) { // nothing changed here: the versions alone
                WriteBatch batch = new WriteBatch();
                SettingsVersions.stage(batch, request.tableName(), versions);
                replication.engine().storage().write(batch);
            }
            return g -> { };
        }
    }

    /** {@code request} without the table's billing mode and capacity (a later change of them was applied here). */
    private static UpdateTableRequest withoutCapacity(UpdateTableRequest r) {
        return new UpdateTableRequest(r.tableName(), r.attributeDefinitions(), null, null,
                r.globalSecondaryIndexUpdates(), null, null, null, null, null, null);
    }

    /** The settings {@code request} changes: the table's capacity, and each index it names. */
    private static List<String> settings(UpdateTableRequest request) {
        List<String> out = new ArrayList<>();
        if (request.billingMode() != null || request.provisionedThroughput() != null
                || request.onDemandThroughput() != null) {
            out.add(SettingsVersions.CAPACITY);
        }
        for (GlobalSecondaryIndexUpdate u : request.globalSecondaryIndexUpdates() == null
                ? List.<GlobalSecondaryIndexUpdate>of() : request.globalSecondaryIndexUpdates()) {
            out.add(settings(u));
        }
        return out;
    }

    /** A change as peers deliver it: the UpdateTable request, and when and where it was made. */
    record Change(UpdateTableRequest request, SettingsVersions.Version version) {

        static Change decode(byte[] body) {
            UpdateTableRequest request = UpdateTableRequest.decode(body);
            var f = new Object() {
                long timestamp;
                String region;
            };
            io.dynarocks.protocol.json.JsonReader.readBody(body, (n, r) -> {
                switch (n) {
                    case "ChangeTimestamp" -> f.timestamp = r.readLong();
                    case "ChangeRegion" -> f.region = r.readString();
                    default -> r.skip();
                }
            });
            if (f.region == null) {
                throw DynamoException.validation("ChangeRegion is required");
            }
            return new Change(request, new SettingsVersions.Version(f.timestamp, f.region));
        }
    }

    /** Applies the parts of {@code request} whose settings are {@code newer} here. */
    private void apply(UpdateTableRequest request, List<String> newer) {
        ReplicaSet set = replication.set(request.tableName());
        if (set == null) {
            throw DynamoException.resourceNotFound("Table " + request.tableName() + " is not a replica of a global "
                    + "table in region " + replication.config().region());
        }
        TableDefinition t = replication.engine().catalog().require(request.tableName());
        ReplicaSettings own = set.settingsOf(replication.config().region());
        String billing = request.billingMode() == null || request.billingMode().equals(t.billingMode()) ? null
                : request.billingMode();
        ProvisionedThroughput throughput = request.provisionedThroughput();
        if (throughput != null && own.readCapacityUnits() != null) {
            throughput = new ProvisionedThroughput(own.readCapacityUnits(), throughput.writeCapacityUnits());
        }
        if (throughput != null && billing == null && throughput.equals(t.provisionedThroughput())) {
            throughput = null;
        }
        OnDemandThroughput onDemand = ownMaximum(request.onDemandThroughput(), own.maxReadRequestUnits());
        List<GlobalSecondaryIndexUpdate> indexes = new ArrayList<>();
        for (GlobalSecondaryIndexUpdate u : request.globalSecondaryIndexUpdates() == null
                ? List.<GlobalSecondaryIndexUpdate>of() : request.globalSecondaryIndexUpdates()) {
            if (!newer.contains(settings(u))) {
                continue;
            }
            if (u.create() != null) {
                if (t.index(u.create().indexName()).isEmpty()) {
                    indexes.add(u);
                }
            } else if (u.deleteIndexName() != null) {
                if (t.index(u.deleteIndexName()).isPresent()) {
                    indexes.add(u);
                }
            } else {
                GlobalSecondaryIndexUpdate kept = ownIndexUpdate(u, t, own, billing != null);
                if (kept != null) {
                    indexes.add(kept);
                }
            }
        }
        if (billing == null && throughput == null && onDemand == null && indexes.isEmpty()) {
            return;
        }
        local.execute(new UpdateTableRequest(t.tableName(), request.attributeDefinitions(), billing, throughput,
                indexes.isEmpty() ? null : indexes, null, null, null, null, null, onDemand));
    }

    private static String settings(GlobalSecondaryIndexUpdate u) {
        return SettingsVersions.index(u.create() != null ? u.create().indexName()
                : u.deleteIndexName() != null ? u.deleteIndexName() : u.updateIndexName());
    }

    /** An index's update with this replica's read overrides of it; null when it changes nothing here. */
    private static GlobalSecondaryIndexUpdate ownIndexUpdate(GlobalSecondaryIndexUpdate u, TableDefinition t,
            ReplicaSettings own, boolean billingChanges) {
        IndexDefinition index = t.index(u.updateIndexName()).filter(IndexDefinition::global).orElse(null);
        if (index == null) {
            return null;
        }
        ReplicaSettings.IndexSettings overrides = own.indexes().get(index.indexName());
        ProvisionedThroughput throughput = u.updateThroughput();
        if (throughput != null && overrides != null && overrides.readCapacityUnits() != null) {
            throughput = new ProvisionedThroughput(overrides.readCapacityUnits(), throughput.writeCapacityUnits());
        }
        if (throughput != null && !billingChanges && throughput.equals(index.provisionedThroughput())) {
            throughput = null;
        }
        OnDemandThroughput onDemand = ownMaximum(u.updateOnDemandThroughput(),
                overrides == null ? null : overrides.maxReadRequestUnits());
        return throughput == null && onDemand == null ? null
                : new GlobalSecondaryIndexUpdate(null, null, index.indexName(), throughput, onDemand);
    }

    /** {@code maximums} without their read maximum where this replica overrides it; null when nothing is left. */
    private static OnDemandThroughput ownMaximum(OnDemandThroughput maximums, Long ownMaxRead) {
        if (maximums == null) {
            return null;
        }
        OnDemandThroughput kept = ownMaxRead == null ? maximums
                : new OnDemandThroughput(null, maximums.maxWriteRequestUnits());
        return kept.isEmpty() ? null : kept;
    }
}
