package io.dynarocks.replication;

import io.dynarocks.protocol.AttributeValue;
import java.util.Map;

/**
 * An item's state as one region ships it to another: its key, its attributes (null when the version is
 * a deletion) and its version. Shipping states, not operations, makes applying idempotent and
 * order-insensitive: a state is applied only when its version beats the receiver's.
 */
public record ReplicatedChange(Map<String, AttributeValue> keys, Map<String, AttributeValue> item,
        ItemVersion version) {}
