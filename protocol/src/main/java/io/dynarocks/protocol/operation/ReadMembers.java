package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.expression.legacy.LegacyCondition;
import io.dynarocks.protocol.json.AttributeValueJson;
import io.dynarocks.protocol.json.JsonReader;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The members Query and Scan share, read once here so each request record picks its own. */
final class ReadMembers {
    String tableName;
    String indexName;
    String keyConditionExpression;
    Map<String, LegacyCondition> keyConditions;
    String filterExpression;
    Map<String, LegacyCondition> legacyFilter;
    String conditionalOperator;
    String projectionExpression;
    List<String> attributesToGet;
    String select;
    Integer limit;
    Boolean consistentRead;
    Boolean scanIndexForward;
    Map<String, AttributeValue> exclusiveStartKey;
    Map<String, String> names;
    Map<String, AttributeValue> values;
    String returnConsumedCapacity;
    Integer segment;
    Integer totalSegments;
    private String filterMember;

    static ReadMembers read(byte[] body, String filterMember) {
        ReadMembers m = new ReadMembers();
        m.filterMember = filterMember;
        JsonReader.readBody(body, (name, r) -> m.field(name, r, filterMember));
        return m;
    }

    private void field(String name, JsonReader r, String filterMember) throws IOException {
        if (name.equals(filterMember)) {
            legacyFilter = conditions(r);
            return;
        }
        switch (name) {
            case "TableName" -> tableName = r.readString();
            case "IndexName" -> indexName = r.readString();
            case "KeyConditionExpression" -> keyConditionExpression = r.readString();
            case "KeyConditions" -> keyConditions = conditions(r);
            case "FilterExpression" -> filterExpression = r.readString();
            case "ConditionalOperator" -> conditionalOperator = r.readString();
            case "ProjectionExpression" -> projectionExpression = r.readString();
            case "AttributesToGet" -> attributesToGet = Members.strings(r);
            case "Select" -> select = r.readString();
            case "Limit" -> limit = r.readInt();
            case "ConsistentRead" -> consistentRead = r.readBoolean();
            case "ScanIndexForward" -> scanIndexForward = r.readBoolean();
            case "ExclusiveStartKey" -> exclusiveStartKey = AttributeValueJson.readItem(r);
            case "ExpressionAttributeNames" -> names = Members.names(r);
            case "ExpressionAttributeValues" -> values = AttributeValueJson.readExpressionValues(r);
            case "ReturnConsumedCapacity" -> returnConsumedCapacity = r.readString();
            case "Segment" -> segment = r.readInt();
            case "TotalSegments" -> totalSegments = r.readInt();
            default -> r.skip();
        }
    }

    /** A map of legacy conditions ({@code KeyConditions}, {@code QueryFilter}, {@code ScanFilter}). */
    static Map<String, LegacyCondition> conditions(JsonReader r) throws IOException {
        return r.readMap(v -> {
            Object[] f = new Object[2];
            v.readObject((n, c) -> {
                switch (n) {
                    case "ComparisonOperator" -> f[0] = c.readString();
                    case "AttributeValueList" -> f[1] = c.readList(AttributeValueJson::read);
                    default -> c.skip();
                }
            });
            @SuppressWarnings("unchecked")
            List<AttributeValue> list = (List<AttributeValue>) f[1];
            return new LegacyCondition((String) f[0], list);
        });
    }

    /** Constraints Query and Scan share. */
    Constraints constraints() {
        Constraints c = new Constraints();
        c.tableName(tableName, "tableName");
        if (indexName != null) {
            c.tableName(indexName, "indexName");
        }
        c.oneOf(returnConsumedCapacity, "returnConsumedCapacity", "INDEXES", "TOTAL", "NONE");
        c.oneOf(select, "select", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT");
        c.oneOf(conditionalOperator, "conditionalOperator", "AND", "OR");
        c.range(limit, 1, Integer.MAX_VALUE, "limit");
        c.size(attributesToGet, 1, Integer.MAX_VALUE, "attributesToGet");
        conditionConstraints(c, keyConditions, "keyConditions");
        conditionConstraints(c, legacyFilter, Character.toLowerCase(filterMember.charAt(0)) + filterMember.substring(1));
        return c;
    }

    private static void conditionConstraints(Constraints c, Map<String, LegacyCondition> conditions, String member) {
        if (conditions == null) {
            return;
        }
        conditions.forEach((attribute, condition) -> {
            String at = member + "." + attribute + ".member.comparisonOperator";
            c.notNull(condition.comparisonOperator(), at);
            c.oneOf(condition.comparisonOperator(), at, LegacyCondition.OPERATORS.toArray(String[]::new));
        });
    }

    ReadOptions options() {
        return new ReadOptions(tableName, indexName, filterExpression, legacyFilter, conditionalOperator,
                projectionExpression, attributesToGet, select, limit, Boolean.TRUE.equals(consistentRead),
                exclusiveStartKey, new ExpressionParameters(names, values), returnConsumedCapacity);
    }
}
