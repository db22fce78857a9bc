package io.dynarocks.streams;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Keeps one subscription on every readable stream a table has: the enabled one, those disabled less
 * than 24 hours ago, and each one enabled later, each read from its start. Disabled streams count
 * too, so a stream enabled and disabled again between two looks is still delivered.
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

    /** Subscribes the table's streams that are new to this follower. */
    synchronized void check() {
        if (closed) {
            return;
        }
        for (StreamDescriptor d : store.streams()) {
            if (d.tableName().equals(tableName) && !byStreamArn.containsKey(d.arn())) {
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
