package io.dynarocks.it;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Checks that a table with a hash key {@code pk}, a GSI and a NEW_AND_OLD_IMAGES stream agrees with
 * itself: the GSI holds exactly the projection of the base items that have its key, the item counts
 * DescribeTable reports are the counted items, and the stream, replayed from its start in sequence
 * order, records every change once (each record's old image is the state the replay reached) and
 * ends at exactly the table.
 */
final class TableAudit {

    /** What one audit saw. */
    record Result(int items, int indexEntries, int streamRecords, int serviceDeletes, List<String> problems) {}

    private TableAudit() {}

    static Map<String, Map<String, AttributeValue>> scan(DynamoDbClient db, String table, String index) {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = db.scan(b -> b.tableName(table).indexName(index).exclusiveStartKey(from)
                    .consistentRead(index == null ? Boolean.TRUE : null));
            for (Map<String, AttributeValue> item : page.items()) {
                if (items.put(item.get("pk").s(), item) != null) {
                    throw new AssertionError("scan of " + table + "/" + index + " returned " + item.get("pk") + " twice");
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    static Result check(DynamoDbClient db, DynamoDbStreamsClient streams, String table, String gsi, String gsiKey) {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, AttributeValue>> base = scan(db, table, null);
        Map<String, Map<String, AttributeValue>> index = scan(db, table, gsi);
        compareIndex(base, index, gsi, gsiKey, problems);

        TableDescription description = db.describeTable(b -> b.tableName(table)).table();
        if (description.itemCount() != base.size()) {
            problems.add("DescribeTable counts " + description.itemCount() + " items, the scan found " + base.size());
        }
        for (GlobalSecondaryIndexDescription g : description.globalSecondaryIndexes()) {
            if (g.indexName().equals(gsi) && g.itemCount() != index.size()) {
                problems.add("DescribeTable counts " + g.itemCount() + " entries in " + gsi + ", the scan found "
                        + index.size());
            }
        }

        List<Record> records = StreamClients.all(streams, description.latestStreamArn());
        records.sort(Comparator.comparing(r -> new BigInteger(r.dynamodb().sequenceNumber())));
        Map<String, Map<String, AttributeValue>> replayed = new HashMap<>();
        Set<String> sequenceNumbers = new HashSet<>();
        int serviceDeletes = 0;
        for (Record r : records) {
            if (!sequenceNumbers.add(r.dynamodb().sequenceNumber())) {
                problems.add("sequence number " + r.dynamodb().sequenceNumber() + " appears twice");
            }
            String pk = r.dynamodb().keys().get("pk").s();
            Map<String, AttributeValue> before = replayed.get(pk);
            Map<String, AttributeValue> old = r.dynamodb().hasOldImage() ? r.dynamodb().oldImage() : null;
            if (!Objects.equals(before, old)) {
                problems.add("stream record " + r.dynamodb().sequenceNumber() + " (" + r.eventNameAsString() + " " + pk
                        + ") has old image " + tag(old) + " but the replay holds " + tag(before));
            }
            if (r.userIdentity() != null && "Service".equals(r.userIdentity().type())) {
                serviceDeletes++;
            }
            switch (r.eventName()) {
                case INSERT, MODIFY -> replayed.put(pk, r.dynamodb().newImage());
                case REMOVE -> replayed.remove(pk);
                default -> problems.add("unknown event " + r.eventNameAsString());
            }
        }
        if (!replayed.equals(base)) {
            Set<String> differing = new HashSet<>(replayed.keySet());
            differing.addAll(base.keySet());
            differing.removeIf(k -> Objects.equals(replayed.get(k), base.get(k)));
            List<String> sample = differing.stream().sorted().limit(5)
                    .map(k -> k + ": stream " + tag(replayed.get(k)) + ", table " + tag(base.get(k))).toList();
            problems.add("the stream replays to a different table at " + differing.size() + " keys, e.g. " + sample);
        }
        return new Result(base.size(), index.size(), records.size(), serviceDeletes, problems);
    }

    /** Each base item with the index key is in the index, whole (projection ALL); nothing else is. */
    static void compareIndex(Map<String, Map<String, AttributeValue>> base, Map<String, Map<String, AttributeValue>> index,
            String gsi, String gsiKey, List<String> problems) {
        Map<String, Map<String, AttributeValue>> expected = new HashMap<>();
        base.forEach((pk, item) -> {
            if (item.containsKey(gsiKey)) {
                expected.put(pk, item);
            }
        });
        if (!expected.equals(index)) {
            Set<String> differing = new HashSet<>(expected.keySet());
            differing.addAll(index.keySet());
            differing.removeIf(k -> Objects.equals(expected.get(k), index.get(k)));
            List<String> sample = differing.stream().sorted().limit(5)
                    .map(k -> k + ": table " + tag(expected.get(k)) + ", " + gsi + " " + tag(index.get(k))).toList();
            problems.add(gsi + " differs from the base table at " + differing.size() + " keys, e.g. " + sample);
        }
    }

    private static String tag(Map<String, AttributeValue> item) {
        if (item == null) {
            return "nothing";
        }
        AttributeValue tag = item.get("tag");
        return tag == null ? item.toString() : tag.s() + (item.containsKey("grp") ? "/" + item.get("grp").s() : "");
    }
}
