package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.json.AttributeValueJson;
import io.dynarocks.protocol.expression.legacy.AttributeValueUpdate;
import io.dynarocks.protocol.expression.legacy.ExpectedAttributeValue;
import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.json.LegacyJson;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The members that item requests share, read once here so each request record just picks its own. */
final class ItemMembers {
    String tableName;
    Map<String, AttributeValue> item;
    Map<String, AttributeValue> key;
    String conditionExpression;
    String updateExpression;
    String projectionExpression;
    Map<String, String> names;
    Map<String, AttributeValue> values;
    List<String> attributesToGet;
    Boolean consistentRead;
    String returnValues;
    String returnConsumedCapacity;
    String returnItemCollectionMetrics;
    String returnValuesOnConditionCheckFailure;
    String conditionalOperator;
    Map<String, ExpectedAttributeValue> expected;
    Map<String, AttributeValueUpdate> attributeUpdates;

    static ItemMembers read(byte[] body) {
        ItemMembers m = new ItemMembers();
        JsonReader.readBody(body, m::field);
        return m;
    }

    /** Reads the members of a nested object, e.g. one action of a transaction. */
    static ItemMembers read(JsonReader r) throws IOException {
        ItemMembers m = new ItemMembers();
        r.readObject(m::field);
        return m;
    }

    private void field(String name, JsonReader r) throws IOException {
        switch (name) {
            case "TableName" -> tableName = r.readString();
            case "Item" -> item = AttributeValueJson.readItem(r);
            case "Key" -> key = AttributeValueJson.readItem(r);
            case "ConditionExpression" -> conditionExpression = r.readString();
            case "UpdateExpression" -> updateExpression = r.readString();
            case "ProjectionExpression" -> projectionExpression = r.readString();
            case "ExpressionAttributeNames" -> names = Members.names(r);
            case "ExpressionAttributeValues" -> values = AttributeValueJson.readExpressionValues(r);
            case "AttributesToGet" -> attributesToGet = Members.strings(r);
            case "ConsistentRead" -> consistentRead = r.readBoolean();
            case "ReturnValues" -> returnValues = r.readString();
            case "ReturnConsumedCapacity" -> returnConsumedCapacity = r.readString();
            case "ReturnItemCollectionMetrics" -> returnItemCollectionMetrics = r.readString();
            case "ReturnValuesOnConditionCheckFailure" -> returnValuesOnConditionCheckFailure = r.readString();
            case "ConditionalOperator" -> conditionalOperator = r.readString();
            case "Expected" -> expected = LegacyJson.expected(r);
            case "AttributeUpdates" -> attributeUpdates = LegacyJson.attributeUpdates(r);
            default -> r.skip();
        }
    }

    /** Constraints every item request shares. */
    Constraints constraints() {
        Constraints c = new Constraints();
        c.tableName(tableName, "tableName");
        c.oneOf(returnConsumedCapacity, "returnConsumedCapacity", "INDEXES", "TOTAL", "NONE");
        c.oneOf(returnItemCollectionMetrics, "returnItemCollectionMetrics", "SIZE", "NONE");
        c.oneOf(returnValuesOnConditionCheckFailure, "returnValuesOnConditionCheckFailure", "ALL_OLD", "NONE");
        c.oneOf(conditionalOperator, "conditionalOperator", "AND", "OR");
        return c;
    }

    ExpressionParameters expressionParameters() {
        return new ExpressionParameters(names, values);
    }

    LegacyConditional legacyConditional() {
        return new LegacyConditional(expected, conditionalOperator);
    }
}
