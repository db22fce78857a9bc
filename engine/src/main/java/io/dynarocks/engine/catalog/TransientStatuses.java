package io.dynarocks.engine.catalog;

import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.TableDefinition;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The transient statuses tables, indexes, Time to Live and global table replicas pass through after a change, for
 * {@link TransientDelays}. Changes take effect at once in storage; this remembers, in memory, until when
 * each one is reported as still in progress, and what DynamoDB does meanwhile: item operations on a
 * CREATING or DELETING table find no table, a CREATING index cannot be read, a table being created or
 * updated refuses further changes, and a deleted table or index is still described as DELETING. A restart
 * settles everything. With no delays nothing is recorded and every check returns at once.
 */
public final class TransientStatuses {

    /** A status reported until {@code untilMillis}. */
    private record Window(String status, long untilMillis) {}

    /** A table or index that is gone but still described as DELETING until {@code untilMillis}. */
    private record Deleted<T>(T definition, long untilMillis) {}

    private final TransientDelays delays;
    private final Clock clock;
    private final Map<String, Window> tables = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Window>> indexes = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Deleted<IndexDefinition>>> deletedIndexes = new ConcurrentHashMap<>();
    private final Map<String, Deleted<TableDefinition>> deletedTables = new ConcurrentHashMap<>();
    private final Map<String, Window> timeToLive = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Window>> replicas = new ConcurrentHashMap<>();

    public TransientStatuses(TransientDelays delays, Clock clock) {
        this.delays = delays;
        this.clock = clock;
    }

    public TransientDelays delays() {
        return delays;
    }

    // Recording changes (no-ops for a zero delay).

    public void tableCreated(TableDefinition table) {
        start(tables, table.tableName(), "CREATING", delays.table());
    }

    public void tableUpdated(TableDefinition table) {
        start(tables, table.tableName(), "UPDATING", delays.table());
    }

    public void tableDeleted(TableDefinition table) {
        tables.remove(table.tableName());
        replicas.remove(table.tableName());
        indexes.remove(table.tableName());
        deletedIndexes.remove(table.tableName());
        timeToLive.remove(table.tableName());
        if (!delays.table().isZero()) {
            deletedTables.put(table.tableName(), new Deleted<>(table, until(delays.table())));
        }
    }

    public void indexCreated(String table, String index) {
        if (!delays.index().isZero()) {
            start(indexes.computeIfAbsent(table, t -> new ConcurrentHashMap<>()), index, "CREATING", delays.index());
        }
    }

    public void indexDeleted(String table, IndexDefinition index) {
        Map<String, Window> creating = indexes.get(table);
        if (creating != null) {
            creating.remove(index.indexName());
        }
        if (!delays.index().isZero()) {
            deletedIndexes.computeIfAbsent(table, t -> new ConcurrentHashMap<>())
                    .put(index.indexName(), new Deleted<>(index, until(delays.index())));
        }
    }

    public void timeToLiveChanged(String table, boolean enabled) {
        start(timeToLive, table, enabled ? "ENABLING" : "DISABLING", delays.timeToLive());
    }

    /** A replica of {@code table} in {@code region} was added: CREATING for the replica delay (or longer). */
    public void replicaCreated(String table, String region) {
        replicaChanged(table, region, "CREATING");
    }

    /** The replica of {@code table} in {@code region} was removed: still described as DELETING for a while. */
    public void replicaDeleted(String table, String region) {
        replicaChanged(table, region, "DELETING");
    }

    private void replicaChanged(String table, String region, String status) {
        if (delays.replica().isZero()) {
            return;
        }
        start(replicas.computeIfAbsent(table, t -> new ConcurrentHashMap<>()), region, status, delays.replica());
    }

    // What is reported meanwhile.

    /** CREATING or DELETING while the replica of {@code table} in {@code region} is being added or removed. */
    public Optional<String> replicaStatus(String table, String region) {
        Map<String, Window> windows = replicas.get(table);
        Window w = windows == null ? null : current(windows, region);
        return w == null ? Optional.empty() : Optional.of(w.status());
    }

    /** The regions whose replica of {@code table} was removed and is still described as DELETING, sorted. */
    public List<String> deletingReplicas(String table) {
        Map<String, Window> windows = replicas.get(table);
        if (windows == null) {
            return List.of();
        }
        return List.copyOf(windows.keySet()).stream().sorted()
                .filter(r -> replicaStatus(table, r).filter("DELETING"::equals).isPresent()).toList();
    }

    /** The table's status: CREATING or UPDATING while a change is in progress, else ACTIVE. */
    public String tableStatus(String table) {
        Window w = current(tables, table);
        return w == null ? "ACTIVE" : w.status();
    }

    /** A deleted table still described as DELETING. */
    public Optional<TableDefinition> deleting(String table) {
        Deleted<TableDefinition> d = deletedTables.get(table);
        if (d == null) {
            return Optional.empty();
        }
        if (d.untilMillis() <= clock.millis()) {
            deletedTables.remove(table, d);
            return Optional.empty();
        }
        return Optional.of(d.definition());
    }

    /** Names of deleted tables still described as DELETING (they are still listed by ListTables). */
    public Set<String> deletingNames() {
        Set<String> names = new TreeSet<>();
        for (String name : List.copyOf(deletedTables.keySet())) {
            deleting(name).ifPresent(t -> names.add(name));
        }
        return names;
    }

    /**
     * The table as DescribeTable shows it: indexes being created are CREATING and backfilling, deleted ones
     * are still there, DELETING.
     */
    public TableDefinition described(TableDefinition table) {
        if (!delays.any()) {
            return table;
        }
        TableDefinition out = withCreatingIndexes(table);
        Map<String, Deleted<IndexDefinition>> deleted = deletedIndexes.get(table.tableName());
        if (deleted == null || deleted.isEmpty()) {
            return out;
        }
        List<IndexDefinition> all = new ArrayList<>(out.indexes());
        long now = clock.millis();
        deleted.forEach((name, d) -> {
            if (d.untilMillis() <= now) {
                deleted.remove(name, d);
            } else if (out.index(name).isEmpty()) {
                all.add(d.definition().withStatus("DELETING", false));
            }
        });
        return out.withIndexes(all, out.attributeDefinitions());
    }

    /**
     * The table as item operations see it: missing while CREATING (DynamoDB answers ResourceNotFoundException),
     * its indexes being created unreadable (backfilling).
     */
    public TableDefinition readable(TableDefinition table) {
        if (!delays.any()) {
            return table;
        }
        Window w = current(tables, table.tableName());
        if (w != null && w.status().equals("CREATING")) {
            throw DynamoException.tableNotFound();
        }
        return withCreatingIndexes(table);
    }

    /** Refuses a change to a deleted table that is still DELETING. */
    public void checkNotDeleting(String table) {
        if (!deletedTables.isEmpty() && deleting(table).isPresent()) {
            throw DynamoException.resourceInUse("Attempt to change a resource which is still in use: Table is being "
                    + "deleted: " + table);
        }
    }

    /** Refuses a change to a table that is being created or updated, or (for DeleteTable) whose indexes are. */
    public void checkChangeable(String table, boolean deleting) {
        if (!delays.any()) {
            return;
        }
        Window w = current(tables, table);
        if (w != null && (w.status().equals("CREATING") || !deleting)) {
            throw DynamoException.resourceInUse("Attempt to change a resource which is still in use: Table is being "
                    + (w.status().equals("CREATING") ? "created" : "updated") + ": " + table);
        }
        if (deleting && indexesInProgress(table)) {
            throw DynamoException.resourceInUse("Attempt to change a resource which is still in use: Cannot delete "
                    + "table while indexes are being created, updated, or deleted.");
        }
    }

    /** ENABLING or DISABLING while Time to Live is being switched; empty once settled. */
    public Optional<String> timeToLiveStatus(String table) {
        Window w = current(timeToLive, table);
        return w == null ? Optional.empty() : Optional.of(w.status());
    }

    private boolean indexesInProgress(String table) {
        Map<String, Window> creating = indexes.get(table);
        if (creating != null && List.copyOf(creating.keySet()).stream().anyMatch(i -> current(creating, i) != null)) {
            return true;
        }
        Map<String, Deleted<IndexDefinition>> deleted = deletedIndexes.get(table);
        long now = clock.millis();
        return deleted != null && deleted.values().stream().anyMatch(d -> d.untilMillis() > now);
    }

    private TableDefinition withCreatingIndexes(TableDefinition table) {
        Map<String, Window> creating = indexes.get(table.tableName());
        if (creating == null || creating.isEmpty()) {
            return table;
        }
        boolean changed = false;
        List<IndexDefinition> all = new ArrayList<>(table.indexes().size());
        for (IndexDefinition index : table.indexes()) {
            if (current(creating, index.indexName()) != null && index.status().equals("ACTIVE")) {
                all.add(index.withStatus("CREATING", true));
                changed = true;
            } else {
                all.add(index);
            }
        }
        return changed ? table.withIndexes(all, table.attributeDefinitions()) : table;
    }

    private void start(Map<String, Window> map, String name, String status, Duration delay) {
        if (delay.isZero()) {
            map.remove(name);
        } else {
            map.put(name, new Window(status, until(delay)));
        }
    }

    private long until(Duration delay) {
        return clock.millis() + delay.toMillis();
    }

    /** The window of {@code name} if it has not ended; an ended one is forgotten. */
    private Window current(Map<String, Window> map, String name) {
        if (map.isEmpty()) {
            return null;
        }
        Window w = map.get(name);
        if (w != null && w.untilMillis() <= clock.millis()) {
            map.remove(name, w);
            return null;
        }
        return w;
    }
}
