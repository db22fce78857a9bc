package io.dynarocks.engine;

import io.dynarocks.engine.catalog.Catalog;
import io.dynarocks.engine.catalog.TransientDelays;
import io.dynarocks.engine.catalog.TransientStatuses;
import io.dynarocks.engine.index.IndexMaintenance;
import io.dynarocks.engine.index.VectorIndexStatistics;
import io.dynarocks.engine.item.ItemCounts;
import io.dynarocks.engine.item.ItemLocks;
import io.dynarocks.engine.limits.LimitsConfig;
import io.dynarocks.engine.limits.Throughput;
import io.dynarocks.storage.Storage;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The database: storage, catalog, item locks and change hooks that every operation works with. */
public final class Engine implements AutoCloseable {

    /** The account of a server without authentication, as DynamoDB Local names it in ARNs. */
    public static final String DEFAULT_ACCOUNT = "000000000000";
    /** The region of an engine not given one, as DynamoDB Local names it in ARNs. */
    public static final String DEFAULT_REGION = "us-east-1";

    private final Storage storage;
    private final Catalog catalog;
    private final ItemLocks locks = new ItemLocks();
    private final Clock clock;
    private final List<ChangeHook> hooks = new CopyOnWriteArrayList<>();
    private final Throughput throughput;
    private final boolean limited;
    private final String accountId;
    private final String region;
    private volatile VectorIndexStatistics vectorIndexStatistics = VectorIndexStatistics.NONE;
    private volatile TableDescriptionMembers tableDescriptionMembers = TableDescriptionMembers.NONE;

    public Engine(Storage storage, Clock clock) {
        this(storage, clock, LimitsConfig.off(), TransientDelays.NONE);
    }

    /** An engine enforcing {@code limits} (throughput and account quotas) when they are enabled. */
    public Engine(Storage storage, Clock clock, LimitsConfig limits) {
        this(storage, clock, limits, TransientDelays.NONE);
    }

    /**
     * An engine enforcing {@code limits}, whose tables, indexes and Time to Live pass through transient
     * statuses for {@code delays}.
     */
    public Engine(Storage storage, Clock clock, LimitsConfig limits, TransientDelays delays) {
        this(storage, clock, limits, delays, DEFAULT_ACCOUNT, DEFAULT_REGION);
    }

    /**
     * As {@link #Engine(Storage, Clock, LimitsConfig, TransientDelays)}, for the tables of account {@code accountId}
     * in {@code region} (in their ARNs and in messages naming the region).
     */
    public Engine(Storage storage, Clock clock, LimitsConfig limits, TransientDelays delays, String accountId,
            String region) {
        this.accountId = accountId;
        this.region = region;
        this.storage = storage;
        this.clock = clock;
        this.throughput = Throughput.of(limits, clock, storage);
        this.limited = throughput != Throughput.OFF;
        this.catalog = new Catalog(storage, new TransientStatuses(delays, clock));
        ItemCounts.initialise(storage, catalog);
        addHook(new ItemCounts(storage));
        addHook(new IndexMaintenance(catalog, storage));
    }

    /** The AWS account the tables of this engine belong to (in their ARNs). */
    public String accountId() {
        return accountId;
    }

    /** The AWS region of this engine's tables (in their ARNs and in messages naming the region). */
    public String region() {
        return region;
    }

    /** The ARN of this engine's table {@code tableName}. */
    public String tableArn(String tableName) {
        return "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + tableName;
    }

    public Storage storage() {
        return storage;
    }

    public Catalog catalog() {
        return catalog;
    }

    public ItemLocks locks() {
        return locks;
    }

    public Clock clock() {
        return clock;
    }

    /** Throughput limits on the data plane; {@link Throughput#OFF} unless limits are enabled. */
    public Throughput throughput() {
        return throughput;
    }

    /**
     * True when throughput limits are enforced: the one check the data plane makes before touching
     * {@link #throughput()}, so that without {@code --limits} a request pays no call for them.
     */
    public boolean limited() {
        return limited;
    }

    /** Registers a hook that adds its entries to every item change's write batch. */
    public void addHook(ChangeHook hook) {
        hooks.add(hook);
    }

    public List<ChangeHook> hooks() {
        return hooks;
    }

    /** Where DescribeTable finds vector index counts; set by the module that keeps vector indexes. */
    public void vectorIndexStatistics(VectorIndexStatistics statistics) {
        this.vectorIndexStatistics = statistics;
    }

    public VectorIndexStatistics vectorIndexStatistics() {
        return vectorIndexStatistics;
    }

    /** Where table descriptions find the members of modules above the engine (a global table's replicas). */
    public void tableDescriptionMembers(TableDescriptionMembers members) {
        this.tableDescriptionMembers = members;
    }

    public TableDescriptionMembers tableDescriptionMembers() {
        return tableDescriptionMembers;
    }

    @Override
    public void close() {
        storage.close();
    }
}
