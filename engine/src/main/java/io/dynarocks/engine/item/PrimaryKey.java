package io.dynarocks.engine.item;

import io.dynarocks.protocol.AttributeValue;
import java.util.LinkedHashMap;
import java.util.Map;

/** An item's primary key: the partition key value and, for composite keys, the sort key value. */
public record PrimaryKey(AttributeValue hash, AttributeValue range) {

    /** The key as DynamoDB shows it: a map of the key attributes. */
    public Map<String, AttributeValue> asMap(io.dynarocks.protocol.model.KeySchema schema) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put(schema.hashName(), hash);
        if (range != null) {
            m.put(schema.rangeName(), range);
        }
        return m;
    }
}
