package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input never gets a 500: valid requests for every action, mutated (members replaced with null,
 * wrong JSON types, huge numbers, empty strings and objects, deep nesting; members dropped or added;
 * bodies truncated), sent over raw HTTP to a real server. Every answer must be a client error or a
 * success, never a 5xx or a dropped connection, and a rejected request must change no item.
 */
class RequestFuzzIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private static final long SEED = 20_261_130L;
    private static final int REQUESTS = 10_000;
    /** Failures listed before the run stops; raise it (-Dfuzz.maxFailures=300) to see every kind at once. */
    private static final int MAX_FAILURES_SHOWN = Integer.getInteger("fuzz.maxFailures", 25);
    /** Writes documents deeper than Jackson's default limit, to send the server bodies it must refuse. */
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(10_000).build())
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(10_000).build())
            .build());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final String DDB = "DynamoDB_20120810.";
    private static final String STREAMS = "DynamoDBStreams_20120810.";
    private static final String REPLICATION = "DynaRocksReplication_20191121.";
    private static final Set<String> WRITES = Set.of(DDB + "PutItem", DDB + "UpdateItem", DDB + "DeleteItem",
            DDB + "BatchWriteItem", DDB + "TransactWriteItems", DDB + "ExecuteStatement",
            DDB + "BatchExecuteStatement", DDB + "ExecuteTransaction");

    /** A valid request: its action and body. */
    private record Seed(String target, JsonNode body) {}

    private static final List<Seed> SEEDS = new ArrayList<>();

    @BeforeAll
    static void tables() throws IOException {
        try (RawHttp http = new RawHttp(SERVER.endpoint())) {
            ok(http, DDB + "CreateTable", """
                    {"TableName":"Fuzz","BillingMode":"PAY_PER_REQUEST",
                     "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},
                       {"AttributeName":"sk","AttributeType":"N"},{"AttributeName":"gpk","AttributeType":"S"},
                       {"AttributeName":"lsk","AttributeType":"S"}],
                     "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
                     "GlobalSecondaryIndexes":[{"IndexName":"ByG","KeySchema":[{"AttributeName":"gpk","KeyType":"HASH"},
                       {"AttributeName":"sk","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}],
                     "LocalSecondaryIndexes":[{"IndexName":"ByL","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},
                       {"AttributeName":"lsk","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}],
                     "StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"}}""");
            ok(http, DDB + "CreateTable", """
                    {"TableName":"FuzzHash","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
                     "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
                     "ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":5}}""");
            ok(http, DDB + "CreateTable", """
                    {"TableName":"FuzzVec","BillingMode":"PAY_PER_REQUEST",
                     "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
                     "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
                     "VectorIndexes":[{"IndexName":"vec-idx","VectorAttribute":{"AttributeName":"v"},"Dimensions":2,
                       "DistanceFunction":"EUCLIDEAN","Projection":{"ProjectionType":"ALL"}}]}""");
            ok(http, DDB + "PutItem", "{\"TableName\":\"FuzzVec\",\"Item\":{\"pk\":{\"S\":\"v1\"},"
                    + "\"v\":{\"L\":[{\"N\":\"1\"},{\"N\":\"0.5\"}]}}}");
            ok(http, DDB + "CreateTable", """
                    {"TableName":"FuzzScratch","BillingMode":"PAY_PER_REQUEST",
                     "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
                     "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]}""");
            for (int i = 0; i < 8; i++) {
                ok(http, DDB + "PutItem", "{\"TableName\":\"Fuzz\",\"Item\":" + item("p" + (i % 3), i) + "}");
                ok(http, DDB + "PutItem", "{\"TableName\":\"FuzzHash\",\"Item\":{\"pk\":{\"S\":\"h" + i
                        + "\"},\"n\":{\"N\":\"" + i + "\"},\"l\":{\"L\":[{\"S\":\"x\"},{\"N\":\"1\"}]}}}");
            }
            String streamArn = JSON.readTree(ok(http, DDB + "DescribeTable", "{\"TableName\":\"Fuzz\"}"))
                    .at("/Table/LatestStreamArn").asText();
            String shardId = JSON.readTree(ok(http, STREAMS + "DescribeStream", "{\"StreamArn\":\"" + streamArn + "\"}"))
                    .at("/StreamDescription/Shards/0/ShardId").asText();
            String iterator = JSON.readTree(ok(http, STREAMS + "GetShardIterator", "{\"StreamArn\":\"" + streamArn
                    + "\",\"ShardId\":\"" + shardId + "\",\"ShardIteratorType\":\"TRIM_HORIZON\"}"))
                    .get("ShardIterator").asText();
            String sequence = JSON.readTree(ok(http, STREAMS + "GetRecords", "{\"ShardIterator\":\"" + iterator + "\"}"))
                    .at("/Records/0/dynamodb/SequenceNumber").asText();
            String scratchArn = JSON.readTree(ok(http, DDB + "DescribeTable", "{\"TableName\":\"FuzzScratch\"}"))
                    .at("/Table/TableArn").asText();
            String backupArn = JSON.readTree(ok(http, DDB + "CreateBackup",
                    "{\"TableName\":\"FuzzScratch\",\"BackupName\":\"kept\"}")).at("/BackupDetails/BackupArn").asText();
            String doomedArn = JSON.readTree(ok(http, DDB + "CreateBackup",
                    "{\"TableName\":\"FuzzScratch\",\"BackupName\":\"doomed\"}")).at("/BackupDetails/BackupArn").asText();
            ok(http, DDB + "UpdateContinuousBackups", "{\"TableName\":\"Fuzz\",\"PointInTimeRecoverySpecification\":"
                    + "{\"PointInTimeRecoveryEnabled\":true}}");
            String fuzzArn = JSON.readTree(ok(http, DDB + "DescribeTable", "{\"TableName\":\"Fuzz\"}"))
                    .at("/Table/TableArn").asText();
            String exportArn = JSON.readTree(ok(http, DDB + "ExportTableToPointInTime", "{\"TableArn\":\"" + fuzzArn
                    + "\",\"S3Bucket\":\"fuzz-bucket\"}")).at("/ExportDescription/ExportArn").asText();
            String importArn = JSON.readTree(ok(http, DDB + "ImportTable", importRequest("FuzzImported")))
                    .at("/ImportTableDescription/ImportArn").asText();
            seeds(streamArn, shardId, iterator, sequence, scratchArn);
            backupSeeds(backupArn, doomedArn);
            exportSeeds(fuzzArn, exportArn, importArn, scratchArn);
        }
    }

    /** A Fuzz item with every attribute type. */
    private static String item(String pk, int sk) {
        return "{\"pk\":{\"S\":\"" + pk + "\"},\"sk\":{\"N\":\"" + sk + "\"},\"gpk\":{\"S\":\"g" + (sk % 2)
                + "\"},\"lsk\":{\"S\":\"l" + sk + "\"},\"n\":{\"N\":\"" + (sk * 1.5) + "\"},\"b\":{\"B\":\"AQID\"},"
                + "\"ss\":{\"SS\":[\"a\",\"b\"]},\"ns\":{\"NS\":[\"1\",\"2\"]},\"bs\":{\"BS\":[\"AQ==\",\"Ag==\"]},"
                + "\"t\":{\"BOOL\":true},\"z\":{\"NULL\":true},"
                + "\"m\":{\"M\":{\"a\":{\"L\":[{\"S\":\"x\"},{\"M\":{\"b\":{\"N\":\"2\"}}}]},\"c\":{\"S\":\"y\"}}}}";
    }

    private static void seed(String target, String body) {
        try {
            SEEDS.add(new Seed(target, JSON.readTree(body)));
        } catch (IOException e) {
            throw new IllegalArgumentException(body, e);
        }
    }

    private static void seeds(String streamArn, String shardId, String iterator, String sequence, String scratchArn) {
        String key = "{\"pk\":{\"S\":\"p1\"},\"sk\":{\"N\":\"1\"}}";
        seed(DDB + "CreateTable", """
                {"TableName":"FuzzNew","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},
                 {"AttributeName":"g","AttributeType":"N"},{"AttributeName":"r","AttributeType":"B"}],
                 "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"r","KeyType":"RANGE"}],
                 "ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1},
                 "GlobalSecondaryIndexes":[{"IndexName":"Gsi","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],
                   "Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["a","b"]},
                   "ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}}],
                 "LocalSecondaryIndexes":[{"IndexName":"Lsi","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},
                   {"AttributeName":"g","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}],
                 "StreamSpecification":{"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"},
                 "Tags":[{"Key":"k","Value":"v"}],"TableClass":"STANDARD","DeletionProtectionEnabled":false}""");
        seed(DDB + "DescribeTable", "{\"TableName\":\"Fuzz\"}");
        seed(DDB + "DeleteTable", "{\"TableName\":\"FuzzGone\"}");
        seed(DDB + "ListTables", "{\"ExclusiveStartTableName\":\"Fuzz\",\"Limit\":5}");
        seed(DDB + "UpdateTable", """
                {"TableName":"FuzzScratch","AttributeDefinitions":[{"AttributeName":"g2","AttributeType":"S"}],
                 "GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"Gsi2","KeySchema":[{"AttributeName":"g2",
                 "KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}}]}""");
        seed(DDB + "UpdateTable", "{\"TableName\":\"FuzzScratch\",\"GlobalSecondaryIndexUpdates\":[{\"Delete\":"
                + "{\"IndexName\":\"Nope\"}},{\"Update\":{\"IndexName\":\"Gsi2\",\"ProvisionedThroughput\":"
                + "{\"ReadCapacityUnits\":1,\"WriteCapacityUnits\":1}}}]}");
        seed(DDB + "UpdateTable", "{\"TableName\":\"FuzzHash\",\"BillingMode\":\"PROVISIONED\","
                + "\"ProvisionedThroughput\":{\"ReadCapacityUnits\":6,\"WriteCapacityUnits\":7},"
                + "\"StreamSpecification\":{\"StreamEnabled\":true,\"StreamViewType\":\"NEW_IMAGE\"}}");
        seed(DDB + "DescribeLimits", "{}");
        seed(DDB + "SearchVectors", "{\"TableName\":\"FuzzVec\",\"IndexName\":\"vec-idx\",\"SearchVector\":"
                + "[{\"N\":\"1\"},{\"N\":\"0\"}],\"TopK\":3,\"ProjectionExpression\":\"pk, #v\","
                + "\"ExpressionAttributeNames\":{\"#v\":\"v\"},\"ReturnConsumedCapacity\":\"TOTAL\"}");
        seed(DDB + "DescribeEndpoints", "{}");
        seed(DDB + "PutItem", "{\"TableName\":\"Fuzz\",\"Item\":" + item("p1", 1) + ","
                + "\"ConditionExpression\":\"attribute_exists(#p) AND (size(m.a) < :n OR begins_with(lsk, :s))\","
                + "\"ExpressionAttributeNames\":{\"#p\":\"pk\"},\"ExpressionAttributeValues\":{\":n\":{\"N\":\"5\"},"
                + "\":s\":{\"S\":\"l\"}},\"ReturnValues\":\"ALL_OLD\",\"ReturnConsumedCapacity\":\"INDEXES\","
                + "\"ReturnItemCollectionMetrics\":\"SIZE\",\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}");
        seed(DDB + "PutItem", "{\"TableName\":\"FuzzHash\",\"Item\":{\"pk\":{\"S\":\"h1\"},\"n\":{\"N\":\"3\"}},"
                + "\"Expected\":{\"n\":{\"ComparisonOperator\":\"GE\",\"AttributeValueList\":[{\"N\":\"0\"}]},"
                + "\"q\":{\"Exists\":false}},\"ConditionalOperator\":\"AND\"}");
        seed(DDB + "GetItem", "{\"TableName\":\"Fuzz\",\"Key\":" + key + ",\"ProjectionExpression\":"
                + "\"#m.a[1].b, ss, pk\",\"ExpressionAttributeNames\":{\"#m\":\"m\"},\"ConsistentRead\":true,"
                + "\"ReturnConsumedCapacity\":\"TOTAL\"}");
        seed(DDB + "GetItem", "{\"TableName\":\"FuzzHash\",\"Key\":{\"pk\":{\"S\":\"h2\"}},"
                + "\"AttributesToGet\":[\"n\",\"l\"]}");
        seed(DDB + "UpdateItem", "{\"TableName\":\"Fuzz\",\"Key\":" + key + ",\"UpdateExpression\":"
                + "\"SET n = n + :one, m.c = if_not_exists(m.c, :s), lst = list_append(if_not_exists(lst, :e), :l) "
                + "REMOVE z ADD ns :ns DELETE ss :ss\",\"ConditionExpression\":\"attribute_type(n, :tn) AND ns <> :ns\","
                + "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"},\":s\":{\"S\":\"v\"},\":e\":{\"L\":[]},"
                + "\":l\":{\"L\":[{\"N\":\"1\"}]},\":ns\":{\"NS\":[\"3\"]},\":ss\":{\"SS\":[\"zz\"]},"
                + "\":tn\":{\"S\":\"N\"}},\"ReturnValues\":\"UPDATED_NEW\"}");
        seed(DDB + "UpdateItem", "{\"TableName\":\"FuzzHash\",\"Key\":{\"pk\":{\"S\":\"h3\"}},"
                + "\"AttributeUpdates\":{\"n\":{\"Action\":\"ADD\",\"Value\":{\"N\":\"2\"}},\"x\":{\"Action\":\"PUT\","
                + "\"Value\":{\"SS\":[\"q\"]}},\"l\":{\"Action\":\"DELETE\"}},\"Expected\":{\"n\":{\"Value\":{\"N\":\"3\"},"
                + "\"Exists\":true}},\"ReturnValues\":\"ALL_NEW\"}");
        seed(DDB + "DeleteItem", "{\"TableName\":\"Fuzz\",\"Key\":{\"pk\":{\"S\":\"p2\"},\"sk\":{\"N\":\"2\"}},"
                + "\"ConditionExpression\":\"contains(ss, :a) OR NOT attribute_exists(b)\","
                + "\"ExpressionAttributeValues\":{\":a\":{\"S\":\"a\"}},\"ReturnValues\":\"ALL_OLD\"}");
        seed(DDB + "DeleteItem", "{\"TableName\":\"FuzzHash\",\"Key\":{\"pk\":{\"S\":\"h7\"}},"
                + "\"Expected\":{\"n\":{\"ComparisonOperator\":\"BETWEEN\",\"AttributeValueList\":[{\"N\":\"0\"},"
                + "{\"N\":\"100\"}]}}}");
        seed(DDB + "Query", "{\"TableName\":\"Fuzz\",\"KeyConditionExpression\":\"pk = :p AND sk BETWEEN :a AND :b\","
                + "\"FilterExpression\":\"n >= :z AND attribute_exists(m.a[0])\",\"ProjectionExpression\":\"pk, sk, m\","
                + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"p1\"},\":a\":{\"N\":\"0\"},\":b\":{\"N\":\"9\"},"
                + "\":z\":{\"N\":\"0\"}},\"Limit\":3,\"ScanIndexForward\":false,\"ExclusiveStartKey\":"
                + "{\"pk\":{\"S\":\"p1\"},\"sk\":{\"N\":\"7\"}},\"ReturnConsumedCapacity\":\"INDEXES\"}");
        seed(DDB + "Query", "{\"TableName\":\"Fuzz\",\"IndexName\":\"ByG\",\"KeyConditionExpression\":"
                + "\"gpk = :g AND sk > :s\",\"ExpressionAttributeValues\":{\":g\":{\"S\":\"g1\"},\":s\":{\"N\":\"0\"}},"
                + "\"Select\":\"COUNT\"}");
        seed(DDB + "Query", "{\"TableName\":\"Fuzz\",\"IndexName\":\"ByL\",\"KeyConditions\":{\"pk\":"
                + "{\"ComparisonOperator\":\"EQ\",\"AttributeValueList\":[{\"S\":\"p0\"}]},\"lsk\":"
                + "{\"ComparisonOperator\":\"BEGINS_WITH\",\"AttributeValueList\":[{\"S\":\"l\"}]}},"
                + "\"QueryFilter\":{\"n\":{\"ComparisonOperator\":\"GT\",\"AttributeValueList\":[{\"N\":\"1\"}]}},"
                + "\"Select\":\"ALL_ATTRIBUTES\",\"ConsistentRead\":true}");
        seed(DDB + "Scan", "{\"TableName\":\"Fuzz\",\"FilterExpression\":\"size(ss) > :one OR n IN (:one, :two)\","
                + "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"},\":two\":{\"N\":\"2\"}},"
                + "\"Segment\":0,\"TotalSegments\":2,\"Limit\":4}");
        seed(DDB + "Scan", "{\"TableName\":\"FuzzHash\",\"ScanFilter\":{\"n\":{\"ComparisonOperator\":\"BETWEEN\","
                + "\"AttributeValueList\":[{\"N\":\"1\"},{\"N\":\"5\"}]},\"l\":{\"ComparisonOperator\":\"NOT_NULL\"}},"
                + "\"ConditionalOperator\":\"OR\",\"AttributesToGet\":[\"pk\",\"n\"],\"ExclusiveStartKey\":"
                + "{\"pk\":{\"S\":\"h1\"}}}");
        seed(DDB + "BatchGetItem", "{\"RequestItems\":{\"Fuzz\":{\"Keys\":[" + key + ",{\"pk\":{\"S\":\"p0\"},"
                + "\"sk\":{\"N\":\"0\"}}],\"ProjectionExpression\":\"#n, pk\",\"ExpressionAttributeNames\":"
                + "{\"#n\":\"n\"},\"ConsistentRead\":true},\"FuzzHash\":{\"Keys\":[{\"pk\":{\"S\":\"h1\"}}],"
                + "\"AttributesToGet\":[\"n\"]}},\"ReturnConsumedCapacity\":\"TOTAL\"}");
        seed(DDB + "BatchWriteItem", "{\"RequestItems\":{\"Fuzz\":[{\"PutRequest\":{\"Item\":" + item("p2", 2)
                + "}},{\"DeleteRequest\":{\"Key\":{\"pk\":{\"S\":\"p0\"},\"sk\":{\"N\":\"3\"}}}}],\"FuzzHash\":"
                + "[{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"h7\"},\"n\":{\"N\":\"7\"}}}}]},"
                + "\"ReturnConsumedCapacity\":\"INDEXES\",\"ReturnItemCollectionMetrics\":\"SIZE\"}");
        seed(DDB + "TransactWriteItems", "{\"TransactItems\":[{\"Put\":{\"TableName\":\"Fuzz\",\"Item\":"
                + item("p0", 3) + ",\"ConditionExpression\":\"attribute_not_exists(pk) OR sk = :s\","
                + "\"ExpressionAttributeValues\":{\":s\":{\"N\":\"3\"}}}},{\"Update\":{\"TableName\":\"FuzzHash\","
                + "\"Key\":{\"pk\":{\"S\":\"h4\"}},\"UpdateExpression\":\"SET n = :v\",\"ExpressionAttributeValues\":"
                + "{\":v\":{\"N\":\"4\"}}}},{\"Delete\":{\"TableName\":\"FuzzHash\",\"Key\":{\"pk\":{\"S\":\"h9\"}}}},"
                + "{\"ConditionCheck\":{\"TableName\":\"Fuzz\",\"Key\":" + key + ",\"ConditionExpression\":"
                + "\"attribute_exists(pk)\",\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}}],"
                + "\"ClientRequestToken\":\"token-1\",\"ReturnConsumedCapacity\":\"TOTAL\"}");
        seed(DDB + "TransactGetItems", "{\"TransactItems\":[{\"Get\":{\"TableName\":\"Fuzz\",\"Key\":" + key
                + ",\"ProjectionExpression\":\"pk, #s\",\"ExpressionAttributeNames\":{\"#s\":\"sk\"}}},"
                + "{\"Get\":{\"TableName\":\"FuzzHash\",\"Key\":{\"pk\":{\"S\":\"h1\"}}}}]}");
        seed(DDB + "UpdateTimeToLive", "{\"TableName\":\"FuzzScratch\",\"TimeToLiveSpecification\":"
                + "{\"Enabled\":true,\"AttributeName\":\"ttl\"}}");
        seed(DDB + "DescribeTimeToLive", "{\"TableName\":\"FuzzScratch\"}");
        seed(DDB + "TagResource", "{\"ResourceArn\":\"" + scratchArn + "\",\"Tags\":[{\"Key\":\"a\",\"Value\":\"b\"}]}");
        seed(DDB + "UntagResource", "{\"ResourceArn\":\"" + scratchArn + "\",\"TagKeys\":[\"a\",\"c\"]}");
        seed(DDB + "ListTagsOfResource", "{\"ResourceArn\":\"" + scratchArn + "\",\"NextToken\":\"0\"}");
        seed(STREAMS + "ListStreams", "{\"TableName\":\"Fuzz\",\"Limit\":5,\"ExclusiveStartStreamArn\":\""
                + streamArn + "\"}");
        seed(STREAMS + "DescribeStream", "{\"StreamArn\":\"" + streamArn + "\",\"Limit\":10,"
                + "\"ExclusiveStartShardId\":\"" + shardId + "\"}");
        seed(STREAMS + "GetShardIterator", "{\"StreamArn\":\"" + streamArn + "\",\"ShardId\":\"" + shardId
                + "\",\"ShardIteratorType\":\"AFTER_SEQUENCE_NUMBER\",\"SequenceNumber\":\"" + sequence + "\"}");
        seed(STREAMS + "GetRecords", "{\"ShardIterator\":\"" + iterator + "\",\"Limit\":10}");
        // The internal actions peer regions call: a server without peers refuses them all.
        seed(REPLICATION + "ApplyReplicatedChanges", "{\"TableName\":\"Fuzz\",\"SourceRegion\":\"eu-west-1\","
                + "\"Changes\":[{\"Keys\":" + key + ",\"Item\":" + item("p1", 1) + ",\"Timestamp\":1,"
                + "\"Region\":\"eu-west-1\",\"Deleted\":false,\"ServiceDelete\":false}]}");
        seed(REPLICATION + "UpdateReplicaSet", "{\"TableName\":\"Fuzz\",\"GlobalTableVersion\":\"2019.11.21\","
                + "\"Regions\":[\"us-east-1\",\"eu-west-1\"],\"CreationDateTime\":1}");
        seed(REPLICATION + "UpdateReplicaTimeToLive", "{\"TableName\":\"Fuzz\",\"TimeToLiveSpecification\":"
                + "{\"AttributeName\":\"expires\",\"Enabled\":true}}");
        seed(REPLICATION + "UpdateReplicaTable", "{\"TableName\":\"Fuzz\",\"ChangeTimestamp\":1,"
                + "\"ChangeRegion\":\"eu-west-1\",\"BillingMode\":\"PROVISIONED\","
                + "\"ProvisionedThroughput\":{\"ReadCapacityUnits\":5,\"WriteCapacityUnits\":5},"
                + "\"GlobalSecondaryIndexUpdates\":[{\"Delete\":{\"IndexName\":\"ByOther\"}}]}");
        legacyGlobalTableSeeds();
    }

    private static void legacyGlobalTableSeeds() {
        seed(DDB + "CreateGlobalTable", "{\"GlobalTableName\":\"FuzzGlobal\",\"ReplicationGroup\":"
                + "[{\"RegionName\":\"us-east-1\"}]}");
        seed(DDB + "UpdateGlobalTable", "{\"GlobalTableName\":\"FuzzGlobal\",\"ReplicaUpdates\":"
                + "[{\"Create\":{\"RegionName\":\"eu-west-1\"}},{\"Delete\":{\"RegionName\":\"us-west-2\"}}]}");
        seed(DDB + "DescribeGlobalTable", "{\"GlobalTableName\":\"FuzzGlobal\"}");
        seed(DDB + "ListGlobalTables", "{\"ExclusiveStartGlobalTableName\":\"A\",\"Limit\":5,"
                + "\"RegionName\":\"us-east-1\"}");
        seed(DDB + "DescribeGlobalTableSettings", "{\"GlobalTableName\":\"FuzzGlobal\"}");
        seed(DDB + "UpdateGlobalTableSettings", "{\"GlobalTableName\":\"FuzzGlobal\","
                + "\"GlobalTableBillingMode\":\"PROVISIONED\",\"GlobalTableProvisionedWriteCapacityUnits\":5,"
                + "\"ReplicaSettingsUpdate\":[{\"RegionName\":\"us-east-1\",\"ReplicaProvisionedReadCapacityUnits\":5}]}");
        seed(REPLICATION + "CheckReplicaTable", "{\"TableName\":\"FuzzScratch\",\"KeySchema\":\"pk HASH\","
                + "\"Indexes\":\"\"}");
        seed(REPLICATION + "DescribeReplicaSettings", "{\"GlobalTableName\":\"FuzzGlobal\"}");
        seed(REPLICATION + "UpdateReplicaSettings", "{\"TableName\":\"FuzzScratch\",\"BillingMode\":"
                + "\"PROVISIONED\",\"WriteCapacityUnits\":5,\"ReadCapacityUnits\":5,"
                + "\"IndexWriteCapacityUnits\":{\"ByG\":5},\"IndexReadCapacityUnits\":{\"ByG\":5}}");
    }

    private static void backupSeeds(String backupArn, String doomedArn) {
        seed(DDB + "ExecuteStatement", "{\"Statement\":\"SELECT pk, n FROM \\\"FuzzHash\\\" WHERE pk = ?\","
                + "\"Parameters\":[{\"S\":\"h1\"}],\"ConsistentRead\":true,\"Limit\":5}");
        seed(DDB + "ExecuteStatement", "{\"Statement\":\"UPDATE \\\"FuzzHash\\\" SET n = ? WHERE pk = ?\","
                + "\"Parameters\":[{\"N\":\"9\"},{\"S\":\"h5\"}],\"ReturnConsumedCapacity\":\"TOTAL\"}");
        seed(DDB + "CreateBackup", "{\"TableName\":\"FuzzScratch\",\"BackupName\":\"fuzz-backup\"}");
        seed(DDB + "DescribeBackup", "{\"BackupArn\":\"" + backupArn + "\"}");
        seed(DDB + "DeleteBackup", "{\"BackupArn\":\"" + doomedArn + "\"}");
        seed(DDB + "ListBackups", "{\"TableName\":\"FuzzScratch\",\"Limit\":5,\"BackupType\":\"USER\","
                + "\"TimeRangeLowerBound\":0,\"ExclusiveStartBackupArn\":\"" + backupArn + "\"}");
        seed(DDB + "RestoreTableFromBackup", "{\"TargetTableName\":\"FuzzRestored\",\"BackupArn\":\"" + backupArn
                + "\",\"BillingModeOverride\":\"PAY_PER_REQUEST\"}");
        seed(DDB + "UpdateContinuousBackups", "{\"TableName\":\"FuzzScratch\",\"PointInTimeRecoverySpecification\":"
                + "{\"PointInTimeRecoveryEnabled\":true,\"RecoveryPeriodInDays\":7}}");
        seed(DDB + "DescribeContinuousBackups", "{\"TableName\":\"FuzzScratch\"}");
        seed(DDB + "RestoreTableToPointInTime", "{\"SourceTableName\":\"FuzzScratch\",\"TargetTableName\":"
                + "\"FuzzPitr\",\"UseLatestRestorableTime\":true}");
    }

    private static String importRequest(String table) {
        return "{\"S3BucketSource\":{\"S3Bucket\":\"fuzz-bucket\"},\"InputFormat\":\"DYNAMODB_JSON\","
                + "\"InputCompressionType\":\"GZIP\",\"TableCreationParameters\":{\"TableName\":\"" + table + "\","
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],\"BillingMode\":\"PAY_PER_REQUEST\"}}";
    }

    private static void exportSeeds(String fuzzArn, String exportArn, String importArn, String scratchArn) {
        seed(DDB + "ExportTableToPointInTime", "{\"TableArn\":\"" + fuzzArn + "\",\"S3Bucket\":\"fuzz-bucket\","
                + "\"ExportFormat\":\"DYNAMODB_JSON\",\"ExportType\":\"FULL_EXPORT\"}");
        seed(DDB + "DescribeExport", "{\"ExportArn\":\"" + exportArn + "\"}");
        seed(DDB + "ListExports", "{\"TableArn\":\"" + fuzzArn + "\",\"MaxResults\":5}");
        seed(DDB + "ImportTable", importRequest("FuzzImportedAgain"));
        seed(DDB + "DescribeImport", "{\"ImportArn\":\"" + importArn + "\"}");
        seed(DDB + "ListImports", "{\"PageSize\":5}");
        seed(DDB + "PutResourcePolicy", "{\"ResourceArn\":\"" + scratchArn + "\",\"Policy\":\"{\\\"Version\\\":"
                + "\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":\\\"*\\\","
                + "\\\"Action\\\":\\\"dynamodb:GetItem\\\",\\\"Resource\\\":\\\"" + scratchArn + "\\\"}]}\"}");
        seed(DDB + "GetResourcePolicy", "{\"ResourceArn\":\"" + scratchArn + "\"}");
        seed(DDB + "DeleteResourcePolicy", "{\"ResourceArn\":\"" + scratchArn + "\"}");
        seed(DDB + "BatchExecuteStatement", "{\"Statements\":[{\"Statement\":\"UPDATE \\\"FuzzHash\\\" SET n = ? "
                + "WHERE pk = ?\",\"Parameters\":[{\"N\":\"4\"},{\"S\":\"h6\"}]},{\"Statement\":"
                + "\"DELETE FROM \\\"FuzzHash\\\" WHERE pk = 'h7'\"}],\"ReturnConsumedCapacity\":\"TOTAL\"}");
        seed(DDB + "ExecuteTransaction", "{\"TransactStatements\":[{\"Statement\":\"SELECT * FROM \\\"FuzzHash\\\" "
                + "WHERE pk = ?\",\"Parameters\":[{\"S\":\"h1\"}]},{\"Statement\":\"SELECT n FROM "
                + "\\\"FuzzHash\\\" WHERE pk = 'h2'\"}],\"ClientRequestToken\":\"fuzz-token\"}");
    }

    private static String ok(RawHttp http, String target, String body) throws IOException {
        RawHttp.Response r = http.post(target, body);
        assertThat(r.status()).as(target + " " + r.text()).isEqualTo(200);
        return r.text();
    }

    @Test
    void mutatedRequestsForEveryActionNeverGetA5xxNorChangeItemsWhenRejected() throws IOException {
        assertThat(SEEDS.stream().map(Seed::target)).as("a seed for every action").containsAll(SERVER.targets());
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        Map<String, Integer> statuses = new LinkedHashMap<>();
        RawHttp http = new RawHttp(SERVER.endpoint());
        String items = items(http);
        for (int i = 0; i < REQUESTS && failures.size() < MAX_FAILURES_SHOWN; i++) {
            Seed seed = SEEDS.get(random.nextInt(SEEDS.size()));
            byte[] body = mutate(seed.body(), random);
            RawHttp.Response r;
            try {
                r = http.post(seed.target(), body);
            } catch (IOException e) {
                failures.add("dropped connection: " + seed.target() + " " + show(body) + " (" + e.getMessage() + ")");
                http.close();
                http = new RawHttp(SERVER.endpoint());
                continue;
            }
            statuses.merge(seed.target().substring(seed.target().indexOf('.') + 1) + " " + r.status(), 1, Integer::sum);
            if (r.status() >= 500) {
                failures.add(r.status() + ": " + seed.target() + " " + show(body) + " -> " + r.text());
            }
            if ("close".equalsIgnoreCase(r.header("Connection"))) {
                http.close();
                http = new RawHttp(SERVER.endpoint());
            }
            if (WRITES.contains(seed.target())) {
                String after = items(http);
                if (r.status() != 200 && !after.equals(items)) {
                    failures.add("rejected request changed items: " + seed.target() + " " + show(body) + " -> "
                            + r.text());
                }
                items = after;
            }
        }
        http.close();
        assertThat(failures).as("answers per action and status: " + statuses).isEmpty();
        try (RawHttp fresh = new RawHttp(SERVER.endpoint())) {
            assertThat(fresh.post(DDB + "ListTables", "{}").status()).isEqualTo(200);
        }
    }

    /** Every item of the fuzzed tables: a Scan answers the same bytes as long as no item changed. */
    private static String items(RawHttp http) throws IOException {
        StringBuilder all = new StringBuilder();
        for (String table : new String[] {"Fuzz", "FuzzHash"}) {
            RawHttp.Response r = http.post(DDB + "Scan", "{\"TableName\":\"" + table + "\",\"ConsistentRead\":true}");
            assertThat(r.status()).isEqualTo(200);
            all.append(r.text());
        }
        return all.toString();
    }

    private static String show(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        return s.length() > 600 ? s.substring(0, 600) + "…(" + s.length() + " chars)" : s;
    }

    // ---- mutations ----

    private static byte[] mutate(JsonNode seed, Random random) throws IOException {
        JsonNode body = seed.deepCopy();
        int kind = random.nextInt(20);
        if (kind == 0) {
            byte[] whole = JSON.writeValueAsBytes(body);
            return java.util.Arrays.copyOf(whole, random.nextInt(whole.length));
        }
        if (kind == 1) {
            return JSON.writeValueAsBytes(junk(random));
        }
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            List<Slot> slots = new ArrayList<>();
            collect(body, slots);
            if (slots.isEmpty()) {
                break;
            }
            Slot slot = slots.get(random.nextInt(slots.size()));
            int op = random.nextInt(10);
            if (op == 0) {
                slot.remove();
            } else if (op == 1 && slot.value().isContainerNode()) {
                addMember((ContainerNode<?>) slot.value(), random);
            } else if (op == 2 && slot.value().isTextual()) {
                slot.set(NODES.textNode(textVariant(slot.value().asText(), random)));
            } else {
                slot.set(junk(random));
            }
        }
        return JSON.writeValueAsBytes(body);
    }

    /** A place in the tree that holds a value: an object member or an array element. */
    private record Slot(ContainerNode<?> parent, String field, int index) {
        JsonNode value() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode value) {
            if (field != null) {
                ((ObjectNode) parent).set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (field != null) {
                ((ObjectNode) parent).remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode o) {
            for (Iterator<String> names = o.fieldNames(); names.hasNext();) {
                String name = names.next();
                slots.add(new Slot(o, name, -1));
                collect(o.get(name), slots);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                slots.add(new Slot(a, null, i));
                collect(a.get(i), slots);
            }
        }
    }

    private static void addMember(ContainerNode<?> node, Random random) {
        if (node instanceof ObjectNode o) {
            String[] names = {"S", "N", "B", "M", "L", "NULL", "BOOL", "SS", "Value", "Exists", "ComparisonOperator",
                "AttributeValueList", "IndexName", "Select", "Limit", "ExclusiveStartKey", "Segment", "TotalSegments",
                "ProjectionExpression", "FilterExpression", "KeyConditionExpression", "ConditionExpression",
                "UpdateExpression", "ExpressionAttributeNames", "ExpressionAttributeValues", "AttributesToGet",
                "Expected", "QueryFilter", "ScanFilter", "KeyConditions", "AttributeUpdates", "ReturnValues", "x", ""};
            o.set(names[random.nextInt(names.length)], junk(random));
        } else if (node instanceof ArrayNode a) {
            a.add(junk(random));
        }
    }

    private static String textVariant(String text, Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> "";
            case 1 -> text + text;
            case 2 -> text.isEmpty() ? "x" : text.substring(0, random.nextInt(text.length()));
            case 3 -> "x".repeat(70_000);
            case 4 -> "1e999";
            case 5 -> text + " AND";
            case 6 -> "#undefined";
            case 7 -> ":undefined";
            default -> "((" + text;
        };
    }

    /** A value of the wrong kind for almost any member. */
    private static JsonNode junk(Random random) {
        switch (random.nextInt(22)) {
            case 0: return NODES.nullNode();
            case 1: return NODES.numberNode(5);
            case 2: return NODES.numberNode(-1);
            case 3: return NODES.numberNode(new java.math.BigDecimal("1e999"));
            case 4: return NODES.numberNode(new java.math.BigInteger("99999999999999999999999999"));
            case 5: return NODES.numberNode(1.5);
            case 6: return NODES.textNode("");
            case 7: return NODES.textNode("x");
            case 8: return NODES.booleanNode(true);
            case 9: return NODES.objectNode();
            case 10: return NODES.arrayNode();
            case 11: return NODES.arrayNode().add(NODES.nullNode());
            case 12: return NODES.objectNode().putNull("x");
            case 13: return NODES.objectNode().put("N", "1e999");
            case 14: return NODES.objectNode().put("S", "");
            case 15: return NODES.objectNode().put("B", "not base64");
            case 16: return NODES.objectNode().set("L", NODES.arrayNode().add(NODES.objectNode()));
            case 17: return deepDocument(40);
            case 18: return deepArray(1_500);
            case 19: return NODES.objectNode().set("SS", NODES.arrayNode().add("a").add("a"));
            case 20: return NODES.objectNode().put("NULL", false);
            default: return NODES.textNode("x".repeat(300));
        }
    }

    private static JsonNode deepDocument(int levels) {
        JsonNode node = NODES.objectNode().put("S", "leaf");
        for (int i = 0; i < levels; i++) {
            node = NODES.objectNode().set("M", NODES.objectNode().set("a", node));
        }
        return node;
    }

    private static JsonNode deepArray(int levels) {
        JsonNode node = NODES.arrayNode();
        for (int i = 0; i < levels; i++) {
            node = NODES.arrayNode().add(node);
        }
        return node;
    }
}
