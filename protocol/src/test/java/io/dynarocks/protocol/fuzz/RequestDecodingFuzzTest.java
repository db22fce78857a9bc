package io.dynarocks.protocol.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dynarocks.protocol.operation.BatchExecuteStatementRequest;
import io.dynarocks.protocol.operation.BatchGetItemRequest;
import io.dynarocks.protocol.operation.BatchWriteItemRequest;
import io.dynarocks.protocol.operation.CreateTableRequest;
import io.dynarocks.protocol.operation.DeleteItemRequest;
import io.dynarocks.protocol.operation.ExecuteStatementRequest;
import io.dynarocks.protocol.operation.ExecuteTransactionRequest;
import io.dynarocks.protocol.operation.GetItemRequest;
import io.dynarocks.protocol.operation.ListTablesRequest;
import io.dynarocks.protocol.operation.PutItemRequest;
import io.dynarocks.protocol.operation.QueryRequest;
import io.dynarocks.protocol.operation.ScanRequest;
import io.dynarocks.protocol.operation.SearchVectorsRequest;
import io.dynarocks.protocol.operation.TableNameRequest;
import io.dynarocks.protocol.operation.TagsRequest;
import io.dynarocks.protocol.operation.TransactGetItemsRequest;
import io.dynarocks.protocol.operation.TransactWriteItemsRequest;
import io.dynarocks.protocol.operation.UpdateItemRequest;
import io.dynarocks.protocol.operation.UpdateTableRequest;
import io.dynarocks.protocol.operation.UpdateTimeToLiveRequest;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the JSON request decoding of every action: whatever the bytes, the decoder
 * returns a request or refuses it with DynamoDB's SerializationException or ValidationException.
 */
class RequestDecodingFuzzTest {

    private static final List<Function<byte[], ?>> DECODERS = List.of(CreateTableRequest::decode,
            TableNameRequest::decode, ListTablesRequest::decode, UpdateTableRequest::decode, PutItemRequest::decode,
            GetItemRequest::decode, DeleteItemRequest::decode, UpdateItemRequest::decode,
            TransactWriteItemsRequest::decode, TransactGetItemsRequest::decode, QueryRequest::decode,
            ScanRequest::decode, BatchGetItemRequest::decode, BatchWriteItemRequest::decode,
            ExecuteStatementRequest::decode, BatchExecuteStatementRequest::decode, ExecuteTransactionRequest::decode,
            UpdateTimeToLiveRequest::decode, SearchVectorsRequest::decode, TagsRequest::decodeTagResource,
            TagsRequest::decodeUntagResource, TagsRequest::decodeListTags);

    private static final Set<String> REFUSALS = Set.of("SerializationException", "ValidationException");

    /** The first byte picks the action whose decoder gets the rest of the input as its body. */
    @DictionaryEntries({"{", "}", "[", "]", ":", ",", "\"", "null", "true", "false", "0", "-1", "1e400",
            "\"TableName\":\"t\"", "\"Item\":", "\"Key\":", "{\"S\":\"x\"}", "{\"N\":\"1\"}", "{\"B\":\"AA==\"}",
            "{\"SS\":[\"a\"]}", "{\"NS\":[\"1\"]}", "{\"BS\":[\"AA==\"]}", "{\"M\":{}}", "{\"L\":[]}",
            "{\"BOOL\":true}", "{\"NULL\":true}", "\"ConditionExpression\":", "\"UpdateExpression\":",
            "\"ExpressionAttributeNames\":", "\"ExpressionAttributeValues\":", "\"KeyConditionExpression\":",
            "\"ProjectionExpression\":", "\"FilterExpression\":", "\"ReturnValues\":\"ALL_NEW\"", "\"Limit\":",
            "\"ExclusiveStartKey\":", "\"RequestItems\":", "\"TransactItems\":", "\"Put\":", "\"Update\":",
            "\"Delete\":", "\"ConditionCheck\":", "\"Statement\":", "\"Parameters\":", "\"Statements\":",
            "\"KeySchema\":", "\"AttributeDefinitions\":", "\"AttributeName\":", "\"KeyType\":\"HASH\"",
            "\"AttributeType\":\"S\"", "\"GlobalSecondaryIndexes\":", "\"Projection\":", "\"Expected\":",
            "\"AttributeUpdates\":", "\"KeyConditions\":", "\"ComparisonOperator\":\"EQ\"", "\"AttributeValueList\":",
            "\"Segment\":", "\"TotalSegments\":", "\"TimeToLiveSpecification\":", "\"Tags\":", "\"ResourceArn\":"})
    @Timeout(10)
    @FuzzTest(maxDuration = "10s")
    void bodiesAreDecodedOrRefusedWithDocumentedErrors(FuzzedDataProvider data) {
        Function<byte[], ?> decoder = DECODERS.get(data.consumeInt(0, DECODERS.size() - 1));
        byte[] body = data.consumeRemainingAsBytes();
        FuzzChecks.onlyClientErrors(() -> decoder.apply(body), REFUSALS);
    }
}
