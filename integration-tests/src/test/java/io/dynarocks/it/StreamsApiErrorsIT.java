package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.server.DynaRocks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The DynamoDB Streams API's answers to bad ARNs, filters and positions. */
class StreamsApiErrorsIT {

    static StreamServer server;
    static DynamoDbStreamsClient streams;
    static String arn;

    @BeforeAll
    static void start() {
        server = new StreamServer(DynaRocks.builder().inMemory().port(0));
        streams = server.streams();
        arn = server.streamTable("Changes", StreamViewType.KEYS_ONLY);
        for (int i = 0; i < 3; i++) {
            String v = Integer.toString(i);
            server.db().putItem(b -> b.tableName("Changes").item(Map.of("pk", AttributeValue.fromS("same"),
                    "v", AttributeValue.fromN(v))));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private void rejected(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DynamoDbException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void malformedStreamArnsAreValidationErrorsAndUnknownOnesNotFound() {
        rejected(() -> streams.describeStream(b -> b.streamArn("fake-stream")), "Invalid StreamArn");
        rejected(() -> streams.getShardIterator(b -> b.streamArn("arn:aws:dynamodb:us-east-1:000000000000:table/Changes")
                .shardId("shardId-00000000000000000000-00000000").shardIteratorType(ShardIteratorType.LATEST)),
                "Invalid StreamArn");
        String unknown = arn.replace("Changes", "Other");
        assertThatThrownBy(() -> streams.describeStream(b -> b.streamArn(unknown)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void listStreamsRejectsAStartArnThatNamesNoStream() {
        rejected(() -> streams.listStreams(b -> b.exclusiveStartStreamArn("nope")), "Invalid ExclusiveStartStreamArn");
        String unknown = arn.replace("Changes", "Other");
        assertThatThrownBy(() -> streams.listStreams(b -> b.exclusiveStartStreamArn(unknown)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(streams.listStreams(b -> b.exclusiveStartStreamArn(arn)).streams()).isEmpty();
    }

    @Test
    void shardFiltersNeedATypeAndAShardOfTheStream() {
        String shard = StreamClients.shards(streams, arn).get(0).shardId();
        assertThatThrownBy(() -> streams.describeStream(b -> b.streamArn(arn).shardFilter(f -> f.shardId(shard))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Value null at 'shardFilter.type' failed to satisfy constraint: Member must not "
                        + "be null");
        assertThatThrownBy(() -> streams.describeStream(b -> b.streamArn(arn).shardFilter(f -> f.type("CHILD_SHARDS"))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Value null at 'shardFilter.shardId' failed to satisfy constraint: Member must "
                        + "not be null");
        assertThatThrownBy(() -> streams.describeStream(b -> b.streamArn(arn).shardFilter(f -> f.type("CHILD_SHARDS")
                .shardId("shardId-00000000000000000000-0000ffff"))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(streams.describeStream(b -> b.streamArn(arn).shardFilter(f -> f.type("CHILD_SHARDS")
                .shardId(shard))).streamDescription().shards()).isEmpty();
    }

    @Test
    void sequenceNumberIteratorsOnALiveShardStartAtRecordsStillThere() {
        List<Record> records = StreamClients.all(streams, arn);
        assertThat(records).hasSize(3);
        Shard shard = StreamClients.shards(streams, arn).stream()
                .filter(s -> !StreamClients.drain(streams, streams.getShardIterator(b -> b.streamArn(arn)
                        .shardId(s.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator())
                        .isEmpty())
                .findFirst().orElseThrow();
        // The shard's StartingSequenceNumber is a position before its first record, not a trimmed one.
        String start = shard.sequenceNumberRange().startingSequenceNumber();
        String fromStart = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(start)).shardIterator();
        assertThat(StreamClients.drain(streams, fromStart)).hasSize(records.size());
        for (int i = 0; i < records.size(); i++) {
            String seq = records.get(i).dynamodb().sequenceNumber();
            String at = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(seq)).shardIterator();
            assertThat(StreamClients.drain(streams, at)).hasSize(records.size() - i);
            String after = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(seq)).shardIterator();
            assertThat(StreamClients.drain(streams, after)).hasSize(records.size() - i - 1);
        }
    }
}
