package io.dynarocks.streams;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Keeps one subscription on every stream a table gets: the one enabled now and each one enabled
 * later, each read from its start, so a table created or a stream enabled after the follower
 * started loses nothing.
 */
final class TableFollower implements AutoCloseable {

    private final String tableName;
    private final StreamStore store;
    private final Function<StreamDescriptor, StreamHandler> handlers;
    private final BiFunction<StreamDescriptor, StreamHandler, Subscription> subscribe;
    private final Map<String, Subscription> byStreamArn = new HashMap<>();
    private boolean closed;

    TableFollower(String tableName, StreamStore store, Function<StreamDescriptor, StreamHandler> handlers,
            BiFunction<StreamDescriptor, StreamHandler, Subscription> subscribe) {
        this.tableName = tableName;
        this.store = store;
        this.handlers = handlers;
        this.subscribe = subscribe;
    }

    /** Subscribes the table's enabled stream if it is new. */
    synchronized void check() {
        if (closed) {
            return;
        }
        for (StreamDescriptor d : store.streams()) {
            if (d.tableName().equals(tableName) && d.enabled() && !byStreamArn.containsKey(d.arn())) {
                byStreamArn.put(d.arn(), subscribe.apply(d, handlers.apply(d)));
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        byStreamArn.values().forEach(Subscription::close);
    }
}
