package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.json.AttributeValueJson;
import io.dynarocks.protocol.json.JsonReader;
import java.util.List;
import java.util.Map;

/** SearchVectors' request: the nearest neighbours of {@code searchVector} in a vector index. */
public record SearchVectorsRequest(
        String tableName,
        String indexName,
        List<AttributeValue> searchVector,
        Integer topK,
        String searchConditionExpression,
        String projectionExpression,
        ExpressionParameters expressionParameters,
        String returnConsumedCapacity) {

    /** DynamoDB's range of TopK. */
    public static final int MAX_TOP_K = 100;

    public static SearchVectorsRequest decode(byte[] body) {
        var f = new Object() {
            String tableName;
            String indexName;
            List<AttributeValue> vector;
            Integer topK;
            String condition;
            String projection;
            Map<String, String> names;
            Map<String, AttributeValue> values;
            String capacity;
        };
        JsonReader.readBody(body, (name, r) -> {
            switch (name) {
                case "TableName" -> f.tableName = r.readString();
                case "IndexName" -> f.indexName = r.readString();
                case "SearchVector" -> f.vector = r.readList(AttributeValueJson::read);
                case "TopK" -> f.topK = r.readInt();
                case "SearchConditionExpression" -> f.condition = r.readString();
                case "ProjectionExpression" -> f.projection = r.readString();
                case "ExpressionAttributeNames" -> f.names = Members.names(r);
                case "ExpressionAttributeValues" -> f.values = AttributeValueJson.readItem(r);
                case "ReturnConsumedCapacity" -> f.capacity = r.readString();
                default -> r.skip();
            }
        });
        Constraints c = new Constraints();
        c.tableName(f.tableName, "tableName");
        c.tableName(f.indexName, "indexName");
        c.notNull(f.vector, "searchVector");
        c.size(f.vector, 1, Integer.MAX_VALUE, "searchVector");
        c.notNull(f.topK, "topK");
        c.oneOf(f.capacity, "returnConsumedCapacity", "INDEXES", "TOTAL", "NONE");
        c.check();
        if (f.topK < 1 || f.topK > MAX_TOP_K) {
            throw io.dynarocks.protocol.DynamoException.validation("Provided TopK value is out of valid range");
        }
        return new SearchVectorsRequest(f.tableName, f.indexName, f.vector, f.topK, f.condition, f.projection,
                new ExpressionParameters(f.names, f.values), f.capacity);
    }

    /** Whether the response reports consumed capacity. */
    public boolean returnsCapacity() {
        return "TOTAL".equals(returnConsumedCapacity) || "INDEXES".equals(returnConsumedCapacity);
    }
}
